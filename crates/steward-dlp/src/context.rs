//! Context keywords: every class's keywords and negative keywords in one index, looked up
//! once over the bytes before a word that has candidates, so scoring a value costs one pass
//! over a few dozen bytes whatever the number of classes.

use std::collections::VecDeque;

use crate::class::Class;
use crate::rules::RuleSet;
use crate::swar;

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
}

/// Every class's keywords, found without reading each byte through an automaton: a
/// keyword starting with a letter must start a word (`card` is not in `discard`), so only
/// word starts (found eight bytes at a time) and the first bytes of the few keywords that
/// start otherwise (`==`) are looked at; there the classes of the next three bytes index a
/// bit set of the keywords' first three bytes, and only a hit compares whole keywords.
pub(crate) struct KeywordIndex {
    /// Lower-case keywords.
    words: Vec<Vec<u8>>,
    /// Their first eight bytes, for comparing at once.
    prefixes: Vec<Prefix>,
    meta: Vec<KeywordMeta>,
    /// One bit per sequence of three byte classes (`byte_class`) that starts a keyword.
    heads: Vec<u64>,
    /// Set bits of `heads` before each of its words: a set bit's rank numbers its bucket.
    rank: Vec<u32>,
    /// The keywords starting with bucket `b`'s classes:
    /// `bucket_words[bucket_starts[b]..bucket_starts[b + 1]]`.
    bucket_starts: Vec<u32>,
    bucket_words: Vec<u32>,
    /// First bytes of the keywords that do not start with a letter (they may start
    /// anywhere), and the same as a table.
    other_firsts: Vec<u8>,
    other_first: [bool; 256],
    /// Classes (bit `Class::index`) with a keyword that does not start with a letter: only
    /// values of these need the `other_firsts` looked for.
    other_classes: u32,
    windows: [usize; CLASSES],
    max_window: usize,
}

/// A keyword's first eight bytes as a `u64`: a text's eight bytes `x` start with them when
/// `(x | fold) & lanes == bytes` (`fold` lower-cases the lanes where the keyword has a
/// letter, which matches either case of that letter and nothing else).
struct Prefix {
    bytes: u64,
    fold: u64,
    lanes: u64,
}

impl Prefix {
    fn of(word: &[u8]) -> Prefix {
        let mut p = Prefix {
            bytes: 0,
            fold: 0,
            lanes: 0,
        };
        for (k, &b) in word.iter().take(8).enumerate() {
            p.bytes |= u64::from(b) << (8 * k);
            p.lanes |= 0xFF << (8 * k);
            if b.is_ascii_alphabetic() {
                p.fold |= 0x20 << (8 * k);
            }
        }
        p
    }
}

/// Which keyword starts a scan looks at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Starts {
    /// Word starts, for the keywords that start with a letter (nearly all).
    Words,
    /// `KeywordIndex::other_firsts`, for the others (`==`, `>=`).
    Others,
}

/// The prefilter's byte classes: the 26 letters (either case), the punctuation keywords
/// hold most, and one class for every other byte.
const fn byte_class(b: u8) -> u8 {
    match b {
        b'a'..=b'z' => b - b'a',
        b'A'..=b'Z' => b - b'A',
        b' ' => 26,
        b'.' => 27,
        b'_' => 28,
        b'-' => 29,
        b':' => 30,
        _ => 31,
    }
}

const BYTE_CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        t[b] = byte_class(b as u8);
        b += 1;
    }
    t
};

/// Bits per class in a head (32 classes).
const CLASS_BITS: usize = 5;
const HEADS: usize = 1 << (3 * CLASS_BITS);

/// The nearest keyword ends before one position, per class.
pub(crate) struct WordContext {
    /// Slots hold keyword ends plus one, as offsets from `base` (0: none); a window is at
    /// most 256 bytes, so they fit.
    base: usize,
    positive: [u16; CLASSES],
    negative: [u16; CLASSES],
}

/// Bytes that end a field (CSV, TSV, JSON, key=value lists) or a line: a negative keyword
/// in an earlier field says nothing about this one (`"order":"O-17","email":"…"`).
const FIELD_BOUNDARIES: &[u8] = b",;\t|{}[]\n";

const IS_FIELD_BOUNDARY: [bool; 256] = {
    let mut t = [false; 256];
    let mut k = 0;
    while k < FIELD_BOUNDARIES.len() {
        t[FIELD_BOUNDARIES[k] as usize] = true;
        k += 1;
    }
    t
};

impl WordContext {
    fn empty(base: usize) -> Self {
        WordContext {
            base,
            positive: [0; CLASSES],
            negative: [0; CLASSES],
        }
    }

    /// Forget the negative keywords that end at or before the last field boundary before
    /// `start`.
    fn cut_negatives_at_field(&mut self, text: &[u8], start: usize, window: usize) {
        if self.negative.iter().all(|&n| n == 0) {
            return;
        }
        let from = start.saturating_sub(window);
        let Some(boundary) = text[from..start]
            .iter()
            .rposition(|&b| IS_FIELD_BOUNDARY[usize::from(b)])
            .map(|i| from + i)
        else {
            return;
        };
        for n in &mut self.negative {
            // The keyword's end (absolute) is base + (*n - 1).
            if *n != 0 && self.base + usize::from(*n) - 1 <= boundary {
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
    pub(crate) fn build(rules: &RuleSet) -> Result<Self, String> {
        let mut words: Vec<Vec<u8>> = Vec::new();
        let mut meta: Vec<KeywordMeta> = Vec::new();
        let mut windows = [0; CLASSES];
        for rule in &rules.classes {
            let bit = 1u32 << rule.class.index();
            windows[rule.class.index()] = rule.window;
            for (list, positive) in [(&rule.keywords, true), (&rule.negative, false)] {
                for kw in list {
                    if kw.is_empty() {
                        return Err(format!(
                            "{}: an empty keyword would match everywhere",
                            rule.class
                        ));
                    }
                    let i = match words.iter().position(|w| w == kw) {
                        Some(i) => i,
                        None => {
                            words.push(kw.to_ascii_lowercase());
                            meta.push(KeywordMeta {
                                positive: 0,
                                negative: 0,
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
        // (head, keyword) for every head a keyword can start with: a keyword shorter than
        // three bytes fits any class after its end.
        let mut entries: Vec<(usize, u32)> = Vec::new();
        for (i, w) in words.iter().enumerate() {
            let class = |k: usize| w.get(k).map(|&b| usize::from(BYTE_CLASS[usize::from(b)]));
            let classes = |k: usize| match class(k) {
                Some(c) => c..c + 1,
                None => 0..1 << CLASS_BITS,
            };
            for c1 in classes(1) {
                for c2 in classes(2) {
                    let c0 = class(0).unwrap_or(0);
                    entries.push(((c0 << (2 * CLASS_BITS)) | (c1 << CLASS_BITS) | c2, i as u32));
                }
            }
        }
        entries.sort_unstable();
        entries.dedup();
        let mut heads = vec![0u64; HEADS / 64];
        let mut bucket_starts = Vec::new();
        let mut bucket_words = Vec::with_capacity(entries.len());
        for (k, &(head, word)) in entries.iter().enumerate() {
            if k == 0 || entries[k - 1].0 != head {
                heads[head / 64] |= 1 << (head % 64);
                bucket_starts.push(bucket_words.len() as u32);
            }
            bucket_words.push(word);
        }
        bucket_starts.push(bucket_words.len() as u32);
        let mut rank = Vec::with_capacity(heads.len());
        let mut set = 0;
        for h in &heads {
            rank.push(set);
            set += h.count_ones();
        }
        let mut other_firsts: Vec<u8> = words
            .iter()
            .filter_map(|w| w.first().copied())
            .filter(|b| !b.is_ascii_alphabetic())
            .collect();
        other_firsts.sort_unstable();
        other_firsts.dedup();
        let mut other_first = [false; 256];
        for &b in &other_firsts {
            other_first[usize::from(b)] = true;
        }
        let other_classes = words
            .iter()
            .zip(&meta)
            .filter(|(w, _)| w.first().is_some_and(|b| !b.is_ascii_alphabetic()))
            .fold(0, |acc, (_, m)| acc | m.positive | m.negative);
        Ok(KeywordIndex {
            prefixes: words.iter().map(|w| Prefix::of(w)).collect(),
            words,
            meta,
            heads,
            rank,
            bucket_starts,
            bucket_words,
            other_firsts,
            other_first,
            other_classes,
            max_window: windows.iter().copied().max().unwrap_or(0),
            windows,
        })
    }

    /// The keywords before `start`, each class looking as far back as its window.
    pub(crate) fn before(&self, text: &[u8], start: usize) -> WordContext {
        let from = start.saturating_sub(self.max_window);
        let mut ctx = WordContext::empty(from);
        for which in [Starts::Words, Starts::Others] {
            self.each_match(text, from..start, start, which, |s, e, pattern| {
                self.record(&mut ctx, pattern, start - s, e);
            });
        }
        ctx.cut_negatives_at_field(text, start, self.max_window);
        ctx
    }

    /// Every keyword (start, end, pattern) starting within `starts` and ending at or before
    /// `limit`, in order of their start: those starting with a letter (at word starts), or
    /// the others (at one of `other_firsts`).
    fn each_match(
        &self,
        text: &[u8],
        starts: std::ops::Range<usize>,
        limit: usize,
        which: Starts,
        mut f: impl FnMut(usize, usize, usize),
    ) {
        if which == Starts::Others && self.other_firsts.is_empty() {
            return;
        }
        let mut prev_letter = starts.start > 0 && text[starts.start - 1].is_ascii_alphabetic();
        let mut i = starts.start;
        while i + 8 <= starts.end {
            let x = swar::load8(text, i);
            let mut at = 0;
            match which {
                Starts::Words => {
                    let letters = swar::letters(x);
                    at = letters & !((letters << 8) | (u64::from(prev_letter) << 7));
                    prev_letter = letters >> 63 != 0;
                }
                Starts::Others if self.other_firsts.len() <= 4 => {
                    for &c in &self.other_firsts {
                        at |= swar::equal(x, c);
                    }
                }
                Starts::Others => {
                    for k in 0..8 {
                        if self.other_first[usize::from(text[i + k])] {
                            at |= 0x80 << (8 * k);
                        }
                    }
                }
            }
            while at != 0 {
                let p = i + swar::first_lane(at);
                at &= at - 1;
                self.matches_at(text, p, limit, &mut f);
            }
            i += 8;
        }
        for p in i..starts.end {
            let b = text[p];
            let letter = b.is_ascii_alphabetic();
            let start = match which {
                Starts::Words => letter && !prev_letter,
                Starts::Others => self.other_first[usize::from(b)],
            };
            if start {
                self.matches_at(text, p, limit, &mut f);
            }
            prev_letter = letter;
        }
    }

    /// The keywords starting at `p` (a word start, or one of `other_firsts`) and ending at
    /// or before `limit`.
    #[inline]
    fn matches_at(
        &self,
        text: &[u8],
        p: usize,
        limit: usize,
        f: &mut impl FnMut(usize, usize, usize),
    ) {
        let class =
            |q: usize| usize::from(BYTE_CLASS[usize::from(text.get(q).copied().unwrap_or(0))]);
        let head = (class(p) << (2 * CLASS_BITS)) | (class(p + 1) << CLASS_BITS) | class(p + 2);
        let bits = self.heads[head / 64];
        let bit = head % 64;
        if bits >> bit & 1 != 0 {
            let bucket =
                self.rank[head / 64] as usize + (bits & ((1u64 << bit) - 1)).count_ones() as usize;
            self.bucket_matches(text, p, bucket, limit, f);
        }
    }

    /// The keywords of `bucket` that start at `p` and end at or before `limit`. Each is first
    /// compared eight bytes at once (letters folded to lower case).
    fn bucket_matches(
        &self,
        text: &[u8],
        p: usize,
        bucket: usize,
        limit: usize,
        f: &mut impl FnMut(usize, usize, usize),
    ) {
        let words = &self.bucket_words
            [self.bucket_starts[bucket] as usize..self.bucket_starts[bucket + 1] as usize];
        let head = (p + 8 <= text.len()).then(|| swar::load8(text, p));
        for &w in words {
            let w = w as usize;
            let kw = &self.words[w];
            let e = p + kw.len();
            if e > limit {
                continue;
            }
            let found = match head {
                Some(x) => {
                    let pre = &self.prefixes[w];
                    (x | pre.fold) & pre.lanes == pre.bytes
                        && (kw.len() <= 8 || text[p + 8..e].eq_ignore_ascii_case(&kw[8..]))
                }
                None => text[p..e].eq_ignore_ascii_case(kw),
            };
            if found {
                f(p, e, w);
            }
        }
    }

    /// The longest window of `classes`.
    fn window_of(&self, classes: u32) -> usize {
        let mut bits = classes;
        let mut window = 0;
        while bits != 0 {
            window = window.max(self.windows[bits.trailing_zeros() as usize]);
            bits &= bits - 1;
        }
        window
    }

    /// The classes `pattern` is a keyword of whose window reaches `distance` bytes back.
    fn positive_within(&self, pattern: usize, distance: usize) -> u32 {
        let mut bits = self.meta[pattern].positive;
        let mut within = 0;
        while bits != 0 {
            let i = bits.trailing_zeros() as usize;
            bits &= bits - 1;
            if distance <= self.windows[i] {
                within |= 1 << i;
            }
        }
        within
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
                // The keyword lies within the window, so its end is within 257 bytes of
                // the base.
                let slot = (end + 1 - ctx.base) as u16;
                if distance <= self.windows[i] && slots[i] < slot {
                    slots[i] = slot;
                }
            }
        }
    }
}

/// Keyword matches kept while a scan moves forward through one text: each position is
/// looked at once at most (those far behind the next value are skipped), so context costs
/// the same whether values are rare or on every line. Keywords starting with a letter and
/// the others are followed apart: the others matter to few classes, and are looked for only
/// when a value of one of them is.
pub(crate) struct KeywordStream {
    /// `[words, others]`.
    lanes: [Lane; 2],
}

#[derive(Default)]
struct Lane {
    /// Positions before this one have been looked at (or lie behind every window).
    scanned: usize,
    /// (start, end, pattern) of the matches that may still be in some class's window, in
    /// order of their start.
    recent: VecDeque<(usize, usize, usize)>,
}

impl Lane {
    fn advance(
        &mut self,
        index: &KeywordIndex,
        text: &[u8],
        start: usize,
        horizon: usize,
        which: Starts,
    ) {
        if start > self.scanned {
            let from = self.scanned.max(horizon);
            let recent = &mut self.recent;
            // Matches may end past `start`: they are kept for the values after it.
            index.each_match(text, from..start, text.len(), which, |s, e, pattern| {
                recent.push_back((s, e, pattern));
            });
            self.scanned = start;
        }
        while self.recent.front().is_some_and(|&(s, _, _)| s < horizon) {
            self.recent.pop_front();
        }
    }
}

impl KeywordStream {
    pub(crate) fn new() -> Self {
        KeywordStream {
            lanes: [Lane::default(), Lane::default()],
        }
    }

    /// Look at the positions before `start` not looked at yet, for the keywords that bear
    /// on `classes` (bit `Class::index`), and forget the matches no window reaches any
    /// more. Returns the horizon (the earliest start a window reaches) and the lanes to read.
    fn advance(
        &mut self,
        index: &KeywordIndex,
        text: &[u8],
        start: usize,
        classes: u32,
    ) -> (usize, &[Lane]) {
        let horizon = start.saturating_sub(index.max_window);
        self.lanes[0].advance(index, text, start, horizon, Starts::Words);
        let lanes = if classes & index.other_classes == 0 {
            1
        } else {
            self.lanes[1].advance(index, text, start, horizon, Starts::Others);
            2
        };
        (horizon, &self.lanes[..lanes])
    }

    /// The classes (bit `Class::index`) among `classes` with one of their own keywords
    /// within their window before `start`: those for which [`WordContext::get`] has a
    /// keyword. Cheaper than the whole context, and enough for values that count only with
    /// a keyword.
    pub(crate) fn positive_classes(
        &mut self,
        index: &KeywordIndex,
        text: &[u8],
        start: usize,
        classes: u32,
    ) -> u32 {
        // The classes' own windows are often shorter than the longest: when all of theirs
        // lies past what the stream has looked at, read just that, and leave the stream as
        // it is (nothing is skipped for later values).
        let window = index.window_of(classes);
        let from = start.saturating_sub(window);
        if classes & index.other_classes == 0 && from >= self.lanes[0].scanned {
            let mut found = 0;
            index.each_match(text, from..start, start, Starts::Words, |s, _, pattern| {
                found |= index.positive_within(pattern, start - s) & classes;
            });
            return found;
        }
        let (horizon, lanes) = self.advance(index, text, start, classes);
        let mut found = 0;
        for &(s, e, pattern) in lanes.iter().flat_map(|l| &l.recent) {
            if e <= start && s >= horizon {
                let mut bits = index.meta[pattern].positive & classes & !found;
                while bits != 0 {
                    let i = bits.trailing_zeros() as usize;
                    bits &= bits - 1;
                    if start - s <= index.windows[i] {
                        found |= 1 << i;
                    }
                }
            }
        }
        found
    }

    /// The keywords before `start` that bear on `classes`; calls should come with
    /// non-decreasing `start`.
    pub(crate) fn before(
        &mut self,
        index: &KeywordIndex,
        text: &[u8],
        start: usize,
        classes: u32,
    ) -> WordContext {
        let (horizon, lanes) = self.advance(index, text, start, classes);
        let mut ctx = WordContext::empty(horizon);
        for &(s, e, pattern) in lanes.iter().flat_map(|l| &l.recent) {
            if e <= start && s >= horizon {
                index.record(&mut ctx, pattern, start - s, e);
            }
        }
        ctx.cut_negatives_at_field(text, start, index.max_window);
        ctx
    }
}
