//! TMX benchmark (a plain harness, run by hand: `scripts/bench-tmx.sh`).
//!
//! ```text
//! cargo bench -p memoria-formats --bench tmx -- make OUT.tmx --tus N [--from DIR]
//! cargo bench -p memoria-formats --bench tmx -- run FILE.tmx [--baselines PYTHON] [--readers lxml,tt]
//!                                         [--repeat 3] [--modes parse,import]
//! ```
//!
//! `make` writes a TMX of N TUs cycled from every TU of the corpus files
//! (`../shared/corpus/tmx`), each with a unique `tuid` and a unique segment
//! text (a ` #n` suffix), so that an import stores every one of them instead
//! of collapsing duplicates. `run` measures, each in its own child process so
//! that peak RSS is its own: our parse-only rate (every TU built with its
//! variants, attributes and inline codes), the `memoria import` binary into
//! a fresh SQLite TM (one transaction, every index; peak RSS and CPU from
//! `wait4`), and, with `--baselines`, the reference readers of
//! `../shared/baselines/tmx_readers.py` on the same file.

use memoria_core::content::Inline;
use memoria_core::tu::{Header, Tu};
use memoria_formats::tmx::{ReadOptions, TmxReader, TmxWriter, WriteOptions};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

/// The allocator the `memoria` binary uses.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).filter(|a| a != "--bench").collect();
    let result = match args.first().map(String::as_str) {
        Some("make") => make(&args[1..]),
        Some("run") => run(&args[1..]),
        Some("worker") => worker(&args[1..]),
        _ => Err(
            "usage: tmx make OUT.tmx --tus N [--from DIR] | tmx run FILE.tmx [--baselines PYTHON] [--readers lxml,tt]"
                .into(),
        ),
    };
    if let Err(e) = result {
        eprintln!("bench tmx: {e}");
        std::process::exit(2);
    }
}

type R<T> = Result<T, String>;

fn opt<'a>(args: &'a [String], name: &str) -> Option<&'a str> {
    args.iter().position(|a| a == name).and_then(|i| args.get(i + 1)).map(String::as_str)
}

fn read_all(path: &Path) -> R<Vec<Tu>> {
    let mut r = TmxReader::open(path, ReadOptions::default()).map_err(|e| e.to_string())?;
    let mut v = vec![];
    while let Some(tu) = r.next_tu().map_err(|e| e.to_string())? {
        v.push(tu);
    }
    Ok(v)
}

fn make(args: &[String]) -> R<()> {
    let out = PathBuf::from(args.first().ok_or("make needs OUT.tmx")?);
    let n: u64 = opt(args, "--tus").ok_or("make needs --tus N")?.parse().map_err(|e| format!("--tus: {e}"))?;
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let from = opt(args, "--from").map(PathBuf::from).unwrap_or_else(|| root.join("../shared/corpus/tmx"));
    let mut files: Vec<PathBuf> = std::fs::read_dir(&from)
        .map_err(|e| format!("{}: {e}", from.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "tmx"))
        .collect();
    files.sort();
    let mut templates = vec![];
    for f in &files {
        templates.extend(read_all(f)?);
    }
    if templates.is_empty() {
        return Err(format!("no TU in {}", from.display()));
    }
    let t0 = Instant::now();
    let file = std::fs::File::create(&out).map_err(|e| format!("{}: {e}", out.display()))?;
    let mut w = TmxWriter::new(file, WriteOptions::default());
    let mut h = Header::default();
    h.set_attr("srclang", "*all*");
    w.write_header(&h).map_err(|e| e.to_string())?;
    for i in 0..n {
        let mut tu = templates[(i % templates.len() as u64) as usize].clone();
        tu.set_attr("tuid", &format!("big-{i}"));
        for v in &mut tu.tuvs {
            match v.seg.items.last_mut() {
                Some(Inline::Text(t)) => t.push_str(&format!(" #{i}")),
                _ => v.seg.items.push(Inline::Text(format!(" #{i}"))),
            }
        }
        w.write_tu(&tu).map_err(|e| e.to_string())?;
    }
    w.finish().map_err(|e| e.to_string())?;
    let size = std::fs::metadata(&out).map(|m| m.len()).unwrap_or(0);
    eprintln!(
        "wrote {}: {n} TUs from {} templates in {} files, {:.1} MB in {:.1} s",
        out.display(),
        templates.len(),
        files.len(),
        size as f64 / 1e6,
        t0.elapsed().as_secs_f64()
    );
    Ok(())
}

/// Characters of segment text (text runs, at any depth), as lxml's
/// `itertext()` counts them, without building a string.
fn text_chars(items: &[Inline]) -> u64 {
    items
        .iter()
        .map(|i| match i {
            Inline::Text(t) => t.chars().count() as u64,
            Inline::Code(c) => text_chars(&c.content),
        })
        .sum()
}

/// CPU seconds (user + system) this process has used, from `/proc/self/stat`
/// (clock ticks of 1/100 s, the Linux default `CLK_TCK`).
fn cpu_seconds() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    let rest = stat.rsplit_once(") ").map_or("", |(_, r)| r);
    let f: Vec<f64> = rest.split_whitespace().skip(11).take(2).filter_map(|x| x.parse().ok()).collect();
    f.iter().sum::<f64>() / 100.0
}

/// Peak resident set size of this process in MB (`VmHWM`).
fn peak_rss_mb() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find(|l| l.starts_with("VmHWM:"))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|kb| kb.parse::<f64>().ok())
        .map_or(0.0, |kb| kb / 1024.0)
}

fn worker(args: &[String]) -> R<()> {
    let (mode, file) = (args.first().ok_or("worker mode")?, Path::new(args.get(1).ok_or("worker file")?));
    let base = peak_rss_mb();
    let cpu0 = cpu_seconds();
    let t0 = Instant::now();
    let mut r = TmxReader::open(file, ReadOptions::default()).map_err(|e| e.to_string())?;
    let (mut tus, mut chars) = (0u64, 0u64);
    match mode.as_str() {
        "parse" => {
            while let Some(tu) = r.next_tu().map_err(|e| e.to_string())? {
                tus += 1;
                chars += tu.tuvs.iter().map(|v| text_chars(&v.seg.items)).sum::<u64>();
            }
        }
        m => return Err(format!("unknown worker mode {m}")),
    }
    let secs = t0.elapsed().as_secs_f64();
    println!("{tus} {chars} {secs} {base} {} {}", peak_rss_mb(), cpu_seconds() - cpu0);
    Ok(())
}

/// The `memoria` binary of the same build: `target/release/memoria`, beside
/// this bench's `deps/` folder (`scripts/bench-tmx.sh` builds it first).
fn memoria_binary() -> R<PathBuf> {
    let exe = std::env::current_exe().map_err(|e| e.to_string())?;
    let bin = exe.parent().and_then(Path::parent).map(|dir| dir.join("memoria"));
    match bin {
        Some(b) if b.is_file() => Ok(b),
        _ => Err("target/release/memoria not found: run `cargo build --release -p memoria` first".into()),
    }
}

/// Runs `memoria import FILE` (the product: reading and writing threads)
/// into a fresh TM at `db` and returns the worker's figures: TUs read, TUs
/// stored, wall seconds, base MB (0), peak RSS MB and CPU seconds of that
/// child alone (`wait4`).
fn import_child(file: &str, db: &Path) -> R<Vec<f64>> {
    let t0 = Instant::now();
    let child = Command::new(memoria_binary()?)
        .args(["--db", db.to_str().unwrap_or_default(), "import", file, "--format", "json"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .map_err(|e| e.to_string())?;
    let pid = child.id() as libc::pid_t;
    let mut out = String::new();
    let mut err = String::new();
    {
        use std::io::Read;
        let (mut so, mut se) = (child.stdout.ok_or("no stdout")?, child.stderr.ok_or("no stderr")?);
        so.read_to_string(&mut out).map_err(|e| e.to_string())?;
        se.read_to_string(&mut err).map_err(|e| e.to_string())?;
    }
    let mut status = 0;
    // SAFETY: an all-zero rusage is valid; wait4 fills it for our own child.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: pid is our child, not yet reaped (std's Child is not waited on).
    if unsafe { libc::wait4(pid, &mut status, 0, &mut usage) } != pid {
        return Err("wait4 failed".into());
    }
    let secs = t0.elapsed().as_secs_f64();
    if !libc::WIFEXITED(status) || libc::WEXITSTATUS(status) != 0 {
        return Err(format!("memoria import failed: {err}"));
    }
    let v: serde_json::Value = serde_json::from_str(out.trim()).map_err(|e| format!("{e}: {out}"))?;
    let cpu = |t: libc::timeval| t.tv_sec as f64 + t.tv_usec as f64 / 1e6;
    Ok(vec![
        v["total"]["read"].as_f64().unwrap_or(0.0),
        v["total"]["added"].as_f64().unwrap_or(0.0),
        secs,
        0.0,
        usage.ru_maxrss as f64 / 1024.0,
        cpu(usage.ru_utime) + cpu(usage.ru_stime),
    ])
}

/// One run of a baseline reader of `../shared/baselines/tmx_readers.py`:
/// its JSON line (`tus`, `seconds`, `tus_per_s`, RSS, or `error`).
fn baseline(py: &str, reader: &str, file: &str) -> R<serde_json::Value> {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/baselines/tmx_readers.py");
    let out = Command::new(py)
        .arg(&script)
        .arg(file)
        .args(["--readers", reader, "--json"])
        .output()
        .map_err(|e| format!("{py}: {e}"))?;
    let line = String::from_utf8_lossy(&out.stdout).lines().next().unwrap_or("{}").to_string();
    serde_json::from_str(&line).map_err(|e| e.to_string())
}

/// Our parse-only worker in its own process: TUs, chars, seconds, base MB,
/// peak MB, CPU seconds.
fn parse_child(me: &Path, file: &str) -> R<Vec<f64>> {
    let out = Command::new(me).args(["worker", "parse", file]).output().map_err(|e| e.to_string())?;
    if !out.status.success() {
        return Err(String::from_utf8_lossy(&out.stderr).into_owned());
    }
    Ok(String::from_utf8_lossy(&out.stdout).split_whitespace().filter_map(|x| x.parse().ok()).collect())
}

fn run(args: &[String]) -> R<()> {
    let file = args.first().ok_or("run needs FILE.tmx")?;
    let size = std::fs::metadata(file).map_err(|e| format!("{file}: {e}"))?.len();
    let repeat: usize = opt(args, "--repeat").unwrap_or("3").parse().map_err(|e| format!("--repeat: {e}"))?;
    let modes: Vec<&str> = opt(args, "--modes").unwrap_or("parse,import").split(',').collect();
    let py = opt(args, "--baselines");
    let readers: Vec<&str> = match py {
        Some(_) => opt(args, "--readers").unwrap_or("lxml,tt").split(',').collect(),
        None => vec![],
    };
    println!(
        "input: {file}, {:.1} MB; best of {repeat} rounds (the machine is shared: each round runs memoria's \
         parse and every reader back to back)",
        size as f64 / 1e6
    );
    println!(
        "{:<24} {:>10} {:>9} {:>10} {:>9} {:>9}  CPU s (TU/s by CPU time)",
        "reader", "TUs", "seconds", "TU/s", "base MB", "peak MB"
    );
    let me = std::env::current_exe().map_err(|e| e.to_string())?;
    // Rounds: parse-only and the baselines, interleaved.
    let rate = |v: &serde_json::Value| v["tus_per_s"].as_f64().unwrap_or(0.0);
    let mut ours: Option<Vec<f64>> = None;
    let mut parse_peak = 0f64;
    let mut base: Vec<Option<serde_json::Value>> = vec![None; readers.len()];
    let mut ratios: Vec<Vec<f64>> = vec![vec![]; readers.len()];
    for round in 0..repeat {
        let mine = if modes.contains(&"parse") { Some(parse_child(&me, file)?) } else { None };
        if let Some(f) = &mine {
            if f.len() < 6 {
                return Err(format!("worker printed {f:?}"));
            }
            parse_peak = parse_peak.max(f[4]);
            if ours.as_ref().is_none_or(|b| f[2] < b[2]) {
                ours = mine.clone();
            }
        }
        for (i, reader) in readers.iter().enumerate() {
            // Translate Toolkit holds ~13x the file in memory: run it once.
            if *reader == "tt" && round > 0 {
                continue;
            }
            let v = baseline(py.unwrap_or_default(), reader, file)?;
            if let (Some(f), true) = (&mine, rate(&v) > 0.0) {
                ratios[i].push(f[0] / f[2] / rate(&v));
            }
            if base[i].as_ref().is_none_or(|b| rate(&v) > rate(b)) {
                base[i] = Some(v);
            }
        }
    }
    let our_rate = ours.as_ref().map(|f| f[0] / f[2]);
    if let Some(f) = &ours {
        let (tus, secs, base_mb, cpu) = (f[0], f[2], f[3], f[5]);
        println!(
            "{:<24} {tus:>10} {secs:>9.3} {:>10.0} {base_mb:>9.1} {parse_peak:>9.1}  {cpu:.2} ({:.0})",
            "memoria parse-only",
            tus / secs,
            tus / cpu.max(0.01)
        );
    }
    if modes.contains(&"import") {
        let db = std::env::temp_dir().join(format!("memoria-bench-{}.db", std::process::id()));
        let clean = || {
            for ext in ["", "-wal", "-shm", "-journal"] {
                let _ = std::fs::remove_file(format!("{}{ext}", db.display()));
            }
        };
        let (mut best, mut peak): (Option<Vec<f64>>, f64) = (None, 0.0);
        for _ in 0..repeat {
            clean();
            let f = import_child(file, &db)?;
            peak = peak.max(f[4]);
            if best.as_ref().is_none_or(|b| f[2] < b[2]) {
                best = Some(f);
            }
        }
        clean();
        let f = best.ok_or("no run")?;
        let (tus, stored, secs, cpu) = (f[0], f[1], f[2], f[5]);
        println!(
            "{:<24} {tus:>10} {secs:>9.3} {:>10.0} {:>9.1} {peak:>9.1}  {cpu:.2} ({:.0})",
            "memoria import (SQLite)",
            tus / secs,
            0.0,
            tus / cpu.max(0.01)
        );
        println!(
            "{:<24} {stored:>10} TUs stored, every index built, one transaction (the `memoria import` binary)",
            ""
        );
    }
    for (i, reader) in readers.iter().enumerate() {
        let Some(v) = &base[i] else { continue };
        let name = if *reader == "tt" { "translate-toolkit" } else { reader };
        if let Some(err) = v.get("error") {
            println!("{name:<24} error: {err}");
            continue;
        }
        println!(
            "{name:<24} {:>10} {:>9.3} {:>10.0} {:>9.1} {:>9.1}",
            v["tus"],
            v["seconds"].as_f64().unwrap_or(0.0),
            rate(v),
            v["base_rss_mb"].as_f64().unwrap_or(0.0),
            v["peak_rss_mb"].as_f64().unwrap_or(0.0)
        );
        if let (Some(o), true) = (our_rate, rate(v) > 0.0) {
            let each: Vec<String> = ratios[i].iter().map(|r| format!("{r:.1}x")).collect();
            println!(
                "{:<24} memoria parse-only is {:.1}x {name} (best vs best); round by round: {}",
                "",
                o / rate(v),
                each.join(" ")
            );
        }
    }
    Ok(())
}
