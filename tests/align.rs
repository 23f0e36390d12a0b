//! Alignment: gold pairs in tests/data/align (clean and perturbed), the scorer,
//! and `memoria align` end to end.
mod common;

use common::{corpus, root, stderr, stdout, Scratch};
use memoria_core::align::{parse_beads, Aligner, AlignerConfig, Bead, LinkScores, Sentences};
use memoria_core::lang::LangTag;
use std::path::{Path, PathBuf};

fn data() -> PathBuf {
    root().join("tests/data/align")
}

/// Paragraphs of a one-sentence-a-line file (blank line between paragraphs).
fn read_presegmented(path: &Path) -> Vec<Vec<String>> {
    let text = std::fs::read_to_string(path).unwrap();
    text.split("\n\n")
        .map(|p| p.lines().filter(|l| !l.trim().is_empty()).map(str::to_string).collect::<Vec<_>>())
        .filter(|p| !p.is_empty())
        .collect()
}

fn refs(p: &[Vec<String>]) -> Vec<Vec<&str>> {
    p.iter().map(|s| s.iter().map(String::as_str).collect()).collect()
}

fn es_en() -> Aligner {
    Aligner::new(AlignerConfig::for_pair(&LangTag::new("es").unwrap(), &LangTag::new("en").unwrap()))
}

fn en_es() -> Aligner {
    Aligner::new(AlignerConfig::for_pair(&LangTag::new("en").unwrap(), &LangTag::new("es").unwrap()))
}

/// Aligns `<pair>/<variant>.es` with `.en` and scores it against `.gold.tsv`.
fn score_variant(pair: &str, variant: &str) -> (LinkScores, Vec<Bead>) {
    score_direction(pair, variant, false)
}

/// As `score_variant`, English as the source when `reverse`.
fn score_direction(pair: &str, variant: &str, reverse: bool) -> (LinkScores, Vec<Bead>) {
    score_in(&data(), pair, variant, reverse)
}

/// As `score_direction`, for a pair folder of the gold set at `root`.
fn score_in(root: &Path, pair: &str, variant: &str, reverse: bool) -> (LinkScores, Vec<Bead>) {
    let dir = root.join(pair);
    let mut es = read_presegmented(&dir.join(format!("{variant}.es")));
    let mut en = read_presegmented(&dir.join(format!("{variant}.en")));
    let mut gold = parse_beads(&std::fs::read_to_string(dir.join(format!("{variant}.gold.tsv"))).unwrap()).unwrap();
    let aligner = if reverse {
        std::mem::swap(&mut es, &mut en);
        gold = gold.into_iter().map(|b| Bead { src: b.tgt, tgt: b.src, score: b.score }).collect();
        en_es()
    } else {
        es_en()
    };
    let (es, en) = (refs(&es), refs(&en));
    let beads = aligner.align_documents(&Sentences::from_paragraphs(&es), &Sentences::from_paragraphs(&en));
    if std::env::var_os("ALIGN_DEBUG").is_some() {
        let (fe, fn_) = (es.concat(), en.concat());
        for b in beads.iter().filter(|b| !gold.iter().any(|g| g.src == b.src && g.tgt == b.tgt)) {
            eprintln!(
                "  {pair}/{variant} reverse {reverse} extra {:?}-{:?} {}: {:?} || {:?}",
                b.src,
                b.tgt,
                b.score,
                &fe[b.src.clone()],
                &fn_[b.tgt.clone()]
            );
        }
    }
    (LinkScores::compare(&beads, &gold), beads)
}

fn pairs() -> Vec<String> {
    pairs_in(&data())
}

fn pairs_in(root: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(root)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| root.join(n).join("clean.gold.tsv").exists())
        .collect();
    v.sort();
    v
}

fn variants(pair: &str) -> Vec<String> {
    variants_in(&data(), pair)
}

fn variants_in(root: &Path, pair: &str) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(root.join(pair))
        .unwrap()
        .filter_map(|e| e.unwrap().file_name().to_string_lossy().strip_suffix(".gold.tsv").map(str::to_string))
        .collect();
    v.sort();
    v
}

#[test]
fn gold_set_has_seven_pairs_with_every_perturbation() {
    let pairs = pairs();
    assert_eq!(pairs.len(), 7);
    for p in &pairs {
        let v = variants(p);
        assert_eq!(v.len(), 8, "{p}: {v:?}");
        for kind in ["clean", "add-en", "add-es", "del-en", "del-es", "merge-", "split-", "swap-"] {
            assert!(v.iter().any(|x| x.starts_with(kind)), "{p} lacks {kind}");
        }
    }
}

#[test]
fn clean_gold_pairs_align_with_f1_one() {
    for pair in pairs() {
        let (s, beads) = score_variant(&pair, "clean");
        eprintln!("{pair} clean: P {:.4} R {:.4} F1 {:.4}", s.precision, s.recall, s.f1);
        assert_eq!(s.f1, 1.0, "{pair}: {s:?}");
        assert_eq!(s.exact_beads, 1.0, "{pair}: {s:?}");
        let min =
            beads.iter().filter(|b| !b.src.is_empty() && !b.tgt.is_empty()).map(|b| b.score).fold(100.0, f64::min);
        eprintln!("{pair} lowest paired bead score {min}");
    }
}

#[test]
fn perturbed_gold_pairs_align_with_f1_at_least_097() {
    let mut worst = (1.0, String::new());
    for pair in pairs() {
        for v in variants(&pair).into_iter().filter(|v| v != "clean") {
            let (s, _) = score_variant(&pair, &v);
            eprintln!("{pair} {v}: P {:.4} R {:.4} F1 {:.4}", s.precision, s.recall, s.f1);
            if s.f1 < worst.0 {
                worst = (s.f1, format!("{pair}/{v}"));
            }
        }
    }
    assert!(worst.0 >= 0.97, "worst: {worst:?}");
}

#[test]
fn english_to_spanish_direction_scores_the_same() {
    let mut worst = (1.0, String::new());
    for pair in pairs() {
        for v in variants(&pair) {
            let (s, _) = score_direction(&pair, &v, true);
            eprintln!("{pair} {v} en->es: P {:.4} R {:.4} F1 {:.4}", s.precision, s.recall, s.f1);
            if v == "clean" {
                assert_eq!(s.f1, 1.0, "{pair}: {s:?}");
            }
            if s.f1 < worst.0 {
                worst = (s.f1, format!("{pair}/{v}"));
            }
        }
    }
    assert!(worst.0 >= 0.97, "worst: {worst:?}");
}

// ---- `memoria align` end to end ----

/// Lowest F1 per variant kind over the held-out news pairs of tests/data/align-heldout
/// (scripts/align-heldout.py), both directions, as measured: every kind at 1.00 but a
/// paragraph moved far whose sentences share no anchor with anything (wmt-L00178 move-es,
/// 42 of 43 links right: 0.977).
const HELDOUT_MIN_F1: [(&str, f64); 11] = [
    ("clean", 1.0),
    ("add", 1.0),
    ("del", 1.0),
    ("del2", 1.0),
    ("delmerge", 1.0),
    ("merge", 1.0),
    ("move", 0.9767),
    ("noabout", 1.0),
    ("nohead", 1.0),
    ("split", 1.0),
    ("swap", 1.0),
];

#[test]
fn held_out_news_pairs_align_at_the_measured_f1_per_variant_kind() {
    let root = root().join("tests/data/align-heldout");
    let pairs = pairs_in(&root);
    assert_eq!(pairs.len(), 12, "{pairs:?}");
    let mut lowest = std::collections::BTreeMap::<String, f64>::new();
    for pair in &pairs {
        let variants = variants_in(&root, pair);
        assert_eq!(variants.len(), 13, "{pair}: {variants:?}");
        for v in &variants {
            for reverse in [false, true] {
                let (s, _) = score_in(&root, pair, v, reverse);
                eprintln!("{pair} {v} reverse {reverse}: P {:.4} R {:.4} F1 {:.4}", s.precision, s.recall, s.f1);
                let kind = v.rsplit_once('-').map_or(v.as_str(), |(k, _)| k).to_string();
                let low = lowest.entry(kind).or_insert(1.0);
                *low = low.min(s.f1);
            }
        }
    }
    // F1 to four decimals, kinds in name order.
    let got: Vec<(String, f64)> = lowest.into_iter().map(|(k, f)| (k, (f * 10_000.0).round() / 10_000.0)).collect();
    let mut expected: Vec<(String, f64)> = HELDOUT_MIN_F1.iter().map(|&(k, f)| (k.to_string(), f)).collect();
    expected.sort_by(|a, b| a.0.cmp(&b.0));
    assert_eq!(got, expected);
}

fn gold_file(pair: &str, name: &str) -> String {
    data().join(pair).join(name).to_string_lossy().into_owned()
}

const SQUEEZE: &str = "debian-2011-squeeze-released";

fn align_presegmented(sc: &Scratch, pair: &str, variant: &str, extra: &[&str]) -> std::process::Output {
    let (es, en) = (gold_file(pair, &format!("{variant}.es")), gold_file(pair, &format!("{variant}.en")));
    let mut args = vec!["align", &es, &en, "--from", "es", "--to", "en", "--presegmented"];
    args.extend_from_slice(extra);
    sc.run(&args)
}

#[test]
fn tsv_joins_the_sentences_of_a_two_to_one_bead() {
    let sc = Scratch::new();
    let o = align_presegmented(&sc, SQUEEZE, "clean", &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 75);
    assert_eq!(lines[0], "Debian 6.0 “Squeeze” publicado\tDebian 6.0 “Squeeze” released\t100.0");
    let two_one = lines.iter().find(|l| l.starts_with("Sin embargo")).unwrap();
    let cols: Vec<&str> = two_one.split('\t').collect();
    assert_eq!(
        cols[0],
        "Sin embargo, en esta versión estas adaptaciones son aún limitadas. \
         Por ejemplo, algunas de las características avanzadas de escritorio aún no están soportadas."
    );
    assert_eq!(
        cols[1],
        "However, for this release these new ports are limited; for example, some advanced desktop features are not yet supported."
    );
    let score: f64 = cols[2].parse().unwrap();
    assert!((75.0..=100.0).contains(&score), "{score}");
}

#[test]
fn json_beads_carry_kind_and_sentence_ranges() {
    let sc = Scratch::new();
    let o = align_presegmented(&sc, "debian-2012-debconf13-switzerland", "clean", &["--format", "json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let beads: Vec<serde_json::Value> = stdout(&o).lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(beads.len(), 32);
    let one_two = beads.iter().find(|b| b["kind"] == "1-2").unwrap();
    assert_eq!(one_two["source_sentences"], serde_json::json!([23, 24]));
    assert_eq!(one_two["target_sentences"], serde_json::json!([23, 25]));
    assert!(one_two["target"]
        .as_str()
        .unwrap()
        .starts_with("On Saturday 7 July 2012, DebConf Open Day will take place"));
    assert_eq!(beads.iter().filter(|b| b["kind"] == "1-1").count(), 31);
}

#[test]
fn gold_option_prints_link_scores() {
    let sc = Scratch::new();
    let o = align_presegmented(
        &sc,
        SQUEEZE,
        "swap-en",
        &["--gold", &gold_file(SQUEEZE, "swap-en.gold.tsv"), "--format", "json"],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let s: serde_json::Value = serde_json::from_str(stdout(&o).trim()).unwrap();
    assert_eq!((s["f1"].as_f64(), s["gold_links"].as_u64()), (Some(1.0), Some(80)));

    // A gold file that swaps two targets: one link of three is right.
    std::fs::write(sc.path("a.es"), "Uno dos tres cuatro.\nCinco seis siete ocho nueve.\nDiez.\n").unwrap();
    std::fs::write(sc.path("a.en"), "One two three four.\nFive six seven eight nine.\nTen.\n").unwrap();
    std::fs::write(sc.path("g.tsv"), "0\t0\n1\t2\n2\t1\n").unwrap();
    let p = |n: &str| sc.path(n).to_string_lossy().into_owned();
    let o = sc.run(&[
        "align",
        &p("a.es"),
        &p("a.en"),
        "--from",
        "es",
        "--to",
        "en",
        "--presegmented",
        "--gold",
        &p("g.tsv"),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(
        stdout(&o),
        "precision   0.3333\nrecall      0.3333\nf1          0.3333\nexact_beads 0.3333\nlinks       3 predicted, 3 gold\n"
    );
}

#[test]
fn import_stores_two_to_one_beads_joined_with_provenance() {
    let sc = Scratch::new();
    let o = align_presegmented(&sc, SQUEEZE, "clean", &["--import"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stderr(&o).contains("imported 75 pairs"), "{}", stderr(&o));
    let tm = memoria_store::Tm::open(&sc.db()).unwrap();
    assert_eq!(tm.tu_count().unwrap(), 75);
    let (es, en) = (LangTag::new("es").unwrap(), LangTag::new("en").unwrap());
    let joined = "Sin embargo, en esta versión estas adaptaciones son aún limitadas. \
                  Por ejemplo, algunas de las características avanzadas de escritorio aún no están soportadas.";
    let mut q = memoria_store::Query::new(joined, es, en);
    q.min_score = 100;
    let m = tm.lookup(&q).unwrap();
    assert_eq!(m.len(), 1);
    assert_eq!(
        m[0].target.plain_text(),
        "However, for this release these new ports are limited; for example, some advanced desktop features are not yet supported."
    );
    let doc = m[0].provenance.document.clone().unwrap();
    assert_eq!(doc, format!("{} | {}", gold_file(SQUEEZE, "clean.es"), gold_file(SQUEEZE, "clean.en")));
    assert_eq!(m[0].provenance.position, Some(10));
}

#[test]
fn import_skips_unpaired_and_low_scoring_beads_and_lists_them() {
    let sc = Scratch::new();
    let pair = "debian-2012-debconf13-switzerland";
    let o = align_presegmented(&sc, pair, "del-en", &["--import"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let err = stderr(&o);
    // The four sentences of the paragraph deleted from the English side, with their lines.
    let es = gold_file(pair, "del-en.es");
    for (line, start) in [(24, "La DebConf es la conferencia anual"), (27, "Se puede encontrar más información")] {
        let wanted = format!("{es}:{line}: review (no counterpart, 1-0 bead, score 0.0): {start}");
        assert!(err.contains(&wanted), "{wanted}\n{err}");
    }
    assert!(
        err.contains(
            "32 beads: 28 1-1/1-2/2-1 at score ≥ 75, 0 below it, 0 of other kinds, 4 sentences without counterpart"
        ),
        "{err}"
    );
    assert!(err.contains("imported 28 pairs"), "{err}");

    // With a threshold of 100, beads below it are listed and not stored.
    let sc = Scratch::new();
    let o = align_presegmented(&sc, pair, "clean", &["--import", "--min-score", "100"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let err = stderr(&o);
    let low = err.lines().filter(|l| l.contains("review (low score")).count();
    assert!(low > 0, "{err}");
    let tm = memoria_store::Tm::open(&sc.db()).unwrap();
    assert_eq!(tm.tu_count().unwrap() as usize, 32 - low);
}

#[test]
fn aligning_and_importing_a_complete_release_makes_check_pass() {
    let sc = Scratch::new();
    let (es, en) = (
        corpus("releases/debian-2012-lenny-security-end.es.txt"),
        corpus("releases/debian-2012-lenny-security-end.en.txt"),
    );
    let o = sc.run(&["check", &es, "--from", "es", "--to", "en"]);
    assert_eq!(o.status.code(), Some(1), "an empty TM leaves the release untranslated");
    let o = sc.run(&["align", &es, &en, "--from", "es", "--to", "en", "--import"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stderr(&o).contains("0 sentences without counterpart"), "{}", stderr(&o));
    let o = sc.run(&["check", &es, "--from", "es", "--to", "en"]);
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
}

#[test]
fn aligning_and_importing_a_release_with_two_to_one_beads_makes_check_pass() {
    let sc = Scratch::new();
    let (es, en) = (
        corpus("releases/debian-2011-squeeze-released.es.txt"),
        corpus("releases/debian-2011-squeeze-released.en.txt"),
    );
    let o = sc.run(&["align", &es, &en, "--from", "es", "--to", "en", "--format", "json", "--import"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let kinds: Vec<String> = stdout(&o)
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap()["kind"].as_str().unwrap().to_string())
        .collect();
    assert!(kinds.iter().filter(|k| *k == "2-1").count() >= 3, "{kinds:?}");
    assert!(kinds.iter().all(|k| k == "1-1" || k == "2-1" || k == "1-2"), "{kinds:?}");
    assert!(stderr(&o).contains("0 below it, 0 of other kinds, 0 sentences without counterpart"), "{}", stderr(&o));
    // Every segment is translated, and check passes. What it notes is the published
    // translation's own: the English of line 35 adds "6.0" ("as Debian 6.0 adds"), a warning.
    let o = sc.run(&["check", &es, "--from", "es", "--to", "en"]);
    let report = stdout(&o) + &stderr(&o);
    assert_eq!(o.status.code(), Some(0), "{report}");
    assert!(report.contains("79 of 79 segments translated"), "{report}");
    assert!(report.contains(":35:164: warning: number-added: source has nothing where target has 6.0"), "{report}");
    assert!(!report.lines().any(|l| l.starts_with(es.as_str()) && !l.contains(": warning: ")), "{report}");
}

#[test]
fn a_two_to_one_pair_imported_by_align_translates_both_segments_for_check() {
    let sc = Scratch::new();
    std::fs::write(
        sc.path("r.es.txt"),
        "Debian 7 publicado\nEl proyecto Debian publicó hoy la versión 7 de su sistema operativo. Es la más estable hasta ahora.\n",
    )
    .unwrap();
    std::fs::write(
        sc.path("r.en.txt"),
        "Debian 7 released\nThe Debian Project released version 7 of its operating system today, the most stable so far.\n",
    )
    .unwrap();
    let (es, en) =
        (sc.path("r.es.txt").to_string_lossy().into_owned(), sc.path("r.en.txt").to_string_lossy().into_owned());
    let o = sc.run(&["align", &es, &en, "--from", "es", "--to", "en", "--import"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 2, "{out}");
    assert!(lines[1].starts_with(
        "El proyecto Debian publicó hoy la versión 7 de su sistema operativo. Es la más estable hasta ahora.\t\
         The Debian Project released version 7 of its operating system today, the most stable so far.\t"
    ));
    let o = sc.run(&["check", &es, "--from", "es", "--to", "en"]);
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
}

#[test]
fn tmx_output_holds_the_storable_beads_escaped() {
    let sc = Scratch::new();
    let o = align_presegmented(&sc, "debian-2017-ftp-shutdown", "clean", &["--format", "tmx"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let tmx = stdout(&o);
    assert!(tmx.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"), "{tmx}");
    assert!(tmx.contains("srclang=\"es\""));
    assert_eq!(tmx.matches("<tu>").count(), 24);
    assert!(tmx.contains("<tuv xml:lang=\"en\">\n        <seg>ftp://ftp.upload.debian.org</seg>"), "{tmx}");
    assert!(tmx.contains("&lt;press@debian.org&gt;"));
    assert_eq!(tmx.matches("<prop type=\"x-memoria-align-score\">").count(), 24);

    // memoria reads back what it wrote: importing the TMX gives the 24 pairs.
    std::fs::write(sc.path("out.tmx"), &tmx).unwrap();
    let o = sc.run(&["import", &sc.path("out.tmx").to_string_lossy()]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(memoria_store::Tm::open(&sc.db()).unwrap().tu_count().unwrap(), 24);
    let mut reader = quick_xml::Reader::from_str(&tmx);
    let mut depth = 0i32;
    loop {
        match reader.read_event().unwrap() {
            quick_xml::events::Event::Start(_) => depth += 1,
            quick_xml::events::Event::End(_) => depth -= 1,
            quick_xml::events::Event::Eof => break,
            _ => {}
        }
    }
    assert_eq!(depth, 0);
}

#[test]
fn bad_input_exits_2_and_names_the_file() {
    let sc = Scratch::new();
    let p = |n: &str| sc.path(n).to_string_lossy().into_owned();
    std::fs::write(sc.path("a.es"), "Hola.\n").unwrap();
    std::fs::write(sc.path("empty.en"), "\n\n").unwrap();
    std::fs::write(sc.path("bad.tsv"), "0\t0\nzero\tone\n").unwrap();
    let run = |extra: &[&str]| {
        let mut args = vec!["align", "--from", "es", "--to", "en", "--presegmented"];
        args.extend_from_slice(extra);
        sc.run(&args)
    };
    let o = run(&[&p("a.es"), &p("missing.en")]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("missing.en: cannot read"), "{}", stderr(&o));
    let o = run(&[&p("a.es"), &p("empty.en")]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("empty.en: no sentences to align"), "{}", stderr(&o));
    std::fs::write(sc.path("a.en"), "Hello.\n").unwrap();
    let o = run(&[&p("a.es"), &p("a.en"), "--gold", &p("bad.tsv")]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("bad.tsv:line 2: expected comma-separated sentence indices"), "{}", stderr(&o));
    let o = run(&[&p("a.es"), &p("a.en"), "--min-score", "150"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--min-score 150: expected a score from 0 to 100"), "{}", stderr(&o));
    let o = run(&[&p("a.es"), &p("a.en"), "--ratio", "0"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--ratio 0: expected a positive number"), "{}", stderr(&o));
    let o = run(&[&p("a.es"), &p("a.en"), "--import", "--ratio", "0.9", "--variance", "3"]);
    assert!(o.status.success(), "{}", stderr(&o));
    // No anchor in common: lengths alone score at most 90 (issue 23).
    assert_eq!(stdout(&o), "Hola.\tHello.\t90.0\n");
    // The length model's settings show in the score: 55.1 here, 73.2 with the es→en defaults.
    std::fs::write(sc.path("b.en"), "Hello there, everyone.\n").unwrap();
    let o = run(&[&p("a.es"), &p("b.en"), "--ratio", "0.9", "--variance", "3"]);
    assert_eq!(stdout(&o), "Hola.\tHello there, everyone.\t55.1\n");
    assert_eq!(stdout(&run(&[&p("a.es"), &p("b.en")])), "Hola.\tHello there, everyone.\t73.2\n");
}

// ---- invariants on arbitrary input ----

/// A sentence made of words from a small vocabulary (numbers, names, cognates, filler).
fn sentence() -> impl proptest::strategy::Strategy<Value = String> {
    use proptest::prelude::*;
    const WORDS: &[&str] = &[
        "Debian",
        "2016",
        "proyecto",
        "project",
        "de",
        "the",
        "6.0",
        "https://www.debian.org",
        "LTS",
        "equipo",
        "team",
        "y",
    ];
    proptest::collection::vec(proptest::sample::select(WORDS), 1..12).prop_map(|w| w.join(" ") + ".")
}

fn document() -> impl proptest::strategy::Strategy<Value = Vec<Vec<String>>> {
    proptest::collection::vec(proptest::collection::vec(sentence(), 1..5), 0..8)
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(200))]

    #[test]
    fn every_sentence_is_in_exactly_one_bead(src in document(), tgt in document()) {
        let (s, t) = (refs(&src), refs(&tgt));
        let (s, t) = (Sentences::from_paragraphs(&s), Sentences::from_paragraphs(&t));
        let beads = es_en().align_documents(&s, &t);
        let mut seen_src = vec![0; s.len()];
        let mut seen_tgt = vec![0; t.len()];
        for b in &beads {
            proptest::prop_assert!(!b.src.is_empty() || !b.tgt.is_empty());
            proptest::prop_assert!(b.src.len() <= 3 && b.tgt.len() <= 3, "{b:?}");
            proptest::prop_assert!((0.0..=100.0).contains(&b.score), "{b:?}");
            if b.src.is_empty() || b.tgt.is_empty() {
                proptest::prop_assert_eq!(b.score, 0.0);
            }
            for i in b.src.clone() {
                seen_src[i] += 1;
            }
            for j in b.tgt.clone() {
                seen_tgt[j] += 1;
            }
        }
        proptest::prop_assert!(seen_src.iter().all(|&k| k == 1), "{seen_src:?}");
        proptest::prop_assert!(seen_tgt.iter().all(|&k| k == 1), "{seen_tgt:?}");
    }
}
