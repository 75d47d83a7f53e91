//! Notifications (F23): derived from the workspace, with read state kept in
//! the reviewer-side `notification_reads` table.
//!
//! Kinds, each with a stable key (so "read" survives re-imports):
//! * `completed:<interview_id>` — an interview completed (or is being
//!   evaluated) after the baseline (setting `notifications.since`, Unix
//!   seconds; unset = everything);
//! * `high_score:<interview_id>` — overall score at or above the
//!   interviewer's threshold (setting `notify.threshold.<posting_id>`, else
//!   `notify.threshold`, else 80);
//! * `expiring:<posting_id>:<deadline>` — an active interviewer whose
//!   deadline is within the expiry window (setting `notify.expiry_days`,
//!   1–30, default 3).
//!
//! The UI shows the unread count on the bell and lists them with
//! click-through (`interview_id` / `posting_id`). [`take_os_notices`] decides
//! which of them become OS (desktop) notifications: each unread key at most
//! once, ever (the keys already raised are kept in the setting
//! `notify.os.raised`, so a restart repeats nothing), none on the first check
//! of a workspace (its history is not news), none while the setting
//! `notify.os` is `off`, and a burst is folded into one summary. The shell
//! only shows what this returns.

use std::collections::HashSet;
use std::sync::Arc;

use rusqlite::params;
use serde::Serialize;

use super::{begin, get_setting, set_setting, ActionError, ActionResult};
use crate::audit;
use crate::store::Workspace;

pub const DEFAULT_THRESHOLD: f64 = 80.0;
/// Setting: how many days before its deadline an interviewer is announced
/// as expiring (whole days, [`EXPIRY_DAYS_RANGE`]).
pub const EXPIRY_DAYS_SETTING: &str = "notify.expiry_days";
pub const DEFAULT_EXPIRY_DAYS: u32 = 3;
pub const EXPIRY_DAYS_RANGE: std::ops::RangeInclusive<u32> = 1..=30;
/// Setting: `on` plays a short sound with the desktop notifications
/// (default off).
pub const SOUND_SETTING: &str = "notify.sound";
/// Setting: `off` turns OS notifications off (default on).
pub const OS_SETTING: &str = "notify.os";
/// Setting: JSON array of the keys already raised as OS notifications.
const OS_RAISED: &str = "notify.os.raised";
/// More new notifications than this at once are folded into one summary.
pub const OS_BURST: usize = 3;

/// One desktop notification to show (title and body only: the OS shows it
/// outside the app, so it carries what the bell shows, nothing more).
#[derive(Debug, Clone, Serialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct OsNotice {
    pub title: String,
    pub body: String,
    /// The notification keys this notice covers.
    pub keys: Vec<String>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Notification {
    pub key: String,
    /// `completed`, `high_score`, `expiring`.
    pub kind: String,
    pub interview_id: Option<String>,
    pub posting_id: String,
    pub title: String,
    pub detail: String,
    /// When it happened (completion time, or the deadline for `expiring`).
    pub at: f64,
    pub read: bool,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Notifications {
    pub unread: usize,
    /// How many notifications there are in all; `items` holds fewer when
    /// asked for the newest only ([`latest`]).
    pub total: usize,
    pub items: Vec<Notification>,
}

fn threshold(conn: &rusqlite::Connection, posting_id: &str) -> ActionResult<f64> {
    for key in [
        format!("notify.threshold.{posting_id}"),
        "notify.threshold".into(),
    ] {
        if let Some(v) = get_setting(conn, &key)? {
            if let Ok(t) = v.trim().parse::<f64>() {
                return Ok(t);
            }
        }
    }
    Ok(DEFAULT_THRESHOLD)
}

/// The high-score threshold that applies to an interviewer (or the default
/// when `posting_id` is `None`), and whether it is the interviewer's own.
pub fn threshold_of(ws: &Workspace, posting_id: Option<&str>) -> ActionResult<(f64, bool)> {
    let conn = ws.reader();
    if let Some(p) = posting_id {
        if let Some(t) = get_setting(&conn, &format!("notify.threshold.{p}"))?
            .and_then(|v| v.trim().parse::<f64>().ok())
        {
            return Ok((t, true));
        }
    }
    let t = get_setting(&conn, "notify.threshold")?
        .and_then(|v| v.trim().parse::<f64>().ok())
        .unwrap_or(DEFAULT_THRESHOLD);
    Ok((t, posting_id.is_none()))
}

/// Set the high-score threshold (0–100) of one interviewer, or the default.
pub fn set_threshold(ws: &Workspace, posting_id: Option<&str>, value: f64) -> ActionResult<()> {
    if !(0.0..=100.0).contains(&value) {
        return Err(ActionError::Invalid(format!(
            "threshold {value} is not between 0 and 100"
        )));
    }
    let key = match posting_id {
        Some(p) => format!("notify.threshold.{p}"),
        None => "notify.threshold".into(),
    };
    set_setting(ws, &key, &value.to_string())
}

/// The notifications derived from candidates (completions, high scores) as
/// of one `data_version` of the background connection, newest first: the
/// bell and the desktop-notification check both ask after every change, and
/// at 100,000 candidates building them is a scan of every completed
/// interview. Everything they depend on is in the database (statuses,
/// scores, thresholds, the baseline, read state), so any commit, by this
/// process or another, makes the version stale.
pub(crate) struct CompletionCache {
    version: i64,
    items: Arc<Vec<Notification>>,
    unread: usize,
}

/// Candidate notifications (cached, see [`CompletionCache`]) and the
/// expiring interviewers as of `at`, each newest first.
struct Snapshot {
    candidates: Arc<Vec<Notification>>,
    candidates_unread: usize,
    expiring: Vec<Notification>,
}

impl Snapshot {
    fn unread(&self) -> usize {
        self.candidates_unread + self.expiring.iter().filter(|n| !n.read).count()
    }

    /// Both lists merged, newest first (ties by key), lazily.
    fn iter(&self) -> impl Iterator<Item = &Notification> {
        let mut a = self.candidates.iter().peekable();
        let mut b = self.expiring.iter().peekable();
        std::iter::from_fn(move || match (a.peek(), b.peek()) {
            (Some(x), Some(y)) if newest_first(x, y).is_le() => a.next(),
            (Some(_), Some(_)) => b.next(),
            (Some(_), None) => a.next(),
            (None, _) => b.next(),
        })
    }

    fn take(&self, limit: usize) -> Notifications {
        Notifications {
            unread: self.unread(),
            total: self.candidates.len() + self.expiring.len(),
            items: self.iter().take(limit).cloned().collect(),
        }
    }
}

fn newest_first(a: &Notification, b: &Notification) -> std::cmp::Ordering {
    b.at.total_cmp(&a.at).then(a.key.cmp(&b.key))
}

fn snapshot(ws: &Workspace, at: f64) -> ActionResult<Snapshot> {
    let conn = ws.background_reader()?;
    let version: i64 = conn.query_row("PRAGMA data_version", [], |r| r.get(0))?;
    let (candidates, candidates_unread) =
        ws.background_slots()
            .with(|cache: &mut Option<CompletionCache>| -> ActionResult<_> {
                if let Some(c) = cache.as_ref().filter(|c| c.version == version) {
                    return Ok((c.items.clone(), c.unread));
                }
                let read: HashSet<String> = {
                    let mut stmt = conn.prepare("SELECT key FROM notification_reads")?;
                    let rows = stmt.query_map([], |r| r.get::<_, String>(0))?;
                    rows.collect::<Result<_, _>>()?
                };
                let mut items = completions(&conn, &read)?;
                items.sort_by(newest_first);
                let unread = items.iter().filter(|n| !n.read).count();
                let items = Arc::new(items);
                *cache = Some(CompletionCache {
                    version,
                    items: items.clone(),
                    unread,
                });
                Ok((items, unread))
            })?;
    let window = f64::from(expiry_days_on(&conn)?) * 86_400.0;
    let mut expiring = expiring(&conn, at, window)?;
    expiring.sort_by(newest_first);
    Ok(Snapshot {
        candidates,
        candidates_unread,
        expiring,
    })
}

/// Every notification, newest first. Read on the workspace's background
/// connection: at 100,000 candidates this scans tens of thousands of rows,
/// and the candidate list must not wait for it.
pub fn list(ws: &Workspace, at: f64) -> ActionResult<Notifications> {
    snapshot(ws, at).map(|s| s.take(usize::MAX))
}

/// Completions and high scores, unsorted.
fn completions(
    conn: &rusqlite::Connection,
    read: &HashSet<String>,
) -> ActionResult<Vec<Notification>> {
    let since: f64 = get_setting(conn, "notifications.since")?
        .and_then(|v| v.parse().ok())
        .unwrap_or(0.0);
    let mut items = Vec::new();
    {
        let mut stmt = conn.prepare(
            "SELECT c.interview_id, c.posting_id, c.name, p.title, c.imported_status, c.score,
                    coalesce(c.interviewed_at, c.last_activity_at, c.created_at, c.imported_at)
             FROM candidates c JOIN postings p ON p.id = c.posting_id
             WHERE c.imported_status IN ('completed','evaluating','shortlisted','dismissed')",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, String>(4)?,
                r.get::<_, Option<f64>>(5)?,
                r.get::<_, f64>(6)?,
            ))
        })?;
        let mut thresholds = std::collections::HashMap::new();
        for row in rows {
            let (iid, pid, name, title, status, score, when) = row?;
            if when < since {
                continue;
            }
            let key = format!("completed:{iid}");
            items.push(Notification {
                read: read.contains(&key),
                key,
                kind: "completed".into(),
                interview_id: Some(iid.clone()),
                posting_id: pid.clone(),
                title: format!("{name} completed the interview"),
                detail: if status == "evaluating" {
                    format!("{title} · score being computed")
                } else {
                    title.clone()
                },
                at: when,
            });
            if let Some(score) = score {
                let t = match thresholds.get(&pid) {
                    Some(t) => *t,
                    None => {
                        let t = threshold(conn, &pid)?;
                        thresholds.insert(pid.clone(), t);
                        t
                    }
                };
                if score >= t {
                    let key = format!("high_score:{iid}");
                    items.push(Notification {
                        read: read.contains(&key),
                        key,
                        kind: "high_score".into(),
                        interview_id: Some(iid),
                        posting_id: pid,
                        title: format!("{name} scored {score:.0}%"),
                        detail: format!("{title} · at or above your threshold of {t:.0}%"),
                        at: when,
                    });
                }
            }
        }
    }
    Ok(items)
}

/// Active interviewers whose deadline is within `window` seconds of `at`
/// (a few at most: their read state is looked up one by one).
fn expiring(conn: &rusqlite::Connection, at: f64, window: f64) -> ActionResult<Vec<Notification>> {
    let mut is_read = conn.prepare_cached("SELECT 1 FROM notification_reads WHERE key = ?1")?;
    let mut items = Vec::new();
    {
        let mut stmt = conn.prepare(
            "SELECT id, title, deadline FROM postings
             WHERE status = 'active' AND deadline IS NOT NULL AND deadline > ?1 AND deadline <= ?2",
        )?;
        let rows = stmt.query_map(params![at, at + window], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, f64>(2)?,
            ))
        })?;
        for row in rows {
            let (pid, title, deadline) = row?;
            let key = format!("expiring:{pid}:{}", deadline as i64);
            let hours = ((deadline - at) / 3600.0).ceil() as i64;
            items.push(Notification {
                read: is_read.exists([&key])?,
                key,
                kind: "expiring".into(),
                interview_id: None,
                posting_id: pid,
                title: format!("{title} expires soon"),
                detail: if hours < 48 {
                    format!("active for {hours} more hours")
                } else {
                    format!("active for {} more days", hours / 24)
                },
                at: deadline,
            });
        }
    }
    Ok(items)
}

/// [`list`] for the bell: the unread count over all of them, and only the
/// newest `limit` items (what the panel shows; at 100,000 candidates the
/// whole list is megabytes the window would parse on every refresh).
pub fn latest(ws: &Workspace, at: f64, limit: usize) -> ActionResult<Notifications> {
    snapshot(ws, at).map(|s| s.take(limit))
}

/// Mark notifications read by key.
pub fn mark_read(ws: &Workspace, keys: &[String], at: f64) -> ActionResult<usize> {
    let mut conn = ws.writer();
    let tx = begin(&mut conn)?;
    let mut n = 0;
    for k in keys {
        n += tx.execute(
            "INSERT OR IGNORE INTO notification_reads (key, read_at) VALUES (?1, ?2)",
            params![k, at],
        )?;
    }
    audit::append(&tx, "notifications.read", None)?;
    tx.commit()?;
    Ok(n)
}

/// Mark every current notification read.
pub fn mark_all_read(ws: &Workspace, at: f64) -> ActionResult<usize> {
    let keys: Vec<String> = list(ws, at)?
        .items
        .into_iter()
        .filter(|n| !n.read)
        .map(|n| n.key)
        .collect();
    mark_read(ws, &keys, at)
}

/// The high-score threshold in force for one interviewer, for its Settings tab.
#[derive(Debug, Clone, Serialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ThresholdSetting {
    /// Percent, 0–100.
    pub value: f64,
    /// What applies without a per-interviewer value (the workspace default,
    /// else [`DEFAULT_THRESHOLD`]).
    pub default: f64,
    /// This interviewer has its own value.
    pub per_interviewer: bool,
}

pub fn threshold_setting(ws: &Workspace, posting_id: &str) -> ActionResult<ThresholdSetting> {
    let (value, per_interviewer) = threshold_of(ws, Some(posting_id))?;
    let (default, _) = threshold_of(ws, None)?;
    Ok(ThresholdSetting {
        value,
        default,
        per_interviewer,
    })
}

/// Drop an interviewer's own threshold: the workspace default applies again.
pub fn clear_threshold(ws: &Workspace, posting_id: &str) -> ActionResult<()> {
    let key = format!("notify.threshold.{posting_id}");
    let mut conn = ws.writer();
    let tx = begin(&mut conn)?;
    if tx.execute("DELETE FROM settings WHERE key = ?1", [&key])? > 0 {
        audit::append(&tx, "settings.set", Some(&key))?;
    }
    tx.commit()?;
    Ok(())
}

/// Whether OS notifications are on (setting `notify.os`, default on).
pub fn os_enabled(ws: &Workspace) -> ActionResult<bool> {
    Ok(get_setting(&ws.reader(), OS_SETTING)?.as_deref() != Some("off"))
}

/// Turn OS notifications on or off (persisted in the workspace).
pub fn set_os_enabled(ws: &Workspace, on: bool) -> ActionResult<()> {
    set_setting(ws, OS_SETTING, if on { "on" } else { "off" })
}

/// The alert settings Settings → Notifications shows, together.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct AlertSettings {
    /// Desktop (OS) notifications on.
    pub os_enabled: bool,
    /// Announce an interviewer this many days before its deadline (1–30).
    pub expiry_days: u32,
    /// Play a short sound with the desktop notifications.
    pub sound: bool,
}

fn expiry_days_on(conn: &rusqlite::Connection) -> ActionResult<u32> {
    // A value out of range or not a number (edited by hand) falls back to
    // the default rather than hiding every expiring interviewer.
    Ok(get_setting(conn, EXPIRY_DAYS_SETTING)?
        .and_then(|v| v.trim().parse::<u32>().ok())
        .filter(|d| EXPIRY_DAYS_RANGE.contains(d))
        .unwrap_or(DEFAULT_EXPIRY_DAYS))
}

pub fn alert_settings(ws: &Workspace) -> ActionResult<AlertSettings> {
    let conn = ws.reader();
    Ok(AlertSettings {
        os_enabled: get_setting(&conn, OS_SETTING)?.as_deref() != Some("off"),
        expiry_days: expiry_days_on(&conn)?,
        sound: get_setting(&conn, SOUND_SETTING)?.as_deref() == Some("on"),
    })
}

/// Saves all three; an expiry window outside 1–30 days is refused and
/// nothing is saved.
pub fn set_alert_settings(ws: &Workspace, s: &AlertSettings) -> ActionResult<AlertSettings> {
    if !EXPIRY_DAYS_RANGE.contains(&s.expiry_days) {
        return Err(ActionError::Invalid(format!(
            "the expiry alert window is {} days; choose from {} to {} days before the deadline",
            s.expiry_days,
            EXPIRY_DAYS_RANGE.start(),
            EXPIRY_DAYS_RANGE.end()
        )));
    }
    {
        let mut conn = ws.writer();
        let tx = begin(&mut conn)?;
        let on_off = |b: bool| if b { "on" } else { "off" };
        for (key, value) in [
            (OS_SETTING, on_off(s.os_enabled).to_string()),
            (EXPIRY_DAYS_SETTING, s.expiry_days.to_string()),
            (SOUND_SETTING, on_off(s.sound).to_string()),
        ] {
            tx.execute(
                "INSERT INTO settings (key, value) VALUES (?1, ?2)
                 ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                params![key, value],
            )?;
        }
        audit::append(&tx, "settings.set", Some("notify.alerts"))?;
        tx.commit()?;
    }
    alert_settings(ws)
}

/// The OS notifications to raise now, each key at most once across runs.
///
/// New = unread and never raised before. The raised keys are recorded in the
/// same transaction that decides, so two concurrent checks cannot both raise
/// one key. The first check of a workspace only records the current keys
/// (its backlog is not news); with OS notifications off, new keys are
/// recorded and nothing is raised (turning them back on does not replay the
/// backlog). More than [`OS_BURST`] at once become one summary notice.
pub fn take_os_notices(ws: &Workspace, at: f64) -> ActionResult<Vec<OsNotice>> {
    let current = snapshot(ws, at)?;
    let mut conn = ws.writer();
    let tx = begin(&mut conn)?;
    let stored = get_setting(&tx, OS_RAISED)?;
    let first_check = stored.is_none();
    let raised: HashSet<String> = stored
        .and_then(|v| serde_json::from_str::<Vec<String>>(&v).ok())
        .unwrap_or_default()
        .into_iter()
        .collect();
    let enabled = get_setting(&tx, OS_SETTING)?.as_deref() != Some("off");
    let fresh: Vec<&Notification> = current
        .iter()
        .filter(|n| !n.read && !raised.contains(&n.key))
        .collect();
    if !first_check && fresh.is_empty() {
        return Ok(vec![]);
    }
    // Keep only keys that still exist (bounded by the current list); a key
    // that disappears and comes back (a re-imported completion) is not new
    // again because read state and `since` still apply to it.
    let mut keep: Vec<&str> = current
        .iter()
        .map(|n| n.key.as_str())
        .filter(|k| raised.contains(*k))
        .collect();
    keep.extend(fresh.iter().map(|n| n.key.as_str()));
    keep.sort_unstable();
    keep.dedup();
    tx.execute(
        "INSERT INTO settings (key, value) VALUES (?1, ?2)
         ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        params![OS_RAISED, serde_json::to_string(&keep).expect("JSON")],
    )?;
    tx.commit()?;
    if first_check || !enabled {
        return Ok(vec![]);
    }
    Ok(fold(&fresh))
}

fn fold(fresh: &[&Notification]) -> Vec<OsNotice> {
    if fresh.len() <= OS_BURST {
        return fresh
            .iter()
            .map(|n| OsNotice {
                title: n.title.clone(),
                body: n.detail.clone(),
                keys: vec![n.key.clone()],
            })
            .collect();
    }
    let mut body: Vec<String> = fresh
        .iter()
        .take(OS_BURST)
        .map(|n| n.title.clone())
        .collect();
    body.push(format!(
        "and {} more; open the bell in Shortlist",
        fresh.len() - OS_BURST
    ));
    vec![OsNotice {
        title: format!("{} new notifications in Shortlist", fresh.len()),
        body: body.join("\n"),
        keys: fresh.iter().map(|n| n.key.clone()).collect(),
    }]
}

#[cfg(test)]
mod threshold_tests {
    use super::*;

    #[test]
    fn per_interviewer_threshold_overrides_the_default_and_can_be_cleared() {
        let tmp = tempfile::tempdir().unwrap();
        let ws = Workspace::open(tmp.path()).unwrap();
        let s = threshold_setting(&ws, "pst_1").unwrap();
        assert_eq!((s.value, s.default, s.per_interviewer), (80.0, 80.0, false));
        set_threshold(&ws, None, 70.0).unwrap();
        set_threshold(&ws, Some("pst_1"), 92.5).unwrap();
        let s = threshold_setting(&ws, "pst_1").unwrap();
        assert_eq!((s.value, s.default, s.per_interviewer), (92.5, 70.0, true));
        assert_eq!(threshold_setting(&ws, "pst_2").unwrap().value, 70.0);
        assert!(set_threshold(&ws, Some("pst_1"), 101.0).is_err());
        clear_threshold(&ws, "pst_1").unwrap();
        let s = threshold_setting(&ws, "pst_1").unwrap();
        assert_eq!((s.value, s.per_interviewer), (70.0, false));
        // Two settings written and one cleared: three audit entries, chained.
        let report = crate::audit::verify(&ws.reader()).unwrap();
        assert!(report.is_intact(), "{report:?}");
        assert_eq!(report.entries, 3);
    }
}
