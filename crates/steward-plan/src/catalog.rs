//! The requirement catalog: TOML files, one per security domain, parsed and checked into
//! [`Requirement`]s. Every error names the file, line and key it is about, and every file is
//! checked in full, so one run reports all that is wrong.

use std::collections::HashMap;
use std::fmt;

use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::{Deserialize, Serialize};
use steward_core::manifest::{ComponentKind, DataClass, Phase, Zone};
use toml::Spanned;

use crate::framework::Framework;

/// Rule families whose rules steward ships today: a verification id in one of these must name
/// a rule that exists (the crate's tests check it against the engines' rule files).
pub const SHIPPED_RULE_FAMILIES: &[&str] = &["secrets", "code", "dlp", "deps", "steward"];
/// Rule families that are designed but not built yet: ids in them are checked for form only.
pub const PLANNED_RULE_FAMILIES: &[&str] = &["iac", "arch", "monitor", "controls", "sunset", "web"];

/// One security domain: a catalog file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Domain {
    /// Short key, also the file's stem: `crypto`.
    pub key: String,
    pub title: String,
    /// Id prefix of its requirements: `STW-CRYPTO`.
    pub prefix: String,
    pub file: String,
}

/// A framework reference: which framework, and the number within it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Reference {
    pub framework: Framework,
    pub id: String,
}

/// When a requirement applies.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Applicability {
    /// To every product.
    Always,
    /// To products that meet every part of the condition.
    When(Condition),
}

/// Each list present must match (they are ANDed); within a list any one entry is enough.
/// `kinds` and `exposure` are matched on one component together: `kinds = ["database"]`
/// with `exposure = ["dmz"]` wants a database in the DMZ, not a database and something in
/// the DMZ.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Condition {
    pub data: Vec<DataClass>,
    /// ISO 3166 alpha-2 codes, or the groups `EU` and `EEA`.
    pub jurisdictions: Vec<String>,
    pub kinds: Vec<ComponentKind>,
    pub exposure: Vec<Zone>,
}

/// A non-functional security requirement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Requirement {
    pub id: String,
    /// The [`Domain::key`] of the file it is in.
    pub domain: String,
    pub title: String,
    pub text: String,
    pub rationale: String,
    pub phases: Vec<Phase>,
    pub applies_when: Applicability,
    pub references: Vec<Reference>,
    /// Rule ids (or `family/*` patterns) whose passing shows the requirement is met.
    pub verification: Vec<String>,
    /// What a person has to confirm, when rules cannot show it all.
    pub attestation: Option<String>,
    /// Where it is defined.
    pub file: String,
    pub line: usize,
}

impl Requirement {
    /// Its references to `framework`, in catalog order.
    pub fn references_to(&self, framework: Framework) -> impl Iterator<Item = &str> {
        self.references
            .iter()
            .filter(move |r| r.framework == framework)
            .map(|r| r.id.as_str())
    }

    /// The frameworks it cites, each once, in [`Framework::ALL`] order.
    pub fn frameworks(&self) -> Vec<Framework> {
        Framework::ALL
            .into_iter()
            .filter(|f| self.references.iter().any(|r| r.framework == *f))
            .collect()
    }
}

/// A checked catalog.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Catalog {
    domains: Vec<Domain>,
    requirements: Vec<Requirement>,
}

/// A problem in a catalog file, at the place it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CatalogError {
    pub file: String,
    pub line: usize,
    pub column: usize,
    /// Dotted key path, e.g. `requirement[3].references.pci_dss[0]`; empty for syntax errors.
    pub key: String,
    pub message: String,
}

impl fmt::Display for CatalogError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}: ", self.file, self.line, self.column)?;
        if !self.key.is_empty() {
            write!(f, "`{}`: ", self.key)?;
        }
        f.write_str(&self.message)
    }
}

impl std::error::Error for CatalogError {}

/// Every problem found in a catalog.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", display_errors(.0))]
pub struct CatalogErrors(pub Vec<CatalogError>);

fn display_errors(errors: &[CatalogError]) -> String {
    let mut out = format!(
        "the requirement catalog has {} error{}:",
        errors.len(),
        if errors.len() == 1 { "" } else { "s" }
    );
    for e in errors {
        out.push_str("\n  ");
        out.push_str(&e.to_string());
    }
    out
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    domain: Spanned<String>,
    title: Spanned<String>,
    prefix: Spanned<String>,
    #[serde(default, rename = "requirement")]
    requirements: Vec<RawRequirement>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRequirement {
    id: Spanned<String>,
    title: Spanned<String>,
    text: Spanned<String>,
    rationale: Spanned<String>,
    phases: Spanned<Vec<Spanned<String>>>,
    applies_when: Spanned<RawApplies>,
    #[serde(default)]
    references: Option<Spanned<RawReferences>>,
    #[serde(default)]
    verification: Vec<Spanned<String>>,
    #[serde(default)]
    attestation: Option<Spanned<String>>,
}

enum RawApplies {
    Always,
    When(RawCondition),
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawCondition {
    #[serde(default)]
    data: Vec<Spanned<String>>,
    #[serde(default)]
    jurisdictions: Vec<Spanned<String>>,
    #[serde(default)]
    kinds: Vec<Spanned<String>>,
    #[serde(default)]
    exposure: Vec<Spanned<String>>,
}

// `applies_when` is either the string "always" or a table; an untagged enum would buffer the
// value and lose the spans inside it, so the two shapes are told apart by hand.
impl<'de> Deserialize<'de> for RawApplies {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct AppliesVisitor;
        impl<'de> Visitor<'de> for AppliesVisitor {
            type Value = RawApplies;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str(r#""always" or a table of data, jurisdictions, kinds, exposure"#)
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<RawApplies, E> {
                if v == "always" {
                    Ok(RawApplies::Always)
                } else {
                    Err(E::invalid_value(de::Unexpected::Str(v), &self))
                }
            }
            fn visit_map<M: MapAccess<'de>>(self, map: M) -> Result<RawApplies, M::Error> {
                RawCondition::deserialize(de::value::MapAccessDeserializer::new(map))
                    .map(RawApplies::When)
            }
        }
        deserializer.deserialize_any(AppliesVisitor)
    }
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawReferences {
    #[serde(default)]
    pci_dss: Vec<Spanned<String>>,
    #[serde(default)]
    hipaa: Vec<Spanned<String>>,
    #[serde(default)]
    gdpr: Vec<Spanned<String>>,
    #[serde(default)]
    mas_trm: Vec<Spanned<String>>,
    #[serde(default)]
    bcra: Vec<Spanned<String>>,
    #[serde(default)]
    asvs: Vec<Spanned<String>>,
    #[serde(default)]
    nist_800_53: Vec<Spanned<String>>,
}

impl RawReferences {
    fn by_framework(&self) -> [(Framework, &Vec<Spanned<String>>); 7] {
        [
            (Framework::PciDss, &self.pci_dss),
            (Framework::Hipaa, &self.hipaa),
            (Framework::Gdpr, &self.gdpr),
            (Framework::MasTrm, &self.mas_trm),
            (Framework::Bcra, &self.bcra),
            (Framework::Asvs, &self.asvs),
            (Framework::Nist80053, &self.nist_800_53),
        ]
    }
}

const PHASES: &[(&str, Phase)] = &[
    ("design", Phase::Design),
    ("build", Phase::Build),
    ("operate", Phase::Operate),
    ("maintain", Phase::Maintain),
    ("sunset", Phase::Sunset),
];

const DATA_CLASSES: &[DataClass] = &[
    DataClass::Cardholder,
    DataClass::Health,
    DataClass::Pii,
    DataClass::Credentials,
    DataClass::Financial,
    DataClass::Public,
];

const KINDS: &[(&str, ComponentKind)] = &[
    ("service", ComponentKind::Service),
    ("database", ComponentKind::Database),
    ("bucket", ComponentKind::Bucket),
    ("queue", ComponentKind::Queue),
    ("cache", ComponentKind::Cache),
    ("gateway", ComponentKind::Gateway),
    ("function", ComponentKind::Function),
    ("host", ComponentKind::Host),
];

const ZONES: &[(&str, Zone)] = &[
    ("internet", Zone::Internet),
    ("dmz", Zone::Dmz),
    ("internal", Zone::Internal),
    ("restricted", Zone::Restricted),
];

/// The name steward.toml uses for a component kind.
pub fn kind_name(kind: ComponentKind) -> &'static str {
    match kind {
        ComponentKind::Service => "service",
        ComponentKind::Database => "database",
        ComponentKind::Bucket => "bucket",
        ComponentKind::Queue => "queue",
        ComponentKind::Cache => "cache",
        ComponentKind::Gateway => "gateway",
        ComponentKind::Function => "function",
        ComponentKind::Host => "host",
    }
}

/// The name steward.toml uses for a lifecycle phase.
pub fn phase_name(phase: Phase) -> &'static str {
    PHASES
        .iter()
        .find(|(_, p)| *p == phase)
        .map_or("build", |(n, _)| n)
}

/// Where `phase` falls in a product's life: design is 0, sunset 4.
pub fn phase_rank(phase: Phase) -> usize {
    PHASES.iter().position(|(_, p)| *p == phase).unwrap_or(0)
}

/// The lifecycle phases in order.
pub fn phases() -> impl Iterator<Item = Phase> {
    PHASES.iter().map(|(_, p)| *p)
}

/// The name steward.toml uses for a zone.
pub fn zone_name(zone: Zone) -> &'static str {
    match zone {
        Zone::Internet => "internet",
        Zone::Dmz => "dmz",
        Zone::Internal => "internal",
        Zone::Restricted => "restricted",
    }
}

fn names<T>(table: &[(&str, T)]) -> String {
    table.iter().map(|(n, _)| *n).collect::<Vec<_>>().join(", ")
}

/// Whether `id` is a rule id or `family/*`-style pattern of a family steward knows.
pub fn is_rule_reference(id: &str) -> bool {
    let mut segments = id.split('/');
    let Some(family) = segments.next() else {
        return false;
    };
    if !SHIPPED_RULE_FAMILIES.contains(&family) && !PLANNED_RULE_FAMILIES.contains(&family) {
        return false;
    }
    let rest: Vec<&str> = segments.collect();
    let Some((last, middle)) = rest.split_last() else {
        return false;
    };
    let segment = |s: &str| {
        s.bytes()
            .next()
            .is_some_and(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
            && s.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'.')
    };
    middle.iter().all(|s| segment(s)) && (*last == "*" || segment(last))
}

/// Line (1-based), column (1-based, in characters) of byte `offset` in `text`.
fn place(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let offset = (0..=offset)
        .rev()
        .find(|o| text.is_char_boundary(*o))
        .unwrap_or(0);
    let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let line = text[..offset].matches('\n').count() + 1;
    let column = text[line_start..offset].chars().count() + 1;
    (line, column)
}

struct FileChecker<'a> {
    file: &'a str,
    text: &'a str,
    errors: Vec<CatalogError>,
}

impl FileChecker<'_> {
    fn error(&mut self, offset: usize, key: String, message: String) {
        let (line, column) = place(self.text, offset);
        self.errors.push(CatalogError {
            file: self.file.to_string(),
            line,
            column,
            key,
            message,
        });
    }

    fn non_empty(&mut self, value: &Spanned<String>, key: String, what: &str) -> String {
        let trimmed = value.get_ref().trim();
        if trimmed.is_empty() {
            self.error(value.span().start, key, format!("{what} is empty"));
        }
        trimmed.to_string()
    }

    fn condition(&mut self, raw: &RawCondition, key: &str, at: usize) -> Condition {
        let mut condition = Condition::default();
        for (i, d) in raw.data.iter().enumerate() {
            match DATA_CLASSES.iter().find(|c| c.as_str() == d.get_ref()) {
                Some(c) => condition.data.push(*c),
                None => self.error(
                    d.span().start,
                    format!("{key}.data[{i}]"),
                    format!(
                        "`{}` is not a data class; use one of {}",
                        d.get_ref(),
                        DATA_CLASSES
                            .iter()
                            .map(|c| c.as_str())
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                ),
            }
        }
        for (i, j) in raw.jurisdictions.iter().enumerate() {
            let code = j.get_ref();
            let well_formed =
                code == "EEA" || (code.len() == 2 && code.bytes().all(|b| b.is_ascii_uppercase()));
            if well_formed {
                condition.jurisdictions.push(code.clone());
            } else {
                self.error(
                    j.span().start,
                    format!("{key}.jurisdictions[{i}]"),
                    format!(
                        "`{code}` is not a jurisdiction; use an ISO 3166 two-letter code in capitals (SG, AR, US) or the group EU or EEA"
                    ),
                );
            }
        }
        for (i, k) in raw.kinds.iter().enumerate() {
            match KINDS.iter().find(|(n, _)| n == k.get_ref()) {
                Some((_, kind)) => condition.kinds.push(*kind),
                None => self.error(
                    k.span().start,
                    format!("{key}.kinds[{i}]"),
                    format!(
                        "`{}` is not a component kind; use one of {}",
                        k.get_ref(),
                        names(KINDS)
                    ),
                ),
            }
        }
        for (i, z) in raw.exposure.iter().enumerate() {
            match ZONES.iter().find(|(n, _)| n == z.get_ref()) {
                Some((_, zone)) => condition.exposure.push(*zone),
                None => self.error(
                    z.span().start,
                    format!("{key}.exposure[{i}]"),
                    format!(
                        "`{}` is not an exposure; use one of the zones {}",
                        z.get_ref(),
                        names(ZONES)
                    ),
                ),
            }
        }
        if raw.data.is_empty()
            && raw.jurisdictions.is_empty()
            && raw.kinds.is_empty()
            && raw.exposure.is_empty()
        {
            self.error(
                at,
                key.to_string(),
                r#"the condition is empty; write `applies_when = "always"` for a requirement every product has"#.into(),
            );
        }
        condition
    }

    fn requirement(
        &mut self,
        index: usize,
        raw: &RawRequirement,
        domain: &str,
        prefix: &str,
    ) -> Requirement {
        let key = |field: &str| format!("requirement[{index}].{field}");
        let id = raw.id.get_ref().clone();
        let number = id
            .strip_prefix(prefix)
            .and_then(|rest| rest.strip_prefix('-'));
        if !number.is_some_and(|n| n.len() == 3 && n.bytes().all(|b| b.is_ascii_digit())) {
            self.error(
                raw.id.span().start,
                key("id"),
                format!("`{id}` is not an id of this file: write `{prefix}-` and three digits, e.g. `{prefix}-001`"),
            );
        }
        let title = self.non_empty(&raw.title, key("title"), "the title");
        let text = self.non_empty(&raw.text, key("text"), "the text");
        let rationale = self.non_empty(&raw.rationale, key("rationale"), "the rationale");

        let mut phases = Vec::new();
        if raw.phases.get_ref().is_empty() {
            self.error(
                raw.phases.span().start,
                key("phases"),
                format!("{id} names no phase; use one or more of {}", names(PHASES)),
            );
        }
        for (i, p) in raw.phases.get_ref().iter().enumerate() {
            match PHASES.iter().find(|(n, _)| n == p.get_ref()) {
                Some((_, phase)) if phases.contains(phase) => self.error(
                    p.span().start,
                    key(&format!("phases[{i}]")),
                    format!("phase `{}` is listed twice", p.get_ref()),
                ),
                Some((_, phase)) => phases.push(*phase),
                None => self.error(
                    p.span().start,
                    key(&format!("phases[{i}]")),
                    format!(
                        "`{}` is not a lifecycle phase; use one of {}",
                        p.get_ref(),
                        names(PHASES)
                    ),
                ),
            }
        }

        let applies_when = match raw.applies_when.get_ref() {
            RawApplies::Always => Applicability::Always,
            RawApplies::When(c) => Applicability::When(self.condition(
                c,
                &key("applies_when"),
                raw.applies_when.span().start,
            )),
        };

        let mut references = Vec::new();
        match &raw.references {
            None => self.error(
                raw.id.span().start,
                key("references"),
                format!("{id} cites no framework; add a [requirement.references] table"),
            ),
            Some(refs) => {
                for (framework, list) in refs.get_ref().by_framework() {
                    for (i, r) in list.iter().enumerate() {
                        let reference = r.get_ref().as_str();
                        let at = key(&format!("references.{}[{i}]", framework.key()));
                        if !framework.is_well_formed(reference) {
                            self.error(
                                r.span().start,
                                at,
                                format!(
                                    "`{reference}` is not a well-formed {} reference; expected {}",
                                    framework.name(),
                                    framework.expected_form()
                                ),
                            );
                        } else if references
                            .iter()
                            .any(|x: &Reference| x.framework == framework && x.id == reference)
                        {
                            self.error(r.span().start, at, format!("`{reference}` is cited twice"));
                        } else {
                            references.push(Reference {
                                framework,
                                id: reference.to_string(),
                            });
                        }
                    }
                }
                if refs
                    .get_ref()
                    .by_framework()
                    .iter()
                    .all(|(_, l)| l.is_empty())
                {
                    self.error(
                        refs.span().start,
                        key("references"),
                        format!("{id} cites no framework"),
                    );
                }
            }
        }

        let mut verification = Vec::new();
        for (i, v) in raw.verification.iter().enumerate() {
            let rule = v.get_ref().as_str();
            if rule == "attestation" {
                self.error(
                    v.span().start,
                    key(&format!("verification[{i}]")),
                    "write what a person must confirm in `attestation = \"...\"`, not in the rule list".into(),
                );
            } else if !is_rule_reference(rule) {
                self.error(
                    v.span().start,
                    key(&format!("verification[{i}]")),
                    format!(
                        "`{rule}` is not a rule id: write `family/name` (or `family/*`) with a family among {}",
                        SHIPPED_RULE_FAMILIES
                            .iter()
                            .chain(PLANNED_RULE_FAMILIES)
                            .copied()
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                );
            } else {
                verification.push(rule.to_string());
            }
        }
        let attestation = raw
            .attestation
            .as_ref()
            .map(|a| self.non_empty(a, key("attestation"), "the attestation"));
        if raw.verification.is_empty() && attestation.is_none() {
            self.error(
                raw.id.span().start,
                key("verification"),
                format!(
                    "{id} says nothing about how it is verified; list rule ids in `verification` or say what a person confirms in `attestation`"
                ),
            );
        }

        Requirement {
            id,
            domain: domain.to_string(),
            title,
            text,
            rationale,
            phases,
            applies_when,
            references,
            verification,
            attestation,
            file: self.file.to_string(),
            line: place(self.text, raw.id.span().start).0,
        }
    }
}

/// Parse one file; `Err` only when it cannot be read as a catalog file at all.
fn parse_file(file: &str, text: &str) -> Result<RawFile, CatalogError> {
    let at = |offset: usize, key: String, message: String| {
        let (line, column) = place(text, offset);
        CatalogError {
            file: file.to_string(),
            line,
            column,
            key,
            message,
        }
    };
    let de = toml::Deserializer::parse(text).map_err(|e| {
        at(
            e.span().map_or(0, |s| s.start),
            String::new(),
            e.message().to_string(),
        )
    })?;
    serde_path_to_error::deserialize(de).map_err(|e| {
        let key = e.path().to_string();
        let inner = e.into_inner();
        let key = if key == "." { String::new() } else { key };
        at(
            inner.span().map_or(0, |s| s.start),
            key,
            inner.message().to_string(),
        )
    })
}

fn file_stem(file: &str) -> &str {
    let name = file.rsplit(['/', '\\']).next().unwrap_or(file);
    name.strip_suffix(".toml").unwrap_or(name)
}

impl Catalog {
    /// Parse and check catalog files given as `(name, text)`; the name is used in errors and
    /// its stem must be the file's `domain`.
    pub fn from_files<'a>(
        files: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> Result<Catalog, CatalogErrors> {
        let mut errors = Vec::new();
        let mut catalog = Catalog::default();
        let mut seen_ids: HashMap<String, (String, usize)> = HashMap::new();
        for (file, text) in files {
            let raw = match parse_file(file, text) {
                Ok(raw) => raw,
                Err(e) => {
                    errors.push(e);
                    continue;
                }
            };
            let mut checker = FileChecker {
                file,
                text,
                errors: Vec::new(),
            };
            let domain = raw.domain.get_ref().clone();
            if domain != file_stem(file) {
                checker.error(
                    raw.domain.span().start,
                    "domain".into(),
                    format!(
                        "domain `{domain}` must match the file's name: rename the file `{domain}.toml` or the domain `{}`",
                        file_stem(file)
                    ),
                );
            }
            let title = checker.non_empty(&raw.title, "title".into(), "the domain title");
            let prefix = raw.prefix.get_ref().clone();
            let prefix_ok = prefix
                .strip_prefix("STW-")
                .is_some_and(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_uppercase()));
            if !prefix_ok {
                checker.error(
                    raw.prefix.span().start,
                    "prefix".into(),
                    format!("`{prefix}` is not an id prefix; write `STW-` and capitals, e.g. `STW-CRYPTO`"),
                );
            }
            if let Some(other) = catalog
                .domains
                .iter()
                .find(|d| d.key == domain || d.prefix == prefix)
            {
                checker.error(
                    raw.domain.span().start,
                    "domain".into(),
                    format!(
                        "domain `{domain}` or prefix `{prefix}` is already used by {}",
                        other.file
                    ),
                );
            }
            if raw.requirements.is_empty() {
                checker.error(
                    0,
                    "requirement".into(),
                    "the file has no [[requirement]]".into(),
                );
            }
            for (i, r) in raw.requirements.iter().enumerate() {
                let requirement = checker.requirement(i, r, &domain, &prefix);
                if let Some((first_file, first_line)) = seen_ids.get(&requirement.id) {
                    checker.error(
                        r.id.span().start,
                        format!("requirement[{i}].id"),
                        format!(
                            "id `{}` is already used at {first_file}:{first_line}; ids must be unique",
                            requirement.id
                        ),
                    );
                } else {
                    seen_ids.insert(requirement.id.clone(), (file.to_string(), requirement.line));
                }
                catalog.requirements.push(requirement);
            }
            catalog.domains.push(Domain {
                key: domain,
                title,
                prefix,
                file: file.to_string(),
            });
            errors.extend(checker.errors);
        }
        if errors.is_empty() {
            Ok(catalog)
        } else {
            Err(CatalogErrors(errors))
        }
    }

    /// Every requirement, in file order.
    pub fn requirements(&self) -> &[Requirement] {
        &self.requirements
    }

    pub fn domains(&self) -> &[Domain] {
        &self.domains
    }

    pub fn get(&self, id: &str) -> Option<&Requirement> {
        self.requirements.iter().find(|r| r.id == id)
    }

    /// The requirement `id` names, ignoring case (`stw-secrets-001`).
    pub fn find(&self, id: &str) -> Option<&Requirement> {
        let id = id.trim();
        self.requirements
            .iter()
            .find(|r| r.id.eq_ignore_ascii_case(id))
    }

    /// The requirement whose id is nearest to a mistyped `id`, if one is near enough to be
    /// what was meant.
    pub fn suggest(&self, id: &str) -> Option<&Requirement> {
        let wanted = id.trim().to_ascii_uppercase();
        self.requirements
            .iter()
            .map(|r| (edit_distance(&wanted, &r.id), r))
            .filter(|(d, _)| *d <= 3.max(wanted.len() / 4))
            .min_by_key(|(d, _)| *d)
            .map(|(_, r)| r)
    }
}

/// Levenshtein distance, in characters.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let substitute = diagonal + usize::from(ca != *cb);
            diagonal = row[j + 1];
            row[j + 1] = substitute.min(row[j] + 1).min(row[j + 1] + 1);
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edit_distance_counts_single_character_edits() {
        assert_eq!(edit_distance("STW-SECRET-001", "STW-SECRETS-001"), 1);
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("", "abc"), 3);
    }

    const GOOD: &str = r#"
domain = "crypto"
title = "Cryptography"
prefix = "STW-CRYPTO"

[[requirement]]
id = "STW-CRYPTO-001"
title = "Approved algorithms"
text = "Use only approved algorithms."
rationale = "Weak ones break."
phases = ["design", "build"]
applies_when = "always"
verification = ["code/python/weak-hash"]

[requirement.references]
pci_dss = ["3.5.1"]
nist_800_53 = ["SC-13"]

[[requirement]]
id = "STW-CRYPTO-002"
title = "Card data keys"
text = "Keys for card data are managed."
rationale = "Keys protect the data."
phases = ["operate"]
attestation = "The key custodian confirms the procedure."

[requirement.applies_when]
data = ["cardholder"]
kinds = ["database"]
exposure = ["dmz", "internal"]

[requirement.references]
pci_dss = ["3.6.1"]
"#;

    fn parse(text: &str) -> Result<Catalog, CatalogErrors> {
        Catalog::from_files([("catalog/crypto.toml", text)])
    }

    #[test]
    fn parses_a_good_file() {
        let c = parse(GOOD).unwrap();
        assert_eq!(c.requirements().len(), 2);
        let r = &c.requirements()[1];
        assert_eq!(r.line, 20);
        assert_eq!(r.phases, [Phase::Operate]);
        let Applicability::When(cond) = &r.applies_when else {
            panic!("expected a condition")
        };
        assert_eq!(cond.data, [DataClass::Cardholder]);
        assert_eq!(cond.exposure, [Zone::Dmz, Zone::Internal]);
        assert_eq!(
            c.requirements()[0].frameworks(),
            [Framework::PciDss, Framework::Nist80053]
        );
    }

    fn only_error(text: &str) -> CatalogError {
        let errors = parse(text).unwrap_err().0;
        assert_eq!(errors.len(), 1, "{errors:#?}");
        errors.into_iter().next().unwrap()
    }

    #[test]
    fn bad_reference_names_line_and_key() {
        let e = only_error(&GOOD.replace(r#"pci_dss = ["3.6.1"]"#, r#"pci_dss = ["3.6.x"]"#));
        assert_eq!(e.key, "requirement[1].references.pci_dss[0]");
        assert_eq!(e.line, 33);
        assert!(
            e.message.contains("`3.6.x` is not a well-formed PCI DSS"),
            "{e}"
        );
        assert!(e.to_string().starts_with("catalog/crypto.toml:33:"), "{e}");
    }

    #[test]
    fn unknown_values_are_named() {
        let e = only_error(&GOOD.replace(r#""operate""#, r#""run""#));
        assert_eq!(e.key, "requirement[1].phases[0]");
        assert!(
            e.message
                .contains("design, build, operate, maintain, sunset"),
            "{e}"
        );
        let e = only_error(&GOOD.replace(r#"data = ["cardholder"]"#, r#"data = ["card"]"#));
        assert_eq!(e.key, "requirement[1].applies_when.data[0]");
        assert_eq!(e.line, 28);
        let e = only_error(&GOOD.replace(r#"kinds = ["database"]"#, r#"kinds = ["db"]"#));
        assert_eq!(e.key, "requirement[1].applies_when.kinds[0]");
        let e = only_error(&GOOD.replace(r#""dmz", "internal""#, r#""public""#));
        assert_eq!(e.key, "requirement[1].applies_when.exposure[0]");
        let e = only_error(&GOOD.replace(
            r#"applies_when = "always""#,
            r#"applies_when = "sometimes""#,
        ));
        assert_eq!(e.line, 12);
        assert!(e.key.contains("applies_when"), "{e}");
    }

    #[test]
    fn unknown_keys_and_framework_names_are_located() {
        let e = only_error(&GOOD.replace("pci_dss = [\"3.6.1\"]", "pci = [\"3.6.1\"]"));
        assert_eq!(e.line, 33);
        assert!(e.message.contains("pci"), "{e}");
        let e = only_error(&GOOD.replace("rationale = \"Weak ones break.\"", "rational = \"x\""));
        assert_eq!(e.line, 10);
        assert!(e.message.contains("rational"), "{e}");
    }

    #[test]
    fn duplicate_and_misprefixed_ids() {
        let e = only_error(&GOOD.replace("STW-CRYPTO-002", "STW-CRYPTO-001"));
        assert_eq!(e.key, "requirement[1].id");
        assert!(
            e.message.contains("already used at catalog/crypto.toml:7"),
            "{e}"
        );
        let e = only_error(&GOOD.replace("STW-CRYPTO-002", "STW-AUTH-002"));
        assert!(e.message.contains("STW-CRYPTO-"), "{e}");
    }

    #[test]
    fn verification_must_be_a_rule_or_an_attestation() {
        let e = only_error(&GOOD.replace("code/python/weak-hash", "weak-hash"));
        assert_eq!(e.key, "requirement[0].verification[0]");
        let e = only_error(&GOOD.replace(
            "attestation = \"The key custodian confirms the procedure.\"",
            "",
        ));
        assert_eq!(e.key, "requirement[1].verification");
    }

    #[test]
    fn every_error_is_reported() {
        let text = GOOD
            .replace(r#""3.5.1""#, r#""3.5.x""#)
            .replace(r#""SC-13""#, r#""SC13""#)
            .replace(r#""operate""#, r#""run""#);
        let errors = parse(&text).unwrap_err();
        assert_eq!(errors.0.len(), 3, "{errors}");
        assert!(
            errors
                .to_string()
                .starts_with("the requirement catalog has 3 errors:")
        );
    }

    #[test]
    fn domain_must_match_the_file() {
        let errors = Catalog::from_files([("catalog/keys.toml", GOOD)]).unwrap_err();
        assert_eq!(errors.0[0].key, "domain");
    }

    #[test]
    fn rule_references() {
        for ok in [
            "secrets/*",
            "code/python/sql-string-building",
            "iac/terraform/s3-public-acl",
            "deps/*",
            "arch/datastore-in-dmz",
        ] {
            assert!(is_rule_reference(ok), "{ok}");
        }
        for bad in [
            "secrets",
            "secret/aws",
            "arch/",
            "arch/Foo",
            "code/*/x",
            "/x",
        ] {
            assert!(!is_rule_reference(bad), "{bad}");
        }
    }
}
