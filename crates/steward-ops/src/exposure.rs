//! Exposure probes: is a service the manifest names reachable with no credentials, or with
//! the well-known default ones? Each probe talks only to the address it is given, with short
//! timeouts, and speaks just enough of the service's protocol to tell.

use std::io::{Read, Write};
use std::net::{TcpStream, ToSocketAddrs};
use std::time::Duration;

use steward_core::finding::{Finding, Location};
use steward_core::rule::Rule;
use steward_core::severity::{Confidence, Severity};
use steward_core::taxonomy::{Cwe, Owasp};

pub use steward_core::redact_url;

/// How long a probe waits to connect and for each answer.
pub const TIMEOUT: Duration = Duration::from_secs(3);

pub const REDIS_NO_AUTH: &str = "monitor/redis-no-auth";
pub const POSTGRES_DEFAULT_CREDENTIALS: &str = "monitor/postgres-default-credentials";
pub const MYSQL_NO_PASSWORD: &str = "monitor/mysql-no-password";
pub const MQTT_ANONYMOUS: &str = "monitor/mqtt-anonymous";
pub const RABBITMQ_DEFAULT_CREDENTIALS: &str = "monitor/rabbitmq-default-credentials";
pub const MONGODB_NO_AUTH: &str = "monitor/mongodb-no-auth";
pub const ELASTICSEARCH_OPEN: &str = "monitor/elasticsearch-open";
pub const CONSOLE_DEFAULT_LOGIN: &str = "monitor/admin-console-default-login";

/// Asset kinds that name an HTTP admin console (Grafana, Jenkins, Tomcat Manager, RabbitMQ
/// management, a Basic-auth admin area), tried with the default-login templates.
pub const CONSOLE_KINDS: &[&str] = &["admin-console", "http-admin", "web-console"];

/// Passwords PostgreSQL installs are commonly left with, tried for the URL's user (after no
/// password at all).
const POSTGRES_DEFAULT_PASSWORDS: &[&str] = &["postgres", "password", "admin", "changeme"];

/// What a probe observed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Observation {
    /// The service answered and turned the unauthenticated request away: as it should.
    Protected,
    /// The service let steward in without credentials (or with the default ones named).
    Open { how: String },
}

/// A probe that could not decide: unreachable, wrong protocol, bad location.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{location}: {reason}")]
pub struct ProbeError {
    pub location: String,
    pub reason: String,
}

pub(crate) fn err(location: &str, reason: impl Into<String>) -> ProbeError {
    ProbeError {
        location: location.to_string(),
        reason: reason.into(),
    }
}

/// `host:port` of a `scheme://[user[:pw]@]host[:port][/...]` URL.
pub(crate) fn host_port(location: &str, default_port: u16) -> Result<String, ProbeError> {
    let rest = location
        .split_once("://")
        .map(|(_, r)| r)
        .ok_or_else(|| err(location, "not a URL (scheme://host:port)"))?;
    let authority = rest.split(['/', '?']).next().unwrap_or("");
    let hostport = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    if hostport.is_empty() {
        return Err(err(location, "no host"));
    }
    let has_port = hostport
        .rsplit_once(':')
        .is_some_and(|(_, p)| p.chars().all(|c| c.is_ascii_digit()) && !hostport.ends_with(']'));
    Ok(if has_port {
        hostport.to_string()
    } else {
        format!("{hostport}:{default_port}")
    })
}

pub(crate) fn connect(location: &str, hostport: &str) -> Result<TcpStream, ProbeError> {
    let addr = hostport
        .to_socket_addrs()
        .map_err(|e| err(location, format!("cannot resolve {hostport}: {e}")))?
        .next()
        .ok_or_else(|| err(location, format!("{hostport} resolves to nothing")))?;
    let stream = TcpStream::connect_timeout(&addr, TIMEOUT)
        .map_err(|e| err(location, format!("cannot connect to {hostport}: {e}")))?;
    stream.set_read_timeout(Some(TIMEOUT)).ok();
    stream.set_write_timeout(Some(TIMEOUT)).ok();
    Ok(stream)
}

/// Redis: a `PING` without `AUTH`. `+PONG` means anyone who can reach the port can read and
/// write every key; `-NOAUTH` (or an `AUTH` error) means a password is required.
pub fn probe_redis(location: &str) -> Result<Observation, ProbeError> {
    let hostport = host_port(location, 6379)?;
    let mut stream = connect(location, &hostport)?;
    stream
        .write_all(b"*1\r\n$4\r\nPING\r\n")
        .map_err(|e| err(location, format!("sending PING: {e}")))?;
    let mut buf = [0u8; 256];
    let n = stream
        .read(&mut buf)
        .map_err(|e| err(location, format!("no answer to PING: {e}")))?;
    let answer = String::from_utf8_lossy(&buf[..n]);
    if answer.starts_with("+PONG") {
        Ok(Observation::Open {
            how: "answered PING without AUTH".into(),
        })
    } else if answer.starts_with("-NOAUTH") || answer.to_ascii_uppercase().contains("AUTH") {
        Ok(Observation::Protected)
    } else {
        Err(err(
            location,
            format!(
                "not a Redis answer to PING: {:?}",
                answer.chars().take(60).collect::<String>()
            ),
        ))
    }
}

/// PostgreSQL: log in as the URL's user (default `postgres`) with no password, then with each
/// well-known default. The URL's own password, if any, is never used.
pub fn probe_postgres(location: &str) -> Result<Observation, ProbeError> {
    let hostport = host_port(location, 5432)?;
    let rest = location.split_once("://").map_or("", |(_, r)| r);
    let authority = rest.split(['/', '?']).next().unwrap_or("");
    let user = authority
        .rsplit_once('@')
        .map(|(u, _)| u.split(':').next().unwrap_or(u))
        .filter(|u| !u.is_empty())
        .unwrap_or("postgres");
    let dbname = rest
        .split_once('/')
        .map(|(_, d)| d.split('?').next().unwrap_or(""))
        .filter(|d| !d.is_empty())
        .unwrap_or("postgres");
    let (host, port) = hostport
        .rsplit_once(':')
        .ok_or_else(|| err(location, "no port"))?;
    let port: u16 = port
        .parse()
        .map_err(|_| err(location, format!("bad port `{port}`")))?;
    let mut tried_any = false;
    for password in std::iter::once("").chain(POSTGRES_DEFAULT_PASSWORDS.iter().copied()) {
        let mut config = postgres::Config::new();
        config
            .host(host.trim_start_matches('[').trim_end_matches(']'))
            .port(port)
            .user(user)
            .dbname(dbname)
            .connect_timeout(TIMEOUT)
            .application_name("steward-monitor");
        if !password.is_empty() {
            config.password(password);
        }
        match config.connect(postgres::NoTls) {
            Ok(client) => {
                drop(client);
                return Ok(Observation::Open {
                    how: if password.is_empty() {
                        format!("user `{user}` logged in with no password")
                    } else {
                        format!("user `{user}` logged in with the default password `{password}`")
                    },
                });
            }
            Err(e) => {
                // The server asked for a password we did not give ("password missing", a
                // client-side error) or refused the one we gave.
                let auth_refused = e.code().is_some_and(|c| {
                    *c == postgres::error::SqlState::INVALID_PASSWORD
                        || *c == postgres::error::SqlState::INVALID_AUTHORIZATION_SPECIFICATION
                }) || format!("{e:?}").contains("password");
                if auth_refused {
                    tried_any = true;
                    continue;
                }
                // A server that does not speak to us at all is not a verdict.
                if !tried_any {
                    return Err(err(location, format!("cannot log in to {hostport}: {e}")));
                }
            }
        }
    }
    Ok(Observation::Protected)
}

/// A probe: the asset's location in, what it observed out.
pub type Probe = fn(&str) -> Result<Observation, ProbeError>;

/// The probe for an asset kind and the rule it reports under, if steward has one.
pub fn probe_for(kind: &str) -> Option<(Probe, &'static str)> {
    match kind {
        "redis" => Some((probe_redis, REDIS_NO_AUTH)),
        "postgres" | "postgresql" => Some((probe_postgres, POSTGRES_DEFAULT_CREDENTIALS)),
        "mysql" | "mariadb" => Some((crate::protocols::probe_mysql, MYSQL_NO_PASSWORD)),
        "mqtt" | "mosquitto" => Some((crate::protocols::probe_mqtt, MQTT_ANONYMOUS)),
        "rabbitmq" | "amqp" => Some((
            crate::protocols::probe_rabbitmq,
            RABBITMQ_DEFAULT_CREDENTIALS,
        )),
        "mongodb" | "mongo" => Some((crate::protocols::probe_mongodb, MONGODB_NO_AUTH)),
        "elasticsearch" | "opensearch" => {
            Some((crate::protocols::probe_elasticsearch, ELASTICSEARCH_OPEN))
        }
        _ => None,
    }
}

/// A finding for an asset a probe found open.
pub fn finding(rule: &Rule, asset_id: &str, location: &str, how: &str) -> Finding {
    let shown = redact_url(location);
    let mut f = Finding::new(
        rule,
        format!("asset `{asset_id}` at {shown}: {how}"),
        Location::whole(format!("asset:{asset_id}")),
        format!("{asset_id}|{shown}").as_bytes(),
    );
    f.remediation = rule.remediation.clone();
    f.properties.insert("asset".into(), asset_id.into());
    f.properties.insert("location".into(), shown.into());
    f.properties.insert("observed".into(), how.into());
    f
}

/// The exposure probes' rules.
pub fn rules() -> Vec<Rule> {
    let mut redis = Rule::new(
        REDIS_NO_AUTH,
        "monitor",
        "Redis answers without authentication",
        Severity::Critical,
    );
    redis.confidence = Confidence::High;
    redis.cwe = vec![Cwe(306)];
    redis.owasp = Some(Owasp::A07);
    redis.description = "A Redis server named as an asset in steward.toml answered a PING sent \
        without AUTH: whoever reaches its port can read and change every key, and often run \
        code on the host through its configuration commands."
        .into();
    redis.remediation = Some("Set `requirepass` (or ACL users), bind Redis to private interfaces only, and firewall its port.".into());
    let mut pg = Rule::new(
        POSTGRES_DEFAULT_CREDENTIALS,
        "monitor",
        "PostgreSQL accepts no password or a default one",
        Severity::Critical,
    );
    pg.confidence = Confidence::High;
    pg.cwe = vec![Cwe(1392)];
    pg.owasp = Some(Owasp::A07);
    pg.description = "A PostgreSQL server named as an asset let steward log in as the asset's \
        user with no password (a `trust` rule in pg_hba.conf) or with a well-known default \
        (postgres, password, admin, changeme)."
        .into();
    pg.remediation = Some("Use scram-sha-256 authentication for every host line in pg_hba.conf, give the role a strong password from a secrets manager, and restrict who can reach port 5432.".into());
    let mut console = Rule::new(
        CONSOLE_DEFAULT_LOGIN,
        "monitor",
        "An admin console accepts a default login",
        Severity::Critical,
    );
    console.confidence = Confidence::High;
    console.cwe = vec![Cwe(1392)];
    console.owasp = Some(Owasp::A07);
    console.description = "An HTTP admin console named as an asset (kind `admin-console`) let \
        steward in with the user name and password it ships with: Grafana's admin/admin, \
        Jenkins' admin/admin, Tomcat Manager's tomcat/tomcat, RabbitMQ management's \
        guest/guest, or a Basic-auth area's admin/admin and the like (the built-in \
        default-login templates of `steward dast`, run once against the asset's URL, without \
        crawling)."
        .into();
    console.remediation = Some("Change the account's password to a long random one from a secrets manager (or remove the account), put the console behind single sign-on, and do not expose it beyond the operators' network.".into());
    let mut rules = vec![redis, pg, console];
    rules.extend(crate::protocols::rules());
    rules
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locations_parse_and_passwords_never_show() {
        assert_eq!(
            host_port("redis://127.0.0.1", 6379).unwrap(),
            "127.0.0.1:6379"
        );
        assert_eq!(
            host_port("postgres://u:pw@db.internal:6543/app?sslmode=disable", 5432).unwrap(),
            "db.internal:6543"
        );
        assert!(host_port("127.0.0.1:6379", 6379).is_err());
        assert_eq!(
            redact_url("postgres://u:pw@db:5432/app"),
            "postgres://u:***@db:5432/app"
        );
        assert_eq!(redact_url("redis://db:6379"), "redis://db:6379");
    }

    #[test]
    fn an_unreachable_service_is_not_a_verdict() {
        // Port 9 on loopback (discard) is closed on test machines.
        let e = probe_redis("redis://127.0.0.1:9").unwrap_err();
        assert!(e.reason.contains("cannot connect"), "{e}");
    }
}
