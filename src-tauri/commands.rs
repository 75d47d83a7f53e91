//! Thin commands: argument checking, then one call into the core off the
//! UI thread. Each is listed in `build.rs` (app manifest) and granted in
//! `capabilities/main.json`.

use std::sync::Arc;

use serde::Serialize;
use shortlist_core::review::{
    self, CandidateDetail, CandidatePage, CandidateQuery, Comparison, Decision, DecisionChange,
    InterviewerAnalytics, InterviewerSummary,
};
use shortlist_core::Workspace;
use tauri::State;

use crate::error::{IpcError, IpcResult};
use crate::playback::AudioState;
use crate::workspace::OpenState;
use crate::AppState;

/// Every command of this file the UI may call; `build.rs` declares them in
/// the app manifest.
pub const COMMANDS: &[&str] = &[
    "app_info",
    "list_interviewers",
    "interviewer_analytics",
    "list_candidates",
    "candidate_detail",
    "candidate_radar",
    "compare_candidates",
    "set_decision",
    "undo_decision",
    "get_setting",
    "set_setting",
    "audio_load",
    "audio_play",
    "audio_pause",
    "audio_seek",
    "audio_speed",
    "audio_stop",
];

pub fn handler<R: tauri::Runtime>() -> impl Fn(tauri::ipc::Invoke<R>) -> bool + Send + Sync + 'static
{
    tauri::generate_handler![
        app_info,
        list_interviewers,
        interviewer_analytics,
        list_candidates,
        candidate_detail,
        candidate_radar,
        compare_candidates,
        set_decision,
        undo_decision,
        get_setting,
        set_setting,
        audio_load,
        audio_play,
        audio_pause,
        audio_seek,
        audio_speed,
        audio_stop,
        crate::commands_outputs::export_list,
        crate::commands_outputs::pipeline_report,
        crate::commands_outputs::candidate_pdf,
        crate::commands_outputs::report_preview,
        crate::commands_outputs::package_zip,
        crate::commands_outputs::cancel_package,
        crate::commands_outputs::share_bundle,
        crate::commands_actions::list_cohorts,
        crate::commands_actions::create_cohort,
        crate::commands_actions::add_to_cohort,
        crate::commands_actions::remove_from_cohort,
        crate::commands_actions::list_notes,
        crate::commands_actions::add_note,
        crate::commands_actions::delete_note,
        crate::commands_actions::nudge,
        crate::commands_actions::blast,
        crate::commands_actions::allow_retake,
        crate::commands_actions::queue_ats,
        crate::commands_actions::outbox_list,
        crate::commands_actions::outbox_retry,
        crate::commands_actions::outbox_cancel,
        crate::commands_actions::enrich,
        crate::commands_actions::find_other_jobs,
        crate::commands_actions::cross_agent,
        crate::commands_actions::list_notifications,
        crate::commands_actions::mark_notifications_read,
        crate::commands_actions::outbox_send,
        crate::commands_workspace::workspace_overview,
        crate::commands_workspace::open_workspace,
        crate::commands_workspace::new_workspace,
        crate::commands_workspace::forget_workspace,
        crate::commands_workspace::import_data,
        crate::commands_workspace::cancel_import,
        crate::commands_workspace::load_demo_data,
        crate::commands_settings::notification_threshold,
        crate::commands_settings::set_notification_threshold,
        crate::commands_actions::delete_cohort,
        crate::commands_actions::notify_settings,
        crate::commands_actions::set_os_notifications,
        crate::commands_actions::set_notify_threshold,
        crate::commands_actions::raise_os_notifications,
        crate::commands_actions::sync_settings,
        crate::commands_actions::save_sync_settings,
        crate::commands_actions::clear_api_key,
        crate::commands_actions::sync_now,
        crate::commands_actions::outbox_export_eml,
        crate::commands_actions::ats_deliver,
    ]
}

/// Fill an empty workspace with the built-in demo (first run), through the
/// ordinary import pipeline, reporting progress.
pub fn load_demo(
    ws: &Workspace,
    progress: &dyn Fn(&shortlist_core::import::ImportProgress),
) -> IpcResult<()> {
    shortlist_core::demo::load_demo_with_progress(ws, &|p| progress(&p))?;
    Ok(())
}

/// Wait until the workspace is open (or failed to open).
async fn ready(state: &AppState) -> IpcResult<Arc<Workspace>> {
    let mut rx = state.open.subscribe();
    let current = rx
        .wait_for(|s| !matches!(s, OpenState::Opening))
        .await
        .map_err(|_| IpcError::new("internal", "the app is shutting down"))?
        .clone();
    match current {
        OpenState::Failed { error } => Err(error),
        _ => state
            .workspace
            .read()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
            .ok_or_else(|| IpcError::new("workspace_open", "no workspace is open")),
    }
}

/// Run `f` on the blocking pool with the open workspace.
pub(crate) async fn with_ws<T: Send + 'static>(
    state: &AppState,
    f: impl FnOnce(&Workspace) -> IpcResult<T> + Send + 'static,
) -> IpcResult<T> {
    let ws = ready(state).await?;
    tauri::async_runtime::spawn_blocking(move || f(&ws))
        .await
        .map_err(|e| IpcError::new("internal", format!("background task failed: {e}")))?
}

#[derive(Debug, Serialize)]
pub struct AppInfo {
    pub version: &'static str,
    pub workspace: String,
    pub demo_loaded: bool,
    /// `http://127.0.0.1:PORT/<token>`; a media URL is `<media_base>/<sha256>`.
    pub media_base: String,
    /// Whether this build can play audio natively (rodio).
    pub native_audio: bool,
}

#[tauri::command]
async fn app_info(state: State<'_, AppState>) -> IpcResult<AppInfo> {
    ready(&state).await?;
    let (workspace, demo_loaded) = match &*state.open.borrow() {
        OpenState::Ready { path, demo_loaded } => (path.clone(), *demo_loaded),
        _ => (String::new(), false),
    };
    Ok(AppInfo {
        version: env!("CARGO_PKG_VERSION"),
        workspace,
        demo_loaded,
        media_base: state.media.base_url(),
        native_audio: cfg!(feature = "playback"),
    })
}

#[tauri::command]
async fn list_interviewers(state: State<'_, AppState>) -> IpcResult<Vec<InterviewerSummary>> {
    with_ws(&state, |ws| Ok(review::list_interviewers(ws)?)).await
}

#[tauri::command]
async fn interviewer_analytics(
    state: State<'_, AppState>,
    posting_id: String,
) -> IpcResult<InterviewerAnalytics> {
    with_ws(&state, move |ws| {
        Ok(review::interviewer_analytics(ws, &posting_id)?)
    })
    .await
}

/// Largest page the list asks for; the UI virtualises and pages on scroll.
pub const MAX_PAGE: u32 = 1000;

#[tauri::command]
async fn list_candidates(
    state: State<'_, AppState>,
    mut query: CandidateQuery,
) -> IpcResult<CandidatePage> {
    if query.limit == 0 || query.limit > MAX_PAGE {
        query.limit = MAX_PAGE;
    }
    if let Some(s) = &query.search {
        if s.chars().count() > 200 {
            return Err(IpcError::new(
                "invalid_argument",
                "search text is longer than 200 characters; shorten it",
            ));
        }
    }
    with_ws(&state, move |ws| Ok(review::list_candidates(ws, &query)?)).await
}

#[tauri::command]
async fn candidate_detail(
    state: State<'_, AppState>,
    interview_id: String,
) -> IpcResult<CandidateDetail> {
    with_ws(&state, move |ws| {
        Ok(review::candidate_detail(ws, &interview_id)?)
    })
    .await
}

/// Candidate vs Average: the numbers, and the radar drawn by the core's
/// chart renderer (the same SVG the PDF embeds) when it is available.
#[derive(Debug, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct RadarView {
    pub comparison: Comparison,
    pub chart: Option<crate::charts::RadarChart>,
}

/// Several candidates on one radar (Compare, F20).
#[derive(Debug, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct CompareView {
    pub comparisons: Vec<Comparison>,
    pub names: Vec<String>,
    pub chart: Option<crate::charts::RadarChart>,
}

#[tauri::command]
async fn candidate_radar(
    state: State<'_, AppState>,
    interview_id: String,
    dark: Option<bool>,
) -> IpcResult<RadarView> {
    with_ws(&state, move |ws| {
        let comparison = review::candidate_vs_average(ws, &interview_id)?;
        let chart = crate::charts::candidate_radar(ws, &interview_id, crate::charts::theme(dark))?;
        Ok(RadarView { comparison, chart })
    })
    .await
}

#[tauri::command]
async fn compare_candidates(
    state: State<'_, AppState>,
    interview_ids: Vec<String>,
    dark: Option<bool>,
) -> IpcResult<CompareView> {
    if !(2..=4).contains(&interview_ids.len()) {
        return Err(IpcError::new(
            "invalid_argument",
            format!(
                "compare needs 2 to 4 candidates, got {}",
                interview_ids.len()
            ),
        ));
    }
    with_ws(&state, move |ws| {
        let mut comparisons = Vec::new();
        let mut names = Vec::new();
        for id in &interview_ids {
            comparisons.push(review::candidate_vs_average(ws, id)?);
            names.push(review::candidate_row(ws, id)?.name);
        }
        let chart = crate::charts::compare_radar(ws, &interview_ids, crate::charts::theme(dark))?;
        Ok(CompareView {
            comparisons,
            names,
            chart,
        })
    })
    .await
}

#[tauri::command]
async fn set_decision(
    state: State<'_, AppState>,
    interview_ids: Vec<String>,
    decision: Decision,
) -> IpcResult<DecisionChange> {
    if interview_ids.is_empty() {
        return Err(IpcError::new("invalid_argument", "no candidate selected"));
    }
    with_ws(&state, move |ws| {
        Ok(shortlist_core::actions::decisions::set_decision(ws, &interview_ids, decision)?)
    })
    .await
}

#[tauri::command]
async fn undo_decision(
    state: State<'_, AppState>,
    change: DecisionChange,
) -> IpcResult<DecisionChange> {
    with_ws(&state, move |ws| Ok(shortlist_core::actions::decisions::undo_decision(ws, &change)?)).await
}

/// UI preferences live in the workspace's `settings` table under `ui.*`.
fn check_setting_key(key: &str) -> IpcResult<()> {
    let ok = key.len() <= 64
        && key.starts_with("ui.")
        && key[3..]
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'.' || b == b'-')
        && key.len() > 3;
    if ok {
        Ok(())
    } else {
        Err(IpcError::new(
            "invalid_argument",
            format!("setting key `{key}` is not a UI setting (expected `ui.<name>`)"),
        ))
    }
}

#[tauri::command]
async fn get_setting(state: State<'_, AppState>, key: String) -> IpcResult<Option<String>> {
    check_setting_key(&key)?;
    with_ws(&state, move |ws| {
        Ok(shortlist_core::actions::setting(ws, &key)?)
    })
    .await
}

#[tauri::command]
async fn set_setting(state: State<'_, AppState>, key: String, value: String) -> IpcResult<()> {
    check_setting_key(&key)?;
    if value.len() > 4096 {
        return Err(IpcError::new(
            "invalid_argument",
            "setting value is longer than 4096 bytes",
        ));
    }
    with_ws(&state, move |ws| {
        Ok(shortlist_core::actions::set_setting(ws, &key, &value)?)
    })
    .await
}

#[tauri::command]
async fn audio_load(state: State<'_, AppState>, hash: String) -> IpcResult<AudioState> {
    let h = hash.clone();
    let path = with_ws(&state, move |ws| {
        crate::media_server::lookup(ws, &h)
            .map(|(p, _)| p)
            .ok_or_else(|| {
                IpcError::new(
                    "not_found_media",
                    format!("no recording {h} in this workspace"),
                )
            })
    })
    .await?;
    on_audio(&state, move |a| a.load(hash, path)).await
}

/// Audio calls wait on the audio thread: keep them off the async workers.
async fn on_audio(
    state: &AppState,
    f: impl FnOnce(&crate::playback::NativeAudio) -> IpcResult<AudioState> + Send + 'static,
) -> IpcResult<AudioState> {
    let audio = state.audio.clone();
    tauri::async_runtime::spawn_blocking(move || f(&audio))
        .await
        .map_err(|e| IpcError::new("internal", format!("audio task failed: {e}")))?
}

#[tauri::command]
async fn audio_play(state: State<'_, AppState>) -> IpcResult<AudioState> {
    on_audio(&state, |a| a.play()).await
}

#[tauri::command]
async fn audio_pause(state: State<'_, AppState>) -> IpcResult<AudioState> {
    on_audio(&state, |a| a.pause()).await
}

#[tauri::command]
async fn audio_seek(state: State<'_, AppState>, seconds: f64) -> IpcResult<AudioState> {
    on_audio(&state, move |a| a.seek(seconds)).await
}

#[tauri::command]
async fn audio_speed(state: State<'_, AppState>, speed: f32) -> IpcResult<AudioState> {
    on_audio(&state, move |a| a.speed(speed)).await
}

#[tauri::command]
async fn audio_stop(state: State<'_, AppState>) -> IpcResult<AudioState> {
    on_audio(&state, |a| a.stop()).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn setting_keys() {
        assert!(check_setting_key("ui.layout").is_ok());
        assert!(check_setting_key("ui.blind_mode").is_ok());
        assert!(check_setting_key("reviewer").is_err());
        assert!(check_setting_key("ui.").is_err());
        assert!(check_setting_key("ui.a b").is_err());
        assert!(check_setting_key(&format!("ui.{}", "x".repeat(80))).is_err());
    }
}
