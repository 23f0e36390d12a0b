//! QA checks on the translations of a release: what `memoria check` reports.
//!
//! Every unit of a release (see [`crate::units`]) gets its translation
//! from the TM or from an XLIFF file; [`Checker::unit`] runs the per-unit
//! checks of [`checks`] on it and [`Checker`] itself finds inconsistent
//! translations across every unit it has seen. Each [`Finding`] names the
//! release file, line and column where the unit starts, never an internal
//! segment number. Errors: untranslated, number mismatch, inline tag
//! mismatch, URL and e-mail mismatch. Warnings: target same as source,
//! inconsistent translation, white space, end punctuation. The checks and
//! their defaults follow Okapi CheckMate, Xbench and Translate Toolkit's
//! pofilter (see `DESIGN.md`), with pofilter's false alarms fixed: numbers are
//! compared by value in each language's notation (`1.200` es = `1,200` en).
//! With a glossary ([`Checker::with_terms`]) the terminology checks of
//! [`terms`] run too: term-missing, term-forbidden, term-untranslatable,
//! term-inconsistent; their findings name the entry.

pub mod checks;
pub mod terms;

use memoria_core::content::Content;
use memoria_core::lang::LangTag;
use memoria_core::normalize::normalize;
use std::collections::HashMap;

/// How bad a finding is. Ordered: `Warning < Error`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// A check, with a stable id (used in reports, SARIF rule ids, `--disable`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Check {
    Untranslated,
    NumberMismatch,
    NumberAdded,
    TagMismatch,
    UrlMismatch,
    EmailMismatch,
    SameAsSource,
    Inconsistent,
    Whitespace,
    EndPunctuation,
    TermMissing,
    TermForbidden,
    TermUntranslatable,
    TermInconsistent,
}

impl Check {
    /// Every check, errors first.
    pub const ALL: [Check; 14] = [
        Check::Untranslated,
        Check::NumberMismatch,
        Check::TagMismatch,
        Check::UrlMismatch,
        Check::EmailMismatch,
        Check::TermForbidden,
        Check::TermUntranslatable,
        Check::NumberAdded,
        Check::SameAsSource,
        Check::Inconsistent,
        Check::Whitespace,
        Check::EndPunctuation,
        Check::TermMissing,
        Check::TermInconsistent,
    ];

    /// The id: `untranslated`, `number-mismatch`, `tag-mismatch`,
    /// `url-mismatch`, `email-mismatch`, `number-added`, `same-as-source`,
    /// `inconsistent`, `whitespace`, `end-punctuation`, `term-missing`,
    /// `term-forbidden`, `term-untranslatable`, `term-inconsistent`.
    pub fn id(self) -> &'static str {
        match self {
            Check::Untranslated => "untranslated",
            Check::NumberMismatch => "number-mismatch",
            Check::NumberAdded => "number-added",
            Check::TagMismatch => "tag-mismatch",
            Check::UrlMismatch => "url-mismatch",
            Check::EmailMismatch => "email-mismatch",
            Check::SameAsSource => "same-as-source",
            Check::Inconsistent => "inconsistent",
            Check::Whitespace => "whitespace",
            Check::EndPunctuation => "end-punctuation",
            Check::TermMissing => "term-missing",
            Check::TermForbidden => "term-forbidden",
            Check::TermUntranslatable => "term-untranslatable",
            Check::TermInconsistent => "term-inconsistent",
        }
    }

    /// The check with id `id`.
    pub fn from_id(id: &str) -> Option<Check> {
        Check::ALL.into_iter().find(|c| c.id() == id)
    }

    pub fn severity(self) -> Severity {
        match self {
            Check::Untranslated
            | Check::NumberMismatch
            | Check::TagMismatch
            | Check::UrlMismatch
            | Check::EmailMismatch
            | Check::TermForbidden
            | Check::TermUntranslatable => Severity::Error,
            _ => Severity::Warning,
        }
    }

    /// One line saying what the check finds.
    pub fn description(self) -> &'static str {
        match self {
            Check::Untranslated => "The segment has no translation (no exact TM match, or an empty XLIFF target).",
            Check::NumberMismatch => {
                "Source and target do not hold the same numbers, dates and amounts (compared by value in each language's notation)."
            }
            Check::NumberAdded => {
                "The target holds a number, date or amount the source does not (an added year or version), and nothing of the source's is missing."
            }
            Check::TagMismatch => "Source and target do not hold the same inline codes.",
            Check::UrlMismatch => "Source and target do not hold the same URLs.",
            Check::EmailMismatch => "Source and target do not hold the same e-mail addresses.",
            Check::SameAsSource => {
                "The target is the source text unchanged (segments of placeables and at most one name are skipped)."
            }
            Check::Inconsistent => "The same source text is translated differently elsewhere in the files checked.",
            Check::Whitespace => "Leading, trailing or double spaces of the target differ from the source.",
            Check::EndPunctuation => {
                "Source and target end with different punctuation (closing quotes and brackets ignored)."
            }
            Check::TermMissing => {
                "A glossary term of the source has none of its entry's allowed target terms in the target (inflected forms count)."
            }
            Check::TermForbidden => "The target uses a deprecated, superseded or forbidden glossary term.",
            Check::TermUntranslatable => {
                "A do-not-translate glossary term of the source is not in the target exactly as written."
            }
            Check::TermInconsistent => {
                "The same glossary term is rendered by different allowed target terms in the files checked."
            }
        }
    }
}

/// One problem found in a release.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Finding {
    #[serde(serialize_with = "ser_check")]
    pub check: Check,
    pub severity: Severity,
    /// The release file as given on the command line.
    pub path: String,
    /// Where the unit starts in the release: 1-based line, column in characters
    /// (for a Word or OpenDocument release, in the XML of its part).
    pub line: usize,
    pub column: usize,
    /// A Word or OpenDocument release: the package part holding the unit
    /// (`word/document.xml`, `content.xml`) and its paragraph's number in it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub part: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub paragraph: Option<usize>,
    /// 1-based number of the (first) segment of the unit in the release.
    pub segment: usize,
    pub source: String,
    pub target: Option<String>,
    pub message: String,
    /// The glossary entry a terminology finding is about (its id).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub entry: Option<String>,
}

impl Finding {
    /// Where the finding is, for a person: `FILE:LINE:COL`, or `FILE (PART,
    /// paragraph N)` in a Word or OpenDocument release.
    pub fn at(&self) -> String {
        match (&self.part, self.paragraph) {
            (Some(part), Some(n)) => format!("{} ({part}, paragraph {n})", self.path),
            _ => format!("{}:{}:{}", self.path, self.line, self.column),
        }
    }
}

fn ser_check<S: serde::Serializer>(c: &Check, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(c.id())
}

/// A unit to check: where it is, its source and the translation supplied.
pub struct UnitInput<'a> {
    pub path: &'a str,
    pub line: usize,
    pub column: usize,
    /// A packaged release's part and paragraph number ([`Finding::part`]).
    pub place: Option<(&'a str, usize)>,
    pub segment: usize,
    pub source: &'a Content,
    /// The translation, if the unit has one.
    pub target: Option<&'a Content>,
    /// Other translations the supplier holds for this same source (plain text).
    pub alternatives: Vec<String>,
    /// Line and column in the release of a byte offset of the source's
    /// plain text, when the two correspond (terminology findings point at
    /// the term; else at the unit).
    pub locate: Option<&'a dyn Fn(usize) -> (usize, usize)>,
}

/// Runs the checks over units, remembering translations for the
/// inconsistency check. Findings come out in the order of the units.
pub struct Checker {
    pub from: LangTag,
    pub to: LangTag,
    /// Checks switched off.
    pub disabled: Vec<Check>,
    /// Normalised source → (normalised target, target, where first seen).
    seen: HashMap<String, (String, String, String)>,
    /// The terminology checks, when a glossary was given.
    terms: Option<terms::TermCheck>,
    /// term-missing is an error rather than a warning (`--terms-strict`).
    terms_strict: bool,
}

impl Checker {
    pub fn new(from: LangTag, to: LangTag, disabled: Vec<Check>) -> Checker {
        Checker { from, to, disabled, seen: HashMap::new(), terms: None, terms_strict: false }
    }

    /// Runs the terminology checks with `glossary` too; `strict` makes
    /// term-missing an error.
    pub fn with_terms(mut self, glossary: crate::terms::Glossary, strict: bool) -> Checker {
        self.terms = Some(terms::TermCheck::new(glossary));
        self.terms_strict = strict;
        self
    }

    /// The findings for one unit.
    pub fn unit(&mut self, u: &UnitInput) -> Vec<Finding> {
        let src_text = u.source.plain_text();
        let tgt_text = u.target.map(Content::plain_text);
        let mut raw: Vec<(Check, String)> = Vec::new();
        let mut term_issues = Vec::new();
        match (u.target, tgt_text.as_deref()) {
            (Some(t), Some(tt)) if !tt.trim().is_empty() => {
                raw.extend(checks::numbers(&src_text, &self.from, tt, &self.to));
                raw.extend(checks::tags(u.source, t).map(|m| (Check::TagMismatch, m)));
                let (urls, emails) = checks::links(&src_text, &self.from, tt, &self.to);
                raw.extend(urls.map(|m| (Check::UrlMismatch, m)));
                raw.extend(emails.map(|m| (Check::EmailMismatch, m)));
                raw.extend(checks::same_as_source(&src_text, &self.from, tt).map(|m| (Check::SameAsSource, m)));
                raw.extend(self.inconsistent(u, &src_text, tt).map(|m| (Check::Inconsistent, m)));
                raw.extend(checks::whitespace(&src_text, tt).map(|m| (Check::Whitespace, m)));
                raw.extend(checks::end_punctuation(&src_text, tt).map(|m| (Check::EndPunctuation, m)));
                if let Some(tc) = &mut self.terms {
                    term_issues = tc.check(&src_text, tt, &format!("{}:{}:{}", u.path, u.line, u.column));
                }
            }
            _ => raw.push((Check::Untranslated, src_text.replace(['\r', '\n'], " "))),
        }
        let finding = |check: Check, message: String, entry: Option<String>, offset: Option<usize>| {
            let (line, column) = match (offset, u.locate) {
                (Some(o), Some(locate)) => locate(o),
                _ => (u.line, u.column),
            };
            let strict = self.terms_strict && check == Check::TermMissing;
            Finding {
                check,
                severity: if strict { Severity::Error } else { check.severity() },
                path: u.path.to_string(),
                line,
                column,
                part: u.place.map(|p| p.0.to_string()),
                paragraph: u.place.map(|p| p.1),
                segment: u.segment,
                source: src_text.clone(),
                target: tgt_text.clone(),
                message,
                entry,
            }
        };
        let plain = raw.into_iter().map(|(c, m)| (c, m, None, None));
        let terms = term_issues.into_iter().map(|i| (i.check, i.message, i.entry, i.offset));
        plain
            .chain(terms)
            .filter(|(c, ..)| !self.disabled.contains(c))
            .map(|(c, m, e, o)| finding(c, m, e, o))
            .collect()
    }

    /// A warning when this source was translated otherwise before, or the
    /// supplier holds other translations of it (never against an empty
    /// translation: untranslated units are not recorded).
    fn inconsistent(&mut self, u: &UnitInput, source: &str, target: &str) -> Option<String> {
        let key = normalize(source);
        let norm_t = normalize(target);
        let others: Vec<String> =
            u.alternatives.iter().filter(|a| !a.trim().is_empty()).map(|a| format!("«{a}»")).collect();
        let also = (!others.is_empty())
            .then(|| format!("translated «{target}» here; the TM also holds {} for this source", others.join(", ")));
        match self.seen.get(&key) {
            Some((t, first, at)) if *t != norm_t => Some(format!("translated «{target}» here but «{first}» at {at}")),
            Some(_) => also,
            None => {
                let at = match u.place {
                    Some((part, n)) => format!("{} ({part}, paragraph {n})", u.path),
                    None => format!("{}:{}:{}", u.path, u.line, u.column),
                };
                self.seen.insert(key, (norm_t, target.to_string(), at));
                also
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(checker: &mut Checker, line: usize, source: &str, target: Option<&str>) -> Vec<(String, String)> {
        let s = Content::from_text(source);
        let t = target.map(Content::from_text);
        let u = UnitInput {
            path: "r.es.txt",
            line,
            column: 1,
            place: None,
            segment: line,
            source: &s,
            target: t.as_ref(),
            alternatives: vec![],
            locate: None,
        };
        checker.unit(&u).into_iter().map(|f| (f.check.id().to_string(), f.message)).collect()
    }

    fn checker(disabled: Vec<Check>) -> Checker {
        Checker::new(LangTag::new("es").unwrap(), LangTag::new("en").unwrap(), disabled)
    }

    #[test]
    fn inconsistency_is_never_reported_against_an_empty_translation() {
        let mut c = checker(vec![]);
        assert_eq!(run(&mut c, 1, "Acerca de Debian", Some("")), [("untranslated".into(), "Acerca de Debian".into())]);
        assert!(run(&mut c, 2, "Acerca de Debian", Some("About Debian")).is_empty());
        assert_eq!(
            run(&mut c, 3, "Acerca de Debian", Some("On Debian")),
            [("inconsistent".into(), "translated «On Debian» here but «About Debian» at r.es.txt:2:1".into())]
        );
    }

    #[test]
    fn disabled_checks_are_not_reported() {
        let mut c = checker(vec![Check::EndPunctuation]);
        assert!(run(&mut c, 1, "Hola.", Some("Hello")).is_empty());
        let mut c = checker(vec![]);
        assert_eq!(run(&mut c, 1, "Hola.", Some("Hello")).len(), 1);
    }

    #[test]
    fn check_ids_round_trip_and_errors_come_first() {
        for c in Check::ALL {
            assert_eq!(Check::from_id(c.id()), Some(c));
        }
        let sev: Vec<Severity> = Check::ALL.iter().map(|c| c.severity()).collect();
        assert!(sev.windows(2).all(|w| w[0] >= w[1]), "{sev:?}");
    }
}
