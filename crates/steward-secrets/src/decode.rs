//! Secrets written in an encoding that hides them from every pattern: JSON string escapes
//! (`{\"password\": \"…\"}`, `https:\/\/hooks.slack.com\/…`, `\u0040`), percent-encoding
//! (`postgres%3A%2F%2Fapp%3A…%40db`) and base64 (a PEM key or an `.env` file encoded
//! whole).
//!
//! Nothing is decoded speculatively. Each encoding has trigger literals that join the rules'
//! keywords in the one Aho-Corasick pass over the file: `\":`, `%3a%2f%2f`, and the base64
//! forms, at each of the three byte alignments, of words that mark a credential (`password`,
//! `-----BEGIN`, `token`…). Only the lines (or base64 runs) around a trigger are decoded, with
//! a map from each decoded byte back to the bytes that encoded it, so a secret found in the
//! decoded text is reported, redacted and suppressed at its place in the file.

use base64::Engine as _;
use base64::alphabet;
use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};

/// How a region of a file was encoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Encoding {
    /// Backslash escapes of a JSON (or JavaScript, Java, C) string literal.
    JsonEscape,
    /// `%XX` escapes, as in URLs and form bodies.
    Percent,
    /// A base64 run, standard or URL-safe alphabet.
    Base64,
    /// A value under `data:` in a Kubernetes Secret manifest.
    KubernetesSecret,
}

impl Encoding {
    /// `properties.encoding` of a finding in such a region.
    pub fn label(self) -> &'static str {
        match self {
            Encoding::JsonEscape => "json-escape",
            Encoding::Percent => "url",
            Encoding::Base64 | Encoding::KubernetesSecret => "base64",
        }
    }

    /// What a finding's message adds.
    pub fn note(self) -> &'static str {
        match self {
            Encoding::JsonEscape => " (in an escaped string)",
            Encoding::Percent => " (URL-encoded)",
            Encoding::Base64 => " (base64-encoded)",
            Encoding::KubernetesSecret => " (base64-encoded in a Kubernetes Secret)",
        }
    }

    /// Whether a finding in the decoded text replaces plain findings on the encoded bytes.
    /// A base64 value is judged by what it decodes to, not by its own look; an escaped or
    /// percent-encoded secret that a plain rule already found is reported as written.
    pub fn replaces_plain(self) -> bool {
        matches!(self, Encoding::Base64 | Encoding::KubernetesSecret)
    }
}

/// Literals (matched ASCII-case-insensitively) that start an escaped string or a
/// percent-encoded one. Bare `\"` is not one: it is in every other string literal of
/// source code, while `\":` and `=\"` only occur where a key or attribute is escaped.
const JSON_TRIGGERS: &[&str] = &["\\\":", "=\\\"", "\\/", "\\u00"];
const PERCENT_TRIGGERS: &[&str] = &["%3a%2f%2f", "%22%3a", "%3d", "%40", "%2f", "%2b"];

/// Decoded words whose base64 form starts a decode: what a credential, or a file of them,
/// almost always holds.
const BASE64_MARKERS: &[&str] = &[
    "-----BEGIN",
    "password",
    "passwd",
    "secret",
    "token",
    "api_key",
    "apikey",
    "access_key",
    "private_key",
    "postgres",
    "mongodb",
    "mysql://",
    "redis://",
    "amqp://",
    "Authorization",
];

/// Shortest base64 core that starts a decode; shorter ones occur by chance in base64 data.
const MIN_CORE: usize = 6;

/// Every trigger literal and the encoding it starts.
pub(crate) fn triggers() -> Vec<(String, Encoding)> {
    let mut out: Vec<(String, Encoding)> = Vec::new();
    out.extend(
        JSON_TRIGGERS
            .iter()
            .map(|t| (t.to_string(), Encoding::JsonEscape)),
    );
    out.extend(
        PERCENT_TRIGGERS
            .iter()
            .map(|t| (t.to_string(), Encoding::Percent)),
    );
    for marker in BASE64_MARKERS {
        let mut cases = vec![
            marker.to_string(),
            marker.to_ascii_lowercase(),
            marker.to_ascii_uppercase(),
        ];
        let mut capital = marker.to_ascii_lowercase();
        if let Some(first) = capital.get_mut(0..1) {
            first.make_ascii_uppercase();
        }
        cases.push(capital);
        cases.sort();
        cases.dedup();
        for case in cases {
            for core in base64_cores(case.as_bytes()) {
                out.push((core, Encoding::Base64));
            }
        }
    }
    out.sort();
    out.dedup_by(|a, b| a.0.eq_ignore_ascii_case(&b.0));
    out
}

/// The base64 characters that `word` alone determines, at each of the three offsets it can
/// have within a 3-byte group, in the standard and the URL-safe alphabet.
fn base64_cores(word: &[u8]) -> Vec<String> {
    let mut cores = Vec::new();
    for align in 0..3usize {
        let mut buf = vec![0u8; align];
        buf.extend_from_slice(word);
        let encoded = base64::engine::general_purpose::STANDARD_NO_PAD.encode(&buf);
        let (first_bit, end_bit) = (8 * align, 8 * (align + word.len()));
        let core: String = encoded
            .chars()
            .enumerate()
            .filter(|(i, _)| 6 * i >= first_bit && 6 * i + 6 <= end_bit)
            .map(|(_, c)| c)
            .collect();
        if core.len() >= MIN_CORE {
            let url_safe = core.replace('+', "-").replace('/', "_");
            if url_safe != core {
                cores.push(url_safe);
            }
            cores.push(core);
        }
    }
    cores
}

/// A decoded region of a file: the text, and for each of its bytes the span of file bytes
/// that encoded it.
pub(crate) struct Decoded {
    pub encoding: Encoding,
    pub text: Vec<u8>,
    /// The encoded bytes in the file.
    pub region: (usize, usize),
    map: Mapping,
}

enum Mapping {
    /// `starts[i]..ends[i]` encoded decoded byte `i`.
    Exact {
        starts: Vec<usize>,
        ends: Vec<usize>,
    },
    /// Every decoded byte comes from the whole region (a Kubernetes value decoded into a
    /// `key: value` line of its own).
    Whole,
}

impl Decoded {
    /// A decoded value that maps to the whole of `region` (see [`Mapping::Whole`]).
    pub fn whole(encoding: Encoding, text: Vec<u8>, region: (usize, usize)) -> Self {
        Decoded {
            encoding,
            text,
            region,
            map: Mapping::Whole,
        }
    }

    /// The file bytes that encoded `start..end` of the decoded text.
    pub fn map(&self, start: usize, end: usize) -> (usize, usize) {
        match &self.map {
            Mapping::Exact { starts, ends } if start < end && end <= starts.len() => {
                (starts[start], ends[end - 1])
            }
            _ => self.region,
        }
    }
}

/// Decode the regions around `hits` (trigger matches: encoding, start, end), merged per
/// encoding. Regions that decode to nothing new, or base64 that is not text, are dropped.
pub(crate) fn decode_regions(bytes: &[u8], hits: &mut [(Encoding, usize, usize)]) -> Vec<Decoded> {
    hits.sort_unstable();
    let mut out = Vec::new();
    for group in hits.chunk_by(|a, b| a.0 == b.0) {
        let encoding = group[0].0;
        if encoding == Encoding::Base64 {
            let mut done_to = 0;
            for &(_, start, end) in group {
                if start < done_to {
                    continue;
                }
                if let Some(d) = decode_base64_run(bytes, start, end) {
                    done_to = d.region.1;
                    out.push(d);
                }
            }
            continue;
        }
        let mut windows: Vec<(usize, usize)> = Vec::new();
        for &(_, start, end) in group {
            let ws = crate::engine::line_start_near(bytes, start);
            let we = crate::engine::line_end_near(bytes, end);
            match windows.last_mut() {
                Some(last) if ws <= last.1 => last.1 = last.1.max(we),
                _ => windows.push((ws, we)),
            }
        }
        for (ws, we) in windows {
            let decoded = match encoding {
                Encoding::JsonEscape => unescape_json(bytes, ws, we),
                _ => unescape_percent(bytes, ws, we),
            };
            if let Some((text, starts, ends)) = decoded {
                out.push(Decoded {
                    encoding,
                    text,
                    region: (ws, we),
                    map: Mapping::Exact { starts, ends },
                });
            }
        }
    }
    out
}

type Unescaped = (Vec<u8>, Vec<usize>, Vec<usize>);

fn push_mapped(out: &mut Unescaped, b: u8, start: usize, end: usize) {
    out.0.push(b);
    out.1.push(start);
    out.2.push(end);
}

fn hex_value(b: u8) -> Option<u32> {
    (b as char).to_digit(16)
}

/// `\"`, `\\`, `\/`, `\b\f\n\r\t` and `\uXXXX` (with surrogate pairs) in `bytes[from..to]`.
fn unescape_json(bytes: &[u8], from: usize, to: usize) -> Option<Unescaped> {
    let mut out: Unescaped = (Vec::new(), Vec::new(), Vec::new());
    let mut changed = false;
    let mut i = from;
    while i < to {
        let b = bytes[i];
        if b != b'\\' || i + 1 >= to {
            push_mapped(&mut out, b, i, i + 1);
            i += 1;
            continue;
        }
        let simple = match bytes[i + 1] {
            b'"' => Some(b'"'),
            b'\\' => Some(b'\\'),
            b'/' => Some(b'/'),
            b'b' => Some(0x08),
            b'f' => Some(0x0c),
            b'n' => Some(b'\n'),
            b'r' => Some(b'\r'),
            b't' => Some(b'\t'),
            _ => None,
        };
        if let Some(c) = simple {
            push_mapped(&mut out, c, i, i + 2);
            i += 2;
            changed = true;
            continue;
        }
        if bytes[i + 1] == b'u'
            && let Some((c, len)) = unicode_escape(&bytes[i..to])
        {
            let mut buf = [0u8; 4];
            for &u in c.encode_utf8(&mut buf).as_bytes() {
                push_mapped(&mut out, u, i, i + len);
            }
            i += len;
            changed = true;
            continue;
        }
        push_mapped(&mut out, b, i, i + 1);
        i += 1;
    }
    changed.then_some(out)
}

/// `\uXXXX`, or a `\uD8xx\uDCxx` surrogate pair, at the start of `s`: the character and how
/// many bytes spelled it.
fn unicode_escape(s: &[u8]) -> Option<(char, usize)> {
    let unit = |s: &[u8]| -> Option<u32> {
        if s.len() < 6 || s[0] != b'\\' || s[1] != b'u' {
            return None;
        }
        s[2..6]
            .iter()
            .try_fold(0u32, |acc, &b| Some(acc * 16 + hex_value(b)?))
    };
    let high = unit(s)?;
    if (0xD800..0xDC00).contains(&high) {
        let low = unit(&s[6..])?;
        if !(0xDC00..0xE000).contains(&low) {
            return None;
        }
        let c = char::from_u32(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00))?;
        return Some((c, 12));
    }
    Some((char::from_u32(high)?, 6))
}

/// `%XX` in `bytes[from..to]`. `+` stays: in a secret it is a base64 character more often
/// than a space.
fn unescape_percent(bytes: &[u8], from: usize, to: usize) -> Option<Unescaped> {
    let mut out: Unescaped = (Vec::new(), Vec::new(), Vec::new());
    let mut changed = false;
    let mut i = from;
    while i < to {
        if bytes[i] == b'%'
            && i + 2 < to
            && let (Some(h), Some(l)) = (hex_value(bytes[i + 1]), hex_value(bytes[i + 2]))
        {
            push_mapped(&mut out, (h * 16 + l) as u8, i, i + 3);
            i += 3;
            changed = true;
        } else {
            push_mapped(&mut out, bytes[i], i, i + 1);
            i += 1;
        }
    }
    changed.then_some(out)
}

fn is_base64_char(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'+' | b'/' | b'-' | b'_')
}

/// Longest base64 run decoded; longer ones are archives and images, not credentials.
const MAX_RUN: usize = 1 << 20;
/// Shortest line of a base64 block wrapped over several lines (MIME wraps at 76, PEM at 64).
const MIN_WRAPPED_LINE: usize = 60;

/// The base64 run around a trigger at `start..end`, followed over wrapped lines, decoded if
/// it is text.
fn decode_base64_run(bytes: &[u8], start: usize, end: usize) -> Option<Decoded> {
    let mut run_start = start;
    while run_start > 0 && start - run_start < MAX_RUN && is_base64_char(bytes[run_start - 1]) {
        run_start -= 1;
    }
    let mut run_end = end;
    while run_end < bytes.len() && run_end - end < MAX_RUN && is_base64_char(bytes[run_end]) {
        run_end += 1;
    }
    // Pieces of the run: (start, end) of base64 characters, first to last.
    let mut pieces = vec![(run_start, run_end)];
    // Earlier lines of a wrapped block.
    while let Some(prev) = wrapped_line_before(bytes, pieces[0].0) {
        pieces.insert(0, prev);
    }
    // Later lines, while the current one is a full-width line of the block.
    loop {
        let (s, e) = *pieces.last()?;
        if e - s < MIN_WRAPPED_LINE {
            break;
        }
        match wrapped_line_after(bytes, e) {
            Some(next) => pieces.push(next),
            None => break,
        }
    }
    let mut chars: Vec<u8> = Vec::new();
    let mut positions: Vec<usize> = Vec::new();
    for &(s, e) in &pieces {
        for (i, &b) in bytes[s..e].iter().enumerate() {
            chars.push(b);
            positions.push(s + i);
        }
    }
    if chars.len() < 16 || chars.len() > MAX_RUN {
        return None;
    }
    let url_safe = chars.iter().any(|&b| b == b'-' || b == b'_');
    if url_safe && chars.iter().any(|&b| b == b'+' || b == b'/') {
        return None;
    }
    // A lone trailing character encodes no whole byte.
    let usable = if chars.len() % 4 == 1 {
        chars.len() - 1
    } else {
        chars.len()
    };
    let config = GeneralPurposeConfig::new()
        .with_decode_padding_mode(DecodePaddingMode::Indifferent)
        .with_decode_allow_trailing_bits(true);
    let engine = if url_safe {
        GeneralPurpose::new(&alphabet::URL_SAFE, config)
    } else {
        GeneralPurpose::new(&alphabet::STANDARD, config)
    };
    let text = engine.decode(&chars[..usable]).ok()?;
    if !mostly_text(&text) {
        return None;
    }
    let last = positions.len() - 1;
    let starts = (0..text.len()).map(|i| positions[4 * i / 3]).collect();
    let ends = (0..text.len())
        .map(|i| positions[((8 * i + 7) / 6).min(last)] + 1)
        .collect();
    let region_end = pieces.last().map_or(run_end, |p| p.1);
    Some(Decoded {
        encoding: Encoding::Base64,
        text,
        region: (pieces[0].0, region_end),
        map: Mapping::Exact { starts, ends },
    })
}

/// The base64 characters of the line before the one starting at `pos` (after its
/// indentation), if that line is nothing but a full-width piece of base64.
fn wrapped_line_before(bytes: &[u8], pos: usize) -> Option<(usize, usize)> {
    let line_start = memchr::memrchr(b'\n', &bytes[..pos]).map_or(0, |i| i + 1);
    if bytes[line_start..pos]
        .iter()
        .any(|b| !b.is_ascii_whitespace())
        || line_start == 0
    {
        return None;
    }
    let prev_end = line_start - 1;
    let prev_start = memchr::memrchr(b'\n', &bytes[..prev_end]).map_or(0, |i| i + 1);
    let line = &bytes[prev_start..prev_end];
    let line = line.strip_suffix(b"\r").unwrap_or(line);
    let indent = line.iter().take_while(|b| b.is_ascii_whitespace()).count();
    let body = &line[indent..];
    (body.len() >= MIN_WRAPPED_LINE && body.iter().all(|&b| is_base64_char(b)))
        .then_some((prev_start + indent, prev_start + indent + body.len()))
}

/// The base64 characters of the line after a piece ending at `pos`, if the piece ends its
/// line and the next line is nothing but base64 (and `=` padding).
fn wrapped_line_after(bytes: &[u8], pos: usize) -> Option<(usize, usize)> {
    let rest = &bytes[pos..];
    let nl = match rest {
        [b'\r', b'\n', ..] => 2,
        [b'\n', ..] => 1,
        _ => return None,
    };
    let start = pos + nl;
    let line_end = memchr::memchr(b'\n', &bytes[start..]).map_or(bytes.len(), |i| start + i);
    let line = &bytes[start..line_end];
    let line = line.strip_suffix(b"\r").unwrap_or(line);
    let indent = line.iter().take_while(|b| b.is_ascii_whitespace()).count();
    let body = &line[indent..];
    let chars = body.iter().take_while(|&&b| is_base64_char(b)).count();
    let padding = body[chars..].iter().take_while(|&&b| b == b'=').count();
    (chars > 0 && chars + padding == body.len()).then_some((start + indent, start + indent + chars))
}

/// Whether decoded bytes read as text: printable ASCII, whitespace or UTF-8, almost all.
fn mostly_text(text: &[u8]) -> bool {
    if text.is_empty() {
        return false;
    }
    let printable = text
        .iter()
        .filter(|&&b| (0x20..0x7f).contains(&b) || matches!(b, b'\n' | b'\r' | b'\t') || b >= 0x80)
        .count();
    printable * 100 >= text.len() * 95 && std::str::from_utf8(text).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decode_all(text: &[u8]) -> Vec<Decoded> {
        let ac = aho_corasick::AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .build(triggers().iter().map(|t| t.0.as_str()))
            .unwrap();
        let encodings: Vec<Encoding> = triggers().iter().map(|t| t.1).collect();
        let mut hits: Vec<(Encoding, usize, usize)> = ac
            .find_overlapping_iter(text)
            .map(|m| (encodings[m.pattern().as_usize()], m.start(), m.end()))
            .collect();
        decode_regions(text, &mut hits)
    }

    #[test]
    fn every_alignment_of_a_marker_is_a_trigger() {
        let b64 = base64::engine::general_purpose::STANDARD;
        let triggers = triggers();
        for prefix in ["", "a", "ab"] {
            let encoded = b64.encode(format!("{prefix}password=x"));
            assert!(
                triggers
                    .iter()
                    .any(|(t, e)| *e == Encoding::Base64 && encoded.contains(t.as_str())),
                "no trigger in {encoded}"
            );
        }
    }

    /// A made-up password, assembled here so the file itself holds no credential.
    fn password() -> String {
        ["Kq7", "@", "mZ2p"].concat()
    }

    #[test]
    fn json_escapes_decode_with_a_map_back() {
        let escaped = password().replace('@', r"\u0040");
        let text = format!(r#"x = "{{\"db_password\": \"{escaped}\"}}""#);
        let text = text.as_bytes();
        let regions = decode_all(text);
        assert_eq!(regions.len(), 1);
        let d = &regions[0];
        assert_eq!(d.encoding, Encoding::JsonEscape);
        let decoded = String::from_utf8(d.text.clone()).unwrap();
        let pw = password();
        assert!(
            decoded.contains(&format!(r#"{{"db_password": "{pw}"}}"#)),
            "{decoded}"
        );
        let s = decoded.find(&pw).unwrap();
        let (a, b) = d.map(s, s + pw.len());
        assert_eq!(&text[a..b], escaped.as_bytes());
    }

    #[test]
    fn percent_encoding_decodes() {
        let pw = password();
        let text = format!(
            "next=postgres%3A%2F%2Fapp%3A{}%40db.internal%2Fapp",
            pw.replace('@', "%40")
        );
        let text = text.as_bytes();
        let d = &decode_all(text)[0];
        assert_eq!(d.encoding, Encoding::Percent);
        assert_eq!(
            String::from_utf8_lossy(&d.text),
            format!("next=postgres://app:{pw}@db.internal/app")
        );
        let (a, b) = d.map(20, 20 + pw.len());
        assert_eq!(&text[a..b], pw.replace('@', "%40").as_bytes());
    }

    #[test]
    fn base64_runs_decode_over_wrapped_lines() {
        let b64 = base64::engine::general_purpose::STANDARD;
        let armour = |edge: &str| format!("-----{edge} OPENSSH {}-----", "PRIVATE KEY");
        let secret = format!(
            "{}\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW\n{}\n",
            armour("BEGIN"),
            armour("END")
        );
        let encoded = b64.encode(&secret);
        let wrapped: Vec<String> = encoded
            .as_bytes()
            .chunks(76)
            .map(|c| format!("    {}", String::from_utf8_lossy(c)))
            .collect();
        let text = format!("key: |\n{}\nother: 1\n", wrapped.join("\n"));
        let regions = decode_all(text.as_bytes());
        assert_eq!(regions.len(), 1, "one run, however many triggers");
        assert_eq!(String::from_utf8_lossy(&regions[0].text), secret);
        let (a, b) = regions[0].region;
        assert!(text[a..b].starts_with("LS0t") && !text[a..b].contains("other"));
    }

    #[test]
    fn binary_base64_and_plain_text_decode_to_nothing() {
        // Random bytes whose base64 happens to hold a trigger are not text.
        let mut bytes: Vec<u8> = (0..48u32).map(|i| (i * 97 + 13) as u8).collect();
        bytes.extend_from_slice(b"password");
        bytes.extend((0..48u32).map(|i| (i * 31 + 7) as u8 | 0x80));
        let encoded = base64::engine::general_purpose::STANDARD.encode(&bytes);
        assert!(decode_all(encoded.as_bytes()).is_empty());
        assert!(decode_all(b"password = \"Kq7mZ2pLx9wT\"\nurl = https://a/b\n").is_empty());
    }
}
