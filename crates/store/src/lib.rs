//! memoria-store: the translation memory in one SQLite file.
//!
//! A [`Tm`] is opened on a file ([`Tm::open`]); TUs go in through an
//! [`Import`] (one transaction: all or nothing), come back out through
//! [`Tm::export`], and are found for a new segment by [`Tm::lookup`], which
//! returns ranked [`Match`]es with a 0–100 score ([`score`]). The store knows SQL
//! but no file format: it takes and gives [`memoria_core::tu::Tu`]s.
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
//! let matches = tm.lookup(&Query::new("Hola, mundo.", es, en)).unwrap();
//! assert_eq!(matches[0].score, 100);
//! assert_eq!(matches[0].target.plain_text(), "Hello, world.");
//! ```

mod error;
pub mod normalize;
pub mod score;
mod tm;

pub use error::StoreError;
pub use tm::{
    band, ExportFilter, Import, ImportOptions, ImportReport, Match, OnConflict, PairCount, Provenance, Query, Tm,
};
