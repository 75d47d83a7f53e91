//! Erasure of candidates (SPEC F52, GDPR Art. 17): a reviewer action like a
//! decision, one transaction that removes imported and reviewer rows alike,
//! then makes the bytes unrecoverable in every file of the workspace folder.
//!
//! What goes, per interview id:
//! * every row of every table with an `interview_id` column (candidates and
//!   their steps, scorecard, tags, cheat flags, media links and raw JSON;
//!   decisions, decision log, notes, cohort memberships, outbox items with
//!   their payloads, retake grants, enrichment, and any later table that
//!   keys on the interview, such as team events);
//! * its full-text index row, with FTS5 `secure-delete` on, then the index
//!   rewritten (`optimize`): the contentless index keeps a deleted row's
//!   terms in their segment behind a tombstone until a merge;
//! * notification reads naming it;
//! * media files no other candidate references (shared ones stay);
//! * its rows in migration backups (`workspace.db.v<N>.bak`), which are
//!   rewritten and vacuumed, or dropped when they cannot be rewritten.
//!
//! How the bytes go: the writer always runs with `secure_delete=ON` (freed
//! cells and pages are zeroed); a workspace whose file held data before that
//! was so is vacuumed on its first erasure; then `wal_checkpoint(TRUNCATE)`
//! copies the zeroed pages into the database and empties the write-ahead
//! log. The `-shm` file holds page numbers only.
//!
//! What stays: one erasure-log row per interview (`erasures`): the salted
//! SHA-256 of the id, the time, the reviewer, the reason and counts, plus
//! the audit head after the erasure. Audit entries never held the id in
//! clear (see [`crate::audit`]), so they stay as they are. The reason is
//! refused when it contains the name or e-mail of a candidate it erases.

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::path::{Path, PathBuf};

use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;

use super::{begin, team_log, ActionError, ActionResult};
use crate::audit;
use crate::store::{chain, media, now, Workspace};
use shortlist_team::EventKind;

/// Default reason recorded when the reviewer gives none.
pub const DEFAULT_REASON: &str = "erasure request";

/// Longest reason kept in the erasure log.
pub const MAX_REASON_CHARS: usize = 500;

/// One candidate in the confirmation (shown to the reviewer; never logged).
#[derive(Debug, Clone, Serialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PlannedCandidate {
    pub interview_id: String,
    /// `None` when only reviewer data is left for this id (the candidate was
    /// removed upstream or never imported).
    pub name: Option<String>,
    pub email: Option<String>,
    pub job_title: Option<String>,
}

/// Rows of one table that will go (or went).
#[derive(Debug, Clone, Serialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct TableRows {
    pub table: String,
    pub rows: u64,
}

/// One media file linked to an erased candidate.
#[derive(Debug, Clone, Serialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PlannedMedia {
    pub interview_id: String,
    /// `video`, `audio`, `resume`.
    pub kind: String,
    pub size: u64,
    /// Referenced by another candidate too: the link goes, the file stays.
    pub shared: bool,
}

/// What will happen to a migration backup.
#[derive(Debug, Clone, Serialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PlannedBackup {
    /// File name in the workspace folder, e.g. `workspace.db.v1.bak`.
    pub file: String,
    /// Whether it holds rows of the erased candidates (it is rewritten
    /// without them; dropped if that fails).
    pub holds_candidates: bool,
}

/// What [`erase`] would remove: the "Erase candidate…" confirmation.
#[derive(Debug, Clone, Serialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ErasePlan {
    pub candidates: Vec<PlannedCandidate>,
    /// Rows per table, tables with none left out.
    pub rows: Vec<TableRows>,
    pub total_rows: u64,
    pub media: Vec<PlannedMedia>,
    pub notes: u64,
    pub decisions: u64,
    pub outbox_items: u64,
    /// Names of the cohorts the candidates leave.
    pub cohorts: Vec<String>,
    pub backups: Vec<PlannedBackup>,
}

/// What a backup became.
#[derive(Debug, Clone, Serialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum BackupOutcome {
    /// Held none of the candidates: untouched.
    Untouched { file: String },
    /// Rewritten without the candidates and vacuumed.
    Rewritten { file: String, rows: u64 },
    /// Could not be rewritten, so deleted.
    Dropped { file: String, why: String },
}

/// The result of [`erase`]; holds no personal data (ids only as hashes).
#[derive(Debug, Clone, Serialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ErasureReport {
    /// Salted SHA-256 of each erased interview id (as in the erasure log).
    pub id_hashes: Vec<String>,
    pub rows: Vec<TableRows>,
    pub total_rows: u64,
    pub media_files_deleted: u64,
    pub media_bytes_deleted: u64,
    pub media_files_kept_shared: u64,
    pub backups: Vec<BackupOutcome>,
    /// The write-ahead log was checkpointed and truncated to zero bytes.
    pub wal_truncated: bool,
    /// The database was vacuumed (first erasure of a workspace whose free
    /// pages may hold bytes from before `secure_delete`).
    pub vacuumed: bool,
    /// `<id> <hash>` of the audit head after the erasure.
    pub audit_head: String,
}

/// One row of the erasure log.
#[derive(Debug, Clone, Serialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ErasureRecord {
    pub id: i64,
    pub id_hash: String,
    pub erased_at: f64,
    pub reviewer: String,
    pub reason: String,
    pub rows_removed: u64,
    pub media_removed: u64,
    pub notes_removed: u64,
    pub outbox_removed: u64,
    pub audit_head: String,
}

/// Tables (not virtual, not the logs) with an `interview_id` column,
/// `candidates` last (its children cascade from it).
fn keyed_tables(conn: &Connection) -> rusqlite::Result<Vec<String>> {
    let mut stmt = conn.prepare(
        "SELECT name FROM sqlite_master WHERE type = 'table'
           AND name NOT LIKE 'sqlite_%' AND sql NOT LIKE 'CREATE VIRTUAL%'
           AND name NOT IN ('audit', 'erasures')
         ORDER BY name = 'candidates', name",
    )?;
    let names: Vec<String> = stmt
        .query_map([], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    let mut out = Vec::new();
    for n in names {
        if has_column(conn, &n, "interview_id")? {
            out.push(n);
        }
    }
    Ok(out)
}

fn has_column(conn: &Connection, table: &str, column: &str) -> rusqlite::Result<bool> {
    let mut stmt = conn.prepare(&format!("PRAGMA table_info({})", quote(table)))?;
    let cols: Vec<String> = stmt
        .query_map([], |r| r.get(1))?
        .collect::<Result<_, _>>()?;
    Ok(cols.iter().any(|c| c == column))
}

fn table_exists(conn: &Connection, table: &str) -> rusqlite::Result<bool> {
    conn.query_row(
        "SELECT count(*) > 0 FROM sqlite_master WHERE name = ?1",
        [table],
        |r| r.get(0),
    )
}

fn quote(ident: &str) -> String {
    format!("\"{}\"", ident.replace('"', "\"\""))
}

/// Notification-read keys naming one of `ids` (`completed:<id>`, …).
fn notification_keys(conn: &Connection, ids: &HashSet<&str>) -> rusqlite::Result<Vec<String>> {
    if !table_exists(conn, "notification_reads")? {
        return Ok(Vec::new());
    }
    let mut stmt = conn.prepare("SELECT key FROM notification_reads")?;
    let keys: Vec<String> = stmt
        .query_map([], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    Ok(keys
        .into_iter()
        .filter(|k| k.split(':').any(|p| ids.contains(p)))
        .collect())
}

fn dedup(ids: &[String]) -> ActionResult<Vec<String>> {
    if ids.is_empty() {
        return Err(ActionError::Invalid(
            "no candidate selected; give at least one interview id".into(),
        ));
    }
    let mut seen = HashSet::new();
    Ok(ids
        .iter()
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty() && seen.insert(s.clone()))
        .collect())
}

/// Per-id row counts of every keyed table; refuses an id found nowhere.
fn count_rows(
    conn: &Connection,
    ids: &[String],
) -> ActionResult<BTreeMap<String, BTreeMap<String, u64>>> {
    let tables = keyed_tables(conn)?;
    let mut per_id = BTreeMap::new();
    for id in ids {
        let mut counts = BTreeMap::new();
        for t in &tables {
            let n: i64 = conn.query_row(
                &format!("SELECT count(*) FROM {} WHERE interview_id = ?1", quote(t)),
                [id],
                |r| r.get(0),
            )?;
            if n > 0 {
                counts.insert(t.clone(), n as u64);
            }
        }
        let keys = notification_keys(conn, &HashSet::from([id.as_str()]))?;
        if !keys.is_empty() {
            counts.insert("notification_reads".into(), keys.len() as u64);
        }
        if counts.is_empty() {
            return Err(ActionError::NoSuchInterview(id.clone()));
        }
        per_id.insert(id.clone(), counts);
    }
    Ok(per_id)
}

fn sum_tables(per_id: &BTreeMap<String, BTreeMap<String, u64>>) -> Vec<TableRows> {
    let mut totals: BTreeMap<&str, u64> = BTreeMap::new();
    for counts in per_id.values() {
        for (t, n) in counts {
            *totals.entry(t).or_default() += n;
        }
    }
    totals
        .into_iter()
        .map(|(t, rows)| TableRows {
            table: t.to_string(),
            rows,
        })
        .collect()
}

fn table_total(per_id: &BTreeMap<String, BTreeMap<String, u64>>, table: &str) -> u64 {
    per_id.values().filter_map(|c| c.get(table)).sum()
}

/// One media link of an erased candidate.
struct MediaLink {
    interview_id: String,
    kind: String,
    hash: String,
    size: u64,
    /// Another (not erased) candidate links the same file.
    shared: bool,
}

/// Media of the erased ids.
fn media_of(conn: &Connection, ids: &[String]) -> rusqlite::Result<Vec<MediaLink>> {
    let erased: HashSet<&str> = ids.iter().map(String::as_str).collect();
    let mut out = Vec::new();
    let mut links = conn.prepare(
        "SELECT cm.kind, cm.hash, coalesce(m.size, 0) FROM candidate_media cm
         LEFT JOIN media m ON m.hash = cm.hash
         WHERE cm.interview_id = ?1 AND cm.hash IS NOT NULL ORDER BY cm.kind",
    )?;
    let mut users = conn.prepare("SELECT interview_id FROM candidate_media WHERE hash = ?1")?;
    for id in ids {
        let rows: Vec<(String, String, i64)> = links
            .query_map([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect::<Result<_, _>>()?;
        for (kind, hash, size) in rows {
            let others: Vec<String> = users
                .query_map([&hash], |r| r.get(0))?
                .collect::<Result<_, _>>()?;
            let shared = others.iter().any(|o| !erased.contains(o.as_str()));
            out.push(MediaLink {
                interview_id: id.clone(),
                kind,
                hash,
                size: size.max(0) as u64,
                shared,
            });
        }
    }
    Ok(out)
}

/// Migration backups in the workspace folder, sorted.
fn backup_files(root: &Path) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(root)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with("workspace.db.v") && n.ends_with(".bak"))
        })
        .collect();
    out.sort();
    out
}

fn file_name(p: &Path) -> String {
    p.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// Whether a backup holds any row of `ids` (read-only look).
fn backup_holds(path: &Path, ids: &[String], key: Option<&shortlist_crypt::WorkspaceKey>) -> bool {
    let Ok(conn) = Connection::open_with_flags(path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
    else {
        return true;
    };
    if crate::store::crypt::key_connection(&conn, key).is_err() {
        return true;
    }
    let Ok(tables) = keyed_tables(&conn) else {
        return true;
    };
    ids.iter().any(|id| {
        tables.iter().any(|t| {
            conn.query_row(
                &format!(
                    "SELECT count(*) > 0 FROM {} WHERE interview_id = ?1",
                    quote(t)
                ),
                [id],
                |r| r.get::<_, bool>(0),
            )
            .unwrap_or(true)
        })
    })
}

/// What [`erase`] would remove, for the confirmation. Writes nothing. An id
/// found in no table refuses the plan (nothing to erase, or a typo).
pub fn erase_plan(ws: &Workspace, ids: &[String]) -> ActionResult<ErasePlan> {
    let ids = dedup(ids)?;
    let conn = ws.reader();
    plan_on(&conn, ws.root(), &ids, ws.key())
}

fn plan_on(
    conn: &Connection,
    root: &Path,
    ids: &[String],
    key: Option<&shortlist_crypt::WorkspaceKey>,
) -> ActionResult<ErasePlan> {
    let per_id = count_rows(conn, ids)?;
    let mut candidates = Vec::new();
    for id in ids {
        let found: Option<(String, String, Option<String>)> = conn
            .query_row(
                "SELECT c.name, c.email, p.title FROM candidates c
                 LEFT JOIN postings p ON p.id = c.posting_id WHERE c.interview_id = ?1",
                [id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()?;
        candidates.push(PlannedCandidate {
            interview_id: id.clone(),
            name: found.as_ref().map(|f| f.0.clone()),
            email: found.as_ref().map(|f| f.1.clone()),
            job_title: found.and_then(|f| f.2),
        });
    }
    let media = media_of(conn, ids)?
        .into_iter()
        .map(|m| PlannedMedia {
            interview_id: m.interview_id,
            kind: m.kind,
            size: m.size,
            shared: m.shared,
        })
        .collect();
    let mut cohorts: BTreeSet<String> = BTreeSet::new();
    {
        let mut stmt = conn.prepare(
            "SELECT c.name FROM cohorts c JOIN cohort_members m ON m.cohort_id = c.id
             WHERE m.interview_id = ?1",
        )?;
        for id in ids {
            for n in stmt.query_map([id], |r| r.get::<_, String>(0))? {
                cohorts.insert(n?);
            }
        }
    }
    let backups = backup_files(root)
        .into_iter()
        .map(|p| PlannedBackup {
            holds_candidates: backup_holds(&p, ids, key),
            file: file_name(&p),
        })
        .collect();
    let rows = sum_tables(&per_id);
    Ok(ErasePlan {
        candidates,
        total_rows: rows.iter().map(|t| t.rows).sum(),
        rows,
        media,
        notes: table_total(&per_id, "notes"),
        decisions: table_total(&per_id, "decisions"),
        outbox_items: table_total(&per_id, "outbox"),
        cohorts: cohorts.into_iter().collect(),
        backups,
    })
}

/// Refuse a reason that names a candidate it erases (the log keeps no
/// personal data).
fn check_reason(reason: &str, plan: &ErasePlan) -> ActionResult<String> {
    let reason = reason.trim();
    let reason = if reason.is_empty() {
        DEFAULT_REASON
    } else {
        reason
    };
    if reason.chars().count() > MAX_REASON_CHARS {
        return Err(ActionError::Invalid(format!(
            "the erasure reason is longer than {MAX_REASON_CHARS} characters; shorten it"
        )));
    }
    let lower = reason.to_lowercase();
    let words: HashSet<String> = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect();
    for c in &plan.candidates {
        let mut whole: Vec<String> = vec![c.interview_id.to_lowercase()];
        let mut words_of = Vec::new();
        if let Some(n) = &c.name {
            whole.push(n.to_lowercase());
            words_of.extend(
                n.to_lowercase()
                    .split(|c: char| !c.is_alphanumeric())
                    .filter(|w| w.chars().count() >= 3)
                    .map(str::to_string),
            );
        }
        if let Some(e) = &c.email {
            whole.push(e.to_lowercase());
        }
        let named = whole
            .iter()
            .any(|p| p.chars().count() >= 3 && lower.contains(p.as_str()))
            || words_of.iter().any(|w| words.contains(w))
            || words.contains(&c.interview_id.to_lowercase());
        if named {
            return Err(ActionError::Invalid(format!(
                "the erasure reason names candidate `{}` (its name, e-mail or id); the erasure log keeps no personal data: give a reason without them, e.g. \"candidate's request\"",
                c.interview_id
            )));
        }
    }
    Ok(reason.to_string())
}

/// Erase the candidates `ids` everywhere in the workspace (see the module
/// doc); `reason` (empty: [`DEFAULT_REASON`]) goes to the erasure log.
/// Either every id is erased or, on an error before the commit, none is.
pub fn erase(ws: &Workspace, ids: &[String], reason: &str) -> ActionResult<ErasureReport> {
    erase_with(ws, ids, reason, true, TeamEffect::Tombstone)
}

/// What an erasure does in the team log (F74).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum TeamEffect {
    /// A local erasure: when a team is configured, one tombstone per id,
    /// carrying only [`tombstone_subject`] (no personal data), so the other
    /// replicas erase the candidate too.
    Tombstone,
    /// The erasure applies this pulled tombstone: it is marked applied in
    /// the erasure's transaction, and no new tombstone is written.
    Applies(uuid::Uuid),
}

/// The subject of an erasure tombstone: `erased:` and the SHA-256 (hex) of
/// a fixed label and the interview id. Unlike the erasure log's hash it is
/// not salted per workspace, since every replica of the team must find the
/// candidate by it; it reveals an id only to whoever already holds that id.
pub fn tombstone_subject(interview_id: &str) -> String {
    use sha2::{Digest, Sha256};
    let mut h = Sha256::new();
    h.update(b"shortlist-team-erasure\x1f");
    h.update(interview_id.trim().as_bytes());
    format!("erased:{}", hex::encode(h.finalize()))
}

/// [`erase`]; `check` off for reasons the app writes itself (retention,
/// team tombstones), which name no one.
pub(crate) fn erase_with(
    ws: &Workspace,
    ids: &[String],
    reason: &str,
    check: bool,
    team: TeamEffect,
) -> ActionResult<ErasureReport> {
    let ids = dedup(ids)?;
    let reviewer = ws.reviewer();
    // A background checkpoint of an import must not hold the WAL open.
    ws.wait_for_checkpoint();
    let mut conn = ws.writer();
    let root = ws.root().to_path_buf();
    let plan = plan_on(&conn, &root, &ids, ws.key())?;
    let reason = if check {
        check_reason(reason, &plan)?
    } else {
        reason.to_string()
    };
    conn.pragma_update(None, "secure_delete", "ON")?;

    let tx = begin(&mut conn)?;
    let per_id = count_rows(&tx, &ids)?;
    let media = media_of(&tx, &ids)?;
    let salt = chain::id_salt(&tx)?;
    let tables = keyed_tables(&tx)?;
    let erased: HashSet<&str> = ids.iter().map(String::as_str).collect();

    // Full-text rows first (keyed by the candidate's rowid), with FTS5's
    // secure delete so the terms leave the index segments.
    if table_exists(&tx, "fts")? {
        tx.execute(
            "INSERT INTO fts (fts, rank) VALUES ('secure-delete', 1)",
            [],
        )?;
        let mut rowid_of = tx.prepare("SELECT rowid FROM candidates WHERE interview_id = ?1")?;
        let mut del = tx.prepare("DELETE FROM fts WHERE rowid = ?1")?;
        for id in &ids {
            if let Some(rowid) = rowid_of
                .query_row([id], |r| r.get::<_, i64>(0))
                .optional()?
            {
                del.execute([rowid])?;
            }
        }
        drop((rowid_of, del));
        // A contentless-delete table records deletions as tombstones and
        // keeps the terms in their segments until a merge: rewrite the
        // index into one segment, so the erased terms are gone (the old
        // segments' pages are zeroed by `secure_delete`).
        tx.execute("INSERT INTO fts (fts) VALUES ('optimize')", [])?;
    }
    for t in &tables {
        let mut del = tx.prepare(&format!("DELETE FROM {} WHERE interview_id = ?1", quote(t)))?;
        for id in &ids {
            del.execute([id])?;
        }
    }
    for key in notification_keys(&tx, &erased)? {
        tx.execute("DELETE FROM notification_reads WHERE key = ?1", [key])?;
    }
    // Media rows no remaining candidate links to.
    let mut doomed: BTreeMap<String, u64> = BTreeMap::new();
    let mut kept_shared = 0;
    for m in &media {
        if m.shared {
            kept_shared += 1;
        } else {
            doomed.insert(m.hash.clone(), m.size);
        }
    }
    for hash in doomed.keys() {
        tx.execute("DELETE FROM media WHERE hash = ?1", [hash])?;
    }

    let erased_at = now();
    let mut id_hashes = Vec::with_capacity(ids.len());
    for id in &ids {
        let counts = &per_id[id];
        let rows: u64 = counts.values().sum();
        let id_hash = chain::id_hash(&salt, id);
        audit::append(
            &tx,
            "erase",
            Some(&format!("{}{id_hash}:rows:{rows}", chain::SUBJECT_PREFIX)),
        )?;
        id_hashes.push(id_hash);
    }
    let head = audit::head_text(&tx)?;
    for (id, id_hash) in ids.iter().zip(&id_hashes) {
        let counts = &per_id[id];
        let media_removed = media
            .iter()
            .filter(|m| &m.interview_id == id && !m.shared)
            .count() as u64;
        tx.execute(
            "INSERT INTO erasures (id_hash, erased_at, reviewer, reason, rows_removed,
                media_removed, notes_removed, outbox_removed, audit_head)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            params![
                id_hash,
                erased_at,
                reviewer,
                reason,
                counts.values().sum::<u64>() as i64,
                media_removed as i64,
                counts.get("notes").copied().unwrap_or(0) as i64,
                counts.get("outbox").copied().unwrap_or(0) as i64,
                head,
            ],
        )?;
    }
    match team {
        TeamEffect::Tombstone => {
            for id in &ids {
                team_log::record(
                    &tx,
                    EventKind::ErasureTombstone,
                    &tombstone_subject(id),
                    serde_json::json!({ "reason": reason }),
                    None,
                )?;
            }
        }
        TeamEffect::Applies(event) => {
            shortlist_team::mark_applied(&tx, &[event]).map_err(crate::error::StoreError::from)?;
        }
    }
    let needs_vacuum: bool = tx
        .query_row(
            "SELECT count(*) > 0 FROM meta WHERE key = 'vacuum_before_erasure'",
            [],
            |r| r.get(0),
        )
        .unwrap_or(true);
    tx.commit()?;

    // The files, once the rows are gone for good.
    let media_dir = ws.media_dir();
    let mut media_files_deleted = 0;
    let mut media_bytes_deleted = 0;
    for (hash, size) in &doomed {
        if let Some(path) = media::path_for(&media_dir, hash) {
            match std::fs::remove_file(&path) {
                Ok(()) => {
                    media_files_deleted += 1;
                    media_bytes_deleted += size;
                    if let Some(dir) = path.parent() {
                        let _ = std::fs::remove_dir(dir); // only when empty
                    }
                }
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(e) => return Err(crate::error::StoreError::io(&path, e).into()),
            }
        }
    }
    let vacuumed = if needs_vacuum {
        conn.execute_batch("VACUUM")?;
        conn.execute("DELETE FROM meta WHERE key = 'vacuum_before_erasure'", [])?;
        true
    } else {
        false
    };
    let wal_truncated = truncate_wal(&conn)?;
    drop(conn);

    let backups = backup_files(&root)
        .into_iter()
        .map(|p| scrub_backup(&p, &ids, ws.key()))
        .collect();
    let rows = sum_tables(&per_id);
    Ok(ErasureReport {
        id_hashes,
        total_rows: rows.iter().map(|t| t.rows).sum(),
        rows,
        media_files_deleted,
        media_bytes_deleted,
        media_files_kept_shared: kept_shared,
        backups,
        wal_truncated,
        vacuumed,
        audit_head: head,
    })
}

/// `wal_checkpoint(TRUNCATE)`: true when every frame was copied and the log
/// truncated (false if a reader elsewhere still holds an old snapshot).
fn truncate_wal(conn: &Connection) -> rusqlite::Result<bool> {
    let (busy, _log, _done): (i64, i64, i64) =
        conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })?;
    Ok(busy == 0)
}

/// Rewrite one migration backup without `ids`; drop it if that fails.
fn scrub_backup(
    path: &Path,
    ids: &[String],
    key: Option<&shortlist_crypt::WorkspaceKey>,
) -> BackupOutcome {
    let file = file_name(path);
    if !backup_holds(path, ids, key) {
        return BackupOutcome::Untouched { file };
    }
    match rewrite_backup(path, ids, key) {
        Ok(rows) => BackupOutcome::Rewritten { file, rows },
        Err(e) => {
            let why = e.to_string();
            match std::fs::remove_file(path) {
                Ok(()) => BackupOutcome::Dropped { file, why },
                Err(rm) => BackupOutcome::Dropped {
                    file,
                    why: format!("{why}; and removing it failed: {rm} — delete it by hand"),
                },
            }
        }
    }
}

/// The erasure on a backup of any schema version: keyed rows, full-text
/// rows (by id in v1–v3, by rowid from v4), notification reads, audit rows
/// naming the id in clear (pre-v5 backups), media rows no longer linked;
/// then `VACUUM`, with a rollback journal that is deleted at commit.
fn rewrite_backup(
    path: &Path,
    ids: &[String],
    key: Option<&shortlist_crypt::WorkspaceKey>,
) -> rusqlite::Result<u64> {
    let mut conn = Connection::open_with_flags(path, rusqlite::OpenFlags::SQLITE_OPEN_READ_WRITE)?;
    crate::store::crypt::key_connection_sql(&conn, key)?;
    conn.pragma_update(None, "journal_mode", "DELETE")?;
    conn.pragma_update(None, "secure_delete", "ON")?;
    let erased: HashSet<&str> = ids.iter().map(String::as_str).collect();
    let tx = conn.transaction()?;
    let mut rows = 0u64;
    if table_exists(&tx, "fts")? {
        let _ = tx.execute(
            "INSERT INTO fts (fts, rank) VALUES ('secure-delete', 1)",
            [],
        );
        let by_id = has_column(&tx, "fts", "interview_id")?;
        for id in ids {
            if by_id {
                tx.execute("DELETE FROM fts WHERE interview_id = ?1", [id])?;
            } else if let Some(rowid) = tx
                .query_row(
                    "SELECT rowid FROM candidates WHERE interview_id = ?1",
                    [id],
                    |r| r.get::<_, i64>(0),
                )
                .optional()?
            {
                tx.execute("DELETE FROM fts WHERE rowid = ?1", [rowid])?;
            }
        }
        let _ = tx.execute("INSERT INTO fts (fts) VALUES ('optimize')", []);
    }
    for t in keyed_tables(&tx)? {
        for id in ids {
            rows += tx.execute(
                &format!("DELETE FROM {} WHERE interview_id = ?1", quote(&t)),
                [id],
            )? as u64;
        }
    }
    for key in notification_keys(&tx, &erased)? {
        rows += tx.execute("DELETE FROM notification_reads WHERE key = ?1", [key])? as u64;
    }
    let append_only: bool = tx.query_row(
        "SELECT count(*) > 0 FROM sqlite_master WHERE type = 'trigger' AND name = 'audit_append_only_delete'",
        [],
        |r| r.get(0),
    )?;
    if !append_only && table_exists(&tx, "audit")? {
        let naming: Vec<i64> = {
            let mut stmt = tx.prepare("SELECT id, entity FROM audit WHERE entity IS NOT NULL")?;
            let all: Vec<(i64, String)> = stmt
                .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
                .collect::<Result<_, _>>()?;
            all.into_iter()
                .filter(|(_, e)| e.split(':').any(|p| erased.contains(p)))
                .map(|(id, _)| id)
                .collect()
        };
        for id in naming {
            rows += tx.execute("DELETE FROM audit WHERE id = ?1", [id])? as u64;
        }
    }
    if table_exists(&tx, "media")? && table_exists(&tx, "candidate_media")? {
        rows += tx.execute(
            "DELETE FROM media WHERE hash NOT IN (SELECT hash FROM candidate_media WHERE hash IS NOT NULL)",
            [],
        )? as u64;
    }
    tx.commit()?;
    conn.execute_batch("VACUUM")?;
    Ok(rows)
}

/// The erasure log, oldest first.
pub fn list_erasures(ws: &Workspace) -> ActionResult<Vec<ErasureRecord>> {
    let conn = ws.reader();
    let mut stmt = conn.prepare(
        "SELECT id, id_hash, erased_at, reviewer, reason, rows_removed, media_removed,
                notes_removed, outbox_removed, audit_head FROM erasures ORDER BY id",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok(ErasureRecord {
            id: r.get(0)?,
            id_hash: r.get(1)?,
            erased_at: r.get(2)?,
            reviewer: r.get(3)?,
            reason: r.get(4)?,
            rows_removed: r.get::<_, i64>(5)? as u64,
            media_removed: r.get::<_, i64>(6)? as u64,
            notes_removed: r.get::<_, i64>(7)? as u64,
            outbox_removed: r.get::<_, i64>(8)? as u64,
            audit_head: r.get(9)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The erasure-log hash of an interview id in this workspace (to answer
/// "was this candidate erased?" without keeping the id).
pub fn id_hash(ws: &Workspace, interview_id: &str) -> ActionResult<String> {
    let salt = chain::id_salt(&ws.reader())?;
    Ok(chain::id_hash(&salt, interview_id.trim()))
}
