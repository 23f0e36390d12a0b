//! The `query` subcommand: latency, work and recall of `Tm::lookup` on one
//! or two query sets (the edited sentences, real release segments).

use memoria_core::lang::LangTag;
use memoria_store::{Match, Query, Tm};
use std::collections::{HashMap, HashSet};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Instant;

use super::{arg, thread_cpu_ms};

/// One query of a set: the text looked up, and for an edited sentence the
/// original it was made from (which stays in the TM) and the edit's kind.
pub struct Q {
    pub text: String,
    pub expected: Option<String>,
    pub kind: String,
}

/// The edited queries: a TSV with a header line and the columns query,
/// expected original, edit kind (`fuzzy_bruteforce.py --make-queries`).
pub fn load_edited(path: &str) -> Vec<Q> {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    text.lines()
        .skip(1)
        .filter_map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            (f.len() >= 3).then(|| Q {
                text: f[0].to_string(),
                expected: Some(f[1].to_string()),
                kind: f[2].to_string(),
            })
        })
        .collect()
}

/// Real segments: one a line, as `memoria segment FILE --lang es` prints
/// them (repeats kept: a release has them too).
fn load_real(path: &str) -> Vec<Q> {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| Q { text: l.to_string(), expected: None, kind: "real".into() })
        .collect()
}

/// The `p`th percentile (nearest rank) of `xs`.
pub fn pct(xs: &mut [f64], p: f64) -> f64 {
    xs.sort_by(f64::total_cmp);
    xs[((p / 100.0 * (xs.len() - 1) as f64).round() as usize).min(xs.len() - 1)]
}

/// The (TU id, score) pairs of a lookup's matches: all the recall figures need.
type Scores = Vec<(i64, u8)>;

fn scores(m: &[Match]) -> Scores {
    m.iter().map(|m| (m.tu_id, m.score)).collect()
}

/// Exhaustive results kept between runs in `path` (TSV: query, then
/// `id:score` pairs), valid for one TM (its TU count) and one minimum
/// score. The scan costs ~2 s a query at 1M pairs and does not change when
/// the candidate stage does.
struct OracleCache {
    path: Option<PathBuf>,
    stamp: String,
    known: HashMap<String, Scores>,
}

impl OracleCache {
    fn open(path: Option<PathBuf>, stamp: String) -> OracleCache {
        let mut known = HashMap::new();
        if let Some(text) = path.as_ref().and_then(|p| std::fs::read_to_string(p).ok()) {
            let mut lines = text.lines();
            if lines.next() == Some(stamp.as_str()) {
                for l in lines {
                    let Some((q, list)) = l.rsplit_once('\t') else { continue };
                    let s: Scores = list
                        .split(',')
                        .filter_map(|p| p.split_once(':'))
                        .filter_map(|(i, s)| Some((i.parse().ok()?, s.parse().ok()?)))
                        .collect();
                    known.insert(q.to_string(), s);
                }
            }
        }
        OracleCache { path, stamp, known }
    }

    fn save(&self) {
        let Some(path) = &self.path else { return };
        let mut f = std::io::BufWriter::new(std::fs::File::create(path).unwrap());
        writeln!(f, "{}", self.stamp).unwrap();
        for (q, s) in &self.known {
            let list: Vec<String> = s.iter().map(|(i, s)| format!("{i}:{s}")).collect();
            writeln!(f, "{q}\t{}", list.join(",")).unwrap();
        }
    }
}

/// The exhaustive scan of every query not in the cache
/// (`Tm::lookup_exhaustive_many`: one scan of the TM for a share of the
/// queries on each core, each thread with its own connection).
fn exhaustive(db: &Path, queries: &[&str], mk: &(dyn Fn(&str) -> Query + Sync)) -> Vec<Scores> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).min(queries.len().max(1));
    std::thread::scope(|scope| {
        let parts: Vec<_> = (0..threads)
            .map(|k| {
                scope.spawn(move || {
                    let tm = Tm::open(db).unwrap();
                    let mine: Vec<usize> = (k..queries.len()).step_by(threads).collect();
                    let qs: Vec<Query> = mine.iter().map(|&i| mk(queries[i])).collect();
                    let found = tm.lookup_exhaustive_many(&qs).unwrap();
                    mine.into_iter().zip(found.iter().map(|m| scores(m))).collect::<Vec<_>>()
                })
            })
            .collect();
        let mut all: Vec<(usize, Scores)> = parts.into_iter().flat_map(|h| h.join().unwrap()).collect();
        all.sort_by_key(|(i, _)| *i);
        all.into_iter().map(|(_, s)| s).collect()
    })
}

/// What one set's lookups did.
struct Run {
    times: Vec<f64>,
    cpu: Vec<f64>,
    verified: Vec<usize>,
    postings: Vec<usize>,
    /// Microseconds reading postings, verifying, completing (summed).
    phases: [u64; 3],
    results: Vec<Scores>,
    top_is_original: usize,
}

fn run_set(tm: &Tm, name: &str, queries: &[Q], mk: &dyn Fn(&str) -> Query) -> Run {
    let mut r = Run {
        times: vec![],
        cpu: vec![],
        verified: vec![],
        postings: vec![],
        phases: [0; 3],
        results: vec![],
        top_is_original: 0,
    };
    let slow: Option<f64> = std::env::var("BENCH_SLOW").ok().and_then(|s| s.parse().ok());
    for q in queries {
        let t = Instant::now();
        let c = thread_cpu_ms();
        let (m, trace) = tm.lookup_traced(&mk(&q.text)).unwrap();
        let cpu = thread_cpu_ms() - c;
        r.cpu.push(cpu);
        let ms = t.elapsed().as_secs_f64() * 1000.0;
        r.times.push(ms);
        // BENCH_SLOW=MS lists the lookups that took more CPU time than that.
        if slow.is_some_and(|s| cpu > s) {
            eprintln!("{name}: slow {ms:.1} ms (CPU {cpu:.1} ms) {trace:?} {} matches: {}", m.len(), q.text);
        }
        r.verified.push(trace.verified);
        r.postings.push(trace.postings);
        for (p, m) in r.phases.iter_mut().zip(trace.micros) {
            *p += u64::from(m);
        }
        r.top_is_original +=
            usize::from(m.first().zip(q.expected.as_ref()).is_some_and(|(m, e)| m.source.plain_text() == *e));
        r.results.push(scores(&m));
    }
    r
}

fn print_run(name: &str, queries: &[Q], r: &Run) {
    let n = queries.len().max(1);
    let distinct: HashSet<&str> = queries.iter().map(|q| q.text.as_str()).collect();
    let original = if queries.iter().any(|q| q.expected.is_some()) {
        format!("; original at top 1: {}/{}", r.top_is_original, queries.len())
    } else {
        String::new()
    };
    println!(
        "{name}: {} queries ({} distinct); in-process lookup p50 {:.2} ms, p95 {:.2} ms, p99 {:.2} ms, max {:.2} ms (thread CPU p50 {:.2} ms, p95 {:.2} ms); TUVs verified mean {:.0}, max {}; postings decoded mean {:.0}, max {}; mean ms in candidates {:.2}, verifying {:.2}, completing {:.2}{original}",
        queries.len(),
        distinct.len(),
        pct(&mut r.times.clone(), 50.0),
        pct(&mut r.times.clone(), 95.0),
        pct(&mut r.times.clone(), 99.0),
        pct(&mut r.times.clone(), 100.0),
        pct(&mut r.cpu.clone(), 50.0),
        pct(&mut r.cpu.clone(), 95.0),
        r.verified.iter().sum::<usize>() as f64 / n as f64,
        r.verified.iter().max().unwrap_or(&0),
        r.postings.iter().sum::<usize>() as f64 / n as f64,
        r.postings.iter().max().unwrap_or(&0),
        r.phases[0] as f64 / 1000.0 / n as f64,
        r.phases[1] as f64 / 1000.0 / n as f64,
        r.phases[2] as f64 / 1000.0 / n as f64,
    );
}

/// A field of /proc/self/status in MB (`VmHWM`: peak resident set;
/// `RssAnon`: heap and stacks now; `RssFile`: mapped file pages now).
fn status_mb(field: &str) -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let kb = status
        .lines()
        .find_map(|l| l.strip_prefix(field)?.strip_prefix(':'))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok());
    kb.unwrap_or(0.0) / 1024.0
}

/// Recall of `ours` against the exhaustive scan on the first `oracle` queries.
fn recall(name: &str, queries: &[Q], ours: &[Scores], all: &[Scores], secs: f64) {
    let (mut same_top, mut wanted, mut returned) = (0, 0, 0);
    let mut misses = Vec::new();
    // BENCH_MISSES=N lists up to N misses (12 by default).
    let most: usize = std::env::var("BENCH_MISSES").ok().and_then(|s| s.parse().ok()).unwrap_or(12);
    for ((q, ours), all) in queries.iter().zip(ours).zip(all) {
        let top = |m: &Scores| m.first().map(|m| m.1);
        if top(all) == top(ours) {
            same_top += 1;
        } else if misses.len() < most {
            let tu = all.first().map(|m| m.0);
            misses.push(format!("top-1 {:?}, exhaustive {:?} (TU {tu:?}): {}", top(ours), top(all), q.text));
        }
        let ids: HashSet<i64> = ours.iter().map(|m| m.0).collect();
        for &(id, score) in all.iter().filter(|m| m.1 >= 70) {
            wanted += 1;
            // A tie at the same score counts: the exhaustive list breaks it
            // the same way, but an equal-score TU is an equal answer.
            let tie = ours.len() == 5 && ours[4].1 == score;
            if ids.contains(&id) || tie {
                returned += 1;
            } else if misses.len() < most {
                misses.push(format!("{}: {} (TU {id}, score {score} not in our 5)", q.kind, q.text));
            }
        }
    }
    let n = all.len();
    println!("scale: recall_{name}={same_top}/{n} returned_{name}={returned}/{wanted}");
    println!(
        "{name}: recall vs exhaustive scan ({n} queries, {secs:.1} s): top-1 score identical {same_top}/{n} = {:.2} %; exhaustive matches >= 70 returned in top 5: {returned}/{wanted} = {:.2} %",
        100.0 * same_top as f64 / n.max(1) as f64,
        100.0 * returned as f64 / wanted.max(1) as f64
    );
    for m in misses {
        println!("  missed: {m}");
    }
}

/// `query --db tm.db [--queries q.tsv] [--real segments.txt] [--oracle K]
/// [--oracle-cache FILE] [--min-score S] [--memoria BIN --processes P]`
pub fn query(args: &[String]) {
    let db = PathBuf::from(arg(args, "--db").expect("--db"));
    let mut sets: Vec<(&str, Vec<Q>)> = Vec::new();
    if let Some(p) = arg(args, "--queries") {
        sets.push(("edited", load_edited(&p)));
    }
    if let Some(p) = arg(args, "--real") {
        sets.push(("real", load_real(&p)));
    }
    assert!(!sets.is_empty(), "--queries and/or --real");
    let oracle: usize = arg(args, "--oracle").and_then(|s| s.parse().ok()).unwrap_or(usize::MAX);
    let min: u8 = arg(args, "--min-score").and_then(|s| s.parse().ok()).unwrap_or(70);
    let (es, en) = (LangTag::new("es").unwrap(), LangTag::new("en").unwrap());
    let tm = Tm::open(&db).unwrap();
    let mk = move |s: &str| {
        let mut q = Query::new(s, es.clone(), en.clone());
        q.min_score = min;
        q.limit = 5;
        q
    };
    // Warm the page cache once (as a second lookup on a running system would).
    tm.lookup(&mk(&sets[0].1[0].text)).unwrap();
    let runs: Vec<Run> = sets.iter().map(|(name, qs)| run_set(&tm, name, qs, &mk)).collect();
    println!("min score {min}, limit 5");
    for ((name, qs), r) in sets.iter().zip(&runs) {
        print_run(name, qs, r);
        // One machine-readable line a set, for the scale table and plot.
        let t = |p| pct(&mut r.times.clone(), p);
        println!("scale: set={name} p50={:.3} p95={:.3} p99={:.3}", t(50.0), t(95.0), t(99.0));
    }
    let hwm = status_mb("VmHWM");
    println!(
        "in-process lookups: peak RSS {hwm:.0} MB (VmHWM); now {:.0} MB heap (RssAnon: SQLite page cache, caches) + {:.0} MB of the TM file mapped (RssFile: page cache, shared, given back under pressure)",
        status_mb("RssAnon"),
        status_mb("RssFile")
    );
    println!("scale: rss_lookup_mb={hwm:.0}");
    if let (Some(bin), Some((_, qs))) = (arg(args, "--memoria"), sets.iter().find(|s| s.0 == "edited")) {
        let n: usize = arg(args, "--processes").and_then(|s| s.parse().ok()).unwrap_or(100);
        let mut ptimes = Vec::new();
        for q in qs.iter().take(n) {
            let t = Instant::now();
            let out = std::process::Command::new(&bin)
                .args(["--db", &db.to_string_lossy(), "lookup", &q.text, "--from", "es", "--to", "en"])
                .args(["--min-score", &min.to_string(), "--limit", "5", "--format", "json"])
                .output()
                .unwrap();
            ptimes.push(t.elapsed().as_secs_f64() * 1000.0);
            assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        }
        if let (false, Some(q)) = (ptimes.is_empty(), qs.first()) {
            // One more process under /usr/bin/time for its peak RSS (a forked
            // child's own getrusage counts this large process's pages).
            let rss_file = std::env::temp_dir().join(format!("lookup-rss-{}", std::process::id()));
            let timed = std::process::Command::new("/usr/bin/time")
                .args(["-f", "%M", "-o", &rss_file.to_string_lossy(), &bin])
                .args(["--db", &db.to_string_lossy(), "lookup", &q.text, "--from", "es", "--to", "en"])
                .args(["--min-score", &min.to_string(), "--limit", "5", "--format", "json"])
                .output()
                .unwrap();
            assert!(timed.status.success(), "{}", String::from_utf8_lossy(&timed.stderr));
            let kb: f64 = std::fs::read_to_string(&rss_file).unwrap_or_default().trim().parse().unwrap_or(0.0);
            let _ = std::fs::remove_file(&rss_file);
            let rss = kb / 1024.0;
            let (p50, p95) = (pct(&mut ptimes.clone(), 50.0), pct(&mut ptimes, 95.0));
            println!(
                "edited: memoria lookup process: {} runs, p50 {p50:.1} ms, p95 {p95:.1} ms, peak RSS of one process {rss:.0} MB",
                ptimes.len(),
            );
            println!("scale: proc_p50={p50:.1} proc_p95={p95:.1} rss_process_mb={rss:.0}");
        }
    }
    if oracle == 0 {
        return;
    }
    // The exhaustive scan is the reference, not a figure: when the bench was
    // started at real-time priority (`chrt`, to time the lookups on a shared
    // machine), it goes back to normal priority for the minutes it takes.
    // SAFETY: sched_setscheduler reads the sched_param we own.
    unsafe {
        let normal = libc::sched_param { sched_priority: 0 };
        libc::sched_setscheduler(0, libc::SCHED_OTHER, &normal);
    }
    let stamp = format!("# memoria lookup_bench oracle: {} TUs, min score {min}, limit 5", tm.tu_count().unwrap());
    let mut cache = OracleCache::open(arg(args, "--oracle-cache").map(PathBuf::from), stamp);
    for ((name, qs), r) in sets.iter().zip(&runs) {
        let checked = &qs[..oracle.min(qs.len())];
        let t = Instant::now();
        let mut todo: Vec<&str> =
            checked.iter().map(|q| q.text.as_str()).filter(|q| !cache.known.contains_key(*q)).collect();
        todo.sort_unstable();
        todo.dedup();
        for (q, s) in todo.iter().zip(exhaustive(&db, &todo, &mk)) {
            cache.known.insert(q.to_string(), s);
        }
        cache.save();
        let all: Vec<Scores> = checked.iter().map(|q| cache.known[&q.text].clone()).collect();
        let secs = t.elapsed().as_secs_f64();
        recall(name, checked, &r.results[..checked.len()], &all, secs);
    }
}
