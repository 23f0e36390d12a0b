//! The joint automaton's forward scan of the paragraphs ([`super::Dfas::scan`]),
//! several paragraphs at once.

use regex_automata::hybrid::dfa::{Cache, DFA};
use regex_automata::hybrid::LazyStateID;
use regex_automata::{Input, MatchError};
use std::ops::Range;

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
pub(super) const LANES: usize = 3;

/// [`super::Dfas::scan`] with the joint automaton: [`LANES`] lanes, each scanning
/// one paragraph at a time and taking the next paragraph when it is done;
/// the last paragraph (or a paragraph left alone) is finished by
/// [`scan_fwd`].
///
/// The lanes step together with `next_state_untagged_unchecked` while every
/// state is untagged, and one byte at a time through `next_state`
/// otherwise. Computing a new state may clear the DFA's cache (when it is
/// full), which invalidates the other lanes' states: their paragraphs are
/// then scanned again, alone, at the end.
pub(super) fn scan_lanes(
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
