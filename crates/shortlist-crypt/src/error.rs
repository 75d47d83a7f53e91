//! The one error type of this crate.

use std::io;
use std::path::PathBuf;

/// Result of every fallible operation in this crate.
pub type Result<T, E = CryptError> = std::result::Result<T, E>;

/// What went wrong with a key, an encrypted file or an encrypted database.
///
/// Messages name the file, chunk, keychain entry or setting involved and say
/// what to do. Inside a [`DecryptingReader`](crate::DecryptingReader)'s
/// `Read`/`Seek` the error travels as an [`io::Error`]; get it back with
/// [`CryptError::from_io`].
#[derive(Debug, thiserror::Error)]
pub enum CryptError {
    /// The key does not open this encrypted media file (its key check does not match).
    #[error("wrong key: this media file was encrypted with another workspace key")]
    WrongMediaKey,

    /// The key does not open this database (SQLCipher answers SQLITE_NOTADB).
    #[error(
        "wrong key: the workspace database {} cannot be read with this key \
         (wrong passphrase, or the key in the OS keychain belongs to another workspace)",
        path.display()
    )]
    WrongKey { path: PathBuf },

    /// The passphrase does not unlock the workspace key file.
    #[error(
        "wrong passphrase: it does not unlock the workspace key file \
         (check the passphrase or SHORTLIST_PASSPHRASE)"
    )]
    WrongPassphrase,

    /// A chunk of an encrypted media file fails authentication.
    #[error(
        "encrypted media file damaged: chunk {chunk} (plaintext bytes from {offset}) fails \
         authentication; the file was modified or corrupted"
    )]
    Tampered { chunk: u64, offset: u64 },

    /// An encrypted media file ends early.
    #[error("encrypted media file truncated: {detail}")]
    Truncated { detail: String },

    /// The data does not start with the encrypted media header.
    #[error("not an encrypted Shortlist media file: {detail}")]
    NotEncryptedMedia { detail: String },

    /// An encrypted media file written by a newer Shortlist.
    #[error(
        "encrypted media file format version {found} is not supported (this build reads \
         version {supported}); update Shortlist"
    )]
    UnsupportedMediaVersion { found: u8, supported: u8 },

    /// A database expected to be encrypted is a plain SQLite file.
    #[error("the database {} is not encrypted (it is a plain SQLite file)", path.display())]
    NotEncryptedDatabase { path: PathBuf },

    /// A database expected to be plain SQLite is not (already encrypted, or not SQLite).
    #[error(
        "the database {} is not a plain SQLite file (already encrypted, or not a database)",
        path.display()
    )]
    NotPlainDatabase { path: PathBuf },

    /// The linked SQLite has no SQLCipher, so `PRAGMA key` would silently do nothing.
    #[error(
        "this build links SQLite without SQLCipher (PRAGMA cipher_version is empty); \
         build rusqlite with the `bundled-sqlcipher-vendored-openssl` feature"
    )]
    NoSqlcipher,

    /// A conversion would overwrite another file.
    #[error("{} already exists; refusing to overwrite it (remove it or choose another destination)", path.display())]
    DestinationExists { path: PathBuf },

    /// Another process has the database open (its WAL holds data not yet in the file).
    #[error(
        "the database {} is in use (its write-ahead log {} is not empty); close Shortlist and retry",
        path.display(), wal.display()
    )]
    DatabaseBusy { path: PathBuf, wal: PathBuf },

    /// The converted copy does not match or check out; the original is untouched.
    #[error("converting {} failed verification ({detail}); the original is untouched", path.display())]
    ConversionCheck { path: PathBuf, detail: String },

    /// SQLite / SQLCipher error on a named database.
    #[cfg(feature = "sqlcipher")]
    #[error("database {}: {source}", path.display())]
    Sqlite {
        path: PathBuf,
        #[source]
        source: rusqlite::Error,
    },

    /// The key file cannot be parsed or holds values this build refuses.
    #[error("workspace key file {}: {detail}", path.display())]
    KeyFile { path: PathBuf, detail: String },

    /// The key file's wrapped key fails authentication although the passphrase is right.
    #[error(
        "the workspace key file is damaged: its wrapped key fails authentication although \
         the passphrase is right; restore the key file from a backup"
    )]
    KeyFileDamaged,

    /// A setting (KDF parameters, chunk size, hex key) is out of range.
    #[error("invalid {what}: {detail}")]
    Invalid { what: &'static str, detail: String },

    /// No secure keychain answers (headless Linux, CI, locked keychain): fall back to a passphrase.
    #[error(
        "the OS keychain is not available for {service}/{account} ({detail}); \
         use a passphrase instead (SHORTLIST_PASSPHRASE)"
    )]
    KeychainUnavailable {
        service: String,
        account: String,
        detail: String,
    },

    /// The keychain answers but holds no key under this entry.
    #[error("the OS keychain holds no workspace key for {service}/{account}")]
    KeychainNoKey { service: String, account: String },

    /// The keychain answered with an error or an unusable entry.
    #[error("OS keychain entry {service}/{account}: {detail}")]
    Keychain {
        service: String,
        account: String,
        detail: String,
    },

    /// No passphrase was given and `SHORTLIST_PASSPHRASE` is unset or empty.
    #[error("no passphrase: set SHORTLIST_PASSPHRASE or enter one")]
    NoPassphrase,

    /// The OS random number generator failed.
    #[error("the OS random number generator failed: {0}")]
    Random(String),

    /// Reading or writing a named file.
    #[error("{}: {source}", path.display())]
    File {
        path: PathBuf,
        #[source]
        source: io::Error,
    },

    /// Reading or writing a stream (no file name known at this level).
    #[error("I/O error: {0}")]
    Io(#[from] io::Error),
}

impl CryptError {
    /// The [`CryptError`] inside an [`io::Error`] returned by
    /// [`DecryptingReader`](crate::DecryptingReader)'s `Read`/`Seek`, if any.
    pub fn from_io(e: &io::Error) -> Option<&CryptError> {
        e.get_ref()?.downcast_ref::<CryptError>()
    }

    /// Whether the keychain could not be reached at all, so the caller should
    /// fall back to a passphrase.
    pub fn is_keychain_unavailable(&self) -> bool {
        matches!(self, CryptError::KeychainUnavailable { .. })
    }

    /// Whether this is a wrong key or wrong passphrase (database, media or key file).
    pub fn is_wrong_key(&self) -> bool {
        matches!(
            self,
            CryptError::WrongKey { .. } | CryptError::WrongMediaKey | CryptError::WrongPassphrase
        )
    }

    pub(crate) fn file(path: impl Into<PathBuf>) -> impl FnOnce(io::Error) -> CryptError {
        let path = path.into();
        move |source| CryptError::File { path, source }
    }

    #[cfg(feature = "sqlcipher")]
    pub(crate) fn sqlite(path: impl Into<PathBuf>) -> impl FnOnce(rusqlite::Error) -> CryptError {
        let path = path.into();
        move |source| CryptError::Sqlite { path, source }
    }
}

impl From<CryptError> for io::Error {
    /// Stream I/O errors pass through unchanged; every other error becomes
    /// `InvalidData` carrying the [`CryptError`].
    fn from(e: CryptError) -> io::Error {
        match e {
            CryptError::Io(e) => e,
            other => io::Error::new(io::ErrorKind::InvalidData, other),
        }
    }
}
