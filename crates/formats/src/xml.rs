//! XML escaping: the one path every writer of memoria uses (TMX, XLIFF,
//! TBX, JUnit reports, HTML drafts).
//!
//! quick-xml's own `escape` leaves TAB, LF and CR raw inside attribute values
//! (where attribute-value normalisation turns them into spaces, XML 1.0 §3.3.3),
//! and keeps characters XML 1.0 forbids, which make the file unreadable; these
//! functions write those as character references or U+FFFD. Writing skips the
//! work for the common string that needs no escape at all.

use crate::tmx::text::is_xml_char;

/// Appends `s` escaped as XML character data: `& < >`, CR as `&#13;` (a raw
/// CR would be read back as LF). Characters illegal in XML 1.0 become
/// U+FFFD; callers that can keep them as codes do so before.
pub fn escape_text(s: &str, out: &mut String) {
    escape(s, false, out)
}

/// Appends `s` escaped for a double-quoted attribute value: `& < > "`, and
/// TAB, LF, CR as character references (attribute-value normalisation would
/// turn them into spaces). Illegal characters become U+FFFD.
pub fn escape_attr(s: &str, out: &mut String) {
    escape(s, true, out)
}

fn escape(s: &str, attr: bool, out: &mut String) {
    let needs = |b: u8| {
        matches!(b, b'&' | b'<' | b'>' | b'"' | b'\r' | 0xEF) || (b < 0x20 && (attr || b != b'\t' && b != b'\n'))
    };
    if !s.bytes().any(needs) {
        out.push_str(s);
        return;
    }
    let mut start = 0;
    for (i, c) in s.char_indices() {
        let rep: Option<&str> = match c {
            '&' => Some("&amp;"),
            '<' => Some("&lt;"),
            '>' => Some("&gt;"),
            '"' if attr => Some("&quot;"),
            '\r' => Some("&#13;"),
            '\n' if attr => Some("&#10;"),
            '\t' if attr => Some("&#9;"),
            c if !is_xml_char(c) => Some("\u{FFFD}"),
            _ => None,
        };
        if let Some(r) = rep {
            out.push_str(&s[start..i]);
            out.push_str(r);
            start = i + c.len_utf8();
        }
    }
    out.push_str(&s[start..]);
}

/// `s` escaped as character data, as a new string ([`escape_text`]).
pub fn text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    escape_text(s, &mut out);
    out
}

/// `s` escaped for a double-quoted attribute value, as a new string
/// ([`escape_attr`]).
pub fn attr(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    escape_attr(s, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_keeps_whitespace_readable_back() {
        let mut t = String::new();
        escape_text("a<b>&\r\n\t\u{b}", &mut t);
        assert_eq!(t, "a&lt;b&gt;&amp;&#13;\n\t\u{FFFD}");
        let mut a = String::new();
        escape_attr("\"x\"\t\n\r", &mut a);
        assert_eq!(a, "&quot;x&quot;&#9;&#10;&#13;");
    }
}
