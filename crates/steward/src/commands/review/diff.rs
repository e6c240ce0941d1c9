//! Which lines a change touched: a line diff (Myers' algorithm on line hashes) of a file's
//! two versions, as hunks with the lines each covers on each side.

/// One changed stretch. Lines are 1-based; an empty side (`len == 0`) is a pure insertion
/// or deletion, and its `start` is the line before which it happened on that side.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hunk {
    pub base_start: u32,
    pub base_len: u32,
    pub head_start: u32,
    pub head_len: u32,
}

impl Hunk {
    /// The HEAD lines it covers, inclusive; `None` for a pure deletion.
    pub fn head_lines(&self) -> Option<(u32, u32)> {
        (self.head_len > 0).then(|| (self.head_start, self.head_start + self.head_len - 1))
    }

    /// The BASE lines it removes or replaces, inclusive; `None` for a pure insertion.
    pub fn base_lines(&self) -> Option<(u32, u32)> {
        (self.base_len > 0).then(|| (self.base_start, self.base_start + self.base_len - 1))
    }
}

/// Past this many differing lines the middle of the file counts as one replaced block: a
/// rewrite needs no finer hunks, and the search stays linear in memory.
const MAX_EDIT_DISTANCE: usize = 1_000;

/// The hunks that turn `base` into `head`. Line endings and trailing whitespace do not
/// count as changes.
pub fn hunks(base: &[u8], head: &[u8]) -> Vec<Hunk> {
    let a = line_hashes(base);
    let b = line_hashes(head);
    // Common prefix and suffix first: most changes are small and local.
    let prefix = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let suffix = a[prefix..]
        .iter()
        .rev()
        .zip(b[prefix..].iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let (am, bm) = (&a[prefix..a.len() - suffix], &b[prefix..b.len() - suffix]);
    if am.is_empty() && bm.is_empty() {
        return Vec::new();
    }
    let ops = match myers(am, bm) {
        Some(ops) => ops,
        None => vec![Op::Replace(0, am.len(), 0, bm.len())],
    };
    ops.into_iter()
        .map(|Op::Replace(i, n, j, m)| Hunk {
            base_start: (prefix + i + 1) as u32,
            base_len: n as u32,
            head_start: (prefix + j + 1) as u32,
            head_len: m as u32,
        })
        .collect()
}

fn line_hashes(text: &[u8]) -> Vec<u64> {
    if text.is_empty() {
        return Vec::new();
    }
    let body = text.strip_suffix(b"\n").unwrap_or(text);
    body.split(|b| *b == b'\n')
        .map(|l| {
            let l = l.trim_ascii_end();
            let mut h: u64 = 0xcbf2_9ce4_8422_2325;
            for b in l {
                h ^= u64::from(*b);
                h = h.wrapping_mul(0x0100_0000_01b3);
            }
            h
        })
        .collect()
}

/// `Replace(base index, base count, head index, head count)`, 0-based.
enum Op {
    Replace(usize, usize, usize, usize),
}

/// Myers' O(ND) diff; `None` past [`MAX_EDIT_DISTANCE`].
fn myers(a: &[u64], b: &[u64]) -> Option<Vec<Op>> {
    let (n, m) = (a.len() as isize, b.len() as isize);
    let max = (n + m) as usize;
    let limit = max.min(MAX_EDIT_DISTANCE);
    let offset = limit as isize + 1;
    let mut v = vec![0isize; 2 * limit + 3];
    let mut trace: Vec<Vec<isize>> = Vec::new();
    let mut found = false;
    for d in 0..=limit as isize {
        // Only the diagonals step d can read: memory grows with D², not D·(N+M).
        trace.push(v[(offset - d - 1) as usize..=(offset + d + 1) as usize].to_vec());
        let mut k = -d;
        while k <= d {
            let down =
                k == -d || (k != d && v[(k - 1 + offset) as usize] < v[(k + 1 + offset) as usize]);
            let mut x = if down {
                v[(k + 1 + offset) as usize]
            } else {
                v[(k - 1 + offset) as usize] + 1
            };
            let mut y = x - k;
            while x < n && y < m && a[x as usize] == b[y as usize] {
                x += 1;
                y += 1;
            }
            v[(k + offset) as usize] = x;
            if x >= n && y >= m {
                found = true;
                break;
            }
            k += 2;
        }
        if found {
            break;
        }
    }
    if !found {
        return None;
    }
    // Walk back through the saved frontiers (trace[d] is the frontier before step d) to
    // recover the edit path as steps between (x, y) points.
    let at = |v: &Vec<isize>, d: isize, k: isize| v[(k + d + 1) as usize];
    let mut steps: Vec<((isize, isize), (isize, isize))> = Vec::new();
    let (mut x, mut y) = (n, m);
    for d in (0..trace.len() as isize).rev() {
        let v = &trace[d as usize];
        let k = x - y;
        let prev_k = if k == -d || (k != d && at(v, d, k - 1) < at(v, d, k + 1)) {
            k + 1
        } else {
            k - 1
        };
        let prev_x = at(v, d, prev_k);
        let prev_y = prev_x - prev_k;
        while x > prev_x && y > prev_y {
            steps.push(((x - 1, y - 1), (x, y)));
            x -= 1;
            y -= 1;
        }
        if d > 0 {
            steps.push(((prev_x, prev_y), (x, y)));
        }
        x = prev_x;
        y = prev_y;
    }
    steps.reverse();
    // Consecutive non-diagonal steps make one hunk.
    let mut ops = Vec::new();
    let mut open: Option<(usize, usize, usize, usize)> = None;
    for ((x0, y0), (x1, y1)) in steps {
        let diagonal = x1 == x0 + 1 && y1 == y0 + 1;
        if diagonal {
            if let Some((i, n, j, m)) = open.take() {
                ops.push(Op::Replace(i, n, j, m));
            }
            continue;
        }
        let h = open.get_or_insert((x0 as usize, 0, y0 as usize, 0));
        h.1 += (x1 - x0) as usize;
        h.3 += (y1 - y0) as usize;
    }
    if let Some((i, n, j, m)) = open {
        ops.push(Op::Replace(i, n, j, m));
    }
    Some(ops)
}

/// Whether the inclusive ranges `a` and `b` share a line.
pub fn overlaps(a: (u32, u32), b: (u32, u32)) -> bool {
    a.0 <= b.1 && b.0 <= a.1
}

#[cfg(test)]
mod tests {
    use super::*;

    fn h(base: &str, head: &str) -> Vec<(u32, u32, u32, u32)> {
        hunks(base.as_bytes(), head.as_bytes())
            .into_iter()
            .map(|h| (h.base_start, h.base_len, h.head_start, h.head_len))
            .collect()
    }

    #[test]
    fn insertions_deletions_and_replacements() {
        assert_eq!(h("a\nb\nc\n", "a\nb\nc\n"), []);
        assert_eq!(h("a\nc\n", "a\nb\nc\n"), [(2, 0, 2, 1)]);
        assert_eq!(h("a\nb\nc\n", "a\nc\n"), [(2, 1, 2, 0)]);
        assert_eq!(h("a\nb\nc\n", "a\nB\nc\n"), [(2, 1, 2, 1)]);
        assert_eq!(h("", "x\ny\n"), [(1, 0, 1, 2)]);
        assert_eq!(h("x\ny\n", ""), [(1, 2, 1, 0)]);
        // Two separate hunks.
        assert_eq!(
            h("1\n2\n3\n4\n5\n6\n", "1\nX\n3\n4\n5\nY\n6\n"),
            [(2, 1, 2, 1), (6, 0, 6, 1)]
        );
        // Trailing whitespace and CRLF are not changes.
        assert_eq!(h("a \r\nb\n", "a\nb\n"), []);
    }

    #[test]
    fn a_moved_block_is_a_deletion_and_an_insertion() {
        let base = "f\ng\nh\n1\n2\n3\n";
        let head = "1\n2\n3\nf\ng\nh\n";
        let got = h(base, head);
        let inserted: u32 = got.iter().map(|x| x.3).sum();
        let deleted: u32 = got.iter().map(|x| x.1).sum();
        assert_eq!((inserted, deleted), (3, 3), "{got:?}");
    }

    #[test]
    fn a_rewrite_past_the_limit_is_one_hunk() {
        let base: String = (0..3000).map(|i| format!("a{i}\n")).collect();
        let head: String = (0..3000).map(|i| format!("b{i}\n")).collect();
        assert_eq!(h(&base, &head), [(1, 3000, 1, 3000)]);
    }
}
