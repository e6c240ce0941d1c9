//! steward.toml: what the product is, what data it holds, where it runs, what it is made
//! of. Written by `steward init`, read by every command. Errors name the line and the key.

use std::collections::{BTreeMap, HashSet};
use std::fmt;
use std::path::Path;

use serde::{Deserialize, Serialize};
use toml::Spanned;

use crate::severity::{FailOn, Severity};

pub const MANIFEST_FILE: &str = "steward.toml";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Phase {
    Design,
    #[default]
    Build,
    Operate,
    Maintain,
    Sunset,
}

/// Classes of data, each with the regime that usually governs it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DataClass {
    /// Payment card data (PCI DSS).
    Cardholder,
    /// Health records (HIPAA and national health-data laws).
    Health,
    /// Personal data (GDPR and privacy laws).
    Pii,
    Credentials,
    Financial,
    Public,
}

impl DataClass {
    pub fn as_str(self) -> &'static str {
        match self {
            DataClass::Cardholder => "cardholder",
            DataClass::Health => "health",
            DataClass::Pii => "pii",
            DataClass::Credentials => "credentials",
            DataClass::Financial => "financial",
            DataClass::Public => "public",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ComponentKind {
    Service,
    Database,
    Bucket,
    Queue,
    Cache,
    Gateway,
    Function,
    Host,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Zone {
    Internet,
    Dmz,
    Internal,
    Restricted,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Auth {
    None,
    Default,
    Password,
    Mtls,
    Iam,
    Oidc,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Product {
    pub name: String,
    #[serde(default)]
    pub owner: Option<String>,
    #[serde(default)]
    pub phase: Phase,
    #[serde(default)]
    pub description: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DataSection {
    #[serde(default)]
    pub classes: Vec<DataClass>,
    /// ISO 3166 alpha-2 country codes, or `EU`.
    #[serde(default)]
    pub jurisdictions: Vec<Spanned<String>>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Component {
    pub id: Spanned<String>,
    pub kind: ComponentKind,
    #[serde(default)]
    pub tech: Option<String>,
    pub zone: Zone,
    #[serde(default)]
    pub auth: Option<Auth>,
    #[serde(default)]
    pub encrypted_at_rest: Option<bool>,
    #[serde(default)]
    pub holds: Vec<DataClass>,
    #[serde(default)]
    pub ports: Vec<u16>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Flow {
    pub from: Spanned<String>,
    pub to: Spanned<String>,
    #[serde(default)]
    pub data: Vec<DataClass>,
    #[serde(default)]
    pub encrypted: Option<bool>,
    #[serde(default)]
    pub protocol: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Asset {
    pub id: Spanned<String>,
    /// `s3-bucket`, `postgres`, `redis`, `https`, `file`, ...
    pub kind: String,
    /// Where it lives, as a URL: `s3://bucket`, `postgres://host:5432/db`.
    pub location: String,
    #[serde(default)]
    pub holds: Vec<DataClass>,
    #[serde(default)]
    pub owner: Option<String>,
    /// How long its data must be kept before destruction, e.g. `7y`, `90d`.
    #[serde(default)]
    pub retention: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PolicySection {
    #[serde(default)]
    pub fail_on: Option<Spanned<String>>,
    /// Globs of paths whose changes need a security reviewer.
    #[serde(default)]
    pub security_review: Vec<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RulesSection {
    /// Rule ids or `prefix*` patterns never to report.
    #[serde(default)]
    pub disable: Vec<String>,
    /// Rule id or pattern -> severity to report it at.
    #[serde(default)]
    pub severity: BTreeMap<String, Severity>,
    /// Extra rule directories, relative to steward.toml.
    #[serde(default)]
    pub paths: Vec<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScanSection {
    /// Paths never to scan (gitignore-style globs, relative to steward.toml), e.g. test
    /// corpora of fake credentials.
    #[serde(default)]
    pub exclude: Vec<String>,
}

/// `[deps]`: what the product accepts from its dependencies.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DepsSection {
    /// SPDX licence ids the product accepts; empty means any that is not denied.
    #[serde(default)]
    pub allow_licenses: Vec<String>,
    /// SPDX licence ids the product never accepts.
    #[serde(default)]
    pub deny_licenses: Vec<String>,
}

/// The whole manifest.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    pub product: Product,
    #[serde(default)]
    pub data: DataSection,
    #[serde(default, rename = "component")]
    pub components: Vec<Component>,
    #[serde(default, rename = "flow")]
    pub flows: Vec<Flow>,
    #[serde(default, rename = "asset")]
    pub assets: Vec<Asset>,
    #[serde(default)]
    pub policy: PolicySection,
    #[serde(default)]
    pub rules: RulesSection,
    #[serde(default)]
    pub scan: ScanSection,
    #[serde(default)]
    pub deps: DepsSection,
}

/// A manifest error with the place it is at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ManifestError {
    pub file: String,
    pub line: usize,
    pub column: usize,
    /// Dotted key path, e.g. `component[1].zone`; empty when the error is in the syntax.
    pub key: String,
    pub message: String,
    pub source_line: String,
}

impl fmt::Display for ManifestError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}: ", self.file, self.line, self.column)?;
        if !self.key.is_empty() {
            write!(f, "`{}`: ", self.key)?;
        }
        write!(f, "{}", self.message)?;
        if !self.source_line.is_empty() {
            write!(
                f,
                "\n  {:>4} | {}\n       | {}^",
                self.line,
                self.source_line,
                " ".repeat(self.column.saturating_sub(1))
            )?;
        }
        Ok(())
    }
}

impl std::error::Error for ManifestError {}

/// Node names a flow may use besides component ids.
const EXTERNAL_ENDPOINTS: &[&str] = &["internet", "user", "users", "partner"];

fn place(text: &str, offset: usize) -> (usize, usize, String) {
    let offset = offset.min(text.len());
    let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let line = text[..offset].matches('\n').count() + 1;
    let column = text[line_start..offset].chars().count() + 1;
    let line_end = text[offset..].find('\n').map_or(text.len(), |i| offset + i);
    (
        line,
        column,
        text[line_start..line_end]
            .trim_end_matches('\r')
            .to_string(),
    )
}

impl Manifest {
    /// Read and validate `path`.
    pub fn load(path: &Path) -> Result<Self, ManifestError> {
        let text = std::fs::read_to_string(path).map_err(|e| ManifestError {
            file: path.display().to_string(),
            line: 0,
            column: 0,
            key: String::new(),
            message: format!("cannot read: {e}"),
            source_line: String::new(),
        })?;
        Self::parse(&path.display().to_string(), &text)
    }

    /// Parse and validate manifest text; `file` names it in errors.
    pub fn parse(file: &str, text: &str) -> Result<Self, ManifestError> {
        let err_at = |offset: usize, key: String, message: String| {
            let (line, column, source_line) = place(text, offset);
            ManifestError {
                file: file.to_string(),
                line,
                column,
                key,
                message,
                source_line,
            }
        };
        let de = toml::Deserializer::parse(text).map_err(|e| {
            err_at(
                e.span().map_or(0, |s| s.start),
                String::new(),
                e.message().to_string(),
            )
        })?;
        let manifest: Manifest = serde_path_to_error::deserialize(de).map_err(|e| {
            let key = e.path().to_string();
            let inner = e.into_inner();
            let key = if key == "." { String::new() } else { key };
            err_at(
                inner.span().map_or(0, |s| s.start),
                key,
                inner.message().to_string(),
            )
        })?;
        manifest.validate(&err_at)?;
        Ok(manifest)
    }

    fn validate(
        &self,
        err_at: &dyn Fn(usize, String, String) -> ManifestError,
    ) -> Result<(), ManifestError> {
        if let Some(f) = &self.policy.fail_on {
            f.get_ref()
                .parse::<FailOn>()
                .map_err(|e| err_at(f.span().start, "policy.fail_on".into(), e.to_string()))?;
        }
        for (i, j) in self.data.jurisdictions.iter().enumerate() {
            let code = j.get_ref();
            if !(code.len() == 2 && code.bytes().all(|b| b.is_ascii_uppercase())) {
                return Err(err_at(
                    j.span().start,
                    format!("data.jurisdictions[{i}]"),
                    format!(
                        "`{code}` is not a jurisdiction: use an ISO 3166 two-letter country code in capitals (SG, AR, US) or EU"
                    ),
                ));
            }
        }
        let mut ids = HashSet::new();
        for (i, c) in self.components.iter().enumerate() {
            if !ids.insert(c.id.get_ref().as_str()) {
                return Err(err_at(
                    c.id.span().start,
                    format!("component[{i}].id"),
                    format!(
                        "component id `{}` is used twice; ids must be unique",
                        c.id.get_ref()
                    ),
                ));
            }
            for class in &c.holds {
                if !self.data.classes.contains(class) {
                    return Err(err_at(
                        c.id.span().start,
                        format!("component[{i}].holds"),
                        format!(
                            "component `{}` holds `{}` data, but [data] classes does not list it; add it there",
                            c.id.get_ref(),
                            class.as_str()
                        ),
                    ));
                }
            }
        }
        for (i, flow) in self.flows.iter().enumerate() {
            for (end, name) in [(&flow.from, "from"), (&flow.to, "to")] {
                let id = end.get_ref().as_str();
                if !ids.contains(id) && !EXTERNAL_ENDPOINTS.contains(&id) {
                    return Err(err_at(
                        end.span().start,
                        format!("flow[{i}].{name}"),
                        format!(
                            "`{id}` is not a declared component (nor one of {})",
                            EXTERNAL_ENDPOINTS.join(", ")
                        ),
                    ));
                }
            }
        }
        let mut asset_ids = HashSet::new();
        for (i, a) in self.assets.iter().enumerate() {
            if !asset_ids.insert(a.id.get_ref().as_str()) {
                return Err(err_at(
                    a.id.span().start,
                    format!("asset[{i}].id"),
                    format!(
                        "asset id `{}` is used twice; ids must be unique",
                        a.id.get_ref()
                    ),
                ));
            }
        }
        Ok(())
    }

    /// The gate threshold the manifest sets, if any (already validated).
    pub fn fail_on(&self) -> Option<FailOn> {
        self.policy
            .fail_on
            .as_ref()
            .and_then(|f| f.get_ref().parse().ok())
    }

    /// Find steward.toml in `start` or its ancestors.
    pub fn discover(start: &Path) -> Option<std::path::PathBuf> {
        let start = start.canonicalize().ok()?;
        let dir = if start.is_file() {
            start.parent()?
        } else {
            &start
        };
        dir.ancestors()
            .map(|d| d.join(MANIFEST_FILE))
            .find(|p| p.is_file())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const EXAMPLE: &str = r#"
[product]
name = "checkout"
owner = "payments-team"
phase = "build"

[data]
classes = ["cardholder", "pii"]
jurisdictions = ["SG", "AR", "EU", "US"]

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
encrypted_at_rest = false
holds = ["cardholder"]

[[flow]]
from = "web"
to = "orders-db"
data = ["cardholder"]
encrypted = false

[[asset]]
id = "receipts"
kind = "s3-bucket"
location = "s3://acme-receipts"
holds = ["pii"]

[policy]
fail_on = "high"
security_review = ["src/auth/**", "src/session/**"]
"#;

    #[test]
    fn parses_the_architecture_example() {
        let m = Manifest::parse("steward.toml", EXAMPLE).unwrap();
        assert_eq!(m.product.name, "checkout");
        assert_eq!(m.components.len(), 2);
        assert_eq!(m.components[1].auth, Some(Auth::Default));
        assert_eq!(m.fail_on(), Some(FailOn::AtLeast(Severity::High)));
        assert_eq!(m.assets[0].holds, [DataClass::Pii]);
    }

    #[test]
    fn bad_enum_value_names_line_and_key() {
        let text = EXAMPLE.replace("zone = \"dmz\"\nauth", "zone = \"dmzz\"\nauth");
        let e = Manifest::parse("steward.toml", &text).unwrap_err();
        assert_eq!(e.key, "component[1].zone");
        assert_eq!(e.line, 20);
        assert!(e.message.contains("dmzz"), "{e}");
        assert!(
            e.to_string()
                .starts_with("steward.toml:20:8: `component[1].zone`"),
            "{e}"
        );
    }

    #[test]
    fn unknown_key_and_syntax_errors_are_located() {
        let e = Manifest::parse("s.toml", "[product]\nname = \"x\"\nownr = \"y\"\n").unwrap_err();
        assert_eq!(e.line, 3);
        assert!(e.message.contains("ownr"), "{e}");
        let e = Manifest::parse("s.toml", "[product]\nname = \n").unwrap_err();
        assert_eq!(e.line, 2);
    }

    #[test]
    fn semantic_errors_point_at_the_offending_value() {
        let text = EXAMPLE.replace("to = \"orders-db\"", "to = \"orders\"");
        let e = Manifest::parse("steward.toml", &text).unwrap_err();
        assert_eq!(e.key, "flow[0].to");
        assert!(
            e.message.contains("`orders` is not a declared component"),
            "{e}"
        );
        let text = EXAMPLE.replace("fail_on = \"high\"", "fail_on = \"severe\"");
        let e = Manifest::parse("steward.toml", &text).unwrap_err();
        assert_eq!(e.key, "policy.fail_on");
        let text = EXAMPLE.replace("\"SG\"", "\"Singapore\"");
        let e = Manifest::parse("steward.toml", &text).unwrap_err();
        assert_eq!(e.key, "data.jurisdictions[0]");
    }
}
