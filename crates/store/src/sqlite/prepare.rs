//! The CPU-bound half of an import: every column derived from a TU
//! (normalised texts, match keys, term ids, hashes, JSON), its TUV ids and
//! their candidate-index postings, computed without the database so that it
//! can run on another thread than the SQLite writes ([`crate::sqlite::import::SqliteImport`]).

use crate::model::Provenance;
use crate::sqlite::index::index_terms;
use crate::sqlite::insert::Param;
use crate::sqlite::keypatch;
use crate::sqlite::postings::{PostingChunk, PostingWriter};
use crate::sqlite::rows::{ser, split_srclang};
use memoria_core::content::{Content, Inline};
use memoria_core::lang::LangTag;
use memoria_core::normalize::context_hash;
use memoria_core::normalize::{hash, MatchForm};
use memoria_core::tu::{Note, Prop, Tu};
use std::sync::Arc;

/// The derived columns of one TUV.
pub(crate) struct TuvRow {
    pub text: String,
    pub seg_json: Option<String>,
    pub norm_hash: i64,
    pub key: String,
    pub key_len: i64,
    pub terms: Vec<i64>,
    /// How the SQLite `key` column holds `key` ([`crate::sqlite::rows::key_of`] reads it back).
    pub stored_key: StoredKey,
}

/// How the SQLite `key` column holds a TUV's match key.
pub(crate) enum StoredKey {
    /// `''`: the key is [`memoria_core::normalize::fold`]`(text)` (a text
    /// with nothing masked or removed: four TUVs in five).
    Derived,
    /// A BLOB: the [`crate::sqlite::keypatch`] that makes the key of the fold
    /// (schema 11; a placeable masked costs ~6 bytes).
    Patch(Vec<u8>),
    /// The key as TEXT (no patch shorter than it).
    Whole,
}

impl TuvRow {
    /// What the `key` column holds ([`StoredKey`]).
    pub fn key_column(&self) -> Param<'_> {
        match &self.stored_key {
            StoredKey::Derived => Param::Text(""),
            StoredKey::Patch(patch) => Param::Blob(patch),
            StoredKey::Whole => Param::Text(&self.key),
        }
    }

    pub fn new(lang: &LangTag, seg: &Content) -> TuvRow {
        let text = seg.plain_text();
        // Plain text in one run (or none) is what `Content::from_text` rebuilds.
        let lossless = match seg.items.as_slice() {
            [] => true,
            [Inline::Text(t)] => !t.is_empty(),
            _ => false,
        };
        let match_text = if lossless { None } else { Some(seg.match_text()) };
        let k = MatchForm::key_only(match_text.as_deref().unwrap_or(&text), lang);
        // Known folded: the key of a plain text nothing was done to.
        let stored_key = if (lossless && k.folded) || memoria_core::normalize::folds_to(&text, &k.key) {
            StoredKey::Derived
        } else {
            let base = memoria_core::normalize::fold(&text);
            keypatch::encode(&base, &k.key).map_or(StoredKey::Whole, StoredKey::Patch)
        };
        let norm_hash = hash(&k.norm);
        let (key, key_len) = (k.key, k.chars);
        TuvRow {
            stored_key,
            seg_json: if lossless { None } else { Some(ser(seg)) },
            norm_hash,
            key_len: key_len as i64,
            terms: index_terms(lang.language(), &key),
            key,
            text,
        }
    }
}

/// A TU ready to store: made by a [`Preparer`], stored by
/// [`crate::sqlite::import::SqliteImport::add_prepared`].
pub(crate) struct PreparedTu {
    pub(crate) tu: Tu,
    pub(crate) prov: Arc<Provenance>,
    pub(crate) rows: Vec<TuvRow>,
    /// The TUV ids handed out, one per variant, ascending.
    pub(crate) tuv_ids: Vec<i64>,
    /// Index of the source variant (`srclang`, else the first).
    pub(crate) source: Option<usize>,
    /// `attrs`, `props`, `notes` of the TU as JSON; `None` for an empty
    /// list (the insert stores `[]`: nothing to bind).
    pub(crate) tu_json: [Option<String>; 3],
    /// The same for each variant.
    pub(crate) tuv_json: Vec<[Option<String>; 3]>,
    /// TMX `changedate`, else `creationdate`, as unix seconds.
    pub(crate) changed: Option<i64>,
    /// Import time to store instead of the import's own (a copied TU).
    pub(crate) created: Option<i64>,
    pub(crate) prev_hash: Option<i64>,
    pub(crate) next_hash: Option<i64>,
    /// Other collections the stored TU belongs to (a copied TU's links).
    pub(crate) also: Vec<String>,
}

impl PreparedTu {
    /// The key of variant `i` for duplicate detection: its normalised-text
    /// hash and language tag.
    pub(crate) fn variant_key(&self, i: usize) -> u64 {
        (self.rows[i].norm_hash ^ hash(self.tu.tuvs[i].lang.as_str())) as u64
    }
}

/// The source variant of `tu`: the one in its `srclang`, else the first.
pub(crate) fn source_index(tu: &Tu) -> Option<usize> {
    tu.attr("srclang")
        .and_then(|l| LangTag::new(l).ok())
        .and_then(|l| tu.tuvs.iter().position(|v| v.lang == l))
        .or(if tu.tuvs.is_empty() { None } else { Some(0) })
}

/// Prepares TUs for one import ([`crate::sqlite::import::SqliteImport::preparer`]): derives their
/// columns, hands out their TUV ids in order and collects the postings of
/// the candidate index, which it gives back in chunks of
/// [`crate::sqlite::postings::PostingWriter::should_flush`]'s size
/// ([`Preparer::take_postings`], for [`crate::sqlite::import::SqliteImport::add_postings`]). A TU
/// the import then does not store (a duplicate, a skipped conflict) leaves
/// a gap in the ids and is taken out of the postings at commit.
pub(crate) struct Preparer {
    next_tuv: i64,
    /// `None` for a preparer whose import posts its TUVs itself.
    postings: Option<PostingWriter>,
}

impl Preparer {
    pub(crate) fn new(next_tuv: i64) -> Preparer {
        Preparer { next_tuv, postings: Some(PostingWriter::new()) }
    }

    /// A preparer that collects no postings: for an import that posts only
    /// the TUVs it stores (PostgreSQL's; collecting them here too was 7 % of
    /// its work, thrown away).
    pub(crate) fn without_postings(next_tuv: i64) -> Preparer {
        Preparer { next_tuv, postings: None }
    }

    /// Derives every stored column of `tu` (taken by value: it is stored as
    /// is) and gives its variants their TUV ids.
    pub fn prepare(&mut self, tu: Tu, prov: Arc<Provenance>) -> PreparedTu {
        let rows: Vec<TuvRow> = tu.tuvs.iter().map(|v| TuvRow::new(&v.lang, &v.seg)).collect();
        let tuv_ids: Vec<i64> = (self.next_tuv..).take(rows.len()).collect();
        self.next_tuv += rows.len() as i64;
        if let Some(postings) = &mut self.postings {
            for ((v, row), &id) in tu.tuvs.iter().zip(&rows).zip(&tuv_ids) {
                postings.add(v.lang.language(), id, &row.terms);
            }
        }
        fn list<T: serde::Serialize>(v: &[T]) -> Option<String> {
            (!v.is_empty()).then(|| ser(&v))
        }
        let json = |a: &[(String, String)], p: &[Prop], n: &[Note]| [list(a), list(p), list(n)];
        PreparedTu {
            source: source_index(&tu),
            tu_json: json(split_srclang(&tu.attrs).1, &tu.props, &tu.notes),
            tuv_json: tu.tuvs.iter().map(|v| json(&v.attrs, &v.props, &v.notes)).collect(),
            changed: tu.attr("changedate").or(tu.attr("creationdate")).and_then(memoria_core::date::parse_tmx),
            created: None,
            prev_hash: prov.prev.as_deref().map(context_hash),
            next_hash: prov.next.as_deref().map(context_hash),
            rows,
            tuv_ids,
            tu,
            prov,
            also: Vec::new(),
        }
    }

    /// The postings collected so far, when they fill a chunk or, with
    /// `all`, whatever is held (`None` when nothing is).
    pub fn take_postings(&mut self, all: bool) -> Option<PostingChunk> {
        let p = self.postings.as_mut()?;
        (p.should_flush() || all && !p.is_empty()).then(|| p.take())
    }
}
