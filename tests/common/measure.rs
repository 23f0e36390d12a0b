//! Helpers of the reliability tests: run `memoria` measuring peak RSS and
//! wall time, read a TM with SQLite directly, build big TMX files from the
//! parallel corpus.

use std::io::Read;
use std::os::unix::process::ExitStatusExt;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// What a finished `memoria` run did.
#[derive(Debug)]
pub struct Run {
    /// Exit code (`None` when killed by a signal).
    pub code: Option<i32>,
    pub signal: Option<i32>,
    pub stdout: String,
    pub stderr: String,
    /// Peak resident set size of the process, in KiB (`ru_maxrss` of wait4).
    pub max_rss_kib: u64,
    pub elapsed: Duration,
}

/// A `memoria` command on TM `db`, without the caller's `MEMORIA_*` variables.
pub fn memoria(db: &Path, args: &[&str]) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_memoria"));
    c.arg("--db").arg(db).args(args).env_remove("MEMORIA_DB").env_remove("MEMORIA_WAIT");
    c
}

/// Spawns `cmd` with piped stdout/stderr.
pub fn spawn(mut cmd: Command) -> Child {
    cmd.stdin(Stdio::null()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().expect("memoria starts")
}

/// Waits for `child` with `wait4`, collecting its output and its peak RSS.
pub fn finish(mut child: Child, started: Instant) -> Run {
    let mut out = child.stdout.take().unwrap();
    let mut err = child.stderr.take().unwrap();
    let t_out = std::thread::spawn(move || {
        let mut s = Vec::new();
        out.read_to_end(&mut s).ok();
        s
    });
    let t_err = std::thread::spawn(move || {
        let mut s = Vec::new();
        err.read_to_end(&mut s).ok();
        s
    });
    let mut status: libc::c_int = 0;
    // SAFETY: rusage is plain data, zeroed is a valid value; the pid is our
    // child's, not yet reaped (std never waits for it on its own).
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let pid = child.id() as libc::pid_t;
    let r = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    assert_eq!(r, pid, "wait4: {}", std::io::Error::last_os_error());
    let elapsed = started.elapsed();
    let st = std::process::ExitStatus::from_raw(status);
    Run {
        code: st.code(),
        signal: st.signal(),
        stdout: String::from_utf8_lossy(&t_out.join().unwrap()).into_owned(),
        stderr: String::from_utf8_lossy(&t_err.join().unwrap()).into_owned(),
        max_rss_kib: usage.ru_maxrss as u64,
        elapsed,
    }
}

/// The length of the file at `path` in bytes, 0 when it does not exist.
pub fn file_len(path: &Path) -> u64 {
    std::fs::metadata(path).map(|m| m.len()).unwrap_or(0)
}

/// Whether `child` is still running, without reaping it (so that [`finish`]
/// can still collect its status and rusage).
pub fn running(child: &Child) -> bool {
    // SAFETY: siginfo_t is plain data; waitid with WNOWAIT only inspects.
    let mut info: libc::siginfo_t = unsafe { std::mem::zeroed() };
    let r = unsafe {
        libc::waitid(libc::P_PID, child.id() as libc::id_t, &mut info, libc::WEXITED | libc::WNOHANG | libc::WNOWAIT)
    };
    assert_eq!(r, 0, "waitid: {}", std::io::Error::last_os_error());
    // SAFETY: filled in (or left zero) by waitid above.
    unsafe { info.si_pid() == 0 }
}

/// Runs `memoria --db db ARGS` to the end, measured.
pub fn run(db: &Path, args: &[&str]) -> Run {
    let started = Instant::now();
    finish(spawn(memoria(db, args)), started)
}

/// Asserts the run failed as bad input should: exit 2, no panic, `memoria:
/// error:` with every `expected` fragment, at most 256 MiB peak RSS and 10 s.
pub fn assert_rejected(r: &Run, expected: &[&str]) {
    assert_eq!(r.code, Some(2), "exit code; stderr: {}", r.stderr);
    assert!(!r.stderr.contains("panicked"), "{}", r.stderr);
    assert!(r.stderr.starts_with("memoria: error: "), "{}", r.stderr);
    for e in expected {
        assert!(r.stderr.contains(e), "stderr lacks {e:?}: {}", r.stderr);
    }
    assert!(r.max_rss_kib < 256 * 1024, "peak RSS {} KiB", r.max_rss_kib);
    assert!(r.elapsed < Duration::from_secs(10), "took {:?}", r.elapsed);
}

/// Number of TUs, straight from SQLite.
pub fn tu_count(db: &Path) -> i64 {
    let c = rusqlite::Connection::open(db).unwrap();
    c.query_row("SELECT count(*) FROM tu", [], |r| r.get(0)).unwrap()
}

/// `PRAGMA integrity_check` (must be `ok`). (A TM has had no FTS5 index
/// of its own to check since schema 9.)
pub fn integrity(db: &Path) -> String {
    let c = rusqlite::Connection::open(db).unwrap();
    c.query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap()
}

/// XML-escapes text.
pub fn esc(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

/// Spanish–English pairs of a corpus TSV (`source<TAB>target` per line).
pub fn tsv_pairs(path: &str, max: usize) -> Vec<(String, String)> {
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .filter_map(|l| l.split_once('\t'))
        .filter(|(a, b)| !a.trim().is_empty() && !b.trim().is_empty())
        .take(max)
        .map(|(a, b)| (a.trim().to_string(), b.trim().to_string()))
        .collect()
}

/// Writes a TMX 1.4 file of `pairs` (es → en), one TU each with tuid
/// `{prefix}{n}`; `tag` is appended to every source so that files built
/// from the same pairs hold distinct TUs.
pub fn write_tmx(path: &Path, pairs: &[(String, String)], prefix: &str, tag: &str) {
    let mut s = String::with_capacity(pairs.len() * 300);
    s.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<tmx version=\"1.4\">\n<header creationtool=\"reliability-test\" creationtoolversion=\"1\" segtype=\"sentence\" o-tmf=\"x\" adminlang=\"en\" srclang=\"es\" datatype=\"plaintext\"/>\n<body>\n");
    for (i, (es, en)) in pairs.iter().enumerate() {
        s.push_str(&format!(
            "<tu tuid=\"{prefix}{i}\"><tuv xml:lang=\"es\"><seg>{}{tag}</seg></tuv><tuv xml:lang=\"en\"><seg>{}{tag}</seg></tuv></tu>\n",
            esc(es),
            esc(en)
        ));
    }
    s.push_str("</body>\n</tmx>\n");
    std::fs::write(path, s).unwrap();
}

/// A scratch folder with its own TM (`tm.db`), for tests that run memoria
/// on hostile or unusual files; each test file adds its own helpers.
pub struct Dir(pub tempfile::TempDir);

impl Dir {
    pub fn new() -> Dir {
        Dir(tempfile::tempdir().unwrap())
    }
    pub fn path(&self, name: &str) -> std::path::PathBuf {
        self.0.path().join(name)
    }
    pub fn db(&self) -> std::path::PathBuf {
        self.path("tm.db")
    }
    /// Writes `bytes` to `name` in the folder; returns its path.
    pub fn write(&self, name: &str, bytes: impl AsRef<[u8]>) -> String {
        let p = self.path(name);
        std::fs::write(&p, bytes).unwrap();
        p.to_string_lossy().into_owned()
    }
}
