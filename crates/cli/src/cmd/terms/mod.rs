//! `memoria terms`: the TM's glossary — import, export, lookup, list, delete.

mod import;

use super::{Global, LangPair, TextOrJson};
use anyhow::{bail, Result};
use memoria_core::lang::LangTag;
use memoria_formats::tbx::TbxWriter;
use memoria_leverage::terms::Glossary;
use memoria_store::TermFilter;
use std::path::PathBuf;
use std::process::ExitCode;

/// Terminology: TBX and CSV glossaries in the TM.
#[derive(clap::Args, Debug)]
#[command(after_help = "\
Terms are found in every segment memoria shows (lookup, pretranslate, check): multiword terms,
longest match first, on word boundaries, in any case and without accents unless a term is
case-sensitive, and in inflected forms (Snowball stemmers for es, en, fr and others:
\"personas desplazadas\" finds \"persona desplazada\").

Examples:
  memoria terms import glossary.tbx
  memoria terms lookup \"Las personas desplazadas y la trata de personas\" --from es --to en
  memoria terms list --lang es --format json
  memoria terms export -o glossary.tbx
  memoria terms delete iom-old --collection migration.tbx")]
pub struct Args {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(clap::Subcommand, Debug)]
pub enum Command {
    Import(import::Args),
    Export(ExportArgs),
    Lookup(LookupArgs),
    List(ListArgs),
    Delete(DeleteArgs),
}

pub fn run(args: Args, g: &Global) -> Result<ExitCode> {
    match args.command {
        Command::Import(a) => import::run(a, g),
        Command::Export(a) => export(a, g),
        Command::Lookup(a) => lookup(a, g),
        Command::List(a) => list(a, g),
        Command::Delete(a) => delete(a, g),
    }
}

/// Which entries: by glossary and by language.
#[derive(clap::Args, Debug, Clone)]
pub struct Select {
    /// Only the entries of this glossary (the file name it was imported from).
    #[arg(long, value_name = "NAME")]
    pub collection: Option<String>,
    /// Only entries with a term in each of these languages (comma-separated).
    #[arg(long = "lang", value_delimiter = ',', value_name = "LANGS")]
    pub langs: Vec<LangTag>,
}

impl Select {
    fn filter(&self) -> TermFilter {
        TermFilter { collection: self.collection.clone(), ids: vec![], langs: self.langs.clone() }
    }
}

/// Write the TM's term entries as TBX v3 (TBX-Basic, DCA style).
#[derive(clap::Args, Debug)]
#[command(after_help = "\
The file is TBX v3 TBX-Basic in the DCA style (namespace urn:iso:std:iso:30042:ed-2), structured like
the LTAC TBX-Basic sample: every entry with its id, subject field, definition, notes and other data
categories, every term with its part of speech, term type, administrative status (forbidden terms as
notRecommendedTerm-admn-sts), usage notes and other data categories. Case-sensitive terms carry
termNote x-caseSensitive, do-not-translate entries descrip x-doNotTranslate. Importing the file
again gives the same entries.

Examples:
  memoria terms export -o glossary.tbx
  memoria terms export -o es-en.tbx --lang es,en --collection migration.tbx")]
pub struct ExportArgs {
    /// The TBX file to write (replaced whole at the end), or - for standard output.
    #[arg(short, long)]
    pub output: PathBuf,
    #[command(flatten)]
    pub select: Select,
}

fn export(a: ExportArgs, g: &Global) -> Result<ExitCode> {
    g.refuse_output_over(&a.output, &[])?;
    let tm = g.open_existing_tm()?;
    let mut out = crate::output::Output::create(Some(&a.output))?;
    let mut w = TbxWriter::new("en");
    let mut n = 0u64;
    let mut ids = std::collections::HashSet::new();
    let mut repeated = 0u64;
    for e in tm.term_entries(&a.select.filter())? {
        let e = e?;
        if let Some(id) = &e.entry.id {
            if !ids.insert(id.clone()) {
                repeated += 1;
            }
        }
        w.entry(&e.entry);
        n += 1;
        if n % 1000 == 0 {
            out.put(&w.take())?;
        }
    }
    out.put(&w.finish())?;
    out.finish()?;
    msg!("{n} term entries written to {}", a.output.display());
    if repeated > 0 {
        msg!(
            "warning: {repeated} entries have an id another glossary's entry has too; the file holds those ids \
             more than once (export one glossary at a time with --collection NAME)"
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// Find the glossary's terms in a text, with their target terms.
#[derive(clap::Args, Debug)]
#[command(after_help = "\
Output (text): one line a term found: the words as found, then the glossary term, its target terms
with their status, and the entry id. --format json gives an array of {entry, collection, start, end
(bytes), text, term, status, targets: [{term, status, pos}], definition, do_not_translate}.

Examples:
  memoria terms lookup \"Las personas desplazadas\" --from es --to en
  memoria terms lookup \"La OIM y la trata de personas\" --from es --to fr --format json")]
pub struct LookupArgs {
    /// The text to find terms in.
    pub text: String,
    #[command(flatten)]
    pub pair: LangPair,
    #[arg(long, value_enum, default_value = "text")]
    pub format: TextOrJson,
}

fn lookup(a: LookupArgs, g: &Global) -> Result<ExitCode> {
    a.pair.refuse_same()?;
    let tm = g.open_existing_tm()?;
    let glossary = Glossary::load(&tm, &a.pair.from, &a.pair.to)?;
    let found = glossary.found(&a.text);
    let out = match a.format {
        TextOrJson::Json => format!("{:#}\n", serde_json::to_value(&found)?),
        TextOrJson::Text => {
            if found.is_empty() {
                msg!("no glossary term found");
            }
            found.iter().map(|f| format!("{}: {}\n", f.text, f.line())).collect()
        }
    };
    crate::output::print(&out)?;
    Ok(ExitCode::SUCCESS)
}

/// List the TM's term entries.
#[derive(clap::Args, Debug)]
#[command(after_help = "\
Output (text): one line an entry: its id, glossary, and its terms per language with their status.
--format json gives an array of {key, collection, entry} with every field of the entry.

Examples:
  memoria terms list
  memoria terms list --lang es,en --limit 20 --format json")]
pub struct ListArgs {
    #[command(flatten)]
    pub select: Select,
    /// Most entries listed.
    #[arg(long)]
    pub limit: Option<usize>,
    #[arg(long, value_enum, default_value = "text")]
    pub format: TextOrJson,
}

fn list(a: ListArgs, g: &Global) -> Result<ExitCode> {
    let tm = g.open_existing_tm()?;
    let mut entries = Vec::new();
    for e in tm.term_entries(&a.select.filter())?.take(a.limit.unwrap_or(usize::MAX)) {
        entries.push(e?);
    }
    let out = match a.format {
        TextOrJson::Json => format!("{:#}\n", serde_json::to_value(&entries)?),
        TextOrJson::Text => {
            let mut s = String::new();
            for e in &entries {
                let terms: Vec<String> = e
                    .entry
                    .terms
                    .iter()
                    .map(|t| match t.status {
                        Some(st) => format!("{}: {} ({})", t.lang, t.text, st.as_str()),
                        None => format!("{}: {}", t.lang, t.text),
                    })
                    .collect();
                let id = e.entry.id.as_deref().unwrap_or("-");
                s.push_str(&format!("{id}\t{}\t{}\n", e.collection, terms.join("; ")));
            }
            s
        }
    };
    let counts = tm.term_counts()?;
    msg!(
        "{} of {} term entries; terms: {}",
        entries.len(),
        counts.entries,
        counts.terms.iter().map(|(l, n)| format!("{l} {n}")).collect::<Vec<_>>().join(", ")
    );
    crate::output::print(&out)?;
    Ok(ExitCode::SUCCESS)
}

/// Delete term entries from the TM (one transaction).
#[derive(clap::Args, Debug)]
#[command(after_help = "\
Give entry ids, or --collection, or --all. Ids and --collection together delete the entries with
those ids in that glossary.

Examples:
  memoria terms delete c12 c13
  memoria terms delete --collection old-glossary.tbx
  memoria terms delete --all")]
pub struct DeleteArgs {
    /// Ids of the entries to delete.
    pub ids: Vec<String>,
    /// Only entries of this glossary (all of them when no id is given).
    #[arg(long, value_name = "NAME")]
    pub collection: Option<String>,
    /// Every term entry of the TM.
    #[arg(long, conflicts_with_all = ["ids", "collection"])]
    pub all: bool,
}

fn delete(a: DeleteArgs, g: &Global) -> Result<ExitCode> {
    if a.ids.is_empty() && a.collection.is_none() && !a.all {
        bail!("terms delete: give entry ids, --collection NAME or --all");
    }
    let mut tm = g.open_existing_writable()?;
    let n = tm.delete_terms(&TermFilter { collection: a.collection, ids: a.ids, langs: vec![] })?;
    msg!("{n} term entries deleted");
    Ok(ExitCode::SUCCESS)
}
