//! Documents: the text of a release and its paragraphs, with byte offsets.
//!
//! A [`Document`] is built from the bytes of a file the caller has read. It
//! never rewrites plain text: paragraphs (and later segments) are byte ranges
//! into [`Document::text`], which is the input minus a UTF-8 BOM, so
//! [`Document::line_col`] can point a user at the exact place in the file.
//! An HTML document ([`Document::from_html`]) holds the text of the page
//! (see [`crate::segment::html`]) and maps every byte of it back to the raw
//! file: [`Document::file_range`] gives the file's bytes for a segment.

use std::ops::Range;

/// Errors while turning bytes into a document.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum DocumentError {
    /// The bytes are not UTF-8; `line`/`column` (1-based, column in
    /// characters) locate the first invalid byte, `offset` is its byte offset.
    #[error("line {line}, column {column}: invalid UTF-8 (byte offset {offset}); expected UTF-8 text")]
    InvalidUtf8 { line: usize, column: usize, offset: usize },
    /// The bytes start with a UTF-16 byte-order mark (what Windows Notepad
    /// saves as "Unicode"): memoria reads releases as UTF-8 only, since
    /// segment offsets are byte offsets into the file.
    #[error(
        "line 1, column 1: the file is UTF-16 ({endian}, byte-order mark FF FE or FE FF); expected UTF-8 text \
         (convert it, e.g. `iconv -f UTF-16 -t UTF-8`)"
    )]
    Utf16 { endian: &'static str },
}

/// A paragraph: a byte range of [`Document::text`] holding text (no blank
/// line inside). Its sentences are found by the segmenter.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Paragraph {
    pub range: Range<usize>,
}

/// A plain-text document.
#[derive(Clone, Debug)]
pub struct Document {
    /// The input text (UTF-8 BOM removed, nothing else changed).
    pub text: String,
    /// Length in bytes of the BOM that preceded `text` in the file (0 or 3);
    /// for plain text, add it to an offset of `text` to get a file offset
    /// (or use [`Document::file_range`], which also handles HTML).
    pub bom_len: usize,
    /// HTML only: the raw file (BOM removed) and where each byte of `text`
    /// came from.
    html: Option<Box<HtmlSource>>,
}

#[derive(Clone, Debug)]
struct HtmlSource {
    raw: String,
    map: crate::segment::html::Extracted,
}

impl Document {
    /// Reads UTF-8 bytes (with or without BOM). Errors: [`DocumentError::Utf16`]
    /// for bytes starting with a UTF-16 BOM, else [`DocumentError::InvalidUtf8`].
    pub fn from_bytes(bytes: &[u8]) -> Result<Document, DocumentError> {
        let bom_len = if bytes.starts_with(b"\xEF\xBB\xBF") { 3 } else { 0 };
        if bytes.starts_with(b"\xFF\xFE") {
            return Err(DocumentError::Utf16 { endian: "little-endian" });
        }
        if bytes.starts_with(b"\xFE\xFF") {
            return Err(DocumentError::Utf16 { endian: "big-endian" });
        }
        let body = &bytes[bom_len..];
        match std::str::from_utf8(body) {
            Ok(s) => Ok(Document { text: s.to_string(), bom_len, html: None }),
            Err(e) => {
                let offset = e.valid_up_to();
                let valid = std::str::from_utf8(&body[..offset]).unwrap_or_default();
                let (line, column) = line_col(valid, offset);
                Err(DocumentError::InvalidUtf8 { line, column, offset: offset + bom_len })
            }
        }
    }

    /// A document over text already in memory.
    pub fn from_text(text: &str) -> Document {
        let t = text.strip_prefix('\u{FEFF}').unwrap_or(text);
        Document { text: t.to_string(), bom_len: text.len() - t.len(), html: None }
    }

    /// Reads an HTML file's UTF-8 bytes (with or without BOM): `text` becomes
    /// the page's text, one paragraph per block element (blank lines between
    /// them), entities decoded. Errors as [`Document::from_bytes`].
    pub fn from_html(bytes: &[u8]) -> Result<Document, DocumentError> {
        let plain = Document::from_bytes(bytes)?;
        let map = crate::segment::html::extract(&plain.text);
        Ok(Document {
            text: map.text.clone(),
            bom_len: plain.bom_len,
            html: Some(Box::new(HtmlSource { raw: plain.text, map })),
        })
    }

    /// Whether the document was read from HTML.
    pub fn is_html(&self) -> bool {
        self.html.is_some()
    }

    /// HTML only: the raw file as read (BOM removed, markup kept), into
    /// which [`Document::file_range`] minus [`Document::bom_len`] indexes.
    pub fn html_source(&self) -> Option<&str> {
        self.html.as_deref().map(|h| h.raw.as_str())
    }

    /// The bytes of the file (BOM included in the count) that `range` of
    /// [`Document::text`] came from. For plain text that is `range` shifted
    /// by the BOM; for HTML it runs from the first to the last raw character
    /// or entity of the range, so inline tags inside it are included.
    pub fn file_range(&self, range: Range<usize>) -> Range<usize> {
        match &self.html {
            None => range.start + self.bom_len..range.end + self.bom_len,
            Some(h) if range.start < range.end && range.end <= h.map.starts.len() => {
                h.map.starts[range.start] + self.bom_len..h.map.ends[range.end - 1] + self.bom_len
            }
            Some(h) => {
                let at = h.map.starts.get(range.start).copied().unwrap_or(h.raw.len()) + self.bom_len;
                at..at
            }
        }
    }

    /// 1-based line and column (in characters) in the file of byte offset
    /// `offset` of [`Document::text`].
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        match &self.html {
            None => line_col(&self.text, offset),
            Some(h) => line_col(&h.raw, h.map.starts.get(offset).copied().unwrap_or(h.raw.len())),
        }
    }
}

/// 1-based line and column (counted in characters) of byte `offset` in `text`.
/// `\r\n` and `\n` end lines.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = &text.as_bytes()[..offset];
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let line_start = before.iter().rposition(|&b| b == b'\n').map_or(0, |p| p + 1);
    let column = text[line_start..offset].chars().count() + 1;
    (line, column)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf16_with_a_bom_is_named_as_such() {
        let e = Document::from_bytes(b"\xFF\xFEH\x00o\x00").unwrap_err();
        assert_eq!(e, DocumentError::Utf16 { endian: "little-endian" });
        assert!(e.to_string().contains("the file is UTF-16 (little-endian"), "{e}");
        let e = Document::from_bytes(b"\xFE\xFF\x00H").unwrap_err();
        assert_eq!(e, DocumentError::Utf16 { endian: "big-endian" });
    }

    #[test]
    fn bom_is_skipped_and_counted() {
        let d = Document::from_bytes(b"\xEF\xBB\xBFHola.\nAdi\xC3\xB3s.").unwrap();
        assert_eq!(d.text, "Hola.\nAdiós.");
        assert_eq!(d.bom_len, 3);
        assert_eq!(d.line_col(6), (2, 1));
    }

    #[test]
    fn invalid_utf8_is_located() {
        let e = Document::from_bytes(b"ok\nca\xF1a").unwrap_err();
        assert_eq!(e, DocumentError::InvalidUtf8 { line: 2, column: 3, offset: 5 });
    }

    #[test]
    fn html_text_maps_back_to_file_bytes() {
        let raw = "\u{FEFF}<p>Hola.</p>\n<p>El <b>Sr.</b> P&eacute;rez.</p>";
        let d = Document::from_html(raw.as_bytes()).unwrap();
        assert!(d.is_html());
        let at = d.text.find("El").unwrap();
        let r = d.file_range(at..d.text.len());
        assert_eq!(&raw.as_bytes()[r], "El <b>Sr.</b> P&eacute;rez.".as_bytes());
        assert_eq!(d.line_col(at), (2, 4));
    }

    #[test]
    fn column_counts_characters() {
        assert_eq!(line_col("añb", 3), (1, 3));
    }
}
