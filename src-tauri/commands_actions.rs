//! Reviewer actions from the UI (issue 5): cohorts, pinned notes, nudge /
//! blast / retake / ATS into the outbox, the outbox itself, enrich, Find
//! Other Jobs, Cross-Agent checks, notifications. Each command is one call
//! into `shortlist_core::actions`, off the UI thread.

use shortlist_core::actions::cohorts::{self, Cohort, CohortChange};
use shortlist_core::actions::cross_agent::{self, CrossAgentReport};
use shortlist_core::actions::enrich::{self, Enrichment};
use shortlist_core::actions::find_jobs::{self, FindJobsResult};
use shortlist_core::actions::messages::{self, QueueOptions, QueueReport, RetakeGrant};
use shortlist_core::actions::notes::{self, Note};
use shortlist_core::actions::notifications::{self, Notifications};
use shortlist_core::actions::outbox::{self, OutboxItem};
use shortlist_delivery::secrets::{self, Secret};
use shortlist_delivery::smtp::{self, SmtpOverrides};
use shortlist_delivery::DeliveryReport;
use tauri::State;

use crate::commands::with_ws;
use crate::error::{IpcError, IpcResult};
use crate::AppState;

pub const COMMANDS: &[&str] = &[
    "list_cohorts",
    "create_cohort",
    "add_to_cohort",
    "remove_from_cohort",
    "list_notes",
    "add_note",
    "delete_note",
    "nudge",
    "blast",
    "allow_retake",
    "queue_ats",
    "outbox_list",
    "outbox_retry",
    "outbox_cancel",
    "enrich",
    "find_other_jobs",
    "cross_agent",
    "list_notifications",
    "mark_notifications_read",
    "outbox_send",
];

fn some(ids: &[String]) -> IpcResult<()> {
    if ids.is_empty() {
        Err(IpcError::new("invalid_argument", "no candidate selected"))
    } else {
        Ok(())
    }
}

fn opts(request_id: Option<String>) -> QueueOptions {
    QueueOptions { request_id }
}

#[tauri::command]
pub async fn list_cohorts(state: State<'_, AppState>) -> IpcResult<Vec<Cohort>> {
    with_ws(&state, |ws| Ok(cohorts::list_cohorts(ws)?)).await
}

#[tauri::command]
pub async fn create_cohort(state: State<'_, AppState>, name: String) -> IpcResult<Cohort> {
    with_ws(&state, move |ws| Ok(cohorts::create_cohort(ws, &name)?)).await
}

#[tauri::command]
pub async fn add_to_cohort(
    state: State<'_, AppState>,
    name: String,
    interview_ids: Vec<String>,
) -> IpcResult<CohortChange> {
    some(&interview_ids)?;
    with_ws(&state, move |ws| {
        Ok(cohorts::add_to_cohort(ws, &name, &interview_ids)?)
    })
    .await
}

#[tauri::command]
pub async fn remove_from_cohort(
    state: State<'_, AppState>,
    name: String,
    interview_ids: Vec<String>,
) -> IpcResult<CohortChange> {
    some(&interview_ids)?;
    with_ws(&state, move |ws| {
        Ok(cohorts::remove_from_cohort(ws, &name, &interview_ids)?)
    })
    .await
}

#[tauri::command]
pub async fn list_notes(state: State<'_, AppState>, interview_id: String) -> IpcResult<Vec<Note>> {
    with_ws(&state, move |ws| Ok(notes::list_notes(ws, &interview_id)?)).await
}

#[tauri::command]
pub async fn add_note(
    state: State<'_, AppState>,
    interview_id: String,
    at_seconds: Option<f64>,
    text: String,
) -> IpcResult<Note> {
    with_ws(&state, move |ws| {
        Ok(notes::add_note(ws, &interview_id, at_seconds, &text)?)
    })
    .await
}

#[tauri::command]
pub async fn delete_note(state: State<'_, AppState>, note_id: i64) -> IpcResult<()> {
    with_ws(&state, move |ws| Ok(notes::delete_note(ws, note_id)?)).await
}

#[tauri::command]
pub async fn nudge(
    state: State<'_, AppState>,
    interview_ids: Vec<String>,
    request_id: Option<String>,
) -> IpcResult<QueueReport> {
    some(&interview_ids)?;
    with_ws(&state, move |ws| {
        Ok(messages::nudge(
            ws,
            &interview_ids,
            None,
            &opts(request_id),
        )?)
    })
    .await
}

#[tauri::command]
pub async fn blast(
    state: State<'_, AppState>,
    interview_ids: Vec<String>,
    subject: String,
    body: String,
    request_id: Option<String>,
) -> IpcResult<QueueReport> {
    some(&interview_ids)?;
    with_ws(&state, move |ws| {
        Ok(messages::blast(
            ws,
            &interview_ids,
            &subject,
            &body,
            &opts(request_id),
        )?)
    })
    .await
}

#[tauri::command]
pub async fn allow_retake(
    state: State<'_, AppState>,
    interview_ids: Vec<String>,
    force: bool,
    request_id: Option<String>,
) -> IpcResult<Vec<RetakeGrant>> {
    some(&interview_ids)?;
    with_ws(&state, move |ws| {
        Ok(messages::allow_retake(
            ws,
            &interview_ids,
            force,
            &opts(request_id),
        )?)
    })
    .await
}

#[tauri::command]
pub async fn queue_ats(
    state: State<'_, AppState>,
    interview_ids: Vec<String>,
    ats_name: String,
    request_id: Option<String>,
) -> IpcResult<QueueReport> {
    some(&interview_ids)?;
    with_ws(&state, move |ws| {
        Ok(messages::queue_ats_push(
            ws,
            &interview_ids,
            &ats_name,
            true,
            &opts(request_id),
        )?)
    })
    .await
}

#[tauri::command]
pub async fn outbox_list(state: State<'_, AppState>) -> IpcResult<Vec<OutboxItem>> {
    with_ws(&state, |ws| Ok(outbox::list(ws, None)?)).await
}

#[tauri::command]
pub async fn outbox_retry(state: State<'_, AppState>, ids: Vec<i64>) -> IpcResult<Vec<OutboxItem>> {
    with_ws(&state, move |ws| Ok(outbox::retry(ws, &ids)?)).await
}

#[tauri::command]
pub async fn outbox_cancel(
    state: State<'_, AppState>,
    ids: Vec<i64>,
) -> IpcResult<Vec<OutboxItem>> {
    with_ws(&state, move |ws| Ok(outbox::cancel(ws, &ids)?)).await
}

#[tauri::command]
pub async fn enrich(
    state: State<'_, AppState>,
    interview_ids: Vec<String>,
) -> IpcResult<Vec<Enrichment>> {
    some(&interview_ids)?;
    with_ws(&state, move |ws| Ok(enrich::enrich(ws, &interview_ids)?)).await
}

#[tauri::command]
pub async fn find_other_jobs(
    state: State<'_, AppState>,
    interview_id: String,
) -> IpcResult<FindJobsResult> {
    with_ws(&state, move |ws| {
        Ok(find_jobs::find_other_jobs(ws, &interview_id)?)
    })
    .await
}

/// Cross-Agent checks; calling it again is Retry Analysis.
#[tauri::command]
pub async fn cross_agent(
    state: State<'_, AppState>,
    interview_id: String,
) -> IpcResult<CrossAgentReport> {
    with_ws(&state, move |ws| {
        Ok(cross_agent::cross_agent(ws, &interview_id)?)
    })
    .await
}

#[tauri::command]
pub async fn list_notifications(state: State<'_, AppState>) -> IpcResult<Notifications> {
    with_ws(&state, |ws| {
        Ok(notifications::list(ws, shortlist_core::store::now())?)
    })
    .await
}

/// Mark some notifications read (`keys`), or all when `keys` is empty.
#[tauri::command]
pub async fn mark_notifications_read(
    state: State<'_, AppState>,
    keys: Vec<String>,
) -> IpcResult<usize> {
    with_ws(&state, move |ws| {
        let at = shortlist_core::store::now();
        Ok(if keys.is_empty() {
            notifications::mark_all_read(ws, at)?
        } else {
            notifications::mark_read(ws, &keys, at)?
        })
    })
    .await
}

/// Send now: deliver due mail over SMTP. The form's fields are saved as the
/// workspace's `smtp.*` settings; a password typed in the form goes to the
/// OS keychain (when `remember`) and is never written to the workspace.
#[tauri::command]
pub async fn outbox_send(
    state: State<'_, AppState>,
    smtp_settings: SmtpOverrides,
    password: Option<String>,
    remember: bool,
) -> IpcResult<DeliveryReport> {
    with_ws(&state, move |ws| {
        let o = &smtp_settings;
        let port = o.port.map(|p| p.to_string());
        for (key, value) in [
            ("smtp.host", o.host.as_deref()),
            ("smtp.port", port.as_deref()),
            ("smtp.security", o.security.as_deref()),
            ("smtp.user", o.user.as_deref()),
            ("smtp.from", o.from.as_deref()),
            ("smtp.from_name", o.from_name.as_deref()),
        ] {
            if let Some(v) = value.map(str::trim).filter(|v| !v.is_empty()) {
                shortlist_core::actions::set_setting(ws, key, v)?;
            }
        }
        let password = password.filter(|p| !p.is_empty()).map(Secret::new);
        if let (Some(pw), true, Some(host), Some(user)) =
            (&password, remember, o.host.as_deref(), o.user.as_deref())
        {
            secrets::keychain_set(&secrets::smtp_account(host, user), pw)
                .map_err(shortlist_delivery::DeliveryError::from)?;
        }
        let cfg = smtp::config_from_settings(ws, &SmtpOverrides::default(), password)?;
        Ok(smtp::send_outbox(
            ws,
            &cfg,
            &outbox::RetryPolicy::default(),
        )?)
    })
    .await
}
