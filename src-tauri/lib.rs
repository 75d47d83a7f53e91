//! The Shortlist desktop shell: opens a workspace, starts the loopback media
//! server and the audio thread, and exposes thin commands over the core.
//! Every command is declared in `build.rs` and granted in
//! `capabilities/main.json` for the main window only.

pub mod charts;
pub mod command_names;
pub mod commands;
pub mod commands_actions;
pub mod commands_outputs;
pub mod error;
pub mod media_server;
pub mod playback;
pub mod workspace;

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
        .invoke_handler(commands::handler())
        .run(context)
        .expect("error while running Shortlist");
}
