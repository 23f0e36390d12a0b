//! The persistent candidate index: for each (language, word of a match key),
//! the ascending ids of the TUVs containing it, and for each (language,
//! skeleton of a short key: its letters, digits and placeable masks) the
//! TUVs that have it ([`index_terms`]), kept in SQLite as delta-encoded
//! varint blobs (`posting` table), one chunk per term per import flush. A
//! lookup reads the TUVs of its skeleton (near-exact matches) and the
//! postings of the query's rarer words (`candidates.rs`); nothing is
//! scanned or rebuilt when a process starts.

use memoria_core::normalize::{is_mask, is_word_char};
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

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
            let key = memoria_core::normalize::MatchForm::key_only(t, &es).key;
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
}
