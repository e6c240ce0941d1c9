//! The scanner: one pass over the bytes that stops only at words holding a digit (found
//! eight bytes at a time), tries the shapes that can start there, validates each with its
//! checksum, scores it from the keywords before it, and keeps the best; plus a memchr pass
//! over `@` for email addresses. No regex, no allocation per byte.

use serde_json::{Map, Value};
use steward_core::Confidence;

use crate::checksum::{self, CardIssuer};
use crate::class::Class;
use crate::context::{Context, KeywordIndex, KeywordStream, WordContext};
use crate::mask::mask;
use crate::rules::{RuleLoadError, RuleSet};
use crate::swar;

/// One sensitive value found in a byte stream.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    pub class: Class,
    /// Byte range of the value in the scanned bytes.
    pub start: usize,
    pub end: usize,
    /// 0-100: the class's base score, raised or lowered by the keywords before the value.
    pub score: u8,
    pub confidence: Confidence,
    /// The value as it may be shown (see [`crate::mask`]).
    pub masked: String,
    /// Class-specific detail; [`Hit::properties`] gives it as JSON.
    pub detail: Detail,
}

/// What a hit's class adds about the value. Plain data, so finding a value allocates
/// nothing but its mask.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Detail {
    None,
    Card {
        issuer: CardIssuer,
        /// A published test number (4111 1111 1111 1111, ...): reported at low confidence.
        test_card: bool,
    },
    Iban {
        country: [u8; 2],
    },
    Ip {
        /// `public`, `private`, `loopback`, `link-local`, `shared`, `documentation`,
        /// `unspecified` or `multicast-or-reserved`.
        scope: &'static str,
        /// Everything but public and documentation addresses.
        private: bool,
    },
    Phone {
        /// `e164` or `national`.
        format: &'static str,
    },
}

impl Hit {
    /// The detail as finding properties: `issuer` and `test_card` for cards, `country` for
    /// IBANs, `scope` and `private` for IP addresses, `format` for phones.
    pub fn properties(&self) -> Map<String, Value> {
        let mut m = Map::new();
        match self.detail {
            Detail::None => {}
            Detail::Card { issuer, test_card } => {
                m.insert("issuer".into(), issuer.name().into());
                if test_card {
                    m.insert("test_card".into(), true.into());
                }
            }
            Detail::Iban { country } => {
                m.insert(
                    "country".into(),
                    String::from_utf8_lossy(&country).into_owned().into(),
                );
            }
            Detail::Ip { scope, private } => {
                m.insert("scope".into(), scope.into());
                m.insert("private".into(), private.into());
            }
            Detail::Phone { format } => {
                m.insert("format".into(), format.into());
            }
        }
        m
    }
}

/// Scores at or above this are high confidence; at or above [`MEDIUM`] medium.
pub const HIGH: i32 = 75;
pub const MEDIUM: i32 = 50;

/// Score ceiling for published test card numbers and documentation IP addresses: they
/// are reported, as low confidence.
const TEST_CARD_SCORE: i32 = 35;

fn confidence_of(score: i32) -> Confidence {
    if score >= HIGH {
        Confidence::High
    } else if score >= MEDIUM {
        Confidence::Medium
    } else {
        Confidence::Low
    }
}

#[inline]
fn is_digit(b: u8) -> bool {
    b.is_ascii_digit()
}

#[inline]
fn is_alnum(b: u8) -> bool {
    b.is_ascii_alphanumeric()
}

/// Which of the 64 bytes from `base` are digits, and which are letters or digits: bit `k`
/// for byte `base + k` (bytes past the end of the text are neither). A block without a
/// digit is `(0, 0)`: its letters are never needed.
fn block(text: &[u8], base: usize) -> (u64, u64) {
    let mut padded = [0u8; 64];
    let bytes: &[u8] = match text.get(base..base + 64) {
        Some(b) => b,
        None => {
            let rest = &text[base..];
            padded[..rest.len()].copy_from_slice(rest);
            &padded
        }
    };
    let mut digits = 0;
    for q in 0..8 {
        digits |= swar::lane_bits(swar::digits(swar::load8(bytes, 8 * q))) << (8 * q);
    }
    if digits == 0 {
        return (0, 0);
    }
    let mut letters = 0;
    for q in 0..8 {
        letters |= swar::lane_bits(swar::letters(swar::load8(bytes, 8 * q))) << (8 * q);
    }
    (digits, digits | letters)
}

/// Bits `0..n` set.
#[inline]
fn low_bits(n: usize) -> u64 {
    if n >= 64 { u64::MAX } else { (1 << n) - 1 }
}

/// The end of the word (run of ASCII letters and digits) that goes on at `from`, and the
/// end of its run of digits from `from`: the first index at or after `from` holding no
/// letter or digit, and the first holding no digit.
fn word_end(text: &[u8], from: usize) -> (usize, usize) {
    let mut i = from;
    let mut digits_end = None;
    while i + 8 <= text.len() {
        let x = swar::load8(text, i);
        let digits = swar::digits(x);
        if digits_end.is_none() && digits != swar::HIGHS {
            digits_end = Some(i + swar::first_lane(!digits & swar::HIGHS));
        }
        let other = !(digits | swar::letters(x)) & swar::HIGHS;
        if other != 0 {
            let end = i + swar::first_lane(other);
            return (end, digits_end.map_or(end, |d| d.min(end)));
        }
        i += 8;
    }
    while i < text.len() && is_alnum(text[i]) {
        if digits_end.is_none() && !is_digit(text[i]) {
            digits_end = Some(i);
        }
        i += 1;
    }
    (i, digits_end.unwrap_or(i))
}

/// Whether a value may start at `s`: not glued to a longer token on its left (a letter,
/// digit, `_`, `@`, or `-`/`.` right after one).
fn left_ok(text: &[u8], s: usize) -> bool {
    if s == 0 {
        return true;
    }
    let p = text[s - 1];
    if is_alnum(p) || p == b'_' || p == b'@' {
        return false;
    }
    if (p == b'-' || p == b'.') && s >= 2 && is_alnum(text[s - 2]) {
        return false;
    }
    true
}

/// Whether a value may end at `e` (same rule as `left_ok`, mirrored).
fn right_ok(text: &[u8], e: usize) -> bool {
    let Some(&n) = text.get(e) else {
        return true;
    };
    if is_alnum(n) || n == b'_' || n == b'@' {
        return false;
    }
    if (n == b'-' || n == b'.') && text.get(e + 1).is_some_and(|&b| is_alnum(b)) {
        return false;
    }
    true
}

/// A fixed-format identifier: `D` a digit, `L` a letter, `X` a letter or digit, `C` a
/// Finnish century sign; anything else is itself.
struct Shape {
    class: Class,
    pattern: &'static [u8],
    /// Score added to the class's base for this form (formatted forms are surer).
    bonus: i32,
    /// Whether this form counts only with a keyword before it (bare digit runs).
    needs_context: bool,
}

const fn shape(class: Class, pattern: &'static [u8], bonus: i32, needs_context: bool) -> Shape {
    Shape {
        class,
        pattern,
        bonus,
        needs_context,
    }
}

const SHAPES: &[Shape] = &[
    shape(Class::UsSsn, b"DDD-DD-DDDD", 0, false),
    shape(Class::UsSsn, b"DDD DD DDDD", -10, false),
    shape(Class::UsSsn, b"DDDDDDDDD", 0, true),
    shape(Class::ArCuit, b"DD-DDDDDDDD-D", 0, false),
    shape(Class::ArCuit, b"DDDDDDDDDDD", 0, true),
    shape(Class::ArDni, b"DD.DDD.DDD", 5, true),
    shape(Class::ArDni, b"D.DDD.DDD", 5, true),
    shape(Class::ArDni, b"DDDDDDDD", 0, true),
    shape(Class::ArDni, b"DDDDDDD", 0, true),
    shape(Class::EsDni, b"DDDDDDDDL", 0, false),
    shape(Class::EsDni, b"DDDDDDDD-L", 0, false),
    shape(Class::EsNie, b"LDDDDDDDL", 0, false),
    shape(Class::EsNie, b"L-DDDDDDD-L", 0, false),
    shape(Class::SgNric, b"LDDDDDDDL", 0, false),
    shape(Class::ItCodiceFiscale, b"LLLLLLXXLXXLXXXL", 0, false),
    shape(Class::NlBsn, b"DDDDDDDDD", 0, true),
    shape(Class::NlBsn, b"DDDD.DD.DDD", 0, true),
    shape(Class::BeNationalNumber, b"DD.DD.DD-DDD.DD", 0, false),
    shape(Class::BeNationalNumber, b"DDDDDD-DDD-DD", 0, false),
    shape(Class::BeNationalNumber, b"DDDDDDDDDDD", 0, true),
    shape(Class::PlPesel, b"DDDDDDDDDDD", 0, true),
    shape(Class::SePersonnummer, b"DDDDDD-DDDD", 0, false),
    shape(Class::SePersonnummer, b"DDDDDD+DDDD", 0, false),
    shape(Class::SePersonnummer, b"DDDDDDDD-DDDD", 5, false),
    shape(Class::SePersonnummer, b"DDDDDDDDDD", 0, true),
    shape(Class::SePersonnummer, b"DDDDDDDDDDDD", 0, true),
    shape(Class::FiHetu, b"DDDDDDCDDDX", 0, false),
    shape(Class::UkNhsNumber, b"DDD DDD DDDD", 0, true),
    shape(Class::UkNhsNumber, b"DDD-DDD-DDDD", 0, true),
    shape(Class::UkNhsNumber, b"DDDDDDDDDD", 0, true),
    shape(Class::UsMbi, b"DLXDLXDLLDD", 0, false),
    shape(Class::UsMbi, b"DLXD-LXD-LLDD", 5, false),
    shape(Class::DateOfBirth, b"DDDD-DD-DD", 0, true),
    shape(Class::DateOfBirth, b"DDDD/DD/DD", 0, true),
    shape(Class::DateOfBirth, b"DD/DD/DDDD", 0, true),
    shape(Class::DateOfBirth, b"D/DD/DDDD", 0, true),
    shape(Class::DateOfBirth, b"DD/D/DDDD", 0, true),
    shape(Class::DateOfBirth, b"D/D/DDDD", 0, true),
    shape(Class::DateOfBirth, b"DD-DD-DDDD", 0, true),
    shape(Class::DateOfBirth, b"DD.DD.DDDD", 0, true),
    shape(Class::DateOfBirth, b"D.DD.DDDD", 0, true),
    shape(Class::DateOfBirth, b"DD.D.DDDD", 0, true),
];

fn leading_digits(p: &[u8]) -> usize {
    p.iter().take_while(|&&b| b == b'D').count()
}

/// Longest shape, plus one: lengths of leading digits and first runs are below it.
const HEAD_SPAN: usize = 17;

/// Classes of the byte after a word, for the shape index: the separators shapes use, and
/// everything else.
const SEPARATORS: &[u8] = b"-./ +";

const SEPARATOR_CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut k = 0;
    while k < SEPARATORS.len() {
        t[SEPARATORS[k] as usize] = k as u8 + 1;
        k += 1;
    }
    t
};

fn separator_class(b: Option<u8>) -> usize {
    b.map_or(0, |b| usize::from(SEPARATOR_CLASS[usize::from(b)]))
}

/// The shape index's slot for a value starting with `lead` digits, whose first run of
/// letters and digits is `seg` long and followed by `next` (`lead <= seg < HEAD_SPAN`).
fn shape_slot(lead: usize, seg: usize, next: Option<u8>) -> usize {
    (lead * HEAD_SPAN + seg) * (SEPARATORS.len() + 1) + separator_class(next)
}

/// Where the first run of letters and digits of a text matching `p` can end, and the byte
/// that then follows (`None`: the pattern ends there, and any byte that ends a word may
/// follow). The run ends at the first separator, or where a Finnish century sign (`C`, a
/// letter or `+`/`-`) is `+` or `-`.
fn first_runs(p: &[u8]) -> Vec<(usize, Option<u8>)> {
    let mut runs = Vec::new();
    for (k, &b) in p.iter().enumerate() {
        match b {
            b'D' | b'L' | b'X' => {}
            b'C' => runs.extend([(k, Some(b'+')), (k, Some(b'-'))]),
            lit if is_alnum(lit) => {}
            lit => {
                runs.push((k, Some(lit)));
                return runs;
            }
        }
    }
    runs.push((p.len(), None));
    runs
}

/// Whether byte `h` fits pattern byte `p`.
#[inline]
fn fits(p: u8, h: u8) -> bool {
    match p {
        b'D' => is_digit(h),
        b'L' => h.is_ascii_alphabetic(),
        b'X' => is_alnum(h),
        b'C' => b"+-ABCDEFUVWXY".contains(&h.to_ascii_uppercase()),
        lit => h == lit,
    }
}

/// The 16 bytes at a value's start (zeros past the end of the text) and which of them are
/// digits and letters, for testing shapes a whole pattern at a time.
struct Window {
    bytes: u128,
    digits: u128,
    letters: u128,
}

impl Window {
    fn at(text: &[u8], s: usize) -> Window {
        let (lo, hi) = if s + 16 <= text.len() {
            (swar::load8(text, s), swar::load8(text, s + 8))
        } else {
            let mut buf = [0u8; 16];
            let n = text.len() - s;
            buf[..n].copy_from_slice(&text[s..]);
            (swar::load8(&buf, 0), swar::load8(&buf, 8))
        };
        let wide = |f: fn(u64) -> u64| u128::from(f(lo)) | u128::from(f(hi)) << 64;
        Window {
            bytes: u128::from(lo) | u128::from(hi) << 64,
            digits: wide(swar::digits),
            letters: wide(swar::letters),
        }
    }
}

/// A shape as masks over a [`Window`]: the high bit of each lane that must be a digit, a
/// letter, or either, and the whole lanes that must equal a literal. A Finnish century
/// sign is checked on its own.
#[derive(Debug, Clone, Copy, Default)]
struct ShapeMask {
    digits: u128,
    letters: u128,
    alnum: u128,
    literal_lanes: u128,
    literal: u128,
    century: Option<usize>,
}

impl ShapeMask {
    fn of(pattern: &[u8]) -> ShapeMask {
        let mut m = ShapeMask::default();
        for (k, &p) in pattern.iter().enumerate() {
            let high = 0x80u128 << (8 * k);
            match p {
                b'D' => m.digits |= high,
                b'L' => m.letters |= high,
                b'X' => m.alnum |= high,
                b'C' => m.century = Some(k),
                lit => {
                    m.literal_lanes |= 0xFFu128 << (8 * k);
                    m.literal |= u128::from(lit) << (8 * k);
                }
            }
        }
        m
    }

    #[inline]
    fn fits(&self, w: &Window) -> bool {
        w.digits & self.digits == self.digits
            && w.letters & self.letters == self.letters
            && (w.digits | w.letters) & self.alnum == self.alnum
            && w.bytes & self.literal_lanes == self.literal
            && self
                .century
                .is_none_or(|k| fits(b'C', (w.bytes >> (8 * k)) as u8))
    }
}

/// The significant characters of `raw` (letters upper-cased, separators dropped), in a
/// fixed buffer; `keep` also keeps those bytes (the HETU century sign).
fn compact<'b>(raw: &[u8], keep: &[u8], buf: &'b mut [u8; 40]) -> &'b [u8] {
    let mut n = 0;
    for &b in raw {
        if n == buf.len() {
            break;
        }
        if is_alnum(b) || keep.contains(&b) {
            buf[n] = b.to_ascii_uppercase();
            n += 1;
        }
    }
    &buf[..n]
}

fn validate_shape(class: Class, raw: &[u8]) -> bool {
    let mut buf = [0u8; 40];
    let v = compact(
        raw,
        if class == Class::FiHetu { b"+-" } else { b"" },
        &mut buf,
    );
    match class {
        Class::UsSsn => checksum::us_ssn(v),
        Class::ArCuit => checksum::ar_cuit(v),
        // DNI numbers run from about 1 million to 99 million.
        Class::ArDni => v.first().is_some_and(|&b| b != b'0'),
        Class::EsDni => checksum::es_dni(v),
        Class::EsNie => checksum::es_nie(v),
        Class::SgNric => checksum::sg_nric(v),
        Class::ItCodiceFiscale => checksum::it_codice_fiscale(v),
        Class::NlBsn => checksum::nl_bsn(v),
        Class::BeNationalNumber => checksum::be_national_number(v),
        Class::PlPesel => checksum::pl_pesel(v),
        Class::SePersonnummer => checksum::se_personnummer(v),
        Class::FiHetu => checksum::fi_hetu(v),
        Class::UkNhsNumber => checksum::uk_nhs(v),
        Class::UsMbi => checksum::us_mbi(v),
        Class::DateOfBirth => date_ok(raw),
        _ => false,
    }
}

/// A date in year-month-day, day-month-year or month-day-year order.
fn date_ok(raw: &[u8]) -> bool {
    let mut parts = [0u32; 3];
    let mut lens = [0usize; 3];
    let mut k = 0;
    for &b in raw {
        if is_digit(b) {
            parts[k] = parts[k] * 10 + u32::from(b - b'0');
            lens[k] += 1;
        } else {
            k += 1;
            if k == 3 {
                return false;
            }
        }
    }
    if lens[0] == 4 {
        return checksum::birth_date(parts[0], parts[1], parts[2]);
    }
    let year = parts[2];
    checksum::birth_date(year, parts[1], parts[0]) || checksum::birth_date(year, parts[0], parts[1])
}

/// A candidate value before it is scored.
struct Candidate {
    class: Class,
    start: usize,
    end: usize,
    bonus: i32,
    needs_context: bool,
    detail: Detail,
}

impl Candidate {
    fn new(class: Class, start: usize, end: usize, bonus: i32, needs_context: bool) -> Self {
        Candidate {
            class,
            start,
            end,
            bonus,
            needs_context,
            detail: Detail::None,
        }
    }
}

/// Finds sensitive values in bytes. Build once ([`Classifier::builtin`]) and share: it is
/// `Sync` and holds no per-scan state.
pub struct Classifier {
    rules: RuleSet,
    keywords: KeywordIndex,
    enabled: [bool; Class::ALL.len()],
    /// Indexes into `SHAPES` by `shape_slot`: the number of digits a shape starts with,
    /// the length of its first run of letters and digits, and the separator after it. A
    /// value's first run is a whole word, so a word's length and the byte after it rule out
    /// all but a shape or two. Slot `k`'s shapes are `shape_ids[shape_slots[k]..shape_slots[k + 1]]`.
    shape_slots: Vec<u16>,
    shape_ids: Vec<u8>,
    /// `SHAPES` as masks, in the same order.
    shape_masks: Vec<ShapeMask>,
    /// Per slot: the classes of its shapes when every one of them counts only with a
    /// keyword (bare digit runs), else 0.
    slot_context_classes: Vec<u32>,
}

impl std::fmt::Debug for Classifier {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Classifier")
            .field("enabled", &self.enabled)
            .finish_non_exhaustive()
    }
}

impl Classifier {
    pub fn new(rules: RuleSet) -> Result<Self, RuleLoadError> {
        let keywords =
            KeywordIndex::build(&rules).map_err(|message| RuleLoadError::Keywords { message })?;
        let slots = HEAD_SPAN * HEAD_SPAN * (SEPARATORS.len() + 1);
        let mut by_slot: Vec<Vec<u8>> = vec![Vec::new(); slots];
        for (i, sh) in SHAPES.iter().enumerate() {
            let lead = leading_digits(sh.pattern);
            for (seg, next) in first_runs(sh.pattern) {
                if seg >= HEAD_SPAN {
                    continue;
                }
                match next {
                    Some(b) => by_slot[shape_slot(lead, seg, Some(b))].push(i as u8),
                    // Any byte that ends a word may follow: every class.
                    None => {
                        for b in std::iter::once(b'\n').chain(SEPARATORS.iter().copied()) {
                            by_slot[shape_slot(lead, seg, Some(b))].push(i as u8);
                        }
                    }
                }
            }
        }
        let slot_context_classes = by_slot
            .iter()
            .map(|ids| {
                let shapes = || ids.iter().map(|&i| &SHAPES[usize::from(i)]);
                let all_need = shapes().all(|sh| sh.needs_context || rules.get(sh.class).required);
                if all_need {
                    shapes().fold(0u32, |m, sh| m | 1 << sh.class.index())
                } else {
                    0
                }
            })
            .collect();
        let mut shape_slots = Vec::with_capacity(slots + 1);
        let mut shape_ids = Vec::new();
        for ids in by_slot {
            shape_slots.push(shape_ids.len() as u16);
            shape_ids.extend(ids);
        }
        shape_slots.push(shape_ids.len() as u16);
        Ok(Classifier {
            rules,
            keywords,
            enabled: [true; Class::ALL.len()],
            shape_slots,
            shape_ids,
            shape_masks: SHAPES.iter().map(|sh| ShapeMask::of(sh.pattern)).collect(),
            slot_context_classes,
        })
    }

    /// The classifier with the built-in rules.
    pub fn builtin() -> Result<Self, RuleLoadError> {
        Classifier::new(RuleSet::builtin()?)
    }

    /// Only report `classes` (all by default).
    pub fn with_classes(mut self, classes: &[Class]) -> Self {
        self.enabled = [false; Class::ALL.len()];
        for c in classes {
            self.enabled[c.index()] = true;
        }
        self
    }

    pub fn rules(&self) -> &RuleSet {
        &self.rules
    }

    /// Every sensitive value in `text`, in order, not overlapping.
    pub fn classify(&self, text: &[u8]) -> Vec<Hit> {
        let mut hits = Vec::new();
        let mut cands = Vec::new();
        let mut keywords = KeywordStream::new();
        // Blocks of 64 bytes as bit masks of digits and of letters-or-digits: each word
        // holding a digit is found, with its start, end and leading digits, by a few bit
        // operations. `floor` is where the last value tried ended: a word starts no earlier.
        let mut base = 0;
        let mut floor: usize = 0;
        while base < text.len() {
            let (digits, alnum) = block(text, base);
            let mut next = base + 64;
            let mut pending = digits;
            while pending != 0 {
                let k = pending.trailing_zeros() as usize;
                let d = base + k;
                let lim = floor.saturating_sub(base);
                let before = !alnum & low_bits(k) & !low_bits(lim);
                let s = if before != 0 {
                    base + 64 - before.leading_zeros() as usize
                } else {
                    // The word began at the floor, or in an earlier block.
                    let mut s = base + lim;
                    while s > floor && is_alnum(text[s - 1]) {
                        s -= 1;
                    }
                    s
                };
                let rest = !alnum >> k;
                let non_digit = !digits >> k;
                let (e, digits_end) = if rest != 0 {
                    (
                        d + rest.trailing_zeros() as usize,
                        d + non_digit.trailing_zeros() as usize,
                    )
                } else {
                    // The word goes on past the block.
                    let (e, digits_end) = word_end(text, base + 64);
                    let digits_end = match non_digit {
                        0 => digits_end,
                        n => d + n.trailing_zeros() as usize,
                    };
                    (e, digits_end)
                };
                // Digits the word starts with: none when it starts with a letter.
                let lead = if s == d { digits_end - s } else { 0 };
                // The next word is found from this one's end alone (a hit rarely reaches
                // further), so finding it need not wait for this word's detectors.
                floor = e;
                pending &= !low_bits(e - base);
                if let Some(hit) = self.at_word(text, s, e, lead, &mut cands, &mut keywords) {
                    if hit.end > e {
                        floor = hit.end;
                        pending &= !low_bits(floor - base);
                    }
                    hits.push(hit);
                }
                if floor >= base + 64 {
                    next = floor;
                    break;
                }
            }
            base = next;
        }
        if self.enabled[Class::Email.index()] {
            let digit_hits = hits.len();
            for at in memchr::memchr_iter(b'@', text) {
                if let Some(hit) = self.email_at(text, at) {
                    hits.push(hit);
                }
            }
            if hits.len() > digit_hits {
                hits.sort_by_key(|h| (h.start, std::cmp::Reverse(h.end)));
                let mut kept: Vec<Hit> = Vec::with_capacity(hits.len());
                for h in hits {
                    if kept.last().is_none_or(|k| h.start >= k.end) {
                        kept.push(h);
                    }
                }
                hits = kept;
            }
        }
        hits
    }

    /// The best value starting at the word `s..e` (which holds a digit and starts with
    /// `lead` digits), if any. Each detector is tried only where the word's length and the
    /// bytes around it let it match (a card's length or grouping, an address's dot, a
    /// phone's separator), so the usual number costs a few comparisons.
    fn at_word(
        &self,
        text: &[u8],
        s: usize,
        e: usize,
        lead: usize,
        cands: &mut Vec<Candidate>,
        keywords: &mut KeywordStream,
    ) -> Option<Hit> {
        cands.clear();
        let len = e - s;
        let all_digits = lead == len;
        let prev = if s > 0 { text[s - 1] } else { 0 };
        let after = text.get(e).copied().unwrap_or(0);
        // A phone's groups are digits only, at most twelve each.
        let phone_group = all_digits && len <= 12;
        if phone_group && (prev == b'+' || prev == b'(') && left_ok(text, s - 1) {
            self.phone(text, s - 1, cands);
        }
        if left_ok(text, s) {
            if all_digits {
                if (13..=19).contains(&len) || (len == 4 && matches!(after, b' ' | b'-')) {
                    self.card(text, s, e, cands);
                }
                // Both need more digits after the separator.
                let more = next_is_digit(text, e + 1);
                if len <= 3 && after == b'.' && more {
                    self.ipv4(text, s, cands);
                }
                // A national number has a second group after a separator.
                if phone_group
                    && prev != b'+'
                    && prev != b'('
                    && matches!(after, b' ' | b'-' | b'.')
                    && (more || text.get(e + 1) == Some(&b'('))
                {
                    self.phone(text, s, cands);
                }
            } else if lead == 0 {
                self.iban(text, s, cands);
            }
            // A bare run of digits (an id, an amount) can only be a value that counts with a
            // keyword: ask the keyword stream first, and check no checksum for classes with
            // none. Only when every candidate would start at `s`, where the context is taken.
            let mut skip = 0;
            if all_digits
                && (6..=12).contains(&len)
                && cands.is_empty()
                && separator_class(Some(after)) == 0
                && !(s >= 2 && &text[s - 2..s] == b"::")
            {
                let classes = self.slot_context_classes[shape_slot(len, len, Some(after))]
                    | 1 << Class::MedicalRecordNumber.index();
                skip = classes & !keywords.positive_classes(&self.keywords, text, s, classes);
            }
            self.shapes(text, s, lead, len, skip, cands);
            if (6..=12).contains(&len) && skip >> Class::MedicalRecordNumber.index() & 1 == 0 {
                self.medical_record(text, s, e, cands);
            }
        } else if prev == b'-'
            && s >= 2
            && text[s - 2].is_ascii_alphabetic()
            && left_ok(text, s - 2)
        {
            // A one-letter prefix and a dash (`Z-6195046-R`): the word found was the digits.
            self.shapes(text, s - 2, 0, 1, 0, cands);
        }
        // An IPv6 address's first group ends at a `:`, or the address starts with `::`.
        if after == b':' || (s >= 2 && &text[s - 2..s] == b"::") {
            self.ipv6(text, s, cands);
        }

        let first = cands.iter().map(|c| c.start).min()?;
        let classes = cands.iter().fold(0u32, |m, c| m | 1 << c.class.index());
        // Most words' candidates count only with a keyword (bare digit runs, dates): when
        // none of their classes has one, the whole context is not needed.
        if cands.iter().all(|c| {
            !self.enabled[c.class.index()] || c.needs_context || self.rules.get(c.class).required
        }) && keywords.positive_classes(&self.keywords, text, first, classes) == 0
        {
            return None;
        }
        let ctx = keywords.before(&self.keywords, text, first, classes);
        let mut best: Option<(i32, Candidate)> = None;
        for c in cands.drain(..) {
            if !self.enabled[c.class.index()] {
                continue;
            }
            let Some(score) = self.score(&c, &ctx) else {
                continue;
            };
            if best.as_ref().is_none_or(|(b, _)| score > *b) {
                best = Some((score, c));
            }
        }
        let (score, c) = best?;
        let raw = String::from_utf8_lossy(&text[c.start..c.end]);
        Some(Hit {
            class: c.class,
            start: c.start,
            end: c.end,
            score: score.clamp(0, 100) as u8,
            confidence: confidence_of(score),
            masked: mask(c.class, &raw),
            detail: c.detail,
        })
    }

    /// Every fixed-format shape that starts with `lead` digits and a first run of `seg`
    /// letters and digits, and matches at `s`.
    /// `skip`: classes known to have no keyword before the value, whose shapes that count
    /// only with one are not tried.
    fn shapes(
        &self,
        text: &[u8],
        s: usize,
        lead: usize,
        seg: usize,
        skip: u32,
        out: &mut Vec<Candidate>,
    ) {
        if seg >= HEAD_SPAN {
            return;
        }
        let slot = shape_slot(lead, seg, text.get(s + seg).copied());
        let ids = &self.shape_ids
            [usize::from(self.shape_slots[slot])..usize::from(self.shape_slots[slot + 1])];
        if ids.is_empty() {
            return;
        }
        let window = Window::at(text, s);
        for &i in ids {
            let sh = &SHAPES[usize::from(i)];
            if !self.enabled[sh.class.index()]
                || skip >> sh.class.index() & 1 == 1
                    && (sh.needs_context || self.rules.get(sh.class).required)
                || !self.shape_masks[usize::from(i)].fits(&window)
            {
                continue;
            }
            let end = s + sh.pattern.len();
            if right_ok(text, end) && validate_shape(sh.class, &text[s..end]) {
                out.push(Candidate::new(sh.class, s, end, sh.bonus, sh.needs_context));
            }
        }
    }

    /// The candidate's score after context, or `None` when it does not count.
    fn score(&self, c: &Candidate, ctx: &WordContext) -> Option<i32> {
        let rule = self.rules.get(c.class);
        let ctx = ctx.get(c.class);
        if (rule.required || c.needs_context) && !ctx.has_keyword() {
            return None;
        }
        let mut score = rule.score + c.bonus;
        match ctx {
            Context::Positive => score += self.rules.boost,
            Context::Negative | Context::PositiveThenNegative => score -= self.rules.penalty,
            Context::None => {}
        }
        // Test cards and documentation addresses (RFC 5737, 3849) are examples, not data.
        if let Detail::Card {
            test_card: true, ..
        }
        | Detail::Ip {
            scope: "documentation",
            ..
        } = c.detail
        {
            score = score.min(TEST_CARD_SCORE);
        }
        (score >= self.rules.min_score).then_some(score)
    }

    fn card(&self, text: &[u8], s: usize, e: usize, out: &mut Vec<Candidate>) {
        let first = e - s;
        let mut digits = [0u8; 19];
        let mut n = 0;
        let end;
        let mut grouped = false;
        if (13..=19).contains(&first) {
            // A bare run; a dash straight after it glues it to more (`4111...-2`).
            if !right_ok(text, e) || text.get(e) == Some(&b'-') && next_is_digit(text, e + 1) {
                return;
            }
            for (d, &b) in digits.iter_mut().zip(&text[s..e]) {
                *d = b;
            }
            n = first;
            end = e;
        } else if first == 4 {
            // 4-4-4-4, 4-4-4-4-3, 4-6-5 (Amex) or 4-6-4 (Diners), one separator throughout.
            let Some(&sep) = text.get(e) else { return };
            if sep != b' ' && sep != b'-' {
                return;
            }
            // After a four-digit group: part of a longer run of groups.
            if s >= 5 && text[s - 1] == sep && text[s - 5..s - 1].iter().all(|&b| is_digit(b)) {
                return;
            }
            // Every layout's second group has four or six digits (`2026-01-22` has two).
            let second = text[e + 1..]
                .iter()
                .take(7)
                .take_while(|&&b| is_digit(b))
                .count();
            if second != 4 && second != 6 {
                return;
            }
            let mut lens = [0usize; 6];
            let mut groups = 0;
            let mut pos = s;
            loop {
                let len = text[pos..].iter().take_while(|&&b| is_digit(b)).count();
                if groups == lens.len() || n + len > digits.len() {
                    return;
                }
                for (d, &b) in digits[n..n + len].iter_mut().zip(&text[pos..pos + len]) {
                    *d = b;
                }
                n += len;
                lens[groups] = len;
                groups += 1;
                pos += len;
                if text.get(pos) == Some(&sep) && next_is_digit(text, pos + 1) {
                    pos += 1;
                } else {
                    break;
                }
            }
            let layout_ok = matches!(
                &lens[..groups],
                [4, 4, 4, 4] | [4, 4, 4, 4, 3] | [4, 6, 5] | [4, 6, 4]
            );
            if !layout_ok || !right_ok(text, pos) {
                return;
            }
            grouped = true;
            end = pos;
        } else {
            return;
        }
        let digits = &digits[..n];
        // Luhn first: it rules out nine numbers in ten, and costs less than the issuer ranges.
        if !checksum::luhn(digits) {
            return;
        }
        let Some(issuer) = checksum::card_issuer(digits) else {
            return;
        };
        // Grouped is how people write cards; a bare run of 17-19 digits is more often a
        // big integer (hash tables, powers) than one of the rare 19-digit cards.
        let bonus = match (grouped, n) {
            (true, _) => 10,
            (false, 17..) => -15,
            (false, _) => 0,
        };
        let mut c = Candidate::new(Class::CardNumber, s, end, bonus, false);
        c.detail = Detail::Card {
            issuer,
            test_card: checksum::is_test_card(digits),
        };
        out.push(c);
    }

    fn ipv4(&self, text: &[u8], s: usize, out: &mut Vec<Candidate>) {
        let mut octets = [0u32; 4];
        let mut pos = s;
        for (k, octet) in octets.iter_mut().enumerate() {
            let len = text[pos..].iter().take_while(|&&b| is_digit(b)).count();
            if len == 0 || len > 3 || (len > 1 && text[pos] == b'0') {
                return;
            }
            *octet = text[pos..pos + len]
                .iter()
                .fold(0, |n, &b| n * 10 + u32::from(b - b'0'));
            if *octet > 255 {
                return;
            }
            pos += len;
            if k < 3 {
                if text.get(pos) != Some(&b'.') {
                    return;
                }
                pos += 1;
            }
        }
        if !right_ok(text, pos) {
            return;
        }
        let scope = match octets {
            [10, ..] | [192, 168, ..] => "private",
            [172, b, ..] if (16..=31).contains(&b) => "private",
            [127, ..] => "loopback",
            [169, 254, ..] => "link-local",
            [100, b, ..] if (64..=127).contains(&b) => "shared",
            [0, ..] => "unspecified",
            [a, ..] if a >= 224 => "multicast-or-reserved",
            [192, 0, 2, _] | [198, 51, 100, _] | [203, 0, 113, _] => "documentation",
            _ => "public",
        };
        if matches!(scope, "loopback" | "unspecified") {
            // 127.0.0.1 and 0.0.0.0 name no host and no one.
            return;
        }
        let mut c = Candidate::new(Class::IpAddress, s, pos, 0, false);
        c.detail = Detail::Ip {
            scope,
            private: !matches!(scope, "public" | "documentation"),
        };
        out.push(c);
    }

    fn ipv6(&self, text: &[u8], s: usize, out: &mut Vec<Candidate>) {
        if !self.enabled[Class::IpAddress.index()] {
            return;
        }
        // A leading `::` belongs to the address.
        let start = if s >= 2 && &text[s - 2..s] == b"::" {
            s - 2
        } else {
            s
        };
        // Cheap exit for the usual word: an address has a `:` within its first five bytes.
        if !text[start..text.len().min(start + 6)].contains(&b':') {
            return;
        }
        if start > 0 && {
            let p = text[start - 1];
            is_alnum(p) || p == b':' || p == b'.' || p == b'_'
        } {
            return;
        }
        let len = text[start..]
            .iter()
            .take(45)
            .take_while(|&&b| b.is_ascii_hexdigit() || b == b':' || b == b'.')
            .count();
        let mut end = start + len;
        while end > start && text[end - 1] == b'.' {
            end -= 1;
        }
        let raw = &text[start..end];
        if raw.iter().filter(|&&b| b == b':').count() < 2 || !right_ok(text, end) {
            return;
        }
        let Ok(addr) = std::str::from_utf8(raw)
            .unwrap_or("")
            .parse::<std::net::Ipv6Addr>()
        else {
            return;
        };
        let seg = addr.segments();
        let scope = if addr.is_loopback() {
            "loopback"
        } else if addr.is_unspecified() {
            "unspecified"
        } else if seg[0] & 0xfe00 == 0xfc00 {
            "private"
        } else if seg[0] & 0xffc0 == 0xfe80 {
            "link-local"
        } else if seg[0] == 0x2001 && seg[1] == 0x0db8 {
            "documentation"
        } else if seg[0] & 0xff00 == 0xff00 {
            "multicast-or-reserved"
        } else {
            "public"
        };
        if matches!(scope, "loopback" | "unspecified") {
            return;
        }
        let mut c = Candidate::new(Class::IpAddress, start, end, 0, false);
        c.detail = Detail::Ip {
            scope,
            private: !matches!(scope, "public" | "documentation"),
        };
        out.push(c);
    }

    /// E.164 (`+` and 8-15 digits) stands alone; national forms (`(555) 123-4567`,
    /// `020 7946 0958`) count only after a phone keyword.
    fn phone(&self, text: &[u8], s: usize, out: &mut Vec<Candidate>) {
        let international = text[s] == b'+';
        let mut pos = if international { s + 1 } else { s };
        let mut digits = 0;
        let mut groups = 0;
        let mut first_digit = 0;
        // A later group of one digit (`192.0.2.16`, `1.2.3`) is no phone layout.
        let mut short_group = false;
        loop {
            let paren = text.get(pos) == Some(&b'(');
            if paren {
                pos += 1;
            }
            let len = text[pos..].iter().take_while(|&&b| is_digit(b)).count();
            if len == 0 || len > 12 {
                return;
            }
            if digits == 0 {
                first_digit = text[pos];
            } else if len == 1 {
                // Neither layout takes it: stop here.
                short_group = true;
                break;
            }
            digits += len;
            if digits > 15 {
                // More than either layout takes.
                return;
            }
            groups += 1;
            pos += len;
            if paren {
                if text.get(pos) != Some(&b')') {
                    return;
                }
                pos += 1;
                if text.get(pos) == Some(&b' ') && next_is_digit(text, pos + 1) {
                    pos += 1;
                }
                if next_is_digit(text, pos) {
                    continue;
                }
                break;
            }
            match text.get(pos) {
                Some(b' ' | b'-' | b'.')
                    if next_is_digit(text, pos + 1) || text.get(pos + 1) == Some(&b'(') =>
                {
                    pos += 1
                }
                _ => break,
            }
        }
        if !right_ok(text, pos) {
            return;
        }
        // `+12345678` alone is as likely a signed number or a time-zone offset: an
        // unseparated E.164 number needs ten digits or a phone keyword.
        let (ok, needs_context, format) = if international {
            (
                (8..=15).contains(&digits) && first_digit != b'0' && !short_group,
                groups == 1 && digits < 10,
                "e164",
            )
        } else {
            (
                (7..=12).contains(&digits) && groups >= 2 && !short_group,
                true,
                "national",
            )
        };
        if !ok {
            return;
        }
        let mut c = Candidate::new(Class::Phone, s, pos, 0, needs_context);
        c.detail = Detail::Phone { format };
        out.push(c);
    }

    /// An IBAN, compact or printed in groups of four.
    fn iban(&self, text: &[u8], s: usize, out: &mut Vec<Candidate>) {
        let head = &text[s..text.len().min(s + 4)];
        // Upper case only: ISO 13616 writes IBANs so, and lower-case hex ids would pass
        // one time in 97.
        if head.len() < 4
            || !head[..2].iter().all(u8::is_ascii_uppercase)
            || !head[2..].iter().all(|&b| is_digit(b))
        {
            return;
        }
        let country = [head[0].to_ascii_uppercase(), head[1].to_ascii_uppercase()];
        let Some(want) = checksum::iban_length(&country) else {
            return;
        };
        let mut buf = [0u8; 34];
        let mut n = 0;
        let mut pos = s;
        while n < want && pos < text.len() {
            let b = text[pos];
            if b.is_ascii_uppercase() || is_digit(b) {
                buf[n] = b;
                n += 1;
                pos += 1;
            } else if b == b' ' && n % 4 == 0 && text.get(pos + 1).is_some_and(|&b| is_alnum(b)) {
                pos += 1;
            } else {
                break;
            }
        }
        if n != want || !right_ok(text, pos) || !checksum::iban(&buf[..n]) {
            return;
        }
        let mut c = Candidate::new(Class::Iban, s, pos, 0, false);
        c.detail = Detail::Iban { country };
        out.push(c);
    }

    /// A record number after "MRN" or "medical record": 6-12 letters and digits, at least
    /// five of them digits. The keyword is required (the rule file says so).
    fn medical_record(&self, text: &[u8], s: usize, e: usize, out: &mut Vec<Candidate>) {
        let word = &text[s..e];
        if !(6..=12).contains(&word.len()) || word.iter().filter(|&&b| is_digit(b)).count() < 5 {
            return;
        }
        if !right_ok(text, e) {
            return;
        }
        out.push(Candidate::new(Class::MedicalRecordNumber, s, e, 0, true));
    }

    /// An email address around the `@` at `at`.
    fn email_at(&self, text: &[u8], at: usize) -> Option<Hit> {
        let local_char = |b: u8| is_alnum(b) || b"._%+-".contains(&b);
        let mut s = at;
        while s > 0 && at - s < 64 && local_char(text[s - 1]) {
            s -= 1;
        }
        // A local part longer than 64 bytes (RFC 5321) is some other token.
        let too_long = s > 0 && local_char(text[s - 1]);
        while s < at && !is_alnum(text[s]) {
            s += 1;
        }
        if too_long || s == at || text[at - 1] == b'.' || (s > 0 && text[s - 1] == b'@') {
            return None;
        }
        let mut e = at + 1;
        while e < text.len()
            && e - at < 254
            && (is_alnum(text[e]) || text[e] == b'.' || text[e] == b'-')
        {
            e += 1;
        }
        while e > at + 1 && !is_alnum(text[e - 1]) {
            e -= 1;
        }
        let domain = &text[at + 1..e];
        if text.get(e) == Some(&b'@') {
            return None;
        }
        let mut labels = 0;
        for label in domain.split(|&b| b == b'.') {
            if label.is_empty() || label[0] == b'-' || label[label.len() - 1] == b'-' {
                return None;
            }
            labels += 1;
        }
        let tld = domain.rsplit(|&b| b == b'.').next()?;
        if labels < 2 || tld.len() < 2 || !tld.iter().all(u8::is_ascii_alphabetic) {
            return None;
        }
        // `icon@2x.png` and friends are file names, not addresses.
        const FILE_EXTENSIONS: &[&[u8]] = &[
            b"png", b"jpg", b"jpeg", b"gif", b"svg", b"webp", b"js", b"css", b"ts", b"map",
            b"json", b"html", b"txt", b"md", b"py", b"rs", b"tgz", b"zip",
        ];
        if FILE_EXTENSIONS.iter().any(|x| tld.eq_ignore_ascii_case(x)) {
            return None;
        }
        // `git@github.com:org/repo` is an SSH remote.
        if &text[s..at] == b"git" && text.get(e) == Some(&b':') {
            return None;
        }
        let c = Candidate::new(Class::Email, s, e, 0, false);
        let score = self.score(&c, &self.keywords.before(text, s))?;
        let raw = String::from_utf8_lossy(&text[s..e]);
        Some(Hit {
            class: Class::Email,
            start: s,
            end: e,
            score: score.clamp(0, 100) as u8,
            confidence: confidence_of(score),
            masked: mask(Class::Email, &raw),
            detail: Detail::None,
        })
    }
}

fn next_is_digit(text: &[u8], i: usize) -> bool {
    text.get(i).is_some_and(|&b| is_digit(b))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_mark_digits_and_words_at_every_offset_and_past_the_end() {
        let text = b"ab1 c-22,x\xc3\xa97;0".repeat(9);
        for base in 0..text.len() {
            let (digits, alnum) = block(&text, base);
            let has_digit = text[base..].iter().take(64).any(u8::is_ascii_digit);
            for k in 0..64 {
                let b = text.get(base + k).copied().unwrap_or(0);
                let want_digit = b.is_ascii_digit();
                let want_alnum = has_digit && b.is_ascii_alphanumeric();
                assert_eq!(digits >> k & 1 == 1, want_digit, "digit at {base}+{k}");
                assert_eq!(alnum >> k & 1 == 1, want_alnum, "word byte at {base}+{k}");
            }
        }
    }
}
