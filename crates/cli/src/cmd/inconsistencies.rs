//! `memoria inconsistencies`: one source with several translations, one
//! translation of several sources (Weblate's "inconsistent" and "reused"
//! checks, memoQ's consistency QA).

use super::{Global, LangPair};
use anyhow::Result;
use memoria_store::{Inconsistency, InconsistencyKind};
use std::fmt::Write;
use std::process::ExitCode;

/// List inconsistent translations in the TM: one source text translated differently, one
/// translation given to different source texts.
#[derive(clap::Args, Debug)]
#[command(after_help = "\
Texts are compared as an exact (100 %) match compares them: Unicode NFC, runs
of white space as one, curly and straight quotes and dashes alike; case counts
(\"About Debian\" and \"About  Debian\" are one text, \"about Debian\" another).
Several variants of one TU (es-AR and es-BO) are not an inconsistency. Groups
with the most different texts come first.

Output (text): one block per group: the shared text, then each different text
with the TU ids holding it (fix them with `memoria edit` or `memoria delete`).
--format csv: one row per different text: kind, shared_lang, shared,
other_lang, other, tu_ids (space-separated). --format json: an array of
{kind, shared_lang, shared, other_lang, variants: [{text, tu_ids}]}.

Exit codes: 0 (also when some are found), 2 bad usage.

Examples:
  memoria inconsistencies --from es --to en
  memoria inconsistencies --from es --to en --kind several-sources --format csv > reused.csv")]
pub struct Args {
    #[command(flatten)]
    pub pair: LangPair,
    /// Which check: several-targets (one source, several translations), several-sources
    /// (one translation, several sources), or both.
    #[arg(long, value_enum, default_value = "both")]
    pub kind: Kind,
    /// Most groups listed per kind.
    #[arg(long, default_value_t = 1000)]
    pub limit: usize,
    #[arg(long, value_enum, default_value = "text")]
    pub format: Format,
}

#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    SeveralTargets,
    SeveralSources,
    Both,
}

#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Text,
    Json,
    Csv,
}

pub fn run(args: Args, g: &Global) -> Result<ExitCode> {
    args.pair.refuse_same()?;
    let tm = g.open_existing_tm()?;
    let kinds: &[InconsistencyKind] = match args.kind {
        Kind::SeveralTargets => &[InconsistencyKind::SeveralTargets],
        Kind::SeveralSources => &[InconsistencyKind::SeveralSources],
        Kind::Both => &[InconsistencyKind::SeveralTargets, InconsistencyKind::SeveralSources],
    };
    let mut all = Vec::new();
    for &k in kinds {
        all.extend(tm.inconsistencies(k, &args.pair.from, &args.pair.to, args.limit)?);
    }
    msg!("{} group{} of inconsistent translations", all.len(), if all.len() == 1 { "" } else { "s" });
    let out = match args.format {
        Format::Json => format!("{}\n", serde_json::to_string(&all)?),
        Format::Csv => csv(&all)?,
        Format::Text => text(&all),
    };
    crate::output::print(&out)?;
    Ok(ExitCode::SUCCESS)
}

fn kind_name(k: InconsistencyKind) -> &'static str {
    match k {
        InconsistencyKind::SeveralTargets => "several-targets",
        InconsistencyKind::SeveralSources => "several-sources",
    }
}

fn ids(v: &[i64]) -> String {
    v.iter().map(|i| i.to_string()).collect::<Vec<_>>().join(" ")
}

fn text(all: &[Inconsistency]) -> String {
    let mut s = String::new();
    for g in all {
        let what = match g.kind {
            InconsistencyKind::SeveralTargets => "translated differently",
            InconsistencyKind::SeveralSources => "translates different sources",
        };
        let _ = writeln!(s, "[{}] {}  ({what})", g.shared_lang, g.shared);
        for v in &g.variants {
            let _ = writeln!(s, "    [{}] {}  (TU {})", g.other_lang, v.text, ids(&v.tu_ids));
        }
    }
    s
}

/// One row per differing text (RFC 4180 quoting by the `csv` crate).
fn csv(all: &[Inconsistency]) -> Result<String> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(["kind", "shared_lang", "shared", "other_lang", "other", "tu_ids"])?;
    for g in all {
        for v in &g.variants {
            w.write_record([
                kind_name(g.kind),
                g.shared_lang.as_str(),
                &g.shared,
                g.other_lang.as_str(),
                &v.text,
                &ids(&v.tu_ids),
            ])?;
        }
    }
    Ok(String::from_utf8(w.into_inner()?)?)
}
