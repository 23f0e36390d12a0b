//! TM maintenance and glossaries on PostgreSQL against a real server
//! (MEMORIA_TEST_DB_URL, see pg_common): every operation runs on a SQLite TM
//! and a PostgreSQL TM of the same content, and the answers are compared
//! (changes, listings, audit trails, inconsistencies, lookups,
//! concordance, exports, term entries, counts), besides the values each
//! must have; the PostgreSQL TM's own check stays clean after each change.

mod pg_common;

use memoria_core::content::Content;
use memoria_core::lang::LangTag;
use memoria_core::term::TermEntry;
use memoria_core::tu::{Tu, Tuv};
use memoria_store::sqlite::index::{short_term_ids, TINY_KEY_MAX};
use memoria_store::*;
use pg_common::Db;

fn es() -> LangTag {
    LangTag::new("es").unwrap()
}
fn en() -> LangTag {
    LangTag::new("en").unwrap()
}

/// A TU with its TMX change date (the import time would differ between the two TMs).
fn tu(es_text: &str, en_text: &str) -> Tu {
    let mut tu = Tu { tuvs: vec![Tuv::plain(es(), es_text), Tuv::plain(en(), en_text)], ..Tu::default() };
    tu.set_attr("changedate", "20240101T000000Z");
    tu
}

/// Sentences of samples/releases (debian-2017-ftp-shutdown,
/// debian-2012-debconf13-switzerland) in two collections, with one source
/// translated twice and one translation given to two sources.
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
    ("Sobre la DebConf", "About DebConf"),
];

/// The same TM on SQLite (in memory) and on the server.
fn both(db: &Db) -> [Tm; 2] {
    let mut tms = [Tm::open_in_memory().unwrap(), db.open()];
    for tm in &mut tms {
        for (name, pairs) in [("ftp.tmx", FTP), ("debconf.tmx", DEBCONF)] {
            let mut imp =
                tm.import_with(ImportOptions { collection: Some(name.into()), ..Default::default() }).unwrap();
            for (s, t) in pairs {
                imp.add(&tu(s, t), &Provenance::default()).unwrap();
            }
            // A TU without English: an export of es,en leaves it out.
            let mut only_es = Tu {
                tuvs: vec![Tuv::plain(es(), "Solo en español."), Tuv::plain(LangTag::new("fr").unwrap(), "Seulement.")],
                ..Tu::default()
            };
            only_es.set_attr("changedate", "20240101T000000Z");
            imp.add(&only_es, &Provenance::default()).unwrap();
            imp.commit().unwrap();
        }
        // The concordance index is built before the changes, so that they
        // must keep it up to date.
        assert_eq!(tm.concordance("debian", &es(), None, 10).unwrap().len(), 4);
    }
    tms
}

fn ana() -> Author {
    Author { name: "ana".into(), at: 4_102_444_800 }
}

fn sound(tm: &Tm) {
    let r = tm.verify().unwrap();
    assert!(r.problems.is_empty(), "{:?}", r.problems);
}

/// What a lookup, a concordance search and an export give: compared across the backends.
fn view(tm: &Tm) -> (Vec<(u8, i64, String, String)>, Vec<i64>, Vec<Tu>, Vec<Tu>) {
    let q = Query::new("Acerca de Debian", es(), en());
    let m = tm
        .lookup(&q)
        .unwrap()
        .iter()
        .map(|m| (m.score, m.tu_id, m.source.plain_text(), m.target.plain_text()))
        .collect();
    let mut c: Vec<i64> = tm.concordance("acerca", &es(), None, 100).unwrap().iter().map(|h| h.tu_id).collect();
    c.sort_unstable();
    let all = tm.export(&ExportFilter::default()).unwrap().map(|t| t.unwrap()).collect();
    let pair = tm
        .export(&ExportFilter { langs: vec![es(), en()], ..ExportFilter::default() })
        .unwrap()
        .map(|t| t.unwrap())
        .collect();
    (m, c, all, pair)
}

#[test]
fn find_delete_edit_history_and_inconsistencies_answer_as_on_sqlite() {
    let db = Db::new("maintain");
    let [mut sq, mut pg] = both(&db);
    assert_eq!(view(&sq), view(&pg));
    let pair = view(&pg).3;
    assert_eq!(pair.len(), 7, "the TUs without English are left out of an es,en export");

    // Listing: by collection, by text (Unicode case-insensitively), combined.
    let by_text = Selection {
        source: Some(TextQuery { lang: es(), text: "ACERCA DE".into(), whole: false }),
        ..Selection::default()
    };
    let sels = [
        Selection { collection: Some("ftp.tmx".into()), ..Selection::default() },
        by_text.clone(),
        Selection { collection: Some("debconf.tmx".into()), ..by_text.clone() },
        Selection { ids: vec![8, 2, 2, 99], ..Selection::default() },
        Selection {
            target: Some(TextQuery { lang: en(), text: "about debconf".into(), whole: true }),
            ..Selection::default()
        },
    ];
    for sel in &sels {
        assert_eq!(sq.find(sel, 0, 100).unwrap(), pg.find(sel, 0, 100).unwrap(), "{sel:?}");
        assert_eq!(sq.find(sel, 1, 1).unwrap(), pg.find(sel, 1, 1).unwrap(), "{sel:?}");
    }
    let ids = |v: Vec<TuSummary>| v.iter().map(|t| t.id).collect::<Vec<_>>();
    assert_eq!(ids(pg.find(&sels[1], 0, 100).unwrap()), [3, 6, 7]);
    assert_eq!(ids(pg.find(&sels[3], 0, 100).unwrap()), [2, 8]);

    // Inconsistencies, both ways.
    for kind in [InconsistencyKind::SeveralTargets, InconsistencyKind::SeveralSources] {
        let (a, b) =
            (sq.inconsistencies(kind, &es(), &en(), 10).unwrap(), pg.inconsistencies(kind, &es(), &en(), 10).unwrap());
        assert_eq!(a, b, "{kind:?}");
        assert_eq!(b.len(), 1, "{b:?}");
    }
    let several = pg.inconsistencies(InconsistencyKind::SeveralTargets, &es(), &en(), 10).unwrap();
    assert_eq!(several[0].shared, "Acerca de Debian");
    assert_eq!(several[0].variants.iter().map(|v| v.tu_ids.clone()).collect::<Vec<_>>(), [vec![3], vec![6]]);

    // A dry run reports what a deletion would do and changes nothing.
    let ftp = &sels[0];
    let dry = [&mut sq, &mut pg].map(|tm| tm.delete(ftp, &ana(), true).unwrap());
    assert_eq!(dry[0], dry[1]);
    assert!(dry[1].dry_run);
    assert_eq!(pg.tu_count().unwrap(), 8);
    assert!(pg.history(1).unwrap().is_empty());

    // The deletion itself.
    let done = [&mut sq, &mut pg].map(|tm| tm.delete(ftp, &ana(), false).unwrap());
    assert_eq!(done[0], done[1]);
    assert_eq!(done[1].tus.iter().map(|t| t.id).collect::<Vec<_>>(), [1, 2, 3, 4]);
    assert_eq!(pg.tu_count().unwrap(), 4);
    sound(&pg);
    assert_eq!(view(&sq), view(&pg));
    assert!(pg.concordance("servicios", &es(), None, 10).unwrap().is_empty());
    assert_eq!(format!("{:?}", sq.language_counts().unwrap()), format!("{:?}", pg.language_counts().unwrap()));

    // An edit: lookup, concordance and export see the new text; the TU carries the change stamp.
    let edit = TargetEdit { tu_id: 6, lang: en(), target: Content::from_text("About the Debian project") };
    let changed = [&mut sq, &mut pg].map(|tm| tm.edit_target(&edit, &ana(), false).unwrap());
    assert_eq!(changed[0], changed[1]);
    let after = changed[1].tus[0].after.clone().unwrap();
    assert_eq!(after.attr("changeid"), Some("ana"));
    assert_eq!(after.attr("changedate"), Some("21000101T000000Z"));
    sound(&pg);
    assert_eq!(view(&sq), view(&pg));
    let m = pg.lookup(&Query::new("Acerca de Debian", es(), en())).unwrap();
    assert_eq!((m[0].score, m[0].target.plain_text().as_str()), (100, "About the Debian project"));
    let edit_es = TargetEdit {
        tu_id: 5,
        lang: es(),
        target: Content::from_text("La DebConf reúne a los desarrolladores de Debian."),
    };
    for tm in [&mut sq, &mut pg] {
        tm.edit_target(&edit_es, &ana(), false).unwrap();
    }
    let hits =
        |tm: &Tm| tm.concordance("reúne a los", &es(), None, 10).unwrap().iter().map(|h| h.tu_id).collect::<Vec<_>>();
    assert_eq!(hits(&pg), [5]);
    assert_eq!(hits(&sq), hits(&pg));
    assert!(pg.concordance("conferencia anual", &es(), None, 10).unwrap().is_empty());
    sound(&pg);

    // An edit that changes nothing records nothing; a missing TU or variant is named.
    let same = [&mut sq, &mut pg].map(|tm| tm.edit_target(&edit, &ana(), false).unwrap());
    assert_eq!(same[0], same[1]);
    assert!(same[1].tus.is_empty());
    for (id, lang) in [(77, en()), (6, LangTag::new("de").unwrap())] {
        let e = TargetEdit { tu_id: id, lang, target: Content::from_text("x") };
        let (a, b) = (sq.edit_target(&e, &ana(), false).unwrap_err(), pg.edit_target(&e, &ana(), false).unwrap_err());
        assert_eq!(a.to_string(), b.to_string());
        assert!(matches!(b, StoreError::NotFound(_)), "{b}");
    }
    let dry_edit = TargetEdit { tu_id: 7, lang: en(), target: Content::from_text("Not kept.") };
    let d = [&mut sq, &mut pg].map(|tm| tm.edit_target(&dry_edit, &ana(), true).unwrap());
    assert_eq!(d[0], d[1]);
    assert_eq!(view(&sq), view(&pg));

    // The audit trail: a deleted TU keeps its history; an edited one has its edit.
    for id in [1, 3, 6, 5, 7] {
        assert_eq!(sq.history(id).unwrap(), pg.history(id).unwrap(), "TU {id}");
    }
    let h = pg.history(6).unwrap();
    assert_eq!(h.len(), 1);
    assert_eq!((h[0].action, h[0].author.as_str(), h[0].at), (Action::Edit, "ana", 4_102_444_800));
    assert_eq!(pg.history(3).unwrap()[0].action, Action::Delete);
    assert!(pg.history(7).unwrap().is_empty(), "a dry run records nothing");

    // New TUs after the deletions get the same ids on both.
    for tm in [&mut sq, &mut pg] {
        let mut imp = tm.import().unwrap();
        imp.add(
            &tu("Debian cierra sus servicios FTP públicos.", "Debian closes its FTP services."),
            &Provenance::default(),
        )
        .unwrap();
        imp.commit().unwrap();
    }
    assert_eq!(view(&sq), view(&pg));
    let inc = |tm: &Tm| tm.inconsistencies(InconsistencyKind::SeveralSources, &es(), &en(), 10).unwrap();
    assert_eq!(inc(&sq), inc(&pg));
    sound(&pg);
}

/// A glossary entry from its JSON form (as the TM stores it).
fn entry(json: &str) -> TermEntry {
    serde_json::from_str(json).unwrap()
}

const GLOSSARY: &[&str] = &[
    r#"{"id":"trata","subject":"migration","terms":[{"lang":"es","text":"trata de personas","status":"preferred"},{"lang":"en","text":"trafficking in persons"},{"lang":"en","text":"trade in people","status":"deprecated"}]}"#,
    r#"{"id":"oim","do_not_translate":true,"terms":[{"lang":"es","text":"OIM","case_sensitive":true},{"lang":"fr","text":"OIM","case_sensitive":true}]}"#,
    r#"{"terms":[{"lang":"es","text":"desplazado"},{"lang":"en","text":"displaced"}]}"#,
];

#[test]
fn glossaries_import_list_and_delete_as_on_sqlite() {
    let db = Db::new("terms");
    let mut tms = [Tm::open_in_memory().unwrap(), db.open()];
    let mut reports = vec![];
    for tm in &mut tms {
        let mut s = tm.import_terms().unwrap();
        for g in GLOSSARY {
            s.add("migration.tbx", &entry(g)).unwrap();
        }
        s.add("other.csv", &entry(GLOSSARY[0])).unwrap();
        reports.push(s.commit().unwrap());
        // The same glossary again, one entry changed: replaced in place, the others unchanged.
        let mut s = tm.import_terms().unwrap();
        s.add("migration.tbx", &entry(&GLOSSARY[0].replace("migration", "crime"))).unwrap();
        s.add("migration.tbx", &entry(GLOSSARY[1])).unwrap();
        s.add("migration.tbx", &entry(GLOSSARY[2])).unwrap();
        reports.push(s.commit().unwrap());
        // A rolled-back and a dropped session leave nothing.
        let mut s = tm.import_terms().unwrap();
        s.add("lost.tbx", &entry(GLOSSARY[2])).unwrap();
        s.rollback().unwrap();
        let mut s = tm.import_terms().unwrap();
        s.add("lost.tbx", &entry(GLOSSARY[1])).unwrap();
        drop(s);
    }
    assert_eq!(reports[0], reports[2]);
    assert_eq!(reports[1], reports[3]);
    assert_eq!((reports[2].added, reports[3].replaced, reports[3].unchanged), (4, 1, 2));
    let [sq, pg] = &mut tms;
    let list = |tm: &Tm, f: &TermFilter| tm.term_entries(f).unwrap().map(|e| e.unwrap()).collect::<Vec<_>>();
    let filters = [
        TermFilter::default(),
        TermFilter { collection: Some("migration.tbx".into()), ..TermFilter::default() },
        TermFilter { ids: vec!["oim".into(), "nope".into()], ..TermFilter::default() },
        TermFilter { langs: vec![es(), en()], ..TermFilter::default() },
        TermFilter {
            langs: vec![LangTag::new("fr").unwrap()],
            collection: Some("migration.tbx".into()),
            ..TermFilter::default()
        },
    ];
    for f in &filters {
        assert_eq!(list(sq, f), list(pg, f), "{f:?}");
    }
    let all = list(pg, &filters[0]);
    assert_eq!(
        all.iter().map(|e| (e.key, e.collection.as_str())).collect::<Vec<_>>(),
        [(1, "migration.tbx"), (2, "migration.tbx"), (3, "migration.tbx"), (4, "other.csv")]
    );
    assert_eq!(all[0].entry.subject.as_deref(), Some("crime"));
    assert_eq!(list(pg, &filters[3]).len(), 3);
    assert_eq!(list(pg, &filters[4]).iter().map(|e| e.key).collect::<Vec<_>>(), [2]);
    assert_eq!(sq.term_counts().unwrap(), pg.term_counts().unwrap());
    let counts = pg.term_counts().unwrap();
    assert_eq!(counts.entries, 4);
    assert_eq!(counts.terms, [("en".to_string(), 5), ("es".to_string(), 4), ("fr".to_string(), 1)]);
    // Deleting by collection, then by id; the numbers of the others stay.
    for f in [&filters[1], &filters[2]] {
        let (a, b) = (sq.delete_terms(f).unwrap(), pg.delete_terms(f).unwrap());
        assert_eq!(a, b);
    }
    assert_eq!(list(pg, &filters[0]).iter().map(|e| e.key).collect::<Vec<_>>(), [4]);
    assert_eq!(sq.term_counts().unwrap(), pg.term_counts().unwrap());
    // The next entry gets the next number, as a SQLite rowid.
    for tm in [&mut *sq, &mut *pg] {
        let mut s = tm.import_terms().unwrap();
        s.add("again.tbx", &entry(GLOSSARY[1])).unwrap();
        s.commit().unwrap();
    }
    assert_eq!(list(sq, &filters[0]), list(pg, &filters[0]));
    assert_eq!(list(pg, &filters[0]).iter().map(|e| e.key).collect::<Vec<_>>(), [4, 5]);
}

#[test]
fn a_version_1_schema_is_migrated_to_the_audit_term_and_link_tables_without_foreign_keys_keeping_its_tus() {
    let db = Db::new("migrate");
    {
        let mut tm = db.open();
        let mut imp = tm.import().unwrap();
        imp.add(&tu("Acerca de Debian", "About Debian"), &Provenance::default()).unwrap();
        imp.commit().unwrap();
    }
    // Back to what memoria's version-1 schema had.
    let mut c = ::postgres::Client::connect(&db.url, ::postgres::NoTls).unwrap();
    c.batch_execute(
        "DROP TABLE memoria.audit, memoria.term, memoria.term_entry, memoria.tu_collection;
         ALTER TABLE memoria.header DROP COLUMN layout;
         ALTER INDEX memoria.tu_by_collection RENAME TO tu_collection;
         ALTER TABLE memoria.tuv ADD FOREIGN KEY (tu_id) REFERENCES memoria.tu (id) ON DELETE CASCADE;
         ALTER TABLE memoria.concordance ADD FOREIGN KEY (tuv_id) REFERENCES memoria.tuv (id) ON DELETE CASCADE;
         UPDATE memoria.meta SET value = 1 WHERE name = 'schema_version'",
    )
    .unwrap();
    // Nor had it the tiny-word terms of version 6.
    for (lang, key) in [("es", "acerca de debian"), ("en", "about debian")] {
        for t in short_term_ids(lang, key, TINY_KEY_MAX) {
            assert_eq!(c.execute("DELETE FROM memoria.posting WHERE term = $1", &[&t]).unwrap(), 1);
        }
    }
    let mut tm = db.open();
    assert_eq!(tm.schema_version().unwrap(), memoria_store::postgres::PG_SCHEMA_VERSION);
    assert_eq!(memoria_store::postgres::PG_SCHEMA_VERSION, 6);
    assert_eq!(tm.tu_count().unwrap(), 1);
    // The migration put them back: a short query reads them.
    let mut q = Query::new("Acerca de Debían", es(), en());
    q.min_score = 70;
    let (m, trace) = tm.lookup_traced(&q).unwrap();
    assert_eq!((m[0].score, m[0].target.plain_text().as_str(), trace.postings), (93, "About Debian", 2));
    let edit = TargetEdit { tu_id: 1, lang: en(), target: Content::from_text("About the Debian Project") };
    tm.edit_target(&edit, &ana(), false).unwrap();
    assert_eq!(tm.history(1).unwrap().len(), 1);
    assert_eq!(tm.term_counts().unwrap(), TermCounts::default());
    let tables: i64 = c
        .query_one(
            "SELECT count(*) FROM pg_tables WHERE schemaname = 'memoria' AND tablename IN ('audit', 'term', 'term_entry', 'tu_collection')",
            &[],
        )
        .unwrap()
        .get(0);
    assert_eq!(tables, 4);
    let fks: i64 = c
        .query_one("SELECT count(*) FROM pg_constraint WHERE contype = 'f' AND connamespace = 'memoria'::regnamespace AND conrelid IN ('memoria.tuv'::regclass, 'memoria.concordance'::regclass)", &[])
        .unwrap()
        .get(0);
    assert_eq!(fks, 0);
    sound(&tm);
    // verify sees what a foreign key would have refused.
    c.batch_execute("INSERT INTO memoria.concordance (tuv_id, lang_base, text) VALUES (999, 'es', 'x')").unwrap();
    let problems = tm.verify().unwrap().problems;
    assert_eq!(problems, ["concordance row of TUV 999 has no TUV"]);
}
