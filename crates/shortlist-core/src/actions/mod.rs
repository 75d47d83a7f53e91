//! Reviewer actions (SPEC F12, F21–F24, F40–F41, F51): cohorts, pinned
//! notes, the outbox (nudge, blast, allow retake, ATS push), message
//! templates, enrich, find other jobs, cross-agent checks, notifications.
//!
//! Rules every action here follows:
//! * one `BEGIN IMMEDIATE` transaction per user action: the reviewer-data
//!   change, its outbox rows and its audit entries commit together or not at
//!   all;
//! * only reviewer tables are written (`cohorts`, `cohort_members`, `notes`,
//!   `outbox`, `retake_grants`, `enrichment`, `notification_reads`,
//!   `settings`, `audit`); imported tables are read, never written;
//! * audit entries carry ids only (interview id, cohort id, outbox id), never
//!   names, e-mail addresses or text;
//! * a selection is validated as a whole before anything is written: an
//!   unknown id or an invalid address refuses the action and writes nothing.
//!
//! Delivery (SMTP, HeyMilo API) lives in the `shortlist-delivery` crate; it
//! drives the outbox through [`outbox::claim_due`] and [`outbox::complete`].

pub mod cohorts;
pub mod cross_agent;
pub mod decisions;
pub mod enrich;
pub mod erase;
pub mod find_jobs;
pub mod messages;
pub mod notes;
pub mod notifications;
pub mod outbox;
pub mod panel;
pub mod resume;
pub mod retention;
pub mod subscribers;
pub mod team;
mod team_log;
pub mod templates;
mod text;

use rusqlite::{Connection, OptionalExtension, Transaction, TransactionBehavior};
use serde::Serialize;

use crate::error::{Coded, StoreError};
use crate::store::Workspace;

#[derive(Debug, thiserror::Error)]
pub enum ActionError {
    #[error("no candidate with interview id `{0}` in this workspace; check the id with `shortlist list`")]
    NoSuchInterview(String),
    #[error("no cohort named `{0}`; create it first with `cohort create`")]
    NoSuchCohort(String),
    #[error("a cohort named `{0}` already exists; pick another name")]
    CohortExists(String),
    #[error("no outbox item #{0}; see `outbox list`")]
    NoSuchOutboxItem(i64),
    #[error("no note #{0}")]
    NoSuchNote(i64),
    #[error("invalid e-mail address for {}; fix the address (or leave these candidates out) and try again; nothing was queued", .0.iter().map(|b| format!("`{}` (`{}`: {})", b.interview_id, b.address, b.reason)).collect::<Vec<_>>().join(", "))]
    InvalidEmail(Vec<BadAddress>),
    #[error("template {field}: {message}")]
    Template { field: String, message: String },
    #[error("candidate `{interview_id}` already had {used} retake(s) and the interviewer allows {max}; pass --force to override the retake policy")]
    RetakeLimit {
        interview_id: String,
        used: i64,
        max: i64,
    },
    #[error("outbox item #{id} is {status}; only failed or queued items can be retried")]
    NotRetryable { id: i64, status: String },
    #[error("{0}")]
    Invalid(String),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
}

/// One refused address (shown to the reviewer, never logged or audited).
#[derive(Debug, Clone, Serialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct BadAddress {
    pub interview_id: String,
    pub address: String,
    pub reason: String,
}

impl Coded for ActionError {
    fn code(&self) -> &'static str {
        match self {
            ActionError::NoSuchInterview(_) => "not_found_interview",
            ActionError::NoSuchCohort(_) => "not_found_cohort",
            ActionError::CohortExists(_) => "cohort_exists",
            ActionError::NoSuchOutboxItem(_) => "not_found_outbox_item",
            ActionError::NoSuchNote(_) => "not_found_note",
            ActionError::InvalidEmail(_) => "invalid_email",
            ActionError::Template { .. } => "template_invalid",
            ActionError::RetakeLimit { .. } => "retake_limit",
            ActionError::NotRetryable { .. } => "outbox_not_retryable",
            ActionError::Invalid(_) => "invalid_argument",
            ActionError::Store(e) => e.code(),
            ActionError::Sqlite(_) => "database",
        }
    }
}

pub type ActionResult<T> = Result<T, ActionError>;

/// Start the single write transaction of one user action.
pub(crate) fn begin(conn: &mut Connection) -> ActionResult<Transaction<'_>> {
    Ok(conn.transaction_with_behavior(TransactionBehavior::Immediate)?)
}

/// What the actions need to know about one candidate (read from imported
/// tables).
#[derive(Debug, Clone, Serialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CandidateRef {
    pub interview_id: String,
    pub posting_id: String,
    pub candidate_id: Option<String>,
    pub name: String,
    pub email: String,
    pub phone: Option<String>,
    pub location: Option<String>,
    pub country: Option<String>,
    pub interview_url: Option<String>,
    pub imported_status: String,
    pub job_title: String,
    pub interviewer_name: Option<String>,
    pub max_retakes: Option<i64>,
}

pub(crate) fn candidate_ref(conn: &Connection, interview_id: &str) -> ActionResult<CandidateRef> {
    conn.query_row(
        "SELECT c.interview_id, c.posting_id, c.candidate_id, c.name, c.email, c.phone,
                c.location, c.country, c.interview_url, c.imported_status,
                p.title, p.interviewer_name, p.max_retakes
         FROM candidates c JOIN postings p ON p.id = c.posting_id
         WHERE c.interview_id = ?1",
        [interview_id],
        |r| {
            Ok(CandidateRef {
                interview_id: r.get(0)?,
                posting_id: r.get(1)?,
                candidate_id: r.get(2)?,
                name: r.get(3)?,
                email: r.get(4)?,
                phone: r.get(5)?,
                location: r.get(6)?,
                country: r.get(7)?,
                interview_url: r.get(8)?,
                imported_status: r.get(9)?,
                job_title: r.get(10)?,
                interviewer_name: r.get(11)?,
                max_retakes: r.get(12)?,
            })
        },
    )
    .optional()?
    .ok_or_else(|| ActionError::NoSuchInterview(interview_id.to_string()))
}

/// Resolve a selection; the first unknown id refuses the whole action.
/// Duplicates are dropped, order kept.
pub(crate) fn candidate_refs(conn: &Connection, ids: &[String]) -> ActionResult<Vec<CandidateRef>> {
    if ids.is_empty() {
        return Err(ActionError::Invalid(
            "no candidate selected; give at least one interview id".into(),
        ));
    }
    let mut seen = std::collections::HashSet::new();
    let mut out = Vec::with_capacity(ids.len());
    for id in ids {
        if seen.insert(id.as_str()) {
            out.push(candidate_ref(conn, id)?);
        }
    }
    Ok(out)
}

/// Public read of one candidate's action-relevant fields (for the UI/CLI).
pub fn candidate(ws: &Workspace, interview_id: &str) -> ActionResult<CandidateRef> {
    candidate_ref(&ws.reader(), interview_id)
}

pub(crate) fn get_setting(conn: &Connection, key: &str) -> ActionResult<Option<String>> {
    Ok(conn
        .query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| {
            r.get(0)
        })
        .optional()?)
}

/// Read a workspace setting (reviewer data).
pub fn setting(ws: &Workspace, key: &str) -> ActionResult<Option<String>> {
    get_setting(&ws.reader(), key)
}

/// Write a workspace setting. Never use for secrets (those live in the OS
/// keychain, see `shortlist-delivery::secrets`).
pub fn set_setting(ws: &Workspace, key: &str, value: &str) -> ActionResult<()> {
    let lower = key.to_ascii_lowercase();
    if lower.contains("password") || lower.contains("api_key") || lower.contains("secret") {
        return Err(ActionError::Invalid(format!(
            "setting `{key}` looks like a secret; secrets go in the OS keychain, not the workspace"
        )));
    }
    let mut conn = ws.writer();
    let tx = begin(&mut conn)?;
    tx.execute(
        "INSERT INTO settings (key, value) VALUES (?1, ?2)
         ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        [key, value],
    )?;
    crate::audit::append(&tx, "settings.set", Some(key))?;
    tx.commit()?;
    Ok(())
}

/// Append one audit entry in its own transaction, for actions whose data
/// lives outside the database (an export written to disk, a sync run).
/// `entity` must be ids only.
pub fn record(ws: &Workspace, action: &str, entity: Option<&str>) -> ActionResult<()> {
    let mut conn = ws.writer();
    let tx = begin(&mut conn)?;
    crate::audit::append(&tx, action, entity)?;
    tx.commit()?;
    Ok(())
}

#[cfg(test)]
mod tests;
