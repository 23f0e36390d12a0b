//! Lookup benchmark (a plain harness, run by `scripts/bench-lookup.sh`; never
//! a timed test).
//!
//! ```text
//! lookup_bench build  --size N --tm-out tm.tsv [--tmx-out tm.tmx] [--db tm.db] # make (+ import) a TM
//! lookup_bench query  --db tm.db [--queries q.tsv] [--real segments.txt] [--oracle K]
//!                     [--oracle-cache FILE] [--min-score S] [--memoria BIN --processes P]
//! lookup_bench levels --queries q.tsv                                          # char vs token level
//! ```
//!
//! `build` takes the real es–en pairs of `../shared/corpus/parallel/*.tsv`
//! (distinct sources) and pads them to N pairs with generated near-duplicates
//! (a number changed, a word dropped / swapped / inserted, halves of two
//! sentences recombined, on both sides; deterministic), writes them as TSV
//! (for the RapidFuzz baseline) and optionally TMX, and imports them through
//! [`memoria_store::Import`], printing TU/s and the file size.
//! `query` runs two query sets, the edited sentences (`--queries`) and real
//! release segments (`--real`, one a line), and prints for each the
//! p50/p95/p99/max ms of `Tm::lookup` (in-process, single thread), the TUVs
//! verified (mean, max), and recall against
//! `Tm::lookup_exhaustive` (same top-1 score; exhaustive matches returned);
//! for the edited set also whole `memoria lookup` processes. Exhaustive
//! results can be kept in `--oracle-cache` between runs on the same TM.

use memoria_core::lang::LangTag;
use memoria_core::normalize::MatchForm;
use memoria_core::score::{base_score, Pattern};
use memoria_core::tu::{Tu, Tuv};
use memoria_store::{Provenance, Tm};
use std::collections::{HashMap, HashSet};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Instant;

#[path = "lookup_bench/query.rs"]
mod query;

const CORPUS: [&str; 3] = ["wmt_news_es_en.tsv", "flores_ntrex_es_en.tsv", "tatoeba_test_es_en.tsv"];

struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

fn arg(args: &[String], name: &str) -> Option<String> {
    args.iter().position(|a| a == name).and_then(|i| args.get(i + 1)).cloned()
}

fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/parallel")
}

fn real_pairs() -> Vec<(String, String)> {
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    for f in CORPUS {
        let p = corpus_dir().join(f);
        let text = std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
        for line in text.lines() {
            let Some((es, en)) = line.split_once('\t') else { continue };
            let (es, en) = (es.trim(), en.trim());
            if !es.is_empty() && !en.is_empty() && seen.insert(es.to_string()) {
                out.push((es.to_string(), en.to_string()));
            }
        }
    }
    out
}

/// One generated near-duplicate of `pairs[i]` (None if the edit does not apply).
fn near_duplicate(pairs: &[(String, String)], rng: &mut Rng) -> Option<(String, String)> {
    let (es, en) = &pairs[rng.below(pairs.len())];
    let mut w: Vec<String> = es.split_whitespace().map(str::to_string).collect();
    let mut t: Vec<String> = en.split_whitespace().map(str::to_string).collect();
    if w.len() < 4 || t.len() < 2 {
        return None;
    }
    match rng.below(5) {
        0 => {
            let idx: Vec<usize> = (0..w.len()).filter(|&i| w[i].bytes().any(|b| b.is_ascii_digit())).collect();
            if idx.is_empty() {
                return None;
            }
            let i = idx[rng.below(idx.len())];
            let old = w[i].clone();
            let digits: Vec<usize> = old.char_indices().filter(|(_, c)| c.is_ascii_digit()).map(|(j, _)| j).collect();
            let j = digits[rng.below(digits.len())];
            let d = (b'0' + rng.below(10) as u8) as char;
            let mut new = old.clone();
            new.replace_range(j..j + 1, &d.to_string());
            w[i] = new.clone();
            let digits_old: String = old.chars().filter(char::is_ascii_digit).collect();
            let digits_new: String = new.chars().filter(char::is_ascii_digit).collect();
            for x in t.iter_mut() {
                if x.contains(&digits_old) {
                    *x = x.replace(&digits_old, &digits_new);
                }
            }
        }
        1 => {
            w.remove(1 + rng.below(w.len() - 2));
        }
        2 => {
            let i = rng.below(w.len() - 1);
            w.swap(i, i + 1);
        }
        3 => {
            let (other, _) = &pairs[rng.below(pairs.len())];
            let ow: Vec<&str> = other.split_whitespace().collect();
            w.insert(1 + rng.below(w.len() - 1), ow[rng.below(ow.len())].to_string());
        }
        _ => {
            let (oes, oen) = &pairs[rng.below(pairs.len())];
            let ow: Vec<&str> = oes.split_whitespace().collect();
            let ot: Vec<&str> = oen.split_whitespace().collect();
            if ow.len() < 4 || ot.len() < 2 {
                return None;
            }
            w.truncate(w.len() / 2);
            w.extend(ow[ow.len() / 2..].iter().map(|s| s.to_string()));
            t.truncate(t.len() / 2);
            t.extend(ot[ot.len() / 2..].iter().map(|s| s.to_string()));
        }
    }
    Some((w.join(" "), t.join(" ")))
}

/// CPU seconds (user + system) of this process so far, from /proc/self/stat
/// (the machine is shared: wall time alone overstates our cost).
fn cpu_seconds() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    let after = stat.rsplit_once(')').map_or("", |x| x.1);
    let f: Vec<&str> = after.split_whitespace().collect();
    let ticks: f64 =
        f.get(11).and_then(|u| u.parse().ok()).unwrap_or(0.0) + f.get(12).and_then(|s| s.parse().ok()).unwrap_or(0.0);
    ticks / 100.0
}

/// CPU time of the calling thread, in milliseconds.
fn thread_cpu_ms() -> f64 {
    let mut ts = libc::timespec { tv_sec: 0, tv_nsec: 0 };
    // SAFETY: clock_gettime writes into the timespec we own.
    unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) };
    ts.tv_sec as f64 * 1000.0 + ts.tv_nsec as f64 / 1e6
}

fn xml(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

fn build(args: &[String]) {
    let size: usize = arg(args, "--size").and_then(|s| s.parse().ok()).unwrap_or(100_000);
    let db = arg(args, "--db").map(PathBuf::from);
    let mut pairs = real_pairs();
    let real = pairs.len();
    let mut seen: HashSet<String> = pairs.iter().map(|p| p.0.clone()).collect();
    let mut rng = Rng(0x9E3779B97F4A7C15);
    while pairs.len() < size {
        if let Some(p) = near_duplicate(&pairs[..real], &mut rng) {
            if seen.insert(p.0.clone()) {
                pairs.push(p);
            }
        }
    }
    pairs.truncate(size);
    if let Some(tsv) = arg(args, "--tm-out") {
        let mut f = std::io::BufWriter::new(std::fs::File::create(&tsv).unwrap());
        for (es, en) in &pairs {
            writeln!(f, "{es}\t{en}").unwrap();
        }
    }
    if let Some(tmx) = arg(args, "--tmx-out") {
        let mut f = std::io::BufWriter::new(std::fs::File::create(&tmx).unwrap());
        writeln!(f, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<tmx version=\"1.4\">\n<header creationtool=\"memoria-bench\" creationtoolversion=\"1\" segtype=\"sentence\" o-tmf=\"memoria\" adminlang=\"en\" srclang=\"es\" datatype=\"plaintext\"/>\n<body>").unwrap();
        for (es, en) in &pairs {
            writeln!(
                f,
                "<tu><tuv xml:lang=\"es\"><seg>{}</seg></tuv><tuv xml:lang=\"en\"><seg>{}</seg></tuv></tu>",
                xml(es),
                xml(en)
            )
            .unwrap();
        }
        writeln!(f, "</body>\n</tmx>").unwrap();
    }
    println!(
        "generated {} pairs ({} real, {} generated)",
        pairs.len(),
        real.min(pairs.len()),
        pairs.len().saturating_sub(real)
    );
    // With --db, also an in-process, single-thread import through Import::add.
    let Some(db) = db else { return };
    let _ = std::fs::remove_file(&db);
    let (es, en) = (LangTag::new("es").unwrap(), LangTag::new("en").unwrap());
    let t0 = Instant::now();
    let c0 = cpu_seconds();
    let mut tm = Tm::open(&db).unwrap();
    let mut imp = tm.import().unwrap();
    for (s, t) in &pairs {
        let tu = Tu { tuvs: vec![Tuv::plain(es.clone(), s), Tuv::plain(en.clone(), t)], ..Tu::default() };
        imp.add(&tu, &Provenance::default()).unwrap();
    }
    let report = imp.commit().unwrap();
    drop(tm);
    let secs = t0.elapsed().as_secs_f64();
    let cpu = cpu_seconds() - c0;
    let bytes: u64 = ["", "-wal", "-shm"]
        .iter()
        .filter_map(|s| std::fs::metadata(format!("{}{s}", db.display())).ok())
        .map(|m| m.len())
        .sum();
    println!(
        "build: {} pairs ({} real, {} generated) imported in {:.1} s = {:.0} TU/s (CPU {:.1} s = {:.0} TU/s); added {}; TM file {:.0} MB",
        pairs.len(),
        real.min(pairs.len()),
        pairs.len().saturating_sub(real),
        secs,
        pairs.len() as f64 / secs,
        cpu,
        pairs.len() as f64 / cpu,
        report.added,
        bytes as f64 / 1e6
    );
}

/// Character vs token level: on the real sources (originals kept), the share
/// of queries whose original ranks first, per edit kind.
fn levels(args: &[String]) {
    let queries = query::load_edited(&arg(args, "--queries").expect("--queries"));
    let es = LangTag::new("es").unwrap();
    let sources: Vec<MatchForm> = real_pairs().iter().map(|(s, _)| MatchForm::new(s, &es)).collect();
    let mut vocab: HashMap<String, u32> = HashMap::new();
    let mut tok = |f: &MatchForm| -> Vec<char> {
        let s: String = f.key.iter().collect();
        s.split(|c: char| !c.is_alphanumeric() && !memoria_core::normalize::is_mask(c))
            .filter(|w| !w.is_empty())
            .map(|w| {
                let n = vocab.len() as u32;
                char::from_u32(0x10000 + *vocab.entry(w.to_string()).or_insert(n)).unwrap_or('?')
            })
            .collect()
    };
    let tokens: Vec<Vec<char>> = sources.iter().map(&mut tok).collect();
    let mut table: HashMap<(String, &str), (usize, usize, i64, i64)> = HashMap::new();
    for query::Q { text: q, expected, kind } in &queries {
        let expected = expected.as_deref().unwrap_or_default();
        let qf = MatchForm::new(q, &es);
        let qt = tok(&qf);
        let orig = MatchForm::new(expected, &es).key;
        for (level, pat, units) in [("char", Pattern::new(&qf.key), None), ("token", Pattern::new(&qt), Some(&tokens))]
        {
            let mut best: Option<(u8, usize)> = None;
            let (mut orig_score, mut other_best) = (0u8, 0u8);
            for (i, f) in sources.iter().enumerate() {
                let text = units.map_or(&f.key, |u| &u[i]);
                let d = pat.distance(text);
                let s = base_score(d, pat.len(), text.len());
                if best.is_none_or(|(b, _)| s > b) {
                    best = Some((s, i));
                }
                if f.key == orig {
                    orig_score = orig_score.max(s);
                } else {
                    other_best = other_best.max(s);
                }
            }
            let hit = best.is_some_and(|(_, i)| sources[i].key == orig);
            let e = table.entry((kind.clone(), level)).or_default();
            e.0 += usize::from(hit);
            e.1 += 1;
            e.2 += i64::from(orig_score);
            e.3 += i64::from(orig_score) - i64::from(other_best);
        }
    }
    let mut keys: Vec<_> = table.keys().cloned().collect();
    keys.sort();
    for k in keys {
        let (hit, n, sum, margin) = table[&k];
        println!(
            "level {:5} edit {:9}: original ranked first {hit}/{n}; mean score of the original {:.1}; mean margin over the best other sentence {:.1}",
            k.1,
            k.0,
            sum as f64 / n as f64,
            margin as f64 / n as f64
        );
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).filter(|a| a != "--bench").collect();
    match args.first().map(String::as_str) {
        Some("build") => build(&args),
        Some("query") => query::query(&args),
        Some("levels") => levels(&args),
        _ => eprintln!("usage: lookup build|query|levels ... (see the file's doc comment)"),
    }
}
