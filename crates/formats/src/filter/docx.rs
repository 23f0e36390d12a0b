//! The Word filter: the text of a WordprocessingML package (`.docx`,
//! `.docm`, `.dotx`), its formatting as inline codes, and the translated
//! package back.
//!
//! Parts read, in this order: the main document `word/document.xml`, then
//! `word/header*.xml`, `word/footer*.xml`, `word/footnotes.xml`,
//! `word/endnotes.xml` (ECMA-376 Part 1 §11.3). Comments are not read. Every
//! paragraph (`w:p`, §17.3.1.22) with text is one paragraph of
//! [`Document::text`], paragraphs separated by `\n\n`: body paragraphs,
//! table cells in row order, text boxes (`w:txbxContent` inside a drawing,
//! its copy in `mc:Fallback` skipped), headers, footers, notes.
//!
//! Inside a paragraph: `w:t` is text; `w:ins`/`w:moveTo` are read as text
//! and `w:del`/`w:moveFrom` skipped (the text as it stands with every
//! tracked change accepted, §17.13.5); `w:proofErr`,
//! `w:lastRenderedPageBreak` and bookmarks are not content. Neighbouring
//! runs (`w:r`) whose run properties (`w:rPr`) are equal once `w:rsid*`
//! attributes, `w:lang` and `w:noProof` are ignored are one run; the
//! paragraph's most used properties are its base, and a span with other
//! properties becomes a pair of codes (the open holds the run's `<w:r>` and
//! `<w:rPr>`, the close its `</w:r>`); a hyperlink (`w:hyperlink`) is a pair
//! of codes around its text. Standalone codes: tabs, breaks, drawings (and
//! text boxes), footnote and endnote references, symbols, a complex field's
//! code (`w:fldChar` begin to separate, §17.16.18, its result read as text),
//! a simple field (`w:fldSimple`), math, hidden runs (`w:vanish`).
//!
//! [`Document`]'s map: `raw` is the text of the parts read, one after the
//! other; each text byte maps to its `w:t` text node; code ranges are in the
//! same text. Merging re-reads the package the document keeps, rewrites the
//! runs of each paragraph with a fill (text in runs with the base or the
//! span's properties, `xml:space="preserve"`, codes in the target's order:
//! runs are flat, so a target's order never nests elements wrongly; a
//! hyperlink is closed before another opens), keeps the paragraph's
//! bookmarks and comment ranges around it, and writes the zip: every entry
//! whose text is unchanged is copied raw (its compressed bytes as they were).

use super::document::{Document, SourceMap, TagCode, TagRole};
use super::package::Package;
use super::{Fill, Filter, FilterError};
use memoria_core::content::{CodeKind, Content, Inline};
use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;
use std::io::Write;
use std::ops::Range;

/// Word packages (`.docx`, `.docm`, `.dotx`), chosen by content.
pub struct DocxFilter;

impl Filter for DocxFilter {
    fn name(&self) -> &'static str {
        "docx"
    }

    fn extract(&self, bytes: &[u8]) -> Result<Document, FilterError> {
        let parsed = parse_package(bytes)?;
        let laid = lay_out(&parsed, true);
        let map = SourceMap { raw: parsed.raw, bytes: byte_map(&laid), codes: laid.codes };
        Ok(Document::marked_up(laid.text, 0, map).with_package(bytes))
    }

    fn merge(&self, doc: &Document, fills: &[Fill]) -> Result<Vec<u8>, FilterError> {
        merge(doc, fills, None)
    }
}

/// [`Filter::merge`], with the runs of the filled text marked as language
/// `lang` (a BCP 47 tag in `w:lang`'s `w:val`, ECMA-376 Part 1 §17.3.2.20),
/// so that Word checks the translation's spelling in the target language;
/// runs left in the source language keep theirs.
pub fn merge_to_language(doc: &Document, fills: &[Fill], lang: &str) -> Result<Vec<u8>, FilterError> {
    merge(doc, fills, Some(lang))
}

fn merge(doc: &Document, fills: &[Fill], lang: Option<&str>) -> Result<Vec<u8>, FilterError> {
    let bytes = doc.package().ok_or_else(|| FilterError::Package {
        part: "the document".into(),
        problem: "was not read from a Word package; expected a document extracted by the docx filter".into(),
    })?;
    let parsed = parse_package(bytes)?;
    let laid = lay_out(&parsed, true);
    if laid.text != doc.text {
        return Err(FilterError::Package {
            part: "word/document.xml".into(),
            problem: "reads differently from the extracted document; expected the same package".into(),
        });
    }
    let edits = plan_edits(doc, &parsed, &laid, fills);
    let mut changed: Vec<(String, String)> = Vec::new();
    for (name, range) in &parsed.parts {
        let mut out = String::with_capacity(range.len() + 64);
        let w = Writer { raw: &parsed.raw, edits: &edits, parsed: &parsed, laid: &laid, lang };
        w.emit(range.clone(), &mut out);
        if out != parsed.raw[range.clone()] {
            changed.push((name.clone(), out));
        }
    }
    write_package(bytes, &changed)
}

/// The document as it reads without run merging: every run whose `w:rPr`
/// (as written, revision ids and language included) differs from the
/// paragraph's most used one is a pair of codes of its own, as filters
/// without merging give it (the "tag soup"). For measuring what
/// [`DocxFilter`]'s merging saves; it cannot be merged back.
pub fn extract_without_run_merging(bytes: &[u8]) -> Result<Document, FilterError> {
    let parsed = parse_package(bytes)?;
    let laid = lay_out(&parsed, false);
    let map = SourceMap { raw: parsed.raw, bytes: byte_map(&laid), codes: laid.codes };
    Ok(Document::marked_up(laid.text, 0, map))
}

/// The laid-out text's raw spans as a [`ByteMap`] (one push a character).
fn byte_map(laid: &Laid) -> super::document::ByteMap {
    let mut map = super::document::ByteMap::default();
    for (i, ch) in laid.text.char_indices() {
        map.push(ch.len_utf8(), laid.starts[i], laid.ends[i]);
    }
    map
}

/// The parts of a Word package that hold translatable text, in reading order.
fn text_parts(names: &[String]) -> Vec<String> {
    let mut out = vec!["word/document.xml".to_string()];
    for prefix in ["word/header", "word/footer"] {
        let mut v: Vec<&String> =
            names.iter().filter(|n| n.starts_with(prefix) && n.ends_with(".xml") && !n[5..].contains('/')).collect();
        // header2.xml before header10.xml.
        v.sort_by_key(|n| (n.len(), n.to_string()));
        out.extend(v.into_iter().cloned());
    }
    for n in ["word/footnotes.xml", "word/endnotes.xml"] {
        if names.iter().any(|x| x == n) {
            out.push(n.to_string());
        }
    }
    out
}

/// A package read: the text parts' XML one after the other and its paragraphs.
struct Parsed {
    raw: String,
    /// Each text part's name and its range of `raw`.
    parts: Vec<(String, Range<usize>)>,
    /// Paragraphs in the order their start tags appear.
    paras: Vec<Para>,
}

/// A paragraph (`w:p`) as read: what lies between its properties and its end tag.
#[derive(Default)]
struct Para {
    /// Raw bytes of the content (after `w:pPr`, before `</w:p>`).
    region: Range<usize>,
    items: Vec<Item>,
    /// Bookmark, comment-range and permission starts (kept before the runs on a rewrite).
    starts: Vec<Range<usize>>,
    /// Their ends (kept after the runs).
    ends: Vec<Range<usize>>,
}

#[derive(Clone, Debug)]
enum Item {
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

fn err(part: &str, problem: impl Into<String>) -> FilterError {
    FilterError::Package { part: part.to_string(), problem: problem.into() }
}

fn parse_package(bytes: &[u8]) -> Result<Parsed, FilterError> {
    let mut pkg = Package::open(bytes)?;
    let names = pkg.names();
    let mut parsed = Parsed { raw: String::new(), parts: Vec::new(), paras: Vec::new() };
    for name in text_parts(&names) {
        let Some(xml) = pkg.read(&name)? else {
            if name == "word/document.xml" {
                return Err(err(&name, "missing; expected the main document part of a Word package"));
            }
            continue;
        };
        let off = parsed.raw.len();
        parsed.raw.push_str(&xml);
        parsed.parts.push((name.clone(), off..parsed.raw.len()));
        let mut p =
            PartParser { name: &name, xml: &xml, off, reader: Reader::from_str(&xml), paras: &mut parsed.paras };
        p.reader.config_mut().trim_text(false);
        p.scan(None)?;
    }
    Ok(parsed)
}

/// Local name of an element (`w:p` → `p`).
fn local(name: &[u8]) -> &[u8] {
    match name.iter().position(|&b| b == b':') {
        Some(i) => &name[i + 1..],
        None => name,
    }
}

struct PartParser<'a, 'p> {
    name: &'a str,
    xml: &'a str,
    off: usize,
    reader: Reader<&'a [u8]>,
    paras: &'p mut Vec<Para>,
}

/// An open complex field's code (`w:fldChar` begin … separate).
struct FieldGroup {
    start: usize,
    depth: u32,
}

impl<'a> PartParser<'a, '_> {
    /// The next event and its raw range (in `Parsed::raw`).
    fn next(&mut self) -> Result<(Event<'a>, Range<usize>), FilterError> {
        let start = self.reader.buffer_position() as usize;
        let ev = self.reader.read_event().map_err(|e| {
            let at = self.reader.error_position() as usize;
            let (line, col) = memoria_core::location::line_col(self.xml, at.min(self.xml.len()));
            err(self.name, format!("line {line}, column {col}: {e}; expected well-formed XML"))
        })?;
        let end = self.reader.buffer_position() as usize;
        if let Event::DocType(_) = ev {
            return Err(err(self.name, "has a document type declaration; expected none (entity expansion is refused)"));
        }
        Ok((ev, self.off + start..self.off + end))
    }

    /// Skips to the end of the element whose start was just read; its end.
    fn skip(&mut self) -> Result<usize, FilterError> {
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
                Event::Eof => return Err(err(self.name, "ends inside an element; expected its end tag")),
                _ => {}
            }
        }
    }

    /// Reads elements up to the end of the current one (`until` = its local
    /// name; `None`: the whole part), taking every paragraph found.
    fn scan(&mut self, until: Option<&[u8]>) -> Result<usize, FilterError> {
        let mut depth = 0usize;
        loop {
            let (ev, r) = self.next()?;
            match ev {
                Event::Start(e) => {
                    let l = local(e.name().as_ref()).to_vec();
                    if l == b"p" {
                        self.paragraph(r)?;
                    } else if l == b"Fallback" {
                        self.skip()?;
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
                        return Err(err(self.name, "ends inside an element; expected its end tag"));
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
            let (ev, r) = self.next()?;
            match ev {
                Event::Start(e) => {
                    let name = e.name();
                    match local(name.as_ref()) {
                        b"pPr" => {
                            self.skip()?;
                            p.region.start = self.off + self.reader.buffer_position() as usize;
                        }
                        b"r" => self.run(r, &mut p, &mut field)?,
                        b"hyperlink" => {
                            if field.is_none() {
                                p.items.push(Item::LinkOpen(r))
                            }
                        }
                        b"del" | b"moveFrom" | b"proofErr" | b"sdtPr" | b"sdtEndPr" | b"smartTagPr"
                        | b"customXmlPr" => {
                            self.skip()?;
                        }
                        b"ins" | b"moveTo" | b"smartTag" | b"customXml" | b"sdt" | b"sdtContent" | b"dir" | b"bdo" => {}
                        b"bookmarkStart"
                        | b"commentRangeStart"
                        | b"permStart"
                        | b"moveFromRangeStart"
                        | b"moveToRangeStart" => {
                            let end = self.skip()?;
                            p.starts.push(r.start..end);
                        }
                        b"bookmarkEnd" | b"commentRangeEnd" | b"permEnd" | b"moveFromRangeEnd" | b"moveToRangeEnd" => {
                            let end = self.skip()?;
                            p.ends.push(r.start..end);
                        }
                        other => {
                            let name = String::from_utf8_lossy(other).into_owned();
                            let end = self.skip()?;
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
                Event::Eof => return Err(err(self.name, "ends inside a paragraph (w:p); expected </w:p>")),
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
            let (ev, r) = self.next()?;
            match ev {
                Event::Start(e) => {
                    let name = e.name();
                    let l = local(name.as_ref()).to_vec();
                    match l.as_slice() {
                        b"rPr" => {
                            let end = self.skip()?;
                            rpr = Some(r.start..end);
                            head = start.start..end;
                            let (k, h) = rpr_key(&self.xml[r.start - self.off..end - self.off]);
                            key = k;
                            hidden = h;
                        }
                        b"t" if field.is_none() && !hidden => {
                            let mut text = String::new();
                            let node_start = r.end;
                            let node_end;
                            loop {
                                let (ev, r2) = self.next()?;
                                match ev {
                                    Event::Text(t) => {
                                        let s = t.unescape().map_err(|e| {
                                            err(self.name, format!("{e} in w:t; expected text with XML's entities"))
                                        })?;
                                        text.push_str(&s);
                                    }
                                    Event::CData(c) => text.push_str(&String::from_utf8_lossy(&c)),
                                    Event::End(_) => {
                                        node_end = r2.start;
                                        break;
                                    }
                                    Event::Start(_) => {
                                        self.skip()?;
                                    }
                                    Event::Eof => return Err(err(self.name, "ends inside w:t")),
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
                            let end = self.skip()?;
                            self.field_char(ty, start.start, r.start..end, rpr.clone(), p, field);
                        }
                        b"instrText" | b"delText" | b"delInstrText" | b"t" => {
                            let end = self.skip()?;
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
                            let end = self.scan(Some(&l))?;
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
                Event::Eof => return Err(err(self.name, "ends inside a run (w:r); expected </w:r>")),
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

fn attr(e: &BytesStart, name: &[u8]) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| local(a.key.as_ref()) == name)
        .map(|a| String::from_utf8_lossy(&a.value).into_owned())
}

/// The formatting key of a `w:rPr`: its elements and attributes without
/// revision ids (`w:rsid*`), language (`w:lang`) and proofing (`w:noProof`);
/// and whether the run is hidden (`w:vanish`, §17.3.2.41, not `w:val="0"`).
fn rpr_key(xml: &str) -> (String, bool) {
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

/// What a code of the document stands for, beside [`SourceMap::codes`].
#[derive(Clone, Debug)]
enum CodeInfo {
    /// A span of runs with other properties than the paragraph's base.
    Format {
        rpr: Option<Range<usize>>,
    },
    Link {
        open: Range<usize>,
    },
    Standalone {
        raw: Range<usize>,
        wrap: Option<Option<Range<usize>>>,
    },
}

/// The document text laid out from the paragraphs, with its codes.
struct Laid {
    text: String,
    starts: Vec<usize>,
    ends: Vec<usize>,
    codes: Vec<TagCode>,
    infos: Vec<CodeInfo>,
    /// Per paragraph of `Parsed::paras`: its text range (without the
    /// `\n\n`), its base properties; `None` for a paragraph without text.
    paras: Vec<Option<LaidPara>>,
}

/// A paragraph's text range in the document (without its `\n\n`) and
/// its base run properties (a `w:rPr` in raw, if any).
type LaidPara = (Range<usize>, Option<Range<usize>>);

/// The format span being laid out: its key, pair and its last run's `</w:r>`.
type OpenSpan<'k> = Option<(&'k str, u32, Range<usize>)>;

/// Lays the paragraphs out as text and codes; `merge_runs` false: runs
/// keyed by their raw properties and never joined (for measuring).
fn lay_out(parsed: &Parsed, merge_runs: bool) -> Laid {
    let mut l = Laid {
        text: String::new(),
        starts: Vec::new(),
        ends: Vec::new(),
        codes: Vec::new(),
        infos: Vec::new(),
        paras: Vec::new(),
    };
    let mut pairs = 0u32;
    for p in &parsed.paras {
        let has_text = p.items.iter().any(|i| matches!(i, Item::Text { text, .. } if !text.trim().is_empty()));
        if !has_text {
            l.paras.push(None);
            continue;
        }
        // The base: the properties of most characters.
        let raw_key = |rpr: &Option<Range<usize>>| rpr.clone().map_or("", |r| &parsed.raw[r]);
        let mut weights: Vec<(&str, usize, &Option<Range<usize>>)> = Vec::new();
        for it in &p.items {
            if let Item::Text { text, key, rpr, .. } = it {
                let key = if merge_runs { key.as_str() } else { raw_key(rpr) };
                match weights.iter_mut().find(|w| w.0 == key) {
                    Some(w) => w.1 += text.chars().count(),
                    None => weights.push((key, text.chars().count(), rpr)),
                }
            }
        }
        let (base, _, base_rpr) = weights.iter().fold(weights[0], |b, w| if w.1 > b.1 { *w } else { b });
        let start = l.text.len();
        // The open format span: (key, pair, close range of its last run).
        let mut span: OpenSpan = None;
        let mut last_head = 0..0;
        let close_span = |l: &mut Laid, span: &mut OpenSpan| {
            if let Some((key, pair, close)) = span.take() {
                l.codes.push(TagCode {
                    at: l.text.len(),
                    raw: close,
                    role: TagRole::Close,
                    pair,
                    name: span_name(key),
                });
                l.infos.push(CodeInfo::Format { rpr: None });
            }
        };
        for it in &p.items {
            match it {
                Item::Text { text, node, head, close, rpr, key } => {
                    let key = if merge_runs { key.as_str() } else { raw_key(rpr) };
                    let same_run = merge_runs || *head == last_head;
                    last_head = head.clone();
                    if key == base {
                        close_span(&mut l, &mut span);
                    } else if same_run && span.as_ref().is_some_and(|s| s.0 == key) {
                        span.as_mut().unwrap().2 = close.clone();
                    } else {
                        close_span(&mut l, &mut span);
                        pairs += 1;
                        l.codes.push(TagCode {
                            at: l.text.len(),
                            raw: head.clone(),
                            role: TagRole::Open,
                            pair: pairs,
                            name: span_name(key),
                        });
                        l.infos.push(CodeInfo::Format { rpr: rpr.clone() });
                        span = Some((key, pairs, close.clone()));
                    }
                    l.text.push_str(text);
                    l.starts.extend(std::iter::repeat_n(node.start, text.len()));
                    l.ends.extend(std::iter::repeat_n(node.end, text.len()));
                }
                Item::LinkOpen(r) => {
                    close_span(&mut l, &mut span);
                    pairs += 1;
                    l.codes.push(TagCode {
                        at: l.text.len(),
                        raw: r.clone(),
                        role: TagRole::Open,
                        pair: pairs,
                        name: "a".into(),
                    });
                    l.infos.push(CodeInfo::Link { open: r.clone() });
                }
                Item::LinkClose(r) => {
                    close_span(&mut l, &mut span);
                    let pair =
                        l.codes.iter().rev().find(|c| c.name == "a" && c.role == TagRole::Open).map_or(0, |c| c.pair);
                    l.codes.push(TagCode {
                        at: l.text.len(),
                        raw: r.clone(),
                        role: TagRole::Close,
                        pair,
                        name: "a".into(),
                    });
                    l.infos.push(CodeInfo::Link { open: r.clone() });
                }
                Item::Code { raw, wrap, name } => {
                    pairs += 1;
                    l.codes.push(TagCode {
                        at: l.text.len(),
                        raw: raw.clone(),
                        role: TagRole::Standalone,
                        pair: pairs,
                        name: code_name(name),
                    });
                    l.infos.push(CodeInfo::Standalone { raw: raw.clone(), wrap: wrap.clone() });
                }
            }
        }
        close_span(&mut l, &mut span);
        let end = l.text.len();
        l.paras.push(Some((start..end, base_rpr.clone())));
        l.text.push_str("\n\n");
        l.starts.extend([p.region.end; 2]);
        l.ends.extend([p.region.end; 2]);
    }
    l
}

/// The name of a format span's codes, for their TMX `type`
/// ([`Document::content`]): `b`, `i`, `u` (bold, italic, underlined) when
/// that is the only property, else `run` (`x-run`).
fn span_name(key: &str) -> &'static str {
    match key {
        "w:b[]" | "w:b[w:val=1]" | "w:b[w:val=true]" => "b",
        "w:i[]" | "w:i[w:val=1]" | "w:i[w:val=true]" => "i",
        k if k.starts_with("w:u[") && k.matches('[').count() == 1 => "u",
        _ => "run",
    }
}

/// The name of a standalone code: `br` (a break, type `lb`), `img` (a
/// drawing, type `image`), else the element's local name (`tab`,
/// `footnoteReference`, `fldChar`, `fldSimple`).
fn code_name(local: &str) -> &'static str {
    /// The run-content elements of WordprocessingML (ECMA-376 Part 1,
    /// §17.3.3) and the others a paragraph holds as codes.
    const NAMES: &[&str] = &[
        "tab",
        "ptab",
        "sym",
        "softHyphen",
        "noBreakHyphen",
        "footnoteReference",
        "endnoteReference",
        "footnoteRef",
        "endnoteRef",
        "commentReference",
        "annotationRef",
        "separator",
        "continuationSeparator",
        "fldChar",
        "fldSimple",
        "instrText",
        "fldData",
        "pgNum",
        "dayShort",
        "monthShort",
        "yearShort",
        "dayLong",
        "monthLong",
        "yearLong",
        "vanish",
        "oMath",
        "oMathPara",
        "ruby",
        "contentPart",
        "object",
    ];
    match local {
        "br" | "cr" => "br",
        "drawing" | "pict" | "AlternateContent" => "img",
        other => NAMES.iter().find(|n| **n == other).copied().unwrap_or("code"),
    }
}

/// One piece of a rewritten paragraph.
#[derive(Clone, Debug)]
enum Piece {
    /// Text, and whether it comes from a fill (a target).
    Text(String, bool),
    /// A code of the document, by its index in [`SourceMap::codes`].
    Code(usize),
}

/// A paragraph to rewrite: its index in `Parsed::paras` and its pieces.
struct Edit {
    region: Range<usize>,
    para: usize,
    pieces: Vec<Piece>,
}

/// The paragraphs the fills touch, each with its new pieces: filled ranges
/// from the targets, the rest from the source.
fn plan_edits(doc: &Document, parsed: &Parsed, laid: &Laid, fills: &[Fill]) -> Vec<Edit> {
    // Indices into the document's codes, which equal `laid.codes` (checked by the caller's text).
    let all: &[TagCode] = doc.source_map().map_or(&[], |m| m.codes.as_slice());
    let index_of = |s: &[TagCode]| -> usize {
        if s.is_empty() {
            0
        } else {
            (s.as_ptr() as usize - all.as_ptr() as usize) / std::mem::size_of::<TagCode>()
        }
    };
    let mut edits = Vec::new();
    let mut last_end = 0;
    let mut fi = 0;
    for (pi, para) in laid.paras.iter().enumerate() {
        let Some((prange, _)) = para else { continue };
        let mut mine = Vec::new();
        while fi < fills.len() && fills[fi].range.start < prange.end {
            let f = &fills[fi];
            fi += 1;
            if f.range.start < last_end || f.range.start < prange.start || f.range.end > prange.end {
                continue; // overlapping, or across paragraphs: left as it was
            }
            last_end = f.range.end;
            mine.push(f);
        }
        if mine.is_empty() {
            continue;
        }
        let mut pieces = Vec::new();
        let mut used = vec![false; all.len()];
        let source = |r: Range<usize>, pieces: &mut Vec<Piece>, used: &mut Vec<bool>| {
            let codes = doc.codes_in(r.clone());
            let base = index_of(codes);
            let mut at = r.start;
            for (k, c) in codes.iter().enumerate() {
                if c.at > at {
                    pieces.push(Piece::Text(doc.text[at..c.at].to_string(), false));
                    at = c.at;
                }
                if !used[base + k] {
                    used[base + k] = true;
                    pieces.push(Piece::Code(base + k));
                }
            }
            if r.end > at {
                pieces.push(Piece::Text(doc.text[at..r.end].to_string(), false));
            }
        };
        let mut at = prange.start;
        for f in mine {
            if f.range.start > at {
                source(at..f.range.start, &mut pieces, &mut used);
            }
            let codes = doc.codes_in(f.range.clone());
            let base = index_of(codes);
            target_pieces(
                &f.target.items,
                codes,
                base,
                doc.source_map().map_or("", |m| m.raw.as_str()),
                &mut pieces,
                &mut used,
            );
            at = f.range.end;
        }
        if prange.end > at {
            source(at..prange.end, &mut pieces, &mut used);
        }
        edits.push(Edit { region: parsed.paras[pi].region.clone(), para: pi, pieces });
    }
    edits.sort_by_key(|e| e.region.start);
    edits
}

/// The pieces of a target: its text, and each code found among the
/// segment's codes (`codes`, starting at index `base` of the document's):
/// a `bpt`/`ept` by its `i`, a `ph`/`it` by its `x` (as
/// [`Document::content`] numbers them), else by its native markup. A code
/// of another document (not found) is left out.
fn target_pieces(items: &[Inline], codes: &[TagCode], base: usize, raw: &str, out: &mut Vec<Piece>, used: &mut [bool]) {
    for it in items {
        match it {
            Inline::Text(t) => out.push(Piece::Text(t.clone(), true)),
            Inline::Code(c) if c.kind == CodeKind::Hi => target_pieces(&c.content, codes, base, raw, out, used),
            Inline::Code(c) => {
                let native = Content { items: c.content.clone() }.plain_text();
                let by_attr = match c.kind {
                    CodeKind::Bpt | CodeKind::Ept => {
                        let role = if c.kind == CodeKind::Bpt { TagRole::Open } else { TagRole::Close };
                        c.attr("i")
                            .and_then(|i| i.parse::<u32>().ok())
                            .and_then(|i| codes.iter().position(|d| d.pair == i && d.role == role))
                    }
                    _ => c.attr("x").and_then(|x| x.parse::<usize>().ok()).and_then(|x| x.checked_sub(1)),
                };
                let k = by_attr
                    .filter(|&k| k < codes.len() && raw.get(codes[k].raw.clone()) == Some(native.as_str()))
                    .or_else(|| {
                        codes
                            .iter()
                            .enumerate()
                            .position(|(k, d)| !used[base + k] && raw.get(d.raw.clone()) == Some(native.as_str()))
                    });
                if let Some(k) = k {
                    if !used[base + k] {
                        used[base + k] = true;
                        out.push(Piece::Code(base + k));
                    }
                }
            }
        }
    }
}

/// Writes parts with the edits applied.
struct Writer<'a> {
    raw: &'a str,
    edits: &'a [Edit],
    parsed: &'a Parsed,
    laid: &'a Laid,
    /// The language of filled text, when set.
    lang: Option<&'a str>,
}

impl Writer<'_> {
    /// `raw[range]` with every edit inside it applied (an edit inside a
    /// code of another edit is applied when that code is written).
    fn emit(&self, range: Range<usize>, out: &mut String) {
        self.emit_except(range, None, out)
    }

    /// [`Writer::emit`] leaving out the edit of the paragraph `except`.
    fn emit_except(&self, range: Range<usize>, except: Option<usize>, out: &mut String) {
        let mut at = range.start;
        let first = self.edits.partition_point(|e| e.region.start < range.start);
        for e in &self.edits[first..] {
            if e.region.start >= range.end {
                break;
            }
            if e.region.start < at || e.region.end > range.end || Some(e.para) == except {
                continue;
            }
            out.push_str(&self.raw[at..e.region.start]);
            let mut p = String::new();
            self.paragraph(e, &mut p);
            if balanced(&p) {
                out.push_str(&p);
            } else {
                // A paragraph whose codes cut across its elements (a field
                // begun inside a link and ended outside it) stays as it was,
                // rather than become invalid XML.
                self.emit_except(e.region.clone(), Some(e.para), out);
            }
            at = e.region.end;
        }
        out.push_str(&self.raw[at..range.end]);
    }

    fn paragraph(&self, e: &Edit, out: &mut String) {
        let para = &self.parsed.paras[e.para];
        let base = self.laid.paras[e.para].as_ref().and_then(|p| p.1.clone());
        for r in &para.starts {
            out.push_str(&self.raw[r.clone()]);
        }
        // Open format spans, innermost last: (pair, rPr).
        let mut spans: Vec<(u32, Option<Range<usize>>)> = Vec::new();
        let mut link: Option<u32> = None;
        // A close whose open is not in the pieces: its span covers the pieces before it.
        let opened: Vec<u32> = e
            .pieces
            .iter()
            .filter_map(|p| match p {
                Piece::Code(k) if self.laid.codes[*k].role == TagRole::Open => Some(self.laid.codes[*k].pair),
                _ => None,
            })
            .collect();
        for p in e.pieces.iter().rev() {
            if let Piece::Code(k) = p {
                let c = &self.laid.codes[*k];
                if c.role == TagRole::Close && !opened.contains(&c.pair) {
                    if let Some(open) = self.laid.codes.iter().find(|o| o.pair == c.pair && o.role == TagRole::Open) {
                        let i = self.laid.codes.iter().position(|o| std::ptr::eq(o, open)).unwrap_or(0);
                        match &self.laid.infos[i] {
                            CodeInfo::Format { rpr } => spans.insert(0, (c.pair, rpr.clone())),
                            CodeInfo::Link { open } => {
                                if link.is_none() {
                                    out.push_str(&self.raw[open.clone()]);
                                    link = Some(c.pair);
                                }
                            }
                            CodeInfo::Standalone { .. } => {}
                        }
                    }
                }
            }
        }
        spans.reverse();
        for p in &e.pieces {
            match p {
                Piece::Text(t, _) if t.is_empty() => {}
                Piece::Text(t, filled) => {
                    let rpr = spans.last().map_or(base.clone(), |s| s.1.clone());
                    let rpr = rpr.map_or("", |r| &self.raw[r]);
                    out.push_str("<w:r>");
                    match self.lang {
                        Some(lang) if *filled => out.push_str(&with_lang(rpr, lang)),
                        _ => out.push_str(rpr),
                    }
                    out.push_str("<w:t xml:space=\"preserve\">");
                    crate::xml::escape_text(t, out);
                    out.push_str("</w:t></w:r>");
                }
                Piece::Code(k) => {
                    let c = &self.laid.codes[*k];
                    match (&self.laid.infos[*k], c.role) {
                        (CodeInfo::Format { rpr }, TagRole::Open) => spans.push((c.pair, rpr.clone())),
                        (CodeInfo::Format { .. }, _) => spans.retain(|s| s.0 != c.pair),
                        (CodeInfo::Link { open }, TagRole::Open) => {
                            if link.is_some() {
                                out.push_str("</w:hyperlink>");
                            }
                            out.push_str(&self.raw[open.clone()]);
                            link = Some(c.pair);
                        }
                        (CodeInfo::Link { .. }, _) => {
                            if link.take().is_some() {
                                out.push_str("</w:hyperlink>");
                            }
                        }
                        (CodeInfo::Standalone { raw, wrap }, _) => {
                            if let Some(wrap) = wrap {
                                out.push_str("<w:r>");
                                if let Some(r) = wrap {
                                    out.push_str(&self.raw[r.clone()]);
                                }
                                self.emit(raw.clone(), out);
                                out.push_str("</w:r>");
                            } else {
                                self.emit(raw.clone(), out);
                            }
                        }
                    }
                }
            }
        }
        if link.is_some() {
            out.push_str("</w:hyperlink>");
        }
        for r in &para.ends {
            out.push_str(&self.raw[r.clone()]);
        }
    }
}

/// Whether `xml` (a paragraph's content) has every element it opens closed
/// in order, and closes none it did not open.
fn balanced(xml: &str) -> bool {
    let mut r = Reader::from_str(xml);
    let mut depth = 0usize;
    loop {
        match r.read_event() {
            Ok(Event::Start(_)) => depth += 1,
            Ok(Event::End(_)) if depth == 0 => return false,
            Ok(Event::End(_)) => depth -= 1,
            Ok(Event::Eof) => return depth == 0,
            Ok(_) => {}
            Err(_) => return false,
        }
    }
}

/// Run properties `rpr` (raw `w:rPr`, or empty) with `w:lang`'s `w:val`
/// set to `lang`: replaced where there is one, else a `w:lang` added where
/// CT_RPr's sequence puts it (before `w:eastAsianLayout`, `w:specVanish`,
/// `w:oMath`, `w:rPrChange`, §17.3.2.28).
fn with_lang(rpr: &str, lang: &str) -> String {
    let mut tag = String::new();
    crate::xml::escape_attr(lang, &mut tag);
    let lang = tag;
    if rpr.is_empty() {
        return format!("<w:rPr><w:lang w:val=\"{lang}\"/></w:rPr>");
    }
    if let Some(at) = rpr.find("<w:lang ") {
        let end = at + rpr[at..].find('>').unwrap_or(rpr.len() - at);
        let el = &rpr[at..end];
        let new = match el.find(" w:val=\"") {
            Some(v) => {
                let vs = v + " w:val=\"".len();
                let ve = vs + el[vs..].find('"').unwrap_or(el.len() - vs);
                format!("{}{lang}{}", &el[..vs], &el[ve..])
            }
            None => format!("<w:lang w:val=\"{lang}\"{}", &el["<w:lang".len()..]),
        };
        return format!("{}{new}{}", &rpr[..at], &rpr[end..]);
    }
    if !rpr.contains("</w:rPr>") {
        // A self-closing `<w:rPr/>`.
        return format!("<w:rPr><w:lang w:val=\"{lang}\"/></w:rPr>");
    }
    let at = ["<w:eastAsianLayout", "<w:specVanish", "<w:oMath", "<w:rPrChange", "</w:rPr>"]
        .iter()
        .filter_map(|t| rpr.find(t))
        .min()
        .unwrap_or(rpr.len());
    format!("{}<w:lang w:val=\"{lang}\"/>{}", &rpr[..at], &rpr[at..])
}

/// The package with `changed` parts (name, new text) deflated anew and
/// every other entry copied raw, in the original order.
fn write_package(bytes: &[u8], changed: &[(String, String)]) -> Result<Vec<u8>, FilterError> {
    let mut pkg = Package::open(bytes)?;
    let names = pkg.names();
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::with_capacity(bytes.len() + 1024)));
    let werr = |name: &str, e: &dyn std::fmt::Display| err(name, format!("cannot be written: {e}"));
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

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    fn docx(body: &str) -> Vec<u8> {
        let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let o = zip::write::SimpleFileOptions::default();
        w.start_file("[Content_Types].xml", o).unwrap();
        w.write_all(b"<Types/>").unwrap();
        w.start_file("word/document.xml", o).unwrap();
        let xml = format!(
            r#"<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}</w:body></w:document>"#
        );
        w.write_all(xml.as_bytes()).unwrap();
        w.finish().unwrap().into_inner()
    }

    fn document_xml(bytes: &[u8]) -> String {
        let mut z = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
        let mut s = String::new();
        z.by_name("word/document.xml").unwrap().read_to_string(&mut s).unwrap();
        s
    }

    const PARA: &str = concat!(
        r#"<w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:bookmarkStart w:id="1" w:name="x"/>"#,
        r#"<w:r w:rsidR="01"><w:t xml:space="preserve">Lea el </w:t></w:r>"#,
        r#"<w:r><w:rPr><w:b/></w:rPr><w:t>anun</w:t></w:r><w:r><w:rPr><w:b/><w:lang w:val="es"/></w:rPr><w:t>cio</w:t></w:r>"#,
        r#"<w:del w:id="2"><w:r><w:delText>borrado</w:delText></w:r></w:del><w:ins w:id="3"><w:r><w:t xml:space="preserve"> de </w:t></w:r></w:ins>"#,
        r#"<w:hyperlink r:id="rId5"><w:r><w:t>Debian</w:t></w:r></w:hyperlink>"#,
        r#"<w:r><w:rPr><w:vanish/></w:rPr><w:t>oculto</w:t></w:r>"#,
        r#"<w:r><w:footnoteReference w:id="1"/></w:r><w:r><w:t>.</w:t></w:r><w:bookmarkEnd w:id="1"/></w:p>"#
    );

    #[test]
    fn a_paragraph_reads_as_text_with_formatting_links_and_references_as_codes() {
        let doc = DocxFilter.extract(&docx(PARA)).unwrap();
        assert_eq!(doc.text, "Lea el anuncio de Debian.\n\n");
        let c = doc.content(0..doc.text.len() - 2);
        let shape: Vec<String> = c
            .items
            .iter()
            .map(|i| match i {
                Inline::Text(t) => t.clone(),
                Inline::Code(c) => {
                    format!("[{} {}]", c.kind.element(), Content { items: c.content.clone() }.plain_text())
                }
            })
            .collect();
        assert_eq!(
            shape,
            [
                "Lea el ",
                "[bpt <w:r><w:rPr><w:b/></w:rPr>]",
                "anuncio",
                "[ept </w:r>]",
                " de ",
                "[bpt <w:hyperlink r:id=\"rId5\">]",
                "Debian",
                "[ept </w:hyperlink>]",
                "[ph <w:r><w:rPr><w:vanish/></w:rPr><w:t>oculto</w:t></w:r>]",
                "[ph <w:footnoteReference w:id=\"1\"/>]",
                "."
            ]
        );
        let types: Vec<&str> = c
            .items
            .iter()
            .filter_map(|i| match i {
                Inline::Code(c) => c.attr("type"),
                _ => None,
            })
            .collect();
        assert_eq!(types, ["bold", "link", "x-vanish", "x-footnoteReference"]);
        assert_eq!(span_name(r#"w:u[w:val=single]"#), "u");
        assert_eq!(span_name(r#"w:b[]w:i[]"#), "run");
    }

    #[test]
    fn merge_writes_runs_in_the_targets_order_and_keeps_the_rest() {
        let bytes = docx(PARA);
        let doc = DocxFilter.extract(&bytes).unwrap();
        let end = doc.text.len() - 2;
        let src = doc.content(0..end);
        let code = |k: usize| src.items.iter().filter(|i| matches!(i, Inline::Code(_))).nth(k).unwrap().clone();
        // "Read the Debian announcement." — the link before the bold span.
        let target = Content {
            items: vec![
                Inline::Text("Read the ".into()),
                code(2),
                Inline::Text("Debian".into()),
                code(3),
                Inline::Text(" ".into()),
                code(0),
                Inline::Text("announcement & co".into()),
                code(1),
                code(4),
                code(5),
                Inline::Text(".".into()),
            ],
        };
        let out = DocxFilter.merge(&doc, &[Fill { range: 0..end, target }]).unwrap();
        let xml = document_xml(&out);
        let p = &xml[xml.find("<w:p>").unwrap()..xml.find("</w:body>").unwrap()];
        assert_eq!(
            p,
            concat!(
                r#"<w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:bookmarkStart w:id="1" w:name="x"/>"#,
                r#"<w:r><w:t xml:space="preserve">Read the </w:t></w:r>"#,
                r#"<w:hyperlink r:id="rId5"><w:r><w:t xml:space="preserve">Debian</w:t></w:r></w:hyperlink>"#,
                r#"<w:r><w:t xml:space="preserve"> </w:t></w:r>"#,
                r#"<w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">announcement &amp; co</w:t></w:r>"#,
                r#"<w:r><w:rPr><w:vanish/></w:rPr><w:t>oculto</w:t></w:r>"#,
                r#"<w:r><w:footnoteReference w:id="1"/></w:r>"#,
                r#"<w:r><w:t xml:space="preserve">.</w:t></w:r><w:bookmarkEnd w:id="1"/></w:p>"#
            )
        );
        // An unfilled document is the package as it was, entry for entry.
        let same = DocxFilter.merge(&doc, &[]).unwrap();
        assert_eq!(document_xml(&same), document_xml(&bytes));
    }

    #[test]
    fn a_rewrite_that_would_break_the_xml_is_not_made() {
        assert!(balanced("<w:r><w:t>a</w:t></w:r><w:bookmarkEnd/>"));
        assert!(!balanced("<w:hyperlink><w:r><w:t>a</w:t></w:r>"));
        assert!(!balanced("<w:r></w:r></w:hyperlink>"));
        // A field begun inside a link and separated outside it.
        let body = concat!(
            r#"<w:p><w:hyperlink r:id="1"><w:r><w:t xml:space="preserve">Ver </w:t></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r>"#,
            r#"<w:r><w:instrText>PAGE</w:instrText></w:r></w:hyperlink><w:r><w:fldChar w:fldCharType="separate"/></w:r>"#,
            r#"<w:r><w:t>3</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>"#
        );
        let bytes = docx(body);
        let doc = DocxFilter.extract(&bytes).unwrap();
        assert_eq!(doc.text, "Ver 3\n\n");
        let fill = Fill { range: 0..5, target: doc.content(0..5) };
        let out = DocxFilter.merge(&doc, &[fill]).unwrap();
        assert_eq!(document_xml(&out), document_xml(&bytes));
    }

    #[test]
    fn filled_runs_take_the_target_language() {
        assert_eq!(with_lang("", "en"), r#"<w:rPr><w:lang w:val="en"/></w:rPr>"#);
        assert_eq!(with_lang("<w:rPr/>", "en"), r#"<w:rPr><w:lang w:val="en"/></w:rPr>"#);
        assert_eq!(
            with_lang(r#"<w:rPr><w:b/><w:lang w:val="es-ES" w:eastAsia="ja-JP"/></w:rPr>"#, "en-GB"),
            r#"<w:rPr><w:b/><w:lang w:val="en-GB" w:eastAsia="ja-JP"/></w:rPr>"#
        );
        assert_eq!(
            with_lang(r#"<w:rPr><w:b/><w:rPrChange w:id="1"><w:rPr/></w:rPrChange></w:rPr>"#, "en"),
            r#"<w:rPr><w:b/><w:lang w:val="en"/><w:rPrChange w:id="1"><w:rPr/></w:rPrChange></w:rPr>"#
        );
        let doc = DocxFilter.extract(&docx(PARA)).unwrap();
        let out = merge_to_language(&doc, &[Fill { range: 0..6, target: Content::from_text("Read") }], "en").unwrap();
        let xml = document_xml(&out);
        assert!(xml.contains(r#"<w:r><w:rPr><w:lang w:val="en"/></w:rPr><w:t xml:space="preserve">Read</w:t></w:r><w:r><w:t xml:space="preserve"> </w:t></w:r>"#), "{xml}");
    }

    #[test]
    fn rpr_key_ignores_revision_ids_language_and_proofing() {
        let a = rpr_key(r#"<w:rPr><w:b/><w:lang w:val="es-ES"/><w:noProof/></w:rPr>"#);
        let b = rpr_key(r#"<w:rPr><w:b w:rsidR="00AB"/></w:rPr>"#);
        assert_eq!(a, b);
        assert_eq!(a.0, "w:b[]");
        assert_ne!(rpr_key("<w:rPr><w:i/></w:rPr>").0, a.0);
        assert!(rpr_key("<w:rPr><w:vanish/></w:rPr>").1);
        let changed = r#"<w:rPr><w:b/><w:rPrChange w:id="3" w:author="x"><w:rPr><w:i/></w:rPr></w:rPrChange></w:rPr>"#;
        assert_eq!(rpr_key(changed).0, "w:b[]");
        assert_eq!(rpr_key(r#"<w:rPr><w:ins w:id="4" w:author="x"/><w:b/></w:rPr>"#).0, "w:b[]");
        assert!(!rpr_key(r#"<w:rPr><w:vanish w:val="0"/></w:rPr>"#).1);
    }
}
