//! Which requirements a product has: each requirement's condition against what steward.toml
//! declares, with the facts that made it match, and the frameworks it serves for this product.

use std::fmt;
use std::ops::Deref;

use serde::Serialize;
use steward_core::manifest::{ComponentKind, DataClass, Manifest, Zone};

use crate::catalog::{Applicability, Catalog, Condition, Requirement, kind_name, zone_name};
use crate::framework::{Framework, FrameworkScope, frameworks_in_scope, jurisdiction_covers};

/// A fact from the manifest that made a requirement apply.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "because")]
pub enum Reason {
    /// The requirement applies to every product.
    Always,
    /// The product declares this data class.
    Data { class: DataClass },
    /// The product declares this jurisdiction, which the condition names (or a group of it).
    Jurisdiction { declared: String, condition: String },
    /// This component has a kind and zone the condition names.
    Component {
        id: String,
        kind: ComponentKind,
        zone: Zone,
    },
}

impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Reason::Always => f.write_str("applies to every product"),
            Reason::Data { class } => write!(f, "the product holds {} data", class.as_str()),
            Reason::Jurisdiction {
                declared,
                condition,
            } if declared == condition => write!(f, "the product is in jurisdiction {declared}"),
            Reason::Jurisdiction {
                declared,
                condition,
            } => write!(
                f,
                "the product is in jurisdiction {declared} (part of {condition})"
            ),
            Reason::Component { id, kind, zone } => write!(
                f,
                "component `{id}` is a {} in the {} zone",
                kind_name(*kind),
                zone_name(*zone)
            ),
        }
    }
}

/// A requirement selected for a product.
#[derive(Debug, Clone, Serialize)]
pub struct Selected<'c> {
    pub requirement: &'c Requirement,
    /// Why it applies: one entry per matching fact, never empty.
    pub reasons: Vec<Reason>,
    /// The frameworks it cites that bear on this product, in [`Framework::ALL`] order. A
    /// general requirement that cites PCI DSS among others lists PCI DSS only for a product
    /// that holds cardholder data.
    pub frameworks: Vec<Framework>,
}

impl Deref for Selected<'_> {
    type Target = Requirement;
    fn deref(&self) -> &Requirement {
        self.requirement
    }
}

impl Selected<'_> {
    /// The references to the frameworks in [`Selected::frameworks`].
    pub fn references(&self) -> impl Iterator<Item = &crate::catalog::Reference> {
        self.requirement
            .references
            .iter()
            .filter(|r| self.frameworks.contains(&r.framework))
    }
}

/// The facts in `manifest` that satisfy `condition`, or `None` when some part of it fails.
fn matches(condition: &Condition, manifest: &Manifest) -> Option<Vec<Reason>> {
    let mut reasons = Vec::new();
    if !condition.data.is_empty() {
        let held: Vec<Reason> = condition
            .data
            .iter()
            .filter(|c| manifest.data.classes.contains(c))
            .map(|c| Reason::Data { class: *c })
            .collect();
        if held.is_empty() {
            return None;
        }
        reasons.extend(held);
    }
    if !condition.jurisdictions.is_empty() {
        let mut listed = Vec::new();
        for declared in &manifest.data.jurisdictions {
            let declared = declared.get_ref();
            if let Some(named) = condition
                .jurisdictions
                .iter()
                .find(|c| jurisdiction_covers(c, declared))
            {
                listed.push(Reason::Jurisdiction {
                    declared: declared.clone(),
                    condition: named.clone(),
                });
            }
        }
        if listed.is_empty() {
            return None;
        }
        reasons.extend(listed);
    }
    if !condition.kinds.is_empty() || !condition.exposure.is_empty() {
        let components: Vec<Reason> = manifest
            .components
            .iter()
            .filter(|c| condition.kinds.is_empty() || condition.kinds.contains(&c.kind))
            .filter(|c| condition.exposure.is_empty() || condition.exposure.contains(&c.zone))
            .map(|c| Reason::Component {
                id: c.id.get_ref().clone(),
                kind: c.kind,
                zone: c.zone,
            })
            .collect();
        if components.is_empty() {
            return None;
        }
        reasons.extend(components);
    }
    Some(reasons)
}

impl Catalog {
    /// The requirements that apply to the product `manifest` describes, in catalog order,
    /// each with the reasons it applies and the frameworks it serves for this product.
    pub fn applicable(&self, manifest: &Manifest) -> Vec<Selected<'_>> {
        let scopes: Vec<FrameworkScope> = frameworks_in_scope(manifest);
        self.requirements()
            .iter()
            .filter_map(|requirement| {
                let reasons = match &requirement.applies_when {
                    Applicability::Always => vec![Reason::Always],
                    Applicability::When(condition) => matches(condition, manifest)?,
                };
                let frameworks = requirement
                    .frameworks()
                    .into_iter()
                    .filter(|f| scopes.iter().any(|s| s.framework == *f))
                    .collect();
                Some(Selected {
                    requirement,
                    reasons,
                    frameworks,
                })
            })
            .collect()
    }
}
