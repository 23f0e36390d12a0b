//! The PostgreSQL benchmark harness (scripts/bench-postgres.sh runs it; not a test).
//!
//! `pg_bench run --pg URL --sqlite TM.db --tsv TM.tsv [--queries 500] [--oracle 200] [--peers 50]
//! [--clients 8] [--seconds 20] [--memoria BIN] [--processes 50] [--lookups-only]` prints, on the same TM content
//! (the TSV imported into both) and the same queries (real sentences of the TSV edited: a word
//! dropped, a number added, upper case, first and last words swapped, or kept):
//! - memoria on PostgreSQL, in-process `Tm::lookup` p50/p95/p99 ms (wall, one thread), and
//!   where its time goes (candidates, verification, completion; statements sent) —
//!   `--lookups-only` stops there,
//! - memoria on SQLite, the same,
//! - Weblate's query (`set_limit(0.5)`, `left(source, 2048) % q` with its GiST trigram index,
//!   top 5 by similarity) and Pontoon's (`levenshtein(source, q, 1, 2, 2)` over the length window
//!   0.7n..n/0.7, quality > 70, top 5) on a table of the same pairs, on the first `--peers` queries,
//! - recall of memoria on PostgreSQL against the exhaustive scan (SQLite's `lookup_exhaustive`,
//!   which gives the same matches as PostgreSQL's: crates/store/tests/postgres.rs) on `--oracle`
//!   queries: the share of exhaustive matches >= 70 (top 5) returned, and top-1 score agreement,
//! - lookups/s of `--clients` threads sharing one PostgreSQL TM (its pool) for `--seconds`,
//! - whole `memoria lookup` processes on PostgreSQL, p50/p95 ms.

use memoria_core::lang::LangTag;
use memoria_store::postgres::PgTm;
use memoria_store::{Match, Query, Tm, TmBackend};
use std::path::Path;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

fn arg(args: &[String], name: &str) -> Option<String> {
    args.iter().position(|a| a == name).and_then(|i| args.get(i + 1)).cloned()
}

fn num(args: &[String], name: &str, default: usize) -> usize {
    arg(args, name).and_then(|s| s.parse().ok()).unwrap_or(default)
}

fn pct(xs: &mut [f64], p: f64) -> f64 {
    xs.sort_by(|a, b| a.total_cmp(b));
    if xs.is_empty() {
        return f64::NAN;
    }
    xs[((xs.len() as f64 - 1.0) * p).round() as usize]
}

/// Queries from the TSV's first `real` sources, edited as the module says.
fn make_queries(tsv: &str, n: usize) -> Vec<String> {
    let text = std::fs::read_to_string(tsv).unwrap_or_else(|e| panic!("{tsv}: {e}"));
    let sources: Vec<&str> = text
        .lines()
        .take(36_000)
        .filter_map(|l| l.split_once('\t').map(|p| p.0))
        .filter(|s| s.split(' ').count() >= 4)
        .collect();
    let step = (sources.len() / n.max(1)).max(1);
    sources
        .iter()
        .step_by(step)
        .take(n)
        .enumerate()
        .map(|(i, s)| {
            let mut w: Vec<&str> = s.split(' ').collect();
            match i % 5 {
                0 => s.to_string(),
                1 => {
                    w.remove(w.len() / 2);
                    w.join(" ")
                }
                2 => format!("{s} 2024"),
                3 => s.to_uppercase(),
                _ => {
                    let last = w.len() - 1;
                    w.swap(0, last);
                    w.join(" ")
                }
            }
        })
        .collect()
}

fn q(text: &str) -> Query {
    let mut q = Query::new(text, LangTag::new("es").unwrap(), LangTag::new("en").unwrap());
    q.min_score = 50;
    q.limit = 5;
    q
}

/// Times `f` over `queries` (after 10 warm-up calls): ms per call.
fn time(queries: &[String], mut f: impl FnMut(&str)) -> Vec<f64> {
    for t in queries.iter().take(10) {
        f(t);
    }
    queries
        .iter()
        .map(|t| {
            let s = Instant::now();
            f(t);
            s.elapsed().as_secs_f64() * 1000.0
        })
        .collect()
}

fn line(name: &str, mut ms: Vec<f64>) -> f64 {
    let n = ms.len();
    let (p50, p95, p99) = (pct(&mut ms, 0.5), pct(&mut ms, 0.95), pct(&mut ms, 0.99));
    println!("{name:<58} n={n:<4} p50 {p50:>8.2} ms  p95 {p95:>8.2} ms  p99 {p99:>8.2} ms");
    p95
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).filter(|a| a != "--bench").collect();
    if args.first().map(String::as_str) != Some("run") {
        eprintln!("usage: pg_bench run --pg URL --sqlite TM.db --tsv TM.tsv [options]");
        std::process::exit(2);
    }
    let url = arg(&args, "--pg").expect("--pg URL");
    let sqlite = arg(&args, "--sqlite").expect("--sqlite PATH");
    let tsv = arg(&args, "--tsv").expect("--tsv PATH");
    let queries = make_queries(&tsv, num(&args, "--queries", 500));
    // PgTm itself: one pool shared by every thread (Tm, a boxed backend, is not Sync).
    let pg = PgTm::open_existing(&url, Duration::from_secs(30)).unwrap();
    let sq = Tm::open_reader(Path::new(&sqlite), Duration::from_secs(30)).unwrap();
    println!(
        "TM: {} TUs on PostgreSQL, {} on SQLite; {} queries",
        pg.tu_count().unwrap(),
        sq.tu_count().unwrap(),
        queries.len()
    );

    let pg_p95 = line(
        "memoria on PostgreSQL, in-process Tm::lookup",
        time(&queries, |t| {
            pg.lookup_traced(&q(t)).unwrap().0;
        }),
    );
    // Where a PostgreSQL lookup's time goes (means over the queries).
    let (mut stages, mut statements, mut cands, mut verified) = ([0f64; 3], 0usize, 0usize, 0usize);
    for t in &queries {
        let tr = pg.lookup_traced(&q(t)).unwrap().1;
        for (s, m) in stages.iter_mut().zip(tr.micros) {
            *s += f64::from(m) / 1000.0;
        }
        (statements, cands, verified) = (statements + tr.statements, cands + tr.candidates, verified + tr.verified);
    }
    let n = queries.len().max(1) as f64;
    println!(
        "  PostgreSQL lookup, mean per query: candidates {:.2} ms, verification {:.2} ms, completion {:.2} ms; \
         {:.1} statements, {:.0} candidates, {:.0} verified",
        stages[0] / n,
        stages[1] / n,
        stages[2] / n,
        statements as f64 / n,
        cands as f64 / n,
        verified as f64 / n
    );
    if args.iter().any(|a| a == "--lookups-only") {
        return;
    }
    line(
        "memoria on SQLite, in-process Tm::lookup",
        time(&queries, |t| {
            sq.lookup(&q(t)).unwrap();
        }),
    );

    // The peers' queries on a table of the same pairs.
    let mut c = postgres::Client::connect(&url, postgres::NoTls).unwrap();
    let peers: Vec<String> = queries.iter().take(num(&args, "--peers", 50)).cloned().collect();
    c.batch_execute("SELECT set_limit(0.5)").unwrap();
    const WEBLATE: &str = "SELECT source, target, similarity(left(source, 2048), $1) AS s FROM bench.memory
                           WHERE left(source, 2048) % $1 ORDER BY s DESC LIMIT 5";
    let st = c.prepare(WEBLATE).unwrap();
    let weblate_p95 = line(
        "Weblate: set_limit(0.5) + `%` with the GiST trigram index",
        time(&peers, |t| {
            c.query(&st, &[&t]).unwrap();
        }),
    );
    const PONTOON: &str = "SELECT source, target, quality FROM (
                               SELECT source, target,
                                 (char_length(source) + $4 - levenshtein(left(source, 255), left($1, 255), 1, 2, 2))::float8
                                   / (char_length(source) + $4) * 100 AS quality
                               FROM bench.memory WHERE char_length(source) BETWEEN $2 AND $3) x
                           WHERE quality > 70 ORDER BY quality DESC LIMIT 5";
    let st = c.prepare(PONTOON).unwrap();
    let pontoon_p95 = line(
        "Pontoon: levenshtein(source, q, 1, 2, 2) in the length window",
        time(&peers, |t| {
            let n = t.chars().count() as i32;
            let (lo, hi) = ((n as f64 * 0.7) as i32, (n as f64 / 0.7) as i32);
            c.query(&st, &[&t, &lo, &hi, &n]).unwrap();
        }),
    );
    println!(
        "memoria on PostgreSQL p95 vs Weblate's: {:.1}x faster; vs Pontoon's: {:.1}x faster",
        weblate_p95 / pg_p95,
        pontoon_p95 / pg_p95
    );

    // Recall against the exhaustive scan, on both cores.
    let oracle: Vec<String> = queries.iter().take(num(&args, "--oracle", 200)).cloned().collect();
    let t0 = Instant::now();
    let next = AtomicUsize::new(0);
    let results: Vec<(usize, usize, bool)> = std::thread::scope(|s| {
        let hands: Vec<_> = (0..2)
            .map(|_| {
                s.spawn(|| {
                    let sq = Tm::open_reader(Path::new(&sqlite), Duration::from_secs(30)).unwrap();
                    let mut out = Vec::new();
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some(t) = oracle.get(i) else { break };
                        let all: Vec<Match> = sq.lookup_exhaustive(&q(t)).unwrap();
                        let ours: Vec<Match> = pg.lookup_traced(&q(t)).unwrap().0;
                        let want: Vec<&Match> = all.iter().filter(|m| m.score >= 70).collect();
                        let got = want.iter().filter(|w| ours.iter().any(|o| o.tu_id == w.tu_id)).count();
                        let top = all.first().map(|m| m.score) == ours.first().map(|m| m.score);
                        out.push((want.len(), got, top));
                    }
                    out
                })
            })
            .collect();
        hands.into_iter().flat_map(|h| h.join().unwrap()).collect()
    });
    let (want, got): (usize, usize) = results.iter().fold((0, 0), |a, r| (a.0 + r.0, a.1 + r.1));
    let top = results.iter().filter(|r| r.2).count();
    println!(
        "recall of memoria on PostgreSQL vs the exhaustive scan ({} queries, {:.0} s): {:.2}% of {} matches >= 70; top-1 score equal on {:.2}%",
        results.len(),
        t0.elapsed().as_secs_f64(),
        100.0 * got as f64 / want.max(1) as f64,
        want,
        100.0 * top as f64 / results.len().max(1) as f64
    );

    // Concurrent clients sharing one TM (and its pool).
    let clients = num(&args, "--clients", 8);
    let secs = num(&args, "--seconds", 20) as u64;
    let done = AtomicUsize::new(0);
    let stop = AtomicBool::new(false);
    let t0 = Instant::now();
    std::thread::scope(|s| {
        for k in 0..clients {
            let (pg, queries, done, stop) = (&pg, &queries, &done, &stop);
            s.spawn(move || {
                let mut i = k * 37;
                while !stop.load(Ordering::Relaxed) {
                    pg.lookup_traced(&q(&queries[i % queries.len()])).unwrap();
                    done.fetch_add(1, Ordering::Relaxed);
                    i += 1;
                }
            });
        }
        std::thread::sleep(Duration::from_secs(secs));
        stop.store(true, Ordering::Relaxed);
    });
    let n = done.load(Ordering::Relaxed);
    println!(
        "{clients} concurrent clients on PostgreSQL: {n} lookups in {:.1} s = {:.0} lookups/s",
        t0.elapsed().as_secs_f64(),
        n as f64 / t0.elapsed().as_secs_f64()
    );

    if let Some(bin) = arg(&args, "--memoria") {
        let procs: Vec<String> = queries.iter().take(num(&args, "--processes", 50)).cloned().collect();
        let ms = time(&procs, |t| {
            let out = std::process::Command::new(&bin)
                .args(["--db", &url, "lookup", t, "--from", "es", "--to", "en"])
                .output()
                .unwrap();
            assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        });
        line("memoria lookup processes on PostgreSQL (connect + lookup)", ms);
    }
}
