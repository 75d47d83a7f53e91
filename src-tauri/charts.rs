//! Radar charts for the UI, drawn by the one chart renderer the PDF and the
//! CLI use (`shortlist_report::radar`, via `shortlist_report::source`). The
//! UI shows the SVG as an image and layers hover tooltips from the numbers
//! sent alongside. A candidate without scored questions has no radar.

use shortlist_core::Workspace;
use shortlist_report::ReportError;

use crate::error::IpcResult;

fn none_when_no_data(
    r: Result<(String, shortlist_report::radar::RadarModel), ReportError>,
) -> IpcResult<Option<String>> {
    match r {
        Ok((svg, _)) => Ok(Some(svg)),
        Err(ReportError::NoRadarData(_)) => Ok(None),
        Err(e) => Err(e.into()),
    }
}

/// Candidate vs Average radar for one interview.
pub fn candidate_radar(ws: &Workspace, interview_id: &str) -> IpcResult<Option<String>> {
    none_when_no_data(shortlist_report::source::radar_for_candidate(
        ws,
        interview_id,
    ))
}

/// 2–4 candidates overlaid (with the average when they share an interviewer).
pub fn compare_radar(ws: &Workspace, interview_ids: &[String]) -> IpcResult<Option<String>> {
    none_when_no_data(shortlist_report::source::radar_compare(ws, interview_ids))
}
