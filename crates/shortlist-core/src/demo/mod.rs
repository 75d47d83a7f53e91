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
mod candidate;
pub mod content;
mod error;
mod generate;
mod load;
mod plan;
mod posting;
mod rng;
mod signals;
mod transcript;
mod util;
mod workflow;

pub use assets::{manifest, Clip, ClipLine, Manifest, ASSETS};
pub use error::DemoError;
pub use generate::generate;
pub use load::{load_demo, load_demo_with_progress, write_bundle};
pub use plan::{Bundle, DemoStats, PAGE_SIZE, SEED};

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
