//! `memoria import` of XLIFF: every producer file of `../shared/corpus/xliff/`
//! with the TUs and skip reasons the rules give (read by hand from each
//! file: see its SOURCES.md), mixed TMX and XLIFF, languages, bad input.
mod common;
use common::*;

/// `import --format json` of `file` into a fresh TM: (segments, TUs handed
/// to the TM, skip reasons as JSON).
fn import_report(s: &Scratch, file: &str, extra: &[&str]) -> (u64, u64, String) {
    let mut args = vec!["import", file, "--format", "json"];
    args.extend(extra);
    let o = s.run(&args);
    assert_eq!(o.status.code(), Some(0), "{file}: {}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let f = &v["files"][0];
    let skipped = f.get("skipped").map(|s| s.to_string()).unwrap_or_else(|| "{}".into());
    (f["tus"].as_u64().unwrap(), f["read"].as_u64().unwrap(), skipped)
}

#[test]
fn every_corpus_xliff_imports_with_the_translations_its_states_say() {
    // (file, segments, TUs, skip reasons). Traps: memoQ's empty NotStarted targets,
    // WorldServer's placeholder-only targets, Rainbow's copies of the source,
    // Trados drafts and translate="no" structure units, 2.x translate="no"
    // inherited from <file> and overridden on a unit, XTM's signed-off state.
    let expected: [(&str, u64, u64, &str); 14] = [
        ("24xliff_file-xliff-BUGS1221.xlf", 7, 4, r#"{"empty-source":3}"#),
        ("maxprograms-javapm_SF-12-Test02.xlf", 98, 90, r#"{"no-target":8}"#),
        ("memoq-4_MQ-12-Test01.xlf", 119, 0, r#"{"empty-source":1,"empty-target":118}"#),
        ("okapi-rainbow_RB-12-Test02.xlf", 11, 0, r#"{"copied-source":7,"no-target":4}"#),
        ("okapi-rainbow_xlifftest.out.xlf", 15, 1, r#"{"copied-source":11,"empty-source":2,"translate-no":1}"#),
        ("translate-toolkit_odf2xliff_inline-reference.xlf", 4, 0, r#"{"no-target":4}"#),
        ("typo3_Typo3Draft.xlf", 6, 4, r#"{"no-target":2}"#),
        ("worldserver-9_test1_es.xlf", 140, 2, r#"{"codes-only-target":90,"empty-target":48}"#),
        ("xliff2-okapi_comprehensive_data_input.xlf", 5, 1, r#"{"no-target":1,"not-translated":2,"translate-no":1}"#),
        ("xliff2-okapi_test01.xlf", 5, 1, r#"{"no-target":3,"not-translated":1}"#),
        ("xtm_StatusSample.docx.xlf", 8, 3, r#"{"empty-target":5}"#),
        (
            "sdl-studio_32415989.sdlxliff",
            200,
            0,
            r#"{"codes-only-target":16,"draft":8,"empty-source":15,"empty-target":27,"translate-no":134}"#,
        ),
        ("sdl-studio_test.txt_en-US_fr-FR.sdlxliff", 7, 4, r#"{"draft":1,"translate-no":2}"#),
        ("sdl-studio_test1.docx.sdlxliff", 6, 6, "{}"),
    ];
    for (file, segments, tus, skipped) in expected {
        let s = Scratch::new();
        let got = import_report(&s, &corpus(&format!("xliff/{file}")), &[]);
        assert_eq!(got, (segments, tus, skipped.to_string()), "{file}");
    }
}

#[test]
fn drafts_come_in_only_when_asked_and_min_state_narrows() {
    let sdl = corpus("xliff/sdl-studio_test.txt_en-US_fr-FR.sdlxliff");
    let s = Scratch::new();
    assert_eq!(import_report(&s, &sdl, &["--include-drafts"]).1, 5);
    let s = Scratch::new();
    // ApprovedSignOff ×2 are final; Translated ×2 are not.
    assert_eq!(
        import_report(&s, &sdl, &["--min-state", "final"]),
        (7, 2, r#"{"below-min-state":2,"draft":1,"translate-no":2}"#.into())
    );
}

#[test]
fn an_imported_translation_is_a_match_and_exports_as_valid_tmx_with_its_codes() {
    let s = Scratch::new();
    let x = s.path("reviewed.xlf");
    std::fs::write(
        &x,
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<xliff version=\"1.2\" xmlns=\"urn:oasis:names:tc:xliff:document:1.2\">\
         <file original=\"a.es.txt\" source-language=\"es\" target-language=\"en\" datatype=\"plaintext\"><body>\
         <trans-unit id=\"1\" resname=\"intro\"><source>Pulse <g id=\"1\">Aceptar</g> ahora.</source>\
         <target state=\"translated\">Press <g id=\"1\">OK</g> now.</target>\
         <alt-trans match-quality=\"80\"><source>Pulse Cancelar.</source><target>Press Cancel.</target></alt-trans></trans-unit>\
         <trans-unit id=\"2\"><source>Hola.</source><target state=\"new\">Hello.</target></trans-unit>\
         </body></file></xliff>\n",
    )
    .unwrap();
    let o = s.run(&["import", x.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains("2 segments (XLIFF 1.2, UTF-8), 1 added"), "{}", stdout(&o));
    let o = s.run(&["lookup", "Pulse Aceptar ahora.", "--from", "es", "--to", "en", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    // <g> wraps translatable text (TMX <hi>): the matcher sees "Pulse Aceptar ahora.".
    assert_eq!(v[0]["score"], 100, "{v}");
    assert_eq!(v[0]["target"], "Press OK now.");
    // The alt-trans and the state="new" unit are no TUs.
    let o = s.run(&["lookup", "Pulse Cancelar.", "--from", "es", "--to", "en", "--format", "json"]);
    assert!(!stdout(&o).contains("Press Cancel."), "{}", stdout(&o));
    let o = s.run(&["lookup", "Hola.", "--from", "es", "--to", "en", "--format", "json"]);
    assert_eq!(stdout(&o).trim(), "[]");
    let tmx = s.path("out.tmx");
    let o = s.run(&["export", "-o", tmx.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let t = std::fs::read_to_string(&tmx).unwrap();
    assert!(t.contains("<seg>Press <hi x=\"1\">OK</hi> now.</seg>"), "{t}");
    assert!(t.contains("<prop type=\"x-xliff-resname\">intro</prop>"), "{t}");
}

#[test]
fn tmx_and_xliff_go_in_one_transaction_and_languages_must_agree() {
    let s = Scratch::new();
    let tmx = sample("tmx/omegat-test-multiple-tuv14.tmx");
    let xlf = corpus("xliff/typo3_Typo3Draft.xlf");
    let o = s.run(&["import", &tmx, &xlf]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let stats = stdout(&s.run(&["stats"]));
    assert!(stats.starts_with("TUs: 7\n"), "{stats}");
    // The file says EN -> DE: --to fr is refused, nothing imported.
    let s = Scratch::new();
    let o = s.run(&["import", &tmx, &xlf, "--to", "fr"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("typo3_Typo3Draft.xlf:") && stderr(&o).contains("target language is de but --to is fr"),
        "{}",
        stderr(&o)
    );
    assert!(!s.db().exists() || stdout(&s.run(&["stats"])).starts_with("TUs: 0\n"));
}

#[test]
fn bad_xliff_is_located_and_never_expands_entities() {
    let s = Scratch::new();
    let bad = s.path("bad.xlf");
    std::fs::write(&bad, "<xliff version=\"1.2\">\n<file source-language=\"es\" target-language=\"en\"><body>\n<trans-unit id=\"1\"><source>a</target>").unwrap();
    let o = s.run(&["import", bad.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("bad.xlf:3:"), "{}", stderr(&o));
    let bomb = s.path("bomb.xlf");
    std::fs::write(
        &bomb,
        "<?xml version=\"1.0\"?>\n<!DOCTYPE xliff [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;\"><!ENTITY ext SYSTEM \"file:///etc/passwd\">]>\n\
         <xliff version=\"1.2\"><file source-language=\"es\" target-language=\"en\"><body>\
         <trans-unit id=\"1\"><source>Hola &b;</source><target state=\"translated\">Hello &ext;</target></trans-unit></body></file></xliff>\n",
    )
    .unwrap();
    let o = s.run(&["import", bomb.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(!stderr(&o).contains("root:"), "{}", stderr(&o));
    // A release given as a TM file is named for what it is.
    let o = s.run(&["import", &sample("new/debian-2016-squeeze-lts-eol.es.txt")]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("not a TMX or XLIFF file (not XML"), "{}", stderr(&o));
}
