//! The local side: outbox and inbox in the caller's SQLite database.
//!
//! `team_events` holds every event this laptop knows: its own (origin
//! `local`, waiting in the outbox until `pushed`) and those pulled from the
//! server (origin `remote`, `applied` once the caller has folded them into
//! its tables; an event for an interview this laptop has not imported stays
//! unapplied until it is). `seq` is the server's order, once known.
//! `team_state` keeps the pull position.

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension, Row};
use uuid::Uuid;

use crate::error::{local, Result, TeamError};
use crate::event::{Event, EventKind};

/// DDL of the local tables; idempotent (`IF NOT EXISTS`).
pub const LOCAL_SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS team_events (
    id           TEXT PRIMARY KEY,          -- UUIDv7, hyphenated
    reviewer     TEXT NOT NULL,
    device       TEXT NOT NULL,
    kind         TEXT NOT NULL,
    interview_id TEXT NOT NULL,
    created_at   TEXT NOT NULL,             -- RFC 3339, UTC, microseconds
    payload      TEXT NOT NULL,             -- JSON
    parent       TEXT,                      -- edited event's id
    origin       TEXT NOT NULL CHECK (origin IN ('local', 'remote')),
    pushed       INTEGER NOT NULL DEFAULT 0 CHECK (pushed IN (0, 1)),
    seq          INTEGER UNIQUE,            -- server order, once known
    applied      INTEGER NOT NULL DEFAULT 0 CHECK (applied IN (0, 1))
);
CREATE INDEX IF NOT EXISTS team_events_outbox ON team_events (id) WHERE pushed = 0 AND origin = 'local';
CREATE INDEX IF NOT EXISTS team_events_inbox ON team_events (seq) WHERE applied = 0;
CREATE INDEX IF NOT EXISTS team_events_parent ON team_events (parent) WHERE parent IS NOT NULL;
CREATE TABLE IF NOT EXISTS team_state (
    id              INTEGER PRIMARY KEY CHECK (id = 1),
    last_pulled_seq INTEGER NOT NULL DEFAULT 0,
    last_pull_at    TEXT,
    last_push_at    TEXT
);
INSERT OR IGNORE INTO team_state (id) VALUES (1);
";

/// Creates the local tables if missing.
pub fn ensure_local_schema(conn: &Connection) -> Result<()> {
    conn.execute_batch(LOCAL_SCHEMA)
        .map_err(local("team_events"))
}

pub(crate) fn time_text(t: &DateTime<Utc>) -> String {
    t.to_rfc3339_opts(chrono::SecondsFormat::Micros, true)
}

/// Records an event made on this laptop: it goes to the outbox and counts
/// as applied (the caller made the change itself). Recording the same id
/// twice is a no-op.
pub fn record_local(conn: &Connection, event: &Event) -> Result<()> {
    insert(conn, event, "local", None, true)?;
    Ok(())
}

/// Inserts unless the id is known; returns whether it was new.
pub(crate) fn insert(
    conn: &Connection,
    e: &Event,
    origin: &str,
    seq: Option<i64>,
    applied: bool,
) -> Result<bool> {
    let n = conn
        .execute(
            "INSERT INTO team_events (id, reviewer, device, kind, interview_id, created_at, payload, parent, origin, pushed, seq, applied)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)
             ON CONFLICT (id) DO NOTHING",
            params![
                e.id.to_string(),
                e.reviewer,
                e.device,
                e.kind.as_str(),
                e.interview_id,
                time_text(&e.created_at),
                e.payload.to_string(),
                e.parent.map(|p| p.to_string()),
                origin,
                (origin == "remote") as i64,
                seq,
                applied as i64,
            ],
        )
        .map_err(local("team_events"))?;
    Ok(n == 1)
}

const EVENT_COLUMNS: &str = "id, reviewer, device, kind, interview_id, created_at, payload, parent";

fn read_event(row: &Row<'_>) -> rusqlite::Result<Result<Event>> {
    let id: String = row.get(0)?;
    let reviewer: String = row.get(1)?;
    let device: String = row.get(2)?;
    let kind: String = row.get(3)?;
    let interview_id: String = row.get(4)?;
    let created_at: String = row.get(5)?;
    let payload: String = row.get(6)?;
    let parent: Option<String> = row.get(7)?;
    Ok((|| {
        let bad = |field, reason: String| TeamError::BadLocalEvent {
            id: id.clone(),
            field,
            reason,
        };
        Ok(Event {
            id: Uuid::parse_str(&id).map_err(|e| bad("id", e.to_string()))?,
            reviewer,
            device,
            kind: EventKind::parse(&kind)
                .ok_or_else(|| bad("kind", format!("unknown kind `{kind}`")))?,
            interview_id,
            created_at: DateTime::parse_from_rfc3339(&created_at)
                .map_err(|e| bad("created_at", format!("`{created_at}` is not RFC 3339: {e}")))?
                .with_timezone(&Utc),
            payload: serde_json::from_str(&payload).map_err(|e| bad("payload", e.to_string()))?,
            parent: parent
                .map(|p| Uuid::parse_str(&p).map_err(|e| bad("parent", e.to_string())))
                .transpose()?,
        })
    })())
}

fn query_events(conn: &Connection, sql: &str, p: impl rusqlite::Params) -> Result<Vec<Event>> {
    let mut stmt = conn.prepare(sql).map_err(local("team_events"))?;
    let rows = stmt
        .query_map(p, read_event)
        .map_err(local("team_events"))?;
    let mut out = Vec::new();
    for r in rows {
        out.push(r.map_err(local("team_events"))??);
    }
    Ok(out)
}

/// Events recorded here and not yet on the server, oldest first.
pub fn pending(conn: &Connection) -> Result<Vec<Event>> {
    query_events(
        conn,
        &format!("SELECT {EVENT_COLUMNS} FROM team_events WHERE origin = 'local' AND pushed = 0 ORDER BY id"),
        [],
    )
}

/// Pulled events the caller has not applied yet, in server order.
pub fn unapplied(conn: &Connection) -> Result<Vec<Event>> {
    query_events(
        conn,
        &format!("SELECT {EVENT_COLUMNS} FROM team_events WHERE applied = 0 ORDER BY seq"),
        [],
    )
}

/// Pulled, unapplied events of one interview (e.g. just imported), in
/// server order.
pub fn unapplied_for(conn: &Connection, interview_id: &str) -> Result<Vec<Event>> {
    query_events(
        conn,
        &format!("SELECT {EVENT_COLUMNS} FROM team_events WHERE applied = 0 AND interview_id = ?1 ORDER BY seq"),
        [interview_id],
    )
}

/// Marks events as applied to the caller's tables.
pub fn mark_applied(conn: &Connection, ids: &[Uuid]) -> Result<()> {
    let mut stmt = conn
        .prepare_cached("UPDATE team_events SET applied = 1 WHERE id = ?1")
        .map_err(local("team_events"))?;
    for id in ids {
        stmt.execute([id.to_string()])
            .map_err(local("team_events"))?;
    }
    Ok(())
}

/// Every event known here (local and pulled), by server order where known,
/// then by id (UUIDv7: creation order) for those not yet on the server.
pub fn all_events(conn: &Connection) -> Result<Vec<Event>> {
    query_events(
        conn,
        &format!("SELECT {EVENT_COLUMNS} FROM team_events ORDER BY seq IS NULL, seq, id"),
        [],
    )
}

/// Two or more edits (or deletions) of one note made on different devices
/// without seeing each other: they share a parent. All versions survive in
/// the log; the caller shows them for the reviewer to resolve (a later edit
/// whose parent is one of them ends the conflict).
#[derive(Debug, Clone, PartialEq)]
pub struct Conflict {
    /// The event both edits start from.
    pub parent: Uuid,
    pub interview_id: String,
    /// The competing edits, oldest first (by id).
    pub edits: Vec<Event>,
}

/// Lists unresolved note conflicts in the local log: `note_edited` /
/// `note_deleted` events sharing one parent, from at least two devices,
/// where none of them has been edited further (an edit that names one of
/// the competing versions as its parent resolves the conflict).
pub fn conflicts(conn: &Connection) -> Result<Vec<Conflict>> {
    let edits = query_events(
        conn,
        &format!(
            "SELECT {EVENT_COLUMNS} FROM team_events
             WHERE kind IN ('note_edited', 'note_deleted') AND parent IS NOT NULL
             ORDER BY parent, id"
        ),
        [],
    )?;
    let superseded: std::collections::HashSet<Uuid> =
        edits.iter().filter_map(|e| e.parent).collect();
    let mut out: Vec<Conflict> = Vec::new();
    let mut i = 0;
    while i < edits.len() {
        let parent = edits[i].parent.expect("filtered on parent IS NOT NULL");
        let mut j = i;
        while j < edits.len() && edits[j].parent == Some(parent) {
            j += 1;
        }
        let group = &edits[i..j];
        let devices: std::collections::HashSet<&str> =
            group.iter().map(|e| e.device.as_str()).collect();
        let resolved = group.iter().any(|e| superseded.contains(&e.id));
        if devices.len() >= 2 && !resolved {
            out.push(Conflict {
                parent,
                interview_id: group[0].interview_id.clone(),
                edits: group.to_vec(),
            });
        }
        i = j;
    }
    Ok(out)
}

/// The local pull position and counters (see [`crate::status`]).
#[derive(Debug, Clone, PartialEq)]
pub struct LocalState {
    pub last_pulled_seq: i64,
    pub last_pull_at: Option<DateTime<Utc>>,
    pub last_push_at: Option<DateTime<Utc>>,
    pub waiting_to_push: u64,
    pub pulled_not_applied: u64,
}

pub fn local_state(conn: &Connection) -> Result<LocalState> {
    let (seq, pull_at, push_at): (i64, Option<String>, Option<String>) = conn
        .query_row(
            "SELECT last_pulled_seq, last_pull_at, last_push_at FROM team_state WHERE id = 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()
        .map_err(local("team_state"))?
        .unwrap_or((0, None, None));
    let parse = |s: Option<String>| {
        s.and_then(|s| DateTime::parse_from_rfc3339(&s).ok())
            .map(|t| t.with_timezone(&Utc))
    };
    let waiting: i64 = conn
        .query_row(
            "SELECT count(*) FROM team_events WHERE origin = 'local' AND pushed = 0",
            [],
            |r| r.get(0),
        )
        .map_err(local("team_events"))?;
    let unapplied: i64 = conn
        .query_row(
            "SELECT count(*) FROM team_events WHERE applied = 0",
            [],
            |r| r.get(0),
        )
        .map_err(local("team_events"))?;
    Ok(LocalState {
        last_pulled_seq: seq,
        last_pull_at: parse(pull_at),
        last_push_at: parse(push_at),
        waiting_to_push: waiting as u64,
        pulled_not_applied: unapplied as u64,
    })
}
