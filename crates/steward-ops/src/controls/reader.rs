//! Where control state is read from. Every check reads through [`StateReader`], so the same
//! code checks the local host, a mounted image or container root, and a host over SSH.
//! Paths are always absolute paths as the checked system sees them (`/etc/passwd`).

use std::collections::BTreeMap;
use std::fmt;
use std::io::Read;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// What kind of file a path is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum FileKind {
    File,
    Dir,
    Symlink,
    Other,
}

/// The parts of `stat` the checks use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Meta {
    pub kind: FileKind,
    /// Permission bits with setuid, setgid and sticky: `0o4755`.
    pub mode: u32,
    pub uid: u32,
    pub gid: u32,
    pub size: u64,
}

/// A read that failed for a reason other than the path not existing.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{path}: {reason}")]
pub struct ReadError {
    pub path: String,
    pub reason: String,
}

impl ReadError {
    pub fn new(path: &str, reason: impl fmt::Display) -> Self {
        ReadError {
            path: path.to_string(),
            reason: reason.to_string(),
        }
    }
}

/// What a command run on a live system printed.
#[derive(Debug, Clone)]
pub struct CommandOutput {
    pub status: Option<i32>,
    pub stdout: String,
}

/// Read access to the system whose controls are checked.
pub trait StateReader {
    /// What is being checked, for reports: `this host (web-1)`, `root /mnt/image`, `ssh ops@db-1`.
    fn describe(&self) -> String;
    /// A name for the ledger when no environment is given: the host name, or the root path.
    fn default_key(&self) -> String;
    /// Whether the system is running, so /proc, listening ports and service state exist.
    fn is_live(&self) -> bool;
    /// File content, following symlinks; `None` when the path does not exist.
    fn read(&self, path: &str) -> Result<Option<Vec<u8>>, ReadError>;
    /// Metadata following symlinks; `None` when the path does not exist.
    fn stat(&self, path: &str) -> Result<Option<Meta>, ReadError>;
    /// Metadata of the path itself (a symlink is reported as one).
    fn lstat(&self, path: &str) -> Result<Option<Meta>, ReadError>;
    /// A symlink's target as written; `None` when the path is not a symlink.
    fn read_link(&self, path: &str) -> Result<Option<String>, ReadError>;
    /// A directory's entries (names and kinds, not followed), sorted by name; `None` when it
    /// does not exist.
    fn list(&self, dir: &str) -> Result<Option<Vec<(String, FileKind)>>, ReadError>;
    /// Run a command on a live system; `None` on an image root, where nothing runs.
    fn run(&self, argv: &[&str]) -> Option<Result<CommandOutput, ReadError>>;

    /// The command names of the running processes (`/proc/PID/comm`, and the base name of
    /// argv[0] when it differs), each with how many processes bear it. Live systems only.
    fn process_names(&self) -> Result<BTreeMap<String, usize>, ReadError> {
        let mut names: BTreeMap<String, usize> = BTreeMap::new();
        for (pid, _) in self.list("/proc")?.unwrap_or_default() {
            if !pid.bytes().all(|b| b.is_ascii_digit()) {
                continue;
            }
            // A process may end while it is read; that is not an error.
            let comm = self.read(&format!("/proc/{pid}/comm")).ok().flatten();
            let cmdline = self.read(&format!("/proc/{pid}/cmdline")).ok().flatten();
            for name in process_entry(comm.as_deref(), cmdline.as_deref()) {
                *names.entry(name).or_default() += 1;
            }
        }
        Ok(names)
    }

    /// Files that anyone may write, and directories anyone may write without the sticky bit,
    /// under `dirs` (symlinks not followed, one file system per directory).
    fn world_writable(&self, dirs: &[String], limit: usize) -> Result<Vec<String>, ReadError> {
        let mut found = Vec::new();
        for dir in dirs {
            let mut stack = vec![dir.trim_end_matches('/').to_string()];
            if self.lstat(dir)?.is_none() {
                continue;
            }
            while let Some(d) = stack.pop() {
                let Some(entries) = self.list(if d.is_empty() { "/" } else { &d })? else {
                    continue;
                };
                for (name, kind) in entries {
                    let path = format!("{d}/{name}");
                    if kind == FileKind::Symlink {
                        continue;
                    }
                    let Some(meta) = self.lstat(&path)? else {
                        continue;
                    };
                    if is_world_writable(&meta) {
                        found.push(path.clone());
                        if found.len() >= limit {
                            return Ok(found);
                        }
                    }
                    if kind == FileKind::Dir {
                        stack.push(path);
                    }
                }
            }
        }
        found.sort();
        Ok(found)
    }
}

/// The names one process answers to: its `comm`, and argv[0]'s base name when different.
fn process_entry(comm: Option<&[u8]>, cmdline: Option<&[u8]>) -> Vec<String> {
    let mut these = Vec::new();
    if let Some(c) = comm {
        let c = String::from_utf8_lossy(c).trim().to_string();
        if !c.is_empty() {
            these.push(c);
        }
    }
    if let Some(c) = cmdline
        && let Some(arg0) = c.split(|b| *b == 0).next()
    {
        let arg0 = String::from_utf8_lossy(arg0);
        let base = arg0.rsplit('/').next().unwrap_or("").trim_end_matches(':');
        if !base.is_empty() && !these.iter().any(|t| t == base) {
            these.push(base.to_string());
        }
    }
    these
}

/// Whether `meta` is a world-writable file, or a world-writable directory without the
/// sticky bit (`/tmp`-style directories are fine).
pub fn is_world_writable(meta: &Meta) -> bool {
    match meta.kind {
        FileKind::Symlink => false,
        FileKind::Dir => meta.mode & 0o002 != 0 && meta.mode & 0o1000 == 0,
        _ => meta.mode & 0o002 != 0,
    }
}

fn meta_of(m: &std::fs::Metadata) -> Meta {
    let ft = m.file_type();
    Meta {
        kind: if ft.is_symlink() {
            FileKind::Symlink
        } else if ft.is_dir() {
            FileKind::Dir
        } else if ft.is_file() {
            FileKind::File
        } else {
            FileKind::Other
        },
        mode: m.mode() & 0o7777,
        uid: m.uid(),
        gid: m.gid(),
        size: m.size(),
    }
}

fn not_found(e: &std::io::Error) -> bool {
    matches!(
        e.kind(),
        std::io::ErrorKind::NotFound | std::io::ErrorKind::NotADirectory
    )
}

/// The files of a root directory: `/` (the live host) or a mounted image or container root.
/// Symlinks are resolved inside the root, as a process chrooted there would see them, so
/// an absolute link in an image never escapes to the host running steward.
#[derive(Debug, Clone)]
pub struct RootReader {
    root: PathBuf,
    live: bool,
}

/// Symlinks followed in one path before giving up (the kernel's limit).
const MAX_LINKS: usize = 40;

impl RootReader {
    /// Read the system under `root`. `/` is the live host; anything else an image root.
    pub fn new(root: &Path) -> Result<Self, ReadError> {
        let shown = root.display().to_string();
        let canonical = root
            .canonicalize()
            .map_err(|e| ReadError::new(&shown, format!("cannot open the root: {e}")))?;
        if !canonical.is_dir() {
            return Err(ReadError::new(&shown, "not a directory"));
        }
        Ok(RootReader {
            live: canonical == Path::new("/"),
            root: canonical,
        })
    }

    /// The live host (`/`).
    pub fn live() -> Self {
        RootReader {
            root: PathBuf::from("/"),
            live: true,
        }
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    fn host_path(&self, normalized: &[String]) -> PathBuf {
        let mut p = self.root.clone();
        for c in normalized {
            p.push(c);
        }
        p
    }

    /// Resolve `path` inside the root; `follow_last` decides whether a final symlink is
    /// followed. Returns the host path, or `None` when a component does not exist.
    fn resolve(&self, path: &str, follow_last: bool) -> Result<Option<PathBuf>, ReadError> {
        let mut done: Vec<String> = Vec::new();
        let mut todo: Vec<String> = components(path).into_iter().rev().collect();
        let mut links = 0;
        while let Some(c) = todo.pop() {
            if c == ".." {
                done.pop();
                continue;
            }
            done.push(c);
            let host = self.host_path(&done);
            let is_last = todo.is_empty();
            let meta = match std::fs::symlink_metadata(&host) {
                Ok(m) => m,
                Err(e) if not_found(&e) => return Ok(None),
                Err(e) => return Err(ReadError::new(path, e)),
            };
            if meta.file_type().is_symlink() && (!is_last || follow_last) {
                links += 1;
                if links > MAX_LINKS {
                    return Err(ReadError::new(path, "too many levels of symbolic links"));
                }
                let target = std::fs::read_link(&host).map_err(|e| ReadError::new(path, e))?;
                let target = target.to_string_lossy().into_owned();
                done.pop();
                if target.starts_with('/') {
                    done.clear();
                }
                todo.extend(components(&target).into_iter().rev());
            }
        }
        Ok(Some(self.host_path(&done)))
    }
}

/// `/a/./b//c` -> `["a", "b", "c"]`; `..` is kept for the resolver.
fn components(path: &str) -> Vec<String> {
    path.split('/')
        .filter(|c| !c.is_empty() && *c != ".")
        .map(str::to_string)
        .collect()
}

impl StateReader for RootReader {
    fn describe(&self) -> String {
        if self.live {
            format!("this host ({})", local_hostname())
        } else {
            format!("root {}", self.root.display())
        }
    }

    fn default_key(&self) -> String {
        if self.live {
            local_hostname()
        } else {
            self.root.display().to_string()
        }
    }

    fn is_live(&self) -> bool {
        self.live
    }

    fn read(&self, path: &str) -> Result<Option<Vec<u8>>, ReadError> {
        let Some(host) = self.resolve(path, true)? else {
            return Ok(None);
        };
        // A FIFO or device would block or never end; configuration is in regular files.
        match std::fs::metadata(&host) {
            Ok(m) if !m.is_file() => {
                return Err(ReadError::new(path, "not a regular file"));
            }
            Err(e) if not_found(&e) => return Ok(None),
            _ => {}
        }
        match std::fs::read(&host) {
            Ok(b) => Ok(Some(b)),
            Err(e) if not_found(&e) => Ok(None),
            Err(e) => Err(ReadError::new(path, e)),
        }
    }

    fn stat(&self, path: &str) -> Result<Option<Meta>, ReadError> {
        let Some(host) = self.resolve(path, true)? else {
            return Ok(None);
        };
        match std::fs::symlink_metadata(&host) {
            Ok(m) => Ok(Some(meta_of(&m))),
            Err(e) if not_found(&e) => Ok(None),
            Err(e) => Err(ReadError::new(path, e)),
        }
    }

    fn lstat(&self, path: &str) -> Result<Option<Meta>, ReadError> {
        let Some(host) = self.resolve(path, false)? else {
            return Ok(None);
        };
        match std::fs::symlink_metadata(&host) {
            Ok(m) => Ok(Some(meta_of(&m))),
            Err(e) if not_found(&e) => Ok(None),
            Err(e) => Err(ReadError::new(path, e)),
        }
    }

    fn read_link(&self, path: &str) -> Result<Option<String>, ReadError> {
        let Some(host) = self.resolve(path, false)? else {
            return Ok(None);
        };
        match std::fs::read_link(&host) {
            Ok(t) => Ok(Some(t.to_string_lossy().into_owned())),
            Err(e) if not_found(&e) || e.kind() == std::io::ErrorKind::InvalidInput => Ok(None),
            Err(e) => Err(ReadError::new(path, e)),
        }
    }

    fn list(&self, dir: &str) -> Result<Option<Vec<(String, FileKind)>>, ReadError> {
        let Some(host) = self.resolve(dir, true)? else {
            return Ok(None);
        };
        let rd = match std::fs::read_dir(&host) {
            Ok(rd) => rd,
            Err(e) if not_found(&e) => return Ok(None),
            Err(e) => return Err(ReadError::new(dir, e)),
        };
        let mut out = Vec::new();
        for entry in rd {
            let entry = entry.map_err(|e| ReadError::new(dir, e))?;
            let kind = match entry.file_type() {
                Ok(t) if t.is_symlink() => FileKind::Symlink,
                Ok(t) if t.is_dir() => FileKind::Dir,
                Ok(t) if t.is_file() => FileKind::File,
                _ => FileKind::Other,
            };
            out.push((entry.file_name().to_string_lossy().into_owned(), kind));
        }
        out.sort();
        Ok(Some(out))
    }

    fn run(&self, argv: &[&str]) -> Option<Result<CommandOutput, ReadError>> {
        if !self.live {
            return None;
        }
        let (program, args) = argv.split_first()?;
        Some(run_with_timeout(
            Command::new(program).args(args),
            program,
            COMMAND_TIMEOUT,
        ))
    }

    fn world_writable(&self, dirs: &[String], limit: usize) -> Result<Vec<String>, ReadError> {
        let mut found = Vec::new();
        for dir in dirs {
            let Some(start) = self.resolve(dir, true)? else {
                continue;
            };
            let Ok(top) = std::fs::symlink_metadata(&start) else {
                continue;
            };
            let dev = top.dev();
            let mut stack = vec![(start, dir.trim_end_matches('/').to_string())];
            while let Some((host, shown)) = stack.pop() {
                let Ok(rd) = std::fs::read_dir(&host) else {
                    continue;
                };
                for entry in rd.flatten() {
                    let Ok(m) = entry.metadata() else { continue };
                    let name = entry.file_name().to_string_lossy().into_owned();
                    let path = format!("{shown}/{name}");
                    let meta = meta_of(&m);
                    if is_world_writable(&meta) {
                        found.push(path.clone());
                        if found.len() >= limit {
                            found.sort();
                            return Ok(found);
                        }
                    }
                    if meta.kind == FileKind::Dir && m.dev() == dev {
                        stack.push((entry.path(), path));
                    }
                }
            }
        }
        found.sort();
        Ok(found)
    }
}

/// How long a command on the checked system may take.
const COMMAND_TIMEOUT: Duration = Duration::from_secs(60);

fn run_with_timeout(
    cmd: &mut Command,
    shown: &str,
    timeout: Duration,
) -> Result<CommandOutput, ReadError> {
    let mut child = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| ReadError::new(shown, format!("cannot run: {e}")))?;
    let mut stdout = child.stdout.take();
    let mut stderr = child.stderr.take();
    let out_thread = std::thread::spawn(move || {
        let mut buf = Vec::new();
        if let Some(s) = stdout.as_mut() {
            let _ = s.read_to_end(&mut buf);
        }
        buf
    });
    let err_thread = std::thread::spawn(move || {
        let mut buf = Vec::new();
        if let Some(s) = stderr.as_mut() {
            let _ = s.read_to_end(&mut buf);
        }
        buf
    });
    let started = Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if started.elapsed() > timeout => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(ReadError::new(
                    shown,
                    format!("no answer within {}s", timeout.as_secs()),
                ));
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(10)),
            Err(e) => return Err(ReadError::new(shown, e)),
        }
    };
    let stdout = out_thread.join().unwrap_or_default();
    let stderr = err_thread.join().unwrap_or_default();
    let _ = stderr;
    Ok(CommandOutput {
        status: status.code(),
        stdout: String::from_utf8_lossy(&stdout).into_owned(),
    })
}

fn local_hostname() -> String {
    std::fs::read_to_string("/proc/sys/kernel/hostname")
        .or_else(|_| std::fs::read_to_string("/etc/hostname"))
        .map(|s| s.trim().to_string())
        .ok()
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "localhost".to_string())
}

/// A host over SSH, read with the system `ssh` client in batch mode (no password prompts:
/// keys or an agent), over one shared connection. Reads use POSIX tools on the far side
/// (`cat`, `stat`, `find`, `readlink`) with GNU options, as found on Linux hosts.
pub struct SshReader {
    destination: String,
    options: Vec<String>,
    /// Run every read through `sudo -n` on the far side (an ssh user that is not root).
    sudo: bool,
    control_dir: tempfile::TempDir,
}

/// Exit status the remote scripts use for "no such path".
const ABSENT: i32 = 44;

impl SshReader {
    /// Connect to `destination` (`user@host`); `options` are `-o` options for ssh
    /// (`Port=2222`, `IdentityFile=...`); with `sudo`, reads run as root through `sudo -n`
    /// (never prompting). Fails when the host cannot be reached, refuses the key, or sudo
    /// wants a password, saying why.
    pub fn connect_as(
        destination: &str,
        options: &[String],
        sudo: bool,
    ) -> Result<Self, ReadError> {
        if destination.is_empty() || destination.starts_with('-') {
            return Err(ReadError::new(
                destination,
                "not an SSH destination: use user@host",
            ));
        }
        for o in options {
            if !o.contains('=') || o.starts_with('-') {
                return Err(ReadError::new(
                    o,
                    "an ssh option is KEY=VALUE, as in ssh_config (Port=2222)",
                ));
            }
        }
        let control_dir = tempfile::Builder::new()
            .prefix("steward-ssh-")
            .tempdir()
            .map_err(|e| ReadError::new("temporary directory", e))?;
        let reader = SshReader {
            destination: destination.to_string(),
            options: options.to_vec(),
            sudo,
            control_dir,
        };
        let (status, _, stderr) = reader.remote_bytes("true")?;
        if status != Some(0) {
            return Err(ReadError::new(
                destination,
                if sudo {
                    format!(
                        "sudo -n failed for the ssh user (it must run commands without a password): {}",
                        stderr.trim()
                    )
                } else {
                    format!(
                        "the SSH connection failed (exit {status:?}): {}",
                        stderr.trim()
                    )
                },
            ));
        }
        Ok(reader)
    }

    /// [`SshReader::connect_as`] as the ssh user itself, without sudo.
    pub fn connect(destination: &str, options: &[String]) -> Result<Self, ReadError> {
        Self::connect_as(destination, options, false)
    }

    fn remote(&self, script: &str) -> Result<CommandOutput, ReadError> {
        let (status, stdout, _) = self.remote_bytes(script)?;
        Ok(CommandOutput {
            status,
            stdout: String::from_utf8_lossy(&stdout).into_owned(),
        })
    }

    fn remote_path(&self, path: &str, script: &str) -> Result<Option<Vec<u8>>, ReadError> {
        let out = self.remote_bytes(script)?;
        match out.0 {
            Some(0) => Ok(Some(out.1)),
            Some(ABSENT) => Ok(None),
            status => Err(ReadError::new(
                path,
                format!("remote read failed (exit {status:?}): {}", out.2.trim()),
            )),
        }
    }

    fn remote_bytes(&self, script: &str) -> Result<(Option<i32>, Vec<u8>, String), ReadError> {
        let mut cmd = Command::new("ssh");
        cmd.args(["-o", "BatchMode=yes", "-o", "ConnectTimeout=15"])
            .args([
                "-o",
                "ServerAliveInterval=15",
                "-o",
                "ServerAliveCountMax=2",
            ])
            .args(["-o", "ControlMaster=auto", "-o", "ControlPersist=60"])
            .arg("-o")
            .arg(format!(
                "ControlPath={}",
                self.control_dir.path().join("c").display()
            ));
        for o in &self.options {
            cmd.arg("-o").arg(o);
        }
        let script = if self.sudo {
            format!("sudo -n sh -c {}", shell_quote(script))
        } else {
            script.to_string()
        };
        cmd.arg("-T").arg("--").arg(&self.destination).arg(script);
        let out = cmd
            .stdin(Stdio::null())
            .output()
            .map_err(|e| ReadError::new("ssh", format!("cannot run the ssh client: {e}")))?;
        let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
        if out.status.code() == Some(255) {
            return Err(ReadError::new(
                &self.destination,
                format!("ssh failed: {}", stderr.trim()),
            ));
        }
        Ok((out.status.code(), out.stdout, stderr))
    }

    fn parse_stat(path: &str, out: &[u8]) -> Result<Meta, ReadError> {
        let text = String::from_utf8_lossy(out);
        let f: Vec<&str> = text.split_whitespace().collect();
        let bad = || ReadError::new(path, format!("unexpected stat output `{}`", text.trim()));
        if f.len() < 4 {
            return Err(bad());
        }
        let raw = u32::from_str_radix(f[0], 16).map_err(|_| bad())?;
        let kind = match raw & 0o170000 {
            0o100000 => FileKind::File,
            0o040000 => FileKind::Dir,
            0o120000 => FileKind::Symlink,
            _ => FileKind::Other,
        };
        Ok(Meta {
            kind,
            mode: raw & 0o7777,
            uid: f[1].parse().map_err(|_| bad())?,
            gid: f[2].parse().map_err(|_| bad())?,
            size: f[3].parse().map_err(|_| bad())?,
        })
    }
}

/// `s` as one single-quoted word for a POSIX shell.
pub fn shell_quote(s: &str) -> String {
    format!("'{}'", s.replace('\'', r"'\''"))
}

impl StateReader for SshReader {
    fn describe(&self) -> String {
        if self.sudo {
            format!("ssh {} (sudo)", self.destination)
        } else {
            format!("ssh {}", self.destination)
        }
    }

    fn default_key(&self) -> String {
        self.destination
            .rsplit_once('@')
            .map_or(self.destination.as_str(), |(_, h)| h)
            .to_string()
    }

    fn is_live(&self) -> bool {
        true
    }

    fn read(&self, path: &str) -> Result<Option<Vec<u8>>, ReadError> {
        let p = shell_quote(path);
        self.remote_path(
            path,
            &format!(
                "test -e {p} || exit {ABSENT}; test -f {p} || {{ echo 'not a regular file' >&2; exit 1; }}; cat -- {p}"
            ),
        )
    }

    fn stat(&self, path: &str) -> Result<Option<Meta>, ReadError> {
        let p = shell_quote(path);
        self.remote_path(
            path,
            &format!("test -e {p} || exit {ABSENT}; stat -L -c '%f %u %g %s' -- {p}"),
        )?
        .map(|out| Self::parse_stat(path, &out))
        .transpose()
    }

    fn lstat(&self, path: &str) -> Result<Option<Meta>, ReadError> {
        let p = shell_quote(path);
        self.remote_path(
            path,
            &format!("test -e {p} || test -L {p} || exit {ABSENT}; stat -c '%f %u %g %s' -- {p}"),
        )?
        .map(|out| Self::parse_stat(path, &out))
        .transpose()
    }

    fn read_link(&self, path: &str) -> Result<Option<String>, ReadError> {
        let p = shell_quote(path);
        Ok(self
            .remote_path(
                path,
                &format!("test -L {p} || exit {ABSENT}; readlink -- {p}"),
            )?
            .map(|b| {
                String::from_utf8_lossy(&b)
                    .trim_end_matches('\n')
                    .to_string()
            }))
    }

    fn list(&self, dir: &str) -> Result<Option<Vec<(String, FileKind)>>, ReadError> {
        let p = shell_quote(dir);
        let Some(out) = self.remote_path(
            dir,
            &format!(
                "test -d {p} || exit {ABSENT}; find -H {p} -mindepth 1 -maxdepth 1 -printf '%y %f\\0'"
            ),
        )?
        else {
            return Ok(None);
        };
        let mut entries: Vec<(String, FileKind)> = out
            .split(|b| *b == 0)
            .filter(|e| e.len() > 2)
            .map(|e| {
                let kind = match e[0] {
                    b'f' => FileKind::File,
                    b'd' => FileKind::Dir,
                    b'l' => FileKind::Symlink,
                    _ => FileKind::Other,
                };
                (String::from_utf8_lossy(&e[2..]).into_owned(), kind)
            })
            .collect();
        entries.sort();
        Ok(Some(entries))
    }

    fn run(&self, argv: &[&str]) -> Option<Result<CommandOutput, ReadError>> {
        let script: Vec<String> = argv.iter().map(|a| shell_quote(a)).collect();
        Some(self.remote(&script.join(" ")))
    }

    fn process_names(&self) -> Result<BTreeMap<String, usize>, ReadError> {
        // One round trip: each process as `comm NUL argv0 NUL NUL`.
        let (status, out, err) = self.remote_bytes(
            "for d in /proc/[0-9]*; do c=$(cat \"$d/comm\" 2>/dev/null) || continue; \
             printf '%s\\0' \"$c\"; tr '\\0' '\\n' < \"$d/cmdline\" 2>/dev/null | head -n 1 | tr -d '\\n'; \
             printf '\\0\\0'; done",
        )?;
        if status != Some(0) {
            return Err(ReadError::new(
                "/proc",
                format!("remote listing failed: {}", err.trim()),
            ));
        }
        let mut names: BTreeMap<String, usize> = BTreeMap::new();
        for record in out.split(|b| *b == 0).collect::<Vec<_>>().chunks(3) {
            let comm = record.first().copied().filter(|c| !c.is_empty());
            let Some(comm) = comm else { continue };
            let mut cmdline = record.get(1).copied().unwrap_or_default().to_vec();
            cmdline.push(0);
            for name in process_entry(Some(comm), Some(&cmdline)) {
                *names.entry(name).or_default() += 1;
            }
        }
        Ok(names)
    }

    fn world_writable(&self, dirs: &[String], limit: usize) -> Result<Vec<String>, ReadError> {
        let quoted: Vec<String> = dirs.iter().map(|d| shell_quote(d)).collect();
        let (status, out, err) = self.remote_bytes(&format!(
            "find -H {} -xdev \\( -type f -o -type d \\) -perm -0002 ! \\( -type d -perm -1000 \\) -print0 2>/dev/null; exit 0",
            quoted.join(" ")
        ))?;
        if status != Some(0) {
            return Err(ReadError::new(
                &dirs.join(" "),
                format!("remote find failed: {}", err.trim()),
            ));
        }
        let mut found: Vec<String> = out
            .split(|b| *b == 0)
            .filter(|e| !e.is_empty())
            .map(|e| String::from_utf8_lossy(e).into_owned())
            .take(limit)
            .collect();
        found.sort();
        Ok(found)
    }
}

impl Drop for SshReader {
    fn drop(&mut self) {
        // Close the shared connection so no ssh process outlives the run.
        let _ = Command::new("ssh")
            .arg("-o")
            .arg(format!(
                "ControlPath={}",
                self.control_dir.path().join("c").display()
            ))
            .args(["-O", "exit", "--", &self.destination])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn absolute_symlinks_resolve_inside_the_root() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("etc/ssh")).unwrap();
        std::fs::create_dir_all(root.join("usr/share")).unwrap();
        std::fs::write(root.join("usr/share/real.conf"), "inside").unwrap();
        std::os::unix::fs::symlink("/usr/share/real.conf", root.join("etc/ssh/link.conf")).unwrap();
        std::os::unix::fs::symlink("/etc/passwd", root.join("etc/escape")).unwrap();
        let r = RootReader::new(root).unwrap();
        assert!(!r.is_live());
        assert_eq!(
            r.read("/etc/ssh/link.conf").unwrap().as_deref(),
            Some(&b"inside"[..])
        );
        // The host's /etc/passwd is not the image's.
        assert_eq!(r.read("/etc/escape").unwrap(), None);
        assert_eq!(
            r.read_link("/etc/ssh/link.conf").unwrap().as_deref(),
            Some("/usr/share/real.conf")
        );
        assert_eq!(
            r.lstat("/etc/escape").unwrap().map(|m| m.kind),
            Some(FileKind::Symlink)
        );
        assert_eq!(
            r.read("/../../etc/ssh/link.conf").unwrap().as_deref(),
            Some(&b"inside"[..])
        );
    }

    #[test]
    fn world_writable_skips_sticky_dirs_and_symlinks() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("etc/sub")).unwrap();
        std::fs::create_dir_all(root.join("etc/tmpish")).unwrap();
        std::fs::write(root.join("etc/sub/open"), "x").unwrap();
        std::fs::write(root.join("etc/closed"), "x").unwrap();
        std::fs::set_permissions(root.join("etc/sub/open"), PermissionsExt::from_mode(0o666))
            .unwrap();
        std::fs::set_permissions(root.join("etc/tmpish"), PermissionsExt::from_mode(0o1777))
            .unwrap();
        std::os::unix::fs::symlink("closed", root.join("etc/link")).unwrap();
        let r = RootReader::new(root).unwrap();
        assert_eq!(
            r.world_writable(&["/etc".into()], 100).unwrap(),
            ["/etc/sub/open"]
        );
    }

    #[test]
    fn fifos_are_refused_not_read() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("fifo");
        let st = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap();
        assert!(st.success());
        let r = RootReader::new(dir.path()).unwrap();
        let e = r.read("/fifo").unwrap_err();
        assert!(e.reason.contains("not a regular file"), "{e}");
        assert_eq!(r.read("/absent").unwrap(), None);
    }

    #[test]
    fn quoting_survives_quotes() {
        assert_eq!(shell_quote("a'b c"), r"'a'\''b c'");
    }
}
