//! Tests of the XLIFF reader.

use super::*;

#[test]
fn reads_source_target_state_and_skips_alt_trans() {
    let x = r#"<?xml version="1.0"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"><file original="a" source-language="es" target-language="en" datatype="plaintext"><body>
<trans-unit id="1"><source>Pulse <bpt id="1">&lt;b&gt;</bpt>Aceptar<ept id="1">&lt;/b&gt;</ept>.</source>
<target state="translated">Press <bpt id="1">&lt;b&gt;</bpt>OK<ept id="1">&lt;/b&gt;</ept>.</target>
<alt-trans match-quality="80"><source>x</source><target>y</target></alt-trans></trans-unit>
<trans-unit id="2"><source>Hola.</source></trans-unit>
</body></file></xliff>"#;
    let u = read_units(x.as_bytes()).unwrap();
    assert_eq!(u.len(), 2);
    assert_eq!(u[0].source.plain_text(), "Pulse Aceptar.");
    assert_eq!(u[0].source.code_count(), 2);
    assert_eq!(u[0].target.as_ref().unwrap().plain_text(), "Press OK.");
    assert_eq!(u[0].state.as_deref(), Some("translated"));
    assert!(u[0].is_translated());
    assert_eq!((u[1].id.as_str(), u[1].target.is_none(), u[1].is_translated()), ("2", true, false));
}

#[test]
fn reads_xliff2_segments() {
    let x = r##"<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" xmlns:mtc="urn:oasis:names:tc:xliff:matches:2.0" version="2.1" srcLang="es" trgLang="en"><file id="f1"><unit id="u1">
<mtc:matches><mtc:match ref="#s1"><source>a</source><target>b</target></mtc:match></mtc:matches>
<segment id="s1" state="translated"><source>Hola.</source><target>Hello.</target></segment></unit></file></xliff>"##;
    let u = read_units(x.as_bytes()).unwrap();
    assert_eq!(u.len(), 1);
    assert_eq!((u[0].id.as_str(), u[0].state.as_deref()), ("s1", Some("translated")));
    assert_eq!(u[0].target.as_ref().unwrap().plain_text(), "Hello.");
}

#[test]
fn seg_source_segments_are_units_and_mrk_is_no_inline_code() {
    let x = r#"<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"><file original="a" source-language="es" target-language="en" datatype="plaintext"><body>
<trans-unit id="7"><source>Pulse el botón. Otra cosa.</source>
<seg-source><mrk mtype="seg" mid="1">Pulse el <g id="1">botón</g>.</mrk> <mrk mtype="seg" mid="2">Otra cosa.</mrk></seg-source>
<target state="translated"><mrk mtype="seg" mid="1">Press the <g id="1">button</g>.</mrk> <mrk mtype="seg" mid="2"></mrk></target></trans-unit>
<trans-unit id="8"><source>Hola <mrk mtype="term">Debian</mrk>.</source><target>Hello <mrk mtype="term">Debian</mrk>.</target></trans-unit>
</body></file></xliff>"#;
    let u = read_units(x.as_bytes()).unwrap();
    let got: Vec<(&str, String, Option<String>, usize)> = u
        .iter()
        .map(|u| {
            let t = u.target.as_ref().map(Content::plain_text);
            (u.id.as_str(), u.source.plain_text(), t, u.target.as_ref().map_or(0, Content::code_count))
        })
        .collect();
    assert_eq!(
        got,
        [
            ("7:1", "Pulse el botón.".to_string(), Some("Press the button.".to_string()), 1),
            ("7:2", "Otra cosa.".to_string(), Some(String::new()), 0),
            ("8", "Hola Debian.".to_string(), Some("Hello Debian.".to_string()), 0),
        ]
    );
    assert!(u[0].is_translated() && !u[1].is_translated());
}

#[test]
fn a_plain_text_file_is_not_taken_for_xliff() {
    // A release given as --xliff by mistake: it used to be "root element is <press@debian.org>".
    let e = read_units("\nPara más información escriba a <press@debian.org>.\n".as_bytes()).unwrap_err();
    assert_eq!((e.line, e.column), (2, 1), "{e}");
    assert_eq!(e.what, "text before any element; expected an XLIFF 1.2 or 2.x document");
}

#[test]
fn malformed_xml_is_located() {
    let e = read_units(b"<xliff version=\"1.2\">\n<file><body>\n<trans-unit id=\"1\"><source>a</target>").unwrap_err();
    assert_eq!(e.line, 3, "{e}");
    assert!(e.what.contains("</target>"), "{e}");
}

/// An XLIFF 1.2 document of `body` (trans-units, one a line from line 3).
fn xliff12(body: &str) -> Vec<u8> {
    format!(
        "<?xml version=\"1.0\"?>\n<xliff version=\"1.2\" xmlns=\"urn:oasis:names:tc:xliff:document:1.2\"><file original=\"a\" source-language=\"es\" target-language=\"en\" datatype=\"plaintext\"><body>\n{body}</body></file></xliff>\n"
    )
    .into_bytes()
}

#[test]
fn units_across_window_refills_are_read_whole() {
    // ~12 MB: several refills of the window, events and characters of two
    // bytes cut at many offsets.
    let n = 60_000;
    let body: String = (0..n)
        .map(|i| {
            format!(
                "<trans-unit id=\"{i}\"><source>Año {i} &amp; <g id=\"1\" ctype=\"bold\">más</g> niño</source><target state=\"translated\">Year {i} &amp; more ñ</target></trans-unit>\n"
            )
        })
        .collect();
    let u = read_units(&xliff12(&body)).unwrap();
    assert_eq!(u.len(), n);
    for i in [0, 1, 8_191, 8_192, 30_000, n - 1] {
        assert_eq!(u[i].id, i.to_string());
        assert_eq!(u[i].line, 3 + i, "unit {i}");
        assert_eq!(u[i].source.plain_text(), format!("Año {i} & más niño"));
        assert_eq!(u[i].source.code_count(), 1);
        assert_eq!(u[i].target.as_ref().unwrap().plain_text(), format!("Year {i} & more ñ"));
    }
}

#[test]
fn an_event_longer_than_the_window_is_read_whole() {
    // An SDLXLIFF-like embedded original (5 MB of base64 in one text), a
    // source of 3 MB of two-byte characters, and a comment of 4 MB, among
    // units: the window grows for each, and the units after them are read
    // with their lines.
    let unit = |i: usize| {
        format!("<trans-unit id=\"{i}\"><source>Hola {i}</source><target state=\"translated\">Hello {i}</target></trans-unit>\n")
    };
    let filler: String = (0..20_000).map(unit).collect();
    let long_text = "ñ".repeat(1_500_000);
    let body = format!(
        "{filler}<trans-unit id=\"long\"><source>{long_text}</source><target state=\"translated\">x</target></trans-unit>\n\
         <!-- {} -->\n{}{filler}",
        "c".repeat(4 << 20),
        unit(20_001)
    );
    let mut doc = xliff12(&body);
    // The internal file in the header of a second <file>.
    let pos = doc.len() - "</body></file></xliff>\n".len();
    let second = format!(
        "</body></file><file original=\"b\" source-language=\"es\" target-language=\"en\" datatype=\"x\"><header><skl><internal-file form=\"base64\">{}</internal-file></skl></header><body>\n{}",
        "QUJD".repeat(5 << 18),
        unit(30_000)
    );
    doc.splice(pos..pos, second.into_bytes());
    let u = read_units(&doc).unwrap();
    assert_eq!(u.len(), 20_000 + 1 + 1 + 20_000 + 1);
    assert_eq!(u[20_000].id, "long");
    assert_eq!(u[20_000].source.plain_text(), long_text);
    assert_eq!((u[20_001].id.as_str(), u[20_001].line), ("20001", 3 + 20_000 + 2));
    assert_eq!(u[40_001].source.plain_text(), "Hola 19999");
    assert_eq!((u[40_002].id.as_str(), u[40_002].file, u[40_002].line), ("30000", 1, 3 + 20_000 + 2 + 20_001 + 1));
}

#[test]
fn malformed_xml_after_many_refills_is_located() {
    let body: String = (0..50_000)
        .map(|i| format!("<trans-unit id=\"{i}\"><source>Año {i}</source><target>Year {i}</target></trans-unit>\n"))
        .collect();
    let doc = xliff12(&format!("{body}<trans-unit id=\"x\"><source>ñ</target></trans-unit>\n"));
    let e = read_units(&doc).unwrap_err();
    assert_eq!(e.line, 3 + 50_000, "{e}");
    assert!(e.what.contains("</target>"), "{e}");
}

#[test]
fn bytes_that_are_not_utf8_are_an_error_not_a_panic() {
    let mut doc = xliff12("<trans-unit id=\"1\"><source>Hola</source><target>Hello \u{1}</target></trans-unit>\n");
    let at = doc.iter().position(|&b| b == 1).unwrap();
    doc[at] = 0xFF;
    let e = read_units(&doc).unwrap_err();
    assert_eq!(e.line, 3, "{e}");
}

#[test]
fn attributes_are_split_as_quick_xml_splits_them() {
    use quick_xml::events::BytesStart;
    for tag in [
        r#"unit"#,
        r#"unit id="u1""#,
        r#"unit   id='u1'	state="a'b" "#,
        "unit\n id=\"1\"\r\n x=\"&amp;ñ\"",
        r#"unit id = "spaced" b="2""#,
        r#"unit a="1"b="2" c="3""#,
        r#"unit a="unclosed"#,
        r#"unit a=noquote b="2""#,
        r#"unit a b="2""#,
        r#"unit ="x" b="2""#,
        r#"unit mq:status="ManuallyConfirmed" id="x>y""#,
    ] {
        let e = BytesStart::from_content(tag, 4);
        let ours: Vec<(Vec<u8>, Vec<u8>)> =
            inline::attributes(&e).map(|a| (a.key.as_ref().to_vec(), a.value.to_vec())).collect();
        let mut all = e.attributes();
        all.with_checks(false);
        let theirs: Vec<(Vec<u8>, Vec<u8>)> =
            all.flatten().map(|a| (a.key.as_ref().to_vec(), a.value.to_vec())).collect();
        assert_eq!(ours, theirs, "{tag}");
    }
}

#[test]
fn inline_elements_nested_without_end_are_an_error_not_a_stack_overflow() {
    let e =
        read_units(&xliff12(&format!("<trans-unit id=\"1\"><source>{}</source></trans-unit>", "<g>a".repeat(100_000))))
            .unwrap_err();
    assert_eq!(e.what, "inline elements nested more than 32 deep");
    assert_eq!(e.line, 3, "{e}");
}
