//! The persistent candidate index: for each (language, word of a match key),
//! the ascending ids of the TUVs containing it, and for each (language,
//! skeleton of a short key: its letters, digits and placeable masks) the
//! TUVs that have it ([`index_terms`]), kept in SQLite as delta-encoded
//! varint blobs (`posting` table), one chunk per term per import flush. A
//! lookup reads the TUVs of its skeleton (near-exact matches) and the
//! postings of the query's rarer words (`candidates.rs`); nothing is
//! scanned or rebuilt when a process starts.

use crate::error::StoreError;
use crate::sqlite::insert::{Param, RawInsert};
use crate::sqlite::rows::sql;
use memoria_core::normalize::{is_mask, is_word_char};
use rusqlite::{params, Connection};
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::path::Path;
use std::sync::LazyLock;

/// Bytes of postings (encoded, plus [`TERM_OVERHEAD`] per term) an import
/// holds in memory before writing them out as a chunk.
const FLUSH_AT: usize = 8 << 20;
/// Approximate heap bytes of one term's entry beside its encoded ids (map
/// slot, buffer header, allocation).
const TERM_OVERHEAD: usize = 64;

/// The term id of `word` in language `lang_base`: FNV-1a of
/// `lang_base`, U+0001, `word` (UTF-8).
#[cfg(test)]
pub(crate) fn term_id(lang_base: &str, word: &str) -> i64 {
    let mut s = String::with_capacity(lang_base.len() + word.len() + 1);
    s.push_str(lang_base);
    s.push('\u{1}');
    s.push_str(word);
    memoria_core::normalize::hash(&s)
}

/// The distinct term ids of a match key (its words as
/// [`memoria_core::normalize::words`] cuts them), in first-occurrence order; the
/// same values as [`term_id`] without building strings.
pub fn term_ids(lang_base: &str, key: &str) -> Vec<i64> {
    word_ids(&[lang_base.as_bytes(), &[1]], key)
}

/// Keys of at most this many chars are also indexed under their short-word
/// terms ([`short_term_ids`]).
pub const SHORT_KEY_MAX: usize = 48;

/// Keys of at most this many chars are indexed under their tiny-word terms
/// as well ([`short_term_ids`] with this bound): a query of at most 23
/// chars at `min_score` 70 (16 at 50) reads only these.
pub const TINY_KEY_MAX: usize = 32;

/// The length classes of short keys, narrowest first: the most chars of a
/// key in the class, and the byte after U+0001 in its terms' hashes.
const SHORT_CLASSES: [(usize, u8); 2] = [(TINY_KEY_MAX, 4), (SHORT_KEY_MAX, 3)];

/// The narrowest length class holding every key of at most `longest`
/// chars: its bound ([`TINY_KEY_MAX`] or [`SHORT_KEY_MAX`]), or `None`
/// when `longest` is above them all.
pub fn short_class(longest: usize) -> Option<usize> {
    SHORT_CLASSES.iter().find(|&&(max, _)| longest <= max).map(|&(max, _)| max)
}

/// The words of a match key as [`term_ids`] cuts them, hashed into the
/// length class of bound `class` ([`short_class`]): after `lang_base`,
/// U+0001 and U+0003 for [`SHORT_KEY_MAX`], U+0004 for [`TINY_KEY_MAX`]
/// (no word contains either). Each word thus has a posting list per class
/// holding only the TUVs whose key has at most `class` chars; a query whose
/// every possible fuzzy match is that short (the length bound of the
/// score) reads these: the 119 tiny TUVs with `acerca` of a 10M-pair TM
/// rather than its 4,235 short ones or 37,832 in all.
///
/// Panics when `class` is not one of the bounds.
pub fn short_term_ids(lang_base: &str, key: &str, class: usize) -> Vec<i64> {
    let (_, byte) = SHORT_CLASSES.iter().find(|&&(max, _)| max == class).expect("a short class bound");
    word_ids(&[lang_base.as_bytes(), &[1, *byte]], key)
}

/// The distinct FNV-1a hashes of `prefix` followed by each word of `key`.
fn word_ids(prefix: &[&[u8]], key: &str) -> Vec<i64> {
    let mut seed: u64 = 0xcbf29ce484222325;
    for b in prefix.iter().flat_map(|p| p.iter()) {
        seed = (seed ^ u64::from(*b)).wrapping_mul(0x100000001b3);
    }
    let mut out: Vec<i64> = Vec::with_capacity(24);
    let (mut h, mut len) = (seed, 0usize);
    let end_word = |h: u64, len: usize, out: &mut Vec<i64>| {
        if len >= 2 && !out.contains(&(h as i64)) {
            out.push(h as i64);
        }
    };
    // Byte by byte: an ASCII byte is a char; a multi-byte char is decoded
    // at its lead byte, and its continuation bytes follow its fate.
    let mut in_word_char = false;
    for (i, &b) in key.as_bytes().iter().enumerate() {
        // (whether this byte is part of a word char, whether it starts a char)
        let (word, starts) = match b {
            0..=0x7F => (b.is_ascii_alphanumeric(), true),
            0x80..=0xBF => (in_word_char, false),
            _ => {
                in_word_char = is_word_char(key[i..].chars().next().expect("a lead byte starts a char"));
                (in_word_char, true)
            }
        };
        if word {
            h = (h ^ u64::from(b)).wrapping_mul(0x100000001b3);
            len += usize::from(starts);
        } else if starts {
            end_word(h, len, &mut out);
            (h, len) = (seed, 0);
        }
    }
    end_word(h, len, &mut out);
    out
}

/// Skeletons up to this many chars are indexed ([`skeleton_term`]). A
/// longer key has enough words for the word postings to find its
/// near-exact matches: they share every word of it.
pub const SKELETON_MAX: usize = 40;

/// The skeleton term of a match key: a hash of its letters, digits and
/// placeable masks in order, punctuation and white space left out (FNV-1a
/// of `lang_base`, U+0001, U+0002, then the skeleton's UTF-8; no word
/// contains U+0002, so no word's [`term_id`] is built the same way). Two
/// keys with the same skeleton belong to texts that differ only in case,
/// punctuation, white space, placeable values or inline codes: a near-exact
/// match, base score 100 ([`crate::score::score`]). `None` for a skeleton
/// longer than [`SKELETON_MAX`] chars, which is not indexed.
pub fn skeleton_term(lang_base: &str, key: impl IntoIterator<Item = char>) -> Option<i64> {
    let mut h: u64 = 0xcbf29ce484222325;
    let mut byte = |b: u8| h = (h ^ u64::from(b)).wrapping_mul(0x100000001b3);
    lang_base.bytes().chain([1u8, 2u8]).for_each(&mut byte);
    let mut chars = 0;
    let mut buf = [0u8; 4];
    for c in key.into_iter().filter(|&c| is_word_char(c) || is_mask(c)) {
        chars += 1;
        if chars > SKELETON_MAX {
            return None;
        }
        c.encode_utf8(&mut buf).bytes().for_each(&mut byte);
    }
    Some(h as i64)
}

/// The terms a TUV is indexed under: the words of its match key
/// ([`term_ids`]), then its short-word terms in each length class its key
/// fits ([`short_terms`]), then its skeleton ([`skeleton_term`]) when that
/// is short enough.
pub fn index_terms(lang_base: &str, key: &str) -> Vec<i64> {
    let mut terms = term_ids(lang_base, key);
    terms.extend(short_terms(lang_base, key));
    terms.extend(skeleton_term(lang_base, key.chars()));
    terms
}

/// The short-word terms of `key` in every length class it fits (none for a
/// key of more than [`SHORT_KEY_MAX`] chars).
pub(crate) fn short_terms(lang_base: &str, key: &str) -> Vec<i64> {
    let chars = key.chars().take(SHORT_KEY_MAX + 1).count();
    let mut out = Vec::new();
    for (max, _) in SHORT_CLASSES.iter().filter(|&&(max, _)| chars <= max) {
        out.extend(short_term_ids(lang_base, key, *max));
    }
    out
}

/// The tiny-word terms of `key` ([`short_term_ids`] in the
/// [`TINY_KEY_MAX`] class) when it has at most that many chars, else none:
/// what schema 12 added to the postings of an older TM.
pub(crate) fn tiny_terms(lang_base: &str, key: &str) -> Vec<i64> {
    if key.chars().nth(TINY_KEY_MAX).is_some() {
        return Vec::new();
    }
    short_term_ids(lang_base, key, TINY_KEY_MAX)
}

/// A fast hasher for integer keys (ids and term hashes are already spread).
#[derive(Default)]
pub(crate) struct IdHasher(u64);

impl Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x100000001b3);
        }
    }
    fn write_u32(&mut self, n: u32) {
        self.0 = u64::from(n).wrapping_mul(0x9E3779B97F4A7C15);
    }
    fn write_i64(&mut self, n: i64) {
        self.0 = (n as u64).wrapping_mul(0x9E3779B97F4A7C15);
    }
}

pub(crate) type IdMap<K, V> = HashMap<K, V, BuildHasherDefault<IdHasher>>;

/// One term's postings of the current chunk, already encoded as they are
/// stored (delta + LEB128 varints): 1–2 bytes an id for common words
/// instead of 4.
#[derive(Default)]
struct TermBuf {
    bytes: Vec<u8>,
    last: u32,
    n: u32,
}

/// Collects postings during an import and writes them in chunks.
pub(crate) struct PostingWriter {
    chunk: PostingChunk,
    /// Estimated heap bytes held (see [`FLUSH_AT`]).
    held: usize,
}

/// Postings collected by a [`crate::Preparer`] (possibly on another thread),
/// written by [`crate::Import::add_postings`] as one chunk: for each term the
/// ascending TUV ids, and TUVs counted per language.
#[derive(Default)]
pub struct PostingChunk {
    lists: IdMap<i64, TermBuf>,
    per_lang: HashMap<String, i64>,
}

impl PostingChunk {
    /// The terms the chunk holds ids of, in no order.
    pub(crate) fn terms(&self) -> impl Iterator<Item = i64> + '_ {
        self.lists.keys().copied()
    }

    /// Takes the chunk's TUV counts per language (to be added at once) and
    /// its lists as `(term, n, last id, encoded ids)` in term order (for
    /// [`crate::sqlite::runs::PostingRuns::push`]).
    pub(crate) fn into_lists(self) -> (Vec<(i64, u32, u32, Vec<u8>)>, HashMap<String, i64>) {
        let mut lists: Vec<(i64, u32, u32, Vec<u8>)> =
            self.lists.into_iter().map(|(t, b)| (t, b.n, b.last, b.bytes)).collect();
        lists.sort_unstable_by_key(|l| l.0);
        (lists, self.per_lang)
    }

    /// The chunk as rows (term, ids, encoded ids) in term order, and its TUV
    /// counts per language: what another backend stores of it.
    pub(crate) fn into_rows(self) -> (Vec<(i64, i32, Vec<u8>)>, HashMap<String, i64>) {
        let mut rows: Vec<(i64, i32, Vec<u8>)> =
            self.lists.into_iter().map(|(t, b)| (t, b.n as i32, b.bytes)).collect();
        rows.sort_unstable_by_key(|r| r.0);
        (rows, self.per_lang)
    }
}

impl PostingWriter {
    pub fn new() -> PostingWriter {
        PostingWriter { chunk: PostingChunk::default(), held: 0 }
    }

    /// Records that TUV `id` of language `lang_base` contains `terms`. Ids
    /// come in ascending order (TUV row ids of one import).
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
    /// under `terms` (a migration adding a kind of term).
    pub fn add_terms(&mut self, id: i64, terms: &[i64]) {
        let id = id as u32;
        for &t in terms {
            let buf = self.chunk.lists.entry(t).or_default();
            if buf.n == 0 {
                self.held += TERM_OVERHEAD;
            }
            let before = buf.bytes.len();
            push_varint(&mut buf.bytes, id.wrapping_sub(buf.last));
            buf.last = id;
            buf.n += 1;
            self.held += buf.bytes.len() - before;
        }
    }

    /// Whether no TUV was added since the last [`PostingWriter::take`].
    pub fn is_empty(&self) -> bool {
        self.chunk.per_lang.is_empty()
    }

    /// Whether enough postings are held to write them out now.
    pub fn should_flush(&self) -> bool {
        self.held >= FLUSH_AT
    }

    /// The postings held, handed over to be written; the writer starts empty.
    pub fn take(&mut self) -> PostingChunk {
        self.held = 0;
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
    let e = |err| sql(path, err);
    let mut bump = conn.prepare_cached(BUMP).map_err(e)?;
    for (lang, n) in chunk.per_lang {
        bump.execute(params![format!("tuvs:{lang}"), n]).map_err(e)?;
    }
    if chunk.lists.is_empty() {
        return Ok(());
    }
    bump.execute(params!["flush_seq", 1]).map_err(e)?;
    let seq: i64 = conn.query_row("SELECT value FROM meta WHERE name = 'flush_seq'", [], |r| r.get(0)).map_err(e)?;
    let mut terms: Vec<(i64, TermBuf)> = chunk.lists.into_iter().collect();
    // Term order: the chunk's rows go into the table's B-tree in key order.
    terms.sort_unstable_by_key(|t| t.0);
    let mut rows = PostingInserter::new(conn).map_err(e)?;
    for (term, buf) in terms {
        rows.push(term, seq, buf.n, buf.bytes).map_err(e)?;
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

/// The insert of [`ROWS_PER_INSERT`] posting rows.
static INSERT_POSTINGS: LazyLock<String> = LazyLock::new(|| {
    let rows: Vec<String> = (0..ROWS_PER_INSERT)
        .map(|i| format!("(?{}, ?{}, ?{}, ?{})", 4 * i + 1, 4 * i + 2, 4 * i + 3, 4 * i + 4))
        .collect();
    format!("INSERT INTO posting (term, chunk, n, ids) VALUES {}", rows.join(", "))
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

/// Appends `d` as a LEB128 varint.
pub(crate) fn push_varint(out: &mut Vec<u8>, mut d: u32) {
    loop {
        let byte = (d & 0x7F) as u8;
        d >>= 7;
        if d == 0 {
            out.push(byte);
            return;
        }
        out.push(byte | 0x80);
    }
}

/// Delta + LEB128 varint encoding of ascending ids.
pub(crate) fn encode(ids: &[u32], out: &mut Vec<u8>) {
    out.clear();
    let mut prev = 0u32;
    for &id in ids {
        push_varint(out, id.wrapping_sub(prev));
        prev = id;
    }
}

/// Calls `f` with each TUV id of a `posting.ids` blob ([`encode`]'s
/// delta + LEB128 varints), in ascending order. A truncated last varint is
/// left out.
pub fn decode(blob: &[u8], mut f: impl FnMut(u32)) {
    let (mut prev, mut cur, mut shift) = (0u32, 0u32, 0);
    for &b in blob {
        cur |= u32::from(b & 0x7F) << shift;
        if b & 0x80 == 0 {
            prev = prev.wrapping_add(cur);
            f(prev);
            cur = 0;
            shift = 0;
        } else {
            shift += 7;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn term_ids_equal_hashed_words() {
        let key = "la versión \u{E100} de debian, la";
        let want: Vec<i64> = ["la", "versión", "de", "debian"].iter().map(|w| term_id("es", w)).collect();
        assert_eq!(term_ids("es", key), want);
        let words: Vec<String> = memoria_core::normalize::terms(&key.chars().collect::<Vec<char>>());
        assert_eq!(words, ["la", "versión", "de", "debian"]);
    }

    #[test]
    fn term_ids_of_real_keys_are_their_words_hashed() {
        let corpus = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../../shared/corpus/parallel/flores_ntrex_es_en.tsv");
        let text = std::fs::read_to_string(&corpus).unwrap();
        let es = memoria_core::lang::LangTag::new("es").unwrap();
        let mut non_ascii = 0;
        for t in text.lines().take(2000).flat_map(|l| l.split('\t').take(2)) {
            let (_, key, _) = memoria_core::normalize::MatchForm::key_only(t, &es);
            let mut want: Vec<i64> = Vec::new();
            for w in memoria_core::normalize::terms(&key.chars().collect::<Vec<char>>()) {
                let id = term_id("es", &w);
                if !want.contains(&id) {
                    want.push(id);
                }
            }
            assert_eq!(term_ids("es", &key), want, "{key:?}");
            non_ascii += usize::from(!key.is_ascii());
        }
        assert!(non_ascii > 500, "{non_ascii} keys with accents");
    }

    #[test]
    fn the_skeleton_ignores_punctuation_and_space_but_not_words_or_masks() {
        let sk = |k: &str| skeleton_term("es", k.chars());
        assert_eq!(sk("noticias de debian"), sk("¡noticias  de-debian!"));
        assert_eq!(sk("\u{E100} de debian"), sk("\u{E100}, de debian."));
        assert_ne!(sk("noticias de debian"), sk("noticia de debian"));
        assert_ne!(sk("\u{E100} de debian"), sk("\u{E101} de debian"));
        assert_ne!(sk("debian"), skeleton_term("en", "debian".chars()));
        // Never the term of a word: "ab" as a skeleton is not the word "ab".
        assert_ne!(sk("ab"), Some(term_id("es", "ab")));
        assert!(sk(&"a".repeat(SKELETON_MAX)).is_some());
        assert_eq!(sk(&"a ".repeat(SKELETON_MAX + 1)), None);
        let words = [term_id("es", "la"), term_id("es", "versión")];
        let tiny = short_term_ids("es", "la versión", TINY_KEY_MAX);
        let short = short_term_ids("es", "la versión", SHORT_KEY_MAX);
        assert_eq!((tiny.len(), short.len()), (2, 2));
        let mut all: Vec<i64> = words.iter().chain(&tiny).chain(&short).copied().collect();
        all.sort_unstable();
        all.dedup();
        assert_eq!(all.len(), 6, "a word's terms differ in each class");
        // A tiny key (14 chars): its words in both classes.
        assert_eq!(
            index_terms("es", "la versión, la"),
            [words[0], words[1], tiny[0], tiny[1], short[0], short[1], sk("laversiónla").unwrap()]
        );
        // A short key (34 chars): its words in the short class only.
        let key = "la versión, la versión, la versión";
        assert_eq!(key.chars().count(), 34);
        let skeleton = sk("laversiónlaversiónlaversión").unwrap();
        assert_eq!(index_terms("es", key), [words[0], words[1], short[0], short[1], skeleton]);
        assert_eq!(tiny_terms("es", key), Vec::<i64>::new());
        // The bound: a key of 32 chars is tiny, one of 33 is not.
        let (k32, k33) = ("la versión, la versión, la la la", "la versión, la versión, la la  la");
        assert_eq!((k32.chars().count(), k33.chars().count()), (32, 33));
        assert_eq!(short_terms("es", k32), [tiny[0], tiny[1], short[0], short[1]]);
        assert_eq!(tiny_terms("es", k32), tiny);
        assert_eq!(short_terms("es", k33), short);
        assert_eq!(tiny_terms("es", k33), Vec::<i64>::new());
        // A long key: words only (its skeleton is over SKELETON_MAX too).
        let long = "la versión ".repeat(5);
        assert_eq!(index_terms("es", long.trim()), words);
        assert_eq!(short_class(22), Some(TINY_KEY_MAX));
        assert_eq!(short_class(33), Some(SHORT_KEY_MAX));
        assert_eq!(short_class(49), None);
    }

    #[test]
    fn postings_round_trip_through_varints() {
        let ids = [1u32, 2, 130, 131, 20_000, 3_000_000_000];
        let mut blob = Vec::new();
        encode(&ids, &mut blob);
        let mut back = Vec::new();
        decode(&blob, |id| back.push(id));
        assert_eq!(back, ids);
        assert_eq!(blob.len(), 1 + 1 + 2 + 1 + 3 + 5);
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
    }
}
