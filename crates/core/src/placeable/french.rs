//! French placeables: how French writes numbers, dates, times and ordinals.
//!
//! Sources of the conventions: the Imprimerie nationale's *Lexique des règles
//! typographiques* and CLDR's `fr` locale (group separator U+202F NARROW
//! NO-BREAK SPACE, decimal comma, `25 %` with a no-break space), as French
//! press releases write them:
//! - numbers `1 234,5`, `35 000`, grouped by a space, a no-break space
//!   (U+00A0) or a narrow no-break space (U+202F);
//! - dates `3 décembre 2024`, `1er janvier` (the first day is an ordinal);
//! - times `12 h 30`, `13h30`, `04 : 30`, `17 h` (also a duration, `12 h`: the QA compares
//!   a whole hour with a number by its hours);
//! - ordinals `1er`, `1re`, `2e`, `2ème`, `XXIe` (roman numerals).

use super::{valid, DateStyle, Value};
use regex::Regex;
use std::sync::LazyLock;

/// French month names, January first.
pub(crate) const MONTHS_FR: [&str; 12] = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
];

/// The group separator memoria writes in French numbers: U+202F (CLDR `fr`).
pub const GROUP_FR: char = '\u{202F}';

/// A no-break space, written before `%` and inside `12 h 30`.
const NBSP: char = '\u{A0}';

struct Patterns {
    number: Regex,
    date: Regex,
    time: Regex,
    time_hour: Regex,
    ordinal: Regex,
}

static P: LazyLock<Patterns> = LazyLock::new(|| {
    let r = |s: &str| Regex::new(s).expect("French placeable pattern is valid");
    let months =
        "janvier|février|fevrier|mars|avril|mai|juin|juillet|août|aout|septembre|octobre|novembre|décembre|decembre";
    Patterns {
        // A number with digit groups separated by a space of some kind.
        number: r(r"(?:^|[^\w.,])(-?\d{1,3}(?:[ \u{A0}\u{202F}\u{2009}]\d{3})+(?:,\d+)?)(?-u:\b)"),
        date: r(&format!(r"(?i)(?-u:\b)(1er|\d{{1,2}})\s+({months})(?:\s+(\d{{4}}))?(?-u:\b)")),
        time: r(r"(?-u:\b)([01]?\d|2[0-3])(?:\s?h\s?([0-5]\d)|\s:\s([0-5]\d))(?-u:\b)"),
        time_hour: r(r"(?-u:\b)([01]?\d|2[0-3])\s?h(?-u:\b)"),
        ordinal: r(r"(?-u:\b)(\d{1,4}|[IVXLC]{1,7})(er|re|ère|e|ème|è|ᵉ|ʳᵉ)(?-u:\b)"),
    }
});

/// Pushes the French readings of `text` into `found` as
/// `(start, end, priority, value)` (priority as in `recognize`).
pub(super) fn recognize(text: &str, found: &mut Vec<(usize, usize, u8, Value)>) {
    let p = &*P;
    for c in p.number.captures_iter(text) {
        let m = c.get(1).expect("group 1");
        found.push((m.start(), m.end(), 3, Value::Number(super::parse_number(m.as_str(), &fr()))));
    }
    for c in p.date.captures_iter(text) {
        let day = if c[1].eq_ignore_ascii_case("1er") { 1 } else { c[1].parse().unwrap_or(0) };
        let month = month_index(&c[2]).unwrap_or(0);
        let year = c.get(3).and_then(|y| y.as_str().parse().ok());
        if valid(month, day) {
            let m = c.get(0).expect("group 0");
            found.push((m.start(), m.end(), 1, Value::Date { year, month, day, style: DateStyle::Textual }));
        }
    }
    for c in p.time.captures_iter(text) {
        let m = c.get(0).expect("group 0");
        let minute = c.get(2).or(c.get(3)).and_then(|x| x.as_str().parse().ok()).unwrap_or(0);
        let hour = c[1].parse().unwrap_or(0);
        found.push((m.start(), m.end(), 1, Value::Time { hour, minute, twelve_hour: false }));
    }
    for c in p.time_hour.captures_iter(text) {
        let (h, m) = (c.get(1).expect("group 1"), c.get(0).expect("group 0"));
        let hour = h.as_str().parse().unwrap_or(0);
        found.push((h.start(), m.end(), 1, Value::Time { hour, minute: 0, twelve_hour: false }));
    }
    for c in p.ordinal.captures_iter(text) {
        let m = c.get(0).expect("group 0");
        // A lone L or C before e is a word (`Le`, `Ce`), not 50th or 100th.
        let numeral = &c[1];
        let word = numeral.len() == 1 && matches!(numeral, "L" | "C");
        let n = numeral.parse().ok().or_else(|| if word { None } else { roman(numeral) });
        if let Some(n) = n.filter(|n| *n > 0) {
            let feminine = matches!(&c[2], "re" | "ère" | "ʳᵉ");
            found.push((m.start(), m.end(), 2, Value::Ordinal { n, feminine }));
        }
    }
}

fn fr() -> crate::lang::LangTag {
    crate::lang::LangTag::new("fr").expect("fr is a tag")
}

/// The month (1–12) a French month name names, with or without accents.
pub(super) fn month_index(name: &str) -> Option<u8> {
    let l = name.to_lowercase();
    let plain = |s: &str| s.replace(['é', 'è'], "e").replace('û', "u");
    MONTHS_FR.iter().position(|m| *m == l || plain(m) == plain(&l)).map(|i| i as u8 + 1)
}

/// The value of a roman numeral (`XXI` = 21), `None` if `s` is not one.
fn roman(s: &str) -> Option<u64> {
    let digit = |c: char| match c {
        'I' => Some(1),
        'V' => Some(5),
        'X' => Some(10),
        'L' => Some(50),
        'C' => Some(100),
        _ => None,
    };
    let ds: Vec<u64> = s.chars().map(digit).collect::<Option<_>>()?;
    let mut total = 0;
    for (i, d) in ds.iter().enumerate() {
        if ds.get(i + 1).is_some_and(|n| n > d) {
            total -= *d as i64;
        } else {
            total += *d as i64;
        }
    }
    u64::try_from(total).ok()
}

/// `value` written the French way, or `None` for the kinds French writes
/// like other languages (URLs, e-mail addresses, ISO dates).
pub(super) fn localize(value: &Value) -> Option<String> {
    let lang = fr();
    Some(match value {
        Value::Number(d) => d.localize(&lang),
        Value::Percent(d) => format!("{}{NBSP}%", d.localize(&lang)),
        Value::Ordinal { n: 1, feminine } => format!("1{}", if *feminine { "re" } else { "er" }),
        Value::Ordinal { n, .. } => format!("{n}e"),
        Value::Currency { unit, amount, scale } => format!("{}{scale}{NBSP}{unit}", amount.localize(&lang)),
        Value::Date { year, month, day, style: DateStyle::Textual } => {
            let m = MONTHS_FR[usize::from(month.clamp(&1, &12) - 1)];
            let d = if *day == 1 { "1er".to_string() } else { day.to_string() };
            match year {
                Some(y) => format!("{d} {m} {y}"),
                None => format!("{d} {m}"),
            }
        }
        Value::Date { year, month, day, style: DateStyle::Numeric } => {
            format!("{day:02}/{month:02}/{}", year.unwrap_or(0))
        }
        Value::Time { hour, minute: 0, .. } => format!("{hour}{NBSP}h"),
        Value::Time { hour, minute, .. } => format!("{hour}{NBSP}h{NBSP}{minute:02}"),
        _ => return None,
    })
}
