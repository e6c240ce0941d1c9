//! Masking credentials in what steward prints, logs and records.

/// `url` with any password replaced by `***`: the one in `user:password@` and any
/// `password=` query parameter. Safe to print and log.
pub fn redact_url(url: &str) -> String {
    let Some(scheme_end) = url.find("://") else {
        return url.to_string();
    };
    let rest_start = scheme_end + 3;
    let rest = &url[rest_start..];
    let authority_len = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let authority = &rest[..authority_len];
    let mut out = String::with_capacity(url.len());
    out.push_str(&url[..rest_start]);
    match authority.rfind('@') {
        Some(at) => {
            let userinfo = &authority[..at];
            match userinfo.find(':') {
                Some(colon) => {
                    out.push_str(&userinfo[..colon]);
                    out.push_str(":***");
                }
                None => out.push_str(userinfo),
            }
            out.push_str(&authority[at..]);
        }
        None => out.push_str(authority),
    }
    let tail = &rest[authority_len..];
    match tail.find('?') {
        Some(q) => {
            out.push_str(&tail[..=q]);
            let query = &tail[q + 1..];
            let (query, fragment) = match query.find('#') {
                Some(h) => (&query[..h], &query[h..]),
                None => (query, ""),
            };
            let params: Vec<String> = query
                .split('&')
                .map(|param| match param.split_once('=') {
                    Some((key, _)) if key.eq_ignore_ascii_case("password") => format!("{key}=***"),
                    _ => param.to_string(),
                })
                .collect();
            out.push_str(&params.join("&"));
            out.push_str(fragment);
        }
        None => out.push_str(tail),
    }
    out
}

#[cfg(test)]
mod tests {
    use super::redact_url;

    #[test]
    fn redacts_the_password_in_userinfo() {
        assert_eq!(
            // steward:ignore[secrets/database-connection-string] made-up URL: the test is that its password gets masked
            redact_url("postgres://steward:s3cr%40t@db.internal:5432/ledger"),
            "postgres://steward:***@db.internal:5432/ledger"
        );
    }

    #[test]
    fn keeps_a_url_without_password() {
        assert_eq!(
            redact_url("postgresql://steward@db/ledger?sslmode=disable"),
            "postgresql://steward@db/ledger?sslmode=disable"
        );
        assert_eq!(redact_url("postgres://db"), "postgres://db");
    }

    #[test]
    fn redacts_a_password_query_parameter() {
        assert_eq!(
            redact_url("postgres://db/ledger?user=a&password=hunter2&sslmode=disable#x"),
            "postgres://db/ledger?user=a&password=***&sslmode=disable#x"
        );
    }

    #[test]
    fn handles_an_at_sign_in_the_password() {
        // Unencoded `@` in a password: the last `@` of the authority ends the userinfo.
        assert_eq!(
            redact_url("postgres://u:p@ss@host/db"),
            "postgres://u:***@host/db"
        );
    }
}
