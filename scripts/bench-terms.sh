#!/usr/bin/env bash
# Terminology benchmark, in one run (not a test: run it by hand):
#   - term recognition in a 1 MB release (the Spanish releases of
#     ../shared/corpus/releases and releases-more, repeated) against a
#     generated glossary of ENTRIES entries: memoria's recogniser (Aho-Corasick
#     over stemmed, accent-free word numbers) on the whole text and line by
#     line, next to a per-term case-insensitive whole-word regex scan (REGEX_TERMS
#     terms measured, extrapolated to all) and to an Aho-Corasick scan over the
#     raw lower-cased text with a word-boundary filter (Weblate's approach);
#   - glossary import: the same glossary as a TBX v3 file into a new TM, entries/s;
#   - the same import through the `memoria terms import` binary.
# Acceptance (issue 19): recognition < 100 ms for 1 MB x 100k entries; import >= 50k entries/s.
#
#   scripts/bench-terms.sh                      # 100000 entries, 2000 regex terms
#   ENTRIES=100000 REGEX_TERMS=0 scripts/bench-terms.sh   # every regex (minutes)
#   chrt -f 50 scripts/bench-terms.sh           # on a busy machine (as root): our threads run first
set -euo pipefail
cd "$(dirname "$0")/.."
ENTRIES="${ENTRIES:-100000}"
REGEX_TERMS="${REGEX_TERMS:-2000}"
echo "load: $(uptime)"
cargo bench -q -p memoria-leverage --bench terms -- "$ENTRIES" "$REGEX_TERMS"
cargo build --release -q -p memoria
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# The binary's import, from a CSV glossary of the same size (generated here) and its TBX export.
python3 - "$ENTRIES" > "$work/g.csv" <<'PY'
import sys
n = int(sys.argv[1])
print("id,es,en,en:status")
for k in range(n):
    print(f"e{k},término {k} de prueba,test term {k},{'deprecated' if k % 10 == 0 else 'preferred'}")
PY
M=target/release/memoria
t0=$(date +%s.%N); "$M" --db "$work/a.db" terms import "$work/g.csv" > /dev/null; t1=$(date +%s.%N)
"$M" --db "$work/a.db" terms export -o "$work/g.tbx" 2> /dev/null
t2=$(date +%s.%N); "$M" --db "$work/b.db" terms import "$work/g.tbx" > /dev/null; t3=$(date +%s.%N)
python3 -c "
n=$ENTRIES
print(f'memoria terms import (binary, whole process): CSV {n/($t1-$t0):.0f} entries/s, TBX {n/($t3-$t2):.0f} entries/s')"
