//! Evaluations (F71): one per reviewer and candidate; a draft until
//! submitted, then every save is an amendment that keeps the replaced
//! version in `evaluation_history`. Reads (and blindness) are in
//! `review::panel`.

use std::collections::BTreeMap;

use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use serde_json::json;
use shortlist_team::EventKind;

use super::{begin, candidate_ref, team_log, ActionError, ActionResult};
use crate::audit;
use crate::review::panel::{evaluation_of, identity_of, questions_of, Evaluation, Recommendation};
use crate::store::{now, Workspace};

pub const MAX_COMMENT_CHARS: usize = 10_000;

/// What the reviewer enters.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(default)]
pub struct EvaluationInput {
    pub recommendation: Option<Recommendation>,
    /// Scorecard question id (or its 1-based rank) → 1..4.
    pub ratings: BTreeMap<String, u8>,
    pub comment: String,
}

/// Checks the input against the candidate's scorecard; returns the ratings
/// keyed by question id.
fn validate(
    conn: &Connection,
    interview_id: &str,
    input: &EvaluationInput,
) -> ActionResult<BTreeMap<String, u8>> {
    if input.comment.chars().count() > MAX_COMMENT_CHARS {
        return Err(ActionError::Invalid(format!(
            "evaluation comment is longer than {MAX_COMMENT_CHARS} characters"
        )));
    }
    let questions = questions_of(conn, interview_id)?;
    let mut out = BTreeMap::new();
    for (key, &value) in &input.ratings {
        if !(1..=4).contains(&value) {
            return Err(ActionError::Invalid(format!(
                "rating of question `{key}` is {value}; ratings go from 1 to 4"
            )));
        }
        let q = questions
            .iter()
            .find(|q| q.question_id == *key)
            .or_else(|| {
                key.parse::<usize>()
                    .ok()
                    .filter(|n| *n >= 1)
                    .and_then(|n| questions.get(n - 1))
            })
            .ok_or_else(|| {
                ActionError::Invalid(format!(
                    "candidate `{interview_id}` has no scorecard question `{key}`; its questions are {}",
                    if questions.is_empty() {
                        "none (this interview has no scorecard)".to_string()
                    } else {
                        questions
                            .iter()
                            .enumerate()
                            .map(|(i, q)| format!("{} (`{}`)", i + 1, q.question_id))
                            .collect::<Vec<_>>()
                            .join(", ")
                    }
                ))
            })?;
        out.insert(q.question_id.clone(), value);
    }
    Ok(out)
}

/// Writes an evaluation (local save or a pulled event). `submit`: the
/// result is submitted. A row already submitted stays submitted: the old
/// version goes to the history and `amended_at` is set. Returns whether
/// the result is submitted.
#[allow(clippy::too_many_arguments)]
pub(crate) fn write_evaluation(
    conn: &Connection,
    interview_id: &str,
    reviewer: &str,
    reviewer_name: &str,
    recommendation: Option<Recommendation>,
    ratings: &BTreeMap<String, u8>,
    comment: &str,
    submit: bool,
    at: f64,
) -> ActionResult<bool> {
    let old: Option<(Option<String>, String, String, Option<f64>)> = conn
        .query_row(
            "SELECT recommendation, ratings, comment, submitted_at FROM evaluations
             WHERE interview_id = ?1 AND reviewer = ?2",
            [interview_id, reviewer],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .optional()?;
    let ratings_json = serde_json::to_string(ratings).expect("a map of numbers");
    let was_submitted = old.as_ref().and_then(|o| o.3);
    if let Some((rec, r, c, Some(sub))) = &old {
        conn.execute(
            "INSERT INTO evaluation_history (interview_id, reviewer, recommendation, ratings, comment, submitted_at, replaced_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![interview_id, reviewer, rec, r, c, sub, at],
        )?;
    }
    let submitted_at = was_submitted.or(if submit { Some(at) } else { None });
    let amended_at = was_submitted.map(|_| at);
    // A cached statement: the panel summary's triggers on `evaluations`
    // are compiled into it once, not on every write (a pull applies many).
    conn.prepare_cached(
        "INSERT INTO evaluations (interview_id, reviewer, reviewer_name, recommendation, ratings, comment, submitted_at, amended_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
         ON CONFLICT (interview_id, reviewer) DO UPDATE SET reviewer_name = excluded.reviewer_name,
           recommendation = excluded.recommendation, ratings = excluded.ratings, comment = excluded.comment,
           submitted_at = excluded.submitted_at, amended_at = coalesce(excluded.amended_at, evaluations.amended_at),
           updated_at = excluded.updated_at",
    )?
    .execute(params![
            interview_id,
            reviewer,
            reviewer_name,
            recommendation.map(Recommendation::as_str),
            ratings_json,
            comment,
            submitted_at,
            amended_at,
            at
        ],
    )?;
    let action = match (was_submitted.is_some(), submitted_at.is_some()) {
        (true, _) => "evaluation.amend",
        (false, true) => "evaluation.submit",
        (false, false) => "evaluation.save",
    };
    audit::append(conn, action, Some(interview_id))?;
    Ok(submitted_at.is_some())
}

/// Saves the workspace reviewer's evaluation of `interview_id` (a draft,
/// or submitted with `submit`; once submitted, a save amends it and keeps
/// the previous version). One transaction with its audit entry and, when a
/// team is configured, its team event.
pub fn save_evaluation(
    ws: &Workspace,
    interview_id: &str,
    input: &EvaluationInput,
    submit: bool,
) -> ActionResult<Evaluation> {
    save_as(ws, interview_id, input, submit, None)
}

/// The app's three saves, each refused in the wrong state (checked in the
/// write's transaction): a draft save never amends a submitted evaluation
/// (the app saves drafts automatically), a submit never resubmits, an
/// amendment needs a submitted evaluation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SaveKind {
    Draft,
    Submit,
    Amend,
}

/// Saves the reviewer's draft (refused once submitted: amend instead).
pub fn save_draft(
    ws: &Workspace,
    interview_id: &str,
    input: &EvaluationInput,
) -> ActionResult<Evaluation> {
    save_as(ws, interview_id, input, false, Some(SaveKind::Draft))
}

/// Submits the reviewer's evaluation as given (refused if already
/// submitted: amend instead).
pub fn submit(
    ws: &Workspace,
    interview_id: &str,
    input: &EvaluationInput,
) -> ActionResult<Evaluation> {
    save_as(ws, interview_id, input, true, Some(SaveKind::Submit))
}

/// Amends the reviewer's submitted evaluation; the replaced version is kept
/// in its history.
pub fn amend(
    ws: &Workspace,
    interview_id: &str,
    input: &EvaluationInput,
) -> ActionResult<Evaluation> {
    save_as(ws, interview_id, input, true, Some(SaveKind::Amend))
}

fn save_as(
    ws: &Workspace,
    interview_id: &str,
    input: &EvaluationInput,
    submit: bool,
    kind: Option<SaveKind>,
) -> ActionResult<Evaluation> {
    let mut conn = ws.writer();
    let tx = begin(&mut conn)?;
    candidate_ref(&tx, interview_id)?;
    let ratings = validate(&tx, interview_id, input)?;
    let me = identity_of(&tx)?;
    if let Some(kind) = kind {
        let submitted = evaluation_of(&tx, interview_id, &me.id)?.is_some_and(|e| e.submitted);
        match (kind, submitted) {
            (SaveKind::Draft, true) | (SaveKind::Submit, true) => {
                return Err(ActionError::Invalid(format!(
                    "your evaluation of `{interview_id}` is already submitted; amend it to change it (the submitted version is kept in its history)"
                )))
            }
            (SaveKind::Amend, false) => {
                return Err(ActionError::Invalid(format!(
                    "your evaluation of `{interview_id}` is not submitted yet; submit it first (a draft is simply saved again)"
                )))
            }
            _ => {}
        }
    }
    let comment = input.comment.trim();
    let submitted = write_evaluation(
        &tx,
        interview_id,
        &me.id,
        &me.name,
        input.recommendation,
        &ratings,
        comment,
        submit,
        now(),
    )?;
    team_log::record(
        &tx,
        if submitted {
            EventKind::EvaluationSubmitted
        } else {
            EventKind::EvaluationSaved
        },
        interview_id,
        json!({
            "recommendation": input.recommendation.map(Recommendation::as_str),
            "ratings": ratings,
            "comment": comment,
        }),
        None,
    )?;
    let saved = evaluation_of(&tx, interview_id, &me.id)?
        .ok_or_else(|| ActionError::Invalid("evaluation vanished while saving".into()))?;
    tx.commit()?;
    Ok(saved)
}

/// Submits the reviewer's existing draft as it is.
pub fn submit_evaluation(ws: &Workspace, interview_id: &str) -> ActionResult<Evaluation> {
    let current = {
        let conn = ws.reader();
        let me = identity_of(&conn)?;
        evaluation_of(&conn, interview_id, &me.id)?
    };
    let Some(e) = current else {
        return Err(ActionError::Invalid(format!(
            "no draft evaluation of `{interview_id}` to submit; give a recommendation first"
        )));
    };
    save_evaluation(
        ws,
        interview_id,
        &EvaluationInput {
            recommendation: e.recommendation,
            ratings: e.ratings,
            comment: e.comment,
        },
        true,
    )
}
