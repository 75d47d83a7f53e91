//! Interviewers and one candidate: summaries, the full profile, notes, the
//! raw imported JSON, and Candidate vs Average (F16).

use std::collections::HashMap;

use rusqlite::{Connection, OptionalExtension};

use crate::error::{StoreError, StoreResult};
use crate::ext::InterviewExtension;
use crate::model::{Candidate, InterviewData, Posting};
use crate::scoring;
use crate::store::{now, Workspace};

use super::dto::{
    CandidateDetail, CheatFlag, Comparison, ComparisonAxis, Decision, DecisionEvent,
    InterviewerSummary, MediaRef, Note, StatusCounts, SMALL_N,
};
use super::list::candidate_row;
use super::sql::status_sql;

pub(crate) fn days_left(deadline: Option<f64>) -> Option<i64> {
    deadline.map(|d| ((d - now()) / 86_400.0).ceil() as i64)
}

pub(crate) fn counts_for(conn: &Connection, posting_id: &str) -> StoreResult<StatusCounts> {
    let sql = format!(
        "SELECT {status}, count(*) FROM candidates c \
         LEFT JOIN decisions d ON d.interview_id = c.interview_id \
         WHERE c.posting_id = ?1 GROUP BY 1",
        status = status_sql()
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let mut counts = StatusCounts::default();
    let rows = stmt.query_map([posting_id], |r| {
        Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?))
    })?;
    for row in rows {
        let (status, n) = row?;
        counts.total += n;
        match status.as_str() {
            "pending" => counts.pending += n,
            "in_progress" => counts.in_progress += n,
            "evaluating" => counts.evaluating += n,
            "completed" => counts.completed += n,
            "knocked_out" => counts.knocked_out += n,
            "shortlisted" => counts.shortlisted += n,
            "dismissed" => counts.dismissed += n,
            _ => {}
        }
    }
    Ok(counts)
}

pub(crate) fn posting_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<InterviewerSummary> {
    let raw: String = r.get("raw")?;
    let workflow = serde_json::from_str::<Posting>(&raw)
        .map(|p| {
            let mut steps = p.workflow;
            steps.sort_by_key(|s| s.order);
            steps.into_iter().map(|s| s.kind).collect()
        })
        .unwrap_or_default();
    let deadline: Option<f64> = r.get("deadline")?;
    Ok(InterviewerSummary {
        id: r.get("id")?,
        slug: r.get("slug")?,
        title: r.get("title")?,
        interviewer_name: r.get("interviewer_name")?,
        status: r.get("status")?,
        language: r.get("language")?,
        created_at: r.get("created_at")?,
        deadline,
        days_left: days_left(deadline),
        max_retakes: r.get("max_retakes")?,
        budget: r.get("budget")?,
        spend: r.get("spend")?,
        currency: r.get("currency")?,
        subscribers: r.get("subscribers")?,
        workflow,
        counts: StatusCounts::default(),
    })
}

/// Every interviewer in the workspace, newest first, with status counts.
pub fn list_interviewers(ws: &Workspace) -> StoreResult<Vec<InterviewerSummary>> {
    let conn = ws.reader();
    let mut stmt =
        conn.prepare_cached("SELECT * FROM postings ORDER BY created_at DESC, title ASC")?;
    let mut list = stmt
        .query_map([], posting_from_row)?
        .collect::<Result<Vec<_>, _>>()?;
    for p in &mut list {
        p.counts = counts_for(&conn, &p.id)?;
    }
    Ok(list)
}

pub fn interviewer(ws: &Workspace, posting_id: &str) -> StoreResult<InterviewerSummary> {
    let conn = ws.reader();
    let mut summary = conn
        .query_row(
            "SELECT * FROM postings WHERE id = ?1",
            [posting_id],
            posting_from_row,
        )
        .optional()?
        .ok_or_else(|| StoreError::NoSuchPosting(posting_id.to_string()))?;
    summary.counts = counts_for(&conn, posting_id)?;
    Ok(summary)
}

/// The typed `PostingResponse` as imported.
pub fn posting(ws: &Workspace, posting_id: &str) -> StoreResult<Posting> {
    let raw: Option<String> = ws
        .reader()
        .query_row(
            "SELECT raw FROM postings WHERE id = ?1",
            [posting_id],
            |r| r.get(0),
        )
        .optional()?;
    let raw = raw.ok_or_else(|| StoreError::NoSuchPosting(posting_id.to_string()))?;
    parse_stored(&raw, "posting", posting_id)
}

pub(crate) fn parse_stored<T: serde::de::DeserializeOwned>(
    raw: &str,
    what: &str,
    id: &str,
) -> StoreResult<T> {
    serde_json::from_str(raw).map_err(|e| {
        StoreError::Invalid(format!(
            "stored {what} `{id}` no longer parses ({e}); re-import it"
        ))
    })
}

/// Everything about one candidate (F13–F15, F25).
pub fn candidate_detail(ws: &Workspace, interview_id: &str) -> StoreResult<CandidateDetail> {
    let row = candidate_row(ws, interview_id)?;
    let conn = ws.reader();
    let (cand_raw, interview_raw, ext_raw): (Option<String>, Option<String>, Option<String>) = conn
        .query_row(
            "SELECT cand_raw, interview_raw, ext_raw FROM candidates WHERE interview_id = ?1",
            [interview_id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )?;
    let candidate = cand_raw
        .map(|raw| parse_stored::<Candidate>(&raw, "candidate", interview_id))
        .transpose()?;
    let interview = interview_raw
        .map(|raw| parse_stored::<InterviewData>(&raw, "interview", interview_id))
        .transpose()?;
    let extension = ext_raw
        .map(|raw| parse_stored::<InterviewExtension>(&raw, "extension", interview_id))
        .transpose()?;
    let posting_raw: String = conn.query_row(
        "SELECT raw FROM postings WHERE id = ?1",
        [&row.posting_id],
        |r| r.get(0),
    )?;
    let posting = parse_stored::<Posting>(&posting_raw, "posting", &row.posting_id)?;

    let media = conn
        .prepare_cached(
            "SELECT cm.kind, cm.hash, m.mime, m.size, cm.remote_url, cm.original_name \
             FROM candidate_media cm LEFT JOIN media m ON m.hash = cm.hash \
             WHERE cm.interview_id = ?1 ORDER BY cm.kind",
        )?
        .query_map([interview_id], |r| {
            Ok(MediaRef {
                kind: r.get(0)?,
                hash: r.get(1)?,
                mime: r.get(2)?,
                size: r.get(3)?,
                remote_url: r.get(4)?,
                original_name: r.get(5)?,
            })
        })?
        .collect::<Result<Vec<_>, _>>()?;
    let cheat_flags = conn
        .prepare_cached(
            "SELECT kind, confidence, at_seconds, detail FROM cheat_flags \
             WHERE interview_id = ?1 ORDER BY at_seconds IS NULL, at_seconds, seq",
        )?
        .query_map([interview_id], |r| {
            Ok(CheatFlag {
                kind: r.get(0)?,
                confidence: r.get(1)?,
                at_seconds: r.get(2)?,
                detail: r.get(3)?,
            })
        })?
        .collect::<Result<Vec<_>, _>>()?;
    let notes = notes_for(&conn, interview_id)?;
    let cohorts = conn
        .prepare_cached(
            "SELECT k.name FROM cohort_members m JOIN cohorts k ON k.id = m.cohort_id \
             WHERE m.interview_id = ?1 ORDER BY k.name",
        )?
        .query_map([interview_id], |r| r.get(0))?
        .collect::<Result<Vec<String>, _>>()?;
    let decision_history = conn
        .prepare_cached(
            "SELECT previous, decision, decided_by, decided_at FROM decision_log \
             WHERE interview_id = ?1 ORDER BY id",
        )?
        .query_map([interview_id], |r| {
            let prev: Option<String> = r.get(0)?;
            let dec: Option<String> = r.get(1)?;
            Ok(DecisionEvent {
                previous: prev.as_deref().and_then(Decision::parse),
                decision: dec.as_deref().and_then(Decision::parse),
                decided_by: r.get(2)?,
                decided_at: r.get(3)?,
            })
        })?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(CandidateDetail {
        row,
        posting,
        interview,
        candidate,
        extension,
        media,
        cheat_flags,
        notes,
        cohorts,
        decision_history,
    })
}

pub fn notes_for(conn: &Connection, interview_id: &str) -> StoreResult<Vec<Note>> {
    let mut conflicts = super::panel::note_conflicts(conn, interview_id)?;
    let rows = conn
        .prepare_cached(
            "SELECT id, interview_id, at_seconds, text, author, created_at, uid, updated_at FROM notes \
             WHERE interview_id = ?1 ORDER BY at_seconds IS NULL, at_seconds, id",
        )?
        .query_map([interview_id], |r| {
            Ok((
                Note {
                    id: r.get(0)?,
                    interview_id: r.get(1)?,
                    at_seconds: r.get(2)?,
                    text: r.get(3)?,
                    author: r.get(4)?,
                    created_at: r.get(5)?,
                    updated_at: r.get(7)?,
                    conflict: Vec::new(),
                },
                r.get::<_, Option<String>>(6)?,
            ))
        })?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(rows
        .into_iter()
        .map(|(mut n, uid)| {
            if let Some(v) = uid.and_then(|u| conflicts.remove(&u)) {
                n.conflict = v;
            }
            n
        })
        .collect())
}

/// The raw imported JSON of one interview: `(CandidateResponse,
/// InterviewDataResponse, extension)` exactly as received.
pub fn raw_json(
    ws: &Workspace,
    interview_id: &str,
) -> StoreResult<(Option<String>, Option<String>, Option<String>)> {
    ws.reader()
        .query_row(
            "SELECT cand_raw, interview_raw, ext_raw FROM candidates WHERE interview_id = ?1",
            [interview_id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?
        .ok_or_else(|| StoreError::NoSuchInterview(interview_id.to_string()))
}

pub(crate) fn question_averages(
    conn: &Connection,
    posting_id: &str,
) -> StoreResult<Vec<ComparisonAxis>> {
    // Average over candidates whose interview completed, scored questions only.
    let sql =
        "SELECT s.question_id, max(s.question_text), min(s.rank), avg(s.score_pct), count(*) \
         FROM scorecard s JOIN candidates c ON c.interview_id = s.interview_id \
         WHERE c.posting_id = ?1 AND s.not_scored = 0 \
           AND c.progress IN ('completed','evaluating') \
         GROUP BY s.question_id ORDER BY min(s.rank), s.question_id";
    Ok(conn
        .prepare_cached(sql)?
        .query_map([posting_id], |r| {
            Ok(ComparisonAxis {
                question_id: r.get(0)?,
                label: r.get(1)?,
                rank: r.get(2)?,
                candidate_pct: None,
                avg_pct: r.get(3)?,
                delta_pct: None,
                n: r.get(4)?,
            })
        })?
        .collect::<Result<Vec<_>, _>>()?)
}

pub(crate) fn completed_with_scorecard(conn: &Connection, posting_id: &str) -> StoreResult<i64> {
    let sql = "SELECT count(DISTINCT s.interview_id) FROM scorecard s \
         JOIN candidates c ON c.interview_id = s.interview_id \
         WHERE c.posting_id = ?1 AND s.not_scored = 0 AND c.progress IN ('completed','evaluating')";
    Ok(conn.query_row(sql, [posting_id], |r| r.get(0))?)
}

/// Candidate vs Average (F16): the candidate's scored questions against the
/// interviewer's average over completed candidates.
pub fn candidate_vs_average(ws: &Workspace, interview_id: &str) -> StoreResult<Comparison> {
    let conn = ws.reader();
    let posting_id: String = conn
        .query_row(
            "SELECT posting_id FROM candidates WHERE interview_id = ?1",
            [interview_id],
            |r| r.get(0),
        )
        .optional()?
        .ok_or_else(|| StoreError::NoSuchInterview(interview_id.to_string()))?;
    let averages: HashMap<String, ComparisonAxis> = question_averages(&conn, &posting_id)?
        .into_iter()
        .map(|a| (a.question_id.clone(), a))
        .collect();
    let axes = conn
        .prepare_cached(
            "SELECT question_id, question_text, rank, score_pct FROM scorecard \
             WHERE interview_id = ?1 AND not_scored = 0 ORDER BY rank, question_id",
        )?
        .query_map([interview_id], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, i64>(2)?,
                r.get::<_, f64>(3)?,
            ))
        })?
        .map(|row| {
            row.map(|(qid, text, rank, pct)| {
                let avg = averages.get(&qid);
                let avg_pct = avg.and_then(|a| a.avg_pct);
                ComparisonAxis {
                    delta_pct: avg_pct.and_then(|a| scoring::relative_to_average(pct, a)),
                    n: avg.map(|a| a.n).unwrap_or(0),
                    question_id: qid,
                    label: text,
                    rank,
                    candidate_pct: Some(pct),
                    avg_pct,
                }
            })
        })
        .collect::<Result<Vec<_>, _>>()?;
    let n = completed_with_scorecard(&conn, &posting_id)?;
    Ok(Comparison {
        interview_id: interview_id.to_string(),
        posting_id,
        axes,
        n,
        small_n: n < SMALL_N,
    })
}
