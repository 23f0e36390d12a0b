//! The bead dynamic programme shared by the paragraph and the sentence pass.
//!
//! Units (paragraphs or sentences) of both sides are paired by a monotone
//! alignment that minimises the summed bead cost (Gale & Church 1993, §4):
//! cost = −ln(P(kind) / P(1-1)) + length cost + lexical cost for an n-m bead,
//! a constant skip cost for a 1-0 or 0-1 bead. The skip is constant, not
//! G&C's −ln P(δ) of a zero-length side, so that dropping a long paragraph is
//! not pricier than mispairing the whole rest of the document.

use std::ops::Range;

/// One paragraph or sentence: its length in characters and its anchor ids (sorted).
#[derive(Clone, Debug, Default)]
pub(crate) struct Unit {
    pub(crate) len: f64,
    pub(crate) anchors: Vec<u32>,
}

/// The cost model of one pass.
pub(crate) struct Costs<'a> {
    pub(crate) ratio: f64,
    pub(crate) variance: f64,
    pub(crate) lexical_weight: f64,
    /// Anchor overlap (0–1) at which the lexical cost is 0: below it a bead pays, above it gains.
    pub(crate) lexical_center: f64,
    pub(crate) skip: f64,
    /// (source units, target units, prior probability); the first is the 1-1 kind.
    pub(crate) kinds: &'a [(usize, usize, f64)],
    /// Weight per anchor id.
    pub(crate) weights: &'a [f64],
}

/// A bead found by the programme: unit ranges of both sides and its cost.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Step {
    pub(crate) src: Range<usize>,
    pub(crate) tgt: Range<usize>,
    pub(crate) cost: f64,
}

impl Costs<'_> {
    /// Cost of pairing `src` with `tgt` (both non-empty) as a bead of prior `prior`.
    pub(crate) fn pair(&self, src: &[Unit], tgt: &[Unit], prior: f64) -> f64 {
        let p11 = self.kinds[0].2;
        (p11 / prior).ln() + self.length(src, tgt) + self.lexical(src, tgt)
    }

    /// −ln P(|δ| ≥ observed) under the Gale & Church length model.
    pub(crate) fn length(&self, src: &[Unit], tgt: &[Unit]) -> f64 {
        let l1: f64 = src.iter().map(|u| u.len).sum();
        let l2: f64 = tgt.iter().map(|u| u.len).sum();
        let mean = (l1 + l2 / self.ratio) / 2.0;
        if mean <= 0.0 {
            return 0.0;
        }
        let delta = (l2 - self.ratio * l1) / (mean * self.variance).sqrt();
        -ln_two_tailed(delta.abs())
    }

    /// `lexical_weight` × (1 − weighted Dice overlap of the anchors), or half the
    /// weight when neither side has an anchor found on both sides of the documents.
    pub(crate) fn lexical(&self, src: &[Unit], tgt: &[Unit]) -> f64 {
        match self.overlap(src, tgt) {
            Some(sim) => self.lexical_weight * (self.lexical_center - sim),
            None => 0.0,
        }
    }

    /// Weighted Dice coefficient of the anchor sets of `src` and `tgt`, 0–1, or
    /// `None` when both sets weigh nothing.
    pub(crate) fn overlap(&self, src: &[Unit], tgt: &[Unit]) -> Option<f64> {
        thread_local! {
            static BUFFERS: std::cell::RefCell<(Vec<u32>, Vec<u32>)> = const { std::cell::RefCell::new((Vec::new(), Vec::new())) };
        }
        BUFFERS.with(|cell| {
            let (ba, bb) = &mut *cell.borrow_mut();
            let a = union(src, ba);
            let b = union(tgt, bb);
            self.dice(a, b)
        })
    }

    fn dice(&self, a: &[u32], b: &[u32]) -> Option<f64> {
        let w = |ids: &[u32]| ids.iter().map(|&i| self.weights[i as usize]).sum::<f64>();
        let (wa, wb) = (w(a), w(b));
        if wa + wb <= 0.0 {
            return None;
        }
        let (mut i, mut j, mut common) = (0, 0, 0.0);
        while i < a.len() && j < b.len() {
            match a[i].cmp(&b[j]) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    common += self.weights[a[i] as usize];
                    i += 1;
                    j += 1;
                }
            }
        }
        Some(2.0 * common / (wa + wb))
    }
}

/// The sorted, deduplicated anchors of `units`: the unit's own list for one unit,
/// else merged into `buf` (a k-way merge of the sorted lists; k is at most 3 here).
fn union<'a>(units: &'a [Unit], buf: &'a mut Vec<u32>) -> &'a [u32] {
    if let [one] = units {
        return &one.anchors;
    }
    buf.clear();
    let mut at = [0usize; 4];
    if units.len() > at.len() {
        for u in units {
            buf.extend_from_slice(&u.anchors);
        }
        buf.sort_unstable();
        buf.dedup();
        return buf;
    }
    loop {
        let mut next = u32::MAX;
        let mut any = false;
        for (k, u) in units.iter().enumerate() {
            if let Some(&x) = u.anchors.get(at[k]) {
                any = true;
                next = next.min(x);
            }
        }
        if !any {
            return buf;
        }
        buf.push(next);
        for (k, u) in units.iter().enumerate() {
            if u.anchors.get(at[k]) == Some(&next) {
                at[k] += 1;
            }
        }
    }
}

/// ln(2·(1 − Φ(x))) for x ≥ 0: the log probability that a standard normal
/// deviate is at least `x` away from 0. Abramowitz & Stegun 7.1.26 for the
/// complementary error function below x = 5, its asymptotic series above.
pub(crate) fn ln_two_tailed(x: f64) -> f64 {
    let z = x / std::f64::consts::SQRT_2;
    if x < 5.0 {
        let t = 1.0 / (1.0 + 0.3275911 * z);
        let poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
        (poly * (-z * z).exp()).max(f64::MIN_POSITIVE).ln()
    } else {
        // erfc(z) ≈ e^(−z²) / (z√π) · (1 − 1/(2z²) + 3/(4z⁴))
        let z2 = z * z;
        -z2 - (z * std::f64::consts::PI.sqrt()).ln() + (1.0 - 1.0 / (2.0 * z2) + 3.0 / (4.0 * z2 * z2)).ln()
    }
}

/// The cheapest monotone sequence of beads covering every unit of `src` and
/// `tgt` once. Time and memory O(|src|·|tgt|).
pub(crate) fn align(src: &[Unit], tgt: &[Unit], c: &Costs) -> Vec<Step> {
    let (n, m) = (src.len(), tgt.len());
    let width = m + 1;
    let mut cost = vec![f64::INFINITY; (n + 1) * width];
    // Back pointer per cell: (source units, target units) of the bead ending there.
    let mut back = vec![(0u8, 0u8); (n + 1) * width];
    cost[0] = 0.0;
    for i in 0..=n {
        for j in 0..=m {
            if i == 0 && j == 0 {
                continue;
            }
            let mut best = f64::INFINITY;
            let mut from = (0u8, 0u8);
            if i > 0 {
                let t = cost[(i - 1) * width + j] + c.skip;
                if t < best {
                    (best, from) = (t, (1, 0));
                }
            }
            if j > 0 {
                let t = cost[i * width + j - 1] + c.skip;
                if t < best {
                    (best, from) = (t, (0, 1));
                }
            }
            for &(di, dj, prior) in c.kinds {
                if di > i || dj > j {
                    continue;
                }
                let before = cost[(i - di) * width + j - dj];
                if before.is_infinite() || before >= best {
                    continue;
                }
                let t = before + c.pair(&src[i - di..i], &tgt[j - dj..j], prior);
                if t < best {
                    (best, from) = (t, (di as u8, dj as u8));
                }
            }
            cost[i * width + j] = best;
            back[i * width + j] = from;
        }
    }
    let mut steps = Vec::new();
    let (mut i, mut j) = (n, m);
    while i > 0 || j > 0 {
        let (di, dj) = back[i * width + j];
        let (di, dj) = (di as usize, dj as usize);
        let here = cost[i * width + j] - cost[(i - di) * width + j - dj];
        steps.push(Step { src: i - di..i, tgt: j - dj..j, cost: here });
        i -= di;
        j -= dj;
    }
    steps.reverse();
    steps
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unit(len: f64, anchors: &[u32]) -> Unit {
        Unit { len, anchors: anchors.to_vec() }
    }

    fn costs(weights: &[f64]) -> Costs<'_> {
        Costs {
            ratio: 1.0,
            variance: 6.8,
            lexical_weight: 6.0,
            lexical_center: 0.5,
            skip: 5.0,
            kinds: &[(1, 1, 0.89), (2, 1, 0.089), (1, 2, 0.089)],
            weights,
        }
    }

    #[test]
    fn two_tailed_probability_matches_the_normal_table() {
        // P(|Z| ≥ 1.96) = 0.05, P(|Z| ≥ 6) = 1.97e-9.
        assert!((ln_two_tailed(1.96).exp() - 0.05).abs() < 1e-4);
        assert!((ln_two_tailed(6.0).exp() / 1.973e-9 - 1.0).abs() < 0.01);
        assert!(ln_two_tailed(0.0).abs() < 1e-6);
    }

    #[test]
    fn a_unit_whose_anchors_match_nothing_is_skipped() {
        // Source 1 (anchor 2) has no counterpart; 0 and 2 match target 0 and 1 by anchors.
        let w = [1.0, 1.0, 1.0];
        let src = [unit(100.0, &[0]), unit(90.0, &[2]), unit(100.0, &[1])];
        let tgt = [unit(100.0, &[0]), unit(100.0, &[1])];
        let steps = align(&src, &tgt, &costs(&w));
        let shape: Vec<_> = steps.iter().map(|s| (s.src.clone(), s.tgt.clone())).collect();
        assert_eq!(shape, [(0..1, 0..1), (1..2, 1..1), (2..3, 1..2)]);
        assert_eq!(steps[1].cost, 5.0);
    }

    #[test]
    fn overlap_is_weighted_dice() {
        let w = [1.0, 3.0, 1.0];
        let c = costs(&w);
        assert_eq!(c.overlap(&[unit(1.0, &[0, 1])], &[unit(1.0, &[1, 2])]), Some(0.75));
        assert_eq!(c.overlap(&[unit(1.0, &[0]), unit(1.0, &[1])], &[unit(1.0, &[0, 1])]), Some(1.0));
        assert_eq!(c.overlap(&[unit(1.0, &[])], &[unit(1.0, &[])]), None);
    }
}
