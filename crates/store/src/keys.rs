//! The variant keys of a fresh import (a TM empty when the import began):
//! which TUs stored so far have a variant with a given language tag and
//! normalised text hash, without the SQL index `tuv_exact`, which such an import
//! builds once at commit instead of inserting into it at random for every
//! TUV (a third of the SQLite work at a million TUs).
//!
//! A [`crate::bloom::Bloom`] filter answers "never seen" for almost every
//! new source; only on a hit are the stored entries searched. Entries are
//! `(32-bit fingerprint, 32-bit TU id)` packed in a `u64`, kept as a few
//! sorted runs merged like a log-structured merge tree (O'Neil et al., "The
//! log-structured merge-tree", Acta Informatica 33, 1996) plus a small
//! unsorted tail: 8 bytes a variant, plus the filter's 1.25.

use crate::bloom::Bloom;

/// Entries held unsorted before they become a run.
const TAIL: usize = 4096;
/// Runs stop merging at this many entries (8 MB), so a merge never holds
/// more than twice that beside the runs.
const MAX_RUN: usize = 1 << 20;

/// See the module documentation.
pub(crate) struct SourceKeys {
    bloom: Bloom,
    /// Sorted runs, each at least twice as long as the next (up to
    /// [`MAX_RUN`] entries).
    runs: Vec<Vec<u64>>,
    tail: Vec<u64>,
}

/// The fingerprint of a key: its high 32 bits after mixing (the Bloom filter
/// mixes differently, so the two tests are nearly independent).
fn fingerprint(key: u64) -> u64 {
    key.wrapping_mul(0x9E3779B97F4A7C15) >> 32
}

impl SourceKeys {
    pub fn new() -> SourceKeys {
        SourceKeys { bloom: Bloom::new(), runs: Vec::new(), tail: Vec::with_capacity(TAIL) }
    }

    /// Records that TU `tu_id` (below 2³²) has a variant of key `key`.
    pub fn insert(&mut self, key: u64, tu_id: u32) {
        self.bloom.insert(key);
        self.tail.push(fingerprint(key) << 32 | u64::from(tu_id));
        if self.tail.len() == TAIL {
            let mut run = std::mem::replace(&mut self.tail, Vec::with_capacity(TAIL));
            run.sort_unstable();
            self.runs.push(run);
            while let [.., a, b] = self.runs.as_slice() {
                if a.len() >= 2 * b.len() || a.len() + b.len() > MAX_RUN {
                    break;
                }
                let b = self.runs.pop().expect("two runs");
                let a = self.runs.pop().expect("two runs");
                self.runs.push(merge(&a, &b));
            }
        }
    }

    /// The TUs recorded with a key of the same fingerprint as `key` (a
    /// superset of those with `key`; the caller checks each), ascending.
    pub fn candidates(&self, key: u64) -> Vec<i64> {
        if !self.bloom.contains(key) {
            return Vec::new();
        }
        let fp = fingerprint(key);
        let (lo, hi) = (fp << 32, fp << 32 | u64::from(u32::MAX));
        let mut out: Vec<i64> = Vec::new();
        for run in &self.runs {
            let start = run.partition_point(|&e| e < lo);
            out.extend(run[start..].iter().take_while(|&&e| e <= hi).map(|&e| (e & 0xFFFF_FFFF) as i64));
        }
        out.extend(self.tail.iter().filter(|&&e| e >> 32 == fp).map(|&e| (e & 0xFFFF_FFFF) as i64));
        out.sort_unstable();
        // A TU deleted by an overwrite leaves its id to the next TU.
        out.dedup();
        out
    }
}

fn merge(a: &[u64], b: &[u64]) -> Vec<u64> {
    let mut out = Vec::with_capacity(a.len() + b.len());
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        if a[i] <= b[j] {
            out.push(a[i]);
            i += 1;
        } else {
            out.push(b[j]);
            j += 1;
        }
    }
    out.extend_from_slice(&a[i..]);
    out.extend_from_slice(&b[j..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_tu_of_a_key_is_a_candidate_and_runs_stay_few() {
        let mut k = SourceKeys::new();
        let n = 300_000u32;
        // Every key twice (ids i and i + n), so a later TU finds the earlier.
        for id in 0..2 * n {
            k.insert(u64::from(id % n).wrapping_mul(0xD6E8FEB86659FD93), id);
        }
        for key in [0u32, 1, 4095, 4096, 150_000, n - 1] {
            let c = k.candidates(u64::from(key).wrapping_mul(0xD6E8FEB86659FD93));
            assert!(c.contains(&i64::from(key)) && c.contains(&i64::from(key + n)), "{key}: {c:?}");
            assert!(c.len() <= 4, "{key}: {c:?}");
        }
        assert!(k.candidates(0xFFFF_0000_1234).is_empty());
        assert!(k.runs.len() <= 10, "{} runs", k.runs.len());
        assert!(k.runs.windows(2).all(|w| w[0].len() >= w[1].len()));
    }
}
