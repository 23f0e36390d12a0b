//! Word releases: the corpus's DOCX files extracted and merged back, run
//! merging's effect on code counts, a generated Word release segmented and
//! pretranslated end to end, and hostile packages refused.

mod common;

use common::{corpus, stderr, Scratch};
use memoria_core::content::Content;
use memoria_formats::filter::{Document, DocxFilter, Fill, Filter};
use std::io::{Cursor, Read, Write};

fn docx_files() -> Vec<std::path::PathBuf> {
    let dir = std::path::PathBuf::from(corpus("docx"));
    let mut v: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "docx"))
        .collect();
    v.sort();
    v
}

/// Byte ranges of the document's paragraphs (text between `\n\n`).
fn paragraphs(doc: &Document) -> Vec<std::ops::Range<usize>> {
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

/// Each entry's name, compressed bytes and CRC.
fn entries(bytes: &[u8]) -> Vec<(String, Vec<u8>, u32)> {
    let mut z = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    (0..z.len())
        .map(|i| {
            let mut f = z.by_index_raw(i).unwrap();
            let mut raw = Vec::new();
            f.read_to_end(&mut raw).unwrap();
            (f.name().to_string(), raw, f.crc32())
        })
        .collect()
}

const TEXT_PARTS: &[&str] = &["word/document.xml", "word/footnotes.xml", "word/endnotes.xml"];

fn is_text_part(n: &str) -> bool {
    TEXT_PARTS.contains(&n) || n.starts_with("word/header") || n.starts_with("word/footer")
}

#[test]
fn corpus_docx_round_trips_with_targets_equal_to_sources() {
    let files = docx_files();
    assert!(files.len() >= 12, "{files:?}");
    for path in files {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let bytes = std::fs::read(&path).unwrap();
        let doc = DocxFilter::default().extract(&bytes).unwrap_or_else(|e| panic!("{name}: {e}"));
        let fills: Vec<Fill> =
            paragraphs(&doc).into_iter().map(|r| Fill { range: r.clone(), target: doc.content(r) }).collect();
        let out = DocxFilter::default().merge(&doc, &fills).unwrap_or_else(|e| panic!("{name}: {e}"));
        let again = DocxFilter::default().extract(&out).unwrap_or_else(|e| panic!("{name} merged: {e}"));
        assert_eq!(again.text, doc.text, "{name}: text after merge");
        let (a, b) = (entries(&bytes), entries(&out));
        assert_eq!(a.iter().map(|e| &e.0).collect::<Vec<_>>(), b.iter().map(|e| &e.0).collect::<Vec<_>>(), "{name}");
        let mut kept = 0;
        for (x, y) in a.iter().zip(&b) {
            if !is_text_part(&x.0) {
                assert_eq!((x.1 == y.1, x.2), (true, y.2), "{name}: {} changed", x.0);
                kept += 1;
            }
        }
        eprintln!("{name}: {} paragraphs, {} fills, {kept} untouched entries byte-identical", fills.len(), fills.len());
    }
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

/// A minimal valid WordprocessingML package (ECMA-376 Part 1 §11.3.10)
/// with `entries` beside the three parts it needs.
fn package(document: &str, extra: &[(&str, &[u8])]) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let o = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    let parts: [(&str, &[u8]); 3] = [
        (
            "[Content_Types].xml",
            br#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#,
        ),
        (
            "_rels/.rels",
            br#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#,
        ),
        ("word/document.xml", document.as_bytes()),
    ];
    for (name, data) in parts.iter().chain(extra) {
        w.start_file(*name, o).unwrap();
        w.write_all(data).unwrap();
    }
    w.finish().unwrap().into_inner()
}

/// A Word release of `text`'s lines, one paragraph each, every paragraph
/// cut into three runs mid-word that differ only by revision ids,
/// language and a proofing mark (as Word saves an edited file).
fn word_release(text: &str) -> Vec<u8> {
    let mut body = String::new();
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let chars: Vec<char> = line.chars().collect();
        let (a, b) = (chars.len() / 3, 2 * chars.len() / 3);
        let piece = |s: &[char]| esc(&s.iter().collect::<String>());
        body.push_str(&format!(
            r#"<w:p w:rsidR="00A1"><w:r w:rsidR="00B2"><w:rPr><w:lang w:val="es-ES"/></w:rPr><w:t xml:space="preserve">{}</w:t></w:r><w:proofErr w:type="spellStart"/><w:r w:rsidRPr="00C3"><w:t xml:space="preserve">{}</w:t></w:r><w:proofErr w:type="spellEnd"/><w:bookmarkStart w:id="0" w:name="_GoBack"/><w:bookmarkEnd w:id="0"/><w:r><w:rPr><w:noProof/></w:rPr><w:lastRenderedPageBreak/><w:t xml:space="preserve">{}</w:t></w:r></w:p>"#,
            piece(&chars[..a]),
            piece(&chars[a..b]),
            piece(&chars[b..])
        ));
    }
    package(
        &format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}<w:sectPr/></w:body></w:document>"#
        ),
        &[],
    )
}

fn new_release_text() -> String {
    std::fs::read_to_string(common::sample("new/debian-2016-squeeze-lts-eol.es.txt")).unwrap()
}

#[test]
fn split_runs_merge_into_one_run_and_sentences_match_the_plain_text() {
    let text = new_release_text();
    let bytes = word_release(&text);
    let doc = DocxFilter::default().extract(&bytes).unwrap();
    // Every paragraph's three runs read as one run: no codes at all.
    assert_eq!(doc.source_map().unwrap().codes.len(), 0);
    let s = Scratch::new();
    let docx = s.path("release.es.docx");
    let txt = s.path("release.es.txt");
    std::fs::write(&docx, &bytes).unwrap();
    // The plain text with the same paragraphs.
    let paras: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
    std::fs::write(&txt, paras.join("\n\n")).unwrap();
    let seg = |p: &std::path::Path| {
        let o = s.run(&["segment", p.to_str().unwrap(), "--lang", "es"]);
        assert!(o.status.success(), "{}", stderr(&o));
        common::stdout(&o).lines().filter(|l| !l.trim().is_empty()).map(str::to_string).collect::<Vec<_>>()
    };
    let (from_docx, from_txt) = (seg(&docx), seg(&txt));
    assert!(from_txt.len() > 10, "{from_txt:?}");
    assert_eq!(from_docx, from_txt);
}

#[test]
fn a_word_release_is_pretranslated_into_a_word_document() {
    let s = common::all_releases();
    let docx = s.path("squeeze-lts.es.docx");
    std::fs::write(&docx, word_release(&new_release_text())).unwrap();
    let out = s.path("squeeze-lts.en.docx");
    let o = s.run(&[
        "pretranslate",
        docx.to_str().unwrap(),
        "--from",
        "es",
        "--to",
        "en",
        "--format",
        "docx",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let translated = DocxFilter::default().extract(&std::fs::read(&out).unwrap()).unwrap();
    let paras: Vec<&str> = translated.text.split("\n\n").collect();
    assert_eq!(paras[0], "El soporte a largo plazo para Debian 6.0 llega al final de su ciclo de vida");
    assert!(paras.contains(&"About Debian"), "{paras:?}");
    assert!(paras.contains(&"Contact Information"), "{paras:?}");
    assert!(translated
        .text
        .contains("The Debian Project was founded in 1993 by Ian Murdock to be a truly free community project."));
    // Entries other than the document part are copied as they were.
    let (a, b) = (entries(&std::fs::read(&docx).unwrap()), entries(&std::fs::read(&out).unwrap()));
    assert_eq!(a[0], b[0]);
    assert_eq!(a[1], b[1]);
    assert_ne!(a[2].1, b[2].1);
    // Filled runs are marked English; a paragraph left in Spanish keeps es-ES.
    let mut xml = String::new();
    zip::ZipArchive::new(Cursor::new(std::fs::read(&out).unwrap()))
        .unwrap()
        .by_name("word/document.xml")
        .unwrap()
        .read_to_string(&mut xml)
        .unwrap();
    assert!(xml.contains(r#"<w:lang w:val="en"/></w:rPr><w:t xml:space="preserve">About Debian</w:t>"#), "{xml}");
    assert!(xml.contains(r#"<w:lang w:val="es-ES"/></w:rPr><w:t xml:space="preserve">El soporte a largo"#), "{xml}");
}

fn refused(name: &str, bytes: &[u8]) -> String {
    let s = Scratch::new();
    let p = s.path(name);
    std::fs::write(&p, bytes).unwrap();
    let o = s.run(&["segment", p.to_str().unwrap(), "--lang", "es"]);
    assert_eq!(o.status.code(), Some(2), "{name}: {}", stderr(&o));
    assert!(o.stdout.is_empty());
    stderr(&o)
}

#[test]
fn a_part_declaring_more_than_the_limit_is_a_zip_bomb() {
    let zeros = vec![0u8; (64 << 20) + 1];
    let bomb = package("<w:document/>", &[("word/media/big.bin", &zeros)]);
    assert!(bomb.len() < 1 << 20, "{}", bomb.len());
    let e = refused("bomb.docx", &bomb);
    assert!(e.contains("package part word/media/big.bin: declares 67108865 bytes uncompressed, more than the limit of 64 MiB per part"), "{e}");
}

#[test]
fn an_entry_climbing_out_of_the_package_is_refused() {
    let e = refused("evil.docx", &package("<w:document/>", &[("../../etc/evil.xml", b"x")]));
    assert!(e.contains("package part ../../etc/evil.xml: entry name is absolute or climbs out"), "{e}");
}

#[test]
fn a_truncated_package_is_refused() {
    let bytes = std::fs::read(corpus("docx/okapi_gettysburg_en.docx")).unwrap();
    let e = refused("cut.docx", &bytes[..bytes.len() / 2]);
    assert!(e.contains("package part the zip directory:") && e.contains("expected a complete zip archive"), "{e}");
}

#[test]
fn a_pdf_or_a_legacy_doc_is_named() {
    let e = refused("release.pdf", b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj\n");
    assert!(
        e.contains("the file is a PDF document; memoria reads releases in plain text (UTF-8), HTML, Word (.docx, .docm, .dotx) and OpenDocument text (.odt)"),
        "{e}"
    );
    let mut ole = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1".to_vec();
    ole.resize(4096, 0);
    let e = refused("release.doc", &ole);
    assert!(e.contains("the file is a legacy Word 97-2003 document (.doc"), "{e}");
    ole.extend("EncryptedPackage".encode_utf16().flat_map(u16::to_le_bytes));
    let e = refused("secret.docx", &ole);
    assert!(e.contains("password-protected (encrypted)"), "{e}");
}

#[test]
fn a_package_without_its_main_part_names_it() {
    let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
    w.start_file("[Content_Types].xml", zip::write::SimpleFileOptions::default()).unwrap();
    w.write_all(b"<Types/>").unwrap();
    let e = refused("empty.docx", &w.finish().unwrap().into_inner());
    assert!(e.contains("package part word/document.xml: missing"), "{e}");
}

/// Inline codes per segment (English rules) of a document.
fn codes_per_segment(doc: &Document) -> Vec<usize> {
    let seg =
        memoria_core::segment::SegmenterBuilder::new(memoria_core::lang::LangTag::new("en").unwrap()).build().unwrap();
    seg.segment(&doc.text).iter().map(|s| doc.content(s.start..s.end).code_count()).collect()
}

#[test]
fn run_merging_removes_the_tag_soup_of_real_documents() {
    let mut figures = Vec::new();
    for name in ["okapi_Practice2.docx", "okapi_OpenXML_text_reference_v1_2.docx"] {
        let bytes = std::fs::read(corpus(&format!("docx/{name}"))).unwrap();
        let before = codes_per_segment(&memoria_formats::filter::docx::extract_without_run_merging(&bytes).unwrap());
        let after = codes_per_segment(&DocxFilter::default().extract(&bytes).unwrap());
        assert_eq!(before.len(), after.len(), "{name}: same segments");
        let sum = |v: &[usize]| v.iter().sum::<usize>();
        eprintln!(
            "{name}: {} segments; codes before run merging {} (max {} per segment), after {} (max {})",
            after.len(),
            sum(&before),
            before.iter().max().unwrap(),
            sum(&after),
            after.iter().max().unwrap()
        );
        eprintln!("  before {before:?}\n  after  {after:?}");
        figures.push((after.len(), sum(&before), sum(&after)));
    }
    // (segments, codes before merging, codes after): the fonts sentence of the
    // OpenXML reference keeps its 16 real formatting spans (32 codes, from 38).
    assert_eq!(figures, [(72, 131, 123), (69, 87, 59)]);
    // A release whose runs differ only by rsid, language and proofing: all soup.
    let made = word_release(&new_release_text());
    let before = codes_per_segment(&memoria_formats::filter::docx::extract_without_run_merging(&made).unwrap());
    let after = codes_per_segment(&DocxFilter::default().extract(&made).unwrap());
    assert!(before.iter().sum::<usize>() >= 2 * 11, "{before:?}");
    assert_eq!(after.iter().sum::<usize>(), 0);
}

fn upper(items: &[memoria_core::content::Inline]) -> Vec<memoria_core::content::Inline> {
    use memoria_core::content::Inline;
    items
        .iter()
        .map(|i| match i {
            Inline::Text(t) => Inline::Text(t.to_uppercase()),
            other => other.clone(),
        })
        .collect()
}

#[test]
fn corpus_docx_takes_changed_targets_with_their_codes() {
    for path in docx_files() {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let bytes = std::fs::read(&path).unwrap();
        let doc = DocxFilter::default().extract(&bytes).unwrap();
        let fills: Vec<Fill> = paragraphs(&doc)
            .into_iter()
            .map(|r| Fill { range: r.clone(), target: Content { items: upper(&doc.content(r).items) } })
            .collect();
        let out = DocxFilter::default().merge(&doc, &fills).unwrap_or_else(|e| panic!("{name}: {e}"));
        let again = DocxFilter::default().extract(&out).unwrap_or_else(|e| panic!("{name} merged: {e}"));
        assert_eq!(again.text, doc.text.to_uppercase(), "{name}");
        let codes = |d: &Document| d.source_map().unwrap().codes.iter().map(|c| (c.at, c.role)).collect::<Vec<_>>();
        assert_eq!(codes(&again), codes(&doc), "{name}: codes where they were");
    }
}

#[test]
fn a_part_inflating_past_what_it_declares_is_a_zip_bomb() {
    let zeros = vec![0u8; (64 << 20) + 1];
    let mut bomb = package("<w:document/>", &[("word/footnotes.xml", &zeros)]);
    // Make the zip lie: 100 bytes uncompressed, in the local header (offset
    // 22) and the central directory (offset 24) of the entry.
    let name = b"word/footnotes.xml";
    for (sig, off) in [(&b"PK\x03\x04"[..], 22usize), (&b"PK\x01\x02"[..], 24)] {
        let at = (0..bomb.len() - 46)
            .find(|&i| {
                bomb[i..].starts_with(sig) && {
                    let n = if sig[2] == 3 { 30 } else { 46 };
                    bomb[i + n..].starts_with(name)
                }
            })
            .unwrap();
        bomb[at + off..at + off + 4].copy_from_slice(&100u32.to_le_bytes());
    }
    // Declared small, so the directory passes; reading it inflates past the limit.
    assert!(memoria_formats::filter::package::Package::open(&bomb).is_ok());
    let e = refused("liar.docx", &bomb);
    assert!(e.contains("package part word/footnotes.xml: inflates past the limit of 64 MiB per part"), "{e}");
}

#[test]
fn a_part_with_a_document_type_declaration_is_refused() {
    let xml = r#"<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]><w:document><w:body><w:p><w:r><w:t>&b;</w:t></w:r></w:p></w:body></w:document>"#;
    let e = refused("lol.docx", &package(xml, &[]));
    assert!(e.contains("package part word/document.xml: has a document type declaration; expected none"), "{e}");
}

#[test]
fn a_word_release_goes_through_xliff_and_merges_back_into_word() {
    let s = common::all_releases();
    let docx = s.path("squeeze-lts.es.docx");
    std::fs::write(&docx, word_release(&new_release_text())).unwrap();
    let xlf = s.path("squeeze-lts.xlf");
    let o = s.run(&["pretranslate", docx.to_str().unwrap(), "--from", "es", "--to", "en", "-o", xlf.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = s.path("merged.en.docx");
    let o = s.run(&["merge", xlf.to_str().unwrap(), "-o", out.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let merged = DocxFilter::default().extract(&std::fs::read(&out).unwrap()).unwrap();
    let paras: Vec<&str> = merged.text.split("\n\n").collect();
    assert!(paras.contains(&"About Debian"), "{paras:?}");
    assert!(paras.contains(&"Contact Information"), "{paras:?}");
    assert_eq!(paras[0], "El soporte a largo plazo para Debian 6.0 llega al final de su ciclo de vida");
}
