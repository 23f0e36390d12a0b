#!/usr/bin/env bash
# The main job on the shipped samples: build the TM (memoria.db, or $MEMORIA_DB)
# from the earlier releases and the sample TMX files, then pre-fill the new
# release and print it as a draft text (filled segments in English); the
# sample glossary (samples/terms/) goes into the TM too, and the glossary terms
# found in the new release are listed on stderr.
# Re-running is safe: identical TUs are merged, not duplicated.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet -p memoria
M=target/release/memoria
for es in samples/releases/*.es.txt; do
  en="${es%.es.txt}.en.txt"
  "$M" align "$es" "$en" --from es --to en --import > /dev/null
done
"$M" import samples/tmx/*.tmx >&2
"$M" terms import samples/terms/migration.tbx >&2
"$M" stats >&2
"$M" pretranslate samples/new/debian-2016-squeeze-lts-eol.es.txt --from es --to en --format text
