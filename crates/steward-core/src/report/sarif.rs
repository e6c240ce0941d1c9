//! SARIF 2.1.0, the format code scanning platforms (GitHub, GitLab, Azure DevOps, IDE
//! viewers) read. One run per report; a test validates the output against the OASIS schema.
//!
//! Choices a reader of the output should know:
//! - `tool.driver.rules` holds only the rules that results reference, with help written
//!   from the rule's description, rationale and remediation, CWE and OWASP tags,
//!   `precision` and `security-severity` as GitHub reads them. A result whose rule is not in
//!   the catalog carries its `ruleId` alone.
//! - Paths are relative to `%SRCROOT%`, the scanned root; locations that are already URLs
//!   (`https://…`, `s3://…`) are written as they are, without a base. A whole-file location
//!   (line 0) has no `region`.
//! - Columns count Unicode code points (`columnKind: unicodeCodePoints`); `endColumn` is one
//!   past the last character, as in SARIF.
//! - Inline-suppressed findings are results with an `inSource` suppression (its
//!   justification and location). Baselined findings are left out: the baseline exists so
//!   that accepted findings stop being reported; `run.properties.baselined` counts them.
//! - Skipped files are `toolExecutionNotifications` of the invocation, so a platform can
//!   show what was not scanned and why.

use serde_json::{Map, Value, json};

use super::{Report, split_suppression_site};
use crate::finding::{Finding, Location};
use crate::rule::Rule;
use crate::severity::Confidence;
use crate::triage::SuppressedFinding;

/// The `$schema` written at the top of every log.
pub const SARIF_SCHEMA_URI: &str =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

/// The `partialFingerprints` key holding a finding's [`crate::Fingerprint`]: stable across
/// edits around the finding, so platforms track the same alert from run to run.
pub const SARIF_FINGERPRINT_KEY: &str = "stewardFingerprint/v1";

/// Where steward is documented: the workspace's `repository`.
const INFORMATION_URI: &str = "https://example.invalid/steward";

const SRCROOT: &str = "%SRCROOT%";

/// Render the run as a SARIF 2.1.0 log, pretty-printed, ending in a newline.
pub fn render_sarif(report: &Report<'_>) -> String {
    format!("{:#}\n", sarif_log(report))
}

fn sarif_log(report: &Report<'_>) -> Value {
    let rules = referenced_rules(report);
    let mut results: Vec<Value> = report.findings.iter().map(|f| result(f, &rules)).collect();
    results.extend(
        report
            .suppressed
            .iter()
            .map(|s| suppressed_result(s, &rules)),
    );

    let mut driver = Map::new();
    driver.insert("name".into(), json!("steward"));
    driver.insert("version".into(), json!(report.tool_version));
    if looks_like_semver(report.tool_version) {
        driver.insert("semanticVersion".into(), json!(report.tool_version));
    }
    driver.insert("informationUri".into(), json!(INFORMATION_URI));
    driver.insert(
        "rules".into(),
        Value::Array(rules.iter().map(|r| rule_descriptor(r)).collect()),
    );

    let counts = report.counts();
    json!({
        "$schema": SARIF_SCHEMA_URI,
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": driver },
            "automationDetails": {
                "id": format!("steward/{}/", report.command.replace(char::is_whitespace, "-")),
            },
            "invocations": [invocation(report)],
            "originalUriBaseIds": {
                SRCROOT: { "description": { "text": format!("The scanned root: {}", report.target) } },
            },
            "columnKind": "unicodeCodePoints",
            "results": results,
            "properties": {
                "command": report.command,
                "target": report.target,
                "engines": report.engines,
                "gate": {
                    "failOn": report.gate.fail_on,
                    "passed": report.gate.passed,
                    "blocking": report.gate.blocking,
                },
                "counts": {
                    "critical": counts.critical,
                    "high": counts.high,
                    "medium": counts.medium,
                    "low": counts.low,
                    "info": counts.info,
                },
                "suppressed": report.suppressed.len(),
                "baselined": report.baselined,
                "skipped": report.skipped.len(),
                "filesScanned": report.files_scanned,
                "bytesScanned": report.bytes_scanned,
            },
        }],
    })
}

/// The catalog's rules that some result references, in id order; `ruleIndex` points here.
fn referenced_rules<'r>(report: &Report<'r>) -> Vec<&'r Rule> {
    let mut ids: Vec<&str> = report
        .findings
        .iter()
        .chain(report.suppressed.iter().map(|s| &s.finding))
        .map(|f| f.rule_id.as_str())
        .collect();
    ids.sort_unstable();
    ids.dedup();
    ids.into_iter()
        .filter_map(|id| report.rules.get(id))
        .collect()
}

fn invocation(report: &Report<'_>) -> Value {
    let notifications: Vec<Value> = report
        .skipped
        .iter()
        .map(|s| {
            json!({
                "descriptor": { "id": "steward/skipped-file" },
                "level": "note",
                "message": { "text": format!("{} was not scanned: {}", s.path, s.reason) },
                "locations": [{ "physicalLocation": { "artifactLocation": artifact_location(&s.path) } }],
            })
        })
        .collect();
    let mut inv = Map::new();
    // The run completed whatever it found; a failed gate is a verdict, not a failed execution.
    inv.insert("executionSuccessful".into(), json!(true));
    inv.insert("startTimeUtc".into(), json!(sarif_time(&report.started_at)));
    inv.insert("endTimeUtc".into(), json!(sarif_time(&report.finished_at)));
    // steward's documented exit codes: 0 under the gate, 1 the gate failed.
    let (code, why) = if report.gate.passed {
        (0, "the gate passed")
    } else {
        (1, "the gate failed")
    };
    inv.insert("exitCode".into(), json!(code));
    inv.insert("exitCodeDescription".into(), json!(why));
    if !notifications.is_empty() {
        inv.insert(
            "toolExecutionNotifications".into(),
            Value::Array(notifications),
        );
    }
    Value::Object(inv)
}

fn sarif_time(t: &chrono::DateTime<chrono::Utc>) -> String {
    t.to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

fn rule_descriptor(rule: &Rule) -> Value {
    // Tags must be distinct, or the log is invalid; a rule file may repeat a CWE.
    let mut tags = vec!["security".to_string()];
    for tag in rule
        .cwe
        .iter()
        .map(|c| c.sarif_tag())
        .chain(rule.owasp.map(|o| o.id().to_string()))
    {
        if !tags.contains(&tag) {
            tags.push(tag);
        }
    }

    let mut d = Map::new();
    d.insert("id".into(), json!(rule.id));
    d.insert("name".into(), json!(pascal_case_name(&rule.id)));
    d.insert("shortDescription".into(), json!({ "text": rule.title }));
    let full = if rule.description.trim().is_empty() {
        &rule.title
    } else {
        &rule.description
    };
    d.insert("fullDescription".into(), json!({ "text": full }));
    d.insert(
        "help".into(),
        json!({ "text": help_text(rule), "markdown": help_markdown(rule) }),
    );
    if let Some(uri) = rule.references.iter().find(|r| is_web_url(r)) {
        d.insert("helpUri".into(), json!(uri));
    }
    d.insert(
        "defaultConfiguration".into(),
        json!({ "level": rule.severity.sarif_level() }),
    );
    d.insert(
        "properties".into(),
        json!({
            "tags": tags,
            "precision": precision(rule.confidence),
            "security-severity": rule.severity.security_severity(),
        }),
    );
    Value::Object(d)
}

/// SARIF `precision` (very-high, high, medium, low) for our confidence. steward has no
/// confidence above `high`, so `very-high` is never written.
fn precision(c: Confidence) -> &'static str {
    match c {
        Confidence::High => "high",
        Confidence::Medium => "medium",
        Confidence::Low => "low",
    }
}

/// Why the rule matters: the rule's own rationale, or else its OWASP category's.
fn rationale(rule: &Rule) -> Option<String> {
    rule.rationale
        .clone()
        .or_else(|| rule.owasp.map(|o| o.explanation().to_string()))
}

fn help_text(rule: &Rule) -> String {
    let mut parts = vec![if rule.description.trim().is_empty() {
        rule.title.clone()
    } else {
        rule.description.clone()
    }];
    if let Some(why) = rationale(rule) {
        parts.push(format!("Why it matters: {why}"));
    }
    if let Some(fix) = &rule.remediation {
        parts.push(format!("How to fix: {fix}"));
    }
    let classes = classification(rule, false);
    if !classes.is_empty() {
        parts.push(classes.join("\n"));
    }
    if !rule.references.is_empty() {
        parts.push(format!("References:\n{}", bullet_list(&rule.references)));
    }
    parts.join("\n\n")
}

fn help_markdown(rule: &Rule) -> String {
    let mut out = format!("## {}\n\n", rule.title);
    if !rule.description.trim().is_empty() {
        out.push_str(&format!("{}\n\n", rule.description));
    }
    if let Some(why) = rationale(rule) {
        out.push_str(&format!("### Why it matters\n\n{why}\n\n"));
    }
    if let Some(fix) = &rule.remediation {
        out.push_str(&format!("### How to fix\n\n{fix}\n\n"));
    }
    let classes = classification(rule, true);
    if !classes.is_empty() {
        out.push_str(&format!(
            "### Classification\n\n{}\n\n",
            bullet_list(&classes)
        ));
    }
    if !rule.references.is_empty() {
        out.push_str(&format!(
            "### References\n\n{}\n\n",
            bullet_list(&rule.references)
        ));
    }
    out.truncate(out.trim_end().len());
    out.push('\n');
    out
}

/// CWE and OWASP lines: `CWE-89: SQL Injection`, linked to MITRE in Markdown.
fn classification(rule: &Rule, markdown: bool) -> Vec<String> {
    let mut lines: Vec<String> = rule
        .cwe
        .iter()
        .map(|c| {
            let label = match c.name() {
                Some(name) => format!("{c}: {name}"),
                None => c.to_string(),
            };
            if markdown {
                format!(
                    "[{label}](https://cwe.mitre.org/data/definitions/{}.html)",
                    c.0
                )
            } else {
                label
            }
        })
        .collect();
    if let Some(o) = rule.owasp {
        lines.push(format!("OWASP Top 10 {}: {}", o.id(), o.title()));
    }
    lines
}

fn bullet_list(items: &[String]) -> String {
    items
        .iter()
        .map(|i| format!("- {i}"))
        .collect::<Vec<_>>()
        .join("\n")
}

fn is_web_url(s: &str) -> bool {
    s.starts_with("https://") || s.starts_with("http://")
}

/// A rule's SARIF `name`: the id after its engine prefix, in PascalCase
/// (`code/python/sql-injection` -> `PythonSqlInjection`).
fn pascal_case_name(id: &str) -> String {
    let rest = match id.split_once('/') {
        Some((_, rest)) if !rest.is_empty() => rest,
        _ => id,
    };
    rest.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut cs = w.chars();
            match cs.next() {
                Some(first) => first.to_uppercase().chain(cs).collect::<String>(),
                None => String::new(),
            }
        })
        .collect()
}

fn looks_like_semver(v: &str) -> bool {
    let core = v.split(['-', '+']).next().unwrap_or("");
    let parts: Vec<&str> = core.split('.').collect();
    parts.len() == 3
        && parts.iter().all(|p| {
            !p.is_empty()
                && p.bytes().all(|b| b.is_ascii_digit())
                && (p.len() == 1 || !p.starts_with('0'))
        })
}

fn result(f: &Finding, rules: &[&Rule]) -> Value {
    let mut r = Map::new();
    r.insert("ruleId".into(), json!(f.rule_id));
    if let Some(i) = rules.iter().position(|rule| rule.id == f.rule_id) {
        r.insert("ruleIndex".into(), json!(i));
    }
    r.insert("level".into(), json!(f.severity.sarif_level()));
    r.insert("message".into(), json!({ "text": f.message }));
    r.insert(
        "locations".into(),
        json!([{ "physicalLocation": physical_location(&f.location) }]),
    );
    r.insert(
        "partialFingerprints".into(),
        json!({ SARIF_FINGERPRINT_KEY: f.fingerprint.as_str() }),
    );
    if !f.flow.is_empty() {
        r.insert("codeFlows".into(), code_flows(f));
    }
    r.insert("properties".into(), Value::Object(result_properties(f)));
    Value::Object(r)
}

/// A taint finding's path as one SARIF code flow with one thread flow: the source first,
/// then each step, the sink last.
fn code_flows(f: &Finding) -> Value {
    let last = f.flow.len().saturating_sub(1);
    let locations: Vec<Value> = f
        .flow
        .iter()
        .enumerate()
        .map(|(i, step)| {
            let kinds: &[&str] = match i {
                0 => &["taint", "source"],
                _ if i == last => &["taint", "sink"],
                _ => &["taint"],
            };
            json!({
                "location": {
                    "physicalLocation": physical_location(&step.location),
                    "message": { "text": step.message },
                },
                "kinds": kinds,
                "nestingLevel": 0,
                "executionOrder": i + 1,
            })
        })
        .collect();
    json!([{
        "message": { "text": f.message },
        "threadFlows": [{ "locations": locations }],
    }])
}

fn suppressed_result(s: &SuppressedFinding, rules: &[&Rule]) -> Value {
    let mut r = result(&s.finding, rules);
    let (path, line) = split_suppression_site(&s.by);
    let mut suppression = Map::new();
    suppression.insert("kind".into(), json!("inSource"));
    suppression.insert("status".into(), json!("accepted"));
    if let Some(reason) = &s.reason {
        suppression.insert("justification".into(), json!(reason));
    }
    let mut site = Map::new();
    site.insert("artifactLocation".into(), artifact_location(path));
    if let Some(line) = line.filter(|l| *l > 0) {
        site.insert("region".into(), json!({ "startLine": line }));
    }
    suppression.insert("location".into(), json!({ "physicalLocation": site }));
    if let Value::Object(map) = &mut r {
        map.insert("suppressions".into(), json!([suppression]));
    }
    r
}

/// The engine's own properties, then ours, which win on a clash. A `tags` property that is
/// not a list of distinct strings would make the log invalid, so it moves aside.
fn result_properties(f: &Finding) -> Map<String, Value> {
    let mut props = Map::new();
    for (k, v) in &f.properties {
        if k == "tags" && !is_tag_list(v) {
            props.insert("engineTags".into(), v.clone());
        } else {
            props.insert(k.clone(), v.clone());
        }
    }
    props.insert("severity".into(), json!(f.severity.as_str()));
    props.insert("confidence".into(), json!(f.confidence.as_str()));
    props.insert("engine".into(), json!(f.engine));
    props.insert("title".into(), json!(f.title));
    props.insert("requirements".into(), json!(f.requirements));
    if !f.cwe.is_empty() {
        props.insert(
            "cwe".into(),
            json!(f.cwe.iter().map(ToString::to_string).collect::<Vec<_>>()),
        );
    }
    if let Some(o) = f.owasp {
        props.insert("owasp".into(), json!(o.id()));
    }
    if let Some(fix) = &f.remediation {
        props.insert("remediation".into(), json!(fix));
    }
    props
}

fn is_tag_list(v: &Value) -> bool {
    let Some(items) = v.as_array() else {
        return false;
    };
    let mut seen = std::collections::HashSet::new();
    items
        .iter()
        .all(|i| i.as_str().is_some_and(|s| seen.insert(s)))
}

fn physical_location(loc: &Location) -> Value {
    let mut p = Map::new();
    p.insert("artifactLocation".into(), artifact_location(&loc.path));
    if let Some(region) = region(loc) {
        p.insert("region".into(), region);
    }
    Value::Object(p)
}

/// The region of a location with a line; `None` for a whole file or resource.
fn region(loc: &Location) -> Option<Value> {
    if !loc.has_line() {
        return None;
    }
    let mut r = Map::new();
    r.insert("startLine".into(), json!(loc.start_line));
    if loc.start_column > 0 {
        r.insert("startColumn".into(), json!(loc.start_column));
    }
    if loc.end_line >= loc.start_line {
        r.insert("endLine".into(), json!(loc.end_line));
        let same_line = loc.end_line == loc.start_line;
        if loc.end_column > 0 && !(same_line && loc.end_column < loc.start_column) {
            r.insert("endColumn".into(), json!(loc.end_column));
        }
    }
    if let Some(snippet) = &loc.snippet {
        r.insert("snippet".into(), json!({ "text": snippet }));
    }
    Some(Value::Object(r))
}

fn artifact_location(path: &str) -> Value {
    if has_uri_scheme(path) {
        json!({ "uri": percent_encode(path, true) })
    } else {
        json!({ "uri": percent_encode(path, false), "uriBaseId": SRCROOT })
    }
}

/// Whether `s` is already an absolute URL such as `https://host/x` or `s3://bucket/key`.
fn has_uri_scheme(s: &str) -> bool {
    let Some((scheme, _)) = s.split_once("://") else {
        return false;
    };
    let mut cs = scheme.chars();
    cs.next().is_some_and(|c| c.is_ascii_alphabetic())
        && cs.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
}

/// Percent-encode a path (or URL) into a valid URI reference: spaces, `%`, `#`, `?`,
/// non-ASCII and the like become `%XX`. In a relative path `:` is encoded too, so that
/// `c:file` cannot be read as a scheme.
fn percent_encode(s: &str, absolute: bool) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        let keep = b.is_ascii_alphanumeric()
            || matches!(
                b,
                b'-' | b'.'
                    | b'_'
                    | b'~'
                    | b'/'
                    | b'!'
                    | b'$'
                    | b'&'
                    | b'\''
                    | b'('
                    | b')'
                    | b'*'
                    | b'+'
                    | b','
                    | b';'
                    | b'='
                    | b'@'
            )
            || (absolute && matches!(b, b':' | b'?' | b'#' | b'%' | b'[' | b']'));
        if keep {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_become_uri_references() {
        assert_eq!(percent_encode("src/app.py", false), "src/app.py");
        assert_eq!(
            percent_encode("my dir/naïve#1.py", false),
            "my%20dir/na%C3%AFve%231.py"
        );
        assert_eq!(percent_encode("c:x", false), "c%3Ax");
        assert!(has_uri_scheme("https://shop.example/login"));
        assert!(has_uri_scheme("s3://acme-receipts/a b"));
        assert!(!has_uri_scheme("src/a://b"));
        assert!(!has_uri_scheme("a.py"));
        assert_eq!(
            artifact_location("https://shop.example/a?b=1"),
            json!({ "uri": "https://shop.example/a?b=1" })
        );
    }

    #[test]
    fn rule_names_are_pascal_case_without_the_engine() {
        assert_eq!(
            pascal_case_name("code/python/sql-injection"),
            "PythonSqlInjection"
        );
        assert_eq!(pascal_case_name("secrets/aws-access-key"), "AwsAccessKey");
        assert_eq!(pascal_case_name("standalone"), "Standalone");
    }

    #[test]
    fn repeated_cwes_give_distinct_tags() {
        use crate::severity::Severity;
        use crate::taxonomy::{Cwe, Owasp};
        let mut rule = Rule::new("code/x", "code", "X", Severity::High);
        rule.cwe = vec![Cwe(89), Cwe(20), Cwe(89)];
        rule.owasp = Some(Owasp::A03);
        assert_eq!(
            rule_descriptor(&rule)["properties"]["tags"],
            json!([
                "security",
                "external/cwe/cwe-89",
                "external/cwe/cwe-20",
                "A03:2021"
            ])
        );
    }

    #[test]
    fn semver_detection() {
        assert!(looks_like_semver("0.1.0"));
        assert!(looks_like_semver("1.2.3-rc.1+abc"));
        assert!(!looks_like_semver("1.2"));
        assert!(!looks_like_semver("01.2.3"));
        assert!(!looks_like_semver("dev"));
    }

    #[test]
    fn whole_file_locations_have_no_region() {
        assert!(region(&Location::whole("Dockerfile")).is_none());
        let loc = Location::from_span("a.py", b"x = 1\n", 4, 5);
        let r = region(&loc).unwrap();
        assert_eq!(r["startColumn"], 5);
        assert_eq!(r["endColumn"], 6);
        assert_eq!(r["snippet"]["text"], "x = 1");
    }
}
