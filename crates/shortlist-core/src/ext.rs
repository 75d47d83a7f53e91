//! Shortlist's own documented extension shapes for what HeyMilo's product
//! shows but its public API does not return (SPEC F2, F4 `extensions/`).
//!
//! A bundle may carry `extensions/<id>.json`; the object is an
//! [`InterviewExtension`] when it has `interview_id`, a [`PostingExtension`]
//! when it has `posting_id` (and no `interview_id`). Every field is optional;
//! documented in `docs/bundle-format.md`.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PostingExtension {
    pub posting_id: String,
    #[serde(default)]
    pub budget: Option<f64>,
    #[serde(default)]
    pub spend: Option<f64>,
    /// ISO 4217 code for budget and spend, default `USD`.
    #[serde(default)]
    pub currency: Option<String>,
    /// E-mail addresses subscribed to the interviewer's notifications.
    #[serde(default)]
    pub subscribers: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct InterviewExtension {
    pub interview_id: String,
    #[serde(default)]
    pub diagnostics: Option<Diagnostics>,
    #[serde(default)]
    pub evaluation_modules: Vec<EvaluationModule>,
    #[serde(default)]
    pub cross_agent_signals: Vec<CrossAgentSignal>,
    #[serde(default)]
    pub resume_questions: Vec<ResumeQuestion>,
}

/// F25 Diagnostics: "how did the candidate complete the interview".
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Diagnostics {
    /// 0–100 candidate-experience score.
    #[serde(default)]
    pub experience_score: Option<f64>,
    /// e.g. `excellent`, `good`, `fair`, `poor`.
    #[serde(default)]
    pub experience_label: Option<String>,
    /// AI analysis bullets.
    #[serde(default)]
    pub analysis: Vec<String>,
    #[serde(default)]
    pub visits: Vec<Visit>,
    #[serde(default)]
    pub metrics: Option<ExperienceMetrics>,
    #[serde(default)]
    pub connectivity: Vec<ConnectivitySample>,
    #[serde(default)]
    pub location: Option<SessionLocation>,
    #[serde(default)]
    pub vpn_detected: Option<bool>,
    #[serde(default)]
    pub session_replay: Option<SessionReplay>,
    #[serde(default)]
    pub identity_checks: Vec<IdentityCheck>,
    #[serde(default)]
    pub ip_address: Option<String>,
    #[serde(default)]
    pub processing_times: Vec<ProcessingTime>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Visit {
    /// `completed`, `in_progress`, `abandoned`.
    pub status: String,
    /// Unix seconds.
    #[serde(default)]
    pub started_at: Option<f64>,
    #[serde(default)]
    pub duration_seconds: Option<f64>,
    #[serde(default)]
    pub browser: Option<String>,
    #[serde(default)]
    pub os: Option<String>,
}

/// Each 0–100, higher is better.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ExperienceMetrics {
    #[serde(default)]
    pub journey_completion: Option<f64>,
    #[serde(default)]
    pub error_impact: Option<f64>,
    #[serde(default)]
    pub frustration_signals: Option<f64>,
    #[serde(default)]
    pub connectivity_quality: Option<f64>,
    #[serde(default)]
    pub time_to_start: Option<f64>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ConnectivitySample {
    /// Seconds from the start of the interview.
    pub t: f64,
    #[serde(default)]
    pub rtt_ms: Option<f64>,
    #[serde(default)]
    pub jitter_ms: Option<f64>,
    #[serde(default)]
    pub packet_loss_pct: Option<f64>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SessionLocation {
    #[serde(default)]
    pub city: Option<String>,
    /// ISO 3166-1 alpha-2.
    #[serde(default)]
    pub country: Option<String>,
    /// IANA zone, e.g. `Europe/Lisbon`.
    #[serde(default)]
    pub timezone: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SessionReplay {
    #[serde(default)]
    pub available: bool,
    /// Screen-interaction events: `{t, kind, detail}`; sensitive input already filtered.
    #[serde(default)]
    pub events: Vec<ReplayEvent>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ReplayEvent {
    pub t: f64,
    pub kind: String,
    #[serde(default)]
    pub detail: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct IdentityCheck {
    /// e.g. `Email Verification`, `Network (IP)`.
    pub check: String,
    /// `passed`, `warning`, `failed`.
    pub status: String,
    #[serde(default)]
    pub detail: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ProcessingTime {
    /// e.g. `Scorecard`, `English Proficiency`, `Cheat Detection`.
    pub evaluator: String,
    pub seconds: f64,
}

/// Modular layout's Evaluations tab: salary, notice period, integrity confirmations…
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct EvaluationModule {
    pub id: String,
    pub title: String,
    /// `pass`, `fail`, `info`.
    #[serde(default)]
    pub status: Option<String>,
    /// Short answer, e.g. "€2,100 / month" or "2 weeks".
    #[serde(default)]
    pub answer: Option<String>,
    #[serde(default)]
    pub details: Vec<String>,
}

/// Cross-Agent Intelligence: where résumé and interview disagree. Never auto-rejects.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CrossAgentSignal {
    /// `dates`, `titles`, `employers`, `skills`, `claims`.
    pub topic: String,
    pub resume_claim: String,
    pub interview_quote: String,
    /// Seconds into the interview where the quote is.
    #[serde(default)]
    pub timestamp: Option<f64>,
    /// `low`, `medium`, `high`.
    #[serde(default)]
    pub severity: Option<String>,
}

/// Résumé-derived questions: Upfront / Deferred / Not Asked.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ResumeQuestion {
    pub question: String,
    /// `upfront` or `deferred`.
    pub timing: String,
    #[serde(default)]
    pub asked: bool,
    #[serde(default)]
    pub asked_at: Option<f64>,
}
