//! Schema version 3: each collection's TMX header is stored with the import
//! that brought it (same transaction), replaced by a re-import, and a
//! version-2 TM (`v2_schema.sql`, written by memoria's version-2 schema) is
//! migrated to version 3 (and on to the current version) in one transaction.

use memoria_core::lang::LangTag;
use memoria_core::tu::{Header, HeaderChild, Note, Prop, Tu, Tuv};
use memoria_store::{CollectionCount, ImportOptions, Provenance, Query, Tm, SCHEMA_VERSION};

/// What schema versions 13 and 14 changed, undone (a TM of an older version).
const UNDO_13_14: &str = include_str!("undo_schema_13_14.sql");

fn attrs(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
}

/// The header of okapi-trados-twb-test01.tmx, with a memoQ-style ude added.
fn trados_header() -> Header {
    Header {
        attrs: attrs(&[
            ("creationtool", "TRADOS Translator's Workbench for Windows"),
            ("creationtoolversion", "Edition 8 Build 835"),
            ("segtype", "sentence"),
            ("o-tmf", "TW4Win 2.0 Format"),
            ("adminlang", "EN-US"),
            ("srclang", "EN-US"),
            ("datatype", "rtf"),
            ("creationdate", "20101020T200551Z"),
            ("creationid", "YS"),
        ]),
        props: vec![
            Prop { ptype: "RTFFontTable".into(), attrs: vec![], value: "{\\fonttbl {\\f1 Courier New;}}".into() },
            Prop { ptype: "x-Client:SinglePicklist".into(), attrs: attrs(&[("xml:lang", "en")]), value: "ACME".into() },
        ],
        notes: vec![Note { attrs: attrs(&[("xml:lang", "en")]), value: "Exported for the ACME project".into() }],
        udes: vec![
            "<ude name=\"MacRoman\" base=\"Macintosh\">\n   <map unicode=\"#xF8FF\" code=\"#xF0\" ent=\"AppleLogo\" subst=\"[Apple]\"/>\n  </ude>".into(),
        ],
        // As the file had them: a prop, the note, the other prop, the ude.
        order: HeaderChild::decode("pnpu"),
    }
}

fn pair(en: &str, fr: &str) -> Tu {
    let tuvs = vec![Tuv::plain(LangTag::new("en").unwrap(), en), Tuv::plain(LangTag::new("fr").unwrap(), fr)];
    Tu { tuvs, ..Tu::default() }
}

fn import(tm: &mut Tm, collection: &str, header: &Header, tus: &[Tu]) {
    let mut imp =
        tm.import_with(ImportOptions { collection: Some(collection.into()), ..ImportOptions::default() }).unwrap();
    for tu in tus {
        imp.add(tu, &Provenance::default()).unwrap();
    }
    imp.set_header(collection, header).unwrap();
    imp.commit().unwrap();
}

fn count(name: Option<&str>, tus: u64, header: bool) -> CollectionCount {
    CollectionCount { collection: name.map(String::from), tus, header }
}

#[test]
fn a_header_comes_back_as_stored_and_a_reimport_replaces_it() {
    let mut tm = Tm::open_in_memory().unwrap();
    let h = trados_header();
    import(&mut tm, "client.tmx", &h, &[pair("Save the file.", "Enregistrez le fichier.")]);
    let plain = Header { attrs: attrs(&[("creationtool", "OmegaT"), ("srclang", "en")]), ..Header::default() };
    import(&mut tm, "omegat.tmx", &plain, &[pair("Open the file.", "Ouvrez le fichier.")]);
    assert_eq!(tm.header("client.tmx").unwrap(), Some(h.clone()));
    assert_eq!(tm.header("omegat.tmx").unwrap(), Some(plain.clone()));
    assert_eq!(tm.header("other.tmx").unwrap(), None);

    let mut newer = h.clone();
    newer.set_attr("creationdate", "20240301T101500Z");
    newer.notes.push(Note { attrs: vec![], value: "second delivery".into() });
    import(&mut tm, "client.tmx", &newer, &[pair("Close the file.", "Fermez le fichier.")]);
    assert_eq!(tm.header("client.tmx").unwrap(), Some(newer.clone()));
    // Import order: the re-imported collection now comes last.
    let names: Vec<String> = tm.headers().unwrap().into_iter().map(|(c, _)| c).collect();
    assert_eq!(names, ["omegat.tmx", "client.tmx"]);
    assert_eq!(tm.collections().unwrap(), [count(Some("client.tmx"), 2, true), count(Some("omegat.tmx"), 1, true)]);
}

#[test]
fn a_dropped_import_stores_no_header() {
    let mut tm = Tm::open_in_memory().unwrap();
    {
        let mut imp = tm.import().unwrap();
        imp.add(&pair("Save the file.", "Enregistrez le fichier."), &Provenance::default()).unwrap();
        imp.set_header("client.tmx", &trados_header()).unwrap();
        // Dropped without commit: a failed import.
    }
    assert_eq!(tm.header("client.tmx").unwrap(), None);
    assert!(tm.headers().unwrap().is_empty());
    assert!(tm.collections().unwrap().is_empty());
    // TUs without a collection (memoria align --import) are listed under None.
    let mut imp = tm.import().unwrap();
    imp.add(&pair("Save the file.", "Enregistrez le fichier."), &Provenance::default()).unwrap();
    imp.commit().unwrap();
    assert_eq!(tm.collections().unwrap(), [count(None, 1, false)]);
}

const V2: &str = include_str!("v2_schema.sql");

fn user_version(path: &std::path::Path) -> i64 {
    rusqlite::Connection::open(path).unwrap().query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap()
}

#[test]
fn a_v2_tm_is_migrated_to_the_current_version_keeping_its_tus_and_lookups() {
    assert_eq!(SCHEMA_VERSION, 14);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v2.db");
    rusqlite::Connection::open(&path).unwrap().execute_batch(V2).unwrap();
    let mut tm = Tm::open(&path).unwrap();
    assert_eq!(tm.schema_version().unwrap(), SCHEMA_VERSION);
    assert_eq!(tm.tu_count().unwrap(), 3);
    let en = LangTag::new("en").unwrap();
    let fr = LangTag::new("fr").unwrap();
    let m = tm.lookup(&Query::new("Hello world", en.clone(), fr.clone())).unwrap();
    assert_eq!((m[0].score, m[0].target.plain_text().as_str()), (100, "Bonjour le monde"));
    let m = tm.lookup(&Query::new("Press OK now.", en.clone(), fr.clone())).unwrap();
    assert_eq!(m[0].stored_target.plain_text(), "Appuyez sur OK.");
    assert_eq!(tm.concordance("commencer", &fr, None, 5).unwrap()[0].source.plain_text(), "Cliquez  pour commencer.");
    // A v2 TM kept no headers: the collections are there, without one.
    assert_eq!(
        tm.collections().unwrap(),
        [count(Some("okapi-header_with_prop_and_note.tmx"), 1, false), count(Some("pythontmx-standard.tmx"), 2, false)]
    );
    assert_eq!(tm.header("pythontmx-standard.tmx").unwrap(), None);
    // The attributes as imported: a leading srclang in its column (14), the
    // others in `attrs`; each TU's TUVs found by its TUV range (13).
    assert_eq!(tm.load_tu(1).unwrap().attrs, attrs(&[("tuid", "tu1"), ("srclang", "en")]));
    assert_eq!(tm.load_tu(3).unwrap().attrs, attrs(&[("srclang", "en-US")]));
    assert_eq!(tm.load_tu(3).unwrap().tuvs.len(), 2);
    assert!(tm.verify().unwrap().problems.is_empty());
    {
        let c = rusqlite::Connection::open(&path).unwrap();
        let rows: Vec<(i64, String, Option<String>, Option<String>, i64, i64)> = c
            .prepare(
                "SELECT tu.id, attrs, srclang, c.name, tuv_first, tuv_span FROM tu
                 LEFT JOIN collection AS c ON c.id = tu.collection_id ORDER BY tu.id",
            )
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?)))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        let py = Some("pythontmx-standard.tmx".to_string());
        assert_eq!(
            rows,
            [
                (1, r#"[["tuid","tu1"],["srclang","en"]]"#.to_string(), None, py.clone(), 1, 2),
                (2, r#"[["tuid","tu2"],["srclang","en"]]"#.to_string(), None, py, 3, 2),
                (3, String::new(), Some("en-US".into()), Some("okapi-header_with_prop_and_note.tmx".into()), 5, 2)
            ]
        );
    }
    // Re-importing the file stores its header.
    import(&mut tm, "pythontmx-standard.tmx", &trados_header(), &[pair("Hello world", "Bonjour le monde")]);
    assert_eq!(tm.header("pythontmx-standard.tmx").unwrap(), Some(trados_header()));
    drop(tm);
    assert_eq!(user_version(&path), SCHEMA_VERSION);
    assert_eq!(Tm::open(&path).unwrap().tu_count().unwrap(), 3, "the identical TU was a duplicate");
}

#[test]
fn a_failed_2_to_3_migration_leaves_the_v2_tm_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v2.db");
    // A table named like the new one makes CREATE TABLE header fail midway.
    rusqlite::Connection::open(&path)
        .unwrap()
        .execute_batch(&format!("{V2} CREATE TABLE header (note TEXT); INSERT INTO header VALUES ('mine');"))
        .unwrap();
    let err = Tm::open(&path).err().expect("migration fails").to_string();
    assert!(err.contains("header already exists"), "{err}");
    let c = rusqlite::Connection::open(&path).unwrap();
    assert_eq!(c.query_row("PRAGMA user_version", [], |r| r.get::<_, i64>(0)).unwrap(), 2);
    assert_eq!(c.query_row("SELECT count(*) FROM tu", [], |r| r.get::<_, i64>(0)).unwrap(), 3);
    assert_eq!(c.query_row("SELECT note FROM header", [], |r| r.get::<_, String>(0)).unwrap(), "mine");
}

#[test]
fn a_v1_tm_goes_to_the_current_version_with_a_header_table() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v1.db");
    rusqlite::Connection::open(&path).unwrap().execute_batch(include_str!("v1_schema.sql")).unwrap();
    let mut tm = Tm::open(&path).unwrap();
    assert_eq!(tm.schema_version().unwrap(), SCHEMA_VERSION);
    assert_eq!(tm.collections().unwrap(), [count(Some("old"), 2, false)]);
    import(&mut tm, "old", &trados_header(), &[]);
    assert_eq!(tm.collections().unwrap(), [count(Some("old"), 2, true)]);
}

#[test]
fn a_collection_whose_tus_were_all_duplicates_still_holds_them() {
    // Issue 23: a TU belongs to every collection that imported it (schema 8).
    let mut tm = Tm::open_in_memory().unwrap();
    let tus = [pair("Save the file.", "Enregistrez le fichier."), pair("Open the file.", "Ouvrez le fichier.")];
    import(&mut tm, "first.tmx", &trados_header(), &tus);
    import(&mut tm, "again.tmx", &trados_header(), &tus);
    // The same file twice under one name links nothing more.
    import(&mut tm, "again.tmx", &trados_header(), &tus[..1]);
    assert_eq!(tm.tu_count().unwrap(), 2);
    assert_eq!(tm.collections().unwrap(), [count(Some("again.tmx"), 2, true), count(Some("first.tmx"), 2, true)]);
    let filter = memoria_store::ExportFilter { collection: Some("again.tmx".into()), ..Default::default() };
    let texts: Vec<String> = tm.export(&filter).unwrap().map(|t| t.unwrap().tuvs[0].seg.plain_text()).collect();
    assert_eq!(texts, ["Save the file.", "Open the file."]);
    // Deleting a TU takes it out of every collection.
    let who = memoria_store::Author { name: "ana".into(), at: 1_700_000_000 };
    let sel = memoria_store::Selection { collection: Some("again.tmx".into()), ..Default::default() };
    assert_eq!(tm.find(&sel, 0, 10).unwrap().len(), 2);
    tm.delete(&memoria_store::Selection::id(1), &who, false).unwrap();
    assert_eq!(tm.collections().unwrap(), [count(Some("again.tmx"), 1, true), count(Some("first.tmx"), 1, true)]);
    assert!(tm.verify().unwrap().problems.is_empty());
}

#[test]
fn a_v6_tm_gets_the_header_order_and_the_collection_links() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v6.db");
    {
        let mut tm = Tm::open(&path).unwrap();
        import(&mut tm, "client.tmx", &trados_header(), &[pair("Save the file.", "Enregistrez le fichier.")]);
    }
    {
        // What memoria of schema version 6 left.
        let c = rusqlite::Connection::open(&path).unwrap();
        c.execute_batch(UNDO_13_14).unwrap();
        c.execute_batch(
            "ALTER TABLE header DROP COLUMN layout; DROP TABLE tu_collection;
             PRAGMA user_version = 6;",
        )
        .unwrap();
    }
    let mut tm = Tm::open(&path).unwrap();
    assert_eq!(tm.schema_version().unwrap(), SCHEMA_VERSION);
    // A header stored before version 7 has no order: udes, notes, props.
    assert_eq!(tm.header("client.tmx").unwrap(), Some(Header { order: vec![], ..trados_header() }));
    import(&mut tm, "again.tmx", &trados_header(), &[pair("Save the file.", "Enregistrez le fichier.")]);
    assert_eq!(tm.header("again.tmx").unwrap(), Some(trados_header()));
    assert_eq!(tm.collections().unwrap(), [count(Some("again.tmx"), 1, true), count(Some("client.tmx"), 1, true)]);
}

#[test]
fn a_leading_srclang_is_stored_in_its_column_and_comes_back_first() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("tm.db");
    let mut tm = Tm::open(&path).unwrap();
    let with = |a: &[(&str, &str)], en: &str| Tu { attrs: attrs(a), ..pair(en, "x") };
    let tus = [
        with(&[("srclang", "en"), ("tuid", "7")], "One."),
        with(&[("tuid", "8"), ("srclang", "en")], "Two."),
        with(&[("srclang", "*all*")], "Three."),
        with(&[], "Four."),
    ];
    import(&mut tm, "a.tmx", &trados_header(), &tus);
    for (id, tu) in (1..).zip(&tus) {
        assert_eq!(tm.load_tu(id).unwrap().attrs, tu.attrs, "TU {id}");
    }
    let c = rusqlite::Connection::open(&path).unwrap();
    let rows: Vec<(String, Option<String>, i64)> = c
        .prepare("SELECT attrs, srclang, collection_id FROM tu ORDER BY id")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(
        rows,
        [
            (r#"[["tuid","7"]]"#.to_string(), Some("en".to_string()), 1),
            (r#"[["tuid","8"],["srclang","en"]]"#.to_string(), None, 1),
            (String::new(), Some("*all*".to_string()), 1),
            (String::new(), None, 1)
        ]
    );
    // A TUV moved out of its TU's range is reported (memoria would not read it).
    c.execute("UPDATE tu SET tuv_span = 1 WHERE id = 2", []).unwrap();
    assert_eq!(tm.verify().unwrap().problems, ["TUV 4 is outside its TU's TUV range (tu.tuv_first, tu.tuv_span)"]);
    assert_eq!(tm.load_tu(2).unwrap().tuvs.len(), 1);
}
