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
fn fingerprints_are_keyed_so_a_baseline_does_not_give_the_secret_away() {
    use steward_core::fingerprint_key::{FingerprintKey, KeySource};
    let key = |hex: &str| {
        let options = SecretsOptions {
            fingerprint_key: Some(FingerprintKey::from_hex(hex, "test", KeySource::Env).unwrap()),
            ..Default::default()
        };
        SecretsEngine::new(options).unwrap()
    };
    let k1 = "0f1e2d3c4b5a69788796a5b4c3d2e1f00112233445566778899aabbccddeeff0";
    let k2 = "1f1e2d3c4b5a69788796a5b4c3d2e1f00112233445566778899aabbccddeeff0";
    let text = text();
    let scan = |engine: &SecretsEngine| {
        engine.scan_bytes("deploy/settings.toml", text.as_bytes())[0]
            .fingerprint
            .clone()
    };
    let a = scan(&key(k1));
    assert_eq!(a, scan(&key(k1)), "the same key gives the same fingerprint");
    assert_ne!(a, scan(&key(k2)), "another key gives another");
    // Not the unkeyed hash anyone could recompute from the rule, path and a guess.
    let guessable = steward_core::Fingerprint::new(
        "secrets/github-pat",
        "deploy/settings.toml",
        TOKEN.as_bytes(),
    );
    assert_ne!(a, guessable);
    // Without a key, an engine makes its own: stable for its life, unlike any other's.
    let own = SecretsEngine::new(SecretsOptions::default()).unwrap();
    assert_eq!(scan(&own), scan(&own));
    assert_ne!(scan(&own), a);
}

#[test]
fn show_secrets_keeps_the_raw_value() {
    let engine = SecretsEngine::new(SecretsOptions {
        show_secrets: true,
        ..Default::default()
    })
    .unwrap();
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
    let engine = SecretsEngine::new(SecretsOptions {
        show_secrets: true,
        ..Default::default()
    })
    .unwrap();
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

#[test]
fn encoded_secrets_are_reported_where_their_encoding_is() {
    use base64::Engine as _;
    let engine = SecretsEngine::new(SecretsOptions::default()).unwrap();
    let password = ["Kq7#", "mZ2p", "Lx9w"].concat();

    // An escaped JSON string inside JSON: the finding covers the secret as written.
    let text = format!("{{\"settings\": \"{{\\\"db_password\\\": \\\"{password}\\\"}}\"}}\n");
    let found = engine.scan_bytes("config/app.json", text.as_bytes());
    assert_eq!(found.len(), 1, "{found:#?}");
    let f = &found[0];
    assert_eq!(f.rule_id, "secrets/generic-password");
    assert_eq!(f.properties["encoding"], "json-escape");
    let col = text.find(&password).unwrap() as u32 + 1;
    assert_eq!((f.location.start_line, f.location.start_column), (1, col));
    assert_eq!(f.location.end_column, col + password.len() as u32);
    assert!(
        f.message.ends_with("(in an escaped string)"),
        "{}",
        f.message
    );

    // Percent-encoded: the span covers `%23` where the decoded secret has `#`.
    let text = format!(
        "body=%7B%22password%22%3A%22{}%22%7D\n",
        password.replace('#', "%23")
    );
    let found = engine.scan_bytes("logs/req.txt", text.as_bytes());
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0].properties["encoding"], "url");
    let start = text.find("Kq7%23").unwrap() as u32 + 1;
    assert_eq!(found[0].location.start_column, start);
    assert_eq!(
        found[0].location.end_column,
        start + password.len() as u32 + 2
    );

    // Base64 of a whole .env file: found, and neither the secret nor its own base64
    // characters are in the snippet.
    let env = format!("DB_HOST=db\nDB_PASSWORD={password}\n");
    let encoded = base64::engine::general_purpose::STANDARD.encode(&env);
    let text = format!("settings: {encoded}\n");
    let found = engine.scan_bytes("k8s/configmap.yaml", text.as_bytes());
    assert_eq!(found.len(), 1, "{found:#?}");
    let f = &found[0];
    assert_eq!(f.properties["encoding"], "base64");
    assert!(f.message.ends_with("(base64-encoded)"), "{}", f.message);
    let (a, b) = (
        f.location.start_column as usize - 1,
        f.location.end_column as usize - 1,
    );
    let span = &text[a..b];
    let snippet = f.location.snippet.as_deref().unwrap();
    assert!(
        !snippet.contains(span) && !snippet.contains(&password),
        "{snippet}"
    );
    // The span holds the base64 characters that encode the secret.
    let offset = env.find(&password).unwrap();
    let whole = base64::engine::general_purpose::STANDARD
        .decode(&encoded)
        .unwrap();
    assert_eq!(&whole[offset..offset + password.len()], password.as_bytes());
    assert!(a >= "settings: ".len() + offset * 4 / 3 - 1 && b <= text.len());

    // A secret that plain rules find in an escaped string is reported once, as written.
    let text = format!("{{\"cfg\": \"{{\\\"token\\\": \\\"{TOKEN}\\\"}}\"}}\n");
    let found = engine.scan_bytes("app.json", text.as_bytes());
    assert_eq!(found.len(), 1, "{found:#?}");
    assert!(!found[0].properties.contains_key("encoding"), "{found:#?}");
}

#[test]
fn a_rule_for_the_encoded_form_keeps_its_finding() {
    use base64::Engine as _;
    let engine = SecretsEngine::new(SecretsOptions::default()).unwrap();
    let body: String = (0..6)
        .map(|i| format!("{:x}", 0x9e3779b97f4a7c15u64.wrapping_mul(i + 3)))
        .collect();
    let pem = format!(
        "-----BEGIN RSA PRIVATE KEY-----\nMIIEow{}\n-----END RSA PRIVATE KEY-----\n",
        base64::engine::general_purpose::STANDARD.encode(body.as_bytes())
    );
    let data = base64::engine::general_purpose::STANDARD.encode(&pem);
    let text = format!("users:\n- name: admin\n  user:\n    client-key-data: {data}\n");
    let found = engine.scan_bytes("kubeconfig.yaml", text.as_bytes());
    let ids: Vec<&str> = found.iter().map(|f| f.rule_id.as_str()).collect();
    assert_eq!(ids, ["secrets/kubeconfig-client-key"], "{found:#?}");
}
