//! Issue 23, item 3 (export and import edges), the TMX side: header children
//! in document order, a TUV's language as written, a header without
//! `srclang`, and a collection whose TUs were all duplicates.

mod common;

use common::{corpus, stderr, stdout, Scratch};

/// A header whose props, notes and ude interleave, without `srclang`, and
/// TUVs whose languages are spelled `EN-US` and `es-es`.
const MIXED: &str = r##"<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="t" adminlang="en" datatype="plaintext">
<prop type="x-client">ACME</prop><note>first note</note><prop type="x-project">Spring</prop>
<ude name="MacRoman" base="Macintosh"><map unicode="#xF8FF" code="#xF0" ent="AppleLogo"/></ude><note>second note</note>
</header><body>
<tu><tuv xml:lang="EN-US"><seg>Save the file.</seg></tuv><tuv xml:lang="es-es"><seg>Guarde el archivo.</seg></tuv></tu>
</body></tmx>"##;

fn import_mixed(sc: &Scratch, name: &str) -> std::process::Output {
    std::fs::write(sc.path(name), MIXED).unwrap();
    sc.run(&["import", sc.path(name).to_str().unwrap()])
}

/// The lines of `tmx` that open one of `tags`, trimmed, in order.
fn lines_of<'a>(tmx: &'a str, tags: &[&str]) -> Vec<&'a str> {
    tmx.lines().map(str::trim).filter(|l| tags.iter().any(|t| l.starts_with(t))).collect()
}

#[test]
fn header_props_notes_and_udes_keep_their_document_order_on_export() {
    let sc = Scratch::new();
    let o = import_mixed(&sc, "mixed.tmx");
    assert!(o.status.success(), "{}", stderr(&o));
    let o = sc.run(&["export", "-o", "-", "--collection", "mixed.tmx"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let tmx = stdout(&o);
    assert_eq!(
        lines_of(&tmx, &["<prop", "<note", "<ude"]),
        [
            "<prop type=\"x-client\">ACME</prop>",
            "<note>first note</note>",
            "<prop type=\"x-project\">Spring</prop>",
            "<ude name=\"MacRoman\" base=\"Macintosh\"><map unicode=\"#xF8FF\" code=\"#xF0\" ent=\"AppleLogo\"/></ude>",
            "<note>second note</note>",
        ],
        "{tmx}"
    );
    // One header, one body: a header without srclang is written once.
    assert_eq!(tmx.matches("<header").count(), 1, "{tmx}");
    assert_eq!(tmx.matches("<body>").count(), 1, "{tmx}");
}

#[test]
fn a_real_header_with_prop_and_note_comes_back_in_its_order() {
    // okapi-header_with_prop_and_note.tmx: its header as Okapi wrote it.
    let sc = Scratch::new();
    let file = corpus("tmx/okapi-header_with_prop_and_note.tmx");
    let o = sc.run(&["import", &file]);
    assert!(o.status.success(), "{}", stderr(&o));
    let o = sc.run(&["export", "-o", "-", "--collection", "okapi-header_with_prop_and_note.tmx"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let original = std::fs::read_to_string(&file).unwrap();
    let head = |t: &str| -> Vec<String> {
        let header = &t[t.find("<header").unwrap()..t.find("</header>").unwrap()];
        lines_of(header, &["<prop", "<note", "<ude"]).iter().map(|l| l.split('>').next().unwrap().to_string()).collect()
    };
    assert!(!head(&original).is_empty());
    assert_eq!(head(&stdout(&o)), head(&original));
}

#[test]
fn a_tuv_language_keeps_its_spelling_on_export_and_matches_by_its_canonical_tag() {
    let sc = Scratch::new();
    assert!(import_mixed(&sc, "mixed.tmx").status.success());
    let o = sc.run(&["export", "-o", "-"]);
    let tmx = stdout(&o);
    assert_eq!(lines_of(&tmx, &["<tuv"]), ["<tuv xml:lang=\"EN-US\">", "<tuv xml:lang=\"es-es\">"], "{tmx}");
    // Matching and counting use the canonical tag.
    let o = sc.run(&["lookup", "Guarde el archivo.", "--from", "es-ES", "--to", "en-US", "--format", "json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("Save the file."), "{}", stdout(&o));
    let o = sc.run(&["stats"]);
    assert!(stdout(&o).contains("en-US\t1 segments") && stdout(&o).contains("es-ES\t1 segments"), "{}", stdout(&o));
}

#[test]
fn real_tmx_files_get_their_tuv_languages_back_as_written() {
    // OmegaT's test files write `en-us`, `fr-ca`, `En-uS`, `FR-CA` side by side.
    let sc = Scratch::new();
    let file = corpus("tmx/omegat-compkit-ImportTest2A.tmx");
    assert!(sc.run(&["import", &file]).status.success());
    let o = sc.run(&["export", "-o", "-"]);
    let langs = |t: &str| -> Vec<String> {
        let mut v: Vec<String> = t
            .split("<tuv ")
            .skip(1)
            .filter_map(|s| s.split("lang=\"").nth(1))
            .map(|s| s.split('"').next().unwrap().to_string())
            .collect();
        v.sort();
        v
    };
    // The file is UTF-16LE with a byte-order mark.
    let bytes = std::fs::read(&file).unwrap();
    let units: Vec<u16> = bytes[2..].chunks(2).map(|c| u16::from_le_bytes([c[0], c[1]])).collect();
    let original = String::from_utf16(&units).unwrap();
    assert_eq!(langs(&stdout(&o)), langs(&original));
    assert!(langs(&original).contains(&"En-uS".to_string()));
}

#[test]
fn a_header_without_srclang_is_a_warning_naming_the_file() {
    let sc = Scratch::new();
    let o = import_mixed(&sc, "mixed.tmx");
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stderr(&o).contains("mixed.tmx:2:20: <header> has no srclang (TMX requires it)"), "{}", stderr(&o));
    // A header with one says nothing.
    let with = MIXED.replace("datatype=\"plaintext\">", "datatype=\"plaintext\" srclang=\"en-US\">");
    std::fs::write(sc.path("with.tmx"), with).unwrap();
    let o = sc.run(&["import", sc.path("with.tmx").to_str().unwrap()]);
    assert!(o.status.success() && !stderr(&o).contains("srclang"), "{}", stderr(&o));
}

#[test]
fn a_collection_whose_tus_were_all_duplicates_still_exports_and_counts_them() {
    let sc = Scratch::new();
    let first = corpus("tmx/pythontmx-standard.tmx");
    assert!(sc.run(&["import", &first]).status.success());
    // The same TUs again under another name: all duplicates.
    std::fs::copy(&first, sc.path("copy.tmx")).unwrap();
    let o = sc.run(&["import", sc.path("copy.tmx").to_str().unwrap()]);
    assert!(stdout(&o).contains("copy.tmx: 2 TUs (UTF-8), 0 added, 2 duplicates"), "{}", stdout(&o));
    let o = sc.run(&["stats"]);
    let stats = stdout(&o);
    assert!(stats.contains("TUs: 2"), "{stats}");
    assert!(stats.contains("copy.tmx\t2 TUs") && stats.contains("pythontmx-standard.tmx\t2 TUs"), "{stats}");
    let o = sc.run(&["export", "-o", "-", "--collection", "copy.tmx"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(stdout(&o).matches("<tu>").count() + stdout(&o).matches("<tu ").count(), 2, "{}", stdout(&o));
    assert!(stderr(&o).contains("exported 2 TUs"), "{}", stderr(&o));
    // Deleting the collection deletes its TUs (from the other collection too).
    let o = sc.run(&["delete", "--collection", "copy.tmx", "--author", "ana"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let o = sc.run(&["stats"]);
    assert!(stdout(&o).contains("TUs: 0"), "{}", stdout(&o));
}
