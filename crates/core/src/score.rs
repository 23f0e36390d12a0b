//! The match score, 0–100, and the bit-parallel edit distance behind it.

use crate::normalize::MatchForm;
use crate::placeable::Placeable;

/// A query's match key compiled for the bit-parallel Levenshtein distance of
/// Myers (1999, "A fast bit-vector algorithm for approximate string matching
/// based on dynamic programming"), in the block form of Hyyrö (2003): one
/// 64-bit word per 64 pattern chars, O(⌈m/64⌉·n) word operations for a text of
/// n chars. Written here from the papers; `strsim::levenshtein` is the test
/// oracle.
pub struct Pattern {
    len: usize,
    blocks: usize,
    /// `low[b * 256 + c]`: bit i set when pattern char `b*64+i` is `c` (< 256).
    low: Vec<u64>,
    /// The same for chars ≥ 256 (few per pattern).
    high: Vec<(char, Vec<u64>)>,
}

impl Pattern {
    /// Compiles `pattern` (chars of a match key).
    pub fn new(pattern: &[char]) -> Pattern {
        let blocks = pattern.len().div_ceil(64).max(1);
        let mut low = vec![0u64; blocks * 256];
        let mut high: Vec<(char, Vec<u64>)> = Vec::new();
        for (i, &c) in pattern.iter().enumerate() {
            let (b, bit) = (i / 64, 1u64 << (i % 64));
            if (c as u32) < 256 {
                low[b * 256 + c as usize] |= bit;
            } else {
                match high.iter_mut().find(|(h, _)| *h == c) {
                    Some((_, v)) => v[b] |= bit,
                    None => {
                        let mut v = vec![0u64; blocks];
                        v[b] = bit;
                        high.push((c, v));
                    }
                }
            }
        }
        Pattern { len: pattern.len(), blocks, low, high }
    }

    /// Pattern length in chars.
    #[inline]
    pub fn len(&self) -> usize {
        self.len
    }

    /// True for the empty pattern.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    #[inline]
    fn peq(&self, b: usize, c: char) -> u64 {
        if (c as u32) < 256 {
            self.low[b * 256 + c as usize]
        } else {
            self.high.iter().find(|(h, _)| *h == c).map_or(0, |(_, v)| v[b])
        }
    }

    /// Levenshtein distance (unit costs: insertion, deletion, substitution)
    /// between the pattern and `text`, in chars.
    #[inline]
    pub fn distance(&self, text: &[char]) -> usize {
        if self.len == 0 {
            return text.len();
        }
        let words = self.blocks;
        let last = 1u64 << ((self.len - 1) % 64);
        let mut vp = vec![!0u64; words];
        let mut vn = vec![0u64; words];
        let mut dist = self.len;
        for &c in text {
            let mut hp_carry = 1u64;
            let mut hn_carry = 0u64;
            for w in 0..words {
                let pm = self.peq(w, c);
                let (v_p, v_n) = (vp[w], vn[w]);
                let x = pm | hn_carry;
                let d0 = (((x & v_p).wrapping_add(v_p)) ^ v_p) | x | v_n;
                let mut hp = v_n | !(d0 | v_p);
                let mut hn = d0 & v_p;
                let (hp_in, hn_in) = (hp_carry, hn_carry);
                if w + 1 < words {
                    hp_carry = hp >> 63;
                    hn_carry = hn >> 63;
                } else {
                    hp_carry = u64::from(hp & last != 0);
                    hn_carry = u64::from(hn & last != 0);
                }
                hp = (hp << 1) | hp_in;
                hn = (hn << 1) | hn_in;
                vp[w] = hn | !(d0 | hp);
                vn[w] = hp & d0;
            }
            dist = dist + hp_carry as usize - hn_carry as usize;
        }
        dist
    }
}

/// One reason a match is not 100 %, as reported with the match.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Difference {
    /// The match keys differ by `edits` character edits (insertions,
    /// deletions, substitutions) out of `length` chars.
    Text { edits: usize, length: usize },
    /// Only upper/lower case differs (penalty 1).
    Case,
    /// Only punctuation or white space differs (score 99).
    Punctuation,
    /// A placeable has another value: `stored` in the TM, `query` in the new
    /// text (penalty 1 each).
    Placeable { stored: String, query: String },
    /// `count` inline codes are missing, extra or moved (penalty 1 each, at most 5).
    Codes { count: usize },
    /// The same source has several translations in the TM (penalty 1).
    MultipleTranslations,
    /// A changed placeable value could not be put into the target (penalty 1 each).
    NotSubstituted { stored: String },
}

/// The score of one candidate, before and after penalties.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Scored {
    /// The final score, 0–100.
    pub score: u8,
    /// The edit-distance score before penalties.
    pub base: u8,
    pub differences: Vec<Difference>,
}

/// The edit-distance part of the score: `⌊100 · (L − d) / L⌋` where `d` is
/// the char Levenshtein distance between the two match keys and `L` the
/// longer key's length in chars (100 for two empty keys).
#[inline]
pub fn base_score(distance: usize, len_a: usize, len_b: usize) -> u8 {
    let l = len_a.max(len_b);
    if l == 0 {
        return 100;
    }
    (100 * (l - distance.min(l)) / l) as u8
}

/// The highest base score two keys of these lengths can reach (the distance
/// is at least the length difference): used to skip candidates early.
#[inline]
pub fn length_bound(len_a: usize, len_b: usize) -> u8 {
    base_score(len_a.abs_diff(len_b), len_a, len_b)
}

/// Scores TM segment `c` against query `q`, 0–100.
///
/// 1. **100** exactly when the normalised texts are identical
///    ([`crate::normalize::normalize`]: NFC, white space, quotes, dashes).
/// 2. Otherwise the **base** is the edit-distance similarity of the match keys
///    (lower-cased, placeables masked to one char of their kind, inline codes
///    removed): `⌊100 · (L − d) / L⌋`, `d` the character Levenshtein distance,
///    `L` the longer key's length ([`base_score`]). Character level, not
///    token level: measured on the edited-sentence queries (see the crate
///    README), it puts the original first as often as tokens do and gives
///    partial credit to inflections (`anuncia`/`anunció`).
///    If the keys differ only in punctuation and white space the base is 100.
/// 3. **Penalties** are subtracted: 1 for a case-only difference; 1 for a
///    punctuation/white-space-only difference; 1 per placeable whose value
///    differs (paired in order when the keys have the same placeable kinds,
///    else each query placeable without an equal value in `c`); 1 per inline
///    code missing, extra or moved (at most 5). The lookup subtracts 1 more
///    when the TM holds several translations of the same source, and 1 per
///    changed placeable it could not substitute into the target.
/// 4. The result is clamped to 0–99 (100 is only step 1).
pub fn score(q: &MatchForm, c: &MatchForm, distance: usize) -> Scored {
    if q.norm == c.norm {
        return Scored { score: 100, base: 100, differences: vec![] };
    }
    let mut differences = Vec::new();
    let mut penalty = 0usize;
    let mut base = base_score(distance, q.key.len(), c.key.len());
    if distance > 0 {
        if q.stripped() == c.stripped() {
            base = 100;
            penalty += 1;
            differences.push(Difference::Punctuation);
        } else {
            differences.push(Difference::Text { edits: distance, length: q.key.len().max(c.key.len()) });
        }
    } else if q.cased != c.cased {
        penalty += 1;
        differences.push(Difference::Case);
    }
    for (stored, query) in placeable_changes(&q.placeables, &c.placeables) {
        penalty += 1;
        differences.push(Difference::Placeable { stored, query });
    }
    let codes = code_changes(q, c);
    if codes > 0 {
        penalty += codes.min(5);
        differences.push(Difference::Codes { count: codes });
    }
    let score = (usize::from(base).saturating_sub(penalty)).min(99) as u8;
    Scored { score, base, differences }
}

/// Pairs of (stored text, query text) of placeables whose values differ.
pub(crate) fn placeable_changes(q: &[Placeable], c: &[Placeable]) -> Vec<(String, String)> {
    let same_kinds = q.len() == c.len() && q.iter().zip(c).all(|(a, b)| a.kind() == b.kind());
    if same_kinds {
        return q
            .iter()
            .zip(c)
            .filter(|(a, b)| !a.value.same_value(&b.value))
            .map(|(a, b)| (b.text.clone(), a.text.clone()))
            .collect();
    }
    let mut used = vec![false; c.len()];
    let mut out = Vec::new();
    for a in q {
        match c.iter().enumerate().position(|(i, b)| !used[i] && b.value.same_value(&a.value)) {
            Some(i) => used[i] = true,
            None => out.push((String::new(), a.text.clone())),
        }
    }
    out
}

fn code_changes(q: &MatchForm, c: &MatchForm) -> usize {
    let common = q.codes.len().min(c.codes.len());
    let moved = q.codes.iter().zip(&c.codes).filter(|(a, b)| a.at != b.at || a.code != b.code).count();
    q.codes.len().max(c.codes.len()) - common + moved
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::LangTag;

    fn form(s: &str) -> MatchForm {
        MatchForm::new(s, &LangTag::new("es").unwrap())
    }
    fn sc(a: &str, b: &str) -> Scored {
        let (qa, qb) = (form(a), form(b));
        score(&qa, &qb, Pattern::new(&qa.key).distance(&qb.key))
    }

    #[test]
    fn bit_parallel_distance_equals_the_dp_oracle() {
        let texts = [
            "",
            "a",
            "El proyecto Debian anuncia hoy la publicación de su nueva versión estable, con más de 29.000 paquetes.",
            "El proyecto Debian anunció ayer la publicación de una nueva versión estable con más de 29.000 paquetes nuevos y mejorados para todos.",
            "¿Qué hay de nuevo en Debian 6.0? Muchísimas cosas: núcleo, escritorio, servidores, herramientas. ".repeat(3).as_str().to_string().leak(),
            "ééé\u{E100}\u{E100}ñ",
        ];
        for a in texts {
            for b in texts {
                let (ac, bc): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
                assert_eq!(Pattern::new(&ac).distance(&bc), strsim::levenshtein(a, b), "{a:?} / {b:?}");
            }
        }
    }

    #[test]
    fn one_letter_in_twenty_scores_95() {
        assert_eq!(sc("abcdefghijklmnopqrst", "abcdefghijklmnopqrsx").score, 95);
    }

    #[test]
    fn case_only_and_punctuation_only_score_99() {
        assert_eq!(sc("Hola, mundo.", "hola, Mundo.").score, 99);
        assert_eq!(sc("Hola, mundo.", "¡Hola mundo!").score, 99);
        assert_eq!(sc("Hola, mundo.", "Hola,   mundo.").score, 100);
    }

    #[test]
    fn number_change_costs_one_point_not_edit_distance() {
        let s = sc("Debian 6.0 tiene 29.000 paquetes.", "Debian 6.0 tiene 15.000 paquetes.");
        assert_eq!(s.score, 99);
        assert_eq!(s.differences, vec![Difference::Placeable { stored: "15.000".into(), query: "29.000".into() }]);
    }

    #[test]
    fn code_difference_is_a_penalty_not_text() {
        let s = sc("Pulse <b>Aceptar</b> para seguir.", "Pulse Aceptar para seguir.");
        assert_eq!(s.score, 98);
        assert_eq!(s.differences, vec![Difference::Codes { count: 2 }]);
    }
}
