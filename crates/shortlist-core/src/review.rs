//! The review model: what the UI, the CLI, reports and exports read.
//!
//! Everything here reads the store through the same queries, so the list the
//! reviewer sees, the CSV they export and the PDF they print agree. The only
//! writes are reviewer actions (decisions), each one transaction with its
//! audit entry.
//!
//! Derived status: the reviewer's decision if any, else the imported
//! decision (`shortlisted`/`dismissed` status or flags), else the pipeline
//! progress (`pending`, `in_progress`, `evaluating`, `completed`,
//! `knocked_out`).

use std::collections::HashMap;

use rusqlite::types::Value as SqlValue;
use rusqlite::{params, params_from_iter, Connection, OptionalExtension, TransactionBehavior};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::error::{StoreError, StoreResult};
use crate::ext::InterviewExtension;
use crate::model::{Candidate, InterviewData, Posting};
use crate::scoring;
use crate::store::{now, Workspace};

mod list_cache;
pub(crate) use list_cache::ListCache;
pub use list_cache::ListCacheStats;

// ---------------------------------------------------------------- DTOs ---

#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Decision {
    Shortlisted,
    Dismissed,
    Pending,
}

impl Decision {
    pub fn as_str(self) -> &'static str {
        match self {
            Decision::Shortlisted => "shortlisted",
            Decision::Dismissed => "dismissed",
            Decision::Pending => "pending",
        }
    }

    pub fn parse(s: &str) -> Option<Decision> {
        match s {
            "shortlist" | "shortlisted" => Some(Decision::Shortlisted),
            "dismiss" | "dismissed" => Some(Decision::Dismissed),
            "pending" => Some(Decision::Pending),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct StatusCounts {
    pub total: i64,
    pub pending: i64,
    pub in_progress: i64,
    pub evaluating: i64,
    pub completed: i64,
    pub knocked_out: i64,
    pub shortlisted: i64,
    pub dismissed: i64,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct InterviewerSummary {
    pub id: String,
    /// URL slug, e.g. `627-seasonal-sales-associate`.
    pub slug: Option<String>,
    pub title: String,
    pub interviewer_name: Option<String>,
    pub status: String,
    pub language: Option<String>,
    pub created_at: Option<f64>,
    pub deadline: Option<f64>,
    /// Whole days until the deadline from now (negative when past).
    pub days_left: Option<i64>,
    pub max_retakes: Option<i64>,
    pub budget: Option<f64>,
    pub spend: Option<f64>,
    pub currency: Option<String>,
    pub subscribers: i64,
    /// Workflow step kinds in order (`resume`, `web_interview`, …).
    pub workflow: Vec<String>,
    pub counts: StatusCounts,
}

/// One stage cell of the candidate list.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct StageCell {
    pub order: i64,
    /// `resume`, `web_interview`, `conversational_sms`, `form`.
    pub kind: String,
    /// `not_started`, `in_progress`, `completed`, `knocked_out`.
    pub status: String,
    pub score_pct: Option<f64>,
    /// Human label, e.g. `Resume 74%`, `Video 80%`, `Video`, `pending`.
    pub label: String,
}

/// A piece of a search snippet; `hit` pieces matched the query.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SnippetPart {
    pub text: String,
    pub hit: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CandidateRow {
    pub interview_id: String,
    pub candidate_id: Option<String>,
    pub posting_id: String,
    pub name: String,
    pub email: String,
    pub phone: Option<String>,
    pub location: Option<String>,
    pub country: Option<String>,
    pub interview_url: Option<String>,
    /// Pipeline progress from the import: `pending`, `in_progress`,
    /// `evaluating`, `completed`, `knocked_out`.
    pub progress: String,
    /// Reviewer decision if set, else imported decision, else `pending`.
    pub decision: Decision,
    /// Whether `decision` comes from this reviewer (vs. the import).
    pub decided_here: bool,
    /// `decision` when shortlisted/dismissed, else `progress`.
    pub status: String,
    /// Overall 0–100.
    pub score: Option<f64>,
    pub resume_score: Option<f64>,
    pub video_score: Option<f64>,
    /// Communication score, raw 0–5.
    pub speech_score: Option<f64>,
    pub steps_done: i64,
    pub steps_total: i64,
    pub stages: Vec<StageCell>,
    /// e.g. `Resume 74% • 2/3`.
    pub stage_summary: String,
    pub created_at: Option<f64>,
    pub interviewed_at: Option<f64>,
    pub last_engaged: Option<f64>,
    pub tags: Vec<String>,
    pub flag_count: i64,
    pub cheat_ranking: Option<i64>,
    /// Flattened `metadata.*` / `data.*` custom columns.
    pub custom: Map<String, Value>,
    /// Matching transcript text when the search hit the transcript.
    pub snippet: Option<Vec<SnippetPart>>,
}

#[derive(Debug, Clone, Copy, Default, Serialize, Deserialize, PartialEq, Eq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum View {
    #[default]
    All,
    Completed,
    Shortlisted,
    Dismissed,
}

#[derive(Debug, Clone, Copy, Default, Serialize, Deserialize, PartialEq, Eq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum SortKey {
    Name,
    Score,
    ResumeScore,
    VideoScore,
    #[default]
    LastEngaged,
    Created,
    Status,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(default)]
pub struct CandidateQuery {
    pub posting_id: Option<String>,
    /// Name / e-mail / tags / transcript full-text (prefix match per word).
    pub search: Option<String>,
    pub view: View,
    /// Derived status filter (`pending`, `in_progress`, `completed`,
    /// `knocked_out`, `evaluating`, `shortlisted`, `dismissed`).
    pub status: Option<String>,
    pub decision: Option<Decision>,
    /// Stage filter: (`resume`|`web_interview`|…, `completed`|`in_progress`|…).
    pub stage_kind: Option<String>,
    pub stage_status: Option<String>,
    pub min_score: Option<f64>,
    pub max_score: Option<f64>,
    /// All of these tags.
    pub tags: Vec<String>,
    pub cohort: Option<String>,
    /// Only candidates with (true) / without (false) cheat-detection flags.
    pub flagged: Option<bool>,
    pub sort: SortKey,
    pub descending: bool,
    pub offset: u32,
    /// 0 = no limit.
    pub limit: u32,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ViewCounts {
    pub all: i64,
    pub completed: i64,
    pub shortlisted: i64,
    pub dismissed: i64,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CandidatePage {
    pub rows: Vec<CandidateRow>,
    /// Rows matching the query (all pages).
    pub total: i64,
    /// Counts per view for the same search and filters.
    pub view_counts: ViewCounts,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct MediaRef {
    /// `video`, `audio`, `resume`.
    pub kind: String,
    /// SHA-256 of the file in the workspace's media store, when local.
    pub hash: Option<String>,
    pub mime: Option<String>,
    pub size: Option<i64>,
    /// Signed URL kept from the import when the file is not local.
    pub remote_url: Option<String>,
    pub original_name: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Note {
    pub id: i64,
    pub interview_id: String,
    pub at_seconds: Option<f64>,
    pub text: String,
    pub author: String,
    pub created_at: f64,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DecisionEvent {
    pub previous: Option<Decision>,
    pub decision: Option<Decision>,
    pub decided_by: String,
    pub decided_at: f64,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CheatFlag {
    pub kind: String,
    pub confidence: Option<f64>,
    pub at_seconds: Option<f64>,
    pub detail: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CandidateDetail {
    pub row: CandidateRow,
    pub posting: Posting,
    /// `InterviewDataResponse` as imported (typed), when present.
    pub interview: Option<InterviewData>,
    /// `CandidateResponse` as imported (typed), when present.
    pub candidate: Option<Candidate>,
    pub extension: Option<InterviewExtension>,
    pub media: Vec<MediaRef>,
    pub cheat_flags: Vec<CheatFlag>,
    pub notes: Vec<Note>,
    pub cohorts: Vec<String>,
    pub decision_history: Vec<DecisionEvent>,
}

/// One axis of Candidate vs Average.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ComparisonAxis {
    pub question_id: String,
    pub label: String,
    pub rank: i64,
    pub candidate_pct: Option<f64>,
    pub avg_pct: Option<f64>,
    /// Relative difference in percent ("32% above average" = 32.0).
    pub delta_pct: Option<f64>,
    /// Completed candidates the average is over for this question.
    pub n: i64,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Comparison {
    pub interview_id: String,
    pub posting_id: String,
    pub axes: Vec<ComparisonAxis>,
    /// Completed candidates with a scorecard in this interviewer.
    pub n: i64,
    /// N below this makes the average a rough guide.
    pub small_n: bool,
}

/// Threshold under which the average is flagged as a rough guide.
pub const SMALL_N: i64 = 5;

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DecisionChangeEntry {
    pub interview_id: String,
    /// Reviewer decision before the change (`None`: none recorded).
    pub previous: Option<Decision>,
    pub decision: Option<Decision>,
}

/// What [`set_decision`] changed, to undo it.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DecisionChange {
    pub entries: Vec<DecisionChangeEntry>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct HistogramBin {
    /// Lower bound in percent (bins are 10 wide; the last includes 100).
    pub from: f64,
    pub to: f64,
    pub count: i64,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct FunnelStage {
    pub order: i64,
    pub kind: String,
    pub started: i64,
    pub completed: i64,
    pub knocked_out: i64,
    pub avg_score_pct: Option<f64>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct InterviewerAnalytics {
    pub summary: InterviewerSummary,
    pub funnel: Vec<FunnelStage>,
    pub score_histogram: Vec<HistogramBin>,
    /// Completed (all steps) over all candidates, 0–1.
    pub completion_rate: f64,
    pub avg_score: Option<f64>,
    pub avg_resume_score: Option<f64>,
    pub avg_video_score: Option<f64>,
    /// Communication score average, raw 0–5.
    pub avg_speech_score: Option<f64>,
    /// Per-question averages (the interviewer's "Average" polygon).
    pub question_averages: Vec<ComparisonAxis>,
}

// ------------------------------------------------------------ queries ---

/// How pipeline progress derives from imported columns of `candidates c`.
/// Materialised in `candidates.progress` by [`crate::project::refresh_derived`].
/// (`=` tests rather than `IN (…)`: SQLite builds a temporary index for an
/// `IN` list each time a statement runs, and the importer runs this once
/// per new candidate.)
pub(crate) const PROGRESS_SQL: &str = "CASE \
    WHEN c.knocked_out = 1 OR c.imported_status = 'knocked_out' THEN 'knocked_out' \
    WHEN c.imported_status = 'pending' OR c.imported_status = 'in_progress' \
      OR c.imported_status = 'evaluating' OR c.imported_status = 'completed' THEN c.imported_status \
    WHEN c.steps_total > 0 AND c.steps_done >= c.steps_total THEN 'completed' \
    WHEN c.steps_done > 0 THEN 'in_progress' \
    ELSE 'pending' END";

/// The decision the import carried (status or flags), materialised in
/// `candidates.imported_decision`.
pub(crate) const IMPORTED_DECISION_SQL: &str = "CASE \
    WHEN c.imported_status = 'shortlisted' OR c.imported_status = 'dismissed' THEN c.imported_status \
    WHEN json_extract(c.cand_raw, '$.dismissed') = 1 THEN 'dismissed' \
    WHEN json_extract(c.cand_raw, '$.shortlisted') = 1 THEN 'shortlisted' \
    ELSE NULL END";

fn decision_sql() -> String {
    "COALESCE(d.decision, c.imported_decision, 'pending')".to_string()
}

fn status_sql() -> String {
    format!(
        "CASE WHEN {dec} IN ('shortlisted','dismissed') THEN {dec} ELSE c.progress END",
        dec = decision_sql()
    )
}

fn days_left(deadline: Option<f64>) -> Option<i64> {
    deadline.map(|d| ((d - now()) / 86_400.0).ceil() as i64)
}

fn counts_for(conn: &Connection, posting_id: &str) -> StoreResult<StatusCounts> {
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

fn posting_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<InterviewerSummary> {
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

fn parse_stored<T: serde::de::DeserializeOwned>(raw: &str, what: &str, id: &str) -> StoreResult<T> {
    serde_json::from_str(raw).map_err(|e| {
        StoreError::Invalid(format!(
            "stored {what} `{id}` no longer parses ({e}); re-import it"
        ))
    })
}

/// Whether the index's `unicode61` tokenizer keeps `c` inside a token
/// (letters and numbers; marks, symbols and punctuation separate tokens).
/// Splitting the query at every other character gives one token per term:
/// the index is `detail=none`, which rejects multi-token (phrase) terms.
fn is_token_char(c: char) -> bool {
    use unicode_normalization::char::is_combining_mark;
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    // Rust's alphanumeric also counts some marks and the circled letters
    // (symbols to the tokenizer) as letters.
    c.is_alphanumeric()
        && !is_combining_mark(c)
        && !matches!(c as u32, 0x24B6..=0x24E9 | 0x1F130..=0x1F189)
}

/// Turn user text into an FTS5 query: each word a quoted prefix term, all
/// required. Words are split where the tokenizer splits them and quotes are
/// doubled, so any input is a valid query.
pub fn fts_query(search: &str) -> Option<String> {
    use unicode_normalization::UnicodeNormalization;
    // Composed first, so a decomposed "a\u{301}" stays one letter.
    let search: String = search.nfc().collect();
    let terms: Vec<String> = search
        .split(|c: char| !is_token_char(c))
        .filter(|t| !t.is_empty())
        .map(|t| format!("\"{}\"*", t.replace('"', "\"\"")))
        .collect();
    (!terms.is_empty()).then(|| terms.join(" "))
}

struct Filter {
    where_sql: Vec<String>,
    params: Vec<SqlValue>,
}

fn build_filter(q: &CandidateQuery, include_view: bool) -> Filter {
    let mut where_sql = Vec::new();
    let mut params: Vec<SqlValue> = Vec::new();
    let dec = decision_sql();
    let status = status_sql();
    if let Some(p) = &q.posting_id {
        params.push(SqlValue::Text(p.clone()));
        where_sql.push(format!("c.posting_id = ?{}", params.len()));
    }
    let fts = q.search.as_deref().and_then(fts_query);
    if let Some(f) = &fts {
        params.push(SqlValue::Text(f.clone()));
        // Within one interviewer, `+` keeps the planner on the covering
        // `candidates_list` index (testing each entry's rowid against the
        // hit set) rather than fetching every hit's wide table row.
        let plus = if q.posting_id.is_some() { "+" } else { "" };
        where_sql.push(format!(
            "{plus}c.rowid IN (SELECT rowid FROM fts WHERE fts MATCH ?{})",
            params.len()
        ));
    }
    if include_view {
        match q.view {
            View::All => {}
            View::Completed => where_sql.push("c.progress = 'completed'".to_string()),
            View::Shortlisted => where_sql.push(format!("({dec}) = 'shortlisted'")),
            View::Dismissed => where_sql.push(format!("({dec}) = 'dismissed'")),
        }
    }
    if let Some(s) = &q.status {
        params.push(SqlValue::Text(s.clone()));
        where_sql.push(format!("({status}) = ?{}", params.len()));
    }
    if let Some(d) = q.decision {
        params.push(SqlValue::Text(d.as_str().to_string()));
        where_sql.push(format!("({dec}) = ?{}", params.len()));
    }
    match (&q.stage_kind, &q.stage_status) {
        (None, None) => {}
        (kind, st) => {
            let mut cond = vec!["s.interview_id = c.interview_id".to_string()];
            if let Some(k) = kind {
                params.push(SqlValue::Text(k.clone()));
                cond.push(format!("s.kind = ?{}", params.len()));
            }
            if let Some(st) = st {
                params.push(SqlValue::Text(st.clone()));
                cond.push(format!("s.status = ?{}", params.len()));
            }
            where_sql.push(format!(
                "EXISTS (SELECT 1 FROM steps s WHERE {})",
                cond.join(" AND ")
            ));
        }
    }
    if let Some(min) = q.min_score {
        params.push(SqlValue::Real(min));
        where_sql.push(format!("c.score >= ?{}", params.len()));
    }
    if let Some(max) = q.max_score {
        params.push(SqlValue::Real(max));
        where_sql.push(format!("c.score <= ?{}", params.len()));
    }
    for tag in &q.tags {
        params.push(SqlValue::Text(tag.clone()));
        where_sql.push(format!(
            "EXISTS (SELECT 1 FROM tags t WHERE t.interview_id = c.interview_id AND t.tag = ?{} COLLATE NOCASE)",
            params.len()
        ));
    }
    if let Some(cohort) = &q.cohort {
        params.push(SqlValue::Text(cohort.clone()));
        where_sql.push(format!(
            "c.interview_id IN (SELECT m.interview_id FROM cohort_members m JOIN cohorts k ON k.id = m.cohort_id WHERE k.name = ?{})",
            params.len()
        ));
    }
    match q.flagged {
        Some(true) => where_sql.push("c.flag_count > 0".into()),
        Some(false) => where_sql.push("c.flag_count = 0".into()),
        None => {}
    }
    Filter { where_sql, params }
}

fn where_clause(parts: &[String]) -> String {
    if parts.is_empty() {
        String::new()
    } else {
        format!("WHERE {}", parts.join(" AND "))
    }
}

const FROM_SQL: &str = "FROM candidates c LEFT JOIN decisions d ON d.interview_id = c.interview_id";

fn stage_label(kind: &str, status: &str, score: Option<f64>) -> String {
    let name = match kind {
        "resume" => "Resume",
        "web_interview" => "Video",
        "conversational_sms" => "SMS",
        "form" => "Form",
        other => other,
    };
    match status {
        "completed" => match score {
            Some(s) => format!("{name} {}%", s.round()),
            None => name.to_string(),
        },
        "in_progress" => format!("{name} in progress"),
        "knocked_out" => format!("{name} knocked out"),
        _ => "pending".to_string(),
    }
}

fn stage_summary(stages: &[StageCell], done: i64, total: i64) -> String {
    // The latest scored step reads best ("Resume 74% • 2/3"); else the
    // latest step the candidate reached.
    let last = stages
        .iter()
        .find(|s| s.status == "knocked_out")
        .or_else(|| {
            stages
                .iter()
                .rev()
                .find(|s| s.status == "completed" && s.score_pct.is_some())
        })
        .or_else(|| {
            stages.iter().rev().find(|s| {
                s.status == "completed" || s.status == "knocked_out" || s.status == "in_progress"
            })
        });
    let mut label = match last {
        Some(s) => s.label.clone(),
        None => "pending".to_string(),
    };
    if total > 0 && done < total && last.is_some() {
        label.push_str(&format!(" • {done}/{total}"));
    }
    label
}

fn row_select() -> String {
    format!(
        "SELECT c.interview_id, c.candidate_id, c.posting_id, c.name, c.email, c.phone, c.location, \
         c.country, c.interview_url, c.progress AS progress, {dec} AS decision, \
         d.decision IS NOT NULL AS decided_here, {status} AS status, c.score, c.resume_score, \
         c.video_score, c.speech_score, c.steps_done, c.steps_total, c.created_at, c.interviewed_at, \
         c.last_activity_at, c.cheat_ranking, c.custom, c.flag_count AS flag_count",
        dec = decision_sql(),
        status = status_sql()
    )
}

fn read_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<CandidateRow> {
    let decision: String = r.get("decision")?;
    let custom: Option<String> = r.get("custom")?;
    let custom = custom
        .and_then(|c| serde_json::from_str::<Map<String, Value>>(&c).ok())
        .unwrap_or_default();
    Ok(CandidateRow {
        interview_id: r.get("interview_id")?,
        candidate_id: r.get("candidate_id")?,
        posting_id: r.get("posting_id")?,
        name: r.get("name")?,
        email: r.get("email")?,
        phone: r.get("phone")?,
        location: r.get("location")?,
        country: r.get("country")?,
        interview_url: r.get("interview_url")?,
        progress: r.get("progress")?,
        decision: Decision::parse(&decision).unwrap_or(Decision::Pending),
        decided_here: r.get("decided_here")?,
        status: r.get("status")?,
        score: r.get("score")?,
        resume_score: r.get("resume_score")?,
        video_score: r.get("video_score")?,
        speech_score: r.get("speech_score")?,
        steps_done: r.get("steps_done")?,
        steps_total: r.get("steps_total")?,
        stages: Vec::new(),
        stage_summary: String::new(),
        created_at: r.get("created_at")?,
        interviewed_at: r.get("interviewed_at")?,
        last_engaged: r.get("last_activity_at")?,
        tags: Vec::new(),
        flag_count: r.get("flag_count")?,
        cheat_ranking: r.get("cheat_ranking")?,
        custom,
        snippet: None,
    })
}

/// Fill stages, tags and snippets for a page of rows (one query each).
fn decorate(conn: &Connection, rows: &mut [CandidateRow], search: Option<&str>) -> StoreResult<()> {
    if rows.is_empty() {
        return Ok(());
    }
    let index: HashMap<String, usize> = rows
        .iter()
        .enumerate()
        .map(|(i, r)| (r.interview_id.clone(), i))
        .collect();
    let ids: Vec<SqlValue> = rows
        .iter()
        .map(|r| SqlValue::Text(r.interview_id.clone()))
        .collect();
    let placeholders = vec!["?"; ids.len()].join(",");

    let sql = format!(
        "SELECT interview_id, step_order, kind, status, score FROM steps \
         WHERE interview_id IN ({placeholders}) ORDER BY interview_id, step_order"
    );
    let mut stmt = conn.prepare(&sql)?;
    let mut q = stmt.query(params_from_iter(ids.iter()))?;
    while let Some(r) = q.next()? {
        let id: String = r.get(0)?;
        let kind: Option<String> = r.get(2)?;
        let kind = kind.unwrap_or_else(|| "step".into());
        let status: String = r.get(3)?;
        let score: Option<f64> = r.get(4)?;
        if let Some(&i) = index.get(&id) {
            rows[i].stages.push(StageCell {
                order: r.get(1)?,
                label: stage_label(&kind, &status, score),
                kind,
                status,
                score_pct: score,
            });
        }
    }

    let sql = format!(
        "SELECT interview_id, tag FROM tags WHERE interview_id IN ({placeholders}) ORDER BY interview_id, rowid"
    );
    let mut stmt = conn.prepare(&sql)?;
    let mut q = stmt.query(params_from_iter(ids.iter()))?;
    while let Some(r) = q.next()? {
        let id: String = r.get(0)?;
        if let Some(&i) = index.get(&id) {
            rows[i].tags.push(r.get(1)?);
        }
    }

    if let Some(search) = search {
        let terms = search_terms(search);
        // The index stores no text (contentless): the transcript comes from
        // the raw JSON, joined as the projection indexed it.
        let sql = format!(
            "SELECT c.interview_id, \
               (SELECT group_concat(t.value ->> 'text', char(10)) \
                FROM json_each(c.interview_raw, '$.web_interview.transcript') t) \
             FROM candidates c WHERE c.interview_id IN ({placeholders}) \
               AND json_valid(c.interview_raw)"
        );
        let mut stmt = conn.prepare(&sql)?;
        let mut q = stmt.query(params_from_iter(ids.iter()))?;
        while let Some(r) = q.next()? {
            let id: String = r.get(0)?;
            let text: Option<String> = r.get(1)?;
            if let (Some(&i), Some(text)) = (index.get(&id), text) {
                rows[i].snippet = snippet(&text, &terms, SNIPPET_WORDS);
            }
        }
    }

    for row in rows.iter_mut() {
        row.stage_summary = stage_summary(&row.stages, row.steps_done, row.steps_total);
    }
    Ok(())
}

/// Words of context a transcript snippet shows around its first hit.
const SNIPPET_WORDS: usize = 12;

/// Lowercase and strip diacritics, as the FTS tokenizer
/// (`unicode61 remove_diacritics 2`) does, so "jose" finds "José".
fn fold(s: &str) -> String {
    use unicode_normalization::char::is_combining_mark;
    use unicode_normalization::UnicodeNormalization;
    s.nfd()
        .filter(|c| !is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .collect()
}

/// The search's words, folded (the same split as [`fts_query`]).
fn search_terms(search: &str) -> Vec<String> {
    search
        .split(|c: char| !c.is_alphanumeric())
        .filter(|t| !t.is_empty())
        .map(fold)
        .collect()
}

/// A window of `words` words around the first word of `text` that starts
/// with one of `terms`, every such word marked as a hit; `None` when the
/// transcript has no hit (the match was in the name, e-mail or tags).
fn snippet(text: &str, terms: &[String], words: usize) -> Option<Vec<SnippetPart>> {
    if terms.is_empty() {
        return None;
    }
    // Word spans (alphanumeric runs) with their hit flag.
    let mut spans: Vec<(usize, usize, bool)> = Vec::new();
    let mut start = None;
    for (i, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        match (c.is_alphanumeric(), start) {
            (true, None) => start = Some(i),
            (false, Some(st)) => {
                let w = fold(&text[st..i]);
                let hit = terms.iter().any(|t| w.starts_with(t.as_str()));
                spans.push((st, i, hit));
                start = None;
            }
            _ => {}
        }
    }
    let first = spans.iter().position(|s| s.2)?;
    let from = first.saturating_sub(words / 3);
    let to = (from + words).min(spans.len());
    let mut parts: Vec<SnippetPart> = Vec::new();
    let mut push = |text: &str, hit: bool| {
        if text.is_empty() {
            return;
        }
        match parts.last_mut() {
            Some(last) if last.hit == hit => last.text.push_str(text),
            _ => parts.push(SnippetPart {
                text: text.to_string(),
                hit,
            }),
        }
    };
    if from > 0 {
        push("…", false);
    }
    let mut pos = spans[from].0;
    for &(st, end, hit) in &spans[from..to] {
        push(&text[pos..st], false);
        push(&text[st..end], hit);
        pos = end;
    }
    if to < spans.len() {
        push("…", false);
    } else {
        push(text[pos..].trim_end(), false);
    }
    Some(parts)
}

fn order_sql(q: &CandidateQuery) -> String {
    let dir = if q.descending { "DESC" } else { "ASC" };
    let key = match q.sort {
        SortKey::Name => "c.name COLLATE NOCASE",
        SortKey::Score => "c.score",
        SortKey::ResumeScore => "c.resume_score",
        SortKey::VideoScore => "c.video_score",
        SortKey::LastEngaged => "c.last_activity_at",
        SortKey::Created => "c.created_at",
        SortKey::Status => "",
    };
    let status;
    let key = if q.sort == SortKey::Status {
        status = status_sql();
        status.as_str()
    } else {
        key
    };
    // NULLs last whatever the direction; ties broken by name then id.
    format!("ORDER BY ({key}) IS NULL, {key} {dir}, c.name COLLATE NOCASE, c.interview_id")
}

/// Pages up to this size are read in two phases (see [`list_candidates`]).
const MAX_TWO_PHASE_PAGE: u32 = 1_000;

/// The candidate list (F11): one page plus totals and view counts.
///
/// Answered from the in-memory list projection when it can be
/// (`review/list_cache.rs`), else by SQL; both give the same page.
pub fn list_candidates(ws: &Workspace, q: &CandidateQuery) -> StoreResult<CandidatePage> {
    match list_candidates_cached(ws, q)? {
        Some(page) => Ok(page),
        None => list_candidates_sql(ws, q),
    }
}

/// Rows fetched by rowid per statement.
const ROWID_CHUNK: usize = 500;

/// Full rows for `rowids`, in that order.
fn rows_by_rowid(conn: &Connection, rowids: &[i64]) -> StoreResult<Vec<CandidateRow>> {
    let mut rows = Vec::with_capacity(rowids.len());
    for chunk in rowids.chunks(ROWID_CHUNK) {
        let placeholders = vec!["?"; chunk.len()].join(",");
        let sql = format!(
            "{select}, c.rowid AS rowid_ {FROM_SQL} WHERE c.rowid IN ({placeholders})",
            select = row_select()
        );
        let mut by_rowid: HashMap<i64, CandidateRow> = conn
            .prepare(&sql)?
            .query_map(params_from_iter(chunk.iter()), |r| {
                Ok((r.get::<_, i64>("rowid_")?, read_row(r)?))
            })?
            .collect::<Result<_, _>>()?;
        rows.extend(chunk.iter().filter_map(|id| by_rowid.remove(id)));
    }
    Ok(rows)
}

/// The list from the in-memory projection; `None` when the query needs SQL.
/// Public for the tests that compare it with [`list_candidates_sql`].
#[doc(hidden)]
pub fn list_candidates_cached(
    ws: &Workspace,
    q: &CandidateQuery,
) -> StoreResult<Option<CandidatePage>> {
    let conn = ws.reader();
    // One snapshot for the cache's version check and every read below.
    let tx = conn.unchecked_transaction()?;
    let found = ws.list_cache().query(&tx, q)?;
    let Some(found) = found else {
        return Ok(None);
    };
    let mut rows = rows_by_rowid(&tx, &found.rowids)?;
    decorate(&tx, &mut rows, q.search.as_deref())?;
    tx.finish()?;
    Ok(Some(CandidatePage {
        rows,
        total: found.total,
        view_counts: found.view_counts,
    }))
}

/// Load `posting_id`'s list projection now if it is not cached (benchmarks).
#[doc(hidden)]
pub fn warm_list_cache(ws: &Workspace, posting_id: Option<&str>) -> StoreResult<()> {
    let conn = ws.reader();
    let tx = conn.unchecked_transaction()?;
    ws.list_cache().warm(&tx, posting_id)?;
    tx.finish()?;
    Ok(())
}

/// What the list cache holds (benchmarks).
#[doc(hidden)]
pub fn list_cache_stats(ws: &Workspace) -> Vec<ListCacheStats> {
    ws.list_cache().stats()
}

/// The candidate list by SQL alone (the fallback of [`list_candidates`]).
#[doc(hidden)]
pub fn list_candidates_sql(ws: &Workspace, q: &CandidateQuery) -> StoreResult<CandidatePage> {
    let conn = ws.reader();
    let filter = build_filter(q, true);
    let where_ = where_clause(&filter.where_sql);
    let order = order_sql(q);
    let offset = q.offset;
    let mut rows;
    if q.limit == 0 || q.limit > MAX_TWO_PHASE_PAGE {
        // Everything (CLI, exports): one pass.
        let limit = if q.limit == 0 { -1 } else { q.limit as i64 };
        let sql = format!(
            "{select} {FROM_SQL} {where_} {order} LIMIT {limit} OFFSET {offset}",
            select = row_select(),
        );
        rows = conn
            .prepare_cached(&sql)?
            .query_map(params_from_iter(filter.params.iter()), read_row)?
            .collect::<Result<Vec<_>, _>>()?;
    } else {
        // A page (the UI): sort and page narrow rows (rowid only), then read
        // the page's full rows. Sorting wide rows would carry every column
        // of every match through the sorter.
        let page_sql = format!(
            "SELECT c.rowid {FROM_SQL} {where_} {order} LIMIT {limit} OFFSET {offset}",
            limit = q.limit,
        );
        let rowids: Vec<i64> = conn
            .prepare_cached(&page_sql)?
            .query_map(params_from_iter(filter.params.iter()), |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        rows = rows_by_rowid(&conn, &rowids)?;
    }
    decorate(&conn, &mut rows, q.search.as_deref())?;

    let base = build_filter(q, false);
    let sql = format!(
        "SELECT count(*), \
         coalesce(sum(c.progress = 'completed'), 0), \
         coalesce(sum(({dec}) = 'shortlisted'), 0), \
         coalesce(sum(({dec}) = 'dismissed'), 0) {FROM_SQL} {where_}",
        dec = decision_sql(),
        where_ = where_clause(&base.where_sql)
    );
    let view_counts =
        conn.prepare_cached(&sql)?
            .query_row(params_from_iter(base.params.iter()), |r| {
                Ok(ViewCounts {
                    all: r.get(0)?,
                    completed: r.get(1)?,
                    shortlisted: r.get(2)?,
                    dismissed: r.get(3)?,
                })
            })?;
    let total = if q.status.is_none() && q.decision.is_none() {
        match q.view {
            View::All => view_counts.all,
            View::Completed => view_counts.completed,
            View::Shortlisted => view_counts.shortlisted,
            View::Dismissed => view_counts.dismissed,
        }
    } else {
        let sql = format!(
            "SELECT count(*) {FROM_SQL} {}",
            where_clause(&filter.where_sql)
        );
        conn.prepare_cached(&sql)?
            .query_row(params_from_iter(filter.params.iter()), |r| r.get(0))?
    };
    Ok(CandidatePage {
        rows,
        total,
        view_counts,
    })
}

/// One candidate list row by id.
pub fn candidate_row(ws: &Workspace, interview_id: &str) -> StoreResult<CandidateRow> {
    let conn = ws.reader();
    let sql = format!("{} {FROM_SQL} WHERE c.interview_id = ?1", row_select());
    let row = conn
        .prepare_cached(&sql)?
        .query_row([interview_id], read_row)
        .optional()?
        .ok_or_else(|| StoreError::NoSuchInterview(interview_id.to_string()))?;
    let mut rows = [row];
    decorate(&conn, &mut rows, None)?;
    let [row] = rows;
    Ok(row)
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
    Ok(conn
        .prepare_cached(
            "SELECT id, interview_id, at_seconds, text, author, created_at FROM notes \
             WHERE interview_id = ?1 ORDER BY at_seconds IS NULL, at_seconds, id",
        )?
        .query_map([interview_id], |r| {
            Ok(Note {
                id: r.get(0)?,
                interview_id: r.get(1)?,
                at_seconds: r.get(2)?,
                text: r.get(3)?,
                author: r.get(4)?,
                created_at: r.get(5)?,
            })
        })?
        .collect::<Result<Vec<_>, _>>()?)
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

fn question_averages(conn: &Connection, posting_id: &str) -> StoreResult<Vec<ComparisonAxis>> {
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

fn completed_with_scorecard(conn: &Connection, posting_id: &str) -> StoreResult<i64> {
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

/// Analytics tab (F10) and pipeline report (F31) numbers.
pub fn interviewer_analytics(
    ws: &Workspace,
    posting_id: &str,
) -> StoreResult<InterviewerAnalytics> {
    let summary = interviewer(ws, posting_id)?;
    let conn = ws.reader();
    let funnel = conn
        .prepare_cached(
            "SELECT s.step_order, coalesce(max(s.kind), 'step'), \
             sum(s.status IN ('in_progress','completed','knocked_out')), \
             sum(s.status = 'completed'), sum(s.status = 'knocked_out'), avg(s.score) \
             FROM steps s JOIN candidates c ON c.interview_id = s.interview_id \
             WHERE c.posting_id = ?1 GROUP BY s.step_order ORDER BY s.step_order",
        )?
        .query_map([posting_id], |r| {
            Ok(FunnelStage {
                order: r.get(0)?,
                kind: r.get(1)?,
                started: r.get(2)?,
                completed: r.get(3)?,
                knocked_out: r.get(4)?,
                avg_score_pct: r.get(5)?,
            })
        })?
        .collect::<Result<Vec<_>, _>>()?;
    let mut score_histogram: Vec<HistogramBin> = (0..10)
        .map(|i| HistogramBin {
            from: i as f64 * 10.0,
            to: i as f64 * 10.0 + 10.0,
            count: 0,
        })
        .collect();
    {
        let mut stmt = conn.prepare_cached(
            "SELECT score FROM candidates WHERE posting_id = ?1 AND score IS NOT NULL",
        )?;
        let scores = stmt.query_map([posting_id], |r| r.get::<_, f64>(0))?;
        for s in scores {
            let s = scoring::overall_pct(s?);
            let bin = ((s / 10.0).floor() as usize).min(9);
            score_histogram[bin].count += 1;
        }
    }
    let (avg_score, avg_resume_score, avg_video_score, avg_speech_score): (
        Option<f64>,
        Option<f64>,
        Option<f64>,
        Option<f64>,
    ) = conn.query_row(
        "SELECT avg(score), avg(resume_score), avg(video_score), avg(speech_score) \
         FROM candidates WHERE posting_id = ?1",
        [posting_id],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
    )?;
    // Shortlisted/dismissed candidates may be incomplete: count from progress.
    let completed: i64 = conn.query_row(
        &format!(
            "SELECT count(*) {FROM_SQL} WHERE c.posting_id = ?1 AND c.progress IN ('completed','evaluating')"
        ),
        [posting_id],
        |r| r.get(0),
    )?;
    let completion_rate = if summary.counts.total > 0 {
        completed as f64 / summary.counts.total as f64
    } else {
        0.0
    };
    let question_averages = question_averages(&conn, posting_id)?;
    Ok(InterviewerAnalytics {
        summary,
        funnel,
        score_histogram,
        completion_rate,
        avg_score,
        avg_resume_score,
        avg_video_score,
        avg_speech_score,
        question_averages,
    })
}

// ------------------------------------------------------------- writes ---

fn current_decision(conn: &Connection, interview_id: &str) -> StoreResult<Option<Decision>> {
    let d: Option<String> = conn
        .query_row(
            "SELECT decision FROM decisions WHERE interview_id = ?1",
            [interview_id],
            |r| r.get(0),
        )
        .optional()?;
    Ok(d.as_deref().and_then(Decision::parse))
}

fn write_decision(
    conn: &Connection,
    interview_id: &str,
    previous: Option<Decision>,
    decision: Option<Decision>,
    by: &str,
    at: f64,
) -> StoreResult<()> {
    match decision {
        Some(d) => conn.execute(
            "INSERT INTO decisions (interview_id, decision, decided_by, decided_at) VALUES (?1, ?2, ?3, ?4) \
             ON CONFLICT(interview_id) DO UPDATE SET decision = excluded.decision, \
             decided_by = excluded.decided_by, decided_at = excluded.decided_at",
            params![interview_id, d.as_str(), by, at],
        )?,
        None => conn.execute("DELETE FROM decisions WHERE interview_id = ?1", [interview_id])?,
    };
    conn.execute(
        "INSERT INTO decision_log (interview_id, previous, decision, decided_by, decided_at) \
         VALUES (?1, ?2, ?3, ?4, ?5)",
        params![
            interview_id,
            previous.map(Decision::as_str),
            decision.map(Decision::as_str),
            by,
            at
        ],
    )?;
    let action = match decision {
        Some(d) => format!("decision.{}", d.as_str()),
        None => "decision.cleared".to_string(),
    };
    crate::audit::append(conn, &action, Some(interview_id))?;
    Ok(())
}

fn apply(ws: &Workspace, targets: &[(String, Option<Decision>)]) -> StoreResult<DecisionChange> {
    if targets.is_empty() {
        return Err(StoreError::Invalid("no candidate selected".into()));
    }
    let by = ws.reviewer();
    let mut conn = ws.writer();
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let at = now();
    let mut entries = Vec::with_capacity(targets.len());
    for (id, decision) in targets {
        let exists: bool = tx
            .query_row(
                "SELECT 1 FROM candidates WHERE interview_id = ?1",
                [id],
                |_| Ok(true),
            )
            .optional()?
            .unwrap_or(false);
        if !exists {
            return Err(StoreError::NoSuchInterview(id.clone()));
        }
        let previous = current_decision(&tx, id)?;
        write_decision(&tx, id, previous, *decision, &by, at)?;
        entries.push(DecisionChangeEntry {
            interview_id: id.clone(),
            previous,
            decision: *decision,
        });
    }
    tx.commit()?;
    Ok(DecisionChange { entries })
}

/// Record the reviewer's decision for one or more candidates, in one
/// transaction. `Decision::Pending` records an explicit "back to pending"
/// (it overrides an imported shortlisted/dismissed state).
pub fn set_decision(
    ws: &Workspace,
    interview_ids: &[String],
    decision: Decision,
) -> StoreResult<DecisionChange> {
    let targets: Vec<_> = interview_ids
        .iter()
        .map(|id| (id.clone(), Some(decision)))
        .collect();
    apply(ws, &targets)
}

/// Undo a [`DecisionChange`]: restore each candidate's previous reviewer
/// decision (logged as a new event; history is never rewritten).
pub fn undo_decision(ws: &Workspace, change: &DecisionChange) -> StoreResult<DecisionChange> {
    let targets: Vec<_> = change
        .entries
        .iter()
        .map(|e| (e.interview_id.clone(), e.previous))
        .collect();
    apply(ws, &targets)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fts_query_has_one_token_per_term() {
        // Apostrophes, hyphens, marks and symbols split words as the
        // tokenizer does, so no term is a phrase.
        assert_eq!(
            fts_query("O'Brien-Smith"),
            Some("\"O\"* \"Brien\"* \"Smith\"*".into())
        );
        assert_eq!(fts_query("José"), Some("\"José\"*".into()));
        assert_eq!(fts_query("e\u{301}x"), Some("\"\u{e9}x\"*".into()));
        assert_eq!(fts_query("x\u{20dd}y"), Some("\"x\"* \"y\"*".into()));
        assert_eq!(fts_query("王小明"), Some("\"王小明\"*".into()));
        assert_eq!(fts_query("Ⓐna ✓ 🙂"), Some("\"na\"*".into()));
        assert_eq!(fts_query("’‘«»"), None);
    }

    #[test]
    fn fts_query_quotes_everything() {
        assert_eq!(fts_query("  "), None);
        assert_eq!(fts_query("ana"), Some("\"ana\"*".into()));
        assert_eq!(
            fts_query("jo\"se OR -x"),
            Some("\"jo\"* \"se\"* \"OR\"* \"x\"*".into())
        );
        assert_eq!(
            fts_query("ana@example.com"),
            Some("\"ana\"* \"example\"* \"com\"*".into())
        );
    }

    #[test]
    fn snippets_mark_prefix_hits_folding_case_and_accents() {
        let text = "So I told the customer: the forklift was certified, and Forklifts need care.";
        let parts = snippet(text, &search_terms("FORK"), 6).unwrap();
        let hits: Vec<&str> = parts
            .iter()
            .filter(|p| p.hit)
            .map(|p| p.text.as_str())
            .collect();
        assert_eq!(hits, vec!["forklift"]);
        assert!(parts.first().unwrap().text.starts_with('…'));
        let joined: String = parts.iter().map(|p| p.text.as_str()).collect();
        assert!(joined.contains("the forklift was certified"), "{joined}");
        // Accents fold both ways.
        let parts = snippet("Trabajé en Sevilla", &search_terms("trabaje"), 12).unwrap();
        assert_eq!(
            parts[0],
            SnippetPart {
                text: "Trabajé".into(),
                hit: true
            }
        );
        assert_eq!(snippet("nothing here", &search_terms("zzz"), 12), None);
        assert_eq!(snippet("anything", &search_terms("  "), 12), None);
        // Non-Latin scripts.
        let parts = snippet("我在北京工作 三年", &search_terms("三年"), 12).unwrap();
        assert!(parts.iter().any(|p| p.hit && p.text == "三年"));
    }

    #[test]
    fn labels() {
        assert_eq!(stage_label("resume", "completed", Some(74.2)), "Resume 74%");
        assert_eq!(stage_label("web_interview", "completed", None), "Video");
        assert_eq!(stage_label("web_interview", "not_started", None), "pending");
        let stages = vec![
            StageCell {
                order: 1,
                kind: "resume".into(),
                status: "completed".into(),
                score_pct: Some(74.0),
                label: "Resume 74%".into(),
            },
            StageCell {
                order: 2,
                kind: "form".into(),
                status: "completed".into(),
                score_pct: None,
                label: "Form".into(),
            },
            StageCell {
                order: 3,
                kind: "web_interview".into(),
                status: "not_started".into(),
                score_pct: None,
                label: "pending".into(),
            },
        ];
        assert_eq!(stage_summary(&stages, 2, 3), "Resume 74% • 2/3");
        assert_eq!(stage_summary(&stages[..1], 1, 1), "Resume 74%");
        assert_eq!(stage_summary(&stages[2..], 0, 3), "pending");
        let mut ko = stages.clone();
        ko[1].status = "knocked_out".into();
        ko[1].label = "Form knocked out".into();
        assert_eq!(stage_summary(&ko, 2, 3), "Form knocked out • 2/3");
    }
}
