//! Reading settings out of configuration files (sshd_config, `key = value`, INI, YAML,
//! JSON), and comparing what is set with what a control expects.

use std::collections::BTreeMap;

use steward_core::manifest::{ConfigFormat, Expected};

use super::reader::{FileKind, ReadError, StateReader};

/// A setting's value as found, with the file and line it came from.
#[derive(Debug, Clone, PartialEq)]
pub struct Setting {
    pub value: String,
    pub file: String,
    pub line: usize,
}

/// sshd's compiled-in defaults (OpenSSH 9) for the settings hardening guides check, so an
/// unset keyword is judged by what sshd will actually do.
const SSHD_DEFAULTS: &[(&str, &str)] = &[
    ("permitrootlogin", "prohibit-password"),
    ("passwordauthentication", "yes"),
    ("permitemptypasswords", "no"),
    ("pubkeyauthentication", "yes"),
    ("kbdinteractiveauthentication", "yes"),
    ("hostbasedauthentication", "no"),
    ("ignorerhosts", "yes"),
    ("permituserenvironment", "no"),
    ("x11forwarding", "no"),
    ("allowtcpforwarding", "yes"),
    ("allowagentforwarding", "yes"),
    ("maxauthtries", "6"),
    ("maxsessions", "10"),
    ("logingracetime", "120"),
    ("clientaliveinterval", "0"),
    ("clientalivecountmax", "3"),
    ("loglevel", "INFO"),
    ("usepam", "no"),
    ("strictmodes", "yes"),
];

/// The default sshd applies for `keyword`, if steward knows it.
pub fn sshd_default(keyword: &str) -> Option<&'static str> {
    let k = keyword.to_ascii_lowercase();
    SSHD_DEFAULTS.iter().find(|(n, _)| *n == k).map(|(_, v)| *v)
}

/// Settings of one file (and what it includes), keyed as the control names them: lower
/// case for sshd, as written otherwise.
pub fn parse(
    reader: &dyn StateReader,
    path: &str,
    text: &str,
    format: ConfigFormat,
) -> Result<BTreeMap<String, Setting>, String> {
    match format {
        ConfigFormat::Sshd => {
            let mut out = BTreeMap::new();
            sshd(reader, path, text, &mut out, 0).map_err(|e| e.to_string())?;
            Ok(out)
        }
        ConfigFormat::Keyvalue => Ok(keyvalue(path, text)),
        ConfigFormat::Ini => Ok(ini(path, text)),
        ConfigFormat::Yaml => {
            let v: serde_json::Value = serde_saphyr::from_str(text)
                .map_err(|e| format!("{path} is not valid YAML: {e}"))?;
            let mut out = BTreeMap::new();
            flatten(path, "", &v, &mut out);
            Ok(out)
        }
        ConfigFormat::Json => {
            let v: serde_json::Value =
                serde_json::from_str(text).map_err(|e| format!("{path} is not valid JSON: {e}"))?;
            let mut out = BTreeMap::new();
            flatten(path, "", &v, &mut out);
            Ok(out)
        }
    }
}

/// How deep `Include` may nest (sshd's own limit is 16).
const MAX_INCLUDE_DEPTH: usize = 16;

fn sshd(
    reader: &dyn StateReader,
    path: &str,
    text: &str,
    out: &mut BTreeMap<String, Setting>,
    depth: usize,
) -> Result<(), ReadError> {
    for (i, raw) in text.lines().enumerate() {
        let line = raw.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let (key, value) = split_keyword(line);
        let key = key.to_ascii_lowercase();
        if key == "match" {
            // Settings after Match apply only to some connections; the global value is what
            // came before.
            break;
        }
        if key == "include" {
            if depth >= MAX_INCLUDE_DEPTH {
                return Err(ReadError::new(path, "Include nested too deeply"));
            }
            for pattern in value.split_whitespace() {
                let pattern = if pattern.starts_with('/') {
                    pattern.to_string()
                } else {
                    format!("/etc/ssh/{pattern}")
                };
                for file in glob(reader, &pattern)? {
                    if let Some(bytes) = reader.read(&file)? {
                        sshd(
                            reader,
                            &file,
                            &String::from_utf8_lossy(&bytes),
                            out,
                            depth + 1,
                        )?;
                    }
                }
            }
            continue;
        }
        // The first value sshd reads is the one it keeps.
        out.entry(key).or_insert_with(|| Setting {
            value: unquote(value).to_string(),
            file: path.to_string(),
            line: i + 1,
        });
    }
    Ok(())
}

fn split_keyword(line: &str) -> (&str, &str) {
    let end = line
        .find(|c: char| c.is_whitespace() || c == '=')
        .unwrap_or(line.len());
    let key = &line[..end];
    let rest = line[end..].trim_start();
    let rest = rest.strip_prefix('=').unwrap_or(rest).trim();
    (key, rest)
}

fn unquote(v: &str) -> &str {
    v.strip_prefix('"')
        .and_then(|s| s.strip_suffix('"'))
        .unwrap_or(v)
}

/// Expand a glob with `*` and `?` in its last component (what sshd_config and sysctl.d use),
/// in lexical order.
pub fn glob(reader: &dyn StateReader, pattern: &str) -> Result<Vec<String>, ReadError> {
    let Some((dir, name)) = pattern.rsplit_once('/') else {
        return Ok(Vec::new());
    };
    if !name.contains(['*', '?']) {
        return Ok(vec![pattern.to_string()]);
    }
    let dir = if dir.is_empty() { "/" } else { dir };
    let Some(entries) = reader.list(dir)? else {
        return Ok(Vec::new());
    };
    Ok(entries
        .into_iter()
        .filter(|(n, k)| *k != FileKind::Dir && wildcard(name, n))
        .map(|(n, _)| format!("{}/{n}", dir.trim_end_matches('/')))
        .collect())
}

/// Shell-style match of `*` and `?`.
pub fn wildcard(pattern: &str, name: &str) -> bool {
    let p: Vec<char> = pattern.chars().collect();
    let n: Vec<char> = name.chars().collect();
    let (mut pi, mut ni, mut star, mut mark) = (0, 0, None, 0);
    while ni < n.len() {
        if pi < p.len() && (p[pi] == '?' || p[pi] == n[ni]) {
            pi += 1;
            ni += 1;
        } else if pi < p.len() && p[pi] == '*' {
            star = Some(pi);
            mark = ni;
            pi += 1;
        } else if let Some(s) = star {
            pi = s + 1;
            mark += 1;
            ni = mark;
        } else {
            return false;
        }
    }
    while pi < p.len() && p[pi] == '*' {
        pi += 1;
    }
    pi == p.len()
}

/// `key = value` or `key value` lines; `#` and `;` start comments; the last value wins.
pub fn keyvalue(path: &str, text: &str) -> BTreeMap<String, Setting> {
    let mut out = BTreeMap::new();
    for (i, raw) in text.lines().enumerate() {
        let line = raw.trim();
        if line.is_empty() || line.starts_with('#') || line.starts_with(';') {
            continue;
        }
        let (key, value) = split_keyword(line);
        out.insert(
            key.to_string(),
            Setting {
                value: unquote(value).to_string(),
                file: path.to_string(),
                line: i + 1,
            },
        );
    }
    out
}

fn ini(path: &str, text: &str) -> BTreeMap<String, Setting> {
    let mut out = BTreeMap::new();
    let mut section = String::new();
    for (i, raw) in text.lines().enumerate() {
        let line = raw.trim();
        if line.is_empty() || line.starts_with('#') || line.starts_with(';') {
            continue;
        }
        if let Some(s) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            section = s.trim().to_string();
            continue;
        }
        let Some(eq) = line.find(['=', ':']) else {
            continue;
        };
        let key = line[..eq].trim();
        let value = unquote(line[eq + 1..].trim());
        let full = if section.is_empty() {
            key.to_string()
        } else {
            format!("{section}.{key}")
        };
        out.insert(
            full,
            Setting {
                value: value.to_string(),
                file: path.to_string(),
                line: i + 1,
            },
        );
    }
    out
}

fn flatten(path: &str, prefix: &str, v: &serde_json::Value, out: &mut BTreeMap<String, Setting>) {
    let join = |k: &str| {
        if prefix.is_empty() {
            k.to_string()
        } else {
            format!("{prefix}.{k}")
        }
    };
    match v {
        serde_json::Value::Object(m) => {
            for (k, v) in m {
                flatten(path, &join(k), v, out);
            }
        }
        serde_json::Value::Array(a) => {
            for (i, v) in a.iter().enumerate() {
                flatten(path, &join(&i.to_string()), v, out);
            }
        }
        other => {
            let value = match other {
                serde_json::Value::String(s) => s.clone(),
                x => x.to_string(),
            };
            out.insert(
                prefix.to_string(),
                Setting {
                    value,
                    file: path.to_string(),
                    line: 0,
                },
            );
        }
    }
}

/// Whether `actual` satisfies `expected`. `ignore_case` for sshd, whose values are
/// case-insensitive keywords. Booleans accept `yes`/`no`, `on`/`off` and `1`/`0` as well.
pub fn satisfies(actual: &str, expected: &Expected, ignore_case: bool) -> bool {
    let actual = actual.trim();
    let eq = |a: &str, b: &str| {
        if ignore_case {
            a.eq_ignore_ascii_case(b)
        } else {
            a == b
        }
    };
    match expected {
        Expected::Bool(b) => {
            let truthy = ["true", "yes", "on", "1"];
            let falsy = ["false", "no", "off", "0"];
            let set = if *b { truthy } else { falsy };
            set.iter().any(|s| actual.eq_ignore_ascii_case(s))
        }
        Expected::Int(i) => actual.parse::<f64>().is_ok_and(|a| a == *i as f64),
        Expected::Float(x) => actual.parse::<f64>().is_ok_and(|a| a == *x),
        Expected::Str(s) => {
            if let Some(re) = s.strip_prefix('~') {
                return regex::Regex::new(re).is_ok_and(|r| r.is_match(actual));
            }
            for op in ["<=", ">=", "!=", "<", ">", "="] {
                if let Some(rest) = s.strip_prefix(op) {
                    let rest = rest.trim();
                    if op == "!=" {
                        return !eq(actual, rest);
                    }
                    if op == "=" {
                        return eq(actual, rest);
                    }
                    let (Ok(a), Ok(b)) = (actual.parse::<f64>(), rest.parse::<f64>()) else {
                        return false;
                    };
                    return match op {
                        "<=" => a <= b,
                        ">=" => a >= b,
                        "<" => a < b,
                        _ => a > b,
                    };
                }
            }
            // Whitespace runs are one separator (sysctl prints tabs, configs use spaces).
            let norm = |x: &str| x.split_whitespace().collect::<Vec<_>>().join(" ");
            eq(&norm(actual), &norm(s))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comparisons() {
        assert!(satisfies("no", &Expected::Str("no".into()), true));
        assert!(satisfies("No", &Expected::Str("no".into()), true));
        assert!(!satisfies("No", &Expected::Str("no".into()), false));
        assert!(satisfies("3", &Expected::Str("<= 4".into()), false));
        assert!(!satisfies("6", &Expected::Str("<= 4".into()), false));
        assert!(!satisfies("many", &Expected::Str("<= 4".into()), false));
        assert!(satisfies("yes", &Expected::Bool(true), false));
        assert!(satisfies("2", &Expected::Int(2), false));
        assert!(satisfies(
            "4096\t65535",
            &Expected::Str("4096 65535".into()),
            false
        ));
        assert!(satisfies(
            "sha512",
            &Expected::Str("~^(sha512|yescrypt)$".into()),
            false
        ));
        assert!(satisfies("yes", &Expected::Str("!= no".into()), true));
    }

    #[test]
    fn sshd_follows_includes_keeps_the_first_value_and_stops_at_match() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("etc/ssh/sshd_config.d")).unwrap();
        std::fs::write(
            root.join("etc/ssh/sshd_config.d/10-a.conf"),
            "PasswordAuthentication no\n",
        )
        .unwrap();
        std::fs::write(
            root.join("etc/ssh/sshd_config.d/20-b.conf"),
            "X11Forwarding yes\n",
        )
        .unwrap();
        let text = "Include sshd_config.d/*.conf\nPasswordAuthentication yes\nPermitRootLogin=no\nMatch User backup\n  PermitRootLogin yes\n  MaxAuthTries 10\n";
        let reader = crate::controls::RootReader::new(root).unwrap();
        let s = parse(&reader, "/etc/ssh/sshd_config", text, ConfigFormat::Sshd).unwrap();
        assert_eq!(s["passwordauthentication"].value, "no");
        assert_eq!(
            s["passwordauthentication"].file,
            "/etc/ssh/sshd_config.d/10-a.conf"
        );
        assert_eq!(s["x11forwarding"].value, "yes");
        assert_eq!(s["permitrootlogin"].value, "no");
        assert_eq!(s["permitrootlogin"].line, 3);
        assert!(!s.contains_key("maxauthtries"));
        assert_eq!(sshd_default("MaxAuthTries"), Some("6"));
    }

    #[test]
    fn yaml_and_json_keys_are_dotted_paths() {
        let reader = crate::controls::RootReader::live();
        let s = parse(
            &reader,
            "c.yml",
            "server:\n  tls:\n    enabled: true\nitems:\n  - name: a\n",
            ConfigFormat::Yaml,
        )
        .unwrap();
        assert_eq!(s["server.tls.enabled"].value, "true");
        assert_eq!(s["items.0.name"].value, "a");
        let s = parse(&reader, "c.json", r#"{"a": {"b": 3}}"#, ConfigFormat::Json).unwrap();
        assert_eq!(s["a.b"].value, "3");
        assert!(
            parse(&reader, "c.json", "{", ConfigFormat::Json)
                .unwrap_err()
                .contains("not valid JSON")
        );
    }

    #[test]
    fn wildcards() {
        assert!(wildcard("*.conf", "50-cloud.conf"));
        assert!(!wildcard("*.conf", "50-cloud.conf.bak"));
        assert!(wildcard("a?c*", "abcdef"));
    }

    #[test]
    fn ini_and_keyvalue() {
        let m = ini("f", "top=1\n[main]\n; c\nkey = \"v\"\nother: 2\n");
        assert_eq!(m["top"].value, "1");
        assert_eq!(m["main.key"].value, "v");
        assert_eq!(m["main.other"].line, 5);
        let m = keyvalue(
            "login.defs",
            "PASS_MAX_DAYS\t99999\nPASS_MAX_DAYS 90\n# x 1\n",
        );
        assert_eq!(m["PASS_MAX_DAYS"].value, "90");
    }
}
