//! CycloneDX SBOMs built from the lockfile fixtures in `tests/fixtures/lockfiles/`, checked
//! against the CycloneDX 1.5 JSON schema in `../shared/data/schemas/` and for exact content.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use chrono::{TimeZone, Utc};
use serde_json::{Value, json};
use steward_deps::sbom::{self, SbomMeta};
use steward_deps::version::Ecosystem;
use steward_deps::{Dependency, Lockfile, Package, Scope, detect, parse_with};

const ROOT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/lockfiles");

fn schemas_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/schemas")
}

fn read_json(path: &Path) -> Value {
    let text =
        std::fs::read_to_string(path).unwrap_or_else(|e| panic!("reading {}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn read_fixture(rel: &str) -> Option<String> {
    std::fs::read_to_string(Path::new(ROOT).join(rel)).ok()
}

fn load(rel: &str) -> Lockfile {
    let text = read_fixture(rel).unwrap_or_else(|| panic!("no fixture {rel}"));
    let kind = detect(rel).unwrap_or_else(|| panic!("{rel} is not detected as a lockfile"));
    parse_with(kind, rel, &text, &read_fixture).unwrap_or_else(|e| panic!("{e}"))
}

/// Every lockfile under the fixtures directory, as `<case>/<file name>`, sorted.
fn all_fixtures() -> Vec<String> {
    let mut out = Vec::new();
    for case in std::fs::read_dir(ROOT).expect("fixtures directory") {
        let case = case.expect("fixture entry").path();
        let Ok(files) = std::fs::read_dir(&case) else {
            continue;
        };
        for file in files {
            let file = file.expect("fixture entry").path();
            let name = file.file_name().and_then(|n| n.to_str()).unwrap_or("");
            // Manifests beside a lockfile (package.json, pyproject.toml) are read through it.
            if file.is_file() && detect(name).is_some() {
                let case = case.file_name().and_then(|n| n.to_str()).unwrap_or("");
                out.push(format!("{case}/{name}"));
            }
        }
    }
    out.sort();
    out
}

fn meta() -> SbomMeta {
    SbomMeta {
        name: "shop".to_string(),
        version: Some("2.1.0".to_string()),
        timestamp: Some(Utc.with_ymd_and_hms(2024, 5, 1, 12, 0, 0).unwrap()),
        serial: None,
    }
}

fn bom_of(rels: &[&str]) -> Value {
    let lockfiles: Vec<Lockfile> = rels.iter().map(|r| load(r)).collect();
    sbom::cyclonedx(&lockfiles, &meta())
}

/// The CycloneDX 1.5 validator, with the two schemas it references registered so that no
/// network is needed.
fn schema_errors(bom: &Value) -> Vec<String> {
    let dir = schemas_dir();
    let registry = jsonschema::Registry::new()
        .add(
            "http://cyclonedx.org/schema/spdx.schema.json",
            read_json(&dir.join("spdx.schema.json")),
        )
        .and_then(|r| {
            r.add(
                "http://cyclonedx.org/schema/jsf-0.82.schema.json",
                read_json(&dir.join("jsf-0.82.schema.json")),
            )
        })
        .and_then(|r| r.prepare())
        .expect("registering the referenced schemas");
    let schema = read_json(&dir.join("bom-1.5.schema.json"));
    let validator = jsonschema::options()
        .with_registry(&registry)
        .offline()
        .should_validate_formats(true)
        .build(&schema)
        .expect("compiling bom-1.5.schema.json");
    validator
        .iter_errors(bom)
        .map(|e| format!("{}: {e}", e.instance_path()))
        .collect()
}

fn component<'a>(bom: &'a Value, bom_ref: &str) -> &'a Value {
    bom["components"]
        .as_array()
        .expect("components")
        .iter()
        .find(|c| c["bom-ref"] == bom_ref)
        .unwrap_or_else(|| panic!("no component {bom_ref} in {:#}", bom["components"]))
}

fn refs(bom: &Value) -> Vec<String> {
    bom["components"]
        .as_array()
        .expect("components")
        .iter()
        .map(|c| c["bom-ref"].as_str().expect("bom-ref").to_string())
        .collect()
}

fn depends_on(bom: &Value, bom_ref: &str) -> Option<Vec<String>> {
    bom["dependencies"]
        .as_array()
        .expect("dependencies")
        .iter()
        .find(|d| d["ref"] == bom_ref)
        .map(|d| {
            d["dependsOn"]
                .as_array()
                .expect("dependsOn")
                .iter()
                .map(|r| r.as_str().expect("ref").to_string())
                .collect()
        })
}

fn property_values(c: &Value, name: &str) -> Vec<String> {
    c["properties"]
        .as_array()
        .map(|ps| {
            ps.iter()
                .filter(|p| p["name"] == name)
                .map(|p| p["value"].as_str().expect("value").to_string())
                .collect()
        })
        .unwrap_or_default()
}

/// What must hold of every SBOM: schema-valid, unique refs, and no edge to a missing ref.
fn assert_well_formed(bom: &Value) {
    let errors = schema_errors(bom);
    assert!(errors.is_empty(), "{errors:#?}\nin {bom:#}");

    let refs = refs(bom);
    let unique: BTreeSet<&String> = refs.iter().collect();
    assert_eq!(unique.len(), refs.len(), "duplicate bom-refs: {refs:#?}");
    let purls: BTreeSet<&str> = bom["components"]
        .as_array()
        .expect("components")
        .iter()
        .map(|c| c["purl"].as_str().expect("purl"))
        .collect();
    assert!(purls.iter().all(|p| p.starts_with("pkg:")));

    let product = bom["metadata"]["component"]["bom-ref"]
        .as_str()
        .expect("product bom-ref");
    assert!(!unique.contains(&product.to_string()));
    for d in bom["dependencies"].as_array().expect("dependencies") {
        let from = d["ref"].as_str().expect("ref");
        assert!(
            from == product || unique.contains(&from.to_string()),
            "{from}"
        );
        for to in d["dependsOn"].as_array().expect("dependsOn") {
            let to = to.as_str().expect("ref").to_string();
            assert!(unique.contains(&to), "{from} depends on missing {to}");
        }
    }
}

#[test]
fn every_fixture_gives_a_valid_sbom() {
    let fixtures = all_fixtures();
    assert!(fixtures.len() >= 20, "{fixtures:?}");
    for rel in &fixtures {
        let bom = bom_of(&[rel]);
        assert_well_formed(&bom);
        assert!(
            !bom["components"].as_array().expect("components").is_empty(),
            "{rel} has no components"
        );
    }
}

#[test]
fn all_fixtures_together_give_one_valid_sbom() {
    let fixtures = all_fixtures();
    let rels: Vec<&str> = fixtures.iter().map(String::as_str).collect();
    let bom = bom_of(&rels);
    assert_well_formed(&bom);
    let lockfiles = property_values(&bom["metadata"], "steward:lockfile");
    assert_eq!(lockfiles, fixtures);
}

#[test]
fn header_and_metadata() {
    let bom = bom_of(&["cargo-v1-metadata-checksums/Cargo.lock"]);
    assert_eq!(
        bom["$schema"],
        "http://cyclonedx.org/schema/bom-1.5.schema.json"
    );
    assert_eq!(bom["bomFormat"], "CycloneDX");
    assert_eq!(bom["specVersion"], "1.5");
    assert_eq!(bom["version"], 1);
    assert_eq!(bom["metadata"]["timestamp"], "2024-05-01T12:00:00Z");
    assert_eq!(
        bom["metadata"]["tools"],
        json!({"components": [{"type": "application", "name": "steward", "version": env!("CARGO_PKG_VERSION")}]})
    );
    assert_eq!(
        bom["metadata"]["component"],
        json!({"type": "application", "bom-ref": "product:shop", "name": "shop", "version": "2.1.0"})
    );
    let serial = bom["serialNumber"].as_str().expect("serialNumber");
    assert_eq!(serial.len(), "urn:uuid:".len() + 36);
    assert_eq!(&serial[23..24], "4", "UUID version 4: {serial}");
    assert!(
        "89ab".contains(&serial[28..29]),
        "RFC 4122 variant: {serial}"
    );
}

#[test]
fn same_input_same_bytes_and_serial_follows_content() {
    let lockfiles: Vec<Lockfile> = all_fixtures().iter().map(|r| load(r)).collect();
    let first = sbom::build(&lockfiles, &meta()).to_json_pretty();
    let again = sbom::build(&lockfiles, &meta()).to_json_pretty();
    assert_eq!(first, again);

    let reparsed: Vec<Lockfile> = all_fixtures().iter().map(|r| load(r)).collect();
    assert_eq!(sbom::build(&reparsed, &meta()).to_json_pretty(), first);

    let later = SbomMeta {
        timestamp: Some(Utc.with_ymd_and_hms(2024, 5, 2, 12, 0, 0).unwrap()),
        ..meta()
    };
    let a = sbom::build(&lockfiles, &meta());
    let b = sbom::build(&lockfiles, &later);
    assert_ne!(a.serial_number(), b.serial_number());

    let fewer = sbom::build(&lockfiles[1..], &meta());
    assert_ne!(a.serial_number(), fewer.serial_number());

    let random = SbomMeta {
        serial: Some([0x5a; 16]),
        ..meta()
    };
    assert_eq!(
        sbom::build(&lockfiles, &random).serial_number(),
        "urn:uuid:5a5a5a5a-5a5a-4a5a-9a5a-5a5a5a5a5a5a"
    );

    let reproducible = SbomMeta {
        timestamp: None,
        ..meta()
    };
    let bom = sbom::cyclonedx(&lockfiles, &reproducible);
    assert!(bom["metadata"].get("timestamp").is_none());
    assert_well_formed(&bom);
}

#[test]
fn cargo_purls_hashes_sources_and_versioned_edges() {
    let bom = bom_of(&["cargo-v4-workspace/Cargo.lock"]);
    assert_eq!(
        refs(&bom),
        [
            "pkg:cargo/getrandom@0.2.12",
            "pkg:cargo/libc@0.2.153",
            "pkg:cargo/private-crate@1.2.0",
            "pkg:cargo/rand@0.7.3",
            "pkg:cargo/rand@0.8.5",
            "pkg:cargo/serde@1.0.197",
            "pkg:cargo/syn@2.0.52",
            "pkg:cargo/tokio-util@0.7.10",
        ]
    );
    let libc = component(&bom, "pkg:cargo/libc@0.2.153");
    assert_eq!(libc["type"], "library");
    assert_eq!(libc["name"], "libc");
    assert_eq!(libc["version"], "0.2.153");
    assert_eq!(libc["scope"], "required");
    assert_eq!(libc["purl"], "pkg:cargo/libc@0.2.153");
    let hashes = libc["hashes"].as_array().expect("hashes");
    assert_eq!(hashes.len(), 1);
    assert_eq!(hashes[0]["alg"], "SHA-256");
    assert_eq!(hashes[0]["content"].as_str().map(str::len), Some(64));
    assert_eq!(
        property_values(libc, "steward:lockfile"),
        ["cargo-v4-workspace/Cargo.lock"]
    );
    assert_eq!(
        property_values(libc, "steward:line"),
        ["cargo-v4-workspace/Cargo.lock:33"]
    );

    // Two versions of rand: each edge goes to the version it names.
    assert_eq!(
        depends_on(&bom, "pkg:cargo/rand@0.8.5").unwrap(),
        ["pkg:cargo/getrandom@0.2.12", "pkg:cargo/libc@0.2.153"]
    );
    assert_eq!(
        depends_on(&bom, "pkg:cargo/tokio-util@0.7.10").unwrap(),
        ["pkg:cargo/rand@0.7.3"]
    );
    assert_eq!(depends_on(&bom, "pkg:cargo/libc@0.2.153").unwrap(), [""; 0]);
    assert_eq!(
        depends_on(&bom, "product:shop").unwrap(),
        [
            "pkg:cargo/private-crate@1.2.0",
            "pkg:cargo/rand@0.8.5",
            "pkg:cargo/serde@1.0.197",
            "pkg:cargo/syn@2.0.52",
            "pkg:cargo/tokio-util@0.7.10",
        ]
    );

    let tokio = component(&bom, "pkg:cargo/tokio-util@0.7.10");
    assert_eq!(
        tokio["externalReferences"],
        json!([{"type": "vcs", "url": "git+https://git.example/tokio-rs/tokio?branch=master#0f3b1e2a9c8d7e6f5a4b3c2d1e0f9a8b7c6d5e4f"}])
    );
    assert!(tokio.get("hashes").is_none());
    let private = component(&bom, "pkg:cargo/private-crate@1.2.0");
    assert_eq!(
        private["externalReferences"],
        json!([{"type": "distribution", "url": "sparse+https://registry.example/private/"}])
    );
    assert!(
        component(&bom, "pkg:cargo/serde@1.0.197")
            .get("externalReferences")
            .is_none()
    );
}

#[test]
fn npm_scopes_hashes_licences_and_dev() {
    let bom = bom_of(&["npm-v3-shrinkwrap/npm-shrinkwrap.json"]);
    let babel = component(&bom, "pkg:npm/%40babel/core@7.23.0");
    assert_eq!(babel["group"], "@babel");
    assert_eq!(babel["name"], "core");
    assert_eq!(babel["version"], "7.23.0");
    assert_eq!(
        depends_on(&bom, "pkg:npm/%40babel/core@7.23.0").unwrap(),
        ["pkg:npm/debug@4.3.4"]
    );
    assert_eq!(
        depends_on(&bom, "pkg:npm/debug@4.3.4").unwrap(),
        ["pkg:npm/ms@2.1.2"]
    );

    let is_number = component(&bom, "pkg:npm/is-number@7.0.0");
    assert!(is_number.get("group").is_none());
    let algs: Vec<&str> = is_number["hashes"]
        .as_array()
        .expect("hashes")
        .iter()
        .map(|h| h["alg"].as_str().expect("alg"))
        .collect();
    assert_eq!(algs, ["SHA-512", "SHA-1"]);
    assert_eq!(is_number["licenses"], json!([{"license": {"id": "MIT"}}]));
    assert_eq!(
        component(&bom, "pkg:npm/typescript@5.3.3")["licenses"],
        json!([{"license": {"id": "Apache-2.0"}}])
    );

    let dev_ms = component(&bom, "pkg:npm/ms@2.1.3");
    assert_eq!(dev_ms["scope"], "optional");
    assert_eq!(property_values(dev_ms, "steward:dev"), ["true"]);
    let ms = component(&bom, "pkg:npm/ms@2.1.2");
    assert_eq!(ms["scope"], "required");
    assert!(property_values(ms, "steward:dev").is_empty());
}

#[test]
fn composer_groups_expressions_named_licences_and_paths() {
    let bom = bom_of(&["composer-dev-license/composer.lock"]);
    let guzzle = component(&bom, "pkg:composer/guzzlehttp/guzzle@7.8.0");
    assert_eq!(
        (&guzzle["group"], &guzzle["name"]),
        (&json!("guzzlehttp"), &json!("guzzle"))
    );
    assert_eq!(
        depends_on(&bom, "pkg:composer/guzzlehttp/guzzle@7.8.0").unwrap(),
        ["pkg:composer/guzzlehttp/psr7@2.6.1"]
    );
    let psr7 = component(&bom, "pkg:composer/guzzlehttp/psr7@2.6.1");
    assert_eq!(psr7["hashes"][0]["alg"], "SHA-1");

    let twig = component(&bom, "pkg:composer/twig/twig@3.7.1");
    assert_eq!(
        twig["licenses"],
        json!([{"expression": "(BSD-3-Clause OR MIT)"}])
    );
    assert_eq!(
        twig["externalReferences"],
        json!([{"type": "vcs", "url": "https://git.example/twigphp/Twig.git#a0ce373a0ca3bf6c64b9e3e2124aca502ba39554"}])
    );

    let internal = component(&bom, "pkg:composer/acme/internal@dev-main");
    assert_eq!(
        internal["licenses"],
        json!([{"license": {"name": "proprietary"}}])
    );
    assert_eq!(internal["externalReferences"][0]["type"], "other");
    assert_eq!(internal["externalReferences"][0]["url"], "../internal");

    let phpunit = component(&bom, "pkg:composer/phpunit/phpunit@10.4.2");
    assert_eq!(phpunit["scope"], "optional");
}

#[test]
fn maven_splits_group_and_counts_unpinned() {
    let bom = bom_of(&["maven-properties-management/pom.xml"]);
    let log4j = component(&bom, "pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1");
    assert_eq!(log4j["group"], "org.apache.logging.log4j");
    assert_eq!(log4j["name"], "log4j-core");
    assert_eq!(log4j["version"], "2.14.1");
    assert!(
        refs(&bom)
            .iter()
            .all(|r| !r.contains("junit") && !r.contains("legacy-client"))
    );
    let meta = &bom["metadata"];
    assert_eq!(property_values(meta, "steward:unpinned"), ["2"]);
    assert_eq!(
        property_values(meta, "steward:unpinned:package"),
        [
            "junit:junit [4.12,5.0) (maven-properties-management/pom.xml:75)",
            "com.acme:legacy-client (maven-properties-management/pom.xml:81)",
        ]
    );
    // pom.xml records no edges: the graph of its components is unknown, not empty.
    assert_eq!(
        depends_on(&bom, "pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1"),
        None
    );
    let direct = depends_on(&bom, "product:shop").unwrap();
    assert!(direct.contains(&"pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1".to_string()));
}

#[test]
fn go_namespaces_local_replacements_and_merging_across_lockfiles() {
    let bom = bom_of(&["go-mod-replace-exclude/go.mod", "go-sum-dedupe/go.sum"]);
    let gin = component(&bom, "pkg:golang/github.com/gin-gonic/gin@v1.9.1");
    assert_eq!(gin["group"], "github.com/gin-gonic");
    assert_eq!(gin["name"], "gin");
    assert_eq!(gin["version"], "v1.9.1");
    assert_eq!(
        property_values(gin, "steward:lockfile"),
        ["go-mod-replace-exclude/go.mod", "go-sum-dedupe/go.sum"]
    );
    assert_eq!(
        property_values(gin, "steward:line"),
        ["go-mod-replace-exclude/go.mod:8", "go-sum-dedupe/go.sum:5"]
    );
    let yaml = component(&bom, "pkg:golang/gopkg.in/yaml.v3@v3.0.1");
    assert_eq!(
        (&yaml["group"], &yaml["name"]),
        (&json!("gopkg.in"), &json!("yaml.v3"))
    );
    // Only go.sum has gin v1.9.0.
    let old = component(&bom, "pkg:golang/github.com/gin-gonic/gin@v1.9.0");
    assert_eq!(
        property_values(old, "steward:lockfile"),
        ["go-sum-dedupe/go.sum"]
    );

    // A module replaced by a local directory has no version but ships: it is a component.
    let tools = component(&bom, "pkg:golang/example.com/internal/tools");
    assert!(tools.get("version").is_none());
    assert_eq!(
        tools["externalReferences"][0],
        json!({"type": "other", "url": "../tools", "comment": "a local path or package-manager protocol, as the lockfile records it"})
    );
    assert!(bom["metadata"].get("properties").is_some());
    assert!(property_values(&bom["metadata"], "steward:unpinned").is_empty());

    let names: Vec<&str> = bom["components"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["purl"].as_str().unwrap())
        .collect();
    assert_eq!(
        names.iter().filter(|p| p.contains("/gin@v1.9.1")).count(),
        1
    );
}

#[test]
fn python_names_included_files_and_unpinned_ranges() {
    let bom = bom_of(&["requirements-nested/requirements.txt"]);
    let django = component(&bom, "pkg:pypi/django@4.2.7");
    assert_eq!(django["name"], "Django");
    assert!(django.get("group").is_none());
    let certifi = component(&bom, "pkg:pypi/certifi@2023.7.22");
    assert_eq!(
        property_values(certifi, "steward:line"),
        ["requirements-nested/requirements/common.txt:3"]
    );
    assert_eq!(
        property_values(certifi, "steward:lockfile"),
        ["requirements-nested/requirements.txt"]
    );
    let urllib3 = component(&bom, "pkg:pypi/urllib3@1.26.18");
    assert_eq!(urllib3["hashes"].as_array().map(Vec::len), Some(2));
    assert_eq!(
        property_values(&bom["metadata"], "steward:unpinned:package"),
        ["celery ~= 5.3 (requirements-nested/requirements.txt:8)"]
    );
    let internal = component(&bom, "pkg:pypi/internal-lib");
    assert_eq!(internal["externalReferences"][0]["type"], "vcs");

    // Poetry edges by name, across spelling; an edge to a package not in the file is dropped.
    let bom = bom_of(&["poetry-v1-category/poetry.lock"]);
    assert_eq!(
        depends_on(&bom, "pkg:pypi/pytest@7.4.3").unwrap(),
        ["pkg:pypi/iniconfig@2.0.0"]
    );
    assert_eq!(
        depends_on(&bom, "pkg:pypi/requests@2.31.0").unwrap(),
        [
            "pkg:pypi/certifi@2023.7.22",
            "pkg:pypi/charset-normalizer@3.3.2"
        ]
    );
    // poetry 1 does not say which packages are direct.
    assert_eq!(depends_on(&bom, "product:shop"), None);
}

fn package(name: &str, version: &str) -> Package {
    let mut p = Package::new(Ecosystem::CratesIo, name, Some(version.to_string()));
    p.scope = Scope::Direct;
    p.line = 1;
    p
}

#[test]
fn shared_purls_get_distinct_refs_and_duplicates_merge() {
    let mut from_git = package("rand", "0.8.5");
    from_git.source = Some("git+https://git.example/rust-random/rand#abc".to_string());
    from_git.dev = true;
    let mut app = package("app-core", "1.0.0");
    app.dependencies = vec![Dependency {
        name: "rand".to_string(),
        version: Some("0.8.5".to_string()),
    }];
    let a = Lockfile {
        path: "a/Cargo.lock".to_string(),
        kind: steward_deps::LockfileKind::CargoLock,
        packages: vec![from_git, package("rand", "0.8.5"), app],
        warnings: Vec::new(),
    };
    let mut dev_rand = package("rand", "0.8.5");
    dev_rand.dev = true;
    dev_rand.line = 7;
    let b = Lockfile {
        path: "b/Cargo.lock".to_string(),
        packages: vec![dev_rand],
        ..a.clone()
    };
    let bom = sbom::cyclonedx(&[a, b], &meta());
    assert_well_formed(&bom);
    assert_eq!(
        refs(&bom),
        [
            "pkg:cargo/app-core@1.0.0",
            "pkg:cargo/rand@0.8.5",
            "pkg:cargo/rand@0.8.5|2",
        ]
    );
    // The registry rand is runtime in a/ and dev in b/: required.
    let rand = component(&bom, "pkg:cargo/rand@0.8.5");
    assert_eq!(rand["scope"], "required");
    assert!(rand.get("externalReferences").is_none());
    assert_eq!(
        property_values(rand, "steward:line"),
        ["a/Cargo.lock:1", "b/Cargo.lock:7"]
    );
    let git = component(&bom, "pkg:cargo/rand@0.8.5|2");
    assert_eq!(git["purl"], "pkg:cargo/rand@0.8.5");
    assert_eq!(git["scope"], "optional");
    assert_eq!(git["externalReferences"][0]["type"], "vcs");
    // An edge by name and version reaches both packages of that name and version.
    assert_eq!(
        depends_on(&bom, "pkg:cargo/app-core@1.0.0").unwrap(),
        ["pkg:cargo/rand@0.8.5", "pkg:cargo/rand@0.8.5|2"]
    );
}

#[test]
fn embedded_spdx_ids_match_the_schema() {
    let schema = read_json(&schemas_dir().join("spdx.schema.json"));
    let expected: Vec<&str> = schema["enum"]
        .as_array()
        .expect("enum")
        .iter()
        .map(|v| v.as_str().expect("id"))
        .collect();
    let embedded: Vec<&str> = include_str!("../data/spdx-ids.txt")
        .lines()
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect();
    assert_eq!(embedded, expected);
}

#[test]
fn the_schema_check_catches_what_it_should() {
    let good = bom_of(&["npm-v3-shrinkwrap/npm-shrinkwrap.json"]);
    let broken = |edit: &dyn Fn(&mut Value)| {
        let mut bom = good.clone();
        edit(&mut bom);
        schema_errors(&bom)
    };
    assert!(broken(&|_| ()).is_empty());
    // Through the registered spdx.schema.json:
    assert!(
        !broken(&|b| b["components"][0]["licenses"] = json!([{"license": {"id": "Not-A-Licence"}}]))
            .is_empty()
    );
    assert!(!broken(&|b| b["components"][0]["hashes"][0]["alg"] = json!("SHA-999")).is_empty());
    assert!(!broken(&|b| b["components"][0]["hashes"][0]["content"] = json!("abc")).is_empty());
    assert!(!broken(&|b| b["serialNumber"] = json!("urn:uuid:not-a-uuid")).is_empty());
    assert!(!broken(&|b| b["metadata"]["timestamp"] = json!("yesterday")).is_empty());
    assert!(!broken(&|b| b["components"][0]["scope"] = json!("dev")).is_empty());
    assert!(!broken(&|b| b["dependencies"][0]["dependsOn"] = json!(["a", "a"])).is_empty());
    let bad_url = broken(&|b| {
        b["components"][0]["externalReferences"] = json!([{"type": "vcs", "url": "git@host:a b"}])
    });
    assert!(!bad_url.is_empty());
}

#[test]
fn sources_that_are_not_uri_references_are_escaped_into_valid_ones() {
    let sources = [
        "git@git.example:acme/my lib.git",
        "patch:left-pad@npm%3A1.3.0#./.yarn/patches/left pad.patch#~builtin<compat/x>",
        "file:../vendor/{name}|50%",
        "link:./packages/a\\b",
    ];
    let packages = sources
        .iter()
        .enumerate()
        .map(|(i, source)| {
            let mut p = Package::new(Ecosystem::Npm, format!("pkg-{i}"), None);
            p.source = Some(source.to_string());
            p
        })
        .collect();
    let lockfile = Lockfile {
        path: "yarn.lock".to_string(),
        kind: steward_deps::LockfileKind::YarnLock,
        packages,
        warnings: Vec::new(),
    };
    let bom = sbom::cyclonedx(&[lockfile], &meta());
    assert_well_formed(&bom);
    let urls: Vec<&str> = bom["components"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["externalReferences"][0]["url"].as_str().unwrap())
        .collect();
    assert_eq!(
        urls,
        [
            "ssh://git@git.example/acme/my%20lib.git",
            "patch:left-pad@npm%3A1.3.0#./.yarn/patches/left%20pad.patch%23~builtin%3Ccompat/x%3E",
            "file:../vendor/%7Bname%7D%7C50%25",
            "link:./packages/a%5Cb",
        ]
    );
}
