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
# and prints:
#   - memoria in-process Tm::lookup p50/p95 ms (single thread, wall and CPU),
#   - whole `memoria lookup` processes p50/p95 ms,
#   - recall against Tm::lookup_exhaustive (same score) on ORACLE queries,
#   - RapidFuzz brute force p50/p95 ms (Python venv made by
#     ../shared/baselines/setup.sh under target/).
# Env: SIZES, QUERIES (500), ORACLE (queries checked against the exhaustive
# scan, on every core; default all of them: ~7 min at 1M on 2 cores),
# PROCESSES (100), WORK (target/bench-lookup).
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

echo "machine: $(nproc) cores; load average now: $(cut -d' ' -f1-3 /proc/loadavg)"
for size in $SIZES; do
  echo
  echo "== TM of $size pairs"
  db="$WORK/tm-$size.db"
  tmx="$WORK/tm-$size.tmx"
  "$BENCH" build --size "$size" --tm-out "$WORK/tm-$size.tsv" --tmx-out "$tmx"
  rm -f "$db" "$db-wal" "$db-shm"
  start=$(date +%s.%N)
  target/release/memoria --db "$db" import "$tmx" >/dev/null
  secs=$(echo "$(date +%s.%N) - $start" | bc)
  echo "memoria import of $tmx ($(du -m "$tmx" | cut -f1) MB): $secs s = $(echo "$size / $secs" | bc) TU/s; TM file $(du -m "$db" | cut -f1) MB"
  rm -f "$tmx"
  "$BENCH" query --db "$db" --queries "$Q" --oracle "${ORACLE:-$QUERIES}" \
    --memoria target/release/memoria --processes "$PROCESSES"
  echo "RapidFuzz brute force (Levenshtein normalized similarity, cutoff 70, top 5, same TM and queries):"
  "$PY" ../shared/baselines/fuzzy_bruteforce.py --tm "$WORK/tm-$size.tsv" --queries "$Q" --keep-originals \
    --limit 5 | sed 's/^/  /'
  echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
done
