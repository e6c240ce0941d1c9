//! The `dast/*` rules: the checks written as code (rules/dast.yml) and the templates'.

use steward_core::Rule;

const RULES_FILE: &str = include_str!("../rules/dast.yml");

#[derive(Debug, thiserror::Error)]
pub enum RuleLoadError {
    #[error("rules/dast.yml: {0}")]
    Rules(String),
    #[error(transparent)]
    Template(#[from] crate::templates::TemplateError),
}

/// The rules of the passive and active checks that are code.
pub fn code_rules() -> Result<Vec<Rule>, RuleLoadError> {
    let mut rules: Vec<Rule> =
        serde_saphyr::from_str(RULES_FILE).map_err(|e| RuleLoadError::Rules(e.to_string()))?;
    for r in &mut rules {
        r.engine = "dast".into();
    }
    Ok(rules)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_load_with_cwe_owasp_and_remediation() {
        let rules = code_rules().unwrap();
        assert!(rules.len() >= 18);
        for r in &rules {
            assert!(r.id.starts_with("dast/"), "{}", r.id);
            assert!(!r.cwe.is_empty() && r.owasp.is_some(), "{}", r.id);
            assert!(
                r.remediation.is_some() && !r.description.is_empty(),
                "{}",
                r.id
            );
        }
    }
}
