//! A growable Bloom filter of 64-bit keys (B. H. Bloom, "Space/time
//! trade-offs in hash coding with allowable errors", CACM 13(7), 1970), in
//! the scalable form of Almeida et al. ("Scalable Bloom Filters", IPL 101(6),
//! 2007): when a layer is full a twice larger one is added, and a key is
//! present if any layer has it.
//!
//! A fresh import keeps the variant keys it has stored here (and in sorted
//! runs, `keys.rs`): 10 bits a key and 5 probes, about 1 % false positives
//! per layer, each answered by a binary search of the runs.

/// Bits of the first layer (128 KiB); each next layer has twice as many.
const FIRST_BITS: usize = 1 << 20;
/// Bits per key.
const BITS_PER_KEY: usize = 10;
/// Probes per key (optimal for 10 bits a key is 7; 5 gives 1.0 % false
/// positives with fewer cache misses).
const PROBES: usize = 5;

struct Layer {
    bits: Vec<u64>,
    /// Bits in the layer (a power of two).
    mask: u64,
    keys: usize,
    capacity: usize,
}

impl Layer {
    /// A layer of `nbits` bits (a power of two) for `nbits / BITS_PER_KEY` keys.
    fn new(nbits: usize) -> Layer {
        Layer { bits: vec![0; nbits / 64], mask: nbits as u64 - 1, keys: 0, capacity: nbits / BITS_PER_KEY }
    }

    /// The probe positions of `key`: double hashing (Kirsch and
    /// Mitzenmacher, 2006) over a mixed copy of the key.
    fn probes(mask: u64, key: u64) -> [u64; PROBES] {
        let h = mix(key);
        let (a, b) = (h, (h >> 32) | 1);
        std::array::from_fn(|i| a.wrapping_add((i as u64).wrapping_mul(b)) & mask)
    }

    fn contains(&self, key: u64) -> bool {
        Self::probes(self.mask, key).iter().all(|&bit| self.bits[(bit / 64) as usize] & (1 << (bit % 64)) != 0)
    }

    fn insert(&mut self, key: u64) {
        for bit in Self::probes(self.mask, key) {
            self.bits[(bit / 64) as usize] |= 1 << (bit % 64);
        }
        self.keys += 1;
    }
}

/// SplitMix64's finaliser: spreads keys that are already hashes but may
/// share low bits.
fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58476d1ce4e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d049bb133111eb);
    z ^ (z >> 31)
}

/// A set of 64-bit keys that may answer "present" for a key never inserted
/// (rarely) but never "absent" for one that was.
pub(crate) struct Bloom {
    layers: Vec<Layer>,
}

impl Bloom {
    pub fn new() -> Bloom {
        Bloom { layers: vec![Layer::new(FIRST_BITS)] }
    }

    /// Whether `key` may have been inserted.
    pub fn contains(&self, key: u64) -> bool {
        self.layers.iter().any(|l| l.contains(key))
    }

    /// Records `key`.
    pub fn insert(&mut self, key: u64) {
        let last = self.layers.last().expect("a Bloom filter has a layer");
        if last.keys >= last.capacity {
            let nbits = last.bits.len() * 64 * 2;
            self.layers.push(Layer::new(nbits));
        }
        self.layers.last_mut().expect("a Bloom filter has a layer").insert(key);
    }

    /// Bytes held by the bit arrays.
    #[cfg(test)]
    fn bytes(&self) -> usize {
        self.layers.iter().map(|l| l.bits.len() * 8).sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inserted_keys_are_found_and_false_positives_stay_rare() {
        let mut b = Bloom::new();
        let n = 500_000u64;
        for k in 0..n {
            b.insert(k.wrapping_mul(0x9E3779B97F4A7C15));
        }
        assert!((0..n).all(|k| b.contains(k.wrapping_mul(0x9E3779B97F4A7C15))));
        let false_hits = (n..2 * n).filter(|k| b.contains(k.wrapping_mul(0x9E3779B97F4A7C15))).count();
        // Three layers (104,857, 209,715 and 419,430 keys), each about 1 %.
        assert!(false_hits < 3 * (n as usize) / 100, "{false_hits} false positives in {n}");
        assert_eq!(b.layers.len(), 3);
        assert_eq!(b.bytes(), ((1 << 20) + (1 << 21) + (1 << 22)) / 8);
    }
}
