//! The shared log on PostgreSQL: schema and migrations, reviewer accounts,
//! push, pull and status.

use chrono::{DateTime, Utc};
use rusqlite::Connection;
use uuid::Uuid;

use crate::error::{local, Result, TeamError};
use crate::event::{Event, EventKind};
use crate::local::{insert, local_state, pending, time_text};
use crate::remote::Remote;

/// The schema version this build reads and writes.
pub const SCHEMA_VERSION: i32 = 1;

/// Serialises `init` runs (two team members initialising at once).
const INIT_LOCK: i64 = 0x5348_4f52_5449_4e49; // "SHORTINI"
/// Serialises event inserts so `seq` order is commit order (see V1).
const APPEND_LOCK: i64 = 0x5348_4f52_5441_5050; // "SHORTAPP"

/// Migration 1. Notes:
/// - `seq` is assigned by a trigger from `events_seq` *after* taking a
///   transaction-scoped advisory lock, not by a `bigserial` default: with a
///   default, a transaction could take seq 5, another 6 and commit first,
///   and a pull in between would move past 5 forever. Under the lock, seq
///   order is commit order, so "pull everything after my last seq" is safe.
///   It also means a client cannot choose its own seq.
/// - Append-only: row triggers refuse UPDATE and DELETE, a statement
///   trigger refuses TRUNCATE, for every role including the owner
///   (a superuser could still drop the trigger; nothing stops that).
/// - Identity: each reviewer logs in as their own PostgreSQL role, member
///   of the group role `<database>_reviewers` (per database, so one cluster
///   can serve several teams). Row-level security, forced also for the
///   table owner, admits a row only `WITH CHECK (reviewer = current_user)`.
///   Group members may SELECT and INSERT, nothing else.
fn migration_v1() -> String {
    let kinds = EventKind::ALL
        .iter()
        .map(|k| format!("'{}'", k.as_str()))
        .collect::<Vec<_>>()
        .join(", ");
    format!(
        r#"
CREATE SEQUENCE shortlist.events_seq AS bigint;
CREATE TABLE shortlist.events (
    seq          bigint NOT NULL UNIQUE,
    id           uuid PRIMARY KEY,
    reviewer     text NOT NULL DEFAULT current_user,
    device       text NOT NULL,
    kind         text NOT NULL CHECK (kind IN ({kinds})),
    interview_id text NOT NULL,
    created_at   timestamptz NOT NULL,
    payload      jsonb NOT NULL,
    parent       uuid,
    received_at  timestamptz NOT NULL DEFAULT now()
);
ALTER SEQUENCE shortlist.events_seq OWNED BY shortlist.events.seq;
CREATE INDEX events_interview ON shortlist.events (interview_id);

CREATE FUNCTION shortlist.events_assign_seq() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, shortlist AS $$
BEGIN
    PERFORM pg_advisory_xact_lock({APPEND_LOCK});
    NEW.seq := nextval('shortlist.events_seq');
    NEW.received_at := now();
    RETURN NEW;
END $$;
CREATE TRIGGER events_assign_seq BEFORE INSERT ON shortlist.events
    FOR EACH ROW EXECUTE FUNCTION shortlist.events_assign_seq();

CREATE FUNCTION shortlist.events_append_only() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog AS $$
BEGIN
    RAISE EXCEPTION 'shortlist.events is append-only: % refused', TG_OP
        USING ERRCODE = 'insufficient_privilege',
              HINT = 'Record a new event (an edit, a deletion or an erasure tombstone) instead.';
END $$;
CREATE TRIGGER events_no_update_delete BEFORE UPDATE OR DELETE ON shortlist.events
    FOR EACH ROW EXECUTE FUNCTION shortlist.events_append_only();
CREATE TRIGGER events_no_truncate BEFORE TRUNCATE ON shortlist.events
    FOR EACH STATEMENT EXECUTE FUNCTION shortlist.events_append_only();

ALTER TABLE shortlist.events ENABLE ROW LEVEL SECURITY;
ALTER TABLE shortlist.events FORCE ROW LEVEL SECURITY;
CREATE POLICY events_read ON shortlist.events FOR SELECT USING (true);
CREATE POLICY events_own_identity ON shortlist.events FOR INSERT
    WITH CHECK (reviewer = current_user);

DO $$
DECLARE grp text := current_database() || '_reviewers';
BEGIN
    IF octet_length(grp) > 63 THEN
        RAISE EXCEPTION 'database name too long for the reviewer group role %', grp;
    END IF;
    BEGIN
        EXECUTE format('CREATE ROLE %I NOLOGIN', grp);
    EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
    END;
    EXECUTE 'REVOKE ALL ON SCHEMA shortlist FROM PUBLIC';
    EXECUTE 'REVOKE ALL ON ALL TABLES IN SCHEMA shortlist FROM PUBLIC';
    EXECUTE format('GRANT USAGE ON SCHEMA shortlist TO %I', grp);
    EXECUTE format('GRANT SELECT ON shortlist.schema_version TO %I', grp);
    EXECUTE format('GRANT SELECT, INSERT ON shortlist.events TO %I', grp);
END $$;
"#
    )
}

/// What `init` did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct InitOutcome {
    /// Schema version found (0: none).
    pub before: i32,
    /// Schema version now.
    pub after: i32,
}

impl InitOutcome {
    pub fn changed(&self) -> bool {
        self.before != self.after
    }
}

fn read_version(
    client: &mut impl postgres::GenericClient,
) -> std::result::Result<Option<i32>, postgres::Error> {
    let exists: bool = client
        .query_one(
            "SELECT to_regclass('shortlist.schema_version') IS NOT NULL",
            &[],
        )?
        .get(0);
    if !exists {
        return Ok(None);
    }
    Ok(client
        .query_opt("SELECT version FROM shortlist.schema_version", &[])?
        .map(|r| r.get(0)))
}

/// Creates or upgrades the Shortlist schema on the server, all migrations
/// in one transaction keyed by `shortlist.schema_version`. Running it on a
/// current schema changes nothing (and needs no DDL rights, so a reviewer
/// may run it too); a schema newer than this build is refused.
pub fn init(remote: &mut Remote) -> Result<InitOutcome> {
    let url = remote.redacted_url().to_string();
    let err = |what: &str| {
        let url = url.clone();
        let what = what.to_string();
        move |source| TeamError::Server { url, what, source }
    };
    let found = read_version(&mut remote.client).map_err(err("reading the schema version"))?;
    match found {
        Some(v) if v == SCHEMA_VERSION => {
            return Ok(InitOutcome {
                before: v,
                after: v,
            })
        }
        Some(v) if v > SCHEMA_VERSION => {
            return Err(TeamError::SchemaNewer {
                url,
                found: v,
                supported: SCHEMA_VERSION,
            })
        }
        _ => {}
    }
    let mut tx = remote
        .client
        .transaction()
        .map_err(err("starting the schema transaction"))?;
    tx.execute("SELECT pg_advisory_xact_lock($1)", &[&INIT_LOCK])
        .map_err(err("locking for init"))?;
    tx.batch_execute(
        "CREATE SCHEMA IF NOT EXISTS shortlist;
         CREATE TABLE IF NOT EXISTS shortlist.schema_version (
             id boolean PRIMARY KEY DEFAULT true CHECK (id),
             version integer NOT NULL
         );",
    )
    .map_err(err("creating schema `shortlist`"))?;
    // Re-read under the lock: another init may have finished meanwhile.
    let before = read_version(&mut tx)
        .map_err(err("reading the schema version"))?
        .unwrap_or(0);
    if before > SCHEMA_VERSION {
        return Err(TeamError::SchemaNewer {
            url,
            found: before,
            supported: SCHEMA_VERSION,
        });
    }
    let migrations: [(i32, String); 1] = [(1, migration_v1())];
    for (version, sql) in migrations.iter().filter(|(v, _)| *v > before) {
        tx.batch_execute(sql)
            .map_err(err(&format!("schema migration {version}")))?;
    }
    tx.execute(
        "INSERT INTO shortlist.schema_version (id, version) VALUES (true, $1)
         ON CONFLICT (id) DO UPDATE SET version = EXCLUDED.version",
        &[&SCHEMA_VERSION],
    )
    .map_err(err("recording the schema version"))?;
    tx.commit().map_err(err("committing the schema"))?;
    Ok(InitOutcome {
        before,
        after: SCHEMA_VERSION,
    })
}

/// Connects to `url` and runs [`init`].
pub fn init_url(url: &str) -> Result<InitOutcome> {
    init(&mut Remote::connect(url)?)
}

fn check_version(remote: &mut Remote) -> Result<()> {
    let url = remote.redacted_url().to_string();
    let found = read_version(&mut remote.client).map_err(|source| TeamError::Server {
        url: url.clone(),
        what: "reading the schema version".into(),
        source,
    })?;
    match found {
        None => Err(TeamError::SchemaMissing { url }),
        Some(v) if v > SCHEMA_VERSION => Err(TeamError::SchemaNewer {
            url,
            found: v,
            supported: SCHEMA_VERSION,
        }),
        Some(v) if v < SCHEMA_VERSION => Err(TeamError::SchemaOlder {
            url,
            found: v,
            supported: SCHEMA_VERSION,
        }),
        Some(_) => Ok(()),
    }
}

fn quote_ident(s: &str) -> String {
    format!("\"{}\"", s.replace('"', "\"\""))
}

/// The group role of this database's reviewers (`<database>_reviewers`).
pub fn reviewer_group(remote: &mut Remote) -> Result<String> {
    let row = remote
        .client
        .query_one("SELECT current_database() || '_reviewers'", &[])
        .map_err(remote.server_err("reading the database name"))?;
    Ok(row.get(0))
}

/// Creates a reviewer's login (their own PostgreSQL role, named by their
/// reviewer id, e.g. the e-mail address) in this database's reviewer
/// group; run by an administrator (needs CREATEROLE) after [`init`]. The
/// password is sent only as a SCRAM-SHA-256 verifier, never in clear. If
/// the role already exists, it is only added to the group (its password is
/// left alone). Returns whether the role was created.
pub fn add_reviewer(admin: &mut Remote, login: &str, password: &str) -> Result<bool> {
    let bad = |reason: &str| TeamError::BadReviewer {
        name: login.to_string(),
        reason: reason.to_string(),
    };
    if login.is_empty() || login.len() > 63 {
        return Err(bad("must be 1 to 63 bytes (a PostgreSQL role name)"));
    }
    if login.chars().any(|c| c.is_control()) {
        return Err(bad("must not contain control characters"));
    }
    if login.starts_with("pg_") {
        return Err(bad("names starting with pg_ are reserved by PostgreSQL"));
    }
    if password.is_empty() {
        return Err(bad("needs a password"));
    }
    let group = reviewer_group(admin)?;
    let exists = admin
        .client
        .query_one(
            "SELECT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = $1)",
            &[&login],
        )
        .map_err(admin.server_err(format!("looking up role `{login}`")))?
        .get::<_, bool>(0);
    let verifier = postgres_protocol::password::scram_sha_256(password.as_bytes());
    let sql = if exists {
        format!("GRANT {} TO {}", quote_ident(&group), quote_ident(login))
    } else {
        // The verifier is base64 and `$:` only: safe inside quotes.
        format!(
            "CREATE ROLE {} LOGIN PASSWORD '{}' IN ROLE {}",
            quote_ident(login),
            verifier,
            quote_ident(&group)
        )
    };
    admin
        .client
        .batch_execute(&sql)
        .map_err(admin.server_err(format!("creating reviewer login `{login}`")))?;
    Ok(!exists)
}

/// What a push did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct PushReport {
    /// Events the server did not have.
    pub sent: usize,
    /// Events it already had (a retry after a cut): not duplicated.
    pub already_there: usize,
}

const PUSH_BATCH: usize = 500;

/// Runs `f` inside a SAVEPOINT, so it is atomic whether or not the caller
/// already has a transaction open on `conn`.
fn atomically<T>(conn: &Connection, f: impl FnOnce() -> Result<T>) -> Result<T> {
    conn.execute_batch("SAVEPOINT shortlist_team")
        .map_err(local("team_events"))?;
    match f() {
        Ok(v) => {
            conn.execute_batch("RELEASE shortlist_team")
                .map_err(local("team_events"))?;
            Ok(v)
        }
        Err(e) => {
            let _ = conn.execute_batch("ROLLBACK TO shortlist_team; RELEASE shortlist_team");
            Err(e)
        }
    }
}

/// Sends the outbox to the server. Each batch is inserted with
/// `ON CONFLICT (id) DO NOTHING` in one server transaction, and marked
/// pushed locally only after that commits: a cut in between leaves the
/// events pending, and the retry finds them there and inserts nothing
/// twice. The server refuses (and nothing of the batch is stored) an event
/// whose reviewer is not this connection's login.
pub fn push(local_conn: &Connection, remote: &mut Remote) -> Result<PushReport> {
    push_with(pending(local_conn)?, remote, |seqs| {
        mark_pushed(local_conn, seqs)
    })
}

/// [`push`] for a caller that must not hold its local write connection
/// over the network: `events` were read beforehand ([`pending`]), and
/// `mark` records each batch the server committed (with
/// [`mark_pushed`], on a connection taken only for that).
pub fn push_with(
    events: Vec<Event>,
    remote: &mut Remote,
    mut mark: impl FnMut(&[(Uuid, Option<i64>)]) -> Result<()>,
) -> Result<PushReport> {
    check_version(remote)?;
    let mut report = PushReport::default();
    let url = remote.redacted_url().to_string();
    let login = remote.login().to_string();
    for batch in events.chunks(PUSH_BATCH) {
        let mut seqs: Vec<(Uuid, Option<i64>)> = Vec::with_capacity(batch.len());
        {
            let err = |what: String| {
                let url = url.clone();
                move |source| TeamError::Server { url, what, source }
            };
            let mut tx = remote
                .client
                .transaction()
                .map_err(err("starting a push".into()))?;
            let stmt = tx
                .prepare(
                    "INSERT INTO shortlist.events (id, reviewer, device, kind, interview_id, created_at, payload, parent)
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
                     ON CONFLICT (id) DO NOTHING
                     RETURNING seq",
                )
                .map_err(err("preparing the push".into()))?;
            for e in batch {
                let rows = tx
                    .query(
                        &stmt,
                        &[
                            &e.id,
                            &e.reviewer,
                            &e.device,
                            &e.kind.as_str(),
                            &e.interview_id,
                            &e.created_at,
                            &e.payload,
                            &e.parent,
                        ],
                    )
                    .map_err(|source| {
                        let code = source.code().map(|c| c.code().to_string());
                        if code.as_deref() == Some("42501") && e.reviewer != login {
                            TeamError::IdentityRefused {
                                url: url.clone(),
                                event: e.id,
                                reviewer: e.reviewer.clone(),
                                login: login.clone(),
                            }
                        } else {
                            TeamError::Server {
                                url: url.clone(),
                                what: format!("pushing event {}", e.id),
                                source,
                            }
                        }
                    })?;
                let seq = rows.first().map(|r| r.get::<_, i64>(0));
                if seq.is_some() {
                    report.sent += 1;
                } else {
                    report.already_there += 1;
                }
                seqs.push((e.id, seq));
            }
            tx.commit().map_err(err("committing the push".into()))?;
        }
        mark(&seqs)?;
    }
    Ok(report)
}

/// Marks a batch pushed (with the seq the server gave each new event).
pub fn mark_pushed(local_conn: &Connection, seqs: &[(Uuid, Option<i64>)]) -> Result<()> {
    atomically(local_conn, || {
        let mut stmt = local_conn
            .prepare_cached(
                "UPDATE team_events SET pushed = 1, seq = coalesce(?2, seq) WHERE id = ?1",
            )
            .map_err(local("team_events"))?;
        for (id, seq) in seqs {
            stmt.execute(rusqlite::params![id.to_string(), seq])
                .map_err(local("team_events"))?;
        }
        local_conn
            .execute(
                "UPDATE team_state SET last_push_at = ?1 WHERE id = 1",
                [time_text(&Utc::now())],
            )
            .map_err(local("team_state"))?;
        Ok(())
    })
}

const PULL_PAGE: i64 = 2000;

/// Events fetched from the server and not yet stored ([`fetch`]).
#[derive(Debug, Default)]
pub struct Fetched {
    /// `(seq, event)` in server order.
    events: Vec<(i64, Event)>,
    /// The last seq fetched (the start when nothing was new).
    after: i64,
}

impl Fetched {
    pub fn len(&self) -> usize {
        self.events.len()
    }

    pub fn is_empty(&self) -> bool {
        self.events.is_empty()
    }
}

/// Fetches the events after the last pulled seq, in seq order, and stores
/// them in one local transaction (with the new position). Returns the
/// events new to this laptop, in server order, for the caller to apply;
/// they stay `applied = 0` until [`crate::mark_applied`] (so an event for
/// an interview not imported here waits). This laptop's own events come
/// back too: they only get their seq recorded and are not returned.
pub fn pull(local_conn: &Connection, remote: &mut Remote) -> Result<Vec<Event>> {
    let start = local_state(local_conn)?.last_pulled_seq;
    let fetched = fetch(remote, start)?;
    store_fetched(local_conn, fetched)
}

/// The network half of [`pull`]: the events after seq `after`, in pages,
/// touching no local connection, so a caller can fetch without holding its
/// write connection and then store in one short transaction.
pub fn fetch(remote: &mut Remote, after: i64) -> Result<Fetched> {
    check_version(remote)?;
    let url = remote.redacted_url().to_string();
    let mut fetched = Fetched {
        events: Vec::new(),
        after,
    };
    loop {
        let rows = remote
            .client
            .query(
                "SELECT seq, id, reviewer, device, kind, interview_id, created_at, payload, parent
                 FROM shortlist.events WHERE seq > $1 ORDER BY seq LIMIT $2",
                &[&fetched.after, &PULL_PAGE],
            )
            .map_err(|source| TeamError::Server {
                url: url.clone(),
                what: "pulling events".into(),
                source,
            })?;
        let n = rows.len() as i64;
        for r in rows {
            let seq: i64 = r.get(0);
            let id: Uuid = r.get(1);
            let kind: String = r.get(4);
            let kind = EventKind::parse(&kind).ok_or_else(|| TeamError::BadServerEvent {
                url: url.clone(),
                id,
                field: "kind",
                reason: format!("unknown kind `{kind}`; update Shortlist"),
            })?;
            let created_at: DateTime<Utc> = r.get(6);
            fetched.events.push((
                seq,
                Event {
                    id,
                    reviewer: r.get(2),
                    device: r.get(3),
                    kind,
                    interview_id: r.get(5),
                    created_at,
                    payload: r.get(7),
                    parent: r.get(8),
                },
            ));
            fetched.after = seq;
        }
        if n < PULL_PAGE {
            break;
        }
    }
    Ok(fetched)
}

/// The local half of [`pull`]: stores fetched events in one transaction
/// and moves the pulled position forward (never back: a pull that ran in
/// between may have stored more). Storing is idempotent by event id, so
/// events another pull stored meanwhile are only given their seq again.
pub fn store_fetched(local_conn: &Connection, fetched: Fetched) -> Result<Vec<Event>> {
    let after = fetched.after;
    atomically(local_conn, || {
        let mut new = Vec::new();
        let mut mark = local_conn
            .prepare_cached("UPDATE team_events SET seq = ?2, pushed = 1 WHERE id = ?1")
            .map_err(local("team_events"))?;
        for (seq, e) in fetched.events {
            if insert(local_conn, &e, "remote", Some(seq), false)? {
                new.push(e);
            } else {
                mark.execute(rusqlite::params![e.id.to_string(), seq])
                    .map_err(local("team_events"))?;
            }
        }
        local_conn
            .execute(
                "UPDATE team_state SET last_pulled_seq = max(last_pulled_seq, ?1), last_pull_at = ?2 WHERE id = 1",
                rusqlite::params![after, time_text(&Utc::now())],
            )
            .map_err(local("team_state"))?;
        Ok(new)
    })
}

/// The state `shortlist team status` shows.
#[derive(Debug, Clone, PartialEq)]
pub struct Status {
    /// Server URL without password, if one was given.
    pub server: Option<String>,
    pub connected: bool,
    /// Why not connected (message without password), if tried.
    pub error: Option<String>,
    /// Server schema version, when connected.
    pub schema_version: Option<i32>,
    pub last_pulled_seq: i64,
    pub last_pull_at: Option<DateTime<Utc>>,
    pub last_push_at: Option<DateTime<Utc>>,
    pub waiting_to_push: u64,
    pub pulled_not_applied: u64,
}

/// Status from the local tables and, if given, an open connection.
pub fn status(local_conn: &Connection, remote: Option<&mut Remote>) -> Result<Status> {
    let s = local_state(local_conn)?;
    let (server, connected, schema_version) = match remote {
        Some(r) => {
            let alive = r.is_alive();
            let v = if alive {
                read_version(&mut r.client).ok().flatten()
            } else {
                None
            };
            (Some(r.redacted_url().to_string()), alive, v)
        }
        None => (None, false, None),
    };
    Ok(Status {
        server,
        connected,
        error: None,
        schema_version,
        last_pulled_seq: s.last_pulled_seq,
        last_pull_at: s.last_pull_at,
        last_push_at: s.last_push_at,
        waiting_to_push: s.waiting_to_push,
        pulled_not_applied: s.pulled_not_applied,
    })
}

/// Status after trying to connect to `url`; a failure to connect is
/// reported in the status (`connected: false`, `error`), not as an error.
pub fn status_at(local_conn: &Connection, url: &str) -> Result<Status> {
    match Remote::connect(url) {
        Ok(mut r) => status(local_conn, Some(&mut r)),
        Err(e) => {
            let mut s = status(local_conn, None)?;
            s.server = Some(crate::remote::redact_url(url));
            s.error = Some(e.to_string());
            Ok(s)
        }
    }
}
