//! TMX 1.4b: the reader and writer on the real corpus files
//! (`../shared/corpus/tmx`), the test set of field bugs
//! (`../shared/testsets/tmx`, see its EXPECTED.md), and property tests.
//! Import/export through the binary: `tmx/cli.rs`; the header through the TM: `tmx/header.rs`;
//! property tests: `tmx/props.rs`; failures mid-import: `tmx/failures.rs`.

mod common;
/// The tests of the files in `tests/tmx/`.
mod tmx {
    mod cli;
    mod failures;
    mod header;
    mod props;
}

use common::corpus;
use memoria_core::content::{CodeKind, Inline};
use memoria_core::lang::LangTag;
use memoria_core::tu::{Header, Note, Prop, Tu, Tuv};
use memoria_formats::tmx::{OutputEncoding, ReadOptions, TmxReader, TmxWriter, WarningKind, Warnings, WriteOptions};
use std::path::{Path, PathBuf};

pub fn testset(name: &str) -> String {
    common::root().join("../shared/testsets/tmx").join(name).to_string_lossy().into_owned()
}

pub fn read_path(path: &str, strict: bool) -> (Header, Vec<Tu>, Warnings) {
    let mut r = TmxReader::open(Path::new(path), ReadOptions { strict, ..ReadOptions::default() })
        .unwrap_or_else(|e| panic!("{e}"));
    let mut tus = vec![];
    while let Some(tu) = r.next_tu().unwrap_or_else(|e| panic!("{e}")) {
        tus.push(tu);
    }
    (r.header().clone(), tus, r.take_warnings())
}

pub fn read_bytes(bytes: Vec<u8>) -> (Header, Vec<Tu>, Warnings) {
    let mut r = TmxReader::from_bytes(bytes, "written.tmx", ReadOptions::default()).unwrap_or_else(|e| panic!("{e}"));
    let mut tus = vec![];
    while let Some(tu) = r.next_tu().unwrap_or_else(|e| panic!("{e}")) {
        tus.push(tu);
    }
    (r.header().clone(), tus, r.take_warnings())
}

pub fn write(header: &Header, tus: &[Tu], encoding: OutputEncoding) -> Vec<u8> {
    let mut w = TmxWriter::new(Vec::new(), WriteOptions { encoding, doctype: true });
    w.write_header(header).unwrap();
    for tu in tus {
        w.write_tu(tu).unwrap();
    }
    w.finish().unwrap()
}

fn corpus_files() -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(corpus("tmx"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "tmx"))
        .collect();
    v.sort();
    v
}

#[test]
fn every_corpus_file_round_trips_with_the_model_unchanged() {
    let files = corpus_files();
    assert_eq!(files.len(), 21);
    for f in files {
        let (mut header, tus, _) = read_path(f.to_str().unwrap(), false);
        assert!(!tus.is_empty(), "{}: no TU read", f.display());
        for enc in [OutputEncoding::Utf8, OutputEncoding::Utf16Le] {
            let bytes = write(&header, &tus, enc);
            let (h2, tus2, w2) = read_bytes(bytes);
            assert_eq!(w2.total(), 0, "{}: warnings on re-read: {:?}", f.display(), w2.first);
            // The one documented repair: an o-tmf naming an encoding
            // (Translate Toolkit writes o-tmf="UTF-8") is written as "unknown".
            if let Some(v) = header.attrs.iter_mut().find(|(k, v)| k == "o-tmf" && v == "UTF-8") {
                v.1 = "unknown".into();
            }
            assert_eq!(h2, header, "{}: header differs after {enc:?} round trip", f.display());
            assert_eq!(tus2.len(), tus.len(), "{}", f.display());
            for (a, b) in tus.iter().zip(&tus2) {
                assert_eq!(a, b, "{}: TU differs after {enc:?} round trip", f.display());
            }
        }
    }
}

#[test]
fn compliance_kit_2c_keeps_every_element_and_attribute() {
    let (h, tus, w) = read_path(&corpus("tmx/omegat-compkit-ImportTest2C.tmx"), true);
    assert_eq!(w.total(), 0);
    assert_eq!(h.attr("o-encoding"), Some("iso-8859-1"));
    assert_eq!(h.udes.len(), 1);
    assert!(h.udes[0].contains(r##"<map unicode="#xF8FF" code="#xF0" ent="AppleLogo" subst="[Apple]"/>"##));
    assert_eq!(
        h.notes.iter().map(|n| n.value.as_str()).collect::<Vec<_>>(),
        ["Text of header note 1", "Text of header note 2"]
    );
    assert_eq!(h.props[0].ptype, "myPropeType");
    let tu = &tus[0];
    assert_eq!(tu.tuid(), Some("tu001"));
    assert_eq!(tu.attr("usagecount"), Some("100"));
    assert_eq!(tu.attr("srclang"), Some("en-us"));
    assert_eq!(tu.notes.len(), 2);
    let langs: Vec<&str> = tu.tuvs.iter().map(|v| v.lang.as_str()).collect();
    assert_eq!(langs, ["en-US", "fr", "en-GB"]);
    let fr = &tu.tuvs[1];
    assert_eq!((fr.props.len(), fr.notes.len()), (2, 2));
    assert_eq!(fr.attr("lastusagedate"), Some("20020523T091200Z"));
    // Native code never reaches the match text; hi text does; sub is inside the ph.
    assert_eq!(fr.seg.match_text(), "\u{E000}\u{E001}Cliquez \u{E002} pour commencer.\u{E003}");
    let Inline::Code(ph) = &fr.seg.items[3] else { panic!("{:?}", fr.seg.items) };
    assert_eq!(ph.kind, CodeKind::Ph);
    assert_eq!(ph.attrs, [("x".into(), "3".into()), ("type".into(), "image".into()), ("assoc".into(), "b".into())]);
    assert_eq!(ph.content[0], Inline::Text("<IMG SRC=\"here.png\" ALT=\"".into()));
    let Inline::Code(sub) = &ph.content[1] else { panic!() };
    assert_eq!((sub.kind.clone(), sub.content.clone()), (CodeKind::Sub, vec![Inline::Text("Commencez ici !".into())]));
}

#[test]
fn utf16_be_trados_and_windows_1252_files_decode() {
    let (_, tus, _) = read_path(&corpus("tmx/omegat-compkit-ImportTest1G.tmx"), true);
    assert_eq!(tus.len(), 3);
    let (h, tus, _) = read_path(&corpus("tmx/okapi-trados-twb-test01.tmx"), true);
    assert_eq!(h.attr("o-tmf"), Some("TW4Win 2.0 Format"));
    assert_eq!(h.props[0].ptype, "RTFFontTable");
    assert_eq!(tus.len(), 4);
    assert_eq!(tus[0].tuvs[1].lang.as_str(), "fr-FR");
    let (_, tus, _) = read_path(&corpus("tmx/okapi-olifant-attributes-iso8859.tmx"), true);
    let (_, utf8, _) = read_path(&corpus("tmx/okapi-olifant-attributes.tmx"), true);
    assert_eq!(tus[0].tuvs[1].seg.plain_text(), "Test charactères: &=amp, <=lt, '=apos, \"=quot");
    assert_eq!(tus, utf8, "windows-1252 and UTF-8 copies read the same");
}

#[test]
fn tmx11_lang_attribute_and_astral_characters_are_read() {
    let (_, tus, _) = read_path(&corpus("tmx/omegat-test-SMP.tmx"), true);
    let langs: Vec<&str> = tus[0].tuvs.iter().map(|v| v.lang.as_str()).collect();
    assert_eq!(langs, ["en", "be"]);
    assert_eq!(tus[0].tuvs[1].seg.plain_text(), "𝐃𝐄𝐅");
    assert!(tus[0].tuvs[0].attrs.is_empty(), "the lang attribute is the language, not an extra attribute");
}

#[test]
fn eight_language_tu_variants_are_chosen_by_language() {
    let (_, tus, _) = read_path(&corpus("tmx/omegat-test-multiple-tuv14.tmx"), true);
    let tu = &tus[0];
    assert_eq!(tu.tuvs.len(), 8);
    let es_ar = tu.variant(&LangTag::new("es-ar").unwrap()).unwrap();
    assert_eq!(es_ar.lang.as_str(), "es-AR");
    let es = tu.variant(&LangTag::new("es-MX").unwrap()).unwrap();
    assert_eq!(es.lang.as_str(), "es");
}

// ---- ../shared/testsets/tmx (EXPECTED.md) ----

#[test]
fn bug01_memoq_utf16le_with_bom_imports_intact() {
    let (h, tus, w) = read_path(&testset("bug01-utf16le-bom-memoq.tmx"), true);
    assert_eq!(w.total(), 0);
    assert_eq!(h.attr("srclang"), Some("en-US"));
    assert_eq!(tus.len(), 1);
    let tu = &tus[0];
    assert_eq!(tu.attr("creationdate"), Some("20240105T101500Z"));
    assert_eq!(tu.attr("creationid"), Some("USER1"));
    assert_eq!(tu.attr("changedate"), Some("20240106T080000Z"));
    assert_eq!(tu.attr("changeid"), Some("USER2"));
    assert_eq!(tu.props, [Prop { ptype: "client".into(), attrs: vec![], value: "ACME".into() }]);
    assert_eq!(tu.tuvs[0].lang.as_str(), "en-US");
    assert_eq!(tu.tuvs[1].lang.as_str(), "es-ES");
    assert_eq!(tu.tuvs[1].seg.plain_text(), "Guarde el archivo antes de cerrar (año, señal, ¿listo?).");
    // UTF-16LE+BOM output carries the same content.
    let bytes = write(&h, &tus, OutputEncoding::Utf16Le);
    assert_eq!(&bytes[..2], &[0xFF, 0xFE]);
    let (h2, tus2, _) = read_bytes(bytes);
    assert_eq!((h2, tus2), (h, tus));
}

#[test]
fn bug03_language_tags_compare_case_insensitively_and_underscores_warn() {
    let (_, tus, w) = read_path(&testset("bug03-lang-case-mismatch.tmx"), false);
    let langs: Vec<Vec<&str>> = tus.iter().map(|t| t.tuvs.iter().map(|v| v.lang.as_str()).collect()).collect();
    assert_eq!(langs, [["en", "es-ES"], ["en-US", "es"], ["en-US", "es-ES"]]);
    assert_eq!(w.count(WarningKind::LangRepaired), 2);
    assert!(w.first[0].message.contains("\"en_US\""), "{}", w.first[0]);
    assert_eq!(w.first[0].line, 14);
}

#[test]
fn bug05_strict_mode_names_line_tu_and_tuid_of_a_control_character() {
    let mut r = TmxReader::open(
        Path::new(&testset("bug05-control-char-raw.tmx")),
        ReadOptions { strict: true, ..ReadOptions::default() },
    )
    .unwrap();
    let e = r.next_tu().unwrap_err();
    let at = e.location().unwrap();
    assert_eq!((at.line, at.column, at.tu, at.tuid.as_deref()), (7, 1, Some(1), Some("c1")));
    let msg = e.to_string();
    assert!(msg.contains("bug05-control-char-raw.tmx:7:1: character U+000B is illegal in XML 1.0"), "{msg}");
    assert!(msg.ends_with("(TU 1, tuid \"c1\")"), "{msg}");
}

#[test]
fn bug05_recover_mode_maps_the_control_character_to_a_code() {
    let (h, tus, w) = read_path(&testset("bug05-control-char-raw.tmx"), false);
    assert_eq!(w.count(WarningKind::IllegalChar), 2);
    assert_eq!(tus.len(), 2);
    let en = &tus[0].tuvs[0].seg;
    assert_eq!(en.plain_text(), "Line one\nline two");
    assert_eq!(en.match_text(), "Line one\n\u{E000}line two");
    let Inline::Code(c) = &en.items[1] else { panic!("{:?}", en.items) };
    assert_eq!((c.kind.clone(), c.attr("type")), (CodeKind::Ph, Some("x-ctrl")));
    // The writer never emits U+000B, raw or as a reference.
    let bytes = write(&h, &tus, OutputEncoding::Utf8);
    let text = String::from_utf8(bytes.clone()).unwrap();
    assert!(!text.contains('\u{b}') && !text.contains("&#11;") && !text.contains("&#xB;"));
    assert!(text.contains("<seg>Line one\n<ph type=\"x-ctrl\">U+000B</ph>line two</seg>"), "{text}");
    assert_eq!(read_bytes(bytes).1, tus);
}

#[test]
fn writer_never_emits_illegal_characters_whatever_the_model_holds() {
    let tu = Tu {
        attrs: vec![("tuid".into(), "a\u{1}b".into())],
        notes: vec![Note { attrs: vec![], value: "n\u{0}o\u{FFFF}".into() }],
        tuvs: vec![Tuv::plain(LangTag::new("en").unwrap(), "x\u{8}y\u{FFFE}")],
        ..Tu::default()
    };
    let text = String::from_utf8(write(&Header::default(), &[tu], OutputEncoding::Utf8)).unwrap();
    assert!(text.chars().all(memoria_formats::tmx::text::is_xml_char));
    assert!(text.contains("tuid=\"a\u{FFFD}b\""));
    assert!(text.contains("<seg>x<ph type=\"x-ctrl\">U+0008</ph>y<ph type=\"x-ctrl\">U+FFFE</ph></seg>"), "{text}");
    let (_, back, w) = read_bytes(text.into_bytes());
    assert_eq!(w.total(), 0);
    assert_eq!(back[0].tuvs[0].seg.plain_text(), "xy");
}

#[test]
fn bug09_duplicate_tuids_are_warnings_not_errors() {
    let (_, tus, w) = read_path(&testset("bug09-duplicate-tus.tmx"), true);
    assert_eq!(tus.len(), 5);
    assert_eq!(w.count(WarningKind::DuplicateTuid), 1);
    assert!(w.first[0].message.contains("tuid \"d1\""));
}

#[test]
fn bug10_whitespace_inside_seg_survives_exactly() {
    let (h, tus, _) = read_path(&testset("bug10-whitespace-in-seg.tmx"), true);
    assert_eq!(tus[0].tuvs[0].seg.plain_text(), "  Total:  ");
    assert_eq!(tus[1].tuvs[1].seg.plain_text(), "Primera línea\nsegunda línea\t(tab)");
    assert_eq!(tus[2].tuvs[0].seg.match_text(), "Text with \u{E000} \u{E001}bold\u{E002}");
    let text = String::from_utf8(write(&h, &tus, OutputEncoding::Utf8)).unwrap();
    assert!(text.contains("<seg>  Total:  </seg>"));
    assert!(text.contains("<seg>First line\nsecond line\t(tab)</seg>"));
    assert!(text.contains(
        "<seg>Text with <ph x=\"1\">&lt;br/&gt;</ph> <bpt i=\"1\" x=\"2\">&lt;b&gt;</bpt>bold<ept i=\"1\">&lt;/b&gt;</ept></seg>"
    ));
    assert_eq!(read_bytes(text.into_bytes()).1, tus);
}

#[test]
fn doctype_is_accepted_and_dtd_entities_are_never_expanded() {
    // A DOCTYPE naming the DTD is fine; the DTD is never fetched, so an
    // entity it would define stays unknown (kept as text, an error in strict mode).
    let src = br#"<?xml version="1.0"?>
<!DOCTYPE tmx SYSTEM "http://example.invalid/tmx14.dtd">
<tmx version="1.4"><header srclang="en"/><body>
<tu><tuv xml:lang="en"><seg>a &xxe; b</seg></tuv></tu></body></tmx>"#;
    let (_, tus, w) = read_bytes(src.to_vec());
    assert_eq!(tus[0].tuvs[0].seg.plain_text(), "a &xxe; b");
    assert_eq!(w.count(WarningKind::UnknownEntity), 1);
    let e = TmxReader::from_bytes(src.to_vec(), "x.tmx", ReadOptions { strict: true, ..ReadOptions::default() })
        .unwrap()
        .next_tu()
        .unwrap_err();
    assert!(e.to_string().starts_with("x.tmx:4:31: entity &xxe; is not one of the five XML entities"), "{e}");
    // A DOCTYPE that declares entities (XXE, billion laughs) is refused in
    // either mode (see tests/hostile.rs).
    let decl = br#"<?xml version="1.0"?>
<!DOCTYPE tmx SYSTEM "http://example.invalid/tmx14.dtd" [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>
<tmx version="1.4"><header srclang="en"/><body>
<tu><tuv xml:lang="en"><seg>a &xxe; b</seg></tuv></tu></body></tmx>"#;
    for strict in [false, true] {
        let e = TmxReader::from_bytes(decl.to_vec(), "x.tmx", ReadOptions { strict, ..ReadOptions::default() })
            .err()
            .expect("refused");
        assert!(e.to_string().contains("DOCTYPE declares entities (<!ENTITY>)"), "{e}");
    }
}

#[test]
fn foreign_inline_elements_are_kept_opaque_and_written_as_tmx_codes() {
    let src = br#"<tmx version="1.4"><header srclang="en"/><body><tu><tuv xml:lang="en"><seg>A <g id="1">bold</g> <x id="2"/>.</seg></tuv></tu></body></tmx>"#;
    let (h, tus, w) = read_bytes(src.to_vec());
    assert_eq!(w.count(WarningKind::ForeignInline), 2);
    let seg = &tus[0].tuvs[0].seg;
    assert_eq!(seg.match_text(), "A \u{E000} \u{E001}.");
    let Inline::Code(g) = &seg.items[1] else { panic!() };
    assert_eq!((g.kind.clone(), g.content.clone()), (CodeKind::Foreign("g".into()), vec![Inline::Text("bold".into())]));
    let text = String::from_utf8(write(&h, &tus, OutputEncoding::Utf8)).unwrap();
    assert!(text.contains(r#"<seg>A <bpt i="1" type="x-g">&lt;g id="1"&gt;</bpt>bold<ept i="1">&lt;/g&gt;</ept> <ph type="x-x">&lt;x id="2"/&gt;</ph>.</seg>"#), "{text}");
    let strict = TmxReader::from_bytes(src.to_vec(), "f.tmx", ReadOptions { strict: true, ..ReadOptions::default() })
        .unwrap()
        .next_tu();
    assert!(strict.unwrap_err().to_string().contains("<g> is not a TMX inline element"));
}

#[test]
fn recover_mode_skips_unusable_tus_and_variants_without_seg() {
    let src = br#"<tmx version="1.4"><header srclang="en"/><body>
<tu tuid="a"><tuv><seg>no language</seg></tuv></tu>
<tu tuid="b"><tuv xml:lang="en"><seg>kept</seg></tuv><tuv xml:lang="es"><note>no seg</note></tuv></tu>
<tu tuid="c"></tu>
</body></tmx>"#;
    let (_, tus, w) = read_bytes(src.to_vec());
    assert_eq!(tus.len(), 1);
    assert_eq!(tus[0].tuid(), Some("b"));
    assert_eq!(tus[0].tuvs.len(), 1);
    assert_eq!(w.count(WarningKind::SkippedTu), 2);
    assert_eq!(w.count(WarningKind::TuvWithoutSeg), 1);
    let e = TmxReader::from_bytes(src.to_vec(), "s.tmx", ReadOptions { strict: true, ..ReadOptions::default() })
        .unwrap()
        .next_tu()
        .unwrap_err();
    assert_eq!(
        e.to_string(),
        "s.tmx:2:14: <tuv> without xml:lang (or TMX 1.1 lang); expected a language tag (TU 1, tuid \"a\")"
    );
}

#[test]
fn malformed_xml_fails_with_file_line_and_column() {
    let src = b"<tmx version=\"1.4\"><header/><body>\n<tu><tuv xml:lang=\"en\"><seg>x</tuv></tu></body></tmx>";
    let mut r = TmxReader::from_bytes(src.to_vec(), "m.tmx", ReadOptions::default()).unwrap();
    let e = r.next_tu().unwrap_err().to_string();
    assert!(e.starts_with("m.tmx:2:"), "{e}");
    assert!(e.contains("not well-formed XML"), "{e}");
}
