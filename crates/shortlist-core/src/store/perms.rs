//! Owner-only permissions for the workspace (SPEC F54: "workspace files
//! readable by their owner only"). No-ops off Unix.

use std::path::Path;

/// Make `dir` (which exists) `0700`.
pub fn private_dir(dir: &Path) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700))?;
    }
    let _ = dir;
    Ok(())
}

/// Make `file` `0600`: create it empty first when `create` is set and it is
/// missing (so SQLite, which gives its `-wal`/`-shm` the database's mode,
/// never makes a group- or world-readable file); tighten it when it exists.
pub fn private_file(file: &Path, create: bool) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
        if create && !file.exists() {
            std::fs::OpenOptions::new()
                .write(true)
                .create(true)
                .truncate(false)
                .mode(0o600)
                .open(file)?;
        }
        match std::fs::metadata(file) {
            Ok(m) if m.permissions().mode() & 0o077 != 0 => {
                std::fs::set_permissions(file, std::fs::Permissions::from_mode(0o600))?;
            }
            Ok(_) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(e),
        }
    }
    let _ = (file, create);
    Ok(())
}
