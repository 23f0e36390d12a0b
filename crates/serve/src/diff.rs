//! A word diff for display: what a TM match's source has that the segment
//! lacks (`<del>`) and the reverse (`<ins>`), by the longest common
//! subsequence of words. Presentation only: the score comes from
//! memoria-store.

use maud::{html, Markup};

/// Words and the white space after each, so that joining them gives the text back.
fn words(s: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut in_space = false;
    for (i, c) in s.char_indices() {
        if c.is_whitespace() {
            in_space = true;
        } else if in_space {
            out.push(&s[start..i]);
            start = i;
            in_space = false;
        }
    }
    if start < s.len() {
        out.push(&s[start..]);
    }
    out
}

/// The match source `old` against the segment `new`, word by word. Texts of
/// more than 400 words each are shown without the diff.
pub(crate) fn word_diff(old: &str, new: &str) -> Markup {
    let (a, b) = (words(old), words(new));
    if a.len() > 400 || b.len() > 400 {
        return html! { (old) };
    }
    let key = |w: &str| w.trim_end().to_string();
    let (n, m) = (a.len(), b.len());
    let mut lcs = vec![vec![0u16; m + 1]; n + 1];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            lcs[i][j] = if key(a[i]) == key(b[j]) { lcs[i + 1][j + 1] + 1 } else { lcs[i + 1][j].max(lcs[i][j + 1]) };
        }
    }
    let (mut i, mut j) = (0, 0);
    let mut parts: Vec<(char, &str)> = Vec::new();
    while i < n || j < m {
        if i < n && j < m && key(a[i]) == key(b[j]) {
            parts.push(('=', a[i]));
            i += 1;
            j += 1;
        } else if j < m && (i == n || lcs[i][j + 1] >= lcs[i + 1][j]) {
            parts.push(('+', b[j]));
            j += 1;
        } else {
            parts.push(('-', a[i]));
            i += 1;
        }
    }
    html! {
        @for (op, w) in parts {
            @match op {
                '+' => ins title="in the segment, not in the TM source" { (w) },
                '-' => del title="in the TM source, not in the segment" { (w) },
                _ => (w),
            }
        }
    }
}
