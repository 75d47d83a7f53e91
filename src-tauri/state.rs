//! What every command shares: the app state, the open-state of the
//! workspace, running work off the UI thread with the open workspace, the
//! demo load and the recent-workspaces bookkeeping. Commands use this module
//! (and `error`, the services and the core crates), never each other.

use std::path::Path;
use std::sync::Arc;

use serde::Serialize;
use shortlist_core::recent::RecentList;
use shortlist_core::Workspace;
use tauri::{AppHandle, Manager};

use crate::error::{IpcError, IpcResult};
use crate::media_server::{MediaServer, SharedWorkspace};
use crate::playback::NativeAudio;

/// Everything commands share.
pub struct AppState {
    pub workspace: SharedWorkspace,
    pub open: tokio::sync::watch::Sender<OpenState>,
    pub media: MediaServer,
    pub audio: Arc<NativeAudio>,
    /// The recent-workspaces list (`None` when the OS has no config folder).
    pub recent_file: Option<std::path::PathBuf>,
    /// The HeyMilo API key for this session only (keychain account, key),
    /// when the machine has no OS keychain to keep it in. Never persisted.
    pub session_key: std::sync::Mutex<Option<(String, shortlist_delivery::secrets::Secret)>>,
}

/// Progress of opening the workspace, as the UI sees it (the
/// `workspace-state` event).
#[derive(Debug, Clone, Serialize, PartialEq)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum OpenState {
    Opening,
    Ready { path: String, demo_loaded: bool },
    Failed { error: IpcError },
}

/// A step of long work, sent as the `progress` event.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Progress {
    pub task: &'static str,
    pub message: String,
    pub done: u64,
    pub total: u64,
}

/// Wait until the workspace is open (or failed to open).
pub async fn ready(state: &AppState) -> IpcResult<Arc<Workspace>> {
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
pub async fn with_ws<T: Send + 'static>(
    state: &AppState,
    f: impl FnOnce(&Workspace) -> IpcResult<T> + Send + 'static,
) -> IpcResult<T> {
    let ws = ready(state).await?;
    blocking(move || f(&ws)).await
}

/// Run one core call off the UI thread with the open workspace; its typed
/// error becomes the UI's `{code, message}`. Most commands are just this.
pub async fn core<T, E>(
    state: &AppState,
    f: impl FnOnce(&shortlist_core::Workspace) -> Result<T, E> + Send + 'static,
) -> IpcResult<T>
where
    T: Send + 'static,
    IpcError: From<E>,
{
    with_ws(state, move |ws| f(ws).map_err(IpcError::from)).await
}

/// Run `f` on the blocking pool (dialogs, the keychain, the audio thread).
pub async fn blocking<T: Send + 'static>(
    f: impl FnOnce() -> IpcResult<T> + Send + 'static,
) -> IpcResult<T> {
    tauri::async_runtime::spawn_blocking(f)
        .await
        .map_err(|e| IpcError::new("internal", format!("background task failed: {e}")))?
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

/// Unix seconds now.
pub fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
}

/// A folder's (or file's) own name, for menus, titles and messages.
pub fn folder_name(p: &Path) -> String {
    p.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| p.display().to_string())
}

/// "hiring-2026 — Shortlist": which workspace is open, in the window title
/// (and so in the task switcher).
pub fn show_in_title<R: tauri::Runtime>(app: &AppHandle<R>, dir: &Path) {
    if let Some(w) = app.get_webview_window("main") {
        let _ = w.set_title(&format!("{} — Shortlist", folder_name(dir)));
    }
}

/// Remember `dir` as the most recent workspace (best effort: a read-only
/// config folder must not keep the workspace from opening).
pub fn remember(state: &AppState, dir: &Path) {
    if let Some(file) = &state.recent_file {
        let mut list = RecentList::load(file);
        list.touch(dir, now());
        if let Err(e) = list.save() {
            eprintln!("shortlist: cannot update the recent-workspaces list: {e}");
        }
    }
}

/// The encrypted workspace that could not be opened for want of its
/// passphrase (at start-up or on a switch): `unlock_workspace` opens this
/// one folder, never a path the page names.
static LOCKED: std::sync::Mutex<Option<std::path::PathBuf>> = std::sync::Mutex::new(None);

/// Remember `dir` as waiting for its passphrase when `error` says so.
pub fn note_locked(dir: &Path, error: &IpcError) {
    if matches!(
        error.code.as_str(),
        "passphrase_required" | "wrong_passphrase"
    ) {
        *LOCKED.lock().unwrap_or_else(|p| p.into_inner()) = Some(dir.to_path_buf());
    }
}

/// The folder waiting for its passphrase, if any.
pub fn locked() -> Option<std::path::PathBuf> {
    LOCKED.lock().unwrap_or_else(|p| p.into_inner()).clone()
}

/// Forget the folder waiting for its passphrase (it opened).
pub fn clear_locked() {
    *LOCKED.lock().unwrap_or_else(|p| p.into_inner()) = None;
}

fn some(ids: &[String]) -> IpcResult<()> {
    if ids.is_empty() {
        Err(IpcError::new("invalid_argument", "no candidate selected"))
    } else {
        Ok(())
    }
}

/// [`core`] for an action on a selection: the ticked `ids`, or with
/// `matching` ("Select all N matching") every candidate of the list's
/// filter, resolved here in the core. Refuses an empty selection first.
pub(crate) async fn on_selection<T, E>(
    state: &AppState,
    ids: Vec<String>,
    matching: Option<shortlist_core::review::Matching>,
    f: impl FnOnce(&shortlist_core::Workspace, &[String]) -> Result<T, E> + Send + 'static,
) -> IpcResult<T>
where
    T: Send + 'static,
    IpcError: From<E>,
{
    if matching.is_none() {
        some(&ids)?;
    }
    with_ws(state, move |ws| {
        let ids = resolve(ws, ids, matching.as_ref())?;
        some(&ids)?;
        f(ws, &ids).map_err(IpcError::from)
    })
    .await
}

/// The ids of a selection: `ids` as given, or every match of `matching`.
pub(crate) fn resolve(
    ws: &shortlist_core::Workspace,
    ids: Vec<String>,
    matching: Option<&shortlist_core::review::Matching>,
) -> IpcResult<Vec<String>> {
    match matching {
        None => Ok(ids),
        Some(m) => Ok(shortlist_core::review::selection_ids(
            ws,
            &shortlist_core::review::Selection::Matching(m),
        )?),
    }
}
