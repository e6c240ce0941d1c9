//! `controls diff`: what differs between the observed control state of two environments or
//! hosts, as [`super::state`] recorded it. Every difference is listed: a control that passes
//! in one and fails in the other, one checked in only one of them, and every observed value
//! that differs (an extra listening address, another sshd setting, a file's other hash).

use serde::Serialize;
use serde_json::Value;

/// One difference.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Difference {
    pub control: String,
    /// Where in the observed state: `outcome`, `observed.keys.PermitRootLogin`, ...
    pub path: String,
    /// The value in the first environment (`null` when absent there).
    pub a: Value,
    pub b: Value,
}

/// Compare two states ([`super::state`] documents); differences in control order.
pub fn compare(a: &Value, b: &Value) -> Vec<Difference> {
    let empty = serde_json::Map::new();
    let ca = a["controls"].as_object().unwrap_or(&empty);
    let cb = b["controls"].as_object().unwrap_or(&empty);
    let mut ids: Vec<&String> = ca.keys().chain(cb.keys()).collect();
    ids.sort();
    ids.dedup();
    let mut out = Vec::new();
    for id in ids {
        match (ca.get(id), cb.get(id)) {
            (Some(x), Some(y)) => {
                if x["outcome"] != y["outcome"] {
                    out.push(Difference {
                        control: id.clone(),
                        path: "outcome".into(),
                        a: x["outcome"].clone(),
                        b: y["outcome"].clone(),
                    });
                }
                values(id, "observed", &x["observed"], &y["observed"], &mut out);
            }
            (x, y) => out.push(Difference {
                control: id.clone(),
                path: "checked".into(),
                a: x.map_or(Value::Null, |v| v["outcome"].clone()),
                b: y.map_or(Value::Null, |v| v["outcome"].clone()),
            }),
        }
    }
    out
}

fn values(id: &str, path: &str, a: &Value, b: &Value, out: &mut Vec<Difference>) {
    if a == b {
        return;
    }
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            let mut keys: Vec<&String> = x.keys().chain(y.keys()).collect();
            keys.sort();
            keys.dedup();
            for k in keys {
                values(
                    id,
                    &format!("{path}.{k}"),
                    x.get(k).unwrap_or(&Value::Null),
                    y.get(k).unwrap_or(&Value::Null),
                    out,
                );
            }
        }
        // Lists of strings (listening addresses, world-writable paths, cron entries): say
        // which items are only on one side rather than that the lists differ.
        (Value::Array(x), Value::Array(y)) if x.iter().chain(y).all(Value::is_string) => {
            let only_a: Vec<Value> = x.iter().filter(|v| !y.contains(v)).cloned().collect();
            let only_b: Vec<Value> = y.iter().filter(|v| !x.contains(v)).cloned().collect();
            out.push(Difference {
                control: id.to_string(),
                path: path.to_string(),
                a: Value::Array(only_a),
                b: Value::Array(only_b),
            });
        }
        _ => out.push(Difference {
            control: id.to_string(),
            path: path.to_string(),
            a: a.clone(),
            b: b.clone(),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn lists_every_difference() {
        let a = json!({"controls": {
            "ssh": {"outcome": "pass", "observed": {"keys": {"PermitRootLogin": "no"}}},
            "ports": {"outcome": "pass", "observed": {"listening": ["0.0.0.0:22"]}},
            "same": {"outcome": "pass", "observed": {"x": 1}},
            "only-a": {"outcome": "pass", "observed": null},
        }});
        let b = json!({"controls": {
            "ssh": {"outcome": "fail", "observed": {"keys": {"PermitRootLogin": "yes"}}},
            "ports": {"outcome": "pass", "observed": {"listening": ["0.0.0.0:22", "0.0.0.0:4444"]}},
            "same": {"outcome": "pass", "observed": {"x": 1}},
        }});
        let d = compare(&a, &b);
        let paths: Vec<(&str, &str)> = d
            .iter()
            .map(|d| (d.control.as_str(), d.path.as_str()))
            .collect();
        assert_eq!(
            paths,
            [
                ("only-a", "checked"),
                ("ports", "observed.listening"),
                ("ssh", "outcome"),
                ("ssh", "observed.keys.PermitRootLogin"),
            ]
        );
        assert_eq!(d[1].b, json!(["0.0.0.0:4444"]));
        assert!(compare(&a, &a).is_empty());
    }
}
