//! `memoria import`: load TMX files into the TM.

use super::Global;
use anyhow::{bail, Result};
use std::process::ExitCode;

/// Import TMX files into the TM (all or nothing).
#[derive(clap::Args, Debug)]
#[command(after_help = "Example:\n  memoria import samples/tmx/*.tmx")]
pub struct Args {
    /// TMX files.
    #[arg(required = true)]
    pub files: Vec<String>,
}

pub fn run(_args: Args, _g: &Global) -> Result<ExitCode> {
    bail!("TMX import is being written")
}
