//! Alignment: gold pairs in tests/data/align (clean and perturbed), the scorer,
//! and `memoria align` end to end.
mod common;

use common::root;
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
    let dir = data().join(pair);
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
    let mut v: Vec<String> = std::fs::read_dir(data())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| data().join(n).join("clean.gold.tsv").exists())
        .collect();
    v.sort();
    v
}

fn variants(pair: &str) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(data().join(pair))
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
