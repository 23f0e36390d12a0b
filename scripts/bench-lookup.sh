#!/usr/bin/env bash
# Lookup benchmark: memoria vs a RapidFuzz brute-force scan on the same TM and
# queries, in one run. Not a test: run it by hand (the 1M size takes minutes).
#
#   scripts/bench-lookup.sh                 # sizes 100000 and 1000000
#   SIZES=100000 ORACLE=500 scripts/bench-lookup.sh
#
# For each size it builds a TM of the real es-en pairs of
# ../shared/corpus/parallel/ padded with generated near-duplicates (numbers
# changed, words dropped/swapped/inserted, halves recombined), writes it as
# TMX and imports that with `memoria import` (TU/s, TM file size), makes 500
# queries by editing real sentences that stay in the TM
# (../shared/baselines/fuzzy_bruteforce.py --make-queries, originals kept),
# takes as a second query set every segment of the Spanish releases of
# ../shared/corpus/releases/ and releases-more/ (`memoria segment`, repeats
# kept: what a press office really pretranslates), and prints:
#   - for each set, memoria in-process Tm::lookup p50/p95/p99/max ms (single
#     thread, wall; CPU p50/p95), TUVs verified (mean, max), scans,
#   - whole `memoria lookup` processes p50/p95 ms (edited set),
#   - for each set, recall against Tm::lookup_exhaustive (same top-1 score,
#     exhaustive matches >= 70 returned) on ORACLE queries,
#   - the time of `memoria pretranslate` of one file made of the
#     releases-more Spanish texts (~233 KB, ~2,058 segments), XLIFF 1.2,
#   - RapidFuzz brute force p50/p95 ms on the edited set (Python venv made by
#     ../shared/baselines/setup.sh under target/).
# Env: SIZES, QUERIES (500), ORACLE (queries of each set checked against the
# exhaustive scan, on every core; default all of them: 80 min at 1M on 2 busy
# cores the first time; the results are kept in $WORK/oracle-SIZE.tsv and
# reused while the TM has the same size), PROCESSES (100), WORK
# (target/bench-lookup), REBUILD (0: reuse $WORK/tm-SIZE.db when it exists;
# 1: build and import it again), RAPIDFUZZ (1; 0 skips the Python baseline).
set -euo pipefail
cd "$(dirname "$0")/.."
SIZES="${SIZES:-100000 1000000}"
QUERIES="${QUERIES:-500}"
PROCESSES="${PROCESSES:-100}"
WORK="${WORK:-target/bench-lookup}"
C=../shared/corpus/parallel
TM_FILES="$C/wmt_news_es_en.tsv,$C/flores_ntrex_es_en.tsv,$C/tatoeba_test_es_en.tsv"
mkdir -p "$WORK"

echo "== building memoria and the bench harness (release)" >&2
cargo build --release -p memoria >&2
cargo bench -p memoria-store --bench lookup_bench --no-run >&2
BENCH=$(ls -t target/release/deps/lookup_bench-* | grep -v "\.d$" | head -1)
PY=$(BASELINES_VENV="$PWD/target/venv-baselines" ../shared/baselines/setup.sh | tail -1)

Q="$WORK/queries.tsv"
"$PY" ../shared/baselines/fuzzy_bruteforce.py --tm "$TM_FILES" --make-queries "$QUERIES" --out "$Q"

# The real query set and the pretranslated file (made under $WORK, never in the repo).
R=../shared/corpus
REAL="$WORK/real-segments.txt"
RELEASE="$WORK/releases-more.es.txt"
for f in "$R"/releases/*.es.txt "$R"/releases-more/*.es.txt; do
  target/release/memoria segment "$f" --lang es
done >"$REAL"
for f in "$R"/releases-more/*.es.txt; do cat "$f"; echo; done >"$RELEASE"

echo "machine: $(nproc) cores; load average now: $(cut -d' ' -f1-3 /proc/loadavg)"
for size in $SIZES; do
  echo
  echo "== TM of $size pairs"
  db="$WORK/tm-$size.db"
  tmx="$WORK/tm-$size.tmx"
  if [ "${REBUILD:-0}" = 1 ] || [ ! -s "$db" ] || [ ! -s "$WORK/tm-$size.tsv" ]; then
    "$BENCH" build --size "$size" --tm-out "$WORK/tm-$size.tsv" --tmx-out "$tmx"
    rm -f "$db" "$db-wal" "$db-shm" "$WORK/oracle-$size.tsv"
    start=$(date +%s.%N)
    target/release/memoria --db "$db" import "$tmx" >/dev/null
    secs=$(echo "$(date +%s.%N) - $start" | bc)
    echo "memoria import of $tmx ($(du -m "$tmx" | cut -f1) MB): $secs s = $(echo "$size / $secs" | bc) TU/s; TM file $(du -m "$db" | cut -f1) MB"
    rm -f "$tmx"
  else
    echo "reusing $db ($(du -m "$db" | cut -f1) MB; REBUILD=1 builds it again)"
  fi
  "$BENCH" query --db "$db" --queries "$Q" --real "$REAL" --oracle "${ORACLE:-1000000}" \
    --oracle-cache "$WORK/oracle-$size.tsv" --memoria target/release/memoria --processes "$PROCESSES"
  start=$(date +%s.%N)
  target/release/memoria --db "$db" pretranslate "$RELEASE" --from es --to en --format xliff12 \
    -o "$WORK/releases-more.en.xlf" 2>"$WORK/pretranslate.log"
  secs=$(echo "$(date +%s.%N) - $start" | bc)
  echo "memoria pretranslate of $RELEASE ($(du -k "$RELEASE" | cut -f1) KB, $(target/release/memoria segment "$RELEASE" --lang es | wc -l) segments): $secs s ($(tail -1 "$WORK/pretranslate.log"))"
  if [ "${RAPIDFUZZ:-1}" = 1 ]; then
    echo "RapidFuzz brute force (Levenshtein normalized similarity, cutoff 70, top 5, same TM and edited queries):"
    "$PY" ../shared/baselines/fuzzy_bruteforce.py --tm "$WORK/tm-$size.tsv" --queries "$Q" --keep-originals \
      --limit 5 | sed 's/^/  /'
  fi
  echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
done
