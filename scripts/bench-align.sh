#!/usr/bin/env bash
# Alignment benchmark: memoria's F1 next to NLTK's Gale-Church on the same
# presegmented inputs, in two tables: tests/data/align (the gold release pairs the
# aligner was developed on, clean and perturbed) and tests/data/align-heldout (news
# "releases" made by scripts/align-heldout.py, kept apart from tuning), then the
# time to align a pair of 500+ sentences, in one run.
#
#   scripts/bench-align.sh            # builds memoria (release), makes the venv on first use
#
# Scores are link precision/recall/F1 (each bead expanded to its es x en sentence
# links), computed by `memoria align --gold` (memoria_core::align::LinkScores) and by
# the baseline script's --gold (same definition). NLTK is run by
# ../shared/baselines/gale_church.py (NLTK's gale_church.align_blocks per paragraph when
# both files have the same number of paragraphs, else on the whole documents), in a
# venv this script makes with `pip install nltk` ($ALIGN_BENCH_VENV, default
# target/venv-align). "flat" is memoria on the same files with the blank lines removed
# (no paragraph structure), to show what the paragraph pass adds.
set -euo pipefail
cd "$(dirname "$0")/.."
BASELINES=${BASELINES:-../shared/baselines}
VENV=${ALIGN_BENCH_VENV:-target/venv-align}
DATA=tests/data/align
HELDOUT=tests/data/align-heldout

if [ ! -f "$BASELINES/gale_church.py" ]; then
  echo "error: $BASELINES/gale_church.py not found; set BASELINES to the shared baselines folder" >&2
  exit 2
fi
if [ ! -x "$VENV/bin/python" ]; then
  echo "making $VENV (pip install nltk)" >&2
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install --quiet nltk==3.10.4
fi
PY="$VENV/bin/python"
cargo build --release -p memoria --quiet
M=target/release/memoria
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

f1_of() { "$PY" -c 'import json,sys; d=json.load(sys.stdin); print("%.4f %.4f %.4f" % (d["precision"], d["recall"], d["f1"]))'; }

score_set() { # score_set DIR: a P/R/F1 row per pair and variant, then min/mean per variant kind
  local data=$1
  echo "== link P / R / F1 on $data (memoria es->en settings; NLTK c=1, s2=6.8)"
  printf '%-36s %-11s | %-20s | %-20s | %-6s\n' pair variant "memoria P R F1" "NLTK G-C P R F1" "flat"
  : > "$TMP/rows"
  for dir in "$data"/*/; do
    pair=$(basename "$dir")
    for gold in "$dir"*.gold.tsv; do
      v=$(basename "$gold" .gold.tsv)
      es="$dir$v.es" en="$dir$v.en"
      ours=$("$M" --db "$TMP/x.db" align "$es" "$en" --from es --to en --presegmented --gold "$gold" --format json | f1_of)
      nltk=$("$PY" "$BASELINES/gale_church.py" "$es" "$en" --gold "$gold" --json 2>/dev/null | f1_of)
      grep -v '^[[:space:]]*$' "$es" > "$TMP/flat.es"
      grep -v '^[[:space:]]*$' "$en" > "$TMP/flat.en"
      flat=$("$M" --db "$TMP/x.db" align "$TMP/flat.es" "$TMP/flat.en" --from es --to en --presegmented --gold "$gold" --format json | f1_of)
      printf '%-36s %-11s | %s | %s | %s\n' "$pair" "$v" "$ours" "$nltk" "${flat##* }"
      echo "${v%-*} ${ours##* } ${nltk##* } ${flat##* }" >> "$TMP/rows"
    done
  done

  echo
  echo "== F1 by variant on $data (min / mean over the pairs)"
  "$PY" - "$TMP/rows" <<'EOF'
import sys
rows = {}
for line in open(sys.argv[1]):
    kind, ours, nltk, flat = line.split()
    rows.setdefault(kind, []).append((float(ours), float(nltk), float(flat)))
print("%-9s %3s | %-15s | %-15s | %-15s" % ("variant", "n", "memoria min/mean", "NLTK min/mean", "flat min/mean"))
for kind in sorted(rows, key=lambda k: (k != "clean", k)):
    r = rows[kind]
    cols = ["%.4f / %.4f" % (min(x[i] for x in r), sum(x[i] for x in r) / len(r)) for i in range(3)]
    print("%-9s %3d | %s | %s | %s" % (kind, len(r), *cols))
EOF
}

score_set "$DATA"
echo
score_set "$HELDOUT"

echo
echo "== length model measured on the clean gold beads (memoria's es->en defaults: c = 0.870, s2 = 6.8)"
"$PY" - "$DATA" <<'EOF'
import glob, os, statistics, sys
pairs = []
for d in sorted(glob.glob(os.path.join(sys.argv[1], "*", ""))):
    side = lambda f: [l for l in open(d + f, encoding="utf-8").read().split("\n") if l.strip()]
    es, en = side("clean.es"), side("clean.en")
    for line in open(d + "clean.gold.tsv", encoding="utf-8"):
        a, b = [[int(x) for x in s.split(",") if x] for s in line.rstrip("\n").split("\t")]
        if a and b:
            pairs.append((sum(len(es[i]) for i in a), sum(len(en[j]) for j in b)))
c = sum(a for a, _ in pairs) / sum(b for _, b in pairs)
r = 1 / c
v = sorted((b - r * a) ** 2 / ((a + b / r) / 2) for a, b in pairs)
print("%d beads: %.3f Spanish characters per English character (en/es %.3f); s2 per bead: mean %.2f, median %.2f, 90th percentile %.2f"
      % (len(pairs), c, r, statistics.mean(v), v[len(v) // 2], v[int(0.9 * len(v))]))
EOF

echo
echo "== time to align a pair of 500+ sentences (the clean pairs concatenated; best of 3 runs)"
: > "$TMP/big.es"
: > "$TMP/big.en"
while [ "$(grep -c . "$TMP/big.es")" -lt 500 ]; do
  for dir in "$DATA"/*/; do
    { cat "$dir/clean.es"; echo; } >> "$TMP/big.es"
    { cat "$dir/clean.en"; echo; } >> "$TMP/big.en"
  done
done
grep -v '^[[:space:]]*$' "$TMP/big.es" > "$TMP/bigflat.es"
grep -v '^[[:space:]]*$' "$TMP/big.en" > "$TMP/bigflat.en"
echo "$(grep -c . "$TMP/big.es") es / $(grep -c . "$TMP/big.en") en sentences, $(grep -c '^$' "$TMP/big.es") paragraphs"
best() { # best wall and CPU (user+sys) time of 3 runs of "$@", in seconds
  "$PY" - "$@" <<'EOF'
import resource, subprocess, sys, time
walls, cpus = [], []
for _ in range(3):
    r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    walls.append(time.perf_counter() - t)
    r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpus.append(r1.ru_utime - r0.ru_utime + r1.ru_stime - r0.ru_stime)
print("wall %.3f s, cpu %.3f s" % (min(walls), min(cpus)))
EOF
}
printf '%-44s %s\n' "memoria align (paragraphs)" "$(best "$M" --db "$TMP/x.db" align "$TMP/big.es" "$TMP/big.en" --from es --to en --presegmented)"
printf '%-44s %s\n' "memoria align (no paragraphs, one block)" "$(best "$M" --db "$TMP/x.db" align "$TMP/bigflat.es" "$TMP/bigflat.en" --from es --to en --presegmented)"
printf '%-44s %s\n' "NLTK gale_church.py (same files)" "$(best "$PY" "$BASELINES/gale_church.py" "$TMP/big.es" "$TMP/big.en")"
echo "(process wall time including start-up; load average now: $(cut -d' ' -f1-3 /proc/loadavg))"
