//! `memoria segment`: print the sentences of a release.

use super::{Global, TextOrJson};
use crate::input::{language_of, read_release_with, InputArgs};
use anyhow::Result;
use memoria_core::lang::LangTag;
use std::io::Write;
use std::process::ExitCode;

/// Split a release into segments (sentences, headings, list items).
#[derive(clap::Args, Debug)]
#[command(after_help = "Output: text prints one segment a line (a line break inside a segment printed as a space);\n\
json prints one object a line: {\"text\", \"start\", \"end\", \"paragraph\"}, start/end being byte offsets\n\
into the input file (BOM included; for HTML, of the raw file). For a Word (.docx) or OpenDocument (.odt)\n\
release, offsets index its text parts' XML one after the other, and \"part\" and \"part_paragraph\" say\n\
where the segment is: the package part (word/document.xml, content.xml) and the paragraph's number in it.\n\n\
Exit codes: 0 success; 2 bad input (unreadable file, unknown language, bad SRX: file, line and column).\n\n\
Examples:\n  memoria segment samples/new/release.es.txt\n  memoria segment - --lang en --format json < release.txt\n  \
memoria segment page.en.html\n  memoria segment release.es.txt --rules omegat-segment.srx")]
pub struct Args {
    /// The release (UTF-8 text, HTML, Word .docx or OpenDocument .odt), or - for standard input.
    pub file: String,
    /// Language (BCP 47); default: from a .es./.en. part of the file name.
    #[arg(long, value_parser = memoria_core::lang::check_user_tag)]
    pub lang: Option<LangTag>,
    /// text: one segment a line; json: one object per segment with byte offsets.
    #[arg(long, value_enum, default_value = "text")]
    pub format: TextOrJson,
    #[command(flatten)]
    pub input: InputArgs,
}

pub fn run(args: Args, _g: &Global) -> Result<ExitCode> {
    let lang = language_of(&args.file, args.lang.as_ref())?;
    let rel = read_release_with(&args.file, &lang, &args.input)?;
    let mut out = crate::output::Output::stdout();
    for (i, s) in rel.segments.iter().enumerate() {
        let text = rel.text(i);
        let written = match args.format {
            TextOrJson::Text => writeln!(out, "{}", one_line(text)),
            TextOrJson::Json => {
                let r = rel.file_range(i);
                let mut o = serde_json::json!({"text": text, "start": r.start, "end": r.end, "paragraph": s.paragraph});
                if let Some(place) = rel.place(i) {
                    // A Word or OpenDocument release: offsets are in its parts' XML; where it is, for a person.
                    o["part"] = place.part.into();
                    o["part_paragraph"] = place.paragraph.into();
                }
                writeln!(out, "{o}")
            }
        };
        written.map_err(|e| out.write_error(&e))?;
    }
    out.finish()?;
    Ok(ExitCode::SUCCESS)
}

/// `text` with each line break (and the white space around it, such as the
/// indentation of a wrapped line) printed as one space.
fn one_line(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.truncate(out.trim_end().len());
            out.push(' ');
            out.push_str(line.trim_start());
        } else {
            out.push_str(line);
        }
    }
    out.truncate(out.trim_end().len());
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn line_breaks_print_as_one_space() {
        assert_eq!(super::one_line("a wrapped\r\n   line and\nmore"), "a wrapped line and more");
        assert_eq!(super::one_line("two  spaces kept"), "two  spaces kept");
    }
}
