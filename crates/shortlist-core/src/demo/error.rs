//! What can go wrong building or loading the demo.

use std::path::PathBuf;

use crate::error::Coded;
use crate::import::ImportError;

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
