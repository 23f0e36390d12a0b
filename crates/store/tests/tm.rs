//! The store through its public API: import, lookup scores, conflicts,
//! context matches, migration, language fallback, placeable substitution.

use memoria_core::content::{CodeKind, Content, Inline, InlineCode};
use memoria_core::lang::LangTag;
use memoria_core::tu::{Tu, Tuv};
use memoria_store::*;

fn tu(es: &str, en: &str) -> Tu {
    Tu {
        tuvs: vec![Tuv::plain(LangTag::new("es").unwrap(), es), Tuv::plain(LangTag::new("en").unwrap(), en)],
        ..Tu::default()
    }
}

#[test]
fn identical_tu_is_a_duplicate() {
    let mut tm = Tm::open_in_memory().unwrap();
    let mut imp = tm.import().unwrap();
    assert!(imp.add(&tu("Hola.", "Hello."), &Provenance::default()).unwrap());
    assert!(!imp.add(&tu("Hola.", "Hello."), &Provenance::default()).unwrap());
    assert!(imp.add(&tu("Hola.", "Hi."), &Provenance::default()).unwrap());
    let r = imp.commit().unwrap();
    assert_eq!((r.read, r.added, r.duplicates), (3, 2, 1));
    assert_eq!(tm.tu_count().unwrap(), 2);
}

#[test]
fn dropped_import_leaves_tm_unchanged() {
    let mut tm = Tm::open_in_memory().unwrap();
    {
        let mut imp = tm.import().unwrap();
        imp.add(&tu("Hola.", "Hello."), &Provenance::default()).unwrap();
    }
    assert_eq!(tm.tu_count().unwrap(), 0);
}

#[test]
fn a_changed_date_is_put_into_the_target_in_the_target_s_own_style() {
    // debian-2012-lenny-security-end, paragraph 4, first sentence.
    let tm = tm_with(&[(
        "El proyecto Debian publicó Debian 6.0 alias “Squeeze” el 6 de febrero de 2011.",
        "The Debian project released Debian 6.0 alias “Squeeze” on the 6th of February 2011.",
    )]);
    let q = Query::new("El proyecto Debian publicó Debian 7.0 alias “Wheezy” el 4 de mayo de 2013.", es(), en());
    let m = tm.lookup(&q).unwrap();
    // A fuzzy match (a word differs too): the version and the date are carried
    // over, the word is left for the translator.
    assert!(m[0].score < 95, "{}", m[0].score);
    assert_eq!(
        m[0].target.plain_text(),
        "The Debian project released Debian 7.0 alias “Squeeze” on the 4th of May 2013."
    );
    // Placeables that do not pair up kind by kind are left as they were.
    let q = Query::new("El proyecto Debian publicó Debian 7.0 alias “Wheezy” en mayo de 2013.", es(), en());
    let m = tm.lookup(&q).unwrap();
    assert_eq!(
        m[0].target.plain_text(),
        "The Debian project released Debian 6.0 alias “Squeeze” on the 6th of February 2011."
    );
}

#[test]
fn version_number_change_scores_99_with_the_new_number_in_the_target() {
    let mut tm = Tm::open_in_memory().unwrap();
    let mut imp = tm.import().unwrap();
    imp.add(
        &tu("El proyecto Debian publica hoy su versión 6.0.", "The Debian project releases version 6.0 today."),
        &Provenance::default(),
    )
    .unwrap();
    imp.commit().unwrap();
    let q = Query::new(
        "El proyecto Debian publica hoy su versión 7.0.",
        LangTag::new("es").unwrap(),
        LangTag::new("en").unwrap(),
    );
    let m = tm.lookup(&q).unwrap();
    assert_eq!(m.len(), 1);
    assert_eq!(m[0].score, 99);
    assert_eq!(m[0].target.plain_text(), "The Debian project releases version 7.0 today.");
    assert_eq!(m[0].stored_target.plain_text(), "The Debian project releases version 6.0 today.");
    assert_eq!(band(m[0].score), "95-99");
}

#[test]
fn conflict_policies() {
    for (policy, count, target) in
        [(OnConflict::KeepBoth, 2, "Hi."), (OnConflict::Skip, 1, "Hello."), (OnConflict::Overwrite, 1, "Hi.")]
    {
        let mut tm = Tm::open_in_memory().unwrap();
        let mut imp = tm.import_with(ImportOptions { on_conflict: policy, collection: None }).unwrap();
        imp.add(&tu("Hola.", "Hello."), &Provenance::default()).unwrap();
        imp.add(&tu("Hola.", "Hi."), &Provenance::default()).unwrap();
        imp.commit().unwrap();
        assert_eq!(tm.tu_count().unwrap(), count, "{policy:?}");
        let q = Query::new("Hola.", LangTag::new("es").unwrap(), LangTag::new("en").unwrap());
        assert_eq!(tm.lookup(&q).unwrap()[0].target.plain_text(), target, "{policy:?}");
    }
}

#[test]
fn a_fresh_overwrite_deletes_only_the_tus_whose_source_it_brings_again() {
    // TU 1 goes when TU 2 comes (same English, other French); SQLite hands
    // TU 2 the freed id 1, under which TU 1's French is still a source key of
    // this fresh import. TU 3's source is that French: TU 2 has no such
    // variant, so it stays (the check of a candidate reads its language and
    // text, not only its id).
    let v = |lang: &str, text: &str| Tuv::plain(LangTag::new(lang).unwrap(), text);
    let with = |src: &str, tuvs: Vec<Tuv>| Tu { attrs: vec![("srclang".into(), src.into())], tuvs, ..Tu::default() };
    let mut tm = Tm::open_in_memory().unwrap();
    let mut imp = tm.import_with(ImportOptions { on_conflict: OnConflict::Overwrite, collection: None }).unwrap();
    imp.add(&with("en", vec![v("en", "Open the file"), v("fr", "Ouvrez le fichier")]), &Provenance::default()).unwrap();
    imp.add(&with("en", vec![v("en", "Open the file"), v("fr", "Ouvrir le fichier")]), &Provenance::default()).unwrap();
    imp.add(&with("fr", vec![v("fr", "Ouvrez le fichier"), v("en", "Please open the file")]), &Provenance::default())
        .unwrap();
    let report = imp.commit().unwrap();
    assert_eq!((report.added, report.overwritten), (3, 1));
    let kept: Vec<Vec<String>> = tm
        .export(&ExportFilter::default())
        .unwrap()
        .map(|t| t.unwrap().tuvs.iter().map(|v| v.seg.plain_text()).collect())
        .collect();
    assert_eq!(kept, [["Open the file", "Ouvrir le fichier"], ["Ouvrez le fichier", "Please open the file"]]);
}

#[test]
fn same_neighbours_make_a_context_match() {
    let mut tm = Tm::open_in_memory().unwrap();
    let mut imp = tm.import().unwrap();
    let prov = Provenance { prev: Some("Titular.".into()), next: Some("Fin.".into()), ..Provenance::default() };
    imp.add(&tu("Hola.", "Hello."), &prov).unwrap();
    imp.commit().unwrap();
    let mut q = Query::new("Hola.", LangTag::new("es").unwrap(), LangTag::new("en").unwrap());
    assert_eq!(tm.lookup(&q).unwrap()[0].score, 100);
    q.prev = Some("Titular.".into());
    q.next = Some("Fin.".into());
    assert_eq!(tm.lookup(&q).unwrap()[0].score, 101);
    q.next = Some("Otra cosa.".into());
    assert_eq!(tm.lookup(&q).unwrap()[0].score, 100);
}

fn es() -> LangTag {
    LangTag::new("es").unwrap()
}
fn en() -> LangTag {
    LangTag::new("en").unwrap()
}

fn tm_with(pairs: &[(&str, &str)]) -> Tm {
    let mut tm = Tm::open_in_memory().unwrap();
    let mut imp = tm.import().unwrap();
    for (s, t) in pairs {
        imp.add(&tu(s, t), &Provenance::default()).unwrap();
    }
    imp.commit().unwrap();
    tm
}

#[test]
fn number_only_change_scores_below_100_and_target_carries_the_new_number_localised() {
    let tm = tm_with(&[(
        "Las ventas subieron un 13,98 % hasta 1.234.567 unidades en 2010.",
        "Sales rose 13.98% to 1,234,567 units in 2010.",
    )]);
    let one =
        tm.lookup(&Query::new("Las ventas subieron un 13,98 % hasta 2.345.678 unidades en 2010.", es(), en())).unwrap();
    assert_eq!(one[0].score, 99);
    assert_eq!(one[0].target.plain_text(), "Sales rose 13.98% to 2,345,678 units in 2010.");
    assert_eq!(
        one[0].differences,
        vec![Difference::Placeable { stored: "1.234.567".into(), query: "2.345.678".into() }]
    );
    let two =
        tm.lookup(&Query::new("Las ventas subieron un 7,5 % hasta 2.345.678 unidades en 2011.", es(), en())).unwrap();
    assert_eq!(two[0].score, 97);
    assert_eq!(two[0].target.plain_text(), "Sales rose 7.5% to 2,345,678 units in 2011.");
    assert_eq!(two[0].stored_target.plain_text(), "Sales rose 13.98% to 1,234,567 units in 2010.");
}

#[test]
fn changed_number_missing_from_the_target_is_penalised_and_left_alone() {
    let tm = tm_with(&[("El acto empieza a las 18:30 en la sala 2.", "The event starts at half past six in room 2.")]);
    let m = tm.lookup(&Query::new("El acto empieza a las 19:30 en la sala 2.", es(), en())).unwrap();
    assert_eq!(m[0].score, 98);
    assert_eq!(m[0].target.plain_text(), "The event starts at half past six in room 2.");
    assert!(m[0].differences.contains(&Difference::NotSubstituted { stored: "18:30".into() }));
}

#[test]
fn case_only_and_punctuation_only_differences_score_99() {
    let tm = tm_with(&[(
        "El proyecto Debian publica hoy su nueva versión.",
        "The Debian project releases its new version today.",
    )]);
    let case = tm.lookup(&Query::new("el Proyecto debian publica hoy su nueva versión.", es(), en())).unwrap();
    assert_eq!((case[0].score, case[0].differences.clone()), (99, vec![Difference::Case]));
    let punct = tm.lookup(&Query::new("El proyecto Debian publica, hoy, su nueva versión", es(), en())).unwrap();
    assert_eq!((punct[0].score, punct[0].differences.clone()), (99, vec![Difference::Punctuation]));
    let exact = tm.lookup(&Query::new("  El proyecto  Debian publica hoy su nueva versión. ", es(), en())).unwrap();
    assert_eq!(exact[0].score, 100);
}

fn code(kind: CodeKind, native: &str, i: &str) -> Inline {
    Inline::Code(InlineCode { kind, attrs: vec![("i".into(), i.into())], content: vec![Inline::Text(native.into())] })
}

#[test]
fn inline_code_difference_is_penalised_not_counted_as_text() {
    let src = Content {
        items: vec![
            Inline::Text("Pulse ".into()),
            code(CodeKind::Bpt, "<b>", "1"),
            Inline::Text("Aceptar".into()),
            code(CodeKind::Ept, "</b>", "1"),
            Inline::Text(" para seguir.".into()),
        ],
    };
    let t = Tu {
        tuvs: vec![Tuv { seg: src, ..Tuv::plain(es(), "") }, Tuv::plain(en(), "Press OK to continue.")],
        ..Tu::default()
    };
    let mut tm = Tm::open_in_memory().unwrap();
    let mut imp = tm.import().unwrap();
    imp.add(&t, &Provenance::default()).unwrap();
    imp.commit().unwrap();
    // Same text without the two codes: 2 points, where counting the codes
    // as text would cost the <b></b> characters (7 of 33: score 78).
    let m = tm.lookup(&Query::new("Pulse Aceptar para seguir.", es(), en())).unwrap();
    assert_eq!(m[0].score, 98);
    assert_eq!(m[0].differences, vec![Difference::Codes { count: 2 }]);
    let with_codes = tm.lookup(&Query::new("Pulse \u{E000}Aceptar\u{E001} para seguir.", es(), en())).unwrap();
    assert_eq!(with_codes[0].score, 100);
    let moved = tm.lookup(&Query::new("Pulse Aceptar \u{E000}para\u{E001} seguir.", es(), en())).unwrap();
    assert_eq!(moved[0].score, 98);
}

#[test]
fn exact_tag_ranks_above_bare_language_above_other_region() {
    let mut tm = Tm::open_in_memory().unwrap();
    let mut imp = tm.import().unwrap();
    for (tag, target) in [("es-ES", "Computer (Spain)."), ("es", "Computer."), ("es-AR", "Computer (Argentina).")] {
        let t = Tu {
            tuvs: vec![Tuv::plain(LangTag::new(tag).unwrap(), "La computadora."), Tuv::plain(en(), target)],
            ..Tu::default()
        };
        imp.add(&t, &Provenance::default()).unwrap();
    }
    imp.commit().unwrap();
    let m = tm.lookup(&Query::new("La computadora.", LangTag::new("es-AR").unwrap(), en())).unwrap();
    let got: Vec<(&str, u8)> = m.iter().map(|m| (m.source_lang.as_str(), m.score)).collect();
    assert_eq!(got, [("es-AR", 99), ("es", 99), ("es-ES", 99)]);
    assert_eq!(m[0].differences, vec![Difference::MultipleTranslations]);
    // Any direction: en -> es-AR finds the same TUs.
    let back = tm.lookup(&Query::new("Computer.", en(), LangTag::new("es-AR").unwrap())).unwrap();
    assert_eq!((back[0].score, back[0].target.plain_text().as_str()), (100, "La computadora."));
}

#[test]
fn v1_tm_is_migrated_forward_in_place() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v1.db");
    {
        let c = rusqlite::Connection::open(&path).unwrap();
        c.execute_batch(include_str!("v1_schema.sql")).unwrap();
    }
    let tm = Tm::open(&path).unwrap();
    assert_eq!(tm.schema_version().unwrap(), SCHEMA_VERSION);
    assert_eq!(tm.tu_count().unwrap(), 2);
    let mut q = Query::new("El proyecto Debian publica hoy su versión 7.0.", es(), en());
    let m = tm.lookup(&q).unwrap();
    assert_eq!((m[0].score, m[0].target.plain_text().as_str()), (99, "The Debian project releases version 7.0 today."));
    q.source = "Hola.".into();
    q.prev = Some("Titular.".into());
    q.next = Some("Fin.".into());
    assert_eq!(tm.lookup(&q).unwrap()[0].score, 101);
    assert_eq!(tm.concordance("proyecto debian", &es(), Some(&en()), 5).unwrap().len(), 1);
    assert!(tm.concordance("proyecto deb", &es(), Some(&en()), 5).unwrap().is_empty(), "whole words only");
    drop(tm);
    let again = Tm::open(&path).unwrap();
    assert_eq!(again.tu_count().unwrap(), 2);
}

#[test]
fn foreign_and_newer_files_are_refused_unmodified() {
    let dir = tempfile::tempdir().unwrap();
    let text = dir.path().join("notes.txt");
    std::fs::write(&text, "no soy una base de datos\n".repeat(100)).unwrap();
    let err = Tm::open(&text).err().expect("refused").to_string();
    assert!(err.contains("not a SQLite database"), "{err}");
    assert_eq!(std::fs::read_to_string(&text).unwrap(), "no soy una base de datos\n".repeat(100));

    let other = dir.path().join("other.db");
    rusqlite::Connection::open(&other).unwrap().execute_batch("CREATE TABLE x (a); INSERT INTO x VALUES (1);").unwrap();
    let before = std::fs::read(&other).unwrap();
    let err = Tm::open(&other).err().expect("refused").to_string();
    assert!(err.contains("not a memoria TM"), "{err}");
    assert_eq!(std::fs::read(&other).unwrap(), before);

    let newer = dir.path().join("newer.db");
    drop(Tm::open(&newer).unwrap());
    rusqlite::Connection::open(&newer).unwrap().execute_batch("PRAGMA user_version = 99").unwrap();
    let err = Tm::open(&newer).err().expect("refused").to_string();
    assert!(err.contains("newer than this memoria supports"), "{err}");
}

#[test]
fn concordance_finds_phrases_inside_segments() {
    let tm = tm_with(&[
        ("El Banco Central Europeo no cortó el interés básico.", "The European Central Bank did not cut rates."),
        ("El banco central de Canadá bajó los tipos.", "The Canadian central bank cut rates."),
        ("Hoy llueve.", "It rains today."),
    ]);
    let hits = tm.concordance("banco central", &es(), Some(&en()), 10).unwrap();
    let mut got: Vec<String> = hits.iter().map(|h| h.target.as_ref().unwrap().plain_text()).collect();
    got.sort();
    assert_eq!(got, ["The Canadian central bank cut rates.", "The European Central Bank did not cut rates."]);
    assert!(tm.concordance("tipos de interés", &es(), None, 10).unwrap().is_empty());
}

/// Reads `n` es–en pairs of a corpus TSV (path relative to the repo root).
fn corpus_pairs(rel: &str, n: usize) -> Vec<(String, String)> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").join(rel);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    text.lines()
        .filter_map(|l| l.split_once('\t'))
        .map(|(a, b)| (a.trim().to_string(), b.trim().to_string()))
        .filter(|(a, b)| !a.is_empty() && !b.is_empty())
        .take(n)
        .collect()
}

#[test]
fn indexed_lookup_equals_exhaustive_scan_on_real_sentences() {
    let pairs = corpus_pairs("../shared/corpus/parallel/flores_ntrex_es_en.tsv", 3009);
    let mut tm = Tm::open_in_memory().unwrap();
    let mut imp = tm.import().unwrap();
    for (s, t) in &pairs {
        imp.add(&tu(s, t), &Provenance::default()).unwrap();
    }
    let report = imp.commit().unwrap();
    assert!(report.added > 2900, "{report:?}");
    let mut checked = 0;
    for (i, (s, _)) in pairs.iter().enumerate().step_by(61) {
        // Edits of the kinds the benchmark uses: drop a word, swap two.
        let mut words: Vec<&str> = s.split_whitespace().collect();
        if words.len() < 6 {
            continue;
        }
        if i % 2 == 0 {
            words.remove(words.len() / 2);
        } else {
            words.swap(1, 2);
        }
        let mut q = Query::new(&words.join(" "), es(), en());
        q.min_score = 60;
        let fast: Vec<(u8, i64)> = tm.lookup(&q).unwrap().iter().map(|m| (m.score, m.tu_id)).collect();
        let slow: Vec<(u8, i64)> = tm.lookup_exhaustive(&q).unwrap().iter().map(|m| (m.score, m.tu_id)).collect();
        assert_eq!(fast, slow, "{}", q.source);
        assert!(fast[0].0 >= 80, "{} {:?}", q.source, fast);
        checked += 1;
    }
    assert!(checked >= 40);
}

#[test]
fn one_scan_for_many_queries_gives_each_query_s_exhaustive_matches() {
    let pairs = corpus_pairs("../shared/corpus/parallel/flores_ntrex_es_en.tsv", 1500);
    let mut tm = Tm::open_in_memory().unwrap();
    let mut imp = tm.import().unwrap();
    for (s, t) in &pairs {
        imp.add(&tu(s, t), &Provenance::default()).unwrap();
    }
    imp.commit().unwrap();
    let mut queries = Vec::new();
    for (i, (s, t)) in pairs.iter().enumerate().step_by(97) {
        // Both directions; a word dropped, or only punctuation changed
        // (scored 100 by the stripped comparison, whatever the distance).
        let mut words: Vec<&str> = s.split_whitespace().collect();
        words.remove(words.len() / 2);
        queries.push(Query::new(&words.join(" "), es(), en()));
        queries.push(Query::new(&t.replace(',', " ;").replace('.', "!"), en(), es()));
        if i == 0 {
            // Only punctuation, as the corpus's line "," is.
            queries.push(Query::new("¿?", es(), en()));
        }
    }
    let all = tm.lookup_exhaustive_many(&queries).unwrap();
    assert_eq!(all.len(), queries.len());
    let summary = |m: &[Match]| m.iter().map(|m| (m.score, m.tu_id)).collect::<Vec<_>>();
    let mut found = 0;
    for (q, many) in queries.iter().zip(&all) {
        assert_eq!(summary(many), summary(&tm.lookup_exhaustive(q).unwrap()), "{}", q.source);
        assert_eq!(
            summary(many)[..1.min(many.len())],
            summary(&tm.lookup(q).unwrap())[..1.min(many.len())],
            "{}",
            q.source
        );
        found += usize::from(!many.is_empty());
    }
    // Every query finds its sentence ("¿?" finds "," at 99).
    assert_eq!(found, queries.len());
    assert_eq!(all[2].iter().map(|m| (m.score, m.source.plain_text())).collect::<Vec<_>>(), [(99, ",".to_string())]);
}
