//! Inside `<seg>`: text and inline codes (TMX 1.4b §3.4), and the helpers
//! that read character data for the reader.

use super::attrs::read_attrs;
use super::events::Mark;
use super::TmxReader;
use crate::tmx::error::{TmxError, WarningKind};
use crate::tmx::limit::MAX_INLINE_DEPTH;
use crate::tmx::text::{decode_into, is_xml_char};
use memoria_core::content::{CodeKind, Content, Inline, InlineCode};
use quick_xml::events::Event;

impl TmxReader {
    /// Reads a `<seg>`'s content after its start tag: text and inline codes.
    pub(super) fn seg(&mut self) -> Result<Content, TmxError> {
        // Most segments are one run of text.
        let mut items: Vec<Inline> = Vec::with_capacity(1);
        let mut open: Vec<InlineCode> = Vec::new();
        let mut start: Option<u64> = None;
        let max = self.p.max_segment_bytes;
        loop {
            let (ev, pos) = self.p.next(&mut self.d)?;
            let empty = matches!(ev, Event::Empty(_));
            let first = match start {
                Some(f) => f,
                None => {
                    self.d.mark(Mark::Seg, pos);
                    *start.insert(pos)
                }
            };
            // The content ends where `</seg>` starts.
            let closes = matches!(ev, Event::End(_)) && open.is_empty();
            let len = if closes { 0 } else { ev.len() as u64 };
            if pos.saturating_sub(first).saturating_add(len) > max as u64 {
                let what = format!("<seg> longer than {max} bytes (--max-segment-bytes)");
                return Err(self.d.error(first, what));
            }
            match ev {
                Event::Text(t) => {
                    let mut s = String::with_capacity(t.len());
                    let mut probs = Vec::new();
                    decode_into(&t, false, &mut s, &mut |k, at, m| probs.push((k, at, m)));
                    let illegal = !probs.is_empty() && probs.iter().any(|p| p.0 == WarningKind::IllegalChar);
                    if !probs.is_empty() {
                        for (k, at, m) in probs {
                            self.d.problem(k, pos + at as u64, m)?;
                        }
                    }
                    let target = open.last_mut().map_or(&mut items, |c| &mut c.content);
                    if illegal {
                        push_with_ctrl_codes(target, &s);
                    } else {
                        push_text(target, s);
                    }
                }
                Event::CData(t) => {
                    let mut s = String::new();
                    cdata_into(&t, &mut s);
                    push_text(open.last_mut().map_or(&mut items, |c| &mut c.content), s);
                }
                Event::Start(e) | Event::Empty(e) => {
                    let name = e.name();
                    let kind = match tmx_code_kind(name.as_ref()) {
                        Some(k) => k,
                        None => {
                            let n = String::from_utf8_lossy(name.as_ref()).into_owned();
                            let msg = format!("<{n}> is not a TMX inline element; kept as an opaque code");
                            self.d.problem(WarningKind::ForeignInline, pos, msg)?;
                            CodeKind::Foreign(n)
                        }
                    };
                    // A code's content is mostly one run of native code.
                    let content = if empty { vec![] } else { Vec::with_capacity(1) };
                    let code = InlineCode { kind, attrs: read_attrs(&mut self.d, &e, pos)?, content };
                    if empty {
                        open.last_mut().map_or(&mut items, |c| &mut c.content).push(Inline::Code(code));
                    } else if open.len() >= MAX_INLINE_DEPTH {
                        let what = format!("inline codes nested more than {MAX_INLINE_DEPTH} deep");
                        return Err(self.d.error(pos, what));
                    } else {
                        open.push(code);
                    }
                }
                Event::End(e) => match open.pop() {
                    Some(code) => {
                        if !e.name().as_ref().eq_ignore_ascii_case(code.kind.element().as_bytes()) {
                            return Err(self.d.error(
                                pos,
                                format!("</{}> closes <{}>", String::from_utf8_lossy(&e), code.kind.element()),
                            ));
                        }
                        open.last_mut().map_or(&mut items, |c| &mut c.content).push(Inline::Code(code));
                    }
                    None => return Ok(Content { items }),
                },
                Event::Eof => return Err(self.d.error(pos, "unexpected end of file; expected </seg>")),
                _ => {}
            }
        }
    }
}

/// The kind of a TMX 1.4b inline element (§3.4), its name compared
/// case-insensitively; `None` for any other element.
fn tmx_code_kind(name: &[u8]) -> Option<CodeKind> {
    const KINDS: [(&str, CodeKind); 7] = [
        ("ph", CodeKind::Ph),
        ("bpt", CodeKind::Bpt),
        ("ept", CodeKind::Ept),
        ("it", CodeKind::It),
        ("hi", CodeKind::Hi),
        ("sub", CodeKind::Sub),
        ("ut", CodeKind::Ut),
    ];
    KINDS.iter().find(|(n, _)| super::events::is(name, n)).map(|(_, k)| k.clone())
}

/// Appends text to a content list, merging with a preceding text run.
pub(super) fn push_text(items: &mut Vec<Inline>, s: String) {
    if s.is_empty() {
        return;
    }
    match items.last_mut() {
        Some(Inline::Text(t)) => t.push_str(&s),
        _ => items.push(Inline::Text(s)),
    }
}

/// The code a character illegal in XML 1.0 becomes inside a segment:
/// `<ph type="x-ctrl">U+000B</ph>` (kept visible as a code, never emitted raw).
pub fn ctrl_code(c: char) -> Inline {
    Inline::Code(InlineCode {
        kind: CodeKind::Ph,
        attrs: vec![("type".into(), "x-ctrl".into())],
        content: vec![Inline::Text(format!("U+{:04X}", c as u32))],
    })
}

/// Appends text in which illegal characters become [`ctrl_code`]s.
pub fn push_with_ctrl_codes(items: &mut Vec<Inline>, s: &str) {
    let mut run = String::new();
    for c in s.chars() {
        if is_xml_char(c) {
            run.push(c);
        } else {
            push_text(items, std::mem::take(&mut run));
            items.push(ctrl_code(c));
        }
    }
    push_text(items, run);
}

/// CDATA content: copied, line ends normalised, illegal characters replaced.
pub(super) fn cdata_into(raw: &[u8], out: &mut String) {
    let s = String::from_utf8_lossy(raw);
    let s = s.replace("\r\n", "\n").replace('\r', "\n");
    out.extend(s.chars().map(|c| if is_xml_char(c) { c } else { '\u{FFFD}' }));
}
