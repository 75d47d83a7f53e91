//! The workspace key and where it is kept: the OS keychain, or a key file
//! whose random key is wrapped by a passphrase-derived key (Argon2id).
//!
//! The workspace key is 32 random bytes, made once per workspace. Everything
//! else is derived from it with HKDF-SHA256 and a purpose label: the
//! SQLCipher key ([`crate::db`]) and each media file's key ([`crate::media`]).
//! Because the passphrase only wraps the key, changing the passphrase
//! rewrites the small key file and nothing else.

use std::fmt;
use std::path::Path;

use chacha20poly1305::aead::{AeadInPlace, KeyInit};
use chacha20poly1305::{Key, Tag, XChaCha20Poly1305, XNonce};
use hkdf::Hkdf;
use serde::{Deserialize, Serialize};
use sha2::Sha256;
use zeroize::{Zeroize, ZeroizeOnDrop, Zeroizing};

use crate::error::{CryptError, Result};

/// File name of the passphrase key file inside a workspace directory.
pub const KEY_FILE_NAME: &str = "workspace.key.json";

/// Environment variable holding the passphrase (CLI, headless use).
pub const PASSPHRASE_ENV: &str = "SHORTLIST_PASSPHRASE";

/// The random 32-byte key of one workspace, and how the workspace's
/// database pages are authenticated with it ([`DbCipher`]: a property of
/// the workspace, recorded beside it, that every connection keyed with this
/// key must apply). Zeroized on drop; `Debug` does not show the bytes.
#[derive(Clone, PartialEq, Eq, Zeroize, ZeroizeOnDrop)]
pub struct WorkspaceKey {
    bytes: [u8; WorkspaceKey::LEN],
    #[zeroize(skip)]
    db_cipher: DbCipher,
}

/// The SQLCipher page settings of a workspace database. Both use SQLCipher
/// 4's AES-256-CBC with a random IV per page; they differ in the per-page
/// HMAC.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DbCipher {
    /// SQLCipher 4's defaults (HMAC-SHA512): workspaces encrypted before
    /// the cipher was recorded.
    #[default]
    Sqlcipher4,
    /// HMAC-SHA256: what new encrypted workspaces use. The same 256-bit
    /// security for an authentication tag, at a lower cost per page
    /// (SHA-256 has hardware instructions on current x86 and ARM CPUs,
    /// SHA-512 does not), which writes and first reads pay on every page.
    HmacSha256,
}

impl DbCipher {
    /// The `PRAGMA` statements (for `schema`, e.g. `main`) that select this
    /// cipher; empty for SQLCipher's defaults.
    pub fn pragmas(self, schema: &str) -> String {
        match self {
            DbCipher::Sqlcipher4 => String::new(),
            DbCipher::HmacSha256 => {
                format!("PRAGMA {schema}.cipher_hmac_algorithm = HMAC_SHA256;")
            }
        }
    }
}

impl WorkspaceKey {
    /// Key length in bytes.
    pub const LEN: usize = 32;

    /// A new key from the OS random number generator.
    pub fn generate() -> Result<WorkspaceKey> {
        let mut k = WorkspaceKey::from_bytes([0; Self::LEN]);
        fill_random(&mut k.bytes)?;
        Ok(k)
    }

    /// A key from its raw bytes (with [`DbCipher::default`]; see
    /// [`WorkspaceKey::with_db_cipher`]).
    pub fn from_bytes(bytes: [u8; Self::LEN]) -> WorkspaceKey {
        WorkspaceKey {
            bytes,
            db_cipher: DbCipher::default(),
        }
    }

    /// This key, for a database with the page settings `db_cipher`.
    pub fn with_db_cipher(mut self, db_cipher: DbCipher) -> WorkspaceKey {
        self.db_cipher = db_cipher;
        self
    }

    /// The page settings of the database this key opens.
    pub fn db_cipher(&self) -> DbCipher {
        self.db_cipher
    }

    /// A key from 64 hex digits (as stored in the keychain).
    pub fn from_hex(hex_digits: &str) -> Result<WorkspaceKey> {
        let mut k = WorkspaceKey::from_bytes([0; Self::LEN]);
        hex::decode_to_slice(hex_digits.trim(), &mut k.bytes).map_err(|e| CryptError::Invalid {
            what: "workspace key",
            detail: format!("expected 64 hex digits ({e})"),
        })?;
        Ok(k)
    }

    /// The raw key bytes.
    pub fn as_bytes(&self) -> &[u8; Self::LEN] {
        &self.bytes
    }

    /// The key as 64 lowercase hex digits, zeroized on drop.
    pub fn to_hex(&self) -> Zeroizing<String> {
        Zeroizing::new(hex::encode(self.bytes))
    }

    /// HKDF-SHA256 of this key with `salt`, expanded for `info` into `out`.
    pub(crate) fn derive(&self, salt: &[u8], info: &[u8], out: &mut [u8]) {
        Hkdf::<Sha256>::new(Some(salt), &self.bytes)
            .expand(info, out)
            .expect("HKDF output length is at most 32 bytes here");
    }
}

impl fmt::Debug for WorkspaceKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("WorkspaceKey(<redacted>)")
    }
}

pub(crate) fn fill_random(buf: &mut [u8]) -> Result<()> {
    getrandom::fill(buf).map_err(|e| CryptError::Random(e.to_string()))
}

/// Constant-time equality of two byte strings of equal length.
pub(crate) fn ct_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// Argon2id cost parameters of a passphrase.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct KdfParams {
    /// Memory in KiB.
    pub memory_kib: u32,
    /// Passes over the memory.
    pub iterations: u32,
    /// Lanes.
    pub parallelism: u32,
}

impl Default for KdfParams {
    /// 64 MiB, 3 passes, 1 lane (RFC 9106's second recommended setting, with
    /// one lane since a desktop unlocks once per session).
    fn default() -> Self {
        KdfParams {
            memory_kib: 64 * 1024,
            iterations: 3,
            parallelism: 1,
        }
    }
}

impl KdfParams {
    /// Lowest memory accepted, in KiB (anything less is too cheap to guess against).
    pub const MIN_MEMORY_KIB: u32 = 8 * 1024;
    /// Highest memory accepted, in KiB (a key file cannot make us allocate more).
    pub const MAX_MEMORY_KIB: u32 = 4 * 1024 * 1024;

    /// Refuses parameters too weak to protect a key or too costly to unlock.
    pub fn validate(&self) -> Result<()> {
        let bad = |detail: String| {
            Err(CryptError::Invalid {
                what: "Argon2id parameters",
                detail,
            })
        };
        if !(Self::MIN_MEMORY_KIB..=Self::MAX_MEMORY_KIB).contains(&self.memory_kib) {
            return bad(format!(
                "memory {} KiB is outside {}..={} KiB",
                self.memory_kib,
                Self::MIN_MEMORY_KIB,
                Self::MAX_MEMORY_KIB
            ));
        }
        if !(1..=64).contains(&self.iterations) {
            return bad(format!("iterations {} is outside 1..=64", self.iterations));
        }
        if !(1..=16).contains(&self.parallelism) {
            return bad(format!(
                "parallelism {} is outside 1..=16",
                self.parallelism
            ));
        }
        Ok(())
    }

    fn derive(&self, passphrase: &str, salt: &[u8]) -> Result<Zeroizing<[u8; 32]>> {
        self.validate()?;
        let params =
            argon2::Params::new(self.memory_kib, self.iterations, self.parallelism, Some(32))
                .map_err(|e| CryptError::Invalid {
                    what: "Argon2id parameters",
                    detail: e.to_string(),
                })?;
        let argon =
            argon2::Argon2::new(argon2::Algorithm::Argon2id, argon2::Version::V0x13, params);
        let mut out = Zeroizing::new([0u8; 32]);
        argon
            .hash_password_into(passphrase.as_bytes(), salt, out.as_mut())
            .map_err(|e| CryptError::Invalid {
                what: "Argon2id input",
                detail: e.to_string(),
            })?;
        Ok(out)
    }
}

const KEY_FILE_VERSION: u32 = 1;
const KDF_ALGORITHM: &str = "argon2id";
const WRAP_ALGORITHM: &str = "xchacha20poly1305";
const SALT_LEN: usize = 16;
const CHECK_LEN: usize = 16;
const INFO_CHECK: &[u8] = b"shortlist key-file v1 passphrase check";
const INFO_WRAP: &[u8] = b"shortlist key-file v1 wrapping key";
const WRAP_AD: &[u8] = b"shortlist workspace key v1";

/// The passphrase key file (`workspace.key.json`): the random workspace key,
/// wrapped (XChaCha20-Poly1305) under a key derived from the passphrase with
/// Argon2id, plus a key-check value so a wrong passphrase is told apart from
/// a damaged file without touching the database. Holds no secret in clear.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeyFile {
    /// Format version (1).
    pub version: u32,
    /// How the passphrase key is derived.
    pub kdf: KdfSpec,
    /// Hex of 16 bytes derived from the passphrase key: a wrong passphrase
    /// gives another value.
    pub key_check: String,
    /// The workspace key, encrypted under the passphrase key.
    pub wrapped_key: WrappedKey,
}

/// KDF section of a [`KeyFile`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KdfSpec {
    /// Always `argon2id`.
    pub algorithm: String,
    /// Cost parameters.
    #[serde(flatten)]
    pub params: KdfParams,
    /// Hex of the random salt (16 bytes).
    pub salt: String,
}

/// Wrapped-key section of a [`KeyFile`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WrappedKey {
    /// Always `xchacha20poly1305`.
    pub algorithm: String,
    /// Hex of the 24-byte nonce.
    pub nonce: String,
    /// Hex of the 32-byte key followed by the 16-byte tag.
    pub ciphertext: String,
}

struct PassphraseKeys {
    check: [u8; CHECK_LEN],
    wrap: Zeroizing<[u8; 32]>,
}

fn passphrase_keys(passphrase: &str, params: &KdfParams, salt: &[u8]) -> Result<PassphraseKeys> {
    let pk = params.derive(passphrase, salt)?;
    let hk = Hkdf::<Sha256>::from_prk(pk.as_ref()).expect("32-byte PRK");
    let mut check = [0u8; CHECK_LEN];
    hk.expand(INFO_CHECK, &mut check).expect("16-byte output");
    let mut wrap = Zeroizing::new([0u8; 32]);
    hk.expand(INFO_WRAP, wrap.as_mut()).expect("32-byte output");
    Ok(PassphraseKeys { check, wrap })
}

impl KeyFile {
    /// Wraps `key` under `passphrase` with fresh random salt and nonce.
    pub fn create(key: &WorkspaceKey, passphrase: &str, params: KdfParams) -> Result<KeyFile> {
        if passphrase.is_empty() {
            return Err(CryptError::NoPassphrase);
        }
        let mut salt = [0u8; SALT_LEN];
        fill_random(&mut salt)?;
        let mut nonce = [0u8; 24];
        fill_random(&mut nonce)?;
        let keys = passphrase_keys(passphrase, &params, &salt)?;
        let cipher = XChaCha20Poly1305::new(Key::from_slice(&keys.wrap[..]));
        let mut buf = Zeroizing::new(key.as_bytes().to_vec());
        let tag = cipher
            .encrypt_in_place_detached(XNonce::from_slice(&nonce), WRAP_AD, &mut buf)
            .expect("32-byte plaintext fits XChaCha20-Poly1305");
        let mut ct = buf.to_vec();
        ct.extend_from_slice(&tag);
        Ok(KeyFile {
            version: KEY_FILE_VERSION,
            kdf: KdfSpec {
                algorithm: KDF_ALGORITHM.into(),
                params,
                salt: hex::encode(salt),
            },
            key_check: hex::encode(keys.check),
            wrapped_key: WrappedKey {
                algorithm: WRAP_ALGORITHM.into(),
                nonce: hex::encode(nonce),
                ciphertext: hex::encode(ct),
            },
        })
    }

    /// The workspace key, if `passphrase` is right ([`CryptError::WrongPassphrase`] if not).
    pub fn unlock(&self, passphrase: &str) -> Result<WorkspaceKey> {
        self.check_format(Path::new(KEY_FILE_NAME))?;
        let salt = hex::decode(&self.kdf.salt).expect("checked by check_format");
        let keys = passphrase_keys(passphrase, &self.kdf.params, &salt)?;
        let stored_check = hex::decode(&self.key_check).expect("checked by check_format");
        if !ct_eq(&keys.check, &stored_check) {
            return Err(CryptError::WrongPassphrase);
        }
        let nonce = hex::decode(&self.wrapped_key.nonce).expect("checked by check_format");
        let ct = hex::decode(&self.wrapped_key.ciphertext).expect("checked by check_format");
        let (body, tag) = ct.split_at(WorkspaceKey::LEN);
        let mut buf = Zeroizing::new(body.to_vec());
        XChaCha20Poly1305::new(Key::from_slice(&keys.wrap[..]))
            .decrypt_in_place_detached(
                XNonce::from_slice(&nonce),
                WRAP_AD,
                &mut buf,
                Tag::from_slice(tag),
            )
            .map_err(|_| CryptError::KeyFileDamaged)?;
        let mut bytes = [0u8; WorkspaceKey::LEN];
        bytes.copy_from_slice(&buf);
        let key = WorkspaceKey::from_bytes(bytes);
        bytes.zeroize();
        Ok(key)
    }

    /// The same workspace key wrapped under `new` instead of `old` (fresh salt
    /// and nonce); nothing else needs re-encrypting.
    pub fn change_passphrase(&self, old: &str, new: &str, params: KdfParams) -> Result<KeyFile> {
        let key = self.unlock(old)?;
        KeyFile::create(&key, new, params)
    }

    /// Reads and checks a key file.
    pub fn load(path: &Path) -> Result<KeyFile> {
        let text = std::fs::read_to_string(path).map_err(CryptError::file(path))?;
        let kf: KeyFile = serde_json::from_str(&text).map_err(|e| CryptError::KeyFile {
            path: path.to_owned(),
            detail: format!("not a workspace key file ({e})"),
        })?;
        kf.check_format(path)?;
        Ok(kf)
    }

    /// Writes the key file atomically (temporary file in the same directory,
    /// then rename), readable by its owner only.
    pub fn save(&self, path: &Path) -> Result<()> {
        let json = serde_json::to_string_pretty(self).expect("a KeyFile serialises");
        crate::perms::write_atomic(path, json.as_bytes())
    }

    fn check_format(&self, path: &Path) -> Result<()> {
        let bad = |detail: String| {
            Err(CryptError::KeyFile {
                path: path.to_owned(),
                detail,
            })
        };
        if self.version != KEY_FILE_VERSION {
            return bad(format!(
                "format version {} is not supported (this build reads version {KEY_FILE_VERSION}); update Shortlist",
                self.version
            ));
        }
        if self.kdf.algorithm != KDF_ALGORITHM {
            return bad(format!(
                "kdf.algorithm {:?} is not {KDF_ALGORITHM:?}",
                self.kdf.algorithm
            ));
        }
        if self.wrapped_key.algorithm != WRAP_ALGORITHM {
            return bad(format!(
                "wrapped_key.algorithm {:?} is not {WRAP_ALGORITHM:?}",
                self.wrapped_key.algorithm
            ));
        }
        self.kdf
            .params
            .validate()
            .or_else(|e| bad(format!("kdf: {e}")))?;
        for (field, value, len) in [
            ("kdf.salt", &self.kdf.salt, SALT_LEN),
            ("key_check", &self.key_check, CHECK_LEN),
            ("wrapped_key.nonce", &self.wrapped_key.nonce, 24),
            (
                "wrapped_key.ciphertext",
                &self.wrapped_key.ciphertext,
                WorkspaceKey::LEN + 16,
            ),
        ] {
            match hex::decode(value) {
                Ok(b) if b.len() == len => {}
                _ => return bad(format!("{field} must be {} hex digits", len * 2)),
            }
        }
        Ok(())
    }
}

/// Where the workspace key comes from. `Debug` does not show the passphrase;
/// the passphrase is zeroized on drop.
pub enum KeySource {
    /// The OS keychain (macOS Keychain, Windows Credential Manager, Secret
    /// Service on Linux) holds the key as 64 hex digits.
    Keychain { service: String, account: String },
    /// A passphrase unlocks the key file.
    Passphrase(String),
}

impl Drop for KeySource {
    fn drop(&mut self) {
        if let KeySource::Passphrase(p) = self {
            p.zeroize();
        }
    }
}

impl fmt::Debug for KeySource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            KeySource::Keychain { service, account } => f
                .debug_struct("Keychain")
                .field("service", service)
                .field("account", account)
                .finish(),
            KeySource::Passphrase(_) => f.write_str("Passphrase(<redacted>)"),
        }
    }
}

impl KeySource {
    /// The passphrase from `SHORTLIST_PASSPHRASE`, if set and not empty.
    pub fn passphrase_from_env() -> Option<KeySource> {
        Self::passphrase_from(std::env::var(PASSPHRASE_ENV).ok())
    }

    /// A passphrase source from a value that may be missing or empty
    /// (e.g. read from stdin).
    pub fn passphrase_from(value: Option<String>) -> Option<KeySource> {
        let mut v = value?;
        if v.is_empty() {
            v.zeroize();
            return None;
        }
        Some(KeySource::Passphrase(v))
    }

    /// The workspace key: from the keychain, or by unlocking the key file at
    /// `key_file` with the passphrase. On
    /// [`CryptError::KeychainUnavailable`] the caller falls back to a passphrase.
    pub fn load_key(&self, key_file: &Path) -> Result<WorkspaceKey> {
        match self {
            KeySource::Keychain { service, account } => keychain_load(service, account),
            KeySource::Passphrase(p) => KeyFile::load(key_file)?.unlock(p),
        }
    }

    /// Keeps `key` in the keychain, or writes the key file at `key_file`
    /// wrapping it under the passphrase with `params`.
    pub fn store_key(&self, key: &WorkspaceKey, key_file: &Path, params: KdfParams) -> Result<()> {
        match self {
            KeySource::Keychain { service, account } => keychain_store(service, account, key),
            KeySource::Passphrase(p) => KeyFile::create(key, p, params)?.save(key_file),
        }
    }
}

fn keychain_error(service: &str, account: &str, e: keyring::Error) -> CryptError {
    match e {
        keyring::Error::NoEntry => CryptError::KeychainNoKey {
            service: service.into(),
            account: account.into(),
        },
        keyring::Error::PlatformFailure(_) | keyring::Error::NoStorageAccess(_) => {
            CryptError::KeychainUnavailable {
                service: service.into(),
                account: account.into(),
                detail: e.to_string(),
            }
        }
        other => CryptError::Keychain {
            service: service.into(),
            account: account.into(),
            detail: other.to_string(),
        },
    }
}

/// The workspace key kept in the OS keychain under `service`/`account`.
pub fn keychain_load(service: &str, account: &str) -> Result<WorkspaceKey> {
    let entry =
        keyring::Entry::new(service, account).map_err(|e| keychain_error(service, account, e))?;
    let secret = Zeroizing::new(
        entry
            .get_password()
            .map_err(|e| keychain_error(service, account, e))?,
    );
    WorkspaceKey::from_hex(&secret).map_err(|_| CryptError::Keychain {
        service: service.into(),
        account: account.into(),
        detail: "the stored value is not a workspace key (64 hex digits)".into(),
    })
}

/// Keeps `key` in the OS keychain under `service`/`account` (replacing any).
pub fn keychain_store(service: &str, account: &str, key: &WorkspaceKey) -> Result<()> {
    let entry =
        keyring::Entry::new(service, account).map_err(|e| keychain_error(service, account, e))?;
    entry
        .set_password(&key.to_hex())
        .map_err(|e| keychain_error(service, account, e))
}

/// Removes the key from the OS keychain; `Ok(false)` if there was none.
pub fn keychain_delete(service: &str, account: &str) -> Result<bool> {
    let entry =
        keyring::Entry::new(service, account).map_err(|e| keychain_error(service, account, e))?;
    match entry.delete_credential() {
        Ok(()) => Ok(true),
        Err(keyring::Error::NoEntry) => Ok(false),
        Err(e) => Err(keychain_error(service, account, e)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The cheapest parameters `validate` accepts, so tests stay fast.
    const FAST: KdfParams = KdfParams {
        memory_kib: KdfParams::MIN_MEMORY_KIB,
        iterations: 1,
        parallelism: 1,
    };

    #[test]
    fn key_hex_round_trip_and_debug_hides_key() {
        let k = WorkspaceKey::generate().unwrap();
        assert_eq!(WorkspaceKey::from_hex(&k.to_hex()).unwrap(), k);
        assert_eq!(format!("{k:?}"), "WorkspaceKey(<redacted>)");
        assert_ne!(
            WorkspaceKey::generate().unwrap(),
            k,
            "two generated keys differ"
        );
        let e = WorkspaceKey::from_hex("abcd").unwrap_err();
        assert!(e.to_string().contains("64 hex digits"), "{e}");
    }

    #[test]
    fn key_file_unlocks_with_right_passphrase_only() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(KEY_FILE_NAME);
        let key = WorkspaceKey::generate().unwrap();
        KeyFile::create(&key, "correct horse", FAST)
            .unwrap()
            .save(&path)
            .unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(
            !text.contains(key.to_hex().as_str()),
            "key file holds the key in clear"
        );
        let kf = KeyFile::load(&path).unwrap();
        assert_eq!(kf.unlock("correct horse").unwrap(), key);
        let e = kf.unlock("correct hors").unwrap_err();
        assert!(matches!(e, CryptError::WrongPassphrase), "{e:?}");
        assert!(e.is_wrong_key());
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode, 0o600);
        }
    }

    #[test]
    fn damaged_wrapped_key_is_told_apart_from_wrong_passphrase() {
        let key = WorkspaceKey::generate().unwrap();
        let mut kf = KeyFile::create(&key, "pw", FAST).unwrap();
        let mut ct = hex::decode(&kf.wrapped_key.ciphertext).unwrap();
        ct[3] ^= 1;
        kf.wrapped_key.ciphertext = hex::encode(ct);
        assert!(matches!(
            kf.unlock("pw").unwrap_err(),
            CryptError::KeyFileDamaged
        ));
    }

    #[test]
    fn change_passphrase_keeps_the_key() {
        let key = WorkspaceKey::generate().unwrap();
        let kf = KeyFile::create(&key, "old", FAST).unwrap();
        let kf2 = kf.change_passphrase("old", "new", FAST).unwrap();
        assert_eq!(kf2.unlock("new").unwrap(), key);
        assert!(matches!(
            kf2.unlock("old").unwrap_err(),
            CryptError::WrongPassphrase
        ));
        assert_ne!(kf2.kdf.salt, kf.kdf.salt);
        assert!(matches!(
            kf.change_passphrase("bad", "new", FAST).unwrap_err(),
            CryptError::WrongPassphrase
        ));
    }

    #[test]
    fn malformed_key_files_are_refused_with_the_field_named() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(KEY_FILE_NAME);
        std::fs::write(&path, "{ not json").unwrap();
        let e = KeyFile::load(&path).unwrap_err();
        assert!(
            e.to_string().contains(KEY_FILE_NAME)
                && e.to_string().contains("not a workspace key file"),
            "{e}"
        );

        let key = WorkspaceKey::generate().unwrap();
        let good = KeyFile::create(&key, "pw", FAST).unwrap();
        let mut weak = good.clone();
        weak.kdf.params.memory_kib = 64;
        weak.save(&path).unwrap();
        let e = KeyFile::load(&path).unwrap_err();
        assert!(e.to_string().contains("memory 64 KiB"), "{e}");
        let mut newer = good.clone();
        newer.version = 2;
        newer.save(&path).unwrap();
        assert!(KeyFile::load(&path)
            .unwrap_err()
            .to_string()
            .contains("version 2"));
        let mut short = good;
        short.kdf.salt.truncate(10);
        short.save(&path).unwrap();
        assert!(KeyFile::load(&path)
            .unwrap_err()
            .to_string()
            .contains("kdf.salt"));
    }

    #[test]
    fn empty_passphrase_is_no_passphrase() {
        assert!(KeySource::passphrase_from(Some(String::new())).is_none());
        assert!(KeySource::passphrase_from(None).is_none());
        let s = KeySource::passphrase_from(Some("pw".into())).unwrap();
        assert_eq!(format!("{s:?}"), "Passphrase(<redacted>)");
        let key = WorkspaceKey::generate().unwrap();
        assert!(matches!(
            KeyFile::create(&key, "", FAST).unwrap_err(),
            CryptError::NoPassphrase
        ));
    }

    #[test]
    fn key_source_passphrase_store_then_load() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(KEY_FILE_NAME);
        let key = WorkspaceKey::generate().unwrap();
        KeySource::Passphrase("s3cret".into())
            .store_key(&key, &path, FAST)
            .unwrap();
        assert_eq!(
            KeySource::Passphrase("s3cret".into())
                .load_key(&path)
                .unwrap(),
            key
        );
        let e = KeySource::Passphrase("other".into())
            .load_key(&path)
            .unwrap_err();
        assert!(matches!(e, CryptError::WrongPassphrase));
    }

    /// Round trip through the real OS keychain where one answers; where none
    /// does (headless Linux, CI), the failure must be classified as
    /// unavailable so the caller falls back to a passphrase.
    #[test]
    fn keychain_round_trip_or_unavailable() {
        let service = "shortlist-crypt-test";
        let account = format!("workspace-key-test-{}", std::process::id());
        let key = WorkspaceKey::generate().unwrap();
        let source = KeySource::Keychain {
            service: service.into(),
            account: account.clone(),
        };
        match source.store_key(&key, Path::new("unused"), FAST) {
            Ok(()) => {
                assert_eq!(source.load_key(Path::new("unused")).unwrap(), key);
                assert!(keychain_delete(service, &account).unwrap());
                let e = keychain_load(service, &account).unwrap_err();
                assert!(matches!(e, CryptError::KeychainNoKey { .. }), "{e:?}");
            }
            Err(e) => {
                eprintln!("keychain not available here, as on headless Linux: {e}");
                assert!(
                    e.is_keychain_unavailable(),
                    "keychain failed but not as unavailable: {e:?}"
                );
                assert!(
                    e.to_string().contains(service)
                        && e.to_string().contains("SHORTLIST_PASSPHRASE"),
                    "{e}"
                );
            }
        }
    }

    #[test]
    fn default_params_are_valid() {
        KdfParams::default().validate().unwrap();
    }
}
