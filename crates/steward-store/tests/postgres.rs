//! The ledger on PostgreSQL: the same scenarios as SQLite against a real server, plus
//! connection errors.
//!
//! Needs `STEWARD_TEST_POSTGRES` (e.g. the URL `tests/start-postgres.sh` prints). Without it
//! the server tests are skipped with a note, unless `CI` is set, where they fail: CI must test
//! PostgreSQL. Each test works in a fresh schema, dropped afterwards.

mod common;

use std::time::{Duration, Instant};

use common::{PgStore, Store, connect, server_url, with_search_path};
use steward_store::{Error, Ledger, StoreKind};

macro_rules! scenarios {
    ($($name:ident),* $(,)?) => {
        $(
            #[test]
            fn $name() {
                let Some(store) = PgStore::new() else { return };
                common::$name(&store);
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
fn an_unreachable_server_is_named_without_the_password() {
    let started = Instant::now();
    let err = Ledger::open("postgres://u:secret@127.0.0.1:1/x").unwrap_err();
    assert!(
        started.elapsed() < Duration::from_secs(15),
        "took {:?}",
        started.elapsed()
    );
    assert!(matches!(err, Error::PostgresConnect { .. }), "{err:?}");
    let message = err.to_string();
    assert!(message.contains("127.0.0.1:1"), "{message}");
    assert!(
        message.contains("check that PostgreSQL is running"),
        "{message}"
    );
    assert!(!message.contains("secret"), "{message}");
    assert!(!format!("{err:?}").contains("secret"), "{err:?}");
}

#[test]
fn an_unparsable_url_is_refused_without_the_password() {
    let err = Ledger::open("postgres://u:secret@127.0.0.1:notaport/x").unwrap_err();
    assert!(matches!(err, Error::PostgresUrl { .. }), "{err:?}");
    assert!(!err.to_string().contains("secret"), "{err}");
}

#[test]
fn tls_required_is_refused_with_an_explanation() {
    let err = Ledger::open("postgresql://u:secret@127.0.0.1:1/x?sslmode=require").unwrap_err();
    let message = err.to_string();
    assert!(
        message.contains("sslmode=require is not supported"),
        "{message}"
    );
    assert!(!message.contains("secret"), "{message}");
}

#[test]
fn opens_and_reports_a_redacted_location() {
    let Some(store) = PgStore::new() else { return };
    let ledger = store.open();
    assert_eq!(ledger.store_kind(), StoreKind::Postgres);
    assert!(ledger.location().contains(":***@"), "{}", ledger.location());
    let mut client = connect(&store.url);
    let versions: Vec<i64> = client
        .query("SELECT version FROM schema_migrations", &[])
        .unwrap()
        .iter()
        .map(|row| row.get(0))
        .collect();
    assert_eq!(versions, [steward_store::SCHEMA_VERSION]);
}

#[test]
fn a_wrong_password_says_what_to_check() {
    let Some(server) = server_url() else { return };
    let mut config: postgres::Config = server.parse().unwrap();
    config.password("definitely-not-the-password");
    let host = match &config.get_hosts()[0] {
        postgres::config::Host::Tcp(h) => h.clone(),
        other => panic!("the test server should be TCP, not {other:?}"),
    };
    let port = config.get_ports().first().copied().unwrap_or(5432);
    let user = config.get_user().unwrap_or("steward").to_string();
    let db = config.get_dbname().unwrap_or("steward_test").to_string();
    let err = Ledger::open(&format!(
        "postgres://{user}:definitely-not-the-password@{host}:{port}/{db}"
    ))
    .unwrap_err();
    let message = err.to_string();
    assert!(
        !message.contains("definitely-not-the-password"),
        "{message}"
    );
    assert!(message.contains(&format!("{host}:{port}")), "{message}");
    assert!(message.contains("password"), "{message}");
}

#[test]
fn a_missing_database_says_so() {
    let Some(server) = server_url() else { return };
    let config: postgres::Config = server.parse().unwrap();
    let db = config.get_dbname().unwrap_or("steward_test");
    let url = server.replacen(&format!("/{db}"), "/steward_no_such_database", 1);
    let err = Ledger::open(&url).unwrap_err();
    let message = err.to_string();
    assert!(message.contains("does not exist"), "{message}");
    assert!(message.contains("createdb"), "{message}");
}

#[test]
fn a_search_path_without_a_schema_is_refused() {
    let Some(server) = server_url() else { return };
    let err = Ledger::open(&with_search_path(&server, "steward_no_such_schema")).unwrap_err();
    assert!(err.to_string().contains("search_path"), "{err}");
}

#[test]
fn ledgers_in_different_schemas_are_independent() {
    let (Some(a), Some(b)) = (PgStore::new(), PgStore::new()) else {
        return;
    };
    let mut first = a.open();
    let mut second = b.open();
    common::fill(&mut first, 3);
    common::fill(&mut second, 1);
    assert_eq!(first.head().unwrap().unwrap().seq, 3);
    assert_eq!(second.head().unwrap().unwrap().seq, 1);
    assert!(first.verify().unwrap().is_intact());
    assert!(second.verify().unwrap().is_intact());
}

#[test]
fn a_role_without_privileges_is_told_what_to_grant() {
    let Some(server) = server_url() else { return };
    let Some(store) = PgStore::new() else { return };
    let role = format!("{}_role", store.schema());
    let mut admin = connect(&server);
    admin
        .batch_execute(&format!("CREATE ROLE {role} LOGIN PASSWORD 'unprivileged'"))
        .unwrap();
    let config: postgres::Config = server.parse().unwrap();
    let host = match &config.get_hosts()[0] {
        postgres::config::Host::Tcp(h) => h.clone(),
        other => panic!("the test server should be TCP, not {other:?}"),
    };
    let port = config.get_ports().first().copied().unwrap_or(5432);
    let db = config.get_dbname().unwrap_or("steward_test").to_string();
    let url = with_search_path(
        &format!("postgres://{role}:unprivileged@{host}:{port}/{db}"),
        store.schema(),
    );
    let without_usage = Ledger::open(&url);
    admin
        .batch_execute(&format!(
            "GRANT USAGE ON SCHEMA {} TO {role}",
            store.schema()
        ))
        .unwrap();
    let without_create = Ledger::open(&url);
    admin
        .batch_execute(&format!(
            "REVOKE ALL ON SCHEMA {} FROM {role}; DROP ROLE {role}",
            store.schema()
        ))
        .unwrap();
    let message = without_usage.unwrap_err().to_string();
    assert!(message.contains("this role may use"), "{message}");
    let message = without_create.unwrap_err().to_string();
    assert!(message.contains("permission denied"), "{message}");
    assert!(
        message.contains("GRANT CREATE, USAGE ON SCHEMA"),
        "{message}"
    );
    assert!(!message.contains("unprivileged@"), "{message}");
}
