//! Term recognition: every term of one language of a glossary found in a
//! text, multiword, longest match first, on word boundaries, case- and
//! accent-insensitively (unless a term is case-sensitive) and in its
//! inflected forms.
//!
//! Both the terms and the text are cut into words (runs of letters and
//! digits); each word is lower-cased, reduced by the language's Snowball
//! stemmer (`rust-stemmers`: es, en, fr and the other languages Snowball
//! has; other languages keep the word) and stripped of accents, so
//! "personas desplazadas" and "persona desplazada" both read
//! `person desplaz`. Each distinct normalised word of the glossary gets a
//! number; a term is the sequence of its words' numbers, a text the sequence
//! of its words' numbers (0 for a word no term has), both written as 4 bytes
//! a word (a `0xFF` marker, then 7 bits at a time). One Aho–Corasick
//! automaton (the `aho-corasick` crate, leftmost-longest) over the terms'
//! sequences then finds every term in one pass over the text's: a match can
//! only start on a marker, that is on a word, and covers whole words. A
//! case-sensitive term's match is kept only when the words of the text have
//! the term's case.

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use memoria_core::lang::LangTag;
use memoria_core::term::TermEntry;
use rust_stemmers::{Algorithm, Stemmer};
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// FNV-1a: a fast hash for the short word keys of one text (SipHash's
/// protection against chosen keys is not needed for a text's own words).
#[derive(Default)]
struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 { 0xcbf2_9ce4_8422_2325 } else { self.0 };
        for b in bytes {
            h = (h ^ u64::from(*b)).wrapping_mul(0x100_0000_01b3);
        }
        self.0 = h;
    }
}

type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<Fnv>>;
use unicode_normalization::char::{decompose_canonical, is_combining_mark};

/// A term found in a text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Hit {
    /// Byte range of the words found in the text.
    pub start: usize,
    pub end: usize,
    /// Index of the entry in the slice the recogniser was built from, and of
    /// the term in the entry's `terms`.
    pub entry: usize,
    pub term: usize,
}

/// The Snowball stemmer for a language, if Snowball has one.
pub fn stemmer(lang: &LangTag) -> Option<Stemmer> {
    let a = match lang.language() {
        "es" => Algorithm::Spanish,
        "en" => Algorithm::English,
        "fr" => Algorithm::French,
        "pt" => Algorithm::Portuguese,
        "it" => Algorithm::Italian,
        "de" => Algorithm::German,
        "nl" => Algorithm::Dutch,
        "da" => Algorithm::Danish,
        "sv" => Algorithm::Swedish,
        "no" | "nb" | "nn" => Algorithm::Norwegian,
        "fi" => Algorithm::Finnish,
        "ro" => Algorithm::Romanian,
        "ru" => Algorithm::Russian,
        "hu" => Algorithm::Hungarian,
        "tr" => Algorithm::Turkish,
        "el" => Algorithm::Greek,
        "ar" => Algorithm::Arabic,
        "ta" => Algorithm::Tamil,
        _ => return None,
    };
    Some(Stemmer::create(a))
}

/// The words of `text`: byte ranges of maximal runs of letters and digits
/// (ASCII bytes tested directly; other characters decoded).
pub fn words(text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let b = text.as_bytes();
    let mut i = 0;
    // Whether the character at byte `at` is a letter or digit, and its length.
    let class = move |at: usize| -> (bool, usize) {
        let c = b[at];
        if c < 0x80 {
            (c.is_ascii_alphanumeric(), 1)
        } else {
            let ch = text[at..].chars().next().expect("a char starts here");
            (ch.is_alphanumeric(), ch.len_utf8())
        }
    };
    std::iter::from_fn(move || {
        while i < b.len() {
            let (word, len) = class(i);
            if word {
                break;
            }
            i += len;
        }
        if i >= b.len() {
            return None;
        }
        let start = i;
        while i < b.len() {
            let (word, len) = class(i);
            if !word {
                break;
            }
            i += len;
        }
        Some((start, i))
    })
}

/// The normalised form of one word: lower case, stemmed, without accents
/// (`accents_first`: accents removed before stemming, the form a word
/// written without its accents gets; else after, as Snowball's stemmers
/// for languages with accents expect).
pub fn normalise_word(word: &str, stemmer: Option<&Stemmer>, accents_first: bool, out: &mut String) {
    out.clear();
    let mut lower = if word.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit()) {
        std::borrow::Cow::Borrowed(word)
    } else {
        std::borrow::Cow::Owned(word.to_lowercase())
    };
    if accents_first && !lower.is_ascii() {
        lower = std::borrow::Cow::Owned(strip_accents(&lower));
    }
    let stem = match stemmer {
        Some(s) => s.stem(&lower).into_owned(),
        None => lower.into_owned(),
    };
    if stem.is_ascii() {
        out.push_str(&stem);
    } else {
        out.push_str(&strip_accents(&stem));
    }
}

/// `s` without combining marks after canonical decomposition (é → e).
fn strip_accents(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        decompose_canonical(c, |d| {
            if !is_combining_mark(d) {
                out.push(d)
            }
        });
    }
    out
}

/// The 4 bytes of word number `id` (below 2^21).
fn code(id: u32, out: &mut Vec<u8>) {
    out.extend_from_slice(&[0xFF, (id >> 14) as u8 & 0x7F, (id >> 7) as u8 & 0x7F, id as u8 & 0x7F]);
}

/// The numbers of words already seen by a [`Recognizer`] (at most 2^20
/// words are kept; then it starts again).
#[derive(Default)]
pub struct WordCache(FastMap<String, u32>);

/// Most distinct normalised words (both forms) a glossary's language may have (2^21).
pub const MAX_WORDS: usize = 1 << 21;

/// The terms of one language of a glossary, ready to be found in texts.
pub struct Recognizer {
    stemmer: Option<Stemmer>,
    /// Normalised word → its number (from 1).
    vocab: FastMap<String, u32>,
    ac: Option<AhoCorasick>,
    /// Per pattern: the (entry, term, case-sensitive) of the terms whose normalised words it is.
    patterns: Vec<Vec<(u32, u32, bool)>>,
    /// The words of each case-sensitive term, by (entry, term).
    case_words: FastMap<(u32, u32), Vec<String>>,
}

impl Recognizer {
    /// Builds the recogniser of the terms in `lang` (same language; a
    /// regional tag takes the bare language's terms too) of `entries`.
    pub fn new<'a>(entries: impl IntoIterator<Item = &'a TermEntry>, lang: &LangTag) -> Recognizer {
        let stemmer = stemmer(lang);
        let mut vocab: FastMap<String, u32> = FastMap::default();
        let mut index: FastMap<Vec<u8>, usize> = FastMap::default();
        let mut bytes: Vec<Vec<u8>> = Vec::new();
        let mut patterns: Vec<Vec<(u32, u32, bool)>> = Vec::new();
        let mut case_words = FastMap::default();
        let (mut norm, mut alt) = (String::new(), String::new());
        let mut next_id = 1u32;
        for (e, entry) in entries.into_iter().enumerate() {
            for (t, term) in entry.terms_in(lang) {
                let mut p = Vec::new();
                for (a, b) in words(&term.text) {
                    // Both forms of the word (accents removed after and before stemming) get its number.
                    normalise_word(&term.text[a..b], stemmer.as_ref(), false, &mut norm);
                    normalise_word(&term.text[a..b], stemmer.as_ref(), true, &mut alt);
                    if vocab.len() + 2 >= MAX_WORDS && !vocab.contains_key(&norm) {
                        p.clear();
                        break;
                    }
                    let next = next_id;
                    let id = *vocab.entry(norm.clone()).or_insert(next);
                    if id == next {
                        next_id += 1;
                    }
                    vocab.entry(alt.clone()).or_insert(id);
                    code(id, &mut p);
                }
                if p.is_empty() {
                    continue;
                }
                if term.case_sensitive {
                    case_words.insert(
                        (e as u32, t as u32),
                        words(&term.text).map(|(a, b)| term.text[a..b].to_string()).collect(),
                    );
                }
                let k = *index.entry(p.clone()).or_insert_with(|| {
                    bytes.push(p);
                    patterns.push(Vec::new());
                    patterns.len() - 1
                });
                patterns[k].push((e as u32, t as u32, term.case_sensitive));
            }
        }
        let ac = (!bytes.is_empty()).then(|| {
            AhoCorasickBuilder::new()
                .match_kind(MatchKind::LeftmostLongest)
                .build(&bytes)
                .expect("patterns of whole words build")
        });
        Recognizer { stemmer, vocab, ac, patterns, case_words }
    }

    /// Whether the recogniser holds no term.
    pub fn is_empty(&self) -> bool {
        self.ac.is_none()
    }

    /// Every term found in `text`, left to right, longest first where
    /// terms overlap (a match hides the shorter terms inside it). Several
    /// entries with the same term each give a hit at the same place.
    pub fn find(&self, text: &str) -> Vec<Hit> {
        self.find_with(text, &mut WordCache::default())
    }

    /// [`Recognizer::find`] keeping the numbers of the words seen in
    /// `cache`, for the segments of one release one after the other (a word
    /// is stemmed once per release, not once per segment).
    pub fn find_with(&self, text: &str, cache: &mut WordCache) -> Vec<Hit> {
        let Some(ac) = &self.ac else { return Vec::new() };
        let mut spans: Vec<(usize, usize)> = Vec::with_capacity(text.len() / 6);
        let mut hay: Vec<u8> = Vec::with_capacity(text.len());
        if cache.0.len() > 1 << 20 {
            cache.0.clear();
        }
        let cache = &mut cache.0;
        let mut norm = String::new();
        for (a, b) in words(text) {
            let w = &text[a..b];
            let id = match cache.get(w) {
                Some(&id) => id,
                None => {
                    normalise_word(w, self.stemmer.as_ref(), false, &mut norm);
                    let mut id = self.vocab.get(norm.as_str()).copied().unwrap_or(0);
                    if id == 0 && !w.is_ascii() {
                        normalise_word(w, self.stemmer.as_ref(), true, &mut norm);
                        id = self.vocab.get(norm.as_str()).copied().unwrap_or(0);
                    }
                    cache.insert(w.to_string(), id);
                    id
                }
            };
            code(id, &mut hay);
            spans.push((a, b));
        }
        let mut hits = Vec::new();
        for m in ac.find_iter(&hay) {
            let (first, last) = (m.start() / 4, m.end() / 4 - 1);
            let (start, end) = (spans[first].0, spans[last].1);
            for &(e, t, case) in &self.patterns[m.pattern().as_usize()] {
                if let Some(cw) = case.then(|| self.case_words.get(&(e, t))).flatten() {
                    let found = spans[first..=last].iter().map(|&(a, b)| &text[a..b]);
                    if !found.zip(cw).all(|(f, w)| same_case(f, w)) {
                        continue;
                    }
                }
                hits.push(Hit { start, end, entry: e as usize, term: t as usize });
            }
        }
        hits
    }
}

/// Whether the word `found` in a text has the case of the term's word
/// `term` over their common length (an inflected ending may differ).
fn same_case(found: &str, term: &str) -> bool {
    found
        .chars()
        .zip(term.chars())
        .all(|(f, t)| f.is_uppercase() == t.is_uppercase() && f.is_lowercase() == t.is_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;
    use memoria_core::term::Term;

    fn entry(terms: &[(&str, &str)]) -> TermEntry {
        TermEntry {
            terms: terms.iter().map(|(l, t)| Term::new(LangTag::new(l).unwrap(), t)).collect(),
            ..TermEntry::default()
        }
    }

    fn found(r: &Recognizer, text: &str) -> Vec<(String, usize)> {
        r.find(text).into_iter().map(|h| (text[h.start..h.end].to_string(), h.entry)).collect()
    }

    #[test]
    fn inflected_multiword_terms_are_found_on_word_boundaries() {
        let es = LangTag::new("es").unwrap();
        let g = [entry(&[("es", "persona desplazada")]), entry(&[("es", "persona")]), entry(&[("es", "trata")])];
        let r = Recognizer::new(&g, &es);
        assert_eq!(
            found(&r, "Las PERSONAS desplazadas y otra persona; la trata, no el retrato."),
            [("PERSONAS desplazadas".to_string(), 0), ("persona".into(), 1), ("trata".into(), 2)]
        );
    }

    #[test]
    fn accents_are_ignored_and_case_sensitive_terms_keep_case() {
        let en = LangTag::new("en").unwrap();
        let mut iom = entry(&[("en", "IOM")]);
        iom.terms[0].case_sensitive = true;
        let g = [entry(&[("en", "resume")]), iom];
        let r = Recognizer::new(&g, &en);
        assert_eq!(found(&r, "Her résumé; the IOM and the iom."), [("résumé".to_string(), 0), ("IOM".into(), 1)]);
        let es = LangTag::new("es").unwrap();
        let r = Recognizer::new(&[entry(&[("es", "Organización Internacional")])], &es);
        assert_eq!(found(&r, "la ORGANIZACION internacional y las organizaciones internacionales").len(), 2);
    }

    #[test]
    fn french_and_english_plurals_match() {
        let fr = LangTag::new("fr").unwrap();
        let r = Recognizer::new(&[entry(&[("fr", "personne déplacée")])], &fr);
        assert_eq!(found(&r, "des personnes déplacées").len(), 1);
        let en = LangTag::new("en").unwrap();
        let r = Recognizer::new(&[entry(&[("en", "displaced person")])], &en);
        assert_eq!(found(&r, "Displaced persons arrived").len(), 1);
    }

    #[test]
    fn consecutive_terms_are_both_found() {
        let en = LangTag::new("en").unwrap();
        let r = Recognizer::new(&[entry(&[("en", "free")]), entry(&[("en", "software")])], &en);
        assert_eq!(found(&r, "free software").len(), 2);
    }
}
