//! The two sides of a change, read from git's object database with gix: which files each
//! commit's tree holds and with what content, the commits between them and their trailers.
//! Nothing is checked out; the work tree and the index are never touched.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use anyhow::{Result, anyhow};
use gix::ObjectId;

use crate::exit::usage;

/// A commit's files: path (with `/`) -> blob id. Symbolic links and submodules are not
/// files here: their content is not code.
pub type Files = BTreeMap<String, ObjectId>;

pub struct Repo {
    repo: gix::Repository,
}

/// A commit of the range, with what a review reads from it.
pub struct CommitInfo {
    pub id: ObjectId,
    /// `(token, value)` of the trailers of its message, as `git interpret-trailers` parses
    /// them.
    pub trailers: Vec<(String, String)>,
}

impl Repo {
    /// The repository `dir` is in.
    pub fn discover(dir: &Path) -> Result<Repo> {
        let repo = gix::discover(dir).map_err(|_| {
            usage(format!(
                "{} is not in a git repository; steward review compares two commits",
                dir.display()
            ))
        })?;
        Ok(Repo { repo })
    }

    /// The top of the work tree, or the git directory of a bare repository.
    pub fn top(&self) -> PathBuf {
        self.repo
            .workdir()
            .unwrap_or_else(|| self.repo.git_dir())
            .to_path_buf()
    }

    /// The commit `rev` names (a branch, tag, commit or any revision git understands).
    pub fn commit(&self, rev: &str) -> Result<ObjectId> {
        let not_a_commit = || {
            usage(format!(
                "`{rev}` is not a commit, branch or tag in {}",
                self.top().display()
            ))
        };
        let id = self
            .repo
            .rev_parse_single(rev)
            .map_err(|_| not_a_commit())?;
        let commit = id
            .object()
            .map_err(|_| not_a_commit())?
            .peel_to_commit()
            .map_err(|_| not_a_commit())?;
        Ok(commit.id)
    }

    /// Where `a` and `b` diverged; `None` when they share no history.
    pub fn merge_base(&self, a: ObjectId, b: ObjectId) -> Result<Option<ObjectId>> {
        Ok(self
            .repo
            .merge_base(a, b)
            .map_err(|e| anyhow!("finding the merge base of {a} and {b}: {e}"))?
            .map(|id| id.detach()))
    }

    /// Every regular file in `commit`'s tree.
    pub fn files(&self, commit: ObjectId) -> Result<Files> {
        let tree = self
            .repo
            .find_commit(commit)
            .and_then(|c| c.tree())
            .map_err(|e| anyhow!("reading the tree of {commit}: {e}"))?;
        let mut recorder = gix::traverse::tree::Recorder::default();
        tree.traverse()
            .breadthfirst(&mut recorder)
            .map_err(|e| anyhow!("walking the tree of {commit}: {e}"))?;
        Ok(recorder
            .records
            .into_iter()
            .filter(|e| e.mode.is_blob())
            .map(|e| (String::from_utf8_lossy(&e.filepath).into_owned(), e.oid))
            .collect())
    }

    /// The blob id of `path` in `commit`'s tree, if it is a regular file there.
    pub fn file_at(&self, commit: ObjectId, path: &str) -> Result<Option<ObjectId>> {
        let tree = self
            .repo
            .find_commit(commit)
            .and_then(|c| c.tree())
            .map_err(|e| anyhow!("reading the tree of {commit}: {e}"))?;
        let entry = tree
            .lookup_entry_by_path(path)
            .map_err(|e| anyhow!("looking up {path} in {commit}: {e}"))?;
        Ok(entry.filter(|e| e.mode().is_blob()).map(|e| e.object_id()))
    }

    /// A blob's bytes.
    pub fn blob(&self, id: ObjectId) -> Result<Vec<u8>> {
        let blob = self
            .repo
            .find_blob(id)
            .map_err(|e| anyhow!("reading blob {id}: {e}"))?;
        Ok(blob.data.clone())
    }

    /// The commits reachable from `head` and not from `base`, newest first.
    pub fn commits_between(&self, base: ObjectId, head: ObjectId) -> Result<Vec<CommitInfo>> {
        let walk = self
            .repo
            .rev_walk([head])
            .with_hidden([base])
            .all()
            .map_err(|e| anyhow!("walking {base}..{head}: {e}"))?;
        let mut out = Vec::new();
        for info in walk {
            let info = info.map_err(|e| anyhow!("walking {base}..{head}: {e}"))?;
            let commit = self
                .repo
                .find_commit(info.id)
                .map_err(|e| anyhow!("reading commit {}: {e}", info.id))?;
            let message = commit
                .message()
                .map_err(|e| anyhow!("reading the message of {}: {e}", info.id))?;
            let trailers = message
                .body()
                .map(|b| {
                    b.trailers()
                        .map(|t| (t.token.to_string(), t.value.to_string()))
                        .collect()
                })
                .unwrap_or_default();
            out.push(CommitInfo {
                id: info.id,
                trailers,
            });
        }
        Ok(out)
    }
}

/// What a change did to the files: paths at HEAD, and where each renamed one came from.
#[derive(Debug, Default)]
pub struct Changes {
    /// New or modified at HEAD (renamed ones under their new name).
    pub present: BTreeSet<String>,
    /// Gone at HEAD (renamed ones excluded).
    pub deleted: BTreeSet<String>,
    /// HEAD path -> merge-base path.
    pub renamed_from: BTreeMap<String, String>,
}

impl Changes {
    pub fn len(&self) -> usize {
        self.present.len() + self.deleted.len()
    }

    /// The merge-base path of `head_path`: where it was renamed from, else itself.
    pub fn base_path<'a>(&'a self, head_path: &'a str) -> &'a str {
        self.renamed_from
            .get(head_path)
            .map_or(head_path, String::as_str)
    }
}

/// The changes from `base` to `head`, with renames: a deleted file whose blob reappears
/// under a new name, or (when the content changed too) whose lines mostly do, with the
/// same extension. `read` gives a blob's bytes for the similarity check.
pub fn changes(base: &Files, head: &Files, read: &dyn Fn(ObjectId) -> Option<Vec<u8>>) -> Changes {
    let mut c = Changes::default();
    for (path, id) in head {
        if base.get(path) != Some(id) {
            c.present.insert(path.clone());
        }
    }
    let mut deleted: Vec<&String> = base.keys().filter(|p| !head.contains_key(*p)).collect();
    let mut added: Vec<&String> = c
        .present
        .iter()
        .filter(|p| !base.contains_key(*p))
        .collect();
    // Same content, new name.
    let mut by_blob: BTreeMap<ObjectId, Vec<&String>> = BTreeMap::new();
    for p in &deleted {
        by_blob.entry(base[*p]).or_default().push(p);
    }
    added.retain(|a| match by_blob.get_mut(&head[*a]).and_then(|v| v.pop()) {
        Some(from) => {
            c.renamed_from.insert((*a).clone(), from.clone());
            false
        }
        None => true,
    });
    deleted.retain(|d| !c.renamed_from.values().any(|f| f == *d));
    // Changed content, new name: compared only while the pairs stay few.
    const MAX_PAIRS: usize = 2_500;
    if !added.is_empty() && added.len() * deleted.len() <= MAX_PAIRS {
        let ext = |p: &str| p.rsplit_once('.').map(|(_, e)| e.to_string());
        let lines = |id: ObjectId| -> Option<BTreeSet<u64>> {
            let bytes = read(id)?;
            Some(
                bytes
                    .split(|b| *b == b'\n')
                    .map(|l| l.trim_ascii())
                    .filter(|l| l.len() > 2)
                    .map(fnv)
                    .collect(),
            )
        };
        let mut scored: Vec<(u32, String, String)> = Vec::new();
        let deleted_lines: Vec<(&String, Option<BTreeSet<u64>>)> =
            deleted.iter().map(|d| (*d, lines(base[*d]))).collect();
        for a in &added {
            let Some(al) = lines(head[*a]) else { continue };
            for (d, dl) in &deleted_lines {
                let Some(dl) = dl else { continue };
                if ext(a) != ext(d) || al.is_empty() || dl.is_empty() {
                    continue;
                }
                let common = al.intersection(dl).count();
                let score = (200 * common / (al.len() + dl.len())) as u32;
                if score >= 50 {
                    scored.push((score, (*a).clone(), (*d).clone()));
                }
            }
        }
        scored.sort_by(|x, y| y.0.cmp(&x.0).then_with(|| x.1.cmp(&y.1)));
        for (_, a, d) in scored {
            if c.renamed_from.contains_key(&a) || c.renamed_from.values().any(|f| *f == d) {
                continue;
            }
            c.renamed_from.insert(a, d);
        }
        deleted.retain(|d| !c.renamed_from.values().any(|f| f == *d));
    }
    c.deleted = deleted.into_iter().cloned().collect();
    c
}

fn fnv(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// Whether `path` (from a tree) can be written under a directory without leaving it.
pub fn safe_relative(path: &str) -> bool {
    !path.is_empty()
        && !path.starts_with('/')
        && path
            .split('/')
            .all(|part| !part.is_empty() && part != "." && part != "..")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(n: u8) -> ObjectId {
        ObjectId::from_bytes_or_panic(&[n; 20])
    }

    #[test]
    fn changes_find_exact_and_similar_renames() {
        let base: Files = [
            ("a.py".to_string(), id(1)),
            ("b.py".to_string(), id(2)),
            ("c.py".to_string(), id(3)),
            ("gone.py".to_string(), id(4)),
        ]
        .into();
        let head: Files = [
            ("a.py".to_string(), id(1)),
            ("moved/b.py".to_string(), id(2)),
            ("c2.py".to_string(), id(5)),
            ("new.py".to_string(), id(6)),
        ]
        .into();
        let read = |i: ObjectId| -> Option<Vec<u8>> {
            Some(match i.as_bytes()[0] {
                3 => b"def f():\n    return 1\n\ndef g():\n    return 2\n".to_vec(),
                5 => b"def f():\n    return 1\n\ndef g():\n    return 3\n".to_vec(),
                6 => b"print('hello world')\n".to_vec(),
                _ => b"other content here\n".to_vec(),
            })
        };
        let c = changes(&base, &head, &read);
        assert_eq!(
            c.renamed_from.get("moved/b.py").map(String::as_str),
            Some("b.py")
        );
        assert_eq!(
            c.renamed_from.get("c2.py").map(String::as_str),
            Some("c.py")
        );
        assert!(!c.renamed_from.contains_key("new.py"));
        assert_eq!(c.deleted.iter().collect::<Vec<_>>(), ["gone.py"]);
        assert!(c.present.contains("new.py") && !c.present.contains("a.py"));
        assert_eq!(c.base_path("c2.py"), "c.py");
        assert_eq!(c.base_path("new.py"), "new.py");
    }

    #[test]
    fn paths_that_would_leave_the_directory_are_refused() {
        assert!(safe_relative("src/app.py"));
        assert!(!safe_relative("../x"));
        assert!(!safe_relative("/etc/passwd"));
        assert!(!safe_relative("a//b"));
    }
}
