#!/usr/bin/env bash
# DOCX extraction benchmark (issue 18): a large generated Word release (the new sample release
# written N times by crates/formats/examples/make_release.rs, with split runs, bold, links,
# tracked changes, a table and a footnote: some hundreds of pages), read in one run by
#   memoria:     `memoria segment FILE --lang es` (unzip, parse, run merging, segmentation,
#                every segment printed), and
#   python-docx: `Document(FILE)` and every body paragraph's `.text` (paragraph text only,
#                no segmentation), the reference.
# Prints MB/s of the package's XML (uncompressed) for each (CPU time, user + system, of the whole process, and
# wall time), and the ratio. Usage: bash scripts/bench-docx.sh [REPEAT=2000]
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
REPEAT=${1:-2000}
VENV="$ROOT/target/interop/venv-docs"
if ! "$VENV/bin/python" -c "import docx" 2>/dev/null; then
  python3 -m venv "$VENV" && "$VENV/bin/pip" install -q python-docx==1.1.2 >&2 \
    || { echo "bench-docx.sh: cannot install python-docx" >&2; exit 1; }
fi
cargo build --release --quiet -p memoria
cargo build --release --quiet -p memoria-formats --example make_release
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
BIG="$WORK/big.es.docx"
target/release/examples/make_release samples/new/debian-2016-squeeze-lts-eol.es.txt "$BIG" --repeat "$REPEAT"
# Throughput counts the XML both read: the uncompressed parts of the package (the zip itself
# compresses this repetitive file some 50 times).
SIZE=$(python3 -c 'import sys, zipfile; print(sum(i.file_size for i in zipfile.ZipFile(sys.argv[1]).infolist()))' "$BIG")
echo "file: $REPEAT copies of the new release, $(stat -c %s "$BIG") bytes zipped, $SIZE bytes of XML; load: $(cut -d' ' -f1-3 /proc/loadavg)"
# CPU and wall seconds of a command, from GNU time's format in a file.
measure() {
  local out=$1; shift
  /usr/bin/env python3 - "$out" "$@" <<'PY'
import os, resource, subprocess, sys, time
out, cmd = sys.argv[1], sys.argv[2:]
t0 = time.perf_counter()
with open(out, "wb") as f:
    subprocess.run(cmd, stdout=f, stderr=subprocess.DEVNULL, check=True)
wall = time.perf_counter() - t0
r = resource.getrusage(resource.RUSAGE_CHILDREN)
print("%.3f %.3f" % (r.ru_utime + r.ru_stime, wall))
PY
}
read -r m_cpu m_wall < <(measure "$WORK/memoria.txt" target/release/memoria segment "$BIG" --lang es)
read -r p_cpu p_wall < <(measure "$WORK/python.txt" "$VENV/bin/python" -c '
import sys, docx
for p in docx.Document(sys.argv[1]).paragraphs:
    print(p.text)' "$BIG")
python3 - "$SIZE" "$m_cpu" "$m_wall" "$p_cpu" "$p_wall" "$(grep -c . "$WORK/memoria.txt")" "$(grep -c . "$WORK/python.txt")" <<'PY'
import sys
size, mc, mw, pc, pw, ms, pp = sys.argv[1:]
size, mc, mw, pc, pw = int(size) / 1e6, float(mc), float(mw), float(pc), float(pw)
print("memoria segment:   %.2f s CPU, %.2f s wall: %.1f MB/s (CPU), %s segments" % (mc, mw, size / mc, ms))
print("python-docx text:  %.2f s CPU, %.2f s wall: %.1f MB/s (CPU), %s non-empty paragraphs" % (pc, pw, size / pc, pp))
print("memoria / python-docx: %.1fx (CPU), %.1fx (wall)" % (pc / mc, pw / mw))
PY
