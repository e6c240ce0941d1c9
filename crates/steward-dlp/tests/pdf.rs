//! Text inside PDFs made by two real PDF libraries (reportlab and fpdf2; see
//! fixtures/pdf/make.py): the standard fonts, a TrueType subset, a Unicode (Identity-H)
//! font with its ToUnicode map, compressed and not, two pages. The card number, SSN and
//! email in each are found; a PDF without personal data has no findings; a broken or
//! encrypted PDF is skipped with the reason.

use std::path::Path;

use steward_core::collect::SkipReason;
use steward_dlp::{Class, DlpEngine, Limits};

fn fixture(name: &str) -> Vec<u8> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/pdf")
        .join(name);
    std::fs::read(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

#[test]
fn card_ssn_and_email_are_found_in_pdfs_from_real_generators() {
    let engine = DlpEngine::new().expect("built-in rules load");
    for name in [
        "reportlab-helvetica.pdf",
        "reportlab-helvetica-uncompressed.pdf",
        "reportlab-truetype-subset.pdf",
        "fpdf-core-font.pdf",
        "fpdf-unicode-font.pdf",
    ] {
        let scan = engine.scan_object(name, &fixture(name), &Limits::default());
        assert!(scan.skipped.is_empty(), "{name}: {:?}", scan.skipped);
        let classes = &scan.summary.classes;
        assert_eq!(
            classes.get(&Class::CardNumber).map(|c| c.count),
            Some(1),
            "{name}: {classes:?}"
        );
        assert_eq!(
            classes.get(&Class::UsSsn).map(|c| c.count),
            Some(1),
            "{name}: {classes:?}"
        );
        assert!(
            classes.get(&Class::Email).is_some_and(|c| c.count >= 1),
            "{name}: {classes:?}"
        );
        // The card is reported masked, at the line of the extracted text it is on.
        let card = scan
            .findings
            .iter()
            .find(|f| f.rule_id == "dlp/card-number")
            .unwrap_or_else(|| panic!("{name}: {:?}", scan.findings));
        assert_eq!(card.location.path, name);
        assert_eq!(card.location.start_line, 3, "{name}");
        let shown = serde_json::to_string(card).unwrap();
        assert!(!shown.contains("4539 1488 0343 6467"), "{shown}");
    }
}

#[test]
fn the_second_page_is_read_too() {
    let engine = DlpEngine::new().expect("built-in rules load");
    let scan = engine.scan_object(
        "r.pdf",
        &fixture("reportlab-truetype-subset.pdf"),
        &Limits::default(),
    );
    assert_eq!(
        scan.summary.classes.get(&Class::Email).map(|c| c.count),
        Some(2),
        "{:?}",
        scan.summary.classes
    );
}

#[test]
fn a_pdf_without_personal_data_has_no_findings() {
    let engine = DlpEngine::new().expect("built-in rules load");
    let scan = engine.scan_object("safe.pdf", &fixture("safe.pdf"), &Limits::default());
    assert!(scan.skipped.is_empty(), "{:?}", scan.skipped);
    assert!(scan.findings.is_empty(), "{:?}", scan.findings);
}

#[test]
fn broken_and_encrypted_pdfs_are_skipped_with_the_reason() {
    let engine = DlpEngine::new().expect("built-in rules load");
    let mut broken = fixture("reportlab-helvetica.pdf");
    // Corrupt the compressed content streams.
    let at = broken
        .windows(6)
        .position(|w| w == b"stream")
        .expect("a stream");
    for b in broken.iter_mut().skip(at + 12).take(40) {
        *b = b'!';
    }
    let scan = engine.scan_object("broken.pdf", &broken, &Limits::default());
    assert_eq!(scan.skipped.len(), 1, "{:?}", scan.skipped);
    assert!(matches!(
        scan.skipped[0].reason,
        SkipReason::Malformed { .. }
    ));

    let encrypted = b"%PDF-1.7\n1 0 obj << /Type /Page >> endobj\ntrailer << /Encrypt 9 0 R >>\n";
    let scan = engine.scan_object("secret.pdf", encrypted, &Limits::default());
    match &scan.skipped[..] {
        [s] => assert!(
            matches!(&s.reason, SkipReason::Malformed { error } if error.contains("encrypted")),
            "{s:?}"
        ),
        other => panic!("{other:?}"),
    }
}
