//! `memoria history`: the audit trail of one TU (who changed or deleted it,
//! when, and what it was).

use super::{Global, TextOrJson};
use anyhow::{bail, Result};
use memoria_store::{Action, AuditRecord};
use std::fmt::Write;
use std::process::ExitCode;

/// Show who changed or deleted a TU, when, and its text before and after.
#[derive(clap::Args, Debug)]
#[command(after_help = "\
Every `memoria edit` and `memoria delete` (and each edit or deletion made on the
review pages of `memoria serve`) is kept in the TM with the author, the time and
the TU before and after; the history of a deleted TU stays. When the TU id was
reused by a TU imported after the deletion, the records before the deletion
are of the earlier TU, and say so.

Output (text): one block per change, oldest first: time (UTC), author,
action, then each changed variant `[lang] before -> after`. --format json
gives an array of {seq, tu_id, at, author, action, before, after} (the whole
TUs, at as Unix seconds).

Exit codes: 0, 2 a TU that neither exists nor has a history.

Examples:
  memoria history 42
  memoria history 42 --format json")]
pub struct Args {
    /// The TU's id.
    pub id: i64,
    #[arg(long, value_enum, default_value = "text")]
    pub format: TextOrJson,
}

pub fn run(args: Args, g: &Global) -> Result<ExitCode> {
    let tm = g.open_existing_tm()?;
    let records = tm.history(args.id)?;
    let exists = tm.load_tu(args.id).is_ok();
    if records.is_empty() && !exists {
        bail!("TU {} is not in the TM {} and has no history", args.id, tm.location());
    }
    let mut s = String::new();
    match args.format {
        TextOrJson::Json => {
            let _ = writeln!(s, "{}", serde_json::to_string(&records)?);
        }
        TextOrJson::Text => {
            if records.is_empty() {
                msg!("TU {}: no change recorded (as imported)", args.id);
            }
            // The last deletion before a TU that exists now: its id was reused.
            let reused_upto =
                if exists { records.iter().rev().find(|r| r.action == Action::Delete).map(|r| r.seq) } else { None };
            for r in &records {
                s.push_str(&block(r, reused_upto.is_some_and(|upto| r.seq <= upto)));
            }
        }
    }
    crate::output::print(&s)?;
    Ok(ExitCode::SUCCESS)
}

/// `YYYY-MM-DD hh:mm:ss UTC` of Unix seconds.
pub(crate) fn when(secs: i64) -> String {
    let t = memoria_core::date::format_tmx(secs);
    format!("{}-{}-{} {}:{}:{} UTC", &t[0..4], &t[4..6], &t[6..8], &t[9..11], &t[11..13], &t[13..15])
}

fn block(r: &AuditRecord, earlier_tu: bool) -> String {
    let mut s = format!(
        "{}  {}  {}{}\n",
        when(r.at),
        r.author,
        match r.action {
            Action::Edit => "edit",
            Action::Delete => "delete",
        },
        if earlier_tu { " (an earlier TU with this id)" } else { "" }
    );
    for (lang, before, after) in r.changed_variants() {
        match after {
            Some(a) => {
                let _ = writeln!(s, "    [{lang}] {before}\n         -> {a}");
            }
            None => {
                let _ = writeln!(s, "    [{lang}] {before}");
            }
        }
    }
    s
}
