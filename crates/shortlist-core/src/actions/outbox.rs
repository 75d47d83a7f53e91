//! The outbox (F40): messages and ATS pushes written in the same transaction
//! as the action that asked for them, then delivered when possible.
//!
//! Life of an item: `queued` → (claimed by a deliverer) `sending` → `sent`, or
//! back to `queued` with `attempts + 1` and an exponential back-off
//! (`next_attempt_at`) after a transient error, or `failed` with the reason
//! after a permanent error or [`RetryPolicy::max_attempts`]. `retry` puts a
//! failed item back in the queue.
//!
//! **Delivery guarantee: at-least-once, duplicates detectable.** Claiming an
//! item commits `sending` before the network call; marking it `sent` commits
//! after the server accepted it. A crash in between leaves the item
//! `sending`; [`recover_stale`] returns such items to `queued` once their
//! lease ([`RetryPolicy::lease_secs`]) has expired, so the message is sent
//! again. Nothing is lost; in that one window a message can go out twice, and
//! the second copy carries the same `Message-ID` (derived from the item's
//! idempotency key) so mail clients and the recipient can recognise it. We
//! chose this over at-most-once (never re-sending an interrupted item) because
//! a silently missing reminder is worse than a recognisable duplicate. The
//! window is the time between the SMTP server's final `250` and our commit.
//!
//! The idempotency key is unique: the same action request never queues an
//! item twice, and an identical message to the same candidate that is still
//! waiting is not queued again.

use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use sha2::{Digest, Sha256};

use super::{begin, ActionError, ActionResult};
use crate::audit;
use crate::store::{now, Workspace};

#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum OutboxKind {
    Nudge,
    Blast,
    Retake,
    AtsPush,
}

impl OutboxKind {
    pub const MAIL: &'static [OutboxKind] =
        &[OutboxKind::Nudge, OutboxKind::Blast, OutboxKind::Retake];

    pub fn as_str(self) -> &'static str {
        match self {
            OutboxKind::Nudge => "nudge",
            OutboxKind::Blast => "blast",
            OutboxKind::Retake => "retake",
            OutboxKind::AtsPush => "ats_push",
        }
    }

    pub fn parse(s: &str) -> Option<OutboxKind> {
        Some(match s {
            "nudge" => OutboxKind::Nudge,
            "blast" => OutboxKind::Blast,
            "retake" => OutboxKind::Retake,
            "ats_push" => OutboxKind::AtsPush,
            _ => return None,
        })
    }

    pub fn is_mail(self) -> bool {
        self != OutboxKind::AtsPush
    }
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum OutboxStatus {
    Queued,
    Sending,
    Sent,
    Failed,
}

impl OutboxStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            OutboxStatus::Queued => "queued",
            OutboxStatus::Sending => "sending",
            OutboxStatus::Sent => "sent",
            OutboxStatus::Failed => "failed",
        }
    }

    pub fn parse(s: &str) -> Option<OutboxStatus> {
        Some(match s {
            "queued" => OutboxStatus::Queued,
            "sending" => OutboxStatus::Sending,
            "sent" => OutboxStatus::Sent,
            "failed" => OutboxStatus::Failed,
            _ => return None,
        })
    }
}

/// A rendered e-mail (the payload of nudge, blast and retake items).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct MailPayload {
    pub to: String,
    pub to_name: String,
    pub subject: String,
    pub body: String,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct OutboxItem {
    pub id: i64,
    pub kind: OutboxKind,
    pub interview_id: String,
    pub status: OutboxStatus,
    pub attempts: i64,
    pub next_attempt_at: f64,
    pub claimed_at: Option<f64>,
    pub last_error: Option<String>,
    pub created_at: f64,
    pub sent_at: Option<f64>,
    /// `smtp`, `eml` or `api`.
    pub delivered_via: Option<String>,
    /// ATS queue item id returned by the push endpoint.
    pub remote_id: Option<String>,
    /// Last polled ATS push status.
    pub remote_status: Option<String>,
    pub idempotency_key: String,
    #[cfg_attr(feature = "ts", ts(type = "Record<string, unknown>"))]
    pub payload: Value,
}

impl OutboxItem {
    /// The e-mail of a mail item.
    pub fn mail(&self) -> ActionResult<MailPayload> {
        if !self.kind.is_mail() {
            return Err(ActionError::Invalid(format!(
                "outbox item #{} is an ATS push, not an e-mail",
                self.id
            )));
        }
        serde_json::from_value(self.payload.clone()).map_err(|e| {
            ActionError::Invalid(format!(
                "outbox item #{}: payload is not a message ({e}); delete and queue it again",
                self.id
            ))
        })
    }

    /// Stable `Message-ID` local part: the same item always gets the same
    /// id, so a re-send after a crash is recognisable as a duplicate.
    pub fn message_id_local(&self) -> String {
        let mut h = Sha256::new();
        h.update(self.idempotency_key.as_bytes());
        format!("shortlist.{}", &hex::encode(h.finalize())[..32])
    }
}

/// Back-off and crash-recovery parameters.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RetryPolicy {
    /// Delay after the first failed attempt; doubles each attempt.
    pub base_secs: f64,
    /// Longest delay between attempts.
    pub cap_secs: f64,
    /// After this many attempts a transient error becomes `failed`.
    pub max_attempts: i64,
    /// A `sending` item older than this is considered interrupted.
    pub lease_secs: f64,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            base_secs: 60.0,
            cap_secs: 3600.0,
            max_attempts: 8,
            lease_secs: 300.0,
        }
    }
}

impl RetryPolicy {
    /// Delay before the next attempt after `attempts` attempts (≥ 1).
    pub fn delay(&self, attempts: i64) -> f64 {
        let exp = (attempts.max(1) - 1).min(30) as i32;
        (self.base_secs * 2f64.powi(exp)).min(self.cap_secs)
    }
}

/// How one delivery attempt ended.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    Sent {
        via: String,
        remote_id: Option<String>,
        remote_status: Option<String>,
    },
    /// Try again later (server down, 4xx, timeout, 429…).
    Transient(String),
    /// Will not succeed as is (5xx, auth failure, refused address…).
    Permanent(String),
}

const COLUMNS: &str = "id, kind, interview_id, status, attempts, next_attempt_at, claimed_at, last_error, created_at, sent_at, delivered_via, remote_id, remote_status, idempotency_key, payload";

fn from_row(r: &Row<'_>) -> rusqlite::Result<OutboxItem> {
    let kind: String = r.get(1)?;
    let status: String = r.get(3)?;
    let payload: String = r.get(14)?;
    Ok(OutboxItem {
        id: r.get(0)?,
        kind: OutboxKind::parse(&kind).unwrap_or(OutboxKind::Blast),
        interview_id: r.get(2)?,
        status: OutboxStatus::parse(&status).unwrap_or(OutboxStatus::Failed),
        attempts: r.get(4)?,
        next_attempt_at: r.get(5)?,
        claimed_at: r.get(6)?,
        last_error: r.get(7)?,
        created_at: r.get(8)?,
        sent_at: r.get(9)?,
        delivered_via: r.get(10)?,
        remote_id: r.get(11)?,
        remote_status: r.get(12)?,
        idempotency_key: r.get(13)?,
        payload: serde_json::from_str(&payload).unwrap_or(Value::Null),
    })
}

fn get_in(conn: &Connection, id: i64) -> ActionResult<OutboxItem> {
    conn.query_row(
        &format!("SELECT {COLUMNS} FROM outbox WHERE id = ?1"),
        [id],
        from_row,
    )
    .optional()?
    .ok_or(ActionError::NoSuchOutboxItem(id))
}

pub fn get(ws: &Workspace, id: i64) -> ActionResult<OutboxItem> {
    get_in(&ws.reader(), id)
}

/// Items, newest first, optionally of one status.
pub fn list(ws: &Workspace, status: Option<OutboxStatus>) -> ActionResult<Vec<OutboxItem>> {
    let conn = ws.reader();
    let mut stmt = conn.prepare(&format!(
        "SELECT {COLUMNS} FROM outbox WHERE ?1 IS NULL OR status = ?1 ORDER BY id DESC"
    ))?;
    let rows = stmt.query_map([status.map(OutboxStatus::as_str)], from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

#[derive(Debug, Clone, Default, Serialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct OutboxCounts {
    pub queued: i64,
    pub sending: i64,
    pub sent: i64,
    pub failed: i64,
}

pub fn counts(ws: &Workspace) -> ActionResult<OutboxCounts> {
    let conn = ws.reader();
    let mut c = OutboxCounts::default();
    let mut stmt = conn.prepare("SELECT status, count(*) FROM outbox GROUP BY status")?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let s: String = r.get(0)?;
        let n: i64 = r.get(1)?;
        match s.as_str() {
            "queued" => c.queued = n,
            "sending" => c.sending = n,
            "sent" => c.sent = n,
            _ => c.failed += n,
        }
    }
    Ok(c)
}

/// Idempotency key for one item of one action request. `content` is what
/// makes two messages "identical"; `request` makes one request distinct.
pub(crate) fn make_key(
    kind: OutboxKind,
    interview_id: &str,
    content: &str,
    request: &str,
) -> String {
    let mut h = Sha256::new();
    h.update(content.as_bytes());
    let content16 = &hex::encode(h.finalize())[..16];
    format!("{}:{interview_id}:{content16}:{request}", kind.as_str())
}

/// A fresh request id: unique per process call (time, pid, counter).
pub fn new_request_id() -> String {
    use std::sync::atomic::{AtomicU64, Ordering};
    static N: AtomicU64 = AtomicU64::new(0);
    let t = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or(0);
    format!(
        "{t:x}-{:x}-{:x}",
        std::process::id(),
        N.fetch_add(1, Ordering::Relaxed)
    )
}

/// Why an item was not queued.
#[derive(Debug, Clone, Serialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum NotQueued {
    /// The same request already queued it (outbox id).
    SameRequest(i64),
    /// An identical item for this candidate is still waiting (outbox id).
    StillWaiting(i64),
}

/// Insert one item inside the action's transaction, with its audit entry.
pub(crate) fn enqueue(
    tx: &Connection,
    kind: OutboxKind,
    interview_id: &str,
    payload: &Value,
    key: &str,
) -> ActionResult<Result<i64, NotQueued>> {
    if let Some(id) = tx
        .query_row(
            "SELECT id FROM outbox WHERE idempotency_key = ?1",
            [key],
            |r| r.get::<_, i64>(0),
        )
        .optional()?
    {
        return Ok(Err(NotQueued::SameRequest(id)));
    }
    // Same kind, candidate and content, still waiting: don't queue twice.
    let prefix = key.rsplit_once(':').map(|(p, _)| p).unwrap_or(key);
    if let Some(id) = tx
        .query_row(
            "SELECT id FROM outbox WHERE substr(idempotency_key, 1, length(?1) + 1) = ?1 || ':'
               AND status IN ('queued','sending') LIMIT 1",
            [prefix],
            |r| r.get::<_, i64>(0),
        )
        .optional()?
    {
        return Ok(Err(NotQueued::StillWaiting(id)));
    }
    let at = now();
    tx.execute(
        "INSERT INTO outbox (kind, interview_id, payload, status, attempts, next_attempt_at, created_at, idempotency_key)
         VALUES (?1, ?2, ?3, 'queued', 0, ?4, ?4, ?5)",
        params![kind.as_str(), interview_id, payload.to_string(), at, key],
    )?;
    let id = tx.last_insert_rowid();
    audit::append(
        tx,
        &format!("outbox.queue.{}", kind.as_str()),
        Some(&format!("outbox:{id}:{interview_id}")),
    )?;
    Ok(Ok(id))
}

/// Return interrupted `sending` items (claimed more than a lease ago) to the
/// queue. Call before delivering. Returns their ids.
pub fn recover_stale(ws: &Workspace, policy: &RetryPolicy, at: f64) -> ActionResult<Vec<i64>> {
    let mut conn = ws.writer();
    let tx = begin(&mut conn)?;
    let ids: Vec<i64> = {
        let mut stmt = tx.prepare(
            "SELECT id FROM outbox WHERE status = 'sending' AND (claimed_at IS NULL OR claimed_at <= ?1) ORDER BY id",
        )?;
        let rows = stmt.query_map([at - policy.lease_secs], |r| r.get(0))?;
        rows.collect::<Result<_, _>>()?
    };
    for id in &ids {
        tx.execute(
            "UPDATE outbox SET status = 'queued', claimed_at = NULL, next_attempt_at = ?2,
                    last_error = 'interrupted while sending; queued again (may arrive twice, same Message-ID)'
             WHERE id = ?1",
            params![id, at],
        )?;
        audit::append(&tx, "outbox.recover", Some(&format!("outbox:{id}")))?;
    }
    tx.commit()?;
    Ok(ids)
}

/// Claim up to `limit` due items of the given kinds: they become `sending`
/// with `attempts + 1`, committed before any network call.
pub fn claim_due(
    ws: &Workspace,
    kinds: &[OutboxKind],
    at: f64,
    limit: usize,
) -> ActionResult<Vec<OutboxItem>> {
    let mut conn = ws.writer();
    let tx = begin(&mut conn)?;
    let kinds_json =
        serde_json::to_string(&kinds.iter().map(|k| k.as_str()).collect::<Vec<_>>()).unwrap();
    let ids: Vec<i64> = {
        let mut stmt = tx.prepare(
            "SELECT id FROM outbox WHERE status = 'queued' AND next_attempt_at <= ?1
               AND kind IN (SELECT value FROM json_each(?2))
             ORDER BY next_attempt_at, id LIMIT ?3",
        )?;
        let rows = stmt.query_map(params![at, kinds_json, limit as i64], |r| r.get(0))?;
        rows.collect::<Result<_, _>>()?
    };
    let mut items = Vec::with_capacity(ids.len());
    for id in ids {
        tx.execute(
            "UPDATE outbox SET status = 'sending', claimed_at = ?2, attempts = attempts + 1 WHERE id = ?1",
            params![id, at],
        )?;
        items.push(get_in(&tx, id)?);
    }
    tx.commit()?;
    Ok(items)
}

/// Record how an attempt on a claimed item ended.
pub fn complete(
    ws: &Workspace,
    id: i64,
    outcome: &Outcome,
    policy: &RetryPolicy,
    at: f64,
) -> ActionResult<OutboxItem> {
    let mut conn = ws.writer();
    let tx = begin(&mut conn)?;
    let item = get_in(&tx, id)?;
    if item.status != OutboxStatus::Sending {
        return Err(ActionError::Invalid(format!(
            "outbox item #{id} is {}, not sending; it was not claimed by this delivery",
            item.status.as_str()
        )));
    }
    let entity = format!("outbox:{id}:{}", item.interview_id);
    match outcome {
        Outcome::Sent {
            via,
            remote_id,
            remote_status,
        } => {
            tx.execute(
                "UPDATE outbox SET status = 'sent', sent_at = ?2, delivered_via = ?3, remote_id = ?4,
                        remote_status = ?5, last_error = NULL, claimed_at = NULL WHERE id = ?1",
                params![id, at, via, remote_id, remote_status],
            )?;
            audit::append(&tx, "outbox.sent", Some(&entity))?;
        }
        Outcome::Transient(reason) if item.attempts < policy.max_attempts => {
            let next = at + policy.delay(item.attempts);
            tx.execute(
                "UPDATE outbox SET status = 'queued', next_attempt_at = ?2, last_error = ?3, claimed_at = NULL WHERE id = ?1",
                params![id, next, reason],
            )?;
            audit::append(&tx, "outbox.retry_later", Some(&entity))?;
        }
        Outcome::Transient(reason) => {
            let reason = format!("gave up after {} attempts: {reason}", item.attempts);
            tx.execute(
                "UPDATE outbox SET status = 'failed', last_error = ?2, claimed_at = NULL WHERE id = ?1",
                params![id, reason],
            )?;
            audit::append(&tx, "outbox.failed", Some(&entity))?;
        }
        Outcome::Permanent(reason) => {
            tx.execute(
                "UPDATE outbox SET status = 'failed', last_error = ?2, claimed_at = NULL WHERE id = ?1",
                params![id, reason],
            )?;
            audit::append(&tx, "outbox.failed", Some(&entity))?;
        }
    }
    let item = get_in(&tx, id)?;
    tx.commit()?;
    Ok(item)
}

/// Put failed (or back-off-waiting queued) items back in the queue, due now.
pub fn retry(ws: &Workspace, ids: &[i64]) -> ActionResult<Vec<OutboxItem>> {
    let mut conn = ws.writer();
    let tx = begin(&mut conn)?;
    let at = now();
    let mut out = Vec::new();
    for &id in ids {
        let item = get_in(&tx, id)?;
        match item.status {
            OutboxStatus::Failed | OutboxStatus::Queued => {}
            s => {
                return Err(ActionError::NotRetryable {
                    id,
                    status: s.as_str().into(),
                })
            }
        }
        tx.execute(
            "UPDATE outbox SET status = 'queued', next_attempt_at = ?2, attempts = 0 WHERE id = ?1",
            params![id, at],
        )?;
        audit::append(
            &tx,
            "outbox.retry",
            Some(&format!("outbox:{id}:{}", item.interview_id)),
        )?;
        out.push(get_in(&tx, id)?);
    }
    tx.commit()?;
    Ok(out)
}

/// Cancel queued items: they become `failed` ("cancelled by the reviewer")
/// and are never delivered unless retried.
pub fn cancel(ws: &Workspace, ids: &[i64]) -> ActionResult<Vec<OutboxItem>> {
    let mut conn = ws.writer();
    let tx = begin(&mut conn)?;
    let mut out = Vec::new();
    for &id in ids {
        let item = get_in(&tx, id)?;
        if item.status != OutboxStatus::Queued {
            return Err(ActionError::Invalid(format!(
                "outbox item #{id} is {}; only queued items can be cancelled",
                item.status.as_str()
            )));
        }
        tx.execute(
            "UPDATE outbox SET status = 'failed', last_error = 'cancelled by the reviewer' WHERE id = ?1",
            [id],
        )?;
        audit::append(
            &tx,
            "outbox.cancel",
            Some(&format!("outbox:{id}:{}", item.interview_id)),
        )?;
        out.push(get_in(&tx, id)?);
    }
    tx.commit()?;
    Ok(out)
}

/// Mark queued mail items as delivered by hand (exported as `.eml` and sent
/// from the reviewer's own mail client), so SMTP delivery never sends them
/// again.
pub fn mark_exported(ws: &Workspace, ids: &[i64]) -> ActionResult<()> {
    let mut conn = ws.writer();
    let tx = begin(&mut conn)?;
    let at = now();
    for &id in ids {
        let item = get_in(&tx, id)?;
        if item.status != OutboxStatus::Queued || !item.kind.is_mail() {
            return Err(ActionError::Invalid(format!(
                "outbox item #{id} is a {} item in status {}; only queued e-mail can be exported",
                item.kind.as_str(),
                item.status.as_str()
            )));
        }
        tx.execute(
            "UPDATE outbox SET status = 'sent', sent_at = ?2, delivered_via = 'eml', last_error = NULL WHERE id = ?1",
            params![id, at],
        )?;
        audit::append(
            &tx,
            "outbox.exported",
            Some(&format!("outbox:{id}:{}", item.interview_id)),
        )?;
    }
    tx.commit()?;
    Ok(())
}

/// Store the last polled status of an ATS push.
pub fn set_remote_status(ws: &Workspace, id: i64, status: &str) -> ActionResult<OutboxItem> {
    let mut conn = ws.writer();
    let tx = begin(&mut conn)?;
    let item = get_in(&tx, id)?;
    tx.execute(
        "UPDATE outbox SET remote_status = ?2 WHERE id = ?1",
        params![id, status],
    )?;
    audit::append(
        &tx,
        "outbox.ats_status",
        Some(&format!("outbox:{id}:{}", item.interview_id)),
    )?;
    let item = get_in(&tx, id)?;
    tx.commit()?;
    Ok(item)
}
