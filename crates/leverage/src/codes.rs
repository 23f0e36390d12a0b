//! Inline codes into a translation that lacks them.
//!
//! A release segment read from a marked-up document carries the document's
//! inline codes (an HTML `<b>`, a link); its TM match usually does not (the
//! TM was aligned from plain text, or came from another document whose
//! codes mean nothing here). [`transfer`] writes the match's target text
//! with the segment's own codes placed where the text says: a paired code
//! around the target text that equals (case aside) the text it spans in the
//! source — a name, a number, a placeable the translation keeps — or around
//! the whole target when it spans the whole source; a standalone code after
//! the target word that ends the source text before it (or before the word
//! that follows it). A code that cannot be placed so goes at the end of the
//! target, and the placement says so: `check` reports the TM target's
//! missing codes as a tag mismatch either way, so a reviewer looks.
//!
//! The result never nests codes wrongly: a pair that would cross one already
//! placed goes to the end instead.

use memoria_core::content::{CodeKind, Content, Inline, InlineCode};

/// How [`transfer`] placed the codes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Placement {
    /// The source had no codes: the target is the match's own.
    NoCodes,
    /// Every code was placed by the text.
    Aligned,
    /// At least one code went to the end of the target.
    SomeAtEnd,
}

/// What a code does in the text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Role {
    Open(usize),
    Close(usize),
    Alone,
}

/// A code of the source at byte `at` of the source's plain text.
struct SourceCode<'a> {
    at: usize,
    role: Role,
    code: &'a InlineCode,
}

/// The target for a segment with content `source` from a match whose target
/// is `target`: `target` itself when `source` has no inline codes at the top
/// level; else the target's plain text with `source`'s codes placed as the
/// module documentation says.
pub fn transfer(source: &Content, target: &Content) -> (Content, Placement) {
    if source.is_plain() {
        return (target.clone(), Placement::NoCodes);
    }
    let (stext, codes) = source_codes(source);
    let ttext = target.plain_text();
    // (offset in the target text, order at that offset, code): closes sort
    // before standalones before opens at one offset, so spans never cross.
    let mut placed: Vec<(usize, u8, usize, &InlineCode)> = Vec::new();
    let mut spans: Vec<(usize, usize)> = Vec::new();
    let mut at_end = Vec::new();
    for (k, c) in codes.iter().enumerate() {
        match c.role {
            Role::Open(pair) => {
                let Some(close) = codes.iter().position(|d| d.role == Role::Close(pair)) else {
                    // An open whose span runs past the segment: from where its text starts.
                    match standalone_at(&stext, c.at, &ttext) {
                        Some(x) => placed.push((x, 2, k, c.code)),
                        None => at_end.push((k, c.code)),
                    }
                    continue;
                };
                match span_in_target(&stext, c.at, codes[close].at, &ttext) {
                    Some((x, y))
                        if spans.iter().all(|&(a, b)| y <= a || b <= x || (a <= x && y <= b) || (x <= a && b <= y)) =>
                    {
                        spans.push((x, y));
                        placed.push((x, 2, k, c.code));
                        placed.push((y, 0, close, codes[close].code));
                    }
                    _ => {
                        at_end.push((k, c.code));
                        at_end.push((close, codes[close].code));
                    }
                }
            }
            Role::Close(pair) => {
                if codes.iter().any(|d| d.role == Role::Open(pair)) {
                    continue; // placed with its open
                }
                match standalone_at(&stext, c.at, &ttext) {
                    Some(x) => placed.push((x, 0, k, c.code)),
                    None => at_end.push((k, c.code)),
                }
            }
            Role::Alone => match standalone_at(&stext, c.at, &ttext) {
                Some(x) => placed.push((x, 1, k, c.code)),
                None => at_end.push((k, c.code)),
            },
        }
    }
    placed.sort_by_key(|&(x, order, k, _)| (x, order, if order == 0 { usize::MAX - k } else { k }));
    let mut items = Vec::new();
    let mut from = 0;
    for (x, _, _, code) in &placed {
        if *x > from {
            items.push(Inline::Text(ttext[from..*x].to_string()));
            from = *x;
        }
        items.push(Inline::Code((*code).clone()));
    }
    if from < ttext.len() {
        items.push(Inline::Text(ttext[from..].to_string()));
    }
    at_end.sort_by_key(|&(k, _)| k);
    let placement = if at_end.is_empty() { Placement::Aligned } else { Placement::SomeAtEnd };
    items.extend(at_end.into_iter().map(|(_, c)| Inline::Code(c.clone())));
    (Content { items }, placement)
}

/// The source's plain text and its top-level codes with their places.
fn source_codes(source: &Content) -> (String, Vec<SourceCode<'_>>) {
    let mut text = String::new();
    let mut codes = Vec::new();
    for item in &source.items {
        match item {
            Inline::Text(t) => text.push_str(t),
            Inline::Code(c) if c.kind == CodeKind::Hi => {
                text.push_str(&Content { items: c.content.clone() }.plain_text())
            }
            Inline::Code(c) => {
                let pair = c.attr("i").and_then(|i| i.parse::<usize>().ok());
                let role = match (&c.kind, pair) {
                    (CodeKind::Bpt, Some(p)) => Role::Open(p),
                    (CodeKind::Ept, Some(p)) => Role::Close(p),
                    (CodeKind::It, _) if c.attr("pos") == Some("end") => Role::Close(usize::MAX),
                    (CodeKind::It, _) => Role::Open(usize::MAX),
                    _ => Role::Alone,
                };
                codes.push(SourceCode { at: text.len(), role, code: c });
            }
        }
    }
    (text, codes)
}

/// Where the text the source spans from `a` to `b` stands in the target.
fn span_in_target(stext: &str, a: usize, b: usize, ttext: &str) -> Option<(usize, usize)> {
    let core = stext[a..b].trim();
    if stext[..a].trim().is_empty() && stext[b..].trim().is_empty() {
        // The code spans the whole segment: it spans the whole target.
        let t = ttext.trim();
        let start = ttext.len() - ttext.trim_start().len();
        return Some((start, start + t.len()));
    }
    if core.is_empty() {
        return None;
    }
    let x = find(ttext, core)?;
    Some((x, x + core.len()))
}

/// Where a standalone code at `at` of the source goes in the target: after
/// the target word equal to the source word before it, else before the one
/// equal to the word after it; the start or end when it stands there.
fn standalone_at(stext: &str, at: usize, ttext: &str) -> Option<usize> {
    if stext[..at].trim().is_empty() {
        return Some(ttext.len() - ttext.trim_start().len());
    }
    if stext[at..].trim().is_empty() {
        return Some(ttext.trim_end().len());
    }
    if let Some(w) = stext[..at].split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).next_back() {
        if let Some(x) = find(ttext, w) {
            return Some(x + w.len());
        }
    }
    let w = stext[at..].split(|c: char| !c.is_alphanumeric()).find(|w| !w.is_empty())?;
    find(ttext, w)
}

/// The byte offset of `needle` in `hay`: as written, else ignoring case
/// (where lower-casing keeps byte lengths).
fn find(hay: &str, needle: &str) -> Option<usize> {
    hay.find(needle).or_else(|| {
        let (h, n) = (hay.to_lowercase(), needle.to_lowercase());
        (h.len() == hay.len()).then(|| h.find(&n)).flatten()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(kind: CodeKind, attrs: &[(&str, &str)], native: &str) -> Inline {
        Inline::Code(InlineCode {
            kind,
            attrs: attrs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect(),
            content: vec![Inline::Text(native.into())],
        })
    }

    /// The content written back as HTML-like text: codes as their native data.
    fn shown(c: &Content) -> String {
        c.items
            .iter()
            .map(|i| match i {
                Inline::Text(t) => t.clone(),
                Inline::Code(c) => Content { items: c.content.clone() }.plain_text(),
            })
            .collect()
    }

    #[test]
    fn a_bold_name_the_translation_keeps_is_bold_in_the_target() {
        let source = Content {
            items: vec![
                Inline::Text("No habrá más soporte de seguridad para ".into()),
                code(CodeKind::Bpt, &[("i", "1")], "<b>"),
                Inline::Text("Debian 6.0".into()),
                code(CodeKind::Ept, &[("i", "1")], "</b>"),
                Inline::Text(".".into()),
            ],
        };
        let target = Content::from_text("There will be no further security support for Debian 6.0.");
        let (t, how) = transfer(&source, &target);
        assert_eq!(shown(&t), "There will be no further security support for <b>Debian 6.0</b>.");
        assert_eq!(how, Placement::Aligned);
        assert_eq!(t.plain_text(), target.plain_text());
    }

    #[test]
    fn a_code_around_the_whole_segment_wraps_the_whole_target_and_a_break_follows_its_word() {
        let whole = Content {
            items: vec![
                code(CodeKind::Bpt, &[("i", "1")], "<a href=\"x\">"),
                Inline::Text("Actualizar Debian".into()),
                code(CodeKind::Ept, &[("i", "1")], "</a>"),
            ],
        };
        let (t, how) = transfer(&whole, &Content::from_text("Upgrading Debian"));
        assert_eq!((shown(&t).as_str(), how), ("<a href=\"x\">Upgrading Debian</a>", Placement::Aligned));
        let br = Content {
            items: vec![
                Inline::Text("Debian 6.0".into()),
                code(CodeKind::Ph, &[("x", "1")], "<br>"),
                Inline::Text("Squeeze".into()),
            ],
        };
        let (t, how) = transfer(&br, &Content::from_text("Squeeze is Debian 6.0 now"));
        assert_eq!((shown(&t).as_str(), how), ("Squeeze is Debian 6.0<br> now", Placement::Aligned));
    }

    #[test]
    fn a_code_the_text_cannot_place_goes_to_the_end_and_says_so() {
        let source = Content {
            items: vec![
                Inline::Text("Lea ".into()),
                code(CodeKind::Bpt, &[("i", "1")], "<i>"),
                Inline::Text("el anuncio".into()),
                code(CodeKind::Ept, &[("i", "1")], "</i>"),
                Inline::Text(" hoy.".into()),
            ],
        };
        let (t, how) = transfer(&source, &Content::from_text("Read the announcement today."));
        assert_eq!((shown(&t).as_str(), how), ("Read the announcement today.<i></i>", Placement::SomeAtEnd));
    }

    #[test]
    fn plain_sources_keep_the_match_target_as_it_is() {
        let target = Content { items: vec![Inline::Text("Hi ".into()), code(CodeKind::Ph, &[("x", "1")], "{1}")] };
        assert_eq!(transfer(&Content::from_text("Hola"), &target), (target.clone(), Placement::NoCodes));
    }
}
