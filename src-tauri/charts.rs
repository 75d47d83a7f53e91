//! Radar charts for the UI, drawn by the one chart renderer the PDF and the
//! CLI use (`shortlist_report::radar`, via `shortlist_report::source`). The
//! UI shows the SVG as an image (a data URL, never inline markup) and lays
//! focusable hotspots over its points from the geometry sent alongside. A
//! candidate without scored questions has no radar.

use serde::Serialize;
use shortlist_core::Workspace;
use shortlist_report::radar::{ScreenRadar, Theme};
use shortlist_report::ReportError;

use crate::error::IpcResult;

/// A radar for the screen: the SVG (`width` × `height` user units) and one
/// hotspot per candidate point.
#[derive(Debug, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct RadarChart {
    pub svg: String,
    pub width: u32,
    pub height: u32,
    pub hotspots: Vec<RadarHotspot>,
}

/// One candidate's point on one axis: where it is drawn (SVG user units) and
/// what its tooltip says.
#[derive(Debug, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct RadarHotspot {
    pub question_id: String,
    /// The label at the axis end (`Q3`).
    pub axis_label: String,
    /// The full question text.
    pub question: String,
    /// Which candidate: index among the compared candidates (0 on a profile).
    pub series: u32,
    pub series_name: String,
    pub candidate_pct: f64,
    pub average_pct: Option<f64>,
    /// Relative difference to the average ("32% above average" = 32).
    pub relative_pct: Option<f64>,
    pub x: f64,
    pub y: f64,
}

impl From<ScreenRadar> for RadarChart {
    fn from(r: ScreenRadar) -> Self {
        RadarChart {
            svg: r.svg,
            width: r.width,
            height: r.height,
            hotspots: r
                .hotspots
                .into_iter()
                .map(|h| RadarHotspot {
                    question_id: h.question_id,
                    axis_label: h.axis_label,
                    question: h.question,
                    series: h.series as u32,
                    series_name: h.series_name,
                    candidate_pct: h.candidate_pct,
                    average_pct: h.average_pct,
                    relative_pct: h.relative_pct,
                    x: h.x,
                    y: h.y,
                })
                .collect(),
        }
    }
}

fn none_when_no_data(r: Result<ScreenRadar, ReportError>) -> IpcResult<Option<RadarChart>> {
    match r {
        Ok(r) => Ok(Some(r.into())),
        Err(ReportError::NoRadarData(_)) => Ok(None),
        Err(e) => Err(e.into()),
    }
}

/// The chart's colour scheme: the window's (`dark` from the UI; light when
/// not said).
pub fn theme(dark: Option<bool>) -> Theme {
    if dark == Some(true) {
        Theme::Dark
    } else {
        Theme::Light
    }
}

/// Candidate vs Average radar for one interview.
pub fn candidate_radar(
    ws: &Workspace,
    interview_id: &str,
    theme: Theme,
) -> IpcResult<Option<RadarChart>> {
    none_when_no_data(shortlist_report::source::screen_radar_for_candidate(
        ws,
        interview_id,
        theme,
    ))
}

/// 2–4 candidates overlaid (with the average when they share an interviewer).
pub fn compare_radar(
    ws: &Workspace,
    interview_ids: &[String],
    theme: Theme,
) -> IpcResult<Option<RadarChart>> {
    none_when_no_data(shortlist_report::source::screen_radar_compare(
        ws,
        interview_ids,
        theme,
    ))
}
