//! Word and OpenDocument releases of our own making, from a release's
//! paragraphs, as an editor's word processor leaves them: every paragraph
//! cut into runs mid-word that differ only by revision ids, language and
//! proofing marks; the first paragraph a heading; a word in bold here and
//! there; the first "Debian" of a paragraph a hyperlink; a tracked
//! insertion and a tracked deletion; the last two paragraphs in a table;
//! a footnote on the second paragraph. Read with every change accepted, a
//! release holds the paragraphs' text and, after them, the footnote's.
//!
//! Shared by the tests (`tests/common`), `crates/formats/examples/make_release.rs`
//! (the main job and the DOCX benchmark) through `#[path]`.
#![allow(dead_code)]

use std::io::Write;

/// A footnote's text in the releases made here.
pub const FOOTNOTE: &str = "Esta nota al pie forma parte del comunicado.";

fn esc(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

/// `s` cut in three at character boundaries (a third and two thirds in).
fn thirds(s: &str) -> [String; 3] {
    let c: Vec<char> = s.chars().collect();
    let (a, b) = (c.len() / 3, 2 * c.len() / 3);
    [c[..a].iter().collect(), c[a..b].iter().collect(), c[b..].iter().collect()]
}

/// `s` with its first "Debian" (if any) split out: before, the word, after.
fn link_split(s: &str) -> Option<(&str, &str, &str)> {
    let at = s.find("Debian")?;
    Some((&s[..at], &s[at..at + 6], &s[at + 6..]))
}

fn zip(entries: &[(&str, &[u8], bool)]) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, data, stored) in entries {
        let method = if *stored { zip::CompressionMethod::Stored } else { zip::CompressionMethod::Deflated };
        w.start_file(*name, zip::write::SimpleFileOptions::default().compression_method(method)).unwrap();
        w.write_all(data).unwrap();
    }
    w.finish().unwrap().into_inner()
}

/// The runs of a Word paragraph's text: split in three runs (rsid,
/// language, proofing mark), `bold` making its first word bold.
fn word_runs(text: &str, bold: bool) -> String {
    let mut out = String::new();
    let mut text = text;
    if bold {
        if let Some(sp) = text.find(' ') {
            out.push_str(&format!(
                r#"<w:r w:rsidRPr="00D4"><w:rPr><w:b/><w:lang w:val="es-ES"/></w:rPr><w:t>{}</w:t></w:r>"#,
                esc(&text[..sp])
            ));
            text = &text[sp..];
        }
    }
    let [a, b, c] = thirds(text);
    out.push_str(&format!(
        r#"<w:r w:rsidR="00B2"><w:rPr><w:lang w:val="es-ES"/></w:rPr><w:t xml:space="preserve">{}</w:t></w:r><w:proofErr w:type="spellStart"/><w:r w:rsidRPr="00C3"><w:t xml:space="preserve">{}</w:t></w:r><w:proofErr w:type="spellEnd"/><w:r><w:rPr><w:noProof/></w:rPr><w:lastRenderedPageBreak/><w:t xml:space="preserve">{}</w:t></w:r>"#,
        esc(&a),
        esc(&b),
        esc(&c)
    ));
    out
}

/// A Word paragraph (`k`: its number) with its features.
fn word_paragraph(k: usize, text: &str, last_two: bool) -> String {
    let style = if k == 0 { r#"<w:pPr><w:pStyle w:val="Heading1"/></w:pPr>"# } else { "" };
    let mut body = String::new();
    match link_split(text) {
        Some((before, word, after)) if k % 3 == 1 => {
            body.push_str(&word_runs(before, false));
            body.push_str(&format!(
                r#"<w:hyperlink r:id="rIdLink" w:history="1"><w:r><w:rPr><w:rStyle w:val="Hyperlink"/></w:rPr><w:t>{word}</w:t></w:r></w:hyperlink>"#
            ));
            body.push_str(&word_runs(after, false));
        }
        _ if k % 5 == 2 && text.len() > 20 => {
            // A tracked insertion of the paragraph's end and a tracked deletion before it.
            let cut = text.char_indices().nth(text.chars().count() / 2).map_or(0, |c| c.0);
            body.push_str(&word_runs(&text[..cut], false));
            body.push_str(r#"<w:del w:id="90" w:author="Prensa" w:date="2016-02-01T10:00:00Z"><w:r><w:delText xml:space="preserve">texto retirado </w:delText></w:r></w:del>"#);
            body.push_str(&format!(
                r#"<w:ins w:id="91" w:author="Prensa" w:date="2016-02-01T10:00:00Z">{}</w:ins>"#,
                word_runs(&text[cut..], false)
            ));
        }
        _ => body.push_str(&word_runs(text, k % 4 == 3)),
    }
    if k == 1 {
        body.push_str(
            r#"<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteReference w:id="1"/></w:r>"#,
        );
    }
    let p = format!(r#"<w:p w:rsidR="00A1">{style}{body}</w:p>"#);
    if last_two {
        format!("<w:tc><w:tcPr><w:tcW w:w=\"4500\" w:type=\"dxa\"/></w:tcPr>{p}</w:tc>")
    } else {
        p
    }
}

/// A Word release (`.docx`) of `paras` (one paragraph each, in order).
pub fn docx(paras: &[&str]) -> Vec<u8> {
    let n = paras.len();
    let mut body = String::new();
    for (k, p) in paras.iter().enumerate() {
        let in_table = n >= 4 && k >= n - 2;
        if in_table && k == n - 2 {
            body.push_str(r#"<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/></w:tblPr><w:tblGrid><w:gridCol w:w="4500"/><w:gridCol w:w="4500"/></w:tblGrid><w:tr>"#);
        }
        body.push_str(&word_paragraph(k, p, in_table));
        if in_table && k == n - 1 {
            body.push_str("</w:tr></w:tbl><w:p/>");
        }
    }
    let ns = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships""#;
    let document = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document {ns}><w:body>{body}<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1417" w:right="1701" w:bottom="1417" w:left="1701" w:header="708" w:footer="708" w:gutter="0"/></w:sectPr></w:body></w:document>"#
    );
    let footnotes = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:footnotes {ns}><w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote><w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote><w:footnote w:id="1"><w:p><w:pPr><w:pStyle w:val="FootnoteText"/></w:pPr><w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> {}</w:t></w:r></w:p></w:footnote></w:footnotes>"#,
        esc(FOOTNOTE)
    );
    let styles = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles {ns}><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Liberation Serif" w:hAnsi="Liberation Serif"/><w:sz w:val="24"/><w:lang w:val="es-ES" w:eastAsia="zh-CN" w:bidi="hi-IN"/></w:rPr></w:rPrDefault></w:docDefaults><w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style><w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:rPr><w:b/><w:sz w:val="36"/></w:rPr></w:style><w:style w:type="character" w:styleId="Hyperlink"><w:name w:val="Hyperlink"/><w:rPr><w:color w:val="000080"/><w:u w:val="single"/></w:rPr></w:style><w:style w:type="paragraph" w:styleId="FootnoteText"><w:name w:val="footnote text"/><w:basedOn w:val="Normal"/><w:rPr><w:sz w:val="20"/></w:rPr></w:style><w:style w:type="character" w:styleId="FootnoteReference"><w:name w:val="footnote reference"/><w:rPr><w:vertAlign w:val="superscript"/></w:rPr></w:style></w:styles>"#
    );
    let types = br#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/><Override PartName="/word/footnotes.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/></Types>"#;
    let rels = br#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#;
    let doc_rels = br#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rIdStyles" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rIdNotes" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes" Target="footnotes.xml"/><Relationship Id="rIdLink" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="https://www.debian.org/" TargetMode="External"/></Relationships>"#;
    zip(&[
        ("[Content_Types].xml", types, false),
        ("_rels/.rels", rels, false),
        ("word/_rels/document.xml.rels", doc_rels, false),
        ("word/document.xml", document.as_bytes(), false),
        ("word/styles.xml", styles.as_bytes(), false),
        ("word/footnotes.xml", footnotes.as_bytes(), false),
    ])
}

/// The spans of an ODT paragraph's text: three spans of automatic styles
/// that differ only by revision id and language (T1, T2, T3), `bold`
/// making its first word bold (T4).
fn odt_spans(text: &str, bold: bool) -> String {
    let mut out = String::new();
    let mut text = text;
    if bold {
        if let Some(sp) = text.find(' ') {
            out.push_str(&format!(r#"<text:span text:style-name="T4">{}</text:span>"#, esc(&text[..sp])));
            text = &text[sp..];
        }
    }
    let [a, b, c] = thirds(text);
    let sp = |s: &str| esc(s).replace("  ", " <text:s/>");
    out.push_str(&format!(
        r#"<text:span text:style-name="T1">{}</text:span><text:span text:style-name="T2">{}</text:span><text:span text:style-name="T3">{}</text:span>"#,
        sp(&a),
        sp(&b),
        sp(&c)
    ));
    out
}

/// An OpenDocument text release (`.odt`) of `paras`, with the same features as [`docx`].
pub fn odt(paras: &[&str]) -> Vec<u8> {
    let n = paras.len();
    let mut body = String::new();
    let mut changes = String::new();
    for (k, p) in paras.iter().enumerate() {
        let in_table = n >= 4 && k >= n - 2;
        if in_table && k == n - 2 {
            body.push_str(r#"<table:table table:name="Contacto"><table:table-column table:number-columns-repeated="2"/><table:table-row>"#);
        }
        let (open, close) = if k == 0 {
            (r#"<text:h text:style-name="Heading_20_1" text:outline-level="1">"#, "</text:h>")
        } else {
            (r#"<text:p text:style-name="Standard">"#, "</text:p>")
        };
        let mut inner = String::new();
        match link_split(p) {
            Some((before, word, after)) if k % 3 == 1 => {
                inner.push_str(&odt_spans(before, false));
                inner.push_str(&format!(
                    r#"<text:a xlink:type="simple" xlink:href="https://www.debian.org/">{word}</text:a>"#
                ));
                inner.push_str(&odt_spans(after, false));
            }
            _ if k % 5 == 2 && p.len() > 20 => {
                let cut = p.char_indices().nth(p.chars().count() / 2).map_or(0, |c| c.0);
                let id = format!("ct{k}");
                inner.push_str(&odt_spans(&p[..cut], false));
                inner.push_str(&format!(
                    r#"<text:change text:change-id="{id}d"/><text:change-start text:change-id="{id}i"/>"#
                ));
                inner.push_str(&odt_spans(&p[cut..], false));
                inner.push_str(&format!(r#"<text:change-end text:change-id="{id}i"/>"#));
                changes.push_str(&format!(
                    r#"<text:changed-region xml:id="{id}d" text:id="{id}d"><text:deletion><office:change-info><dc:creator>Prensa</dc:creator><dc:date>2016-02-01T10:00:00</dc:date></office:change-info><text:p>texto retirado </text:p></text:deletion></text:changed-region><text:changed-region xml:id="{id}i" text:id="{id}i"><text:insertion><office:change-info><dc:creator>Prensa</dc:creator><dc:date>2016-02-01T10:00:00</dc:date></office:change-info></text:insertion></text:changed-region>"#
                ));
            }
            _ => inner.push_str(&odt_spans(p, k % 4 == 3)),
        }
        if k == 1 {
            inner.push_str(&format!(
                r#"<text:note text:id="ftn1" text:note-class="footnote"><text:note-citation>1</text:note-citation><text:note-body><text:p text:style-name="Footnote">{}</text:p></text:note-body></text:note>"#,
                esc(FOOTNOTE)
            ));
        }
        let para = format!("{open}{inner}{close}");
        if in_table {
            body.push_str(&format!(r#"<table:table-cell office:value-type="string">{para}</table:table-cell>"#));
        } else {
            body.push_str(&para);
        }
        if in_table && k == n - 1 {
            body.push_str("</table:table-row></table:table>");
        }
    }
    let tracked = if changes.is_empty() {
        String::new()
    } else {
        format!("<text:tracked-changes>{changes}</text:tracked-changes>")
    };
    let ns = r#"xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" xmlns:xlink="http://www.w3.org/1999/xlink" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:officeooo="http://openoffice.org/2009/office""#;
    let content = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<office:document-content {ns} office:version="1.2"><office:automatic-styles><style:style style:name="T1" style:family="text"><style:text-properties officeooo:rsid="0011aa"/></style:style><style:style style:name="T2" style:family="text"><style:text-properties fo:language="es" fo:country="ES" officeooo:rsid="0022bb"/></style:style><style:style style:name="T3" style:family="text"><style:text-properties officeooo:rsid="0033cc"/></style:style><style:style style:name="T4" style:family="text"><style:text-properties fo:font-weight="bold" officeooo:rsid="0044dd"/></style:style></office:automatic-styles><office:body><office:text>{tracked}{body}</office:text></office:body></office:document-content>"#
    );
    let styles = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<office:document-styles {ns} office:version="1.2"><office:styles><style:default-style style:family="paragraph"><style:text-properties fo:language="es" fo:country="ES"/></style:default-style><style:style style:name="Standard" style:family="paragraph" style:class="text"/><style:style style:name="Heading_20_1" style:display-name="Heading 1" style:family="paragraph"><style:text-properties fo:font-size="130%" fo:font-weight="bold"/></style:style><style:style style:name="Footnote" style:family="paragraph"><style:text-properties fo:font-size="10pt"/></style:style></office:styles></office:document-styles>"#
    );
    let manifest = br#"<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry manifest:full-path="/" manifest:version="1.2" manifest:media-type="application/vnd.oasis.opendocument.text"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/><manifest:file-entry manifest:full-path="styles.xml" manifest:media-type="text/xml"/></manifest:manifest>"#;
    zip(&[
        ("mimetype", b"application/vnd.oasis.opendocument.text", true),
        ("content.xml", content.as_bytes(), false),
        ("styles.xml", styles.as_bytes(), false),
        ("META-INF/manifest.xml", manifest, false),
    ])
}

/// The paragraphs of a plain-text release: its non-blank lines, trimmed.
pub fn paragraphs(text: &str) -> Vec<&str> {
    text.lines().map(str::trim).filter(|l| !l.is_empty()).collect()
}

/// The plain-text version of a release made by [`docx`] or [`odt`]: its
/// paragraphs and the footnote's text where the format reads it (Word: its
/// notes part after the body; ODT: the note's body after the paragraph
/// citing it), separated by blank lines.
pub fn plain(paras: &[&str], odt: bool) -> String {
    let mut v: Vec<&str> = paras.to_vec();
    v.insert(if odt { 2.min(v.len()) } else { v.len() }, FOOTNOTE);
    v.join("\n\n") + "\n"
}
