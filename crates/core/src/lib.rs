//! memoria-core: text → segments, the TU model, and alignment.
//!
//! Data moves one way: a [`document::Document`] holds a release's text; a
//! [`segment::Segmenter`] (built by [`segment::SegmenterBuilder`] for one
//! language) cuts it into [`segment::Segment`]s — byte ranges, never rewritten
//! text; an [`align::Aligner`] pairs the segments of a release with those of its
//! translation as [`align::Bead`]s. Translation units ([`tu::Tu`], with
//! [`content::Content`] that keeps inline codes beside the text) are the unit
//! every file format and the TM exchange. This crate does no I/O.
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
pub mod tu;
