//! The OpenDocument text filter: the text of an `.odt` package (ODF 1.2),
//! its formatting as inline codes, and the translated package back.
//!
//! Parts read, in this order: `content.xml` (the body), then `styles.xml`
//! (headers and footers of the master pages). Every paragraph (`text:p`)
//! and heading (`text:h`) with text is one paragraph of
//! [`Document::text`], paragraphs separated by `\n\n`: body paragraphs,
//! list items, table cells in row order, frames' text boxes, notes'
//! bodies (`text:note`, read after the paragraph that cites them),
//! headers, footers; comments (`office:annotation`) only with
//! [`OdtFilter::comments`]. Tracked changes (`text:tracked-changes`) are
//! read with every change accepted: the deleted text kept there is never
//! read, and the changes are counted in the document's notices.
//!
//! Inside a paragraph white space collapses as ODF 1.2 §6.1.2 says (a run
//! of spaces, tabs and line ends is one space, none at the start;
//! `text:s` is that many spaces). A `text:span` whose automatic style
//! carries only revision ids or a language (LibreOffice's
//! `officeooo:rsid`, `fo:language`) is no span at all; neighbouring spans
//! of equal effective formatting are one span; a span around the whole
//! paragraph is the paragraph's own formatting, kept outside the text. The
//! other spans and links (`text:a`) become paired codes; tabs, line breaks,
//! notes, frames, fields and comments standalone codes. Bookmarks, change
//! marks, index marks and soft page breaks are not content.
//!
//! Merging re-reads the package the document keeps, rewrites each filled
//! paragraph's content from its pieces (text escaped, repeated spaces as
//! `text:s`; spans and links in the target's order, closed and reopened
//! where the target crosses them, so the XML always nests), and writes the
//! zip with every entry whose text is unchanged copied raw (`mimetype`
//! first and stored, as ODF 1.2 Part 3 §3.3 wants).

use super::document::{ByteMap, Document, PackageInfo, SourceMap, TagCode, TagRole};
use super::package::write_package;
use super::{Fill, Filter, FilterError};
use parse::{parse_package, Item, Parsed, Wrap};
use std::ops::Range;

mod parse;
mod write;

/// OpenDocument text packages (`.odt`), chosen by their `mimetype` entry.
#[derive(Clone, Copy, Debug, Default)]
pub struct OdtFilter {
    /// Read comments (`office:annotation`) as text too.
    pub comments: bool,
}

impl Filter for OdtFilter {
    fn name(&self) -> &'static str {
        "odt"
    }

    fn extract(&self, bytes: &[u8]) -> Result<Document, FilterError> {
        let parsed = parse_package(bytes, self.comments)?;
        let laid = lay_out(&parsed);
        let info = package_info(bytes, &parsed, &laid, self.comments);
        let mut map = ByteMap::default();
        for (i, ch) in laid.text.char_indices() {
            map.push(ch.len_utf8(), laid.starts[i], laid.ends[i]);
        }
        let map = SourceMap { raw: parsed.raw, bytes: map, codes: laid.codes };
        Ok(Document::marked_up(laid.text, 0, map).with_package(info))
    }

    fn merge(&self, doc: &Document, fills: &[Fill]) -> Result<Vec<u8>, FilterError> {
        merge(doc, fills, None)
    }

    /// [`Filter::merge`] with the document's language (`fo:language` and
    /// `fo:country` of every style, ODF 1.2 §20.223, §20.185) set to `lang`.
    fn merge_to_language(&self, doc: &Document, fills: &[Fill], lang: &str) -> Result<Vec<u8>, FilterError> {
        merge(doc, fills, Some(lang))
    }
}

fn err(part: &str, problem: impl Into<String>) -> FilterError {
    FilterError::Package { part: part.to_string(), problem: problem.into() }
}

fn merge(doc: &Document, fills: &[Fill], lang: Option<&str>) -> Result<Vec<u8>, FilterError> {
    let (bytes, comments) = match doc.package_info() {
        Some(info) if info.format == "odt" => (&*info.bytes, info.comments),
        _ => {
            return Err(err(
                "the document",
                "was not read from an OpenDocument package; expected a document extracted by the odt filter",
            ))
        }
    };
    let parsed = parse_package(bytes, comments)?;
    let laid = lay_out(&parsed);
    if laid.text != doc.text {
        return Err(err("content.xml", "reads differently from the extracted document; expected the same package"));
    }
    let paras: Vec<_> = laid
        .paras
        .iter()
        .zip(&parsed.paras)
        .map(|(l, p)| (l.as_ref().map(|l| l.range.clone()), p.region.clone()))
        .collect();
    let edits = super::rewrite::plan_edits(doc, &paras, fills);
    let w = write::Writer { raw: &parsed.raw, edits: &edits, parsed: &parsed, laid: &laid };
    let mut changed = Vec::new();
    for (name, range) in &parsed.parts {
        let mut out = String::with_capacity(range.len() + 64);
        w.emit(range.clone(), &mut out);
        if let Some(lang) = lang {
            out = write::to_language(&out, lang);
        }
        if out != parsed.raw[range.clone()] {
            changed.push((name.clone(), out));
        }
    }
    write_package(bytes, &changed)
}

/// The package facts of a read document: parts, paragraph places, notices.
fn package_info(bytes: &[u8], parsed: &Parsed, laid: &Laid, comments: bool) -> PackageInfo {
    let mut places = Vec::new();
    let mut part = 0;
    for (i, p) in laid.paras.iter().enumerate() {
        while part + 1 < parsed.first_para.len() && parsed.first_para[part + 1] <= i {
            part += 1;
        }
        if let Some(p) = p {
            places.push((p.range.start, part as u32, (i - parsed.first_para[part] + 1) as u32));
        }
    }
    let mut notices = Vec::new();
    let [ins, del, fmt] = parsed.changes;
    if ins + del + fmt > 0 {
        notices.push(format!(
            "{} tracked changes ({ins} insertions, {del} deletions, {fmt} format changes) read as accepted: \
             inserted text is extracted, deleted text is not",
            ins + del + fmt
        ));
    }
    if parsed.comments_left > 0 {
        notices.push(format!(
            "its {} comments (office:annotation) are not extracted; give --comments to translate them",
            parsed.comments_left
        ));
    }
    PackageInfo {
        bytes: bytes.into(),
        format: "odt",
        comments,
        parts: parsed.parts.iter().map(|p| p.0.clone()).collect(),
        part_starts: parsed.parts.iter().map(|p| p.1.start).collect(),
        places,
        notices,
    }
}

/// The document's text laid out from the paragraphs, with its codes.
pub(super) struct Laid {
    pub(super) text: String,
    starts: Vec<usize>,
    ends: Vec<usize>,
    pub(super) codes: Vec<TagCode>,
    /// Per paragraph of `Parsed::paras`; `None` for one without text.
    pub(super) paras: Vec<Option<LaidPara>>,
}

/// A paragraph's text range (without its `\n\n`) and the spans around all
/// of its text (open and close tags, outermost first), which stay outside
/// the text.
pub(super) struct LaidPara {
    pub(super) range: Range<usize>,
    pub(super) wraps: Vec<(Range<usize>, Range<usize>)>,
}

/// The items of a paragraph with neighbouring spans of equal formatting
/// joined: a span's close followed at once by an open of the same key
/// (at the same depth) is dropped with that open.
fn joined(items: &[Item]) -> Vec<&Item> {
    let mut out = Vec::with_capacity(items.len());
    let mut stack: Vec<(Wrap, &str)> = Vec::new();
    let mut i = 0;
    while i < items.len() {
        match &items[i] {
            Item::Open { wrap, key, .. } => stack.push((*wrap, key)),
            Item::Close { .. } => {
                if let (Some((Wrap::Span, k)), Some(Item::Open { wrap: Wrap::Span, key, .. })) =
                    (stack.last(), items.get(i + 1))
                {
                    if *k == key.as_str() {
                        i += 2;
                        continue;
                    }
                }
                stack.pop();
            }
            _ => {}
        }
        out.push(&items[i]);
        i += 1;
    }
    out
}

/// The index of the close matching the open at `items[0]`.
fn matching_close(items: &[&Item]) -> Option<usize> {
    let mut depth = 0usize;
    for (i, it) in items.iter().enumerate() {
        match it {
            Item::Open { .. } => depth += 1,
            Item::Close { .. } => {
                depth -= 1;
                if depth == 0 {
                    return Some(i);
                }
            }
            _ => {}
        }
    }
    None
}

/// The name of a span's codes, for their TMX `type`: `b`, `i`, `u` when
/// bold, italic or underline is its only property (its Asian and complex
/// script twins aside), else `run`.
fn span_name(key: &str) -> &'static str {
    let props: Vec<&str> = key
        .split(';')
        .filter(|p| !p.starts_with("style:font-weight-") && !p.starts_with("style:font-style-"))
        .collect();
    match props.join(";").as_str() {
        "fo:font-weight=bold" => "b",
        "fo:font-style=italic" => "i",
        k if !k.contains(';') && k.starts_with("style:text-underline-style=") => "u",
        _ => "run",
    }
}

fn lay_out(parsed: &Parsed) -> Laid {
    let mut l =
        Laid { text: String::new(), starts: Vec::new(), ends: Vec::new(), codes: Vec::new(), paras: Vec::new() };
    let mut pairs = 0u32;
    for p in &parsed.paras {
        if !p.items.iter().any(|i| matches!(i, Item::Char(c, _) if !c.is_whitespace())) {
            l.paras.push(None);
            continue;
        }
        let mut items = joined(&p.items);
        let mut wraps = Vec::new();
        while let (Some(Item::Open { raw, .. }), Some(Item::Close { raw: close })) = (items.first(), items.last()) {
            if matching_close(&items) != Some(items.len() - 1) {
                break;
            }
            wraps.push((raw.clone(), close.clone()));
            items = items[1..items.len() - 1].to_vec();
        }
        let start = l.text.len();
        let mut open: Vec<(u32, &'static str)> = Vec::new();
        for it in items {
            let at = l.text.len();
            match it {
                Item::Char(ch, r) => {
                    l.text.push(*ch);
                    l.starts.extend(std::iter::repeat_n(r.start, ch.len_utf8()));
                    l.ends.extend(std::iter::repeat_n(r.end, ch.len_utf8()));
                }
                Item::Open { raw, wrap, key } => {
                    pairs += 1;
                    let name = if *wrap == Wrap::Link { "a" } else { span_name(key) };
                    open.push((pairs, name));
                    l.codes.push(TagCode { at, raw: raw.clone(), role: TagRole::Open, pair: pairs, name });
                }
                Item::Close { raw } => {
                    let (pair, name) = open.pop().unwrap_or((0, "run"));
                    l.codes.push(TagCode { at, raw: raw.clone(), role: TagRole::Close, pair, name });
                }
                Item::Code { raw, name } => {
                    pairs += 1;
                    l.codes.push(TagCode { at, raw: raw.clone(), role: TagRole::Standalone, pair: pairs, name });
                }
            }
        }
        l.paras.push(Some(LaidPara { range: start..l.text.len(), wraps }));
        l.text.push_str("\n\n");
        l.starts.extend([p.region.end; 2]);
        l.ends.extend([p.region.end; 2]);
    }
    l
}
