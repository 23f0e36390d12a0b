//! Helpers for end-to-end tests: run the built `memoria` binary in a scratch
//! directory with its own TM.
#![allow(dead_code)]

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
