//! The match score, 0–100.

/// Similarity of two segments, 0–100: `100 · (1 − d / max(|a|, |b|))`,
/// rounded down, where `d` is the character Levenshtein distance between the
/// normalised texts ([`crate::normalize::normalize`]); 100 only when the
/// normalised texts are identical, so any difference scores at most 99.
pub fn score(a_norm: &str, b_norm: &str) -> u8 {
    if a_norm == b_norm {
        return 100;
    }
    let la = a_norm.chars().count();
    let lb = b_norm.chars().count();
    let max = la.max(lb);
    if max == 0 {
        return 100;
    }
    let d = strsim::levenshtein(a_norm, b_norm);
    let s = (100 * (max - d.min(max))) / max;
    s.min(99) as u8
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_letter_in_twenty_scores_95() {
        assert_eq!(score("abcdefghijklmnopqrst", "abcdefghijklmnopqrsx"), 95);
    }

    #[test]
    fn near_identical_is_never_100() {
        let a = "a".repeat(500);
        let b = format!("{}b", "a".repeat(499));
        assert_eq!(score(&a, &b), 99);
    }
}
