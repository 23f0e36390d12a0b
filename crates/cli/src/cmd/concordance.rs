//! `memoria concordance`: segments of the TM that contain a phrase.

use super::{Global, TextOrJson};
use anyhow::Result;
use memoria_core::lang::LangTag;
use std::process::ExitCode;

/// Search the TM for segments containing a phrase as whole words
/// (case-insensitive, diacritics kept), best ranked first.
#[derive(clap::Args, Debug)]
#[command(after_help = "\
A hit holds the phrase's words in order as whole words: \"banco\" finds
\"El banco central\", not \"bancos\"; \"nota 5\" finds \"Nota 5.\", not \"nota 51\".
Case and white space do not matter; accents do (\"cancion\" does not find
\"canción\"). The segments found first (oldest TUs) are ranked: the phrase
covering more of the segment comes first. The search reads the word index that
import keeps, so it is current at once. A phrase without a word of two or more
letters or digits outside numbers and other placeables (\"5\", \"a\") is looked
for in the language's first 100,000 segments only; a phrase whose words are
together in more than 5,000 segments is looked for in the first 5,000 of them.

Output (text): one block per hit: TU id and language, the segment, and its
translation when --to is given. --format json gives an array of
{tu_id, lang, source, target, rank}.

Exit codes: 0 (also when nothing is found: the message goes to stderr), 2 bad input.

Examples:
  memoria concordance \"banco central\" --lang es
  memoria concordance \"central bank\" --lang en --to es --limit 20 --format json")]
pub struct Args {
    /// The phrase to find (whole words).
    pub phrase: String,
    /// Language of the segments searched (BCP 47; any region of it matches).
    #[arg(long, value_parser = memoria_core::lang::check_user_tag)]
    pub lang: LangTag,
    /// Also show each hit's translation in this language.
    #[arg(long)]
    pub to: Option<LangTag>,
    /// Most hits shown.
    #[arg(long, default_value_t = 10)]
    pub limit: usize,
    #[arg(long, value_enum, default_value = "text")]
    pub format: TextOrJson,
}

pub fn run(args: Args, g: &Global) -> Result<ExitCode> {
    let tm = g.open_existing_tm()?;
    let hits = tm.concordance(&args.phrase, &args.lang, args.to.as_ref(), args.limit)?;
    let mut out = String::new();
    match args.format {
        TextOrJson::Json => {
            let v: Vec<_> = hits
                .iter()
                .map(|h| {
                    serde_json::json!({"tu_id": h.tu_id, "lang": h.lang, "source": h.source.plain_text(),
                        "target": h.target.as_ref().map(|t| t.plain_text()), "rank": h.rank})
                })
                .collect();
            out = format!("{}\n", serde_json::Value::Array(v));
        }
        TextOrJson::Text => {
            if hits.is_empty() {
                msg!("no segment in {} contains {:?}", args.lang, args.phrase);
            }
            for h in &hits {
                out.push_str(&format!("TU {} [{}]\n     {}\n", h.tu_id, h.lang, h.source.plain_text()));
                if let Some(t) = &h.target {
                    out.push_str(&format!("     {}\n", t.plain_text()));
                }
            }
        }
    }
    crate::output::print(&out)?;
    Ok(ExitCode::SUCCESS)
}
