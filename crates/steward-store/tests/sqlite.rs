//! The ledger on SQLite: round trip, tamper detection, concurrent writers, and errors.

mod common;

use common::{SqliteStore, Store};
use steward_store::{Error, Ledger, StoreKind};

macro_rules! scenarios {
    ($($name:ident),* $(,)?) => {
        $(
            #[test]
            fn $name() {
                common::$name(&SqliteStore::new());
            }
        )*
    };
}

scenarios!(
    round_trip,
    empty_export_is_valid_json,
    rejects_invalid_records,
    detects_altered_content,
    detects_altered_counts_and_payload,
    detects_deleted_middle_record,
    detects_deleted_last_record,
    detects_deleted_everything,
    detects_deleted_head_row,
    detects_swapped_records,
    detects_swapped_neighbours,
    detects_rewritten_record_by_its_successor,
    detects_replaced_last_record,
    detects_inserted_rows,
    survives_undecodable_rows,
    survives_extreme_seq,
    export_verifies_offline,
    concurrent_writers,
);

#[test]
fn opens_the_default_layout_and_uses_wal() {
    let store = SqliteStore::new();
    let ledger = Ledger::open(&store.spec()).unwrap();
    assert_eq!(ledger.store_kind(), StoreKind::Sqlite);
    assert_eq!(ledger.location(), store.spec());
    let conn = rusqlite::Connection::open(&store.path).unwrap();
    let mode: String = conn
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
    let versions: Vec<i64> = conn
        .prepare("SELECT version FROM schema_migrations")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(versions, [steward_store::SCHEMA_VERSION]);
}

#[test]
fn reopening_does_not_reapply_migrations() {
    let store = SqliteStore::new();
    for _ in 0..3 {
        let mut ledger = store.open();
        ledger.append(common::sample(1, "scan")).unwrap();
    }
    let mut ledger = store.open();
    assert_eq!(ledger.head().unwrap().unwrap().seq, 3);
    assert!(ledger.verify().unwrap().is_intact());
}

#[test]
fn refuses_a_schema_from_a_newer_steward() {
    let store = SqliteStore::new();
    drop(store.open());
    store.exec("INSERT INTO schema_migrations (version, applied_at) VALUES (99, 'later')");
    let err = Ledger::open(&store.spec()).unwrap_err();
    assert!(
        matches!(err, Error::SchemaTooNew { found: 99, .. }),
        "{err}"
    );
    assert!(err.to_string().contains("upgrade steward"), "{err}");
}

#[test]
fn a_directory_that_cannot_be_created_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let blocker = dir.path().join("not-a-dir");
    std::fs::write(&blocker, "a file where a directory should be").unwrap();
    let path = blocker.join("ledger").join("ledger.db");
    let err = Ledger::open(&path.display().to_string()).unwrap_err();
    assert!(matches!(err, Error::CreateDir { .. }), "{err:?}");
    let message = err.to_string();
    assert!(
        message.contains(&blocker.join("ledger").display().to_string()),
        "{message}"
    );
    assert!(message.contains("check that the path"), "{message}");
}

#[test]
fn a_file_that_is_not_a_ledger_is_refused_clearly() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ledger.db");
    std::fs::write(&path, vec![b'x'; 4096]).unwrap();
    let err = Ledger::open(&path.display().to_string()).unwrap_err();
    let message = err.to_string();
    assert!(
        message.contains("cannot open the SQLite ledger"),
        "{message}"
    );
    assert!(message.contains(&path.display().to_string()), "{message}");
}

#[test]
fn a_directory_as_the_ledger_path_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let err = Ledger::open(&dir.path().display().to_string()).unwrap_err();
    assert!(err.to_string().contains("is a directory"), "{err}");
}

#[test]
fn specs_that_are_not_stores_are_refused() {
    assert!(matches!(
        Ledger::open("  ").unwrap_err(),
        Error::InvalidSpec { .. }
    ));
    let err = Ledger::open("mysql://root:hunter2@db/ledger").unwrap_err();
    let message = err.to_string();
    assert!(
        message.contains("mysql:// is not a supported store"),
        "{message}"
    );
    assert!(!message.contains("hunter2"), "{message}");
}
