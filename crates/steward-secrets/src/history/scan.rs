//! Reading and scanning every blob once. Packs are decoded whole with gitoxide's delta-tree
//! traversal (each base inflated once, deltas resolved on all threads), and each blob is
//! scanned the moment it is decoded, so memory holds only the blobs being worked on.
//! Blobs no pack yielded (loose objects, undecodable entries) are then read one by one.

use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};

use rayon::prelude::*;
use steward_core::collect::{SkipReason, Skipped, looks_binary};
use steward_core::engine::{Engine, SourceFile};
use steward_core::finding::Finding;
use steward_core::suppress::{Suppression, parse_suppressions};

use super::walk::{BlobIndex, CommitOrder, unreadable};

/// A blob that had findings.
pub(crate) struct BlobFindings {
    pub slot: u32,
    pub findings: Vec<Finding>,
    pub suppressions: Vec<Suppression>,
}

/// Scans blobs of `index` as they are handed over, each at most once.
pub(crate) struct BlobScanner<'a> {
    pub engines: &'a [&'a dyn Engine],
    pub index: &'a BlobIndex,
    pub order: &'a CommitOrder,
    pub max_blob_size: u64,
    claimed: Vec<AtomicBool>,
    pub blobs_scanned: AtomicUsize,
    pub bytes_scanned: AtomicU64,
    pub results: Mutex<Vec<BlobFindings>>,
    pub skipped: Mutex<Vec<Skipped>>,
}

impl<'a> BlobScanner<'a> {
    pub fn new(
        engines: &'a [&'a dyn Engine],
        index: &'a BlobIndex,
        order: &'a CommitOrder,
        max_blob_size: u64,
    ) -> Self {
        BlobScanner {
            engines,
            index,
            order,
            max_blob_size,
            // Excluded blobs count as done from the start.
            claimed: index
                .blobs
                .iter()
                .map(|b| AtomicBool::new(b.excluded))
                .collect(),
            blobs_scanned: AtomicUsize::new(0),
            bytes_scanned: AtomicU64::new(0),
            results: Mutex::new(Vec::new()),
            skipped: Mutex::new(Vec::new()),
        }
    }

    /// Scan the blob `id` with content `bytes`, unless it is not part of the history being
    /// scanned or was already scanned.
    pub fn offer(&self, id: &gix::oid, bytes: &[u8]) {
        if let Some(&slot) = self.index.slots.get(id)
            && !self.claimed[slot as usize].swap(true, Ordering::Relaxed)
        {
            self.scan(slot, bytes);
        }
    }

    fn scan(&self, slot: u32, bytes: &[u8]) {
        let blob = &self.index.blobs[slot as usize];
        let path = &*blob.first.path;
        let size = bytes.len() as u64;
        // The blob is in memory already: over the limit, it still goes to the engines that
        // scan large files (they work through it piece by piece), and only to them.
        let large = size > self.max_blob_size;
        if large && !self.engines.iter().any(|e| e.scans_large_files()) {
            self.skip(
                slot,
                SkipReason::TooLarge {
                    size,
                    limit: self.max_blob_size,
                },
            );
            return;
        }
        let file = SourceFile {
            rel_path: path,
            bytes,
        };
        let mut findings = Vec::new();
        if looks_binary(bytes) {
            // Binary blobs go to the engines that recognise binary formats (keystores).
            let mut known = false;
            for engine in self.engines {
                if engine.wants_file(path) {
                    known |= engine.scan_binary(&file, &mut findings);
                }
            }
            if !known {
                self.skip(slot, SkipReason::Binary);
                return;
            }
        } else {
            for engine in self.engines {
                if engine.wants_file(path) && (!large || engine.scans_large_files()) {
                    engine.scan_file(&file, &mut findings);
                }
            }
        }
        self.blobs_scanned.fetch_add(1, Ordering::Relaxed);
        self.bytes_scanned.fetch_add(size, Ordering::Relaxed);
        if findings.is_empty() {
            return;
        }
        let suppressions = parse_suppressions(path, bytes);
        if let Ok(mut results) = self.results.lock() {
            results.push(BlobFindings {
                slot,
                findings,
                suppressions,
            });
        }
    }

    fn skip(&self, slot: u32, reason: SkipReason) {
        let skip = Skipped {
            path: self.display_path(slot),
            reason,
        };
        if let Ok(mut skipped) = self.skipped.lock() {
            skipped.push(skip);
        }
    }

    /// `<commit>:<path>`, as `git show` takes it.
    pub fn display_path(&self, slot: u32) -> String {
        let blob = &self.index.blobs[slot as usize];
        let commit = self.order.ids[blob.first.commit as usize].to_hex_with_len(12);
        format!("{commit}:{}", blob.first.path)
    }

    /// Decode every pack under `objects_dirs` and scan the blobs in them.
    pub fn scan_packs(
        &self,
        objects_dirs: &[PathBuf],
        threads: Option<usize>,
        hash: gix::hash::Kind,
    ) {
        for dir in objects_dirs {
            for idx in pack_indices(dir) {
                if self.all_claimed() {
                    return;
                }
                let bundle = match gix::odb::pack::Bundle::at(&idx, hash) {
                    Ok(b) => b,
                    Err(e) => {
                        self.push_skip(unreadable(&idx.display().to_string(), e.to_string()));
                        continue;
                    }
                };
                let interrupt = AtomicBool::new(false);
                let processor = |kind: gix::objs::Kind,
                                 data: &[u8],
                                 entry: &gix::odb::pack::index::Entry,
                                 _: &dyn gix::Progress|
                 -> gix::Result {
                    if kind == gix::objs::Kind::Blob {
                        self.offer(&entry.oid, data);
                    }
                    Ok(())
                };
                let options = gix::odb::pack::index::traverse::with_index::Options {
                    thread_limit: threads,
                    // Object ids come from the index and every object is decoded anyway:
                    // hashing 600 MB again would double the work. A corrupt entry is
                    // skipped, and its blob is then read on its own below, which names it.
                    check: gix::odb::pack::index::traverse::SafetyCheck::SkipFileAndObjectChecksumVerificationAndNoAbortOnDecodeError,
                    alloc_limit_bytes: None,
                };
                if let Err(e) = bundle.index.traverse_with_index(
                    &bundle.pack,
                    processor,
                    &mut gix::progress::Discard,
                    &interrupt,
                    options,
                ) {
                    self.push_skip(unreadable(&idx.display().to_string(), e.to_string()));
                }
            }
        }
    }

    /// Read and scan, one at a time on all threads, every blob no pack yielded.
    pub fn scan_remaining(&self, repo: &gix::ThreadSafeRepository) {
        let remaining: Vec<u32> = (0..self.claimed.len() as u32)
            .filter(|&i| !self.claimed[i as usize].load(Ordering::Relaxed))
            .collect();
        remaining.par_iter().for_each_init(
            || (repo.to_thread_local(), Vec::new()),
            |(repo, buf), &slot| {
                if self.claimed[slot as usize].swap(true, Ordering::Relaxed) {
                    return;
                }
                let id = self.index.blobs[slot as usize].id;
                use gix::objs::Find;
                match repo.objects.try_find(&id, buf) {
                    Ok(Some(data)) => self.scan(slot, data.data),
                    Ok(None) => self.skip(
                        slot,
                        SkipReason::Unreadable {
                            error: format!("blob {id} is missing from the object database"),
                        },
                    ),
                    Err(e) => self.skip(
                        slot,
                        SkipReason::Unreadable {
                            error: format!("blob {id}: {e}"),
                        },
                    ),
                }
            },
        );
    }

    fn all_claimed(&self) -> bool {
        self.claimed.iter().all(|c| c.load(Ordering::Relaxed))
    }

    fn push_skip(&self, skip: Skipped) {
        if let Ok(mut skipped) = self.skipped.lock() {
            skipped.push(skip);
        }
    }
}

/// The pack index files of an objects directory.
fn pack_indices(objects_dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(objects_dir.join("pack")) else {
        return Vec::new();
    };
    let mut out: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "idx"))
        .collect();
    out.sort();
    out
}
