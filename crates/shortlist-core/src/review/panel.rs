//! The panel (F70–F73): who the reviewer is, evaluations per reviewer and
//! candidate, and what a viewer may see of the others' (blind until they
//! submit their own; a lead may look). Reads only; writes are in
//! `actions::panel` and `actions::team`.
//!
//! Blindness is enforced here, in the one place every reader goes through:
//! [`panel`] for one candidate, [`summaries`] for the list's panel column,
//! and [`filter_sql`] / [`sort_sql`] for the list's panel filters and sort,
//! which compare others' votes only on candidates the viewer may see. The
//! list's in-memory fast path (`list_cache`) reproduces those two from the
//! trigger-maintained `panel_summary` with the same rule (a candidate the
//! viewer has not submitted for, unless they lead, has no panel sort key
//! and matches no panel filter); tests compare both paths.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use crate::error::{StoreError, StoreResult};
use crate::store::Workspace;

use super::dto::{CandidateQuery, Decision, MyEvaluation, NoteVersion};
pub use super::dto::{PanelSummary, Recommendation};

/// Settings keys of the reviewer identity and the team (reviewer data).
pub const KEY_NAME: &str = "reviewer";
pub const KEY_EMAIL: &str = "reviewer.email";
pub const KEY_ROLE: &str = "team.role";
pub const KEY_LOGIN: &str = "team.login";
pub const KEY_URL: &str = "team.url";
pub const KEY_DEVICE: &str = "team.device";

/// Who is reviewing on this workspace (F70).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Identity {
    /// The id recorded on evaluations and team events: the team login when
    /// a team is configured, else the e-mail, else the name.
    pub id: String,
    pub name: String,
    pub email: Option<String>,
    /// `team.role = lead`: may see the panel before submitting.
    pub lead: bool,
    /// Whether a team server is configured (`shortlist team init`).
    pub team: bool,
}

fn setting(conn: &Connection, key: &str) -> StoreResult<Option<String>> {
    Ok(conn
        .query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| {
            r.get::<_, String>(0)
        })
        .optional()?
        .filter(|v| !v.trim().is_empty()))
}

/// The identity from the settings (name falls back to the OS user, as
/// [`Workspace::reviewer`] does).
pub fn identity_of(conn: &Connection) -> StoreResult<Identity> {
    let name = setting(conn, KEY_NAME)?
        .or_else(|| std::env::var("USER").ok())
        .or_else(|| std::env::var("USERNAME").ok())
        .unwrap_or_else(|| "reviewer".to_string());
    let email = setting(conn, KEY_EMAIL)?;
    let login = setting(conn, KEY_LOGIN)?;
    let lead = setting(conn, KEY_ROLE)?.as_deref() == Some("lead");
    let id = login
        .clone()
        .or_else(|| email.clone())
        .unwrap_or_else(|| name.clone());
    Ok(Identity {
        id,
        name,
        email,
        lead,
        team: login.is_some(),
    })
}

pub fn identity(ws: &Workspace) -> StoreResult<Identity> {
    identity_of(&ws.reader())
}

/// One version of an evaluation replaced by an amendment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct EvaluationVersion {
    pub recommendation: Option<Recommendation>,
    pub ratings: BTreeMap<String, u8>,
    pub comment: String,
    pub submitted_at: Option<f64>,
    /// When the amendment replaced it.
    pub replaced_at: f64,
}

/// One reviewer's evaluation of one candidate (F71).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Evaluation {
    pub interview_id: String,
    pub reviewer: String,
    pub reviewer_name: String,
    pub recommendation: Option<Recommendation>,
    /// Question id → 1..4.
    pub ratings: BTreeMap<String, u8>,
    pub comment: String,
    pub submitted: bool,
    pub submitted_at: Option<f64>,
    /// Last amendment after submission.
    pub amended_at: Option<f64>,
    pub updated_at: f64,
    /// Earlier submitted versions, oldest first.
    pub history: Vec<EvaluationVersion>,
}

fn parse_ratings(s: &str) -> BTreeMap<String, u8> {
    serde_json::from_str(s).unwrap_or_default()
}

const EVAL_COLUMNS: &str = "interview_id, reviewer, reviewer_name, recommendation, ratings, comment, submitted_at, amended_at, updated_at";

fn read_eval(r: &rusqlite::Row<'_>) -> rusqlite::Result<Evaluation> {
    let rec: Option<String> = r.get(3)?;
    let ratings: String = r.get(4)?;
    let submitted_at: Option<f64> = r.get(6)?;
    Ok(Evaluation {
        interview_id: r.get(0)?,
        reviewer: r.get(1)?,
        reviewer_name: r.get(2)?,
        recommendation: rec.as_deref().and_then(Recommendation::parse),
        ratings: parse_ratings(&ratings),
        comment: r.get(5)?,
        submitted: submitted_at.is_some(),
        submitted_at,
        amended_at: r.get(7)?,
        updated_at: r.get(8)?,
        history: Vec::new(),
    })
}

fn history(
    conn: &Connection,
    interview_id: &str,
    reviewer: &str,
) -> StoreResult<Vec<EvaluationVersion>> {
    let mut stmt = conn.prepare_cached(
        "SELECT recommendation, ratings, comment, submitted_at, replaced_at FROM evaluation_history
         WHERE interview_id = ?1 AND reviewer = ?2 ORDER BY id",
    )?;
    let rows = stmt.query_map([interview_id, reviewer], |r| {
        let rec: Option<String> = r.get(0)?;
        let ratings: String = r.get(1)?;
        Ok(EvaluationVersion {
            recommendation: rec.as_deref().and_then(Recommendation::parse),
            ratings: parse_ratings(&ratings),
            comment: r.get(2)?,
            submitted_at: r.get(3)?,
            replaced_at: r.get(4)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// One reviewer's evaluation (with its history), if any. Not blind: for
/// the reviewer's own evaluation and for the writers.
pub fn evaluation_of(
    conn: &Connection,
    interview_id: &str,
    reviewer: &str,
) -> StoreResult<Option<Evaluation>> {
    let e = conn
        .prepare_cached(&format!(
            "SELECT {EVAL_COLUMNS} FROM evaluations WHERE interview_id = ?1 AND reviewer = ?2"
        ))?
        .query_row([interview_id, reviewer], read_eval)
        .optional()?;
    match e {
        Some(mut e) => {
            e.history = history(conn, interview_id, reviewer)?;
            Ok(Some(e))
        }
        None => Ok(None),
    }
}

/// A scorecard question an evaluation may rate.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PanelQuestion {
    pub question_id: String,
    pub rank: i64,
    pub text: String,
}

/// The candidate's scorecard questions, by rank.
pub fn questions_of(conn: &Connection, interview_id: &str) -> StoreResult<Vec<PanelQuestion>> {
    let mut stmt = conn.prepare_cached(
        "SELECT question_id, rank, question_text FROM scorecard WHERE interview_id = ?1 ORDER BY rank, question_id",
    )?;
    let rows = stmt.query_map([interview_id], |r| {
        Ok(PanelQuestion {
            question_id: r.get(0)?,
            rank: r.get(1)?,
            text: r.get(2)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

impl PanelSummary {
    fn build(recs: &[Option<Recommendation>], pending: u32) -> PanelSummary {
        let mut s = PanelSummary {
            pending,
            ..Default::default()
        };
        for r in recs {
            match r {
                Some(Recommendation::StrongNo) => s.strong_no += 1,
                Some(Recommendation::No) => s.no += 1,
                Some(Recommendation::Yes) => s.yes += 1,
                Some(Recommendation::StrongYes) => s.strong_yes += 1,
                None => s.no_decision += 1,
            }
        }
        s.split = (s.yes + s.strong_yes) > 0 && (s.no + s.strong_no) > 0;
        let mut parts = Vec::new();
        for (n, label) in [
            (s.strong_yes, "Strong Yes"),
            (s.yes, "Yes"),
            (s.no, "No"),
            (s.strong_no, "Strong No"),
            (s.no_decision, "no decision"),
            (s.pending, "pending"),
        ] {
            if n > 0 {
                parts.push(format!("{n} {label}"));
            }
        }
        s.label = parts.join(" · ");
        s
    }
}

/// The final decision on the candidate and who recorded it (F73).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PanelDecision {
    pub decision: Decision,
    pub decided_by: String,
    pub decided_at: f64,
}

/// Why the viewer sees (or does not see) the others' evaluations.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Visibility {
    /// The viewer has submitted their own evaluation.
    Submitted,
    /// The viewer is the team's lead.
    Lead,
    /// Blind: the viewer has not submitted; nothing of the others is shown.
    Blind,
}

/// The panel of one candidate as one viewer may see it (F72, F73).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PanelView {
    pub interview_id: String,
    pub viewer: String,
    pub visibility: Visibility,
    /// The viewer's own evaluation (draft or submitted), always shown.
    pub mine: Option<Evaluation>,
    /// The other reviewers' submitted evaluations; empty while blind.
    pub others: Vec<Evaluation>,
    /// Counts over every submitted evaluation; `None` while blind.
    pub summary: Option<PanelSummary>,
    /// Names of panel members who have not submitted; empty while blind.
    pub not_submitted: Vec<String>,
    /// The questions an evaluation may rate.
    pub questions: Vec<PanelQuestion>,
    /// The reviewer decision recorded here (from anyone on the panel).
    pub decision: Option<PanelDecision>,
}

/// Who views a panel: the reviewer id and whether they lead the team.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Viewer {
    pub reviewer: String,
    pub lead: bool,
}

impl From<&Identity> for Viewer {
    fn from(i: &Identity) -> Viewer {
        Viewer {
            reviewer: i.id.clone(),
            lead: i.lead,
        }
    }
}

/// The panel members known here: every reviewer with an evaluation or a
/// team event, plus `viewer`. Id → display name.
fn members(conn: &Connection, viewer: &str) -> StoreResult<BTreeMap<String, String>> {
    let mut out = BTreeMap::new();
    // The distinct reviewers one index seek each (`evaluations_reviewer`,
    // `team_events_reviewer`), not a scan of every evaluation and event:
    // the list's panel column asks this for every page.
    let mut stmt = conn.prepare_cached(
        "WITH RECURSIVE
           e(id) AS (SELECT (SELECT min(reviewer) FROM evaluations)
                     UNION ALL SELECT (SELECT min(reviewer) FROM evaluations WHERE reviewer > e.id)
                     FROM e WHERE e.id IS NOT NULL),
           t(id) AS (SELECT (SELECT min(reviewer) FROM team_events)
                     UNION ALL SELECT (SELECT min(reviewer) FROM team_events WHERE reviewer > t.id)
                     FROM t WHERE t.id IS NOT NULL)
         SELECT id, (SELECT max(reviewer_name) FROM evaluations WHERE reviewer = e.id)
           FROM e WHERE id IS NOT NULL
         UNION ALL SELECT id, NULL FROM t WHERE id IS NOT NULL",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok((r.get::<_, String>(0)?, r.get::<_, Option<String>>(1)?))
    })?;
    for row in rows {
        let (id, name) = row?;
        let entry = out.entry(id.clone()).or_insert_with(|| id.clone());
        if let Some(n) = name {
            *entry = n;
        }
    }
    out.entry(viewer.to_string())
        .or_insert_with(|| viewer.to_string());
    Ok(out)
}

/// The panel of `interview_id` as `viewer` may see it: their own
/// evaluation always; the others' submitted evaluations, the counts and who
/// has not submitted only once the viewer has submitted, or if they lead.
/// Others' drafts are never shown.
pub fn panel_of(conn: &Connection, interview_id: &str, viewer: &Viewer) -> StoreResult<PanelView> {
    let exists: bool = conn
        .query_row(
            "SELECT 1 FROM candidates WHERE interview_id = ?1",
            [interview_id],
            |_| Ok(true),
        )
        .optional()?
        .unwrap_or(false);
    if !exists {
        return Err(StoreError::NoSuchInterview(interview_id.to_string()));
    }
    let mine = evaluation_of(conn, interview_id, &viewer.reviewer)?;
    let visibility = if mine.as_ref().is_some_and(|e| e.submitted) {
        Visibility::Submitted
    } else if viewer.lead {
        Visibility::Lead
    } else {
        Visibility::Blind
    };
    let decision = conn
        .query_row(
            "SELECT decision, decided_by, decided_at FROM decisions WHERE interview_id = ?1",
            [interview_id],
            |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, f64>(2)?,
                ))
            },
        )
        .optional()?
        .and_then(|(d, by, at)| {
            Decision::parse(&d).map(|decision| PanelDecision {
                decision,
                decided_by: by,
                decided_at: at,
            })
        });
    let questions = questions_of(conn, interview_id)?;
    let mut view = PanelView {
        interview_id: interview_id.to_string(),
        viewer: viewer.reviewer.clone(),
        visibility,
        mine,
        others: Vec::new(),
        summary: None,
        not_submitted: Vec::new(),
        questions,
        decision,
    };
    if visibility == Visibility::Blind {
        return Ok(view);
    }
    let submitted: Vec<Evaluation> = conn
        .prepare_cached(&format!(
            "SELECT {EVAL_COLUMNS} FROM evaluations
             WHERE interview_id = ?1 AND submitted_at IS NOT NULL ORDER BY submitted_at, reviewer"
        ))?
        .query_map([interview_id], read_eval)?
        .collect::<Result<_, _>>()?;
    let members = members(conn, &viewer.reviewer)?;
    let done: BTreeSet<&str> = submitted.iter().map(|e| e.reviewer.as_str()).collect();
    view.not_submitted = members
        .iter()
        .filter(|(id, _)| !done.contains(id.as_str()))
        .map(|(_, name)| name.clone())
        .collect();
    let recs: Vec<Option<Recommendation>> = submitted.iter().map(|e| e.recommendation).collect();
    view.summary = Some(PanelSummary::build(&recs, view.not_submitted.len() as u32));
    for mut e in submitted {
        if e.reviewer != viewer.reviewer {
            e.history = history(conn, interview_id, &e.reviewer)?;
            view.others.push(e);
        }
    }
    Ok(view)
}

/// [`panel_of`] on the workspace's read connection.
pub fn panel(ws: &Workspace, interview_id: &str, viewer: &Viewer) -> StoreResult<PanelView> {
    panel_of(&ws.reader(), interview_id, viewer)
}

/// The list's panel column for `ids`: a summary for each candidate the
/// viewer may see (submitted, or lead), nothing for the others. Candidates
/// without any submitted evaluation get no summary either.
pub fn summaries(
    conn: &Connection,
    ids: &[String],
    viewer: &Viewer,
) -> StoreResult<HashMap<String, PanelSummary>> {
    let mut out = HashMap::new();
    if ids.is_empty() {
        return Ok(out);
    }
    let members = members(conn, &viewer.reviewer)?.len() as u32;
    let mut by_id: HashMap<String, (bool, Vec<Option<Recommendation>>)> = HashMap::new();
    let mut stmt = conn.prepare_cached(
        "SELECT reviewer, recommendation FROM evaluations WHERE interview_id = ?1 AND submitted_at IS NOT NULL",
    )?;
    for id in ids {
        let rows = stmt.query_map([id], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, Option<String>>(1)?))
        })?;
        for row in rows {
            let (reviewer, rec) = row?;
            let e = by_id.entry(id.clone()).or_default();
            e.0 |= reviewer == viewer.reviewer;
            e.1.push(rec.as_deref().and_then(Recommendation::parse));
        }
    }
    for (id, (mine_submitted, recs)) in by_id {
        if mine_submitted || viewer.lead {
            let pending = members.saturating_sub(recs.len() as u32);
            out.insert(id, PanelSummary::build(&recs, pending));
        }
    }
    Ok(out)
}

/// The viewer's own evaluation state for `ids` (never anyone else's).
pub fn mine(
    conn: &Connection,
    ids: &[String],
    viewer: &Viewer,
) -> StoreResult<HashMap<String, MyEvaluation>> {
    let mut out = HashMap::new();
    let mut stmt = conn.prepare_cached(
        "SELECT recommendation, submitted_at IS NOT NULL FROM evaluations WHERE interview_id = ?1 AND reviewer = ?2",
    )?;
    for id in ids {
        let row = stmt
            .query_row([id.as_str(), viewer.reviewer.as_str()], |r| {
                Ok((r.get::<_, Option<String>>(0)?, r.get::<_, bool>(1)?))
            })
            .optional()?;
        if let Some((rec, submitted)) = row {
            out.insert(
                id.clone(),
                MyEvaluation {
                    recommendation: rec.as_deref().and_then(Recommendation::parse),
                    submitted,
                },
            );
        }
    }
    Ok(out)
}

fn sql_text(s: &str) -> String {
    format!("'{}'", s.replace('\'', "''"))
}

/// SQL (over `c`, the candidate) that is true where `viewer` may see the
/// panel.
fn visible_sql(viewer: &Viewer) -> String {
    if viewer.lead {
        "1".to_string()
    } else {
        format!(
            "EXISTS (SELECT 1 FROM evaluations v WHERE v.interview_id = c.interview_id \
             AND v.reviewer = {} AND v.submitted_at IS NOT NULL)",
            sql_text(&viewer.reviewer)
        )
    }
}

fn count_sql(recs: &str) -> String {
    format!(
        "(SELECT count(*) FROM evaluations e WHERE e.interview_id = c.interview_id \
         AND e.submitted_at IS NOT NULL AND e.recommendation IN ({recs}))"
    )
}

/// Whether the query uses the panel (filters or sort): the list then takes
/// the SQL path.
pub fn uses_panel(q: &CandidateQuery) -> bool {
    q.panel_min_strong_yes.is_some() || q.panel_split || q.sort == super::dto::SortKey::Panel
}

/// WHERE conditions of the list's panel filters, blind-safe: a candidate
/// the viewer may not see never matches a panel filter (its votes are not
/// compared at all).
pub fn filter_sql(q: &CandidateQuery, viewer: &Viewer) -> Vec<String> {
    let mut out = Vec::new();
    if q.panel_min_strong_yes.is_none() && !q.panel_split {
        return out;
    }
    out.push(visible_sql(viewer));
    if let Some(n) = q.panel_min_strong_yes {
        out.push(format!("{} >= {n}", count_sql("'strong_yes'")));
    }
    if q.panel_split {
        out.push(format!("{} > 0", count_sql("'yes','strong_yes'")));
        out.push(format!("{} > 0", count_sql("'no','strong_no'")));
    }
    out
}

/// The sort key of the panel sort: the mean recommendation (Strong No 1 …
/// Strong Yes 4) of submitted evaluations where the viewer may see them,
/// else NULL (sorted last, like every missing value).
pub fn sort_sql(viewer: &Viewer) -> String {
    format!(
        "CASE WHEN {} THEN (SELECT avg(CASE e.recommendation WHEN 'strong_no' THEN 1 WHEN 'no' THEN 2 \
         WHEN 'yes' THEN 3 WHEN 'strong_yes' THEN 4 END) FROM evaluations e \
         WHERE e.interview_id = c.interview_id AND e.submitted_at IS NOT NULL) END",
        visible_sql(viewer)
    )
}

/// Unresolved note conflicts of one candidate (F74: one note edited on two
/// devices without seeing each other): note uid → the competing versions.
pub fn note_conflicts(
    conn: &Connection,
    interview_id: &str,
) -> StoreResult<HashMap<String, Vec<NoteVersion>>> {
    let mut out: HashMap<String, Vec<NoteVersion>> = HashMap::new();
    let conflicts = shortlist_team::conflicts(conn)?;
    for c in conflicts
        .into_iter()
        .filter(|c| c.interview_id == interview_id)
    {
        for e in c.edits {
            let Some(uid) = e.payload.get("note").and_then(|v| v.as_str()) else {
                continue;
            };
            out.entry(uid.to_string()).or_default().push(NoteVersion {
                event_id: e.id.to_string(),
                reviewer: e.reviewer.clone(),
                device: e.device.clone(),
                deleted: e.kind == shortlist_team::EventKind::NoteDeleted,
                text: e
                    .payload
                    .get("text")
                    .and_then(|v| v.as_str())
                    .map(str::to_string),
                at: e.created_at.timestamp_micros() as f64 / 1e6,
            });
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summary_label_and_split() {
        use Recommendation::*;
        let s = PanelSummary::build(&[Some(Yes), Some(Yes), Some(Yes), Some(No)], 1);
        assert_eq!(s.label, "3 Yes · 1 No · 1 pending");
        assert!(s.split);
        let s = PanelSummary::build(&[Some(StrongYes), Some(Yes), None], 0);
        assert_eq!(s.label, "1 Strong Yes · 1 Yes · 1 no decision");
        assert!(!s.split);
        for r in Recommendation::ALL {
            assert_eq!(Recommendation::parse(r.as_str()), Some(r));
        }
        assert_eq!(Recommendation::parse("maybe"), None);
    }
}
