//! memoria-leverage: what the commands compute from a release and a TM.
//!
//! A [`release::Release`] is a document read through its filter
//! (`memoria_formats::filter`) and segmented. [`units::units`] turns its
//! segments into translation [`units::Unit`]s, each with the
//! [`units::Candidate`]s a [`units::Supplier`] gives (the TM through
//! [`units::TmSupplier`], or the translations of an XLIFF file), looking each
//! distinct segment up once. From the units, [`analysis`] counts words per
//! match band, [`qa`] runs the QA checks, and [`codes`] puts the release's
//! inline codes into a TM target that lacks them; [`terms`] finds a
//! glossary's terms in segments (Aho–Corasick over stemmed words). The crate knows neither
//! SQL nor the terminal: the CLI and the review server print what it returns.
//!
//! ```
//! use memoria_core::lang::LangTag;
//! use memoria_core::segment::SegmenterBuilder;
//! use memoria_core::tu::{Tu, Tuv};
//! use memoria_leverage::release::Release;
//! use memoria_leverage::units::{units, TmSupplier};
//! use memoria_store::{Provenance, Tm};
//! let (es, en) = (LangTag::new("es").unwrap(), LangTag::new("en").unwrap());
//! let mut tm = Tm::open_in_memory().unwrap();
//! let mut imp = tm.import().unwrap();
//! let tu = Tu { tuvs: vec![Tuv::plain(es.clone(), "Hola."), Tuv::plain(en.clone(), "Hello.")], ..Tu::default() };
//! imp.add(&tu, &Provenance::default()).unwrap();
//! imp.commit().unwrap();
//! let seg = SegmenterBuilder::new(es.clone()).build().unwrap();
//! let rel = Release::from_text("r.es.txt", "Hola. Adiós.\n", &es, &seg);
//! let u = units(&rel, &TmSupplier { tm: &tm, from: es, to: en }, 75, 5).unwrap();
//! assert_eq!(u[0].best().unwrap().target.plain_text(), "Hello.");
//! assert!(u[1].best().is_none());
//! ```

pub mod analysis;
pub mod codes;
pub mod language;
pub mod merge;
pub mod qa;
pub mod release;
pub mod terms;
pub mod units;
