//! The candidate postings of a fresh import (a TM empty when the import
//! began), held as sorted runs in temporary files and written once at commit
//! as few, full rows in key order, instead of one row per term per flush
//! inserted all over the `posting` B-tree.
//!
//! Each flush of the import ([`crate::sqlite::postings::PostingChunk`], 512Ki
//! postings) becomes a run: its terms in ascending order, each with its
//! delta-varint ids. At commit the runs are merged term by term (a k-way
//! merge: runs are in flush order, so a term's ids ascend from one run to the
//! next) and each term's ids are written as rows of at most [`ROW_BYTES`]
//! encoded bytes, numbered up from the next flush number in id order: the rows arrive in the table's
//! key order, so pages are filled, not split. At 1M pairs this writes
//! 0.46M rows instead of 2.4M (one per term per flush), and the table takes
//! about half the pages.
//!
//! A run file is unlinked when made (nothing outlives the process); memory is
//! one read buffer per run, whatever the import's size.

use crate::error::StoreError;
use crate::sqlite::index::push_varint;
use crate::sqlite::postings::{Lists, PostingInserter};
use crate::sqlite::rows::sql;
use rusqlite::{params, Connection};
use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::fs::File;
use std::io::{self, BufReader, BufWriter, Read, Seek, SeekFrom, Write};
use std::path::Path;
use std::sync::mpsc::{sync_channel, SyncSender};

/// Most encoded bytes of ids in one row: a row then fits in its B-tree page
/// (SQLite keeps at most ((8192 - 12) * 64 / 255) - 23 = 2,030 bytes of a
/// WITHOUT ROWID row in an 8 KiB page and spills the rest to overflow pages;
/// rows of 32 KiB left 20 MB of 88 empty in the last page of their overflow
/// chains at 1M pairs). The 21 bytes left are the row's record header, term,
/// chunk and count. A lookup that reads a frequent word's most recent
/// postings decodes whole rows (~1,500 ids at most).
pub(crate) const ROW_BYTES: usize = 2_030 - 21;

/// Bytes of each run read at once during the merge.
const READ_BUFFER: usize = 64 << 10;

/// One term's ids in a run: `n` ids, the last of them `last`, delta-varint
/// encoded from 0 (the first varint is the first id).
struct Record {
    term: i64,
    n: u32,
    last: u32,
    bytes: Vec<u8>,
}

/// See the module documentation.
#[derive(Default)]
pub(crate) struct PostingRuns {
    runs: Vec<File>,
}

impl PostingRuns {
    /// Adds one flush's postings as a run.
    pub fn push(&mut self, lists: &Lists) -> io::Result<()> {
        let mut file = tempfile::tempfile()?;
        {
            let mut w = BufWriter::with_capacity(READ_BUFFER, &mut file);
            for l in lists.iter() {
                w.write_all(&l.term.to_le_bytes())?;
                w.write_all(&l.n.to_le_bytes())?;
                w.write_all(&l.last.to_le_bytes())?;
                w.write_all(&(l.ids.len() as u32).to_le_bytes())?;
                w.write_all(l.ids)?;
            }
            w.flush()?;
        }
        file.seek(SeekFrom::Start(0))?;
        self.runs.push(file);
        Ok(())
    }

    /// Merges the runs and inserts the rows into `posting`, inside the
    /// caller's transaction; sets `flush_seq` past the highest chunk number
    /// written, so that a later import's chunks count as more recent (a term's
    /// rows are numbered from `flush_seq` + 1 up). Returns
    /// the rows written.
    ///
    /// The merge runs on a thread of its own and hands rows over in batches:
    /// at commit nothing else keeps the second core busy, and the merge
    /// (reading the runs, the heap, building rows) took as long as SQLite's
    /// inserts (~0.5 s each at 1M pairs).
    pub fn write(self, conn: &Connection, path: &Path) -> Result<u64, StoreError> {
        let e = |err| sql(path, err);
        // Chunk numbers start past every flush so far (none in an empty TM,
        // but a TM whose TUs were all deleted has counted some).
        let base: i64 = conn
            .query_row("SELECT coalesce(max(value), 0) + 1 FROM meta WHERE name = 'flush_seq'", [], |r| r.get(0))
            .map_err(e)?;
        let (tx, rx) = sync_channel::<Vec<PostingRow>>(ROWS_IN_FLIGHT);
        let runs = self.runs;
        let (written, chunks) = std::thread::scope(|scope| -> Result<(u64, i64), StoreError> {
            let merger = std::thread::Builder::new()
                .name("posting-merge".into())
                .spawn_scoped(scope, move || merge(runs, base, tx))
                .map_err(|err| StoreError::Feed(format!("cannot start the posting merge thread: {err}").into()))?;
            let inserted = (|| {
                let mut rows = PostingInserter::new(conn)?;
                for batch in rx {
                    for (term, chunk, n, ids) in batch {
                        rows.push(term, chunk, n, ids)?;
                    }
                }
                rows.finish()
            })();
            // A failed insert dropped the receiver: the merge stops at its
            // next batch. A failed merge ended the batches early.
            let merged = merger.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            let chunks = merged.map_err(StoreError::TempFile)?;
            Ok((inserted.map_err(e)?, chunks))
        })?;
        conn.execute(
            "INSERT INTO meta (name, value) VALUES ('flush_seq', ?1)
             ON CONFLICT (name) DO UPDATE SET value = max(value, excluded.value)",
            params![chunks],
        )
        .map_err(e)?;
        Ok(written)
    }
}

/// A row of `posting`: (term, chunk, number of ids, encoded ids).
type PostingRow = (i64, i64, u32, Vec<u8>);

/// Rows the merge sends at once.
const ROWS_SENT: usize = 256;
/// Batches of rows between the merge and the inserts.
const ROWS_IN_FLIGHT: usize = 8;

/// Merges `runs` (k-way, by term) into rows numbered from chunk `base`,
/// sent in batches to `tx`; returns one past the highest chunk number.
/// Stops early, with what it has, when the receiver is gone.
fn merge(runs: Vec<File>, base: i64, tx: SyncSender<Vec<PostingRow>>) -> io::Result<i64> {
    let mut readers: Vec<BufReader<File>> =
        runs.into_iter().map(|f| BufReader::with_capacity(READ_BUFFER, f)).collect();
    let mut heads: Vec<Option<Record>> = Vec::with_capacity(readers.len());
    let mut heap = BinaryHeap::new();
    for (i, r) in readers.iter_mut().enumerate() {
        let head = read_record(r)?;
        if let Some(rec) = &head {
            heap.push(Reverse((rec.term, i)));
        }
        heads.push(head);
    }
    let mut rows = RowWriter { tx, batch: Vec::with_capacity(ROWS_SENT), gone: false };
    let mut row = Row { chunk: base, ..Row::default() };
    let mut chunks = base;
    while let Some(Reverse((term, i))) = heap.pop() {
        let rec = heads[i].take().expect("a run in the heap has a head");
        if row.term != Some(term) {
            rows.finish_term(&mut row, base);
            row.term = Some(term);
        }
        if row.bytes.len() + rec.bytes.len() <= ROW_BYTES {
            row.append(&rec);
        } else {
            rows.append_split(&mut row, &rec);
        }
        chunks = chunks.max(row.chunk + 1);
        if rows.gone {
            return Ok(chunks);
        }
        heads[i] = read_record(&mut readers[i])?;
        if let Some(next) = &heads[i] {
            heap.push(Reverse((next.term, i)));
        }
    }
    rows.finish_term(&mut row, base);
    rows.flush();
    Ok(chunks)
}

/// The row being built for one term.
#[derive(Default)]
struct Row {
    term: Option<i64>,
    /// Its chunk number: rows of a term are numbered up in id order.
    chunk: i64,
    n: u32,
    last: u32,
    bytes: Vec<u8>,
}

impl Row {
    /// Appends a run's ids of the term: its first varint (an id) becomes a
    /// delta from the row's last id, the rest is copied as it is.
    fn append(&mut self, rec: &Record) {
        if self.n == 0 {
            self.bytes.extend_from_slice(&rec.bytes);
        } else {
            let (first, len) = first_varint(&rec.bytes);
            push_varint(&mut self.bytes, first.wrapping_sub(self.last));
            self.bytes.extend_from_slice(&rec.bytes[len..]);
        }
        self.n += rec.n;
        self.last = rec.last;
    }
}

/// Emits a term's rows, numbered up from the first chunk number, in
/// batches to the inserting thread.
struct RowWriter {
    tx: SyncSender<Vec<PostingRow>>,
    /// Rows not sent yet; `ROWS_SENT` are sent at once.
    batch: Vec<PostingRow>,
    /// Whether a batch could not be sent: the inserting side stopped.
    gone: bool,
}

impl RowWriter {
    /// Queues the row and starts the term's next one.
    fn emit(&mut self, row: &mut Row) {
        let term = row.term.expect("a row being built has a term");
        self.batch.push((term, row.chunk, row.n, std::mem::take(&mut row.bytes)));
        if self.batch.len() == ROWS_SENT {
            self.flush();
        }
        row.chunk += 1;
        row.n = 0;
        row.last = 0;
    }

    /// Sends the rows queued.
    fn flush(&mut self) {
        let batch = std::mem::replace(&mut self.batch, Vec::with_capacity(ROWS_SENT));
        self.gone |= self.tx.send(batch).is_err();
    }

    /// Appends a run's ids of the term id by id, emitting the row each time
    /// it is full ([`ROW_BYTES`]).
    fn append_split(&mut self, row: &mut Row, rec: &Record) {
        let (mut rest, mut id) = (&rec.bytes[..], 0u32);
        while !rest.is_empty() {
            let (delta, len) = first_varint(rest);
            rest = &rest[len..];
            id = id.wrapping_add(delta);
            if row.n > 0 && row.bytes.len() + 5 > ROW_BYTES {
                self.emit(row);
            }
            push_varint(&mut row.bytes, id.wrapping_sub(row.last));
            row.n += 1;
            row.last = id;
        }
    }

    /// Queues what is left of the term's ids; the next term starts at
    /// chunk `base`.
    fn finish_term(&mut self, row: &mut Row, base: i64) {
        if row.n > 0 {
            self.emit(row);
        }
        *row = Row { chunk: base, ..Row::default() };
    }
}

/// The next record of a run, `None` at its end.
fn read_record(r: &mut impl Read) -> io::Result<Option<Record>> {
    let mut head = [0u8; 20];
    match r.read_exact(&mut head) {
        Ok(()) => {}
        Err(err) if err.kind() == io::ErrorKind::UnexpectedEof => return Ok(None),
        Err(err) => return Err(err),
    }
    let word = |i: usize| u32::from_le_bytes(head[i..i + 4].try_into().expect("4 bytes"));
    let term = i64::from_le_bytes(head[..8].try_into().expect("8 bytes"));
    let mut bytes = vec![0u8; word(16) as usize];
    r.read_exact(&mut bytes)?;
    Ok(Some(Record { term, n: word(8), last: word(12), bytes }))
}

/// The first LEB128 varint of `bytes` and its length in bytes.
fn first_varint(bytes: &[u8]) -> (u32, usize) {
    let (mut v, mut shift) = (0u32, 0);
    for (i, &b) in bytes.iter().enumerate() {
        v |= u32::from(b & 0x7F) << shift;
        if b & 0x80 == 0 {
            return (v, i + 1);
        }
        shift += 7;
    }
    (v, bytes.len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sqlite::index::decode;
    use crate::sqlite::postings::PostingWriter;

    /// A run's lists: each term with its ids.
    fn lists(terms: &[(i64, &[u32])]) -> Lists {
        let mut w = PostingWriter::new();
        for &(term, ids) in terms {
            for &id in ids {
                w.add_terms(i64::from(id), &[term]);
            }
        }
        w.take().into_lists().0
    }

    /// (term, chunk, ids) of every row of `posting`, in key order.
    fn rows(conn: &Connection) -> Vec<(i64, i64, Vec<u32>)> {
        let mut st = conn.prepare("SELECT term, chunk, n, ids FROM posting ORDER BY term, chunk").unwrap();
        st.query_map([], |r| {
            let mut ids = Vec::new();
            decode(&r.get::<_, Vec<u8>>(3)?, |id| ids.push(id));
            assert_eq!(ids.len() as i64, r.get::<_, i64>(2)?);
            Ok((r.get(0)?, r.get(1)?, ids))
        })
        .unwrap()
        .map(Result::unwrap)
        .collect()
    }

    fn table() -> Connection {
        let conn = Connection::open_in_memory().unwrap();
        conn.execute_batch(
            "CREATE TABLE meta (name TEXT PRIMARY KEY, value INTEGER NOT NULL);
             CREATE TABLE posting (term INTEGER NOT NULL, chunk INTEGER NOT NULL, n INTEGER NOT NULL,
                                   ids BLOB NOT NULL, PRIMARY KEY (term, chunk)) WITHOUT ROWID;",
        )
        .unwrap();
        conn
    }

    #[test]
    fn runs_merge_into_one_row_a_term_with_ids_ascending_across_runs() {
        let conn = table();
        let mut runs = PostingRuns::default();
        runs.push(&lists(&[(-5, &[1, 3]), (7, &[2]), (9, &[1, 300])])).unwrap();
        runs.push(&lists(&[(7, &[400, 70_000]), (8, &[401])])).unwrap();
        runs.push(&lists(&[(-5, &[1_000_000]), (9, &[200_000])])).unwrap();
        assert_eq!(runs.write(&conn, Path::new("t.db")).unwrap(), 4);
        assert_eq!(
            rows(&conn),
            [
                (-5, 1, vec![1, 3, 1_000_000]),
                (7, 1, vec![2, 400, 70_000]),
                (8, 1, vec![401]),
                (9, 1, vec![1, 300, 200_000]),
            ]
        );
        let seq: i64 = conn.query_row("SELECT value FROM meta WHERE name = 'flush_seq'", [], |r| r.get(0)).unwrap();
        assert_eq!(seq, 2);
    }

    #[test]
    fn a_term_with_more_ids_than_a_row_holds_gets_several_rows_in_id_order() {
        let conn = table();
        let mut runs = PostingRuns::default();
        // 3 runs of 20,000 ids, one byte each (deltas of 3): 60,000 bytes,
        // more than a row holds.
        let all: Vec<u32> = (1..=60_000).map(|i| i * 3).collect();
        for part in all.chunks(20_000) {
            runs.push(&lists(&[(42, part)])).unwrap();
        }
        runs.write(&conn, Path::new("t.db")).unwrap();
        let got = rows(&conn);
        // 60,000 bytes in rows of at most ROW_BYTES, every row but the last full.
        assert_eq!(got.len(), 60_000usize.div_ceil(ROW_BYTES - 4), "{} rows", got.len());
        assert!(got.iter().enumerate().all(|(i, r)| r.0 == 42 && r.1 == i as i64 + 1));
        let bytes: Vec<usize> = conn
            .prepare("SELECT length(ids) FROM posting ORDER BY chunk")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        assert!(bytes[..bytes.len() - 1].iter().all(|&b| b == ROW_BYTES - 4), "{bytes:?}");
        let ids: Vec<u32> = got.into_iter().flat_map(|r| r.2).collect();
        assert_eq!(ids, all);
        let seq: i64 = conn.query_row("SELECT value FROM meta WHERE name = 'flush_seq'", [], |r| r.get(0)).unwrap();
        assert_eq!(seq, rows(&conn).len() as i64 + 1);
    }

    /// A row that cannot be inserted fails the write with SQLite's error,
    /// though the merge had many more rows to send than the channel holds.
    #[test]
    fn a_failed_insert_ends_the_merge_with_the_error() {
        let conn = table();
        conn.execute("INSERT INTO posting VALUES (0, 1, 1, x'01')", []).unwrap();
        let mut runs = PostingRuns::default();
        let terms: Vec<(i64, &[u32])> = (0..20_000).map(|t| (t, &[1u32, 2][..])).collect();
        runs.push(&lists(&terms)).unwrap();
        let err = runs.write(&conn, Path::new("t.db")).unwrap_err();
        assert!(err.to_string().contains("UNIQUE constraint failed: posting.term, posting.chunk"), "{err}");
    }
}
