//! Character data: decoding what the parser hands over (entities, line ends,
//! illegal characters) and escaping what the writer emits.
//!
//! XML 1.0 rules applied (§2.2 Char, §2.11 end-of-line handling, §3.3.3
//! attribute-value normalisation, §4.6 predefined entities). No DTD-declared
//! entity is ever expanded: only `&amp; &lt; &gt; &apos; &quot;` and numeric
//! character references are.

use super::error::WarningKind;

/// True for the characters XML 1.0 allows in a document (§2.2 `Char`).
pub fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// True when `s` holds no character illegal in XML 1.0.
pub fn all_xml_chars(s: &str) -> bool {
    !s.bytes().any(|b| (b < 0x20 && b != b'\t' && b != b'\n' && b != b'\r') || b == 0xEF) || s.chars().all(is_xml_char)
}

/// Whether a raw byte needs more than copying: `&`, CR, a C0 control other
/// than TAB/LF, or 0xEF (lead byte of U+FFFE/U+FFFF); in attributes TAB and
/// LF too.
#[inline]
fn special(b: u8, attr: bool) -> bool {
    b == b'&' || b == 0xEF || (b < 0x20 && (attr || (b != b'\t' && b != b'\n')))
}

/// What [`scan`] found in raw character data: bit 1, a [`special`] byte;
/// bit 2 (exact only without bit 1), a byte outside ASCII.
const SPECIAL: u8 = 1;
const NON_ASCII: u8 = 2;

/// Classifies `raw` in one pass, eight bytes at a time (SWAR: a byte equal
/// to `&` or 0xEF, or below 0x20, shows as a high bit in one word
/// operation; a word that has one is looked at byte by byte, since TAB and
/// LF are below 0x20 but not special in text). Stops at the first special
/// byte. (A byte-wise classification cost 3 instructions a byte.)
#[inline]
fn scan(raw: &[u8], attr: bool) -> u8 {
    const LO: u64 = u64::from_ne_bytes([0x01; 8]);
    const HI: u64 = u64::from_ne_bytes([0x80; 8]);
    // Non-zero when a byte of `x` is zero / below `n` (n <= 0x80); exact
    // as a yes or no (Hacker's Delight §6-1).
    let zero = |x: u64| x.wrapping_sub(LO) & !x & HI;
    let below = |x: u64, n: u8| x.wrapping_sub(LO * u64::from(n)) & !x & HI;
    #[cfg(target_arch = "x86_64")]
    let (mut found, raw) = match scan16(raw, attr) {
        (found, None) => return found | SPECIAL,
        (found, Some(rest)) => (found, rest),
    };
    #[cfg(not(target_arch = "x86_64"))]
    let mut found = 0;
    let mut words = raw.chunks_exact(8);
    for w in &mut words {
        let x = u64::from_ne_bytes(w.try_into().unwrap_or_default());
        if x & HI != 0 {
            found |= NON_ASCII;
        }
        let maybe = zero(x ^ (LO * u64::from(b'&'))) | zero(x ^ (LO * 0xEF)) | below(x, 0x20);
        if maybe != 0 && w.iter().any(|&b| special(b, attr)) {
            return found | SPECIAL;
        }
    }
    for &b in words.remainder() {
        if special(b, attr) {
            return found | SPECIAL;
        }
        found |= (b >> 7) << 1;
    }
    found
}

/// [`scan`] sixteen bytes at a time with SSE2 (every x86-64 processor has
/// it): what it found in the whole blocks, and the bytes after them (`None`
/// when a block holds a special byte).
#[cfg(target_arch = "x86_64")]
#[inline]
fn scan16(raw: &[u8], attr: bool) -> (u8, Option<&[u8]>) {
    use std::arch::x86_64::{
        __m128i, _mm_andnot_si128, _mm_cmpeq_epi8, _mm_loadu_si128, _mm_max_epu8, _mm_movemask_epi8, _mm_or_si128,
        _mm_set1_epi8,
    };
    let mut found = 0;
    let mut at = 0;
    // SAFETY: the intrinsics need SSE2, part of the x86-64 baseline the
    // target enables; each load reads the 16 bytes at `at`, and
    // `at + 16 <= raw.len()`, so inside `raw` (`_mm_loadu_si128` has no
    // alignment requirement).
    unsafe {
        let (amp, ef, top, tab, lf) =
            (_mm_set1_epi8(b'&' as i8), _mm_set1_epi8(-0x11), _mm_set1_epi8(0x1F), _mm_set1_epi8(9), _mm_set1_epi8(10));
        while at + 16 <= raw.len() {
            let b = _mm_loadu_si128(raw.as_ptr().add(at).cast::<__m128i>());
            // Below 0x20: max(b, 0x1F) == 0x1F.
            let mut control = _mm_cmpeq_epi8(_mm_max_epu8(b, top), top);
            if !attr {
                control = _mm_andnot_si128(_mm_or_si128(_mm_cmpeq_epi8(b, tab), _mm_cmpeq_epi8(b, lf)), control);
            }
            let special = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(b, amp), _mm_cmpeq_epi8(b, ef)), control);
            if _mm_movemask_epi8(special) != 0 {
                return (found, None);
            }
            if _mm_movemask_epi8(b) != 0 {
                found |= NON_ASCII;
            }
            at += 16;
        }
    }
    (found, Some(&raw[at..]))
}

/// Decodes raw character data (text content, or an attribute value when
/// `attr`) into `out`: entities resolved, CR LF and CR turned into LF, and in
/// attributes TAB/LF/CR into spaces. Characters illegal in XML 1.0 are kept in
/// `out` and reported to `warn` with their byte offset in `raw`, as are
/// unknown entities (kept literally) and invalid UTF-8 (replaced by U+FFFD).
#[inline]
pub fn decode_into(raw: &[u8], attr: bool, out: &mut String, warn: &mut dyn FnMut(WarningKind, usize, String)) {
    let found = scan(raw, attr);
    if found == 0 {
        // SAFETY: every byte of `raw` is below 0x80 (`scan` found no byte
        // with its high bit set), and a run of ASCII bytes is valid UTF-8.
        // (`from_utf8` costs ~100 instructions a call even for a short
        // value: 5 % of a parse, most of it on attribute values.)
        out.push_str(unsafe { std::str::from_utf8_unchecked(raw) });
        return;
    }
    decode_rest(raw, attr, found, out, warn)
}

/// [`decode_into`] for data that is not plain ASCII (`found` is what
/// [`scan`] found).
fn decode_rest(raw: &[u8], attr: bool, found: u8, out: &mut String, warn: &mut dyn FnMut(WarningKind, usize, String)) {
    let owned;
    // SIMD validation first (most text is valid); the standard one for
    // where it fails.
    let checked = simdutf8::basic::from_utf8(raw).or_else(|_| std::str::from_utf8(raw));
    let text = match checked {
        Ok(s) => s,
        Err(e) => {
            warn(WarningKind::BadEncoding, e.valid_up_to(), "bytes that are not UTF-8, replaced by U+FFFD".into());
            owned = String::from_utf8_lossy(raw).into_owned();
            &owned
        }
    };
    if found & SPECIAL == 0 {
        out.push_str(text);
        return;
    }
    // Runs between special bytes are copied whole; a special byte is always
    // ASCII or a lead byte, so `i` and `j` are character boundaries.
    let bytes = text.as_bytes();
    let (mut i, mut j) = (0, 0);
    while j < bytes.len() {
        let b = bytes[j];
        if !special(b, attr) {
            j += 1;
            continue;
        }
        out.push_str(&text[i..j]);
        j += match b {
            b'&' => entity(&text[j + 1..], j, out, warn),
            b'\r' => {
                out.push(if attr { ' ' } else { '\n' });
                if bytes.get(j + 1) == Some(&b'\n') {
                    2
                } else {
                    1
                }
            }
            b'\t' | b'\n' => {
                out.push(' ');
                1
            }
            _ => {
                let c = text[j..].chars().next().unwrap_or_default();
                if !is_xml_char(c) {
                    warn(WarningKind::IllegalChar, j, format!("character U+{:04X} is illegal in XML 1.0", c as u32));
                }
                out.push(c);
                c.len_utf8()
            }
        };
        i = j;
    }
    out.push_str(&text[i..]);
}

/// Resolves the entity after a `&` at byte `at` (`rest` follows the `&`)
/// into `out`; returns how many bytes it took, `&` included. One that is not
/// one of the five or a character reference stays as written, and warned
/// about.
fn entity(rest: &str, at: usize, out: &mut String, warn: &mut dyn FnMut(WarningKind, usize, String)) -> usize {
    let window = &rest.as_bytes()[..rest.len().min(12)];
    let end = window
        .iter()
        .position(|&b| b == b';')
        .filter(|&e| window[..e].iter().all(|b| b.is_ascii_alphanumeric() || *b == b'#'));
    match (end, end.and_then(|e| resolve(&rest[..e]))) {
        (Some(e), Some(r)) => {
            if !is_xml_char(r) {
                warn(
                    WarningKind::IllegalChar,
                    at,
                    format!("character reference to U+{:04X}, illegal in XML 1.0", r as u32),
                );
            }
            out.push(r);
            e + 2
        }
        (Some(e), None) => {
            warn(
                WarningKind::UnknownEntity,
                at,
                format!("entity &{}; is not one of the five XML entities; kept as text, never expanded", &rest[..e]),
            );
            out.push('&');
            1
        }
        (None, _) => {
            warn(WarningKind::UnknownEntity, at, "`&` not starting an entity; expected &amp;".into());
            out.push('&');
            1
        }
    }
}

/// The character an entity or character reference name stands for.
fn resolve(name: &str) -> Option<char> {
    match name {
        "amp" => Some('&'),
        "lt" => Some('<'),
        "gt" => Some('>'),
        "apos" => Some('\''),
        "quot" => Some('"'),
        _ => {
            let num = name.strip_prefix('#')?;
            let code = match num.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => num.parse().ok()?,
            };
            char::from_u32(code)
        }
    }
}

/// Replaces characters illegal in XML 1.0 by U+FFFD (for attribute values,
/// props and notes, which cannot hold codes).
pub fn replace_illegal(s: &mut String) {
    if !all_xml_chars(s) {
        *s = s.chars().map(|c| if is_xml_char(c) { c } else { '\u{FFFD}' }).collect();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dec(raw: &str, attr: bool) -> (String, Vec<(WarningKind, usize)>) {
        let mut out = String::new();
        let mut w = vec![];
        decode_into(raw.as_bytes(), attr, &mut out, &mut |k, at, _| w.push((k, at)));
        (out, w)
    }

    #[test]
    fn the_word_scan_finds_every_special_byte_at_every_offset() {
        for attr in [false, true] {
            for b in 0..=255u8 {
                for len in [1, 7, 8, 9, 16, 23] {
                    for at in 0..len {
                        let mut raw = vec![b'a'; len];
                        raw[at] = b;
                        let found = scan(&raw, attr);
                        assert_eq!(found & SPECIAL != 0, special(b, attr), "{b:#x} at {at} of {len}, attr {attr}");
                        if found & SPECIAL == 0 {
                            assert_eq!(found & NON_ASCII != 0, b >= 0x80, "{b:#x} at {at} of {len}");
                        }
                    }
                }
            }
        }
        // Text: TAB and LF are copied; CR, other controls, `&` and 0xEF are not.
        assert_eq!(scan(b"a\tb\nc d", false), 0);
        assert_eq!(scan("é\n".as_bytes(), false), NON_ASCII);
        assert_eq!(scan(b"a\tb", true), SPECIAL);
        assert_eq!(scan(b"0123456789\r", false), SPECIAL);
    }

    #[test]
    fn runs_around_entities_and_line_ends_are_copied_whole() {
        let (s, w) = dec("Pulse &lt;b&gt;Aceptar&lt;/b&gt; ahora\r\n¿sí? \u{FFFE}fin", false);
        assert_eq!(s, "Pulse <b>Aceptar</b> ahora\n¿sí? \u{FFFE}fin");
        assert_eq!(w, vec![(WarningKind::IllegalChar, 47)]);
        assert_eq!(dec("a&amp", false).0, "a&amp");
    }

    #[test]
    fn predefined_entities_and_char_refs_are_resolved() {
        assert_eq!(dec("&lt;b&gt; &amp; &quot;&apos; &#233;&#xE9;", false).0, "<b> & \"' éé");
    }

    #[test]
    fn dtd_entities_are_never_expanded() {
        let (s, w) = dec("a&nbsp;b", false);
        assert_eq!(s, "a&nbsp;b");
        assert_eq!(w, vec![(WarningKind::UnknownEntity, 1)]);
    }

    #[test]
    fn line_ends_are_normalised_as_xml_requires() {
        assert_eq!(dec("a\r\nb\rc\td", false).0, "a\nb\nc\td");
        assert_eq!(dec("a\r\nb\tc", true).0, "a b c");
        assert_eq!(dec("a&#13;&#10;&#9;", true).0, "a\r\n\t");
    }

    #[test]
    fn illegal_characters_are_reported_with_offsets() {
        let (s, w) = dec("x\u{b}y&#11;", false);
        assert_eq!(s, "x\u{b}y\u{b}");
        assert_eq!(w, vec![(WarningKind::IllegalChar, 1), (WarningKind::IllegalChar, 3)]);
    }
}
