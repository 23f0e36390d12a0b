//! `memoria align`: pair the sentences of a release with its translation.

use super::Global;
use crate::input::read_release;
use anyhow::Result;
use memoria_core::align::Aligner;
use memoria_core::lang::LangTag;
use memoria_core::tu::{Tu, Tuv};
use memoria_store::Provenance;
use std::io::Write;
use std::process::ExitCode;

/// Align a release with its published translation; optionally store the pairs in the TM.
#[derive(clap::Args, Debug)]
#[command(
    after_help = "Examples:\n  memoria align release.es.txt release.en.txt --from es --to en\n  memoria align release.es.txt release.en.txt --from es --to en --import"
)]
pub struct Args {
    /// The source-language release.
    pub source: String,
    /// Its translation.
    pub target: String,
    /// Source language (BCP 47).
    #[arg(long)]
    pub from: LangTag,
    /// Target language (BCP 47).
    #[arg(long)]
    pub to: LangTag,
    /// Store the 1-1, 2-1 and 1-2 pairs in the TM.
    #[arg(long)]
    pub import: bool,
    /// tsv: `source<TAB>target<TAB>score` a bead; json: one object a bead.
    #[arg(long, value_enum, default_value = "tsv")]
    pub format: Format,
}

#[derive(clap::ValueEnum, Clone, Copy, Debug)]
pub enum Format {
    Tsv,
    Json,
}

pub fn run(args: Args, g: &Global) -> Result<ExitCode> {
    let src = read_release(&args.source, &args.from)?;
    let tgt = read_release(&args.target, &args.to)?;
    let s: Vec<&str> = (0..src.segments.len()).map(|i| src.text(i)).collect();
    let t: Vec<&str> = (0..tgt.segments.len()).map(|i| tgt.text(i)).collect();
    let beads = Aligner::default().align(&s, &t);
    let join = |xs: &[&str]| xs.join(" ");
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    for b in &beads {
        let (st, tt) = (join(&s[b.src.clone()]), join(&t[b.tgt.clone()]));
        match args.format {
            Format::Tsv => {
                writeln!(out, "{}\t{}\t{:.0}", st.replace(['\t', '\n'], " "), tt.replace(['\t', '\n'], " "), b.score)?
            }
            Format::Json => writeln!(
                out,
                "{}",
                serde_json::json!({"source": st, "target": tt, "score": b.score,
                    "source_sentences": [b.src.start, b.src.end], "target_sentences": [b.tgt.start, b.tgt.end]})
            )?,
        }
    }
    out.flush()?;
    if args.import {
        let mut tm = g.open_tm()?;
        let mut imp = tm.import()?;
        let mut skipped = 0;
        for (k, b) in beads.iter().enumerate() {
            let (ns, nt) = (b.src.len(), b.tgt.len());
            if ns == 0 || nt == 0 || ns + nt > 3 {
                skipped += 1;
                continue;
            }
            let tu = Tu {
                tuvs: vec![
                    Tuv::plain(args.from.clone(), &join(&s[b.src.clone()])),
                    Tuv::plain(args.to.clone(), &join(&t[b.tgt.clone()])),
                ],
                ..Tu::default()
            };
            let prev = b.src.start.checked_sub(1).map(|i| s[i].to_string());
            let next = s.get(b.src.end).map(|x| x.to_string());
            let prov = Provenance {
                collection: None,
                document: Some(format!("{} | {}", args.source, args.target)),
                position: Some(k as i64),
                prev,
                next,
            };
            imp.add(&tu, &prov)?;
        }
        let r = imp.commit()?;
        eprintln!(
            "imported {} pairs ({} already in the TM); skipped {skipped} beads that are not 1-1, 2-1 or 1-2",
            r.added, r.duplicates
        );
    }
    Ok(ExitCode::SUCCESS)
}
