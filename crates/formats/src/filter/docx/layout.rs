//! Laying paragraphs out as the document's text and inline codes (run merging).

use super::super::document::{ByteMap, TagCode, TagRole};
use super::parse::{Item, Parsed};
use std::ops::Range;

/// What a code of the document stands for, beside [`SourceMap::codes`].
#[derive(Clone, Debug)]
pub(super) enum CodeInfo {
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
pub(super) struct Laid {
    pub(super) text: String,
    /// Where each byte of `text` came from (a text byte maps to its whole `w:t` node).
    pub(super) map: ByteMap,
    pub(super) codes: Vec<TagCode>,
    pub(super) infos: Vec<CodeInfo>,
    /// Per paragraph of `Parsed::paras`: its text range (without the
    /// `\n\n`), its base properties; `None` for a paragraph without text.
    pub(super) paras: Vec<Option<LaidPara>>,
}

/// A paragraph's text range in the document (without its `\n\n`) and
/// its base run properties (a `w:rPr` in raw, if any).
pub(super) type LaidPara = (Range<usize>, Option<Range<usize>>);

/// The format span being laid out: its key, pair and its last run's `</w:r>`.
pub(super) type OpenSpan<'k> = Option<(&'k str, u32, Range<usize>)>;

/// Lays the paragraphs out as text and codes; `merge_runs` false: runs
/// keyed by their raw properties and never joined (for measuring).
pub(super) fn lay_out(parsed: &Parsed, merge_runs: bool) -> Laid {
    let mut l =
        Laid { text: String::new(), map: ByteMap::default(), codes: Vec::new(), infos: Vec::new(), paras: Vec::new() };
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
                    for ch in text.chars() {
                        l.map.push(ch.len_utf8(), node.start, node.end);
                    }
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
        l.map.push(1, p.region.end, p.region.end);
        l.map.push(1, p.region.end, p.region.end);
    }
    l
}

/// The name of a format span's codes, for their TMX `type`
/// ([`Document::content`]): `b`, `i`, `u` (bold, italic, underlined) when
/// that is the only property, else `run` (`x-run`).
pub(super) fn span_name(key: &str) -> &'static str {
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
pub(super) fn code_name(local: &str) -> &'static str {
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
