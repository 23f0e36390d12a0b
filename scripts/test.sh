#!/usr/bin/env bash
# The whole test suite: unit and end-to-end tests of every crate, then the
# interoperability checks with real tools (each installs what it needs).
set -euo pipefail
cd "$(dirname "$0")/.."
cargo test --workspace --release
# The benchmarks are run by hand; building them here keeps them compiling.
cargo bench --workspace --no-run
for t in tests/interop/*.sh; do
  [ -e "$t" ] || continue
  echo "== $t"
  bash "$t"
done
