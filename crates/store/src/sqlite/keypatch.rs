//! A match key stored as a patch of its text's fold (schema 11).
//!
//! A TUV's match key ([`memoria_core::normalize::MatchForm::key_only`]) is its
//! text lower-cased ([`memoria_core::normalize::fold`]) with placeables
//! masked, inline codes removed and spaces merged. Four keys in five equal the
//! fold and are stored as `''` (schema 10); the others differ from it in a few
//! places (a number masked by one char), and storing them whole took 56 MB of
//! a 578 MB TM of 1M pairs. They are stored as a BLOB that rebuilds them from
//! the fold: a sequence of operations
//!
//! ```text
//! patch = op+         op = copy · skip · n · byte{n}      (each number a LEB128 varint)
//! ```
//!
//! each copying `copy` bytes of the fold, skipping `skip` bytes of it and
//! writing the `n` bytes that follow; what is left of the fold after the last
//! operation is copied. The patch is made by a greedy diff (common run, then
//! the shortest skip + insert after which both strings agree again on
//! [`RESYNC`] bytes), the way `diff`'s "snake" follows a common run (Myers,
//! "An O(ND) difference algorithm and its variations", Algorithmica 1, 1986),
//! bounded to [`MAX_EDIT`] bytes an edit: a key it cannot patch in fewer bytes
//! than the key itself is stored whole, as TEXT.

use crate::error::StoreError;
use crate::sqlite::index::push_varint;

/// Bytes on which the fold and the key must agree for the diff to resume a
/// common run after an edit.
const RESYNC: usize = 4;

/// Longest skip + insert the diff looks for, in bytes.
const MAX_EDIT: usize = 96;

/// The patch that rebuilds `key` from `base` (the fold of the TUV's text),
/// or `None` when it would not be shorter than `key` (store the key whole)
/// or when `key == base` (store `''`).
pub(crate) fn encode(base: &str, key: &str) -> Option<Vec<u8>> {
    let (a, b) = (base.as_bytes(), key.as_bytes());
    let mut out = Vec::new();
    let (mut i, mut j) = (0, 0);
    loop {
        let run = a[i..].iter().zip(&b[j..]).take_while(|(x, y)| x == y).count();
        i += run;
        j += run;
        if i == a.len() && j == b.len() {
            break;
        }
        let (skip, insert) = resync(&a[i..], &b[j..]);
        for n in [run, skip, insert] {
            // (A key of 4 GiB or more, beyond any segment limit, is stored whole.)
            push_varint(&mut out, u32::try_from(n).ok()?);
        }
        out.extend_from_slice(&b[j..j + insert]);
        i += skip;
        j += insert;
        if out.len() >= b.len() {
            return None;
        }
    }
    (!out.is_empty()).then_some(out)
}

/// The smallest edit (skip of `a`, insert of `b`) after which `a` and `b`
/// agree on [`RESYNC`] bytes or to both their ends; the rest of both when
/// none is within [`MAX_EDIT`] bytes.
fn resync(a: &[u8], b: &[u8]) -> (usize, usize) {
    let agree = |s: usize, t: usize| {
        let (x, y) = (&a[s..], &b[t..]);
        if x.len() < RESYNC || y.len() < RESYNC {
            x == y
        } else {
            x[..RESYNC] == y[..RESYNC]
        }
    };
    for d in 1..=MAX_EDIT.min(a.len() + b.len()) {
        for skip in d.saturating_sub(b.len())..=d.min(a.len()) {
            if agree(skip, d - skip) {
                return (skip, d - skip);
            }
        }
    }
    (a.len(), b.len())
}

/// Rebuilds into `out` the key that `patch` ([`encode`]) makes of `base`.
///
/// Errors: [`StoreError::Corrupt`] when the patch is truncated, reaches past
/// the end of `base`, or makes bytes that are not UTF-8.
pub(crate) fn apply<'o>(base: &str, patch: &[u8], out: &'o mut Vec<u8>) -> Result<&'o str, StoreError> {
    let corrupt = || StoreError::Corrupt(format!("match key patch of {} bytes does not fit its text", patch.len()));
    let (a, mut p) = (base.as_bytes(), patch);
    out.clear();
    let mut i = 0usize;
    while !p.is_empty() {
        let copy = read_varint(&mut p).ok_or_else(corrupt)?;
        let skip = read_varint(&mut p).ok_or_else(corrupt)?;
        let n = read_varint(&mut p).ok_or_else(corrupt)?;
        let end = i.checked_add(copy).filter(|&e| e <= a.len()).ok_or_else(corrupt)?;
        out.extend_from_slice(&a[i..end]);
        i = end.checked_add(skip).filter(|&e| e <= a.len()).ok_or_else(corrupt)?;
        let bytes = p.get(..n).ok_or_else(corrupt)?;
        out.extend_from_slice(bytes);
        p = &p[n..];
    }
    out.extend_from_slice(&a[i..]);
    std::str::from_utf8(out).map_err(|_| corrupt())
}

fn read_varint(p: &mut &[u8]) -> Option<usize> {
    let mut n = 0usize;
    for shift in (0..64).step_by(7) {
        let (&byte, rest) = p.split_first()?;
        *p = rest;
        n |= usize::from(byte & 0x7F).checked_shl(shift)?;
        if byte < 0x80 {
            return Some(n);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use memoria_core::lang::LangTag;
    use memoria_core::normalize::{fold, MatchForm};

    fn round_trip(base: &str, key: &str) -> Option<usize> {
        let patch = encode(base, key)?;
        assert_eq!(apply(base, &patch, &mut Vec::new()).unwrap(), key, "{base:?} -> {key:?}");
        Some(patch.len())
    }

    #[test]
    fn a_masked_number_costs_a_few_bytes() {
        let text = "El aumento de los precios en los 13 países de la zona de euro, del 2.6 por ciento.";
        let key = MatchForm::key_only(text, &LangTag::parse("es").unwrap().0).key;
        let base = fold(text);
        assert_ne!(key, base);
        let patch = encode(&base, &key).unwrap();
        // Two placeables: each one op of three varints and the mask char's 3 UTF-8 bytes.
        assert_eq!(patch.len(), 12, "{patch:?}");
        assert_eq!(apply(&base, &patch, &mut Vec::new()).unwrap(), key);
    }

    #[test]
    fn every_key_of_a_real_corpus_comes_back() {
        let corpus =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/parallel/wmt_news_es_en.tsv");
        let text = std::fs::read_to_string(&corpus).unwrap();
        let (es, en) = (LangTag::parse("es").unwrap().0, LangTag::parse("en").unwrap().0);
        let (mut patched, mut whole, mut key_bytes, mut patch_bytes) = (0, 0, 0, 0);
        for line in text.lines() {
            for (t, lang) in line.split('\t').zip([&es, &en]) {
                let key = MatchForm::key_only(t, lang).key;
                let base = fold(t);
                if key == base {
                    assert_eq!(encode(&base, &key), None);
                    continue;
                }
                match round_trip(&base, &key) {
                    Some(n) => {
                        patched += 1;
                        key_bytes += key.len();
                        patch_bytes += n;
                    }
                    None => whole += 1,
                }
            }
        }
        assert!(patched > 1000, "{patched} patched, {whole} whole");
        assert!(whole * 100 < patched, "{patched} patched, {whole} whole");
        assert!(patch_bytes * 10 < key_bytes, "patches {patch_bytes} bytes for keys of {key_bytes}");
    }

    #[test]
    fn odd_edits_come_back_or_are_stored_whole() {
        let cases = [
            ("abc", "xbc"),
            ("abc", ""),
            ("", "abc"),
            ("aaaa aaaa", "aaaa"),
            ("vea aquí los 25 paquetes.", "vea aquí los \u{E100} paquetes."),
            ("ab  cd", "ab cd"),
            ("x 1 y 2 z 3 w 4 v 5 u", "x \u{E100} y \u{E100} z \u{E100} w \u{E100} v \u{E100} u"),
            ("ñandú 12,5 €", "ñandú \u{E100}"),
        ];
        for (base, key) in cases {
            if let Some(n) = round_trip(base, key) {
                assert!(n < key.len());
            }
        }
        assert_eq!(round_trip("abc", ""), None);
        assert_eq!(
            round_trip("a long text with one 42 number in it", "a long text with one \u{E100} number in it"),
            Some(6)
        );
    }

    #[test]
    fn a_corrupt_patch_is_an_error_not_a_panic() {
        for patch in [&[0x05u8, 0, 0][..], &[0, 9, 0], &[0, 0, 4, b'a'], &[0x80], &[0, 0, 1, 0xFF], &[0xFF; 12]] {
            assert!(apply("abc", patch, &mut Vec::new()).is_err(), "{patch:?}");
        }
    }
}
