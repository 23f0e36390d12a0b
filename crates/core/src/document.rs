//! Documents: the text of a release and its paragraphs, with byte offsets.
//!
//! A [`Document`] is built from the bytes of a file the caller has read. It
//! never rewrites the text: paragraphs (and later segments) are byte ranges
//! into [`Document::text`], which is the input minus a UTF-8 BOM, so
//! [`Document::line_col`] can point a user at the exact place in the file.

use std::ops::Range;

/// Errors while turning bytes into a document.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum DocumentError {
    /// The bytes are not UTF-8; `line`/`column` (1-based, column in
    /// characters) locate the first invalid byte, `offset` is its byte offset.
    #[error("line {line}, column {column}: invalid UTF-8 (byte offset {offset}); expected UTF-8 text")]
    InvalidUtf8 { line: usize, column: usize, offset: usize },
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
    /// add it to an offset of `text` to get a file offset.
    pub bom_len: usize,
}

impl Document {
    /// Reads UTF-8 bytes (with or without BOM).
    pub fn from_bytes(bytes: &[u8]) -> Result<Document, DocumentError> {
        let bom_len = if bytes.starts_with(b"\xEF\xBB\xBF") { 3 } else { 0 };
        let body = &bytes[bom_len..];
        match std::str::from_utf8(body) {
            Ok(s) => Ok(Document { text: s.to_string(), bom_len }),
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
        Document { text: t.to_string(), bom_len: text.len() - t.len() }
    }

    /// 1-based line and column (in characters) of byte offset `offset` of
    /// [`Document::text`].
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        line_col(&self.text, offset)
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
    fn column_counts_characters() {
        assert_eq!(line_col("añb", 3), (1, 3));
    }
}
