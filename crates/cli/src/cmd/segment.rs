//! `memoria segment`: print the sentences of a release.

use super::{Global, TextOrJson};
use crate::input::{language_of, read_release};
use anyhow::Result;
use memoria_core::lang::LangTag;
use std::io::Write;
use std::process::ExitCode;

/// Split a release into segments (sentences, headings, list items).
#[derive(clap::Args, Debug)]
#[command(
    after_help = "Examples:\n  memoria segment samples/new/release.es.txt\n  memoria segment - --lang en --format json < release.txt"
)]
pub struct Args {
    /// The release (UTF-8 text), or - for standard input.
    pub file: String,
    /// Language (BCP 47); default: from a .es./.en. part of the file name.
    #[arg(long)]
    pub lang: Option<LangTag>,
    /// text: one segment a line; json: one object per segment with byte offsets.
    #[arg(long, value_enum, default_value = "text")]
    pub format: TextOrJson,
}

pub fn run(args: Args, _g: &Global) -> Result<ExitCode> {
    let lang = language_of(&args.file, args.lang.as_ref())?;
    let rel = read_release(&args.file, &lang)?;
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    for (i, s) in rel.segments.iter().enumerate() {
        let text = rel.text(i);
        match args.format {
            TextOrJson::Text => writeln!(out, "{}", text.replace(['\r', '\n'], " "))?,
            TextOrJson::Json => {
                let o = serde_json::json!({"text": text, "start": s.start + rel.doc.bom_len, "end": s.end + rel.doc.bom_len, "paragraph": s.paragraph});
                writeln!(out, "{o}")?
            }
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
