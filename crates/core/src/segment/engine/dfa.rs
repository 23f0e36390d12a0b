//! The rules that run on lazy DFAs (`regex-automata`'s hybrid engine): no
//! backtracking, so every scan costs at most a fixed amount per byte.
//!
//! Four automata hold the patterns of every such rule, pattern `i` being the
//! `i`-th rule on this path in rule order:
//! - `joint`: each break rule's `(?:before)(?:after)`, searched forward over
//!   the whole paragraph once, reporting every (rule, end) pair (overlapping,
//!   [`MatchKind::All`]);
//! - `after_rev`: the after-patterns reversed; from the end `e` of a joint
//!   match it gives every position `p` where the rule's after-pattern matches
//!   `p..e` (at most [`LOOKAHEAD`] bytes back);
//! - `before_rev`: the before-patterns reversed, run anchored at a position:
//!   does a rule's before-pattern end there (at most [`LOOKBEHIND`] bytes)?
//! - `short_rev`: the before-patterns that die within a few words of prose
//!   reversed: which of them end at a position, in one short backward pass.
//!   A pattern such as `\([^()]*` would keep that pass going for the whole
//!   window at every position, so such rules are tested one by one, their
//!   after-pattern first;
//! - `after_fwd`: the after-patterns, run anchored at a position.
//!
//! The joint automaton scans several paragraphs at once (see
//! [`Dfas::scan`]): each step of a DFA waits for the one before, and the
//! steps of independent paragraphs overlap.
//!
//! So finding the candidates is one pass over the text plus bounded work per
//! joint match, and deciding a candidate is bounded work: the cost is linear
//! in the text for any rule set (the automata's size is the rule set's).

use super::{ceil_char, floor_char, LOOKAHEAD, LOOKBEHIND};
use regex_automata::hybrid::dfa::{Cache, OverlappingState, DFA};
use regex_automata::hybrid::LazyStateID;
use regex_automata::nfa::thompson::{self, WhichCaptures, NFA};
use regex_automata::{Anchored, Input, MatchError, MatchKind, PatternID};
use regex_syntax::hir::Hir;
use std::ops::Range;

/// Largest NFA of one automaton, in bytes.
const NFA_LIMIT: usize = 64 << 20;
/// Most memory a lazy DFA's state cache may take, in bytes.
const CACHE_CAPACITY: usize = 16 << 20;

/// Ordinary prose: a before-pattern still alive after reading all of it
/// backwards would make every backward pass at a candidate run the whole
/// [`LOOKBEHIND`] window, so it is tested on its own (see [`Dfas::is_long`]).
/// Which rules are tested how changes the work, never the result.
const PROSE: &[u8] = b"the people of the town, some 1,250 of them, said that they would stay and";

/// The compiled DFA rules of one engine.
#[derive(Debug)]
pub(super) struct Dfas {
    joint: Option<DFA>,
    /// Pattern of `before_rev`/`after_*` for each pattern of `joint`.
    joint_pid: Vec<PatternID>,
    before_rev: DFA,
    after_rev: DFA,
    after_fwd: DFA,
    /// The short-lived before-patterns, and the pattern of each in the others.
    short_rev: Option<DFA>,
    short_pid: Vec<u32>,
    /// Whether each pattern's before-pattern is long-lived (not in `short_rev`).
    long: Vec<bool>,
    /// The patterns whose before-pattern is long-lived, ascending.
    long_pid: Vec<u32>,
}

/// Mutable search state for one [`Dfas`], kept in the engine's pool.
#[derive(Debug)]
pub(super) struct Caches {
    joint: Option<Cache>,
    before_rev: Cache,
    after_rev: Cache,
    after_fwd: Cache,
    short_rev: Option<Cache>,
    /// The joint matches of the paragraph each scanning lane is in.
    lane_ends: [Vec<(u32, usize)>; LANES],
}

fn nfa(hirs: &[Hir], reverse: bool) -> Result<NFA, String> {
    thompson::Compiler::new()
        .configure(
            thompson::Config::new()
                .reverse(reverse)
                .which_captures(WhichCaptures::None)
                .nfa_size_limit(Some(NFA_LIMIT)),
        )
        .build_many_from_hir(hirs)
        .map_err(|e| e.to_string())
}

/// Whether one (translated) pattern compiles within the automata's size
/// limit; the error names what failed.
pub(super) fn compiles_alone(pattern: &str) -> Result<(), String> {
    let hir = regex_automata::util::syntax::parse(pattern).map_err(|e| e.to_string())?;
    nfa(&[hir], false).map(|_| ())
}

/// A lazy DFA of `nfa` whose cache holds `capacity` bytes (`None`:
/// [`CACHE_CAPACITY`]; `Some`: at least the smallest cache that works, for
/// tests of what happens when the cache is cleared).
fn lazy(nfa: NFA, capacity: Option<usize>) -> Result<DFA, String> {
    DFA::builder()
        .configure(
            DFA::config()
                .match_kind(MatchKind::All)
                .starts_for_each_pattern(true)
                .cache_capacity(capacity.unwrap_or(CACHE_CAPACITY))
                .skip_cache_capacity_check(capacity.is_some()),
        )
        .build_from_nfa(nfa)
        .map_err(|e| e.to_string())
}

impl Caches {
    /// How many times the joint automaton's cache was cleared (full).
    #[cfg(test)]
    pub(super) fn joint_clears(&self) -> usize {
        self.joint.as_ref().map_or(0, Cache::clear_count)
    }
}

impl Dfas {
    /// Compiles the before/after patterns (already translated from Java
    /// syntax and known to parse without Unicode word boundaries) of the DFA
    /// rules, in rule order; `is_break[i]` says which are break rules.
    ///
    /// `capacity`: the caches' size, see [`lazy`].
    pub(super) fn new(
        before: &[String],
        after: &[String],
        is_break: &[bool],
        capacity: Option<usize>,
    ) -> Result<Dfas, String> {
        let lazy = |nfa| lazy(nfa, capacity);
        let parse = |p: &str| regex_automata::util::syntax::parse(p).map_err(|e| e.to_string());
        let befores = before.iter().map(|p| parse(p)).collect::<Result<Vec<_>, _>>()?;
        let afters = after.iter().map(|p| parse(p)).collect::<Result<Vec<_>, _>>()?;
        let mut joints = Vec::new();
        let mut joint_pid = Vec::new();
        for (i, _) in is_break.iter().enumerate().filter(|(_, b)| **b) {
            joints.push(parse(&format!("(?:{})(?:{})", before[i], after[i]))?);
            joint_pid.push(PatternID::must(i));
        }
        let joint = if joints.is_empty() { None } else { Some(lazy(nfa(&joints, false)?)?) };
        let before_rev = lazy(nfa(&befores, true)?)?;
        let long = (0..befores.len()).map(|i| lives_through_prose(&before_rev, i)).collect::<Result<Vec<_>, _>>()?;
        let short_pid: Vec<u32> = (0..befores.len() as u32).filter(|&i| !long[i as usize]).collect();
        let shorts: Vec<Hir> = short_pid.iter().map(|&i| befores[i as usize].clone()).collect();
        let short_rev = if shorts.is_empty() { None } else { Some(lazy(nfa(&shorts, true)?)?) };
        Ok(Dfas {
            joint,
            joint_pid,
            before_rev,
            after_rev: lazy(nfa(&afters, true)?)?,
            after_fwd: lazy(nfa(&afters, false)?)?,
            short_rev,
            short_pid,
            long_pid: (0..long.len() as u32).filter(|&i| long[i as usize]).collect(),
            long,
        })
    }

    pub(super) fn caches(&self) -> Caches {
        Caches {
            joint: self.joint.as_ref().map(DFA::create_cache),
            before_rev: self.before_rev.create_cache(),
            after_rev: self.after_rev.create_cache(),
            after_fwd: self.after_fwd.create_cache(),
            short_rev: self.short_rev.as_ref().map(DFA::create_cache),
            lane_ends: std::array::from_fn(|_| Vec::new()),
        }
    }

    /// The joint matches of every paragraph `text[r]` of `paragraphs`:
    /// appends their (joint pattern, end) pairs, ends relative to the
    /// paragraph and ascending, to `ends`, and sets `spans[i]` to the range
    /// of `ends` that is paragraph `i`'s. `work` grows by the bytes scanned.
    ///
    /// Each paragraph is scanned on its own (its edges are the text's edges
    /// for `^`, `$`), but [`LANES`] paragraphs are scanned at once, a byte of
    /// each in turn: a DFA step waits for the step before it (a table load),
    /// and independent chains of steps keep the processor busy while one
    /// waits, so the group costs little more than one.
    pub(super) fn scan(
        &self,
        c: &mut Caches,
        text: &str,
        paragraphs: &[Range<usize>],
        ends: &mut Vec<(u32, usize)>,
        spans: &mut Vec<Range<usize>>,
        work: &mut usize,
    ) -> Result<(), MatchError> {
        ends.clear();
        spans.clear();
        spans.resize(paragraphs.len(), 0..0);
        let (Some(joint), Some(cache)) = (&self.joint, c.joint.as_mut()) else { return Ok(()) };
        let mut lane_ends = std::mem::take(&mut c.lane_ends);
        let result = scan_lanes(joint, cache, text, paragraphs, &mut lane_ends, ends, spans);
        c.lane_ends = lane_ends;
        *work += paragraphs.iter().map(|r| r.len()).sum::<usize>();
        result
    }

    /// For each joint match (pattern, end) of `text` (see [`Dfas::scan`]):
    /// pushes to `out` the positions inside it where the rule's
    /// after-pattern starts (within [`LOOKAHEAD`] bytes) and its
    /// before-pattern ends (within [`LOOKBEHIND`] bytes), unsorted, each
    /// once: `seen[p]` marks positions already pushed.
    pub(super) fn splits(
        &self,
        c: &mut Caches,
        text: &str,
        ends: &[(u32, usize)],
        seen: &mut [bool],
        out: &mut Vec<usize>,
        work: &mut usize,
    ) -> Result<(), MatchError> {
        for &(k, e) in ends {
            let pid = self.joint_pid[k as usize];
            let from = floor_char(text, e.saturating_sub(LOOKAHEAD));
            let input = Input::new(text).range(from..e).anchored(Anchored::Pattern(pid));
            *work += e - from;
            let mut state = OverlappingState::start();
            loop {
                self.after_rev.try_search_overlapping_rev(&mut c.after_rev, &input, &mut state)?;
                let Some(m) = state.get_match() else { break };
                let p = m.offset();
                if seen[p] || !text.is_char_boundary(p) {
                    continue;
                }
                if self.before_ends_at(c, text, pid, p, work)? {
                    seen[p] = true;
                    out.push(p);
                }
            }
        }
        Ok(())
    }

    /// Whether pattern `pid`'s before-pattern is tested on its own by
    /// [`Dfas::before_ends_at`] (it lives through prose), not by
    /// [`Dfas::befores_at`].
    pub(super) fn is_long(&self, pid: u32) -> bool {
        self.long[pid as usize]
    }

    /// The patterns whose before-pattern is long-lived ([`Dfas::is_long`]),
    /// ascending.
    pub(super) fn long_patterns(&self) -> &[u32] {
        &self.long_pid
    }

    /// Whether pattern `pid`'s before-pattern matches text ending at `p`.
    pub(super) fn before_ends_at(
        &self,
        c: &mut Caches,
        text: &str,
        pid: PatternID,
        p: usize,
        work: &mut usize,
    ) -> Result<bool, MatchError> {
        let from = floor_char(text, p.saturating_sub(LOOKBEHIND));
        *work += p - from;
        let hay = &text.as_bytes()[..p];
        let input = Input::new(hay).range(from..p).anchored(Anchored::Pattern(pid));
        let (dfa, cache) = (&self.before_rev, &mut c.before_rev);
        let mut sid = dfa.start_state_reverse(cache, &input)?;
        // A match state after byte `at` is a match starting at `at + 1`.
        let mut at = p;
        while at > from {
            at -= 1;
            sid = dfa.next_state(cache, sid, hay[at]).map_err(|_| MatchError::gave_up(at))?;
            if sid.is_tagged() {
                if sid.is_match() {
                    return Ok(true);
                } else if sid.is_dead() {
                    return Ok(false);
                } else if sid.is_quit() {
                    return Err(MatchError::quit(hay[at], at));
                }
            }
        }
        let edge = if at > 0 { dfa.next_state(cache, sid, hay[at - 1]) } else { dfa.next_eoi_state(cache, sid) };
        Ok(edge.map_err(|_| MatchError::gave_up(at))?.is_match())
    }

    /// Pushes to `hits` the patterns whose short-lived before-pattern matches
    /// text ending at `p` (ascending = rule order, no repeats); the others
    /// are left to [`Dfas::before_ends_at`].
    pub(super) fn befores_at(
        &self,
        c: &mut Caches,
        text: &str,
        p: usize,
        hits: &mut Vec<u32>,
        work: &mut usize,
    ) -> Result<(), MatchError> {
        let from = floor_char(text, p.saturating_sub(LOOKBEHIND));
        let hay = &text.as_bytes()[..p];
        let input = Input::new(hay).range(from..p).anchored(Anchored::Yes);
        *work += p - from;
        let (Some(dfa), Some(cache)) = (&self.short_rev, c.short_rev.as_mut()) else { return Ok(()) };
        let short_pid = &self.short_pid;
        let mut sid = dfa.start_state_reverse(cache, &input)?;
        let mut report = |cache: &Cache, sid: LazyStateID| {
            for i in 0..dfa.match_len(cache, sid) {
                hits.push(short_pid[dfa.match_pattern(cache, sid, i).as_usize()]);
            }
        };
        // Backwards from `p`; a match state after byte `i` reports
        // before-patterns that start at `i + 1`.
        let mut at = p;
        while at > from {
            at -= 1;
            if sid.is_tagged() {
                sid = dfa.next_state(cache, sid, hay[at]).map_err(|_| MatchError::gave_up(at))?;
            } else {
                // SAFETY: `from <= at < p = hay.len()`, and `sid` is an
                // untagged state of this DFA and cache (see `scan_fwd`).
                let mut prev;
                loop {
                    prev = sid;
                    sid = unsafe { dfa.next_state_untagged_unchecked(cache, prev, *hay.get_unchecked(at)) };
                    if sid.is_tagged() || at == from {
                        break;
                    }
                    at -= 1;
                }
                if sid.is_unknown() {
                    sid = dfa.next_state(cache, prev, hay[at]).map_err(|_| MatchError::gave_up(at))?;
                }
            }
            if sid.is_tagged() {
                if sid.is_match() {
                    report(cache, sid);
                } else if sid.is_dead() {
                    break;
                } else if sid.is_quit() {
                    return Err(MatchError::quit(hay[at], at));
                }
            }
        }
        if !sid.is_dead() {
            // The edge of the window: the byte before it (for look-behind),
            // or the start of the text.
            sid = if at > 0 { dfa.next_state(cache, sid, hay[at - 1]) } else { dfa.next_eoi_state(cache, sid) }
                .map_err(|_| MatchError::gave_up(at))?;
            if sid.is_match() {
                report(cache, sid);
            }
        }
        hits.sort_unstable();
        hits.dedup();
        Ok(())
    }

    /// Whether pattern `pid`'s after-pattern matches text starting at `p`.
    pub(super) fn after_starts_at(
        &self,
        c: &mut Caches,
        text: &str,
        pid: u32,
        p: usize,
        work: &mut usize,
    ) -> Result<bool, MatchError> {
        let to = ceil_char(text, (p + LOOKAHEAD).min(text.len()));
        *work += to - p;
        let hay = text.as_bytes();
        let input = Input::new(text).range(p..to).anchored(Anchored::Pattern(PatternID::must(pid as usize)));
        let (dfa, cache) = (&self.after_fwd, &mut c.after_fwd);
        let mut sid = dfa.start_state_forward(cache, &input)?;
        // A match state after byte `at` is a match ending at `at`.
        for (at, &b) in hay.iter().enumerate().take(to).skip(p) {
            sid = dfa.next_state(cache, sid, b).map_err(|_| MatchError::gave_up(at))?;
            if sid.is_tagged() {
                if sid.is_match() {
                    return Ok(true);
                } else if sid.is_dead() {
                    return Ok(false);
                } else if sid.is_quit() {
                    return Err(MatchError::quit(b, at));
                }
            }
        }
        let edge = if to < hay.len() { dfa.next_state(cache, sid, hay[to]) } else { dfa.next_eoi_state(cache, sid) };
        Ok(edge.map_err(|_| MatchError::gave_up(to))?.is_match())
    }
}

/// A paragraph being scanned by [`scan_lanes`].
struct Lane<'h> {
    /// Index of the paragraph.
    para: usize,
    hay: &'h [u8],
    /// Bytes read; `sid` is the state after them.
    at: usize,
    sid: LazyStateID,
}

/// Reports the matches of match state `sid` as ending at `end`.
fn push_matches(dfa: &DFA, cache: &Cache, sid: LazyStateID, end: usize, out: &mut Vec<(u32, usize)>) {
    for i in 0..dfa.match_len(cache, sid) {
        out.push((dfa.match_pattern(cache, sid, i).as_u32(), end));
    }
}

/// The end of a paragraph's scan from state `sid` (not dead): the
/// transition on the end of the text, and its matches.
fn finish(
    dfa: &DFA,
    cache: &mut Cache,
    sid: LazyStateID,
    len: usize,
    out: &mut Vec<(u32, usize)>,
) -> Result<(), MatchError> {
    let sid = dfa.next_eoi_state(cache, sid).map_err(|_| MatchError::gave_up(len))?;
    if sid.is_match() {
        push_matches(dfa, cache, sid, len, out);
    }
    Ok(())
}

/// One paragraph scanned alone, with [`scan_fwd`]; its matches are appended
/// to `out`.
fn scan_one(dfa: &DFA, cache: &mut Cache, hay: &[u8], out: &mut Vec<(u32, usize)>) -> Result<(), MatchError> {
    let input = Input::new(hay);
    let sid = dfa.start_state_forward(cache, &input)?;
    let (sid, dead) = scan_fwd(dfa, cache, hay, sid, |cache, sid, end| push_matches(dfa, cache, sid, end, out))?;
    if !dead {
        finish(dfa, cache, sid, hay.len(), out)?;
    }
    Ok(())
}

/// Paragraphs scanned at once by [`scan_lanes`].
const LANES: usize = 3;

/// [`Dfas::scan`] with the joint automaton: [`LANES`] lanes, each scanning
/// one paragraph at a time and taking the next paragraph when it is done;
/// the last paragraph (or a paragraph left alone) is finished by
/// [`scan_fwd`].
///
/// The lanes step together with `next_state_untagged_unchecked` while every
/// state is untagged, and one byte at a time through `next_state`
/// otherwise. Computing a new state may clear the DFA's cache (when it is
/// full), which invalidates the other lanes' states: their paragraphs are
/// then scanned again, alone, at the end.
fn scan_lanes(
    dfa: &DFA,
    cache: &mut Cache,
    text: &str,
    paragraphs: &[Range<usize>],
    lane_ends: &mut [Vec<(u32, usize)>; LANES],
    ends: &mut Vec<(u32, usize)>,
    spans: &mut [Range<usize>],
) -> Result<(), MatchError> {
    let hay_of = |i: usize| &text.as_bytes()[paragraphs[i].clone()];
    let mut next = 0;
    let mut redo = Vec::new();
    let mut lanes: [Option<Lane>; LANES] = std::array::from_fn(|_| None);
    // Moves a finished lane's matches to `ends`.
    let flush =
        |para: usize, lane: &mut Vec<(u32, usize)>, ends: &mut Vec<(u32, usize)>, spans: &mut [Range<usize>]| {
            spans[para] = ends.len()..ends.len() + lane.len();
            ends.append(lane);
        };
    loop {
        // Fill empty lanes with the next paragraphs.
        for k in 0..LANES {
            if lanes[k].is_none() && next < paragraphs.len() {
                let hay = hay_of(next);
                let clears = cache.clear_count();
                let sid = dfa.start_state_forward(cache, &Input::new(hay))?;
                if cache.clear_count() != clears {
                    drop_others(&mut lanes, k, lane_ends, &mut redo);
                }
                lane_ends[k].clear();
                lanes[k] = Some(Lane { para: next, hay, at: 0, sid });
                next += 1;
            }
        }
        let mut active = [0; LANES];
        let mut m = 0;
        for (k, lane) in lanes.iter().enumerate() {
            if lane.is_some() {
                active[m] = k;
                m += 1;
            }
        }
        match m {
            0 => break,
            1 => {
                // One lane left: finish its paragraph alone.
                let k = active[0];
                let lane = lanes[k].take().expect("one lane");
                let out = &mut lane_ends[k];
                let base = lane.at;
                let (sid, dead) = scan_fwd(dfa, cache, &lane.hay[base..], lane.sid, |cache, sid, end| {
                    push_matches(dfa, cache, sid, base + end, out)
                })?;
                if !dead {
                    finish(dfa, cache, sid, lane.hay.len(), out)?;
                }
                flush(lane.para, out, ends, spans);
                continue;
            }
            2 => step_lanes(dfa, cache, &mut lanes, [active[0], active[1]]),
            _ => step_lanes(dfa, cache, &mut lanes, [active[0], active[1], active[2]]),
        }
        // One checked step of each lane (a tagged state, or a lane at its
        // end).
        for k in 0..LANES {
            let Some(lane) = lanes[k].as_mut() else { continue };
            let clears = cache.clear_count();
            let done = if lane.at == lane.hay.len() {
                finish(dfa, cache, lane.sid, lane.hay.len(), &mut lane_ends[k])?;
                true
            } else {
                let (at, byte) = (lane.at, lane.hay[lane.at]);
                lane.sid = dfa.next_state(cache, lane.sid, byte).map_err(|_| MatchError::gave_up(at))?;
                lane.at += 1;
                if lane.sid.is_match() {
                    // A match state after byte `at` is a match ending at `at`.
                    push_matches(dfa, cache, lane.sid, at, &mut lane_ends[k]);
                    false
                } else if lane.sid.is_quit() {
                    return Err(MatchError::quit(byte, at));
                } else {
                    lane.sid.is_dead()
                }
            };
            if cache.clear_count() != clears {
                drop_others(&mut lanes, k, lane_ends, &mut redo);
            }
            if done {
                let lane = lanes[k].take().expect("lane");
                flush(lane.para, &mut lane_ends[k], ends, spans);
            }
        }
    }
    for para in redo {
        lane_ends[0].clear();
        scan_one(dfa, cache, hay_of(para), &mut lane_ends[0])?;
        flush(para, &mut lane_ends[0], ends, spans);
    }
    Ok(())
}

/// Steps lanes `active` (each holding a paragraph) together, without
/// checks, while every state stays untagged and every lane has bytes left.
fn step_lanes<const M: usize>(dfa: &DFA, cache: &Cache, lanes: &mut [Option<Lane>; LANES], active: [usize; M]) {
    let lane = |j: usize| lanes[active[j]].as_ref().expect("active lane");
    let mut sids: [LazyStateID; M] = std::array::from_fn(|j| lane(j).sid);
    if sids.iter().any(|s| s.is_tagged()) {
        return;
    }
    let n = (0..M).map(|j| lane(j).hay.len() - lane(j).at).min().unwrap_or(0);
    let hays: [&[u8]; M] = std::array::from_fn(|j| &lane(j).hay[lane(j).at..lane(j).at + n]);
    let mut i = 0;
    while i < n {
        // SAFETY: every state is an untagged state of this DFA and cache
        // (no clear since it was computed: a clear drops the other lanes),
        // as the function requires.
        let next: [LazyStateID; M] =
            std::array::from_fn(|j| unsafe { dfa.next_state_untagged_unchecked(cache, sids[j], hays[j][i]) });
        if next.iter().fold(false, |tagged, s| tagged | s.is_tagged()) {
            break;
        }
        sids = next;
        i += 1;
    }
    for (j, &k) in active.iter().enumerate() {
        let lane = lanes[k].as_mut().expect("active lane");
        lane.sid = sids[j];
        lane.at += i;
    }
}

/// After lane `k` cleared the cache: the other lanes' states are no longer
/// valid; their paragraphs are put aside to be scanned again.
fn drop_others(
    lanes: &mut [Option<Lane>; LANES],
    k: usize,
    lane_ends: &mut [Vec<(u32, usize)>; LANES],
    redo: &mut Vec<usize>,
) {
    for j in (0..LANES).filter(|&j| j != k) {
        if let Some(other) = lanes[j].take() {
            lane_ends[j].clear();
            redo.push(other.para);
        }
    }
}

/// Runs `dfa` forward over `hay` from state `sid`, calling `on_match(cache,
/// state, end)` at each match state (matches end one byte before the state
/// that reports them). Returns the last state and whether it is dead.
///
/// This is the engine's hot loop (every byte of every paragraph). Like
/// `regex-automata`'s own forward search, it follows cached transitions
/// between untagged states four at a time without bounds checks, and leaves
/// the loop on any tagged state (match, dead, quit, or a transition not yet
/// computed, which `next_state` then computes).
fn scan_fwd(
    dfa: &DFA,
    cache: &mut Cache,
    hay: &[u8],
    mut sid: LazyStateID,
    mut on_match: impl FnMut(&Cache, LazyStateID, usize),
) -> Result<(LazyStateID, bool), MatchError> {
    let end = hay.len();
    let mut at = 0;
    while at < end {
        if sid.is_tagged() {
            sid = dfa.next_state(cache, sid, hay[at]).map_err(|_| MatchError::gave_up(at))?;
        } else {
            // SAFETY: `at < end = hay.len()` is checked before each
            // unchecked read (the unrolled steps only run while `at + 3 <
            // end`), and every state given to `next_state_untagged_unchecked`
            // is untagged and came from this DFA and cache (the start state
            // or an earlier transition), as that function requires.
            let next = |sid: LazyStateID, at: usize| unsafe {
                dfa.next_state_untagged_unchecked(cache, sid, *hay.get_unchecked(at))
            };
            let mut prev = sid;
            while at < end {
                prev = sid;
                sid = next(prev, at);
                if sid.is_tagged() || at + 3 >= end {
                    break;
                }
                at += 1;
                prev = sid;
                sid = next(prev, at);
                if sid.is_tagged() {
                    break;
                }
                at += 1;
                prev = sid;
                sid = next(prev, at);
                if sid.is_tagged() {
                    break;
                }
                at += 1;
                prev = sid;
                sid = next(prev, at);
                if sid.is_tagged() {
                    break;
                }
                at += 1;
            }
            if at == end {
                break;
            }
            if sid.is_unknown() {
                sid = dfa.next_state(cache, prev, hay[at]).map_err(|_| MatchError::gave_up(at))?;
            }
        }
        // `sid` is the state after byte `at`.
        if sid.is_tagged() {
            if sid.is_match() {
                on_match(cache, sid, at);
            } else if sid.is_dead() {
                return Ok((sid, true));
            } else if sid.is_quit() {
                return Err(MatchError::quit(hay[at], at));
            }
        }
        at += 1;
    }
    Ok((sid, false))
}

/// Whether pattern `pid` of the reversed before-patterns `dfa` is still
/// alive after reading [`PROSE`] backwards (see there).
fn lives_through_prose(dfa: &DFA, pid: usize) -> Result<bool, String> {
    let mut cache = dfa.create_cache();
    let input = Input::new(PROSE).anchored(Anchored::Pattern(PatternID::must(pid)));
    let mut sid = dfa.start_state_reverse(&mut cache, &input).map_err(|e| e.to_string())?;
    for &b in PROSE.iter().rev() {
        sid = dfa.next_state(&mut cache, sid, b).map_err(|e| e.to_string())?;
        if sid.is_dead() {
            return Ok(false);
        }
    }
    Ok(true)
}
