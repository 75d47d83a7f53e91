//! Retention rules (SPEC F52): candidates erased automatically once a
//! workspace rule says their data has been kept long enough.
//!
//! Rules (workspace settings, both off unless set):
//! * `retention.dismissed_after_days` — a dismissed candidate goes N days
//!   after it was dismissed: the reviewer's decision time, or, for a
//!   candidate dismissed in HeyMilo with no reviewer decision, its last
//!   activity (else when it was imported). A reviewer decision other than
//!   dismissed overrides an imported dismissal.
//! * `retention.after_close_days` — every candidate of an interviewer goes N
//!   days after the interviewer closed. An interviewer (posting) is closed
//!   when its deadline has passed (closed at the deadline) or its status is
//!   `expired`/`archived` or its raw `archived` flag is set (closed at the
//!   deadline if past, else the posting's `updated_at`, else when it was
//!   imported).
//!
//! [`retention_plan`] is the dry run (who would go, by which rule, since
//! when); [`apply_retention`] erases them through [`super::erase::erase`]
//! with reason `retention: …`. Both take `now` so the app's background job
//! and tests decide the clock.

use rusqlite::Connection;
use serde::Serialize;

use super::erase::{erase_with, ErasureReport, TeamEffect};
use super::{begin, get_setting, ActionError, ActionResult};
use crate::audit;
use crate::store::Workspace;

pub const DISMISSED_KEY: &str = "retention.dismissed_after_days";
pub const AFTER_CLOSE_KEY: &str = "retention.after_close_days";

const DAY: f64 = 86_400.0;

/// The workspace's retention rules; `None` = rule off.
#[derive(Debug, Clone, Copy, Default, Serialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RetentionRules {
    pub dismissed_after_days: Option<u32>,
    pub all_after_interviewer_closed_days: Option<u32>,
}

impl RetentionRules {
    pub fn is_off(&self) -> bool {
        self.dismissed_after_days.is_none() && self.all_after_interviewer_closed_days.is_none()
    }
}

/// Which rule a candidate falls under.
#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq, PartialOrd, Ord)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum RetentionRule {
    Dismissed,
    InterviewerClosed,
}

/// One candidate the rules would erase (shown to the reviewer in the dry
/// run; the name is never logged).
#[derive(Debug, Clone, Serialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RetentionItem {
    pub interview_id: String,
    pub name: String,
    pub posting_id: String,
    pub rule: RetentionRule,
    /// When the rule's clock started (dismissed / interviewer closed).
    pub since: f64,
    /// `since` + the rule's days: at or before `now`.
    pub due_at: f64,
    /// Why, for a person: "dismissed 40 days ago (rule: 30 days)".
    pub why: String,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RetentionPlan {
    pub rules: RetentionRules,
    pub now: f64,
    pub items: Vec<RetentionItem>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RetentionOutcome {
    pub plan: RetentionPlan,
    /// One erasure per rule that had candidates.
    pub erasures: Vec<ErasureReport>,
}

fn parse_days(conn: &Connection, key: &str) -> ActionResult<Option<u32>> {
    match get_setting(conn, key)? {
        None => Ok(None),
        Some(v) if v.trim().is_empty() || v.trim() == "off" => Ok(None),
        Some(v) => v.trim().parse::<u32>().map(Some).map_err(|_| {
            ActionError::Invalid(format!(
                "setting `{key}` is `{v}`, not a number of days; set it again with `shortlist retention set`"
            ))
        }),
    }
}

fn rules_on(conn: &Connection) -> ActionResult<RetentionRules> {
    Ok(RetentionRules {
        dismissed_after_days: parse_days(conn, DISMISSED_KEY)?,
        all_after_interviewer_closed_days: parse_days(conn, AFTER_CLOSE_KEY)?,
    })
}

/// The workspace's rules.
pub fn retention_rules(ws: &Workspace) -> ActionResult<RetentionRules> {
    rules_on(&ws.reader())
}

/// Replace the workspace's rules (`None` turns a rule off), in one
/// transaction, audited. Days must be at least 1.
pub fn set_retention_rules(ws: &Workspace, rules: RetentionRules) -> ActionResult<RetentionRules> {
    for (label, d) in [
        ("dismissed-after days", rules.dismissed_after_days),
        ("after-close days", rules.all_after_interviewer_closed_days),
    ] {
        if d == Some(0) {
            return Err(ActionError::Invalid(format!(
                "{label} must be at least 1 (or off); 0 would erase at once"
            )));
        }
    }
    let mut conn = ws.writer();
    let tx = begin(&mut conn)?;
    for (key, d) in [
        (DISMISSED_KEY, rules.dismissed_after_days),
        (AFTER_CLOSE_KEY, rules.all_after_interviewer_closed_days),
    ] {
        match d {
            Some(d) => tx.execute(
                "INSERT INTO settings (key, value) VALUES (?1, ?2)
                 ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                rusqlite::params![key, d.to_string()],
            )?,
            None => tx.execute("DELETE FROM settings WHERE key = ?1", [key])?,
        };
    }
    audit::append(
        &tx,
        "retention.set",
        Some(&format!(
            "dismissed:{}:closed:{}",
            rules
                .dismissed_after_days
                .map_or("off".into(), |d| d.to_string()),
            rules
                .all_after_interviewer_closed_days
                .map_or("off".into(), |d| d.to_string())
        )),
    )?;
    tx.commit()?;
    Ok(rules)
}

fn ago(now: f64, since: f64) -> String {
    let days = ((now - since) / DAY).floor().max(0.0) as i64;
    match days {
        1 => "1 day ago".into(),
        d => format!("{d} days ago"),
    }
}

/// Who the rules would erase at `now`, and why. Writes nothing. A
/// candidate under both rules is listed once, under the one due first.
pub fn retention_plan(ws: &Workspace, now: f64) -> ActionResult<RetentionPlan> {
    let conn = ws.reader();
    plan_on(&conn, now)
}

fn plan_on(conn: &Connection, now: f64) -> ActionResult<RetentionPlan> {
    let rules = rules_on(conn)?;
    let mut items: Vec<RetentionItem> = Vec::new();
    if let Some(days) = rules.dismissed_after_days {
        let mut stmt = conn.prepare(
            "SELECT c.interview_id, c.name, c.posting_id,
                    CASE WHEN d.decision = 'dismissed' THEN d.decided_at
                         ELSE coalesce(c.last_activity_at, c.imported_at) END
             FROM candidates c LEFT JOIN decisions d ON d.interview_id = c.interview_id
             WHERE d.decision = 'dismissed'
                OR (d.decision IS NULL AND c.imported_decision = 'dismissed')",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, f64>(3)?,
            ))
        })?;
        for row in rows {
            let (interview_id, name, posting_id, since) = row?;
            let due_at = since + days as f64 * DAY;
            if due_at <= now {
                items.push(RetentionItem {
                    why: format!(
                        "dismissed {} (rule: {days} days after dismissal)",
                        ago(now, since)
                    ),
                    interview_id,
                    name,
                    posting_id,
                    rule: RetentionRule::Dismissed,
                    since,
                    due_at,
                });
            }
        }
    }
    if let Some(days) = rules.all_after_interviewer_closed_days {
        let mut stmt = conn.prepare(
            "SELECT c.interview_id, c.name, c.posting_id, p.title,
                    CASE WHEN p.deadline IS NOT NULL AND p.deadline <= ?1 THEN p.deadline
                         ELSE coalesce(json_extract(p.raw, '$.updated_at'), p.imported_at) END
             FROM candidates c JOIN postings p ON p.id = c.posting_id
             WHERE (p.deadline IS NOT NULL AND p.deadline <= ?1)
                OR p.status IN ('expired', 'archived')
                OR json_extract(p.raw, '$.archived') = 1",
        )?;
        let rows = stmt.query_map([now], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, f64>(4)?,
            ))
        })?;
        for row in rows {
            let (interview_id, name, posting_id, title, since) = row?;
            let due_at = since + days as f64 * DAY;
            if due_at > now {
                continue;
            }
            if let Some(existing) = items.iter_mut().find(|i| i.interview_id == interview_id) {
                if existing.due_at <= due_at {
                    continue;
                }
                *existing = RetentionItem {
                    interview_id: existing.interview_id.clone(),
                    name: existing.name.clone(),
                    posting_id: existing.posting_id.clone(),
                    rule: RetentionRule::InterviewerClosed,
                    since,
                    due_at,
                    why: String::new(),
                };
                existing.why = format!(
                    "interviewer \"{title}\" closed {} (rule: {days} days after close)",
                    ago(now, since)
                );
                continue;
            }
            items.push(RetentionItem {
                why: format!(
                    "interviewer \"{title}\" closed {} (rule: {days} days after close)",
                    ago(now, since)
                ),
                interview_id,
                name,
                posting_id,
                rule: RetentionRule::InterviewerClosed,
                since,
                due_at,
            });
        }
    }
    items.sort_by(|a, b| {
        a.due_at
            .total_cmp(&b.due_at)
            .then_with(|| a.interview_id.cmp(&b.interview_id))
    });
    Ok(RetentionPlan { rules, now, items })
}

/// Erase everyone [`retention_plan`] lists at `now`, one erasure per rule,
/// with reason `retention: dismissed N days` / `retention: N days after
/// interviewer closed`. Nothing due: no erasure, nothing written.
pub fn apply_retention(ws: &Workspace, now: f64) -> ActionResult<RetentionOutcome> {
    let plan = retention_plan(ws, now)?;
    let mut erasures = Vec::new();
    for (rule, reason) in [
        (
            RetentionRule::Dismissed,
            plan.rules
                .dismissed_after_days
                .map(|d| format!("retention: dismissed more than {d} days")),
        ),
        (
            RetentionRule::InterviewerClosed,
            plan.rules
                .all_after_interviewer_closed_days
                .map(|d| format!("retention: {d} days after interviewer closed")),
        ),
    ] {
        let ids: Vec<String> = plan
            .items
            .iter()
            .filter(|i| i.rule == rule)
            .map(|i| i.interview_id.clone())
            .collect();
        if let (false, Some(reason)) = (ids.is_empty(), reason) {
            erasures.push(erase_with(ws, &ids, &reason, false, TeamEffect::Tombstone)?);
        }
    }
    Ok(RetentionOutcome { plan, erasures })
}
