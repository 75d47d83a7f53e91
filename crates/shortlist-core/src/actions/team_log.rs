//! Recording reviewer actions as team events (F74), in the same
//! transaction as the write they describe.
//!
//! Events are recorded only when a team is configured (`team.login`, set by
//! `shortlist team init`): an event is signed with the reviewer's login on
//! the team server, which the server checks against the connection, and
//! before `team init` there is no login to sign with. Signing earlier
//! actions afterwards would put a server identity on work done before it
//! existed; those stay local.

use rusqlite::Connection;
use serde_json::Value;
use shortlist_team::{Event, EventKind};
use uuid::Uuid;

use crate::error::StoreResult;
use crate::review::panel::{identity_of, KEY_DEVICE, KEY_LOGIN};

/// Who signs events recorded here: the team login and this device's id.
pub(crate) struct Signer {
    pub login: String,
    pub device: String,
    pub name: String,
}

/// The signer when a team is configured.
pub(crate) fn signer(conn: &Connection) -> StoreResult<Option<Signer>> {
    let id = identity_of(conn)?;
    if !id.team {
        return Ok(None);
    }
    let get = |key: &str| -> StoreResult<Option<String>> {
        Ok(rusqlite::OptionalExtension::optional(conn.query_row(
            "SELECT value FROM settings WHERE key = ?1",
            [key],
            |r| r.get::<_, String>(0),
        ))?)
    };
    let login = get(KEY_LOGIN)?.unwrap_or_default();
    let device = get(KEY_DEVICE)?.unwrap_or_else(|| "device".to_string());
    Ok(Some(Signer {
        login,
        device,
        name: id.name,
    }))
}

/// Records one event in the local log (outbox) inside the caller's
/// transaction, if a team is configured; returns its id.
pub(crate) fn record(
    conn: &Connection,
    kind: EventKind,
    interview_id: &str,
    mut payload: Value,
    parent: Option<Uuid>,
) -> StoreResult<Option<Uuid>> {
    let Some(s) = signer(conn)? else {
        return Ok(None);
    };
    if let Some(obj) = payload.as_object_mut() {
        obj.insert("by".into(), Value::String(s.name.clone()));
    }
    let mut event = Event::new(s.login, s.device, kind, interview_id, payload);
    if let Some(p) = parent {
        event = event.with_parent(p);
    }
    shortlist_team::record_local(conn, &event)?;
    Ok(Some(event.id))
}
