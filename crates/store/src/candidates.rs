//! Candidate generation: the TUVs a lookup verifies, read from the postings
//! of [`crate::sqlite::index`] (the same chunks of delta-varint ids on every
//! backend, read through [`MatchStore`]) with an amount of work bounded by the query, not by
//! the TM or by how common the query's words are in it.
//!
//! - **Near-exact** ([`near_exact`]): the TUVs under the query's skeleton
//!   term ([`crate::sqlite::index::skeleton_term`]), most recent first, at most
//!   [`NEAR_EXACT`].
//! - **Words** ([`candidates`]): the query's distinct words, rarest first.
//!   The two rarest are always read (several words must agree), but one in
//!   more than 1/[`COMMON_SHARE`] of the language's TUVs (1/[`COMMON_SHARE_LARGE`]
//!   in a language of more than [`LARGE`] TUVs; Spanish `de`,
//!   `la`, `que`) only its [`FREQUENT_READ`] most recent postings; the
//!   others are read while they are not that frequent and hold at most
//!   [`POSTINGS_BUDGET`] postings in all. Each TUV gets the summed IDF
//!   `ln((N + 1) / df)` of the words it shares with the query (several words
//!   must agree, unlike Translate Toolkit's `tmdb`, whose single
//!   OR-of-all-words FTS query returns 12 % of the TM).
//!
//! A lookup thus decodes at most [`NEAR_EXACT`] plus [`POSTINGS_BUDGET`]
//! postings, rounded up to whole chunks (one import flush each), and runs
//! one document-frequency statement per distinct word of the query.

use crate::error::StoreError;
use crate::lookup::MatchStore;
use crate::sqlite::index::decode;

/// Most TUVs of the query's skeleton verified (the most recent ones: a tie
/// in score goes to the most recent TU).
pub(crate) const NEAR_EXACT: usize = 64;
/// Words in more TUVs than 1/`COMMON_SHARE` of the language's are frequent.
const COMMON_SHARE: i64 = 100;
/// A language of more than this many TUVs is large: its frequent words are
/// those in more than 1/[`COMMON_SHARE_LARGE`] of them, and a lookup
/// verifies more candidates (`crate::lookup`).
pub(crate) const LARGE: i64 = 2_000_000;
/// Words in more TUVs than 1/`COMMON_SHARE_LARGE` of a large language's
/// are frequent. A word in 1–2 % of 10M TUVs (Spanish `ciudad`, `mejor`,
/// `mucho`: 100–160k) read in full, rather than stopping the reading,
/// brings the edited queries whose top-1 equals the exhaustive scan's
/// from 497 to 499 of 500 (thread CPU p95 12.0 → 13.7 ms); at 1M pairs the
/// same share found no top-1 more and cost 30 % (p95 2.1 → 2.8 ms).
const COMMON_SHARE_LARGE: i64 = 50;
/// Most postings of a query's words read, all words together.
const POSTINGS_BUDGET: i64 = 250_000;
/// Postings read of a frequent word among the query's two rarest (the most
/// recent ones).
const FREQUENT_READ: usize = 20_000;

/// Candidate TUVs for a query, best first.
pub(crate) struct Candidates {
    /// TUV ids ranked by summed IDF of shared words (ties: higher id first).
    pub ids: Vec<u32>,
    /// The summed IDF of each id in `ids`.
    pub weights: Vec<f32>,
    /// The summed IDF of all the query words that were read.
    pub mass: f32,
    /// Postings decoded.
    pub postings: usize,
    /// TUVs stored in the language (the `N` of the IDF).
    pub n_lang: i64,
}

/// Up to `cap` TUV ids under `term`, the highest (most recent) first, and
/// the number of postings decoded to find them (whole chunks: a chunk is
/// one import flush, and its ids ascend).
pub(crate) fn recent(store: &mut dyn MatchStore, term: i64, cap: usize) -> Result<(Vec<u32>, usize), StoreError> {
    let (mut out, mut decoded, mut chunk) = (Vec::new(), 0, Vec::new());
    store.postings(term, true, &mut |blob| {
        chunk.clear();
        decode(blob, |id| chunk.push(id));
        decoded += chunk.len();
        out.extend(chunk.iter().rev().take(cap - out.len()));
        out.len() < cap
    })?;
    Ok((out, decoded))
}

/// The TUVs under `skeleton` (a [`crate::sqlite::index::skeleton_term`]): at most
/// [`NEAR_EXACT`], most recent first, and the postings decoded.
pub(crate) fn near_exact(store: &mut dyn MatchStore, skeleton: i64) -> Result<(Vec<u32>, usize), StoreError> {
    recent(store, skeleton, NEAR_EXACT)
}

/// Reads the postings of the query's words (`terms`, ids from
/// [`crate::sqlite::index::term_id`]) as the module documentation says, and
/// returns up to `max` TUV ids ranked by the summed IDF `ln((N + 1) / df)`
/// of the words they share with the query, `N` being the number of TUVs in
/// `lang_base`.
pub(crate) fn candidates(
    store: &mut dyn MatchStore,
    lang_base: &str,
    terms: &[i64],
    max: usize,
) -> Result<Candidates, StoreError> {
    let n_lang: i64 = store.lang_count(lang_base)?.max(1);
    let mut with_df: Vec<(i64, i64)> = Vec::with_capacity(terms.len());
    for (&t, df) in terms.iter().zip(store.doc_freqs(terms)?) {
        if df > 0 {
            with_df.push((df, t));
        }
    }
    with_df.sort_unstable();
    let share = if n_lang > LARGE { COMMON_SHARE_LARGE } else { COMMON_SHARE };
    let cap = (n_lang / share).clamp(2_000, POSTINGS_BUDGET);
    // (term, df, most postings read: None for all of them)
    let mut plan: Vec<(i64, i64, Option<usize>)> = Vec::new();
    let mut budget = POSTINGS_BUDGET;
    for (i, &(df, t)) in with_df.iter().enumerate() {
        if i < 2 && (df > cap || df > budget) {
            // The two rarest are read whatever their frequency (several
            // words must agree), a frequent one only in part.
            plan.push((t, df, Some(FREQUENT_READ)));
            budget -= df.min(FREQUENT_READ as i64);
            continue;
        }
        if df > cap || df > budget {
            break;
        }
        budget -= df;
        plan.push((t, df, None));
    }
    // Every posting read becomes one (id, word) entry; sorting them by id
    // brings a TUV's words together. A radix sort of the entries and one pass
    // over them replaced a hash map of scores, which took a third of a
    // lookup at 10M pairs (150k postings, a cache miss each). The buffers
    // are the thread's, kept from one lookup to the next (at most 2 x 8
    // bytes a posting of the budget: 4 MB): fresh ones cost page faults.
    SCRATCH.with_borrow_mut(|scratch| -> Result<Candidates, StoreError> {
        let Scratch { entries, buf, ranked } = scratch;
        entries.clear();
        let mut weights: Vec<f32> = Vec::with_capacity(plan.len());
        let (mut mass, mut postings) = (0.0f32, 0usize);
        for (k, (t, df, most)) in plan.into_iter().enumerate().take(1 << WORD_BITS) {
            let w = ((n_lang as f32 + 1.0) / df as f32).ln().max(0.01);
            mass += w;
            weights.push(w);
            let k = k as u64;
            match most {
                None => {
                    let before = entries.len();
                    store.postings(t, false, &mut |blob| {
                        decode(blob, |id| entries.push(u64::from(id) << WORD_BITS | k));
                        true
                    })?;
                    postings += entries.len() - before;
                }
                Some(cap) => {
                    let (ids, decoded) = recent(store, t, cap)?;
                    postings += decoded;
                    entries.extend(ids.into_iter().map(|id| u64::from(id) << WORD_BITS | k));
                }
            }
        }
        radix_sort_by_id(entries, buf);
        // Each TUV's summed weight, packed above its id: a positive f32's
        // bits order as the f32 does, so the packed values order as
        // (weight, id), the ranking (ties: the higher id, the more recent).
        ranked.clear();
        let pack = |id: u32, w: f32| (u64::from(w.to_bits()) << 32) | u64::from(id);
        let (mut id, mut w) = (None::<u32>, 0.0f32);
        for &e in entries.iter() {
            let (eid, ew) = ((e >> WORD_BITS) as u32, weights[(e & WORD_MASK) as usize]);
            if id == Some(eid) {
                w += ew;
            } else {
                if let Some(id) = id {
                    ranked.push(pack(id, w));
                }
                (id, w) = (Some(eid), ew);
            }
        }
        if let Some(id) = id {
            ranked.push(pack(id, w));
        }
        if ranked.len() > max {
            ranked.select_nth_unstable_by(max, |a, b| b.cmp(a));
            ranked.truncate(max);
        }
        ranked.sort_unstable_by(|a, b| b.cmp(a));
        Ok(Candidates {
            ids: ranked.iter().map(|&r| r as u32).collect(),
            weights: ranked.iter().map(|&r| f32::from_bits((r >> 32) as u32)).collect(),
            mass,
            postings,
            n_lang,
        })
    })
}

/// The buffers of [`candidates`], one set a thread.
#[derive(Default)]
struct Scratch {
    entries: Vec<u64>,
    buf: Vec<u64>,
    ranked: Vec<u64>,
}

thread_local! {
    static SCRATCH: std::cell::RefCell<Scratch> = std::cell::RefCell::new(Scratch::default());
}

/// Bits of an entry that hold the index of its word in the plan (the rest,
/// above, its TUV id): a query reads at most 65,536 words' postings.
const WORD_BITS: u32 = 16;
const WORD_MASK: u64 = (1 << WORD_BITS) - 1;

/// Sorts `entries` by their TUV id (bits 16 to 47), keeping the order of
/// entries with the same id: a least-significant-digit radix sort, three
/// passes of 11 bits (Knuth, TAOCP vol. 3, 5.2.5), linear where a
/// comparison sort of 150k entries took four times as long.
fn radix_sort_by_id(entries: &mut Vec<u64>, buf: &mut Vec<u64>) {
    const BITS: u32 = 11;
    buf.clear();
    buf.resize(entries.len(), 0);
    for pass in 0..3 {
        let shift = WORD_BITS + pass * BITS;
        let digit = |e: u64| ((e >> shift) & ((1 << BITS) - 1)) as usize;
        let mut counts = [0usize; 1 << BITS];
        for &e in entries.iter() {
            counts[digit(e)] += 1;
        }
        let mut at = 0;
        for c in counts.iter_mut() {
            (*c, at) = (at, at + *c);
        }
        for &e in entries.iter() {
            let d = digit(e);
            buf[counts[d]] = e;
            counts[d] += 1;
        }
        std::mem::swap(entries, buf);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_radix_sort_orders_by_id_and_keeps_each_id_s_words_in_order() {
        // Ids over the whole 32 bits, many repeated, words in push order.
        let mut x: u64 = 0x2545_F491_4F6C_DD1D;
        let mut entries: Vec<u64> = Vec::new();
        for k in 0..40u64 {
            for _ in 0..5_000 {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                let id = if x % 3 == 0 { (x >> 40) as u32 % 1000 } else { (x >> 16) as u32 };
                entries.push(u64::from(id) << WORD_BITS | k);
            }
        }
        let mut want = entries.clone();
        want.sort_by_key(|e| e >> WORD_BITS);
        radix_sort_by_id(&mut entries, &mut Vec::new());
        assert_eq!(entries, want);
        assert!(entries.windows(2).any(|w| w[0] >> WORD_BITS == w[1] >> WORD_BITS));
        assert!(*entries.last().unwrap() >> WORD_BITS > u64::from(u32::MAX >> 1));
    }
}
