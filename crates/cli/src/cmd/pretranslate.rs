//! `memoria pretranslate`: pre-fill a release from the TM.

use super::Global;
use crate::input::read_release;
use crate::xliff::{write_xliff12, Unit};
use anyhow::{Context, Result};
use memoria_core::lang::LangTag;
use memoria_store::Query;
use std::path::PathBuf;
use std::process::ExitCode;

/// Pre-fill a release with the best TM matches, as XLIFF 1.2 or a draft text.
#[derive(clap::Args, Debug)]
#[command(
    after_help = "Examples:\n  memoria pretranslate new.es.txt --from es --to en -o new.xlf\n  memoria pretranslate new.es.txt --from es --to en --format text"
)]
pub struct Args {
    /// The release to pre-fill.
    pub file: String,
    #[arg(long)]
    pub from: LangTag,
    #[arg(long)]
    pub to: LangTag,
    /// Lowest score that fills a target (0–100); lower candidates still appear as alt-trans.
    #[arg(long, default_value_t = 75, value_parser = clap::value_parser!(u8).range(0..=100))]
    pub min_score: u8,
    /// xliff12 or text (the release with filled segments in place); default from -o's extension, else xliff12.
    #[arg(long, value_enum)]
    pub format: Option<Format>,
    /// Output file; standard output when absent.
    #[arg(short, long)]
    pub output: Option<PathBuf>,
}

#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Xliff12,
    Text,
}

pub fn run(args: Args, g: &Global) -> Result<ExitCode> {
    let format = args.format.unwrap_or_else(|| {
        match args.output.as_ref().and_then(|p| p.extension()).and_then(|e| e.to_str()) {
            Some("txt") => Format::Text,
            _ => Format::Xliff12,
        }
    });
    let rel = read_release(&args.file, &args.from)?;
    let tm = g.open_tm()?;
    let mut candidates = Vec::with_capacity(rel.segments.len());
    for i in 0..rel.segments.len() {
        let mut q = Query::new(rel.text(i), args.from.clone(), args.to.clone());
        q.min_score = 50.min(args.min_score);
        candidates.push(tm.lookup(&q)?);
    }
    let fills: Vec<Option<String>> = candidates
        .iter()
        .map(|c| c.first().filter(|m| m.score >= args.min_score).map(|m| m.target.plain_text()))
        .collect();
    let out = match format {
        Format::Xliff12 => {
            let units: Vec<Unit> = (0..rel.segments.len())
                .map(|i| Unit {
                    id: (i + 1).to_string(),
                    source: rel.text(i),
                    fill: fills[i].clone().map(|t| (&candidates[i][0], t)),
                    candidates: &candidates[i],
                })
                .collect();
            write_xliff12(&args.file, args.from.as_str(), args.to.as_str(), &units)
        }
        Format::Text => {
            let mut s = String::with_capacity(rel.doc.text.len());
            let mut at = 0;
            for (i, seg) in rel.segments.iter().enumerate() {
                s.push_str(&rel.doc.text[at..seg.start]);
                s.push_str(fills[i].as_deref().unwrap_or(rel.text(i)));
                at = seg.end;
            }
            s.push_str(&rel.doc.text[at..]);
            s
        }
    };
    let filled = fills.iter().filter(|f| f.is_some()).count();
    match &args.output {
        Some(p) => std::fs::write(p, out).with_context(|| format!("{}: cannot write", p.display()))?,
        None => print!("{out}"),
    }
    eprintln!("{}: {filled} of {} segments filled (score >= {})", args.file, rel.segments.len(), args.min_score);
    Ok(ExitCode::SUCCESS)
}
