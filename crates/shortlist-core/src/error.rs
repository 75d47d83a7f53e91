//! Error types, one per area, each with a stable machine `code()` the UI
//! branches on. Messages say what happened, to which file/record/field, and
//! what to do.

use std::path::PathBuf;

/// Something that can be shown to a person with a stable code.
pub trait Coded {
    /// Stable, snake_case identifier, e.g. `import_invalid`.
    fn code(&self) -> &'static str;
}

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("cannot open workspace {path}: {source}")]
    Open {
        path: PathBuf,
        #[source]
        source: rusqlite::Error,
    },
    #[error("workspace {path} was written by a newer Shortlist (schema version {found}, this build knows up to {supported}); update Shortlist to open it")]
    NewerSchema {
        path: PathBuf,
        found: i64,
        supported: i64,
    },
    #[error("workspace {path} failed its integrity check: {detail}; restore it from the backup next to it")]
    Corrupt { path: PathBuf, detail: String },
    #[error("workspace {path} is not opened: its integrity check of {checked_at} found it damaged ({detail}). {recovery}")]
    FailedCheck {
        path: PathBuf,
        checked_at: String,
        detail: String,
        recovery: String,
    },
    #[error("cancelled")]
    Cancelled,
    #[error("{path} is not a Shortlist workspace (it has files but no workspace.db); choose a workspace folder, or an empty folder to create a new one")]
    NotAWorkspace { path: PathBuf },
    #[error("{path} already holds a workspace; open it instead, or choose an empty folder for a new one")]
    AlreadyAWorkspace { path: PathBuf },
    #[error("no candidate with interview id `{0}` in this workspace")]
    NoSuchInterview(String),
    #[error("no interviewer with id `{0}` in this workspace")]
    NoSuchPosting(String),
    #[error("{0}")]
    Invalid(String),
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
    /// The team transport (F74): local event log or team server.
    #[error(transparent)]
    Team(#[from] shortlist_team::TeamError),
    /// The workspace is encrypted and no key was found: no keychain entry
    /// answered and no passphrase was given.
    #[error("workspace {path} is encrypted: enter its passphrase (CLI: set SHORTLIST_PASSPHRASE or type it on stdin)")]
    PassphraseRequired { path: PathBuf },
    /// The passphrase or key does not open the encrypted workspace; nothing was written.
    #[error("wrong passphrase for the encrypted workspace {path}: it does not unlock its key (nothing was changed; try again)")]
    WrongPassphrase { path: PathBuf },
    #[error("workspace {path} is already encrypted")]
    AlreadyEncrypted { path: PathBuf },
    #[error("workspace {path} is not encrypted")]
    NotEncrypted { path: PathBuf },
    /// Encryption at rest (F54): key file, keychain, media cipher, SQLCipher.
    #[error("encryption: {0}")]
    Crypt(#[from] shortlist_crypt::CryptError),
    #[error("file error on {path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

impl Coded for StoreError {
    fn code(&self) -> &'static str {
        match self {
            StoreError::Open { .. } => "workspace_open",
            StoreError::NewerSchema { .. } => "workspace_newer_schema",
            StoreError::Corrupt { .. } => "workspace_corrupt",
            StoreError::FailedCheck { .. } => "workspace_corrupt",
            StoreError::Cancelled => "cancelled",
            StoreError::NotAWorkspace { .. } => "not_a_workspace",
            StoreError::AlreadyAWorkspace { .. } => "already_a_workspace",
            StoreError::NoSuchInterview(_) => "not_found_interview",
            StoreError::NoSuchPosting(_) => "not_found_interviewer",
            StoreError::Invalid(_) => "invalid_argument",
            StoreError::Sqlite(_) => "database",
            StoreError::Team(shortlist_team::TeamError::Unreachable { .. }) => "team_unreachable",
            StoreError::Team(_) => "team",
            StoreError::PassphraseRequired { .. } => "passphrase_required",
            StoreError::WrongPassphrase { .. } => "wrong_passphrase",
            StoreError::AlreadyEncrypted { .. } => "already_encrypted",
            StoreError::NotEncrypted { .. } => "not_encrypted",
            StoreError::Crypt(e) if e.is_wrong_key() => "wrong_passphrase",
            StoreError::Crypt(shortlist_crypt::CryptError::NoPassphrase) => "passphrase_required",
            StoreError::Crypt(e) if e.is_keychain_unavailable() => "keychain_unavailable",
            StoreError::Crypt(_) => "encryption",
            StoreError::Io { .. } => "io",
        }
    }
}

impl StoreError {
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        StoreError::Io {
            path: path.into(),
            source,
        }
    }
}

pub type StoreResult<T> = Result<T, StoreError>;
