//! The bulk path of an SQLite import ([`ImportSession::add_all`]): three
//! threads beside the writer. A producer (the caller's reader: a TMX or
//! XLIFF file, an alignment) puts TUs into a [`TuSink`]; a preparing thread
//! derives every stored column of each TU and the candidate-index postings
//! ([`Preparer`]: normalisation, match keys, term ids, hashes); this thread,
//! which owns the transaction, writes them; one more frees the TUs written
//! (the writer is the slowest). On two cores they keep both busy. A failure
//! anywhere ends them all, and the transaction is rolled back by the caller.

use crate::backend::{ImportSession, Producer, Stopped, TuSink};
use crate::error::StoreError;
use crate::model::{ImportReport, Provenance};
use crate::sqlite::import::SqliteImport;
use crate::sqlite::postings::PostingChunk;
use crate::sqlite::prepare::{PreparedTu, Preparer};
use memoria_core::tu::{Header, Tu};
use std::sync::mpsc::{sync_channel, Receiver, SyncSender};
use std::sync::Arc;

/// TUs sent from one thread to the next at once.
const BATCH: usize = 256;
/// Batches in flight between two threads: bounds the memory of each pipe
/// (~2k TUs).
const IN_FLIGHT: usize = 8;

/// What the producer hands to the preparing thread.
enum Produced {
    /// TUs in order, with their provenance.
    Tus(Vec<Tu>, Arc<Provenance>),
    Header(String, Header),
}

/// What the preparing thread hands to the writer.
enum Batch {
    /// TUs ready to store, in order.
    Tus(Vec<PreparedTu>),
    /// Candidate-index postings of TUs sent before.
    Postings(PostingChunk),
    Header(String, Header),
}

/// The producer's sink: batches TUs of one provenance.
struct ChannelSink {
    tx: SyncSender<Produced>,
    batch: Vec<Tu>,
    prov: Option<Arc<Provenance>>,
}

impl ChannelSink {
    fn flush(&mut self) -> Result<(), Stopped> {
        if self.batch.is_empty() {
            return Ok(());
        }
        let tus = std::mem::replace(&mut self.batch, Vec::with_capacity(BATCH));
        let prov = self.prov.clone().unwrap_or_default();
        self.tx.send(Produced::Tus(tus, prov)).map_err(|_| Stopped)
    }
}

impl TuSink for ChannelSink {
    fn add(&mut self, tu: Tu, prov: &Arc<Provenance>) -> Result<(), Stopped> {
        if !self.prov.as_ref().is_some_and(|p| Arc::ptr_eq(p, prov)) {
            self.flush()?;
            self.prov = Some(prov.clone());
        }
        self.batch.push(tu);
        if self.batch.len() == BATCH {
            self.flush()?;
        }
        Ok(())
    }

    fn header(&mut self, collection: &str, header: Header) -> Result<(), Stopped> {
        self.flush()?;
        self.tx.send(Produced::Header(collection.to_string(), header)).map_err(|_| Stopped)
    }
}

/// The preparing thread: derives the columns and postings of every TU, in
/// order, until the producer is done or the writer hangs up.
fn prepare_all(rx: Receiver<Produced>, mut prep: Preparer, tx: SyncSender<Batch>) {
    for produced in rx {
        let batch = match produced {
            Produced::Tus(tus, prov) => Batch::Tus(tus.into_iter().map(|tu| prep.prepare(tu, prov.clone())).collect()),
            Produced::Header(c, h) => Batch::Header(c, h),
        };
        if tx.send(batch).is_err() {
            return;
        }
        if let Some(chunk) = prep.take_postings(false) {
            if tx.send(Batch::Postings(chunk)).is_err() {
                return;
            }
        }
    }
    if let Some(chunk) = prep.take_postings(true) {
        let _ = tx.send(Batch::Postings(chunk));
    }
}

impl SqliteImport<'_> {
    /// [`ImportSession::add_all`] on SQLite.
    pub(crate) fn add_all(&mut self, produce: &mut Producer<'_>) -> Result<(), StoreError> {
        // TUs added one by one before: their postings go first, and the next
        // preparer starts after their ids.
        self.flush_own()?;
        let (produced_tx, produced_rx) = sync_channel::<Produced>(IN_FLIGHT);
        let (tx, rx) = sync_channel::<Batch>(IN_FLIGHT);
        let (stored_tx, stored_rx) = sync_channel::<Vec<PreparedTu>>(IN_FLIGHT);
        let prep = self.preparer();
        std::thread::scope(|scope| -> Result<(), StoreError> {
            let spawn_error =
                |what: &str, e: std::io::Error| StoreError::Feed(format!("cannot start the {what} thread: {e}").into());
            std::thread::Builder::new()
                .name("tu-dropper".into())
                .spawn_scoped(scope, move || stored_rx.into_iter().for_each(drop))
                .map_err(|e| spawn_error("freeing", e))?;
            let producer = std::thread::Builder::new()
                .name("tu-producer".into())
                .spawn_scoped(scope, move || {
                    let mut sink = ChannelSink { tx: produced_tx, batch: Vec::with_capacity(BATCH), prov: None };
                    let fed = produce(&mut sink);
                    // A hung-up writer reports its own error.
                    let _ = sink.flush();
                    fed
                })
                .map_err(|e| spawn_error("reading", e))?;
            std::thread::Builder::new()
                .name("tu-preparer".into())
                .spawn_scoped(scope, move || prepare_all(produced_rx, prep, tx))
                .map_err(|e| spawn_error("preparing", e))?;
            let written = (|| -> Result<(), StoreError> {
                for batch in rx {
                    match batch {
                        Batch::Tus(tus) => {
                            for tu in &tus {
                                self.add_prepared(tu)?;
                            }
                            // Freed on the dropper's thread (it never hangs up first).
                            let _ = stored_tx.send(tus);
                        }
                        Batch::Postings(chunk) => self.add_postings(chunk)?,
                        Batch::Header(c, h) => self.set_header(&c, &h)?,
                    }
                }
                Ok(())
            })();
            // The dropper ends when its channel does; with the receiver gone
            // the preparing thread stops at its next batch, and the producer
            // at its next one after that.
            drop(stored_tx);
            let fed = producer.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            written.and(fed.map_err(StoreError::Feed))
        })
    }
}

impl ImportSession for SqliteImport<'_> {
    fn add(&mut self, tu: &Tu, prov: &Provenance) -> Result<bool, StoreError> {
        SqliteImport::add(self, tu, prov)
    }

    fn add_all(&mut self, produce: &mut Producer<'_>) -> Result<(), StoreError> {
        SqliteImport::add_all(self, produce)
    }

    fn add_stored(
        &mut self,
        tus: &mut dyn Iterator<Item = Result<crate::model::StoredTu, StoreError>>,
    ) -> Result<(), StoreError> {
        for t in tus {
            SqliteImport::add_stored(self, &t?)?;
        }
        Ok(())
    }

    fn set_header(&mut self, collection: &str, header: &Header) -> Result<(), StoreError> {
        SqliteImport::set_header(self, collection, header)
    }

    fn report(&self) -> &ImportReport {
        SqliteImport::report(self)
    }

    fn commit(self: Box<Self>) -> Result<ImportReport, StoreError> {
        SqliteImport::commit(*self)
    }

    fn rollback(self: Box<Self>) -> Result<(), StoreError> {
        // Dropping the transaction rolls it back and restores the journal mode.
        drop(self);
        Ok(())
    }
}
