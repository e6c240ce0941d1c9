//! Server-side request forgery: the application is given the URL of a one-shot listener
//! steward runs on 127.0.0.1, and the finding is the listener receiving the request. No
//! callback, no finding: a URL merely echoed back proves nothing.
//!
//! The listener is on loopback, so this finds SSRF when steward runs on the application's
//! host (a test environment, a container's network namespace); against a remote target the
//! callback cannot arrive and the check stays silent.

use std::time::Duration;

use tokio::net::{TcpListener, TcpStream};
use tokio::sync::oneshot;

use super::active::{issue, marker, probe};
use super::clip;
use super::injection::CheckResult;
use crate::client::{HttpClient, HttpRequest, SendError};
use crate::endpoint::{Endpoint, Param};

const URL_NAMES: &[&str] = &[
    "url",
    "uri",
    "link",
    "href",
    "src",
    "source",
    "dest",
    "feed",
    "rss",
    "callback",
    "webhook",
    "hook",
    "image",
    "image_url",
    "img",
    "avatar",
    "fetch",
    "proxy",
    "site",
    "page_url",
    "target",
    "endpoint",
    "preview",
    "remote",
    "resource",
];

fn looks_like_url(param: &Param) -> bool {
    let name = param.name.to_ascii_lowercase();
    URL_NAMES.contains(&name.as_str())
        || name.ends_with("_url")
        || name.ends_with("url")
        || param.value.starts_with("http://")
        || param.value.starts_with("https://")
}

/// How long to wait for the callback after the application answered: some fetch in the
/// background.
const CALLBACK_GRACE: Duration = Duration::from_secs(2);

/// Read a request head (up to 8 KiB, 2 s), without tokio's io-util.
async fn read_head(stream: &TcpStream) -> String {
    let mut buf = vec![0u8; 8192];
    let mut len = 0;
    let deadline = tokio::time::Instant::now() + Duration::from_secs(2);
    while len < buf.len() {
        if tokio::time::timeout_at(deadline, stream.readable())
            .await
            .is_err()
        {
            break;
        }
        match stream.try_read(&mut buf[len..]) {
            Ok(0) => break,
            Ok(n) => {
                len += n;
                if buf[..len].windows(4).any(|w| w == b"\r\n\r\n") {
                    break;
                }
            }
            Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => continue,
            Err(_) => break,
        }
    }
    String::from_utf8_lossy(&buf[..len]).into_owned()
}

async fn write_all(stream: &TcpStream, mut bytes: &[u8]) {
    while !bytes.is_empty() {
        if stream.writable().await.is_err() {
            return;
        }
        match stream.try_write(bytes) {
            Ok(n) => bytes = &bytes[n..],
            Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => continue,
            Err(_) => return,
        }
    }
}

/// Accept connections until one asks for `/token`; answer each with a short 200 and report
/// the request head of the one that matched.
async fn listen(listener: TcpListener, token: String, found: oneshot::Sender<String>) {
    loop {
        let Ok((stream, _)) = listener.accept().await else {
            return;
        };
        let head = read_head(&stream).await;
        write_all(
            &stream,
            b"HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 8\r\nConnection: close\r\n\r\nsteward\n",
        )
        .await;
        drop(stream);
        let first = head.lines().next().unwrap_or("");
        if first.contains(&format!("/{token}")) {
            let _ = found.send(head.trim_end().to_string());
            return;
        }
    }
}

/// What sending a payload with a listener URL brought.
pub(crate) struct Callback {
    pub payload: String,
    pub request: HttpRequest,
    /// The application's response, if it answered.
    pub response: Option<crate::client::Exchange>,
    /// The head of the request the listener received, if one came.
    pub received: Option<String>,
}

/// Start a one-shot listener on 127.0.0.1, send the request `build` makes with the
/// listener's URL for `token`, and wait for the callback.
pub(crate) async fn callback<F>(
    client: &HttpClient,
    token: &str,
    build: F,
) -> Result<Option<Callback>, SendError>
where
    F: FnOnce(&str) -> HttpRequest,
{
    let Ok(listener) = TcpListener::bind("127.0.0.1:0").await else {
        return Ok(None);
    };
    let Ok(addr) = listener.local_addr() else {
        return Ok(None);
    };
    let (tx, rx) = oneshot::channel();
    let server = tokio::spawn(listen(listener, token.to_string(), tx));
    let payload = format!("http://{addr}/{token}");
    let request = build(&payload);
    let response = match probe(client, request.clone()).await {
        Ok(r) => r,
        Err(e) => {
            server.abort();
            return Err(e);
        }
    };
    let received = match response {
        Some(_) => tokio::time::timeout(CALLBACK_GRACE, rx)
            .await
            .ok()
            .and_then(Result::ok),
        None => None,
    };
    server.abort();
    Ok(Some(Callback {
        payload,
        request,
        response,
        received,
    }))
}

/// The callback's request head as evidence, without credentials it may carry.
pub(crate) fn evidence(head: &str) -> String {
    let shown: Vec<&str> = head
        .lines()
        .filter(|l| {
            let l = l.to_ascii_lowercase();
            !l.starts_with("cookie") && !l.starts_with("authorization")
        })
        .take(6)
        .collect();
    format!(
        "received by steward's listener:\n{}",
        clip(&shown.join("\n"), 400)
    )
}

/// SSRF on a parameter that looks like it takes a URL.
pub async fn ssrf(client: &HttpClient, endpoint: &Endpoint, param: &Param) -> CheckResult {
    if !looks_like_url(param) {
        return Ok(Vec::new());
    }
    let token = marker(endpoint, &param.name);
    let found = callback(client, &token, |url| {
        endpoint.request_with(&param.name, url)
    })
    .await?;
    let Some(Callback {
        payload,
        request,
        received: Some(head),
        ..
    }) = found
    else {
        return Ok(Vec::new());
    };
    Ok(vec![issue(
        "dast/ssrf",
        endpoint,
        param,
        &payload,
        &request,
        format!(
            "parameter `{}` makes the server request any URL it names: steward's listener received the request",
            param.name
        ),
        evidence(&head),
    )])
}
