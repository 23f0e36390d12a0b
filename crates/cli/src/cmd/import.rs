//! `memoria import`: load TMX files into the TM, all or nothing.

use super::{Global, TextOrJson};
use crate::tmx::{ReadOptions, TmxReader, Warnings};
use anyhow::{Context, Result};
use memoria_core::lang::LangTag;
use memoria_core::tu::{Header, Tu};
use memoria_store::{ImportOptions, ImportReport, OnConflict, PostingChunk, PreparedTu, Preparer, Provenance};
use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::mpsc::{Receiver, SyncSender};
use std::sync::Arc;

/// Import TMX files (1.1 to 1.4b, any encoding) into the TM. All files go in
/// one transaction: on any error nothing is imported.
#[derive(clap::Args, Debug)]
#[command(after_help = "\
Recover mode (default): unusable TUs are skipped, illegal XML characters mapped, foreign inline
elements kept as codes, each with a warning. --strict: the first such problem stops the import.
Each TU keeps the file name as its collection, and the file's <header> (attributes, props, notes,
ude maps) is kept for that collection (see `memoria export --collection`); importing a file of the
same name again replaces it.

Exit codes: 0 imported, 2 bad input (file:line:column, TU index and tuid) or usage; nothing imported.

Examples:
  memoria import tm.tmx
  memoria import a.tmx b.tmx --strict --on-conflict overwrite --format json")]
pub struct Args {
    /// TMX files.
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// Stop at the first problem (with file, line, column, TU index and tuid) and import nothing.
    #[arg(long)]
    pub strict: bool,
    /// A TU whose source is stored with another translation: keep both, overwrite the stored one, or skip the new one.
    #[arg(long, value_enum, default_value = "keep-both")]
    pub on_conflict: Conflict,
    /// Largest <seg> accepted, in bytes of UTF-8 as written in the file (also, plus 64 KiB, the largest text
    /// run, tag or CDATA section; comments may be 64 MiB longer); a larger one stops the import with an
    /// error (file, line, column). The reader holds about twice this plus 2 MiB of the file in memory.
    #[arg(long, default_value_t = crate::tmx::limit::DEFAULT_MAX_SEGMENT_BYTES, value_name = "BYTES")]
    pub max_segment_bytes: usize,
    /// text: one line per file and a total; json: one object (files, total, warnings).
    #[arg(long, value_enum, default_value = "text")]
    pub format: TextOrJson,
}

#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Conflict {
    KeepBoth,
    Overwrite,
    Skip,
}

/// What happened to one file.
#[derive(serde::Serialize, Debug, Default)]
struct FileReport {
    file: String,
    encoding: String,
    /// `<tu>` elements in the file, skipped ones included.
    tus: u64,
    /// TUs handed to the TM.
    read: u64,
    added: u64,
    duplicates: u64,
    alternatives: u64,
    overwritten: u64,
    skipped_conflicts: u64,
    /// TUs skipped as unusable (recover mode).
    skipped_invalid: u64,
    warnings: std::collections::BTreeMap<crate::tmx::WarningKind, u64>,
}

/// A file read through: its report figures, and its collection and
/// `<header>` for the TM.
struct FileDone {
    path: PathBuf,
    encoding: String,
    tus: u64,
    warnings: Warnings,
    header: Option<(String, Header)>,
}

/// What the parsing thread hands to the preparing one.
enum Parsed {
    /// TUs in file order, with their provenance.
    Tus(Vec<Tu>, Arc<Provenance>),
    Done(FileDone),
}

/// What the preparing thread hands to the writing one.
enum Batch {
    /// TUs ready to store, in file order.
    Tus(Vec<PreparedTu>),
    /// Candidate-index postings of TUs sent before.
    Postings(PostingChunk),
    Done(FileDone),
}

/// TUs sent from one thread to the next at once.
const BATCH: usize = 256;
/// Batches in flight between two threads: bounds the memory of each pipe
/// (~2k TUs).
const IN_FLIGHT: usize = 8;

/// Four threads: one parses the TMX files, one derives every stored column
/// of each TU and the candidate-index postings ([`Preparer`]: normalisation,
/// match keys, term ids, hashes), this one writes them into the TM's one
/// transaction, and one frees the TUs written (the writer is the slowest).
/// On two cores they keep both busy. A failure anywhere ends them all, and
/// the transaction is rolled back.
pub fn run(args: Args, g: &Global) -> Result<ExitCode> {
    let on_conflict = match args.on_conflict {
        Conflict::KeepBoth => OnConflict::KeepBoth,
        Conflict::Overwrite => OnConflict::Overwrite,
        Conflict::Skip => OnConflict::Skip,
    };
    let total_bytes: u64 = args.files.iter().map(|f| std::fs::metadata(f).map(|m| m.len()).unwrap_or(0)).sum();
    let bar = progress_bar(total_bytes);
    let mut tm = g.open_tm()?;
    let mut imp = tm.import_with(ImportOptions { on_conflict, collection: None })?;
    let mut reports = Vec::new();
    let mut warnings = Warnings::default();
    let (parsed_tx, parsed_rx) = std::sync::mpsc::sync_channel::<Parsed>(IN_FLIGHT);
    let (tx, rx) = std::sync::mpsc::sync_channel::<Batch>(IN_FLIGHT);
    let (stored_tx, stored_rx) = std::sync::mpsc::sync_channel::<Vec<PreparedTu>>(IN_FLIGHT);
    let prep = imp.preparer();
    std::thread::scope(|scope| -> Result<()> {
        std::thread::Builder::new()
            .name("tu-dropper".into())
            .spawn_scoped(scope, move || stored_rx.into_iter().for_each(drop))
            .context("cannot start the freeing thread")?;
        let reader = std::thread::Builder::new()
            .name("tmx-reader".into())
            .spawn_scoped(scope, || read_files(&args, parsed_tx, &bar))
            .context("cannot start the reading thread")?;
        std::thread::Builder::new()
            .name("tu-preparer".into())
            .spawn_scoped(scope, || prepare_all(parsed_rx, prep, tx))
            .context("cannot start the preparing thread")?;
        let stored = (|| -> Result<()> {
            let mut before = imp.report().clone();
            for batch in rx {
                match batch {
                    Batch::Tus(tus) => {
                        for tu in &tus {
                            imp.add_prepared(tu).context("nothing imported")?;
                        }
                        // Freed on the dropper's thread (it never hangs up first).
                        let _ = stored_tx.send(tus);
                    }
                    Batch::Postings(chunk) => imp.add_postings(chunk).context("nothing imported")?,
                    Batch::Done(FileDone { path, encoding, tus, warnings: w, header }) => {
                        if let Some((c, h)) = &header {
                            imp.set_header(c, h).context("nothing imported")?;
                        }
                        let after = imp.report().clone();
                        reports.push(FileReport {
                            file: path.display().to_string(),
                            encoding,
                            tus,
                            read: after.read - before.read,
                            added: after.added - before.added,
                            duplicates: after.duplicates - before.duplicates,
                            alternatives: after.alternatives - before.alternatives,
                            overwritten: after.overwritten - before.overwritten,
                            skipped_conflicts: after.skipped_conflicts - before.skipped_conflicts,
                            skipped_invalid: w.count(crate::tmx::WarningKind::SkippedTu),
                            warnings: w.counts.clone(),
                        });
                        warnings.merge(w);
                        before = after;
                    }
                }
            }
            Ok(())
        })();
        // The dropper ends when its channel does.
        drop(stored_tx);
        // The receiver is gone: the preparing thread stops at its next batch,
        // and the parsing thread at its next one after that.
        let read = reader.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        read.and(stored)
    })?;
    let total: ImportReport = imp.commit().context("nothing imported")?;
    bar.finish_and_clear();
    print_report(args.format, &reports, &total, &warnings);
    Ok(ExitCode::SUCCESS)
}

/// The parsing thread: every file in turn, TUs in batches. Stops quietly
/// when the next thread has hung up (the writer reports its own error).
fn read_files(args: &Args, tx: SyncSender<Parsed>, bar: &indicatif::ProgressBar) -> Result<()> {
    let mut done_bytes = 0u64;
    for path in &args.files {
        let mut r =
            TmxReader::open(path, ReadOptions { strict: args.strict, max_segment_bytes: args.max_segment_bytes })
                .context("nothing imported")?;
        let collection = path.file_name().map(|n| n.to_string_lossy().into_owned());
        let prov = Arc::new(Provenance { collection, ..Provenance::default() });
        let srclang = header_srclang(r.header().attr("srclang"));
        let mut batch = Vec::with_capacity(BATCH);
        while let Some(mut tu) = r.next_tu().context("nothing imported")? {
            set_srclang(&mut tu, srclang.as_ref());
            batch.push(tu);
            if batch.len() == BATCH {
                let full = std::mem::replace(&mut batch, Vec::with_capacity(BATCH));
                if tx.send(Parsed::Tus(full, prov.clone())).is_err() {
                    return Ok(());
                }
                bar.set_position(done_bytes + r.bytes_read());
            }
        }
        done_bytes += r.bytes_read();
        bar.set_position(done_bytes);
        let done = FileDone {
            path: path.clone(),
            encoding: r.detected().encoding.name().to_string(),
            tus: r.tus_seen(),
            warnings: r.take_warnings(),
            header: prov.collection.clone().map(|c| (c, r.header().clone())),
        };
        if tx.send(Parsed::Tus(batch, prov)).is_err() || tx.send(Parsed::Done(done)).is_err() {
            return Ok(());
        }
    }
    Ok(())
}

/// The preparing thread: derives the columns and postings of every TU, in
/// order, until the parsing thread is done or the writing one hangs up.
fn prepare_all(rx: Receiver<Parsed>, mut prep: Preparer, tx: SyncSender<Batch>) {
    for parsed in rx {
        let batch = match parsed {
            Parsed::Tus(tus, prov) => Batch::Tus(tus.into_iter().map(|tu| prep.prepare(tu, prov.clone())).collect()),
            Parsed::Done(done) => Batch::Done(done),
        };
        if tx.send(batch).is_err() {
            return;
        }
        if let Some(chunk) = prep.take_postings(false) {
            if tx.send(Batch::Postings(chunk)).is_err() {
                return;
            }
        }
    }
    if let Some(chunk) = prep.take_postings(true) {
        let _ = tx.send(Batch::Postings(chunk));
    }
}

fn progress_bar(total: u64) -> indicatif::ProgressBar {
    if !std::io::stderr().is_terminal() {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new(total);
    if let Ok(style) = indicatif::ProgressStyle::with_template(
        "{spinner} importing [{bar:40}] {bytes}/{total_bytes} {bytes_per_sec} eta {eta}",
    ) {
        bar.set_style(style.progress_chars("=> "));
    }
    bar
}

/// The header's source language, unless it is `*all*` or not a tag.
fn header_srclang(value: Option<&str>) -> Option<LangTag> {
    value.filter(|v| v.trim() != "*all*").and_then(|v| LangTag::new(v).ok())
}

/// A TM merges TUs from many files (each header is kept per collection), so a TU without its own
/// `srclang` gets the header's, as the tag of the variant that serves it
/// (exact tag, else bare language, else same language; never by position).
fn set_srclang(tu: &mut Tu, header: Option<&LangTag>) {
    if tu.attr("srclang").is_some() {
        return;
    }
    let Some(want) = header else { return };
    if let Some(v) = tu.variant(want) {
        let tag = v.lang.as_str().to_string();
        tu.set_attr("srclang", &tag);
    }
}

fn print_report(format: TextOrJson, files: &[FileReport], total: &ImportReport, warnings: &Warnings) {
    let skipped_invalid: u64 = files.iter().map(|f| f.skipped_invalid).sum();
    let tus: u64 = files.iter().map(|f| f.tus).sum();
    match format {
        TextOrJson::Json => {
            let v = serde_json::json!({
                "files": files,
                "total": {"tus": tus, "read": total.read, "added": total.added, "duplicates": total.duplicates,
                          "alternatives": total.alternatives, "overwritten": total.overwritten,
                          "skipped_conflicts": total.skipped_conflicts, "skipped_invalid": skipped_invalid,
                          "warnings": warnings.counts},
                "warnings": warnings.first,
            });
            println!("{v}");
        }
        TextOrJson::Text => {
            for w in &warnings.first {
                eprintln!("warning: {w}");
            }
            if warnings.total() > warnings.first.len() as u64 {
                eprintln!("warning: … {} more warnings", warnings.total() - warnings.first.len() as u64);
            }
            for f in files {
                println!(
                    "{}: {} TUs ({}), {} added, {} duplicates, {} alternatives, {} overwritten, {} skipped (conflict), {} skipped (invalid){}",
                    f.file,
                    f.tus,
                    f.encoding,
                    f.added,
                    f.duplicates,
                    f.alternatives,
                    f.overwritten,
                    f.skipped_conflicts,
                    f.skipped_invalid,
                    warning_list(&f.warnings)
                );
            }
            println!(
                "total: {tus} TUs read, {} added, {} duplicates, {} alternatives, {} overwritten, {} skipped (conflict), {skipped_invalid} skipped (invalid), {} warnings",
                total.added, total.duplicates, total.alternatives, total.overwritten, total.skipped_conflicts, warnings.total()
            );
        }
    }
}

fn warning_list(counts: &std::collections::BTreeMap<crate::tmx::WarningKind, u64>) -> String {
    if counts.is_empty() {
        return String::new();
    }
    let parts: Vec<String> = counts
        .iter()
        .map(|(k, n)| {
            format!(
                "{} {n}",
                serde_json::to_value(k).ok().and_then(|v| v.as_str().map(String::from)).unwrap_or_default()
            )
        })
        .collect();
    format!("; warnings: {}", parts.join(", "))
}
