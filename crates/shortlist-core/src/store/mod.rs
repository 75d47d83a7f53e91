//! The workspace: a folder with `workspace.db` (SQLite) and a content-addressed
//! `media/` store.
//!
//! Invariants:
//! * WAL, `synchronous=FULL`, foreign keys on, for every connection.
//! * One write connection behind a mutex; reads use a separate connection
//!   (WAL lets them read during a write).
//! * A bulk write (an import) returns once its commit is durable in the WAL;
//!   the checkpoint runs on a thread of its own
//!   ([`Workspace::checkpoint_in_background`]), joined when the workspace is
//!   dropped.
//! * Schema changes only through [`schema::MIGRATIONS`], all pending ones in
//!   one transaction, after a verified backup of a non-empty database.
//! * Media files are named by the SHA-256 of their bytes, written to a temp
//!   file, fsynced and renamed: adding the same bytes twice is a no-op.
//! * Opening costs the same at 100 and at 100,000 candidates: no whole-file
//!   scan on the open path. Integrity is checked off it ([`integrity`]):
//!   after an unclean shutdown ([`session`]), on a schedule and on demand;
//!   a workspace whose last check failed is refused at open.
//! * The writer runs with `secure_delete=ON`: deleted or replaced rows are
//!   overwritten with zeros, so erased data leaves no bytes in free pages.
//! * On Unix the folder is `0700` and every file the store creates (the
//!   database, its `-wal`/`-shm`, backups, media, the audit anchor) `0600`.
//! * After each write that moved the audit head, releasing the writer
//!   ([`WriterGuard`]) anchors the head in [`chain::ANCHOR_FILE`] (see
//!   [`crate::audit`]).

//!
//! Two read connections. The list, search and profile read through the
//! `Workspace`'s reader; work that nobody waits on as they type — the
//! notification bell and the desktop-notification check, which scan every
//! completed interview — reads through a second, `background_reader`, opened
//! on first use, so a keystroke's query is never queued behind it. Its
//! candidate-derived notifications are cached for one `data_version` of that
//! connection, as the list cache is (everything they depend on, read state
//! and thresholds included, is in the database); the bell gets the newest 50
//! with the unread count and the total over all of them (the panel says "The
//! newest 50 of N").
//!
//! An import returns when its commit is durable, not after the checkpoint.
//! `synchronous=FULL` syncs the WAL at commit, which is what durability
//! needs; copying those pages into `workspace.db` (the checkpoint) writes the
//! same ~137 MB again for 10,000 candidates. An import turns the writer's
//! automatic checkpoint off for its transaction, puts it back, and hands the
//! checkpoint to a thread of its own (`Workspace::checkpoint_in_background`,
//! `PASSIVE`: it takes no lock a reader or the writer waits on). The
//! `Workspace` joins that thread before starting another and when it is
//! dropped, so the CLI still leaves a checkpointed file behind. A crash
//! before the checkpoint loses nothing: the next open replays the WAL.

pub mod chain;
pub mod crypt;
pub mod integrity;
pub mod media;
pub mod perms;
pub mod schema;
mod session;
pub mod slots;

pub use session::SESSION_FILE;

pub use slots::Slots;

use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;
use std::sync::{Arc, Mutex, MutexGuard};

use shortlist_crypt::WorkspaceKey;

use rusqlite::{Connection, OpenFlags};

use crate::error::{StoreError, StoreResult};
use integrity::{CheckKind, CheckProgress, IntegrityDue, IntegrityReport, IntegrityTask};

pub const DB_FILE: &str = "workspace.db";

/// Page cache of the read connection (negative: KiB, as `PRAGMA cache_size`
/// takes it): 64 MiB.
const READER_CACHE_KIB: i64 = -(64 << 10);
pub const MEDIA_DIR: &str = "media";

/// How [`Workspace::open_inner`] gets the key of an encrypted workspace.
enum Unlock<'a> {
    /// The keychain, else this passphrase.
    Passphrase(Option<&'a str>),
    /// The key itself.
    Key(Option<crypt::MediaKey>),
}

pub struct Workspace {
    root: PathBuf,
    writer: Mutex<Connection>,
    /// The audit head as last anchored (or found) by this process.
    anchored: Mutex<Option<(i64, String)>>,
    reader: Mutex<Connection>,
    /// Caches the layers above keep for `reader` (the candidate list's
    /// projections). Locked after `reader`, never before.
    reader_slots: Slots,
    /// A second read connection, opened on first use, for work nobody waits
    /// on as they type (the notification bell scans every candidate): the
    /// list's queries on `reader` are never queued behind it.
    background: std::sync::OnceLock<Mutex<Connection>>,
    /// Caches the layers above keep for `background` (the notifications
    /// derived from candidates). Locked after `background`, never before.
    background_slots: Slots,
    /// The checkpoint a bulk write left to a background thread
    /// ([`Self::checkpoint_in_background`]); joined before the next one and
    /// when the workspace is dropped.
    checkpoint: Mutex<Option<std::thread::JoinHandle<()>>>,
    /// This process's hold on the session marker ([`session`]); closed
    /// (marking a clean end) when the workspace is dropped.
    session: Option<session::Session>,
    /// The workspace key when the workspace is encrypted ([`crypt`]):
    /// applied to every connection, and the key of every media file.
    key: Option<Arc<WorkspaceKey>>,
}

impl Drop for Workspace {
    fn drop(&mut self) {
        self.wait_for_checkpoint();
        if let Some(s) = self.session.take() {
            let checked = integrity::last_ok_at(&self.reader()).ok().flatten();
            s.close(checked);
        }
    }
}

impl std::fmt::Debug for Workspace {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Workspace")
            .field("root", &self.root)
            .finish()
    }
}

/// Current time as Unix seconds.
pub fn now() -> f64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs_f64())
        .unwrap_or(0.0)
}

fn configure(conn: &Connection) -> rusqlite::Result<()> {
    conn.busy_timeout(std::time::Duration::from_secs(10))?;
    conn.pragma_update(None, "journal_mode", "WAL")?;
    conn.pragma_update(None, "synchronous", "FULL")?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    Ok(())
}

/// A read connection: WAL, and `query_only`, so nothing writes through it
/// and its `data_version` changes on every commit, which is what the list
/// cache keys on.
fn open_reader(db_path: &Path, key: Option<&WorkspaceKey>) -> rusqlite::Result<Connection> {
    let conn = Connection::open_with_flags(
        db_path,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    crypt::key_connection_sql(&conn, key)?;
    configure(&conn)?;
    conn.pragma_update(None, "query_only", true)?;
    Ok(conn)
}

impl Workspace {
    /// Open the workspace at `root`, creating the folder and an empty
    /// database when missing, and migrating an older schema. Reads no more
    /// of the file than its header, schema and last integrity check, at any
    /// size. A workspace whose last check failed is refused
    /// ([`StoreError::FailedCheck`], naming the way back).
    ///
    /// An encrypted workspace ([`crypt`]) opens with the key from the OS
    /// keychain; one whose key is wrapped under a passphrase fails with
    /// [`StoreError::PassphraseRequired`] here: use
    /// [`Self::open_with_passphrase`].
    pub fn open(root: impl AsRef<Path>) -> StoreResult<Workspace> {
        Self::open_inner(root.as_ref(), false, Unlock::Passphrase(None))
    }

    /// [`Self::open`] with the key itself (`None`: a plain workspace), e.g.
    /// to reopen a workspace this process just closed.
    pub fn open_with_key(
        root: impl AsRef<Path>,
        key: Option<crypt::MediaKey>,
    ) -> StoreResult<Workspace> {
        Self::open_inner(root.as_ref(), false, Unlock::Key(key))
    }

    /// [`Self::open`] with the passphrase of an encrypted workspace whose
    /// key is in a key file (ignored for a plain workspace, or one whose
    /// key is in the keychain). A wrong one is
    /// [`StoreError::WrongPassphrase`] and nothing is written.
    pub fn open_with_passphrase(
        root: impl AsRef<Path>,
        passphrase: Option<&str>,
    ) -> StoreResult<Workspace> {
        Self::open_inner(root.as_ref(), false, Unlock::Passphrase(passphrase))
    }

    /// [`Self::open_for_check`] with a passphrase (see
    /// [`Self::open_with_passphrase`]).
    pub fn open_for_check_with_passphrase(
        root: impl AsRef<Path>,
        passphrase: Option<&str>,
    ) -> StoreResult<Workspace> {
        Self::open_inner(root.as_ref(), true, Unlock::Passphrase(passphrase))
    }

    /// [`Self::open`] even when the last integrity check failed: for
    /// running the check again (`shortlist check`), whose pass lifts the
    /// refusal. Nothing else should use it.
    pub fn open_for_check(root: impl AsRef<Path>) -> StoreResult<Workspace> {
        Self::open_inner(root.as_ref(), true, Unlock::Passphrase(None))
    }

    fn open_inner(root: &Path, for_check: bool, unlock: Unlock<'_>) -> StoreResult<Workspace> {
        let root = root.to_path_buf();
        // Finish (or undo) a conversion a crash interrupted, then find the
        // key: before anything else writes (a wrong key writes nothing).
        if root.exists() {
            crypt::recover(&root)?;
        }
        let key = match unlock {
            Unlock::Passphrase(p) => crypt::load_key(&root, p)?.map(Arc::new),
            Unlock::Key(k) => {
                if k.is_none() && crypt::is_encrypted(&root) {
                    return Err(StoreError::PassphraseRequired { path: root });
                }
                k
            }
        };
        if !for_check {
            if let Some(failed) = integrity::recorded_failure(&root) {
                return Err(failed_check(&root, &failed));
            }
        }
        std::fs::create_dir_all(root.join(MEDIA_DIR)).map_err(|e| StoreError::io(&root, e))?;
        perms::private_dir(&root).map_err(|e| StoreError::io(&root, e))?;
        perms::private_dir(&root.join(MEDIA_DIR)).map_err(|e| StoreError::io(&root, e))?;
        let db_path = root.join(DB_FILE);
        // SQLite gives `-wal`/`-shm` the database file's mode: create it
        // owner-only before SQLite does, and tighten older workspaces.
        for f in [
            db_path.clone(),
            root.join(format!("{DB_FILE}-wal")),
            root.join(format!("{DB_FILE}-shm")),
        ] {
            perms::private_file(&f, f == db_path).map_err(|e| StoreError::io(&f, e))?;
        }
        let open_err = |source| StoreError::Open {
            path: db_path.clone(),
            source,
        };
        let mut writer = Connection::open_with_flags(
            &db_path,
            OpenFlags::SQLITE_OPEN_READ_WRITE
                | OpenFlags::SQLITE_OPEN_CREATE
                | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(open_err)?;
        crypt::key_connection(&writer, key.as_deref())?;
        // Refuse a newer schema before anything (even the switch to WAL)
        // writes to the file.
        refuse_newer(&writer, &db_path)?;
        configure(&writer).map_err(open_err)?;
        writer
            .pragma_update(None, "secure_delete", "ON")
            .map_err(open_err)?;
        // Whether this open creates the anchored audit (a new workspace, or
        // one from before it existed): only then is a missing anchor
        // written here; later, a missing anchor is evidence.
        let had_meta: bool = writer.query_row(
            "SELECT count(*) > 0 FROM sqlite_master WHERE type = 'table' AND name = 'meta'",
            [],
            |r| r.get(0),
        )?;
        migrate_keyed(&mut writer, &db_path, key.as_deref())?;
        let head = chain::head(&writer)?;
        let anchor = chain::read_anchor(&root).map_err(|e| StoreError::io(&root, e))?;
        if anchor.is_none() && !had_meta {
            // A missing anchor later means someone removed it.
            let (id, hash) = head.clone().unwrap_or((0, chain::GENESIS.to_string()));
            chain::write_anchor(&root, (id, &hash))
                .map_err(|e| StoreError::io(root.join(chain::ANCHOR_FILE), e))?;
        }
        if !for_check {
            if let Some(last) = integrity::last(&writer)? {
                if !last.ok {
                    return Err(failed_check(&root, &last));
                }
            }
        }
        let session = session::Session::start(&root)?;
        let reader = open_reader(&db_path, key.as_deref()).map_err(open_err)?;
        // The list and search read the same covering index and full-text
        // doclists on every keystroke: keep them in this connection's page
        // cache (the default 2 MB is re-read from the OS on every query at
        // 100,000 candidates). A cap, not an allocation.
        reader
            .pragma_update(None, "cache_size", READER_CACHE_KIB)
            .map_err(open_err)?;
        Ok(Workspace {
            root,
            writer: Mutex::new(writer),
            anchored: Mutex::new(head),
            reader: Mutex::new(reader),
            reader_slots: Slots::default(),
            background: std::sync::OnceLock::new(),
            background_slots: Slots::default(),
            checkpoint: Mutex::default(),
            session: Some(session),
            key,
        })
    }

    /// The workspace key, when the workspace is encrypted.
    pub fn key(&self) -> Option<&WorkspaceKey> {
        self.key.as_deref()
    }

    /// A shared handle on the workspace key for work that outlives a borrow
    /// of the workspace (an export writing files on another thread).
    pub fn media_key(&self) -> Option<crypt::MediaKey> {
        self.key.clone()
    }

    /// Whether the workspace is encrypted at rest.
    pub fn is_encrypted(&self) -> bool {
        self.key.is_some()
    }

    /// Opens the media file of `hash` for reading its plaintext (decrypted
    /// on the fly in an encrypted workspace; `Read + Seek` either way).
    /// `None` when the hash is not a content name or the file is missing.
    pub fn open_media(&self, hash: &str) -> Option<std::io::Result<crypt::MediaReader>> {
        let path = media::path_for(&self.media_dir(), hash)?;
        match crypt::MediaReader::open(&path, self.key()) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
            other => Some(other),
        }
    }

    /// Opens a media file of this workspace at `path` (from
    /// [`media::path_for`]) for reading its plaintext.
    pub fn open_media_path(&self, path: &Path) -> std::io::Result<crypt::MediaReader> {
        crypt::MediaReader::open(path, self.key())
    }

    /// Opens a new connection to the workspace database with its key
    /// applied (for work on a connection of its own).
    pub fn connect(&self, flags: OpenFlags) -> StoreResult<Connection> {
        let path = self.db_path();
        let conn =
            Connection::open_with_flags(&path, flags).map_err(|source| StoreError::Open {
                path: path.clone(),
                source,
            })?;
        crypt::key_connection(&conn, self.key())?;
        Ok(conn)
    }

    /// When this session noticed that an earlier one ended uncleanly (a
    /// crash, a power cut, a kill), if no integrity check has passed since.
    pub fn unclean_shutdown(&self) -> Option<f64> {
        let since = self.session.as_ref()?.unclean_since()?;
        let checked = integrity::last_ok_at(&self.reader()).ok().flatten();
        match checked {
            Some(t) if t >= since => None,
            _ => Some(since),
        }
    }

    /// Whether an integrity check is due, and why: after an unclean
    /// shutdown (run it in the background now:
    /// [`Self::start_integrity_check`] with [`IntegrityDue::kind`]), or
    /// when the last passing check is older than
    /// [`integrity::CHECK_INTERVAL_SECS`] (or there was none).
    pub fn integrity_due(&self) -> StoreResult<Option<IntegrityDue>> {
        if let Some(since) = self.unclean_shutdown() {
            return Ok(Some(IntegrityDue::UncleanShutdown { since }));
        }
        let last_ok = integrity::last_ok_at(&self.reader())?;
        Ok(match last_ok {
            Some(t) if now() - t < integrity::CHECK_INTERVAL_SECS => None,
            _ => Some(IntegrityDue::Scheduled {
                last_ok_at: last_ok,
            }),
        })
    }

    /// The last stored integrity check (passing or not), if any.
    pub fn last_integrity(&self) -> StoreResult<Option<IntegrityReport>> {
        integrity::last(&self.reader())
    }

    /// Run a full integrity check now, on this thread (on a connection of
    /// its own: the workspace stays usable), store and return its result.
    pub fn check_integrity(
        &self,
        kind: CheckKind,
        cancel: &AtomicBool,
        progress: &dyn Fn(CheckProgress),
    ) -> StoreResult<IntegrityReport> {
        integrity::run_check(&self.root, self.key.clone(), kind, cancel, progress)
    }

    /// Start a full integrity check on a thread of its own and return at
    /// once. `on_progress` and `on_done` are called on that thread; the
    /// result is stored before `on_done` runs. Dropping the task cancels
    /// the check.
    pub fn start_integrity_check(
        &self,
        kind: CheckKind,
        on_progress: impl Fn(CheckProgress) + Send + 'static,
        on_done: impl FnOnce(&StoreResult<IntegrityReport>) + Send + 'static,
    ) -> StoreResult<IntegrityTask> {
        IntegrityTask::spawn(
            self.root.clone(),
            self.key.clone(),
            kind,
            Box::new(on_progress),
            Box::new(on_done),
        )
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    pub fn db_path(&self) -> PathBuf {
        self.root.join(DB_FILE)
    }

    pub fn media_dir(&self) -> PathBuf {
        self.root.join(MEDIA_DIR)
    }

    /// The single write connection. Hold it for one user action / one import.
    /// Releasing it anchors the audit head if the write moved it.
    pub fn writer(&self) -> WriterGuard<'_> {
        WriterGuard {
            ws: self,
            conn: Some(self.writer.lock().unwrap_or_else(|p| p.into_inner())),
        }
    }

    /// Path of the audit anchor file.
    pub fn anchor_path(&self) -> PathBuf {
        self.root.join(chain::ANCHOR_FILE)
    }

    /// Advance the anchor to the audit head, if the head moved since this
    /// process last saw it and the anchor on disk still matches the table
    /// (an anchor that no longer matches is evidence, never overwritten).
    fn anchor_head(&self, conn: &Connection) {
        let Ok(Some(head)) = chain::head(conn) else {
            return;
        };
        let mut anchored = self.anchored.lock().unwrap_or_else(|p| p.into_inner());
        if anchored.as_ref() == Some(&head) {
            return;
        }
        let consistent = match chain::read_anchor(&self.root) {
            Ok(Some((0, h))) => h == chain::GENESIS,
            Ok(Some((id, h))) => conn
                .query_row("SELECT hash FROM audit WHERE id = ?1", [id], |r| {
                    r.get::<_, String>(0)
                })
                .is_ok_and(|found| found == h),
            _ => false,
        };
        if consistent && chain::write_anchor(&self.root, (head.0, &head.1)).is_ok() {
            *anchored = Some(head);
        }
    }

    /// Copy the write-ahead log into the database file on a thread of its
    /// own, so that a bulk write (an import) returns once its commit is
    /// durable in the WAL, not after the checkpoint that copies the same
    /// pages again. The caller turns the writer's automatic checkpoint off for
    /// the bulk write. A `PASSIVE` checkpoint takes no lock that readers or
    /// the writer wait on; if a commit's own automatic checkpoint comes first,
    /// this one finds less (or nothing) to copy. Errors are ignored: a
    /// checkpoint not done is done by the next one, or when the last
    /// connection closes, and losing one never loses data.
    pub fn checkpoint_in_background(&self) {
        self.wait_for_checkpoint();
        let path = self.db_path();
        let key = self.key.clone();
        let handle = std::thread::Builder::new()
            .name("shortlist-checkpoint".into())
            .spawn(move || {
                let Ok(conn) = Connection::open_with_flags(
                    &path,
                    OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
                ) else {
                    return;
                };
                if crypt::key_connection_sql(&conn, key.as_deref()).is_ok()
                    && configure(&conn).is_ok()
                {
                    let _ = conn.query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |_| Ok(()));
                }
            });
        *self.checkpoint.lock().unwrap_or_else(|p| p.into_inner()) = handle.ok();
    }

    /// Wait for the checkpoint [`Self::checkpoint_in_background`] started,
    /// if it is still running.
    pub fn wait_for_checkpoint(&self) {
        let handle = self
            .checkpoint
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .take();
        if let Some(h) = handle {
            let _ = h.join();
        }
    }

    /// A read connection (WAL: sees the last committed state).
    pub fn reader(&self) -> MutexGuard<'_, Connection> {
        self.reader.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// The background read connection (see the field). Opening it can fail
    /// only as opening the workspace could; it is then retried on next use.
    pub fn background_reader(&self) -> StoreResult<MutexGuard<'_, Connection>> {
        if self.background.get().is_none() {
            let path = self.db_path();
            let conn = open_reader(&path, self.key())
                .map_err(|source| StoreError::Open { path, source })?;
            let _ = self.background.set(Mutex::new(conn));
        }
        let m = self.background.get().expect("set above");
        Ok(m.lock().unwrap_or_else(|p| p.into_inner()))
    }

    /// Cache slots of [`Self::reader`]; use only while holding it.
    pub fn reader_slots(&self) -> &Slots {
        &self.reader_slots
    }

    /// Cache slots of [`Self::background_reader`]; use only while holding
    /// it.
    pub fn background_slots(&self) -> &Slots {
        &self.background_slots
    }

    /// Whether the workspace holds no interviewer yet (first run).
    pub fn is_empty(&self) -> StoreResult<bool> {
        let n: i64 = self
            .reader()
            .query_row("SELECT count(*) FROM postings", [], |r| r.get(0))?;
        Ok(n == 0)
    }

    /// Reviewer name recorded on decisions and notes (`settings.reviewer`,
    /// else the OS user name).
    pub fn reviewer(&self) -> String {
        let from_settings: Option<String> = self
            .reader()
            .query_row(
                "SELECT value FROM settings WHERE key = 'reviewer'",
                [],
                |r| r.get(0),
            )
            .ok();
        from_settings
            .or_else(|| std::env::var("USER").ok())
            .or_else(|| std::env::var("USERNAME").ok())
            .unwrap_or_else(|| "reviewer".to_string())
    }
}

/// The way back from a damaged workspace at `root`, in words (the last
/// verified backup beside it, `shortlist check`): shown when an integrity
/// check fails and when the workspace is refused for it.
pub fn recovery_path(root: &Path) -> String {
    let db_path = root.join(DB_FILE);
    let check = format!("`shortlist check --workspace {}`", root.display());
    match integrity::last_backup(&db_path) {
        Some(b) => format!(
            "To recover, with Shortlist closed: copy the last verified backup {} over {}, then run {check}; or run {check} to check it again",
            b.display(),
            db_path.display()
        ),
        None => format!(
            "No verified backup is next to it: restore {} from a backup of your own and run {check}, or run {check} to check it again",
            db_path.display()
        ),
    }
}

/// The refusal of a workspace whose last check failed, with the way back.
fn failed_check(root: &Path, report: &IntegrityReport) -> StoreError {
    let recovery = recovery_path(root);
    let mut detail = report
        .problems
        .iter()
        .take(3)
        .cloned()
        .collect::<Vec<_>>()
        .join("; ");
    if report.problems.len() > 3 {
        detail.push_str(&format!(" (and {} more)", report.problems.len() - 3));
    }
    StoreError::FailedCheck {
        path: root.to_path_buf(),
        checked_at: utc(report.started_at),
        detail,
        recovery,
    }
}

fn utc(t: f64) -> String {
    time::OffsetDateTime::from_unix_timestamp(t as i64)
        .ok()
        .and_then(|d| {
            d.format(time::macros::format_description!(
                "[year]-[month]-[day] [hour]:[minute] UTC"
            ))
            .ok()
        })
        .unwrap_or_else(|| format!("{t:.0}"))
}

/// `PRAGMA quick_check` of a migration backup just written (a whole-file
/// scan, but of a file being copied whole anyway, once per migration).
/// The write connection, held. Derefs to the [`Connection`]; on release
/// the audit head is anchored (see [`Workspace::writer`]).
pub struct WriterGuard<'a> {
    ws: &'a Workspace,
    conn: Option<MutexGuard<'a, Connection>>,
}

impl std::ops::Deref for WriterGuard<'_> {
    type Target = Connection;
    fn deref(&self) -> &Connection {
        self.conn.as_ref().expect("held until drop")
    }
}

impl std::ops::DerefMut for WriterGuard<'_> {
    fn deref_mut(&mut self) -> &mut Connection {
        self.conn.as_mut().expect("held until drop")
    }
}

impl Drop for WriterGuard<'_> {
    fn drop(&mut self) {
        if let Some(conn) = self.conn.take() {
            // Only when no transaction is open (a guard dropped mid-way by
            // an error has rolled back by now, or the head is unchanged).
            if conn.is_autocommit() {
                self.ws.anchor_head(&conn);
            }
        }
    }
}

fn check_integrity(conn: &Connection, path: &Path) -> StoreResult<()> {
    let result: String = conn.query_row("PRAGMA quick_check", [], |r| r.get(0))?;
    if result != "ok" {
        return Err(StoreError::Corrupt {
            path: path.to_path_buf(),
            detail: result,
        });
    }
    Ok(())
}

fn refuse_newer(conn: &Connection, path: &Path) -> StoreResult<i64> {
    let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if version > schema::SCHEMA_VERSION {
        return Err(StoreError::NewerSchema {
            path: path.to_path_buf(),
            found: version,
            supported: schema::SCHEMA_VERSION,
        });
    }
    Ok(version)
}

/// Bring the schema to [`schema::SCHEMA_VERSION`].
pub fn migrate(conn: &mut Connection, path: &Path) -> StoreResult<()> {
    migrate_keyed(conn, path, None)
}

/// [`migrate`] of a database keyed with `key` (its backup is keyed too).
pub fn migrate_keyed(
    conn: &mut Connection,
    path: &Path,
    key: Option<&WorkspaceKey>,
) -> StoreResult<()> {
    let version = refuse_newer(conn, path)?;
    if version == schema::SCHEMA_VERSION {
        return Ok(());
    }
    // Back up anything that holds data: an older Shortlist schema, or a
    // version-0 file some other tool left tables in.
    let has_tables: bool = conn.query_row(
        "SELECT count(*) > 0 FROM sqlite_master WHERE type = 'table'",
        [],
        |r| r.get(0),
    )?;
    if version > 0 || has_tables {
        backup(conn, path, version, key)?;
    }
    let tx = conn.transaction()?;
    for migration in &schema::MIGRATIONS[version as usize..] {
        tx.execute_batch(migration)?;
    }
    chain::migrate_legacy(&tx)?;
    tx.pragma_update(None, "user_version", schema::SCHEMA_VERSION)?;
    tx.commit()?;
    Ok(())
}

/// Copy the database to `workspace.db.v<N>.bak` with SQLite's online backup,
/// then verify the copy before any migration runs.
fn backup(
    conn: &Connection,
    path: &Path,
    version: i64,
    key: Option<&WorkspaceKey>,
) -> StoreResult<()> {
    let dest = path.with_extension(format!("db.v{version}.bak"));
    perms::private_file(&dest, true).map_err(|e| StoreError::io(&dest, e))?;
    let mut out = Connection::open(&dest).map_err(|source| StoreError::Open {
        path: dest.clone(),
        source,
    })?;
    // The backup of an encrypted workspace is encrypted with the same key.
    crypt::key_connection(&out, key)?;
    {
        let b = rusqlite::backup::Backup::new(conn, &mut out)?;
        b.run_to_completion(256, std::time::Duration::ZERO, None)?;
    }
    check_integrity(&out, &dest)?;
    let copied: i64 = out.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if copied != version {
        return Err(StoreError::Corrupt {
            path: dest,
            detail: format!("backup has schema version {copied}, expected {version}"),
        });
    }
    Ok(())
}

/// The default workspace folder, shared by the desktop app and the CLI:
/// `<OS data dir>/Shortlist/workspace` (e.g. `~/.local/share/Shortlist/workspace`).
pub fn default_workspace_dir() -> Option<PathBuf> {
    dirs::data_dir().map(|d| d.join("Shortlist").join("workspace"))
}
