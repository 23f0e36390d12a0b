//! memoria-store: the translation memory in one SQLite file.
//!
//! A [`Tm`] is opened on a file ([`Tm::open`]); TUs go in through an
//! [`Import`] (one transaction: all or nothing), come back out through
//! [`Tm::export`], and are found for a new segment by [`Tm::lookup`], which
//! returns ranked [`Match`]es with a 0–100 score ([`score::score`]; 101 for a
//! context match). Lookup reads a persistent index of words and short-key
//! skeletons kept in SQLite ([`index`]) with work bounded by the query, never
//! a scan of the TM, verifies candidates with a bit-parallel edit distance
//! ([`score::Pattern`]) on normalised, placeable-masked text
//! ([`normalize::MatchForm`]), and substitutes changed placeables into the
//! target. [`Tm::concordance`] searches phrases with FTS5 trigrams. Each
//! collection's TMX header is kept too ([`Import::set_header`],
//! [`Tm::header`]), so an export can give it back. The store
//! knows SQL but no file format: it takes and gives
//! [`memoria_core::tu::Tu`]s. The score and the index are described in the
//! crate's README.md.
//!
//! ```
//! use memoria_core::{lang::LangTag, tu::{Tu, Tuv}};
//! use memoria_store::{Provenance, Query, Tm};
//! let es = LangTag::new("es").unwrap();
//! let en = LangTag::new("en").unwrap();
//! let mut tm = Tm::open_in_memory().unwrap();
//! let mut import = tm.import().unwrap();
//! let tu = Tu { tuvs: vec![Tuv::plain(es.clone(), "Hola, mundo."), Tuv::plain(en.clone(), "Hello, world.")], ..Tu::default() };
//! import.add(&tu, &Provenance::default()).unwrap();
//! import.commit().unwrap();
//! let matches = tm.lookup(&Query::new("Hola, mundo.", es.clone(), en.clone())).unwrap();
//! assert_eq!(matches[0].score, 100);
//! assert_eq!(matches[0].target.plain_text(), "Hello, world.");
//! let case_only = tm.lookup(&Query::new("hola, Mundo.", es, en)).unwrap();
//! assert_eq!(case_only[0].score, 99);
//! ```

mod bloom;
mod candidates;
mod error;
mod export;
mod header;
mod import;
pub mod index;
mod insert;
mod keys;
mod lookup;
pub mod normalize;
mod prepare;
mod schema;
pub mod score;
mod tm;

pub use error::StoreError;
pub use export::{ConcordanceHit, ExportFilter, LanguageCount};
pub use header::CollectionCount;
pub use import::{context_hash, Import, ImportOptions, OnConflict};
pub use index::PostingChunk;
pub use lookup::LookupTrace;
pub use prepare::{PreparedTu, Preparer};
pub use schema::SCHEMA_VERSION;
pub use score::Difference;
pub use tm::{band, ImportReport, Match, PairCount, Provenance, Query, Tm};
