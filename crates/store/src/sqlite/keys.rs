//! The variant keys of a fresh import (a TM empty when the import began):
//! which TUs stored so far have a variant with a given language tag and
//! normalised text hash, without the SQL index `tuv_exact`, which such an import
//! builds once at commit instead of inserting into it at random for every
//! TUV (a third of the SQLite work at a million TUs).
//!
//! A [`crate::sqlite::bloom::Bloom`] filter answers "never seen" for almost every
//! new source; only on a hit are the stored entries searched. Entries are
//! `(32-bit fingerprint, 32-bit TU id)` packed in a `u64`, kept as sorted
//! runs merged like a log-structured merge tree (O'Neil et al., "The
//! log-structured merge-tree", Acta Informatica 33, 1996): a small unsorted
//! tail and runs in memory up to [`IN_MEMORY`] entries, then runs in
//! temporary files (unlinked at once, so nothing outlives the process), each
//! searched by one read of a 4 KiB block found through fences kept in
//! memory. Memory: the filter (10 bits a key in layers that double, so 1.25
//! to 2.5 bytes a variant: 8.75 MB at 5.9M) plus 4 MB, whatever the import's
//! size (a 2.9M-TU import held 63 MB when every run stayed in memory).

use crate::sqlite::bloom::Bloom;
use std::collections::BinaryHeap;
use std::fs::File;
use std::io::{self, BufReader, BufWriter, Read, Seek, SeekFrom, Write};

/// Entries held unsorted before they become a run.
const TAIL: usize = 4096;
/// Entries held in memory (4 MB) before they go to a run on disk.
const IN_MEMORY: usize = 1 << 19;
/// Entries of a disk run read at once (4 KiB).
const BLOCK: usize = 512;
/// Keys the filter is sized for at first (it grows by layers beyond).
const FIRST_KEYS: usize = 1 << 20;

/// See the module documentation.
pub(crate) struct SourceKeys {
    bloom: Bloom,
    /// Sorted runs in memory, each at least twice as long as the next.
    runs: Vec<Vec<u64>>,
    tail: Vec<u64>,
    /// Sorted runs on disk, each at least twice as long as the next.
    disk: Vec<DiskRun>,
}

/// A sorted run of entries in a temporary file (little-endian `u64`s).
struct DiskRun {
    file: File,
    len: usize,
    /// The first entry of every [`BLOCK`] entries.
    fences: Vec<u64>,
}

/// The fingerprint of a key: its high 32 bits after mixing (the Bloom filter
/// mixes differently, so the two tests are nearly independent).
fn fingerprint(key: u64) -> u64 {
    key.wrapping_mul(0x9E3779B97F4A7C15) >> 32
}

impl SourceKeys {
    pub fn new() -> SourceKeys {
        SourceKeys {
            bloom: Bloom::with_capacity(FIRST_KEYS),
            runs: Vec::new(),
            tail: Vec::with_capacity(TAIL),
            disk: Vec::new(),
        }
    }

    /// Records that TU `tu_id` (below 2³²) has a variant of key `key`.
    /// Errors only when a temporary file cannot be written.
    pub fn insert(&mut self, key: u64, tu_id: u32) -> io::Result<()> {
        self.bloom.insert(key);
        self.tail.push(fingerprint(key) << 32 | u64::from(tu_id));
        if self.tail.len() < TAIL {
            return Ok(());
        }
        let mut run = std::mem::replace(&mut self.tail, Vec::with_capacity(TAIL));
        run.sort_unstable();
        self.runs.push(run);
        while let [.., a, b] = self.runs.as_slice() {
            if a.len() >= 2 * b.len() {
                break;
            }
            let b = self.runs.pop().expect("two runs");
            let a = self.runs.pop().expect("two runs");
            self.runs.push(merge2(&a, &b));
        }
        if self.runs.iter().map(Vec::len).sum::<usize>() >= IN_MEMORY {
            let runs = std::mem::take(&mut self.runs);
            let len = runs.iter().map(Vec::len).sum();
            let run = DiskRun::write(len, |push| merge(runs.into_iter().map(Vec::into_iter), push))?;
            self.disk.push(run);
            while let [.., a, b] = self.disk.as_slice() {
                if a.len >= 2 * b.len {
                    break;
                }
                let b = self.disk.pop().expect("two runs");
                let a = self.disk.pop().expect("two runs");
                let run = DiskRun::write(a.len + b.len, |push| merge([a.entries()?, b.entries()?], push))?;
                self.disk.push(run);
            }
        }
        Ok(())
    }

    /// The TUs recorded with a key of the same fingerprint as `key` (a
    /// superset of those with `key`; the caller checks each), ascending.
    /// Errors only when a temporary file cannot be read.
    pub fn candidates(&self, key: u64) -> io::Result<Vec<i64>> {
        if !self.bloom.contains(key) {
            return Ok(Vec::new());
        }
        let fp = fingerprint(key);
        let (lo, hi) = (fp << 32, fp << 32 | u64::from(u32::MAX));
        let mut found: Vec<u64> = Vec::new();
        for run in &self.runs {
            let start = run.partition_point(|&e| e < lo);
            found.extend(run[start..].iter().take_while(|&&e| e <= hi));
        }
        found.extend(self.tail.iter().filter(|&&e| e >> 32 == fp));
        for run in &self.disk {
            run.find(lo, hi, &mut found)?;
        }
        let mut out: Vec<i64> = found.into_iter().map(|e| (e & 0xFFFF_FFFF) as i64).collect();
        out.sort_unstable();
        // A TU deleted by an overwrite leaves its id to the next TU.
        out.dedup();
        Ok(out)
    }
}

impl DiskRun {
    /// A run of `len` entries, which `fill` pushes in ascending order.
    fn write(
        len: usize,
        fill: impl FnOnce(&mut dyn FnMut(u64) -> io::Result<()>) -> io::Result<()>,
    ) -> io::Result<DiskRun> {
        let file = tempfile::tempfile()?;
        let mut out = BufWriter::with_capacity(64 * 1024, &file);
        let mut fences = Vec::with_capacity(len.div_ceil(BLOCK));
        let mut n = 0usize;
        fill(&mut |e| {
            if n.is_multiple_of(BLOCK) {
                fences.push(e);
            }
            n += 1;
            out.write_all(&e.to_le_bytes())
        })?;
        out.flush()?;
        drop(out);
        if n != len {
            // A run read back short (see `entries`): fail rather than lose keys.
            let what = format!("a sorted key run came back with {n} of its {len} entries");
            return Err(io::Error::new(io::ErrorKind::UnexpectedEof, what));
        }
        Ok(DiskRun { file, len: n, fences })
    }

    /// The entries in order, read from the start of the file.
    fn entries(&self) -> io::Result<impl Iterator<Item = u64> + '_> {
        (&self.file).seek(SeekFrom::Start(0))?;
        let mut r = BufReader::with_capacity(64 * 1024, &self.file);
        let mut left = self.len;
        Ok(std::iter::from_fn(move || {
            let mut b = [0u8; 8];
            // A file this process wrote and holds open: a short read is a
            // failing disk; it ends the run, and the merge that reads it
            // counts its entries and fails ([`DiskRun::write`]).
            (left > 0 && r.read_exact(&mut b).is_ok()).then(|| {
                left -= 1;
                u64::from_le_bytes(b)
            })
        }))
    }

    /// Adds to `found` the entries in `lo..=hi`.
    fn find(&self, lo: u64, hi: u64, found: &mut Vec<u64>) -> io::Result<()> {
        // The first block whose fence is ≥ lo may be preceded by one that
        // ends with entries equal to lo.
        let mut block = self.fences.partition_point(|&f| f < lo).saturating_sub(1);
        let mut buf = [0u8; BLOCK * 8];
        while block < self.fences.len() && self.fences[block] <= hi {
            let start = block * BLOCK;
            let n = BLOCK.min(self.len - start);
            (&self.file).seek(SeekFrom::Start(start as u64 * 8))?;
            (&self.file).read_exact(&mut buf[..n * 8])?;
            let entries = buf[..n * 8].chunks_exact(8).map(|c| u64::from_le_bytes(c.try_into().expect("8 bytes")));
            let mut past = false;
            for e in entries {
                if e > hi {
                    past = true;
                    break;
                }
                if e >= lo {
                    found.push(e);
                }
            }
            if past {
                break;
            }
            block += 1;
        }
        Ok(())
    }
}

/// Merges two sorted runs.
fn merge2(a: &[u64], b: &[u64]) -> Vec<u64> {
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

/// Merges sorted sources into `push`, in ascending order (a k-way merge
/// over a heap of the sources' heads).
fn merge<I: Iterator<Item = u64>>(
    sources: impl IntoIterator<Item = I>,
    push: &mut dyn FnMut(u64) -> io::Result<()>,
) -> io::Result<()> {
    let mut sources: Vec<I> = sources.into_iter().collect();
    let mut heads: BinaryHeap<std::cmp::Reverse<(u64, usize)>> =
        sources.iter_mut().enumerate().filter_map(|(i, s)| s.next().map(|e| std::cmp::Reverse((e, i)))).collect();
    while let Some(std::cmp::Reverse((e, i))) = heads.pop() {
        push(e)?;
        if let Some(next) = sources[i].next() {
            heads.push(std::cmp::Reverse((next, i)));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_tu_of_a_key_is_a_candidate_and_runs_stay_few() {
        let mut k = SourceKeys::new();
        let n = 1_500_000u32;
        // Every key twice (ids i and i + n), so a later TU finds the earlier.
        for id in 0..2 * n {
            k.insert(u64::from(id % n).wrapping_mul(0xD6E8FEB86659FD93), id).unwrap();
        }
        // 3M entries: 5 runs of 512Ki on disk merged to 4 + 1, the rest in memory.
        assert_eq!(k.disk.iter().map(|r| r.len).collect::<Vec<_>>(), [4 * IN_MEMORY, IN_MEMORY]);
        assert_eq!(k.runs.iter().map(Vec::len).sum::<usize>() + k.tail.len(), 2 * n as usize - 5 * IN_MEMORY);
        for key in [0u32, 1, 4095, 4096, 150_000, 600_000, n - 1] {
            let c = k.candidates(u64::from(key).wrapping_mul(0xD6E8FEB86659FD93)).unwrap();
            assert!(c.contains(&i64::from(key)) && c.contains(&i64::from(key + n)), "{key}: {c:?}");
            assert!(c.len() <= 4, "{key}: {c:?}");
        }
        assert!(k.candidates(0xFFFF_0000_1234).unwrap().is_empty());
        assert!(k.runs.len() <= 10, "{} runs", k.runs.len());
        assert!(k.runs.windows(2).all(|w| w[0].len() >= w[1].len()));
    }

    #[test]
    fn a_fingerprint_spanning_disk_blocks_is_found_whole() {
        let mut k = SourceKeys::new();
        // One key for the first 2,000 ids (its entries cross 4 blocks of 512
        // in the first disk run), distinct keys after.
        let same = 0x1234_5678_9ABC_DEF0u64;
        for id in 0..IN_MEMORY as u32 + 10 {
            let key = if id < 2_000 { same } else { u64::from(id).wrapping_mul(0xD6E8FEB86659FD93) };
            k.insert(key, id).unwrap();
        }
        assert_eq!(k.disk.len(), 1);
        assert_eq!(k.candidates(same).unwrap(), (0..2_000).collect::<Vec<i64>>());
    }
}
