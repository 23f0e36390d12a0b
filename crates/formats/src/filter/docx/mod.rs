//! The Word filter: the text of a WordprocessingML package (`.docx`,
//! `.docm`, `.dotx`), its formatting as inline codes, and the translated
//! package back.
//!
//! Parts read, in this order: the main document `word/document.xml`, then
//! `word/header*.xml`, `word/footer*.xml`, `word/footnotes.xml`,
//! `word/endnotes.xml` (ECMA-376 Part 1 §11.3). Comments are not read. Every
//! paragraph (`w:p`, §17.3.1.22) with text is one paragraph of
//! [`Document::text`], paragraphs separated by `\n\n`: body paragraphs,
//! table cells in row order, text boxes (`w:txbxContent` inside a drawing,
//! its copy in `mc:Fallback` skipped), headers, footers, notes.
//!
//! Inside a paragraph: `w:t` is text; `w:ins`/`w:moveTo` are read as text
//! and `w:del`/`w:moveFrom` skipped (the text as it stands with every
//! tracked change accepted, §17.13.5); `w:proofErr`,
//! `w:lastRenderedPageBreak` and bookmarks are not content. Neighbouring
//! runs (`w:r`) whose run properties (`w:rPr`) are equal once `w:rsid*`
//! attributes, `w:lang` and `w:noProof` are ignored are one run; the
//! paragraph's most used properties are its base, and a span with other
//! properties becomes a pair of codes (the open holds the run's `<w:r>` and
//! `<w:rPr>`, the close its `</w:r>`); a hyperlink (`w:hyperlink`) is a pair
//! of codes around its text. Standalone codes: tabs, breaks, drawings (and
//! text boxes), footnote and endnote references, symbols, a complex field's
//! code (`w:fldChar` begin to separate, §17.16.18, its result read as text),
//! a simple field (`w:fldSimple`), math, hidden runs (`w:vanish`).
//!
//! [`Document`]'s map: `raw` is the text of the parts read, one after the
//! other; each text byte maps to its `w:t` text node; code ranges are in the
//! same text. Merging re-reads the package the document keeps, rewrites the
//! runs of each paragraph with a fill (text in runs with the base or the
//! span's properties, `xml:space="preserve"`, codes in the target's order:
//! runs are flat, so a target's order never nests elements wrongly; a
//! hyperlink is closed before another opens), keeps the paragraph's
//! bookmarks and comment ranges around it, and writes the zip: every entry
//! whose text is unchanged is copied raw (its compressed bytes as they were).

use super::document::{Document, PackageInfo, SourceMap};
use super::package::write_package;
use super::{Fill, Filter, FilterError};
use layout::{lay_out, Laid};
use parse::{parse_package, Parsed};
use write::Writer;

mod layout;
mod parse;
#[cfg(test)]
mod tests;
mod write;

/// Word packages (`.docx`, `.docm`, `.dotx`), chosen by content. The
/// default leaves comments out; [`DocxFilter::with_comments`] reads them.
#[derive(Clone, Copy, Debug, Default)]
pub struct DocxFilter {
    /// Read `word/comments.xml` as text too (after the notes).
    pub comments: bool,
}

impl DocxFilter {
    /// The filter reading comments (`word/comments.xml`) as text too.
    pub fn with_comments() -> DocxFilter {
        DocxFilter { comments: true }
    }
}

impl Filter for DocxFilter {
    fn name(&self) -> &'static str {
        "docx"
    }

    fn extract(&self, bytes: &[u8]) -> Result<Document, FilterError> {
        let parsed = parse_package(bytes, self.comments)?;
        let laid = lay_out(&parsed, true);
        let info = package_info(bytes, &parsed, &laid, self.comments);
        let map = SourceMap { raw: parsed.raw, bytes: laid.map, codes: laid.codes };
        Ok(Document::marked_up(laid.text, 0, map).with_package(info))
    }

    fn merge(&self, doc: &Document, fills: &[Fill]) -> Result<Vec<u8>, FilterError> {
        merge(doc, fills, None)
    }

    fn merge_to_language(&self, doc: &Document, fills: &[Fill], lang: &str) -> Result<Vec<u8>, FilterError> {
        merge(doc, fills, Some(lang))
    }
}

/// The package facts of a read Word document: parts, paragraph places,
/// what to tell the user.
fn package_info(bytes: &[u8], parsed: &Parsed, laid: &Laid, comments: bool) -> PackageInfo {
    let mut places = Vec::new();
    let mut part = 0;
    for (i, p) in laid.paras.iter().enumerate() {
        while part + 1 < parsed.first_para.len() && parsed.first_para[part + 1] <= i {
            part += 1;
        }
        if let Some((range, _)) = p {
            places.push((range.start, part as u32, (i - parsed.first_para[part] + 1) as u32));
        }
    }
    let mut notices = Vec::new();
    let [ins, del] = parsed.changes;
    if ins + del > 0 {
        notices.push(format!(
            "{} tracked changes ({ins} insertions, {del} deletions) read as accepted: inserted text is \
             extracted, deleted text is not",
            ins + del
        ));
    }
    if parsed.comments_left {
        notices.push("its comments (word/comments.xml) are not extracted; give --comments to translate them".into());
    }
    PackageInfo {
        bytes: bytes.into(),
        format: "docx",
        comments,
        parts: parsed.parts.iter().map(|p| p.0.clone()).collect(),
        part_starts: parsed.parts.iter().map(|p| p.1.start).collect(),
        places,
        notices,
    }
}

/// [`Filter::merge`], with the runs of the filled text marked as language
/// `lang` (a BCP 47 tag in `w:lang`'s `w:val`, ECMA-376 Part 1 §17.3.2.20),
/// so that Word checks the translation's spelling in the target language,
/// and the document's default language (every `w:lang` of
/// `word/styles.xml`) set to `lang`.
pub fn merge_to_language(doc: &Document, fills: &[Fill], lang: &str) -> Result<Vec<u8>, FilterError> {
    merge(doc, fills, Some(lang))
}

fn merge(doc: &Document, fills: &[Fill], lang: Option<&str>) -> Result<Vec<u8>, FilterError> {
    let (bytes, comments) = match doc.package_info() {
        Some(info) if info.format == "docx" => (&*info.bytes, info.comments),
        _ => {
            return Err(FilterError::Package {
                part: "the document".into(),
                problem: "was not read from a Word package; expected a document extracted by the docx filter".into(),
            })
        }
    };
    let parsed = parse_package(bytes, comments)?;
    let laid = lay_out(&parsed, true);
    if laid.text != doc.text {
        return Err(FilterError::Package {
            part: "word/document.xml".into(),
            problem: "reads differently from the extracted document; expected the same package".into(),
        });
    }
    let paras: Vec<_> = laid
        .paras
        .iter()
        .zip(&parsed.paras)
        .map(|(l, p)| (l.as_ref().map(|l| l.0.clone()), p.region.clone()))
        .collect();
    let edits = super::rewrite::plan_edits(doc, &paras, fills);
    let mut changed: Vec<(String, String)> = Vec::new();
    for (name, range) in &parsed.parts {
        let mut out = String::with_capacity(range.len() + 64);
        let w = Writer { raw: &parsed.raw, edits: &edits, parsed: &parsed, laid: &laid, lang };
        w.emit(range.clone(), &mut out);
        if out != parsed.raw[range.clone()] {
            changed.push((name.clone(), out));
        }
    }
    if let Some(lang) = lang {
        let mut pkg = super::package::Package::open(bytes)?;
        if let Some(styles) = pkg.read("word/styles.xml")? {
            let out = write::styles_to_language(&styles, lang);
            if out != styles {
                changed.push(("word/styles.xml".into(), out));
            }
        }
    }
    write_package(bytes, &changed)
}

/// The document as it reads without run merging: every run whose `w:rPr`
/// (as written, revision ids and language included) differs from the
/// paragraph's most used one is a pair of codes of its own, as filters
/// without merging give it (the "tag soup"). For measuring what
/// [`DocxFilter`]'s merging saves; it cannot be merged back.
pub fn extract_without_run_merging(bytes: &[u8]) -> Result<Document, FilterError> {
    let parsed = parse_package(bytes, false)?;
    let laid = lay_out(&parsed, false);
    let map = SourceMap { raw: parsed.raw, bytes: laid.map, codes: laid.codes };
    Ok(Document::marked_up(laid.text, 0, map))
}

/// The parts of a Word package that hold translatable text, in reading
/// order (comments last, when `comments`).
fn text_parts(names: &[String], comments: bool) -> Vec<String> {
    let mut out = vec!["word/document.xml".to_string()];
    for prefix in ["word/header", "word/footer"] {
        let mut v: Vec<&String> =
            names.iter().filter(|n| n.starts_with(prefix) && n.ends_with(".xml") && !n[5..].contains('/')).collect();
        // header2.xml before header10.xml.
        v.sort_by_key(|n| (n.len(), n.to_string()));
        out.extend(v.into_iter().cloned());
    }
    let comments = if comments { "word/comments.xml" } else { "" };
    for n in ["word/footnotes.xml", "word/endnotes.xml", comments] {
        if names.iter().any(|x| x == n) {
            out.push(n.to_string());
        }
    }
    out
}

fn err(part: &str, problem: impl Into<String>) -> FilterError {
    FilterError::Package { part: part.to_string(), problem: problem.into() }
}
