//! `memoria stats`: what the TM holds.

use super::{Global, TextOrJson};
use anyhow::Result;
use std::fmt::Write;
use std::process::ExitCode;

/// Count the TUs in the TM per language pair and per collection, and the segments per language.
#[derive(clap::Args, Debug)]
#[command(after_help = "\
Output (text): TU count, schema version and file size, then one line per
language pair (TUs), per language tag (segments) and per collection (the TMX
file the TUs came from: TUs, and whether its header is kept for export
--collection), and the glossary's term entries and terms per language when
it has any. --format json gives {tus, schema_version, file_bytes,
pairs: [{source, target, tus}], languages: [{lang, tuvs}],
collections: [{collection, tus, header}], terms: {entries, terms: [[lang, n]]}}
(collection null: TUs without one).

Example:
  memoria stats --db memoria.db")]
pub struct Args {
    #[arg(long, value_enum, default_value = "text")]
    pub format: TextOrJson,
}

pub fn run(args: Args, g: &Global) -> Result<ExitCode> {
    let tm = g.open_existing_tm()?;
    let pairs = tm.stats()?;
    let langs = tm.language_counts()?;
    let collections = tm.collections()?;
    let total = tm.tu_count()?;
    let version = tm.schema_version()?;
    let terms = tm.term_counts()?;
    let bytes: u64 = ["", "-wal"]
        .iter()
        .filter(|_| !g.is_server())
        .filter_map(|s| std::fs::metadata(format!("{}{s}", g.db.display())).ok())
        .map(|m| m.len())
        .sum();
    let mut s = String::new();
    match args.format {
        TextOrJson::Json => {
            let v = serde_json::json!({"tus": total, "schema_version": version, "file_bytes": bytes,
                "pairs": pairs, "languages": langs, "collections": collections, "terms": terms});
            let _ = writeln!(s, "{v}");
        }
        TextOrJson::Text => {
            let _ = writeln!(s, "TUs: {total}");
            if g.is_server() {
                let _ = writeln!(s, "schema version: {version} (PostgreSQL schema memoria); server: {}", g.db_name());
            } else {
                let _ = writeln!(s, "schema version: {version}; file: {:.1} MB", bytes as f64 / 1e6);
            }
            for p in pairs {
                let _ = writeln!(s, "{}-{}\t{}", p.source, p.target, p.tus);
            }
            for l in langs {
                let _ = writeln!(s, "{}\t{} segments", l.lang, l.tuvs);
            }
            for c in collections {
                let name = c.collection.as_deref().unwrap_or("(no collection)");
                let _ = writeln!(s, "{name}\t{} TUs{}", c.tus, if c.header { ", header kept" } else { "" });
            }
            if terms.entries > 0 {
                let per: Vec<String> = terms.terms.iter().map(|(l, n)| format!("{l} {n}")).collect();
                let _ = writeln!(s, "term entries: {}; terms: {}", terms.entries, per.join(", "));
            }
        }
    }
    crate::output::print(&s)?;
    Ok(ExitCode::SUCCESS)
}
