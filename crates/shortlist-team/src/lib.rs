//! Shortlist team transport (F74): a hiring panel shares reviewer
//! *events*, not a database.
//!
//! Every reviewer action (evaluation, decision, note, cohort, erasure
//! tombstone) is an [`Event`] with a UUIDv7 id. It is written to the local
//! SQLite database first ([`record_local`], outbox), pushed to the team's
//! PostgreSQL when reachable ([`push`], idempotent), and the other
//! reviewers' events come back in the server's order ([`pull`], inbox).
//! Imported HeyMilo data never goes to the server: events carry only the
//! interview id.
//!
//! ## Why the synchronous `postgres` client
//! The rest of Shortlist's data layer is synchronous (rusqlite, whose
//! `Connection` is not `Sync`, and ureq); push and pull interleave SQLite
//! and PostgreSQL work on one `&Connection`, which async code could not
//! hold across `.await` without wrapping it. The `postgres` crate is
//! `tokio-postgres` driven by a private current-thread runtime, so it
//! gets the same protocol code and TLS (`tokio-postgres-rustls`, rustls
//! with the ring provider, already in the workspace through ureq and
//! lettre) with a blocking API. The one rule: call it from a plain thread
//! (`spawn_blocking` in the Tauri app), not on an async executor thread.
//!
//! ## Security
//! - TLS is verified (chain and host name) whenever used; plain connections
//!   only to loopback. See [`ServerUrl::parse`].
//! - Each reviewer has their own PostgreSQL login; row-level security on
//!   `shortlist.events` admits only rows whose `reviewer` is the login
//!   (`current_user`), so a reviewer cannot write under another's name.
//!   The log is append-only (triggers refuse UPDATE, DELETE, TRUNCATE).
//! - Error messages carry the URL with its password replaced by `***`.

mod error;
mod event;
mod local;
mod remote;
mod server;

pub use error::{pg_msg, Result, TeamError};
pub use event::{Event, EventKind};
pub use local::{
    all_events, conflicts, ensure_local_schema, local_state, mark_applied, pending, record_local,
    unapplied, unapplied_for, Conflict, LocalState, LOCAL_SCHEMA,
};
pub use remote::{
    redact_url, strip_password, Remote, ServerUrl, TlsPolicy, DEFAULT_CONNECT_TIMEOUT,
};
pub use server::{
    add_reviewer, fetch, init, init_url, mark_pushed, pull, push, push_with, reviewer_group,
    status, status_at, store_fetched, Fetched, InitOutcome, PushReport, Status, SCHEMA_VERSION,
};
