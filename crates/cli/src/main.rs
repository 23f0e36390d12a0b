//! The `memoria` binary: parses flags and dispatches to one subcommand.

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = memoria::cmd::Cli::parse();
    match memoria::cmd::run(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("memoria: error: {e:#}");
            ExitCode::from(2)
        }
    }
}
