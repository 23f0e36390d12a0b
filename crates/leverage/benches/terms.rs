//! Terminology benchmark (run by `scripts/bench-terms.sh`; never part of
//! `cargo test`): term recognition in a 1 MB release against a generated
//! glossary of 100k entries, memoria's recogniser next to a per-term regex
//! scan and to an Aho–Corasick scan over the raw lower-cased text (Weblate's
//! approach: `weblate/glossary/models.py`), in one run; then glossary import
//! entries/s (TBX v3 file → TM file, one transaction).
//!
//! Input: the Spanish releases of ../shared/corpus/releases and
//! releases-more, repeated to 1 MB. Glossary: entry k has a unique Spanish
//! term of 1 word (1 in 10), 2 or 3 words drawn from the releases' own
//! vocabulary of words longer than 3 letters (so that many occur) plus, one in
//! four, a generated word (so that much of the glossary is absent, as in a
//! real termbase), and an English term.
//!
//! Args: `ENTRIES` (100000), `REGEX_TERMS` (terms scanned by the regex
//! reference, extrapolated to all entries; 0 = all).

use aho_corasick::{AhoCorasickBuilder, MatchKind};
use memoria_core::lang::LangTag;
use memoria_core::term::{Status, Term, TermEntry};
use memoria_formats::tbx::{TbxReader, TbxWriter};
use memoria_leverage::terms::recognize::Recognizer;
use memoria_store::{TermSink, Tm};
use std::time::Instant;

/// CPU time of this thread, in seconds.
fn cpu() -> f64 {
    let mut t = libc::timespec { tv_sec: 0, tv_nsec: 0 };
    // SAFETY: clock_gettime writes into the timespec we own.
    unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut t) };
    t.tv_sec as f64 + t.tv_nsec as f64 * 1e-9
}

/// Wall and CPU milliseconds of `f`, and its result.
fn time<T>(f: impl FnOnce() -> T) -> (f64, f64, T) {
    let (w, c) = (Instant::now(), cpu());
    let r = f();
    (w.elapsed().as_secs_f64() * 1e3, (cpu() - c) * 1e3, r)
}

/// A 64-bit linear congruential generator (Knuth's MMIX constants).
struct Lcg(u64);
impl Lcg {
    fn next(&mut self, n: usize) -> usize {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        ((self.0 >> 33) % n as u64) as usize
    }
}

fn release_text(root: &std::path::Path) -> String {
    let mut parts = Vec::new();
    for dir in ["releases", "releases-more"] {
        let Ok(rd) = std::fs::read_dir(root.join(dir)) else { continue };
        let mut files: Vec<_> =
            rd.flatten().map(|e| e.path()).filter(|p| p.to_string_lossy().ends_with(".es.txt")).collect();
        files.sort();
        for f in files {
            parts.push(std::fs::read_to_string(f).expect("release reads"));
        }
    }
    assert!(!parts.is_empty(), "no Spanish release under {}", root.display());
    let mut text = String::new();
    while text.len() < 1 << 20 {
        for p in &parts {
            text.push_str(p);
            text.push('\n');
        }
    }
    let mut cut = 1 << 20;
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    text.truncate(cut);
    text
}

fn glossary(text: &str, n: usize) -> Vec<TermEntry> {
    let mut vocab: Vec<&str> = text.split(|c: char| !c.is_alphanumeric()).filter(|w| w.chars().count() > 3).collect();
    vocab.sort_unstable();
    vocab.dedup();
    let (es, en) = (LangTag::new("es").unwrap(), LangTag::new("en").unwrap());
    let mut rng = Lcg(42);
    let mut seen = std::collections::HashSet::new();
    (0..n)
        .map(|k| {
            // Unique terms: one word (1 in 10), two or three words; one in four with a generated word.
            let mut t: Vec<String>;
            loop {
                let words = match rng.next(20) {
                    0 | 1 => 1,
                    2..=10 => 2,
                    _ => 3,
                };
                t = (0..words).map(|_| vocab[rng.next(vocab.len())].to_lowercase()).collect();
                if k % 4 == 0 {
                    t.push(format!("gen{k}"));
                }
                if seen.insert(t.join(" ")) {
                    break;
                }
            }
            let mut target = Term::new(en.clone(), &format!("term {k}"));
            target.status = Some(if k % 10 == 0 { Status::Deprecated } else { Status::Preferred });
            TermEntry {
                id: Some(format!("e{k}")),
                terms: vec![Term::new(es.clone(), &t.join(" ")), target],
                ..TermEntry::default()
            }
        })
        .collect()
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).filter(|a| !a.starts_with("--")).collect();
    let n: usize = args.first().and_then(|a| a.parse().ok()).unwrap_or(100_000);
    let regex_terms: usize = args.get(1).and_then(|a| a.parse().ok()).unwrap_or(2000);
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus");
    let text = release_text(&root);
    let entries = glossary(&text, n);
    let es = LangTag::new("es").unwrap();
    println!(
        "input: {} bytes of Spanish releases, {} lines; glossary: {n} entries (es + en)",
        text.len(),
        text.lines().count()
    );

    // memoria: build once, then find in the whole text and segment by segment (lines).
    let (bw, bc, rec) = time(|| Recognizer::new(&entries, &es));
    // Five rounds each (the machine is shared): the best and the median.
    let rounds = |f: &dyn Fn() -> usize| -> (f64, f64, f64, usize) {
        let mut v: Vec<(f64, f64, usize)> = (0..5).map(|_| time(f)).collect();
        v.sort_by(|a, b| a.1.total_cmp(&b.1));
        (v[0].0, v[0].1, v[2].1, v[0].2)
    };
    let (fw, fc, fmed, hits) = rounds(&|| rec.find(&text).len());
    let (lw, lc, lmed, line_hits) = rounds(&|| {
        let mut cache = memoria_leverage::terms::recognize::WordCache::default();
        text.lines().map(|l| rec.find_with(l, &mut cache).len()).sum::<usize>()
    });
    println!("memoria build (stem + automaton): {bw:.0} ms wall, {bc:.0} ms CPU");
    println!("memoria recognition, whole 1 MB: best {fc:.1} ms CPU ({fw:.1} ms wall), median {fmed:.1} ms CPU; {hits} terms found");
    println!("memoria recognition, line by line: best {lc:.1} ms CPU ({lw:.1} ms wall), median {lmed:.1} ms CPU; {line_hits} terms found");

    // Weblate's approach: Aho-Corasick over the lower-cased text and terms, whole words kept.
    let terms: Vec<String> = entries.iter().map(|e| e.terms[0].text.to_lowercase()).collect();
    let (aw, ac_build, ac) =
        time(|| AhoCorasickBuilder::new().match_kind(MatchKind::LeftmostLongest).build(&terms).unwrap());
    let (ww, wc, wmed, raw_hits) = rounds(&|| {
        let lower = text.to_lowercase();
        ac.find_iter(&lower)
            .filter(|m| {
                let before = lower[..m.start()].chars().next_back().map_or(true, |c| !c.is_alphanumeric());
                let after = lower[m.end()..].chars().next().map_or(true, |c| !c.is_alphanumeric());
                before && after
            })
            .count()
    });
    println!("raw lower-cased Aho-Corasick (Weblate): build {aw:.0} ms wall ({ac_build:.0} ms CPU); scan best {wc:.1} ms CPU ({ww:.1} ms wall), median {wmed:.1} ms CPU; {raw_hits} terms found (no inflected forms)");

    // Per-term regex scan: one case-insensitive whole-word regex per term over the text.
    let k = if regex_terms == 0 { n } else { regex_terms.min(n) };
    let (rw, rc, regex_hits) = time(|| {
        let mut found = 0usize;
        for t in terms.iter().take(k) {
            let re = regex::Regex::new(&format!(r"(?i)\b{}\b", regex::escape(t))).unwrap();
            found += re.find_iter(&text).count();
        }
        found
    });
    let scale = n as f64 / k as f64;
    println!(
        "per-term regex: {k} terms in {rw:.0} ms wall, {rc:.0} ms CPU, {regex_hits} found; for all {n} terms ~{:.1} s wall ({})",
        rw * scale / 1e3,
        if k == n { "measured" } else { "extrapolated linearly" }
    );
    println!(
        "memoria vs per-term regex: {:.0}x; vs raw Aho-Corasick scan: {:.2}x (CPU, whole text)",
        rc * scale / fc.max(1e-3),
        wc / fc.max(1e-3)
    );

    // Import: the glossary as a TBX v3 file into a new TM file, one transaction.
    let dir = std::env::temp_dir().join(format!("memoria-bench-terms-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let tbx = dir.join("g.tbx");
    let mut w = TbxWriter::new("en");
    for e in &entries {
        w.entry(e);
    }
    std::fs::write(&tbx, w.finish()).unwrap();
    let size = std::fs::metadata(&tbx).unwrap().len();
    let (pw, pc, parsed) = time(|| {
        let mut r = TbxReader::open(&tbx).unwrap();
        let mut n = 0;
        while r.next_entry().unwrap().is_some() {
            n += 1;
        }
        n
    });
    println!("TBX parse only: {parsed} entries in {pw:.0} ms wall, {pc:.0} ms CPU");
    let (iw, ic, added) = time(|| {
        let mut tm = Tm::open(&dir.join("tm.db")).unwrap();
        let mut s = tm.import_terms().unwrap();
        let mut r = TbxReader::open(&tbx).unwrap();
        // As `memoria terms import` does: parsing on a thread of its own.
        s.add_all("g.tbx", &mut |sink: &mut dyn TermSink| {
            while let Some(e) = r.next_entry()? {
                if sink.add(e).is_err() {
                    break;
                }
            }
            Ok(())
        })
        .unwrap();
        s.commit().unwrap().added
    });
    println!(
        "import: {added} entries ({:.1} MB TBX) in {iw:.0} ms wall, {ic:.0} ms CPU: {:.0} entries/s wall",
        size as f64 / 1e6,
        added as f64 / (iw / 1e3)
    );
    let _ = std::fs::remove_dir_all(&dir);
}
