//! `memoria analyze`: leverage analysis per file and in total.

use super::{Global, LangPair, LangPairs};
use crate::input::read_release;
use anyhow::{anyhow, Result};
use memoria_leverage::analysis::{Analyzer, Band, Counts, FileAnalysis, Weights, WORD_RULE};
use memoria_leverage::units::{self, TmSupplier};
use std::fmt::Write;
use std::process::ExitCode;

const AFTER_HELP: &str = "\
Bands: 101 (context match), 100, repetitions, cross-file repetitions, 95-99, 85-94, 75-84, 50-74,
no match. Precedence as in Trados Studio: 101 and 100 first; a segment below 100 that already
occurred in the same file is a repetition, in an earlier file (order as given) a cross-file
repetition; the others go to the band of their best score. Two consecutive segments that together
match one stored source exactly count as 100 (or 101) together.
Words: white-space-separated tokens holding a letter or digit; characters: non-white-space
characters; inline codes are not counted.
Weighted words = words x weight of their band; default grid
101=0,100=0.1,rep=0.1,xrep=0.1,95=0.3,85=0.5,75=0.7,50=1,new=1 (keys you omit keep these).

Examples:
  memoria analyze new.es.txt --from es --to en
  memoria analyze a.es.txt b.es.txt --from es --to en --format csv > analysis.csv
  memoria analyze new.es.txt --from es --to en --weights 100=0.25,rep=0.25,95=0.4
  memoria analyze new.es.txt --from es --to en,fr      # one analysis per target

Several targets (--to en,fr, or languages.targets of memoria.toml): text gives one analysis per
target, csv a first column `target`, json {\"from\", \"targets\": [one object per target]}.";

/// Count segments, words and characters per match band, per file and in total.
#[derive(clap::Args, Debug)]
#[command(after_help = AFTER_HELP)]
pub struct Args {
    /// The releases to analyse (cross-file repetitions follow this order).
    #[arg(required = true)]
    pub files: Vec<String>,
    #[command(flatten)]
    pub pairs: LangPairs,
    /// text (a table per file and the total), csv (one row per file and a total row), json.
    #[arg(long, value_enum, default_value = "text")]
    pub format: Format,
    /// Weight grid KEY=VALUE,... with keys 101 100 rep xrep 95 85 75 50 new.
    #[arg(long, value_name = "GRID")]
    pub weights: Option<String>,
}

#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Text,
    Csv,
    Json,
}

pub fn run(args: Args, g: &Global) -> Result<ExitCode> {
    let weights = match &args.weights {
        Some(s) => Weights::parse(s).map_err(|e| anyhow!("--weights: {e}"))?,
        None => Weights::default(),
    };
    let pairs = args.pairs.each();
    let several = pairs.len() > 1;
    let mut texts = Vec::new();
    let mut csv_out = csv::Writer::from_writer(Vec::new());
    let mut jsons = Vec::new();
    for (k, pair) in pairs.iter().enumerate() {
        let (files, total) = analyze_pair(&args, pair, g)?;
        match args.format {
            Format::Text => texts.push(text(pair, &files, &total, &weights)),
            Format::Csv => csv(&mut csv_out, k == 0, several.then_some(pair), &files, &total, &weights)?,
            Format::Json => jsons.push(json(pair, &files, &total, &weights)),
        }
    }
    let out = match args.format {
        Format::Text => texts.join("\n"),
        Format::Csv => String::from_utf8(csv_out.into_inner()?)?,
        Format::Json if !several => format!("{:#}\n", jsons[0]),
        Format::Json => {
            let v = serde_json::json!({ "from": args.pairs.from.as_str(), "targets": jsons });
            format!("{v:#}\n")
        }
    };
    crate::output::print(&out)?;
    Ok(ExitCode::SUCCESS)
}

/// The analysis of the releases for one pair: per file, and the total.
fn analyze_pair(args: &Args, pair: &LangPair, g: &Global) -> Result<(Vec<FileAnalysis>, FileAnalysis)> {
    pair.refuse_same()?;
    let tm = g.open_existing_tm()?;
    let supplier = TmSupplier { tm: &tm, from: pair.from.clone(), to: pair.to.clone() };
    let mut analyzer = Analyzer::default();
    let mut files = Vec::with_capacity(args.files.len());
    for f in &args.files {
        let rel = read_release(f, &pair.from)?;
        let bar = crate::output::lookup_progress(f, rel.segments.len());
        let units = units::units_with_progress(&rel, &supplier, 50, 1, &mut |n| bar.set_position(n as u64))?;
        bar.finish_and_clear();
        files.push(analyzer.add(&rel, &units).1);
    }
    let mut total = FileAnalysis { path: "total".into(), bands: [Counts::default(); 9] };
    for f in &files {
        for (t, c) in total.bands.iter_mut().zip(&f.bands) {
            *t += *c;
        }
    }
    Ok((files, total))
}

fn pct(part: u64, whole: u64) -> f64 {
    if whole == 0 {
        0.0
    } else {
        100.0 * part as f64 / whole as f64
    }
}

fn text(pair: &LangPair, files: &[FileAnalysis], total: &FileAnalysis, w: &Weights) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "memoria analyze: {} -> {}", pair.from.as_str(), pair.to.as_str());
    let _ = writeln!(s, "Counting: {WORD_RULE}.");
    let _ = writeln!(s, "Precedence: 101, 100, then repetitions (same file, then earlier files), then fuzzy bands.");
    let _ = writeln!(s, "Weights: {}", w.describe());
    let mut tables: Vec<&FileAnalysis> = files.iter().collect();
    if files.len() > 1 {
        tables.push(total);
    }
    for f in tables {
        let t = f.total();
        let _ = writeln!(s, "\n{}", if f.path == "total" && files.len() > 1 { "Total" } else { &f.path });
        let _ = writeln!(
            s,
            "{:<24}{:>10}{:>10}{:>12}{:>9}{:>11}",
            "band", "segments", "words", "characters", "% words", "weighted"
        );
        for b in Band::ALL {
            let c = f.band(b);
            let _ = writeln!(
                s,
                "{:<24}{:>10}{:>10}{:>12}{:>8.1}%{:>11.1}",
                b.label(),
                c.segments,
                c.words,
                c.characters,
                pct(c.words, t.words),
                c.words as f64 * w.of(b)
            );
        }
        let _ = writeln!(
            s,
            "{:<24}{:>10}{:>10}{:>12}{:>8.1}%{:>11.1}",
            "total",
            t.segments,
            t.words,
            t.characters,
            pct(t.words, t.words),
            f.weighted_words(w)
        );
    }
    s
}

/// One row per file and a total row (RFC 4180 quoting by the `csv` crate),
/// the header first when `header`; with several targets each row starts
/// with its target language (`pair`).
fn csv(
    out: &mut csv::Writer<Vec<u8>>,
    header: bool,
    pair: Option<&LangPair>,
    files: &[FileAnalysis],
    total: &FileAnalysis,
    w: &Weights,
) -> Result<()> {
    let mut head: Vec<String> = pair.map(|_| "target".to_string()).into_iter().collect();
    head.push("file".to_string());
    for b in Band::ALL {
        head.extend(["segments", "words", "characters"].map(|what| format!("{} {what}", b.label())));
    }
    head.extend(["total segments", "total words", "total characters", "weighted words"].map(String::from));
    if header {
        out.write_record(&head)?;
    }
    for f in files.iter().chain(std::iter::once(total)) {
        let mut row: Vec<String> = pair.map(|p| p.to.as_str().to_string()).into_iter().collect();
        row.push(f.path.clone());
        for c in &f.bands {
            row.extend([c.segments, c.words, c.characters].map(|n| n.to_string()));
        }
        let t = f.total();
        row.extend([t.segments, t.words, t.characters].map(|n| n.to_string()));
        row.push(format!("{:.1}", f.weighted_words(w)));
        out.write_record(&row)?;
    }
    Ok(())
}

fn json(pair: &LangPair, files: &[FileAnalysis], total: &FileAnalysis, w: &Weights) -> serde_json::Value {
    let one = |f: &FileAnalysis| {
        let t = f.total();
        serde_json::json!({
            "path": f.path,
            "bands": Band::ALL.iter().map(|b| {
                let c = f.band(*b);
                serde_json::json!({"band": b.label(), "segments": c.segments, "words": c.words,
                    "characters": c.characters, "weight": w.of(*b), "weighted_words": c.words as f64 * w.of(*b)})
            }).collect::<Vec<_>>(),
            "total": {"segments": t.segments, "words": t.words, "characters": t.characters},
            "weighted_words": f.weighted_words(w),
        })
    };
    let weights: serde_json::Map<String, serde_json::Value> =
        Band::ALL.iter().map(|b| (b.key().to_string(), serde_json::json!(w.of(*b)))).collect();
    let v = serde_json::json!({
        "from": pair.from.as_str(),
        "to": pair.to.as_str(),
        "counting": WORD_RULE,
        "weights": weights,
        "files": files.iter().map(one).collect::<Vec<_>>(),
        "total": one(total),
    });
    v
}
