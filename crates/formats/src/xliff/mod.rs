//! XLIFF: the pre-translated file a CAT tool opens.
//!
//! [`write_xliff12`] writes OASIS XLIFF 1.2 (`urn:oasis:names:tc:xliff:document:1.2`,
//! valid against the strict schema), [`write_xliff21`] OASIS XLIFF 2.1 core
//! with the Translation Candidates module (`urn:oasis:names:tc:xliff:matches:2.0`)
//! and the Glossary module (`urn:oasis:names:tc:xliff:glossary:2.0`) for terms;
//! [`read`] reads the units of either back (for `memoria check --xliff`).
//! Both writers take the same [`Doc`]s: one per source release, one
//! [`Unit`] per segment (or per two segments filled together from one TU),
//! the fill and every [`Candidate`] with its score. Inline codes of TM content
//! ([`memoria_core::content::Content`]) are written as the format's own
//! inline elements with their native data, so they survive. The writers know
//! no TM: a candidate is plain data the caller fills from its matches.

pub mod classify;
pub(crate) mod lines;
pub mod read;
mod xliff12;
mod xliff21;

use memoria_core::content::Content;
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
    /// The release as `memoria merge` finds it again: its path as given
    /// and the checksum of its bytes ([`crate::filter::checksum`]). XLIFF
    /// 1.2 `<skl><external-file href crc>`, 2.x `<skeleton href>` and a
    /// file note `memoria:checksum`.
    pub skeleton: Option<(&'a str, &'a str)>,
    /// XLIFF 1.2: a unit with no fill gets a copy of its source as target,
    /// without state. OmegaT's own XLIFF filter translates the text of
    /// `<target>` (its bilingual files are made so); Trados, memoQ and Okapi
    /// need none. memoria's import and merge take an untouched copy for
    /// untranslated ([`crate::xliff::classify`]: `copied-source`).
    pub copy_source: bool,
}

/// One unit of a pre-translated document.
pub struct Unit<'a> {
    /// Unique id within the document: the 1-based segment number, or `3+4`
    /// for two segments filled together.
    pub id: String,
    /// The source as it stands in the release: its text, and the inline
    /// codes of the document (HTML `<b>`, a Word run) where it has them.
    pub source: Content,
    /// Where the unit starts in the release: 1-based line and column (characters).
    pub line: usize,
    pub column: usize,
    /// The candidate whose target fills the unit (its `target` already
    /// carries the placeable values and inline codes of this source), if one
    /// reached the threshold.
    pub fill: Option<Candidate<'a>>,
    /// Every candidate, best first.
    pub candidates: Vec<Candidate<'a>>,
    /// Segments the unit covers (1 or 2).
    pub segments: usize,
    /// The unit's bytes in the release text, for `memoria merge` (1.2
    /// context `x-range`, 2.x note `memoria:range`: `START-END`).
    pub range: Option<std::ops::Range<usize>>,
    /// Glossary terms found in the source: XLIFF 2.1 Glossary module
    /// (`gls:glossEntry`), XLIFF 1.2 `<note from="memoria-terms">`.
    pub terms: Vec<Gloss>,
}

/// A glossary term found in a unit's source.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Gloss {
    /// The glossary's source term.
    pub term: String,
    /// The glossary (file name) the entry came from (2.1 `source` attributes).
    pub origin: String,
    /// The allowed target terms, preferred first (2.1 `gls:translation`).
    pub translations: Vec<String>,
    /// The entry's definition (2.1 `gls:definition`).
    pub definition: Option<String>,
    /// The whole of it in one line, with statuses and the entry id (the 1.2 note).
    pub note: String,
}

/// One TM match offered for a unit.
#[derive(Clone, Copy, Debug)]
pub struct Candidate<'a> {
    /// Match score, 0–100 (101: context match).
    pub score: u8,
    /// Whether it holds this very source (100, or 99 only because the TM has
    /// several translations of it): an exact match rather than a fuzzy one.
    pub exact: bool,
    /// Language tags (BCP 47) of the TM's source and target variants.
    pub source_lang: &'a str,
    pub target_lang: &'a str,
    /// The TM source as stored.
    pub source: &'a Content,
    /// The target to use: the stored one with this unit's placeables and
    /// codes put in.
    pub target: &'a Content,
    /// The target as stored in the TM.
    pub stored_target: &'a Content,
    /// Where the match came from, as CAT tools show it: the TM collection
    /// (a TMX or XLIFF file name) of the matched TU; `memoria` when it has
    /// none (an alignment).
    pub origin: Option<&'a str>,
}

/// How a fill is marked, from its score (0–101) and whether it holds this
/// very source ([`Candidate::exact`]: 100, or 99 only for several
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn context_match_is_translated_and_exact_needs_review() {
        assert_eq!(state12(101, true), ("translated", "leveraged-tm"));
        assert_eq!(state12(100, true), ("needs-review-translation", "exact-match"));
        assert_eq!(state12(99, true), ("needs-review-translation", "exact-match"));
        assert_eq!(state12(87, false), ("needs-review-translation", "fuzzy-match"));
        assert_eq!(state21(87, false), ("initial", "memoria:fuzzy"));
    }
}
