//! Content-addressed media store: `media/<first two hex>/<sha256>`.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use crate::error::{StoreError, StoreResult};

/// Path of the file holding `hash` under `media_dir`. The hash is checked to
/// be 64 lowercase hex digits, so a caller can never name a path outside the
/// store with it.
pub fn path_for(media_dir: &Path, hash: &str) -> Option<PathBuf> {
    if hash.len() != 64
        || !hash
            .bytes()
            .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase())
    {
        return None;
    }
    Some(media_dir.join(&hash[..2]).join(hash))
}

/// Stream `reader` into the store. Returns `(sha256 hex, size)`.
/// Writes to a temp file in the store, fsyncs, then renames into place; if
/// the content is already present the temp file is dropped (no-op).
/// `max_bytes` bounds what is read (counted as read, not as declared).
pub fn put_reader(
    media_dir: &Path,
    mut reader: impl Read,
    max_bytes: u64,
) -> StoreResult<(String, u64)> {
    std::fs::create_dir_all(media_dir).map_err(|e| StoreError::io(media_dir, e))?;
    let mut tmp =
        tempfile::NamedTempFile::new_in(media_dir).map_err(|e| StoreError::io(media_dir, e))?;
    let mut hasher = Sha256::new();
    let mut buf = vec![0u8; 256 * 1024];
    let mut total: u64 = 0;
    loop {
        let n = reader
            .read(&mut buf)
            .map_err(|e| StoreError::io(tmp.path(), e))?;
        if n == 0 {
            break;
        }
        total += n as u64;
        if total > max_bytes {
            return Err(StoreError::Invalid(format!(
                "media file is larger than the {} MiB limit",
                max_bytes / (1024 * 1024)
            )));
        }
        hasher.update(&buf[..n]);
        tmp.write_all(&buf[..n])
            .map_err(|e| StoreError::io(tmp.path(), e))?;
    }
    let hash = hex::encode(hasher.finalize());
    let dest = path_for(media_dir, &hash).expect("sha256 hex is a valid hash");
    if dest.exists() {
        return Ok((hash, total));
    }
    tmp.as_file()
        .sync_all()
        .map_err(|e| StoreError::io(tmp.path(), e))?;
    let parent = dest.parent().expect("hash path has a parent");
    std::fs::create_dir_all(parent).map_err(|e| StoreError::io(parent, e))?;
    tmp.persist(&dest)
        .map_err(|e| StoreError::io(&dest, e.error))?;
    Ok((hash, total))
}
