//! Scoring an alignment against a gold one, and the bead file format.
//!
//! The bead format is the one of the NLTK Gale–Church baseline script
//! (`../shared/baselines/gale_church.py`), so gold files serve both: one bead a
//! line, `source_indices<TAB>target_indices`, 0-based sentence indices separated
//! by commas, one side empty for a 1-0 or 0-1 bead (`4<TAB>4,5`, `7<TAB>`).

use super::Bead;
use std::collections::BTreeSet;
use std::ops::Range;

/// Link precision, recall and F1 of a predicted alignment against a gold one.
///
/// Every bead is expanded into its links: each (source, target) sentence pair
/// it joins (a 2-1 bead gives two links, a 1-0 bead none). Precision is the
/// share of predicted links that are gold links, recall the share of gold links
/// predicted, F1 their harmonic mean; all three are 0–1. `exact_beads` is the
/// share of gold beads predicted with exactly the same sentences.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct LinkScores {
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
    pub exact_beads: f64,
    pub predicted_links: usize,
    pub gold_links: usize,
}

/// The (source, target) sentence links of `beads`.
pub fn links(beads: &[Bead]) -> BTreeSet<(usize, usize)> {
    beads.iter().flat_map(|b| b.src.clone().flat_map(move |i| b.tgt.clone().map(move |j| (i, j)))).collect()
}

impl LinkScores {
    /// Scores `predicted` against `gold`. With no gold links, recall is 0; with
    /// no predicted links, precision is 0.
    pub fn compare(predicted: &[Bead], gold: &[Bead]) -> LinkScores {
        let (p, g) = (links(predicted), links(gold));
        let tp = p.intersection(&g).count() as f64;
        let precision = if p.is_empty() { 0.0 } else { tp / p.len() as f64 };
        let recall = if g.is_empty() { 0.0 } else { tp / g.len() as f64 };
        let f1 = if precision + recall > 0.0 { 2.0 * precision * recall / (precision + recall) } else { 0.0 };
        let shape = |b: &Bead| (b.src.start, b.src.end, b.tgt.start, b.tgt.end);
        let predicted_shapes: BTreeSet<_> = predicted.iter().map(shape).collect();
        let exact = gold.iter().filter(|b| predicted_shapes.contains(&shape(b))).count();
        LinkScores {
            precision,
            recall,
            f1,
            exact_beads: if gold.is_empty() { 0.0 } else { exact as f64 / gold.len() as f64 },
            predicted_links: p.len(),
            gold_links: g.len(),
        }
    }
}

/// An error in a bead file: the 1-based line and what was expected.
#[derive(Debug, thiserror::Error, PartialEq)]
#[error("line {line}: {message}")]
pub struct BeadFormatError {
    pub line: usize,
    pub message: String,
}

/// Parses a bead file (format in the module documentation). Blank lines are
/// ignored. The indices of one side must be consecutive (`3,4`, not `3,5`).
/// Parsed beads carry score 100.
pub fn parse_beads(text: &str) -> Result<Vec<Bead>, BeadFormatError> {
    let mut beads = Vec::new();
    for (k, line) in text.lines().enumerate() {
        if line.trim_end_matches(['\r', ' ']).is_empty() {
            continue;
        }
        let err = |message: String| BeadFormatError { line: k + 1, message };
        let Some((a, b)) = line.split_once('\t') else {
            return Err(err(format!("expected `source<TAB>target` indices, found {line:?}")));
        };
        let side = |s: &str| -> Result<Range<usize>, BeadFormatError> {
            let ids = s
                .split(',')
                .filter(|x| !x.trim().is_empty())
                .map(|x| x.trim().parse::<usize>())
                .collect::<Result<Vec<_>, _>>()
                .map_err(|_| err(format!("expected comma-separated sentence indices, found {s:?}")))?;
            match (ids.first(), ids.last()) {
                (Some(&first), Some(&last)) if ids.iter().enumerate().all(|(n, &i)| i == first + n) => {
                    Ok(first..last + 1)
                }
                (None, None) => Ok(0..0),
                _ => Err(err(format!("indices must be consecutive and increasing, found {s:?}"))),
            }
        };
        let (src, tgt) = (side(a)?, side(b.trim_end_matches('\r'))?);
        if src.is_empty() && tgt.is_empty() {
            return Err(err("both sides are empty".to_string()));
        }
        beads.push(Bead { src, tgt, score: 100.0 });
    }
    Ok(beads)
}

/// One bead in the bead format, without the line end: `3,4\t5`.
pub fn format_bead(b: &Bead) -> String {
    let side = |r: &Range<usize>| r.clone().map(|i| i.to_string()).collect::<Vec<_>>().join(",");
    format!("{}\t{}", side(&b.src), side(&b.tgt))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bead(src: Range<usize>, tgt: Range<usize>) -> Bead {
        Bead { src, tgt, score: 50.0 }
    }

    #[test]
    fn a_missed_two_to_one_bead_costs_one_link() {
        let gold = parse_beads("0\t0\n1,2\t1\n3\t\n").unwrap();
        assert_eq!(gold, [bead(0..1, 0..1), bead(1..3, 1..2), bead(3..4, 0..0)].map(|b| Bead { score: 100.0, ..b }));
        let predicted = [bead(0..1, 0..1), bead(1..2, 1..2), bead(2..3, 2..2), bead(3..4, 0..0)];
        let s = LinkScores::compare(&predicted, &gold);
        assert_eq!((s.predicted_links, s.gold_links), (2, 3));
        assert_eq!((s.precision, s.recall), (1.0, 2.0 / 3.0));
        assert!((s.f1 - 0.8).abs() < 1e-12);
        assert!((s.exact_beads - 2.0 / 3.0).abs() < 1e-12);
    }

    #[test]
    fn bead_lines_round_trip() {
        let text = "0\t0,1\n1,2\t2\n\t3\n";
        let beads = parse_beads(text).unwrap();
        let back: Vec<String> = beads.iter().map(format_bead).collect();
        assert_eq!(back.join("\n") + "\n", text);
    }

    #[test]
    fn bad_bead_lines_name_the_line() {
        assert_eq!(parse_beads("0\t0\n1 1\n").unwrap_err().line, 2);
        assert_eq!(
            parse_beads("0\t0\n\n2,4\t1\n").unwrap_err(),
            BeadFormatError { line: 3, message: "indices must be consecutive and increasing, found \"2,4\"".into() }
        );
        assert!(parse_beads("x\t1").is_err());
        assert!(parse_beads("\t\n").is_err());
    }
}
