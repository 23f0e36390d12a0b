//! Segmentation end to end: the shared test set scored per language, the
//! seed release through the binary, HTML input, and user SRX files.

mod common;

use common::{corpus, root, sample, stderr, stdout, Scratch};
use memoria_core::lang::LangTag;
use memoria_core::segment::SegmenterBuilder;
use std::collections::BTreeMap;

/// One case of `../shared/testsets/segmentation.tsv`.
struct Case {
    lang: String,
    id: String,
    input: String,
    expected: Vec<String>,
    source: String,
}

fn unescape(field: &str) -> String {
    field.replace("\\n", "\n").replace("\\t", "\t")
}

/// Collapses white space, as the baselines' scorer does.
fn norm(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Cases of a test-set file (`lang id input expected source`, expected
/// sentences joined by ` ||| `, `\n` escaped), relative to the repo root.
fn load_cases(file: &str) -> Vec<Case> {
    let path = root().join(file);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().unwrap().split('\t').collect();
    assert_eq!(header, ["lang", "id", "input", "expected", "source"]);
    lines
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            Case {
                lang: f[0].to_string(),
                id: f[1].to_string(),
                input: unescape(f[2]),
                expected: f[3].split(" ||| ").map(|s| norm(&unescape(s))).filter(|s| !s.is_empty()).collect(),
                source: f.get(4).unwrap_or(&"").to_string(),
            }
        })
        .collect()
}

const LAYOUT_KINDS: &[&str] = &["hard-wrapped", "heading", "contact", "dateline", "list", "photo credit"];

/// Runs every case through the default segmenter of its language: per
/// language (passed, total), the failing cases, and a report of them.
fn score(cases: &[Case]) -> (BTreeMap<String, (usize, usize)>, Vec<&Case>, String) {
    let mut per_lang: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    let mut failures = Vec::new();
    let mut report = String::new();
    for case in cases {
        let seg = SegmenterBuilder::new(LangTag::new(&case.lang).unwrap()).build().unwrap();
        let got: Vec<String> = seg.segment(&case.input).iter().map(|s| norm(s.text(&case.input))).collect();
        let e = per_lang.entry(case.lang.clone()).or_default();
        e.1 += 1;
        if got == case.expected {
            e.0 += 1;
        } else {
            report.push_str(&format!("FAIL {}\n  got:      {:?}\n  expected: {:?}\n", case.id, got, case.expected));
            failures.push(case);
        }
    }
    (per_lang, failures, report)
}

#[test]
fn test_set_scores_at_least_95_percent_per_language_and_passes_every_layout_case() {
    let cases = load_cases("../shared/testsets/segmentation.tsv");
    assert!(cases.len() >= 160, "{} cases", cases.len());
    let (per_lang, failures, report) = score(&cases);
    eprint!("{report}");
    for (lang, (pass, total)) in &per_lang {
        println!("segmentation.tsv {lang}: {pass}/{total} = {:.1}%", 100.0 * *pass as f64 / *total as f64);
    }
    for (lang, (pass, total)) in &per_lang {
        assert!(pass * 100 >= total * 95, "{lang}: {pass}/{total} below 95%");
    }
    let layout_failures: Vec<&str> =
        failures.iter().filter(|c| LAYOUT_KINDS.iter().any(|k| c.source.contains(k))).map(|c| c.id.as_str()).collect();
    assert!(layout_failures.is_empty(), "layout cases failing: {layout_failures:?}");
}

/// The held-out press-release set (`tests/data/segmentation-heldout.tsv`:
/// releases, the seed and WMT/FLORES news, hard-wrapped and line-per-paragraph,
/// with headings, datelines, contact blocks, lists and photo credits), scored
/// the same way as the shared set.
#[test]
fn heldout_press_release_set_scores_per_language() {
    let cases = load_cases("tests/data/segmentation-heldout.tsv");
    assert!(cases.iter().filter(|c| c.lang == "en").count() >= 40);
    assert!(cases.iter().filter(|c| c.lang == "es").count() >= 40);
    let (per_lang, failures, report) = score(&cases);
    eprint!("{report}");
    for (lang, (pass, total)) in &per_lang {
        println!("segmentation-heldout.tsv {lang}: {pass}/{total} = {:.1}%", 100.0 * *pass as f64 / *total as f64);
    }
    for (lang, (pass, total)) in &per_lang {
        assert!(pass * 100 >= total * 95, "held-out {lang}: {pass}/{total} below 95%");
    }
    // Layout cases (the Spanish sources name them in Spanish) all pass.
    const ES_LAYOUT_KINDS: &[&str] =
        &["cortad", "titular", "título", "data añadida", "contacto", "lista", "viñetas", "foto"];
    let layout_failures: Vec<&str> = failures
        .iter()
        .filter(|c| LAYOUT_KINDS.iter().chain(ES_LAYOUT_KINDS).any(|k| c.source.contains(k)))
        .map(|c| c.id.as_str())
        .collect();
    assert!(layout_failures.is_empty(), "held-out layout cases failing: {layout_failures:?}");
}

/// The French press-release set (`tests/data/segmentation-fr.tsv`, issue 22:
/// real Debian releases in French and UN/IOM-style cases written for it, with
/// abbreviations, initials, ordinals, « guillemets », the spaces French puts
/// before `; : ! ?` (also U+00A0 and U+202F), datelines, headings, contact
/// lines and lists). Its expected segmentations were written before memoria
/// was run on it; with the rules of before French was worked on it scored
/// 65/75. Nine cases added later (fr-pr-056..064: no-break and narrow
/// no-break spaces before `; : ! ?` and inside « », a number grouped with
/// them, `Pr`, `J.-M.`, `XXIe`, `12 h 30`, `av. J.-C.` mid-sentence, a
/// dateline with an en dash) make 84.
#[test]
fn french_press_release_set_scores_at_least_92_percent() {
    let cases = load_cases("tests/data/segmentation-fr.tsv");
    assert!(cases.len() >= 60 && cases.iter().all(|c| c.lang == "fr"), "{} cases", cases.len());
    let (per_lang, _, report) = score(&cases);
    eprint!("{report}");
    let (pass, total) = per_lang["fr"];
    println!("segmentation-fr.tsv fr: {pass}/{total} = {:.1}%", 100.0 * pass as f64 / total as f64);
    assert!(pass * 100 >= total * 92, "fr: {pass}/{total} below 92%");
}

/// Runs `memoria segment ARGS` and returns (exit code, stdout lines, stderr).
fn segment(args: &[&str]) -> (i32, Vec<String>, String) {
    let out = Scratch::new().run(&[&["segment"], args].concat());
    (out.status.code().unwrap_or(-1), stdout(&out).lines().map(str::to_string).collect(), stderr(&out))
}

#[test]
fn seed_release_comes_out_as_a_translator_expects() {
    let (code, lines, err) = segment(&[&corpus("seed/iom-argentina-trafficking.en.txt")]);
    assert_eq!(code, 0, "{err}");
    // Navigation lines each alone.
    assert_eq!(&lines[..4], ["-", "Who we are", &lines[2], "-"]);
    assert!(lines[2].starts_with("WHO WE AREThe International Organization") && lines[2].ends_with("171 countries."));
    let nav_end = lines.iter().position(|l| l == "- 2030 Agenda").unwrap();
    assert_eq!(nav_end, 21);
    assert_eq!(
        &lines[nav_end + 1..],
        [
            "Uniting to Combat Human Trafficking in Argentina",
            "IOM and the Ministry of Social Development of the Province of Buenos Aires will draft a joint work plan to fight human trafficking after signing a cooperation agreement.",
            "The Ministry has agreed to actively promote the IOM counter trafficking information campaign \"No to Human Trafficking, No to Modern Slavery\" (No a la trata de personas, no a la esclavitud moderna).",
            "The agreement includes support for the implementation of IOM's Counter Trafficking Programme from a gender perspective; capacity building and training for municipal and provincial staff involved in fighting human trafficking and concrete action to raise awareness and provide more information to the most vulnerable areas in the province of Buenos Aires.",
            "The 2001 Census reported the population of the province at 13.98 million, which accounts for more than one third of the country's total population of 36.2 million.",
            "More than 50 per cent of those in the province of Buenos Aires live in the Greater Buenos Aires Metropolitan area.",
            "According to an IOM exploratory study carried out in 2006, Buenos Aires is a major destination point for international victims of trafficking as well as for those trafficked inside the country.",
            "The study also revealed that some Argentinean victims are trafficked to Spain.",
            "Through analysis of cases in the province of Buenos Aires, the research team found that brothel and nightclub owners do some of their recruitment at a very personal level through their employees, including women who are providing sexual services to the clients.",
            "Other victims are falsely recruited by professionals who prey on women in rural areas.",
            "The IOM study also found that people were being trafficked for labour exploitation in addition to sexual exploitation.",
            "For more information, please contact:",
            "Elena Solari",
            "IOM Buenos Aires",
            "E-mail:",
            "\"mailto:esolari@iom.int\">esolari@iom.int",
            "or",
            "Sabrina Roth",
            "E-mail:",
            "\"mailto:sroth@iom.int\">sroth@iom.int",
        ]
    );
}

fn json_lines(lines: &[String]) -> Vec<serde_json::Value> {
    lines.iter().map(|l| serde_json::from_str(l).unwrap()).collect()
}

#[test]
fn json_offsets_index_the_file_bytes_with_bom_and_crlf() {
    let s = Scratch::new();
    let path = s.path("nota.es.txt");
    let bytes = "\u{FEFF}Ayuda a Gaza\r\n\r\nLa OIM envió ayuda. El Sr. Pérez viajó.\r\n".as_bytes();
    std::fs::write(&path, bytes).unwrap();
    let out = s.run(&["segment", path.to_str().unwrap(), "--format", "json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let v = json_lines(&stdout(&out).lines().map(str::to_string).collect::<Vec<_>>());
    let texts: Vec<&str> = v.iter().map(|o| o["text"].as_str().unwrap()).collect();
    assert_eq!(texts, ["Ayuda a Gaza", "La OIM envió ayuda.", "El Sr. Pérez viajó."]);
    assert_eq!(v.iter().map(|o| o["paragraph"].as_u64().unwrap()).collect::<Vec<_>>(), [0, 1, 1]);
    for o in &v {
        let (a, b) = (o["start"].as_u64().unwrap() as usize, o["end"].as_u64().unwrap() as usize);
        assert_eq!(&bytes[a..b], o["text"].as_str().unwrap().as_bytes());
    }
    assert_eq!(v[0]["start"], 3);
}

#[test]
fn html_blocks_become_segments_and_offsets_index_the_raw_html() {
    let s = Scratch::new();
    let path = s.path("comunicado.es.html");
    let html = "<!DOCTYPE html>\n<html><head><title>OIM</title><script>var a = 'No. 1. Dos.';</script></head>\n<body><nav><ul><li>Inicio</li><li>Noticias</li></ul></nav>\n<h1>Ayuda humanitaria\n  para Gaza</h1>\n<p>El <b>Sr.</b> P&eacute;rez lleg&oacute; el lunes. La OIM distribuy&oacute; 2.500 kits &amp; mantas.</p>\n</body></html>\n";
    std::fs::write(&path, html).unwrap();
    let out = s.run(&["segment", path.to_str().unwrap(), "--format", "json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let v = json_lines(&stdout(&out).lines().map(str::to_string).collect::<Vec<_>>());
    let texts: Vec<&str> = v.iter().map(|o| o["text"].as_str().unwrap()).collect();
    assert_eq!(
        texts,
        [
            "OIM",
            "Inicio",
            "Noticias",
            "Ayuda humanitaria   para Gaza",
            "El Sr. Pérez llegó el lunes.",
            "La OIM distribuyó 2.500 kits & mantas."
        ]
    );
    let raw = |o: &serde_json::Value| &html[o["start"].as_u64().unwrap() as usize..o["end"].as_u64().unwrap() as usize];
    assert_eq!(raw(&v[4]), "El <b>Sr.</b> P&eacute;rez lleg&oacute; el lunes.");
    assert_eq!(raw(&v[5]), "La OIM distribuy&oacute; 2.500 kits &amp; mantas.");
    // The same file read as text keeps the markup.
    let (code, lines, _) = segment(&[path.to_str().unwrap(), "--input", "text"]);
    assert_eq!(code, 0);
    assert!(lines.iter().any(|l| l.contains("<b>Sr.</b>")));
}

#[test]
fn okapi_omegat_style_srx_loads_and_decides_the_breaks() {
    let s = Scratch::new();
    let path = s.path("nota.txt");
    std::fs::write(&path, "El Sr. Pérez llegó a los EE. UU. ayer. Luego habló con la prensa.\nSegunda línea").unwrap();
    let rules = sample("srx/okapi-omegat-style.srx");
    let (code, lines, err) = segment(&[path.to_str().unwrap(), "--lang", "es-AR", "--rules", &rules]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(lines, ["El Sr. Pérez llegó a los EE. UU. ayer.", "Luego habló con la prensa.", "Segunda línea"]);
    // English maps only to the Default rules: no Spanish titles.
    let (_, lines, _) = segment(&[path.to_str().unwrap(), "--lang", "en", "--rules", &rules]);
    assert_eq!(lines[0], "El Sr.");
}

#[test]
fn srx_rule_that_cannot_compile_is_reported_with_file_line_and_column() {
    let s = Scratch::new();
    let srx = s.path("bad.srx");
    std::fs::write(
        &srx,
        "<srx version=\"2.0\"><header cascade=\"no\"/><body><languagerules>\n<languagerule languagerulename=\"x\">\n  <rule><beforebreak>[.?!</beforebreak><afterbreak>\\s</afterbreak></rule>\n</languagerule></languagerules><maprules><languagemap languagepattern=\".*\" languagerulename=\"x\"/></maprules></body></srx>",
    )
    .unwrap();
    let text = s.path("a.en.txt");
    std::fs::write(&text, "One. Two.").unwrap();
    let (code, lines, err) = segment(&[text.to_str().unwrap(), "--rules", srx.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(lines.is_empty());
    assert!(err.contains("bad.srx:3:9:") && err.contains("`[.?!`"), "{err}");
}

#[test]
fn language_comes_from_the_file_name_or_is_asked_for() {
    let s = Scratch::new();
    let path = s.path("release.txt");
    std::fs::write(&path, "Hello. World.").unwrap();
    let (code, _, err) = segment(&[path.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(err.contains("--lang"), "{err}");
    let (code, lines, _) = segment(&[path.to_str().unwrap(), "--lang", "en"]);
    assert_eq!((code, lines), (0, vec!["Hello.".to_string(), "World.".to_string()]));
}

/// Added by the lead after merging: in a one-paragraph-per-line release (long unwrapped lines), a list of short
/// lines without final punctuation is one segment per line even when an item starts in lower case (the Debian
/// 6.0 release lists "KDE … 4.4.5" / "an updated version of the GNOME desktop environment 2.30" / "the Xfce 4.6
/// desktop environment"). Joining them broke alignment and check on that release.
#[test]
fn list_items_in_unwrapped_text_stay_one_per_line_even_in_lower_case() {
    let path = sample("releases/debian-2011-squeeze-released.en.txt");
    let (code, lines, err) = segment(&[&path]);
    assert_eq!(code, 0, "{err}");
    let at =
        lines.iter().position(|l| l == "KDE Plasma Workspaces and KDE Applications 4.4.5").expect("KDE item alone");
    assert_eq!(lines[at + 1], "an updated version of the GNOME desktop environment 2.30");
    assert_eq!(lines[at + 2], "the Xfce 4.6 desktop environment");
}

/// An SRX document with one rule set for every language, holding `rules`
/// (`<rule>` elements), as `name`.
fn one_rule_set_srx(rules: &str, name: &str) -> memoria_core::segment::srx::Srx {
    let xml = format!(
        "<?xml version=\"1.0\"?>\n<srx xmlns=\"http://www.lisa.org/srx20\" version=\"2.0\"><header cascade=\"no\"/><body><languagerules>\n<languagerule languagerulename=\"x\">\n{rules}\n</languagerule></languagerules><maprules><languagemap languagepattern=\".*\" languagerulename=\"x\"/></maprules></body></srx>\n"
    );
    memoria_core::segment::srx::Srx::parse(&xml, name).unwrap()
}

/// Issue 26 item 5: `(a+)+$` after a break, on one line of 200,000 `a`s. It
/// took minutes (each position scanned to the end of the line: quadratic) and
/// broke everywhere; an after-pattern now sees 256 bytes
/// (`engine::LOOKAHEAD`), so only the last 256 positions can reach the end.
#[test]
fn after_pattern_anchored_to_the_end_of_a_long_line_is_tried_in_bounded_windows() {
    for after in ["(a+)+$", "a+$"] {
        let srx = one_rule_set_srx(
            &format!("<rule break=\"yes\"><beforebreak>a</beforebreak><afterbreak>{after}</afterbreak></rule>"),
            "a.srx",
        );
        let seg = SegmenterBuilder::new(LangTag::new("en").unwrap()).rules(srx).build().unwrap();
        let text = "a".repeat(200_000);
        let got = seg.try_segment(&text).unwrap();
        let lens: Vec<usize> = got.iter().map(|s| s.end - s.start).collect();
        assert_eq!(lens.len(), 257, "{after}");
        assert_eq!(lens[0], 200_000 - memoria_core::segment::engine::LOOKAHEAD);
        assert!(lens[1..].iter().all(|&l| l == 1));
    }
}

/// A rule on the backtracking engine that explodes is an error naming the
/// rule's place, from `try_segment`; `segment` goes on without it.
#[test]
fn catastrophic_backtracking_rule_is_an_error_naming_its_file_line_and_column() {
    let srx = one_rule_set_srx(
        "<rule break=\"yes\"><beforebreak>(a+)+(?=!)!</beforebreak><afterbreak>\\s</afterbreak></rule>\n<rule break=\"yes\"><beforebreak>\\.</beforebreak><afterbreak>\\s</afterbreak></rule>",
        "cat.srx",
    );
    let seg = SegmenterBuilder::new(LangTag::new("en").unwrap()).rules(srx).build().unwrap();
    let text = format!("{} b. Next.", "a".repeat(5000));
    let err = seg.try_segment(&text).unwrap_err().to_string();
    assert!(
        err.starts_with("cat.srx:4:19: rule `(a+)+(?=!)!` exceeded its backtracking budget (100000 steps)"),
        "{err}"
    );
    let got: Vec<&str> = seg.segment(&text).iter().map(|s| s.text(&text)).collect();
    assert_eq!(got.len(), 2);
    assert_eq!(got[1], "Next.");
}

/// A language with no rules of its own is segmented with the generic rules,
/// which keep titles and spaced abbreviations whole, and memoria says so once.
#[test]
fn a_language_without_rules_of_its_own_warns_once_and_keeps_abbreviations() {
    let s = Scratch::new();
    let path = s.path("pressemitteilung.txt");
    std::fs::write(&path, "Dr. Müller sagte z. B. etwas. Dann ging er.\n").unwrap();
    // German has a rule set of its own; Dutch and Polish fall back to the generic one.
    let o = s.run(&["segment", path.to_str().unwrap(), "--lang", "de"]);
    assert_eq!(stdout(&o).lines().collect::<Vec<_>>(), ["Dr. Müller sagte z. B. etwas.", "Dann ging er."]);
    assert!(!stderr(&o).contains("generic rules"), "{}", stderr(&o));
    let o = s.run(&["segment", path.to_str().unwrap(), "--lang", "pl"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(stdout(&o).lines().collect::<Vec<_>>(), ["Dr. Müller sagte z. B. etwas.", "Dann ging er."]);
    let err = stderr(&o);
    assert_eq!(err.matches("no segmentation rules of its own for language pl").count(), 1, "{err}");
    let o = s.run(&["segment", path.to_str().unwrap(), "--lang", "es"]);
    assert!(!stderr(&o).contains("generic rules"), "{}", stderr(&o));
}
