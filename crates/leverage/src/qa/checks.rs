//! The per-unit checks. Each takes a source and its translation and returns
//! the message of a finding, or `None` when the pair passes. Placeables
//! (numbers, dates, amounts, URLs, e-mails) come from
//! [`memoria_core::placeable::recognize`], read in each side's language.

use super::Check;
use memoria_core::content::{CodeKind, Content, Inline};
use memoria_core::lang::LangTag;
use memoria_core::normalize::normalize;
use memoria_core::placeable::{recognize, Kind, Placeable, Value};

/// Number words 0–20 (English, Spanish and French) for a number written out on one
/// side and in digits on the other (`twelve months` / `12 meses` / `douze mois`).
const NUMBER_WORDS: &[(&str, u64)] = &[
    ("zero", 0),
    ("one", 1),
    ("two", 2),
    ("three", 3),
    ("four", 4),
    ("five", 5),
    ("six", 6),
    ("seven", 7),
    ("eight", 8),
    ("nine", 9),
    ("ten", 10),
    ("eleven", 11),
    ("twelve", 12),
    ("thirteen", 13),
    ("fourteen", 14),
    ("fifteen", 15),
    ("sixteen", 16),
    ("seventeen", 17),
    ("eighteen", 18),
    ("nineteen", 19),
    ("twenty", 20),
    ("cero", 0),
    ("uno", 1),
    ("una", 1),
    ("dos", 2),
    ("tres", 3),
    ("cuatro", 4),
    ("cinco", 5),
    ("seis", 6),
    ("siete", 7),
    ("ocho", 8),
    ("nueve", 9),
    ("diez", 10),
    ("once", 11),
    ("doce", 12),
    ("trece", 13),
    ("catorce", 14),
    ("quince", 15),
    ("dieciséis", 16),
    ("diecisiete", 17),
    ("dieciocho", 18),
    ("diecinueve", 19),
    ("veinte", 20),
    ("zéro", 0),
    ("un", 1),
    ("une", 1),
    ("deux", 2),
    ("trois", 3),
    ("quatre", 4),
    ("cinq", 5),
    ("sept", 7),
    ("huit", 8),
    ("neuf", 9),
    ("dix", 10),
    ("onze", 11),
    ("douze", 12),
    ("treize", 13),
    ("quatorze", 14),
    ("quinze", 15),
    ("seize", 16),
    ("vingt", 20),
];

fn is_numeric(p: &Placeable) -> bool {
    !matches!(p.kind(), Kind::Url | Kind::Email | Kind::Code)
}

/// The amount of a currency placeable, or the number of a bare number: an
/// amount written with its currency on one side and in words on the other
/// (`13,5 millones de dólares` ↔ `USD 13.5 million`, `€5m` ↔ `5 millones
/// de euros`) pairs by its number.
fn amount(v: &Value) -> Option<&memoria_core::placeable::Decimal> {
    match v {
        Value::Currency { amount, .. } | Value::Number(amount) => Some(amount),
        _ => None,
    }
}

/// Whole numbers a placeable stands for when it is compared part by part: a
/// date's day and year, an ordinal, an integer. `None` for decimals,
/// amounts, percentages and times, which only match as a whole.
fn atoms(v: &Value) -> Option<Vec<u64>> {
    match v {
        Value::Date { year, day, .. } => {
            let mut a = vec![u64::from(*day)];
            if let Some(y) = year {
                a.push(u64::try_from(*y).ok()?);
            }
            Some(a)
        }
        Value::Ordinal { n, .. } => Some(vec![*n]),
        // A whole hour: French writes a time (`17 h`) and a duration (`12 h`) alike.
        Value::Time { hour, minute: 0, .. } => Some(vec![u64::from(*hour)]),
        Value::Number(d) if d.frac.trim_end_matches('0').is_empty() && !d.negative => {
            d.int.parse().ok().map(|n| vec![n])
        }
        _ => None,
    }
}

/// Runs of letters and digits that hold both (`DebConf12`, `6b18`), outside
/// the placeables' spans, lower-cased: names with numbers in them, compared
/// as written.
fn glued(text: &str, placeables: &[Placeable]) -> Vec<String> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices().chain(std::iter::once((text.len(), ' '))) {
        if c.is_alphanumeric() {
            start.get_or_insert(i);
            continue;
        }
        if let Some(s) = start.take() {
            let tok = &text[s..i];
            let inside = placeables.iter().any(|p| s < p.end && i > p.start);
            if !inside && tok.chars().any(|c| c.is_ascii_digit()) && tok.chars().any(char::is_alphabetic) {
                out.push(tok.to_lowercase());
            }
        }
    }
    out
}

/// French numbers written as hyphenated compounds (`soixante-dix langues`,
/// Debian's "About" paragraph, for `70 languages`), and round French numbers.
const FRENCH_COMPOUNDS: &[(&str, u64)] = &[
    ("dix-sept", 17),
    ("dix-huit", 18),
    ("dix-neuf", 19),
    ("trente", 30),
    ("quarante", 40),
    ("cinquante", 50),
    ("soixante", 60),
    ("soixante-dix", 70),
    ("quatre-vingts", 80),
    ("quatre-vingt-dix", 90),
    ("cent", 100),
    ("mille", 1000),
];

/// The numbers `text` writes in words: a hyphenated French compound
/// (`soixante-dix`) as a whole, else each word of [`NUMBER_WORDS`].
fn word_numbers(text: &str) -> Vec<u64> {
    let find = |list: &[(&str, u64)], w: &str| list.iter().find(|(n, _)| *n == w).map(|&(_, v)| v);
    let mut out = Vec::new();
    for token in text.split(|c: char| !c.is_alphabetic() && c != '-') {
        let token = token.trim_matches('-').to_lowercase();
        if let Some(v) = find(FRENCH_COMPOUNDS, &token) {
            out.push(v);
            continue;
        }
        out.extend(token.split('-').filter_map(|w| find(NUMBER_WORDS, w)));
    }
    out
}

/// Removes from `a` and `b` the elements they share (as a multiset).
fn cancel<T: PartialEq>(a: &mut Vec<T>, b: &mut Vec<T>, same: impl Fn(&T, &T) -> bool) {
    let mut i = 0;
    while i < a.len() {
        if let Some(j) = b.iter().position(|y| same(&a[i], y)) {
            a.remove(i);
            b.remove(j);
        } else {
            i += 1;
        }
    }
}

/// Number mismatch ([`Check::NumberMismatch`], an error): the numbers, dates, amounts, percentages,
/// ordinals and times of source and target, read each in its language,
/// must pair up: first as written (`29,000` = `29,000`), then by value
/// (`15.000` es = `15,000` en = `15 000` with the digit groups joined by
/// [`join_digit_groups`], `29 de febrero de 2016` = `February 29, 2016`);
/// left-over dates and ordinals are compared by their day/year numbers
/// (`el 6 de febrero de 2011` = `the 6th of February 2011`), and a number
/// from 0 to 20 may be written as a word on the other side. A name with
/// digits (`DebConf12`) must not turn into the same name with other digits
/// (`DebConf13`); a name on one side only is left alone. When everything of
/// the source pairs up and only the target holds more (a translator adds the
/// year to `14 de julio`, the version to "as Debian 6.0 adds"), the finding
/// is [`Check::NumberAdded`], a warning: nothing of the source was lost or
/// changed.
pub fn numbers(src: &str, from: &LangTag, tgt: &str, to: &LangTag) -> Option<(Check, String)> {
    let (src, tgt) = (&join_digit_groups(src), &join_digit_groups(tgt));
    let sp = recognize(src, from);
    let tp = recognize(tgt, to);
    let (mut sg, mut tg) = (glued(src, &sp), glued(tgt, &tp));
    // Codes (`DebConf12`, `6b18`) compare as written, like the names glued from digits and letters.
    let codes = |ps: &[Placeable]| -> Vec<String> {
        ps.iter().filter(|p| p.kind() == Kind::Code).map(|p| p.text.to_lowercase()).collect()
    };
    sg.extend(codes(&sp));
    tg.extend(codes(&tp));
    let mut s: Vec<Placeable> = sp.into_iter().filter(is_numeric).collect();
    let mut t: Vec<Placeable> = tp.into_iter().filter(is_numeric).collect();
    cancel(&mut s, &mut t, |a, b| a.text == b.text);
    cancel(&mut s, &mut t, |a, b| a.value.same_value(&b.value));
    // An amount with its currency on one side only (`6000 dólares` / `6 000 $`),
    // or written in words on the other (`13,5 millones de dólares` / `USD 13.5 million`).
    cancel(&mut s, &mut t, |a, b| amount(&a.value).zip(amount(&b.value)).is_some_and(|(x, y)| x.same_number(y)));
    cancel(&mut sg, &mut tg, |a, b| a == b);
    // A name on one side only is a choice of wording ("la Conferencia Debian
    // 2013" for "DebConf13"); the same name with other digits is an error.
    let letters = |t: &String| t.chars().filter(|c| c.is_alphabetic()).collect::<String>();
    sg.retain(|a| tg.iter().any(|b| letters(a) == letters(b)));
    tg.retain(|b| sg.iter().any(|a| letters(a) == letters(b)));
    // Part-by-part comparison of what is left.
    let split = |ps: &[Placeable]| -> (Vec<u64>, Vec<String>) {
        let (mut nums, mut whole) = (Vec::new(), Vec::new());
        for p in ps {
            match atoms(&p.value) {
                Some(a) => nums.extend(a),
                None => whole.push(p.text.clone()),
            }
        }
        (nums, whole)
    };
    let (mut sn, sw) = split(&s);
    let (mut tn, tw) = split(&t);
    cancel(&mut sn, &mut tn, |a, b| a == b);
    let (mut s_words, mut t_words) = (word_numbers(src), word_numbers(tgt));
    cancel(&mut sn, &mut t_words, |a, b| a == b);
    cancel(&mut tn, &mut s_words, |a, b| a == b);
    let source_paired = sn.is_empty() && sw.is_empty() && sg.is_empty();
    if source_paired && tn.is_empty() && tw.is_empty() && tg.is_empty() {
        return None;
    }
    let check = if source_paired { Check::NumberAdded } else { Check::NumberMismatch };
    let list = |ps: &[Placeable], g: &[String]| {
        let v: Vec<String> = ps.iter().map(|p| p.text.clone()).chain(g.iter().cloned()).collect();
        if v.is_empty() {
            "nothing".to_string()
        } else {
            v.join(", ")
        }
    };
    // Name what was left over as written; if the part-by-part pass
    // reconciled some, the remaining placeables still show which differ.
    Some((check, format!("source has {} where target has {}", list(&s, &sg), list(&t, &tg))))
}

/// Separators of digit groups other than `.` and `,`: space, no-break space,
/// narrow no-break space and thin space (`12 345`, as the RAE's *Ortografía*
/// (2010) and the SI write numbers of more than four digits).
const GROUP_SEPARATORS: [char; 4] = [' ', '\u{a0}', '\u{202f}', '\u{2009}'];

/// `text` with the digit groups of a number written with spaces joined
/// (`12 345 678` → `12345678`, `1 200` → `1200`): a separator between a run
/// of 1–3 digits (or a group just joined) and exactly three digits not
/// followed by another digit. The number check then reads `12 345` es as
/// one number, equal to `12,345` en, instead of `12` and `345`.
pub fn join_digit_groups(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let (mut run, mut joined) = (0usize, false);
    for (i, &c) in chars.iter().enumerate() {
        if c.is_ascii_digit() {
            run += 1;
        } else {
            let next3 = chars.get(i + 1..i + 4).is_some_and(|g| g.iter().all(char::is_ascii_digit));
            let after = chars.get(i + 4).is_none_or(|d| !d.is_ascii_digit());
            let left_ok = if joined { run == 3 } else { (1..=3).contains(&run) };
            let before_run = i.checked_sub(run + 1).map(|j| chars[j]);
            let starts_clean = joined || before_run.is_none_or(|b| !b.is_ascii_digit() && b != '.' && b != ',');
            if GROUP_SEPARATORS.contains(&c) && next3 && after && left_ok && starts_clean {
                joined = true;
                run = 0;
                continue;
            }
            run = 0;
            joined = false;
        }
        out.push(c);
    }
    out
}

/// URL and e-mail mismatches (errors): every URL (e-mail address) of the
/// source must be in the target and vice versa; URLs compare as written
/// (`http` ≠ `https`) except for a final `/`, e-mail addresses without case.
pub fn links(src: &str, from: &LangTag, tgt: &str, to: &LangTag) -> (Option<String>, Option<String>) {
    let pick = |text: &str, lang: &LangTag, kind: Kind| -> Vec<String> {
        recognize(text, lang)
            .into_iter()
            .filter(|p| p.kind() == kind)
            .map(|p| match p.value {
                Value::Url(u) => u.trim_end_matches('/').to_string(),
                Value::Email(e) => e.to_lowercase(),
                _ => p.text,
            })
            .collect()
    };
    let diff = |kind: Kind, what: &str| {
        let (mut s, mut t) = (pick(src, from, kind), pick(tgt, to, kind));
        cancel(&mut s, &mut t, |a, b| a == b);
        if s.is_empty() && t.is_empty() {
            return None;
        }
        let show = |v: &[String]| if v.is_empty() { "none".to_string() } else { v.join(", ") };
        Some(format!("{what} differ: source has {}, target has {}", show(&s), show(&t)))
    };
    (diff(Kind::Url, "URLs"), diff(Kind::Email, "e-mail addresses"))
}

/// Whether `text` is only placeables and at most one word (`X.Org 7.5`,
/// `ftp://ftp.debian.org`, `2016`): such segments are rightly left as they
/// are. A word is a white-space-separated token holding a letter and no
/// digit (`6b18` is a version, not a word).
pub fn placeable_only(text: &str, lang: &LangTag) -> bool {
    let mut rest = String::with_capacity(text.len());
    let mut at = 0;
    for p in recognize(text, lang) {
        rest.push_str(&text[at..p.start]);
        rest.push(' ');
        at = p.end;
    }
    rest.push_str(&text[at..]);
    rest.split_whitespace()
        .filter(|w| w.chars().any(char::is_alphabetic) && !w.chars().any(|c| c.is_ascii_digit()))
        .count()
        <= 1
}

/// Target same as source (warning): the translation is the source text
/// unchanged (compared as the TM normalises text), unless the source is
/// [`placeable_only`].
pub fn same_as_source(src: &str, from: &LangTag, tgt: &str) -> Option<String> {
    (normalize(src) == normalize(tgt) && !placeable_only(src, from))
        .then(|| "the target is the source text, untranslated".to_string())
}

/// White space (warning): leading or trailing white space of the target
/// that the source lacks (or the reverse), or double spaces in the target
/// where the source has none.
pub fn whitespace(src: &str, tgt: &str) -> Option<String> {
    let mut what = Vec::new();
    let lead = |s: &str| s.starts_with(char::is_whitespace);
    let trail = |s: &str| s.ends_with(char::is_whitespace);
    let double = |s: &str| {
        let c: Vec<char> = s.chars().collect();
        c.windows(2).any(|w| w[0].is_whitespace() && w[1].is_whitespace() && w[0] != '\n' && w[1] != '\n')
    };
    if lead(src) != lead(tgt) {
        what.push(if lead(tgt) { "leading space in the target" } else { "leading space of the source missing" });
    }
    if trail(src) != trail(tgt) {
        what.push(if trail(tgt) { "trailing space in the target" } else { "trailing space of the source missing" });
    }
    if double(tgt) && !double(src) {
        what.push("double space in the target");
    }
    (!what.is_empty()).then(|| what.join("; "))
}

/// The final punctuation of `s` after closing quotes and brackets: one of
/// `. ! ? : ; …` (`...` counts as `…`), or `None`.
pub fn end_mark(s: &str) -> Option<char> {
    let t = s.trim_end().trim_end_matches(['"', '\'', '”', '’', '»', '›', ')', ']', '}']).trim_end();
    if t.ends_with("...") {
        return Some('…');
    }
    t.chars().last().filter(|c| matches!(c, '.' | '!' | '?' | ':' | ';' | '…'))
}

/// End punctuation (warning): source and target must end with the same mark
/// ([`end_mark`]), wherever the closing quotes stand (`».` ≡ `.”`).
pub fn end_punctuation(src: &str, tgt: &str) -> Option<String> {
    let (a, b) = (end_mark(src), end_mark(tgt));
    let show = |c: Option<char>| c.map_or("no punctuation".to_string(), |c| format!("«{c}»"));
    (a != b).then(|| format!("source ends with {}, target with {}", show(a), show(b)))
}

/// Inline codes by kind: `[bpt, ept, it, ph (ph/ut/sub/other), hi]`.
fn code_counts(c: &Content) -> [usize; 5] {
    let mut n = [0; 5];
    fn walk(items: &[Inline], n: &mut [usize; 5]) {
        for it in items {
            if let Inline::Code(c) = it {
                let k = match c.kind {
                    CodeKind::Bpt => 0,
                    CodeKind::Ept => 1,
                    CodeKind::It => 2,
                    CodeKind::Hi => 4,
                    _ => 3,
                };
                n[k] += 1;
                if c.kind == CodeKind::Hi {
                    walk(&c.content, n);
                }
            }
        }
    }
    walk(&c.items, &mut n);
    n
}

/// Inline tag mismatch (error): source and target must hold as many inline
/// codes of each kind (paired begin/end, isolated, placeholder, highlight).
pub fn tags(src: &Content, tgt: &Content) -> Option<String> {
    let (a, b) = (code_counts(src), code_counts(tgt));
    let show = |n: [usize; 5]| {
        let names = ["begin", "end", "isolated", "placeholder", "highlight"];
        let parts: Vec<String> =
            n.iter().zip(names).filter(|(k, _)| **k > 0).map(|(k, name)| format!("{k} {name}")).collect();
        if parts.is_empty() {
            "no inline codes".to_string()
        } else {
            parts.join(", ")
        }
    };
    (a != b).then(|| format!("source has {}, target has {}", show(a), show(b)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn es() -> LangTag {
        LangTag::new("es").unwrap()
    }
    fn en() -> LangTag {
        LangTag::new("en").unwrap()
    }

    #[test]
    fn a_currency_written_differently_is_no_number_mismatch() {
        let (es, en) = (LangTag::new("es").unwrap(), LangTag::new("en").unwrap());
        assert_eq!(numbers("Recaudó 13,5 millones de dólares.", &es, "It raised USD 13.5 million.", &en), None);
        assert_eq!(numbers("Invirtió 5 millones de euros.", &es, "It invested €5m.", &en), None);
        assert_eq!(numbers("Cuesta 20 dólares.", &es, "It costs $20.", &en), None);
        // A different amount is still a mismatch.
        assert_eq!(
            numbers("Invirtió 6 millones de euros.", &es, "It invested €5m.", &en).map(|f| f.0),
            Some(Check::NumberMismatch)
        );
        // A name with other digits too (a code now).
        assert_eq!(
            numbers("La DebConf12 empieza.", &es, "DebConf13 starts.", &en).map(|f| f.0),
            Some(Check::NumberMismatch)
        );
    }

    #[test]
    fn numbers_compare_by_value_in_each_notation() {
        assert_eq!(numbers("Hay 1.200 paquetes.", &es(), "There are 1,200 packages.", &en()), None);
        assert_eq!(numbers("Subió un 13,5 %.", &es(), "It rose 13.5%.", &en()), None);
        assert!(numbers("Hay 1.200 paquetes.", &es(), "There are 1,300 packages.", &en()).is_some());
    }

    #[test]
    fn digit_groups_written_with_spaces_are_one_number() {
        assert_eq!(join_digit_groups("Hay 12 345 678 paquetes y 1 200 más."), "Hay 12345678 paquetes y 1200 más.");
        assert_eq!(join_digit_groups("Hay 12\u{a0}345 y 12\u{202f}345."), "Hay 12345 y 12345.");
        // Not groups: four digits before, a fourth digit after, a decimal part before.
        assert_eq!(
            join_digit_groups("En 2016 200 personas; 12 3456; 3,5 100"),
            "En 2016 200 personas; 12 3456; 3,5 100"
        );
        assert_eq!(join_digit_groups("Del 1 al 5 de mayo de 2016."), "Del 1 al 5 de mayo de 2016.");
        for s in ["Hay 12 345 paquetes.", "Hay 12\u{a0}345 paquetes.", "Hay 1 200 paquetes."] {
            let t = if s.contains("1 200") { "There are 1,200 packages." } else { "There are 12,345 packages." };
            assert_eq!(numbers(s, &es(), t, &en()), None, "{s}");
        }
        assert_eq!(
            numbers("Hay 12 345 paquetes.", &es(), "There are 12,346 packages.", &en()),
            Some((Check::NumberMismatch, "source has 12345 where target has 12,346".into()))
        );
    }

    #[test]
    fn dates_ordinals_and_number_words_reconcile() {
        let s = "El proyecto publicó Debian 6.0 el 6 de febrero de 2011.";
        let t = "The project released Debian 6.0 on the 6th of February 2011.";
        assert_eq!(numbers(s, &es(), t, &en()), None);
        assert_eq!(numbers("Se decidirá en 12 meses.", &es(), "It will be decided in twelve months.", &en()), None);
    }

    #[test]
    fn names_with_digits_must_match() {
        let m = numbers("Felicitó a la DebConf12.", &es(), "Congratulates DebConf13.", &en()).unwrap();
        assert_eq!(m, (Check::NumberMismatch, "source has debconf12 where target has debconf13".into()));
        assert_eq!(numbers("La Conferencia Debian 2013.", &es(), "DebConf13, the conference of 2013.", &en()), None);
    }

    #[test]
    fn a_number_only_the_target_holds_is_added_not_mismatched() {
        // debian-2011-squeeze-released, line 35; debian-2012-debconf13-switzerland, line 10.
        let (s, t) = (
            "Su cobertura se ha incrementado agregando Debian GIS.",
            "Their coverage has increased as Debian 6.0 adds Debian GIS.",
        );
        assert_eq!(
            numbers(s, &es(), t, &en()),
            Some((Check::NumberAdded, "source has nothing where target has 6.0".into()))
        );
        let m = numbers("Cerrará el 14 de julio.", &es(), "It closes on 14 July 2012.", &en()).unwrap();
        assert_eq!(m, (Check::NumberAdded, "source has 14 de julio where target has 14 July 2012".into()));
        // Dropped from the target, or changed: still a mismatch.
        assert_eq!(numbers(t, &en(), s, &es()).map(|m| m.0), Some(Check::NumberMismatch));
        assert_eq!(
            numbers("Cerrará el 14 de julio de 2013.", &es(), "It closes on 14 July 2012.", &en()).map(|m| m.0),
            Some(Check::NumberMismatch)
        );
    }

    #[test]
    fn french_numbers_dates_and_times_compare_by_value() {
        let fr = LangTag::new("fr").unwrap();
        // releases-more/debian-2011-18th-birthday: 35 000 with a space; a no-break and a narrow one too.
        for n in ["35 000", "35\u{a0}000", "35\u{202f}000"] {
            let t = format!("plus de {n} paquets binaires");
            assert_eq!(numbers("more than 35,000 binary packages", &en(), &t, &fr), None, "{t}");
        }
        assert_eq!(numbers("Subió un 1.234,5 %.", &es(), "Il a augmenté de 1 234,5 %.", &fr), None);
        assert_eq!(numbers("el 3 de diciembre de 2024", &es(), "le 3 décembre 2024", &fr), None);
        assert_eq!(numbers("on January 1st", &en(), "le 1er janvier", &fr), None);
        assert_eq!(numbers("a las 12:30", &es(), "à 12 h 30", &fr), None);
        assert_eq!(numbers("at 16:00 UTC", &en(), "à 16 h UTC", &fr), None);
        assert_eq!(numbers("el 17.º aniversario", &es(), "le 17e anniversaire", &fr), None);
        assert_eq!(numbers("in twelve months", &en(), "dans 12 mois", &fr), None);
        assert_eq!(numbers("una donación de 6000 dólares", &es(), "un don de 6000 $", &fr), None);
        // Debian's "About" paragraph: "Available in 70 languages" / "Traduite en soixante-dix langues".
        assert_eq!(numbers("Available in 70 languages.", &en(), "Traduite en soixante-dix langues.", &fr), None);
        assert!(numbers("Available in 80 languages.", &en(), "Traduite en soixante-dix langues.", &fr).is_some());
        assert_eq!(numbers("le 12 h 30", &fr, "at 12:45", &en()).map(|m| m.0), Some(Check::NumberMismatch));
        assert_eq!(
            numbers("plus de 35 000 paquets", &fr, "more than 36,000 packages", &en()).map(|m| m.0),
            Some(Check::NumberMismatch)
        );
    }

    #[test]
    fn end_marks_ignore_closing_quotes() {
        assert_eq!(end_mark("el «sistema operativo universal»."), Some('.'));
        assert_eq!(end_mark("the “universal operating system.”"), Some('.'));
        assert_eq!(end_punctuation("¿Listo?", "Ready?"), None);
        assert!(end_punctuation("Hola.", "Hello").is_some());
    }

    #[test]
    fn whitespace_differences_are_named() {
        assert_eq!(whitespace("Hola.", "Hello. "), Some("trailing space in the target".into()));
        assert_eq!(whitespace("Hola, mundo.", "Hello,  world."), Some("double space in the target".into()));
        assert_eq!(whitespace("Hola.", "Hello."), None);
    }

    #[test]
    fn name_and_version_is_placeable_only() {
        assert!(placeable_only("X.Org 7.5", &es()));
        assert!(placeable_only("https://www.debian.org/", &es()));
        assert!(placeable_only("OpenJDK 6b18", &es()));
        assert!(!placeable_only("About Hewlett Packard Enterprise", &es()));
    }
}
