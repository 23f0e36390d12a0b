//! Behaviour of the default rules and the two passes together.

use super::*;

fn split(lang: &str, text: &str) -> Vec<String> {
    let s = SegmenterBuilder::new(LangTag::new(lang).unwrap()).build().unwrap();
    s.segment(text).iter().map(|g| g.text(text).to_string()).collect()
}

#[test]
fn two_sentences_on_one_line() {
    assert_eq!(split("en", "Hello World. My name is Jonas."), ["Hello World.", "My name is Jonas."]);
}

#[test]
fn title_abbreviation_does_not_end_sentence() {
    assert_eq!(split("es", "El Sr. Pérez llegó. Luego habló."), ["El Sr. Pérez llegó.", "Luego habló."]);
    assert_eq!(split("es", "La Dra. Martínez y el Lic. García."), ["La Dra. Martínez y el Lic. García."]);
}

#[test]
fn each_block_is_a_paragraph() {
    let text = "Titular\n\nPrimera frase. Segunda.\n";
    let s = SegmenterBuilder::new(LangTag::new("es").unwrap()).build().unwrap();
    let segs = s.segment(text);
    assert_eq!(segs.iter().map(|g| g.paragraph).collect::<Vec<_>>(), [0, 1, 1]);
    assert_eq!(segs[2].text(text), "Segunda.");
    assert_eq!((segs[1].start, segs[1].end), (9, 23));
}

#[test]
fn acronym_ends_sentence_only_before_a_sentence_starter() {
    assert_eq!(split("en", "I live in the U.S. How about you?"), ["I live in the U.S.", "How about you?"]);
    assert_eq!(
        split("en", "I work for the U.S. Government in Virginia."),
        ["I work for the U.S. Government in Virginia."]
    );
    assert_eq!(
        split("es", "Agradece el apoyo de los EE. UU. Su contribución salva vidas."),
        ["Agradece el apoyo de los EE. UU.", "Su contribución salva vidas."]
    );
}

#[test]
fn number_prefix_and_inline_abbreviations_do_not_break() {
    assert_eq!(
        split("en", "Vol. 2 of the report is out. It is long."),
        ["Vol. 2 of the report is out.", "It is long."]
    );
    assert_eq!(split("en", "It costs approx. USD 5 incl. VAT today."), ["It costs approx. USD 5 incl. VAT today."]);
    assert_eq!(
        split("es", "Lo pidió en el oficio ord. Nº 916, de 3 de octubre."),
        ["Lo pidió en el oficio ord. Nº 916, de 3 de octubre."]
    );
}

#[test]
fn decimals_urls_and_emails_stay_whole() {
    assert_eq!(
        split(
            "es",
            "Según la ONU, el 13,98 % desea regresar. Escriba a ana.Perez@iom.int o visite www.iom.int/Es.Hoy mismo."
        ),
        ["Según la ONU, el 13,98 % desea regresar.", "Escriba a ana.Perez@iom.int o visite www.iom.int/Es.Hoy mismo."]
    );
}

#[test]
fn stop_before_closing_quote_belongs_to_the_sentence() {
    assert_eq!(
        split("en", "She said, \"This is great.\" She left. (It was late.) Then he came."),
        ["She said, \"This is great.\"", "She left.", "(It was late.)", "Then he came."]
    );
}

#[test]
fn spanish_questions_and_exclamations() {
    assert_eq!(split("es", "Pablo, ¿adónde vas? ¡¿Qué viste?!"), ["Pablo, ¿adónde vas?", "¡¿Qué viste?!"]);
}

#[test]
fn hard_wrapped_release_with_heading_and_contacts() {
    let text = "Aid Reaches Flooded Villages\nGENEVA – IOM delivered aid to 12,000 people in the flooded villages\nof the north this week. Dr. Amina Yusuf said the needs remain\nhuge.\nFor more information, please contact:\nJane Doe\nTel: +41 22 000 0000";
    assert_eq!(
        split("en", text),
        [
            "Aid Reaches Flooded Villages",
            "GENEVA – IOM delivered aid to 12,000 people in the flooded villages\nof the north this week.",
            "Dr. Amina Yusuf said the needs remain\nhuge.",
            "For more information, please contact:",
            "Jane Doe",
            "Tel: +41 22 000 0000",
        ]
    );
}

#[test]
fn user_rules_replace_the_defaults() {
    let xml = r#"<srx version="2.0"><header cascade="no"/><body><languagerules>
        <languagerule languagerulename="all"><rule break="yes"><beforebreak>;</beforebreak><afterbreak>\s</afterbreak></rule></languagerule>
        </languagerules><maprules><languagemap languagepattern=".*" languagerulename="all"/></maprules></body></srx>"#;
    let srx = Srx::parse(xml, "semi.srx").unwrap();
    let s = SegmenterBuilder::new(LangTag::new("en").unwrap()).rules(srx).build().unwrap();
    let text = "One. Two; three.";
    let got: Vec<&str> = s.segment(text).iter().map(|g| g.text(text)).collect();
    assert_eq!(got, ["One. Two;", "three."]);
}

#[test]
fn default_rules_compile_for_every_shipped_language() {
    for lang in ["en", "es", "fr", "pt", "de", "it", "es-AR", "en-GB"] {
        assert!(SegmenterBuilder::new(LangTag::new(lang).unwrap()).build().is_ok(), "{lang}");
    }
}

#[test]
fn etc_before_a_capital_ends_the_sentence() {
    assert_eq!(
        split("es", "Se podrán encontrar accesorios, recambios, miniaturas, etc. Cientos de artículos esperan."),
        ["Se podrán encontrar accesorios, recambios, miniaturas, etc.", "Cientos de artículos esperan."]
    );
    assert_eq!(
        split("es", "Se distribuyeron mantas, kits, etc. a más de 5.000 familias."),
        ["Se distribuyeron mantas, kits, etc. a más de 5.000 familias."]
    );
    assert_eq!(
        split("en", "They brought blankets, kits, etc. Hundreds more are waiting."),
        ["They brought blankets, kits, etc.", "Hundreds more are waiting."]
    );
}

#[test]
fn spaced_time_abbreviations_stay_whole_and_may_end_a_sentence() {
    // FLORES devtest (es), lines 135-138.
    assert_eq!(
        split(
            "es",
            "Hubo un incendio entre las 10:00 y 11:00 p. m. MDT. Extinguieron el fuego a las 11:35 p. m. Con la presa se frenaron las inundaciones."
        ),
        [
            "Hubo un incendio entre las 10:00 y 11:00 p. m. MDT.",
            "Extinguieron el fuego a las 11:35 p. m.",
            "Con la presa se frenaron las inundaciones."
        ]
    );
}

#[test]
fn one_letter_unit_after_a_number_is_no_list_marker() {
    // FLORES devtest (es), lines 738-739.
    assert_eq!(
        split("es", "Los autobuses salen entre las 6:30 y las 7:30 h. Debido a que van llenos, conviene reservar."),
        ["Los autobuses salen entre las 6:30 y las 7:30 h.", "Debido a que van llenos, conviene reservar."]
    );
    assert_eq!(split("en", "The wall is 5 m. high."), ["The wall is 5 m. high."]);
    // Inline list markers still split.
    assert_eq!(split("en", "Two goals: a. Shelter b. Health"), ["Two goals: a. Shelter", "b. Health"]);
}

#[test]
fn era_abbreviations_stay_whole() {
    assert_eq!(
        split("es", "La ciudad fue fundada en el año 300 a. C. La OIM trabaja allí desde 1990 d. C. y sigue."),
        ["La ciudad fue fundada en el año 300 a. C.", "La OIM trabaja allí desde 1990 d. C. y sigue."]
    );
}

#[test]
fn number_closing_a_parenthesis_is_no_list_marker() {
    assert_eq!(
        split("es", "Los datos muestran un aumento. (Véase el gráfico 2.) El informe completo está en línea."),
        ["Los datos muestran un aumento.", "(Véase el gráfico 2.)", "El informe completo está en línea."]
    );
    assert_eq!(split("en", "1.) The first item 2.) The second item"), ["1.) The first item", "2.) The second item"]);
}

#[test]
fn quoted_official_speaking_in_the_first_person_starts_a_sentence_after_ee_uu() {
    // FLORES devtest (es), line 1484.
    assert_eq!(
        split("es", "Todos van muy por detrás de EE. UU. Tenemos la mirada puesta en el próximo avance."),
        ["Todos van muy por detrás de EE. UU.", "Tenemos la mirada puesta en el próximo avance."]
    );
    assert_eq!(
        split("es", "El analista del Departamento de Justicia de EE. UU. Paul Rowlett testificó durante horas."),
        ["El analista del Departamento de Justicia de EE. UU. Paul Rowlett testificó durante horas."]
    );
}

#[test]
fn titles_of_officials_before_names() {
    assert_eq!(
        split("es", "Asistieron el Dip. Juan Pérez y la Sen. Ana Ruiz. También estuvo el Emb. Carlos Gil."),
        ["Asistieron el Dip. Juan Pérez y la Sen. Ana Ruiz.", "También estuvo el Emb. Carlos Gil."]
    );
    assert_eq!(
        split("en", "The Rt. Hon. Jane Smith and Asst. Sec. John Doe attended. So did Dir. Mary Jones."),
        ["The Rt. Hon. Jane Smith and Asst. Sec. John Doe attended.", "So did Dir. Mary Jones."]
    );
    assert_eq!(split("es", "El Sr. Pérez (Ph. D.) dirigió el estudio."), ["El Sr. Pérez (Ph. D.) dirigió el estudio."]);
}

#[test]
fn street_abbreviation_may_end_a_sentence() {
    assert_eq!(
        split("en", "The office is at 10 Downing St. The meeting starts at noon. He lives on Main St. in Boston."),
        ["The office is at 10 Downing St.", "The meeting starts at noon.", "He lives on Main St. in Boston."]
    );
    assert_eq!(
        split("en", "They met in St. Louis with Pope St. John's envoy."),
        ["They met in St. Louis with Pope St. John's envoy."]
    );
}

#[test]
fn day_after_an_abbreviated_month_ends_the_sentence() {
    assert_eq!(
        split("en", "The campaign runs until Dec. 31. Prof. Lee will review it on Jan. 5 in Geneva."),
        ["The campaign runs until Dec. 31.", "Prof. Lee will review it on Jan. 5 in Geneva."]
    );
}

#[test]
fn number_after_an_inline_abbreviation_can_end_the_sentence() {
    assert_eq!(
        split("en", "The figure was approx. 300. The rest left."),
        ["The figure was approx. 300.", "The rest left."]
    );
    assert_eq!(
        split("es", "La cifra fue de aprox. 300. El resto se fue a Lima."),
        ["La cifra fue de aprox. 300.", "El resto se fue a Lima."]
    );
    assert_eq!(split("en", "1. The first item. 2. The second item."), ["1. The first item.", "2. The second item."]);
}

#[test]
fn citation_after_et_al_does_not_end_the_sentence() {
    // Issue 23 item 6: `et al.` before a year or a reference in brackets.
    assert_eq!(
        split("en", "Smith et al. (2019) found that returns rose. Jones et al. [12] agree. Others disagree."),
        ["Smith et al. (2019) found that returns rose.", "Jones et al. [12] agree.", "Others disagree."]
    );
    assert_eq!(
        split("es", "García et al. (2019) señalan que los retornos aumentan. Otros no."),
        ["García et al. (2019) señalan que los retornos aumentan.", "Otros no."]
    );
    assert_eq!(
        split("fr", "Selon Dupont et al. [2019], les retours augmentent. D'autres études le confirment."),
        ["Selon Dupont et al. [2019], les retours augmentent.", "D'autres études le confirment."]
    );
    // Before a capital, et al. can still end the sentence.
    assert_eq!(
        split("en", "The study is by Smith et al. The sample was small."),
        ["The study is by Smith et al.", "The sample was small."]
    );
}

#[test]
fn french_closing_guillemet_after_spaced_punctuation_ends_the_sentence() {
    assert_eq!(
        split("fr", "Il a conclu : « La solidarité n'est pas une option. » Le programme débutera en juin."),
        ["Il a conclu : « La solidarité n'est pas une option. »", "Le programme débutera en juin."]
    );
    // Narrow no-break spaces (U+202F) inside the guillemets and before `!`.
    assert_eq!(
        split("fr", "Elle a déclaré\u{202f}: «\u{202f}Nous reviendrons\u{202f}!\u{202f}» Puis elle est partie."),
        ["Elle a déclaré\u{202f}: «\u{202f}Nous reviendrons\u{202f}!\u{202f}»", "Puis elle est partie."]
    );
    // Inside a sentence the question mark does not end it.
    assert_eq!(
        split("fr", "« Pourquoi partir ? », demande Fatou. « Où aller ? » s'interroge-t-elle."),
        ["« Pourquoi partir ? », demande Fatou.", "« Où aller ? » s'interroge-t-elle."]
    );
}

#[test]
fn french_abbreviations_cf_art_and_era_do_not_end_the_sentence() {
    assert_eq!(
        split("fr", "Les chiffres sont provisoires (cf. Annexe 2). Ils seront mis à jour."),
        ["Les chiffres sont provisoires (cf. Annexe 2).", "Ils seront mis à jour."]
    );
    assert_eq!(
        split("fr", "Les dispositions de l'art. L. 121-1 du Code s'appliquent. Le préfet statue."),
        ["Les dispositions de l'art. L. 121-1 du Code s'appliquent.", "Le préfet statue."]
    );
    assert_eq!(
        split("fr", "Fondée vers 300 av. J.-C. par des marchands, elle date du IIIe siècle av. J.-C. Aujourd'hui, elle compte 2 millions d'habitants."),
        [
            "Fondée vers 300 av. J.-C. par des marchands, elle date du IIIe siècle av. J.-C.",
            "Aujourd'hui, elle compte 2 millions d'habitants."
        ]
    );
}

#[test]
fn language_without_rules_of_its_own_keeps_titles_and_spaced_abbreviations() {
    // Issue 22 item 4: Dutch and Italian have no rule set of their own.
    for lang in ["nl", "it", "de"] {
        assert_eq!(
            split(lang, "Dr. Müller sagte z. B. etwas. Dann ging er."),
            ["Dr. Müller sagte z. B. etwas.", "Dann ging er."],
            "{lang}"
        );
    }
    assert_eq!(
        split("nl", "Prof. Jansen sprak o. a. over migratie. Het rapport volgt in nr. 5 van het blad."),
        ["Prof. Jansen sprak o. a. over migratie.", "Het rapport volgt in nr. 5 van het blad."]
    );
}

#[test]
fn segmenter_says_whether_the_language_fell_back_to_the_generic_rules() {
    let generic = |lang: &str| SegmenterBuilder::new(LangTag::new(lang).unwrap()).build().unwrap().uses_generic_rules();
    for lang in ["en", "es-AR", "fr", "pt-BR", "de"] {
        assert!(!generic(lang), "{lang}");
    }
    for lang in ["nl", "it", "sv"] {
        assert!(generic(lang), "{lang}");
    }
    // A user's SRX whose only map is `.*` (Okapi's default rules) is generic.
    let okapi = Srx::parse(
        "<srx version=\"2.0\"><header cascade=\"no\"/><body><languagerules><languagerule languagerulename=\"default\"><rule><beforebreak>\\.</beforebreak><afterbreak>\\s</afterbreak></rule></languagerule></languagerules><maprules><languagemap languagepattern=\".*\" languagerulename=\"default\"/></maprules></body></srx>",
        "okapi.srx",
    )
    .unwrap();
    let seg = SegmenterBuilder::new(LangTag::new("es").unwrap()).rules(okapi).build().unwrap();
    assert!(seg.uses_generic_rules());
}
