//! A release read through its document filter and segmented.

use memoria_core::content::Content;
use memoria_core::lang::LangTag;
use memoria_core::segment::{Segment, SegmentError, Segmenter};
use memoria_formats::filter::{self, Document, Fill, Filter, FilterError};
use std::ops::Range;

/// Why a release cannot be read.
#[derive(Debug, thiserror::Error)]
pub enum ReleaseError {
    /// The document is not what its filter reads.
    #[error(transparent)]
    Filter(#[from] FilterError),
    /// A user's segmentation rule exceeded its budget (its file, line, column).
    #[error(transparent)]
    Segment(#[from] SegmentError),
}

/// A release: its document (text, skeleton, inline codes), the filter that
/// read it (and writes the translation back), its language and segments.
pub struct Release {
    /// The path as the user gave it (`-` for standard input).
    pub name: String,
    pub doc: Document,
    pub lang: LangTag,
    pub segments: Vec<Segment>,
    /// The checksum of the file's bytes ([`filter::checksum`]).
    pub checksum: String,
    filter: Box<dyn Filter>,
}

impl Release {
    /// Reads `bytes` (a document named `name`) with the filter `kind`
    /// chooses ([`filter::detect`]) and segments its text with `segmenter`.
    /// Errors are the filter's (line and column, or the package part), or
    /// a user's rule that exceeded its budget ([`Segmenter::try_segment`]).
    pub fn read(
        name: &str,
        bytes: &[u8],
        kind: filter::Kind,
        lang: &LangTag,
        segmenter: &Segmenter,
    ) -> Result<Release, ReleaseError> {
        let filter = filter::detect(name, kind);
        let doc = filter.extract(bytes)?;
        let segments = segmenter.try_segment(&doc.text)?;
        let checksum = filter::checksum(bytes);
        Ok(Release { name: name.to_string(), doc, lang: lang.clone(), segments, checksum, filter })
    }

    /// [`Release::read`] of bytes it may keep ([`Filter::extract_owned`]):
    /// the file is in memory once, as the document's text.
    pub fn read_owned(
        name: &str,
        bytes: Vec<u8>,
        kind: filter::Kind,
        lang: &LangTag,
        segmenter: &Segmenter,
    ) -> Result<Release, ReleaseError> {
        Release::read_owned_with(name, bytes, kind, filter::Options::default(), lang, segmenter)
    }

    /// [`Release::read_owned`] with the options of packaged documents
    /// (comments read or not).
    pub fn read_owned_with(
        name: &str,
        bytes: Vec<u8>,
        kind: filter::Kind,
        options: filter::Options,
        lang: &LangTag,
        segmenter: &Segmenter,
    ) -> Result<Release, ReleaseError> {
        let filter = filter::detect_with(name, kind, options);
        let checksum = filter::checksum(&bytes);
        let doc = filter.extract_owned(bytes)?;
        let segments = segmenter.try_segment(&doc.text)?;
        Ok(Release { name: name.to_string(), doc, lang: lang.clone(), segments, checksum, filter })
    }

    /// A plain-text release over text in memory (tests, examples).
    pub fn from_text(name: &str, text: &str, lang: &LangTag, segmenter: &Segmenter) -> Release {
        let doc = Document::from_text(text);
        let segments = segmenter.segment(&doc.text);
        let checksum = filter::checksum(text.as_bytes());
        Release {
            name: name.to_string(),
            doc,
            lang: lang.clone(),
            segments,
            checksum,
            filter: Box::new(filter::TextFilter),
        }
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

    /// [`Release::merge`] into a document in language `lang`
    /// ([`Filter::merge_to_language`]: DOCX and ODT record it).
    pub fn merge_to_language(&self, fills: &[Fill], lang: &str) -> Result<Vec<u8>, FilterError> {
        self.filter.merge_to_language(&self.doc, fills, lang)
    }

    /// The place of segment `i` in a packaged release: part and paragraph.
    pub fn place(&self, i: usize) -> Option<filter::Place<'_>> {
        self.doc.place(self.segments[i].start)
    }
}
