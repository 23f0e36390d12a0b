//! `memoria config`: every effective setting and where it came from.

use super::{Global, TextOrJson};
use anyhow::Result;
use std::process::ExitCode;

const AFTER_HELP: &str = "\
Prints each setting memoria uses here as KEY = VALUE and its source: a flag, a MEMORIA_* variable,
the settings file at FILE:LINE:COL, or memoria's default. The settings file is --config FILE
(MEMORIA_CONFIG), else memoria.toml in the working directory or the nearest folder above it.

Examples:
  memoria config
  memoria --db other.db config --format json
  MEMORIA_TO=fr memoria config";

/// Show every effective setting and where it came from (flag, variable, memoria.toml:LINE:COL, default).
#[derive(clap::Args, Debug)]
#[command(after_help = AFTER_HELP)]
pub struct Args {
    #[arg(long, value_enum, default_value = "text")]
    pub format: TextOrJson,
}

pub fn run(args: Args, g: &Global) -> Result<ExitCode> {
    let s = &g.settings;
    let file = s.file.as_ref().map(|p| p.display().to_string());
    let out = match args.format {
        TextOrJson::Json => {
            let settings: Vec<_> = s
                .entries()
                .into_iter()
                .map(|(k, v, src)| serde_json::json!({ "key": k, "value": v, "source": src.to_string() }))
                .collect();
            format!("{:#}\n", serde_json::json!({ "file": file, "settings": settings }))
        }
        TextOrJson::Text => {
            let mut out = format!("# settings file: {}\n", file.as_deref().unwrap_or("none"));
            let rows: Vec<(String, String)> =
                s.entries().into_iter().map(|(k, v, src)| (format!("{k} = {v}"), src.to_string())).collect();
            let width = rows.iter().map(|(l, _)| l.chars().count()).max().unwrap_or(0);
            for (line, src) in rows {
                out.push_str(&format!("{line:width$}  # {src}\n"));
            }
            out
        }
    };
    crate::output::print(&out)?;
    Ok(ExitCode::SUCCESS)
}
