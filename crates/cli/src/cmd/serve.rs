//! `memoria serve`: the review pages in a browser (crate memoria-serve).

use super::Global;
use anyhow::{Context, Result};
use std::net::SocketAddr;
use std::process::ExitCode;

/// Review alignments, releases and the TM in a browser.
#[derive(clap::Args, Debug)]
#[command(after_help = "\
Pages: align a release pair (beads side by side with scores, weak ones
highlighted; join, split, skip, correct; approve stores them in one
transaction), review a pretranslated release (matches with a word diff,
placeables and glossary terms marked, each term with its target terms and
status, forbidden and deprecated ones struck through; Ctrl+Enter confirms a segment into the TM; download TMX,
XLIFF or the translated document), concordance, browse, edit or delete a TU
with its history, inconsistent translations. Pending reviews are kept in
<db>.review/ and survive a restart.

Security: listens on 127.0.0.1 by default. Another address needs the access
token printed once at start (open the printed address; the browser keeps it
in a cookie). Every form carries a CSRF token; uploads are limited to 8 MiB
and read by the same filters as the command line; requests time out after 30 s.

Examples:
  memoria serve --db memoria.db
  MEMORIA_DB=postgres://ana@tm.example.org/press memoria serve   # a team's TM on PostgreSQL
  memoria serve --addr 0.0.0.0:8080   # prints the access address with its token")]
pub struct Args {
    /// Address to listen on.
    #[arg(long, default_value = "127.0.0.1:8080")]
    pub addr: SocketAddr,
    /// Open the start page in the default browser (xdg-open).
    #[arg(long)]
    pub open: bool,
}

pub fn run(args: Args, g: &Global) -> Result<ExitCode> {
    let mut config = memoria_serve::Config::new(g.db.clone(), args.addr);
    let mut url = format!("http://{}/", args.addr);
    if !args.addr.ip().is_loopback() {
        let token = memoria_serve::security::random_token();
        url = format!("{url}?token={token}");
        msg!(
            "{}: not a loopback address: every request needs the access token. Open (once, keep it secret):",
            args.addr
        );
        config.token = Some(token);
    }
    msg!("memoria serve: {} on {url}  (Ctrl+C stops)", g.db_name());
    if args.open {
        let _ = std::process::Command::new("xdg-open").arg(&url).spawn();
    }
    let rt = tokio::runtime::Builder::new_multi_thread().enable_all().build().context("cannot start the server")?;
    rt.block_on(memoria_serve::run(config)).with_context(|| format!("memoria serve on {}", args.addr))?;
    Ok(ExitCode::SUCCESS)
}
