//! The streaming TMX reader: one [`Tu`] at a time, memory bounded by the
//! largest TU. Never builds a DOM, never fetches a DTD, never expands an
//! entity other than the five XML ones.

use super::decode::{utf8_source, Counting, Detected, Locator};
use super::error::{TmxError, WarningKind, Warnings};
use super::limit::DEFAULT_MAX_SEGMENT_BYTES;
use super::text::{decode_into, replace_illegal};
use memoria_core::content::Content;
use memoria_core::lang::{LangTag, TagRepair};
use memoria_core::tu::{Header, HeaderChild, Note, Prop, Tu, Tuv};
use quick_xml::events::Event;
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

mod attrs;
mod events;
mod fast;
mod seg;
mod tuids;
use attrs::{check_values, read_attrs, read_attrs_into, read_prop_attrs, Found, Take};
use events::{is, Diag, Mark, Parser};
use seg::cdata_into;
pub use seg::{ctrl_code, push_with_ctrl_codes};

/// How the reader treats input that is not valid TMX 1.4b.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ReadOptions {
    /// Stop at the first problem of a kind that
    /// [`WarningKind::is_error_in_strict_mode`]; otherwise repair or skip it
    /// and count a warning (recover mode, the default).
    pub strict: bool,
    /// Largest `<seg>` content, in bytes of UTF-8 as written in the file
    /// (text, entities and inline codes), and largest run of the file without
    /// markup; beyond it the read stops with an error in either mode. Default
    /// [`DEFAULT_MAX_SEGMENT_BYTES`] (1 MiB).
    pub max_segment_bytes: usize,
}

impl Default for ReadOptions {
    fn default() -> ReadOptions {
        ReadOptions { strict: false, max_segment_bytes: DEFAULT_MAX_SEGMENT_BYTES }
    }
}

/// A streaming reader of one TMX document.
///
/// ```
/// use memoria_formats::tmx::{ReadOptions, TmxReader};
/// let tmx = br#"<?xml version="1.0"?><tmx version="1.4"><header srclang="en"/><body>
///   <tu tuid="1"><tuv xml:lang="EN-us"><seg>Click <bpt i="1">&lt;b&gt;</bpt>OK<ept i="1">&lt;/b&gt;</ept></seg></tuv>
///   <tuv lang="es"><seg>Pulse Aceptar</seg></tuv></tu></body></tmx>"#;
/// let mut r = TmxReader::from_bytes(tmx.to_vec(), "mem.tmx", ReadOptions::default()).unwrap();
/// let tu = r.next_tu().unwrap().unwrap();
/// assert_eq!(tu.tuvs[0].lang.as_str(), "en-US");
/// assert_eq!(tu.tuvs[0].seg.match_text(), "Click \u{E000}OK\u{E001}");
/// assert_eq!(tu.tuvs[1].lang.as_str(), "es");
/// assert!(r.next_tu().unwrap().is_none());
/// ```
pub struct TmxReader {
    p: Parser,
    d: Diag,
    header: Header,
    version: String,
    detected: Detected,
    bytes_read: Arc<AtomicU64>,
    replaced: Arc<AtomicU64>,
    /// The tuids seen (a bit or a hash each, not the text).
    tuids: tuids::TuidSet,
    tus_seen: u64,
    langs: Vec<(String, LangTag, TagRepair)>,
    /// The language attribute of the TUV being read (reused buffer).
    lang_buf: String,
    /// Bytes of notes and props held for the TU being read (see
    /// [`TmxReader::charge`]).
    extra: usize,
    done: bool,
}

impl TmxReader {
    /// Opens `path` and reads up to the start of `<body>` (the header is then
    /// available). Errors name the file as `path` displays. The file is
    /// opened and read once, so it may be a FIFO or `/dev/fd/N` (a pipe).
    pub fn open(path: &Path, opts: ReadOptions) -> Result<TmxReader, TmxError> {
        let name = path.display().to_string();
        let file = std::fs::File::open(path).map_err(|cause| TmxError::Io { file: name.clone(), cause })?;
        Self::from_reader(file, &name, opts)
    }

    /// Reads a TMX document held in memory; `name` is used in messages.
    pub fn from_bytes(bytes: Vec<u8>, name: &str, opts: ReadOptions) -> Result<TmxReader, TmxError> {
        Self::from_reader(std::io::Cursor::new(bytes), name, opts)
    }

    /// Reads a TMX document from `input` (a file, a pipe, standard input),
    /// once, front to back; `name` is used in messages.
    pub fn from_reader(
        input: impl std::io::Read + 'static,
        name: &str,
        opts: ReadOptions,
    ) -> Result<TmxReader, TmxError> {
        let name = name.to_string();
        let bytes_read = Arc::new(AtomicU64::new(0));
        let replaced = Arc::new(AtomicU64::new(0));
        let (stream, detected) = utf8_source(Counting::new(input, bytes_read.clone()), replaced.clone())
            .map_err(|cause| TmxError::Io { file: name.clone(), cause })?;
        let mut r = TmxReader {
            p: Parser::new(Box::new(stream), opts.max_segment_bytes),
            d: Diag {
                name,
                strict: opts.strict,
                locator: Locator::default(),
                tu: None,
                tuid: None,
                warnings: Warnings::default(),
            },
            header: Header::default(),
            version: String::new(),
            detected,
            bytes_read,
            replaced,
            tuids: tuids::TuidSet::default(),
            tus_seen: 0,
            langs: Vec::new(),
            lang_buf: String::new(),
            extra: 0,
            done: false,
        };
        r.prolog()?;
        Ok(r)
    }

    /// The `<header>`: attributes, notes, props and `ude`s as read.
    pub fn header(&self) -> &Header {
        &self.header
    }

    /// The `version` attribute of `<tmx>` (`1.4`, `1.1`, …).
    pub fn version(&self) -> &str {
        &self.version
    }

    /// The encoding the file was decoded from, and its BOM length.
    pub fn detected(&self) -> Detected {
        self.detected
    }

    /// Bytes of the file read so far (for progress).
    pub fn bytes_read(&self) -> u64 {
        self.bytes_read.load(Ordering::Relaxed)
    }

    /// Number of `<tu>` elements seen so far, read or skipped.
    pub fn tus_seen(&self) -> u64 {
        self.tus_seen
    }

    /// Warnings so far.
    pub fn warnings(&self) -> &Warnings {
        &self.d.warnings
    }

    /// Takes the warnings gathered so far.
    pub fn take_warnings(&mut self) -> Warnings {
        std::mem::take(&mut self.d.warnings)
    }

    /// Reads the prolog, `<tmx>`, the header, and `<body>`'s start tag.
    fn prolog(&mut self) -> Result<(), TmxError> {
        let mut seen_tmx = false;
        loop {
            let (ev, pos) = self.p.next(&mut self.d)?;
            let empty = matches!(ev, Event::Empty(_));
            match ev {
                Event::Start(e) if !seen_tmx && is(e.local_name().as_ref(), "tmx") => {
                    seen_tmx = true;
                    for a in e.attributes() {
                        let a = a.map_err(|err| self.d.error(pos, format!("bad attribute: {err}")))?;
                        if a.key.as_ref() == b"version" {
                            self.version = String::from_utf8_lossy(&a.value).into_owned();
                        }
                    }
                }
                Event::Start(e) | Event::Empty(e) if !seen_tmx => {
                    let name = String::from_utf8_lossy(e.name().as_ref()).into_owned();
                    return Err(self.d.error(pos, format!("root element is <{name}>; expected <tmx>")));
                }
                Event::Empty(e) if is(e.name().as_ref(), "header") => {
                    self.header.attrs = read_attrs(&mut self.d, &e, pos)?;
                    self.check_srclang(pos)?;
                }
                Event::Start(e) if is(e.name().as_ref(), "header") => {
                    self.header.attrs = read_attrs(&mut self.d, &e, pos)?;
                    self.check_srclang(pos)?;
                    self.header_children()?;
                }
                Event::Start(e) if is(e.name().as_ref(), "body") => {
                    self.check_header(pos)?;
                    return Ok(());
                }
                Event::Empty(e) if is(e.name().as_ref(), "body") => {
                    self.check_header(pos)?;
                    self.done = true;
                    return Ok(());
                }
                Event::Start(e) | Event::Empty(e) => {
                    let name = e.name().as_ref().to_vec();
                    self.unexpected(&name, pos, empty, "<header> or <body>")?;
                }
                Event::Eof => {
                    let what = if seen_tmx { "<body>" } else { "<tmx>" };
                    return Err(self.d.error(pos, format!("unexpected end of file; expected {what}")));
                }
                Event::Text(t) if !t.iter().all(u8::is_ascii_whitespace) => {
                    self.d.problem(WarningKind::UnexpectedElement, pos, "text outside <seg> ignored".into())?;
                }
                // A DTD that declares entities (billion laughs, external
                // entities) is refused in either mode: memoria never expands
                // or fetches them, so the file could not be read as meant.
                Event::DocType(t) if memchr::memmem::find(&t, b"<!ENTITY").is_some() => {
                    return Err(self.d.error(
                        pos,
                        "DOCTYPE declares entities (<!ENTITY>); TMX needs none and memoria never expands or \
                         fetches them",
                    ));
                }
                _ => {}
            }
        }
    }

    /// A header without `srclang` is a warning at the header (TMX 1.4b §3.2
    /// requires it; TMX 1.1 too).
    fn check_srclang(&mut self, pos: u64) -> Result<(), TmxError> {
        if self.header.attr("srclang").is_none_or(|s| s.trim().is_empty()) {
            let msg = "<header> has no srclang (TMX requires it); each TU's source language is taken from its own \
                       srclang, else its first <tuv>"
                .to_string();
            self.d.problem(WarningKind::MissingSrclang, pos, msg)?;
        }
        Ok(())
    }

    fn check_header(&mut self, pos: u64) -> Result<(), TmxError> {
        if self.header.attrs.is_empty() && self.header.props.is_empty() {
            self.d.problem(WarningKind::UnexpectedElement, pos, "no <header> before <body>".into())?;
        }
        Ok(())
    }

    fn header_children(&mut self) -> Result<(), TmxError> {
        loop {
            let (ev, pos) = self.p.next(&mut self.d)?;
            let empty = matches!(ev, Event::Empty(_));
            match ev {
                Event::End(e) if is(e.name().as_ref(), "header") => return Ok(()),
                Event::Start(e) | Event::Empty(e) if is(e.name().as_ref(), "ude") => {
                    let mut raw = format!("<{}", String::from_utf8_lossy(&e));
                    if empty {
                        raw.push_str("/>");
                    } else {
                        raw.push('>');
                        self.verbatim(&mut raw)?;
                    }
                    self.header.udes.push(raw.replace("\r\n", "\n"));
                    self.header.order.push(HeaderChild::Ude);
                }
                Event::Start(e) | Event::Empty(e) => {
                    if is(e.name().as_ref(), "note") {
                        let a = read_attrs(&mut self.d, &e, pos)?;
                        let n = self.note(a, empty)?;
                        self.header.notes.push(n);
                        self.header.order.push(HeaderChild::Note);
                    } else if is(e.name().as_ref(), "prop") {
                        let a = read_prop_attrs(&mut self.d, &e, pos)?;
                        let p = self.prop(a, pos, empty)?;
                        self.header.props.push(p);
                        self.header.order.push(HeaderChild::Prop);
                    } else {
                        let name = e.name().as_ref().to_vec();
                        self.unexpected(&name, pos, empty, "<note>, <prop> or <ude>")?;
                    }
                }
                Event::Eof => return Err(self.d.error(pos, "unexpected end of file; expected </header>")),
                _ => {}
            }
        }
    }

    /// Appends the XML of an element's content and end tag to `raw`, as
    /// written (for `ude`, kept verbatim).
    fn verbatim(&mut self, raw: &mut String) -> Result<(), TmxError> {
        self.p.keep_space(true);
        let r = self.verbatim_inner(raw);
        self.p.keep_space(false);
        r
    }

    fn verbatim_inner(&mut self, raw: &mut String) -> Result<(), TmxError> {
        let mut depth = 1;
        loop {
            let (ev, pos) = self.p.next(&mut self.d)?;
            match ev {
                Event::Start(e) => {
                    depth += 1;
                    raw.push_str(&format!("<{}>", String::from_utf8_lossy(&e)));
                }
                Event::Empty(e) => raw.push_str(&format!("<{}/>", String::from_utf8_lossy(&e))),
                Event::End(e) => {
                    depth -= 1;
                    raw.push_str(&format!("</{}>", String::from_utf8_lossy(&e)));
                    if depth == 0 {
                        return Ok(());
                    }
                }
                Event::Text(t) => raw.push_str(&String::from_utf8_lossy(&t)),
                Event::CData(t) => raw.push_str(&format!("<![CDATA[{}]]>", String::from_utf8_lossy(&t))),
                Event::Eof => return Err(self.d.error(pos, "unexpected end of file inside <ude>")),
                _ => {}
            }
        }
    }

    /// Skips an element TMX does not allow here (with its content), after a
    /// warning (an error in strict mode).
    fn unexpected(&mut self, name: &[u8], pos: u64, empty: bool, expected: &str) -> Result<(), TmxError> {
        let name = String::from_utf8_lossy(name).into_owned();
        self.d.problem(
            WarningKind::UnexpectedElement,
            pos,
            format!("unexpected <{name}> ignored; expected {expected}"),
        )?;
        if !empty {
            let mut depth = 1;
            while depth > 0 {
                let (ev, pos) = self.p.next(&mut self.d)?;
                match ev {
                    Event::Start(_) => depth += 1,
                    Event::End(_) => depth -= 1,
                    Event::Eof => return Err(self.d.error(pos, format!("unexpected end of file; expected </{name}>"))),
                    _ => {}
                }
            }
        }
        Ok(())
    }

    /// The text content of a `note`/`prop` (no child elements allowed).
    fn text_content(&mut self, elem: &str, empty: bool) -> Result<String, TmxError> {
        if empty {
            return Ok(String::new());
        }
        self.p.keep_space(true);
        let r = self.text_content_inner(elem);
        self.p.keep_space(false);
        r
    }

    fn text_content_inner(&mut self, elem: &str) -> Result<String, TmxError> {
        let mut out = String::new();
        loop {
            let (ev, pos) = self.p.next(&mut self.d)?;
            let empty = matches!(ev, Event::Empty(_));
            match ev {
                Event::Text(t) => {
                    out.reserve(t.len());
                    let mut probs = Vec::new();
                    decode_into(&t, false, &mut out, &mut |k, at, m| probs.push((k, at, m)));
                    for (k, at, m) in probs {
                        if k == WarningKind::IllegalChar {
                            replace_illegal(&mut out);
                        }
                        self.d.problem(k, pos + at as u64, m)?;
                    }
                }
                Event::CData(t) => cdata_into(&t, &mut out),
                Event::End(e) if is(e.name().as_ref(), elem) => return Ok(out),
                Event::Start(e) | Event::Empty(e) => {
                    let name = e.name().as_ref().to_vec();
                    self.unexpected(&name, pos, empty, &format!("text in <{elem}>"))?;
                }
                Event::Eof => return Err(self.d.error(pos, format!("unexpected end of file; expected </{elem}>"))),
                _ => {}
            }
        }
    }

    fn note(&mut self, attrs: Vec<(String, String)>, empty: bool) -> Result<Note, TmxError> {
        Ok(Note { attrs, value: self.text_content("note", empty)? })
    }

    /// Memory a note or prop holds beside its text and attributes (its
    /// struct and allocations), counted against the limit.
    const ELEMENT_BYTES: usize = 64;

    /// Counts a note or prop of the TU being read (`pos`: where it starts)
    /// against `--max-segment-bytes`: the notes and props of one TU (its
    /// own and its variants') may hold no more than that in all, or the read
    /// stops with an error (4M `<note>`s in one TU were 589 MB held).
    fn charge(&mut self, pos: u64, value: &str, attrs: &[(String, String)]) -> Result<(), TmxError> {
        let bytes = value.len() + attrs.iter().map(|(k, v)| k.len() + v.len()).sum::<usize>() + Self::ELEMENT_BYTES;
        self.extra = self.extra.saturating_add(bytes);
        if self.d.tu.is_some() && self.extra > self.p.max_segment_bytes {
            let max = self.p.max_segment_bytes;
            return Err(self.d.error(
                pos,
                format!("the notes and props of this TU hold more than {max} bytes (--max-segment-bytes)"),
            ));
        }
        Ok(())
    }

    fn prop(&mut self, (ptype, attrs): attrs::PropAttrs, pos: u64, empty: bool) -> Result<Prop, TmxError> {
        let ptype = match ptype {
            Some(t) => t,
            None => {
                self.d.problem(WarningKind::UnexpectedElement, pos, "<prop> without type attribute".into())?;
                String::new()
            }
        };
        Ok(Prop { ptype, attrs, value: self.text_content("prop", empty)? })
    }

    /// The next TU, or `None` at the end of the body. In recover mode, TUs
    /// that cannot be used are skipped (counted as
    /// [`WarningKind::SkippedTu`]).
    pub fn next_tu(&mut self) -> Result<Option<Tu>, TmxError> {
        while !self.done {
            let (ev, pos) = self.p.next(&mut self.d)?;
            let empty = matches!(ev, Event::Empty(_));
            match ev {
                Event::Start(e) if is(e.name().as_ref(), "tu") => {
                    let attrs = read_attrs(&mut self.d, &e, pos)?;
                    if let Some(tu) = self.tu(attrs, pos)? {
                        return Ok(Some(tu));
                    }
                }
                Event::End(e) if is(e.name().as_ref(), "body") => {
                    self.d.tu = None;
                    self.d.tuid = None;
                    self.epilog()?;
                }
                Event::Start(e) | Event::Empty(e) => {
                    let name = e.name().as_ref().to_vec();
                    self.unexpected(&name, pos, empty, "<tu>")?;
                }
                Event::Eof => return Err(self.d.error(pos, "unexpected end of file; expected </body>")),
                _ => {}
            }
        }
        Ok(None)
    }

    /// After `</body>`: the rest must be `</tmx>`, comments and whitespace.
    fn epilog(&mut self) -> Result<(), TmxError> {
        loop {
            let (ev, pos) = self.p.next(&mut self.d)?;
            match ev {
                Event::Eof => break,
                Event::Start(e) | Event::Empty(e) => {
                    let name = String::from_utf8_lossy(e.name().as_ref()).into_owned();
                    return Err(self.d.error(pos, format!("unexpected <{name}> after </body>; expected </tmx>")));
                }
                _ => {}
            }
        }
        self.done = true;
        if self.replaced.load(Ordering::Relaxed) > 0 {
            let msg = format!("bytes that are not valid {}, replaced by U+FFFD", self.detected.encoding.name());
            self.d.problem(WarningKind::BadEncoding, 0, msg)?;
        }
        Ok(())
    }

    fn seg_keeping_space(&mut self) -> Result<Content, TmxError> {
        self.p.keep_space(true);
        let r = self.seg();
        self.p.keep_space(false);
        r
    }

    /// Reads a TU after its start tag. `None`: skipped (recover mode).
    fn tu(&mut self, attrs: Vec<(String, String)>, pos: u64) -> Result<Option<Tu>, TmxError> {
        self.d.mark(Mark::Tu, pos);
        self.extra = 0;
        self.tus_seen += 1;
        self.d.tu = Some(self.tus_seen);
        // Reuse the tuid buffer: no allocation per TU.
        let tuid = attrs.iter().find(|(k, _)| k == "tuid").map(|(_, v)| v.as_str());
        match (&mut self.d.tuid, tuid) {
            (Some(buf), Some(id)) => {
                buf.clear();
                buf.push_str(id);
            }
            (slot, id) => *slot = id.map(String::from),
        }
        if let Some(id) = &self.d.tuid {
            if !self.tuids.insert(id) {
                let msg = format!("this TU repeats tuid {id:?} of an earlier TU");
                self.d.problem(WarningKind::DuplicateTuid, pos, msg)?;
            }
        }
        check_values(&mut self.d, &attrs, pos)?;
        let mut tu = Tu { attrs, tuvs: Vec::with_capacity(2), ..Tu::default() };
        let mut bad: Option<String> = None;
        loop {
            let (ev, pos) = self.p.next(&mut self.d)?;
            let empty = matches!(ev, Event::Empty(_));
            match ev {
                Event::End(e) if is(e.name().as_ref(), "tu") => break,
                Event::Start(e) | Event::Empty(e) => {
                    if is(e.name().as_ref(), "tuv") {
                        let mut a = Vec::new();
                        let mut lang = std::mem::take(&mut self.lang_buf);
                        let found = read_attrs_into(&mut self.d, &e, pos, &mut a, Take::Lang(&mut lang))?;
                        let r = self.tuv(a, (found != Found::None).then_some(lang.as_str()), pos, empty);
                        self.lang_buf = lang;
                        match r? {
                            Ok(Some(v)) => tu.tuvs.push(v),
                            Ok(None) => {}
                            Err(why) => bad = bad.or(Some(why)),
                        }
                    } else if is(e.name().as_ref(), "note") {
                        let a = read_attrs(&mut self.d, &e, pos)?;
                        let n = self.note(a, empty)?;
                        self.charge(pos, &n.value, &n.attrs)?;
                        tu.notes.push(n);
                    } else if is(e.name().as_ref(), "prop") {
                        let a = read_prop_attrs(&mut self.d, &e, pos)?;
                        let p = self.prop(a, pos, empty)?;
                        self.charge(pos, &p.value, &p.attrs)?;
                        tu.props.push(p);
                    } else {
                        let name = e.name().as_ref().to_vec();
                        self.unexpected(&name, pos, empty, "<note>, <prop> or <tuv>")?;
                    }
                }
                Event::Eof => return Err(self.d.error(pos, "unexpected end of file; expected </tu>")),
                _ => {}
            }
        }
        if tu.tuvs.is_empty() && bad.is_none() {
            bad = Some("TU has no <tuv> with a <seg>".into());
        }
        match bad {
            None => Ok(Some(tu)),
            Some(why) => {
                self.d.problem(WarningKind::SkippedTu, pos, format!("{why}; TU skipped"))?;
                Ok(None)
            }
        }
    }

    /// Parses a language tag, through a small cache of the tags seen last
    /// (a TMX file uses a handful of tags millions of times).
    fn parse_lang(&mut self, raw: &str) -> Result<(LangTag, TagRepair), memoria_core::lang::LangTagError> {
        if let Some((_, tag, repair)) = self.langs.iter().find(|(r, _, _)| events::same(r.as_bytes(), raw.as_bytes())) {
            return Ok((tag.clone(), *repair));
        }
        let (tag, repair) = LangTag::parse(raw)?;
        if self.langs.len() >= 16 {
            self.langs.remove(0);
        }
        self.langs.push((raw.to_string(), tag.clone(), repair));
        Ok((tag, repair))
    }

    /// Reads a TUV after its start tag. `Ok(None)`: dropped with a warning;
    /// `Err(reason)`: the whole TU must be skipped.
    fn tuv(
        &mut self,
        mut attrs: Vec<(String, String)>,
        lang: Option<&str>,
        pos: u64,
        empty: bool,
    ) -> Result<Result<Option<Tuv>, String>, TmxError> {
        self.d.mark(Mark::Tuv, pos);
        check_values(&mut self.d, &attrs, pos)?;
        let parsed = lang.map(|raw| self.parse_lang(raw));
        let lang = match parsed {
            Some(Ok((tag, repair))) => {
                if repair == TagRepair::Underscore {
                    let msg =
                        format!("language tag {:?} uses `_`; read as {:?}", lang.unwrap_or_default(), tag.as_str());
                    self.d.problem(WarningKind::LangRepaired, pos, msg)?;
                }
                // Written in another case than the canonical tag (`EN-US`,
                // `es-es`): kept as the first attribute, so that export writes
                // it as it came ([`crate::tmx::TmxWriter::write_tu`]).
                if let Some(raw) =
                    lang.map(str::trim).filter(|r| *r != tag.as_str() && r.eq_ignore_ascii_case(tag.as_str()))
                {
                    attrs.insert(0, ("xml:lang".to_string(), raw.to_string()));
                }
                Ok(tag)
            }
            Some(Err(e)) => Err(e.to_string()),
            None => Err("<tuv> without xml:lang (or TMX 1.1 lang); expected a language tag".to_string()),
        };
        let (mut notes, mut props) = (vec![], vec![]);
        let mut seg: Option<Content> = None;
        if !empty {
            loop {
                let (ev, pos) = self.p.next(&mut self.d)?;
                let empty = matches!(ev, Event::Empty(_));
                match ev {
                    Event::End(e) if is(e.name().as_ref(), "tuv") => break,
                    Event::Start(e) | Event::Empty(e) => {
                        if is(e.name().as_ref(), "seg") {
                            let c = if empty { Content::default() } else { self.seg_keeping_space()? };
                            if seg.is_some() {
                                self.d.problem(
                                    WarningKind::UnexpectedElement,
                                    pos,
                                    "second <seg> in a <tuv> ignored".into(),
                                )?;
                            } else {
                                seg = Some(c);
                            }
                        } else if is(e.name().as_ref(), "note") {
                            let a = read_attrs(&mut self.d, &e, pos)?;
                            let n = self.note(a, empty)?;
                            self.charge(pos, &n.value, &n.attrs)?;
                            notes.push(n);
                        } else if is(e.name().as_ref(), "prop") {
                            let a = read_prop_attrs(&mut self.d, &e, pos)?;
                            let p = self.prop(a, pos, empty)?;
                            self.charge(pos, &p.value, &p.attrs)?;
                            props.push(p);
                        } else {
                            let name = e.name().as_ref().to_vec();
                            self.unexpected(&name, pos, empty, "<note>, <prop> or <seg>")?;
                        }
                    }
                    Event::Eof => return Err(self.d.error(pos, "unexpected end of file; expected </tuv>")),
                    _ => {}
                }
            }
        }
        let lang = match lang {
            Ok(l) => l,
            Err(why) => {
                if self.d.strict {
                    return Err(self.d.error(pos, why));
                }
                return Ok(Err(why));
            }
        };
        match seg {
            Some(seg) => Ok(Ok(Some(Tuv { lang, attrs, props, notes, seg }))),
            None => {
                let msg = format!("<tuv xml:lang={:?}> without <seg>; variant dropped", lang.as_str());
                self.d.problem(WarningKind::TuvWithoutSeg, pos, msg)?;
                Ok(Ok(None))
            }
        }
    }
}
