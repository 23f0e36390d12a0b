#!/usr/bin/env bash
# The wrong-pairing matrix of issue 23: every release of a corpus folder aligned
# with its own translation (should be accepted) and with the translations of
# other releases (should be refused as "not translations of each other").
#
#   bash scripts/align-matrix.sh [DIR] [FROM] [TO] [WRONG_PER_RELEASE]
#
# DIR defaults to ../shared/corpus/releases (es -> en, every wrong pairing);
# WRONG_PER_RELEASE limits the wrong pairings to the next N releases in name
# order (for releases-more: 78 releases, 6006 wrong pairings in full).
# Prints the counts and each misjudged pairing with its figures.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
dir=${1:-$root/../shared/corpus/releases}
from=${2:-es}
to=${3:-en}
per=${4:-0}
# MEMORIA_BIN: a built binary to use instead of building this checkout's.
if [ -z "${MEMORIA_BIN:-}" ]; then
  cargo build --release -q -p memoria --manifest-path "$root/Cargo.toml"
fi
bin=${MEMORIA_BIN:-$root/target/release/memoria}
db=$(mktemp -d)/none.db
mapfile -t slugs < <(for f in "$dir"/*."$from".txt; do b=$(basename "$f" ".$from.txt"); [ -f "$dir/$b.$to.txt" ] && echo "$b"; done)
n=${#slugs[@]}
right_ok=0 right_no=0 wrong_ok=0 wrong_no=0
judge() { # prints "accept" or the refusal line
  "$bin" --db "$db" align "$dir/$1.$from.txt" "$dir/$2.$to.txt" --from "$from" --to "$to" 2>&1 >/dev/null \
    | grep -m1 "do not look like translations" || echo accept
}
for ((i = 0; i < n; i++)); do
  a=${slugs[i]}
  if [ "$(judge "$a" "$a")" = accept ]; then right_ok=$((right_ok + 1)); else right_no=$((right_no + 1)); echo "RIGHT PAIR REFUSED: $a"; judge "$a" "$a"; fi
  for ((k = 1; k < n; k++)); do
    if [ "$per" -gt 0 ] && [ "$k" -gt "$per" ]; then break; fi
    b=${slugs[(i + k) % n]}
    if [ "$(judge "$a" "$b")" = accept ]; then wrong_ok=$((wrong_ok + 1)); echo "WRONG PAIR ACCEPTED: $a.$from / $b.$to"; else wrong_no=$((wrong_no + 1)); fi
  done
done
echo "$dir ($from -> $to): right pairings accepted $right_ok/$((right_ok + right_no)); wrong pairings refused $wrong_no/$((wrong_ok + wrong_no))"
