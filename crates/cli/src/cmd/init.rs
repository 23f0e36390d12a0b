//! `memoria init`: write a commented `memoria.toml`.

use super::Global;
use crate::config::{template, FILE_NAME};
use anyhow::{bail, Result};
use memoria_core::lang::LangTag;
use std::path::PathBuf;
use std::process::ExitCode;

const AFTER_HELP: &str = "\
Writes FOLDER/memoria.toml (the working directory by default) with every setting memoria reads,
each with a comment: the language pair, the TM, match thresholds and analysis weights, SRX rules,
termbases, QA settings and the review server's address. Every memoria command run in FOLDER or
below then takes its --db, --from, --to and the rest from it; flags and MEMORIA_* variables still
override it. An existing memoria.toml is kept unless --force.

Examples:
  memoria init
  memoria init --from es --to en,fr
  memoria init --from en --to fr --db postgres://tm.example.org/press
  memoria init projects/un-press --force";

/// Write a commented memoria.toml (languages, TM, thresholds, rules, termbases, QA, server).
#[derive(clap::Args, Debug)]
#[command(after_help = AFTER_HELP)]
pub struct Args {
    /// The folder to write memoria.toml into (created if missing).
    #[arg(default_value = ".")]
    pub folder: PathBuf,
    /// Source language of the default pair.
    #[arg(long, default_value = "es")]
    pub from: LangTag,
    /// Target languages, comma-separated.
    #[arg(long, value_delimiter = ',', default_value = "en")]
    pub to: Vec<LangTag>,
    /// The TM: a file path (relative to the folder) or a postgres:// URL.
    #[arg(long = "tm", value_name = "PATH|URL", default_value = "memoria.db")]
    pub tm: String,
    /// Replace an existing memoria.toml.
    #[arg(long)]
    pub force: bool,
}

pub fn run(args: Args, _g: &Global) -> Result<ExitCode> {
    if args.to.iter().any(|t| t.as_str().eq_ignore_ascii_case(args.from.as_str())) {
        bail!("--from {} is also among --to; the source and target languages must differ", args.from);
    }
    if args.tm.is_empty() {
        bail!("--tm: expected a path or a postgres:// URL, got an empty value");
    }
    let path = args.folder.join(FILE_NAME);
    if path.exists() && !args.force {
        bail!("{}: already exists; keeping it (give --force to replace it)", path.display());
    }
    std::fs::create_dir_all(&args.folder)
        .map_err(|e| anyhow::anyhow!("{}: cannot create ({})", args.folder.display(), crate::output::io_words(&e)))?;
    let text = template::render(&args.from, &args.to, &args.tm);
    crate::output::write_to(Some(&path), text.as_bytes())?;
    let targets: Vec<&str> = args.to.iter().map(LangTag::as_str).collect();
    msg!("wrote {} ({} -> {}, TM {})", path.display(), args.from, targets.join(","), args.tm);
    Ok(ExitCode::SUCCESS)
}
