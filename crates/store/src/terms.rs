//! Term entries in the TM: the types every backend speaks for terminology
//! ([`StoredEntry`], [`TermFilter`], [`TermImportReport`], [`TermCounts`])
//! and the import session ([`TermSession`]).
//!
//! A glossary import is one transaction, like a TU import: entries are added
//! one at a time ([`TermSession::add`]) and become visible together at
//! [`TermSession::commit`]; dropping the session leaves the TM as it was.
//! An entry is known by its glossary (the collection, a file name) and its
//! id: importing the same glossary again replaces its entries in place
//! (counted as `replaced`, or `unchanged` when identical); an entry without
//! an id is known by its content.

use crate::error::StoreError;
use memoria_core::lang::LangTag;
use memoria_core::term::TermEntry;
use std::collections::BTreeMap;

/// A term entry as stored: the TM's own number for it, the glossary it came
/// from, and the entry as imported.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct StoredEntry {
    /// The TM's number of the entry (stable until it is deleted).
    pub key: i64,
    /// The glossary (file name) it was imported from; empty when none.
    pub collection: String,
    pub entry: TermEntry,
}

/// Which entries a listing, an export or a deletion takes. Empty fields
/// take everything.
#[derive(Clone, Debug, Default)]
pub struct TermFilter {
    /// Only entries of this glossary.
    pub collection: Option<String>,
    /// Only entries with one of these ids (TBX entry ids).
    pub ids: Vec<String>,
    /// Only entries with a term in each of these languages (by primary language).
    pub langs: Vec<LangTag>,
}

/// What a glossary import did.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct TermImportReport {
    /// Entries handed to [`TermSession::add`].
    pub read: u64,
    /// New entries stored.
    pub added: u64,
    /// Stored entries of the same glossary and id replaced by a changed one.
    pub replaced: u64,
    /// Entries identical to the stored one (nothing written).
    pub unchanged: u64,
    /// Terms per language tag of the entries read.
    pub terms: BTreeMap<String, u64>,
}

/// Term entries and terms stored.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct TermCounts {
    pub entries: u64,
    /// Terms per language tag, most first.
    pub terms: Vec<(String, u64)>,
}

/// A glossary import in progress: one transaction.
pub trait TermSession {
    /// Adds `entry` of glossary `collection` (replacing the stored entry of
    /// that glossary with the same id).
    fn add(&mut self, collection: &str, entry: &TermEntry) -> Result<(), StoreError>;
    /// The counts so far.
    fn report(&self) -> &TermImportReport;
    /// Makes every entry added visible, in one commit.
    fn commit(self: Box<Self>) -> Result<TermImportReport, StoreError>;
    /// Drops everything added.
    fn rollback(self: Box<Self>) -> Result<(), StoreError>;
}
