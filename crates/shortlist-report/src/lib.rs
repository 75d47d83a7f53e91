//! Shortlist outputs: report model, PDF, radar charts, packages and exports.
//!
//! * [`model`]: `ReportModel`, pure data built from the review data and the
//!   options (style, label language, toggles). Tests snapshot it.
//! * [`pdf`]: lays a `ReportModel` out with krilla (PDF, font subsetting,
//!   vector SVG via krilla-svg) and parley (shaping, bidi, line breaking,
//!   fallback over the bundled fonts only), through [`layout`].
//! * [`radar`]: Candidate vs Average with plotters → SVG (→ PNG via resvg).

pub mod erasures;
pub mod error;
pub mod export;
pub mod fonts;
pub mod i18n;
pub mod layout;
pub mod model;
pub mod package;
pub mod pdf;
pub mod pipeline;
pub mod radar;
#[doc(hidden)]
pub mod sample;
pub mod source;
pub mod text;
pub mod theme;

pub use error::{ReportError, ReportResult};
pub use model::{build, CandidateData, ReportModel, ReportOptions, ReportStyle};

/// Record that something left the workspace (SPEC F51: every export is
/// audited). `action` is e.g. `export.csv`; `entity` an interviewer or
/// interview id — ids only, never personal data. Called by every function
/// here that writes a file, and by the CLI/app after saving a PDF.
pub fn record_export(
    ws: &shortlist_core::Workspace,
    action: &str,
    entity: &str,
) -> ReportResult<()> {
    let conn = ws.writer();
    shortlist_core::audit::append(&conn, action, Some(entity))?;
    Ok(())
}
