//! The terminology checks: a unit's source and target against the glossary
//! of the TM ([`crate::terms::Glossary`]), as OmegaT's terminology issues,
//! Weblate's glossary checks and memoQ's term QA do.
//!
//! - `term-missing`: a source term whose entry has allowed target terms,
//!   none of which is in the target (found the same way as in the source:
//!   inflected forms, any case, no accents). A warning; an error with
//!   `--terms-strict`.
//! - `term-forbidden`: a deprecated, superseded or forbidden target term in
//!   the target (an error).
//! - `term-untranslatable`: a do-not-translate term of the source (marked so,
//!   or written the same in both languages of its entry) not found in the
//!   target exactly as written in the source (an error).
//! - `term-inconsistent`: an entry's source term rendered by one allowed
//!   target term here and another one earlier in the files checked (a warning).

use super::Check;
use crate::terms::recognize::words;
use crate::terms::Glossary;
use std::collections::HashMap;

/// A terminology finding before it is placed: the check, the message, the
/// entry id and the byte offset in the source where the term starts (for
/// findings about a source term).
#[derive(Clone, Debug, PartialEq)]
pub struct TermIssue {
    pub check: Check,
    pub message: String,
    pub entry: Option<String>,
    pub offset: Option<usize>,
}

/// Runs the terminology checks over the units of a release, remembering
/// which target term each entry got for the consistency check.
pub struct TermCheck {
    pub glossary: Glossary,
    /// Entry → (the allowed target term used first, where).
    first: HashMap<usize, (usize, String)>,
}

/// Whether `needle` occurs in `hay` on word boundaries, case-sensitively.
fn contains_words(hay: &str, needle: &str) -> bool {
    let ws: Vec<&str> = words(needle).map(|(a, b)| &needle[a..b]).collect();
    if ws.is_empty() {
        return hay.contains(needle);
    }
    let hs: Vec<&str> = words(hay).map(|(a, b)| &hay[a..b]).collect();
    hs.windows(ws.len()).any(|w| w == ws.as_slice())
}

fn quoted(terms: &[&str]) -> String {
    terms.iter().map(|t| format!("«{t}»")).collect::<Vec<_>>().join(", ")
}

impl TermCheck {
    pub fn new(glossary: Glossary) -> TermCheck {
        TermCheck { glossary, first: HashMap::new() }
    }

    /// The terminology issues of one unit: `source` and its translation
    /// `target` (plain text); `at` names the unit (`FILE:LINE:COL`) for later
    /// inconsistency messages.
    pub fn check(&mut self, source: &str, target: &str, at: &str) -> Vec<TermIssue> {
        let g = &self.glossary;
        let mut out = Vec::new();
        let tgt_hits = g.target_hits(target);
        let mut done = Vec::new();
        for h in g.hits(source) {
            // One finding per entry and unit, however often its terms occur.
            if done.contains(&h.entry) {
                continue;
            }
            done.push(h.entry);
            let e = &g.entries[h.entry].entry;
            let src_term = &e.terms[h.term];
            let found = &source[h.start..h.end];
            let entry = e.id.clone();
            let id = entry.as_deref().map_or(String::new(), |i| format!(" (entry {i})"));
            if e.untranslatable(&g.from, &g.to) {
                if !contains_words(target, found) {
                    out.push(TermIssue {
                        check: Check::TermUntranslatable,
                        message: format!("«{found}» is not to be translated{id}; the target does not keep it as it is"),
                        entry,
                        offset: Some(h.start),
                    });
                }
                continue;
            }
            let allowed: Vec<usize> = e.terms_in(&g.to).filter(|(_, t)| t.allowed()).map(|(i, _)| i).collect();
            if allowed.is_empty() {
                continue;
            }
            let used: Vec<usize> =
                tgt_hits.iter().filter(|t| t.entry == h.entry && allowed.contains(&t.term)).map(|t| t.term).collect();
            // A deprecated or forbidden term of the entry in the target is reported as such (term-forbidden).
            let misused = tgt_hits.iter().any(|t| t.entry == h.entry && !e.terms[t.term].allowed());
            match used.first() {
                None if misused => {}
                None => {
                    let names: Vec<&str> = allowed.iter().map(|&i| e.terms[i].text.as_str()).collect();
                    out.push(TermIssue {
                        check: Check::TermMissing,
                        message: format!(
                            "source term «{}»{id}: the target has none of {}",
                            src_term.text,
                            quoted(&names)
                        ),
                        entry,
                        offset: Some(h.start),
                    });
                }
                Some(&t) => match self.first.get(&h.entry) {
                    Some((first, where_)) if !used.contains(first) => out.push(TermIssue {
                        check: Check::TermInconsistent,
                        message: format!(
                            "«{}» rendered «{}» here but «{}» at {where_}{id}",
                            src_term.text, e.terms[t].text, e.terms[*first].text
                        ),
                        entry,
                        offset: Some(h.start),
                    }),
                    Some(_) => {}
                    None => {
                        self.first.insert(h.entry, (t, at.to_string()));
                    }
                },
            }
        }
        for t in &tgt_hits {
            let e = &g.entries[t.entry].entry;
            let term = &e.terms[t.term];
            if term.allowed() {
                continue;
            }
            let use_instead: Vec<&str> =
                e.terms_in(&g.to).filter(|(_, x)| x.allowed()).map(|(_, x)| x.text.as_str()).collect();
            let instead =
                if use_instead.is_empty() { String::new() } else { format!("; use {}", quoted(&use_instead)) };
            let status = term.status.map_or("forbidden", |s| s.as_str());
            let id = e.id.as_deref().map_or(String::new(), |i| format!(" (entry {i})"));
            out.push(TermIssue {
                check: Check::TermForbidden,
                message: format!("the target uses «{}», a {status} term{id}{instead}", &target[t.start..t.end]),
                entry: e.id.clone(),
                offset: None,
            });
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use memoria_core::lang::LangTag;
    use memoria_core::term::{Status, Term, TermEntry};
    use memoria_store::StoredEntry;

    fn glossary() -> Glossary {
        let (es, en) = (LangTag::new("es").unwrap(), LangTag::new("en").unwrap());
        let t = |l: &LangTag, s: &str, st: Option<Status>| Term { status: st, ..Term::new(l.clone(), s) };
        let entries = vec![
            TermEntry {
                id: Some("trata".into()),
                terms: vec![
                    t(&es, "trata de personas", None),
                    t(&en, "trafficking in persons", Some(Status::Preferred)),
                    t(&en, "human trafficking", Some(Status::Admitted)),
                    t(&en, "trade in people", Some(Status::Deprecated)),
                ],
                ..TermEntry::default()
            },
            TermEntry {
                id: Some("oim".into()),
                do_not_translate: true,
                terms: vec![t(&es, "OIM", None)],
                ..TermEntry::default()
            },
        ];
        let stored = entries
            .into_iter()
            .enumerate()
            .map(|(k, entry)| StoredEntry { key: k as i64 + 1, collection: "g.tbx".into(), entry })
            .collect();
        Glossary::new(stored, es, en)
    }

    fn ids(v: &[TermIssue]) -> Vec<&str> {
        v.iter().map(|i| i.check.id()).collect()
    }

    #[test]
    fn planted_problems_are_found_and_inflections_pass() {
        let mut c = TermCheck::new(glossary());
        assert!(c.check("La trata de personas crece.", "Trafficking in persons grows.", "r:1:1").is_empty());
        assert_eq!(ids(&c.check("Las tratas de personas.", "The people.", "r:2:1")), ["term-missing"]);
        assert_eq!(ids(&c.check("La trata de personas.", "Human trafficking.", "r:3:1")), ["term-inconsistent"]);
        assert_eq!(ids(&c.check("Hola.", "The trade in people.", "r:4:1")), ["term-forbidden"]);
        assert_eq!(ids(&c.check("Trata de personas.", "The trade in people.", "r:4:1")), ["term-forbidden"]);
        assert_eq!(ids(&c.check("La OIM dijo.", "The IOM said.", "r:5:1")), ["term-untranslatable"]);
        assert!(c.check("La OIM dijo.", "OIM said.", "r:6:1").is_empty());
        assert!(c.check("La trata de personas.", "Human trafficking, trafficking in persons.", "r:8:1").is_empty());
        assert_eq!(c.check("Trata de personas y trata de personas.", "x", "r:9:1").len(), 1);
        let i = c.check("Dijo: trata de personas.", "none", "r:7:1");
        assert_eq!((i[0].offset, i[0].entry.as_deref()), (Some(6), Some("trata")));
        assert!(i[0].message.contains("«trafficking in persons», «human trafficking»"), "{}", i[0].message);
    }
}
