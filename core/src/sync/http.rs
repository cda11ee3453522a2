//! The desk's side of the wire: one blocking HTTPS client with explicit timeouts.

use std::time::Duration;

use reqwest::blocking::Client;
use serde::Serialize;
use serde::de::DeserializeOwned;
use solidesk_protocol as proto;

use super::plan::Outcome;

/// A failed request: what the planner needs to decide, and words for a log.
#[derive(Debug)]
pub(crate) struct Failure {
    pub outcome: Outcome,
    pub error: Option<proto::ErrorBody>,
    pub detail: String,
}

/// The platform at one address, as one desk.
pub(crate) struct Platform {
    client: Client,
    base: String,
    token: Option<String>,
    /// Platform clock minus ours at the last answer, in ms.
    pub offset_ms: Option<i64>,
}

impl Platform {
    pub fn new(base: &str, token: Option<String>, timeout: Duration) -> Result<Self, String> {
        let client = Client::builder()
            .connect_timeout(Duration::from_secs(10))
            .timeout(timeout)
            .user_agent(concat!("solidesk/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|e| format!("could not start the HTTPS client: {e}"))?;
        Ok(Platform {
            client,
            base: base.trim_end_matches('/').to_owned(),
            token,
            offset_ms: None,
        })
    }

    pub fn get<T: DeserializeOwned>(&mut self, path: &str) -> Result<T, Failure> {
        let request = self.client.get(format!("{}{path}", self.base));
        self.send(request)
    }

    pub fn post<B: Serialize, T: DeserializeOwned>(
        &mut self,
        path: &str,
        body: &B,
        idempotency_key: Option<&str>,
    ) -> Result<T, Failure> {
        let mut request = self.client.post(format!("{}{path}", self.base)).json(body);
        if let Some(key) = idempotency_key {
            request = request.header(proto::HEADER_IDEMPOTENCY_KEY, key);
        }
        self.send(request)
    }

    fn send<T: DeserializeOwned>(
        &mut self,
        mut request: reqwest::blocking::RequestBuilder,
    ) -> Result<T, Failure> {
        request = request.header(proto::HEADER_PROTOCOL, proto::PROTOCOL_VERSION.to_string());
        if let Some(token) = &self.token {
            request = request.bearer_auth(token);
        }
        let no_answer = |detail: String| Failure {
            outcome: Outcome::NoAnswer,
            error: None,
            detail,
        };
        let response = request.send().map_err(|e| no_answer(describe(&e)))?;
        if let Some(at) = response
            .headers()
            .get(proto::HEADER_SERVER_TIME)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| chrono::DateTime::parse_from_rfc3339(v).ok())
        {
            self.offset_ms =
                Some((at.with_timezone(&chrono::Utc) - chrono::Utc::now()).num_milliseconds());
        }
        let status = response.status();
        let retry_after = response
            .headers()
            .get(reqwest::header::RETRY_AFTER)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.trim().parse::<u64>().ok());
        // Read the whole body before deciding: a body cut off on the way is "no answer".
        let bytes = response
            .bytes()
            .map_err(|e| no_answer(format!("the answer was cut off ({})", describe(&e))))?;
        if status.is_success() {
            return serde_json::from_slice(&bytes)
                .map_err(|e| no_answer(format!("the answer could not be read ({e})")));
        }
        let error = serde_json::from_slice::<proto::ErrorBody>(&bytes).ok();
        Err(Failure {
            outcome: Outcome::Status {
                code: status.as_u16(),
                retry_after,
            },
            detail: match &error {
                Some(e) => format!("{} ({})", e.message, status.as_u16()),
                None => format!("the platform answered {status}"),
            },
            error,
        })
    }
}

/// A transport error in words: reqwest's chain of causes, first to last.
fn describe(e: &reqwest::Error) -> String {
    let mut text = if e.is_timeout() {
        "no answer in time".to_owned()
    } else if e.is_connect() {
        "could not connect".to_owned()
    } else {
        "the connection failed".to_owned()
    };
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        text.push_str(": ");
        text.push_str(&s.to_string());
        source = s.source();
    }
    text
}
