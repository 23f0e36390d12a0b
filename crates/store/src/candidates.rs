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
//!   more than 1/[`COMMON_SHARE`] of the language's TUVs (Spanish `de`,
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
use crate::sqlite::index::{decode, IdMap};

/// Most TUVs of the query's skeleton verified (the most recent ones: a tie
/// in score goes to the most recent TU).
pub(crate) const NEAR_EXACT: usize = 64;
/// Words in more TUVs than 1/`COMMON_SHARE` of the language's are frequent.
const COMMON_SHARE: i64 = 100;
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
    let cap = (n_lang / COMMON_SHARE).clamp(2_000, POSTINGS_BUDGET);
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
    // Size the map once for the postings that will be read (rehashing was a
    // sixth of a lookup at 1M segments).
    let expected: i64 = plan.iter().map(|p| p.2.map_or(p.1, |c| p.1.min(c as i64))).sum();
    let mut scores: IdMap<u32, f32> = IdMap::with_capacity_and_hasher(expected as usize, Default::default());
    let (mut mass, mut postings) = (0.0f32, 0usize);
    for (t, df, most) in plan {
        let w = ((n_lang as f32 + 1.0) / df as f32).ln().max(0.01);
        mass += w;
        match most {
            None => {
                store.postings(t, false, &mut |blob| {
                    decode(blob, |id| {
                        postings += 1;
                        *scores.entry(id).or_insert(0.0) += w;
                    });
                    true
                })?;
            }
            Some(cap) => {
                let (ids, decoded) = recent(store, t, cap)?;
                postings += decoded;
                for id in ids {
                    *scores.entry(id).or_insert(0.0) += w;
                }
            }
        }
    }
    let mut ranked: Vec<(u32, f32)> = scores.into_iter().collect();
    let by_weight = |a: &(u32, f32), b: &(u32, f32)| b.1.total_cmp(&a.1).then(b.0.cmp(&a.0));
    if ranked.len() > max {
        ranked.select_nth_unstable_by(max, by_weight);
        ranked.truncate(max);
    }
    ranked.sort_unstable_by(by_weight);
    Ok(Candidates {
        ids: ranked.iter().map(|r| r.0).collect(),
        weights: ranked.iter().map(|r| r.1).collect(),
        mass,
        postings,
    })
}
