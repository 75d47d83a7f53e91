//! Did the previous session of a workspace end cleanly? (SPEC F50)
//!
//! `workspace.db-session` beside the database is locked (an advisory OS file
//! lock, shared) by every open [`super::Workspace`] for its lifetime, and
//! holds a marker:
//!
//! * empty — every session so far ended cleanly;
//! * `open` — a session is (or was) running;
//! * `unchecked <unix time>` — a session ended uncleanly at about that time
//!   and no integrity check has passed since.
//!
//! The first opener (the one that gets the lock exclusively: no live
//! process has the workspace open) reads the marker: any non-empty marker
//! means the previous session never reached its clean end, so the workspace
//! needs a check ([`super::Workspace::integrity_due`]). It then writes
//! `unchecked <time>` (or `open`) and keeps a shared lock. The last one to
//! close (the one that gets the lock exclusively again) clears the marker,
//! unless a check is still owed. A crash leaves the marker as it was: the
//! next opener sees it. A process killed with the workspace open releases
//! its lock with its file descriptors, so a lock held means a live session.
//!
//! All of this reads and writes a file of a few bytes: O(1) in the size of
//! the workspace. A race between two openers in the instant one of them
//! switches locks can at worst make one of them believe the other crashed,
//! which costs a background check, never a missed one.

use std::fs::{File, OpenOptions, TryLockError};
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::Path;

use crate::error::{StoreError, StoreResult};

pub const SESSION_FILE: &str = "workspace.db-session";

const OPEN: &str = "open";
const UNCHECKED: &str = "unchecked";

pub(crate) struct Session {
    file: File,
    /// When the unclean end of an earlier session was noticed, if a check
    /// is still owed for it.
    unclean_since: Option<f64>,
}

fn read_marker(file: &mut File) -> std::io::Result<String> {
    let mut s = String::new();
    file.seek(SeekFrom::Start(0))?;
    file.read_to_string(&mut s)?;
    Ok(s.trim().to_string())
}

fn write_marker(file: &mut File, marker: &str) -> std::io::Result<()> {
    file.set_len(0)?;
    file.seek(SeekFrom::Start(0))?;
    file.write_all(marker.as_bytes())?;
    file.sync_data()
}

/// `Some(time)` when `marker` says a session ended uncleanly.
fn unclean_in(marker: &str, now: f64) -> Option<f64> {
    if marker.is_empty() {
        return None;
    }
    match marker.strip_prefix(UNCHECKED) {
        Some(t) => Some(t.trim().parse().unwrap_or(now)),
        // `open` (or anything else): the session that wrote it never
        // reached its clean end.
        None => Some(now),
    }
}

impl Session {
    pub(crate) fn start(root: &Path) -> StoreResult<Session> {
        let path = root.join(SESSION_FILE);
        let io = |e| StoreError::io(&path, e);
        // Owner-only, like every file of the workspace (`perms`).
        super::perms::private_file(&path, true).map_err(io)?;
        let mut file = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&path)
            .map_err(io)?;
        let unclean_since = match file.try_lock() {
            Ok(()) => {
                // No live session: the marker is the last one's word.
                let marker = read_marker(&mut file).map_err(io)?;
                let since = unclean_in(&marker, super::now());
                let new = match since {
                    Some(t) => format!("{UNCHECKED} {t}"),
                    None => OPEN.to_string(),
                };
                write_marker(&mut file, &new).map_err(io)?;
                file.unlock().map_err(io)?;
                since
            }
            Err(TryLockError::WouldBlock) => None,
            Err(TryLockError::Error(e)) => return Err(io(e)),
        };
        // Held for the workspace's lifetime; an exclusive lock is only ever
        // held for the moment of reading or writing the marker.
        file.lock_shared().map_err(io)?;
        let unclean_since = match unclean_since {
            Some(t) => Some(t),
            // Another session is live: a check it owes is owed here too.
            None => read_marker(&mut file)
                .map_err(io)?
                .strip_prefix(UNCHECKED)
                .map(|t| t.trim().parse().unwrap_or_else(|_| super::now())),
        };
        Ok(Session {
            file,
            unclean_since,
        })
    }

    pub(crate) fn unclean_since(&self) -> Option<f64> {
        self.unclean_since
    }

    /// End the session. `checked_since` is when the last passing integrity
    /// check started, if any: it settles a check owed since before then.
    pub(crate) fn close(mut self, checked_since: Option<f64>) {
        let _ = self.file.unlock();
        if self.file.try_lock().is_err() {
            // Someone else still has the workspace open: theirs to close.
            return;
        }
        let marker = read_marker(&mut self.file).unwrap_or_default();
        let owed = marker
            .strip_prefix(UNCHECKED)
            .map(|t| t.trim().parse::<f64>().unwrap_or(f64::MAX));
        let settled = match (owed, checked_since) {
            (None, _) => true,
            (Some(since), Some(checked)) => checked >= since,
            (Some(_), None) => false,
        };
        if settled {
            let _ = write_marker(&mut self.file, "");
        }
        let _ = self.file.unlock();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markers() {
        assert_eq!(unclean_in("", 5.0), None);
        assert_eq!(unclean_in("open", 5.0), Some(5.0));
        assert_eq!(unclean_in("unchecked 3.5", 5.0), Some(3.5));
        assert_eq!(unclean_in("unchecked junk", 5.0), Some(5.0));
    }

    #[test]
    fn clean_close_clears_crash_is_seen_live_session_is_not_a_crash() {
        let dir = tempfile::tempdir().unwrap();
        let s = Session::start(dir.path()).unwrap();
        assert_eq!(s.unclean_since(), None);
        // A second live session does not take the first for a crash.
        let s2 = Session::start(dir.path()).unwrap();
        assert_eq!(s2.unclean_since(), None);
        s2.close(None);
        s.close(None);
        let s = Session::start(dir.path()).unwrap();
        assert_eq!(s.unclean_since(), None, "both ended cleanly");
        // A crash: the session never closes (its lock goes with its file).
        drop(s);
        let s = Session::start(dir.path()).unwrap();
        let since = s.unclean_since().expect("the crash is seen");
        // Closed without a check: still owed next time.
        s.close(None);
        let s = Session::start(dir.path()).unwrap();
        assert_eq!(s.unclean_since(), Some(since));
        // A check that started after it settles it.
        s.close(Some(since + 1.0));
        let s = Session::start(dir.path()).unwrap();
        assert_eq!(s.unclean_since(), None);
        s.close(None);
    }
}
