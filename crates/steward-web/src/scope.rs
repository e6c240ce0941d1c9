//! What the scanner may touch. Every request, redirect hop included, is checked here first:
//! a URL outside the scope is never sent, whatever links or redirects point to it.

use reqwest::Url;

/// The origin of the start URL, narrowed or widened by URL patterns.
///
/// A pattern with `://` is matched against the whole URL; one without is matched against
/// the path and query of a same-origin URL. `*` matches any run of characters. With no
/// include pattern, the start URL's origin is the scope; with include patterns, a URL must
/// match one of them. A URL matching an exclude pattern is always out.
#[derive(Debug, Clone)]
pub struct Scope {
    origin: (String, String, u16),
    include: Vec<String>,
    exclude: Vec<String>,
}

impl Scope {
    pub fn new(start: &Url, include: &[String], exclude: &[String]) -> Scope {
        Scope {
            origin: origin_of(start),
            include: include.to_vec(),
            exclude: exclude.to_vec(),
        }
    }

    pub fn same_origin(&self, url: &Url) -> bool {
        origin_of(url) == self.origin
    }

    pub fn contains(&self, url: &Url) -> bool {
        if !matches!(url.scheme(), "http" | "https") || url.host_str().is_none() {
            return false;
        }
        let same = self.same_origin(url);
        let path_and_query = match url.query() {
            Some(q) => format!("{}?{q}", url.path()),
            None => url.path().to_string(),
        };
        let matches = |pattern: &String| {
            if pattern.contains("://") {
                wildcard_match(pattern, url.as_str())
            } else {
                same && wildcard_match(pattern, &path_and_query)
            }
        };
        let included = if self.include.is_empty() {
            same
        } else {
            self.include.iter().any(matches)
        };
        included && !self.exclude.iter().any(matches)
    }
}

fn origin_of(url: &Url) -> (String, String, u16) {
    (
        url.scheme().to_string(),
        url.host_str().unwrap_or("").to_ascii_lowercase(),
        url.port_or_known_default().unwrap_or(0),
    )
}

/// `*` matches any run of characters (including none); everything else is literal.
pub fn wildcard_match(pattern: &str, text: &str) -> bool {
    let p = pattern.as_bytes();
    let t = text.as_bytes();
    let (mut pi, mut ti) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while ti < t.len() {
        if pi < p.len() && p[pi] == b'*' {
            star = Some((pi, ti));
            pi += 1;
        } else if pi < p.len() && p[pi] == t[ti] {
            pi += 1;
            ti += 1;
        } else if let Some((sp, st)) = star {
            pi = sp + 1;
            ti = st + 1;
            star = Some((sp, st + 1));
        } else {
            return false;
        }
    }
    p[pi..].iter().all(|&b| b == b'*')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn url(s: &str) -> Url {
        Url::parse(s).unwrap()
    }

    #[test]
    fn same_origin_by_default_and_patterns_narrow_or_widen() {
        let start = url("http://127.0.0.1:8080/app/");
        let scope = Scope::new(&start, &[], &["/logout*".into()]);
        assert!(scope.contains(&url("http://127.0.0.1:8080/x?y=1")));
        assert!(!scope.contains(&url("http://127.0.0.1:8081/x")));
        assert!(!scope.contains(&url("https://127.0.0.1:8080/x")));
        assert!(!scope.contains(&url("http://127.0.0.1:8080/logout?all=1")));
        assert!(!scope.contains(&url("mailto:a@example.org")));

        let scope = Scope::new(&start, &["/app/*".into(), "http://127.0.0.2:*".into()], &[]);
        assert!(scope.contains(&url("http://127.0.0.1:8080/app/a")));
        assert!(!scope.contains(&url("http://127.0.0.1:8080/other")));
        assert!(scope.contains(&url("http://127.0.0.2:9/")));
    }

    #[test]
    fn wildcards() {
        assert!(wildcard_match("/a/*/c", "/a/b/b/c"));
        assert!(wildcard_match("*", ""));
        assert!(!wildcard_match("/a*c", "/abd"));
        assert!(wildcard_match("*logout*", "/user/logout?x"));
    }
}
