//! The built-in demo workspace (SPEC F6).
//!
//! [`generate`] builds, deterministically (fixed seed, fixed reference date,
//! no clock, no randomness from the OS), a HeyMilo bundle in the SPEC F4
//! layout:
//!
//! ```text
//! postings/<posting_id>.json          PostingResponse (wrapped or bare)
//! candidates/<posting_id>.json        CandidateResponse list (paged: .2.json …)
//! interviews/<interview_id>.json      InterviewDataResponse (wrapped or bare)
//! extensions/<id>.json                InterviewExtension / PostingExtension
//! media/{video,audio,resumes}/…       embedded recordings and résumé PDFs
//! ```
//!
//! Recordings are real speech (see `scripts/make-demo-media.sh`); candidates
//! that reference one get exactly that clip's lines as their transcript, with
//! the clip's timing, so playback and transcript stay in sync.
//!
//! Stable facts other code and tests may rely on are in [`facts`].

mod assets;
pub mod content;
mod generate;
mod rng;

use std::path::{Path, PathBuf};

pub use assets::{manifest, Clip, ClipLine, Manifest, ASSETS};
pub use generate::{generate, Bundle, DemoStats, PAGE_SIZE, SEED};

use crate::error::Coded;

#[derive(Debug, thiserror::Error)]
pub enum DemoError {
    #[error("the built-in demo manifest (assets/demo/manifest.json) does not parse: {0}; this is a build defect, re-run scripts/make-demo-media.sh")]
    Manifest(#[source] serde_json::Error),
    #[error("the built-in demo is inconsistent: {0}; this is a build defect")]
    Plan(String),
    #[error("could not serialise demo data: {0}")]
    Json(#[source] serde_json::Error),
    #[error("could not write demo bundle file {path}: {source}; check the folder is writable and the disk is not full")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

impl Coded for DemoError {
    fn code(&self) -> &'static str {
        match self {
            DemoError::Manifest(_) | DemoError::Plan(_) | DemoError::Json(_) => "demo_internal",
            DemoError::Io { .. } => "io",
        }
    }
}

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

/// Facts about the generated demo that UI/CLI tests rely on. The demo tests
/// check every one of them against the generated data.
pub mod facts {
    /// Interviewers (posting ids), in generation order.
    pub const POSTING_IDS: &[&str] = &["pst_627", "pst_731", "pst_845", "pst_512", "pst_903"];
    pub const TOTAL_CANDIDATES: usize = 100;
    /// Imported candidate status → count.
    pub const STATUS_COUNTS: &[(&str, usize)] = &[
        ("completed", 48),
        ("dismissed", 1),
        ("evaluating", 7),
        ("in_progress", 17),
        ("knocked_out", 11),
        ("pending", 14),
        ("shortlisted", 2),
    ];
}
