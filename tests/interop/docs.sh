#!/usr/bin/env bash
# Word and OpenDocument releases with real clients (issue 18):
#  1. LibreOffice (Debian's libreoffice-writer-nogui, installed with apt-get if missing) converts
#     memoria's translated DOCX and ODT (a sample release made into Word and OpenDocument by
#     examples/make_release, pretranslated from the samples' TM) to text with
#     `--convert-to txt`, and the English sentences the TM filled are found in it;
#  2. python-docx (PyPI, in a venv this script makes) opens the translated DOCX and finds them too;
#  3. the round trip of every file of ../shared/corpus/docx (DOCX and ODT): extracted and merged
#     with every target equal to its source (examples/roundtrip), converted to text by LibreOffice
#     like the original, compared by tests/interop/lo_compare.py.
# Any failed install is a failure, never a skip.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
CORPUS="$ROOT/../shared/corpus/docx"
[ -d "$CORPUS" ] || { echo "docs.sh: $CORPUS is missing" >&2; exit 1; }

if ! command -v soffice >/dev/null; then
  echo "docs.sh: installing libreoffice-writer-nogui" >&2
  apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    libreoffice-writer-nogui >&2 || { echo "docs.sh: cannot install LibreOffice" >&2; exit 1; }
fi
VENV="$ROOT/target/interop/venv-docs"
if ! "$VENV/bin/python" -c "import docx" 2>/dev/null; then
  echo "docs.sh: making a venv with python-docx in $VENV" >&2
  python3 -m venv "$VENV" && "$VENV/bin/pip" install -q python-docx==1.1.2 >&2 \
    || { echo "docs.sh: cannot install python-docx" >&2; exit 1; }
fi

cargo build --release --quiet -p memoria
cargo build --release --quiet -p memoria-formats --example make_release --example roundtrip
M="$ROOT/target/release/memoria"
EX="$ROOT/target/release/examples"
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
export MEMORIA_DB="$WORK/tm.db"
for es in samples/releases/*.es.txt; do
  "$M" align "$es" "${es%.es.txt}.en.txt" --from es --to en --import >/dev/null 2>&1
done
# One LibreOffice profile for the run, so that conversions do not race the user's.
LO=(soffice "-env:UserInstallation=file://$WORK/lo-profile" --headless)

fail=0
NEW=samples/new/debian-2016-squeeze-lts-eol.es.txt
# Sentences of the new release the TM fills, in English (from its JSON pretranslation).
"$M" pretranslate "$NEW" --from es --to en --format json 2>/dev/null \
  | "$VENV/bin/python" -c '
import json, sys
v = json.load(sys.stdin)
for u in v["files"][0]["units"]:
    t = u.get("target")
    if isinstance(t, str) and len(t) > 20:
        print(t)' > "$WORK/english.txt"
n=$(wc -l < "$WORK/english.txt")
[ "$n" -ge 5 ] || { echo "FAIL: only $n English sentences to look for"; exit 1; }
for ext in docx odt; do
  "$EX/make_release" "$NEW" "$WORK/squeeze.es.$ext" 2>/dev/null
  "$M" pretranslate "$WORK/squeeze.es.$ext" --from es --to en -o "$WORK/squeeze.en.$ext" 2>/dev/null
  "${LO[@]}" --convert-to txt:Text --outdir "$WORK/lo-$ext" "$WORK/squeeze.en.$ext" >/dev/null 2>&1 || true
  txt="$WORK/lo-$ext/squeeze.en.txt"
  if [ ! -s "$txt" ]; then echo "FAIL $ext: LibreOffice did not convert memoria's translated document"; fail=1; continue; fi
  missing=0
  while IFS= read -r s; do grep -qF -- "$s" "$txt" || { echo "  not in LibreOffice's text ($ext): $s"; missing=1; }; done < "$WORK/english.txt"
  if [ "$missing" = 0 ]; then echo "ok LibreOffice reads the translated .$ext: all $n English sentences found"; else fail=1; fi
done
if "$VENV/bin/python" - "$WORK/squeeze.en.docx" "$WORK/english.txt" <<'PY'
import sys
import docx
d = docx.Document(sys.argv[1])
text = "\n".join(p.text for p in d.paragraphs)
text += "\n" + "\n".join(c.text for t in d.tables for r in t.rows for c in r.cells)
want = [l.rstrip("\n") for l in open(sys.argv[2], encoding="utf-8") if l.strip()]
missing = [s for s in want if s not in text]
for s in missing:
    print("  not in python-docx's paragraphs:", s)
print("%s python-docx opens the translated .docx: %d of %d English sentences found in %d paragraphs"
      % ("ok" if not missing else "FAIL", len(want) - len(missing), len(want), len(d.paragraphs)))
sys.exit(1 if missing else 0)
PY
then :; else fail=1; fi

# Item 7: the corpus's round trip, as LibreOffice reads it.
mkdir -p "$WORK/rt" "$WORK/lo-orig" "$WORK/lo-rt"
for f in "$CORPUS"/*.docx "$CORPUS"/*.odt; do
  "$EX/roundtrip" "$f" "$WORK/rt/$(basename "$f")" 2>/dev/null || { echo "FAIL round trip of $(basename "$f")"; fail=1; }
done
"${LO[@]}" --convert-to txt:Text --outdir "$WORK/lo-orig" "$CORPUS"/*.docx "$CORPUS"/*.odt >/dev/null 2>&1 || true
"${LO[@]}" --convert-to txt:Text --outdir "$WORK/lo-rt" "$WORK"/rt/* >/dev/null 2>&1 || true
"$VENV/bin/python" tests/interop/lo_compare.py "$CORPUS" "$WORK/lo-orig" "$WORK/lo-rt" || fail=1
exit $fail
