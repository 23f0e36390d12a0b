//! Concordance search as planned over the trigram index (sqlite/concordance.rs):
//! on real sentences it finds exactly the segments a scan finds; a phrase
//! whose trigrams are everywhere but which is itself rare (FTS5's phrase
//! query takes over) is found; hits are ranked by the share of the segment
//! the phrase covers; targets come with their TUs.

use memoria_core::lang::LangTag;
use memoria_core::tu::{Tu, Tuv};
use memoria_store::*;
use std::collections::BTreeSet;

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

/// Lower-cases as the search does (one char to one char).
fn fold(s: &str) -> String {
    s.chars()
        .map(|c| {
            let mut l = c.to_lowercase();
            match (l.next(), l.next()) {
                (Some(a), None) => a,
                _ => c,
            }
        })
        .collect()
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
fn on_real_sentences_the_planned_search_finds_exactly_what_a_scan_finds() {
    let pairs = corpus_pairs("../shared/corpus/parallel/flores_ntrex_es_en.tsv", 3000);
    let tm = tm_with(&pairs);
    // Distinct Spanish texts by TU id (duplicates were not stored).
    let mut stored: Vec<(i64, String)> = Vec::new();
    for id in 1..=tm.tu_count().unwrap() as i64 {
        let t = tm.load_tu(id).unwrap();
        stored.push((id, t.variant(&es()).unwrap().seg.plain_text()));
    }
    // Common, rare, capitalised, accented, cross-word phrases, and two words of each 97th sentence.
    let mut phrases: Vec<String> =
        ["de la", "que el", "Estados Unidos", "ESTADOS unidos", "Él ", "ción de", "más de", "xyzzy", "a l"]
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
        let want: BTreeSet<i64> =
            stored.iter().filter(|(_, t)| fold(t).contains(&fold(p.trim()))).map(|(id, _)| *id).collect();
        let got: BTreeSet<i64> = tm.concordance(p, &es(), None, 100_000).unwrap().iter().map(|h| h.tu_id).collect();
        assert_eq!(got, want, "{p:?}");
        nonempty += usize::from(!want.is_empty());
    }
    assert!(nonempty >= 20, "{nonempty} phrases found something");
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
fn a_rare_phrase_of_everyday_trigrams_is_found_past_the_candidate_budget() {
    // 6000 segments hold every trigram of "sala para" ("sal", "ala", "la ",
    // "a p", " pa", "par", "ara") but not the phrase: the trigrams cannot
    // narrow the search, FTS5's phrase query must.
    let mut pairs: Vec<(String, String)> =
        (0..6000).map(|i| (format!("La sala {i} y la parada."), format!("Room {i} and the stop."))).collect();
    pairs.insert(2500, ("Una sala para todos.".into(), "A room for everyone.".into()));
    pairs.push(("La SALA PARA niños.".into(), "The children's room.".into()));
    let tm = tm_with(&pairs);
    let hits = tm.concordance("sala para", &es(), Some(&en()), 10).unwrap();
    let got: Vec<(String, String)> =
        hits.iter().map(|h| (h.source.plain_text(), h.target.as_ref().unwrap().plain_text())).collect();
    assert_eq!(
        got,
        [
            ("La SALA PARA niños.".to_string(), "The children's room.".to_string()),
            ("Una sala para todos.".to_string(), "A room for everyone.".to_string()),
        ]
    );
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
