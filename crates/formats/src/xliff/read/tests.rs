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
