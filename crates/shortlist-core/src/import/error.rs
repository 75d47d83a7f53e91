//! Import errors: every problem names its file, record and field.

use std::fmt;
use std::path::PathBuf;

use serde::Serialize;

use crate::error::{Coded, StoreError};

/// How many problems [`ImportError`]'s `Display` lists before "and K more".
pub const DISPLAY_PROBLEMS: usize = 10;

/// One thing wrong with one file of a bundle.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Problem {
    /// Path inside the bundle (`interviews/int_1.json`), or the file name of
    /// a CSV / the bundle itself for whole-source problems.
    pub file: String,
    /// Record id (`interview_id`, posting id), `#<index>` in a list, or
    /// `row <n>` in a CSV; `None` for whole-file problems.
    pub record: Option<String>,
    /// Field path inside the record, e.g. `web_interview.scorecard[3].score`.
    pub field: Option<String>,
    pub message: String,
}

impl Problem {
    pub fn file(file: impl Into<String>, message: impl Into<String>) -> Problem {
        Problem {
            file: file.into(),
            record: None,
            field: None,
            message: message.into(),
        }
    }

    pub fn record(
        file: impl Into<String>,
        record: impl Into<String>,
        field: Option<String>,
        message: impl Into<String>,
    ) -> Problem {
        Problem {
            file: file.into(),
            record: Some(record.into()),
            field,
            message: message.into(),
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some(r) = &self.record {
            write!(f, ": record `{r}`")?;
        }
        if let Some(p) = &self.field {
            write!(f, ": field `{p}`")?;
        }
        write!(f, ": {}", self.message)
    }
}

/// Why an import did not happen. In every case nothing was written to the
/// workspace database and media staged by this import were removed.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// The bundle/CSV was read but is not acceptable; all problems found.
    #[error("{}", list_problems(.problems))]
    Invalid { problems: Vec<Problem> },
    #[error("cannot read {path}: {source}; check that it exists and is readable")]
    Unreadable {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{path} is not a bundle folder, a .zip bundle, a Shortlist JSON export or a .csv of candidates")]
    Unsupported { path: PathBuf },
    #[error("import cancelled; nothing was written")]
    Cancelled,
    #[error("{0}")]
    Store(#[from] StoreError),
}

impl ImportError {
    /// The problems of an [`ImportError::Invalid`] (empty otherwise).
    pub fn problems(&self) -> &[Problem] {
        match self {
            ImportError::Invalid { problems } => problems,
            _ => &[],
        }
    }
}

fn list_problems(problems: &[Problem]) -> String {
    let mut s = format!(
        "import refused, nothing was written: {} problem{} (fix the file{} and import again): ",
        problems.len(),
        if problems.len() == 1 { "" } else { "s" },
        if problems.len() == 1 { "" } else { "s" },
    );
    for (i, p) in problems.iter().take(DISPLAY_PROBLEMS).enumerate() {
        if i > 0 {
            s.push_str("; ");
        }
        s.push_str(&p.to_string());
    }
    if problems.len() > DISPLAY_PROBLEMS {
        s.push_str(&format!("; and {} more", problems.len() - DISPLAY_PROBLEMS));
    }
    s
}

impl Coded for ImportError {
    fn code(&self) -> &'static str {
        match self {
            ImportError::Invalid { .. } => "import_invalid",
            ImportError::Unreadable { .. } => "import_unreadable",
            ImportError::Unsupported { .. } => "import_unsupported",
            ImportError::Cancelled => "import_cancelled",
            ImportError::Store(e) => e.code(),
        }
    }
}

impl From<rusqlite::Error> for ImportError {
    fn from(e: rusqlite::Error) -> Self {
        ImportError::Store(StoreError::Sqlite(e))
    }
}
