//! Reading a bundle (folder or zip) with limits.
//!
//! Every byte is counted as it is read or inflated (never trusting the sizes
//! a zip declares); names are checked before anything is opened; symlinks are
//! refused in zips (unix mode `S_IFLNK`) and folders alike. Opening a bundle
//! only indexes it: a JSON document is read (bounded per document) by the
//! parser thread that parses it, from a folder or a zip alike (each reads zip
//! members through its own handle on the archive), so memory holds the
//! documents being parsed, never the bundle. Media stay where they are and
//! are streamed later, straight into the content store.
//!
//! Limits are in bytes and memory, never a count of files: a bundle of
//! 100,000 candidates has more than 100,000 files.

use std::collections::BTreeMap;
use std::fs::File;
use std::io::{self, Read, Seek, SeekFrom};
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;

use super::error::{ImportError, Problem};

/// Bounds on what an import reads. Defaults suit real exports; tests shrink
/// them.
#[derive(Debug, Clone)]
pub struct Limits {
    /// Memory for the bundle's index of files: each entry's name and
    /// bookkeeping (estimated at [`INDEX_ENTRY_BYTES`] plus its name), and
    /// for a zip its central directory. 256 MiB is about two million
    /// entries; a 100,000-candidate export needs about 30 MB.
    pub max_index_bytes: u64,
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
            max_index_bytes: 256 << 20,
            max_json_bytes: 64 << 20,
            max_media_bytes: 2 << 30,
            max_total_bytes: 64 << 30,
            max_ratio: 200,
            ratio_grace_bytes: 4 << 20,
        }
    }
}

/// Memory one indexed entry costs besides its name (paths, sizes, the zip
/// crate's own record of it), for [`Limits::max_index_bytes`].
pub const INDEX_ENTRY_BYTES: u64 = 256;

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

/// A zip file read at positions (`pread`), so that every clone of the
/// archive over it (one per reading thread; the archive's index is shared)
/// reads without a lock and without moving the others' place.
#[derive(Debug, Clone)]
pub(crate) struct SharedFile {
    file: Arc<File>,
    pos: u64,
    len: u64,
}

impl SharedFile {
    fn new(file: File) -> io::Result<SharedFile> {
        let len = file.metadata()?.len();
        Ok(SharedFile {
            file: Arc::new(file),
            pos: 0,
            len,
        })
    }
}

impl Read for SharedFile {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        #[cfg(unix)]
        let n = std::os::unix::fs::FileExt::read_at(&*self.file, buf, self.pos)?;
        #[cfg(windows)]
        let n = std::os::windows::fs::FileExt::seek_read(&*self.file, buf, self.pos)?;
        self.pos += n as u64;
        Ok(n)
    }
}

impl Seek for SharedFile {
    fn seek(&mut self, to: SeekFrom) -> io::Result<u64> {
        let new = match to {
            SeekFrom::Start(n) => Some(n),
            SeekFrom::End(d) => self.len.checked_add_signed(d),
            SeekFrom::Current(d) => self.pos.checked_add_signed(d),
        };
        self.pos = new.ok_or_else(|| {
            io::Error::new(
                io::ErrorKind::InvalidInput,
                "seek before the start of the zip",
            )
        })?;
        Ok(self.pos)
    }
}

pub(crate) type Zip = zip::ZipArchive<SharedFile>;

/// A bundle opened for reading: its JSON documents (read, bounded) and an
/// index of every other file (read later, on demand).
pub(crate) struct Bundle {
    /// Display name of the source (folder or zip path).
    pub label: String,
    zip: Option<Zip>,
    /// `postings/…`, `candidates/…`, `interviews/…`, `extensions/…` JSON,
    /// to be read by the parser threads.
    pub json: Vec<(String, JsonSource)>,
    /// Every other regular file, by bundle-relative path (`/`-separated).
    files: BTreeMap<String, Loc>,
    total: AtomicU64,
    /// The workspace key of an encrypted workspace: a folder bundle's file
    /// that starts with the encrypted media header (a sync's staging) is
    /// decrypted as read.
    key: Option<crate::store::crypt::MediaKey>,
}

/// Opens a file of a folder bundle, decrypting it when `key` is given and
/// the file is encrypted.
fn open_file(
    p: &Path,
    key: Option<&crate::store::crypt::MediaKey>,
) -> io::Result<Box<dyn Read + Send>> {
    let Some(k) = key else {
        return Ok(Box::new(File::open(p)?));
    };
    let encrypted = crate::store::crypt::is_encrypted_media(File::open(p)?)?;
    if encrypted {
        Ok(Box::new(crate::store::crypt::MediaReader::open(
            p,
            Some(k),
        )?))
    } else {
        Ok(Box::new(File::open(p)?))
    }
}

/// Where a JSON document is.
pub(crate) enum JsonSource {
    File(PathBuf),
    /// Member `index` of the bundle's zip.
    Zip {
        index: usize,
        compressed: u64,
    },
    /// Already in memory (a document cut from the single-file JSON export).
    Bytes(Vec<u8>),
}

impl JsonSource {
    /// The document's bytes, read (inflated) with the JSON limits, counted
    /// as they come.
    pub fn into_bytes(self, bundle: &BundleCounter<'_>) -> io::Result<Vec<u8>> {
        match self {
            JsonSource::File(p) => {
                read_json_file(&p, bundle.key, bundle.limits, bundle.total, bundle.cancel)
            }
            JsonSource::Bytes(b) => Ok(b),
            JsonSource::Zip { index, compressed } => {
                // A handle of this thread's own on the archive (its index
                // is shared, not copied).
                let mut zip = bundle.zip.expect("zip member of a zip bundle").clone();
                let entry = zip.by_index(index).map_err(io::Error::other)?;
                let cap = entry.size().min(bundle.limits.max_json_bytes).min(1 << 20);
                let mut buf = Vec::with_capacity(cap as usize);
                let mut r = Counted {
                    inner: entry,
                    read: 0,
                    limit: bundle.limits.max_json_bytes,
                    what: "JSON",
                    compressed: Some(compressed),
                    limits: bundle.limits,
                    total: bundle.total,
                    cancel: bundle.cancel,
                };
                r.read_to_end(&mut buf)?;
                Ok(buf)
            }
        }
    }
}

/// What parser threads need to read documents (shareable).
pub(crate) struct BundleCounter<'a> {
    pub limits: &'a Limits,
    pub total: &'a AtomicU64,
    pub cancel: Option<&'a AtomicBool>,
    zip: Option<&'a Zip>,
    key: Option<&'a crate::store::crypt::MediaKey>,
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
    /// A bundle of in-memory documents and no other files (the single-file
    /// JSON export, cut by [`super::parse::split_export_document`]).
    pub fn from_documents(label: String, docs: Vec<(String, Vec<u8>)>) -> Bundle {
        let total = docs.iter().map(|(_, b)| b.len() as u64).sum();
        Bundle {
            label,
            zip: None,
            json: docs
                .into_iter()
                .map(|(n, b)| (n, JsonSource::Bytes(b)))
                .collect(),
            files: BTreeMap::new(),
            total: AtomicU64::new(total),
            // in-memory documents, never files of an encrypted workspace
            key: None,
        }
    }

    pub fn counter<'a>(
        &'a self,
        limits: &'a Limits,
        cancel: Option<&'a AtomicBool>,
    ) -> BundleCounter<'a> {
        BundleCounter {
            limits,
            total: &self.total,
            cancel,
            zip: self.zip.as_ref(),
            key: self.key.as_ref(),
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
                let file = open_file(p, self.key.as_ref())?;
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
                let mut zip = self.zip.clone().expect("zip entry in a zip bundle");
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
    key: Option<crate::store::crypt::MediaKey>,
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
        key,
    };
    let mut entries: Vec<(String, Loc)> = Vec::new();
    if meta.is_dir() {
        let mut index_bytes = 0;
        walk_folder(path, path, limits, problems, &mut entries, &mut index_bytes)?;
    } else {
        let unreadable = |source| ImportError::Unreadable {
            path: path.to_path_buf(),
            source,
        };
        let mut file = File::open(path).map_err(unreadable)?;
        // Refuse a zip whose index alone would not fit, before the zip
        // crate reads it into memory.
        if let Some((entries, directory)) = zip_directory_size(&mut file).map_err(unreadable)? {
            let need = directory.saturating_add(entries.saturating_mul(INDEX_ENTRY_BYTES));
            if need > limits.max_index_bytes {
                return Err(ImportError::Invalid {
                    problems: vec![Problem::file(
                        bundle.label.clone(),
                        format!(
                            "the zip's index ({entries} entries, a {} central directory) needs about {} of memory, more than the {} limit; refused",
                            human(directory),
                            human(need),
                            human(limits.max_index_bytes)
                        ),
                    )],
                });
            }
        }
        let reader = SharedFile::new(file).map_err(unreadable)?;
        let mut zip = zip::ZipArchive::new(reader).map_err(|e| ImportError::Invalid {
            problems: vec![Problem::file(
                bundle.label.clone(),
                format!("not a readable zip archive: {e}"),
            )],
        })?;
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
        bundle.zip = Some(zip);
    }
    strip_common_root(&mut entries);

    let total = entries.len() as u64;
    for (name, loc) in entries {
        if cancel.is_some_and(|c| c.load(Ordering::Relaxed)) {
            return Err(ImportError::Cancelled);
        }
        if !is_json_doc(&name) {
            bundle.files.insert(name, loc);
            continue;
        }
        let src = match loc {
            Loc::File(p) => JsonSource::File(p),
            Loc::Zip { index, compressed } => JsonSource::Zip { index, compressed },
        };
        bundle.json.push((name, src));
    }
    progress(total, total);
    Ok(bundle)
}

/// `(entries, central directory bytes)` a zip's end records declare, read
/// from its last 64 KiB (and its zip64 record, if any); `None` when there
/// is no end record (the zip crate then says what is wrong).
fn zip_directory_size(file: &mut File) -> io::Result<Option<(u64, u64)>> {
    let len = file.metadata()?.len();
    let tail_len = len.min(22 + 65_535);
    let mut tail = vec![0u8; tail_len as usize];
    file.seek(SeekFrom::Start(len - tail_len))?;
    file.read_exact(&mut tail)?;
    let Some(at) = memchr::memmem::rfind(&tail, b"PK\x05\x06") else {
        return Ok(None);
    };
    let eocd = &tail[at..];
    if eocd.len() < 22 {
        return Ok(None);
    }
    let u16_at = |b: &[u8], i: usize| u16::from_le_bytes([b[i], b[i + 1]]) as u64;
    let u32_at = |b: &[u8], i: usize| u32::from_le_bytes(b[i..i + 4].try_into().unwrap()) as u64;
    let u64_at = |b: &[u8], i: usize| u64::from_le_bytes(b[i..i + 8].try_into().unwrap());
    let (entries, size) = (u16_at(eocd, 10), u32_at(eocd, 12));
    if entries != 0xFFFF && size != 0xFFFF_FFFF {
        return Ok(Some((entries, size)));
    }
    // zip64: the locator sits right before the end record.
    let eocd_pos = len - tail_len + at as u64;
    if eocd_pos < 20 {
        return Ok(None);
    }
    let mut locator = [0u8; 20];
    file.seek(SeekFrom::Start(eocd_pos - 20))?;
    file.read_exact(&mut locator)?;
    if &locator[..4] != b"PK\x06\x07" {
        return Ok(None);
    }
    let mut record = [0u8; 56];
    file.seek(SeekFrom::Start(u64_at(&locator, 8)))?;
    if file.read_exact(&mut record).is_err() || &record[..4] != b"PK\x06\x06" {
        return Ok(None);
    }
    Ok(Some((u64_at(&record, 32), u64_at(&record, 40))))
}

fn read_json_file(
    p: &Path,
    key: Option<&crate::store::crypt::MediaKey>,
    limits: &Limits,
    total: &AtomicU64,
    cancel: Option<&AtomicBool>,
) -> io::Result<Vec<u8>> {
    let cap = std::fs::metadata(p)
        .map(|m| m.len())
        .unwrap_or(0)
        .min(limits.max_json_bytes);
    let file = open_file(p, key)?;
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
    index_bytes: &mut u64,
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
        let path = child.path();
        let rel = rel_name(root, &path);
        *index_bytes += INDEX_ENTRY_BYTES + rel.len() as u64 + path.as_os_str().len() as u64;
        if *index_bytes > limits.max_index_bytes {
            return Err(ImportError::Invalid {
                problems: vec![Problem::file(
                    root.display().to_string(),
                    format!(
                        "the bundle's index of files (at {} files so far) needs more than the {} memory limit; refused",
                        out.len(),
                        human(limits.max_index_bytes)
                    ),
                )],
            });
        }
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
            walk_folder(root, &path, limits, problems, out, index_bytes)?;
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
