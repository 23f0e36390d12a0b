//! The streaming TMX reader: one [`Tu`] at a time, memory bounded by the
//! largest TU. Never builds a DOM, never fetches a DTD, never expands an
//! entity other than the five XML ones.

use super::decode::{locate, utf8_stream, Counting, Detected};
use super::error::{Location, TmxError, Warning, WarningKind, Warnings};
use super::text::{decode_into, is_xml_char, replace_illegal};
use memoria_core::content::{CodeKind, Content, Inline, InlineCode};
use memoria_core::lang::{LangTag, TagRepair};
use memoria_core::tu::{Header, Note, Prop, Tu, Tuv};
use quick_xml::events::{BytesStart, Event};
use std::collections::HashSet;
use std::hash::{Hash, Hasher};
use std::io::BufRead;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

/// How the reader treats input that is not valid TMX 1.4b.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ReadOptions {
    /// Stop at the first problem of a kind that
    /// [`WarningKind::is_error_in_strict_mode`]; otherwise repair or skip it
    /// and count a warning (recover mode, the default).
    pub strict: bool,
}

/// Where the bytes come from; kept to re-read the start of the input when an
/// error needs a line and column.
enum Source {
    File(PathBuf),
    Memory(Arc<Vec<u8>>),
}

impl Source {
    fn open(&self, counter: Arc<AtomicU64>, replaced: Arc<AtomicU64>) -> std::io::Result<(Box<dyn BufRead>, Detected)> {
        match self {
            Source::File(p) => utf8_stream(Counting::new(std::fs::File::open(p)?, counter), replaced),
            Source::Memory(b) => {
                utf8_stream(Counting::new(std::io::Cursor::new(SharedBytes(b.clone())), counter), replaced)
            }
        }
    }
}

struct SharedBytes(Arc<Vec<u8>>);

impl AsRef<[u8]> for SharedBytes {
    fn as_ref(&self) -> &[u8] {
        &self.0
    }
}

/// Diagnostics state, apart from the parser so that both can be borrowed at
/// once.
struct Diag {
    name: String,
    source: Source,
    strict: bool,
    /// Line of the start of the event being processed.
    line: u64,
    tu: Option<u64>,
    tuid: Option<String>,
    warnings: Warnings,
}

impl Diag {
    fn location(&self, offset: u64) -> Location {
        let (line, column) = match self.source.open(Arc::default(), Arc::default()) {
            Ok((stream, _)) => locate(stream, offset),
            Err(_) => (self.line, 0),
        };
        Location { file: self.name.clone(), line, column, tu: self.tu, tuid: self.tuid.clone() }
    }

    /// An error at byte `offset` of the decoded stream.
    fn error(&self, offset: u64, what: impl Into<String>) -> TmxError {
        TmxError::Invalid { at: self.location(offset), what: what.into() }
    }

    /// A problem of `kind` at `offset` (on `line`): an error in strict mode
    /// when the kind is one, else a warning.
    fn problem(&mut self, kind: WarningKind, offset: u64, line: u64, message: String) -> Result<(), TmxError> {
        if self.strict && kind.is_error_in_strict_mode() {
            return Err(self.error(offset, message));
        }
        self.warnings.push(Warning {
            kind,
            file: self.name.clone(),
            line,
            tu: self.tu,
            tuid: self.tuid.clone(),
            message,
        });
        Ok(())
    }
}

/// The XML event source with its reusable buffer.
struct Parser {
    xml: quick_xml::Reader<Box<dyn BufRead>>,
    buf: Vec<u8>,
    pending_lines: u64,
}

impl Parser {
    /// The next event and the byte offset where it starts.
    fn next<'b>(&'b mut self, d: &mut Diag) -> Result<(Event<'b>, u64), TmxError> {
        d.line += self.pending_lines;
        self.buf.clear();
        let pos = self.xml.buffer_position();
        match self.xml.read_event_into(&mut self.buf) {
            Ok(ev) => {
                self.pending_lines = memchr::memchr_iter(b'\n', &ev).count() as u64;
                Ok((ev, pos))
            }
            Err(e) => Err(d.error(self.xml.error_position(), format!("not well-formed XML: {e}"))),
        }
    }
}

/// Element names compare case-insensitively (field files write `<TU>`).
fn is(name: &[u8], want: &str) -> bool {
    name.eq_ignore_ascii_case(want.as_bytes())
}

/// A streaming reader of one TMX document.
///
/// ```
/// use memoria::tmx::{ReadOptions, TmxReader};
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
    tuids: HashSet<u64>,
    tus_seen: u64,
    done: bool,
}

impl TmxReader {
    /// Opens `path` and reads up to the start of `<body>` (the header is then
    /// available). Errors name the file as `path` displays.
    pub fn open(path: &Path, opts: ReadOptions) -> Result<TmxReader, TmxError> {
        Self::start(Source::File(path.to_path_buf()), path.display().to_string(), opts)
    }

    /// Reads a TMX document held in memory; `name` is used in messages.
    pub fn from_bytes(bytes: Vec<u8>, name: &str, opts: ReadOptions) -> Result<TmxReader, TmxError> {
        Self::start(Source::Memory(Arc::new(bytes)), name.to_string(), opts)
    }

    fn start(source: Source, name: String, opts: ReadOptions) -> Result<TmxReader, TmxError> {
        let bytes_read = Arc::new(AtomicU64::new(0));
        let replaced = Arc::new(AtomicU64::new(0));
        let (stream, detected) = source
            .open(bytes_read.clone(), replaced.clone())
            .map_err(|source| TmxError::Io { file: name.clone(), source })?;
        let mut xml = quick_xml::Reader::from_reader(stream);
        xml.config_mut().trim_text(false);
        let mut r = TmxReader {
            p: Parser { xml, buf: Vec::with_capacity(4096), pending_lines: 0 },
            d: Diag { name, source, strict: opts.strict, line: 1, tu: None, tuid: None, warnings: Warnings::default() },
            header: Header::default(),
            version: String::new(),
            detected,
            bytes_read,
            replaced,
            tuids: HashSet::new(),
            tus_seen: 0,
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
                }
                Event::Start(e) if is(e.name().as_ref(), "header") => {
                    self.header.attrs = read_attrs(&mut self.d, &e, pos)?;
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
                    self.d.problem(
                        WarningKind::UnexpectedElement,
                        pos,
                        self.d.line,
                        "text outside <seg> ignored".into(),
                    )?;
                }
                _ => {}
            }
        }
    }

    fn check_header(&mut self, pos: u64) -> Result<(), TmxError> {
        if self.header.attrs.is_empty() && self.header.props.is_empty() {
            let line = self.d.line;
            self.d.problem(WarningKind::UnexpectedElement, pos, line, "no <header> before <body>".into())?;
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
                }
                Event::Start(e) | Event::Empty(e) => {
                    if is(e.name().as_ref(), "note") {
                        let a = read_attrs(&mut self.d, &e, pos)?;
                        let n = self.note(a, empty)?;
                        self.header.notes.push(n);
                    } else if is(e.name().as_ref(), "prop") {
                        let a = read_attrs(&mut self.d, &e, pos)?;
                        let p = self.prop(a, pos, empty)?;
                        self.header.props.push(p);
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
        let line = self.d.line;
        self.d.problem(
            WarningKind::UnexpectedElement,
            pos,
            line,
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
        let mut out = String::new();
        if empty {
            return Ok(out);
        }
        loop {
            let (ev, pos) = self.p.next(&mut self.d)?;
            let empty = matches!(ev, Event::Empty(_));
            match ev {
                Event::Text(t) => {
                    let mut probs = Vec::new();
                    decode_into(&t, false, &mut out, &mut |k, at, m| probs.push((k, at, m)));
                    let line = self.d.line;
                    for (k, at, m) in probs {
                        if k == WarningKind::IllegalChar {
                            replace_illegal(&mut out);
                        }
                        self.d.problem(k, pos + at as u64, line, m)?;
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

    fn prop(&mut self, mut attrs: Vec<(String, String)>, pos: u64, empty: bool) -> Result<Prop, TmxError> {
        let ptype = match attrs.iter().position(|(k, _)| k == "type") {
            Some(i) => attrs.remove(i).1,
            None => {
                let line = self.d.line;
                self.d.problem(WarningKind::UnexpectedElement, pos, line, "<prop> without type attribute".into())?;
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
            let line = self.d.line;
            let msg = format!("bytes that are not valid {}, replaced by U+FFFD", self.detected.encoding.name());
            self.d.problem(WarningKind::BadEncoding, 0, line, msg)?;
        }
        Ok(())
    }

    /// Reads a TU after its start tag. `None`: skipped (recover mode).
    fn tu(&mut self, attrs: Vec<(String, String)>, pos: u64) -> Result<Option<Tu>, TmxError> {
        self.tus_seen += 1;
        self.d.tu = Some(self.tus_seen);
        self.d.tuid = attrs.iter().find(|(k, _)| k == "tuid").map(|(_, v)| v.clone());
        if let Some(id) = &self.d.tuid {
            let mut h = std::collections::hash_map::DefaultHasher::new();
            id.hash(&mut h);
            if !self.tuids.insert(h.finish()) {
                let (line, msg) = (self.d.line, format!("tuid {id:?} used by an earlier TU"));
                self.d.problem(WarningKind::DuplicateTuid, pos, line, msg)?;
            }
        }
        check_values(&mut self.d, &attrs, pos)?;
        let mut tu = Tu { attrs, ..Tu::default() };
        let mut bad: Option<String> = None;
        loop {
            let (ev, pos) = self.p.next(&mut self.d)?;
            let empty = matches!(ev, Event::Empty(_));
            match ev {
                Event::End(e) if is(e.name().as_ref(), "tu") => break,
                Event::Start(e) | Event::Empty(e) => {
                    if is(e.name().as_ref(), "tuv") {
                        let a = read_attrs(&mut self.d, &e, pos)?;
                        match self.tuv(a, pos, empty)? {
                            Ok(Some(v)) => tu.tuvs.push(v),
                            Ok(None) => {}
                            Err(why) => bad = bad.or(Some(why)),
                        }
                    } else if is(e.name().as_ref(), "note") {
                        let a = read_attrs(&mut self.d, &e, pos)?;
                        let n = self.note(a, empty)?;
                        tu.notes.push(n);
                    } else if is(e.name().as_ref(), "prop") {
                        let a = read_attrs(&mut self.d, &e, pos)?;
                        let p = self.prop(a, pos, empty)?;
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
                let line = self.d.line;
                self.d.problem(WarningKind::SkippedTu, pos, line, format!("{why}; TU skipped"))?;
                Ok(None)
            }
        }
    }

    /// Reads a TUV after its start tag. `Ok(None)`: dropped with a warning;
    /// `Err(reason)`: the whole TU must be skipped.
    fn tuv(
        &mut self,
        mut attrs: Vec<(String, String)>,
        pos: u64,
        empty: bool,
    ) -> Result<Result<Option<Tuv>, String>, TmxError> {
        // xml:lang, else TMX 1.1 `lang`; the other one, if both, stays.
        let at = attrs
            .iter()
            .position(|(k, _)| k.eq_ignore_ascii_case("xml:lang"))
            .or_else(|| attrs.iter().position(|(k, _)| k.eq_ignore_ascii_case("lang")));
        let lang = at.map(|i| attrs.remove(i).1);
        check_values(&mut self.d, &attrs, pos)?;
        let line = self.d.line;
        let lang = match lang.as_deref().map(LangTag::parse) {
            Some(Ok((tag, repair))) => {
                if repair == TagRepair::Underscore {
                    let msg =
                        format!("language tag {:?} uses `_`; read as {:?}", lang.unwrap_or_default(), tag.as_str());
                    self.d.problem(WarningKind::LangRepaired, pos, line, msg)?;
                }
                Ok(tag)
            }
            Some(Err(e)) => Err(e.to_string()),
            None => Err("<tuv> without xml:lang (or TMX 1.1 lang); expected a language tag".to_string()),
        };
        let mut tuv = Tuv {
            lang: LangTag::new("und").expect("valid tag"),
            attrs,
            props: vec![],
            notes: vec![],
            seg: Content::default(),
        };
        let mut seg: Option<Content> = None;
        if !empty {
            loop {
                let (ev, pos) = self.p.next(&mut self.d)?;
                let empty = matches!(ev, Event::Empty(_));
                match ev {
                    Event::End(e) if is(e.name().as_ref(), "tuv") => break,
                    Event::Start(e) | Event::Empty(e) => {
                        if is(e.name().as_ref(), "seg") {
                            let c = if empty { Content::default() } else { self.seg()? };
                            if seg.is_some() {
                                let line = self.d.line;
                                self.d.problem(
                                    WarningKind::UnexpectedElement,
                                    pos,
                                    line,
                                    "second <seg> in a <tuv> ignored".into(),
                                )?;
                            } else {
                                seg = Some(c);
                            }
                        } else if is(e.name().as_ref(), "note") {
                            let a = read_attrs(&mut self.d, &e, pos)?;
                            let n = self.note(a, empty)?;
                            tuv.notes.push(n);
                        } else if is(e.name().as_ref(), "prop") {
                            let a = read_attrs(&mut self.d, &e, pos)?;
                            let p = self.prop(a, pos, empty)?;
                            tuv.props.push(p);
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
        tuv.lang = lang;
        match seg {
            Some(c) => {
                tuv.seg = c;
                Ok(Ok(Some(tuv)))
            }
            None => {
                let msg = format!("<tuv xml:lang={:?}> without <seg>; variant dropped", tuv.lang.as_str());
                self.d.problem(WarningKind::TuvWithoutSeg, pos, line, msg)?;
                Ok(Ok(None))
            }
        }
    }

    /// Reads a `<seg>`'s content after its start tag: text and inline codes.
    fn seg(&mut self) -> Result<Content, TmxError> {
        let mut items: Vec<Inline> = Vec::new();
        let mut open: Vec<InlineCode> = Vec::new();
        loop {
            let (ev, pos) = self.p.next(&mut self.d)?;
            let empty = matches!(ev, Event::Empty(_));
            match ev {
                Event::Text(t) => {
                    let mut s = String::new();
                    let mut probs = Vec::new();
                    decode_into(&t, false, &mut s, &mut |k, at, m| probs.push((k, at, m)));
                    let illegal = probs.iter().any(|p| p.0 == WarningKind::IllegalChar);
                    for (k, at, m) in probs {
                        let line = self.d.line + memchr::memchr_iter(b'\n', &t[..at]).count() as u64;
                        self.d.problem(k, pos + at as u64, line, m)?;
                    }
                    let target = open.last_mut().map_or(&mut items, |c| &mut c.content);
                    if illegal {
                        push_with_ctrl_codes(target, &s);
                    } else {
                        push_text(target, s);
                    }
                }
                Event::CData(t) => {
                    let mut s = String::new();
                    cdata_into(&t, &mut s);
                    push_text(open.last_mut().map_or(&mut items, |c| &mut c.content), s);
                }
                Event::Start(e) | Event::Empty(e) => {
                    let name = e.name();
                    let lower = std::str::from_utf8(name.as_ref()).unwrap_or("?").to_ascii_lowercase();
                    let kind = CodeKind::from_element(&lower);
                    let kind = match kind {
                        CodeKind::Foreign(_) => {
                            let n = String::from_utf8_lossy(name.as_ref()).into_owned();
                            let line = self.d.line;
                            let msg = format!("<{n}> is not a TMX inline element; kept as an opaque code");
                            self.d.problem(WarningKind::ForeignInline, pos, line, msg)?;
                            CodeKind::Foreign(n)
                        }
                        k => k,
                    };
                    let code = InlineCode { kind, attrs: read_attrs(&mut self.d, &e, pos)?, content: vec![] };
                    if empty {
                        open.last_mut().map_or(&mut items, |c| &mut c.content).push(Inline::Code(code));
                    } else {
                        open.push(code);
                    }
                }
                Event::End(e) => match open.pop() {
                    Some(code) => {
                        if !e.name().as_ref().eq_ignore_ascii_case(code.kind.element().as_bytes()) {
                            return Err(self.d.error(
                                pos,
                                format!("</{}> closes <{}>", String::from_utf8_lossy(&e), code.kind.element()),
                            ));
                        }
                        open.last_mut().map_or(&mut items, |c| &mut c.content).push(Inline::Code(code));
                    }
                    None => return Ok(Content { items }),
                },
                Event::Eof => return Err(self.d.error(pos, "unexpected end of file; expected </seg>")),
                _ => {}
            }
        }
    }
}

/// Appends text to a content list, merging with a preceding text run.
fn push_text(items: &mut Vec<Inline>, s: String) {
    if s.is_empty() {
        return;
    }
    match items.last_mut() {
        Some(Inline::Text(t)) => t.push_str(&s),
        _ => items.push(Inline::Text(s)),
    }
}

/// The code a character illegal in XML 1.0 becomes inside a segment:
/// `<ph type="x-ctrl">U+000B</ph>` (kept visible as a code, never emitted raw).
pub fn ctrl_code(c: char) -> Inline {
    Inline::Code(InlineCode {
        kind: CodeKind::Ph,
        attrs: vec![("type".into(), "x-ctrl".into())],
        content: vec![Inline::Text(format!("U+{:04X}", c as u32))],
    })
}

/// Appends text in which illegal characters become [`ctrl_code`]s.
pub fn push_with_ctrl_codes(items: &mut Vec<Inline>, s: &str) {
    let mut run = String::new();
    for c in s.chars() {
        if is_xml_char(c) {
            run.push(c);
        } else {
            push_text(items, std::mem::take(&mut run));
            items.push(ctrl_code(c));
        }
    }
    push_text(items, run);
}

/// CDATA content: copied, line ends normalised, illegal characters replaced.
fn cdata_into(raw: &[u8], out: &mut String) {
    let s = String::from_utf8_lossy(raw);
    let s = s.replace("\r\n", "\n").replace('\r', "\n");
    out.extend(s.chars().map(|c| if is_xml_char(c) { c } else { '\u{FFFD}' }));
}

/// The attributes of a start tag, in order, names verbatim, values decoded.
fn read_attrs(d: &mut Diag, e: &BytesStart, pos: u64) -> Result<Vec<(String, String)>, TmxError> {
    let mut out = Vec::new();
    for a in e.attributes() {
        let a = match a {
            Ok(a) => a,
            Err(err) => return Err(d.error(pos, format!("bad attribute: {err}"))),
        };
        let key = String::from_utf8_lossy(a.key.as_ref()).into_owned();
        let mut value = String::with_capacity(a.value.len());
        let mut probs = Vec::new();
        decode_into(&a.value, true, &mut value, &mut |k, _, m| probs.push((k, m)));
        let line = d.line;
        for (k, m) in probs {
            if k == WarningKind::IllegalChar {
                replace_illegal(&mut value);
            }
            d.problem(k, pos, line, format!("attribute {key}: {m}"))?;
        }
        out.push((key, value));
    }
    Ok(out)
}

/// Warns about dates not in `YYYYMMDDThhmmssZ` and non-numeric usage counts.
fn check_values(d: &mut Diag, attrs: &[(String, String)], pos: u64) -> Result<(), TmxError> {
    for (k, v) in attrs {
        let line = d.line;
        match k.as_str() {
            "creationdate" | "changedate" | "lastusagedate" if !is_tmx_date(v) => {
                d.problem(WarningKind::BadDate, pos, line, format!("{k}={v:?} is not a TMX date YYYYMMDDThhmmssZ"))?
            }
            "usagecount" if v.is_empty() || !v.bytes().all(|b| b.is_ascii_digit()) => {
                d.problem(WarningKind::BadNumber, pos, line, format!("usagecount={v:?} is not an integer"))?
            }
            _ => {}
        }
    }
    Ok(())
}

/// True for `YYYYMMDDThhmmssZ` (TMX 1.4b §3.2 date format).
pub fn is_tmx_date(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 16
        && b[8] == b'T'
        && b[15] == b'Z'
        && b[..8].iter().all(u8::is_ascii_digit)
        && b[9..15].iter().all(u8::is_ascii_digit)
}
