//! The plain-text filter: a UTF-8 release as it is. Extraction never
//! rewrites the text (segments are byte ranges of the file minus its BOM);
//! merging writes each filled segment's target text (inline codes of the
//! TM dropped: a text file has none) over the segment's bytes.

use super::document::Document;
use super::{Fill, Filter, FilterError};

/// Plain UTF-8 text (BOM and CRLF allowed).
pub struct TextFilter;

impl Filter for TextFilter {
    fn name(&self) -> &'static str {
        "text"
    }

    fn extract(&self, bytes: &[u8]) -> Result<Document, FilterError> {
        Ok(Document::from_bytes(bytes)?)
    }

    fn extract_owned(&self, bytes: Vec<u8>) -> Result<Document, FilterError> {
        Ok(Document::from_vec(bytes)?)
    }

    fn merge(&self, doc: &Document, fills: &[Fill]) -> Result<Vec<u8>, FilterError> {
        let mut out = String::with_capacity(doc.text.len() + doc.bom_len);
        if doc.bom_len > 0 {
            out.push('\u{FEFF}');
        }
        let mut at = 0;
        for f in fills {
            let r = f.range.clone();
            if r.start < at || r.start >= r.end || r.end > doc.text.len() {
                continue;
            }
            out.push_str(&doc.text[at..r.start]);
            out.push_str(&f.target.plain_text());
            at = r.end;
        }
        out.push_str(&doc.text[at..]);
        Ok(out.into_bytes())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use memoria_core::content::Content;

    #[test]
    fn merge_replaces_filled_ranges_and_keeps_the_rest_and_the_bom() {
        let doc = TextFilter.extract("\u{FEFF}Hola.\nAdiós, mundo.\n".as_bytes()).unwrap();
        assert_eq!(doc.text, "Hola.\nAdiós, mundo.\n");
        let fills = [Fill { range: 6..20, target: Content::from_text("Goodbye, world.") }];
        let out = TextFilter.merge(&doc, &fills).unwrap();
        assert_eq!(String::from_utf8(out).unwrap(), "\u{FEFF}Hola.\nGoodbye, world.\n");
    }
}
