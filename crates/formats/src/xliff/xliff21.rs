//! XLIFF 2.1 writer: core (`urn:oasis:names:tc:xliff:document:2.0`,
//! `version="2.1"`) with the Translation Candidates module
//! (`urn:oasis:names:tc:xliff:matches:2.0`, prefix `mtc`).
//!
//! One `<file>` per release, one `<unit>` with one `<segment>` per unit; a
//! fill is the segment's `<target>` with `state`/`subState`
//! ([`super::state21`]); every candidate is an `<mtc:match ref="#s…"
//! matchQuality="NN" similarity="NN" origin="COLLECTION" type="tm">` holding
//! the TM source and target as stored. Inline
//! codes become `sc`/`ec`/`ph` (`hi` → `pc`) whose native data sits in the
//! unit's (or the match's) `<originalData>`. Glossary terms found in a
//! unit's source are the Glossary module's `<gls:glossary>`
//! (`urn:oasis:names:tc:xliff:glossary:2.0`): a `gls:glossEntry` with the
//! source term, its allowed translations and the definition.

use super::{state21, Doc};
use crate::xml::{attr, text};
use memoria_core::content::{CodeKind, Content, Inline, InlineCode};
use std::fmt::Write;

/// Writes the documents as one XLIFF 2.1 file. XLIFF 2 has one language pair
/// per file: the first document's.
pub fn write_xliff21(docs: &[Doc]) -> String {
    let (from, to) = docs.first().map_or(("und", "und"), |d| (d.from, d.to));
    let mut x = String::new();
    x.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let _ = writeln!(
        x,
        "<xliff xmlns=\"urn:oasis:names:tc:xliff:document:2.0\" xmlns:mtc=\"urn:oasis:names:tc:xliff:matches:2.0\" xmlns:gls=\"urn:oasis:names:tc:xliff:glossary:2.0\" version=\"2.1\" srcLang=\"{}\" trgLang=\"{}\">",
        attr(from),
        attr(to)
    );
    for (k, d) in docs.iter().enumerate() {
        let _ = writeln!(x, "  <file id=\"f{}\" original=\"{}\" xml:space=\"preserve\">", k + 1, attr(d.original));
        if let Some((href, crc)) = d.skeleton {
            let _ = writeln!(x, "    <skeleton href=\"{}\"/>", attr(href));
            let _ = writeln!(x, "    <notes><note category=\"memoria:checksum\">{}</note></notes>", text(crc));
        }
        for u in &d.units {
            let sid = format!("s{}", u.id.replace('+', "-"));
            let _ = writeln!(x, "    <unit id=\"u{}\">", u.id.replace('+', "-"));
            if !u.candidates.is_empty() {
                x.push_str("      <mtc:matches>\n");
                for m in &u.candidates {
                    let q = m.score.min(100);
                    let origin = attr(m.origin.unwrap_or("memoria"));
                    let _ = writeln!(
                        x,
                        "        <mtc:match ref=\"#{sid}\" matchQuality=\"{q}\" similarity=\"{q}\" origin=\"{origin}\" type=\"tm\">"
                    );
                    let (src, src_data) = content(m.source, "s");
                    let (tgt, tgt_data) = content(m.stored_target, "t");
                    original_data(&mut x, "          ", &[src_data, tgt_data].concat());
                    let _ = writeln!(x, "          <source>{src}</source>\n          <target>{tgt}</target>");
                    x.push_str("        </mtc:match>\n");
                }
                x.push_str("      </mtc:matches>\n");
            }
            glossary(&mut x, &u.terms);
            let range = u
                .range
                .as_ref()
                .map_or(String::new(), |r| format!("<note category=\"memoria:range\">{}-{}</note>", r.start, r.end));
            let _ = writeln!(
                x,
                "      <notes><note category=\"location\">line {} column {}</note>{range}</notes>",
                u.line, u.column
            );
            let (source, source_data) = content(&u.source, "s");
            let fill = u.fill.map(|m| (m, content(m.target, "t")));
            let target_data = fill.as_ref().map_or(&[][..], |(_, (_, data))| data.as_slice());
            original_data(&mut x, "      ", &[source_data, target_data.to_vec()].concat());
            match &fill {
                Some((m, (target, _))) => {
                    let (state, sub) = state21(m.score, m.exact);
                    let _ = writeln!(x, "      <segment id=\"{sid}\" state=\"{state}\" subState=\"{sub}\">");
                    let _ = writeln!(x, "        <source>{source}</source>");
                    let _ = writeln!(x, "        <target>{target}</target>");
                }
                None => {
                    let _ = writeln!(x, "      <segment id=\"{sid}\" state=\"initial\">");
                    let _ = writeln!(x, "        <source>{source}</source>");
                }
            }
            x.push_str("      </segment>\n    </unit>\n");
        }
        x.push_str("  </file>\n");
    }
    x.push_str("</xliff>\n");
    x
}

/// The Glossary module of a unit: one `gls:glossEntry` per term found
/// (a term with neither translation nor definition is left out, as the
/// module requires one of them).
fn glossary(x: &mut String, terms: &[super::Gloss]) {
    let terms: Vec<_> = terms.iter().filter(|t| !t.translations.is_empty() || t.definition.is_some()).collect();
    if terms.is_empty() {
        return;
    }
    x.push_str("      <gls:glossary>\n");
    for t in terms {
        let src = attr(&t.origin);
        let _ =
            writeln!(x, "        <gls:glossEntry>\n          <gls:term source=\"{src}\">{}</gls:term>", text(&t.term));
        for tr in &t.translations {
            let _ = writeln!(x, "          <gls:translation source=\"{src}\">{}</gls:translation>", text(tr));
        }
        if let Some(d) = &t.definition {
            let _ = writeln!(x, "          <gls:definition source=\"{src}\">{}</gls:definition>", text(d));
        }
        x.push_str("        </gls:glossEntry>\n");
    }
    x.push_str("      </gls:glossary>\n");
}

fn original_data(x: &mut String, indent: &str, data: &[(String, String)]) {
    if data.is_empty() {
        return;
    }
    let _ = writeln!(x, "{indent}<originalData>");
    for (id, native) in data {
        let _ = writeln!(x, "{indent}  <data id=\"{id}\">{}</data>", text(native));
    }
    let _ = writeln!(x, "{indent}</originalData>");
}

/// XLIFF 2 inline markup for `c` and the native data it refers to
/// (`(data id, native text)`). Data ids start with `prefix` (so a source and
/// its target can share one `originalData`); code ids do not, so codes of a
/// source and its target correspond: `b` + the TMX `i` for paired codes,
/// `p` + the TMX `x` (else the position) for the others.
pub fn content(c: &Content, prefix: &str) -> (String, Vec<(String, String)>) {
    let mut out = String::new();
    let mut data = Vec::new();
    write_items(&c.items, prefix, &mut out, &mut data);
    (out, data)
}

fn write_items(items: &[Inline], prefix: &str, out: &mut String, data: &mut Vec<(String, String)>) {
    for it in items {
        match it {
            Inline::Text(t) => out.push_str(&text(t)),
            Inline::Code(c) => write_code(c, prefix, out, data),
        }
    }
}

fn write_code(c: &InlineCode, prefix: &str, out: &mut String, data: &mut Vec<(String, String)>) {
    let n = data.len() + 1;
    if c.kind == CodeKind::Hi {
        data.push((format!("{prefix}d{n}"), String::new()));
        let _ = write!(out, "<pc id=\"h{n}\">");
        write_items(&c.content, prefix, out, data);
        out.push_str("</pc>");
        return;
    }
    let native = native_text(&c.content);
    let d = format!("{prefix}d{n}");
    let pair = c.attr("i").map(attr).unwrap_or_else(|| n.to_string());
    match c.kind {
        CodeKind::Bpt => {
            let _ = write!(out, "<sc id=\"b{pair}\" dataRef=\"{d}\"/>");
        }
        CodeKind::Ept => {
            let _ = write!(out, "<ec startRef=\"b{pair}\" dataRef=\"{d}\"/>");
        }
        _ => {
            let x = c.attr("x").map(attr).unwrap_or_else(|| n.to_string());
            let _ = write!(out, "<ph id=\"p{x}\" dataRef=\"{d}\"/>");
        }
    }
    data.push((d, native));
}

fn native_text(items: &[Inline]) -> String {
    let mut s = String::new();
    for it in items {
        match it {
            Inline::Text(t) => s.push_str(t),
            Inline::Code(c) => s.push_str(&native_text(&c.content)),
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::super::Unit;
    use super::*;
    use crate::xliff::Candidate;

    #[test]
    fn fuzzy_fill_is_initial_and_candidate_is_an_mtc_match() {
        let (source, target) = (Content::from_text("Hola, mundo."), Content::from_text("Hello, world."));
        let m = Candidate {
            score: 87,
            exact: false,
            source_lang: "es",
            source: &source,
            target_lang: "en",
            target: &target,
            stored_target: &target,
            origin: None,
        };
        let units = vec![Unit {
            id: "2".into(),
            source: Content::from_text("Hola, mundo!"),
            line: 1,
            column: 1,
            fill: Some(m),
            candidates: vec![m],
            segments: 1,
            range: None,
            terms: vec![super::super::Gloss {
                term: "mundo".into(),
                origin: "g.tbx".into(),
                translations: vec!["world".into()],
                definition: None,
                note: String::new(),
            }],
        }];
        let x = write_xliff21(&[Doc {
            original: "r.es.txt",
            from: "es",
            to: "en",
            units,
            skeleton: None,
            copy_source: false,
        }]);
        assert!(x.contains("<mtc:match ref=\"#s2\" matchQuality=\"87\" similarity=\"87\" origin=\"memoria\" type=\"tm\">\n          <source>Hola, mundo.</source>\n          <target>Hello, world.</target>"), "{x}");
        assert!(x.contains("</mtc:matches>\n      <gls:glossary>\n        <gls:glossEntry>\n          <gls:term source=\"g.tbx\">mundo</gls:term>\n          <gls:translation source=\"g.tbx\">world</gls:translation>\n        </gls:glossEntry>\n      </gls:glossary>\n      <notes>"), "{x}");
        assert!(x.contains("<segment id=\"s2\" state=\"initial\" subState=\"memoria:fuzzy\">\n        <source>Hola, mundo!</source>\n        <target>Hello, world.</target>"), "{x}");
    }

    #[test]
    fn codes_refer_to_original_data() {
        let code = |kind, native: &str| {
            Inline::Code(InlineCode {
                kind,
                attrs: vec![("i".into(), "1".into())],
                content: vec![Inline::Text(native.into())],
            })
        };
        let c =
            Content { items: vec![code(CodeKind::Bpt, "<b>"), Inline::Text("OK".into()), code(CodeKind::Ept, "</b>")] };
        let (xml, data) = content(&c, "t");
        assert_eq!(xml, "<sc id=\"b1\" dataRef=\"td1\"/>OK<ec startRef=\"b1\" dataRef=\"td2\"/>");
        assert_eq!(data, [("td1".to_string(), "<b>".to_string()), ("td2".to_string(), "</b>".to_string())]);
    }
}
