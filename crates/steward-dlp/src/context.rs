//! Context keywords: every class's keywords and negative keywords in one Aho-Corasick
//! automaton, run once over the bytes before a word that has candidates, so scoring a
//! value costs one pass over a few dozen bytes whatever the number of classes.

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};

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
    automaton: AhoCorasick,
    meta: Vec<KeywordMeta>,
    windows: [usize; CLASSES],
    max_window: usize,
}

/// The nearest keyword ends before one position, per class.
pub(crate) struct WordContext {
    positive: [usize; CLASSES],
    negative: [usize; CLASSES],
}

impl WordContext {
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
        let automaton = AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::Standard)
            .kind(Some(AhoCorasickKind::DFA))
            .build(&words)?;
        Ok(KeywordIndex {
            automaton,
            meta,
            max_window: windows.iter().copied().max().unwrap_or(0),
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
        for m in self.automaton.find_overlapping_iter(window) {
            let meta = &self.meta[m.pattern().as_usize()];
            if meta.word_start && m.start() > 0 && window[m.start() - 1].is_ascii_alphabetic() {
                continue;
            }
            let distance = window.len() - m.start();
            let end = m.end() + 1;
            for (mask, slots) in [
                (meta.positive, &mut ctx.positive),
                (meta.negative, &mut ctx.negative),
            ] {
                let mut bits = mask;
                while bits != 0 {
                    let i = bits.trailing_zeros() as usize;
                    bits &= bits - 1;
                    if distance <= self.windows[i] && slots[i] < end {
                        slots[i] = end;
                    }
                }
            }
        }
        ctx
    }
}
