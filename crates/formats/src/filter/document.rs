//! A document as the filters give it: its text, where each byte of that
//! text came from in the file, and the inline codes around the text.
//!
//! Plain text is never rewritten: paragraphs (and later segments) are byte
//! ranges into [`Document::text`], which is the input minus a UTF-8 BOM, so
//! [`Document::line_col`] can point a user at the exact place in the file.
//! A marked-up document (HTML) holds the text of the page and maps every
//! byte of it back to the raw file ([`Document::file_range`]); its inline
//! elements (`<b>`, `<a href>`, `<br>`) are [`TagCode`]s anchored at a text
//! offset, so a segment's [`Document::content`] is its text with those codes
//! beside it, and the raw bytes a segment covers ([`Document::source_range`])
//! include the markup inside and around it.

use memoria_core::content::{CodeKind, Content, Inline, InlineCode};
use std::ops::Range;

/// Errors while turning bytes into a document.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum DocumentError {
    /// The bytes are not UTF-8; `line`/`column` (1-based, column in
    /// characters) locate the first invalid byte, `offset` is its byte offset.
    #[error("line {line}, column {column}: invalid UTF-8 (byte offset {offset}); expected UTF-8 text")]
    InvalidUtf8 { line: usize, column: usize, offset: usize },
    /// The page is too large for the HTML filter's map (4 GiB or more).
    #[error("the page is {len} bytes; the HTML filter reads pages under 4 GiB")]
    TooLarge { len: usize },
    /// The bytes start with a UTF-16 byte-order mark (what Windows Notepad
    /// saves as "Unicode"): memoria reads releases as UTF-8 only, since
    /// segment offsets are byte offsets into the file.
    #[error(
        "line 1, column 1: the file is UTF-16 ({endian}, byte-order mark FF FE or FE FF); expected UTF-8 text \
         (convert it, e.g. `iconv -f UTF-16 -t UTF-8`)"
    )]
    Utf16 { endian: &'static str },
    /// The bytes are UTF-16 without a byte-order mark: most characters
    /// have a zero byte (ASCII and Latin letters in UTF-16), all on the odd
    /// byte offsets (little-endian) or all on the even ones (big-endian).
    /// Read as UTF-8 this would be text full of NULs.
    #[error(
        "line 1, column 1: the file looks like UTF-16 ({endian}) without a byte-order mark (every other byte is 0); \
         expected UTF-8 text (convert it, e.g. `iconv -f {iconv} -t UTF-8`)"
    )]
    Utf16WithoutBom { endian: &'static str, iconv: &'static str },
}

/// Whether `bytes` look like BOM-less UTF-16 (endianness and its iconv
/// name): in the first 4 KiB, at least a quarter of the bytes are 0 and
/// they all fall on one parity of offset. UTF-8 text has no 0 byte.
fn utf16_without_bom(bytes: &[u8]) -> Option<(&'static str, &'static str)> {
    let head = &bytes[..bytes.len().min(4096)];
    let (mut even, mut odd) = (0usize, 0usize);
    for (i, &b) in head.iter().enumerate() {
        if b == 0 {
            if i % 2 == 0 {
                even += 1;
            } else {
                odd += 1;
            }
        }
    }
    if head.len() < 2 || (even + odd) * 4 < head.len() {
        return None;
    }
    match (even, odd) {
        (0, _) => Some(("little-endian", "UTF-16LE")),
        (_, 0) => Some(("big-endian", "UTF-16BE")),
        _ => None,
    }
}

/// What an inline code of a document does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TagRole {
    /// Opens a span (`<b>`); its [`TagCode::pair`] closes it.
    Open,
    /// Closes the span of the same [`TagCode::pair`] (`</b>`).
    Close,
    /// Stands alone (`<br>`, `<img>`), or a close whose open is missing.
    Standalone,
}

/// An inline element of a marked-up document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TagCode {
    /// Byte offset in [`Document::text`] where the element stands.
    pub at: usize,
    /// The element's bytes in the raw file (BOM removed).
    pub raw: Range<usize>,
    pub role: TagRole,
    /// Number shared by an open and its close (1-based, per document).
    pub pair: u32,
    /// The element name, lower-cased (`b`, `a`, `br`).
    /// (One of the filter's element names: no allocation per code.)
    pub name: &'static str,
}

/// A marked-up source: the raw file and where each byte of the text came from.
#[derive(Clone, Debug, Default)]
pub struct SourceMap {
    /// The raw file as read (BOM removed, markup kept).
    pub raw: String,
    /// The raw bytes that produced each byte of the text.
    pub bytes: ByteMap,
    /// Inline elements in document order.
    pub codes: Vec<TagCode>,
}

/// Where each byte of an extracted text came from in the raw file: for text
/// byte `i`, the raw bytes of the character or entity that produced the
/// character holding it ([`ByteMap::start`], [`ByteMap::end`]).
///
/// Kept as runs, not two offsets per byte (16 bytes for every byte of the
/// text: 800 MB for a 50 MB page): characters copied one after the other
/// from the raw file (most of a page's text) are one run, found again from
/// the text's own character boundaries; an entity, a replaced character or
/// an added line break is a run whose bytes all map to one raw span.
#[derive(Clone, Debug, Default)]
pub struct ByteMap {
    runs: Vec<Run>,
    len: usize,
}

/// Text bytes from `at` on: copied from the raw bytes from `raw` on
/// (`end == COPIED`), or all produced by the raw bytes `raw..end`. Offsets
/// of 32 bits: the HTML filter refuses a page of 4 GiB or more.
#[derive(Clone, Copy, Debug)]
struct Run {
    at: u32,
    raw: u32,
    end: u32,
}

const COPIED: u32 = u32::MAX;

/// The largest text or raw file a [`ByteMap`] maps (its offsets are 32 bits).
pub const MAX_MAPPED: usize = u32::MAX as usize - 1;

impl ByteMap {
    /// Appends a character of `len` text bytes produced by raw bytes
    /// `raw_start..raw_end` (every byte of it maps to that span).
    /// Offsets must stay below [`MAX_MAPPED`].
    pub fn push(&mut self, len: usize, raw_start: usize, raw_end: usize) {
        debug_assert!(self.len + len <= MAX_MAPPED && raw_end <= MAX_MAPPED);
        let (at, raw_start, raw_end) = (self.len as u32, raw_start as u32, raw_end as u32);
        self.len += len;
        let copied = raw_end == raw_start + len as u32 && len > 0;
        if let Some(last) = self.runs.last() {
            let extends = if copied {
                last.end == COPIED && at - last.at == raw_start.wrapping_sub(last.raw)
            } else {
                last.end == raw_end && last.raw == raw_start
            };
            if extends {
                return;
            }
        }
        self.runs.push(Run { at, raw: raw_start, end: if copied { COPIED } else { raw_end } });
    }

    /// Number of text bytes mapped.
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether no text byte is mapped.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The raw span of the character holding byte `i` of `text` (the text
    /// this map was built with); `None` past its end.
    pub fn span(&self, text: &str, i: usize) -> Option<Range<usize>> {
        if i >= self.len {
            return None;
        }
        let run = self.runs[self.runs.partition_point(|r| r.at as usize <= i) - 1];
        if run.end != COPIED {
            return Some(run.raw as usize..run.end as usize);
        }
        let mut cs = i;
        while cs > 0 && !text.is_char_boundary(cs) {
            cs -= 1;
        }
        let len = text[cs..].chars().next().map_or(1, char::len_utf8);
        let start = cs - run.at as usize + run.raw as usize;
        Some(start..start + len)
    }

    /// Where the raw bytes of text byte `i` start.
    pub fn start(&self, text: &str, i: usize) -> Option<usize> {
        self.span(text, i).map(|r| r.start)
    }

    /// Where the raw bytes of text byte `i` end.
    pub fn end(&self, text: &str, i: usize) -> Option<usize> {
        self.span(text, i).map(|r| r.end)
    }

    /// Heap bytes the map holds (for tests of its size).
    pub fn heap_bytes(&self) -> usize {
        self.runs.capacity() * std::mem::size_of::<Run>()
    }
}

/// A document's text, with where it came from.
#[derive(Clone, Debug)]
pub struct Document {
    /// The text to segment (UTF-8 BOM removed; for HTML the page's text).
    pub text: String,
    /// Length in bytes of the BOM that preceded the text in the file (0 or 3).
    pub bom_len: usize,
    /// Marked-up documents only: the raw file, byte map and inline codes.
    source: Option<Box<SourceMap>>,
    /// Packaged documents only (DOCX, ODT): the package as read, which a
    /// merge copies its untouched entries from (the map's `raw` is then the
    /// text of the parts that hold text), and where each paragraph is.
    package: Option<Box<PackageInfo>>,
}

/// What a document read from a package (DOCX, ODT) keeps beside its text.
#[derive(Clone, Debug)]
pub struct PackageInfo {
    /// The package's bytes as read.
    pub bytes: std::sync::Arc<[u8]>,
    /// The filter that read it (`docx`, `odt`), which writes it back.
    pub format: &'static str,
    /// Whether comments were read as text (`--comments`); a merge reads the
    /// package again the same way.
    pub comments: bool,
    /// The names of the parts that hold text, in reading order.
    pub parts: Vec<String>,
    /// Where each part's XML starts in the source map's `raw` (the parts'
    /// text one after the other).
    pub part_starts: Vec<usize>,
    /// Where each paragraph of the text starts: its first byte in
    /// [`Document::text`], its part (an index of `parts`) and its number
    /// in that part (1-based, paragraph elements counted in the order their
    /// start tags appear, empty ones included). Sorted by the first byte.
    pub places: Vec<(usize, u32, u32)>,
    /// What the reader wants the user told (tracked changes read as
    /// accepted, comments left out), one sentence each.
    pub notices: Vec<String>,
}

/// Where a piece of a packaged document's text is: the part and the
/// paragraph in it ([`PackageInfo::places`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Place<'a> {
    /// The part's name in the package (`word/document.xml`, `content.xml`).
    pub part: &'a str,
    /// The paragraph's number in the part, 1-based.
    pub paragraph: usize,
}

impl std::fmt::Display for Place<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}, paragraph {}", self.part, self.paragraph)
    }
}

impl Document {
    /// Reads UTF-8 bytes (with or without BOM) as plain text. Errors:
    /// [`DocumentError::Utf16`] for bytes starting with a UTF-16 BOM, else
    /// [`DocumentError::InvalidUtf8`].
    pub fn from_bytes(bytes: &[u8]) -> Result<Document, DocumentError> {
        Document::check(bytes)?;
        let bom_len = if bytes.starts_with(b"\xEF\xBB\xBF") { 3 } else { 0 };
        Ok(Document {
            text: std::str::from_utf8(&bytes[bom_len..]).unwrap_or_default().to_string(),
            bom_len,
            source: None,
            package: None,
        })
    }

    /// [`Document::from_bytes`] keeping `bytes` as the text (no copy).
    pub fn from_vec(mut bytes: Vec<u8>) -> Result<Document, DocumentError> {
        Document::check(&bytes)?;
        let bom_len = if bytes.starts_with(b"\xEF\xBB\xBF") { 3 } else { 0 };
        bytes.drain(..bom_len);
        let text =
            String::from_utf8(bytes).map_err(|_| DocumentError::InvalidUtf8 { line: 0, column: 0, offset: 0 })?;
        Ok(Document { text, bom_len, source: None, package: None })
    }

    /// The errors of [`Document::from_bytes`]: UTF-16, or not UTF-8.
    fn check(bytes: &[u8]) -> Result<(), DocumentError> {
        let bom_len = if bytes.starts_with(b"\xEF\xBB\xBF") { 3 } else { 0 };
        if bytes.starts_with(b"\xFF\xFE") {
            return Err(DocumentError::Utf16 { endian: "little-endian" });
        }
        if bytes.starts_with(b"\xFE\xFF") {
            return Err(DocumentError::Utf16 { endian: "big-endian" });
        }
        if let Some((endian, iconv)) = utf16_without_bom(bytes) {
            return Err(DocumentError::Utf16WithoutBom { endian, iconv });
        }
        let body = &bytes[bom_len..];
        match simdutf8::basic::from_utf8(body) {
            Ok(_) => Ok(()),
            Err(_) => {
                let e = std::str::from_utf8(body).expect_err("simdutf8 found invalid UTF-8");
                let offset = e.valid_up_to();
                let valid = std::str::from_utf8(&body[..offset]).unwrap_or_default();
                let (line, column) = memoria_core::location::line_col(valid, offset);
                Err(DocumentError::InvalidUtf8 { line, column, offset: offset + bom_len })
            }
        }
    }

    /// A plain-text document over text already in memory. (Bytes are
    /// checked by [`Document::from_bytes`].)
    pub fn from_text(text: &str) -> Document {
        let t = text.strip_prefix('\u{FEFF}').unwrap_or(text);
        Document { text: t.to_string(), bom_len: text.len() - t.len(), source: None, package: None }
    }

    /// A marked-up document: `text` extracted from `map.raw`, `map.bytes`
    /// mapping every byte of `text`.
    pub fn marked_up(text: String, bom_len: usize, map: SourceMap) -> Document {
        debug_assert_eq!(map.bytes.len(), text.len());
        Document { text, bom_len, source: Some(Box::new(map)), package: None }
    }

    /// The same document, remembering the package (zip) it was read from.
    pub fn with_package(mut self, info: PackageInfo) -> Document {
        self.package = Some(Box::new(info));
        self
    }

    /// The package's bytes, for a document read from one (DOCX, ODT).
    pub fn package(&self) -> Option<&[u8]> {
        self.package.as_ref().map(|p| &*p.bytes)
    }

    /// What a document read from a package keeps: format, parts, places, notices.
    pub fn package_info(&self) -> Option<&PackageInfo> {
        self.package.as_deref()
    }

    /// The part and paragraph where byte `offset` of the text is, for a
    /// document read from a package; `None` for text and HTML (whose
    /// places are [`Document::line_col`]).
    pub fn place(&self, offset: usize) -> Option<Place<'_>> {
        let info = self.package.as_deref()?;
        let i = info.places.partition_point(|p| p.0 <= offset).checked_sub(1)?;
        let (_, part, n) = info.places[i];
        Some(Place { part: info.parts.get(part as usize)?.as_str(), paragraph: n as usize })
    }

    /// The raw file, byte map and codes of a marked-up document.
    pub fn source_map(&self) -> Option<&SourceMap> {
        self.source.as_deref()
    }

    /// The bytes of the file (BOM included in the count) that `range` of
    /// [`Document::text`] came from. For plain text that is `range` shifted
    /// by the BOM; for marked-up text it runs from the first to the last raw
    /// character or entity of the range, so inline tags inside it are included.
    pub fn file_range(&self, range: Range<usize>) -> Range<usize> {
        match &self.source {
            None => range.start + self.bom_len..range.end + self.bom_len,
            Some(h) if range.start < range.end && range.end <= h.bytes.len() => {
                let start = h.bytes.start(&self.text, range.start).unwrap_or(h.raw.len());
                let end = h.bytes.end(&self.text, range.end - 1).unwrap_or(h.raw.len());
                start + self.bom_len..end + self.bom_len
            }
            Some(h) => {
                let at = h.bytes.start(&self.text, range.start).unwrap_or(h.raw.len()) + self.bom_len;
                at..at
            }
        }
    }

    /// 1-based line and column (in characters) in the file of byte `offset`
    /// of [`Document::text`]; for a packaged document, in the XML of the
    /// part holding it ([`Document::place`]).
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        match &self.source {
            None => memoria_core::location::line_col(&self.text, offset),
            Some(h) => {
                let at = h.bytes.start(&self.text, offset).unwrap_or(h.raw.len());
                // A package's parts are one after the other in `raw`: the line in the part.
                let from = self.package.as_ref().map_or(0, |p| {
                    let i = p.part_starts.partition_point(|&s| s <= at);
                    i.checked_sub(1).map_or(0, |i| p.part_starts[i])
                });
                memoria_core::location::line_col(&h.raw[from..], at - from)
            }
        }
    }

    /// The inline codes that belong to `range` of the text: those standing
    /// inside it, an open at its start and a close at its end (never an open
    /// at its end or a close at its start, which belong to the neighbours).
    pub fn codes_in(&self, range: Range<usize>) -> &[TagCode] {
        let Some(h) = &self.source else { return &[] };
        let first = h.codes.partition_point(|c| c.at < range.start);
        let first =
            first + h.codes[first..].iter().take_while(|c| c.at == range.start && c.role == TagRole::Close).count();
        let mut last = h.codes.partition_point(|c| c.at <= range.end);
        while last > first && h.codes[last - 1].at == range.end && h.codes[last - 1].role == TagRole::Open {
            last -= 1;
        }
        &h.codes[first..last.max(first)]
    }

    /// The content of `range` of the text: its text with the document's
    /// inline codes in place ([`Document::codes_in`]). A code whose partner
    /// lies outside the range is an isolated code (`it`, `pos` begin/end).
    /// Codes are TMX-style: `bpt`/`ept` with `i` (the pair), `ph`/`it` with
    /// `x`, each holding the element's raw markup as native data and a
    /// `type` (`bold`, `italic`, `link`, `lb`, `image`, else `x-NAME`).
    pub fn content(&self, range: Range<usize>) -> Content {
        let codes = self.codes_in(range.clone());
        let Some(h) = &self.source else { return Content::from_text(&self.text[range]) };
        if codes.is_empty() {
            return Content::from_text(&self.text[range]);
        }
        let mut items = Vec::new();
        let mut at = range.start;
        let open: Vec<u32> = codes.iter().filter(|c| c.role == TagRole::Open).map(|c| c.pair).collect();
        let closed: Vec<u32> = codes.iter().filter(|c| c.role == TagRole::Close).map(|c| c.pair).collect();
        for (n, c) in codes.iter().enumerate() {
            if c.at > at {
                items.push(Inline::Text(self.text[at..c.at].to_string()));
                at = c.at;
            }
            let native = h.raw[c.raw.clone()].to_string();
            let ty = code_type(c.name);
            let (kind, attrs) = match c.role {
                TagRole::Open if closed.contains(&c.pair) => (CodeKind::Bpt, vec![("i", c.pair.to_string())]),
                TagRole::Close if open.contains(&c.pair) => (CodeKind::Ept, vec![("i", c.pair.to_string())]),
                TagRole::Open => (CodeKind::It, vec![("x", (n + 1).to_string()), ("pos", "begin".into())]),
                TagRole::Close => (CodeKind::It, vec![("x", (n + 1).to_string()), ("pos", "end".into())]),
                TagRole::Standalone => (CodeKind::Ph, vec![("x", (n + 1).to_string())]),
            };
            let mut attrs: Vec<(String, String)> = attrs.into_iter().map(|(k, v)| (k.to_string(), v)).collect();
            if kind != CodeKind::Ept {
                attrs.push(("type".into(), ty));
            }
            items.push(Inline::Code(InlineCode { kind, attrs, content: vec![Inline::Text(native)] }));
        }
        if range.end > at {
            items.push(Inline::Text(self.text[at..range.end].to_string()));
        }
        Content { items }
    }

    /// The raw bytes (BOM excluded) that `range` of the text and its codes
    /// ([`Document::codes_in`]) occupy: what a merge replaces. Plain text:
    /// the range itself.
    pub fn source_range(&self, range: Range<usize>) -> Range<usize> {
        let r = self.file_range(range.clone());
        let (mut start, mut end) = (r.start - self.bom_len, r.end - self.bom_len);
        for c in self.codes_in(range) {
            start = start.min(c.raw.start);
            end = end.max(c.raw.end);
        }
        start..end
    }
}

/// The TMX `type` of an HTML element's code (TMX 1.4b §3.4 values where
/// one fits, else `x-` and the name).
fn code_type(name: &str) -> String {
    match name {
        "b" | "strong" => "bold".into(),
        "i" | "em" | "cite" | "var" | "dfn" => "italic".into(),
        "u" | "ins" => "ulined".into(),
        "a" => "link".into(),
        "br" => "lb".into(),
        "img" => "image".into(),
        "sup" => "super".into(),
        "sub" => "sub".into(),
        "s" | "del" | "strike" => "struck".into(),
        other => format!("x-{other}"),
    }
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
    fn utf16_without_bom_is_recognised_and_refused_by_name() {
        let le: Vec<u8> = "El proyecto Debian.\n".encode_utf16_bytes(false);
        let be: Vec<u8> = "El proyecto Debian.\n".encode_utf16_bytes(true);
        let e = Document::from_bytes(&le).unwrap_err();
        assert_eq!(e, DocumentError::Utf16WithoutBom { endian: "little-endian", iconv: "UTF-16LE" });
        assert!(e.to_string().contains("UTF-16 (little-endian) without a byte-order mark"), "{e}");
        assert_eq!(
            Document::from_bytes(&be).unwrap_err(),
            DocumentError::Utf16WithoutBom { endian: "big-endian", iconv: "UTF-16BE" }
        );
        assert!(Document::from_bytes("año\n".as_bytes()).is_ok());
    }

    trait Utf16Bytes {
        fn encode_utf16_bytes(&self, big: bool) -> Vec<u8>;
    }
    impl Utf16Bytes for str {
        fn encode_utf16_bytes(&self, big: bool) -> Vec<u8> {
            self.encode_utf16().flat_map(|u| if big { u.to_be_bytes() } else { u.to_le_bytes() }).collect()
        }
    }

    #[test]
    fn invalid_utf8_is_located() {
        let e = Document::from_bytes(b"ok\nca\xF1a").unwrap_err();
        assert_eq!(e, DocumentError::InvalidUtf8 { line: 2, column: 3, offset: 5 });
    }
}
