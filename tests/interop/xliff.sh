#!/usr/bin/env bash
# Interoperability of memoria's XLIFF 1.2 with real tools, on the samples:
#  1. build a TM from samples/releases (as scripts/main-job.sh does), pre-translate every
#     release in samples/ (the new one and the earlier ones) as XLIFF 1.2; and, for inline
#     codes, pre-translate two sentences (en-US -> fr-FR) from the Trados TMX sample's TM, whose
#     candidates carry bpt/ept; and an HTML page whose inline <b> and <a href> become
#     bpt/ept in source and target;
#  2. validate each file against the OASIS XLIFF 1.2 strict schema with xmllint
#     (../shared/schemas/xliff-core-1.2-strict.xsd; libxml2-utils installed with apt-get if missing);
#  3. read each file back with Translate Toolkit's pocount (in a venv this script makes) and
#     compare its unit counts with what memoria wrote (its --format json of the same run):
#     total units, filled units (pocount translated + fuzzy; memoria marks fills as needing
#     review, so pocount calls them fuzzy) and unfilled units;
#  4. parse each file with Translate Toolkit's xliff storage (translate.storage.xliff) and compare
#     every unit id and target with memoria's (targets of files without inline codes as text).
# Any failed install is a failure, never a skip.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
SCHEMA="$ROOT/../shared/schemas/xliff-core-1.2-strict.xsd"
[ -f "$SCHEMA" ] || { echo "xliff.sh: $SCHEMA is missing" >&2; exit 1; }

if ! command -v xmllint >/dev/null; then
  echo "xliff.sh: installing libxml2-utils (xmllint)" >&2
  apt-get update -qq >&2 && apt-get install -y -qq libxml2-utils >&2 \
    || { echo "xliff.sh: cannot install libxml2-utils" >&2; exit 1; }
fi
VENV="$ROOT/target/interop/venv"
if [ ! -x "$VENV/bin/pocount" ]; then
  echo "xliff.sh: making a venv with translate-toolkit in $VENV" >&2
  python3 -m venv "$VENV" && "$VENV/bin/pip" install -q translate-toolkit==3.20.4 >&2 \
    || { echo "xliff.sh: cannot install translate-toolkit" >&2; exit 1; }
fi

cargo build --release --quiet -p memoria
M="$ROOT/target/release/memoria"
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
export MEMORIA_DB="$WORK/tm.db"
for es in samples/releases/*.es.txt; do
  "$M" align "$es" "${es%.es.txt}.en.txt" --from es --to en --import >/dev/null 2>&1
done

MEMORIA_DB="$WORK/tw.db" "$M" import samples/tmx/okapi-trados-twb-test01.tmx >/dev/null 2>&1
printf 'A simple sentence with nothing special.\nAnother sentence.\n' >"$WORK/codes.en-US.txt"
printf '<h1>Acerca de <b>Debian</b></h1>\n<p>Consulte <a href="https://www.debian.org/">la web</a>. Una frase &amp; otra.</p>\n' >"$WORK/page.es.html"

fail=0
for src in samples/new/*.es.txt samples/releases/*.es.txt "$WORK/codes.en-US.txt" "$WORK/page.es.html"; do
  name=$(basename "$src"); name=${name%.txt}
  xlf="$WORK/$name.xlf"
  if [ "$name" = codes.en-US ]; then
    pair=(--from en-US --to fr-FR); db="$WORK/tw.db"
  else
    pair=(--from es --to en); db="$MEMORIA_DB"
  fi
  MEMORIA_DB="$db" "$M" pretranslate "$src" "${pair[@]}" -o "$xlf" 2>/dev/null
  MEMORIA_DB="$db" "$M" pretranslate "$src" "${pair[@]}" --format json 2>/dev/null >"$WORK/$name.json"
  if ! xmllint --noout --schema "$SCHEMA" "$xlf" 2>"$WORK/xmllint.err"; then
    echo "FAIL $name: not valid XLIFF 1.2"; cat "$WORK/xmllint.err"; fail=1; continue
  fi
  if [ "$name" = codes.en-US ] && ! grep -q '<bpt id="1" ctype="bold">&lt;b&gt;</bpt>' "$xlf"; then
    echo "FAIL $name: the TM's bpt/ept codes are not in the XLIFF"; fail=1; continue
  fi
  if [ "$name" = page.es.html ] && ! grep -q '>About <bpt id="1" ctype="bold">&lt;b&gt;</bpt>Debian<ept id="1">&lt;/b&gt;</ept></target>' "$xlf"; then
    echo "FAIL $name: the page's <b> is not in the filled target"; fail=1; continue
  fi
  ours=$(python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))["files"][0]["units"]
filled = sum(1 for u in d if u["target"] is not None)
print(len(d), filled, len(d) - filled)' "$WORK/$name.json")
  theirs=$("$VENV/bin/pocount" --csv "$xlf" | python3 -c '
import csv, sys
r = list(csv.DictReader(sys.stdin))[0]
t, f, u = int(r["Translated Messages"]), int(r["Fuzzy Messages"]), int(r["Untranslated Messages"])
print(int(r["Total Message"]), t + f, u)')
  if ! "$VENV/bin/python" - "$xlf" "$WORK/$name.json" "$name" <<'PY'
import json, sys
from translate.storage import xliff
store = xliff.xlifffile.parsefile(sys.argv[1])
tt = [(u.getid(), u.target) for u in store.units if not u.isheader()]
ours = json.load(open(sys.argv[2]))["files"][0]["units"]
ids_tt = [i.split("\x04")[-1] for i, _ in tt]  # TT ids are FILE\x04ID
if ids_tt != [u["id"] for u in ours]:
    sys.exit(f"unit ids: translate-toolkit {ids_tt} memoria {[u['id'] for u in ours]}")
if sys.argv[3] not in ("codes.en-US", "page.es.html"):
    for (i, t), u in zip(tt, ours):
        if (t or None) != u["target"]:
            sys.exit(f"unit {i}: translate-toolkit target {t!r}, memoria {u['target']!r}")
PY
  then
    echo "FAIL $name: Translate Toolkit's xliff storage reads other units or targets"; fail=1
  elif [ "$ours" != "$theirs" ]; then
    echo "FAIL $name: memoria wrote units/filled/unfilled $ours, pocount reads $theirs"; fail=1
  else
    echo "ok   $name: valid XLIFF 1.2; units/filled/unfilled $ours (memoria) = $theirs (pocount); ids and targets equal in Translate Toolkit's xliff storage"
  fi
done
exit $fail
