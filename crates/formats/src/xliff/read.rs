//! Reading the units of an XLIFF 1.2 or 2.x file back: source, target and
//! state of each `trans-unit` (1.2) or `segment` (2.x), with inline codes,
//! for `memoria check --xliff`. Candidates (`alt-trans`, `mtc:matches`) are
//! skipped. Malformed XML is an error naming line and column.
//!
//! A 1.2 `trans-unit` segmented by a CAT tool (Okapi, Trados, memoQ: a
//! `<seg-source>` whose `<mrk mtype="seg" mid="…">` elements are the
//! segments, and the same `mrk`s in the `<target>`) gives one unit per
//! segment. `<mrk>` (1.2 and 2.x) is an annotation, not an inline code of the
//! original: its content is read as if it were not there, and the 2.x
//! annotation markers `<sm/>`/`<em/>` are dropped (XLIFF 1.2 §2.4.1 `mrk`,
//! XLIFF 2.1 §4.7.2.4 `mrk`, `sm`, `em`).

use memoria_core::content::{CodeKind, Content, Inline, InlineCode};
use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

/// One translatable unit read from XLIFF.
#[derive(Clone, Debug, PartialEq)]
pub struct XUnit {
    /// `trans-unit@id` (1.2; `ID:MID` for the segment `mid` of a unit
    /// segmented with `<seg-source>`) or `segment@id` (2.x).
    pub id: String,
    pub source: Content,
    /// The target, if the unit has one (possibly empty).
    pub target: Option<Content>,
    /// `target@state` (1.2) or `segment@state` (2.x).
    pub state: Option<String>,
}

impl XUnit {
    /// Whether the unit counts as translated: a non-empty target whose state
    /// is not `new`/`needs-translation` (1.2) or `initial` without a target
    /// text (2.x).
    pub fn is_translated(&self) -> bool {
        let has_text = self.target.as_ref().is_some_and(|t| !t.plain_text().trim().is_empty());
        has_text && !matches!(self.state.as_deref(), Some("new" | "needs-translation"))
    }
}

/// A parse error: 1-based line and column (characters) and what was wrong.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("line {line}, column {column}: {what}")]
pub struct ReadError {
    pub line: usize,
    pub column: usize,
    pub what: String,
}

/// The text of an XLIFF file's bytes: UTF-8, or UTF-16 with a byte-order
/// mark (XML 1.0 §4.3.3: the mark tells UTF-16 apart); a leading BOM is
/// dropped. The error says what was wrong and where (line and column of an
/// invalid UTF-8 sequence).
pub fn decode(bytes: &[u8]) -> Result<std::borrow::Cow<'_, str>, String> {
    let (text, encoding) = match encoding_rs::Encoding::for_bom(bytes) {
        Some((enc, bom)) if enc != encoding_rs::UTF_8 => {
            (enc.decode_without_bom_handling_and_without_replacement(&bytes[bom..]), enc.name())
        }
        _ => (std::str::from_utf8(bytes).ok().map(std::borrow::Cow::Borrowed), "UTF-8"),
    };
    match text {
        Some(std::borrow::Cow::Borrowed(t)) => Ok(std::borrow::Cow::Borrowed(t.strip_prefix('\u{FEFF}').unwrap_or(t))),
        Some(std::borrow::Cow::Owned(t)) => {
            Ok(std::borrow::Cow::Owned(t.strip_prefix('\u{FEFF}').unwrap_or(&t).to_string()))
        }
        None if encoding == "UTF-8" => match crate::filter::Document::from_bytes(bytes) {
            Err(e) => Err(e.to_string()),
            Ok(_) => Err("invalid UTF-8".to_string()),
        },
        None => Err(format!("invalid {encoding} (the file starts with its byte-order mark)")),
    }
}

/// Reads every unit of an XLIFF 1.2 or 2.x document, in document order.
pub fn read_units(xml: &str) -> Result<Vec<XUnit>, ReadError> {
    let mut r = Reader::from_str(xml);
    r.config_mut().trim_text(false);
    let err = |r: &Reader<&[u8]>, what: String| {
        let (line, column) = memoria_core::location::line_col(xml, r.buffer_position() as usize);
        ReadError { line, column, what }
    };
    let mut units = Vec::new();
    let mut cur: Option<XUnit> = None;
    // The `<seg-source>` segments and the target's `mrk mtype="seg"` of the current unit.
    let (mut seg_source, mut target_segs): (Segs, Segs) = (Vec::new(), Vec::new());
    let mut skip_depth = 0usize;
    let mut saw_root = false;
    loop {
        let ev = r.read_event().map_err(|e| err(&r, format!("malformed XML: {e}; expected XLIFF")))?;
        match ev {
            Event::Start(e) => {
                let name = local(&e);
                if !saw_root {
                    if name != "xliff" {
                        return Err(err(&r, format!("root element is <{name}>; expected <xliff>")));
                    }
                    saw_root = true;
                    continue;
                }
                if skip_depth > 0 {
                    skip_depth += 1;
                    continue;
                }
                match name.as_str() {
                    "alt-trans" | "matches" | "originalData" | "notes" | "context-group" | "note" => skip_depth = 1,
                    "trans-unit" | "segment" => {
                        let id = attr(&e, "id").unwrap_or_default();
                        let state = if name == "segment" { attr(&e, "state") } else { None };
                        cur = Some(XUnit { id, source: Content::default(), target: None, state });
                        seg_source.clear();
                        target_segs.clear();
                    }
                    "seg-source" => seg_source = read_content_segs(&mut r, xml, &name)?.1,
                    "source" | "target" => {
                        let state = attr(&e, "state");
                        let (c, segs) = read_content_segs(&mut r, xml, &name)?;
                        if let Some(u) = cur.as_mut() {
                            if name == "source" {
                                u.source = c;
                            } else {
                                target_segs = segs;
                                u.target = Some(c);
                                if state.is_some() {
                                    u.state = state;
                                }
                            }
                        }
                    }
                    _ => {}
                }
            }
            Event::Empty(e) => {
                let name = local(&e);
                if skip_depth == 0 && name == "target" {
                    if let Some(u) = cur.as_mut() {
                        u.target = Some(Content::default());
                        u.state = attr(&e, "state").or(u.state.take());
                    }
                }
            }
            Event::End(e) => {
                if skip_depth > 0 {
                    skip_depth -= 1;
                    continue;
                }
                let name = String::from_utf8_lossy(e.local_name().as_ref()).into_owned();
                if name == "trans-unit" || name == "segment" {
                    if let Some(u) = cur.take() {
                        push_unit(&mut units, u, std::mem::take(&mut seg_source), std::mem::take(&mut target_segs));
                    }
                }
            }
            Event::Text(t) if !saw_root && !t.iter().all(u8::is_ascii_whitespace) => {
                let lead = t.iter().take_while(|b| b.is_ascii_whitespace()).count();
                let at = r.buffer_position() as usize - t.len() + lead;
                let (line, column) = memoria_core::location::line_col(xml, at);
                return Err(ReadError {
                    line,
                    column,
                    what: "text before any element; expected an XLIFF 1.2 or 2.x document".into(),
                });
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if !saw_root {
        return Err(ReadError { line: 1, column: 1, what: "no <xliff> element; expected XLIFF 1.2 or 2.x".into() });
    }
    Ok(units)
}

/// Segments marked `<mrk mtype="seg" mid="…">`: (mid, content).
type Segs = Vec<(String, Content)>;

/// Pushes `u`, or one unit per `<seg-source>` segment when it has them and
/// its target (if any) marks its segments too; a segment the target lacks
/// gets an empty target (untranslated).
fn push_unit(units: &mut Vec<XUnit>, u: XUnit, seg_source: Segs, target_segs: Segs) {
    if seg_source.is_empty() || (u.target.is_some() && target_segs.is_empty()) {
        units.push(u);
        return;
    }
    for (mid, source) in seg_source {
        let target = u
            .target
            .as_ref()
            .map(|_| target_segs.iter().find(|(m, _)| *m == mid).map(|(_, c)| c.clone()).unwrap_or_default());
        units.push(XUnit { id: format!("{}:{mid}", u.id), source, target, state: u.state.clone() });
    }
}

fn local(e: &BytesStart) -> String {
    String::from_utf8_lossy(e.local_name().as_ref()).into_owned()
}

fn attr(e: &BytesStart, name: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == name.as_bytes())
        .and_then(|a| a.unescape_value().ok().map(|v| v.into_owned()))
}

fn attrs(e: &BytesStart) -> Vec<(String, String)> {
    e.attributes()
        .flatten()
        .map(|a| {
            let k = String::from_utf8_lossy(a.key.as_ref()).into_owned();
            let v = a.unescape_value().map(|v| v.into_owned()).unwrap_or_default();
            (k, v)
        })
        .collect()
}

fn kind(name: &str) -> CodeKind {
    match name {
        "bpt" | "sc" => CodeKind::Bpt,
        "ept" | "ec" => CodeKind::Ept,
        "it" => CodeKind::It,
        "ph" => CodeKind::Ph,
        "ut" => CodeKind::Ut,
        "sub" => CodeKind::Sub,
        "g" | "pc" => CodeKind::Hi,
        other => CodeKind::Foreign(other.to_string()),
    }
}

fn push_text(items: &mut Vec<Inline>, t: &str) {
    if let Some(Inline::Text(last)) = items.last_mut() {
        last.push_str(t);
    } else if !t.is_empty() {
        items.push(Inline::Text(t.to_string()));
    }
}

/// Reads inline content up to the end tag `end`.
fn read_content(r: &mut Reader<&[u8]>, xml: &str, end: &str) -> Result<Content, ReadError> {
    Ok(read_content_segs(r, xml, end)?.0)
}

/// Reads inline content up to the end tag `end`, `<mrk>` read through; also
/// gives the content of each `<mrk mtype="seg">` directly inside.
fn read_content_segs(r: &mut Reader<&[u8]>, xml: &str, end: &str) -> Result<(Content, Segs), ReadError> {
    let mut items = Vec::new();
    let mut segs = Vec::new();
    let err = |r: &Reader<&[u8]>, what: String| {
        let (line, column) = memoria_core::location::line_col(xml, r.buffer_position() as usize);
        ReadError { line, column, what }
    };
    loop {
        match r.read_event().map_err(|e| err(r, format!("malformed XML: {e}")))? {
            Event::Text(t) => {
                let s = t.unescape().map_err(|e| err(r, format!("bad character reference: {e}")))?;
                push_text(&mut items, &s);
            }
            Event::CData(t) => push_text(&mut items, &String::from_utf8_lossy(&t)),
            Event::Start(e) => {
                let name = local(&e);
                let inner = read_content(r, xml, &name)?;
                if name == "mrk" {
                    if attr(&e, "mtype").as_deref() == Some("seg") {
                        segs.push((attr(&e, "mid").unwrap_or_default(), inner.clone()));
                    }
                    for it in inner.items {
                        match it {
                            Inline::Text(t) => push_text(&mut items, &t),
                            code => items.push(code),
                        }
                    }
                } else {
                    items.push(Inline::Code(InlineCode { kind: kind(&name), attrs: attrs(&e), content: inner.items }));
                }
            }
            Event::Empty(e) => {
                let name = local(&e);
                if !matches!(name.as_str(), "mrk" | "sm" | "em") {
                    items.push(Inline::Code(InlineCode { kind: kind(&name), attrs: attrs(&e), content: vec![] }));
                }
            }
            Event::End(e) => {
                let name = String::from_utf8_lossy(e.local_name().as_ref()).into_owned();
                if name == end {
                    return Ok((Content { items }, segs));
                }
                return Err(err(r, format!("</{name}> closes <{end}>")));
            }
            Event::Eof => return Err(err(r, format!("file ends inside <{end}>"))),
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_source_target_state_and_skips_alt_trans() {
        let x = r#"<?xml version="1.0"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"><file original="a" source-language="es" target-language="en" datatype="plaintext"><body>
<trans-unit id="1"><source>Pulse <bpt id="1">&lt;b&gt;</bpt>Aceptar<ept id="1">&lt;/b&gt;</ept>.</source>
<target state="translated">Press <bpt id="1">&lt;b&gt;</bpt>OK<ept id="1">&lt;/b&gt;</ept>.</target>
<alt-trans match-quality="80"><source>x</source><target>y</target></alt-trans></trans-unit>
<trans-unit id="2"><source>Hola.</source></trans-unit>
</body></file></xliff>"#;
        let u = read_units(x).unwrap();
        assert_eq!(u.len(), 2);
        assert_eq!(u[0].source.plain_text(), "Pulse Aceptar.");
        assert_eq!(u[0].source.code_count(), 2);
        assert_eq!(u[0].target.as_ref().unwrap().plain_text(), "Press OK.");
        assert_eq!(u[0].state.as_deref(), Some("translated"));
        assert!(u[0].is_translated());
        assert_eq!((u[1].id.as_str(), u[1].target.is_none(), u[1].is_translated()), ("2", true, false));
    }

    #[test]
    fn reads_xliff2_segments() {
        let x = r##"<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" xmlns:mtc="urn:oasis:names:tc:xliff:matches:2.0" version="2.1" srcLang="es" trgLang="en"><file id="f1"><unit id="u1">
<mtc:matches><mtc:match ref="#s1"><source>a</source><target>b</target></mtc:match></mtc:matches>
<segment id="s1" state="translated"><source>Hola.</source><target>Hello.</target></segment></unit></file></xliff>"##;
        let u = read_units(x).unwrap();
        assert_eq!(u.len(), 1);
        assert_eq!((u[0].id.as_str(), u[0].state.as_deref()), ("s1", Some("translated")));
        assert_eq!(u[0].target.as_ref().unwrap().plain_text(), "Hello.");
    }

    #[test]
    fn seg_source_segments_are_units_and_mrk_is_no_inline_code() {
        let x = r#"<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"><file original="a" source-language="es" target-language="en" datatype="plaintext"><body>
<trans-unit id="7"><source>Pulse el botón. Otra cosa.</source>
<seg-source><mrk mtype="seg" mid="1">Pulse el <g id="1">botón</g>.</mrk> <mrk mtype="seg" mid="2">Otra cosa.</mrk></seg-source>
<target state="translated"><mrk mtype="seg" mid="1">Press the <g id="1">button</g>.</mrk> <mrk mtype="seg" mid="2"></mrk></target></trans-unit>
<trans-unit id="8"><source>Hola <mrk mtype="term">Debian</mrk>.</source><target>Hello <mrk mtype="term">Debian</mrk>.</target></trans-unit>
</body></file></xliff>"#;
        let u = read_units(x).unwrap();
        let got: Vec<(&str, String, Option<String>, usize)> = u
            .iter()
            .map(|u| {
                let t = u.target.as_ref().map(Content::plain_text);
                (u.id.as_str(), u.source.plain_text(), t, u.target.as_ref().map_or(0, Content::code_count))
            })
            .collect();
        assert_eq!(
            got,
            [
                ("7:1", "Pulse el botón.".to_string(), Some("Press the button.".to_string()), 1),
                ("7:2", "Otra cosa.".to_string(), Some(String::new()), 0),
                ("8", "Hola Debian.".to_string(), Some("Hello Debian.".to_string()), 0),
            ]
        );
        assert!(u[0].is_translated() && !u[1].is_translated());
    }

    #[test]
    fn a_plain_text_file_is_not_taken_for_xliff() {
        // A release given as --xliff by mistake: it used to be "root element is <press@debian.org>".
        let e = read_units("\nPara más información escriba a <press@debian.org>.\n").unwrap_err();
        assert_eq!((e.line, e.column), (2, 1), "{e}");
        assert_eq!(e.what, "text before any element; expected an XLIFF 1.2 or 2.x document");
    }

    #[test]
    fn malformed_xml_is_located() {
        let e =
            read_units("<xliff version=\"1.2\">\n<file><body>\n<trans-unit id=\"1\"><source>a</target>").unwrap_err();
        assert_eq!(e.line, 3, "{e}");
        assert!(e.what.contains("</target>"), "{e}");
    }
}
