//! Document filters: a release's bytes in, its text with inline codes out,
//! and the translated release back (Okapi's filter/skeleton model).
//!
//! A [`Filter`] turns a document's bytes into a [`Document`]: the text the
//! segmenter and the matcher see, the skeleton (everything else of the file,
//! kept as the raw bytes and a map from text to file) and the inline codes
//! of the format (an HTML `<b>`, later a Word run) anchored in the text.
//! Segments are byte ranges of [`Document::text`];
//! [`Document::content`] gives a segment's text with its codes. [`Filter::merge`]
//! takes the same document and the translated segments ([`Fill`]s) and writes
//! the translated document: only the filled segments' bytes change, codes are
//! restored in the target's order, and everything else is copied byte for
//! byte. Adding a format (DOCX, ODT) is one more module implementing
//! [`Filter`], chosen by [`detect`].
//!
//! ```
//! use memoria_core::content::Content;
//! use memoria_formats::filter::{Fill, Filter, HtmlFilter};
//! let page = "<p>No habrá soporte para <b>Debian 6.0</b>.</p>";
//! let doc = HtmlFilter.extract(page.as_bytes()).unwrap();
//! assert_eq!(doc.text, "No habrá soporte para Debian 6.0.\n\n");
//! let end = doc.text.trim_end().len();
//! let source = doc.content(0..end);
//! assert_eq!(source.code_count(), 2);
//! // A target with the codes where the translation puts them:
//! let mut target = source.clone();
//! target.items[0] = memoria_core::content::Inline::Text("There will be no support for ".into());
//! let fills = [Fill { range: 0..end, target }];
//! let out = String::from_utf8(HtmlFilter.merge(&doc, &fills).unwrap()).unwrap();
//! assert_eq!(out, "<p>There will be no support for <b>Debian 6.0</b>.</p>");
//! ```

pub mod document;
pub mod docx;
pub mod html;
pub mod odt;
pub mod package;
mod rewrite;
pub mod text;

pub use document::{Document, DocumentError, PackageInfo, Place, TagCode, TagRole};
pub use docx::DocxFilter;
pub use html::HtmlFilter;
pub use odt::OdtFilter;
pub use text::TextFilter;

use memoria_core::content::Content;
use std::ops::Range;

/// Errors of a filter.
#[derive(Debug, thiserror::Error)]
pub enum FilterError {
    /// The bytes cannot be read as the format's text.
    #[error(transparent)]
    Document(#[from] DocumentError),
    /// The file is a format memoria does not read (a legacy `.doc`, an
    /// encrypted Word file, a PDF, a spreadsheet, a presentation).
    #[error(
        "the file is {what}; memoria reads releases in plain text (UTF-8), HTML, Word (.docx, .docm, .dotx) and \
         OpenDocument text (.odt)"
    )]
    Unsupported { what: String },
    /// A package (zip) or one of its parts is broken or past a limit
    /// ([`package`]): the part (or "the zip directory") and what was wrong.
    #[error("package part {part}: {problem}")]
    Package { part: String, problem: String },
}

/// A translated segment for [`Filter::merge`]: a byte range of
/// [`Document::text`] (a segment, or two joined) and the content to put there.
#[derive(Clone, Debug)]
pub struct Fill {
    pub range: Range<usize>,
    pub target: Content,
}

/// A document format.
pub trait Filter {
    /// The format's name (`text`, `html`).
    fn name(&self) -> &'static str;

    /// Reads a document's bytes. Errors name what was expected and where
    /// (line and column, or the package part).
    fn extract(&self, bytes: &[u8]) -> Result<Document, FilterError>;

    /// [`Filter::extract`] of bytes the filter may keep: a filter that
    /// holds the file's text (every one so far) takes it without a copy, so
    /// a release is in memory once, not twice.
    fn extract_owned(&self, bytes: Vec<u8>) -> Result<Document, FilterError> {
        self.extract(&bytes)
    }

    /// Writes the translated document: `doc` (as [`Filter::extract`] gave
    /// it) with each fill's target in place of its range, fills in document
    /// order and not overlapping (a fill that overlaps an earlier one is left
    /// out); every other byte as it was.
    fn merge(&self, doc: &Document, fills: &[Fill]) -> Result<Vec<u8>, FilterError>;

    /// [`Filter::merge`] into a document in language `lang` (BCP 47): a
    /// format that records languages (DOCX `w:lang`, ODT `fo:language`)
    /// marks the translation as `lang`; the others write what
    /// [`Filter::merge`] writes.
    fn merge_to_language(&self, doc: &Document, fills: &[Fill], lang: &str) -> Result<Vec<u8>, FilterError> {
        let _ = lang;
        self.merge(doc, fills)
    }
}

/// The checksum `memoria merge` compares a release with (`fnv1a64:` and
/// the FNV-1a 64 hash of its bytes in hex): tells a changed release from the
/// one pretranslated; no protection against a deliberate forgery.
pub fn checksum(bytes: &[u8]) -> String {
    let h = bytes.iter().fold(0xcbf2_9ce4_8422_2325u64, |h, &b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3));
    format!("fnv1a64:{h:016x}")
}

/// How the caller wants a document read.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Kind {
    /// By content and name: HTML for `.html`/`.htm`, plain text otherwise.
    #[default]
    Auto,
    Text,
    Html,
}

/// How packaged documents (DOCX, ODT) are read.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Options {
    /// Read comments (Word `word/comments.xml`, ODT `office:annotation`)
    /// as text to translate; left out by default.
    pub comments: bool,
}

/// The filter for a document named `name`. [`Kind::Auto`] decides by
/// content when the bytes come ([`package::sniff`]: a Word or OpenDocument
/// package, a file memoria does not read) and by `name`'s extension
/// otherwise (`.html`, `.htm`: HTML; else plain text).
pub fn detect(name: &str, kind: Kind) -> Box<dyn Filter> {
    detect_with(name, kind, Options::default())
}

/// [`detect`] with the options for packaged documents.
pub fn detect_with(name: &str, kind: Kind, options: Options) -> Box<dyn Filter> {
    if kind == Kind::Auto {
        return Box::new(AutoFilter { by_name: by_name(name, kind), options });
    }
    by_name(name, kind)
}

/// The filter chosen by content ([`package::sniff`]), falling back to the
/// one chosen by name for text and HTML.
struct AutoFilter {
    by_name: Box<dyn Filter>,
    options: Options,
}

impl AutoFilter {
    /// The filter that writes `doc` back: the package's, else the one by name.
    fn writer(&self, doc: &Document) -> Box<dyn Filter> {
        let comments = self.options.comments;
        match doc.package_info().map(|p| p.format) {
            Some("docx") => Box::new(DocxFilter { comments }),
            Some("odt") => Box::new(OdtFilter { comments }),
            _ => by_name("", Kind::Text),
        }
    }
}

impl Filter for AutoFilter {
    fn name(&self) -> &'static str {
        self.by_name.name()
    }

    fn extract(&self, bytes: &[u8]) -> Result<Document, FilterError> {
        match package::sniff(bytes)? {
            package::Sniffed::Docx => DocxFilter { comments: self.options.comments }.extract(bytes),
            package::Sniffed::Odt => OdtFilter { comments: self.options.comments }.extract(bytes),
            package::Sniffed::NotPackage => self.by_name.extract(bytes),
        }
    }

    fn extract_owned(&self, bytes: Vec<u8>) -> Result<Document, FilterError> {
        match package::sniff(&bytes)? {
            package::Sniffed::NotPackage => self.by_name.extract_owned(bytes),
            _ => self.extract(&bytes),
        }
    }

    fn merge(&self, doc: &Document, fills: &[Fill]) -> Result<Vec<u8>, FilterError> {
        if doc.package().is_some() {
            return self.writer(doc).merge(doc, fills);
        }
        self.by_name.merge(doc, fills)
    }

    fn merge_to_language(&self, doc: &Document, fills: &[Fill], lang: &str) -> Result<Vec<u8>, FilterError> {
        if doc.package().is_some() {
            return self.writer(doc).merge_to_language(doc, fills, lang);
        }
        self.by_name.merge_to_language(doc, fills, lang)
    }
}

fn by_name(name: &str, kind: Kind) -> Box<dyn Filter> {
    let html = match kind {
        Kind::Html => true,
        Kind::Text => false,
        Kind::Auto => {
            let ext =
                std::path::Path::new(name).extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase();
            ext == "html" || ext == "htm"
        }
    };
    if html {
        Box::new(HtmlFilter)
    } else {
        Box::new(TextFilter)
    }
}
