//! Extracts a Word or OpenDocument release and merges it back with every
//! paragraph's target equal to its source (the round trip of issue 18, item
//! 7), for tests/interop/docs.sh to compare with LibreOffice.
//!
//! Usage: `cargo run --release -p memoria-formats --example roundtrip -- IN OUT`

use memoria_formats::filter::{detect, Fill, Kind};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let [_, input, output] = &args[..] else {
        return Err("usage: roundtrip IN.docx|IN.odt OUT".into());
    };
    let bytes = std::fs::read(input)?;
    let filter = detect(input, Kind::Auto);
    let doc = filter.extract(&bytes)?;
    let mut fills = Vec::new();
    let mut at = 0;
    for p in doc.text.split("\n\n") {
        if !p.is_empty() {
            fills.push(Fill { range: at..at + p.len(), target: doc.content(at..at + p.len()) });
        }
        at += p.len() + 2;
    }
    std::fs::write(output, filter.merge(&doc, &fills)?)?;
    eprintln!("{input}: {} paragraphs filled with their own text", fills.len());
    Ok(())
}
