//! Fuzzes the HTML reader: any text is tokenised and its text extracted with
//! a byte map back into the raw input; the extracted text is then segmented.
//! Every mapped range must lie inside the input, on char boundaries, and
//! every segment's content (text with inline codes) and raw span be well-formed.
#![no_main]

use libfuzzer_sys::fuzz_target;
use memoria_core::lang::LangTag;
use memoria_core::segment::SegmenterBuilder;
use memoria_formats::filter::{html, Filter, HtmlFilter};

fuzz_target!(|data: &[u8]| {
    let raw = String::from_utf8_lossy(data);
    let x = html::extract(&raw);
    assert_eq!(x.starts.len(), x.text.len());
    assert_eq!(x.ends.len(), x.text.len());
    for (&s, &e) in x.starts.iter().zip(&x.ends) {
        assert!(s <= e && e <= raw.len());
    }
    for c in &x.codes {
        assert!(c.at <= x.text.len() && c.raw.end <= raw.len());
    }
    let seg = SegmenterBuilder::new(LangTag::new("en").unwrap()).build().unwrap();
    let doc = HtmlFilter.extract(raw.as_bytes()).unwrap();
    for s in seg.segment(&doc.text) {
        let _ = s.text(&doc.text);
        // Every segment's content and raw span are well-formed.
        let _ = doc.content(s.start..s.end).match_text();
        let r = doc.source_range(s.start..s.end);
        assert!(r.start <= r.end && r.end <= raw.len());
    }
});
