//! Builds the advisory database from the real advisory exports in ../shared/data/osv and
//! matches real packages against it.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use steward_deps::db::{AdvisoryDb, SourceUpdate, update};
use steward_deps::matching::advisory_affects;
use steward_deps::version::Ecosystem;

fn osv(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/data/osv")
        .join(name)
}

const SOURCES: [&str; 7] = [
    "PyPI-all.zip",
    "Go-all.zip",
    "npm-all.zip",
    "Rust-crates-all.zip",
    "RubySec-ruby-advisory-db.tar.gz",
    "FriendsOfPHP-security-advisories.tar.gz",
    "RustSec-advisory-db.tar.gz",
];

/// One database of every source, built once for all tests in this file.
fn full_db() -> &'static Path {
    &built().1
}

/// The database and what building it reported.
fn built() -> &'static (tempfile::TempDir, PathBuf, Vec<SourceUpdate>) {
    static DB: OnceLock<(tempfile::TempDir, PathBuf, Vec<SourceUpdate>)> = OnceLock::new();
    DB.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("advisories.db");
        let sources: Vec<PathBuf> = SOURCES.iter().map(|s| osv(s)).collect();
        let result = update(&path, &sources).unwrap();
        for r in &result {
            eprintln!(
                "{}: {} advisories, {} withdrawn, {} errors {:?}",
                r.location, r.advisories, r.withdrawn, r.error_count, r.errors
            );
        }
        (dir, path, result)
    })
}

/// Ids of the advisories that cover `name@version`.
fn matches(db: &AdvisoryDb, eco: Ecosystem, name: &str, version: &str) -> Vec<String> {
    let mut ids: Vec<String> = db
        .lookup(eco.as_str(), name)
        .unwrap()
        .iter()
        .filter(|a| advisory_affects(a, eco, name, version).unwrap().is_some())
        .map(|a| a.id.clone())
        .collect();
    ids.sort();
    ids.dedup();
    ids
}

#[test]
fn every_source_imports_with_its_advisory_count() {
    let db = AdvisoryDb::open(full_db()).unwrap();
    let status = db.status().unwrap();
    let count = |suffix: &str| {
        status
            .sources
            .iter()
            .find(|s| s.location.ends_with(suffix))
            .unwrap_or_else(|| panic!("{suffix} in {status:?}"))
            .clone()
    };
    let records = |suffix: &str| {
        built()
            .2
            .iter()
            .find(|s| s.location.ends_with(suffix))
            .unwrap()
            .records
    };
    // The counts shared/data's README gives for each export.
    assert_eq!(records("PyPI-all.zip"), 2661);
    assert_eq!(records("Go-all.zip"), 4291);
    assert_eq!(records("npm-all.zip"), 467);
    assert_eq!(records("Rust-crates-all.zip"), 1206);
    assert_eq!(records("RubySec-ruby-advisory-db.tar.gz"), 1234);
    assert_eq!(records("FriendsOfPHP-security-advisories.tar.gz"), 1592);
    assert!(records("RustSec-advisory-db.tar.gz") > 900);
    // One advisory per id: the per-package formats file one vulnerability once per package.
    assert_eq!(count("PyPI-all.zip").advisories, 2661);
    assert!(count("RubySec-ruby-advisory-db.tar.gz").advisories < 1234);
    for s in &status.sources {
        assert_eq!(s.errors, 0, "{s:?}");
        assert!(!s.location.contains(".."), "{s:?}");
    }
    assert_eq!(count("Rust-crates-all.zip").informational, 476);
    assert!(count("Go-all.zip").withdrawn > 0);
}

#[test]
fn real_vulnerable_pins_match_and_fixed_ones_do_not() {
    let db = AdvisoryDb::open(full_db()).unwrap();
    // abi_stable < 0.9.1 (RUSTSEC-2020-0105), from both the OSV export and the RustSec repo.
    let ids = matches(&db, Ecosystem::CratesIo, "abi_stable", "0.8.0");
    assert!(ids.contains(&"RUSTSEC-2020-0105".to_string()), "{ids:?}");
    assert!(matches(&db, Ecosystem::CratesIo, "abi_stable", "0.9.1").is_empty());
}

#[test]
fn updating_again_changes_nothing_and_a_bad_source_leaves_the_database() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("db").join("advisories.db");
    let first = update(&path, &[osv("npm-all.zip")]).unwrap();
    assert_eq!(first[0].added, 467);
    // No sources: the recorded ones are read again; content is compared, not dates.
    let again = update(&path, &[]).unwrap();
    assert_eq!(
        (again[0].added, again[0].changed, again[0].removed),
        (0, 0, 0)
    );

    let bad = dir.path().join("broken.zip");
    std::fs::write(&bad, b"PK\x03\x04 not really").unwrap();
    let err = update(&path, std::slice::from_ref(&bad))
        .unwrap_err()
        .to_string();
    assert!(err.contains("broken.zip"), "{err}");
    let db = AdvisoryDb::open(&path).unwrap();
    assert_eq!(db.status().unwrap().sources.len(), 1);
    let geddy = db.lookup("npm", "geddy").unwrap();
    assert_eq!(geddy.len(), 1, "the old database still answers");
    assert_eq!(
        matches(&db, Ecosystem::Npm, "geddy", "13.0.7"),
        ["NSWG-ECO-10"]
    );
    assert!(matches(&db, Ecosystem::Npm, "geddy", "13.0.8").is_empty());
    // No temporary files are left behind.
    let leftovers: Vec<_> = std::fs::read_dir(path.parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(leftovers, [std::ffi::OsString::from("advisories.db")]);
}

#[test]
fn a_missing_database_says_how_to_build_one() {
    let err = AdvisoryDb::open(Path::new("/nonexistent/advisories.db"))
        .err()
        .unwrap()
        .to_string();
    assert!(err.contains("steward db update --source"), "{err}");
}

/// A mirror on 127.0.0.1 serving `body` at `/mirror/npm-all.zip` and 404 elsewhere, for
/// `requests` requests; its base URL.
fn mirror(body: Vec<u8>, requests: usize) -> String {
    use std::io::{BufRead, BufReader, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    std::thread::spawn(move || {
        for stream in listener.incoming().take(requests) {
            let mut stream = stream.unwrap();
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let mut request_line = String::new();
            reader.read_line(&mut request_line).unwrap();
            loop {
                let mut header = String::new();
                if reader.read_line(&mut header).unwrap() == 0 || header == "\r\n" {
                    break;
                }
            }
            let path = request_line.split_whitespace().nth(1).unwrap_or("");
            if path == "/mirror/npm-all.zip" {
                let head = format!(
                    "HTTP/1.1 200 OK\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                    body.len()
                );
                stream.write_all(head.as_bytes()).unwrap();
                stream.write_all(&body).unwrap();
            } else {
                stream
                    .write_all(
                        b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
                    )
                    .unwrap();
            }
        }
    });
    base
}

#[test]
fn a_mirror_url_is_a_source_and_is_fetched_again_on_update() {
    let zip = std::fs::read(osv("npm-all.zip")).unwrap();
    let base = mirror(zip, 3);
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("advisories.db");
    let url = format!("{base}/mirror/npm-all.zip");
    let result = update(&db, &[PathBuf::from(&url)]).unwrap();
    assert_eq!(result.len(), 1);
    assert_eq!(result[0].advisories, 467);
    // The database records the URL, so an update without sources fetches it again.
    let status = AdvisoryDb::open(&db).unwrap().status().unwrap();
    assert_eq!(status.sources[0].location, url);
    let again = update(&db, &[]).unwrap();
    assert_eq!((again[0].advisories, again[0].added), (467, 0));

    // A URL the mirror does not have is an error that names it, and the database is intact.
    let missing = format!("{base}/mirror/PyPI-all.zip");
    let err = update(&db, &[PathBuf::from(&missing)])
        .unwrap_err()
        .to_string();
    assert!(err.starts_with(&missing), "{err}");
    assert!(err.contains("404"), "{err}");
    let status = AdvisoryDb::open(&db).unwrap().status().unwrap();
    assert_eq!(status.sources.len(), 1);
    assert_eq!(status.sources[0].advisories, 467);
    // No download is left beside the database.
    let left: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(
        left,
        [std::ffi::OsString::from("advisories.db")],
        "{left:?}"
    );
    // A URL must name an archive.
    let err = update(&db, &[PathBuf::from(format!("{base}/mirror/"))])
        .unwrap_err()
        .to_string();
    assert!(err.contains("must name a .zip or .tar.gz"), "{err}");
}
