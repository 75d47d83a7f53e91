//! Trust in the app (SPEC F50, F52): the integrity check (in the background
//! after open when due, and "Check now"), erasure with its plan and log,
//! retention rules with a dry run, and the background pass that applies
//! them — on open and every 24 hours while the app runs.
//!
//! Events: `integrity-progress` ([`CheckProgress`]), `integrity-done`
//! ([`IntegrityView`]), `retention-applied` ([`RetentionRun`]).

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;
use std::time::Duration;

use serde::Serialize;
use shortlist_core::actions::erase::{self, ErasePlan, ErasureRecord, ErasureReport};
use shortlist_core::actions::retention::{self, RetentionOutcome, RetentionPlan, RetentionRules};
use shortlist_core::store::integrity::{CheckKind, CheckProgress, IntegrityDue, IntegrityReport};
use shortlist_core::Workspace;
use tauri::{AppHandle, Emitter, Manager, State};

use crate::dialogs::pick_save;
use crate::error::{IpcError, IpcResult};
use crate::state::{core, with_ws, AppState, OpenState};

/// What the user types to confirm an erasure (checked here too, so no
/// other caller of the command erases without it).
pub const ERASE_CONFIRMATION: &str = "ERASE";

/// How often the background pass runs while the app stays open.
pub const PASS_INTERVAL: Duration = Duration::from_secs(24 * 3600);

/// The integrity check running now (one at a time).
static CHECK: Mutex<Option<shortlist_core::store::integrity::IntegrityTask>> = Mutex::new(None);

/// Settings → Integrity: the last stored check, whether one is due, and the
/// running one's progress. `recovery` is the way back when the last check
/// failed (the last verified backup, `shortlist check`).
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct IntegrityView {
    pub last: Option<IntegrityReport>,
    pub due: Option<IntegrityDue>,
    pub running: bool,
    pub progress: Option<CheckProgress>,
    pub recovery: Option<String>,
    /// Why the last run stopped without a result (cancelled, unreadable).
    pub error: Option<IpcError>,
}

fn running_check() -> (bool, Option<CheckProgress>) {
    let slot = CHECK.lock().unwrap_or_else(|p| p.into_inner());
    match slot.as_ref() {
        Some(t) if !t.is_finished() => (true, t.progress()),
        _ => (false, None),
    }
}

fn view_of(ws: &Workspace, error: Option<IpcError>) -> IpcResult<IntegrityView> {
    let last = ws.last_integrity()?;
    let (running, progress) = running_check();
    let recovery = last
        .as_ref()
        .filter(|r| !r.ok)
        .map(|_| shortlist_core::store::recovery_path(ws.root()));
    Ok(IntegrityView {
        due: ws.integrity_due()?,
        last,
        running,
        progress,
        recovery,
        error,
    })
}

/// Starts a check on its own thread unless one is running; progress and
/// the result go out as events. `true` when this call started it.
pub fn start_check<R: tauri::Runtime>(
    app: &AppHandle<R>,
    ws: &std::sync::Arc<Workspace>,
    kind: CheckKind,
) -> IpcResult<bool> {
    let mut slot = CHECK.lock().unwrap_or_else(|p| p.into_inner());
    if slot.as_ref().is_some_and(|t| !t.is_finished()) {
        return Ok(false);
    }
    let (progress_app, done_app, done_ws) = (app.clone(), app.clone(), ws.clone());
    let task = ws.start_integrity_check(
        kind,
        move |p| {
            let _ = progress_app.emit("integrity-progress", p);
        },
        move |result| {
            let error = result
                .as_ref()
                .err()
                .map(|e| IpcError::new(shortlist_core::Coded::code(e), e.to_string()));
            // The task is still "running" until this returns: say so not.
            let view = view_of(&done_ws, error).map(|mut v| {
                v.running = false;
                v.progress = None;
                v
            });
            if let Ok(v) = view {
                let _ = done_app.emit("integrity-done", v);
            }
        },
    )?;
    *slot = Some(task); // a finished earlier task is joined here
    Ok(true)
}

#[tauri::command]
pub async fn integrity_status(state: State<'_, AppState>) -> IpcResult<IntegrityView> {
    with_ws(&state, |ws| view_of(ws, None)).await
}

/// Check now: a full check in the background (the workspace stays usable);
/// returns the state with `running` set.
#[tauri::command]
pub async fn integrity_check_now<R: tauri::Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
) -> IpcResult<IntegrityView> {
    let ws = crate::state::ready(&state).await?;
    crate::state::blocking(move || {
        start_check(&app, &ws, CheckKind::Manual)?;
        view_of(&ws, None)
    })
    .await
}

// ---- Erasure (F52) ----

/// What erasing these candidates would remove (writes nothing).
#[tauri::command]
pub async fn erase_plan(
    state: State<'_, AppState>,
    interview_ids: Vec<String>,
) -> IpcResult<ErasePlan> {
    core(&state, move |ws| erase::erase_plan(ws, &interview_ids)).await
}

/// Erase the candidates everywhere; `confirm` must be [`ERASE_CONFIRMATION`].
#[tauri::command]
pub async fn erase_candidates(
    state: State<'_, AppState>,
    interview_ids: Vec<String>,
    reason: String,
    confirm: String,
) -> IpcResult<ErasureReport> {
    if confirm.trim() != ERASE_CONFIRMATION {
        return Err(IpcError::new(
            "invalid_argument",
            format!("type {ERASE_CONFIRMATION} to confirm the erasure; nothing was erased"),
        ));
    }
    core(&state, move |ws| erase::erase(ws, &interview_ids, &reason)).await
}

/// The erasure log, oldest first (no personal data).
#[tauri::command]
pub async fn erasure_log(state: State<'_, AppState>) -> IpcResult<Vec<ErasureRecord>> {
    core(&state, erase::list_erasures).await
}

/// Export the erasure log as `csv` or `pdf` through a save dialog; the
/// path written, or `None` when the user cancelled.
#[tauri::command]
pub async fn export_erasures<R: tauri::Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    format: String,
) -> IpcResult<Option<String>> {
    let ext = match format.as_str() {
        "csv" => "csv",
        "pdf" => "pdf",
        other => {
            return Err(IpcError::new(
                "invalid_argument",
                format!("the erasure log exports as csv or pdf, not `{other}`"),
            ))
        }
    };
    with_ws(&state, move |ws| {
        let name = format!("erasure-log.{ext}");
        let filter = if ext == "csv" { "CSV" } else { "PDF" };
        let Some(dest) = pick_save(&app, &name, (filter, &[ext]))? else {
            return Ok(None);
        };
        let records = erase::list_erasures(ws)?;
        shortlist_report::erasures::export_erasures(ws, &records, &dest)?;
        Ok(Some(dest.display().to_string()))
    })
    .await
}

/// Interviews the last syncs found deleted in HeyMilo that are still here
/// (offered for erasure).
#[tauri::command]
pub async fn deleted_upstream(state: State<'_, AppState>) -> IpcResult<Vec<String>> {
    core(&state, shortlist_delivery::sync::deleted_upstream).await
}

// ---- Retention (F52) ----

#[tauri::command]
pub async fn retention_rules(state: State<'_, AppState>) -> IpcResult<RetentionRules> {
    core(&state, retention::retention_rules).await
}

/// Set both rules (`None` turns a rule off); returns them as stored.
#[tauri::command]
pub async fn set_retention_rules(
    state: State<'_, AppState>,
    dismissed_after_days: Option<u32>,
    all_after_interviewer_closed_days: Option<u32>,
) -> IpcResult<RetentionRules> {
    core(&state, move |ws| {
        retention::set_retention_rules(
            ws,
            RetentionRules {
                dismissed_after_days,
                all_after_interviewer_closed_days,
            },
        )
    })
    .await
}

/// Dry run: who the rules would erase now.
#[tauri::command]
pub async fn retention_preview(state: State<'_, AppState>) -> IpcResult<RetentionPlan> {
    core(&state, |ws| {
        retention::retention_plan(ws, shortlist_core::store::now())
    })
    .await
}

/// What a retention pass erased, as the `retention-applied` event and the
/// answer of Apply now say it. Names are not included (they are gone).
#[derive(Debug, Clone, Serialize, PartialEq)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct RetentionRun {
    /// Candidates erased by the "dismissed" rule.
    pub dismissed: usize,
    /// Candidates erased by the "interviewer closed" rule.
    pub interviewer_closed: usize,
    pub rules: RetentionRules,
    /// `true` when the background pass ran it (on open, or every 24 h).
    pub background: bool,
}

impl RetentionRun {
    fn of(outcome: &RetentionOutcome, background: bool) -> RetentionRun {
        use shortlist_core::actions::retention::RetentionRule as R;
        let count = |rule| outcome.plan.items.iter().filter(|i| i.rule == rule).count();
        let applied = !outcome.erasures.is_empty();
        RetentionRun {
            dismissed: if applied { count(R::Dismissed) } else { 0 },
            interviewer_closed: if applied {
                count(R::InterviewerClosed)
            } else {
                0
            },
            rules: outcome.plan.rules,
            background,
        }
    }
}

/// Apply now: erase everyone the rules name.
#[tauri::command]
pub async fn retention_apply(state: State<'_, AppState>) -> IpcResult<RetentionRun> {
    core(&state, |ws| {
        retention::apply_retention(ws, shortlist_core::store::now())
            .map(|o| RetentionRun::of(&o, false))
    })
    .await
}

// ---- The background pass ----

/// One background pass over an open workspace: start the integrity check
/// if one is due (on its own thread; never waited for here), then apply
/// the retention rules. Returns what retention erased (`None`: nothing).
pub fn background_pass<R: tauri::Runtime>(
    app: &AppHandle<R>,
    ws: &std::sync::Arc<Workspace>,
) -> IpcResult<Option<RetentionRun>> {
    if let Some(due) = ws.integrity_due()? {
        start_check(app, ws, due.kind())?;
    }
    if retention::retention_rules(ws)?.is_off() {
        return Ok(None);
    }
    let outcome = retention::apply_retention(ws, shortlist_core::store::now())?;
    if outcome.erasures.is_empty() {
        return Ok(None);
    }
    let run = RetentionRun::of(&outcome, true);
    let _ = app.emit("retention-applied", &run);
    Ok(Some(run))
}

/// Runs [`background_pass`] each time a workspace becomes ready and every
/// [`PASS_INTERVAL`] while it stays open, on a thread of its own (the open
/// and the first list never wait for it). Call once, from `setup`.
pub fn start_background<R: tauri::Runtime>(app: AppHandle<R>) {
    static STARTED: AtomicBool = AtomicBool::new(false);
    if STARTED.swap(true, Ordering::SeqCst) {
        return;
    }
    let spawned = std::thread::Builder::new()
        .name("shortlist-guard".into())
        .spawn(move || {
            let mut rx = app.state::<AppState>().open.subscribe();
            loop {
                let ready = tauri::async_runtime::block_on(
                    rx.wait_for(|s| matches!(s, OpenState::Ready { .. })),
                )
                .is_ok();
                if !ready {
                    return; // the app is shutting down
                }
                let ws = app
                    .state::<AppState>()
                    .workspace
                    .read()
                    .unwrap_or_else(|p| p.into_inner())
                    .clone();
                if let Some(ws) = ws {
                    if let Err(e) = background_pass(&app, &ws) {
                        eprintln!("shortlist: background integrity/retention pass: {e}");
                        let _ = app.emit("retention-failed", &e);
                    }
                }
                // Until the workspace changes, or the interval is up.
                let (tick, timer) = tokio::sync::oneshot::channel::<()>();
                let _ = std::thread::Builder::new()
                    .name("shortlist-guard-timer".into())
                    .spawn(move || {
                        std::thread::sleep(PASS_INTERVAL);
                        let _ = tick.send(());
                    });
                let alive = tauri::async_runtime::block_on(async {
                    tokio::select! {
                        changed = rx.changed() => changed.is_ok(),
                        _ = timer => true,
                    }
                });
                if !alive {
                    return;
                }
            }
        });
    if let Err(e) = spawned {
        eprintln!("shortlist: cannot start the background integrity/retention pass: {e}");
    }
}
