//! Endpoints the crawl found and the parameters each takes, and the "shape" that makes
//! `/item?id=1` and `/item?id=2` one endpoint.

use reqwest::Url;
use serde::Serialize;

use crate::client::HttpRequest;
use crate::html::Form;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ParamLocation {
    Query,
    Form,
    /// A `{name}` segment of the path (OpenAPI).
    Path,
    /// A request header (OpenAPI).
    Header,
    /// A top-level property of a JSON request body (OpenAPI).
    Json,
    /// A cookie the application set (`Set-Cookie`) and reads back.
    Cookie,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Param {
    pub name: String,
    /// The value seen (a link's, or a form field's default).
    pub value: String,
    #[serde(rename = "in")]
    pub location: ParamLocation,
    /// The typed example a JSON body property is sent with when not under attack.
    #[serde(skip)]
    pub example: Option<serde_json::Value>,
}

/// A URL and method that takes parameters.
#[derive(Debug, Clone, Serialize)]
pub struct Endpoint {
    pub method: String,
    /// The URL as found (with its query, for GET endpoints from links).
    #[serde(serialize_with = "url_string")]
    pub url: Url,
    pub params: Vec<Param>,
    /// The URL's path with `{name}` for each path parameter (OpenAPI endpoints).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub path_template: Option<String>,
}

fn url_string<S: serde::Serializer>(url: &Url, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(url.as_str())
}

/// Placeholder for text fields a form leaves empty.
const FILLER: &str = "steward";

impl Endpoint {
    /// The endpoint a link is, if it has a query.
    pub fn from_link(url: &Url) -> Option<Endpoint> {
        let params: Vec<Param> = url
            .query_pairs()
            .map(|(k, v)| Param {
                name: k.into_owned(),
                value: v.into_owned(),
                location: ParamLocation::Query,
                example: None,
            })
            .collect();
        (!params.is_empty()).then(|| Endpoint {
            method: "GET".into(),
            url: url.clone(),
            params,
            path_template: None,
        })
    }

    pub fn from_form(form: &Form) -> Option<Endpoint> {
        let location = if form.method == "POST" {
            ParamLocation::Form
        } else {
            ParamLocation::Query
        };
        let params: Vec<Param> = form
            .fields
            .iter()
            .map(|f| Param {
                name: f.name.clone(),
                value: if f.value.is_empty() && f.kind != "hidden" {
                    FILLER.into()
                } else {
                    f.value.clone()
                },
                location,
                example: None,
            })
            .collect();
        if params.is_empty() {
            return None;
        }
        let mut url = form.action.clone();
        url.set_fragment(None);
        if location == ParamLocation::Query {
            url.set_query(Some(&encode_pairs(
                params.iter().map(|p| (p.name.as_str(), p.value.as_str())),
            )));
        }
        Some(Endpoint {
            method: form.method.clone(),
            url,
            params,
            path_template: None,
        })
    }

    /// The page `url` with the cookies `cookies` (name, value as set) as its parameters:
    /// the page that set them is the first place that reads them back.
    pub fn from_cookies(url: &Url, cookies: &[(String, String)]) -> Option<Endpoint> {
        let params: Vec<Param> = cookies
            .iter()
            .map(|(name, value)| Param {
                name: name.clone(),
                value: value.clone(),
                location: ParamLocation::Cookie,
                example: None,
            })
            .collect();
        let mut url = url.clone();
        url.set_fragment(None);
        (!params.is_empty()).then(|| Endpoint {
            method: "GET".into(),
            url,
            params,
            path_template: None,
        })
    }

    /// Method, path (numeric segments folded) and the sorted parameter names (cookies
    /// marked, so a cookie and a query parameter of one name stay apart).
    pub fn shape(&self) -> String {
        let mut names: Vec<String> = self
            .params
            .iter()
            .map(|p| match p.location {
                ParamLocation::Cookie => format!("cookie:{}", p.name),
                _ => p.name.clone(),
            })
            .collect();
        names.sort_unstable();
        names.dedup();
        format!(
            "{} {} {}",
            self.method,
            path_shape(&self.url),
            names.join(",")
        )
    }

    /// The request with parameter `name` set to `value` and the others as seen.
    pub fn request_with(&self, name: &str, value: &str) -> HttpRequest {
        let pairs = self.params.iter().map(|p| {
            let v = if p.name == name {
                value
            } else {
                p.value.as_str()
            };
            (p, v)
        });
        let of = |location: ParamLocation| {
            pairs
                .clone()
                .filter(move |(p, _)| p.location == location)
                .map(|(p, v)| (p.name.as_str(), v))
                .collect::<Vec<(&str, &str)>>()
        };
        let mut url = self.url.clone();
        if let Some(template) = &self.path_template {
            let mut path = template.clone();
            for (n, v) in of(ParamLocation::Path) {
                path = path.replace(&format!("{{{n}}}"), &encode_segment(v));
            }
            url.set_path(&path);
        }
        let query = of(ParamLocation::Query);
        if !query.is_empty() {
            url.set_query(Some(&encode_pairs(query.into_iter())));
        }
        let form = of(ParamLocation::Form);
        let mut headers: Vec<(String, String)> = of(ParamLocation::Header)
            .into_iter()
            .map(|(n, v)| (n.to_string(), v.replace(['\r', '\n'], " ")))
            .collect();
        let cookies = of(ParamLocation::Cookie);
        if !cookies.is_empty() {
            headers.push((
                "Cookie".into(),
                cookies
                    .iter()
                    .map(|(n, v)| format!("{n}={}", encode_cookie(v)))
                    .collect::<Vec<_>>()
                    .join("; "),
            ));
        }
        let json_params: Vec<&Param> = self
            .params
            .iter()
            .filter(|p| p.location == ParamLocation::Json)
            .collect();
        let json = (!json_params.is_empty()).then(|| {
            let object: serde_json::Map<String, serde_json::Value> = json_params
                .iter()
                .map(|p| {
                    let v = if p.name == name {
                        serde_json::Value::String(value.to_string())
                    } else {
                        p.example
                            .clone()
                            .unwrap_or_else(|| serde_json::Value::String(p.value.clone()))
                    };
                    (p.name.clone(), v)
                })
                .collect();
            serde_json::Value::Object(object).to_string()
        });
        HttpRequest {
            method: self.method.clone(),
            url,
            headers,
            form: (!form.is_empty()).then(|| encode_pairs(form.into_iter())),
            json,
        }
    }
}

/// A cookie value as a browser-safe cookie-octet string: what RFC 6265 does not allow in
/// a cookie (controls, space, `"`, `,`, `;`, backslash), and `%` and `+`, percent-encoded. PHP,
/// Express and most frameworks decode cookie values this way, so a payload arrives whole.
pub(crate) fn encode_cookie(v: &str) -> String {
    let mut out = String::with_capacity(v.len());
    for b in v.bytes() {
        if b <= 0x20 || b >= 0x7f || b"\",;\\%+".contains(&b) {
            out.push_str(&format!("%{b:02X}"));
        } else {
            out.push(b as char);
        }
    }
    out
}

/// A path segment with everything but RFC 3986's unreserved characters percent-encoded.
pub(crate) fn encode_segment(v: &str) -> String {
    let mut out = String::with_capacity(v.len());
    for b in v.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// `application/x-www-form-urlencoded` serialisation, through `Url`'s own encoder.
pub fn encode_pairs<'a>(pairs: impl Iterator<Item = (&'a str, &'a str)>) -> String {
    let mut scratch = Url::parse("http://form.invalid/").unwrap_or_else(|_| unreachable!());
    scratch.query_pairs_mut().extend_pairs(pairs);
    scratch.query().unwrap_or("").to_string()
}

/// Scheme, host, port and path with all-digit segments as `{n}`: `/user/1` and `/user/2`
/// are one page to crawl.
pub fn path_shape(url: &Url) -> String {
    let path: Vec<&str> = url
        .path()
        .split('/')
        .map(|s| {
            if !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()) {
                "{n}"
            } else {
                s
            }
        })
        .collect();
    format!("{}{}", url.origin().ascii_serialization(), path.join("/"))
}

/// The shape of a URL to fetch: its path shape and sorted query parameter names.
pub fn url_shape(url: &Url) -> String {
    let mut names: Vec<String> = url.query_pairs().map(|(k, _)| k.into_owned()).collect();
    names.sort_unstable();
    names.dedup();
    format!("GET {} {}", path_shape(url), names.join(","))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes_fold_values_and_numeric_segments() {
        let a = Url::parse("http://h/item/7?id=1&x=2").unwrap();
        let b = Url::parse("http://h/item/8?x=5&id=9").unwrap();
        let c = Url::parse("http://h/item/8?id=9").unwrap();
        assert_eq!(url_shape(&a), url_shape(&b));
        assert_ne!(url_shape(&a), url_shape(&c));
    }

    #[test]
    fn cookies_are_sent_encoded_in_one_header() {
        let url = Url::parse("http://h/prefs?tab=1").unwrap();
        let ep = Endpoint::from_cookies(
            &url,
            &[
                ("theme".into(), "light".into()),
                ("lang".into(), "en".into()),
            ],
        )
        .unwrap();
        assert_eq!(ep.shape(), "GET http://h/prefs cookie:lang,cookie:theme");
        let r = ep.request_with("theme", "x' OR '1'='1; \"<b>\"");
        assert_eq!(r.url.query(), Some("tab=1"));
        assert_eq!(
            r.headers,
            [(
                "Cookie".to_string(),
                "theme=x'%20OR%20'1'='1%3B%20%22<b>%22; lang=en".to_string()
            )]
        );
    }

    #[test]
    fn request_with_replaces_one_parameter() {
        let url = Url::parse("http://h/s?q=a&page=2").unwrap();
        let ep = Endpoint::from_link(&url).unwrap();
        let r = ep.request_with("q", "<x y=\"1\">");
        assert_eq!(r.url.query(), Some("q=%3Cx+y%3D%221%22%3E&page=2"));
    }
}
