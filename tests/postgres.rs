//! The end-to-end flows against a real PostgreSQL server as well as SQLite:
//! the same commands on the same inputs give the same output (the TM's name
//! aside); a read-only role; the password never printed; a refused
//! connection; concurrent imports with one killed; `memoria copy`.
//!
//! The server comes from MEMORIA_TEST_DB_URL (a database where the role may
//! create databases): scripts/test.sh starts a throwaway cluster and sets it
//! (scripts/pg-cluster.sh). Without it these tests fail; they never skip.

mod common;

use common::pg::{norm, run_in, Db};
use common::{corpus, sample, stderr, stdout, Scratch};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

#[test]
fn the_main_flows_give_the_same_output_on_postgresql_as_on_sqlite() {
    let pg = Db::new("flows");
    let s = Scratch::new();
    let sqlite = s.db().to_string_lossy().into_owned();
    let dir = s.dir.path();
    let mut steps: Vec<Vec<String>> = Vec::new();
    for slug in [
        "debian-2011-squeeze-released",
        "debian-2012-debconf13-switzerland",
        "debian-2012-lenny-security-end",
        "debian-2012-new-archive-machine",
        "debian-2016-debconf16-closes",
    ] {
        let (es, en) = (sample(&format!("releases/{slug}.es.txt")), sample(&format!("releases/{slug}.en.txt")));
        steps.push(vec![
            "align".into(),
            es,
            en,
            "--from".into(),
            "es".into(),
            "--to".into(),
            "en".into(),
            "--import".into(),
        ]);
    }
    steps.push(vec![
        "import".into(),
        sample("tmx/okapi-trados-twb-test01.tmx"),
        sample("tmx/omegat-test-multiple-tuv14.tmx"),
        corpus("tmx/okapi-header_with_prop_and_note.tmx"),
        "--format".into(),
        "json".into(),
    ]);
    steps.push(vec![
        "import".into(),
        corpus("xliff/worldserver-9_test1_es.xlf"),
        corpus("xliff/memoq-4_MQ-12-Test01.xlf"),
    ]);
    let new = sample("new/debian-2016-squeeze-lts-eol.es.txt");
    let sentences = stdout(&s.run(&["segment", &new, "--lang", "es"]));
    for line in sentences.lines().filter(|l| !l.trim().is_empty()) {
        steps.push(
            ["lookup", line, "--from", "es", "--to", "en", "--format", "json", "--min-score", "40"]
                .map(String::from)
                .to_vec(),
        );
    }
    steps.push(["lookup", "Debian 6.0 Squeeze", "--from", "es", "--to", "en"].map(String::from).to_vec());
    for args in [
        vec!["pretranslate", &new, "--from", "es", "--to", "en", "--format", "xliff12"],
        vec!["pretranslate", &new, "--from", "es", "--to", "en", "--format", "text"],
        vec!["analyze", &new, "--from", "es", "--to", "en", "--format", "json"],
        vec!["check", &new, "--from", "es", "--to", "en", "--format", "json"],
        vec!["export", "-o", "-"],
        vec!["export", "-o", "-", "--collection", "okapi-header_with_prop_and_note.tmx"],
        vec!["export", "-o", "-", "--langs", "es,en", "--encoding", "utf-16le"],
    ] {
        steps.push(args.iter().map(|a| a.to_string()).collect());
    }
    let mut compared = 0;
    for step in &steps {
        let args: Vec<&str> = step.iter().map(String::as_str).collect();
        let a = run_in(dir, &sqlite, &args);
        let b = run_in(dir, &pg.url, &args);
        assert!(matches!(a.status.code(), Some(0 | 1)), "{args:?} on SQLite: {}", stderr(&a));
        assert_eq!(norm(&a, &sqlite), norm(&b, &pg.url), "{args:?}");
        compared += 1;
    }
    assert!(compared > 25, "{compared} steps");
    // What the flows stored, counted alike.
    let stats = |db: &str| {
        let v: serde_json::Value =
            serde_json::from_str(&stdout(&run_in(dir, db, &["stats", "--format", "json"]))).unwrap();
        (v["tus"].clone(), v["pairs"].clone(), v["languages"].clone(), v["collections"].clone())
    };
    let (a, b) = (stats(&sqlite), stats(&pg.url));
    assert_eq!(a, b);
    assert!(a.0.as_u64().unwrap() > 150, "{:?}", a.0);
    // Concordance: the same segments in the same order (one contract, one ranking).
    let conc = |db: &str| {
        let v: serde_json::Value = serde_json::from_str(&stdout(&run_in(
            dir,
            db,
            &["concordance", "proyecto Debian", "--lang", "es", "--format", "json", "--limit", "1000"],
        )))
        .unwrap();
        v.as_array().unwrap().iter().map(|h| h["tu_id"].as_i64().unwrap()).collect::<Vec<i64>>()
    };
    let ids = conc(&pg.url);
    assert!(ids.len() >= 5, "{ids:?}");
    assert_eq!(conc(&sqlite), ids);
    let v = run_in(dir, &pg.url, &["verify"]);
    assert_eq!(v.status.code(), Some(0), "{}{}", stdout(&v), stderr(&v));
    assert!(stdout(&v).contains("sound"), "{}", stdout(&v));
}

#[test]
fn a_read_only_role_looks_up_and_exports_but_cannot_import() {
    let pg = Db::new("readonly");
    let s = Scratch::new();
    let tmx = sample("tmx/omegat-test-multiple-tuv14.tmx");
    let o = run_in(s.dir.path(), &pg.url, &["import", &tmx]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let mut c = pg.client();
    c.batch_execute(
        "GRANT USAGE ON SCHEMA memoria TO memoria_reader; GRANT SELECT ON ALL TABLES IN SCHEMA memoria TO memoria_reader",
    )
    .unwrap();
    let reader = pg.url.replacen("memoria:memoria@", "memoria_reader:reader@", 1);
    assert_ne!(reader, pg.url);
    let export = run_in(s.dir.path(), &reader, &["export", "-o", "-"]);
    assert_eq!(export.status.code(), Some(0), "{}", stderr(&export));
    let owner_export = run_in(s.dir.path(), &pg.url, &["export", "-o", "-"]);
    // The same TMX but for the header's date (the two exports may fall in
    // different seconds).
    assert_eq!(norm(&export, &reader).1, norm(&owner_export, &pg.url).1);
    assert!(stdout(&export).matches("<tu").count() >= 3);
    let stats = run_in(s.dir.path(), &reader, &["stats"]);
    assert_eq!(stats.status.code(), Some(0), "{}", stderr(&stats));
    let conc = run_in(s.dir.path(), &reader, &["concordance", "the", "--lang", "en"]);
    assert_eq!(conc.status.code(), Some(0), "{}", stderr(&conc));
    let import = run_in(s.dir.path(), &reader, &["import", &sample("tmx/okapi-trados-twb-test01.tmx")]);
    assert_eq!(import.status.code(), Some(2), "{}", stderr(&import));
    let msg = stderr(&import);
    assert!(msg.contains("permission denied"), "{msg}");
    assert!(msg.contains("memoria_reader:***@") && !msg.contains("reader@127") && !msg.contains(":reader@"), "{msg}");
    let after = run_in(s.dir.path(), &pg.url, &["stats", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&after)).unwrap();
    assert_eq!(v["tus"], 3);
    // A TM of an older schema: the reader cannot migrate it and is told who must.
    c.batch_execute("UPDATE memoria.meta SET value = 5 WHERE name = 'schema_version'").unwrap();
    let stats = run_in(s.dir.path(), &reader, &["stats"]);
    assert_eq!(stats.status.code(), Some(2), "{}", stderr(&stats));
    let msg = stderr(&stats);
    assert!(
        msg.contains("TM schema version 5 must be migrated to 6 before this role can use it, by a role that may change the tables of schema memoria (its owner): permission denied for table posting"),
        "{msg}"
    );
    let owner = run_in(s.dir.path(), &pg.url, &["stats"]);
    assert_eq!(owner.status.code(), Some(0), "{}", stderr(&owner));
    let stats = run_in(s.dir.path(), &reader, &["stats", "--format", "json"]);
    assert_eq!(stats.status.code(), Some(0), "{}", stderr(&stats));
}

#[test]
fn the_password_is_never_printed() {
    let pg = Db::new("secret");
    let s = Scratch::new();
    let wrong = pg.url.replacen("memoria:memoria@", "memoria:Sup3rSecret@", 1);
    let o = run_in(s.dir.path(), &wrong, &["lookup", "Hola", "--from", "es", "--to", "en"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let msg = stderr(&o);
    assert!(msg.contains("password authentication failed") && msg.contains("memoria:***@"), "{msg}");
    assert!(!msg.contains("Sup3rSecret"), "{msg}");
    // --help shows no value of MEMORIA_DB.
    let help = Command::new(env!("CARGO_BIN_EXE_memoria"))
        .args(["import", "--help"])
        .env("MEMORIA_DB", &wrong)
        .output()
        .unwrap();
    assert!(stdout(&help).contains("MEMORIA_DB") && !stdout(&help).contains("Sup3rSecret"), "{}", stdout(&help));
    // A server refusing the connection: exit 3 after --wait, naming host and port.
    let refused = "postgres://ana:Sup3rSecret@127.0.0.1:9/tm?sslmode=disable";
    let start = std::time::Instant::now();
    let o = run_in(s.dir.path(), refused, &["--wait", "1", "stats"]);
    assert_eq!(o.status.code(), Some(3), "{}", stderr(&o));
    assert!(start.elapsed() >= Duration::from_millis(700));
    let msg = stderr(&o);
    assert!(msg.contains("127.0.0.1:9") && msg.contains("ana:***@") && !msg.contains("Sup3rSecret"), "{msg}");
    // sslmode=require against a server without TLS: a clear error, no password.
    let tls =
        pg.url.replace("sslmode=disable", "sslmode=require").replacen("memoria:memoria@", "memoria:Sup3rSecret@", 1);
    let o = run_in(s.dir.path(), &tls, &["--wait", "1", "stats"]);
    assert_ne!(o.status.code(), Some(0));
    assert!(!stderr(&o).contains("Sup3rSecret"), "{}", stderr(&o));
    assert!(stderr(&o).to_lowercase().contains("tls") || stderr(&o).to_lowercase().contains("ssl"), "{}", stderr(&o));
}

/// A TMX of `n` es-en TUs whose texts carry `tag`.
fn tmx(path: &Path, tag: &str, n: usize, shared: usize) {
    let mut s = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<tmx version=\"1.4\"><header creationtool=\"t\" creationtoolversion=\"1\" segtype=\"sentence\" o-tmf=\"t\" adminlang=\"en\" srclang=\"es\" datatype=\"plaintext\"/><body>\n",
    );
    for i in 0..n {
        s.push_str(&format!(
            "<tu><tuv xml:lang=\"es\"><seg>Frase {i} del lote {tag}, con algo de texto.</seg></tuv><tuv xml:lang=\"en\"><seg>Sentence {i} of batch {tag}, with some text.</seg></tuv></tu>\n"
        ));
    }
    // TUs every file has: stored once whoever imports first.
    for i in 0..shared {
        s.push_str(&format!(
            "<tu><tuv xml:lang=\"es\"><seg>Frase común {i}.</seg></tuv><tuv xml:lang=\"en\"><seg>Common sentence {i}.</seg></tuv></tu>\n"
        ));
    }
    s.push_str("</body></tmx>\n");
    std::fs::write(path, s).unwrap();
}

#[test]
fn four_concurrent_imports_and_one_killed_store_every_tu_exactly_once() {
    let pg = Db::new("concurrent");
    let s = Scratch::new();
    let (n, shared) = (20_000, 500);
    for k in 0..4 {
        tmx(&s.path(&format!("batch{k}.tmx")), &format!("B{k}"), n, shared);
    }
    // The victim's file is ten times larger: it cannot finish before it is
    // killed, however fast the import is.
    tmx(&s.path("batch4.tmx"), "B4", 10 * n, shared);
    // No schema yet: the five clients also race to create it (one does, under an advisory lock).
    let spawn = |k: usize| {
        Command::new(env!("CARGO_BIN_EXE_memoria"))
            .current_dir(s.dir.path())
            .args(["--db", &pg.url, "--wait", "600", "import", &format!("batch{k}.tmx"), "--format", "json"])
            .env_remove("MEMORIA_DB")
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap()
    };
    let mut victim = spawn(4);
    let kids: Vec<_> = (0..4).map(spawn).collect();
    // The victim is killed while it imports (or waits for the lock).
    std::thread::sleep(Duration::from_millis(1500));
    victim.kill().unwrap();
    let _ = victim.wait();
    let mut added = 0;
    let mut duplicates = 0;
    for kid in kids {
        let o = kid.wait_with_output().unwrap();
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        let v: serde_json::Value = serde_json::from_str(stdout(&o).lines().last().unwrap_or("{}")).unwrap_or_default();
        let total = if v["total"].is_object() { &v["total"] } else { &v };
        added += total["added"].as_u64().unwrap_or(0);
        duplicates += total["duplicates"].as_u64().unwrap_or(0);
    }
    let mut c = pg.client();
    let count = |c: &mut postgres::Client, q: &str| -> i64 { c.query_one(q, &[]).unwrap().get(0) };
    assert_eq!(count(&mut c, "SELECT count(*) FROM memoria.tu"), (4 * n + shared) as i64);
    assert_eq!(
        count(&mut c, "SELECT count(*) FROM memoria.tuv WHERE text LIKE '%B4%'"),
        0,
        "nothing of the killed import"
    );
    assert_eq!(
        count(&mut c, "SELECT count(*) FROM (SELECT text FROM memoria.tuv GROUP BY lang, text HAVING count(*) > 1) d"),
        0,
        "no TU twice"
    );
    if added > 0 {
        assert_eq!((added, duplicates), ((4 * n + shared) as u64, 3 * shared as u64));
    }
    let v = run_in(s.dir.path(), &pg.url, &["verify"]);
    assert_eq!(v.status.code(), Some(0), "{}{}", stdout(&v), stderr(&v));
}

#[test]
fn copy_moves_a_tm_between_sqlite_and_postgresql_losslessly() {
    let pg = Db::new("copy");
    let s = Scratch::new();
    let dir = s.dir.path();
    let sqlite = s.db().to_string_lossy().into_owned();
    common::align_import(&s, "debian-2011-squeeze-released");
    for f in [sample("tmx/okapi-trados-twb-test01.tmx"), corpus("tmx/okapi-header_with_prop_and_note.tmx")] {
        assert_eq!(run_in(dir, &sqlite, &["import", &f]).status.code(), Some(0));
    }
    // A collection whose TUs are all duplicates holds them through its links: the copies keep them.
    std::fs::copy(sample("tmx/okapi-trados-twb-test01.tmx"), dir.join("dup.tmx")).unwrap();
    assert_eq!(run_in(dir, &sqlite, &["import", "dup.tmx"]).status.code(), Some(0));
    let o = run_in(dir, &sqlite, &["copy", &sqlite, &pg.url]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let back = s.path("back.db").to_string_lossy().into_owned();
    let o = run_in(dir, &sqlite, &["copy", &pg.url, &back]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    for args in [
        vec!["export", "-o", "-"],
        vec!["export", "-o", "-", "--collection", "okapi-header_with_prop_and_note.tmx"],
        vec!["export", "-o", "-", "--collection", "dup.tmx"],
        vec!["stats", "--format", "json"],
        vec!["lookup", "Debian 6.0 ya está disponible", "--from", "es", "--to", "en", "--format", "json"],
    ] {
        let a = norm(&run_in(dir, &sqlite, &args), &sqlite);
        let b = norm(&run_in(dir, &pg.url, &args), &pg.url);
        let c = norm(&run_in(dir, &back, &args), &back);
        if args[0] == "stats" {
            let strip = |t: &str| {
                let mut v: serde_json::Value = serde_json::from_str(t).unwrap();
                v["schema_version"] = serde_json::Value::Null;
                v["file_bytes"] = serde_json::Value::Null;
                v
            };
            assert_eq!(strip(&a.1), strip(&b.1));
            assert_eq!(strip(&a.1), strip(&c.1));
        } else {
            assert_eq!(a, b, "{args:?}");
            assert_eq!(a, c, "{args:?}");
        }
        assert_eq!(a.0, Some(0), "{args:?}: {}", a.2);
        if args.contains(&"dup.tmx") {
            assert!(a.1.matches("<tu ").count() + a.1.matches("<tu>").count() > 0, "{}", a.1);
        }
    }
    // Into a TM that is not empty: refused, nothing changed.
    let o = run_in(dir, &sqlite, &["copy", &sqlite, &pg.url]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("not empty"), "{}", stderr(&o));
}
