//! XLIFF 1.2 writer (OASIS XLIFF 1.2, strict schema).
//!
//! One `<file xml:space="preserve">` per release, one `<trans-unit>` per
//! unit. A fill is a `<target state=… state-qualifier=…>` ([`super::state12`]);
//! every candidate is an `<alt-trans match-quality="NN" origin="COLLECTION">`
//! (the TM collection of the matched TU, `memoria` for an aligned one)
//! with the TM source and target as stored (the fill carries the new
//! placeable values); the unit's place in the release is a
//! `<context-group purpose="location">` (`linenumber`, and `x-column`); each
//! glossary term found in the source is a `<note from="memoria-terms">`.
//! TMX inline codes map to XLIFF 1.2 `bpt ept it ph` (same native data) and
//! `hi` to `g`.

use super::{state12, Doc};
use crate::xml::{attr, text};
use memoria_core::content::{CodeKind, Content, Inline, InlineCode};
use std::fmt::Write;

/// Writes the documents as one XLIFF 1.2 file.
pub fn write_xliff12(docs: &[Doc]) -> String {
    let mut x = String::new();
    x.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    x.push_str("<xliff version=\"1.2\" xmlns=\"urn:oasis:names:tc:xliff:document:1.2\">\n");
    for d in docs {
        let _ = writeln!(
            x,
            "  <file original=\"{}\" source-language=\"{}\" target-language=\"{}\" datatype=\"plaintext\" xml:space=\"preserve\">",
            attr(d.original),
            attr(d.from),
            attr(d.to)
        );
        x.push_str("    <header>\n");
        if let Some((href, crc)) = d.skeleton {
            let _ = writeln!(x, "      <skl><external-file href=\"{}\" crc=\"{}\"/></skl>", attr(href), attr(crc));
        }
        let _ = writeln!(
            x,
            "      <tool tool-id=\"memoria\" tool-name=\"memoria\" tool-version=\"{}\"/>\n    </header>\n    <body>",
            env!("CARGO_PKG_VERSION")
        );
        for u in &d.units {
            let _ = writeln!(x, "      <trans-unit id=\"{}\" approved=\"no\">", attr(&u.id));
            let _ = writeln!(x, "        <source xml:lang=\"{}\">{}</source>", attr(d.from), content(&u.source));
            if let Some(m) = &u.fill {
                let (state, qualifier) = state12(m.score, m.exact);
                let _ = writeln!(
                    x,
                    "        <target xml:lang=\"{}\" state=\"{state}\" state-qualifier=\"{qualifier}\">{}</target>",
                    attr(d.to),
                    content(m.target)
                );
            } else if d.copy_source {
                let _ = writeln!(x, "        <target xml:lang=\"{}\">{}</target>", attr(d.to), content(&u.source));
            }
            let range = u.range.as_ref().map_or(String::new(), |r| {
                format!("<context context-type=\"x-range\">{}-{}</context>", r.start, r.end)
            });
            let _ = writeln!(
                x,
                "        <context-group purpose=\"location\"><context context-type=\"linenumber\">{}</context><context context-type=\"x-column\">{}</context>{range}</context-group>",
                u.line, u.column
            );
            if u.segments > 1 {
                let _ = writeln!(
                    x,
                    "        <note from=\"memoria\">{} segments of the release, filled together from one TU</note>",
                    u.segments
                );
            }
            for t in &u.terms {
                let _ = writeln!(x, "        <note from=\"memoria-terms\">{}</note>", text(&t.note));
            }
            for m in &u.candidates {
                let _ = writeln!(
                    x,
                    "        <alt-trans match-quality=\"{}\" origin=\"{}\" tool-id=\"memoria\">",
                    m.score.min(100),
                    attr(m.origin.unwrap_or("memoria"))
                );
                let _ = writeln!(
                    x,
                    "          <source xml:lang=\"{}\">{}</source>",
                    attr(m.source_lang),
                    content(m.source)
                );
                let _ = writeln!(
                    x,
                    "          <target xml:lang=\"{}\">{}</target>",
                    attr(m.target_lang),
                    content(m.stored_target)
                );
                x.push_str("        </alt-trans>\n");
            }
            x.push_str("      </trans-unit>\n");
        }
        x.push_str("    </body>\n  </file>\n");
    }
    x.push_str("</xliff>\n");
    x
}

/// XLIFF 1.2 inline markup for `c`: text escaped, codes as `bpt ept it ph g`.
pub fn content(c: &Content) -> String {
    let mut out = String::new();
    let mut n = 0;
    write_items(&c.items, &mut out, &mut n);
    out
}

fn write_items(items: &[Inline], out: &mut String, n: &mut usize) {
    for it in items {
        match it {
            Inline::Text(t) => out.push_str(&text(t)),
            Inline::Code(c) => write_code(c, out, n),
        }
    }
}

/// `ctype` for a TMX `type`: the XLIFF 1.2 value when it has one, else `x-…`.
fn ctype(c: &InlineCode) -> String {
    match c.attr("type") {
        Some(t @ ("bold" | "italic" | "underlined" | "link" | "image" | "lb" | "pb")) => format!(" ctype=\"{t}\""),
        Some(t) if !t.is_empty() => {
            let clean: String = t.chars().map(|ch| if ch.is_whitespace() { '_' } else { ch }).collect();
            format!(" ctype=\"x-{}\"", attr(&clean))
        }
        _ => String::new(),
    }
}

fn write_code(c: &InlineCode, out: &mut String, n: &mut usize) {
    *n += 1;
    let seq = *n;
    let pair_id = c.attr("i").map(attr).unwrap_or_else(|| seq.to_string());
    let (open, close) = match &c.kind {
        CodeKind::Bpt => (format!("<bpt id=\"{pair_id}\"{}>", ctype(c)), "</bpt>"),
        CodeKind::Ept => (format!("<ept id=\"{pair_id}\">"), "</ept>"),
        CodeKind::It => {
            let pos = if c.attr("pos") == Some("end") { "close" } else { "open" };
            (format!("<it id=\"p{seq}\" pos=\"{pos}\"{}>", ctype(c)), "</it>")
        }
        CodeKind::Hi => {
            out.push_str(&format!("<g id=\"p{seq}\"{}>", ctype(c)));
            write_items(&c.content, out, n);
            out.push_str("</g>");
            return;
        }
        CodeKind::Ph | CodeKind::Ut | CodeKind::Sub | CodeKind::Foreign(_) => {
            (format!("<ph id=\"p{seq}\"{}>", ctype(c)), "</ph>")
        }
    };
    out.push_str(&open);
    write_native(&c.content, out, n);
    out.push_str(close);
}

/// Native code data: text escaped; a `sub` keeps its translatable content.
fn write_native(items: &[Inline], out: &mut String, n: &mut usize) {
    for it in items {
        match it {
            Inline::Text(t) => out.push_str(&text(t)),
            Inline::Code(c) if c.kind == CodeKind::Sub => {
                out.push_str("<sub>");
                write_items(&c.content, out, n);
                out.push_str("</sub>");
            }
            Inline::Code(c) => write_native(&c.content, out, n),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::Unit;
    use super::*;

    fn code(kind: CodeKind, attrs: &[(&str, &str)], native: &str) -> Inline {
        Inline::Code(InlineCode {
            kind,
            attrs: attrs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect(),
            content: vec![Inline::Text(native.into())],
        })
    }

    #[test]
    fn paired_codes_become_bpt_ept_with_native_data() {
        let c = Content {
            items: vec![
                Inline::Text("Pulse ".into()),
                code(CodeKind::Bpt, &[("i", "1"), ("type", "bold")], "<b>"),
                Inline::Text("Aceptar".into()),
                code(CodeKind::Ept, &[("i", "1")], "</b>"),
                code(CodeKind::Ph, &[("type", "image file")], "<img/>"),
            ],
        };
        assert_eq!(
            content(&c),
            "Pulse <bpt id=\"1\" ctype=\"bold\">&lt;b&gt;</bpt>Aceptar<ept id=\"1\">&lt;/b&gt;</ept><ph id=\"p3\" ctype=\"x-image_file\">&lt;img/&gt;</ph>"
        );
    }

    #[test]
    fn unfilled_unit_has_no_target_but_its_location() {
        let units = vec![Unit {
            id: "1".into(),
            source: Content::from_text("Hola."),
            line: 3,
            column: 7,
            fill: None,
            candidates: vec![],
            segments: 1,
            range: None,
            terms: vec![],
        }];
        let x = write_xliff12(&[Doc {
            original: "r.es.txt",
            from: "es",
            to: "en",
            units,
            skeleton: None,
            copy_source: false,
        }]);
        assert!(x.contains("<source xml:lang=\"es\">Hola.</source>\n        <context-group purpose=\"location\"><context context-type=\"linenumber\">3</context><context context-type=\"x-column\">7</context></context-group>\n      </trans-unit>"), "{x}");
        assert!(!x.contains("<target"));
    }
}
