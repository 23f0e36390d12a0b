//! `memoria lookup`: ranked TM matches for one sentence.

use super::{Global, TextOrJson};
use anyhow::Result;
use memoria_core::lang::LangTag;
use memoria_store::{band, Query};
use std::process::ExitCode;

/// Find the TM entries that best match a sentence.
#[derive(clap::Args, Debug)]
#[command(after_help = "Example:\n  memoria lookup \"El proyecto Debian anuncia su nueva versión.\" --from es --to en")]
pub struct Args {
    /// The sentence to look up.
    pub text: String,
    #[arg(long)]
    pub from: LangTag,
    #[arg(long)]
    pub to: LangTag,
    /// Lowest match score shown (0–100).
    #[arg(long, default_value_t = 50, value_parser = clap::value_parser!(u8).range(0..=100))]
    pub min_score: u8,
    /// Most matches shown.
    #[arg(long, default_value_t = 5)]
    pub limit: usize,
    #[arg(long, value_enum, default_value = "text")]
    pub format: TextOrJson,
}

pub fn run(args: Args, g: &Global) -> Result<ExitCode> {
    let tm = g.open_tm()?;
    let mut q = Query::new(&args.text, args.from, args.to);
    q.min_score = args.min_score;
    q.limit = args.limit;
    let matches = tm.lookup(&q)?;
    match args.format {
        TextOrJson::Json => {
            let v: Vec<_> = matches
                .iter()
                .map(|m| {
                    serde_json::json!({"score": m.score, "band": band(m.score), "source": m.source.plain_text(),
                        "target": m.target.plain_text(), "tu_id": m.tu_id, "provenance": m.provenance})
                })
                .collect();
            println!("{}", serde_json::Value::Array(v));
        }
        TextOrJson::Text => {
            if matches.is_empty() {
                eprintln!("no match at or above {}", args.min_score);
            }
            for m in &matches {
                println!(
                    "{:>3}  {}\n     {}\n     {}",
                    m.score,
                    band(m.score),
                    m.source.plain_text(),
                    m.target.plain_text()
                );
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}
