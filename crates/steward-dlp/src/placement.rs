//! Data in the wrong place: compare what an object holds with what steward.toml says its
//! asset may hold. An asset declared to hold `pii` that holds `cardholder` data is a
//! finding; so is sensitive data in an asset declared to hold only `public` data.

use steward_core::finding::{Finding, Location};
use steward_core::rule::Rule;
use steward_core::severity::{Confidence, Severity};
use steward_core::taxonomy::{Cwe, Owasp};

use crate::engine::ClassSummary;

/// Rule id of the finding for data of a class its asset is not declared to hold.
pub const UNDECLARED_CLASS: &str = "dlp/undeclared-data-class";

/// The placement rules, for the rule catalog.
pub fn placement_rules() -> Vec<Rule> {
    let mut r = Rule::new(
        UNDECLARED_CLASS,
        "dlp",
        "Sensitive data where steward.toml says it must not be",
        Severity::High,
    );
    r.confidence = Confidence::Medium;
    r.cwe = vec![Cwe(359), Cwe(312)];
    r.owasp = Some(Owasp::A01);
    r.description = "An object of a declared asset holds a class of data (cardholder, health, pii, financial, credentials) that the asset's `holds` in steward.toml does not list.".into();
    r.rationale = Some("Controls follow the declared data: an asset declared to hold personal data is not protected, retained or destroyed as one holding card data. Data that lands where it was not planned escapes those controls, and is what breach reports are made of.".into());
    r.remediation = Some("Move or delete the data, or, if the asset really must hold it, add the class to the asset's `holds` in steward.toml and apply the requirements that come with it (`steward plan`).".into());
    r.examples = vec!["an asset with holds = [\"pii\"] containing card numbers".into()];
    r.negative_examples =
        vec!["an asset with holds = [\"cardholder\", \"pii\"] containing card numbers".into()];
    vec![r]
}

/// Findings for every data class in `summary` that `allowed` (the asset's `holds`) does
/// not include. `object` names where the data is; `asset` is the asset's id.
pub fn undeclared_classes(
    rule: &Rule,
    object: &str,
    asset: &str,
    allowed: &[&str],
    summary: &ClassSummary,
) -> Vec<Finding> {
    let mut out = Vec::new();
    for stats in summary.classes.values() {
        if allowed.contains(&stats.data_class) {
            continue;
        }
        let declared = if allowed.is_empty() {
            "nothing".to_string()
        } else {
            allowed.join(", ")
        };
        let message = format!(
            "{} holds {} data ({} value{}, e.g. {}), but asset `{asset}` is declared to hold {declared}",
            object,
            stats.data_class,
            stats.count,
            if stats.count == 1 { "" } else { "s" },
            stats.example
        );
        let mut f = Finding::new(
            rule,
            message,
            Location::whole(object),
            format!("{asset}\0{}", stats.data_class).as_bytes(),
        );
        f.properties.insert("asset".into(), asset.into());
        f.properties
            .insert("data_class".into(), stats.data_class.into());
        f.properties.insert("count".into(), stats.count.into());
        f.properties
            .insert("masked".into(), stats.example.clone().into());
        out.push(f);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_undeclared_classes_are_findings() {
        let hits = crate::classify_bytes(b"card: 4539 1488 0343 6467\nemail: ana@example.org\n");
        let summary = crate::summarize(&hits);
        let rule = &placement_rules()[0];
        let f = undeclared_classes(rule, "exports/a.csv", "receipts", &["pii"], &summary);
        assert_eq!(f.len(), 1, "{f:#?}");
        assert!(f[0].message.contains("cardholder data"), "{}", f[0].message);
        assert!(!f[0].message.contains("4539 1488 0343 6467"));
        assert!(undeclared_classes(rule, "a", "r", &["pii", "cardholder"], &summary).is_empty());
    }
}
