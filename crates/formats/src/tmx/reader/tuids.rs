//! The tuids seen in one file, to warn about a repeated one, in bounded
//! memory. Tools number their TUs ("1", "2", …, or "tu-1", "x17"): a tuid
//! that is a prefix and a decimal number is one bit in a bitmap of its prefix
//! (a 1 GB file of 2.9M numbered TUs: 0.4 MB instead of 38 MB of hashes);
//! any other tuid is kept as a 64-bit FNV-1a hash (8 bytes, no text).

use super::events::{fnv1a, IdentityHasher};
use std::collections::{HashMap, HashSet};
use std::hash::BuildHasherDefault;

/// Prefixes that get a bitmap; tuids with further prefixes are hashed.
const MAX_PREFIXES: usize = 1024;
/// A bitmap may always grow to this many bits (128 KiB)…
const FREE_BITS: usize = 1 << 20;
/// …and beyond it to this many bits per number it holds (sparse numbers
/// go to the hash set instead).
const BITS_PER_NUMBER: usize = 16;

#[derive(Default)]
struct Bitmap {
    words: Vec<u64>,
    count: usize,
}

/// See the module documentation.
#[derive(Default)]
pub(super) struct TuidSet {
    /// The bitmap used last, with its prefix, kept out of `numbered`: a
    /// file numbers its TUs with one prefix, and a hash lookup of it per TU
    /// was 3 % of a parse.
    hot: Option<(String, Bitmap)>,
    numbered: HashMap<String, Bitmap>,
    hashed: HashSet<u64, BuildHasherDefault<IdentityHasher>>,
}

/// `tuid` as a prefix and a number: trailing ASCII digits without a
/// leading zero (or a lone "0"), at most 9 of them.
fn split(tuid: &str) -> Option<(&str, usize)> {
    let digits = tuid.bytes().rev().take_while(u8::is_ascii_digit).count();
    let (prefix, number) = tuid.split_at(tuid.len() - digits);
    if digits == 0 || digits > 9 || digits > 1 && number.starts_with('0') {
        return None;
    }
    // At most 9 digits: no overflow.
    Some((prefix, number.bytes().fold(0, |n, d| n * 10 + usize::from(d - b'0'))))
}

impl TuidSet {
    /// Records `tuid`; false when it was seen before.
    pub fn insert(&mut self, tuid: &str) -> bool {
        if let Some((prefix, n)) = split(tuid) {
            if let Some(known) = self.make_hot(prefix) {
                let (_, map) = self.hot.as_mut().expect("made hot above");
                let word = n / 64;
                if word < map.words.len() || (word + 1) * 64 <= FREE_BITS.max(BITS_PER_NUMBER * (map.count + 1)) {
                    if word >= map.words.len() {
                        map.words.resize(word + 1, 0);
                    }
                    let bit = 1u64 << (n % 64);
                    // A number once too sparse for the bitmap was hashed.
                    let hashed_before = || !self.hashed.is_empty() && self.hashed.contains(&fnv1a(tuid.as_bytes()));
                    if map.words[word] & bit != 0 || hashed_before() {
                        return false;
                    }
                    map.words[word] |= bit;
                    map.count += 1;
                    return true;
                }
                if !known && map.count == 0 {
                    self.hot = None;
                }
            }
        }
        self.hashed.insert(fnv1a(tuid.as_bytes()))
    }

    /// Makes `prefix`'s bitmap the hot one, a new one while there are fewer
    /// than [`MAX_PREFIXES`]. `Some(known)`: it is hot, and whether it
    /// existed before; `None`: no bitmap for it.
    fn make_hot(&mut self, prefix: &str) -> Option<bool> {
        if self.hot.as_ref().is_some_and(|(p, _)| super::events::same(p.as_bytes(), prefix.as_bytes())) {
            return Some(true);
        }
        let (entry, known) = match self.numbered.remove_entry(prefix) {
            Some(e) => (e, true),
            None if self.numbered.len() + usize::from(self.hot.is_some()) < MAX_PREFIXES => {
                ((prefix.to_string(), Bitmap::default()), false)
            }
            None => return None,
        };
        if let Some((p, m)) = self.hot.replace(entry) {
            self.numbered.insert(p, m);
        }
        Some(known)
    }

    /// The bitmap of `prefix`, if it has one.
    #[cfg(test)]
    fn bitmap(&self, prefix: &str) -> Option<&Bitmap> {
        match &self.hot {
            Some((p, m)) if p == prefix => Some(m),
            _ => self.numbered.get(prefix),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repeats_are_found_whatever_the_form() {
        let mut s = TuidSet::default();
        let ids = ["1", "2", "big-0", "big-1", "x_s02", "007", "ACDetection", "tu-999999999", "0", ""];
        for id in ids {
            assert!(s.insert(id), "{id}");
        }
        for id in ids {
            assert!(!s.insert(id), "{id} again");
        }
        assert!(s.insert("big-2") && s.insert("x_s03") && s.insert("tu-999999998"));
        // A number hashed while sparse is still known once its bitmap has grown.
        let mut t = TuidSet::default();
        assert!(t.insert("p70000"));
        for i in 0..10_000 {
            assert!(t.insert(&format!("p{i}")));
        }
        assert!(!t.insert("p70000"));
        // Sequential numbers take bits; the sparse huge one went to the hashes.
        assert_eq!(s.bitmap("big-").unwrap().words.len(), 1);
        assert!(s.bitmap("tu-").is_none_or(|m| m.words.len() <= FREE_BITS / 64));
    }

    #[test]
    fn three_million_numbered_tuids_take_under_half_a_megabyte() {
        let mut s = TuidSet::default();
        for i in 0..2_900_000 {
            assert!(s.insert(&format!("big-{i}")));
        }
        assert!(!s.insert("big-1234567"));
        assert!(s.hashed.is_empty());
        assert!(s.bitmap("big-").unwrap().words.len() * 8 < 400_000);
    }

    /// Random tuids (a few hot prefixes and 1,500 others, so past the
    /// bitmap limit; dense, sparse, huge and zero-padded numbers; plain
    /// names) give the same answers as a set of the strings.
    #[test]
    fn random_tuids_are_found_repeated_exactly_as_a_set_of_strings_finds_them() {
        let mut next = crate::tmx::xorshift(0x9E37_79B9_7F4A_7C15);
        for round in 0..4 {
            let mut s = TuidSet::default();
            let mut want = std::collections::HashSet::new();
            for _ in 0..200_000 {
                let prefix = match next(10) {
                    0..=3 => ["", "tu-", "a"][next(3)].to_string(),
                    4..=6 => format!("p{}-", next(1500 + 500 * round)),
                    _ => format!("x{}", next(3)),
                };
                let number = match next(8) {
                    0..=4 => next(3000).to_string(),
                    5 => next(1_000_000_000).to_string(),
                    6 => format!("0{}", next(50)),
                    _ => (next(30) * 70_000).to_string(),
                };
                let tuid = if next(20) == 0 { format!("{prefix}name") } else { format!("{prefix}{number}") };
                assert_eq!(s.insert(&tuid), want.insert(tuid.clone()), "{tuid} (round {round})");
            }
        }
    }
}
