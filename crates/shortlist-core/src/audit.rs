//! Append-only, hash-chained audit log (SPEC F51).
//!
//! Each entry stores ids only — never names, e-mails or free text — and the
//! SHA-256 of (previous hash, id, time, action, entity). Editing, deleting or
//! reordering any row breaks the chain, which [`verify`] reports.

use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::error::StoreResult;
use crate::store::now;

/// Hash of the (virtual) entry before the first one.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

fn entry_hash(prev: &str, id: i64, at: f64, action: &str, entity: Option<&str>) -> String {
    let mut h = Sha256::new();
    h.update(prev.as_bytes());
    h.update(b"\x1f");
    h.update(id.to_string().as_bytes());
    h.update(b"\x1f");
    h.update(format!("{at:.6}").as_bytes());
    h.update(b"\x1f");
    h.update(action.as_bytes());
    h.update(b"\x1f");
    h.update(entity.unwrap_or("").as_bytes());
    hex::encode(h.finalize())
}

/// Append an entry. Call inside the transaction of the action it records.
/// `entity` must be an id (interview id, posting id, cohort id…), never
/// personal data.
pub fn append(conn: &Connection, action: &str, entity: Option<&str>) -> StoreResult<()> {
    let last: Option<(i64, String)> = conn
        .query_row(
            "SELECT id, hash FROM audit ORDER BY id DESC LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    let (id, prev) = match last {
        Some((id, hash)) => (id + 1, hash),
        None => (1, GENESIS.to_string()),
    };
    let at = now();
    let hash = entry_hash(&prev, id, at, action, entity);
    conn.execute(
        "INSERT INTO audit (id, at, action, entity, prev_hash, hash) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![id, at, action, entity, prev, hash],
    )?;
    Ok(())
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct AuditReport {
    pub entries: u64,
    /// Id of the first entry whose hash or link does not match, if any.
    pub broken_at: Option<i64>,
}

impl AuditReport {
    pub fn is_intact(&self) -> bool {
        self.broken_at.is_none()
    }
}

/// Walk the chain from the first entry and report the first break.
pub fn verify(conn: &Connection) -> StoreResult<AuditReport> {
    let mut stmt =
        conn.prepare("SELECT id, at, action, entity, prev_hash, hash FROM audit ORDER BY id")?;
    let mut rows = stmt.query([])?;
    let mut prev = GENESIS.to_string();
    let mut expected_id = 1;
    let mut entries = 0;
    while let Some(r) = rows.next()? {
        let id: i64 = r.get(0)?;
        let at: f64 = r.get(1)?;
        let action: String = r.get(2)?;
        let entity: Option<String> = r.get(3)?;
        let prev_hash: String = r.get(4)?;
        let hash: String = r.get(5)?;
        entries += 1;
        if id != expected_id
            || prev_hash != prev
            || hash != entry_hash(&prev, id, at, &action, entity.as_deref())
        {
            return Ok(AuditReport {
                entries,
                broken_at: Some(id),
            });
        }
        prev = hash;
        expected_id += 1;
    }
    Ok(AuditReport {
        entries,
        broken_at: None,
    })
}
