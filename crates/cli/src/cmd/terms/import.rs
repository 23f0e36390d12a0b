//! `memoria terms import`: TBX and CSV/TSV glossaries into the TM, all
//! files in one transaction, with an import report.

use crate::cmd::{Global, TextOrJson};
use anyhow::{anyhow, Context, Result};
use memoria_core::term::TermEntry;
use memoria_formats::tbx::{CsvReader, GlossaryError, Skipped, TbxReader};
use memoria_store::{StoreError, TermImportReport, TermSink};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Import TBX glossaries (TBX 2008 martif with tig or ntig; TBX v3 Basic or
/// Core) and CSV/TSV glossaries into the TM. All files go in one
/// transaction: on any error nothing is imported.
#[derive(clap::Args, Debug)]
#[command(after_help = "\
Each file's kind is told by its name: .csv and .tsv are CSV/TSV glossaries, anything else is read as
TBX (its root element <martif> or <tbx> says which TBX). A CSV/TSV glossary's header row names its
columns: language tags (es, en, fr-CA), LANG:status (preferred, admitted, deprecated, superseded,
forbidden), LANG:pos, LANG:type, LANG:note, LANG:case (yes: case-sensitive), and id, subject,
definition, note, do-not-translate. Synonyms in one cell are separated by ' | '.

Kept per entry: id, subject field, definition, notes, do-not-translate and every other data category
as read; per term: language, term, part of speech, term type, administrative status, usage notes,
case sensitivity, other data categories. Each entry belongs to its glossary (the file's name):
importing a file of the same name again replaces its entries with the same id (reported as replaced,
or unchanged). Entries without a term and language sections with an invalid language tag are left
out, each counted with its reason.

The report (stdout): per file its format, entries and terms per language, and what was left out;
then entries added, replaced and unchanged.

Exit codes: 0 imported; 2 bad input (FILE:LINE:COL and what was expected: malformed XML, a DOCTYPE
declaring entities, a CSV header that names no language, a row with the wrong number of cells) or
usage; nothing imported; 3 the TM is busy.

Examples:
  memoria terms import glossary.tbx
  memoria terms import samples/terms/migration.tbx extra.csv --format json")]
pub struct Args {
    /// TBX, CSV or TSV files.
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    #[arg(long, value_enum, default_value = "text")]
    pub format: TextOrJson,
}

/// What one file gave.
#[derive(serde::Serialize)]
struct FileReport {
    path: String,
    format: String,
    entries: u64,
    terms: BTreeMap<String, u64>,
    skipped: Vec<Skipped>,
}

/// A reader of either kind.
enum Reader {
    Tbx(TbxReader),
    Csv(CsvReader),
}

impl Reader {
    fn open(path: &Path) -> Result<(Reader, String), GlossaryError> {
        let ext = path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase);
        match ext.as_deref() {
            Some("csv") => Ok((Reader::Csv(CsvReader::open(path)?), "CSV".into())),
            Some("tsv") => Ok((Reader::Csv(CsvReader::open(path)?), "TSV".into())),
            _ => {
                let r = TbxReader::open(path)?;
                let d = r.dialect().to_string();
                Ok((Reader::Tbx(r), d))
            }
        }
    }

    fn next_entry(&mut self) -> Result<Option<TermEntry>, GlossaryError> {
        match self {
            Reader::Tbx(r) => r.next_entry(),
            Reader::Csv(r) => r.next_entry(),
        }
    }

    fn skipped(&self) -> &[Skipped] {
        match self {
            Reader::Tbx(r) => r.skipped(),
            Reader::Csv(r) => r.skipped(),
        }
    }
}

pub fn run(args: Args, g: &Global) -> Result<ExitCode> {
    // Every file must open before the TM is touched.
    let mut readers = Vec::with_capacity(args.files.len());
    for f in &args.files {
        readers.push(Reader::open(f).map_err(|e| anyhow!("{e}"))?);
    }
    let mut tm = g.open_tm()?;
    let mut session = tm.import_terms().context("cannot start the glossary import")?;
    let mut files = Vec::new();
    for (path, (mut r, format)) in args.files.iter().zip(readers) {
        let collection =
            path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned());
        let mut fr = FileReport {
            path: path.display().to_string(),
            format,
            entries: 0,
            terms: BTreeMap::new(),
            skipped: vec![],
        };
        // The file is parsed on a thread of its own while the entries are
        // written. An error returns here: the session is dropped and rolls back.
        session
            .add_all(&collection, &mut |sink: &mut dyn TermSink| {
                while let Some(entry) = r.next_entry()? {
                    fr.entries += 1;
                    for t in &entry.terms {
                        match fr.terms.get_mut(t.lang.as_str()) {
                            Some(n) => *n += 1,
                            None => {
                                fr.terms.insert(t.lang.as_str().to_string(), 1);
                            }
                        }
                    }
                    if sink.add(entry).is_err() {
                        break;
                    }
                }
                Ok(())
            })
            .map_err(|e| match e {
                StoreError::Feed(e) => anyhow!("{e}"),
                e => anyhow::Error::new(e),
            })?;
        fr.skipped = r.skipped().to_vec();
        files.push(fr);
    }
    let report = session.commit()?;
    let out = match args.format {
        TextOrJson::Json => format!("{:#}\n", serde_json::json!({ "files": files, "summary": report })),
        TextOrJson::Text => text(&files, &report),
    };
    crate::output::print(&out)?;
    Ok(ExitCode::SUCCESS)
}

fn langs(terms: &BTreeMap<String, u64>) -> String {
    terms.iter().map(|(l, n)| format!("{l} {n}")).collect::<Vec<_>>().join(", ")
}

fn text(files: &[FileReport], r: &TermImportReport) -> String {
    let mut s = String::new();
    for f in files {
        s.push_str(&format!("{}: {}, {} entries; terms: {}\n", f.path, f.format, f.entries, langs(&f.terms)));
        for k in &f.skipped {
            let id = k.entry.as_deref().map_or(String::new(), |i| format!(" (entry {i})"));
            s.push_str(&format!("  skipped at line {}{id}: {}\n", k.line, k.reason));
        }
    }
    s.push_str(&format!(
        "entries: {} read, {} added, {} replaced, {} unchanged; terms: {}\n",
        r.read,
        r.added,
        r.replaced,
        r.unchanged,
        langs(&r.terms)
    ));
    s
}
