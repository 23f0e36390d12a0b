//! Fuzzes the segmenter with the default rules: any UTF-8 text, Spanish and
//! English. Segments must be non-empty, in order, on char boundaries and
//! trimmed. The two segmenters are built once (building compiles the rule
//! set, which is the srx_loader target's business), so every run segments.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use memoria_core::lang::LangTag;
use memoria_core::segment::{Segmenter, SegmenterBuilder};

fn segmenter(lang: &'static str) -> Segmenter {
    SegmenterBuilder::new(LangTag::new(lang).unwrap()).build().unwrap()
}

static EN: OnceLock<Segmenter> = OnceLock::new();
static ES: OnceLock<Segmenter> = OnceLock::new();

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let seg = if data.first().is_some_and(|b| b & 1 == 1) {
        EN.get_or_init(|| segmenter("en"))
    } else {
        ES.get_or_init(|| segmenter("es"))
    };
    let mut last = 0;
    for s in seg.segment(&text) {
        assert!(s.start >= last && s.start < s.end && s.end <= text.len());
        let piece = s.text(&text);
        assert_eq!(piece, piece.trim());
        last = s.end;
    }
});
