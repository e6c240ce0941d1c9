//! A DNS client for the questions sunset asks: does a name still exist, what CNAME chain does
//! it follow, and to which addresses. Queries go over UDP to one resolver (the system's first
//! `nameserver`, or one the caller names, e.g. a zone's authoritative server), with TCP when
//! the answer is truncated.

use std::io::{Read, Write};
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr, TcpStream, UdpSocket};
use std::time::Duration;

pub const TIMEOUT: Duration = Duration::from_secs(3);

/// Record types steward asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RecordType {
    A = 1,
    Cname = 5,
    Aaaa = 28,
}

/// The response code of an answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rcode {
    NoError,
    ServFail,
    NxDomain,
    Refused,
    Other(u8),
}

impl Rcode {
    fn from_u8(v: u8) -> Rcode {
        match v {
            0 => Rcode::NoError,
            2 => Rcode::ServFail,
            3 => Rcode::NxDomain,
            5 => Rcode::Refused,
            o => Rcode::Other(o),
        }
    }
}

/// One answer: its code, the CNAME records met (owner, target) and the addresses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answer {
    pub rcode: Rcode,
    pub cnames: Vec<(String, String)>,
    pub addresses: Vec<IpAddr>,
}

#[derive(Debug, thiserror::Error)]
pub enum DnsError {
    #[error("`{0}` is not a DNS name")]
    BadName(String),
    #[error("resolver {resolver}: {message}")]
    Resolver {
        resolver: SocketAddr,
        message: String,
    },
    #[error(
        "no resolver: /etc/resolv.conf names no nameserver; give one (address or address:port)"
    )]
    NoResolver,
}

/// The first `nameserver` of /etc/resolv.conf, port 53.
pub fn system_resolver() -> Result<SocketAddr, DnsError> {
    let text = std::fs::read_to_string("/etc/resolv.conf").map_err(|_| DnsError::NoResolver)?;
    text.lines()
        .filter_map(|l| l.trim().strip_prefix("nameserver"))
        .filter_map(|a| a.trim().parse::<IpAddr>().ok())
        .map(|ip| SocketAddr::new(ip, 53))
        .next()
        .ok_or(DnsError::NoResolver)
}

/// `1.2.3.4`, `1.2.3.4:5353`, `[::1]:53` or `::1` as a socket address (port 53 by default).
pub fn parse_resolver(s: &str) -> Option<SocketAddr> {
    let s = s.trim();
    s.parse::<SocketAddr>()
        .ok()
        .or_else(|| s.parse::<IpAddr>().ok().map(|ip| SocketAddr::new(ip, 53)))
}

/// Lower-case, without the trailing dot.
pub fn normalize(name: &str) -> String {
    name.trim().trim_end_matches('.').to_ascii_lowercase()
}

fn encode_query(id: u16, name: &str, rtype: RecordType) -> Result<Vec<u8>, DnsError> {
    let mut q = Vec::with_capacity(32 + name.len());
    q.extend_from_slice(&id.to_be_bytes());
    q.extend_from_slice(&[0x01, 0x00]); // recursion desired
    q.extend_from_slice(&[0, 1, 0, 0, 0, 0, 0, 0]); // one question
    let name = normalize(name);
    if name.is_empty() || name.len() > 253 {
        return Err(DnsError::BadName(name));
    }
    for label in name.split('.') {
        if label.is_empty()
            || label.len() > 63
            || !label
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        {
            return Err(DnsError::BadName(name.clone()));
        }
        q.push(label.len() as u8);
        q.extend_from_slice(label.as_bytes());
    }
    q.push(0);
    q.extend_from_slice(&(rtype as u16).to_be_bytes());
    q.extend_from_slice(&[0, 1]); // class IN
    Ok(q)
}

/// Read a (possibly compressed) name at `pos`; returns it and the position after it.
fn read_name(msg: &[u8], mut pos: usize) -> Option<(String, usize)> {
    let mut labels: Vec<String> = Vec::new();
    let mut end = None;
    let mut jumps = 0;
    loop {
        let len = *msg.get(pos)? as usize;
        if len & 0xC0 == 0xC0 {
            let ptr = ((len & 0x3F) << 8) | *msg.get(pos + 1)? as usize;
            if end.is_none() {
                end = Some(pos + 2);
            }
            jumps += 1;
            if jumps > 32 {
                return None;
            }
            pos = ptr;
        } else if len == 0 {
            return Some((
                labels.join(".").to_ascii_lowercase(),
                end.unwrap_or(pos + 1),
            ));
        } else {
            let label = msg.get(pos + 1..pos + 1 + len)?;
            labels.push(String::from_utf8_lossy(label).into_owned());
            pos += 1 + len;
        }
    }
}

/// Parse a response to query `id`.
pub fn parse_response(msg: &[u8], id: u16) -> Result<(Answer, bool), String> {
    if msg.len() < 12 {
        return Err("answer shorter than a DNS header".into());
    }
    if u16::from_be_bytes([msg[0], msg[1]]) != id {
        return Err("answer to another query".into());
    }
    let truncated = msg[2] & 0x02 != 0;
    let rcode = Rcode::from_u8(msg[3] & 0x0F);
    let qd = u16::from_be_bytes([msg[4], msg[5]]) as usize;
    let an = u16::from_be_bytes([msg[6], msg[7]]) as usize;
    let mut pos = 12;
    for _ in 0..qd {
        let (_, next) = read_name(msg, pos).ok_or("bad question name")?;
        pos = next + 4;
    }
    let mut answer = Answer {
        rcode,
        cnames: Vec::new(),
        addresses: Vec::new(),
    };
    for _ in 0..an {
        let (owner, next) = read_name(msg, pos).ok_or("bad record name")?;
        let head = msg.get(next..next + 10).ok_or("record cut short")?;
        let rtype = u16::from_be_bytes([head[0], head[1]]);
        let rdlen = u16::from_be_bytes([head[8], head[9]]) as usize;
        let rdata_at = next + 10;
        let rdata = msg
            .get(rdata_at..rdata_at + rdlen)
            .ok_or("record data cut short")?;
        match rtype {
            1 if rdlen == 4 => answer.addresses.push(IpAddr::V4(Ipv4Addr::new(
                rdata[0], rdata[1], rdata[2], rdata[3],
            ))),
            28 if rdlen == 16 => {
                let mut b = [0u8; 16];
                b.copy_from_slice(rdata);
                answer.addresses.push(IpAddr::V6(Ipv6Addr::from(b)));
            }
            5 => {
                let (target, _) = read_name(msg, rdata_at).ok_or("bad CNAME target")?;
                answer.cnames.push((owner, target));
            }
            _ => {}
        }
        pos = rdata_at + rdlen;
    }
    Ok((answer, truncated))
}

fn query_id() -> u16 {
    let mut b = [0u8; 2];
    if getrandom::fill(&mut b).is_err() {
        // Fall back to the clock: the id only pairs an answer with its question here.
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.subsec_nanos())
            .unwrap_or(0);
        return nanos as u16;
    }
    u16::from_be_bytes(b)
}

/// Ask `resolver` for `name`'s records of type `rtype` (UDP, then TCP if truncated).
pub fn query(resolver: SocketAddr, name: &str, rtype: RecordType) -> Result<Answer, DnsError> {
    let err = |message: String| DnsError::Resolver { resolver, message };
    let id = query_id();
    let q = encode_query(id, name, rtype)?;
    let bind: SocketAddr = if resolver.is_ipv4() {
        "0.0.0.0:0".parse().expect("literal address")
    } else {
        "[::]:0".parse().expect("literal address")
    };
    let socket = UdpSocket::bind(bind).map_err(|e| err(format!("opening a socket: {e}")))?;
    socket.set_read_timeout(Some(TIMEOUT)).ok();
    socket
        .connect(resolver)
        .map_err(|e| err(format!("connecting: {e}")))?;
    let mut buf = [0u8; 4096];
    let mut last = String::from("no answer");
    for _attempt in 0..2 {
        socket
            .send(&q)
            .map_err(|e| err(format!("sending the query: {e}")))?;
        match socket.recv(&mut buf) {
            Ok(n) => match parse_response(&buf[..n], id) {
                Ok((answer, false)) => return Ok(answer),
                Ok((_, true)) => return query_tcp(resolver, &q, id),
                Err(e) => last = e,
            },
            Err(e) => last = format!("no answer within {}s: {e}", TIMEOUT.as_secs()),
        }
    }
    Err(err(last))
}

fn query_tcp(resolver: SocketAddr, q: &[u8], id: u16) -> Result<Answer, DnsError> {
    let err = |message: String| DnsError::Resolver { resolver, message };
    let mut s = TcpStream::connect_timeout(&resolver, TIMEOUT)
        .map_err(|e| err(format!("TCP for a truncated answer: {e}")))?;
    s.set_read_timeout(Some(TIMEOUT)).ok();
    let mut framed = (q.len() as u16).to_be_bytes().to_vec();
    framed.extend_from_slice(q);
    s.write_all(&framed).map_err(|e| err(e.to_string()))?;
    let mut len = [0u8; 2];
    s.read_exact(&mut len).map_err(|e| err(e.to_string()))?;
    let mut msg = vec![0u8; u16::from_be_bytes(len) as usize];
    s.read_exact(&mut msg).map_err(|e| err(e.to_string()))?;
    parse_response(&msg, id).map(|(a, _)| a).map_err(err)
}

/// What a name resolves to: its CNAME chain and addresses (A and AAAA), or NXDOMAIN.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resolution {
    pub name: String,
    pub exists: bool,
    /// Each CNAME hop, in order.
    pub chain: Vec<String>,
    pub addresses: Vec<IpAddr>,
    /// The last name of the chain does not exist (NXDOMAIN at the end of a CNAME).
    pub target_missing: bool,
}

/// Resolve `name` fully: follow its CNAME chain (asking again for a target the resolver did
/// not chase) and collect A and AAAA addresses.
pub fn resolve(resolver: SocketAddr, name: &str) -> Result<Resolution, DnsError> {
    let name = normalize(name);
    let mut chain: Vec<String> = Vec::new();
    let mut current = name.clone();
    let mut addresses = Vec::new();
    let mut exists = true;
    let mut target_missing = false;
    for _hop in 0..12 {
        let a = query(resolver, &current, RecordType::A)?;
        let mut next = current.clone();
        // Walk the CNAMEs in this answer from the name asked.
        loop {
            match a.cnames.iter().find(|(owner, _)| *owner == next) {
                Some((_, target)) if !chain.contains(target) && target != &name => {
                    chain.push(target.clone());
                    next = target.clone();
                }
                _ => break,
            }
        }
        match a.rcode {
            Rcode::NxDomain => {
                if chain.is_empty() {
                    exists = false;
                } else {
                    target_missing = true;
                }
                break;
            }
            Rcode::NoError => {}
            other => {
                return Err(DnsError::Resolver {
                    resolver,
                    message: format!("answered {other:?} for {current}"),
                });
            }
        }
        addresses.extend(a.addresses.iter().copied());
        if next != current && addresses.is_empty() {
            // The resolver gave the CNAME but did not chase it (an authoritative server for
            // one zone does that): ask for the target ourselves.
            current = next;
            continue;
        }
        if addresses.is_empty() {
            let aaaa = query(resolver, &next, RecordType::Aaaa)?;
            addresses.extend(aaaa.addresses);
            if aaaa.rcode == Rcode::NxDomain && !chain.is_empty() {
                target_missing = true;
            }
        }
        break;
    }
    Ok(Resolution {
        name,
        exists,
        chain,
        addresses,
        target_missing,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodes_and_parses_a_compressed_answer() {
        let q = encode_query(0x1234, "www.Example.com.", RecordType::A).unwrap();
        assert_eq!(&q[12..17], b"\x03www\x07");
        // Build an answer: the question, a CNAME www -> app.example.net, and an A record.
        let mut r = q.clone();
        r[2] = 0x81;
        r[3] = 0x80;
        r[7] = 2;
        // CNAME: name pointer to offset 12.
        r.extend_from_slice(&[0xC0, 12, 0, 5, 0, 1, 0, 0, 0, 60]);
        let target = b"\x03app\x07example\x03net\x00";
        r.extend_from_slice(&(target.len() as u16).to_be_bytes());
        let target_at = r.len();
        r.extend_from_slice(target);
        r.extend_from_slice(&[
            0xC0,
            target_at as u8,
            0,
            1,
            0,
            1,
            0,
            0,
            0,
            60,
            0,
            4,
            10,
            0,
            0,
            7,
        ]);
        let (a, truncated) = parse_response(&r, 0x1234).unwrap();
        assert!(!truncated);
        assert_eq!(a.rcode, Rcode::NoError);
        assert_eq!(
            a.cnames,
            vec![("www.example.com".into(), "app.example.net".into())]
        );
        assert_eq!(a.addresses, vec![IpAddr::V4(Ipv4Addr::new(10, 0, 0, 7))]);
        assert!(parse_response(&r, 0x9999).is_err());
        assert!(parse_response(&r[..20], 0x1234).is_err());
    }

    #[test]
    fn rejects_bad_names_and_parses_resolvers() {
        assert!(encode_query(1, "bad name", RecordType::A).is_err());
        assert!(encode_query(1, "", RecordType::A).is_err());
        assert_eq!(
            parse_resolver("127.0.0.1"),
            Some("127.0.0.1:53".parse().unwrap())
        );
        assert_eq!(
            parse_resolver("127.0.0.1:5353"),
            Some("127.0.0.1:5353".parse().unwrap())
        );
        assert_eq!(parse_resolver("resolver"), None);
    }

    #[test]
    fn a_pointer_loop_is_an_error_not_a_hang() {
        let msg = [0xC0u8, 0];
        assert!(read_name(&msg, 0).is_none());
    }
}
