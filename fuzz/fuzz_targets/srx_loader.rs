//! Fuzzes the SRX loader and rule compiler: parse any text as SRX, pick the
//! rules for a few languages, compile them and segment a short text. Invalid
//! XML or patterns must be errors; catastrophic patterns must stay bounded.
#![no_main]

use libfuzzer_sys::fuzz_target;
use memoria_core::lang::LangTag;
use memoria_core::segment::{srx::Srx, SegmenterBuilder};

const TEXT: &str = "El Sr. Pérez llegó a las 10.30 h. Luego se fue.\nNotes to Editors\nDr. Smith said: \"Yes!\" Then? aaaa";

fuzz_target!(|data: &[u8]| {
    let Ok(xml) = std::str::from_utf8(data) else { return };
    let Ok(srx) = Srx::parse(xml, "fuzz.srx") else { return };
    for lang in ["es", "en-GB", "xx"] {
        let tag = LangTag::new(lang).expect("valid tag");
        if let Ok(seg) = SegmenterBuilder::new(tag).rules(srx.clone()).build() {
            for s in seg.segment(TEXT) {
                assert!(s.start < s.end && s.end <= TEXT.len());
                let _ = s.text(TEXT);
            }
        }
    }
});
