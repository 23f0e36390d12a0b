//! `memoria export`: write the TM as TMX 1.4b.

use super::Global;
use crate::tmx::{OutputEncoding, TmxWriter, WriteOptions};
use anyhow::{bail, Context, Result};
use memoria_core::lang::LangTag;
use memoria_core::tu::{Header, Tu};
use memoria_store::{ExportFilter, StoreError};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{SystemTime, UNIX_EPOCH};

/// Export the TM (or part of it) as TMX 1.4b, with every attribute, prop, note and inline code as imported.
#[derive(clap::Args, Debug)]
#[command(after_help = "\
The file is written whole or not at all (a temporary file is renamed at the end).

Examples:
  memoria export -o tm.tmx
  memoria export -o es-en.tmx --langs es,en --since 2024-01-01
  memoria export -o trados.tmx --collection client.tmx --encoding utf-16le")]
pub struct Args {
    /// The TMX file to write.
    #[arg(short, long)]
    pub output: PathBuf,
    /// Only variants in these languages (comma-separated BCP 47 tags; `es` also takes `es-AR`); TUs left with none are skipped.
    #[arg(long, value_delimiter = ',')]
    pub langs: Vec<LangTag>,
    /// Only TUs changed (changedate, else creationdate, else import time) on or after this date: YYYY-MM-DD, YYYYMMDD or YYYYMMDDThhmmssZ.
    #[arg(long, value_parser = parse_since)]
    pub since: Option<String>,
    /// Only TUs imported from this collection (the TMX file name they came from).
    #[arg(long)]
    pub collection: Option<String>,
    /// Output encoding: utf-8, or utf-16le with a BOM (as Trados writes).
    #[arg(long, value_enum, default_value = "utf-8")]
    pub encoding: OutputEncoding,
}

/// Accepts `YYYY-MM-DD`, `YYYYMMDD` or a TMX date; returns the TMX date.
fn parse_since(s: &str) -> Result<String, String> {
    let digits: String = s.chars().filter(|c| *c != '-').collect();
    let out = if digits.len() == 8 && digits.bytes().all(|b| b.is_ascii_digit()) {
        format!("{digits}T000000Z")
    } else {
        s.to_string()
    };
    if crate::tmx::reader::is_tmx_date(&out) {
        Ok(out)
    } else {
        Err(format!("{s:?} is not a date; expected YYYY-MM-DD, YYYYMMDD or YYYYMMDDThhmmssZ"))
    }
}

pub fn run(args: Args, g: &Global) -> Result<ExitCode> {
    let tm = g.open_tm()?;
    let out = &args.output;
    let tmp = out.with_extension("tmx.part");
    let file = std::fs::File::create(&tmp).with_context(|| format!("{}: cannot create", tmp.display()))?;
    let mut w = TmxWriter::new(file, WriteOptions { encoding: args.encoding, doctype: true });
    let filter =
        ExportFilter { langs: args.langs.clone(), since: args.since.clone(), collection: args.collection.clone() };
    let mut header_lang: Option<String> = None;
    let mut io_error: Option<std::io::Error> = None;
    let mut count = 0u64;
    let result = tm.export(&filter, |mut tu: Tu| {
        let source = tu.attr("srclang").map(String::from).or_else(|| tu.tuvs.first().map(|v| v.lang.to_string()));
        let step = (|| {
            if header_lang.is_none() {
                let lang = args.langs.first().map(|l| l.to_string()).or(source.clone()).unwrap_or("*all*".into());
                w.write_header(&header(&lang))?;
                header_lang = Some(lang);
            }
            // A TU without srclang has its source first (memoria align); say
            // so when the header's srclang is another language.
            if tu.attr("srclang").is_none() && source.is_some() && source != header_lang {
                tu.set_attr("srclang", source.as_deref().unwrap_or_default());
            }
            w.write_tu(&tu)
        })();
        match step {
            Ok(()) => {
                count += 1;
                Ok(())
            }
            Err(e) => {
                io_error = Some(e);
                Err(StoreError::Corrupt("export stopped: cannot write".into()))
            }
        }
    });
    if let Some(e) = io_error {
        let _ = std::fs::remove_file(&tmp);
        return Err(e).with_context(|| format!("{}: cannot write", tmp.display()));
    }
    if let Err(e) = result {
        let _ = std::fs::remove_file(&tmp);
        bail!(e);
    }
    if header_lang.is_none() {
        w.write_header(&header("*all*"))?;
    }
    w.finish().with_context(|| format!("{}: cannot write", tmp.display()))?;
    std::fs::rename(&tmp, out).with_context(|| format!("{}: cannot write", out.display()))?;
    eprintln!("exported {count} TUs to {}", out.display());
    Ok(ExitCode::SUCCESS)
}

/// The header of an export: all seven required attributes, `o-tmf` names
/// memoria's TM format (never an encoding), `creationdate` is now.
fn header(srclang: &str) -> Header {
    let attrs = [
        ("creationtool", "memoria"),
        ("creationtoolversion", env!("CARGO_PKG_VERSION")),
        ("segtype", "sentence"),
        ("o-tmf", "memoria SQLite TM"),
        ("adminlang", "en"),
        ("srclang", srclang),
        ("datatype", "plaintext"),
    ];
    let mut h =
        Header { attrs: attrs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect(), ..Header::default() };
    let secs = SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0);
    h.set_attr("creationdate", &tmx_date(secs));
    h
}

/// Unix seconds as a TMX date `YYYYMMDDThhmmssZ` (UTC; days to civil date
/// after H. Hinnant, "chrono-Compatible Low-Level Date Algorithms").
pub fn tmx_date(secs: u64) -> String {
    let days = (secs / 86_400) as i64;
    let rem = secs % 86_400;
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}{m:02}{d:02}T{:02}{:02}{:02}Z", rem / 3600, rem % 3600 / 60, rem % 60)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tmx_dates_are_utc_civil_dates() {
        assert_eq!(tmx_date(0), "19700101T000000Z");
        assert_eq!(tmx_date(1_709_251_199), "20240229T235959Z");
    }

    #[test]
    fn since_accepts_three_date_forms() {
        assert_eq!(parse_since("2024-03-01").unwrap(), "20240301T000000Z");
        assert_eq!(parse_since("20240301").unwrap(), "20240301T000000Z");
        assert_eq!(parse_since("20240301T101500Z").unwrap(), "20240301T101500Z");
        assert!(parse_since("March").is_err());
    }
}
