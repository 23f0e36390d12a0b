//! `memoria export`: write the TM as TMX 1.4b.

use super::Global;
use anyhow::Result;
use memoria_core::lang::LangTag;
use memoria_core::tu::{Header, Tu};
use memoria_formats::tmx::{OutputEncoding, TmxWriter, WriteOptions};
use memoria_store::ExportFilter;
use std::path::PathBuf;
use std::process::ExitCode;

/// Export the TM (or part of it) as TMX 1.4b, with every attribute, prop, note and inline code as imported,
/// and with --collection the collection's TMX header as imported.
#[derive(clap::Args, Debug)]
#[command(after_help = "\
The header: with --collection, the <header> of the TMX file that collection was imported from,
as imported (every attribute, prop, note and <ude> map; srclang is changed only when --langs drops
its language, to the first --langs tag). Without --collection (TUs of several files), memoria's
own header (creationtool memoria, o-tmf \"memoria SQLite TM\", srclang the first --langs tag or the
first TU's source), carrying the <ude> maps of every imported collection so that their custom
characters stay defined; two udes of the same name with different maps: the first imported is
kept, with a warning on stderr. A collection imported before memoria kept headers (schema
version 3), or aligned with `memoria align --import`, gets memoria's header.

The file is written whole or not at all: into a new temporary file beside it (created exclusively,
with an unpredictable name, given the old file's permissions), renamed over it at the end, removed
on an error or on SIGINT/SIGTERM. -o - writes to standard output; a device or FIFO is written into.

Examples:
  memoria export -o tm.tmx
  memoria export -o es-en.tmx --langs es,en --since 2024-01-01
  memoria export -o trados.tmx --collection client.tmx --encoding utf-16le")]
pub struct Args {
    /// The TMX file to write (replaced whole at the end), or - for standard output.
    #[arg(short, long)]
    pub output: PathBuf,
    /// Only TUs having every one of these languages (comma-separated BCP 47 tags; `es` also takes `es-AR`), with only those variants.
    #[arg(long, value_delimiter = ',', value_parser = memoria_core::lang::check_user_tag)]
    pub langs: Vec<LangTag>,
    /// Only TUs changed (changedate, else creationdate, else import time) on or after this date: YYYY-MM-DD, YYYYMMDD or YYYYMMDDThhmmssZ.
    #[arg(long, value_parser = memoria_core::date::parse_user)]
    pub since: Option<String>,
    /// Only TUs imported from this collection (the TMX file name they came from), under that file's header as imported.
    #[arg(long)]
    pub collection: Option<String>,
    /// Output encoding: utf-8, or utf-16le with a BOM (as Trados writes).
    #[arg(long, value_enum, default_value = "utf-8")]
    pub encoding: Encoding,
}

/// `--encoding` values.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    #[value(name = "utf-8")]
    Utf8,
    #[value(name = "utf-16le")]
    Utf16Le,
}

impl From<Encoding> for OutputEncoding {
    fn from(e: Encoding) -> OutputEncoding {
        match e {
            Encoding::Utf8 => OutputEncoding::Utf8,
            Encoding::Utf16Le => OutputEncoding::Utf16Le,
        }
    }
}

pub fn run(args: Args, g: &Global) -> Result<ExitCode> {
    g.refuse_output_over(&args.output, &[])?;
    let tm = g.open_existing_tm()?;
    let stored = match &args.collection {
        Some(c) => {
            let h = tm.header(c)?;
            if h.is_none() {
                if tm.collections()?.iter().any(|k| k.collection.as_ref() == Some(c)) {
                    msg!("note: no TMX header stored for collection {c:?}; writing memoria's header");
                } else {
                    let mut names: Vec<String> = tm.collections()?.into_iter().filter_map(|k| k.collection).collect();
                    names.dedup();
                    let list = if names.is_empty() { "none".to_string() } else { names.join(", ") };
                    anyhow::bail!("--collection {c:?}: the TM has no such collection; its collections: {list}");
                }
            }
            h
        }
        None => None,
    };
    let udes = if stored.is_none() {
        let (udes, conflicts) = merge_udes(&tm.headers()?);
        for c in conflicts {
            msg!("warning: {c}");
        }
        udes
    } else {
        vec![]
    };
    let out = crate::output::Output::create(Some(&args.output))?;
    let name = out.name().to_string();
    let mut w = TmxWriter::new(out, WriteOptions { encoding: args.encoding.into(), doctype: true });
    let filter =
        ExportFilter { langs: args.langs.clone(), since: args.since.clone(), collection: args.collection.clone() };
    let mut header_lang: Option<String> = None;
    let mut count = 0u64;
    let cannot_write = |e: std::io::Error| anyhow::anyhow!("{name}: cannot write: {}", crate::output::io_words(&e));
    for tu in tm.export(&filter)? {
        let mut tu: Tu = tu?;
        let source = tu.attr("srclang").map(String::from).or_else(|| tu.tuvs.first().map(|v| v.lang.to_string()));
        if header_lang.is_none() {
            let h = export_header(stored.as_ref(), &udes, &args.langs, source.as_deref());
            w.write_header(&h).map_err(cannot_write)?;
            // A stored header without srclang is written with `*all*`
            // (TmxWriter::write_header): once, before the first TU.
            header_lang = Some(h.attr("srclang").unwrap_or("*all*").to_string());
        }
        // A TU without srclang has its source first (memoria align); say
        // so when the header's srclang is another language (not when an
        // imported header says `*all*`: any variant may be the source).
        if tu.attr("srclang").is_none()
            && source.is_some()
            && source != header_lang
            && header_lang.as_deref() != Some("*all*")
        {
            tu.set_attr("srclang", source.as_deref().unwrap_or_default());
        }
        w.write_tu(&tu).map_err(cannot_write)?;
        count += 1;
    }
    if header_lang.is_none() {
        w.write_header(&export_header(stored.as_ref(), &udes, &args.langs, None)).map_err(cannot_write)?;
    }
    w.finish().map_err(cannot_write)?.finish()?;
    msg!("exported {count} TUs to {name}");
    Ok(ExitCode::SUCCESS)
}

/// The header written: the collection's `stored` header, with `srclang`
/// set to the first of `langs` when `langs` drops its language; else
/// memoria's own ([`header`]) with `udes`, its `srclang` the first of `langs`,
/// else `first_source` (the first TU's source language), else `*all*`.
fn export_header(stored: Option<&Header>, udes: &[String], langs: &[LangTag], first_source: Option<&str>) -> Header {
    if let Some(h) = stored {
        let mut h = h.clone();
        let dropped = h
            .attr("srclang")
            .and_then(|s| LangTag::new(s).ok())
            .is_some_and(|s| !langs.is_empty() && !langs.iter().any(|l| l.fit(&s) > 0));
        if dropped {
            h.set_attr("srclang", langs[0].as_str());
        }
        return h;
    }
    let lang = langs.first().map(|l| l.to_string()).or(first_source.map(String::from)).unwrap_or("*all*".into());
    let mut h = header(&lang);
    h.udes = udes.to_vec();
    h
}

/// The `<ude>` elements of every header (in the order given: import order),
/// one per `name`: a later ude of a name already taken is dropped, and when
/// its `base` or `<map>`s differ from the kept one's, a warning naming both
/// collections is returned beside the list. A ude that cannot be parsed is
/// kept unless the same text is already kept.
fn merge_udes(headers: &[(String, Header)]) -> (Vec<String>, Vec<String>) {
    let mut kept: Vec<(Option<UdeMaps>, &str, &String)> = vec![];
    let mut warnings = vec![];
    for (collection, h) in headers {
        for raw in &h.udes {
            let parsed = parse_ude(raw);
            let same_name = kept.iter().find(|(k, _, r)| match (&parsed, k) {
                (Some(p), Some(k)) => p.name == k.name,
                _ => *r == raw,
            });
            match same_name {
                None => kept.push((parsed, collection, raw)),
                Some((k, first, _)) => {
                    if let (Some(p), Some(k)) = (&parsed, k) {
                        if p != k {
                            warnings.push(format!(
                                "<ude name=\"{}\"> of collection {collection:?} has other maps than the one of {first:?}; keeping {first:?}'s",
                                p.name
                            ));
                        }
                    }
                }
            }
        }
    }
    (kept.into_iter().map(|(_, _, r)| r.clone()).collect(), warnings)
}

/// What a `<ude>` defines: its name, base and each `<map>`'s attributes
/// (sorted by name, values unescaped), in order.
#[derive(Debug, PartialEq, Eq)]
struct UdeMaps {
    name: String,
    base: Option<String>,
    maps: Vec<Vec<(String, String)>>,
}

/// Parses a verbatim `<ude>` element; `None` when it is not one.
fn parse_ude(raw: &str) -> Option<UdeMaps> {
    use quick_xml::events::{BytesStart, Event};
    let attrs = |e: &BytesStart<'_>| -> Option<Vec<(String, String)>> {
        let mut v = e
            .attributes()
            .map(|a| {
                let a = a.ok()?;
                Some((String::from_utf8_lossy(a.key.as_ref()).into_owned(), a.unescape_value().ok()?.into_owned()))
            })
            .collect::<Option<Vec<_>>>()?;
        v.sort();
        Some(v)
    };
    let mut r = quick_xml::Reader::from_str(raw);
    let mut ude: Option<UdeMaps> = None;
    loop {
        match r.read_event().ok()? {
            Event::Start(e) | Event::Empty(e) if e.name().as_ref() == b"ude" && ude.is_none() => {
                let a = attrs(&e)?;
                let get = |n: &str| a.iter().find(|(k, _)| k == n).map(|(_, v)| v.clone());
                ude = Some(UdeMaps { name: get("name")?, base: get("base"), maps: vec![] });
            }
            Event::Start(e) | Event::Empty(e) if e.name().as_ref() == b"map" => ude.as_mut()?.maps.push(attrs(&e)?),
            Event::Eof => return ude,
            _ => {}
        }
    }
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
    h.set_attr("creationdate", &memoria_core::date::format_tmx(memoria_core::date::now()));
    h
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with_udes(udes: &[&str]) -> Header {
        Header { udes: udes.iter().map(|u| u.to_string()).collect(), ..Header::default() }
    }

    #[test]
    fn udes_merge_by_name_and_layout_or_attribute_order_is_no_conflict() {
        let mac = "<ude name=\"MacRoman\" base=\"Macintosh\">\n  <map unicode=\"#xF8FF\" code=\"#xF0\" ent=\"AppleLogo\"/>\n</ude>";
        let same =
            "<ude base=\"Macintosh\" name=\"MacRoman\"><map ent=\"AppleLogo\" code=\"#xF0\" unicode=\"#xF8FF\"/></ude>";
        let other_base = "<ude name=\"MacRoman\" base=\"MacCyrillic\"><map unicode=\"#xF8FF\" code=\"#xF0\" ent=\"AppleLogo\"/></ude>";
        let sym = "<ude name=\"Symbols\"><map unicode=\"#xE001\" subst=\"(R)\"/></ude>";
        let headers = vec![
            ("a.tmx".to_string(), with_udes(&[mac])),
            ("b.tmx".to_string(), with_udes(&[same, sym])),
            ("c.tmx".to_string(), with_udes(&[other_base, sym])),
        ];
        let (udes, warnings) = merge_udes(&headers);
        assert_eq!(udes, [mac, sym]);
        assert_eq!(
            warnings,
            ["<ude name=\"MacRoman\"> of collection \"c.tmx\" has other maps than the one of \"a.tmx\"; keeping \"a.tmx\"'s"]
        );
        let parsed = parse_ude(mac).unwrap();
        assert_eq!(
            (parsed.name.as_str(), parsed.base.as_deref(), parsed.maps.len()),
            ("MacRoman", Some("Macintosh"), 1)
        );
        assert_eq!(parsed.maps[0][0], ("code".to_string(), "#xF0".to_string()));
        assert!(parse_ude("<map unicode=\"#xE001\"/>").is_none());
    }
}
