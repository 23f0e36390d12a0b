//! XLIFF 1.2 output (OASIS XLIFF 1.2, `urn:oasis:names:tc:xliff:document:1.2`).
//!
//! One `<file>` per source document, one `<trans-unit>` per segment; a filled
//! target carries `state`/`state-qualifier` (XLIFF 1.2 §2.4.1), and every TM
//! candidate is an `<alt-trans match-quality="NN" origin="memoria">`.

use memoria_store::Match;
use std::fmt::Write;

/// One segment of a pre-translated document.
pub struct Unit<'a> {
    /// Unique id within the file.
    pub id: String,
    pub source: &'a str,
    /// The fill, if any: the match it came from and the target text (after
    /// placeable substitution).
    pub fill: Option<(&'a Match, String)>,
    /// All candidates, best first.
    pub candidates: &'a [Match],
}

/// Escapes `s` for XML text and attribute values, dropping characters that
/// XML 1.0 forbids.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

/// Writes an XLIFF 1.2 document with one file `original` from `from` to `to`.
pub fn write_xliff12(original: &str, from: &str, to: &str, units: &[Unit]) -> String {
    let mut x = String::new();
    x.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    x.push_str("<xliff version=\"1.2\" xmlns=\"urn:oasis:names:tc:xliff:document:1.2\">\n");
    let _ = writeln!(
        x,
        "  <file original=\"{}\" source-language=\"{}\" target-language=\"{}\" datatype=\"plaintext\" tool-id=\"memoria\" xml:space=\"preserve\">",
        escape(original),
        escape(from),
        escape(to)
    );
    x.push_str("    <header>\n      <tool tool-id=\"memoria\" tool-name=\"memoria\" tool-version=\"");
    x.push_str(env!("CARGO_PKG_VERSION"));
    x.push_str("\"/>\n    </header>\n    <body>\n");
    for u in units {
        let _ = writeln!(x, "      <trans-unit id=\"{}\" approved=\"no\">", escape(&u.id));
        let _ = writeln!(x, "        <source xml:lang=\"{}\">{}</source>", escape(from), escape(u.source));
        if let Some((m, text)) = &u.fill {
            let (state, qualifier) = match m.score {
                101.. => ("translated", "leveraged-tm"),
                100 => ("needs-review-translation", "exact-match"),
                _ => ("needs-review-translation", "fuzzy-match"),
            };
            let _ = writeln!(
                x,
                "        <target xml:lang=\"{}\" state=\"{state}\" state-qualifier=\"{qualifier}\">{}</target>",
                escape(to),
                escape(text)
            );
        }
        for m in u.candidates {
            let _ = writeln!(
                x,
                "        <alt-trans match-quality=\"{}\" origin=\"memoria\" tool-id=\"memoria\">",
                m.score.min(100)
            );
            let _ = writeln!(
                x,
                "          <source xml:lang=\"{}\">{}</source>",
                escape(m.source_lang.as_str()),
                escape(&m.source.plain_text())
            );
            let _ = writeln!(
                x,
                "          <target xml:lang=\"{}\">{}</target>",
                escape(m.target_lang.as_str()),
                escape(&m.target.plain_text())
            );
            x.push_str("        </alt-trans>\n");
        }
        x.push_str("      </trans-unit>\n");
    }
    x.push_str("    </body>\n  </file>\n</xliff>\n");
    x
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_drops_illegal_controls() {
        assert_eq!(escape("a<b & \"c\"\u{0B}"), "a&lt;b &amp; &quot;c&quot;");
    }

    #[test]
    fn unfilled_unit_has_no_target() {
        let units = [Unit { id: "1".into(), source: "Hola.", fill: None, candidates: &[] }];
        let x = write_xliff12("r.es.txt", "es", "en", &units);
        assert!(x.contains("<source xml:lang=\"es\">Hola.</source>\n      </trans-unit>"), "{x}");
        assert!(!x.contains("<target"));
    }
}
