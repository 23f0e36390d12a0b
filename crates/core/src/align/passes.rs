//! The two passes: paragraphs first, then sentences inside each aligned block.

use super::anchors::{Anchorer, Vocabulary};
use super::config::{AlignerConfig, PARAGRAPH_KINDS, SENTENCE_KINDS};
use super::dp::{self, Costs, Step, Unit};
use super::{Bead, Sentences};
use std::collections::{HashMap, HashSet};
use std::ops::Range;

/// Bead score for a bead cost: 100·e^(−cost/8), rounded to one decimal.
pub(crate) fn score_of(cost: f64) -> f64 {
    ((100.0 * (-cost.max(0.0) / 8.0).exp()) * 10.0).round() / 10.0
}

/// Highest score of a bead whose sides share fewer than [`MIN_SHARED_FOR_100`]
/// anchors: lengths that fit, or one shared word ("decisión" / "decision"), are
/// too little to call two sentences each other's translation for certain
/// (issue 23: two unrelated sentences scored 100). 8·ln(100/90).
const THIN_EVIDENCE_COST: f64 = 0.843;
/// Shared anchors a bead needs to score above 90.
const MIN_SHARED_FOR_100: usize = 2;

/// Minimum anchor overlap (weighted Dice) for pairing two paragraphs left
/// unaligned by the monotone pass (a paragraph moved by the translator).
const MOVED_MIN_OVERLAP: f64 = 0.5;

/// Anchor overlap at which a paragraph pair's lexical cost is 0: on the gold pairs
/// of tests/data/align, paired paragraphs overlap 0.73–1.0 and the best wrong
/// candidate at most 0.43.
const PARAGRAPH_CENTER: f64 = 0.6;
/// The same for sentence beads.
const SENTENCE_CENTER: f64 = 0.4;

/// A paragraph of one sentence of at most this many characters is a heading (a
/// title, "About Debian", "Contact Information"); the paragraph pass never joins
/// it with another paragraph.
const HEADING_MAX_CHARS: f64 = 100.0;

struct Side {
    sentences: Vec<Unit>,
    paragraphs: Vec<Unit>,
    /// Sentence range of each paragraph.
    ranges: Vec<Range<usize>>,
}

/// The paragraphs of `doc`, a paragraph that continues the sentence of the
/// one before joined to it: one that starts with a lower-case letter and
/// ends a sentence (`.`, `!`, `?`) after one whose last sentence is longer
/// than a heading ([`HEADING_MAX_CHARS`]) and ends in a word or a comma
/// ("…; and that" / "the checksum file has not been tampered with."), a
/// sentence broken across lines. Joined, the two pieces meet the other side's
/// one sentence in the sentence pass as a 1-2 bead instead of a 1-1 bead and a
/// lone 0-1. List items ("el entorno de escritorio GNOME 2.30", "the Xfce 4.10
/// desktop environment" / "more than 43,000 other packages.") are short or
/// end without a full stop, and stay apart.
fn joined_paragraphs(doc: &Sentences) -> Vec<Range<usize>> {
    let mut out: Vec<Range<usize>> = Vec::with_capacity(doc.paragraphs().len());
    for range in doc.paragraphs() {
        let first = doc.texts()[range.start].trim_start().chars().next();
        let ends = doc.texts()[range.end - 1].trim_end().chars().last();
        let continues = first.is_some_and(char::is_lowercase)
            && ends.is_some_and(|c| matches!(c, '.' | '!' | '?'))
            && out.last().is_some_and(|prev| {
                let text = doc.texts()[prev.end - 1].trim_end();
                text.chars().count() as f64 > HEADING_MAX_CHARS
                    && text.chars().last().is_some_and(|c| c.is_alphabetic() || c == ',')
            });
        match out.last_mut() {
            Some(prev) if continues => prev.end = range.end,
            _ => out.push(range.clone()),
        }
    }
    out
}

fn side(doc: &Sentences, which: usize, anchorer: &Anchorer, vocab: &mut Vocabulary) -> Side {
    let mut sentences = Vec::with_capacity(doc.len());
    let mut paragraphs = Vec::with_capacity(doc.paragraphs().len());
    let ranges = joined_paragraphs(doc);
    for range in &ranges {
        let texts = &doc.texts()[range.clone()];
        let ids = vocab.add_paragraph(which, texts.iter().map(|t| anchorer.anchors(t)).collect());
        let mut para = Unit { len: range.len().saturating_sub(1) as f64, anchors: Vec::new(), alone: false };
        for (text, anchors) in texts.iter().zip(ids) {
            let len = text.chars().count() as f64;
            para.len += len;
            para.anchors.extend_from_slice(&anchors);
            sentences.push(Unit { len, anchors, alone: false });
        }
        para.alone = texts.len() == 1 && para.len <= HEADING_MAX_CHARS;
        para.anchors.sort_unstable();
        para.anchors.dedup();
        paragraphs.push(para);
    }
    Side { sentences, paragraphs, ranges }
}

pub(crate) fn align(cfg: &AlignerConfig, src: &Sentences, tgt: &Sentences) -> Vec<Bead> {
    let anchorer = Anchorer::new(cfg.es_en_glossary);
    let mut vocab = Vocabulary::new();
    let s = side(src, 0, &anchorer, &mut vocab);
    let t = side(tgt, 1, &anchorer, &mut vocab);
    vocab.finish(s.paragraphs.len() + t.paragraphs.len());
    let weights = &vocab.weight;
    let pc = Costs {
        ratio: cfg.ratio,
        variance: cfg.variance,
        lexical_weight: cfg.paragraph_lexical_weight,
        lexical_center: PARAGRAPH_CENTER,
        skip: cfg.paragraph_skip,
        kinds: &PARAGRAPH_KINDS,
        weights,
    };
    let sc = Costs {
        lexical_weight: cfg.sentence_lexical_weight,
        lexical_center: SENTENCE_CENTER,
        skip: cfg.sentence_skip,
        kinds: &SENTENCE_KINDS,
        ..pc
    };

    // Pass 1: paragraphs. A document without paragraph structure (one paragraph) makes
    // both documents one block: its paragraph cannot be weighed against the other's.
    let steps = if s.paragraphs.len() == 1 || t.paragraphs.len() == 1 {
        vec![Step { src: 0..s.paragraphs.len(), tgt: 0..t.paragraphs.len(), cost: 0.0 }]
    } else {
        dp::align(&s.paragraphs, &t.paragraphs, &pc)
    };
    let moved = pair_moved(&steps, &s, &t, &pc);
    let moved_tgt: HashSet<usize> = moved.values().copied().collect();

    // Pass 2: sentences inside each block, in source order.
    let mut beads = Vec::with_capacity(s.sentences.len().max(t.sentences.len()));
    let sentences_of = |side: &Side, paras: &Range<usize>| {
        if paras.is_empty() {
            0..0
        } else {
            side.ranges[paras.start].start..side.ranges[paras.end - 1].end
        }
    };
    let mut k = 0;
    while k < steps.len() {
        let step = &steps[k];
        let (sr, tr) = (sentences_of(&s, &step.src), sentences_of(&t, &step.tgt));
        if !sr.is_empty() && !tr.is_empty() {
            block(&s, &t, sr, tr, &sc, &mut beads);
            k += 1;
            continue;
        }
        // A gap: steps pairing nothing, between two paired steps. Paragraphs left over on
        // both sides of it (not paired as moved) are most likely each other's translation
        // with anchors too few or too different for the paragraph pass, so the sentence
        // pass decides, sentence by sentence.
        let end =
            steps[k..].iter().position(|st| !st.src.is_empty() && !st.tgt.is_empty()).map_or(steps.len(), |n| k + n);
        let gap = &steps[k..end];
        let lone_src: Vec<usize> =
            gap.iter().flat_map(|st| st.src.clone()).filter(|p| !moved.contains_key(p)).collect();
        let lone_tgt: Vec<usize> =
            gap.iter().flat_map(|st| st.tgt.clone()).filter(|p| !moved_tgt.contains(p)).collect();
        let contiguous = |v: &[usize]| v.windows(2).all(|w| w[1] == w[0] + 1);
        let joint = (!lone_src.is_empty() && !lone_tgt.is_empty() && contiguous(&lone_src) && contiguous(&lone_tgt))
            .then(|| (lone_src[0]..lone_src[lone_src.len() - 1] + 1, lone_tgt[0]..lone_tgt[lone_tgt.len() - 1] + 1));
        for step in gap {
            let (sr, tr) = (sentences_of(&s, &step.src), sentences_of(&t, &step.tgt));
            if !sr.is_empty() {
                match (moved.get(&step.src.start), &joint) {
                    (Some(&b), _) => block(&s, &t, sr, t.ranges[b].clone(), &sc, &mut beads),
                    (None, Some((jp, jt))) => {
                        if step.src.start == jp.start {
                            block(&s, &t, sentences_of(&s, jp), sentences_of(&t, jt), &sc, &mut beads);
                        }
                    }
                    (None, None) => beads.extend(sr.map(|i| Bead { src: i..i + 1, tgt: 0..0, score: 0.0 })),
                }
            } else if !moved_tgt.contains(&step.tgt.start) && joint.is_none() {
                beads.extend(tr.map(|j| Bead { src: 0..0, tgt: j..j + 1, score: 0.0 }));
            }
        }
        k = end;
    }
    beads
}

/// Pairs paragraphs that the monotone pass left without counterpart on both
/// sides when their anchors agree: paragraphs the translator moved. Greedy,
/// cheapest pair first; only pairs cheaper than skipping both.
fn pair_moved(steps: &[Step], s: &Side, t: &Side, pc: &Costs) -> HashMap<usize, usize> {
    let lone_src: Vec<usize> = steps.iter().filter(|st| st.tgt.is_empty()).map(|st| st.src.start).collect();
    let lone_tgt: Vec<usize> = steps.iter().filter(|st| st.src.is_empty()).map(|st| st.tgt.start).collect();
    let mut candidates = Vec::new();
    for &a in &lone_src {
        for &b in &lone_tgt {
            let (sp, tp) = (&s.paragraphs[a..a + 1], &t.paragraphs[b..b + 1]);
            if pc.overlap(sp, tp).unwrap_or(0.0) < MOVED_MIN_OVERLAP {
                continue;
            }
            let cost = pc.pair(sp, tp, pc.kinds[0].2);
            if cost < 2.0 * pc.skip {
                candidates.push((cost, a, b));
            }
        }
    }
    candidates.sort_by(|x, y| x.0.total_cmp(&y.0));
    let mut out = HashMap::new();
    let mut used = HashSet::new();
    for (_, a, b) in candidates {
        if !out.contains_key(&a) && used.insert(b) {
            out.insert(a, b);
        }
    }
    out
}

/// Aligns source sentences `sr` with target sentences `tr` and appends the beads.
fn block(s: &Side, t: &Side, sr: Range<usize>, tr: Range<usize>, sc: &Costs, out: &mut Vec<Bead>) {
    let (so, to) = (sr.start, tr.start);
    for step in dp::align(&s.sentences[sr.clone()], &t.sentences[tr.clone()], sc) {
        let paired = !step.src.is_empty() && !step.tgt.is_empty();
        let (bs, bt) = (step.src.start + so..step.src.end + so, step.tgt.start + to..step.tgt.end + to);
        let score = if !paired {
            0.0
        } else if sc.shared(&s.sentences[bs.clone()], &t.sentences[bt.clone()]) < MIN_SHARED_FOR_100 {
            score_of(step.cost.max(THIN_EVIDENCE_COST))
        } else {
            score_of(step.cost)
        };
        out.push(Bead { src: bs, tgt: bt, score });
    }
}
