//! Radar charts for the UI. The geometry and drawing belong to the core's
//! one chart renderer (`shortlist_report::radar`, shared with the PDF); this
//! module only asks it for SVG. Until that renderer is in the tree the UI
//! shows the numbers as a table (it handles `svg: null`).

use shortlist_core::review::Comparison;
use shortlist_core::Workspace;

use crate::error::IpcResult;

pub fn radar_svg(_ws: &Workspace, comparisons: &[Comparison]) -> IpcResult<Option<String>> {
    if comparisons.iter().all(|c| c.axes.is_empty()) {
        return Ok(None);
    }
    Ok(None)
}
