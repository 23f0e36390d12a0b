//! Element and attribute helpers of the XLIFF reader, and the mapping of
//! XLIFF's inline elements onto the TU model's codes (see the module
//! documentation of [`super`]).

use memoria_core::content::{CodeKind, Inline, InlineCode};
use quick_xml::events::BytesStart;
use std::ops::Range;

pub(super) fn local(e: &BytesStart) -> String {
    String::from_utf8_lossy(e.local_name().as_ref()).into_owned()
}

pub(super) fn prefix(e: &BytesStart) -> Option<String> {
    e.name().prefix().map(|p| String::from_utf8_lossy(p.as_ref()).into_owned())
}

pub(super) fn attr(e: &BytesStart, name: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| {
            a.key.as_ref() == name.as_bytes()
                || (!name.contains(':') && a.key.local_name().as_ref() == name.as_bytes() && a.key.prefix().is_none())
        })
        .and_then(|a| a.unescape_value().ok().map(|v| v.into_owned()))
}

pub(super) fn attrs(e: &BytesStart) -> Vec<(String, String)> {
    e.attributes()
        .flatten()
        .map(|a| {
            let k = String::from_utf8_lossy(a.key.as_ref()).into_owned();
            let v = a.unescape_value().map(|v| v.into_owned()).unwrap_or_default();
            (k, v)
        })
        .collect()
}

/// The TU model's code for an inline element (see the module documentation).
/// `data`: the unit's 2.x original data, by id.
pub(super) fn code(
    name: &str,
    e: &BytesStart,
    content: Vec<Inline>,
    v2: bool,
    data: &[(String, String)],
) -> InlineCode {
    if v2 && matches!(name, "sc" | "ec" | "ph") {
        let native = attr(e, "dataRef").and_then(|r| data.iter().find(|(id, _)| *id == r).map(|(_, d)| d.clone()));
        if let Some(native) = native {
            // `b1`/`startRef="b1"`: the digits pair an sc with its ec.
            let id = attr(e, if name == "ec" { "startRef" } else { "id" }).unwrap_or_default();
            let digits: String = id.chars().filter(char::is_ascii_digit).collect();
            let n = if digits.is_empty() { "1".to_string() } else { digits };
            let (kind, key) = match name {
                "sc" => (CodeKind::Bpt, "i"),
                "ec" => (CodeKind::Ept, "i"),
                _ => (CodeKind::Ph, "x"),
            };
            return InlineCode { kind, attrs: vec![(key.into(), n)], content: vec![Inline::Text(native)] };
        }
    }
    if matches!(name, "g" | "pc") {
        // Translatable text in a pair of codes: TMX's `hi`, with the
        // attributes TMX gives it (`x`, `type`).
        let mut out = Vec::new();
        if let Some(x) = attr(e, "id").filter(|v| v.parse::<u32>().is_ok()) {
            out.push(("x".to_string(), x));
        }
        if let Some(t) = attr(e, "ctype").or_else(|| attr(e, "type")) {
            out.push(("type".to_string(), t));
        }
        return InlineCode { kind: CodeKind::Hi, attrs: out, content };
    }
    let native = !v2 && matches!(name, "bpt" | "ept" | "it" | "ph");
    if !native {
        let kind = if name == "sub" { CodeKind::Sub } else { CodeKind::Foreign(name.to_string()) };
        return InlineCode { kind, attrs: attrs(e), content };
    }
    let id = attr(e, "rid").or_else(|| attr(e, "id")).filter(|v| v.parse::<u32>().is_ok());
    let mut out: Vec<(String, String)> = Vec::new();
    let kind = match name {
        "bpt" => CodeKind::Bpt,
        "ept" => CodeKind::Ept,
        "it" => CodeKind::It,
        _ => CodeKind::Ph,
    };
    match kind {
        CodeKind::Bpt | CodeKind::Ept => out.push(("i".into(), id.unwrap_or_else(|| "1".into()))),
        _ => {
            if let Some(x) = attr(e, "id").filter(|v| v.parse::<u32>().is_ok()) {
                out.push(("x".into(), x));
            }
        }
    }
    if kind == CodeKind::It {
        let pos = if attr(e, "pos").as_deref() == Some("close") { "end" } else { "begin" };
        out.push(("pos".into(), pos.into()));
    }
    if kind != CodeKind::Ept {
        if let Some(t) = attr(e, "ctype") {
            out.push(("type".into(), t));
        }
    }
    InlineCode { kind, attrs: out, content }
}

pub(super) fn push_text(items: &mut Vec<Inline>, t: &str) {
    if let Some(Inline::Text(last)) = items.last_mut() {
        last.push_str(t);
    } else if !t.is_empty() {
        items.push(Inline::Text(t.to_string()));
    }
}

/// `START-END` (byte offsets) as memoria writes a unit's range.
pub(super) fn parse_range(s: &str) -> Option<Range<usize>> {
    let (a, b) = s.trim().split_once('-')?;
    let (a, b) = (a.parse().ok()?, b.parse().ok()?);
    (a <= b).then_some(a..b)
}

/// An ISO 8601 time (`2011-03-14T13:24:09Z`, memoQ) as a TMX date.
pub(super) fn iso_to_tmx(s: &str) -> Option<String> {
    let ts: jiff::Timestamp = s.trim().parse().ok()?;
    Some(memoria_core::date::format_tmx(ts.as_second()))
}

/// An SDLXLIFF time (`04/25/2012 10:50:15`, month first, UTC) as a TMX date.
pub(super) fn sdl_to_tmx(s: &str) -> Option<String> {
    let dt = jiff::civil::DateTime::strptime("%m/%d/%Y %H:%M:%S", s.trim()).ok()?;
    let secs = dt.to_zoned(jiff::tz::TimeZone::UTC).ok()?.timestamp().as_second();
    Some(memoria_core::date::format_tmx(secs))
}
