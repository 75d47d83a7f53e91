//! Reviewer actions from the UI (issue 5): cohorts, pinned notes, nudge /
//! blast / retake / ATS into the outbox, the outbox itself, enrich, Find
//! Other Jobs, Cross-Agent checks. Each command is one call into
//! `shortlist_core::actions`, off the UI thread.

use shortlist_core::actions::cohorts::{self, Cohort, CohortChange};
use shortlist_core::actions::cross_agent::{self, CrossAgentReport};
use shortlist_core::actions::enrich::{self, Enrichment};
use shortlist_core::actions::find_jobs::{self, FindJobsResult};
use shortlist_core::actions::messages::{
    self, MessagePreview, QueueOptions, QueueReport, RetakeGrant,
};
use shortlist_core::actions::notes::{self, Note};
use shortlist_core::actions::outbox::{self, OutboxItem};
use shortlist_core::actions::subscribers::{self, Subscriber};
use shortlist_core::actions::templates::{self, MessageTemplate};
use shortlist_core::review::{self, Matching, Selection};
use tauri::State;

use crate::error::IpcResult;
use crate::state::{core, on_selection, AppState};

fn opts(request_id: Option<String>) -> QueueOptions {
    QueueOptions { request_id }
}

/// How many candidates "Select all N matching" would act on.
#[tauri::command]
pub async fn selection_count(state: State<'_, AppState>, matching: Matching) -> IpcResult<u64> {
    core(&state, move |ws| {
        review::selection_count(ws, &Selection::Matching(&matching)).map(|n| n as u64)
    })
    .await
}

#[tauri::command]
pub async fn list_cohorts(state: State<'_, AppState>) -> IpcResult<Vec<Cohort>> {
    core(&state, cohorts::list_cohorts).await
}

#[tauri::command]
pub async fn create_cohort(state: State<'_, AppState>, name: String) -> IpcResult<Cohort> {
    core(&state, move |ws| cohorts::create_cohort(ws, &name)).await
}

#[tauri::command]
pub async fn add_to_cohort(
    state: State<'_, AppState>,
    name: String,
    interview_ids: Vec<String>,
    matching: Option<Matching>,
) -> IpcResult<CohortChange> {
    on_selection(&state, interview_ids, matching, move |ws, ids| {
        cohorts::add_to_cohort(ws, &name, ids)
    })
    .await
}

#[tauri::command]
pub async fn remove_from_cohort(
    state: State<'_, AppState>,
    name: String,
    interview_ids: Vec<String>,
    matching: Option<Matching>,
) -> IpcResult<CohortChange> {
    on_selection(&state, interview_ids, matching, move |ws, ids| {
        cohorts::remove_from_cohort(ws, &name, ids)
    })
    .await
}

#[tauri::command]
pub async fn list_notes(state: State<'_, AppState>, interview_id: String) -> IpcResult<Vec<Note>> {
    core(&state, move |ws| notes::list_notes(ws, &interview_id)).await
}

#[tauri::command]
pub async fn add_note(
    state: State<'_, AppState>,
    interview_id: String,
    at_seconds: Option<f64>,
    text: String,
) -> IpcResult<Note> {
    core(&state, move |ws| {
        notes::add_note(ws, &interview_id, at_seconds, &text)
    })
    .await
}

/// Edit a note's text; with a team, editing a note in conflict (F74)
/// resolves it to this text everywhere.
#[tauri::command]
pub async fn edit_note(state: State<'_, AppState>, note_id: i64, text: String) -> IpcResult<Note> {
    core(&state, move |ws| notes::edit_note(ws, note_id, &text)).await
}

#[tauri::command]
pub async fn delete_note(state: State<'_, AppState>, note_id: i64) -> IpcResult<()> {
    core(&state, move |ws| notes::delete_note(ws, note_id)).await
}

#[tauri::command]
pub async fn nudge(
    state: State<'_, AppState>,
    interview_ids: Vec<String>,
    request_id: Option<String>,
    matching: Option<Matching>,
    template: Option<MessageTemplate>,
) -> IpcResult<QueueReport> {
    on_selection(&state, interview_ids, matching, move |ws, ids| {
        messages::nudge(ws, ids, template.as_ref(), &opts(request_id))
    })
    .await
}

/// The workspace's saved template for `kind` (`nudge`, `blast`, `retake`),
/// or the built-in one.
#[tauri::command]
pub async fn message_template(
    state: State<'_, AppState>,
    kind: String,
) -> IpcResult<MessageTemplate> {
    core(&state, move |ws| templates::template(ws, &kind)).await
}

/// Save `template` for reuse as the workspace's `kind` template (refused,
/// naming the problem, when it would not render).
#[tauri::command]
pub async fn save_message_template(
    state: State<'_, AppState>,
    kind: String,
    template: MessageTemplate,
) -> IpcResult<()> {
    core(&state, move |ws| {
        templates::set_template(ws, &kind, &template)
    })
    .await
}

/// A draft rendered for one candidate as `kind` (`nudge`, `blast`) would
/// queue it, with every problem of the draft; queues nothing.
#[tauri::command]
pub async fn preview_message(
    state: State<'_, AppState>,
    kind: String,
    interview_id: String,
    template: MessageTemplate,
) -> IpcResult<MessagePreview> {
    core(&state, move |ws| {
        messages::preview(ws, &kind, &interview_id, &template)
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
    matching: Option<Matching>,
) -> IpcResult<QueueReport> {
    on_selection(&state, interview_ids, matching, move |ws, ids| {
        messages::blast(ws, ids, &subject, &body, &opts(request_id))
    })
    .await
}

#[tauri::command]
pub async fn allow_retake(
    state: State<'_, AppState>,
    interview_ids: Vec<String>,
    force: bool,
    request_id: Option<String>,
    matching: Option<Matching>,
) -> IpcResult<Vec<RetakeGrant>> {
    on_selection(&state, interview_ids, matching, move |ws, ids| {
        messages::allow_retake(ws, ids, force, &opts(request_id))
    })
    .await
}

#[tauri::command]
pub async fn queue_ats(
    state: State<'_, AppState>,
    interview_ids: Vec<String>,
    ats_name: String,
    request_id: Option<String>,
    matching: Option<Matching>,
) -> IpcResult<QueueReport> {
    on_selection(&state, interview_ids, matching, move |ws, ids| {
        messages::queue_ats_push(ws, ids, &ats_name, true, &opts(request_id))
    })
    .await
}

#[tauri::command]
pub async fn outbox_list(state: State<'_, AppState>) -> IpcResult<Vec<OutboxItem>> {
    core(&state, |ws| outbox::list(ws, None)).await
}

#[tauri::command]
pub async fn outbox_retry(state: State<'_, AppState>, ids: Vec<i64>) -> IpcResult<Vec<OutboxItem>> {
    core(&state, move |ws| outbox::retry(ws, &ids)).await
}

#[tauri::command]
pub async fn outbox_cancel(
    state: State<'_, AppState>,
    ids: Vec<i64>,
) -> IpcResult<Vec<OutboxItem>> {
    core(&state, move |ws| outbox::cancel(ws, &ids)).await
}

#[tauri::command]
pub async fn enrich(
    state: State<'_, AppState>,
    interview_ids: Vec<String>,
    matching: Option<Matching>,
) -> IpcResult<Vec<Enrichment>> {
    on_selection(&state, interview_ids, matching, enrich::enrich).await
}

#[tauri::command]
pub async fn find_other_jobs(
    state: State<'_, AppState>,
    interview_id: String,
) -> IpcResult<FindJobsResult> {
    core(&state, move |ws| {
        find_jobs::find_other_jobs(ws, &interview_id)
    })
    .await
}

/// Cross-Agent checks; calling it again is Retry Analysis.
#[tauri::command]
pub async fn cross_agent(
    state: State<'_, AppState>,
    interview_id: String,
) -> IpcResult<CrossAgentReport> {
    core(&state, move |ws| {
        cross_agent::cross_agent(ws, &interview_id)
    })
    .await
}

/// Delete a cohort (its memberships go; candidates stay). Audited.
#[tauri::command]
pub async fn delete_cohort(state: State<'_, AppState>, name: String) -> IpcResult<()> {
    core(&state, move |ws| cohorts::delete_cohort(ws, &name)).await
}

/// The interviewer's subscribers (imported ones and reviewer additions).
#[tauri::command]
pub async fn list_subscribers(
    state: State<'_, AppState>,
    posting_id: String,
) -> IpcResult<Vec<Subscriber>> {
    core(&state, move |ws| {
        subscribers::list_subscribers(ws, &posting_id)
    })
    .await
}

/// Add a subscriber (validated e-mail address). Audited, id only.
#[tauri::command]
pub async fn add_subscriber(
    state: State<'_, AppState>,
    posting_id: String,
    email: String,
) -> IpcResult<Vec<Subscriber>> {
    core(&state, move |ws| {
        subscribers::add_subscriber(ws, &posting_id, &email)
    })
    .await
}

/// Remove a subscriber; kept removed across re-imports. Audited, id only.
#[tauri::command]
pub async fn remove_subscriber(
    state: State<'_, AppState>,
    posting_id: String,
    email: String,
) -> IpcResult<Vec<Subscriber>> {
    core(&state, move |ws| {
        subscribers::remove_subscriber(ws, &posting_id, &email)
    })
    .await
}
