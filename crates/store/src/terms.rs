//! Term entries in the TM: the types every backend speaks for terminology
//! ([`StoredEntry`], [`TermFilter`], [`TermImportReport`], [`TermCounts`])
//! and the import session ([`TermSession`]).
//!
//! A glossary import is one transaction, like a TU import: entries are added
//! one at a time ([`TermSession::add`]) or from a reader on a thread of its
//! own ([`TermSession::add_all`]) and become visible together at
//! [`TermSession::commit`]; dropping the session leaves the TM as it was.
//! An entry is known by its glossary (the collection, a file name) and its
//! id: importing the same glossary again replaces its entries in place
//! (counted as `replaced`, or `unchanged` when identical); an entry without
//! an id is known by its content.

use crate::backend::{FeedError, Stopped};
use crate::error::StoreError;
use memoria_core::lang::LangTag;
use memoria_core::term::TermEntry;
use std::collections::BTreeMap;
use std::sync::mpsc::{sync_channel, SyncSender};

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

/// Where a producer puts the entries of a glossary import ([`TermSession::add_all`]).
pub trait TermSink {
    /// Queues `entry`, in order; [`Stopped`] when the writing side has
    /// failed (the producer should then return `Ok`).
    fn add(&mut self, entry: TermEntry) -> Result<(), Stopped>;
}

/// A producer of term entries: reads a glossary on a thread of its own and
/// puts each entry into the sink.
pub type TermProducer<'p> = dyn FnMut(&mut dyn TermSink) -> Result<(), FeedError> + Send + 'p;

/// Entries sent from the producer to the writer at once.
const BATCH: usize = 256;
/// Batches in flight: bounds the memory between the two threads.
const IN_FLIGHT: usize = 8;

/// The producer's sink: batches entries into the channel.
struct ChannelSink {
    tx: SyncSender<Vec<TermEntry>>,
    batch: Vec<TermEntry>,
}

impl ChannelSink {
    fn flush(&mut self) -> Result<(), Stopped> {
        if self.batch.is_empty() {
            return Ok(());
        }
        let batch = std::mem::replace(&mut self.batch, Vec::with_capacity(BATCH));
        self.tx.send(batch).map_err(|_| Stopped)
    }
}

impl TermSink for ChannelSink {
    fn add(&mut self, entry: TermEntry) -> Result<(), Stopped> {
        self.batch.push(entry);
        if self.batch.len() == BATCH {
            self.flush()?;
        }
        Ok(())
    }
}

/// A glossary import in progress: one transaction.
pub trait TermSession {
    /// Adds `entry` of glossary `collection` (replacing the stored entry of
    /// that glossary with the same id).
    fn add(&mut self, collection: &str, entry: &TermEntry) -> Result<(), StoreError>;

    /// Adds every entry `produce` puts into its sink to glossary
    /// `collection`, in order: the producer (parsing the glossary) runs on a
    /// thread of its own while this one writes, so on two cores a TBX import
    /// takes about the longer of the two instead of their sum. A producer
    /// error stops the import with [`StoreError::Feed`]; a write error
    /// stops the producer and is returned.
    fn add_all(&mut self, collection: &str, produce: &mut TermProducer<'_>) -> Result<(), StoreError> {
        let (tx, rx) = sync_channel::<Vec<TermEntry>>(IN_FLIGHT);
        std::thread::scope(|scope| -> Result<(), StoreError> {
            let producer = std::thread::Builder::new()
                .name("term-producer".into())
                .spawn_scoped(scope, move || {
                    let mut sink = ChannelSink { tx, batch: Vec::with_capacity(BATCH) };
                    let fed = produce(&mut sink);
                    // A hung-up writer reports its own error.
                    let _ = sink.flush();
                    fed
                })
                .map_err(|e| StoreError::Feed(format!("cannot start the reading thread: {e}").into()))?;
            let written = (|| -> Result<(), StoreError> {
                for batch in rx {
                    for entry in &batch {
                        self.add(collection, entry)?;
                    }
                }
                Ok(())
            })();
            // On a write error `rx` is dropped: the producer stops at its next entry.
            let fed = producer.join().map_err(|_| StoreError::Feed("the glossary reader panicked".into()))?;
            written?;
            fed.map_err(StoreError::Feed)
        })
    }
    /// The counts so far.
    fn report(&self) -> &TermImportReport;
    /// Makes every entry added visible, in one commit.
    fn commit(self: Box<Self>) -> Result<TermImportReport, StoreError>;
    /// Drops everything added.
    fn rollback(self: Box<Self>) -> Result<(), StoreError>;
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Tm;
    use memoria_core::term::Term;

    fn entry(k: usize) -> TermEntry {
        TermEntry {
            id: Some(format!("e{k}")),
            terms: vec![
                Term::new(LangTag::new("es").unwrap(), &format!("término {k}")),
                Term::new(LangTag::new("en").unwrap(), &format!("term {k}")),
            ],
            ..TermEntry::default()
        }
    }

    #[test]
    fn add_all_stores_every_entry_in_order_across_batches() {
        let mut tm = Tm::open_in_memory().unwrap();
        let mut s = tm.import_terms().unwrap();
        let n = BATCH * 3 + 7;
        s.add_all("g.tbx", &mut |sink: &mut dyn TermSink| {
            for k in 0..n {
                sink.add(entry(k)).map_err(|_| "stopped")?;
            }
            Ok(())
        })
        .unwrap();
        let r = s.commit().unwrap();
        assert_eq!((r.read, r.added), (n as u64, n as u64));
        assert_eq!(r.terms.get("es"), Some(&(n as u64)));
        let ids: Vec<String> =
            tm.term_entries(&TermFilter::default()).unwrap().map(|e| e.unwrap().entry.id.unwrap()).collect();
        assert_eq!(ids.len(), n);
        assert_eq!((ids[0].as_str(), ids[n - 1].as_str()), ("e0", format!("e{}", n - 1).as_str()));
        assert!(ids.iter().enumerate().all(|(k, id)| *id == format!("e{k}")));
    }

    #[test]
    fn a_producer_error_is_returned_unchanged_and_nothing_is_kept() {
        let mut tm = Tm::open_in_memory().unwrap();
        let mut s = tm.import_terms().unwrap();
        let err = s
            .add_all("g.tbx", &mut |sink: &mut dyn TermSink| {
                for k in 0..BATCH + 1 {
                    sink.add(entry(k)).map_err(|_| "stopped")?;
                }
                Err("g.tbx:9:3: expected </termSec>".into())
            })
            .unwrap_err();
        assert!(matches!(&err, StoreError::Feed(e) if e.to_string() == "g.tbx:9:3: expected </termSec>"), "{err}");
        drop(s);
        assert_eq!(tm.term_counts().unwrap().entries, 0);
    }
}
