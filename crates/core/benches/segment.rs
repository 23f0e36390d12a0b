//! Segmentation throughput: memoria's segmenter (line pass + SRX engine with
//! the default rules) next to the `sentencex` crate, on the same input, in
//! one run. Run by hand: `cargo bench -p memoria-core --bench segment`.
//!
//! Input: `../shared/corpus/{en,es}_don_quixote.txt` (Project Gutenberg,
//! hard-wrapped at ~70 columns, CRLF, BOM removed here). Both tools get the
//! whole text at once; each figure is the best of `RUNS` (9) runs, in MB/s
//! (10^6 bytes per second), with the number of segments produced. The two
//! tools' runs alternate, so a busy moment of the machine falls on both;
//! the load average at the end says how busy it was.

use memoria_core::lang::LangTag;
use memoria_core::segment::SegmenterBuilder;
use std::time::{Duration, Instant};

const RUNS: usize = 9;

/// The best time and the result of `a` and of `b`, run alternately.
fn best_of_both(mut a: impl FnMut() -> usize, mut b: impl FnMut() -> usize) -> ((Duration, usize), (Duration, usize)) {
    let (mut best_a, mut best_b) = ((Duration::MAX, 0), (Duration::MAX, 0));
    for _ in 0..RUNS {
        for (f, best) in [(&mut a as &mut dyn FnMut() -> usize, &mut best_a), (&mut b, &mut best_b)] {
            let t = Instant::now();
            let n = f();
            *best = (best.0.min(t.elapsed()), n);
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
        "{:<4} {:>9} {:>14} {:>11} {:>14} {:>11} {:>7}",
        "lang", "MB", "memoria MB/s", "segments", "sentencex MB/s", "segments", "ratio"
    );
    for lang in ["en", "es"] {
        let path = corpus.join(format!("{lang}_don_quixote.txt"));
        let raw = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let text = raw.strip_prefix('\u{FEFF}').unwrap_or(&raw);
        let t = Instant::now();
        let seg = SegmenterBuilder::new(LangTag::new(lang).unwrap()).build().unwrap();
        let build = t.elapsed();
        let ((ours, n_ours), (theirs, n_theirs)) =
            best_of_both(|| seg.segment(text).len(), || sentencex::segment(lang, text).len());
        let (a, b) = (mbps(text.len(), ours), mbps(text.len(), theirs));
        println!(
            "{lang:<4} {:>9.2} {a:>14.1} {n_ours:>11} {b:>14.1} {n_theirs:>11} {:>7.2}",
            text.len() as f64 / 1e6,
            a / b
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
