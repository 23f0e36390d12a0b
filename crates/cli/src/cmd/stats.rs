//! `memoria stats`: what the TM holds.

use super::{Global, TextOrJson};
use anyhow::Result;
use std::process::ExitCode;

/// Count the TUs in the TM per language pair.
#[derive(clap::Args, Debug)]
#[command(after_help = "Example:\n  memoria stats --db memoria.db")]
pub struct Args {
    #[arg(long, value_enum, default_value = "text")]
    pub format: TextOrJson,
}

pub fn run(args: Args, g: &Global) -> Result<ExitCode> {
    let tm = g.open_tm()?;
    let pairs = tm.stats()?;
    let total = tm.tu_count()?;
    match args.format {
        TextOrJson::Json => println!("{}", serde_json::json!({"tus": total, "pairs": pairs})),
        TextOrJson::Text => {
            println!("TUs: {total}");
            for p in pairs {
                println!("{}-{}\t{}", p.source, p.target, p.tus);
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}
