//! HTML input: the text of an HTML file, with where each byte came from.
//!
//! The file is tokenized with `html5gum` (a WHATWG-compliant tokenizer that
//! reports byte spans). Block elements (`p`, `div`, `h1`…`h6`, `li`, `td`,
//! `br`, …) become paragraph breaks (`\n\n`); inline elements vanish; text
//! inside `script`, `style`, `noscript`, `template` and `svg` is skipped;
//! entities are decoded; white space inside text (newlines from the source
//! layout, `&nbsp;`) becomes a space, except inside `pre`. For every byte of
//! the extracted text the map keeps the byte range of the raw input it came
//! from, so a segment maps back to exact offsets of the file.

use html5gum::{DefaultEmitter, Token, Tokenizer};

/// Text extracted from HTML and, for each of its bytes, the raw byte range
/// it came from.
#[derive(Clone, Debug, Default)]
pub struct Extracted {
    pub text: String,
    /// `starts[i]..ends[i]`: the raw bytes that produced text byte `i`.
    pub starts: Vec<usize>,
    pub ends: Vec<usize>,
}

const BLOCK: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "body",
    "br",
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
    fn push(&mut self, s: &str, raw_start: usize, raw_end: usize) {
        self.text.push_str(s);
        for _ in 0..s.len() {
            self.starts.push(raw_start);
            self.ends.push(raw_end);
        }
    }

    fn paragraph_break(&mut self, at: usize) {
        if !self.text.is_empty() && !self.text.ends_with("\n\n") {
            let nl = if self.text.ends_with('\n') { "\n" } else { "\n\n" };
            self.push(nl, at, at);
        }
    }
}

/// Extracts the text of `raw` (an HTML document, BOM removed).
pub fn extract(raw: &str) -> Extracted {
    let mut out = Extracted::default();
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

    #[test]
    fn blocks_become_paragraphs_and_map_to_raw_bytes() {
        let raw = "<html><head><title>Título</title><style>p{}</style></head><body>\n<h1>Ayuda a\n  Gaza</h1><p>El <b>Sr.</b> P&eacute;rez &amp; cía. & co.&nbsp;Fin.</p><script>x=1</script></body></html>";
        let e = extract(raw);
        assert_eq!(e.text.trim(), "Título\n\nAyuda a   Gaza\n\nEl Sr. Pérez & cía. & co. Fin.");
        let at = e.text.find("Pérez").unwrap();
        let é = at + 1;
        assert_eq!(&raw[e.starts[é]..e.ends[é]], "&eacute;");
        assert_eq!(&raw[e.starts[at]..e.ends[at + "Pérez".len() - 1]], "P&eacute;rez");
        let amps: Vec<&str> = e.text.match_indices('&').map(|(i, _)| &raw[e.starts[i]..e.ends[i]]).collect();
        assert_eq!(amps, ["&amp;", "&"]);
    }

    #[test]
    fn entity_lengths() {
        assert_eq!(entity_len("&amp; x"), 5);
        assert_eq!(entity_len("&#xE9;"), 6);
        assert_eq!(entity_len("&#233;"), 6);
        assert_eq!(entity_len("& x"), 1);
    }
}
