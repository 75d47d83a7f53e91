//! Read what the outputs need from a workspace, through the core's review
//! model (`shortlist_core::review`): nothing here queries imported tables
//! the review model already exposes.

use std::collections::HashMap;

use shortlist_core::model::Posting;
use shortlist_core::review::{self, CandidateDetail, Decision as ReviewDecision};
use shortlist_core::scoring;
use shortlist_core::Workspace;

use crate::error::{ReportError, ReportResult};
use crate::model::{CandidateData, Decision, ReportOptions};
use crate::radar::{short_label, RadarAxis, RadarModel, RadarSeries, SMALL_N};

/// Scorecard scale of a posting: `metadata.scorecard_scale` when 5, else the
/// API schema's 10 (see `shortlist_core::scoring`).
pub fn scorecard_scale(p: &Posting) -> f64 {
    p.metadata
        .as_ref()
        .and_then(|m| m.get("scorecard_scale"))
        .and_then(|v| v.as_f64())
        .filter(|v| *v > 0.0)
        .unwrap_or(scoring::SCORECARD_SCALE)
}

/// Turn a review-model detail (+ comparison) into report input.
pub fn from_detail(
    detail: CandidateDetail,
    comparison: &review::Comparison,
) -> ReportResult<CandidateData> {
    let interview = match detail.interview {
        Some(iv) => iv,
        None => {
            // Only a CandidateResponse was imported (e.g. CSV or list only):
            // build the interview view from it.
            let c = detail.candidate.as_ref();
            serde_json::from_value(serde_json::json!({
                "interview_id": detail.row.interview_id,
                "candidate_id": detail.row.candidate_id,
                "posting_id": detail.row.posting_id,
                "name": detail.row.name,
                "email": detail.row.email,
                "score": detail.row.score,
                "status": c.map(|c| c.status.clone()).unwrap_or_else(|| detail.row.progress.clone()),
            }))
            .map_err(|e| ReportError::Invalid(format!("interview {}: {e}", detail.row.interview_id)))?
        }
    };
    let decision = match (detail.row.decided_here, detail.row.decision) {
        (true, d @ (ReviewDecision::Shortlisted | ReviewDecision::Dismissed)) => {
            let last = detail
                .decision_history
                .iter()
                .rev()
                .find(|e| e.decision == Some(d));
            Some(Decision {
                decision: d.as_str().to_string(),
                decided_by: last.map(|e| e.decided_by.clone()).unwrap_or_default(),
                decided_at: last.map(|e| e.decided_at).unwrap_or(0.0),
            })
        }
        _ => None,
    };
    let averages: HashMap<String, f64> = comparison
        .axes
        .iter()
        .filter_map(|a| a.avg_pct.map(|v| (a.question_id.clone(), v)))
        .collect();
    Ok(CandidateData {
        scorecard_scale: scorecard_scale(&detail.posting),
        posting: detail.posting,
        interview,
        candidate: detail.candidate,
        extension: detail.extension,
        decision,
        notes: detail.notes,
        panel: None,
        interviewed_at: detail.row.interviewed_at,
        last_activity_at: detail.row.last_engaged,
        averages,
        average_n: comparison.n.max(0) as usize,
    })
}

/// Report input for one interview.
pub fn load_candidate(ws: &Workspace, interview_id: &str) -> ReportResult<CandidateData> {
    let detail = review::candidate_detail(ws, interview_id)?;
    let comparison = review::candidate_vs_average(ws, interview_id)?;
    let mut data = from_detail(detail, &comparison)?;
    // The panel as this workspace's reviewer may see it (blind until they
    // submitted, unless lead: the core decides).
    let viewer = review::panel::Viewer::from(&review::panel::identity(ws)?);
    data.panel = Some(review::panel::panel(ws, interview_id, &viewer)?);
    Ok(data)
}

/// Build and render one candidate's report PDF from the workspace.
pub fn candidate_pdf(
    ws: &Workspace,
    interview_id: &str,
    opts: &ReportOptions,
) -> ReportResult<Vec<u8>> {
    let data = load_candidate(ws, interview_id)?;
    let model = crate::model::build(&data, opts)?;
    crate::pdf::render(&model)
}

fn small_n_note(n: usize) -> Option<String> {
    (n < SMALL_N).then(|| {
        crate::i18n::Labels::new("en")
            .map(|l| l.fmt("small-n", &[("n", fluent_bundle::FluentValue::from(n))]))
            .unwrap_or_default()
    })
}

/// The Candidate vs Average radar for the UI and CLI: `(svg, numbers)`.
/// The numbers (axes, candidate %, average %, N) drive hover tooltips.
pub fn radar_for_candidate(
    ws: &Workspace,
    interview_id: &str,
) -> ReportResult<(String, RadarModel)> {
    let (model, _) = candidate_radar_model(ws, interview_id)?;
    let svg = crate::radar::render_svg(&model, &crate::radar::RadarStyle::default())?;
    Ok((svg, model))
}

/// The app's Candidate vs Average: axes labelled `Q<rank>` (the scorecard's
/// question numbers), no in-chart note (the app shows its own small-N
/// warning), with a hotspot per point for hover and keyboard focus.
pub fn screen_radar_for_candidate(
    ws: &Workspace,
    interview_id: &str,
    theme: crate::radar::Theme,
) -> ReportResult<crate::radar::ScreenRadar> {
    let (model, ranks) = candidate_radar_model(ws, interview_id)?;
    screen(model, &ranks, theme)
}

/// The app's Compare radar (see [`screen_radar_for_candidate`]).
pub fn screen_radar_compare(
    ws: &Workspace,
    interview_ids: &[String],
    theme: crate::radar::Theme,
) -> ReportResult<crate::radar::ScreenRadar> {
    let (model, ranks) = compare_radar_model(ws, interview_ids)?;
    screen(model, &ranks, theme)
}

fn screen(
    mut model: RadarModel,
    ranks: &[i64],
    theme: crate::radar::Theme,
) -> ReportResult<crate::radar::ScreenRadar> {
    for (a, rank) in model.axes.iter_mut().zip(ranks) {
        a.label = format!("Q{rank}");
    }
    model.small_n_note = None;
    crate::radar::render_screen(&model, &crate::radar::RadarStyle::for_screen(theme))
}

/// Candidate vs Average as a chart model, with each axis's question rank.
fn candidate_radar_model(
    ws: &Workspace,
    interview_id: &str,
) -> ReportResult<(RadarModel, Vec<i64>)> {
    let cmp = review::candidate_vs_average(ws, interview_id)?;
    if cmp.axes.is_empty() {
        return Err(ReportError::NoRadarData(interview_id.to_string()));
    }
    let name = review::candidate_row(ws, interview_id)?.name;
    let n = cmp.n.max(0) as usize;
    let model = RadarModel {
        axes: cmp
            .axes
            .iter()
            .map(|a| RadarAxis {
                question_id: a.question_id.clone(),
                label: short_label(&a.label),
                full_text: a.label.clone(),
            })
            .collect(),
        series: vec![
            RadarSeries {
                name: "Average".into(),
                values: cmp.axes.iter().map(|a| a.avg_pct).collect(),
                is_average: true,
            },
            RadarSeries {
                name,
                values: cmp.axes.iter().map(|a| a.candidate_pct).collect(),
                is_average: false,
            },
        ],
        n,
        small_n_note: small_n_note(n),
    };
    Ok((model, cmp.axes.iter().map(|a| a.rank).collect()))
}

/// Compare 2–4 candidates (F20): their polygons overlaid on the union of
/// their scored questions, with the interviewer average underneath when they
/// share one interviewer.
pub fn radar_compare(
    ws: &Workspace,
    interview_ids: &[String],
) -> ReportResult<(String, RadarModel)> {
    let (model, _) = compare_radar_model(ws, interview_ids)?;
    let svg = crate::radar::render_svg(&model, &crate::radar::RadarStyle::default())?;
    Ok((svg, model))
}

/// Compare as a chart model, with each axis's question rank.
fn compare_radar_model(
    ws: &Workspace,
    interview_ids: &[String],
) -> ReportResult<(RadarModel, Vec<i64>)> {
    if !(2..=4).contains(&interview_ids.len()) {
        return Err(ReportError::Invalid(format!(
            "compare needs 2 to 4 candidates, got {}",
            interview_ids.len()
        )));
    }
    let mut cmps = Vec::new();
    for id in interview_ids {
        cmps.push((
            review::candidate_vs_average(ws, id)?,
            review::candidate_row(ws, id)?.name,
        ));
    }
    let mut axes: Vec<(String, String, i64)> = Vec::new();
    for (c, _) in &cmps {
        for a in &c.axes {
            if !axes.iter().any(|(q, _, _)| *q == a.question_id) {
                axes.push((a.question_id.clone(), a.label.clone(), a.rank));
            }
        }
    }
    axes.sort_by_key(|a| a.2);
    if axes.len() < 3 {
        return Err(ReportError::NoRadarData(interview_ids.join(", ")));
    }
    let same_posting = cmps
        .iter()
        .all(|(c, _)| c.posting_id == cmps[0].0.posting_id);
    let mut series = Vec::new();
    if same_posting {
        series.push(RadarSeries {
            name: "Average".into(),
            values: axes
                .iter()
                .map(|(q, _, _)| {
                    cmps[0]
                        .0
                        .axes
                        .iter()
                        .find(|a| &a.question_id == q)
                        .and_then(|a| a.avg_pct)
                })
                .collect(),
            is_average: true,
        });
    }
    for (c, name) in &cmps {
        series.push(RadarSeries {
            name: name.clone(),
            values: axes
                .iter()
                .map(|(q, _, _)| {
                    c.axes
                        .iter()
                        .find(|a| &a.question_id == q)
                        .and_then(|a| a.candidate_pct)
                })
                .collect(),
            is_average: false,
        });
    }
    let n = if same_posting {
        cmps[0].0.n.max(0) as usize
    } else {
        0
    };
    let model = RadarModel {
        axes: axes
            .iter()
            .map(|(q, l, _)| RadarAxis {
                question_id: q.clone(),
                label: short_label(l),
                full_text: l.clone(),
            })
            .collect(),
        series,
        n,
        small_n_note: if same_posting { small_n_note(n) } else { None },
    };
    Ok((model, axes.iter().map(|a| a.2).collect()))
}
