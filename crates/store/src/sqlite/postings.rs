//! Collecting and writing the candidate index's postings
//! ([`crate::sqlite::index`]).
//!
//! An import's preparing thread only appends (term, TUV id) pairs to a
//! [`PostingWriter`], 12 bytes each, in the order it meets them: the
//! hash map it filled before (one probe and one growing buffer per term)
//! cost a fifth of that thread's time at 1M pairs, through cache misses.
//! The thread that writes groups a chunk of pairs at once
//! ([`PostingChunk::into_lists`]): one radix pass scatters them by the top
//! bits of their term, small sorts order each bucket by (term, id), and
//! each term's ids are delta-varint encoded as `posting` rows hold them.

use crate::error::StoreError;
use crate::sqlite::index::{decode, encode, push_varint};
use crate::sqlite::insert::{Param, RawInsert};
use crate::sqlite::rows::sql;
use rusqlite::{params, Connection};
use std::collections::HashMap;
use std::path::Path;
use std::sync::LazyLock;

/// Pairs a [`PostingWriter`] holds before it asks to be flushed: 6 MiB.
/// A flush is one run of a fresh import ([`crate::sqlite::runs`]): 68 at
/// 1M pairs (35M postings). Twice as large took as long, and no less
/// memory in all.
const FLUSH_PAIRS: usize = 1 << 19;

/// Bits of a term (as an ordered key) that [`PostingChunk::into_lists`]
/// scatters pairs by: 65,536 buckets, ~8 pairs each in a full chunk but
/// those of frequent words.
const RADIX_BITS: u32 = 16;

/// Below this many pairs a chunk is sorted without the radix pass.
const RADIX_FROM: usize = 1 << 14;

/// That TUV `id` is under `term`. Packed to 12 bytes: a chunk is mostly
/// these.
#[derive(Clone, Copy, Default)]
#[repr(C, packed(4))]
struct Pair {
    term: i64,
    id: u32,
}

impl Pair {
    /// The sort key: term, then id.
    fn key(self) -> (i64, u32) {
        (self.term, self.id)
    }

    /// The bucket of the radix pass: the top [`RADIX_BITS`] of the term with
    /// its sign bit flipped, so that buckets follow the terms' order as
    /// signed integers (the order of the `posting` table's key).
    fn bucket(self) -> usize {
        (((self.term as u64) ^ (1 << 63)) >> (64 - RADIX_BITS)) as usize
    }
}

/// Collects postings (during an import, a migration, a rebuild) and hands
/// them over in chunks ([`PostingWriter::take`]).
#[derive(Default)]
pub(crate) struct PostingWriter {
    chunk: PostingChunk,
}

/// Postings collected by a [`PostingWriter`] (possibly on another thread):
/// (term, TUV id) pairs in any order, and TUVs counted per language.
/// Grouped where they are written ([`PostingChunk::into_lists`]).
#[derive(Default)]
pub struct PostingChunk {
    pairs: Vec<Pair>,
    per_lang: HashMap<String, i64>,
}

/// One term's ids of a chunk: `n` ascending ids, the last of them `last`,
/// delta-varint encoded from 0 in `ids` ([`encode`]).
pub(crate) struct List<'a> {
    pub term: i64,
    pub n: u32,
    pub last: u32,
    pub ids: &'a [u8],
}

/// A chunk's postings grouped by term, in ascending term order
/// ([`PostingChunk::into_lists`]): every list's encoded ids in one buffer.
#[derive(Default)]
pub(crate) struct Lists {
    /// (term, n, last id, end of its ids in `bytes`).
    heads: Vec<(i64, u32, u32, usize)>,
    bytes: Vec<u8>,
}

impl Lists {
    /// The lists in ascending term order.
    pub fn iter(&self) -> impl Iterator<Item = List<'_>> {
        let starts = std::iter::once(0).chain(self.heads.iter().map(|h| h.3));
        self.heads.iter().zip(starts).map(|(&(term, n, last, end), start)| List {
            term,
            n,
            last,
            ids: &self.bytes[start..end],
        })
    }

    /// The terms, ascending.
    pub fn terms(&self) -> impl Iterator<Item = i64> + '_ {
        self.heads.iter().map(|h| h.0)
    }

    pub fn is_empty(&self) -> bool {
        self.heads.is_empty()
    }

    /// Encodes `sorted` (pairs in (term, id) order), a pair met twice once.
    fn encode(sorted: &[Pair]) -> Lists {
        let mut lists = Lists { heads: Vec::new(), bytes: Vec::with_capacity(sorted.len() * 2) };
        let mut prev: Option<(i64, u32)> = None;
        for p in sorted {
            let (term, id) = p.key();
            match prev {
                Some((t, i)) if t == term && i == id => continue,
                Some((t, _)) if t == term => {
                    let head = lists.heads.last_mut().expect("a list is open");
                    push_varint(&mut lists.bytes, id - head.2);
                    head.1 += 1;
                    head.2 = id;
                }
                _ => {
                    push_varint(&mut lists.bytes, id);
                    lists.heads.push((term, 1, id, 0));
                }
            }
            lists.heads.last_mut().expect("a list is open").3 = lists.bytes.len();
            prev = Some((term, id));
        }
        lists
    }
}

/// Sorts a bucket of the radix pass by (term, id). Most buckets hold ~8
/// pairs: an insertion sort (the standard sort's set-up cost per call was
/// as much as the sorting). A large one holds a frequent word's pairs and
/// a few other terms': a counting sort by term, which keeps each term's ids
/// in their order (ascending when they were added in order, else sorted
/// after). Many terms: the standard sort.
fn sort_bucket(pairs: &mut [Pair], scratch: &mut Vec<Pair>) {
    /// Most distinct terms of a bucket sorted by counting.
    const FEW: usize = 16;
    if pairs.len() <= 32 {
        for i in 1..pairs.len() {
            let p = pairs[i];
            let mut j = i;
            while j > 0 && pairs[j - 1].key() > p.key() {
                pairs[j] = pairs[j - 1];
                j -= 1;
            }
            pairs[j] = p;
        }
        return;
    }
    // (term, pairs), then (term, next slot).
    let mut terms: Vec<(i64, usize)> = Vec::with_capacity(FEW);
    for p in pairs.iter() {
        let term = p.term;
        if let Some(t) = terms.iter_mut().find(|t| t.0 == term) {
            t.1 += 1;
        } else if terms.len() < FEW {
            terms.push((term, 1));
        } else {
            pairs.sort_unstable_by_key(|p| p.key());
            return;
        }
    }
    terms.sort_unstable_by_key(|t| t.0);
    let mut at = 0;
    for t in &mut terms {
        (t.1, at) = (at, at + t.1);
    }
    scratch.clear();
    scratch.extend_from_slice(pairs);
    for &p in scratch.iter() {
        let term = p.term;
        let t = terms.iter_mut().find(|t| t.0 == term).expect("every term was counted");
        pairs[t.1] = p;
        t.1 += 1;
    }
    for run in pairs.chunk_by_mut(|a, b| a.term == b.term) {
        if !run.is_sorted_by_key(|p| p.id) {
            run.sort_unstable_by_key(|p| p.id);
        }
    }
}

impl PostingChunk {
    /// Groups the chunk: its lists in term order (for
    /// [`crate::sqlite::runs::PostingRuns::push`] and [`write_lists`]), and
    /// its TUV counts per language (to be added at once).
    pub(crate) fn into_lists(self) -> (Lists, HashMap<String, i64>) {
        let mut pairs = self.pairs;
        if pairs.len() < RADIX_FROM {
            pairs.sort_unstable_by_key(|p| p.key());
            return (Lists::encode(&pairs), self.per_lang);
        }
        // A counting sort by the top bits of the term, then each bucket by
        // (term, id).
        let mut starts = vec![0usize; (1 << RADIX_BITS) + 1];
        for p in &pairs {
            starts[p.bucket() + 1] += 1;
        }
        for b in 1..starts.len() {
            starts[b] += starts[b - 1];
        }
        let mut sorted = vec![Pair::default(); pairs.len()];
        let mut next = starts.clone();
        for p in pairs.drain(..) {
            let slot = &mut next[p.bucket()];
            sorted[*slot] = p;
            *slot += 1;
        }
        drop(pairs);
        let mut scratch = Vec::new();
        for w in starts.windows(2) {
            sort_bucket(&mut sorted[w[0]..w[1]], &mut scratch);
        }
        (Lists::encode(&sorted), self.per_lang)
    }

    /// The chunk as rows (term, ids, encoded ids) in term order, and its TUV
    /// counts per language: what another backend stores of it.
    pub(crate) fn into_rows(self) -> (Vec<(i64, i32, Vec<u8>)>, HashMap<String, i64>) {
        let (lists, per_lang) = self.into_lists();
        (lists.iter().map(|l| (l.term, l.n as i32, l.ids.to_vec())).collect(), per_lang)
    }
}

impl PostingWriter {
    pub fn new() -> PostingWriter {
        PostingWriter::default()
    }

    /// Records that TUV `id` of language `lang_base` is under `terms`, and
    /// counts it in its language.
    pub fn add(&mut self, lang_base: &str, id: i64, terms: &[i64]) {
        self.add_terms(id, terms);
        match self.chunk.per_lang.get_mut(lang_base) {
            Some(n) => *n += 1,
            None => {
                self.chunk.per_lang.insert(lang_base.to_string(), 1);
            }
        }
    }

    /// Records that TUV `id`, already counted in its language, is also
    /// under `terms` (a migration adding a kind of term). Ids may come in
    /// any order; an id fits 32 bits (the import checks).
    pub fn add_terms(&mut self, id: i64, terms: &[i64]) {
        let id = id as u32;
        self.chunk.pairs.extend(terms.iter().map(|&term| Pair { term, id }));
    }

    /// Whether no TUV was added since the last [`PostingWriter::take`].
    pub fn is_empty(&self) -> bool {
        self.chunk.per_lang.is_empty() && self.chunk.pairs.is_empty()
    }

    /// Whether enough postings are held to write them out now
    /// ([`FLUSH_PAIRS`]).
    pub fn should_flush(&self) -> bool {
        self.chunk.pairs.len() >= FLUSH_PAIRS
    }

    /// The postings held, handed over to be written; the writer starts empty.
    pub fn take(&mut self) -> PostingChunk {
        std::mem::take(&mut self.chunk)
    }

    /// Writes the held postings ([`write_chunk`]).
    pub fn flush(&mut self, conn: &Connection, path: &Path) -> Result<(), StoreError> {
        write_chunk(conn, path, self.take())
    }
}

/// Writes `chunk` as one new chunk per term, and adds its TUV counts per
/// language, inside the caller's transaction.
pub(crate) fn write_chunk(conn: &Connection, path: &Path, chunk: PostingChunk) -> Result<(), StoreError> {
    let (lists, per_lang) = chunk.into_lists();
    write_lists(conn, path, &lists, per_lang)
}

/// [`write_chunk`] of a chunk already grouped.
pub(crate) fn write_lists(
    conn: &Connection,
    path: &Path,
    lists: &Lists,
    per_lang: HashMap<String, i64>,
) -> Result<(), StoreError> {
    let e = |err| sql(path, err);
    let mut bump = conn.prepare_cached(BUMP).map_err(e)?;
    for (lang, n) in per_lang {
        bump.execute(params![format!("tuvs:{lang}"), n]).map_err(e)?;
    }
    if lists.is_empty() {
        return Ok(());
    }
    bump.execute(params!["flush_seq", 1]).map_err(e)?;
    let seq: i64 = conn.query_row("SELECT value FROM meta WHERE name = 'flush_seq'", [], |r| r.get(0)).map_err(e)?;
    // Term order: the chunk's rows go into the table's B-tree in key order.
    let mut rows = PostingInserter::new(conn).map_err(e)?;
    for l in lists.iter() {
        rows.push(l.term, seq, l.n, l.ids.to_vec()).map_err(e)?;
    }
    rows.finish().map_err(e)?;
    Ok(())
}

/// Inserts `posting` rows by [`ROWS_PER_INSERT`] a statement: SQLite's cost
/// of running a statement (cursors opened and closed, the transaction
/// checked) is then paid once for many rows (a 20k-TU chunk, 62k rows: 369M
/// instructions one row a statement, 214M by 64, 220M by 256). Rows should
/// come in key order (term, chunk), so that they go into the B-tree in order.
pub(crate) struct PostingInserter<'c> {
    batch: RawInsert<'c>,
    one: RawInsert<'c>,
    pending: Vec<(i64, i64, u32, Vec<u8>)>,
    written: u64,
}

impl<'c> PostingInserter<'c> {
    pub fn new(conn: &'c Connection) -> rusqlite::Result<PostingInserter<'c>> {
        Ok(PostingInserter {
            batch: RawInsert::new(conn, &INSERT_POSTINGS)?,
            one: RawInsert::new(conn, "INSERT INTO posting (term, chunk, n, ids) VALUES (?1, ?2, ?3, ?4)")?,
            pending: Vec::with_capacity(ROWS_PER_INSERT),
            written: 0,
        })
    }

    /// Queues the row (`n` ids, delta-varint encoded in `ids`); a full
    /// batch is inserted.
    pub fn push(&mut self, term: i64, chunk: i64, n: u32, ids: Vec<u8>) -> rusqlite::Result<()> {
        self.pending.push((term, chunk, n, ids));
        if self.pending.len() == ROWS_PER_INSERT {
            let values: Vec<Param<'_>> = self
                .pending
                .iter()
                .flat_map(|(t, c, n, b)| [Param::Int(*t), Param::Int(*c), Param::Int(i64::from(*n)), Param::Blob(b)])
                .collect();
            self.batch.run(&values)?;
            self.written += self.pending.len() as u64;
            self.pending.clear();
        }
        Ok(())
    }

    /// Inserts the rows still queued, one a statement; returns the rows
    /// written in all.
    pub fn finish(mut self) -> rusqlite::Result<u64> {
        for (t, c, n, b) in std::mem::take(&mut self.pending) {
            self.one.run(&[Param::Int(t), Param::Int(c), Param::Int(i64::from(n)), Param::Blob(&b)])?;
            self.written += 1;
        }
        Ok(self.written)
    }
}

/// Posting rows inserted by one statement of a [`PostingInserter`].
const ROWS_PER_INSERT: usize = 64;

/// The insert of [`ROWS_PER_INSERT`] posting rows. `OR FAIL`, not the
/// default `ABORT`: a statement of many rows that may abort half-way makes
/// SQLite copy every page it changes into a statement journal first (the
/// rightmost leaf and its parents, again for every statement); a failing
/// row fails the import, whose transaction is rolled back anyway.
static INSERT_POSTINGS: LazyLock<String> = LazyLock::new(|| {
    let rows: Vec<String> = (0..ROWS_PER_INSERT)
        .map(|i| format!("(?{}, ?{}, ?{}, ?{})", 4 * i + 1, 4 * i + 2, 4 * i + 3, 4 * i + 4))
        .collect();
    format!("INSERT OR FAIL INTO posting (term, chunk, n, ids) VALUES {}", rows.join(", "))
});

/// Adds `n` (possibly negative) to a counter of the `meta` table.
pub(crate) const BUMP: &str = "INSERT INTO meta (name, value) VALUES (?1, ?2)
                               ON CONFLICT (name) DO UPDATE SET value = value + excluded.value";

/// Takes TUVs out of the postings: `gone` holds (term, TUV id) pairs, in
/// any order, of TUVs that were not stored or were deleted. Every chunk of
/// each such term is decoded, filtered and written back (deleted when empty).
pub(crate) fn remove_postings(conn: &Connection, path: &Path, gone: &mut Vec<(i64, u32)>) -> Result<(), StoreError> {
    let e = |err| sql(path, err);
    gone.sort_unstable();
    gone.dedup();
    let mut read = conn.prepare_cached("SELECT chunk, ids FROM posting WHERE term = ?1").map_err(e)?;
    let mut update =
        conn.prepare_cached("UPDATE posting SET n = ?3, ids = ?4 WHERE term = ?1 AND chunk = ?2").map_err(e)?;
    let mut delete = conn.prepare_cached("DELETE FROM posting WHERE term = ?1 AND chunk = ?2").map_err(e)?;
    for group in gone.chunk_by(|a, b| a.0 == b.0) {
        let term = group[0].0;
        let chunks: Vec<(i64, Vec<u8>)> =
            read.query_map([term], |r| Ok((r.get(0)?, r.get(1)?))).map_err(e)?.collect::<Result<_, _>>().map_err(e)?;
        for (chunk, blob) in chunks {
            let (mut kept, mut before) = (Vec::new(), 0usize);
            decode(&blob, |id| {
                before += 1;
                if group.binary_search_by_key(&id, |g| g.1).is_err() {
                    kept.push(id);
                }
            });
            let mut out = Vec::with_capacity(blob.len());
            encode(&kept, &mut out);
            if kept.is_empty() {
                delete.execute(params![term, chunk]).map_err(e)?;
            } else if kept.len() != before {
                update.execute(params![term, chunk, kept.len() as i64, out]).map_err(e)?;
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (term, ids) of each list of `lists`, decoded.
    fn decoded(lists: &Lists) -> Vec<(i64, Vec<u32>)> {
        lists
            .iter()
            .map(|l| {
                let mut ids = Vec::new();
                decode(l.ids, |id| ids.push(id));
                assert_eq!((l.n as usize, l.last), (ids.len(), *ids.last().unwrap()));
                (l.term, ids)
            })
            .collect()
    }

    #[test]
    fn pairs_in_any_order_group_into_ascending_terms_of_ascending_ids() {
        let mut w = PostingWriter::new();
        w.add("es", 9, &[7, -3]);
        w.add("en", 2, &[7, i64::MIN, i64::MAX]);
        w.add("es", 5, &[-3, 7]);
        w.add_terms(2, &[7]);
        let (lists, per_lang) = w.take().into_lists();
        assert_eq!(decoded(&lists), [(i64::MIN, vec![2]), (-3, vec![5, 9]), (7, vec![2, 5, 9]), (i64::MAX, vec![2])]);
        assert_eq!(per_lang, HashMap::from([("es".to_string(), 2), ("en".to_string(), 1)]));
        assert!(w.is_empty());
    }

    /// Above [`RADIX_FROM`] pairs, the radix pass: the same lists as a
    /// plain sort, on terms spread over the whole range (buckets of a few
    /// pairs) and on terms that share their top bits (large buckets of
    /// few terms, and of many), ids added in descending order.
    #[test]
    fn the_radix_pass_groups_as_a_sort_does() {
        let mut w = PostingWriter::new();
        let mut want: std::collections::BTreeMap<i64, Vec<u32>> = Default::default();
        for id in (1..=40_000u32).rev() {
            let spread = (u64::from(id % 997)).wrapping_mul(0x9E37_79B9_7F4A_7C15) as i64;
            let near = 1_000 + i64::from(id % 13);
            // Buckets of a few pairs (insertion sort), and large ones.
            let own = (u64::from(id / 2)).wrapping_mul(0xD6E8_FEB8_6659_FD93) as i64;
            // A bucket of 50 terms: more than a counting sort takes.
            let many = (1 << 40) + i64::from(id % 50);
            let terms = [spread, near, -near, own, many];
            w.add_terms(i64::from(id), &terms);
            for t in terms {
                want.entry(t).or_default().push(id);
            }
        }
        assert!(w.chunk.pairs.len() > RADIX_FROM);
        for ids in want.values_mut() {
            ids.sort_unstable();
        }
        let (lists, _) = w.take().into_lists();
        assert_eq!(decoded(&lists), want.into_iter().collect::<Vec<_>>());
    }

    #[test]
    fn a_chunk_of_whole_batches_and_a_rest_is_written_row_for_row() {
        let conn = Connection::open_in_memory().unwrap();
        conn.execute_batch(crate::sqlite::schema::SCHEMA).unwrap();
        let mut w = PostingWriter::new();
        // 150 terms: two statements of 64 rows and 22 rows one by one;
        // term t is in the TUVs whose id is a multiple of t.
        for id in 1..=300i64 {
            let terms: Vec<i64> = (1..=150).filter(|t| id % t == 0).collect();
            w.add("es", id, &terms);
        }
        w.flush(&conn, Path::new("test.db")).unwrap();
        let mut st = conn.prepare("SELECT term, chunk, n, ids FROM posting ORDER BY term").unwrap();
        let rows: Vec<(i64, i64, i64, Vec<u32>)> = st
            .query_map([], |r| {
                let mut ids = Vec::new();
                decode(&r.get::<_, Vec<u8>>(3)?, |id| ids.push(id));
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, ids))
            })
            .unwrap()
            .map(Result::unwrap)
            .collect();
        assert_eq!(rows.len(), 150);
        for (t, (term, chunk, n, ids)) in (1..=150i64).zip(rows) {
            let want: Vec<u32> = (1..=300u32).filter(|id| i64::from(*id) % t == 0).collect();
            assert_eq!((term, chunk, n as usize), (t, 1, want.len()));
            assert_eq!(ids, want, "term {t}");
        }
        let es: i64 = conn.query_row("SELECT value FROM meta WHERE name = 'tuvs:es'", [], |r| r.get(0)).unwrap();
        assert_eq!(es, 300);
    }
}
