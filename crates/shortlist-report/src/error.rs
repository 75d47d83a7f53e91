use std::path::PathBuf;

use shortlist_core::{Coded, StoreError};

#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    #[error("the Classic report style has English labels only, but label language `{lang}` was asked for; use the Modern style for other languages (e.g. --style modern --lang {lang})")]
    ClassicNeedsEnglish { lang: String },
    #[error("no report labels for language `{lang}`; supported: {supported}")]
    UnsupportedLanguage { lang: String, supported: String },
    #[error("interview `{interview_id}`: stored {what} is not valid JSON ({detail}); re-import the bundle it came from")]
    BadStoredJson {
        interview_id: String,
        what: &'static str,
        detail: String,
    },
    #[error("interviewer `{0}` has no candidates to report on")]
    EmptyPipeline(String),
    #[error("radar needs at least one scored question; interview `{0}` has none")]
    NoRadarData(String),
    #[error("{0}")]
    Invalid(String),
    #[error("cancelled; nothing was written")]
    Cancelled,
    #[error("could not render the PDF: {0}")]
    Pdf(String),
    #[error("could not render the chart: {0}")]
    Chart(String),
    #[error("file error on {path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("ZIP error writing {path}: {detail}")]
    Zip { path: PathBuf, detail: String },
    #[error("CSV error: {0}")]
    Csv(String),
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl ReportError {
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        ReportError::Io {
            path: path.into(),
            source,
        }
    }
}

impl From<rusqlite::Error> for ReportError {
    fn from(e: rusqlite::Error) -> Self {
        ReportError::Store(StoreError::Sqlite(e))
    }
}

impl Coded for ReportError {
    fn code(&self) -> &'static str {
        match self {
            ReportError::ClassicNeedsEnglish { .. } => "report_classic_needs_english",
            ReportError::UnsupportedLanguage { .. } => "report_unsupported_language",
            ReportError::BadStoredJson { .. } => "report_bad_stored_json",
            ReportError::EmptyPipeline(_) => "report_empty_pipeline",
            ReportError::NoRadarData(_) => "report_no_radar_data",
            ReportError::Invalid(_) => "invalid_argument",
            ReportError::Cancelled => "cancelled",
            ReportError::Pdf(_) => "report_pdf",
            ReportError::Chart(_) => "report_chart",
            ReportError::Io { .. } => "io",
            ReportError::Zip { .. } => "report_zip",
            ReportError::Csv(_) => "report_csv",
            ReportError::Store(e) => e.code(),
        }
    }
}

pub type ReportResult<T> = Result<T, ReportError>;
