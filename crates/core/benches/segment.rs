//! Segmentation throughput: memoria's segmenter (line pass + SRX engine with
//! the default rules) next to the `sentencex` crate, on the same input, in
//! one run. Run by hand: `cargo bench -p memoria-core --bench segment`.
//!
//! Input: `../shared/corpus/{en,es}_don_quixote.txt` (Project Gutenberg,
//! hard-wrapped at ~70 columns, CRLF, BOM removed here). Both tools get the
//! whole text at once; each figure is the best of `RUNS` (9) runs, in MB/s
//! (10^6 bytes per second), with the number of segments produced. The two
//! tools' runs alternate, so a busy moment of the machine falls on both;
//! the load average at the end says how busy it was. The same figures from
//! CPU time (the thread's, best of the runs) follow: on a machine shared
//! with other programs they move much less than wall time.

use memoria_core::lang::LangTag;
use memoria_core::segment::SegmenterBuilder;
use std::time::{Duration, Instant};

const RUNS: usize = 9;

/// The CPU time the calling thread has used (both tools segment on the
/// calling thread): unlike wall time, it leaves out the time the thread
/// waited for a core while other programs ran.
fn thread_cpu() -> Duration {
    let mut ts = libc::timespec { tv_sec: 0, tv_nsec: 0 };
    // SAFETY: `clock_gettime` writes the `timespec` it is given; the clock
    // exists on Linux (and the result is only compared if it succeeded).
    let ok = unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) } == 0;
    if ok {
        Duration::new(ts.tv_sec as u64, ts.tv_nsec as u32)
    } else {
        Duration::ZERO
    }
}

/// A tool's best wall time, best CPU time and result.
#[derive(Clone, Copy)]
struct Best {
    wall: Duration,
    cpu: Duration,
    n: usize,
}

/// The best times and the result of `a` and of `b`, run alternately.
fn best_of_both(mut a: impl FnMut() -> usize, mut b: impl FnMut() -> usize) -> (Best, Best) {
    let start = Best { wall: Duration::MAX, cpu: Duration::MAX, n: 0 };
    let (mut best_a, mut best_b) = (start, start);
    for _ in 0..RUNS {
        for (f, best) in [(&mut a as &mut dyn FnMut() -> usize, &mut best_a), (&mut b, &mut best_b)] {
            let (t, c) = (Instant::now(), thread_cpu());
            let n = f();
            let (wall, cpu) = (t.elapsed(), thread_cpu().saturating_sub(c));
            *best = Best { wall: best.wall.min(wall), cpu: best.cpu.min(cpu), n };
        }
    }
    (best_a, best_b)
}

fn mbps(bytes: usize, d: Duration) -> f64 {
    bytes as f64 / 1e6 / d.as_secs_f64()
}

fn main() {
    let corpus = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus");
    println!(
        "{:<4} {:>9} {:>14} {:>11} {:>14} {:>11} {:>7}   {:>12} {:>12} {:>9}",
        "lang",
        "MB",
        "memoria MB/s",
        "segments",
        "sentencex MB/s",
        "segments",
        "ratio",
        "memoria CPU",
        "sentencex",
        "CPU ratio"
    );
    for lang in ["en", "es"] {
        let path = corpus.join(format!("{lang}_don_quixote.txt"));
        let raw = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let text = raw.strip_prefix('\u{FEFF}').unwrap_or(&raw);
        let t = Instant::now();
        let seg = SegmenterBuilder::new(LangTag::new(lang).unwrap()).build().unwrap();
        let build = t.elapsed();
        let (ours, theirs) = best_of_both(|| seg.segment(text).len(), || sentencex::segment(lang, text).len());
        let (a, b) = (mbps(text.len(), ours.wall), mbps(text.len(), theirs.wall));
        let (ca, cb) = (mbps(text.len(), ours.cpu), mbps(text.len(), theirs.cpu));
        println!(
            "{lang:<4} {:>9.2} {a:>14.1} {:>11} {b:>14.1} {:>11} {:>7.2}   {ca:>12.1} {cb:>12.1} {:>9.2}",
            text.len() as f64 / 1e6,
            ours.n,
            theirs.n,
            a / b,
            ca / cb
        );
        eprintln!("  ({lang}: building the segmenter took {:.1} ms, not counted)", build.as_secs_f64() * 1e3);
    }
    // Timings on a busy machine are inflated (both tools', so the ratio
    // less so): the load goes with the figures.
    if let Ok(load) = std::fs::read_to_string("/proc/loadavg") {
        let load: Vec<&str> = load.split_whitespace().take(3).collect();
        println!("load average (1, 5, 15 min): {}", load.join(" "));
    }
}
