//! The profile's "Also applied to" (the same `candidate_id` under other
//! interviewers) and its activity timeline, from what the workspace already
//! keeps: the candidate's own dates, the import, decisions, notes, the
//! outbox (mails, ATS pushes), retake grants and the audit log.

use serde::{Deserialize, Serialize};

use super::list::candidate_row;
use crate::error::StoreResult;
use crate::store::Workspace;

/// Another application of the same person (same `candidate_id`).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct OtherApplication {
    pub interview_id: String,
    pub posting_id: String,
    pub posting_title: String,
    /// Derived status (as in the list).
    pub status: String,
    pub score: Option<f64>,
    pub created_at: Option<f64>,
}

/// One thing that happened to a candidate.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ActivityEvent {
    /// Unix seconds.
    pub at: f64,
    /// `applied`, `interviewed`, `imported`, `decision`, `note`, `mail`,
    /// `ats`, `retake`, `audit`.
    pub kind: String,
    /// What happened, in a reviewer's words.
    pub title: String,
    /// More (a note's text, a mail's status); candidate text, show as text.
    pub detail: Option<String>,
    /// Who (a reviewer), when known.
    pub actor: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CandidateActivity {
    pub also_applied: Vec<OtherApplication>,
    /// Newest first.
    pub events: Vec<ActivityEvent>,
}

/// The same person's other applications, newest first.
pub fn also_applied(ws: &Workspace, interview_id: &str) -> StoreResult<Vec<OtherApplication>> {
    let row = candidate_row(ws, interview_id)?;
    let Some(cid) = row.candidate_id.filter(|c| !c.is_empty()) else {
        return Ok(Vec::new());
    };
    let others: Vec<(String, String)> = {
        let conn = ws.reader();
        let mut stmt = conn.prepare_cached(
            "SELECT c.interview_id, coalesce(p.title, c.posting_id) FROM candidates c \
             LEFT JOIN postings p ON p.id = c.posting_id \
             WHERE c.candidate_id = ?1 AND c.interview_id <> ?2 \
             ORDER BY c.created_at DESC, c.interview_id",
        )?;
        let rows = stmt.query_map([&cid, &row.interview_id], |r| Ok((r.get(0)?, r.get(1)?)))?;
        rows.collect::<Result<_, _>>()?
    };
    others
        .into_iter()
        .map(|(id, title)| {
            let r = candidate_row(ws, &id)?;
            Ok(OtherApplication {
                interview_id: r.interview_id,
                posting_id: r.posting_id,
                posting_title: title,
                status: r.status,
                score: r.score,
                created_at: r.created_at,
            })
        })
        .collect()
}

fn audit_title(action: &str) -> String {
    match action {
        "cohort.add" => "Added to a cohort".into(),
        "cohort.remove" => "Removed from a cohort".into(),
        "enrich" => "Enriched (country, timezone, tags)".into(),
        "export.share" => "Shared in a bundle".into(),
        "export.report_pdf" => "Report PDF downloaded".into(),
        "export.package" => "Included in a package ZIP".into(),
        a if a.starts_with("sync") => "Synced from HeyMilo".into(),
        a if a.starts_with("import") => "Imported".into(),
        a if a.starts_with("export") => "Exported".into(),
        a if a.starts_with("evaluation") || a.starts_with("panel") => "Panel evaluation".into(),
        other => other.replace(['.', '_'], " "),
    }
}

/// The candidate's activity, newest first.
pub fn activity(ws: &Workspace, interview_id: &str) -> StoreResult<CandidateActivity> {
    let row = candidate_row(ws, interview_id)?;
    let mut events = Vec::new();
    let ev = |at: f64, kind: &str, title: String, detail: Option<String>, actor: Option<String>| {
        ActivityEvent {
            at,
            kind: kind.into(),
            title,
            detail,
            actor,
        }
    };
    if let Some(at) = row.created_at {
        events.push(ev(at, "applied", "Applied".into(), None, None));
    }
    if let Some(at) = row.interviewed_at {
        events.push(ev(at, "interviewed", "Interviewed".into(), None, None));
    }
    let conn = ws.reader();
    let imported: f64 = conn.query_row(
        "SELECT imported_at FROM candidates WHERE interview_id = ?1",
        [interview_id],
        |r| r.get(0),
    )?;
    events.push(ev(
        imported,
        "imported",
        "Imported or last updated by an import or sync".into(),
        None,
        None,
    ));
    {
        let mut stmt = conn.prepare_cached(
            "SELECT decided_at, previous, decision, decided_by FROM decision_log \
             WHERE interview_id = ?1",
        )?;
        let rows = stmt.query_map([interview_id], |r| {
            Ok((
                r.get::<_, f64>(0)?,
                r.get::<_, Option<String>>(1)?,
                r.get::<_, Option<String>>(2)?,
                r.get::<_, String>(3)?,
            ))
        })?;
        for r in rows {
            let (at, prev, dec, by) = r?;
            let word = |d: &Option<String>| match d.as_deref() {
                Some("shortlisted") => "shortlisted",
                Some("dismissed") => "dismissed",
                _ => "pending",
            };
            let title = match dec.as_deref() {
                Some("shortlisted") => "Shortlisted".to_string(),
                Some("dismissed") => "Dismissed".to_string(),
                _ => "Moved back to pending".to_string(),
            };
            events.push(ev(
                at,
                "decision",
                title,
                Some(format!("was {}", word(&prev))),
                Some(by),
            ));
        }
    }
    {
        let mut stmt = conn.prepare_cached(
            "SELECT created_at, text, author, at_seconds FROM notes WHERE interview_id = ?1",
        )?;
        let rows = stmt.query_map([interview_id], |r| {
            Ok((
                r.get::<_, f64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, Option<f64>>(3)?,
            ))
        })?;
        for r in rows {
            let (at, text, author, pinned) = r?;
            let title = if pinned.is_some() {
                "Note pinned to the recording"
            } else {
                "Note"
            };
            events.push(ev(at, "note", title.into(), Some(text), Some(author)));
        }
    }
    {
        let mut stmt = conn.prepare_cached(
            "SELECT created_at, kind, status, sent_at, delivered_via, last_error FROM outbox \
             WHERE interview_id = ?1",
        )?;
        let rows = stmt.query_map([interview_id], |r| {
            Ok((
                r.get::<_, f64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, Option<f64>>(3)?,
                r.get::<_, Option<String>>(4)?,
                r.get::<_, Option<String>>(5)?,
            ))
        })?;
        for r in rows {
            let (at, kind, status, sent_at, via, err) = r?;
            let (ev_kind, what) = match kind.as_str() {
                "nudge" => ("mail", "Nudge e-mail"),
                "blast" => ("mail", "Message"),
                "retake" => ("mail", "Retake e-mail"),
                _ => ("ats", "Results sent to ATS"),
            };
            let detail = match status.as_str() {
                "sent" => format!("sent{}", via.map(|v| format!(" ({v})")).unwrap_or_default()),
                "failed" => format!("failed: {}", err.unwrap_or_default()),
                s => s.replace('_', " "),
            };
            events.push(ev(
                sent_at.unwrap_or(at),
                ev_kind,
                what.into(),
                Some(detail),
                None,
            ));
        }
    }
    {
        let mut stmt = conn.prepare_cached(
            "SELECT granted_at, granted_by, forced FROM retake_grants WHERE interview_id = ?1",
        )?;
        let rows = stmt.query_map([interview_id], |r| {
            Ok((
                r.get::<_, f64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, bool>(2)?,
            ))
        })?;
        for r in rows {
            let (at, by, forced) = r?;
            events.push(ev(
                at,
                "retake",
                "Retake allowed".into(),
                forced.then(|| "over the interviewer's retake policy".to_string()),
                Some(by),
            ));
        }
    }
    {
        // Audit entries naming this interview (pseudonymised there); what
        // the tables above already show is left out.
        let subject = crate::audit::subject(&conn, interview_id)?;
        let mut stmt = conn.prepare_cached(
            "SELECT at, action, actor FROM audit WHERE entity = ?1 OR entity LIKE ?2 OR entity LIKE ?3",
        )?;
        let rows = stmt.query_map(
            rusqlite::params![subject, format!("%:{subject}"), format!("{subject}:%")],
            |r| {
                Ok((
                    r.get::<_, f64>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, Option<String>>(2)?,
                ))
            },
        )?;
        for r in rows {
            let (at, action, actor) = r?;
            if action.starts_with("decision")
                || action.starts_with("note")
                || action.starts_with("outbox")
                || action.starts_with("retake")
                || action.starts_with("message")
            {
                continue;
            }
            events.push(ev(at, "audit", audit_title(&action), None, actor));
        }
    }
    drop(conn);
    events.sort_by(|a, b| b.at.total_cmp(&a.at));
    Ok(CandidateActivity {
        also_applied: also_applied(ws, interview_id)?,
        events,
    })
}
