//! The SRX rule engine: which positions of a text are breaks.
//!
//! SRX semantics: at a position, the rules are tried in order and the first
//! whose `beforebreak` pattern matches text ending there and whose
//! `afterbreak` pattern matches text starting there decides (break or not);
//! where no rule matches there is no break.
//!
//! memoria bounds what a rule sees: a before-pattern matches at most
//! [`LOOKBEHIND`] bytes before the position, an after-pattern at most
//! [`LOOKAHEAD`] bytes after it (look-arounds such as `^`, `$` still see the
//! whole paragraph). Rule files look at the last and the next few words, so
//! no real rule notices; in exchange a rule such as `<afterbreak>a+$`
//! cannot make each position cost the rest of the text, and segmenting costs
//! time linear in the text for any rule set.
//!
//! Only positions where some break rule matches can become breaks, so the
//! engine works in two steps:
//! 1. candidates: every position where a break rule's before- and
//!    after-patterns both match, found by one forward pass of an automaton
//!    of every break rule's `(?:before)(?:after)` and bounded work at each
//!    of its matches (`engine/dfa.rs`);
//! 2. at each candidate, which rules' before-patterns end there (one short
//!    backward pass; the few patterns that stay alive through prose, such as
//!    `\([^()]*`, are tested one by one, after-pattern first), then their
//!    after-patterns in rule order, anchored at the position: the first that
//!    fits decides.
//!
//! Rules run on lazy DFAs (no backtracking) when they can; a rule with a
//! Unicode word boundary runs on the `regex` crate's other linear engines,
//! and a rule with look-around or backreferences on `fancy-regex` with a
//! budget of [`BACKTRACK_LIMIT`] steps per call, both on bounded windows of
//! at most [`CHUNK`] bytes (`engine/window.rs`). A rule that exceeds its
//! budget is an error naming it ([`SegmentError::RuleBudget`]) from
//! [`Engine::breaks`].
//!
//! Work is linear in the text: one DFA step per byte for the candidates, and
//! at most about `2 × (LOOKBEHIND + LOOKAHEAD)` bytes of automaton steps per
//! joint match and per candidate (the engine's unit tests count it).

mod dfa;
mod window;

use super::java::translate;
use super::srx::Rule;
use super::SegmentError;
use regex_automata::util::pool::Pool;
use regex_automata::MatchError;
use std::ops::Range;
use std::panic::{RefUnwindSafe, UnwindSafe};
use std::sync::Arc;
pub use window::{BACKTRACK_LIMIT, CHUNK};

/// How many bytes before a position a `beforebreak` pattern can match.
pub const LOOKBEHIND: usize = 160;

/// How many bytes after a position an `afterbreak` pattern can match.
pub const LOOKAHEAD: usize = 256;

type CachePool = Pool<Scratch, Box<dyn Fn() -> Scratch + Send + Sync + UnwindSafe + RefUnwindSafe>>;

/// Compiled rules for one language.
pub struct Engine {
    shared: Arc<Shared>,
    pool: CachePool,
}

#[derive(Debug)]
struct Shared {
    rules: Vec<Compiled>,
    dfa: Option<dfa::Dfas>,
    window: Vec<window::WindowRule>,
    /// Where the rules came from (a file name), for errors.
    source: String,
}

#[derive(Debug)]
struct Compiled {
    is_break: bool,
    path: Path,
    /// Line and column of the before-pattern, and the pattern as written.
    at: (usize, usize),
    before: String,
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum Path {
    /// Pattern `i` of the DFAs.
    Dfa(u32),
    /// Rule `i` of `Shared::window`.
    Window(u32),
}

/// Per-search state: the DFAs' caches and buffers.
#[derive(Debug)]
struct Scratch {
    dfa: Option<dfa::Caches>,
    /// Joint matches of the paragraphs (see `dfa::Dfas::scan`), and the
    /// range of them that is each paragraph's.
    ends: Vec<(u32, usize)>,
    spans: Vec<Range<usize>>,
    /// Breaks of the current paragraph.
    breaks: Vec<usize>,
    candidates: Vec<usize>,
    seen: Vec<bool>,
    hits: Vec<u32>,
}

/// What stopped a search.
enum Fault {
    Dfa(MatchError),
    /// Rule `rule` exceeded its budget at byte `at`.
    Budget {
        rule: usize,
        at: usize,
    },
}

impl From<MatchError> for Fault {
    fn from(e: MatchError) -> Fault {
        Fault::Dfa(e)
    }
}

impl Clone for Engine {
    fn clone(&self) -> Engine {
        Engine::with_pool(Arc::clone(&self.shared))
    }
}

impl std::fmt::Debug for Engine {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Engine").field("rules", &self.shared.rules.len()).finish_non_exhaustive()
    }
}

impl Engine {
    /// Compiles `rules` (from `source`, for errors). Every rule either
    /// compiles or is reported: [`SegmentError::Rule`] with the pattern's
    /// line and column.
    pub fn new(rules: &[&Rule], source: &str) -> Result<Engine, SegmentError> {
        Engine::build(rules, source, None)
    }

    /// [`Engine::new`], with DFA caches of `capacity` bytes (`None`: the
    /// default).
    fn build(rules: &[&Rule], source: &str, capacity: Option<usize>) -> Result<Engine, SegmentError> {
        let mut compiled = Vec::with_capacity(rules.len());
        let (mut befores, mut afters, mut breaks) = (Vec::new(), Vec::new(), Vec::new());
        let mut windows = Vec::new();
        for rule in rules {
            let before = translate(&rule.before);
            let after = translate(&rule.after);
            let on_dfa = |p: &str| {
                regex_automata::util::syntax::parse(p).is_ok_and(|h| !h.properties().look_set().contains_word_unicode())
            };
            let path = if on_dfa(&before) && on_dfa(&after) {
                befores.push(before);
                afters.push(after);
                breaks.push(rule.is_break);
                Path::Dfa(befores.len() as u32 - 1)
            } else {
                let w = window::WindowRule::new(&before, &after, rule.is_break).map_err(|(before_side, message)| {
                    let (line, column) = if before_side { rule.before_at } else { rule.after_at };
                    let pattern = if before_side { rule.before.clone() } else { rule.after.clone() };
                    SegmentError::Rule { file: source.to_string(), line, column, pattern, message }
                })?;
                windows.push(w);
                Path::Window(windows.len() as u32 - 1)
            };
            compiled.push(Compiled { is_break: rule.is_break, path, at: rule.before_at, before: rule.before.clone() });
        }
        let dfa = if befores.is_empty() {
            None
        } else {
            Some(dfa::Dfas::new(&befores, &afters, &breaks, capacity).map_err(|e| {
                // Name the rule that is too large by itself, if one is.
                let on_dfa = rules.iter().zip(compiled.iter());
                for (rule, c) in on_dfa {
                    if !matches!(c.path, Path::Dfa(_)) {
                        continue;
                    }
                    for (before_side, pattern) in [(true, &rule.before), (false, &rule.after)] {
                        if let Err(message) = dfa::compiles_alone(&translate(pattern)) {
                            let (line, column) = if before_side { rule.before_at } else { rule.after_at };
                            return SegmentError::Rule {
                                file: source.to_string(),
                                line,
                                column,
                                pattern: pattern.clone(),
                                message,
                            };
                        }
                    }
                }
                SegmentError::Rule {
                    file: source.to_string(),
                    line: 0,
                    column: 0,
                    pattern: String::new(),
                    message: format!("the rules together are too large for one automaton: {e}"),
                }
            })?)
        };
        let shared = Shared { rules: compiled, dfa, window: windows, source: source.to_string() };
        Ok(Engine::with_pool(Arc::new(shared)))
    }

    fn with_pool(shared: Arc<Shared>) -> Engine {
        let s = Arc::clone(&shared);
        let create = move || Scratch {
            dfa: s.dfa.as_ref().map(dfa::Dfas::caches),
            ends: Vec::new(),
            spans: Vec::new(),
            breaks: Vec::new(),
            candidates: Vec::new(),
            seen: Vec::new(),
            hits: Vec::new(),
        };
        Engine { shared, pool: Pool::new(Box::new(create)) }
    }

    /// Number of rules.
    pub fn len(&self) -> usize {
        self.shared.rules.len()
    }

    /// Whether there are no rules.
    pub fn is_empty(&self) -> bool {
        self.shared.rules.is_empty()
    }

    /// Appends to `out` the byte positions of `text` (ascending, each
    /// strictly inside the text) where the rules break.
    ///
    /// Errors: [`SegmentError::RuleBudget`] when a rule on the backtracking
    /// engine exceeds [`BACKTRACK_LIMIT`]; `out` then holds nothing of
    /// `text`.
    pub fn breaks(&self, text: &str, out: &mut Vec<usize>) -> Result<(), SegmentError> {
        let mut work = 0;
        self.run(text, out, false, &mut work)
    }

    /// Like [`Engine::breaks`], but a rule that exceeds its budget or fails
    /// counts as not matching where it did.
    pub fn breaks_lenient(&self, text: &str, out: &mut Vec<usize>) {
        let mut work = 0;
        // Lenient runs report no budget fault; a DFA fault cannot happen
        // (no quit bytes, the cache never gives up), so nothing is lost.
        let _ = self.run(text, out, true, &mut work);
    }

    /// The breaks of each paragraph `text[r]` of `paragraphs`: calls
    /// `emit(i, breaks)` for paragraph `i`, in order, with its breaks as
    /// [`Engine::breaks`] gives them (relative to the paragraph). Cheaper
    /// than [`Engine::breaks`] on each: the paragraphs are scanned several at a
    /// time (see `engine/dfa.rs`).
    ///
    /// `lenient`: as [`Engine::breaks_lenient`]; otherwise a rule over its
    /// budget is an error, and no paragraph after the one it was in is
    /// emitted.
    pub fn breaks_each(
        &self,
        text: &str,
        paragraphs: &[Range<usize>],
        lenient: bool,
        mut emit: impl FnMut(usize, &[usize]),
    ) -> Result<(), SegmentError> {
        let mut work = 0;
        self.run_each(text, paragraphs, lenient, &mut work, &mut emit)
    }

    /// The search of one paragraph, `text`; `work` grows by the bytes given
    /// to the automata (an upper bound of the bytes they scanned).
    fn run(&self, text: &str, out: &mut Vec<usize>, lenient: bool, work: &mut usize) -> Result<(), SegmentError> {
        self.run_each(text, &[0..text.len()], lenient, work, &mut |_, breaks| out.extend_from_slice(breaks))
    }

    /// [`Engine::breaks_each`], counting the work.
    fn run_each(
        &self,
        text: &str,
        paragraphs: &[Range<usize>],
        lenient: bool,
        work: &mut usize,
        emit: &mut dyn FnMut(usize, &[usize]),
    ) -> Result<(), SegmentError> {
        let mut guard = self.pool.get();
        let s: &mut Scratch = &mut guard;
        let (mut ends, mut spans, mut breaks) =
            (std::mem::take(&mut s.ends), std::mem::take(&mut s.spans), std::mem::take(&mut s.breaks));
        let mut result = Ok(());
        if let (Some(d), Some(c)) = (&self.shared.dfa, s.dfa.as_mut()) {
            result = d.scan(c, text, paragraphs, &mut ends, &mut spans, work).map_err(Fault::Dfa);
        }
        if result.is_ok() {
            for (i, r) in paragraphs.iter().enumerate() {
                let para = &text[r.clone()];
                let joint = spans.get(i).map_or(&[][..], |span| &ends[span.clone()]);
                breaks.clear();
                result = self.search(s, para, joint, &mut breaks, lenient, work);
                if result.is_err() {
                    break;
                }
                emit(i, &breaks);
            }
        }
        (s.ends, s.spans, s.breaks) = (ends, spans, breaks);
        result.map_err(|fault| self.error(fault))
    }

    fn error(&self, fault: Fault) -> SegmentError {
        match fault {
            Fault::Dfa(e) => SegmentError::Search(e.to_string()),
            Fault::Budget { rule, at } => {
                let r = &self.shared.rules[rule];
                SegmentError::RuleBudget {
                    file: self.shared.source.clone(),
                    line: r.at.0,
                    column: r.at.1,
                    pattern: r.before.clone(),
                    limit: BACKTRACK_LIMIT,
                    offset: at,
                }
            }
        }
    }

    /// The breaks of one paragraph, `text`, whose joint matches are `joint`.
    fn search(
        &self,
        s: &mut Scratch,
        text: &str,
        joint: &[(u32, usize)],
        out: &mut Vec<usize>,
        lenient: bool,
        work: &mut usize,
    ) -> Result<(), Fault> {
        let sh = &*self.shared;
        s.candidates.clear();
        s.seen.clear();
        s.seen.resize(text.len() + 1, false);
        if let (Some(d), Some(c)) = (&sh.dfa, s.dfa.as_mut()) {
            d.splits(c, text, joint, &mut s.seen, &mut s.candidates, work)?;
        }
        let window_rules = if sh.window.is_empty() { &[][..] } else { &sh.rules[..] };
        for (ri, rule) in window_rules.iter().enumerate() {
            if let (true, Path::Window(wi)) = (rule.is_break, rule.path) {
                let found = sh.window[wi as usize].candidates(text, &mut s.candidates, work);
                if let Err(b) = found {
                    if !lenient {
                        return Err(Fault::Budget { rule: ri, at: b.at });
                    }
                }
            }
        }
        s.candidates.sort_unstable();
        s.candidates.dedup();
        let candidates = std::mem::take(&mut s.candidates);
        let mut result = Ok(());
        for &pos in &candidates {
            if pos == 0 || pos >= text.len() {
                continue;
            }
            match self.decide(s, text, pos, lenient, work) {
                Ok(true) => out.push(pos),
                Ok(false) => {}
                Err(f) => {
                    result = Err(f);
                    break;
                }
            }
        }
        s.candidates = candidates;
        result
    }

    /// Whether the first rule matching at `pos` breaks (a break rule found
    /// the position; if no rule matches there after all, it breaks).
    fn decide(&self, s: &mut Scratch, text: &str, pos: usize, lenient: bool, work: &mut usize) -> Result<bool, Fault> {
        let sh = &*self.shared;
        s.hits.clear();
        if let (Some(d), Some(c)) = (&sh.dfa, s.dfa.as_mut()) {
            d.befores_at(c, text, pos, &mut s.hits, work)?;
            if sh.window.is_empty() {
                // Every rule is on the DFAs, pattern i being rule i: the
                // short-lived before-patterns that fit, merged in rule order
                // with the long-lived ones (tested after-pattern first).
                let (hits, longs) = (&s.hits, d.long_patterns());
                let (mut h, mut l) = (0, 0);
                loop {
                    let (pid, long) = match (hits.get(h), longs.get(l)) {
                        (None, None) => return Ok(true),
                        (Some(&a), Some(&b)) if b < a => (b, true),
                        (Some(&a), _) => (a, false),
                        (None, Some(&b)) => (b, true),
                    };
                    let fits = if long {
                        l += 1;
                        d.after_starts_at(c, text, pid, pos, work)?
                            && d.before_ends_at(c, text, regex_automata::PatternID::must(pid as usize), pos, work)?
                    } else {
                        h += 1;
                        d.after_starts_at(c, text, pid, pos, work)?
                    };
                    if fits {
                        return Ok(sh.rules[pid as usize].is_break);
                    }
                }
            }
        }
        let mut hits = s.hits.iter().peekable();
        for (ri, rule) in sh.rules.iter().enumerate() {
            let applies = match rule.path {
                Path::Dfa(pid) => {
                    let (Some(d), Some(c)) = (&sh.dfa, s.dfa.as_mut()) else { continue };
                    if d.is_long(pid) {
                        d.after_starts_at(c, text, pid, pos, work)?
                            && d.before_ends_at(c, text, regex_automata::PatternID::must(pid as usize), pos, work)?
                    } else if hits.peek() == Some(&&pid) {
                        hits.next();
                        d.after_starts_at(c, text, pid, pos, work)?
                    } else {
                        continue;
                    }
                }
                Path::Window(wi) => {
                    let w = &sh.window[wi as usize];
                    let fits = w.before_ends_at(text, pos, work).and_then(|b| {
                        if b {
                            w.after_starts_at(text, pos, work)
                        } else {
                            Ok(false)
                        }
                    });
                    match fits {
                        Ok(f) => f,
                        Err(_) if lenient => false,
                        Err(b) => return Err(Fault::Budget { rule: ri, at: b.at }),
                    }
                }
            };
            if applies {
                return Ok(rule.is_break);
            }
        }
        Ok(true)
    }
}

fn next_char(text: &str, i: usize) -> usize {
    text[i..].chars().next().map_or(text.len() + 1, |c| i + c.len_utf8())
}

fn floor_char(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn ceil_char(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i += 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rule(is_break: bool, before: &str, after: &str) -> Rule {
        Rule { is_break, before: before.into(), after: after.into(), ..Rule::default() }
    }

    fn breaks(rules: &[Rule], text: &str) -> Vec<usize> {
        let refs: Vec<&Rule> = rules.iter().collect();
        let e = Engine::new(&refs, "test").unwrap();
        let mut out = Vec::new();
        e.breaks(text, &mut out).unwrap();
        out
    }

    /// (breaks, bytes given to the automata) of `rules` on `text`.
    fn breaks_and_work(rules: &[Rule], text: &str) -> (Vec<usize>, usize) {
        let refs: Vec<&Rule> = rules.iter().collect();
        let e = Engine::new(&refs, "test").unwrap();
        let (mut out, mut work) = (Vec::new(), 0);
        e.run(text, &mut out, false, &mut work).unwrap();
        (out, work)
    }

    #[test]
    fn after_pattern_to_the_end_of_a_long_line_costs_linear_work() {
        // Issue 26: `a+$` tried at every position scanned to the end each
        // time (quadratic). Now the after-pattern sees LOOKAHEAD bytes, so it
        // matches only near the end, and the work per byte is bounded.
        for after in ["a+$", "(a+)+$"] {
            let rules = [rule(true, "a", after)];
            let mut per_byte = Vec::new();
            for n in [50_000, 200_000] {
                let (got, work) = breaks_and_work(&rules, &"a".repeat(n));
                let expected: Vec<usize> = (n - LOOKAHEAD..n).collect();
                assert_eq!(got, expected, "{after} on {n} bytes");
                per_byte.push(work as f64 / n as f64);
            }
            assert!(per_byte.iter().all(|&w| w < 4.0), "{after}: work per byte {per_byte:?}");
        }
    }

    #[test]
    fn overlapping_after_matches_cost_bounded_work_per_byte() {
        // Every position is the end of a joint match and every position a
        // candidate: the work is still a bounded multiple of the text.
        let rules = [rule(true, "a", "a+")];
        let n = 100_000;
        let (got, work) = breaks_and_work(&rules, &"a".repeat(n));
        assert_eq!(got, (1..n).collect::<Vec<_>>());
        // Per byte: one joint step, a window back from each match end and a
        // before test for each new candidate, and the decision (both windows).
        assert!(work <= n * 2 * (LOOKAHEAD + LOOKBEHIND + 1), "{work}");
    }

    #[test]
    fn backtracking_rule_over_budget_is_an_error_naming_it() {
        let mut bad = rule(true, r"(a+)+(?=!)!", r"\s");
        bad.before_at = (4, 18);
        let e = Engine::new(&[&bad], "cat.srx").unwrap();
        let text = "a".repeat(3000);
        let err = e.breaks(&text, &mut Vec::new()).unwrap_err().to_string();
        assert!(err.starts_with("cat.srx:4:18: rule `(a+)+(?=!)!` exceeded its backtracking budget"), "{err}");
        // The lenient run treats the rule as not matching.
        let mut out = Vec::new();
        e.breaks_lenient(&text, &mut out);
        assert!(out.is_empty());
    }

    #[test]
    fn rule_with_unicode_word_boundary_sees_non_ascii_letters() {
        // `\b` cannot run on a lazy DFA over non-ASCII text; the rule runs on
        // the regex crate's other engines and `é` is a word character.
        let rules = [rule(false, r"\bSr\.", r"\s"), rule(true, r"\.", r"\s")];
        assert_eq!(breaks(&rules, "Vino el Sr. Pérez. SéSr. Luego."), [19, 26]);
    }

    #[test]
    fn first_matching_rule_wins() {
        let rules = [rule(false, r"\b(Mr|Dr)\.", r"\s"), rule(true, r"[.?!]", r"\s")];
        // The capture group inside the no-break rule must not move the position.
        assert_eq!(breaks(&rules, "Mr. Smith went home. Dr. Jones too."), [20]);
    }

    #[test]
    fn later_no_break_rule_does_not_override_break() {
        let rules = [rule(true, r"[.?!]", r"\s"), rule(false, r"\bMr\.", r"\s")];
        assert_eq!(breaks(&rules, "Hi Mr. Smith."), [6]);
    }

    #[test]
    fn lookaround_rule_runs_on_fancy_regex() {
        let rules = [rule(false, r"(?<=\bMr)\.", r"\s"), rule(true, r"\.", r"\s(?=\p{Lu})")];
        assert_eq!(breaks(&rules, "Mr. Smith left. Then. me"), [15]);
    }

    #[test]
    fn rule_that_cannot_compile_is_reported_with_its_place() {
        let mut bad = rule(true, r"(unclosed", r"\s");
        bad.before_at = (12, 7);
        let e = Engine::new(&[&bad], "x.srx").unwrap_err().to_string();
        assert!(e.starts_with("x.srx:12:7:") && e.contains("(unclosed"), "{e}");
    }

    #[test]
    fn rule_too_large_for_an_automaton_is_reported_with_its_place() {
        let mut huge = rule(true, r"(\w{1000}){1000}", r"\s");
        huge.before_at = (4, 19);
        let e = Engine::new(&[&rule(true, r"\.", r"\s"), &huge], "huge.srx").unwrap_err().to_string();
        assert!(e.starts_with("huge.srx:4:19: rule pattern `(\\w{1000}){1000}` does not compile"), "{e}");
    }

    #[test]
    fn paragraphs_scanned_together_break_as_each_alone_even_when_the_cache_is_cleared() {
        // The default English rules on a release and the start of Don
        // Quixote, with the smallest DFA caches: the joint automaton's cache
        // is cleared again and again while paragraphs are being scanned
        // together, and the paragraphs whose states that invalidates are
        // scanned again.
        let srx = crate::segment::srx::Srx::parse(crate::segment::DEFAULT_SRX, "default.srx").unwrap();
        let rules = srx.rules_for("en").unwrap();
        let shared = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus");
        let mut text = std::fs::read_to_string(shared.join("releases/debian-2012-lenny-security-end.en.txt")).unwrap();
        let quixote = std::fs::read_to_string(shared.join("en_don_quixote.txt")).unwrap();
        text.push_str(&quixote[..quixote.char_indices().nth(200_000).unwrap().0]);
        let paragraphs = crate::segment::lines::paragraphs(&text);
        assert!(paragraphs.len() > 500, "{}", paragraphs.len());
        let big = Engine::new(&rules, "default.srx").unwrap();
        let small = Engine::build(&rules, "default.srx", Some(0)).unwrap();
        let mut alone = Vec::new();
        for r in &paragraphs {
            let mut out = Vec::new();
            big.breaks(&text[r.clone()], &mut out).unwrap();
            alone.push(out);
        }
        for engine in [&big, &small] {
            let mut paired = Vec::new();
            engine.breaks_each(&text, &paragraphs, false, |i, b| paired.push((i, b.to_vec()))).unwrap();
            assert_eq!(paired.len(), paragraphs.len());
            for (i, (k, b)) in paired.iter().enumerate() {
                assert_eq!((i, b), (*k, &alone[i]), "paragraph {i}");
            }
        }
        let n: usize = alone.iter().map(Vec::len).sum();
        assert!(n > 500, "{n} breaks");
        let clears = small.pool.get().dfa.as_ref().map_or(0, |c| c.joint_clears());
        assert!(clears > 10, "the joint cache was cleared {clears} times");
    }

    #[test]
    fn empty_after_pattern_matches_everywhere() {
        assert_eq!(breaks(&[rule(true, r"\n", "")], "a\nb"), [2]);
    }
}
