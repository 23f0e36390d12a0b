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
    assert!(stdout(&s.run(&["stats"])).starts_with("TUs: 0\n"));
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
