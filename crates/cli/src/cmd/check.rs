//! `memoria check`: fail while a release has untranslated segments.

use super::Global;
use crate::input::read_release;
use anyhow::Result;
use memoria_core::lang::LangTag;
use memoria_store::Query;
use std::process::ExitCode;

/// Exit 1 and list each segment without an exact (100) translation in the TM.
#[derive(clap::Args, Debug)]
#[command(
    after_help = "Exit codes: 0 all translated, 1 untranslated segments found, 2 bad input.\n\nExample:\n  memoria check new.es.txt --from es --to en"
)]
pub struct Args {
    /// Releases to check.
    #[arg(required = true)]
    pub files: Vec<String>,
    #[arg(long)]
    pub from: LangTag,
    #[arg(long)]
    pub to: LangTag,
}

pub fn run(args: Args, g: &Global) -> Result<ExitCode> {
    let tm = g.open_tm()?;
    let mut untranslated = 0usize;
    let mut total = 0usize;
    for file in &args.files {
        let rel = read_release(file, &args.from)?;
        for i in 0..rel.segments.len() {
            total += 1;
            let mut q = Query::new(rel.text(i), args.from.clone(), args.to.clone());
            q.min_score = 100;
            q.limit = 1;
            if tm.lookup(&q)?.is_empty() {
                untranslated += 1;
                let (line, col) = rel.line_col(i);
                println!("{file}:{line}:{col}: untranslated: {}", rel.text(i).replace(['\r', '\n'], " "));
            }
        }
    }
    eprintln!("{} of {total} segments translated", total - untranslated);
    Ok(if untranslated == 0 { ExitCode::SUCCESS } else { ExitCode::from(1) })
}
