//! Ansible playbooks, task and handler files (`roles/*/tasks/*.yml`, `tasks/main.yml`) and
//! variable files (`group_vars/`, `host_vars/`, `roles/*/vars|defaults/`) parsed into one
//! policy document per YAML document:
//!
//! ```json
//! {"file": "playbook",
//!  "plays": [{"hosts": "web", "become": true, ...}],
//!  "tasks": [{"name": "fetch", "module": "get_url", "action": "ansible.builtin.get_url",
//!             "args": {"url": "...", "validate_certs": false}, "free_form": "",
//!             "become": true, "become_user": "root", "no_log": null, "vars": {},
//!             "handler": false, "play": 0, "section": "tasks", "block": null,
//!             "task": {...as written...}}],
//!  "vars": [{"name": "db_password", "value": "...", "scope": "play"}]}
//! ```
//!
//! Blocks, `rescue` and `always` are flattened into `tasks`, handlers included; a task
//! carries the `become`, `become_user`, `become_method` and `no_log` it inherits from its
//! blocks and play, located where they were set. Module names are normalised
//! (`ansible.builtin.get_url` and `get_url` are both `get_url`), and free-form arguments
//! (`get_url: url=... validate_certs=no`) are split into `args` the way Ansible splits
//! them. YAML is read as YAML 1.1, as Ansible does: `no` is false and `0777` is octal.

use serde_json::{Map, Value, json};
use steward_policy::{DocPath, SourceMap};

use crate::ParseError;
use crate::yaml::{self, Schema, YamlDoc};

/// What kind of Ansible file a document came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    /// A list of plays.
    Playbook,
    /// A list of tasks (a role's `tasks/`, an included task file).
    Tasks,
    /// A list of handlers.
    Handlers,
    /// A map of variables.
    Vars,
}

impl FileKind {
    /// The value of the document's `file` field.
    pub fn name(self) -> &'static str {
        match self {
            FileKind::Playbook => "playbook",
            FileKind::Tasks => "tasks",
            FileKind::Handlers => "handlers",
            FileKind::Vars => "vars",
        }
    }
}

/// The kind of Ansible file `rel_path` holds, told by its place in a project and, for
/// playbooks (which may be named anything), by its content. `None`: not Ansible.
pub fn kind_of(rel_path: &str, text: &str) -> Option<FileKind> {
    let lower = rel_path.to_ascii_lowercase();
    if !(lower.ends_with(".yml") || lower.ends_with(".yaml")) {
        return None;
    }
    let parts: Vec<&str> = lower.split('/').collect();
    let dirs = &parts[..parts.len() - 1];
    if dirs.iter().any(|d| *d == "group_vars" || *d == "host_vars") {
        return Some(FileKind::Vars);
    }
    let in_role = dirs.len() >= 3 && dirs[dirs.len() - 3] == "roles";
    let list = starts_with_list(text);
    match dirs.last().copied() {
        // A `tasks/` folder of another tool (Tekton) holds maps, not lists.
        Some("tasks") if list => return Some(FileKind::Tasks),
        Some("handlers") if list => return Some(FileKind::Handlers),
        Some("vars" | "defaults") if in_role => return Some(FileKind::Vars),
        _ => {}
    }
    let name = parts[parts.len() - 1];
    let inventory = dirs
        .iter()
        .any(|d| *d == "inventory" || *d == "inventories")
        || matches!(
            name,
            "hosts.yml" | "hosts.yaml" | "inventory.yml" | "inventory.yaml"
        );
    if inventory && !list && text.lines().any(|l| l.trim_end() == "all:") {
        return Some(FileKind::Vars);
    }
    if list && (text.contains("hosts:") || text.contains("import_playbook:")) {
        return Some(FileKind::Playbook);
    }
    // A task file included from elsewhere names its modules by their collections.
    (list && COLLECTIONS.iter().any(|c| text.contains(c))).then_some(FileKind::Tasks)
}

/// Module name prefixes only Ansible task files carry.
const COLLECTIONS: &[&str] = &[
    "ansible.builtin.",
    "ansible.posix.",
    "ansible.windows.",
    "community.general.",
];

/// The kind of an Ansible file told by content alone, for a file already known to be
/// Ansible: a list with plays is a playbook, another list a task file, a map variables.
pub fn kind_by_content(text: &str) -> FileKind {
    if !starts_with_list(text) {
        FileKind::Vars
    } else if text.contains("hosts:") || text.contains("import_playbook:") {
        FileKind::Playbook
    } else {
        FileKind::Tasks
    }
}

/// Whether the first node of the file is a block sequence (`- ...`).
fn starts_with_list(text: &str) -> bool {
    text.lines()
        .map(str::trim)
        .find(|l| !(l.is_empty() || l.starts_with('#') || l.starts_with('%') || *l == "---"))
        .is_some_and(|l| l == "-" || l.starts_with("- "))
}

/// The policy documents (input and positions) of an Ansible file, and the YAML error
/// that stopped it. A document that is not what `kind` expects (a playbook without a
/// play, a task file that is not a list) yields nothing.
pub fn parse(kind: FileKind, text: &str) -> (Vec<(Value, SourceMap)>, Option<ParseError>) {
    let (docs, err) = yaml::parse_stream_with(text, Schema::Yaml11);
    let out = docs.iter().filter_map(|d| build(kind, d)).collect();
    (out, err)
}

/// Task keywords: every other key of a task names its module.
const TASK_KEYWORDS: &[&str] = &[
    "name",
    "action",
    "local_action",
    "args",
    "async",
    "any_errors_fatal",
    "become",
    "become_exe",
    "become_flags",
    "become_method",
    "become_user",
    "changed_when",
    "check_mode",
    "collections",
    "connection",
    "debugger",
    "delay",
    "delegate_facts",
    "delegate_to",
    "diff",
    "environment",
    "failed_when",
    "ignore_errors",
    "ignore_unreachable",
    "listen",
    "loop",
    "loop_control",
    "module_defaults",
    "no_log",
    "notify",
    "poll",
    "port",
    "register",
    "remote_user",
    "retries",
    "run_once",
    "tags",
    "throttle",
    "timeout",
    "until",
    "vars",
    "when",
    "block",
    "rescue",
    "always",
];

/// Keywords a task inherits from its blocks and play.
const INHERITED: &[&str] = &["become", "become_user", "become_method", "no_log"];

/// Modules whose free-form argument is a command line, not `key=value` pairs.
const RAW_MODULES: &[&str] = &[
    "command",
    "shell",
    "script",
    "raw",
    "win_command",
    "win_shell",
];

/// The only `key=value` words Ansible takes out of a command module's free form.
const RAW_MODULE_OPTIONS: &[&str] = &[
    "creates",
    "removes",
    "chdir",
    "executable",
    "warn",
    "stdin",
    "stdin_add_newline",
    "strip_empty_ends",
];

/// Play keys that hold tasks, and whether they are handlers.
const PLAY_SECTIONS: &[(&str, bool)] = &[
    ("pre_tasks", false),
    ("roles", false),
    ("tasks", false),
    ("post_tasks", false),
    ("handlers", true),
];

#[derive(Clone, Default)]
struct Context {
    /// Inherited keyword -> (value, where it was set in the source document).
    keywords: Vec<(&'static str, Value, DocPath)>,
    play: Option<usize>,
    section: &'static str,
    block: Option<&'static str>,
    handler: bool,
}

impl Context {
    fn set_from(&mut self, obj: &Map<String, Value>, from: &DocPath) {
        for kw in INHERITED {
            if let Some(v) = obj.get(*kw) {
                self.keywords.retain(|(k, _, _)| k != kw);
                self.keywords.push((kw, v.clone(), from.key(kw)));
            }
        }
    }
}

struct Builder<'a> {
    src: &'a SourceMap,
    map: SourceMap,
    plays: Vec<Value>,
    tasks: Vec<Value>,
    vars: Vec<Value>,
}

fn build(kind: FileKind, doc: &YamlDoc) -> Option<(Value, SourceMap)> {
    let mut b = Builder {
        src: &doc.map,
        map: SourceMap::new(),
        plays: Vec::new(),
        tasks: Vec::new(),
        vars: Vec::new(),
    };
    let root = DocPath::root();
    match kind {
        FileKind::Playbook => {
            let items = doc.value.as_array()?;
            for (i, item) in items.iter().enumerate() {
                if let Some(play) = item.as_object()
                    && (play.contains_key("hosts")
                        || play.keys().any(|k| short_module(k) == "import_playbook"))
                {
                    b.play(play, &root.index(i));
                }
            }
            if b.plays.is_empty() {
                return None;
            }
        }
        FileKind::Tasks | FileKind::Handlers => {
            let items = doc.value.as_array()?;
            if !items.iter().all(Value::is_object) {
                return None;
            }
            let ctx = Context {
                section: kind.name(),
                handler: kind == FileKind::Handlers,
                ..Context::default()
            };
            b.task_list(&doc.value, &root, &ctx);
        }
        FileKind::Vars => {
            let vars = doc.value.as_object()?;
            b.var_map(vars, &root, "file", None);
        }
    }
    let input = json!({
        "file": kind.name(),
        "plays": b.plays,
        "tasks": b.tasks,
        "vars": b.vars,
    });
    Some((input, b.map))
}

impl Builder<'_> {
    /// Record the position `from` had in the source document for `to`, and the same for
    /// everything below it.
    fn mirror(&mut self, from: &DocPath, to: &DocPath, value: &Value) {
        if let Some(p) = self.src.locate(from) {
            self.map.insert(to.clone(), p);
        }
        match value {
            Value::Object(o) => {
                for (k, v) in o {
                    self.mirror(&from.key(k), &to.key(k), v);
                }
            }
            Value::Array(items) => {
                for (i, v) in items.iter().enumerate() {
                    self.mirror(&from.index(i), &to.index(i), v);
                }
            }
            _ => {}
        }
    }

    fn at(&mut self, from: &DocPath, to: DocPath) {
        if let Some(p) = self.src.locate(from) {
            self.map.insert(to, p);
        }
    }

    fn play(&mut self, play: &Map<String, Value>, from: &DocPath) {
        let index = self.plays.len();
        let to = DocPath::root().key("plays").index(index);
        let mut record = play.clone();
        for (section, _) in PLAY_SECTIONS {
            if *section != "roles" {
                record.remove(*section);
            }
        }
        let record = Value::Object(record);
        self.mirror(from, &to, &record);
        self.plays.push(record);
        let mut ctx = Context {
            play: Some(index),
            ..Context::default()
        };
        ctx.set_from(play, from);
        if let Some(Value::Object(vars)) = play.get("vars") {
            self.var_map(vars, &from.key("vars"), "play", Some(index));
        }
        if let Some(Value::Object(env)) = play.get("environment") {
            self.var_map(env, &from.key("environment"), "environment", Some(index));
        }
        for (section, handler) in PLAY_SECTIONS {
            let Some(list) = play.get(*section) else {
                continue;
            };
            if *section == "roles" {
                self.roles(list, &from.key("roles"), index);
                continue;
            }
            let ctx = Context {
                section,
                handler: *handler,
                ..ctx.clone()
            };
            self.task_list(list, &from.key(section), &ctx);
        }
    }

    /// Role parameters and `vars:` of a play's `roles:` entries are variables too.
    fn roles(&mut self, list: &Value, from: &DocPath, play: usize) {
        let Some(items) = list.as_array() else {
            return;
        };
        for (i, item) in items.iter().enumerate() {
            let Some(role) = item.as_object() else {
                continue;
            };
            let from = from.index(i);
            for (k, v) in role {
                if k == "vars"
                    && let Some(vars) = v.as_object()
                {
                    self.var_map(vars, &from.key("vars"), "role", Some(play));
                } else if !matches!(k.as_str(), "role" | "name" | "tags" | "when")
                    && !TASK_KEYWORDS.contains(&k.as_str())
                {
                    self.var(k, v, &from.key(k), "role", Some(play));
                }
            }
        }
    }

    fn var_map(
        &mut self,
        vars: &Map<String, Value>,
        from: &DocPath,
        scope: &str,
        play: Option<usize>,
    ) {
        for (k, v) in vars {
            self.var(k, v, &from.key(k), scope, play);
        }
    }

    fn var(&mut self, name: &str, value: &Value, from: &DocPath, scope: &str, play: Option<usize>) {
        let to = DocPath::root().key("vars").index(self.vars.len());
        self.at(from, to.clone());
        self.at(from, to.key("name"));
        self.mirror(from, &to.key("value"), value);
        self.vars.push(json!({
            "name": name,
            "value": value,
            "scope": scope,
            "play": play,
        }));
    }

    fn task_list(&mut self, list: &Value, from: &DocPath, ctx: &Context) {
        let Some(items) = list.as_array() else {
            return;
        };
        for (i, item) in items.iter().enumerate() {
            let Some(task) = item.as_object() else {
                continue;
            };
            let from = from.index(i);
            let mut ctx = ctx.clone();
            ctx.set_from(task, &from);
            if let Some(Value::Object(env)) = task.get("environment") {
                self.var_map(env, &from.key("environment"), "environment", ctx.play);
            }
            if ["block", "rescue", "always"]
                .iter()
                .any(|k| task.contains_key(*k))
            {
                if let Some(Value::Object(vars)) = task.get("vars") {
                    self.var_map(vars, &from.key("vars"), "block", ctx.play);
                }
                for section in ["block", "rescue", "always"] {
                    if let Some(list) = task.get(section) {
                        let ctx = Context {
                            block: Some(section),
                            ..ctx.clone()
                        };
                        self.task_list(list, &from.key(section), &ctx);
                    }
                }
                continue;
            }
            if let Some(Value::Object(vars)) = task.get("vars") {
                self.var_map(vars, &from.key("vars"), "task", ctx.play);
            }
            self.task(task, &from, &ctx);
        }
    }

    fn task(&mut self, task: &Map<String, Value>, from: &DocPath, ctx: &Context) {
        let to = DocPath::root().key("tasks").index(self.tasks.len());
        let Some(call) = module_call(task) else {
            return;
        };
        let module_from = from.key(&call.key);
        let mut args = Map::new();
        let mut free_form = String::new();
        match &call.value {
            Value::Object(o) => {
                for (k, v) in o {
                    if call.from_action && k == "module" {
                        continue;
                    }
                    self.mirror(&module_from.key(k), &to.key("args").key(k), v);
                    args.insert(k.clone(), v.clone());
                }
            }
            Value::String(s) => {
                free_form = s.clone();
                for (k, v) in split_free_form(s, RAW_MODULES.contains(&call.module.as_str())) {
                    self.at(&module_from, to.key("args").key(&k));
                    args.insert(k, Value::String(v));
                }
            }
            Value::Null => {}
            other => {
                self.at(&module_from, to.key("args").key("_raw_params"));
                args.insert("_raw_params".into(), other.clone());
            }
        }
        // `args:` adds to the module's own arguments, which win.
        if let Some(Value::Object(extra)) = task.get("args") {
            for (k, v) in extra {
                if !args.contains_key(k) {
                    self.mirror(&from.key("args").key(k), &to.key("args").key(k), v);
                    args.insert(k.clone(), v.clone());
                }
            }
        }
        self.at(from, to.clone());
        for key in ["module", "action", "free_form", "args"] {
            self.at(&module_from, to.key(key));
        }
        self.at(&from.key("name"), to.key("name"));
        let mut record = Map::new();
        record.insert(
            "name".into(),
            task.get("name").cloned().unwrap_or(Value::Null),
        );
        record.insert("module".into(), Value::String(call.module));
        record.insert("action".into(), Value::String(call.action));
        record.insert("args".into(), Value::Object(args));
        record.insert("free_form".into(), Value::String(free_form));
        for kw in INHERITED {
            record.insert((*kw).into(), Value::Null);
        }
        for (kw, v, set_at) in &ctx.keywords {
            self.at(set_at, to.key(kw));
            record.insert((*kw).into(), v.clone());
        }
        let vars = task.get("vars").cloned().unwrap_or_else(|| json!({}));
        self.mirror(&from.key("vars"), &to.key("vars"), &vars);
        record.insert("vars".into(), vars);
        record.insert("handler".into(), Value::Bool(ctx.handler));
        record.insert("play".into(), json!(ctx.play));
        record.insert("section".into(), Value::String(ctx.section.into()));
        record.insert("block".into(), json!(ctx.block));
        let written = Value::Object(task.clone());
        self.mirror(from, &to.key("task"), &written);
        record.insert("task".into(), written);
        self.tasks.push(Value::Object(record));
    }
}

/// A task's module: the key it was written under, its normalised name, the name as
/// written, and its argument (a map, a free-form string, or nothing).
struct ModuleCall {
    key: String,
    module: String,
    action: String,
    value: Value,
    /// Written as `action:`/`local_action:` with a `module:` key among the arguments.
    from_action: bool,
}

fn module_call(task: &Map<String, Value>) -> Option<ModuleCall> {
    for key in ["action", "local_action"] {
        match task.get(key) {
            Some(Value::String(s)) => {
                let s = s.trim_start();
                let (name, rest) = s.split_once(char::is_whitespace).unwrap_or((s, ""));
                return Some(ModuleCall {
                    key: key.into(),
                    module: short_module(name).into(),
                    action: name.into(),
                    value: Value::String(rest.trim_start().into()),
                    from_action: false,
                });
            }
            Some(Value::Object(o)) => {
                let name = o.get("module").and_then(Value::as_str).unwrap_or("");
                return Some(ModuleCall {
                    key: key.into(),
                    module: short_module(name).into(),
                    action: name.into(),
                    value: Value::Object(o.clone()),
                    from_action: true,
                });
            }
            _ => {}
        }
    }
    let (key, value) = task
        .iter()
        .find(|(k, _)| !TASK_KEYWORDS.contains(&k.as_str()) && !k.starts_with("with_"))?;
    Some(ModuleCall {
        key: key.clone(),
        module: short_module(key).into(),
        action: key.clone(),
        value: value.clone(),
        from_action: false,
    })
}

/// `ansible.builtin.get_url`, `ansible.legacy.get_url` and `get_url` are one module.
fn short_module(name: &str) -> &str {
    name.rsplit('.').next().unwrap_or(name)
}

/// Split a free-form argument as Ansible does: `key=value` words become arguments (for
/// command modules only their few options), every other word is `_raw_params`.
fn split_free_form(text: &str, raw_module: bool) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut raw = Vec::new();
    for word in split_words(text) {
        let eq = word
            .char_indices()
            .skip(1)
            .find(|&(i, c)| c == '=' && !word[..i].ends_with('\\'))
            .map(|(i, _)| i);
        match eq {
            Some(i) if !raw_module || RAW_MODULE_OPTIONS.contains(&word[..i].trim()) => {
                out.push((word[..i].trim().to_string(), unquote(word[i + 1..].trim())));
            }
            _ => raw.push(word),
        }
    }
    if !raw.is_empty() {
        let params = if out.is_empty() {
            text.trim().to_string()
        } else {
            raw.join(" ")
        };
        out.push(("_raw_params".into(), params));
    }
    out
}

/// Words separated by whitespace outside quotes and Jinja2 `{{ }}`/`{% %}`.
fn split_words(text: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut cur = String::new();
    let mut quote: Option<char> = None;
    let mut depth = 0usize;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' if quote.is_some() => {
                cur.push(c);
                if let Some(n) = chars.next() {
                    cur.push(n);
                }
                continue;
            }
            '\'' | '"' if depth == 0 => match quote {
                None => quote = Some(c),
                Some(q) if q == c => quote = None,
                _ => {}
            },
            '{' if matches!(chars.peek(), Some('{' | '%')) => depth += 1,
            '}' | '%' if depth > 0 && chars.peek() == Some(&'}') => depth -= 1,
            c if c.is_whitespace() && quote.is_none() && depth == 0 => {
                if !cur.is_empty() {
                    words.push(std::mem::take(&mut cur));
                }
                continue;
            }
            _ => {}
        }
        cur.push(c);
    }
    if !cur.is_empty() {
        words.push(cur);
    }
    words
}

fn unquote(v: &str) -> String {
    for q in ['"', '\''] {
        if v.len() >= 2 && v.starts_with(q) && v.ends_with(q) {
            return v[1..v.len() - 1].to_string();
        }
    }
    v.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use steward_policy::Position;

    fn line(map: &SourceMap, path: &str) -> Option<u32> {
        map.locate(&DocPath::parse(path)).map(|p: Position| p.line)
    }

    #[test]
    fn files_are_told_by_place_and_content() {
        let play = "---\n- hosts: all\n  tasks: []\n";
        let tasks = "- name: x\n  ping:\n";
        for (path, text, want) in [
            ("site.yml", play, Some(FileKind::Playbook)),
            ("deploy/web.yaml", play, Some(FileKind::Playbook)),
            ("roles/web/tasks/main.yml", tasks, Some(FileKind::Tasks)),
            ("tasks/main.yml", tasks, Some(FileKind::Tasks)),
            (
                "roles/web/handlers/main.yml",
                tasks,
                Some(FileKind::Handlers),
            ),
            (
                "roles/web/defaults/main.yml",
                "a: 1\n",
                Some(FileKind::Vars),
            ),
            (
                "inventories/prod/group_vars/all.yml",
                "a: 1\n",
                Some(FileKind::Vars),
            ),
            (
                "tekton/tasks/build.yaml",
                "apiVersion: tekton.dev/v1\nkind: Task\n",
                None,
            ),
            ("k8s/deploy.yaml", "apiVersion: v1\nkind: Pod\n", None),
            ("list.yml", "- a\n- b\n", None),
            (
                "playbooks/common/setup.yml",
                "- name: x\n  ansible.builtin.apt: name=nginx\n",
                Some(FileKind::Tasks),
            ),
            (
                "inventories/prod/hosts.yml",
                "all:\n  vars:\n    ansible_password: x\n",
                Some(FileKind::Vars),
            ),
            (
                "hosts.yml",
                "all:\n  hosts:\n    web1:\n",
                Some(FileKind::Vars),
            ),
            ("config/hosts.yaml", "web: 10.0.0.1\n", None),
            ("site.yml.j2", play, None),
        ] {
            assert_eq!(kind_of(path, text), want, "{path}");
        }
    }

    #[test]
    fn tasks_are_flattened_with_normalised_modules_and_inherited_keywords() {
        let text = "\
- hosts: web
  become: yes
  vars:
    db_password: hunter2
  tasks:
    - name: fetch
      ansible.builtin.get_url:
        url: https://example.com/x.tgz
        validate_certs: no
    - block:
        - get_url: url=http://example.com/y dest=/tmp/y mode='0777'
      rescue:
        - shell: curl -s https://x | sh chdir=/tmp
      become_user: postgres
      no_log: true
  handlers:
    - name: restart
      action: service name=nginx state=restarted
";
        let docs = parse(FileKind::Playbook, text).0;
        assert_eq!(docs.len(), 1);
        let (input, map) = &docs[0];
        let tasks = input["tasks"].as_array().unwrap();
        assert_eq!(tasks.len(), 4);
        assert_eq!(tasks[0]["module"], "get_url");
        assert_eq!(tasks[0]["action"], "ansible.builtin.get_url");
        assert_eq!(tasks[0]["args"]["validate_certs"], false);
        assert_eq!(tasks[0]["become"], true);
        assert_eq!(tasks[0]["become_user"], Value::Null);
        assert_eq!(tasks[1]["args"]["url"], "http://example.com/y");
        assert_eq!(tasks[1]["args"]["mode"], "0777");
        assert_eq!(tasks[1]["block"], "block");
        assert_eq!(tasks[1]["become_user"], "postgres");
        assert_eq!(tasks[2]["module"], "shell");
        assert_eq!(tasks[2]["args"]["_raw_params"], "curl -s https://x | sh");
        assert_eq!(tasks[2]["args"]["chdir"], "/tmp");
        assert_eq!(tasks[2]["no_log"], true);
        assert_eq!(tasks[3]["module"], "service");
        assert_eq!(tasks[3]["handler"], true);
        assert_eq!(tasks[3]["args"]["state"], "restarted");
        assert_eq!(input["vars"][0]["name"], "db_password");
        // Positions: the attribute's own line, inherited keywords where they were set.
        assert_eq!(line(map, "tasks[0].args.validate_certs"), Some(9));
        assert_eq!(line(map, "tasks[0].become"), Some(2));
        assert_eq!(line(map, "tasks[1].args.mode"), Some(11));
        assert_eq!(line(map, "tasks[1].become_user"), Some(14));
        assert_eq!(line(map, "tasks[2]"), Some(13));
        assert_eq!(line(map, "tasks[3].args.name"), Some(18));
        assert_eq!(line(map, "vars[0].value"), Some(4));
        assert_eq!(line(map, "plays[0].hosts"), Some(1));
    }

    #[test]
    fn task_files_vars_files_and_what_is_not_ansible() {
        let (docs, err) = parse(
            FileKind::Tasks,
            "- command: /bin/true\n  args:\n    creates: /x\n",
        );
        assert!(err.is_none());
        let t = &docs[0].0["tasks"][0];
        assert_eq!(t["args"]["_raw_params"], "/bin/true");
        assert_eq!(t["args"]["creates"], "/x");
        assert_eq!(line(&docs[0].1, "tasks[0].args.creates"), Some(3));
        let (docs, _) = parse(FileKind::Vars, "api_token: abc\nnested: {password: x}\n");
        assert_eq!(docs[0].0["vars"][1]["value"]["password"], "x");
        assert!(parse(FileKind::Tasks, "a: 1\n").0.is_empty());
        assert!(parse(FileKind::Playbook, "- a\n- b: 1\n").0.is_empty());
        assert!(
            parse(FileKind::Vars, "$ANSIBLE_VAULT;1.1;AES256\n6138\n")
                .0
                .is_empty()
        );
        let (_, err) = parse(FileKind::Playbook, "- hosts: all\n  tasks: [\n");
        assert!(err.is_some());
    }

    #[test]
    fn free_form_words_keep_quotes_and_templates_together() {
        assert_eq!(
            split_words("src='a b' dest={{ x | default('y z') }} mode=0644"),
            ["src='a b'", "dest={{ x | default('y z') }}", "mode=0644"]
        );
        assert_eq!(
            split_free_form("echo a=b && ls chdir=/srv", true),
            [
                ("chdir".to_string(), "/srv".to_string()),
                ("_raw_params".to_string(), "echo a=b && ls".to_string())
            ]
        );
    }
}
