//! Content-addressed media store: `media/<first two hex>/<sha256>`.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use crate::error::{StoreError, StoreResult};

/// Hashes and counts what is read through it; fails past `max_bytes`.
struct Counted<R> {
    inner: R,
    hasher: Sha256,
    total: u64,
    max_bytes: u64,
}

impl<R: Read> Read for Counted<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.total += n as u64;
        if self.total > self.max_bytes {
            return Err(std::io::Error::other("media file over its size limit"));
        }
        self.hasher.update(&buf[..n]);
        Ok(n)
    }
}

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
    reader: impl Read,
    max_bytes: u64,
) -> StoreResult<(String, u64)> {
    put_reader_keyed(media_dir, reader, max_bytes, None)
}

/// [`put_reader`] for the workspace whose key is `key`: in an encrypted
/// workspace (`Some`) the file is written through
/// [`shortlist_crypt::MediaCipher`] (never a plaintext byte on disk) and
/// still named by the SHA-256 of its plaintext.
pub fn put_reader_keyed(
    media_dir: &Path,
    reader: impl Read,
    max_bytes: u64,
    key: Option<&shortlist_crypt::WorkspaceKey>,
) -> StoreResult<(String, u64)> {
    std::fs::create_dir_all(media_dir).map_err(|e| StoreError::io(media_dir, e))?;
    let mut tmp =
        tempfile::NamedTempFile::new_in(media_dir).map_err(|e| StoreError::io(media_dir, e))?;
    let mut counted = Counted {
        inner: reader,
        hasher: Sha256::new(),
        total: 0,
        max_bytes,
    };
    let tmp_path = tmp.path().to_path_buf();
    let copied = match key {
        None => std::io::copy(&mut counted, tmp.as_file_mut()).map(|_| ()),
        Some(k) => {
            let mut w = std::io::BufWriter::with_capacity(256 * 1024, tmp.as_file_mut());
            shortlist_crypt::MediaCipher::new(k)
                .encrypt(&mut counted, &mut w)
                .map_err(std::io::Error::from)
                .and_then(|_| w.flush())
        }
    };
    if let Err(e) = copied {
        if counted.total > max_bytes {
            return Err(StoreError::Invalid(format!(
                "media file is larger than the {} MiB limit",
                max_bytes / (1024 * 1024)
            )));
        }
        return Err(StoreError::io(tmp_path, e));
    }
    let total = counted.total;
    let hash = hex::encode(counted.hasher.finalize());
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
