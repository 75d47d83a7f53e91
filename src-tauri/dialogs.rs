//! The native open/save dialogs the commands open (blocking: call off the
//! main thread). The UI never hands the shell a file-system path; it gets
//! the user's choice from here (`None` = cancelled).
//!
//! For end-to-end tests (debug builds only; release builds always ask):
//! `SHORTLIST_E2E_SAVE_DIR=DIR` skips save dialogs and writes
//! `DIR/<suggested name>` (`.eml` exports go to `DIR/outbox-eml`), and
//! `SHORTLIST_E2E_PICK_FILE=FILE` skips open dialogs and uses the path
//! written in FILE (empty = the user cancelled).

use std::path::{Path, PathBuf};

use tauri::AppHandle;
use tauri_plugin_dialog::DialogExt;

use crate::error::{IpcError, IpcResult};

/// Env var naming a directory where saves go without a dialog (e2e tests).
pub const SAVE_DIR_ENV: &str = "SHORTLIST_E2E_SAVE_DIR";
/// Env var naming a file that holds the path an open dialog returns (e2e).
pub const PICK_FILE_ENV: &str = "SHORTLIST_E2E_PICK_FILE";

fn e2e_save_dir() -> Option<PathBuf> {
    if !cfg!(debug_assertions) {
        return None;
    }
    std::env::var_os(SAVE_DIR_ENV).map(PathBuf::from)
}

fn e2e_pick() -> Option<Option<PathBuf>> {
    if !cfg!(debug_assertions) {
        return None;
    }
    let file = std::env::var_os(PICK_FILE_ENV)?;
    let text = std::fs::read_to_string(file).unwrap_or_default();
    let text = text.trim();
    Some((!text.is_empty()).then(|| PathBuf::from(text)))
}

fn picked(p: Option<tauri_plugin_dialog::FilePath>) -> IpcResult<Option<PathBuf>> {
    match p {
        None => Ok(None),
        Some(p) => p.into_path().map(Some).map_err(|e| {
            IpcError::new(
                "invalid_argument",
                format!("the chosen location is not a local folder or file: {e}"),
            )
        }),
    }
}

/// Ask for a folder to open or create a workspace in, or to import.
pub fn pick_folder<R: tauri::Runtime>(
    app: &AppHandle<R>,
    title: &str,
) -> IpcResult<Option<PathBuf>> {
    if let Some(p) = e2e_pick() {
        return Ok(p);
    }
    picked(app.dialog().file().set_title(title).blocking_pick_folder())
}

/// Ask for a bundle `.zip`, a JSON export or candidates `.csv` to import.
pub fn pick_import_file<R: tauri::Runtime>(app: &AppHandle<R>) -> IpcResult<Option<PathBuf>> {
    if let Some(p) = e2e_pick() {
        return Ok(p);
    }
    picked(
        app.dialog()
            .file()
            .set_title("Import a HeyMilo export or a candidates CSV")
            .add_filter(
                "HeyMilo export (.zip), Shortlist JSON export (.json) or candidates (.csv)",
                &["zip", "json", "csv"],
            )
            .blocking_pick_file(),
    )
}

/// Ask where to save `name` (a file of the `filter` kind).
pub fn pick_save<R: tauri::Runtime>(
    app: &AppHandle<R>,
    name: &str,
    filter: (&str, &[&str]),
) -> IpcResult<Option<PathBuf>> {
    if let Some(dir) = e2e_save_dir() {
        return Ok(Some(Path::new(&dir).join(name)));
    }
    picked(
        app.dialog()
            .file()
            .set_file_name(name)
            .add_filter(filter.0, filter.1)
            .blocking_save_file(),
    )
}

/// Ask for a folder to write exported files into (`subdir` of the e2e
/// save directory in tests).
pub fn pick_export_folder<R: tauri::Runtime>(
    app: &AppHandle<R>,
    title: &str,
    subdir: &str,
) -> IpcResult<Option<PathBuf>> {
    if let Some(dir) = e2e_save_dir() {
        return Ok(Some(dir.join(subdir)));
    }
    picked(app.dialog().file().set_title(title).blocking_pick_folder())
}
