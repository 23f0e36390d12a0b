#!/usr/bin/env bash
# The main job on the shipped samples: build the TM (memoria.db, or $MEMORIA_DB)
# from the earlier releases and the sample TMX files, then pre-fill the new
# release and print it as a draft text (filled segments in English). Then the
# same release as a Word document, made from the sample by the project's own
# generator (crates/formats/examples/make_release.rs: split runs, bold, a link,
# a footnote, tracked changes, a table), is pretranslated into a translated Word
# document: target/main-job/squeeze-lts.en.docx.
# Re-running is safe: identical TUs are merged, not duplicated.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet -p memoria
cargo build --release --quiet -p memoria-formats --example make_release
M=target/release/memoria
for es in samples/releases/*.es.txt; do
  en="${es%.es.txt}.en.txt"
  "$M" align "$es" "$en" --from es --to en --import > /dev/null
done
"$M" import samples/tmx/*.tmx >&2
"$M" stats >&2
"$M" pretranslate samples/new/debian-2016-squeeze-lts-eol.es.txt --from es --to en --format text
mkdir -p target/main-job
target/release/examples/make_release samples/new/debian-2016-squeeze-lts-eol.es.txt target/main-job/squeeze-lts.es.docx
"$M" pretranslate target/main-job/squeeze-lts.es.docx --from es --to en -o target/main-job/squeeze-lts.en.docx
echo "main-job: the translated Word release is target/main-job/squeeze-lts.en.docx" >&2
