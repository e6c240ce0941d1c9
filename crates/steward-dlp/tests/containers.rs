//! Text inside gzip, zip and Office documents is classified; bombs and binaries are
//! skipped with a reason.

use std::io::{Cursor, Write};

use steward_core::collect::SkipReason;
use steward_dlp::{Class, DlpEngine, Limits};
use zip::write::SimpleFileOptions;

fn gzip(data: &[u8]) -> Vec<u8> {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    enc.write_all(data).expect("gzip in memory");
    enc.finish().expect("gzip in memory")
}

fn zip(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let opts = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for (name, data) in entries {
        w.start_file(*name, opts).expect("zip in memory");
        w.write_all(data).expect("zip in memory");
    }
    w.finish().expect("zip in memory").into_inner()
}

#[test]
fn gzip_and_zip_entries_are_read_and_named() {
    let engine = DlpEngine::new().expect("built-in rules load");
    let inner_gz = gzip(b"ssn=734-50-5686\n");
    let archive = zip(&[
        (
            "export/customers.csv",
            b"name,card\nJane,4526 0181 5908 3012\n",
        ),
        ("logs/app.log.gz", &inner_gz),
        ("img/logo.png", b"\x89PNG\r\n\x1a\n\0\0\0"),
    ]);
    let scan = engine.scan_object("s3://acme/backup.zip", &archive, &Limits::default());
    let paths: Vec<&str> = scan
        .findings
        .iter()
        .map(|f| f.location.path.as_str())
        .collect();
    assert_eq!(
        paths,
        [
            "s3://acme/backup.zip!export/customers.csv",
            "s3://acme/backup.zip!logs/app.log.gz!app.log"
        ]
    );
    assert_eq!(scan.summary.classes[&Class::CardNumber].count, 1);
    assert_eq!(scan.summary.classes[&Class::UsSsn].count, 1);
    assert_eq!(scan.skipped.len(), 1);
    assert!(matches!(scan.skipped[0].reason, SkipReason::Binary));
}

#[test]
fn docx_and_xlsx_text_is_extracted_from_their_xml() {
    let engine = DlpEngine::new().expect("built-in rules load");
    let types: &[u8] = b"<?xml version=\"1.0\"?><Types/>";
    let docx = zip(&[
        ("[Content_Types].xml", types),
        (
            "word/document.xml",
            b"<w:document><w:body><w:p><w:r><w:t>Card 4526 0181 </w:t></w:r><w:r><w:t>5908 3012</w:t></w:r></w:p></w:body></w:document>",
        ),
        ("word/styles.xml", b"<w:styles>4526018159083012</w:styles>"),
    ]);
    let scan = engine.scan_object("contract.docx", &docx, &Limits::default());
    assert_eq!(scan.findings.len(), 1);
    assert_eq!(
        scan.findings[0].location.path,
        "contract.docx!word/document.xml"
    );
    assert_eq!(scan.findings[0].properties["masked"], "4526 **** **** 3012");

    let xlsx = zip(&[
        ("[Content_Types].xml", types),
        (
            "xl/sharedStrings.xml",
            b"<sst><si><t>IBAN</t></si><si><t>DE62370400440532013001</t></si></sst>",
        ),
        (
            "xl/worksheets/sheet1.xml",
            b"<sheetData><row><c><v>1</v></c><c><v>4526018159083012</v></c></row></sheetData>",
        ),
    ]);
    let scan = engine.scan_object("book.xlsx", &xlsx, &Limits::default());
    let classes: Vec<Class> = scan.summary.classes.keys().copied().collect();
    assert_eq!(classes, [Class::CardNumber, Class::Iban]);
}

#[test]
fn bombs_are_skipped_with_a_reason() {
    let engine = DlpEngine::new().expect("built-in rules load");
    let zeros = vec![b'0'; 8 * 1024 * 1024];
    let bomb = gzip(&zeros);
    let limits = Limits {
        ratio_floor: 64 * 1024,
        ..Limits::default()
    };
    let scan = engine.scan_object("bomb.gz", &bomb, &limits);
    assert!(scan.findings.is_empty());
    match &scan.skipped[..] {
        [s] => match &s.reason {
            SkipReason::Malformed { error } => assert!(error.contains("zip bomb"), "{error}"),
            other => panic!("unexpected reason {other:?}"),
        },
        other => panic!("expected one skip, got {other:?}"),
    }
    let small = Limits {
        max_total: 1024,
        ..Limits::default()
    };
    let scan = engine.scan_object("big.gz", &gzip(&[b'a'; 4096]), &small);
    assert!(matches!(
        scan.skipped[0].reason,
        SkipReason::TooLarge { limit: 1024, .. }
    ));
    let scan = engine.scan_object("broken.zip", b"PK\x03\x04garbage", &Limits::default());
    assert!(matches!(
        scan.skipped[0].reason,
        SkipReason::Malformed { .. }
    ));
}

#[test]
fn damaged_archives_never_panic() {
    let engine = DlpEngine::new().expect("built-in rules load");
    let good_zip = zip(&[("a.csv", b"card 4526 0181 5908 3012\n".as_slice())]);
    let good_gz = gzip(b"card 4526 0181 5908 3012\n");
    let mut state = 0x9e37_79b9_7f4a_7c15u64;
    for round in 0..400 {
        let mut bytes = if round % 2 == 0 {
            good_zip.clone()
        } else {
            good_gz.clone()
        };
        for _ in 0..(round % 7 + 1) {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            let at = (state as usize) % bytes.len();
            bytes[at] = (state >> 32) as u8;
        }
        if round % 5 == 0 {
            bytes.truncate((state as usize) % bytes.len());
        }
        let _ = engine.scan_object("damaged", &bytes, &Limits::default());
    }
}
