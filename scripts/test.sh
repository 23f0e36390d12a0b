#!/usr/bin/env bash
# The whole test suite: unit and end-to-end tests of every crate, then the
# interoperability checks with real tools (each installs what it needs).
# A throwaway PostgreSQL cluster (scripts/pg-cluster.sh: installed from
# Debian's packages when missing, in a temporary folder, on a private port)
# serves the PostgreSQL backend's tests (MEMORIA_TEST_DB_URL) and is stopped
# at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
# memoria serve's browser tests drive Debian's headless Chromium through
# chromedriver (WebDriver over native-tls: libssl-dev, pkg-config). Installed
# here when missing; an install that fails fails the suite (never a skip).
need=()
for p in chromium chromium-driver libssl-dev pkg-config; do
  dpkg -s "$p" >/dev/null 2>&1 || need+=("$p")
done
if [ ${#need[@]} -gt 0 ]; then
  echo "== installing ${need[*]}"
  if [ "$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}"
fi
source scripts/pg-cluster.sh
trap pg_cluster_stop EXIT
pg_cluster_start
cargo test --workspace --release
# The benchmarks are run by hand; building them here keeps them compiling.
cargo bench --workspace --no-run
for t in tests/interop/*.sh; do
  [ -e "$t" ] || continue
  echo "== $t"
  bash "$t"
done
