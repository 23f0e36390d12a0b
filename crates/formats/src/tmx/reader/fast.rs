//! A fast path through the usual `<tu>`: the whole element, found in the
//! parser's window, split into tags and text runs in one pass, checked as
//! quick-xml would check it (end tags match their start tags), then handed
//! out as the same events quick-xml would give. quick-xml's reader costs
//! ~340 instructions an event (it looks for `>` and quotes with a memchr
//! call each, and keeps the names of open elements in a buffer); this pass
//! costs a fraction of that. Anything unusual in the TU (a comment, a
//! processing instruction, CDATA, white space in an end tag, an empty name,
//! bytes that are not UTF-8, a TU longer than the window) leaves the whole
//! TU to quick-xml, which then reports what it reports.

use quick_xml::utils::is_whitespace as is_space; // XML white space, as quick-xml counts it

/// What a token is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Kind {
    Start,
    Empty,
    End,
    Text,
}

/// One event of the TU, as byte offsets in the slice given to [`split`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Tok {
    pub(super) kind: Kind,
    /// Where the event starts: the `<` of a tag, the first byte of text.
    pub(super) at: u32,
    /// The bytes the event holds: a start tag's content (name and
    /// attributes, without `<`, `/` and `>`), an end tag's name, or the text.
    pub(super) start: u32,
    pub(super) end: u32,
    /// Bytes of white space a text starts with.
    pub(super) lead: u32,
    /// Length of a start tag's name.
    pub(super) name_len: usize,
}

impl Tok {
    fn new(kind: Kind, at: usize, start: usize, end: usize, lead: usize, name_len: usize) -> Tok {
        // `split` takes at most 4 GiB.
        let [at, start, end, lead] = [at, start, end, lead].map(|n| n as u32);
        Tok { kind, at, start, end, lead, name_len }
    }
}

/// Elements open at once that the fast path follows (deeper: quick-xml).
const DEPTH: usize = 32;

/// Offset of the first byte of `s` in `set` (not in it, with `not`).
/// x86-64: sixteen bytes at a time with SSE2 (always there on x86-64):
/// one comparison per byte of `set`, then one bit a byte.
#[cfg(target_arch = "x86_64")]
#[inline(always)]
fn find<const N: usize>(s: &[u8], set: [u8; N], not: bool) -> Option<usize> {
    use std::arch::x86_64::{__m128i, _mm_cmpeq_epi8, _mm_loadu_si128, _mm_movemask_epi8, _mm_or_si128, _mm_set1_epi8};
    let mut at = 0;
    // SAFETY: the intrinsics need SSE2, which every x86-64 processor has
    // (it is part of the x86-64 baseline the target enables); each load
    // reads 16 bytes at `at`, and `at + 16 <= s.len()`, so inside `s`
    // (`_mm_loadu_si128` has no alignment requirement).
    unsafe {
        let wanted = set.map(|b| _mm_set1_epi8(b as i8));
        while at + 16 <= s.len() {
            let block = _mm_loadu_si128(s.as_ptr().add(at).cast::<__m128i>());
            let hits = wanted.iter().fold(_mm_set1_epi8(0), |acc, &w| _mm_or_si128(acc, _mm_cmpeq_epi8(block, w)));
            let mut mask = _mm_movemask_epi8(hits) as u32;
            if not {
                mask = !mask & 0xFFFF;
            }
            if mask != 0 {
                return Some(at + mask.trailing_zeros() as usize);
            }
            at += 16;
        }
    }
    s[at..].iter().position(|b| set.contains(b) != not).map(|p| at + p)
}

/// Offset of the first byte of `s` in `set` (not in it, with `not`), eight
/// bytes at a time (SWAR: a byte equal to one of `set` shows as its high
/// bit, exactly; Hacker's Delight §6-1).
#[cfg(not(target_arch = "x86_64"))]
#[inline(always)]
fn find<const N: usize>(s: &[u8], set: [u8; N], not: bool) -> Option<usize> {
    const LO: u64 = u64::from_le_bytes([0x01; 8]);
    const HI: u64 = u64::from_le_bytes([0x80; 8]);
    const LOW7: u64 = u64::from_le_bytes([0x7F; 8]);
    let zeros = |x: u64| !(((x & LOW7) + LOW7) | x | LOW7);
    let mut words = s.chunks_exact(8);
    let mut at = 0;
    for w in &mut words {
        let x = u64::from_le_bytes(w.try_into().unwrap_or_default());
        let mut m = set.iter().fold(0, |acc, &b| acc | zeros(x ^ (LO * u64::from(b))));
        if not {
            m = !m & HI;
        }
        if m != 0 {
            return Some(at + m.trailing_zeros() as usize / 8);
        }
        at += 8;
    }
    words.remainder().iter().position(|b| set.contains(b) != not).map(|p| at + p)
}

/// Offset of the first `<` in `s`.
#[inline]
fn find_lt(s: &[u8]) -> Option<usize> {
    find(s, [b'<'], false)
}

/// Offset of the first byte of `s` that is not white space.
#[inline]
fn skip_space(s: &[u8]) -> Option<usize> {
    find(s, [b' ', b'\n', b'\t', b'\r'], true)
}

/// Offset of the `>` that ends the tag `s` starts (after its `<`), outside
/// quoted values, as quick-xml finds it.
#[inline]
fn find_gt(s: &[u8]) -> Option<usize> {
    let mut k = 0;
    loop {
        let p = k + find(&s[k..], [b'>', b'"', b'\''], false)?;
        let quote = s[p];
        if quote == b'>' {
            return Some(p);
        }
        k = p + 2 + find(&s[p + 1..], [quote], false)?;
    }
}

/// Splits the `<tu>` element that `s` starts with (after white space) into
/// `out`; returns how many bytes of `s` it takes, through the `>` of its
/// `</tu>`. `None` (and `out` to be ignored) when `s` does not start with a
/// `<tu>` start tag or when anything in it is left to quick-xml (see the
/// module documentation).
pub(super) fn split(s: &[u8], out: &mut Vec<Tok>) -> Option<usize> {
    out.clear();
    let s = &s[..s.len().min(u32::MAX as usize)];
    let mut i = s.iter().position(|&b| !is_space(b))?;
    if !s[i..].starts_with(b"<tu") || !s.get(i + 3).is_some_and(|&b| is_space(b) || b == b'>') {
        return None;
    }
    let mut open = [(0u32, 0u32); DEPTH];
    let mut depth = 0;
    loop {
        // At a `<`.
        match *s.get(i + 1)? {
            b'/' => {
                let gt = i + 2 + find(&s[i + 2..], [b'>'], false)?;
                let name = &s[i + 2..gt];
                let (a, b) = open[depth - 1];
                if !super::events::same(name, &s[a as usize..b as usize]) {
                    return None;
                }
                depth -= 1;
                out.push(Tok::new(Kind::End, i, i + 2, gt, 0, name.len()));
                i = gt + 1;
                if depth == 0 {
                    return Some(i);
                }
            }
            b'!' | b'?' => return None,
            _ => {
                let gt = i + 1 + find_gt(&s[i + 1..])?;
                let (kind, end) =
                    if s[gt - 1] == b'/' && gt - 1 > i { (Kind::Empty, gt - 1) } else { (Kind::Start, gt) };
                let content = &s[i + 1..end];
                let name_len = content.iter().position(|&b| is_space(b)).unwrap_or(content.len());
                if name_len == 0 || (depth == 0 && kind != Kind::Start) {
                    return None;
                }
                out.push(Tok::new(kind, i, i + 1, end, 0, name_len));
                if kind == Kind::Start {
                    if depth == DEPTH {
                        return None;
                    }
                    open[depth] = ((i + 1) as u32, (i + 1 + name_len) as u32);
                    depth += 1;
                }
                i = gt + 1;
            }
        }
        // Text up to the next `<`: its leading white space first (often
        // all of it, between structural elements).
        let lead = skip_space(&s[i..])?;
        let lt = if s[i + lead] == b'<' { i + lead } else { i + lead + find_lt(&s[i + lead..])? };
        if lt > i {
            out.push(Tok::new(Kind::Text, i, i, lt, lead, 0));
        }
        i = lt;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tmx::ReadOptions;

    /// Everything a read gives: header, TUs, warnings, or the error.
    fn read(bytes: &[u8], strict: bool, fast: bool) -> String {
        super::both_ways::read_max(bytes, strict, fast, ReadOptions::default().max_segment_bytes)
    }

    #[test]
    fn the_fast_path_reads_every_file_as_quick_xml_alone_does() {
        let mut files = super::both_ways::corpus_files();
        assert!(files.len() >= 20, "{}", files.len());
        let head = "<?xml version=\"1.0\"?>\n<tmx version=\"1.4\"><header srclang=\"en\"/><body>\n";
        for body in [
            "<tu tuid=\"1\"><tuv xml:lang=\"en\"><seg>a <bpt i=\"1\">&lt;b></bpt>b<ept i=\"1\"/></seg></tuv></tu>",
            "<tu>\n <tuv xml:lang=\"en\">\n <seg> lead &amp;\r\n<ph/> <ph/> </seg> </tuv> text </tu>",
            "<tu><tuv xml:lang=\"en\"><seg>a</seg></tuv><!-- c --></tu>",
            "<tu><tuv xml:lang=\"en\"><seg>a</seg></tuv></tu >",
            "<tu><tuv xml:lang=\"en\"><seg>a</sag></tuv></tu>",
            "<tu tuid=\"1\" tuid=\"2\"><tuv xml:lang=\"en\"><seg>a</seg></tuv></tu>",
            "<tu><tuv xml:lang=\"en\"><seg>a</seg></tuv><prop>x</prop><note>y</note><foo/></tu>",
            "<tu><tuv xml:lang=\"en\"><seg>\u{b} &#1; &bogus; <g id='1'>x</g></seg></tuv></tu>",
            "<tu><tuv xml:lang=\"en\"><seg>a</seg></tuv></tu><tu><tuv xml:lang=\"en\"><seg>b</seg></tuv>",
            "<tu><tuv xml:lang=\"en\"><seg><![CDATA[<x>]]></seg></tuv></tu>",
            "<tu> <tuv xml:lang=\"en\"> <Seg> <tuv> </tuv> <x> <y/> </x> </Seg> <NOTE> </NOTE> </tuv> </tu>",
            "<tu><prop type=\"a\"> </prop><tuv xml:lang=\"en\"><seg>a</seg><seg> <prop> </prop> </seg></tuv></tu>",
            "<tu><tuv xml:lang=\"en\"><seg>a</seg></tuv></tu><tu/><TU><TUV LANG=\"es\"><SEG>b</SEG></TUV></TU>",
        ] {
            files.push(format!("{head}{body}\n</body></tmx>\n").into_bytes());
            files.push(format!("{head}{body}").into_bytes());
        }
        for bytes in &files {
            for strict in [false, true] {
                let (fast, slow) = (read(bytes, strict, true), read(bytes, strict, false));
                assert_eq!(fast, slow, "{}", String::from_utf8_lossy(bytes));
            }
        }
    }

    fn kinds(s: &str) -> Option<(usize, Vec<(Kind, String)>)> {
        let mut out = vec![];
        let n = split(s.as_bytes(), &mut out)?;
        Some((n, out.iter().map(|t| (t.kind, s[t.start as usize..t.end as usize].to_string())).collect()))
    }

    #[test]
    fn a_usual_tu_is_split_into_the_events_quick_xml_gives() {
        let tu =
            "\n  <tu tuid=\"1\"><tuv xml:lang='en'><seg>a &lt; <ph x=\"1\">&lt;b/&gt;</ph><x/>b</seg>\n</tuv></tu>";
        let (n, toks) = kinds(&format!("{tu}<tu>")).unwrap();
        assert_eq!(n, tu.len());
        let want = [
            (Kind::Start, "tu tuid=\"1\""),
            (Kind::Start, "tuv xml:lang='en'"),
            (Kind::Start, "seg"),
            (Kind::Text, "a &lt; "),
            (Kind::Start, "ph x=\"1\""),
            (Kind::Text, "&lt;b/&gt;"),
            (Kind::End, "ph"),
            (Kind::Empty, "x"),
            (Kind::Text, "b"),
            (Kind::End, "seg"),
            (Kind::Text, "\n"),
            (Kind::End, "tuv"),
            (Kind::End, "tu"),
        ];
        assert_eq!(toks, want.map(|(k, s)| (k, s.to_string())));
    }

    #[test]
    fn the_word_searches_find_the_first_match_at_every_offset() {
        for len in [1, 7, 8, 9, 17, 30] {
            for at in 0..len {
                for b in [b'<', b'>', b'"', b'\'', b' ', b'\n', b'x', 0x80, 0xFF, 0] {
                    let mut s = vec![b'a'; len];
                    s[at] = b;
                    let first = |is: &dyn Fn(u8) -> bool| s.iter().position(|&c| is(c));
                    assert_eq!(find_lt(&s), first(&|c| c == b'<'), "{b} at {at} of {len}");
                    let mut blank = vec![b' '; len];
                    blank[at] = b;
                    assert_eq!(skip_space(&blank), blank.iter().position(|&c| !is_space(c)), "{b} at {at} of {len}");
                }
            }
        }
        assert_eq!(find_gt(b"a b='>' c=\"'>\">x"), Some(14));
        assert_eq!(find_gt(b"a b='>"), None);
    }

    #[test]
    fn anything_unusual_is_left_to_quick_xml() {
        for s in [
            "<tu><!-- c --></tu>",
            "<tu><![CDATA[x]]></tu>",
            "<tu><?pi x?></tu>",
            "<tu><tuv></tu></tuv>",
            "<tu><tuv></tuv ></tu>",
            "<tu>< é/></tu>",
            "<tu/>",
            "<tuv></tuv>",
            "<tu><seg>no end",
            "<tu a=\"no end>",
            "text <tu></tu>",
        ] {
            assert_eq!(kinds(s), None, "{s}");
        }
        // A `>` in a quoted value is not the end of the tag.
        assert_eq!(kinds("<tu a='>'></tu>").unwrap().1[0], (Kind::Start, "tu a='>'".to_string()));
    }

    /// Pieces of TMX, well-formed and not, that random TUs are made of.
    const PIECES: &[&str] = &[
        "<tuv xml:lang=\"en\">",
        "<tuv lang='es-ES'>",
        "<tuv xml:lang=\"en\" />",
        "</tuv>",
        "<seg>",
        "</seg>",
        "<ph x=\"1\" type='fmt'>",
        "</ph>",
        "<bpt i=\"1\">",
        "</bpt>",
        "<ept i=\"1\"/>",
        "<it pos=\"begin\"/>",
        "<hi type=\"x\">",
        "</hi>",
        "<sub>",
        "</sub>",
        "<ut>",
        "</ut>",
        "<g id=\"1\">",
        "</g>",
        "<x id='2'/>",
        "<prop type=\"a\">",
        "</prop>",
        "<note xml:lang=\"en\">",
        "</note>",
        "Hello",
        "año",
        " ",
        "\n  ",
        "\r\n",
        "&amp;",
        "&lt;b&gt;",
        "&#233;",
        "&#x1;",
        "&bogus;",
        "\u{b}",
        ">",
        "'\"",
        "<!-- c -->",
        "<![CDATA[<x>]]>",
        "<?pi x?>",
        "</tu >",
        "< tuv>",
        "<seg a=\"1\" a=\"2\">",
        "<seg a=1>",
        "<seg a=\"x>",
        "</SEG>",
        "<tu>",
    ];

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(512))]
        /// Random TUs (any mix of the pieces above, in files cut anywhere)
        /// read the same with the fast path as with quick-xml alone: the
        /// same TUs, warnings (with their positions) and errors.
        #[test]
        fn random_tus_read_the_same_both_ways(
            tus in proptest::collection::vec(proptest::collection::vec(0..PIECES.len(), 0..24), 1..4),
            cut in proptest::option::of(0usize..2000),
        ) {
            let mut file = String::from("<?xml version=\"1.0\"?>\n<tmx version=\"1.4\"><header srclang=\"en\"/><body>\n");
            for (n, pieces) in tus.iter().enumerate() {
                file.push_str(&format!("<tu tuid=\"{n}\">"));
                file.extend(pieces.iter().map(|&i| PIECES[i]));
                file.push_str("</tu>\n");
            }
            file.push_str("</body></tmx>\n");
            let mut bytes = file.into_bytes();
            if let Some(cut) = cut {
                bytes.truncate(cut.min(bytes.len()));
            }
            for strict in [false, true] {
                let (fast, slow) = (read(&bytes, strict, true), read(&bytes, strict, false));
                proptest::prop_assert_eq!(fast, slow, "{}", String::from_utf8_lossy(&bytes));
            }
        }
    }
}

/// The fast path against quick-xml alone on odd, long, re-encoded and
/// mutated input.
#[cfg(test)]
mod both_ways;
