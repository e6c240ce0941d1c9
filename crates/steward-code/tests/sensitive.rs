//! The sensitive-code detectors: every example matches its detector and no negative example
//! does, under every grammar that shares the language's detectors; every model file is
//! built in.

use steward_code::sensitive::{SENSITIVE_MODELS, SensitiveCode};

#[test]
fn every_detector_example_behaves_as_its_detector_says() {
    let s = SensitiveCode::new().unwrap();
    let failures = s.check_examples();
    assert!(failures.is_empty(), "{failures:#?}");
}

#[test]
fn every_model_file_is_built_in() {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/sensitive");
    let mut on_disk: Vec<String> = std::fs::read_dir(root)
        .unwrap()
        .map(|f| f.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".yml"))
        .map(|n| n.trim_end_matches(".yml").to_string())
        .collect();
    on_disk.sort();
    let built: Vec<&str> = SENSITIVE_MODELS.iter().map(|(l, _)| *l).collect();
    assert_eq!(on_disk, built);
}

#[test]
fn typescript_and_tsx_use_the_javascript_detectors() {
    let s = SensitiveCode::new().unwrap();
    let src = b"import jwt from 'jsonwebtoken';\nexport const issue = (id: string): string =>\n  jwt.sign({ sub: id }, process.env.JWT_SECRET as string);\n";
    for path in ["api/token.ts", "web/Token.tsx", "api/token.js"] {
        let r = s.regions(path, src).unwrap();
        let names: Vec<&str> = r.iter().map(|r| r.name.as_str()).collect();
        assert!(names.contains(&"jwt.sign"), "{path}: {names:?}");
        assert!(names.contains(&"JWT_SECRET"), "{path}: {names:?}");
    }
}

#[test]
fn cpp_uses_the_c_detectors_qualified_calls_included() {
    let s = SensitiveCode::new().unwrap();
    let src = b"#include <unistd.h>\n#include <cstdlib>\n\nnamespace svc {\nvoid drop(uid_t u) {\n    if (::setuid(u) != 0) {\n        std::abort();\n    }\n    const char *k = std::getenv(\"API_TOKEN\");\n}\n}  // namespace svc\n";
    for path in ["src/drop.cpp", "include/drop.hpp"] {
        let r = s.regions(path, src).unwrap();
        let found: Vec<(&str, &str, u32)> = r
            .iter()
            .map(|r| (r.detector.as_str(), r.name.as_str(), r.start_line))
            .collect();
        assert!(
            found.contains(&("c/privileges", "::setuid", 6)),
            "{path}: {found:?}"
        );
        assert!(
            found.contains(&("c/secrets-handling", "\"API_TOKEN\"", 9)),
            "{path}: {found:?}"
        );
    }
}
