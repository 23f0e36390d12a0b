//! Writing filled paragraphs back as runs, in the target's order.

use super::super::document::TagRole;
use super::super::rewrite::{emit_edits, Edit, Piece};
use super::layout::{CodeInfo, Laid};
use super::parse::Parsed;
use std::ops::Range;

/// Writes parts with the edits applied.
pub(super) struct Writer<'a> {
    pub(super) raw: &'a str,
    pub(super) edits: &'a [Edit],
    pub(super) parsed: &'a Parsed,
    pub(super) laid: &'a Laid,
    /// The language of filled text, when set.
    pub(super) lang: Option<&'a str>,
}

impl Writer<'_> {
    /// `raw[range]` with every edit inside it applied (an edit inside a
    /// code of another edit is applied when that code is written).
    pub(super) fn emit(&self, range: Range<usize>, out: &mut String) {
        emit_edits(self.raw, self.edits, range, None, &|e: &Edit, p: &mut String| self.paragraph(e, p), out)
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

/// Run properties `rpr` (raw `w:rPr`, or empty) with `w:lang`'s `w:val`
/// set to `lang`: replaced where there is one, else a `w:lang` added where
/// CT_RPr's sequence puts it (before `w:eastAsianLayout`, `w:specVanish`,
/// `w:oMath`, `w:rPrChange`, §17.3.2.28).
pub(super) fn with_lang(rpr: &str, lang: &str) -> String {
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

/// `word/styles.xml` with the `w:val` of every `w:lang` (the document
/// defaults' and each style's, §17.7.5.1) set to `lang`, so that text
/// without a language of its own reads as the target language.
pub(super) fn styles_to_language(xml: &str, lang: &str) -> String {
    let mut out = String::with_capacity(xml.len() + 64);
    let mut rest = xml;
    while let Some(at) = rest.find("<w:lang ") {
        let end = at + rest[at..].find('>').unwrap_or(rest.len() - at);
        out.push_str(&rest[..at]);
        let el = &rest[at..end];
        match el.find(" w:val=\"") {
            Some(v) => {
                let vs = v + " w:val=\"".len();
                let ve = vs + el[vs..].find('"').unwrap_or(el.len() - vs);
                out.push_str(&el[..vs]);
                crate::xml::escape_attr(lang, &mut out);
                out.push_str(&el[ve..]);
            }
            None => out.push_str(el),
        }
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}
