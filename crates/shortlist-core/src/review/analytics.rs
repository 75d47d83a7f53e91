//! The Analytics tab (F10) and the pipeline report's (F31) numbers.

use super::candidate::{interviewer, question_averages};
use super::dto::{FunnelStage, HistogramBin, InterviewerAnalytics, KeyFigure};
use super::sql::FROM_SQL;
use crate::error::StoreResult;
use crate::scoring;
use crate::store::Workspace;

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
    // From progress, not the derived status: a shortlisted or dismissed
    // candidate who finished every step counts as completed.
    let completed: i64 = conn.query_row(
        &format!("SELECT count(*) {FROM_SQL} WHERE c.posting_id = ?1 AND c.progress = 'completed'"),
        [posting_id],
        |r| r.get(0),
    )?;
    let figures = key_figures(
        summary.counts.total,
        completed,
        summary.counts.shortlisted,
        avg_score.map(scoring::overall_pct),
    );
    let completion_rate = figures
        .iter()
        .find(|f| f.key == "completion_rate")
        .and_then(|f| f.value)
        .unwrap_or(0.0);
    let question_averages = question_averages(&conn, posting_id)?;
    Ok(InterviewerAnalytics {
        key_figures: figures,
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

/// The headline figures of an interviewer, each defined here once: the
/// completion rate is exactly `completed / candidates`, the two counts
/// shown beside it.
pub fn key_figures(
    candidates: i64,
    completed: i64,
    shortlisted: i64,
    avg_score_pct: Option<f64>,
) -> Vec<KeyFigure> {
    let count = |key: &str, label: &str, n: i64, definition: &str| KeyFigure {
        key: key.into(),
        label: label.into(),
        value: Some(n as f64),
        display: n.to_string(),
        definition: definition.into(),
    };
    let rate = (candidates > 0).then(|| completed as f64 / candidates as f64);
    vec![
        count(
            "candidates",
            "Candidates",
            candidates,
            "Everyone in this interviewer, whatever their progress or decision.",
        ),
        count(
            "completed",
            "Completed interviews",
            completed,
            "Candidates who finished every step of the interview, whatever was decided since; candidates still being evaluated are not counted.",
        ),
        KeyFigure {
            key: "completion_rate".into(),
            label: "Completion rate".into(),
            value: rate,
            display: rate
                .map(|r| format!("{}%", (r * 100.0).round() as i64))
                .unwrap_or_else(|| "–".into()),
            definition: format!(
                "Completed interviews divided by candidates ({completed} of {candidates})."
            ),
        },
        count(
            "shortlisted",
            "Shortlisted",
            shortlisted,
            "Candidates shortlisted here or in HeyMilo.",
        ),
        KeyFigure {
            key: "avg_score".into(),
            label: "Average score".into(),
            value: avg_score_pct,
            display: avg_score_pct
                .map(|v| format!("{}%", v.round() as i64))
                .unwrap_or_else(|| "–".into()),
            definition: "Mean overall score (0–100) of the candidates who have one.".into(),
        },
    ]
}
