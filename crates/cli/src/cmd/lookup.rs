//! `memoria lookup`: ranked TM matches for one sentence.

use super::{Global, LangPair, TextOrJson};
use anyhow::Result;
use memoria_leverage::terms::{FoundTerm, Glossary};
use memoria_store::{band, Difference, Match, Query};
use std::process::ExitCode;

/// Find the TM entries that best match a sentence.
///
/// Scores are 0–100 (101: the neighbouring segments match too); how they are
/// computed is described in crates/store/README.md. Changed numbers, dates and
/// other placeables are put into the target, localised.
#[derive(clap::Args, Debug)]
#[command(after_help = "\
Output (text): one block per match: score and band, source, target (with
placeables substituted), provenance, and what differed; then the glossary
terms found in the sentence with their target terms and status. --format json
gives an array of {score, band, tu_id, source_lang, source, target_lang,
target, stored_target, provenance, differences, terms}, where terms are the
glossary terms of the sentence, each {entry, collection, start, end, text,
term, status, targets, definition, do_not_translate, in_target} (in_target:
the match's target holds one of the allowed target terms); `memoria terms
lookup` gives the terms alone.

Exit codes: 0 (also when nothing matched: the message goes to stderr), 2 bad input.

Examples:
  memoria lookup \"El proyecto Debian anuncia su nueva versión.\" --from es --to en
  memoria lookup \"Las ventas subieron un 7,5 %.\" --from es --to en --min-score 70 --format json
  memoria lookup \"Hola.\" --from es --to en --prev \"Titular.\" --next \"Fin.\"")]
pub struct Args {
    /// The sentence to look up.
    pub text: String,
    #[command(flatten)]
    pub pair: LangPair,
    /// Lowest match score shown (0–100).
    #[arg(long, default_value_t = 50, value_parser = clap::value_parser!(u8).range(0..=100))]
    pub min_score: u8,
    /// Most matches shown.
    #[arg(long, default_value_t = 5)]
    pub limit: usize,
    /// The segment before this one in its document (a 100 % match whose stored
    /// neighbours are the same scores 101).
    #[arg(long)]
    pub prev: Option<String>,
    /// The segment after this one in its document.
    #[arg(long)]
    pub next: Option<String>,
    #[arg(long, value_enum, default_value = "text")]
    pub format: TextOrJson,
}

pub fn run(args: Args, g: &Global) -> Result<ExitCode> {
    args.pair.refuse_same()?;
    let tm = g.open_existing_tm()?;
    let mut q = Query::new(&args.text, args.pair.from, args.pair.to);
    q.min_score = args.min_score;
    q.limit = args.limit;
    q.prev = args.prev;
    q.next = args.next;
    let matches = tm.lookup(&q)?;
    let glossary = Glossary::load(&tm, &q.from, &q.to)?;
    let terms = glossary.found(&args.text);
    let mut out = String::new();
    match args.format {
        TextOrJson::Json => {
            let v: Vec<_> = matches.iter().map(|m| json(m, &terms, &glossary)).collect();
            out = format!("{}\n", serde_json::Value::Array(v));
        }
        TextOrJson::Text => {
            if matches.is_empty() {
                msg!("no match at or above {}", args.min_score);
            }
            for m in &matches {
                out.push_str(&text(m));
            }
            if !terms.is_empty() {
                out.push_str("terms:\n");
                for t in &terms {
                    out.push_str(&format!("     {}\n", t.line()));
                }
            }
        }
    }
    crate::output::print(&out)?;
    Ok(ExitCode::SUCCESS)
}

fn json(m: &Match, terms: &[FoundTerm], glossary: &Glossary) -> serde_json::Value {
    let target = m.target.plain_text();
    let in_target = glossary.target_hits(&target);
    let terms: Vec<_> = terms
        .iter()
        .map(|t| {
            let mut v = serde_json::to_value(t).expect("plain data serialises");
            let has = in_target.iter().any(|h| {
                let e = &glossary.entries[h.entry];
                e.entry.id == t.entry && e.collection == t.collection && e.entry.terms[h.term].allowed()
            });
            v["in_target"] = serde_json::Value::Bool(has || t.do_not_translate && target.contains(&t.text));
            v
        })
        .collect();
    serde_json::json!({
        "terms": terms,
        "score": m.score,
        "band": band(m.score),
        "tu_id": m.tu_id,
        "source_lang": m.source_lang,
        "source": m.source.plain_text(),
        "target_lang": m.target_lang,
        "target": m.target.plain_text(),
        "stored_target": m.stored_target.plain_text(),
        "provenance": m.provenance,
        "differences": m.differences,
    })
}

/// One difference in words, for the text output.
pub fn describe(d: &Difference) -> String {
    match d {
        Difference::Text { edits, length } => format!("{edits} character edit(s) in {length}"),
        Difference::Case => "upper/lower case".into(),
        Difference::Punctuation => "punctuation or spacing".into(),
        Difference::Placeable { stored, query } if stored.is_empty() => format!("new value {query}"),
        Difference::Placeable { stored, query } => format!("{stored} -> {query}"),
        Difference::Codes { count } => format!("{count} inline code(s) missing, extra or moved"),
        Difference::MultipleTranslations => "the TM has other translations of this source".into(),
        Difference::NotSubstituted { stored } => format!("{stored} not found in the target: edit it by hand"),
    }
}

fn text(m: &Match) -> String {
    let mut out = format!(
        "{:>3}  {}  [{} -> {}, TU {}]\n     {}\n     {}\n",
        m.score,
        band(m.score),
        m.source_lang,
        m.target_lang,
        m.tu_id,
        m.source.plain_text(),
        m.target.plain_text()
    );
    let p = &m.provenance;
    let origin: Vec<String> = [p.collection.clone(), p.document.clone(), p.position.map(|n| format!("segment {n}"))]
        .into_iter()
        .flatten()
        .collect();
    if !origin.is_empty() {
        out.push_str(&format!("     from: {}\n", origin.join(", ")));
    }
    if !m.differences.is_empty() {
        let d: Vec<String> = m.differences.iter().map(describe).collect();
        out.push_str(&format!("     differs: {}\n", d.join("; ")));
    }
    out
}
