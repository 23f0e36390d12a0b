//! Helpers for end-to-end tests: run the built `memoria` binary in a scratch
//! directory with its own TM.
#![allow(dead_code)]

pub mod make_release;
pub mod measure;
pub mod pg;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The repository root (where `samples/` lives).
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").canonicalize().unwrap()
}

/// A path under `samples/`.
pub fn sample(rel: &str) -> String {
    root().join("samples").join(rel).to_string_lossy().into_owned()
}

/// A path under `../shared/corpus/`.
pub fn corpus(rel: &str) -> String {
    root().join("../shared/corpus").join(rel).to_string_lossy().into_owned()
}

/// A scratch directory with a TM path inside.
pub struct Scratch {
    pub dir: tempfile::TempDir,
}

impl Scratch {
    pub fn new() -> Scratch {
        Scratch { dir: tempfile::tempdir().unwrap() }
    }

    pub fn db(&self) -> PathBuf {
        self.dir.path().join("tm.db")
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// Runs `memoria --db <scratch>/tm.db ARGS...`.
    pub fn run(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_memoria"))
            .arg("--db")
            .arg(self.db())
            .args(args)
            .env_remove("MEMORIA_DB")
            .output()
            .expect("memoria runs")
    }
}

/// stdout as text.
pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// stderr as text.
pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// The six earlier releases in `samples/releases/` (slugs), in import order.
pub const RELEASES: [&str; 6] = [
    "debian-2011-squeeze-released",
    "debian-2012-debconf13-switzerland",
    "debian-2012-lenny-security-end",
    "debian-2012-new-archive-machine",
    "debian-2016-debconf16-closes",
    "debian-2017-ftp-shutdown",
];

/// Aligns `samples/releases/<slug>.{es,en}.txt` into the scratch TM.
pub fn align_import(s: &Scratch, slug: &str) {
    let es = sample(&format!("releases/{slug}.es.txt"));
    let en = sample(&format!("releases/{slug}.en.txt"));
    let o = s.run(&["align", &es, &en, "--from", "es", "--to", "en", "--import"]);
    assert!(o.status.success(), "{}", stderr(&o));
}

/// Aligns the published pair `../shared/corpus/releases/<slug>.{es,en}.txt`
/// into the scratch TM.
pub fn align_corpus(s: &Scratch, slug: &str) {
    let es = corpus(&format!("releases/{slug}.es.txt"));
    let en = corpus(&format!("releases/{slug}.en.txt"));
    let o = s.run(&["align", &es, &en, "--from", "es", "--to", "en", "--import"]);
    assert!(o.status.success(), "{}", stderr(&o));
}

/// A scratch TM holding the aligned releases.
pub fn tm_with(slugs: &[&str]) -> Scratch {
    let s = Scratch::new();
    for slug in slugs {
        align_import(&s, slug);
    }
    s
}

/// A scratch TM holding all six releases (as scripts/main-job.sh builds it):
/// built once per test binary, copied for each test (aligning six releases
/// is the slow part of these tests).
pub fn all_releases() -> Scratch {
    static BUILT: std::sync::OnceLock<Scratch> = std::sync::OnceLock::new();
    let built = BUILT.get_or_init(|| tm_with(&RELEASES));
    let s = Scratch::new();
    std::fs::copy(built.db(), s.db()).expect("copy the built TM");
    s
}
