//! Placeables: the parts of a segment a translator copies or localises rather
//! than translates — numbers, percentages, ordinals, currency amounts, dates,
//! times, URLs, e-mail addresses and alphanumeric codes (`5G`, `COVID-19`,
//! `i386`, `3x2`, versions such as `2.6.32`).
//!
//! [`recognize`] finds them in a text of a given language and parses each into
//! a typed [`Value`]; [`Value::localize`] writes a value the way the target
//! language writes it (es `13,98` → en `13.98`, es `1.234.567` → en
//! `1,234,567`, es `25 %` → en `25%`, es `1.º` → en `1st`). The TM matcher
//! masks placeables so a changed number does not count as changed text, and
//! substitutes the new values into a fuzzy match's target; the QA checks
//! compare the placeables of a source and its translation by value.
//!
//! Number formats follow the conventions of each language: in Spanish (and
//! the other languages listed by [`separators`] as continental) `.` groups
//! thousands and `,` marks decimals; in English the reverse. A number written
//! in the other convention is still read correctly when it is unambiguous
//! (`2.6` in Spanish text is 2.6: a group needs three digits).
//!
//! ```
//! use memoria_core::{lang::LangTag, placeable::recognize};
//! let es = LangTag::new("es").unwrap();
//! let en = LangTag::new("en").unwrap();
//! let p = recognize("Subió un 13,98 % hasta 1.234.567 euros.", &es);
//! assert_eq!(p[0].text, "13,98 %");
//! assert_eq!(p[0].value.localize(&en), "13.98%");
//! assert_eq!(p[1].value.localize(&en), "1,234,567");
//! ```

use crate::lang::LangTag;
use marks::Marks;
use regex::Regex;
use std::sync::LazyLock;

mod french;
pub(crate) use french::MONTHS_FR;
mod marks;
#[cfg(test)]
mod tests;

pub use french::GROUP_FR;

/// The kind of a placeable; its index (`kind as u32`) is stable and is used by
/// the TM to build typed mask characters.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
pub enum Kind {
    Number = 0,
    Percent = 1,
    Ordinal = 2,
    Currency = 3,
    Date = 4,
    Time = 5,
    Url = 6,
    Email = 7,
    Code = 8,
}

/// An exact decimal number as written: sign, integer digits, fraction digits,
/// and whether the integer part was written with group separators.
#[derive(Clone, Debug, PartialEq, Eq, Hash, serde::Serialize)]
pub struct Decimal {
    pub negative: bool,
    /// Integer digits without separators (`"1234567"`).
    pub int: String,
    /// Fraction digits (`"25"` for `1.500,25`), empty for an integer.
    pub frac: String,
    /// The integer part was grouped (`1.500`): localisation groups it too.
    pub grouped: bool,
}

/// How a date was written, so it is localised in the same style.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize)]
pub enum DateStyle {
    /// `2024-03-12`
    Iso,
    /// `12/03/2024` (day/month in Spanish and British English, month/day in US English)
    Numeric,
    /// `12 de marzo de 2024`, `March 12, 2024`
    Textual,
}

/// The parsed value of a placeable.
#[derive(Clone, Debug, PartialEq, Eq, Hash, serde::Serialize)]
pub enum Value {
    Number(Decimal),
    Percent(Decimal),
    /// `n` with the grammatical gender of the Spanish form (`1.ª` feminine).
    Ordinal {
        n: u64,
        feminine: bool,
    },
    /// `unit` is a symbol (`€ $ £`) or an ISO 4217 code (`EUR`), as written;
    /// `scale` the abbreviation after the amount (`m`, `bn`, `k` in `€5m`,
    /// `$1.2bn`), empty when there is none.
    Currency {
        unit: String,
        amount: Decimal,
        scale: String,
    },
    /// Calendar date; `year` is absent in `12 de marzo`.
    Date {
        year: Option<i32>,
        month: u8,
        day: u8,
        style: DateStyle,
    },
    /// 24-hour clock time; `twelve_hour` when written with a.m./p.m.
    Time {
        hour: u8,
        minute: u8,
        twelve_hour: bool,
    },
    Url(String),
    Email(String),
    /// An alphanumeric code or a version, copied as written: letters and
    /// digits together (`5G`, `3x2`, `COVID-19`, `amd64`, `DebConf16`,
    /// `v2.3`) or three or more dot-separated numbers that are not a grouped
    /// number (`2.6.32`, `1.6.2.9`).
    Code(String),
}

/// One placeable found in a text: byte range `start..end`, the text as
/// written, and its value.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Placeable {
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub value: Value,
}

impl Placeable {
    /// The kind of the value.
    pub fn kind(&self) -> Kind {
        self.value.kind()
    }
}

/// The group and decimal separators of `lang`: `(',', '.')` for English and
/// the languages that write numbers like it (zh, ja, ko, he, th, hi),
/// `(U+202F, ',')` for French (CLDR `fr`: `1 234,5` with a narrow no-break
/// space), else `('.', ',')` (Spanish, Portuguese, Italian, German, …).
pub fn separators(lang: &LangTag) -> (char, char) {
    match lang.language() {
        "en" | "zh" | "ja" | "ko" | "he" | "th" | "hi" => (',', '.'),
        "fr" => (GROUP_FR, ','),
        _ => ('.', ','),
    }
}

/// `new` (a value localised into French) with its no-break and narrow
/// no-break spaces written as `written` (the placeable it replaces in a
/// stored translation) writes its spaces: a TM whose French has plain spaces
/// (`35 000`, `25 %`, `12 h 30`) keeps them; one with no-break spaces keeps those.
pub fn spaced_like(new: &str, written: &str) -> String {
    match written.chars().find(|c| is_group_space(*c)) {
        Some(space) => new.replace(['\u{A0}', '\u{202F}'], &space.to_string()),
        None => new.to_string(),
    }
}

/// Whether `c` groups digits the way French and the SI do (a space of some kind).
fn is_group_space(c: char) -> bool {
    matches!(c, ' ' | '\u{A0}' | '\u{202F}' | '\u{2009}')
}

const NUM: &str = r"[-−]?\d{1,3}(?:[.,]\d{3})+(?:[.,]\d+)?|[-−]?\d+(?:[.,]\d+)?";
/// A run of ASCII letters and digits joined by `-`, `_` or `.` that holds a
/// digit: the tokens [`is_code`] may take (a run without a digit is never a
/// code, so the words of a sentence are not matched one by one). The same
/// spans as the digit-holding matches of
/// `\b[A-Za-z0-9]+(?:[-_.][A-Za-z0-9]+)*\b`.
const CODE: &str = r"(?-u:\b)(?:[A-Za-z0-9]+[-_.])*[A-Za-z]*[0-9][A-Za-z0-9]*(?:[-_.][A-Za-z0-9]+)*(?-u:\b)";
const MONTHS_ES: [&str; 12] = [
    "enero",
    "febrero",
    "marzo",
    "abril",
    "mayo",
    "junio",
    "julio",
    "agosto",
    "septiembre",
    "octubre",
    "noviembre",
    "diciembre",
];
const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

struct Patterns {
    url: Regex,
    email: Regex,
    iso_date: Regex,
    num_date: Regex,
    es_date: Regex,
    en_date_mdy: Regex,
    en_date_dmy: Regex,
    time: Regex,
    currency_pre: Regex,
    currency_post: Regex,
    percent: Regex,
    ordinal_es: Regex,
    ordinal_en: Regex,
    number: Regex,
    code: Regex,
    list: Regex,
}

static P: LazyLock<Patterns> = LazyLock::new(|| {
    let r = |s: &str| Regex::new(s).expect("placeable pattern is valid");
    Patterns {
        url: r(r#"(?i)(?-u:\b)(?:https?://|www\.)[^\s<>"«»“”]+"#),
        email: r(r"(?-u:\b)[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}(?-u:\b)"),
        iso_date: r(r"(?-u:\b)(\d{4})-(\d{2})-(\d{2})(?-u:\b)"),
        num_date: r(r"(?-u:\b)(\d{1,2})/(\d{1,2})/(\d{4}|\d{2})(?-u:\b)"),
        es_date: r(
            r"(?i)(?-u:\b)(\d{1,2}) de (enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|octubre|noviembre|diciembre)(?: de(?:l)? (\d{4}))?(?-u:\b)",
        ),
        en_date_mdy: r(
            r"(?-u:\b)(January|February|March|April|May|June|July|August|September|October|November|December) (\d{1,2})(?:st|nd|rd|th)?(?:, (\d{4}))?(?-u:\b)",
        ),
        en_date_dmy: r(
            r"(?-u:\b)(\d{1,2})(?:st|nd|rd|th)?(?: of)? (January|February|March|April|May|June|July|August|September|October|November|December)(?:,? (\d{4}))?(?-u:\b)",
        ),
        time: r(r"(?i)(?-u:\b)([01]?\d|2[0-3]):([0-5]\d)(?:\s?(a\.\s?m\.|p\.\s?m\.|am(?-u:\b)|pm(?-u:\b)|h(?-u:\b)))?"),
        currency_pre: r(&format!(r"(US\$|€|\$|£|(?-u:\b)(?:EUR|USD|GBP)\s?)({NUM})(m|bn|k)?(?-u:\b)")),
        currency_post: r(&format!(r"(?-u:\b)({NUM})\s?(€|\$|£|(?:EUR|USD|GBP)(?-u:\b))")),
        percent: r(&format!(r"(?-u:\b)({NUM})\s?%")),
        ordinal_es: r(r"(?-u:\b)(\d{1,4})(?:\.?\s?([ºª°])|\.?(er)(?-u:\b))"),
        ordinal_en: r(r"(?-u:\b)(\d{1,4})(st|nd|rd|th)(?-u:\b)"),
        number: r(&format!(r"(?:{NUM})(?-u:\b)")),
        code: r(CODE),
        list: r(r"(?-u:\b)\d{1,2}(?:,\d{1,2}){2,}(?-u:\b)"),
    }
});

/// Finds the placeables of `text` (written in `lang`), in order, without
/// overlaps. Where two readings overlap the earlier, then the longer, then the
/// more specific one wins (a currency amount over the bare number in it).
/// Text without digits, `@`, `www.` or `://` is rejected in one pass.
pub fn recognize(text: &str, lang: &LangTag) -> Vec<Placeable> {
    let marks = Marks::of(text);
    let (has_digit, has_link) = (marks.digit, marks.at || marks.scheme || marks.www);
    if !has_digit && !has_link {
        return Vec::new();
    }
    let p = &*P;
    // (start, end, priority, value): lower priority number wins on equal span.
    let mut found: Vec<(usize, usize, u8, Value)> = Vec::new();
    if has_link {
        for m in p.url.find_iter(text) {
            let s = m.as_str().trim_end_matches(['.', ',', ';', ':', '!', '?', ')', '\'', '"']);
            found.push((m.start(), m.start() + s.len(), 0, Value::Url(s.to_string())));
        }
        for m in p.email.find_iter(text) {
            found.push((m.start(), m.end(), 0, Value::Email(m.as_str().to_string())));
        }
    }
    if has_digit {
        dates(text, lang, &marks, &mut found);
        let time = captures_if(marks.colon, &p.time, text);
        for c in time {
            let (mut hour, minute): (u8, u8) = (c[1].parse().unwrap_or(0), c[2].parse().unwrap_or(0));
            let suffix = c.get(3).map(|m| m.as_str().to_lowercase());
            let twelve = matches!(suffix.as_deref(), Some(s) if s.starts_with('a') || s.starts_with('p'));
            if twelve && hour <= 12 {
                let pm = suffix.as_deref().is_some_and(|s| s.starts_with('p'));
                hour = match (pm, hour) {
                    (true, 12) => 12,
                    (true, h) => h + 12,
                    (false, 12) => 0,
                    (false, h) => h,
                };
            }
            let m = c.get(0).unwrap();
            found.push((m.start(), m.end(), 1, Value::Time { hour, minute, twelve_hour: twelve }));
        }
        let money = marks.money;
        let pre = captures_if(money, &p.currency_pre, text);
        for c in pre {
            let (m, unit) = (c.get(0).unwrap(), c[1].trim().to_string());
            let scale = c.get(3).map_or(String::new(), |s| s.as_str().to_string());
            found.push((m.start(), m.end(), 2, Value::Currency { unit, amount: parse_number(&c[2], lang), scale }));
        }
        let post = captures_if(money, &p.currency_post, text);
        for c in post {
            let m = c.get(0).unwrap();
            found.push((
                m.start(),
                m.end(),
                2,
                Value::Currency { unit: c[2].to_string(), amount: parse_number(&c[1], lang), scale: String::new() },
            ));
        }
        let percent = captures_if(marks.percent, &p.percent, text);
        for c in percent {
            let m = c.get(0).unwrap();
            found.push((m.start(), m.end(), 2, Value::Percent(parse_number(&c[1], lang))));
        }
        let ordinal = captures_if(marks.ordinal_es, &p.ordinal_es, text);
        for c in ordinal {
            let m = c.get(0).unwrap();
            // `18 °C` is a temperature, not an ordinal.
            if c.get(2).is_some_and(|d| d.as_str() == "°") && text[m.end()..].starts_with(['C', 'F']) {
                continue;
            }
            let n = c[1].parse().unwrap_or(0);
            found.push((
                m.start(),
                m.end(),
                2,
                Value::Ordinal { n, feminine: c.get(2).is_some_and(|f| f.as_str() == "ª") },
            ));
        }
        for c in captures_if(marks.ordinal_en, &p.ordinal_en, text) {
            let m = c.get(0).unwrap();
            found.push((m.start(), m.end(), 2, Value::Ordinal { n: c[1].parse().unwrap_or(0), feminine: false }));
        }
        for m in p.code.find_iter(text) {
            if is_code(m.as_str()) {
                found.push((m.start(), m.end(), 2, Value::Code(m.as_str().to_string())));
            }
        }
        // A list written without spaces (`1,2,3`): each item is a number, not `1,2` and `,3`.
        let lists: Vec<(usize, usize)> = p.list.find_iter(text).map(|m| (m.start(), m.end())).collect();
        for &(start, end) in &lists {
            let mut at = start;
            for item in text[start..end].split(',') {
                found.push((at, at + item.len(), 3, Value::Number(parse_number(item, lang))));
                at += item.len() + 1;
            }
        }
        for m in numbers(&p.number, text) {
            if lists.iter().any(|&(s, e)| m.start() < e && s < m.end()) {
                continue;
            }
            found.push((m.start(), m.end(), 3, Value::Number(parse_number(m.as_str(), lang))));
        }
        if lang.language() == "fr" {
            french::recognize(text, &mut found);
        }
    }
    found.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)).then(a.2.cmp(&b.2)));
    let mut out: Vec<Placeable> = Vec::new();
    let mut end = 0;
    for (s, e, _, value) in found {
        if s < end || s == e {
            continue;
        }
        end = e;
        out.push(Placeable { start: s, end: e, text: text[s..e].to_string(), value });
    }
    out
}

/// The numbers of `text`: matches of `re` (a number and a word boundary)
/// that start the text or follow a character other than a word character,
/// `.` or `,` (so "v2.5" and "A4" give none). The same matches as the
/// pattern `(?:^|[^\w.,])(NUM)\b` would capture, found by the DFA alone
/// (no capture groups): a candidate with a bad neighbour is retried one
/// character further on.
fn numbers<'r, 'h>(re: &'r Regex, text: &'h str) -> impl Iterator<Item = regex::Match<'h>> + use<'r, 'h> {
    let mut at = 0;
    std::iter::from_fn(move || {
        while at <= text.len() {
            let m = re.find_at(text, at)?;
            let before = text[..m.start()].chars().next_back();
            if before.is_none_or(|c| !(c == '.' || c == ',' || is_word(c))) {
                at = m.end().max(m.start() + 1);
                return Some(m);
            }
            at = m.start() + text[m.start()..].chars().next().map_or(1, char::len_utf8);
        }
        None
    })
}

/// Whether `c` is a word character as Unicode's `\w` means it (letters,
/// marks, decimal digits, connector punctuation, join controls).
fn is_word(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric() || c == '_'
    } else {
        WORD.is_match(c.encode_utf8(&mut [0; 4]))
    }
}

static WORD: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^\w$").expect("valid pattern"));

/// Whether a run of ASCII letters and digits joined by `-`, `_` or `.` (as
/// the code pattern finds it) is an alphanumeric code: letters and digits
/// together, but not an ordinal (`1st`, `1er`, French `2e`, `1re`) nor a number followed by a
/// lower-case word (`32-bit`, `3-day`: a number and a word); or three or more
/// dot-separated numbers that are not a number grouped by threes (`2.6.32`,
/// not `1.234.567`).
fn is_code(token: &str) -> bool {
    let digits = token.bytes().any(|b| b.is_ascii_digit());
    let letters = token.bytes().any(|b| b.is_ascii_alphabetic());
    if digits && !letters {
        let parts: Vec<&str> = token.split('.').collect();
        let grouped = parts[0].len() <= 3 && parts[1..].iter().all(|p| p.len() == 3);
        return parts.len() >= 3
            && parts.iter().all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
            && !grouped;
    }
    if !digits || !letters {
        return false;
    }
    let lower = token.to_ascii_lowercase();
    let num_end = lower.bytes().take_while(u8::is_ascii_digit).count();
    let (num, rest) = lower.split_at(num_end);
    if !num.is_empty()
        && matches!(
            rest,
            "st" | "nd" | "rd" | "th" | "er" | "o" | "a" | "os" | "as" | "e" | "re" | "es" | "res" | "eme"
        )
    {
        return false;
    }
    if let Some((n, word)) = token.split_once('-') {
        if n.bytes().all(|b| b.is_ascii_digit()) && word.bytes().all(|b| b.is_ascii_lowercase()) {
            return false;
        }
    }
    true
}

/// The matches of `re` in `text`, or none without searching (or allocating
/// the capture slots) when `cond` is false: the text lacks a character
/// every match needs.
fn captures_if<'r, 'h>(
    cond: bool,
    re: &'r Regex,
    text: &'h str,
) -> impl Iterator<Item = regex::Captures<'h>> + use<'r, 'h> {
    cond.then(|| re.captures_iter(text)).into_iter().flatten()
}

/// The month (1–12) a Spanish or English month name names, in any case
/// (`setiembre` as well as `septiembre`); `None` for any other word.
pub(crate) fn month_index(name: &str) -> Option<u8> {
    let l = name.to_lowercase();
    let l = if l == "setiembre" { "septiembre".to_string() } else { l };
    MONTHS_ES
        .iter()
        .position(|m| *m == l)
        .or_else(|| MONTHS_EN.iter().position(|m| m.to_lowercase() == l))
        .map(|i| i as u8 + 1)
        .or_else(|| french::month_index(&l))
}

fn valid(month: u8, day: u8) -> bool {
    (1..=12).contains(&month) && (1..=31).contains(&day)
}

fn dates(text: &str, lang: &LangTag, marks: &Marks, found: &mut Vec<(usize, usize, u8, Value)>) {
    let p = &*P;
    let mut push = |m: regex::Match, year: Option<i32>, month: u8, day: u8, style| {
        if valid(month, day) {
            found.push((m.start(), m.end(), 1, Value::Date { year, month, day, style }));
        }
    };
    // Each pattern needs a character or word the text may lack: a cheap
    // test first spares most texts most regex passes.
    let iso = captures_if(marks.dash, &p.iso_date, text);
    for c in iso {
        let (y, mo, d) = (c[1].parse().ok(), c[2].parse().unwrap_or(0), c[3].parse().unwrap_or(0));
        push(c.get(0).unwrap(), y, mo, d, DateStyle::Iso);
    }
    let us = lang.as_str() == "en-US";
    let numeric = captures_if(marks.slash, &p.num_date, text);
    for c in numeric {
        let (a, b): (u8, u8) = (c[1].parse().unwrap_or(0), c[2].parse().unwrap_or(0));
        let mut y: i32 = c[3].parse().unwrap_or(0);
        if c[3].len() == 2 {
            y += 2000;
        }
        let (mut month, mut day) = if us { (a, b) } else { (b, a) };
        if !valid(month, day) {
            (month, day) = (day, month);
        }
        push(c.get(0).unwrap(), Some(y), month, day, DateStyle::Numeric);
    }
    let es = captures_if(marks.de, &p.es_date, text);
    for c in es {
        let month = month_index(&c[2]).unwrap_or(0);
        let year = c.get(3).and_then(|y| y.as_str().parse().ok());
        push(c.get(0).unwrap(), year, month, c[1].parse().unwrap_or(0), DateStyle::Textual);
    }
    if !marks.month {
        return;
    }
    for c in p.en_date_mdy.captures_iter(text) {
        let year = c.get(3).and_then(|y| y.as_str().parse().ok());
        push(c.get(0).unwrap(), year, month_index(&c[1]).unwrap_or(0), c[2].parse().unwrap_or(0), DateStyle::Textual);
    }
    for c in p.en_date_dmy.captures_iter(text) {
        let year = c.get(3).and_then(|y| y.as_str().parse().ok());
        push(c.get(0).unwrap(), year, month_index(&c[2]).unwrap_or(0), c[1].parse().unwrap_or(0), DateStyle::Textual);
    }
}

/// Parses a number written in `lang` (see the module doc for the rules):
/// with both `.` and `,` the last one is the decimal mark; a separator that
/// occurs more than once groups; a single separator followed by exactly three
/// digits groups when it is the language's group separator, else it marks
/// decimals.
pub fn parse_number(s: &str, lang: &LangTag) -> Decimal {
    let negative = s.starts_with('-') || s.starts_with('−');
    let body = s.trim_start_matches(['-', '−']);
    let (group, _) = separators(lang);
    // French groups with spaces; a lone `.` before three digits groups too.
    let group = if is_group_space(group) { '.' } else { group };
    let seps: Vec<(usize, char)> = body.char_indices().filter(|(_, c)| *c == '.' || *c == ',').collect();
    let decimal_at = match seps.as_slice() {
        [] => None,
        [(i, c)] => {
            let after = body.len() - i - 1;
            if after == 3 && *c == group {
                None
            } else {
                Some(*i)
            }
        }
        many => {
            let last = many[many.len() - 1];
            if many.iter().any(|(_, c)| *c != last.1) {
                Some(last.0)
            } else {
                None
            }
        }
    };
    let (int_part, frac) = match decimal_at {
        Some(i) => (&body[..i], body[i + 1..].to_string()),
        None => (body, String::new()),
    };
    let int: String = int_part.chars().filter(|c| c.is_ascii_digit()).collect();
    Decimal { negative, grouped: int_part.len() != int.len(), int, frac }
}

impl Decimal {
    /// The number written the way `lang` writes it (group separators only if
    /// the original was grouped).
    pub fn localize(&self, lang: &LangTag) -> String {
        let (group, decimal) = separators(lang);
        let mut out = String::new();
        if self.negative {
            out.push('-');
        }
        let n = self.int.len();
        for (i, c) in self.int.chars().enumerate() {
            if self.grouped && i > 0 && (n - i).is_multiple_of(3) {
                out.push(group);
            }
            out.push(c);
        }
        if !self.frac.is_empty() {
            out.push(decimal);
            out.push_str(&self.frac);
        }
        out
    }

    /// Whether two decimals denote the same number (`1.500` = `1,500` read
    /// in their languages; `2,50` = `2.5`).
    pub fn same_number(&self, other: &Decimal) -> bool {
        let int = |d: &Decimal| d.int.trim_start_matches('0').to_string();
        let frac = |d: &Decimal| d.frac.trim_end_matches('0').to_string();
        self.negative == other.negative && int(self) == int(other) && frac(self) == frac(other)
    }
}

impl Value {
    /// The kind of this value.
    pub fn kind(&self) -> Kind {
        match self {
            Value::Number(_) => Kind::Number,
            Value::Percent(_) => Kind::Percent,
            Value::Ordinal { .. } => Kind::Ordinal,
            Value::Currency { .. } => Kind::Currency,
            Value::Date { .. } => Kind::Date,
            Value::Time { .. } => Kind::Time,
            Value::Url(_) => Kind::Url,
            Value::Email(_) => Kind::Email,
            Value::Code(_) => Kind::Code,
        }
    }

    /// Whether two values are the same quantity, whatever the language they
    /// were written in (dates compare day, month and year; currency compares
    /// the amount, the unit and the scale; ordinals ignore gender).
    pub fn same_value(&self, other: &Value) -> bool {
        match (self, other) {
            (Value::Number(a), Value::Number(b)) | (Value::Percent(a), Value::Percent(b)) => a.same_number(b),
            (Value::Currency { unit: u, amount: a, scale: s }, Value::Currency { unit: v, amount: b, scale: t }) => {
                canonical_unit(u) == canonical_unit(v) && a.same_number(b) && s == t
            }
            (Value::Ordinal { n: a, .. }, Value::Ordinal { n: b, .. }) => a == b,
            (Value::Date { year: y1, month: m1, day: d1, .. }, Value::Date { year: y2, month: m2, day: d2, .. }) => {
                (y1, m1, d1) == (y2, m2, d2)
            }
            (Value::Time { hour: h1, minute: m1, .. }, Value::Time { hour: h2, minute: m2, .. }) => {
                (h1, m1) == (h2, m2)
            }
            (Value::Url(a), Value::Url(b)) | (Value::Email(a), Value::Email(b)) | (Value::Code(a), Value::Code(b)) => {
                a == b
            }
            _ => false,
        }
    }

    /// The value written the way `lang` writes it: numbers with its
    /// separators, `25 %` in Spanish and `25%` in English, ordinals `1.º` /
    /// `1st`, currency `13,98 €` / `€13.98`, dates `12 de marzo de 2024` /
    /// `March 12, 2024` (numeric dates day first, except `en-US`), times
    /// `18:30` (`6:30 p.m.` in English when the source used a.m./p.m.). URLs
    /// e-mail addresses and codes are copied.
    pub fn localize(&self, lang: &LangTag) -> String {
        if lang.language() == "fr" {
            if let Some(s) = french::localize(self) {
                return s;
            }
        }
        let es_like = separators(lang).0 == '.';
        let english = lang.language() == "en";
        match self {
            Value::Number(d) => d.localize(lang),
            Value::Percent(d) if es_like => format!("{} %", d.localize(lang)),
            Value::Percent(d) => format!("{}%", d.localize(lang)),
            Value::Ordinal { n, .. } if english => format!("{n}{}", english_ordinal_suffix(*n)),
            Value::Ordinal { n, feminine } => format!("{n}.{}", if *feminine { 'ª' } else { 'º' }),
            Value::Currency { unit, amount, scale } => {
                let symbol = unit.chars().count() <= 3 && !unit.chars().all(|c| c.is_ascii_uppercase());
                match (es_like, symbol) {
                    (false, true) => format!("{unit}{}{scale}", amount.localize(lang)),
                    _ if !es_like => format!("{unit} {}{scale}", amount.localize(lang)),
                    _ => format!("{}{scale} {unit}", amount.localize(lang)),
                }
            }
            Value::Date { year, month, day, style } => localize_date(*year, *month, *day, *style, lang),
            Value::Time { hour, minute, twelve_hour } if english && *twelve_hour => {
                let h = match hour % 12 {
                    0 => 12,
                    h => h,
                };
                format!("{h}:{minute:02} {}", if *hour >= 12 { "p.m." } else { "a.m." })
            }
            Value::Time { hour, minute, .. } => format!("{hour:02}:{minute:02}"),
            Value::Url(s) | Value::Email(s) | Value::Code(s) => s.clone(),
        }
    }
}

fn canonical_unit(u: &str) -> &str {
    match u {
        "€" | "EUR" => "EUR",
        "$" | "US$" | "USD" => "USD",
        "£" | "GBP" => "GBP",
        other => other,
    }
}

/// `st`, `nd`, `rd` or `th`: the English ordinal suffix of `n`.
fn english_ordinal_suffix(n: u64) -> &'static str {
    match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    }
}

/// A date written the way `written` (a textual date found by [`recognize`]
/// in `lang`, e.g. `6th of February 2011`, `14 July 2012`, `February 6th`,
/// `6 de febrero de 2011`) is written, with `day`, `month` (1–12) and
/// `year` put in: the same order, ordinal suffix, `of`/`de` and commas, so a
/// date substituted into a stored translation keeps that translation's
/// style. `None` when `written` has a year and `year` is `None` or the other
/// way round, or when `written` is not a textual date (the caller then
/// writes the date with [`Value::localize`]).
pub fn rewrite_date_like(written: &str, year: Option<i32>, month: u8, day: u8, lang: &LangTag) -> Option<String> {
    static PARTS: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?-u:\b)(\d{4})(?-u:\b)|(?-u:\b)(\d{1,2})(st|nd|rd|th|er)?(?-u:\b)|\p{L}+").expect("valid pattern")
    });
    let names = match lang.language() {
        "en" => &MONTHS_EN,
        "fr" => &french::MONTHS_FR,
        _ => &MONTHS_ES,
    };
    let m = usize::from(month.checked_sub(1).filter(|m| *m < 12)?);
    let (mut out, mut last) = (String::with_capacity(written.len() + 8), 0);
    let french = lang.language() == "fr";
    let (mut seen_year, mut seen_day, mut seen_month) = (false, false, false);
    for c in PARTS.captures_iter(written) {
        let whole = c.get(0).expect("group 0");
        let new = if c.get(1).is_some() {
            seen_year = true;
            year?.to_string()
        } else if c.get(2).is_some() {
            seen_day = true;
            let suffix = match (french, c.get(3).is_some()) {
                (true, _) if day == 1 => "er",
                (false, true) => english_ordinal_suffix(u64::from(day)),
                _ => "",
            };
            format!("{day}{suffix}")
        } else if month_index(whole.as_str()).is_some() {
            seen_month = true;
            let name = names[m];
            if whole.as_str().starts_with(char::is_uppercase) {
                let mut cs = name.chars();
                cs.next().map(|f| f.to_uppercase().chain(cs).collect()).unwrap_or_default()
            } else {
                name.to_string()
            }
        } else {
            continue;
        };
        out.push_str(&written[last..whole.start()]);
        out.push_str(&new);
        last = whole.end();
    }
    out.push_str(&written[last..]);
    (seen_day && seen_month && seen_year == year.is_some()).then_some(out)
}

fn localize_date(year: Option<i32>, month: u8, day: u8, style: DateStyle, lang: &LangTag) -> String {
    let m = usize::from(month.clamp(1, 12) - 1);
    let english = lang.language() == "en";
    match style {
        DateStyle::Iso => format!("{:04}-{month:02}-{day:02}", year.unwrap_or(0)),
        DateStyle::Numeric => {
            let y = year.unwrap_or(0);
            if lang.as_str() == "en-US" {
                format!("{month}/{day}/{y}")
            } else {
                format!("{day}/{month}/{y}")
            }
        }
        DateStyle::Textual if english => match year {
            Some(y) => format!("{} {day}, {y}", MONTHS_EN[m]),
            None => format!("{} {day}", MONTHS_EN[m]),
        },
        DateStyle::Textual => match year {
            Some(y) => format!("{day} de {} de {y}", MONTHS_ES[m]),
            None => format!("{day} de {}", MONTHS_ES[m]),
        },
    }
}
