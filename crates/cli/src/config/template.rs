//! The commented `memoria.toml` that `memoria init` writes.

use memoria_core::lang::LangTag;

/// The file's text for `source` -> `targets` and the TM `db`: every setting
/// with a comment saying what it does, its flag and variable; the optional
/// ones commented out at their defaults.
pub fn render(source: &LangTag, targets: &[LangTag], db: &str) -> String {
    let targets = targets.iter().map(|t| format!("\"{}\"", t.as_str())).collect::<Vec<_>>().join(", ");
    let db = toml_string(db);
    format!(
        r#"# memoria.toml: settings for every memoria command run in this folder or below it
# (memoria looks for this file in the working directory, then in each folder above it).
# Precedence: a command's flag, then a MEMORIA_* variable, then this file, then memoria's default.
# Relative paths are relative to this file's folder. `memoria config` prints every effective
# setting and where it came from. An unknown key or a bad value stops every command (exit 2).

[languages]
# The default language pair: --from is `source`; --to is every target for pretranslate, analyze
# and check (one XLIFF or report per target), the first target for the commands that take one.
# BCP 47 tags (es, en-GB, fr-CA). Variables: MEMORIA_FROM, MEMORIA_TO (comma-separated).
source = "{source}"
targets = [{targets}]

[tm]
# The translation memory: a SQLite file (created by `memoria import` or `align --import`) or a
# team server's postgres:// URL. Flag --db, variable MEMORIA_DB.
db = {db}
# Seconds a command that writes the TM waits for another writer before exit 3. Flag --wait.
# wait = 10

[match]
# Lowest score (0-101) that fills a target in pretranslate; lower candidates stay as alternatives.
# Flag pretranslate --min-score, variable MEMORIA_MIN_SCORE.
min_score = 75
# Lowest score (0-100) that lookup lists. Flag lookup --min-score, MEMORIA_LOOKUP_MIN_SCORE.
lookup_min_score = 50
# Candidates kept per segment in pretranslate (1-100). Flag --candidates, MEMORIA_CANDIDATES.
# candidates = 5

[analysis]
# Weight of each band in analyze's weighted words (101, 100, repetitions, cross-file repetitions,
# 95-99, 85-94, 75-84, 50-74, no match). Flag analyze --weights, variable MEMORIA_WEIGHTS.
weights = {{ "101" = 0, "100" = 0.1, rep = 0.1, xrep = 0.1, "95" = 0.3, "85" = 0.5, "75" = 0.7, "50" = 1, new = 1 }}

[segmentation]
# SRX 2.0 rules used instead of memoria's own (which cover es, en and fr, and a generic set for
# other languages). Flag --rules, variable MEMORIA_RULES.
# rules = "rules/press.srx"

[terms]
# Termbases (TBX) for terminology lookups and checks. Variable MEMORIA_TERMBASES (comma-separated).
termbases = []

[check]
# Lowest severity that makes `memoria check` fail (exit 1): error, warning or never.
# Flag --fail-on, variable MEMORIA_FAIL_ON.
fail_on = "error"
# Checks switched off, by id (e.g. "same-as-source", "number-added"). Flag --disable, MEMORIA_DISABLE.
disable = []
# Fail only when fewer than this percentage of segments are translated (untranslated segments are
# still reported). Flag --min-translated, variable MEMORIA_MIN_TRANSLATED.
# min_translated = 90

[serve]
# Where the review server listens; loopback by default (give 0.0.0.0:PORT only behind a proxy).
# Variable MEMORIA_SERVE_ADDRESS.
address = "127.0.0.1:8080"
"#,
        source = source.as_str(),
    )
}

/// `s` as a TOML basic string.
fn toml_string(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_template_reads_back_with_its_values() {
        let text = render(
            &LangTag::new("es").unwrap(),
            &[LangTag::new("en").unwrap(), LangTag::new("fr").unwrap()],
            "a\"b.db",
        );
        let f: super::super::file::FileSettings = toml::from_str(&text).unwrap();
        assert_eq!(f.languages.source.unwrap().into_inner(), "es");
        assert_eq!(f.languages.targets.unwrap().into_inner(), vec!["en", "fr"]);
        assert_eq!(f.tm.db.unwrap().into_inner(), "a\"b.db");
        assert_eq!(f.check.fail_on.unwrap().into_inner(), "error");
        assert_eq!(f.analysis.weights.unwrap().into_inner().len(), 9);
    }
}
