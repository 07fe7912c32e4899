//! Polite retries: a 429 (or a 503 that says when to come back) is retried after the
//! `Retry-After` the appliance asked for, a bounded number of times.

use std::future::Future;
use std::time::Duration;

use progenitor_client::{Error, ResponseValue};

/// How a session retries throttled calls.
#[derive(Debug, Clone)]
pub struct RetryPolicy {
    /// Attempts in all, the first included. 1 turns retries off.
    pub max_attempts: u32,
    /// Waits longer than this are not made: the error is returned instead.
    pub max_wait: Duration,
    /// The wait when the appliance says 429 without `Retry-After`.
    pub default_wait: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        Self {
            max_attempts: 4,
            max_wait: Duration::from_secs(60),
            default_wait: Duration::from_secs(1),
        }
    }
}

/// How a session reaches the appliance.
#[derive(Debug, Clone, Default)]
pub struct SessionOptions {
    pub retry: RetryPolicy,
    /// Accept self-signed certificates, as the appliances ship with (`verify=False` in the
    /// vendors' Python samples). Off by default.
    pub accept_invalid_certs: bool,
}

impl SessionOptions {
    pub(crate) fn http(&self, auth: Option<String>) -> reqwest::Client {
        let mut headers = reqwest::header::HeaderMap::new();
        if let Some(value) = auth.and_then(|v| reqwest::header::HeaderValue::from_str(&v).ok()) {
            let mut value = value;
            value.set_sensitive(true);
            headers.insert(reqwest::header::AUTHORIZATION, value);
        }
        reqwest::Client::builder()
            .default_headers(headers)
            .tls_danger_accept_invalid_certs(self.accept_invalid_certs)
            .build()
            .expect("a reqwest client with default settings builds")
    }
}

/// How long the appliance asked us to wait, if it is a throttling answer worth retrying.
fn wait_for<E>(err: &Error<E>, policy: &RetryPolicy) -> Option<Duration> {
    let Error::ErrorResponse(resp) = err else {
        return None;
    };
    let status = resp.status().as_u16();
    let retry_after = resp
        .headers()
        .get(reqwest::header::RETRY_AFTER)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<u64>().ok())
        .map(Duration::from_secs);
    let wait = match (status, retry_after) {
        (429, Some(w)) | (503, Some(w)) => w,
        (429, None) => policy.default_wait,
        _ => return None,
    };
    (wait <= policy.max_wait).then_some(wait)
}

/// Sends a call built by `call`, retrying it on throttling answers as `policy` allows.
pub async fn send<T, E, F, Fut>(
    policy: &RetryPolicy,
    mut call: F,
) -> Result<ResponseValue<T>, Error<E>>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<ResponseValue<T>, Error<E>>>,
{
    let mut attempt = 1;
    loop {
        match call().await {
            Err(err) if attempt < policy.max_attempts => match wait_for(&err, policy) {
                Some(wait) => {
                    tokio::time::sleep(wait).await;
                    attempt += 1;
                }
                None => return Err(err),
            },
            other => return other,
        }
    }
}
