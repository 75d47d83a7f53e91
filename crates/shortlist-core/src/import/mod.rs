//! Import of HeyMilo bundles (folder or `.zip`) and candidate CSVs (SPEC F4).
//!
//! A pipeline with a single write:
//! 1. **read** — walk the folder/zip with [`Limits`] (entries, bytes counted
//!    as they inflate, safe names, no symlinks); JSON into memory (zip) or
//!    left to the parser threads (folder), media left in place;
//! 2. **parse the lists** — postings, candidate lists and extensions, in
//!    parallel, collecting every problem (file, record, field path);
//! 3. **check the lists' references** against the bundle and the workspace;
//! 4. **write**, in one `BEGIN IMMEDIATE` transaction, walking the interview
//!    ids in order while parser threads (one core fewer than the machine
//!    has: the other is the write's) read and parse the interview documents
//!    — nearly all of a bundle — and hand them over in that order. For each
//!    id: its documents are checked against each other, its references and
//!    media files (magic bytes) are checked, the media are streamed into the
//!    content store, and its changed records are upserted through
//!    [`crate::project`]; unchanged records are not written at all. A
//!    record is unchanged when its text has the stored SHA-256, or, failing
//!    that, the same content as the stored text (keys in any order:
//!    [`parse::same_content`], consulted only for records whose bytes
//!    changed). From the first problem on, nothing more is written but every
//!    record is still checked, so all problems are reported; then, or on
//!    cancel or any error, the transaction rolls back and media added by
//!    this import are removed. The commit happens only when there was none.
//!
//! Reviewer tables are never touched.

mod collect;
pub mod csv;
mod entry;
pub mod error;
mod existing;
pub mod media;
pub mod parse;
mod run;
pub mod source;
mod stream;
mod types;
mod write;

pub use entry::{import_path, import_path_with};
pub use error::{ImportError, Problem};
pub use source::Limits;
pub use types::{Counts, ImportOptions, ImportPhase, ImportProgress, ImportSummary};
