//! `memoria copy FROM TO`: a whole TM from one backend into another (SQLite
//! file <-> PostgreSQL server), in one import transaction on TO.

use crate::cmd::{db_name, open_location, open_location_reader, Global, TextOrJson};
use anyhow::{bail, Context, Result};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args, Debug)]
#[command(
    about = "Copy a whole TM into another one (SQLite file <-> PostgreSQL server)",
    long_about = "Copies every TU of the TM FROM, with its provenance (collection, document, position), \
import and change times, context hashes and every collection's TMX header, into the TM TO, which must \
be empty (created when missing: a SQLite file, or memoria's schema in a PostgreSQL database). One \
transaction on TO: a failure leaves it as it was. Afterwards both TMs export the same TMX and give the \
same matches. The global --db is not used; passwords in URLs are never printed.",
    after_help = "Examples:
  memoria copy memoria.db postgres://ana@tm.example.org/press?sslmode=verify-full
  memoria copy postgres://ana@tm.example.org/press laptop.db
  MEMORIA_DB=postgres://… memoria copy \"$MEMORIA_DB\" backup.db --format json"
)]
pub struct Args {
    /// The TM to copy: a SQLite file or a postgres:// URL.
    pub from: PathBuf,
    /// The empty TM to fill: a SQLite file or a postgres:// URL.
    pub to: PathBuf,
    /// text: one line on stderr; json: {"tus", "headers", "from", "to"} on stdout.
    #[arg(long, value_enum, default_value = "text")]
    pub format: TextOrJson,
}

pub fn run(args: Args, g: &Global) -> Result<ExitCode> {
    let (from_name, to_name) = (db_name(&args.from), db_name(&args.to));
    if from_name == to_name {
        bail!("{from_name}: FROM and TO are the same TM");
    }
    let Some(from) = open_location_reader(&args.from, g.wait)? else {
        bail!("{from_name}: no TM there");
    };
    let mut to = open_location(&args.to, g.wait)?;
    if to.tu_count()? > 0 || !to.headers()?.is_empty() {
        bail!("{to_name}: the TM is not empty; copy only fills an empty TM (nothing was changed)");
    }
    let headers = from.headers().with_context(|| format!("cannot read the headers of {from_name}"))?;
    let mut imp = to.import().with_context(|| format!("cannot write to {to_name}"))?;
    let mut tus = from.export_stored().with_context(|| format!("cannot read {from_name}"))?;
    imp.add_stored(&mut tus).with_context(|| format!("cannot copy {from_name} into {to_name}; nothing was changed"))?;
    for (collection, header) in &headers {
        imp.set_header(collection, header)?;
    }
    let report = imp.commit().with_context(|| format!("cannot commit the copy into {to_name}; nothing was changed"))?;
    match args.format {
        TextOrJson::Json => {
            let v = serde_json::json!({"tus": report.added, "read": report.read, "headers": headers.len(),
                "from": from_name, "to": to_name});
            crate::output::print(&format!("{v}\n"))?;
        }
        TextOrJson::Text => {
            msg!("copied {} TUs and {} TMX headers from {from_name} into {to_name}", report.added, headers.len());
        }
    }
    Ok(ExitCode::SUCCESS)
}
