//! The committed demo media (`assets/demo/`, made by
//! `scripts/make-demo-media.sh`), embedded so the binary can create the demo
//! anywhere, and the manifest that gives each clip's spoken lines with their
//! real start/end times.

use serde::Deserialize;

/// One embedded file: its path relative to `assets/demo/` (and to the
/// bundle's `media/` folder) and its bytes.
pub struct Asset {
    pub path: &'static str,
    pub bytes: &'static [u8],
}

macro_rules! asset {
    ($p:literal) => {
        Asset {
            path: $p,
            bytes: include_bytes!(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/../../assets/demo/",
                $p
            )),
        }
    };
}

pub static ASSETS: &[Asset] = &[
    asset!("video/sales_en.webm"),
    asset!("video/sales_en.mp4"),
    asset!("video/support_es.webm"),
    asset!("video/support_es.mp4"),
    asset!("video/support_ar.webm"),
    asset!("video/support_ar.mp4"),
    asset!("video/warehouse_fr.webm"),
    asset!("video/warehouse_fr.mp4"),
    asset!("video/warehouse_zh.webm"),
    asset!("video/warehouse_zh.mp4"),
    asset!("audio/sales_ru.mp3"),
    asset!("audio/support_en.ogg"),
    asset!("audio/cashier_el.wav"),
    asset!("resumes/jose_alvarez.pdf"),
    asset!("resumes/zoe_angstrom.pdf"),
    asset!("resumes/dmitry_ivanov.pdf"),
    asset!("resumes/alexandros_papadopoulos.pdf"),
    asset!("resumes/chloe_dubois.pdf"),
    asset!("resumes/amara_okafor.pdf"),
    asset!("resumes/daniel_kim.pdf"),
    asset!("resumes/emily_johnson.pdf"),
    asset!("resumes/theo_moreau.pdf"),
];

pub const MANIFEST_JSON: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../assets/demo/manifest.json"
));

#[derive(Debug, Clone, Deserialize)]
pub struct Manifest {
    pub clips: Vec<Clip>,
    pub resumes: Vec<ResumeFile>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Clip {
    pub id: String,
    pub posting_id: String,
    pub language: String,
    /// `video` or `audio`.
    pub kind: String,
    pub duration: f64,
    /// Container → path under `assets/demo/` (`webm`, `mp4`, `mp3`, `ogg`, `wav`).
    pub files: std::collections::BTreeMap<String, String>,
    pub lines: Vec<ClipLine>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct ClipLine {
    /// `Interviewer` or `Candidate`.
    pub speaker: String,
    pub text: String,
    pub start: f64,
    pub end: f64,
    /// 1-based scorecard question this line belongs to.
    pub question: usize,
}

#[derive(Debug, Clone, Deserialize)]
pub struct ResumeFile {
    pub id: String,
    pub name: String,
    pub file: String,
}

/// The parsed manifest. It is compiled in, so a parse failure is a build
/// defect caught by the tests, not a user-facing condition.
pub fn manifest() -> Result<Manifest, serde_json::Error> {
    serde_json::from_str(MANIFEST_JSON)
}

pub fn asset(path: &str) -> Option<&'static Asset> {
    ASSETS.iter().find(|a| a.path == path)
}
