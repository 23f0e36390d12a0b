//! Sentence segmentation: text → segments (byte ranges).
//!
//! A [`Segmenter`] is built for one language by [`SegmenterBuilder`], with
//! memoria's own SRX 2.0 rules (`crates/core/rules/default.srx`: English,
//! Spanish and French, basic Portuguese and German, generic rules for any
//! other language, see [`Segmenter::uses_generic_rules`]) or with rules the user loads ([`SegmenterBuilder::rules`], e.g.
//! a `segment.srx` from OmegaT or Okapi).
//!
//! Segmenting runs two passes over the text, which is never rewritten:
//! 1. the line pass ([`lines`]) finds paragraphs: it joins hard-wrapped lines
//!    and keeps headings, datelines, list items, contact lines and photo
//!    credits apart;
//! 2. the SRX engine ([`engine`]) finds sentence breaks inside each
//!    paragraph, where a wrap newline is plain white space.
//!
//! Each [`Segment`] is a byte range of the input, trimmed of surrounding white
//! space, with the index of its paragraph.
//!
//! ```
//! use memoria_core::{lang::LangTag, segment::SegmenterBuilder};
//! let text = "Notas para la prensa\nEl Sr. Pérez, jefe de misión de la OIM, habló con la\nprensa en Ginebra el lunes. Luego viajó a Tapachula.";
//! let seg = SegmenterBuilder::new(LangTag::new("es").unwrap()).build().unwrap();
//! let s: Vec<&str> = seg.segment(text).iter().map(|s| s.text(text)).collect();
//! assert_eq!(s, [
//!     "Notas para la prensa",
//!     "El Sr. Pérez, jefe de misión de la OIM, habló con la\nprensa en Ginebra el lunes.",
//!     "Luego viajó a Tapachula.",
//! ]);
//! ```

pub mod engine;
mod java;
pub mod lines;
pub mod srx;

use crate::lang::LangTag;
use engine::Engine;
use srx::Srx;
use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

pub use srx::{LanguageMap, Rule, RuleSet};

/// memoria's default SRX rules (written for memoria; see the file's header).
pub const DEFAULT_SRX: &str = include_str!("../../rules/default.srx");

/// A segment: bytes `start..end` of the segmented text, in paragraph
/// `paragraph` (0-based, in document order).
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Segment {
    pub start: usize,
    pub end: usize,
    pub paragraph: usize,
}

impl Segment {
    /// The segment's text in `text` (the string that was segmented).
    pub fn text<'a>(&self, text: &'a str) -> &'a str {
        &text[self.start..self.end]
    }
}

/// Errors building a segmenter. Positions are 1-based; columns count
/// characters.
#[derive(Debug, thiserror::Error)]
pub enum SegmentError {
    /// No rules exist for the language (no language map matches it).
    #[error("no segmentation rules for language {0}")]
    UnsupportedLanguage(String),
    /// The SRX document is malformed.
    #[error("{file}:{line}:{column}: {message}")]
    Srx { file: String, line: usize, column: usize, message: String },
    /// A rule's pattern does not compile (neither with the `regex` crate nor
    /// with `fancy-regex`). The rule is not dropped: building fails.
    #[error("{file}:{line}:{column}: rule pattern `{pattern}` does not compile: {message}")]
    Rule { file: String, line: usize, column: usize, pattern: String, message: String },
    /// A rule on the backtracking engine (look-around, backreferences) took
    /// more than [`engine::BACKTRACK_LIMIT`] steps in one call while
    /// segmenting; `offset` is the byte of the paragraph it was looking at.
    /// The position is the rule's `<beforebreak>`.
    #[error(
        "{file}:{line}:{column}: rule `{pattern}` exceeded its backtracking budget ({limit} steps) at byte {offset} of a paragraph; simplify the rule (no nested repetition such as (a+)+)"
    )]
    RuleBudget { file: String, line: usize, column: usize, pattern: String, limit: usize, offset: usize },
    /// A search failed inside the regex engine (not expected: the lazy DFAs
    /// are built never to give up).
    #[error("segmentation search failed: {0}")]
    Search(String),
}

/// Configures a [`Segmenter`].
#[derive(Clone, Debug)]
pub struct SegmenterBuilder {
    lang: LangTag,
    rules: Option<Srx>,
}

impl SegmenterBuilder {
    /// A builder for language `lang` with the default rules.
    pub fn new(lang: LangTag) -> SegmenterBuilder {
        SegmenterBuilder { lang, rules: None }
    }

    /// Uses the rules of `srx` (see [`Srx::parse`]) instead of the default
    /// ones; its language maps choose the rules for the language.
    pub fn rules(mut self, srx: Srx) -> SegmenterBuilder {
        self.rules = Some(srx);
        self
    }

    /// Builds the segmenter: picks the rules for the language and compiles
    /// them. Errors: [`SegmentError::Rule`] for a pattern that does not
    /// compile, [`SegmentError::UnsupportedLanguage`] when no language map of
    /// a user's SRX matches.
    pub fn build(self) -> Result<Segmenter, SegmentError> {
        let (engine, generic) = match &self.rules {
            Some(srx) => {
                let lang = self.lang.as_str();
                (Engine::new(&srx.rules_for(lang)?, &srx.source)?, !srx.has_own_rules(lang)?)
            }
            None => default_engine(&self.lang)?,
        };
        Ok(Segmenter { lang: self.lang, engine, generic })
    }
}

/// Default-rule engines, compiled once per language code, and whether the
/// language fell back to the generic rules.
fn default_engine(lang: &LangTag) -> Result<(Engine, bool), SegmentError> {
    static CACHE: OnceLock<Mutex<HashMap<String, (Engine, bool)>>> = OnceLock::new();
    let key = lang.as_str().to_ascii_lowercase();
    let cache = CACHE.get_or_init(|| Mutex::new(HashMap::new()));
    if let Some(e) = cache.lock().unwrap_or_else(|p| p.into_inner()).get(&key) {
        return Ok(e.clone());
    }
    let srx = Srx::parse(DEFAULT_SRX, "default.srx")?;
    let engine = (Engine::new(&srx.rules_for(&key)?, "default.srx")?, !srx.has_own_rules(&key)?);
    cache.lock().unwrap_or_else(|p| p.into_inner()).insert(key, engine.clone());
    Ok(engine)
}

/// Splits text into sentence segments for one language.
#[derive(Clone, Debug)]
pub struct Segmenter {
    lang: LangTag,
    engine: Engine,
    generic: bool,
}

impl Segmenter {
    /// The language this segmenter was built for.
    pub fn lang(&self) -> &LangTag {
        &self.lang
    }

    /// Whether the language has no rule set of its own in the rules used
    /// (see [`Srx::has_own_rules`]), so that only the rules for every
    /// language apply. With the default rules that is every language but
    /// English, Spanish, French, Portuguese and German: such text is
    /// segmented by the generic rules (terminal punctuation before a capital,
    /// titles such as `Dr.`, spaced abbreviations such as `z. B.`), which know
    /// none of its own abbreviations. A caller may warn about it, once,
    /// naming [`Segmenter::lang`].
    pub fn uses_generic_rules(&self) -> bool {
        self.generic
    }

    /// Segments `text`: paragraphs from the line pass, then sentences inside
    /// each by the SRX rules. Segments are in text order, never empty, and
    /// never start or end with white space.
    ///
    /// A user's rule that exceeds its backtracking budget
    /// ([`SegmentError::RuleBudget`]) counts as not matching where it did;
    /// [`Segmenter::try_segment`] reports it instead.
    pub fn segment(&self, text: &str) -> Vec<Segment> {
        let mut out = Vec::new();
        let _ = self.run(text, &mut out, true);
        out
    }

    /// Like [`Segmenter::segment`], but a rule that exceeds its backtracking
    /// budget is an error naming the rule's file, line and column
    /// ([`SegmentError::RuleBudget`]). Rules that run on the `regex` crate
    /// (every default rule) never fail.
    pub fn try_segment(&self, text: &str) -> Result<Vec<Segment>, SegmentError> {
        let mut out = Vec::new();
        self.run(text, &mut out, false)?;
        Ok(out)
    }

    fn run(&self, text: &str, out: &mut Vec<Segment>, lenient: bool) -> Result<(), SegmentError> {
        let paragraphs = lines::paragraphs(text);
        let result = self.engine.breaks_each(text, &paragraphs, lenient, |paragraph, breaks| {
            let range = &paragraphs[paragraph];
            let para = &text[range.clone()];
            let mut from = 0;
            for &b in breaks.iter().chain(std::iter::once(&para.len())) {
                push_trimmed(para, from, b, range.start, paragraph, out);
                from = b;
            }
        });
        // A lenient run reports no budget fault, and a DFA fault cannot
        // happen (no quit bytes, the cache never gives up).
        if lenient {
            return Ok(());
        }
        result
    }
}

fn push_trimmed(para: &str, from: usize, to: usize, base: usize, paragraph: usize, out: &mut Vec<Segment>) {
    let piece = &para[from..to];
    let trimmed = piece.trim();
    if trimmed.is_empty() {
        return;
    }
    let start = base + from + (piece.len() - piece.trim_start().len());
    out.push(Segment { start, end: start + trimmed.len(), paragraph });
}

#[cfg(test)]
mod tests;

#[cfg(test)]
mod digest_tests;
