//! A release read through its document filter and segmented.

use memoria_core::content::Content;
use memoria_core::lang::LangTag;
use memoria_core::segment::{Segment, Segmenter};
use memoria_formats::filter::{self, Document, Fill, Filter, FilterError};
use std::ops::Range;

/// A release: its document (text, skeleton, inline codes), the filter that
/// read it (and writes the translation back), its language and segments.
pub struct Release {
    /// The path as the user gave it (`-` for standard input).
    pub name: String,
    pub doc: Document,
    pub lang: LangTag,
    pub segments: Vec<Segment>,
    filter: Box<dyn Filter>,
}

impl Release {
    /// Reads `bytes` (a document named `name`) with the filter `kind`
    /// chooses ([`filter::detect`]) and segments its text with `segmenter`.
    /// Errors are the filter's (line and column, or the package part).
    pub fn read(
        name: &str,
        bytes: &[u8],
        kind: filter::Kind,
        lang: &LangTag,
        segmenter: &Segmenter,
    ) -> Result<Release, FilterError> {
        let filter = filter::detect(name, kind);
        let doc = filter.extract(bytes)?;
        let segments = segmenter.segment(&doc.text);
        Ok(Release { name: name.to_string(), doc, lang: lang.clone(), segments, filter })
    }

    /// [`Release::read`] of bytes it may keep ([`Filter::extract_owned`]):
    /// the file is in memory once, as the document's text.
    pub fn read_owned(
        name: &str,
        bytes: Vec<u8>,
        kind: filter::Kind,
        lang: &LangTag,
        segmenter: &Segmenter,
    ) -> Result<Release, FilterError> {
        let filter = filter::detect(name, kind);
        let doc = filter.extract_owned(bytes)?;
        let segments = segmenter.segment(&doc.text);
        Ok(Release { name: name.to_string(), doc, lang: lang.clone(), segments, filter })
    }

    /// A plain-text release over text in memory (tests, examples).
    pub fn from_text(name: &str, text: &str, lang: &LangTag, segmenter: &Segmenter) -> Release {
        let doc = Document::from_text(text);
        let segments = segmenter.segment(&doc.text);
        Release { name: name.to_string(), doc, lang: lang.clone(), segments, filter: Box::new(filter::TextFilter) }
    }

    /// The text of segment `i`.
    pub fn text(&self, i: usize) -> &str {
        self.segments[i].text(&self.doc.text)
    }

    /// The content of `range` of the text: its text with the document's
    /// inline codes ([`Document::content`]).
    pub fn content(&self, range: Range<usize>) -> Content {
        self.doc.content(range)
    }

    /// `(line, column)` (1-based, column in characters) where segment `i`
    /// starts in the file.
    pub fn line_col(&self, i: usize) -> (usize, usize) {
        self.doc.line_col(self.segments[i].start)
    }

    /// The bytes of the file (BOM counted) that segment `i` came from.
    pub fn file_range(&self, i: usize) -> Range<usize> {
        let s = &self.segments[i];
        self.doc.file_range(s.start..s.end)
    }

    /// The translated document: the release with each fill in place
    /// ([`Filter::merge`]).
    pub fn merge(&self, fills: &[Fill]) -> Result<Vec<u8>, FilterError> {
        self.filter.merge(&self.doc, fills)
    }
}
