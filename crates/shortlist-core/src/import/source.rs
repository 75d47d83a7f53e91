//! Reading a bundle (folder or zip) with limits.
//!
//! Every byte is counted as it is read or inflated (never trusting the sizes
//! a zip declares); names are checked before anything is opened; symlinks are
//! refused in zips (unix mode `S_IFLNK`) and folders alike. JSON documents are
//! read into memory (bounded per file and in total); media stay where they
//! are and are streamed later, straight into the content store.

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::fs::File;
use std::io::{self, Read};
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

use super::error::{ImportError, Problem};

/// Bounds on what an import reads. Defaults suit real exports; tests shrink
/// them.
#[derive(Debug, Clone)]
pub struct Limits {
    /// Entries (files and folders) in a bundle.
    pub max_entries: usize,
    /// Bytes of one JSON document.
    pub max_json_bytes: u64,
    /// Bytes of one media file.
    pub max_media_bytes: u64,
    /// Bytes read in total (JSON and media).
    pub max_total_bytes: u64,
    /// Inflated / compressed ratio above which a zip entry is refused as a
    /// bomb, once it has inflated more than [`Limits::ratio_grace_bytes`].
    pub max_ratio: u64,
    pub ratio_grace_bytes: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_entries: 100_000,
            max_json_bytes: 64 << 20,
            max_media_bytes: 2 << 30,
            max_total_bytes: 64 << 30,
            max_ratio: 200,
            ratio_grace_bytes: 4 << 20,
        }
    }
}

/// A limit hit while reading; carried inside an `io::Error`.
#[derive(Debug)]
pub(crate) struct LimitHit(pub String);

impl std::fmt::Display for LimitHit {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}
impl std::error::Error for LimitHit {}

/// Turn an io error of a read into a user message (limit hits keep theirs).
pub(crate) fn read_message(e: &io::Error) -> String {
    if let Some(hit) = e.get_ref().and_then(|r| r.downcast_ref::<LimitHit>()) {
        return hit.0.clone();
    }
    format!("cannot read: {e}")
}

/// Counts bytes as they come out of `inner` and fails once a limit is hit.
pub(crate) struct Counted<'a, R> {
    inner: R,
    read: u64,
    limit: u64,
    what: &'static str,
    compressed: Option<u64>,
    limits: &'a Limits,
    total: &'a AtomicU64,
    cancel: Option<&'a AtomicBool>,
}

impl<R: Read> Read for Counted<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.cancel.is_some_and(|c| c.load(Ordering::Relaxed)) {
            return Err(io::Error::new(
                io::ErrorKind::Interrupted,
                LimitHit("cancelled".into()),
            ));
        }
        let n = self.inner.read(buf)?;
        self.read += n as u64;
        let total = self.total.fetch_add(n as u64, Ordering::Relaxed) + n as u64;
        if self.read > self.limit {
            return Err(limit_err(format!(
                "larger than the {} limit for a {} file; split the bundle or remove the file",
                human(self.limit),
                self.what
            )));
        }
        if total > self.limits.max_total_bytes {
            return Err(limit_err(format!(
                "the bundle inflates to more than {} in total; import it in parts",
                human(self.limits.max_total_bytes)
            )));
        }
        if let Some(c) = self.compressed {
            if self.read > self.limits.ratio_grace_bytes
                && self.read / c.max(1) > self.limits.max_ratio
            {
                return Err(limit_err(format!(
                    "zip entry inflates more than {}:1 ({} compressed bytes gave over {}); refused as a zip bomb",
                    self.limits.max_ratio,
                    c,
                    human(self.read)
                )));
            }
        }
        Ok(n)
    }
}

fn limit_err(msg: String) -> io::Error {
    io::Error::other(LimitHit(msg))
}

pub(crate) fn human(bytes: u64) -> String {
    if bytes >= 1 << 30 && bytes & ((1 << 30) - 1) == 0 {
        format!("{} GiB", bytes >> 30)
    } else if bytes >= 1 << 30 {
        format!("{:.1} GiB", bytes as f64 / (1u64 << 30) as f64)
    } else if bytes >= 1 << 20 {
        format!("{} MiB", bytes >> 20)
    } else if bytes >= 1 << 10 {
        format!("{} KiB", bytes >> 10)
    } else {
        format!("{bytes} bytes")
    }
}

/// Where an entry's bytes live.
#[derive(Debug, Clone)]
enum Loc {
    File(PathBuf),
    Zip { index: usize, compressed: u64 },
}

/// A bundle opened for reading: its JSON documents (read, bounded) and an
/// index of every other file (read later, on demand).
pub(crate) struct Bundle {
    /// Display name of the source (folder or zip path).
    pub label: String,
    zip: Option<RefCell<zip::ZipArchive<File>>>,
    /// `postings/…`, `candidates/…`, `interviews/…`, `extensions/…` JSON:
    /// read already (zip) or to be read by the parser threads (folder).
    pub json: Vec<(String, JsonSource)>,
    /// Every other regular file, by bundle-relative path (`/`-separated).
    files: BTreeMap<String, Loc>,
    total: AtomicU64,
}

/// The bytes of a JSON document, or where to read them.
pub(crate) enum JsonSource {
    Bytes(Vec<u8>),
    File(PathBuf),
}

impl JsonSource {
    /// The document's bytes, read with the JSON limits.
    pub fn into_bytes(self, bundle: &BundleCounter<'_>) -> io::Result<Vec<u8>> {
        match self {
            JsonSource::Bytes(b) => Ok(b),
            JsonSource::File(p) => read_json_file(&p, bundle.limits, bundle.total, bundle.cancel),
        }
    }
}

/// What parser threads need to read folder documents (shareable).
pub(crate) struct BundleCounter<'a> {
    pub limits: &'a Limits,
    pub total: &'a AtomicU64,
    pub cancel: Option<&'a AtomicBool>,
}

/// Folders whose `.json` files are API documents.
pub(crate) const JSON_DIRS: &[&str] = &["postings", "candidates", "interviews", "extensions"];

fn is_json_doc(name: &str) -> bool {
    let mut parts = name.splitn(2, '/');
    let dir = parts.next().unwrap_or("");
    let rest = parts.next().unwrap_or("");
    JSON_DIRS.contains(&dir)
        && !rest.is_empty()
        && !rest.contains('/')
        && rest.to_ascii_lowercase().ends_with(".json")
}

impl Bundle {
    pub fn counter<'a>(
        &'a self,
        limits: &'a Limits,
        cancel: Option<&'a AtomicBool>,
    ) -> BundleCounter<'a> {
        BundleCounter {
            limits,
            total: &self.total,
            cancel,
        }
    }

    pub fn has_file(&self, name: &str) -> bool {
        self.files.contains_key(name)
    }

    /// Stream the file `name` through `f`, counted and bounded as media.
    pub fn with_file<T>(
        &self,
        name: &str,
        limits: &Limits,
        max: u64,
        cancel: Option<&AtomicBool>,
        f: impl FnOnce(&mut dyn Read) -> io::Result<T>,
    ) -> io::Result<T> {
        let loc = self
            .files
            .get(name)
            .ok_or_else(|| io::Error::new(io::ErrorKind::NotFound, "not in the bundle"))?;
        match loc {
            Loc::File(p) => {
                let file = File::open(p)?;
                let mut r = Counted {
                    inner: file,
                    read: 0,
                    limit: max,
                    what: "media",
                    compressed: None,
                    limits,
                    total: &self.total,
                    cancel,
                };
                f(&mut r)
            }
            Loc::Zip { index, compressed } => {
                let zip = self.zip.as_ref().expect("zip entry in a zip bundle");
                let mut zip = zip.borrow_mut();
                let entry = zip.by_index(*index).map_err(io::Error::other)?;
                let mut r = Counted {
                    inner: entry,
                    read: 0,
                    limit: max,
                    what: "media",
                    compressed: Some(*compressed),
                    limits,
                    total: &self.total,
                    cancel,
                };
                f(&mut r)
            }
        }
    }
}

/// Check a bundle-relative name: no absolute path, no `..`, no drive prefix,
/// no NUL. Returns the `/`-joined normal form.
pub(crate) fn safe_name(raw: &str) -> Result<String, String> {
    if raw.contains('\0') {
        return Err("entry name contains a NUL byte".into());
    }
    let unified = raw.replace('\\', "/");
    if unified.starts_with('/') || (unified.len() >= 2 && unified.as_bytes()[1] == b':') {
        return Err(
            "absolute path in the bundle; refused (paths must stay inside the bundle)".into(),
        );
    }
    let mut out = Vec::new();
    for part in unified.split('/') {
        match part {
            "" | "." => {}
            ".." => return Err("path goes outside the bundle with `..`; refused".into()),
            p => out.push(p),
        }
    }
    Ok(out.join("/"))
}

/// Open `path` (a folder or a `.zip`) and read its JSON documents.
pub(crate) fn open_bundle(
    path: &Path,
    limits: &Limits,
    cancel: Option<&AtomicBool>,
    problems: &mut Vec<Problem>,
    progress: &mut dyn FnMut(u64, u64),
) -> Result<Bundle, ImportError> {
    let meta = std::fs::metadata(path).map_err(|source| ImportError::Unreadable {
        path: path.to_path_buf(),
        source,
    })?;
    let label = path.display().to_string();
    let mut bundle = Bundle {
        label,
        zip: None,
        json: Vec::new(),
        files: BTreeMap::new(),
        total: AtomicU64::new(0),
    };
    let mut entries: Vec<(String, Loc)> = Vec::new();
    if meta.is_dir() {
        walk_folder(path, path, limits, problems, &mut entries)?;
    } else {
        let file = File::open(path).map_err(|source| ImportError::Unreadable {
            path: path.to_path_buf(),
            source,
        })?;
        let mut zip = zip::ZipArchive::new(file).map_err(|e| ImportError::Invalid {
            problems: vec![Problem::file(
                bundle.label.clone(),
                format!("not a readable zip archive: {e}"),
            )],
        })?;
        if zip.len() > limits.max_entries {
            return Err(ImportError::Invalid {
                problems: vec![Problem::file(
                    bundle.label.clone(),
                    format!(
                        "the zip has {} entries, more than the limit of {}; import it in parts",
                        zip.len(),
                        limits.max_entries
                    ),
                )],
            });
        }
        for i in 0..zip.len() {
            let entry = match zip.by_index_raw(i) {
                Ok(e) => e,
                Err(e) => {
                    problems.push(Problem::file(
                        format!("{}#{i}", bundle.label),
                        format!("unreadable zip entry: {e}"),
                    ));
                    continue;
                }
            };
            let raw_name = String::from_utf8_lossy(entry.name_raw()).into_owned();
            let name = match safe_name(&raw_name) {
                Ok(n) => n,
                Err(msg) => {
                    problems.push(Problem::file(raw_name, msg));
                    continue;
                }
            };
            if entry.enclosed_name().is_none() {
                problems.push(Problem::file(raw_name, "unsafe entry name; refused"));
                continue;
            }
            let is_link =
                entry.is_symlink() || entry.unix_mode().is_some_and(|m| m & 0o170000 == 0o120000);
            if is_link {
                problems.push(Problem::file(
                    name,
                    "symbolic link in the zip; refused (bundles hold regular files only)",
                ));
                continue;
            }
            if entry.is_dir() || name.is_empty() {
                continue;
            }
            if entry.encrypted() {
                problems.push(Problem::file(
                    name,
                    "encrypted zip entry; export the bundle without a password",
                ));
                continue;
            }
            let (declared, compressed) = (entry.size(), entry.compressed_size());
            if declared > limits.ratio_grace_bytes
                && declared / compressed.max(1) > limits.max_ratio
            {
                problems.push(Problem::file(
                    name,
                    format!(
                        "zip entry declares {} from {} compressed bytes, more than {}:1; refused as a zip bomb",
                        human(declared),
                        compressed,
                        limits.max_ratio
                    ),
                ));
                continue;
            }
            entries.push((
                name,
                Loc::Zip {
                    index: i,
                    compressed: entry.compressed_size(),
                },
            ));
        }
        bundle.zip = Some(RefCell::new(zip));
    }
    strip_common_root(&mut entries);

    let json_total = entries.iter().filter(|(n, _)| is_json_doc(n)).count() as u64;
    let mut done = 0;
    for (name, loc) in entries {
        if cancel.is_some_and(|c| c.load(Ordering::Relaxed)) {
            return Err(ImportError::Cancelled);
        }
        if !is_json_doc(&name) {
            bundle.files.insert(name, loc);
            continue;
        }
        if let Loc::File(p) = loc {
            bundle.json.push((name, JsonSource::File(p)));
            continue;
        }
        match read_json_entry(&bundle, &loc, limits, cancel) {
            Ok(bytes) => bundle.json.push((name, JsonSource::Bytes(bytes))),
            Err(e) => {
                if cancel.is_some_and(|c| c.load(Ordering::Relaxed)) {
                    return Err(ImportError::Cancelled);
                }
                problems.push(Problem::file(name, read_message(&e)));
            }
        }
        done += 1;
        progress(done, json_total);
    }
    Ok(bundle)
}

fn read_json_entry(
    bundle: &Bundle,
    loc: &Loc,
    limits: &Limits,
    cancel: Option<&AtomicBool>,
) -> io::Result<Vec<u8>> {
    let mut buf = Vec::new();
    match loc {
        Loc::File(p) => {
            let file = File::open(p)?;
            let cap = file
                .metadata()
                .map(|m| m.len())
                .unwrap_or(0)
                .min(limits.max_json_bytes);
            buf.reserve(cap as usize + 1);
            let mut r = Counted {
                inner: file,
                read: 0,
                limit: limits.max_json_bytes,
                what: "JSON",
                compressed: None,
                limits,
                total: &bundle.total,
                cancel,
            };
            r.read_to_end(&mut buf)?;
        }
        Loc::Zip { index, compressed } => {
            let zip = bundle.zip.as_ref().expect("zip");
            let mut zip = zip.borrow_mut();
            let entry = zip.by_index(*index).map_err(io::Error::other)?;
            let mut r = Counted {
                inner: entry,
                read: 0,
                limit: limits.max_json_bytes,
                what: "JSON",
                compressed: Some(*compressed),
                limits,
                total: &bundle.total,
                cancel,
            };
            r.read_to_end(&mut buf)?;
        }
    }
    Ok(buf)
}

fn read_json_file(
    p: &Path,
    limits: &Limits,
    total: &AtomicU64,
    cancel: Option<&AtomicBool>,
) -> io::Result<Vec<u8>> {
    let file = File::open(p)?;
    let cap = file
        .metadata()
        .map(|m| m.len())
        .unwrap_or(0)
        .min(limits.max_json_bytes);
    let mut buf = Vec::with_capacity(cap as usize + 1);
    let mut r = Counted {
        inner: file,
        read: 0,
        limit: limits.max_json_bytes,
        what: "JSON",
        compressed: None,
        limits,
        total,
        cancel,
    };
    r.read_to_end(&mut buf)?;
    Ok(buf)
}

/// A zip made by zipping the bundle folder itself has every entry under one
/// top folder (`export/postings/…`): strip it when no known folder is at the
/// top level.
fn strip_common_root(entries: &mut [(String, Loc)]) {
    let known_at_top = entries.iter().any(|(n, _)| {
        let top = n.split('/').next().unwrap_or("");
        JSON_DIRS.contains(&top) || top == "media"
    });
    if known_at_top || entries.is_empty() {
        return;
    }
    let first = match entries[0].0.split_once('/') {
        Some((top, _)) => top.to_string(),
        None => return,
    };
    let prefix = format!("{first}/");
    if entries.iter().all(|(n, _)| n.starts_with(&prefix)) {
        for (n, _) in entries.iter_mut() {
            *n = n[prefix.len()..].to_string();
        }
    }
}

fn walk_folder(
    root: &Path,
    dir: &Path,
    limits: &Limits,
    problems: &mut Vec<Problem>,
    out: &mut Vec<(String, Loc)>,
) -> Result<(), ImportError> {
    let unreadable = |source| ImportError::Unreadable {
        path: dir.to_path_buf(),
        source,
    };
    let mut children: Vec<_> = std::fs::read_dir(dir)
        .map_err(unreadable)?
        .collect::<Result<Vec<_>, _>>()
        .map_err(unreadable)?;
    children.sort_by_key(|e| e.file_name());
    for child in children {
        if out.len() >= limits.max_entries {
            return Err(ImportError::Invalid {
                problems: vec![Problem::file(
                    root.display().to_string(),
                    format!(
                        "the bundle has more than {} files; import it in parts",
                        limits.max_entries
                    ),
                )],
            });
        }
        let path = child.path();
        let rel = rel_name(root, &path);
        // The entry's own type (a symlink is not followed), from the
        // directory listing where the file system gives it: no call per file.
        let meta = child
            .file_type()
            .map_err(|source| ImportError::Unreadable {
                path: path.clone(),
                source,
            })?;
        if meta.is_symlink() {
            problems.push(Problem::file(
                rel,
                "symbolic link in the bundle; refused (bundles hold regular files only)",
            ));
        } else if meta.is_dir() {
            walk_folder(root, &path, limits, problems, out)?;
        } else if meta.is_file() {
            out.push((rel, Loc::File(path)));
        } else {
            problems.push(Problem::file(rel, "not a regular file; refused"));
        }
    }
    Ok(())
}

fn rel_name(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    rel.components()
        .filter_map(|c| match c {
            Component::Normal(s) => Some(s.to_string_lossy().into_owned()),
            _ => None,
        })
        .collect::<Vec<_>>()
        .join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        assert_eq!(safe_name("a/./b.json").unwrap(), "a/b.json");
        assert!(safe_name("../x").is_err());
        assert!(safe_name("a/../../x").is_err());
        assert!(safe_name("/etc/passwd").is_err());
        assert!(safe_name("C:/x").is_err());
        assert!(safe_name("a\\..\\x").is_err());
        assert!(is_json_doc("postings/p1.json"));
        assert!(!is_json_doc("postings/sub/p1.json"));
        assert!(!is_json_doc("media/p1.json"));
    }
}
