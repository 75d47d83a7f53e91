//! Blocking client for HeyMilo's public API (`docs/reference/heymilo-openapi.json`).
//!
//! * Auth: `X-API-KEY` header, sent to the API's origin only (never to the
//!   hosts of signed recording URLs), and over `https://` only, except to
//!   this computer (localhost, 127.0.0.0/8, ::1) (SPEC F55).
//! * Redirects are followed here, not by ureq (which would carry the
//!   `X-API-KEY` header to wherever the server points): an API call follows
//!   same-origin redirects only and refuses the others
//!   ([`ApiError::Redirected`]); a recording download follows any, with
//!   the key only while it stays on the API's origin.
//! * Downloads have no total time limit: they fail when no byte arrives
//!   for [`ClientConfig::stall_timeout`] (a slow, large recording is fine;
//!   a stalled one is not).
//! * Lists (`ListResponse`: `{data: [...], pagination: {has_more}}`) are read
//!   page by page with `limit` and `starting_after` = id of the last item;
//!   a page that claims `has_more` but gives no new cursor stops the run with
//!   [`ApiError::CursorStuck`] instead of looping.
//! * 429 (and 502/503/504) are retried after `Retry-After` (seconds or HTTP
//!   date) or an exponential back-off, both capped, a bounded number of times.
//! * `GET /api/v2/interviews/{id}/data` answers status `not_ready` while the
//!   candidate has not finished: reported as [`InterviewFetch::NotReady`].
//!
//! Objects are returned as raw JSON (`serde_json::Value`) so sync can store
//! them losslessly, exactly as received.

use std::io::Read;
use std::time::Duration;

use serde_json::Value;
use shortlist_core::Coded;

use crate::secrets::Secret;

/// Redirects followed for one request.
pub const MAX_REDIRECTS: usize = 5;

#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    #[error("HeyMilo API refused the API key (401) on {path}; check the key: in the app under Settings → HeyMilo sync, on the command line with --api-key, SHORTLIST_API_KEY or the keychain")]
    Unauthorized { path: String },
    #[error("HeyMilo API {method} {path}: HTTP {status}{}: {message}", .code.as_deref().map(|c| format!(" {c}")).unwrap_or_default())]
    Http {
        method: &'static str,
        path: String,
        status: u16,
        code: Option<String>,
        message: String,
    },
    #[error(
        "HeyMilo API {path}: still rate limited (429) after {attempts} attempts; try again later"
    )]
    RateLimited { path: String, attempts: u32 },
    #[error("cannot reach HeyMilo API at {path}: {detail}; check the URL and the network, then try again")]
    Transport { path: String, detail: String },
    #[error("HeyMilo API {path}: malformed response: {detail}")]
    Malformed { path: String, detail: String },
    #[error("refusing to send the HeyMilo API key to {url} over plain http://; use the https:// address (plain http is allowed only to this computer: localhost, 127.0.0.1, ::1)")]
    Insecure { url: String },
    #[error("HeyMilo API {path}: the server redirected to {to}, another origin than {base}; the API key is not sent there, so the call was stopped; check the API URL")]
    Redirected {
        path: String,
        base: String,
        to: String,
    },
    #[error("HeyMilo API {path}: more than {MAX_REDIRECTS} redirects; check the API URL")]
    TooManyRedirects { path: String },
    #[error("HeyMilo API {path}: pagination cursor did not advance (`starting_after={cursor}` returned the same page); stopped to avoid an endless loop; nothing was changed")]
    CursorStuck { path: String, cursor: String },
}

impl Coded for ApiError {
    fn code(&self) -> &'static str {
        match self {
            ApiError::Unauthorized { .. } => "api_unauthorized",
            ApiError::Http { .. } => "api_http",
            ApiError::RateLimited { .. } => "api_rate_limited",
            ApiError::Transport { .. } => "api_unreachable",
            ApiError::Malformed { .. } => "api_malformed",
            ApiError::CursorStuck { .. } => "api_cursor_stuck",
            ApiError::Insecure { .. } => "api_insecure_url",
            ApiError::Redirected { .. } => "api_redirected",
            ApiError::TooManyRedirects { .. } => "api_too_many_redirects",
        }
    }
}

impl ApiError {
    /// Worth trying again later (outbox back-off) rather than failing.
    pub fn is_transient(&self) -> bool {
        match self {
            ApiError::RateLimited { .. } | ApiError::Transport { .. } => true,
            ApiError::Http { status, .. } => *status >= 500,
            _ => false,
        }
    }
}

pub type ApiResult<T> = Result<T, ApiError>;

#[derive(Debug, Clone)]
pub struct ClientConfig {
    /// Page size for list endpoints (1–100).
    pub page_limit: u32,
    /// Attempts for one request when rate limited / 5xx.
    pub max_attempts: u32,
    /// Longest single wait (Retry-After is capped to this).
    pub max_wait: Duration,
    /// First back-off when no Retry-After is given; doubles.
    pub base_wait: Duration,
    /// Whole-exchange limit of one API call (JSON; not downloads).
    pub timeout: Duration,
    /// A download (recording, résumé) fails when no byte arrives for this
    /// long; also bounds connecting and waiting for the response headers.
    /// There is no total limit.
    pub stall_timeout: Duration,
    /// Size limits shared with the import (SPEC F4): the largest JSON
    /// response accepted (`max_json_bytes`: one page of candidates, or one
    /// interview with its transcript) and the largest recording / résumé
    /// sync downloads (`max_media_bytes`). The import refuses anything
    /// larger, so sync stops at the same bound.
    pub limits: shortlist_core::import::Limits,
}

impl Default for ClientConfig {
    fn default() -> Self {
        ClientConfig {
            page_limit: 100,
            max_attempts: 5,
            max_wait: Duration::from_secs(60),
            base_wait: Duration::from_secs(1),
            timeout: Duration::from_secs(60),
            stall_timeout: Duration::from_secs(60),
            limits: shortlist_core::import::Limits::default(),
        }
    }
}

pub struct Client {
    base: String,
    key: Secret,
    /// API calls: whole-exchange time limit. Follows no redirect.
    agent: ureq::Agent,
    /// Downloads: stall limit only. Follows no redirect.
    download_agent: ureq::Agent,
    cfg: ClientConfig,
    /// Total time spent waiting on 429/5xx (for reports and tests).
    pub waited: std::cell::Cell<Duration>,
}

/// Result of fetching one interview's data.
#[derive(Debug, Clone, PartialEq)]
pub enum InterviewFetch {
    Ready(Value),
    NotReady,
}

fn retry_after(resp: &ureq::http::Response<ureq::Body>) -> Option<Duration> {
    let v = resp.headers().get("retry-after")?.to_str().ok()?.trim();
    if let Ok(secs) = v.parse::<f64>() {
        if secs.is_finite() && secs >= 0.0 {
            return Some(Duration::from_secs_f64(secs));
        }
    }
    let when = httpdate::parse_http_date(v).ok()?;
    Some(
        when.duration_since(std::time::SystemTime::now())
            .unwrap_or(Duration::ZERO),
    )
}

impl Client {
    pub fn new(base_url: &str, key: Secret, cfg: ClientConfig) -> ApiResult<Client> {
        let base = base_url.trim().trim_end_matches('/').to_string();
        if !(base.starts_with("http://") || base.starts_with("https://")) {
            return Err(ApiError::Transport {
                path: base,
                detail: "the API URL must start with http:// or https://".into(),
            });
        }
        key_may_travel_to(&base)?;
        if origin(&base).is_none() {
            return Err(ApiError::Transport {
                path: base,
                detail: "the API URL has no host".into(),
            });
        }
        let user_agent = concat!("shortlist/", env!("CARGO_PKG_VERSION"));
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .timeout_global(Some(cfg.timeout))
            .http_status_as_error(false)
            .max_redirects(0)
            .user_agent(user_agent)
            .build()
            .into();
        let stall = Some(cfg.stall_timeout);
        let download_agent: ureq::Agent = ureq::Agent::config_builder()
            .timeout_resolve(stall)
            .timeout_connect(stall)
            .timeout_per_read(stall)
            .timeout_per_write(stall)
            .http_status_as_error(false)
            .max_redirects(0)
            .user_agent(user_agent)
            .build()
            .into();
        Ok(Client {
            base,
            key,
            agent,
            download_agent,
            cfg,
            waited: std::cell::Cell::new(Duration::ZERO),
        })
    }

    pub fn base_url(&self) -> &str {
        &self.base
    }

    /// The size limits (shared with the import) this client enforces.
    pub fn limits(&self) -> &shortlist_core::import::Limits {
        &self.cfg.limits
    }

    fn wait(&self, d: Duration) {
        let d = d.min(self.cfg.max_wait);
        self.waited.set(self.waited.get() + d);
        std::thread::sleep(d);
    }

    /// One API call with bounded retries on 429/502/503/504 and transport
    /// errors. Returns the status and parsed JSON body.
    fn call(
        &self,
        method: &'static str,
        path: &str,
        query: &[(&str, String)],
        body: Option<&Value>,
    ) -> ApiResult<(u16, Value)> {
        let mut attempt = 0;
        loop {
            attempt += 1;
            let mut resp = match self.send_api(path, query, body)? {
                Ok(r) => r,
                Err(e) => {
                    if attempt < self.cfg.max_attempts && !matches!(e, ureq::Error::BadUri(_)) {
                        self.wait(self.backoff(attempt));
                        continue;
                    }
                    return Err(ApiError::Transport {
                        path: path.to_string(),
                        detail: e.to_string(),
                    });
                }
            };
            let status = resp.status().as_u16();
            if matches!(status, 429 | 502 | 503 | 504) {
                if attempt >= self.cfg.max_attempts {
                    return Err(if status == 429 {
                        ApiError::RateLimited {
                            path: path.to_string(),
                            attempts: attempt,
                        }
                    } else {
                        ApiError::Http {
                            method,
                            path: path.to_string(),
                            status,
                            code: None,
                            message: format!("server unavailable after {attempt} attempts"),
                        }
                    });
                }
                let d = retry_after(&resp).unwrap_or_else(|| self.backoff(attempt));
                self.wait(d);
                continue;
            }
            let text = resp
                .body_mut()
                .with_config()
                .limit(self.cfg.limits.max_json_bytes)
                .read_to_string()
                .map_err(|e| ApiError::Malformed {
                    path: path.to_string(),
                    detail: match e {
                        ureq::Error::BodyExceedsLimit(limit) => format!(
                            "the response is larger than the {limit}-byte limit for a JSON document (the import's limit)"
                        ),
                        e => format!("cannot read the body: {e}"),
                    },
                })?;
            let json: Option<Value> = serde_json::from_str(&text).ok();
            if status == 401 || status == 403 {
                return Err(ApiError::Unauthorized {
                    path: path.to_string(),
                });
            }
            if !(200..300).contains(&status) {
                let err = json.as_ref().and_then(|j| j.get("error"));
                let code = err
                    .and_then(|e| e.get("code"))
                    .and_then(Value::as_str)
                    .map(str::to_string);
                let message = err
                    .and_then(|e| e.get("message"))
                    .and_then(Value::as_str)
                    .map(str::to_string)
                    .or_else(|| {
                        json.as_ref()
                            .and_then(|j| j.get("detail"))
                            .map(|d| d.to_string())
                    })
                    .unwrap_or_else(|| "no error message".into());
                return Err(ApiError::Http {
                    method,
                    path: path.to_string(),
                    status,
                    code,
                    message,
                });
            }
            let json = json.ok_or_else(|| ApiError::Malformed {
                path: path.to_string(),
                detail: "the body is not JSON".into(),
            })?;
            return Ok((status, json));
        }
    }

    /// One request to the API with the key, following same-origin
    /// redirects (307/308 keep the method and body; 301/302/303 become a
    /// GET, as browsers do). A redirect to another origin is refused: the
    /// key goes nowhere but the API. `Ok(Err(_))`: transport failure
    /// (retried by the caller).
    fn send_api(
        &self,
        path: &str,
        query: &[(&str, String)],
        mut body: Option<&Value>,
    ) -> ApiResult<Result<ureq::http::Response<ureq::Body>, ureq::Error>> {
        let mut url = format!("{}{}", self.base, path);
        for hop in 0..=MAX_REDIRECTS {
            key_may_travel_to(&url)?;
            let result = match body {
                None => {
                    let mut req = self.agent.get(&url).header("X-API-KEY", self.key.expose());
                    if hop == 0 {
                        for (k, v) in query {
                            req = req.query(*k, v);
                        }
                    }
                    req.header("Accept", "application/json").call()
                }
                Some(b) => self
                    .agent
                    .post(&url)
                    .header("X-API-KEY", self.key.expose())
                    .header("Accept", "application/json")
                    .content_type("application/json")
                    .send(b.to_string()),
            };
            let resp = match result {
                Ok(r) => r,
                Err(e) => return Ok(Err(e)),
            };
            let status = resp.status().as_u16();
            let Some(next) = redirect_target(&resp, &url) else {
                return Ok(Ok(resp));
            };
            if !same_origin(&next, &self.base) {
                return Err(ApiError::Redirected {
                    path: path.to_string(),
                    base: self.base.clone(),
                    to: origin(&next).unwrap_or_else(|| strip_query(&next)),
                });
            }
            if matches!(status, 301..=303) {
                body = None;
            }
            url = next;
        }
        Err(ApiError::TooManyRedirects {
            path: path.to_string(),
        })
    }

    fn backoff(&self, attempt: u32) -> Duration {
        let exp = attempt.saturating_sub(1).min(16);
        (self.cfg.base_wait * 2u32.pow(exp)).min(self.cfg.max_wait)
    }

    fn unwrap_data(path: &str, json: Value) -> ApiResult<Value> {
        match json {
            Value::Object(mut m) if m.contains_key("data") => Ok(m.remove("data").unwrap()),
            Value::Object(m) => Ok(Value::Object(m)),
            other => Err(ApiError::Malformed {
                path: path.to_string(),
                detail: format!("expected an object, found {}", kind(&other)),
            }),
        }
    }

    /// Every item of a list endpoint, following `starting_after` cursors
    /// (`cursor_field` names the item field used as cursor).
    pub fn list_all(
        &self,
        path: &str,
        cursor_field: &str,
        mut on_page: impl FnMut(usize),
    ) -> ApiResult<Vec<Value>> {
        let mut items: Vec<Value> = Vec::new();
        let mut cursor: Option<String> = None;
        let mut seen = std::collections::HashSet::new();
        loop {
            let mut q = vec![("limit", self.cfg.page_limit.to_string())];
            if let Some(c) = &cursor {
                q.push(("starting_after", c.clone()));
            }
            let (_, json) = self.call("GET", path, &q, None)?;
            let (data, has_more) = match &json {
                Value::Array(a) => (a.clone(), false),
                Value::Object(m) => {
                    let data = match m.get("data") {
                        Some(Value::Array(a)) => a.clone(),
                        Some(other) => {
                            return Err(ApiError::Malformed {
                                path: path.to_string(),
                                detail: format!("`data` should be a list, found {}", kind(other)),
                            })
                        }
                        None => {
                            return Err(ApiError::Malformed {
                                path: path.to_string(),
                                detail: "no `data` list in the response".into(),
                            })
                        }
                    };
                    let has_more = m
                        .get("pagination")
                        .and_then(|p| p.get("has_more"))
                        .and_then(Value::as_bool)
                        .unwrap_or(false);
                    (data, has_more)
                }
                other => {
                    return Err(ApiError::Malformed {
                        path: path.to_string(),
                        detail: format!("expected a list response, found {}", kind(other)),
                    })
                }
            };
            let last = data
                .last()
                .and_then(|v| v.get(cursor_field))
                .and_then(Value::as_str)
                .map(str::to_string);
            for (i, item) in data.iter().enumerate() {
                if !item.is_object() {
                    return Err(ApiError::Malformed {
                        path: path.to_string(),
                        detail: format!("item {i} of `data` is not an object"),
                    });
                }
            }
            items.extend(data);
            on_page(items.len());
            if !has_more {
                return Ok(items);
            }
            let next = match last {
                Some(n) => n,
                None => {
                    return Err(ApiError::CursorStuck {
                        path: path.to_string(),
                        cursor: cursor.unwrap_or_default(),
                    })
                }
            };
            if cursor.as_deref() == Some(next.as_str()) || !seen.insert(next.clone()) {
                return Err(ApiError::CursorStuck {
                    path: path.to_string(),
                    cursor: next,
                });
            }
            cursor = Some(next);
        }
    }

    /// `GET /api/v2/postings`, all pages.
    pub fn postings(&self) -> ApiResult<Vec<Value>> {
        self.list_all("/api/v2/postings", "id", |_| {})
    }

    /// `GET /api/v2/postings/{id}/candidates`, all pages.
    pub fn candidates(&self, posting_id: &str) -> ApiResult<Vec<Value>> {
        self.list_all(
            &format!("/api/v2/postings/{}/candidates", enc(posting_id)),
            "interview_id",
            |_| {},
        )
    }

    /// `GET /api/v2/interviews/{id}/data`.
    pub fn interview_data(&self, interview_id: &str) -> ApiResult<InterviewFetch> {
        let path = format!("/api/v2/interviews/{}/data", enc(interview_id));
        let (_, json) = match self.call("GET", &path, &[], None) {
            Err(ApiError::Http { code: Some(c), .. }) if c == "not_ready" => {
                return Ok(InterviewFetch::NotReady)
            }
            r => r?,
        };
        let top_status = json.get("status").and_then(Value::as_str) == Some("not_ready");
        let data = Self::unwrap_data(&path, json)?;
        if top_status || data.get("status").and_then(Value::as_str) == Some("not_ready") {
            return Ok(InterviewFetch::NotReady);
        }
        if data.get("interview_id").and_then(Value::as_str).is_none() {
            return Err(ApiError::Malformed {
                path,
                detail: "interview data without `interview_id`".into(),
            });
        }
        Ok(InterviewFetch::Ready(data))
    }

    /// `POST /api/v2/ats/candidates/push` → `EnqueuePushResponse`.
    pub fn ats_push(&self, request: &Value) -> ApiResult<Value> {
        let path = "/api/v2/ats/candidates/push";
        let (_, json) = self.call("POST", path, &[], Some(request))?;
        let data = Self::unwrap_data(path, json)?;
        if data.get("status").and_then(Value::as_str).is_none() {
            return Err(ApiError::Malformed {
                path: path.into(),
                detail: "push response without `status`".into(),
            });
        }
        Ok(data)
    }

    /// `GET /api/v2/ats/candidates/push/{item_id}` → `QueueItemStatus`.
    pub fn ats_push_status(&self, item_id: &str) -> ApiResult<Value> {
        let path = format!("/api/v2/ats/candidates/push/{}", enc(item_id));
        let (_, json) = self.call("GET", &path, &[], None)?;
        let data = Self::unwrap_data(&path, json)?;
        if data.get("status").and_then(Value::as_str).is_none() {
            return Err(ApiError::Malformed {
                path,
                detail: "push status without `status`".into(),
            });
        }
        Ok(data)
    }

    /// Stream a recording. The API key is sent only while the URL is on the
    /// API's own origin (never to a signed storage URL, never after a
    /// redirect elsewhere). No total time limit: reading fails when no byte
    /// arrives for [`ClientConfig::stall_timeout`].
    pub fn download(&self, url: &str) -> ApiResult<impl Read + 'static> {
        let shown = strip_query(url);
        let mut url = url.to_string();
        for _ in 0..=MAX_REDIRECTS {
            let mut req = self.download_agent.get(&url);
            if same_origin(&url, &self.base) {
                key_may_travel_to(&url)?;
                req = req.header("X-API-KEY", self.key.expose());
            }
            let resp = req.call().map_err(|e| ApiError::Transport {
                path: shown.clone(),
                detail: stall_message(e.into_io(), self.cfg.stall_timeout).to_string(),
            })?;
            if let Some(next) = redirect_target(&resp, &url) {
                url = next;
                continue;
            }
            let status = resp.status().as_u16();
            if !(200..300).contains(&status) {
                return Err(ApiError::Http {
                    method: "GET",
                    path: shown,
                    status,
                    code: None,
                    message: "recording download failed".into(),
                });
            }
            return Ok(StallReader {
                inner: resp.into_body().into_reader(),
                stall: self.cfg.stall_timeout,
            });
        }
        Err(ApiError::TooManyRedirects { path: shown })
    }
}

/// A download's body; a read that times out says the download stalled.
struct StallReader<R> {
    inner: R,
    stall: Duration,
}

impl<R: Read> Read for StallReader<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        self.inner
            .read(buf)
            .map_err(|e| stall_message(e, self.stall))
    }
}

fn stall_message(e: std::io::Error, stall: Duration) -> std::io::Error {
    let timed_out = e.kind() == std::io::ErrorKind::TimedOut
        || e.get_ref()
            .and_then(|inner| inner.downcast_ref::<ureq::Error>())
            .is_some_and(|u| matches!(u, ureq::Error::Timeout(_)));
    if timed_out {
        std::io::Error::new(
            std::io::ErrorKind::TimedOut,
            format!(
                "no data received for {} s: the download stalled",
                stall.as_secs_f64()
            ),
        )
    } else {
        e
    }
}

/// Where a redirect response points (absolute), or `None` when `resp` is
/// not a redirect.
fn redirect_target(resp: &ureq::http::Response<ureq::Body>, from: &str) -> Option<String> {
    if !matches!(resp.status().as_u16(), 301 | 302 | 303 | 307 | 308) {
        return None;
    }
    let loc = resp.headers().get("location")?.to_str().ok()?.trim();
    Some(resolve(from, loc))
}

/// `loc` (a `Location` header) made absolute against `from`.
fn resolve(from: &str, loc: &str) -> String {
    if loc.contains("://") {
        return loc.to_string();
    }
    let scheme_end = from.find("://").map_or(0, |i| i + 3);
    if let Some(rest) = loc.strip_prefix("//") {
        return format!("{}{rest}", &from[..scheme_end]);
    }
    let path_start = from[scheme_end..]
        .find(['/', '?', '#'])
        .map_or(from.len(), |i| scheme_end + i);
    let root = &from[..path_start];
    if loc.starts_with('/') {
        return format!("{root}{loc}");
    }
    // Relative to the current path's folder.
    let path = strip_query(&from[path_start..]);
    let folder = path.rfind('/').map_or("/", |i| &path[..=i]);
    format!("{root}{folder}{loc}")
}

/// SPEC F55: the key travels over `https://`, or plain `http://` to this
/// computer only.
fn key_may_travel_to(url: &str) -> ApiResult<()> {
    let uri: ureq::http::Uri = url.parse().map_err(|e| ApiError::Transport {
        path: strip_query(url),
        detail: format!("not a valid URL: {e}"),
    })?;
    match uri.scheme_str().map(str::to_ascii_lowercase).as_deref() {
        Some("https") => Ok(()),
        Some("http") if uri.host().is_some_and(crate::is_loopback_host) => Ok(()),
        _ => Err(ApiError::Insecure {
            url: strip_query(url),
        }),
    }
}

fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

/// Percent-encode a path segment.
fn enc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// `scheme://host:port` of `url` (port made explicit), lower case; `None`
/// when it is not an absolute http(s) URL.
fn origin(url: &str) -> Option<String> {
    let uri: ureq::http::Uri = url.parse().ok()?;
    let scheme = uri.scheme_str()?.to_ascii_lowercase();
    let port = uri.port_u16().or(match scheme.as_str() {
        "https" => Some(443),
        "http" => Some(80),
        _ => None,
    })?;
    let host = uri.host()?.to_ascii_lowercase();
    Some(format!("{scheme}://{host}:{port}"))
}

fn same_origin(a: &str, b: &str) -> bool {
    matches!((origin(a), origin(b)), (Some(x), Some(y)) if x == y)
}

/// Signed URLs carry credentials in the query: never show them.
pub fn strip_query(url: &str) -> String {
    url.split(['?', '#']).next().unwrap_or(url).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn origins_and_encoding() {
        assert!(same_origin("http://127.0.0.1:5/a/b", "http://127.0.0.1:5"));
        assert!(!same_origin(
            "https://s3.example/x",
            "https://api.heymilo.ai"
        ));
        assert!(same_origin(
            "https://API.heymilo.ai/x",
            "https://api.heymilo.ai:443"
        ));
        assert!(!same_origin(
            "http://api.heymilo.ai/x",
            "https://api.heymilo.ai"
        ));
        assert!(!same_origin(
            "https://api.heymilo.ai@evil.test/x",
            "https://api.heymilo.ai"
        ));
        assert!(!same_origin("http://127.0.0.1:6/a", "http://127.0.0.1:5"));
        assert_eq!(enc("a b/c"), "a%20b%2Fc");
        assert_eq!(strip_query("https://x/y.mp4?sig=1"), "https://x/y.mp4");
    }

    #[test]
    fn redirect_locations_resolve() {
        let from = "https://a.test/api/v2/x?limit=1";
        assert_eq!(resolve(from, "https://b.test/y"), "https://b.test/y");
        assert_eq!(resolve(from, "//c.test/z"), "https://c.test/z");
        assert_eq!(resolve(from, "/v3/x"), "https://a.test/v3/x");
        assert_eq!(resolve(from, "y?q=2"), "https://a.test/api/v2/y?q=2");
        assert_eq!(resolve("http://h:1", "/p"), "http://h:1/p");
    }

    #[test]
    fn key_travels_over_https_or_to_loopback_only() {
        for ok in [
            "https://api.heymilo.ai",
            "http://127.0.0.1:8080/a",
            "http://127.9.9.9/",
            "http://localhost:1",
            "http://[::1]:5/x",
        ] {
            assert!(key_may_travel_to(ok).is_ok(), "{ok}");
        }
        for bad in [
            "http://api.heymilo.ai",
            "http://10.0.0.1/",
            "http://127.0.0.1.evil.test/",
            "http://localhost@evil.test/",
            "ftp://127.0.0.1/",
        ] {
            let e = key_may_travel_to(bad).unwrap_err();
            assert!(matches!(e, ApiError::Insecure { .. }), "{bad}: {e}");
            assert!(e.to_string().contains("http"), "{e}");
        }
    }
}
