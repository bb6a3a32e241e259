//! Downloading a feed: connect and total timeouts, bounded redirects, a bounded retry of transient
//! failures, and a size cap. Nothing here touches the database.

use std::time::Duration;

use super::RatesError;

/// How hard to try. The defaults suit a desktop app: whatever the network or the server does, the
/// answer (rates or the reason there are none) comes within [`FetchConfig::deadline`], 25 s.
#[derive(Debug, Clone)]
pub struct FetchConfig {
    pub connect_timeout: Duration,
    /// One request, from connecting to the last byte of the body.
    pub total_timeout: Duration,
    /// The whole fetch, retries and pauses included: no attempt runs past it.
    pub deadline: Duration,
    /// Attempts in all (1 = no retry). Only timeouts, connection failures and 5xx answers are retried.
    pub attempts: u32,
    /// Pause before each retry.
    pub retry_delay: Duration,
    pub max_redirects: usize,
    /// Largest body accepted; the 90-day file is about 70 KB.
    pub max_bytes: usize,
}

impl Default for FetchConfig {
    fn default() -> Self {
        // Three 10-second attempts would take 30 s and more; the deadline cuts the last one short
        // so that a stalled server is reported within 25 s, ahead of the 30 s a person will wait.
        FetchConfig {
            connect_timeout: Duration::from_secs(5),
            total_timeout: Duration::from_secs(10),
            deadline: Duration::from_secs(25),
            attempts: 3,
            retry_delay: Duration::from_secs(1),
            max_redirects: 5,
            max_bytes: 4 * 1024 * 1024,
        }
    }
}

/// Fetches `url` as text. Must run inside a Tokio runtime with IO and time enabled.
pub async fn fetch_text(url: &str, config: &FetchConfig) -> Result<String, RatesError> {
    let client = reqwest::Client::builder()
        .connect_timeout(config.connect_timeout)
        .timeout(config.total_timeout)
        .redirect(reqwest::redirect::Policy::limited(config.max_redirects))
        .user_agent(concat!("landfall/", env!("CARGO_PKG_VERSION")))
        .build()
        .map_err(|err| RatesError::Network {
            url: url.to_owned(),
            message: error_chain(&err),
        })?;
    let attempts = config.attempts.max(1);
    let deadline = tokio::time::Instant::now() + config.deadline;
    let past_deadline = || RatesError::Timeout {
        url: url.to_owned(),
        milliseconds: config.deadline.as_millis(),
    };
    let mut attempt = 1;
    loop {
        let remaining = deadline.saturating_duration_since(tokio::time::Instant::now());
        let result = tokio::time::timeout(remaining, fetch_once(&client, url, config))
            .await
            .unwrap_or_else(|_| Err(past_deadline()));
        match result {
            Err(err) if attempt < attempts && err.is_transient() => {
                let remaining = deadline.saturating_duration_since(tokio::time::Instant::now());
                if remaining <= config.retry_delay {
                    return Err(err);
                }
                attempt += 1;
                tokio::time::sleep(config.retry_delay).await;
            }
            result => return result,
        }
    }
}

async fn fetch_once(
    client: &reqwest::Client,
    url: &str,
    config: &FetchConfig,
) -> Result<String, RatesError> {
    let classify = |err: reqwest::Error| classify_error(url, config, err);
    let mut response = client.get(url).send().await.map_err(classify)?;
    let status = response.status();
    if !status.is_success() {
        return Err(RatesError::HttpStatus {
            url: url.to_owned(),
            status: status.as_u16(),
        });
    }
    let mut body = Vec::new();
    while let Some(chunk) = response.chunk().await.map_err(classify)? {
        if body.len() + chunk.len() > config.max_bytes {
            return Err(RatesError::TooLarge {
                url: url.to_owned(),
                limit: config.max_bytes,
            });
        }
        body.extend_from_slice(&chunk);
    }
    String::from_utf8(body).map_err(|_| RatesError::Malformed {
        position: 0,
        message: "the answer is not UTF-8 text".to_owned(),
    })
}

fn classify_error(url: &str, config: &FetchConfig, err: reqwest::Error) -> RatesError {
    let url = url.to_owned();
    if err.is_redirect() {
        RatesError::TooManyRedirects {
            url,
            limit: config.max_redirects,
        }
    } else if err.is_timeout() {
        RatesError::Timeout {
            url,
            milliseconds: config.total_timeout.as_millis(),
        }
    } else if err.is_connect() {
        RatesError::Connect {
            url,
            message: error_chain(&err),
        }
    } else {
        RatesError::Network {
            url,
            message: error_chain(&err),
        }
    }
}

/// The error and its causes on one line: reqwest's own message alone is often just "error sending request".
fn error_chain(err: &dyn std::error::Error) -> String {
    let mut text = err.to_string();
    let mut source = err.source();
    while let Some(cause) = source {
        text.push_str(": ");
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    text
}
