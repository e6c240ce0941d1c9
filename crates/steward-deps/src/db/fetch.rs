//! Sources named by URL: an air-gapped site's mirror of the OSV exports (or of the RustSec,
//! RubySec and FriendsOfPHP archives), fetched over HTTP(S) into a temporary file that the
//! update then reads like a local one. The URL is what the database records, so a later
//! `db update` without `--source` fetches from the mirror again.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Duration;

use super::DbError;

/// Biggest download accepted: the largest public export (every ecosystem) is well under it.
const MAX_DOWNLOAD: u64 = 4 << 30;

/// Whether a `--source` names a URL rather than a local path.
pub fn is_url(source: &Path) -> bool {
    let s = source.to_string_lossy();
    s.starts_with("https://") || s.starts_with("http://")
}

/// Downloads `url` into `dir` under the URL's file name (its format is told by name: `.zip`,
/// `.tar.gz`, `.tgz`), and returns the file's path.
pub(crate) fn download(url: &str, dir: &Path) -> Result<PathBuf, DbError> {
    let fail = |message: String| DbError::Fetch {
        url: url.to_string(),
        message,
    };
    let name = url
        .split(['?', '#'])
        .next()
        .and_then(|u| u.rsplit('/').next())
        .filter(|n| !n.is_empty())
        .unwrap_or_default()
        .to_string();
    let lower = name.to_ascii_lowercase();
    if !(lower.ends_with(".zip") || lower.ends_with(".tar.gz") || lower.ends_with(".tgz")) {
        return Err(fail(
            "a URL source must name a .zip or .tar.gz archive (an OSV all.zip export, or an \
             archive of the RustSec, RubySec or FriendsOfPHP databases)"
                .into(),
        ));
    }
    let client = reqwest::blocking::Client::builder()
        .connect_timeout(Duration::from_secs(30))
        .timeout(Duration::from_secs(30 * 60))
        .user_agent(concat!("steward/", env!("CARGO_PKG_VERSION")))
        .build()
        .map_err(|e| fail(e.to_string()))?;
    let mut response = client
        .get(url)
        .send()
        .map_err(|e| fail(format!("cannot fetch it: {e}")))?;
    let status = response.status();
    if !status.is_success() {
        return Err(fail(format!("the server answered {status}")));
    }
    if response.content_length().is_some_and(|n| n > MAX_DOWNLOAD) {
        return Err(fail(format!(
            "it is larger than {} GiB",
            MAX_DOWNLOAD >> 30
        )));
    }
    let path = dir.join(&name);
    let mut file = std::fs::File::create(&path).map_err(|e| DbError::Io {
        path: path.clone(),
        message: e.to_string(),
    })?;
    let mut limited = std::io::Read::take(&mut response, MAX_DOWNLOAD + 1);
    let copied = std::io::copy(&mut limited, &mut file)
        .map_err(|e| fail(format!("the download broke off: {e}")))?;
    if copied > MAX_DOWNLOAD {
        return Err(fail(format!(
            "it is larger than {} GiB",
            MAX_DOWNLOAD >> 30
        )));
    }
    file.flush().map_err(|e| DbError::Io {
        path: path.clone(),
        message: e.to_string(),
    })?;
    Ok(path)
}
