//! OpenDocument and Word releases: the corpus's ODT files extracted and
//! merged back, held-out releases of our own making segmented and
//! pretranslated like their plain text, places in `segment` and `check`,
//! comments, the target language written, and wrong or hostile inputs.

mod common;

use common::make_release::{self, paragraphs, plain};
use common::{corpus, stderr, stdout, Scratch};
use memoria_formats::filter::{Document, DocxFilter, Fill, Filter, OdtFilter};
use std::io::{Cursor, Read, Write};

fn odt_files() -> Vec<std::path::PathBuf> {
    let mut v: Vec<_> = std::fs::read_dir(corpus("docx"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "odt"))
        .collect();
    v.sort();
    v
}

fn paragraph_ranges(doc: &Document) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut at = 0;
    for p in doc.text.split("\n\n") {
        if !p.is_empty() {
            out.push(at..at + p.len());
        }
        at += p.len() + 2;
    }
    out
}

/// Each entry's name, compressed bytes, CRC and compression method.
fn entries(bytes: &[u8]) -> Vec<(String, Vec<u8>, u32, String)> {
    let mut z = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    (0..z.len())
        .map(|i| {
            let mut f = z.by_index_raw(i).unwrap();
            let mut raw = Vec::new();
            f.read_to_end(&mut raw).unwrap();
            (f.name().to_string(), raw, f.crc32(), format!("{:?}", f.compression()))
        })
        .collect()
}

fn part(bytes: &[u8], name: &str) -> String {
    let mut s = String::new();
    zip::ZipArchive::new(Cursor::new(bytes)).unwrap().by_name(name).unwrap().read_to_string(&mut s).unwrap();
    s
}

#[test]
fn corpus_odt_round_trips_with_targets_equal_to_sources() {
    let files = odt_files();
    assert_eq!(files.len(), 3, "{files:?}");
    for path in files {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let bytes = std::fs::read(&path).unwrap();
        let doc = OdtFilter::default().extract(&bytes).unwrap_or_else(|e| panic!("{name}: {e}"));
        let fills: Vec<Fill> =
            paragraph_ranges(&doc).into_iter().map(|r| Fill { range: r.clone(), target: doc.content(r) }).collect();
        assert!(fills.len() >= 4, "{name}: {}", fills.len());
        let out = OdtFilter::default().merge(&doc, &fills).unwrap_or_else(|e| panic!("{name}: {e}"));
        let again = OdtFilter::default().extract(&out).unwrap_or_else(|e| panic!("{name} merged: {e}"));
        assert_eq!(again.text, doc.text, "{name}: text after merge");
        let codes =
            |d: &Document| d.source_map().unwrap().codes.iter().map(|c| (c.at, c.role, c.name)).collect::<Vec<_>>();
        assert_eq!(codes(&again), codes(&doc), "{name}: codes");
        let (a, b) = (entries(&bytes), entries(&out));
        assert_eq!(a.iter().map(|e| &e.0).collect::<Vec<_>>(), b.iter().map(|e| &e.0).collect::<Vec<_>>(), "{name}");
        for (x, y) in a.iter().zip(&b) {
            if x.0 != "content.xml" && x.0 != "styles.xml" {
                assert_eq!(x, y, "{name}: {} changed", x.0);
            }
        }
    }
}

#[test]
fn odt_spans_of_one_look_are_one_and_notes_frames_fields_are_codes() {
    let bytes = std::fs::read(corpus("docx/okapi_TestDocument01.odt")).unwrap();
    let doc = OdtFilter::default().extract(&bytes).unwrap();
    let paras: Vec<&str> = doc.text.split("\n\n").collect();
    assert_eq!(paras[0], "Heading 1");
    assert!(paras.contains(&"Paragraph with bold, italics, and both."), "{paras:?}");
    assert!(paras.contains(&"Spaces: [   ]=3, []=3tabs,Line after."), "{paras:?}");
    assert!(paras.contains(&"Text of the header") && paras.contains(&"Text of the footer"), "{paras:?}");
    // The footnote's body follows the paragraph citing it.
    let at = paras.iter().position(|p| p.starts_with("Paragraph with footnote here")).unwrap();
    assert_eq!(paras[at + 1], "Text of the automatic footnote.");
    let r = doc.text.find("Paragraph with bold").unwrap();
    let c = doc.content(r..r + "Paragraph with bold, italics, and both.".len());
    let types: Vec<&str> = c
        .items
        .iter()
        .filter_map(|i| match i {
            memoria_core::content::Inline::Code(c) => c.attr("type"),
            _ => None,
        })
        .collect();
    // T1 (bold) "bold", T2 italic, T1 "and " then T3 (bold italic): four spans.
    assert_eq!(types, ["bold", "italic", "bold", "x-run"]);
    // Comments are left out and said so; with them, their text is read.
    let info = doc.package_info().unwrap();
    assert_eq!(
        info.notices,
        ["its 3 comments (office:annotation) are not extracted; give --comments to translate them"]
    );
    let with = OdtFilter { comments: true }.extract(&bytes).unwrap();
    assert!(with.text.contains("Text of the note on the range."), "{}", with.text);
    assert!(!doc.text.contains("Text of the note on the range."));
}

#[test]
fn odt_tracked_changes_read_accepted_and_said() {
    let bytes = std::fs::read(corpus("docx/okapi_TestDocument04.odt")).unwrap();
    let doc = OdtFilter::default().extract(&bytes).unwrap();
    assert!(doc.text.contains("Text with revisions: inserted."), "{}", doc.text);
    assert!(!doc.text.contains("delete"), "{}", doc.text);
    assert_eq!(
        doc.package_info().unwrap().notices[0],
        "5 tracked changes (4 insertions, 1 deletions, 0 format changes) read as accepted: inserted text is \
         extracted, deleted text is not"
    );
}

fn release_text() -> String {
    std::fs::read_to_string(common::sample("new/debian-2016-squeeze-lts-eol.es.txt")).unwrap()
}

fn segments(s: &Scratch, p: &std::path::Path) -> Vec<String> {
    let o = s.run(&["segment", p.to_str().unwrap(), "--lang", "es"]);
    assert!(o.status.success(), "{}", stderr(&o));
    stdout(&o).lines().map(str::to_string).collect()
}

/// Held-out releases (three earlier releases and the new one, none used
/// to build these features) made as Word and OpenDocument files.
fn held_out() -> Vec<(String, String)> {
    let mut v = vec![("new".to_string(), release_text())];
    for e in std::fs::read_dir(common::sample("releases")).unwrap() {
        let p = e.unwrap().path();
        if p.to_string_lossy().ends_with(".es.txt") {
            v.push((p.file_name().unwrap().to_string_lossy().into_owned(), std::fs::read_to_string(&p).unwrap()));
        }
    }
    v.sort();
    v
}

#[test]
fn held_out_word_and_odt_releases_segment_like_their_plain_text() {
    let s = Scratch::new();
    for (name, text) in held_out() {
        let paras = paragraphs(&text);
        for (ext, bytes) in [("docx", make_release::docx(&paras)), ("odt", make_release::odt(&paras))] {
            let doc = s.path(&format!("r.es.{ext}"));
            std::fs::write(&doc, &bytes).unwrap();
            let txt = s.path("r.es.txt");
            std::fs::write(&txt, plain(&paras, ext == "odt")).unwrap();
            let (a, b) = (segments(&s, &doc), segments(&s, &txt));
            assert!(b.len() > paras.len(), "{name}: {b:?}");
            assert_eq!(a, b, "{name}.{ext}: segments differ from the plain text's");
        }
    }
}

/// The units of `pretranslate --format json`: (source, fill, score).
fn units(s: &Scratch, p: &std::path::Path) -> Vec<(String, String, String)> {
    let o = s.run(&["pretranslate", p.to_str().unwrap(), "--from", "es", "--to", "en", "--format", "json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    v["files"][0]["units"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| {
            let plain = |x: &serde_json::Value| x.as_str().map(str::to_string).unwrap_or_else(|| x.to_string());
            (plain(&u["source"]), plain(&u["target"]), u["score"].to_string())
        })
        .collect()
}

#[test]
fn held_out_word_and_odt_releases_pretranslate_like_their_plain_text() {
    let s = common::all_releases();
    let text = release_text();
    let paras = paragraphs(&text);
    for ext in ["docx", "odt"] {
        let bytes = if ext == "docx" { make_release::docx(&paras) } else { make_release::odt(&paras) };
        let doc = s.path(&format!("squeeze.es.{ext}"));
        std::fs::write(&doc, &bytes).unwrap();
        let txt = s.path("squeeze.es.txt");
        std::fs::write(&txt, plain(&paras, ext == "odt")).unwrap();
        let (a, b) = (units(&s, &doc), units(&s, &txt));
        let filled = b.iter().filter(|u| u.1 != "null").count();
        assert!(filled >= 5, "{b:?}");
        let text_of = |v: &[(String, String, String)]| v.iter().map(|u| (u.0.clone(), u.2.clone())).collect::<Vec<_>>();
        assert_eq!(text_of(&a), text_of(&b), "{ext}: units and scores");
        // The translated document: English where the TM had matches.
        let out = s.path(&format!("squeeze.en.{ext}"));
        let o =
            s.run(&["pretranslate", doc.to_str().unwrap(), "--from", "es", "--to", "en", "-o", out.to_str().unwrap()]);
        assert!(o.status.success(), "{}", stderr(&o));
        assert!(stderr(&o).contains("2 tracked changes (1 insertions, 1 deletions"), "{}", stderr(&o));
        let written = std::fs::read(&out).unwrap();
        let translated = if ext == "docx" {
            DocxFilter::default().extract(&written).unwrap()
        } else {
            OdtFilter::default().extract(&written).unwrap()
        };
        assert!(
            translated.text.contains(
                "The Debian Project was founded in 1993 by Ian Murdock to be a truly free community project."
            ),
            "{ext}: {}",
            translated.text
        );
        assert!(translated.text.contains("About Debian"), "{ext}");
        assert!(translated.text.contains(make_release::FOOTNOTE), "{ext}: the footnote stays Spanish");
        // The document's language is the target's.
        if ext == "odt" {
            let styles = part(&written, "styles.xml");
            assert!(styles.contains(r#"fo:language="en" fo:country="none""#), "{styles}");
            assert_eq!(entries(&written)[0].0, "mimetype");
            assert_eq!(entries(&written)[0].3, "Stored");
        } else {
            let styles = part(&written, "word/styles.xml");
            assert!(styles.contains(r#"<w:lang w:val="en" w:eastAsia="zh-CN" w:bidi="hi-IN"/>"#), "{styles}");
        }
    }
}

#[test]
fn segment_json_and_check_findings_name_the_part_and_paragraph() {
    let s = Scratch::new();
    let text = release_text();
    let paras = paragraphs(&text).into_iter().take(4).collect::<Vec<_>>();
    let docx = s.path("r.es.docx");
    std::fs::write(&docx, make_release::docx(&paras)).unwrap();
    let o = s.run(&["segment", docx.to_str().unwrap(), "--format", "json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let lines: Vec<serde_json::Value> = stdout(&o).lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines[0]["part"], "word/document.xml");
    assert_eq!(lines[0]["part_paragraph"], 1);
    let last = lines.last().unwrap();
    assert_eq!((last["part"].as_str(), last["part_paragraph"].as_u64()), (Some("word/footnotes.xml"), Some(3)));
    let odt = s.path("r.es.odt");
    std::fs::write(&odt, make_release::odt(&paras)).unwrap();
    let o = s.run(&["check", odt.to_str().unwrap(), "--from", "es", "--to", "en"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let out = stdout(&o);
    let first = out.lines().next().unwrap();
    assert_eq!(first, format!("{} (content.xml, paragraph 1): untranslated: {}", odt.display(), paras[0]));
    assert!(out.contains("(content.xml, paragraph 3): untranslated: Esta nota al pie"), "{out}");
}

#[test]
fn comments_are_read_only_with_the_option() {
    let s = Scratch::new();
    let f = corpus("docx/okapi_Addcomments.docx");
    let o = s.run(&["segment", &f, "--lang", "en"]);
    assert_eq!(stdout(&o), "When editing, it is helpful to track changes  or add comments.\n");
    assert!(
        stderr(&o).contains("its comments (word/comments.xml) are not extracted; give --comments"),
        "{}",
        stderr(&o)
    );
    let o = s.run(&["segment", &f, "--lang", "en", "--comments"]);
    assert_eq!(stdout(&o), "When editing, it is helpful to track changes  or add comments.\nNice comment\n");
}

fn refused(s: &Scratch, name: &str, bytes: &[u8]) -> String {
    let p = s.path(name);
    std::fs::write(&p, bytes).unwrap();
    let out = s.path("out.en.docx");
    let o = s.run(&["pretranslate", p.to_str().unwrap(), "--from", "es", "--to", "en", "-o", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2), "{name}: {}", stderr(&o));
    assert!(!out.exists(), "{name}: nothing is written");
    let o = s.run(&["segment", p.to_str().unwrap(), "--lang", "es"]);
    assert_eq!(o.status.code(), Some(2), "{name}: {}", stderr(&o));
    assert!(o.stdout.is_empty());
    stderr(&o)
}

fn zip_of(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for (n, d) in entries {
        w.start_file(*n, zip::write::SimpleFileOptions::default()).unwrap();
        w.write_all(d).unwrap();
    }
    w.finish().unwrap().into_inner()
}

#[test]
fn spreadsheets_presentations_and_other_zips_say_what_they_are() {
    let s = Scratch::new();
    let xlsx = zip_of(&[("[Content_Types].xml", b"<Types/>"), ("xl/workbook.xml", b"<workbook/>")]);
    let e = refused(&s, "sheet.es.xlsx", &xlsx);
    assert!(e.contains("the file is an Excel workbook (.xlsx); memoria reads releases in plain text (UTF-8), HTML, Word (.docx, .docm, .dotx) and OpenDocument text (.odt)"), "{e}");
    let pptx = zip_of(&[("[Content_Types].xml", b"<Types/>"), ("ppt/presentation.xml", b"<p/>")]);
    assert!(refused(&s, "deck.es.pptx", &pptx).contains("the file is a PowerPoint presentation (.pptx)"));
    let ods = zip_of(&[("mimetype", b"application/vnd.oasis.opendocument.spreadsheet"), ("content.xml", b"<x/>")]);
    assert!(refused(&s, "sheet.es.ods", &ods)
        .contains("the file is an OpenDocument package of type \"application/vnd.oasis.opendocument.spreadsheet\""));
    let e = refused(&s, "r.es.docx", b"%PDF-1.4\n");
    assert!(e.contains("the file is a PDF document; memoria reads"), "{e}");
}

#[test]
fn an_odt_without_its_content_or_with_an_entity_bomb_is_refused() {
    let s = Scratch::new();
    let e = refused(&s, "r.es.odt", &zip_of(&[("mimetype", b"application/vnd.oasis.opendocument.text")]));
    assert!(
        e.contains("package part content.xml: missing; expected the content part of an OpenDocument package"),
        "{e}"
    );
    let bomb = br#"<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]><office:document-content><office:body><office:text><text:p>&b;</text:p></office:text></office:body></office:document-content>"#;
    let e = refused(
        &s,
        "b.es.odt",
        &zip_of(&[("mimetype", b"application/vnd.oasis.opendocument.text"), ("content.xml", bomb)]),
    );
    assert!(e.contains("package part content.xml: has a document type declaration; expected none"), "{e}");
    let bad = br#"<office:document-content><office:body><office:text><text:p>a</text:span></office:text>"#;
    let e = refused(
        &s,
        "c.es.odt",
        &zip_of(&[("mimetype", b"application/vnd.oasis.opendocument.text"), ("content.xml", bad)]),
    );
    assert!(e.contains("package part content.xml: line 1, column"), "{e}");
}

#[test]
fn a_zip_bomb_in_an_odt_is_refused_before_it_inflates() {
    let s = Scratch::new();
    let zeros = vec![b' '; (64 << 20) + 1];
    let bomb = zip_of(&[("mimetype", b"application/vnd.oasis.opendocument.text"), ("content.xml", &zeros)]);
    assert!(bomb.len() < 1 << 20);
    let e = refused(&s, "bomb.es.odt", &bomb);
    assert!(
        e.contains("package part content.xml: declares 67108865 bytes uncompressed, more than the limit of 64 MiB"),
        "{e}"
    );
    let e = refused(
        &s,
        "evil.es.odt",
        &zip_of(&[("mimetype", b"application/vnd.oasis.opendocument.text"), ("/etc/passwd", b"x")]),
    );
    assert!(e.contains("package part /etc/passwd: entry name is absolute or climbs out"), "{e}");
    let good = std::fs::read(corpus("docx/okapi_TestDocument04.odt")).unwrap();
    let e = refused(&s, "cut.es.odt", &good[..good.len() - 30]);
    assert!(e.contains("package part the zip directory:"), "{e}");
}

#[test]
fn paragraphs_nested_past_the_limit_are_refused_not_a_stack_overflow() {
    let s = Scratch::new();
    let depth = 100_000;
    let mut xml = String::from("<office:document-content><office:body><office:text>");
    xml.push_str(&r#"<text:p>a<draw:frame><draw:text-box>"#.repeat(depth));
    xml.push_str(&"</draw:text-box></draw:frame></text:p>".repeat(depth));
    xml.push_str("</office:text></office:body></office:document-content>");
    let odt = zip_of(&[("mimetype", b"application/vnd.oasis.opendocument.text"), ("content.xml", xml.as_bytes())]);
    let e = refused(&s, "deep.es.odt", &odt);
    assert!(
        e.contains("package part content.xml: line 1, column") && e.contains("paragraphs nested more than 32 deep"),
        "{e}"
    );
    let mut body = String::new();
    body.push_str(&r#"<w:p><w:r><w:t>a</w:t></w:r><w:r><w:drawing><w:txbxContent>"#.repeat(depth));
    body.push_str(&"</w:txbxContent></w:drawing></w:r></w:p>".repeat(depth));
    let doc = format!(
        r#"<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}</w:body></w:document>"#
    );
    let docx = zip_of(&[("[Content_Types].xml", b"<Types/>"), ("word/document.xml", doc.as_bytes())]);
    let e = refused(&s, "deep.es.docx", &docx);
    assert!(
        e.contains("package part word/document.xml: line 1, column") && e.contains("nested more than 32 deep"),
        "{e}"
    );
}
