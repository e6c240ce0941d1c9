//! Containers: the text inside gzip streams, zip archives, Office Open XML documents
//! (docx, xlsx, pptx: the XML parts with their tags stripped) and PDFs (see `pdf`). Decompression is bounded:
//! past a total size or a compression ratio, an object is skipped with the reason, so a
//! zip bomb costs a few megabytes of reading, not the machine.

use std::borrow::Cow;
use std::io::{Cursor, Read};

use steward_core::collect::{SkipReason, Skipped, looks_binary};

/// How much decompression one object may cost.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Decompressed bytes, over all the parts of one object.
    pub max_total: u64,
    /// Decompressed / compressed, checked once a part is past `ratio_floor` bytes.
    pub max_ratio: u64,
    pub ratio_floor: u64,
    /// Zip entries read per archive.
    pub max_entries: usize,
    /// Containers inside containers (a zip in a zip in a zip).
    pub max_depth: u32,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_total: 256 * 1024 * 1024,
            max_ratio: 100,
            ratio_floor: 1024 * 1024,
            max_entries: 10_000,
            max_depth: 3,
        }
    }
}

/// One piece of text to classify, named `outer!inner` for what is inside an archive. A
/// plain text object is its own text, borrowed rather than copied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextPart<'a> {
    pub name: String,
    pub text: Cow<'a, [u8]>,
}

/// What an object held: its text parts, and what could not be read, with the reason.
#[derive(Debug, Default)]
pub struct Extracted<'a> {
    pub parts: Vec<TextPart<'a>>,
    pub skipped: Vec<Skipped>,
}

/// The text in `bytes` (an object named `name`): itself when it is text, or what is in it
/// when it is gzip, zip, docx, xlsx, pptx or PDF.
pub fn extract_text<'a>(name: &str, bytes: &'a [u8], limits: &Limits) -> Extracted<'a> {
    let mut out = Extracted::default();
    let mut budget = limits.max_total;
    extract_into(name, Cow::Borrowed(bytes), limits, 0, &mut budget, &mut out);
    out
}

fn skip(out: &mut Extracted, name: &str, reason: SkipReason) {
    out.skipped.push(Skipped {
        path: name.to_string(),
        reason,
    });
}

fn malformed(out: &mut Extracted, name: &str, error: impl Into<String>) {
    skip(
        out,
        name,
        SkipReason::Malformed {
            error: error.into(),
        },
    );
}

fn extract_into<'a>(
    name: &str,
    bytes: Cow<'a, [u8]>,
    limits: &Limits,
    depth: u32,
    budget: &mut u64,
    out: &mut Extracted<'a>,
) {
    let is_gzip = bytes.starts_with(&[0x1f, 0x8b]);
    let is_zip = bytes.starts_with(b"PK\x03\x04");
    if (is_gzip || is_zip) && depth >= limits.max_depth {
        malformed(
            out,
            name,
            format!("archive nested more than {} deep", limits.max_depth),
        );
        return;
    }
    if is_gzip {
        let decoder = flate2::read::MultiGzDecoder::new(&bytes[..]);
        match bounded_read(decoder, bytes.len() as u64, limits, budget) {
            Ok(inner) => {
                let inner_name = format!("{name}!{}", gzip_inner_name(name));
                extract_into(
                    &inner_name,
                    Cow::Owned(inner),
                    limits,
                    depth + 1,
                    budget,
                    out,
                );
            }
            Err(reason) => skip(out, name, reason),
        }
    } else if is_zip {
        extract_zip(name, &bytes, limits, depth, budget, out);
    } else if crate::pdf::is_pdf(&bytes) {
        let mut inflate = |data: &[u8]| {
            bounded_read(
                flate2::read::ZlibDecoder::new(data),
                data.len() as u64,
                limits,
                budget,
            )
        };
        match crate::pdf::extract(&bytes, &mut inflate) {
            Ok(text) => out.parts.push(TextPart {
                name: name.to_string(),
                text: Cow::Owned(text),
            }),
            Err(reason) => skip(out, name, reason),
        }
    } else if looks_binary(&bytes) {
        skip(out, name, SkipReason::Binary);
    } else {
        out.parts.push(TextPart {
            name: name.to_string(),
            text: bytes,
        });
    }
}

fn gzip_inner_name(name: &str) -> &str {
    let base = name.rsplit(['/', '!']).next().unwrap_or(name);
    base.strip_suffix(".gz")
        .or_else(|| base.strip_suffix(".tgz"))
        .unwrap_or(base)
}

/// Read all of `reader`, or say why not: over the budget, or a bomb's ratio.
fn bounded_read(
    reader: impl Read,
    compressed: u64,
    limits: &Limits,
    budget: &mut u64,
) -> Result<Vec<u8>, SkipReason> {
    let mut buf = Vec::new();
    let mut limited = reader.take(*budget + 1);
    let mut chunk = [0u8; 64 * 1024];
    loop {
        let n = match limited.read(&mut chunk) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) => {
                return Err(SkipReason::Malformed {
                    error: format!("decompressing: {e}"),
                });
            }
        };
        buf.extend_from_slice(&chunk[..n]);
        let total = buf.len() as u64;
        if total > *budget {
            return Err(SkipReason::TooLarge {
                size: total,
                limit: limits.max_total,
            });
        }
        if total > limits.ratio_floor && total / compressed.max(1) > limits.max_ratio {
            return Err(SkipReason::Malformed {
                error: format!(
                    "decompresses more than {}:1 (a zip bomb?); not read further",
                    limits.max_ratio
                ),
            });
        }
    }
    *budget -= buf.len() as u64;
    Ok(buf)
}

/// Office Open XML parts that hold a document's text.
fn is_ooxml_text_part(entry: &str) -> bool {
    let xml = entry.ends_with(".xml");
    xml && (entry.starts_with("word/document")
        || entry.starts_with("word/header")
        || entry.starts_with("word/footer")
        || entry.starts_with("word/comments")
        || entry.starts_with("word/footnotes")
        || entry.starts_with("word/endnotes")
        || entry == "xl/sharedStrings.xml"
        || entry.starts_with("xl/worksheets/sheet")
        || entry.starts_with("xl/comments")
        || entry.starts_with("ppt/slides/slide")
        || entry.starts_with("ppt/notesSlides/"))
}

fn extract_zip(
    name: &str,
    bytes: &[u8],
    limits: &Limits,
    depth: u32,
    budget: &mut u64,
    out: &mut Extracted<'_>,
) {
    let mut archive = match zip::ZipArchive::new(Cursor::new(bytes)) {
        Ok(a) => a,
        Err(e) => return malformed(out, name, format!("zip: {e}")),
    };
    let ooxml = archive.index_for_name("[Content_Types].xml").is_some();
    if archive.len() > limits.max_entries {
        malformed(
            out,
            name,
            format!(
                "{} entries; only the first {} are read",
                archive.len(),
                limits.max_entries
            ),
        );
    }
    for i in 0..archive.len().min(limits.max_entries) {
        let mut entry = match archive.by_index(i) {
            Ok(e) => e,
            Err(e) => {
                malformed(out, &format!("{name}!#{i}"), format!("zip entry: {e}"));
                continue;
            }
        };
        if entry.is_dir() {
            continue;
        }
        let entry_name = entry
            .name()
            .map(|n| n.into_owned())
            .unwrap_or_else(|_| format!("#{i}"));
        let full = format!("{name}!{entry_name}");
        if ooxml && !is_ooxml_text_part(&entry_name) {
            continue;
        }
        if entry.encrypted() {
            malformed(out, &full, "encrypted zip entry");
            continue;
        }
        let compressed = entry.compressed_size();
        let data = match bounded_read(&mut entry, compressed, limits, budget) {
            Ok(d) => d,
            Err(reason) => {
                skip(out, &full, reason);
                continue;
            }
        };
        if ooxml {
            out.parts.push(TextPart {
                name: full,
                text: Cow::Owned(xml_text(&data)),
            });
        } else {
            extract_into(&full, Cow::Owned(data), limits, depth + 1, budget, out);
        }
    }
}

/// The text of an XML document: tags removed, entities decoded, and a line break or tab
/// where a paragraph, row or cell ends, so neighbouring cells' digits do not run together.
pub fn xml_text(xml: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(xml.len() / 2);
    let mut i = 0;
    while i < xml.len() {
        match xml[i] {
            b'<' => {
                let end = memchr::memchr(b'>', &xml[i..]).map_or(xml.len(), |p| i + p + 1);
                let tag = &xml[i..end];
                let is = |names: &[&[u8]]| names.iter().any(|n| tag.starts_with(n));
                if is(&[b"</w:p>", b"</row>", b"</a:p>", b"</si>", b"<w:br", b"<br"]) {
                    out.push(b'\n');
                } else if is(&[b"</c>", b"</w:tc>", b"<w:tab", b"</is>"]) {
                    out.push(b'\t');
                }
                i = end;
            }
            b'&' => {
                let end = xml[i..]
                    .iter()
                    .take(12)
                    .position(|&b| b == b';')
                    .map(|p| i + p);
                let decoded = end.and_then(|e| decode_entity(&xml[i + 1..e]));
                match (end, decoded) {
                    (Some(e), Some(c)) => {
                        let mut utf8 = [0u8; 4];
                        out.extend_from_slice(c.encode_utf8(&mut utf8).as_bytes());
                        i = e + 1;
                    }
                    _ => {
                        out.push(b'&');
                        i += 1;
                    }
                }
            }
            b => {
                out.push(b);
                i += 1;
            }
        }
    }
    out
}

fn decode_entity(name: &[u8]) -> Option<char> {
    match name {
        b"amp" => Some('&'),
        b"lt" => Some('<'),
        b"gt" => Some('>'),
        b"quot" => Some('"'),
        b"apos" => Some('\''),
        [b'#', b'x' | b'X', hex @ ..] => u32::from_str_radix(std::str::from_utf8(hex).ok()?, 16)
            .ok()
            .and_then(char::from_u32),
        [b'#', dec @ ..] => std::str::from_utf8(dec)
            .ok()?
            .parse()
            .ok()
            .and_then(char::from_u32),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xml_text_strips_tags_and_keeps_cells_apart() {
        let xml = br#"<row><c><v>4526018159083012</v></c><c t="s"><v>7</v></c></row><w:p><w:r><w:t>card 4526 </w:t></w:r><w:r><w:t>0181 5908 3012 &amp; more</w:t></w:r></w:p>"#;
        assert_eq!(
            String::from_utf8_lossy(&xml_text(xml)),
            "4526018159083012\t7\t\ncard 4526 0181 5908 3012 & more\n"
        );
    }

    #[test]
    fn gzip_inner_names() {
        assert_eq!(gzip_inner_name("logs/app.log.gz"), "app.log");
        assert_eq!(gzip_inner_name("s3://b/k.tgz"), "k");
    }
}
