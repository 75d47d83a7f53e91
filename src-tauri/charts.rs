//! Radar charts for the UI, drawn by the one chart renderer the PDF and the
//! CLI use (`shortlist_report::radar`, via `shortlist_report::source`). The
//! UI shows the SVG as an image (a data URL, never inline markup) and lays
//! focusable hotspots over its points from the geometry sent alongside. A
//! candidate without scored questions has no radar.

use shortlist_core::Workspace;
use shortlist_report::radar::{ScreenRadar, Theme};
use shortlist_report::ReportError;

use crate::error::IpcResult;

/// A radar for the screen, as the core draws it (its TypeScript type is
/// generated from the report crate as `RadarChart`).
pub type RadarChart = ScreenRadar;

fn none_when_no_data(r: Result<ScreenRadar, ReportError>) -> IpcResult<Option<RadarChart>> {
    match r {
        Ok(r) => Ok(Some(r)),
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
