//! Fuzzes the streaming TMX reader: any bytes, recover and strict mode. The
//! reader must return TUs or an error, never panic, hang or blow the stack.
#![no_main]

use libfuzzer_sys::fuzz_target;
use memoria_formats::tmx::{ReadOptions, TmxReader};

fuzz_target!(|data: &[u8]| {
    for strict in [false, true] {
        let Ok(mut r) = TmxReader::from_bytes(data.to_vec(), "fuzz.tmx", ReadOptions { strict, ..ReadOptions::default() }) else {
            continue;
        };
        // A TU cannot be smaller than a byte of input: bound the loop by it.
        for _ in 0..=data.len() {
            match r.next_tu() {
                Ok(Some(tu)) => {
                    for v in &tu.tuvs {
                        let _ = v.seg.match_text();
                        let _ = v.seg.plain_text();
                    }
                }
                Ok(None) | Err(_) => break,
            }
        }
    }
});
