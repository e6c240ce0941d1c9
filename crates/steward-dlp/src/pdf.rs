//! The text of a PDF, for classification: the page content streams (and form XObjects)
//! decoded (FlateDecode, ASCII85Decode, ASCIIHexDecode, in any chain), their text-showing
//! operators (`Tj`, `TJ`, `'`, `"`) read with each font's ToUnicode CMap where it has one
//! (Type0/Identity-H fonts from TrueType embedding) and as Latin-1 otherwise (the standard
//! fonts' WinAnsi text), with a line break where a text object or a line ends. Objects in
//! object streams (PDF 1.5) are read too.
//!
//! What it does not do: layout analysis (text is in content-stream order, which is the
//! reading order for the generators we tested), encrypted documents (refused with a reason),
//! LZW/RunLength/image filters (those streams are skipped), Type3 fonts without ToUnicode.
//! Decompression goes through the caller's bounded reader, so a PDF bomb is stopped like a
//! zip bomb.

use std::collections::{BTreeMap, HashMap};

use steward_core::collect::SkipReason;

/// Decompress one zlib stream within the caller's limits.
pub type Inflate<'a> = dyn FnMut(&[u8]) -> Result<Vec<u8>, SkipReason> + 'a;

/// Whether `bytes` is a PDF.
pub fn is_pdf(bytes: &[u8]) -> bool {
    bytes.starts_with(b"%PDF-")
}

struct Object<'a> {
    /// The object's dictionary (or whole body when it has no stream).
    dict: &'a [u8],
    /// The raw stream data, when the object has one.
    raw: Option<&'a [u8]>,
}

/// Objects found in an object stream: number -> body.
type Unpacked = BTreeMap<u32, Vec<u8>>;

fn is_ws(b: u8) -> bool {
    matches!(b, b' ' | b'\n' | b'\r' | b'\t' | b'\x0c' | b'\0')
}

fn is_delim(b: u8) -> bool {
    matches!(
        b,
        b'(' | b')' | b'<' | b'>' | b'[' | b']' | b'{' | b'}' | b'/' | b'%'
    )
}

/// Every `N G obj ... endobj` in the file, by object number (a later definition of the same
/// number wins, as incremental updates intend).
fn objects(bytes: &[u8]) -> BTreeMap<u32, Object<'_>> {
    let mut out = BTreeMap::new();
    let finder = memchr::memmem::Finder::new(b"obj");
    let mut from = 0;
    while let Some(rel) = finder.find(&bytes[from..]) {
        let at = from + rel;
        from = at + 3;
        // `obj` as a keyword, not the end of `endobj` or part of a name.
        if at >= 3 && &bytes[at - 3..at] == b"end" {
            continue;
        }
        if bytes
            .get(at + 3)
            .is_some_and(|b| !is_ws(*b) && !is_delim(*b))
        {
            continue;
        }
        let Some((num, _)) = header_before(bytes, at) else {
            continue;
        };
        let body_start = at + 3;
        let (body_end, next) = match memchr::memmem::find(&bytes[body_start..], b"endobj") {
            Some(e) => (body_start + e, body_start + e + 6),
            None => (bytes.len(), bytes.len()),
        };
        let body = &bytes[body_start..body_end];
        let object = match find_stream_keyword(body) {
            Some(s) => {
                let mut data_start = s + 6;
                if body.get(data_start) == Some(&b'\r') {
                    data_start += 1;
                }
                if body.get(data_start) == Some(&b'\n') {
                    data_start += 1;
                }
                let data_end = memchr::memmem::rfind(&body[data_start..], b"endstream")
                    .map(|e| data_start + e)
                    .unwrap_or(body.len());
                Object {
                    dict: &body[..s],
                    raw: Some(&body[data_start..data_end]),
                }
            }
            None => Object {
                dict: body,
                raw: None,
            },
        };
        out.insert(num, object);
        from = next.max(from);
    }
    out
}

/// `N G` right before an `obj` keyword at `at`.
fn header_before(bytes: &[u8], at: usize) -> Option<(u32, u32)> {
    let mut i = at;
    let mut nums = [0u32; 2];
    for slot in (0..2).rev() {
        while i > 0 && is_ws(bytes[i - 1]) {
            i -= 1;
        }
        let end = i;
        while i > 0 && bytes[i - 1].is_ascii_digit() {
            i -= 1;
        }
        if i == end || end - i > 10 {
            return None;
        }
        nums[slot] = std::str::from_utf8(&bytes[i..end]).ok()?.parse().ok()?;
    }
    // The number must start a token.
    if i > 0 && !is_ws(bytes[i - 1]) && !is_delim(bytes[i - 1]) {
        return None;
    }
    Some((nums[0], nums[1]))
}

/// Where the `stream` keyword starts in an object body: the first `stream` after the
/// dictionary that is a keyword (not the end of `endstream`).
fn find_stream_keyword(body: &[u8]) -> Option<usize> {
    let dict_end = memchr::memmem::find(body, b">>")?;
    let mut from = dict_end;
    while let Some(rel) = memchr::memmem::find(&body[from..], b"stream") {
        let at = from + rel;
        from = at + 6;
        let before = body[at - 1];
        if (is_ws(before) || before == b'>') && !body[..at].ends_with(b"end") {
            return Some(at);
        }
    }
    None
}

/// The value after `/Key` in a dictionary, as raw text up to the next key or the end.
fn key<'a>(dict: &'a [u8], name: &[u8]) -> Option<&'a [u8]> {
    let mut from = 0;
    while let Some(rel) = memchr::memmem::find(&dict[from..], name) {
        let at = from + rel;
        from = at + name.len();
        let end = at + name.len();
        // `/Length` must not match `/Length1`.
        if dict.get(end).is_some_and(|b| !is_ws(*b) && !is_delim(*b)) {
            continue;
        }
        return Some(&dict[end..]);
    }
    None
}

/// `N 0 R` at the start of `value`.
fn reference(value: &[u8]) -> Option<u32> {
    let text = std::str::from_utf8(&value[..value.len().min(40)]).ok()?;
    let mut parts = text.split_ascii_whitespace();
    let num = parts.next()?.parse().ok()?;
    parts.next()?.parse::<u32>().ok()?;
    let r = parts.next()?;
    r.starts_with('R').then_some(num)
}

/// Every `N 0 R` in `value` up to the first `]` or `/` (an array of references or one).
fn references(value: &[u8]) -> Vec<u32> {
    let trimmed = value
        .iter()
        .position(|b| !is_ws(*b))
        .map(|p| &value[p..])
        .unwrap_or_default();
    if trimmed.first() == Some(&b'[') {
        let end = memchr::memchr(b']', trimmed).unwrap_or(trimmed.len());
        let text = String::from_utf8_lossy(&trimmed[1..end]).into_owned();
        let tokens: Vec<&str> = text.split_ascii_whitespace().collect();
        tokens
            .windows(3)
            .filter(|w| w[2] == "R")
            .filter_map(|w| w[0].parse().ok())
            .collect()
    } else {
        reference(trimmed).into_iter().collect()
    }
}

fn integer(value: &[u8]) -> Option<usize> {
    let text = std::str::from_utf8(&value[..value.len().min(24)]).ok()?;
    text.split(|c: char| !c.is_ascii_digit())
        .find(|s| !s.is_empty())?
        .parse()
        .ok()
}

/// The filter names of a stream dictionary, in order.
fn filters(dict: &[u8]) -> Vec<String> {
    let Some(v) = key(dict, b"/Filter") else {
        return Vec::new();
    };
    let v = &v[v.iter().position(|b| !is_ws(*b)).unwrap_or(0)..];
    let span = if v.first() == Some(&b'[') {
        &v[1..memchr::memchr(b']', v).unwrap_or(v.len())]
    } else {
        // One name: up to the next delimiter after it.
        let end = v
            .iter()
            .skip(1)
            .position(|b| is_ws(*b) || is_delim(*b))
            .map(|p| p + 1)
            .unwrap_or(v.len());
        &v[..end]
    };
    String::from_utf8_lossy(span)
        .split('/')
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect()
}

fn ascii85(data: &[u8]) -> Result<Vec<u8>, String> {
    let mut out = Vec::with_capacity(data.len());
    let mut group = [0u8; 5];
    let mut n = 0;
    let mut body = data;
    if body.starts_with(b"<~") {
        body = &body[2..];
    }
    for &b in body {
        match b {
            b'~' => break,
            b'z' if n == 0 => out.extend_from_slice(&[0; 4]),
            b'!'..=b'u' => {
                group[n] = b - b'!';
                n += 1;
                if n == 5 {
                    let v = group.iter().fold(0u64, |acc, d| acc * 85 + *d as u64);
                    if v > u32::MAX as u64 {
                        return Err("ASCII85 group out of range".into());
                    }
                    out.extend_from_slice(&(v as u32).to_be_bytes());
                    n = 0;
                }
            }
            b if is_ws(b) => {}
            other => return Err(format!("ASCII85 data holds byte {other:#04x}")),
        }
    }
    if n > 0 {
        for slot in group.iter_mut().skip(n) {
            *slot = 84;
        }
        let v = group.iter().fold(0u64, |acc, d| acc * 85 + *d as u64);
        out.extend_from_slice(&(v as u32).to_be_bytes()[..n - 1]);
    }
    Ok(out)
}

fn ascii_hex(data: &[u8]) -> Vec<u8> {
    let digits: Vec<u8> = data
        .iter()
        .take_while(|b| **b != b'>')
        .filter_map(|b| (*b as char).to_digit(16).map(|d| d as u8))
        .collect();
    digits
        .chunks(2)
        .map(|c| (c[0] << 4) | c.get(1).copied().unwrap_or(0))
        .collect()
}

/// A stream's data with its filters undone; `None` for filters steward does not read
/// (images, LZW), which hold no text it could classify.
fn decode(object: &Object, inflate: &mut Inflate) -> Result<Option<Vec<u8>>, SkipReason> {
    let Some(raw) = object.raw else {
        return Ok(None);
    };
    let mut data = raw.to_vec();
    for f in filters(object.dict) {
        data = match f.as_str() {
            "FlateDecode" | "Fl" => inflate(&data)?,
            "ASCII85Decode" | "A85" => ascii85(&data).map_err(|error| SkipReason::Malformed {
                error: format!("PDF stream: {error}"),
            })?,
            "ASCIIHexDecode" | "AHx" => ascii_hex(&data),
            _ => return Ok(None),
        };
    }
    Ok(Some(data))
}

/// One font's code -> text map from its ToUnicode CMap, with the code lengths it uses.
#[derive(Default, Debug)]
struct CMap {
    map: HashMap<Vec<u8>, String>,
    /// Byte lengths of codes, from the codespace ranges (2 for Identity-H).
    widths: Vec<usize>,
}

fn utf16be(bytes: &[u8]) -> String {
    let units: Vec<u16> = bytes
        .chunks(2)
        .map(|c| u16::from_be_bytes([c[0], c.get(1).copied().unwrap_or(0)]))
        .collect();
    String::from_utf16_lossy(&units)
}

fn hex_tokens(line: &[u8]) -> Vec<Vec<u8>> {
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(rel) = memchr::memchr(b'<', &line[i..]) {
        let start = i + rel + 1;
        let Some(len) = memchr::memchr(b'>', &line[start..]) else {
            break;
        };
        out.push(ascii_hex(&line[start..start + len]));
        i = start + len + 1;
    }
    out
}

/// Calls `each` with the body of every `begin ... end` section of a CMap.
fn sections(text: &[u8], begin: &[u8], end: &[u8], mut each: impl FnMut(&[u8])) {
    let mut from = 0;
    while let Some(b) = memchr::memmem::find(&text[from..], begin) {
        let start = from + b + begin.len();
        let stop = memchr::memmem::find(&text[start..], end)
            .map(|e| start + e)
            .unwrap_or(text.len());
        each(&text[start..stop]);
        from = stop;
    }
}

fn parse_cmap(data: &[u8]) -> CMap {
    let mut cmap = CMap::default();
    let text = data;
    let mut widths = Vec::new();
    sections(text, b"begincodespacerange", b"endcodespacerange", |body| {
        for pair in hex_tokens(body).chunks(2) {
            widths.push(pair[0].len().max(1));
        }
    });
    let mut map = HashMap::new();
    sections(text, b"beginbfchar", b"endbfchar", |body| {
        for pair in hex_tokens(body).chunks(2) {
            if pair.len() == 2 {
                map.insert(pair[0].clone(), utf16be(&pair[1]));
            }
        }
    });
    sections(text, b"beginbfrange", b"endbfrange", |body| {
        for line in body.split(|b| *b == b'\n' || *b == b'\r') {
            let toks = hex_tokens(line);
            if toks.len() < 3 {
                continue;
            }
            let (lo, hi) = (&toks[0], &toks[1]);
            if lo.len() != hi.len() || lo.is_empty() || lo.len() > 4 {
                continue;
            }
            let as_int = |b: &[u8]| b.iter().fold(0u32, |a, x| (a << 8) | *x as u32);
            let (a, z) = (as_int(lo), as_int(hi));
            if z < a || z - a > 0xFFFF {
                continue;
            }
            let array = line.contains(&b'[');
            for (k, code) in (a..=z).enumerate() {
                let key = code.to_be_bytes()[4 - lo.len()..].to_vec();
                let value = if array {
                    match toks.get(2 + k) {
                        Some(v) => utf16be(v),
                        None => break,
                    }
                } else {
                    // The destination's last unit counts up with the code.
                    let mut dst = toks[2].clone();
                    let mut carry = k as u32;
                    for byte in dst.iter_mut().rev() {
                        let sum = *byte as u32 + (carry & 0xFF);
                        *byte = sum as u8;
                        carry = (carry >> 8) + (sum >> 8);
                    }
                    utf16be(&dst)
                };
                map.insert(key, value);
            }
        }
    });
    widths.sort_unstable();
    widths.dedup();
    if widths.is_empty() {
        let mut lens: Vec<usize> = map.keys().map(Vec::len).collect();
        lens.sort_unstable();
        lens.dedup();
        widths = lens;
    }
    cmap.map = map;
    cmap.widths = widths;
    cmap
}

impl CMap {
    fn decode(&self, s: &[u8], out: &mut String) {
        let mut i = 0;
        'outer: while i < s.len() {
            for w in &self.widths {
                if let Some(code) = s.get(i..i + w)
                    && let Some(t) = self.map.get(code)
                {
                    out.push_str(t);
                    i += w;
                    continue 'outer;
                }
            }
            // A code the map lacks: skip one code's width.
            i += self.widths.first().copied().unwrap_or(1);
        }
    }
}

/// PDF string bytes as Latin-1 (WinAnsi's printable range is the same for the characters
/// that make up card numbers, ids and addresses).
fn latin1(s: &[u8], out: &mut String) {
    out.extend(s.iter().map(|b| match *b {
        0x80..=0x9f => ' ',
        b => b as char,
    }));
}

/// Content-stream tokens steward needs.
enum Tok {
    Str(Vec<u8>),
    Num(f64),
    Name(Vec<u8>),
    ArrayStart,
    ArrayEnd,
    Op(Vec<u8>),
}

fn literal_string(data: &[u8], mut i: usize) -> (Vec<u8>, usize) {
    let mut out = Vec::new();
    let mut depth = 1;
    while i < data.len() {
        let b = data[i];
        i += 1;
        match b {
            b'\\' => {
                let Some(&e) = data.get(i) else { break };
                i += 1;
                match e {
                    b'n' => out.push(b'\n'),
                    b'r' => out.push(b'\r'),
                    b't' => out.push(b'\t'),
                    b'b' => out.push(8),
                    b'f' => out.push(12),
                    b'0'..=b'7' => {
                        let mut v = (e - b'0') as u32;
                        for _ in 0..2 {
                            match data.get(i) {
                                Some(d @ b'0'..=b'7') => {
                                    v = v * 8 + (d - b'0') as u32;
                                    i += 1;
                                }
                                _ => break,
                            }
                        }
                        out.push(v as u8);
                    }
                    b'\r' => {
                        if data.get(i) == Some(&b'\n') {
                            i += 1;
                        }
                    }
                    b'\n' => {}
                    other => out.push(other),
                }
            }
            b'(' => {
                depth += 1;
                out.push(b);
            }
            b')' => {
                depth -= 1;
                if depth == 0 {
                    break;
                }
                out.push(b);
            }
            _ => out.push(b),
        }
    }
    (out, i)
}

fn tokens(data: &[u8]) -> Vec<Tok> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < data.len() {
        let b = data[i];
        match b {
            _ if is_ws(b) => i += 1,
            b'%' => {
                while i < data.len() && data[i] != b'\n' && data[i] != b'\r' {
                    i += 1;
                }
            }
            b'(' => {
                let (s, next) = literal_string(data, i + 1);
                out.push(Tok::Str(s));
                i = next;
            }
            b'<' if data.get(i + 1) == Some(&b'<') => {
                out.push(Tok::Op(b"<<".to_vec()));
                i += 2;
            }
            b'<' => {
                let end = memchr::memchr(b'>', &data[i..])
                    .map(|e| i + e)
                    .unwrap_or(data.len());
                out.push(Tok::Str(ascii_hex(&data[i + 1..end])));
                i = end + 1;
            }
            b'>' => i += 1,
            b'[' => {
                out.push(Tok::ArrayStart);
                i += 1;
            }
            b']' => {
                out.push(Tok::ArrayEnd);
                i += 1;
            }
            b'/' => {
                let start = i + 1;
                i = start;
                while i < data.len() && !is_ws(data[i]) && !is_delim(data[i]) {
                    i += 1;
                }
                out.push(Tok::Name(data[start..i].to_vec()));
            }
            b'{' | b'}' | b')' => i += 1,
            _ => {
                let start = i;
                while i < data.len() && !is_ws(data[i]) && !is_delim(data[i]) {
                    i += 1;
                }
                let word = &data[start..i];
                match std::str::from_utf8(word).ok().and_then(|w| w.parse().ok()) {
                    Some(n) => out.push(Tok::Num(n)),
                    None => out.push(Tok::Op(word.to_vec())),
                }
                // An inline image's data is binary: skip to its end.
                if word == b"ID" {
                    match memchr::memmem::find(&data[i..], b"EI") {
                        Some(e) => i += e + 2,
                        None => i = data.len(),
                    }
                }
            }
        }
    }
    out
}

/// The text a content stream shows. `fonts` maps resource names (`F1`) to their CMaps.
fn content_text(data: &[u8], fonts: &HashMap<Vec<u8>, &CMap>, out: &mut String) {
    let mut font: Option<&CMap> = None;
    let mut operands: Vec<Tok> = Vec::new();
    let mut in_array: Option<Vec<Tok>> = None;
    let show = |s: &[u8], font: Option<&CMap>, out: &mut String| match font {
        Some(cmap) => cmap.decode(s, out),
        None => latin1(s, out),
    };
    let newline = |out: &mut String| {
        if !out.is_empty() && !out.ends_with('\n') {
            out.push('\n');
        }
    };
    for tok in tokens(data) {
        match tok {
            Tok::ArrayStart => in_array = Some(Vec::new()),
            Tok::ArrayEnd => {
                if let Some(items) = in_array.take() {
                    operands.push(Tok::Op(b"[]".to_vec()));
                    operands.extend(items);
                }
            }
            t if in_array.is_some() => {
                if let Some(items) = in_array.as_mut() {
                    items.push(t);
                }
            }
            Tok::Op(op) => {
                match op.as_slice() {
                    b"Tf" => {
                        font = operands.iter().rev().find_map(|t| match t {
                            Tok::Name(n) => fonts.get(n).copied(),
                            _ => None,
                        });
                    }
                    b"Tj" => {
                        if let Some(Tok::Str(s)) = operands.last() {
                            show(s, font, out);
                        }
                    }
                    b"'" | b"\"" => {
                        newline(out);
                        if let Some(Tok::Str(s)) = operands.last() {
                            show(s, font, out);
                        }
                    }
                    b"TJ" => {
                        for t in &operands {
                            match t {
                                Tok::Str(s) => show(s, font, out),
                                // A wide negative adjustment is a word gap.
                                Tok::Num(n) if *n < -250.0 && !out.ends_with(' ') => {
                                    out.push(' ');
                                }
                                _ => {}
                            }
                        }
                    }
                    b"T*" | b"ET" | b"Tm" => newline(out),
                    b"Td" | b"TD" => {
                        let ty = match operands.last() {
                            Some(Tok::Num(n)) => *n,
                            _ => 0.0,
                        };
                        if ty.abs() > 0.01 {
                            newline(out);
                        } else if !out.ends_with([' ', '\n']) && !out.is_empty() {
                            out.push(' ');
                        }
                    }
                    _ => {}
                }
                operands.clear();
            }
            other => operands.push(other),
        }
    }
    newline(out);
}

/// The objects packed in one object stream: number -> body.
fn unpack(dict: &[u8], data: &[u8], out: &mut Unpacked) {
    let (Some(n), Some(first)) = (
        key(dict, b"/N").and_then(integer),
        key(dict, b"/First").and_then(integer),
    ) else {
        return;
    };
    let Some(header) = data.get(..first) else {
        return;
    };
    let nums: Vec<usize> = String::from_utf8_lossy(header)
        .split_ascii_whitespace()
        .filter_map(|t| t.parse().ok())
        .collect();
    let pairs: Vec<(usize, usize)> = nums
        .chunks(2)
        .take(n)
        .filter(|c| c.len() == 2)
        .map(|c| (c[0], c[1]))
        .collect();
    for (k, (num, off)) in pairs.iter().enumerate() {
        let start = first + off;
        let end = pairs
            .get(k + 1)
            .map(|(_, o)| first + o)
            .unwrap_or(data.len());
        if let (Some(body), Ok(num)) = (data.get(start..end.max(start)), u32::try_from(*num)) {
            out.entry(num).or_insert_with(|| body.to_vec());
        }
    }
}

/// `/Name N 0 R` pairs in a font resource dictionary.
fn font_names(dict: &[u8]) -> Vec<(Vec<u8>, u32)> {
    let mut out = Vec::new();
    let toks = tokens(dict);
    for w in toks.windows(4) {
        if let (Tok::Name(n), Tok::Num(num), Tok::Num(_), Tok::Op(r)) = (&w[0], &w[1], &w[2], &w[3])
            && r == b"R"
        {
            out.push((n.clone(), *num as u32));
        }
    }
    out
}

/// The text of a PDF, lines in content-stream order, pages one after another.
pub fn extract(bytes: &[u8], inflate: &mut Inflate) -> Result<Vec<u8>, SkipReason> {
    if memchr::memmem::find(bytes, b"/Encrypt").is_some() {
        return Err(SkipReason::Malformed {
            error: "encrypted PDF: its text cannot be read without the password".into(),
        });
    }
    let objects = objects(bytes);
    if objects.is_empty() {
        return Err(SkipReason::Malformed {
            error: "PDF without readable objects".into(),
        });
    }
    // Objects packed in object streams (their bodies have no streams of their own).
    let mut packed = Unpacked::new();
    for o in objects.values() {
        if memchr::memmem::find(o.dict, b"/ObjStm").is_some()
            && let Some(data) = decode(o, inflate)?
        {
            unpack(o.dict, &data, &mut packed);
        }
    }
    let dict_of = |num: u32| -> Option<&[u8]> {
        objects
            .get(&num)
            .map(|o| o.dict)
            .or_else(|| packed.get(&num).map(Vec::as_slice))
    };

    // Fonts: resource name -> font object, and font object -> ToUnicode CMap.
    let mut cmaps: HashMap<u32, CMap> = HashMap::new();
    let mut names: HashMap<Vec<u8>, u32> = HashMap::new();
    let all_dicts: Vec<(u32, &[u8])> = objects
        .iter()
        .map(|(n, o)| (*n, o.dict))
        .chain(packed.iter().map(|(n, b)| (*n, b.as_slice())))
        .collect();
    for (num, dict) in &all_dicts {
        if let Some(to_unicode) =
            key(dict, b"/ToUnicode").and_then(|v| references(v).first().copied())
            && let Some(cmap_obj) = objects.get(&to_unicode)
            && let Some(data) = decode(cmap_obj, inflate)?
        {
            cmaps.insert(*num, parse_cmap(&data));
        }
        if let Some(v) = key(dict, b"/Font") {
            let v = &v[v.iter().position(|b| !is_ws(*b)).unwrap_or(0)..];
            let font_dict: Option<&[u8]> = if v.starts_with(b"<<") {
                let end = memchr::memmem::find(v, b">>").unwrap_or(v.len());
                Some(&v[..end])
            } else {
                reference(v).and_then(dict_of)
            };
            for (name, font) in font_names(font_dict.unwrap_or_default()) {
                names.entry(name).or_insert(font);
            }
        }
    }
    let fonts: HashMap<Vec<u8>, &CMap> = names
        .iter()
        .filter_map(|(name, num)| cmaps.get(num).map(|c| (name.clone(), c)))
        .collect();

    // Page contents in object order, then form XObjects.
    let mut contents: Vec<u32> = Vec::new();
    for (_, dict) in &all_dicts {
        let is_page = key(dict, b"/Type").is_some_and(|v| {
            let v = &v[v.iter().position(|b| !is_ws(*b)).unwrap_or(0)..];
            v.starts_with(b"/Page") && !v.starts_with(b"/Pages")
        });
        if is_page && let Some(c) = key(dict, b"/Contents") {
            contents.extend(references(c));
        }
    }
    for (num, o) in &objects {
        if key(o.dict, b"/Subtype").is_some_and(|v| {
            let v = &v[v.iter().position(|b| !is_ws(*b)).unwrap_or(0)..];
            v.starts_with(b"/Form")
        }) {
            contents.push(*num);
        }
    }
    let mut text = String::new();
    let mut seen = std::collections::HashSet::new();
    for num in contents {
        if !seen.insert(num) {
            continue;
        }
        let Some(o) = objects.get(&num) else { continue };
        if let Some(data) = decode(o, inflate)? {
            content_text(&data, &fonts, &mut text);
        }
    }
    Ok(text.into_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn no_inflate(data: &[u8]) -> Result<Vec<u8>, SkipReason> {
        use std::io::Read;
        let mut out = Vec::new();
        flate2::read::ZlibDecoder::new(data)
            .read_to_end(&mut out)
            .map_err(|e| SkipReason::Malformed {
                error: e.to_string(),
            })?;
        Ok(out)
    }

    #[test]
    fn ascii85_round_trip_of_known_values() {
        assert_eq!(ascii85(b"87cURD]j7BEbo7~>").unwrap(), b"Hello world");
        assert_eq!(ascii85(b"z~>").unwrap(), [0, 0, 0, 0]);
        assert!(ascii85(b"abc\x7f").is_err());
    }

    #[test]
    fn literal_strings_unescape() {
        let (s, _) = literal_string(b"a\\(b\\) \\101\\nc (nested)) rest", 0);
        assert_eq!(s, b"a(b) A\nc (nested)");
    }

    #[test]
    fn tj_arrays_and_cmaps() {
        let cmap = parse_cmap(
            b"begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n2 beginbfchar\n<0001> <0034>\n<0002> <0020>\nendbfchar\n1 beginbfrange\n<0010> <0019> <0030>\nendbfrange\n",
        );
        let mut out = String::new();
        cmap.decode(&[0, 1, 0, 2, 0, 0x11, 0, 0x19], &mut out);
        assert_eq!(out, "4 19");
        let fonts: HashMap<Vec<u8>, &CMap> = [(b"F2".to_vec(), &cmap)].into_iter().collect();
        let mut text = String::new();
        content_text(
            b"BT /F1 11 Tf 72 700 Td [(Card)-300(no)] TJ ET BT /F2 9 Tf 72 680 Td <00010002> Tj ET",
            &fonts,
            &mut text,
        );
        assert_eq!(text, "Card no\n4 \n");
    }

    #[test]
    fn a_minimal_uncompressed_pdf_reads() {
        let pdf = b"%PDF-1.4\n1 0 obj << /Type /Page /Contents 2 0 R >> endobj\n2 0 obj << /Length 44 >>\nstream\nBT /F1 12 Tf 10 10 Td (SSN 123-45-6789) Tj ET\nendstream\nendobj\ntrailer << >>\n%%EOF\n";
        let text = extract(pdf, &mut no_inflate).unwrap();
        assert_eq!(String::from_utf8(text).unwrap(), "SSN 123-45-6789\n");
        assert!(is_pdf(pdf));
        let err = extract(b"%PDF-1.4\ntrailer << /Encrypt 5 0 R >>", &mut no_inflate).unwrap_err();
        assert!(format!("{err:?}").contains("encrypted"));
    }
}
