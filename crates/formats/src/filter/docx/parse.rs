//! Reading a Word package's text parts into paragraphs of runs, links and codes.

use super::super::package::{Package, PartCursor};
use super::super::FilterError;
use super::{err, text_parts};
use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;
use std::ops::Range;

/// A package read: the text parts' XML one after the other and its paragraphs.
pub(super) struct Parsed {
    pub(super) raw: String,
    /// Each text part's name and its range of `raw`.
    pub(super) parts: Vec<(String, Range<usize>)>,
    /// Paragraphs in the order their start tags appear.
    pub(super) paras: Vec<Para>,
    /// Per part: the index in `paras` of its first paragraph.
    pub(super) first_para: Vec<usize>,
    /// Tracked changes read as accepted: insertions, deletions.
    pub(super) changes: [usize; 2],
    /// Whether the package has comments that were not read.
    pub(super) comments_left: bool,
}

/// A paragraph (`w:p`) as read: what lies between its properties and its end tag.
#[derive(Default)]
pub(super) struct Para {
    /// Raw bytes of the content (after `w:pPr`, before `</w:p>`).
    pub(super) region: Range<usize>,
    pub(super) items: Vec<Item>,
    /// Bookmark, comment-range and permission starts (kept before the runs on a rewrite).
    pub(super) starts: Vec<Range<usize>>,
    /// Their ends (kept after the runs).
    pub(super) ends: Vec<Range<usize>>,
}

#[derive(Clone, Debug)]
pub(super) enum Item {
    /// The text of a `w:t`: its text node in raw, its run's start tag and
    /// properties (`head`), `</w:r>` (`close`), `w:rPr` and its key.
    Text {
        text: String,
        node: Range<usize>,
        head: Range<usize>,
        close: Range<usize>,
        rpr: Option<Range<usize>>,
        key: String,
    },
    LinkOpen(Range<usize>),
    LinkClose(Range<usize>),
    /// A standalone code: its raw bytes and, for a run's child, the run
    /// properties to wrap it in (`Some(None)`: a run without properties).
    Code {
        raw: Range<usize>,
        wrap: Option<Option<Range<usize>>>,
        name: String,
    },
}

/// Reads the text parts of the Word package in `bytes` (with
/// `word/comments.xml` when `comments`).
pub(super) fn parse_package(bytes: &[u8], comments: bool) -> Result<Parsed, FilterError> {
    let mut pkg = Package::open(bytes)?;
    let names = pkg.names();
    let mut parsed = Parsed {
        raw: String::new(),
        parts: Vec::new(),
        paras: Vec::new(),
        first_para: Vec::new(),
        changes: [0; 2],
        comments_left: !comments && names.iter().any(|n| n == "word/comments.xml"),
    };
    for name in text_parts(&names, comments) {
        let Some(xml) = pkg.read(&name)? else {
            if name == "word/document.xml" {
                return Err(err(&name, "missing; expected the main document part of a Word package"));
            }
            continue;
        };
        let off = parsed.raw.len();
        parsed.raw.push_str(&xml);
        parsed.parts.push((name.clone(), off..parsed.raw.len()));
        parsed.first_para.push(parsed.paras.len());
        let mut p = PartParser {
            cur: PartCursor::new(&name, &xml, off),
            paras: &mut parsed.paras,
            changes: &mut parsed.changes,
            keys: std::collections::HashMap::new(),
        };
        p.scan(None)?;
    }
    Ok(parsed)
}

/// Local name of an element (`w:p` → `p`).
pub(super) fn local(name: &[u8]) -> &[u8] {
    match name.iter().position(|&b| b == b':') {
        Some(i) => &name[i + 1..],
        None => name,
    }
}

pub(super) struct PartParser<'a, 'p> {
    pub(super) cur: PartCursor<'a>,
    pub(super) paras: &'p mut Vec<Para>,
    /// Tracked insertions and deletions seen (`w:ins`/`w:moveTo`, `w:del`/`w:moveFrom`).
    pub(super) changes: &'p mut [usize; 2],
    /// The key of each run properties' XML met so far ([`rpr_key`]).
    pub(super) keys: std::collections::HashMap<&'a str, (String, bool)>,
}

/// An open complex field's code (`w:fldChar` begin … separate).
pub(super) struct FieldGroup {
    pub(super) start: usize,
    pub(super) depth: u32,
}

impl<'a> PartParser<'a, '_> {
    /// Runs `f` one paragraph level deeper ([`PartCursor::enter`]).
    fn nested(&mut self, f: impl FnOnce(&mut Self) -> Result<usize, FilterError>) -> Result<usize, FilterError> {
        self.cur.enter()?;
        let r = f(self);
        self.cur.leave();
        r
    }

    /// Reads elements up to the end of the current one (`until` = its local
    /// name; `None`: the whole part), taking every paragraph found.
    fn scan(&mut self, until: Option<&[u8]>) -> Result<usize, FilterError> {
        let mut depth = 0usize;
        loop {
            let (ev, r) = self.cur.next()?;
            match ev {
                Event::Start(e) => {
                    let l = local(e.name().as_ref()).to_vec();
                    if l == b"p" {
                        self.paragraph(r)?;
                    } else if l == b"Fallback" {
                        self.cur.skip()?;
                    } else {
                        depth += 1;
                    }
                }
                Event::End(_) => {
                    if depth == 0 {
                        if until.is_some() {
                            return Ok(r.end);
                        }
                    } else {
                        depth -= 1;
                    }
                }
                Event::Eof => {
                    if until.is_some() {
                        return Err(err(self.cur.name, "ends inside an element; expected its end tag"));
                    }
                    return Ok(r.end);
                }
                _ => {}
            }
        }
    }

    fn paragraph(&mut self, start: Range<usize>) -> Result<(), FilterError> {
        let idx = self.paras.len();
        self.paras.push(Para::default());
        let mut p = Para { region: start.end..start.end, ..Para::default() };
        let mut field: Option<FieldGroup> = None;
        loop {
            let (ev, r) = self.cur.next()?;
            match ev {
                Event::Start(e) => {
                    let name = e.name();
                    match local(name.as_ref()) {
                        b"pPr" => {
                            self.cur.skip()?;
                            p.region.start = self.cur.off + self.cur.reader.buffer_position() as usize;
                        }
                        b"r" => self.run(r, &mut p, &mut field)?,
                        b"hyperlink" => {
                            if field.is_none() {
                                p.items.push(Item::LinkOpen(r))
                            }
                        }
                        b"del" | b"moveFrom" => {
                            self.changes[1] += 1;
                            self.cur.skip()?;
                        }
                        b"ins" | b"moveTo" => self.changes[0] += 1,
                        b"proofErr" | b"sdtPr" | b"sdtEndPr" | b"smartTagPr" | b"customXmlPr" => {
                            self.cur.skip()?;
                        }
                        b"smartTag" | b"customXml" | b"sdt" | b"sdtContent" | b"dir" | b"bdo" => {}
                        b"bookmarkStart"
                        | b"commentRangeStart"
                        | b"permStart"
                        | b"moveFromRangeStart"
                        | b"moveToRangeStart" => {
                            let end = self.cur.skip()?;
                            p.starts.push(r.start..end);
                        }
                        b"bookmarkEnd" | b"commentRangeEnd" | b"permEnd" | b"moveFromRangeEnd" | b"moveToRangeEnd" => {
                            let end = self.cur.skip()?;
                            p.ends.push(r.start..end);
                        }
                        other => {
                            let name = String::from_utf8_lossy(other).into_owned();
                            let end = self.cur.skip()?;
                            if field.is_none() {
                                p.items.push(Item::Code { raw: r.start..end, wrap: None, name });
                            }
                        }
                    }
                }
                Event::Empty(e) => match local(e.name().as_ref()) {
                    b"bookmarkStart"
                    | b"commentRangeStart"
                    | b"permStart"
                    | b"moveFromRangeStart"
                    | b"moveToRangeStart" => p.starts.push(r),
                    b"bookmarkEnd" | b"commentRangeEnd" | b"permEnd" | b"moveFromRangeEnd" | b"moveToRangeEnd" => {
                        p.ends.push(r)
                    }
                    b"proofErr" | b"r" | b"pPr" | b"ins" | b"del" | b"hyperlink" => {}
                    other => {
                        if field.is_none() {
                            p.items.push(Item::Code { raw: r, wrap: None, name: String::from_utf8_lossy(other).into() })
                        }
                    }
                },
                Event::End(e) => match local(e.name().as_ref()) {
                    b"p" => {
                        p.region.end = r.start;
                        if let Some(f) = field.take() {
                            let end = p.items_end().max(f.start);
                            p.items.push(Item::Code { raw: f.start..end, wrap: None, name: "fldChar".into() });
                        }
                        self.paras[idx] = p;
                        return Ok(());
                    }
                    b"hyperlink" if field.is_none() => p.items.push(Item::LinkClose(r)),
                    _ => {}
                },
                Event::Eof => return Err(err(self.cur.name, "ends inside a paragraph (w:p); expected </w:p>")),
                _ => {}
            }
        }
    }

    fn run(&mut self, start: Range<usize>, p: &mut Para, field: &mut Option<FieldGroup>) -> Result<(), FilterError> {
        let first = p.items.len();
        let mut rpr: Option<Range<usize>> = None;
        let mut key = String::new();
        let mut head = start.clone();
        let mut hidden = false;
        loop {
            let (ev, r) = self.cur.next()?;
            match ev {
                Event::Start(e) => {
                    let name = e.name();
                    let l = local(name.as_ref()).to_vec();
                    match l.as_slice() {
                        b"rPr" => {
                            let end = self.cur.skip()?;
                            rpr = Some(r.start..end);
                            head = start.start..end;
                            // A document repeats a few run properties many times: each is keyed once.
                            let xml = &self.cur.xml[r.start - self.cur.off..end - self.cur.off];
                            let (k, h) = match self.keys.get(xml) {
                                Some(kh) => kh.clone(),
                                None => {
                                    let kh = rpr_key(xml);
                                    self.keys.insert(xml, kh.clone());
                                    kh
                                }
                            };
                            key = k;
                            hidden = h;
                        }
                        b"t" if field.is_none() && !hidden => {
                            let mut text = String::new();
                            let node_start = r.end;
                            let node_end;
                            loop {
                                let (ev, r2) = self.cur.next()?;
                                match ev {
                                    Event::Text(t) => {
                                        let s = t.unescape().map_err(|e| {
                                            err(self.cur.name, format!("{e} in w:t; expected text with XML's entities"))
                                        })?;
                                        text.push_str(&s);
                                    }
                                    Event::CData(c) => text.push_str(&String::from_utf8_lossy(&c)),
                                    Event::End(_) => {
                                        node_end = r2.start;
                                        break;
                                    }
                                    Event::Start(_) => {
                                        self.cur.skip()?;
                                    }
                                    Event::Eof => return Err(err(self.cur.name, "ends inside w:t")),
                                    _ => {}
                                }
                            }
                            if !text.is_empty() {
                                p.items.push(Item::Text {
                                    text,
                                    node: node_start..node_end,
                                    head: head.clone(),
                                    close: 0..0,
                                    rpr: rpr.clone(),
                                    key: key.clone(),
                                });
                            }
                        }
                        b"fldChar" => {
                            let ty = attr(&e, b"fldCharType");
                            let end = self.cur.skip()?;
                            self.field_char(ty, start.start, r.start..end, rpr.clone(), p, field);
                        }
                        b"instrText" | b"delText" | b"delInstrText" | b"t" => {
                            let end = self.cur.skip()?;
                            if field.is_none() && l != b"delText" {
                                p.items.push(Item::Code {
                                    raw: r.start..end,
                                    wrap: Some(rpr.clone()),
                                    name: String::from_utf8_lossy(&l).into(),
                                });
                            }
                        }
                        _ => {
                            // A drawing, picture, object or alternate content:
                            // one code, with any text box's paragraphs read.
                            let end = self.nested(|me| me.scan(Some(&l)))?;
                            if field.is_none() {
                                p.items.push(Item::Code {
                                    raw: r.start..end,
                                    wrap: Some(rpr.clone()),
                                    name: String::from_utf8_lossy(&l).into(),
                                });
                            }
                        }
                    }
                }
                Event::Empty(e) => {
                    let name = e.name();
                    let l = local(name.as_ref()).to_vec();
                    match l.as_slice() {
                        b"lastRenderedPageBreak" | b"rPr" | b"t" => {}
                        b"fldChar" => {
                            let ty = attr(&e, b"fldCharType");
                            self.field_char(ty, start.start, r, rpr.clone(), p, field);
                        }
                        _ if field.is_some() => {}
                        _ => p.items.push(Item::Code {
                            raw: r,
                            wrap: Some(rpr.clone()),
                            name: String::from_utf8_lossy(&l).into(),
                        }),
                    }
                }
                Event::End(_) => {
                    // `</w:r>`: the close of every text of this run.
                    for it in &mut p.items[first..] {
                        if let Item::Text { close, .. } = it {
                            *close = r.clone();
                        }
                    }
                    if let Some(f) = field.as_mut() {
                        if f.depth == 0 {
                            let start = f.start;
                            *field = None;
                            p.items.push(Item::Code { raw: start..r.end, wrap: None, name: "fldChar".into() });
                        }
                    }
                    if hidden {
                        p.items.truncate(first);
                        p.items.push(Item::Code { raw: start.start..r.end, wrap: None, name: "vanish".into() });
                    }
                    return Ok(());
                }
                Event::Eof => return Err(err(self.cur.name, "ends inside a run (w:r); expected </w:r>")),
                _ => {}
            }
        }
    }

    /// A `w:fldChar` of type `ty` in the run starting at `run_start`. The
    /// field's code, begin to separate (or to end when there is no
    /// separate), becomes one code when its run ends (`depth` 0 marks it
    /// complete); an end after the result is a code of its own.
    fn field_char(
        &mut self,
        ty: Option<String>,
        run_start: usize,
        raw: Range<usize>,
        rpr: Option<Range<usize>>,
        p: &mut Para,
        field: &mut Option<FieldGroup>,
    ) {
        match (ty.as_deref(), field.as_mut()) {
            (Some("begin"), None) => *field = Some(FieldGroup { start: run_start, depth: 1 }),
            (Some("begin"), Some(f)) => f.depth += 1,
            (Some("separate"), Some(f)) if f.depth == 1 => f.depth = 0,
            (Some("end"), Some(f)) => f.depth = f.depth.saturating_sub(1),
            (_, Some(_)) => {}
            (_, None) => p.items.push(Item::Code { raw, wrap: Some(rpr), name: "fldChar".into() }),
        }
    }
}

impl Para {
    fn items_end(&self) -> usize {
        self.items
            .iter()
            .map(|i| match i {
                Item::Text { close, .. } => close.end,
                Item::LinkOpen(r) | Item::LinkClose(r) => r.end,
                Item::Code { raw, .. } => raw.end,
            })
            .max()
            .unwrap_or(self.region.start)
    }
}

pub(super) fn attr(e: &BytesStart, name: &[u8]) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| local(a.key.as_ref()) == name)
        .map(|a| String::from_utf8_lossy(&a.value).into_owned())
}

/// The formatting key of a `w:rPr`: its elements and attributes without
/// revision ids (`w:rsid*`), language (`w:lang`) and proofing (`w:noProof`);
/// and whether the run is hidden (`w:vanish`, §17.3.2.41, not `w:val="0"`).
pub(super) fn rpr_key(xml: &str) -> (String, bool) {
    let mut r = Reader::from_str(xml);
    let mut key = String::new();
    let mut hidden = false;
    // Inside a `w:rPrChange` (the properties before a tracked change): skipped.
    let mut skip = 0usize;
    while let Ok(ev) = r.read_event() {
        match ev {
            Event::End(_) if skip > 0 => skip -= 1,
            Event::Start(_) if skip > 0 => skip += 1,
            Event::Empty(_) if skip > 0 => {}
            Event::Start(e) if local(e.name().as_ref()) == b"rPrChange" => skip = 1,
            Event::Start(e) | Event::Empty(e) => {
                let name = e.name();
                let l = local(name.as_ref());
                // Tracked insertion marks (`w:ins` in `w:rPr`, §17.13.5.16) are read accepted.
                if matches!(l, b"lang" | b"noProof" | b"rPr" | b"rPrChange" | b"ins" | b"del" | b"moveFrom" | b"moveTo")
                {
                    continue;
                }
                if l == b"vanish" {
                    hidden = !matches!(attr(&e, b"val").as_deref(), Some("0" | "false" | "off"));
                }
                key.push_str(&String::from_utf8_lossy(name.as_ref()));
                let mut attrs: Vec<String> = e
                    .attributes()
                    .flatten()
                    .filter(|a| !local(a.key.as_ref()).starts_with(b"rsid"))
                    .map(|a| {
                        format!("{}={}", String::from_utf8_lossy(a.key.as_ref()), String::from_utf8_lossy(&a.value))
                    })
                    .collect();
                attrs.sort();
                key.push('[');
                key.push_str(&attrs.join(","));
                key.push(']');
            }
            Event::Eof => break,
            _ => {}
        }
    }
    (key, hidden)
}
