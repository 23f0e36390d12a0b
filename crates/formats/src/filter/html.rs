//! The HTML filter: the text of an HTML page, with where each byte came
//! from and its inline elements as codes.
//!
//! The file is tokenized with `html5gum` (a WHATWG-compliant tokenizer that
//! reports byte spans). Block elements (`p`, `div`, `h1`…`h6`, `li`, `td`,
//! …) become paragraph breaks (`\n\n`); the inline elements of [`INLINE`]
//! (`b i em strong a span sup sub`, …) become paired codes and the void ones
//! (`br`, `img`, `wbr`) standalone codes ([`TagCode`]), beside the clean
//! text (a `<br>` also ends its line: a `\n` in the text); other tags vanish;
//! text inside `script`, `style`, `noscript`, `template` and `svg` is
//! skipped; entities are decoded; white space inside text (newlines from the
//! source layout, `&nbsp;`) becomes a space, except inside `pre`. For every
//! byte of the extracted text the map keeps the byte range of the raw input
//! it came from, so a segment maps back to exact offsets of the file.
//!
//! Merging writes each filled segment's target over the raw bytes of the
//! segment and its codes ([`Document::source_range`]): text escaped, codes
//! as their original markup, in the target's order; the rest of the page is
//! copied byte for byte.

use super::document::{ByteMap, Document, SourceMap, TagCode, TagRole};
use super::{Fill, Filter, FilterError};
use html5gum::{DefaultEmitter, Token, Tokenizer};
use memoria_core::content::{CodeKind, Content, Inline};

/// HTML pages (`.html`, `.htm`, or `--input html`).
pub struct HtmlFilter;

impl Filter for HtmlFilter {
    fn name(&self) -> &'static str {
        "html"
    }

    fn extract(&self, bytes: &[u8]) -> Result<Document, FilterError> {
        self.extract_owned(bytes.to_vec())
    }

    fn extract_owned(&self, bytes: Vec<u8>) -> Result<Document, FilterError> {
        if bytes.len() >= super::document::MAX_MAPPED / 2 {
            return Err(super::document::DocumentError::TooLarge { len: bytes.len() }.into());
        }
        let plain = Document::from_vec(bytes)?;
        let Extracted { text, bytes, codes } = extract(&plain.text);
        Ok(Document::marked_up(text, plain.bom_len, SourceMap { raw: plain.text, bytes, codes }))
    }

    fn merge(&self, doc: &Document, fills: &[Fill]) -> Result<Vec<u8>, FilterError> {
        let raw = doc.source_map().map_or(doc.text.as_str(), |m| m.raw.as_str());
        let mut out = String::with_capacity(raw.len() + 3);
        if doc.bom_len > 0 {
            out.push('\u{FEFF}');
        }
        let mut at = 0;
        for f in fills {
            let r = doc.source_range(f.range.clone());
            if r.start < at || r.start >= r.end {
                continue; // not a span of its own in the file: left as it was
            }
            out.push_str(&raw[at..r.start]);
            render(&f.target.items, &mut out);
            at = r.end;
        }
        out.push_str(&raw[at..]);
        Ok(out.into_bytes())
    }
}

/// Writes content as HTML: text escaped, a code as its native markup (the
/// element as the page had it), `hi` text as text.
fn render(items: &[Inline], out: &mut String) {
    for it in items {
        match it {
            Inline::Text(t) => crate::xml::escape_text(t, out),
            Inline::Code(c) if c.kind == CodeKind::Hi => render(&c.content, out),
            Inline::Code(c) => out.push_str(&Content { items: c.content.clone() }.plain_text()),
        }
    }
}

/// Text extracted from HTML and, for each of its bytes, the raw byte range
/// it came from; the inline elements as codes.
#[derive(Clone, Debug, Default)]
pub struct Extracted {
    pub text: String,
    /// The raw bytes that produced each text byte.
    pub bytes: ByteMap,
    /// Inline elements, in document order.
    pub codes: Vec<TagCode>,
}

/// Inline elements that become paired codes.
pub const INLINE: &[&str] = &[
    "a", "abbr", "b", "bdi", "bdo", "big", "cite", "code", "data", "del", "dfn", "em", "font", "i", "ins", "kbd",
    "mark", "q", "s", "samp", "small", "span", "strike", "strong", "sub", "sup", "time", "tt", "u", "var",
];
/// Void inline elements that become standalone codes.
pub const VOID: &[&str] = &["br", "img", "wbr"];

const BLOCK: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "body",
    "caption",
    "dd",
    "details",
    "dialog",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "head",
    "header",
    "hgroup",
    "hr",
    "html",
    "li",
    "main",
    "nav",
    "ol",
    "option",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "title",
    "tr",
    "ul",
];
const SKIP: &[&str] = &["script", "style", "noscript", "template", "svg", "iframe", "object"];

impl Extracted {
    /// Appends `s` (one character, or line breaks the filter adds), every
    /// byte of it produced by raw bytes `raw_start..raw_end`.
    fn push(&mut self, s: &str, raw_start: usize, raw_end: usize) {
        self.text.push_str(s);
        self.bytes.push(s.len(), raw_start, raw_end);
    }

    fn paragraph_break(&mut self, at: usize) {
        if !self.text.is_empty() && !self.text.ends_with("\n\n") {
            let nl = if self.text.ends_with('\n') { "\n" } else { "\n\n" };
            self.push(nl, at, at);
        }
    }
}

/// Extracts the text and inline codes of `raw` (an HTML document, BOM removed).
pub fn extract(raw: &str) -> Extracted {
    let mut out = Extracted::default();
    // Open inline elements: (name, pair).
    let mut open: Vec<(String, u32)> = Vec::new();
    let mut pairs = 0u32;
    let mut emitter = DefaultEmitter::<usize>::new_with_span();
    // Lets the tokenizer read script/style/textarea contents as raw text.
    emitter.naively_switch_states(true);
    let mut skip: Option<String> = None;
    let mut pre = 0usize;
    for token in Tokenizer::new_with_emitter(raw, emitter) {
        let Ok(token) = token;
        match token {
            Token::StartTag(t) => {
                let name = String::from_utf8_lossy(&t.name).to_ascii_lowercase();
                if skip.is_some() {
                    continue;
                }
                if SKIP.contains(&name.as_str()) && !t.self_closing {
                    skip = Some(name);
                    continue;
                }
                if name == "pre" {
                    pre += 1;
                }
                if BLOCK.contains(&name.as_str()) {
                    out.paragraph_break(t.span.start);
                    open.clear();
                } else if VOID.contains(&name.as_str()) {
                    pairs += 1;
                    let at = out.text.len();
                    out.codes.push(TagCode {
                        at,
                        raw: t.span.start..t.span.end,
                        role: TagRole::Standalone,
                        pair: pairs,
                        name: known(&name),
                    });
                    if name == "br" && !out.text.is_empty() && !out.text.ends_with('\n') {
                        out.push("\n", t.span.end, t.span.end);
                    }
                } else if INLINE.contains(&name.as_str()) && !t.self_closing {
                    pairs += 1;
                    let at = out.text.len();
                    out.codes.push(TagCode {
                        at,
                        raw: t.span.start..t.span.end,
                        role: TagRole::Open,
                        pair: pairs,
                        name: known(&name),
                    });
                    open.push((name, pairs));
                }
            }
            Token::EndTag(t) => {
                let name = String::from_utf8_lossy(&t.name).to_ascii_lowercase();
                if skip.as_deref() == Some(name.as_str()) {
                    skip = None;
                    continue;
                }
                if skip.is_some() {
                    continue;
                }
                if name == "pre" {
                    pre = pre.saturating_sub(1);
                }
                if BLOCK.contains(&name.as_str()) {
                    out.paragraph_break(t.span.start);
                    open.clear();
                } else if INLINE.contains(&name.as_str()) || VOID.contains(&name.as_str()) {
                    let at = out.text.len();
                    let raw_span = t.span.start..t.span.end;
                    match open.iter().rposition(|(n, _)| *n == name) {
                        Some(k) => {
                            let pair = open[k].1;
                            open.truncate(k);
                            out.codes.push(TagCode {
                                at,
                                raw: raw_span,
                                role: TagRole::Close,
                                pair,
                                name: known(&name),
                            });
                        }
                        None => {
                            pairs += 1;
                            let name = known(&name);
                            out.codes.push(TagCode { at, raw: raw_span, role: TagRole::Standalone, pair: pairs, name });
                        }
                    }
                }
            }
            Token::String(s) if skip.is_none() => {
                let decoded = String::from_utf8_lossy(&s.value);
                map_text(&mut out, raw, s.span.start, s.span.end, &decoded, pre > 0);
            }
            _ => {}
        }
    }
    out
}

/// The static name of an inline or void element `name` (lower case).
fn known(name: &str) -> &'static str {
    INLINE.iter().chain(VOID).find(|n| **n == name).copied().unwrap_or("span")
}

/// Appends `decoded` (the tokenizer's text for raw bytes `start..end`),
/// mapping each character back to the raw character or entity it came from.
fn map_text(out: &mut Extracted, raw: &str, start: usize, end: usize, decoded: &str, pre: bool) {
    // White space between blocks is layout, not text.
    if !pre && decoded.trim().is_empty() && (out.text.is_empty() || out.text.ends_with('\n')) {
        return;
    }
    let end = end.min(raw.len());
    let mut ri = start.min(end);
    let mut last = (ri, ri);
    let mut buf = [0u8; 4];
    for d in decoded.chars() {
        // The tokenizer turns CR LF and CR into LF.
        if d == '\n' && raw[ri..end].starts_with('\r') {
            ri += 1;
        }
        let rest = &raw[ri..end];
        let amp_entity = d == '&' && {
            let head = rest.get(..6).unwrap_or(rest).to_ascii_lowercase();
            head.starts_with("&amp") || head.starts_with("&#38;") || head.starts_with("&#x26;")
        };
        let span = if amp_entity || (rest.starts_with('&') && !rest.starts_with(d)) {
            let entity = entity_len(&raw[ri..end]);
            (ri, ri + entity)
        } else if raw[ri..end].starts_with(d) {
            (ri, ri + d.len_utf8())
        } else if raw[ri..end].starts_with('&') {
            (ri, ri + entity_len(&raw[ri..end]))
        } else {
            // A second character from the same entity, or a replaced byte.
            last
        };
        ri = span.1.max(ri);
        last = span;
        let c = match d {
            '\u{a0}' | '\t' | '\r' => ' ',
            '\n' if !pre => ' ',
            c => c,
        };
        out.push(c.encode_utf8(&mut buf), span.0, span.1);
    }
}

/// Length of the entity reference at the start of `s` (`&amp;`, `&#233;`,
/// `&#xE9;`, or a legacy one without `;`).
fn entity_len(s: &str) -> usize {
    let b = s.as_bytes();
    let mut i = 1;
    if b.get(1) == Some(&b'#') {
        i = 2;
        if matches!(b.get(2), Some(b'x' | b'X')) {
            i = 3;
        }
    }
    while i < b.len() && i < 40 && b[i].is_ascii_alphanumeric() {
        i += 1;
    }
    if b.get(i) == Some(&b';') {
        i += 1;
    }
    i.max(1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::filter::Fill;

    #[test]
    fn the_byte_map_gives_every_byte_its_character_and_stays_small() {
        let dense = "<p>Año&nbsp;2024: <b>Pérez</b> &amp; cía.\r\n  dijo &laquo;sí&raquo; — 😀 ok<br>fin</p>\n";
        let release = "<p>El proyecto <b>Debian</b> anuncia hoy su nueva versión estable, que incluye más de \
                       59.000 paquetes y el soporte de <a href=\"https://www.debian.org/\">seis arquitecturas</a>. \
                       La versión llega tras dos años de desarrollo.</p>\n";
        check_map(&dense.repeat(2000), 8);
        check_map(&release.repeat(2000), 2);
    }

    /// Every byte of the text of `raw` maps to the raw character or entity
    /// of its character; the map holds less than `per_byte` bytes a text byte
    /// (the per-byte map held 16).
    fn check_map(raw: &str, per_byte: usize) {
        let e = extract(raw);
        let mut i = 0;
        for c in e.text.chars() {
            let r = e.bytes.span(&e.text, i).unwrap();
            for k in i..i + c.len_utf8() {
                assert_eq!(e.bytes.span(&e.text, k).unwrap(), r, "byte {k} of {c:?}");
            }
            let from = &raw[r.clone()];
            let ok = from == c.to_string()
                || from.starts_with('&')
                || (c == ' ' && (from.trim().is_empty() || from == "\u{a0}"))
                || (c == '\n' && r.is_empty());
            assert!(ok, "text {c:?} at {i} maps to {from:?}");
            i += c.len_utf8();
        }
        assert_eq!(e.bytes.len(), e.text.len());
        assert!(
            e.bytes.heap_bytes() < per_byte * e.text.len(),
            "{} map bytes for {} text bytes",
            e.bytes.heap_bytes(),
            e.text.len()
        );
    }

    #[test]
    fn blocks_become_paragraphs_and_map_to_raw_bytes() {
        let raw = "<html><head><title>Título</title><style>p{}</style></head><body>\n<h1>Ayuda a\n  Gaza</h1><p>El <b>Sr.</b> P&eacute;rez &amp; cía. & co.&nbsp;Fin.</p><script>x=1</script></body></html>";
        let e = extract(raw);
        assert_eq!(e.text.trim(), "Título\n\nAyuda a   Gaza\n\nEl Sr. Pérez & cía. & co. Fin.");
        let at = e.text.find("Pérez").unwrap();
        let é = at + 1;
        let span = |i: usize| e.bytes.span(&e.text, i).unwrap();
        assert_eq!(&raw[span(é)], "&eacute;");
        assert_eq!(&raw[span(at).start..span(at + "Pérez".len() - 1).end], "P&eacute;rez");
        let amps: Vec<&str> = e.text.match_indices('&').map(|(i, _)| &raw[span(i)]).collect();
        assert_eq!(amps, ["&amp;", "&"]);
    }

    #[test]
    fn html_text_maps_back_to_file_bytes() {
        let raw = "\u{FEFF}<p>Hola.</p>\n<p>El <b>Sr.</b> P&eacute;rez.</p>";
        let d = HtmlFilter.extract(raw.as_bytes()).unwrap();
        assert!(d.source_map().is_some());
        let at = d.text.find("El").unwrap();
        let r = d.file_range(at..d.text.len());
        assert_eq!(&raw.as_bytes()[r], "El <b>Sr.</b> P&eacute;rez.".as_bytes());
        assert_eq!(d.line_col(at), (2, 4));
    }

    #[test]
    fn inline_elements_become_paired_and_standalone_codes() {
        let raw = "<p>Lea <a href=\"https://debian.org\">el anuncio</a> y <b>vote</b>.<br>Gracias <img src=x.png>.</p>";
        let d = HtmlFilter.extract(raw.as_bytes()).unwrap();
        assert_eq!(d.text, "Lea el anuncio y vote.\nGracias .\n\n");
        let c = d.content(0..d.text.trim_end().len());
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
                "Lea ",
                "[bpt <a href=\"https://debian.org\">]",
                "el anuncio",
                "[ept </a>]",
                " y ",
                "[bpt <b>]",
                "vote",
                "[ept </b>]",
                ".",
                "[ph <br>]",
                "\nGracias ",
                "[ph <img src=x.png>]",
                "."
            ]
        );
        assert_eq!(c.plain_text(), d.text.trim_end());
    }

    #[test]
    fn codes_at_a_segment_edge_belong_to_the_segment_they_enclose() {
        let raw = "<p><b>Uno.</b> Dos <i>tres.</i></p>";
        let d = HtmlFilter.extract(raw.as_bytes()).unwrap();
        assert_eq!(d.text, "Uno. Dos tres.\n\n");
        let first = d.content(0..4);
        assert_eq!(first.code_count(), 2, "{first:?}");
        assert_eq!(&raw[d.source_range(0..4)], "<b>Uno.</b>");
        let second = d.content(5..14);
        assert_eq!(second.code_count(), 2);
        assert_eq!(&raw[d.source_range(5..14)], "Dos <i>tres.</i>");
        // A span cut by the segment boundary gives isolated codes.
        let d = HtmlFilter.extract("<p><b>Uno. Dos.</b></p>".as_bytes()).unwrap();
        let kinds = |c: Content| {
            c.items
                .iter()
                .filter_map(|i| match i {
                    Inline::Code(c) => Some((c.kind.element().to_string(), c.attr("pos").map(str::to_string))),
                    _ => None,
                })
                .collect::<Vec<_>>()
        };
        assert_eq!(kinds(d.content(0..4)), [("it".to_string(), Some("begin".to_string()))]);
        assert_eq!(kinds(d.content(5..9)), [("it".to_string(), Some("end".to_string()))]);
    }

    #[test]
    fn merge_writes_codes_in_the_targets_order_and_keeps_the_rest() {
        let raw = "<h1>Hola</h1>\n<p>No habrá más soporte para <b>Debian 6.0</b>. Otra frase &amp; más.</p>";
        let d = HtmlFilter.extract(raw.as_bytes()).unwrap();
        let end = d.text.find(". Otra").unwrap() + 1;
        let start = d.text.find("No habrá").unwrap();
        let src = d.content(start..end);
        let codes: Vec<Inline> = src.items.iter().filter(|i| matches!(i, Inline::Code(_))).cloned().collect();
        let target = Content {
            items: vec![
                Inline::Text("There will be no more support for ".into()),
                codes[0].clone(),
                Inline::Text("Debian 6.0 & co".into()),
                codes[1].clone(),
                Inline::Text(".".into()),
            ],
        };
        let out = HtmlFilter.merge(&d, &[Fill { range: start..end, target }]).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "<h1>Hola</h1>\n<p>There will be no more support for <b>Debian 6.0 &amp; co</b>. Otra frase &amp; más.</p>"
        );
    }

    #[test]
    fn entity_lengths() {
        assert_eq!(entity_len("&amp; x"), 5);
        assert_eq!(entity_len("&#xE9;"), 6);
        assert_eq!(entity_len("&#233;"), 6);
        assert_eq!(entity_len("& x"), 1);
    }
}
