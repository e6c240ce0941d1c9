//! `steward dlp postgres://…` against a real PostgreSQL (STEWARD_TEST_POSTGRES, which
//! .ci/run starts): card numbers in a column are found masked, located by table, column
//! and row, checked against the asset steward.toml declares, and the password never shows.
//! Each test works in a schema of its own.

use assert_cmd::Command;

fn steward(dir: &std::path::Path) -> Command {
    let mut c = Command::cargo_bin("steward").unwrap();
    c.env_remove("STEWARD_STORE")
        .env("NO_COLOR", "1")
        .current_dir(dir);
    c
}

fn database() -> Option<String> {
    match std::env::var("STEWARD_TEST_POSTGRES") {
        Ok(url) => Some(url),
        Err(_) if std::env::var_os("CI").is_some() => {
            panic!("PostgreSQL (STEWARD_TEST_POSTGRES) is required under CI (.ci/run starts it)")
        }
        Err(_) => {
            eprintln!("skipping: STEWARD_TEST_POSTGRES is not set");
            None
        }
    }
}

/// A 16-digit number with the given 15-digit prefix and its Luhn check digit.
fn luhn(prefix: &str) -> String {
    let digits: Vec<u32> = prefix.chars().map(|c| c.to_digit(10).unwrap()).collect();
    let sum: u32 = digits
        .iter()
        .rev()
        .enumerate()
        .map(|(i, &d)| {
            if i % 2 == 0 {
                let x = d * 2;
                if x > 9 { x - 9 } else { x }
            } else {
                d
            }
        })
        .sum();
    format!("{prefix}{}", (10 - sum % 10) % 10)
}

/// A schema holding `customers` (names, emails, card numbers) and `audit` (nothing
/// sensitive), dropped when the guard goes.
struct Schema {
    url: String,
    name: String,
}

impl Schema {
    fn new(url: &str, tag: &str) -> Schema {
        let name = format!("dlp_{tag}_{}", std::process::id());
        let mut client = postgres::Client::connect(url, postgres::NoTls).unwrap();
        let cards: Vec<String> = (0..5)
            .map(|i| luhn(&format!("45391488034{i:04}")))
            .collect();
        let mut sql = format!(
            "DROP SCHEMA IF EXISTS {name} CASCADE; CREATE SCHEMA {name};
             CREATE TABLE {name}.customers (id int, name text, email text, card_number text, notes text);
             CREATE TABLE {name}.audit (id int, action text, at timestamptz);
             INSERT INTO {name}.audit VALUES (1, 'login', now()), (2, 'logout', now());"
        );
        for (i, card) in cards.iter().enumerate() {
            sql.push_str(&format!(
                "INSERT INTO {name}.customers VALUES ({i}, 'Customer {i}', 'c{i}@example.org', '{card}', {});",
                if i == 3 { "'called back\nabout the refund'" } else { "NULL" }
            ));
        }
        client.batch_execute(&sql).unwrap();
        Schema {
            url: url.to_string(),
            name,
        }
    }

    fn target(&self, table: &str) -> String {
        let sep = if self.url.contains('?') { '&' } else { '?' };
        format!("{}{sep}table={}.{table}", self.url, self.name)
    }
}

impl Drop for Schema {
    fn drop(&mut self) {
        if let Ok(mut c) = postgres::Client::connect(&self.url, postgres::NoTls) {
            let _ = c.batch_execute(&format!("DROP SCHEMA IF EXISTS {} CASCADE", self.name));
        }
    }
}

fn password(url: &str) -> Option<String> {
    let authority = url.split("://").nth(1)?.split('/').next()?;
    let userinfo = authority.rsplit_once('@')?.0;
    userinfo.split_once(':').map(|(_, p)| p.to_string())
}

#[test]
fn card_numbers_in_a_column_are_found_by_table_column_and_row() {
    let Some(url) = database() else { return };
    let schema = Schema::new(&url, "cards");
    let dir = tempfile::tempdir().unwrap();
    let out = steward(dir.path())
        .args([
            "dlp",
            &schema.target("customers"),
            "-f",
            "json",
            "--no-ledger",
        ])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    // Card numbers are high: the default gate fails.
    assert_eq!(out.status.code(), Some(1), "{stderr}\n{stdout}");
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let cards: Vec<&serde_json::Value> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule_id"] == "dlp/card-number")
        .collect();
    assert_eq!(cards.len(), 5, "{stdout}");
    let first = cards
        .iter()
        .find(|f| f["properties"]["row"] == 1)
        .expect("row 1 holds a card");
    let path = first["location"]["path"].as_str().unwrap();
    assert!(
        path.ends_with(&format!("/{}.customers/card_number", schema.name)),
        "{path}"
    );
    assert!(path.starts_with("postgres://"), "{path}");
    assert_eq!(first["properties"]["column"], "card_number");
    // The multi-line note did not shift the rows after it.
    assert!(cards.iter().any(|f| f["properties"]["row"] == 5));
    assert!(
        report["findings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["rule_id"] == "dlp/email"
                && f["location"]["path"].as_str().unwrap().ends_with("/email"))
    );
    for card in (0..5).map(|i| luhn(&format!("45391488034{i:04}"))) {
        assert!(!stdout.contains(&card), "a card number was printed in full");
    }
    if let Some(pw) = password(&url) {
        assert!(!stdout.contains(&format!(":{pw}@")), "the password leaked");
        assert!(!stderr.contains(&format!(":{pw}@")), "the password leaked");
    }
}

#[test]
fn a_declared_asset_that_may_not_hold_card_data_is_flagged_and_recorded() {
    let Some(url) = database() else { return };
    let schema = Schema::new(&url, "asset");
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("steward.toml"),
        format!(
            "[product]\nname = \"shop\"\n[data]\nclasses = [\"pii\", \"cardholder\"]\n\n[[asset]]\nid = \"crm-db\"\nkind = \"database\"\nlocation = \"{}\"\nholds = [\"pii\"]\n",
            url.split('?').next().unwrap()
        ),
    )
    .unwrap();
    let out = steward(dir.path())
        .args(["dlp", &schema.target("customers"), "--sample", "2"])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    assert!(
        stdout.contains("[dlp/undeclared-data-class]") && stdout.contains("crm-db"),
        "{stdout}"
    );
    assert!(stdout.contains("sensitive data by object:"), "{stdout}");
    // --sample 2: two rows, two cards.
    assert!(stdout.contains("2 card-number"), "{stdout}");

    let out = steward(dir.path())
        .args(["ledger", "show", "1"])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{text}");
    assert!(text.contains("\"rows_read\": 2"), "{text}");
    if let Some(pw) = password(&url) {
        assert!(!text.contains(&format!(":{pw}@")), "the password leaked");
    }
}

#[test]
fn a_clean_table_passes_and_mistakes_are_usage_errors() {
    let Some(url) = database() else { return };
    let schema = Schema::new(&url, "clean");
    let dir = tempfile::tempdir().unwrap();
    let out = steward(dir.path())
        .args(["dlp", &schema.target("audit"), "--no-ledger"])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );

    let out = steward(dir.path())
        .args(["dlp", &schema.target("nosuch"), "--no-ledger"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("no table"), "{stderr}");
    assert!(
        stderr.contains(&format!("{}.customers", schema.name)),
        "{stderr}"
    );

    let wrong = match password(&url) {
        Some(pw) => url.replacen(&format!(":{pw}@"), ":not-the-password@", 1),
        None => return,
    };
    let out = steward(dir.path())
        .args(["dlp", &wrong, "--no-ledger"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("cannot connect"), "{stderr}");
    assert!(!stderr.contains("not-the-password"), "{stderr}");
}
