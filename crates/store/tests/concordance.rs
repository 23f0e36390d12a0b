//! Concordance search through the candidate postings (sqlite/concordance.rs;
//! the contract is crates/store/src/concordance.rs): on real sentences it
//! finds exactly the segments that hold the phrase as whole words; a word
//! inside a longer one is not a hit; numbers are matched as written;
//! diacritics are kept; a phrase whose words are everywhere but which is
//! itself rare is found; a phrase without words is found by the bounded
//! scan; hits are ranked by the share of the segment the phrase covers;
//! targets come with their TUs.

use memoria_core::lang::LangTag;
use memoria_core::tu::{Tu, Tuv};
use memoria_store::sqlite::index::{short_term_ids, TINY_KEY_MAX};
use memoria_store::*;
use std::collections::BTreeSet;

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

fn tm_with(pairs: &[(String, String)]) -> Tm {
    let mut tm = Tm::open_in_memory().unwrap();
    let mut imp = tm.import().unwrap();
    for (s, t) in pairs {
        imp.add(&tu(s, t), &Provenance::default()).unwrap();
    }
    imp.commit().unwrap();
    tm
}

/// Whether `text` holds `phrase` as whole words, case-insensitively: the
/// contract, written here independently of the search (lower-case, white
/// space runs as one space, a letter or digit on neither side).
fn holds(text: &str, phrase: &str) -> bool {
    let squash = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase();
    let (hay, needle) = (squash(text), squash(phrase));
    let word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    (0..hay.len()).filter(|&i| hay.is_char_boundary(i) && hay[i..].starts_with(&needle)).any(|i| {
        let (before, after) = (hay[..i].chars().next_back(), hay[i + needle.len()..].chars().next());
        (!word(needle.chars().next()) || !word(before)) && (!word(needle.chars().next_back()) || !word(after))
    })
}

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
fn on_real_sentences_the_search_finds_exactly_the_segments_holding_the_phrase_as_words() {
    let pairs = corpus_pairs("../shared/corpus/parallel/flores_ntrex_es_en.tsv", 3000);
    let tm = tm_with(&pairs);
    // Distinct Spanish texts by TU id (duplicates were not stored).
    let mut stored: Vec<(i64, String)> = Vec::new();
    for id in 1..=tm.tu_count().unwrap() as i64 {
        let t = tm.load_tu(id).unwrap();
        stored.push((id, t.variant(&es()).unwrap().seg.plain_text()));
    }
    // Common, rare, capitalised, accented, cross-word phrases, and two words of each 97th sentence.
    let mut phrases: Vec<String> = [
        "de la",
        "que el",
        "Estados Unidos",
        "ESTADOS unidos",
        "Él ",
        "ción de",
        "más de",
        "xyzzy",
        "a l",
        "a",
        "y el 2",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    for (s, _) in pairs.iter().step_by(97) {
        let words: Vec<&str> = s.split_whitespace().collect();
        if words.len() > 4 {
            phrases.push(format!("{} {}", words[2], words[3]));
        }
    }
    let mut nonempty = 0;
    for p in &phrases {
        let want: BTreeSet<i64> = stored.iter().filter(|(_, t)| holds(t, p.trim())).map(|(id, _)| *id).collect();
        let got: BTreeSet<i64> = tm.concordance(p, &es(), None, 100_000).unwrap().iter().map(|h| h.tu_id).collect();
        assert_eq!(got, want, "{p:?}");
        nonempty += usize::from(!want.is_empty());
    }
    assert!(nonempty >= 20, "{nonempty} phrases found something");
    // "ción de" is only ever the end of a longer word: no hit.
    assert!(tm.concordance("ción de", &es(), None, 10).unwrap().is_empty());
    // "de la" is in hundreds of segments: a page of 10 is the 10 best of the first 40.
    let page = tm.concordance("de la", &es(), Some(&en()), 10).unwrap();
    assert_eq!(page.len(), 10);
    assert!(page.windows(2).all(|w| w[0].rank <= w[1].rank), "best first");
    for h in &page {
        let stored = tm.load_tu(h.tu_id).unwrap();
        assert_eq!(h.target.as_ref(), Some(&stored.variant(&en()).unwrap().seg), "the hit's own TU's target");
    }
}

#[test]
fn a_rare_phrase_of_everyday_words_is_found_among_the_first_candidates() {
    // 6000 segments hold both words of "sala para" but not the phrase: the
    // postings cannot narrow the search; the first 5,000 candidates (TUV
    // order) are checked, so the hit at 2,500 is found, the one at the end not.
    let mut pairs: Vec<(String, String)> =
        (0..6000).map(|i| (format!("Para la sala {i}."), format!("For room {i}."))).collect();
    pairs.insert(2500, ("Una sala para todos.".into(), "A room for everyone.".into()));
    pairs.push(("La SALA PARA niños.".into(), "The children's room.".into()));
    let tm = tm_with(&pairs);
    let hits = tm.concordance("sala para", &es(), Some(&en()), 10).unwrap();
    let got: Vec<(String, String)> =
        hits.iter().map(|h| (h.source.plain_text(), h.target.as_ref().unwrap().plain_text())).collect();
    assert_eq!(got, [("Una sala para todos.".to_string(), "A room for everyone.".to_string())]);
    // Within the budget every candidate is checked: fewer segments, both found.
    let tm = tm_with(&pairs[2000..]);
    assert_eq!(tm.concordance("sala para", &es(), None, 10).unwrap().len(), 2);
}

#[test]
fn the_segment_the_phrase_covers_most_comes_first() {
    let pairs: Vec<(String, String)> = [
        ("El proyecto Debian anuncia hoy una nueva versión estable de su sistema.", "a"),
        ("Proyecto Debian.", "b"),
        ("Sobre el proyecto Debian y el proyecto Debian Edu.", "c"),
    ]
    .iter()
    .map(|(a, b)| (a.to_string(), b.to_string()))
    .collect();
    let tm = tm_with(&pairs);
    let hits = tm.concordance("proyecto debian", &es(), Some(&en()), 10).unwrap();
    let order: Vec<String> = hits.iter().map(|h| h.target.as_ref().unwrap().plain_text()).collect();
    assert_eq!(order, ["b", "c", "a"]);
    assert!((hits[0].rank + 15.0 / 16.0).abs() < 1e-9, "{}", hits[0].rank);
    assert_eq!(tm.concordance("proyecto debian", &es(), None, 1).unwrap().len(), 1, "the limit holds");
    assert!(tm.concordance("proyecto debian", &en(), None, 10).unwrap().is_empty(), "another language");
}

#[test]
fn a_word_inside_a_longer_word_is_not_a_hit_and_numbers_match_as_written() {
    let pairs: Vec<(String, String)> = [
        ("El banco central.", "a"),
        ("Los bancos centrales.", "b"),
        ("Un subbanco central.", "c"),
        ("Véase la nota 5.", "d"),
        ("Véase la nota 51.", "e"),
        ("Véase la nota 6.", "f"),
        ("Una canción de Debian.", "g"),
        ("Visite www.debian.org hoy.", "h"),
        ("La versión 7.0 de Debian.", "i"),
    ]
    .iter()
    .map(|(a, b)| (a.to_string(), b.to_string()))
    .collect();
    let tm = tm_with(&pairs);
    let found = |p: &str| -> Vec<String> {
        let mut t: Vec<String> = tm
            .concordance(p, &es(), Some(&en()), 10)
            .unwrap()
            .iter()
            .map(|h| h.target.as_ref().unwrap().plain_text())
            .collect();
        t.sort();
        t
    };
    assert_eq!(found("banco central"), ["a"]);
    assert_eq!(found("BANCO"), ["a"]);
    assert_eq!(found("bancos"), ["b"]);
    assert_eq!(found("nota 5"), ["d"]);
    assert_eq!(found("nota"), ["d", "e", "f"]);
    assert_eq!(found("5"), ["d"], "a phrase without words: the bounded scan");
    assert_eq!(found("versión 7.0"), ["i"]);
    assert_eq!(found("versión 7.1"), Vec::<String>::new());
    // Boundaries are those of the text's words: "." ends the word "7" of "7.0".
    assert_eq!(found("versión 7"), ["i"]);
    // Diacritics are kept, as the match key keeps them.
    assert_eq!(found("cancion"), Vec::<String>::new());
    assert_eq!(found("CANCIÓN de"), ["g"]);
    // A word only inside a placeable of the segment (a URL) is not one of its words.
    assert_eq!(found("debian"), ["g", "i"]);
    assert_eq!(found("www.debian.org"), ["h"]);
}

#[test]
fn a_v8_tm_loses_its_trigram_table_in_the_migration_and_still_finds_phrases() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v8.db");
    {
        let mut tm = Tm::open(&path).unwrap();
        let mut imp = tm.import().unwrap();
        imp.add(&tu("El banco central de Canadá.", "The Bank of Canada."), &Provenance::default()).unwrap();
        imp.commit().unwrap();
    }
    {
        // What memoria of schema version 8 left: the FTS5 table, filled, and its
        // mark; every match key stored whole (the texts are ASCII but for a
        // lower-case á: SQLite's lower() folds them as memoria does).
        let c = rusqlite::Connection::open(&path).unwrap();
        c.execute_batch(UNDO_13_14).unwrap();
        c.execute_batch(
            "UPDATE tuv SET key = lower(text) WHERE key = '';
             CREATE VIRTUAL TABLE concordance USING fts5(text, content='tuv', content_rowid='id', tokenize='trigram');
             INSERT INTO concordance (rowid, text) SELECT id, text FROM tuv;
             INSERT INTO meta (name, value) VALUES ('fts_upto', 2);
             PRAGMA user_version = 8;",
        )
        .unwrap();
        // Nor had it the tiny-word terms of schema 12.
        for (lang, key) in [("es", "el banco central de canadá."), ("en", "the bank of canada.")] {
            for t in short_term_ids(lang, key, TINY_KEY_MAX) {
                assert_eq!(c.execute("DELETE FROM posting WHERE term = ?1", [t]).unwrap(), 1);
            }
        }
    }
    let tm = Tm::open(&path).unwrap();
    assert_eq!(tm.schema_version().unwrap(), SCHEMA_VERSION);
    let c = rusqlite::Connection::open(&path).unwrap();
    let left: Vec<String> = c
        .prepare("SELECT name FROM sqlite_master WHERE name LIKE 'concordance%' UNION ALL SELECT name FROM meta WHERE name = 'fts_upto'")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert!(left.is_empty(), "{left:?}");
    let hits = tm.concordance("Banco Central", &es(), Some(&en()), 5).unwrap();
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].target.as_ref().unwrap().plain_text(), "The Bank of Canada.");
    // A new TM never has the table.
    let fresh = dir.path().join("new.db");
    drop(Tm::open(&fresh).unwrap());
    let c = rusqlite::Connection::open(&fresh).unwrap();
    let n: i64 =
        c.query_row("SELECT count(*) FROM sqlite_master WHERE name LIKE 'concordance%'", [], |r| r.get(0)).unwrap();
    assert_eq!(n, 0);
}
