//! Fuzzes the HTML reader: any text is tokenised and its text extracted with
//! a byte map back into the raw input; the extracted text is then segmented.
//! Every mapped range must lie inside the input, on char boundaries.
#![no_main]

use libfuzzer_sys::fuzz_target;
use memoria_core::lang::LangTag;
use memoria_core::segment::{html, SegmenterBuilder};

fuzz_target!(|data: &[u8]| {
    let raw = String::from_utf8_lossy(data);
    let x = html::extract(&raw);
    assert_eq!(x.starts.len(), x.text.len());
    assert_eq!(x.ends.len(), x.text.len());
    for (&s, &e) in x.starts.iter().zip(&x.ends) {
        assert!(s <= e && e <= raw.len());
    }
    let seg = SegmenterBuilder::new(LangTag::new("en").unwrap()).build().unwrap();
    for s in seg.segment(&x.text) {
        let _ = s.text(&x.text);
    }
});
