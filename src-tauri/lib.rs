//! The Shortlist desktop shell: opens a workspace, starts the loopback media
//! server and the audio thread, and exposes thin commands over the core.
//! Every command is declared in `build.rs` and granted in
//! `capabilities/main.json` for the main window only.

pub mod charts;
pub mod commands;
pub mod commands_actions;
pub mod commands_outputs;
pub mod commands_settings;
pub mod commands_workspace;
pub mod error;
pub mod media_server;
pub mod playback;
pub mod webview;
pub mod workspace;

#[cfg(test)]
mod commands_tests;
#[cfg(test)]
mod ts_types;

use std::sync::{Arc, RwLock};

use tauri::utils::config::{Csp, CspDirectiveSources};
use tauri::{Emitter, Manager};

use crate::media_server::{MediaServer, SharedWorkspace};
use crate::playback::NativeAudio;
use crate::workspace::{OpenState, WorkspaceChoice};

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

/// CSP with the media server's origin patched into `media-src`, `img-src`
/// and `frame-src` (résumé PDFs), and nothing else widened.
pub fn csp_with_media_origin(base: Option<Csp>, origin: &str) -> Csp {
    let mut map = match base {
        Some(Csp::DirectiveMap(map)) => map,
        Some(Csp::Policy(p)) => {
            let mut map = std::collections::HashMap::new();
            for d in p.split(';') {
                let mut parts = d.split_whitespace();
                if let Some(name) = parts.next() {
                    map.insert(
                        name.to_string(),
                        CspDirectiveSources::List(parts.map(String::from).collect()),
                    );
                }
            }
            map
        }
        None => Default::default(),
    };
    for (directive, default) in [
        ("media-src", "'self'"),
        ("img-src", "'self'"),
        ("frame-src", "'none'"),
    ] {
        let mut sources: Vec<String> = match map.remove(directive) {
            Some(CspDirectiveSources::List(l)) => l,
            Some(CspDirectiveSources::Inline(s)) => {
                s.split_whitespace().map(String::from).collect()
            }
            None => vec![default.to_string()],
        };
        sources.retain(|s| s != "'none'");
        sources.push(origin.to_string());
        map.insert(directive.to_string(), CspDirectiveSources::List(sources));
    }
    Csp::DirectiveMap(map)
}

pub fn run() {
    let choice = WorkspaceChoice::from_env_and_args(std::env::args().skip(1));
    let shared: SharedWorkspace = Arc::new(RwLock::new(None));
    let media = tauri::async_runtime::block_on(media_server::start(shared.clone()))
        .expect("bind the loopback media server on 127.0.0.1");

    let mut context = tauri::generate_context!();
    let security = &mut context.config_mut().app.security;
    security.csp = Some(csp_with_media_origin(security.csp.take(), &media.origin()));

    let (open_tx, _) = tokio::sync::watch::channel(OpenState::Opening);
    tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_notification::init())
        .setup(move |app| {
            if let Some(window) = app.get_webview_window("main") {
                webview::tune(&window);
            }
            let handle = app.handle().clone();
            let audio_handle = handle.clone();
            let audio = Arc::new(NativeAudio::start(move |state| {
                let _ = audio_handle.emit("audio-state", state);
            }));
            app.manage(AppState {
                workspace: shared,
                open: open_tx,
                media,
                audio,
                recent_file: shortlist_core::recent::default_recent_file(),
                session_key: Default::default(),
            });
            // Same default as the CLI: <OS data dir>/Shortlist/workspace.
            let default_dir = shortlist_core::store::default_workspace_dir().or_else(|| {
                handle
                    .path()
                    .app_data_dir()
                    .map(|d| d.join("workspace"))
                    .ok()
            });
            workspace::open_in_background(handle, choice, default_dir);
            Ok(())
        })
        // Files dropped by the OS (never paths from the page) offer an import.
        .on_window_event(|window, event| {
            if let tauri::WindowEvent::DragDrop(tauri::DragDropEvent::Drop { paths, .. }) = event {
                commands_workspace::on_drop(window.app_handle(), paths);
            }
        })
        .invoke_handler(commands::handler())
        .run(context)
        .expect("error while running Shortlist");
}

#[cfg(test)]
mod manifest_tests {
    //! Every command of the `COMMANDS` lists (which `build.rs` declares in
    //! the app manifest) is granted in exactly one capability file, and
    //! nothing is granted that does not exist. A missing line fails here
    //! instead of at runtime in the window.
    use std::collections::BTreeSet;

    fn all_commands() -> BTreeSet<String> {
        [
            crate::commands::COMMANDS,
            crate::commands_outputs::COMMANDS,
            crate::commands_actions::COMMANDS,
            crate::commands_workspace::COMMANDS,
            crate::commands_settings::COMMANDS,
        ]
        .concat()
        .iter()
        .map(|s| s.to_string())
        .collect()
    }

    #[test]
    fn commands_are_declared_and_granted_once() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        // build.rs declares what the COMMANDS lists hold (it reads them).
        let commands = all_commands();
        let handler_files = std::fs::read_dir(root.join("src-tauri"))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| {
                let n = p.file_name().unwrap().to_string_lossy().into_owned();
                n.starts_with("commands")
                    && n.ends_with(".rs")
                    && std::fs::read_to_string(p)
                        .unwrap()
                        .contains("#[tauri::command]")
            })
            .count();
        assert_eq!(
            handler_files, 5,
            "a new commands*.rs file: add its COMMANDS to all_commands()"
        );

        let mut granted = Vec::new();
        for entry in std::fs::read_dir(root.join("capabilities")).unwrap() {
            let path = entry.unwrap().path();
            let cap: serde_json::Value =
                serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
            for p in cap["permissions"].as_array().unwrap() {
                if let Some(name) = p.as_str().and_then(|p| p.strip_prefix("allow-")) {
                    granted.push(name.replace('-', "_"));
                }
            }
        }
        let granted_set: BTreeSet<String> = granted.iter().cloned().collect();
        assert_eq!(granted.len(), granted_set.len(), "a command granted twice");
        assert_eq!(granted_set, commands, "capabilities vs the COMMANDS lists");
    }
}
