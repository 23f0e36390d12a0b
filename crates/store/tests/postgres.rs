//! The PostgreSQL backend against a real server: the URL of a database in
//! which the test role may create databases comes from MEMORIA_TEST_DB_URL
//! (scripts/test.sh starts a throwaway cluster and sets it; without it these
//! tests fail, they never skip). Each test works in a database of its own.

use memoria_core::lang::LangTag;
use memoria_core::tu::{Tu, Tuv};
use memoria_store::{ImportOptions, OnConflict, Provenance, Query, Tm, TuSink};

mod pg_common;

use pg_common::Db;

fn es_en(es: &str, en: &str) -> Tu {
    Tu {
        tuvs: vec![Tuv::plain(LangTag::new("es").unwrap(), es), Tuv::plain(LangTag::new("en").unwrap(), en)],
        ..Tu::default()
    }
}

/// The pairs of the WMT news test set in ../shared/corpus/parallel (real
/// Spanish–English sentences), the first `n`.
fn corpus_pairs(n: usize) -> Vec<(String, String)> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/corpus/parallel/wmt_news_es_en.tsv");
    let text = std::fs::read_to_string(path).expect("the shared corpus");
    text.lines()
        .filter_map(|l| l.split_once('\t'))
        .filter(|(es, en)| !es.trim().is_empty() && !en.trim().is_empty())
        .take(n)
        .map(|(es, en)| (es.to_string(), en.to_string()))
        .collect()
}

/// Queries made from TM sentences: every 7th as it is, with a word
/// dropped, with a number changed, in other case, and with the first and
/// last words swapped.
fn queries(pairs: &[(String, String)]) -> Vec<String> {
    let mut out = Vec::new();
    for (i, (es, _)) in pairs.iter().enumerate().step_by(7) {
        let words: Vec<&str> = es.split(' ').collect();
        out.push(match i % 5 {
            0 => es.clone(),
            1 if words.len() > 3 => {
                let mut w = words.clone();
                w.remove(w.len() / 2);
                w.join(" ")
            }
            2 => format!("{es} 1997"),
            3 => es.to_uppercase(),
            _ if words.len() > 2 => {
                let mut w = words.clone();
                let last = w.len() - 1;
                w.swap(0, last);
                w.join(" ")
            }
            _ => es.clone(),
        });
    }
    out
}

fn summary(m: &[memoria_store::Match]) -> Vec<(u8, i64, String, String, String)> {
    m.iter()
        .map(|m| (m.score, m.tu_id, m.source.plain_text(), m.target.plain_text(), format!("{:?}", m.differences)))
        .collect()
}

#[test]
fn the_same_content_gives_the_same_matches_and_scores_as_on_sqlite() {
    let db = Db::new("same");
    let pairs = corpus_pairs(4000);
    let mut sq = Tm::open_in_memory().unwrap();
    let mut pg = db.open();
    for tm in [&mut sq, &mut pg] {
        let mut imp = tm.import().unwrap();
        for (i, (es, en)) in pairs.iter().enumerate() {
            let prov = Provenance { collection: Some(format!("part{}", i % 3)), ..Provenance::default() };
            imp.add(&es_en(es, en), &prov).unwrap();
        }
        // Alternatives and an exact duplicate.
        imp.add(&es_en(&pairs[10].0, "Another translation."), &Provenance::default()).unwrap();
        imp.add(&es_en(&pairs[11].0, &pairs[11].1), &Provenance::default()).unwrap();
        let r = imp.commit().unwrap();
        assert_eq!((r.duplicates, r.alternatives), (1 + duplicates_in(&pairs), 1 + alternatives_in(&pairs)));
    }
    assert_eq!(sq.tu_count().unwrap(), pg.tu_count().unwrap());
    let (es, en) = (LangTag::new("es").unwrap(), LangTag::new("en").unwrap());
    let qs = queries(&pairs);
    assert!(qs.len() > 500);
    let mut found = 0;
    for text in &qs {
        let mut q = Query::new(text, es.clone(), en.clone());
        q.limit = 5;
        let (a, b) = (sq.lookup(&q).unwrap(), pg.lookup(&q).unwrap());
        assert_eq!(summary(&a), summary(&b), "query {text:?}");
        found += usize::from(!a.is_empty());
    }
    assert!(found > qs.len() * 9 / 10, "most queries find their sentence: {found} of {}", qs.len());
    // The exhaustive scan agrees too.
    for text in qs.iter().take(40) {
        let q = Query::new(text, es.clone(), en.clone());
        assert_eq!(summary(&sq.lookup_exhaustive(&q).unwrap()), summary(&pg.lookup_exhaustive(&q).unwrap()));
    }
    assert_eq!(sq.stats().unwrap(), pg.stats().unwrap());
    assert_eq!(sq.collections().unwrap(), pg.collections().unwrap());
    let export = |tm: &Tm| tm.export(&Default::default()).unwrap().map(|t| t.unwrap()).collect::<Vec<_>>();
    assert_eq!(export(&sq), export(&pg));
    let v = pg.verify().unwrap();
    assert!(v.problems.is_empty(), "{:?}", v.problems);
    assert_eq!(v.tus, sq.tu_count().unwrap());
}

fn duplicates_in(pairs: &[(String, String)]) -> u64 {
    let mut seen = std::collections::HashSet::new();
    pairs.iter().filter(|p| !seen.insert((*p).clone())).count() as u64
}

fn alternatives_in(pairs: &[(String, String)]) -> u64 {
    // The corpus's own repeated sources with other translations.
    let mut by_source: std::collections::HashMap<&str, Vec<&str>> = Default::default();
    let mut n = 0;
    for (es, en) in pairs {
        let seen = by_source.entry(es.as_str()).or_default();
        if !seen.is_empty() && !seen.contains(&en.as_str()) {
            n += 1;
        }
        if !seen.contains(&en.as_str()) {
            seen.push(en);
        }
    }
    n
}

#[test]
fn overwrite_and_skip_behave_as_on_sqlite() {
    let db = Db::new("conflict");
    let mut sq = Tm::open_in_memory().unwrap();
    let mut pg = db.open();
    let (es, en) = (LangTag::new("es").unwrap(), LangTag::new("en").unwrap());
    let mut reports = vec![];
    for tm in [&mut sq, &mut pg] {
        let mut rs = vec![];
        for (policy, tus) in [
            (OnConflict::KeepBoth, vec![es_en("Hola, mundo.", "Hello, world."), es_en("Adiós.", "Bye.")]),
            (OnConflict::Skip, vec![es_en("Hola, mundo.", "Hi, planet."), es_en("Hola, mundo.", "Hello, world.")]),
            (
                OnConflict::Overwrite,
                vec![es_en("Adiós.", "Goodbye."), es_en("Adiós.", "Farewell."), es_en("Nuevo.", "New.")],
            ),
        ] {
            let mut imp = tm.import_with(ImportOptions { on_conflict: policy, collection: None }).unwrap();
            for tu in &tus {
                imp.add(tu, &Provenance::default()).unwrap();
            }
            rs.push(imp.commit().unwrap());
        }
        reports.push(rs);
    }
    assert_eq!(reports[0], reports[1]);
    assert_eq!(reports[1][2].overwritten, 2, "{:?}", reports[1][2]);
    let q = Query::new("Adiós.", es, en);
    assert_eq!(summary(&sq.lookup(&q).unwrap()), summary(&pg.lookup(&q).unwrap()));
    assert_eq!(pg.lookup(&q).unwrap()[0].target.plain_text(), "Farewell.");
    assert_eq!(pg.tu_count().unwrap(), 3);
    assert!(pg.verify().unwrap().problems.is_empty(), "{:?}", pg.verify().unwrap().problems);
}

/// The schema's two indexes a fresh import drops and builds at commit
/// (src/postgres/fresh.rs), present?
fn fresh_indexes(url: &str) -> (bool, bool) {
    let mut c = postgres::Client::connect(url, postgres::NoTls).unwrap();
    const Q: &str = "SELECT EXISTS (SELECT 1 FROM pg_indexes WHERE schemaname = 'memoria' AND indexname = $1)";
    (c.query_one(Q, &[&"tuv_exact"]).unwrap().get(0), c.query_one(Q, &[&"posting_pkey"]).unwrap().get(0))
}

/// An import into an empty TM loads without the exact index and the
/// postings' key and finds duplicates and conflicts among its own TUs
/// through its keys: across its batches of 2,000 TUs, under every
/// policy, it stores and reports what SQLite does, and the indexes are
/// there after its commit as after a dropped one.
#[test]
fn a_fresh_import_finds_its_own_duplicates_and_conflicts_as_sqlite_does() {
    let pairs = corpus_pairs(3000);
    let mut tus: Vec<Tu> = pairs.iter().map(|(es, en)| es_en(es, en)).collect();
    for (i, (es, en)) in pairs.iter().enumerate() {
        if i % 5 == 0 {
            tus.push(es_en(es, en));
        }
        if i % 7 == 0 {
            tus.push(es_en(es, &format!("{en} (revised {i})")));
        }
    }
    let (es, en) = (LangTag::new("es").unwrap(), LangTag::new("en").unwrap());
    for (k, policy) in [OnConflict::KeepBoth, OnConflict::Skip, OnConflict::Overwrite].into_iter().enumerate() {
        let db = Db::new(&format!("fresh{k}"));
        let mut sq = Tm::open_in_memory().unwrap();
        let mut pg = db.open();
        // A dropped fresh import leaves the indexes as they were.
        let mut imp = pg.import().unwrap();
        imp.add(&es_en("Uno.", "One."), &Provenance::default()).unwrap();
        drop(imp);
        assert_eq!(fresh_indexes(&db.url), (true, true));
        let mut reports = vec![];
        for tm in [&mut sq, &mut pg] {
            let mut imp = tm.import_with(ImportOptions { on_conflict: policy, collection: Some("f".into()) }).unwrap();
            let prov = std::sync::Arc::new(Provenance::default());
            let mut produce = |sink: &mut dyn TuSink| {
                for tu in &tus {
                    if sink.add(tu.clone(), &prov).is_err() {
                        break;
                    }
                }
                Ok(())
            };
            imp.add_all(&mut produce).unwrap();
            reports.push(imp.commit().unwrap());
        }
        assert_eq!(reports[0], reports[1], "{policy:?}");
        let r = &reports[1];
        assert!(r.duplicates >= 600, "{policy:?}: {r:?}");
        match policy {
            OnConflict::KeepBoth => assert!(r.alternatives >= 429, "{r:?}"),
            OnConflict::Skip => assert!(r.skipped_conflicts >= 429, "{r:?}"),
            OnConflict::Overwrite => assert!(r.overwritten >= 429, "{r:?}"),
        }
        assert_eq!(fresh_indexes(&db.url), (true, true));
        let export = |tm: &Tm| tm.export(&Default::default()).unwrap().map(|t| t.unwrap()).collect::<Vec<_>>();
        assert_eq!(export(&sq), export(&pg), "{policy:?}");
        for (es_text, _) in pairs.iter().step_by(50) {
            let q = Query::new(es_text, es.clone(), en.clone());
            assert_eq!(summary(&sq.lookup(&q).unwrap()), summary(&pg.lookup(&q).unwrap()), "{policy:?} {es_text:?}");
        }
        let v = pg.verify().unwrap();
        assert!(v.problems.is_empty(), "{policy:?}: {:?}", v.problems);
    }
}

#[test]
fn a_rolled_back_or_dropped_import_leaves_nothing() {
    let db = Db::new("rollback");
    let mut pg = db.open();
    let mut imp = pg.import().unwrap();
    imp.add(&es_en("Uno.", "One."), &Provenance::default()).unwrap();
    imp.rollback().unwrap();
    let mut imp = pg.import().unwrap();
    imp.add(&es_en("Dos.", "Two."), &Provenance::default()).unwrap();
    drop(imp);
    assert_eq!(pg.tu_count().unwrap(), 0);
    let v = pg.verify().unwrap();
    assert_eq!((v.tus, v.tuvs, v.postings), (0, 0, 0));
}

#[test]
fn concordance_gives_the_same_hits_in_the_same_order_as_on_sqlite() {
    let db = Db::new("conc");
    let mut pg = db.open();
    let mut sq = Tm::open_in_memory().unwrap();
    let mut pairs = corpus_pairs(2000);
    // Words inside a longer word, a number, a URL, an underscore (a word char for PostgreSQL's \m, not for memoria).
    for (es, en) in [
        ("Los bancos centrales suben los tipos.", "Central banks raise rates."),
        ("Véase la nota 5 del banco central.", "See note 5 of the central bank."),
        ("Véase la nota 51.", "See note 51."),
        ("Visite www.banco.es hoy.", "Visit www.banco.es today."),
        ("El fichero mi_banco central.", "The file mi_banco central."),
    ] {
        pairs.push((es.to_string(), en.to_string()));
    }
    for tm in [&mut sq, &mut pg] {
        let mut imp = tm.import().unwrap();
        for (es, en) in &pairs {
            imp.add(&es_en(es, en), &Provenance::default()).unwrap();
        }
        imp.commit().unwrap();
    }
    let (es, en) = (LangTag::new("es").unwrap(), LangTag::new("en").unwrap());
    let hits = |tm: &Tm, phrase: &str, limit: usize| -> Vec<(i64, String, String)> {
        tm.concordance(phrase, &es, Some(&en), limit)
            .unwrap()
            .iter()
            .map(|h| (h.tu_id, h.source.plain_text(), format!("{:.6}", h.rank)))
            .collect()
    };
    for phrase in [
        "banco central",
        "BANCO CENTRAL",
        "banco",
        "banc",
        "bancos",
        "inflación",
        "inflacion",
        "por ciento",
        "50%",
        "de",
        "de la",
        "nota 5",
        "5",
        "a",
        "www.banco.es",
    ] {
        for limit in [10, 100_000] {
            assert_eq!(hits(&sq, phrase, limit), hits(&pg, phrase, limit), "{phrase} (limit {limit})");
        }
    }
    let texts = |phrase: &str| hits(&pg, phrase, 100).into_iter().map(|h| h.1).collect::<Vec<_>>();
    assert!(!texts("banco central").is_empty());
    assert!(texts("banco central").iter().all(|t| t.to_lowercase().contains("banco central")));
    assert!(texts("banco central").contains(&"El fichero mi_banco central.".to_string()), "_ is no letter");
    assert!(texts("banc").is_empty(), "no hit inside a word");
    assert!(texts("bancos").contains(&"Los bancos centrales suben los tipos.".to_string()));
    assert!(!texts("banco").contains(&"Los bancos centrales suben los tipos.".to_string()));
    assert_eq!(texts("nota 5"), ["Véase la nota 5 del banco central."]);
    assert!(!texts("banco").contains(&"Visite www.banco.es hoy.".to_string()), "only inside a URL");
    assert_eq!(texts("www.banco.es"), ["Visite www.banco.es hoy."]);
    let best = pg.concordance("Banco Central Europeo", &es, Some(&en), 3).unwrap();
    assert_eq!(best.len(), 3);
    assert!(best.iter().all(|h| h.target.is_some()));
    assert!(best.windows(2).all(|w| w[0].rank <= w[1].rank), "best first");
    // The pre-filter is served by the trigram index.
    let plan: String = {
        let mut c = postgres::Client::connect(&db.url, postgres::NoTls).unwrap();
        c.batch_execute("SET enable_seqscan = off").unwrap();
        let rows =
            c.query("EXPLAIN SELECT tuv_id FROM memoria.concordance WHERE text ~* $1", &[&"banco.*central"]).unwrap();
        rows.iter().map(|r| r.get::<_, String>(0)).collect::<Vec<_>>().join("\n")
    };
    assert!(plan.contains("concordance_trgm"), "{plan}");
}

#[test]
fn past_the_check_budget_both_backends_stop_at_the_same_candidate() {
    // 6,000 segments hold both words of "sala para", none the phrase: only the
    // first 5,000 candidates are checked, on either backend.
    let db = Db::new("concbudget");
    let mut pg = db.open();
    let mut sq = Tm::open_in_memory().unwrap();
    let mut pairs: Vec<(String, String)> =
        (0..6000).map(|i| (format!("Para la sala {i}."), format!("For room {i}."))).collect();
    pairs.insert(2500, ("Una sala para todos.".into(), "A room for everyone.".into()));
    pairs.push(("La SALA PARA niños.".into(), "The children's room.".into()));
    for tm in [&mut sq, &mut pg] {
        let mut imp = tm.import().unwrap();
        for (es, en) in &pairs {
            imp.add(&es_en(es, en), &Provenance::default()).unwrap();
        }
        imp.commit().unwrap();
    }
    let es = LangTag::new("es").unwrap();
    let texts = |tm: &Tm| {
        tm.concordance("sala para", &es, None, 10).unwrap().iter().map(|h| h.source.plain_text()).collect::<Vec<_>>()
    };
    assert_eq!(texts(&sq), ["Una sala para todos."]);
    assert_eq!(texts(&pg), texts(&sq));
}
