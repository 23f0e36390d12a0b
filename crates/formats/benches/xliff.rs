//! XLIFF benchmark (a plain harness, run by hand: `scripts/bench-xliff.sh`).
//!
//! ```text
//! cargo bench -p memoria-formats --bench xliff -- make OUT.xlf --units N --version 1.2|2.1
//! cargo bench -p memoria-formats --bench xliff -- parse FILE.xlf [--repeat 3]
//! ```
//!
//! `make` writes an XLIFF of N translated units cycled from the real es–en
//! pairs of `../shared/corpus/parallel/` (each unit's texts made unique by a
//! ` #n` suffix), every third unit with a bold code around its first word
//! (1.2 `<g>`, 2.1 `<pc>`) and every fifth with a standalone `<x/>`/`<ph/>`;
//! states `translated`. `parse` reads every unit with [`XliffReader`] and
//! classifies it as `memoria import` does, and prints units/s (with mimalloc,
//! as the `memoria` binary).

use memoria_formats::xliff::classify::{classify, Rules};
use memoria_formats::xliff::read::XliffReader;
use std::io::Write;
use std::time::Instant;

/// The allocator the `memoria` binary uses, so parse-only figures are the
/// binary's own.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

type R<T> = Result<T, String>;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).filter(|a| a != "--bench").collect();
    let result = match args.first().map(String::as_str) {
        Some("make") => make(&args[1..]),
        Some("parse") => parse(&args[1..]),
        _ => Err("usage: xliff make OUT.xlf --units N --version 1.2|2.1 | xliff parse FILE.xlf [--repeat 3]".into()),
    };
    if let Err(e) = result {
        eprintln!("xliff bench: {e}");
        std::process::exit(2);
    }
}

fn flag<'a>(args: &'a [String], name: &str) -> Option<&'a str> {
    args.iter().position(|a| a == name).and_then(|i| args.get(i + 1)).map(String::as_str)
}

fn esc(s: &str) -> String {
    memoria_formats::xml::text(s)
}

/// The real pairs of the parallel corpus.
fn pairs() -> R<Vec<(String, String)>> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/parallel");
    let mut out = Vec::new();
    for f in ["wmt_news_es_en.tsv", "flores_ntrex_es_en.tsv", "tatoeba_test_es_en.tsv"] {
        let text = std::fs::read_to_string(dir.join(f)).map_err(|e| format!("{f}: {e}"))?;
        out.extend(text.lines().filter_map(|l| l.split_once('\t')).map(|(a, b)| (a.to_string(), b.to_string())));
    }
    Ok(out)
}

/// `text` with its first word in a paired code (every third unit) and a
/// standalone code before its last word (every fifth).
fn coded(text: &str, n: usize, v2: bool) -> String {
    let mut s = esc(text);
    if n % 3 == 0 {
        if let Some(sp) = s.find(' ') {
            let (a, b) = s.split_at(sp);
            s = if v2 { format!("<pc id=\"1\">{a}</pc>{b}") } else { format!("<g id=\"1\" ctype=\"bold\">{a}</g>{b}") };
        }
    }
    if n % 5 == 0 {
        if let Some(sp) = s.rfind(' ') {
            let (a, b) = s.split_at(sp);
            s = if v2 { format!("{a}<ph id=\"2\"/>{b}") } else { format!("{a}<x id=\"2\"/>{b}") };
        }
    }
    s
}

fn make(args: &[String]) -> R<()> {
    let out = args.first().ok_or("make: no output file")?;
    let units: usize = flag(args, "--units").unwrap_or("100000").parse().map_err(|e| format!("--units: {e}"))?;
    let v2 = flag(args, "--version").unwrap_or("1.2").starts_with('2');
    let pairs = pairs()?;
    let mut w = std::io::BufWriter::new(std::fs::File::create(out).map_err(|e| format!("{out}: {e}"))?);
    let io = |e: std::io::Error| e.to_string();
    if v2 {
        writeln!(w, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<xliff xmlns=\"urn:oasis:names:tc:xliff:document:2.0\" version=\"2.1\" srcLang=\"es\" trgLang=\"en\">\n<file id=\"f1\">").map_err(io)?;
    } else {
        writeln!(w, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<xliff version=\"1.2\" xmlns=\"urn:oasis:names:tc:xliff:document:1.2\">\n<file original=\"bench\" source-language=\"es\" target-language=\"en\" datatype=\"plaintext\"><body>").map_err(io)?;
    }
    for n in 0..units {
        let (es, en) = &pairs[n % pairs.len()];
        let (es, en) = (format!("{es} #{n}"), format!("{en} #{n}"));
        let (s, t) = (coded(&es, n, v2), coded(&en, n, v2));
        if v2 {
            writeln!(w, "<unit id=\"u{n}\"><segment id=\"s{n}\" state=\"translated\"><source>{s}</source><target>{t}</target></segment></unit>").map_err(io)?;
        } else {
            writeln!(
                w,
                "<trans-unit id=\"{n}\"><source>{s}</source><target state=\"translated\">{t}</target></trans-unit>"
            )
            .map_err(io)?;
        }
    }
    writeln!(w, "{}", if v2 { "</file>\n</xliff>" } else { "</body></file>\n</xliff>" }).map_err(io)?;
    w.flush().map_err(io)
}

fn parse(args: &[String]) -> R<()> {
    let file = args.first().ok_or("parse: no file")?;
    let repeat: usize = flag(args, "--repeat").unwrap_or("3").parse().map_err(|e| format!("--repeat: {e}"))?;
    let (mut best, mut best_cpu) = (f64::MAX, f64::MAX);
    let mut n = 0u64;
    for _ in 0..repeat {
        let (t0, c0) = (Instant::now(), cpu_seconds());
        let f = std::fs::File::open(file).map_err(|e| format!("{file}: {e}"))?;
        let mut r = XliffReader::new(f).map_err(|e| e.to_string())?;
        n = 0;
        let mut translated = 0u64;
        while let Some(u) = r.next_unit().map_err(|e| e.to_string())? {
            n += 1;
            translated += u64::from(classify(&u, r.is_v2(), Rules::default()).is_ok());
        }
        assert_eq!(translated, n, "every generated unit is a translation");
        best = best.min(t0.elapsed().as_secs_f64());
        best_cpu = best_cpu.min(cpu_seconds() - c0);
    }
    println!(
        "memoria parse-only: {n} units in {best:.3} s wall, {best_cpu:.3} s CPU (best of {repeat}) = {:.0} units/s wall, {:.0} units/s CPU",
        n as f64 / best,
        n as f64 / best_cpu
    );
    Ok(())
}

/// CPU seconds (user + system) this process has used (`getrusage`, in
/// microseconds): on a loaded machine closer to the quiet wall time than
/// the wall time itself.
fn cpu_seconds() -> f64 {
    // SAFETY: getrusage only writes the struct it is given.
    let mut u: libc::rusage = unsafe { std::mem::zeroed() };
    unsafe { libc::getrusage(libc::RUSAGE_SELF, &mut u) };
    let secs = |t: libc::timeval| t.tv_sec as f64 + t.tv_usec as f64 / 1e6;
    secs(u.ru_utime) + secs(u.ru_stime)
}
