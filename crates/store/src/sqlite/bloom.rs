//! A growable Bloom filter of 64-bit keys (B. H. Bloom, "Space/time
//! trade-offs in hash coding with allowable errors", CACM 13(7), 1970), in
//! the scalable form of Almeida et al. ("Scalable Bloom Filters", IPL 101(6),
//! 2007): when a layer is full a twice larger one is added, and a key is
//! present if any layer has it.
//!
//! A fresh import keeps the variant keys it has stored here (and in sorted
//! runs, `keys.rs`): 10 bits a key and 5 probes, about 1 % false positives
//! per layer, each answered by a search of the runs.

/// Bits per key.
const BITS_PER_KEY: usize = 10;
/// Probes per key (optimal for 10 bits a key is 7; 5 gives 1.0 % false
/// positives with fewer cache misses).
const PROBES: usize = 5;

struct Layer {
    bits: Vec<u64>,
    /// Bits in the layer.
    nbits: u64,
    keys: usize,
    capacity: usize,
}

impl Layer {
    /// A layer of [`BITS_PER_KEY`] bits for each of `capacity` keys.
    fn new(capacity: usize) -> Layer {
        let words = (capacity.max(1) * BITS_PER_KEY).div_ceil(64);
        Layer { bits: vec![0; words], nbits: words as u64 * 64, keys: 0, capacity: capacity.max(1) }
    }

    /// The probe positions of `key`: double hashing (Kirsch and
    /// Mitzenmacher, 2006) over a mixed copy of the key, each 64-bit probe
    /// mapped onto the layer by a multiply-shift (Lemire, "A fast
    /// alternative to the modulo reduction", 2016).
    fn probes(nbits: u64, key: u64) -> [u64; PROBES] {
        let h = mix(key);
        let (a, b) = (h, mix(h) | 1);
        std::array::from_fn(|i| {
            ((u128::from(a.wrapping_add((i as u64).wrapping_mul(b))) * u128::from(nbits)) >> 64) as u64
        })
    }

    fn contains(&self, key: u64) -> bool {
        Self::probes(self.nbits, key).iter().all(|&bit| self.bits[(bit / 64) as usize] & (1 << (bit % 64)) != 0)
    }

    fn insert(&mut self, key: u64) {
        for bit in Self::probes(self.nbits, key) {
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
    /// A filter whose first layer holds `keys` keys (`keys` × 10 bits);
    /// each next layer holds twice as many as the one before.
    pub fn with_capacity(keys: usize) -> Bloom {
        Bloom { layers: vec![Layer::new(keys)] }
    }

    /// Whether `key` may have been inserted.
    pub fn contains(&self, key: u64) -> bool {
        self.layers.iter().any(|l| l.contains(key))
    }

    /// Records `key`.
    pub fn insert(&mut self, key: u64) {
        let last = self.layers.last().expect("a Bloom filter has a layer");
        if last.keys >= last.capacity {
            let capacity = last.capacity * 2;
            self.layers.push(Layer::new(capacity));
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
        let mut b = Bloom::with_capacity(1 << 17);
        let n = 500_000u64;
        for k in 0..n {
            b.insert(k.wrapping_mul(0x9E3779B97F4A7C15));
        }
        assert!((0..n).all(|k| b.contains(k.wrapping_mul(0x9E3779B97F4A7C15))));
        let false_hits = (n..2 * n).filter(|k| b.contains(k.wrapping_mul(0x9E3779B97F4A7C15))).count();
        // Three layers (131,072, 262,144 and 524,288 keys), each about 1 %.
        assert!(false_hits < 3 * (n as usize) / 100, "{false_hits} false positives in {n}");
        assert_eq!(b.layers.len(), 3);
        assert_eq!(b.bytes(), (1 << 17) * 7 * 10 / 8);
    }
}

#[cfg(test)]
mod sized {
    use super::*;

    #[test]
    fn a_filter_sized_for_its_keys_has_one_layer_of_ten_bits_a_key() {
        let n = 300_000usize;
        let mut b = Bloom::with_capacity(n);
        for k in 0..n as u64 {
            b.insert(k.wrapping_mul(0xD6E8FEB86659FD93));
        }
        assert_eq!(b.layers.len(), 1);
        assert_eq!(b.bytes(), n * 10 / 8);
        assert!((0..n as u64).all(|k| b.contains(k.wrapping_mul(0xD6E8FEB86659FD93))));
        let false_hits = (n as u64..2 * n as u64).filter(|k| b.contains(k.wrapping_mul(0xD6E8FEB86659FD93))).count();
        assert!(false_hits < n * 15 / 1000, "{false_hits} false positives in {n}");
    }
}
