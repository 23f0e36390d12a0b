//! `memoria verify`: is the TM sound?

use super::{Global, TextOrJson};
use anyhow::{bail, Context, Result};
use std::fmt::Write;
use std::process::ExitCode;

/// Check the whole TM: the file (SQLite's integrity check) and memoria's own invariants.
#[derive(clap::Args, Debug)]
#[command(after_help = "\
Checks, in order: every page, record and index of the SQLite file (PRAGMA integrity_check; when
it finds damage the rest is not checked); every TU has at least one TUV and every TUV a TU; the
TUV count of each language agrees with the one the TM keeps; the candidate index that lookups read
holds exactly the words of every TUV (derived again as an import derives them), naming the TUVs
missing from it and the entries of TUVs that do not exist. It reads the whole TM: about 25 s for
a TM of 1M pairs (730 MB).

Writers (import, align --import) run a quicker check of the file (PRAGMA quick_check, 1.8 s at 1M
pairs) before they write, and refuse a damaged TM; readers report damage where they meet it.

Output (text): one line per problem, then a summary; --format json gives {tus, tuvs, postings,
problems: [..], ok}.

Exit codes: 0 the TM is sound; 1 problems found (listed); 2 the TM cannot be opened or read.

Example:
  memoria verify --db memoria.db")]
pub struct Args {
    #[arg(long, value_enum, default_value = "text")]
    pub format: TextOrJson,
}

pub fn run(args: Args, g: &Global) -> Result<ExitCode> {
    if !g.is_server() && !g.db.exists() {
        bail!("{}: no TM there (give the TM with --db PATH or MEMORIA_DB)", g.db_name());
    }
    let tm = g.open_existing_tm()?;
    let report = tm.verify().with_context(|| format!("cannot verify {}", g.db_name()))?;
    let mut out = String::new();
    match args.format {
        TextOrJson::Json => {
            let mut v = serde_json::to_value(&report)?;
            v["ok"] = serde_json::Value::Bool(report.problems.is_empty());
            let _ = writeln!(out, "{v}");
        }
        TextOrJson::Text => {
            for p in &report.problems {
                let _ = writeln!(out, "{}: {p}", g.db_name());
            }
            let verdict = if report.problems.is_empty() {
                "sound".to_string()
            } else {
                format!("{} problems", report.problems.len())
            };
            let _ = writeln!(
                out,
                "{}: {verdict} ({} TUs, {} TUVs, {} candidate index entries)",
                g.db_name(),
                report.tus,
                report.tuvs,
                report.postings
            );
        }
    }
    crate::output::print(&out)?;
    Ok(if report.problems.is_empty() { ExitCode::SUCCESS } else { ExitCode::from(1) })
}
