//! Rewriting filled paragraphs of a packaged document (DOCX, ODT): which
//! paragraphs the fills touch and the pieces (text, codes) each becomes.
//! Each filter writes the pieces in its own markup.

use super::document::{Document, TagCode, TagRole};
use super::Fill;
use memoria_core::content::{CodeKind, Content, Inline};
use quick_xml::events::Event;
use quick_xml::Reader;
use std::ops::Range;

/// One piece of a rewritten paragraph.
#[derive(Clone, Debug)]
pub(crate) enum Piece {
    /// Text, and whether it comes from a fill (a target).
    Text(String, bool),
    /// A code of the document, by its index in [`super::document::SourceMap::codes`].
    Code(usize),
}

/// A paragraph to rewrite: its index among the paragraphs and its pieces.
pub(crate) struct Edit {
    pub(crate) region: Range<usize>,
    pub(crate) para: usize,
    pub(crate) pieces: Vec<Piece>,
}

/// The paragraphs the fills touch, each with its new pieces: filled ranges
/// from the targets, the rest from the source.
///
/// `paras` are the document's paragraphs: each one's text range (without
/// its `\n\n`; `None` for a paragraph without text) and its region in the
/// raw text (what a rewrite replaces). Code indices are those of the
/// document's [`super::document::SourceMap::codes`].
pub(crate) fn plan_edits(doc: &Document, paras: &[(Option<Range<usize>>, Range<usize>)], fills: &[Fill]) -> Vec<Edit> {
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
    for (pi, (para, region)) in paras.iter().enumerate() {
        let Some(prange) = para else { continue };
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
        edits.push(Edit { region: region.clone(), para: pi, pieces });
    }
    edits.sort_by_key(|e| e.region.start);
    edits
}

/// The pieces of a target: its text, and each code found among the
/// segment's codes (`codes`, starting at index `base` of the document's):
/// a `bpt`/`ept` by its `i`, a `ph`/`it` by its `x` (as
/// [`Document::content`] numbers them), else by its native markup. A code
/// of another document (not found) is left out.
pub(crate) fn target_pieces(
    items: &[Inline],
    codes: &[TagCode],
    base: usize,
    raw: &str,
    out: &mut Vec<Piece>,
    used: &mut [bool],
) {
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

/// Whether `xml` (a paragraph's content) has every element it opens closed
/// in order, and closes none it did not open.
pub(crate) fn balanced(xml: &str) -> bool {
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

/// `raw[range]` with every edit inside it applied, each paragraph written by
/// `paragraph`; the edit of paragraph `except` is left out. An edit inside
/// another's region (a note's paragraph inside its citation's code) is
/// applied when `paragraph` writes that code. A paragraph whose codes cut
/// across its elements (a field begun inside a link and ended outside it)
/// would be invalid XML: it stays as it was. Shared by the DOCX and ODT
/// writers.
pub(crate) fn emit_edits(
    raw: &str,
    edits: &[Edit],
    range: Range<usize>,
    except: Option<usize>,
    paragraph: &dyn Fn(&Edit, &mut String),
    out: &mut String,
) {
    let mut at = range.start;
    let first = edits.partition_point(|e| e.region.start < range.start);
    for e in &edits[first..] {
        if e.region.start >= range.end {
            break;
        }
        if e.region.start < at || e.region.end > range.end || Some(e.para) == except {
            continue;
        }
        out.push_str(&raw[at..e.region.start]);
        let mut p = String::new();
        paragraph(e, &mut p);
        if balanced(&p) {
            out.push_str(&p);
        } else {
            emit_edits(raw, edits, e.region.clone(), Some(e.para), paragraph, out);
        }
        at = e.region.end;
    }
    out.push_str(&raw[at..range.end]);
}
