//! Endpoints from an OpenAPI 3 document (`--openapi FILE`, JSON or YAML): the operations
//! an API serves are rarely linked from any page, so the crawl cannot find them. Each
//! operation becomes an [`Endpoint`] whose path, query, header and JSON-body parameters
//! carry the document's example, default or first enum value (else a value of the
//! declared type), ready for the active checks.

use reqwest::Url;
use serde_json::Value;

use crate::endpoint::{Endpoint, Param, ParamLocation};

#[derive(Debug, thiserror::Error)]
pub enum OpenApiError {
    #[error("not JSON or YAML: {0}")]
    Syntax(String),
    #[error("not an OpenAPI 3 document (no `openapi: 3.x` field{0})")]
    Version(String),
    #[error("no `paths`")]
    NoPaths,
    #[error("server URL `{0}` is not a URL")]
    Server(String),
}

const METHODS: &[&str] = &["get", "post", "put", "patch", "delete"];

/// The operations of the document `text`, against `target` (the base for relative server
/// URLs, and the server when the document names none).
pub fn endpoints(text: &str, target: &Url) -> Result<Vec<Endpoint>, OpenApiError> {
    let doc: Value = if text.trim_start().starts_with('{') {
        serde_json::from_str(text).map_err(|e| OpenApiError::Syntax(e.to_string()))?
    } else {
        serde_saphyr::from_str(text).map_err(|e| OpenApiError::Syntax(e.to_string()))?
    };
    match doc.get("openapi").and_then(Value::as_str) {
        Some(v) if v.starts_with("3.") => {}
        Some(v) => return Err(OpenApiError::Version(format!("; it says `{v}`"))),
        None if doc.get("swagger").is_some() => {
            return Err(OpenApiError::Version(
                "; this is Swagger 2.0: convert it to OpenAPI 3 first".into(),
            ));
        }
        None => return Err(OpenApiError::Version(String::new())),
    }
    let server = server_base(&doc, target)?;
    let paths = doc
        .get("paths")
        .and_then(Value::as_object)
        .ok_or(OpenApiError::NoPaths)?;
    let mut out = Vec::new();
    for (path, item) in paths {
        let shared = item.get("parameters").and_then(Value::as_array);
        for method in METHODS {
            let Some(op) = item.get(*method) else {
                continue;
            };
            let mut params: Vec<Param> = Vec::new();
            let declared = shared.into_iter().flatten().chain(
                op.get("parameters")
                    .and_then(Value::as_array)
                    .into_iter()
                    .flatten(),
            );
            for p in declared {
                let p = resolve(&doc, p);
                let (Some(name), Some(location)) = (
                    p.get("name").and_then(Value::as_str),
                    p.get("in").and_then(Value::as_str),
                ) else {
                    continue;
                };
                let location = match location {
                    "path" => ParamLocation::Path,
                    "query" => ParamLocation::Query,
                    "header" => ParamLocation::Header,
                    // Cookies are the session's; attacking them would log the scan out.
                    _ => continue,
                };
                let schema = p.get("schema").map(|s| resolve(&doc, s));
                let example = p
                    .get("example")
                    .cloned()
                    .or_else(|| first_example(p))
                    .or_else(|| schema.and_then(|s| sample(&doc, s, 0)))
                    .unwrap_or(Value::String("steward".into()));
                // An operation-level parameter overrides a path-level one of the same name.
                params.retain(|x| !(x.name == name && x.location == location));
                params.push(Param {
                    name: name.to_string(),
                    value: scalar(&example),
                    location,
                    example: None,
                });
            }
            params.extend(body_params(&doc, op));
            let url_path = format!(
                "{}/{}",
                server.path().trim_end_matches('/'),
                path.trim_start_matches('/')
            );
            let mut url = server.clone();
            url.set_path(&url_path);
            let endpoint = Endpoint {
                method: method.to_ascii_uppercase(),
                url,
                params,
                path_template: Some(url_path),
            };
            // The URL with example values in place, as the endpoint is first requested.
            let request = endpoint.request_with("", "");
            out.push(Endpoint {
                url: request.url,
                ..endpoint
            });
        }
    }
    Ok(out)
}

fn server_base(doc: &Value, target: &Url) -> Result<Url, OpenApiError> {
    let Some(raw) = doc
        .get("servers")
        .and_then(Value::as_array)
        .and_then(|s| s.first())
        .and_then(|s| s.get("url"))
        .and_then(Value::as_str)
    else {
        return Ok(target.join("/").unwrap_or_else(|_| target.clone()));
    };
    // `{variable}`s in a server URL take no part in scanning one deployment.
    if raw.contains('{') {
        return Ok(target.join("/").unwrap_or_else(|_| target.clone()));
    }
    target
        .join(raw)
        .map_err(|_| OpenApiError::Server(raw.to_string()))
}

/// Follow a local `$ref` (`#/components/...`), once per level, at most 16 levels.
fn resolve<'a>(doc: &'a Value, mut v: &'a Value) -> &'a Value {
    for _ in 0..16 {
        let Some(r) = v.get("$ref").and_then(Value::as_str) else {
            return v;
        };
        let Some(pointer) = r.strip_prefix('#') else {
            return v;
        };
        match doc.pointer(pointer) {
            Some(target) => v = target,
            None => return v,
        }
    }
    v
}

/// `examples: {name: {value: ...}}`'s first value.
fn first_example(v: &Value) -> Option<Value> {
    v.get("examples")?
        .as_object()?
        .values()
        .next()?
        .get("value")
        .cloned()
}

/// An example value for `schema`: its example, default or first enum value, else one of
/// its type.
fn sample(doc: &Value, schema: &Value, depth: usize) -> Option<Value> {
    let schema = resolve(doc, schema);
    if let Some(v) = schema
        .get("example")
        .or_else(|| schema.get("default"))
        .or_else(|| schema.get("enum").and_then(|e| e.get(0)))
    {
        return Some(v.clone());
    }
    let kind = schema.get("type").and_then(Value::as_str).unwrap_or("");
    Some(match kind {
        "integer" | "number" => Value::from(1),
        "boolean" => Value::Bool(true),
        "array" => Value::Array(
            schema
                .get("items")
                .and_then(|i| sample(doc, i, depth + 1))
                .into_iter()
                .collect(),
        ),
        "object" if depth < 4 => {
            let props = schema.get("properties").and_then(Value::as_object)?;
            Value::Object(
                props
                    .iter()
                    .filter_map(|(k, s)| Some((k.clone(), sample(doc, s, depth + 1)?)))
                    .collect(),
            )
        }
        _ => Value::String(
            match schema.get("format").and_then(Value::as_str) {
                Some("email") => "user@example.org",
                Some("uuid") => "3fa85f64-5717-4562-b3fc-2c963f66afa6",
                Some("date") => "2024-01-01",
                Some("date-time") => "2024-01-01T00:00:00Z",
                Some("uri" | "url") => "http://example.org/",
                _ => "steward",
            }
            .into(),
        ),
    })
}

fn scalar(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

/// The top-level properties of a JSON (or form) request body.
fn body_params(doc: &Value, op: &Value) -> Vec<Param> {
    let Some(body) = op.get("requestBody").map(|b| resolve(doc, b)) else {
        return Vec::new();
    };
    let Some(content) = body.get("content").and_then(Value::as_object) else {
        return Vec::new();
    };
    let (location, media) = if let Some(m) = content
        .iter()
        .find(|(k, _)| k.starts_with("application/json") || k.ends_with("+json"))
    {
        (ParamLocation::Json, m.1)
    } else if let Some(m) = content.get("application/x-www-form-urlencoded") {
        (ParamLocation::Form, m)
    } else {
        return Vec::new();
    };
    let example = media
        .get("example")
        .cloned()
        .or_else(|| first_example(media))
        .or_else(|| media.get("schema").and_then(|s| sample(doc, s, 0)));
    let Some(Value::Object(fields)) = example else {
        return Vec::new();
    };
    fields
        .into_iter()
        .map(|(name, v)| Param {
            name,
            value: scalar(&v),
            location,
            example: (location == ParamLocation::Json).then_some(v),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn operations_become_endpoints_with_example_values() {
        let doc = r##"{
          "openapi": "3.0.3",
          "servers": [{"url": "/api/v1"}],
          "components": {
            "parameters": {"Tenant": {"name": "X-Tenant", "in": "header", "schema": {"type": "string", "example": "acme"}}},
            "schemas": {"Greeting": {"type": "object", "properties": {"name": {"type": "string", "default": "ana"}, "count": {"type": "integer"}}}}
          },
          "paths": {
            "/products/{id}": {
              "parameters": [{"$ref": "#/components/parameters/Tenant"}],
              "get": {"parameters": [
                {"name": "id", "in": "path", "required": true, "schema": {"type": "integer", "example": 2}},
                {"name": "fields", "in": "query", "schema": {"type": "string", "enum": ["name", "price"]}},
                {"name": "session", "in": "cookie", "schema": {"type": "string"}}
              ]}
            },
            "/greeting": {"post": {"requestBody": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Greeting"}}}}}}
          }
        }"##;
        let target: Url = "http://127.0.0.1:9/shop/".parse().unwrap();
        let eps = endpoints(doc, &target).unwrap();
        assert_eq!(eps.len(), 2);
        let get = &eps[1];
        assert_eq!(
            get.url.as_str(),
            "http://127.0.0.1:9/api/v1/products/2?fields=name"
        );
        let names: Vec<(&str, ParamLocation)> = get
            .params
            .iter()
            .map(|p| (p.name.as_str(), p.location))
            .collect();
        assert_eq!(
            names,
            [
                ("X-Tenant", ParamLocation::Header),
                ("id", ParamLocation::Path),
                ("fields", ParamLocation::Query)
            ]
        );
        let r = get.request_with("id", "2 AND 1=1");
        assert_eq!(r.url.path(), "/api/v1/products/2%20AND%201%3D1");
        assert_eq!(r.headers, [("X-Tenant".to_string(), "acme".to_string())]);

        let post = &eps[0];
        assert_eq!(post.method, "POST");
        let r = post.request_with("name", "{{7*7}}");
        let body: Value = serde_json::from_str(r.json.as_deref().unwrap()).unwrap();
        assert_eq!(body, serde_json::json!({"name": "{{7*7}}", "count": 1}));
    }

    #[test]
    fn yaml_and_errors() {
        let target: Url = "http://h/".parse().unwrap();
        let yaml = "openapi: 3.1.0\npaths:\n  /ping:\n    get:\n      parameters:\n        - {name: q, in: query, schema: {type: string}}\n";
        let eps = endpoints(yaml, &target).unwrap();
        assert_eq!(eps[0].url.as_str(), "http://h/ping?q=steward");
        assert!(matches!(
            endpoints("swagger: '2.0'\npaths: {}\n", &target),
            Err(OpenApiError::Version(_))
        ));
        assert!(matches!(
            endpoints("{ not json", &target),
            Err(OpenApiError::Syntax(_))
        ));
        assert!(matches!(
            endpoints("openapi: 3.0.0\n", &target),
            Err(OpenApiError::NoPaths)
        ));
    }
}
