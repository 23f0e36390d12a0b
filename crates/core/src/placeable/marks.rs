//! The marks of a text ([`Marks`]): the characters and words some
//! placeable pattern needs, found before any pattern runs so that the
//! patterns a text cannot match are not run.

use memchr::memmem::Finder;
use std::sync::LazyLock;

/// What a text holds that some placeable pattern needs: a pattern whose
/// mark is missing cannot match and is not run. Every pattern but the URL
/// and e-mail ones needs a digit: a text without one (one SIMD pass) is
/// only searched for `@`, `://` and `www.` (any case); a text with one is read once
/// more, every mark looked for at once.
#[derive(Default)]
pub(super) struct Marks {
    /// An ASCII digit.
    pub(super) digit: bool,
    /// `@` (e-mail).
    pub(super) at: bool,
    /// `://` (URL).
    pub(super) scheme: bool,
    /// `www.` in any case (URL).
    pub(super) www: bool,
    /// `:` (time).
    pub(super) colon: bool,
    /// `-` (ISO date).
    pub(super) dash: bool,
    /// `/` (numeric date).
    pub(super) slash: bool,
    /// `%`.
    pub(super) percent: bool,
    /// `€`, `$`, `£`, `EUR`, `USD` or `GBP`.
    pub(super) money: bool,
    /// `º`, `ª` or `°`, or a digit right before `er` or `.er` (`1.er`).
    pub(super) ordinal_es: bool,
    /// A digit right before s, n, r or t (1st, 2nd, 3rd, 4th).
    pub(super) ordinal_en: bool,
    /// ` de ` in any case (Spanish textual date).
    pub(super) de: bool,
    /// An English month's first three letters (`Jan` … `Dec`).
    pub(super) month: bool,
}

/// The bytes [`Marks::of`] looks at; most bytes of a text are passed over
/// by one table look.
static SEEN: [bool; 256] = {
    let mut t = [false; 256];
    let bytes = b"0123456789@:wW-/%$EUG ADFJMNOS\xE2\xC2";
    let mut i = 0;
    while i < bytes.len() {
        t[bytes[i] as usize] = true;
        i += 1;
    }
    t
};

/// A searcher for `://`, built once (building one costs as much as
/// searching a sentence).
static SCHEME: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new(b"://"));

/// Whether `www.` in any case (as the URL pattern reads it) starts at `i`.
fn is_www(b: &[u8], i: usize) -> bool {
    b.get(i..i + 4).is_some_and(|w| w.eq_ignore_ascii_case(b"www."))
}

impl Marks {
    pub(super) fn of(text: &str) -> Marks {
        const MONTH_STEMS: [&[u8]; 12] =
            [b"Jan", b"Feb", b"Mar", b"Apr", b"May", b"Jun", b"Jul", b"Aug", b"Sep", b"Oct", b"Nov", b"Dec"];
        let b = text.as_bytes();
        // No early exit: the compiler turns this into SIMD.
        if !b.iter().fold(false, |seen, c| seen | c.is_ascii_digit()) {
            // Most texts: without a digit only a link can be a placeable.
            return Marks {
                at: memchr::memchr(b'@', b).is_some(),
                scheme: SCHEME.find(b).is_some(),
                www: memchr::memchr2_iter(b'w', b'W', b).any(|i| is_www(b, i)),
                ..Marks::default()
            };
        }
        let at = |i: usize, s: &[u8]| b.get(i..i + s.len()) == Some(s);
        let mut m = Marks { digit: true, ..Marks::default() };
        for (i, &c) in b.iter().enumerate() {
            if !SEEN[usize::from(c)] {
                continue;
            }
            match c {
                b'0'..=b'9' => {
                    m.ordinal_en |= matches!(b.get(i + 1), Some(b's' | b'n' | b'r' | b't'));
                    m.ordinal_es |= at(i + 1, b"er") || at(i + 1, b".er");
                }
                b'@' => m.at = true,
                b':' => {
                    m.colon = true;
                    m.scheme |= at(i + 1, b"//");
                }
                b'w' | b'W' => m.www |= is_www(b, i),
                b'-' => m.dash = true,
                b'/' => m.slash = true,
                b'%' => m.percent = true,
                b'$' => m.money = true,
                b'E' | b'U' | b'G' => m.money |= at(i, b"EUR") || at(i, b"USD") || at(i, b"GBP"),
                // € is E2 82 AC; £ C2 A3, º C2 BA, ª C2 AA.
                0xE2 => m.money |= at(i, "€".as_bytes()),
                0xC2 => match b.get(i + 1) {
                    Some(0xA3) => m.money = true,
                    Some(0xBA | 0xAA | 0xB0) => m.ordinal_es = true,
                    _ => {}
                },
                b' ' => {
                    m.de |= matches!(b.get(i + 1..i + 4), Some([d, e, b' ']) if d | 0x20 == b'd' && e | 0x20 == b'e')
                }
                _ => {}
            }
            if matches!(c, b'A' | b'D' | b'F' | b'J' | b'M' | b'N' | b'O' | b'S') {
                m.month |= b.get(i..i + 3).is_some_and(|w| MONTH_STEMS.contains(&w));
            }
        }
        m
    }
}

#[cfg(test)]
mod tests {
    use super::Marks;

    /// The marks as the plain string searches they stand for (the marks
    /// after the first four only where there is a digit).
    fn naive(t: &str) -> [bool; 13] {
        let b = t.as_bytes();
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
        let digit = b.iter().any(u8::is_ascii_digit);
        let mut all = [
            digit,
            t.contains('@'),
            t.contains("://"),
            t.to_ascii_lowercase().contains("www."),
            t.contains(':'),
            t.contains('-'),
            t.contains('/'),
            t.contains('%'),
            t.contains(['€', '$', '£']) || ["EUR", "USD", "GBP"].iter().any(|c| t.contains(c)),
            t.contains(['º', 'ª', '°'])
                || b.windows(3).any(|w| w[0].is_ascii_digit() && &w[1..] == b"er")
                || b.windows(4).any(|w| w[0].is_ascii_digit() && &w[1..] == b".er"),
            b.windows(2).any(|w| w[0].is_ascii_digit() && b"snrt".contains(&w[1])),
            t.to_ascii_lowercase().contains(" de "),
            months.iter().any(|m| t.contains(m)),
        ];
        if !digit {
            all[4..].fill(false);
        }
        all
    }

    fn marks(t: &str) -> [bool; 13] {
        let m = Marks::of(t);
        [
            m.digit,
            m.at,
            m.scheme,
            m.www,
            m.colon,
            m.dash,
            m.slash,
            m.percent,
            m.money,
            m.ordinal_es,
            m.ordinal_en,
            m.de,
            m.month,
        ]
    }

    #[test]
    fn one_pass_finds_what_each_string_search_finds() {
        let corpus = crate::corpus_segments(4000);
        let mut cases: Vec<&str> = corpus.iter().map(String::as_str).collect();
        cases.extend([
            "Pague 13,98 € o US$ 15 (GBP 11) el 1.º de julio, 2ª vez, 25 %",
            "See https://iom.int or www.iom.int, mail info@iom.int at 10:30 on 2024-03-12 or 12/03/2024",
            "the 1st, 2nd, 3rd and 4th of March, 12 De Mayo",
            "£5 DE ",
            "ww w. EU R 1s",
            "Mail www.iom.int, https://x.org or a@b.org: no digit - por ciento % / de Mayo",
            "",
        ]);
        let mut seen = [false; 13];
        for t in &cases {
            let m = marks(t);
            assert_eq!(m, naive(t), "{t:?}");
            for (s, v) in seen.iter_mut().zip(m) {
                *s |= v;
            }
        }
        assert_eq!(seen, [true; 13], "every mark occurs in the cases");
    }

    /// The URL pattern is case-insensitive (`(?i)`): a link written
    /// `WWW.…` is one, and the marks must not keep the pattern from it
    /// (they once looked for `www.` in lower case only).
    #[test]
    fn an_upper_case_www_link_is_a_placeable_as_its_pattern_says() {
        let es = crate::lang::LangTag::new("es").unwrap();
        for (text, url) in
            [("Visite WWW.DEBIAN.ORG hoy", "WWW.DEBIAN.ORG"), ("Visite Www.Debian.org o la 6.0", "Www.Debian.org")]
        {
            let found: Vec<String> = crate::placeable::recognize(text, &es).into_iter().map(|p| p.text).collect();
            assert!(found.iter().any(|t| t == url), "{text:?}: {found:?}");
        }
    }
}
