//! Reading XLIFF 1.1, 1.2, 2.0 and 2.1, streaming: an [`XliffReader`] gives
//! one [`XUnit`] (a source segment with its target) at a time, in document
//! order, whatever the file's size. The version is told by the root
//! element and its namespace, never by the file name; the encoding by the
//! byte-order mark and the XML declaration (UTF-8, UTF-16, windows-1252…,
//! as the TMX reader detects them). DTDs are never fetched and no entity but
//! the five of XML is expanded. Malformed XML is an error naming line and
//! column of the stream.
//!
//! A 1.2 `trans-unit` segmented by a CAT tool (Okapi, Trados, memoQ: a
//! `<seg-source>` whose `<mrk mtype="seg" mid="…">` elements are the
//! segments, and the same `mrk`s in the `<target>`) gives one unit per
//! segment, paired by `mid`; a 2.x `<unit>` gives one per `<segment>`.
//! `<mrk>` (1.2 and 2.x) is an annotation, not an inline code of the
//! original: its content is read as if it were not there, and the 2.x
//! annotation markers `<sm/>`/`<em/>` are dropped (XLIFF 1.2 §2.4.1 `mrk`,
//! XLIFF 2.1 §4.7.2.4 `mrk`, `sm`, `em`). Candidates (`<alt-trans>`, 2.x
//! `<mtc:matches>`) are suggestions and never units.
//!
//! Inline codes map onto the TU model so that matching sees clean text and
//! a TMX writer writes valid TMX 1.4b: 1.2 `bpt ept it ph` keep their native
//! data as TMX's own codes (`id`/`rid` → `i`, `id` → `x`, `ctype` → `type`,
//! `pos` open/close → begin/end); 1.2 `g` and 2.x `pc`, which wrap
//! translatable text, become TMX `hi` (`id` → `x`, `ctype` → `type`); 2.x
//! `sc ec ph` take their native data from the unit's `<originalData>`; the
//! placeholders without native data (1.2 `x bx ex`, 2.x codes without data)
//! are kept whole, every attribute included (`equiv-text`, `disp`,
//! `dataRef`), as foreign codes.
//!
//! Producer extensions are kept for [`super::classify`]: Trados SDLXLIFF
//! `sdl:seg conf` per segment, memoQ `mq:status`, WorldServer `iws:status`.
//! A namespace memoria does not know is reported once as a warning.

mod inline;
mod model;
mod window;

use crate::tmx::limit::MAX_INLINE_DEPTH;
use inline::{
    attr, attr_is, attributes, code, iso_to_tmx, local, local_name, parse_range, prefix, push_text, sdl_to_tmx, text,
    utf8, value,
};
use memoria_core::content::{Content, Inline};
use model::KNOWN_NAMESPACES;
pub use model::{ProducerStatus, ReadError, XFile, XUnit};
use quick_xml::events::{BytesStart, Event};
use std::collections::{BTreeSet, VecDeque};
use std::io::Read;
use std::ops::Range;
use std::sync::atomic::AtomicU64;
use std::sync::Arc;
use window::{Ev, Window, WindowError};

/// The unit being read.
#[derive(Default)]
struct Open {
    unit_id: String,
    resname: Option<String>,
    line: usize,
    translate: bool,
    approved: bool,
    memoq: Option<String>,
    iws: Option<ProducerStatus>,
    changer: Option<String>,
    changed: Option<String>,
    source: Content,
    target: Option<Content>,
    state: Option<String>,
    seg_source: Segs,
    target_segs: Segs,
    /// SDLXLIFF `sdl:seg` of each `mid`: (mid, conf, changer, changed).
    sdl: Vec<(String, Option<String>, Option<String>, Option<String>)>,
    range: Option<Range<usize>>,
    /// 2.x: segments read so far.
    segments: usize,
    /// 2.x `<originalData>`: the native data of each `dataRef`.
    data: Vec<(String, String)>,
}

/// A streaming XLIFF reader.
pub struct XliffReader {
    src: Window,
    encoding: &'static str,
    version: String,
    v2: bool,
    files: Vec<XFile>,
    /// `translate` of the open `<file>`, `<group>`s (and 2.x unit).
    translate: Vec<bool>,
    open: Option<Open>,
    pending: VecDeque<XUnit>,
    warnings: Vec<String>,
    unknown: BTreeSet<String>,
    /// Prefixes bound to an XLIFF namespace (`xlf:` in TYPO3's files).
    xliff_prefixes: Vec<String>,
    /// 2.x root languages.
    src_lang: Option<String>,
    trg_lang: Option<String>,
    done: bool,
    /// Finds `xmlns` among an element's attributes.
    xmlns: memchr::memmem::Finder<'static>,
    /// Inline elements open in the content being read.
    depth: usize,
}

impl XliffReader {
    /// Starts reading `src` (any encoding XML allows): reads up to the
    /// root element and checks it is `<xliff>`.
    pub fn new(src: impl Read + 'static) -> Result<XliffReader, ReadError> {
        let io = |e: std::io::Error| ReadError { line: 1, column: 1, what: format!("cannot read: {e}") };
        let (utf8, detected) = crate::tmx::decode::utf8_source(src, Arc::new(AtomicU64::new(0))).map_err(io)?;
        let mut x = XliffReader {
            src: Window::new(Box::new(utf8)),
            encoding: detected.encoding.name(),
            version: String::new(),
            v2: false,
            files: Vec::new(),
            translate: Vec::new(),
            open: None,
            pending: VecDeque::new(),
            warnings: Vec::new(),
            unknown: BTreeSet::new(),
            xliff_prefixes: Vec::new(),
            src_lang: None,
            trg_lang: None,
            done: false,
            xmlns: memchr::memmem::Finder::new(b"xmlns"),
            depth: 0,
        };
        x.read_root()?;
        Ok(x)
    }

    /// Reads a whole XLIFF document held in memory.
    pub fn from_bytes(bytes: Vec<u8>) -> Result<XliffReader, ReadError> {
        XliffReader::new(std::io::Cursor::new(bytes))
    }

    /// The `version` attribute of the root (`1.2`, `2.1`, …).
    pub fn version(&self) -> &str {
        &self.version
    }

    /// The encoding the file is read in (`UTF-8`, `UTF-16LE`, `windows-1252`…).
    pub fn encoding(&self) -> &'static str {
        self.encoding
    }

    /// Whether the document is XLIFF 2.x.
    pub fn is_v2(&self) -> bool {
        self.v2
    }

    /// The `<file>`s seen so far.
    pub fn files(&self) -> &[XFile] {
        &self.files
    }

    /// Warnings so far (unknown extension namespaces, each once).
    pub fn warnings(&self) -> &[String] {
        &self.warnings
    }

    fn err(&mut self, what: String) -> ReadError {
        let at = self.src.position();
        let (line, column) = self.src.line_col(at);
        ReadError { line, column, what }
    }

    /// The next event and the offset where it starts; `context` ends the
    /// message of malformed XML.
    #[inline]
    fn next_event(&mut self, context: &str) -> Result<(Ev, u64), ReadError> {
        match self.src.next() {
            Ok(ev) => Ok(ev),
            Err(e) => Err(self.window_error(e, context)),
        }
    }

    /// The error of [`Self::next_event`] (apart: the formatting would
    /// weigh on every event's call).
    #[cold]
    #[inline(never)]
    fn window_error(&mut self, e: WindowError, context: &str) -> ReadError {
        match e {
            WindowError::Xml(e) => self.err(format!("malformed XML: {e}{context}")),
            WindowError::Io(e) => self.err(format!("cannot read: {e}")),
            WindowError::TooLong(at) => {
                let (line, column) = self.src.line_col(at);
                let what = format!("a tag or text longer than {} MiB", window::MAX_EVENT >> 20);
                ReadError { line, column, what }
            }
        }
    }

    fn read_root(&mut self) -> Result<(), ReadError> {
        loop {
            let (ev, start) = self.next_event("; expected XLIFF")?;
            match ev.get() {
                Event::Start(e) | Event::Empty(e) => {
                    let name = local(e);
                    if name != "xliff" {
                        return Err(self.err(format!("root element is <{name}>; expected <xliff>")));
                    }
                    self.version = attr(e, "version").unwrap_or_default();
                    let ns = attr(e, "xmlns").unwrap_or_default();
                    self.v2 = self.version.starts_with('2') || ns.ends_with(":2.0");
                    self.src_lang = attr(e, "srcLang");
                    self.trg_lang = attr(e, "trgLang");
                    self.namespaces(e);
                    return Ok(());
                }
                Event::Text(t) if !t.iter().all(u8::is_ascii_whitespace) => {
                    let lead = t.iter().take_while(|b| b.is_ascii_whitespace()).count() as u64;
                    let (line, column) = self.src.line_col(start + lead);
                    return Err(ReadError {
                        line,
                        column,
                        what: "text before any element; expected an XLIFF 1.2 or 2.x document".into(),
                    });
                }
                Event::Eof => {
                    return Err(ReadError {
                        line: 1,
                        column: 1,
                        what: "no <xliff> element; expected XLIFF 1.2 or 2.x".into(),
                    })
                }
                _ => {}
            }
        }
    }

    /// Notes the namespaces an element declares that memoria does not know.
    fn namespaces(&mut self, e: &BytesStart) {
        // Most elements have no `x` among their attributes (a loop over a
        // few bytes costs less than a call of the search).
        let raw = e.attributes_raw();
        if !raw.contains(&b'x') || self.xmlns.find(raw).is_none() {
            return;
        }
        for a in attributes(e) {
            let key = a.key.as_ref();
            if key == b"xmlns" || key.starts_with(b"xmlns:") {
                let uri = value(&a).map(|v| v.into_owned()).unwrap_or_default();
                if uri.starts_with("urn:oasis:names:tc:xliff:document:") && key.len() > 6 {
                    self.xliff_prefixes.push(String::from_utf8_lossy(&key[6..]).into_owned());
                }
                if !KNOWN_NAMESPACES.contains(&uri.as_str()) && self.unknown.insert(uri.clone()) {
                    self.warnings.push(format!("unknown extension namespace {uri:?} ignored"));
                }
            }
        }
    }

    /// The next unit, or `None` at the end of the document.
    pub fn next_unit(&mut self) -> Result<Option<XUnit>, ReadError> {
        loop {
            if let Some(u) = self.pending.pop_front() {
                return Ok(Some(u));
            }
            if self.done {
                return Ok(None);
            }
            self.step()?;
        }
    }

    /// Reads one event outside inline content.
    fn step(&mut self) -> Result<(), ReadError> {
        let (ev, start) = self.next_event("")?;
        match ev.get() {
            Event::Start(e) => self.start(e, start, false),
            Event::Empty(e) => self.start(e, start, true),
            Event::End(e) => {
                self.end(&utf8(local_name(e.name().into_inner())));
                Ok(())
            }
            Event::Eof if self.open.is_some() => Err(self.err("file ends inside a unit".into())),
            Event::Eof => {
                self.done = true;
                Ok(())
            }
            _ => Ok(()),
        }
    }

    fn inherited_translate(&self) -> bool {
        self.translate.last().copied().unwrap_or(true)
    }

    fn start(&mut self, e: &BytesStart, at: u64, empty: bool) -> Result<(), ReadError> {
        self.namespaces(e);
        let name = local(e);
        // An XLIFF element may carry a prefix bound to the XLIFF namespace.
        let prefix = prefix(e).filter(|p| !self.xliff_prefixes.iter().any(|x| x == p));
        let translate = |inherited: bool| match attr(e, "translate").as_deref() {
            Some("no") => false,
            Some("yes") => true,
            _ => inherited,
        };
        match (&*name, prefix.as_deref()) {
            ("file", None) => {
                let (s, t) = if self.v2 {
                    (self.src_lang.clone(), self.trg_lang.clone())
                } else {
                    (attr(e, "source-language"), attr(e, "target-language"))
                };
                self.files.push(XFile {
                    original: attr(e, "original").unwrap_or_default(),
                    source_language: s,
                    target_language: t,
                    ..XFile::default()
                });
                self.translate.clear();
                let t = translate(true);
                self.translate.push(t);
            }
            ("group", None) if !empty => {
                let t = translate(self.inherited_translate());
                self.translate.push(t);
            }
            ("external-file", None) | ("skeleton", None) => {
                if let Some(f) = self.files.last_mut() {
                    f.skeleton = attr(e, "href");
                    f.checksum = attr(e, "crc");
                }
                if name == "skeleton" && !empty {
                    self.skip_element("skeleton")?;
                }
            }
            ("trans-unit", None) | ("unit", None) => {
                let (line, _) = self.src.line_col(at);
                let mut o = Open { line, translate: self.inherited_translate(), ..Open::default() };
                // One pass over the attributes (a unit has many: memoQ's,
                // SDL's, resname…).
                let name_key: &[u8] = if self.v2 { b"name" } else { b"resname" };
                for a in attributes(e) {
                    let value = || value(&a).map(|v| v.into_owned()).unwrap_or_default();
                    match a.key.as_ref() {
                        b"id" => o.unit_id = value(),
                        k if k == name_key => o.resname = Some(value()),
                        b"translate" => match &*value() {
                            "no" => o.translate = false,
                            "yes" => o.translate = true,
                            _ => {}
                        },
                        b"approved" => o.approved = value() == "yes",
                        b"mq:status" => o.memoq = Some(value()),
                        b"mq:lastchanginguser" => o.changer = Some(value()),
                        b"mq:lastchangedtimestamp" => o.changed = iso_to_tmx(&value()),
                        _ => {}
                    }
                }
                self.open = Some(o);
                if empty {
                    self.end(&name);
                }
            }
            ("segment", None) if self.v2 && !empty => {
                let (mut id, mut state) = (None, None);
                for a in attributes(e) {
                    let value = || value(&a).map(|v| v.into_owned());
                    match a.key.as_ref() {
                        b"id" => id = value(),
                        b"state" => state = value(),
                        _ => {}
                    }
                }
                self.read_segment_2x(id, state)?;
            }
            ("source", None) | ("target", None) if !empty => {
                let state = if name == "target" { attr(e, "state") } else { None };
                let (c, segs) = self.read_content(&name)?;
                if let Some(o) = self.open.as_mut() {
                    if name == "source" {
                        o.source = c;
                    } else {
                        o.target_segs = segs;
                        o.target = Some(c);
                        if state.is_some() {
                            o.state = state;
                        }
                    }
                }
            }
            ("target", None) => {
                if let Some(o) = self.open.as_mut() {
                    o.target = Some(Content::default());
                    o.state = attr(e, "state").or(o.state.take());
                }
            }
            ("seg-source", None) if !empty => {
                let segs = self.read_content("seg-source")?.1;
                if let Some(o) = self.open.as_mut() {
                    o.seg_source = segs;
                }
            }
            ("context", None) if !empty && attr_is(e, "context-type", "x-range") => {
                let text = self.read_text("context")?;
                if let Some(o) = self.open.as_mut() {
                    o.range = parse_range(&text);
                }
            }
            ("note", None) if self.v2 && !empty && attr_is(e, "category", "memoria:checksum") => {
                let text = self.read_text("note")?;
                if let Some(f) = self.files.last_mut() {
                    f.checksum = Some(text.trim().to_string());
                }
            }
            ("note", None) if self.v2 && !empty && attr_is(e, "category", "memoria:range") => {
                let text = self.read_text("note")?;
                if let Some(o) = self.open.as_mut() {
                    o.range = parse_range(&text);
                }
            }
            ("seg", Some("sdl")) => {
                if let Some(o) = self.open.as_mut() {
                    o.sdl.push((
                        attr(e, "id").unwrap_or_default(),
                        attr(e, "conf"),
                        attr(e, "last_modified_by").or_else(|| attr(e, "created_by")),
                        attr(e, "modified_on").or_else(|| attr(e, "created_on")).and_then(|d| sdl_to_tmx(&d)),
                    ));
                }
                if !empty {
                    // Its children (`sdl:value`…) say nothing of the state.
                    self.skip_element("seg")?;
                }
            }
            ("status", Some("iws")) => {
                if let Some(o) = self.open.as_mut() {
                    o.iws = Some(ProducerStatus::WorldServer {
                        translation_status: attr(e, "translation_status"),
                        target_content: attr(e, "target_content"),
                    });
                }
                if !empty {
                    self.skip_element("status")?;
                }
            }
            ("originalData", None) if self.v2 && !empty && self.open.is_some() => {
                let data = self.read_original_data()?;
                if let Some(o) = self.open.as_mut() {
                    o.data = data;
                }
            }
            ("alt-trans" | "matches" | "originalData" | "note" | "glossary" | "metadata" | "internal-file", _)
                if !empty =>
            {
                self.skip_element(&name)?;
            }
            _ => {}
        }
        Ok(())
    }

    fn end(&mut self, name: &str) {
        match name {
            "trans-unit" | "unit" => {
                if let Some(o) = self.open.take() {
                    if !self.v2 {
                        self.push_12(o);
                    }
                }
            }
            "group" => {
                self.translate.pop();
            }
            _ => {}
        }
    }

    /// Queues the units of a finished 1.2 `trans-unit`: one, or one per
    /// `<seg-source>` segment paired by `mid` with the target's.
    fn push_12(&mut self, mut o: Open) {
        let file = self.files.len().saturating_sub(1);
        let producer_for = |mid: Option<&str>| -> Option<ProducerStatus> {
            if !o.sdl.is_empty() {
                let conf = match mid {
                    Some(m) => o.sdl.iter().find(|(id, ..)| id == m).and_then(|(_, c, ..)| c.clone()),
                    None => o.sdl.first().and_then(|(_, c, ..)| c.clone()),
                };
                return Some(ProducerStatus::Sdl(conf));
            }
            o.memoq.clone().map(ProducerStatus::MemoQ).or_else(|| o.iws.clone())
        };
        let sdl_dates = |mid: Option<&str>| {
            let seg = match mid {
                Some(m) => o.sdl.iter().find(|(id, ..)| id == m),
                None => o.sdl.first(),
            };
            seg.map(|(_, _, who, when)| (who.clone(), when.clone()))
        };
        let unit = |id: String, mid: Option<&str>, source: Content, target: Option<Content>| {
            let (changer, changed) = sdl_dates(mid).unwrap_or((o.changer.clone(), o.changed.clone()));
            XUnit {
                id,
                unit_id: o.unit_id.clone(),
                resname: o.resname.clone(),
                file,
                line: o.line,
                source,
                target,
                state: o.state.clone(),
                approved: o.approved,
                translate: o.translate,
                producer: producer_for(mid),
                range: o.range.clone(),
                changer,
                changed,
            }
        };
        if o.seg_source.is_empty() || (o.target.is_some() && o.target_segs.is_empty()) {
            // One unit: its fields move into it.
            let producer = producer_for(None);
            let (changer, changed) = sdl_dates(None).unwrap_or((o.changer.take(), o.changed.take()));
            self.pending.push_back(XUnit {
                id: o.unit_id.clone(),
                unit_id: o.unit_id,
                resname: o.resname,
                file,
                line: o.line,
                source: o.source,
                target: o.target,
                state: o.state,
                approved: o.approved,
                translate: o.translate,
                producer,
                range: o.range,
                changer,
                changed,
            });
            return;
        }
        for (mid, source) in &o.seg_source {
            let target = o
                .target
                .as_ref()
                .map(|_| o.target_segs.iter().find(|(m, _)| m == mid).map(|(_, c)| c.clone()).unwrap_or_default());
            let u = unit(format!("{}:{mid}", o.unit_id), Some(mid), source.clone(), target);
            self.pending.push_back(u);
        }
    }

    /// Reads a 2.x `<segment>` to its end and queues it as a unit.
    fn read_segment_2x(&mut self, id: Option<String>, state: Option<String>) -> Result<(), ReadError> {
        let (mut source, mut target) = (Content::default(), None);
        loop {
            let (ev, _) = self.next_event("")?;
            match ev.get() {
                Event::Start(e) => match local_name(e.name().into_inner()) {
                    b"source" => source = self.read_content("source")?.0,
                    b"target" => target = Some(self.read_content("target")?.0),
                    _ => {
                        let name = local(e);
                        self.skip_element(&name)?
                    }
                },
                Event::Empty(e) if local_name(e.name().into_inner()) == b"target" => target = Some(Content::default()),
                Event::End(e) if local_name(e.name().into_inner()) == b"segment" => break,
                Event::Eof => return Err(self.err("file ends inside <segment>".into())),
                _ => {}
            }
        }
        let file = self.files.len().saturating_sub(1);
        let Some(o) = self.open.as_mut() else { return Ok(()) };
        o.segments += 1;
        let id = id.unwrap_or_else(|| format!("{}#{}", o.unit_id, o.segments));
        self.pending.push_back(XUnit {
            id,
            unit_id: o.unit_id.clone(),
            resname: o.resname.clone(),
            file,
            line: o.line,
            source,
            target,
            state,
            approved: false,
            translate: o.translate,
            producer: None,
            range: o.range.clone(),
            changer: None,
            changed: None,
        });
        Ok(())
    }

    /// The `<data id>` entries of a 2.x `<originalData>` just opened.
    fn read_original_data(&mut self) -> Result<Vec<(String, String)>, ReadError> {
        let mut data = Vec::new();
        loop {
            let (ev, _) = self.next_event("")?;
            match ev.get() {
                Event::Start(e) if local(e) == "data" => {
                    let id = attr(e, "id").unwrap_or_default();
                    let native = self.read_content("data")?.0;
                    // `<cp hex="…"/>` inside data is a foreign code: its text is what is kept.
                    data.push((id, native.plain_text()));
                }
                Event::End(e) if local_name(e.name().into_inner()) == b"originalData" => return Ok(data),
                Event::Eof => return Err(self.err("file ends inside <originalData>".into())),
                _ => {}
            }
        }
    }

    /// Skips to the end of the element `name` just opened.
    fn skip_element(&mut self, name: &str) -> Result<(), ReadError> {
        let mut depth = 1usize;
        loop {
            match self.next_event("")?.0.get() {
                Event::Start(_) => depth += 1,
                Event::End(_) => {
                    depth -= 1;
                    if depth == 0 {
                        return Ok(());
                    }
                }
                Event::Eof => return Err(self.err(format!("file ends inside <{name}>"))),
                _ => {}
            }
        }
    }

    /// The text of the element `end` just opened.
    fn read_text(&mut self, end: &str) -> Result<String, ReadError> {
        Ok(self.read_content(end)?.0.plain_text())
    }

    /// Reads inline content up to the end tag `end`, `<mrk>` read through;
    /// also gives the content of each `<mrk mtype="seg">` directly inside.
    /// Events borrow the input, never copied (a start tag is held while its
    /// content is read).
    fn read_content(&mut self, end: &str) -> Result<(Content, Segs), ReadError> {
        let mut items = Vec::new();
        let mut segs = Vec::new();
        loop {
            let (ev, _) = self.next_event("")?;
            match ev.get() {
                Event::Text(t) => match text(t, ev.valid) {
                    Ok(s) => push_text(&mut items, &s),
                    Err(e) => return Err(self.err(format!("bad character reference: {e}"))),
                },
                Event::CData(t) => push_text(&mut items, &String::from_utf8_lossy(t)),
                Event::Start(e) => {
                    let name = local(e);
                    // Each level is a call: bounded, as the TMX reader's codes.
                    if self.depth >= MAX_INLINE_DEPTH {
                        return Err(self.err(format!("inline elements nested more than {MAX_INLINE_DEPTH} deep")));
                    }
                    self.depth += 1;
                    let inner = self.read_content(&name);
                    self.depth -= 1;
                    let inner = inner?.0;
                    if name == "mrk" {
                        if attr_is(e, "mtype", "seg") {
                            segs.push((attr(e, "mid").unwrap_or_default(), inner.clone()));
                        }
                        for it in inner.items {
                            match it {
                                Inline::Text(t) => push_text(&mut items, &t),
                                code => items.push(code),
                            }
                        }
                    } else {
                        let data = self.open.as_ref().map_or(&[][..], |o| o.data.as_slice());
                        items.push(Inline::Code(code(&name, e, inner.items, self.v2, data)));
                    }
                }
                Event::Empty(e) => {
                    let name = local(e);
                    if !matches!(&*name, "mrk" | "sm" | "em") {
                        let data = self.open.as_ref().map_or(&[][..], |o| o.data.as_slice());
                        items.push(Inline::Code(code(&name, e, vec![], self.v2, data)));
                    }
                }
                Event::End(e) => {
                    if local_name(e.name().into_inner()) == end.as_bytes() {
                        return Ok((Content { items }, segs));
                    }
                    let name = String::from_utf8_lossy(local_name(e.name().into_inner())).into_owned();
                    return Err(self.err(format!("</{name}> closes <{end}>")));
                }
                Event::Eof => return Err(self.err(format!("file ends inside <{end}>"))),
                _ => {}
            }
        }
    }
}

/// Reads every unit of an XLIFF 1.1, 1.2 or 2.x document (bytes in any
/// encoding XML allows), in document order.
pub fn read_units(bytes: &[u8]) -> Result<Vec<XUnit>, ReadError> {
    let mut r = XliffReader::from_bytes(bytes.to_vec())?;
    let mut units = Vec::new();
    while let Some(u) = r.next_unit()? {
        units.push(u);
    }
    Ok(units)
}

/// Segments marked `<mrk mtype="seg">`: (mid, content).
type Segs = Vec<(String, Content)>;

#[cfg(test)]
mod tests;
