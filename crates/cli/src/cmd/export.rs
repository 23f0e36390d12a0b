//! `memoria export`: write the TM as TMX 1.4b.

use super::Global;
use anyhow::{bail, Result};
use std::path::PathBuf;
use std::process::ExitCode;

/// Export the TM as TMX 1.4b.
#[derive(clap::Args, Debug)]
#[command(after_help = "Example:\n  memoria export -o tm.tmx --langs es,en")]
pub struct Args {
    #[arg(short, long)]
    pub output: PathBuf,
    /// Only these languages (comma-separated BCP 47 tags).
    #[arg(long, value_delimiter = ',')]
    pub langs: Vec<String>,
}

pub fn run(_args: Args, _g: &Global) -> Result<ExitCode> {
    bail!("TMX export is being written")
}
