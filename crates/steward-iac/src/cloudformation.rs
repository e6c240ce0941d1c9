//! CloudFormation templates, YAML or JSON, to policy input: the template as written, with
//! the YAML short forms of intrinsic functions in their long (JSON) form, so a policy reads
//! one shape whichever way a template was written:
//!
//! ```text
//! !Ref Bucket               -> {"Ref": "Bucket"}
//! !GetAtt Db.Endpoint.Port  -> {"Fn::GetAtt": ["Db", "Endpoint.Port"]}
//! !Sub "arn:${AWS::Region}" -> {"Fn::Sub": "arn:${AWS::Region}"}
//! !If [c, a, b]             -> {"Fn::If": ["c", "a", "b"]}
//! ```
//!
//! Every key is located at its own line, and each resource's logical id is an alias of
//! `Resources.<id>`.

use serde_json::Value;
use steward_policy::{DocPath, SourceMap};

use crate::{ParseError, json, yaml};

/// The long form of a YAML short-form intrinsic function tag (`!Ref`, `!GetAtt`, ...).
pub fn intrinsic_name(tag: &str) -> Option<&'static str> {
    Some(match tag {
        "Ref" => "Ref",
        "Condition" => "Condition",
        "Base64" => "Fn::Base64",
        "Cidr" => "Fn::Cidr",
        "FindInMap" => "Fn::FindInMap",
        "GetAtt" => "Fn::GetAtt",
        "GetAZs" => "Fn::GetAZs",
        "ImportValue" => "Fn::ImportValue",
        "Join" => "Fn::Join",
        "Select" => "Fn::Select",
        "Split" => "Fn::Split",
        "Sub" => "Fn::Sub",
        "Transform" => "Fn::Transform",
        "And" => "Fn::And",
        "Equals" => "Fn::Equals",
        "If" => "Fn::If",
        "Not" => "Fn::Not",
        "Or" => "Fn::Or",
        "Length" => "Fn::Length",
        "ToJsonString" => "Fn::ToJsonString",
        "ForEach" => "Fn::ForEach",
        _ => return None,
    })
}

/// `value`, written under a short-form tag, in its long form `{name: value}`.
/// `!GetAtt Resource.Attribute` is split at its first dot, as CloudFormation does.
pub fn long_form(name: &str, value: Value) -> Value {
    let value = match (name, value) {
        ("Fn::GetAtt", Value::String(s)) => match s.split_once('.') {
            Some((resource, attribute)) => Value::Array(vec![
                Value::String(resource.to_string()),
                Value::String(attribute.to_string()),
            ]),
            None => Value::String(s),
        },
        (_, v) => v,
    };
    let mut obj = serde_json::Map::new();
    obj.insert(name.to_string(), value);
    Value::Object(obj)
}

/// Whether `text` may be a template (a cheap test before parsing): it declares
/// `AWSTemplateFormatVersion`, or has a `Resources` section and mentions an `AWS::` type.
/// In YAML both must be top-level keys, so a manifest or playbook that carries a template
/// in a string is not taken for one.
pub fn looks_like_cloudformation(text: &str) -> bool {
    let body = text.trim_start_matches('\u{feff}').trim_start();
    if body.starts_with('{') {
        return body.contains("\"AWSTemplateFormatVersion\"")
            || (body.contains("\"Resources\"") && body.contains("\"AWS::"));
    }
    let top_level = |key: &str| {
        text.lines().any(|l| {
            let l = l.strip_prefix(['"', '\'']).unwrap_or(l);
            l.strip_prefix(key).is_some_and(|rest| {
                let rest = rest.strip_prefix(['"', '\'']).unwrap_or(rest);
                rest.trim_start().starts_with(':')
            })
        })
    };
    top_level("AWSTemplateFormatVersion") || (text.contains("AWS::") && top_level("Resources"))
}

/// Whether a parsed document is a template: it declares `AWSTemplateFormatVersion`, or its
/// `Resources` map holds resources typed `AWS::...` (SAM's `AWS::Serverless::...` too).
pub fn is_template(value: &Value) -> bool {
    if value.get("AWSTemplateFormatVersion").is_some() {
        return true;
    }
    value
        .get("Resources")
        .and_then(Value::as_object)
        .is_some_and(|resources| {
            resources.values().any(|r| {
                r.get("Type")
                    .and_then(Value::as_str)
                    .is_some_and(|t| t.starts_with("AWS::"))
            })
        })
}

/// A parsed template.
pub struct Template {
    /// The policy input.
    pub value: Value,
    /// Where each value was written.
    pub map: SourceMap,
}

/// Parse a template. `Ok(None)` when the file parses but is not a template (a YAML file
/// that mentions `Resources` and `AWS::` for another reason).
pub fn parse(text: &str) -> Result<Option<Template>, ParseError> {
    let (value, mut map) = if text
        .trim_start_matches('\u{feff}')
        .trim_start()
        .starts_with('{')
    {
        json::parse(text)?
    } else {
        let (docs, err) = yaml::parse_stream_with(text, yaml::Schema::CloudFormation);
        if let Some(e) = err {
            return Err(e);
        }
        match docs.into_iter().next() {
            Some(d) => (d.value, d.map),
            None => return Ok(None),
        }
    };
    if !is_template(&value) {
        return Ok(None);
    }
    if let Some(resources) = value.get("Resources").and_then(Value::as_object) {
        for id in resources.keys() {
            map.alias(id.clone(), DocPath::root().key("Resources").key(id));
        }
    }
    Ok(Some(Template { value, map }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;
    use steward_policy::Position;

    const YAML: &str = r#"AWSTemplateFormatVersion: "2010-09-09"
Conditions:
  IsProd: !Equals [!Ref Env, prod]
Resources:
  Bucket:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: !Sub "${AWS::StackName}-logs"
      AccessControl: PublicRead
      Tags:
        - Key: arn
          Value: !GetAtt Key.Arn
        - Key: port
          Value: !GetAtt Db.Endpoint.Port
  Policy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: !Ref Bucket
      PolicyDocument:
        Statement:
          - Effect: !If [IsProd, Deny, Allow]
            Resource: !Join ["", [!GetAtt Bucket.Arn, "/*"]]
            Principal: !Base64
              Fn::Select: [0, !FindInMap [M, K, V]]
"#;

    #[test]
    fn short_tags_read_as_long_forms_with_positions() {
        let t = parse(YAML).unwrap().unwrap();
        let v = &t.value;
        assert_eq!(
            v["Conditions"]["IsProd"],
            json!({"Fn::Equals": [{"Ref": "Env"}, "prod"]})
        );
        let b = &v["Resources"]["Bucket"]["Properties"];
        assert_eq!(
            b["BucketName"],
            json!({"Fn::Sub": "${AWS::StackName}-logs"})
        );
        assert_eq!(b["Tags"][0]["Value"], json!({"Fn::GetAtt": ["Key", "Arn"]}));
        assert_eq!(
            b["Tags"][1]["Value"],
            json!({"Fn::GetAtt": ["Db", "Endpoint.Port"]})
        );
        let s = &v["Resources"]["Policy"]["Properties"]["PolicyDocument"]["Statement"][0];
        assert_eq!(s["Effect"], json!({"Fn::If": ["IsProd", "Deny", "Allow"]}));
        assert_eq!(
            s["Resource"],
            json!({"Fn::Join": ["", [{"Fn::GetAtt": ["Bucket", "Arn"]}, "/*"]]})
        );
        assert_eq!(
            s["Principal"],
            json!({"Fn::Base64": {"Fn::Select": [0, {"Fn::FindInMap": ["M", "K", "V"]}]}})
        );
        let acl = DocPath::parse("Resources.Bucket.Properties.AccessControl");
        assert_eq!(t.map.locate(&acl), Some(Position { line: 9, column: 7 }));
        let inner = DocPath::parse("Resources.Policy.Properties.PolicyDocument.Statement[0]")
            .key("Resource")
            .key("Fn::Join")
            .index(1)
            .index(0);
        assert_eq!(t.map.locate(&inner).unwrap().line, 22);
        assert_eq!(
            t.map.resolve_alias("Policy"),
            Some(&DocPath::parse("Resources.Policy"))
        );
    }

    #[test]
    fn json_templates_and_files_that_are_not_templates() {
        let text = "{\n  \"Resources\": {\n    \"Q\": {\n      \"Type\": \"AWS::SQS::Queue\",\n      \"Properties\": {\"KmsMasterKeyId\": {\"Ref\": \"K\"}}\n    }\n  }\n}\n";
        let t = parse(text).unwrap().unwrap();
        assert_eq!(
            t.value["Resources"]["Q"]["Properties"]["KmsMasterKeyId"],
            json!({"Ref": "K"})
        );
        let p = DocPath::parse("Resources.Q.Properties.KmsMasterKeyId");
        assert_eq!(t.map.locate(&p).unwrap().line, 5);
        assert!(parse("Resources:\n  a: AWS::nothing\n").unwrap().is_none());
        assert!(parse("name: x\n").unwrap().is_none());
    }

    #[test]
    fn templates_are_told_from_other_yaml_and_json() {
        for (text, want) in [
            ("AWSTemplateFormatVersion: '2010-09-09'\n", true),
            ("\"AWSTemplateFormatVersion\": x\n", true),
            ("Resources:\n  B:\n    Type: AWS::S3::Bucket\n", true),
            (
                "{\"Resources\": {\"B\": {\"Type\": \"AWS::S3::Bucket\"}}}",
                true,
            ),
            (
                "apiVersion: v1\nkind: ConfigMap\ndata:\n  t: |\n    Resources:\n      B: AWS::S3::Bucket\n",
                false,
            ),
            (
                "- hosts: all\n  tasks:\n    - cloudformation:\n        template_body: \"Resources: AWS::X\"\n",
                false,
            ),
            ("{\"name\": \"pkg\", \"dependencies\": {}}", false),
        ] {
            assert_eq!(looks_like_cloudformation(text), want, "{text}");
        }
    }

    #[test]
    fn broken_templates_report_their_line() {
        let e = parse("Resources:\n  B:\n    Type: AWS::S3::Bucket\n    Properties: [\n")
            .err()
            .unwrap();
        assert!(e.line >= 4, "{e:?}");
        let e = parse("{\n  \"Resources\": {\n    \"B\": {\"Type\": }\n  }\n}\n")
            .err()
            .unwrap();
        assert_eq!(e.line, 3);
    }
}
