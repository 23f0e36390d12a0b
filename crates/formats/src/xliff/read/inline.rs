//! Element and attribute helpers of the XLIFF reader, and the mapping of
//! XLIFF's inline elements onto the TU model's codes (see the module
//! documentation of [`super`]).

use memoria_core::content::{CodeKind, Inline, InlineCode};
use quick_xml::events::attributes::Attribute;
use quick_xml::events::{BytesStart, BytesText};
use std::borrow::Cow;
use std::ops::Range;

/// `bytes` as text: borrowed when UTF-8 (always, as the reader's input is
/// made UTF-8 first), else with replacement characters.
#[inline]
pub(super) fn utf8(bytes: &[u8]) -> Cow<'_, str> {
    if bytes.is_ascii() {
        // SAFETY: ASCII is UTF-8. (Names are short: a call of `from_utf8`
        // cost more than the check.)
        return Cow::Borrowed(unsafe { std::str::from_utf8_unchecked(bytes) });
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => Cow::Borrowed(s),
        Err(_) => String::from_utf8_lossy(bytes),
    }
}

/// Character data as text: the five XML entities and character references
/// resolved (XML 1.0 §4.6; no other entity is ever expanded). `valid`: the
/// bytes are known to be UTF-8 (their window was checked whole), so they
/// are not checked again, and text without `&` is borrowed as it is.
#[inline]
pub(super) fn text<'a>(t: &'a BytesText, valid: bool) -> Result<Cow<'a, str>, quick_xml::Error> {
    if !valid {
        return t.unescape();
    }
    // SAFETY: `valid` says the window the text lies in is UTF-8, and a text
    // event begins and ends at ASCII bytes (`>`, `<`), so on characters'
    // boundaries.
    let s = unsafe { std::str::from_utf8_unchecked(t) };
    if memchr::memchr(b'&', s.as_bytes()).is_none() {
        return Ok(Cow::Borrowed(s));
    }
    Ok(quick_xml::escape::unescape(s)?)
}

/// An attribute's value, unescaped as [`text`]; `None` when it is not
/// well-formed. A value of ASCII without `&` (ids, states, names: most of
/// them) is borrowed unchecked.
#[inline]
pub(super) fn value<'a>(a: &Attribute<'a>) -> Option<Cow<'a, str>> {
    if let Cow::Borrowed(raw) = a.value {
        if raw.iter().all(|&b| b < 0x80 && b != b'&') {
            // SAFETY: ASCII is UTF-8.
            return Some(Cow::Borrowed(unsafe { std::str::from_utf8_unchecked(raw) }));
        }
    }
    a.unescape_value().ok()
}

/// The element's local name.
#[inline]
pub(super) fn local<'a>(e: &'a BytesStart) -> Cow<'a, str> {
    utf8(local_name(e.name().into_inner()))
}

/// The element's namespace prefix, if any.
#[inline]
pub(super) fn prefix<'a>(e: &'a BytesStart) -> Option<Cow<'a, str>> {
    let name = e.name().into_inner();
    name.iter().position(|&b| b == b':').map(|i| utf8(&name[..i]))
}

/// The local part of a qualified name (after its `:`), as quick-xml's
/// `local_name` but by a loop over its few bytes rather than a call of
/// `memchr` (whose setup cost more than the search).
#[inline]
pub(super) fn local_name(name: &[u8]) -> &[u8] {
    match name.iter().position(|&b| b == b':') {
        Some(i) => &name[i + 1..],
        None => name,
    }
}

/// The attributes of `e`, without quick-xml's duplicate check (its
/// allocation per element is most of the reader's cost; a duplicate
/// attribute would only be dropped by `flatten` anyway), as quick-xml's
/// iterator gives them: the usual `key="value"` (or `'value'`), separated
/// by white space, split here in one loop over the bytes (quick-xml's
/// general state machine cost 700 instructions a unit); at the first
/// attribute of another form quick-xml's iterator takes over from there.
#[inline]
pub(super) fn attributes<'a>(e: &'a BytesStart) -> Attrs<'a> {
    Attrs { e, raw: e.attributes_raw(), at: 0, given: 0, slow: None }
}

/// The iterator of [`attributes`].
pub(super) struct Attrs<'a> {
    e: &'a BytesStart<'a>,
    raw: &'a [u8],
    at: usize,
    /// Attributes given by the fast path.
    given: usize,
    /// Boxed: the fast path's iterator stays small.
    slow: Option<Box<std::iter::Skip<std::iter::Flatten<quick_xml::events::attributes::Attributes<'a>>>>>,
}

impl<'a> Attrs<'a> {
    /// The next `key="value"` at `at`: `Some(None)` at the end, `None` for
    /// anything else.
    #[inline]
    fn fast(&mut self) -> Option<Option<Attribute<'a>>> {
        let raw = self.raw;
        let ws = |b: u8| matches!(b, b' ' | b'\t' | b'\r' | b'\n');
        let mut i = self.at;
        while i < raw.len() && ws(raw[i]) {
            i += 1;
        }
        if i == raw.len() {
            self.at = i;
            return Some(None);
        }
        let key = i;
        // To the `=`; white space (or a control character) in the key is
        // left to quick-xml.
        i += raw[i..].iter().position(|&b| b == b'=')?;
        if i == key || raw[key..i].iter().any(|&b| b <= b' ') {
            return None;
        }
        let quote = *raw.get(i + 1).filter(|&&q| q == b'"' || q == b'\'')?;
        let start = i + 2;
        let end = start + raw[start..].iter().position(|&b| b == quote)?;
        if raw.get(end + 1).is_some_and(|&b| !ws(b)) {
            return None;
        }
        self.at = end + 1;
        Some(Some(Attribute { key: quick_xml::name::QName(&raw[key..i]), value: Cow::Borrowed(&raw[start..end]) }))
    }
}

impl<'a> Iterator for Attrs<'a> {
    type Item = Attribute<'a>;

    #[inline]
    fn next(&mut self) -> Option<Attribute<'a>> {
        if self.slow.is_none() {
            match self.fast() {
                Some(found) => {
                    self.given += usize::from(found.is_some());
                    return found;
                }
                None => {
                    // quick-xml gives the same attributes up to here.
                    let mut all = self.e.attributes();
                    all.with_checks(false);
                    self.slow = Some(Box::new(all.flatten().skip(self.given)));
                }
            }
        }
        self.slow.as_mut()?.next()
    }
}

/// The raw (escaped) value of the attribute `name`: a qualified name
/// (`mq:status`) matches exactly, an unqualified one only unprefixed.
fn raw_attr<'a>(e: &'a BytesStart, name: &str) -> Option<Attribute<'a>> {
    attributes(e).find(|a| a.key.as_ref() == name.as_bytes())
}

/// The value of the attribute `name`, unescaped.
pub(super) fn attr(e: &BytesStart, name: &str) -> Option<String> {
    raw_attr(e, name).and_then(|a| value(&a).map(Cow::into_owned))
}

/// Whether the attribute `name` is present with the value `value`
/// (compared unescaped; no allocation when it holds no reference).
pub(super) fn attr_is(e: &BytesStart, name: &str, value: &str) -> bool {
    raw_attr(e, name).is_some_and(|a| self::value(&a).is_some_and(|v| v == value))
}

pub(super) fn attrs(e: &BytesStart) -> Vec<(String, String)> {
    attributes(e)
        .map(|a| {
            let k = String::from_utf8_lossy(a.key.as_ref()).into_owned();
            let v = value(&a).map(Cow::into_owned).unwrap_or_default();
            (k, v)
        })
        .collect()
}

/// The attributes of an inline element that decide its code, read in one
/// pass.
#[derive(Default)]
struct CodeAttrs<'a> {
    id: Option<Cow<'a, str>>,
    rid: Option<Cow<'a, str>>,
    ctype: Option<Cow<'a, str>>,
    kind: Option<Cow<'a, str>>,
    pos_close: bool,
    data_ref: Option<Cow<'a, str>>,
    start_ref: Option<Cow<'a, str>>,
}

impl<'a> CodeAttrs<'a> {
    fn read(e: &'a BytesStart) -> CodeAttrs<'a> {
        let mut c = CodeAttrs::default();
        for a in attributes(e) {
            let value = || value(&a);
            match a.key.as_ref() {
                b"id" => c.id = value(),
                b"rid" => c.rid = value(),
                b"ctype" => c.ctype = value(),
                b"type" => c.kind = value(),
                b"pos" => c.pos_close = value().as_deref() == Some("close"),
                b"dataRef" => c.data_ref = value(),
                b"startRef" => c.start_ref = value(),
                _ => {}
            }
        }
        c
    }
}

/// `v` if it is a TMX `x`/`i` number.
fn numeric(v: Option<Cow<str>>) -> Option<String> {
    v.filter(|v| v.parse::<u32>().is_ok()).map(Cow::into_owned)
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
    let native = !v2 && matches!(name, "bpt" | "ept" | "it" | "ph");
    if !native && !matches!(name, "g" | "pc") && !(v2 && matches!(name, "sc" | "ec" | "ph")) {
        let kind = if name == "sub" { CodeKind::Sub } else { CodeKind::Foreign(name.to_string()) };
        return InlineCode { kind, attrs: attrs(e), content };
    }
    let foreign = || InlineCode { kind: CodeKind::Foreign(name.to_string()), attrs: attrs(e), content: vec![] };
    if v2 && data.is_empty() && matches!(name, "sc" | "ec" | "ph") {
        // No original data: kept as the element itself.
        return InlineCode { content, ..foreign() };
    }
    let a = CodeAttrs::read(e);
    if v2 && matches!(name, "sc" | "ec" | "ph") {
        let native = a.data_ref.as_ref().and_then(|r| data.iter().find(|(id, _)| id == r).map(|(_, d)| d.clone()));
        if let Some(native) = native {
            // `b1`/`startRef="b1"`: the digits pair an sc with its ec.
            let id = if name == "ec" { a.start_ref } else { a.id }.unwrap_or_default();
            let digits: String = id.chars().filter(char::is_ascii_digit).collect();
            let n = if digits.is_empty() { "1".to_string() } else { digits };
            let (kind, key) = match name {
                "sc" => (CodeKind::Bpt, "i"),
                "ec" => (CodeKind::Ept, "i"),
                _ => (CodeKind::Ph, "x"),
            };
            return InlineCode { kind, attrs: vec![(key.into(), n)], content: vec![Inline::Text(native)] };
        }
        return InlineCode { content, ..foreign() };
    }
    if matches!(name, "g" | "pc") {
        // Translatable text in a pair of codes: TMX's `hi`, with the
        // attributes TMX gives it (`x`, `type`).
        let mut out = Vec::new();
        if let Some(x) = numeric(a.id) {
            out.push(("x".to_string(), x));
        }
        if let Some(t) = a.ctype.or(a.kind) {
            out.push(("type".to_string(), t.into_owned()));
        }
        return InlineCode { kind: CodeKind::Hi, attrs: out, content };
    }
    let id = numeric(a.rid).or_else(|| numeric(a.id.clone()));
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
            if let Some(x) = numeric(a.id) {
                out.push(("x".into(), x));
            }
        }
    }
    if kind == CodeKind::It {
        let pos = if a.pos_close { "end" } else { "begin" };
        out.push(("pos".into(), pos.into()));
    }
    if kind != CodeKind::Ept {
        if let Some(t) = a.ctype {
            out.push(("type".into(), t.into_owned()));
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
