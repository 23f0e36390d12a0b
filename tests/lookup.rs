//! `memoria lookup`, `concordance` and `stats` end to end, on a TM imported
//! from real sentence pairs (../shared/corpus/parallel/flores_ntrex_es_en.tsv).
mod common;
use common::*;
use serde_json::Value;

/// Writes the first `n` pairs of the FLORES/NTREX TSV as TMX and imports it.
fn flores_tm(n: usize) -> Scratch {
    let s = Scratch::new();
    let text = std::fs::read_to_string(corpus("parallel/flores_ntrex_es_en.tsv")).unwrap();
    let esc = |t: &str| t.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;");
    let mut tmx = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<tmx version=\"1.4\"><header creationtool=\"test\" \
         creationtoolversion=\"1\" segtype=\"sentence\" o-tmf=\"none\" adminlang=\"en\" srclang=\"es\" \
         datatype=\"plaintext\"/><body>\n",
    );
    for line in text.lines().take(n) {
        let (es, en) = line.split_once('\t').unwrap();
        tmx.push_str(&format!(
            "<tu><tuv xml:lang=\"es\"><seg>{}</seg></tuv><tuv xml:lang=\"en\"><seg>{}</seg></tuv></tu>\n",
            esc(es),
            esc(en)
        ));
    }
    tmx.push_str("</body></tmx>\n");
    let p = s.path("flores.tmx");
    std::fs::write(&p, tmx).unwrap();
    let o = s.run(&["import", p.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    s
}

fn lookup(s: &Scratch, text: &str) -> Vec<Value> {
    let o = s.run(&["lookup", text, "--from", "es", "--to", "en", "--format", "json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    serde_json::from_str::<Value>(&stdout(&o)).unwrap().as_array().unwrap().clone()
}

#[test]
fn changed_number_scores_99_and_the_target_carries_it_localised() {
    let s = flores_tm(400);
    let m = lookup(
        &s,
        "De todas formas, el porcentaje de XDR-TB en el grupo total de enfermos de tuberculosis aún parece ser \
         reducido: 7000 de un total de 333 000 individuos infectados en un momento particular en Sudáfrica.",
    );
    assert_eq!(m[0]["score"], 99);
    assert_eq!(m[0]["band"], "95-99");
    assert_eq!(
        m[0]["target"],
        "However, the percentage of XDR-TB in the entire group of people with tuberculosis still seems to be low; \
         7,000 of the total 330,000 people infected at any particular moment in South Africa."
    );
    assert_eq!(m[0]["differences"][0], serde_json::json!({"kind": "placeable", "stored": "6000", "query": "7000"}));
}

#[test]
fn case_only_punctuation_only_and_code_differences_cost_points_not_text() {
    let s = flores_tm(400);
    let case = lookup(&s, "el grupo de estudio de irak elevó hoy su informe a las 12:00 gmt.");
    assert_eq!((case[0]["score"].as_u64(), case[0]["differences"][0]["kind"].as_str()), (Some(99), Some("case")));
    let punct = lookup(&s, "El Grupo de Estudio de Irak elevó hoy, su informe a las 12:00 GMT");
    assert_eq!(
        (punct[0]["score"].as_u64(), punct[0]["differences"][0]["kind"].as_str()),
        (Some(99), Some("punctuation"))
    );
    let codes = lookup(&s, "El Grupo de Estudio de Irak elevó <b>hoy</b> su informe a las 12:00 GMT.");
    assert_eq!(codes[0]["score"], 98);
    assert_eq!(codes[0]["differences"][0], serde_json::json!({"kind": "codes", "count": 2}));
    assert_eq!(codes[0]["target"], "The Iraq Study Group presented its report at 12.00 GMT today.");
    let exact = lookup(&s, "El  Grupo de Estudio de Irak elevó hoy su informe a las 12:00 GMT.");
    assert_eq!(exact[0]["score"], 100);
}

#[test]
fn text_output_names_score_band_target_and_what_differed() {
    let s = flores_tm(400);
    let o = s.run(&[
        "lookup",
        "El Grupo de Estudio de Irak elevó ayer su informe a las 12:00 GMT.",
        "--from",
        "es",
        "--to",
        "en",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    let first: Vec<&str> = out.lines().take(5).map(str::trim).collect();
    assert_eq!(
        first,
        [
            "93  85-94  [es -> en, TU 51]",
            "El Grupo de Estudio de Irak elevó hoy su informe a las 12:00 GMT.",
            "The Iraq Study Group presented its report at 12.00 GMT today.",
            "from: flores.tmx",
            "differs: 4 character edit(s) in 62"
        ],
        "{out}"
    );
    let none = s.run(&["lookup", "Texto sin parecido alguno.", "--from", "es", "--to", "en", "--min-score", "90"]);
    assert!(none.status.success());
    assert_eq!(stdout(&none), "");
    assert!(stderr(&none).contains("no match at or above 90"), "{}", stderr(&none));
}

#[test]
fn concordance_finds_a_phrase_with_its_translation() {
    let s = flores_tm(400);
    let o = s.run(&["concordance", "grupo de estudio", "--lang", "es", "--to", "en", "--format", "json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let hits: Value = serde_json::from_str(&stdout(&o)).unwrap();
    let targets: Vec<&str> = hits.as_array().unwrap().iter().map(|h| h["target"].as_str().unwrap()).collect();
    assert!(targets.contains(&"The Iraq Study Group presented its report at 12.00 GMT today."), "{targets:?}");
    assert!(hits.as_array().unwrap().iter().all(|h| h["source"]
        .as_str()
        .unwrap()
        .to_lowercase()
        .contains("grupo de estudio")));
    // Whole words only: the start of a word is not a hit.
    let o = s.run(&["concordance", "grupo de estudi", "--lang", "es", "--format", "json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(stdout(&o), "[]\n");
}

#[test]
fn stats_counts_tus_pairs_languages_and_collections() {
    let s = flores_tm(400);
    let o = s.run(&["stats", "--format", "json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["tus"], 400);
    assert_eq!(v["schema_version"], memoria_store::SCHEMA_VERSION);
    assert_eq!(v["pairs"][0], serde_json::json!({"source": "en", "target": "es", "tus": 400}));
    assert_eq!(v["languages"].as_array().unwrap().len(), 2);
    assert_eq!(v["collections"], serde_json::json!([{"collection": "flores.tmx", "tus": 400, "header": true}]));
}

#[test]
fn a_file_that_is_not_a_tm_is_refused_untouched() {
    let s = Scratch::new();
    std::fs::write(s.db(), "hola\n").unwrap();
    let o = s.run(&["lookup", "Hola.", "--from", "es", "--to", "en"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("not a SQLite database"), "{}", stderr(&o));
    assert_eq!(std::fs::read_to_string(s.db()).unwrap(), "hola\n");
}
