//! Subcommands: one file each. [`Cli`] is the whole command line.

use anyhow::{Context, Result};
use clap::{Parser, Subcommand};
use memoria_store::Tm;
use std::path::PathBuf;
use std::process::ExitCode;

pub mod align;
pub mod analyze;
pub mod check;
pub mod concordance;
pub mod export;
pub mod import;
pub mod lookup;
pub mod pretranslate;
pub mod segment;
pub mod stats;

const AFTER_HELP: &str = "\
Exit codes:
  0  success (check: every segment translated)
  1  check found untranslated segments or errors
  2  bad input or usage (the message names file, line and column)

Examples:
  memoria align old.es.txt old.en.txt --from es --to en --import
  memoria import samples/tmx/*.tmx
  memoria pretranslate new.es.txt --from es --to en -o new.xlf
  memoria analyze new.es.txt --from es --to en
  memoria check new.es.txt --from es --to en";

/// memoria: a translation-memory workspace for press releases.
#[derive(Parser, Debug)]
#[command(name = "memoria", version, about, after_help = AFTER_HELP)]
pub struct Cli {
    /// The TM file (SQLite). Created when missing.
    #[arg(long, global = true, env = "MEMORIA_DB", default_value = "memoria.db", value_name = "PATH")]
    pub db: PathBuf,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    Segment(segment::Args),
    Align(align::Args),
    Import(import::Args),
    Export(export::Args),
    Lookup(lookup::Args),
    Concordance(concordance::Args),
    Pretranslate(pretranslate::Args),
    Analyze(analyze::Args),
    Check(check::Args),
    Stats(stats::Args),
}

/// Runs the parsed command line.
pub fn run(cli: Cli) -> Result<ExitCode> {
    let g = Global { db: cli.db };
    match cli.command {
        Command::Segment(a) => segment::run(a, &g),
        Command::Align(a) => align::run(a, &g),
        Command::Import(a) => import::run(a, &g),
        Command::Export(a) => export::run(a, &g),
        Command::Lookup(a) => lookup::run(a, &g),
        Command::Concordance(a) => concordance::run(a, &g),
        Command::Pretranslate(a) => pretranslate::run(a, &g),
        Command::Analyze(a) => analyze::run(a, &g),
        Command::Check(a) => check::run(a, &g),
        Command::Stats(a) => stats::run(a, &g),
    }
}

/// Options every subcommand sees.
pub struct Global {
    pub db: PathBuf,
}

impl Global {
    /// Opens (or creates) the TM.
    pub fn open_tm(&self) -> Result<Tm> {
        Tm::open(&self.db).with_context(|| format!("cannot open the TM {}", self.db.display()))
    }
}

/// Output formats for commands whose output a program may read.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum TextOrJson {
    Text,
    Json,
}
