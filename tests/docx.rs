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
        let doc = DocxFilter.extract(&bytes).unwrap_or_else(|e| panic!("{name}: {e}"));
        let fills: Vec<Fill> =
            paragraphs(&doc).into_iter().map(|r| Fill { range: r.clone(), target: doc.content(r) }).collect();
        let out = DocxFilter.merge(&doc, &fills).unwrap_or_else(|e| panic!("{name}: {e}"));
        let again = DocxFilter.extract(&out).unwrap_or_else(|e| panic!("{name} merged: {e}"));
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
