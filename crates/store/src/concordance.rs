//! What a concordance hit is ([`crate::Tm::concordance`]), the same on
//! every backend: which segments hold a phrase, and how hits are ranked.
//!
//! A segment is a hit when its text, normalised as a match text is
//! ([`memoria_core::normalize::normalize`]: NFC, white space collapsed,
//! curly quotes and dashes unified) and lower-cased one char per char as
//! the match key is, contains the phrase normalised the same way, starting
//! and ending on word boundaries (a phrase that starts or ends with a
//! letter or digit is not found inside a longer word: `banco` is not a hit
//! in `bancos`), as Trados Studio's concordance matches whole words.
//! Diacritics are not folded, as the match key keeps them (`canción` is not
//! a hit for `cancion`). Placeables (numbers, dates, URLs, …) match as
//! written.
//!
//! The phrase's *words* are the words of its match key
//! ([`memoria_core::normalize::words`]: two or more letters or digits,
//! outside placeables). Both backends find candidates by them — SQLite
//! through the candidate postings every import keeps (`sqlite/index.rs`),
//! PostgreSQL through the `pg_trgm` index of its concordance table — and a
//! hit must also have each of them among the words of its own match key, so
//! that a word that only occurs inside one of the segment's placeables (the
//! `debian` of `www.debian.org`) is not found on one backend and missed on
//! the other. A phrase without words (`5`, `a`, `%s`) cannot use an index:
//! it is looked for in the language's first [`SCAN_LIMIT`] segments only, in
//! TUV order, on both backends.
//!
//! The candidates (segments whose key holds every word) are checked in TUV
//! order, at most [`CHECK_BUDGET`] of them (a phrase of everyday words that
//! is itself rare would otherwise read most of a large TM): past that, the
//! phrase is looked for among the first [`CHECK_BUDGET`] candidates only,
//! on both backends ([`cutoff`]). Hits are gathered in TUV order until
//! [`gather`] of them are found, then ranked: the phrase covering a larger share of the segment first
//! ([`Phrase::rank`]), then the older TU.

use crate::error::StoreError;
use crate::sqlite::index::term_ids;
use memoria_core::lang::LangTag;
use memoria_core::normalize::{is_word_char, normalize, MatchForm};

/// Segments of the language read, in TUV order, for a phrase without words.
pub(crate) const SCAN_LIMIT: usize = 100_000;

/// Candidate segments (holding every word of the phrase) checked, at most,
/// in TUV order: a phrase whose words are together in more segments is
/// looked for among the first `CHECK_BUDGET` of them ([`cutoff`]).
pub(crate) const CHECK_BUDGET: usize = 5_000;
/// Candidates at which no further word's postings are intersected (when
/// they are at most [`CHECK_BUDGET`]).
const ENOUGH: usize = 64;
/// Postings decoded, at most, per candidate an intersection may remove.
const DECODE_PER_CHECK: usize = 400;

/// The TUVs whose match key holds every one of `terms` (then `true`), or,
/// when they are at most [`CHECK_BUDGET`], possibly a superset of them
/// (`false`: their keys must be checked), ascending. `df` gives a term's
/// postings count, `list` its TUV ids ascending. The rarest term's ids are
/// taken whole, the next rarest intersected while the candidates are more
/// than [`CHECK_BUDGET`], or more than [`ENOUGH`] and the next list holds
/// at most [`DECODE_PER_CHECK`] ids per candidate (a posting decodes in a
/// few nanoseconds, a candidate row is read and checked in a few
/// microseconds).
pub(crate) fn candidates(
    terms: &[i64],
    df: &mut dyn FnMut(i64) -> Result<i64, StoreError>,
    list: &mut dyn FnMut(i64) -> Result<Vec<u32>, StoreError>,
) -> Result<(Vec<u32>, bool), StoreError> {
    let mut dfs = Vec::with_capacity(terms.len());
    for &t in terms {
        let n = df(t)?;
        if n == 0 {
            return Ok((Vec::new(), true));
        }
        dfs.push((n as usize, t));
    }
    dfs.sort_unstable();
    let Some(&(_, rarest)) = dfs.first() else { return Ok((Vec::new(), true)) };
    let mut ids = list(rarest)?;
    let mut read = 1;
    for &(n, t) in &dfs[1..] {
        let worth = ids.len() > ENOUGH && n <= ids.len().saturating_mul(DECODE_PER_CHECK);
        if ids.len() <= CHECK_BUDGET && !worth {
            break;
        }
        ids = intersect(&ids, &list(t)?);
        read += 1;
        if ids.is_empty() {
            break;
        }
    }
    let all_words = read == dfs.len() || ids.is_empty();
    Ok((ids, all_words))
}

/// The highest TUV id checked for a phrase with words `terms`: `None` when
/// all of its candidates are (at most [`CHECK_BUDGET`]), else the id of the
/// last candidate within the budget. What a backend that does not read the
/// candidates from the postings (PostgreSQL's trigram search) needs to give
/// the same hits.
pub(crate) fn cutoff(
    terms: &[i64],
    df: &mut dyn FnMut(i64) -> Result<i64, StoreError>,
    list: &mut dyn FnMut(i64) -> Result<Vec<u32>, StoreError>,
) -> Result<Option<i64>, StoreError> {
    // Fewer candidates than the budget whatever the other words hold.
    let mut rarest = i64::MAX;
    for &t in terms {
        rarest = rarest.min(df(t)?);
    }
    if terms.is_empty() || rarest <= CHECK_BUDGET as i64 {
        return Ok(None);
    }
    let (ids, _) = candidates(terms, df, list)?;
    Ok(ids.get(CHECK_BUDGET).map(|_| i64::from(ids[CHECK_BUDGET - 1])))
}

/// Every TUV id of a term's posting chunks (delta-varint blobs), ascending
/// (an edit writes its TUV's new postings as a later chunk: chunks are not
/// always in id order).
pub(crate) fn posting_ids<'a>(blobs: impl IntoIterator<Item = &'a [u8]>) -> Vec<u32> {
    let mut out: Vec<u32> = Vec::new();
    let mut sorted = true;
    for blob in blobs {
        let from = out.len();
        crate::sqlite::index::decode(blob, |id| out.push(id));
        if from > 0 && out.len() > from && out[from] <= out[from - 1] {
            sorted = false;
        }
    }
    if !sorted {
        out.sort_unstable();
        out.dedup();
    }
    out
}

/// The ids in both ascending lists.
fn intersect(a: &[u32], b: &[u32]) -> Vec<u32> {
    let mut out = Vec::with_capacity(a.len().min(b.len()));
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                out.push(a[i]);
                i += 1;
                j += 1;
            }
        }
    }
    out
}

/// Hits gathered (in TUV order) before ranking: four times the page, at
/// most 1,000 (and never fewer than `limit`).
pub(crate) fn gather(limit: usize) -> usize {
    limit.saturating_mul(4).min(1000).max(limit)
}

/// `s` normalised as a match text and lower-cased one char per char (the
/// first char of a multi-char lower case, as the match key has it).
pub(crate) fn fold(s: &str) -> String {
    let norm = normalize(s);
    if norm.is_ascii() {
        return norm.to_ascii_lowercase();
    }
    norm.chars().map(|c| c.to_lowercase().next().unwrap_or(c)).collect()
}

/// A phrase searched for, ready to check segments against.
#[derive(Clone, Debug)]
pub(crate) struct Phrase {
    /// The phrase folded ([`fold`]).
    folded: String,
    /// Chars of `folded`.
    chars: usize,
    /// Whether it starts / ends with a word char (a word boundary is needed there).
    starts_word: bool,
    ends_word: bool,
    /// The term ids of its words ([`term_ids`]), distinct, in phrase order.
    pub terms: Vec<i64>,
    /// Its words as the match key has them, in phrase order (repeats kept).
    pub words: Vec<String>,
    /// Its longest run of ASCII letters and digits, of two or more (a quick
    /// test that rejects most segments before they are folded).
    ascii_piece: Option<String>,
}

impl Phrase {
    /// `phrase` (trimmed) searched in `lang`; `None` when it is empty.
    pub(crate) fn new(phrase: &str, lang: &LangTag) -> Option<Phrase> {
        let folded = fold(phrase.trim());
        let (first, last) = (folded.chars().next()?, folded.chars().next_back()?);
        let key = MatchForm::key_only(phrase.trim(), lang).key;
        let key_chars: Vec<char> = key.chars().collect();
        let piece = folded.split(|c: char| !c.is_ascii_alphanumeric()).max_by_key(|p| p.len()).filter(|p| p.len() >= 2);
        Some(Phrase {
            ascii_piece: piece.map(str::to_string),
            chars: folded.chars().count(),
            starts_word: is_word_char(first),
            ends_word: is_word_char(last),
            terms: term_ids(lang.language(), &key),
            words: memoria_core::normalize::words(&key_chars).map(|w| w.iter().collect()).collect(),
            folded,
        })
    }

    /// Whether a segment whose match key is `key` has every word of the
    /// phrase among its own words (see the module doc).
    pub(crate) fn key_has_words(&self, lang_base: &str, key: &str) -> bool {
        let have = term_ids(lang_base, key);
        self.terms.iter().all(|t| have.contains(t))
    }

    /// Minus the share of `text`'s folded chars that the phrase's
    /// occurrences (whole words, not overlapping) cover; `None` when `text`
    /// does not contain it.
    pub(crate) fn rank(&self, text: &str) -> Option<f64> {
        if !self.may_hold(text) {
            return None;
        }
        let hay = fold(text);
        let mut n = 0usize;
        let mut from = 0;
        while let Some(at) = hay[from..].find(&self.folded) {
            let (s, e) = (from + at, from + at + self.folded.len());
            let before = !self.starts_word || hay[..s].chars().next_back().is_none_or(|c| !is_word_char(c));
            let after = !self.ends_word || hay[e..].chars().next().is_none_or(|c| !is_word_char(c));
            if before && after {
                n += 1;
                from = e;
            } else {
                from = s + hay[s..].chars().next().map_or(1, char::len_utf8);
            }
        }
        (n > 0).then(|| -((n * self.chars) as f64 / hay.chars().count().max(1) as f64))
    }
}

impl Phrase {
    /// False when `text` cannot hold the phrase: its ASCII piece is not in
    /// `text` lower-cased ASCII-wise. Folding ([`fold`]: NFC, white space,
    /// quotes and dashes, lower case) makes no ASCII letter or digit from
    /// another char except U+0130 `İ` (lower case `i̇`) and U+212A, the
    /// Kelvin sign (NFC `K`): a text with either is not tested.
    fn may_hold(&self, text: &str) -> bool {
        let Some(piece) = &self.ascii_piece else { return true };
        if text.contains(['\u{130}', '\u{212A}']) {
            return true;
        }
        text.to_ascii_lowercase().contains(piece.as_str())
    }
}

/// Puts gathered hits in their order: rank, then TU id, then TUV id.
pub(crate) fn order<T>(rows: &mut [T], key: impl Fn(&T) -> (f64, i64, i64)) {
    rows.sort_by(|a, b| {
        let (ra, ta, ia) = key(a);
        let (rb, tb, ib) = key(b);
        ra.total_cmp(&rb).then(ta.cmp(&tb)).then(ia.cmp(&ib))
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn es(p: &str) -> Phrase {
        Phrase::new(p, &LangTag::new("es").unwrap()).unwrap()
    }

    #[test]
    fn fold_normalises_and_lowers_one_char_to_one_char() {
        assert_eq!(fold("ÉL  Año\u{a0}İ"), "él año i");
        assert_eq!(fold("Presupuesto DEL Estado"), "presupuesto del estado");
        assert_eq!(fold("«Hola» — ¿qué?"), "\"hola\" - ¿qué?");
    }

    #[test]
    fn a_hit_holds_the_phrase_as_whole_words() {
        assert_eq!(es("de la").rank("De la mar"), Some(-5.0 / 9.0));
        assert_eq!(es("de la").rank("de la casa de la villa"), Some(-10.0 / 22.0));
        assert_eq!(es("de la").rank("del lado"), None);
        assert_eq!(es("banco").rank("Los bancos centrales"), None);
        assert_eq!(es("banco").rank("El banco, central"), Some(-5.0 / 17.0));
        // A word inside a longer one at one end only is not a hit either.
        assert_eq!(es("debian").rank("subdebian y debianista"), None);
        // The first occurrence fails the boundary, a later one holds.
        assert_eq!(es("la").rank("lala la"), Some(-2.0 / 7.0));
        // Diacritics kept.
        assert_eq!(es("cancion").rank("Una canción"), None);
        assert_eq!(es("CANCIÓN").rank("Una canción"), Some(-7.0 / 11.0));
        // White space and quotes as the match text has them.
        assert_eq!(es("nota  5").rank("Véase la Nota 5."), Some(-6.0 / 16.0));
        assert_eq!(es("nota 5").rank("Véase la nota 51."), None);
        // A phrase ending in punctuation needs no boundary after it.
        assert_eq!(es("debian,").rank("debian, ubuntu"), Some(-7.0 / 14.0));
        // The quick ASCII test lets through what only folding makes ASCII.
        assert_eq!(es("kelvin").rank("\u{212A}ELVIN"), Some(-1.0));
        assert_eq!(es("istanbul").rank("\u{130}STANBUL"), Some(-1.0));
        assert_eq!(es("e-mail").rank("su e\u{2013}mail"), Some(-6.0 / 9.0));
    }

    #[test]
    fn words_are_the_match_key_words_outside_placeables() {
        let p = es("Nota 5 de la versión");
        assert_eq!(p.words, ["nota", "de", "la", "versión"]);
        assert_eq!(p.terms, term_ids("es", "nota de la versión"));
        assert!(es("5").words.is_empty());
        assert!(es("a").words.is_empty());
        assert!(Phrase::new("  ", &LangTag::new("es").unwrap()).is_none());
    }

    #[test]
    fn intersect_keeps_the_common_ids_in_order() {
        assert_eq!(intersect(&[1, 3, 5, 9], &[2, 3, 4, 9, 10]), [3, 9]);
        assert!(intersect(&[1], &[]).is_empty());
    }

    #[test]
    fn past_the_budget_every_word_is_intersected_and_the_cutoff_is_the_last_checked() {
        // Word 1 in every TUV, word 2 in the even ones, word 3 in those from 9,000.
        let lists: Vec<Vec<u32>> =
            vec![(1..=20_000).collect(), (1..=20_000).filter(|i| i % 2 == 0).collect(), (9_000..=20_000).collect()];
        let mut df = |t: i64| Ok(lists[t as usize].len() as i64);
        let mut list = |t: i64| Ok(lists[t as usize].clone());
        let (ids, all) = candidates(&[0, 1, 2], &mut df, &mut list).unwrap();
        assert!(all);
        assert_eq!((ids.len(), ids[0]), (5_501, 9_000));
        assert_eq!(cutoff(&[0, 1, 2], &mut df, &mut list).unwrap(), Some(9_000 + 2 * (CHECK_BUDGET as i64 - 1)));
        assert_eq!(cutoff(&[2], &mut df, &mut list).unwrap(), Some(9_000 + CHECK_BUDGET as i64 - 1));
        // Fewer candidates than the budget: no cutoff.
        let small = |t: i64| Ok(if t == 1 { 100 } else { 30_000 });
        assert_eq!(cutoff(&[0, 1], &mut { small }, &mut list).unwrap(), None);
    }

    #[test]
    fn chunks_out_of_order_are_sorted() {
        let mut a = Vec::new();
        crate::sqlite::index::encode(&[5, 9], &mut a);
        let mut b = Vec::new();
        crate::sqlite::index::encode(&[2, 7], &mut b);
        assert_eq!(posting_ids([a.as_slice(), b.as_slice()]), [2, 5, 7, 9]);
    }

    #[test]
    fn a_word_only_inside_a_placeable_of_the_segment_is_not_a_key_word() {
        let p = es("debian");
        assert!(p.key_has_words("es", "visite debian hoy"));
        assert!(!p.key_has_words("es", "visite \u{E103} hoy"));
    }
}
