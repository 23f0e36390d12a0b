//! memoria-formats: the file formats memoria reads and writes, each a reader
//! and a writer of the same core types.
//!
//! - [`tmx`]: TMX 1.4b. A [`tmx::TmxReader`] streams a file (any encoding)
//!   as a [`Header`](memoria_core::tu::Header) and one
//!   [`Tu`](memoria_core::tu::Tu) at a time; a [`tmx::TmxWriter`] writes the
//!   same model back, losslessly.
//! - [`xliff`]: XLIFF 1.2 and 2.1 writers of a pre-translated release
//!   ([`xliff::Doc`] → [`xliff::Unit`] → [`xliff::Candidate`]) and a reader
//!   of the units of any XLIFF 1.2/2.x file.
//! - [`tbx`]: glossaries. A [`tbx::TbxReader`] streams the term entries
//!   ([`TermEntry`](memoria_core::term::TermEntry)) of TBX 2008 and TBX v3
//!   files, [`tbx::CsvReader`] those of CSV/TSV glossaries, and
//!   [`tbx::write_tbx`] writes TBX v3 TBX-Basic.
//! - [`filter`]: documents (plain text, HTML): `extract` turns a document's
//!   bytes into segments with inline codes and a skeleton, `merge` puts
//!   translated segments back ([`filter::Filter`]).
//! - [`xml`]: the one XML escaping path every writer uses.
//!
//! The crate knows no TM and no SQL: it depends on `memoria-core` only.
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

pub mod filter;
pub mod sniff;
pub mod tbx;
pub mod tmx;
pub mod xliff;
pub mod xml;
