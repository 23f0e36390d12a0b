//! French end to end on real Debian releases (../shared/corpus/releases-more/):
//! pretranslate, analyze and check for en->fr, es->fr, fr->en and fr->es, with
//! numbers substituted into fuzzy matches in each target's style.
mod common;

use common::{corpus, stderr, stdout, Scratch};

fn more(slug: &str, lang: &str) -> String {
    corpus(&format!("releases-more/{slug}.{lang}.txt"))
}

const WHEEZY: &str = "debian-2013-wheezy-released";
const JESSIE: &str = "debian-2015-jessie-released";

/// A scratch TM holding Debian 7's release announcement aligned `from`-`to`.
fn tm_with_wheezy(from: &str, to: &str) -> Scratch {
    let s = Scratch::new();
    let o = s.run(&["align", &more(WHEEZY, from), &more(WHEEZY, to), "--from", from, "--to", to, "--import"]);
    assert!(o.status.success(), "{}", stderr(&o));
    s
}

/// The filled target of the unit whose source contains `needle`, from
/// `pretranslate --format json`.
fn fill_of(json: &str, needle: &str) -> (Option<u64>, Option<String>) {
    let v: serde_json::Value = serde_json::from_str(json).unwrap();
    let u = v["files"][0]["units"]
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["source"].as_str().unwrap().contains(needle))
        .unwrap_or_else(|| panic!("no unit with {needle}"))
        .clone();
    (u["score"].as_u64(), u["target"].as_str().map(String::from))
}

fn pretranslate(s: &Scratch, file: &str, from: &str, to: &str) -> String {
    let o = s.run(&["pretranslate", file, "--from", from, "--to", to, "--format", "json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    stdout(&o)
}

#[test]
fn english_and_spanish_numbers_come_out_french_in_a_fuzzy_match() {
    // Debian 7: "more than 36,000 other ready-to-use software packages, built from nearly
    // 17,500 source packages." = "plus de 36 000 autres paquets prêts à l'emploi, construits
    // à partir de plus de 17 500 paquets sources." Debian 8 has 43,000 and 20,100.
    let s = tm_with_wheezy("en", "fr");
    let (score, target) = fill_of(&pretranslate(&s, &more(JESSIE, "en"), "en", "fr"), "43,000 other");
    assert!(score.unwrap() >= 75, "{score:?}");
    // The TM's French writes a plain space in numbers: the new values keep it.
    assert_eq!(
        target.as_deref(),
        Some("plus de 43 000 autres paquets prêts à l'emploi, construits à partir de plus de 20 100 paquets sources.")
    );
    let s = tm_with_wheezy("es", "fr");
    let (_, target) = fill_of(&pretranslate(&s, &more(JESSIE, "es"), "es", "fr"), "43.000 paquetes");
    let target = target.expect("filled");
    assert!(target.contains("43 000") && target.contains("20 100"), "{target}");
}

#[test]
fn french_numbers_come_out_english_and_spanish() {
    let s = tm_with_wheezy("fr", "en");
    let (_, target) = fill_of(&pretranslate(&s, &more(JESSIE, "fr"), "fr", "en"), "43 000 paquets");
    let target = target.expect("filled");
    assert!(target.contains("43,000") && target.contains("20,100"), "{target}");
    let s = tm_with_wheezy("fr", "es");
    let (_, target) = fill_of(&pretranslate(&s, &more(JESSIE, "fr"), "fr", "es"), "43 000 paquets");
    let target = target.expect("filled");
    assert!(target.contains("43.000") && target.contains("20.100"), "{target}");
}

/// Debian 8's announcement checked against its published translations: the
/// only number error is the French translator's real one (`Intel IA-21` for
/// `IA-32`, line 30); every French number, date and time (`43 000`, `25 avril
/// 2015`, …) pairs with its English and Spanish form.
#[test]
fn a_french_release_checked_against_its_own_translation_has_only_its_real_number_error() {
    for (from, to) in [("en", "fr"), ("fr", "en"), ("es", "fr"), ("fr", "es")] {
        let s = Scratch::new();
        let o = s.run(&["align", &more(JESSIE, from), &more(JESSIE, to), "--from", from, "--to", to, "--import"]);
        assert!(o.status.success(), "{}", stderr(&o));
        let o = s.run(&["check", &more(JESSIE, from), "--from", from, "--to", to, "--format", "json"]);
        let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
        let numbers: Vec<String> = v["files"][0]["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["check"] == "number-mismatch")
            .map(|f| f["message"].as_str().unwrap().to_string())
            .collect();
        // `IA-32` is an alphanumeric code: compared, and named, whole.
        let want = if from == "fr" {
            "source has ia-21 where target has ia-32"
        } else {
            "source has ia-32 where target has ia-21"
        };
        assert_eq!(numbers, vec![want.to_string()], "{from}->{to}");
        let translated = v["summary"]["translated"].as_u64().unwrap();
        assert!(translated * 10 >= v["summary"]["segments"].as_u64().unwrap() * 8, "{from}->{to}: {v}");
        let a = s.run(&["analyze", &more(JESSIE, from), "--from", from, "--to", to, "--format", "json"]);
        let v: serde_json::Value = serde_json::from_str(&stdout(&a)).unwrap();
        assert_eq!((v["from"].as_str(), v["to"].as_str()), (Some(from), Some(to)));
    }
}

#[test]
fn a_changed_french_number_is_a_number_error() {
    let s = Scratch::new();
    let (en, fr) = (s.path("r.en.txt"), s.path("r.fr.txt"));
    std::fs::write(&en, "The archive holds 43,000 packages since April 25th, 2015.\n").unwrap();
    std::fs::write(&fr, "L'archive contient 34 000 paquets depuis le 25 avril 2015.\n").unwrap();
    let (en, fr) = (en.to_str().unwrap(), fr.to_str().unwrap());
    assert!(s.run(&["align", en, fr, "--import"]).status.success());
    let o = s.run(&["check", en, "--from", "en", "--to", "fr"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).contains("number-mismatch: source has 43,000 where target has 34000"), "{}", stdout(&o));
    std::fs::write(s.path("r.fr.txt"), "L'archive contient 43\u{202f}000 paquets depuis le 25 avril 2015.\n").unwrap();
    let s2 = Scratch::new();
    assert!(s2.run(&["align", en, fr, "--import"]).status.success());
    let o = s2.run(&["check", en, "--from", "en", "--to", "fr"]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
}
