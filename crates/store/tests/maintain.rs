//! TM maintenance through the public API: delete by id, collection and
//! query, edit a target, dry runs, the audit trail, the consistency check,
//! and the version 4 → 5 migration that adds the trail. Every change is
//! checked against the TM's own invariants (`verify`: postings, counts,
//! TUs and TUVs) and against what lookup, concordance and export then give.

use memoria_core::content::Content;
use memoria_core::lang::LangTag;
use memoria_core::tu::{Tu, Tuv};
use memoria_store::*;
use rusqlite::types::Value;

/// What schema versions 13 and 14 changed, undone (a TM of an older version).
const UNDO_13_14: &str = include_str!("undo_schema_13_14.sql");

fn es() -> LangTag {
    LangTag::new("es").unwrap()
}
fn en() -> LangTag {
    LangTag::new("en").unwrap()
}

fn tu(es_text: &str, en_text: &str) -> Tu {
    Tu { tuvs: vec![Tuv::plain(es(), es_text), Tuv::plain(en(), en_text)], ..Tu::default() }
}

/// Sentences of samples/releases/debian-2017-ftp-shutdown and
/// debian-2012-debconf13-switzerland, in two collections.
const FTP: &[(&str, &str)] = &[
    ("Debian cierra sus servicios FTP públicos.", "Debian is shutting down its public FTP services."),
    ("Los servicios HTTP no se ven afectados.", "HTTP services are not affected."),
    ("Acerca de Debian", "About Debian"),
];
const DEBCONF: &[(&str, &str)] = &[
    (
        "La DebConf es la conferencia anual de desarrolladores del proyecto Debian.",
        "DebConf is the Debian Project's developer conference.",
    ),
    ("Acerca de Debian", "About the Debian Project"),
    ("Acerca de la DebConf", "About DebConf"),
];

fn tm_with_two_collections(path: Option<&std::path::Path>) -> Tm {
    let mut tm = match path {
        Some(p) => Tm::open(p).unwrap(),
        None => Tm::open_in_memory().unwrap(),
    };
    for (name, pairs) in [("ftp.tmx", FTP), ("debconf.tmx", DEBCONF)] {
        let mut imp = tm.import_with(ImportOptions { collection: Some(name.into()), ..Default::default() }).unwrap();
        for (s, t) in pairs {
            imp.add(&tu(s, t), &Provenance::default()).unwrap();
        }
        imp.commit().unwrap();
    }
    // The concordance index is built before the changes, so that they must
    // take their TUVs out of it.
    assert_eq!(tm.concordance("debian", &es(), None, 10).unwrap().len(), 4);
    tm
}

fn ana() -> Author {
    Author { name: "ana".into(), at: 4_102_444_800 }
}

fn assert_sound(tm: &Tm) {
    let r = tm.verify().unwrap();
    assert!(r.problems.is_empty(), "{:?}", r.problems);
}

fn texts(tm: &Tm, sel: &Selection) -> Vec<String> {
    tm.find(sel, 0, 100).unwrap().iter().map(|t| t.text(&es()).unwrap().to_string()).collect()
}

#[test]
fn deleting_by_collection_takes_its_tus_out_of_every_index() {
    let mut tm = tm_with_two_collections(None);
    let sel = Selection { collection: Some("ftp.tmx".into()), ..Selection::default() };
    let change = tm.delete(&sel, &ana(), false).unwrap();
    assert_eq!(change.tus.iter().map(|t| t.id).collect::<Vec<_>>(), [1, 2, 3]);
    assert_eq!(tm.tu_count().unwrap(), 3);
    assert_sound(&tm);
    let m = tm.lookup(&Query::new("Debian cierra sus servicios FTP públicos.", es(), en())).unwrap();
    assert!(m.iter().all(|m| m.tu_id > 3), "{m:?}");
    let hits = tm.concordance("servicios", &es(), None, 10).unwrap();
    assert!(hits.is_empty(), "{hits:?}");
    assert_eq!(
        tm.lookup(&Query::new("Acerca de Debian", es(), en())).unwrap()[0].target.plain_text(),
        "About the Debian Project"
    );
    let h = tm.history(2).unwrap();
    assert_eq!(h.len(), 1);
    assert_eq!((h[0].action, h[0].author.as_str(), h[0].at), (Action::Delete, "ana", 4_102_444_800));
    assert_eq!(h[0].before, tu(FTP[1].0, FTP[1].1));
    assert_eq!(h[0].after, None);
}

#[test]
fn a_query_selects_by_text_in_one_language_case_insensitively_and_conditions_combine() {
    let mut tm = tm_with_two_collections(None);
    let q = |lang: LangTag, text: &str, whole: bool| Some(TextQuery { lang, text: text.into(), whole });
    let sel = Selection { source: q(es(), "ACERCA DE", false), ..Selection::default() };
    assert_eq!(texts(&tm, &sel), ["Acerca de Debian", "Acerca de Debian", "Acerca de la DebConf"]);
    let sel = Selection {
        source: q(es(), "acerca de debian", true),
        target: q(en(), "project", false),
        ..Default::default()
    };
    assert_eq!(tm.find(&sel, 0, 10).unwrap().iter().map(|t| t.id).collect::<Vec<_>>(), [5]);
    // Non-ASCII case: SQLite's lower() would not fold "Ú".
    let sel = Selection { source: q(es(), "PÚBLICOS", false), ..Default::default() };
    assert_eq!(tm.find(&sel, 0, 10).unwrap().len(), 1);
    // ids and a collection: only the ids that are in it.
    let sel = Selection { ids: vec![1, 4, 99], collection: Some("debconf.tmx".into()), ..Default::default() };
    assert_eq!(tm.find(&sel, 0, 10).unwrap().iter().map(|t| t.id).collect::<Vec<_>>(), [4]);
    let change =
        tm.delete(&Selection { target: q(en(), "about", false), ..Default::default() }, &ana(), false).unwrap();
    assert_eq!(change.tus.len(), 3);
    assert_eq!(tm.tu_count().unwrap(), 3);
    assert_sound(&tm);
}

#[test]
fn a_dry_run_reports_the_same_and_leaves_the_tm_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("tm.db");
    let mut tm = tm_with_two_collections(Some(&path));
    let sel = Selection { collection: Some("debconf.tmx".into()), ..Selection::default() };
    let dry = tm.delete(&sel, &ana(), true).unwrap();
    assert!(dry.dry_run);
    assert_eq!(dry.tus.iter().map(|t| t.id).collect::<Vec<_>>(), [4, 5, 6]);
    let edit = TargetEdit { tu_id: 1, lang: en(), target: Content::from_text("Debian closes its FTP services.") };
    assert_eq!(tm.edit_target(&edit, &ana(), true).unwrap().tus.len(), 1);
    drop(tm);
    let tm = Tm::open(&path).unwrap();
    assert_eq!(tm.tu_count().unwrap(), 6);
    assert_eq!(tm.load_tu(1).unwrap(), tu(FTP[0].0, FTP[0].1));
    assert!(tm.history(1).unwrap().is_empty() && tm.history(4).unwrap().is_empty());
    assert_sound(&tm);
}

#[test]
fn an_edit_updates_lookup_concordance_and_the_tmx_change_stamp_and_is_recorded() {
    let mut tm = tm_with_two_collections(None);
    let new = "Debian closes its public FTP services.";
    let edit = TargetEdit { tu_id: 1, lang: en(), target: Content::from_text(new) };
    let change = tm.edit_target(&edit, &ana(), false).unwrap();
    assert_eq!(change.tus[0].after.as_ref().unwrap().variant(&en()).unwrap().seg.plain_text(), new);
    assert_sound(&tm);
    let stored = tm.load_tu(1).unwrap();
    assert_eq!(stored.attr("changeid"), Some("ana"));
    assert_eq!(stored.attr("changedate"), Some("21000101T000000Z"));
    assert_eq!(stored.variant(&es()).unwrap().seg.plain_text(), FTP[0].0, "the source is untouched");
    // Lookup from English finds the new text exactly, the old one no longer.
    let m = tm.lookup(&Query::new(new, en(), es())).unwrap();
    assert_eq!((m[0].tu_id, m[0].score), (1, 100));
    let m = tm.lookup(&Query::new(FTP[0].1, en(), es())).unwrap();
    assert!(m.iter().all(|m| m.score < 100), "{m:?}");
    let hits = tm.concordance("closes its", &en(), None, 10).unwrap();
    assert_eq!(hits.iter().map(|h| h.tu_id).collect::<Vec<_>>(), [1]);
    assert!(tm.concordance("shutting down", &en(), None, 10).unwrap().is_empty());
    // Exported with the stamp (and --since finds it).
    let since = ExportFilter { since: Some("21000101T000000Z".into()), ..Default::default() };
    let out: Vec<Tu> = tm.export(&since).unwrap().map(Result::unwrap).collect();
    assert_eq!(out, [stored]);
    let h = tm.history(1).unwrap();
    assert_eq!(h.len(), 1);
    assert_eq!(h[0].changed_variants(), [(en(), FTP[0].1.to_string(), Some(new.to_string()))]);
    // The same text again changes and records nothing.
    assert!(tm.edit_target(&edit, &ana(), false).unwrap().tus.is_empty());
    assert_eq!(tm.history(1).unwrap().len(), 1);
}

#[test]
fn editing_a_tu_or_variant_that_is_not_there_says_what_there_is() {
    let mut tm = tm_with_two_collections(None);
    let edit = TargetEdit { tu_id: 42, lang: en(), target: Content::from_text("x") };
    let err = tm.edit_target(&edit, &ana(), false).unwrap_err();
    assert_eq!(err.to_string(), "TU 42 is not in the TM");
    let edit = TargetEdit { tu_id: 1, lang: LangTag::new("fr").unwrap(), target: Content::from_text("x") };
    let err = tm.edit_target(&edit, &ana(), false).unwrap_err();
    assert_eq!(err.to_string(), "TU 1 has no fr variant (it has es, en)");
}

#[test]
fn the_history_of_a_deleted_tu_keeps_its_edit_and_its_deletion_in_order() {
    let mut tm = tm_with_two_collections(None);
    let edit = TargetEdit { tu_id: 3, lang: en(), target: Content::from_text("About the Debian project") };
    tm.edit_target(&edit, &ana(), false).unwrap();
    let bob = Author { name: "bob".into(), at: 4_102_444_900 };
    tm.delete(&Selection::id(3), &bob, false).unwrap();
    let h = tm.history(3).unwrap();
    assert_eq!(
        h.iter().map(|r| (r.action, r.author.as_str())).collect::<Vec<_>>(),
        [(Action::Edit, "ana"), (Action::Delete, "bob")]
    );
    assert_eq!(h[1].before.variant(&en()).unwrap().seg.plain_text(), "About the Debian project");
    assert!(h[0].seq < h[1].seq);
    assert_sound(&tm);
}

#[test]
fn inconsistencies_find_one_source_with_two_targets_and_one_target_with_two_sources() {
    let mut tm = tm_with_two_collections(None);
    let mut imp = tm.import().unwrap();
    imp.add(&tu("Los servicios HTTP no se ven afectados.", "About Debian"), &Provenance::default()).unwrap();
    // One TU with two regional variants is not an inconsistency.
    let regional = Tu {
        tuvs: vec![
            Tuv::plain(en(), "Hello World!"),
            Tuv::plain(LangTag::new("es-AR").unwrap(), "¡Hola Mundo!"),
            Tuv::plain(LangTag::new("es-BO").unwrap(), "(es_BO) ¡Hola Mundo!"),
        ],
        ..Tu::default()
    };
    imp.add(&regional, &Provenance::default()).unwrap();
    imp.commit().unwrap();
    let targets = tm.inconsistencies(InconsistencyKind::SeveralTargets, &es(), &en(), 10).unwrap();
    assert_eq!(targets.len(), 2, "{targets:#?}");
    let acerca = targets.iter().find(|g| g.shared == "Acerca de Debian").unwrap();
    let v: Vec<(&str, &[i64])> = acerca.variants.iter().map(|v| (v.text.as_str(), v.tu_ids.as_slice())).collect();
    assert_eq!(v, [("About Debian", &[3][..]), ("About the Debian Project", &[5][..])]);
    let sources = tm.inconsistencies(InconsistencyKind::SeveralSources, &es(), &en(), 10).unwrap();
    assert_eq!(sources.len(), 1, "{sources:#?}");
    assert_eq!((sources[0].shared.as_str(), sources[0].shared_lang.as_str()), ("About Debian", "en"));
    assert_eq!(sources[0].variants.iter().map(|v| v.tu_ids[0]).collect::<Vec<_>>(), [3, 7]);
    // Fixed by an edit (white space and curly quotes aside, case kept): the group is gone.
    let edit = TargetEdit { tu_id: 5, lang: en(), target: Content::from_text("About  Debian") };
    tm.edit_target(&edit, &ana(), false).unwrap();
    let targets = tm.inconsistencies(InconsistencyKind::SeveralTargets, &es(), &en(), 10).unwrap();
    assert!(targets.iter().all(|g| g.shared != "Acerca de Debian"), "{targets:#?}");
}

#[test]
fn a_v4_tm_gets_the_audit_table_and_keeps_its_tus() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v4.db");
    drop(tm_with_two_collections(Some(&path)));
    {
        // What memoria of schema version 4 left: no audit table (5), no term
        // tables (6), no header order (7), no TU–collection links (8).
        let c = rusqlite::Connection::open(&path).unwrap();
        c.execute_batch(UNDO_13_14).unwrap();
        c.execute_batch(
            "DROP TABLE audit; DROP TABLE term; DROP TABLE term_entry; ALTER TABLE header DROP COLUMN layout;
             DROP TABLE tu_collection; PRAGMA user_version = 4;",
        )
        .unwrap();
    }
    let mut tm = Tm::open(&path).unwrap();
    assert_eq!(tm.schema_version().unwrap(), memoria_store::SCHEMA_VERSION);
    assert_eq!(tm.tu_count().unwrap(), 6);
    tm.delete(&Selection::id(6), &ana(), false).unwrap();
    assert_eq!(tm.history(6).unwrap().len(), 1);
    assert_sound(&tm);
}

/// `(text, key, key_len)` of every TUV, in id order, as the file holds them.
fn stored_keys(path: &std::path::Path) -> Vec<(String, Value, i64)> {
    let c = rusqlite::Connection::open(path).unwrap();
    let mut st = c.prepare("SELECT text, key, key_len FROM tuv ORDER BY id").unwrap();
    st.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?))).unwrap().map(Result::unwrap).collect()
}

#[test]
fn a_key_that_is_the_folded_text_is_not_stored_twice_and_edits_keep_the_index_right() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("keys.db");
    let mut tm = Tm::open(&path).unwrap();
    let mut imp = tm.import().unwrap();
    imp.add(&tu("Acerca de Debian", "About Debian"), &Provenance::default()).unwrap();
    imp.add(&tu("Debian 13 publicado", "Debian 13 released"), &Provenance::default()).unwrap();
    imp.commit().unwrap();
    // Folded text: kept as '' with its length; a masked number: a patch of
    // the folded text (copy 7 bytes, skip 2, write the mask's 3 bytes).
    let text = |s: &str| Value::Text(s.into());
    let mask = |copy: u8| Value::Blob(vec![copy, 2, 3, 0xEE, 0x84, 0x80]);
    assert_eq!(
        stored_keys(&path),
        [
            ("Acerca de Debian".into(), text(""), 16),
            ("About Debian".into(), text(""), 12),
            ("Debian 13 publicado".into(), mask(7), 18),
            ("Debian 13 released".into(), mask(7), 17),
        ]
    );
    let m = tm.lookup(&Query::new("Acerca de Debian", es(), en())).unwrap();
    assert_eq!((m[0].score, m[0].target.plain_text()), (100, "About Debian".to_string()));
    let m = tm.lookup(&Query::new("About debian", en(), es())).unwrap();
    assert_eq!(m[0].source.plain_text(), "About Debian");
    // An edit takes the old (derived) key's words out of the index.
    let edit = TargetEdit { tu_id: 1, lang: en(), target: Content::from_text("About the Debian 13 project") };
    tm.edit_target(&edit, &ana(), false).unwrap();
    assert_sound(&tm);
    assert_eq!(stored_keys(&path)[1], ("About the Debian 13 project".into(), mask(17), 26));
    assert!(tm.lookup(&Query::new("About Debian", en(), es())).unwrap().iter().all(|m| m.score < 100));
    tm.delete(&Selection { ids: vec![1], ..Selection::default() }, &ana(), false).unwrap();
    assert_sound(&tm);
}

#[test]
fn a_damaged_match_key_is_an_error_naming_it_not_a_panic() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("keys.db");
    let mut tm = Tm::open(&path).unwrap();
    let mut imp = tm.import().unwrap();
    imp.add(&tu("Debian 13 publicado", "Debian 13 released"), &Provenance::default()).unwrap();
    imp.commit().unwrap();
    drop(tm);
    // A patch that reaches past its text (copy 60 bytes of 19).
    let c = rusqlite::Connection::open(&path).unwrap();
    c.execute("UPDATE tuv SET key = ?1", [Value::Blob(vec![60, 2, 3, 0xEE, 0x84, 0x80])]).unwrap();
    let tm = Tm::open(&path).unwrap();
    let err = tm.lookup(&Query::new("Debian 12 publicado", es(), en())).unwrap_err();
    assert_eq!(err.to_string(), "corrupt TM row: TUV 1: match key patch of 6 bytes does not fit its text");
}
