//! Per-interviewer settings (the interviewer's Settings tab): the high-score
//! notification threshold (F23). Thin: validation and storage are the core's.

use shortlist_core::actions::notifications::{self, ThresholdSetting};
use tauri::State;

use crate::commands::with_ws;
use crate::error::IpcResult;
use crate::AppState;

pub const COMMANDS: &[&str] = &["notification_threshold", "set_notification_threshold"];

#[tauri::command]
pub async fn notification_threshold(
    state: State<'_, AppState>,
    posting_id: String,
) -> IpcResult<ThresholdSetting> {
    with_ws(&state, move |ws| {
        Ok(notifications::threshold_setting(ws, &posting_id)?)
    })
    .await
}

/// `value = null` drops the interviewer's own threshold (the default applies).
#[tauri::command]
pub async fn set_notification_threshold(
    state: State<'_, AppState>,
    posting_id: String,
    value: Option<f64>,
) -> IpcResult<ThresholdSetting> {
    with_ws(&state, move |ws| {
        match value {
            Some(v) => notifications::set_threshold(ws, Some(&posting_id), v)?,
            None => notifications::clear_threshold(ws, &posting_id)?,
        }
        Ok(notifications::threshold_setting(ws, &posting_id)?)
    })
    .await
}
