//! The PostgreSQL side of the end-to-end tests: a database of its own per
//! test on the server of MEMORIA_TEST_DB_URL (scripts/test.sh starts a
//! throwaway cluster and sets it; without it the tests fail, never skip),
//! and running memoria on it.

use super::{stderr, stdout};
use std::path::Path;
use std::process::{Command, Output};

pub fn admin_url() -> String {
    std::env::var("MEMORIA_TEST_DB_URL").expect(
        "MEMORIA_TEST_DB_URL is not set: run scripts/test.sh, or `source scripts/pg-cluster.sh && pg_cluster_start`",
    )
}

/// `url` with its database name replaced by `name`.
pub fn with_db(url: &str, name: &str) -> String {
    let (head, query) = url.split_once('?').map_or((url, None), |(h, q)| (h, Some(q)));
    let cut = head.rfind('/').expect("a database in the URL");
    match query {
        Some(q) => format!("{}/{name}?{q}", &head[..cut]),
        None => format!("{}/{name}", &head[..cut]),
    }
}

/// A database of its own for one test, dropped at the end.
pub struct Db {
    pub admin: String,
    pub name: String,
    pub url: String,
}

impl Db {
    pub fn new(test: &str) -> Db {
        let admin = admin_url();
        let name = format!("memoria_e_{test}_{}", std::process::id());
        let mut c = postgres::Client::connect(&admin, postgres::NoTls).expect("the test server answers");
        c.batch_execute(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)")).unwrap();
        c.batch_execute(&format!("CREATE DATABASE {name}")).unwrap();
        let url = with_db(&admin, &name);
        Db { admin, name, url }
    }

    pub fn client(&self) -> postgres::Client {
        postgres::Client::connect(&self.url, postgres::NoTls).unwrap()
    }
}

impl Drop for Db {
    fn drop(&mut self) {
        if let Ok(mut c) = postgres::Client::connect(&self.admin, postgres::NoTls) {
            let _ = c.batch_execute(&format!("DROP DATABASE IF EXISTS {} WITH (FORCE)", self.name));
        }
    }
}

/// Runs `memoria --db DB ARGS` in `dir`.
pub fn run_in(dir: &Path, db: &str, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_memoria"))
        .current_dir(dir)
        .arg("--db")
        .arg(db)
        .args(args)
        .env_remove("MEMORIA_DB")
        .output()
        .expect("memoria runs")
}

/// Output with the TM's name replaced, for comparing the two backends.
pub fn norm(o: &Output, db: &str) -> (Option<i32>, String, String) {
    let masked = memoria_store::postgres::mask(db);
    // memoria's TMX header carries the export's time: compared without it.
    let clean = |s: String| {
        let s = s.replace(&masked, "<TM>").replace(db, "<TM>");
        s.split_inclusive('\n')
            .map(|l| match l.find(" creationdate=\"").filter(|_| l.contains("<header creationtool=\"memoria\"")) {
                Some(at) => format!("{}{}", &l[..at], &l[at + 32..]),
                None => l.to_string(),
            })
            .collect::<String>()
    };
    // A UTF-16 export (`--encoding utf-16le`) is read as text first, or its
    // header's date would go unseen and the two runs differ by a second.
    let out = match o.stdout.strip_prefix(&[0xFF, 0xFE]) {
        Some(le) => {
            let units: Vec<u16> = le.chunks_exact(2).map(|c| u16::from_le_bytes([c[0], c[1]])).collect();
            format!("(UTF-16LE) {}", String::from_utf16(&units).expect("memoria writes valid UTF-16"))
        }
        None => stdout(o),
    };
    (o.status.code(), clean(out), clean(stderr(o)))
}
