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
    /// A unit that is never joined with another in a bead (a heading: translators
    /// keep headings as lines of their own).
    pub(crate) alone: bool,
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
        self.prior(prior) + self.length(src, tgt) + self.lexical(src, tgt)
    }

    /// ln(P(1-1) / P(kind)): what a bead pays for not being 1-1.
    fn prior(&self, prior: f64) -> f64 {
        (self.kinds[0].2 / prior).ln()
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

    /// Number of anchors (of non-zero weight) that `src` and `tgt` have in common.
    pub(crate) fn shared(&self, src: &[Unit], tgt: &[Unit]) -> usize {
        let (mut a, mut b) = (Vec::new(), Vec::new());
        let (a, b) = (union(src, &mut a), union(tgt, &mut b));
        a.iter().filter(|id| self.weights[**id as usize] > 0.0 && b.binary_search(id).is_ok()).count()
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

/// Largest number of cells the programme fills for one block: 4M cells use
/// 40 MB. A larger block is aligned inside a band around its diagonal.
const MAX_CELLS: usize = 4_000_000;

/// The cheapest monotone sequence of beads covering every unit of `src` and
/// `tgt` once. Time and memory O(|src|·|tgt|) up to [`MAX_CELLS`]; beyond, the
/// path is searched in a band around the diagonal as wide as the cell budget
/// allows (at least the length difference plus 100 units), so a larger block
/// still aligns in bounded memory but a gap wider than the band is missed.
pub(crate) fn align(src: &[Unit], tgt: &[Unit], c: &Costs) -> Vec<Step> {
    align_within(src, tgt, c, MAX_CELLS)
}

/// Rows of the programme: row `i` holds the cells `lo[i]..=hi[i]`.
struct Band {
    lo: Vec<usize>,
    hi: Vec<usize>,
    offset: Vec<usize>,
}

impl Band {
    fn new(n: usize, m: usize, max_cells: usize) -> Band {
        let full = (n + 1).saturating_mul(m + 1) <= max_cells;
        let step = m.div_ceil(n.max(1));
        let half = if full { m } else { (max_cells / (2 * (n + 1))).max(n.abs_diff(m) + 100).max(step + 3) };
        let mut band =
            Band { lo: Vec::with_capacity(n + 1), hi: Vec::with_capacity(n + 1), offset: Vec::with_capacity(n + 2) };
        let mut total = 0;
        for i in 0..=n {
            let center = (i * m).checked_div(n).unwrap_or(0);
            let (lo, hi) = (center.saturating_sub(half), (center + half).min(m));
            band.lo.push(lo);
            band.hi.push(hi);
            band.offset.push(total);
            total += hi - lo + 1;
        }
        band.offset.push(total);
        band
    }

    fn cells(&self) -> usize {
        self.offset[self.offset.len() - 1]
    }

    fn index(&self, i: usize, j: usize) -> Option<usize> {
        (self.lo[i] <= j && j <= self.hi[i]).then(|| self.offset[i] + j - self.lo[i])
    }
}

fn align_within(src: &[Unit], tgt: &[Unit], c: &Costs, max_cells: usize) -> Vec<Step> {
    let (n, m) = (src.len(), tgt.len());
    let band = Band::new(n, m, max_cells);
    let mut cost = vec![f64::INFINITY; band.cells()];
    // Back pointer per cell: (source units, target units) of the bead ending there.
    let mut back = vec![(0u8, 0u8); band.cells()];
    cost[0] = 0.0;
    let at = |cost: &[f64], i: usize, j: usize| band.index(i, j).map_or(f64::INFINITY, |k| cost[k]);
    // No pair costs less than this (prior and length costs are ≥ 0), which bounds the pruning.
    let cheapest_pair = c.lexical_weight * (c.lexical_center - 1.0).min(0.0);
    let prior_costs: Vec<f64> = c.kinds.iter().map(|&(_, _, prior)| c.prior(prior)).collect();
    for i in 0..=n {
        for j in band.lo[i]..=band.hi[i] {
            if i == 0 && j == 0 {
                continue;
            }
            let mut best = f64::INFINITY;
            let mut from = (0u8, 0u8);
            if i > 0 {
                let t = at(&cost, i - 1, j) + c.skip;
                if t < best {
                    (best, from) = (t, (1, 0));
                }
            }
            if j > 0 {
                let t = at(&cost, i, j - 1) + c.skip;
                if t < best {
                    (best, from) = (t, (0, 1));
                }
            }
            for (&(di, dj, _), &prior_cost) in c.kinds.iter().zip(&prior_costs) {
                if di > i || dj > j {
                    continue;
                }
                let (s, t) = (&src[i - di..i], &tgt[j - dj..j]);
                if (di > 1 && s.iter().any(|u| u.alone)) || (dj > 1 && t.iter().any(|u| u.alone)) {
                    continue;
                }
                // Cheap parts first: skip the anchor merge when the bead cannot win.
                let before = at(&cost, i - di, j - dj) + prior_cost;
                if before.is_infinite() || before + cheapest_pair >= best {
                    continue;
                }
                let partial = before + c.length(s, t);
                if partial + cheapest_pair >= best {
                    continue;
                }
                let total = partial + c.lexical(s, t);
                if total < best {
                    (best, from) = (total, (di as u8, dj as u8));
                }
            }
            let k = band.offset[i] + j - band.lo[i];
            cost[k] = best;
            back[k] = from;
        }
    }
    let mut steps = Vec::new();
    let (mut i, mut j) = (n, m);
    while i > 0 || j > 0 {
        let k = band.offset[i] + j - band.lo[i];
        let (di, dj) = back[k];
        let (di, dj) = (di as usize, dj as usize);
        let here = cost[k] - at(&cost, i - di, j - dj);
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
        Unit { len, anchors: anchors.to_vec(), alone: false }
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
    fn a_band_finds_the_same_path_as_the_full_table() {
        // 1000 × 990 units with ten source units missing from the target near the start.
        let w = vec![1.0; 1000];
        let src: Vec<Unit> = (0..1000).map(|k| unit(40.0 + (k % 7) as f64 * 9.0, &[k as u32])).collect();
        let tgt: Vec<Unit> =
            src.iter().enumerate().filter(|(k, _)| !(20..30).contains(k)).map(|(_, u)| u.clone()).collect();
        let c = costs(&w);
        let full = align_within(&src, &tgt, &c, usize::MAX);
        let banded = align_within(&src, &tgt, &c, 100_000);
        assert!(Band::new(1000, 990, 100_000).cells() < 1001 * 991 / 4);
        assert_eq!(full, banded);
        assert_eq!(full.iter().filter(|s| s.tgt.is_empty()).count(), 10);
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
