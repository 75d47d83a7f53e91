//! Shortlist encryption at rest (F54). No Tauri, no shortlist-core.
//!
//! - [`key`]: the random [`WorkspaceKey`], kept in the OS keychain or in a
//!   passphrase-wrapped [`KeyFile`] (Argon2id + XChaCha20-Poly1305), chosen
//!   by a [`KeySource`].
//! - [`media`]: [`MediaCipher`] / [`encrypt_file`] and [`DecryptingReader`],
//!   a chunked XChaCha20-Poly1305 stream that reads back with `Read + Seek`
//!   (playback seeks decrypt one 64 KiB chunk).
//! - [`db`]: SQLCipher — [`apply_key`], [`verify_key`], atomic
//!   [`encrypt_database`] / [`decrypt_database`].
//! - [`perms`]: owner-only permissions ([`restrict_dir`], [`restrict_file`]).
//!
//! All errors are [`CryptError`].

#[cfg(feature = "sqlcipher")]
pub mod db;
mod error;
pub mod key;
pub mod media;
pub mod perms;

#[cfg(feature = "sqlcipher")]
pub use db::{apply_key, decrypt_database, encrypt_database, open_encrypted, verify_key};
pub use error::{CryptError, Result};
pub use key::{
    DbCipher, KdfParams, KeyFile, KeySource, WorkspaceKey, KEY_FILE_NAME, PASSPHRASE_ENV,
};
pub use media::{encrypt_file, is_encrypted_media, DecryptingReader, MediaCipher};
pub use perms::{restrict_dir, restrict_file};
