//! Sentence alignment of a document with its translation.
//!
//! An [`Aligner`] takes the sentences of both documents, grouped in paragraphs
//! ([`Sentences`]), and returns [`Bead`]s: groups of consecutive source and
//! target sentences that translate each other. Every sentence is in exactly one
//! bead. It works in two passes:
//!
//! 1. **Paragraphs.** A dynamic programme pairs paragraphs (1-1, 2-1, 1-2, or
//!    none: 1-0 / 0-1) by their length and by their *anchors*, what a
//!    translation cannot take away: numbers, dates, URLs, e-mails, names and
//!    acronyms, cognates, boilerplate such as "Acerca de" / "About" (see
//!    `anchors.rs`). Leaving a paragraph unpaired has a fixed cost, so a
//!    paragraph the translator dropped or added costs one skip instead of
//!    shifting every pair after it. A heading (a paragraph of one sentence of at
//!    most 100 characters) is never joined with another paragraph. Paragraphs left
//!    unpaired on both sides whose anchors agree are then paired out of order (a
//!    paragraph moved); the paragraphs still left over on both sides of the same
//!    gap between two pairs become one block for the sentence pass (a title or a
//!    freely translated paragraph whose anchors were too few to pair it). When one
//!    document comes as a single paragraph, both are one block.
//! 2. **Sentences** inside each pair of paragraphs: the bead programme of Gale &
//!    Church (1993, "A program for aligning sentences in bilingual corpora",
//!    Computational Linguistics 19(1)) over 1-1, 2-1, 1-2, 2-2, 1-3, 3-1 beads
//!    (plus 1-0 / 0-1) with their length cost, plus the same lexical cost
//!    over the sentences' anchors (as hunalign, Varga et al. 2005).
//!
//! The length ratio and variance are per language pair ([`AlignerConfig::for_pair`]).
//! [`LinkScores`] compares an alignment with a gold one.
//!
//! ```
//! use memoria_core::align::{Aligner, AlignerConfig, Sentences};
//! use memoria_core::lang::LangTag;
//! let es = Sentences::from_paragraphs(&[
//!     vec!["Acerca de Debian"],
//!     vec!["El proyecto Debian fue fundado en 1993.", "Hoy cuenta con miles de voluntarios."],
//! ]);
//! let en = Sentences::from_paragraphs(&[
//!     vec!["About Debian"],
//!     vec!["The Debian Project was founded in 1993; today it has thousands of volunteers."],
//! ]);
//! let (from, to) = (LangTag::new("es").unwrap(), LangTag::new("en").unwrap());
//! let beads = Aligner::new(AlignerConfig::for_pair(&from, &to)).align_documents(&es, &en);
//! assert_eq!(beads.iter().map(|b| (b.src.clone(), b.tgt.clone())).collect::<Vec<_>>(), [(0..1, 0..1), (1..3, 1..2)]);
//! assert!(beads.iter().all(|b| b.score > 50.0));
//! ```

mod anchors;
mod config;
mod dp;
mod evidence;
mod passes;
mod score;

pub use config::AlignerConfig;
pub use evidence::{Evidence, STRONG_BEAD_SCORE};
pub use score::{format_bead, links, parse_beads, BeadFormatError, LinkScores};

use crate::segment::Segment;
use std::ops::Range;

/// An alignment bead: source sentences `src` and target sentences `tgt`, index
/// ranges into the two [`Sentences`] (one of them empty for a sentence without
/// counterpart).
///
/// `score` (0–100, one decimal) says how plausible the pairing is:
/// 100·e^(−max(cost, 0)/8), where cost is the bead's Gale–Church length cost
/// (−ln P(|δ|), 0 when the lengths fit the ratio exactly), plus ln(P(1-1)/P(kind))
/// for a bead that is not 1-1 (2.3 for 2-1 and 1-2), plus its lexical cost
/// w·(0.4 − overlap) (w = [`AlignerConfig::sentence_lexical_weight`], overlap the
/// weighted share of anchors the two sides have in common, 0–1; 0 when neither
/// side has anchors); a bead whose sides share fewer than two anchors scores at
/// most 90 (lengths alone, or one shared word, are thin evidence). A 1-1 pair
/// whose anchors mostly agree and whose lengths fit scores 100; one whose lengths fit but whose anchors all disagree scores 78;
/// a 2-1 bead with no anchors and fitting lengths 75. 1-0 and 0-1 beads score 0.
/// The lowest score of a paired bead on the clean gold pairs of
/// `tests/data/align` is 77.4.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Bead {
    pub src: Range<usize>,
    pub tgt: Range<usize>,
    pub score: f64,
}

/// The sentences of one document in paragraphs: texts in document order and
/// the sentence range of each paragraph (non-empty, consecutive, covering all).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Sentences<'a> {
    texts: Vec<&'a str>,
    paragraphs: Vec<Range<usize>>,
}

impl<'a> Sentences<'a> {
    /// Sentences given paragraph by paragraph; empty paragraphs are dropped.
    pub fn from_paragraphs<P: AsRef<[&'a str]>>(paragraphs: &[P]) -> Sentences<'a> {
        let mut s = Sentences::default();
        for p in paragraphs {
            let p = p.as_ref();
            if !p.is_empty() {
                let start = s.texts.len();
                s.texts.extend_from_slice(p);
                s.paragraphs.push(start..s.texts.len());
            }
        }
        s
    }

    /// Sentences without paragraph structure (one paragraph).
    pub fn one_paragraph(texts: &[&'a str]) -> Sentences<'a> {
        Sentences::from_paragraphs(&[texts])
    }

    /// The segments of `text` (as [`crate::segment::Segmenter`] made them), in
    /// paragraphs by their `paragraph` number: a new paragraph starts wherever
    /// the number changes.
    pub fn from_segments(text: &'a str, segments: &[Segment]) -> Sentences<'a> {
        let mut s = Sentences::default();
        for (i, seg) in segments.iter().enumerate() {
            if i == 0 || segments[i - 1].paragraph != seg.paragraph {
                s.paragraphs.push(i..i);
            }
            s.texts.push(seg.text(text));
            if let Some(p) = s.paragraphs.last_mut() {
                p.end = i + 1;
            }
        }
        s
    }

    /// The sentence texts in document order.
    pub fn texts(&self) -> &[&'a str] {
        &self.texts
    }

    /// The sentence range of each paragraph.
    pub fn paragraphs(&self) -> &[Range<usize>] {
        &self.paragraphs
    }

    /// Number of sentences.
    pub fn len(&self) -> usize {
        self.texts.len()
    }

    /// Whether there is no sentence.
    pub fn is_empty(&self) -> bool {
        self.texts.is_empty()
    }
}

/// Aligns the sentences of a document with those of its translation.
#[derive(Clone, Debug, Default)]
pub struct Aligner {
    config: AlignerConfig,
}

impl Aligner {
    /// An aligner with the given settings.
    pub fn new(config: AlignerConfig) -> Aligner {
        Aligner { config }
    }

    /// Its settings.
    pub fn config(&self) -> &AlignerConfig {
        &self.config
    }

    /// Aligns two documents given in paragraphs (module documentation). The beads
    /// come in source order; a 0-1 bead comes after the bead of the target
    /// sentence before it, and a paragraph paired out of order comes at its
    /// source position, so target ranges may go backwards.
    pub fn align_documents(&self, src: &Sentences, tgt: &Sentences) -> Vec<Bead> {
        if src.is_empty() || tgt.is_empty() {
            let s = (0..src.len()).map(|i| Bead { src: i..i + 1, tgt: 0..0, score: 0.0 });
            let t = (0..tgt.len()).map(|j| Bead { src: 0..0, tgt: j..j + 1, score: 0.0 });
            return s.chain(t).collect();
        }
        passes::align(&self.config, src, tgt)
    }

    /// Aligns two sentence lists without paragraph structure (each is one block).
    pub fn align(&self, src: &[&str], tgt: &[&str]) -> Vec<Bead> {
        self.align_documents(&Sentences::one_paragraph(src), &Sentences::one_paragraph(tgt))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shape(beads: &[Bead]) -> Vec<(Range<usize>, Range<usize>)> {
        beads.iter().map(|b| (b.src.clone(), b.tgt.clone())).collect()
    }

    #[test]
    fn equal_lengths_align_one_to_one() {
        let src = ["Hola a todos los presentes.", "El proyecto Debian anuncia hoy su nueva versión."];
        let tgt = ["Hello to everyone here.", "The Debian project announces its new release today."];
        assert_eq!(shape(&Aligner::default().align(&src, &tgt)), [(0..1, 0..1), (1..2, 1..2)]);
    }

    #[test]
    fn two_short_sentences_join_against_one_long() {
        let src =
            ["Debian 6.0 fue publicado hoy después de veinticuatro meses de desarrollo constante.", "Es estable."];
        let tgt = ["Debian 6.0 was released today after twenty-four months of constant development, and it is stable."];
        assert_eq!(shape(&Aligner::default().align(&src, &tgt)), [(0..2, 0..1)]);
    }

    #[test]
    fn a_dropped_paragraph_leaves_its_sentences_alone() {
        let es = Sentences::from_paragraphs(&[
            vec!["Debian 7 publicado"],
            vec!["Contacto local en Madrid: teléfono 91 555 0100.", "Atendemos de 9:00 a 17:00."],
            vec!["Más información en https://www.debian.org/."],
        ]);
        let en = Sentences::from_paragraphs(&[
            vec!["Debian 7 released"],
            vec!["More information at https://www.debian.org/."],
        ]);
        let beads = Aligner::default().align_documents(&es, &en);
        assert_eq!(shape(&beads), [(0..1, 0..1), (1..2, 0..0), (2..3, 0..0), (3..4, 1..2)]);
        assert_eq!(beads[1].score, 0.0);
    }

    #[test]
    fn one_side_without_paragraphs_is_aligned_as_one_block() {
        let es = Sentences::one_paragraph(&[
            "Debian 7 publicado.",
            "El proyecto Debian anuncia hoy su versión 7.",
            "Más información en https://www.debian.org/.",
        ]);
        let en = Sentences::from_paragraphs(&[
            vec!["Debian 7 released."],
            vec!["The Debian project announces its release 7 today."],
            vec!["More information at https://www.debian.org/."],
        ]);
        let beads = Aligner::default().align_documents(&es, &en);
        assert_eq!(shape(&beads), [(0..1, 0..1), (1..2, 1..2), (2..3, 2..3)]);
    }

    #[test]
    fn sentences_from_segments_follow_paragraph_numbers() {
        let text = "A. B.\nC.";
        let segs = [
            Segment { start: 0, end: 2, paragraph: 0 },
            Segment { start: 3, end: 5, paragraph: 0 },
            Segment { start: 6, end: 8, paragraph: 1 },
        ];
        let s = Sentences::from_segments(text, &segs);
        assert_eq!(s.texts(), ["A.", "B.", "C."]);
        assert_eq!(s.paragraphs(), [0..2, 2..3]);
    }

    #[test]
    fn one_source_sentence_translated_as_two_target_pieces_is_one_1_2_bead() {
        // Issue 23: the English broke the sentence over two lines (two
        // paragraphs); the second piece, short and alone, is not a heading.
        let (from, to) = (crate::lang::LangTag::new("es").unwrap(), crate::lang::LangTag::new("en").unwrap());
        let es = Sentences::from_paragraphs(&[
            vec!["Imágenes verificadas"],
            vec!["Puede comprobar, con el fichero firmado de sumas, que la suma de verificación de la imagen coincide con la del fichero; y que el fichero no ha sido alterado."],
            vec!["Para más información, lea la guía de verificación."],
        ]);
        let en = Sentences::from_paragraphs(&[
            vec!["Verified images"],
            vec!["You can check, with the signed file of checksums, that the image's checksum matches that of the checksum file; and that"],
            vec!["the checksum file has not been tampered with."],
            vec!["For more information, read the verification guide."],
        ]);
        let beads = Aligner::new(AlignerConfig::for_pair(&from, &to)).align_documents(&es, &en);
        assert_eq!(shape(&beads), [(0..1, 0..1), (1..2, 1..3), (2..3, 3..4)]);
        assert!(beads[1].score >= STRONG_BEAD_SCORE, "{beads:?}");
        // Two sentences of one paragraph.
        let es = Sentences::from_paragraphs(&[vec![
            "Debian 6.0 fue publicado el 6 de febrero de 2011 tras 24 meses de trabajo y ya está disponible en 30 idiomas.",
        ]]);
        let en = Sentences::from_paragraphs(&[vec![
            "Debian 6.0 was released on 6 February 2011 after 24 months of work.",
            "It is now available in 30 languages.",
        ]]);
        let beads = Aligner::new(AlignerConfig::for_pair(&from, &to)).align_documents(&es, &en);
        assert_eq!(shape(&beads), [(0..1, 0..2)]);
    }

    #[test]
    fn an_empty_side_gives_only_unpaired_beads() {
        let beads = Aligner::default().align(&["Uno.", "Dos."], &[]);
        assert_eq!(shape(&beads), [(0..1, 0..0), (1..2, 0..0)]);
    }
}
