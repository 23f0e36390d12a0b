//! TBX and CSV glossaries: readers and a writer of
//! [`memoria_core::term::TermEntry`].
//!
//! - [`TbxReader`] streams the term entries of a TBX file one at a time:
//!   TBX 2008 (ISO 30042:2008, root `<martif>`, entries `<termEntry>` with
//!   `<langSet>` and term groups `<tig>` or `<ntig><termGrp>`) and TBX v3
//!   (ISO 30042:2019, root `<tbx>`, namespace `urn:iso:std:iso:30042:ed-2`,
//!   `<conceptEntry>/<langSec>/<termSec>`, dialects TBX-Basic and TBX-Core,
//!   DCA style). Any encoding XML allows; elements nested at most
//!   [`MAX_DEPTH`] deep, one field's text at most [`MAX_TEXT`] bytes; a
//!   DOCTYPE that declares entities is refused and no entity but XML's own
//!   five and character references is ever expanded.
//! - [`write_tbx`] writes TBX v3 TBX-Basic in the DCA style, structured like
//!   the LTAC TBX-Basic sample; reading it back gives the same entries.
//! - [`CsvReader`] reads CSV or TSV glossaries whose header row names
//!   language tags (`es,en,fr`) and optional columns (`id`, `subject`,
//!   `definition`, `note`, `do-not-translate`, `LANG:status`…).
//!
//! Errors name the file, line and column and what was expected.
//!
//! ```
//! use memoria_formats::tbx::{write_tbx, TbxReader};
//! let src = br#"<martif type="TBX"><text><body><termEntry id="t1"><langSet xml:lang="es">
//!   <tig><term>trata de personas</term></tig></langSet><langSet xml:lang="en">
//!   <tig><term>trafficking in persons</term>
//!   <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></tig></langSet>
//!   </termEntry></body></text></martif>"#;
//! let mut r = TbxReader::from_bytes(src.to_vec(), "g.tbx").unwrap();
//! let e = r.next_entry().unwrap().unwrap();
//! assert_eq!(e.terms[1].text, "trafficking in persons");
//! let out = write_tbx(std::slice::from_ref(&e), "en");
//! let back = TbxReader::from_bytes(out.into_bytes(), "out.tbx").unwrap().next_entry().unwrap().unwrap();
//! assert_eq!(back, e);
//! ```

mod csv;
mod read;
mod write;

pub use self::csv::CsvReader;
pub use read::{Dialect, TbxReader};
pub use write::{write_tbx, TbxWriter, TBX3_NAMESPACE};

/// Deepest element nesting a TBX file may have (real files: about 8).
pub const MAX_DEPTH: usize = 64;
/// Largest text of one field or term, in bytes (1 MiB).
pub const MAX_TEXT: usize = 1 << 20;
/// Most terms one entry may hold.
pub const MAX_TERMS: usize = 10_000;

/// Opens the glossary file at `path` and gives it with its name for errors;
/// a file that cannot be opened is an error at line 1, column 1.
fn open_file(path: &std::path::Path) -> Result<(std::fs::File, String), GlossaryError> {
    let name = path.display().to_string();
    match std::fs::File::open(path) {
        Ok(f) => Ok((f, name)),
        Err(e) => Err(GlossaryError { file: name, line: 1, column: 1, what: format!("cannot read: {e}") }),
    }
}

/// A glossary that cannot be read: the file, 1-based line and column
/// (characters), and what was found and expected.
#[derive(Debug, thiserror::Error, Clone, PartialEq, Eq)]
#[error("{file}:{line}:{column}: {what}")]
pub struct GlossaryError {
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub what: String,
}

/// An entry or term left out of an import, and why.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Skipped {
    /// Where it starts: 1-based line of the file.
    pub line: usize,
    /// The entry's id, if it has one.
    pub entry: Option<String>,
    /// Why it was left out (`no term`, `invalid language tag "x y"`…).
    pub reason: String,
}
