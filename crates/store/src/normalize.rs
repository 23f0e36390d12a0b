//! Normalisation of segment text for matching (the stored text is never
//! altered): white space collapsed, quotes and dashes unified, case folded.

/// The form two segments are compared in. Curly quotes and guillemets become
/// `"`/`'`, en/em dashes `-`, every run of white space (incl. no-break
/// space) one space, ends trimmed, letters lower-cased.
pub fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in text.trim().chars() {
        if c.is_whitespace() {
            space = true;
            continue;
        }
        if space {
            out.push(' ');
            space = false;
        }
        match c {
            '“' | '”' | '«' | '»' | '„' => out.push('"'),
            '‘' | '’' | '‚' => out.push('\''),
            '–' | '—' | '‐' => out.push('-'),
            c => out.extend(c.to_lowercase()),
        }
    }
    out
}

/// 64-bit FNV-1a hash of `s`: the stable key for exact lookups.
pub fn hash(s: &str) -> i64 {
    let mut h: u64 = 0xcbf29ce484222325;
    for b in s.bytes() {
        h ^= b as u64;
        h = h.wrapping_mul(0x100000001b3);
    }
    h as i64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_space_and_case_are_unified() {
        assert_eq!(normalize("  El  “Proyecto”\u{00A0}Debian "), "el \"proyecto\" debian");
    }

    #[test]
    fn hash_is_stable() {
        assert_eq!(hash(""), 0xcbf29ce484222325u64 as i64);
    }
}
