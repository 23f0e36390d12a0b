//! Unit tests of the Word filter: reading, run merging, writing back.

use super::super::rewrite::balanced;
use super::layout::span_name;
use super::parse::rpr_key;
use super::write::with_lang;
use super::*;
use memoria_core::content::{Content, Inline};
use std::io::Read;
use std::io::Write;

fn docx(body: &str) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let o = zip::write::SimpleFileOptions::default();
    w.start_file("[Content_Types].xml", o).unwrap();
    w.write_all(b"<Types/>").unwrap();
    w.start_file("word/document.xml", o).unwrap();
    let xml = format!(
        r#"<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}</w:body></w:document>"#
    );
    w.write_all(xml.as_bytes()).unwrap();
    w.finish().unwrap().into_inner()
}

fn document_xml(bytes: &[u8]) -> String {
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut s = String::new();
    z.by_name("word/document.xml").unwrap().read_to_string(&mut s).unwrap();
    s
}

const PARA: &str = concat!(
    r#"<w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:bookmarkStart w:id="1" w:name="x"/>"#,
    r#"<w:r w:rsidR="01"><w:t xml:space="preserve">Lea el </w:t></w:r>"#,
    r#"<w:r><w:rPr><w:b/></w:rPr><w:t>anun</w:t></w:r><w:r><w:rPr><w:b/><w:lang w:val="es"/></w:rPr><w:t>cio</w:t></w:r>"#,
    r#"<w:del w:id="2"><w:r><w:delText>borrado</w:delText></w:r></w:del><w:ins w:id="3"><w:r><w:t xml:space="preserve"> de </w:t></w:r></w:ins>"#,
    r#"<w:hyperlink r:id="rId5"><w:r><w:t>Debian</w:t></w:r></w:hyperlink>"#,
    r#"<w:r><w:rPr><w:vanish/></w:rPr><w:t>oculto</w:t></w:r>"#,
    r#"<w:r><w:footnoteReference w:id="1"/></w:r><w:r><w:t>.</w:t></w:r><w:bookmarkEnd w:id="1"/></w:p>"#
);

#[test]
fn a_paragraph_reads_as_text_with_formatting_links_and_references_as_codes() {
    let doc = DocxFilter::default().extract(&docx(PARA)).unwrap();
    assert_eq!(doc.text, "Lea el anuncio de Debian.\n\n");
    let c = doc.content(0..doc.text.len() - 2);
    let shape: Vec<String> = c
        .items
        .iter()
        .map(|i| match i {
            Inline::Text(t) => t.clone(),
            Inline::Code(c) => {
                format!("[{} {}]", c.kind.element(), Content { items: c.content.clone() }.plain_text())
            }
        })
        .collect();
    assert_eq!(
        shape,
        [
            "Lea el ",
            "[bpt <w:r><w:rPr><w:b/></w:rPr>]",
            "anuncio",
            "[ept </w:r>]",
            " de ",
            "[bpt <w:hyperlink r:id=\"rId5\">]",
            "Debian",
            "[ept </w:hyperlink>]",
            "[ph <w:r><w:rPr><w:vanish/></w:rPr><w:t>oculto</w:t></w:r>]",
            "[ph <w:footnoteReference w:id=\"1\"/>]",
            "."
        ]
    );
    let types: Vec<&str> = c
        .items
        .iter()
        .filter_map(|i| match i {
            Inline::Code(c) => c.attr("type"),
            _ => None,
        })
        .collect();
    assert_eq!(types, ["bold", "link", "x-vanish", "x-footnoteReference"]);
    assert_eq!(span_name(r#"w:u[w:val=single]"#), "u");
    assert_eq!(span_name(r#"w:b[]w:i[]"#), "run");
}

#[test]
fn merge_writes_runs_in_the_targets_order_and_keeps_the_rest() {
    let bytes = docx(PARA);
    let doc = DocxFilter::default().extract(&bytes).unwrap();
    let end = doc.text.len() - 2;
    let src = doc.content(0..end);
    let code = |k: usize| src.items.iter().filter(|i| matches!(i, Inline::Code(_))).nth(k).unwrap().clone();
    // "Read the Debian announcement." — the link before the bold span.
    let target = Content {
        items: vec![
            Inline::Text("Read the ".into()),
            code(2),
            Inline::Text("Debian".into()),
            code(3),
            Inline::Text(" ".into()),
            code(0),
            Inline::Text("announcement & co".into()),
            code(1),
            code(4),
            code(5),
            Inline::Text(".".into()),
        ],
    };
    let out = DocxFilter::default().merge(&doc, &[Fill { range: 0..end, target }]).unwrap();
    let xml = document_xml(&out);
    let p = &xml[xml.find("<w:p>").unwrap()..xml.find("</w:body>").unwrap()];
    assert_eq!(
        p,
        concat!(
            r#"<w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:bookmarkStart w:id="1" w:name="x"/>"#,
            r#"<w:r><w:t xml:space="preserve">Read the </w:t></w:r>"#,
            r#"<w:hyperlink r:id="rId5"><w:r><w:t xml:space="preserve">Debian</w:t></w:r></w:hyperlink>"#,
            r#"<w:r><w:t xml:space="preserve"> </w:t></w:r>"#,
            r#"<w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">announcement &amp; co</w:t></w:r>"#,
            r#"<w:r><w:rPr><w:vanish/></w:rPr><w:t>oculto</w:t></w:r>"#,
            r#"<w:r><w:footnoteReference w:id="1"/></w:r>"#,
            r#"<w:r><w:t xml:space="preserve">.</w:t></w:r><w:bookmarkEnd w:id="1"/></w:p>"#
        )
    );
    // An unfilled document is the package as it was, entry for entry.
    let same = DocxFilter::default().merge(&doc, &[]).unwrap();
    assert_eq!(document_xml(&same), document_xml(&bytes));
}

#[test]
fn a_rewrite_that_would_break_the_xml_is_not_made() {
    assert!(balanced("<w:r><w:t>a</w:t></w:r><w:bookmarkEnd/>"));
    assert!(!balanced("<w:hyperlink><w:r><w:t>a</w:t></w:r>"));
    assert!(!balanced("<w:r></w:r></w:hyperlink>"));
    // A field begun inside a link and separated outside it.
    let body = concat!(
        r#"<w:p><w:hyperlink r:id="1"><w:r><w:t xml:space="preserve">Ver </w:t></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r>"#,
        r#"<w:r><w:instrText>PAGE</w:instrText></w:r></w:hyperlink><w:r><w:fldChar w:fldCharType="separate"/></w:r>"#,
        r#"<w:r><w:t>3</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>"#
    );
    let bytes = docx(body);
    let doc = DocxFilter::default().extract(&bytes).unwrap();
    assert_eq!(doc.text, "Ver 3\n\n");
    let fill = Fill { range: 0..5, target: doc.content(0..5) };
    let out = DocxFilter::default().merge(&doc, &[fill]).unwrap();
    assert_eq!(document_xml(&out), document_xml(&bytes));
}

#[test]
fn filled_runs_take_the_target_language() {
    assert_eq!(with_lang("", "en"), r#"<w:rPr><w:lang w:val="en"/></w:rPr>"#);
    assert_eq!(with_lang("<w:rPr/>", "en"), r#"<w:rPr><w:lang w:val="en"/></w:rPr>"#);
    assert_eq!(
        with_lang(r#"<w:rPr><w:b/><w:lang w:val="es-ES" w:eastAsia="ja-JP"/></w:rPr>"#, "en-GB"),
        r#"<w:rPr><w:b/><w:lang w:val="en-GB" w:eastAsia="ja-JP"/></w:rPr>"#
    );
    assert_eq!(
        with_lang(r#"<w:rPr><w:b/><w:rPrChange w:id="1"><w:rPr/></w:rPrChange></w:rPr>"#, "en"),
        r#"<w:rPr><w:b/><w:lang w:val="en"/><w:rPrChange w:id="1"><w:rPr/></w:rPrChange></w:rPr>"#
    );
    let doc = DocxFilter::default().extract(&docx(PARA)).unwrap();
    let out = merge_to_language(&doc, &[Fill { range: 0..6, target: Content::from_text("Read") }], "en").unwrap();
    let xml = document_xml(&out);
    assert!(xml.contains(r#"<w:r><w:rPr><w:lang w:val="en"/></w:rPr><w:t xml:space="preserve">Read</w:t></w:r><w:r><w:t xml:space="preserve"> </w:t></w:r>"#), "{xml}");
}

#[test]
fn rpr_key_ignores_revision_ids_language_and_proofing() {
    let a = rpr_key(r#"<w:rPr><w:b/><w:lang w:val="es-ES"/><w:noProof/></w:rPr>"#);
    let b = rpr_key(r#"<w:rPr><w:b w:rsidR="00AB"/></w:rPr>"#);
    assert_eq!(a, b);
    assert_eq!(a.0, "w:b[]");
    assert_ne!(rpr_key("<w:rPr><w:i/></w:rPr>").0, a.0);
    assert!(rpr_key("<w:rPr><w:vanish/></w:rPr>").1);
    let changed = r#"<w:rPr><w:b/><w:rPrChange w:id="3" w:author="x"><w:rPr><w:i/></w:rPr></w:rPrChange></w:rPr>"#;
    assert_eq!(rpr_key(changed).0, "w:b[]");
    assert_eq!(rpr_key(r#"<w:rPr><w:ins w:id="4" w:author="x"/><w:b/></w:rPr>"#).0, "w:b[]");
    assert!(!rpr_key(r#"<w:rPr><w:vanish w:val="0"/></w:rPr>"#).1);
}
