//! Reviewer actions from the UI (issue 5): cohorts, pinned notes, nudge /
//! blast / retake / ATS into the outbox, the outbox itself, enrich, Find
//! Other Jobs, Cross-Agent checks, notifications. Each command is one call
//! into `shortlist_core::actions`, off the UI thread.

use serde::Serialize;
use shortlist_core::actions::cohorts::{self, Cohort, CohortChange};
use shortlist_core::actions::cross_agent::{self, CrossAgentReport};
use shortlist_core::actions::enrich::{self, Enrichment};
use shortlist_core::actions::find_jobs::{self, FindJobsResult};
use shortlist_core::actions::messages::{self, QueueOptions, QueueReport, RetakeGrant};
use shortlist_core::actions::notes::{self, Note};
use shortlist_core::actions::notifications::{self, Notifications, OsNotice};
use shortlist_core::actions::outbox::{self, OutboxItem};
use shortlist_delivery::eml;
use shortlist_delivery::heymilo::{Client, ClientConfig};
use shortlist_delivery::secrets::{self, Secret};
use shortlist_delivery::smtp::{self, Sender, SmtpOverrides};
use shortlist_delivery::sync::{self, SyncOptions, SyncReport};
use shortlist_delivery::DeliveryReport;
use tauri::{Emitter, State};

use crate::commands::with_ws;
use crate::error::{IpcError, IpcResult};
use crate::AppState;

fn some(ids: &[String]) -> IpcResult<()> {
    if ids.is_empty() {
        Err(IpcError::new("invalid_argument", "no candidate selected"))
    } else {
        Ok(())
    }
}

fn opts(request_id: Option<String>) -> QueueOptions {
    QueueOptions { request_id }
}

/// Every command of this file the UI may call; `build.rs` declares them in
/// the app manifest.
pub const COMMANDS: &[&str] = &[
    "list_cohorts",
    "create_cohort",
    "add_to_cohort",
    "remove_from_cohort",
    "list_notes",
    "add_note",
    "delete_note",
    "nudge",
    "blast",
    "allow_retake",
    "queue_ats",
    "outbox_list",
    "outbox_retry",
    "outbox_cancel",
    "enrich",
    "find_other_jobs",
    "cross_agent",
    "list_notifications",
    "mark_notifications_read",
    "outbox_send",
    "delete_cohort",
    "notify_settings",
    "set_os_notifications",
    "set_notify_threshold",
    "raise_os_notifications",
    "sync_settings",
    "save_sync_settings",
    "clear_api_key",
    "sync_now",
    "outbox_export_eml",
    "ats_deliver",
];

/// Run one core call off the UI thread with the open workspace; its typed
/// error becomes the UI's `{code, message}`. Most commands are just this.
async fn core<T, E>(
    state: &AppState,
    f: impl FnOnce(&shortlist_core::Workspace) -> Result<T, E> + Send + 'static,
) -> IpcResult<T>
where
    T: Send + 'static,
    IpcError: From<E>,
{
    with_ws(state, move |ws| f(ws).map_err(IpcError::from)).await
}

/// [`core`] for an action on a selection: refuses an empty one first.
async fn on_selection<T, E>(
    state: &AppState,
    ids: Vec<String>,
    f: impl FnOnce(&shortlist_core::Workspace, &[String]) -> Result<T, E> + Send + 'static,
) -> IpcResult<T>
where
    T: Send + 'static,
    IpcError: From<E>,
{
    some(&ids)?;
    core(state, move |ws| f(ws, &ids)).await
}

#[tauri::command]
pub async fn list_cohorts(state: State<'_, AppState>) -> IpcResult<Vec<Cohort>> {
    core(&state, cohorts::list_cohorts).await
}

#[tauri::command]
pub async fn create_cohort(state: State<'_, AppState>, name: String) -> IpcResult<Cohort> {
    core(&state, move |ws| cohorts::create_cohort(ws, &name)).await
}

#[tauri::command]
pub async fn add_to_cohort(
    state: State<'_, AppState>,
    name: String,
    interview_ids: Vec<String>,
) -> IpcResult<CohortChange> {
    on_selection(&state, interview_ids, move |ws, ids| {
        cohorts::add_to_cohort(ws, &name, ids)
    })
    .await
}

#[tauri::command]
pub async fn remove_from_cohort(
    state: State<'_, AppState>,
    name: String,
    interview_ids: Vec<String>,
) -> IpcResult<CohortChange> {
    on_selection(&state, interview_ids, move |ws, ids| {
        cohorts::remove_from_cohort(ws, &name, ids)
    })
    .await
}

#[tauri::command]
pub async fn list_notes(state: State<'_, AppState>, interview_id: String) -> IpcResult<Vec<Note>> {
    core(&state, move |ws| notes::list_notes(ws, &interview_id)).await
}

#[tauri::command]
pub async fn add_note(
    state: State<'_, AppState>,
    interview_id: String,
    at_seconds: Option<f64>,
    text: String,
) -> IpcResult<Note> {
    core(&state, move |ws| {
        notes::add_note(ws, &interview_id, at_seconds, &text)
    })
    .await
}

#[tauri::command]
pub async fn delete_note(state: State<'_, AppState>, note_id: i64) -> IpcResult<()> {
    core(&state, move |ws| notes::delete_note(ws, note_id)).await
}

#[tauri::command]
pub async fn nudge(
    state: State<'_, AppState>,
    interview_ids: Vec<String>,
    request_id: Option<String>,
) -> IpcResult<QueueReport> {
    on_selection(&state, interview_ids, move |ws, ids| {
        messages::nudge(ws, ids, None, &opts(request_id))
    })
    .await
}

#[tauri::command]
pub async fn blast(
    state: State<'_, AppState>,
    interview_ids: Vec<String>,
    subject: String,
    body: String,
    request_id: Option<String>,
) -> IpcResult<QueueReport> {
    on_selection(&state, interview_ids, move |ws, ids| {
        messages::blast(ws, ids, &subject, &body, &opts(request_id))
    })
    .await
}

#[tauri::command]
pub async fn allow_retake(
    state: State<'_, AppState>,
    interview_ids: Vec<String>,
    force: bool,
    request_id: Option<String>,
) -> IpcResult<Vec<RetakeGrant>> {
    on_selection(&state, interview_ids, move |ws, ids| {
        messages::allow_retake(ws, ids, force, &opts(request_id))
    })
    .await
}

#[tauri::command]
pub async fn queue_ats(
    state: State<'_, AppState>,
    interview_ids: Vec<String>,
    ats_name: String,
    request_id: Option<String>,
) -> IpcResult<QueueReport> {
    on_selection(&state, interview_ids, move |ws, ids| {
        messages::queue_ats_push(ws, ids, &ats_name, true, &opts(request_id))
    })
    .await
}

#[tauri::command]
pub async fn outbox_list(state: State<'_, AppState>) -> IpcResult<Vec<OutboxItem>> {
    core(&state, |ws| outbox::list(ws, None)).await
}

#[tauri::command]
pub async fn outbox_retry(state: State<'_, AppState>, ids: Vec<i64>) -> IpcResult<Vec<OutboxItem>> {
    core(&state, move |ws| outbox::retry(ws, &ids)).await
}

#[tauri::command]
pub async fn outbox_cancel(
    state: State<'_, AppState>,
    ids: Vec<i64>,
) -> IpcResult<Vec<OutboxItem>> {
    core(&state, move |ws| outbox::cancel(ws, &ids)).await
}

#[tauri::command]
pub async fn enrich(
    state: State<'_, AppState>,
    interview_ids: Vec<String>,
) -> IpcResult<Vec<Enrichment>> {
    on_selection(&state, interview_ids, enrich::enrich).await
}

#[tauri::command]
pub async fn find_other_jobs(
    state: State<'_, AppState>,
    interview_id: String,
) -> IpcResult<FindJobsResult> {
    core(&state, move |ws| {
        find_jobs::find_other_jobs(ws, &interview_id)
    })
    .await
}

/// Cross-Agent checks; calling it again is Retry Analysis.
#[tauri::command]
pub async fn cross_agent(
    state: State<'_, AppState>,
    interview_id: String,
) -> IpcResult<CrossAgentReport> {
    core(&state, move |ws| {
        cross_agent::cross_agent(ws, &interview_id)
    })
    .await
}

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

/// Delete a cohort (its memberships go; candidates stay). Audited.
#[tauri::command]
pub async fn delete_cohort(state: State<'_, AppState>, name: String) -> IpcResult<()> {
    core(&state, move |ws| cohorts::delete_cohort(ws, &name)).await
}

// ---- OS notifications (F23) ----

/// What the Settings dialog shows about notifications.
#[derive(Debug, Clone, Serialize)]
pub struct NotifySettings {
    pub os_enabled: bool,
    /// High-score threshold of the interviewer asked about (percent).
    pub threshold: f64,
    /// Whether that threshold is the interviewer's own (else the default).
    pub threshold_own: bool,
}

#[tauri::command]
pub async fn notify_settings(
    state: State<'_, AppState>,
    posting_id: Option<String>,
) -> IpcResult<NotifySettings> {
    with_ws(&state, move |ws| {
        let (threshold, threshold_own) = notifications::threshold_of(ws, posting_id.as_deref())?;
        Ok(NotifySettings {
            os_enabled: notifications::os_enabled(ws)?,
            threshold,
            threshold_own,
        })
    })
    .await
}

/// Turn OS notifications on or off (persisted in the workspace).
#[tauri::command]
pub async fn set_os_notifications(state: State<'_, AppState>, enabled: bool) -> IpcResult<()> {
    core(&state, move |ws| notifications::set_os_enabled(ws, enabled)).await
}

/// Set the high-score threshold of one interviewer (or the default).
#[tauri::command]
pub async fn set_notify_threshold(
    state: State<'_, AppState>,
    posting_id: Option<String>,
    value: f64,
) -> IpcResult<()> {
    core(&state, move |ws| {
        notifications::set_threshold(ws, posting_id.as_deref(), value)
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

// ---- HeyMilo sync (F42) from the UI ----

/// Where the API key for the configured URL comes from, never the key.
#[derive(Debug, Clone, Serialize)]
pub struct SyncSettings {
    pub api_url: Option<String>,
    /// `session` (kept in memory: no keychain here), `env`
    /// (`SHORTLIST_API_KEY`), `keychain`, or `none`.
    pub key_source: String,
    pub last_sync_at: Option<f64>,
}

fn session_key(state: &AppState, account: &str) -> Option<Secret> {
    let guard = state.session_key.lock().unwrap_or_else(|p| p.into_inner());
    guard
        .as_ref()
        .filter(|(a, _)| a == account)
        .map(|(_, s)| s.clone())
}

fn key_source(state: &AppState, api_url: &str) -> IpcResult<String> {
    if session_key(state, &secrets::api_account(api_url)).is_some() {
        return Ok("session".into());
    }
    Ok(match secrets::api_key_source(api_url)? {
        secrets::SecretSource::Env => "env",
        secrets::SecretSource::Keychain => "keychain",
        secrets::SecretSource::None => "none",
    }
    .into())
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
        None => "none".into(),
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
        let report = sync::sync(ws, &client, &opts, &|p| {
            let _ = app.emit("sync-progress", p);
        })?;
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
    let dir = tauri::async_runtime::spawn_blocking(move || pick_folder(&app))
        .await
        .map_err(|e| IpcError::new("internal", format!("background task failed: {e}")))??;
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

fn pick_folder<R: tauri::Runtime>(
    app: &tauri::AppHandle<R>,
) -> IpcResult<Option<std::path::PathBuf>> {
    if cfg!(debug_assertions) {
        if let Some(dir) = std::env::var_os(crate::commands_outputs::SAVE_DIR_ENV) {
            return Ok(Some(std::path::Path::new(&dir).join("outbox-eml")));
        }
    }
    use tauri_plugin_dialog::DialogExt;
    match app
        .dialog()
        .file()
        .set_title("Folder for the .eml files")
        .blocking_pick_folder()
    {
        None => Ok(None),
        Some(p) => p.into_path().map(Some).map_err(|e| {
            IpcError::new(
                "invalid_argument",
                format!("the chosen folder is not a local folder: {e}"),
            )
        }),
    }
}
