//! Writing filled paragraphs back as ODF text, spans and links.

use super::super::document::TagRole;
use super::super::rewrite::{emit_edits, Edit, Piece};
use super::parse::Parsed;
use super::Laid;
use std::ops::Range;

/// Writes parts with the edits applied.
pub(super) struct Writer<'a> {
    pub(super) raw: &'a str,
    pub(super) edits: &'a [Edit],
    pub(super) parsed: &'a Parsed,
    pub(super) laid: &'a Laid,
}

impl Writer<'_> {
    /// `raw[range]` with every edit inside it applied (an edit inside a
    /// code of another edit, a note's paragraph, is applied when that code
    /// is written).
    pub(super) fn emit(&self, range: Range<usize>, out: &mut String) {
        emit_edits(self.raw, self.edits, range, None, &|e: &Edit, p: &mut String| self.paragraph(e, p), out)
    }

    /// The end tag of the span or link a code opens.
    fn end_tag(&self, k: usize) -> &'static str {
        if self.laid.codes[k].name == "a" {
            "</text:a>"
        } else {
            "</text:span>"
        }
    }

    fn paragraph(&self, e: &Edit, out: &mut String) {
        let para = &self.parsed.paras[e.para];
        let wraps = self.laid.paras[e.para].as_ref().map_or(&[][..], |p| &p.wraps[..]);
        for r in &para.starts {
            out.push_str(&self.raw[r.clone()]);
        }
        for (open, _) in wraps {
            out.push_str(&self.raw[open.clone()]);
        }
        // Open spans and links, innermost last (indices of their open codes).
        let mut stack: Vec<usize> = Vec::new();
        let mut space = true;
        for p in &e.pieces {
            match p {
                Piece::Text(t, _) => text(t, &mut space, out),
                Piece::Code(k) => {
                    let c = &self.laid.codes[*k];
                    match c.role {
                        TagRole::Open => {
                            out.push_str(&self.raw[c.raw.clone()]);
                            stack.push(*k);
                        }
                        TagRole::Close => {
                            let Some(pos) = stack.iter().rposition(|&o| self.laid.codes[o].pair == c.pair) else {
                                continue; // its open is not written (before it in the target): closed at the end
                            };
                            let inner = stack.split_off(pos + 1);
                            for &o in inner.iter().rev() {
                                out.push_str(self.end_tag(o));
                            }
                            out.push_str(self.end_tag(stack.pop().unwrap_or(*k)));
                            for &o in &inner {
                                out.push_str(&self.raw[self.laid.codes[o].raw.clone()]);
                            }
                            stack.extend(inner);
                        }
                        TagRole::Standalone => {
                            self.emit(c.raw.clone(), out);
                            space = false;
                        }
                    }
                }
            }
        }
        for &o in stack.iter().rev() {
            out.push_str(self.end_tag(o));
        }
        for (_, close) in wraps.iter().rev() {
            out.push_str(&self.raw[close.clone()]);
        }
        for r in &para.ends {
            out.push_str(&self.raw[r.clone()]);
        }
    }
}

/// Writes `t` as paragraph content: a space after a space (or at the
/// start) as `text:s`, so that it survives white-space collapsing; a tab as
/// `text:tab`, a line break as `text:line-break`; the rest escaped.
fn text(t: &str, space: &mut bool, out: &mut String) {
    let mut buf = [0u8; 4];
    for ch in t.chars() {
        match ch {
            ' ' if *space => out.push_str("<text:s/>"),
            ' ' => {
                out.push(' ');
                *space = true;
                continue;
            }
            '\t' => out.push_str("<text:tab/>"),
            '\n' => out.push_str("<text:line-break/>"),
            c => crate::xml::escape_text(c.encode_utf8(&mut buf), out),
        }
        *space = ch == ' ';
    }
}

/// A part with the language of every style (`fo:language`, and
/// `fo:country` from `lang`'s region, else `none`) set to `lang`.
pub(super) fn to_language(xml: &str, lang: &str) -> String {
    let mut parts = lang.splitn(2, '-');
    let language = parts.next().unwrap_or(lang).to_ascii_lowercase();
    let country = parts.next().filter(|r| r.len() == 2).map_or("none".to_string(), |r| r.to_ascii_uppercase());
    let mut out = String::with_capacity(xml.len() + 64);
    let mut rest = xml;
    loop {
        let next = [("fo:language=\"", &language), ("fo:country=\"", &country)]
            .into_iter()
            .filter_map(|(a, v)| rest.find(a).map(|i| (i, a, v)))
            .min_by_key(|x| x.0);
        let Some((i, a, v)) = next else { break };
        let vs = i + a.len();
        let ve = vs + rest[vs..].find('"').unwrap_or(rest.len() - vs);
        out.push_str(&rest[..vs]);
        crate::xml::escape_attr(v, &mut out);
        rest = &rest[ve..];
    }
    out.push_str(rest);
    out
}
