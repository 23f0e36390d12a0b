//! Normalisation of segment text for matching (the stored text is never
//! altered).
//!
//! Two forms are derived from a segment's match text
//! ([`crate::content::Content::match_text`], where each inline code is
//! one character `U+E000 + n`):
//!
//! - the **normalised text** ([`normalize`]): Unicode NFC; every run of white
//!   space (incl. no-break and thin spaces) one space, ends trimmed; curly
//!   quotes and guillemets `"`/`'`; en/em dashes `-`. Case is kept. Two
//!   segments with the same normalised text are a 100 % match; its hash
//!   ([`hash`]) is the exact-lookup key.
//! - the **match key** ([`MatchForm::key`]): the normalised text lower-cased,
//!   with each placeable ([`crate::placeable`]) replaced by one mask
//!   character of its kind (`U+E100 + kind`) and inline codes (and literal
//!   markup such as `<b>`, `{1}`, `%s`) removed and kept aside. The edit
//!   distance of the score is computed on keys.

use crate::lang::LangTag;
use crate::placeable::{recognize, Placeable};
use regex::Regex;
use std::borrow::Cow;
use std::sync::LazyLock;
use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

/// First code point of placeable mask characters in a match key.
pub const MASK_BASE: u32 = 0xE100;

/// The normalised text: NFC, white space collapsed and trimmed, quotes and
/// dashes unified; case kept.
pub fn normalize(text: &str) -> String {
    normalize_cow(text).into_owned()
}

/// [`normalize`], borrowing `text` when it is already normal (most
/// segments: single spaces, none at the ends, no other white space, no
/// quote or dash to unify, NFC).
pub fn normalize_cow(text: &str) -> Cow<'_, str> {
    // Printable ASCII with single spaces, checked byte by byte: the common
    // case of `already_normal`, without decoding chars.
    let b = text.as_bytes();
    if b.first() != Some(&b' ')
        && b.last() != Some(&b' ')
        && b.iter().all(|c| (0x20..0x7F).contains(c))
        && !text.contains("  ")
    {
        return Cow::Borrowed(text);
    }
    if already_normal(text) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(normalized(text))
}

/// [`normalize`], building the result.
fn normalized(text: &str) -> String {
    let nfc: std::borrow::Cow<str> = if text.is_ascii() || is_nfc_quick(text.chars()) == IsNormalized::Yes {
        text.into()
    } else {
        text.nfc().collect::<String>().into()
    };
    let mut out = String::with_capacity(nfc.len());
    let mut space = false;
    let t = nfc.trim();
    let mut rest = t;
    while !rest.is_empty() {
        // A run of printable ASCII other than space is copied whole.
        let run = rest.bytes().position(|b| !(0x21..0x7F).contains(&b)).unwrap_or(rest.len());
        if run > 0 {
            if space {
                out.push(' ');
                space = false;
            }
            out.push_str(&rest[..run]);
            rest = &rest[run..];
            continue;
        }
        let c = rest.chars().next().expect("rest is not empty");
        rest = &rest[c.len_utf8()..];
        if c.is_whitespace() {
            space = true;
            continue;
        }
        if space {
            out.push(' ');
            space = false;
        }
        out.push(unified(c).unwrap_or(c));
    }
    out
}

/// The char [`normalize`] writes for `c` when it unifies it: `"` for
/// curly double quotes, guillemets and the double prime, `'` for curly
/// single quotes and the prime, `-` for dashes and the minus sign.
fn unified(c: char) -> Option<char> {
    match c {
        '“' | '”' | '«' | '»' | '„' | '″' => Some('"'),
        '‘' | '’' | '‚' | '′' => Some('\''),
        '–' | '—' | '‐' | '‑' | '−' => Some('-'),
        _ => None,
    }
}

/// Whether [`normalize`] would give `text` back unchanged: NFC, and no
/// white space but single spaces between other chars, no char it unifies.
fn already_normal(text: &str) -> bool {
    // Whether the previous char was a space (or the text starts here).
    let mut after_space = true;
    for c in text.chars() {
        if c == ' ' {
            if after_space {
                return false;
            }
            after_space = true;
            continue;
        }
        if c.is_whitespace() || unified(c).is_some() {
            return false;
        }
        after_space = false;
    }
    (text.is_empty() || !after_space) && (text.is_ascii() || is_nfc_quick(text.chars()) == IsNormalized::Yes)
}

/// 64-bit FNV-1a hash of `s`: the stable key for exact lookups.
#[inline]
pub fn hash(s: &str) -> i64 {
    let mut h: u64 = 0xcbf29ce484222325;
    for b in s.bytes() {
        h ^= b as u64;
        h = h.wrapping_mul(0x100000001b3);
    }
    h as i64
}

/// Literal markup that CAT tools leave in plain text: HTML/XML tags,
/// numbered placeholders `{1}`, printf conversions `%s` `%1$d`.
static MARKUP: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"</?[A-Za-z][A-Za-z0-9:_-]*(?:\s[^<>]{0,200})?/?>|\{\d+\}|%(?:\d+\$)?[sdif]").unwrap()
});

/// An inline code as the matcher sees it: its position in the key (chars
/// before it) and its identity (the placeholder number, or the markup text).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CodeAt {
    pub at: usize,
    pub code: String,
}

/// Everything the scorer needs about one segment.
#[derive(Clone, Debug)]
pub struct MatchForm {
    /// The normalised text ([`normalize`]).
    pub norm: String,
    /// The match key as chars: lower-cased, placeables masked, codes removed.
    pub key: Vec<char>,
    /// The key before lower-casing (same length as `key`), for the case check.
    pub cased: Vec<char>,
    /// The placeables of `norm`, in order.
    pub placeables: Vec<Placeable>,
    /// The inline codes removed from the key, in order.
    pub codes: Vec<CodeAt>,
}

impl MatchForm {
    /// Normalises `match_text` (text in `lang`, codes as `U+E000 + n`).
    pub fn new(match_text: &str, lang: &LangTag) -> MatchForm {
        let (norm, placeables, markup) = prelude(match_text, lang);
        let mut key = Vec::with_capacity(norm.len());
        let mut cased = Vec::with_capacity(norm.len());
        let mut codes = Vec::new();
        walk(&norm, &placeables, &markup, |piece| match piece {
            Piece::Mask(m) => {
                key.push(m);
                cased.push(m);
            }
            Piece::Char(c) => {
                key.push(lower(c));
                cased.push(c);
            }
            Piece::Code(code) => codes.push(CodeAt { at: key.len(), code }),
        });
        // A code between two spaces would leave a double space in the key.
        dedupe_spaces(&mut key, &mut cased, &mut codes);
        MatchForm { norm: norm.into_owned(), key, cased, placeables, codes }
    }

    /// The normalised text and the match key as a string with its length in
    /// chars ([`KeyOnly`]): the same `norm` and `key` as [`MatchForm::new`],
    /// without the cased copy and code list only the scorer needs (an import
    /// computes this for every TUV).
    pub fn key_only<'a>(match_text: &'a str, lang: &LangTag) -> KeyOnly<'a> {
        let (norm, placeables, markup) = prelude(match_text, lang);
        // (0xEE leads the UTF-8 of every code placeholder, U+E000–U+E0FF.)
        if placeables.is_empty() && markup.is_empty() && !norm.as_bytes().contains(&0xEE) {
            // Nothing masked or removed: the key is the normalised text
            // lower-cased (already one space between words, none at the ends),
            // which is `fold(match_text)` when normalising changed nothing.
            let folded = matches!(norm, Cow::Borrowed(_));
            let (key, chars) = lower_counted(&norm);
            return KeyOnly { norm, key, chars, folded };
        }
        let mut key = String::with_capacity(norm.len() + 2 * placeables.len());
        let mut chars = 0usize;
        // As `dedupe_spaces`: no space first or after a space (a removed
        // code between two spaces), none last.
        let mut push = |key: &mut String, c: char| {
            if c == ' ' && (key.is_empty() || key.ends_with(' ')) {
                return;
            }
            key.push(c);
            chars += 1;
        };
        walk(&norm, &placeables, &markup, |piece| match piece {
            Piece::Mask(m) => push(&mut key, m),
            Piece::Char(c) => push(&mut key, lower(c)),
            Piece::Code(_) => {}
        });
        if key.ends_with(' ') {
            key.pop();
            chars -= 1;
        }
        KeyOnly { norm, key, chars, folded: false }
    }

    /// The key as a string (stored in the TM for candidate verification).
    pub fn key_string(&self) -> String {
        self.key.iter().collect()
    }

    /// The key without punctuation and white space, for the
    /// punctuation-only check.
    pub fn stripped(&self) -> Vec<char> {
        self.key.iter().copied().filter(|c| c.is_alphanumeric() || is_mask(*c)).collect()
    }
}

/// What [`MatchForm::key_only`] derives from a match text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KeyOnly<'a> {
    /// The normalised text ([`normalize`]), borrowed from the match text
    /// when that is already normal ([`normalize_cow`]).
    pub norm: Cow<'a, str>,
    /// The match key ([`MatchForm::key`] as a string).
    pub key: String,
    /// Chars in `key`.
    pub chars: usize,
    /// Whether `key` is known to be [`fold`]`(match_text)` (nothing was
    /// normalised, masked or removed); `false` when it may or may not be.
    pub folded: bool,
}

/// The normalised text, its placeables and its literal markup (byte ranges).
fn prelude<'a>(match_text: &'a str, lang: &LangTag) -> (Cow<'a, str>, Vec<Placeable>, Vec<(usize, usize)>) {
    let norm = normalize_cow(match_text);
    let placeables = recognize(&norm, lang);
    let mut markup: Vec<(usize, usize)> = Vec::new();
    if norm.bytes().any(|b| matches!(b, b'<' | b'{' | b'%')) {
        markup = MARKUP.find_iter(&norm).map(|m| (m.start(), m.end())).collect();
    }
    (norm, placeables, markup)
}

/// What the match key is made of, in order.
enum Piece {
    /// A placeable's mask character.
    Mask(char),
    /// A char of the text, as written.
    Char(char),
    /// An inline code left out of the key: its placeholder number or markup.
    Code(String),
}

/// Walks `norm` into [`Piece`]s: placeables masked, markup and code
/// placeholders (`U+E000 + n`) out; markup inside a placeable, or a
/// placeable inside markup, is passed over.
fn walk(norm: &str, placeables: &[Placeable], markup: &[(usize, usize)], mut f: impl FnMut(Piece)) {
    let (mut pi, mut mi) = (0, 0);
    let mut i = 0;
    let bytes = norm.as_bytes();
    while i < bytes.len() {
        if let Some(p) = placeables.get(pi).filter(|p| p.start == i) {
            f(Piece::Mask(char::from_u32(MASK_BASE + p.kind() as u32).unwrap()));
            i = p.end;
            pi += 1;
            continue;
        }
        while markup.get(mi).is_some_and(|m| m.0 < i) {
            mi += 1;
        }
        if placeables.get(pi).is_some_and(|p| p.start < i) {
            pi += 1;
            continue;
        }
        if let Some(&(s, e)) = markup.get(mi).filter(|m| m.0 == i) {
            f(Piece::Code(norm[s..e].to_string()));
            i = e;
            mi += 1;
            continue;
        }
        // The plain run up to the next placeable or markup.
        let next = placeables.get(pi).map_or(bytes.len(), |p| p.start).min(markup.get(mi).map_or(bytes.len(), |m| m.0));
        while i < next {
            let b = bytes[i];
            if b.is_ascii() {
                f(Piece::Char(b as char));
                i += 1;
                continue;
            }
            let c = norm[i..].chars().next().unwrap();
            i += c.len_utf8();
            if is_code(c) {
                f(Piece::Code((c as u32 - 0xE000).to_string()));
            } else {
                f(Piece::Char(c));
            }
        }
    }
}

/// Whether `c` is an inline code's placeholder in a match text
/// (`U+E000 + n`).
fn is_code(c: char) -> bool {
    ('\u{E000}'..='\u{E0FF}').contains(&c)
}

/// `text` lower-cased char by char as a match key folds its letters: the
/// match key of a text with nothing to normalise, mask or remove. A TM may
/// keep such a key as the empty string and derive it again with this
/// (`key_only` gives the same string for such a text).
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    fold_into(text, &mut out);
    out
}

/// [`fold`] into `out` (cleared first), reusing its allocation.
pub fn fold_into(text: &str, out: &mut String) {
    out.clear();
    if text.is_ascii() {
        out.push_str(text);
        out.make_ascii_lowercase();
    } else {
        out.extend(text.chars().map(lower));
    }
}

/// Whether `key` is [`fold`]`(text)`, without building it.
pub fn folds_to(text: &str, key: &str) -> bool {
    if text.len() != key.len() && text.is_ascii() {
        return false;
    }
    text.chars().map(lower).eq(key.chars())
}

/// `text` lower-cased as [`lower`] does, and its length in chars: runs of
/// ASCII are copied and lower-cased whole.
fn lower_counted(text: &str) -> (String, usize) {
    let mut out = String::with_capacity(text.len());
    let mut chars = 0;
    let mut rest = text;
    while !rest.is_empty() {
        let run = rest.bytes().position(|b| !b.is_ascii()).unwrap_or(rest.len());
        if run > 0 {
            let from = out.len();
            out.push_str(&rest[..run]);
            out[from..].make_ascii_lowercase();
            chars += run;
            rest = &rest[run..];
            continue;
        }
        let c = rest.chars().next().expect("rest is not empty");
        out.push(lower(c));
        chars += 1;
        rest = &rest[c.len_utf8()..];
    }
    (out, chars)
}

/// Lower case, one char per char (so `key` and `cased` align): the rare
/// multi-char lower case (İ) keeps its first char.
fn lower(c: char) -> char {
    if c.is_ascii() {
        c.to_ascii_lowercase()
    } else {
        c.to_lowercase().next().unwrap_or(c)
    }
}

fn dedupe_spaces(key: &mut Vec<char>, cased: &mut Vec<char>, codes: &mut [CodeAt]) {
    if codes.is_empty() {
        let mut out = 0;
        for i in 0..key.len() {
            if key[i] == ' ' && (out == 0 || key[out - 1] == ' ') {
                continue;
            }
            key[out] = key[i];
            cased[out] = cased[i];
            out += 1;
        }
        if out > 0 && key[out - 1] == ' ' {
            out -= 1;
        }
        key.truncate(out);
        cased.truncate(out);
        return;
    }
    let mut out = 0;
    let mut removed_before = vec![0usize; key.len() + 1];
    let mut removed = 0;
    for i in 0..key.len() {
        removed_before[i] = removed;
        let drop = key[i] == ' ' && (out == 0 || key[out - 1] == ' ');
        if drop {
            removed += 1;
            continue;
        }
        key[out] = key[i];
        cased[out] = cased[i];
        out += 1;
    }
    removed_before[key.len()] = removed;
    if out > 0 && key[out - 1] == ' ' {
        out -= 1;
    }
    key.truncate(out);
    cased.truncate(out);
    for c in codes {
        c.at = (c.at - removed_before[c.at]).min(out);
    }
}

/// Whether `c` is a placeable mask character.
#[inline]
pub fn is_mask(c: char) -> bool {
    (MASK_BASE..MASK_BASE + 0x100).contains(&(c as u32))
}

/// The index terms of a key: its words (runs of letters and digits) of two
/// or more chars, deduplicated, in first-occurrence order.
pub fn terms(key: &[char]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for w in words(key) {
        let w: String = w.iter().collect();
        if !out.contains(&w) {
            out.push(w);
        }
    }
    out
}

/// The words of [`terms`] as slices of the key (with repeats).
pub fn words(key: &[char]) -> impl Iterator<Item = &[char]> {
    key.split(|&c| !is_word_char(c)).filter(|w| w.len() >= 2)
}

/// Whether `c` belongs to a word of a match key: a letter or digit, not a
/// placeable mask.
#[inline]
pub fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else {
        c.is_alphanumeric() && !is_mask(c)
    }
}

/// The hash that links a segment to its neighbours for context (101)
/// matches: FNV-1a ([`hash`]) of the normalised text, lower-cased.
pub fn context_hash(text: &str) -> i64 {
    hash(&normalize(text).to_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn es() -> LangTag {
        LangTag::new("es").unwrap()
    }

    /// `normalize_cow` borrows exactly the texts that normalising leaves as
    /// they are, on real segments and on each rule's edge.
    #[test]
    fn a_text_already_normal_is_borrowed_and_no_other() {
        let corpus = crate::corpus_segments(3000);
        let mut cases: Vec<&str> = corpus.iter().map(String::as_str).collect();
        cases.extend([
            "",
            "a",
            " a",
            "a ",
            "a  b",
            "a\tb",
            "a\u{A0}b",
            "canción",
            " canción",
            "canción ",
            "can ción",
            "can  ción",
            "can\u{A0}ción",
            "«canción»",
            "l’été",
            "1–2",
            "e\u{301}",
            "é",
            "\u{1}é",
            "é\u{85}",
        ]);
        let mut borrowed = 0;
        for t in cases {
            let n = normalize_cow(t);
            assert_eq!(n, normalized(t), "{t:?}");
            assert_eq!(matches!(n, Cow::Borrowed(_)), normalized(t) == t, "{t:?}");
            borrowed += usize::from(matches!(n, Cow::Borrowed(_)) && !t.is_ascii());
        }
        assert!(borrowed > 2000, "{borrowed} non-ASCII texts borrowed");
    }

    #[test]
    fn quotes_space_and_nfc_are_unified_case_kept() {
        assert_eq!(normalize("  El  “Proyecto”\u{00A0}De\u{301}bian "), "El \"Proyecto\" Débian");
    }

    #[test]
    fn fold_is_the_key_of_a_text_with_nothing_masked() {
        for t in ["Déclaration de l'ÉTAT", "Debian 13 «Trixie»", "ÅNGSTRÖM İstanbul", "", "a  b", "Debian Trixie"]
        {
            let k = MatchForm::key_only(t, &es());
            assert_eq!(folds_to(t, &k.key), k.key == fold(t), "{t}");
            // Known folded only where nothing was normalised or masked.
            assert_eq!(k.folded, !["Debian 13 «Trixie»", "a  b"].contains(&t), "{t}");
        }
        assert_eq!(fold("Déclaration de l'ÉTAT"), "déclaration de l'état");
        assert!(folds_to("Déclaration de l'ÉTAT", "déclaration de l'état"));
        // A number is masked in the key: not the folded text.
        let key = MatchForm::key_only("Debian 13", &es()).key;
        assert_eq!(key, "debian \u{E100}");
        assert!(!folds_to("Debian 13", &key));
        assert!(!folds_to("ab", "a"));
        assert!(!folds_to("a", "ab"));
    }

    #[test]
    fn key_masks_placeables_and_drops_codes() {
        let f = MatchForm::new("Pulse \u{E000}Aceptar\u{E001} y pague 13,98 €.", &es());
        assert_eq!(f.key_string(), "pulse aceptar y pague \u{E103}.");
        assert_eq!(f.codes, vec![CodeAt { at: 6, code: "0".into() }, CodeAt { at: 13, code: "1".into() }]);
        let g = MatchForm::new("Pulse <b>Aceptar</b> y pague 13,98 €.", &es());
        assert_eq!(g.key, f.key);
        assert_eq!(g.codes[0].code, "<b>");
    }

    #[test]
    fn a_placeable_inside_markup_does_not_hide_the_next_ones() {
        let f = MatchForm::new("Vea <a href=\"https://debian.org\">aquí</a> los 25 paquetes.", &es());
        assert_eq!(f.key_string(), "vea aquí los \u{E100} paquetes.");
        assert_eq!(f.codes.len(), 2);
    }

    #[test]
    fn key_only_equals_the_scorer_s_key() {
        let mut cases = crate::corpus_segments(3000);
        cases.extend(
            [
                "Pulse \u{E000}Aceptar\u{E001} y pague 13,98 €.",
                " \u{E000} Hola \u{E001} ",
                "Vea <a href=\"https://debian.org\">aquí</a> los 25 paquetes.",
                "ab<b>cd</b> {1} %s 2.ª edición, 12 de marzo de 2024 a las 18:30",
                "İSTANBUL  –  “Quote”",
                "",
            ]
            .map(String::from),
        );
        let mut folded = 0;
        for t in &cases {
            let f = MatchForm::new(t, &es());
            let k = MatchForm::key_only(t, &es());
            assert_eq!(
                (k.norm.as_ref(), k.key.as_str(), k.chars),
                (f.norm.as_str(), f.key_string().as_str(), f.key.len()),
                "{t:?}"
            );
            if k.folded {
                assert_eq!(k.key, fold(t), "{t:?}");
                folded += 1;
            }
        }
        assert!(folded > 1000, "{folded} keys known folded");
        assert!(cases.len() > 6000);
    }

    #[test]
    fn terms_are_words_of_two_chars_or_more() {
        let f = MatchForm::new("La versión 6.0 y la Versión 7.0 de Debian: a", &es());
        assert_eq!(terms(&f.key), ["la", "versión", "de", "debian"]);
    }

    #[test]
    fn printable_ascii_takes_the_short_way_to_the_same_result() {
        for t in ["Debian 6.0 is out.", " Debian  6.0 ", "a\tb", "a\u{b}b", "\"Hi\" - it's", "x\u{7f}y", ""] {
            let slow: String =
                t.split(|c: char| c.is_whitespace()).filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" ");
            assert_eq!(normalize(t), slow, "{t:?}");
        }
    }

    #[test]
    fn hash_is_stable() {
        assert_eq!(hash(""), 0xcbf29ce484222325u64 as i64);
    }
}
