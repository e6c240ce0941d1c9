//! Exposure probes that speak just enough of a service's wire protocol to learn whether it
//! lets a stranger in: MySQL/MariaDB (root with no password), MQTT (anonymous CONNECT),
//! RabbitMQ (AMQP 0-9-1 with guest/guest), MongoDB (OP_MSG `listDatabases` without
//! authentication) and Elasticsearch/OpenSearch (HTTP without credentials). Each talks only
//! to the address it is given, with the timeouts of [`crate::exposure::TIMEOUT`].

use std::io::{Read, Write};
use std::net::TcpStream;

use steward_core::rule::Rule;
use steward_core::severity::{Confidence, Severity};
use steward_core::taxonomy::{Cwe, Owasp};

use crate::exposure::{
    ELASTICSEARCH_OPEN, MONGODB_NO_AUTH, MQTT_ANONYMOUS, MYSQL_NO_PASSWORD, Observation,
    ProbeError, RABBITMQ_DEFAULT_CREDENTIALS, connect, err, host_port,
};

/// The user named in `scheme://user@host`, or `default`.
fn url_user<'a>(location: &'a str, default: &'a str) -> &'a str {
    let rest = location.split_once("://").map_or("", |(_, r)| r);
    let authority = rest.split(['/', '?']).next().unwrap_or("");
    authority
        .rsplit_once('@')
        .map(|(u, _)| u.split(':').next().unwrap_or(u))
        .filter(|u| !u.is_empty())
        .unwrap_or(default)
}

fn read_exact(
    stream: &mut TcpStream,
    buf: &mut [u8],
    location: &str,
    what: &str,
) -> Result<(), ProbeError> {
    stream
        .read_exact(buf)
        .map_err(|e| err(location, format!("no complete {what}: {e}")))
}

fn send(
    stream: &mut TcpStream,
    bytes: &[u8],
    location: &str,
    what: &str,
) -> Result<(), ProbeError> {
    stream
        .write_all(bytes)
        .map_err(|e| err(location, format!("sending {what}: {e}")))
}

// ---------------------------------------------------------------- MySQL / MariaDB

/// MySQL/MariaDB: a login as the URL's user (default `root`) with an empty password, through
/// the same client `steward dlp mysql://` uses. Success means anyone reaching the port is
/// that user; a refused login (or a refused host) means a password is required.
pub fn probe_mysql(location: &str) -> Result<Observation, ProbeError> {
    let hostport = host_port(location, 3306)?;
    let user = url_user(location, "root");
    let stream = connect(location, &hostport)?;
    let shown = steward_core::redact_url(location);
    let options = crate::mysql::LoginOptions::default();
    match crate::mysql::login(stream, &shown, user, "", None, options) {
        Ok(_) => Ok(Observation::Open {
            how: format!("user `{user}` logged in with no password"),
        }),
        Err(crate::mysql::LoginError::Refused(_)) => Ok(Observation::Protected),
        Err(crate::mysql::LoginError::Failed(e)) => Err(err(location, e)),
    }
}

// ---------------------------------------------------------------- MQTT

/// MQTT 3.1.1: a CONNECT with no username or password. CONNACK return code 0 means
/// anonymous clients may publish and subscribe; 4 or 5 means credentials are required.
pub fn probe_mqtt(location: &str) -> Result<Observation, ProbeError> {
    let hostport = host_port(location, 1883)?;
    let mut stream = connect(location, &hostport)?;
    let client_id = b"steward-probe";
    let mut body = Vec::new();
    body.extend_from_slice(&[0, 4]);
    body.extend_from_slice(b"MQTT");
    body.push(4); // protocol level 3.1.1
    body.push(0x02); // clean session, no username, no password
    body.extend_from_slice(&30u16.to_be_bytes()); // keep alive
    body.extend_from_slice(&(client_id.len() as u16).to_be_bytes());
    body.extend_from_slice(client_id);
    let mut packet = vec![0x10, body.len() as u8];
    packet.extend_from_slice(&body);
    send(&mut stream, &packet, location, "MQTT CONNECT")?;
    let mut ack = [0u8; 4];
    read_exact(&mut stream, &mut ack, location, "MQTT CONNACK")?;
    if ack[0] != 0x20 || ack[1] != 2 {
        return Err(err(location, "not an MQTT broker (no CONNACK)"));
    }
    match ack[3] {
        0 => {
            // Be polite: DISCONNECT.
            let _ = stream.write_all(&[0xe0, 0]);
            Ok(Observation::Open {
                how: "accepted an anonymous CONNECT (no username, no password)".into(),
            })
        }
        4 | 5 => Ok(Observation::Protected),
        code => Err(err(
            location,
            format!("MQTT CONNACK code {code}: the broker refused for another reason"),
        )),
    }
}

// ---------------------------------------------------------------- AMQP 0-9-1 (RabbitMQ)

/// One AMQP frame: type, channel, payload. Frame-end is checked.
fn amqp_read(stream: &mut TcpStream, location: &str) -> Result<(u8, Vec<u8>), ProbeError> {
    let mut head = [0u8; 7];
    read_exact(stream, &mut head, location, "AMQP frame")?;
    if &head[..4] == b"AMQP" {
        return Err(err(location, "the broker does not speak AMQP 0-9-1"));
    }
    let size = u32::from_be_bytes([head[3], head[4], head[5], head[6]]) as usize;
    if size > 1 << 20 {
        return Err(err(location, "not an AMQP broker (oversized frame)"));
    }
    let mut payload = vec![0u8; size + 1];
    read_exact(stream, &mut payload, location, "AMQP frame")?;
    if payload.pop() != Some(0xce) {
        return Err(err(location, "not an AMQP broker (bad frame end)"));
    }
    Ok((head[0], payload))
}

fn shortstr(out: &mut Vec<u8>, s: &str) {
    out.push(s.len() as u8);
    out.extend_from_slice(s.as_bytes());
}

fn longstr(out: &mut Vec<u8>, s: &[u8]) {
    out.extend_from_slice(&(s.len() as u32).to_be_bytes());
    out.extend_from_slice(s);
}

/// RabbitMQ: AMQP 0-9-1 `Connection.StartOk` with PLAIN `guest`/`guest` (or the URL's user
/// with the password `guest`). `Connection.Tune` means the login was accepted; a
/// `Connection.Close` (403 ACCESS_REFUSED) or a closed socket means it was not.
pub fn probe_rabbitmq(location: &str) -> Result<Observation, ProbeError> {
    let hostport = host_port(location, 5672)?;
    let user = url_user(location, "guest");
    let mut stream = connect(location, &hostport)?;
    send(
        &mut stream,
        b"AMQP\x00\x00\x09\x01",
        location,
        "AMQP header",
    )?;
    let (kind, start) = amqp_read(&mut stream, location)?;
    if kind != 1 || start.get(..4) != Some(&[0, 10, 0, 10]) {
        return Err(err(location, "not an AMQP broker (no Connection.Start)"));
    }
    let mut method = vec![0, 10, 0, 11];
    method.extend_from_slice(&0u32.to_be_bytes()); // client properties: empty table
    shortstr(&mut method, "PLAIN");
    let mut plain = vec![0u8];
    plain.extend_from_slice(user.as_bytes());
    plain.push(0);
    plain.extend_from_slice(b"guest");
    longstr(&mut method, &plain);
    shortstr(&mut method, "en_US");
    let mut frame = vec![1, 0, 0];
    frame.extend_from_slice(&(method.len() as u32).to_be_bytes());
    frame.extend_from_slice(&method);
    frame.push(0xce);
    send(&mut stream, &frame, location, "Connection.StartOk")?;
    match amqp_read(&mut stream, location) {
        Ok((1, m)) if m.get(..4) == Some(&[0, 10, 0, 30]) => Ok(Observation::Open {
            how: format!("user `{user}` logged in with the default password `guest`"),
        }),
        Ok((1, m)) if m.get(..4) == Some(&[0, 10, 0, 50]) => Ok(Observation::Protected),
        Ok(_) => Err(err(
            location,
            "unexpected AMQP answer to Connection.StartOk",
        )),
        // RabbitMQ closes the socket on a refused login.
        Err(_) => Ok(Observation::Protected),
    }
}

// ---------------------------------------------------------------- MongoDB

/// A BSON document of `(name, value)` where values are int32 or strings.
fn bson_doc(fields: &[(&str, BsonValue<'_>)]) -> Vec<u8> {
    let mut body = Vec::new();
    for (name, value) in fields {
        match value {
            BsonValue::Int(i) => {
                body.push(0x10);
                body.extend_from_slice(name.as_bytes());
                body.push(0);
                body.extend_from_slice(&i.to_le_bytes());
            }
            BsonValue::Str(s) => {
                body.push(0x02);
                body.extend_from_slice(name.as_bytes());
                body.push(0);
                body.extend_from_slice(&((s.len() + 1) as i32).to_le_bytes());
                body.extend_from_slice(s.as_bytes());
                body.push(0);
            }
        }
    }
    let mut doc = ((body.len() + 5) as i32).to_le_bytes().to_vec();
    doc.extend_from_slice(&body);
    doc.push(0);
    doc
}

enum BsonValue<'a> {
    Int(i32),
    Str(&'a str),
}

/// The top-level `ok` (double, int32 or int64) and `code` (int32) of a BSON document.
fn bson_ok_and_code(doc: &[u8]) -> Option<(f64, Option<i32>)> {
    let len = i32::from_le_bytes(doc.get(..4)?.try_into().ok()?) as usize;
    let doc = doc.get(..len)?;
    let mut i = 4;
    let mut ok = None;
    let mut code = None;
    while i < doc.len() - 1 {
        let kind = doc[i];
        let name_end = i + 1 + doc[i + 1..].iter().position(|&b| b == 0)?;
        let name = &doc[i + 1..name_end];
        let v = name_end + 1;
        let size = match kind {
            0x01 | 0x09 | 0x11 | 0x12 => 8,
            0x10 => 4,
            0x08 => 1,
            0x0a => 0,
            0x07 => 12,
            0x02 | 0x0d | 0x0e => {
                4 + i32::from_le_bytes(doc.get(v..v + 4)?.try_into().ok()?) as usize
            }
            0x03 | 0x04 => i32::from_le_bytes(doc.get(v..v + 4)?.try_into().ok()?) as usize,
            0x05 => 5 + i32::from_le_bytes(doc.get(v..v + 4)?.try_into().ok()?) as usize,
            0x13 => 16,
            _ => return None,
        };
        let value = doc.get(v..v + size)?;
        match (name, kind) {
            (b"ok", 0x01) => ok = Some(f64::from_le_bytes(value.try_into().ok()?)),
            (b"ok", 0x10) => ok = Some(i32::from_le_bytes(value.try_into().ok()?) as f64),
            (b"ok", 0x12) => ok = Some(i64::from_le_bytes(value.try_into().ok()?) as f64),
            (b"code", 0x10) => code = Some(i32::from_le_bytes(value.try_into().ok()?)),
            _ => {}
        }
        i = v + size;
    }
    ok.map(|ok| (ok, code))
}

/// MongoDB: `listDatabases` on `admin` in an OP_MSG, without authenticating. `ok: 1` means
/// anyone reaching the port can read every database; error 13 (Unauthorized) means
/// authentication is enforced.
pub fn probe_mongodb(location: &str) -> Result<Observation, ProbeError> {
    const OP_MSG: i32 = 2013;
    let hostport = host_port(location, 27017)?;
    let mut stream = connect(location, &hostport)?;
    let doc = bson_doc(&[
        ("listDatabases", BsonValue::Int(1)),
        ("nameOnly", BsonValue::Int(1)),
        ("$db", BsonValue::Str("admin")),
    ]);
    let mut msg = Vec::new();
    let total = 16 + 4 + 1 + doc.len();
    msg.extend_from_slice(&(total as i32).to_le_bytes());
    msg.extend_from_slice(&0x5354_4557i32.to_le_bytes()); // request id
    msg.extend_from_slice(&0i32.to_le_bytes());
    msg.extend_from_slice(&OP_MSG.to_le_bytes());
    msg.extend_from_slice(&0u32.to_le_bytes()); // flag bits
    msg.push(0); // section kind 0: body
    msg.extend_from_slice(&doc);
    send(&mut stream, &msg, location, "OP_MSG")?;
    let mut head = [0u8; 16];
    read_exact(&mut stream, &mut head, location, "MongoDB reply header")?;
    let len = i32::from_le_bytes(head[..4].try_into().unwrap_or_default()) as usize;
    let opcode = i32::from_le_bytes(head[12..16].try_into().unwrap_or_default());
    if !(21..=16 << 20).contains(&len) || opcode != OP_MSG {
        return Err(err(location, "not a MongoDB server (no OP_MSG reply)"));
    }
    let mut rest = vec![0u8; len - 16];
    read_exact(&mut stream, &mut rest, location, "MongoDB reply")?;
    // flag bits (4), section kind (1), then the body document.
    let (ok, code) = rest
        .get(5..)
        .and_then(bson_ok_and_code)
        .ok_or_else(|| err(location, "unreadable MongoDB reply"))?;
    if ok == 1.0 {
        Ok(Observation::Open {
            how: "listed the databases without authenticating".into(),
        })
    } else if matches!(code, Some(13) | Some(18)) {
        Ok(Observation::Protected)
    } else {
        Err(err(
            location,
            format!(
                "MongoDB refused listDatabases with code {code:?}, not for lack of authentication"
            ),
        ))
    }
}

// ---------------------------------------------------------------- Elasticsearch

/// Elasticsearch/OpenSearch: `GET /` without credentials. A 200 carrying the cluster's
/// name means anyone reaching the port can read (and usually write and delete) every index;
/// 401/403 means security is on.
pub fn probe_elasticsearch(location: &str) -> Result<Observation, ProbeError> {
    if location.starts_with("https://") {
        return Err(err(
            location,
            "https:// Elasticsearch cannot be probed yet (no TLS in this probe); name the http:// address if it has one",
        ));
    }
    let hostport = host_port(location, 9200)?;
    let mut stream = connect(location, &hostport)?;
    let request = format!(
        "GET / HTTP/1.1\r\nHost: {hostport}\r\nUser-Agent: steward-monitor\r\nAccept: application/json\r\nConnection: close\r\n\r\n"
    );
    send(&mut stream, request.as_bytes(), location, "HTTP request")?;
    let mut answer = Vec::new();
    let _ = (&mut stream).take(64 * 1024).read_to_end(&mut answer);
    let text = String::from_utf8_lossy(&answer);
    let status: u16 = text
        .strip_prefix("HTTP/1.")
        .and_then(|r| r.get(2..5))
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| err(location, "not an HTTP server"))?;
    let body = text.split_once("\r\n\r\n").map_or("", |(_, b)| b);
    match status {
        200 if body.contains("\"cluster_name\"") => {
            let name = body
                .split("\"cluster_name\"")
                .nth(1)
                .and_then(|r| r.split('"').nth(1))
                .unwrap_or("?");
            Ok(Observation::Open {
                how: format!("answered without credentials (cluster `{name}`)"),
            })
        }
        200 => Err(err(location, "HTTP 200 but not an Elasticsearch answer")),
        401 | 403 => Ok(Observation::Protected),
        other => Err(err(location, format!("HTTP {other} to GET /"))),
    }
}

/// The rules of these probes.
pub fn rules() -> Vec<Rule> {
    let rule = |id: &str, title: &str, cwe: u32, description: &str, remediation: &str| {
        let mut r = Rule::new(id, "monitor", title, Severity::Critical);
        r.confidence = Confidence::High;
        r.cwe = vec![Cwe(cwe)];
        r.owasp = Some(Owasp::A07);
        r.description = description.into();
        r.remediation = Some(remediation.into());
        r
    };
    vec![
        rule(
            MYSQL_NO_PASSWORD,
            "MySQL or MariaDB accepts a login with no password",
            1392,
            "A MySQL or MariaDB server named as an asset let steward log in as the asset's user (root by default) with an empty password.",
            "Give every account a strong password (or unix_socket auth for local root only), drop anonymous and passwordless accounts, and restrict who can reach port 3306.",
        ),
        rule(
            MQTT_ANONYMOUS,
            "MQTT broker accepts anonymous clients",
            306,
            "An MQTT broker named as an asset accepted a CONNECT with no username or password: anyone reaching it can read every topic and publish commands to devices.",
            "Set `allow_anonymous false` (Mosquitto) with a password file or client certificates, and ACLs per topic.",
        ),
        rule(
            RABBITMQ_DEFAULT_CREDENTIALS,
            "RabbitMQ accepts the default guest/guest login",
            1392,
            "A RabbitMQ broker named as an asset accepted an AMQP login with the password `guest`: whoever reaches it can read, inject and delete messages.",
            "Delete the `guest` user (`rabbitmqctl delete_user guest`), create users with strong passwords per application, and keep `loopback_users` set.",
        ),
        rule(
            MONGODB_NO_AUTH,
            "MongoDB answers without authentication",
            306,
            "A MongoDB server named as an asset listed its databases to a client that never authenticated: whoever reaches the port can read and drop every collection.",
            "Enable `security.authorization: enabled`, create users with least privilege, and bind MongoDB to private interfaces only.",
        ),
        rule(
            ELASTICSEARCH_OPEN,
            "Elasticsearch answers without credentials",
            306,
            "An Elasticsearch or OpenSearch node named as an asset answered HTTP requests without credentials: every index can be read, changed or deleted by whoever reaches it.",
            "Enable the security features (`xpack.security.enabled: true` or the OpenSearch security plugin) with TLS and users, and never expose port 9200 publicly.",
        ),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::net::TcpListener;

    /// A one-shot server on loopback: reads what the probe sends, then answers with
    /// `reply(request)`.
    fn serve(reply: impl Fn(&[u8]) -> Vec<u8> + Send + 'static) -> u16 {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        std::thread::spawn(move || {
            if let Ok((mut s, _)) = listener.accept() {
                s.set_read_timeout(Some(std::time::Duration::from_millis(300)))
                    .unwrap();
                let mut buf = vec![0u8; 4096];
                let n = s.read(&mut buf).unwrap_or(0);
                let _ = s.write_all(&reply(&buf[..n]));
            }
        });
        port
    }

    fn mongo_reply(doc: Vec<u8>) -> Vec<u8> {
        let mut msg = Vec::new();
        msg.extend_from_slice(&((16 + 5 + doc.len()) as i32).to_le_bytes());
        msg.extend_from_slice(&1i32.to_le_bytes());
        msg.extend_from_slice(&0x5354_4557i32.to_le_bytes());
        msg.extend_from_slice(&2013i32.to_le_bytes());
        msg.extend_from_slice(&0u32.to_le_bytes());
        msg.push(0);
        msg.extend_from_slice(&doc);
        msg
    }

    /// `{ok: <double>, code: <int>}` as MongoDB encodes it.
    fn ok_doc(ok: f64, code: Option<i32>) -> Vec<u8> {
        let mut body = vec![0x01];
        body.extend_from_slice(b"ok\0");
        body.extend_from_slice(&ok.to_le_bytes());
        if let Some(c) = code {
            body.push(0x02);
            body.extend_from_slice(b"errmsg\0");
            let msg = b"command listDatabases requires authentication\0";
            body.extend_from_slice(&(msg.len() as i32).to_le_bytes());
            body.extend_from_slice(msg);
            body.push(0x10);
            body.extend_from_slice(b"code\0");
            body.extend_from_slice(&c.to_le_bytes());
        }
        let mut doc = ((body.len() + 5) as i32).to_le_bytes().to_vec();
        doc.extend_from_slice(&body);
        doc.push(0);
        doc
    }

    #[test]
    fn mongodb_request_is_a_well_formed_op_msg_and_replies_decide() {
        let port = serve(|req| {
            // The probe's message: length matches, opcode 2013, body asks listDatabases on admin.
            let len = i32::from_le_bytes(req[..4].try_into().unwrap()) as usize;
            assert_eq!(len, req.len());
            assert_eq!(i32::from_le_bytes(req[12..16].try_into().unwrap()), 2013);
            let body = &req[21..];
            assert!(body.windows(14).any(|w| w == b"listDatabases\0"));
            assert!(body.windows(6).any(|w| w == b"admin\0"));
            mongo_reply(ok_doc(1.0, None))
        });
        let open = probe_mongodb(&format!("mongodb://127.0.0.1:{port}")).unwrap();
        assert!(matches!(open, Observation::Open { .. }), "{open:?}");
        let port = serve(|_| mongo_reply(ok_doc(0.0, Some(13))));
        assert_eq!(
            probe_mongodb(&format!("mongodb://127.0.0.1:{port}")).unwrap(),
            Observation::Protected
        );
        let port = serve(|_| b"HTTP/1.0 400 Bad Request\r\n\r\n".to_vec());
        assert!(probe_mongodb(&format!("mongodb://127.0.0.1:{port}")).is_err());
    }

    #[test]
    fn elasticsearch_open_protected_and_not_elasticsearch() {
        let port = serve(|_| {
            b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\n\r\n{\"name\":\"n1\",\"cluster_name\":\"logs\",\"tagline\":\"You Know, for Search\"}".to_vec()
        });
        match probe_elasticsearch(&format!("http://127.0.0.1:{port}")).unwrap() {
            Observation::Open { how } => assert!(how.contains("`logs`"), "{how}"),
            other => panic!("{other:?}"),
        }
        let port = serve(|_| {
            b"HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Basic realm=\"security\"\r\n\r\n"
                .to_vec()
        });
        assert_eq!(
            probe_elasticsearch(&format!("http://127.0.0.1:{port}")).unwrap(),
            Observation::Protected
        );
        let port = serve(|_| b"HTTP/1.1 200 OK\r\n\r\n<html>hello</html>".to_vec());
        assert!(probe_elasticsearch(&format!("http://127.0.0.1:{port}")).is_err());
    }

    #[test]
    fn bson_walk_skips_nested_values() {
        let mut body = Vec::new();
        // databases: [] (an array document), then ok: 1 (int32)
        body.push(0x04);
        body.extend_from_slice(b"databases\0");
        body.extend_from_slice(&5i32.to_le_bytes());
        body.push(0);
        body.push(0x10);
        body.extend_from_slice(b"ok\0");
        body.extend_from_slice(&1i32.to_le_bytes());
        let mut doc = ((body.len() + 5) as i32).to_le_bytes().to_vec();
        doc.extend_from_slice(&body);
        doc.push(0);
        assert_eq!(bson_ok_and_code(&doc), Some((1.0, None)));
        assert_eq!(bson_ok_and_code(&doc[..6]), None);
    }

    #[test]
    fn users_come_from_the_url() {
        assert_eq!(url_user("mysql://app:pw@db:3306/x", "root"), "app");
        assert_eq!(url_user("mysql://db:3306", "root"), "root");
        assert_eq!(url_user("amqp://db", "guest"), "guest");
    }
}
