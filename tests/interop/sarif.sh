#!/usr/bin/env bash
# memoria check --format sarif against the OASIS SARIF 2.1.0 JSON schema
# (../shared/schemas/sarif-schema-2.1.0.json), validated with Python jsonschema in a venv this
# script makes. Inputs: every release in samples/ checked against a TM built from
# samples/releases (findings of every kind the releases hold), and the new release against an
# empty TM (only untranslated segments). Any failed install is a failure, never a skip.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
SCHEMA="$ROOT/../shared/schemas/sarif-schema-2.1.0.json"
[ -f "$SCHEMA" ] || { echo "sarif.sh: $SCHEMA is missing" >&2; exit 1; }
VENV="$ROOT/target/interop/venv-sarif"
if [ ! -x "$VENV/bin/python" ] || ! "$VENV/bin/python" -c 'import jsonschema' 2>/dev/null; then
  echo "sarif.sh: making a venv with jsonschema in $VENV" >&2
  python3 -m venv "$VENV" && "$VENV/bin/pip" install -q jsonschema >&2 \
    || { echo "sarif.sh: cannot install jsonschema" >&2; exit 1; }
fi
cargo build --release --quiet -p memoria
M="$ROOT/target/release/memoria"
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

MEMORIA_DB="$WORK/empty.db" "$M" check samples/new/debian-2016-squeeze-lts-eol.es.txt --from es --to en \
  --format sarif >"$WORK/untranslated.sarif" 2>/dev/null || true
export MEMORIA_DB="$WORK/tm.db"
for es in samples/releases/*.es.txt; do
  "$M" align "$es" "${es%.es.txt}.en.txt" --from es --to en --import >/dev/null 2>&1
done
"$M" check samples/new/*.es.txt samples/releases/*.es.txt --from es --to en --format sarif \
  >"$WORK/releases.sarif" 2>/dev/null || true

"$VENV/bin/python" - "$SCHEMA" "$WORK/untranslated.sarif" "$WORK/releases.sarif" <<'PY'
import json, sys
import jsonschema
schema = json.load(open(sys.argv[1]))
bad = 0
for path in sys.argv[2:]:
    log = json.load(open(path))
    try:
        jsonschema.validate(log, schema)
    except jsonschema.ValidationError as e:
        print(f"FAIL {path}: {e.message} at {list(e.absolute_path)}")
        bad = 1
        continue
    results = log["runs"][0]["results"]
    rules = sorted({r["ruleId"] for r in results})
    if not results:
        print(f"FAIL {path}: no results"); bad = 1; continue
    print(f"ok   {path.rsplit('/', 1)[-1]}: valid SARIF 2.1.0, {len(results)} results, rules {', '.join(rules)}")
sys.exit(bad)
PY
