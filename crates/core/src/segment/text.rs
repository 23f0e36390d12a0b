//! Byte-level helpers of the line pass and the segmenter: the same results
//! as the `str` methods they stand for, quicker on the usual ASCII text.

/// `s.chars().count()`: the bytes that do not continue a UTF-8 sequence
/// (`10xxxxxx`), counted eight at a time.
pub(super) fn char_count(s: &str) -> usize {
    const LO: u64 = 0x0101_0101_0101_0101;
    let bytes = s.as_bytes();
    let mut continuations = 0;
    for block in bytes.chunks(8 * 255) {
        // One counter per byte lane; at most 255 words per block.
        let mut lanes = 0u64;
        let mut words = block.chunks_exact(8);
        for w in &mut words {
            let v = u64::from_le_bytes(w.try_into().unwrap());
            lanes += (v >> 7) & !(v >> 6) & LO;
        }
        // The eight lanes summed.
        continuations += lanes.to_le_bytes().iter().map(|&l| usize::from(l)).sum::<usize>();
        continuations += words.remainder().iter().filter(|&&b| (b as i8) < -0x40).count();
    }
    bytes.len() - continuations
}

/// `raw.trim()`, quicker for the usual line: no white space at its start,
/// and `\n` or `\r\n` at its end after an ASCII character.
pub(super) fn trim_line(raw: &str) -> &str {
    let b = raw.as_bytes();
    let body = b.strip_suffix(b"\n").map_or(b, |b| b.strip_suffix(b"\r").unwrap_or(b));
    match (body.first(), body.last()) {
        (Some(f), Some(l)) if f.is_ascii_graphic() && l.is_ascii_graphic() => &raw[..body.len()],
        _ => trim(raw),
    }
}

/// `s.trim()` (white space as `char::is_whitespace` has it), quicker when
/// the text after trimming ASCII white space starts and ends with an ASCII
/// character other than a vertical tab (the one ASCII white space
/// `trim_ascii` keeps).
pub(super) fn trim(s: &str) -> &str {
    let t = s.trim_ascii();
    let odd = |b: &u8| *b >= 0x80 || *b == 0x0B;
    let b = t.as_bytes();
    if b.first().is_some_and(odd) || b.last().is_some_and(odd) {
        t.trim()
    } else {
        t
    }
}

/// Whether `bytes` holds `byte`: eight bytes at a time (quicker than a
/// call to `memchr` on the few bytes of a line's head).
pub(super) fn has_byte(bytes: &[u8], byte: u8) -> bool {
    const LO: u64 = 0x0101_0101_0101_0101;
    const HI: u64 = 0x8080_8080_8080_8080;
    let mut words = bytes.chunks_exact(8);
    for w in &mut words {
        let v = u64::from_le_bytes(w.try_into().unwrap()) ^ (LO * u64::from(byte));
        // A zero byte of `v` is a byte equal to `byte`.
        if v.wrapping_sub(LO) & !v & HI != 0 {
            return true;
        }
    }
    words.remainder().contains(&byte)
}

/// The byte offset of character `n` (0-based) of `s`, or `s.len()` when it
/// has at most `n` characters: `s.char_indices().nth(n)`, on bytes.
pub(super) fn char_boundary_after(s: &str, n: usize) -> usize {
    let mut seen = 0;
    for (i, &b) in s.as_bytes().iter().enumerate() {
        if (b as i8) >= -0x40 {
            if seen == n {
                return i;
            }
            seen += 1;
        }
    }
    s.len()
}
