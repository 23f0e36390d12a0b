//! What every write to a PostgreSQL TM shares: the transaction that holds a
//! writers' lock ([`begin_write`]), the counters of `memoria.meta`
//! ([`bump`]) and the candidate postings written and taken out
//! ([`write_postings`], [`remove_postings`]), in the chunked form of
//! `crate::sqlite::index`.

use crate::error::StoreError;
use crate::postgres::conn::Conn;
use crate::postgres::PgTm;
use crate::sqlite::index::{decode, encode};
use crate::sqlite::postings::PostingChunk;
use postgres::binary_copy::BinaryCopyInWriter;
use postgres::types::Type;
use postgres::GenericClient;

/// Begins a transaction on a pooled connection and locks `table` against
/// other writers (`SHARE ROW EXCLUSIVE`: readers are not blocked), waiting
/// at most the TM's wait; then a busy error (exit 3) saying so. `table` is
/// one of memoria's own table names (never user input).
pub(crate) fn begin_write(tm: &PgTm, table: &'static str) -> Result<Conn, StoreError> {
    let wait = *tm.pool.wait.lock().unwrap_or_else(|p| p.into_inner());
    let mut c = tm.pool.get()?;
    let started = (|| -> Result<(), postgres::Error> {
        c.client.batch_execute("BEGIN")?;
        let ms = format!("{}ms", wait.as_millis().max(1));
        c.client.execute("SELECT set_config('lock_timeout', $1, true)", &[&ms])?;
        c.client.batch_execute(&format!("LOCK TABLE {table} IN SHARE ROW EXCLUSIVE MODE"))
    })();
    match started {
        Ok(()) => Ok(c),
        Err(err) => {
            let _ = c.client.batch_execute("ROLLBACK");
            let err = tm.err(err);
            if err.is_busy() {
                return Err(StoreError::Backend {
                    location: tm.pool.target.masked.clone(),
                    kind: crate::ErrorKind::Busy,
                    message: format!("another client holds the TM's write lock (waited {:.0} s)", wait.as_secs_f64()),
                });
            }
            Err(err)
        }
    }
}

/// Ends the write transaction on `c`: `COMMIT`, or `ROLLBACK` when
/// `rollback` (a dry run); the connection goes back to the pool.
pub(crate) fn finish(tm: &PgTm, mut c: Conn, rollback: bool) -> Result<(), StoreError> {
    c.client.batch_execute(if rollback { "ROLLBACK" } else { "COMMIT" }).map_err(|e| tm.err(e))?;
    tm.pool.put(c);
    Ok(())
}

/// Adds `$2` to the counter `$1` of `memoria.meta` and returns its new value.
pub(crate) const BUMP: &str = "INSERT INTO memoria.meta (name, value) VALUES ($1, $2)
    ON CONFLICT (name) DO UPDATE SET value = memoria.meta.value + excluded.value RETURNING value";

/// Adds `n` to the counter `name` of `memoria.meta`; returns its new value.
pub(crate) fn bump(c: &mut Conn, name: &str, n: i64) -> Result<i64, postgres::Error> {
    let st = c.stmt(BUMP)?;
    Ok(c.client.query_one(&st, &[&name, &n])?.get(0))
}

/// Writes `chunk` as one new chunk per term (binary `COPY`) and adds its
/// TUV counts per language.
pub(crate) fn write_postings(c: &mut Conn, chunk: PostingChunk) -> Result<(), postgres::Error> {
    let (rows, per_lang) = chunk.into_rows();
    for (lang, n) in per_lang {
        bump(c, &format!("tuvs:{lang}"), n)?;
    }
    if rows.is_empty() {
        return Ok(());
    }
    let seq = bump(c, "flush_seq", 1)?;
    copy_postings(&mut c.client, seq, &rows)
}

/// Writes `rows` (`(term, n, encoded ids)`) as chunk `seq` of their terms
/// (binary `COPY`), on a connection or inside a transaction.
pub(crate) fn copy_postings(
    client: &mut impl GenericClient,
    seq: i64,
    rows: &[(i64, i32, Vec<u8>)],
) -> Result<(), postgres::Error> {
    let sink = client.copy_in("COPY memoria.posting (term, chunk, n, ids) FROM STDIN BINARY")?;
    let mut w = BinaryCopyInWriter::new(sink, &[Type::INT8, Type::INT8, Type::INT4, Type::BYTEA]);
    for (term, n, ids) in rows {
        w.write(&[term, &seq, n, ids])?;
    }
    w.finish()?;
    Ok(())
}

/// Takes the (term, TUV id) pairs of `gone` out of the postings: each
/// term's chunks are read, the ids dropped, the chunk rewritten (or deleted
/// when empty).
pub(crate) fn remove_postings(c: &mut Conn, gone: &mut Vec<(i64, u32)>) -> Result<(), postgres::Error> {
    const CHUNKS: &str = "SELECT chunk, ids FROM memoria.posting WHERE term = $1";
    const DELETE: &str = "DELETE FROM memoria.posting WHERE term = $1 AND chunk = $2";
    const UPDATE: &str = "UPDATE memoria.posting SET n = $3, ids = $4 WHERE term = $1 AND chunk = $2";
    gone.sort_unstable();
    gone.dedup();
    for group in gone.chunk_by(|a, b| a.0 == b.0) {
        let term = group[0].0;
        let st = c.stmt(CHUNKS)?;
        let chunks = c.client.query(&st, &[&term])?;
        for r in chunks {
            let (chunk, blob): (i64, &[u8]) = (r.get(0), r.get(1));
            let (mut kept, mut before) = (Vec::new(), 0usize);
            decode(blob, |id| {
                before += 1;
                if group.binary_search_by_key(&id, |g| g.1).is_err() {
                    kept.push(id);
                }
            });
            if kept.is_empty() {
                let st = c.stmt(DELETE)?;
                c.client.execute(&st, &[&term, &chunk])?;
            } else if kept.len() != before {
                let mut out = Vec::new();
                encode(&kept, &mut out);
                let st = c.stmt(UPDATE)?;
                c.client.execute(&st, &[&term, &chunk, &(kept.len() as i32), &out])?;
            }
        }
    }
    gone.clear();
    Ok(())
}
