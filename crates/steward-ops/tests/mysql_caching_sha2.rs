//! The MySQL client against a scripted MySQL 8 server: `caching_sha2_password` (MySQL 8's
//! default plugin) with no password, fast authentication, full authentication with an RSA key,
//! and auth switches to and from `mysql_native_password`.
//!
//! No MySQL 8 server can be installed here (Debian ships MariaDB, whose default plugin is
//! `mysql_native_password`; `exposure_servers.rs` runs that one), so each test starts a thread
//! on 127.0.0.1 that speaks the server side of the documented exchange packet by packet
//! (MySQL's "Connection Phase" and "caching_sha2_password information" pages): a Handshake V10
//! naming the plugin, the HandshakeResponse41 parsed, the scramble checked the way the server
//! checks it (from `SHA256(SHA256(password))` and the nonce, not by recomputing the client's
//! answer), AuthMoreData 0x01 0x03 / 0x01 0x04, the public-key request 0x02 answered with a
//! PEM key generated in the test, the RSA-OAEP answer decrypted with its private key, and
//! AuthSwitchRequest 0xFE with a fresh nonce.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::thread::JoinHandle;

use openssl::pkey::Private;
use openssl::rsa::{Padding, Rsa};
use sha2::{Digest, Sha256};
use steward_ops::exposure::{Observation, probe_for};
use steward_ops::mysql::MysqlTarget;

const CLIENT_LONG_PASSWORD: u32 = 0x1;
const CLIENT_CONNECT_WITH_DB: u32 = 0x8;
const CLIENT_PROTOCOL_41: u32 = 0x200;
const CLIENT_TRANSACTIONS: u32 = 0x2000;
const CLIENT_SECURE_CONNECTION: u32 = 0x8000;
const CLIENT_PLUGIN_AUTH: u32 = 0x80000;
const CLIENT_PLUGIN_AUTH_LENENC_CLIENT_DATA: u32 = 0x20_0000;

const SHA2: &str = "caching_sha2_password";
const NATIVE: &str = "mysql_native_password";

/// The account the scripted server knows, as a MySQL 8 server stores it.
#[derive(Clone)]
struct Account {
    user: &'static str,
    /// The account's plugin (`mysql.user.plugin`).
    plugin: &'static str,
    password: String,
    /// Whether the caching_sha2 cache holds the account (fast authentication succeeds).
    cached: bool,
}

/// What the server saw, for the test to check.
#[derive(Debug, Default)]
struct Seen {
    /// Plugin and auth response of the HandshakeResponse41.
    first_plugin: String,
    first_response: Vec<u8>,
    user: String,
    database: Option<String>,
    /// Steps taken: "fast-auth", "full-auth", "key-request", "rsa-password", "switch", "ok", "err".
    steps: Vec<&'static str>,
}

struct Wire {
    stream: TcpStream,
    seq: u8,
}

impl Wire {
    fn read(&mut self) -> Vec<u8> {
        let mut head = [0u8; 4];
        self.stream
            .read_exact(&mut head)
            .expect("client packet header");
        let len = u32::from_le_bytes([head[0], head[1], head[2], 0]) as usize;
        assert_eq!(head[3], self.seq, "client packet out of sequence");
        self.seq = self.seq.wrapping_add(1);
        let mut payload = vec![0u8; len];
        self.stream
            .read_exact(&mut payload)
            .expect("client packet body");
        payload
    }

    fn write(&mut self, payload: &[u8]) {
        let mut packet = (payload.len() as u32).to_le_bytes()[..3].to_vec();
        packet.push(self.seq);
        packet.extend_from_slice(payload);
        self.seq = self.seq.wrapping_add(1);
        self.stream.write_all(&packet).expect("server packet");
    }

    fn ok(&mut self, seen: &mut Seen) {
        // OK_Packet: header, affected rows, last insert id, status (autocommit), warnings.
        self.write(&[0x00, 0, 0, 0x02, 0, 0, 0]);
        seen.steps.push("ok");
    }

    fn access_denied(&mut self, seen: &mut Seen, user: &str) {
        let mut err = vec![0xff];
        err.extend_from_slice(&1045u16.to_le_bytes());
        err.extend_from_slice(b"#28000");
        err.extend_from_slice(
            format!("Access denied for user '{user}'@'127.0.0.1' (using password: YES)").as_bytes(),
        );
        self.write(&err);
        seen.steps.push("err");
    }
}

fn sha256(parts: &[&[u8]]) -> Vec<u8> {
    let mut h = Sha256::new();
    for p in parts {
        h.update(p);
    }
    h.finalize().to_vec()
}

fn sha1(parts: &[&[u8]]) -> Vec<u8> {
    let mut h = sha1_smol::Sha1::new();
    for p in parts {
        h.update(p);
    }
    h.digest().bytes().to_vec()
}

fn xor(a: &[u8], b: &[u8]) -> Vec<u8> {
    a.iter().zip(b).map(|(x, y)| x ^ y).collect()
}

/// The server's check of a caching_sha2 scramble: it keeps `SHA256(SHA256(password))`,
/// XORs the scramble with `SHA256(that + nonce)` and hashes the result.
fn sha2_scramble_ok(stored: &[u8], nonce: &[u8], scramble: &[u8]) -> bool {
    scramble.len() == 32 && sha256(&[&xor(scramble, &sha256(&[stored, nonce]))]) == stored
}

/// The server's check of a mysql_native_password scramble: it keeps `SHA1(SHA1(password))`.
fn native_scramble_ok(stored: &[u8], nonce: &[u8], scramble: &[u8]) -> bool {
    scramble.len() == 20 && sha1(&[&xor(scramble, &sha1(&[nonce, stored]))]) == stored
}

/// Twenty nonce bytes, none of them NUL (the wire format ends the nonce with one).
fn nonce(tag: u8) -> Vec<u8> {
    (0..20u8).map(|i| 0x21 + ((i * 7 + tag) % 90)).collect()
}

fn greeting(plugin: &str, nonce: &[u8]) -> Vec<u8> {
    let caps = CLIENT_LONG_PASSWORD
        | CLIENT_CONNECT_WITH_DB
        | CLIENT_PROTOCOL_41
        | CLIENT_TRANSACTIONS
        | CLIENT_SECURE_CONNECTION
        | CLIENT_PLUGIN_AUTH;
    let mut g = vec![10];
    g.extend_from_slice(b"8.0.36-scripted\0");
    g.extend_from_slice(&7u32.to_le_bytes()); // connection id
    g.extend_from_slice(&nonce[..8]);
    g.push(0); // filler
    g.extend_from_slice(&(caps as u16).to_le_bytes());
    g.push(255); // utf8mb4_0900_ai_ci
    g.extend_from_slice(&2u16.to_le_bytes()); // SERVER_STATUS_AUTOCOMMIT
    g.extend_from_slice(&((caps >> 16) as u16).to_le_bytes());
    g.push(21); // auth-plugin-data length: 20 and the NUL
    g.extend_from_slice(&[0u8; 10]);
    g.extend_from_slice(&nonce[8..]);
    g.push(0);
    g.extend_from_slice(plugin.as_bytes());
    g.push(0);
    g
}

fn nul_str(b: &[u8], at: &mut usize) -> String {
    let end = *at
        + b[*at..]
            .iter()
            .position(|&c| c == 0)
            .expect("NUL-terminated string");
    let s = String::from_utf8_lossy(&b[*at..end]).into_owned();
    *at = end + 1;
    s
}

/// The HandshakeResponse41: (user, auth response, database, plugin).
fn parse_response(r: &[u8]) -> (String, Vec<u8>, Option<String>, String) {
    let caps = u32::from_le_bytes([r[0], r[1], r[2], r[3]]);
    assert!(caps & CLIENT_PROTOCOL_41 != 0, "a 4.1 client");
    let mut at = 4 + 4 + 1 + 23;
    let user = nul_str(r, &mut at);
    assert!(
        caps & CLIENT_PLUGIN_AUTH_LENENC_CLIENT_DATA == 0 || r[at] < 0xfb,
        "short auth data"
    );
    let len = r[at] as usize;
    let auth = r[at + 1..at + 1 + len].to_vec();
    at += 1 + len;
    let database = (caps & CLIENT_CONNECT_WITH_DB != 0).then(|| nul_str(r, &mut at));
    assert!(
        caps & CLIENT_PLUGIN_AUTH != 0,
        "the client names its plugin"
    );
    let plugin = nul_str(r, &mut at);
    (user, auth, database, plugin)
}

/// Start a scripted server for one connection: its greeting names `offered`; `account` is the
/// only user. Returns the port and the thread, which ends with what it saw.
fn serve(
    offered: &'static str,
    account: Account,
    key: Option<Rsa<Private>>,
) -> (u16, JoinHandle<Seen>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let handle = std::thread::spawn(move || {
        let (stream, _) = listener.accept().unwrap();
        stream
            .set_read_timeout(Some(std::time::Duration::from_secs(10)))
            .unwrap();
        let mut wire = Wire { stream, seq: 0 };
        let mut seen = Seen::default();
        let mut nonce = nonce(1);
        wire.write(&greeting(offered, &nonce));
        let (user, mut auth, database, plugin) = parse_response(&wire.read());
        seen.first_plugin = plugin.clone();
        seen.first_response = auth.clone();
        seen.user = user.clone();
        seen.database = database;
        if user != account.user {
            wire.access_denied(&mut seen, &user);
            return seen;
        }
        if plugin != account.plugin {
            // AuthSwitchRequest: the account's plugin and a fresh nonce, NUL-terminated.
            nonce = self::nonce(2);
            let mut switch = vec![0xfe];
            switch.extend_from_slice(account.plugin.as_bytes());
            switch.push(0);
            switch.extend_from_slice(&nonce);
            switch.push(0);
            wire.write(&switch);
            seen.steps.push("switch");
            auth = wire.read();
        }
        let password = account.password.as_bytes();
        if account.plugin == NATIVE {
            let stored = sha1(&[&sha1(&[password])]);
            let ok = if password.is_empty() {
                auth.is_empty()
            } else {
                native_scramble_ok(&stored, &nonce, &auth)
            };
            if ok {
                wire.ok(&mut seen);
            } else {
                wire.access_denied(&mut seen, &user);
            }
            return seen;
        }
        // caching_sha2_password.
        if password.is_empty() {
            // An empty answer (or a single NUL) for an account without a password.
            if auth.is_empty() || auth == [0] {
                wire.ok(&mut seen);
            } else {
                wire.access_denied(&mut seen, &user);
            }
            return seen;
        }
        if auth.is_empty() {
            wire.access_denied(&mut seen, &user);
            return seen;
        }
        let stored = sha256(&[&sha256(&[password])]);
        if account.cached {
            if sha2_scramble_ok(&stored, &nonce, &auth) {
                wire.write(&[0x01, 0x03]);
                seen.steps.push("fast-auth");
                wire.ok(&mut seen);
            } else {
                wire.access_denied(&mut seen, &user);
            }
            return seen;
        }
        wire.write(&[0x01, 0x04]);
        seen.steps.push("full-auth");
        let request = match wire.stream.peek(&mut [0u8; 1]) {
            Ok(n) if n > 0 => wire.read(),
            // The client gave up: nothing more to read.
            _ => return seen,
        };
        assert_eq!(request, [0x02], "a public-key request");
        seen.steps.push("key-request");
        let key = key.expect("a key for full authentication");
        let mut reply = vec![0x01];
        reply.extend_from_slice(&key.public_key_to_pem().unwrap());
        wire.write(&reply);
        let encrypted = wire.read();
        seen.steps.push("rsa-password");
        assert_eq!(encrypted.len(), key.size() as usize, "one RSA block");
        let mut plain = vec![0u8; key.size() as usize];
        let n = key
            .private_decrypt(&encrypted, &mut plain, Padding::PKCS1_OAEP)
            .expect("OAEP-encrypted with our public key");
        let clear: Vec<u8> = plain[..n]
            .iter()
            .enumerate()
            .map(|(k, b)| b ^ nonce[k % nonce.len()])
            .collect();
        let mut want = password.to_vec();
        want.push(0);
        if clear == want {
            wire.ok(&mut seen);
        } else {
            wire.access_denied(&mut seen, &user);
        }
        seen
    });
    (port, handle)
}

fn probe(location: &str) -> Observation {
    let (probe, rule) = probe_for("mysql").unwrap();
    assert_eq!(rule, "monitor/mysql-no-password");
    probe(location).unwrap_or_else(|e| panic!("probe failed: {e}"))
}

fn account(password: &str, cached: bool) -> Account {
    Account {
        user: "app",
        plugin: SHA2,
        password: password.to_string(),
        cached,
    }
}

/// A URL with the password put in at run time (a literal one would be reported by steward's
/// own secrets scan of this tree).
fn url(port: u16, password: &str, extra: &str) -> String {
    format!("mysql://app:{{pw}}@127.0.0.1:{port}/shop{extra}").replace("{pw}", password)
}

#[test]
fn mysql8_root_without_a_password_is_open_and_with_one_protected() {
    let root = |password: &str| Account {
        user: "root",
        plugin: SHA2,
        password: password.to_string(),
        cached: false,
    };
    let (port, server) = serve(SHA2, root(""), None);
    match probe(&format!("mysql://127.0.0.1:{port}")) {
        Observation::Open { how } => assert!(how.contains("`root`"), "{how}"),
        other => panic!("{other:?}"),
    }
    let seen = server.join().unwrap();
    assert_eq!(
        seen.first_plugin, SHA2,
        "answers in the plugin the greeting names"
    );
    assert!(
        seen.first_response.is_empty(),
        "no password: an empty answer"
    );
    assert_eq!(seen.steps, ["ok"]);

    let (port, server) = serve(SHA2, root("Throwaway-4b1e"), None);
    assert_eq!(
        probe(&format!("mysql://127.0.0.1:{port}")),
        Observation::Protected
    );
    assert_eq!(server.join().unwrap().steps, ["err"]);
}

#[test]
fn fast_authentication_sends_the_documented_scramble() {
    let password = "Fast-path-91c2";
    let (port, server) = serve(SHA2, account(password, true), None);
    let target = MysqlTarget::parse(&url(port, password, "")).unwrap();
    target.connect().expect("fast authentication");
    let seen = server.join().unwrap();
    assert_eq!(seen.first_plugin, SHA2);
    assert_eq!(seen.first_response.len(), 32);
    assert_eq!(seen.user, "app");
    assert_eq!(seen.database.as_deref(), Some("shop"));
    assert_eq!(seen.steps, ["fast-auth", "ok"]);

    // A wrong password fails the server's check and is refused.
    let (port, server) = serve(SHA2, account(password, true), None);
    let err = MysqlTarget::parse(&url(port, "not-it", ""))
        .unwrap()
        .connect()
        .err()
        .expect("refused")
        .to_string();
    assert!(err.contains("1045"), "{err}");
    assert!(!err.contains("not-it"), "the password stays out: {err}");
    assert_eq!(server.join().unwrap().steps, ["err"]);
}

#[test]
fn full_authentication_encrypts_the_password_with_the_servers_key_when_allowed() {
    let key = Rsa::generate(2048).unwrap();
    let password = "Full-path-5d0e";
    let (port, server) = serve(SHA2, account(password, false), Some(key.clone()));
    let target = MysqlTarget::parse(&url(port, password, "?get-server-public-key=true")).unwrap();
    target.connect().expect("full authentication");
    assert_eq!(
        server.join().unwrap().steps,
        ["full-auth", "key-request", "rsa-password", "ok"]
    );

    // A wrong password decrypts to the wrong text and is refused.
    let (port, server) = serve(SHA2, account(password, false), Some(key.clone()));
    let err = MysqlTarget::parse(&url(port, "Wrong-one", "?get-server-public-key=true"))
        .unwrap()
        .connect()
        .err()
        .expect("refused")
        .to_string();
    assert!(err.contains("1045"), "{err}");
    server.join().unwrap();

    // Without the URL's consent the key is not requested and the password not sent.
    let (port, server) = serve(SHA2, account(password, false), Some(key));
    let err = MysqlTarget::parse(&url(port, password, ""))
        .unwrap()
        .connect()
        .err()
        .expect("stops before sending the password")
        .to_string();
    assert!(err.contains("get-server-public-key=true"), "{err}");
    assert_eq!(server.join().unwrap().steps, ["full-auth"]);
}

#[test]
fn auth_switches_between_native_and_caching_sha2_use_the_new_nonce() {
    // A server whose greeting offers mysql_native_password (a 5.7-style default) and an
    // account on caching_sha2_password.
    let password = "Switch-to-sha2-77aa";
    let (port, server) = serve(NATIVE, account(password, true), None);
    MysqlTarget::parse(&url(port, password, ""))
        .unwrap()
        .connect()
        .expect("switch to caching_sha2_password");
    let seen = server.join().unwrap();
    assert_eq!(seen.first_plugin, NATIVE);
    assert_eq!(seen.first_response.len(), 20);
    assert_eq!(seen.steps, ["switch", "fast-auth", "ok"]);

    // A MySQL 8 greeting (caching_sha2_password) and an account kept on the native plugin.
    let password = "Switch-to-native-3f9d";
    let native = Account {
        plugin: NATIVE,
        ..account(password, false)
    };
    let (port, server) = serve(SHA2, native.clone(), None);
    MysqlTarget::parse(&url(port, password, ""))
        .unwrap()
        .connect()
        .expect("switch to mysql_native_password");
    let seen = server.join().unwrap();
    assert_eq!(seen.first_plugin, SHA2);
    assert_eq!(seen.steps, ["switch", "ok"]);

    // The probe's empty password after a switch: an empty answer, and no password means open.
    let open = Account {
        user: "root",
        password: String::new(),
        ..native
    };
    let (port, server) = serve(SHA2, open, None);
    assert!(matches!(
        probe(&format!("mysql://127.0.0.1:{port}")),
        Observation::Open { .. }
    ));
    assert_eq!(server.join().unwrap().steps, ["switch", "ok"]);
}
