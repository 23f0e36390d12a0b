//! Office packages (zip) read within limits, and what a file is by its
//! first bytes.
//!
//! A Word file (Office Open XML, ECMA-376 Part 2 "Open Packaging
//! Conventions") and an OpenDocument file (ODF 1.2 Part 3 "Packages") are
//! zip archives of XML parts. [`sniff`] tells them from what memoria does
//! not read (a legacy `.doc` or an encrypted Word file, both OLE compound
//! files; a PDF; a spreadsheet or a presentation) by content, never by the
//! name. [`Package`] opens the zip with the `zip` crate and refuses what
//! would exhaust memory or escape a folder: more than [`MAX_ENTRIES`]
//! entries, an entry declaring or inflating to more than [`MAX_PART_BYTES`]
//! uncompressed, more than [`MAX_TOTAL_BYTES`] read from one package, an
//! entry name that is absolute or climbs out with `..`.

use super::FilterError;
use std::io::{Cursor, Read, Write};
use zip::ZipArchive;

/// Most entries a package may hold (a Word file has a few dozen).
pub const MAX_ENTRIES: usize = 10_000;
/// Most uncompressed bytes of one part, declared or actual: 64 MiB.
pub const MAX_PART_BYTES: u64 = 64 << 20;
/// Most uncompressed bytes read from one package, all parts together: 256 MiB.
pub const MAX_TOTAL_BYTES: u64 = 256 << 20;
/// Most paragraphs nested in one another (a text box or note inside a
/// paragraph inside a text box…): the filters read nested paragraphs
/// recursively, so a part nesting deeper is refused rather than let it
/// exhaust the stack. Real documents nest two or three.
pub const MAX_NESTING: usize = 32;

/// What the bytes of a release are, for the formats memoria reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sniffed {
    /// A WordprocessingML package (`.docx`, `.docm`, `.dotx`, `.dotm`).
    Docx,
    /// An OpenDocument text package (`.odt`).
    Odt,
    /// Not a package: text or HTML, read by name.
    NotPackage,
}

const OLE_MAGIC: &[u8] = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";
const ODT_MIME: &str = "application/vnd.oasis.opendocument.text";

/// Tells what `bytes` are. A package or file memoria does not read is an
/// [`FilterError::Unsupported`] saying what it is; a zip that is broken or
/// hostile is a [`FilterError::Package`].
pub fn sniff(bytes: &[u8]) -> Result<Sniffed, FilterError> {
    let unsupported = |what: &str| Err(FilterError::Unsupported { what: what.to_string() });
    if bytes.starts_with(OLE_MAGIC) {
        // MS-OFFCRYPTO §2.3.4.4: an encrypted OOXML file is an OLE compound
        // file with streams "EncryptionInfo" and "EncryptedPackage"; the
        // names are stored in UTF-16LE in its directory.
        let name: Vec<u8> = "EncryptedPackage".encode_utf16().flat_map(u16::to_le_bytes).collect();
        if memchr::memmem::find(bytes, &name).is_some() {
            return unsupported("a password-protected (encrypted) Word or Office file; save it without a password");
        }
        return unsupported("a legacy Word 97-2003 document (.doc, an OLE compound file); save it as .docx");
    }
    if bytes.starts_with(b"%PDF-") {
        return unsupported("a PDF document");
    }
    if let Some(format) = crate::sniff::image_format(bytes) {
        return unsupported(&format!("a {format} image"));
    }
    if !(bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06")) {
        return Ok(Sniffed::NotPackage);
    }
    let mut p = Package::open(bytes)?;
    if p.has("mimetype") {
        let mime = p.read("mimetype")?.unwrap_or_default();
        let mime = mime.trim();
        if mime == ODT_MIME {
            return Ok(Sniffed::Odt);
        }
        return unsupported(&format!("an OpenDocument package of type {mime:?} (not a text document)"));
    }
    if p.has("[Content_Types].xml") {
        if p.has("word/document.xml") {
            return Ok(Sniffed::Docx);
        }
        if p.has("xl/workbook.xml") {
            return unsupported("an Excel workbook (.xlsx)");
        }
        if p.has("ppt/presentation.xml") {
            return unsupported("a PowerPoint presentation (.pptx)");
        }
        return Err(FilterError::Package {
            part: "word/document.xml".into(),
            problem: "missing; expected the main document part of a Word package (the zip has [Content_Types].xml but \
                      no word/document.xml)"
                .into(),
        });
    }
    unsupported("a zip archive that is neither a Word (.docx) nor an OpenDocument text (.odt) package")
}

/// An open package: its zip directory checked against the limits.
pub struct Package<'a> {
    zip: ZipArchive<Cursor<&'a [u8]>>,
    read_total: u64,
}

impl<'a> Package<'a> {
    /// Opens the zip in `bytes` and checks every entry's name and declared
    /// size. Errors name the entry (or "the zip directory") and the limit.
    pub fn open(bytes: &'a [u8]) -> Result<Package<'a>, FilterError> {
        let mut zip = ZipArchive::new(Cursor::new(bytes)).map_err(|e| FilterError::Package {
            part: "the zip directory".into(),
            problem: format!("{e}; expected a complete zip archive (is the file truncated?)"),
        })?;
        if zip.len() > MAX_ENTRIES {
            return Err(FilterError::Package {
                part: "the zip directory".into(),
                problem: format!("{} entries, more than the limit of {MAX_ENTRIES}", zip.len()),
            });
        }
        for i in 0..zip.len() {
            let f = zip.by_index_raw(i).map_err(|e| FilterError::Package {
                part: format!("entry {i}"),
                problem: format!("{e}; expected a readable zip entry"),
            })?;
            let name = f.name().to_string();
            let bad = name.starts_with('/')
                || name.starts_with('\\')
                || name.contains(':')
                || name.split(['/', '\\']).any(|c| c == "..")
                || f.enclosed_name().is_none();
            if bad {
                return Err(FilterError::Package {
                    part: name,
                    problem: "entry name is absolute or climbs out of the package with \"..\"; expected a relative \
                              part name (ECMA-376 Part 2 §6.2.2)"
                        .into(),
                });
            }
            if f.size() > MAX_PART_BYTES {
                return Err(FilterError::Package {
                    part: name,
                    problem: format!(
                        "declares {} bytes uncompressed, more than the limit of {} MiB per part (a zip bomb?)",
                        f.size(),
                        MAX_PART_BYTES >> 20
                    ),
                });
            }
        }
        Ok(Package { zip, read_total: 0 })
    }

    /// Whether the package holds an entry named `name`.
    pub fn has(&self, name: &str) -> bool {
        self.zip.index_for_name(name).is_some()
    }

    /// The entries' names in the zip's order.
    pub fn names(&self) -> Vec<String> {
        self.zip.file_names().map(str::to_string).collect()
    }

    /// The text of part `name` (UTF-8), `None` when there is no such part.
    /// The inflated size is checked as it is read, against the part and the
    /// package limits, whatever the zip declares.
    pub fn read(&mut self, name: &str) -> Result<Option<String>, FilterError> {
        let err = |problem: String| FilterError::Package { part: name.to_string(), problem };
        let Some(i) = self.zip.index_for_name(name) else { return Ok(None) };
        let f = self.zip.by_index(i).map_err(|e| err(format!("{e}; expected a readable zip entry")))?;
        if f.encrypted() {
            return Err(err("is encrypted; expected an unencrypted package".into()));
        }
        let room = (MAX_TOTAL_BYTES - self.read_total).min(MAX_PART_BYTES);
        let mut buf = Vec::with_capacity(f.size().min(room) as usize);
        f.take(room + 1).read_to_end(&mut buf).map_err(|e| err(format!("{e}; expected deflated XML")))?;
        if buf.len() as u64 > room {
            return Err(err(format!(
                "inflates past the limit of {} MiB per part and {} MiB per package (a zip bomb?)",
                MAX_PART_BYTES >> 20,
                MAX_TOTAL_BYTES >> 20
            )));
        }
        self.read_total += buf.len() as u64;
        let buf = if buf.starts_with(b"\xEF\xBB\xBF") { buf[3..].to_vec() } else { buf };
        String::from_utf8(buf)
            .map(Some)
            .map_err(|e| err(format!("invalid UTF-8 at byte {}; expected XML in UTF-8", e.utf8_error().valid_up_to())))
    }

    /// The zip archive, for copying untouched entries raw.
    pub fn zip(&mut self) -> &mut ZipArchive<Cursor<&'a [u8]>> {
        &mut self.zip
    }
}

/// The package with `changed` parts (name, new text) deflated anew and
/// every other entry copied raw, in the original order.
pub fn write_package(bytes: &[u8], changed: &[(String, String)]) -> Result<Vec<u8>, FilterError> {
    let mut pkg = Package::open(bytes)?;
    let names = pkg.names();
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::with_capacity(bytes.len() + 1024)));
    let werr = |name: &str, e: &dyn std::fmt::Display| FilterError::Package {
        part: name.to_string(),
        problem: format!("cannot be written: {e}"),
    };
    for (i, name) in names.iter().enumerate() {
        if let Some((_, text)) = changed.iter().find(|(n, _)| n == name) {
            let opts = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
            w.start_file(name.as_str(), opts).map_err(|e| werr(name, &e))?;
            w.write_all(text.as_bytes()).map_err(|e| werr(name, &e))?;
        } else {
            let f = pkg.zip().by_index_raw(i).map_err(|e| werr(name, &e))?;
            w.raw_copy_file(f).map_err(|e| werr(name, &e))?;
        }
    }
    Ok(w.finish().map_err(|e| werr("the zip directory", &e))?.into_inner())
}

/// One XML part of a package read event by event: its name (for errors),
/// its text, and where that text starts in the document's raw bytes (`off`),
/// so each event's range is a range of the raw bytes. Refuses a document type
/// declaration (no entity is ever expanded) and paragraphs nested past
/// [`MAX_NESTING`]. Shared by the DOCX and ODT part parsers.
pub(crate) struct PartCursor<'a> {
    pub(crate) name: &'a str,
    pub(crate) xml: &'a str,
    pub(crate) off: usize,
    pub(crate) reader: quick_xml::Reader<&'a [u8]>,
    /// Paragraphs open around the one being read.
    nesting: usize,
}

impl<'a> PartCursor<'a> {
    pub(crate) fn new(name: &'a str, xml: &'a str, off: usize) -> PartCursor<'a> {
        let mut reader = quick_xml::Reader::from_str(xml);
        // Text is kept as written: a run's spaces are part of the sentence.
        reader.config_mut().trim_text(false);
        PartCursor { name, xml, off, reader, nesting: 0 }
    }

    fn fail(&self, problem: impl Into<String>) -> FilterError {
        FilterError::Package { part: self.name.to_string(), problem: problem.into() }
    }

    /// Line and column of byte `at` of the part.
    fn line_col(&self, at: usize) -> (usize, usize) {
        memoria_core::location::line_col(self.xml, at.min(self.xml.len()))
    }

    /// The next event and its range in the document's raw bytes.
    pub(crate) fn next(&mut self) -> Result<(quick_xml::events::Event<'a>, std::ops::Range<usize>), FilterError> {
        let start = self.reader.buffer_position() as usize;
        let ev = self.reader.read_event().map_err(|e| {
            let (line, col) = self.line_col(self.reader.error_position() as usize);
            self.fail(format!("line {line}, column {col}: {e}; expected well-formed XML"))
        })?;
        let end = self.reader.buffer_position() as usize;
        if let quick_xml::events::Event::DocType(_) = ev {
            return Err(self.fail("has a document type declaration; expected none (entity expansion is refused)"));
        }
        Ok((ev, self.off + start..self.off + end))
    }

    /// Skips to the end of the element whose start was just read; its end.
    pub(crate) fn skip(&mut self) -> Result<usize, FilterError> {
        use quick_xml::events::Event;
        let mut depth = 1;
        loop {
            let (ev, r) = self.next()?;
            match ev {
                Event::Start(_) => depth += 1,
                Event::End(_) => {
                    depth -= 1;
                    if depth == 0 {
                        return Ok(r.end);
                    }
                }
                Event::Eof => return Err(self.fail("ends inside an element; expected its end tag")),
                _ => {}
            }
        }
    }

    /// Goes one paragraph level deeper, refusing past [`MAX_NESTING`]; each
    /// call is matched by [`Self::leave`].
    pub(crate) fn enter(&mut self) -> Result<(), FilterError> {
        if self.nesting >= MAX_NESTING {
            let (line, col) = self.line_col(self.reader.buffer_position() as usize);
            return Err(self.fail(format!(
                "line {line}, column {col}: paragraphs nested more than {MAX_NESTING} deep; expected a document"
            )));
        }
        self.nesting += 1;
        Ok(())
    }

    /// Back one paragraph level (after [`Self::enter`]).
    pub(crate) fn leave(&mut self) {
        self.nesting -= 1;
    }
}
