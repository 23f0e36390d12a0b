//! Terminology in what translators see: the glossary of a language pair
//! loaded from the TM ([`Glossary::load`]), the terms found in a segment
//! with their target terms ([`Glossary::found`]), for `lookup`,
//! `pretranslate` and the terminology check ([`crate::qa::terms`]).
//!
//! Recognition itself is [`recognize::Recognizer`]: Aho–Corasick over
//! normalised (lower-cased, stemmed, accent-free) words.

pub mod recognize;

use memoria_core::lang::LangTag;
use memoria_core::term::{Status, Term};
use memoria_store::{StoreError, StoredEntry, TermFilter, Tm};
use recognize::{Hit, Recognizer, WordCache};
use std::cell::RefCell;

/// The term entries of the TM with a term in the source or the target
/// language, with a recogniser for each side.
pub struct Glossary {
    pub from: LangTag,
    pub to: LangTag,
    pub entries: Vec<StoredEntry>,
    /// Finds the entries' source-language terms.
    pub source: Recognizer,
    /// Finds the entries' target-language terms (all statuses).
    pub target: Recognizer,
    /// Words already numbered by each recogniser (segments of one release share most words).
    caches: RefCell<(WordCache, WordCache)>,
}

/// A target-language term of a found entry.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct TargetTerm {
    pub term: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<Status>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pos: Option<String>,
}

/// A term found in a segment, as `lookup` and `pretranslate --format json` show it.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct FoundTerm {
    /// The entry's id in its glossary.
    pub entry: Option<String>,
    /// The glossary it was imported from.
    pub collection: String,
    /// Byte range of the words found in the segment, and their text.
    pub start: usize,
    pub end: usize,
    pub text: String,
    /// The glossary's source term found, and its status.
    pub term: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<Status>,
    /// The entry's terms in the target language, allowed ones first.
    pub targets: Vec<TargetTerm>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub definition: Option<String>,
    /// The source term stays as it is in the target ([`memoria_core::term::TermEntry::untranslatable`]).
    pub do_not_translate: bool,
}

impl Glossary {
    /// Builds the glossary of `entries` for `from` → `to`.
    pub fn new(entries: Vec<StoredEntry>, from: LangTag, to: LangTag) -> Glossary {
        let source = Recognizer::new(entries.iter().map(|e| &e.entry), &from);
        let target = Recognizer::new(entries.iter().map(|e| &e.entry), &to);
        Glossary { from, to, entries, source, target, caches: RefCell::default() }
    }

    /// Loads every entry of the TM with a term in `from` or `to`.
    pub fn load(tm: &Tm, from: &LangTag, to: &LangTag) -> Result<Glossary, StoreError> {
        let mut entries = Vec::new();
        for e in tm.term_entries(&TermFilter::default())? {
            let e = e?;
            let has = |l: &LangTag| e.entry.terms_in(l).next().is_some();
            if has(from) || has(to) {
                entries.push(e);
            }
        }
        Ok(Glossary::new(entries, from.clone(), to.clone()))
    }

    /// Whether no entry has a source-language term.
    pub fn is_empty(&self) -> bool {
        self.source.is_empty()
    }

    /// The source terms in `text`.
    pub fn hits(&self, text: &str) -> Vec<Hit> {
        self.source.find_with(text, &mut self.caches.borrow_mut().0)
    }

    /// The target terms (every status) in `text`.
    pub fn target_hits(&self, text: &str) -> Vec<Hit> {
        self.target.find_with(text, &mut self.caches.borrow_mut().1)
    }

    /// The term of a hit.
    pub fn term(&self, h: &Hit) -> &Term {
        &self.entries[h.entry].entry.terms[h.term]
    }

    /// The source terms found in `text` with their target terms.
    pub fn found(&self, text: &str) -> Vec<FoundTerm> {
        self.hits(text)
            .into_iter()
            .map(|h| {
                let e = &self.entries[h.entry];
                let t = &e.entry.terms[h.term];
                let mut targets: Vec<&Term> = e.entry.terms_in(&self.to).map(|(_, t)| t).collect();
                targets.sort_by_key(|t| !t.allowed());
                FoundTerm {
                    entry: e.entry.id.clone(),
                    collection: e.collection.clone(),
                    start: h.start,
                    end: h.end,
                    text: text[h.start..h.end].to_string(),
                    term: t.text.clone(),
                    status: t.status,
                    targets: targets
                        .into_iter()
                        .map(|t| TargetTerm { term: t.text.clone(), status: t.status, pos: t.pos.clone() })
                        .collect(),
                    definition: e.entry.definition.clone(),
                    do_not_translate: e.entry.untranslatable(&self.from, &self.to),
                }
            })
            .collect()
    }
}

impl FoundTerm {
    /// One line: `trata de personas → trafficking in persons (preferred); human trafficking [entry t1]`.
    pub fn line(&self) -> String {
        let targets: Vec<String> = self
            .targets
            .iter()
            .map(|t| match t.status {
                Some(s) => format!("{} ({})", t.term, s.as_str()),
                None => t.term.clone(),
            })
            .collect();
        let arrow = if self.do_not_translate {
            "do not translate".to_string()
        } else if targets.is_empty() {
            "(no target term)".to_string()
        } else {
            targets.join("; ")
        };
        let id = self.entry.as_deref().map_or(String::new(), |i| format!(" [entry {i}]"));
        format!("{} → {arrow}{id}", self.term)
    }
}
