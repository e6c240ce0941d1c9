//! The TLS probe: which protocol versions an endpoint accepts and what certificate it
//! presents (expiry, key type and size, self-signed), learnt from the handshake itself.
//!
//! steward sends its own ClientHello: one per legacy version (TLS 1.0, 1.1) to learn
//! whether the server still agrees to it, and one capped at TLS 1.2, whose Certificate
//! message travels in clear, to read the leaf certificate. No key exchange is completed and
//! no application data is sent. An endpoint that speaks only TLS 1.3 (whose Certificate
//! message is encrypted) gets one real handshake through the system's OpenSSL instead. The certificate is read with a small DER walker: validity,
//! subject/issuer (for self-signed) and the public key's algorithm and size.
//!
//! The result is a JSON observation (document kind `tls-endpoint`) for the posture policies.

use std::io::{Read, Write};

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use serde_json::{Value, json};

use crate::exposure::{ProbeError, connect, err, host_port};

/// TLS protocol versions as they appear on the wire.
const TLS10: u16 = 0x0301;
const TLS11: u16 = 0x0302;
const TLS12: u16 = 0x0303;
const TLS13: u16 = 0x0304;

/// Cipher suites offered: modern AEAD suites first, then the CBC and RSA suites an old
/// server may only have (offering them does not weaken anything: no session is completed).
const SUITES: &[u16] = &[
    0xc02b, 0xc02f, 0xc02c, 0xc030, 0xcca9, 0xcca8, 0xc009, 0xc013, 0xc00a, 0xc014, 0x009c, 0x009d,
    0x002f, 0x0035, 0x000a,
];

fn ext(out: &mut Vec<u8>, kind: u16, body: &[u8]) {
    out.extend_from_slice(&kind.to_be_bytes());
    out.extend_from_slice(&(body.len() as u16).to_be_bytes());
    out.extend_from_slice(body);
}

/// A ClientHello record offering at most `version`.
fn client_hello(version: u16, server_name: &str) -> Vec<u8> {
    let mut body = Vec::new();
    body.extend_from_slice(&version.to_be_bytes());
    // A random that is not secret: nothing is derived from it.
    let seed = Utc::now().timestamp_nanos_opt().unwrap_or(0) as u64;
    for i in 0..4u64 {
        body.extend_from_slice(
            &(seed.rotate_left(i as u32 * 13) ^ (i * 0x9e37_79b9)).to_be_bytes(),
        );
    }
    body.push(0); // no session id
    body.extend_from_slice(&((SUITES.len() * 2) as u16).to_be_bytes());
    for s in SUITES {
        body.extend_from_slice(&s.to_be_bytes());
    }
    body.extend_from_slice(&[1, 0]); // compression: null
    let mut exts = Vec::new();
    if !server_name.is_empty() && server_name.parse::<std::net::IpAddr>().is_err() {
        let name = server_name.as_bytes();
        let mut sni = Vec::new();
        sni.extend_from_slice(&((name.len() + 3) as u16).to_be_bytes());
        sni.push(0);
        sni.extend_from_slice(&(name.len() as u16).to_be_bytes());
        sni.extend_from_slice(name);
        ext(&mut exts, 0x0000, &sni);
    }
    ext(
        &mut exts,
        0x000a,
        &[0, 6, 0x00, 0x1d, 0x00, 0x17, 0x00, 0x18],
    ); // groups
    ext(&mut exts, 0x000b, &[1, 0]); // EC point formats: uncompressed
    if version >= TLS12 {
        let algs: &[u16] = &[
            0x0403, 0x0503, 0x0603, 0x0804, 0x0805, 0x0806, 0x0401, 0x0501, 0x0601, 0x0201, 0x0203,
        ];
        let mut sig = ((algs.len() * 2) as u16).to_be_bytes().to_vec();
        for a in algs {
            sig.extend_from_slice(&a.to_be_bytes());
        }
        ext(&mut exts, 0x000d, &sig);
    }
    ext(&mut exts, 0xff01, &[0]); // renegotiation_info: initial
    body.extend_from_slice(&(exts.len() as u16).to_be_bytes());
    body.extend_from_slice(&exts);

    let mut handshake = vec![1];
    handshake.extend_from_slice(&(body.len() as u32).to_be_bytes()[1..]);
    handshake.extend_from_slice(&body);
    let mut record = vec![0x16];
    record.extend_from_slice(&TLS10.to_be_bytes());
    record.extend_from_slice(&(handshake.len() as u16).to_be_bytes());
    record.extend_from_slice(&handshake);
    record
}

/// What a server answered to one ClientHello.
#[derive(Debug, Default)]
struct Answer {
    /// The version the ServerHello chose, if the server agreed.
    version: Option<u16>,
    /// The first certificate of the Certificate message (TLS 1.2 and older).
    leaf: Option<Vec<u8>>,
    /// A fatal alert instead of a ServerHello.
    alert: Option<u8>,
}

/// Send a ClientHello offering at most `version` and read the answer until ServerHelloDone,
/// an alert, or the connection closing.
fn hello(location: &str, hostport: &str, host: &str, version: u16) -> Result<Answer, ProbeError> {
    let mut stream = connect(location, hostport)?;
    stream
        .write_all(&client_hello(version, host))
        .map_err(|e| err(location, format!("sending ClientHello: {e}")))?;
    let mut answer = Answer::default();
    let mut handshake: Vec<u8> = Vec::new();
    let mut header = [0u8; 5];
    loop {
        if stream.read_exact(&mut header).is_err() {
            break;
        }
        let len = u16::from_be_bytes([header[3], header[4]]) as usize;
        if len > 1 << 15 {
            return Err(err(location, "not a TLS server (oversized record)"));
        }
        let mut payload = vec![0u8; len];
        if stream.read_exact(&mut payload).is_err() {
            break;
        }
        match header[0] {
            0x15 => {
                answer.alert = payload.get(1).copied();
                break;
            }
            0x16 => handshake.extend_from_slice(&payload),
            _ => {
                if answer.version.is_none() {
                    return Err(err(location, "not a TLS server (no handshake record)"));
                }
                break;
            }
        }
        // Walk the complete handshake messages received so far.
        let mut i = 0;
        let mut done = false;
        while i + 4 <= handshake.len() {
            let kind = handshake[i];
            let mlen = u32::from_be_bytes([0, handshake[i + 1], handshake[i + 2], handshake[i + 3]])
                as usize;
            if i + 4 + mlen > handshake.len() {
                break;
            }
            let msg = &handshake[i + 4..i + 4 + mlen];
            match kind {
                2 if msg.len() >= 2 => answer.version = Some(u16::from_be_bytes([msg[0], msg[1]])),
                11 if msg.len() >= 6 => {
                    let clen = u32::from_be_bytes([0, msg[3], msg[4], msg[5]]) as usize;
                    answer.leaf = msg.get(6..6 + clen).map(<[u8]>::to_vec);
                }
                14 => done = true,
                _ => {}
            }
            i += 4 + mlen;
        }
        if done || answer.leaf.is_some() {
            break;
        }
    }
    if answer.version.is_none() && answer.alert.is_none() && handshake.is_empty() {
        return Err(err(
            location,
            "the server closed the connection without a TLS answer",
        ));
    }
    Ok(answer)
}

/// The leaf certificate (DER) of a TLS 1.3 handshake with the system's OpenSSL. The
/// certificate is not verified: the probe reports what is presented (expiry, key,
/// self-signed), whoever signed it.
fn tls13_leaf(location: &str, hostport: &str, host: &str) -> Result<Vec<u8>, String> {
    use openssl::ssl::{SslConnector, SslMethod, SslVerifyMode, SslVersion};
    let stream = connect(location, hostport).map_err(|e| e.reason)?;
    let mut builder = SslConnector::builder(SslMethod::tls_client()).map_err(|e| e.to_string())?;
    builder
        .set_min_proto_version(Some(SslVersion::TLS1_3))
        .map_err(|e| e.to_string())?;
    builder.set_verify(SslVerifyMode::NONE);
    let connector = builder.build();
    let mut config = connector.configure().map_err(|e| e.to_string())?;
    config.set_verify_hostname(false);
    let name_is_ip = host.parse::<std::net::IpAddr>().is_ok();
    config.set_use_server_name_indication(!name_is_ip);
    let tls = config.connect(host, stream).map_err(|e| match e {
        openssl::ssl::HandshakeError::Failure(m) => m.error().to_string(),
        other => other.to_string(),
    })?;
    let cert = tls
        .ssl()
        .peer_certificate()
        .ok_or("the server sent no certificate")?;
    cert.to_der().map_err(|e| e.to_string())
}

// ---------------------------------------------------------------- DER

/// One DER element: tag, contents, and the bytes after it.
fn der(input: &[u8]) -> Option<(u8, &[u8], &[u8])> {
    let tag = *input.first()?;
    let first = *input.get(1)? as usize;
    let (len, header) = if first < 0x80 {
        (first, 2)
    } else {
        let n = first & 0x7f;
        if n == 0 || n > 4 {
            return None;
        }
        let mut len = 0usize;
        for b in input.get(2..2 + n)? {
            len = (len << 8) | *b as usize;
        }
        (len, 2 + n)
    };
    let body = input.get(header..header + len)?;
    Some((tag, body, &input[header + len..]))
}

fn der_time(tag: u8, body: &[u8]) -> Option<DateTime<Utc>> {
    let s = std::str::from_utf8(body).ok()?.trim_end_matches('Z');
    let (year, rest) = match tag {
        0x17 => {
            let yy: i32 = s.get(..2)?.parse().ok()?;
            (if yy >= 50 { 1900 + yy } else { 2000 + yy }, s.get(2..)?)
        }
        0x18 => (s.get(..4)?.parse().ok()?, s.get(4..)?),
        _ => return None,
    };
    let num = |r: std::ops::Range<usize>| -> Option<u32> { rest.get(r)?.parse().ok() };
    let date = NaiveDate::from_ymd_opt(year, num(0..2)?, num(2..4)?)?;
    let time = date.and_hms_opt(num(4..6)?, num(6..8)?, num(8..10).unwrap_or(0))?;
    Some(Utc.from_utc_datetime(&time))
}

/// The common name in an X.509 Name, if any.
fn common_name(name: &[u8]) -> Option<String> {
    let mut rest = name;
    while let Some((_, set, after)) = der(rest) {
        rest = after;
        let (_, atv, _) = der(set)?;
        let (_, oid, value) = der(atv)?;
        if oid == [0x55, 0x04, 0x03] {
            let (_, v, _) = der(value)?;
            return Some(String::from_utf8_lossy(v).into_owned());
        }
    }
    None
}

/// What the leaf certificate says, for the observation.
#[derive(Debug, Clone, PartialEq)]
pub struct CertInfo {
    pub subject: Option<String>,
    pub not_before: DateTime<Utc>,
    pub not_after: DateTime<Utc>,
    /// `rsa`, `ec`, `ed25519`, `ed448`, `dsa` or the algorithm's OID.
    pub key_type: String,
    pub key_bits: Option<u32>,
    pub self_signed: bool,
}

/// Parse an X.509 certificate's validity, names and public key.
pub fn parse_certificate(cert: &[u8]) -> Option<CertInfo> {
    let (_, certificate, _) = der(cert)?;
    let (_, tbs, _) = der(certificate)?;
    let mut rest = tbs;
    // [0] version is optional.
    let (tag, _, after) = der(rest)?;
    if tag == 0xa0 {
        rest = after;
    }
    let (_, _serial, rest) = der(rest)?;
    let (_, _sig_alg, rest) = der(rest)?;
    let (_, issuer, rest) = der(rest)?;
    let (_, validity, rest) = der(rest)?;
    let (_, subject, rest) = der(rest)?;
    let (_, spki, _) = der(rest)?;
    let (t1, nb, after) = der(validity)?;
    let (t2, na, _) = der(after)?;
    let (_, alg, key) = der(spki)?;
    let (_, oid, params) = der(alg)?;
    let (_, bits, _) = der(key)?;
    let key_bytes = bits.get(1..).unwrap_or_default(); // skip the unused-bits byte
    let (key_type, key_bits) = match oid {
        [0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01] => {
            let bits = der(key_bytes)
                .and_then(|(_, seq, _)| der(seq))
                .map(|(_, modulus, _)| {
                    let m: &[u8] = {
                        let first = modulus
                            .iter()
                            .position(|&b| b != 0)
                            .unwrap_or(modulus.len());
                        &modulus[first..]
                    };
                    match m.first() {
                        Some(top) => (m.len() as u32 - 1) * 8 + (8 - top.leading_zeros()),
                        None => 0,
                    }
                });
            ("rsa".to_string(), bits)
        }
        [0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01] => {
            let curve = der(params).map(|(_, c, _)| c);
            let bits = match curve {
                Some([0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07]) => Some(256),
                Some([0x2b, 0x81, 0x04, 0x00, 0x22]) => Some(384),
                Some([0x2b, 0x81, 0x04, 0x00, 0x23]) => Some(521),
                Some([0x2b, 0x81, 0x04, 0x00, 0x1f]) => Some(192),
                Some([0x2b, 0x81, 0x04, 0x00, 0x21]) => Some(224),
                _ => None,
            };
            ("ec".to_string(), bits)
        }
        [0x2b, 0x65, 0x70] => ("ed25519".to_string(), Some(256)),
        [0x2b, 0x65, 0x71] => ("ed448".to_string(), Some(456)),
        [0x2a, 0x86, 0x48, 0xce, 0x38, 0x04, 0x01] => ("dsa".to_string(), None),
        other => (hex::encode(other), None),
    };
    Some(CertInfo {
        subject: common_name(subject),
        not_before: der_time(t1, nb)?,
        not_after: der_time(t2, na)?,
        key_type,
        key_bits,
        self_signed: issuer == subject,
    })
}

/// Probe `location` (`https://host[:port]` or `tls://host:port`) and return the
/// observation: accepted legacy protocols and the leaf certificate.
pub fn probe_tls(location: &str) -> Result<Value, ProbeError> {
    let default_port = if location.starts_with("https://") {
        443
    } else {
        0
    };
    let hostport = host_port(location, default_port)?;
    if hostport.ends_with(":0") {
        return Err(err(
            location,
            "no port: write tls://host:port or https://host",
        ));
    }
    let host = hostport
        .rsplit_once(':')
        .map_or(hostport.as_str(), |(h, _)| h)
        .trim_start_matches('[')
        .trim_end_matches(']')
        .to_string();
    let mut modern = hello(location, &hostport, &host, TLS12)?;
    let version = match modern.version {
        Some(v) => v,
        None => {
            // No TLS 1.2: a TLS 1.3-only endpoint encrypts its certificate, so complete a
            // real handshake (OpenSSL) to read it.
            let leaf = tls13_leaf(location, &hostport, &host).map_err(|why| {
                err(
                    location,
                    format!(
                        "no TLS 1.2 handshake (alert {}), and TLS 1.3 failed too: {why}",
                        modern.alert.map_or("none".into(), |a| a.to_string())
                    ),
                )
            })?;
            modern.leaf = Some(leaf);
            TLS13
        }
    };
    let mut accepted = vec![];
    for (name, v) in [("TLSv1.0", TLS10), ("TLSv1.1", TLS11)] {
        // A refusal is an alert or a closed connection: both mean "not accepted".
        let a = hello(location, &hostport, &host, v).unwrap_or_default();
        if a.version == Some(v) {
            accepted.push(name);
        }
    }
    let now = Utc::now();
    let certificate = modern.leaf.as_deref().and_then(parse_certificate).map(|c| {
        json!({
            "subject": c.subject,
            "not_before": c.not_before.to_rfc3339(),
            "not_after": c.not_after.to_rfc3339(),
            "days_left": (c.not_after - now).num_days(),
            "expired": c.not_after < now,
            "not_yet_valid": c.not_before > now,
            "key_type": c.key_type,
            "key_bits": c.key_bits,
            "self_signed": c.self_signed,
        })
    });
    Ok(json!({
        "endpoint": hostport,
        "negotiated": format!("{:#06x}", version),
        "legacy_protocols_accepted": accepted,
        "certificate": certificate,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn der_times_parse() {
        assert_eq!(
            der_time(0x17, b"491231235959Z").unwrap().to_rfc3339(),
            "2049-12-31T23:59:59+00:00"
        );
        assert_eq!(
            der_time(0x17, b"500101000000Z").unwrap().to_rfc3339(),
            "1950-01-01T00:00:00+00:00"
        );
        assert_eq!(
            der_time(0x18, b"20501231235959Z").unwrap().to_rfc3339(),
            "2050-12-31T23:59:59+00:00"
        );
        assert!(der_time(0x17, b"garbage").is_none());
    }

    #[test]
    fn client_hello_is_a_well_formed_record() {
        let r = client_hello(TLS12, "example.internal");
        assert_eq!(r[0], 0x16);
        assert_eq!(u16::from_be_bytes([r[3], r[4]]) as usize, r.len() - 5);
        assert_eq!(r[5], 1);
        let hs_len = u32::from_be_bytes([0, r[6], r[7], r[8]]) as usize;
        assert_eq!(hs_len, r.len() - 9);
        assert_eq!(&r[9..11], &TLS12.to_be_bytes());
        assert!(r.windows(16).any(|w| w == b"example.internal"));
        // No SNI for an IP address.
        let r = client_hello(TLS10, "127.0.0.1");
        assert!(!r.windows(9).any(|w| w == b"127.0.0.1"));
    }

    #[test]
    fn truncated_der_is_none_not_a_panic() {
        assert!(parse_certificate(&[]).is_none());
        assert!(parse_certificate(&[0x30, 0x82, 0xff]).is_none());
        assert!(parse_certificate(&[0x30, 0x03, 0x30, 0x01]).is_none());
    }
}
