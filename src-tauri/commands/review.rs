//! The review desk: app info, interviewers, the candidate list and profile,
//! radars and Compare, decisions with undo, UI preferences. Thin: argument
//! checking, then one call into the core off the UI thread.

use serde::Serialize;
use shortlist_core::review::{
    self, CandidateDetail, CandidatePage, CandidateQuery, Comparison, Decision, DecisionChange,
    InterviewerAnalytics, InterviewerSummary,
};
use tauri::State;

use crate::error::{IpcError, IpcResult};
use crate::state::{ready, with_ws, AppState, OpenState};

#[derive(Debug, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
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
pub async fn app_info(state: State<'_, AppState>) -> IpcResult<AppInfo> {
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
pub async fn list_interviewers(state: State<'_, AppState>) -> IpcResult<Vec<InterviewerSummary>> {
    with_ws(&state, |ws| Ok(review::list_interviewers(ws)?)).await
}

#[tauri::command]
pub async fn interviewer_analytics(
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
pub async fn list_candidates(
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

/// The agent tab: the interviewer's questions and scoring rubric, read
/// from the imported scorecards.
#[tauri::command]
pub async fn agent_config(
    state: State<'_, AppState>,
    posting_id: String,
) -> IpcResult<review::AgentConfig> {
    with_ws(&state, move |ws| Ok(review::agent_config(ws, &posting_id)?)).await
}

/// The profile's "Also applied to" and activity timeline.
#[tauri::command]
pub async fn candidate_activity(
    state: State<'_, AppState>,
    interview_id: String,
) -> IpcResult<review::CandidateActivity> {
    with_ws(&state, move |ws| Ok(review::activity(ws, &interview_id)?)).await
}

#[tauri::command]
pub async fn candidate_detail(
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

/// Several candidates on one radar (Compare, F20), each with the figures a
/// reviewer decides on.
#[derive(Debug, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct CompareView {
    pub candidates: Vec<review::CompareCandidate>,
    pub chart: Option<crate::charts::RadarChart>,
}

#[tauri::command]
pub async fn candidate_radar(
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
pub async fn compare_candidates(
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
        let candidates = review::compare(ws, &interview_ids)?;
        let chart = crate::charts::compare_radar(ws, &interview_ids, crate::charts::theme(dark))?;
        Ok(CompareView { candidates, chart })
    })
    .await
}

#[tauri::command]
pub async fn set_decision(
    state: State<'_, AppState>,
    interview_ids: Vec<String>,
    decision: Decision,
    matching: Option<shortlist_core::review::Matching>,
) -> IpcResult<DecisionChange> {
    crate::state::on_selection(&state, interview_ids, matching, move |ws, ids| {
        shortlist_core::actions::decisions::set_decision(ws, ids, decision)
    })
    .await
}

#[tauri::command]
pub async fn undo_decision(
    state: State<'_, AppState>,
    change: DecisionChange,
) -> IpcResult<DecisionChange> {
    with_ws(&state, move |ws| {
        Ok(shortlist_core::actions::decisions::undo_decision(
            ws, &change,
        )?)
    })
    .await
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
pub async fn get_setting(state: State<'_, AppState>, key: String) -> IpcResult<Option<String>> {
    check_setting_key(&key)?;
    with_ws(&state, move |ws| {
        Ok(shortlist_core::actions::setting(ws, &key)?)
    })
    .await
}

#[tauri::command]
pub async fn set_setting(state: State<'_, AppState>, key: String, value: String) -> IpcResult<()> {
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
