//! Sentence alignment of a document with its translation.
//!
//! An [`Aligner`] takes the sentences of both sides and returns [`Bead`]s:
//! groups of consecutive source and target sentences that translate each
//! other (1-1, 1-0, 0-1, 2-1, 1-2, 2-2). Every sentence is in exactly one bead.
//! The cost is the length model of Gale & Church (1993), "A program for
//! aligning sentences in bilingual corpora", Computational Linguistics 19(1).

use std::ops::Range;

/// An alignment bead: source sentences `src` and target sentences `tgt`
/// (index ranges into the inputs, one of them possibly empty) with a score
/// from 0 (implausible) to 100 (certain).
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Bead {
    pub src: Range<usize>,
    pub tgt: Range<usize>,
    pub score: f64,
}

/// Length-model settings for a language pair.
#[derive(Clone, Debug)]
pub struct AlignerConfig {
    /// Expected target characters per source character.
    pub ratio: f64,
    /// Variance of the length difference per source character (G&C's s²).
    pub variance: f64,
}

impl Default for AlignerConfig {
    fn default() -> Self {
        // Gale & Church (1993) constants: c = 1, s² = 6.8.
        AlignerConfig { ratio: 1.0, variance: 6.8 }
    }
}

/// Aligns two sentence lists.
#[derive(Clone, Debug, Default)]
pub struct Aligner {
    config: AlignerConfig,
}

// (source count, target count, prior probability) — Gale & Church, Table 5.
const BEAD_KINDS: [(usize, usize, f64); 6] =
    [(1, 1, 0.89), (1, 0, 0.0099), (0, 1, 0.0099), (2, 1, 0.089), (1, 2, 0.089), (2, 2, 0.011)];

impl Aligner {
    /// An aligner with the given length model.
    pub fn new(config: AlignerConfig) -> Aligner {
        Aligner { config }
    }

    /// Aligns `src` with `tgt` by dynamic programming over the bead kinds,
    /// minimising −log P(bead) − log P(δ | bead).
    pub fn align(&self, src: &[&str], tgt: &[&str]) -> Vec<Bead> {
        let (n, m) = (src.len(), tgt.len());
        let sl: Vec<f64> = src.iter().map(|s| s.chars().count() as f64).collect();
        let tl: Vec<f64> = tgt.iter().map(|s| s.chars().count() as f64).collect();
        let mut cost = vec![vec![f64::INFINITY; m + 1]; n + 1];
        let mut back = vec![vec![(0usize, 0usize, 0f64); m + 1]; n + 1];
        cost[0][0] = 0.0;
        for i in 0..=n {
            for j in 0..=m {
                if i == 0 && j == 0 {
                    continue;
                }
                for &(di, dj, prior) in &BEAD_KINDS {
                    if di > i || dj > j || cost[i - di][j - dj].is_infinite() {
                        continue;
                    }
                    let ls: f64 = sl[i - di..i].iter().sum();
                    let lt: f64 = tl[j - dj..j].iter().sum();
                    let c = self.bead_cost(ls, lt, prior);
                    let total = cost[i - di][j - dj] + c;
                    if total < cost[i][j] {
                        cost[i][j] = total;
                        back[i][j] = (di, dj, c);
                    }
                }
            }
        }
        let mut beads = Vec::new();
        let (mut i, mut j) = (n, m);
        while i > 0 || j > 0 {
            let (di, dj, c) = back[i][j];
            beads.push(Bead { src: i - di..i, tgt: j - dj..j, score: (100.0 * (-c / 10.0).exp()).clamp(0.0, 100.0) });
            i -= di;
            j -= dj;
        }
        beads.reverse();
        beads
    }

    fn bead_cost(&self, ls: f64, lt: f64, prior: f64) -> f64 {
        let mean = (ls + lt / self.config.ratio) / 2.0;
        let delta = if mean > 0.0 { (self.config.ratio * ls - lt) / (mean * self.config.variance).sqrt() } else { 0.0 };
        // Two-tailed probability of a normal deviate at least |delta|.
        let p = (2.0 * (1.0 - normal_cdf(delta.abs()))).max(1e-12);
        -prior.ln() - p.ln()
    }
}

/// Standard normal CDF (Abramowitz & Stegun 26.2.17, error < 7.5e-8).
fn normal_cdf(x: f64) -> f64 {
    let t = 1.0 / (1.0 + 0.2316419 * x.abs());
    let poly = t * (0.319381530 + t * (-0.356563782 + t * (1.781477937 + t * (-1.821255978 + t * 1.330274429))));
    let pdf = (-x * x / 2.0).exp() / (2.0 * std::f64::consts::PI).sqrt();
    let upper = pdf * poly;
    if x >= 0.0 {
        1.0 - upper
    } else {
        upper
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_lengths_align_one_to_one() {
        let src = ["Hola a todos los presentes.", "El proyecto Debian anuncia hoy su nueva versión."];
        let tgt = ["Hello to everyone here.", "The Debian project announces its new release today."];
        let beads = Aligner::default().align(&src, &tgt);
        assert_eq!(
            beads.iter().map(|b| (b.src.clone(), b.tgt.clone())).collect::<Vec<_>>(),
            [(0..1, 0..1), (1..2, 1..2)]
        );
    }

    #[test]
    fn two_short_sentences_join_against_one_long() {
        let src =
            ["Debian 6.0 fue publicado hoy después de veinticuatro meses de desarrollo constante.", "Es estable."];
        let tgt = ["Debian 6.0 was released today after twenty-four months of constant development, and it is stable."];
        let beads = Aligner::default().align(&src, &tgt);
        assert_eq!(beads.len(), 1);
        assert_eq!((beads[0].src.clone(), beads[0].tgt.clone()), (0..2, 0..1));
    }
}
