//! The `memoria` binary: parses flags and dispatches to one subcommand.

use clap::Parser;

/// mimalloc: the TMX reader builds millions of small strings; glibc malloc
/// was a third of its time.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
use std::process::ExitCode;

fn main() -> ExitCode {
    // Rust ignores SIGPIPE, so printing into a closed pipe (`memoria lookup … | head -1`)
    // would panic; the default action ends the process quietly, as for other Unix tools.
    #[cfg(unix)]
    // SAFETY: called first in main, before any thread exists; SIG_DFL is a valid action.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
    let cli = memoria::cmd::Cli::parse();
    let db = cli.db.clone();
    match memoria::cmd::run(cli) {
        Ok(code) => code,
        Err(e) => {
            let (code, message) = memoria::cmd::error_exit(&e, &db);
            eprintln!("memoria: error: {message}");
            ExitCode::from(code)
        }
    }
}
