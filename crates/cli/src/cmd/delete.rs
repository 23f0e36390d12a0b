//! `memoria delete`: take TUs out of the TM, by id, by collection, or by a
//! source/target text query; one transaction, recorded in the audit trail.

use super::{AuthorArg, Global, TextOrJson};
use anyhow::{bail, Result};
use memoria_core::lang::LangTag;
use memoria_store::{Change, Selection, TextQuery, Tm};
use std::fmt::Write;
use std::process::ExitCode;

/// Delete TUs from the TM (one transaction; each deletion recorded in the TM's audit trail).
#[derive(clap::Args, Debug)]
#[command(after_help = "\
The conditions given are combined (AND): `--collection X --source foo --from es`
deletes the TUs of collection X whose Spanish segment contains \"foo\". At least
one condition is required. Text conditions compare case-insensitively and match
a substring, or the whole segment with --whole. Every deleted TU is recorded in
the TM's audit trail (who: --author, else $USER; when; the TU as it was), shown
by `memoria history ID`.

Output: the TUs deleted (or, with --dry-run, that would be deleted), one block
each, on stdout; the count on stderr. --format json gives {dry_run, deleted:
[{id, variants: [[lang, text], ...]}]}.

Exit codes: 0 done (also when nothing matched), 2 bad usage, an id not in the TM,
a collection that does not exist (the collections are listed), 3 TM busy.

Examples:
  memoria delete 17 18 --dry-run
  memoria delete --collection wrong-release.tmx
  memoria delete --source \"borrador\" --from es --author ana
  memoria delete --target \"Lorem ipsum\" --to en --whole --format json")]
pub struct Args {
    /// TU ids (as `memoria lookup`, `concordance` and `history` show them).
    pub ids: Vec<i64>,
    /// Only TUs of this collection (the TMX file name, or the name given at import).
    #[arg(long)]
    pub collection: Option<String>,
    /// Only TUs whose --from segment contains this text.
    #[arg(long, requires = "from")]
    pub source: Option<String>,
    /// Only TUs whose --to segment contains this text.
    #[arg(long, requires = "to")]
    pub target: Option<String>,
    /// Language of --source (BCP 47; any region of it matches).
    #[arg(long)]
    pub from: Option<LangTag>,
    /// Language of --target.
    #[arg(long)]
    pub to: Option<LangTag>,
    /// --source/--target must equal the whole segment (case and surrounding space aside).
    #[arg(long)]
    pub whole: bool,
    /// Do everything, report it, then roll back: the TM is left as it was.
    #[arg(long)]
    pub dry_run: bool,
    #[command(flatten)]
    pub author: AuthorArg,
    #[arg(long, value_enum, default_value = "text")]
    pub format: TextOrJson,
}

pub fn run(args: Args, g: &Global) -> Result<ExitCode> {
    let query = |text: &Option<String>, lang: &Option<LangTag>| match (text, lang) {
        (Some(t), Some(l)) => Some(TextQuery { lang: l.clone(), text: t.clone(), whole: args.whole }),
        _ => None,
    };
    let sel = Selection {
        ids: args.ids.clone(),
        collection: args.collection.clone(),
        source: query(&args.source, &args.from),
        target: query(&args.target, &args.to),
    };
    if sel.is_everything() {
        bail!("give TU ids, --collection, --source or --target: refusing to delete the whole TM");
    }
    let mut tm = g.open_existing_writable()?;
    check_names(&tm, &sel)?;
    let who = args.author.resolve()?;
    let change = tm.delete(&sel, &who, args.dry_run)?;
    let n = change.tus.len();
    match (args.dry_run, n) {
        (true, _) => msg!("would delete {n} TU{} (dry run: nothing was changed)", plural(n)),
        (false, 0) => msg!("no TU matched: nothing was deleted"),
        (false, _) => msg!("deleted {n} TU{} (recorded as {})", plural(n), who.name),
    }
    crate::output::print(&render(&change, args.format))?;
    Ok(ExitCode::SUCCESS)
}

/// Refuses ids that are not stored and a collection that does not exist
/// (listing those that do): a typo must not quietly delete nothing.
fn check_names(tm: &Tm, sel: &Selection) -> Result<()> {
    if !sel.ids.is_empty() {
        let found = tm.find(&Selection { ids: sel.ids.clone(), ..Selection::default() }, 0, sel.ids.len())?;
        let missing: Vec<String> =
            sel.ids.iter().filter(|id| !found.iter().any(|t| t.id == **id)).map(|id| id.to_string()).collect();
        if !missing.is_empty() {
            bail!("TU {} not in the TM {}; nothing was deleted", missing.join(", "), tm.location());
        }
    }
    if let Some(c) = &sel.collection {
        let all = tm.collections()?;
        if !all.iter().any(|k| k.collection.as_deref() == Some(c.as_str())) {
            let names: Vec<&str> = all.iter().filter_map(|k| k.collection.as_deref()).collect();
            bail!(
                "--collection {c:?}: no such collection in the TM; it has: {}",
                if names.is_empty() { "none".to_string() } else { names.join(", ") }
            );
        }
    }
    Ok(())
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// The TUs of a deletion as text blocks or JSON.
pub(crate) fn render(change: &Change, format: TextOrJson) -> String {
    let mut s = String::new();
    match format {
        TextOrJson::Json => {
            let tus: Vec<_> = change
                .tus
                .iter()
                .map(|t| {
                    let v: Vec<_> = t.before.tuvs.iter().map(|v| (v.lang.as_str(), v.seg.plain_text())).collect();
                    serde_json::json!({"id": t.id, "variants": v})
                })
                .collect();
            let _ = writeln!(s, "{}", serde_json::json!({"dry_run": change.dry_run, "deleted": tus}));
        }
        TextOrJson::Text => {
            for t in &change.tus {
                let _ = writeln!(s, "TU {}", t.id);
                for v in &t.before.tuvs {
                    let _ = writeln!(s, "     [{}] {}", v.lang, v.seg.plain_text());
                }
            }
        }
    }
    s
}
