//! `memoria pretranslate` on the samples: the TM is built from
//! samples/releases (as scripts/main-job.sh does), the new release is filled.
mod common;
use common::*;

fn new_release() -> String {
    sample("new/debian-2016-squeeze-lts-eol.es.txt")
}

fn pretranslate(s: &Scratch, file: &str, extra: &[&str]) -> String {
    let mut args = vec!["pretranslate", file, "--from", "es", "--to", "en"];
    args.extend(extra);
    let o = s.run(&args);
    assert!(o.status.success(), "{}", stderr(&o));
    stdout(&o)
}

/// The `<trans-unit id="ID">…</trans-unit>` element of an XLIFF 1.2 text.
fn trans_unit<'a>(x: &'a str, id: &str) -> &'a str {
    let start = x.find(&format!("<trans-unit id=\"{id}\"")).unwrap_or_else(|| panic!("no unit {id} in {x}"));
    let end = start + x[start..].find("</trans-unit>").unwrap();
    &x[start..end]
}

#[test]
fn draft_text_equals_the_published_translation_for_every_exact_match() {
    let s = all_releases();
    let json: serde_json::Value =
        serde_json::from_str(&pretranslate(&s, &new_release(), &["--format", "json"])).unwrap();
    let draft = pretranslate(&s, &new_release(), &["--format", "text"]);
    let published = std::fs::read_to_string(corpus("releases/debian-2016-squeeze-lts-eol.en.txt")).unwrap();
    let published: Vec<&str> = published.lines().collect();
    let draft_lines: Vec<&str> = draft.lines().collect();
    let exact: Vec<(u64, String)> = json["files"][0]["units"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|u| u["score"].as_u64().unwrap_or(0) >= 100)
        .map(|u| (u["line"].as_u64().unwrap(), u["target"].as_str().unwrap().to_string()))
        .collect();
    // By hand: "Acerca de Debian", the first three sentences of the "About" paragraph
    // (the fourth differs: «el “sistema operativo universal”»), "Información de contacto".
    assert_eq!(exact.iter().map(|(l, _)| *l).collect::<Vec<_>>(), [8, 9, 9, 9, 10]);
    for (line, target) in &exact {
        let l = *line as usize - 1;
        assert!(published[l].contains(target.as_str()), "line {line}: «{target}» is not in «{}»", published[l]);
        assert!(draft_lines[l].contains(target.as_str()), "line {line}: «{target}» is not in the draft");
    }
    assert_eq!(draft_lines[7], "About Debian");
    assert_eq!(draft_lines[9], "Contact Information");
    assert!(draft_lines[8].starts_with("The Debian Project was founded in 1993 by Ian Murdock to be a truly free community project. Since then the project has grown to be one of the largest and most influential open source projects. Thousands of volunteers from all over the world work together to create and maintain Debian software. "), "{}", draft_lines[8]);
    // Unfilled segments stay in Spanish, line structure intact.
    assert_eq!(draft_lines.len(), published.len());
    assert_eq!(draft_lines[0], "El soporte a largo plazo para Debian 6.0 llega al final de su ciclo de vida");
}

#[test]
fn draft_of_an_html_release_keeps_the_page_and_replaces_only_filled_segments() {
    let s = all_releases();
    let page = s.path("about.es.html");
    let head =
        "<!DOCTYPE html>\n<html lang=\"es\"><head><meta charset=\"utf-8\"><title>Debian</title></head>\n<body>\n";
    std::fs::write(
        &page,
        format!(
            "{head}<h1>Acerca de Debian</h1>\n<p>El proyecto Debian publicó Debian 6.0 alias “Squeeze” el 6 de febrero de \
             2011. <b>Una frase nueva</b> que no está en la memoria &amp; más.</p>\n</body></html>\n"
        ),
    )
    .unwrap();
    let draft = pretranslate(&s, page.to_str().unwrap(), &["--format", "text"]);
    // The exact heading and the exact first sentence are replaced (from
    // debian-2012-lenny-security-end); the new sentence, its <b> and its
    // entity, and all the markup around stay byte for byte.
    assert_eq!(
        draft,
        format!(
            "{head}<h1>About Debian</h1>\n<p>The Debian project released Debian 6.0 alias “Squeeze” on the 6th of \
             February 2011. <b>Una frase nueva</b> que no está en la memoria &amp; más.</p>\n</body></html>\n"
        )
    );
}

#[test]
fn xliff12_marks_context_exact_and_fuzzy_fills_and_keeps_every_candidate() {
    let s = all_releases();
    let x = pretranslate(&s, &new_release(), &[]);
    assert!(x.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<xliff version=\"1.2\" xmlns=\"urn:oasis:names:tc:xliff:document:1.2\">"));
    assert!(x.contains("source-language=\"es\" target-language=\"en\" datatype=\"plaintext\" xml:space=\"preserve\">"));
    assert_eq!(x.matches("<trans-unit ").count(), 15);
    // No match: no target, but its place in the release.
    let u1 = trans_unit(&x, "1");
    assert!(!u1.contains("<target"), "{u1}");
    assert!(
        u1.contains("<context context-type=\"linenumber\">1</context><context context-type=\"x-column\">1</context>")
    );
    // Exact (100): needs review.
    let u9 = trans_unit(&x, "9");
    assert!(u9.contains("<source xml:lang=\"es\">Acerca de Debian</source>\n        <target xml:lang=\"en\" state=\"needs-review-translation\" state-qualifier=\"exact-match\">About Debian</target>"), "{u9}");
    assert!(u9.contains("<alt-trans match-quality=\"100\" origin=\"memoria\" tool-id=\"memoria\">"), "{u9}");
    // Context (101): same neighbours as in debconf16-closes → translated.
    let u10 = trans_unit(&x, "10");
    assert!(u10.contains("<target xml:lang=\"en\" state=\"translated\" state-qualifier=\"leveraged-tm\">The Debian Project was founded in 1993 by Ian Murdock to be a truly free community project.</target>"), "{u10}");
    // Fuzzy: the stored source is shown beside the candidate.
    let u13 = trans_unit(&x, "13");
    assert!(u13.contains("state-qualifier=\"fuzzy-match\">Available in 70 languages"), "{u13}");
    assert!(u13.contains("como “el sistema operativo universal”.</source>"), "{u13}");
    // Below --min-score: a candidate, no fill.
    let x = pretranslate(&s, &new_release(), &["--min-score", "100"]);
    let u13 = trans_unit(&x, "13");
    assert!(!u13.contains("<target xml:lang=\"en\" state"), "{u13}");
    assert!(u13.contains("<alt-trans match-quality=\"99\" origin=\"memoria\""), "{u13}");
}

#[test]
fn two_segments_stored_as_one_tu_are_filled_together() {
    let slug = "debian-2011-squeeze-released";
    let s = tm_with(&[slug]);
    let es = sample(&format!("releases/{slug}.es.txt"));
    let json: serde_json::Value = serde_json::from_str(&pretranslate(&s, &es, &["--format", "json"])).unwrap();
    let file = &json["files"][0];
    // "Otra novedad es el núcleo de Linux completamente libre. En esta versión el núcleo ya no
    // contiene archivos de firmware problemáticos." is one English sentence (a 2-1 bead).
    let u = file["units"].as_array().unwrap().iter().find(|u| u["line"] == 6 && u["column"] == 1).unwrap();
    assert_eq!(u["id"], "13+14");
    assert_eq!(u["segments"], serde_json::json!([12, 13]));
    assert_eq!(
        u["target"],
        "Another first is the completely free Linux kernel, which no longer contains problematic firmware files."
    );
    assert_eq!(file["filled"], file["segments"]);
    let draft = pretranslate(&s, &es, &["--format", "text"]);
    let en = std::fs::read_to_string(sample(&format!("releases/{slug}.en.txt"))).unwrap();
    assert_eq!(draft.lines().nth(5), en.lines().nth(5));
    // check counts both segments of each joined unit as translated. (What it notes is a warning:
    // "Debian 6.0" added in the English at 35:164.)
    let check = s.run(&["check", &es, "--from", "es", "--to", "en"]);
    assert!(stderr(&check).contains("79 of 79 segments translated (100.0%)"), "{}", stderr(&check));
    assert_eq!(check.status.code(), Some(0), "{}", stdout(&check));
}

#[test]
fn xliff21_carries_translation_candidates() {
    let s = all_releases();
    let x = pretranslate(&s, &new_release(), &["--format", "xliff21"]);
    assert!(x.contains("<xliff xmlns=\"urn:oasis:names:tc:xliff:document:2.0\" xmlns:mtc=\"urn:oasis:names:tc:xliff:matches:2.0\" xmlns:gls=\"urn:oasis:names:tc:xliff:glossary:2.0\" version=\"2.1\" srcLang=\"es\" trgLang=\"en\">"));
    assert_eq!(x.matches("<unit id=").count(), 15);
    assert!(x.contains("<mtc:match ref=\"#s9\" matchQuality=\"100\" similarity=\"100\" origin=\"memoria\" type=\"tm\">\n          <source>Acerca de Debian</source>\n          <target>About Debian</target>"), "{x}");
    assert!(x.contains("<segment id=\"s9\" state=\"initial\" subState=\"memoria:exact\">\n        <source>Acerca de Debian</source>\n        <target>About Debian</target>"), "{x}");
    assert!(x.contains("<segment id=\"s10\" state=\"translated\" subState=\"memoria:context\">"), "{x}");
    assert!(x.contains("<segment id=\"s1\" state=\"initial\">\n        <source>El soporte a largo plazo"), "{x}");
}

#[test]
fn output_format_follows_the_extension_of_o() {
    let s = tm_with(&["debian-2012-lenny-security-end"]);
    let es = sample("releases/debian-2012-lenny-security-end.es.txt");
    for (name, starts) in
        [("d.txt", "Security Support for Debian 5.0 terminated\n"), ("d.xlf", "<?xml"), ("d.json", "{")]
    {
        let p = s.path(name);
        pretranslate(&s, &es, &["-o", p.to_str().unwrap()]);
        let out = std::fs::read_to_string(&p).unwrap();
        assert!(out.starts_with(starts), "{name}: {}", &out[..80.min(out.len())]);
    }
    // The draft of a release whose own translation is in the TM is that translation.
    let draft = std::fs::read_to_string(s.path("d.txt")).unwrap();
    let en = std::fs::read_to_string(sample("releases/debian-2012-lenny-security-end.en.txt")).unwrap();
    assert_eq!(draft, en);
}

#[test]
fn text_format_takes_one_file() {
    let s = Scratch::new();
    let es = sample("releases/debian-2012-lenny-security-end.es.txt");
    let o = s.run(&["pretranslate", &es, &es, "--from", "es", "--to", "en", "--format", "text"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--format text writes one release; give one file (got 2)"), "{}", stderr(&o));
}

#[test]
fn fuzzy_fill_carries_the_new_numbers_localised_and_passes_the_number_check() {
    let s = tm_with(&["debian-2016-debconf16-closes"]);
    let p = s.path("p.es.txt");
    // debconf16-closes says "Con más de 280 asistentes…"; the new text has 1.250 (es grouping).
    std::fs::write(
        &p,
        "Con más de 1.250 asistentes de todo el mundo y 113 horas de charlas en 114 actividades, DebConf16 ha sido aclamada como un éxito.\n",
    )
    .unwrap();
    let p = p.to_str().unwrap();
    let x = pretranslate(&s, p, &[]);
    let u = trans_unit(&x, "1");
    assert!(u.contains("state-qualifier=\"fuzzy-match\">With over 1,250 people attending from all over the world, and 113 hours of talks in 114 events, DebConf16 has been hailed as a success.</target>"), "{u}");
    // The candidate shows the stored target, with the old number.
    assert!(u.contains("<target xml:lang=\"en\">With over 280 people attending"), "{u}");
    let xlf = s.path("p.xlf");
    std::fs::write(&xlf, &x).unwrap();
    let o = s.run(&["check", p, "--from", "es", "--to", "en", "--xliff", xlf.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
}

#[test]
fn tmx_output_holds_the_fills_and_imports_into_another_tm() {
    let s = all_releases();
    let tmx = s.path("new.tmx");
    pretranslate(&s, &new_release(), &["-o", tmx.to_str().unwrap()]);
    let t = std::fs::read_to_string(&tmx).unwrap();
    assert_eq!(t.matches("<tu ").count(), 7, "{t}");
    assert!(t.contains("<prop type=\"x-score\">101</prop>"), "{t}");
    assert!(t.contains("<tuv xml:lang=\"es\">\n        <seg>Acerca de Debian</seg>\n      </tuv>\n      <tuv xml:lang=\"en\">\n        <seg>About Debian</seg>"), "{t}");
    let other = Scratch::new();
    let o = other.run(&["import", tmx.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let o = other.run(&["lookup", "Información de contacto", "--from", "es", "--to", "en", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!((v[0]["score"].as_u64(), v[0]["target"].as_str()), (Some(100), Some("Contact Information")));
}

#[test]
fn inline_codes_of_a_trados_tm_are_carried_into_both_xliff_versions() {
    let s = Scratch::new();
    let o = s.run(&["import", &sample("tmx/okapi-trados-twb-test01.tmx")]);
    assert!(o.status.success(), "{}", stderr(&o));
    let p = s.path("tw.en.txt");
    std::fs::write(&p, "A simple sentence with nothing special.\nAnother sentence.\n").unwrap();
    let p = p.to_str().unwrap();
    let run = |format: &str| {
        let o = s.run(&["pretranslate", p, "--from", "en-US", "--to", "fr-FR", "--format", format]);
        assert!(o.status.success(), "{}", stderr(&o));
        stdout(&o)
    };
    let x = run("xliff12");
    // The TM's bold variant is a candidate, its codes as XLIFF 1.2 bpt/ept with the native RTF-era HTML.
    assert!(x.contains("<target xml:lang=\"fr-FR\">Une <bpt id=\"1\" ctype=\"bold\">&lt;b&gt;</bpt>phrase<ept id=\"1\">&lt;/b&gt;</ept> simple sans rien de spécial.</target>"), "{x}");
    // "Another sentence." has two translations in the TM: exact source, 99, still an exact match.
    let u2 = trans_unit(&x, "2");
    assert!(u2.contains("state-qualifier=\"exact-match\">Une phrase différente.</target>"), "{u2}");
    assert_eq!(u2.matches("<alt-trans match-quality=\"99\"").count(), 2, "{u2}");
    let x = run("xliff21");
    assert!(x.contains("<originalData>\n            <data id=\"sd1\">&lt;b&gt;</data>\n            <data id=\"sd2\">&lt;/b&gt;</data>\n            <data id=\"td1\">&lt;b&gt;</data>\n            <data id=\"td2\">&lt;/b&gt;</data>\n          </originalData>"), "{x}");
    assert!(x.contains("<target>Une <sc id=\"b1\" dataRef=\"td1\"/>phrase<ec startRef=\"b1\" dataRef=\"td2\"/> simple sans rien de spécial.</target>"), "{x}");
}

#[test]
fn several_releases_make_one_xliff_with_a_file_element_each() {
    let s = tm_with(&["debian-2012-lenny-security-end"]);
    let a = sample("releases/debian-2012-lenny-security-end.es.txt");
    let b = new_release();
    let x = pretranslate(&s, &a, &[&b]);
    assert_eq!(x.matches("<file original=").count(), 2);
    assert!(x.contains(&format!("<file original=\"{a}\" source-language=\"es\" target-language=\"en\"")));
    assert!(x.contains(&format!("<file original=\"{b}\" source-language=\"es\" target-language=\"en\"")));
    assert_eq!(x.matches("<trans-unit ").count(), 21 + 15);
}

/// A scratch TM holding the published es/en pair of the 2016 release
/// (`../shared/corpus/releases/`), and an HTML page of its third sentence
/// with the version in bold.
fn bold_release() -> (Scratch, String) {
    let s = Scratch::new();
    align_corpus(&s, "debian-2016-squeeze-lts-eol");
    let page = s.path("lts.es.html");
    std::fs::write(&page, "<p>No habrá más soporte de seguridad para <b>Debian 6.0</b>.</p>\n").unwrap();
    (s, page.to_string_lossy().into_owned())
}

#[test]
fn html_inline_codes_reach_the_draft_and_the_xliff() {
    let (s, page) = bold_release();
    // The TM target has no <b>: the fill puts it around the text it spans.
    let draft = pretranslate(&s, &page, &["--format", "text"]);
    assert_eq!(draft, "<p>There will be no further security support for <b>Debian 6.0</b>.</p>\n");
    let x = pretranslate(&s, &page, &[]);
    let u = trans_unit(&x, "1");
    assert!(
        u.contains("<source xml:lang=\"es\">No habrá más soporte de seguridad para <bpt id=\"1\" ctype=\"bold\">&lt;b&gt;</bpt>Debian 6.0<ept id=\"1\">&lt;/b&gt;</ept>.</source>"),
        "{u}"
    );
    assert!(
        u.contains(">There will be no further security support for <bpt id=\"1\" ctype=\"bold\">&lt;b&gt;</bpt>Debian 6.0<ept id=\"1\">&lt;/b&gt;</ept>.</target>"),
        "{u}"
    );
    let x2 = pretranslate(&s, &page, &["--format", "xliff21"]);
    assert!(x2.contains("<source>No habrá más soporte de seguridad para <sc id=\"b1\" dataRef=\"sd1\"/>Debian 6.0<ec startRef=\"b1\" dataRef=\"sd2\"/>.</source>"), "{x2}");
    assert!(x2.contains("<target>There will be no further security support for <sc id=\"b1\" dataRef=\"td1\"/>Debian 6.0<ec startRef=\"b1\" dataRef=\"td2\"/>.</target>"), "{x2}");
    assert!(x2.contains("<data id=\"sd1\">&lt;b&gt;</data>"), "{x2}");
}

#[test]
fn a_candidate_names_the_tm_collection_it_came_from() {
    let s = Scratch::new();
    let o = s.run(&["import", &sample("tmx/okapi-trados-twb-test01.tmx")]);
    assert!(o.status.success(), "{}", stderr(&o));
    let src = s.path("codes.en-US.txt");
    std::fs::write(&src, "A simple sentence with nothing special.\n").unwrap();
    let o = s.run(&["pretranslate", src.to_str().unwrap(), "--from", "en-US", "--to", "fr-FR"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let x = stdout(&o);
    assert!(x.contains("origin=\"okapi-trados-twb-test01.tmx\" tool-id=\"memoria\">"), "{x}");
    let o = s.run(&["pretranslate", src.to_str().unwrap(), "--from", "en-US", "--to", "fr-FR", "--format", "xliff21"]);
    assert!(stdout(&o).contains("origin=\"okapi-trados-twb-test01.tmx\" type=\"tm\">"), "{}", stdout(&o));
}
