//! Lookup, the same on every backend: candidates from the index
//! ([`crate::candidates`]; a scan only for an exhaustive lookup), verified
//! with the bit-parallel distance, scored ([`memoria_core::score::score`]),
//! ranked, and completed with the target, placeable substitution and context
//! (101). A backend gives the rows through [`MatchStore`]; the same TM
//! content thus gives the same matches and scores on SQLite and PostgreSQL.

use crate::candidates::{candidates, near_exact, LARGE};
use crate::error::StoreError;
use crate::model::{Match, Provenance, Query};
use crate::sqlite::index::{short_class, short_term_ids, skeleton_term, term_ids, IdMap};
use memoria_core::content::{Content, Inline};
use memoria_core::lang::LangTag;
use memoria_core::normalize::context_hash;
use memoria_core::normalize::{hash, is_mask, MatchForm};
use memoria_core::placeable::{recognize, rewrite_date_like, spaced_like, DateStyle, Placeable, Value};
use memoria_core::score::{length_bound, score, Difference, Pattern};
use memoria_core::tu::Tu;
use std::cmp::Ordering;
use std::time::Instant;

/// One TUV as the candidate stage reads it (the columns `id, tu_id, lang,
/// key_len, key, norm_hash` of the `tuv` table on every backend).
pub(crate) struct CandRow<'a> {
    pub id: i64,
    pub tu_id: i64,
    pub lang: &'a str,
    pub key_len: i64,
    pub key: &'a str,
    pub norm_hash: i64,
}

/// What a lookup reads from a backend: TUV rows (each call gives them in
/// ascending id order), candidate postings (chunks of delta-varint TUV ids,
/// [`crate::sqlite::index`]), counts, and the rows that complete a match.
/// One value serves one lookup (it may hold a connection or a read
/// transaction for it).
pub(crate) trait MatchStore {
    /// Every TUV of primary language `lang_base` whose normalised-text hash is `hash`.
    fn exact(&mut self, lang_base: &str, hash: i64, f: &mut dyn FnMut(CandRow<'_>)) -> Result<(), StoreError>;
    /// Every TUV of `lang_base` (the exhaustive lookup).
    fn scan(&mut self, lang_base: &str, f: &mut dyn FnMut(CandRow<'_>)) -> Result<(), StoreError>;
    /// Most ids one [`MatchStore::by_ids`] call takes (SQLite: [`BATCH`], its
    /// statement's placeholders; a server: more, one round trip for many).
    fn ids_per_call(&self) -> usize {
        BATCH
    }
    /// Those of the TUVs `ids` (at most [`MatchStore::ids_per_call`]) that exist.
    fn by_ids(&mut self, ids: &[u32], f: &mut dyn FnMut(CandRow<'_>)) -> Result<(), StoreError>;
    /// TUVs stored in `lang_base` (the `N` of the IDF), 0 when unknown.
    fn lang_count(&mut self, lang_base: &str) -> Result<i64, StoreError>;
    /// The postings (document frequency) of each of `terms`, in its order.
    fn doc_freqs(&mut self, terms: &[i64]) -> Result<Vec<i64>, StoreError>;
    /// Each stored chunk of `term`, in chunk order (with `recent_first`,
    /// the latest first), until `f` returns false.
    fn postings(&mut self, term: i64, recent_first: bool, f: &mut dyn FnMut(&[u8]) -> bool) -> Result<(), StoreError>;
    /// TU `id` with its variants, as imported.
    fn load_tu(&mut self, id: i64) -> Result<Tu, StoreError>;
    /// The content of TUV `id`.
    fn tuv_content(&mut self, id: i64) -> Result<Content, StoreError>;
    /// The number of distinct `to_lang_base` variants (normalised-text
    /// hashes) of the TUs having a `lang_base` variant with `hash`, counted
    /// at least up to 2: a lookup needs to know whether there is more than
    /// one (a source with several translations), so a backend may stop there.
    fn alternatives(&mut self, lang_base: &str, hash: i64, to_lang_base: &str) -> Result<i64, StoreError>;
    /// TU `id`'s provenance, change date and context hashes.
    fn tu_row(&mut self, id: i64) -> Result<TuRow, StoreError>;
    /// Hint: the lookup will read the TUVs of `lang_base` with the
    /// normalised-text hash `hash` ([`MatchStore::exact`]), the postings of
    /// `terms` (the skeleton and the words), their document frequencies and
    /// the language's count. A server reads them in one round trip; the
    /// default does nothing. What the other calls answer is unchanged.
    fn prefetch_terms(&mut self, _lang_base: &str, _hash: i64, _terms: &[i64]) -> Result<(), StoreError> {
        Ok(())
    }
    /// Hint: the TUVs `ids` may be verified later, in this order (the
    /// widening beyond [`FIRST`]); the default does nothing.
    fn prefetch_candidates(&mut self, _ids: &[u32]) -> Result<(), StoreError> {
        Ok(())
    }
    /// Hint: completion will read these (TU id, source TUV id) next, with
    /// their alternatives in `to_lang_base`; the default does nothing.
    fn prefetch_tus(&mut self, _tus: &[(i64, i64)], _to_lang_base: &str) -> Result<(), StoreError> {
        Ok(())
    }
}

/// Survivors whose TUs one [`MatchStore::prefetch_tus`] call reads.
const COMPLETE_AHEAD: usize = 16;

/// Candidates verified first; if fewer than `limit` reach `min_score`, the
/// lookup widens to [`WIDE`].
const FIRST: usize = 200;
/// In a language of more than [`LARGE`] TUVs, the candidates verified
/// first, and then those ranked equal to the last of them (the same words
/// of the query: the index cannot tell them apart, and the cut among them
/// went by recency alone). At 10M pairs (each sentence with ~280
/// near-duplicates) the top-1 equalled the exhaustive scan's on 484 of 500
/// edited queries with 200, 493 with 200 and the ties, 497 with 400 and the
/// ties (thread CPU p50 9.0, 9.7, 10.1 ms); at 1M, 200 without ties find the
/// exhaustive top-1 on every query checked, and 400 and the ties doubled
/// the time (p50 1.2 → 2.5 ms).
const FIRST_LARGE: usize = 400;
const WIDE: usize = 1_000;
/// Beyond [`FIRST`], only candidates sharing at least this share of the
/// query's IDF mass are verified (one that shares less lacks half of the
/// query's rarer words and is no close match).
const WIDEN_SHARE: f32 = 0.5;

/// TUVs verified beyond [`FIRST`] before the widening condition is looked
/// at again (and read by one statement).
pub(crate) const BATCH: usize = 32;

/// How a lookup found its candidates (for benchmarks and `--explain`).
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct LookupTrace {
    /// Candidate TUVs handed over by the index (near-exact and words).
    pub candidates: usize,
    /// Postings decoded from the candidate index to find them.
    pub postings: usize,
    /// TUVs whose distance was computed.
    pub verified: usize,
    /// Microseconds spent reading postings, verifying, and completing matches.
    pub micros: [u32; 3],
    /// Statements sent to the server (PostgreSQL; 0 on SQLite).
    pub statements: usize,
}

/// A TUV that may reach the minimum score.
struct Survivor {
    tuv: i64,
    tu_id: i64,
    lang: String,
    /// Upper bound of the final score: the base score, or 100 when only
    /// punctuation differs; 99 at most when the normalised texts differ.
    bound: u8,
    distance: usize,
}

/// Verifies the TUVs of one lookup and keeps those that may reach its
/// minimum score.
pub(crate) struct Verifier<'q> {
    q: &'q Query,
    qf: MatchForm,
    pattern: Pattern,
    stripped: Vec<char>,
    /// The chars of the key being verified (reused).
    chars: Vec<char>,
    seen: IdMap<i64, ()>,
    survivors: Vec<Survivor>,
    trace: LookupTrace,
    /// The normalised-text hash of the query.
    query_hash: i64,
}

impl<'q> Verifier<'q> {
    pub(crate) fn new(q: &'q Query) -> Verifier<'q> {
        let qf = MatchForm::new(&q.source, &q.from);
        Verifier {
            q,
            pattern: Pattern::new(&qf.key),
            stripped: qf.stripped(),
            chars: Vec::new(),
            query_hash: hash(&qf.norm),
            qf,
            seen: IdMap::default(),
            survivors: Vec::new(),
            trace: LookupTrace::default(),
        }
    }

    /// The query's match key in chars.
    pub(crate) fn key(&self) -> &[char] {
        &self.qf.key
    }

    /// The query.
    pub(crate) fn query(&self) -> &Query {
        self.q
    }

    /// Verifies one row, once (a TUV whose normalised-text hash is the
    /// query's may score 100; any other scores 99 at most).
    fn check_row(&mut self, r: CandRow<'_>) {
        if self.seen.insert(r.id, ()).is_some() {
            return;
        }
        let mut chars = std::mem::take(&mut self.chars);
        chars.clear();
        if length_bound(self.pattern.len(), r.key_len as usize) >= self.q.min_score {
            chars.extend(r.key.chars());
        }
        self.check_chars(&r, &chars);
        self.chars = chars;
    }

    /// [`Verifier::check_row`] of a row seen once, with its key's `chars`
    /// already split (or empty when the length bound rules it out).
    pub(crate) fn check_chars(&mut self, r: &CandRow<'_>, chars: &[char]) {
        self.trace.verified += 1;
        let min = self.q.min_score;
        let (mut bound, mut distance) = (0u8, usize::MAX);
        if length_bound(self.pattern.len(), r.key_len as usize) >= min {
            distance = self.pattern.distance(chars);
            bound = memoria_core::score::base_score(distance, self.pattern.len(), chars.len());
        }
        if bound < 100 && distance != 0 {
            let stripped = r.key.chars().filter(|c| c.is_alphanumeric() || is_mask(*c));
            if stripped.eq(self.stripped.iter().copied()) {
                bound = 100;
                if distance == usize::MAX {
                    let all: Vec<char> = r.key.chars().collect();
                    distance = self.pattern.distance(&all);
                }
            }
        }
        if r.norm_hash != self.query_hash {
            bound = bound.min(99);
        }
        if bound >= min {
            self.survivors.push(Survivor { tuv: r.id, tu_id: r.tu_id, lang: r.lang.to_string(), bound, distance });
        }
    }

    fn reaching_min(&self) -> usize {
        self.survivors.len()
    }
}

/// One scored, completed match with its ranking keys.
struct Ranked {
    m: Match,
    src_fit: u8,
    tgt_fit: u8,
    changed: i64,
}

fn rank(a: &Ranked, b: &Ranked) -> Ordering {
    b.m.score
        .cmp(&a.m.score)
        .then(b.src_fit.cmp(&a.src_fit))
        .then(b.tgt_fit.cmp(&a.tgt_fit))
        .then(b.changed.cmp(&a.changed))
        .then(b.m.tu_id.cmp(&a.m.tu_id))
}

/// Ranked matches for `q` ([`crate::Tm::lookup`] gives the contract) and how
/// they were found, read from `store`.
///
/// Candidates come from the persistent index, with an amount of work
/// bounded by the query whatever the TM holds (see the crate README):
/// every TUV with the same normalised text, the most recent TUVs with the
/// same skeleton (the key's letters, digits and placeables: near-exact
/// matches), and the TUVs sharing the query's rarer words (only the short
/// TUVs when every possible fuzzy match is short), ranked by
/// shared IDF (the best 200; in a large TM the best 400 and those tied
/// with the 400th; widened to at most 1,000 while fewer than
/// `limit` reach `min_score` and the next candidate shares at least half
/// of the query's IDF mass). Nothing is scanned: a fuzzy match sharing no
/// word and not the skeleton with the query is not found, where the
/// `exhaustive` lookup (every TUV of the language scored: the oracle of the
/// benchmark and tests, linear in TM size) finds it.
pub(crate) fn lookup(store: &mut dyn MatchStore, q: &Query) -> Result<(Vec<Match>, LookupTrace), StoreError> {
    let t0 = Instant::now();
    let lb = q.from.language();
    let mut v = Verifier::new(q);
    gather(store, &mut v, lb, t0)?;
    let mut trace = v.trace.clone();
    trace.micros[1] = (t0.elapsed().as_micros() as u32).saturating_sub(trace.micros[0]);
    let out = finish(store, v)?;
    trace.micros[2] = (t0.elapsed().as_micros() as u32).saturating_sub(trace.micros[0] + trace.micros[1]);
    Ok((out, trace))
}

/// The candidate stage of [`Tm::lookup`]: verifies the TUVs with the
/// query's normalised text, then those with its skeleton, then the word
/// candidates ([`crate::candidates`]): the best [`FIRST`] (in a large TM
/// [`FIRST_LARGE`] and those ranked equal to the last of them), and
/// further down the list, up to [`WIDE`], while fewer than `limit` reach
/// `min_score` and the next one shares at least [`WIDEN_SHARE`] of the
/// query's IDF mass.
fn gather(store: &mut dyn MatchStore, v: &mut Verifier, lb: &str, t0: Instant) -> Result<(), StoreError> {
    // When every fuzzy match is short (a key reaches min_score only
    // within ⌊len · 100 / min_score⌋ chars), the words of the narrowest
    // length class holding them do.
    let key = v.qf.key_string();
    let longest = (v.qf.key.len() * 100).checked_div(usize::from(v.q.min_score));
    let words = match longest.and_then(short_class) {
        Some(class) => short_term_ids(lb, &key, class),
        None => term_ids(lb, &key),
    };
    let skeleton = skeleton_term(lb, v.qf.key.iter().copied());
    let mut all: Vec<i64> = skeleton.into_iter().chain(words.iter().copied()).collect();
    all.sort_unstable();
    all.dedup();
    let query_hash = v.query_hash;
    store.prefetch_terms(lb, query_hash, &all)?;
    store.exact(lb, query_hash, &mut |r| v.check_row(r))?;
    if let Some(skeleton) = skeleton {
        let (ids, decoded) = near_exact(store, skeleton)?;
        v.trace.postings += decoded;
        v.trace.candidates += ids.len();
        check_ids(store, v, &ids)?;
    }
    let c = candidates(store, lb, &words, WIDE)?;
    v.trace.postings += c.postings;
    v.trace.candidates += c.ids.len();
    v.trace.micros[0] = t0.elapsed().as_micros() as u32;
    let large = c.n_lang > LARGE;
    let mut at = if large { FIRST_LARGE } else { FIRST }.min(c.ids.len());
    check_ids(store, v, &c.ids[..at])?;
    let tied = match at.checked_sub(1) {
        Some(last) if large => c.weights[at..].iter().take_while(|&&w| w >= c.weights[last]).count(),
        _ => 0,
    };
    if c.ids.len() > at && (tied > 0 || v.reaching_min() < v.q.limit) {
        store.prefetch_candidates(&c.ids[at..])?;
    }
    check_ids(store, v, &c.ids[at..at + tied])?;
    at += tied;
    while at < c.ids.len() && v.reaching_min() < v.q.limit {
        let widened = c.ids[at..]
            .iter()
            .zip(&c.weights[at..])
            .take(BATCH)
            .take_while(|(_, &w)| w >= WIDEN_SHARE * c.mass)
            .count();
        if widened == 0 {
            break;
        }
        check_ids(store, v, &c.ids[at..at + widened])?;
        at += widened;
    }
    Ok(())
}

/// Verifies the TUVs `ids`, [`BATCH`] a statement.
fn check_ids(store: &mut dyn MatchStore, v: &mut Verifier, ids: &[u32]) -> Result<(), StoreError> {
    for batch in ids.chunks(store.ids_per_call().max(1)) {
        store.by_ids(batch, &mut |r| v.check_row(r))?;
    }
    Ok(())
}

/// Scores the survivors in descending order of their bound until no
/// further one can enter the top `limit`, and completes them.
pub(crate) fn finish(store: &mut dyn MatchStore, v: Verifier) -> Result<Vec<Match>, StoreError> {
    let Verifier { q, qf, mut survivors, .. } = v;
    survivors.sort_by(|a, b| b.bound.cmp(&a.bound).then(b.tu_id.cmp(&a.tu_id)));
    let mut out: Vec<Ranked> = Vec::new();
    for (i, s) in survivors.iter().enumerate() {
        if q.limit == 0 || (out.len() >= q.limit && s.bound < out[q.limit - 1].m.score) {
            break;
        }
        if i % COMPLETE_AHEAD == 0 {
            let ahead: Vec<(i64, i64)> = survivors[i..].iter().take(COMPLETE_AHEAD).map(|s| (s.tu_id, s.tuv)).collect();
            store.prefetch_tus(&ahead, q.to.language())?;
        }
        let Some(r) = complete(store, q, &qf, s)? else {
            continue;
        };
        if r.m.score < q.min_score {
            continue;
        }
        match out.iter().position(|o| o.m.tu_id == r.m.tu_id) {
            Some(i) if rank(&r, &out[i]) == Ordering::Less => {
                out.remove(i);
            }
            Some(_) => continue,
            None => {}
        }
        let at = out.partition_point(|o| rank(o, &r) == Ordering::Less);
        out.insert(at, r);
    }
    out.truncate(q.limit);
    Ok(out.into_iter().map(|r| r.m).collect())
}

fn complete(store: &mut dyn MatchStore, q: &Query, qf: &MatchForm, s: &Survivor) -> Result<Option<Ranked>, StoreError> {
    let source_lang = LangTag::new(&s.lang).map_err(|err| StoreError::Corrupt(err.to_string()))?;
    let tu = store.load_tu(s.tu_id)?;
    let Some(target) = tu.variant(&q.to) else {
        return Ok(None);
    };
    let source = store.tuv_content(s.tuv)?;
    let cf = MatchForm::new(&source.match_text(), &source_lang);
    let scored = score(qf, &cf, s.distance);
    let (mut points, mut differences) = (i32::from(scored.score), scored.differences);
    let alternatives = store.alternatives(source_lang.language(), hash(&cf.norm), q.to.language())?;
    if alternatives > 1 {
        points -= 1;
        differences.push(Difference::MultipleTranslations);
    }
    let mut filled = target.seg.clone();
    // Placeables are carried over when the texts differ only in them (the
    // keys mask them), and in a fuzzy match when both texts have the same
    // placeables kind by kind, in order (as Trados's auto-localisation of
    // fuzzy matches does); otherwise there is no telling which is which.
    let paired = cf.placeables.len() == qf.placeables.len()
        && cf.placeables.iter().zip(&qf.placeables).all(|(c, q)| c.kind() == q.kind());
    if qf.key == cf.key || paired {
        let changes: Vec<(&Placeable, &Placeable)> =
            cf.placeables.iter().zip(&qf.placeables).filter(|(c, q)| !c.value.same_value(&q.value)).collect();
        if !changes.is_empty() {
            let (content, missed) = substitute(&target.seg, &target.lang, &changes);
            filled = content;
            for stored in missed {
                points -= 1;
                differences.push(Difference::NotSubstituted { stored });
            }
        }
    }
    let (collection, document, position, changed, prev, next): TuRow = store.tu_row(s.tu_id)?;
    let mut final_score = points.clamp(0, 100) as u8;
    if scored.score == 100 && points == 100 && (q.prev.is_some() || q.next.is_some()) {
        let (want_prev, want_next) = (q.prev.as_deref().map(context_hash), q.next.as_deref().map(context_hash));
        if prev == want_prev && next == want_next {
            final_score = 101;
        }
    }
    if final_score == 100 && !differences.is_empty() {
        final_score = 99;
    }
    Ok(Some(Ranked {
        src_fit: q.from.fit(&source_lang),
        tgt_fit: q.to.fit(&target.lang),
        changed,
        m: Match {
            score: final_score,
            tu_id: s.tu_id,
            source_lang,
            source,
            target_lang: target.lang.clone(),
            target: filled,
            stored_target: target.seg.clone(),
            provenance: Provenance { collection, document, position, prev: None, next: None },
            differences,
        },
    }))
}

fn decimal(v: &Value) -> Option<&memoria_core::placeable::Decimal> {
    match v {
        Value::Number(d) | Value::Percent(d) => Some(d),
        Value::Currency { amount, .. } => Some(amount),
        _ => None,
    }
}

/// A TU's provenance columns: collection, document, position, changed (Unix
/// seconds), and the context hashes of the previous and next segments.
pub(crate) type TuRow = (Option<String>, Option<String>, Option<i64>, i64, Option<i64>, Option<i64>);

/// Puts the query's placeable values into `target` where the stored
/// source's values appear in it: each (stored, query) change is mapped to the
/// first unused target placeable of the same value (or, for a bare number in
/// the target, the same number; else one written exactly as the stored one)
/// and replaced by the query value localised into `lang` (the query's text as
/// written for the last). Returns the new content and the stored texts not found.
fn substitute(target: &Content, lang: &LangTag, changes: &[(&Placeable, &Placeable)]) -> (Content, Vec<String>) {
    let mut found: Vec<(usize, Placeable, bool)> = Vec::new();
    for (i, item) in target.items.iter().enumerate() {
        if let Inline::Text(t) = item {
            found.extend(recognize(t, lang).into_iter().map(|p| (i, p, false)));
        }
    }
    let mut edits: Vec<(usize, usize, usize, String)> = Vec::new();
    let mut missed = Vec::new();
    for (stored, query) in changes {
        let same = found.iter().position(|(_, p, used)| !used && p.value.same_value(&stored.value));
        let numeric = || {
            found.iter().position(|(_, p, used)| {
                !used
                    && matches!(p.value, Value::Number(_))
                    && decimal(&stored.value).zip(decimal(&p.value)).is_some_and(|(a, b)| a.same_number(b))
            })
        };
        // The new value takes the target's digit grouping (`6,000` → `7,000`).
        let text = |p: &Placeable| {
            let grouped = decimal(&p.value).is_some_and(|d| d.grouped);
            let mut value = query.value.clone();
            if let Value::Number(d) | Value::Percent(d) | Value::Currency { amount: d, .. } = &mut value {
                d.grouped |= grouped;
            }
            // French spacing (`35 000`, `12 h 30`) as the stored translation writes it.
            let new = match (&p.value, decimal(&value), &value) {
                (Value::Number(_), Some(d), _) => d.localize(lang),
                // A textual date keeps the stored translation's style (`6th of February 2011`).
                (Value::Date { style: DateStyle::Textual, .. }, _, Value::Date { year, month, day, .. }) => {
                    rewrite_date_like(&p.text, *year, *month, *day, lang).unwrap_or_else(|| value.localize(lang))
                }
                _ => value.localize(lang),
            };
            spaced_like(&new, &p.text)
        };
        // Written the same way in both (`29,000` in a Spanish source read as
        // 29.000 and `29,000` in the English target): the query's text as written.
        let verbatim = || found.iter().position(|(_, p, used)| !used && p.text == stored.text);
        match same.or_else(numeric) {
            Some(k) => {
                found[k].2 = true;
                let (item, p) = (found[k].0, &found[k].1);
                edits.push((item, p.start, p.end, text(p)));
            }
            None if verbatim().is_some() => {
                let k = verbatim().unwrap_or_default();
                found[k].2 = true;
                let (item, p) = (found[k].0, &found[k].1);
                edits.push((item, p.start, p.end, query.text.clone()));
            }
            None => missed.push(stored.text.clone()),
        }
    }
    let mut out = target.clone();
    edits.sort_by(|a, b| b.0.cmp(&a.0).then(b.1.cmp(&a.1)));
    for (item, start, end, new) in edits {
        if let Inline::Text(t) = &mut out.items[item] {
            t.replace_range(start..end, &new);
        }
    }
    (out, missed)
}
