//! Each kind of check: read the state it needs through a [`StateReader`], compare it with
//! the control, and say what was observed. A check that needs a running system (processes,
//! ports, whether a service runs) on an image root is not checkable, never a pass.

use std::cmp::Ordering;
use std::collections::BTreeMap;

use serde_json::{Value, json};
use sha2::{Digest, Sha256};
use steward_core::manifest::{
    AuditRuleCheck, ConfigFormat, CronCheck, FileCheck, KernelModuleCheck, PackageCheck,
    PasswordState, PortCheck, PortProtocol, ProcessCheck, ServiceCheck, SysctlCheck, UserCheck,
    WorldWritableCheck, parse_mode,
};

use super::config::{self, glob};
use super::packages::{self, Inventory, PackageManager};
use super::reader::{FileKind, ReadError, StateReader};

/// Whether a control holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Outcome {
    Pass,
    Fail,
    /// The state cannot be read here (a running process on an image root, a file the SSH
    /// user may not read).
    NotCheckable,
}

impl Outcome {
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Pass => "pass",
            Outcome::Fail => "fail",
            Outcome::NotCheckable => "not checkable",
        }
    }
}

/// What one check found.
#[derive(Debug, Clone)]
pub struct Evaluation {
    pub outcome: Outcome,
    /// Why it failed or could not be checked, or what was seen when it passed.
    pub message: String,
    /// The observed state, as the ledger stores it and `controls diff` compares it.
    pub observed: Value,
    /// The file the failing setting is in, when there is one: (path, line).
    pub location: Option<(String, usize)>,
}

impl Evaluation {
    fn new(outcome: Outcome, message: impl Into<String>, observed: Value) -> Self {
        Evaluation {
            outcome,
            message: message.into(),
            observed,
            location: None,
        }
    }

    fn pass(message: impl Into<String>, observed: Value) -> Self {
        Self::new(Outcome::Pass, message, observed)
    }

    fn fail(message: impl Into<String>, observed: Value) -> Self {
        Self::new(Outcome::Fail, message, observed)
    }

    fn unknown(message: impl Into<String>) -> Self {
        Self::new(Outcome::NotCheckable, message, Value::Null)
    }

    fn at(mut self, file: &str, line: usize) -> Self {
        self.location = Some((file.to_string(), line));
        self
    }
}

impl From<ReadError> for Evaluation {
    fn from(e: ReadError) -> Self {
        Evaluation::unknown(format!("cannot read {e}"))
    }
}

/// Orders two versions of `manager`'s packages.
pub type VersionOrder<'a> = &'a dyn Fn(PackageManager, &str, &str) -> Result<Ordering, String>;

fn not_live(reader: &dyn StateReader, what: &str) -> Evaluation {
    Evaluation::unknown(format!(
        "{what} can only be checked on a running host, not on {}",
        reader.describe()
    ))
}

pub fn package(
    check: &PackageCheck,
    reader: &dyn StateReader,
    versions: VersionOrder,
) -> Result<Evaluation, ReadError> {
    let names = check.names();
    let (manager, installed) = match packages::inventory(reader, &names)? {
        Inventory::Known { manager, installed } => (manager, installed),
        Inventory::Unreadable(why) => return Ok(Evaluation::unknown(why)),
        Inventory::None => {
            return Ok(Evaluation::unknown(format!(
                "no package database ({}, {} or rpm's in {}) on {}",
                packages::DPKG_STATUS,
                packages::APK_INSTALLED,
                packages::RPM_DIRS.join(" or "),
                reader.describe()
            )));
        }
    };
    let found: BTreeMap<&str, Option<&str>> = names
        .iter()
        .map(|n| (*n, installed.get(*n).map(String::as_str)))
        .collect();
    let observed = json!({"manager": manager.as_str(), "installed": found});
    let present: Vec<(&str, &str)> = found
        .iter()
        .filter_map(|(n, v)| v.map(|v| (*n, v)))
        .collect();
    let listed = names.join(" or ");
    if check.absent {
        return Ok(match present.as_slice() {
            [] => Evaluation::pass(format!("{listed} not installed"), observed),
            some => Evaluation::fail(
                format!("installed, and must not be: {}", show_versions(some)),
                observed,
            ),
        });
    }
    if present.is_empty() {
        return Ok(Evaluation::fail(
            format!("{listed} not installed ({})", manager.as_str()),
            observed,
        ));
    }
    let Some(min) = check.min_version.as_ref().map(|m| m.get_ref()) else {
        return Ok(Evaluation::pass(
            format!("installed: {}", show_versions(&present)),
            observed,
        ));
    };
    let mut errors = Vec::new();
    for (name, version) in &present {
        match versions(manager, version, min) {
            Ok(Ordering::Less) => {}
            Ok(_) => {
                return Ok(Evaluation::pass(
                    format!("{name} {version} installed (at least {min})"),
                    observed,
                ));
            }
            Err(e) => errors.push(format!("{name} {version}: {e}")),
        }
    }
    if !errors.is_empty() {
        return Ok(Evaluation::unknown(format!(
            "cannot compare versions: {}",
            errors.join("; ")
        )));
    }
    Ok(Evaluation::fail(
        format!(
            "{} installed, older than the required {min}",
            show_versions(&present)
        ),
        observed,
    ))
}

fn show_versions(p: &[(&str, &str)]) -> String {
    p.iter()
        .map(|(n, v)| format!("{n} {v}"))
        .collect::<Vec<_>>()
        .join(", ")
}

const UNIT_DIRS: &[&str] = &[
    "/etc/systemd/system",
    "/run/systemd/system",
    "/usr/local/lib/systemd/system",
    "/usr/lib/systemd/system",
    "/lib/systemd/system",
];

fn unit_name(name: &str) -> String {
    if name.contains('.') {
        name.to_string()
    } else {
        format!("{name}.service")
    }
}

/// How systemd would see a unit from the files under the root.
fn unit_state(reader: &dyn StateReader, unit: &str) -> Result<(String, Value), ReadError> {
    // A unit masked in /etc (a link to /dev/null) can never start.
    for dir in ["/etc/systemd/system", "/run/systemd/system"] {
        let path = format!("{dir}/{unit}");
        if let Some(target) = reader.read_link(&path)?
            && target == "/dev/null"
        {
            return Ok(("masked".into(), json!({"state": "masked", "file": path})));
        }
    }
    let mut file = None;
    for dir in UNIT_DIRS {
        let path = format!("{dir}/{unit}");
        if reader.stat(&path)?.is_some() {
            file = Some(path);
            break;
        }
    }
    let Some(file) = file else {
        return Ok(("not-found".into(), json!({"state": "not-found"})));
    };
    // Enabled: linked from a .wants/ or .requires/ directory under /etc (the unit or an
    // alias of it).
    let mut names = vec![unit.to_string()];
    if let Some(target) = reader.read_link(&file)?
        && let Some(base) = target.rsplit('/').next()
        && !names.iter().any(|n| n == base)
    {
        names.push(base.to_string());
    }
    let mut wanted_by = Vec::new();
    if let Some(entries) = reader.list("/etc/systemd/system")? {
        for (dir, kind) in entries {
            if !(dir.ends_with(".wants") || dir.ends_with(".requires"))
                || !matches!(kind, FileKind::Dir | FileKind::Symlink)
            {
                continue;
            }
            let Some(links) = reader.list(&format!("/etc/systemd/system/{dir}"))? else {
                continue;
            };
            for (link, _) in links {
                if names.contains(&link) {
                    wanted_by.push(
                        dir.rsplit_once('.')
                            .map_or(dir.clone(), |(t, _)| t.to_string()),
                    );
                }
            }
        }
    }
    // A unit the distribution links from its own .wants directories is always on (systemd
    // calls it static); that counts as enabled.
    if wanted_by.is_empty() {
        for dir in &UNIT_DIRS[2..] {
            for (wants, kind) in reader.list(dir)?.unwrap_or_default() {
                if !wants.ends_with(".wants") || kind != FileKind::Dir {
                    continue;
                }
                let links = reader.list(&format!("{dir}/{wants}"))?.unwrap_or_default();
                if links.iter().any(|(l, _)| names.contains(l)) {
                    let target = wants.trim_end_matches(".wants").to_string();
                    return Ok((
                        "enabled".into(),
                        json!({"state": "static", "file": file, "wanted_by": [target]}),
                    ));
                }
            }
        }
    }
    let state = if wanted_by.is_empty() {
        "disabled"
    } else {
        "enabled"
    };
    Ok((
        state.to_string(),
        json!({"state": state, "file": file, "wanted_by": wanted_by}),
    ))
}

/// Runlevels whose `S` links start a SysV service at boot (`S` for the boot-time scripts).
const SYSV_RUNLEVELS: &[&str] = &["S", "2", "3", "4", "5"];
/// OpenRC's state directory on a running host: `started/NAME` exists while NAME runs.
const OPENRC_RUN: &str = "/run/openrc";

/// How a host without a systemd unit for `name` starts it: an init script in /etc/init.d,
/// enabled by OpenRC runlevel links (/etc/runlevels/LEVEL/NAME) or SysV rc links
/// (/etc/rcN.d/SNNname). `None` when there is no init script either.
fn init_script_state(
    reader: &dyn StateReader,
    name: &str,
) -> Result<Option<(String, Value)>, ReadError> {
    let script = format!("/etc/init.d/{name}");
    if reader
        .stat(&script)?
        .is_none_or(|m| m.kind != FileKind::File)
    {
        return Ok(None);
    }
    if let Some(levels) = reader.list("/etc/runlevels")? {
        let mut in_levels = Vec::new();
        for (level, kind) in levels {
            if !matches!(kind, FileKind::Dir | FileKind::Symlink) {
                continue;
            }
            if reader
                .lstat(&format!("/etc/runlevels/{level}/{name}"))?
                .is_some()
            {
                in_levels.push(level);
            }
        }
        let state = if in_levels.is_empty() {
            "disabled"
        } else {
            "enabled"
        };
        return Ok(Some((
            state.into(),
            json!({"state": state, "init": "openrc", "file": script, "runlevels": in_levels}),
        )));
    }
    let mut start = Vec::new();
    let mut stop = Vec::new();
    for level in SYSV_RUNLEVELS {
        let dir = format!("/etc/rc{level}.d");
        for (link, _) in reader.list(&dir)?.unwrap_or_default() {
            // S20zeek, K01zeek: a letter, two digits, the script's name.
            let (Some(action), Some(rest)) = (link.chars().next(), link.get(3..)) else {
                continue;
            };
            if rest != name || !link[1..3].bytes().all(|b| b.is_ascii_digit()) {
                continue;
            }
            match action {
                'S' => start.push(level.to_string()),
                'K' => stop.push(level.to_string()),
                _ => {}
            }
        }
    }
    let state = if start.is_empty() {
        "disabled"
    } else {
        "enabled"
    };
    Ok(Some((
        state.into(),
        json!({"state": state, "init": "sysv", "file": script, "runlevels": start, "stopped_in": stop}),
    )))
}

/// Whether a service started by an init script runs, on a live host: OpenRC's state
/// directory, else the script's `status` action read by its LSB exit code (0 running,
/// 1 to 3 not running; anything else does not say).
fn init_script_running(
    reader: &dyn StateReader,
    name: &str,
    init: &str,
) -> Result<Result<bool, String>, ReadError> {
    if init == "openrc" && reader.stat(OPENRC_RUN)?.is_some() {
        return Ok(Ok(reader
            .lstat(&format!("{OPENRC_RUN}/started/{name}"))?
            .is_some()));
    }
    let script = format!("/etc/init.d/{name}");
    Ok(match reader.run(&[&script, "status"]) {
        Some(Ok(out)) => match out.status {
            Some(0) => Ok(true),
            Some(1..=3) => Ok(false),
            other => Err(format!(
                "`{script} status` exited with {other:?}, which does not say"
            )),
        },
        Some(Err(e)) => Err(format!("{script} status: {e}")),
        None => Err("no command can run here".into()),
    })
}

pub fn service(check: &ServiceCheck, reader: &dyn StateReader) -> Result<Evaluation, ReadError> {
    let unit = unit_name(&check.name);
    let (mut state, mut observed) = unit_state(reader, &unit)?;
    // No systemd unit: an init script (OpenRC, SysV) may start it instead.
    let base = unit.strip_suffix(".service").unwrap_or(&unit).to_string();
    let mut init = None;
    let mut shown = unit.clone();
    if state == "not-found"
        && !base.contains('.')
        && let Some((s, o)) = init_script_state(reader, &base)?
    {
        init = o["init"].as_str().map(str::to_string);
        shown = format!("{base} ({} init script)", init.as_deref().unwrap_or("?"));
        state = s;
        observed = o;
    }
    let mut failures = Vec::new();
    let mut unknown = Vec::new();
    let mut seen = vec![format!("{shown} is {state}")];
    if let Some(want) = check.enabled {
        let is = state == "enabled";
        if is != want {
            failures.push(if want && state == "not-found" {
                format!(
                    "{unit} is not installed (no unit file, and no init script /etc/init.d/{base})"
                )
            } else if want {
                format!("{shown} is {state}, not enabled")
            } else {
                format!("{shown} is enabled and must not be")
            });
        }
    }
    if let Some(want) = check.running {
        let running: Result<bool, String> = if !reader.is_live() {
            Err(format!(
                "whether {unit} runs can only be checked on a running host"
            ))
        } else if let Some(init) = &init {
            match init_script_running(reader, &base, init)? {
                Ok(r) => {
                    observed["active"] = json!(if r { "running" } else { "stopped" });
                    Ok(r)
                }
                Err(e) => Err(e),
            }
        } else if reader.lstat("/run/systemd/system")?.is_none() {
            Err(format!(
                "systemd is not running on {} and no init script /etc/init.d/{base} starts {unit}, so whether it runs is unknown",
                reader.describe()
            ))
        } else {
            match reader.run(&["systemctl", "is-active", &unit]) {
                Some(Ok(out)) => {
                    let active = out.stdout.trim().to_string();
                    observed["active"] = json!(active);
                    seen.push(active.clone());
                    Ok(active == "active")
                }
                Some(Err(e)) => Err(format!("systemctl: {e}")),
                None => Err("no command can run here".into()),
            }
        };
        match running {
            Ok(is) if is != want => failures.push(if want {
                match observed["active"].as_str() {
                    Some(a) if init.is_none() => format!("{shown} is not running ({a})"),
                    _ => format!("{shown} is not running"),
                }
            } else {
                format!("{shown} is running and must not be")
            }),
            Ok(is) => {
                if init.is_some() {
                    seen.push(if is {
                        "running".into()
                    } else {
                        "stopped".into()
                    });
                }
            }
            Err(e) => unknown.push(e),
        }
    }
    Ok(if !failures.is_empty() {
        Evaluation::fail(failures.join("; "), observed)
    } else if !unknown.is_empty() {
        let mut e = Evaluation::unknown(unknown.join("; "));
        e.observed = observed;
        e
    } else {
        Evaluation::pass(seen.join(", "), observed)
    })
}

pub fn process(check: &ProcessCheck, reader: &dyn StateReader) -> Result<Evaluation, ReadError> {
    if !reader.is_live() {
        return Ok(not_live(reader, "a running process"));
    }
    let names = reader.process_names()?;
    let count = names.get(&check.name).copied().unwrap_or(0);
    let observed = json!({"running": count});
    Ok(match (count > 0, check.running) {
        (true, true) => Evaluation::pass(format!("{} runs ({count})", check.name), observed),
        (false, false) => Evaluation::pass(format!("{} does not run", check.name), observed),
        (false, true) => {
            Evaluation::fail(format!("no process named {} runs", check.name), observed)
        }
        (true, false) => Evaluation::fail(
            format!("{} runs ({count} processes) and must not", check.name),
            observed,
        ),
    })
}

/// uid -> name from the root's /etc/passwd (or gid -> name from /etc/group).
fn id_names(reader: &dyn StateReader, file: &str) -> Result<BTreeMap<u32, String>, ReadError> {
    let text = reader
        .read(file)?
        .map(|b| String::from_utf8_lossy(&b).into_owned())
        .unwrap_or_default();
    Ok(text
        .lines()
        .filter_map(|l| {
            let mut f = l.split(':');
            let name = f.next()?;
            let id = f.nth(1)?.parse().ok()?;
            Some((id, name.to_string()))
        })
        .collect())
}

fn owner_matches(want: &str, id: u32, name: Option<&str>) -> bool {
    want == id.to_string() || name == Some(want)
}

/// The largest file whose content a check reads: configuration files are far smaller.
const MAX_CONTENT_BYTES: u64 = 16 * 1024 * 1024;

pub fn file(check: &FileCheck, reader: &dyn StateReader) -> Result<Evaluation, ReadError> {
    let path = check.path.get_ref().as_str();
    let Some(meta) = reader.stat(path)? else {
        let observed = json!({"exists": false});
        return Ok(if check.present {
            Evaluation::fail(format!("{path} does not exist"), observed)
        } else {
            Evaluation::pass(format!("{path} does not exist"), observed)
        });
    };
    if !check.present {
        return Ok(Evaluation::fail(
            format!("{path} exists and must not"),
            json!({"exists": true}),
        ));
    }
    let users = id_names(reader, "/etc/passwd")?;
    let groups = id_names(reader, "/etc/group")?;
    let owner = users.get(&meta.uid).cloned();
    let group = groups.get(&meta.gid).cloned();
    let mut observed = json!({
        "exists": true,
        "owner": owner.clone().unwrap_or_else(|| meta.uid.to_string()),
        "group": group.clone().unwrap_or_else(|| meta.gid.to_string()),
        "mode": format!("{:04o}", meta.mode),
    });
    let mut failures: Vec<String> = Vec::new();
    let mut location = None;
    if let Some(want) = &check.owner
        && !owner_matches(want, meta.uid, owner.as_deref())
    {
        failures.push(format!(
            "owned by {}, not {want}",
            owner
                .as_deref()
                .map_or(meta.uid.to_string(), str::to_string)
        ));
    }
    if let Some(want) = &check.group
        && !owner_matches(want, meta.gid, group.as_deref())
    {
        failures.push(format!(
            "group {}, not {want}",
            group
                .as_deref()
                .map_or(meta.gid.to_string(), str::to_string)
        ));
    }
    if let Some(m) = check.mode.as_ref().and_then(|m| parse_mode(m.get_ref()))
        && meta.mode != m
    {
        failures.push(format!("mode {:04o}, not {m:04o}", meta.mode));
    }
    if let Some(m) = check
        .max_mode
        .as_ref()
        .and_then(|m| parse_mode(m.get_ref()))
        && meta.mode & !m != 0
    {
        failures.push(format!(
            "mode {:04o} allows more than {m:04o} (extra bits {:04o})",
            meta.mode,
            meta.mode & !m
        ));
    }
    let wants_content = check.content.is_some()
        || check.regex.is_some()
        || check.not_regex.is_some()
        || check.format.is_some();
    if wants_content {
        if meta.kind != FileKind::File {
            failures.push(format!("{path} is not a regular file"));
        } else if meta.size > MAX_CONTENT_BYTES {
            return Ok(Evaluation::unknown(format!(
                "{path} is {} bytes; content checks read files up to {MAX_CONTENT_BYTES} bytes",
                meta.size
            )));
        } else {
            let Some(bytes) = reader.read(path)? else {
                return Ok(Evaluation::unknown(format!("{path} vanished while read")));
            };
            let text = String::from_utf8_lossy(&bytes).into_owned();
            observed["sha256"] = json!(hex::encode(Sha256::digest(&bytes)));
            observed["lines"] = json!(text.lines().count());
            if let Some(want) = &check.content
                && text != *want
            {
                failures.push("content differs from the expected content".into());
            }
            if let Some(re) = &check.regex {
                let re = compile(re.get_ref());
                match re.find(&text) {
                    Some(_) => {}
                    None => failures.push(format!("no line matches `{}`", re.as_str())),
                }
            }
            if let Some(re) = &check.not_regex {
                let re = compile(re.get_ref());
                if let Some(m) = re.find(&text) {
                    let line = text[..m.start()].matches('\n').count() + 1;
                    failures.push(format!(
                        "line {line} matches `{}`: {}",
                        re.as_str(),
                        text.lines().nth(line - 1).unwrap_or("").trim()
                    ));
                    location.get_or_insert((path.to_string(), line));
                }
            }
            if let Some(format) = check.format {
                let settings = match config::parse(reader, path, &text, format) {
                    Ok(s) => s,
                    Err(e) => return Ok(Evaluation::fail(e, observed)),
                };
                let sshd = format == ConfigFormat::Sshd;
                let key_of = |k: &str| {
                    if sshd {
                        k.to_ascii_lowercase()
                    } else {
                        k.to_string()
                    }
                };
                let mut seen = serde_json::Map::new();
                for (k, want) in &check.keys {
                    let want = want.get_ref();
                    let (value, from_default) = match settings.get(&key_of(k)) {
                        Some(s) => (Some(s.value.clone()), None),
                        None if sshd => (config::sshd_default(k).map(str::to_string), Some(())),
                        None => (None, None),
                    };
                    seen.insert(
                        k.clone(),
                        match (&value, from_default) {
                            (Some(v), Some(())) => json!(format!("{v} (default)")),
                            (Some(v), None) => json!(v),
                            (None, _) => Value::Null,
                        },
                    );
                    match value {
                        Some(v) if config::satisfies(&v, want, sshd) => {}
                        Some(v) => {
                            let origin = match settings.get(&key_of(k)) {
                                Some(s) => {
                                    location.get_or_insert((s.file.clone(), s.line));
                                    format!("{}:{}", s.file, s.line)
                                }
                                None => "not set; sshd's default".to_string(),
                            };
                            failures.push(format!("{k} is {v} ({origin}), expected {want}"));
                        }
                        None => failures.push(format!("{k} is not set, expected {want}")),
                    }
                }
                for k in &check.absent_keys {
                    if let Some(s) = settings.get(&key_of(k)) {
                        seen.insert(k.clone(), json!(s.value));
                        location.get_or_insert((s.file.clone(), s.line));
                        failures.push(format!(
                            "{k} is set ({} at {}:{}) and must not be",
                            s.value, s.file, s.line
                        ));
                    }
                }
                observed["keys"] = Value::Object(seen);
            }
        }
    }
    let mut e = if failures.is_empty() {
        Evaluation::pass(format!("{path}: as required"), observed)
    } else {
        Evaluation::fail(format!("{path}: {}", failures.join("; ")), observed)
    };
    if let Some((f, l)) = location {
        e = e.at(&f, l);
    }
    Ok(e)
}

fn compile(re: &str) -> regex::Regex {
    // Validated when the manifest was read; a pattern that cannot match is the safe fallback.
    regex::RegexBuilder::new(re)
        .multi_line(true)
        .build()
        .unwrap_or_else(|_| regex::Regex::new(r"[^\s\S]").expect("constant pattern"))
}

const SYSCTL_DIRS: &[&str] = &[
    "/etc/sysctl.d",
    "/run/sysctl.d",
    "/usr/local/lib/sysctl.d",
    "/usr/lib/sysctl.d",
    "/lib/sysctl.d",
];

/// The value the root's sysctl configuration sets for `key`, as systemd-sysctl applies it:
/// *.conf files by name across the directories (the first directory wins a name), then
/// /etc/sysctl.conf.
fn configured_sysctl(
    reader: &dyn StateReader,
    key: &str,
) -> Result<Option<config::Setting>, ReadError> {
    let mut files: BTreeMap<String, String> = BTreeMap::new();
    for dir in SYSCTL_DIRS {
        for f in glob(reader, &format!("{dir}/*.conf"))? {
            let name = f.rsplit('/').next().unwrap_or("").to_string();
            files.entry(name).or_insert(f);
        }
    }
    let mut ordered: Vec<String> = files.into_values().collect();
    ordered.push("/etc/sysctl.conf".into());
    let mut found = None;
    let want = key.replace('/', ".");
    for f in ordered {
        let Some(bytes) = reader.read(&f)? else {
            continue;
        };
        for (k, s) in config::keyvalue(&f, &String::from_utf8_lossy(&bytes)) {
            let k = k.trim_start_matches('-').replace('/', ".");
            if k == want {
                found = Some(s);
            }
        }
    }
    Ok(found)
}

pub fn sysctl(check: &SysctlCheck, reader: &dyn StateReader) -> Result<Evaluation, ReadError> {
    let want = check.value.get_ref();
    if reader.is_live() {
        let path = format!("/proc/sys/{}", check.key.replace('.', "/"));
        return Ok(match reader.read(&path)? {
            None => Evaluation::unknown(format!("{} does not exist on this kernel", check.key)),
            Some(b) => {
                let v = String::from_utf8_lossy(&b).trim().to_string();
                let observed = json!({"value": v, "source": "running kernel"});
                if config::satisfies(&v, want, false) {
                    Evaluation::pass(format!("{} = {v}", check.key), observed)
                } else {
                    Evaluation::fail(format!("{} is {v}, expected {want}", check.key), observed)
                }
            }
        });
    }
    Ok(match configured_sysctl(reader, &check.key)? {
        None => Evaluation::unknown(format!(
            "{} is not set in the root's sysctl configuration, so the kernel's default applies, which an image cannot show",
            check.key
        )),
        Some(s) => {
            let observed = json!({"value": s.value, "source": format!("{}:{}", s.file, s.line)});
            if config::satisfies(&s.value, want, false) {
                Evaluation::pass(
                    format!("{} = {} ({}:{})", check.key, s.value, s.file, s.line),
                    observed,
                )
            } else {
                Evaluation::fail(
                    format!(
                        "{} is {} ({}:{}), expected {want}",
                        check.key, s.value, s.file, s.line
                    ),
                    observed,
                )
                .at(&s.file, s.line)
            }
        }
    })
}

const MODPROBE_DIRS: &[&str] = &[
    "/etc/modprobe.d",
    "/run/modprobe.d",
    "/usr/local/lib/modprobe.d",
    "/usr/lib/modprobe.d",
    "/lib/modprobe.d",
];

fn module_name(n: &str) -> String {
    n.replace('-', "_")
}

pub fn kernel_module(
    check: &KernelModuleCheck,
    reader: &dyn StateReader,
) -> Result<Evaluation, ReadError> {
    let name = module_name(&check.name);
    let mut install_disabled = None;
    let mut blacklisted = None;
    for dir in MODPROBE_DIRS {
        for f in glob(reader, &format!("{dir}/*.conf"))? {
            let Some(bytes) = reader.read(&f)? else {
                continue;
            };
            for (i, line) in String::from_utf8_lossy(&bytes).lines().enumerate() {
                let words: Vec<&str> = line.split_whitespace().collect();
                match words.as_slice() {
                    ["install", m, cmd, ..] if module_name(m) == name => {
                        let base = cmd.rsplit('/').next().unwrap_or("");
                        if base == "false" || base == "true" {
                            install_disabled.get_or_insert(format!("{f}:{}", i + 1));
                        }
                    }
                    ["blacklist", m] if module_name(m) == name => {
                        blacklisted.get_or_insert(format!("{f}:{}", i + 1));
                    }
                    _ => {}
                }
            }
        }
    }
    let loaded = if reader.is_live() {
        reader.read("/proc/modules")?.map(|b| {
            String::from_utf8_lossy(&b)
                .lines()
                .any(|l| l.split_whitespace().next() == Some(name.as_str()))
        })
    } else {
        None
    };
    let observed = json!({
        "install_disabled": install_disabled,
        "blacklisted": blacklisted,
        "loaded": loaded,
    });
    if loaded == Some(true) {
        return Ok(Evaluation::fail(
            format!("kernel module {} is loaded", check.name),
            observed,
        ));
    }
    Ok(match &install_disabled {
        Some(at) => Evaluation::pass(
            format!("{} cannot be loaded (install to false at {at})", check.name),
            observed,
        ),
        None => Evaluation::fail(
            format!(
                "{} can be loaded: no `install {} /bin/false` in modprobe.d{}",
                check.name,
                check.name,
                if blacklisted.is_some() {
                    " (a blacklist line stops only automatic loading)"
                } else {
                    ""
                }
            ),
            observed,
        ),
    })
}

/// Local addresses listening on `port` (TCP in LISTEN state, UDP unconnected sockets).
fn listeners(
    reader: &dyn StateReader,
    port: u16,
    proto: PortProtocol,
) -> Result<Option<Vec<String>>, ReadError> {
    let (files, state) = match proto {
        PortProtocol::Tcp => (["/proc/net/tcp", "/proc/net/tcp6"], "0A"),
        PortProtocol::Udp => (["/proc/net/udp", "/proc/net/udp6"], "07"),
    };
    let mut any = false;
    let mut out = Vec::new();
    for f in files {
        let Some(bytes) = reader.read(f)? else {
            continue;
        };
        any = true;
        for line in String::from_utf8_lossy(&bytes).lines().skip(1) {
            let fields: Vec<&str> = line.split_whitespace().collect();
            if fields.len() < 4 || fields[3] != state {
                continue;
            }
            let Some((addr, p)) = fields[1].split_once(':') else {
                continue;
            };
            if u16::from_str_radix(p, 16).ok() == Some(port) {
                out.push(format!("{}:{port}", hex_addr(addr)));
            }
        }
    }
    out.sort();
    out.dedup();
    Ok(any.then_some(out))
}

/// The kernel's hex address in /proc/net (host byte order per 32-bit word).
fn hex_addr(h: &str) -> String {
    if !h.is_ascii() {
        // Not what a kernel writes (a remote host may send anything): shown as it came.
        return h.to_string();
    }
    let words: Vec<u32> = (0..h.len() / 8)
        .filter_map(|i| u32::from_str_radix(&h[i * 8..i * 8 + 8], 16).ok())
        .collect();
    let bytes: Vec<u8> = words.iter().flat_map(|w| w.to_le_bytes()).collect();
    match bytes.len() {
        4 => std::net::Ipv4Addr::new(bytes[0], bytes[1], bytes[2], bytes[3]).to_string(),
        16 => {
            let mut a = [0u8; 16];
            a.copy_from_slice(&bytes);
            format!("[{}]", std::net::Ipv6Addr::from(a))
        }
        _ => h.to_string(),
    }
}

pub fn port(check: &PortCheck, reader: &dyn StateReader) -> Result<Evaluation, ReadError> {
    if !reader.is_live() {
        return Ok(not_live(reader, "a listening port"));
    }
    let proto = match check.protocol {
        PortProtocol::Tcp => "tcp",
        PortProtocol::Udp => "udp",
    };
    let Some(addrs) = listeners(reader, check.port, check.protocol)? else {
        return Ok(Evaluation::unknown(format!(
            "/proc/net/{proto} is not readable on {}",
            reader.describe()
        )));
    };
    let observed = json!({"listening": addrs});
    Ok(match (addrs.is_empty(), check.listening) {
        (false, true) => Evaluation::pass(
            format!("{proto}/{} listening on {}", check.port, addrs.join(", ")),
            observed,
        ),
        (true, false) => Evaluation::pass(
            format!("nothing listens on {proto}/{}", check.port),
            observed,
        ),
        (true, true) => Evaluation::fail(
            format!("nothing listens on {proto}/{}", check.port),
            observed,
        ),
        (false, false) => Evaluation::fail(
            format!(
                "{proto}/{} is listening on {}",
                check.port,
                addrs.join(", ")
            ),
            observed,
        ),
    })
}

/// How an account's password field reads, without the hash.
fn password_state(field: &str) -> &'static str {
    if field.is_empty() {
        "empty"
    } else if field.starts_with('!') || field.starts_with('*') {
        "locked"
    } else {
        "set"
    }
}

pub fn user(check: &UserCheck, reader: &dyn StateReader) -> Result<Evaluation, ReadError> {
    let passwd = reader
        .read("/etc/passwd")?
        .map(|b| String::from_utf8_lossy(&b).into_owned());
    let Some(passwd) = passwd else {
        return Ok(Evaluation::unknown(format!(
            "no /etc/passwd on {}",
            reader.describe()
        )));
    };
    let accounts: Vec<(&str, &str)> = passwd
        .lines()
        .filter_map(|l| {
            let mut f = l.split(':');
            Some((f.next()?, f.next()?))
        })
        .filter(|(n, _)| !n.is_empty() && !n.starts_with('#'))
        .collect();
    let all = check.name == "*";
    let selected: Vec<(&str, &str)> = accounts
        .iter()
        .filter(|(n, _)| all || *n == check.name)
        .copied()
        .collect();
    if check.absent {
        let names: Vec<&str> = selected.iter().map(|(n, _)| *n).collect();
        let observed = json!({"present": names});
        return Ok(if names.is_empty() {
            Evaluation::pass(format!("no account {}", check.name), observed)
        } else {
            Evaluation::fail(format!("account {} exists", names.join(", ")), observed)
        });
    }
    let Some(want) = check.password else {
        return Ok(Evaluation::unknown("nothing to check"));
    };
    if selected.is_empty() {
        return Ok(Evaluation::pass(
            format!("no account {}", check.name),
            json!({"accounts": {}}),
        ));
    }
    let shadow = match reader.read("/etc/shadow") {
        Ok(s) => s.map(|b| String::from_utf8_lossy(&b).into_owned()),
        Err(e) => {
            return Ok(Evaluation::unknown(format!(
                "cannot read /etc/shadow ({}); run as root or with sudo rights",
                e.reason
            )));
        }
    };
    let shadow_fields: BTreeMap<&str, &str> = shadow
        .as_deref()
        .unwrap_or("")
        .lines()
        .filter_map(|l| {
            let mut f = l.split(':');
            Some((f.next()?, f.next()?))
        })
        .collect();
    let mut states = serde_json::Map::new();
    let mut bad = Vec::new();
    for (name, passwd_field) in &selected {
        // A password in /etc/passwd itself (not `x`) counts as the account's password.
        let field = if *passwd_field == "x" {
            shadow_fields.get(name).copied()
        } else {
            Some(*passwd_field)
        };
        let state = match field {
            Some(f) => password_state(f),
            None => "no shadow entry",
        };
        states.insert(name.to_string(), json!(state));
        let ok = match want {
            PasswordState::Locked => state == "locked" || state == "no shadow entry",
            PasswordState::NotEmpty => state != "empty",
        };
        if !ok {
            bad.push(format!("{name} ({state})"));
        }
    }
    let observed = json!({"accounts": states});
    let what = match want {
        PasswordState::Locked => "a usable password",
        PasswordState::NotEmpty => "an empty password",
    };
    Ok(if bad.is_empty() {
        Evaluation::pass(format!("no account has {what}"), observed)
    } else {
        Evaluation::fail(format!("{what}: {}", bad.join(", ")), observed)
    })
}

/// Every cron job line with its file, line and user.
fn cron_jobs(reader: &dyn StateReader) -> Result<Vec<(String, usize, String, String)>, ReadError> {
    let mut files: Vec<(String, Option<String>)> = vec![("/etc/crontab".into(), None)];
    for (name, kind) in reader.list("/etc/cron.d")?.unwrap_or_default() {
        if kind != FileKind::Dir && !name.starts_with('.') {
            files.push((format!("/etc/cron.d/{name}"), None));
        }
    }
    for spool in ["/var/spool/cron/crontabs", "/var/spool/cron"] {
        for (name, kind) in reader.list(spool)?.unwrap_or_default() {
            if kind == FileKind::File {
                files.push((format!("{spool}/{name}"), Some(name)));
            }
        }
    }
    let mut jobs = Vec::new();
    for (file, spool_user) in files {
        let Some(bytes) = reader.read(&file)? else {
            continue;
        };
        for (i, raw) in String::from_utf8_lossy(&bytes).lines().enumerate() {
            let line = raw.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let first = line.split_whitespace().next().unwrap_or("");
            // Variable assignments (SHELL=/bin/sh, MAILTO=...) are not jobs.
            if first.contains('=') && !first.starts_with('@') {
                continue;
            }
            let user = match &spool_user {
                Some(u) => u.clone(),
                None => {
                    let fields = if first.starts_with('@') { 1 } else { 5 };
                    line.split_whitespace()
                        .nth(fields)
                        .unwrap_or("")
                        .to_string()
                }
            };
            jobs.push((file.clone(), i + 1, user, line.to_string()));
        }
    }
    Ok(jobs)
}

pub fn cron(check: &CronCheck, reader: &dyn StateReader) -> Result<Evaluation, ReadError> {
    let re = compile(check.regex.get_ref());
    let matches: Vec<(String, usize, String, String)> = cron_jobs(reader)?
        .into_iter()
        .filter(|(_, _, user, line)| {
            re.is_match(line) && check.user.as_ref().is_none_or(|u| u == user)
        })
        .collect();
    // Where, not what: a job's command line may carry a credential, and the state is kept.
    let shown: Vec<String> = matches
        .iter()
        .map(|(f, l, _, _)| format!("{f}:{l}"))
        .collect();
    let observed = json!({"entries": shown});
    let pattern = check.regex.get_ref();
    Ok(match (matches.first(), check.present) {
        (Some((f, l, _, _)), true) => Evaluation::pass(format!("cron entry at {f}:{l}"), observed),
        (None, false) => Evaluation::pass(format!("no cron entry matches `{pattern}`"), observed),
        (None, true) => Evaluation::fail(format!("no cron entry matches `{pattern}`"), observed),
        (Some((f, l, _, line)), false) => {
            Evaluation::fail(format!("{f}:{l}: `{line}` must not be scheduled"), observed).at(f, *l)
        }
    })
}

/// An audit rule as option -> values, with permission letters and syscall lists as sets.
fn audit_options(rule: &str) -> BTreeMap<String, Vec<String>> {
    let words: Vec<&str> = rule.split_whitespace().collect();
    let mut out: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut i = 0;
    while i < words.len() {
        let flag = words[i];
        let value = words.get(i + 1).filter(|v| !v.starts_with('-')).copied();
        if value.is_some() {
            i += 2;
        } else {
            i += 1;
        }
        let value = value.unwrap_or("");
        let values: Vec<String> = match flag {
            "-p" => value.chars().map(|c| c.to_string()).collect(),
            "-S" | "-a" => value.split(',').map(str::to_string).collect(),
            _ => vec![value.to_string()],
        };
        let slot = out.entry(flag.to_string()).or_default();
        slot.extend(values);
        slot.sort();
        slot.dedup();
    }
    out
}

/// Whether `have` has every option `want` has. Permissions must be the same set.
fn audit_rule_covers(
    have: &BTreeMap<String, Vec<String>>,
    want: &BTreeMap<String, Vec<String>>,
) -> bool {
    want.iter().all(|(flag, values)| match have.get(flag) {
        None => false,
        Some(h) if flag == "-p" => h == values,
        Some(h) => values.iter().all(|v| h.contains(v)),
    })
}

pub fn audit_rule(
    check: &AuditRuleCheck,
    reader: &dyn StateReader,
) -> Result<Evaluation, ReadError> {
    let mut files = glob(reader, "/etc/audit/rules.d/*.rules")?;
    if files.is_empty() {
        files.push("/etc/audit/audit.rules".into());
    }
    let want = audit_options(check.rule.get_ref());
    let mut read_any = false;
    for f in &files {
        let Some(bytes) = reader.read(f)? else {
            continue;
        };
        read_any = true;
        for (i, line) in String::from_utf8_lossy(&bytes).lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            if audit_rule_covers(&audit_options(line), &want) {
                return Ok(Evaluation::pass(
                    format!("{f}:{}: {line}", i + 1),
                    json!({"rule": line, "at": format!("{f}:{}", i + 1)}),
                ));
            }
        }
    }
    let observed = json!({"rule": Value::Null});
    Ok(if read_any {
        Evaluation::fail(
            format!(
                "no audit rule like `{}` in {}",
                check.rule.get_ref(),
                files.join(", ")
            ),
            observed,
        )
    } else {
        Evaluation::fail(
            "no audit rules: neither /etc/audit/rules.d/*.rules nor /etc/audit/audit.rules exists",
            observed,
        )
    })
}

/// At most this many world-writable paths are listed.
const WORLD_WRITABLE_LIMIT: usize = 200;

pub fn world_writable(
    check: &WorldWritableCheck,
    reader: &dyn StateReader,
) -> Result<Evaluation, ReadError> {
    let found: Vec<String> = reader
        .world_writable(&check.under, WORLD_WRITABLE_LIMIT)?
        .into_iter()
        .filter(|p| {
            !check
                .except
                .iter()
                .any(|e| p == e || config::wildcard(e, p))
        })
        .collect();
    let observed = json!({"paths": found});
    Ok(if found.is_empty() {
        Evaluation::pass(
            format!("nothing world-writable under {}", check.under.join(", ")),
            observed,
        )
    } else {
        let shown: Vec<&str> = found.iter().take(10).map(String::as_str).collect();
        Evaluation::fail(
            format!(
                "{} world-writable: {}{}",
                found.len(),
                shown.join(", "),
                if found.len() > shown.len() {
                    ", ..."
                } else {
                    ""
                }
            ),
            observed,
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn proc_net_addresses() {
        assert_eq!(hex_addr("0100007F"), "127.0.0.1");
        assert_eq!(hex_addr("00000000000000000000000000000000"), "[::]");
        assert_eq!(hex_addr("0100007\u{e9}"), "0100007\u{e9}");
    }

    #[test]
    fn audit_rules_match_by_options() {
        let want = audit_options("-w /etc/passwd -p wa -k identity");
        assert!(audit_rule_covers(
            &audit_options("-w /etc/passwd -p aw -k identity"),
            &want
        ));
        assert!(!audit_rule_covers(
            &audit_options("-w /etc/passwd -p w -k identity"),
            &want
        ));
        assert!(!audit_rule_covers(
            &audit_options("-w /etc/shadow -p wa -k identity"),
            &want
        ));
        let want = audit_options("-a always,exit -F arch=b64 -S execve");
        assert!(audit_rule_covers(
            &audit_options("-a exit,always -F arch=b64 -S execve,execveat -k exec"),
            &want
        ));
    }
}
