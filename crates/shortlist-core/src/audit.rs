//! Append-only, hash-chained, anchored audit log (SPEC F51).
//!
//! What an entry holds: a time, an action (`decision.shortlisted`,
//! `note.add`, `import`, `erase`…), an entity made of ids only, and the
//! reviewer who acted (`actor`). Interview ids never appear in clear: every
//! `:`-separated part of an entity that names an interview of the workspace
//! is replaced by `iv_<sha256(salt, id)>` ([`subject`]), with a random
//! per-workspace salt. So the log holds no personal data, erasing a
//! candidate never has to touch it, and the erasure log's id hash is the
//! same value, linking the two without naming anyone.
//!
//! Integrity, in three layers:
//! 1. **Append-only by the database**: triggers abort any `UPDATE` or
//!    `DELETE` on `audit` (and on `erasures`), whoever issues it.
//! 2. **Hash chain**: each entry's hash is SHA-256 of (previous hash, id,
//!    time, action, entity, actor). Editing, deleting or reordering a row
//!    (after dropping the triggers) breaks the chain, which [`verify`]
//!    reports.
//! 3. **Anchor**: a rewrite that drops the triggers and recomputes the whole
//!    chain would verify. Its head is therefore kept outside the table, where
//!    a rewrite through SQL cannot also rewrite it: `audit.head` in the
//!    workspace folder (written after each write that moved the head, never
//!    overwritten once it stops matching the table), and the head at each
//!    erasure in the erasure log (exported as CSV/PDF, i.e. copied out of the
//!    workspace). [`verify_workspace`] checks that the anchored entry is in
//!    the table with the anchored hash and that the chain runs from the first
//!    entry through it.
//!
//! Threat model: this detects a later change to the audit history made
//! with SQL access to `workspace.db` (a SQLite tool, a bug, a careless
//! script, a copied-and-edited file), and a truncation of anchored entries.
//! It does not stop someone with write access to the whole folder and the
//! knowledge to rewrite both the table and `audit.head` consistently; an
//! exported erasure log or a copy of `audit.head` kept elsewhere still
//! exposes such a rewrite up to the exported head. Entries written after
//! the last anchor (a crash between commit and anchor write) are covered by
//! the chain only.

use rusqlite::{params, Connection};
use serde::Serialize;

use crate::error::StoreResult;
use crate::store::chain::{self, GENESIS};
use crate::store::{now, Workspace};

pub use chain::SUBJECT_PREFIX;

/// The reviewer acting through `conn` (`settings.reviewer`, else the OS
/// user name), recorded as the entry's actor.
fn actor(conn: &Connection) -> StoreResult<String> {
    let from_settings: Option<String> = rusqlite::OptionalExtension::optional(conn.query_row(
        "SELECT value FROM settings WHERE key = 'reviewer'",
        [],
        |r| r.get(0),
    ))?;
    Ok(from_settings
        .or_else(|| std::env::var("USER").ok())
        .or_else(|| std::env::var("USERNAME").ok())
        .unwrap_or_else(|| "reviewer".to_string()))
}

/// The pseudonym of an interview id as the audit log writes it:
/// `iv_<sha256(salt, id)>`.
pub fn subject(conn: &Connection, interview_id: &str) -> StoreResult<String> {
    let salt = chain::id_salt(conn)?;
    Ok(format!(
        "{SUBJECT_PREFIX}{}",
        chain::id_hash(&salt, interview_id)
    ))
}

/// Append an entry. Call inside the transaction of the action it records.
/// `entity` must be ids only (interview id, posting id, cohort id…); parts
/// naming an interview are pseudonymised here. The actor is the workspace's
/// reviewer.
pub fn append(conn: &Connection, action: &str, entity: Option<&str>) -> StoreResult<()> {
    let (id, prev) = match chain::head(conn)? {
        Some((id, hash)) => (id + 1, hash),
        None => (1, GENESIS.to_string()),
    };
    let entity = match entity {
        Some(e) => Some(chain::pseudonymise(conn, &chain::id_salt(conn)?, e)?),
        None => None,
    };
    let actor = actor(conn)?;
    let at = now();
    let hash = chain::entry_hash(&prev, id, at, action, entity.as_deref(), Some(&actor));
    conn.execute(
        "INSERT INTO audit (id, at, action, entity, actor, prev_hash, hash) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![id, at, action, entity, actor, prev, hash],
    )?;
    Ok(())
}

/// One audit entry as stored.
#[derive(Debug, Clone, Serialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct AuditEntry {
    pub id: i64,
    pub at: f64,
    pub action: String,
    pub entity: Option<String>,
    pub actor: Option<String>,
    pub hash: String,
}

/// The last `limit` entries, newest first.
pub fn recent(conn: &Connection, limit: u32) -> StoreResult<Vec<AuditEntry>> {
    let mut stmt = conn.prepare(
        "SELECT id, at, action, entity, actor, hash FROM audit ORDER BY id DESC LIMIT ?1",
    )?;
    let rows = stmt.query_map([limit], |r| {
        Ok(AuditEntry {
            id: r.get(0)?,
            at: r.get(1)?,
            action: r.get(2)?,
            entity: r.get(3)?,
            actor: r.get(4)?,
            hash: r.get(5)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The anchor's state against the table.
#[derive(Debug, Clone, Serialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum AnchorStatus {
    /// Not checked ([`verify`] alone).
    NotChecked,
    /// The anchored entry is in the table with the anchored hash;
    /// `behind` entries were written after it (0 normally).
    Matches { anchored_id: i64, behind: u64 },
    /// `audit.head` is missing although the workspace had one.
    Missing,
    /// `audit.head` cannot be read as `<id> <hash>`.
    Unreadable { detail: String },
    /// The table has no entry `anchored_id`, or it has another hash: the
    /// log was rewritten or truncated.
    Mismatch { anchored_id: i64 },
}

#[derive(Debug, Clone, Serialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct AuditReport {
    pub entries: u64,
    /// Id of the first entry whose hash or link does not match, if any.
    pub broken_at: Option<i64>,
    pub anchor: AnchorStatus,
    /// Whether the append-only triggers are in place.
    pub append_only: bool,
}

impl AuditReport {
    /// Chain unbroken, triggers present, anchor (if checked) matching.
    pub fn is_intact(&self) -> bool {
        self.broken_at.is_none()
            && self.append_only
            && matches!(
                self.anchor,
                AnchorStatus::NotChecked | AnchorStatus::Matches { .. }
            )
    }

    /// One line for a person: what is wrong and what to do.
    pub fn summary(&self) -> String {
        let mut problems = Vec::new();
        if let Some(b) = self.broken_at {
            problems.push(format!(
                "the hash chain breaks at entry #{b} (an entry was changed, removed or reordered)"
            ));
        }
        if !self.append_only {
            problems.push("the append-only triggers on `audit` were removed".to_string());
        }
        match &self.anchor {
            AnchorStatus::Missing => problems.push(format!(
                "the anchor file {} is missing",
                chain::ANCHOR_FILE
            )),
            AnchorStatus::Unreadable { detail } => problems.push(detail.clone()),
            AnchorStatus::Mismatch { anchored_id } => problems.push(format!(
                "the anchored entry #{anchored_id} is not in the log as anchored (the log was rewritten or truncated)"
            )),
            _ => {}
        }
        if problems.is_empty() {
            format!("audit log intact: {} entries", self.entries)
        } else {
            format!(
                "audit log NOT intact ({} entries): {}; keep this workspace and its backups as they are and compare with an exported erasure log or a copy of {}",
                self.entries,
                problems.join("; "),
                chain::ANCHOR_FILE
            )
        }
    }
}

/// Walk the chain from the first entry and report the first break; also
/// check the append-only triggers. The anchor is not checked (see
/// [`verify_workspace`]).
pub fn verify(conn: &Connection) -> StoreResult<AuditReport> {
    let mut stmt = conn
        .prepare("SELECT id, at, action, entity, actor, prev_hash, hash FROM audit ORDER BY id")?;
    let mut rows = stmt.query([])?;
    let mut prev = GENESIS.to_string();
    let mut expected_id = 1;
    let mut entries = 0;
    let mut broken_at = None;
    while let Some(r) = rows.next()? {
        let id: i64 = r.get(0)?;
        let at: f64 = r.get(1)?;
        let action: String = r.get(2)?;
        let entity: Option<String> = r.get(3)?;
        let actor: Option<String> = r.get(4)?;
        let prev_hash: String = r.get(5)?;
        let hash: String = r.get(6)?;
        entries += 1;
        if broken_at.is_none()
            && (id != expected_id
                || prev_hash != prev
                || hash
                    != chain::entry_hash(
                        &prev,
                        id,
                        at,
                        &action,
                        entity.as_deref(),
                        actor.as_deref(),
                    ))
        {
            broken_at = Some(id);
        }
        prev = hash;
        expected_id += 1;
    }
    let triggers: i64 = conn.query_row(
        "SELECT count(*) FROM sqlite_master WHERE type = 'trigger'
         AND name IN ('audit_append_only_update', 'audit_append_only_delete')",
        [],
        |r| r.get(0),
    )?;
    Ok(AuditReport {
        entries,
        broken_at,
        anchor: AnchorStatus::NotChecked,
        append_only: triggers == 2,
    })
}

/// [`verify`] plus the anchor in the workspace folder: the background check
/// the app schedules, and `shortlist check` / `shortlist audit verify`.
pub fn verify_workspace(ws: &Workspace) -> StoreResult<AuditReport> {
    let conn = ws.reader();
    let mut report = verify(&conn)?;
    let anchor = match chain::read_anchor(ws.root()) {
        Ok(a) => a,
        Err(e) => {
            report.anchor = AnchorStatus::Unreadable {
                detail: format!("{}: {e}", ws.anchor_path().display()),
            };
            return Ok(report);
        }
    };
    report.anchor = match anchor {
        None => AnchorStatus::Missing,
        Some((0, h)) if h == GENESIS => AnchorStatus::Matches {
            anchored_id: 0,
            behind: report.entries,
        },
        Some((id, h)) => {
            let found: Option<String> = rusqlite::OptionalExtension::optional(conn.query_row(
                "SELECT hash FROM audit WHERE id = ?1",
                [id],
                |r| r.get(0),
            ))?;
            if found.as_deref() == Some(h.as_str()) {
                AnchorStatus::Matches {
                    anchored_id: id,
                    behind: report.entries.saturating_sub(id as u64),
                }
            } else {
                AnchorStatus::Mismatch { anchored_id: id }
            }
        }
    };
    Ok(report)
}

/// The current head as `<id> <hash>` (`0 <genesis>` when empty), as kept in
/// the anchor file and the erasure log.
pub fn head_text(conn: &Connection) -> StoreResult<String> {
    let (id, hash) = chain::head(conn)?.unwrap_or((0, GENESIS.to_string()));
    Ok(format!("{id} {hash}"))
}
