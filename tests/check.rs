//! `memoria check`: each QA check with a failing and a passing case from the
//! real releases in samples/ (the TM built from their published
//! translations), the exit codes, and the CI report formats.
mod common;
use common::*;

fn es(slug: &str) -> String {
    sample(&format!("releases/{slug}.es.txt"))
}

fn check(s: &Scratch, files: &[&str], extra: &[&str]) -> (Option<i32>, String, String) {
    let mut args = vec!["check"];
    args.extend(files);
    args.extend(["--from", "es", "--to", "en"]);
    args.extend(extra);
    let o = s.run(&args);
    (o.status.code(), stdout(&o), stderr(&o))
}

/// The report lines of `check` at `file:line:col`.
fn at(out: &str, file: &str, line: usize, col: usize) -> Vec<String> {
    let p = format!("{file}:{line}:{col}: ");
    out.lines().filter(|l| l.starts_with(&p)).map(|l| l[p.len()..].to_string()).collect()
}

/// Pre-translates the release `slug` from the scratch TM, applies `edits` to
/// the XLIFF as a translator would (each to the first occurrence of `from`:
/// the unit's own source or target comes before its alt-trans), and returns
/// its path.
fn edited_xliff(s: &Scratch, slug: &str, edits: &[(&str, &str)]) -> String {
    let xlf = s.path(&format!("{slug}.xlf"));
    let o = s.run(&["pretranslate", &es(slug), "--from", "es", "--to", "en", "-o", xlf.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let mut x = std::fs::read_to_string(&xlf).unwrap();
    for (from, to) in edits {
        assert!(x.contains(from), "{from} is not in the XLIFF");
        x = x.replacen(from, to, 1);
    }
    std::fs::write(&xlf, x).unwrap();
    xlf.to_string_lossy().into_owned()
}

#[test]
fn untranslated_segments_are_errors_with_their_place_in_the_release() {
    let s = all_releases();
    let new = sample("new/debian-2016-squeeze-lts-eol.es.txt");
    let (code, out, err) = check(&s, &[&new], &[]);
    assert_eq!(code, Some(1), "{err}");
    assert_eq!(
        at(&out, &new, 1, 1),
        ["untranslated: El soporte a largo plazo para Debian 6.0 llega al final de su ciclo de vida"]
    );
    assert_eq!(
        at(&out, &new, 4, 104),
        ["untranslated: El equipo LTS pasará a encargarse de su soporte, relevando al equipo de seguridad, el 26 de abril de 2016."]
    );
    // "Acerca de Debian" (line 8) is in the TM: not reported.
    assert!(at(&out, &new, 8, 1).is_empty(), "{out}");
    assert!(err.contains("5 of 15 segments translated (33.3%)"), "{err}");
}

#[test]
fn number_mismatch_debconf12_for_debconf13_is_an_error() {
    let slug = "debian-2012-debconf13-switzerland";
    let s = tm_with(&[slug]);
    let (code, out, _) = check(&s, &[&es(slug)], &[]);
    assert_eq!(code, Some(1));
    // es: "…futuros organizadores de la DebConf12…", en: "…future organizers of DebConf13…".
    assert_eq!(at(&out, &es(slug), 6, 1), ["number-mismatch: source has debconf12 where target has debconf13"]);
    // Passing: "…acerca de la DebConf12…" = "…about DebConf12…".
    assert!(at(&out, &es(slug), 13, 1).is_empty(), "{out}");
}

#[test]
fn numbers_are_compared_by_value_in_each_language() {
    let slug = "debian-2011-squeeze-released";
    let s = tm_with(&[slug]);
    let (_, out, _) = check(&s, &[&es(slug)], &[]);
    // es "más de 29,000 paquetes … a partir de 15.000 paquetes fuente" = en "29,000 … 15,000".
    assert!(at(&out, &es(slug), 32, 1).is_empty(), "{out}");
    // es "6 de febrero de 2011"-style dates and versions ("Linux 2.6.32") pass too.
    assert!(!out.contains(":21:1: number-mismatch"), "{out}");
}

#[test]
fn url_mismatch_https_for_http_is_an_error() {
    let slug = "debian-2016-debconf16-closes";
    let s = tm_with(&[slug]);
    let (code, out, _) = check(&s, &[&es(slug)], &[]);
    assert_eq!(code, Some(1));
    assert_eq!(
        at(&out, &es(slug), 14, 1),
        ["url-mismatch: URLs differ: source has https://debconf16.debconf.org, target has http://debconf16.debconf.org"]
    );
    // Passing: the contact line of another release keeps https://www.debian.org/.
    let other = "debian-2012-lenny-security-end";
    let s = tm_with(&[other]);
    let (code, out, _) = check(&s, &[&es(other)], &[]);
    assert_eq!((code, out.as_str()), (Some(0), ""));
}

#[test]
fn same_as_source_flags_an_english_heading_left_in_a_spanish_release() {
    let slug = "debian-2016-debconf16-closes";
    let s = tm_with(&[slug]);
    let (_, out, _) = check(&s, &[&es(slug)], &[]);
    // "About Hewlett Packard Enterprise" stands in both versions.
    assert_eq!(at(&out, &es(slug), 11, 1), ["warning: same-as-source: the target is the source text, untranslated"]);
    // Passing: "Acerca de Debian" → "About Debian"; and "X.Org 7.5" (a name and a version) is skipped.
    assert!(at(&out, &es(slug), 7, 1).is_empty());
    let sq = "debian-2011-squeeze-released";
    let s = tm_with(&[sq]);
    let (_, out, _) = check(&s, &[&es(sq)], &[]);
    assert!(at(&out, &es(sq), 13, 1).is_empty(), "{out}");
    assert!(at(&out, &es(sq), 30, 1).is_empty(), "OpenJDK 6b18: {out}");
}

#[test]
fn inconsistent_translations_of_one_source_across_releases_warn() {
    let (sq, lenny) = ("debian-2011-squeeze-released", "debian-2012-lenny-security-end");
    let s = tm_with(&[sq, lenny]);
    let (code, out, err) = check(&s, &[&es(sq), &es(lenny)], &[]);
    // "Debian es un sistema operativo libre desarrollado por miles de voluntarios…" is
    // "…developed by thousands of volunteers…" in one and "…by more than thousand…" in the other.
    let (thousands, more_than) = (
        "«Debian is a free operating system, developed by thousands of volunteers from all over the world who collaborate via the Internet.»",
        "«Debian is a free operating system, developed by more than thousand volunteers from all over the world who collaborate via the Internet.»",
    );
    let found = at(&out, &es(lenny), 11, 1);
    assert_eq!(found.len(), 1, "{out}");
    assert!(
        found[0].starts_with("warning: inconsistent: translated «Debian is a free operating system"),
        "{}",
        found[0]
    );
    assert!(found[0].contains(thousands) && found[0].contains(more_than), "{}", found[0]);
    assert!(found[0].ends_with("for this source"), "{}", found[0]);
    assert_eq!(at(&out, &es(sq), 42, 1).len(), 1, "{out}");
    // Still translated: two translations are not none.
    assert!(err.contains("100 of 100 segments translated (100.0%)"), "{err}");
    assert_eq!(code, Some(0), "warnings only (number-added, same-as-source, inconsistent): {out}");
    // Passing: "Acerca de Debian" is "About Debian" everywhere.
    assert!(at(&out, &es(lenny), 10, 1).is_empty(), "{out}");
    assert!(at(&out, &es(sq), 41, 1).is_empty(), "{out}");
}

#[test]
fn email_mismatch_in_an_edited_xliff_is_an_error() {
    let slug = "debian-2012-lenny-security-end";
    let s = tm_with(&[slug]);
    let good = edited_xliff(&s, slug, &[]);
    let (code, out, _) = check(&s, &[&es(slug)], &["--xliff", &good]);
    assert_eq!((code, out.as_str()), (Some(0), ""));
    let bad = edited_xliff(
        &s,
        slug,
        &[("send mail to &lt;press@debian.org&gt;.</target>", "send mail to &lt;prensa@debian.org&gt;.</target>")],
    );
    let (code, out, _) = check(&s, &[&es(slug)], &["--xliff", &bad]);
    assert_eq!(code, Some(1));
    assert_eq!(
        at(&out, &es(slug), 14, 1),
        ["email-mismatch: e-mail addresses differ: source has press@debian.org, target has prensa@debian.org"]
    );
}

#[test]
fn tag_mismatch_in_an_edited_xliff_is_an_error() {
    let slug = "debian-2012-lenny-security-end";
    let s = tm_with(&[slug]);
    let bold = "<bpt id=\"1\">&lt;b&gt;</bpt>Acerca de Debian<ept id=\"1\">&lt;/b&gt;</ept>";
    let src = ("<source xml:lang=\"es\">Acerca de Debian</source>", format!("<source xml:lang=\"es\">{bold}</source>"));
    // Passing: the translator kept the bold code.
    let kept = "<bpt id=\"1\">&lt;b&gt;</bpt>About Debian<ept id=\"1\">&lt;/b&gt;</ept>";
    let good = edited_xliff(&s, slug, &[(src.0, &src.1), ("\">About Debian</target>", &format!("\">{kept}</target>"))]);
    let (code, out, _) = check(&s, &[&es(slug)], &["--xliff", &good]);
    assert_eq!((code, out.as_str()), (Some(0), ""));
    // Failing: the target lost it.
    let bad = edited_xliff(&s, slug, &[(src.0, &src.1)]);
    let (code, out, _) = check(&s, &[&es(slug)], &["--xliff", &bad]);
    assert_eq!(code, Some(1));
    assert_eq!(at(&out, &es(slug), 10, 1), ["tag-mismatch: source has 1 begin, 1 end, target has no inline codes"]);
}

#[test]
fn whitespace_and_end_punctuation_in_an_edited_xliff_warn() {
    let slug = "debian-2012-lenny-security-end";
    let s = tm_with(&[slug]);
    let bad = edited_xliff(
        &s,
        slug,
        &[
            ("Upgrading to Debian 6.0 alias “Squeeze”</target>", "Upgrading to  Debian 6.0 alias “Squeeze”</target>"),
            ("send mail to &lt;press@debian.org&gt;.</target>", "send mail to &lt;press@debian.org&gt;</target>"),
        ],
    );
    let (code, out, _) = check(&s, &[&es(slug)], &["--xliff", &bad]);
    assert_eq!(code, Some(0), "warnings do not fail by default: {out}");
    assert_eq!(at(&out, &es(slug), 8, 1), ["warning: whitespace: double space in the target"]);
    assert_eq!(
        at(&out, &es(slug), 14, 1),
        ["warning: end-punctuation: source ends with «.», target with no punctuation"]
    );
    let (code, _, _) = check(&s, &[&es(slug)], &["--xliff", &bad, "--fail-on", "warning"]);
    assert_eq!(code, Some(1));
    // Passing, quote-aware: «el sistema operativo universal». = “universal operating system”.
    let dc = "debian-2012-debconf13-switzerland";
    let s = tm_with(&[dc]);
    let (_, out, _) = check(&s, &[&es(dc)], &[]);
    assert!(!out.contains("end-punctuation"), "{out}");
}

#[test]
fn fail_on_and_min_translated_set_the_exit_code() {
    let s = all_releases();
    let new = sample("new/debian-2016-squeeze-lts-eol.es.txt");
    assert_eq!(check(&s, &[&new], &["--fail-on", "never"]).0, Some(0));
    // 5 of 15 segments (33.3 %) are translated.
    assert_eq!(check(&s, &[&new], &["--min-translated", "30"]).0, Some(0));
    let (code, _, err) = check(&s, &[&new], &["--min-translated", "40"]);
    assert_eq!(code, Some(1));
    assert!(err.contains("translated share 33.3% is below --min-translated 40"), "{err}");
    let (code, _, err) = check(&s, &[&new], &["--disable", "spelling"]);
    assert_eq!(code, Some(2));
    assert!(err.contains("--disable: unknown check `spelling`"), "{err}");
    let (code, _, err) = check(&s, &[&new], &["--min-translated", "120"]);
    assert_eq!(code, Some(2), "{err}");
}

#[test]
fn malformed_xliff_is_exit_2_with_line_and_column() {
    let s = Scratch::new();
    let x = s.path("bad.xlf");
    std::fs::write(&x, "<xliff version=\"1.2\">\n<file><body>\n<trans-unit id=\"1\"><source>a</target>\n").unwrap();
    let (code, _, err) =
        check(&s, &[&sample("new/debian-2016-squeeze-lts-eol.es.txt")], &["--xliff", x.to_str().unwrap()]);
    assert_eq!(code, Some(2));
    assert!(err.contains("bad.xlf: line 3, column"), "{err}");
    assert!(err.contains("malformed XML") && err.contains("</target>"), "{err}");
}

#[test]
fn github_format_is_one_workflow_command_per_finding() {
    let slug = "debian-2016-debconf16-closes";
    let s = tm_with(&[slug]);
    let (code, out, _) = check(&s, &[&es(slug)], &["--format", "github"]);
    assert_eq!(code, Some(1));
    let f = es(slug);
    assert_eq!(
        out.lines().collect::<Vec<_>>(),
        [
            format!("::error file={f},line=10,col=417,title=url-mismatch::URLs differ: source has https://debconf.org, target has http://debconf.org"),
            format!("::warning file={f},line=11,col=1,title=same-as-source::the target is the source text, untranslated"),
            format!("::error file={f},line=14,col=1,title=url-mismatch::URLs differ: source has https://debconf16.debconf.org, target has http://debconf16.debconf.org"),
        ]
    );
}

#[test]
fn junit_has_a_suite_per_file_a_case_per_segment_and_failures_for_errors() {
    let slug = "debian-2016-debconf16-closes";
    let s = tm_with(&[slug]);
    let (_, out, _) = check(&s, &[&es(slug)], &["--format", "junit"]);
    let f = es(slug);
    assert!(out.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"memoria check\" tests=\"23\" failures=\"2\" errors=\"0\""), "{out}");
    assert!(out.contains(&format!("<testsuite name=\"{f}\" tests=\"23\" failures=\"2\" errors=\"0\" skipped=\"0\"")));
    assert_eq!(out.matches("<testcase ").count(), 23);
    assert_eq!(out.matches("<failure type=\"url-mismatch\"").count(), 2);
    assert!(out.contains(&format!("<testcase classname=\"{f}\" name=\"{f}:14:1\" file=\"{f}\" line=\"14\" time=\"0\">\n      <failure type=\"url-mismatch\" message=\"URLs differ: source has https://debconf16.debconf.org, target has http://debconf16.debconf.org\">")), "{out}");
    // The warning is not a failure at --fail-on error: it goes to system-out.
    assert!(
        out.contains("<system-out>warning: same-as-source: the target is the source text, untranslated</system-out>")
    );
    assert!(out.trim_end().ends_with("</testsuite>\n</testsuites>"));
    let (_, out, _) = check(&s, &[&es(slug)], &["--format", "junit", "--fail-on", "warning"]);
    assert!(out.contains("failures=\"3\""), "{out}");
}

#[test]
fn sarif_and_json_locate_findings_in_the_release() {
    let slug = "debian-2012-debconf13-switzerland";
    let s = tm_with(&[slug]);
    let sarif = s.path("check.sarif");
    let (code, out, _) = check(&s, &[&es(slug)], &["--format", "sarif", "-o", sarif.to_str().unwrap()]);
    assert_eq!((code, out.as_str()), (Some(1), ""), "the report goes to the file");
    let v: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&sarif).unwrap()).unwrap();
    assert_eq!(v["version"], "2.1.0");
    let run = &v["runs"][0];
    assert_eq!(run["tool"]["driver"]["name"], "memoria");
    assert_eq!(run["tool"]["driver"]["rules"].as_array().unwrap().len(), memoria_leverage::qa::Check::ALL.len());
    let r = run["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["message"]["text"].as_str().unwrap().contains("debconf12"))
        .unwrap();
    assert_eq!(r["ruleId"], "number-mismatch");
    assert_eq!(r["level"], "error");
    let loc = &r["locations"][0]["physicalLocation"];
    assert_eq!(loc["region"]["startLine"], 6);
    assert_eq!(loc["region"]["startColumn"], 1);
    assert!(loc["artifactLocation"]["uri"]
        .as_str()
        .unwrap()
        .ends_with("samples/releases/debian-2012-debconf13-switzerland.es.txt"));

    let (_, out, _) = check(&s, &[&es(slug)], &["--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let file = &v["files"][0];
    assert_eq!(
        (file["segments"].as_u64(), file["translated"].as_u64(), file["untranslated"].as_u64()),
        (Some(32), Some(32), Some(0))
    );
    let f = file["findings"].as_array().unwrap().iter().find(|f| f["line"] == 6).unwrap();
    assert_eq!(f["check"], "number-mismatch");
    assert_eq!(f["severity"], "error");
    assert!(f["target"].as_str().unwrap().contains("DebConf13"));
    assert_eq!(v["summary"]["passed"], false);
}

#[test]
fn xliff21_from_pretranslate_is_checked_without_a_tm() {
    let slug = "debian-2012-lenny-security-end";
    let s = tm_with(&[slug]);
    let xlf = s.path("l.xlf");
    let o = s.run(&[
        "pretranslate",
        &es(slug),
        "--from",
        "es",
        "--to",
        "en",
        "--format",
        "xliff21",
        "-o",
        xlf.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    // A translator empties one target; the check reads only the XLIFF (no TM is opened).
    let x = std::fs::read_to_string(&xlf).unwrap().replace("<target>About Debian</target>", "<target></target>");
    std::fs::write(&xlf, x).unwrap();
    let other = Scratch::new();
    let (code, out, err) = check(&other, &[&es(slug)], &["--xliff", xlf.to_str().unwrap()]);
    assert_eq!(code, Some(1));
    assert_eq!(out, format!("{}:10:1: untranslated: Acerca de Debian\n", es(slug)));
    assert!(err.contains("20 of 21 segments translated (95.2%)"), "{err}");
    assert!(!other.db().exists());
}

/// An XLIFF segmented by a CAT tool (Okapi, Trados, memoQ: `<seg-source>`
/// with `<mrk mtype="seg">`, the same `mrk`s in the target) is checked
/// segment by segment; its `mrk`s used to count as inline codes of the
/// target only (a tag-mismatch error on every segmented unit) and its
/// segments were never matched one by one.
#[test]
fn a_cat_tool_segmented_xliff_is_checked_per_segment_without_tag_errors() {
    let s = Scratch::new();
    let release = sample("new/debian-2016-squeeze-lts-eol.es.txt");
    let line4 = std::fs::read_to_string(&release).unwrap().lines().nth(3).unwrap().to_string();
    let (a, b) = line4.split_at(line4.find(" El equipo LTS pasará").unwrap());
    let xlf = s.path("segmented.xlf");
    std::fs::write(
        &xlf,
        format!(
            r#"<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
<file original="debian-2016-squeeze-lts-eol.es.txt" source-language="es" target-language="en" datatype="plaintext"><body>
<trans-unit id="4"><source>{line4}</source>
<seg-source><mrk mtype="seg" mid="1">{a}</mrk> <mrk mtype="seg" mid="2">{b}</mrk></seg-source>
<target state="translated"><mrk mtype="seg" mid="1">The LTS Team will prepare the transition to Debian 7 (“wheezy”), which is the current oldstable release.</mrk> <mrk mtype="seg" mid="2">The LTS team will take over support from the Security Team on April 26, 2015.</mrk></target>
</trans-unit></body></file></xliff>"#,
            b = b.trim_start()
        ),
    )
    .unwrap();
    let (code, out, err) = check(&s, &[&release], &["--xliff", xlf.to_str().unwrap()]);
    assert_eq!(code, Some(1), "{err}");
    assert_eq!(at(&out, &release, 4, 1), Vec::<String>::new(), "{out}");
    assert_eq!(
        at(&out, &release, 4, 104),
        ["number-mismatch: source has 26 de abril de 2016 where target has April 26, 2015"]
    );
    assert!(!out.contains("tag-mismatch"), "{out}");
    assert!(err.starts_with("2 of 15 segments translated"), "{err}");
}

/// An XLIFF saved as UTF-16 (with its byte-order mark) is read like the
/// UTF-8 one; it used to fail with "not UTF-8 (invalid utf-8 sequence of 1
/// bytes from index 0)". A UTF-16 release is refused with a message that says so.
#[test]
fn a_utf16_xliff_is_read_and_a_utf16_release_is_named_as_such() {
    let s = all_releases();
    let slug = "debian-2012-lenny-security-end";
    let xlf = edited_xliff(&s, slug, &[]);
    let utf8 = check(&s, &[&es(slug)], &["--xliff", &xlf, "--fail-on", "warning"]);
    let text = std::fs::read_to_string(&xlf).unwrap();
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    let xlf16 = s.path("utf16.xlf");
    std::fs::write(&xlf16, utf16).unwrap();
    let got = check(&s, &[&es(slug)], &["--xliff", xlf16.to_str().unwrap(), "--fail-on", "warning"]);
    assert_eq!(got, utf8);
    assert_eq!(got.0, Some(0), "{}", got.2);
    assert!(got.2.starts_with("21 of 21 segments translated"), "{}", got.2);

    let mut release16 = vec![0xFF, 0xFE];
    release16.extend("Acerca de Debian\n".encode_utf16().flat_map(u16::to_le_bytes));
    let r16 = s.path("notepad.es.txt");
    std::fs::write(&r16, release16).unwrap();
    let (code, _, err) = check(&s, &[r16.to_str().unwrap()], &[]);
    assert_eq!(code, Some(2));
    assert!(err.contains("notepad.es.txt: line 1, column 1: the file is UTF-16 (little-endian"), "{err}");
}

/// Numbers grouped with spaces (`12 345`, also with a no-break or narrow
/// no-break space, as the RAE writes numbers of more than four digits) equal
/// `12,345` in English; they used to be a number-mismatch error
/// ("source has 12, 345 where target has 12,345").
#[test]
fn numbers_grouped_with_spaces_match_their_english_form() {
    let s = Scratch::new();
    let release = s.path("grupos.es.txt");
    let sources = [
        "Debian 6.0 incluye 12 345 paquetes nuevos.",
        "Hay 29\u{a0}000 paquetes.",
        "Hay 15\u{202f}000 paquetes fuente.",
    ];
    let targets =
        ["Debian 6.0 includes 12,345 new packages.", "There are 29,000 packages.", "There are 15,001 source packages."];
    std::fs::write(&release, sources.join("\n") + "\n").unwrap();
    let units: String = sources
        .iter()
        .zip(targets)
        .enumerate()
        .map(|(i, (s, t))| {
            format!(
                "<trans-unit id=\"{i}\"><source>{s}</source><target state=\"translated\">{t}</target></trans-unit>\n"
            )
        })
        .collect();
    let xlf = s.path("grupos.xlf");
    std::fs::write(
        &xlf,
        format!(
            "<xliff version=\"1.2\" xmlns=\"urn:oasis:names:tc:xliff:document:1.2\"><file original=\"g\" \
             source-language=\"es\" target-language=\"en\" datatype=\"plaintext\"><body>\n{units}</body></file></xliff>"
        ),
    )
    .unwrap();
    let r = release.to_string_lossy().into_owned();
    let (code, out, err) = check(&s, &[&r], &["--xliff", xlf.to_str().unwrap(), "--fail-on", "warning"]);
    assert_eq!(code, Some(1), "{err}");
    assert_eq!(out, format!("{r}:3:1: number-mismatch: source has 15000 where target has 15,001\n"));
}

#[test]
fn an_html_code_the_tm_target_lacks_is_a_tag_mismatch() {
    let s = Scratch::new();
    align_corpus(&s, "debian-2016-squeeze-lts-eol");
    let page = s.path("lts.es.html");
    std::fs::write(&page, "<p>No habrá más soporte de seguridad para <b>Debian 6.0</b>.</p>\n").unwrap();
    let page = page.to_string_lossy().into_owned();
    let (code, out, _) = check(&s, &[&page], &[]);
    assert_eq!(code, Some(1));
    assert_eq!(at(&out, &page, 1, 4), ["tag-mismatch: source has 1 begin, 1 end, target has no inline codes"]);
    // The same sentence without markup passes.
    let plain = s.path("lts.es.txt");
    std::fs::write(&plain, "No habrá más soporte de seguridad para Debian 6.0.\n").unwrap();
    let (code, out, _) = check(&s, &[plain.to_str().unwrap()], &[]);
    assert_eq!((code, out.as_str()), (Some(0), ""));
}

/// check --xliff pairs units by place: a repeated sentence whose second
/// unit was emptied is untranslated there (by source text it took the first
/// one's target and passed), and two translations of one source warn.
#[test]
fn a_repeated_sentence_left_empty_in_one_place_is_untranslated() {
    let slug = "debian-2012-lenny-security-end";
    let s = tm_with(&[slug]);
    let rel = s.path("twice.es.txt");
    std::fs::write(&rel, "Acerca de Debian\n\nAcerca de Debian\n").unwrap();
    let rel = rel.to_string_lossy().into_owned();
    let xlf = s.path("twice.xlf");
    let o = s.run(&["pretranslate", &rel, "--from", "es", "--to", "en", "-o", xlf.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let x = std::fs::read_to_string(&xlf).unwrap();
    let target = "<target xml:lang=\"en\" state=\"needs-review-translation\" state-qualifier=\"exact-match\">About Debian</target>";
    assert_eq!(x.matches(target).count(), 2, "{x}");
    let second = x.rfind(target).unwrap();
    let emptied = format!("{}<target xml:lang=\"en\"/>{}", &x[..second], &x[second + target.len()..]);
    std::fs::write(&xlf, &emptied).unwrap();
    let (code, out, _) = check(&s, &[&rel], &["--xliff", xlf.to_str().unwrap()]);
    assert_eq!(code, Some(1), "{out}");
    assert_eq!(at(&out, &rel, 1, 1), Vec::<String>::new());
    assert_eq!(at(&out, &rel, 3, 1), ["untranslated: Acerca de Debian"]);
    // Two different translations of the one source: the second warns.
    let other =
        format!("{}{}{}", &x[..second], target.replace("About Debian", "On Debian"), &x[second + target.len()..]);
    std::fs::write(&xlf, other).unwrap();
    let (code, out, _) = check(&s, &[&rel], &["--xliff", xlf.to_str().unwrap()]);
    assert_eq!(code, Some(0), "{out}");
    assert!(at(&out, &rel, 3, 1)[0].starts_with("warning: inconsistent:"), "{out}");
}
