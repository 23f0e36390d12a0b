//! Tests of placeable recognition and localisation.
use super::*;

proptest::proptest! {
    /// The digit-holding code pattern finds the same spans as the plain
    /// token pattern's matches that hold a digit.
    #[test]
    fn code_tokens_are_the_digit_holding_tokens(s in "[0-9a-cA-C_.\\- ]{0,24}") {
        static TOKEN: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(r"(?-u:\b)[A-Za-z0-9]+(?:[-_.][A-Za-z0-9]+)*(?-u:\b)").unwrap()
        });
        let want: Vec<(usize, usize)> = TOKEN
            .find_iter(&s)
            .filter(|m| m.as_str().bytes().any(|b| b.is_ascii_digit()))
            .map(|m| (m.start(), m.end()))
            .collect();
        let got: Vec<(usize, usize)> = P.code.find_iter(&s).map(|m| (m.start(), m.end())).collect();
        proptest::prop_assert_eq!(got, want);
    }

    /// The DFA-only number scan finds exactly what the capturing
    /// pattern it replaced finds.
    #[test]
    fn numbers_are_what_the_capturing_pattern_finds(s in "[0-9a-zé_.,\\- −²\u{301}]{0,24}") {
        static REFERENCE: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(&format!(r"(?:^|[^\w.,])({NUM})(?-u:\b)|^({NUM})(?-u:\b)")).unwrap()
        });
        let want: Vec<(usize, usize)> = REFERENCE
            .captures_iter(&s)
            .map(|c| c.get(1).or(c.get(2)).map(|m| (m.start(), m.end())).unwrap())
            .collect();
        let got: Vec<(usize, usize)> = numbers(&P.number, &s).map(|m| (m.start(), m.end())).collect();
        proptest::prop_assert_eq!(got, want);
    }
}

fn es() -> LangTag {
    LangTag::new("es").unwrap()
}
fn en() -> LangTag {
    LangTag::new("en").unwrap()
}
fn texts(s: &str, l: &LangTag) -> Vec<(String, Kind)> {
    recognize(s, l).into_iter().map(|p| (p.text.clone(), p.kind())).collect()
}

#[test]
fn spanish_and_english_number_formats_parse_to_the_same_value() {
    let a = parse_number("1.500,25", &es());
    let b = parse_number("1,500.25", &en());
    assert!(a.same_number(&b));
    assert_eq!((a.int.as_str(), a.frac.as_str(), a.grouped), ("1500", "25", true));
    assert_eq!(parse_number("2.6", &es()).frac, "6");
    assert_eq!(parse_number("1.500", &es()).int, "1500");
    assert_eq!(parse_number("1.500", &en()).frac, "500");
    assert_eq!(parse_number("1,234,567", &es()).int, "1234567");
}

#[test]
fn numbers_are_localised_into_the_target_language() {
    let v = |s: &str| recognize(s, &es()).remove(0).value;
    assert_eq!(v("13,98").localize(&en()), "13.98");
    assert_eq!(v("1.234.567").localize(&en()), "1,234,567");
    assert_eq!(v("5000").localize(&en()), "5000");
    assert_eq!(v("25 %").localize(&en()), "25%");
    assert_eq!(v("1.º").localize(&en()), "1st");
    assert_eq!(v("22.ª").localize(&en()), "22nd");
    let from_en = recognize("It grew 3.1% to $1,500.50", &en());
    assert_eq!(from_en[0].value.localize(&es()), "3,1 %");
    assert_eq!(from_en[1].value.localize(&es()), "1.500,50 $");
}

#[test]
fn kinds_are_recognised_in_order() {
    let s = "El 12 de marzo de 2024 a las 18:30, visite https://debian.org/news. o escriba a press@debian.org: 2.ª edición, 1.500 € y 25 %.";
    assert_eq!(
        texts(s, &es()),
        vec![
            ("12 de marzo de 2024".into(), Kind::Date),
            ("18:30".into(), Kind::Time),
            ("https://debian.org/news".into(), Kind::Url),
            ("press@debian.org".into(), Kind::Email),
            ("2.ª".into(), Kind::Ordinal),
            ("1.500 €".into(), Kind::Currency),
            ("25 %".into(), Kind::Percent),
        ]
    );
}

#[test]
fn dates_and_times_localise() {
    let d = recognize("12 de marzo de 2024", &es()).remove(0).value;
    assert_eq!(d.localize(&en()), "March 12, 2024");
    let d = recognize("el 03/04/2011", &es()).remove(0).value;
    assert_eq!(d.localize(&LangTag::new("en-US").unwrap()), "4/3/2011");
    let t = recognize("at 6:30 pm", &en()).remove(0).value;
    assert_eq!(t.localize(&es()), "18:30");
    assert!(t.same_value(&recognize("a las 18:30", &es())[0].value));
}

#[test]
fn english_day_first_dates_with_ordinal_and_of_are_dates() {
    // debian-2012-lenny-security-end.en.txt: "on the 6th of February 2011".
    let d = recognize("on the 6th of February 2011.", &en()).remove(0);
    assert_eq!((d.text.as_str(), d.kind()), ("6th of February 2011", Kind::Date));
    assert!(d.value.same_value(&recognize("el 6 de febrero de 2011", &es())[0].value));
    assert_eq!(recognize("on 14 July, 2012", &en())[0].text, "14 July, 2012");
}

#[test]
fn a_date_rewritten_like_another_keeps_its_order_suffix_and_words() {
    let en = en();
    assert_eq!(rewrite_date_like("6th of February 2011", Some(2013), 5, 4, &en).unwrap(), "4th of May 2013");
    assert_eq!(rewrite_date_like("6th of February 2011", Some(2013), 5, 22, &en).unwrap(), "22nd of May 2013");
    assert_eq!(rewrite_date_like("14 July 2012", Some(2012), 7, 1, &en).unwrap(), "1 July 2012");
    assert_eq!(rewrite_date_like("February 6th", None, 3, 3, &en).unwrap(), "March 3rd");
    assert_eq!(rewrite_date_like("February 29, 2016", Some(2017), 11, 1, &en).unwrap(), "November 1, 2017");
    assert_eq!(rewrite_date_like("6 de febrero de 2011", Some(2012), 4, 26, &es()).unwrap(), "26 de abril de 2012");
    assert_eq!(rewrite_date_like("6 de Febrero", None, 8, 5, &es()).unwrap(), "5 de Agosto");
    // A year on one side only: the caller writes the date in the default style.
    assert_eq!(rewrite_date_like("February 6th", Some(2012), 2, 6, &en), None);
    assert_eq!(rewrite_date_like("14 July 2012", None, 7, 1, &en), None);
    assert_eq!(rewrite_date_like("2012-07-14", Some(2012), 7, 1, &en), None);
}

#[test]
fn text_without_placeables_gives_none() {
    assert!(recognize("El proyecto Debian anuncia su nueva versión.", &es()).is_empty());
    assert_eq!(texts("versión 6.0.", &es()), vec![("6.0".into(), Kind::Number)]);
}

fn fr() -> LangTag {
    LangTag::new("fr").unwrap()
}

#[test]
fn french_numbers_group_with_any_space_and_localise_with_a_narrow_no_break_space() {
    for s in ["1 234,5", "1\u{a0}234,5", "1\u{202f}234,5"] {
        let p = recognize(&format!("soit {s} Go"), &fr());
        assert_eq!(p.len(), 1, "{s}");
        assert_eq!((p[0].text.as_str(), p[0].kind()), (s, Kind::Number));
        assert_eq!(p[0].value.localize(&en()), "1,234.5");
        assert_eq!(p[0].value.localize(&es()), "1.234,5");
    }
    let from_en = recognize("35,000 packages, 13.98% and 2.6", &en());
    assert_eq!(from_en[0].value.localize(&fr()), "35\u{202f}000");
    assert_eq!(from_en[1].value.localize(&fr()), "13,98\u{a0}%");
    assert_eq!(from_en[2].value.localize(&fr()), "2,6");
    // A TM whose French has plain spaces keeps them.
    assert_eq!(spaced_like(&from_en[0].value.localize(&fr()), "12 000"), "35 000");
    // Versions stay what they are: one number with a decimal point.
    assert_eq!(
        texts("Debian 6.0 et 3 000 paquets", &fr()),
        vec![("6.0".into(), Kind::Number), ("3 000".into(), Kind::Number)]
    );
}

#[test]
fn french_dates_times_and_ordinals_are_read_and_written() {
    let p = recognize("Le 3 décembre 2024 à 12 h 30, puis le 1er janvier vers 17 h.", &fr());
    let t: Vec<(&str, Kind)> = p.iter().map(|p| (p.text.as_str(), p.kind())).collect();
    assert_eq!(
        t,
        vec![
            ("3 décembre 2024", Kind::Date),
            ("12 h 30", Kind::Time),
            ("1er janvier", Kind::Date),
            ("17 h", Kind::Time)
        ]
    );
    assert_eq!(p[0].value.localize(&en()), "December 3, 2024");
    assert_eq!(p[0].value.localize(&es()), "3 de diciembre de 2024");
    assert_eq!(p[1].value.localize(&en()), "12:30");
    assert_eq!(p[2].value.localize(&en()), "January 1");
    let es_date = recognize("el 1 de marzo de 2025 a las 18:05", &es());
    assert_eq!(es_date[0].value.localize(&fr()), "1er mars 2025");
    assert_eq!(es_date[1].value.localize(&fr()), "18\u{a0}h\u{a0}05");
    assert_eq!(recognize("À 04 : 30 UTC", &fr())[0].value.localize(&en()), "04:30");
    assert_eq!(recognize("13h30", &fr())[0].value.localize(&es()), "13:30");
    let o = recognize("le 17e anniversaire, la 1re fois, le 5ème", &fr());
    assert_eq!(o.iter().map(|p| p.value.localize(&en())).collect::<Vec<_>>(), vec!["17th", "1st", "5th"]);
    assert_eq!(recognize("el 1.º", &es())[0].value.localize(&fr()), "1er");
    assert_eq!(recognize("22nd", &en())[0].value.localize(&fr()), "22e");
    // A French date substituted into a stored French translation keeps its style.
    assert_eq!(rewrite_date_like("12 mars 2024", Some(2025), 1, 1, &fr()).unwrap(), "1er janvier 2025");
    assert_eq!(rewrite_date_like("1er janvier", None, 8, 15, &fr()).unwrap(), "15 août");
}

#[test]
fn french_roman_ordinals_are_ordinals_and_le_ce_are_words() {
    let p = recognize("Le XXIe siècle. Ce Ve sommet, 2e édition.", &fr());
    let got: Vec<(&str, String)> = p.iter().map(|p| (p.text.as_str(), p.value.localize(&en()))).collect();
    assert_eq!(got, vec![("XXIe", "21st".into()), ("Ve", "5th".into()), ("2e", "2nd".into())]);
}

#[test]
fn ordinals_written_every_way_are_ordinals() {
    let n = |s: &str, l: &LangTag| match recognize(s, l).remove(0).value {
        Value::Ordinal { n, .. } => n,
        other => panic!("{s}: {other:?}"),
    };
    assert_eq!(n("el 3º congreso", &es()), 3);
    assert_eq!(n("el 1.er trimestre", &es()), 1);
    assert_eq!(n("el 3er puesto", &es()), 3);
    assert_eq!(n("la 18° edición", &es()), 18);
    assert_eq!(n("the 1st quarter", &en()), 1);
    assert_eq!(n("the 10th edition", &en()), 10);
    assert_eq!(texts("a 18 °C", &es()), vec![("18".into(), Kind::Number)]);
    assert_eq!(recognize("el 1.er trimestre", &es())[0].value.localize(&en()), "1st");
}

#[test]
fn alphanumeric_codes_and_versions_are_codes() {
    let codes = |s: &str| -> Vec<String> {
        recognize(s, &es()).into_iter().filter(|p| p.kind() == Kind::Code).map(|p| p.text).collect()
    };
    assert_eq!(codes("La red 5G y la oferta 3x2 contra la COVID-19."), ["5G", "3x2", "COVID-19"]);
    assert_eq!(
        codes("PCs (i386, amd64) con Linux 2.6.32 y DebConf16, FHS v2.3."),
        ["i386", "amd64", "2.6.32", "DebConf16", "v2.3"]
    );
    // Not codes: grouped numbers, ordinals, a number and a word.
    assert!(codes("1.234.567 personas, el 1st y el 3er, PCs de 32-bit, 6.0").is_empty());
    let v = recognize("COVID-19", &es()).remove(0).value;
    assert_eq!(v.localize(&en()), "COVID-19");
    assert!(!v.same_value(&Value::Code("COVID-20".into())));
}

#[test]
fn numbers_in_ranges_and_lists_are_numbers_each() {
    let nums = |s: &str| -> Vec<String> { recognize(s, &es()).into_iter().map(|p| p.text).collect() };
    assert_eq!(nums("de 2010-2012"), ["2010", "2012"]);
    assert_eq!(nums("los puntos 1,2,3"), ["1", "2", "3"]);
    assert_eq!(nums("los días 5, 6 y 7"), ["5", "6", "7"]);
    assert_eq!(nums("entre 10 y 15 %"), ["10", "15 %"]);
    // A decimal stays one number.
    assert_eq!(nums("subió 2,5 puntos"), ["2,5"]);
}
