//! Owner-only permissions for workspace files (F54): directories 0700,
//! files 0600 on Unix. Elsewhere these do nothing: Windows user profiles are
//! private by default ACLs.

use std::io::Write;
use std::path::Path;

use crate::error::{CryptError, Result};

/// Makes `path` (a directory) accessible by its owner only (0700 on Unix).
pub fn restrict_dir(path: &Path) -> Result<()> {
    set_mode(path, 0o700)
}

/// Makes `path` (a file) readable and writable by its owner only (0600 on Unix).
pub fn restrict_file(path: &Path) -> Result<()> {
    set_mode(path, 0o600)
}

#[cfg(unix)]
fn set_mode(path: &Path, mode: u32) -> Result<()> {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode))
        .map_err(CryptError::file(path))
}

#[cfg(not(unix))]
fn set_mode(path: &Path, _mode: u32) -> Result<()> {
    // Still report a missing path, as on Unix.
    std::fs::metadata(path)
        .map(|_| ())
        .map_err(CryptError::file(path))
}

/// Flushes the directory entry of a rename to disk (Unix; no-op elsewhere).
pub(crate) fn sync_dir(dir: &Path) -> Result<()> {
    #[cfg(unix)]
    std::fs::File::open(dir)
        .and_then(|d| d.sync_all())
        .map_err(CryptError::file(dir))?;
    #[cfg(not(unix))]
    let _ = dir;
    Ok(())
}

/// The directory holding `path` (`.` for a bare file name).
pub(crate) fn parent_dir(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

/// Writes `bytes` to `path` atomically: a 0600 temporary file in the same
/// directory, synced, then renamed over `path`.
pub(crate) fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    let dir = parent_dir(path);
    let mut tmp = tempfile::Builder::new()
        .prefix(".shortlist-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(CryptError::file(dir))?;
    tmp.write_all(bytes)
        .and_then(|()| tmp.as_file().sync_all())
        .map_err(CryptError::file(tmp.path()))?;
    restrict_file(tmp.path())?;
    tmp.persist(path).map_err(|e| CryptError::File {
        path: path.to_owned(),
        source: e.error,
    })?;
    sync_dir(dir)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn restricts_to_owner() {
        let dir = tempfile::tempdir().unwrap();
        let sub = dir.path().join("ws");
        std::fs::create_dir(&sub).unwrap();
        let file = sub.join("f.db");
        std::fs::write(&file, b"x").unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&sub, std::fs::Permissions::from_mode(0o755)).unwrap();
            std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o644)).unwrap();
        }
        restrict_dir(&sub).unwrap();
        restrict_file(&file).unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode(&sub), 0o700);
            assert_eq!(mode(&file), 0o600);
        }
        let missing = sub.join("missing");
        let e = restrict_file(&missing).unwrap_err();
        assert!(e.to_string().contains("missing"), "{e}");
    }

    #[test]
    fn write_atomic_replaces_and_leaves_no_temp() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("k.json");
        write_atomic(&p, b"one").unwrap();
        write_atomic(&p, b"two").unwrap();
        assert_eq!(std::fs::read(&p).unwrap(), b"two");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }
}
