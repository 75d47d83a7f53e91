//! Errors of the team transport. Messages name the server (with any
//! password removed), the event or table concerned, and what to do.

use uuid::Uuid;

#[derive(Debug, thiserror::Error)]
pub enum TeamError {
    #[error("team server URL {url}: {reason}")]
    BadUrl { url: String, reason: String },

    #[error(
        "team server {url}: host `{host}` is not on this machine, so the connection must be \
         encrypted; use sslmode=require (or verify-full) in the URL"
    )]
    InsecureRemote { url: String, host: String },

    #[error("team server {url}: TLS setup failed: {reason}")]
    Tls { url: String, reason: String },

    #[error(
        "team server {url} is not reachable ({}); your events stay on this laptop and \
         will be pushed when it is",
        pg_msg(source)
    )]
    Unreachable {
        url: String,
        source: postgres::Error,
    },

    #[error("team server {url}: {what} failed: {}", pg_msg(source))]
    Server {
        url: String,
        what: String,
        source: postgres::Error,
    },

    #[error("team server {url} has no Shortlist schema yet; run `shortlist team init` with an account that may create it")]
    SchemaMissing { url: String },

    #[error(
        "team server {url} has Shortlist schema version {found}, newer than this version of \
         Shortlist supports ({supported}); update Shortlist before pushing or pulling"
    )]
    SchemaNewer {
        url: String,
        found: i32,
        supported: i32,
    },

    #[error(
        "team server {url} has Shortlist schema version {found}, older than this version \
         needs ({supported}); run `shortlist team init` to upgrade it"
    )]
    SchemaOlder {
        url: String,
        found: i32,
        supported: i32,
    },

    #[error(
        "team server {url} refused event {event}: it is recorded by reviewer `{reviewer}` but \
         this connection logs in as `{login}`; each reviewer pushes with their own account"
    )]
    IdentityRefused {
        url: String,
        event: Uuid,
        reviewer: String,
        login: String,
    },

    #[error("reviewer name `{name}`: {reason}")]
    BadReviewer { name: String, reason: String },

    #[error("local team table `{table}`: {source}")]
    Local {
        table: &'static str,
        source: rusqlite::Error,
    },

    #[error("local team table `team_events`, event {id}: field `{field}`: {reason}")]
    BadLocalEvent {
        id: String,
        field: &'static str,
        reason: String,
    },

    #[error("team server {url}: event {id}: field `{field}`: {reason}")]
    BadServerEvent {
        url: String,
        id: Uuid,
        field: &'static str,
        reason: String,
    },
}

/// A PostgreSQL error as a person can act on it: the server's message with
/// its SQLSTATE, detail and hint, or the connection problem with its cause
/// (the `postgres` crate's own Display says only "db error").
pub fn pg_msg(e: &postgres::Error) -> String {
    if let Some(db) = e.as_db_error() {
        let mut s = format!("{} {}: {}", db.severity(), db.code().code(), db.message());
        if let Some(d) = db.detail() {
            s.push_str(&format!("; {d}"));
        }
        if let Some(h) = db.hint() {
            s.push_str(&format!("; hint: {h}"));
        }
        return s;
    }
    let mut s = e.to_string();
    let mut src = std::error::Error::source(e);
    while let Some(cause) = src {
        s.push_str(&format!(": {cause}"));
        src = cause.source();
    }
    s
}

pub type Result<T, E = TeamError> = std::result::Result<T, E>;

pub(crate) fn local(table: &'static str) -> impl FnOnce(rusqlite::Error) -> TeamError {
    move |source| TeamError::Local { table, source }
}
