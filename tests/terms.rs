//! Terminology end to end: `memoria terms import|export|lookup|list|delete`
//! on the real TBX files of ../shared/corpus/tbx and the sample glossary,
//! terms in lookup/pretranslate output, the terminology checks, bad input.

mod common;

use common::{corpus, sample, stderr, stdout, Scratch};
use serde_json::Value;
use std::collections::BTreeMap;

/// What schema versions 13 and 14 changed, undone (a TM of an older version).
const UNDO_13_14: &str = include_str!("../crates/store/tests/undo_schema_13_14.sql");

fn json(o: &std::process::Output) -> Value {
    assert!(o.status.success(), "{}", stderr(o));
    serde_json::from_str(&stdout(o)).unwrap_or_else(|e| panic!("{e}: {}", stdout(o)))
}

/// The entries of the TM as `terms list --format json` gives them (without the TM's keys).
fn entries(s: &Scratch) -> Vec<Value> {
    let v = json(&s.run(&["terms", "list", "--format", "json"]));
    v.as_array().unwrap().iter().map(|e| e["entry"].clone()).collect()
}

fn counts(v: &Value) -> BTreeMap<String, u64> {
    v.as_object().unwrap().iter().map(|(k, n)| (k.clone(), n.as_u64().unwrap())).collect()
}

/// (file, format, entries, terms per language, empty terms skipped): counts of `<term>` elements
/// from ../shared/corpus/tbx/SOURCES.md; the SDL file's 44 empty `<term/>` are skipped with a reason.
const CORPUS: &[(&str, &str, u64, &[(&str, u64)], usize)] = &[
    ("lisa-tbx2008_ibm_tbx.tbx", "TBX 2008 (martif)", 5, &[("en", 6), ("fr", 5)], 0),
    ("lisa-tbx2008_maryland.tbx", "TBX 2008 (martif)", 1, &[("en", 2), ("es", 4), ("fr", 3), ("it", 4)], 0),
    ("lisa-tbx2008_oracle_TBX.tbx", "TBX 2008 (martif)", 2, &[("en", 3), ("pt", 3)], 0),
    ("lisa-tbx2008_sdl_tbx.tbx", "TBX 2008 (martif)", 223, &[("de", 233), ("en", 239)], 44),
    (
        "tbx3-basic-dca_Example_Astronomy_DCA_VALID.tbx",
        "TBX v3 TBX-Basic (dca)",
        45,
        &[("en", 55), ("es", 52), ("zu", 6)],
        0,
    ),
];

#[test]
fn every_corpus_tbx_file_imports_with_its_entries_and_terms_per_language() {
    for (file, format, n, terms, empty) in CORPUS {
        let s = Scratch::new();
        let v = json(&s.run(&["terms", "import", &corpus(&format!("tbx/{file}")), "--format", "json"]));
        let f = &v["files"][0];
        assert_eq!(f["format"], *format, "{file}");
        assert_eq!(f["entries"], *n, "{file}");
        let want: BTreeMap<String, u64> = terms.iter().map(|(l, c)| (l.to_string(), *c)).collect();
        assert_eq!(counts(&f["terms"]), want, "{file}");
        let skipped = f["skipped"].as_array().unwrap();
        assert_eq!(skipped.len(), *empty, "{file}");
        assert!(skipped.iter().all(|k| k["reason"] == "empty term"), "{file}");
        assert_eq!(v["summary"]["added"], *n, "{file}");
        assert_eq!(entries(&s).len() as u64, *n);
    }
}

#[test]
fn corpus_entries_keep_their_data_categories() {
    let s = Scratch::new();
    json(&s.run(&[
        "terms",
        "import",
        &corpus("tbx/tbx3-basic-dca_Example_Astronomy_DCA_VALID.tbx"),
        "--format",
        "json",
    ]));
    let all = entries(&s);
    let c1 = &all[0];
    assert_eq!(c1["id"], "c1");
    assert_eq!(c1["subject"], "General");
    assert_eq!(c1["notes"][0], "G-Source: http://www.physics.drexel.edu/observatory/dump.shtml");
    assert_eq!(c1["fields"][0]["element"], "xref");
    assert_eq!(c1["terms"][0]["text"], "open cluster");
    assert_eq!(c1["terms"][0]["status"], "preferred");
    assert_eq!(c1["terms"][0]["pos"], "noun");
    let statuses: std::collections::BTreeSet<String> = all
        .iter()
        .flat_map(|e| e["terms"].as_array().unwrap().clone())
        .filter_map(|t| t["status"].as_str().map(String::from))
        .collect();
    assert_eq!(statuses.into_iter().collect::<Vec<_>>(), ["admitted", "deprecated", "preferred", "superseded"]);
    // ntig with termGrp (Maryland): four languages, term types kept.
    let s = Scratch::new();
    json(&s.run(&["terms", "import", &corpus("tbx/lisa-tbx2008_maryland.tbx"), "--format", "json"]));
    let e = &entries(&s)[0];
    assert_eq!(e["id"], "eid-VocCod-211.01");
    assert_eq!(e["terms"][0]["text"], "copiste");
    assert_eq!(e["terms"][0]["term_type"], "entryTerm");
    assert_eq!(e["terms"][2]["text"], "écrivain");
}

#[test]
fn export_then_import_gives_the_same_entries_for_every_corpus_file_and_the_sample() {
    let mut files: Vec<String> = CORPUS.iter().map(|c| corpus(&format!("tbx/{}", c.0))).collect();
    files.push(sample("terms/migration.tbx"));
    for file in files {
        let a = Scratch::new();
        json(&a.run(&["terms", "import", &file, "--format", "json"]));
        let out = a.path("out.tbx");
        let o = a.run(&["terms", "export", "-o", out.to_str().unwrap()]);
        assert!(o.status.success(), "{}", stderr(&o));
        let b = Scratch::new();
        json(&b.run(&["terms", "import", out.to_str().unwrap(), "--format", "json"]));
        assert_eq!(entries(&a), entries(&b), "{file}");
        let again = b.path("again.tbx");
        assert!(b.run(&["terms", "export", "-o", again.to_str().unwrap()]).status.success());
        assert_eq!(std::fs::read(&out).unwrap(), std::fs::read(&again).unwrap(), "{file}");
        let x = std::fs::read_to_string(&out).unwrap();
        assert!(
            x.contains("<tbx type=\"TBX-Basic\" style=\"dca\" xml:lang=\"en\" xmlns=\"urn:iso:std:iso:30042:ed-2\">")
        );
    }
}

#[test]
fn importing_the_same_glossary_again_changes_nothing() {
    let s = Scratch::new();
    let g = sample("terms/migration.tbx");
    assert_eq!(json(&s.run(&["terms", "import", &g, "--format", "json"]))["summary"]["added"], 21);
    let v = json(&s.run(&["terms", "import", &g, "--format", "json"]));
    assert_eq!((v["summary"]["added"].as_u64(), v["summary"]["unchanged"].as_u64()), (Some(0), Some(21)));
    assert_eq!(entries(&s).len(), 21);
}

#[test]
fn csv_and_tsv_glossaries_import_with_synonyms_and_statuses() {
    let s = Scratch::new();
    let csv = s.path("g.csv");
    std::fs::write(
        &csv,
        "id,es,en,en:status\nt1,trata de personas,trafficking in persons | trade in people,preferred | deprecated\n",
    )
    .unwrap();
    let tsv = s.path("g.tsv");
    std::fs::write(&tsv, "es\tfr\npersona desplazada\tpersonne déplacée\n").unwrap();
    let v = json(&s.run(&["terms", "import", csv.to_str().unwrap(), tsv.to_str().unwrap(), "--format", "json"]));
    assert_eq!(v["files"][0]["format"], "CSV");
    assert_eq!(v["files"][1]["format"], "TSV");
    assert_eq!(counts(&v["summary"]["terms"]), BTreeMap::from([("en".into(), 2), ("es".into(), 2), ("fr".into(), 1)]));
    let e = entries(&s);
    assert_eq!(e[0]["terms"][2]["status"], "deprecated");
    assert_eq!(e[1]["id"], "g-2");
}

#[test]
fn lookup_finds_inflected_multiword_terms_with_their_targets() {
    let s = Scratch::new();
    json(&s.run(&["terms", "import", &sample("terms/migration.tbx"), "--format", "json"]));
    let v = json(&s.run(&[
        "terms",
        "lookup",
        "Las personas desplazadas, víctimas de trata, y la OIM; el oim no.",
        "--from",
        "es",
        "--to",
        "fr",
        "--format",
        "json",
    ]));
    let found: Vec<(String, String, String)> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|t| {
            (
                t["text"].as_str().unwrap().into(),
                t["entry"].as_str().unwrap().into(),
                t["targets"][0]["term"].as_str().unwrap().into(),
            )
        })
        .collect();
    assert_eq!(
        found,
        [
            ("personas desplazadas".to_string(), "persona-desplazada".to_string(), "personne déplacée".to_string()),
            ("víctimas de trata".into(), "victima-trata".into(), "victime de la traite".into()),
            ("OIM".into(), "oim".into(), "OIM".into()),
        ]
    );
    // lookup shows them beside the matches.
    let o = s.run(&["lookup", "La trata de personas crece.", "--from", "es", "--to", "en"]);
    assert!(
        stdout(&o)
            .contains("terms:\n     trata de personas → trafficking in persons (preferred); human trafficking (admitted); trade in people (deprecated) [entry trata-personas]\n"),
        "{}",
        stdout(&o)
    );
}

/// A release and its translation with one planted problem of each kind, and inflected forms that must pass.
const RELEASE: &str = "\
Las personas desplazadas llegaron a la frontera.
La víctima de trata habló con las personas desplazadas.
Un migrante irregular fue detenido.
Debian anuncia el soporte a largo plazo.
La OIM trabaja en Argentina.
La trata de personas es un delito.
Combatir la trata de personas.
Los voluntarios y los desarrolladores ayudan.
";
const TARGETS: [&str; 8] = [
    "The people arrived at the border.",
    "The victim of trafficking spoke with the displaced persons.",
    "An illegal immigrant was detained.",
    "DEBIAN announces Long Term Support.",
    "The IOM works in Argentina.",
    "Trafficking in persons is a crime.",
    "Fighting human trafficking.",
    "Volunteers and developers help.",
];
/// (check, line, column, entry) of the planted problems.
const PLANTED: [(&str, u64, u64, &str); 4] = [
    ("term-missing", 1, 5, "persona-desplazada"),
    ("term-forbidden", 3, 1, "migrante-irregular"),
    ("term-untranslatable", 4, 1, "debian"),
    ("term-inconsistent", 7, 13, "trata-personas"),
];

fn planted_setup() -> (Scratch, String, String) {
    let s = Scratch::new();
    json(&s.run(&["terms", "import", &sample("terms/migration.tbx"), "--format", "json"]));
    let rel = s.path("r.es.txt");
    std::fs::write(&rel, RELEASE).unwrap();
    let mut x = String::from("<?xml version=\"1.0\"?>\n<xliff version=\"1.2\" xmlns=\"urn:oasis:names:tc:xliff:document:1.2\"><file original=\"r.es.txt\" source-language=\"es\" target-language=\"en\" datatype=\"plaintext\"><body>\n");
    for (k, (src, tgt)) in RELEASE.lines().zip(TARGETS).enumerate() {
        x.push_str(&format!(
            "<trans-unit id=\"{}\"><source>{src}</source><target state=\"translated\">{tgt}</target></trans-unit>\n",
            k + 1
        ));
    }
    x.push_str("</body></file></xliff>\n");
    let xlf = s.path("r.xlf");
    std::fs::write(&xlf, x).unwrap();
    (s, rel.to_str().unwrap().to_string(), xlf.to_str().unwrap().to_string())
}

fn term_findings(v: &Value) -> Vec<(String, u64, u64, String)> {
    v["files"][0]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["check"].as_str().unwrap().starts_with("term-"))
        .map(|f| {
            (
                f["check"].as_str().unwrap().into(),
                f["line"].as_u64().unwrap(),
                f["column"].as_u64().unwrap(),
                f["entry"].as_str().unwrap().into(),
            )
        })
        .collect()
}

fn planted() -> Vec<(String, u64, u64, String)> {
    PLANTED.iter().map(|(c, l, col, e)| (c.to_string(), *l, *col, e.to_string())).collect()
}

#[test]
fn check_with_xliff_finds_exactly_the_planted_term_problems() {
    let (s, rel, xlf) = planted_setup();
    let o = s.run(&[
        "check",
        &rel,
        "--from",
        "es",
        "--to",
        "en",
        "--xliff",
        &xlf,
        "--format",
        "json",
        "--fail-on",
        "never",
    ]);
    assert_eq!(term_findings(&json(&o)), planted());
    // Severities: missing and inconsistent warn, forbidden and untranslatable are errors; --terms-strict makes missing one.
    let o = s.run(&[
        "check",
        &rel,
        "--from",
        "es",
        "--to",
        "en",
        "--xliff",
        &xlf,
        "--format",
        "json",
        "--terms-strict",
        "--fail-on",
        "never",
    ]);
    let v = json(&o);
    let sev: Vec<&str> = v["files"][0]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["check"] == "term-missing")
        .map(|f| f["severity"].as_str().unwrap())
        .collect();
    assert_eq!(sev, ["error"]);
    // Every output format carries them.
    let text = stdout(&s.run(&["check", &rel, "--from", "es", "--to", "en", "--xliff", &xlf]));
    assert!(text.contains("r.es.txt:3:1: term-forbidden: the target uses «illegal immigrant», a forbidden term (entry migrante-irregular); use «irregular migrant»"), "{text}");
    let o = s.run(&["check", &rel, "--from", "es", "--to", "en", "--xliff", &xlf, "--format", "sarif"]);
    assert_eq!(o.status.code(), Some(1), "errors fail the check");
    let sarif: Value = serde_json::from_str(&stdout(&o)).unwrap();
    let rules: Vec<&str> = sarif["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    assert!(rules.contains(&"term-untranslatable"));
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    assert!(results
        .iter()
        .any(|r| r["ruleId"] == "term-inconsistent"
            && r["locations"][0]["physicalLocation"]["region"]["startColumn"] == 13));
    let junit = stdout(&s.run(&["check", &rel, "--from", "es", "--to", "en", "--xliff", &xlf, "--format", "junit"]));
    assert!(junit.contains("<failure type=\"term-untranslatable\""), "{junit}");
    let gh = stdout(&s.run(&["check", &rel, "--from", "es", "--to", "en", "--xliff", &xlf, "--format", "github"]));
    assert!(gh.contains("::warning file=") && gh.contains("line=1,col=5,title=term-missing::"), "{gh}");
    // --disable switches them off.
    let o = s.run(&[
        "check",
        &rel,
        "--from",
        "es",
        "--to",
        "en",
        "--xliff",
        &xlf,
        "--format",
        "json",
        "--fail-on",
        "never",
        "--disable",
        "term-missing,term-forbidden,term-untranslatable,term-inconsistent",
    ]);
    assert!(term_findings(&json(&o)).is_empty());
}

#[test]
fn check_with_the_tm_finds_the_same_planted_term_problems() {
    let (s, rel, _) = planted_setup();
    let mut tmx = String::from("<tmx version=\"1.4\"><header srclang=\"es\" segtype=\"sentence\" o-tmf=\"x\" adminlang=\"en\" datatype=\"plaintext\" creationtool=\"t\" creationtoolversion=\"1\"/><body>\n");
    for (src, tgt) in RELEASE.lines().zip(TARGETS) {
        tmx.push_str(&format!(
            "<tu><tuv xml:lang=\"es\"><seg>{src}</seg></tuv><tuv xml:lang=\"en\"><seg>{tgt}</seg></tuv></tu>\n"
        ));
    }
    tmx.push_str("</body></tmx>\n");
    let p = s.path("pairs.tmx");
    std::fs::write(&p, tmx).unwrap();
    assert!(s.run(&["import", p.to_str().unwrap()]).status.success());
    let o = s.run(&["check", &rel, "--from", "es", "--to", "en", "--format", "json", "--fail-on", "never"]);
    assert_eq!(term_findings(&json(&o)), planted());
}

#[test]
fn pretranslate_carries_terms_in_json_and_both_xliff_versions() {
    let (s, rel, _) = planted_setup();
    let v = json(&s.run(&["pretranslate", &rel, "--from", "es", "--to", "en", "--format", "json"]));
    let t = &v["files"][0]["units"][0]["terms"][0];
    assert_eq!((t["text"].as_str(), t["entry"].as_str()), (Some("personas desplazadas"), Some("persona-desplazada")));
    assert_eq!(t["targets"][0]["term"], "displaced person");
    let x12 = stdout(&s.run(&["pretranslate", &rel, "--from", "es", "--to", "en", "--format", "xliff12"]));
    assert!(x12.contains("<note from=\"memoria-terms\">persona desplazada → displaced person (preferred) [entry persona-desplazada]</note>"), "{x12}");
    let x21 = stdout(&s.run(&["pretranslate", &rel, "--from", "es", "--to", "en", "--format", "xliff21"]));
    assert!(x21.contains("xmlns:gls=\"urn:oasis:names:tc:xliff:glossary:2.0\""));
    assert!(x21.contains("<gls:glossEntry>\n          <gls:term source=\"migration.tbx\">migrante irregular</gls:term>\n          <gls:translation source=\"migration.tbx\">irregular migrant</gls:translation>\n          <gls:definition source=\"migration.tbx\">"), "{x21}");
    // The XLIFF 2.1 with glossary still reads back for check --xliff.
    let p = s.path("r21.xlf");
    std::fs::write(&p, &x21).unwrap();
    let o = s.run(&[
        "check",
        &rel,
        "--from",
        "es",
        "--to",
        "en",
        "--xliff",
        p.to_str().unwrap(),
        "--format",
        "json",
        "--fail-on",
        "never",
    ]);
    assert_eq!(json(&o)["files"][0]["segments"], 8);
}

#[test]
fn list_and_delete_select_by_id_glossary_and_language() {
    let s = Scratch::new();
    json(&s.run(&[
        "terms",
        "import",
        &sample("terms/migration.tbx"),
        &corpus("tbx/lisa-tbx2008_ibm_tbx.tbx"),
        "--format",
        "json",
    ]));
    assert_eq!(entries(&s).len(), 26);
    let fr_en = json(&s.run(&[
        "terms",
        "list",
        "--lang",
        "fr,en",
        "--collection",
        "lisa-tbx2008_ibm_tbx.tbx",
        "--format",
        "json",
    ]));
    assert_eq!(fr_en.as_array().unwrap().len(), 5);
    let es_only = json(&s.run(&["terms", "list", "--lang", "es", "--format", "json"]));
    assert_eq!(es_only.as_array().unwrap().len(), 21);
    assert!(s.run(&["terms", "delete", "oim", "debian"]).status.success());
    assert_eq!(entries(&s).len(), 24);
    assert!(s.run(&["terms", "delete", "--collection", "lisa-tbx2008_ibm_tbx.tbx"]).status.success());
    assert_eq!(entries(&s).len(), 19);
    let o = s.run(&["terms", "delete"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(s.run(&["terms", "delete", "--all"]).status.success());
    assert!(entries(&s).is_empty());
}

/// Runs a bad import after a good one: exit 2, a message naming the place, the TM as it was.
fn refused(name: &str, body: &str, want: &str) {
    let s = Scratch::new();
    json(&s.run(&["terms", "import", &sample("terms/migration.tbx"), "--format", "json"]));
    let before = entries(&s);
    let p = s.path(name);
    std::fs::write(&p, body).unwrap();
    let other = s.path("other.csv");
    std::fs::write(&other, "es,en\nnuevo,new\n").unwrap();
    let o = s.run(&["terms", "import", other.to_str().unwrap(), p.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2), "{name}: {}", stderr(&o));
    let e = stderr(&o);
    assert!(e.contains(&format!("{}{want}", p.display())), "{name}: {e}");
    assert_eq!(entries(&s), before, "{name}: the TM changed");
}

#[test]
fn bad_glossaries_exit_2_naming_the_place_and_leave_the_tm_unchanged() {
    refused(
        "broken.tbx",
        "<tbx xmlns=\"urn:iso:std:iso:30042:ed-2\"><text><body>\n<conceptEntry id=\"a\"><langSec xml:lang=\"en\"><termSec><term>ok</term></termSec></langSec></conceptEntry>\n<conceptEntry id=\"b\"><langSec xml:lang=\"en\"><termSec><term>x</term></langSec>",
        ":3:",
    );
    refused(
        "bomb.tbx",
        "<?xml version=\"1.0\"?>\n<!DOCTYPE martif [\n<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\"><!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">]>\n<martif><text><body><termEntry><langSet xml:lang=\"en\"><tig><term>&c;</term></tig></langSet></termEntry></body></text></martif>",
        ":2:1: DOCTYPE declares entities",
    );
    refused("undefined.tbx", "<martif><text><body><termEntry><langSet xml:lang=\"en\">\n<tig><term>&nope;</term></tig></langSet></termEntry></body></text></martif>", ":2:");
    refused(
        "not.tbx",
        "<html><body>no</body></html>",
        ":1:1: root element is <html>; expected <martif> (TBX 2008) or <tbx> (TBX v3)",
    );
    refused("header.csv", "es,English\nhola,hello\n", ":1:4: header cell \"English\" is neither a language tag");
    refused("ragged.csv", "es,en\nhola,hello\nadiós,bye,extra\n", ":3:1: row has 3 cells; the header has 2");
    refused("nolang.csv", "id,note\n1,x\n", ":1:1: the header names no language");
}

#[test]
fn a_version_4_tm_is_migrated_and_takes_terms() {
    let s = Scratch::new();
    json(&s.run(&["terms", "import", &sample("terms/migration.tbx"), "--format", "json"]));
    {
        let c = rusqlite::Connection::open(s.db()).unwrap();
        c.execute_batch(UNDO_13_14).unwrap();
        c.execute_batch(
            "DROP TABLE term; DROP TABLE term_entry; DROP TABLE audit; ALTER TABLE header DROP COLUMN layout;
             DROP TABLE tu_collection; PRAGMA user_version = 4;",
        )
        .unwrap();
    }
    assert!(entries(&s).is_empty(), "read-only commands see no terms in a version 4 TM");
    let v = json(&s.run(&["terms", "import", &sample("terms/migration.tbx"), "--format", "json"]));
    assert_eq!(v["summary"]["added"], 21);
    let version: i64 =
        rusqlite::Connection::open(s.db()).unwrap().query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
    assert_eq!(version, memoria_store::SCHEMA_VERSION);
}
