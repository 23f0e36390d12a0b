#!/usr/bin/env bash
# The main job on the shipped samples, as a press office runs it: `memoria init`
# in a fresh work folder (es -> en,fr), then every command with no --db, --from
# or --to (memoria.toml gives them; align reads the languages from the files'
# names). It
#   1. aligns the six releases of samples/releases/ (es-en and es-fr) and imports
#      samples/tmx/: the TM the main job had before ("before");
#   2. analyzes the new release samples/next/debian-2018-wheezy-lts-eol.es.txt
#      (Debian 7 LTS end of life, June 2018) against it, per target;
#   3. aligns the earlier releases of samples/history/ (2013-2018, es/en/fr) into
#      the same TM and analyzes the new release again ("after");
#   4. prints the filled segments per band before and after, the TM's counts, the
#      English and French drafts of the new release (filled segments translated, the
#      rest left in Spanish), and the check's summary;
#   5. imports the sample glossary samples/terms/migration.tbx (its terms found in
#      the new release are listed on stderr by pretranslate);
#   6. makes the new release into a Word document with the project's own generator
#      (crates/formats/examples/make_release.rs: split runs, bold, a link, a
#      footnote, tracked changes, a table) and pretranslates it into a translated
#      Word document, wheezy-lts.en.docx in the work folder.
# The work folder is $MAIN_JOB_DIR (default target/main-job), made anew each run.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cargo build --release --quiet -p memoria --manifest-path "$ROOT/Cargo.toml"
cargo build --release --quiet -p memoria-formats --example make_release --manifest-path "$ROOT/Cargo.toml"
M=$ROOT/target/release/memoria
WORK=${MAIN_JOB_DIR:-$ROOT/target/main-job}
NEW=$ROOT/samples/next/debian-2018-wheezy-lts-eol.es.txt
rm -rf "$WORK"
mkdir -p "$WORK"
cd "$WORK"
# No MEMORIA_* variable of the caller's may change what the job does.
unset $(env | sed -n 's/^\(MEMORIA_[A-Z_]*\)=.*/\1/p') 2>/dev/null || true

"$M" init --from es --to en,fr
align_folder() { # align_folder DIR: every DIR/*.es.txt with its .en.txt and .fr.txt
  for es in "$1"/*.es.txt; do
    for to in en fr; do
      if [ -f "${es%.es.txt}.$to.txt" ]; then
        "$M" align "$es" "${es%.es.txt}.$to.txt" --import > /dev/null 2> align.log \
          || { cat align.log >&2; exit 2; }
      fi
    done
  done
}
bands() { # bands LABEL: the new release's segments per band, per target (analyze --format csv)
  "$M" analyze "$NEW" --format csv | awk -F, -v label="$1" '
    NR == 1 { for (i = 1; i <= NF; i++) h[i] = $i; next }
    $2 == "total" { next }
    { line = sprintf("%-7s es->%s:", label, $1); filled = 0
      for (i = 3; i <= NF - 4; i += 3) { split(h[i], w, " "); b = w[1]
        if (b == "no") b = "none"; else if (b == "repetitions") b = "rep"; else if (b == "cross-file") b = "xrep"
        if ($i > 0) line = line sprintf(" %s:%d", b, $i)
        if (b == "101" || b == "100" || b == "95-99" || b == "85-94" || b == "75-84") filled += $i }
      total = $(NF - 3)
      printf "%s | filled (>= 75) %d of %d segments (%.0f%%)\n", line, filled, total, 100 * filled / total }'
}

align_folder "$ROOT/samples/releases"
"$M" import "$ROOT"/samples/tmx/*.tmx > /dev/null
"$M" terms import "$ROOT/samples/terms/migration.tbx" > /dev/null
bands before > bands.txt
align_folder "$ROOT/samples/history"
bands after >> bands.txt
"$M" stats >&2
echo "== the new release $(basename "$NEW"): segments per band (analyze), before and after samples/history"
cat bands.txt
"$M" pretranslate "$NEW" --format text -o draft.txt 2> pretranslate.log
for to in en fr; do
  echo
  echo "== draft es->$to ($(grep -o "[0-9]* of [0-9]* segments filled (score >= [0-9]*, es -> $to)" pretranslate.log))"
  cat "draft.$to.txt"
done
echo
echo "== glossary terms of the new release (samples/terms/migration.tbx)"
grep -E "glossary terms found|^  " pretranslate.log || true
echo
"$M" check "$NEW" > check.txt 2> check.log || true
echo "== check: $(tr '\n' ' ' < check.log)"

"$ROOT/target/release/examples/make_release" "$NEW" wheezy-lts.es.docx
"$M" pretranslate wheezy-lts.es.docx --to en -o wheezy-lts.en.docx
echo "main-job: the translated Word release is $WORK/wheezy-lts.en.docx" >&2
