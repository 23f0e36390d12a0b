#!/usr/bin/env bash
# Faults of a team's PostgreSQL server, with a real server (a cluster of its own,
# scripts/pg-cluster.sh, so that stopping it disturbs no other test):
#  1. the server stopped in the middle of an import (pg_ctl stop -m immediate): the client exits
#     with a clear error naming the server (exit 3, password masked) and, after a restart, the TM
#     is exactly as before (same TU count, same export, verify sound);
#  2. the server down: a command with --wait 2 exits 3 after about 2 s naming host:port;
#  3. the server started while a command waits (--wait 30): the command succeeds.
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/pg-cluster.sh
trap pg_cluster_stop EXIT
pg_cluster_start
cargo build --release --quiet -p memoria
M=$PWD/target/release/memoria
URL="$MEMORIA_TEST_DB_URL"
W=$(mktemp -d)
trap 'pg_cluster_stop; rm -rf "$W"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
restart() {
  pg_as_owner "$PG_BIN/pg_ctl" -D "$PG_CLUSTER_DIR/data" -l "$PG_CLUSTER_DIR/server.log" -w -t 60 \
    -o "-p $PG_PORT -k $PG_CLUSTER_DIR -c listen_addresses=127.0.0.1" start >/dev/null
}

"$M" --db "$URL" import samples/tmx/okapi-trados-twb-test01.tmx samples/tmx/omegat-test-multiple-tuv14.tmx >/dev/null
before_count=$("$M" --db "$URL" stats --format json | sed 's/.*"tus":\([0-9]*\).*/\1/')
"$M" --db "$URL" export -o "$W/before.tmx"

# 1. A big TMX, the server stopped while it is imported.
python3 - "$W/big.tmx" <<'PY'
import sys
with open(sys.argv[1], "w") as f:
    f.write('<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="t" adminlang="en" srclang="es" datatype="plaintext"/><body>\n')
    for i in range(300000):
        f.write(f'<tu><tuv xml:lang="es"><seg>Frase número {i} de la prueba de fallos.</seg></tuv><tuv xml:lang="en"><seg>Sentence number {i} of the fault test.</seg></tuv></tu>\n')
    f.write('</body></tmx>\n')
PY
set +e
"$M" --db "$URL" import "$W/big.tmx" >"$W/out" 2>"$W/err" &
pid=$!
# Stop once the import is writing (its COPY shows in pg_stat_activity), at most 30 s.
for _ in $(seq 1 300); do
  n=$(pg_psql memoria_test -At -c "SELECT count(*) FROM pg_stat_activity WHERE query LIKE 'COPY memoria.%'" 2>/dev/null || echo 0)
  [ "$n" -gt 0 ] && break
  sleep 0.1
done
pg_as_owner "$PG_BIN/pg_ctl" -D "$PG_CLUSTER_DIR/data" -m immediate stop >/dev/null
wait $pid
code=$?
set -e
echo "import with the server stopped: exit $code: $(cat "$W/err")"
[ "$code" = 3 ] || fail "exit $code, expected 3"
grep -q "127.0.0.1:$PG_PORT" "$W/err" || fail "the message does not name the server"
grep -q "memoria:\*\*\*@" "$W/err" && ! grep -q "memoria:memoria@" "$W/err" || fail "password not masked"
restart
after_count=$("$M" --db "$URL" stats --format json | sed 's/.*"tus":\([0-9]*\).*/\1/')
[ "$after_count" = "$before_count" ] || fail "TUs before $before_count, after $after_count"
"$M" --db "$URL" export -o "$W/after.tmx"
# The same TMX but memoria's header, which carries the export's own time.
diff <(grep -v '<header creationtool="memoria"' "$W/before.tmx") <(grep -v '<header creationtool="memoria"' "$W/after.tmx") \
  || fail "the export changed"
"$M" --db "$URL" verify | grep -q sound || fail "verify"
echo "ok: after the restart the TM is as before ($after_count TUs, same export, sound)"

# 2. The server down: exit 3 after --wait, naming host:port.
pg_as_owner "$PG_BIN/pg_ctl" -D "$PG_CLUSTER_DIR/data" -m fast stop >/dev/null
start=$(date +%s.%N)
set +e
"$M" --db "$URL" --wait 2 lookup "Hola" --from es --to en 2>"$W/err"
code=$?
set -e
secs=$(echo "$(date +%s.%N) - $start" | bc)
echo "server down: exit $code after $secs s: $(cat "$W/err")"
[ "$code" = 3 ] || fail "exit $code, expected 3"
grep -q "127.0.0.1:$PG_PORT" "$W/err" || fail "host:port not named"
! grep -q "memoria:memoria@" "$W/err" || fail "password printed"
[ "$(echo "$secs >= 1.5" | bc)" = 1 ] || fail "did not wait"

# 3. The server comes back while a command waits.
"$M" --db "$URL" --wait 30 stats >"$W/out" 2>"$W/err" &
pid=$!
sleep 2
restart
wait $pid || fail "the waiting command failed: $(cat "$W/err")"
grep -q "TUs: $before_count" "$W/out" || fail "stats after the wait: $(cat "$W/out")"
echo "ok: a command waiting with --wait 30 succeeded once the server was back"
echo "3 passed, 0 failed"
