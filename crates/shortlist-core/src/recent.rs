//! Opening, creating and remembering workspaces (SPEC F1).
//!
//! A workspace is a folder holding `workspace.db` and `media/`. The desktop
//! app offers "Open workspace…" (an existing workspace folder), "New
//! workspace…" (an empty or not-yet-existing folder) and a list of recently
//! opened workspaces. The rules live here so they are tested headless:
//! * [`inspect_folder`] tells a workspace from an empty folder from a folder
//!   of unrelated files; [`open_existing`] and [`create_new`] refuse the
//!   wrong kind with a message that says what to choose instead, and never
//!   write into a folder of unrelated files.
//! * [`RecentList`] is a small JSON file in the OS config folder (not in any
//!   workspace: it lists them). It holds paths only, newest first, at most
//!   [`MAX_RECENT`]; it is rewritten atomically (temp file + rename), and a
//!   missing or unreadable file is an empty list, never an error that would
//!   keep the app from starting.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::error::{StoreError, StoreResult};
use crate::store::{Workspace, DB_FILE};

/// How many workspaces the recent list keeps.
pub const MAX_RECENT: usize = 10;

/// What a folder chosen by the user holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FolderKind {
    /// Has `workspace.db`.
    Workspace,
    /// Does not exist yet, or exists with nothing in it (hidden files such
    /// as `.DS_Store` don't count).
    Empty,
    /// Holds other files and no `workspace.db`.
    Other,
}

pub fn inspect_folder(dir: &Path) -> StoreResult<FolderKind> {
    if dir.join(DB_FILE).is_file() {
        return Ok(FolderKind::Workspace);
    }
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(FolderKind::Empty),
        Err(e) => return Err(StoreError::io(dir, e)),
    };
    for entry in entries {
        let entry = entry.map_err(|e| StoreError::io(dir, e))?;
        if !entry.file_name().to_string_lossy().starts_with('.') {
            return Ok(FolderKind::Other);
        }
    }
    Ok(FolderKind::Empty)
}

/// Open a folder that already is a workspace ("Open workspace…").
pub fn open_existing(dir: &Path) -> StoreResult<Workspace> {
    match inspect_folder(dir)? {
        FolderKind::Workspace => Workspace::open(dir),
        FolderKind::Empty => Err(StoreError::Invalid(format!(
            "{} holds no workspace yet; use New workspace… to create one there",
            dir.display()
        ))),
        FolderKind::Other => Err(StoreError::NotAWorkspace {
            path: dir.to_path_buf(),
        }),
    }
}

/// Create a workspace in an empty or new folder ("New workspace…").
pub fn create_new(dir: &Path) -> StoreResult<Workspace> {
    match inspect_folder(dir)? {
        FolderKind::Empty => Workspace::open(dir),
        FolderKind::Workspace => Err(StoreError::AlreadyAWorkspace {
            path: dir.to_path_buf(),
        }),
        FolderKind::Other => Err(StoreError::NotAWorkspace {
            path: dir.to_path_buf(),
        }),
    }
}

/// One remembered workspace.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RecentEntry {
    pub path: PathBuf,
    /// Unix seconds of the last time it was opened.
    pub opened_at: i64,
}

/// The recent-workspaces file, newest first.
#[derive(Debug, Clone, Default)]
pub struct RecentList {
    file: PathBuf,
    pub entries: Vec<RecentEntry>,
}

#[derive(Serialize, Deserialize)]
struct OnDisk {
    version: u32,
    workspaces: Vec<RecentEntry>,
}

/// `<OS config dir>/Shortlist/recent-workspaces.json`.
pub fn default_recent_file() -> Option<PathBuf> {
    dirs::config_dir().map(|d| d.join("Shortlist").join("recent-workspaces.json"))
}

impl RecentList {
    /// Read `file`; missing or unreadable means an empty list.
    pub fn load(file: impl Into<PathBuf>) -> RecentList {
        let file = file.into();
        let entries = std::fs::read(&file)
            .ok()
            .and_then(|bytes| serde_json::from_slice::<OnDisk>(&bytes).ok())
            .map(|d| d.workspaces)
            .unwrap_or_default();
        let mut list = RecentList {
            file,
            entries: Vec::new(),
        };
        for e in entries.into_iter().rev() {
            list.touch(&e.path, e.opened_at);
        }
        list
    }

    /// Put `dir` first (opened at `now`), dropping the oldest past [`MAX_RECENT`].
    pub fn touch(&mut self, dir: &Path, now: i64) {
        let dir = normalise(dir);
        self.entries.retain(|e| e.path != dir);
        self.entries.insert(
            0,
            RecentEntry {
                path: dir,
                opened_at: now,
            },
        );
        self.entries.truncate(MAX_RECENT);
    }

    /// Remove `dir` from the list (the folder itself is left alone).
    pub fn forget(&mut self, dir: &Path) -> bool {
        let dir = normalise(dir);
        let before = self.entries.len();
        self.entries.retain(|e| e.path != dir);
        self.entries.len() != before
    }

    /// Write the list atomically.
    pub fn save(&self) -> StoreResult<()> {
        let dir = self
            .file
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        std::fs::create_dir_all(dir).map_err(|e| StoreError::io(dir, e))?;
        let json = serde_json::to_vec_pretty(&OnDisk {
            version: 1,
            workspaces: self.entries.clone(),
        })
        .map_err(|e| StoreError::Invalid(format!("cannot encode the recent list: {e}")))?;
        let mut tmp = tempfile::NamedTempFile::new_in(dir).map_err(|e| StoreError::io(dir, e))?;
        std::io::Write::write_all(&mut tmp, &json).map_err(|e| StoreError::io(&self.file, e))?;
        tmp.persist(&self.file)
            .map_err(|e| StoreError::io(&self.file, e.error))?;
        Ok(())
    }
}

/// Absolute, with `.`/`..` resolved when the folder exists, so the same
/// workspace reached two ways is one entry.
fn normalise(dir: &Path) -> PathBuf {
    std::fs::canonicalize(dir)
        .unwrap_or_else(|_| std::path::absolute(dir).unwrap_or_else(|_| dir.to_path_buf()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Coded;

    #[test]
    fn folders_are_told_apart() {
        let tmp = tempfile::tempdir().unwrap();
        let missing = tmp.path().join("new");
        assert_eq!(inspect_folder(&missing).unwrap(), FolderKind::Empty);
        std::fs::create_dir(&missing).unwrap();
        std::fs::write(missing.join(".DS_Store"), b"x").unwrap();
        assert_eq!(inspect_folder(&missing).unwrap(), FolderKind::Empty);
        let other = tmp.path().join("photos");
        std::fs::create_dir(&other).unwrap();
        std::fs::write(other.join("cat.jpg"), b"x").unwrap();
        assert_eq!(inspect_folder(&other).unwrap(), FolderKind::Other);
        let ws = tmp.path().join("ws");
        Workspace::open(&ws).unwrap();
        assert_eq!(inspect_folder(&ws).unwrap(), FolderKind::Workspace);
    }

    #[test]
    fn open_and_create_refuse_the_wrong_folder_without_writing() {
        let tmp = tempfile::tempdir().unwrap();
        let other = tmp.path().join("docs");
        std::fs::create_dir(&other).unwrap();
        std::fs::write(other.join("notes.txt"), b"mine").unwrap();
        for result in [open_existing(&other), create_new(&other)] {
            let err = result.expect_err("refused");
            assert_eq!(err.code(), "not_a_workspace");
            assert!(err.to_string().contains("docs"), "{err}");
        }
        // Nothing was written into the user's folder.
        let names: Vec<_> = std::fs::read_dir(&other)
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, vec![std::ffi::OsString::from("notes.txt")]);

        let fresh = tmp.path().join("fresh");
        let err = open_existing(&fresh).expect_err("nothing to open");
        assert!(err.to_string().contains("New workspace"), "{err}");
        assert!(!fresh.exists());
        let ws = create_new(&fresh).unwrap();
        assert!(ws.is_empty().unwrap());
        drop(ws);
        let err = create_new(&fresh).expect_err("already one");
        assert_eq!(err.code(), "already_a_workspace");
        assert!(open_existing(&fresh).is_ok());
    }

    #[test]
    fn recent_list_is_newest_first_deduplicated_and_capped() {
        let tmp = tempfile::tempdir().unwrap();
        let file = tmp.path().join("cfg").join("recent.json");
        let mut list = RecentList::load(&file);
        assert!(list.entries.is_empty());
        for i in 0..12 {
            let dir = tmp.path().join(format!("ws{i}"));
            std::fs::create_dir(&dir).unwrap();
            list.touch(&dir, i);
        }
        // The same folder reached through `..` is one entry.
        let again = tmp.path().join("x").join("..").join("ws11");
        std::fs::create_dir_all(tmp.path().join("x")).unwrap();
        list.touch(&again, 100);
        assert_eq!(list.entries.len(), MAX_RECENT);
        assert_eq!(list.entries[0].opened_at, 100);
        assert!(list.entries[0].path.ends_with("ws11"));
        assert!(list.entries[1].path.ends_with("ws10"));
        assert!(list.entries.iter().all(|e| !e.path.ends_with("ws0")));
        list.save().unwrap();

        let mut back = RecentList::load(&file);
        assert_eq!(back.entries, list.entries);
        assert!(back.forget(&tmp.path().join("ws10")));
        assert!(!back.forget(&tmp.path().join("ws10")));
        back.save().unwrap();
        assert_eq!(RecentList::load(&file).entries.len(), MAX_RECENT - 1);
    }

    #[test]
    fn an_unreadable_recent_file_is_an_empty_list() {
        let tmp = tempfile::tempdir().unwrap();
        let file = tmp.path().join("recent.json");
        std::fs::write(&file, b"{ not json").unwrap();
        let mut list = RecentList::load(&file);
        assert!(list.entries.is_empty());
        list.touch(tmp.path(), 1);
        list.save().unwrap();
        assert_eq!(RecentList::load(&file).entries.len(), 1);
    }
}
