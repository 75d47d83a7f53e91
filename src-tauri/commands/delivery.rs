//! Delivery from the UI: send queued mail over SMTP or export it as
//! `.eml` (F41), push results to the ATS (F43), and HeyMilo sync (F42):
//! its settings (the API key in the OS keychain, or this session only) and
//! Sync now. Thin: the work is `shortlist_delivery`'s.

use serde::Serialize;
use shortlist_core::actions::outbox;
use shortlist_delivery::eml;
use shortlist_delivery::heymilo::{Client, ClientConfig};
use shortlist_delivery::secrets::{self, Secret};
use shortlist_delivery::smtp::{self, Sender, SmtpOverrides};
use shortlist_delivery::sync::{self, SyncOptions, SyncReport};
use shortlist_delivery::DeliveryReport;
use tauri::{Emitter, State};

use crate::dialogs::pick_export_folder;
use crate::error::{IpcError, IpcResult};
use crate::state::{blocking, core, with_ws, AppState};

/// Send now: deliver due mail over SMTP. The form's fields are saved as the
/// workspace's `smtp.*` settings; a password typed in the form goes to the
/// OS keychain (when `remember`) and is never written to the workspace.
#[tauri::command]
pub async fn outbox_send(
    state: State<'_, AppState>,
    smtp_settings: SmtpOverrides,
    password: Option<String>,
    remember: bool,
) -> IpcResult<DeliveryReport> {
    with_ws(&state, move |ws| {
        let o = &smtp_settings;
        let port = o.port.map(|p| p.to_string());
        for (key, value) in [
            ("smtp.host", o.host.as_deref()),
            ("smtp.port", port.as_deref()),
            ("smtp.security", o.security.as_deref()),
            ("smtp.user", o.user.as_deref()),
            ("smtp.from", o.from.as_deref()),
            ("smtp.from_name", o.from_name.as_deref()),
        ] {
            if let Some(v) = value.map(str::trim).filter(|v| !v.is_empty()) {
                shortlist_core::actions::set_setting(ws, key, v)?;
            }
        }
        let password = password.filter(|p| !p.is_empty()).map(Secret::new);
        if let (Some(pw), true, Some(host), Some(user)) =
            (&password, remember, o.host.as_deref(), o.user.as_deref())
        {
            secrets::keychain_set(&secrets::smtp_account(host, user), pw)
                .map_err(shortlist_delivery::DeliveryError::from)?;
        }
        let cfg = smtp::config_from_settings(ws, &SmtpOverrides::default(), password)?;
        Ok(smtp::send_outbox(
            ws,
            &cfg,
            &outbox::RetryPolicy::default(),
        )?)
    })
    .await
}

// ---- HeyMilo sync (F42) from the UI ----

/// Where the API key for a URL comes from (never the key itself).
#[derive(Debug, Clone, Copy, Serialize, PartialEq)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "lowercase")]
pub enum KeySource {
    /// Kept in memory for this session: this machine has no keychain.
    Session,
    /// `SHORTLIST_API_KEY`.
    Env,
    Keychain,
    None,
}

/// The sync settings: the API URL and where its key comes from.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct SyncSettings {
    pub api_url: Option<String>,
    pub key_source: KeySource,
    pub last_sync_at: Option<f64>,
}

fn session_key(state: &AppState, account: &str) -> Option<Secret> {
    let guard = state.session_key.lock().unwrap_or_else(|p| p.into_inner());
    guard
        .as_ref()
        .filter(|(a, _)| a == account)
        .map(|(_, s)| s.clone())
}

fn key_source(state: &AppState, api_url: &str) -> IpcResult<KeySource> {
    if session_key(state, &secrets::api_account(api_url)).is_some() {
        return Ok(KeySource::Session);
    }
    Ok(match secrets::api_key_source(api_url)? {
        secrets::SecretSource::Env => KeySource::Env,
        secrets::SecretSource::Keychain => KeySource::Keychain,
        secrets::SecretSource::None => KeySource::None,
    })
}

const API_URL_SETTING: &str = "sync.api_url";
const LAST_SYNC_SETTING: &str = "sync.last_at";

#[tauri::command]
pub async fn sync_settings(state: State<'_, AppState>) -> IpcResult<SyncSettings> {
    let (api_url, last) = with_ws(&state, |ws| {
        Ok((
            shortlist_core::actions::setting(ws, API_URL_SETTING)?,
            shortlist_core::actions::setting(ws, LAST_SYNC_SETTING)?,
        ))
    })
    .await?;
    let key_source = match &api_url {
        Some(u) => key_source(&state, u)?,
        None => KeySource::None,
    };
    Ok(SyncSettings {
        api_url,
        key_source,
        last_sync_at: last.and_then(|v| v.parse().ok()),
    })
}

fn check_api_url(api_url: &str) -> IpcResult<String> {
    let u = api_url.trim().trim_end_matches('/').to_string();
    if !(u.starts_with("https://") || u.starts_with("http://")) || u.len() < 10 {
        return Err(IpcError::new(
            "invalid_argument",
            format!("`{api_url}` is not an API URL; it starts with https:// (e.g. https://api.heymilo.ai)"),
        ));
    }
    Ok(u)
}

/// Save the API URL (workspace setting) and, when given, the API key: in the
/// OS keychain, or, when this machine has no keychain, in memory for this
/// session only (the result says which). The key never reaches the
/// workspace or a log.
#[tauri::command]
pub async fn save_sync_settings(
    state: State<'_, AppState>,
    api_url: String,
    api_key: Option<String>,
) -> IpcResult<SyncSettings> {
    let url = check_api_url(&api_url)?;
    let u = url.clone();
    core(&state, move |ws| {
        shortlist_core::actions::set_setting(ws, API_URL_SETTING, &u)
    })
    .await?;
    if let Some(key) = api_key
        .map(|k| k.trim().to_string())
        .filter(|k| !k.is_empty())
    {
        let account = secrets::api_account(&url);
        let secret = Secret::new(key);
        let stored = tauri::async_runtime::spawn_blocking({
            let (account, secret) = (account.clone(), secret.clone());
            move || secrets::keychain_set(&account, &secret)
        })
        .await
        .map_err(|e| IpcError::new("internal", format!("background task failed: {e}")))?;
        let next = match stored {
            Ok(()) => None,
            Err(secrets::SecretError::NoKeychain { .. }) => Some((account, secret)),
            Err(e) => return Err(e.into()),
        };
        *state.session_key.lock().unwrap_or_else(|p| p.into_inner()) = next;
    }
    sync_settings(state).await
}

/// Forget the API key: from this session and from the OS keychain.
#[tauri::command]
pub async fn clear_api_key(state: State<'_, AppState>) -> IpcResult<SyncSettings> {
    let url = core(&state, |ws| {
        shortlist_core::actions::setting(ws, API_URL_SETTING)
    })
    .await?;
    *state.session_key.lock().unwrap_or_else(|p| p.into_inner()) = None;
    if let Some(u) = url {
        let account = secrets::api_account(&u);
        let r = tauri::async_runtime::spawn_blocking(move || secrets::keychain_delete(&account))
            .await
            .map_err(|e| IpcError::new("internal", format!("background task failed: {e}")))?;
        match r {
            Ok(_) | Err(secrets::SecretError::NoKeychain { .. }) => {}
            Err(e) => return Err(e.into()),
        }
    }
    sync_settings(state).await
}

/// Sync now / Refresh: pull from the HeyMilo API at the saved URL and merge
/// like an import (reviewer data untouched), with `sync-progress` events.
/// `interview_ids` non-empty refreshes only those candidates.
/// The configured HeyMilo API URL and this session's key for it, if any.
async fn api_target(state: &AppState) -> IpcResult<(String, Option<Secret>)> {
    let url = core(state, |ws| {
        shortlist_core::actions::setting(ws, API_URL_SETTING)
    })
    .await?
    .ok_or_else(|| {
        IpcError::new(
            "sync_not_configured",
            "no HeyMilo API URL yet: enter it in Settings → HeyMilo sync, with your API key",
        )
    })?;
    let session = session_key(state, &secrets::api_account(&url));
    Ok((url, session))
}

/// A client for `url` with the key from this session, the keychain or
/// `SHORTLIST_API_KEY` (blocking: call on the workspace thread).
fn api_client(url: &str, session: Option<Secret>) -> IpcResult<Client> {
    let key = match secrets::api_key(session, url) {
        Ok(k) => k,
        Err(secrets::SecretError::Missing { .. }) => {
            return Err(IpcError::new(
                "secret_missing",
                format!("no API key for {url}: enter it in Settings → HeyMilo sync (or set SHORTLIST_API_KEY)"),
            ))
        }
        Err(e) => return Err(e.into()),
    };
    Ok(Client::new(url, key, ClientConfig::default())
        .map_err(shortlist_delivery::DeliveryError::from)?)
}

/// What Push to ATS did: the delivery run, then the status of every push
/// sent so far.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct AtsRun {
    pub report: DeliveryReport,
    pub statuses: Vec<shortlist_delivery::ats::PushStatus>,
}

/// Send Results to ATS (F43): deliver queued pushes through HeyMilo's
/// `/api/v2/ats/candidates/push` with the sync settings' URL and key, then
/// poll each sent push's status. Failures stay in the Outbox with their
/// reason and next retry, as for mail.
#[tauri::command]
pub async fn ats_deliver(state: State<'_, AppState>) -> IpcResult<AtsRun> {
    let (url, session) = api_target(&state).await?;
    with_ws(&state, move |ws| {
        let client = api_client(&url, session)?;
        let report = shortlist_delivery::ats::send_ats(
            ws,
            &client,
            &shortlist_core::actions::outbox::RetryPolicy::default(),
        )?;
        let statuses = shortlist_delivery::ats::poll_ats(ws, &client, None)?;
        Ok(AtsRun { report, statuses })
    })
    .await
}

/// Set by `cancel_sync`; the running sync stops at its next step (a
/// download stops mid-file) and writes nothing (F42: what it fetched stays
/// staged, and the next sync continues from there). One sync at a time (the
/// core's lock), so one flag.
static SYNC_CANCEL: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);
static SYNCING: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Cancel the running sync; `true` when one was running.
#[tauri::command]
pub fn cancel_sync() -> bool {
    use std::sync::atomic::Ordering;
    let running = SYNCING.load(Ordering::SeqCst);
    if running {
        SYNC_CANCEL.store(true, Ordering::SeqCst);
    }
    running
}

#[tauri::command]
pub async fn sync_now<R: tauri::Runtime>(
    app: tauri::AppHandle<R>,
    state: State<'_, AppState>,
    interview_ids: Vec<String>,
) -> IpcResult<SyncReport> {
    let (url, session) = api_target(&state).await?;
    with_ws(&state, move |ws| {
        let client = api_client(&url, session)?;
        let opts = SyncOptions {
            postings: vec![],
            media: true,
            interviews: interview_ids,
        };
        use std::sync::atomic::Ordering;
        SYNC_CANCEL.store(false, Ordering::SeqCst);
        SYNCING.store(true, Ordering::SeqCst);
        let result = sync::sync_with(
            ws,
            &client,
            &opts,
            &|p| {
                let _ = app.emit("sync-progress", p);
            },
            &SYNC_CANCEL,
        );
        SYNCING.store(false, Ordering::SeqCst);
        let report = result?;
        shortlist_core::actions::set_setting(
            ws,
            LAST_SYNC_SETTING,
            &shortlist_core::store::now().to_string(),
        )?;
        Ok(report)
    })
    .await
}

// ---- .eml export of queued mail (F41) ----

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct EmlExport {
    pub dir: String,
    pub files: usize,
    pub marked_sent: bool,
}

/// Write queued e-mail as `.eml` files into a folder the user picks (native
/// dialog opened here; `None` = cancelled). `mark_sent`: the user sends them
/// from a mail client, so SMTP delivery must not send them again.
#[tauri::command]
pub async fn outbox_export_eml<R: tauri::Runtime>(
    app: tauri::AppHandle<R>,
    state: State<'_, AppState>,
    from: Option<String>,
    from_name: Option<String>,
    mark_sent: bool,
) -> IpcResult<Option<EmlExport>> {
    let dir = blocking(move || pick_export_folder(&app, "Folder for the .eml files", "outbox-eml"))
        .await?;
    let Some(dir) = dir else { return Ok(None) };
    with_ws(&state, move |ws| {
        let from = from.filter(|f| !f.trim().is_empty());
        let sender = eml_sender(ws, from.as_deref(), from_name.as_deref())?;
        let files = eml::export_eml(ws, &dir, &sender, mark_sent)?;
        shortlist_core::actions::record(ws, "outbox.export_eml", None)?;
        Ok(Some(EmlExport {
            dir: dir.display().to_string(),
            files: files.len(),
            marked_sent: mark_sent && !files.is_empty(),
        }))
    })
    .await
}

fn eml_sender(
    ws: &shortlist_core::Workspace,
    from: Option<&str>,
    from_name: Option<&str>,
) -> IpcResult<Sender> {
    match Sender::resolve(ws, from, from_name) {
        Err(shortlist_delivery::DeliveryError::NoFrom) => Err(IpcError::new(
            "smtp_no_from",
            "no sender address: fill in “From address” above so the messages say who they are from",
        )),
        r => Ok(r?),
    }
}
