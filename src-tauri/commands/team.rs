//! Panels and the team from the UI (F70–F75): reviewer identity,
//! evaluations (draft, submit, amend), the panel of a candidate, team
//! status, init, push and pull. Thin: every rule is the core's, blindness
//! included (`review::panel::panel` decides what a viewer sees, for the
//! CLI and here alike). Writes kick the background sync (`team_sync`).

use serde::Serialize;
use shortlist_core::actions::panel::{self as evals, EvaluationInput};
use shortlist_core::actions::team::{self, PullReport, TeamInit, TeamStatus, TeamSyncReport};
use shortlist_core::review::panel::{self, Evaluation, Identity, PanelView, Viewer};
use shortlist_core::Workspace;
use shortlist_delivery::secrets::{self, Secret, SecretError};
use tauri::State;

use crate::error::IpcResult;
use crate::state::{core, with_ws, AppState};
use crate::team_sync;

/// Who reviews on this workspace, and whether the app should ask.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct ReviewerIdentity {
    pub identity: Identity,
    /// No name was ever given and the user did not choose to work solo:
    /// the first-run dialog asks.
    pub needs_identity: bool,
}

#[tauri::command]
pub async fn reviewer_identity(state: State<'_, AppState>) -> IpcResult<ReviewerIdentity> {
    with_ws(&state, |ws| {
        Ok(ReviewerIdentity {
            identity: panel::identity(ws)?,
            needs_identity: team::needs_identity(ws)?,
        })
    })
    .await
}

#[tauri::command]
pub async fn set_reviewer_identity(
    state: State<'_, AppState>,
    name: String,
    email: Option<String>,
) -> IpcResult<Identity> {
    core(&state, move |ws| {
        let email = email.filter(|e| !e.trim().is_empty());
        team::set_identity(ws, &name, email.as_deref())
    })
    .await
}

/// "I work solo": stop asking for a name on this workspace.
#[tauri::command]
pub async fn work_solo(state: State<'_, AppState>) -> IpcResult<Identity> {
    core(&state, team::choose_solo).await
}

/// The reviewer's own evaluation of a candidate (draft or submitted).
#[tauri::command]
pub async fn my_evaluation(
    state: State<'_, AppState>,
    interview_id: String,
) -> IpcResult<Option<Evaluation>> {
    core(&state, move |ws| {
        let me = panel::identity(ws)?;
        panel::evaluation_of(&ws.reader(), &interview_id, &me.id)
    })
    .await
}

/// Save the draft (refused once submitted: amend instead).
#[tauri::command]
pub async fn save_evaluation_draft(
    state: State<'_, AppState>,
    interview_id: String,
    input: EvaluationInput,
) -> IpcResult<Evaluation> {
    let e = core(&state, move |ws| {
        evals::save_draft(ws, &interview_id, &input)
    })
    .await?;
    team_sync::kick();
    Ok(e)
}

#[tauri::command]
pub async fn submit_evaluation(
    state: State<'_, AppState>,
    interview_id: String,
    input: EvaluationInput,
) -> IpcResult<Evaluation> {
    let e = core(&state, move |ws| evals::submit(ws, &interview_id, &input)).await?;
    team_sync::kick();
    Ok(e)
}

/// Amend a submitted evaluation (the replaced version stays in its history).
#[tauri::command]
pub async fn amend_evaluation(
    state: State<'_, AppState>,
    interview_id: String,
    input: EvaluationInput,
) -> IpcResult<Evaluation> {
    let e = core(&state, move |ws| evals::amend(ws, &interview_id, &input)).await?;
    team_sync::kick();
    Ok(e)
}

/// The panel of a candidate as this reviewer may see it: blind until they
/// submit, unless they lead.
#[tauri::command]
pub async fn candidate_panel(
    state: State<'_, AppState>,
    interview_id: String,
) -> IpcResult<PanelView> {
    core(&state, move |ws| {
        let viewer = Viewer::from(&panel::identity(ws)?);
        panel::panel(ws, &interview_id, &viewer)
    })
    .await
}

fn password(ws: &Workspace) -> IpcResult<Option<Secret>> {
    match team::config(ws)? {
        None => Ok(None),
        Some(cfg) => Ok(secrets::team_password(&cfg.url)?),
    }
}

/// Team state; asks the server whether it answers (offline is a status,
/// not an error).
#[tauri::command]
pub async fn team_status(state: State<'_, AppState>) -> IpcResult<TeamStatus> {
    with_ws(&state, |ws| {
        let pw = password(ws)?;
        Ok(team::status(ws, pw.as_ref().map(Secret::expose))?)
    })
    .await
}

/// What `team_init` did, and where the password went.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct TeamInitResult {
    pub init: TeamInit,
    /// The URL had a password and the OS keychain took it.
    pub password_stored: bool,
    /// Why the password was not stored (no keychain here), and what to do.
    pub password_note: Option<String>,
}

/// `shortlist team init` from Settings: the URL's password goes to the OS
/// keychain, the workspace keeps the URL without it.
#[tauri::command]
pub async fn team_init(
    state: State<'_, AppState>,
    url: String,
    name: String,
    email: String,
    lead: Option<bool>,
) -> IpcResult<TeamInitResult> {
    let r = with_ws(&state, move |ws| {
        let (init, pw) = team::init_server(ws, &url, &name, &email, lead)?;
        let mut out = TeamInitResult {
            init,
            password_stored: false,
            password_note: None,
        };
        if let Some(pw) = pw {
            let account = secrets::team_account(&out.init.config.url);
            match secrets::keychain_set(&account, &Secret::new(pw)) {
                Ok(()) => out.password_stored = true,
                Err(SecretError::NoKeychain { detail, .. }) => {
                    out.password_note = Some(format!(
                        "no OS keychain answers here ({detail}): the password was not stored; start Shortlist with {} set",
                        secrets::TEAM_PASSWORD_ENV
                    ))
                }
                Err(e) => return Err(e.into()),
            }
        }
        Ok(out)
    })
    .await?;
    team_sync::kick();
    Ok(r)
}

/// Push and pull now (what the background sync does on its interval).
#[tauri::command]
pub async fn team_sync_now(state: State<'_, AppState>) -> IpcResult<TeamSyncReport> {
    with_ws(&state, |ws| {
        let pw = password(ws)?;
        Ok(team::sync(ws, pw.as_ref().map(Secret::expose))?)
    })
    .await
}

/// Send this laptop's events to the server; returns how many were new there.
#[tauri::command]
pub async fn team_push(state: State<'_, AppState>) -> IpcResult<u64> {
    with_ws(&state, |ws| {
        let pw = password(ws)?;
        Ok(team::push(ws, pw.as_ref().map(Secret::expose))?.sent as u64)
    })
    .await
}

/// Fetch and apply the team's events.
#[tauri::command]
pub async fn team_pull(state: State<'_, AppState>) -> IpcResult<PullReport> {
    with_ws(&state, |ws| {
        let pw = password(ws)?;
        Ok(team::pull(ws, pw.as_ref().map(Secret::expose))?)
    })
    .await
}
