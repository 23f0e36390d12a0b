#!/usr/bin/env bash
# memoria serve benchmark, one run (by hand; not a test):
#   - the release review page of a 300-segment release over a TM of SIZE
#     pairs: the upload (read, segment, pretranslate) once, then the page's
#     server time (curl on loopback, 30 requests: median, p95, max);
#   - concordance with 50 concurrent clients (wrk, 2 threads, 20 s, phrases
#     cycled from the real releases' segments): p50/p95/p99 and requests/s.
# Targets (issue 21): review page < 300 ms at 1M pairs; concordance p95 <
# 100 ms with 50 clients.
#
#   scripts/bench-serve.sh                   # SIZE=1000000
#   SIZE=100000 scripts/bench-serve.sh
#   TM=/path/to/tm-1000000.db scripts/bench-serve.sh   # copies it (serve migrates a TM)
#
# The TM is built as scripts/bench-lookup.sh builds it (real es-en pairs of
# ../shared/corpus/parallel/ padded with generated near-duplicates) and kept
# in $WORK (target/bench-serve) for the next run. Needs wrk (Debian): installed
# when missing.
set -euo pipefail
cd "$(dirname "$0")/.."
SIZE="${SIZE:-1000000}"
WORK="${WORK:-target/bench-serve}"
PORT="${PORT:-18080}"
mkdir -p "$WORK"
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk; }
cargo build --release -p memoria >&2
M=target/release/memoria
db="$WORK/tm-$SIZE.db"
if [ ! -s "$db" ]; then
  if [ -n "${TM:-}" ]; then
    cp "$TM" "$db"
  else
    cargo bench -p memoria-store --bench lookup_bench --no-run >&2
    BENCH=$(ls -t target/release/deps/lookup_bench-* | grep -v "\.d$" | head -1)
    "$BENCH" build --size "$SIZE" --tm-out "$WORK/tm-$SIZE.tsv" --tmx-out "$WORK/tm-$SIZE.tmx"
    $M --db "$db" import "$WORK/tm-$SIZE.tmx" >/dev/null
    rm -f "$WORK/tm-$SIZE.tmx"
  fi
fi
rm -rf "$db.review"

# A 300-segment release: the Spanish releases of the corpus, in turn, cut at 300 segments.
R=../shared/corpus
REL="$WORK/release-300.es.txt"
: >"$REL"
for f in "$R"/releases-more/*.es.txt "$R"/releases/*.es.txt; do
  cat "$f" >>"$REL"; echo >>"$REL"
  n=$($M segment "$REL" --lang es | wc -l)
  [ "$n" -ge 300 ] && break
done
python3 - "$REL" "$M" <<'PY'
import subprocess, sys
path, m = sys.argv[1], sys.argv[2]
text = open(path, encoding="utf-8").read()
segs = subprocess.run([m, "segment", path, "--lang", "es", "--format", "json"], capture_output=True, text=True).stdout
import json
rows = [json.loads(l) for l in segs.splitlines() if l.strip()]
if isinstance(rows[0], list): rows = rows[0]
cut = rows[299]["end"] if len(rows) > 300 else len(text.encode())
open(path, "wb").write(text.encode()[:cut] + b"\n")
PY
echo "release: $($M segment "$REL" --lang es | wc -l) segments; TM: $db ($(du -m "$db" | cut -f1) MB, $SIZE pairs)"
echo "machine: $(nproc) cores; load average before: $(cut -d' ' -f1-3 /proc/loadavg)"

$M --db "$db" serve --addr "127.0.0.1:$PORT" 2>"$WORK/serve.log" &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true' EXIT
for _ in $(seq 1 600); do curl -s -o /dev/null "http://127.0.0.1:$PORT/static/app.css" && break; sleep 0.5; done
BASE="http://127.0.0.1:$PORT"
CSRF=$(curl -s "$BASE/release" | grep -o 'csrf=[0-9a-f]*' | head -1 | cut -d= -f2)
start=$(date +%s.%N)
LOC=$(curl -s -o /dev/null -w '%{redirect_url}' -F "release=@$REL" -F from=es -F to=en "$BASE/release?csrf=$CSRF")
echo "upload + pretranslate of the release: $(echo "($(date +%s.%N) - $start) * 1000 / 1" | bc) ms -> ${LOC#$BASE}"
for _ in $(seq 1 30); do curl -s -o /dev/null -w '%{time_total}\n' "$LOC"; done | sort -n >"$WORK/page.times"
python3 - "$WORK/page.times" <<'PY'
import sys
t = [float(x) * 1000 for x in open(sys.argv[1])]
p = lambda q: t[min(len(t) - 1, int(q * len(t)))]
print(f"review page (300 segments), server time over loopback: median {p(0.5):.1f} ms, p95 {p(0.95):.1f} ms, max {t[-1]:.1f} ms (target < 300 ms)")
PY

# Concordance: phrases of 2 words from the real segments, URL-encoded.
python3 - "$REL" "$WORK/phrases.lua" <<'PY'
import sys, urllib.parse, re
words = re.findall(r"\w{4,}", open(sys.argv[1], encoding="utf-8").read())
phr = [urllib.parse.quote(f"{a} {b}") for a, b in zip(words[::2], words[1::2])][:400]
with open(sys.argv[2], "w") as f:
    f.write("phrases = {" + ",".join(f'"{p}"' for p in phr) + "}\n")
    f.write('i = 0\nrequest = function()\n  i = i % #phrases + 1\n  return wrk.format("GET", "/tm/concordance?lang=es&to=en&q=" .. phrases[i])\nend\n')
    f.write('done = function(summary, latency, requests)\n  io.write(string.format("concordance, 50 clients: p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, %d requests, %d errors (non-2xx %d) (target p95 < 100 ms)\\n", latency:percentile(50)/1000, latency:percentile(95)/1000, latency:percentile(99)/1000, summary.requests, summary.errors.connect + summary.errors.read + summary.errors.timeout, summary.errors.status))\nend\n')
PY
# The server's CPU time (user + system, clock ticks) over the run: a figure
# the machine's other jobs do not inflate as much as latency.
cpu() { awk '{print $14 + $15}' "/proc/$SERVER/stat"; }
c0=$(cpu)
wrk -t2 -c50 -d20s --timeout 10s -s "$WORK/phrases.lua" "$BASE" | tee "$WORK/wrk.out" | tail -1
c1=$(cpu)
n=$(grep -o '[0-9]* requests,' "$WORK/wrk.out" | tail -1 | cut -d' ' -f1)
echo "server CPU during the concordance run: $(( (c1 - c0) * 1000 / $(getconf CLK_TCK) )) ms for $n requests ($(echo "scale=2; ($c1 - $c0) * 1000 / $(getconf CLK_TCK) / $n" | bc) ms a request)"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
