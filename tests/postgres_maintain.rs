//! TM maintenance, glossaries and the review server against a real
//! PostgreSQL server (MEMORIA_TEST_DB_URL, see tests/common/pg.rs) as well
//! as SQLite: `delete`, `edit`, `history`, `inconsistencies` and `terms`
//! give the same output on both (times of the changes aside), and `memoria
//! serve --db postgres://…` shows, edits and records the same TM.

mod common;

use common::pg::{norm, run_in, Db};
use common::{sample, stderr, stdout, Scratch};
use std::io::{Read, Write};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// `s` with every TMX date (`YYYYMMDDThhmmssZ`), every `"at": N` and every
/// `YYYY-MM-DD hh:mm[:ss]` written as a placeholder: the two runs happen at other
/// seconds.
fn no_times(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    let digits = |from: usize, n: usize| b.len() >= from + n && b[from..from + n].iter().all(u8::is_ascii_digit);
    while i < b.len() {
        if digits(i, 8) && b.get(i + 8) == Some(&b'T') && digits(i + 9, 6) && b.get(i + 15) == Some(&b'Z') {
            out.push_str("<DATE>");
            i += 16;
        } else if s[i..].starts_with("\"at\":") {
            out.push_str("\"at\":<T>");
            i += 5;
            while i < b.len() && (b[i] == b' ' || b[i].is_ascii_digit()) {
                i += 1;
            }
        } else if digits(i, 4)
            && b.get(i + 4) == Some(&b'-')
            && digits(i + 5, 2)
            && b.get(i + 7) == Some(&b'-')
            && digits(i + 8, 2)
            && b.get(i + 10) == Some(&b' ')
            && digits(i + 11, 2)
            && b.get(i + 13) == Some(&b':')
            && digits(i + 14, 2)
        {
            // `history` prints seconds: two runs a second apart must compare equal.
            out.push_str("<WHEN>");
            i += 16;
            if b.get(i) == Some(&b':') && digits(i + 1, 2) {
                i += 3;
            }
        } else {
            let c = s[i..].chars().next().unwrap();
            out.push(c);
            i += c.len_utf8();
        }
    }
    out
}

#[test]
fn maintenance_and_terms_give_the_same_output_on_postgresql_as_on_sqlite() {
    let pg = Db::new("maint");
    let s = Scratch::new();
    let sqlite = s.db().to_string_lossy().into_owned();
    let dir = s.dir.path();
    let mut steps: Vec<Vec<String>> = Vec::new();
    for slug in ["debian-2017-ftp-shutdown", "debian-2012-debconf13-switzerland"] {
        let (es, en) = (sample(&format!("releases/{slug}.es.txt")), sample(&format!("releases/{slug}.en.txt")));
        steps.push(["align", &es, &en, "--from", "es", "--to", "en", "--import"].map(String::from).to_vec());
    }
    let tbx = sample("terms/migration.tbx");
    let release = sample("new/debian-2016-squeeze-lts-eol.es.txt");
    let fixed: &[&[&str]] = &[
        &["terms", "import", &tbx, "--format", "json"],
        &["terms", "import", &tbx, "--format", "json"],
        &["terms", "list", "--format", "json"],
        &["terms", "lookup", "Las personas desplazadas y la OIM.", "--from", "es", "--to", "fr", "--format", "json"],
        &["lookup", "La trata de personas crece.", "--from", "es", "--to", "en", "--format", "json"],
        &["check", &release, "--from", "es", "--to", "en", "--format", "json"],
        &["inconsistencies", "--from", "es", "--to", "en", "--format", "json"],
        &["inconsistencies", "--from", "es", "--to", "en", "--kind", "several-sources", "--format", "csv"],
        &["delete", "--source", "debconf", "--from", "es", "--dry-run", "--author", "ana", "--format", "json"],
        &["delete", "--source", "debconf", "--from", "es", "--author", "ana", "--format", "json"],
        &["delete", "3", "4", "--author", "ana"],
        &["edit", "1", "--lang", "en", "--text", "Debian shuts down its public FTP service.", "--author", "luis"],
        &["edit", "1", "--lang", "en", "--text", "Debian shuts down its public FTP service.", "--author", "luis"],
        &["edit", "9999", "--lang", "en", "--text", "x"],
        &["history", "1", "--format", "json"],
        &["history", "3"],
        &["lookup", "Debian cierra sus servicios FTP públicos.", "--from", "es", "--to", "en", "--format", "json"],
        &["export", "-o", "-"],
        &["terms", "delete", "trata-personas"],
        &["terms", "export", "-o", "-"],
        &["terms", "delete", "--all"],
        &["terms", "list", "--format", "json"],
        &["verify"],
    ];
    steps.extend(fixed.iter().map(|a| a.iter().map(|x| x.to_string()).collect()));
    let mut outputs = Vec::new();
    for step in &steps {
        let args: Vec<&str> = step.iter().map(String::as_str).collect();
        let a = run_in(dir, &sqlite, &args);
        let b = run_in(dir, &pg.url, &args);
        let (a, b) = (norm(&a, &sqlite), norm(&b, &pg.url));
        let t = |x: (Option<i32>, String, String)| (x.0, no_times(&x.1), no_times(&x.2));
        assert_eq!(t(a.clone()), t(b.clone()), "{args:?}");
        outputs.push((args.join(" "), b));
    }
    // stats: the same counts, terms included (the file size and schema version are each backend's).
    let stats = |db: &str| {
        let mut v: serde_json::Value =
            serde_json::from_str(&stdout(&run_in(dir, db, &["stats", "--format", "json"]))).unwrap();
        let o = v.as_object_mut().unwrap();
        o.remove("file_bytes");
        o.remove("schema_version");
        v
    };
    let st = stats(&pg.url);
    assert_eq!(stats(&sqlite), st);
    assert_eq!(st["terms"]["entries"], 0, "{st}");
    // Concordance: the same TUs in the same order (one contract, one ranking).
    let conc = |db: &str, phrase: &str| {
        let o = run_in(dir, db, &["concordance", phrase, "--lang", "es", "--format", "json"]);
        let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
        v.as_array().unwrap().iter().map(|h| h["tu_id"].as_i64().unwrap()).collect::<Vec<i64>>()
    };
    for phrase in ["servicio", "servicios", "de los"] {
        assert_eq!(conc(&sqlite, phrase), conc(&pg.url, phrase), "{phrase}");
    }
    assert!(conc(&pg.url, "servicios").contains(&1));
    let out = |prefix: &str| outputs.iter().find(|(a, _)| a.starts_with(prefix)).map(|(_, o)| o.clone()).unwrap();
    // What each step must have done, checked on the PostgreSQL side.
    let first: serde_json::Value = serde_json::from_str(&out("terms import").1).unwrap();
    assert!(first["summary"]["added"].as_u64().unwrap() >= 5, "{first}");
    let dry = out("delete --source debconf --from es --dry-run");
    let listed: serde_json::Value = serde_json::from_str(&dry.1).unwrap();
    assert!(listed["deleted"].as_array().unwrap().len() >= 10, "{}", dry.1);
    assert_eq!(out("edit 9999").0, Some(2));
    let h: serde_json::Value = serde_json::from_str(&out("history 1").1).unwrap();
    assert_eq!(h.as_array().unwrap().len(), 1, "the edit that changed nothing is not recorded: {h}");
    assert_eq!(h[0]["author"], "luis");
    assert!(out("history 3").1.contains("delete"), "{}", out("history 3").1);
    assert!(out("export -o -").1.contains("Debian shuts down its public FTP service."));
    assert!(!out("export -o -").1.contains("DebConf13"), "the deleted TUs are gone");
    let terms_left: serde_json::Value = serde_json::from_str(&out("terms list").1).unwrap();
    assert!(terms_left.as_array().unwrap().len() >= 5);
    assert!(outputs.last().unwrap().1 .1.contains("sound"), "{:?}", outputs.last());
}

/// A free port on loopback.
fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

/// One HTTP/1.1 request to the server at `port`: (status line, body).
fn http(port: u16, method: &str, path: &str, body: &str) -> (String, String) {
    let mut c = std::net::TcpStream::connect(("127.0.0.1", port)).unwrap();
    c.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
    write!(
        c,
        "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\
         Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    )
    .unwrap();
    let mut r = String::new();
    c.read_to_string(&mut r).unwrap();
    let status = r.lines().next().unwrap_or_default().to_string();
    let body = r.split_once("\r\n\r\n").map(|x| x.1.to_string()).unwrap_or_default();
    (status, body)
}

#[test]
fn the_review_server_runs_over_postgresql() {
    let pg = Db::new("serve");
    let s = Scratch::new();
    let (es, en) =
        (sample("releases/debian-2017-ftp-shutdown.es.txt"), sample("releases/debian-2017-ftp-shutdown.en.txt"));
    let o = run_in(s.dir.path(), &pg.url, &["align", &es, &en, "--from", "es", "--to", "en", "--import"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let port = free_port();
    let mut child = Command::new(env!("CARGO_BIN_EXE_memoria"))
        .current_dir(s.dir.path())
        .args(["--db", &pg.url, "serve", "--addr", &format!("127.0.0.1:{port}")])
        .env_remove("MEMORIA_DB")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let start = Instant::now();
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(start.elapsed() < Duration::from_secs(30), "memoria serve did not listen");
        std::thread::sleep(Duration::from_millis(100));
    }
    let (status, page) = http(port, "GET", "/tm/concordance?q=servicios&lang=es&to=en", "");
    assert!(status.contains("200"), "{status}\n{page}");
    assert!(page.contains("servicios FTP"), "{page}");
    let (status, page) = http(port, "GET", "/tm/tu/1", "");
    assert!(status.contains("200"), "{status}");
    // The form's action carries the CSRF token.
    let at = page.find("/tm/tu/1/edit?csrf=").expect("the edit form");
    let token: String = page[at + 19..].chars().take_while(|c| c.is_ascii_alphanumeric()).collect();
    let (status, _) =
        http(port, "POST", &format!("/tm/tu/1/edit?csrf={token}"), "lang=en&text=Edited+over+PostgreSQL.&author=rosa");
    assert!(status.contains("303") || status.contains("302"), "{status}");
    let (_, page) = http(port, "GET", "/tm/tu/1", "");
    assert!(page.contains("Edited over PostgreSQL.") && page.contains("rosa"), "{page}");
    let _ = child.kill();
    let out = child.wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("memoria:***@") && !err.contains(":memoria@"), "the password is masked: {err}");
    // The edit is in the TM, recorded, as the command line sees it.
    let h = run_in(s.dir.path(), &pg.url, &["history", "1", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&h)).unwrap();
    assert_eq!(v[0]["author"], "rosa");
    // Pending reviews are kept in a folder named without user or password.
    let names: Vec<String> = std::fs::read_dir(s.dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".review"))
        .collect();
    assert!(names.iter().all(|n| !n.contains("memoria:") && n.starts_with("memoria-127.0.0.1-")), "{names:?}");
}
