//! Failures of the import pipeline (reader, preparer, writer and
//! the thread that frees stored TUs) and of the in-place inserts
//! (`RawInsert`): a failure in any file, or in SQLite mid-import, ends every
//! thread, exits 2 naming the place, and leaves the TM as it was.

use crate::common::{stderr, Scratch};
use std::time::{Duration, Instant};

const HEAD: &str = "<?xml version=\"1.0\"?>\n<tmx version=\"1.4\"><header srclang=\"en\" segtype=\"sentence\" \
                    adminlang=\"en\" datatype=\"plaintext\" o-tmf=\"x\" creationtool=\"t\" creationtoolversion=\"1\"/><body>\n";

/// `n` bilingual TUs whose texts carry `tag`.
fn tus(tag: &str, n: usize) -> String {
    (0..n)
        .map(|i| {
            format!(
                "<tu tuid=\"{tag}{i}\"><tuv xml:lang=\"en\"><seg>Sentence {tag} number {i} here.</seg></tuv>\
                 <tuv xml:lang=\"es\"><seg>Frase {tag} número {i} aquí.</seg></tuv></tu>\n"
            )
        })
        .collect()
}

/// Row counts of the TM's tables and its journal mode, read directly.
fn state(s: &Scratch) -> (i64, i64, i64, String) {
    let c = rusqlite::Connection::open(s.db()).unwrap();
    let n = |t: &str| c.query_row(&format!("SELECT count(*) FROM {t}"), [], |r| r.get(0)).unwrap();
    let mode: String = c.query_row("PRAGMA journal_mode", [], |r| r.get(0)).unwrap();
    (n("tu"), n("tuv"), n("posting"), mode)
}

/// Runs an import that must fail: exit 2 in well under a minute (no thread
/// left waiting on another), the message naming `want`.
fn import_fails(s: &Scratch, args: &[&str], want: &str) {
    let t = Instant::now();
    let o = s.run(args);
    assert!(t.elapsed() < Duration::from_secs(60), "{:?}", t.elapsed());
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains(want), "{}", stderr(&o));
}

#[test]
fn a_failure_in_the_second_of_three_files_imports_nothing_and_ends_every_thread() {
    let s = Scratch::new();
    let file = |name: &str, body: String| {
        std::fs::write(s.path(name), format!("{HEAD}{body}</body></tmx>\n")).unwrap();
        s.path(name).to_string_lossy().into_owned()
    };
    let one = file("one.tmx", tus("a", 3000));
    let three = file("three.tmx", tus("c", 3000));
    let entity = "<tu><tuv xml:lang=\"en\"><seg>x &bogus; y</seg></tuv><tuv xml:lang=\"es\"><seg>y</seg></tuv></tu>\n";
    let strict = file("strict.tmx", format!("{}{entity}{}", tus("b", 2000), tus("d", 1000)));
    let broken = file(
        "broken.tmx",
        format!("{}<tu><tuv xml:lang=\"en\"><seg>x</sag></tuv></tu>\n{}", tus("b", 2000), tus("d", 9)),
    );
    assert_eq!(s.run(&["import", &one]).status.code(), Some(0));
    let before = state(&s);
    assert_eq!(before, (3000, 6000, before.2, "wal".to_string()));
    import_fails(&s, &["import", "--strict", &one, &strict, &three], "strict.tmx:2003:31: entity &bogus;");
    assert_eq!(state(&s), before);
    import_fails(&s, &["import", &one, &broken, &three], "broken.tmx:2003:30: not well-formed XML");
    assert_eq!(state(&s), before);
    let second = file("second.tmx", format!("{}<tu><tuv xml:lang=\"en\"><seg>x</sag></tuv></tu>\n", tus("e", 1)));
    import_fails(&s, &["import", &second], "second.tmx:4:30: not well-formed XML");
    import_fails(&s, &["import", &one, &s.path("missing.tmx").to_string_lossy()], "missing.tmx: cannot read");
    assert_eq!(state(&s), before);
}

/// SQLite refusing a row mid-import (here a trigger; a full disk or a
/// constraint fails the same way): the in-place insert reports SQLite's
/// message and the whole import is rolled back, into an empty TM (rollback
/// journal) and into one with TUs (WAL).
#[test]
fn sqlite_refusing_a_tuv_mid_import_rolls_the_whole_import_back() {
    for seeded in [false, true] {
        let s = Scratch::new();
        let path = s.path("in.tmx");
        std::fs::write(&path, format!("{HEAD}{}</body></tmx>\n", tus("a", 3000))).unwrap();
        let path = path.to_string_lossy().into_owned();
        // An empty TM (a TMX without TUs; reading commands create no TM) or one of 100 TUs.
        let seed = s.path("seed.tmx");
        std::fs::write(&seed, format!("{HEAD}{}</body></tmx>\n", tus("s", if seeded { 100 } else { 0 }))).unwrap();
        assert_eq!(s.run(&["import", &seed.to_string_lossy()]).status.code(), Some(0));
        let before = state(&s);
        let c = rusqlite::Connection::open(s.db()).unwrap();
        c.execute_batch(
            "CREATE TRIGGER refuse BEFORE INSERT ON tuv WHEN new.text = 'Frase a número 2500 aquí.'
             BEGIN SELECT RAISE(ABORT, 'refused by the test'); END",
        )
        .unwrap();
        drop(c);
        import_fails(&s, &["import", &path], "refused by the test");
        assert_eq!(state(&s), before, "seeded {seeded}");
    }
}
