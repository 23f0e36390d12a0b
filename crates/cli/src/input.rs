//! Reading release files: paths, language from the file name, segmentation.

use anyhow::{bail, Context, Result};
use memoria_core::document::Document;
use memoria_core::lang::LangTag;
use memoria_core::segment::{Segment, SegmenterBuilder};
use std::io::Read;
use std::path::Path;

/// A release read and segmented: the document, its language and segments.
pub struct Release {
    /// The path as the user gave it (`-` for standard input).
    pub name: String,
    pub doc: Document,
    pub lang: LangTag,
    pub segments: Vec<Segment>,
}

impl Release {
    /// The text of segment `i`.
    pub fn text(&self, i: usize) -> &str {
        self.segments[i].text(&self.doc.text)
    }

    /// `(line, column)` (1-based, column in characters) where segment `i` starts.
    pub fn line_col(&self, i: usize) -> (usize, usize) {
        self.doc.line_col(self.segments[i].start)
    }
}

/// Reads the bytes of `path`, or standard input for `-`, with the path in
/// any error.
pub fn read_bytes(path: &str) -> Result<Vec<u8>> {
    if path == "-" {
        let mut buf = Vec::new();
        std::io::stdin().read_to_end(&mut buf).context("reading standard input")?;
        return Ok(buf);
    }
    let p = Path::new(path);
    if p.is_dir() {
        bail!("{path}: is a directory; expected a file");
    }
    std::fs::read(p).with_context(|| format!("{path}: cannot read"))
}

/// The language of a file: `lang` if given, else a `.xx.` or `.xx-YY.` part
/// of the file name (`release.es.txt`), else an error that says how to give it.
pub fn language_of(path: &str, lang: Option<&LangTag>) -> Result<LangTag> {
    if let Some(l) = lang {
        return Ok(l.clone());
    }
    let name = Path::new(path).file_name().and_then(|n| n.to_str()).unwrap_or("");
    let parts: Vec<&str> = name.split('.').collect();
    if parts.len() >= 3 {
        for p in &parts[1..parts.len() - 1] {
            let looks_like_tag = p.len() >= 2
                && p.split('-')
                    .next()
                    .is_some_and(|l| (2..=3).contains(&l.len()) && l.chars().all(|c| c.is_ascii_alphabetic()));
            if looks_like_tag {
                if let Ok(t) = LangTag::new(p) {
                    return Ok(t);
                }
            }
        }
    }
    bail!("{path}: cannot tell the language from the file name; give it with --lang (e.g. --lang es) or name the file like release.es.txt")
}

/// Reads and segments a release in language `lang`.
pub fn read_release(path: &str, lang: &LangTag) -> Result<Release> {
    let bytes = read_bytes(path)?;
    let doc = Document::from_bytes(&bytes).map_err(|e| anyhow::anyhow!("{path}: {e}"))?;
    let segmenter = SegmenterBuilder::new(lang.clone()).build().with_context(|| format!("{path}: cannot segment"))?;
    let segments = segmenter.segment(&doc.text);
    Ok(Release { name: path.to_string(), doc, lang: lang.clone(), segments })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn language_from_file_name() {
        assert_eq!(language_of("a/release.es.txt", None).unwrap().as_str(), "es");
        assert_eq!(language_of("x.en-GB.txt", None).unwrap().as_str(), "en-GB");
        assert!(language_of("release.txt", None).is_err());
    }
}
