//! What users get wrong on the command line, found by using memoria as a
//! translator, a coordinator and a CI pipeline would: each mistake gets a
//! clear error (exit 2) and leaves the TM as it was.

mod common;

use common::{corpus, stderr, stdout, Scratch};

/// `align release.es.txt release.en.txt --from en --to es` (flags swapped)
/// used to align and, with `--import`, store the Spanish text as English and
/// the English as Spanish.
#[test]
fn align_refuses_files_whose_names_say_the_other_language() {
    let s = Scratch::new();
    let es = corpus("releases/debian-2012-lenny-security-end.es.txt");
    let en = corpus("releases/debian-2012-lenny-security-end.en.txt");
    let o = s.run(&["align", &es, &en, "--from", "en", "--to", "es", "--import"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(
        stderr(&o)
            .contains("debian-2012-lenny-security-end.es.txt: the file name says language `es` but --from is `en`"),
        "{}",
        stderr(&o)
    );
    assert!(!s.db().exists(), "the refused align created the TM");
    // The right order, a region on the flag, and a name without a language part all align.
    let o = s.run(&["align", &en, &es, "--from", "en-US", "--to", "es"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let plain = s.path("release.txt");
    std::fs::copy(&es, &plain).unwrap();
    let o = s.run(&["align", plain.to_str().unwrap(), &en, "--from", "es", "--to", "en"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(
        stdout(&o).lines().next(),
        Some("Soporte de seguridad para Debian 5.0 finalizado\tSecurity Support for Debian 5.0 terminated\t100.0")
    );
}

/// A mistyped `--db` used to create an empty TM silently and answer from it:
/// `check` listed every segment as untranslated (failing CI with no hint
/// why), `lookup` said "no match", and an empty TM file was left behind. The
/// reading commands now say there is no TM there, and create nothing.
#[test]
fn reading_commands_warn_of_a_missing_tm_and_create_nothing() {
    let s = Scratch::new();
    let release = common::sample("new/debian-2016-squeeze-lts-eol.es.txt");
    let out = s.path("out.tmx");
    let out = out.to_str().unwrap();
    let warning = format!("warning: {}: no TM there; answering from an empty TM", s.db().display());
    for (args, code) in [
        (vec!["check", &release, "--from", "es", "--to", "en"], 1),
        (vec!["lookup", "Acerca de Debian", "--from", "es", "--to", "en"], 0),
        (vec!["pretranslate", &release, "--from", "es", "--to", "en", "--format", "text"], 0),
        (vec!["analyze", &release, "--from", "es", "--to", "en"], 0),
        (vec!["concordance", "Debian", "--lang", "es"], 0),
        (vec!["stats"], 0),
        (vec!["export", "-o", out], 0),
    ] {
        let o = s.run(&args);
        assert_eq!(o.status.code(), Some(code), "{args:?}: {}", stderr(&o));
        assert!(stderr(&o).starts_with(&warning), "{args:?}: {}", stderr(&o));
        assert!(!s.db().exists(), "{args:?} created the TM");
    }
    let o = s.run(&["check", &release, "--from", "es", "--to", "en"]);
    assert_eq!(stdout(&o).lines().count(), 15, "{}", stdout(&o));
    // import creates it; then the readers use it without a warning.
    let o = s.run(&["import", &common::sample("tmx/omegat-test-multiple-tuv14.tmx")]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let o = s.run(&["stats"]);
    assert!(stdout(&o).starts_with("TUs: 3\n"), "{}", stdout(&o));
    assert_eq!(stderr(&o), "");
}

/// `export --since 2026-13-45` used to be taken as written: exit 0 and a TMX
/// of 0 TUs. A date that is no day is a usage error.
#[test]
fn export_since_refuses_a_date_that_is_no_day() {
    let s = Scratch::new();
    let o = s.run(&["import", &common::sample("tmx/omegat-test-multiple-tuv14.tmx")]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = s.path("since.tmx");
    let out = out.to_str().unwrap();
    for bad in ["2026-13-45", "2023-02-29"] {
        let o = s.run(&["export", "-o", out, "--since", bad]);
        assert_eq!(o.status.code(), Some(2), "{bad}: {}", stderr(&o));
        assert!(stderr(&o).contains(&format!("\"{bad}\" is not a date; expected YYYY-MM-DD")), "{}", stderr(&o));
    }
    let o = s.run(&["export", "-o", out, "--since", "2000-02-29"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(stderr(&o), format!("exported 3 TUs to {out}\n"));
}

/// `--from es --to es` answered "no match" to every lookup (and check listed
/// every segment as untranslated); the same tag on both sides is a usage
/// error. Two regions of one language are a pair.
#[test]
fn the_same_language_on_both_sides_is_a_usage_error() {
    let s = Scratch::new();
    let es = corpus("releases/debian-2012-lenny-security-end.es.txt");
    for args in [
        vec!["lookup", "Acerca de Debian", "--from", "es", "--to", "ES"],
        vec!["check", &es, "--from", "es", "--to", "es"],
        vec!["pretranslate", &es, "--from", "es", "--to", "es"],
        vec!["analyze", &es, "--from", "es", "--to", "es"],
        vec!["align", &es, &es, "--from", "es", "--to", "es"],
    ] {
        let o = s.run(&args);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stderr(&o));
        assert!(stderr(&o).contains("the source and target languages are the same"), "{args:?}: {}", stderr(&o));
    }
    let o = s.run(&["lookup", "Hello", "--from", "en-US", "--to", "en-GB"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
}
