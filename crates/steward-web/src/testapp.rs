//! A deliberately vulnerable web application and its safe twin, for steward's own tests and
//! `bench/dast.sh`. Plain HTTP/1.1 over a std `TcpListener` on 127.0.0.1, one thread per
//! connection, `Connection: close` on every response. Never expose it beyond loopback.
//!
//! Every flaw the vulnerable flavour has, the safe flavour fixes at the same URL, so a
//! scanner that is right finds each flaw in one and nothing in the other.

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::Duration;

use rusqlite::Connection;

/// Which twin to serve.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flavour {
    Vulnerable,
    Safe,
}

/// What the application serves beyond its own pages.
#[derive(Debug, Clone, Default)]
pub struct AppOptions {
    /// A URL the index page links to and `/elsewhere` redirects to: the scope test points
    /// it at a second listener that must receive nothing.
    pub outside_url: Option<String>,
    /// How many requests a login session lasts (`None`: until /logout), so a scan behind
    /// the login must notice it was logged out and log in again.
    pub session_requests: Option<usize>,
}

/// The one account of the members' area; tests hand these to steward through environment
/// variables, as a pipeline would.
pub const MEMBER_USER: &str = "alice";
pub const MEMBER_PASSWORD: &str = "correct-horse-battery";

/// A running application; dropping it stops the listener and joins its thread.
pub struct TestApp {
    addr: SocketAddr,
    app: Arc<App>,
    stop: Arc<AtomicBool>,
    requests: Arc<AtomicUsize>,
    thread: Option<JoinHandle<()>>,
    _root: PathBuf,
}

impl TestApp {
    /// Start `flavour` on 127.0.0.1 on a free port.
    pub fn start(flavour: Flavour) -> std::io::Result<TestApp> {
        Self::start_with(flavour, AppOptions::default())
    }

    pub fn start_with(flavour: Flavour, options: AppOptions) -> std::io::Result<TestApp> {
        Self::bind("127.0.0.1:0", flavour, options)
    }

    /// Start on a given loopback address (`127.0.0.1:8088` for the benchmark).
    pub fn bind(addr: &str, flavour: Flavour, options: AppOptions) -> std::io::Result<TestApp> {
        let listener = TcpListener::bind(addr)?;
        let addr = listener.local_addr()?;
        if !addr.ip().is_loopback() {
            return Err(std::io::Error::other(
                "the test application serves loopback only",
            ));
        }
        let root = std::env::temp_dir().join(format!(
            "steward-testapp-{}-{}",
            std::process::id(),
            addr.port()
        ));
        let public = root.join("srv").join("public");
        std::fs::create_dir_all(&public)?;
        std::fs::write(public.join("report.txt"), "quarterly report\n")?;
        std::fs::write(public.join("notes.txt"), "release notes\n")?;
        let stop = Arc::new(AtomicBool::new(false));
        let requests = Arc::new(AtomicUsize::new(0));
        let app = Arc::new(App {
            flavour,
            options,
            addr,
            public,
            slow_calls: AtomicUsize::new(0),
            comments: Mutex::new(Vec::new()),
            sessions: Mutex::new(BTreeMap::new()),
            logins: AtomicUsize::new(0),
            logouts: AtomicUsize::new(0),
            console_password: console_password(),
        });
        let shared = app.clone();
        let thread = {
            let stop = stop.clone();
            let requests = requests.clone();
            std::thread::spawn(move || {
                for stream in listener.incoming() {
                    if stop.load(Ordering::SeqCst) {
                        break;
                    }
                    let Ok(stream) = stream else { continue };
                    requests.fetch_add(1, Ordering::SeqCst);
                    let app = app.clone();
                    std::thread::spawn(move || {
                        let _ = app.serve(stream);
                    });
                }
            })
        };
        Ok(TestApp {
            addr,
            app: shared,
            stop,
            requests,
            thread: Some(thread),
            _root: root,
        })
    }

    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// `http://127.0.0.1:PORT/`
    pub fn url(&self) -> String {
        format!("http://{}/", self.addr)
    }

    /// Connections accepted so far.
    pub fn connections(&self) -> usize {
        self.requests.load(Ordering::SeqCst)
    }

    /// Requests to /logout so far.
    pub fn logouts(&self) -> usize {
        self.app.logouts.load(Ordering::SeqCst)
    }

    /// Successful logins so far.
    pub fn logins(&self) -> usize {
        self.app.logins.load(Ordering::SeqCst)
    }

    /// Stop accepting and wait for the listener thread; also done on drop.
    pub fn stop(&mut self) {
        if let Some(thread) = self.thread.take() {
            self.stop.store(true, Ordering::SeqCst);
            // Wake the blocking accept so the loop sees the flag.
            let _ = TcpStream::connect_timeout(&self.addr, Duration::from_secs(1));
            let _ = thread.join();
            let _ = std::fs::remove_dir_all(&self._root);
        }
    }
}

impl Drop for TestApp {
    fn drop(&mut self) {
        self.stop();
    }
}

struct Request {
    method: String,
    path: String,
    query: BTreeMap<String, String>,
    headers: BTreeMap<String, String>,
    form: BTreeMap<String, String>,
    /// The body, when it is JSON.
    json: Option<serde_json::Value>,
}

impl Request {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).map(String::as_str)
    }
    fn cookie(&self, name: &str) -> Option<&str> {
        self.header("cookie")?
            .split(';')
            .filter_map(|c| c.trim().split_once('='))
            .find(|(k, _)| *k == name)
            .map(|(_, v)| v)
    }
    fn param(&self, name: &str) -> Option<&str> {
        self.query
            .get(name)
            .or_else(|| self.form.get(name))
            .map(String::as_str)
    }
}

struct Response {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Response {
    fn new(status: u16, content_type: &str, body: impl Into<Vec<u8>>) -> Self {
        Response {
            status,
            headers: vec![("Content-Type".into(), content_type.into())],
            body: body.into(),
        }
    }
    fn html(body: impl Into<String>) -> Self {
        Self::new(200, "text/html; charset=utf-8", body.into())
    }
    fn not_found() -> Self {
        Self::new(
            404,
            "text/html; charset=utf-8",
            page("Not found", "<p>No such page.</p>"),
        )
    }
    fn redirect(to: &str) -> Self {
        let mut r = Self::new(302, "text/html; charset=utf-8", "");
        r.headers.push(("Location".into(), to.into()));
        r
    }
    fn header(mut self, name: &str, value: &str) -> Self {
        self.headers.push((name.into(), value.into()));
        self
    }
}

struct App {
    flavour: Flavour,
    options: AppOptions,
    addr: SocketAddr,
    public: PathBuf,
    slow_calls: AtomicUsize,
    /// The guestbook, newest last.
    comments: Mutex<Vec<String>>,
    /// Live login sessions and the requests each has left.
    sessions: Mutex<BTreeMap<String, usize>>,
    logins: AtomicUsize,
    logouts: AtomicUsize,
    /// The safe twin's password for its admin consoles: made at start, so no default (and
    /// no password in the source) opens them.
    console_password: String,
}

/// A password nobody can guess from the source: the clock and the process, hashed.
fn console_password() -> String {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or_default();
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in nanos
        .to_le_bytes()
        .iter()
        .chain(&std::process::id().to_le_bytes())
    {
        h = (h ^ u64::from(*b)).wrapping_mul(0x100_0000_01b3);
    }
    format!("Zq{h:016x}")
}

/// The user name and password of an `Authorization: Basic` header.
fn basic_credentials(req: &Request) -> Option<(String, String)> {
    use base64::Engine as _;
    let encoded = req.header("authorization")?.strip_prefix("Basic ")?;
    let decoded = base64::engine::general_purpose::STANDARD
        .decode(encoded.trim())
        .ok()?;
    let text = String::from_utf8(decoded).ok()?;
    let (user, password) = text.split_once(':')?;
    Some((user.to_string(), password.to_string()))
}

/// A Visa-range number that passes Luhn and is no published test card, assembled at run
/// time so no card number sits in the source.
fn card() -> String {
    ["4539", " 1488", " 0343", " 6467"].concat()
}

fn page(title: &str, body: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html><head><title>{title}</title></head>\n<body>\n<h1>{title}</h1>\n{body}\n</body></html>\n"
    )
}

fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// The partial fix that leaves attributes open: angle brackets only.
fn escape_angles(s: &str) -> String {
    s.replace('<', "&lt;").replace('>', "&gt;")
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < bytes.len() => match (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                (Some(h), Some(l)) => {
                    out.push((h * 16 + l) as u8);
                    i += 2;
                }
                _ => out.push(b'%'),
            },
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn parse_pairs(s: &str) -> BTreeMap<String, String> {
    s.split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            (percent_decode(k), percent_decode(v))
        })
        .collect()
}

impl App {
    fn serve(&self, stream: TcpStream) -> std::io::Result<()> {
        stream.set_read_timeout(Some(Duration::from_secs(5)))?;
        let mut reader = BufReader::new(stream.try_clone()?);
        let mut line = String::new();
        reader.read_line(&mut line)?;
        let mut parts = line.split_whitespace();
        let (Some(method), Some(target)) = (parts.next(), parts.next()) else {
            return Ok(());
        };
        let mut headers = BTreeMap::new();
        loop {
            let mut h = String::new();
            if reader.read_line(&mut h)? == 0 || h.trim().is_empty() {
                break;
            }
            if let Some((k, v)) = h.split_once(':') {
                headers.insert(k.trim().to_ascii_lowercase(), v.trim().to_string());
            }
        }
        let len: usize = headers
            .get("content-length")
            .and_then(|l| l.parse().ok())
            .unwrap_or(0)
            .min(1 << 20);
        let mut body = vec![0; len];
        reader.read_exact(&mut body)?;
        let (path, query) = target.split_once('?').unwrap_or((target, ""));
        let request = Request {
            method: method.to_string(),
            path: percent_decode(path),
            query: parse_pairs(query),
            form: parse_pairs(&String::from_utf8_lossy(&body)),
            json: headers
                .get("content-type")
                .filter(|t| t.starts_with("application/json"))
                .and_then(|_| serde_json::from_slice(&body).ok()),
            headers,
        };
        let response = self.route(&request);
        let mut out = stream;
        let mut head = format!(
            "HTTP/1.1 {} {}\r\n",
            response.status,
            reason(response.status)
        );
        let vulnerable = self.flavour == Flavour::Vulnerable;
        if vulnerable {
            head.push_str("Server: Apache/2.4.49 (Unix)\r\nX-Powered-By: PHP/7.4.3\r\n");
        } else {
            head.push_str(
                "Server: app\r\nContent-Security-Policy: default-src 'self'; frame-ancestors 'none'\r\n\
                 X-Content-Type-Options: nosniff\r\nX-Frame-Options: DENY\r\n",
            );
        }
        for (k, v) in &response.headers {
            head.push_str(&format!("{k}: {v}\r\n"));
        }
        head.push_str(&format!(
            "Content-Length: {}\r\nConnection: close\r\n\r\n",
            response.body.len()
        ));
        out.write_all(head.as_bytes())?;
        if request.method != "HEAD" {
            out.write_all(&response.body)?;
        }
        out.flush()
    }

    fn route(&self, req: &Request) -> Response {
        let vulnerable = self.flavour == Flavour::Vulnerable;
        match req.path.as_str() {
            "/" => self.index(),
            "/search" => {
                let q = req.param("q").unwrap_or("");
                let shown = if vulnerable {
                    q.to_string()
                } else {
                    escape_html(q)
                };
                Response::html(page(
                    "Search",
                    &format!(
                        "<form action=\"/search\" method=\"get\"><input name=\"q\" value=\"\"></form>\n<p>Results for: {shown}</p>"
                    ),
                ))
            }
            "/profile" => {
                let name = req.param("name").unwrap_or("guest");
                let shown = if vulnerable {
                    escape_angles(name)
                } else {
                    escape_html(name)
                };
                Response::html(page(
                    "Profile",
                    &format!(
                        "<p>Edit your profile</p>\n<input type=\"text\" name=\"display\" value=\"{shown}\">"
                    ),
                ))
            }
            "/login" => self.login(req),
            "/logout" => self.logout(req),
            "/members" | "/members/orders" => match self.session(req) {
                Some(_) if req.path == "/members" => self.members(),
                Some(_) => self.orders(req.param("q").unwrap_or("")),
                None => Response::redirect("/login"),
            },
            "/files/" => {
                if vulnerable {
                    Response::html(
                        "<html><head><title>Index of /files</title></head><body>\n<h1>Index of /files</h1>\n\
                         <ul><li><a href=\"/\">Parent Directory</a></li><li><a href=\"report.txt\">report.txt</a></li>\
                         <li><a href=\"notes.txt\">notes.txt</a></li></ul>\n</body></html>\n",
                    )
                } else {
                    Response::html(page(
                        "Files",
                        "<p>Browse the <a href=\"/download?file=report.txt\">report</a>.</p>",
                    ))
                }
            }
            "/files/report.txt" | "/files/notes.txt" => {
                let name = req.path.trim_start_matches("/files/");
                match std::fs::read(self.public.join(name)) {
                    Ok(b) => Response::new(200, "text/plain", b),
                    Err(_) => Response::not_found(),
                }
            }
            "/download" => self.download(req.param("file").unwrap_or("")),
            "/go" => {
                let to = req.param("url").unwrap_or("/");
                if vulnerable
                    || (to.starts_with('/') && !to.starts_with("//") && !to.contains('\\'))
                {
                    Response::redirect(to)
                } else {
                    Response::redirect("/")
                }
            }
            "/elsewhere" => match &self.options.outside_url {
                Some(u) => Response::redirect(u),
                None => Response::redirect("/"),
            },
            "/item" => self.item(req.param("id").unwrap_or("1")),
            "/product" => self.product(req.param("id").unwrap_or("1")),
            "/lookup" => self.lookup(req.param("user").unwrap_or("alice")),
            "/slow" => self.slow(req.param("id").unwrap_or("1")),
            "/stats" => self.stats(),
            "/checksum" => self.checksum(req.param("file").unwrap_or("notes.txt")),
            "/newsletter" => self.newsletter(),
            "/subscribe" => self.subscribe(req.param("email").unwrap_or("")),
            "/guestbook" => self.guestbook(),
            "/guestbook/sign" if req.method == "POST" => {
                self.sign(req.param("comment").unwrap_or(""))
            }
            "/greet" => self.greet(req.param("name").unwrap_or("guest")),
            "/preview" => self.preview(req.param("url").unwrap_or("")),
            "/api/v1/orders" => self.api_orders(req.header("x-account").unwrap_or("alice")),
            "/api/v1/greeting" if req.method == "POST" => self.api_greeting(req),
            p if p.starts_with("/api/v1/products/") => {
                self.api_product(&p["/api/v1/products/".len()..])
            }
            "/manager/html" => self.console(
                req,
                "Tomcat Manager Application",
                ("tomcat", "tomcat"),
                "/manager",
                "<h1>Tomcat Web Application Manager</h1>\n<table><tr><th>Applications</th></tr><tr><td><a href=\"/shop\">/shop</a></td><td>running</td></tr></table>",
            ),
            "/admin/" => self.console(
                req,
                "Shop administration",
                ("admin", "admin"),
                "Administration",
                "<p>Orders, users and settings.</p>",
            ),
            "/preferences" => self.preferences(req),
            "/api/data" => {
                let mut r = Response::new(200, "application/json", "{\"items\":[1,2,3]}");
                if vulnerable {
                    if let Some(origin) = req.header("origin") {
                        r = r
                            .header("Access-Control-Allow-Origin", origin)
                            .header("Access-Control-Allow-Credentials", "true")
                            .header("Vary", "Origin");
                    }
                } else if req.header("origin").is_some() {
                    r = r.header("Vary", "Origin");
                }
                r
            }
            "/report" => {
                if vulnerable {
                    Response::new(
                        500,
                        "text/html; charset=utf-8",
                        page(
                            "Internal Server Error",
                            "<pre>Traceback (most recent call last):\n  File \"/srv/app/views.py\", line 42, in report\n    total = sum(rows) / len(rows)\nZeroDivisionError: division by zero</pre>",
                        ),
                    )
                } else {
                    Response::new(
                        500,
                        "text/html; charset=utf-8",
                        page("Sorry", "<p>Something went wrong. Reference 7f3a.</p>"),
                    )
                }
            }
            "/account" => {
                let shown = if vulnerable {
                    card()
                } else {
                    format!("**** **** **** {}", &card()[15..])
                };
                Response::html(page("Account", &format!("<p>Card on file: {shown}</p>")))
            }
            "/.git/config" if vulnerable => Response::new(
                200,
                "text/plain",
                "[core]\n\trepositoryformatversion = 0\n\tfilemode = true\n\tbare = false\n[remote \"origin\"]\n\turl = git@example.invalid:shop/web.git\n\tfetch = +refs/heads/*:refs/remotes/origin/*\n",
            ),
            "/.env" if vulnerable => Response::new(
                200,
                "text/plain",
                "APP_ENV=production\nAPP_KEY=base64:c3Rld2FyZC10ZXN0LWFwcA==\nDB_HOST=127.0.0.1\nDB_PASSWORD=hunter2\n",
            ),
            "/backup.sql" if vulnerable => Response::new(
                200,
                "application/octet-stream",
                "-- MySQL dump 10.13\nCREATE TABLE `users` (`id` int NOT NULL, `email` varchar(255));\nINSERT INTO `users` VALUES (1,'ana@example.org');\n",
            ),
            _ => Response::not_found(),
        }
    }

    fn index(&self) -> Response {
        let outside = self
            .options
            .outside_url
            .as_ref()
            .map(|u| {
                format!(
                    "<li><a href=\"{u}\">partner site</a></li><li><a href=\"/elsewhere\">partner redirect</a></li>\
                     <li><form action=\"{u}\" method=\"post\"><input name=\"q\"></form></li><li><iframe src=\"{u}?frame=1\"></iframe></li>"
                )
            })
            .unwrap_or_default();
        let body = format!(
            "<ul>\n<li><a href=\"/search?q=shoes\">search</a></li>\n<li><a href=\"/profile?name=guest\">profile</a></li>\n\
             <li><a href=\"/login\">log in</a></li><li><a href=\"/members\">members</a></li>\n<li><a href=\"/files/\">files</a></li>\n\
             <li><a href=\"/download?file=report.txt\">download the report</a></li>\n<li><a href=\"/go?url=/account\">my account</a></li>\n\
             <li><a href=\"/api/data\">data</a></li>\n<li><a href=\"/item?id=1\">item 1</a></li><li><a href=\"/item?id=2\">item 2</a></li>\n\
             <li><a href=\"/product?id=2\">product</a></li><li><a href=\"/lookup?user=alice\">find a user</a></li>\n\
             <li><a href=\"/slow?id=3\">slow page</a></li><li><a href=\"/stats\">statistics</a></li>\n\
             <li><a href=\"/checksum?file=notes.txt\">checksum of the notes</a></li><li><a href=\"/newsletter\">newsletter</a></li>\n\
             <li><a href=\"/guestbook\">guestbook</a></li><li><a href=\"/greet?name=guest\">greeting</a></li>\n\
             <li><a href=\"/preview?url=http://{addr}/files/notes.txt\">preview the notes</a></li>\n\
             <li><a href=\"/report\">report</a></li>\n<li><a href=\"/account\">account</a></li>\n\
             <li><a href=\"/preferences\">preferences</a></li>\n{outside}\n</ul>",
            addr = self.addr
        );
        let mut r = Response::html(page("Shop", &body));
        r = if self.flavour == Flavour::Vulnerable {
            r.header("Set-Cookie", "session=8c1f2e9a; Path=/")
        } else {
            r.header(
                "Set-Cookie",
                "session=8c1f2e9a; Path=/; Secure; HttpOnly; SameSite=Lax",
            )
        };
        r
    }

    fn login(&self, req: &Request) -> Response {
        let token = if self.flavour == Flavour::Safe {
            "<input type=\"hidden\" name=\"csrf_token\" value=\"b7e1c0ffee\">"
        } else {
            ""
        };
        let form = format!(
            "<form action=\"/login\" method=\"post\">{token}<input type=\"text\" name=\"username\"><input type=\"password\" name=\"password\"><button>Log in</button></form>"
        );
        if req.method == "POST"
            && req.param("username") == Some(MEMBER_USER)
            && req.param("password") == Some(MEMBER_PASSWORD)
        {
            let n = self.logins.fetch_add(1, Ordering::SeqCst);
            let sid = format!("m{:x}{n}", std::process::id().wrapping_mul(2_654_435_761));
            self.sessions
                .lock()
                .unwrap_or_else(|p| p.into_inner())
                .insert(
                    sid.clone(),
                    self.options.session_requests.unwrap_or(usize::MAX),
                );
            let flags = if self.vulnerable() {
                "Path=/"
            } else {
                "Path=/; Secure; HttpOnly; SameSite=Lax"
            };
            return Response::redirect("/members")
                .header("Set-Cookie", &format!("sid={sid}; {flags}"));
        }
        if req.method == "POST" {
            return Response::html(page(
                "Log in",
                &format!("<p>Wrong user name or password.</p>{form}"),
            ));
        }
        Response::html(page("Log in", &form))
    }

    fn download(&self, file: &str) -> Response {
        let candidate = self.public.join(file);
        let path: &Path = &candidate;
        if self.flavour == Flavour::Safe {
            let inside = path
                .canonicalize()
                .ok()
                .zip(self.public.canonicalize().ok())
                .is_some_and(|(p, root)| p.starts_with(root) && p.is_file());
            if !inside {
                return Response::not_found();
            }
        }
        match std::fs::read(path) {
            Ok(bytes) => Response::new(200, "text/plain", bytes),
            Err(_) => Response::not_found(),
        }
    }
}

/// The shop's database: a real SQLite, fresh and in memory for each request, so attacks
/// cannot change what the next request sees. Plain SQLite, with no function added: a
/// time-based attack has to make it work (SQLite has no sleep).
fn database() -> rusqlite::Result<Connection> {
    let db = Connection::open_in_memory()?;
    db.execute_batch(
        "CREATE TABLE items(id INTEGER PRIMARY KEY, name TEXT NOT NULL, price TEXT NOT NULL);
         INSERT INTO items VALUES (1, 'Walking shoes', '49.00'), (2, 'Rain jacket', '89.00'),
                                  (3, 'Wool socks', '9.50');
         CREATE TABLE users(name TEXT PRIMARY KEY, email TEXT NOT NULL);
         INSERT INTO users VALUES ('alice', 'alice@example.org'), ('bob', 'bob@example.org');",
    )?;
    Ok(db)
}

type Item = (String, String);

fn first_item(db: &Connection, sql: &str, bound: Option<&str>) -> rusqlite::Result<Option<Item>> {
    let mut statement = db.prepare(sql)?;
    let mut rows = match bound {
        Some(v) => statement.query([v])?,
        None => statement.query([])?,
    };
    match rows.next()? {
        Some(row) => Ok(Some((row.get(0)?, row.get(1)?))),
        None => Ok(None),
    }
}

fn item_page(title: &str, item: Option<Item>) -> Response {
    match item {
        Some((name, price)) => Response::html(page(
            title,
            &format!(
                "<p class=\"name\">{}</p>\n<p class=\"price\">Price: {} EUR</p>\n<p>In stock, ships in two days.</p>",
                escape_html(&name),
                escape_html(&price)
            ),
        )),
        None => Response::html(page(title, "<p>No such item.</p>")),
    }
}

impl App {
    fn vulnerable(&self) -> bool {
        self.flavour == Flavour::Vulnerable
    }

    /// Error-based SQL injection: the id concatenated into the query, and SQLite's error
    /// message shown to the user. The safe twin binds the id.
    fn item(&self, id: &str) -> Response {
        let result = database().and_then(|db| {
            if self.vulnerable() {
                first_item(
                    &db,
                    &format!("SELECT name, price FROM items WHERE id = {id}"),
                    None,
                )
            } else {
                first_item(&db, "SELECT name, price FROM items WHERE id = ?1", Some(id))
            }
        });
        match result {
            Ok(item) => item_page("Item", item),
            Err(e) => Response::new(
                500,
                "text/html; charset=utf-8",
                page(
                    "Error",
                    &format!("<pre>SQLite error: {}</pre>", escape_html(&e.to_string())),
                ),
            ),
        }
    }

    /// Boolean-based SQL injection: concatenated, but errors are swallowed, so only the
    /// presence or absence of the product tells what the query returned.
    fn product(&self, id: &str) -> Response {
        let result = database().and_then(|db| {
            if self.vulnerable() {
                first_item(
                    &db,
                    &format!("SELECT name, price FROM items WHERE id = {id}"),
                    None,
                )
            } else {
                first_item(&db, "SELECT name, price FROM items WHERE id = ?1", Some(id))
            }
        });
        item_page("Product", result.ok().flatten())
    }

    /// Time-based (blind) SQL injection: the same page whatever the query does, so only
    /// its duration leaks. The safe twin binds the name.
    fn lookup(&self, user: &str) -> Response {
        let _ = database().and_then(|db| {
            if self.vulnerable() {
                db.query_row(
                    &format!("SELECT count(*) FROM users WHERE name = '{user}'"),
                    [],
                    |r| r.get::<_, i64>(0),
                )
            } else {
                db.query_row("SELECT count(*) FROM users WHERE name = ?1", [user], |r| {
                    r.get::<_, i64>(0)
                })
            }
        });
        Response::html(page(
            "Find a user",
            "<p>Thank you. If the user exists, they will get a message.</p>",
        ))
    }

    /// A page that is slow and uneven (0.1 to 0.9 s) in both flavours, with a safe query:
    /// a time-based check that trusts one slow response would report it.
    fn slow(&self, id: &str) -> Response {
        const DELAYS_MS: [u64; 8] = [100, 800, 300, 900, 200, 700, 150, 600];
        let n = self.slow_calls.fetch_add(1, Ordering::SeqCst);
        std::thread::sleep(Duration::from_millis(DELAYS_MS[n % DELAYS_MS.len()]));
        let item = database()
            .and_then(|db| first_item(&db, "SELECT name, price FROM items WHERE id = ?1", Some(id)))
            .ok()
            .flatten();
        item_page("Slow item", item)
    }

    /// A query against a table that does not exist: the vulnerable flavour shows SQLite's
    /// message on an ordinary page (the passive SQL-error check), the safe one does not.
    /// An admin console behind HTTP Basic authentication. The vulnerable flavour still has
    /// the installer's account (`default`); the safe one only a password made at start.
    fn console(
        &self,
        req: &Request,
        realm: &str,
        default: (&str, &str),
        title: &str,
        body: &str,
    ) -> Response {
        let allowed = match basic_credentials(req) {
            Some((user, password)) if self.vulnerable() => {
                user == default.0 && password == default.1
            }
            Some((user, password)) => user == default.0 && password == self.console_password,
            None => false,
        };
        if allowed {
            return Response::html(page(title, body));
        }
        Response::new(
            401,
            "text/html; charset=utf-8",
            page(
                "401 Unauthorized",
                "<p>This page needs a user name and password.</p>",
            ),
        )
        .header("WWW-Authenticate", &format!("Basic realm=\"{realm}\""))
    }

    /// Display preferences kept in a cookie the page sets itself. The vulnerable flavour
    /// puts the cookie's value into SQL and into the page as they are; the safe one binds
    /// and escapes it.
    fn preferences(&self, req: &Request) -> Response {
        let flags = "Path=/; Secure; HttpOnly; SameSite=Lax";
        let Some(raw) = req.cookie("theme") else {
            return Response::html(page("Preferences", "<p>Theme: light</p>"))
                .header("Set-Cookie", &format!("theme=light; {flags}"));
        };
        // Cookie values are percent-decoded, as PHP and Express do.
        let theme = percent_decode(raw);
        let result = database().and_then(|db| {
            db.execute_batch(
                "CREATE TABLE themes(name TEXT PRIMARY KEY, css TEXT NOT NULL);
                 INSERT INTO themes VALUES ('light', 'light.css'), ('dark', 'dark.css');",
            )?;
            if self.vulnerable() {
                db.query_row(
                    &format!("SELECT css FROM themes WHERE name = '{theme}'"),
                    [],
                    |r| r.get::<_, String>(0),
                )
            } else {
                db.query_row("SELECT css FROM themes WHERE name = ?1", [&theme], |r| {
                    r.get::<_, String>(0)
                })
            }
        });
        let shown = if self.vulnerable() {
            theme.clone()
        } else {
            escape_html(&theme)
        };
        match result {
            Ok(css) => Response::html(page(
                "Preferences",
                &format!(
                    "<p>Theme: {shown}</p>\n<link rel=\"stylesheet\" href=\"/static/{}\">",
                    escape_html(&css)
                ),
            )),
            Err(rusqlite::Error::QueryReturnedNoRows) => Response::html(page(
                "Preferences",
                &format!("<p>Theme: {shown} (unknown, the default is used)</p>"),
            )),
            Err(e) if self.vulnerable() => Response::new(
                500,
                "text/html; charset=utf-8",
                page(
                    "Preferences",
                    &format!(
                        "<p>Theme: {shown}</p>\n<pre>SQLite error: {}</pre>",
                        escape_html(&e.to_string())
                    ),
                ),
            ),
            Err(_) => Response::html(page(
                "Preferences",
                &format!("<p>Theme: {shown} (unknown, the default is used)</p>"),
            )),
        }
    }

    fn stats(&self) -> Response {
        let result = database()
            .and_then(|db| db.query_row("SELECT count(*) FROM orders", [], |r| r.get::<_, i64>(0)));
        match result {
            Ok(n) => Response::html(page("Statistics", &format!("<p>{n} orders</p>"))),
            Err(e) if self.vulnerable() => Response::new(
                500,
                "text/html; charset=utf-8",
                page(
                    "Statistics",
                    &format!("<pre>SQLite error: {}</pre>", escape_html(&e.to_string())),
                ),
            ),
            Err(_) => Response::new(
                500,
                "text/html; charset=utf-8",
                page("Statistics", "<p>Statistics are unavailable right now.</p>"),
            ),
        }
    }
}

impl App {
    /// The login session of `req`, spending one of its requests; `None` when there is none
    /// or it ran out.
    fn session(&self, req: &Request) -> Option<String> {
        let sid = req.cookie("sid")?;
        let mut sessions = self.sessions.lock().unwrap_or_else(|p| p.into_inner());
        let left = sessions.get_mut(sid)?;
        if *left == 0 {
            sessions.remove(sid);
            return None;
        }
        *left -= 1;
        Some(sid.to_string())
    }

    fn logout(&self, req: &Request) -> Response {
        self.logouts.fetch_add(1, Ordering::SeqCst);
        if let Some(sid) = req.cookie("sid") {
            self.sessions
                .lock()
                .unwrap_or_else(|p| p.into_inner())
                .remove(sid);
        }
        Response::redirect("/login").header("Set-Cookie", "sid=; Max-Age=0; Path=/")
    }

    fn members(&self) -> Response {
        Response::html(page(
            "Members",
            "<ul><li><a href=\"/members/orders?q=boots\">search your orders</a></li>\
             <li><a href=\"/logout\">log out</a></li></ul>",
        ))
    }

    /// Reflected XSS only members can reach: a scan that lost its session misses it.
    fn orders(&self, q: &str) -> Response {
        let shown = if self.vulnerable() {
            q.to_string()
        } else {
            escape_html(q)
        };
        Response::html(page(
            "Your orders",
            &format!("<p>Orders matching: {shown}</p><p><a href=\"/logout\">log out</a></p>"),
        ))
    }
}

/// The JSON API: described in an OpenAPI document, linked from no page.
impl App {
    fn json(status: u16, value: serde_json::Value) -> Response {
        Response::new(status, "application/json", value.to_string())
    }

    /// SQL injection through a path parameter, the error returned in the JSON.
    fn api_product(&self, id: &str) -> Response {
        let result = database().and_then(|db| {
            if self.vulnerable() {
                first_item(
                    &db,
                    &format!("SELECT name, price FROM items WHERE id = {id}"),
                    None,
                )
            } else {
                first_item(&db, "SELECT name, price FROM items WHERE id = ?1", Some(id))
            }
        });
        match result {
            Ok(Some((name, price))) => {
                Self::json(200, serde_json::json!({"name": name, "price": price}))
            }
            Ok(None) => Self::json(404, serde_json::json!({"error": "no such product"})),
            Err(e) if self.vulnerable() => {
                Self::json(500, serde_json::json!({"error": e.to_string()}))
            }
            Err(_) => Self::json(400, serde_json::json!({"error": "bad product id"})),
        }
    }

    /// SQL injection through a request header.
    fn api_orders(&self, account: &str) -> Response {
        let result = database().and_then(|db| {
            if self.vulnerable() {
                db.query_row(
                    &format!("SELECT count(*) FROM users WHERE name = '{account}'"),
                    [],
                    |r| r.get::<_, i64>(0),
                )
            } else {
                db.query_row(
                    "SELECT count(*) FROM users WHERE name = ?1",
                    [account],
                    |r| r.get::<_, i64>(0),
                )
            }
        });
        match result {
            Ok(n) => Self::json(200, serde_json::json!({"account": account, "orders": n})),
            Err(e) if self.vulnerable() => {
                Self::json(500, serde_json::json!({"error": e.to_string()}))
            }
            Err(_) => Self::json(500, serde_json::json!({"error": "try again later"})),
        }
    }

    /// Template injection through a JSON body property.
    fn api_greeting(&self, req: &Request) -> Response {
        let name = req
            .json
            .as_ref()
            .and_then(|j| j.get("name"))
            .and_then(serde_json::Value::as_str)
            .unwrap_or("guest");
        let message = if self.vulnerable() {
            render(&format!("Hello, {name}!"), &[])
        } else {
            render("Hello, {{ name }}!", &[("name", name)])
        };
        Self::json(200, serde_json::json!({"message": message}))
    }
}

/// The hidden anti-CSRF field the safe twin's forms carry.
fn csrf_field(flavour: Flavour) -> &'static str {
    match flavour {
        Flavour::Safe => "<input type=\"hidden\" name=\"csrf_token\" value=\"b7e1c0ffee\">",
        Flavour::Vulnerable => "",
    }
}

fn shell_output(output: std::io::Result<std::process::Output>) -> String {
    match output {
        Ok(o) => format!(
            "{}{}",
            String::from_utf8_lossy(&o.stdout),
            String::from_utf8_lossy(&o.stderr)
        ),
        Err(e) => format!("could not run the command: {e}"),
    }
}

/// A template language small enough to read: `{{ name }}` looks a variable up, any other
/// `{{ ... }}` is integer arithmetic (`+ - * / %`, parentheses).
fn render(source: &str, vars: &[(&str, &str)]) -> String {
    let mut out = String::new();
    let mut rest = source;
    while let Some(start) = rest.find("{{") {
        out.push_str(&rest[..start]);
        let Some(len) = rest[start + 2..].find("}}") else {
            out.push_str(&rest[start..]);
            return out;
        };
        let expr = rest[start + 2..start + 2 + len].trim();
        match vars.iter().find(|(k, _)| *k == expr) {
            Some((_, v)) => out.push_str(v),
            None => match Arith::new(expr).eval() {
                Some(n) => out.push_str(&n.to_string()),
                None => out.push_str("[template error]"),
            },
        }
        rest = &rest[start + 2 + len + 2..];
    }
    out.push_str(rest);
    out
}

/// Recursive-descent integer arithmetic for [`render`]; `None` on anything else.
struct Arith<'a> {
    s: &'a [u8],
    i: usize,
}

impl<'a> Arith<'a> {
    fn new(s: &'a str) -> Self {
        Arith {
            s: s.as_bytes(),
            i: 0,
        }
    }
    fn eval(mut self) -> Option<i64> {
        let v = self.sum()?;
        self.skip();
        (self.i == self.s.len()).then_some(v)
    }
    fn skip(&mut self) {
        while self.s.get(self.i).is_some_and(u8::is_ascii_whitespace) {
            self.i += 1;
        }
    }
    fn peek(&mut self) -> Option<u8> {
        self.skip();
        self.s.get(self.i).copied()
    }
    fn sum(&mut self) -> Option<i64> {
        let mut v = self.product()?;
        while let Some(op @ (b'+' | b'-')) = self.peek() {
            self.i += 1;
            let r = self.product()?;
            v = if op == b'+' {
                v.checked_add(r)?
            } else {
                v.checked_sub(r)?
            };
        }
        Some(v)
    }
    fn product(&mut self) -> Option<i64> {
        let mut v = self.atom()?;
        while let Some(op @ (b'*' | b'/' | b'%')) = self.peek() {
            self.i += 1;
            let r = self.atom()?;
            v = match op {
                b'*' => v.checked_mul(r)?,
                b'/' => v.checked_div(r)?,
                _ => v.checked_rem(r)?,
            };
        }
        Some(v)
    }
    fn atom(&mut self) -> Option<i64> {
        match self.peek()? {
            b'(' => {
                self.i += 1;
                let v = self.sum()?;
                (self.peek()? == b')').then(|| self.i += 1)?;
                Some(v)
            }
            b'-' => {
                self.i += 1;
                self.atom()?.checked_neg()
            }
            b'0'..=b'9' => {
                let start = self.i;
                while self.s.get(self.i).is_some_and(u8::is_ascii_digit) {
                    self.i += 1;
                }
                std::str::from_utf8(&self.s[start..self.i])
                    .ok()?
                    .parse()
                    .ok()
            }
            _ => None,
        }
    }
}

/// `http://IP:PORT/path` fetched with a bare HTTP/1.0 GET. Only loopback addresses, so the
/// test app cannot be turned against the network whatever it is asked.
fn fetch_loopback(url: &str) -> Result<String, String> {
    let rest = url
        .strip_prefix("http://")
        .ok_or("only http:// addresses can be previewed")?;
    let (authority, path) = rest.split_once('/').unwrap_or((rest, ""));
    let host = authority.replace("localhost", "127.0.0.1");
    let addr: SocketAddr = host
        .parse()
        .map_err(|_| format!("`{authority}` is not an address this preview can reach"))?;
    if !addr.ip().is_loopback() {
        return Err("this preview only reaches loopback addresses".into());
    }
    let mut stream = TcpStream::connect_timeout(&addr, Duration::from_secs(2))
        .map_err(|e| format!("cannot connect: {e}"))?;
    stream
        .set_read_timeout(Some(Duration::from_secs(3)))
        .map_err(|e| e.to_string())?;
    write!(
        stream,
        "GET /{path} HTTP/1.0\r\nHost: {authority}\r\nUser-Agent: shop-preview/1.0\r\n\r\n"
    )
    .map_err(|e| e.to_string())?;
    let mut body = Vec::new();
    let _ = stream.take(64 * 1024).read_to_end(&mut body);
    let text = String::from_utf8_lossy(&body).into_owned();
    Ok(text
        .split_once("\r\n\r\n")
        .map_or(text.clone(), |(_, b)| b.to_string()))
}

impl App {
    /// Output-based command injection: the file name goes into a shell command line. The
    /// safe twin refuses names with a slash or a leading dash and runs cksum with an
    /// argument vector.
    fn checksum(&self, file: &str) -> Response {
        let output = if self.vulnerable() {
            std::process::Command::new("sh")
                .arg("-c")
                .arg(format!("cksum {file}"))
                .current_dir(&self.public)
                .output()
        } else {
            if file.contains('/') || file.starts_with('-') || file.is_empty() {
                return Response::new(
                    400,
                    "text/html; charset=utf-8",
                    page("Checksum", "<p>Give a file name from the list.</p>"),
                );
            }
            std::process::Command::new("cksum")
                .arg("--")
                .arg(file)
                .current_dir(&self.public)
                .output()
        };
        Response::html(page(
            "Checksum",
            &format!("<pre>{}</pre>", escape_html(&shell_output(output))),
        ))
    }

    fn newsletter(&self) -> Response {
        Response::html(page(
            "Newsletter",
            &format!(
                "<form action=\"/subscribe\" method=\"post\">{}<input type=\"email\" name=\"email\"><button>Subscribe</button></form>",
                csrf_field(self.flavour)
            ),
        ))
    }

    /// Blind command injection: the address is appended to a file by a shell whose output
    /// nobody sees, so only time tells. The safe twin passes it as a positional argument.
    fn subscribe(&self, email: &str) -> Response {
        let list = self.public.join("subscribers.txt");
        let _ = if self.vulnerable() {
            std::process::Command::new("sh")
                .arg("-c")
                .arg(format!("echo {email} >> '{}'", list.display()))
                .output()
        } else {
            std::process::Command::new("sh")
                .args(["-c", "printf '%s\\n' \"$1\" >> \"$2\"", "sh", email])
                .arg(&list)
                .output()
        };
        Response::html(page("Newsletter", "<p>Thank you for subscribing.</p>"))
    }

    /// Stored XSS: comments are kept and shown on /guestbook, raw in the vulnerable flavour.
    fn guestbook(&self) -> Response {
        let comments = self.comments.lock().unwrap_or_else(|p| p.into_inner());
        let list: String = comments
            .iter()
            .map(|c| {
                let shown = if self.vulnerable() {
                    c.clone()
                } else {
                    escape_html(c)
                };
                format!("<li>{shown}</li>\n")
            })
            .collect();
        Response::html(page(
            "Guestbook",
            &format!(
                "<ul>\n{list}</ul>\n<form action=\"/guestbook/sign\" method=\"post\">{}<textarea name=\"comment\"></textarea><button>Sign</button></form>",
                csrf_field(self.flavour)
            ),
        ))
    }

    fn sign(&self, comment: &str) -> Response {
        let mut comments = self.comments.lock().unwrap_or_else(|p| p.into_inner());
        comments.push(comment.to_string());
        let excess = comments.len().saturating_sub(2000);
        comments.drain(..excess);
        let mut r = Response::new(303, "text/html; charset=utf-8", "");
        r.headers.push(("Location".into(), "/guestbook".into()));
        r
    }

    /// Server-side template injection: the vulnerable flavour builds the template's source
    /// from the name; the safe one passes the name as a variable. Both escape the result,
    /// so this page has no XSS, only the template flaw.
    fn greet(&self, name: &str) -> Response {
        let text = if self.vulnerable() {
            render(&format!("Hello, {name}! Welcome back."), &[])
        } else {
            render("Hello, {{ name }}! Welcome back.", &[("name", name)])
        };
        Response::html(page("Greeting", &format!("<p>{}</p>", escape_html(&text))))
    }

    /// SSRF: the vulnerable flavour fetches whatever (loopback) URL it is given; the safe
    /// one only its own /files/.
    fn preview(&self, url: &str) -> Response {
        let own = format!("http://{}/files/", self.addr);
        let allowed = self.vulnerable()
            || url.strip_prefix(&own).is_some_and(|name| {
                !name.is_empty() && !name.contains(['/', '\\']) && !name.contains("..")
            });
        let shown = if allowed {
            fetch_loopback(url).unwrap_or_else(|e| format!("cannot preview: {e}"))
        } else {
            "cannot preview: this address is not allowed".to_string()
        };
        Response::html(page(
            "Preview",
            &format!("<pre>{}</pre>", escape_html(&clip_chars(&shown, 2000))),
        ))
    }
}

fn clip_chars(s: &str, max: usize) -> String {
    s.chars().take(max).collect()
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        302 => "Found",
        303 => "See Other",
        400 => "Bad Request",
        404 => "Not Found",
        500 => "Internal Server Error",
        _ => "Unknown",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_template_language_evaluates_arithmetic_and_looks_up_names() {
        assert_eq!(render("a {{ 7*(2+4) }} b", &[]), "a 42 b");
        assert_eq!(render("{{x}}", &[("x", "{{1+1}}")]), "{{1+1}}");
        assert_eq!(render("{{ 1/0 }} {{ nope", &[]), "[template error] {{ nope");
    }
}
