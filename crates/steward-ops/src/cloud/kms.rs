//! KMS: the state of a key (DescribeKey). A key whose data must be crypto-erased is done when
//! it is disabled, pending deletion, or gone.

use super::{Call, CloudError, Credentials, ServiceConfig, send};

/// What DescribeKey said about a key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeyState {
    /// No such key (NotFoundException): deleted, or never in this account and region.
    Absent,
    /// `KeyMetadata.KeyState` (`Enabled`, `Disabled`, `PendingDeletion`, ...) and the deletion
    /// date when one is scheduled.
    Present {
        arn: String,
        state: String,
        deletion_date: Option<String>,
    },
}

pub struct KmsClient {
    config: ServiceConfig,
    creds: Credentials,
}

impl KmsClient {
    pub fn new(config: ServiceConfig, creds: Credentials) -> KmsClient {
        KmsClient { config, creds }
    }

    pub fn endpoint(&self) -> &str {
        &self.config.endpoint
    }

    pub fn describe_key(&self, key_id: &str) -> Result<KeyState, CloudError> {
        let body = serde_json::json!({ "KeyId": key_id })
            .to_string()
            .into_bytes();
        let headers = vec![
            (
                "content-type".to_string(),
                "application/x-amz-json-1.1".to_string(),
            ),
            (
                "x-amz-target".to_string(),
                "TrentService.DescribeKey".to_string(),
            ),
        ];
        let r = send(
            &self.config,
            &self.creds,
            Call {
                service: "kms",
                method: "POST",
                path: "/",
                query: &[],
                headers: &headers,
                body,
            },
        )?;
        let json: serde_json::Value =
            serde_json::from_slice(&r.body).map_err(|e| CloudError::BadResponse {
                endpoint: self.config.endpoint.clone(),
                message: format!("not JSON ({e}): {}", String::from_utf8_lossy(&r.body)),
            })?;
        if r.status != 200 {
            let code = json["__type"]
                .as_str()
                .unwrap_or("")
                .rsplit('#')
                .next()
                .unwrap_or("")
                .to_string();
            if code == "NotFoundException" {
                return Ok(KeyState::Absent);
            }
            return Err(CloudError::Service {
                endpoint: self.config.endpoint.clone(),
                status: r.status,
                code,
                message: json["message"]
                    .as_str()
                    .or(json["Message"].as_str())
                    .unwrap_or("")
                    .to_string(),
            });
        }
        let meta = &json["KeyMetadata"];
        let state = meta["KeyState"]
            .as_str()
            .ok_or_else(|| CloudError::BadResponse {
                endpoint: self.config.endpoint.clone(),
                message: "DescribeKey answer without KeyMetadata.KeyState".into(),
            })?;
        let deletion_date = match &meta["DeletionDate"] {
            serde_json::Value::Number(n) => n.as_f64().and_then(|secs| {
                chrono::DateTime::from_timestamp(secs as i64, 0)
                    .map(|d| d.format("%Y-%m-%d").to_string())
            }),
            serde_json::Value::String(s) => Some(s.clone()),
            _ => None,
        };
        Ok(KeyState::Present {
            arn: meta["Arn"].as_str().unwrap_or(key_id).to_string(),
            state: state.to_string(),
            deletion_date,
        })
    }
}
