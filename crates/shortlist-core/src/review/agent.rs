//! The interviewer's agent tab (SPEC F10, issue 16): the questions the AI
//! interviewer asks and the rubric it scores them by, read from what the
//! imported interviews carry (`web_interview.scorecard`: question text,
//! weight, evaluation criteria, the score-1 and score-5 anchors). HeyMilo's
//! `PostingResponse` does not list the questions, so the tab shows each
//! question as the scorecards record it, in interview order.

use std::collections::HashMap;

use rusqlite::Connection;
use serde::Serialize;

use crate::error::StoreResult;
use crate::model::InterviewData;
use crate::project::posting::parse_stored;
use crate::store::Workspace;

/// One question of the interviewer with its rubric.
#[derive(Debug, Clone, Serialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct AgentQuestion {
    pub question_id: String,
    pub question_text: String,
    /// Position in the interview (1-based), from the scorecards' rank.
    pub position: i64,
    /// Weight in the overall score (as the scorecard gives it).
    pub weight: f64,
    pub evaluation_criteria: Option<String>,
    pub score_1_description: Option<String>,
    pub score_5_description: Option<String>,
    /// Scorecards that carry this question.
    pub scorecards: i64,
    /// Of those, how many left it unscored.
    pub not_scored: i64,
}

/// The interviewer's questions and rubric; empty when no imported interview
/// of this posting has a scorecard.
#[derive(Debug, Clone, Serialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct AgentConfig {
    pub posting_id: String,
    pub questions: Vec<AgentQuestion>,
    /// Interviews whose scorecards the questions were read from.
    pub scorecards: i64,
}

struct Row {
    question_id: String,
    text: String,
    weight: f64,
    n: i64,
    not_scored: i64,
    sample: String,
}

fn rows(conn: &Connection, posting_id: &str) -> StoreResult<Vec<Row>> {
    let mut st = conn.prepare_cached(
        "SELECT s.question_id, MIN(s.question_text), MAX(s.weight), COUNT(*),
                SUM(s.not_scored), MIN(s.interview_id)
         FROM scorecard s JOIN candidates c ON c.interview_id = s.interview_id
         WHERE c.posting_id = ?1
         GROUP BY s.question_id
         ORDER BY MIN(s.rank), s.question_id",
    )?;
    let out = st
        .query_map([posting_id], |r| {
            Ok(Row {
                question_id: r.get(0)?,
                text: r.get(1)?,
                weight: r.get(2)?,
                n: r.get(3)?,
                not_scored: r.get(4)?,
                sample: r.get(5)?,
            })
        })?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(out)
}

fn nonempty(s: &str) -> Option<String> {
    // Exports write a lone dash for "none given".
    let t = s.trim();
    (!t.is_empty() && t != "-" && t != "—").then(|| t.to_string())
}

/// Read the agent's questions and rubric for one interviewer.
pub fn agent_config(ws: &Workspace, posting_id: &str) -> StoreResult<AgentConfig> {
    // Unknown posting: the same error every posting read gives (read
    // before taking the reader, which is one connection).
    super::candidate::posting(ws, posting_id)?;
    let conn = ws.reader();
    let rows = rows(&conn, posting_id)?;
    let scorecards: i64 = conn.query_row(
        "SELECT COUNT(DISTINCT s.interview_id) FROM scorecard s
         JOIN candidates c ON c.interview_id = s.interview_id WHERE c.posting_id = ?1",
        [posting_id],
        |r| r.get(0),
    )?;
    // The rubric text lives in the raw scorecards: parse one interview per
    // question (usually one interview covers them all).
    let mut parsed: HashMap<String, Option<InterviewData>> = HashMap::new();
    let mut questions = Vec::with_capacity(rows.len());
    for r in rows {
        if !parsed.contains_key(&r.sample) {
            let raw: Option<String> = conn.query_row(
                "SELECT interview_raw FROM candidates WHERE interview_id = ?1",
                [&r.sample],
                |x| x.get(0),
            )?;
            let data = raw
                .map(|raw| parse_stored::<InterviewData>(&raw, "interview", &r.sample))
                .transpose()?;
            parsed.insert(r.sample.clone(), data);
        }
        let q = parsed[&r.sample]
            .as_ref()
            .and_then(|d| d.web_interview.as_ref())
            .and_then(|w| w.scorecard.iter().find(|q| q.question_id == r.question_id));
        questions.push(AgentQuestion {
            question_id: r.question_id,
            question_text: r.text,
            position: 0,
            weight: r.weight,
            evaluation_criteria: q.and_then(|q| nonempty(&q.evaluation_criteria)),
            score_1_description: q
                .and_then(|q| q.score_1_description.as_deref().and_then(nonempty)),
            score_5_description: q
                .and_then(|q| q.score_5_description.as_deref().and_then(nonempty)),
            scorecards: r.n,
            not_scored: r.not_scored,
        });
    }
    for (i, q) in questions.iter_mut().enumerate() {
        q.position = i as i64 + 1;
    }
    Ok(AgentConfig {
        posting_id: posting_id.to_string(),
        questions,
        scorecards,
    })
}
