//! The edges of issue 26: output files written safely (never through a
//! planted symlink, permissions kept, no temporary file left on an error or a
//! signal; a device, FIFO or `-` streamed into), inputs read once (FIFOs,
//! pipes), no panic when standard output cannot be written, a damaged TM
//! refused by every command, read-only TMs readable, bounded memory on big
//! releases. See docs/reliability.md, "Edges".

mod common;
use common::measure as util;

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};
use util::*;

impl Dir {
    /// The names in the folder, sorted.
    fn names(&self) -> Vec<String> {
        let mut v: Vec<String> = std::fs::read_dir(self.0.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    }
}

/// A TM of the sample TMX files (7 TUs) in a new folder.
fn sample_tm() -> Dir {
    let d = Dir::new();
    let mut args = vec!["import".to_string()];
    for f in std::fs::read_dir(common::root().join("samples/tmx")).unwrap() {
        args.push(f.unwrap().path().to_string_lossy().into_owned());
    }
    let a: Vec<&str> = args.iter().map(String::as_str).collect();
    let r = run(&d.db(), &a);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    d
}

fn mkfifo(path: &Path) {
    let c = std::ffi::CString::new(path.to_str().unwrap()).unwrap();
    // SAFETY: a valid NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0, "mkfifo: {}", std::io::Error::last_os_error());
}

fn is_fifo(path: &Path) -> bool {
    use std::os::unix::fs::FileTypeExt;
    std::fs::symlink_metadata(path).unwrap().file_type().is_fifo()
}

// 1. Output files written safely.

#[test]
fn export_never_writes_through_a_symlink_planted_at_its_temporary_name() {
    let d = sample_tm();
    let victim = d.write("victim.txt", "precious\n");
    std::os::unix::fs::symlink(&victim, d.path("exp.tmx.part")).unwrap();
    let out = d.path("exp.tmx");
    let r = run(&d.db(), &["export", "-o", out.to_str().unwrap()]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "precious\n");
    assert!(std::fs::read_to_string(&out).unwrap().contains("<tu"), "the export is in exp.tmx");
    assert_eq!(std::fs::read_link(d.path("exp.tmx.part")).unwrap(), Path::new(&victim));
    assert_eq!(d.names(), ["exp.tmx", "exp.tmx.part", "tm.db", "victim.txt"], "no temporary file left");
}

#[test]
fn every_output_keeps_the_permissions_of_the_file_it_replaces() {
    let d = sample_tm();
    let es = d.write("new.es.txt", "El proyecto Debian anuncia su nueva versión.\n");
    let cases: [(&str, Vec<&str>); 3] = [
        ("exp.tmx", vec!["export", "-o"]),
        ("check.json", vec!["check", &es, "--from", "es", "--to", "en", "--format", "json", "-o"]),
        ("draft.xlf", vec!["pretranslate", &es, "--from", "es", "--to", "en", "-o"]),
    ];
    for (name, args) in cases {
        let out = d.write(name, "old");
        std::fs::set_permissions(&out, std::fs::Permissions::from_mode(0o600)).unwrap();
        let mut a = args.clone();
        a.push(&out);
        let r = run(&d.db(), &a);
        assert!(r.code == Some(0) || r.code == Some(1), "{name}: {}", r.stderr);
        assert_ne!(std::fs::read_to_string(&out).unwrap(), "old", "{name} replaced");
        assert_eq!(std::fs::metadata(&out).unwrap().permissions().mode() & 0o777, 0o600, "{name} stays 600");
    }
    assert!(!d.names().iter().any(|n| n.ends_with(".part")), "{:?}", d.names());
}

#[test]
fn output_dash_is_standard_output_and_a_fifo_is_written_into_not_replaced() {
    let d = sample_tm();
    let r = run(&d.db(), &["export", "-o", "-"]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert!(r.stdout.starts_with("<?xml") && r.stdout.contains("</tmx>"), "{}", r.stdout);
    assert!(!d.path("-").exists());

    let es = d.write("new.es.txt", "El proyecto Debian anuncia su nueva versión.\n");
    for args in [vec!["export", "-o"], vec!["check", &es, "--from", "es", "--to", "en", "--format", "json", "-o"]] {
        let fifo = d.path("out.fifo");
        let _ = std::fs::remove_file(&fifo);
        mkfifo(&fifo);
        let reader = {
            let fifo = fifo.clone();
            std::thread::spawn(move || std::fs::read_to_string(fifo).unwrap())
        };
        let mut a = args.clone();
        a.push(fifo.to_str().unwrap());
        let r = run(&d.db(), &a);
        assert!(r.code == Some(0) || r.code == Some(1), "{args:?}: {}", r.stderr);
        let got = reader.join().unwrap();
        assert!(got.starts_with("<?xml") || got.starts_with('{'), "{args:?} wrote into the FIFO: {got}");
        assert!(is_fifo(&fifo), "{args:?}: the FIFO is still a FIFO");
    }
}

#[test]
fn export_killed_by_sigterm_leaves_no_temporary_file_and_no_target() {
    let d = Dir::new();
    let pairs: Vec<(String, String)> = (0..60_000)
        .map(|i| {
            (format!("La frase número {i} del corpus de prueba."), format!("Sentence number {i} of the test corpus."))
        })
        .collect();
    let tmx = d.path("big.tmx");
    write_tmx(&tmx, &pairs, "t", "");
    let r = run(&d.db(), &["import", tmx.to_str().unwrap()]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    std::fs::remove_file(&tmx).unwrap();
    let out = d.path("exp.tmx");
    for attempt in 0..5 {
        let child = spawn(memoria(&d.db(), &["export", "-o", out.to_str().unwrap()]));
        let started = Instant::now();
        // Wait for the temporary file, then SIGTERM.
        let seen = loop {
            if d.names().iter().any(|n| n.ends_with(".part")) {
                break true;
            }
            if !running(&child) || started.elapsed() > Duration::from_secs(30) {
                break false;
            }
            std::thread::sleep(Duration::from_millis(1));
        };
        // SAFETY: kill on our own child's pid.
        unsafe { libc::kill(child.id() as libc::pid_t, libc::SIGTERM) };
        let r = finish(child, started);
        if !seen || r.code == Some(0) {
            // Finished before the signal: try again.
            let _ = std::fs::remove_file(&out);
            assert!(attempt < 4, "export always finished before SIGTERM");
            continue;
        }
        assert_eq!(r.signal, Some(libc::SIGTERM), "ended by the signal: {r:?}");
        let left: Vec<String> = d.names().into_iter().filter(|n| !n.starts_with("tm.db")).collect();
        assert!(left.is_empty(), "no temporary file, no partial target: {left:?}");
        return;
    }
}

// 3. No panic on output.

#[test]
fn commands_whose_standard_output_is_a_full_device_exit_2_without_a_panic() {
    let d = sample_tm();
    let es = d.write("new.es.txt", "El proyecto Debian anuncia su nueva versión.\n");
    let cases: Vec<Vec<&str>> = vec![
        vec!["stats"],
        vec!["stats", "--format", "json"],
        vec!["lookup", "¡Hola Mundo!", "--from", "es", "--to", "en"],
        vec!["lookup", "¡Hola Mundo!", "--from", "es", "--to", "en", "--format", "json"],
        vec!["analyze", &es, "--from", "es", "--to", "en"],
        vec!["concordance", "Mundo", "--lang", "es"],
        vec!["segment", &es],
        vec!["pretranslate", &es, "--from", "es", "--to", "en"],
        vec!["export", "-o", "-"],
    ];
    for args in cases {
        let full = std::fs::OpenOptions::new().write(true).open("/dev/full").unwrap();
        let o = memoria(&d.db(), &args).stdin(Stdio::null()).stdout(full).stderr(Stdio::piped()).output().unwrap();
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {err}");
        assert!(!err.contains("panicked"), "{args:?}: {err}");
        assert_eq!(err.lines().filter(|l| l.starts_with("memoria: error:")).count(), 1, "{args:?}: {err}");
        assert!(err.contains("standard output: cannot write: disk full"), "{args:?}: {err}");
    }
    // clap's own printing (help, version) ignored the error: exit 0.
    let full = std::fs::OpenOptions::new().write(true).open("/dev/full").unwrap();
    let o = memoria(&d.db(), &["--help"]).stdout(full).stderr(Stdio::piped()).output().unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("cannot write the usage: disk full"));
}

#[test]
fn a_full_output_file_system_leaves_no_partial_file() {
    // `-o` a link to /dev/full streams into the device: a write error, exit
    // 2. (Through a link in the test's folder: a memoria that replaced its
    // target would replace the link, not the machine's /dev/full.)
    let d = sample_tm();
    let link = d.path("full");
    std::os::unix::fs::symlink("/dev/full", &link).unwrap();
    let r = run(&d.db(), &["export", "-o", link.to_str().unwrap()]);
    assert_rejected(&r, &["full: cannot write: disk full"]);
    assert_eq!(std::fs::read_link(&link).unwrap(), Path::new("/dev/full"));
}

#[test]
fn a_closed_pipe_ends_quietly() {
    let d = sample_tm();
    let mut child = memoria(&d.db(), &["export", "-o", "-"])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let o = child.wait_with_output().unwrap();
    assert!(!String::from_utf8_lossy(&o.stderr).contains("panicked"));
    use std::os::unix::process::ExitStatusExt;
    assert!(o.status.signal() == Some(libc::SIGPIPE) || o.status.success(), "{:?}", o.status);
}

// 2. Every input read once.

/// A TMX whose one warning (a TU with a `<tuv>` without a language,
/// skipped) is at line 6, column 90.
const ONE_WARNING: &str =
    "<?xml version=\"1.0\"?>\n<tmx version=\"1.4\">\n<header srclang=\"es\" segtype=\"sentence\" \
adminlang=\"en\" datatype=\"plaintext\" o-tmf=\"x\" creationtool=\"t\" creationtoolversion=\"1\"/>\n<body>\n\
<tu><tuv xml:lang=\"es\"><seg>Uno.</seg></tuv><tuv xml:lang=\"en\"><seg>One.</seg></tuv></tu>\n\
<tu><tuv xml:lang=\"es\"><seg>Dos.</seg></tuv><tuv xml:lang=\"en\"><seg>Two.</seg></tuv></tu>\
<tu><tuv><seg>Three.</seg></tuv></tu>\n</body>\n</tmx>\n";

/// Runs `memoria import ARGS`, feeding `stdin`, killed after 30 s.
fn import_fed(db: &Path, args: &[&str], stdin: Option<&'static str>) -> Run {
    let mut cmd = memoria(db, args);
    cmd.stdin(if stdin.is_some() { Stdio::piped() } else { Stdio::null() })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let started = Instant::now();
    let mut child = cmd.spawn().unwrap();
    if let (Some(text), Some(mut pipe)) = (stdin, child.stdin.take()) {
        std::thread::spawn(move || {
            use std::io::Write;
            let _ = pipe.write_all(text.as_bytes());
        });
    }
    while running(&child) && started.elapsed() < Duration::from_secs(30) {
        std::thread::sleep(Duration::from_millis(10));
    }
    if running(&child) {
        let _ = child.kill();
    }
    finish(child, started)
}

#[test]
fn import_from_a_fifo_with_a_warning_finishes_and_names_the_line() {
    let d = Dir::new();
    let fifo = d.path("feed.tmx");
    mkfifo(&fifo);
    let writer = {
        let fifo = fifo.clone();
        std::thread::spawn(move || {
            // Opening blocks until memoria opens the FIFO for reading; once
            // it has read it all, a second open (the old reader's, to
            // locate the warning) would wait forever for a writer.
            std::fs::write(&fifo, ONE_WARNING).unwrap();
        })
    };
    let r = import_fed(&d.db(), &["import", fifo.to_str().unwrap()], None);
    writer.join().unwrap();
    assert_eq!(r.code, Some(0), "finished: {r:?}");
    assert!(r.stderr.contains("feed.tmx:6:90: <tuv> without xml:lang"), "{}", r.stderr);
    assert!(r.stdout.contains("2 added"), "{}", r.stdout);
    assert_eq!(tu_count(&d.db()), 2);
}

#[test]
fn import_from_a_pipe_or_standard_input_names_the_right_line() {
    let d = Dir::new();
    // `memoria import <(cat x.tmx)` hands a /dev/fd/N path to a pipe; the
    // old reader opened it again to locate a warning and reported 1:1.
    let r = import_fed(&d.db(), &["import", "/dev/stdin"], Some(ONE_WARNING));
    assert_eq!(r.code, Some(0), "{r:?}");
    assert!(r.stderr.contains("/dev/stdin:6:90: <tuv> without xml:lang"), "{}", r.stderr);
    let r = import_fed(&d.db(), &["import", "-"], Some(ONE_WARNING));
    assert_eq!(r.code, Some(0), "{r:?}");
    assert!(r.stderr.contains("standard input:6:90: <tuv> without xml:lang"), "{}", r.stderr);
    assert!(r.stdout.contains("0 added, 2 duplicates"), "{}", r.stdout);
}

#[test]
fn releases_and_alignments_are_read_from_fifos_and_standard_input() {
    let d = Dir::new();
    let es = "El proyecto Debian anuncia su nueva versión. Incluye muchos paquetes.\n";
    let en = "The Debian project announces its new release. It includes many packages.\n";
    let (fes, fen) = (d.path("r.es.fifo"), d.path("r.en.fifo"));
    mkfifo(&fes);
    mkfifo(&fen);
    let writers: Vec<_> = [(fes.clone(), es), (fen.clone(), en)]
        .into_iter()
        .map(|(p, t)| std::thread::spawn(move || std::fs::write(p, t).unwrap()))
        .collect();
    let r = import_fed(
        &d.db(),
        &["align", fes.to_str().unwrap(), fen.to_str().unwrap(), "--from", "es", "--to", "en", "--import"],
        None,
    );
    for w in writers {
        w.join().unwrap();
    }
    assert_eq!(r.code, Some(0), "{r:?}");
    assert_eq!(tu_count(&d.db()), 2, "{}", r.stderr);
    let r = import_fed(&d.db(), &["segment", "-", "--lang", "es"], Some(es));
    assert_eq!(r.code, Some(0), "{r:?}");
    assert_eq!(r.stdout, "El proyecto Debian anuncia su nueva versión.\nIncluye muchos paquetes.\n");
}

// 4. A damaged TM is refused by every command, writers first.

/// A TM of 3,000 pairs with 8 KiB of pseudo-random bytes written into its
/// middle (as a disk error or a stray program would).
fn damaged_tm() -> Dir {
    let d = Dir::new();
    let pairs: Vec<(String, String)> = (0..3_000)
        .map(|i| {
            (format!("La frase número {i} del corpus de prueba."), format!("Sentence number {i} of the test corpus."))
        })
        .collect();
    let tmx = d.path("seed.tmx");
    write_tmx(&tmx, &pairs, "t", "");
    let r = run(&d.db(), &["import", tmx.to_str().unwrap()]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let mut bytes = std::fs::read(d.db()).unwrap();
    let mid = bytes.len() / 2;
    let mut x: u64 = 0x2545_F491_4F6C_DD1D;
    for b in &mut bytes[mid..mid + 8192] {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        *b = x as u8;
    }
    std::fs::write(d.db(), bytes).unwrap();
    d
}

#[test]
fn an_import_or_alignment_into_a_damaged_tm_writes_nothing_and_exits_2() {
    let d = damaged_tm();
    let before = std::fs::read(d.db()).unwrap();
    let tmx = d.write("new.tmx", ONE_WARNING);
    let r = run(&d.db(), &["import", &tmx]);
    assert_rejected(&r, &["the TM is damaged", "nothing was written", "memoria verify"]);
    let es = d.write("a.es.txt", "El proyecto Debian anuncia su nueva versión.\n");
    let en = d.write("a.en.txt", "The Debian project announces its new release.\n");
    let r = run(&d.db(), &["align", &es, &en, "--from", "es", "--to", "en", "--import"]);
    assert_eq!(r.code, Some(2), "{r:?}");
    assert!(r.stderr.contains("memoria: error: cannot start the import: ") && r.stderr.contains("the TM is damaged"));
    assert!(std::fs::read(d.db()).unwrap() == before, "the TM file is byte for byte as it was");
}

#[test]
fn reading_commands_that_meet_the_damage_say_so_and_verify_lists_it() {
    let d = damaged_tm();
    // (The damaged page is one of the `tu` table's, which concordance does
    // not read since schema 9: it reads postings and TUVs only.)
    for args in [vec!["stats"], vec!["export", "-o", "-"]] {
        let r = run(&d.db(), &args);
        assert_rejected(&r, &["the TM is damaged"]);
    }
    let r = run(&d.db(), &["verify"]);
    assert_eq!(r.code, Some(1), "{r:?}");
    assert!(r.stdout.contains("storage: "), "{}", r.stdout);
    assert!(r.stdout.lines().last().unwrap().contains("problems"), "{}", r.stdout);
}

#[test]
fn verify_names_broken_invariants_of_a_tm_whose_file_is_sound() {
    let d = Dir::new();
    let pairs: Vec<(String, String)> =
        (0..50).map(|i| (format!("Frase {i} de prueba."), format!("Test sentence {i}."))).collect();
    let tmx = d.path("seed.tmx");
    write_tmx(&tmx, &pairs, "t", "");
    assert_eq!(run(&d.db(), &["import", tmx.to_str().unwrap()]).code, Some(0));
    let r = run(&d.db(), &["verify", "--format", "json"]);
    assert_eq!(r.code, Some(0), "{r:?}");
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!((v["tus"].as_u64(), v["tuvs"].as_u64(), v["ok"].as_bool()), (Some(50), Some(100), Some(true)));
    // Break the TM's own invariants behind memoria's back (the file stays sound).
    let c = rusqlite::Connection::open(d.db()).unwrap();
    let (tu, tuv): (i64, i64) = c
        .query_row("SELECT tu_id, id FROM tuv ORDER BY id LIMIT 1 OFFSET 10", [], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap();
    c.execute("DELETE FROM tuv WHERE tu_id = ?1", [tu]).unwrap();
    let term: i64 = c.query_row("SELECT term FROM posting ORDER BY term LIMIT 1", [], |r| r.get(0)).unwrap();
    c.execute("DELETE FROM posting WHERE term = ?1", [term]).unwrap();
    drop(c);
    let r = run(&d.db(), &["verify"]);
    assert_eq!(r.code, Some(1), "{r:?}");
    assert!(r.stdout.contains(&format!("TU {tu} has no TUV")), "{}", r.stdout);
    assert!(r.stdout.contains(&format!("candidate index: lists TUV {tuv}, which does not exist")), "{}", r.stdout);
    assert!(r.stdout.contains("TUVs, but the TM's count says"), "{}", r.stdout);
    assert!(r.stdout.contains("is missing under 1 of its"), "{}", r.stdout);
}

// 7. Read-only and full storage.

/// A tmpfs mounted on a folder for the test (the tests run as root), unmounted
/// when dropped.
struct Mount {
    dir: tempfile::TempDir,
}

impl Mount {
    fn new(size: &str) -> Mount {
        let dir = tempfile::tempdir().unwrap();
        let o = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
            .arg(dir.path())
            .output();
        let o = o.expect("mount runs");
        assert!(o.status.success(), "mount: {}", String::from_utf8_lossy(&o.stderr));
        Mount { dir }
    }
    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }
    fn remount_read_only(&self) {
        let o = Command::new("mount").args(["-o", "remount,ro"]).arg(self.dir.path()).output().unwrap();
        assert!(o.status.success(), "remount: {}", String::from_utf8_lossy(&o.stderr));
    }
    fn names(&self) -> Vec<String> {
        let mut v: Vec<String> = std::fs::read_dir(self.dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    }
}

impl Drop for Mount {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(self.dir.path()).output();
    }
}

fn import_samples(db: &Path) {
    let mut args = vec!["import".to_string()];
    for f in std::fs::read_dir(common::root().join("samples/tmx")).unwrap() {
        args.push(f.unwrap().path().to_string_lossy().into_owned());
    }
    let a: Vec<&str> = args.iter().map(String::as_str).collect();
    let r = run(db, &a);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
}

const HOLA: [&str; 6] = ["lookup", "¡Hola Mundo!", "--from", "es", "--to", "en"];

#[test]
fn a_tm_on_a_read_only_file_system_is_read_and_a_write_says_read_only() {
    let m = Mount::new("4m");
    let db = m.path("tm.db");
    import_samples(&db);
    m.remount_read_only();
    let r = run(&db, &HOLA);
    assert_eq!(r.code, Some(0), "{r:?}");
    assert!(r.stdout.contains("Hello World!"), "{}", r.stdout);
    let r = run(&db, &["stats"]);
    assert!(r.code == Some(0) && r.stdout.starts_with("TUs: 7\n"), "{r:?}");
    let r = run(&db, &["concordance", "Mundo", "--lang", "es"]);
    assert!(r.code == Some(0) && r.stdout.contains("¡Hola Mundo!"), "{r:?}");
    let src = Dir::new();
    let tmx = src.write("new.tmx", ONE_WARNING);
    let r = run(&db, &["import", &tmx]);
    assert_eq!(r.code, Some(2), "{r:?}");
    assert!(r.stderr.contains("read-only"), "{}", r.stderr);
    assert_eq!(m.names(), ["tm.db"]);
}

#[test]
fn a_full_disk_is_said_in_words_and_the_tm_is_still_read() {
    let m = Mount::new("1m");
    let db = m.path("tm.db");
    import_samples(&db);
    // Fill the file system.
    let mut fill = std::fs::File::create(m.path("fill")).unwrap();
    use std::io::Write;
    while fill.write_all(&[0u8; 4096]).is_ok() {}
    drop(fill);
    let r = run(&db, &HOLA);
    assert_eq!(r.code, Some(0), "{r:?}");
    assert!(r.stdout.contains("Hello World!"), "{}", r.stdout);
    assert_eq!(m.names(), ["fill", "tm.db"], "the reader made no file");
    let src = Dir::new();
    let r = run(&db, &["import", &src.write("new.tmx", ONE_WARNING)]);
    assert_eq!(r.code, Some(2), "{r:?}");
    assert!(r.stderr.contains("disk full"), "{}", r.stderr);
}

/// `memoria` run as the user `nobody` (uid 65534; the tests run as root).
fn run_as_nobody(db: &Path, args: &[&str]) -> Run {
    use std::os::unix::process::CommandExt;
    let mut c = memoria(db, args);
    c.uid(65534).gid(65534);
    let started = Instant::now();
    finish(spawn(c), started)
}

#[test]
fn another_user_reads_a_tm_without_leaving_files_and_in_a_read_only_folder() {
    for folder_mode in [0o755, 0o1777] {
        let d = Dir::new();
        import_samples(&d.db());
        std::fs::set_permissions(d.0.path(), std::fs::Permissions::from_mode(folder_mode)).unwrap();
        std::fs::set_permissions(d.db(), std::fs::Permissions::from_mode(0o644)).unwrap();
        let r = run_as_nobody(&d.db(), &HOLA);
        assert_eq!(r.code, Some(0), "folder {folder_mode:o}: {r:?}");
        assert!(r.stdout.contains("Hello World!"), "{}", r.stdout);
        let r = run_as_nobody(&d.db(), &["concordance", "Mundo", "--lang", "es"]);
        assert!(r.code == Some(0) && r.stdout.contains("¡Hola Mundo!"), "{r:?}");
        assert_eq!(d.names(), ["tm.db"], "folder {folder_mode:o}: no -wal/-shm owned by nobody");
        let src = Dir::new();
        std::fs::set_permissions(src.0.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
        let r = run_as_nobody(&d.db(), &["import", &src.write("new.tmx", ONE_WARNING)]);
        assert_eq!(r.code, Some(2), "{r:?}");
        assert!(r.stderr.contains("read-only"), "{}", r.stderr);
        assert_eq!(d.names(), ["tm.db"], "folder {folder_mode:o}: the refused import left nothing");
    }
}

#[test]
fn a_utf16_release_without_byte_order_mark_is_refused_by_name() {
    let d = Dir::new();
    let text = "El proyecto Debian anuncia su nueva versión. Incluye muchos paquetes.\n";
    let le: Vec<u8> = text.encode_utf16().flat_map(|u| u.to_le_bytes()).collect();
    let f = d.write("nobom.es.txt", le);
    let r = run(&d.db(), &["segment", &f]);
    assert_rejected(
        &r,
        &["nobom.es.txt: line 1, column 1: the file looks like UTF-16 (little-endian) without a byte-order mark"],
    );
    let tm = sample_tm();
    let r = run(&tm.db(), &["analyze", &f, "--from", "es", "--to", "en"]);
    assert_rejected(&r, &["UTF-16 (little-endian) without a byte-order mark"]);
}

// 6. Bounded memory on releases.

#[test]
fn ten_million_empty_lines_are_read_in_bounded_memory() {
    let d = sample_tm();
    // Written in pieces: a 10 MB buffer in this process would count in the
    // peak RSS of the children it forks.
    let f = d.path("empty.es.txt");
    {
        use std::io::Write;
        let mut w = std::fs::File::create(&f).unwrap();
        let chunk = vec![b'\n'; 100_000];
        for _ in 0..100 {
            w.write_all(&chunk).unwrap();
        }
    }
    let f = f.to_string_lossy().into_owned();
    for args in [vec!["segment", f.as_str()], vec!["analyze", f.as_str(), "--from", "es", "--to", "en"]] {
        let r = run(&d.db(), &args);
        assert_eq!(r.code, Some(0), "{args:?}: {}", r.stderr);
        // Was 878 MB (segment) and 890 MB (analyze): 32 bytes a line in the line pass.
        assert!(r.max_rss_kib < 200 * 1024, "{args:?}: peak RSS {} KiB", r.max_rss_kib);
    }
}

#[test]
fn a_50_mb_html_page_is_read_in_bounded_memory() {
    let d = Dir::new();
    let para = "<p>El proyecto <b>Debian</b> anuncia su nueva versión estable. La versión incluye \
                <a href=\"https://www.debian.org/\">muchos paquetes</a> nuevos.</p>\n";
    let f = d.path("page.es.html");
    {
        use std::io::Write;
        let mut w = std::io::BufWriter::new(std::fs::File::create(&f).unwrap());
        w.write_all(b"<html><body>\n").unwrap();
        for _ in 0..50_000_000 / para.len() {
            w.write_all(para.as_bytes()).unwrap();
        }
        w.write_all(b"</body></html>\n").unwrap();
    }
    let f = f.to_string_lossy().into_owned();
    let r = run(&d.db(), &["segment", &f]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert_eq!(r.stdout.lines().count(), 2 * (50_000_000 / para.len()));
    // Was 875 MB (16 bytes of map a text byte, and the file twice); now the
    // page once, its text, 48 bytes an inline code and 12 a run of the map.
    assert!(r.max_rss_kib < 300 * 1024, "peak RSS {} KiB", r.max_rss_kib);
}

#[test]
fn a_tu_with_millions_of_notes_is_refused_by_the_segment_size_limit() {
    let d = Dir::new();
    let f = d.path("notes.tmx");
    {
        use std::io::Write;
        let mut w = std::io::BufWriter::new(std::fs::File::create(&f).unwrap());
        w.write_all(ONE_WARNING.split("<body>\n").next().unwrap().as_bytes()).unwrap();
        w.write_all(b"<body>\n<tu>").unwrap();
        for _ in 0..1_000_000 {
            w.write_all(b"<note>n</note>").unwrap();
        }
        w.write_all(b"<tuv xml:lang=\"es\"><seg>a</seg></tuv></tu>\n</body>\n</tmx>\n").unwrap();
    }
    let r = run(&d.db(), &["import", f.to_str().unwrap()]);
    // Was: imported, holding every note (4M notes: 589 MB).
    assert_rejected(
        &r,
        &["notes.tmx:5:", "the notes and props of this TU hold more than 1048576 bytes (--max-segment-bytes)"],
    );
    assert!(r.max_rss_kib < 100 * 1024, "peak RSS {} KiB", r.max_rss_kib);
    // A TU with a few notes and props imports as before.
    let ok = d.write(
        "ok.tmx",
        ONE_WARNING.replace(
            "<tu><tuv xml:lang=\"es\"><seg>Uno.",
            "<tu><note>a</note><prop type=\"x\">b</prop><tuv xml:lang=\"es\"><seg>Uno.",
        ),
    );
    let r = run(&d.db(), &["import", &ok]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
}

#[test]
fn long_lookups_show_progress_on_a_terminal_only() {
    let d = sample_tm();
    let text: String = (0..200).map(|i| format!("La frase número {i} de la prueba.\n")).collect();
    let f = d.write("many.es.txt", text);
    // On a terminal (`script` gives the command one): a bar counting segments.
    let cmd = format!(
        "{} --db {} analyze {f} --from es --to en > /dev/null",
        env!("CARGO_BIN_EXE_memoria"),
        d.db().display()
    );
    let o = Command::new("script").args(["-qc", &cmd, "/dev/null"]).output().expect("script runs");
    let shown = String::from_utf8_lossy(&o.stdout).replace('\r', "\n");
    assert!(shown.contains("200/200 segments"), "{shown}");
    // Not on a pipe.
    let r = run(&d.db(), &["analyze", &f, "--from", "es", "--to", "en"]);
    assert_eq!(r.code, Some(0));
    assert!(!r.stderr.contains("segments"), "{}", r.stderr);
}
