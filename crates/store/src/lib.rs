//! memoria-store: the translation memory behind one trait.
//!
//! A [`Tm`] is the handle every command holds; behind it is a
//! [`TmBackend`] — today the embedded default, one SQLite file
//! ([`Tm::open`]); a team's server is another implementation of the same
//! trait. TUs go in through an [`Import`] (one transaction: all or nothing;
//! [`Import::add`] one at a time, [`Import::add_all`] through the backend's
//! bulk path from a producer thread), come back out through [`Tm::export`]
//! (an iterator), and are found for a new segment by [`Tm::lookup`], which
//! returns ranked [`Match`]es with a 0–100 score
//! ([`memoria_core::score::score`]; 101 for a context match). The SQLite
//! backend reads a persistent index of words and short-key skeletons with
//! work bounded by the query, never a scan of the TM, verifies candidates
//! with a bit-parallel edit distance on normalised, placeable-masked text
//! ([`memoria_core::normalize::MatchForm`]), and substitutes changed
//! placeables into the target. [`Tm::concordance`] searches phrases. Each
//! collection's TMX header is kept too ([`Import::set_header`],
//! [`Tm::header`]); so are glossaries' term entries ([`Tm::import_terms`],
//! [`Tm::term_entries`], [`terms`]). The store knows no file format: it takes and gives
//! [`memoria_core::tu::Tu`]s; SQL lives only in its backend's folder. The
//! score and the index are described in the crate's README.md.
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

mod backend;
mod candidates;
mod concordance;
mod error;
mod exhaustive;
mod lookup;
mod maintain;
mod model;
pub mod postgres;
pub mod sqlite;
pub mod terms;
mod tm;

pub use backend::{FeedError, ImportSession, Producer, Stopped, TmBackend, TuSink};
pub use error::{ErrorKind, StoreError};
pub use lookup::LookupTrace;
pub use maintain::{
    Action, AuditRecord, Author, Change, ChangedTu, Inconsistency, InconsistencyKind, InconsistentVariant, Selection,
    TargetEdit, TextQuery, TuSummary,
};
pub use memoria_core::score::Difference;
pub use model::{
    band, CollectionCount, ConcordanceHit, ExportFilter, ImportOptions, ImportReport, LanguageCount, Match, OnConflict,
    PairCount, Provenance, Query, StoredTu, VerifyReport,
};
pub use sqlite::schema::SCHEMA_VERSION;
pub use terms::{StoredEntry, TermCounts, TermFilter, TermImportReport, TermProducer, TermSession, TermSink};
pub use tm::{Import, Tm};
