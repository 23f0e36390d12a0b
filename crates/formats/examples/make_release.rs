//! Makes a Word (`.docx`) or OpenDocument (`.odt`) release from a plain-text
//! release (one paragraph a non-blank line), as an editor's word processor
//! leaves it: runs split mid-word, bold words, links, a footnote, tracked
//! changes, a table (see `tests/common/make_release.rs`). With `--repeat N`
//! the paragraphs are written N times (the DOCX benchmark's large file).
//!
//! Usage: `cargo run --release -p memoria-formats --example make_release -- IN.txt OUT.docx|OUT.odt [--repeat N]`

#[path = "../../../tests/common/make_release.rs"]
mod make_release;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let (input, output) = match &args[..] {
        [_, i, o, ..] => (i, o),
        _ => return Err("usage: make_release IN.txt OUT.docx|OUT.odt [--repeat N]".into()),
    };
    let repeat: usize = match args.iter().position(|a| a == "--repeat") {
        Some(i) => args.get(i + 1).ok_or("--repeat needs a number")?.parse()?,
        None => 1,
    };
    let text = std::fs::read_to_string(input)?;
    let one = make_release::paragraphs(&text);
    let paras: Vec<&str> = std::iter::repeat_n(one.iter().copied(), repeat).flatten().collect();
    let bytes = if output.ends_with(".odt") { make_release::odt(&paras) } else { make_release::docx(&paras) };
    std::fs::write(output, &bytes)?;
    eprintln!("{output}: {} paragraphs, {} bytes", paras.len(), bytes.len());
    Ok(())
}
