//! CSV and TSV glossaries: a header row naming language tags, one entry a row.
//!
//! The header's cells are language tags (`es`, `en-US`: a 2- or 3-letter
//! language subtag), per-language columns `LANG:status`, `LANG:pos`,
//! `LANG:type`, `LANG:note`, `LANG:case` (`yes` = case-sensitive), and entry
//! columns `id`, `subject`, `definition`, `note`, `do-not-translate`
//! (case-insensitive). A cell may hold synonyms separated by ` | `; a
//! `LANG:status` cell with as many parts gives each synonym its own status.
//! The delimiter is a tab when the header holds one, else `;` when it holds
//! one and no comma, else a comma (RFC 4180 quoting). A row without an `id`
//! gets `STEM-LINE` (the file's name without extension, the row's line).

use super::{GlossaryError, Skipped};
use memoria_core::lang::LangTag;
use memoria_core::term::{Status, Term, TermEntry};
use std::io::Read;
use std::sync::atomic::AtomicU64;
use std::sync::Arc;

/// What a column holds.
#[derive(Clone, Debug, PartialEq)]
enum Col {
    Id,
    Subject,
    Definition,
    Note,
    DoNotTranslate,
    Term(LangTag),
    Status(LangTag),
    Pos(LangTag),
    Type(LangTag),
    TermNote(LangTag),
    Case(LangTag),
}

/// Reads the entries of a CSV/TSV glossary one row at a time.
pub struct CsvReader {
    r: csv::Reader<Box<dyn Read + Send>>,
    name: String,
    stem: String,
    cols: Vec<Col>,
    record: csv::StringRecord,
    skipped: Vec<Skipped>,
}

/// A language tag whose language subtag has 2 or 3 letters (`English` is not one).
fn lang_tag(s: &str) -> Option<LangTag> {
    let primary = s.split(['-', '_']).next()?;
    if !(2..=3).contains(&primary.len()) || !primary.chars().all(|c| c.is_ascii_alphabetic()) {
        return None;
    }
    LangTag::parse(s).ok().map(|(l, _)| l)
}

fn column(cell: &str) -> Option<Col> {
    let c = cell.trim();
    let lower = c.to_ascii_lowercase();
    Some(match lower.as_str() {
        "id" | "entry" | "entry id" => Col::Id,
        "subject" | "subject field" | "subjectfield" | "domain" => Col::Subject,
        "definition" => Col::Definition,
        "note" | "notes" => Col::Note,
        "do-not-translate" | "do not translate" | "dnt" | "untranslatable" => Col::DoNotTranslate,
        _ => match c.split_once(':') {
            Some((l, what)) => {
                let l = lang_tag(l.trim())?;
                match what.trim().to_ascii_lowercase().as_str() {
                    "status" => Col::Status(l),
                    "pos" | "part of speech" => Col::Pos(l),
                    "type" => Col::Type(l),
                    "note" | "notes" => Col::TermNote(l),
                    "case" | "case-sensitive" => Col::Case(l),
                    _ => return None,
                }
            }
            None => Col::Term(lang_tag(c)?),
        },
    })
}

impl CsvReader {
    /// Opens the glossary at `path`.
    pub fn open(path: &std::path::Path) -> Result<CsvReader, GlossaryError> {
        let (f, name) = super::open_file(path)?;
        CsvReader::new(f, &name)
    }

    /// Reads `src` (UTF-8 or UTF-16 with a byte-order mark); `name` names it
    /// in errors and gives the stem of generated ids. Reads the header row.
    pub fn new(src: impl Read + Send + 'static, name: &str) -> Result<CsvReader, GlossaryError> {
        let err = |line, column, what: String| GlossaryError { file: name.to_string(), line, column, what };
        let (mut utf8, _) = crate::tmx::decode::utf8_source(src, Arc::new(AtomicU64::new(0)))
            .map_err(|e| err(1, 1, format!("cannot read: {e}")))?;
        // The header line, to choose the delimiter.
        let mut head = Vec::new();
        let mut byte = [0u8; 1];
        while head.len() < 1 << 16 {
            match utf8.read(&mut byte) {
                Ok(0) => break,
                Ok(_) => {
                    head.push(byte[0]);
                    if byte[0] == b'\n' {
                        break;
                    }
                }
                Err(e) => return Err(err(1, 1, format!("cannot read: {e}"))),
            }
        }
        let delimiter = if head.contains(&b'\t') {
            b'\t'
        } else if head.contains(&b';') && !head.contains(&b',') {
            b';'
        } else {
            b','
        };
        let all: Box<dyn Read + Send> = Box::new(std::io::Cursor::new(head).chain(utf8));
        let mut r = csv::ReaderBuilder::new().delimiter(delimiter).flexible(true).has_headers(false).from_reader(all);
        let mut header = csv::StringRecord::new();
        let got = r.read_record(&mut header).map_err(|e| err(1, 1, format!("unreadable header row: {e}")))?;
        if !got || header.iter().all(|c| c.trim().is_empty()) {
            return Err(err(1, 1, "empty file; expected a header row of language tags such as `es,en,fr`".into()));
        }
        let mut cols = Vec::new();
        let mut col_no = 1;
        for cell in header.iter() {
            let Some(c) = column(cell) else {
                return Err(err(
                    1,
                    col_no,
                    format!(
                        "header cell {cell:?} is neither a language tag (es, en-US) nor one of id, subject, \
                         definition, note, do-not-translate, LANG:status, LANG:pos, LANG:type, LANG:note, LANG:case"
                    ),
                ));
            };
            if cols.contains(&c) {
                return Err(err(1, col_no, format!("header cell {cell:?} names a column twice")));
            }
            cols.push(c);
            col_no += cell.chars().count() + 1;
        }
        if !cols.iter().any(|c| matches!(c, Col::Term(_))) {
            return Err(err(1, 1, "the header names no language; expected language tags such as `es,en,fr`".into()));
        }
        let stem = std::path::Path::new(name).file_stem().map_or("csv".into(), |s| s.to_string_lossy().into_owned());
        Ok(CsvReader { r, name: name.to_string(), stem, cols, record: csv::StringRecord::new(), skipped: vec![] })
    }

    /// Rows left out so far (no term in any language), with the reason.
    pub fn skipped(&self) -> &[Skipped] {
        &self.skipped
    }

    /// The next entry, or `None` at the end. A row with another number of
    /// cells than the header is an error naming its line.
    pub fn next_entry(&mut self) -> Result<Option<TermEntry>, GlossaryError> {
        loop {
            let got = self.r.read_record(&mut self.record).map_err(|e| {
                let line = e.position().map_or(0, |p| p.line() as usize);
                GlossaryError { file: self.name.clone(), line, column: 1, what: format!("unreadable row: {e}") }
            })?;
            if !got {
                return Ok(None);
            }
            let line = self.record.position().map_or(0, |p| p.line() as usize);
            if self.record.iter().all(|c| c.trim().is_empty()) {
                continue;
            }
            if self.record.len() != self.cols.len() {
                return Err(GlossaryError {
                    file: self.name.clone(),
                    line,
                    column: 1,
                    what: format!("row has {} cells; the header has {}", self.record.len(), self.cols.len()),
                });
            }
            let entry = self.entry(line)?;
            if entry.terms.is_empty() {
                self.skipped.push(Skipped { line, entry: entry.id, reason: "no term".into() });
                continue;
            }
            return Ok(Some(entry));
        }
    }

    fn entry(&self, line: usize) -> Result<TermEntry, GlossaryError> {
        let mut e = TermEntry::default();
        let split =
            |v: &str| -> Vec<String> { v.split('|').map(|s| s.trim().to_string()).filter(|s| !s.is_empty()).collect() };
        for (c, v) in self.cols.iter().zip(self.record.iter()) {
            let v = v.trim();
            match c {
                Col::Id if !v.is_empty() => e.id = Some(v.to_string()),
                Col::Subject if !v.is_empty() => e.subject = Some(v.to_string()),
                Col::Definition if !v.is_empty() => e.definition = Some(v.to_string()),
                Col::Note if !v.is_empty() => e.notes.push(v.to_string()),
                Col::DoNotTranslate => {
                    e.do_not_translate = matches!(v.to_ascii_lowercase().as_str(), "yes" | "true" | "1" | "y" | "x")
                }
                Col::Term(l) => e.terms.extend(split(v).iter().map(|t| Term::new(l.clone(), t))),
                _ => {}
            }
        }
        // Per-language columns apply to that language's terms of the row.
        for (k, (c, v)) in self.cols.iter().zip(self.record.iter()).enumerate() {
            let v = v.trim();
            if v.is_empty() {
                continue;
            }
            let lang = match c {
                Col::Status(l) | Col::Pos(l) | Col::Type(l) | Col::TermNote(l) | Col::Case(l) => l,
                _ => continue,
            };
            let parts = split(v);
            let terms: Vec<&mut Term> = e.terms.iter_mut().filter(|t| t.lang == *lang).collect();
            let n = terms.len();
            for (i, t) in terms.into_iter().enumerate() {
                let part = if parts.len() == n { parts[i].as_str() } else { v };
                match c {
                    Col::Status(_) => {
                        t.status = Some(Status::parse(part).ok_or_else(|| GlossaryError {
                            file: self.name.clone(),
                            line,
                            column: k + 1,
                            what: format!(
                                "status {part:?}; expected preferred, admitted, deprecated, superseded or forbidden"
                            ),
                        })?)
                    }
                    Col::Pos(_) => t.pos = Some(part.to_string()),
                    Col::Type(_) => t.term_type = Some(part.to_string()),
                    Col::TermNote(_) => t.notes.push(part.to_string()),
                    Col::Case(_) => {
                        t.case_sensitive =
                            matches!(part.to_ascii_lowercase().as_str(), "yes" | "true" | "1" | "y" | "x")
                    }
                    _ => {}
                }
            }
        }
        if e.id.is_none() {
            e.id = Some(format!("{}-{line}", self.stem));
        }
        Ok(e)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(name: &str, src: &str) -> Result<Vec<TermEntry>, GlossaryError> {
        let mut r = CsvReader::new(std::io::Cursor::new(src.as_bytes().to_vec()), name)?;
        let mut v = Vec::new();
        while let Some(e) = r.next_entry()? {
            v.push(e);
        }
        Ok(v)
    }

    #[test]
    fn header_languages_synonyms_and_statuses() {
        let v = read(
            "g.csv",
            "id,es,en,en:status,do-not-translate\nt1,trata de personas,trafficking in persons | human trafficking,preferred | admitted,\nt2,OIM,IOM,,\n,Debian,Debian,,yes\n",
        )
        .unwrap();
        assert_eq!(v.len(), 3);
        assert_eq!(v[0].terms.len(), 3);
        assert_eq!(v[0].terms[2].text, "human trafficking");
        assert_eq!(v[0].terms[2].status, Some(Status::Admitted));
        assert_eq!(v[0].terms[1].status, Some(Status::Preferred));
        assert_eq!(v[2].id.as_deref(), Some("g-4"));
        assert!(v[2].do_not_translate);
    }

    #[test]
    fn tsv_is_told_by_its_tab() {
        let v = read("g.tsv", "es\tfr\npersona desplazada\tpersonne déplacée\n").unwrap();
        assert_eq!(v[0].terms[1].text, "personne déplacée");
        assert_eq!(v[0].terms[1].lang.as_str(), "fr");
    }

    #[test]
    fn bad_header_and_ragged_rows_name_their_place() {
        let e = read("g.csv", "es,English\nx,y\n").unwrap_err();
        assert_eq!((e.line, e.column), (1, 4), "{e}");
        assert!(e.what.contains("\"English\""), "{e}");
        let e = read("g.csv", "es,en\na,b\nc,d,e\n").unwrap_err();
        assert_eq!(e.line, 3, "{e}");
        assert!(e.what.contains("3 cells; the header has 2"), "{e}");
        let e = read("g.csv", "es,en,en:status\na,b,maybe\n").unwrap_err();
        assert_eq!((e.line, e.column), (2, 3), "{e}");
    }
}
