//! A small MySQL/MariaDB client for `steward dlp mysql://…` and the exposure probe: the
//! handshake with `mysql_native_password` (MariaDB's and MySQL 5.7's default) or
//! `caching_sha2_password` (MySQL 8's) authentication, switching between them when the server
//! asks, and text-protocol queries whose rows are streamed to the caller a batch at a time, so
//! a table of any size is read in bounded memory.
//!
//! The target URL is `mysql://user:password@host:port/db` (or `mariadb://`) with steward's
//! `table=NAME` (repeatable) and `sample=N` parameters, as for PostgreSQL targets, and
//! `get-server-public-key=true` (see [`LoginOptions`]).

use std::io::{Read, Write};
use std::net::{TcpStream, ToSocketAddrs};
use std::time::Duration;

use crate::database::{DbError, Table};

const TIMEOUT: Duration = Duration::from_secs(30);
const BATCH_ROWS: usize = 5_000;

const CLIENT_LONG_PASSWORD: u32 = 0x1;
const CLIENT_CONNECT_WITH_DB: u32 = 0x8;
const CLIENT_PROTOCOL_41: u32 = 0x200;
const CLIENT_TRANSACTIONS: u32 = 0x2000;
const CLIENT_SECURE_CONNECTION: u32 = 0x8000;
const CLIENT_PLUGIN_AUTH: u32 = 0x80000;

/// Whether `target` is a MySQL or MariaDB URL.
pub fn is_mysql_url(target: &str) -> bool {
    let lower = target.to_ascii_lowercase();
    lower.starts_with("mysql://") || lower.starts_with("mariadb://")
}

/// A parsed `mysql://` DLP target.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MysqlTarget {
    pub host: String,
    pub port: u16,
    pub user: String,
    password: String,
    pub database: String,
    /// `mysql://user@host:port/db`: what reports show.
    pub shown: String,
    pub tables: Vec<String>,
    pub sample: Option<u64>,
    /// `get-server-public-key=true`: see [`LoginOptions::get_server_public_key`].
    pub get_server_public_key: bool,
}

/// `%XX` escapes in URL userinfo.
fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && let Some(v) = s
                .get(i + 1..i + 3)
                .and_then(|h| u8::from_str_radix(h, 16).ok())
        {
            out.push(v);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

impl MysqlTarget {
    pub fn parse(url: &str) -> Result<MysqlTarget, DbError> {
        let bad = |why: &str| {
            DbError::Target(format!(
                "{}: {why}; expected mysql://user:password@host:port/database?table=name",
                steward_core::redact_url(url)
            ))
        };
        let (_, rest) = url
            .split_once("://")
            .filter(|_| is_mysql_url(url))
            .ok_or_else(|| bad("not a mysql:// URL"))?;
        let (before_query, query) = match rest.split_once('?') {
            Some((b, q)) => (b, Some(q)),
            None => (rest, None),
        };
        let (authority, database) = before_query.split_once('/').unwrap_or((before_query, ""));
        if database.is_empty() {
            return Err(bad("no database name"));
        }
        let (userinfo, hostport) = match authority.rsplit_once('@') {
            Some((u, h)) => (u, h),
            None => ("", authority),
        };
        let (user, password) = userinfo.split_once(':').unwrap_or((userinfo, ""));
        let (host, port) = match hostport.rsplit_once(':') {
            Some((h, p)) => (
                h,
                p.parse::<u16>()
                    .map_err(|_| bad(&format!("bad port `{p}`")))?,
            ),
            None => (hostport, 3306),
        };
        if host.is_empty() {
            return Err(bad("no host"));
        }
        let mut tables = Vec::new();
        let mut sample = None;
        let mut get_server_public_key = false;
        for param in query.into_iter().flat_map(|q| q.split('&')) {
            match param.split_once('=') {
                Some(("table", t)) if !t.is_empty() => tables.push(t.to_string()),
                Some(("get-server-public-key", v)) => {
                    get_server_public_key = match v {
                        "true" | "1" => true,
                        "false" | "0" => false,
                        _ => return Err(bad("`get-server-public-key=` takes true or false")),
                    }
                }
                Some(("sample", n)) => {
                    sample = Some(
                        n.parse()
                            .ok()
                            .filter(|n: &u64| *n > 0)
                            .ok_or_else(|| bad("`sample=` needs a number of rows, at least 1"))?,
                    )
                }
                _ if param.is_empty() => {}
                _ => return Err(bad(&format!("unknown parameter `{param}`"))),
            }
        }
        let user = percent_decode(if user.is_empty() { "root" } else { user });
        Ok(MysqlTarget {
            shown: format!("mysql://{user}@{host}:{port}/{database}"),
            host: host.to_string(),
            port,
            user,
            password: percent_decode(password),
            database: database.to_string(),
            tables,
            sample,
            get_server_public_key,
        })
    }

    fn err(&self, message: impl Into<String>) -> DbError {
        DbError::Query {
            target: self.shown.clone(),
            message: message.into(),
        }
    }

    /// Connect and log in.
    pub fn connect(&self) -> Result<Conn, DbError> {
        let connect_err = |message: String| DbError::Connect {
            target: self.shown.clone(),
            message,
        };
        let addr = (self.host.as_str(), self.port)
            .to_socket_addrs()
            .map_err(|e| connect_err(format!("cannot resolve {}: {e}", self.host)))?
            .next()
            .ok_or_else(|| connect_err(format!("{} resolves to nothing", self.host)))?;
        let stream = TcpStream::connect_timeout(&addr, Duration::from_secs(10))
            .map_err(|e| connect_err(e.to_string()))?;
        stream.set_read_timeout(Some(TIMEOUT)).ok();
        stream.set_write_timeout(Some(TIMEOUT)).ok();
        login(
            stream,
            &self.shown,
            &self.user,
            &self.password,
            Some(&self.database),
            LoginOptions {
                get_server_public_key: self.get_server_public_key,
            },
        )
        .map_err(|e| connect_err(e.to_string()))
    }

    /// The tables to read with their columns.
    pub fn tables(&self, conn: &mut Conn) -> Result<Vec<Table>, DbError> {
        let mut all: Vec<Table> = Vec::new();
        conn.query(
            "SELECT table_schema, table_name, column_name FROM information_schema.columns \
             WHERE table_schema = DATABASE() ORDER BY table_name, ordinal_position",
            |rows| {
                for row in rows {
                    let (Some(Some(schema)), Some(Some(table)), Some(Some(column))) =
                        (row.first(), row.get(1), row.get(2))
                    else {
                        continue;
                    };
                    match all.last_mut() {
                        Some(t) if t.name == *table => t.columns.push(column.clone()),
                        _ => all.push(Table {
                            schema: schema.clone(),
                            name: table.clone(),
                            columns: vec![column.clone()],
                        }),
                    }
                }
            },
        )?;
        if self.tables.is_empty() {
            return Ok(all);
        }
        let mut chosen = Vec::new();
        for wanted in &self.tables {
            let name = wanted.rsplit('.').next().unwrap_or(wanted);
            match all.iter().find(|t| t.name == name) {
                Some(t) => chosen.push(t.clone()),
                None => {
                    let names: Vec<&str> = all.iter().map(|t| t.name.as_str()).collect();
                    return Err(self.err(format!(
                        "no table `{wanted}` in `{}` (tables: {})",
                        self.database,
                        if names.is_empty() {
                            "none".into()
                        } else {
                            names.join(", ")
                        }
                    )));
                }
            }
        }
        Ok(chosen)
    }

    /// Read `table`'s rows as text, a batch at a time; at most `self.sample` rows.
    pub fn read(
        &self,
        conn: &mut Conn,
        table: &Table,
        visit: impl FnMut(&[Vec<Option<String>>]),
    ) -> Result<u64, DbError> {
        let quote = |s: &str| format!("`{}`", s.replace('`', "``"));
        let columns: Vec<String> = table.columns.iter().map(|c| quote(c)).collect();
        let limit = self
            .sample
            .map(|n| format!(" LIMIT {n}"))
            .unwrap_or_default();
        conn.query(
            &format!(
                "SELECT {} FROM {}.{}{limit}",
                columns.join(", "),
                quote(&table.schema),
                quote(&table.name)
            ),
            visit,
        )
    }
}

/// Why a login failed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LoginError {
    /// The server refused these credentials or this host (an ERR packet at login).
    #[error("{0}")]
    Refused(String),
    /// Anything else: not a MySQL server, a plugin steward does not speak, I/O.
    #[error("{0}")]
    Failed(String),
}

/// How far a login may go to get the password to the server.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct LoginOptions {
    /// When a `caching_sha2_password` server has no cached entry for the account, it wants
    /// the password itself ("full authentication"). Without TLS the client encrypts it with
    /// an RSA public key the server sends on request, a key nothing vouches for: whoever sits
    /// between client and server can send theirs and read the password. Like the `mysql`
    /// client's `--get-server-public-key`, steward requests the key only when told to
    /// (`get-server-public-key=true` in the URL); otherwise the login stops with a message
    /// saying so. An empty password is sent either way: there is nothing to read.
    pub get_server_public_key: bool,
}

const NATIVE_PASSWORD: &str = "mysql_native_password";
const CACHING_SHA2_PASSWORD: &str = "caching_sha2_password";

/// `caching_sha2_password`'s answers after the scramble (an AuthMoreData packet, 0x01 and
/// one of these), and the client's request for the server's public key.
const FAST_AUTH_SUCCESS: u8 = 0x03;
const PERFORM_FULL_AUTHENTICATION: u8 = 0x04;
const REQUEST_PUBLIC_KEY: u8 = 0x02;

/// Log in over `stream` as `user` with `password` (empty: none), into `database` if given.
/// `shown` names the server in errors.
///
/// The first answer uses the plugin the greeting names when steward speaks it
/// (`caching_sha2_password` or `mysql_native_password`), else `mysql_native_password`; an
/// auth-switch request moves to the plugin the account uses. With an empty password every
/// plugin gets an empty answer: that is "no password" in all of them.
pub(crate) fn login(
    stream: TcpStream,
    shown: &str,
    user: &str,
    password: &str,
    database: Option<&str>,
    options: LoginOptions,
) -> Result<Conn, LoginError> {
    let failed = |e: DbError| LoginError::Failed(e.to_string());
    let mut conn = Conn {
        stream,
        seq: 0,
        shown: shown.to_string(),
    };
    let greeting = conn.read_packet().map_err(failed)?;
    match greeting.first() {
        Some(10) => {}
        // e.g. "Host '…' is not allowed to connect": refused before any login.
        Some(0xff) => return Err(LoginError::Refused(error_message(&greeting))),
        _ => {
            return Err(LoginError::Failed(
                "not a MySQL server (no protocol-10 greeting)".into(),
            ));
        }
    }
    let (mut nonce, offered) = parse_greeting(&greeting)
        .ok_or_else(|| LoginError::Failed("unreadable server greeting".into()))?;
    let mut plugin = match offered.as_str() {
        CACHING_SHA2_PASSWORD => CACHING_SHA2_PASSWORD,
        _ => NATIVE_PASSWORD,
    };
    let mut caps = CLIENT_LONG_PASSWORD
        | CLIENT_PROTOCOL_41
        | CLIENT_TRANSACTIONS
        | CLIENT_SECURE_CONNECTION
        | CLIENT_PLUGIN_AUTH;
    if database.is_some() {
        caps |= CLIENT_CONNECT_WITH_DB;
    }
    let auth = scramble(plugin, password, &nonce);
    let mut response = Vec::new();
    response.extend_from_slice(&caps.to_le_bytes());
    response.extend_from_slice(&(1u32 << 24).to_le_bytes());
    response.push(45); // utf8mb4_general_ci
    response.extend_from_slice(&[0u8; 23]);
    response.extend_from_slice(user.as_bytes());
    response.push(0);
    response.push(auth.len() as u8);
    response.extend_from_slice(&auth);
    if let Some(db) = database {
        response.extend_from_slice(db.as_bytes());
        response.push(0);
    }
    response.extend_from_slice(plugin.as_bytes());
    response.push(0);
    conn.write_packet(&response).map_err(failed)?;
    // A few rounds at most: an auth switch, a fast-auth result or a public-key exchange,
    // then OK or ERR.
    let mut key_requested = false;
    for _ in 0..6 {
        let reply = conn.read_packet().map_err(failed)?;
        match reply.first() {
            Some(0x00) => return Ok(conn),
            Some(0xff) => return Err(LoginError::Refused(error_message(&reply))),
            Some(0xfe) => {
                // Auth switch: answer in the plugin asked for, with its new nonce.
                let rest = &reply[1..];
                let plugin_end = rest.iter().position(|&b| b == 0).unwrap_or(rest.len());
                let asked = String::from_utf8_lossy(&rest[..plugin_end]).into_owned();
                let data = rest.get(plugin_end + 1..).unwrap_or_default();
                nonce = data.strip_suffix(&[0]).unwrap_or(data).to_vec();
                key_requested = false;
                plugin = match asked.as_str() {
                    CACHING_SHA2_PASSWORD => CACHING_SHA2_PASSWORD,
                    NATIVE_PASSWORD => NATIVE_PASSWORD,
                    _ if password.is_empty() => "",
                    _ => {
                        return Err(LoginError::Failed(format!(
                            "the server wants the `{asked}` authentication plugin; steward speaks {NATIVE_PASSWORD} and {CACHING_SHA2_PASSWORD} (give the account one of those, or scan through a replica that has it)"
                        )));
                    }
                };
                conn.write_packet(&scramble(plugin, password, &nonce))
                    .map_err(failed)?;
            }
            // AuthMoreData: caching_sha2_password's fast-auth result, or the public key.
            Some(0x01) if plugin == CACHING_SHA2_PASSWORD => {
                let data = &reply[1..];
                if key_requested {
                    let encrypted =
                        encrypt_password(data, password, &nonce).map_err(LoginError::Failed)?;
                    conn.write_packet(&encrypted).map_err(failed)?;
                    continue;
                }
                match data {
                    // The server's cache held the account: OK follows.
                    [FAST_AUTH_SUCCESS] => {}
                    [PERFORM_FULL_AUTHENTICATION] => {
                        if !options.get_server_public_key && !password.is_empty() {
                            return Err(LoginError::Failed(format!(
                                "the server wants the password itself ({CACHING_SHA2_PASSWORD} full authentication: the account is not in its cache); without TLS that means encrypting it with a public key the server sends and nothing vouches for. Add `get-server-public-key=true` to the URL to allow that, or log in once with the mysql client over TLS to fill the server's cache"
                            )));
                        }
                        conn.write_packet(&[REQUEST_PUBLIC_KEY]).map_err(failed)?;
                        key_requested = true;
                    }
                    _ => {
                        return Err(LoginError::Failed(format!(
                            "unexpected {CACHING_SHA2_PASSWORD} packet from the server"
                        )));
                    }
                }
            }
            _ => break,
        }
    }
    Err(LoginError::Failed("the login gave no clear answer".into()))
}

/// The auth response `plugin` wants for `password` and the server's `nonce`; empty for no
/// password (and for a plugin steward does not speak, asked for with no password).
fn scramble(plugin: &str, password: &str, nonce: &[u8]) -> Vec<u8> {
    match plugin {
        CACHING_SHA2_PASSWORD => sha2_password(password, nonce),
        NATIVE_PASSWORD => native_password(password, nonce),
        _ => Vec::new(),
    }
}

/// A logged-in connection.
pub struct Conn {
    stream: TcpStream,
    seq: u8,
    shown: String,
}

impl Conn {
    fn err(&self, message: impl Into<String>) -> DbError {
        DbError::Query {
            target: self.shown.clone(),
            message: message.into(),
        }
    }

    fn read_packet(&mut self) -> Result<Vec<u8>, DbError> {
        let mut payload = Vec::new();
        loop {
            let mut head = [0u8; 4];
            self.stream
                .read_exact(&mut head)
                .map_err(|e| self.err(format!("reading from the server: {e}")))?;
            let len = u32::from_le_bytes([head[0], head[1], head[2], 0]) as usize;
            self.seq = head[3].wrapping_add(1);
            let start = payload.len();
            payload.resize(start + len, 0);
            self.stream
                .read_exact(&mut payload[start..])
                .map_err(|e| self.err(format!("reading from the server: {e}")))?;
            // A payload of 2^24-1 bytes continues in the next packet.
            if len < 0xff_ffff {
                return Ok(payload);
            }
        }
    }

    fn write_packet(&mut self, payload: &[u8]) -> Result<(), DbError> {
        let mut packet = Vec::with_capacity(payload.len() + 4);
        packet.extend_from_slice(&(payload.len() as u32).to_le_bytes()[..3]);
        packet.push(self.seq);
        packet.extend_from_slice(payload);
        self.seq = self.seq.wrapping_add(1);
        self.stream
            .write_all(&packet)
            .map_err(|e| self.err(format!("writing to the server: {e}")))
    }

    /// Run `sql` and hand its rows to `visit` in batches; returns the number of rows.
    pub fn query(
        &mut self,
        sql: &str,
        mut visit: impl FnMut(&[Vec<Option<String>>]),
    ) -> Result<u64, DbError> {
        self.seq = 0;
        let mut command = vec![0x03];
        command.extend_from_slice(sql.as_bytes());
        self.write_packet(&command)?;
        let first = self.read_packet()?;
        match first.first() {
            Some(0x00) => return Ok(0),
            Some(0xff) => return Err(self.err(error_message(&first))),
            _ => {}
        }
        let (columns, _) =
            lenenc_int(&first).ok_or_else(|| self.err("unreadable result header"))?;
        for _ in 0..columns {
            self.read_packet()?; // column definitions: names are known from the query
        }
        let eof = self.read_packet()?;
        if eof.first() != Some(&0xfe) {
            return Err(self.err("unexpected packet after the column definitions"));
        }
        let mut total = 0u64;
        let mut batch: Vec<Vec<Option<String>>> = Vec::with_capacity(BATCH_ROWS);
        loop {
            let packet = self.read_packet()?;
            match packet.first() {
                Some(0xfe) if packet.len() < 9 => break,
                Some(0xff) => return Err(self.err(error_message(&packet))),
                _ => {}
            }
            let mut row = Vec::with_capacity(columns as usize);
            let mut rest = packet.as_slice();
            for _ in 0..columns {
                if rest.first() == Some(&0xfb) {
                    row.push(None);
                    rest = &rest[1..];
                    continue;
                }
                let (len, used) = lenenc_int(rest).ok_or_else(|| self.err("unreadable row"))?;
                let value = rest
                    .get(used..used + len as usize)
                    .ok_or_else(|| self.err("truncated row"))?;
                row.push(Some(String::from_utf8_lossy(value).into_owned()));
                rest = &rest[used + len as usize..];
            }
            batch.push(row);
            total += 1;
            if batch.len() == BATCH_ROWS {
                visit(&batch);
                batch.clear();
            }
        }
        if !batch.is_empty() {
            visit(&batch);
        }
        Ok(total)
    }
}

/// A length-encoded integer and the bytes it took.
fn lenenc_int(b: &[u8]) -> Option<(u64, usize)> {
    let first = *b.first()?;
    let n = |k: usize| -> Option<u64> {
        let mut v = 0u64;
        for (i, x) in b.get(1..1 + k)?.iter().enumerate() {
            v |= (*x as u64) << (8 * i);
        }
        Some(v)
    };
    match first {
        0..=0xfa => Some((first as u64, 1)),
        0xfc => Some((n(2)?, 3)),
        0xfd => Some((n(3)?, 4)),
        0xfe => Some((n(8)?, 9)),
        _ => None,
    }
}

/// The greeting's 20-byte nonce (part 1 after the connection id, part 2 later) and the
/// authentication plugin it names (`mysql_native_password` when it names none).
fn parse_greeting(g: &[u8]) -> Option<(Vec<u8>, String)> {
    let version_end = 1 + g.get(1..)?.iter().position(|&b| b == 0)?;
    let mut i = version_end + 1 + 4; // NUL, connection id
    let mut nonce = g.get(i..i + 8)?.to_vec();
    i += 8 + 1 + 2 + 1 + 2 + 2; // part 1, filler, caps low, charset, status, caps high
    let auth_len = *g.get(i)? as usize;
    i += 1 + 10;
    let part2 = auth_len.saturating_sub(8).max(13);
    let p2 = g.get(i..i + part2)?;
    nonce.extend_from_slice(p2.strip_suffix(&[0]).unwrap_or(p2));
    let plugin = g
        .get(i + part2..)
        .map(|rest| {
            let end = rest.iter().position(|&b| b == 0).unwrap_or(rest.len());
            String::from_utf8_lossy(&rest[..end]).into_owned()
        })
        .filter(|p| !p.is_empty())
        .unwrap_or_else(|| NATIVE_PASSWORD.to_string());
    Some((nonce, plugin))
}

/// `SHA1(password) XOR SHA1(salt + SHA1(SHA1(password)))`; empty for no password.
fn native_password(password: &str, salt: &[u8]) -> Vec<u8> {
    if password.is_empty() {
        return Vec::new();
    }
    let sha1 = |parts: &[&[u8]]| {
        let mut h = sha1_smol::Sha1::new();
        for p in parts {
            h.update(p);
        }
        h.digest().bytes()
    };
    let stage1 = sha1(&[password.as_bytes()]);
    let stage2 = sha1(&[&stage1]);
    let salt = &salt[..salt.len().min(20)];
    let mix = sha1(&[salt, &stage2]);
    stage1.iter().zip(mix.iter()).map(|(a, b)| a ^ b).collect()
}

/// `caching_sha2_password`'s scramble, `SHA256(password)` XOR `SHA256(stage2, nonce)` where
/// `stage2` is `SHA256(SHA256(password))`; empty for no password. The server keeps `stage2`
/// and checks that hashing the scramble XOR its own mix gives it back.
fn sha2_password(password: &str, nonce: &[u8]) -> Vec<u8> {
    use sha2::{Digest, Sha256};
    if password.is_empty() {
        return Vec::new();
    }
    let nonce = &nonce[..nonce.len().min(20)];
    let stage1 = Sha256::digest(password.as_bytes());
    let stage2 = Sha256::digest(stage1);
    let mix = Sha256::new()
        .chain_update(stage2)
        .chain_update(nonce)
        .finalize();
    stage1.iter().zip(mix.iter()).map(|(a, b)| a ^ b).collect()
}

/// `caching_sha2_password`'s full authentication without TLS: the password and a NUL, XORed
/// with the nonce (repeated), encrypted with the server's RSA public key (`pem`, as the
/// server sends it) with OAEP padding.
fn encrypt_password(pem: &[u8], password: &str, nonce: &[u8]) -> Result<Vec<u8>, String> {
    use openssl::rsa::{Padding, Rsa};
    let key = Rsa::public_key_from_pem(pem)
        .or_else(|_| Rsa::public_key_from_pem_pkcs1(pem))
        .map_err(|e| format!("the server's public key is not an RSA key in PEM: {e}"))?;
    let nonce = &nonce[..nonce.len().min(20)];
    if nonce.is_empty() {
        return Err("the server sent no nonce to mix the password with".into());
    }
    let mut plain: Vec<u8> = password.bytes().chain([0]).collect();
    for (k, b) in plain.iter_mut().enumerate() {
        *b ^= nonce[k % nonce.len()];
    }
    let mut out = vec![0u8; key.size() as usize];
    let n = key
        .public_encrypt(&plain, &mut out, Padding::PKCS1_OAEP)
        .map_err(|e| {
            format!(
                "encrypting the password with the server's {}-bit key: {e} (a password longer than the key allows?)",
                key.size() * 8
            )
        })?;
    out.truncate(n);
    Ok(out)
}

fn error_message(payload: &[u8]) -> String {
    let code = payload
        .get(1..3)
        .map(|b| u16::from_le_bytes([b[0], b[1]]))
        .unwrap_or(0);
    let text = if payload.get(3) == Some(&b'#') {
        payload.get(9..).unwrap_or_default()
    } else {
        payload.get(3..).unwrap_or_default()
    };
    format!("error {code}: {}", String::from_utf8_lossy(text))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets_parse_and_never_show_the_password() {
        // Passwords are put in at run time: literal URLs would be reported by steward's own
        // secrets scan of this tree.
        let url = "mysql://app:{pw}@db.internal:3307/shop?table=orders&sample=5";
        let t = MysqlTarget::parse(&url.replace("{pw}", "p%40ss")).unwrap();
        assert_eq!(t.shown, "mysql://app@db.internal:3307/shop");
        assert_eq!(t.password, "p@ss");
        assert_eq!(t.tables, ["orders"]);
        assert_eq!(t.sample, Some(5));
        assert_eq!(MysqlTarget::parse("mariadb://db/x").unwrap().user, "root");
        let e = MysqlTarget::parse(&"mysql://u:{pw}@db".replace("{pw}", "topsecret"))
            .unwrap_err()
            .to_string();
        assert!(e.contains("no database") && !e.contains("topsecret"), "{e}");
        assert!(MysqlTarget::parse("mysql://db/x?colour=red").is_err());
        assert!(!t.get_server_public_key);
        let t = MysqlTarget::parse("mysql://db/x?get-server-public-key=true").unwrap();
        assert!(t.get_server_public_key);
        assert!(MysqlTarget::parse("mysql://db/x?get-server-public-key=maybe").is_err());
    }

    #[test]
    fn the_sha2_scramble_matches_the_documented_construction() {
        use sha2::{Digest, Sha256};
        assert!(sha2_password("", b"01234567890123456789").is_empty());
        let nonce = b"abcdefghijklmnopqrst";
        let a = sha2_password("secret", nonce);
        assert_eq!(a.len(), 32);
        // XOR with SHA256(SHA256(SHA256(pw)) + nonce) gives SHA256(pw) back.
        let stage1 = Sha256::digest(b"secret");
        let stage2 = Sha256::digest(stage1);
        let mix = Sha256::new()
            .chain_update(stage2)
            .chain_update(nonce)
            .finalize();
        let back: Vec<u8> = a.iter().zip(mix.iter()).map(|(x, y)| x ^ y).collect();
        assert_eq!(back, stage1.to_vec());
        // The nonce's trailing NUL, when a caller keeps it, changes nothing.
        assert_eq!(sha2_password("secret", b"abcdefghijklmnopqrst\0"), a);
    }

    #[test]
    fn greetings_give_their_nonce_and_plugin() {
        let mut g = vec![10];
        g.extend_from_slice(b"8.0.36\0");
        g.extend_from_slice(&[1, 0, 0, 0]);
        g.extend_from_slice(b"ABCDEFGH");
        g.extend_from_slice(&[0, 0xff, 0xf7, 255, 2, 0, 0xff, 0xdf, 21]);
        g.extend_from_slice(&[0; 10]);
        g.extend_from_slice(b"IJKLMNOPQRST\0caching_sha2_password\0");
        let (nonce, plugin) = parse_greeting(&g).unwrap();
        assert_eq!(nonce, b"ABCDEFGHIJKLMNOPQRST");
        assert_eq!(plugin, "caching_sha2_password");
        // An old server that names no plugin: mysql_native_password.
        let cut = g.len() - "caching_sha2_password\0".len();
        assert_eq!(
            parse_greeting(&g[..cut]).unwrap().1,
            "mysql_native_password"
        );
        assert!(parse_greeting(&g[..20]).is_none());
    }

    #[test]
    fn the_scramble_matches_the_documented_construction() {
        assert!(native_password("", b"01234567890123456789").is_empty());
        let salt = b"abcdefghijklmnopqrst";
        let a = native_password("secret", salt);
        assert_eq!(a.len(), 20);
        // XOR with SHA1(salt + SHA1(SHA1(pw))) again gives SHA1(pw) back.
        let stage1 = sha1_smol::Sha1::from("secret").digest().bytes();
        let stage2 = sha1_smol::Sha1::from(stage1).digest().bytes();
        let mut h = sha1_smol::Sha1::new();
        h.update(salt);
        h.update(&stage2);
        let mix = h.digest().bytes();
        let back: Vec<u8> = a.iter().zip(mix.iter()).map(|(x, y)| x ^ y).collect();
        assert_eq!(back, stage1);
    }

    #[test]
    fn length_encoded_integers() {
        assert_eq!(lenenc_int(&[0x05]), Some((5, 1)));
        assert_eq!(lenenc_int(&[0xfc, 0x34, 0x12]), Some((0x1234, 3)));
        assert_eq!(lenenc_int(&[0xfd, 1, 0, 1]), Some((0x010001, 4)));
        assert_eq!(lenenc_int(&[0xfc, 1]), None);
    }
}
