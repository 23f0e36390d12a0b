//! `memoria merge`: the translated release from an XLIFF that `pretranslate`
//! wrote and a translator finished, for text and HTML releases, XLIFF 1.2
//! and 2.1; a changed release is refused; `--import` feeds the TM.
mod common;
use common::*;

/// Copies the new sample release into the scratch folder, pretranslates it
/// from the six sample releases' TM as `format`, and returns (release, xliff).
fn pretranslated(s: &Scratch, format: &str) -> (String, String) {
    let rel = s.path("lts.es.txt");
    std::fs::copy(sample("new/debian-2016-squeeze-lts-eol.es.txt"), &rel).unwrap();
    let xlf = s.path(&format!("lts.{format}.xlf"));
    let o = s.run(&[
        "pretranslate",
        rel.to_str().unwrap(),
        "--from",
        "es",
        "--to",
        "en",
        "--format",
        format,
        "-o",
        xlf.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    (rel.to_string_lossy().into_owned(), xlf.to_string_lossy().into_owned())
}

#[test]
fn a_translators_target_and_the_fills_make_the_translated_release() {
    let s = all_releases();
    let (rel, xlf) = pretranslated(&s, "xliff12");
    // The translator types unit 3 (no TM match) and leaves the others.
    let x = std::fs::read_to_string(&xlf).unwrap();
    let from = "<source xml:lang=\"es\">No habrá más soporte de seguridad para Debian 6.0.</source>";
    assert!(x.contains(from));
    let x = x.replacen(
        from,
        &format!(
            "{from}<target xml:lang=\"en\" state=\"translated\">Debian 6.0 gets no more security support.</target>"
        ),
        1,
    );
    std::fs::write(&xlf, x).unwrap();
    let o = s.run(&["merge", &xlf]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = std::fs::read_to_string(s.path("lts.en.txt")).unwrap();
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines[2], "Debian 6.0 gets no more security support.");
    assert_eq!(lines[7], "About Debian");
    assert_eq!(lines[0], "El soporte a largo plazo para Debian 6.0 llega al final de su ciclo de vida");
    let err = stderr(&o);
    assert!(err.contains(&format!("{rel}:1:1: untranslated: El soporte a largo plazo")), "{err}");
    assert!(err.contains("8 of 15 units translated, 7 left in the source language"), "{err}");
    // The release changed since: refused, nothing written.
    std::fs::write(&rel, "Otra cosa.\n").unwrap();
    std::fs::remove_file(s.path("lts.en.txt")).unwrap();
    let o = s.run(&["merge", &xlf]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("changed since"), "{}", stderr(&o));
    assert!(!s.path("lts.en.txt").exists());
}

#[test]
fn xliff21_merges_too_and_import_feeds_the_tm() {
    let s = all_releases();
    let (_, xlf) = pretranslated(&s, "xliff21");
    let x = std::fs::read_to_string(&xlf).unwrap();
    let from = "<segment id=\"s3\" state=\"initial\">\n        <source>No habrá más soporte de seguridad para Debian 6.0.</source>";
    assert!(x.contains(from), "{x}");
    let to = "<segment id=\"s3\" state=\"translated\">\n        <source>No habrá más soporte de seguridad para Debian 6.0.</source>\n        <target>There will be no further security support for Debian 6.0.</target>";
    std::fs::write(&xlf, x.replacen(from, to, 1)).unwrap();
    let out = s.path("out.en.txt");
    let o = s.run(&["merge", &xlf, "-o", out.to_str().unwrap(), "--import"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let text = std::fs::read_to_string(&out).unwrap();
    assert_eq!(text.lines().nth(2), Some("There will be no further security support for Debian 6.0."));
    let o = s.run(&[
        "lookup",
        "No habrá más soporte de seguridad para Debian 6.0.",
        "--from",
        "es",
        "--to",
        "en",
        "--format",
        "json",
    ]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v[0]["score"], 100, "{v}");
    assert_eq!(v[0]["target"], "There will be no further security support for Debian 6.0.");
}

#[test]
fn an_html_release_merges_with_its_inline_codes() {
    let s = Scratch::new();
    align_corpus(&s, "debian-2016-squeeze-lts-eol");
    let page = s.path("lts.es.html");
    std::fs::write(
        &page,
        "<html><body>\n<p>No habrá más soporte de seguridad para <b>Debian 6.0</b>. Frase nueva.</p>\n</body></html>\n",
    )
    .unwrap();
    let xlf = s.path("lts.xlf");
    let o = s.run(&["pretranslate", page.to_str().unwrap(), "--from", "es", "--to", "en", "-o", xlf.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let o = s.run(&["merge", xlf.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(
        std::fs::read_to_string(s.path("lts.en.html")).unwrap(),
        "<html><body>\n<p>There will be no further security support for <b>Debian 6.0</b>. Frase nueva.</p>\n</body></html>\n"
    );
}
