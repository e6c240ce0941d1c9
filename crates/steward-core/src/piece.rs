//! Large files cut into overlapping pieces, so an engine that searches bytes (the secrets
//! engine) can scan a 500 MB log or SQL dump with a fixed amount of memory.
//!
//! Each piece is a window of the file. The middle of the window is the piece's `owned`
//! range; the bytes on either side (at least [`OVERLAP`] of them, except at the ends of the
//! file) are context it shares with its neighbours. An engine reports only what starts in
//! the owned range, so a match that straddles the cut between two pieces is found once, by
//! the piece that owns its start, with all the context it needs on both sides. Cuts fall on
//! line starts whenever the lines allow it, and each piece carries the line and column its
//! first byte is at, so findings are located in the whole file.

use std::io::Read;
use std::ops::{ControlFlow, Range};

/// Bytes of a piece's window: the memory one large file costs while it is scanned.
pub const WINDOW: usize = 16 * 1024 * 1024;
/// Bytes of context kept on each side of a piece's owned range. A match is found exactly
/// as in a whole-file scan when it and the context it depends on (a keyword before it, the
/// rest of its line) fit in this much on either side.
pub const OVERLAP: usize = 256 * 1024;

/// Where a piece sits in its file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Piece {
    /// Byte offset in the file of the window's first byte.
    pub offset: u64,
    /// Lines before the window's first byte (0 for a window at the start of the file).
    pub line: u32,
    /// Characters before the window's first byte on its line: 0 unless a line longer than
    /// the search for a line start was cut.
    pub column: u32,
    /// The part of the window this piece answers for: matches starting here are its own.
    pub owned: Range<usize>,
}

impl Piece {
    /// The whole of a file held in memory, as one piece.
    pub fn whole(len: usize) -> Self {
        Piece {
            offset: 0,
            line: 0,
            column: 0,
            owned: 0..len,
        }
    }

    /// 1-based line and column in the file of a position whose 1-based line and column
    /// within the window are `(line, column)`.
    pub fn file_position(&self, line: u32, column: u32) -> (u32, u32) {
        let column = if line == 1 {
            column.saturating_add(self.column)
        } else {
            column
        };
        (line.saturating_add(self.line), column)
    }

    /// Lines in the file before byte `at` of the window, given the window's bytes.
    pub fn lines_before(&self, window: &[u8], at: usize) -> u32 {
        let at = at.min(window.len());
        self.line
            .saturating_add(memchr::memchr_iter(b'\n', &window[..at]).count() as u32)
    }
}

/// Call `scan` on every piece of `bytes` (a file already in memory), with the sizes above,
/// until it breaks.
pub fn pieces_of_slice(bytes: &[u8], mut scan: impl FnMut(&[u8], &Piece) -> ControlFlow<()>) {
    let mut feed = SliceFeed { bytes, pos: 0 };
    // Reading a slice cannot fail.
    let _ = walk(&mut feed, WINDOW, OVERLAP, &mut scan);
}

/// Call `scan` on every piece of what `reader` yields, reusing one window of memory, until
/// it breaks. Returns the number of bytes read; a read error ends the walk with that error,
/// after the pieces before it were scanned.
pub fn pieces_of_reader(
    reader: impl Read,
    mut scan: impl FnMut(&[u8], &Piece) -> ControlFlow<()>,
) -> std::io::Result<u64> {
    let mut feed = ReaderFeed {
        reader,
        buf: Vec::new(),
        eof: false,
        consumed: 0,
    };
    walk(&mut feed, WINDOW, OVERLAP, &mut scan)?;
    Ok(feed.consumed + feed.buf.len() as u64)
}

/// A source of windows over a byte stream.
trait Feed {
    /// The next `cap` bytes (fewer only at the end), and whether they reach the end.
    fn window(&mut self, cap: usize) -> std::io::Result<(&[u8], bool)>;
    /// Drop the first `n` bytes of the current window.
    fn consume(&mut self, n: usize);
}

struct SliceFeed<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl Feed for SliceFeed<'_> {
    fn window(&mut self, cap: usize) -> std::io::Result<(&[u8], bool)> {
        let end = self.pos.saturating_add(cap).min(self.bytes.len());
        Ok((&self.bytes[self.pos..end], end == self.bytes.len()))
    }

    fn consume(&mut self, n: usize) {
        self.pos += n;
    }
}

struct ReaderFeed<R> {
    reader: R,
    buf: Vec<u8>,
    eof: bool,
    consumed: u64,
}

impl<R: Read> Feed for ReaderFeed<R> {
    fn window(&mut self, cap: usize) -> std::io::Result<(&[u8], bool)> {
        if !self.eof && self.buf.len() < cap {
            let want = cap - self.buf.len();
            self.buf.reserve_exact(want);
            // Reads until the window is full or the stream ends (retrying interruptions).
            let n = (&mut self.reader)
                .take(want as u64)
                .read_to_end(&mut self.buf)?;
            self.eof = n < want;
        }
        Ok((&self.buf, self.eof))
    }

    fn consume(&mut self, n: usize) {
        self.buf.drain(..n);
        self.consumed += n as u64;
    }
}

/// The walk both feeds share; `window` and `overlap` are parameters so tests can use
/// small ones.
fn walk(
    feed: &mut dyn Feed,
    window: usize,
    overlap: usize,
    scan: &mut dyn FnMut(&[u8], &Piece) -> ControlFlow<()>,
) -> std::io::Result<()> {
    // A window must leave room for an owned range between its two overlaps.
    let window = window.max(4 * overlap).max(1);
    let mut piece = Piece::whole(0);
    loop {
        let (bytes, eof) = feed.window(window)?;
        let owned_end = if eof {
            bytes.len()
        } else {
            cut_near(bytes, bytes.len() - overlap, piece.owned.start, overlap / 4)
        };
        piece.owned.end = owned_end;
        if scan(bytes, &piece).is_break() || eof {
            return Ok(());
        }
        // The next window starts `overlap` before the next owned range, at a line start
        // if one is near, so that range has all its context.
        let next_start = cut_near(bytes, owned_end - overlap, 0, overlap / 4);
        let dropped = &bytes[..next_start];
        let newlines = memchr::memchr_iter(b'\n', dropped).count() as u32;
        match memchr::memrchr(b'\n', dropped) {
            Some(last) => piece.column = char_count(&dropped[last + 1..]),
            None => piece.column = piece.column.saturating_add(char_count(dropped)),
        }
        piece.line = piece.line.saturating_add(newlines);
        piece.offset += next_start as u64;
        piece.owned.start = owned_end - next_start;
        feed.consume(next_start);
    }
}

/// A cut at or shortly before `target`: just after a newline if there is one within
/// `search` bytes (and after `floor`), else at `target` moved past any UTF-8 continuation
/// bytes so no character is split. The search is a fraction of the overlap, so a window
/// always moves on by most of its length.
fn cut_near(bytes: &[u8], target: usize, floor: usize, search: usize) -> usize {
    let from = target.saturating_sub(search).max(floor);
    if from < target
        && let Some(nl) = memchr::memrchr(b'\n', &bytes[from..target])
    {
        return from + nl + 1;
    }
    let mut cut = target;
    while cut < bytes.len() && bytes[cut] & 0xC0 == 0x80 {
        cut += 1;
    }
    cut
}

/// Code points in `bytes` (an invalid byte counts as one).
fn char_count(bytes: &[u8]) -> u32 {
    bytes.iter().filter(|&&b| b & 0xC0 != 0x80).count() as u32
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every piece's (offset, line, column, owned) for `bytes` with small sizes.
    fn pieces(bytes: &[u8], window: usize, overlap: usize) -> Vec<(Vec<u8>, Piece)> {
        let mut out = Vec::new();
        let mut feed = SliceFeed { bytes, pos: 0 };
        walk(&mut feed, window, overlap, &mut |w, p| {
            out.push((w.to_vec(), p.clone()));
            ControlFlow::Continue(())
        })
        .unwrap();
        out
    }

    #[test]
    fn owned_ranges_tile_the_file_and_positions_add_up() {
        let text: String = (1..=400).map(|i| format!("line {i} é\n")).collect();
        let bytes = text.as_bytes();
        let all = pieces(bytes, 256, 40);
        assert!(all.len() > 10);
        let mut next = 0u64;
        for (window, p) in &all {
            // Owned ranges follow each other without gap or overlap.
            assert_eq!(p.offset + p.owned.start as u64, next);
            next = p.offset + p.owned.end as u64;
            // The window is the file's bytes at its offset.
            let at = p.offset as usize;
            assert_eq!(&bytes[at..at + window.len()], &window[..]);
            // Its line count is the file's.
            let lines = memchr::memchr_iter(b'\n', &bytes[..at]).count() as u32;
            assert_eq!(p.line, lines);
            // Context on both sides, except at the ends.
            if p.offset > 0 {
                assert!(p.owned.start >= 40, "{p:?}");
            }
            if p.owned.end < window.len() {
                assert!(window.len() - p.owned.end >= 40, "{p:?}");
            }
        }
        assert_eq!(next, bytes.len() as u64);
    }

    #[test]
    fn a_reader_gives_the_same_pieces_as_a_slice() {
        let text: String = (1..=3000).map(|i| format!("row {i},x\n")).collect();
        let bytes = text.as_bytes();
        let from_slice = pieces(bytes, 4096, 512);
        let mut from_reader = Vec::new();
        let mut feed = ReaderFeed {
            // A reader that hands out a few bytes at a time.
            reader: std::io::BufReader::with_capacity(7, bytes),
            buf: Vec::new(),
            eof: false,
            consumed: 0,
        };
        walk(&mut feed, 4096, 512, &mut |w, p| {
            from_reader.push((w.to_vec(), p.clone()));
            ControlFlow::Continue(())
        })
        .unwrap();
        assert_eq!(from_slice, from_reader);
    }

    #[test]
    fn a_line_longer_than_the_search_is_cut_with_a_column() {
        let mut bytes = b"first\n".to_vec();
        bytes.extend(std::iter::repeat_n(b'a', 300_000));
        let all = pieces(&bytes, 4 * 16_384, 16_384);
        assert!(all.len() >= 2);
        let (_, second) = &all[1];
        assert_eq!(second.line, 1);
        assert_eq!(second.column as u64, second.offset - 6);
        assert_eq!(second.file_position(1, 5), (2, second.column + 5));
        assert_eq!(second.file_position(3, 5), (4, 5));
    }

    #[test]
    fn small_and_empty_inputs_are_one_piece() {
        assert_eq!(pieces(b"", 4096, 512).len(), 1);
        let one = pieces(b"abc\n", 4096, 512);
        assert_eq!(one.len(), 1);
        assert_eq!(one[0].1, Piece::whole(4));
    }
}
