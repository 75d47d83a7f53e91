//! Writing the demo bundle to a folder and importing it.

use std::path::Path;

use super::error::DemoError;
use super::generate::generate;
use super::plan::DemoStats;
use crate::import::{self, ImportProgress, ImportSummary};
use crate::Workspace;

/// Write the demo bundle into `dir` (created if missing). Existing files
/// with the same names are overwritten; nothing else in `dir` is touched.
pub fn write_bundle(dir: &Path) -> Result<DemoStats, DemoError> {
    let bundle = generate()?;
    for (rel, bytes) in &bundle.files {
        let path = dir.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|source| DemoError::Io {
                path: parent.to_path_buf(),
                source,
            })?;
        }
        std::fs::write(&path, bytes).map_err(|source| DemoError::Io { path, source })?;
    }
    Ok(bundle.stats())
}

/// Generate the demo bundle into a temporary folder and import it into `ws`
/// through the ordinary import pipeline (so the demo exercises the same code
/// as a real HeyMilo export). Loading it again changes nothing: the bundle is
/// byte-identical every time and import is idempotent.
pub fn load_demo(ws: &Workspace) -> Result<ImportSummary, DemoError> {
    load_demo_with_progress(ws, &|_| {})
}

/// [`load_demo`] reporting import progress.
pub fn load_demo_with_progress(
    ws: &Workspace,
    progress: &dyn Fn(ImportProgress),
) -> Result<ImportSummary, DemoError> {
    let dir = tempfile::Builder::new()
        .prefix("shortlist-demo-")
        .tempdir()
        .map_err(|source| DemoError::Io {
            path: std::env::temp_dir(),
            source,
        })?;
    write_bundle(dir.path())?;
    Ok(import::import_path(ws, dir.path(), progress)?)
}
