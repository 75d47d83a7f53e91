//! The one error shape the UI sees: `{code, message}`. `code` is the stable
//! identifier from [`shortlist_core::Coded`]; `message` says what happened and
//! what to do.

use serde::Serialize;
use shortlist_core::Coded;

#[derive(Debug, Clone, Serialize, PartialEq)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct IpcError {
    pub code: String,
    pub message: String,
    /// For `import_invalid`: every problem found, each naming file, record
    /// and field, so the UI can list them (the message holds the first few).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(
        test,
        ts(as = "Option<Vec<shortlist_core::import::Problem>>", optional)
    )]
    pub problems: Vec<shortlist_core::import::Problem>,
}

impl IpcError {
    pub fn new(code: &str, message: impl Into<String>) -> Self {
        IpcError {
            code: code.to_string(),
            message: message.into(),
            problems: Vec::new(),
        }
    }
}

impl std::fmt::Display for IpcError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} ({})", self.message, self.code)
    }
}

impl<E: Coded + std::fmt::Display> From<E> for IpcError {
    fn from(e: E) -> Self {
        IpcError::new(e.code(), e.to_string())
    }
}

pub type IpcResult<T> = Result<T, IpcError>;
