#!/usr/bin/env bash
# TMX benchmark (by hand, never in `cargo test`): generates large TMX files
# from the TUs of ../shared/corpus/tmx (unique tuids and segment texts) and
# prints, in one run, memoria's parse-only TU/s, import-into-SQLite TU/s and
# peak RSS next to lxml iterparse and Translate Toolkit on the same file.
#
#   scripts/bench-tmx.sh            # speed: 100k TUs (~35 MB): memoria, lxml, Translate Toolkit
#   scripts/bench-tmx.sh --big      # also memory: a >= 1 GB file (memoria import RSS, lxml)
#
# Files go to out/bench/ (git-ignored). Needs python3 for the baselines
# (../shared/baselines/setup.sh makes its virtualenv).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
OUT=$ROOT/out/bench
mkdir -p "$OUT"
PY=$(../shared/baselines/setup.sh | tail -1)
cargo build --release -p memoria >&2
cargo bench -q -p memoria-formats --bench tmx --no-run >&2
bench() { cargo bench -q -p memoria-formats --bench tmx -- "$@"; }

[ -f "$OUT/speed.tmx" ] || bench make "$OUT/speed.tmx" --tus 100000
echo "== speed: 100k TUs"
bench run "$OUT/speed.tmx" --baselines "$PY" --readers lxml,tt --repeat 5

if [ "${1:-}" = "--big" ]; then
  [ -f "$OUT/big.tmx" ] || bench make "$OUT/big.tmx" --tus 2900000
  echo "== memory: >= 1 GB (one run each; Translate Toolkit would need ~13x the file in RAM)"
  bench run "$OUT/big.tmx" --baselines "$PY" --readers lxml --repeat 1
fi
