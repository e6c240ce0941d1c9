//! The engine's findings: where each value is, masked everywhere it is shown, and the
//! per-object summary.

use steward_core::Confidence;
use steward_core::engine::{Engine, SourceFile};
use steward_dlp::{Class, DlpEngine, classify_bytes, summarize};

const EXPORT: &str = "id,name,email,card,ssn\n\
1,Jane,jane.doe@example.com,4526 0181 5908 3012,734-50-5686\n\
2,John,j.carter@example.org,4526 0181 5908 3012,024-60-5824\n";

#[test]
fn findings_locate_values_and_never_show_them() {
    let engine = DlpEngine::new().expect("built-in rules load");
    let mut findings = Vec::new();
    engine.scan_file(
        &SourceFile {
            rel_path: "exports/customers.csv",
            bytes: EXPORT.as_bytes(),
        },
        &mut findings,
    );
    let ids: Vec<&str> = findings.iter().map(|f| f.rule_id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "dlp/email",
            "dlp/card-number",
            "dlp/us-ssn",
            "dlp/email",
            "dlp/card-number",
            "dlp/us-ssn"
        ]
    );
    let card = &findings[1];
    assert_eq!(card.location.start_line, 2);
    assert_eq!(card.location.start_column, 29);
    assert_eq!(
        card.location.snippet.as_deref(),
        Some("1,Jane,j***@example.com,4526 **** **** 3012,***-**-5686")
    );
    assert_eq!(card.properties["data_class"], "cardholder");
    assert_eq!(card.properties["masked"], "4526 **** **** 3012");
    assert_eq!(card.properties["issuer"], "visa");
    assert_eq!(card.engine, "dlp");
    assert!(card.cwe.iter().any(|c| c.0 == 359));
    // The same card twice in one file: two findings, two fingerprints.
    assert_ne!(findings[1].fingerprint, findings[4].fingerprint);
    let json = serde_json::to_string(&findings).expect("findings serialize");
    for raw in [
        "4526 0181 5908 3012",
        "734-50-5686",
        "jane.doe@",
        "024-60-5824",
    ] {
        assert!(!json.contains(raw), "{raw} appears in the findings");
    }
    assert_eq!(engine.rules().len(), Class::ALL.len());
}

#[test]
fn fingerprints_are_keyed_so_a_masked_value_cannot_be_enumerated() {
    use steward_core::Fingerprint;
    use steward_core::fingerprint_key::{FingerprintKey, KeySource};
    let key = |hex: &str| FingerprintKey::from_hex(hex, "test", KeySource::Env).unwrap();
    let a = key("8f3a0c5e9b1d7f2a4c6e8a0b2d4f6a8c1e3a5c7e9b0d2f4a6c8e0a2b4d6f8a0c");
    let b = key("5d41402abc4b2a76b9719d911017c5925d41402abc4b2a76b9719d911017c592");
    let scan = |k: &FingerprintKey| {
        DlpEngine::new()
            .expect("built-in rules load")
            .with_fingerprint_key(k.clone())
            .findings("exports/customers.csv", EXPORT.as_bytes())
    };
    let (under_a, again_a, under_b) = (scan(&a), scan(&a), scan(&b));
    assert_eq!(under_a.len(), 6);
    for ((x, y), z) in under_a.iter().zip(&again_a).zip(&under_b) {
        assert_eq!(x.fingerprint, y.fingerprint, "one key, one fingerprint");
        assert_ne!(
            x.fingerprint, z.fingerprint,
            "another key, another fingerprint"
        );
    }
    // Not the unkeyed hash of the value, nor of any further occurrence of it: those can be
    // reversed by hashing every card number that fits the masked one.
    let card = &under_a[1];
    let unkeyed = Fingerprint::new(&card.rule_id, &card.location.path, b"4526 0181 5908 3012");
    for n in 0..2 {
        for f in &under_a {
            assert_ne!(f.fingerprint, unkeyed.occurrence(n));
        }
    }
    assert_eq!(
        card.fingerprint,
        a.fingerprint(&card.rule_id, &card.location.path, b"4526 0181 5908 3012")
    );
}

#[test]
fn long_lines_are_cut_around_the_value_and_still_masked() {
    let engine = DlpEngine::new().expect("built-in rules load");
    let line = format!(
        "{}card 4526018159083012 {}",
        "x ".repeat(400),
        "y ".repeat(400)
    );
    let findings = engine.findings("big.json", line.as_bytes());
    let snippet = findings[0].location.snippet.as_deref().unwrap_or("");
    assert!(snippet.contains("4526********3012"), "{snippet}");
    assert!(snippet.chars().count() < 260);
}

#[test]
fn summary_counts_classes_with_a_masked_example() {
    let hits = classify_bytes(EXPORT.as_bytes());
    let summary = summarize(&hits);
    let card = &summary.classes[&Class::CardNumber];
    assert_eq!(card.count, 2);
    assert_eq!(card.example, "4526 **** **** 3012");
    assert_eq!(card.data_class, "cardholder");
    assert_eq!(summary.classes[&Class::UsSsn].count, 2);
    assert_eq!(summary.data_classes(), ["cardholder", "pii"]);
    let json = serde_json::to_value(&summary).expect("summary serializes");
    assert_eq!(json["classes"]["card-number"]["count"], 2);
}

#[test]
fn context_raises_and_lowers_confidence() {
    let with_keyword = classify_bytes(b"visa 4526018159083012");
    let bare = classify_bytes(b"x 4526018159083012");
    let order = classify_bytes(b"order id 4526018159083012");
    let test_card = classify_bytes(b"card 4111111111111111");
    assert_eq!(with_keyword[0].confidence, Confidence::High);
    assert_eq!(bare[0].confidence, Confidence::Medium);
    assert!(order.is_empty());
    assert_eq!(test_card[0].confidence, Confidence::Low);
    assert_eq!(test_card[0].properties()["test_card"], true);
}

#[test]
fn never_panics_on_arbitrary_bytes() {
    // A fixed xorshift stream over an alphabet heavy in digits, separators and keywords.
    let alphabet: &[&[u8]] = &[
        b"0",
        b"1",
        b"4",
        b"9",
        b"-",
        b".",
        b" ",
        b"+",
        b"(",
        b")",
        b":",
        b"::",
        b"@",
        b"/",
        b"\n",
        b"card ",
        b"DNI ",
        b"MRN ",
        b"S",
        b"X",
        b"DE",
        b"\xff",
        b"\xc3\xa9",
        b"a",
        b"Z",
        b"nhs ",
        b"dob ",
    ];
    let engine = DlpEngine::new().expect("built-in rules load");
    let mut state = 0x2545_f491_4f6c_dd1du64;
    for _ in 0..300 {
        let mut text = Vec::new();
        for _ in 0..200 {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            text.extend_from_slice(alphabet[(state % alphabet.len() as u64) as usize]);
        }
        let _ = engine.findings("fuzz.txt", &text);
    }
}

#[test]
fn lines_and_columns_agree_with_the_core_line_index() {
    let text = "héllo wörld\r\nSSN 734-50-5686 and ñ card 4526018159083012\n\n\
                ümlaut jane.doe@example.com, 024-60-5824; again 734-50-5686\nend";
    let engine = DlpEngine::new().expect("built-in rules load");
    let findings = engine.findings("t.txt", text.as_bytes());
    let hits = classify_bytes(text.as_bytes());
    assert_eq!(findings.len(), 5);
    let index = steward_core::LineIndex::new(text.as_bytes());
    for (f, h) in findings.iter().zip(&hits) {
        let (line, col) = index.line_col(text.as_bytes(), h.start);
        let (end_line, end_col) = index.line_col(text.as_bytes(), h.end);
        assert_eq!(
            (f.location.start_line, f.location.start_column),
            (line, col),
            "{}",
            f.rule_id
        );
        assert_eq!(
            (f.location.end_line, f.location.end_column),
            (end_line, end_col)
        );
    }
    assert_eq!(
        findings[3].location.snippet.as_deref(),
        Some("ümlaut j***@example.com, ***-**-5824; again ***-**-5686")
    );
}
