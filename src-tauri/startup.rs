//! Start-up: which workspace to open, and opening it off the UI thread
//! (with the demo on first run), announced as `workspace-state`.

use std::path::PathBuf;
use std::sync::Arc;

use shortlist_core::Workspace;
use tauri::{AppHandle, Emitter, Manager};

use crate::error::IpcError;
use crate::state::{self, AppState, OpenState, Progress};

/// Where the workspace comes from: `--workspace DIR`, then
/// `SHORTLIST_WORKSPACE`, then the OS app-data default.
#[derive(Debug, Clone, PartialEq)]
pub enum WorkspaceChoice {
    Explicit(PathBuf),
    Default,
}

impl WorkspaceChoice {
    pub fn from_env_and_args(args: impl Iterator<Item = String>) -> Self {
        Self::resolve(
            args,
            std::env::var_os("SHORTLIST_WORKSPACE").map(PathBuf::from),
        )
    }

    pub fn resolve(mut args: impl Iterator<Item = String>, env: Option<PathBuf>) -> Self {
        while let Some(a) = args.next() {
            if a == "--workspace" {
                if let Some(dir) = args.next() {
                    return WorkspaceChoice::Explicit(PathBuf::from(dir));
                }
            } else if let Some(dir) = a.strip_prefix("--workspace=") {
                return WorkspaceChoice::Explicit(PathBuf::from(dir));
            }
        }
        match env {
            Some(p) if !p.as_os_str().is_empty() => WorkspaceChoice::Explicit(p),
            _ => WorkspaceChoice::Default,
        }
    }
}

pub fn open_in_background(app: AppHandle, choice: WorkspaceChoice, default_dir: Option<PathBuf>) {
    tauri::async_runtime::spawn_blocking(move || {
        let state = app.state::<AppState>();
        let result = open(&app, choice, default_dir);
        let new_state = match result {
            Ok((ws, demo_loaded)) => {
                state::remember(&state, ws.root());
                state::show_in_title(&app, ws.root());
                let path = ws.root().display().to_string();
                *state.workspace.write().unwrap_or_else(|p| p.into_inner()) = Some(Arc::new(ws));
                OpenState::Ready { path, demo_loaded }
            }
            Err(error) => OpenState::Failed { error },
        };
        let _ = app.emit("workspace-state", &new_state);
        state.open.send_replace(new_state);
    });
}

fn open(
    app: &AppHandle,
    choice: WorkspaceChoice,
    default_dir: Option<PathBuf>,
) -> Result<(Workspace, bool), IpcError> {
    let dir = match choice {
        WorkspaceChoice::Explicit(p) => p,
        WorkspaceChoice::Default => default_dir.ok_or_else(|| {
            IpcError::new(
                "workspace_open",
                "cannot find this system's app-data folder; start Shortlist with --workspace DIR",
            )
        })?,
    };
    let _ = app.emit(
        "progress",
        Progress {
            task: "open",
            message: format!("Opening {}", dir.display()),
            done: 0,
            total: 1,
        },
    );
    let ws = Workspace::open(&dir).map_err(|e| {
        let e = IpcError::from(e);
        // An encrypted workspace without a keychain key: the UI asks for
        // the passphrase and calls `unlock_workspace`.
        state::note_locked(&dir, &e);
        e
    })?;
    let demo_loaded = load_demo_if_empty(app, &ws)?;
    Ok((ws, demo_loaded))
}

fn load_demo_if_empty(app: &AppHandle, ws: &Workspace) -> Result<bool, IpcError> {
    if !ws.is_empty()? {
        return Ok(false);
    }
    let _ = app.emit(
        "progress",
        Progress {
            task: "demo",
            message: "First run: loading the demo workspace".into(),
            done: 0,
            total: 1,
        },
    );
    state::load_demo(ws, &|p| {
        let _ = app.emit(
            "progress",
            Progress {
                task: "demo",
                message: format!("Loading the demo workspace: {}", p.phase),
                done: p.done,
                total: p.total,
            },
        );
    })?;
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(a: &[&str]) -> impl Iterator<Item = String> {
        a.iter()
            .map(|s| s.to_string())
            .collect::<Vec<_>>()
            .into_iter()
    }

    #[test]
    fn flag_beats_env_beats_default() {
        assert_eq!(
            WorkspaceChoice::resolve(args(&["--workspace", "/a"]), Some("/b".into())),
            WorkspaceChoice::Explicit("/a".into())
        );
        assert_eq!(
            WorkspaceChoice::resolve(args(&["--workspace=/c"]), None),
            WorkspaceChoice::Explicit("/c".into())
        );
        assert_eq!(
            WorkspaceChoice::resolve(args(&[]), Some("/b".into())),
            WorkspaceChoice::Explicit("/b".into())
        );
        assert_eq!(
            WorkspaceChoice::resolve(args(&[]), Some("".into())),
            WorkspaceChoice::Default
        );
        assert_eq!(
            WorkspaceChoice::resolve(args(&["--other"]), None),
            WorkspaceChoice::Default
        );
    }
}
