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
//! [`load_demo`] writes the bundle to a temporary folder and imports it with
//! the ordinary import pipeline (first run of the app, `shortlist demo`).
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
use crate::import::{self, ImportError, ImportProgress, ImportSummary};
use crate::Workspace;

#[derive(Debug, thiserror::Error)]
pub enum DemoError {
    #[error("the built-in demo manifest (assets/demo/manifest.json) does not parse: {0}; this is a build defect, re-run scripts/make-demo-media.sh")]
    Manifest(#[source] serde_json::Error),
    #[error("the built-in demo is inconsistent: {0}; this is a build defect")]
    Plan(String),
    #[error("could not serialise demo data: {0}")]
    Json(#[source] serde_json::Error),
    #[error("could not import the built-in demo: {0}")]
    Import(#[from] ImportError),
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
            DemoError::Import(e) => e.code(),
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
    /// Interviewers with their candidate count (the draft `pst_903` has none;
    /// `pst_627` is paged into `candidates/pst_627.json` + `.2.json`).
    pub const CANDIDATES_PER_POSTING: &[(&str, usize)] = &[
        ("pst_627", 56),
        ("pst_731", 22),
        ("pst_845", 14),
        ("pst_512", 8),
        ("pst_903", 0),
    ];
    /// The XSS probe `<img src=x onerror=alert(1)>` (completed, has a video and
    /// cheat flags, so its name shows in every view).
    pub const XSS_INTERVIEW_ID: &str = "int_0044";
    /// The spreadsheet-formula probe `=HYPERLINK("http://x","y")` (completed).
    pub const FORMULA_INTERVIEW_ID: &str = "int_0023";
    /// (interview id, name, imported status, recording, résumé PDF); paths
    /// are bundle-relative.
    pub type Showcase = (
        &'static str,
        &'static str,
        &'static str,
        Option<&'static str>,
        Option<&'static str>,
    );
    /// Showcase candidates.
    pub const SHOWCASE: &[Showcase] = &[
        (
            "int_0024",
            "José Álvarez",
            "shortlisted",
            Some("media/video/sales_en.webm"),
            Some("media/resumes/jose_alvarez.pdf"),
        ),
        (
            "int_0013",
            "Дмитрий Иванов",
            "completed",
            Some("media/audio/sales_ru.mp3"),
            Some("media/resumes/dmitry_ivanov.pdf"),
        ),
        (
            "int_0044",
            "<img src=x onerror=alert(1)>",
            "completed",
            Some("media/video/sales_en.mp4"),
            None,
        ),
        (
            "int_0058",
            "ليلى حداد",
            "completed",
            Some("media/video/support_ar.webm"),
            None,
        ),
        (
            "int_0060",
            "Zoë Ångström",
            "completed",
            Some("media/audio/support_en.ogg"),
            Some("media/resumes/zoe_angstrom.pdf"),
        ),
        (
            "int_0068",
            "Carlos Muñoz",
            "completed",
            Some("media/video/support_es.mp4"),
            None,
        ),
        (
            "int_0083",
            "王芳",
            "completed",
            Some("media/video/warehouse_zh.mp4"),
            None,
        ),
        (
            "int_0091",
            "Chloé Dubois",
            "completed",
            Some("media/video/warehouse_fr.webm"),
            Some("media/resumes/chloe_dubois.pdf"),
        ),
        (
            "int_0087",
            "Amara Okafor",
            "in_progress",
            None,
            Some("media/resumes/amara_okafor.pdf"),
        ),
        (
            "int_0098",
            "Αλέξανδρος Παπαδόπουλος",
            "completed",
            Some("media/audio/cashier_el.wav"),
            Some("media/resumes/alexandros_papadopoulos.pdf"),
        ),
    ];
}
