//! Terraform plan JSON (`terraform show -json PLAN`) to the same policy input as HCL, so
//! every Terraform policy also checks what a plan will create, with the values Terraform
//! resolved (variables, `.tfvars`, module inputs).
//!
//! Each planned resource becomes `resource.<type>.<key>` (data sources `data.<type>.<key>`)
//! whose body is the resource's planned `values`, where `key` is the resource name with
//! its index (`logs`, `logs[0]`, `logs["eu"]`), prefixed by its module address for
//! resources of child modules (`module.storage.logs`). Unset attributes (`null`) and empty
//! block lists are left out, as they are absent from HCL. Values Terraform only knows after
//! apply (an id of a resource being created) are absent from the plan's values; where the
//! configuration says what they refer to, they read as HCL references read
//! (`${aws_s3_bucket.logs.id}`), so a public access block still names its bucket. Every
//! value is located at its own line of the plan file. A state file (`terraform show -json`
//! without a plan, `values` instead of `planned_values`) reads the same way.

use serde_json::{Map, Value};
use steward_policy::{DocPath, SourceMap};

use crate::{ParseError, json};

/// Whether `text` looks like Terraform's JSON plan or state output (a cheap test on the
/// text before parsing it).
pub fn looks_like_plan(text: &str) -> bool {
    text.contains("\"format_version\"")
        && (text.contains("\"planned_values\"")
            || text.contains("\"resource_changes\"")
            || (text.contains("\"terraform_version\"") && text.contains("\"values\"")))
}

/// The policy input of a plan, `Ok(None)` when the JSON is not a plan after all.
pub fn parse(text: &str) -> Result<Option<(Value, SourceMap)>, ParseError> {
    let (raw, raw_map) = json::parse(text)?;
    if raw.get("format_version").is_none() {
        return Ok(None);
    }
    let mut out = Planned {
        raw_map: &raw_map,
        doc: Map::new(),
        map: SourceMap::new(),
    };
    let config = raw
        .pointer("/configuration/root_module")
        .map(|c| (c, DocPath::root().key("configuration").key("root_module")));
    let config = config.as_ref().map(|(c, p)| (*c, p));
    let root = DocPath::root();
    if let Some(module) = raw.pointer("/planned_values/root_module") {
        out.module(
            module,
            &root.key("planned_values").key("root_module"),
            config,
        );
    } else if let Some(changes) = raw.get("resource_changes").and_then(Value::as_array) {
        out.changes(changes, &root.key("resource_changes"), config);
    } else if let Some(module) = raw.pointer("/values/root_module") {
        out.module(module, &root.key("values").key("root_module"), config);
    } else {
        return Ok(None);
    }
    Ok(Some((Value::Object(out.doc), out.map)))
}

struct Planned<'a> {
    raw_map: &'a SourceMap,
    doc: Map<String, Value>,
    map: SourceMap,
}

/// A module's configuration and its path in the plan file.
type Config<'v, 'p> = Option<(&'v Value, &'p DocPath)>;

/// The fields a resource is told by, in planned values and in resource changes alike.
struct Resource<'v> {
    address: &'v str,
    section: &'static str,
    kind: &'v str,
    key: String,
}

impl<'v> Resource<'v> {
    fn of(r: &'v Value) -> Option<Self> {
        let address = r.get("address")?.as_str()?;
        let kind = r.get("type")?.as_str()?;
        let name = r.get("name")?.as_str()?;
        let section = match r.get("mode").and_then(Value::as_str) {
            Some("data") => "data",
            _ => "resource",
        };
        let index = match r.get("index") {
            Some(Value::Number(n)) => format!("[{n}]"),
            Some(Value::String(s)) => format!("[{}]", Value::String(s.clone())),
            _ => String::new(),
        };
        let module = r.get("module_address").and_then(Value::as_str).or_else(|| {
            // Planned values carry no module address; the resource's own address does.
            let local = format!(
                "{}{kind}.{name}",
                if section == "data" { "data." } else { "" }
            );
            address
                .find(&local)
                .filter(|&at| at > 0)
                .map(|at| address[..at].trim_end_matches('.'))
        });
        let key = match module {
            Some(m) => format!("{m}.{name}{index}"),
            None => format!("{name}{index}"),
        };
        Some(Resource {
            address,
            section,
            kind,
            key,
        })
    }
}

impl Planned<'_> {
    fn module(&mut self, module: &Value, raw: &DocPath, config: Config<'_, '_>) {
        if let Some(resources) = module.get("resources").and_then(Value::as_array) {
            for (i, r) in resources.iter().enumerate() {
                let Some(values) = r.get("values") else {
                    continue;
                };
                let raw_r = raw.key("resources").index(i);
                self.resource(r, values, &raw_r, &raw_r.key("values"), config);
            }
        }
        if let Some(children) = module.get("child_modules").and_then(Value::as_array) {
            for (i, child) in children.iter().enumerate() {
                let child_config = child
                    .get("address")
                    .and_then(Value::as_str)
                    .and_then(|a| module_config(config, a));
                let child_config = child_config.as_ref().map(|(c, p)| (*c, p));
                self.module(child, &raw.key("child_modules").index(i), child_config);
            }
        }
    }

    fn changes(&mut self, changes: &[Value], raw: &DocPath, config: Config<'_, '_>) {
        for (i, c) in changes.iter().enumerate() {
            let deleted = c
                .pointer("/change/actions")
                .and_then(Value::as_array)
                .is_some_and(|a| a.len() == 1 && a[0] == "delete");
            let Some(after) = c.pointer("/change/after").filter(|a| a.is_object()) else {
                continue;
            };
            if deleted {
                continue;
            }
            let owned = c
                .get("module_address")
                .and_then(Value::as_str)
                .map(|a| module_config(config, a));
            let module_config = match &owned {
                Some(found) => found.as_ref().map(|(c, p)| (*c, p)),
                None => config,
            };
            let raw_c = raw.index(i);
            let raw_values = raw_c.key("change").key("after");
            self.resource(c, after, &raw_c, &raw_values, module_config);
        }
    }

    fn resource(
        &mut self,
        r: &Value,
        values: &Value,
        raw_resource: &DocPath,
        raw_values: &DocPath,
        module_config: Config<'_, '_>,
    ) {
        let Some(res) = Resource::of(r) else { return };
        let path = DocPath::root().key(res.section).key(res.kind).key(&res.key);
        if let Some(pos) = self.raw_map.locate(raw_resource) {
            self.map.insert(path.clone(), pos);
        }
        self.map.alias(res.address, path.clone());
        let mut body = self.copy(values, raw_values, &path);
        // What the plan cannot know yet, the configuration names.
        if let Some((cfg, cfg_path)) = config_resource(module_config, r)
            && let (Some(exprs), Value::Object(_)) = (cfg.get("expressions"), &body)
        {
            self.fill(&mut body, exprs, &cfg_path, &path);
            let sensitive = r
                .get("sensitive_values")
                .or_else(|| r.pointer("/change/after_sensitive"));
            mask_sensitive_references(&mut body, sensitive, exprs);
        }
        let section = self
            .doc
            .entry(res.section)
            .or_insert_with(|| Value::Object(Map::new()));
        if let Some(types) = section.as_object_mut() {
            let of_type = types
                .entry(res.kind.to_string())
                .or_insert_with(|| Value::Object(Map::new()));
            if let Some(o) = of_type.as_object_mut() {
                o.insert(res.key, body);
            }
        }
    }

    /// `value` without nulls and empty lists, its positions moved from `raw` to `path`.
    fn copy(&mut self, value: &Value, raw: &DocPath, path: &DocPath) -> Value {
        if let Some(pos) = self.raw_map.locate(raw) {
            self.map.insert(path.clone(), pos);
        }
        match value {
            Value::Object(o) => {
                let mut out = Map::new();
                for (k, v) in o {
                    if v.is_null() || v.as_array().is_some_and(Vec::is_empty) {
                        continue;
                    }
                    out.insert(k.clone(), self.copy(v, &raw.key(k), &path.key(k)));
                }
                Value::Object(out)
            }
            Value::Array(items) => Value::Array(
                items
                    .iter()
                    .enumerate()
                    .map(|(i, v)| self.copy(v, &raw.index(i), &path.index(i)))
                    .collect(),
            ),
            other => other.clone(),
        }
    }

    /// Attributes absent from the planned values that the configuration sets by reference
    /// become `${reference}`, as in HCL; nested blocks are filled element by element.
    fn fill(&mut self, body: &mut Value, exprs: &Value, raw: &DocPath, path: &DocPath) {
        let (Some(obj), Some(exprs)) = (body.as_object_mut(), exprs.as_object()) else {
            return;
        };
        for (k, e) in exprs {
            match (obj.get_mut(k), e) {
                (None, Value::Object(expr)) => {
                    let Some(first) = expr
                        .get("references")
                        .and_then(Value::as_array)
                        .and_then(|refs| refs.first())
                        .and_then(Value::as_str)
                    else {
                        continue;
                    };
                    if let Some(pos) = self.raw_map.locate(&raw.key(k)) {
                        self.map.insert(path.key(k), pos);
                    }
                    obj.insert(k.clone(), Value::String(format!("${{{first}}}")));
                }
                (Some(Value::Array(blocks)), Value::Array(block_exprs)) => {
                    for (i, (b, be)) in blocks.iter_mut().zip(block_exprs).enumerate() {
                        self.fill(b, be, &raw.key(k).index(i), &path.key(k).index(i));
                    }
                }
                _ => {}
            }
        }
    }
}

/// A sensitive value (a password) that the configuration takes from a reference (a
/// variable, a generated secret) reads as that reference, as in HCL: the plan holds the
/// resolved secret, which must not pass for one written into the code.
fn mask_sensitive_references(body: &mut Value, sensitive: Option<&Value>, exprs: &Value) {
    let (Some(obj), Some(sensitive)) = (body.as_object_mut(), sensitive.and_then(Value::as_object))
    else {
        return;
    };
    for (k, marked) in sensitive {
        if marked != &Value::Bool(true) {
            continue;
        }
        let reference = exprs
            .get(k)
            .and_then(|e| e.get("references"))
            .and_then(Value::as_array)
            .and_then(|refs| refs.first())
            .and_then(Value::as_str);
        if let (Some(slot), Some(reference)) = (obj.get_mut(k), reference) {
            *slot = Value::String(format!("${{{reference}}}"));
        }
    }
}

/// The configuration of the module at `address` (`module.a`, `module.a[0].module.b`).
fn module_config<'v>(root: Config<'v, '_>, address: &str) -> Option<(&'v Value, DocPath)> {
    let (mut cur, path) = root?;
    let mut path = path.clone();
    for part in address.split("module.").filter(|p| !p.is_empty()) {
        let name = part.trim_end_matches('.');
        let name = name.split('[').next().unwrap_or(name);
        cur = cur.get("module_calls")?.get(name)?.get("module")?;
        path = path.key("module_calls").key(name).key("module");
    }
    Some((cur, path))
}

/// The configuration block of planned resource `r` within its module's configuration, and
/// its path in the plan file.
fn config_resource<'v>(module: Config<'v, '_>, r: &Value) -> Option<(&'v Value, DocPath)> {
    let (module, module_path) = module?;
    let resources = module.get("resources")?.as_array()?;
    let field = |v: &Value, k: &str| v.get(k).and_then(Value::as_str).map(str::to_string);
    let want = (field(r, "mode"), field(r, "type"), field(r, "name"));
    let (i, cfg) = resources
        .iter()
        .enumerate()
        .find(|(_, c)| (field(c, "mode"), field(c, "type"), field(c, "name")) == want)?;
    let path = module_path.key("resources").index(i).key("expressions");
    Some((cfg, path))
}

#[cfg(test)]
mod tests {
    use super::*;

    const PLAN: &str = r#"{
  "format_version": "1.2",
  "terraform_version": "1.7.5",
  "planned_values": {
    "root_module": {
      "resources": [
        {
          "address": "aws_s3_bucket.logs",
          "mode": "managed",
          "type": "aws_s3_bucket",
          "name": "logs",
          "values": {
            "bucket": "acme-logs",
            "acl": "public-read",
            "policy": null,
            "versioning": [],
            "tags": {"team": "ops"}
          }
        },
        {
          "address": "aws_s3_bucket_public_access_block.logs",
          "mode": "managed",
          "type": "aws_s3_bucket_public_access_block",
          "name": "logs",
          "values": {"block_public_acls": true}
        }
      ],
      "child_modules": [
        {
          "address": "module.db",
          "resources": [
            {
              "address": "module.db.aws_db_instance.main[0]",
              "mode": "managed",
              "type": "aws_db_instance",
              "name": "main",
              "index": 0,
              "values": {"publicly_accessible": true}
            }
          ]
        }
      ]
    }
  },
  "configuration": {
    "root_module": {
      "resources": [
        {
          "address": "aws_s3_bucket_public_access_block.logs",
          "mode": "managed",
          "type": "aws_s3_bucket_public_access_block",
          "name": "logs",
          "expressions": {
            "bucket": {"references": ["aws_s3_bucket.logs.id", "aws_s3_bucket.logs"]},
            "block_public_acls": {"constant_value": true}
          }
        }
      ]
    }
  }
}
"#;

    #[test]
    fn planned_resources_read_like_hcl_and_keep_their_lines() {
        assert!(looks_like_plan(PLAN));
        let (doc, map) = parse(PLAN).unwrap().unwrap();
        let b = &doc["resource"]["aws_s3_bucket"]["logs"];
        assert_eq!(b["acl"], "public-read");
        assert!(b.get("policy").is_none() && b.get("versioning").is_none());
        assert_eq!(
            doc["resource"]["aws_s3_bucket_public_access_block"]["logs"]["bucket"],
            "${aws_s3_bucket.logs.id}"
        );
        assert_eq!(
            doc["resource"]["aws_db_instance"]["module.db.main[0]"]["publicly_accessible"],
            true
        );
        let acl = DocPath::parse("resource.aws_s3_bucket.logs.acl");
        assert_eq!(map.locate(&acl).unwrap().line, 14);
        let bucket_ref = DocPath::root()
            .key("resource")
            .key("aws_s3_bucket_public_access_block")
            .key("logs")
            .key("bucket");
        let ref_line = PLAN
            .lines()
            .position(|l| l.contains("\"bucket\": {\"references\""))
            .unwrap() as u32
            + 1;
        assert_eq!(map.locate(&bucket_ref).unwrap().line, ref_line);
        assert_eq!(
            map.resolve_alias("module.db.aws_db_instance.main[0]"),
            Some(
                &DocPath::root()
                    .key("resource")
                    .key("aws_db_instance")
                    .key("module.db.main[0]")
            )
        );
    }

    #[test]
    fn json_that_is_not_a_plan_is_not_one() {
        assert!(!looks_like_plan(r#"{"name": "pkg", "version": "1.0.0"}"#));
        assert!(parse(r#"{"planned_values": {}}"#).unwrap().is_none());
        assert!(parse("{\"format_version\": \"1.2\",\n").is_err());
    }
}
