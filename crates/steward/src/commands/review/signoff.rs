//! The security sign-off: who may approve a security-sensitive change (`[policy]
//! security_reviewers`), which approvals a change carries (`Security-Reviewed-by:` trailers
//! in its commits, `--approved-by`), and which of them count.
//!
//! A trailer is a record that someone approved, not proof of it: anyone who can commit can
//! write one. It counts only when it names a listed reviewer, and only for the change as it
//! is at HEAD — an approval recorded before a later commit changed a sensitive file does not
//! cover that change. Protect the branch (required reviews, signed commits) for the proof.

use steward_core::report::Approval;

/// The trailer a security reviewer's approval is recorded with.
pub const TRAILER: &str = "Security-Reviewed-by";

/// A person as a reviewer entry or an approval names them: a name, an email, or both.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Person {
    pub name: Option<String>,
    pub email: Option<String>,
}

impl Person {
    /// `Name <email>`, `email` or `Name`.
    pub fn parse(s: &str) -> Person {
        let s = s.trim();
        if let (Some(open), true) = (s.find('<'), s.ends_with('>')) {
            let name = collapse(&s[..open]);
            let email = s[open + 1..s.len() - 1].trim().to_ascii_lowercase();
            return Person {
                name: (!name.is_empty()).then_some(name),
                email: (!email.is_empty()).then_some(email),
            };
        }
        if s.contains('@') && !s.contains(char::is_whitespace) {
            return Person {
                name: None,
                email: Some(s.to_ascii_lowercase()),
            };
        }
        Person {
            name: Some(collapse(s)),
            email: None,
        }
    }

    /// Whether an approval by `self` is one by reviewer `entry`. When both give an email
    /// the emails decide, so `Ana Ruiz <someone@else>` is not `Ana Ruiz <ana@example.com>`;
    /// otherwise names compare, case and spacing aside.
    pub fn is(&self, entry: &Person) -> bool {
        match (&self.email, &entry.email) {
            (Some(a), Some(b)) => a == b,
            _ => match (&self.name, &entry.name) {
                (Some(a), Some(b)) => a.to_lowercase() == b.to_lowercase(),
                _ => false,
            },
        }
    }
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// An approval found in the range, before it is judged.
#[derive(Debug, Clone)]
pub struct Candidate {
    pub by: String,
    pub source: String,
    /// Set when the sensitive files changed after the approval was recorded: the files.
    pub stale_for: Vec<String>,
}

/// Splits `candidates` into those that count and those that do not (with why), against
/// the `reviewers` list.
pub fn judge(candidates: &[Candidate], reviewers: &[String]) -> (Vec<Approval>, Vec<Approval>) {
    let listed: Vec<Person> = reviewers.iter().map(|r| Person::parse(r)).collect();
    let mut counted = Vec::new();
    let mut not_counted = Vec::new();
    for c in candidates {
        let who = Person::parse(&c.by);
        let reason = if !listed.iter().any(|r| who.is(r)) {
            Some(format!(
                "`{}` is not in steward.toml's [policy] security_reviewers",
                c.by.trim()
            ))
        } else if !c.stale_for.is_empty() {
            Some(format!(
                "recorded before later commits changed {}; it does not cover the change as it stands",
                c.stale_for
                    .iter()
                    .take(3)
                    .map(|p| format!("`{p}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ))
        } else {
            None
        };
        let approval = Approval {
            by: c.by.trim().to_string(),
            source: c.source.clone(),
            reason,
        };
        if approval.reason.is_none() {
            counted.push(approval);
        } else {
            not_counted.push(approval);
        }
    }
    (counted, not_counted)
}

/// Whether a trailer token is the sign-off trailer (git compares tokens case-insensitively).
pub fn is_sign_off_trailer(token: &str) -> bool {
    token.trim().eq_ignore_ascii_case(TRAILER)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn candidate(by: &str) -> Candidate {
        Candidate {
            by: by.into(),
            source: "trailer in 1234567".into(),
            stale_for: Vec::new(),
        }
    }

    #[test]
    fn emails_decide_when_both_sides_have_one() {
        let ana = Person::parse("Ana Ruiz <Ana@Example.com>");
        assert!(Person::parse("ana ruiz <ana@example.com>").is(&ana));
        assert!(Person::parse("A. R. <ana@example.com>").is(&ana));
        assert!(!Person::parse("Ana Ruiz <ana@evil.test>").is(&ana));
        assert!(Person::parse("Ana  Ruiz").is(&ana));
        assert!(Person::parse("ana@example.com").is(&ana));
        assert!(Person::parse("Ana Ruiz <x@y.z>").is(&Person::parse("Ana Ruiz")));
        assert!(!Person::parse("Bob").is(&ana));
    }

    #[test]
    fn only_listed_and_current_approvals_count() {
        let reviewers = vec!["Ana Ruiz <ana@example.com>".to_string()];
        let mut stale = candidate("Ana Ruiz <ana@example.com>");
        stale.stale_for = vec!["src/auth.py".into()];
        let (ok, no) = judge(
            &[
                candidate("Ana Ruiz <ana@example.com>"),
                candidate("Bob <bob@example.com>"),
                stale,
            ],
            &reviewers,
        );
        assert_eq!(ok.len(), 1);
        assert_eq!(no.len(), 2);
        assert!(
            no[0]
                .reason
                .as_deref()
                .unwrap()
                .contains("not in steward.toml")
        );
        assert!(no[1].reason.as_deref().unwrap().contains("`src/auth.py`"));
        assert!(is_sign_off_trailer("security-reviewed-BY"));
    }
}
