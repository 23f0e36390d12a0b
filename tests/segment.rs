//! Segmentation end to end: the shared test set scored per language, the
//! seed release through the binary, HTML input, and user SRX files.

mod common;

use common::{corpus, root, stderr, stdout, Scratch};
use memoria_core::lang::LangTag;
use memoria_core::segment::srx::Srx;
use memoria_core::segment::SegmenterBuilder;
use std::collections::BTreeMap;

/// One case of `../shared/testsets/segmentation.tsv`.
struct Case {
    lang: String,
    id: String,
    input: String,
    expected: Vec<String>,
    source: String,
}

fn unescape(field: &str) -> String {
    field.replace("\\n", "\n").replace("\\t", "\t")
}

/// Collapses white space, as the baselines' scorer does.
fn norm(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn load_cases() -> Vec<Case> {
    let path = root().join("../shared/testsets/segmentation.tsv");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().unwrap().split('\t').collect();
    assert_eq!(header, ["lang", "id", "input", "expected", "source"]);
    lines
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            Case {
                lang: f[0].to_string(),
                id: f[1].to_string(),
                input: unescape(f[2]),
                expected: f[3].split(" ||| ").map(|s| norm(&unescape(s))).filter(|s| !s.is_empty()).collect(),
                source: f.get(4).unwrap_or(&"").to_string(),
            }
        })
        .collect()
}

const LAYOUT_KINDS: &[&str] = &["hard-wrapped", "heading", "contact", "dateline", "list", "photo credit"];

#[test]
fn test_set_scores_at_least_95_percent_per_language_and_passes_every_layout_case() {
    let cases = load_cases();
    assert!(cases.len() >= 160, "{} cases", cases.len());
    let mut per_lang: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    let mut layout_failures = Vec::new();
    let mut report = String::new();
    for case in &cases {
        let seg = SegmenterBuilder::new(LangTag::new(&case.lang).unwrap()).build().unwrap();
        let got: Vec<String> = seg.segment(&case.input).iter().map(|s| norm(s.text(&case.input))).collect();
        let ok = got == case.expected;
        let e = per_lang.entry(case.lang.clone()).or_default();
        e.1 += 1;
        if ok {
            e.0 += 1;
        } else {
            report.push_str(&format!("FAIL {}\n  got:      {:?}\n  expected: {:?}\n", case.id, got, case.expected));
            if LAYOUT_KINDS.iter().any(|k| case.source.contains(k)) {
                layout_failures.push(case.id.clone());
            }
        }
    }
    eprint!("{report}");
    for (lang, (pass, total)) in &per_lang {
        println!("segmentation.tsv {lang}: {pass}/{total} = {:.1}%", 100.0 * *pass as f64 / *total as f64);
    }
    for (lang, (pass, total)) in &per_lang {
        assert!(pass * 100 >= total * 95, "{lang}: {pass}/{total} below 95%");
    }
    assert!(layout_failures.is_empty(), "layout cases failing: {layout_failures:?}");
}
