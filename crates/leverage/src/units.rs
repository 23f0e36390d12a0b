//! Units of translation: the segments of a release and the candidates a
//! supplier (the TM, or an XLIFF file being checked) gives for each.
//!
//! A release's segments become [`Unit`]s in document order. Usually a unit
//! is one segment; when two consecutive segments of the same paragraph
//! together match a stored source exactly (a 2-1 bead stored as one TU by
//! `memoria align --import`), and not both of them have an exact match of
//! their own, they form one unit: filled together, counted together. Each
//! lookup carries the neighbouring segments' text so the store can give a
//! context match (101). Matching itself is the store's job
//! ([`memoria_store::Tm::lookup`]); this module only decides what to ask, and
//! asks once for each distinct (segment, neighbours): repetitions are free.

use crate::release::Release;
use memoria_core::content::Content;
use memoria_core::lang::LangTag;
use memoria_core::normalize::normalize;
use memoria_formats::xliff::read::XUnit;
use memoria_store::{Difference, Match, Provenance, Query, StoreError, Tm};
use std::collections::HashMap;
use std::ops::Range;

/// Where a candidate came from.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum Origin {
    /// A TU of the TM.
    Tm { tu_id: i64, provenance: Provenance },
    /// A unit of an XLIFF file (its path and unit id).
    Xliff { path: String, unit: String },
}

/// A translation offered for a unit.
#[derive(Clone, Debug)]
pub struct Candidate {
    /// 0–100 (101: context match).
    pub score: u8,
    pub source_lang: LangTag,
    /// The source it translates, as stored.
    pub source: Content,
    pub target_lang: LangTag,
    /// The target to use: the stored target with this unit's placeable
    /// values substituted where only placeables differ.
    pub target: Content,
    /// The target as stored.
    pub stored_target: Content,
    /// Why the score is below 100 (empty for 100 and 101).
    pub differences: Vec<Difference>,
    pub origin: Origin,
}

impl Candidate {
    /// The TM's collection the candidate came from (a TMX file name), if any.
    pub fn collection(&self) -> Option<&str> {
        match &self.origin {
            Origin::Tm { provenance, .. } => provenance.collection.as_deref(),
            Origin::Xliff { .. } => None,
        }
    }
}

impl From<Match> for Candidate {
    fn from(m: Match) -> Candidate {
        Candidate {
            score: m.score,
            source_lang: m.source_lang,
            source: m.source,
            target_lang: m.target_lang,
            target: m.target,
            stored_target: m.stored_target,
            differences: m.differences,
            origin: Origin::Tm { tu_id: m.tu_id, provenance: m.provenance },
        }
    }
}

/// One unit of translation in a release: one segment, or two joined.
#[derive(Clone, Debug)]
pub struct Unit {
    /// Indices of the release's segments it covers (one or two).
    pub segs: Range<usize>,
    /// Byte range in the release text (from the first segment's start to the
    /// last one's end, white space between them included).
    pub start: usize,
    pub end: usize,
    /// Candidates, best first; scores 0–101 as the supplier gives them.
    pub matches: Vec<Candidate>,
}

impl Unit {
    /// The unit's source text as it stands in the release.
    pub fn source<'a>(&self, rel: &'a Release) -> &'a str {
        &rel.doc.text[self.start..self.end]
    }

    /// The unit's source with the document's inline codes.
    pub fn content(&self, rel: &Release) -> Content {
        rel.content(self.start..self.end)
    }

    /// The best candidate, if any.
    pub fn best(&self) -> Option<&Candidate> {
        self.matches.first()
    }

    /// Score of the best candidate (0 when there is none).
    pub fn score(&self) -> u8 {
        self.best().map_or(0, |m| m.score)
    }

    /// Whether the best candidate is exact ([`is_exact`]).
    pub fn is_exact(&self) -> bool {
        self.best().is_some_and(is_exact)
    }

    /// Number of segments covered.
    pub fn len(&self) -> usize {
        self.segs.len()
    }

    /// Always false: a unit covers at least one segment.
    pub fn is_empty(&self) -> bool {
        self.segs.is_empty()
    }
}

/// Whether `m` holds this very source: a score of 100 or 101, or 99 only
/// because the TM has several translations of the source (the store's
/// multiple-translations penalty, as in Trados).
pub fn is_exact(m: &Candidate) -> bool {
    m.score >= 100
        || (m.score == 99
            && !m.differences.is_empty()
            && m.differences.iter().all(|d| *d == Difference::MultipleTranslations))
}

/// Something that gives candidates for a source text: the TM, or the
/// translations of an XLIFF file.
pub trait Supplier {
    /// Candidates for `source` (best first, at most `limit`, none scoring
    /// below `min_score`), with the source texts of the neighbouring segments
    /// for context matches.
    fn candidates(
        &self,
        source: &str,
        prev: Option<&str>,
        next: Option<&str>,
        min_score: u8,
        limit: usize,
    ) -> Result<Vec<Candidate>, StoreError>;
}

/// The TM as a supplier for one language pair.
pub struct TmSupplier<'a> {
    pub tm: &'a Tm,
    pub from: LangTag,
    pub to: LangTag,
}

impl Supplier for TmSupplier<'_> {
    fn candidates(
        &self,
        source: &str,
        prev: Option<&str>,
        next: Option<&str>,
        min_score: u8,
        limit: usize,
    ) -> Result<Vec<Candidate>, StoreError> {
        let mut q = Query::new(source, self.from.clone(), self.to.clone());
        q.min_score = min_score;
        q.limit = limit;
        q.prev = prev.map(str::to_string);
        q.next = next.map(str::to_string);
        Ok(self.tm.lookup(&q)?.into_iter().map(Candidate::from).collect())
    }
}

/// A supplier that asks `inner` once per distinct question.
struct Once<'a> {
    inner: &'a dyn Supplier,
    asked: HashMap<(&'a str, Option<&'a str>, Option<&'a str>, u8), Vec<Candidate>>,
}

impl<'a> Once<'a> {
    fn ask(
        &mut self,
        source: &'a str,
        prev: Option<&'a str>,
        next: Option<&'a str>,
        min_score: u8,
        limit: usize,
    ) -> Result<Vec<Candidate>, StoreError> {
        if let Some(found) = self.asked.get(&(source, prev, next, min_score)) {
            return Ok(found.clone());
        }
        let found = self.inner.candidates(source, prev, next, min_score, limit)?;
        self.asked.insert((source, prev, next, min_score), found.clone());
        Ok(found)
    }
}

/// The units of `rel` with their candidates from `supplier`: every
/// candidate scoring at least `min_score` (0–100), at most `limit` per unit.
/// Segment pairs are joined as described in the module documentation; the
/// supplier is asked once for each distinct segment with the same
/// neighbours (a release that repeats a sentence costs one lookup).
pub fn units(rel: &Release, supplier: &dyn Supplier, min_score: u8, limit: usize) -> Result<Vec<Unit>, StoreError> {
    units_with_progress(rel, supplier, min_score, limit, &mut |_| {})
}

/// [`units`], telling `progress` how many segments have been looked up so
/// far (of `rel.segments.len()`) every 64 segments and at the end, for a
/// progress bar.
pub fn units_with_progress(
    rel: &Release,
    supplier: &dyn Supplier,
    min_score: u8,
    limit: usize,
    progress: &mut dyn FnMut(usize),
) -> Result<Vec<Unit>, StoreError> {
    let n = rel.segments.len();
    let text = |i: usize| rel.text(i);
    let prev = |i: usize| i.checked_sub(1).map(text);
    let next = |i: usize| (i < n).then(|| text(i));
    let mut once = Once { inner: supplier, asked: HashMap::new() };
    let mut single = Vec::with_capacity(n);
    for i in 0..n {
        single.push(once.ask(text(i), prev(i), next(i + 1), min_score, limit)?);
        if i % 64 == 63 {
            progress(i + 1);
        }
    }
    progress(n);
    let exact = |c: &Vec<Candidate>| c.first().is_some_and(is_exact);
    let mut out = Vec::with_capacity(n);
    let mut i = 0;
    while i < n {
        let seg = &rel.segments[i];
        if i + 1 < n && rel.segments[i + 1].paragraph == seg.paragraph && !(exact(&single[i]) && exact(&single[i + 1]))
        {
            let end = rel.segments[i + 1].end;
            let joined = &rel.doc.text[seg.start..end];
            let mut found = once.ask(joined, prev(i), next(i + 2), 99, limit)?;
            found.retain(is_exact);
            if !found.is_empty() {
                out.push(Unit { segs: i..i + 2, start: seg.start, end, matches: found });
                i += 2;
                continue;
            }
        }
        out.push(Unit { segs: i..i + 1, start: seg.start, end: seg.end, matches: std::mem::take(&mut single[i]) });
        i += 1;
    }
    Ok(out)
}

/// The units of `rel` with the translations an XLIFF file gives them,
/// paired by place in the release, never by source text alone (a sentence
/// the release repeats may be translated in one place and not in another):
/// by the unit's byte range where the XLIFF records it (memoria's own); else
/// in order — each unit with the next segment (or two joined segments) at or
/// after the previous pairing whose normalised text is the unit's source, so
/// a repetition pairs with its own occurrence. A unit is translated when
/// [`XUnit::is_translated`]; a segment no XLIFF unit covers is untranslated.
/// Candidates score 100.
pub fn from_xliff(rel: &Release, xunits: &[&XUnit], path: &str, from: &LangTag, to: &LangTag) -> Vec<Unit> {
    let n = rel.segments.len();
    let candidate = |x: &XUnit| Candidate {
        score: 100,
        source_lang: from.clone(),
        source: x.source.clone(),
        target_lang: to.clone(),
        target: x.target.clone().unwrap_or_default(),
        stored_target: x.target.clone().unwrap_or_default(),
        differences: vec![],
        origin: Origin::Xliff { path: path.to_string(), unit: x.id.clone() },
    };
    // The segments each XLIFF unit covers.
    let mut covered: Vec<(Range<usize>, &XUnit)> = Vec::new();
    if xunits.iter().all(|x| x.range.is_some()) {
        for x in xunits {
            let r = x.range.clone().unwrap_or_default();
            let segs: Vec<usize> =
                (0..n).filter(|&i| rel.segments[i].start >= r.start && rel.segments[i].end <= r.end).collect();
            if let (Some(&a), Some(&b)) = (segs.first(), segs.last()) {
                covered.push((a..b + 1, x));
            }
        }
    } else {
        let norm = |i: usize, j: usize| normalize(&rel.doc.text[rel.segments[i].start..rel.segments[j - 1].end]);
        let mut from_seg = 0;
        for x in xunits {
            let want = normalize(&x.source.plain_text());
            let found = (from_seg..n).find_map(|i| {
                (norm(i, i + 1) == want)
                    .then_some(i..i + 1)
                    .or_else(|| (i + 2 <= n && norm(i, i + 2) == want).then_some(i..i + 2))
            });
            if let Some(r) = found {
                from_seg = r.end;
                covered.push((r, *x));
            }
        }
    }
    covered.sort_by_key(|(r, _)| r.start);
    let mut out = Vec::with_capacity(n);
    let mut i = 0;
    let mut next = covered.iter().peekable();
    while i < n {
        while next.peek().is_some_and(|(r, _)| r.start < i) {
            next.next();
        }
        match next.peek() {
            Some((r, x)) if r.start == i => {
                let (start, end) = (rel.segments[r.start].start, rel.segments[r.end - 1].end);
                let matches = if x.is_translated() { vec![candidate(x)] } else { vec![] };
                out.push(Unit { segs: r.clone(), start, end, matches });
                i = r.end;
                next.next();
            }
            _ => {
                let s = &rel.segments[i];
                out.push(Unit { segs: i..i + 1, start: s.start, end: s.end, matches: vec![] });
                i += 1;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use memoria_core::segment::SegmenterBuilder;
    use memoria_core::tu::{Tu, Tuv};
    use std::cell::Cell;

    fn release(text: &str) -> Release {
        let es = LangTag::new("es").unwrap();
        Release::from_text("r.es.txt", text, &es, &SegmenterBuilder::new(es.clone()).build().unwrap())
    }

    fn tm(pairs: &[(&str, &str)]) -> Tm {
        let mut tm = Tm::open_in_memory().unwrap();
        let mut imp = tm.import().unwrap();
        for (es, en) in pairs {
            let tu = Tu {
                tuvs: vec![Tuv::plain(LangTag::new("es").unwrap(), es), Tuv::plain(LangTag::new("en").unwrap(), en)],
                ..Tu::default()
            };
            imp.add(&tu, &Provenance::default()).unwrap();
        }
        imp.commit().unwrap();
        tm
    }

    #[test]
    fn two_segments_matching_a_joined_source_form_one_unit() {
        let tm = tm(&[("Hoy llueve. Mañana no.", "It rains today, but not tomorrow."), ("Adiós.", "Goodbye.")]);
        let rel = release("Hoy llueve. Mañana no. Adiós.\n");
        let sup = TmSupplier { tm: &tm, from: LangTag::new("es").unwrap(), to: LangTag::new("en").unwrap() };
        let u = units(&rel, &sup, 75, 5).unwrap();
        assert_eq!(u.len(), 2);
        assert_eq!(u[0].segs, 0..2);
        assert_eq!(u[0].source(&rel), "Hoy llueve. Mañana no.");
        assert_eq!(u[0].best().unwrap().target.plain_text(), "It rains today, but not tomorrow.");
        assert_eq!((u[1].segs.clone(), u[1].score()), (2..3, 100));
    }

    #[test]
    fn segments_of_different_paragraphs_are_never_joined() {
        let tm = tm(&[("Hoy llueve. Mañana no.", "It rains today, but not tomorrow.")]);
        let rel = release("Hoy llueve.\nMañana no.\n");
        let sup = TmSupplier { tm: &tm, from: LangTag::new("es").unwrap(), to: LangTag::new("en").unwrap() };
        let u = units(&rel, &sup, 100, 5).unwrap();
        assert_eq!(u.iter().map(|u| u.segs.clone()).collect::<Vec<_>>(), [0..1, 1..2]);
        assert!(u.iter().all(|u| u.matches.is_empty()));
    }

    /// Counts the questions a supplier is asked.
    struct Counting<'a>(TmSupplier<'a>, Cell<usize>);

    impl Supplier for Counting<'_> {
        fn candidates(
            &self,
            source: &str,
            prev: Option<&str>,
            next: Option<&str>,
            min: u8,
            limit: usize,
        ) -> Result<Vec<Candidate>, StoreError> {
            self.1.set(self.1.get() + 1);
            self.0.candidates(source, prev, next, min, limit)
        }
    }

    #[test]
    fn a_repeated_sentence_is_looked_up_once() {
        let tm = tm(&[("Gracias.", "Thank you.")]);
        let rel = release(&"Gracias.\n\n".repeat(500));
        let sup = Counting(
            TmSupplier { tm: &tm, from: LangTag::new("es").unwrap(), to: LangTag::new("en").unwrap() },
            Cell::new(0),
        );
        let u = units(&rel, &sup, 75, 5).unwrap();
        assert_eq!(u.len(), 500);
        assert!(u.iter().all(|u| u.best().unwrap().target.plain_text() == "Thank you."));
        // First (no previous), middle, last (no next) segment: three distinct questions.
        assert_eq!(sup.1.get(), 3);
    }
}
