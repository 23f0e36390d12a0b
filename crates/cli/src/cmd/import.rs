//! `memoria import`: load TMX files into the TM, all or nothing.

use super::{Global, TextOrJson};
use anyhow::{Context, Result};
use memoria_core::lang::LangTag;
use memoria_core::tu::Tu;
use memoria_formats::tmx::{ReadOptions, TmxReader, WarningKind, Warnings};
use memoria_store::{FeedError, ImportOptions, ImportReport, OnConflict, Provenance, TuSink};
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
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
    /// TMX files (a FIFO or /dev/fd/N works: each is read once), or - for standard input.
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// Stop at the first problem (with file, line, column, TU index and tuid) and import nothing.
    #[arg(long)]
    pub strict: bool,
    /// A TU whose source is stored with another translation: keep both, overwrite the stored one, or skip the new one.
    #[arg(long, value_enum, default_value = "keep-both")]
    pub on_conflict: Conflict,
    /// Largest `<seg>` accepted, in bytes of UTF-8 as written in the file (also, plus 64 KiB, the largest text
    /// run, tag or CDATA section; comments may be 64 MiB longer); a larger one stops the import with an
    /// error (file, line, column); also the most the notes and props of one TU (its own and its variants')
    /// may hold in all, counting 64 bytes an element. The reader holds about twice this plus 2 MiB of the file
    /// in memory.
    #[arg(long, default_value_t = memoria_formats::tmx::limit::DEFAULT_MAX_SEGMENT_BYTES, value_name = "BYTES")]
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
    warnings: std::collections::BTreeMap<WarningKind, u64>,
}

/// What reading a file found beside its TUs.
#[derive(Default)]
struct FileRead {
    encoding: String,
    /// `<tu>` elements in the file, skipped ones included.
    tus: u64,
    warnings: Warnings,
}

/// Every file goes into one import, in turn: the store's bulk path reads
/// the file on a thread of its own (this module's `read_file`) while it
/// derives and writes the TUs. A failure anywhere rolls everything back.
pub fn run(args: Args, g: &Global) -> Result<ExitCode> {
    let on_conflict = match args.on_conflict {
        Conflict::KeepBoth => OnConflict::KeepBoth,
        Conflict::Overwrite => OnConflict::Overwrite,
        Conflict::Skip => OnConflict::Skip,
    };
    let total_bytes: u64 = args.files.iter().map(|f| std::fs::metadata(f).map(|m| m.len()).unwrap_or(0)).sum();
    // Every input is opened before the TM's write lock is taken: opening a
    // FIFO waits for its writer, and no other process should wait for that.
    let mut inputs = Vec::with_capacity(args.files.len());
    for path in &args.files {
        inputs.push(Some(open_input(path)?));
    }
    let bar = progress_bar(total_bytes);
    let mut tm = g.open_tm()?;
    let mut imp = tm.import_with(ImportOptions { on_conflict, collection: None })?;
    let mut reports = Vec::new();
    let mut warnings = Warnings::default();
    let opts = ReadOptions { strict: args.strict, max_segment_bytes: args.max_segment_bytes };
    let mut done_bytes = 0u64;
    for (path, input) in args.files.iter().zip(&mut inputs) {
        let before = imp.report().clone();
        let mut read = FileRead::default();
        imp.add_all(&mut |sink: &mut dyn TuSink| match input.take() {
            Some(input) => read_file(input, opts, sink, &bar, done_bytes, &mut read),
            None => Ok(()),
        })
        .context("nothing imported")?;
        done_bytes += std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
        let after = imp.report().clone();
        reports.push(FileReport {
            file: path.display().to_string(),
            encoding: read.encoding,
            tus: read.tus,
            read: after.read - before.read,
            added: after.added - before.added,
            duplicates: after.duplicates - before.duplicates,
            alternatives: after.alternatives - before.alternatives,
            overwritten: after.overwritten - before.overwritten,
            skipped_conflicts: after.skipped_conflicts - before.skipped_conflicts,
            skipped_invalid: read.warnings.count(WarningKind::SkippedTu),
            warnings: read.warnings.counts.clone(),
        });
        warnings.merge(read.warnings);
    }
    let total: ImportReport = imp.commit().context("nothing imported")?;
    bar.finish_and_clear();
    crate::output::print(&report(args.format, &reports, &total, &warnings))?;
    Ok(ExitCode::SUCCESS)
}

/// An input file, opened (read once, front to back: it may be a pipe).
struct Input {
    /// The name in messages: the path, or `standard input`.
    name: String,
    /// The collection of its TUs: the file name; none for standard input.
    collection: Option<String>,
    reader: Box<dyn std::io::Read + Send>,
}

/// Opens `path` (`-`: standard input). Errors name the path.
fn open_input(path: &Path) -> Result<Input> {
    if path.as_os_str() == "-" {
        return Ok(Input { name: "standard input".into(), collection: None, reader: Box::new(std::io::stdin()) });
    }
    let name = path.display().to_string();
    let file = std::fs::File::open(path)
        .map_err(|cause| memoria_formats::tmx::TmxError::Io { file: name.clone(), cause })
        .context("nothing imported")?;
    let collection = path.file_name().map(|n| n.to_string_lossy().into_owned());
    Ok(Input { name, collection, reader: Box::new(file) })
}

/// The producer of one file: its TUs in order, each with the file name as
/// its collection, then the file's `<header>` for that collection. Stops
/// quietly when the import has failed (the store reports its own error).
fn read_file(
    input: Input,
    opts: ReadOptions,
    sink: &mut dyn TuSink,
    bar: &indicatif::ProgressBar,
    done_bytes: u64,
    out: &mut FileRead,
) -> Result<(), FeedError> {
    let mut r = TmxReader::from_reader(input.reader, &input.name, opts)?;
    let collection = input.collection;
    let prov = Arc::new(Provenance { collection: collection.clone(), ..Provenance::default() });
    let srclang = header_srclang(r.header().attr("srclang"));
    let mut n = 0u32;
    while let Some(mut tu) = r.next_tu()? {
        set_srclang(&mut tu, srclang.as_ref());
        if sink.add(tu, &prov).is_err() {
            return Ok(());
        }
        n = n.wrapping_add(1);
        if n % 256 == 0 {
            bar.set_position(done_bytes + r.bytes_read());
        }
    }
    bar.set_position(done_bytes + r.bytes_read());
    if let Some(c) = &collection {
        if sink.header(c, r.header().clone()).is_err() {
            return Ok(());
        }
    }
    *out =
        FileRead { encoding: r.detected().encoding.name().to_string(), tus: r.tus_seen(), warnings: r.take_warnings() };
    Ok(())
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

/// The import report for standard output (text: warnings go to standard error).
fn report(format: TextOrJson, files: &[FileReport], total: &ImportReport, warnings: &Warnings) -> String {
    use std::fmt::Write;
    let mut out = String::new();
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
            let _ = writeln!(out, "{v}");
        }
        TextOrJson::Text => {
            for w in &warnings.first {
                msg!("warning: {w}");
            }
            if warnings.total() > warnings.first.len() as u64 {
                msg!("warning: … {} more warnings", warnings.total() - warnings.first.len() as u64);
            }
            for f in files {
                let _ = writeln!(
                    out,
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
            let _ = writeln!(
                out,
                "total: {tus} TUs read, {} added, {} duplicates, {} alternatives, {} overwritten, {} skipped (conflict), {skipped_invalid} skipped (invalid), {} warnings",
                total.added, total.duplicates, total.alternatives, total.overwritten, total.skipped_conflicts, warnings.total()
            );
        }
    }
    out
}

fn warning_list(counts: &std::collections::BTreeMap<WarningKind, u64>) -> String {
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
