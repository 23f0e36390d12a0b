//! memoria-core: the text model and language logic — segments, the TU
//! model, placeables, the matching maths, alignment. No I/O, no SQL, no
//! file format.
//!
//! Data moves one way: a [`segment::Segmenter`] (built by
//! [`segment::SegmenterBuilder`] for one language) cuts a release's text
//! into [`segment::Segment`]s — byte ranges, never rewritten text; an
//! [`align::Aligner`] pairs the segments of a release with those of its
//! translation as [`align::Bead`]s. Translation units ([`tu::Tu`], with
//! [`content::Content`] that keeps inline codes beside the text) are the unit
//! every file format and the TM exchange. [`normalize`] and [`score`] define
//! what a match is (normalised, placeable-masked text; a 0–100 score);
//! [`placeable`] finds numbers, dates and codes; [`date`] reads and writes
//! TMX dates; [`location`] turns offsets into line and column.
//!
//! ```
//! use memoria_core::{lang::LangTag, segment::SegmenterBuilder};
//! let text = "El Sr. Pérez llegó a Ginebra. Habló con la prensa.";
//! let seg = SegmenterBuilder::new(LangTag::new("es").unwrap()).build().unwrap();
//! let sentences: Vec<&str> = seg.segment(text).iter().map(|s| s.text(text)).collect();
//! assert_eq!(sentences, ["El Sr. Pérez llegó a Ginebra.", "Habló con la prensa."]);
//! ```

pub mod align;
pub mod content;
pub mod date;
pub mod lang;
pub mod location;
pub mod normalize;
pub mod placeable;
pub mod score;
pub mod segment;
pub mod term;
pub mod tu;

/// Test data: both segments of each of the first `lines` lines of the
/// shared Spanish–English parallel corpus
/// (`shared/corpus/parallel/flores_ntrex_es_en.tsv`).
#[cfg(test)]
pub(crate) fn corpus_segments(lines: usize) -> Vec<String> {
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/parallel/flores_ntrex_es_en.tsv");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    text.lines().take(lines).flat_map(|l| l.split('\t').take(2)).map(String::from).collect()
}
