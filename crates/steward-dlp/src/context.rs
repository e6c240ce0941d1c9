//! Context keywords: every class's keywords and negative keywords in one Aho-Corasick
//! automaton, run once over the bytes before a word that has candidates, so scoring a
//! value costs one pass over a few dozen bytes whatever the number of classes.

use std::collections::VecDeque;

use aho_corasick::automaton::{Automaton, StateID};
use aho_corasick::dfa::DFA;
use aho_corasick::{Anchored, MatchKind};

use crate::class::Class;
use crate::rules::RuleSet;

const CLASSES: usize = Class::ALL.len();

/// How the keywords before a value bear on its class.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Context {
    /// No keyword of this class, positive or negative, in the window.
    None,
    /// The nearest keyword is one of the class's.
    Positive,
    /// The nearest keyword lowers confidence (`order id`, `tracking`, `isbn`, ...).
    Negative,
    /// A class keyword is there, but a negative one is nearer.
    PositiveThenNegative,
}

impl Context {
    pub(crate) fn has_keyword(self) -> bool {
        matches!(self, Context::Positive | Context::PositiveThenNegative)
    }
}

struct KeywordMeta {
    /// Bit `i` set: a keyword of `Class::ALL[i]`.
    positive: u32,
    /// Bit `i` set: a negative keyword for `Class::ALL[i]`.
    negative: u32,
    /// Keywords starting with a letter must start a word (`card` is not in `discard`).
    word_start: bool,
}

pub(crate) struct KeywordIndex {
    automaton: DFA,
    meta: Vec<KeywordMeta>,
    windows: [usize; CLASSES],
    max_window: usize,
    longest: usize,
}

/// The nearest keyword ends before one position, per class.
pub(crate) struct WordContext {
    positive: [usize; CLASSES],
    negative: [usize; CLASSES],
}

/// Bytes that end a field (CSV, TSV, JSON, key=value lists) or a line: a negative keyword
/// in an earlier field says nothing about this one (`"order":"O-17","email":"…"`).
const FIELD_BOUNDARIES: &[u8] = b",;\t|{}[]\n";

impl WordContext {
    /// Forget the negative keywords that end at or before the last field boundary before
    /// `start`. Slots hold keyword ends plus one, relative to `base`.
    fn cut_negatives_at_field(&mut self, text: &[u8], start: usize, base: usize, window: usize) {
        if self.negative.iter().all(|&n| n == 0) {
            return;
        }
        let from = start.saturating_sub(window);
        let Some(boundary) = text[from..start]
            .iter()
            .rposition(|b| FIELD_BOUNDARIES.contains(b))
            .map(|i| from + i)
        else {
            return;
        };
        for n in &mut self.negative {
            // The keyword's end (absolute) is base + (*n - 1).
            if *n != 0 && base + *n - 1 <= boundary {
                *n = 0;
            }
        }
    }

    pub(crate) fn get(&self, class: Class) -> Context {
        let (p, n) = (self.positive[class.index()], self.negative[class.index()]);
        // Offsets are stored plus one, 0 meaning none.
        match (p, n) {
            (0, 0) => Context::None,
            (_, 0) => Context::Positive,
            (0, _) => Context::Negative,
            (p, n) if p >= n => Context::Positive,
            _ => Context::PositiveThenNegative,
        }
    }
}

impl KeywordIndex {
    pub(crate) fn build(rules: &RuleSet) -> Result<Self, aho_corasick::BuildError> {
        let mut words: Vec<Vec<u8>> = Vec::new();
        let mut meta: Vec<KeywordMeta> = Vec::new();
        let mut windows = [0; CLASSES];
        for rule in &rules.classes {
            let bit = 1u32 << rule.class.index();
            windows[rule.class.index()] = rule.window;
            for (list, positive) in [(&rule.keywords, true), (&rule.negative, false)] {
                for kw in list {
                    let i = match words.iter().position(|w| w == kw) {
                        Some(i) => i,
                        None => {
                            words.push(kw.clone());
                            meta.push(KeywordMeta {
                                positive: 0,
                                negative: 0,
                                word_start: kw.first().is_some_and(u8::is_ascii_alphabetic),
                            });
                            words.len() - 1
                        }
                    };
                    if positive {
                        meta[i].positive |= bit;
                    } else {
                        meta[i].negative |= bit;
                    }
                }
            }
        }
        let automaton = DFA::builder()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::Standard)
            .build(&words)?;
        Ok(KeywordIndex {
            automaton,
            meta,
            max_window: windows.iter().copied().max().unwrap_or(0),
            longest: words.iter().map(Vec::len).max().unwrap_or(1),
            windows,
        })
    }

    /// The keywords before `start`, each class looking as far back as its window.
    pub(crate) fn before(&self, text: &[u8], start: usize) -> WordContext {
        let from = start.saturating_sub(self.max_window);
        let window = &text[from..start];
        let mut ctx = WordContext {
            positive: [0; CLASSES],
            negative: [0; CLASSES],
        };
        self.each_match(window, 0..window.len(), None, |start, end, pattern| {
            if self.starts_word(window, start, pattern) {
                self.record(&mut ctx, pattern, window.len() - start, end);
            }
        });
        ctx.cut_negatives_at_field(text, start, from, self.max_window);
        ctx
    }

    /// Every keyword match (start, end, pattern) lying within `span` of `text`, overlapping
    /// ones included, in order of their end. A plain walk of the DFA: the generic
    /// overlapping iterator costs about three times as much per byte on short windows.
    /// `resume` is the state to start from (the state after the bytes before `span`), else
    /// the start state; returns the state after `span`, or `None` when the search stopped.
    fn each_match(
        &self,
        text: &[u8],
        span: std::ops::Range<usize>,
        resume: Option<StateID>,
        mut f: impl FnMut(usize, usize, usize),
    ) -> Option<StateID> {
        let dfa = &self.automaton;
        let mut sid = match resume {
            Some(sid) => sid,
            None => dfa.start_state(Anchored::No).ok()?,
        };
        let from = span.start;
        for (at, &b) in text[span].iter().enumerate() {
            sid = dfa.next_state(Anchored::No, sid, b);
            if dfa.is_special(sid) {
                if dfa.is_dead(sid) {
                    return None;
                }
                if dfa.is_match(sid) {
                    let end = from + at + 1;
                    for i in 0..dfa.match_len(sid) {
                        let pid = dfa.match_pattern(sid, i);
                        f(end - dfa.pattern_len(pid), end, pid.as_usize());
                    }
                }
            }
        }
        Some(sid)
    }

    fn starts_word(&self, text: &[u8], start: usize, pattern: usize) -> bool {
        !self.meta[pattern].word_start || start == 0 || !text[start - 1].is_ascii_alphabetic()
    }

    /// Note keyword `pattern`, starting `distance` bytes before the value and ending at
    /// `end`, for each class whose window reaches it.
    fn record(&self, ctx: &mut WordContext, pattern: usize, distance: usize, end: usize) {
        let meta = &self.meta[pattern];
        for (mask, slots) in [
            (meta.positive, &mut ctx.positive),
            (meta.negative, &mut ctx.negative),
        ] {
            let mut bits = mask;
            while bits != 0 {
                let i = bits.trailing_zeros() as usize;
                bits &= bits - 1;
                if distance <= self.windows[i] && slots[i] < end + 1 {
                    slots[i] = end + 1;
                }
            }
        }
    }
}

/// Keyword matches kept while a scan moves forward through one text: each byte is run
/// through the automaton at most once (bytes far behind the next value are skipped), so
/// context costs the same whether values are rare or on every line.
pub(crate) struct KeywordStream {
    scanned: usize,
    /// The automaton's state after reading up to `scanned`.
    state: Option<StateID>,
    /// (start, end, pattern) of the matches that may still be in some class's window.
    recent: VecDeque<(usize, usize, usize)>,
}

impl KeywordStream {
    pub(crate) fn new() -> Self {
        KeywordStream {
            scanned: 0,
            state: None,
            recent: VecDeque::new(),
        }
    }

    /// The keywords before `start`; calls should come with non-decreasing `start`.
    pub(crate) fn before(
        &mut self,
        index: &KeywordIndex,
        text: &[u8],
        start: usize,
    ) -> WordContext {
        let horizon = start.saturating_sub(index.max_window);
        if start > self.scanned {
            let from = self.scanned.max(horizon);
            // Re-read the tail of the last span so a keyword crossing its end is found.
            let span_start = from.saturating_sub(index.longest.saturating_sub(1));
            let scanned = self.scanned;
            let recent = &mut self.recent;
            // When the spans touch, go on from the automaton's state at `scanned` instead of
            // re-reading the tail: the state depends only on the last `longest - 1` bytes,
            // so the matches are the same, and each byte is read once.
            let (resume, span_start) = match self.state {
                Some(sid) if span_start <= scanned => (Some(sid), scanned),
                _ => (None, span_start),
            };
            self.state = index.each_match(text, span_start..start, resume, |s, e, pattern| {
                if e > scanned && index.starts_word(text, s, pattern) {
                    recent.push_back((s, e, pattern));
                }
            });
            self.scanned = start;
        }
        while self.recent.front().is_some_and(|&(s, _, _)| s < horizon) {
            self.recent.pop_front();
        }
        let mut ctx = WordContext {
            positive: [0; CLASSES],
            negative: [0; CLASSES],
        };
        for &(s, e, pattern) in &self.recent {
            if e <= start && s >= horizon {
                index.record(&mut ctx, pattern, start - s, e);
            }
        }
        ctx.cut_negatives_at_field(text, start, 0, index.max_window);
        ctx
    }
}
