//! Shortlist delivery: the network side of the outbox and of sync.
//!
//! * [`smtp`]: delivers queued mail items over SMTP with lettre (STARTTLS,
//!   implicit TLS or plain; rustls, no OpenSSL), with back-off and crash
//!   recovery driven by `shortlist_core::actions::outbox`.
//! * [`eml`]: writes queued mail as `.eml` files for sending by hand.
//! * [`heymilo`]: blocking client for HeyMilo's public API (ureq + rustls):
//!   `X-API-KEY`, cursor pagination, 429 back-off, `not_ready`.
//! * [`sync`]: pulls what changed (interviewers, candidates, interview data
//!   and recordings) into a resumable staging bundle and merges it through
//!   the importer.
//! * [`ats`]: delivers queued ATS pushes and polls their status.
//! * [`secrets`]: SMTP passwords and API keys from a flag, the environment or
//!   the OS keychain; never stored in the workspace, never logged.
//!
//! Nothing here prints or logs message contents, addresses or keys.

pub mod ats;
pub mod eml;
pub mod heymilo;
pub mod secrets;
pub mod smtp;
pub mod sync;

use std::path::PathBuf;

use shortlist_core::actions::ActionError;
use shortlist_core::Coded;

#[derive(Debug, thiserror::Error)]
pub enum DeliveryError {
    #[error(transparent)]
    Action(#[from] ActionError),
    #[error("SMTP settings: {0}")]
    SmtpConfig(String),
    #[error("no sender address: pass --from ADDRESS or set it once with `settings set smtp.from ADDRESS`")]
    NoFrom,
    #[error("sender address `{address}` is not valid: {reason}")]
    BadFrom { address: String, reason: String },
    #[error(transparent)]
    Secret(#[from] secrets::SecretError),
    #[error(transparent)]
    Api(#[from] heymilo::ApiError),
    #[error(transparent)]
    Import(#[from] shortlist_core::import::ImportError),
    #[error("sync cancelled: nothing was written to the workspace; what was already fetched is kept in the workspace's `sync-staging` folder and the next sync continues from there")]
    Cancelled,
    #[error("another sync of this workspace is running (it holds {}); wait for it to finish, then try again", .path.join("lock").display())]
    SyncRunning { path: PathBuf },
    #[error("cannot write {path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

impl Coded for DeliveryError {
    fn code(&self) -> &'static str {
        match self {
            DeliveryError::Action(e) => e.code(),
            DeliveryError::SmtpConfig(_) => "smtp_config",
            DeliveryError::NoFrom => "smtp_no_from",
            DeliveryError::BadFrom { .. } => "smtp_bad_from",
            DeliveryError::Secret(e) => e.code(),
            DeliveryError::Api(e) => e.code(),
            DeliveryError::Import(e) => e.code(),
            DeliveryError::Cancelled => "sync_cancelled",
            DeliveryError::SyncRunning { .. } => "sync_running",
            DeliveryError::Io { .. } => "io",
        }
    }
}

pub type DeliveryResult<T> = Result<T, DeliveryError>;

/// Is `host` (a name or an IP address, IPv6 with or without brackets) this
/// computer: `localhost`, 127.0.0.0/8 or ::1? Credentials may travel
/// without TLS only there (SPEC F55).
pub fn is_loopback_host(host: &str) -> bool {
    let h = host.trim().trim_end_matches('.');
    let h = h
        .strip_prefix('[')
        .and_then(|h| h.strip_suffix(']'))
        .unwrap_or(h);
    if h.eq_ignore_ascii_case("localhost") || h.to_ascii_lowercase().ends_with(".localhost") {
        return true;
    }
    match h.parse::<std::net::IpAddr>() {
        Ok(std::net::IpAddr::V4(a)) => a.is_loopback(),
        Ok(std::net::IpAddr::V6(a)) => {
            a.is_loopback() || a.to_ipv4_mapped().is_some_and(|v4| v4.is_loopback())
        }
        Err(_) => false,
    }
}

/// What one delivery run did to one outbox item.
#[derive(Debug, Clone, serde::Serialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ItemResult {
    pub outbox_id: i64,
    pub interview_id: String,
    /// `sent`, `queued` (will retry) or `failed`.
    pub status: String,
    pub attempts: i64,
    pub next_attempt_at: Option<f64>,
    pub error: Option<String>,
}

/// What one delivery run did.
#[derive(Debug, Clone, Default, serde::Serialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DeliveryReport {
    /// Items found interrupted in `sending` and queued again.
    pub recovered: Vec<i64>,
    pub items: Vec<ItemResult>,
}

impl DeliveryReport {
    pub fn count(&self, status: &str) -> usize {
        self.items.iter().filter(|i| i.status == status).count()
    }
}

pub(crate) fn item_result(item: &shortlist_core::actions::outbox::OutboxItem) -> ItemResult {
    use shortlist_core::actions::outbox::OutboxStatus;
    ItemResult {
        outbox_id: item.id,
        interview_id: item.interview_id.clone(),
        status: item.status.as_str().to_string(),
        attempts: item.attempts,
        next_attempt_at: (item.status == OutboxStatus::Queued).then_some(item.next_attempt_at),
        error: item.last_error.clone(),
    }
}
