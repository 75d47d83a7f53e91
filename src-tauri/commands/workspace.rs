//! Workspaces and import from the UI (SPEC F1, F4): open an existing
//! workspace, create a new one, switch through the recent list, import a
//! HeyMilo bundle folder / `.zip` / candidates `.csv` with progress and
//! cancel, and fill an empty workspace with the demo.
//!
//! As with saves, the UI never hands us an arbitrary path: folders and files
//! are chosen in the native dialog (`crate::dialogs`), and `open_workspace`
//! with a path accepts only an entry of the recent list.
//!
//! Switching keeps the old workspace open until the new one has opened, so
//! a refused folder leaves the app where it was.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};
use shortlist_core::import::{self, ImportOptions, ImportPhase, ImportSummary};
use shortlist_core::recent::{self, RecentList};
use shortlist_core::Workspace;
use tauri::{AppHandle, Emitter, Manager, State};

use crate::dialogs::{pick_folder, pick_import_file};
use crate::error::{IpcError, IpcResult};
use crate::state::{
    blocking, clear_locked, folder_name, load_demo, locked, note_locked, remember, show_in_title,
    with_ws, AppState, OpenState,
};
use shortlist_core::store::crypt::{self, EncryptionStatus, NewKey};

static IMPORTING: AtomicBool = AtomicBool::new(false);
/// What was last dropped onto the window (by the OS, never by the page),
/// waiting for the user to confirm the import.
static DROPPED: std::sync::Mutex<Option<PathBuf>> = std::sync::Mutex::new(None);
static CANCEL: AtomicBool = AtomicBool::new(false);

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct RecentWorkspace {
    pub path: String,
    /// The folder's name, for the menu.
    pub name: String,
    /// Unix seconds.
    pub opened_at: i64,
    pub current: bool,
    /// The folder still holds a workspace (it may have been moved or deleted).
    pub available: bool,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct WorkspaceOverview {
    pub path: String,
    pub name: String,
    /// No interviewers yet: the UI offers import and the demo.
    pub empty: bool,
    pub recent: Vec<RecentWorkspace>,
}

#[derive(Debug, Clone, Copy, Deserialize, PartialEq)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "lowercase")]
pub enum ImportSource {
    /// A bundle folder.
    Folder,
    /// A bundle `.zip` or a candidates `.csv`.
    File,
    /// What was just dropped onto the window (see [`on_drop`]).
    Dropped,
}

/// The `import-dropped` event: something was dropped onto the window.
#[derive(Debug, Clone, Serialize, PartialEq)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct DropOffer {
    /// File or folder name, for the confirmation.
    pub name: String,
    /// `None`: importable (the UI asks to confirm); else why not.
    pub refused: Option<String>,
}

/// Whether dropped paths can be imported: exactly one folder, `.zip` or
/// `.csv`. The verdict names the item so the user knows what was refused.
pub fn judge_drop(paths: &[PathBuf]) -> (DropOffer, Option<PathBuf>) {
    let names = |p: &PathBuf| folder_name(p);
    match paths {
        [] => (
            DropOffer {
                name: String::new(),
                refused: Some("nothing was dropped".into()),
            },
            None,
        ),
        [one] => {
            let name = names(one);
            let ext = one
                .extension()
                .map(|e| e.to_string_lossy().to_ascii_lowercase())
                .unwrap_or_default();
            if one.is_dir() || (one.is_file() && (ext == "zip" || ext == "json" || ext == "csv")) {
                (
                    DropOffer {
                        name,
                        refused: None,
                    },
                    Some(one.clone()),
                )
            } else {
                (
                    DropOffer {
                        refused: Some(format!(
                            "{name} is not an export: drop a HeyMilo export folder, its .zip, a Shortlist .json export, or a candidates .csv"
                        )),
                        name,
                    },
                    None,
                )
            }
        }
        many => (
            DropOffer {
                name: format!("{} items", many.len()),
                refused: Some(format!(
                    "{} items were dropped; drop one export (a folder, .zip or .csv) at a time",
                    many.len()
                )),
            },
            None,
        ),
    }
}

/// The OS dropped `paths` onto the window: keep an importable one for
/// `import_data(dropped)` and ask the page to confirm (or say why not).
pub fn on_drop<R: tauri::Runtime>(app: &AppHandle<R>, paths: &[PathBuf]) {
    let (offer, path) = judge_drop(paths);
    *DROPPED.lock().unwrap_or_else(|p| p.into_inner()) = path;
    let _ = app.emit("import-dropped", offer);
}

/// What an import did, for the result dialog.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct ImportResult {
    /// What was imported (file or folder name).
    pub source: String,
    pub summary: ImportSummary,
    /// Nothing changed (the same bundle again).
    pub noop: bool,
}

/// The `import-progress` event.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct ImportProgressEvent {
    pub phase: ImportPhase,
    pub done: u64,
    pub total: u64,
}

fn overview(state: &AppState, ws: &Workspace) -> IpcResult<WorkspaceOverview> {
    let root = ws.root().to_path_buf();
    let current = std::fs::canonicalize(&root).unwrap_or_else(|_| root.clone());
    let recent = state
        .recent_file
        .as_ref()
        .map(RecentList::load)
        .unwrap_or_default()
        .entries
        .into_iter()
        .map(|e| RecentWorkspace {
            name: folder_name(&e.path),
            available: matches!(
                recent::inspect_folder(&e.path),
                Ok(recent::FolderKind::Workspace)
            ),
            current: e.path == current,
            path: e.path.display().to_string(),
            opened_at: e.opened_at,
        })
        .collect();
    Ok(WorkspaceOverview {
        path: root.display().to_string(),
        name: folder_name(&root),
        empty: ws.is_empty()?,
        recent,
    })
}

/// Open `dir` with `open` and make it the app's workspace. On failure the
/// previous workspace stays open and the error is returned.
async fn switch_to<R: tauri::Runtime>(
    app: AppHandle<R>,
    dir: PathBuf,
    open: fn(&Path) -> shortlist_core::error::StoreResult<Workspace>,
) -> IpcResult<WorkspaceOverview> {
    if IMPORTING.load(Ordering::SeqCst) {
        return Err(IpcError::new(
            "busy",
            "an import is running; wait for it to finish or cancel it before switching workspaces",
        ));
    }
    let dir2 = dir.clone();
    let opened = blocking(move || {
        open(&dir2).map_err(|e| {
            let e = IpcError::from(e);
            note_locked(&dir2, &e);
            e
        })
    })
    .await?;
    install(&app, opened).await
}

/// Make `opened` the app's workspace and announce it.
async fn install<R: tauri::Runtime>(
    app: &AppHandle<R>,
    opened: Workspace,
) -> IpcResult<WorkspaceOverview> {
    clear_locked();
    let state = app.state::<AppState>();
    let _ = state.audio.stop();
    let ws = Arc::new(opened);
    let path = ws.root().display().to_string();
    *state.workspace.write().unwrap_or_else(|p| p.into_inner()) = Some(ws.clone());
    let new_state = OpenState::Ready {
        path,
        demo_loaded: false,
    };
    state.open.send_replace(new_state.clone());
    let _ = app.emit("workspace-state", &new_state);
    remember(&state, ws.root());
    show_in_title(app, ws.root());
    let view = {
        let ws = ws.clone();
        let app = app.clone();
        blocking(move || overview(&app.state::<AppState>(), &ws)).await?
    };
    Ok(view)
}

/// Open the encrypted workspace that start-up (or a switch) could not open
/// for want of its passphrase. A wrong one is `wrong_passphrase` (nothing
/// written; ask again); none at all is `passphrase_required`.
#[tauri::command]
pub async fn unlock_workspace<R: tauri::Runtime>(
    app: AppHandle<R>,
    passphrase: Option<String>,
) -> IpcResult<WorkspaceOverview> {
    let dir = locked().ok_or_else(|| {
        IpcError::new(
            "invalid_argument",
            "no encrypted workspace is waiting for its passphrase",
        )
    })?;
    let opened = blocking(move || {
        Ok(Workspace::open_with_passphrase(
            &dir,
            passphrase.as_deref().filter(|p| !p.is_empty()),
        )?)
    })
    .await?;
    install(&app, opened).await
}

/// Whether the open workspace is encrypted, and where its key is kept.
#[tauri::command]
pub async fn encryption_status(state: State<'_, AppState>) -> IpcResult<EncryptionStatus> {
    with_ws(&state, |ws| Ok(crypt::status(ws.root())?)).await
}

/// Close the open workspace (waiting briefly for work in flight to let go
/// of it), run `convert` on its folder, and open it again: converted, or
/// as it was when the conversion failed (the error is returned then).
async fn convert_open_workspace<R: tauri::Runtime>(
    app: &AppHandle<R>,
    convert: impl FnOnce(
            &Path,
            Option<&shortlist_core::store::crypt::WorkspaceKey>,
        ) -> IpcResult<EncryptionStatus>
        + Send
        + 'static,
    reopen_passphrase: Option<String>,
) -> IpcResult<EncryptionStatus> {
    if IMPORTING.load(Ordering::SeqCst) {
        return Err(IpcError::new(
            "busy",
            "an import is running; wait for it to finish or cancel it first",
        ));
    }
    let state = app.state::<AppState>();
    let ws = crate::state::ready(&state).await?;
    let _ = state.audio.stop();
    let taken = state
        .workspace
        .write()
        .unwrap_or_else(|p| p.into_inner())
        .take();
    drop(taken);
    let shared = state.workspace.clone();
    let result = blocking(move || {
        let root = ws.root().to_path_buf();
        let key = ws.media_key();
        // The last handle closes every connection (and checkpoints).
        let deadline = Instant::now() + Duration::from_secs(10);
        let mut ws = ws;
        loop {
            match Arc::try_unwrap(ws) {
                Ok(w) => {
                    drop(w);
                    break;
                }
                Err(still) if Instant::now() < deadline => {
                    ws = still;
                    std::thread::park_timeout(Duration::from_millis(20));
                }
                Err(still) => {
                    *shared.write().unwrap_or_else(|p| p.into_inner()) = Some(still);
                    return Err(IpcError::new(
                        "busy",
                        "the workspace is still in use (a report or sync is running); try again when it finishes",
                    ));
                }
            }
        }
        let converted = convert(&root, key.as_deref());
        let reopened = match &converted {
            Ok(_) => Workspace::open_with_passphrase(&root, reopen_passphrase.as_deref()),
            Err(_) => Workspace::open_with_key(&root, key),
        };
        let reopened = reopened.map_err(|e| {
            let e = IpcError::from(e);
            note_locked(&root, &e);
            e
        });
        Ok((converted, reopened))
    })
    .await?;
    let (converted, reopened) = result;
    match reopened {
        Ok(ws) => {
            install(app, ws).await?;
        }
        Err(error) => {
            // Closed and not reopened (e.g. the keychain no longer answers):
            // the UI asks for the passphrase as at start-up.
            let failed = OpenState::Failed {
                error: error.clone(),
            };
            state.open.send_replace(failed.clone());
            let _ = app.emit("workspace-state", &failed);
            return Err(error);
        }
    }
    converted
}

/// Encrypt the open workspace in place (SPEC F54): the key goes to the OS
/// keychain, or, where none answers, is wrapped under `passphrase` (without
/// one: `passphrase_required`, nothing changed).
#[tauri::command]
pub async fn encrypt_workspace<R: tauri::Runtime>(
    app: AppHandle<R>,
    passphrase: Option<String>,
) -> IpcResult<EncryptionStatus> {
    let p = passphrase.filter(|p| !p.is_empty());
    let p2 = p.clone();
    convert_open_workspace(
        &app,
        move |root, _| {
            Ok(crypt::encrypt_workspace(
                root,
                NewKey::KeychainElse(p2.as_deref()),
            )?)
        },
        p,
    )
    .await
}

/// Decrypt the open workspace in place back to plain files; `confirm` must
/// be true (the UI asks first). Uses the open workspace's key: no
/// passphrase is asked again.
#[tauri::command]
pub async fn decrypt_workspace<R: tauri::Runtime>(
    app: AppHandle<R>,
    confirm: bool,
) -> IpcResult<EncryptionStatus> {
    if !confirm {
        return Err(IpcError::new(
            "invalid_argument",
            "decrypting leaves the workspace readable without a key; confirm to go on",
        ));
    }
    convert_open_workspace(
        &app,
        |root, key| {
            let key = key
                .ok_or_else(|| IpcError::new("not_encrypted", "the workspace is not encrypted"))?;
            Ok(crypt::decrypt_workspace_with_key(root, key)?)
        },
        None,
    )
    .await
}

#[tauri::command]
pub async fn workspace_overview<R: tauri::Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
) -> IpcResult<WorkspaceOverview> {
    with_ws(&state, move |ws| overview(&app.state::<AppState>(), ws)).await
}

/// Open an existing workspace: `path` must be in the recent list; without
/// it the native folder dialog asks. `None` = the user cancelled.
#[tauri::command]
pub async fn open_workspace<R: tauri::Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    path: Option<String>,
) -> IpcResult<Option<WorkspaceOverview>> {
    let dir = match path {
        Some(p) => {
            let known = state
                .recent_file
                .as_ref()
                .map(RecentList::load)
                .unwrap_or_default()
                .entries
                .into_iter()
                .any(|e| e.path == Path::new(&p));
            if !known {
                return Err(IpcError::new(
                    "invalid_argument",
                    format!("{p} is not in the recent list; use Open workspace… to choose it"),
                ));
            }
            PathBuf::from(p)
        }
        None => {
            let app2 = app.clone();
            match blocking(move || pick_folder(&app2, "Open a Shortlist workspace")).await? {
                Some(d) => d,
                None => return Ok(None),
            }
        }
    };
    switch_to(app, dir, recent::open_existing).await.map(Some)
}

/// Create a workspace in a folder chosen in the dialog (empty or new).
#[tauri::command]
pub async fn new_workspace<R: tauri::Runtime>(
    app: AppHandle<R>,
) -> IpcResult<Option<WorkspaceOverview>> {
    let app2 = app.clone();
    let dir =
        match blocking(move || pick_folder(&app2, "Choose an empty folder for the new workspace"))
            .await?
        {
            Some(d) => d,
            None => return Ok(None),
        };
    switch_to(app, dir, recent::create_new).await.map(Some)
}

/// Drop a workspace from the recent list (its folder is left alone).
#[tauri::command]
pub async fn forget_workspace<R: tauri::Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    path: String,
) -> IpcResult<WorkspaceOverview> {
    if let Some(file) = &state.recent_file {
        let mut list = RecentList::load(file);
        if list.forget(Path::new(&path)) {
            list.save()?;
        }
    }
    with_ws(&state, move |ws| overview(&app.state::<AppState>(), ws)).await
}

/// Progress events at most every 50 ms, plus every phase change.
struct Throttle<R: tauri::Runtime> {
    app: AppHandle<R>,
    last: std::sync::Mutex<(Option<ImportPhase>, Instant)>,
}

impl<R: tauri::Runtime> Throttle<R> {
    fn new(app: AppHandle<R>) -> Self {
        Throttle {
            app,
            last: std::sync::Mutex::new((None, Instant::now())),
        }
    }

    fn send(&self, phase: ImportPhase, done: u64, total: u64) {
        let mut last = self.last.lock().unwrap_or_else(|p| p.into_inner());
        let due = last.0 != Some(phase)
            || last.1.elapsed() >= Duration::from_millis(50)
            || (total > 0 && done == total);
        if due {
            *last = (Some(phase), Instant::now());
            let _ = self.app.emit(
                "import-progress",
                ImportProgressEvent { phase, done, total },
            );
        }
    }
}

fn import_error(e: import::ImportError) -> IpcError {
    let problems = e.problems().to_vec();
    let mut err = IpcError::from(e);
    err.problems = problems;
    err
}

/// Import a bundle folder (`source = folder`) or a `.zip` / `.csv`
/// (`source = file`) chosen in the dialog, emitting `import-progress`.
/// `None` = the user cancelled the dialog.
#[tauri::command]
pub async fn import_data<R: tauri::Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    source: ImportSource,
) -> IpcResult<Option<ImportResult>> {
    let app2 = app.clone();
    let path = match blocking(move || match source {
        ImportSource::Folder => pick_folder(&app2, "Import a HeyMilo export folder"),
        ImportSource::File => pick_import_file(&app2),
        ImportSource::Dropped => Ok(DROPPED.lock().unwrap_or_else(|p| p.into_inner()).take()),
    })
    .await?
    {
        Some(p) => p,
        None => return Ok(None),
    };
    if IMPORTING.swap(true, Ordering::SeqCst) {
        return Err(IpcError::new(
            "busy",
            "another import is running; wait for it or cancel it",
        ));
    }
    CANCEL.store(false, Ordering::SeqCst);
    let throttle = Throttle::new(app.clone());
    let result = with_ws(&state, move |ws| {
        let opts = ImportOptions {
            cancel: Some(&CANCEL),
            ..Default::default()
        };
        let summary = shortlist_core::actions::team::import_path_with(ws, &path, &opts, &|p| {
            throttle.send(p.phase, p.done, p.total)
        })
        .map_err(import_error)?;
        Ok(ImportResult {
            source: folder_name(&path),
            noop: summary.is_noop(),
            summary,
        })
    })
    .await;
    IMPORTING.store(false, Ordering::SeqCst);
    result.map(Some)
}

/// Ask a running import to stop; it then writes nothing.
#[tauri::command]
pub fn cancel_import() -> bool {
    let running = IMPORTING.load(Ordering::SeqCst);
    if running {
        CANCEL.store(true, Ordering::SeqCst);
    }
    running
}

/// Fill an empty workspace with the built-in demo.
#[tauri::command]
pub async fn load_demo_data<R: tauri::Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
) -> IpcResult<WorkspaceOverview> {
    with_ws(&state, move |ws| {
        if !ws.is_empty()? {
            return Err(IpcError::new(
                "invalid_argument",
                "this workspace already has interviewers; the demo goes into an empty workspace (New workspace…)",
            ));
        }
        let throttle = Throttle::new(app.clone());
        load_demo(ws, &|p| throttle.send(p.phase, p.done, p.total))?;
        overview(&app.state::<AppState>(), ws)
    })
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_drop_must_be_one_folder_zip_or_csv() {
        let tmp = tempfile::tempdir().unwrap();
        let folder = tmp.path().join("export");
        std::fs::create_dir(&folder).unwrap();
        let zip = tmp.path().join("Export.ZIP");
        let csv = tmp.path().join("people.csv");
        let pdf = tmp.path().join("cv.pdf");
        for f in [&zip, &csv, &pdf] {
            std::fs::write(f, b"x").unwrap();
        }
        for ok in [&folder, &zip, &csv] {
            let (offer, path) = judge_drop(std::slice::from_ref(ok));
            assert_eq!(offer.refused, None, "{ok:?}");
            assert_eq!(path.as_ref(), Some(ok));
        }
        let (offer, path) = judge_drop(std::slice::from_ref(&pdf));
        assert!(path.is_none());
        assert!(offer
            .refused
            .unwrap()
            .starts_with("cv.pdf is not an export"));
        let (offer, path) = judge_drop(&[zip.clone(), csv.clone()]);
        assert!(path.is_none());
        assert!(offer.refused.unwrap().contains("one export"));
        let (offer, _) = judge_drop(&[tmp.path().join("gone.zip")]);
        assert!(offer.refused.is_some(), "a path that does not exist");
    }
}
