//! Git history scanning: every blob reachable from any ref is scanned once, however many
//! commits hold it (the Nosey Parker approach, not a diff per commit), and each finding
//! says which commit, author, date and path introduced it.
//!
//! ```no_run
//! use steward_core::engine::Engine;
//! use steward_secrets::history::{HistoryOptions, scan_history};
//! use steward_secrets::{SecretsEngine, SecretsOptions};
//!
//! let engine = SecretsEngine::new(SecretsOptions::default())?;
//! let outcome = scan_history(".".as_ref(), &[&engine as &dyn Engine], &HistoryOptions::default())?;
//! for f in &outcome.findings {
//!     println!("{} {} in {}", f.location, f.message, f.properties["commit"]);
//! }
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! How it works, in three steps:
//!
//! 1. **Provenance first.** Commits reachable from all refs (and `HEAD`) are ordered
//!    parents first, oldest first among siblings, and their trees walked once each: a tree
//!    id already visited is skipped whole, so the walk is linear in distinct trees, not in
//!    commits times files. The first commit whose tree holds a blob introduced it; the path
//!    it had there is the path the blob is scanned and reported under, so path-dependent
//!    rules and fingerprints behave as in a tree scan. Only blobs found this way are scanned:
//!    unreachable garbage in the object database is never reported.
//! 2. **Blobs, once, in parallel.** Each pack is decoded whole with gitoxide's delta-tree
//!    traversal on every thread and each blob is scanned as soon as it is decoded, so
//!    memory holds only the blobs in flight. Binary blobs are skipped with a reason, and
//!    so are blobs over [`HistoryOptions::max_blob_size`] unless an engine scans large
//!    files (the secrets engine does, piece by piece); loose objects are read afterwards.
//! 3. **One finding per secret.** Findings with the same fingerprint (rule, path, secret)
//!    in several blobs, which is a file edited around a secret that stayed, are reported
//!    once, from the blob that came first; the others, and further paths the same blob had
//!    (renames, copies), are listed in `properties.also_in`. That list is best effort: a
//!    directory moved without changes keeps its tree id, so the walk does not enter it again
//!    and the blobs' new paths are not seen.
//!
//! Every finding carries `properties`: `commit`, `author`, `author_email`, `date`
//! (RFC 3339, the author date), `blob`, and `also_in` (`[{commit, path, blob}]`, at most
//! [`HistoryOptions::also_in_limit`], with `also_in_total` when there were more).
//!
//! With [`HistoryOptions::since`], blobs already in the history of that revision are
//! neither scanned nor reported, wherever else they appear later.

mod scan;
mod walk;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use steward_core::collect::{DEFAULT_MAX_FILE_SIZE, Skipped};
use steward_core::engine::Engine;
use steward_core::finding::{Finding, Fingerprint};
use steward_core::suppress::Suppression;

use scan::{BlobFindings, BlobScanner};
use walk::{BlobIndex, CommitOrder};

/// What to scan of a history, and how.
#[derive(Debug, Clone)]
pub struct HistoryOptions {
    /// Only blobs introduced after this revision: reachable from the refs but not from it.
    pub since: Option<String>,
    /// Blobs larger than this go only to engines that scan large files; with none, they
    /// are skipped with a reason.
    pub max_blob_size: u64,
    /// Threads for decoding and scanning; all cores when `None`.
    pub threads: Option<usize>,
    /// Most entries in a finding's `also_in`.
    pub also_in_limit: usize,
}

impl Default for HistoryOptions {
    fn default() -> Self {
        HistoryOptions {
            since: None,
            max_blob_size: DEFAULT_MAX_FILE_SIZE,
            threads: None,
            also_in_limit: 10,
        }
    }
}

/// What scanning a history produced.
#[derive(Debug, Default)]
pub struct HistoryOutcome {
    /// One per secret, at the path and commit that introduced it, in reading order.
    pub findings: Vec<Finding>,
    /// Inline suppressions in the blobs the findings come from, for triage.
    pub suppressions: Vec<Suppression>,
    /// Blobs (as `<commit>:<path>`), commits and packs that were not scanned, and why.
    pub skipped: Vec<Skipped>,
    /// Commits whose trees were walked (those after `since` only, when it is given).
    pub commits: usize,
    /// Distinct blobs in those commits.
    pub blobs: usize,
    /// Blobs whose content was scanned (not skipped).
    pub blobs_scanned: usize,
    pub bytes_scanned: u64,
}

/// Why a history could not be scanned at all. Unreadable objects are not errors: they are
/// skipped, with a reason, in [`HistoryOutcome::skipped`].
#[derive(Debug, thiserror::Error)]
pub enum HistoryError {
    #[error(
        "{} is not in a git repository ({message}); scan it without --history, or point at a repository",
        path.display()
    )]
    NotARepository { path: PathBuf, message: String },
    #[error("--since {rev}: {message} in {}", repo.display())]
    BadRevision {
        rev: String,
        repo: PathBuf,
        message: String,
    },
    #[error("reading the git repository at {}: {message}", repo.display())]
    Repository { repo: PathBuf, message: String },
}

/// Scan every blob reachable from the refs of the repository at (or above) `repo_path`
/// with `engines`, once each. See the [module documentation](self).
pub fn scan_history(
    repo_path: &Path,
    engines: &[&dyn Engine],
    opts: &HistoryOptions,
) -> Result<HistoryOutcome, HistoryError> {
    let repo = gix::discover(repo_path).map_err(|e| HistoryError::NotARepository {
        path: repo_path.to_path_buf(),
        message: e.to_string(),
    })?;
    let shared_repo = repo.clone().into_sync();
    let mut skipped = Vec::new();
    let tips = walk::ref_tips(&repo, &mut skipped).map_err(|message| HistoryError::Repository {
        repo: repo.git_dir().to_path_buf(),
        message,
    })?;
    let since = match &opts.since {
        Some(rev) => Some(resolve_since(&repo, rev)?),
        None => None,
    };
    let (order, trees) = walk::order_commits(&repo, &tips, since, &mut skipped);

    let objects_dirs = objects_dirs(&repo);
    let hash = repo.object_hash();
    let run = || {
        let (index, walk_skipped) =
            walk::index_blobs(&shared_repo, &trees, order.excluded, opts.also_in_limit);
        let scanner = BlobScanner::new(engines, &index, &order, opts.max_blob_size);
        scanner.scan_packs(&objects_dirs, opts.threads, hash);
        scanner.scan_remaining(&shared_repo);
        let outcome = (
            scanner.blobs_scanned.into_inner(),
            scanner.bytes_scanned.into_inner(),
            scanner.skipped.into_inner().unwrap_or_default(),
            scanner.results.into_inner().unwrap_or_default(),
        );
        (index, walk_skipped, outcome)
    };
    let pool = opts
        .threads
        .and_then(|n| rayon::ThreadPoolBuilder::new().num_threads(n).build().ok());
    let (index, walk_skipped, (blobs_scanned, bytes_scanned, scan_skipped, results)) = match pool {
        Some(pool) => pool.install(run),
        None => run(),
    };
    skipped.extend(walk_skipped);
    skipped.extend(scan_skipped);
    skipped.sort_by(|a, b| a.path.cmp(&b.path));
    let (findings, suppressions) = attribute(&repo, &index, &order, results, opts.also_in_limit);
    Ok(HistoryOutcome {
        findings,
        suppressions,
        skipped,
        commits: order.ids.len() - order.excluded,
        blobs: index.blobs.iter().filter(|b| !b.excluded).count(),
        blobs_scanned,
        bytes_scanned,
    })
}

fn resolve_since(repo: &gix::Repository, rev: &str) -> Result<gix::ObjectId, HistoryError> {
    let bad = |message: String| HistoryError::BadRevision {
        rev: rev.to_string(),
        repo: repo.git_dir().to_path_buf(),
        message,
    };
    let id = repo
        .rev_parse_single(rev)
        .map_err(|e| bad(format!("not a revision ({e})")))?
        .detach();
    walk::peel_to_commit(repo, id, &mut Vec::new())
        .ok_or_else(|| bad(format!("{id} is not a commit")))
}

/// The repository's objects directory and its alternates.
fn objects_dirs(repo: &gix::Repository) -> Vec<PathBuf> {
    let main = repo.common_dir().join("objects");
    let cwd = std::env::current_dir().unwrap_or_default();
    let mut dirs = vec![main.clone()];
    dirs.extend(gix::odb::alternate::resolve(main, &cwd).unwrap_or_default());
    dirs
}

/// Who made a commit, and when.
#[derive(Clone)]
struct CommitInfo {
    id: String,
    author: String,
    email: String,
    date: String,
}

fn commit_info(repo: &gix::Repository, id: gix::ObjectId) -> CommitInfo {
    use gix::objs::Find;
    let mut info = CommitInfo {
        id: id.to_string(),
        author: String::new(),
        email: String::new(),
        date: String::new(),
    };
    let mut buf = Vec::new();
    if let Ok(Some(data)) = repo.objects.try_find(&id, &mut buf)
        && let Ok(commit) = gix::objs::CommitRef::from_bytes(data.data, data.object_hash)
        && let Ok(author) = commit.author()
    {
        let author = author.trim();
        info.author = String::from_utf8_lossy(author.name).into_owned();
        info.email = String::from_utf8_lossy(author.email).into_owned();
        if let Ok(time) = author.time() {
            info.date = time.format_or_unix(gix::date::time::format::ISO8601_STRICT);
        }
    }
    info
}

/// A place a secret also appears: `(commit position, path, blob slot)`.
type Place = (u32, Box<str>, u32);

/// Turn per-blob findings into one finding per fingerprint, at the blob that came first,
/// with provenance in its properties.
fn attribute(
    repo: &gix::Repository,
    index: &BlobIndex,
    order: &CommitOrder,
    mut results: Vec<BlobFindings>,
    also_in_limit: usize,
) -> (Vec<Finding>, Vec<Suppression>) {
    let first_commit = |slot: u32| index.blobs[slot as usize].first.commit;
    results.sort_by_key(|r| (first_commit(r.slot), r.slot));

    struct Group {
        winner: u32,
        findings: Vec<Finding>,
        also: Vec<Place>,
    }
    let mut groups: Vec<Group> = Vec::new();
    let mut group_of: HashMap<Fingerprint, usize> = HashMap::new();
    let mut suppressions = Vec::new();
    for result in results {
        let slot = result.slot;
        let blob = &index.blobs[slot as usize];
        let mut won = Vec::new();
        for finding in result.findings {
            match group_of.get(&finding.fingerprint) {
                None => {
                    group_of.insert(finding.fingerprint.clone(), groups.len());
                    won.push(finding.clone());
                    groups.push(Group {
                        winner: slot,
                        findings: vec![finding],
                        also: Vec::new(),
                    });
                }
                Some(&g) if groups[g].winner == slot => {
                    // The same secret twice in one blob: both are reported, as in a tree scan.
                    won.push(finding.clone());
                    groups[g].findings.push(finding);
                }
                Some(&g) => {
                    let also = &mut groups[g].also;
                    if !also.iter().any(|p| p.2 == slot) {
                        also.push((blob.first.commit, blob.first.path.clone(), slot));
                    }
                }
            }
        }
        suppressions.extend(result.suppressions.into_iter().filter(|s| {
            won.iter()
                .any(|f| s.covers(&f.rule_id, &f.location.path, f.location.start_line))
        }));
    }

    let mut commits: HashMap<u32, CommitInfo> = HashMap::new();
    let mut info = |pos: u32| -> CommitInfo {
        commits
            .entry(pos)
            .or_insert_with(|| commit_info(repo, order.ids[pos as usize]))
            .clone()
    };
    let mut out = Vec::new();
    for group in groups {
        let blob = &index.blobs[group.winner as usize];
        let mut also: Vec<Place> = blob
            .others
            .iter()
            .map(|o| (o.commit, o.path.clone(), group.winner))
            .collect();
        also.extend(group.also);
        also.sort();
        let total = also.len() + (blob.others_total as usize - blob.others.len());
        let also_json: Vec<serde_json::Value> = also
            .iter()
            .take(also_in_limit)
            .map(|(commit, path, slot)| {
                serde_json::json!({
                    "commit": info(*commit).id,
                    "path": path,
                    "blob": index.blobs[*slot as usize].id.to_string(),
                })
            })
            .collect();
        let commit = info(blob.first.commit);
        for mut finding in group.findings {
            let props = &mut finding.properties;
            props.insert("commit".into(), commit.id.clone().into());
            props.insert("author".into(), commit.author.clone().into());
            props.insert("author_email".into(), commit.email.clone().into());
            props.insert("date".into(), commit.date.clone().into());
            props.insert("blob".into(), blob.id.to_string().into());
            if !also_json.is_empty() {
                props.insert("also_in".into(), also_json.clone().into());
            }
            if total > also_json.len() {
                props.insert("also_in_total".into(), total.into());
            }
            out.push(finding);
        }
    }
    out.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    suppressions.sort_by(|a, b| (&a.path, a.line).cmp(&(&b.path, b.line)));
    suppressions.dedup_by(|a, b| a.path == b.path && a.line == b.line);
    (out, suppressions)
}
