//! The TMX 1.4b writer: the model back to XML, losslessly.
//!
//! Indentation goes only between structural elements, never inside `<seg>`
//! (all spacing there is content). Characters illegal in XML 1.0 are never
//! emitted, not even as character references: in segment text they become
//! `<ph type="x-ctrl">U+000B</ph>` (what the reader makes of them in recover
//! mode), elsewhere U+FFFD. Elements foreign to TMX kept by the reader (`<g>`,
//! `<x/>`) are written as `bpt`/`ept`/`ph` whose native code is the original
//! element, so the output is valid TMX 1.4b.

use super::reader::ctrl_code;
use super::text::is_xml_char;
use crate::xml::{escape_attr, escape_text};
use memoria_core::content::{CodeKind, Inline, InlineCode};
use memoria_core::tu::{Header, HeaderItem, Note, Prop, Tu};
use std::io::{self, Write};

/// The output encoding.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum OutputEncoding {
    /// UTF-8 without BOM (the default).
    #[default]
    Utf8,
    /// UTF-16 little-endian with a BOM, as Trados and memoQ write.
    Utf16Le,
}

/// Writer settings.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct WriteOptions {
    pub encoding: OutputEncoding,
    /// Write `<!DOCTYPE tmx SYSTEM "tmx14.dtd">` (old tools expect it;
    /// readers must not fetch it).
    pub doctype: bool,
}

impl Default for WriteOptions {
    fn default() -> Self {
        WriteOptions { encoding: OutputEncoding::Utf8, doctype: true }
    }
}

/// The header attributes TMX 1.4b requires, with the value written when a
/// header lacks one.
pub const REQUIRED_HEADER_ATTRS: [(&str, &str); 7] = [
    ("creationtool", "memoria"),
    ("creationtoolversion", env!("CARGO_PKG_VERSION")),
    ("segtype", "sentence"),
    ("o-tmf", "memoria"),
    ("adminlang", "en"),
    ("srclang", "*all*"),
    ("datatype", "unknown"),
];

/// Bytes buffered before they are encoded and written.
const FLUSH_AT: usize = 64 * 1024;

/// Writes one TMX document: [`TmxWriter::write_header`], then
/// [`TmxWriter::write_tu`] for each TU, then [`TmxWriter::finish`].
pub struct TmxWriter<W: Write> {
    out: W,
    buf: String,
    opts: WriteOptions,
    started: bool,
}

impl<W: Write> TmxWriter<W> {
    /// A writer to `out`; nothing is written before the header.
    pub fn new(out: W, opts: WriteOptions) -> TmxWriter<W> {
        TmxWriter { out, buf: String::with_capacity(FLUSH_AT * 2), opts, started: false }
    }

    /// Writes the XML declaration, `<tmx version="1.4">`, the header (its
    /// attributes in order, missing required ones added from
    /// [`REQUIRED_HEADER_ATTRS`]; an `o-tmf` that names an encoding, as
    /// Translate Toolkit writes, becomes `unknown`), its notes, props and
    /// udes in document order ([`Header::children`]), and `<body>`.
    pub fn write_header(&mut self, h: &Header) -> io::Result<()> {
        let enc = match self.opts.encoding {
            OutputEncoding::Utf8 => "UTF-8",
            OutputEncoding::Utf16Le => "UTF-16",
        };
        self.buf.push_str(&format!("<?xml version=\"1.0\" encoding=\"{enc}\"?>\n"));
        if self.opts.doctype {
            self.buf.push_str("<!DOCTYPE tmx SYSTEM \"tmx14.dtd\">\n");
        }
        self.buf.push_str("<tmx version=\"1.4\">\n  <header");
        let mut attrs = h.attrs.clone();
        for (name, default) in REQUIRED_HEADER_ATTRS {
            if !attrs.iter().any(|(k, _)| k == name) {
                attrs.push((name.to_string(), default.to_string()));
            }
        }
        for (k, v) in attrs.iter_mut() {
            if k == "o-tmf" && encoding_rs::Encoding::for_label(v.trim().as_bytes()).is_some() {
                *v = "unknown".to_string();
            }
        }
        write_attrs(&mut self.buf, &attrs);
        if h.udes.is_empty() && h.notes.is_empty() && h.props.is_empty() {
            self.buf.push_str("/>\n");
        } else {
            self.buf.push_str(">\n");
            // In document order as read ([`Header::children`]).
            for child in h.children() {
                match child {
                    HeaderItem::Ude(u) => {
                        self.buf.push_str("    ");
                        self.buf.push_str(u);
                        self.buf.push('\n');
                    }
                    HeaderItem::Note(n) => write_notes_props(&mut self.buf, "    ", std::slice::from_ref(n), &[]),
                    HeaderItem::Prop(p) => write_notes_props(&mut self.buf, "    ", &[], std::slice::from_ref(p)),
                }
            }
            self.buf.push_str("  </header>\n");
        }
        self.buf.push_str("  <body>\n");
        self.started = true;
        Ok(())
    }

    /// Writes one `<tu>`. A TUV's language is written as `xml:lang` as the
    /// imported file spelled it ([`memoria_core::tu::Tuv::written_lang`]),
    /// else in its canonical form.
    pub fn write_tu(&mut self, tu: &Tu) -> io::Result<()> {
        if !self.started {
            self.write_header(&Header::default())?;
        }
        let b = &mut self.buf;
        b.push_str("    <tu");
        write_attrs(b, &tu.attrs);
        b.push_str(">\n");
        write_notes_props(b, "      ", &tu.notes, &tu.props);
        for v in &tu.tuvs {
            b.push_str("      <tuv xml:lang=\"");
            escape_attr(v.written_lang(), b);
            b.push('"');
            write_attrs_but(b, &v.attrs, "xml:lang");
            b.push_str(">\n");
            write_notes_props(b, "        ", &v.notes, &v.props);
            b.push_str("        <seg>");
            let mut next_i = max_i(&v.seg.items) + 1;
            write_items(b, &v.seg.items, true, &mut next_i);
            b.push_str("</seg>\n      </tuv>\n");
        }
        b.push_str("    </tu>\n");
        if self.buf.len() >= FLUSH_AT {
            self.flush_buf()?;
        }
        Ok(())
    }

    /// Closes `<body>` and `<tmx>`, flushes, and returns the sink.
    pub fn finish(mut self) -> io::Result<W> {
        if !self.started {
            self.write_header(&Header::default())?;
        }
        self.buf.push_str("  </body>\n</tmx>\n");
        self.flush_buf()?;
        self.out.flush()?;
        Ok(self.out)
    }

    fn flush_buf(&mut self) -> io::Result<()> {
        match self.opts.encoding {
            OutputEncoding::Utf8 => self.out.write_all(self.buf.as_bytes())?,
            OutputEncoding::Utf16Le => {
                let mut bytes = Vec::with_capacity(self.buf.len() * 2 + 2);
                if !self.buf.is_empty() && self.buf.starts_with("<?xml") {
                    bytes.extend_from_slice(&[0xFF, 0xFE]);
                }
                for u in self.buf.encode_utf16() {
                    bytes.extend_from_slice(&u.to_le_bytes());
                }
                self.out.write_all(&bytes)?;
            }
        }
        self.buf.clear();
        Ok(())
    }
}

/// [`write_attrs`] without the attribute named `skip`.
fn write_attrs_but(b: &mut String, attrs: &[(String, String)], skip: &str) {
    for (k, v) in attrs.iter().filter(|(k, _)| k != skip) {
        b.push(' ');
        b.push_str(k);
        b.push_str("=\"");
        escape_attr(v, b);
        b.push('"');
    }
}

fn write_attrs(b: &mut String, attrs: &[(String, String)]) {
    for (k, v) in attrs {
        b.push(' ');
        b.push_str(k);
        b.push_str("=\"");
        escape_attr(v, b);
        b.push('"');
    }
}

fn write_notes_props(b: &mut String, indent: &str, notes: &[Note], props: &[Prop]) {
    for n in notes {
        b.push_str(indent);
        b.push_str("<note");
        write_attrs(b, &n.attrs);
        b.push('>');
        escape_text(&n.value, b);
        b.push_str("</note>\n");
    }
    for p in props {
        b.push_str(indent);
        b.push_str("<prop type=\"");
        escape_attr(&p.ptype, b);
        b.push('"');
        write_attrs(b, &p.attrs);
        b.push('>');
        escape_text(&p.value, b);
        b.push_str("</prop>\n");
    }
}

/// Highest numeric `i` attribute among the codes (to number the pairs that
/// foreign elements become without clashing).
fn max_i(items: &[Inline]) -> u64 {
    items
        .iter()
        .map(|it| match it {
            Inline::Code(c) => c.attr("i").and_then(|i| i.parse().ok()).unwrap_or(0).max(max_i(&c.content)),
            Inline::Text(_) => 0,
        })
        .max()
        .unwrap_or(0)
}

/// Writes content items. `seg_text`: text here is segment text, where
/// illegal characters become `x-ctrl` codes (in native code they become
/// U+FFFD).
fn write_items(b: &mut String, items: &[Inline], seg_text: bool, next_i: &mut u64) {
    for it in items {
        match it {
            Inline::Text(t) if seg_text && !t.chars().all(is_xml_char) => {
                for c in t.chars() {
                    if is_xml_char(c) {
                        let mut s = [0u8; 4];
                        escape_text(c.encode_utf8(&mut s), b);
                    } else {
                        write_items(b, std::slice::from_ref(&ctrl_code(c)), false, next_i);
                    }
                }
            }
            Inline::Text(t) => escape_text(t, b),
            Inline::Code(c) => match &c.kind {
                CodeKind::Foreign(name) => write_foreign(b, name, c, next_i),
                kind => {
                    let name = kind.element();
                    b.push('<');
                    b.push_str(name);
                    write_attrs(b, &c.attrs);
                    if c.content.is_empty() {
                        b.push_str("/>");
                    } else {
                        b.push('>');
                        // Text directly in hi/sub is translatable; in the
                        // other codes it is native code.
                        let translatable = matches!(kind, CodeKind::Hi | CodeKind::Sub);
                        write_items(b, &c.content, translatable, next_i);
                        b.push_str("</");
                        b.push_str(name);
                        b.push('>');
                    }
                }
            },
        }
    }
}

/// A foreign element as TMX: `<x/>` → `<ph>` with the element as native code;
/// `<g>…</g>` → `<bpt>`, the content, `<ept>`.
fn write_foreign(b: &mut String, name: &str, c: &InlineCode, next_i: &mut u64) {
    let mut open = format!("<{name}");
    for (k, v) in &c.attrs {
        open.push_str(&format!(" {k}=\""));
        escape_attr(v, &mut open);
        open.push('"');
    }
    let ty = format!("x-{name}");
    if c.content.is_empty() {
        open.push_str("/>");
        b.push_str("<ph type=\"");
        escape_attr(&ty, b);
        b.push_str("\">");
        escape_text(&open, b);
        b.push_str("</ph>");
    } else {
        open.push('>');
        let i = *next_i;
        *next_i += 1;
        b.push_str(&format!("<bpt i=\"{i}\" type=\""));
        escape_attr(&ty, b);
        b.push_str("\">");
        escape_text(&open, b);
        b.push_str("</bpt>");
        write_items(b, &c.content, true, next_i);
        b.push_str(&format!("<ept i=\"{i}\">"));
        escape_text(&format!("</{name}>"), b);
        b.push_str("</ept>");
    }
}
