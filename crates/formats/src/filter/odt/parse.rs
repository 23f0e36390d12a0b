//! Reading an OpenDocument text's parts into paragraphs of text, spans,
//! links and codes.

use super::super::package::{Package, PartCursor};
use super::super::FilterError;
use super::err;
use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;
use std::collections::HashMap;
use std::ops::Range;

/// A package read: its text parts' XML one after the other and their paragraphs.
pub(super) struct Parsed {
    pub(super) raw: String,
    /// Each text part's name and its range of `raw`.
    pub(super) parts: Vec<(String, Range<usize>)>,
    /// Paragraphs (`text:p`, `text:h`) in the order their start tags appear.
    pub(super) paras: Vec<Para>,
    /// Per part: the index in `paras` of its first paragraph.
    pub(super) first_para: Vec<usize>,
    /// Tracked changes (`text:changed-region`): insertions, deletions, format changes.
    pub(super) changes: [usize; 3],
    /// Comments (`office:annotation`) not read as text.
    pub(super) comments_left: usize,
}

/// A paragraph as read: what lies between its start and end tags.
#[derive(Default)]
pub(super) struct Para {
    /// Raw bytes of the content (after the start tag, before the end tag).
    pub(super) region: Range<usize>,
    pub(super) items: Vec<Item>,
    /// Bookmarks, change marks, index and reference marks, soft page
    /// breaks: no content; kept before the text on a rewrite (their ends after it).
    pub(super) starts: Vec<Range<usize>>,
    pub(super) ends: Vec<Range<usize>>,
}

/// What a span or link is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Wrap {
    Span,
    Link,
}

#[derive(Clone, Debug)]
pub(super) enum Item {
    /// A character of text and the raw bytes that produced it.
    Char(char, Range<usize>),
    /// A `text:span` with formatting (`key`: its effective text properties)
    /// or a `text:a`.
    Open { raw: Range<usize>, wrap: Wrap, key: String },
    /// The end tag of the span or link opened last.
    Close { raw: Range<usize> },
    /// A standalone code: a tab, a line break, a note, a frame, a field.
    Code { raw: Range<usize>, name: &'static str },
}

/// Reads the text parts of the OpenDocument package in `bytes`:
/// `content.xml` (the body), then `styles.xml` (the master pages' headers
/// and footers). Comments (`office:annotation`) are read as paragraphs only
/// with `comments`.
pub(super) fn parse_package(bytes: &[u8], comments: bool) -> Result<Parsed, FilterError> {
    let mut pkg = Package::open(bytes)?;
    let mut parsed = Parsed {
        raw: String::new(),
        parts: Vec::new(),
        paras: Vec::new(),
        first_para: Vec::new(),
        changes: [0; 3],
        comments_left: 0,
    };
    for name in ["content.xml", "styles.xml"] {
        let Some(xml) = pkg.read(name)? else {
            if name == "content.xml" {
                return Err(err(name, "missing; expected the content part of an OpenDocument package"));
            }
            continue;
        };
        let styles = style_keys(name, &xml)?;
        let off = parsed.raw.len();
        parsed.raw.push_str(&xml);
        parsed.parts.push((name.to_string(), off..parsed.raw.len()));
        parsed.first_para.push(parsed.paras.len());
        let mut p = PartParser { cur: PartCursor::new(name, &xml, off), styles, comments, parsed: &mut parsed };
        p.scan(None)?;
    }
    Ok(parsed)
}

/// Local name of an element (`text:p` → `p`).
fn local(name: &[u8]) -> &[u8] {
    match name.iter().position(|&b| b == b':') {
        Some(i) => &name[i + 1..],
        None => name,
    }
}

fn attr(e: &BytesStart, name: &[u8]) -> Option<String> {
    e.attributes().flatten().find(|a| a.key.as_ref() == name).map(|a| String::from_utf8_lossy(&a.value).into_owned())
}

/// Text properties that are not formatting: revision ids (LibreOffice's
/// `officeooo:rsid`) and language, which split runs of one look.
const IGNORED_PROPERTIES: &[&str] = &[
    "officeooo:rsid",
    "officeooo:paragraph-rsid",
    "fo:language",
    "fo:country",
    "fo:script",
    "style:language-asian",
    "style:country-asian",
    "style:script-asian",
    "style:language-complex",
    "style:country-complex",
    "style:script-complex",
    "style:rfc-language-tag",
    "style:rfc-language-tag-asian",
    "style:rfc-language-tag-complex",
];

/// The effective formatting of each automatic text style of a part
/// (`style:style style:family="text"` in `office:automatic-styles`, ODF 1.2
/// §16.2): its parent style and its `style:text-properties` attributes,
/// sorted, without [`IGNORED_PROPERTIES`]; empty for a style that only
/// carries revision ids or a language.
fn style_keys(name: &str, xml: &str) -> Result<HashMap<String, String>, FilterError> {
    let mut r = Reader::from_str(xml);
    let mut keys = HashMap::new();
    let mut current: Option<(String, Vec<String>)> = None;
    let mut in_auto = false;
    loop {
        let ev = r.read_event().map_err(|e| {
            let at = r.error_position() as usize;
            let (line, col) = memoria_core::location::line_col(xml, at.min(xml.len()));
            err(name, format!("line {line}, column {col}: {e}; expected well-formed XML"))
        })?;
        match ev {
            Event::DocType(_) => {
                return Err(err(name, "has a document type declaration; expected none (entity expansion is refused)"))
            }
            Event::Start(e) if e.name().as_ref() == b"office:automatic-styles" => in_auto = true,
            Event::End(e) if e.name().as_ref() == b"office:automatic-styles" => in_auto = false,
            Event::Start(e) | Event::Empty(e) if in_auto => match e.name().as_ref() {
                b"style:style" => {
                    if let Some((n, k)) = current.take() {
                        keys.insert(n, k.join(";"));
                    }
                    if attr(&e, b"style:family").as_deref() == Some("text") {
                        let mut k = Vec::new();
                        if let Some(p) = attr(&e, b"style:parent-style-name") {
                            k.push(format!("parent={p}"));
                        }
                        current = attr(&e, b"style:name").map(|n| (n, k));
                    }
                }
                b"style:text-properties" => {
                    if let Some((_, k)) = current.as_mut() {
                        for a in e.attributes().flatten() {
                            let key = String::from_utf8_lossy(a.key.as_ref()).into_owned();
                            if !IGNORED_PROPERTIES.contains(&key.as_str()) {
                                k.push(format!("{key}={}", String::from_utf8_lossy(&a.value)));
                            }
                        }
                        k.sort();
                    }
                }
                _ => {}
            },
            Event::End(e) if e.name().as_ref() == b"style:style" => {
                if let Some((n, k)) = current.take() {
                    keys.insert(n, k.join(";"));
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(keys)
}

struct PartParser<'a, 'p> {
    cur: PartCursor<'a>,
    styles: HashMap<String, String>,
    comments: bool,
    parsed: &'p mut Parsed,
}

/// Elements of a part that hold no text to translate (styles, settings,
/// declarations), skipped whole.
const SKIPPED: &[&[u8]] = &[
    b"office:automatic-styles",
    b"office:styles",
    b"office:font-face-decls",
    b"office:scripts",
    b"office:forms",
    b"text:variable-decls",
    b"text:sequence-decls",
    b"text:user-field-decls",
    b"table:table-columns",
];

/// Markers inside a paragraph that are not content (ODF 1.2 §6.2, §6.6,
/// §8.1, §5.5.7): a start or point marker is kept before the text of a
/// rewritten paragraph, an end after it.
fn marker(name: &[u8]) -> Option<bool> {
    match name {
        b"text:bookmark"
        | b"text:bookmark-start"
        | b"text:reference-mark"
        | b"text:reference-mark-start"
        | b"text:change"
        | b"text:change-start"
        | b"text:soft-page-break"
        | b"text:toc-mark"
        | b"text:toc-mark-start"
        | b"text:alphabetical-index-mark"
        | b"text:alphabetical-index-mark-start"
        | b"text:user-index-mark"
        | b"text:user-index-mark-start" => Some(true),
        b"text:bookmark-end"
        | b"text:reference-mark-end"
        | b"text:change-end"
        | b"text:toc-mark-end"
        | b"text:alphabetical-index-mark-end"
        | b"text:user-index-mark-end"
        | b"office:annotation-end" => Some(false),
        _ => None,
    }
}

/// The name of a standalone code (a static name: codes do not allocate).
fn code_name(name: &[u8]) -> &'static str {
    const FIELDS: &[&str] = &[
        "date",
        "time",
        "page-number",
        "page-count",
        "sequence",
        "title",
        "subject",
        "initial-creator",
        "author-name",
        "description",
        "keywords",
        "creation-time",
        "creation-date",
        "user-defined",
        "variable-set",
        "variable-get",
        "file-name",
        "chapter",
        "bookmark-ref",
        "reference-ref",
        "note-ref",
        "sequence-ref",
        "ruby",
        "meta",
        "meta-field",
        "hidden-text",
    ];
    match name {
        b"text:tab" => "tab",
        b"text:line-break" => "br",
        b"text:note" => "note",
        b"office:annotation" => "annotation",
        b"draw:frame" | b"draw:a" | b"draw:custom-shape" | b"draw:g" | b"draw:image" => "img",
        other => {
            let l = String::from_utf8_lossy(local(other));
            FIELDS.iter().find(|f| **f == l).copied().unwrap_or("field")
        }
    }
}

impl<'a> PartParser<'a, '_> {
    /// Runs `f` one paragraph level deeper ([`PartCursor::enter`]).
    fn nested(&mut self, f: impl FnOnce(&mut Self) -> Result<usize, FilterError>) -> Result<usize, FilterError> {
        self.cur.enter()?;
        let r = f(self);
        self.cur.leave();
        r
    }

    /// Reads elements up to the end of the current one (`until`: inside an
    /// element; `None`: the whole part), taking every paragraph found.
    fn scan(&mut self, until: Option<()>) -> Result<usize, FilterError> {
        let mut depth = 0usize;
        loop {
            let (ev, r) = self.cur.next()?;
            match ev {
                Event::Start(e) => {
                    let name = e.name();
                    let n = name.as_ref();
                    if n == b"text:p" || n == b"text:h" {
                        self.paragraph(r)?;
                    } else if n == b"text:tracked-changes" {
                        self.tracked_changes()?;
                    } else if SKIPPED.contains(&n) {
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

    /// Counts the changed regions of `text:tracked-changes` (ODF 1.2
    /// §5.5.1), whose deleted text is never read.
    fn tracked_changes(&mut self) -> Result<(), FilterError> {
        let mut depth = 1;
        loop {
            let (ev, _) = self.cur.next()?;
            let start = matches!(ev, Event::Start(_));
            match ev {
                Event::Start(e) | Event::Empty(e) => {
                    let k = match e.name().as_ref() {
                        b"text:insertion" => Some(0),
                        b"text:deletion" => Some(1),
                        b"text:format-change" => Some(2),
                        _ => None,
                    };
                    if let Some(k) = k {
                        self.parsed.changes[k] += 1;
                    }
                    if start {
                        depth += 1;
                    }
                }
                Event::End(_) => {
                    depth -= 1;
                    if depth == 0 {
                        return Ok(());
                    }
                }
                Event::Eof => return Err(err(self.cur.name, "ends inside text:tracked-changes")),
                _ => {}
            }
        }
    }

    fn paragraph(&mut self, start: Range<usize>) -> Result<(), FilterError> {
        let idx = self.parsed.paras.len();
        self.parsed.paras.push(Para::default());
        let mut p = Para { region: start.end..start.end, ..Para::default() };
        // Open spans and links: whether each produced an item (a span
        // without formatting does not).
        let mut open: Vec<bool> = Vec::new();
        // White space collapses (ODF 1.2 §6.1.2): after a space, and at the start.
        let mut space = true;
        loop {
            let (ev, r) = self.cur.next()?;
            match ev {
                Event::Text(t) => {
                    let raw = String::from_utf8_lossy(t.as_ref()).into_owned();
                    self.chars(&raw, r.start, &mut p, &mut space)?;
                }
                Event::CData(c) => {
                    for ch in String::from_utf8_lossy(&c).chars() {
                        p.items.push(Item::Char(ch, r.clone()));
                    }
                    space = false;
                }
                Event::Start(e) => {
                    let name = e.name();
                    let n = name.as_ref();
                    if let Some(is_start) = marker(n) {
                        let end = self.cur.skip()?;
                        if is_start {
                            p.starts.push(r.start..end)
                        } else {
                            p.ends.push(r.start..end)
                        }
                    } else if n == b"text:span" {
                        let key = self.span_key(&e);
                        open.push(!key.is_empty());
                        if !key.is_empty() {
                            p.items.push(Item::Open { raw: r, wrap: Wrap::Span, key });
                        }
                    } else if n == b"text:a" {
                        open.push(true);
                        p.items.push(Item::Open { raw: r, wrap: Wrap::Link, key: String::new() });
                    } else if n == b"text:s" {
                        let end = self.cur.skip()?;
                        self.spaces(&e, r.start..end, &mut p);
                        space = false;
                    } else if n == b"office:annotation" && !self.comments {
                        self.parsed.comments_left += 1;
                        let end = self.cur.skip()?;
                        p.items.push(Item::Code { raw: r.start..end, name: "annotation" });
                    } else if matches!(n, b"text:note" | b"office:annotation") || n.starts_with(b"draw:") {
                        // Its paragraphs are read after this one's.
                        let end = self.nested(|me| me.scan(Some(())))?;
                        p.items.push(Item::Code { raw: r.start..end, name: code_name(n) });
                    } else {
                        let end = self.cur.skip()?;
                        p.items.push(Item::Code { raw: r.start..end, name: code_name(n) });
                        space = false;
                    }
                }
                Event::Empty(e) => {
                    let name = e.name();
                    let n = name.as_ref();
                    if let Some(is_start) = marker(n) {
                        if is_start {
                            p.starts.push(r)
                        } else {
                            p.ends.push(r)
                        }
                    } else if n == b"text:s" {
                        self.spaces(&e, r, &mut p);
                        space = false;
                    } else if n == b"text:span" || n == b"text:a" {
                    } else {
                        p.items.push(Item::Code { raw: r, name: code_name(n) });
                        space = false;
                    }
                }
                Event::End(_) => match open.pop() {
                    Some(true) => p.items.push(Item::Close { raw: r }),
                    Some(false) => {}
                    None => {
                        p.region.end = r.start;
                        self.parsed.paras[idx] = p;
                        return Ok(());
                    }
                },
                Event::Eof => return Err(err(self.cur.name, "ends inside a paragraph (text:p); expected its end tag")),
                _ => {}
            }
        }
    }

    /// The formatting key of a `text:span` (its style's, [`style_keys`];
    /// a common style by its name).
    fn span_key(&self, e: &BytesStart) -> String {
        match attr(e, b"text:style-name") {
            Some(s) => self.styles.get(&s).cloned().unwrap_or_else(|| format!("style={s}")),
            None => String::new(),
        }
    }

    /// The spaces of a `text:s` (`text:c`, default 1), each mapped to the element.
    fn spaces(&self, e: &BytesStart, raw: Range<usize>, p: &mut Para) {
        let n = attr(e, b"text:c").and_then(|c| c.parse::<usize>().ok()).unwrap_or(1).clamp(1, 10_000);
        p.items.extend(std::iter::repeat_n(Item::Char(' ', raw), n));
    }

    /// The characters of a text node (raw, escaped) starting at `at` in
    /// `Parsed::raw`: entities decoded, white space collapsed to one space.
    fn chars(&self, raw: &str, at: usize, p: &mut Para, space: &mut bool) -> Result<(), FilterError> {
        let mut i = 0;
        while i < raw.len() {
            let ch = raw[i..].chars().next().unwrap_or(' ');
            let (ch, len) = if ch == '&' {
                let semi =
                    raw[i..].find(';').ok_or_else(|| err(self.cur.name, "an & without its ;; expected an entity"))?;
                let ent = &raw[i..i + semi + 1];
                let s = quick_xml::escape::unescape(ent)
                    .map_err(|e| err(self.cur.name, format!("{e} in a paragraph; expected XML's entities")))?;
                (s.chars().next().unwrap_or(' '), semi + 1)
            } else {
                (ch, ch.len_utf8())
            };
            let r = at + i..at + i + len;
            i += len;
            if matches!(ch, ' ' | '\t' | '\n' | '\r') {
                if !*space {
                    p.items.push(Item::Char(' ', r));
                    *space = true;
                }
            } else {
                p.items.push(Item::Char(ch, r));
                *space = false;
            }
        }
        Ok(())
    }
}
