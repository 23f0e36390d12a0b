#!/usr/bin/env bash
# Lookup benchmark: memoria vs a RapidFuzz brute-force scan on the same TM and
# queries, in one run. Not a test: run it by hand (the 1M size takes minutes).
#
#   scripts/bench-lookup.sh                 # sizes 100000 and 1000000
#   SIZES=100000 ORACLE=500 scripts/bench-lookup.sh
#   SIZES="100000 1000000 10000000" scripts/bench-lookup.sh   # the scale table (10M: ~40 min)
#
# For each size it builds a TM of the real es-en pairs of
# ../shared/corpus/parallel/ padded with generated near-duplicates (numbers
# changed, words dropped/swapped/inserted, halves recombined), writes it as
# TMX and imports that with `memoria import` (TU/s, TM file size, peak RSS
# of the import process by /usr/bin/time), makes 500
# queries by editing real sentences that stay in the TM
# (../shared/baselines/fuzzy_bruteforce.py --make-queries, originals kept),
# takes as a second query set every segment of the Spanish releases of
# ../shared/corpus/releases/ and releases-more/ (`memoria segment`, repeats
# kept: what a press office really pretranslates), and prints:
#   - for each set, memoria in-process Tm::lookup p50/p95/p99/max ms (single
#     thread, wall; CPU p50/p95), TUVs verified (mean, max), scans,
#   - whole `memoria lookup` processes p50/p95 ms (edited set), the peak RSS
#     of the in-process lookups (VmHWM) and of one lookup process,
#   - for each set, recall against Tm::lookup_exhaustive (same top-1 score,
#     exhaustive matches >= 70 returned) on ORACLE queries,
#   - the time of `memoria pretranslate` of one file made of the
#     releases-more Spanish texts (~233 KB, ~2,058 segments), XLIFF 1.2,
#   - RapidFuzz brute force p50/p95 ms on the edited set (Python venv made by
#     ../shared/baselines/setup.sh under target/),
#   - at the end, the scale table ($WORK/scale.tsv, one row a size), drawn by
#     scripts/plot-scale.py into $WORK/scale.png (PLOT_OUT elsewhere; PLOT=0
#     none) and printed as Markdown for crates/store/README.md.
# Env: SIZES, QUERIES (500), ORACLE (queries of each set checked against the
# exhaustive scan, Tm::lookup_exhaustive_many, one scan for a share of the
# queries on each core; default all of them: ~7 min at 1M on 2 cores the
# first time; the results are kept in $WORK/oracle-SIZE.tsv and reused while
# the TM has the same size; above 1M pairs ORACLE_LARGE, 200, of each set:
# ~10 min a set at 10M), RF_LARGE (RapidFuzz queries above 1M pairs, 50), PROCESSES (100), WORK
# (target/bench-lookup), REBUILD (0: reuse $WORK/tm-SIZE.db when it exists;
# 1: build and import it again), IMPORTS (fresh imports of a TM built, the
# best reported: 3 up to 1M pairs, 1 above), RAPIDFUZZ (1; 0 skips the
# Python baseline).
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
# One row a size for the scale table and plot (scripts/plot-scale.py).
SCALE="$WORK/scale.tsv"
printf 'size\ttmx_mb\ttm_mb\timport_s\timport_rss_mb\tedited_p50\tedited_p95\tedited_p99\treal_p50\treal_p95\treal_p99\tproc_p50\tproc_p95\trss_lookup_mb\trss_process_mb\trecall_edited\trecall_real\trapidfuzz_p50\trapidfuzz_p95\n' >"$SCALE"
for size in $SIZES; do
  echo
  echo "== TM of $size pairs"
  db="$WORK/tm-$size.db"
  tmx="$WORK/tm-$size.tmx"
  # Import figures are kept beside the TM, for a run that reuses it.
  imported="$WORK/import-$size.tsv"
  if [ "${REBUILD:-0}" = 1 ] || [ ! -s "$db" ] || [ ! -s "$WORK/tm-$size.tsv" ] || [ ! -s "$imported" ]; then
    "$BENCH" build --size "$size" --tm-out "$WORK/tm-$size.tsv" --tmx-out "$tmx"
    rm -f "$WORK/oracle-$size.tsv"
    # The best of IMPORTS fresh imports (3 up to 1M pairs, else 1), each
    # into an empty TM; its peak RSS beside it.
    runs="${IMPORTS:-$([ "$size" -le 1000000 ] && echo 3 || echo 1)}"
    best=
    for run in $(seq "$runs"); do
      rm -f "$db" "$db-wal" "$db-shm"
      /usr/bin/time -f "%e %M" -o "$WORK/import-$size.time" target/release/memoria --db "$db" import "$tmx" >/dev/null
      read -r secs rss_kb <"$WORK/import-$size.time"
      echo "import $run of $runs: $secs s, peak RSS $((rss_kb / 1024)) MB, TM file $(stat -c %s "$db") bytes, TMX $(stat -c %s "$tmx") bytes"
      if [ -z "$best" ] || [ "$(echo "$secs < $best" | bc)" = 1 ]; then
        best=$secs
        best_rss=$((rss_kb / 1024))
      fi
    done
    printf '%s\t%s\t%s\t%s\n' "$(du -m "$tmx" | cut -f1)" "$(du -m "$db" | cut -f1)" "$best" "$best_rss" >"$imported"
    rm -f "$tmx"
  else
    echo "reusing $db (REBUILD=1 builds it again)"
  fi
  IFS=$'\t' read -r tmx_mb tm_mb secs import_rss <"$imported"
  echo "memoria import of $tmx ($tmx_mb MB): $secs s = $(echo "$size / $secs" | bc) TU/s; peak RSS $import_rss MB; TM file $tm_mb MB = $(echo "scale=2; $tm_mb / $tmx_mb" | bc)x the TMX"
  # The exhaustive scan reads every TUV of the language per query: above 1M
  # pairs it checks ORACLE_LARGE queries of each set (a sample).
  oracle="${ORACLE:-1000000}"
  [ "$size" -gt 1000000 ] && oracle="${ORACLE_LARGE:-200}"
  out="$WORK/query-$size.out"
  "$BENCH" query --db "$db" --queries "$Q" --real "$REAL" --oracle "$oracle" \
    --oracle-cache "$WORK/oracle-$size.tsv" --memoria target/release/memoria --processes "$PROCESSES" | tee "$out"
  start=$(date +%s.%N)
  target/release/memoria --db "$db" pretranslate "$RELEASE" --from es --to en --format xliff12 \
    -o "$WORK/releases-more.en.xlf" 2>"$WORK/pretranslate.log"
  secs=$(echo "$(date +%s.%N) - $start" | bc)
  echo "memoria pretranslate of $RELEASE ($(du -k "$RELEASE" | cut -f1) KB, $(target/release/memoria segment "$RELEASE" --lang es | wc -l) segments): $secs s ($(tail -1 "$WORK/pretranslate.log"))"
  rf50=; rf95=
  if [ "${RAPIDFUZZ:-1}" = 1 ]; then
    # Above 1M pairs RapidFuzz scans RF_LARGE queries (a Python scan of 10M
    # strings takes seconds a query).
    rq="$Q"
    if [ "$size" -gt 1000000 ]; then
      rq="$WORK/queries-rapidfuzz.tsv"
      head -n "$((${RF_LARGE:-50} + 1))" "$Q" >"$rq"
    fi
    echo "RapidFuzz brute force (Levenshtein normalized similarity, cutoff 70, top 5, same TM and edited queries$([ "$rq" = "$Q" ] || echo ", first ${RF_LARGE:-50}")):"
    "$PY" ../shared/baselines/fuzzy_bruteforce.py --tm "$WORK/tm-$size.tsv" --queries "$rq" --keep-originals \
      --limit 5 | tee "$WORK/rapidfuzz-$size.out" | sed 's/^/  /'
    rf50=$(awk '$1 == "p50_ms" {print $2}' "$WORK/rapidfuzz-$size.out")
    rf95=$(awk '$1 == "p95_ms" {print $2}' "$WORK/rapidfuzz-$size.out")
  fi
  v() { grep -o "$1=[^ ]*" "$out" | head -1 | cut -d= -f2; }
  e() { grep "scale: set=$1 " "$out" | grep -o "$2=[^ ]*" | cut -d= -f2; }
  IFS=$'\t' read -r _ _ isecs _ <"$imported"
  printf '%s\n' "$(printf '%s\t' "$size" "$tmx_mb" "$tm_mb" "$isecs" "$import_rss" \
    "$(e edited p50)" "$(e edited p95)" "$(e edited p99)" "$(e real p50)" "$(e real p95)" "$(e real p99)" \
    "$(v proc_p50)" "$(v proc_p95)" "$(v rss_lookup_mb)" "$(v rss_process_mb)" \
    "$(v recall_edited)" "$(v recall_real)" "$rf50")$rf95" >>"$SCALE"
  echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
done
echo
echo "== scale ($SCALE)"
column -t -s $'\t' "$SCALE"
if [ "${PLOT:-1}" = 1 ]; then
  # Debian's matplotlib draws the plot.
  /usr/bin/python3 -c 'import matplotlib' 2>/dev/null || { apt-get update -qq && apt-get install -y -qq python3-matplotlib; }
  /usr/bin/python3 scripts/plot-scale.py "$SCALE" "${PLOT_OUT:-$WORK/scale.png}"
fi
