#!/usr/bin/env bash
# Fuzzes the four readers for SECONDS each (default 600), two at a time,
# niced, seeded from the repository's samples and the shared corpus.
# Prints each target's executions and any crash file. See fuzz/README.md.
set -euo pipefail
cd "$(dirname "$0")/../fuzz"
secs=${1:-600}
seed() { mkdir -p "corpus/$1"; shift; for f in "$@"; do [ -f "$f" ] && cp -f "$f" "corpus/${target}/" || true; done; }
target=tmx_reader; seed $target ../../shared/corpus/tmx/*.tmx ../samples/tmx/*.tmx
target=srx_loader; seed $target ../crates/core/rules/default.srx ../samples/srx/*.srx
target=segmenter; seed $target ../samples/releases/*.txt ../samples/new/*.txt
target=html_reader; seed $target ../samples/html/*.html ../samples/*/*.html
export RUSTC_BOOTSTRAP=1
cargo fuzz build -O
run() {
  nice -n 10 cargo fuzz run -O "$1" -- -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 \
    -max_len=65536 >"fuzz-$1.log" 2>&1 || echo "$1: libFuzzer exited non-zero (see fuzz-$1.log)"
  grep -E "^(#[0-9]+ *DONE|Done [0-9]+ runs)" "fuzz-$1.log" | tail -2 | sed "s/^/$1: /"
}
run tmx_reader & run srx_loader & wait
run segmenter & run html_reader & wait
ls artifacts/*/ 2>/dev/null || echo "no crash artifacts"
