//! Attributes of a start tag for the reader: names verbatim, values decoded,
//! in document order, with a lexer of its own for the usual well-formed tag
//! (quick-xml's iterator, which checks each byte in turn, was 8 % of a
//! parse) and quick-xml's iterator for anything else, so that an error
//! reads the same as before.

use super::Diag;
use crate::tmx::error::{TmxError, WarningKind};
use crate::tmx::text::{decode_into, replace_illegal};
use quick_xml::events::BytesStart;
use quick_xml::utils::is_whitespace as is_space; // XML white space, as quick-xml counts it

/// The attributes of a start tag, in order, names verbatim, values decoded.
pub(super) fn read_attrs(d: &mut Diag, e: &BytesStart, pos: u64) -> Result<Vec<(String, String)>, TmxError> {
    let mut out = Vec::new();
    read_attrs_into(d, e, pos, &mut out, Take::Nothing)?;
    Ok(out)
}

/// A `<prop>`'s `type` (`None` when absent) and its other attributes.
pub(super) type PropAttrs = (Option<String>, Vec<(String, String)>);

/// The attributes of a `<prop>`: its `type` and the others, in order.
pub(super) fn read_prop_attrs(d: &mut Diag, e: &BytesStart, pos: u64) -> Result<PropAttrs, TmxError> {
    let (mut attrs, mut ptype) = (Vec::new(), String::new());
    let found = read_attrs_into(d, e, pos, &mut attrs, Take::Type(&mut ptype))?;
    Ok(((found != Found::None).then_some(ptype), attrs))
}

/// Where a taken attribute came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Found {
    None,
    /// TMX 1.1 `lang`.
    Lang,
    /// `xml:lang`.
    XmlLang,
    /// `type` (of a `<prop>`).
    Type,
}

/// An attribute decoded into a buffer of its own instead of the list (no
/// allocation for its name, nor for a buffer reused across elements).
pub(super) enum Take<'a> {
    Nothing,
    /// The language of a TUV: `xml:lang`, else TMX 1.1 `lang`. A `lang`
    /// beside an `xml:lang` stays in the list, after the others.
    Lang(&'a mut String),
    /// The `type` of a `<prop>`.
    Type(&'a mut String),
}

/// The most attributes the lexer takes; a tag with more is read by
/// quick-xml's iterator.
const LEXED: usize = 16;

/// Where a name and its raw value (entities not resolved) are in the tag:
/// start and end of each, as byte offsets (a table of offsets, zeroed at
/// once, is cheaper to set up than one of slices).
type Spans = [[u32; 4]; LEXED];

/// Splits `tag` (a start tag after its name) into names and raw values, as
/// quick-xml's iterator does (name up to `=` or a space; `=` with optional
/// spaces around it; a value in `"` or `'`), into `out`; returns how many.
/// `None` when that iterator would report an error (or has to tell): no `=`
/// or quote, a name repeated, more than [`LEXED`] attributes.
fn lex(tag: &[u8], out: &mut Spans) -> Option<usize> {
    if tag.len() > u32::MAX as usize {
        return None;
    }
    // Index loops: each test of `i < len` lets the compiler drop the
    // bounds checks.
    let len = tag.len();
    let (mut n, mut i) = (0, 0);
    loop {
        while i < len && is_space(tag[i]) {
            i += 1;
        }
        if i == len {
            return Some(n);
        }
        let key = i;
        while i < len && tag[i] != b'=' && !is_space(tag[i]) {
            i += 1;
        }
        if i == key || n == LEXED {
            return None;
        }
        let key_end = i;
        while i < len && is_space(tag[i]) {
            i += 1;
        }
        if i == len || tag[i] != b'=' {
            return None;
        }
        i += 1;
        while i < len && is_space(tag[i]) {
            i += 1;
        }
        if i == len || (tag[i] != b'"' && tag[i] != b'\'') {
            return None;
        }
        let quote = tag[i];
        i += 1;
        let value = i;
        while i < len && tag[i] != quote {
            i += 1;
        }
        if i == len {
            return None;
        }
        let name = &tag[key..key_end];
        if out[..n].iter().any(|s| super::events::same(&tag[s[0] as usize..s[1] as usize], name)) {
            return None;
        }
        out[n] = [key as u32, key_end as u32, value as u32, i as u32];
        n += 1;
        i += 1;
    }
}

/// Reads the attributes into `out`, or into the buffer of `take`; returns
/// which one was taken.
pub(super) fn read_attrs_into(
    d: &mut Diag,
    e: &BytesStart,
    pos: u64,
    out: &mut Vec<(String, String)>,
    mut take: Take,
) -> Result<Found, TmxError> {
    let mut found = Found::None;
    let mut displaced: Option<String> = None;
    let mut spans: Spans = [[0; 4]; LEXED];
    let tag = e.attributes_raw();
    match lex(tag, &mut spans) {
        Some(n) => {
            out.reserve_exact(n.saturating_sub(usize::from(!matches!(take, Take::Nothing))));
            for s in &spans[..n] {
                let (key, value) = (&tag[s[0] as usize..s[1] as usize], &tag[s[2] as usize..s[3] as usize]);
                one(d, key, value, pos, out, &mut take, &mut found, &mut displaced)?;
            }
        }
        None => {
            for a in e.attributes() {
                let a = match a {
                    Ok(a) => a,
                    Err(err) => return Err(d.error(pos, format!("bad attribute: {err}"))),
                };
                one(d, a.key.as_ref(), &a.value, pos, out, &mut take, &mut found, &mut displaced)?;
            }
        }
    }
    if let Some(v) = displaced {
        out.push(("lang".to_string(), v));
    }
    Ok(found)
}

/// One attribute: into the buffer of `take` when it is the one taken, else
/// appended to `out`.
#[allow(clippy::too_many_arguments)]
#[inline]
fn one(
    d: &mut Diag,
    key: &[u8],
    value: &[u8],
    pos: u64,
    out: &mut Vec<(String, String)>,
    take: &mut Take,
    found: &mut Found,
    displaced: &mut Option<String>,
) -> Result<(), TmxError> {
    match take {
        Take::Nothing => {}
        Take::Lang(buf) => {
            let which = if key.eq_ignore_ascii_case(b"xml:lang") {
                Found::XmlLang
            } else if key.eq_ignore_ascii_case(b"lang") {
                Found::Lang
            } else {
                Found::None
            };
            if which == Found::XmlLang || (which == Found::Lang && *found == Found::None) {
                if *found == Found::Lang {
                    *displaced = Some(std::mem::take(*buf));
                }
                buf.clear();
                decode_attr(d, value, pos, "xml:lang", buf)?;
                *found = which;
                return Ok(());
            }
        }
        Take::Type(buf) => {
            if key == b"type" {
                buf.reserve_exact(value.len());
                decode_attr(d, value, pos, "type", buf)?;
                *found = Found::Type;
                return Ok(());
            }
        }
    }
    let key = key_string(key);
    let mut v = String::with_capacity(value.len());
    decode_attr(d, value, pos, &key, &mut v)?;
    out.push((key, v));
    Ok(())
}

/// An attribute name as a string: the names TMX defines without a UTF-8
/// check, others as read (invalid bytes as U+FFFD).
fn key_string(key: &[u8]) -> String {
    const KNOWN: [&str; 17] = [
        "x",
        "i",
        "type",
        "pos",
        "tuid",
        "assoc",
        "srclang",
        "datatype",
        "segtype",
        "changeid",
        "changedate",
        "creationid",
        "creationdate",
        "usagecount",
        "lastusagedate",
        "o-encoding",
        "xml:lang",
    ];
    match KNOWN.iter().find(|k| super::events::same(k.as_bytes(), key)) {
        Some(k) => (*k).to_owned(),
        None => String::from_utf8_lossy(key).into_owned(),
    }
}

/// Decodes an attribute value into `value`; problems become warnings (or
/// the error) located at the tag.
#[inline]
fn decode_attr(d: &mut Diag, raw: &[u8], pos: u64, key: &str, value: &mut String) -> Result<(), TmxError> {
    let mut probs = Vec::new();
    decode_into(raw, true, value, &mut |k, _, m| probs.push((k, m)));
    if probs.is_empty() {
        return Ok(());
    }
    for (k, m) in probs {
        if k == WarningKind::IllegalChar {
            replace_illegal(value);
        }
        d.problem(k, pos, format!("attribute {key}: {m}"))?;
    }
    Ok(())
}

/// Warns about dates not in `YYYYMMDDThhmmssZ` and non-numeric usage counts.
#[inline]
pub(super) fn check_values(d: &mut Diag, attrs: &[(String, String)], pos: u64) -> Result<(), TmxError> {
    for (k, v) in attrs {
        match k.as_str() {
            "creationdate" | "changedate" | "lastusagedate" if !memoria_core::date::is_tmx(v) => {
                d.problem(WarningKind::BadDate, pos, format!("{k}={v:?} is not a TMX date YYYYMMDDThhmmssZ"))?
            }
            "usagecount" if v.is_empty() || !v.bytes().all(|b| b.is_ascii_digit()) => {
                d.problem(WarningKind::BadNumber, pos, format!("usagecount={v:?} is not an integer"))?
            }
            _ => {}
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lexed(s: &str) -> Option<Vec<(String, String)>> {
        let mut out = [[0; 4]; LEXED];
        let n = lex(s.as_bytes(), &mut out)?;
        let text = |a: u32, b: u32| s[a as usize..b as usize].to_string();
        Some(out[..n].iter().map(|s| (text(s[0], s[1]), text(s[2], s[3]))).collect())
    }

    /// What quick-xml's iterator makes of the same tag.
    fn quick(s: &str) -> Option<Vec<(String, String)>> {
        let tag = format!("e{s}");
        let e = BytesStart::from_content(tag.as_str(), 1);
        let text = |b: &[u8]| String::from_utf8(b.to_vec()).unwrap();
        e.attributes().map(|a| a.ok().map(|a| (text(a.key.as_ref()), text(&a.value)))).collect()
    }

    #[test]
    fn the_lexer_reads_tags_as_quick_xml_does_or_leaves_them_to_it() {
        let pairs = |v: &[(&str, &str)]| v.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect::<Vec<_>>();
        type Case<'a> = (&'a str, Option<Vec<(String, String)>>);
        let cases: [Case; 14] = [
            ("", Some(vec![])),
            ("  \n", Some(vec![])),
            (r#" x="1""#, Some(pairs(&[("x", "1")]))),
            (" xml:lang='de-DE'  tuid=\"a'b\" ", Some(pairs(&[("xml:lang", "de-DE"), ("tuid", "a'b")]))),
            ("\ta \r\n=\t\"&lt;\"b='>'", Some(pairs(&[("a", "&lt;"), ("b", ">")]))),
            (r#" type="""#, Some(pairs(&[("type", "")]))),
            (r#" x="1" x="2""#, None),
            (r#" x=1"#, None),
            (r#" x"#, None),
            (r#" x y="1""#, None),
            (r#" x="1"#, None),
            (r#" ="1""#, None),
            (r#" x= "#, None),
            (
                " a='1' b='2' c='3' d='4' e='5' f='6' g='7' h='8' i='9' j='10' k='11' l='12' m='13' n='14' o='15' \
              p='16' q='17'",
                None,
            ),
        ];
        for (tag, want) in cases {
            assert_eq!(lexed(tag), want, "{tag:?}");
            // Whatever the lexer reads, quick-xml reads the same; what it
            // leaves, quick-xml has an error for (or more than 16 names).
            match want {
                Some(w) => assert_eq!(quick(tag), Some(w), "{tag:?}"),
                None if tag.len() < 60 => assert_eq!(quick(tag), None, "{tag:?}"),
                None => assert_eq!(quick(tag).map(|v| v.len()), Some(17)),
            }
        }
    }

    /// Every short tag over the bytes that matter to the lexer (and a
    /// random sample of longer ones): what the lexer reads, quick-xml's
    /// iterator reads the same.
    #[test]
    fn the_lexer_agrees_with_quick_xml_on_every_short_tag() {
        const ALPHABET: &[u8] = b" \t=\"'ab";
        let check = |tag: &[u8]| {
            let s = std::str::from_utf8(tag).unwrap();
            // What the lexer leaves goes to quick-xml's iterator: only what
            // it reads must be the same.
            if let Some(w) = lexed(s) {
                assert_eq!(quick(s), Some(w), "{s:?}");
            }
        };
        for len in 0..=7u32 {
            for mut code in 0..ALPHABET.len().pow(len) {
                let mut tag = Vec::new();
                for _ in 0..len {
                    tag.push(ALPHABET[code % ALPHABET.len()]);
                    code /= ALPHABET.len();
                }
                check(&tag);
            }
        }
        let mut next = crate::tmx::xorshift(0x9E37_79B9_7F4A_7C15);
        for _ in 0..300_000 {
            let tag: Vec<u8> = (0..next(24)).map(|_| ALPHABET[next(ALPHABET.len())]).collect();
            check(&tag);
        }
    }
}
