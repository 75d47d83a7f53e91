//! Encryption at rest (SPEC F54): which workspaces are encrypted, where
//! their key comes from, keyed connections, and the atomic conversion
//! between a plain and an encrypted workspace.
//!
//! An encrypted workspace has a marker, [`MARKER_FILE`], beside
//! `workspace.db`; its database is SQLCipher and every file of `media/` is a
//! [`shortlist_crypt::media`] stream (the file keeps the name of its
//! plaintext's SHA-256). The marker says where the random workspace key is
//! kept: in the OS keychain (service [`KEYCHAIN_SERVICE`], an account of its
//! own), or wrapped under a passphrase (Argon2id) in
//! [`shortlist_crypt::KEY_FILE_NAME`].
//!
//! Conversion ([`encrypt_workspace`], [`decrypt_workspace`]) never changes a
//! file in place. It stages the converted database, migration backups and
//! media under temporary names (`.<name>.converting`, `media.converting/`),
//! syncs them, and then writes [`JOURNAL_FILE`]: that rename is the commit
//! point. The steps after it (renames, marker) are idempotent and
//! [`recover`] redoes them at the next open; a conversion that stopped
//! before its journal is rolled back (staged files removed). A crash
//! therefore leaves the old workspace or the new one, never a mix.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use rusqlite::Connection;
use serde::{Deserialize, Serialize};
pub use shortlist_crypt::MediaCipher;
pub use shortlist_crypt::{
    is_encrypted_media, DbCipher, KdfParams, WorkspaceKey, KEY_FILE_NAME, PASSPHRASE_ENV,
};
use shortlist_crypt::{CryptError, KeyFile};

use crate::error::{StoreError, StoreResult};

use super::{DB_FILE, MEDIA_DIR};

/// Present beside `workspace.db` when the workspace is encrypted.
pub const MARKER_FILE: &str = "encryption.json";
/// Written (atomically) when a conversion's staged files are complete: the
/// commit point of [`encrypt_workspace`] / [`decrypt_workspace`].
pub const JOURNAL_FILE: &str = "encryption-conversion.json";
/// Keychain service under which workspace keys are kept.
pub const KEYCHAIN_SERVICE: &str = "Shortlist workspace key";
/// Staged media folder of a conversion.
const STAGED_MEDIA: &str = "media.converting";
/// The old media folder between the two renames of the swap.
const OLD_MEDIA: &str = "media.old";
/// The delivery crate's sync staging folder (`shortlist_delivery::sync::STAGING_DIR`).
const SYNC_STAGING: &str = "sync-staging";
/// Suffix of a staged database file (`.<name>.converting`).
const STAGED_SUFFIX: &str = ".converting";

/// Where an encrypted workspace's key is kept.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "store", rename_all = "snake_case")]
pub enum KeyStore {
    /// The OS keychain, service [`KEYCHAIN_SERVICE`], this account.
    Keychain { account: String },
    /// [`KEY_FILE_NAME`], unlocked by a passphrase.
    Passphrase,
}

/// The marker's current format: 2 records the database's page cipher
/// (format 1, before it, means SQLCipher 4's defaults).
const MARKER_FORMAT: u32 = 2;

#[derive(Debug, Clone, Serialize, Deserialize)]
struct Marker {
    format: u32,
    key: KeyStore,
    /// Absent in format 1: [`DbCipher::Sqlcipher4`].
    #[serde(default)]
    db_cipher: DbCipher,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct Journal {
    /// `true`: the workspace becomes encrypted; `false`: plain.
    encrypt: bool,
    /// The marker to write (encrypt).
    key: Option<KeyStore>,
    /// The encrypted database's page cipher (encrypt).
    #[serde(default)]
    db_cipher: DbCipher,
    /// Database files (workspace.db and migration backups) staged as
    /// `.<name>.converting`.
    files: Vec<String>,
}

/// Whether the workspace is encrypted and where its key is (shown in
/// Settings and by `shortlist encrypt`).
#[derive(Debug, Clone, Serialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct EncryptionStatus {
    pub encrypted: bool,
    /// `keychain` or `passphrase` when encrypted.
    pub key_store: Option<String>,
}

/// How [`encrypt_workspace`] keeps the new key.
#[derive(Debug)]
pub enum NewKey<'a> {
    /// The OS keychain; if no keychain answers, the passphrase when one is
    /// given, else [`StoreError::PassphraseRequired`].
    KeychainElse(Option<&'a str>),
    /// A key file wrapped under this passphrase, with these Argon2id costs.
    Passphrase(&'a str, KdfParams),
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> StoreError + '_ {
    move |e| StoreError::io(path, e)
}

fn read_marker(root: &Path) -> StoreResult<Option<Marker>> {
    let path = root.join(MARKER_FILE);
    match std::fs::read(&path) {
        Ok(bytes) => {
            let marker: Marker = serde_json::from_slice(&bytes).map_err(|e| {
                StoreError::Invalid(format!(
                    "{}: not a valid encryption marker ({e}); restore it from a backup",
                    path.display()
                ))
            })?;
            if marker.format > MARKER_FORMAT {
                return Err(StoreError::Invalid(format!(
                    "{}: this workspace was encrypted by a newer version of Shortlist (marker format {}); update Shortlist to open it",
                    path.display(),
                    marker.format
                )));
            }
            Ok(Some(marker))
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(StoreError::io(path, e)),
    }
}

/// Whether the workspace at `root` is encrypted (after [`recover`]). O(1):
/// looks at the marker only.
pub fn is_encrypted(root: &Path) -> bool {
    root.join(MARKER_FILE).is_file()
}

/// The encryption status of the workspace at `root`.
pub fn status(root: &Path) -> StoreResult<EncryptionStatus> {
    recover(root)?;
    Ok(match read_marker(root)? {
        None => EncryptionStatus {
            encrypted: false,
            key_store: None,
        },
        Some(m) => EncryptionStatus {
            encrypted: true,
            key_store: Some(
                match m.key {
                    KeyStore::Keychain { .. } => "keychain",
                    KeyStore::Passphrase => "passphrase",
                }
                .into(),
            ),
        },
    })
}

/// Whether opening the workspace at `root` needs a passphrase: it is
/// encrypted and its key is not in a keychain that answers.
pub fn needs_passphrase(root: &Path) -> StoreResult<bool> {
    recover(root)?;
    Ok(match read_marker(root)? {
        None => false,
        Some(Marker {
            key: KeyStore::Passphrase,
            ..
        }) => true,
        Some(Marker {
            key: KeyStore::Keychain { account },
            ..
        }) => shortlist_crypt::key::keychain_load(KEYCHAIN_SERVICE, &account).is_err(),
    })
}

/// The key of the workspace at `root`: `None` if it is not encrypted; from
/// the keychain or by unlocking the key file with `passphrase`. Writes
/// nothing.
pub fn load_key(root: &Path, passphrase: Option<&str>) -> StoreResult<Option<WorkspaceKey>> {
    let Some(marker) = read_marker(root)? else {
        return Ok(None);
    };
    let key = match marker.key {
        KeyStore::Keychain { account } => {
            shortlist_crypt::key::keychain_load(KEYCHAIN_SERVICE, &account)?
        }
        KeyStore::Passphrase => {
            let Some(p) = passphrase.filter(|p| !p.is_empty()) else {
                return Err(StoreError::PassphraseRequired {
                    path: root.to_path_buf(),
                });
            };
            let file = KeyFile::load(&root.join(KEY_FILE_NAME))?;
            match file.unlock(p) {
                Ok(k) => k,
                Err(CryptError::WrongPassphrase) => {
                    return Err(StoreError::WrongPassphrase {
                        path: root.to_path_buf(),
                    })
                }
                Err(e) => return Err(e.into()),
            }
        }
    };
    Ok(Some(key.with_db_cipher(marker.db_cipher)))
}

/// Keys `conn` (before anything reads it) and checks the key: a wrong key
/// is [`StoreError::WrongPassphrase`]. Without a key, does nothing.
pub(crate) fn key_connection(conn: &Connection, key: Option<&WorkspaceKey>) -> StoreResult<()> {
    let Some(key) = key else { return Ok(()) };
    #[cfg(feature = "sqlcipher")]
    {
        shortlist_crypt::db::apply_key(conn, key)?;
        match shortlist_crypt::db::verify_key(conn) {
            Ok(()) => Ok(()),
            Err(CryptError::WrongKey { path }) => Err(StoreError::WrongPassphrase {
                path: path.parent().map(Path::to_path_buf).unwrap_or(path),
            }),
            Err(e) => Err(e.into()),
        }
    }
    #[cfg(not(feature = "sqlcipher"))]
    {
        let _ = (conn, key);
        Err(CryptError::NoSqlcipher.into())
    }
}

/// Like [`key_connection`] for code that reports `rusqlite::Error`
/// (the key is known good by then: the workspace opened with it).
pub(crate) fn key_connection_sql(
    conn: &Connection,
    key: Option<&WorkspaceKey>,
) -> rusqlite::Result<()> {
    key_connection(conn, key).map_err(|e| {
        rusqlite::Error::SqliteFailure(
            rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_NOTADB),
            Some(e.to_string()),
        )
    })
}

/// A shared handle on a workspace key ([`super::Workspace::media_key`]).
pub type MediaKey = std::sync::Arc<WorkspaceKey>;

/// A media file opened for reading: plain, or decrypted on the fly.
/// `Read + Seek` over the plaintext either way.
pub enum MediaReader {
    Plain(std::fs::File, u64),
    Encrypted(Box<shortlist_crypt::DecryptingReader<std::io::BufReader<std::fs::File>>>),
}

impl MediaReader {
    /// Opens `path` with the workspace key (`None`: a plain workspace).
    pub fn open(path: &Path, key: Option<&WorkspaceKey>) -> std::io::Result<MediaReader> {
        let f = std::fs::File::open(path)?;
        match key {
            None => {
                let len = f.metadata()?.len();
                Ok(MediaReader::Plain(f, len))
            }
            Some(k) => Ok(MediaReader::Encrypted(Box::new(
                shortlist_crypt::DecryptingReader::new(
                    std::io::BufReader::with_capacity(64 * 1024, f),
                    k,
                )
                .map_err(std::io::Error::from)?,
            ))),
        }
    }

    /// Length of the plaintext.
    pub fn len(&self) -> u64 {
        match self {
            MediaReader::Plain(_, n) => *n,
            MediaReader::Encrypted(r) => r.plaintext_len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

impl Read for MediaReader {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        match self {
            MediaReader::Plain(f, _) => f.read(buf),
            MediaReader::Encrypted(r) => r.read(buf),
        }
    }
}

impl std::io::Seek for MediaReader {
    fn seek(&mut self, pos: std::io::SeekFrom) -> std::io::Result<u64> {
        match self {
            MediaReader::Plain(f, _) => f.seek(pos),
            MediaReader::Encrypted(r) => r.seek(pos),
        }
    }
}

fn write_json_atomic(path: &Path, value: &impl Serialize) -> StoreResult<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let mut tmp = tempfile::Builder::new()
        .prefix(".shortlist-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(io(dir))?;
    let bytes = serde_json::to_vec_pretty(value).expect("plain data serializes");
    tmp.write_all(&bytes)
        .and_then(|()| tmp.as_file().sync_all())
        .map_err(io(path))?;
    super::perms::private_file(tmp.path(), false).map_err(io(path))?;
    tmp.persist(path)
        .map_err(|e| StoreError::io(path, e.error))?;
    sync_dir(dir)
}

fn sync_dir(dir: &Path) -> StoreResult<()> {
    #[cfg(unix)]
    std::fs::File::open(dir)
        .and_then(|d| d.sync_all())
        .map_err(io(dir))?;
    let _ = dir;
    Ok(())
}

fn remove_if_exists(path: &Path) -> StoreResult<()> {
    match std::fs::remove_file(path) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(StoreError::io(path, e)),
    }
}

fn remove_dir_if_exists(path: &Path) -> StoreResult<()> {
    match std::fs::remove_dir_all(path) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(StoreError::io(path, e)),
    }
}

fn staged_name(file: &str) -> String {
    format!(".{file}{STAGED_SUFFIX}")
}

fn sidecar(path: &Path, suffix: &str) -> PathBuf {
    let mut s = path.as_os_str().to_owned();
    s.push(suffix);
    PathBuf::from(s)
}

/// Finishes or undoes a conversion that stopped part-way (a crash, a kill):
/// with a journal, redoes the steps after the commit; without one, removes
/// what a conversion staged. Cheap when there is nothing to do (two
/// `stat`s). Called on every open.
pub fn recover(root: &Path) -> StoreResult<()> {
    let journal_path = root.join(JOURNAL_FILE);
    match std::fs::read(&journal_path) {
        Ok(bytes) => {
            let journal: Journal = serde_json::from_slice(&bytes).map_err(|e| {
                StoreError::Invalid(format!(
                    "{}: unreadable conversion journal ({e}); the conversion cannot be finished — restore the workspace from a backup",
                    journal_path.display()
                ))
            })?;
            roll_forward(root, &journal, None)
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            if root.join(STAGED_MEDIA).exists() {
                remove_dir_if_exists(&root.join(STAGED_MEDIA))?;
            }
            // Staged database files (cheap: the workspace folder is small).
            if let Ok(entries) = std::fs::read_dir(root) {
                for e in entries.flatten() {
                    let name = e.file_name().to_string_lossy().into_owned();
                    if name.starts_with('.') && name.contains(STAGED_SUFFIX) {
                        let _ = std::fs::remove_file(e.path());
                    }
                }
            }
            // A key file written by an encryption that never committed.
            if !is_encrypted(root) {
                remove_if_exists(&root.join(KEY_FILE_NAME))?;
            }
            Ok(())
        }
        Err(e) => Err(StoreError::io(journal_path, e)),
    }
}

/// Where a test stops a conversion, as a crash would.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[doc(hidden)]
pub enum Crash {
    None,
    /// After staging, before the journal (the commit point).
    BeforeCommit,
    /// Right after the journal.
    AfterCommit,
    /// After the database renames, before the media swap.
    MidRollForward,
}

fn roll_forward(root: &Path, journal: &Journal, crash: Option<Crash>) -> StoreResult<()> {
    for file in &journal.files {
        let staged = root.join(staged_name(file));
        let dst = root.join(file);
        if staged.exists() {
            std::fs::rename(&staged, &dst).map_err(io(&dst))?;
        }
        // The old file's log and index belong to the old format.
        remove_if_exists(&sidecar(&dst, "-wal"))?;
        remove_if_exists(&sidecar(&dst, "-shm"))?;
    }
    sync_dir(root)?;
    if crash == Some(Crash::MidRollForward) {
        return Ok(());
    }
    let staged_media = root.join(STAGED_MEDIA);
    let media = root.join(MEDIA_DIR);
    let old = root.join(OLD_MEDIA);
    if staged_media.exists() {
        if media.exists() {
            remove_dir_if_exists(&old)?;
            std::fs::rename(&media, &old).map_err(io(&media))?;
        }
        std::fs::rename(&staged_media, &media).map_err(io(&media))?;
        sync_dir(root)?;
    }
    remove_dir_if_exists(&old)?;
    // A sync's staging (the delivery crate's `sync-staging/`) was written
    // in the old format: dropped, the next sync fetches it again.
    remove_dir_if_exists(&root.join(SYNC_STAGING))?;
    if journal.encrypt {
        let key = journal.key.clone().ok_or_else(|| {
            StoreError::Invalid(format!(
                "{}: the journal names no key store",
                root.join(JOURNAL_FILE).display()
            ))
        })?;
        write_json_atomic(
            &root.join(MARKER_FILE),
            &Marker {
                format: MARKER_FORMAT,
                key,
                db_cipher: journal.db_cipher,
            },
        )?;
    } else {
        remove_if_exists(&root.join(MARKER_FILE))?;
        remove_if_exists(&root.join(KEY_FILE_NAME))?;
    }
    remove_if_exists(&root.join(JOURNAL_FILE))?;
    sync_dir(root)
}

/// The migration backups next to the database (`workspace.db.v<N>.bak`).
fn backups(root: &Path) -> Vec<String> {
    let mut out: Vec<String> = std::fs::read_dir(root)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(&format!("{DB_FILE}.v")) && n.ends_with(".bak"))
        .collect();
    out.sort();
    out
}

/// Every content file of `media/`, as (`xx`, name).
fn media_files(root: &Path) -> StoreResult<Vec<(String, String)>> {
    let media = root.join(MEDIA_DIR);
    let mut out = Vec::new();
    let Ok(dirs) = std::fs::read_dir(&media) else {
        return Ok(out);
    };
    for d in dirs.flatten() {
        if !d.file_type().map(|t| t.is_dir()).unwrap_or(false) {
            continue;
        }
        let sub = d.file_name().to_string_lossy().into_owned();
        for f in std::fs::read_dir(d.path())
            .map_err(io(&d.path()))?
            .flatten()
        {
            let name = f.file_name().to_string_lossy().into_owned();
            if super::media::path_for(&media, &name).is_some() {
                out.push((sub.clone(), name));
            }
        }
    }
    out.sort();
    Ok(out)
}

/// Stages every media file converted (`convert(src, dst)`) under
/// `media.converting/`, each synced.
fn stage_media(
    root: &Path,
    convert: &dyn Fn(std::fs::File, &mut std::fs::File) -> StoreResult<()>,
) -> StoreResult<()> {
    let staged = root.join(STAGED_MEDIA);
    remove_dir_if_exists(&staged)?;
    std::fs::create_dir(&staged).map_err(io(&staged))?;
    super::perms::private_dir(&staged).map_err(io(&staged))?;
    let media = root.join(MEDIA_DIR);
    let mut made_dirs = std::collections::HashSet::new();
    for (sub, name) in media_files(root)? {
        let dir = staged.join(&sub);
        if made_dirs.insert(sub.clone()) {
            std::fs::create_dir(&dir).map_err(io(&dir))?;
            super::perms::private_dir(&dir).map_err(io(&dir))?;
        }
        let src_path = media.join(&sub).join(&name);
        let dst_path = dir.join(&name);
        let src = std::fs::File::open(&src_path).map_err(io(&src_path))?;
        let mut dst = create_private(&dst_path)?;
        convert(src, &mut dst)?;
        dst.sync_all().map_err(io(&dst_path))?;
    }
    for sub in &made_dirs {
        sync_dir(&staged.join(sub))?;
    }
    sync_dir(&staged)
}

fn create_private(path: &Path) -> StoreResult<std::fs::File> {
    let mut o = std::fs::OpenOptions::new();
    o.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        o.mode(0o600);
    }
    o.open(path).map_err(io(path))
}

/// After staging: the source database's WAL is gone when the staging
/// connection was the last one; one left means another process holds the
/// workspace open and may still write to it.
fn refuse_if_open(root: &Path) -> StoreResult<()> {
    let wal = root.join(format!("{DB_FILE}-wal"));
    if std::fs::metadata(&wal).is_ok_and(|m| m.len() > 0) {
        return Err(CryptError::DatabaseBusy {
            path: root.join(DB_FILE),
            wal,
        }
        .into());
    }
    Ok(())
}

/// Converts the plain workspace at `root` to an encrypted one, in place
/// and atomically (see the module docs). The workspace must not be open
/// (close it first; the app does). Returns the new status.
pub fn encrypt_workspace(root: &Path, how: NewKey<'_>) -> StoreResult<EncryptionStatus> {
    encrypt_workspace_at(root, how, Crash::None)
}

#[doc(hidden)]
pub fn encrypt_workspace_at(
    root: &Path,
    how: NewKey<'_>,
    crash: Crash,
) -> StoreResult<EncryptionStatus> {
    recover(root)?;
    if is_encrypted(root) {
        return Err(StoreError::AlreadyEncrypted {
            path: root.to_path_buf(),
        });
    }
    let db = root.join(DB_FILE);
    if !db.is_file() {
        return Err(StoreError::NotAWorkspace {
            path: root.to_path_buf(),
        });
    }
    // New workspaces authenticate pages with HMAC-SHA256 (DbCipher's docs).
    let key = WorkspaceKey::generate()?.with_db_cipher(DbCipher::HmacSha256);
    // Keep the key first: a key that cannot be kept must not encrypt anything.
    let store = match how {
        NewKey::Passphrase(p, params) => {
            if p.is_empty() {
                return Err(StoreError::PassphraseRequired {
                    path: root.to_path_buf(),
                });
            }
            KeyFile::create(&key, p, params)?.save(&root.join(KEY_FILE_NAME))?;
            KeyStore::Passphrase
        }
        NewKey::KeychainElse(passphrase) => {
            let account = uuid::Uuid::now_v7().to_string();
            let kept = shortlist_crypt::key::keychain_store(KEYCHAIN_SERVICE, &account, &key)
                .and_then(|()| shortlist_crypt::key::keychain_load(KEYCHAIN_SERVICE, &account))
                .map(|back| back.as_bytes() == key.as_bytes());
            match kept {
                Ok(true) => KeyStore::Keychain { account },
                _ => match passphrase.filter(|p| !p.is_empty()) {
                    Some(p) => {
                        let _ = shortlist_crypt::key::keychain_delete(KEYCHAIN_SERVICE, &account);
                        KeyFile::create(&key, p, KdfParams::default())?
                            .save(&root.join(KEY_FILE_NAME))?;
                        KeyStore::Passphrase
                    }
                    None => {
                        return Err(match kept {
                            Err(e) if !e.is_keychain_unavailable() => e.into(),
                            _ => StoreError::PassphraseRequired {
                                path: root.to_path_buf(),
                            },
                        })
                    }
                },
            }
        }
    };
    let result = convert(root, &key, Direction::Encrypt { store: &store }, crash);
    if let Err(e) = result {
        // Undo what was staged; the plain workspace is untouched.
        if !root.join(JOURNAL_FILE).exists() {
            let _ = recover(root);
            if let KeyStore::Keychain { account } = &store {
                let _ = shortlist_crypt::key::keychain_delete(KEYCHAIN_SERVICE, account);
            }
        }
        return Err(e);
    }
    status_after(root, crash)
}

/// Which way [`convert`] goes; encrypting records where the key is kept.
enum Direction<'a> {
    Encrypt { store: &'a KeyStore },
    Decrypt,
}

/// The conversion both ways: stage each database (the workspace's and its
/// migration backups) and the media converted next to the originals, then
/// commit by writing the journal and roll forward (the module docs). A
/// backup that cannot be read in its current form is dropped: it cannot
/// stay behind in the other form. Nothing replaces an original before the
/// journal is written, so an error before that leaves the workspace as it
/// was once the caller runs [`recover`].
fn convert(root: &Path, key: &WorkspaceKey, dir: Direction<'_>, crash: Crash) -> StoreResult<()> {
    let encrypt = matches!(dir, Direction::Encrypt { .. });
    let mut files = vec![DB_FILE.to_string()];
    files.extend(backups(root));
    #[cfg_attr(not(feature = "sqlcipher"), allow(unused_mut))]
    let mut staged_files = Vec::new();
    for f in &files {
        let src = root.join(f);
        let dst = root.join(staged_name(f));
        remove_if_exists(&dst)?;
        #[cfg(feature = "sqlcipher")]
        {
            let converted = if encrypt {
                shortlist_crypt::db::encrypt_database(&src, &dst, key)
            } else {
                shortlist_crypt::db::decrypt_database(&src, &dst, key)
            };
            match converted {
                Ok(()) => staged_files.push(f.clone()),
                Err(CryptError::WrongKey { .. }) if f == DB_FILE => {
                    return Err(StoreError::WrongPassphrase {
                        path: root.to_path_buf(),
                    })
                }
                Err(_) if f != DB_FILE => {
                    remove_if_exists(&src)?;
                }
                Err(e) => return Err(e.into()),
            }
        }
        #[cfg(not(feature = "sqlcipher"))]
        {
            let _ = (&src, &dst, key);
            return Err(CryptError::NoSqlcipher.into());
        }
    }
    refuse_if_open(root)?;
    if encrypt {
        let cipher = MediaCipher::new(key);
        stage_media(root, &|src, dst| {
            let mut w = std::io::BufWriter::new(dst);
            cipher.encrypt(std::io::BufReader::new(src), &mut w)?;
            w.flush().map_err(io(&root.join(STAGED_MEDIA)))?;
            Ok(())
        })?;
    } else {
        stage_media(root, &|src, dst| {
            let mut r = shortlist_crypt::DecryptingReader::new(std::io::BufReader::new(src), key)?;
            let mut w = std::io::BufWriter::new(dst);
            std::io::copy(&mut r, &mut w).map_err(|e| match CryptError::from_io(&e) {
                Some(_) => StoreError::Crypt(
                    *e.into_inner()
                        .expect("custom")
                        .downcast::<CryptError>()
                        .expect("checked"),
                ),
                None => StoreError::io(root.join(MEDIA_DIR), e),
            })?;
            w.flush().map_err(io(&root.join(MEDIA_DIR)))?;
            Ok(())
        })?;
    }
    if crash == Crash::BeforeCommit {
        return Ok(());
    }
    let journal = Journal {
        encrypt,
        key: match dir {
            Direction::Encrypt { store } => Some(store.clone()),
            Direction::Decrypt => None,
        },
        db_cipher: key.db_cipher(),
        files: staged_files,
    };
    write_json_atomic(&root.join(JOURNAL_FILE), &journal)?;
    if crash == Crash::AfterCommit {
        return Ok(());
    }
    roll_forward(
        root,
        &journal,
        (crash == Crash::MidRollForward).then_some(crash),
    )
}

fn status_after(root: &Path, crash: Crash) -> StoreResult<EncryptionStatus> {
    if crash != Crash::None {
        // Stopped by a test at a crash point: report what is on disk,
        // recovering nothing.
        return Ok(EncryptionStatus {
            encrypted: is_encrypted(root),
            key_store: None,
        });
    }
    status(root)
}

/// Converts the encrypted workspace at `root` back to plain, in place and
/// atomically, after checking the key (`passphrase` when its key is in a
/// key file). Removes the marker, the key file and the keychain entry.
pub fn decrypt_workspace(root: &Path, passphrase: Option<&str>) -> StoreResult<EncryptionStatus> {
    decrypt_workspace_at(root, passphrase, Crash::None)
}

#[doc(hidden)]
pub fn decrypt_workspace_at(
    root: &Path,
    passphrase: Option<&str>,
    crash: Crash,
) -> StoreResult<EncryptionStatus> {
    recover(root)?;
    let Some(marker) = read_marker(root)? else {
        return Err(StoreError::NotEncrypted {
            path: root.to_path_buf(),
        });
    };
    let key = load_key(root, passphrase)?.expect("marker present");
    decrypt_with(root, &key, marker, crash)
}

/// [`decrypt_workspace`] with the key itself (the app, whose open
/// workspace holds it, closes the workspace and converts it without asking
/// for the passphrase again). A key that does not open it is
/// [`StoreError::WrongPassphrase`], nothing written.
pub fn decrypt_workspace_with_key(
    root: &Path,
    key: &WorkspaceKey,
) -> StoreResult<EncryptionStatus> {
    recover(root)?;
    let Some(marker) = read_marker(root)? else {
        return Err(StoreError::NotEncrypted {
            path: root.to_path_buf(),
        });
    };
    decrypt_with(root, key, marker, Crash::None)
}

fn decrypt_with(
    root: &Path,
    key: &WorkspaceKey,
    marker: Marker,
    crash: Crash,
) -> StoreResult<EncryptionStatus> {
    // The marker says how the database is encrypted, whoever held the key.
    let key = key.clone().with_db_cipher(marker.db_cipher);
    let result = convert(root, &key, Direction::Decrypt, crash);
    if let Err(e) = result {
        if !root.join(JOURNAL_FILE).exists() {
            let _ = recover(root);
        }
        return Err(e);
    }
    if crash == Crash::None {
        if let KeyStore::Keychain { account } = marker.key {
            let _ = shortlist_crypt::key::keychain_delete(KEYCHAIN_SERVICE, &account);
        }
    }
    status_after(root, crash)
}
