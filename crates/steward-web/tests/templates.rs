//! The template engine against servers started here: the shipped default-login templates
//! against small stand-ins that answer as the products' login APIs are documented to (each
//! with a twin that has no default password), a user template that needs an internal
//! extractor, cookies carried between its requests, kval and size, and the RabbitMQ
//! template against a real RabbitMQ with its management plugin (installed by .ci/run).

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use base64::Engine as _;
use steward_web::client::{HttpClient, Limits};
use steward_web::scope::Scope;
use steward_web::templates::{self, Template};
use steward_web::{Cancel, Url};

/// A request as the stand-in server saw it.
#[derive(Debug, Clone)]
struct Seen {
    method: String,
    path: String,
    /// Header lines as received, names in lower case, repeats kept.
    headers: Vec<(String, String)>,
    body: String,
}

impl Seen {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    fn basic(&self) -> Option<(String, String)> {
        let b = self.header("authorization")?.strip_prefix("Basic ")?;
        let text = String::from_utf8(
            base64::engine::general_purpose::STANDARD
                .decode(b.trim())
                .ok()?,
        )
        .ok()?;
        let (u, p) = text.split_once(':')?;
        Some((u.into(), p.into()))
    }

    fn cookie(&self, name: &str) -> Option<String> {
        self.header("cookie")?
            .split(';')
            .filter_map(|c| c.trim().split_once('='))
            .find(|(k, _)| *k == name)
            .map(|(_, v)| v.to_string())
    }
}

type Handler = dyn Fn(&Seen) -> (u16, Vec<(String, String)>, String) + Send + Sync;

/// A one-thread-per-connection HTTP/1.1 server on 127.0.0.1 answering with `handler`.
struct StandIn {
    url: String,
    seen: Arc<Mutex<Vec<Seen>>>,
}

impl StandIn {
    fn start(handler: Arc<Handler>) -> StandIn {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let url = format!("http://{}/", listener.local_addr().unwrap());
        let seen = Arc::new(Mutex::new(Vec::new()));
        let log = seen.clone();
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let (handler, log) = (handler.clone(), log.clone());
                std::thread::spawn(move || serve(stream, &*handler, &log));
            }
        });
        StandIn { url, seen }
    }

    fn seen(&self) -> Vec<Seen> {
        self.seen.lock().unwrap().clone()
    }
}

fn serve(stream: TcpStream, handler: &Handler, log: &Mutex<Vec<Seen>>) {
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut line = String::new();
    if reader.read_line(&mut line).is_err() {
        return;
    }
    let mut parts = line.split_whitespace();
    let (Some(method), Some(path)) = (parts.next(), parts.next()) else {
        return;
    };
    let mut headers = Vec::new();
    loop {
        let mut h = String::new();
        if reader.read_line(&mut h).unwrap_or(0) == 0 || h.trim().is_empty() {
            break;
        }
        if let Some((k, v)) = h.split_once(':') {
            headers.push((k.trim().to_ascii_lowercase(), v.trim().to_string()));
        }
    }
    let len: usize = headers
        .iter()
        .find(|(k, _)| k == "content-length")
        .and_then(|(_, v)| v.parse().ok())
        .unwrap_or(0);
    let mut body = vec![0; len];
    let _ = reader.read_exact(&mut body);
    let seen = Seen {
        method: method.into(),
        path: path.into(),
        headers,
        body: String::from_utf8_lossy(&body).into_owned(),
    };
    log.lock().unwrap().push(seen.clone());
    let (status, extra, body) = handler(&seen);
    let mut head = format!("HTTP/1.1 {status} X\r\n");
    for (k, v) in extra {
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    head.push_str(&format!(
        "Content-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    ));
    let mut out = stream;
    let _ = out.write_all(head.as_bytes());
    let _ = out.write_all(body.as_bytes());
}

fn builtin(id: &str) -> Template {
    templates::builtin()
        .unwrap()
        .into_iter()
        .find(|t| t.rule.id == format!("dast/{id}"))
        .unwrap()
}

/// Run `template` against `url`: the issues' (URL path, payload, evidence).
fn run(template: &Template, url: &str) -> Vec<(String, Option<String>, String)> {
    let target: Url = url.parse().unwrap();
    let client = HttpClient::new(
        Scope::new(&target, &[], &[]),
        Vec::new(),
        Limits::default(),
        Cancel::new(),
    )
    .unwrap();
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(templates::run(&client, template, &target))
        .unwrap()
        .into_iter()
        .map(|i| {
            let path: Url = i.url.parse().unwrap();
            (path.path().to_string(), i.payload, i.evidence)
        })
        .collect()
}

fn json(status: u16, body: &str) -> (u16, Vec<(String, String)>, String) {
    (
        status,
        vec![("Content-Type".into(), "application/json".into())],
        body.into(),
    )
}

/// Grafana's login API (POST /login with a JSON body), with `password` for admin.
fn grafana(password: &'static str) -> StandIn {
    StandIn::start(Arc::new(move |r: &Seen| {
        if r.method != "POST" || r.path != "/login" {
            return json(404, r#"{"message":"Not found"}"#);
        }
        let body: serde_json::Value = serde_json::from_str(&r.body).unwrap_or_default();
        if body["user"] == "admin" && body["password"] == password {
            let mut ok = json(200, r#"{"message":"Logged in","redirectUrl":"/"}"#);
            ok.1.push((
                "Set-Cookie".into(),
                "grafana_session=5b3c; Path=/; HttpOnly; SameSite=Lax".into(),
            ));
            ok
        } else {
            json(
                401,
                r#"{"message":"Invalid username or password","messageId":"password-auth.failed"}"#,
            )
        }
    }))
}

#[test]
fn grafana_template_posts_json_and_finds_only_the_default_password() {
    let template = builtin("grafana-default-login");
    let weak = grafana("admin");
    let found = run(&template, &weak.url);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, "/login");
    assert_eq!(found[0].1.as_deref(), Some("pass=admin, user=admin"));
    assert!(
        found[0].2.contains("\"message\":\"Logged in\""),
        "{found:?}"
    );
    // The body went as JSON with one Content-Type, the template's.
    let first = &weak.seen()[0];
    let types: Vec<&str> = first
        .headers
        .iter()
        .filter(|(k, _)| k == "content-type")
        .map(|(_, v)| v.as_str())
        .collect();
    assert_eq!(types, ["application/json"]);
    assert_eq!(first.body, r#"{"user":"admin","password":"admin"}"#);

    // The chart's default is on the list too; a real password is not.
    assert_eq!(run(&template, &grafana("prom-operator").url).len(), 1);
    let strong = grafana("Yt0q-unguessable-8w");
    assert!(run(&template, &strong.url).is_empty());
    assert_eq!(strong.seen().len(), 2, "one request per pair");
}

/// Jenkins' whoAmI API: HTTP Basic credentials, or anonymous.
fn jenkins(password: &'static str) -> StandIn {
    StandIn::start(Arc::new(move |r: &Seen| {
        if !r.path.starts_with("/whoAmI/api/json") {
            return json(404, "{}");
        }
        match r.basic() {
            Some((u, p)) if u == "admin" && p == password => json(
                200,
                r#"{"_class":"hudson.security.WhoAmI","anonymous":false,"authenticated":true,"authorities":["authenticated"],"name":"admin"}"#,
            ),
            Some(_) => (401, Vec::new(), "Invalid password/token for user".into()),
            None => json(
                200,
                r#"{"_class":"hudson.security.WhoAmI","anonymous":true,"authenticated":true,"name":"anonymous"}"#,
            ),
        }
    }))
}

#[test]
fn jenkins_template_sends_basic_credentials_and_reports_who_it_became() {
    let template = builtin("jenkins-default-login");
    let found = run(&template, &jenkins("password").url);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(
        found[0].1.as_deref(),
        Some("password=password, username=admin")
    );
    assert!(found[0].2.contains("extracted user: admin"), "{found:?}");
    assert!(run(&template, &jenkins("Hq7-not-a-default").url).is_empty());
}

/// A form that needs the token its page shows and the cookie its page sets.
fn token_form() -> StandIn {
    StandIn::start(Arc::new(|r: &Seen| {
        match (r.method.as_str(), r.path.as_str()) {
            ("GET", "/form") => (
                200,
                vec![("Set-Cookie".into(), "pre=c0ffee; Path=/".into())],
                "<form method=post><input name=\"token\" value=\"t4b2e9\"></form>".into(),
            ),
            ("POST", "/form")
                if r.cookie("pre").as_deref() == Some("c0ffee")
                    && r.body.contains("token=t4b2e9") =>
            {
                (
                    200,
                    vec![("X-Session-Id".into(), "s-81".into())],
                    "Welcome, admin".into(),
                )
            }
            _ => (403, Vec::new(), "Forbidden".into()),
        }
    }))
}

const TOKEN_TEMPLATE: &str = r#"
id: token-form-login
info:
  name: Token form takes admin without a password
  severity: medium
  classification:
    cwe-id: CWE-287
http:
  - raw:
      - |
        GET /form HTTP/1.1
        Host: {{Hostname}}
      - |
        POST /form HTTP/1.1
        Host: {{Hostname}}
        Content-Type: application/x-www-form-urlencoded

        user=admin&token={{token}}
    extractors:
      - type: regex
        name: token
        internal: true
        group: 1
        regex: ['name="token" value="([a-z0-9]+)"']
      - type: kval
        name: session
        kval: [x_session_id]
    matchers-condition: and
    matchers:
      - type: dsl
        dsl:
          - "status_code == 200 && contains(body, 'Welcome')"
      - type: word
        words: ["Forbidden"]
        negative: true
      - type: size
        size: [14]
"#;

#[test]
fn a_user_template_carries_an_extracted_token_and_the_cookie_to_its_next_request() {
    let app = token_form();
    let template = templates::parse("token.yaml", TOKEN_TEMPLATE).unwrap();
    let found = run(&template, &app.url);
    assert_eq!(found.len(), 1, "{found:?} {:#?}", app.seen());
    assert_eq!(found[0].0, "/form");
    assert!(found[0].2.contains("extracted session: s-81"), "{found:?}");
    let post = app.seen().into_iter().find(|s| s.method == "POST").unwrap();
    assert_eq!(post.body, "user=admin&token=t4b2e9");

    // Without the cookie the form refuses, and the template must not match.
    let no_cookie = TOKEN_TEMPLATE.replace(
        "    extractors:",
        "    disable-cookie: true\n    extractors:",
    );
    let template = templates::parse("token.yaml", &no_cookie).unwrap();
    assert!(run(&template, &token_form().url).is_empty());
}

// ---------------------------------------------------------------------------------------
// a real RabbitMQ

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

struct Broker {
    child: Child,
    env: Vec<(String, String)>,
    node: String,
    dir: std::path::PathBuf,
    epmd_was_running: bool,
}

impl Broker {
    fn ctl(&self, args: &[&str]) -> std::process::Output {
        Command::new("rabbitmqctl")
            .envs(self.env.iter().map(|(k, v)| (k, v)))
            .arg("-n")
            .arg(&self.node)
            .args(args)
            .output()
            .unwrap()
    }
}

impl Drop for Broker {
    fn drop(&mut self) {
        let _ = self.ctl(&["stop"]);
        let _ = self.child.kill();
        let _ = self.child.wait();
        if !self.epmd_was_running {
            let _ = Command::new("epmd").arg("-kill").output();
        }
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// RabbitMQ with the management plugin on `http_port`, in a private directory.
fn start_rabbitmq(http_port: u16) -> Option<Broker> {
    let installed = Command::new("sh")
        .args([
            "-c",
            "command -v rabbitmq-server || test -x /usr/sbin/rabbitmq-server",
        ])
        .output()
        .is_ok_and(|o| o.status.success());
    if !installed {
        if std::env::var_os("CI").is_some() {
            panic!("rabbitmq-server is required under CI (.ci/run installs it)");
        }
        eprintln!("skipping: rabbitmq-server is not installed");
        return None;
    }
    let dir = std::env::temp_dir().join(format!("steward-dast-rabbitmq-{}", std::process::id()));
    std::fs::create_dir_all(dir.join("home")).unwrap();
    std::fs::write(dir.join("plugins"), "[rabbitmq_management].\n").unwrap();
    std::fs::write(
        dir.join("rabbitmq.conf"),
        format!("management.tcp.port = {http_port}\nmanagement.tcp.ip = 127.0.0.1\n"),
    )
    .unwrap();
    // The server script runs the broker as the `rabbitmq` user: it must own its directory.
    let _ = Command::new("chown")
        .args(["-R", "rabbitmq:rabbitmq"])
        .arg(&dir)
        .status();
    let _ = Command::new("chmod").arg("755").arg(&dir).status();
    let node = format!("stewarddast{}@localhost", std::process::id());
    let env: Vec<(String, String)> = [
        ("HOME", dir.join("home").display().to_string()),
        ("RABBITMQ_NODENAME", node.clone()),
        ("RABBITMQ_NODE_PORT", free_port().to_string()),
        ("RABBITMQ_DIST_PORT", free_port().to_string()),
        ("RABBITMQ_NODE_IP_ADDRESS", "127.0.0.1".into()),
        (
            "RABBITMQ_MNESIA_BASE",
            dir.join("mnesia").display().to_string(),
        ),
        ("RABBITMQ_LOG_BASE", dir.join("log").display().to_string()),
        (
            "RABBITMQ_ENABLED_PLUGINS_FILE",
            dir.join("plugins").display().to_string(),
        ),
        (
            "RABBITMQ_CONFIG_FILE",
            dir.join("rabbitmq").display().to_string(),
        ),
        ("RABBITMQ_PID_FILE", dir.join("pid").display().to_string()),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v))
    .collect();
    let epmd_was_running = Command::new("epmd")
        .arg("-names")
        .output()
        .is_ok_and(|o| o.status.success());
    let child = Command::new("rabbitmq-server")
        .envs(env.iter().map(|(k, v)| (k, v)))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut broker = Broker {
        child,
        env,
        node,
        dir,
        epmd_was_running,
    };
    let deadline = Instant::now() + Duration::from_secs(120);
    while TcpStream::connect(("127.0.0.1", http_port)).is_err() {
        if let Ok(Some(status)) = broker.child.try_wait() {
            panic!("rabbitmq-server exited before listening: {status}");
        }
        assert!(
            Instant::now() < deadline,
            "the RabbitMQ management plugin did not listen on {http_port}"
        );
        std::thread::sleep(Duration::from_millis(200));
    }
    Some(broker)
}

#[test]
fn rabbitmq_template_against_a_real_broker_finds_guest_until_it_is_deleted() {
    let port = free_port();
    let Some(broker) = start_rabbitmq(port) else {
        return;
    };
    let url = format!("http://127.0.0.1:{port}/");
    let template = builtin("rabbitmq-default-login");
    let found = run(&template, &url);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, "/api/whoami");
    assert!(found[0].2.contains("administrator"), "{found:?}");
    let out = broker.ctl(&["delete_user", "guest"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(run(&template, &url).is_empty());
    drop(broker);
}

#[test]
fn templates_from_a_directory_load_and_a_bad_one_names_its_file() {
    let dir = tempfile_dir();
    std::fs::create_dir_all(dir.join("nested")).unwrap();
    std::fs::write(dir.join("nested/token.yaml"), TOKEN_TEMPLATE).unwrap();
    std::fs::write(dir.join("README.md"), "not a template").unwrap();
    let loaded = templates::load_dir(&dir).unwrap();
    assert_eq!(loaded.len(), 1);
    assert_eq!(loaded[0].rule.id, "dast/token-form-login");
    std::fs::write(
        dir.join("broken.yml"),
        "id: b\ninfo: {name: b, severity: low}\nhttp:\n  - path: ['{{BaseURL}}']\n    matchers:\n      - type: xpath\n",
    )
    .unwrap();
    let e = templates::load_dir(&dir).unwrap_err();
    assert!(e.file.ends_with("broken.yml"), "{e}");
    assert!(e.message.contains("xpath"), "{e}");
    let _ = std::fs::remove_dir_all(&dir);
}

fn tempfile_dir() -> std::path::PathBuf {
    let d = std::env::temp_dir().join(format!(
        "steward-templates-{}-{}",
        std::process::id(),
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_nanos()
    ));
    std::fs::create_dir_all(&d).unwrap();
    d
}
