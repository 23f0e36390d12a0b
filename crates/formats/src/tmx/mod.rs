//! TMX 1.4b: a streaming reader and a writer, both lossless.
//!
//! A [`TmxReader`] turns a file (any encoding: BOM, then declaration, then
//! UTF-8; see [`decode`]) into a [`Header`](memoria_core::tu::Header) and then
//! one [`Tu`](memoria_core::tu::Tu) at a time, keeping every attribute, prop,
//! note, `ude` and inline code; problems become [`Warnings`] (recover mode) or
//! the first [`TmxError`] ([`ReadOptions::strict`]). A [`TmxWriter`] emits
//! the same model as TMX 1.4b in UTF-8 or UTF-16LE with a BOM.
//!
//! ```
//! use memoria_formats::tmx::{ReadOptions, TmxReader, TmxWriter, WriteOptions};
//! let src = br#"<tmx version="1.4"><header srclang="en" segtype="sentence"/><body>
//!   <tu><tuv xml:lang="en"><seg>A <ph x="1">&lt;br/&gt;</ph> b</seg></tuv></tu></body></tmx>"#;
//! let mut r = TmxReader::from_bytes(src.to_vec(), "in.tmx", ReadOptions::default()).unwrap();
//! let mut w = TmxWriter::new(Vec::new(), WriteOptions::default());
//! w.write_header(r.header()).unwrap();
//! while let Some(tu) = r.next_tu().unwrap() {
//!     w.write_tu(&tu).unwrap();
//! }
//! let out = String::from_utf8(w.finish().unwrap()).unwrap();
//! assert!(out.contains(r#"<seg>A <ph x="1">&lt;br/&gt;</ph> b</seg>"#));
//! ```

pub mod decode;
pub mod error;
pub mod limit;
pub mod reader;
pub mod text;
pub mod writer;

pub use error::{Location, TmxError, Warning, WarningKind, Warnings};
pub use reader::{ReadOptions, TmxReader};
pub use writer::{OutputEncoding, TmxWriter, WriteOptions};

/// A xorshift64 generator (Marsaglia 2003) of numbers below `n`, for the
/// reader's randomised tests: random enough, and the same every run.
#[cfg(test)]
pub(crate) fn xorshift(mut x: u64) -> impl FnMut(usize) -> usize {
    move |n| {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        (x % n as u64) as usize
    }
}
