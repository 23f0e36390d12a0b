//! The TMX `<header>` survives import → TM → export: `export --collection`
//! writes the imported header back (attributes, props, notes, ude maps); a
//! merged export carries every collection's ude maps; a failed import keeps
//! no header; a TM of schema version 2 gets headers from its next import.

use crate::common::{corpus, stderr, stdout, Scratch};
use crate::{read_bytes, read_path};
use memoria_core::tu::{Header, Tu};
use memoria_formats::tmx::WarningKind;

/// The corpus files whose header has props, notes or udes.
const WITH_HEADER_CONTENT: [&str; 6] = [
    "okapi-header_with_prop_and_note.tmx",
    "okapi-trados-twb-html_test.tmx",
    "okapi-trados-twb-test01.tmx",
    "omegat-compkit-ImportTest1L.tmx",
    "omegat-compkit-ImportTest2C.tmx",
    "pythontmx-standard.tmx",
];

fn ok(o: &std::process::Output) -> &std::process::Output {
    assert!(o.status.success(), "{}{}", stdout(o), stderr(o));
    o
}

/// Runs `memoria export -o <scratch>/out.tmx EXTRA...`; returns the file read
/// back and the command's stderr.
fn export(s: &Scratch, extra: &[&str]) -> (Header, Vec<Tu>, String) {
    let out = s.path("out.tmx");
    let mut args = vec!["export", "-o", out.to_str().unwrap()];
    args.extend_from_slice(extra);
    let o = s.run(&args);
    ok(&o);
    let (h, tus, w) = read_bytes(std::fs::read(&out).unwrap());
    // Two corpus files may use the same tuids for different TUs.
    let dup = w.count(WarningKind::DuplicateTuid);
    assert_eq!(w.total(), dup, "warnings reading the export back: {:?}", w.first);
    (h, tus, stderr(&o))
}

fn json(o: &std::process::Output) -> serde_json::Value {
    serde_json::from_str(&stdout(o)).unwrap_or_else(|e| panic!("{e}: {}{}", stdout(o), stderr(o)))
}

#[test]
fn export_of_a_collection_gives_back_its_files_header_and_tus() {
    let mut with_content = vec![];
    for entry in std::fs::read_dir(corpus("tmx")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "tmx") {
            let (h, _, _) = read_path(path.to_str().unwrap(), false);
            if !(h.props.is_empty() && h.notes.is_empty() && h.udes.is_empty()) {
                with_content.push(path.file_name().unwrap().to_string_lossy().into_owned());
            }
        }
    }
    with_content.sort();
    assert_eq!(with_content, WITH_HEADER_CONTENT);
    for name in WITH_HEADER_CONTENT {
        let p = corpus(&format!("tmx/{name}"));
        let (original_header, original, _) = read_path(&p, false);
        let s = Scratch::new();
        let added = json(ok(&s.run(&["import", &p, "--format", "json"])))["total"]["added"].as_u64().unwrap();
        for encoding in ["utf-8", "utf-16le"] {
            let (header, tus, err) = export(&s, &["--collection", name, "--encoding", encoding]);
            assert_eq!(header, original_header, "{name} ({encoding})");
            assert_eq!(err, format!("exported {added} TUs to {}\n", s.path("out.tmx").display()));
            assert_eq!(tus.len() as u64, added, "{name}");
            // The import gives a TU without srclang the header's.
            for tu in tus {
                let mut plain = tu.clone();
                plain.attrs.retain(|(k, _)| k != "srclang");
                assert!(original.contains(&tu) || original.contains(&plain), "{name}: not in the file: {tu:?}");
            }
        }
    }
}

#[test]
fn export_langs_changes_the_collection_headers_srclang_only_when_it_drops_it() {
    let s = Scratch::new();
    ok(&s.run(&["import", &corpus("tmx/pythontmx-standard.tmx")]));
    let (original, _, _) = read_path(&corpus("tmx/pythontmx-standard.tmx"), false);
    assert_eq!(original.attr("srclang"), Some("en"));
    let (h, tus, _) = export(&s, &["--collection", "pythontmx-standard.tmx", "--langs", "en,fr"]);
    assert_eq!((h, tus.len()), (original.clone(), 2));
    let (h, tus, _) = export(&s, &["--collection", "pythontmx-standard.tmx", "--langs", "fr"]);
    let mut want = original;
    want.set_attr("srclang", "fr");
    assert_eq!(h, want);
    assert_eq!(tus[0].tuvs.len(), 1);
    assert_eq!(tus[0].tuvs[0].seg.plain_text(), "Bonjour le monde");
}

#[test]
fn a_failed_strict_import_keeps_no_header() {
    let s = Scratch::new();
    let good = corpus("tmx/pythontmx-standard.tmx");
    let bad = crate::testset("bug05-control-char-raw.tmx");
    let o = s.run(&["import", "--strict", &good, &bad]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let stats = json(&s.run(&["stats", "--format", "json"]));
    assert_eq!(stats["collections"], serde_json::json!([]));
    // Exporting the collection that was not kept is a usage error (issue 23).
    let o = s.run(&["export", "-o", s.path("out.tmx").to_str().unwrap(), "--collection", "pythontmx-standard.tmx"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o)
            .contains("--collection \"pythontmx-standard.tmx\": the TM has no such collection; its collections: none"),
        "{}",
        stderr(&o)
    );
    assert!(!s.path("out.tmx").exists());
    // The same file imported in recover mode keeps its header.
    ok(&s.run(&["import", &good]));
    let stats = json(&s.run(&["stats", "--format", "json"]));
    assert_eq!(
        stats["collections"],
        serde_json::json!([{"collection": "pythontmx-standard.tmx", "tus": 2, "header": true}])
    );
    assert_eq!(export(&s, &["--collection", "pythontmx-standard.tmx"]).0, read_path(&good, false).0);
}

const CUSTOM: &str = r##"<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4">
  <header creationtool="memoQ" creationtoolversion="9.12" segtype="sentence" o-tmf="MemoQTM" adminlang="en-us" srclang="en-us" datatype="plaintext">
    <ude name="MacRoman" base="Macintosh"><map unicode="#xF8FF" code="#xF0" subst="Apple"/></ude>
    <ude name="Symbols"><map unicode="#xE001" subst="(R)"/></ude>
  </header>
  <body>
    <tu><tuv xml:lang="en-us"><seg>Registered&#xE001; trademark</seg></tuv><tuv xml:lang="fr"><seg>Marque déposée&#xE001;</seg></tuv></tu>
  </body>
</tmx>
"##;

/// A multilingual TMX whose header says any variant may be the source.
const ALL: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4">
  <header creationtool="Heartsome TMX Editor" creationtoolversion="8.0" segtype="sentence" o-tmf="unknown" adminlang="en" srclang="*all*" datatype="plaintext">
    <prop type="x-project">Debian press</prop>
    <note>en, es and fr are all sources</note>
  </header>
  <body>
    <tu tuid="1"><tuv xml:lang="en"><seg>Debian 6.0 released</seg></tuv><tuv xml:lang="es"><seg>Publicado Debian 6.0</seg></tuv></tu>
    <tu tuid="2"><tuv xml:lang="es"><seg>Nueva versión</seg></tuv><tuv xml:lang="fr"><seg>Nouvelle version</seg></tuv></tu>
  </body>
</tmx>
"#;

#[test]
fn a_star_all_header_comes_back_with_its_tus_unchanged() {
    let s = Scratch::new();
    let p = s.path("multi.tmx");
    std::fs::write(&p, ALL).unwrap();
    ok(&s.run(&["import", p.to_str().unwrap()]));
    let (header, original, _) = read_path(p.to_str().unwrap(), false);
    let (h, tus, _) = export(&s, &["--collection", "multi.tmx"]);
    assert_eq!(h, header);
    assert_eq!(tus, original, "no srclang added under a *all* header");
    // Merged under memoria's header, the TUs say which variant is the source.
    let (h, tus, _) = export(&s, &[]);
    assert_eq!(h.attr("srclang"), Some("en"));
    assert_eq!(tus[1].attr("srclang"), Some("es"));
}

#[test]
fn a_merged_export_carries_each_ude_once_and_warns_when_a_name_has_other_maps() {
    let s = Scratch::new();
    let custom = s.path("mac-custom.tmx");
    std::fs::write(&custom, CUSTOM).unwrap();
    let l = corpus("tmx/omegat-compkit-ImportTest1L.tmx");
    let c = corpus("tmx/omegat-compkit-ImportTest2C.tmx");
    ok(&s.run(&["import", &l, &c, custom.to_str().unwrap()]));
    let (h1l, _, _) = read_path(&l, false);
    let (hcustom, _, _) = read_path(custom.to_str().unwrap(), false);
    assert_eq!(h1l.udes, read_path(&c, false).0.udes, "1L and 2C define MacRoman alike");
    let (h, tus, err) = export(&s, &[]);
    assert_eq!(h.attr("o-tmf"), Some("memoria SQLite TM"));
    assert_eq!(h.udes, [h1l.udes[0].clone(), hcustom.udes[1].clone()]);
    assert!(h.udes[0].contains(r#"ent="AppleLogo""#) && h.udes[1].starts_with(r#"<ude name="Symbols">"#));
    let warnings: Vec<&str> = err.lines().filter(|l| l.starts_with("warning:")).collect();
    assert_eq!(
        warnings,
        [
            r#"warning: <ude name="MacRoman"> of collection "mac-custom.tmx" has other maps than the one of "omegat-compkit-ImportTest1L.tmx"; keeping "omegat-compkit-ImportTest1L.tmx"'s"#
        ]
    );
    let registered = tus.iter().find(|t| t.tuvs[0].seg.plain_text().starts_with("Registered")).unwrap();
    assert_eq!(registered.tuvs[1].seg.plain_text(), "Marque déposée\u{E001}");
    // One collection: its own udes only, no warning.
    let (h, _, err) = export(&s, &["--collection", "mac-custom.tmx"]);
    assert_eq!(h, hcustom);
    assert!(!err.contains("warning"), "{err}");
}

#[test]
fn a_v2_tm_keeps_its_tus_and_stores_headers_from_the_next_import() {
    let s = Scratch::new();
    rusqlite::Connection::open(s.db())
        .unwrap()
        .execute_batch(include_str!("../../crates/store/tests/v2_schema.sql"))
        .unwrap();
    let name = "pythontmx-standard.tmx";
    let (h, tus, err) = export(&s, &["--collection", name]);
    assert!(err.starts_with(&format!("note: no TMX header stored for collection \"{name}\"")), "{err}");
    assert_eq!(h.attr("creationtool"), Some("memoria"));
    let texts: Vec<String> = tus.iter().map(|t| t.tuvs[0].seg.plain_text()).collect();
    assert_eq!(texts, ["Hello world", "Press OK."]);
    let version: i64 =
        rusqlite::Connection::open(s.db()).unwrap().query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
    assert_eq!(version, memoria_store::SCHEMA_VERSION);
    let o = s.run(&["import", &corpus(&format!("tmx/{name}")), "--format", "json"]);
    assert_eq!(json(ok(&o))["total"]["duplicates"], 2);
    let (h, tus, _) = export(&s, &["--collection", name]);
    assert_eq!(h, read_path(&corpus(&format!("tmx/{name}")), false).0);
    assert_eq!(tus.len(), 2);
}
