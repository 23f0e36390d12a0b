//! Equivalence of the segmenter with its recorded behaviour on real text.
//!
//! `digests.tsv` holds, for each input below, the number of segments and an
//! FNV-1a hash of every segment's `(start, end, paragraph)`, as produced by
//! the segmenter when the file was written (commit 44b6b8c, before the
//! segmenter was reworked for speed, issue 25). A change of the line pass or
//! of the engine that moves a single segment boundary on any of these inputs
//! fails here, naming the input.
//!
//! Inputs (read from `../shared/corpus/` and `../shared/testsets/`):
//! - every press release (`releases/`, `releases-more/`, `seed/`) in its own
//!   language and in English, Spanish, French, Portuguese, German and Italian
//!   (generic rules), as written and with CRLF line ends;
//! - both Don Quixote texts (hard-wrapped at ~70 columns, CRLF), as written
//!   and with every single line end made a space (long lines);
//! - each column of the parallel corpora (`parallel/*.tsv`) as one line per
//!   sentence and as one paragraph;
//! - every input of `testsets/segmentation.tsv`.
//!
//! When the segmenter's output is meant to change (a rule is fixed), rewrite
//! the file with `MEMORIA_WRITE_SEGMENT_DIGESTS=1 cargo test --release -p
//! memoria-core digest` and say why in the commit.

use super::*;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

const LANGS: &[&str] = &["en", "es", "fr", "pt", "de", "it"];

fn shared() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared")
}

fn read(path: &Path) -> String {
    let raw = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    raw.strip_prefix('\u{FEFF}').map(str::to_string).unwrap_or(raw)
}

/// (name, language, text) of every input.
fn inputs() -> Vec<(String, &'static str, String)> {
    let corpus = shared().join("corpus");
    let mut out = Vec::new();
    for dir in ["releases", "releases-more", "seed"] {
        let mut files: Vec<PathBuf> = std::fs::read_dir(corpus.join(dir))
            .unwrap_or_else(|e| panic!("{dir}: {e}"))
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|x| x == "txt"))
            .collect();
        files.sort();
        for path in files {
            let name = format!("{dir}/{}", path.file_name().unwrap().to_string_lossy());
            let text = read(&path);
            let crlf = text.replace("\r\n", "\n").replace('\n', "\r\n");
            for &lang in LANGS {
                out.push((name.clone(), lang, text.clone()));
                out.push((format!("{name} crlf"), lang, crlf.clone()));
            }
        }
    }
    for lang in ["en", "es"] {
        let name = format!("{lang}_don_quixote.txt");
        let text = read(&corpus.join(&name));
        // Single line ends become spaces; blank lines stay.
        let long = text.replace("\r\n", "\n").replace("\n\n", "\u{0}").replace('\n', " ").replace('\u{0}', "\n\n");
        out.push((format!("{name} long lines"), lang, long));
        out.push((name, lang, text));
    }
    let mut tsvs: Vec<PathBuf> =
        std::fs::read_dir(corpus.join("parallel")).unwrap().map(|e| e.unwrap().path()).collect();
    tsvs.retain(|p| p.extension().is_some_and(|x| x == "tsv"));
    tsvs.sort();
    for path in tsvs {
        let text = read(&path);
        let file = path.file_name().unwrap().to_string_lossy().into_owned();
        for (col, lang) in [(0, "es"), (1, "en")] {
            let cells: Vec<&str> = text.lines().filter_map(|l| l.split('\t').nth(col)).collect();
            out.push((format!("parallel/{file} col {col} lines"), lang, cells.join("\n")));
            out.push((format!("parallel/{file} col {col} one paragraph"), lang, cells.join(" ")));
        }
    }
    let sets = read(&shared().join("testsets/segmentation.tsv"));
    for line in sets.lines().skip(1) {
        let f: Vec<&str> = line.split('\t').collect();
        let lang = LANGS.iter().find(|l| **l == f[0]).unwrap_or_else(|| panic!("language {}", f[0]));
        out.push((format!("testsets/segmentation.tsv {}", f[1]), lang, f[2].replace("\\n", "\n").replace("\\t", "\t")));
    }
    out
}

/// (segments, FNV-1a 64 of every segment's start, end and paragraph).
fn digest(segments: &[Segment]) -> (usize, u64) {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for s in segments {
        for v in [s.start, s.end, s.paragraph] {
            for b in (v as u64).to_le_bytes() {
                h ^= u64::from(b);
                h = h.wrapping_mul(0x0100_0000_01b3);
            }
        }
    }
    (segments.len(), h)
}

#[test]
fn digest_of_every_corpus_text_is_unchanged() {
    let file = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/segment/digests.tsv");
    let mut segmenters = HashMap::new();
    let mut table = String::new();
    for (name, lang, text) in inputs() {
        let seg = segmenters
            .entry(lang)
            .or_insert_with(|| SegmenterBuilder::new(LangTag::new(lang).unwrap()).build().unwrap());
        let segments = seg.segment(&text);
        assert_eq!(seg.try_segment(&text).unwrap(), segments, "{name} ({lang}): try_segment differs");
        let (n, h) = digest(&segments);
        writeln!(table, "{name}\t{lang}\t{n}\t{h:016x}").unwrap();
    }
    if std::env::var_os("MEMORIA_WRITE_SEGMENT_DIGESTS").is_some() {
        std::fs::write(&file, &table).unwrap();
        return;
    }
    let want = std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
    let (got, want): (Vec<&str>, Vec<&str>) = (table.lines().collect(), want.lines().collect());
    assert_eq!(got.len(), want.len(), "number of inputs");
    let differ: Vec<String> =
        got.iter().zip(&want).filter(|(g, w)| g != w).map(|(g, w)| format!("got  {g}\nwant {w}")).collect();
    assert!(differ.is_empty(), "{} of {} inputs segment differently:\n{}", differ.len(), got.len(), differ.join("\n"));
}
