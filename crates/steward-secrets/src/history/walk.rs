//! Where each blob came from: the commits reachable from every ref, ordered parents first,
//! and one walk over their trees that visits each distinct tree once, recording for every
//! blob the first commit and path it appeared at (and a few further paths it was copied or
//! renamed to). Blobs are scanned only after this, so each is judged on a real path.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use gix::ObjectId;
use gix::hashtable::{HashMap, HashSet};
use gix::objs::Find;
use rayon::prelude::*;
use steward_core::collect::{SkipReason, Skipped};

/// The commits of the history, in the order the tree walk visits them.
pub(crate) struct CommitOrder {
    /// Parents before children; commits reachable from `--since` come first.
    pub ids: Vec<ObjectId>,
    /// How many of `ids` (from the front) are reachable from `--since`.
    pub excluded: usize,
}

/// A commit and the path a blob had in it.
#[derive(Debug, Clone)]
pub(crate) struct Origin {
    /// Position in [`CommitOrder::ids`].
    pub commit: u32,
    pub path: Box<str>,
}

/// What the walk knows about one blob.
#[derive(Debug)]
pub(crate) struct BlobEntry {
    pub id: ObjectId,
    /// The first commit (in parents-first order) whose tree holds the blob, and its path
    /// there. Empty for blobs that `--since` excludes: they are never reported.
    pub first: Origin,
    /// Further paths the blob appeared at, each with the first commit that had it there.
    pub others: Vec<Origin>,
    /// How many further paths there were, including those past the cap.
    pub others_total: u32,
    /// Already in the history of `--since`: not scanned.
    pub excluded: bool,
}

/// Every blob reachable from the walked commits.
#[derive(Default)]
pub(crate) struct BlobIndex {
    pub slots: HashMap<ObjectId, u32>,
    pub blobs: Vec<BlobEntry>,
}

/// The object ids refs point at, peeled through annotated tags to commits.
pub(crate) fn ref_tips(
    repo: &gix::Repository,
    skipped: &mut Vec<Skipped>,
) -> Result<Vec<ObjectId>, String> {
    let mut tips = Vec::new();
    let platform = repo.references().map_err(|e| e.to_string())?;
    for reference in platform.all().map_err(|e| e.to_string())? {
        let reference = match reference {
            Ok(r) => r,
            Err(e) => {
                skipped.push(unreadable("refs", format!("unreadable reference: {e}")));
                continue;
            }
        };
        // Symbolic refs point at other refs, which are listed themselves.
        if let Some(id) = reference.try_id() {
            tips.push(id.detach());
        }
    }
    if let Ok(head) = repo.head_id() {
        tips.push(head.detach());
    }
    let mut buf = Vec::new();
    let mut commits = Vec::new();
    for tip in tips {
        if let Some(id) = peel_to_commit(repo, tip, &mut buf) {
            commits.push(id);
        }
    }
    commits.sort_unstable();
    commits.dedup();
    Ok(commits)
}

/// Follow annotated tags to what they name; `None` unless that is a commit (refs to trees
/// or blobs carry no history).
pub(crate) fn peel_to_commit(
    repo: &gix::Repository,
    mut id: ObjectId,
    buf: &mut Vec<u8>,
) -> Option<ObjectId> {
    for _ in 0..64 {
        let data = repo.objects.try_find(&id, buf).ok()??;
        match data.kind {
            gix::objs::Kind::Commit => return Some(id),
            gix::objs::Kind::Tag => {
                id = gix::objs::TagRefIter::from_bytes(data.data, data.object_hash)
                    .target_id()
                    .ok()?;
            }
            _ => return None,
        }
    }
    None
}

struct CommitNode {
    id: ObjectId,
    tree: ObjectId,
    /// Parent ids as read; resolved to slots once every commit has one.
    parent_ids: Vec<ObjectId>,
    time: i64,
    excluded: bool,
}

/// The commits reachable from `tips` and from `since`, ordered parents first (by committer
/// time among those that are ready), with everything reachable from `since` before the rest
/// so its blobs are claimed as already known. Returns the order and each commit's tree.
pub(crate) fn order_commits(
    repo: &gix::Repository,
    tips: &[ObjectId],
    since: Option<ObjectId>,
    skipped: &mut Vec<Skipped>,
) -> (CommitOrder, Vec<ObjectId>) {
    let mut nodes: Vec<CommitNode> = Vec::new();
    let mut slot: HashMap<ObjectId, u32> = HashMap::default();
    let mut buf = Vec::new();
    // `since` goes first, so its whole ancestry is marked before the tips reach it.
    let roots: Vec<(ObjectId, bool)> = since
        .into_iter()
        .map(|id| (id, true))
        .chain(tips.iter().map(|&id| (id, false)))
        .collect();
    for (root, excluded) in roots {
        let mut stack = vec![root];
        while let Some(id) = stack.pop() {
            if slot.contains_key(&id) {
                continue;
            }
            let data = match repo.objects.try_find(&id, &mut buf) {
                Ok(Some(d)) if d.kind == gix::objs::Kind::Commit => d,
                Ok(_) => {
                    skipped.push(unreadable(
                        &format!("commit {id}"),
                        "missing from the object database (a shallow clone?)".into(),
                    ));
                    continue;
                }
                Err(e) => {
                    skipped.push(unreadable(&format!("commit {id}"), e.to_string()));
                    continue;
                }
            };
            let commit = match gix::objs::CommitRef::from_bytes(data.data, data.object_hash) {
                Ok(c) => c,
                Err(e) => {
                    skipped.push(malformed(&format!("commit {id}"), e.to_string()));
                    continue;
                }
            };
            let parent_ids: Vec<ObjectId> = commit.parents().collect();
            stack.extend(parent_ids.iter().copied());
            slot.insert(id, nodes.len() as u32);
            nodes.push(CommitNode {
                id,
                tree: commit.tree(),
                parent_ids,
                time: commit.committer().map_or(0, |s| s.seconds()),
                excluded,
            });
        }
    }
    topo_order(&nodes, &slot)
}

fn topo_order(nodes: &[CommitNode], slot: &HashMap<ObjectId, u32>) -> (CommitOrder, Vec<ObjectId>) {
    let n = nodes.len();
    let mut children: Vec<Vec<u32>> = vec![Vec::new(); n];
    let mut waiting: Vec<u32> = vec![0; n];
    for (i, node) in nodes.iter().enumerate() {
        // A parent that could not be read is left out: the commit is then a root.
        let mut parents: Vec<u32> = node
            .parent_ids
            .iter()
            .filter_map(|id| slot.get(id).copied())
            .collect();
        parents.sort_unstable();
        parents.dedup();
        waiting[i] = parents.len() as u32;
        for p in parents {
            children[p as usize].push(i as u32);
        }
    }
    // Min-heap on (not excluded, committer time, slot): `since`'s history first, then
    // oldest first among commits whose parents are all placed. `since`'s history is closed
    // under parents, so this is still parents-first.
    let key = |i: usize| Reverse((!nodes[i].excluded, nodes[i].time, i as u32));
    let mut ready: BinaryHeap<Reverse<(bool, i64, u32)>> =
        (0..n).filter(|&i| waiting[i] == 0).map(key).collect();
    let mut ids = Vec::with_capacity(n);
    let mut trees = Vec::with_capacity(n);
    let mut excluded = 0;
    while let Some(Reverse((_, _, i))) = ready.pop() {
        let node = &nodes[i as usize];
        ids.push(node.id);
        trees.push(node.tree);
        if node.excluded {
            excluded += 1;
        }
        for &c in &children[i as usize] {
            waiting[c as usize] -= 1;
            if waiting[c as usize] == 0 {
                ready.push(key(c as usize));
            }
        }
    }
    (CommitOrder { ids, excluded }, trees)
}

/// Index every blob in the trees of `trees` (root trees in commit order; the first
/// `excluded` belong to `--since`'s history).
///
/// The commits are cut into contiguous runs walked in parallel, each with its own set of
/// visited trees, and the runs' results merged in order: a blob's first appearance in the
/// earliest run that has it is its first appearance overall. The price is that each run
/// walks its first commit's tree in full, which is small next to a whole history.
pub(crate) fn index_blobs(
    repo: &gix::ThreadSafeRepository,
    trees: &[ObjectId],
    excluded: usize,
    other_paths_limit: usize,
) -> (BlobIndex, Vec<Skipped>) {
    let threads = rayon::current_num_threads();
    let runs = if threads <= 1 || trees.len() < MIN_COMMITS_PER_RUN * 2 {
        1
    } else {
        (threads * 2).min(trees.len() / MIN_COMMITS_PER_RUN)
    };
    let run_len = trees.len().div_ceil(runs).max(1);
    let parts: Vec<(BlobIndex, Vec<Skipped>)> = trees
        .par_chunks(run_len)
        .enumerate()
        .map(|(run, chunk)| {
            let mut repo = repo.to_thread_local();
            repo.objects.set_pack_cache(|| {
                Box::new(gix::odb::pack::cache::lru::MemoryCappedHashmap::new(
                    PACK_CACHE_BYTES,
                ))
            });
            let mut walk = TreeWalk::new(&repo, other_paths_limit);
            for (i, &tree) in chunk.iter().enumerate() {
                let pos = run * run_len + i;
                walk.commit(pos as u32, tree, pos < excluded);
            }
            (walk.index, walk.skipped)
        })
        .collect();
    merge_runs(parts, excluded, other_paths_limit)
}

/// Fewest commits worth a run of their own.
const MIN_COMMITS_PER_RUN: usize = 64;

/// Per walker: enough for the bases of trees along a few delta chains, so deltified trees
/// read one after another do not re-inflate whole chains. git's own default
/// (`core.deltaBaseCacheLimit`) is 96 MiB.
const PACK_CACHE_BYTES: usize = 32 << 20;

fn merge_runs(
    parts: Vec<(BlobIndex, Vec<Skipped>)>,
    excluded: usize,
    other_paths_limit: usize,
) -> (BlobIndex, Vec<Skipped>) {
    let mut parts = parts.into_iter();
    let Some((mut index, mut skipped)) = parts.next() else {
        return Default::default();
    };
    for (part, part_skipped) in parts {
        skipped.extend(part_skipped);
        for entry in part.blobs {
            let Some(&slot) = index.slots.get(&entry.id) else {
                index.slots.insert(entry.id, index.blobs.len() as u32);
                index.blobs.push(entry);
                continue;
            };
            // An earlier run had it, so its first appearance stands.
            let known = &mut index.blobs[slot as usize];
            if known.excluded {
                continue;
            }
            let overflow = entry.others_total - entry.others.len() as u32;
            for origin in std::iter::once(entry.first).chain(entry.others) {
                let seen = known.first.path == origin.path
                    || known.others.iter().any(|o| o.path == origin.path);
                if !seen {
                    known.others_total += 1;
                    if known.others.len() < other_paths_limit {
                        known.others.push(origin);
                    }
                }
            }
            known.others_total += overflow;
        }
    }
    debug_assert!(
        index
            .blobs
            .iter()
            .all(|b| b.excluded == ((b.first.commit as usize) < excluded))
    );
    skipped.sort_by(|a, b| a.path.cmp(&b.path));
    skipped.dedup_by(|a, b| a.path == b.path);
    (index, skipped)
}

/// Walks commits' trees, visiting each distinct tree once.
pub(crate) struct TreeWalk<'r> {
    repo: &'r gix::Repository,
    seen_trees: HashSet<ObjectId>,
    path: Vec<u8>,
    buffers: Vec<Vec<u8>>,
    other_paths_limit: usize,
    pub index: BlobIndex,
    pub skipped: Vec<Skipped>,
}

impl<'r> TreeWalk<'r> {
    pub fn new(repo: &'r gix::Repository, other_paths_limit: usize) -> Self {
        TreeWalk {
            repo,
            seen_trees: HashSet::default(),
            path: Vec::new(),
            buffers: Vec::new(),
            other_paths_limit,
            index: BlobIndex::default(),
            skipped: Vec::new(),
        }
    }

    /// Visit the root `tree` of the commit at position `commit`.
    pub fn commit(&mut self, commit: u32, tree: ObjectId, excluded: bool) {
        if !self.seen_trees.insert(tree) {
            return;
        }
        self.path.clear();
        self.tree(commit, &tree, 0, excluded);
    }

    fn tree(&mut self, commit: u32, id: &gix::oid, depth: usize, excluded: bool) {
        if self.buffers.len() <= depth {
            self.buffers.resize_with(depth + 1, Vec::new);
        }
        let mut buf = std::mem::take(&mut self.buffers[depth]);
        let (kind, hash) = match self.repo.objects.try_find(id, &mut buf) {
            Ok(Some(data)) => (data.kind, data.object_hash),
            Ok(None) => {
                let at = format!("tree {id} at {}", self.path_str());
                self.skipped
                    .push(unreadable(&at, "missing from the object database".into()));
                self.buffers[depth] = buf;
                return;
            }
            Err(e) => {
                let at = format!("tree {id} at {}", self.path_str());
                self.skipped.push(unreadable(&at, e.to_string()));
                self.buffers[depth] = buf;
                return;
            }
        };
        if kind != gix::objs::Kind::Tree {
            self.buffers[depth] = buf;
            return;
        }
        let dir_len = self.path.len();
        for entry in gix::objs::TreeRefIter::from_bytes(&buf, hash) {
            let entry = match entry {
                Ok(e) => e,
                Err(e) => {
                    let at = format!("tree {id} at {}", self.path_str());
                    self.skipped.push(malformed(&at, e.to_string()));
                    break;
                }
            };
            if dir_len > 0 {
                self.path.push(b'/');
            }
            self.path.extend_from_slice(entry.filename);
            if entry.mode.is_tree() {
                if self.seen_trees.insert(entry.oid.to_owned()) {
                    self.tree(commit, entry.oid, depth + 1, excluded);
                }
            } else if entry.mode.is_blob() {
                // Symlinks (their target path) and submodules (a commit) hold no content.
                self.blob(commit, entry.oid, excluded);
            }
            self.path.truncate(dir_len);
        }
        self.buffers[depth] = buf;
    }

    fn blob(&mut self, commit: u32, id: &gix::oid, excluded: bool) {
        let index = &mut self.index;
        match index.slots.get(id) {
            None => {
                index.slots.insert(id.to_owned(), index.blobs.len() as u32);
                let path: Box<str> = if excluded {
                    Box::from("")
                } else {
                    String::from_utf8_lossy(&self.path).into()
                };
                index.blobs.push(BlobEntry {
                    id: id.to_owned(),
                    first: Origin { commit, path },
                    others: Vec::new(),
                    others_total: 0,
                    excluded,
                });
            }
            Some(&slot) => {
                let entry = &mut index.blobs[slot as usize];
                if entry.excluded {
                    return;
                }
                let path = &self.path[..];
                let known = entry.first.path.as_bytes() == path
                    || entry.others.iter().any(|o| o.path.as_bytes() == path);
                if known {
                    return;
                }
                entry.others_total += 1;
                if entry.others.len() < self.other_paths_limit {
                    entry.others.push(Origin {
                        commit,
                        path: String::from_utf8_lossy(path).into(),
                    });
                }
            }
        }
    }

    fn path_str(&self) -> String {
        if self.path.is_empty() {
            "/".into()
        } else {
            String::from_utf8_lossy(&self.path).into_owned()
        }
    }
}

pub(crate) fn unreadable(path: &str, error: String) -> Skipped {
    Skipped {
        path: path.to_string(),
        reason: SkipReason::Unreadable { error },
    }
}

pub(crate) fn malformed(path: &str, error: String) -> Skipped {
    Skipped {
        path: path.to_string(),
        reason: SkipReason::Malformed { error },
    }
}
