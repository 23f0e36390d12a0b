//! `memoria edit`: replace the text of one TU's variant (its target), in
//! one transaction recorded in the audit trail.

use super::{AuthorArg, Global, TextOrJson};
use anyhow::Result;
use memoria_core::content::Content;
use memoria_core::lang::LangTag;
use memoria_leverage::codes::{transfer, Placement};
use memoria_store::TargetEdit;
use std::fmt::Write;
use std::process::ExitCode;

/// Replace the text of a TU's variant in one language (one transaction, recorded in the audit trail).
#[derive(clap::Args, Debug)]
#[command(after_help = "\
The TU gets TMX changeid (--author, else $USER) and changedate (now), which
`memoria export` writes; the old and new text are kept in the TM's audit trail
(`memoria history ID`). When the stored variant has inline codes (bold, links)
they are placed into the new text where the text says (as pretranslate does);
a code that cannot be placed goes to the end, with a warning. The same text as
stored changes nothing.

Output: the variant before and after, on stdout. --format json gives
{dry_run, id, lang, before, after} (null before/after: nothing changed).

Exit codes: 0 done, 2 bad usage or a TU (or a variant in --lang) not in the
TM, 3 TM busy.

Examples:
  memoria edit 42 --lang en --text \"The central bank raised rates.\"
  memoria edit 42 --lang en --text \"...\" --dry-run --author ana")]
pub struct Args {
    /// The TU's id (as `memoria lookup`, `concordance` and `history` show it).
    pub id: i64,
    /// The language of the variant to change (BCP 47; the TU's variant serving it best).
    #[arg(long)]
    pub lang: LangTag,
    /// The new text.
    #[arg(long)]
    pub text: String,
    /// Do everything, report it, then roll back: the TM is left as it was.
    #[arg(long)]
    pub dry_run: bool,
    #[command(flatten)]
    pub author: super::AuthorArg,
    #[arg(long, value_enum, default_value = "text")]
    pub format: TextOrJson,
}

pub fn run(args: Args, g: &Global) -> Result<ExitCode> {
    let who = AuthorArg::resolve(&args.author)?;
    let mut tm = g.open_existing_writable()?;
    let stored = tm.load_tu(args.id).ok();
    let old = stored.as_ref().and_then(|tu| tu.variant(&args.lang)).map(|v| v.seg.clone());
    let mut target = Content::from_text(args.text.trim());
    if let Some(old) = old.as_ref().filter(|o| o.code_count() > 0) {
        let (placed, how) = transfer(old, &target);
        if how == Placement::SomeAtEnd {
            msg!(
                "warning: TU {}: an inline code of the stored text could not be placed by the text: it is at the end",
                args.id
            );
        }
        target = placed;
    }
    let change = tm.edit_target(&TargetEdit { tu_id: args.id, lang: args.lang.clone(), target }, &who, args.dry_run)?;
    let t = change.tus.first();
    let text_of = |tu: &memoria_core::tu::Tu| tu.variant(&args.lang).map(|v| v.seg.plain_text());
    let (before, after) = (t.and_then(|t| text_of(&t.before)), t.and_then(|t| t.after.as_ref().and_then(text_of)));
    match (t, args.dry_run) {
        (None, _) => msg!("TU {}: the {} text is already that: nothing was changed", args.id, args.lang),
        (Some(_), true) => msg!("TU {}: would change the {} text (dry run: nothing was changed)", args.id, args.lang),
        (Some(_), false) => msg!("TU {}: {} text changed (recorded as {})", args.id, args.lang, who.name),
    }
    let mut s = String::new();
    match args.format {
        TextOrJson::Json => {
            let v = serde_json::json!({"dry_run": args.dry_run, "id": args.id, "lang": args.lang,
                "before": before, "after": after});
            let _ = writeln!(s, "{v}");
        }
        TextOrJson::Text => {
            if let (Some(b), Some(a)) = (before, after) {
                let _ = writeln!(s, "TU {} [{}]\n  - {b}\n  + {a}", args.id, args.lang);
            }
        }
    }
    crate::output::print(&s)?;
    Ok(ExitCode::SUCCESS)
}
