//! The audit chain's storage-level pieces (SPEC F51), kept in the store so
//! that opening/migrating a workspace can maintain them: the entry hash, the
//! per-workspace id salt, pseudonymous ids, and the head's anchor file.
//!
//! The public API is [`crate::audit`]; see its module doc for the threat
//! model.

use std::io::Write;
use std::path::Path;

use rusqlite::{params, Connection, OptionalExtension};
use sha2::{Digest, Sha256};

/// Hash of the (virtual) entry before the first one.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// The anchor file in the workspace folder: `<id> <hash>\n` of the audit
/// head as of the last write the workspace saw.
pub const ANCHOR_FILE: &str = "audit.head";

/// Prefix of a pseudonymous interview id in audit entities.
pub const SUBJECT_PREFIX: &str = "iv_";

/// SHA-256 of one entry, chained on `prev`.
pub fn entry_hash(
    prev: &str,
    id: i64,
    at: f64,
    action: &str,
    entity: Option<&str>,
    actor: Option<&str>,
) -> String {
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
    h.update(b"\x1f");
    h.update(actor.unwrap_or("").as_bytes());
    hex::encode(h.finalize())
}

/// The workspace's random id salt (created by the schema migration).
pub fn id_salt(conn: &Connection) -> rusqlite::Result<String> {
    conn.query_row("SELECT value FROM meta WHERE key = 'id_salt'", [], |r| {
        r.get(0)
    })
}

/// SHA-256 (hex) of `salt || 0x1f || interview_id`: the same value in the
/// audit log (prefixed [`SUBJECT_PREFIX`]) and the erasure log.
pub fn id_hash(salt: &str, interview_id: &str) -> String {
    let mut h = Sha256::new();
    h.update(salt.as_bytes());
    h.update(b"\x1f");
    h.update(interview_id.as_bytes());
    hex::encode(h.finalize())
}

/// Where an interview id is looked for: the candidates (indexed, for every
/// append), or also every reviewer table (the one-time legacy migration).
const KNOWN_IDS: &str = "SELECT 1 FROM candidates WHERE interview_id = ?1";
const KNOWN_IDS_WIDE: &str = "SELECT 1 FROM candidates WHERE interview_id = ?1
    UNION ALL SELECT 1 FROM decision_log WHERE interview_id = ?1
    UNION ALL SELECT 1 FROM notes WHERE interview_id = ?1
    UNION ALL SELECT 1 FROM cohort_members WHERE interview_id = ?1
    UNION ALL SELECT 1 FROM outbox WHERE interview_id = ?1
    UNION ALL SELECT 1 FROM retake_grants WHERE interview_id = ?1
    UNION ALL SELECT 1 FROM enrichment WHERE interview_id = ?1
    LIMIT 1";

fn is_interview_id(conn: &Connection, sql: &str, s: &str) -> rusqlite::Result<bool> {
    Ok(conn
        .prepare_cached(sql)?
        .query_row([s], |_| Ok(()))
        .optional()?
        .is_some())
}

/// `entity` with every `:`-separated part that names an interview of this
/// workspace replaced by its pseudonym, so audit rows never hold an
/// interview id (and erasure never has to touch them).
pub fn pseudonymise(conn: &Connection, salt: &str, entity: &str) -> rusqlite::Result<String> {
    pseudonymise_with(conn, KNOWN_IDS, salt, entity)
}

fn pseudonymise_with(
    conn: &Connection,
    known: &str,
    salt: &str,
    entity: &str,
) -> rusqlite::Result<String> {
    let mut out = Vec::new();
    for part in entity.split(':') {
        if !part.is_empty()
            && !part.starts_with(SUBJECT_PREFIX)
            && is_interview_id(conn, known, part)?
        {
            out.push(format!("{SUBJECT_PREFIX}{}", id_hash(salt, part)));
        } else {
            out.push(part.to_string());
        }
    }
    Ok(out.join(":"))
}

/// The last entry: `(id, hash)`.
pub fn head(conn: &Connection) -> rusqlite::Result<Option<(i64, String)>> {
    conn.query_row(
        "SELECT id, hash FROM audit ORDER BY id DESC LIMIT 1",
        [],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )
    .optional()
}

/// Read the anchor file: `None` when it does not exist.
pub fn read_anchor(root: &Path) -> std::io::Result<Option<(i64, String)>> {
    let path = root.join(ANCHOR_FILE);
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(e),
    };
    let mut parts = text.split_whitespace();
    let parsed = (|| {
        let id = parts.next()?.parse::<i64>().ok()?;
        let hash = parts.next()?.to_string();
        (hash.len() == 64).then_some((id, hash))
    })();
    parsed.map(Some).ok_or_else(|| {
        std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            format!("{} is not `<id> <sha256>`", path.display()),
        )
    })
}

/// Write the anchor file atomically (temp file, fsync, rename), owner-only.
pub fn write_anchor(root: &Path, head: (i64, &str)) -> std::io::Result<()> {
    let mut tmp = tempfile::NamedTempFile::new_in(root)?;
    writeln!(tmp, "{} {}", head.0, head.1)?;
    tmp.as_file().sync_all()?;
    tmp.persist(root.join(ANCHOR_FILE)).map_err(|e| e.error)?;
    Ok(())
}

/// Move the rows of a pre-F51 audit table (`audit_legacy`, renamed by the
/// schema migration) into the append-only `audit`, re-chained, with every
/// interview id pseudonymised; then drop the old table. The old chain is
/// checked first and the outcome recorded in a final `audit.migrated`
/// entry (`legacy:<rows>` or `legacy:<rows>:broken_at:<id>`). Runs inside
/// the migration's transaction; a no-op when there is no legacy table.
pub fn migrate_legacy(conn: &Connection) -> rusqlite::Result<()> {
    let exists: bool = conn.query_row(
        "SELECT count(*) > 0 FROM sqlite_master WHERE type = 'table' AND name = 'audit_legacy'",
        [],
        |r| r.get(0),
    )?;
    if !exists {
        return Ok(());
    }
    let salt = id_salt(conn)?;
    let legacy: Vec<(i64, f64, String, Option<String>, String, String)> = {
        let mut stmt = conn.prepare(
            "SELECT id, at, action, entity, prev_hash, hash FROM audit_legacy ORDER BY id",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
            ))
        })?;
        rows.collect::<Result<_, _>>()?
    };
    if legacy.is_empty() {
        // A new workspace (or one that never wrote an entry).
        conn.execute_batch("DROP TABLE audit_legacy")?;
        return Ok(());
    }
    // The legacy hash had no actor field.
    let legacy_hash = |prev: &str, id: i64, at: f64, action: &str, entity: Option<&str>| {
        let mut h = Sha256::new();
        for (i, part) in [
            prev,
            &id.to_string(),
            &format!("{at:.6}"),
            action,
            entity.unwrap_or(""),
        ]
        .iter()
        .enumerate()
        {
            if i > 0 {
                h.update(b"\x1f");
            }
            h.update(part.as_bytes());
        }
        hex::encode(h.finalize())
    };
    let mut prev_old = GENESIS.to_string();
    let mut broken_at = None;
    let mut prev = head(conn)?
        .map(|h| h.1)
        .unwrap_or_else(|| GENESIS.to_string());
    let mut next_id = head(conn)?.map(|h| h.0).unwrap_or(0) + 1;
    let mut insert = |at: f64,
                      action: &str,
                      entity: Option<&str>,
                      prev: &mut String|
     -> rusqlite::Result<()> {
        let hash = entry_hash(prev, next_id, at, action, entity, None);
        conn.execute(
            "INSERT INTO audit (id, at, action, entity, actor, prev_hash, hash) VALUES (?1, ?2, ?3, ?4, NULL, ?5, ?6)",
            params![next_id, at, action, entity, &*prev, hash],
        )?;
        next_id += 1;
        *prev = hash;
        Ok(())
    };
    for (expected, (id, at, action, entity, prev_hash, hash)) in (1_i64..).zip(&legacy) {
        if broken_at.is_none()
            && (*id != expected
                || *prev_hash != prev_old
                || *hash != legacy_hash(&prev_old, *id, *at, action, entity.as_deref()))
        {
            broken_at = Some(*id);
        }
        prev_old = hash.clone();
        let entity = match entity {
            Some(e) => Some(pseudonymise_with(conn, KNOWN_IDS_WIDE, &salt, e)?),
            None => None,
        };
        insert(*at, action, entity.as_deref(), &mut prev)?;
    }
    let summary = match broken_at {
        Some(b) => format!("legacy:{}:broken_at:{b}", legacy.len()),
        None => format!("legacy:{}", legacy.len()),
    };
    let at = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs_f64())
        .unwrap_or(0.0);
    insert(at, "audit.migrated", Some(&summary), &mut prev)?;
    conn.execute_batch("DROP TABLE audit_legacy")?;
    Ok(())
}
