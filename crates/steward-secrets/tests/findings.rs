//! What a finding carries: the secret's own location, a redacted message and snippet, a
//! fingerprint over the secret, and the raw value only when asked.

use steward_core::engine::{Engine, SourceFile};
use steward_secrets::{SecretsEngine, SecretsOptions};

// steward:ignore[secrets/github-pat] made up for these tests: random, with a valid checksum
const TOKEN: &str = "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";

fn text() -> String {
    format!("# deploy settings\nretries = 3\ngithub_token = \"{TOKEN}\"\n")
}

#[test]
fn findings_point_at_the_secret_and_hide_it() {
    let engine = SecretsEngine::new(SecretsOptions::default()).unwrap();
    let text = text();
    let findings = engine.scan_bytes("deploy/settings.toml", text.as_bytes());
    assert_eq!(findings.len(), 1, "{findings:#?}");
    let f = &findings[0];
    assert_eq!(f.rule_id, "secrets/github-pat");
    assert_eq!(f.engine, "secrets");
    assert_eq!((f.location.start_line, f.location.start_column), (3, 17));
    assert_eq!(
        (f.location.end_line, f.location.end_column),
        (3, 17 + TOKEN.len() as u32)
    );
    assert_eq!(
        f.location.snippet.as_deref(),
        Some("github_token = \"ghp_…\"")
    );
    assert!(!f.message.contains(TOKEN), "{}", f.message);
    let json = serde_json::to_string(f).unwrap();
    assert!(
        !json.contains(&TOKEN[4..]),
        "the raw secret leaked into {json}"
    );
    assert_eq!(f.properties["redacted"], "ghp_…");

    // The fingerprint follows the secret, not the line it is on.
    let moved = format!("\n\n\n{text}");
    let again = engine.scan_bytes("deploy/settings.toml", moved.as_bytes());
    assert_eq!(again[0].fingerprint, f.fingerprint);
}

#[test]
fn show_secrets_keeps_the_raw_value() {
    let engine = SecretsEngine::new(SecretsOptions { show_secrets: true }).unwrap();
    let text = text();
    let findings = engine.scan_bytes("deploy/settings.toml", text.as_bytes());
    assert!(findings[0].message.contains(TOKEN));
    assert!(
        findings[0]
            .location
            .snippet
            .as_deref()
            .unwrap()
            .contains(TOKEN)
    );
}

#[test]
fn the_engine_trait_scans_files_and_test_paths_lower_confidence() {
    let engine = SecretsEngine::new(SecretsOptions::default()).unwrap();
    assert_eq!(engine.name(), "secrets");
    assert!(engine.wants_file("anything/at/all.txt"));
    let text = text();
    let mut out = Vec::new();
    engine.scan_file(
        &SourceFile {
            rel_path: "tests/fixtures/settings.toml",
            bytes: text.as_bytes(),
        },
        &mut out,
    );
    assert_eq!(out.len(), 1);
    assert_eq!(out[0].confidence, steward_core::Confidence::Medium);
}

#[test]
fn a_provider_rule_wins_over_the_generic_one() {
    let engine = SecretsEngine::new(SecretsOptions::default()).unwrap();
    let found = engine.scan_bytes("app.py", format!("API_TOKEN = \"{TOKEN}\"\n").as_bytes());
    let ids: Vec<&str> = found.iter().map(|f| f.rule_id.as_str()).collect();
    assert_eq!(ids, ["secrets/github-pat"]);
}

#[test]
fn clean_and_odd_input_finds_nothing_and_never_panics() {
    let engine = SecretsEngine::new(SecretsOptions::default()).unwrap();
    for input in [
        &b""[..],
        b"password",
        b"password = \"",
        b"-----BEGIN RSA PRIVATE KEY-----",
        b"\xff\xfe password = \"\xff\xff\xff\xff\xff\xff\"",
        b"token: \xe2\x82\xac\xe2\x82\xac\xe2\x82\xac\xe2\x82\xac",
    ] {
        let _ = engine.scan_bytes("odd.txt", input);
    }
    assert!(
        engine
            .scan_bytes("main.rs", b"fn main() { println!(\"hello\"); }\n")
            .is_empty()
    );
}

#[test]
fn kubernetes_secret_data_is_decoded_and_reported_in_place() {
    use base64::Engine as _;
    let engine = SecretsEngine::new(SecretsOptions::default()).unwrap();
    let encoded = base64::engine::general_purpose::STANDARD.encode(TOKEN);
    let yaml = format!(
        "apiVersion: v1\nkind: Secret\nmetadata:\n  name: gh\ntype: Opaque\ndata:\n  token: {encoded}\n"
    );
    let found = engine.scan_bytes("deploy/gh-secret.yaml", yaml.as_bytes());
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0].rule_id, "secrets/github-pat");
    assert_eq!(
        (found[0].location.start_line, found[0].location.start_column),
        (7, 10)
    );
    assert!(
        !found[0]
            .location
            .snippet
            .as_deref()
            .unwrap()
            .contains(&encoded[8..])
    );
    assert_eq!(found[0].properties["encoding"], "base64");
}

#[test]
fn an_aws_key_id_and_its_secret_in_one_file_are_paired() {
    let engine = SecretsEngine::new(SecretsOptions::default()).unwrap();
    // steward:ignore[secrets/aws-*] a made-up key pair: the test is that the two are paired
    let text = "[default]\naws_access_key_id = AKIABLGRIRMSGBQP5MFY\naws_secret_access_key = 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\n";
    let found = engine.scan_bytes("tests/aws/credentials", text.as_bytes());
    assert_eq!(found.len(), 2, "{found:#?}");
    let id = found
        .iter()
        .find(|f| f.rule_id == "secrets/aws-access-key-id")
        .unwrap();
    assert_eq!(id.properties["paired_with"]["line"], 3);
    let secret = found
        .iter()
        .find(|f| f.rule_id == "secrets/aws-secret-access-key")
        .unwrap();
    assert_eq!(
        secret.properties["paired_with"]["rule"],
        "secrets/aws-access-key-id"
    );
}

#[test]
fn path_scoped_patterns_only_apply_to_their_files() {
    let engine = SecretsEngine::new(SecretsOptions::default()).unwrap();
    let text = b"api_key: 4f9d8c7b6a5e4d3c2b1a0f9e8d7c6b5a\n";
    let in_agent_config = engine.scan_bytes("etc/datadog-agent/datadog.yaml", text);
    assert_eq!(in_agent_config[0].rule_id, "secrets/datadog-api-key");
    let elsewhere = engine.scan_bytes("config/app.yaml", text);
    assert_eq!(elsewhere[0].rule_id, "secrets/generic-api-key");
}

#[test]
fn snippets_of_minified_lines_stay_short() {
    let engine = SecretsEngine::new(SecretsOptions { show_secrets: true }).unwrap();
    let filler = "var a=1;".repeat(20_000);
    let text = format!("{filler}var t=\"{TOKEN}\";{filler}");
    let found = engine.scan_bytes("dist/app.min.js", text.as_bytes());
    assert_eq!(found.len(), 1);
    let snippet = found[0].location.snippet.as_deref().unwrap();
    assert!(snippet.len() < 600, "{} bytes", snippet.len());
    assert!(snippet.contains(TOKEN));
}

/// Random mixes of rule keywords, separators, quotes, newlines and arbitrary bytes: the
/// engine must never panic on what it reads (offsets, UTF-8 boundaries, base64, PEM).
#[test]
fn arbitrary_input_never_panics() {
    let engine = SecretsEngine::new(SecretsOptions::default()).unwrap();
    let pieces: &[&[u8]] = &[
        b"password",
        b"token",
        b"secret",
        b"api_key",
        b"ghp_",
        b"AKIA",
        b"-----BEGIN ",
        b"PRIVATE KEY-----",
        b"-----END ",
        b"eyJ",
        b".",
        b"=",
        b": ",
        b"\"",
        b"'",
        b"\n",
        b"\r\n",
        b"\\n",
        b" ",
        b"://",
        b"@",
        b"kind: Secret\n",
        b"data:\n  ",
        b"Basic ",
        b"\xe2\x82\xac",
        b"\xff",
        b"xoxb-",
        b"sk_live_",
        b"Zq3vN8kLw2XeR7tYp1cB5mJh9sDf0G",
        b"0123456789",
        b"==",
        b"AGE-SECRET-KEY-1",
        b"name: X_PASSWORD\n  value: ",
    ];
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    for round in 0..3000 {
        let mut text = Vec::new();
        for _ in 0..(next() % 40) {
            let r = next();
            if r % 5 == 0 {
                text.push((r >> 8) as u8);
            } else {
                text.extend_from_slice(pieces[(r >> 8) as usize % pieces.len()]);
            }
        }
        let path = if round % 3 == 0 {
            "k8s/secret.yaml"
        } else {
            "src/app.py"
        };
        for f in engine.scan_bytes(path, &text) {
            assert!(f.location.start_line >= 1);
        }
    }
}
