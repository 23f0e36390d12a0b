//! Settings of the alignment model, with measured defaults per language pair.

use crate::lang::LangTag;

/// Settings of the [`Aligner`](super::Aligner) for one language pair (source → target).
///
/// The length model is Gale & Church (1993): for a bead with `l1` source and
/// `l2` target characters, δ = (l2 − c·l1) / √(s²·m) with m = (l1 + l2/c) / 2;
/// `c` is [`ratio`](Self::ratio) and `s²` [`variance`](Self::variance). Lengths
/// are counted in characters (Unicode scalar values), not bytes.
#[derive(Clone, Debug, PartialEq)]
pub struct AlignerConfig {
    /// Expected target characters per source character (`c`). Spanish → English: 0.870
    /// (Spanish runs 1.149 characters per English character over the 212 gold beads of
    /// `tests/data/align`); Gale & Church use 1.0 for any pair.
    pub ratio: f64,
    /// Variance of the target length per source character (`s²`). On the 212 gold beads of
    /// `tests/data/align` (Debian releases, close translations) the per-bead values
    /// (l2 − c·l1)²/m have mean 1.8 (Spanish → English) and 2.8 (English → Spanish) with a
    /// heavy tail (90th percentile 5.6); news translations are freer. The defaults are
    /// Gale & Church's 6.8 for Spanish → English and 8.0 (6.8 scaled by the 1.149 ratio,
    /// rounded) for English → Spanish: every gold variant stays at F1 1.00 with them, and on
    /// the held-out news pairs (`tests/data/align-heldout`, and fresh pairs cut by the same
    /// script) they leave fewer loose 1-1 pairs split into a merge plus a skip than 4.5 / 5.5.
    pub variance: f64,
    /// Weight of the lexical cost of a pair of paragraphs: a pair whose anchors (numbers,
    /// URLs, e-mails, names, cognates) disagree completely costs this much more than one
    /// whose anchors all agree. The cost is weight × (0.6 − overlap), overlap the weighted
    /// Dice coefficient of the anchors (0–1). Default 25 (gold variants stay at F1 1.00
    /// from 20 to 30).
    pub paragraph_lexical_weight: f64,
    /// Weight of the lexical cost of a sentence bead: weight × (0.4 − overlap). Default 5
    /// (F1 1.00 from 3 to 6).
    pub sentence_lexical_weight: f64,
    /// Cost of leaving one paragraph without counterpart (a paragraph deleted or added
    /// by the translator). Default 4 (F1 1.00 from 3 to 5).
    pub paragraph_skip: f64,
    /// Cost of leaving one sentence without counterpart inside an aligned block.
    /// Default 6 (F1 1.00 from 3 to 10).
    pub sentence_skip: f64,
    /// Whether to use the built-in Spanish–English word table (months, weekdays,
    /// boilerplate words such as "acerca de" / "about") as extra anchors.
    pub es_en_glossary: bool,
}

impl Default for AlignerConfig {
    /// Language-independent settings: Gale & Church's c = 1, s² = 6.8, no glossary.
    fn default() -> Self {
        AlignerConfig {
            ratio: 1.0,
            variance: 6.8,
            paragraph_lexical_weight: 25.0,
            sentence_lexical_weight: 5.0,
            paragraph_skip: 4.0,
            sentence_skip: 6.0,
            es_en_glossary: false,
        }
    }
}

impl AlignerConfig {
    /// The measured settings for aligning `from` (source) with `to` (target); the
    /// language-independent [`Default`] for a pair without measurements. Only the
    /// primary language subtags are compared (`es-AR` counts as `es`).
    pub fn for_pair(from: &LangTag, to: &LangTag) -> AlignerConfig {
        let base = AlignerConfig::default();
        match (from.language().to_ascii_lowercase().as_str(), to.language().to_ascii_lowercase().as_str()) {
            ("es", "en") => AlignerConfig { ratio: 0.870, variance: 6.8, es_en_glossary: true, ..base },
            ("en", "es") => AlignerConfig { ratio: 1.149, variance: 8.0, es_en_glossary: true, ..base },
            _ => base,
        }
    }
}

/// Bead kinds of the sentence pass: (source sentences, target sentences, prior
/// probability). The 1-1, 2-1, 1-2 and 2-2 priors are Gale & Church's (1993,
/// Table 5); 1-3 and 3-1 are given a small share for long sentences that a
/// translator split in three. 1-0 and 0-1 are costed by the skip settings instead.
pub(crate) const SENTENCE_KINDS: [(usize, usize, f64); 6] =
    [(1, 1, 0.89), (2, 1, 0.089), (1, 2, 0.089), (2, 2, 0.011), (1, 3, 0.005), (3, 1, 0.005)];

/// Bead kinds of the paragraph pass: paragraphs are nearly always 1-1; a
/// translator sometimes joins or splits one.
pub(crate) const PARAGRAPH_KINDS: [(usize, usize, f64); 3] = [(1, 1, 0.96), (2, 1, 0.02), (1, 2, 0.02)];
