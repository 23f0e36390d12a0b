//! Fuzzes the segmenter with the default rules: any UTF-8 text, Spanish and
//! English. Segments must be non-empty, in order, on char boundaries and
//! trimmed.
#![no_main]

use libfuzzer_sys::fuzz_target;
use memoria_core::lang::LangTag;
use memoria_core::segment::SegmenterBuilder;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let lang = if data.first().is_some_and(|b| b & 1 == 1) { "en" } else { "es" };
    let seg = SegmenterBuilder::new(LangTag::new(lang).unwrap()).build().unwrap();
    let mut last = 0;
    for s in seg.segment(&text) {
        assert!(s.start >= last && s.start < s.end && s.end <= text.len());
        let piece = s.text(&text);
        assert_eq!(piece, piece.trim());
        last = s.end;
    }
});
