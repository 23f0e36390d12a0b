//! The TM file: an older memoria's TM migrates forward (all or nothing, even
//! when killed mid-migration); a newer memoria's TM, another SQLite database
//! and a file that is not SQLite are refused with exit 2 and left
//! byte-for-byte as they were, with no file added beside them.

mod common;
use common::measure as util;

use common::corpus;
use std::collections::BTreeMap;
use std::path::Path;
use std::time::{Duration, Instant};
use util::*;

/// Every file of `dir` with its bytes.
fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .map(|p| (p.file_name().unwrap().to_string_lossy().into_owned(), std::fs::read(&p).unwrap()))
        .collect()
}

fn user_version(db: &Path) -> i64 {
    rusqlite::Connection::open(db).unwrap().query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap()
}

const V1: &str = include_str!("../crates/store/tests/v1_schema.sql");

#[test]
fn a_v1_tm_is_migrated_forward_when_a_command_opens_it() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("old.db");
    rusqlite::Connection::open(&db).unwrap().execute_batch(V1).unwrap();
    let r = run(
        &db,
        &["lookup", "El proyecto Debian publica hoy su versión 6.0.", "--from", "es", "--to", "en", "--format", "json"],
    );
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(v[0]["score"], 100, "{v}");
    assert_eq!(v[0]["target"], "The Debian project releases version 6.0 today.");
    assert_eq!(user_version(&db), memoria_store::SCHEMA_VERSION);
    assert_eq!(tu_count(&db), 2);
    assert_eq!(integrity(&db), "ok");
}

/// A v1 TM of `n` Tatoeba TUs, written the way memoria 1 stored them.
fn big_v1(db: &Path, n: usize) {
    let mut c = rusqlite::Connection::open(db).unwrap();
    c.execute_batch(V1).unwrap();
    let tx = c.transaction().unwrap();
    let seg = |s: &str| serde_json::json!({"items": [{"Text": s}]}).to_string();
    for (i, (es, en)) in tsv_pairs(&corpus("parallel/tatoeba_test_es_en.tsv"), n).iter().enumerate() {
        let tu = 10 + i as i64;
        tx.execute("INSERT INTO tu VALUES (?1, '[]', '[]', '[]', 'old', NULL, NULL, 1300000000)", [tu]).unwrap();
        for (k, (lang, text)) in [("es", es), ("en", en)].into_iter().enumerate() {
            tx.execute(
                "INSERT INTO tuv VALUES (?1, ?2, ?3, ?3, ?4, ?5, 0, 0, '[]', '[]', '[]', NULL, NULL)",
                rusqlite::params![2 * tu + k as i64, tu, lang, seg(text), text.to_lowercase()],
            )
            .unwrap();
        }
    }
    tx.commit().unwrap();
}

#[test]
fn a_migration_killed_midway_leaves_the_v1_tm_intact() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("old.db");
    big_v1(&db, 16_000);
    let n = tu_count(&db);
    assert_eq!(n, 16_002);
    let copy = dir.path().join("copy.db");
    std::fs::copy(&db, &copy).unwrap();
    let pristine = dir.path().join("v1.db");
    std::fs::copy(&db, &pristine).unwrap();
    let t = Instant::now();
    let full = finish(spawn(memoria(&copy, &["stats"])), t);
    assert_eq!(full.code, Some(0), "{}", full.stderr);
    assert_eq!(user_version(&copy), memoria_store::SCHEMA_VERSION);
    let total = full.elapsed;
    assert!(total > Duration::from_millis(200), "migration too quick to interrupt: {total:?}");
    // A kill that lands after the migration's commit (the process still
    // closing) is not a kill point: the v1 file is restored, the point
    // retried earlier.
    let (mut i, mut shrink, mut late) = (0u32, 1.0, 0);
    while i < 5 {
        let at = total.mul_f64((0.1 + 0.7 * f64::from(i) / 4.0) * shrink);
        let started = Instant::now();
        let mut child = spawn(memoria(&db, &["stats"]));
        std::thread::sleep(at);
        let alive = running(&child);
        child.kill().unwrap();
        let r = finish(child, started);
        assert!(r.signal == Some(libc::SIGKILL) || !alive && r.code == Some(0), "kill point {i}: {r:?}");
        assert_eq!(integrity(&db), "ok", "kill point {i}");
        if (user_version(&db) != 1 || !alive) && late < 10 {
            late += 1;
            shrink *= 0.8;
            for ext in ["-wal", "-shm"] {
                std::fs::remove_file(dir.path().join(format!("old.db{ext}"))).ok();
            }
            std::fs::copy(&pristine, &db).unwrap();
            continue;
        }
        assert_eq!(user_version(&db), 1, "kill point {i}");
        assert_eq!(tu_count(&db), n, "kill point {i}");
        i += 1;
    }
    let r = run(&db, &["stats"]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert!(r.stdout.starts_with(&format!("TUs: {n}\n")), "{}", r.stdout);
    assert_eq!(user_version(&db), memoria_store::SCHEMA_VERSION);
}

#[test]
fn a_tm_of_a_newer_memoria_is_refused_unmodified() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("new.db");
    let r = run(&db, &["import", &corpus("tmx/okapi-sample14b.tmx")]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    {
        let c = rusqlite::Connection::open(&db).unwrap();
        c.execute_batch(&format!("PRAGMA user_version = {}", memoria_store::SCHEMA_VERSION + 1)).unwrap();
        c.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(())).unwrap();
    }
    let before = snapshot(dir.path());
    for args in [&["stats"][..], &["import", &corpus("tmx/okapi-sample14b.tmx")][..]] {
        let r = run(&db, args);
        assert_rejected(
            &r,
            &[
                "cannot open the TM",
                &format!(
                    "new.db: TM schema version {} is newer than this memoria supports ({}); upgrade memoria",
                    memoria_store::SCHEMA_VERSION + 1,
                    memoria_store::SCHEMA_VERSION
                ),
            ],
        );
        assert_eq!(snapshot(dir.path()), before);
    }
}

#[test]
fn another_sqlite_database_or_a_non_sqlite_file_is_refused_unmodified() {
    let dir = tempfile::tempdir().unwrap();
    let other = dir.path().join("accounts.db");
    rusqlite::Connection::open(&other)
        .unwrap()
        .execute_batch(
            "CREATE TABLE invoice (id INTEGER PRIMARY KEY, total REAL); INSERT INTO invoice VALUES (1, 9.5);",
        )
        .unwrap();
    let text = dir.path().join("notes.db");
    std::fs::write(&text, "Esto no es una base de datos.\n".repeat(300)).unwrap();
    let fake = dir.path().join("fake.db");
    let mut bytes = b"SQLite format 3\0".to_vec();
    bytes.extend(std::iter::repeat_n(0xA5u8, 8192));
    std::fs::write(&fake, bytes).unwrap();
    let before = snapshot(dir.path());
    let tmx = corpus("tmx/okapi-sample14b.tmx");
    let cases: [(&Path, &str); 3] = [
        (&other, "accounts.db: SQLite database without a memoria schema (not a memoria TM)"),
        (&text, "notes.db: not a SQLite database (not a memoria TM)"),
        (&fake, "fake.db:"),
    ];
    for (db, msg) in cases {
        for args in [&["stats"][..], &["import", &tmx][..], &["lookup", "Hola", "--from", "es", "--to", "en"][..]] {
            let r = run(db, args);
            assert_rejected(&r, &["cannot open the TM", msg]);
            assert_eq!(snapshot(dir.path()), before, "{db:?} {args:?}");
        }
    }
}

/// `-o` naming the TM (or an input release) is refused with exit 2 before
/// anything is written: `export -o memoria.db` used to rename the TMX over
/// the TM, losing every TU.
#[test]
fn output_over_the_tm_or_an_input_is_refused_and_both_stay_as_they_were() {
    let s = common::tm_with(&["debian-2012-lenny-security-end"]);
    let db = s.db();
    let db_str = db.to_string_lossy().into_owned();
    let before = std::fs::read(&db).unwrap();
    let o = s.run(&["export", "-o", &db_str]);
    assert_eq!(o.status.code(), Some(2), "{}", common::stderr(&o));
    assert!(common::stderr(&o).contains("refusing to write output over it"), "{}", common::stderr(&o));
    assert_eq!(std::fs::read(&db).unwrap(), before);
    // The TM still opens and holds its 21 pairs.
    let stats = s.run(&["stats"]);
    assert!(common::stdout(&stats).starts_with("TUs: 21\n"), "{}", common::stdout(&stats));
    // The WAL beside it is one of its files too.
    let wal = format!("{db_str}-wal");
    let o = s.run(&["export", "-o", &wal]);
    assert_eq!(o.status.code(), Some(2), "{}", common::stderr(&o));

    let release = s.path("new.es.txt");
    std::fs::copy(common::sample("new/debian-2016-squeeze-lts-eol.es.txt"), &release).unwrap();
    let original = std::fs::read(&release).unwrap();
    let r = release.to_string_lossy().into_owned();
    for args in [
        vec!["pretranslate", &r, "--from", "es", "--to", "en", "--format", "text", "-o", &r],
        vec!["pretranslate", &r, "--from", "es", "--to", "en", "-o", &db_str],
        vec!["check", &r, "--from", "es", "--to", "en", "-o", &r],
    ] {
        let o = s.run(&args);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", common::stderr(&o));
    }
    assert_eq!(std::fs::read(&release).unwrap(), original);
    let stats = s.run(&["stats"]);
    assert!(common::stdout(&stats).starts_with("TUs: 21\n"), "{}", common::stdout(&stats));
}
