//! XLIFF: the pre-translated file a CAT tool opens.
//!
//! [`write_xliff12`] writes OASIS XLIFF 1.2 (`urn:oasis:names:tc:xliff:document:1.2`,
//! valid against the strict schema), [`write_xliff21`] OASIS XLIFF 2.1 core
//! with the Translation Candidates module (`urn:oasis:names:tc:xliff:matches:2.0`);
//! [`read`] reads the units of either back (for `memoria check --xliff`).
//! Both writers take the same [`Doc`]s: one per source release, one
//! [`Unit`] per segment (or per two segments filled together from one TU),
//! the fill and every candidate with its score. Inline codes of TM content
//! ([`memoria_core::content::Content`]) are written as the format's own
//! inline elements with their native data, so they survive.

pub mod read;
mod xliff12;
mod xliff21;

use memoria_store::Match;
pub use xliff12::write_xliff12;
pub use xliff21::write_xliff21;

/// One source document of a pre-translation.
pub struct Doc<'a> {
    /// The path of the release as given (XLIFF `original`).
    pub original: &'a str,
    /// Source and target language tags (BCP 47).
    pub from: &'a str,
    pub to: &'a str,
    pub units: Vec<Unit<'a>>,
}

/// One unit of a pre-translated document.
pub struct Unit<'a> {
    /// Unique id within the document: the 1-based segment number, or `3+4`
    /// for two segments filled together.
    pub id: String,
    /// The source text as it stands in the release.
    pub source: &'a str,
    /// Where the unit starts in the release: 1-based line and column (characters).
    pub line: usize,
    pub column: usize,
    /// The match whose target fills the unit (its `target` already carries
    /// the placeable values of this source), if one reached the threshold.
    pub fill: Option<&'a Match>,
    /// Every candidate, best first.
    pub candidates: &'a [Match],
    /// Segments the unit covers (1 or 2).
    pub segments: usize,
}

/// How a fill is marked, from its score (0–101) and whether it holds this
/// very source ([`crate::leverage::is_exact`]: 100, or 99 only for several
/// translations in the TM): XLIFF 1.2 `state` and `state-qualifier` (XLIFF
/// 1.2 §2.4.1 value lists). A context match (101) is
/// `translated`/`leveraged-tm`; an exact one needs review as `exact-match`;
/// anything else as `fuzzy-match`.
pub fn state12(score: u8, exact: bool) -> (&'static str, &'static str) {
    match score {
        101.. => ("translated", "leveraged-tm"),
        _ if exact => ("needs-review-translation", "exact-match"),
        _ => ("needs-review-translation", "fuzzy-match"),
    }
}

/// XLIFF 2.1 `state` and `subState` of a fill with `score` (0–101), `exact`
/// as for [`state12`]: `translated` for context matches, else `initial`; the
/// sub-state says `memoria:context`, `memoria:exact` or `memoria:fuzzy`.
pub fn state21(score: u8, exact: bool) -> (&'static str, &'static str) {
    match score {
        101.. => ("translated", "memoria:context"),
        _ if exact => ("initial", "memoria:exact"),
        _ => ("initial", "memoria:fuzzy"),
    }
}

/// Escapes `s` for XML text and attribute values, dropping characters that
/// XML 1.0 forbids.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_drops_illegal_controls() {
        assert_eq!(escape("a<b & \"c\"\u{0B}"), "a&lt;b &amp; &quot;c&quot;");
    }

    #[test]
    fn context_match_is_translated_and_exact_needs_review() {
        assert_eq!(state12(101, true), ("translated", "leveraged-tm"));
        assert_eq!(state12(100, true), ("needs-review-translation", "exact-match"));
        assert_eq!(state12(99, true), ("needs-review-translation", "exact-match"));
        assert_eq!(state12(87, false), ("needs-review-translation", "fuzzy-match"));
        assert_eq!(state21(87, false), ("initial", "memoria:fuzzy"));
    }
}
