#!/usr/bin/env bash
# XLIFF import benchmark: memoria next to Translate Toolkit on the same files,
# in one run. Not a test: run it by hand.
#
#   scripts/bench-xliff.sh            # 100k units, XLIFF 1.2 and 2.1
#   UNITS=20000 scripts/bench-xliff.sh
#
# For each version it generates an XLIFF of UNITS translated units from the
# real es-en pairs (with inline codes: <g>/<x/> in 1.2, <pc>/<ph/> in 2.1;
# crates/formats/benches/xliff.rs), then prints:
#   - memoria parse-only units/s (every unit read and classified, best of 3),
#     by wall time and by the process's CPU time (on a loaded machine the CPU
#     figures are the fairer comparison: both parsers are single-threaded),
#   - `memoria import` into a fresh TM: wall seconds and units/s (every index built),
#   - Translate Toolkit's parse of the same file (translate.storage.xliff for 1.2,
#     translate.storage.xliff2 for 2.1; best of 3) and the ratio.
set -euo pipefail
cd "$(dirname "$0")/.."
UNITS="${UNITS:-100000}"
WORK="${WORK:-$PWD/target/bench-xliff}"
mkdir -p "$WORK"
cargo build --release -p memoria >&2
cargo bench -q -p memoria-formats --bench xliff --no-run >&2
bench() { cargo bench -q -p memoria-formats --bench xliff -- "$@"; }
VENV="$PWD/target/interop/venv"
if [ ! -x "$VENV/bin/python" ]; then
  python3 -m venv "$VENV" && "$VENV/bin/pip" install -q translate-toolkit==3.20.4 >&2
fi
echo "machine: $(nproc) cores; load average now: $(cut -d' ' -f1-3 /proc/loadavg)"
for v in 1.2 2.1; do
  f="$WORK/bench-$v.xlf"
  [ -f "$f" ] || bench make "$f" --units "$UNITS" --version "$v"
  echo
  echo "== XLIFF $v, $UNITS units ($(du -m "$f" | cut -f1) MB)"
  ours=$(bench parse "$f" --repeat 3)
  echo "$ours"
  db="$WORK/tm-$v.db"; rm -f "$db" "$db-wal" "$db-shm"
  /usr/bin/time -f "%e %U %S" -o "$WORK/time.txt" target/release/memoria --db "$db" import "$f" >/dev/null
  read -r secs user sys <"$WORK/time.txt"
  echo "memoria import: $secs s wall, $(echo "$user + $sys" | bc) s CPU (all threads) = $(echo "$UNITS / $secs" | bc) units/s"
  theirs=$("$VENV/bin/python" - "$f" "$v" <<'PY'
import sys, time
path, v = sys.argv[1], sys.argv[2]
if v.startswith("2"):
    from translate.storage import xliff2 as mod
    cls = mod.Xliff2File
else:
    from translate.storage import xliff as mod
    cls = mod.xlifffile
best, best_cpu, n = None, None, 0
for _ in range(3):
    t0, c0 = time.perf_counter(), time.process_time()
    with open(path, "rb") as fh:
        store = cls.parsefile(fh)
    n = sum(1 for u in store.units if not u.isheader() and u.target)
    dt, dc = time.perf_counter() - t0, time.process_time() - c0
    best = dt if best is None else min(best, dt)
    best_cpu = dc if best_cpu is None else min(best_cpu, dc)
print(f"{n} {best:.3f} {best_cpu:.3f}")
PY
)
  read -r n tsecs tcpu <<<"$theirs"
  echo "Translate Toolkit parse: $n units in $tsecs s wall, $tcpu s CPU (best of 3) = $(echo "$n / $tsecs" | bc) units/s wall, $(echo "$n / $tcpu" | bc) units/s CPU"
  ours_wall=$(echo "$ours" | sed 's/.*= \([0-9]*\) units\/s wall.*/\1/')
  ours_cpu=$(echo "$ours" | sed 's/.*wall, \([0-9]*\) units\/s CPU/\1/')
  echo "memoria parse-only / Translate Toolkit: $(echo "scale=1; $ours_wall * $tsecs / $n" | bc)x wall, $(echo "scale=1; $ours_cpu * $tcpu / $n" | bc)x CPU"
done
