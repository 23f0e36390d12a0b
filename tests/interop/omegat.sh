#!/usr/bin/env bash
# Interoperability with a real CAT tool: OmegaT (Debian package `omegat`,
# 3.6) pre-translates a project from a TMX that memoria exported.
#
#   1. memoria aligns a Debian press release with its English translation
#      and stores the pairs in a fresh TM (samples/releases, es -> en);
#   2. memoria exports the TM as TMX 1.4b, once in UTF-8 and once in
#      UTF-16LE with a BOM (Trados style), into the project's tm/auto/;
#   3. `OmegaT --mode=console-translate` translates the Spanish release;
#   4. the target file OmegaT writes must hold memoria's English sentences.
# Then the XLIFF round trip:
#   5. memoria pretranslates the new sample release to XLIFF 1.2 (--copy-source:
#      OmegaT's XLIFF filter translates the target's text) with only context
#      matches filled (--min-score 101);
#   6. OmegaT translates it with a TMX of its own whose translations differ from
#      memoria's TM ("Acerca de Debian" -> "Debian, in brief");
#   7. memoria imports OmegaT's target XLIFF: lookup then gives OmegaT's
#      translations first, and merge writes the translated release with them.
#
# Installs omegat with apt-get when missing. Fails (exit 1), never skips,
# when the install or any step fails. Run by scripts/test.sh.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
fail() { echo "omegat interop: FAIL: $*" >&2; exit 1; }

# `dpkg -s` also succeeds for a removed package whose config files remain.
if [ "$(dpkg-query -W -f='${Status}' omegat 2>/dev/null || true)" != "install ok installed" ]; then
  echo "omegat interop: installing Debian package omegat" >&2
  SUDO=""
  [ "$(id -u)" = 0 ] || SUDO="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get install -y --no-install-recommends omegat >/dev/null 2>&1 \
    || { $SUDO apt-get update >/dev/null 2>&1 && $SUDO apt-get install -y --no-install-recommends omegat >/dev/null; } \
    || fail "apt-get install omegat failed"
fi
# The whole list first: `grep -m1` in the pipe would close it early, dpkg
# would die of SIGPIPE and pipefail would fail the script (seen in CI).
FILES=$(dpkg -L omegat) || fail "dpkg -L omegat failed"
JAR=$(grep '/OmegaT\.jar$' <<<"$FILES" | sed -n 1p) || true
[ -n "$JAR" ] || fail "OmegaT.jar not found in the omegat package"
command -v java >/dev/null || fail "java not found (the omegat package depends on a JRE)"

cargo build --release -q -p memoria || fail "cargo build"
MEMORIA=$ROOT/target/release/memoria
WORK=$(mktemp -d)
trap '[ -n "${KEEP:-}" ] || rm -rf "$WORK"' EXIT

REL=$ROOT/samples/releases/debian-2012-lenny-security-end
export MEMORIA_DB=$WORK/tm.db
"$MEMORIA" align "$REL.es.txt" "$REL.en.txt" --from es --to en --import >/dev/null || fail "memoria align --import"

# Sentences OmegaT must put in its target: the English side of memoria's
# one-to-one pairs whose Spanish side is a whole line of the release (so
# OmegaT's own segmentation yields the same segment).
"$MEMORIA" align "$REL.es.txt" "$REL.en.txt" --from es --to en --format json >"$WORK/pairs.jsonl"
python3 - "$REL.es.txt" "$WORK/pairs.jsonl" >"$WORK/expected.txt" <<'PY'
import json, sys
lines = {l.strip() for l in open(sys.argv[1], encoding="utf-8") if l.strip()}
for row in map(json.loads, open(sys.argv[2], encoding="utf-8")):
    s, t = row["source_sentences"], row["target_sentences"]
    if s[1] - s[0] == 1 and t[1] - t[0] == 1 and row["source"] in lines:
        print(row["target"])
PY
WANT=$(wc -l <"$WORK/expected.txt")
[ "$WANT" -ge 3 ] || fail "expected at least 3 whole-line pairs, got $WANT"

for ENC in utf-8 utf-16le; do
  P=$WORK/project-$ENC
  mkdir -p "$P"/{source,target,tm/auto,glossary,dictionary,omegat}
  # OmegaT's text filter ends a paragraph at an empty line, memoria's
  # segmenter at a line end: a blank line after each line makes them agree.
  sed 's/$/\n/' "$REL.es.txt" >"$P/source/release.txt"
  "$MEMORIA" export -o "$P/tm/auto/memoria.tmx" --langs es,en --encoding "$ENC" 2>/dev/null || fail "memoria export ($ENC)"
  cat >"$P/omegat.project" <<'XML'
<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<omegat>
  <project version="1.0">
    <source_dir>__DEFAULT__</source_dir>
    <target_dir>__DEFAULT__</target_dir>
    <tm_dir>__DEFAULT__</tm_dir>
    <glossary_dir>__DEFAULT__</glossary_dir>
    <glossary_file>__DEFAULT__</glossary_file>
    <dictionary_dir>__DEFAULT__</dictionary_dir>
    <source_lang>ES</source_lang>
    <target_lang>EN</target_lang>
    <sentence_seg>true</sentence_seg>
    <support_default_translations>true</support_default_translations>
    <remove_tags>false</remove_tags>
  </project>
</omegat>
XML
  (cd "$P" && timeout 300 java -Djava.awt.headless=true -jar "$JAR" "$P" --mode=console-translate) \
    >"$WORK/omegat-$ENC.log" 2>&1 || { tail -20 "$WORK/omegat-$ENC.log" >&2; fail "OmegaT console-translate ($ENC)"; }
  OUT=$P/target/release.txt
  [ -s "$OUT" ] || { tail -20 "$WORK/omegat-$ENC.log" >&2; fail "OmegaT wrote no target file ($ENC)"; }
  FOUND=0
  while IFS= read -r sentence; do
    if grep -qF -- "$sentence" "$OUT"; then FOUND=$((FOUND + 1)); else echo "  missing ($ENC): $sentence" >&2; fi
  done <"$WORK/expected.txt"
  [ "$FOUND" -eq "$WANT" ] || fail "OmegaT's target holds $FOUND of $WANT sentences from memoria's $ENC TMX"
  echo "omegat interop ($ENC): OmegaT filled $FOUND of $WANT segments from memoria's exported TMX"
done
# The XLIFF round trip (steps 5-7).
NEW=$ROOT/samples/new/debian-2016-squeeze-lts-eol.es.txt
for es in "$ROOT"/samples/releases/*.es.txt; do
  "$MEMORIA" align "$es" "${es%.es.txt}.en.txt" --from es --to en --import >/dev/null 2>&1 || fail "memoria align $es"
done
P=$WORK/project-xliff
mkdir -p "$P"/{source,target,tm/auto,glossary,dictionary,omegat}
cp "$NEW" "$WORK/lts.es.txt"
(cd "$WORK" && "$MEMORIA" pretranslate lts.es.txt --from es --to en --min-score 101 --copy-source \
  -o "$P/source/lts.xlf" 2>/dev/null) || fail "memoria pretranslate to XLIFF"
cat >"$P/tm/auto/omegat.tmx" <<'XML'
<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header creationtool="interop" creationtoolversion="1" segtype="sentence" o-tmf="none" adminlang="en" srclang="es" datatype="plaintext"/><body>
<tu><tuv xml:lang="es"><seg>No habrá más soporte de seguridad para Debian 6.0.</seg></tuv><tuv xml:lang="en"><seg>Security support for Debian 6.0 is over.</seg></tuv></tu>
<tu><tuv xml:lang="es"><seg>Acerca de Debian</seg></tuv><tuv xml:lang="en"><seg>Debian, in brief</seg></tuv></tu>
</body></tmx>
XML
sed 's#<sentence_seg>true</sentence_seg>#<sentence_seg>false</sentence_seg>#' "$WORK/project-utf-8/omegat.project" >"$P/omegat.project"
(cd "$P" && timeout 300 java -Djava.awt.headless=true -jar "$JAR" "$P" --mode=console-translate) \
  >"$WORK/omegat-xliff.log" 2>&1 || { tail -20 "$WORK/omegat-xliff.log" >&2; fail "OmegaT console-translate (XLIFF)"; }
[ -s "$P/target/lts.xlf" ] || fail "OmegaT wrote no target XLIFF"
(cd "$WORK" && "$MEMORIA" import "$P/target/lts.xlf" --format json >"$WORK/import.json" 2>"$WORK/import.err") \
  || { cat "$WORK/import.err" >&2; fail "memoria import of OmegaT's XLIFF"; }
first_target() {
  "$MEMORIA" lookup "$1" --from es --to en --format json | python3 -c 'import json,sys; m=json.load(sys.stdin); print(m[0]["target"] if m else "")'
}
[ "$(first_target 'No habrá más soporte de seguridad para Debian 6.0.')" = "Security support for Debian 6.0 is over." ] \
  || fail "lookup does not give OmegaT's translation of 'No habrá más soporte…'"
[ "$(first_target 'Acerca de Debian')" = "Debian, in brief" ] || fail "lookup does not give OmegaT's 'Debian, in brief' first"
(cd "$WORK" && "$MEMORIA" merge "$P/target/lts.xlf" -o "$WORK/lts.en.txt" 2>"$WORK/merge.err") \
  || { cat "$WORK/merge.err" >&2; fail "memoria merge of OmegaT's XLIFF"; }
[ "$(sed -n 3p "$WORK/lts.en.txt")" = "Security support for Debian 6.0 is over." ] || fail "merge: line 3 is not OmegaT's translation"
[ "$(sed -n 8p "$WORK/lts.en.txt")" = "Debian, in brief" ] || fail "merge: line 8 is not OmegaT's translation"
[ "$(sed -n 1p "$WORK/lts.en.txt")" = "$(sed -n 1p "$NEW")" ] || fail "merge: an untranslated line changed"
ADDED=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["files"][0]["added"])' "$WORK/import.json")
echo "omegat interop (XLIFF): OmegaT's target XLIFF imported ($ADDED TUs added), lookup and merge give OmegaT's translations"
echo "omegat interop: OK"
