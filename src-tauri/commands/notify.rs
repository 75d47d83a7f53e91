//! Notifications (F23): the bell's list and read state, desktop (OS)
//! notifications on/off and raising them, and the high-score threshold:
//! the workspace default (`posting_id = null`) or one interviewer's own.
//! Thin: deciding, validating and storing are the core's.

use shortlist_core::actions::notifications::{
    self, AlertSettings, Notifications, OsNotice, ThresholdSetting,
};
use tauri::State;

use crate::error::{IpcError, IpcResult};
use crate::state::{core, with_ws, AppState};

#[tauri::command]
pub async fn list_notifications(state: State<'_, AppState>) -> IpcResult<Notifications> {
    core(&state, |ws| {
        notifications::latest(ws, shortlist_core::store::now(), BELL_ITEMS)
    })
    .await
}

/// How many notifications the bell's panel lists (the unread count covers
/// all of them).
const BELL_ITEMS: usize = 50;

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

/// Whether desktop notifications are on (default on).
#[tauri::command]
pub async fn os_notifications(state: State<'_, AppState>) -> IpcResult<bool> {
    core(&state, notifications::os_enabled).await
}

/// Turn desktop notifications on or off (persisted in the workspace).
#[tauri::command]
pub async fn set_os_notifications(state: State<'_, AppState>, enabled: bool) -> IpcResult<()> {
    core(&state, move |ws| notifications::set_os_enabled(ws, enabled)).await
}

/// Desktop notifications on/off, the expiry window and the sound, together.
#[tauri::command]
pub async fn alert_settings(state: State<'_, AppState>) -> IpcResult<AlertSettings> {
    core(&state, notifications::alert_settings).await
}

/// Save the alert settings (an expiry window outside 1–30 days is refused).
#[tauri::command]
pub async fn set_alert_settings(
    state: State<'_, AppState>,
    settings: AlertSettings,
) -> IpcResult<AlertSettings> {
    core(&state, move |ws| {
        notifications::set_alert_settings(ws, &settings)
    })
    .await
}

/// Play the alert sound once (Settings' "Test"): `audio_unavailable` when
/// this computer has no audio output.
#[tauri::command]
pub async fn play_alert_sound() -> IpcResult<()> {
    crate::playback::play_chime()
}

/// The high-score threshold of one interviewer, or (`posting_id = null`)
/// the workspace default, which is then its own value.
fn threshold(
    ws: &shortlist_core::Workspace,
    posting_id: Option<&str>,
) -> IpcResult<ThresholdSetting> {
    Ok(match posting_id {
        Some(p) => notifications::threshold_setting(ws, p)?,
        None => {
            let (value, _) = notifications::threshold_of(ws, None)?;
            ThresholdSetting {
                value,
                default: value,
                per_interviewer: false,
            }
        }
    })
}

#[tauri::command]
pub async fn notification_threshold(
    state: State<'_, AppState>,
    posting_id: Option<String>,
) -> IpcResult<ThresholdSetting> {
    with_ws(&state, move |ws| threshold(ws, posting_id.as_deref())).await
}

/// Set the threshold (0–100) of one interviewer or the workspace default;
/// `value = null` drops the interviewer's own (the default applies again).
#[tauri::command]
pub async fn set_notification_threshold(
    state: State<'_, AppState>,
    posting_id: Option<String>,
    value: Option<f64>,
) -> IpcResult<ThresholdSetting> {
    with_ws(&state, move |ws| {
        match (value, posting_id.as_deref()) {
            (Some(v), p) => notifications::set_threshold(ws, p, v)?,
            (None, Some(p)) => notifications::clear_threshold(ws, p)?,
            (None, None) => {
                return Err(IpcError::new(
                    "invalid_argument",
                    "the workspace's default threshold needs a value from 0 to 100",
                ))
            }
        }
        threshold(ws, posting_id.as_deref())
    })
    .await
}

/// Raise the OS notifications the core says are new (each key once, ever;
/// none when switched off). The UI calls this whenever it reloads the bell.
#[tauri::command]
pub async fn raise_os_notifications<R: tauri::Runtime>(
    app: tauri::AppHandle<R>,
    state: State<'_, AppState>,
) -> IpcResult<Vec<OsNotice>> {
    let notices = core(&state, |ws| {
        notifications::take_os_notices(ws, shortlist_core::store::now())
    })
    .await?;
    use tauri_plugin_notification::NotificationExt;
    if !notices.is_empty() {
        let sound = core(&state, notifications::alert_settings).await?.sound;
        if sound {
            // Best effort, as the notification itself.
            if let Err(e) = crate::playback::play_chime() {
                eprintln!("shortlist: alert sound: {}", e.message);
            }
        }
    }
    for n in &notices {
        // Best effort: a desktop without a notification service still has
        // the in-app bell, which shows the same items.
        if let Err(e) = app
            .notification()
            .builder()
            .title(&n.title)
            .body(&n.body)
            .show()
        {
            eprintln!("shortlist: could not show a desktop notification: {e}");
        }
    }
    Ok(notices)
}
