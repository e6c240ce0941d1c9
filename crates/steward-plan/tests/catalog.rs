//! The compiled-in catalog: it validates, covers every domain issue 7 names, selects the
//! right frameworks' requirements for representative products, and its verification links
//! point at rules that exist.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use steward_core::manifest::Manifest;
use steward_plan::catalog::{PLANNED_RULE_FAMILIES, SHIPPED_RULE_FAMILIES};
use steward_plan::{Applicability, Basis, Catalog, Framework, Reason, Selected};

fn catalog() -> &'static Catalog {
    match steward_plan::embedded() {
        Ok(c) => c,
        Err(errors) => panic!("{errors}"),
    }
}

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

#[test]
fn catalog_validates_and_has_at_least_120_requirements() {
    let c = catalog();
    assert!(
        c.requirements().len() >= 120,
        "only {} requirements",
        c.requirements().len()
    );
}

#[test]
fn every_domain_of_issue_7_is_present() {
    // Domain key -> the least number of requirements we hold it to.
    let wanted = [
        "auth",
        "session",
        "access",
        "input",
        "crypto",
        "secrets",
        "logging",
        "data",
        "network",
        "config",
        "deps",
        "vuln",
        "backup",
        "incident",
        "third-party",
        "change",
        "sunset",
    ];
    let c = catalog();
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for r in c.requirements() {
        *counts.entry(r.domain.as_str()).or_default() += 1;
    }
    for domain in wanted {
        let n = counts.get(domain).copied().unwrap_or(0);
        assert!(n >= 5, "domain `{domain}` has {n} requirements");
    }
    // Key management, tamper-evident logs, log retention, card masking and destruction are
    // named explicitly in the issue.
    for id in [
        "STW-CRYPTO-004", // key lifecycle
        "STW-LOG-007",    // tamper-evidence
        "STW-LOG-008",    // retention
        "STW-DATA-004",   // masking of card numbers
        "STW-DATA-007",   // retention and deletion
        "STW-SUNSET-002", // data destruction
    ] {
        assert!(c.get(id).is_some(), "{id} is missing");
    }
}

#[test]
fn every_embedded_file_is_in_the_catalog_directory_and_vice_versa() {
    let on_disk: BTreeSet<String> = std::fs::read_dir(repo_root().join("catalog"))
        .expect("catalog/ exists")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".toml"))
        .map(|n| format!("catalog/{n}"))
        .collect();
    let embedded: BTreeSet<String> = steward_plan::EMBEDDED_FILES
        .iter()
        .map(|(n, _)| n.to_string())
        .collect();
    assert_eq!(
        on_disk, embedded,
        "add new catalog files to EMBEDDED_FILES in lib.rs"
    );
}

#[test]
fn every_framework_is_cited() {
    let c = catalog();
    for framework in Framework::ALL {
        let n = c
            .requirements()
            .iter()
            .filter(|r| r.references_to(framework).next().is_some())
            .count();
        assert!(n >= 10, "{framework} is cited by only {n} requirements");
    }
}

fn manifest(text: &str) -> Manifest {
    match Manifest::parse("steward.toml", text) {
        Ok(m) => m,
        Err(e) => panic!("{e}"),
    }
}

fn serving(selected: &[Selected<'_>], framework: Framework) -> Vec<String> {
    selected
        .iter()
        .filter(|s| s.frameworks.contains(&framework))
        .map(|s| s.id.clone())
        .collect()
}

const PAYMENTS_SG_AR: &str = r#"
[product]
name = "checkout"
phase = "design"

[data]
classes = ["cardholder", "pii"]
jurisdictions = ["SG", "AR"]

[[component]]
id = "web"
kind = "service"
zone = "dmz"

[[component]]
id = "orders-db"
kind = "database"
tech = "mongodb"
zone = "dmz"
auth = "default"
holds = ["cardholder"]
"#;

#[test]
fn card_and_personal_data_in_singapore_and_argentina() {
    let m = manifest(PAYMENTS_SG_AR);
    let selected = steward_plan::applicable(&m).expect("catalog");
    let ids: BTreeSet<&str> = selected.iter().map(|s| s.id.as_str()).collect();

    // PCI DSS: card-specific requirements are selected because of the cardholder class.
    for id in [
        "STW-AUTH-003",
        "STW-DATA-004",
        "STW-DATA-005",
        "STW-LOG-009",
    ] {
        assert!(ids.contains(id), "{id} missing");
    }
    let masking = selected.iter().find(|s| s.id == "STW-DATA-004").unwrap();
    assert!(masking.reasons.iter().any(|r| matches!(
        r,
        Reason::Data { class } if class.as_str() == "cardholder"
    )));
    assert!(serving(&selected, Framework::PciDss).len() >= 30);

    // MAS TRM and BCRA: the regulator-specific reporting requirements, and the general ones
    // that cite them.
    let mas = selected
        .iter()
        .find(|s| s.id == "STW-IR-006")
        .expect("MAS reporting");
    assert!(mas.reasons.iter().any(|r| matches!(
        r,
        Reason::Jurisdiction { declared, .. } if declared == "SG"
    )));
    assert!(ids.contains("STW-IR-007"), "BCRA reporting");
    assert!(serving(&selected, Framework::MasTrm).len() >= 20);
    assert!(serving(&selected, Framework::Bcra).len() >= 15);

    // GDPR-style: personal-data requirements citing GDPR articles, GDPR standing as the model
    // for Singapore's and Argentina's data-protection law.
    for id in ["STW-DATA-008", "STW-DATA-009", "STW-IR-003", "STW-DATA-014"] {
        assert!(ids.contains(id), "{id} missing");
    }
    let gdpr = steward_plan::frameworks_in_scope(&m)
        .into_iter()
        .find(|s| s.framework == Framework::Gdpr)
        .expect("GDPR in scope");
    assert_eq!(gdpr.basis, Basis::Model);
    assert!(serving(&selected, Framework::Gdpr).len() >= 10);

    // Architecture-driven: a datastore in the DMZ selects the exposure requirement, naming it.
    let exposed = selected.iter().find(|s| s.id == "STW-NET-003").unwrap();
    assert!(exposed.reasons.iter().any(|r| matches!(
        r,
        Reason::Component { id, .. } if id == "orders-db"
    )));
    assert!(
        exposed.reasons[0]
            .to_string()
            .contains("`orders-db` is a database in the dmz zone"),
        "{}",
        exposed.reasons[0]
    );

    // Not a US health product.
    assert!(serving(&selected, Framework::Hipaa).is_empty());
    assert!(!ids.contains("STW-VENDOR-006"));
    assert!(!ids.contains("STW-IR-005"));

    // Every selected requirement is traceable to a check or an attestation.
    for s in &selected {
        assert!(
            !s.verification.is_empty() || s.attestation.is_some(),
            "{}",
            s.id
        );
        assert!(!s.reasons.is_empty(), "{}", s.id);
    }
}

const HEALTH_US: &str = r#"
[product]
name = "clinic-portal"

[data]
classes = ["health"]
jurisdictions = ["US"]

[[component]]
id = "api"
kind = "service"
zone = "dmz"

[[component]]
id = "records"
kind = "database"
zone = "restricted"
holds = ["health"]
"#;

#[test]
fn health_data_in_the_us_gets_hipaa() {
    let m = manifest(HEALTH_US);
    let selected = steward_plan::applicable(&m).expect("catalog");
    let ids: BTreeSet<&str> = selected.iter().map(|s| s.id.as_str()).collect();
    for id in [
        "STW-VENDOR-006", // business associate agreements
        "STW-IR-005",     // breach notification rule
        "STW-ACCESS-009", // emergency access
        "STW-LOG-004",    // activity review
        "STW-DATA-012",   // integrity
    ] {
        assert!(ids.contains(id), "{id} missing");
    }
    let hipaa = serving(&selected, Framework::Hipaa);
    assert!(hipaa.len() >= 20, "{hipaa:?}");
    // The encryption requirement serves HIPAA here, through its 164.312(a)(2)(iv) reference.
    let at_rest = selected.iter().find(|s| s.id == "STW-DATA-002").unwrap();
    assert!(at_rest.frameworks.contains(&Framework::Hipaa));
    assert!(
        at_rest
            .references()
            .any(|r| r.framework == Framework::Hipaa && r.id == "164.312(a)(2)(iv)")
    );
    assert!(serving(&selected, Framework::PciDss).is_empty());
    assert!(serving(&selected, Framework::MasTrm).is_empty());
}

const NEITHER: &str = r#"
[product]
name = "docs-site"

[data]
classes = ["public"]
jurisdictions = ["NZ"]

[[component]]
id = "site"
kind = "service"
zone = "internet"
"#;

/// Whether the requirement's condition asks for this data class.
fn conditioned_on(selected: &Selected<'_>, class: &str) -> bool {
    match &selected.applies_when {
        Applicability::Always => false,
        Applicability::When(c) => c.data.iter().any(|d| d.as_str() == class),
    }
}

#[test]
fn a_product_without_card_or_health_data_gets_neither_pci_nor_hipaa() {
    let m = manifest(NEITHER);
    let selected = steward_plan::applicable(&m).expect("catalog");
    assert!(serving(&selected, Framework::PciDss).is_empty());
    assert!(serving(&selected, Framework::Hipaa).is_empty());
    assert!(serving(&selected, Framework::MasTrm).is_empty());
    assert!(serving(&selected, Framework::Bcra).is_empty());
    assert!(serving(&selected, Framework::Gdpr).is_empty());
    for s in &selected {
        assert!(
            !conditioned_on(s, "cardholder") && !conditioned_on(s, "health"),
            "{} should not apply",
            s.id
        );
    }
    // The baseline still applies: it is not an empty plan.
    assert!(selected.len() >= 60, "{}", selected.len());
    assert!(serving(&selected, Framework::Asvs).len() >= 30);
}

#[test]
fn gdpr_applies_directly_in_the_eu() {
    let m = manifest(
        "[product]\nname = \"shop\"\n[data]\nclasses = [\"pii\"]\njurisdictions = [\"DE\"]\n",
    );
    let gdpr = steward_plan::frameworks_in_scope(&m)
        .into_iter()
        .find(|s| s.framework == Framework::Gdpr)
        .expect("GDPR in scope");
    assert_eq!(gdpr.basis, Basis::Direct);
    assert!(gdpr.reason.contains("DE"), "{}", gdpr.reason);
}

/// Rule ids the engines ship: the `id:` of every rule file under `crates/*/rules`, and the
/// rule-id constants engines define in code (`pub const X: &str = "deps/unpinned";`).
fn shipped_rule_ids() -> BTreeSet<String> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for entry in entries.filter_map(|e| e.ok()) {
            let path = entry.path();
            if path.is_dir() {
                walk(&path, out);
            } else {
                out.push(path);
            }
        }
    }
    let mut files = Vec::new();
    walk(&repo_root().join("crates"), &mut files);
    let mut ids = BTreeSet::new();
    for file in files {
        let path = file.to_string_lossy().replace('\\', "/");
        let is_rule_file =
            path.contains("/rules/") && (path.ends_with(".yml") || path.ends_with(".yaml"));
        let is_source = path.contains("/src/") && path.ends_with(".rs");
        if !is_rule_file && !is_source {
            continue;
        }
        let Ok(text) = std::fs::read_to_string(&file) else {
            continue;
        };
        for line in text.lines() {
            let line = line.trim();
            let candidate = if is_rule_file {
                line.trim_start_matches("- ")
                    .strip_prefix("id:")
                    .map(|v| v.trim().trim_matches(['"', '\'']))
            } else if line.starts_with("pub const ") && line.contains(": &str = \"") {
                line.split('"').nth(1)
            } else {
                None
            };
            if let Some(id) = candidate
                && SHIPPED_RULE_FAMILIES
                    .iter()
                    .any(|f| id.starts_with(&format!("{f}/")))
            {
                ids.insert(id.to_string());
            }
        }
    }
    ids
}

#[test]
fn verification_ids_name_rules_that_exist_or_are_planned() {
    let shipped = shipped_rule_ids();
    // A sanity check that the scan of the engines found their rules at all.
    for known in [
        "secrets/aws-access-key-id",
        "code/python/weak-hash",
        "dlp/card-number",
        "deps/unpinned",
        "steward/suppression-without-reason",
    ] {
        assert!(
            shipped.contains(known),
            "{known} not found among {shipped:?}"
        );
    }
    let mut missing = Vec::new();
    let mut planned = BTreeSet::new();
    for r in catalog().requirements() {
        for rule in &r.verification {
            let family = rule.split('/').next().unwrap_or_default();
            if PLANNED_RULE_FAMILIES.contains(&family) {
                planned.insert(rule.clone());
                continue;
            }
            let exists = match rule.strip_suffix('*') {
                Some(prefix) => shipped.iter().any(|id| id.starts_with(prefix)),
                None => shipped.contains(rule),
            };
            if !exists {
                missing.push(format!("{} ({}:{})", rule, r.file, r.line));
            }
        }
    }
    assert!(missing.is_empty(), "no such rule: {missing:#?}");
    assert!(!planned.is_empty());
}

#[test]
fn a_broken_file_is_reported_with_its_place() {
    let mut files: Vec<(&str, String)> = steward_plan::EMBEDDED_FILES
        .iter()
        .map(|(n, t)| (*n, t.to_string()))
        .collect();
    let crypto = files
        .iter_mut()
        .find(|(n, _)| *n == "catalog/crypto.toml")
        .unwrap();
    crypto.1 = crypto
        .1
        .replacen(r#"pci_dss = ["3.6.1","#, r#"pci_dss = ["3.6.1.a","#, 1);
    let errors = Catalog::from_files(files.iter().map(|(n, t)| (*n, t.as_str()))).unwrap_err();
    assert_eq!(errors.0.len(), 1, "{errors}");
    let e = &errors.0[0];
    assert_eq!(e.file, "catalog/crypto.toml");
    assert!(e.key.ends_with(".references.pci_dss[0]"), "{e}");
    assert!(e.message.contains("3.6.1.a"), "{e}");
}
