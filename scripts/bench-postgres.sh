#!/usr/bin/env bash
# PostgreSQL benchmark (issue 20, item 8): memoria on PostgreSQL vs memoria on SQLite vs Weblate's
# and Pontoon's TM queries, on the same data and queries, in one run. Not a test: run it by hand.
#
#   scripts/bench-postgres.sh                  # SIZE=1000000
#   SIZE=100000 scripts/bench-postgres.sh
#
# Builds the TM as scripts/bench-lookup.sh does (the lookup_bench harness: the real es-en pairs of
# ../shared/corpus/parallel/ padded with generated near-duplicates, as TMX and TSV), starts a
# throwaway PostgreSQL cluster (scripts/pg-cluster.sh), imports the TMX with `memoria import` into
# PostgreSQL (TU/s) and into a SQLite file (TU/s), loads the same pairs into a plain table
# bench.memory with Weblate's GiST trigram index and a length index for Pontoon, then runs the
# pg_bench harness (crates/store/benches/pg_bench.rs): lookup p50/p95 in-process on both backends,
# the two peers' queries, recall against the exhaustive scan, 8 concurrent clients, and whole
# `memoria lookup` processes. Env: SIZE, QUERIES (500), ORACLE (200), PEERS (50), CLIENTS (8),
# WORK (target/bench-postgres). The cluster is stopped and removed at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
SIZE="${SIZE:-1000000}"
WORK="${WORK:-target/bench-postgres}"
mkdir -p "$WORK"
source scripts/pg-cluster.sh
trap pg_cluster_stop EXIT

echo "== building memoria and the harnesses (release)" >&2
cargo build --release -p memoria >&2
cargo bench -p memoria-store --bench lookup_bench --no-run >&2
cargo bench -p memoria-store --bench pg_bench --no-run >&2
LOOKUP_BENCH=$(ls -t target/release/deps/lookup_bench-* | grep -v "\.d$" | head -1)
PG_BENCH=$(ls -t target/release/deps/pg_bench-* | grep -v "\.d$" | head -1)
M=target/release/memoria

tmx="$WORK/tm-$SIZE.tmx"
tsv="$WORK/tm-$SIZE.tsv"
if [ ! -s "$tmx" ] || [ ! -s "$tsv" ]; then
  "$LOOKUP_BENCH" build --size "$SIZE" --tm-out "$tsv" --tmx-out "$tmx" >&2
fi
MEMORIA_TEST_PG_PORT=${MEMORIA_TEST_PG_PORT:-} pg_cluster_start
URL="$MEMORIA_TEST_DB_URL"

echo "machine: $(nproc) cores; load average now: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "TM: $SIZE pairs ($(du -m "$tmx" | cut -f1) MB TMX)"
start=$(date +%s.%N)
"$M" --db "$URL" import "$tmx" >/dev/null
secs=$(echo "$(date +%s.%N) - $start" | bc)
echo "memoria import into PostgreSQL: $secs s = $(echo "$SIZE / $secs" | bc) TU/s (one transaction)"
db="$WORK/tm-$SIZE.db"
rm -f "$db" "$db-wal" "$db-shm"
start=$(date +%s.%N)
"$M" --db "$db" import "$tmx" >/dev/null
secs=$(echo "$(date +%s.%N) - $start" | bc)
echo "memoria import into SQLite: $secs s = $(echo "$SIZE / $secs" | bc) TU/s"
pg_psql memoria_test -c "VACUUM ANALYZE" >/dev/null
echo "PostgreSQL sizes: $(pg_psql memoria_test -At -c "SELECT string_agg(c.relname || ' ' || pg_size_pretty(pg_total_relation_size(c.oid)), ', ' ORDER BY c.relname) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'memoria' AND c.relkind = 'r'")"

start=$(date +%s.%N)
pg_psql memoria_test <<'SQL' >/dev/null
CREATE SCHEMA bench;
CREATE TABLE bench.memory AS
  SELECT s.tu_id AS id, s.text AS source, t.text AS target FROM memoria.tuv s
  JOIN memoria.tuv t ON t.tu_id = s.tu_id AND t.lang_base = 'en' WHERE s.lang_base = 'es';
CREATE INDEX memory_source_gist ON bench.memory USING gist (left(source, 2048) gist_trgm_ops);
CREATE INDEX memory_source_length ON bench.memory (char_length(source));
GRANT USAGE ON SCHEMA bench TO memoria;
GRANT SELECT ON bench.memory TO memoria;
ANALYZE bench.memory;
SQL
echo "peers' table bench.memory with Weblate's GiST trigram index and a length index: $(echo "$(date +%s.%N) - $start" | bc) s"

"$PG_BENCH" run --pg "$URL" --sqlite "$db" --tsv "$tsv" --queries "${QUERIES:-500}" --oracle "${ORACLE:-200}" \
  --peers "${PEERS:-50}" --clients "${CLIENTS:-8}" --memoria "$M" --processes 50
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
