//! A small client for the parts of AWS (and S3/KMS-compatible services) that steward
//! inspects: S3 buckets with their object versions and delete markers, and KMS key state.
//! Requests are signed with SigV4 ([`sigv4`]) and sent over plain blocking HTTP; the
//! endpoint, region and credentials come from the caller or the standard AWS environment
//! variables, so the same code talks to AWS, MinIO or a local emulator.

pub mod kms;
pub mod s3;
pub mod sigv4;

use std::time::Duration;

/// How long a request may take before the check is reported as undecided.
pub const TIMEOUT: Duration = Duration::from_secs(15);

/// An access key pair, with the session token of temporary credentials.
#[derive(Clone)]
pub struct Credentials {
    pub access_key_id: String,
    pub secret_access_key: String,
    pub session_token: Option<String>,
}

impl std::fmt::Debug for Credentials {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Credentials")
            .field("access_key_id", &self.access_key_id)
            .field("secret_access_key", &"***")
            .finish()
    }
}

impl Credentials {
    /// `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY` and `AWS_SESSION_TOKEN`, as every AWS
    /// tool reads them.
    pub fn from_env() -> Result<Credentials, CloudError> {
        let get = |name: &str| std::env::var(name).ok().filter(|v| !v.trim().is_empty());
        match (get("AWS_ACCESS_KEY_ID"), get("AWS_SECRET_ACCESS_KEY")) {
            (Some(access_key_id), Some(secret_access_key)) => Ok(Credentials {
                access_key_id,
                secret_access_key,
                session_token: get("AWS_SESSION_TOKEN"),
            }),
            _ => Err(CloudError::NoCredentials),
        }
    }
}

/// Where a service is and which region to sign for.
#[derive(Debug, Clone)]
pub struct ServiceConfig {
    /// `http://127.0.0.1:5000` or `https://s3.eu-west-1.amazonaws.com`, without a path.
    pub endpoint: String,
    pub region: String,
}

impl ServiceConfig {
    /// The endpoint for `service` (`s3`, `kms`): the one given, else `AWS_ENDPOINT_URL_<SERVICE>`,
    /// else `AWS_ENDPOINT_URL`, else AWS's regional endpoint. The region: the one given, else
    /// `AWS_REGION`, else `AWS_DEFAULT_REGION`, else `us-east-1`.
    pub fn resolve(service: &str, endpoint: Option<&str>, region: Option<&str>) -> ServiceConfig {
        let env = |name: &str| std::env::var(name).ok().filter(|v| !v.trim().is_empty());
        let region = region
            .map(str::to_string)
            .or_else(|| env("AWS_REGION"))
            .or_else(|| env("AWS_DEFAULT_REGION"))
            .unwrap_or_else(|| "us-east-1".into());
        let endpoint = endpoint
            .map(str::to_string)
            .or_else(|| {
                env(&format!(
                    "AWS_ENDPOINT_URL_{}",
                    service.to_ascii_uppercase()
                ))
            })
            .or_else(|| env("AWS_ENDPOINT_URL"))
            .unwrap_or_else(|| format!("https://{service}.{region}.amazonaws.com"));
        ServiceConfig {
            endpoint: endpoint.trim_end_matches('/').to_string(),
            region,
        }
    }

    /// The `host[:port]` of the endpoint, as the Host header and the signature carry it.
    fn host(&self) -> Result<String, CloudError> {
        let rest = self
            .endpoint
            .split_once("://")
            .map(|(_, r)| r)
            .ok_or_else(|| CloudError::BadEndpoint(self.endpoint.clone()))?;
        let host = rest.split('/').next().unwrap_or("");
        if host.is_empty() {
            return Err(CloudError::BadEndpoint(self.endpoint.clone()));
        }
        Ok(host.to_string())
    }
}

#[derive(Debug, thiserror::Error)]
pub enum CloudError {
    #[error(
        "no AWS credentials: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN for temporary ones)"
    )]
    NoCredentials,
    #[error("`{0}` is not an endpoint URL (http://host:port)")]
    BadEndpoint(String),
    #[error("{endpoint}: {message}")]
    Transport { endpoint: String, message: String },
    #[error("{endpoint} answered {status} {code}: {message}")]
    Service {
        endpoint: String,
        status: u16,
        code: String,
        message: String,
    },
    #[error("{endpoint}: unexpected answer: {message}")]
    BadResponse { endpoint: String, message: String },
}

/// A response: status and body.
pub(crate) struct Response {
    pub status: u16,
    pub body: Vec<u8>,
}

fn amz_date() -> String {
    chrono::Utc::now().format("%Y%m%dT%H%M%SZ").to_string()
}

/// One request to a service, before signing.
pub(crate) struct Call<'a> {
    pub service: &'a str,
    pub method: &'a str,
    /// URI-encoded path.
    pub path: &'a str,
    pub query: &'a [(String, String)],
    pub headers: &'a [(String, String)],
    pub body: Vec<u8>,
}

/// Send one signed request.
pub(crate) fn send(
    config: &ServiceConfig,
    creds: &Credentials,
    call: Call<'_>,
) -> Result<Response, CloudError> {
    let Call {
        service,
        method,
        path,
        query,
        headers: extra_headers,
        body,
    } = call;
    let host = config.host()?;
    let payload_sha256 = sigv4::sha256_hex(&body);
    let mut headers = extra_headers.to_vec();
    if service == "s3" {
        headers.push(("x-amz-content-sha256".into(), payload_sha256.clone()));
    }
    let date = amz_date();
    let signed = sigv4::sign(
        &sigv4::SignRequest {
            method,
            host: &host,
            path,
            query,
            headers: &headers,
            payload_sha256: &payload_sha256,
            region: &config.region,
            service,
            amz_date: &date,
        },
        creds,
    );
    let mut url = format!("{}{path}", config.endpoint);
    if !query.is_empty() {
        url.push('?');
        url.push_str(
            &query
                .iter()
                .map(|(k, v)| {
                    if v.is_empty() {
                        sigv4::uri_encode(k, false)
                    } else {
                        format!(
                            "{}={}",
                            sigv4::uri_encode(k, false),
                            sigv4::uri_encode(v, false)
                        )
                    }
                })
                .collect::<Vec<_>>()
                .join("&"),
        );
    }
    let transport = |message: String| CloudError::Transport {
        endpoint: config.endpoint.clone(),
        message,
    };
    let client = reqwest::blocking::Client::builder()
        .timeout(TIMEOUT)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .map_err(|e| transport(format!("building the HTTP client: {e}")))?;
    let method = reqwest::Method::from_bytes(method.as_bytes())
        .map_err(|e| transport(format!("method: {e}")))?;
    let mut request = client.request(method, &url).body(body);
    for (k, v) in headers.iter().chain(signed.iter()) {
        request = request.header(k.as_str(), v.as_str());
    }
    let response = request.send().map_err(|e| {
        let mut message = e.to_string();
        let mut source = std::error::Error::source(&e);
        while let Some(s) = source {
            message.push_str(": ");
            message.push_str(&s.to_string());
            source = s.source();
        }
        if message.contains("certificate") {
            message.push_str(
                " (if the endpoint's certificate comes from your own CA, point SSL_CERT_FILE at a bundle that holds it)",
            );
        }
        transport(message)
    })?;
    let status = response.status().as_u16();
    let body = response
        .bytes()
        .map_err(|e| transport(format!("reading the answer: {e}")))?
        .to_vec();
    Ok(Response { status, body })
}
