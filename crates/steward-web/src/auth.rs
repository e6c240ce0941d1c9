//! Scanning behind a login form: log in before the crawl, notice being logged out (a
//! redirect to the login page, or a marker the user names) and log in again, and never
//! request a logout link. Cookies the application sets are kept by the client's jar.

use std::collections::BTreeMap;
use std::sync::Mutex;

use regex::Regex;
use reqwest::Url;

use crate::client::{Exchange, HttpRequest};
use crate::endpoint::encode_pairs;
use crate::html::{Form, parse};

/// How to log in: `--login-url` and friends.
#[derive(Debug, Clone)]
pub struct Login {
    /// The page with the login form (or, with both field names given and no form on it,
    /// the URL the credentials are posted to).
    pub url: Url,
    pub username: String,
    pub password: String,
    /// The form field for the user name; default: the text or email field before the
    /// password field.
    pub username_field: Option<String>,
    /// Default: the form's password field.
    pub password_field: Option<String>,
    /// What proves the login worked, on the response after it (redirects followed).
    /// Default: a cookie was set and the response shows no password field.
    pub success: Option<Regex>,
    /// What shows a response was served to a logged-out user, besides a redirect to the
    /// login page.
    pub logged_out: Option<Regex>,
}

#[derive(Debug, thiserror::Error)]
pub enum LoginError {
    #[error(
        "{0} has no form with a password field; name the fields with --login-user-field and --login-password-field to post them there directly"
    )]
    NoForm(Url),
    #[error("the login form at {url} has no field named `{field}`")]
    NoField { url: Url, field: String },
    #[error("logging in at {url} did not work: {why}")]
    Rejected { url: Url, why: String },
    #[error("logging in: {0}")]
    Send(String),
}

/// Whether `url` looks like it ends the session. The crawl never requests one.
pub fn is_logout(url: &Url) -> bool {
    let path = url.path().to_ascii_lowercase();
    let query = url.query().unwrap_or("").to_ascii_lowercase();
    let compact: String = path.chars().filter(|c| !matches!(c, '-' | '_')).collect();
    ["logout", "signout", "logoff"]
        .iter()
        .any(|w| compact.contains(w) || query.contains(&format!("={w}")))
}

impl Login {
    /// Whether `ex` was served to someone logged out.
    pub fn is_logged_out(&self, ex: &Exchange) -> bool {
        if ex.url().path() == self.url.path() {
            return false;
        }
        if ex.is_redirect()
            && let Some(to) = ex.location()
            && to.path() == self.url.path()
        {
            return true;
        }
        self.logged_out
            .as_ref()
            .is_some_and(|r| r.is_match(&ex.body_text()))
    }

    /// The request that submits the credentials, from the login page's response.
    pub fn submission(&self, page: &Exchange) -> Result<HttpRequest, LoginError> {
        let parsed = parse(page.url(), &page.body);
        let form = parsed.forms.iter().find(|f| {
            f.fields
                .iter()
                .any(|x| x.kind == "password" || Some(&x.name) == self.password_field.as_ref())
        });
        let Some(form) = form else {
            return match (&self.username_field, &self.password_field) {
                (Some(u), Some(p)) => Ok(post(
                    self.url.clone(),
                    &[(u.as_str(), self.username.as_str()), (p, &self.password)],
                )),
                _ => Err(LoginError::NoForm(page.url().clone())),
            };
        };
        let pass_field = match &self.password_field {
            Some(p) => p.clone(),
            None => form
                .fields
                .iter()
                .find(|x| x.kind == "password")
                .map(|x| x.name.clone())
                .ok_or_else(|| LoginError::NoForm(page.url().clone()))?,
        };
        let user_field = match &self.username_field {
            Some(u) => u.clone(),
            None => guess_user_field(form, &pass_field).ok_or_else(|| LoginError::NoField {
                url: page.url().clone(),
                field: "(a text or email field for the user name; name it with --login-user-field)"
                    .into(),
            })?,
        };
        for field in [&user_field, &pass_field] {
            if !form.fields.iter().any(|x| &x.name == field) {
                return Err(LoginError::NoField {
                    url: page.url().clone(),
                    field: field.clone(),
                });
            }
        }
        let values: Vec<(&str, &str)> = form
            .fields
            .iter()
            .map(|x| {
                let v = if x.name == user_field {
                    self.username.as_str()
                } else if x.name == pass_field {
                    self.password.as_str()
                } else {
                    x.value.as_str()
                };
                (x.name.as_str(), v)
            })
            .collect();
        if form.method == "POST" {
            Ok(post(form.action.clone(), &values))
        } else {
            let mut url = form.action.clone();
            url.set_query(Some(&encode_pairs(values.into_iter())));
            Ok(HttpRequest::get(url))
        }
    }

    /// Whether the exchanges that followed the submission show a successful login.
    pub fn succeeded(&self, chain: &[Exchange], cookie_set: bool) -> Result<(), String> {
        let Some(last) = chain.last() else {
            return Err("no response".into());
        };
        if let Some(check) = &self.success {
            return if chain.iter().any(|ex| check.is_match(&ex.body_text())) {
                Ok(())
            } else {
                Err(format!(
                    "--login-check `{check}` does not match the response (HTTP {} from {})",
                    last.status,
                    last.url()
                ))
            };
        }
        let shows_form = last.is_html()
            && parse(last.url(), &last.body)
                .forms
                .iter()
                .any(|f| f.fields.iter().any(|x| x.kind == "password"));
        if !cookie_set {
            Err(
                "the application set no cookie; give --login-check REGEX if it logs in another way"
                    .into(),
            )
        } else if shows_form || (last.status >= 400) {
            Err(format!(
                "the response (HTTP {} from {}) still shows the login form; check the credentials or give --login-check REGEX",
                last.status,
                last.url()
            ))
        } else {
            Ok(())
        }
    }
}

/// The last text, email or tel field before the password field, else the first anywhere.
fn guess_user_field(form: &Form, pass_field: &str) -> Option<String> {
    let is_text = |kind: &str| matches!(kind, "text" | "email" | "tel");
    form.fields
        .iter()
        .take_while(|x| x.name != pass_field)
        .filter(|x| is_text(&x.kind))
        .last()
        .or_else(|| form.fields.iter().find(|x| is_text(&x.kind)))
        .map(|x| x.name.clone())
}

fn post(url: Url, pairs: &[(&str, &str)]) -> HttpRequest {
    let mut r = HttpRequest::get(url);
    r.method = "POST".into();
    r.form = Some(encode_pairs(pairs.iter().copied()));
    r
}

/// The cookies the application set, sent back on every request like a browser would
/// (scope is the scanned origin, so domain and path attributes are not needed).
#[derive(Debug, Default)]
pub struct CookieJar {
    cookies: Mutex<BTreeMap<String, String>>,
}

impl CookieJar {
    /// Take the `Set-Cookie` headers of `ex`; true when one set or changed a value.
    pub fn store(&self, ex: &Exchange) -> bool {
        let mut jar = self.cookies.lock().unwrap_or_else(|p| p.into_inner());
        let mut changed = false;
        for header in ex.headers_named("set-cookie") {
            let mut parts = header.split(';');
            let Some((name, value)) = parts.next().and_then(|p| p.split_once('=')) else {
                continue;
            };
            let (name, value) = (name.trim(), value.trim());
            if name.is_empty() {
                continue;
            }
            let expired = parts.any(|a| {
                let a = a.trim().to_ascii_lowercase();
                a == "max-age=0" || a.starts_with("max-age=-")
            });
            if expired || value.is_empty() {
                changed |= jar.remove(name).is_some();
            } else if jar.get(name).map(String::as_str) != Some(value) {
                jar.insert(name.to_string(), value.to_string());
                changed = true;
            }
        }
        changed
    }

    /// The cookies held, name and value.
    pub fn pairs(&self) -> Vec<(String, String)> {
        let jar = self.cookies.lock().unwrap_or_else(|p| p.into_inner());
        jar.iter().map(|(k, v)| (k.clone(), v.clone())).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn logout_links_are_recognised() {
        for u in [
            "http://h/logout",
            "http://h/user/Log-Out?next=/",
            "http://h/auth/sign_out",
            "http://h/session?action=logout",
            "http://h/logoff.php",
        ] {
            assert!(is_logout(&u.parse().unwrap()), "{u}");
        }
        for u in ["http://h/login", "http://h/logs/outbound", "http://h/about"] {
            assert!(!is_logout(&u.parse().unwrap()), "{u}");
        }
    }
}
