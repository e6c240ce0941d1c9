//! `controls export ansible`: a playbook and a role that roll the declared controls out,
//! using only `ansible.builtin` modules so it runs with ansible-core alone. steward verifies,
//! Ansible applies. What cannot be expressed as a change (a process that must run, a port
//! that must not listen) becomes an assertion task, and what has no single right change (a
//! value given as a regular expression, a cron job given as a pattern) is listed in the
//! README as left to the operator.

use std::collections::BTreeMap;
use std::path::Path;

use serde_json::{Value, json};
use steward_core::manifest::{ConfigFormat, Control, Expected, PasswordState, PortProtocol};

use super::SourcedControl;

/// The role's name.
pub const ROLE: &str = "steward_controls";

/// The files of the export: relative path -> content.
#[derive(Debug, Clone, Default)]
pub struct Export {
    pub files: BTreeMap<String, String>,
    /// Controls that could not be turned into tasks, with why.
    pub manual: Vec<(String, String)>,
    pub tasks: usize,
}

/// Turn `controls` into the playbook layout.
pub fn export(controls: &[SourcedControl]) -> Export {
    let mut tasks: Vec<Value> = Vec::new();
    let mut handlers: BTreeMap<&'static str, Value> = BTreeMap::new();
    let mut manual = Vec::new();
    for sc in controls {
        let c = &sc.control;
        let id = c.id.get_ref().clone();
        let name = |what: &str| format!("{id}: {what}");
        let mut tagged = |mut t: Value| {
            t["tags"] = json!(["steward", id.clone()]);
            tasks.push(t);
        };
        match control_tasks(c, &name, &mut handlers) {
            Ok(ts) => ts.into_iter().for_each(&mut tagged),
            Err(why) => manual.push((id.clone(), why)),
        }
    }
    let count = tasks.len();
    let mut files = BTreeMap::new();
    files.insert(
        "site.yml".to_string(),
        format!(
            "# Written by `steward controls export ansible`: applies the controls steward verifies.\n# Run: ansible-playbook -i INVENTORY site.yml   (then: steward controls verify)\n{}",
            yaml(&json!([{
                "name": "Security controls declared for steward",
                "hosts": "all",
                "become": true,
                "roles": [ROLE],
            }]))
        ),
    );
    files.insert(
        format!("roles/{ROLE}/tasks/main.yml"),
        format!(
            "---\n{}",
            if tasks.is_empty() {
                "[]\n".into()
            } else {
                yaml(&Value::Array(tasks))
            }
        ),
    );
    let handler_list: Vec<Value> = handlers.into_values().collect();
    files.insert(
        format!("roles/{ROLE}/handlers/main.yml"),
        format!(
            "---\n{}",
            if handler_list.is_empty() {
                "[]\n".into()
            } else {
                yaml(&Value::Array(handler_list))
            }
        ),
    );
    files.insert(
        format!("roles/{ROLE}/meta/main.yml"),
        format!(
            "---\n{}",
            yaml(&json!({"galaxy_info": {
                "author": "steward",
                "description": "Security controls exported from steward",
                "license": "Apache-2.0",
                "min_ansible_version": "2.14",
            }, "dependencies": []}))
        ),
    );
    let mut readme = String::from(
        "# steward controls\n\nWritten by `steward controls export ansible`. `site.yml` applies the role \
`steward_controls` to every host of the inventory:\n\n```sh\nansible-playbook -i inventory.ini site.yml\n\
steward controls verify --ssh user@host   # or on the host itself\n```\n\nEach task is tagged with its \
control id, so `--tags ssh-no-root-login` applies one control.\n",
    );
    if !manual.is_empty() {
        readme.push_str("\n## Not exported: apply these by hand\n\n");
        for (id, why) in &manual {
            readme.push_str(&format!("- `{id}`: {why}\n"));
        }
    }
    files.insert("README.md".to_string(), readme);
    Export {
        files,
        manual,
        tasks: count,
    }
}

/// Write the export under `dir`, each file atomically.
pub fn write(export: &Export, dir: &Path) -> std::io::Result<()> {
    for (rel, content) in &export.files {
        let path = dir.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        steward_core::output::write_atomic(&path, content.as_bytes())?;
    }
    Ok(())
}

fn handler(handlers: &mut BTreeMap<&'static str, Value>, key: &'static str) -> &'static str {
    let (name, task) = match key {
        "sshd" => (
            "steward reload sshd",
            json!({"ansible.builtin.service": {"name": "{{ 'ssh' if ansible_facts['os_family'] == 'Debian' else 'sshd' }}", "state": "reloaded"}}),
        ),
        "sysctl" => (
            "steward apply sysctl",
            json!({"ansible.builtin.command": {"cmd": "sysctl --system"}, "changed_when": true}),
        ),
        _ => (
            "steward load audit rules",
            json!({"ansible.builtin.command": {"cmd": "augenrules --load"}, "changed_when": true}),
        ),
    };
    handlers.entry(key).or_insert_with(|| {
        let mut t = task;
        t["name"] = json!(name);
        t
    });
    name
}

/// A concrete value to write for an expected value, when there is one.
fn concrete(e: &Expected) -> Option<String> {
    match e {
        Expected::Bool(b) => Some(b.to_string()),
        Expected::Int(i) => Some(i.to_string()),
        Expected::Float(x) => Some(x.to_string()),
        Expected::Str(s) => {
            if s.starts_with('~') || s.starts_with("!=") {
                return None;
            }
            let v = s.trim_start_matches(['<', '>', '=']).trim();
            Some(v.to_string())
        }
    }
}

fn regex_escape(s: &str) -> String {
    regex::escape(s)
}

fn control_tasks(
    c: &Control,
    name: &dyn Fn(&str) -> String,
    handlers: &mut BTreeMap<&'static str, Value>,
) -> Result<Vec<Value>, String> {
    let mut out = Vec::new();
    if let Some(p) = &c.package {
        let names = p.names();
        let first = names.first().copied().unwrap_or_default();
        let state = if p.absent {
            "absent"
        } else if p.min_version.is_some() {
            "latest"
        } else {
            "present"
        };
        let pkgs: Vec<&str> = if p.absent { names.clone() } else { vec![first] };
        out.push(json!({
            "name": name(&format!("package {} {state}", pkgs.join(", "))),
            "ansible.builtin.package": {"name": pkgs, "state": state},
        }));
    }
    if let Some(s) = &c.service {
        let mut m = json!({"name": s.name});
        if let Some(e) = s.enabled {
            m["enabled"] = json!(e);
        }
        if let Some(r) = s.running {
            m["state"] = json!(if r { "started" } else { "stopped" });
        }
        out.push(
            json!({"name": name(&format!("service {}", s.name)), "ansible.builtin.service": m}),
        );
    }
    if let Some(p) = &c.process {
        out.push(json!({
            "name": name(&format!("check that {} {}", p.name, if p.running { "runs" } else { "does not run" })),
            "ansible.builtin.command": {"cmd": format!("pgrep -x -- {}", p.name)},
            "register": "steward_pgrep",
            "changed_when": false,
            "failed_when": if p.running { "steward_pgrep.rc != 0" } else { "steward_pgrep.rc == 0" },
        }));
    }
    if let Some(f) = &c.file {
        let path = f.path.get_ref();
        if !f.present {
            out.push(json!({"name": name(&format!("{path} absent")), "ansible.builtin.file": {"path": path, "state": "absent"}}));
            return Ok(out);
        }
        if f.owner.is_some() || f.group.is_some() || f.mode.is_some() || f.max_mode.is_some() {
            let mut m = json!({"path": path});
            if let Some(o) = &f.owner {
                m["owner"] = json!(o);
            }
            if let Some(g) = &f.group {
                m["group"] = json!(g);
            }
            if let Some(mode) = f.mode.as_ref().or(f.max_mode.as_ref()) {
                m["mode"] = json!(format!(
                    "{:04o}",
                    steward_core::manifest::parse_mode(mode.get_ref()).unwrap_or(0o600)
                ));
            }
            out.push(
                json!({"name": name(&format!("{path} owner and mode")), "ansible.builtin.file": m}),
            );
        }
        if let Some(content) = &f.content {
            out.push(json!({"name": name(&format!("{path} content")), "ansible.builtin.copy": {"dest": path, "content": content}}));
        }
        if let Some(re) = &f.regex {
            let Some(line) = &f.line else {
                return Err(format!(
                    "{path} must match `{}`; add `line = \"...\"` to the control to export it",
                    re.get_ref()
                ));
            };
            out.push(json!({"name": name(&format!("{path} has the required line")), "ansible.builtin.lineinfile": {"path": path, "regexp": re.get_ref(), "line": line, "create": true}}));
        }
        if let Some(re) = &f.not_regex {
            out.push(json!({"name": name(&format!("{path} has no line matching the forbidden pattern")), "ansible.builtin.lineinfile": {"path": path, "regexp": re.get_ref(), "state": "absent"}}));
        }
        if let Some(format) = f.format {
            for (k, want) in &f.keys {
                let Some(value) = concrete(want.get_ref()) else {
                    return Err(format!(
                        "{path}: `{k}` must be {}, which names no single value to write",
                        want.get_ref()
                    ));
                };
                let kq = regex_escape(k);
                let task = match format {
                    ConfigFormat::Sshd => {
                        let h = handler(handlers, "sshd");
                        json!({
                            "name": name(&format!("{k} {value} in {path}")),
                            "ansible.builtin.lineinfile": {
                                "path": path,
                                // sshd keeps the first value: replace it, or put ours first.
                                "regexp": format!("(?i)^\\s*#?\\s*{kq}(\\s|=)"),
                                "line": format!("{k} {value}"),
                                "insertbefore": "BOF",
                                "validate": "sshd -t -f %s",
                            },
                            "notify": h,
                        })
                    }
                    ConfigFormat::Keyvalue => {
                        let sep = if path.ends_with("login.defs") {
                            "\t"
                        } else {
                            " = "
                        };
                        json!({
                            "name": name(&format!("{k} {value} in {path}")),
                            "ansible.builtin.lineinfile": {
                                "path": path,
                                "regexp": format!("^\\s*#?\\s*{kq}(\\s|=)"),
                                "line": format!("{k}{sep}{value}"),
                                "create": true,
                            },
                        })
                    }
                    ConfigFormat::Ini => {
                        let (section, key) = k.rsplit_once('.').unwrap_or(("", k));
                        let mut m = json!({
                            "path": path,
                            "regexp": format!("^\\s*#?\\s*{}\\s*=", regex_escape(key)),
                            "line": format!("{key} = {value}"),
                            "create": true,
                        });
                        if !section.is_empty() {
                            m["insertafter"] = json!(format!("^\\[{}\\]", regex_escape(section)));
                        }
                        json!({"name": name(&format!("{k} {value} in {path}")), "ansible.builtin.lineinfile": m})
                    }
                    ConfigFormat::Yaml | ConfigFormat::Json => {
                        return Err(format!(
                            "{path}: setting `{k}` in a {} file needs a template of the whole file",
                            if format == ConfigFormat::Yaml {
                                "YAML"
                            } else {
                                "JSON"
                            }
                        ));
                    }
                };
                out.push(task);
            }
            if !f.absent_keys.is_empty() {
                for k in &f.absent_keys {
                    out.push(json!({
                        "name": name(&format!("{k} not set in {path}")),
                        "ansible.builtin.lineinfile": {"path": path, "regexp": format!("(?i)^\\s*{}(\\s|=)", regex_escape(k)), "state": "absent"},
                    }));
                }
            }
        }
    }
    if let Some(s) = &c.sysctl {
        let Some(value) = concrete(s.value.get_ref()) else {
            return Err(format!(
                "sysctl {} must be {}, which names no single value",
                s.key,
                s.value.get_ref()
            ));
        };
        let h = handler(handlers, "sysctl");
        out.push(json!({
            "name": name(&format!("sysctl {} = {value}", s.key)),
            "ansible.builtin.lineinfile": {
                "path": "/etc/sysctl.d/60-steward.conf",
                "regexp": format!("^\\s*{}\\s*=", regex_escape(&s.key)),
                "line": format!("{} = {value}", s.key),
                "create": true,
                "mode": "0644",
            },
            "notify": h,
        }));
    }
    if let Some(k) = &c.kernel_module {
        out.push(json!({
            "name": name(&format!("kernel module {} cannot be loaded", k.name)),
            "ansible.builtin.lineinfile": {
                "path": "/etc/modprobe.d/steward.conf",
                "regexp": format!("^\\s*install\\s+{}\\s", regex_escape(&k.name)),
                "line": format!("install {} /bin/false", k.name),
                "create": true,
                "mode": "0644",
            },
        }));
        out.push(json!({
            "name": name(&format!("kernel module {} unloaded", k.name)),
            "ansible.builtin.command": {"cmd": format!("modprobe -r {}", k.name)},
            "register": "steward_modprobe",
            "changed_when": "steward_modprobe.rc == 0",
            "failed_when": false,
        }));
    }
    if let Some(p) = &c.port {
        let flag = if p.protocol == PortProtocol::Udp {
            "-Hlun"
        } else {
            "-Hltn"
        };
        out.push(json!({
            "name": name(&format!("check that port {} {}", p.port, if p.listening { "listens" } else { "does not listen" })),
            "ansible.builtin.command": {"cmd": format!("ss {flag} sport = :{}", p.port)},
            "register": "steward_ss",
            "changed_when": false,
            "failed_when": if p.listening { "steward_ss.stdout | length == 0" } else { "steward_ss.stdout | length > 0" },
        }));
    }
    if let Some(u) = &c.user {
        if u.name == "*" {
            let (test, what) = match u.password {
                Some(PasswordState::NotEmpty) => ("$2 == \"\"", "an empty password"),
                _ => ("$2 !~ /^[!*]/", "a usable password"),
            };
            out.push(json!({
                "name": name(&format!("check that no account has {what}")),
                "ansible.builtin.command": {"cmd": format!("awk -F: '{test} {{ print $1 }}' /etc/shadow")},
                "register": "steward_accounts",
                "changed_when": false,
                "failed_when": "steward_accounts.stdout | length > 0",
            }));
        } else if u.absent {
            out.push(json!({"name": name(&format!("account {} absent", u.name)), "ansible.builtin.user": {"name": u.name, "state": "absent"}}));
        } else {
            out.push(json!({"name": name(&format!("account {} locked", u.name)), "ansible.builtin.user": {"name": u.name, "password_lock": true}}));
        }
    }
    if let Some(cron) = &c.cron {
        return Err(format!(
            "a cron entry {} `{}`: a pattern names no single job to add or remove",
            if cron.present {
                "matching"
            } else {
                "not matching"
            },
            cron.regex.get_ref()
        ));
    }
    if let Some(a) = &c.audit_rule {
        let h = handler(handlers, "audit");
        let rule = a.rule.get_ref().trim();
        out.push(json!({
            "name": name(&format!("audit rule {rule}")),
            "ansible.builtin.lineinfile": {
                "path": "/etc/audit/rules.d/50-steward.rules",
                "line": rule,
                "create": true,
                "mode": "0640",
            },
            "notify": h,
        }));
    }
    if let Some(w) = &c.world_writable {
        let dirs: Vec<String> = w
            .under
            .iter()
            .map(|d| super::reader::shell_quote(d))
            .collect();
        out.push(json!({
            "name": name("remove world write access in system directories"),
            "ansible.builtin.shell": {"cmd": format!(
                "find {} -xdev \\( -type f -o -type d \\) -perm -0002 ! \\( -type d -perm -1000 \\) -print -exec chmod o-w {{}} +",
                dirs.join(" ")
            )},
            "register": "steward_chmod",
            "changed_when": "steward_chmod.stdout | length > 0",
        }));
    }
    Ok(out)
}

/// Block-style YAML for a JSON value; strings are double-quoted JSON strings, which YAML
/// reads the same.
pub fn yaml(v: &Value) -> String {
    let mut out = String::new();
    emit(v, 0, &mut out);
    out
}

fn scalar(v: &Value) -> String {
    match v {
        Value::String(s) => serde_json::to_string(s).unwrap_or_default(),
        Value::Null => "null".into(),
        other => other.to_string(),
    }
}

fn is_empty_container(v: &Value) -> bool {
    matches!(v, Value::Array(a) if a.is_empty()) || matches!(v, Value::Object(o) if o.is_empty())
}

fn emit(v: &Value, indent: usize, out: &mut String) {
    let pad = " ".repeat(indent);
    match v {
        Value::Array(items) => {
            for item in items {
                match item {
                    Value::Object(m) if !m.is_empty() => {
                        let mut first = true;
                        for (k, val) in name_first(m) {
                            let lead = if first {
                                format!("{pad}- ")
                            } else {
                                format!("{pad}  ")
                            };
                            first = false;
                            entry(&lead, k, val, indent + 2, out);
                        }
                    }
                    Value::Array(a) if !a.is_empty() => {
                        out.push_str(&format!("{pad}-\n"));
                        emit(item, indent + 2, out);
                    }
                    other => out.push_str(&format!("{pad}- {}\n", flow(other))),
                }
            }
        }
        Value::Object(m) => {
            for (k, val) in name_first(m) {
                entry(&pad, k, val, indent, out);
            }
        }
        other => out.push_str(&format!("{pad}{}\n", flow(other))),
    }
}

/// Entries with `name` first, as Ansible tasks are read.
fn name_first(m: &serde_json::Map<String, Value>) -> Vec<(&String, &Value)> {
    let mut entries: Vec<(&String, &Value)> = m.iter().collect();
    entries.sort_by_key(|(k, _)| *k != "name");
    entries
}

fn flow(v: &Value) -> String {
    match v {
        Value::Array(a) if a.is_empty() => "[]".into(),
        Value::Object(o) if o.is_empty() => "{}".into(),
        other => scalar(other),
    }
}

fn entry(lead: &str, k: &str, val: &Value, indent: usize, out: &mut String) {
    let key = scalar(&Value::String(k.to_string()));
    let key = if k
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.')
    {
        k.to_string()
    } else {
        key
    };
    if is_empty_container(val) || !(val.is_array() || val.is_object()) {
        out.push_str(&format!("{lead}{key}: {}\n", flow(val)));
    } else {
        out.push_str(&format!("{lead}{key}:\n"));
        emit(val, indent + 2, out);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yaml_reads_back_as_the_same_value() {
        let v = json!([{"name": "a: \"b\"", "x": {"list": ["1", 2, true], "empty": [], "o": {}}, "n": null}]);
        let text = yaml(&v);
        let back: Value = serde_saphyr::from_str(&text).unwrap();
        assert_eq!(back, v, "{text}");
    }
}
