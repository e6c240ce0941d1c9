//! `steward rules`: the rules as documentation, at the moment a developer needs it.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::Write;

use anyhow::{Context, Result};
use steward_core::rule::{Rule, RuleCatalog};

use crate::args::{GlobalArgs, RulesCommand};
use crate::engines::{self, EngineOptions};
use crate::exit::{Exit, usage};

pub fn run(cmd: RulesCommand, _global: &GlobalArgs) -> Result<Exit> {
    let catalog = engines::catalog(&EngineOptions::default())?;
    let mut stdout = std::io::stdout().lock();
    match cmd {
        RulesCommand::List { prefix, json } => {
            let rules: Vec<&Rule> = catalog
                .iter()
                .filter(|r| prefix.as_deref().is_none_or(|p| r.id.starts_with(p)))
                .collect();
            if json {
                serde_json::to_writer_pretty(&mut stdout, &rules)?;
                writeln!(stdout)?;
            } else {
                let width = rules.iter().map(|r| r.id.len()).max().unwrap_or(0);
                for r in &rules {
                    writeln!(stdout, "{:<width$}  {:<8}  {}", r.id, r.severity, r.title)?;
                }
                writeln!(stdout, "{} rules", rules.len())?;
            }
            Ok(Exit::Clean)
        }
        RulesCommand::Show { id } => {
            let Some(rule) = catalog.get(&id) else {
                let hint = catalog
                    .suggest(&id)
                    .map(|s| format!(" (did you mean `{s}`?)"))
                    .unwrap_or_default();
                return Err(usage(format!(
                    "no rule `{id}`{hint}; `steward rules list` shows every rule"
                )));
            };
            write!(stdout, "{}", rule_text(rule))?;
            Ok(Exit::Clean)
        }
        RulesCommand::Test { dir } => test_dir(&dir, &mut stdout),
        RulesCommand::Doc { out } => {
            write_docs(&catalog, &out)?;
            writeln!(stdout, "wrote rule reference to {}", out.display())?;
            Ok(Exit::Clean)
        }
    }
}

fn test_dir(dir: &std::path::Path, out: &mut impl Write) -> Result<Exit> {
    if !dir.is_dir() {
        return Err(usage(format!(
            "{}: no such directory of rules",
            dir.display()
        )));
    }
    let results = steward_secrets::test_rule_dir(dir).map_err(|e| usage(e.to_string()))?;
    let mut failed = 0;
    for r in &results {
        if r.failures.is_empty() {
            writeln!(
                out,
                "ok    {} ({} examples, {} negative)",
                r.rule_id, r.examples, r.negative_examples
            )?;
        } else {
            failed += 1;
            writeln!(out, "FAIL  {} ({})", r.rule_id, r.source)?;
            for f in &r.failures {
                let what = match f.kind {
                    steward_secrets::ExampleKind::ShouldMatch => "example did not match",
                    steward_secrets::ExampleKind::ShouldNotMatch => "negative example matched",
                };
                writeln!(out, "      {what}: {}", f.text.trim_end())?;
            }
        }
    }
    writeln!(out, "{} passed, {} failed", results.len() - failed, failed)?;
    Ok(if failed == 0 {
        Exit::Clean
    } else {
        Exit::GateFailed
    })
}

fn why(rule: &Rule) -> String {
    let mut s = String::new();
    if let Some(r) = &rule.rationale {
        s.push_str(r);
    }
    if let Some(o) = rule.owasp {
        if !s.is_empty() {
            s.push_str("\n\n");
        }
        let _ = write!(s, "OWASP {} {}: {}", o.id(), o.title(), o.explanation());
    }
    for c in &rule.cwe {
        let _ = write!(
            s,
            "\n{}{}",
            c,
            c.name().map(|n| format!(" {n}")).unwrap_or_default()
        );
    }
    s
}

/// A rule as the terminal shows it.
pub fn rule_text(rule: &Rule) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "{} — {}", rule.id, rule.title);
    let _ = writeln!(
        s,
        "severity: {}   confidence: {}   engine: {}",
        rule.severity, rule.confidence, rule.engine
    );
    let section = |s: &mut String, title: &str, body: &str| {
        if !body.trim().is_empty() {
            let _ = writeln!(s, "\n{title}");
            for line in body.lines() {
                let _ = writeln!(s, "  {line}");
            }
        }
    };
    section(&mut s, "What it finds", &rule.description);
    section(&mut s, "Why it matters", &why(rule));
    if let Some(ex) = rule.examples.first() {
        section(&mut s, "Example", ex);
    }
    if let Some(ex) = rule.negative_examples.first() {
        section(&mut s, "Not reported", ex);
    }
    section(&mut s, "Fix", rule.remediation.as_deref().unwrap_or(""));
    section(&mut s, "References", &rule.references.join("\n"));
    if !rule.requirements.is_empty() {
        section(
            &mut s,
            "Verifies requirements",
            &rule.requirements.join(", "),
        );
    }
    s
}

/// A rule as the generated reference shows it.
pub fn rule_markdown(rule: &Rule) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "## `{}`\n\n**{}**\n", rule.id, rule.title);
    let cwe: Vec<String> = rule.cwe.iter().map(|c| c.to_string()).collect();
    let _ = writeln!(
        s,
        "| severity | confidence | CWE | OWASP Top 10 |\n|---|---|---|---|\n| {} | {} | {} | {} |\n",
        rule.severity,
        rule.confidence,
        if cwe.is_empty() {
            "—".into()
        } else {
            cwe.join(", ")
        },
        rule.owasp
            .map(|o| format!("{} {}", o.id(), o.title()))
            .unwrap_or("—".into())
    );
    if !rule.description.is_empty() {
        let _ = writeln!(s, "### What it does\n\n{}\n", rule.description.trim());
    }
    let why = why(rule);
    if !why.is_empty() {
        let _ = writeln!(
            s,
            "### Why is this bad?\n\n{}\n",
            why.trim().replace('\n', "  \n")
        );
    }
    if let Some(ex) = rule.examples.first() {
        let _ = writeln!(s, "### Example\n\n```\n{}\n```\n", ex.trim_end());
    }
    if let Some(fix) = &rule.remediation {
        let _ = writeln!(s, "### Use instead\n\n{}\n", fix.trim());
    }
    if !rule.references.is_empty() {
        let _ = writeln!(s, "### References\n");
        for r in &rule.references {
            let _ = writeln!(s, "- {r}");
        }
        s.push('\n');
    }
    s
}

/// The Markdown files of the rule reference: one per engine, plus an index.
pub fn docs_files(catalog: &RuleCatalog) -> BTreeMap<String, String> {
    let mut by_engine: BTreeMap<String, Vec<&Rule>> = BTreeMap::new();
    for r in catalog.iter() {
        let engine = r.id.split('/').next().unwrap_or("other").to_string();
        by_engine.entry(engine).or_default().push(r);
    }
    let mut files = BTreeMap::new();
    let mut index = String::from(
        "# Rule reference\n\nGenerated by `steward rules doc` from the rules themselves; do not edit by hand.\n\n| engine | rules |\n|---|---|\n",
    );
    for (engine, rules) in &by_engine {
        let _ = writeln!(index, "| [{engine}]({engine}.md) | {} |", rules.len());
        let mut page = format!(
            "# `{engine}` rules\n\nGenerated by `steward rules doc`; do not edit by hand.\n\n"
        );
        for r in rules {
            page.push_str(&rule_markdown(r));
        }
        files.insert(format!("{engine}.md"), page);
    }
    files.insert("README.md".into(), index);
    files
}

fn write_docs(catalog: &RuleCatalog, out: &std::path::Path) -> Result<()> {
    for (name, body) in docs_files(catalog) {
        let path = out.join(name);
        steward_core::output::write_atomic(&path, body.as_bytes())
            .with_context(|| format!("writing {}", path.display()))?;
    }
    Ok(())
}
