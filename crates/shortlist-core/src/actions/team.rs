//! The team (F70, F74): reviewer identity, the team server settings, and
//! sync — push the local outbox, pull the others' events and apply them to
//! this workspace, apply events that waited for an import.
//!
//! Passwords are never stored here: the caller (CLI, app) reads the team
//! password from the OS keychain (`shortlist-delivery::secrets`) and
//! passes it in. The stored URL has no password.
//!
//! Applying pulled events: decisions, notes (added, edited, deleted),
//! evaluations (saved, submitted) and cohort membership are folded into the
//! workspace tables in the pull's transaction. An event about an interview
//! this laptop has not imported waits (unapplied) until an import brings
//! it: call [`apply_waiting`] after every import. Erasure tombstones (F52)
//! are applied after that transaction, one erasure each (an erasure
//! rewrites files and cannot run inside another transaction): the
//! candidate whose [`tombstone_subject`] matches is erased here too, with
//! its own erasure-log row, and the tombstone is marked applied in that
//! erasure's transaction. A tombstone for a candidate not imported here
//! waits like any other event, so an import that brings the candidate
//! back is followed by its erasure.

use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;
use shortlist_team::{Event, EventKind, Remote, ServerUrl};

use std::collections::HashMap;

use super::decisions::{current_decision, write_decision};
use super::erase::{erase_with, tombstone_subject, TeamEffect};
use super::panel::write_evaluation;
use super::{begin, notes, ActionError, ActionResult};
use crate::audit;
use crate::review::panel::{
    identity_of, Identity, Recommendation, KEY_DEVICE, KEY_EMAIL, KEY_LOGIN, KEY_NAME, KEY_ROLE,
    KEY_URL,
};
use crate::review::Decision;
use crate::store::Workspace;

/// The team settings of this workspace.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct TeamConfig {
    /// Server URL without password.
    pub url: String,
    /// The reviewer's login on the server; signs every event.
    pub login: String,
    /// This laptop's id in the team log.
    pub device: String,
    pub lead: bool,
    pub name: String,
    pub email: Option<String>,
}

fn put(conn: &Connection, key: &str, value: &str) -> ActionResult<()> {
    conn.execute(
        "INSERT INTO settings (key, value) VALUES (?1, ?2)
         ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        [key, value],
    )?;
    Ok(())
}

fn get(conn: &Connection, key: &str) -> ActionResult<Option<String>> {
    Ok(conn
        .query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| {
            r.get::<_, String>(0)
        })
        .optional()?)
}

fn check_name(name: &str) -> ActionResult<String> {
    let name = name.trim();
    if name.is_empty() || name.chars().any(char::is_control) || name.chars().count() > 120 {
        return Err(ActionError::Invalid(format!(
            "reviewer name `{name}` must be 1 to 120 characters without control characters"
        )));
    }
    Ok(name.to_string())
}

fn check_email(email: &str) -> ActionResult<String> {
    let email = email.trim();
    email.parse::<lettre::Address>().map_err(|e| {
        ActionError::Invalid(format!(
            "reviewer e-mail `{email}` is not an address ({e}); give it as name@example.org"
        ))
    })?;
    Ok(email.to_string())
}

/// Sets the reviewer's name and e-mail (F70), recorded on decisions,
/// notes and evaluations from now on.
pub fn set_identity(ws: &Workspace, name: &str, email: Option<&str>) -> ActionResult<Identity> {
    let name = check_name(name)?;
    let email = email.map(check_email).transpose()?;
    let mut conn = ws.writer();
    let tx = begin(&mut conn)?;
    put(&tx, KEY_NAME, &name)?;
    match &email {
        Some(e) => put(&tx, KEY_EMAIL, e)?,
        None => {
            tx.execute("DELETE FROM settings WHERE key = ?1", [KEY_EMAIL])?;
        }
    }
    audit::append(&tx, "settings.set", Some(KEY_NAME))?;
    let id = identity_of(&tx)?;
    tx.commit()?;
    Ok(id)
}

/// Settings key: the user chose to work solo without naming themselves
/// (the app's first-run question is then not asked again).
pub const KEY_SOLO: &str = "reviewer.solo";

/// Whether the app should ask who reviews here: no reviewer name was ever
/// set on this workspace and the user has not chosen to work solo.
pub fn needs_identity(ws: &Workspace) -> ActionResult<bool> {
    let conn = ws.reader();
    let named = get(&conn, KEY_NAME)?.is_some_and(|n| !n.trim().is_empty());
    let solo = get(&conn, KEY_SOLO)?.as_deref() == Some("1");
    Ok(!named && !solo)
}

/// The user works solo on this workspace: their decisions are recorded
/// under the OS user name, and the app stops asking for a name.
pub fn choose_solo(ws: &Workspace) -> ActionResult<Identity> {
    let mut conn = ws.writer();
    let tx = begin(&mut conn)?;
    put(&tx, KEY_SOLO, "1")?;
    audit::append(&tx, "settings.set", Some(KEY_SOLO))?;
    let id = identity_of(&tx)?;
    tx.commit()?;
    Ok(id)
}

/// Sets this reviewer's team role: lead (may see panels before
/// submitting) or member.
pub fn set_lead(ws: &Workspace, lead: bool) -> ActionResult<()> {
    let mut conn = ws.writer();
    let tx = begin(&mut conn)?;
    put(&tx, KEY_ROLE, if lead { "lead" } else { "member" })?;
    audit::append(&tx, "settings.set", Some(KEY_ROLE))?;
    tx.commit()?;
    Ok(())
}

/// The team settings, if a team is configured.
pub fn config(ws: &Workspace) -> ActionResult<Option<TeamConfig>> {
    config_of(&ws.reader())
}

fn config_of(conn: &Connection) -> ActionResult<Option<TeamConfig>> {
    let (Some(url), Some(login)) = (get(conn, KEY_URL)?, get(conn, KEY_LOGIN)?) else {
        return Ok(None);
    };
    let id = identity_of(conn)?;
    Ok(Some(TeamConfig {
        url,
        login,
        device: get(conn, KEY_DEVICE)?.unwrap_or_default(),
        lead: id.lead,
        name: id.name,
        email: id.email,
    }))
}

/// Configures the team on this workspace (after the caller has checked the
/// server, see `shortlist team init`): the URL is stored without its
/// password, the login in it becomes the reviewer id that signs every
/// event, the device gets an id once. `lead: None` keeps the role.
pub fn configure(
    ws: &Workspace,
    url: &str,
    name: &str,
    email: &str,
    lead: Option<bool>,
) -> ActionResult<TeamConfig> {
    let (url, _password) = shortlist_team::strip_password(url);
    let parsed = ServerUrl::parse(&url).map_err(crate::error::StoreError::from)?;
    let login = parsed.login().to_string();
    let name = check_name(name)?;
    let email = check_email(email)?;
    let mut conn = ws.writer();
    let tx = begin(&mut conn)?;
    if let Some(old) = get(&tx, KEY_LOGIN)? {
        if old != login {
            let mine: i64 = tx.query_row(
                "SELECT count(*) FROM team_events WHERE origin = 'local' AND pushed = 0",
                [],
                |r| r.get(0),
            )?;
            if mine > 0 {
                return Err(ActionError::Invalid(format!(
                    "this workspace has {mine} team event(s) signed by `{old}` not pushed yet; run `shortlist team push` as `{old}` before switching to `{login}`"
                )));
            }
        }
    }
    put(&tx, KEY_URL, &url)?;
    put(&tx, KEY_LOGIN, &login)?;
    put(&tx, KEY_NAME, &name)?;
    put(&tx, KEY_EMAIL, &email)?;
    if get(&tx, KEY_DEVICE)?.is_none() {
        put(
            &tx,
            KEY_DEVICE,
            &format!("dev-{}", uuid::Uuid::now_v7().simple()),
        )?;
    }
    if let Some(lead) = lead {
        put(&tx, KEY_ROLE, if lead { "lead" } else { "member" })?;
    }
    audit::append(&tx, "team.configure", None)?;
    let cfg = config_of(&tx)?.expect("just configured");
    tx.commit()?;
    Ok(cfg)
}

/// What [`init_server`] did.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct TeamInit {
    pub config: TeamConfig,
    /// The server URL with its password replaced by `***`.
    pub server: String,
    /// Whether the schema was created (or upgraded) now.
    pub schema_created: bool,
    pub schema_version: i32,
}

/// `team init` (CLI and app): connects with `url` as given (password
/// included), creates or checks the server schema, then [`configure`]s
/// this workspace. Returns the password taken from the URL, for the
/// caller to put in the OS keychain; it is stored nowhere here.
pub fn init_server(
    ws: &Workspace,
    url: &str,
    name: &str,
    email: &str,
    lead: Option<bool>,
) -> ActionResult<(TeamInit, Option<String>)> {
    // Check the identity before touching the server.
    check_name(name)?;
    check_email(email)?;
    let mut remote = Remote::connect(url).map_err(crate::error::StoreError::from)?;
    let outcome = shortlist_team::init(&mut remote).map_err(crate::error::StoreError::from)?;
    let (bare, password) = shortlist_team::strip_password(url);
    let config = configure(ws, &bare, name, email, lead)?;
    Ok((
        TeamInit {
            config,
            server: remote.redacted_url().to_string(),
            schema_created: outcome.changed(),
            schema_version: outcome.after,
        },
        password,
    ))
}

/// What one background sync did (the app's `team-sync` event).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct TeamSyncReport {
    pub configured: bool,
    /// The server answered push and pull.
    pub connected: bool,
    /// Why not (no password in it).
    pub error: Option<String>,
    pub pushed: usize,
    pub fetched: usize,
    pub applied: usize,
    pub waiting_to_push: u64,
    pub waiting_for_import: u64,
    pub last_pull_at: Option<String>,
}

/// Events recorded here and not pushed yet (cheap, local).
pub fn waiting_to_push(ws: &Workspace) -> ActionResult<u64> {
    let conn = ws.reader();
    Ok(shortlist_team::local_state(&conn)
        .map_err(crate::error::StoreError::from)?
        .waiting_to_push)
}

/// Push the waiting events, then pull and apply the others' (the app's
/// background sync). Offline is a normal state: a failure is reported in
/// the result, not as an error; the local state is read either way.
pub fn sync(ws: &Workspace, password: Option<&str>) -> ActionResult<TeamSyncReport> {
    if config(ws)?.is_none() {
        return local_report(ws, false, None);
    }
    let mut pushed = 0;
    let done = push(ws, password).and_then(|p| {
        pushed = p.sent;
        pull(ws, password)
    });
    let mut r = match &done {
        Ok(_) => local_report(ws, true, None)?,
        Err(e) => local_report(ws, true, Some(e.to_string()))?,
    };
    r.pushed = pushed;
    if let Ok(p) = done {
        r.connected = true;
        r.fetched = p.fetched;
        r.applied = p.applied;
    }
    Ok(r)
}

/// A [`TeamSyncReport`] of the local state only (no server contacted):
/// `error` says why not connected.
pub fn local_report(
    ws: &Workspace,
    configured: bool,
    error: Option<String>,
) -> ActionResult<TeamSyncReport> {
    let local =
        shortlist_team::local_state(&ws.reader()).map_err(crate::error::StoreError::from)?;
    Ok(TeamSyncReport {
        configured,
        connected: false,
        error,
        pushed: 0,
        fetched: 0,
        applied: 0,
        waiting_to_push: local.waiting_to_push,
        waiting_for_import: local.pulled_not_applied,
        last_pull_at: local.last_pull_at.map(|t| t.to_rfc3339()),
    })
}

fn require(ws: &Workspace) -> ActionResult<TeamConfig> {
    config(ws)?.ok_or_else(|| {
        ActionError::Invalid(
            "no team is configured for this workspace; run `shortlist team init URL --reviewer NAME --email ADDR` first".into(),
        )
    })
}

/// Connects to the configured server with `password` (from the keychain,
/// or `None` for a server that needs none).
pub fn connect(ws: &Workspace, password: Option<&str>) -> ActionResult<Remote> {
    let cfg = require(ws)?;
    let mut url = ServerUrl::parse(&cfg.url).map_err(crate::error::StoreError::from)?;
    if let Some(p) = password {
        url.set_password(p);
    }
    Ok(Remote::connect_to(url).map_err(crate::error::StoreError::from)?)
}

/// Sends this laptop's events to the server (idempotent). The write
/// connection is taken only to mark each batch the server committed, never
/// over the network: a reviewer's save does not wait for a slow server.
pub fn push(ws: &Workspace, password: Option<&str>) -> ActionResult<shortlist_team::PushReport> {
    let mut remote = connect(ws, password)?;
    let events = shortlist_team::pending(&*ws.background_reader()?)
        .map_err(crate::error::StoreError::from)?;
    let report = shortlist_team::push_with(events, &mut remote, |seqs| {
        shortlist_team::mark_pushed(&ws.writer(), seqs)
    })
    .map_err(crate::error::StoreError::from)?;
    Ok(report)
}

/// What a pull (or an apply after import) did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PullReport {
    /// Events new to this laptop.
    pub fetched: usize,
    /// Events folded into the workspace now (including ones that waited).
    pub applied: usize,
    /// Events still waiting: their interview is not imported here.
    pub waiting: usize,
    /// Candidates erased here by pulled erasure tombstones.
    pub erased: usize,
}

/// Fetches the others' events in the server's order, then stores and
/// applies them in one local transaction. The fetch holds no local
/// connection (a first pull of 90,000 events takes seconds); the write
/// connection is taken for the store-and-apply only. A pull racing another
/// stores nothing twice (events are keyed by id) and the position only
/// moves forward.
pub fn pull(ws: &Workspace, password: Option<&str>) -> ActionResult<PullReport> {
    let mut remote = connect(ws, password)?;
    let start = shortlist_team::local_state(&*ws.background_reader()?)
        .map_err(crate::error::StoreError::from)?
        .last_pulled_seq;
    let fetched =
        shortlist_team::fetch(&mut remote, start).map_err(crate::error::StoreError::from)?;
    let mut conn = ws.writer();
    let tx = begin(&mut conn)?;
    let new =
        shortlist_team::store_fetched(&tx, fetched).map_err(crate::error::StoreError::from)?;
    let (applied, waiting) = apply_unapplied(&tx)?;
    audit::append(&tx, "team.pull", Some(&format!("events:{}", new.len())))?;
    tx.commit()?;
    drop(conn);
    let erased = apply_tombstones(ws)?;
    Ok(PullReport {
        fetched: new.len(),
        applied: applied + erased,
        waiting: waiting.saturating_sub(erased),
        erased,
    })
}

/// Import (a bundle folder, `.zip` or candidates `.csv`), then apply the
/// team events that waited for the interviews it brought (F74): the import
/// entry point of every caller (CLI `import`, the app, HeyMilo sync). The
/// bare `import::import_path_with` sits below the actions layer and cannot
/// do the second step itself.
pub fn import_path_with(
    ws: &Workspace,
    path: &std::path::Path,
    opts: &crate::import::ImportOptions<'_>,
    progress: &dyn Fn(crate::import::ImportProgress),
) -> Result<crate::import::ImportSummary, crate::import::ImportError> {
    let mut summary = crate::import::import_path_with(ws, path, opts, progress)?;
    let applied = apply_waiting(ws).map_err(|e| {
        crate::error::StoreError::Invalid(format!(
            "the import was saved, but applying the team events that waited for it failed: {e}; run `shortlist team pull` to retry"
        ))
    })?;
    summary.team_applied = applied.applied as u64;
    summary.team_erased = applied.erased as u64;
    Ok(summary)
}

/// Applies pulled events that waited for their interview; called after
/// every import by [`import_path_with`]. One transaction; a no-op without
/// a team.
pub fn apply_waiting(ws: &Workspace) -> ActionResult<PullReport> {
    let mut conn = ws.writer();
    let tx = begin(&mut conn)?;
    let (applied, waiting) = apply_unapplied(&tx)?;
    if applied > 0 {
        audit::append(&tx, "team.apply", Some(&format!("events:{applied}")))?;
    }
    tx.commit()?;
    drop(conn);
    let erased = apply_tombstones(ws)?;
    Ok(PullReport {
        fetched: 0,
        applied: applied + erased,
        waiting: waiting.saturating_sub(erased),
        erased,
    })
}

/// Erases the candidates named by unapplied erasure tombstones; returns how
/// many tombstones were applied. The local ids are hashed once per call
/// (a scan of the candidates' ids, only when a tombstone waits).
fn apply_tombstones(ws: &Workspace) -> ActionResult<usize> {
    let tombstones: Vec<Event> = shortlist_team::unapplied(&ws.reader())
        .map_err(crate::error::StoreError::from)?
        .into_iter()
        .filter(|e| e.kind == EventKind::ErasureTombstone)
        .collect();
    if tombstones.is_empty() {
        return Ok(0);
    }
    let local: HashMap<String, String> = {
        let conn = ws.reader();
        let mut stmt = conn.prepare("SELECT interview_id FROM candidates")?;
        let ids = stmt
            .query_map([], |r| r.get::<_, String>(0))?
            .collect::<Result<Vec<_>, _>>()?;
        ids.into_iter()
            .map(|id| (tombstone_subject(&id), id))
            .collect()
    };
    let mut done = 0;
    for e in &tombstones {
        let Some(id) = local.get(&e.interview_id) else {
            continue;
        };
        let by = str_field(e, "by")?.unwrap_or(&e.reviewer);
        let why = str_field(e, "reason")?.unwrap_or(super::erase::DEFAULT_REASON);
        let reason: String = format!("team erasure by {by}: {why}")
            .chars()
            .take(super::erase::MAX_REASON_CHARS)
            .collect();
        erase_with(
            ws,
            std::slice::from_ref(id),
            &reason,
            false,
            TeamEffect::Applies(e.id),
        )?;
        done += 1;
    }
    Ok(done)
}

fn apply_unapplied(conn: &Connection) -> ActionResult<(usize, usize)> {
    let events = shortlist_team::unapplied(conn).map_err(crate::error::StoreError::from)?;
    let mut done = Vec::new();
    for e in &events {
        if apply_event(conn, e)? {
            done.push(e.id);
        }
    }
    shortlist_team::mark_applied(conn, &done).map_err(crate::error::StoreError::from)?;
    Ok((done.len(), events.len() - done.len()))
}

fn secs(e: &Event) -> f64 {
    e.created_at.timestamp_micros() as f64 / 1e6
}

fn str_field<'a>(e: &'a Event, key: &'static str) -> ActionResult<Option<&'a str>> {
    match e.payload.get(key) {
        None | Some(serde_json::Value::Null) => Ok(None),
        Some(serde_json::Value::String(s)) => Ok(Some(s)),
        Some(other) => Err(bad(e, key, format!("expected text, found {other}"))),
    }
}

fn bad(e: &Event, field: &str, reason: String) -> ActionError {
    ActionError::Invalid(format!(
        "team event {} ({} by `{}`): payload field `{field}`: {reason}; the event is kept unapplied",
        e.id, e.kind, e.reviewer
    ))
}

/// Folds one pulled event into the workspace; `false` when it must wait.
fn apply_event(conn: &Connection, e: &Event) -> ActionResult<bool> {
    if e.kind == EventKind::ErasureTombstone {
        return Ok(false); // applied by `apply_tombstones`, after the transaction
    }
    let imported: bool = conn
        .query_row(
            "SELECT 1 FROM candidates WHERE interview_id = ?1",
            [&e.interview_id],
            |_| Ok(true),
        )
        .optional()?
        .unwrap_or(false);
    if !imported {
        return Ok(false);
    }
    let by = str_field(e, "by")?.unwrap_or(&e.reviewer).to_string();
    let at = secs(e);
    let id = e.id.to_string();
    match e.kind {
        EventKind::Decision => {
            let d = match str_field(e, "decision")? {
                None => None,
                Some(s) => Some(
                    Decision::parse(s)
                        .ok_or_else(|| bad(e, "decision", format!("unknown decision `{s}`")))?,
                ),
            };
            let previous = current_decision(conn, &e.interview_id)?;
            write_decision(conn, &e.interview_id, previous, d, &by, at)?;
        }
        EventKind::NoteAdded => {
            let text = str_field(e, "text")?.unwrap_or_default();
            let at_seconds = e.payload.get("at_seconds").and_then(|v| v.as_f64());
            notes::apply_added(conn, &id, &e.interview_id, &by, at_seconds, text, at)?;
        }
        EventKind::NoteEdited | EventKind::NoteDeleted => {
            let uid = str_field(e, "note")?
                .ok_or_else(|| bad(e, "note", "missing".into()))?
                .to_string();
            let text = if e.kind == EventKind::NoteEdited {
                Some(str_field(e, "text")?.unwrap_or_default())
            } else {
                None
            };
            let parent = e.parent.map(|p| p.to_string());
            notes::apply_edit(conn, &uid, &id, parent.as_deref(), text, at)?;
        }
        EventKind::EvaluationSaved | EventKind::EvaluationSubmitted => {
            let rec = match str_field(e, "recommendation")? {
                None => None,
                Some(s) => Some(Recommendation::parse(s).ok_or_else(|| {
                    bad(e, "recommendation", format!("unknown recommendation `{s}`"))
                })?),
            };
            let ratings = match e.payload.get("ratings") {
                None | Some(serde_json::Value::Null) => Default::default(),
                Some(v) => serde_json::from_value(v.clone())
                    .map_err(|err| bad(e, "ratings", err.to_string()))?,
            };
            let comment = str_field(e, "comment")?.unwrap_or_default();
            write_evaluation(
                conn,
                &e.interview_id,
                &e.reviewer,
                &by,
                rec,
                &ratings,
                comment,
                e.kind == EventKind::EvaluationSubmitted,
                at,
            )?;
        }
        EventKind::CohortAdded | EventKind::CohortRemoved => {
            let name = str_field(e, "cohort")?.ok_or_else(|| bad(e, "cohort", "missing".into()))?;
            if e.kind == EventKind::CohortAdded {
                conn.execute(
                    "INSERT OR IGNORE INTO cohorts (name, created_at) VALUES (?1, ?2)",
                    params![name, at],
                )?;
                conn.execute(
                    "INSERT OR IGNORE INTO cohort_members (cohort_id, interview_id, added_at)
                     SELECT id, ?2, ?3 FROM cohorts WHERE name = ?1",
                    params![name, e.interview_id, at],
                )?;
            } else {
                conn.execute(
                    "DELETE FROM cohort_members WHERE interview_id = ?2
                     AND cohort_id = (SELECT id FROM cohorts WHERE name = ?1)",
                    params![name, e.interview_id],
                )?;
            }
        }
        EventKind::ErasureTombstone => unreachable!("returned above"),
    }
    Ok(true)
}

/// What `shortlist team status` and the app's team panel show.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct TeamStatus {
    pub configured: bool,
    pub config: Option<TeamConfig>,
    pub connected: bool,
    /// Why not connected (no password in it).
    pub error: Option<String>,
    pub schema_version: Option<i32>,
    /// Events recorded here, not on the server yet.
    pub waiting_to_push: u64,
    /// Pulled events waiting for their interview to be imported.
    pub waiting_for_import: u64,
    /// Unresolved note conflicts.
    pub conflicts: u64,
    pub last_pull_at: Option<String>,
    pub last_push_at: Option<String>,
}

/// The local state and, when a team is configured, whether the server
/// answers (a failure to connect is reported in the status, not as an
/// error: offline is a normal state).
pub fn status(ws: &Workspace, password: Option<&str>) -> ActionResult<TeamStatus> {
    let cfg = config(ws)?;
    let (local, conflicts) = {
        let conn = ws.reader();
        let s = shortlist_team::local_state(&conn).map_err(crate::error::StoreError::from)?;
        let c = shortlist_team::conflicts(&conn).map_err(crate::error::StoreError::from)?;
        (s, c.len() as u64)
    };
    let mut st = TeamStatus {
        configured: cfg.is_some(),
        config: cfg.clone(),
        connected: false,
        error: None,
        schema_version: None,
        waiting_to_push: local.waiting_to_push,
        waiting_for_import: local.pulled_not_applied,
        conflicts,
        last_pull_at: local.last_pull_at.map(|t| t.to_rfc3339()),
        last_push_at: local.last_push_at.map(|t| t.to_rfc3339()),
    };
    if cfg.is_some() {
        match connect(ws, password) {
            Ok(mut remote) => {
                let conn = ws.reader();
                let s = shortlist_team::status(&conn, Some(&mut remote))
                    .map_err(crate::error::StoreError::from)?;
                st.connected = s.connected;
                st.schema_version = s.schema_version;
            }
            Err(e) => st.error = Some(e.to_string()),
        }
    }
    Ok(st)
}
