//! Integrity checks, off the open path (SPEC F37, F50).
//!
//! Opening a workspace reads nothing but the schema version, the last
//! recorded check and a marker file: O(1) in its size. The whole-file check
//! runs elsewhere, on its own connection:
//! * after an unclean shutdown ([`super::session`]), in the background;
//! * on a schedule: when the last passing check is older than
//!   [`CHECK_INTERVAL_SECS`] ([`super::Workspace::integrity_due`]);
//! * on demand (`shortlist check`, Settings → "Check now").
//!
//! A check is SQLite's full `PRAGMA integrity_check` (every b-tree, index
//! and, through their `xIntegrity` methods, the FTS5 index), followed by
//! the media store: every file's SHA-256 against its name, and every file
//! the database lists present. Its result is stored in `integrity_checks`
//! (time, kind, duration, problems). A failed result also writes
//! [`CORRUPT_FILE`] beside the database — readable when the database is
//! not — and from then on [`super::Workspace::open`] refuses the workspace
//! with the way back, until a check passes
//! ([`super::Workspace::open_for_check`]).

use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Instant;

use rusqlite::{Connection, OpenFlags, OptionalExtension};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::error::{StoreError, StoreResult};

/// A passing check older than this makes the next one due (7 days).
pub const CHECK_INTERVAL_SECS: f64 = 7.0 * 24.0 * 3600.0;

/// Written beside the database when a check finds it corrupt; removed when
/// a check passes. Holds the report as JSON.
pub const CORRUPT_FILE: &str = "workspace.db-corrupt";

/// Problems kept per check (SQLite reports at most 100 per pass anyway).
const MAX_PROBLEMS: usize = 200;

/// Why a check ran.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum CheckKind {
    /// The previous session ended uncleanly.
    UncleanShutdown,
    /// The last passing check was too old (or there was none).
    Scheduled,
    /// Asked for (`shortlist check`, Settings → "Check now").
    Manual,
}

impl CheckKind {
    pub fn as_str(self) -> &'static str {
        match self {
            CheckKind::UncleanShutdown => "unclean_shutdown",
            CheckKind::Scheduled => "scheduled",
            CheckKind::Manual => "manual",
        }
    }

    fn parse(s: &str) -> CheckKind {
        match s {
            "unclean_shutdown" => CheckKind::UncleanShutdown,
            "scheduled" => CheckKind::Scheduled,
            _ => CheckKind::Manual,
        }
    }
}

/// The stored result of one check.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct IntegrityReport {
    /// Unix seconds when the check started.
    pub started_at: f64,
    pub kind: CheckKind,
    pub duration_ms: u64,
    pub ok: bool,
    /// What is wrong, one line each, naming the table, page or file.
    pub problems: Vec<String>,
    /// Media files whose bytes were hashed.
    pub media_files: u64,
}

/// Why a check is due ([`super::Workspace::integrity_due`]).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "reason", rename_all = "snake_case")]
pub enum IntegrityDue {
    /// A session ended uncleanly (noticed at `since`, Unix seconds) and no
    /// check has passed since: run one in the background now.
    UncleanShutdown { since: f64 },
    /// The last passing check started at `last_ok_at` (none: never),
    /// longer than [`CHECK_INTERVAL_SECS`] ago.
    Scheduled { last_ok_at: Option<f64> },
}

impl IntegrityDue {
    /// The kind of check to run for it.
    pub fn kind(&self) -> CheckKind {
        match self {
            IntegrityDue::UncleanShutdown { .. } => CheckKind::UncleanShutdown,
            IntegrityDue::Scheduled { .. } => CheckKind::Scheduled,
        }
    }
}

/// Where a check is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum CheckPhase {
    /// `PRAGMA integrity_check` over the database (and its FTS5 index):
    /// `total` is the database's pages; `done` is 0 until it finishes.
    Database,
    /// Hashing media files: `done` of `total` files.
    Media,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CheckProgress {
    pub phase: CheckPhase,
    pub done: u64,
    pub total: u64,
}

/// Run a full check of the workspace at `root` on a connection of its own,
/// store its result, and return it. `cancel` stops it (within about 50 ms,
/// also in the middle of SQLite's pass) with [`StoreError::Cancelled`];
/// nothing is stored then.
pub fn run_check(
    root: &Path,
    key: Option<Arc<shortlist_crypt::WorkspaceKey>>,
    kind: CheckKind,
    cancel: &AtomicBool,
    progress: &dyn Fn(CheckProgress),
) -> StoreResult<IntegrityReport> {
    let db_path = root.join(super::DB_FILE);
    let started_at = super::now();
    let clock = Instant::now();
    let conn = Connection::open_with_flags(
        &db_path,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(|source| StoreError::Open {
        path: db_path.clone(),
        source,
    })?;
    super::crypt::key_connection(&conn, key.as_deref())?;
    conn.busy_timeout(std::time::Duration::from_secs(10))?;
    let mut problems = Vec::new();
    let pages: i64 = conn
        .query_row("PRAGMA page_count", [], |r| r.get(0))
        .unwrap_or(0);
    progress(CheckProgress {
        phase: CheckPhase::Database,
        done: 0,
        total: pages.max(0) as u64,
    });
    database_problems(&conn, cancel, &mut problems)?;
    progress(CheckProgress {
        phase: CheckPhase::Database,
        done: pages.max(0) as u64,
        total: pages.max(0) as u64,
    });
    let media_files = media_problems(&conn, root, key.as_deref(), cancel, progress, &mut problems)?;
    problems.truncate(MAX_PROBLEMS);
    let report = IntegrityReport {
        started_at,
        kind,
        duration_ms: clock.elapsed().as_millis() as u64,
        ok: problems.is_empty(),
        problems,
        media_files,
    };
    store(&conn, root, &report)?;
    Ok(report)
}

/// `PRAGMA integrity_check`, interrupted when `cancel` is set. A database
/// too damaged to run it is a problem found, not an error.
fn database_problems(
    conn: &Connection,
    cancel: &AtomicBool,
    problems: &mut Vec<String>,
) -> StoreResult<()> {
    let interrupt = conn.get_interrupt_handle();
    let finished = AtomicBool::new(false);
    let result = std::thread::scope(|s| {
        let watcher = s.spawn(|| {
            while !finished.load(Ordering::Acquire) {
                if cancel.load(Ordering::Relaxed) {
                    interrupt.interrupt();
                    return;
                }
                std::thread::park_timeout(std::time::Duration::from_millis(50));
            }
        });
        // Rows SQLite reported before any error are kept.
        let mut rows = Vec::new();
        let result = (|| -> rusqlite::Result<()> {
            let mut st = conn.prepare("PRAGMA integrity_check")?;
            for row in st.query_map([], |r| r.get::<_, String>(0))? {
                rows.push(row?);
            }
            Ok(())
        })();
        finished.store(true, Ordering::Release);
        watcher.thread().unpark();
        (rows, result)
    });
    let (rows, result) = result;
    if cancel.load(Ordering::Relaxed) {
        return Err(StoreError::Cancelled);
    }
    problems.extend(
        rows.into_iter()
            .filter(|r| r != "ok")
            .map(|r| format!("database: {r}")),
    );
    if let Err(e) = result {
        problems.push(format!("database: the check stopped: {e}"));
    }
    Ok(())
}

/// Every media file's bytes against its name, and every file the database
/// lists present. Returns how many files were hashed.
fn media_problems(
    conn: &Connection,
    root: &Path,
    key: Option<&shortlist_crypt::WorkspaceKey>,
    cancel: &AtomicBool,
    progress: &dyn Fn(CheckProgress),
    problems: &mut Vec<String>,
) -> StoreResult<u64> {
    let media_dir = root.join(super::MEDIA_DIR);
    let mut files: Vec<(String, PathBuf)> = Vec::new();
    if let Ok(dirs) = std::fs::read_dir(&media_dir) {
        for d in dirs.flatten() {
            let prefix = d.file_name().to_string_lossy().into_owned();
            if prefix.len() != 2 || !d.path().is_dir() {
                continue; // temp files of an unfinished write, not content
            }
            let entries = std::fs::read_dir(d.path()).map_err(|e| StoreError::io(d.path(), e))?;
            for f in entries.flatten() {
                let name = f.file_name().to_string_lossy().into_owned();
                files.push((format!("{}/{prefix}/{name}", super::MEDIA_DIR), f.path()));
            }
        }
    }
    files.sort();
    let total = files.len() as u64;
    let mut buf = vec![0u8; 256 * 1024];
    for (n, (label, path)) in files.iter().enumerate() {
        if cancel.load(Ordering::Relaxed) {
            return Err(StoreError::Cancelled);
        }
        progress(CheckProgress {
            phase: CheckPhase::Media,
            done: n as u64,
            total,
        });
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        if super::media::path_for(&root.join(super::MEDIA_DIR), &name).as_deref()
            != Some(path.as_path())
        {
            problems.push(format!(
                "{label}: not a content file (its name is not the SHA-256 of a file in its folder)"
            ));
            continue;
        }
        match sha256_of(path, key, &mut buf, cancel) {
            Ok(hash) if hash == name => {}
            Ok(hash) => problems.push(format!(
                "{label}: its bytes have SHA-256 {hash}, not the one its name says; the file is damaged"
            )),
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {
                return Err(StoreError::Cancelled)
            }
            Err(e) => problems.push(format!("{label}: cannot read: {e}")),
        }
    }
    progress(CheckProgress {
        phase: CheckPhase::Media,
        done: total,
        total,
    });
    // Files the database lists that are gone.
    let listed: rusqlite::Result<Vec<String>> = conn
        .prepare("SELECT hash FROM media ORDER BY hash")
        .and_then(|mut st| st.query_map([], |r| r.get(0))?.collect());
    match listed {
        Ok(hashes) => {
            for h in hashes {
                match super::media::path_for(&media_dir, &h) {
                    Some(p) if p.is_file() => {}
                    _ => problems.push(format!(
                        "{}/{}/{h}: missing (the workspace lists it)",
                        super::MEDIA_DIR,
                        h.get(..2).unwrap_or("??")
                    )),
                }
            }
        }
        Err(e) => problems.push(format!("database: cannot list media: {e}")),
    }
    Ok(total)
}

/// SHA-256 of the plaintext of a media file (decrypted with `key` in an
/// encrypted workspace: a damaged chunk is a read error naming it).
fn sha256_of(
    path: &Path,
    key: Option<&shortlist_crypt::WorkspaceKey>,
    buf: &mut [u8],
    cancel: &AtomicBool,
) -> std::io::Result<String> {
    let mut f = super::crypt::MediaReader::open(path, key)?;
    let mut h = Sha256::new();
    loop {
        if cancel.load(Ordering::Relaxed) {
            return Err(std::io::Error::from(std::io::ErrorKind::Interrupted));
        }
        let n = f.read(buf)?;
        if n == 0 {
            break;
        }
        h.update(&buf[..n]);
    }
    Ok(hex::encode(h.finalize()))
}

/// Record `report`: the table (best effort when the database is damaged)
/// and, for a failure, [`CORRUPT_FILE`], which open reads first.
fn store(conn: &Connection, root: &Path, report: &IntegrityReport) -> StoreResult<()> {
    let marker = root.join(CORRUPT_FILE);
    if !report.ok {
        let json = serde_json::to_vec_pretty(report).expect("a report serialises");
        write_synced(&marker, &json).map_err(|e| StoreError::io(&marker, e))?;
    }
    let inserted = conn.execute(
        "INSERT INTO integrity_checks (started_at, kind, duration_ms, ok, problems, media_files)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        rusqlite::params![
            report.started_at,
            report.kind.as_str(),
            report.duration_ms as i64,
            report.ok,
            serde_json::to_string(&report.problems).expect("strings serialise"),
            report.media_files as i64,
        ],
    );
    match inserted {
        Ok(_) => {}
        // A damaged database may refuse the row; the marker file holds it.
        Err(_) if !report.ok => {}
        Err(e) => return Err(e.into()),
    }
    if report.ok {
        match std::fs::remove_file(&marker) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(StoreError::io(&marker, e)),
        }
    }
    Ok(())
}

fn write_synced(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    super::perms::private_file(path, true)?;
    let mut f = std::fs::File::create(path)?;
    f.write_all(bytes)?;
    f.sync_all()
}

/// The last stored check, newest first by start time.
pub(crate) fn last(conn: &Connection) -> StoreResult<Option<IntegrityReport>> {
    let row = conn
        .query_row(
            "SELECT started_at, kind, duration_ms, ok, problems, media_files FROM integrity_checks
             ORDER BY id DESC LIMIT 1",
            [],
            |r| {
                Ok((
                    r.get::<_, f64>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, i64>(2)?,
                    r.get::<_, bool>(3)?,
                    r.get::<_, String>(4)?,
                    r.get::<_, i64>(5)?,
                ))
            },
        )
        .optional()?;
    Ok(row.map(
        |(started_at, kind, ms, ok, problems, files)| IntegrityReport {
            started_at,
            kind: CheckKind::parse(&kind),
            duration_ms: ms.max(0) as u64,
            ok,
            problems: serde_json::from_str(&problems).unwrap_or_else(|_| vec![problems]),
            media_files: files.max(0) as u64,
        },
    ))
}

/// When the last passing check started, if any.
pub(crate) fn last_ok_at(conn: &Connection) -> StoreResult<Option<f64>> {
    Ok(conn.query_row(
        "SELECT max(started_at) FROM integrity_checks WHERE ok = 1",
        [],
        |r| r.get::<_, Option<f64>>(0),
    )?)
}

/// The failed report [`CORRUPT_FILE`] holds, if any.
pub(crate) fn recorded_failure(root: &Path) -> Option<IntegrityReport> {
    let bytes = std::fs::read(root.join(CORRUPT_FILE)).ok()?;
    Some(
        serde_json::from_slice(&bytes).unwrap_or_else(|e| IntegrityReport {
            started_at: 0.0,
            kind: CheckKind::Manual,
            duration_ms: 0,
            ok: false,
            problems: vec![format!("{CORRUPT_FILE} is unreadable ({e})")],
            media_files: 0,
        }),
    )
}

/// The newest verified backup beside `db_path` (`workspace.db.v<N>.bak`,
/// written and checked before a migration), by schema version.
pub fn last_backup(db_path: &Path) -> Option<PathBuf> {
    let dir = db_path.parent()?;
    let base = db_path.file_name()?.to_string_lossy().into_owned();
    std::fs::read_dir(dir)
        .ok()?
        .flatten()
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            let v: u64 = name
                .strip_prefix(&format!("{base}.v"))?
                .strip_suffix(".bak")?
                .parse()
                .ok()?;
            Some((v, e.path()))
        })
        .max_by_key(|(v, _)| *v)
        .map(|(_, p)| p)
}

/// What a background check calls with its result.
pub(crate) type OnDone = Box<dyn FnOnce(&StoreResult<IntegrityReport>) + Send>;

/// A check running on a thread of its own ([`super::Workspace::start_integrity_check`]).
/// Dropping it cancels the check and waits for the thread.
pub struct IntegrityTask {
    cancel: Arc<AtomicBool>,
    progress: Arc<Mutex<Option<CheckProgress>>>,
    handle: Option<std::thread::JoinHandle<StoreResult<IntegrityReport>>>,
}

impl IntegrityTask {
    pub(crate) fn spawn(
        root: PathBuf,
        key: Option<Arc<shortlist_crypt::WorkspaceKey>>,
        kind: CheckKind,
        on_progress: Box<dyn Fn(CheckProgress) + Send>,
        on_done: OnDone,
    ) -> StoreResult<IntegrityTask> {
        let cancel = Arc::new(AtomicBool::new(false));
        let progress = Arc::new(Mutex::new(None));
        let (c, p) = (cancel.clone(), progress.clone());
        let handle = std::thread::Builder::new()
            .name("shortlist-integrity".into())
            .spawn(move || {
                let result = run_check(&root, key, kind, &c, &|now| {
                    *p.lock().unwrap_or_else(|e| e.into_inner()) = Some(now);
                    on_progress(now);
                });
                on_done(&result);
                result
            })
            .map_err(|e| StoreError::io("integrity check thread", e))?;
        Ok(IntegrityTask {
            cancel,
            progress,
            handle: Some(handle),
        })
    }

    /// Ask the check to stop; [`Self::wait`] then returns
    /// [`StoreError::Cancelled`] and nothing is stored.
    pub fn cancel(&self) {
        self.cancel.store(true, Ordering::Relaxed);
    }

    pub fn is_finished(&self) -> bool {
        self.handle.as_ref().is_none_or(|h| h.is_finished())
    }

    /// The last progress reported, if any.
    pub fn progress(&self) -> Option<CheckProgress> {
        *self.progress.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Wait for the check's result.
    pub fn wait(mut self) -> StoreResult<IntegrityReport> {
        let h = self.handle.take().expect("joined once");
        h.join().unwrap_or_else(|_| {
            Err(StoreError::Invalid(
                "the integrity check thread panicked".into(),
            ))
        })
    }
}

impl Drop for IntegrityTask {
    fn drop(&mut self) {
        if let Some(h) = self.handle.take() {
            self.cancel();
            let _ = h.join();
        }
    }
}
