//! The main job end to end on samples/: align earlier releases into a TM,
//! pre-fill the new release, check it.
mod common;
use common::*;

#[test]
fn check_passes_after_importing_the_release_own_translation() {
    let s = Scratch::new();
    let es = sample("releases/debian-2012-lenny-security-end.es.txt");
    let before = s.run(&["check", &es, "--from", "es", "--to", "en"]);
    assert_eq!(before.status.code(), Some(1));
    assert!(
        stdout(&before).contains(&format!("{es}:1:1: untranslated: Soporte de seguridad para Debian 5.0 finalizado")),
        "{}",
        stdout(&before)
    );
    align_import(&s, "debian-2012-lenny-security-end");
    let after = s.run(&["check", &es, "--from", "es", "--to", "en"]);
    assert_eq!(after.status.code(), Some(0), "{}", stdout(&after));
}

#[test]
fn new_release_is_filled_from_earlier_releases() {
    let s = Scratch::new();
    for slug in ["debian-2011-squeeze-released", "debian-2012-lenny-security-end", "debian-2016-debconf16-closes"] {
        align_import(&s, slug);
    }
    let new = sample("new/debian-2016-squeeze-lts-eol.es.txt");
    let o = s.run(&["pretranslate", &new, "--from", "es", "--to", "en", "--format", "text"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let draft = stdout(&o);
    // "Acerca de Debian" occurs verbatim in the earlier releases.
    assert!(draft.lines().any(|l| l == "About Debian"), "{draft}");
    let check = s.run(&["check", &new, "--from", "es", "--to", "en"]);
    assert_eq!(check.status.code(), Some(1));
}

#[test]
fn missing_file_is_exit_2_and_leaves_tm_alone() {
    let s = Scratch::new();
    align_import(&s, "debian-2012-new-archive-machine");
    let before = stdout(&s.run(&["stats", "--format", "json"]));
    let o = s.run(&[
        "align",
        "/nonexistent.es.txt",
        &sample("releases/debian-2012-new-archive-machine.en.txt"),
        "--from",
        "es",
        "--to",
        "en",
        "--import",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("/nonexistent.es.txt: cannot read"), "{}", stderr(&o));
    assert_eq!(stdout(&s.run(&["stats", "--format", "json"])), before);
}

#[test]
fn non_utf8_text_is_located() {
    let s = Scratch::new();
    let p = s.path("bad.es.txt");
    std::fs::write(&p, b"Hola.\nCa\xF1a.\n").unwrap();
    let o = s.run(&["segment", p.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("bad.es.txt: line 2, column 3: invalid UTF-8"), "{}", stderr(&o));
}
