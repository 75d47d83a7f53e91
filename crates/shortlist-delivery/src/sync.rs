//! HeyMilo sync (F42): pull interviewers, candidates, interview data and
//! recordings from the API and merge them exactly like an import.
//!
//! How: every object is fetched first (nothing is written to the workspace
//! while the network is in use) and written, exactly as received, into a
//! staging bundle in the SPEC F4 layout inside the workspace folder
//! (`sync-staging/bundle/`):
//!
//! ```text
//! postings/<posting_id>.json        PostingResponse
//! candidates/<posting_id>.json      {"data": [CandidateResponse...], "pagination": {"has_more": false}}
//! interviews/<interview_id>.json    InterviewDataResponse
//! media/<interview_id>/<kind>       recordings / résumé downloaded from http(s) URLs
//! ```
//!
//! Downloaded media replace their URL field with the bundle-relative path (as
//! an export bundle would carry them); a download that fails keeps the remote
//! URL and is reported. The bundle is then handed to the importer
//! (`shortlist_core::import::import_path_with`), which validates it and
//! merges it in one transaction: imported fields are updated, reviewer data
//! (decisions, notes, cohorts, outbox, audit) is never touched, and a kill at
//! any moment leaves either the old or the new state of each record. A
//! pagination error, a malformed response or a refused key stops the sync
//! before anything is written. Interviews answering `not_ready` are counted
//! as pending and fetched again on the next sync.
//!
//! **Incremental.** The API has no "changed since" filter (the candidate
//! list only filters on `created_after`, which misses candidates that
//! progressed), so the candidate lists are always read and each list item is
//! the change marker: an interview is fetched again only when its list item
//! (status, score, workflow, summaries…) differs from the one the workspace
//! stored at the last sync (`candidates.cand_hash`, compared by content), when
//! the workspace has no interview data for it yet (new, or `not_ready` last
//! time), or, with media, when one of its recordings is still only a remote
//! URL (a download that failed). Unchanged interviews cost no request: no
//! interview document, no recording. The workspace's own imported rows are
//! the sync state; no extra table is needed. Interviews named in
//! [`SyncOptions::interviews`] (Sync/Refresh on a selection) are always
//! fetched.
//!
//! **Resumable.** The staging folder outlives a failed or cancelled sync.
//! Each interview fetched completely (document and recordings) gets a marker
//! `sync-staging/fetched/<interview_id>` holding its list item's hash; the
//! next sync takes such an interview from staging without any request while
//! its list item is unchanged. Interviews no longer wanted are pruned from
//! staging first. A successful merge removes the staging folder. A lock on
//! `sync-staging/lock` keeps two syncs of one workspace apart.
//!
//! **Deleted upstream.** An interview answering 404/410 between the listing
//! and its fetch is skipped and named ([`SyncReport::skipped`]) and the rest
//! lands. Interviews present locally but gone from their interviewer's list
//! (or answering 404/410) are reported in [`SyncReport::deleted_upstream`]
//! and remembered ([`deleted_upstream`]) so the app and the CLI can offer
//! them for erasure (SPEC F52).

use std::collections::{HashMap, HashSet};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

use serde::Serialize;
use serde_json::{json, Value};
use shortlist_core::import::{parse::content_hash, parse::same_content, ImportOptions, Limits};
use shortlist_core::store::crypt::{MediaCipher, MediaKey, MediaReader};
use shortlist_core::Workspace;

use crate::heymilo::{strip_query, ApiError, Client, InterviewFetch};
use crate::{DeliveryError, DeliveryResult};

/// Workspace setting holding when the last sync completed (Unix seconds,
/// as `shortlist_core::store::now()` writes it). Written by [`sync`], so the
/// app and the CLI both record it; the app shows it in its sync settings.
pub const LAST_SYNC_SETTING: &str = "sync.last_at";

/// Workspace setting holding the interview ids found deleted upstream
/// (a JSON array); read it through [`deleted_upstream`].
pub const DELETED_UPSTREAM_SETTING: &str = "sync.deleted_upstream";

/// Folder inside the workspace folder where a sync stages what it fetched
/// (kept after a cut or a cancel, for the next sync to resume from).
pub const STAGING_DIR: &str = "sync-staging";

#[derive(Debug, Clone, Default, Serialize, serde::Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(default)]
pub struct SyncOptions {
    /// Only these interviewers (empty: all).
    pub postings: Vec<String>,
    /// Download recordings and résumés with http(s) URLs.
    pub media: bool,
    /// Refresh only these candidates (interview ids): their interview data
    /// is fetched (always, changed or not), and their interviewers'
    /// candidate lists (needed to merge). Empty: everything that changed.
    pub interviews: Vec<String>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SyncProgress {
    /// `postings`, `candidates` (done/total interviewers listed),
    /// `interviews` (done/total interviews to fetch, recordings included),
    /// `import` (done/total interviews merged).
    pub phase: &'static str,
    pub done: u64,
    pub total: u64,
}

#[derive(Debug, Clone, Default, Serialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct MediaFailure {
    pub interview_id: String,
    pub field: String,
    pub reason: String,
}

/// An interview listed by its interviewer that could not be fetched
/// because HeyMilo no longer has it.
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SkippedInterview {
    pub interview_id: String,
    pub reason: String,
}

#[derive(Debug, Clone, Default, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SyncReport {
    pub postings: usize,
    pub candidates: usize,
    /// Interview documents in this sync's merge (`fetched` + `resumed`).
    pub interviews: usize,
    /// Interview documents fetched from the API by this run.
    pub fetched: usize,
    /// Interview documents (with their recordings) taken from the staging
    /// of an earlier sync that was cut off or cancelled: not fetched again.
    pub resumed: usize,
    /// Interviews not fetched because nothing changed since the last sync.
    pub unchanged: usize,
    /// Interviews the API reported `not_ready` (fetched again next sync).
    pub not_ready: Vec<String>,
    /// Interviews listed but gone (404/410) when fetched: not merged.
    pub skipped: Vec<SkippedInterview>,
    /// Interviews in the workspace that HeyMilo no longer has (gone from
    /// their interviewer's list, or 404/410): offer them for erasure.
    pub deleted_upstream: Vec<String>,
    pub media_downloaded: usize,
    pub media_failed: Vec<MediaFailure>,
    /// Seconds spent waiting on rate limits / unavailable server.
    pub waited_secs: f64,
    /// What the merge changed (added / updated / unchanged per kind).
    pub import: Option<shortlist_core::import::ImportSummary>,
}

fn safe_name(id: &str) -> String {
    if !id.is_empty()
        && id.len() <= 120
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-_.".contains(&b))
        && !id.starts_with('.')
    {
        id.to_string()
    } else {
        use sha2::{Digest, Sha256};
        format!("id-{}", &hex::encode(Sha256::digest(id.as_bytes()))[..24])
    }
}

fn io_err(path: &Path) -> impl FnOnce(std::io::Error) -> DeliveryError + '_ {
    move |source| DeliveryError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// Write `bytes` to `path` through a `.part` file renamed into place, so a
/// kill never leaves a half-written file under the final name.
///
/// In an encrypted workspace (`key`), the file is written encrypted
/// (SPEC F54: no candidate byte in clear in the workspace folder, staging
/// included); the import decrypts it.
fn write_atomic(path: &Path, bytes: &[u8], key: Option<&MediaKey>) -> DeliveryResult<()> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(io_err(parent))?;
    }
    let part = part_path(path);
    match key {
        None => std::fs::write(&part, bytes).map_err(io_err(&part))?,
        Some(k) => {
            let mut file = std::fs::File::create(&part).map_err(io_err(&part))?;
            MediaCipher::new(k)
                .encrypt(bytes, &mut file)
                .map_err(std::io::Error::from)
                .map_err(io_err(&part))?;
        }
    }
    std::fs::rename(&part, path).map_err(io_err(path))
}

/// A staged file's bytes (decrypted in an encrypted workspace).
fn read_staged(path: &Path, key: Option<&MediaKey>) -> DeliveryResult<Vec<u8>> {
    use std::io::Read;
    let mut r = MediaReader::open(path, key.map(|k| &**k)).map_err(io_err(path))?;
    let mut out = Vec::new();
    r.read_to_end(&mut out).map_err(io_err(path))?;
    Ok(out)
}

fn part_path(path: &Path) -> PathBuf {
    let mut p = path.as_os_str().to_owned();
    p.push(".part");
    PathBuf::from(p)
}

fn write_json(key: Option<&MediaKey>, dir: &Path, rel: &str, v: &Value) -> DeliveryResult<()> {
    write_atomic(&dir.join(rel), &serde_json::to_vec(v).expect("JSON"), key)
}

fn remove_path(path: &Path) {
    let _ = if path.is_dir() {
        std::fs::remove_dir_all(path)
    } else {
        std::fs::remove_file(path)
    };
}

fn human(bytes: u64) -> String {
    if bytes >= 1 << 30 {
        format!("{:.1} GiB", bytes as f64 / (1u64 << 30) as f64)
    } else if bytes >= 1 << 20 {
        format!("{} MiB", bytes >> 20)
    } else {
        format!("{bytes} bytes")
    }
}

/// The media fields of `InterviewDataResponse` sync downloads.
const MEDIA_FIELDS: &[(&str, &str, &str)] = &[
    ("web_interview", "video_recording_url", "video"),
    ("web_interview", "audio_recording_url", "audio"),
    ("resume", "resume_url", "resume"),
];

enum DownloadError {
    Cancelled,
    Failed(String),
}

/// Stream `url` into `path` (through a `.part` file), refusing more than
/// `max` bytes and stopping between chunks when `cancel` is set.
fn download_one(
    client: &Client,
    url: &str,
    path: &Path,
    max: u64,
    cancel: &AtomicBool,
    key: Option<&MediaKey>,
) -> Result<(), DownloadError> {
    let fail = |e: &dyn std::fmt::Display| DownloadError::Failed(e.to_string());
    let mut reader = client.download(url).map_err(|e| fail(&e))?;
    std::fs::create_dir_all(path.parent().expect("media path has a folder"))
        .map_err(|e| fail(&e))?;
    let part = part_path(path);
    if let Some(k) = key {
        // Encrypted as it streams in: no plaintext byte reaches the disk.
        let result = (|| {
            let mut file = std::fs::File::create(&part).map_err(|e| fail(&e))?;
            let mut src = Bounded {
                inner: reader,
                total: 0,
                max,
                cancel,
                stop: None,
            };
            let res = MediaCipher::new(k).encrypt(&mut src, std::io::BufWriter::new(&mut file));
            match (src.stop.take(), res) {
                (Some(stop), _) => return Err(stop),
                (None, Err(e)) => {
                    return Err(DownloadError::Failed(format!(
                        "download of {} interrupted: {e}",
                        strip_query(url)
                    )))
                }
                (None, Ok(_)) => {}
            }
            file.flush().map_err(|e| fail(&e))?;
            drop(file);
            std::fs::rename(&part, path).map_err(|e| fail(&e))
        })();
        if result.is_err() {
            let _ = std::fs::remove_file(&part);
        }
        return result;
    }
    let result = (|| {
        let mut file = std::fs::File::create(&part).map_err(|e| fail(&e))?;
        let mut buf = vec![0u8; 256 * 1024];
        let mut total: u64 = 0;
        loop {
            if cancel.load(Ordering::Relaxed) {
                return Err(DownloadError::Cancelled);
            }
            let n = match reader.read(&mut buf) {
                Ok(0) => break,
                Ok(n) => n,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(e) => {
                    return Err(DownloadError::Failed(format!(
                        "download of {} interrupted: {e}",
                        strip_query(url)
                    )))
                }
            };
            total += n as u64;
            if total > max {
                return Err(DownloadError::Failed(format!(
                    "larger than the {} limit for a media file (the import's limit)",
                    human(max)
                )));
            }
            file.write_all(&buf[..n]).map_err(|e| fail(&e))?;
        }
        file.flush().map_err(|e| fail(&e))?;
        drop(file);
        std::fs::rename(&part, path).map_err(|e| fail(&e))
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&part);
    }
    result
}

/// Download the media of one interview into `dir/media/<id>/<kind>`,
/// pointing its fields at them. A failed download keeps the remote URL
/// and is reported; a cancel stops the sync.
/// A download's reader, bounded by the media limit and stopped by `cancel`;
/// why it stopped is kept in `stop` (the cipher sees an I/O error).
struct Bounded<'a, R> {
    inner: R,
    total: u64,
    max: u64,
    cancel: &'a AtomicBool,
    stop: Option<DownloadError>,
}

impl<R: std::io::Read> std::io::Read for Bounded<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if self.cancel.load(Ordering::Relaxed) {
            self.stop = Some(DownloadError::Cancelled);
            return Err(std::io::Error::other("cancelled"));
        }
        let n = loop {
            match self.inner.read(buf) {
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                other => break other?,
            }
        };
        self.total += n as u64;
        if self.total > self.max {
            self.stop = Some(DownloadError::Failed(format!(
                "larger than the {} limit for a media file (the import's limit)",
                human(self.max)
            )));
            return Err(std::io::Error::other("over the limit"));
        }
        Ok(n)
    }
}

fn download_media(
    client: &Client,
    dir: &Path,
    interview_id: &str,
    data: &mut Value,
    report: &mut SyncReport,
    cancel: &AtomicBool,
    key: Option<&MediaKey>,
) -> DeliveryResult<()> {
    let max = client.limits().max_media_bytes;
    for (block, field, kind) in MEDIA_FIELDS {
        let Some(url) = data
            .get(*block)
            .and_then(|b| b.get(*field))
            .and_then(Value::as_str)
            .map(str::to_string)
        else {
            continue;
        };
        if !(url.starts_with("http://") || url.starts_with("https://")) {
            continue;
        }
        let rel = format!("media/{}/{kind}", safe_name(interview_id));
        let path = dir.join(&rel);
        match download_one(client, &url, &path, max, cancel, key) {
            Ok(()) => {
                data[*block][*field] = Value::String(rel);
                report.media_downloaded += 1;
            }
            Err(DownloadError::Cancelled) => return Err(DeliveryError::Cancelled),
            Err(DownloadError::Failed(reason)) => {
                let _ = std::fs::remove_file(&path);
                report.media_failed.push(MediaFailure {
                    interview_id: interview_id.to_string(),
                    field: format!("{block}.{field}"),
                    reason,
                });
            }
        }
    }
    Ok(())
}

/// What the listing saw, for finding interviews deleted upstream.
struct Listing {
    /// Interviewers whose candidate lists were read in full.
    postings: Vec<String>,
    /// Interviews listed (minus those answering 404/410).
    upstream: HashSet<String>,
}

/// Whether an interview's list item (its text and hash) is unchanged from
/// what the workspace holds, with its data complete: then it is not fetched.
type UnchangedFn<'a> = &'a dyn Fn(&str, &str, &str) -> bool;

/// Where fetched interviews are staged: the bundle folder, and (for a
/// resumable sync) the folder of "fetched completely" markers.
struct Stage<'a> {
    bundle: &'a Path,
    marks: Option<&'a Path>,
    /// The workspace key of an encrypted workspace: staged files are
    /// written encrypted.
    key: Option<&'a MediaKey>,
}

impl Stage<'_> {
    fn doc(&self, safe: &str) -> PathBuf {
        self.bundle.join("interviews").join(format!("{safe}.json"))
    }
    fn media(&self, safe: &str) -> PathBuf {
        self.bundle.join("media").join(safe)
    }
    fn mark(&self, safe: &str) -> Option<PathBuf> {
        self.marks.map(|m| m.join(safe))
    }

    /// Forget what is staged for one interview (before fetching it again).
    fn clear(&self, safe: &str) {
        remove_path(&self.doc(safe));
        remove_path(&self.media(safe));
        if let Some(m) = self.mark(safe) {
            remove_path(&m);
        }
    }

    /// Staged completely for this list item: reuse without a request.
    fn staged(&self, safe: &str, hash: &str) -> bool {
        let Some(mark) = self.mark(safe) else {
            return false;
        };
        std::fs::read_to_string(mark).is_ok_and(|h| h == hash) && self.doc(safe).is_file()
    }

    /// Remove staged interviews not in `keep` (safe name → list hash) and
    /// leftovers of killed writes (`.part`).
    fn prune(&self, keep: &HashMap<String, String>) {
        let entries = |dir: PathBuf| -> Vec<(String, PathBuf)> {
            std::fs::read_dir(dir)
                .map(|rd| {
                    rd.flatten()
                        .map(|e| (e.file_name().to_string_lossy().into_owned(), e.path()))
                        .collect()
                })
                .unwrap_or_default()
        };
        for (name, path) in entries(self.bundle.join("interviews")) {
            let wanted = name
                .strip_suffix(".json")
                .is_some_and(|stem| keep.contains_key(stem));
            if !wanted {
                remove_path(&path);
            }
        }
        for (name, path) in entries(self.bundle.join("media")) {
            if !keep.contains_key(&name) {
                remove_path(&path);
                continue;
            }
            for (file, p) in entries(path) {
                if file.ends_with(".part") {
                    remove_path(&p);
                }
            }
        }
        if let Some(marks) = self.marks {
            for (name, path) in entries(marks.to_path_buf()) {
                if !keep.contains_key(&name) {
                    remove_path(&path);
                }
            }
        }
    }
}

/// Fetch everything into a bundle folder `dir` (no workspace writes, no
/// incremental skipping, no resume).
pub fn fetch_bundle(
    client: &Client,
    opts: &SyncOptions,
    dir: &Path,
    progress: &dyn Fn(SyncProgress),
) -> DeliveryResult<SyncReport> {
    let stage = Stage {
        bundle: dir,
        marks: None,
        key: None,
    };
    fetch_into(
        client,
        opts,
        &stage,
        None,
        progress,
        &AtomicBool::new(false),
    )
    .map(|(r, _)| r)
}

fn fetch_into(
    client: &Client,
    opts: &SyncOptions,
    stage: &Stage<'_>,
    unchanged: Option<UnchangedFn<'_>>,
    progress: &dyn Fn(SyncProgress),
    cancel: &AtomicBool,
) -> DeliveryResult<(SyncReport, Listing)> {
    let check = || {
        if cancel.load(Ordering::Relaxed) {
            Err(DeliveryError::Cancelled)
        } else {
            Ok(())
        }
    };
    let dir = stage.bundle;
    let mut report = SyncReport::default();
    check()?;
    progress(SyncProgress {
        phase: "postings",
        done: 0,
        total: 1,
    });
    let mut postings = client.postings()?;
    if !opts.postings.is_empty() {
        postings.retain(|p| {
            p.get("id")
                .and_then(Value::as_str)
                .is_some_and(|id| opts.postings.iter().any(|w| w == id))
        });
        if postings.len() != opts.postings.len() {
            let missing: Vec<_> = opts
                .postings
                .iter()
                .filter(|w| {
                    !postings
                        .iter()
                        .any(|p| p["id"].as_str() == Some(w.as_str()))
                })
                .cloned()
                .collect();
            return Err(ApiError::Malformed {
                path: "/api/v2/postings".into(),
                detail: format!(
                    "no interviewer with id {} in the API's list",
                    missing.join(", ")
                ),
            }
            .into());
        }
    }
    progress(SyncProgress {
        phase: "postings",
        done: 1,
        total: 1,
    });
    // The lists are read afresh on every run.
    for sub in ["postings", "candidates"] {
        remove_path(&dir.join(sub));
    }
    let total_postings = postings.len() as u64;
    // (interview id, list item hash), and which are unchanged locally.
    let mut listed: Vec<(String, String)> = Vec::new();
    let mut same: HashSet<String> = HashSet::new();
    let mut posting_ids: Vec<String> = Vec::new();
    let mut list_of: HashMap<String, String> = HashMap::new();
    for (i, p) in postings.iter().enumerate() {
        check()?;
        let id = p
            .get("id")
            .and_then(Value::as_str)
            .ok_or_else(|| ApiError::Malformed {
                path: "/api/v2/postings".into(),
                detail: format!("interviewer {i} has no `id`"),
            })?
            .to_string();
        write_json(
            stage.key,
            dir,
            &format!("postings/{}.json", safe_name(&id)),
            p,
        )?;
        progress(SyncProgress {
            phase: "candidates",
            done: i as u64,
            total: total_postings,
        });
        let cands = client.candidates(&id)?;
        for (j, c) in cands.iter().enumerate() {
            let Some(iid) = c.get("interview_id").and_then(Value::as_str) else {
                return Err(ApiError::Malformed {
                    path: format!("/api/v2/postings/{id}/candidates"),
                    detail: format!("candidate {j} has no `interview_id`"),
                }
                .into());
            };
            // The text the bundle file carries for this item, as the
            // importer stores it: its hash is the change marker.
            let text = serde_json::to_string(c).expect("JSON");
            let hash = content_hash(&text);
            if unchanged.is_some_and(|f| f(iid, &text, &hash)) {
                same.insert(iid.to_string());
            }
            list_of.insert(iid.to_string(), id.clone());
            listed.push((iid.to_string(), hash));
        }
        report.candidates += cands.len();
        write_json(
            stage.key,
            dir,
            &format!("candidates/{}.json", safe_name(&id)),
            &json!({"data": cands, "pagination": {"has_more": false}}),
        )?;
        report.postings += 1;
        posting_ids.push(id);
    }
    progress(SyncProgress {
        phase: "candidates",
        done: total_postings,
        total: total_postings,
    });
    listed.sort();
    listed.dedup_by(|a, b| a.0 == b.0);
    let mut upstream: HashSet<String> = listed.iter().map(|(i, _)| i.clone()).collect();
    if !opts.interviews.is_empty() {
        if let Some(missing) = opts.interviews.iter().find(|i| !upstream.contains(*i)) {
            return Err(ApiError::Malformed {
                path: "/api/v2/postings/{posting_id}/candidates".into(),
                detail: format!(
                    "candidate `{missing}` is not in its interviewer's list on HeyMilo any more"
                ),
            }
            .into());
        }
        // A refresh of a selection fetches it whether changed or not.
        listed.retain(|(i, _)| opts.interviews.contains(i));
    } else {
        let before = listed.len();
        listed.retain(|(i, _)| !same.contains(i));
        report.unchanged = before - listed.len();
    }
    let keep: HashMap<String, String> = listed
        .iter()
        .map(|(i, h)| (safe_name(i), h.clone()))
        .collect();
    stage.prune(&keep);

    let total = listed.len() as u64;
    let mut gone: Vec<String> = Vec::new();
    for (i, (iid, hash)) in listed.iter().enumerate() {
        check()?;
        progress(SyncProgress {
            phase: "interviews",
            done: i as u64,
            total,
        });
        let safe = safe_name(iid);
        if stage.staged(&safe, hash) {
            report.resumed += 1;
            report.interviews += 1;
            continue;
        }
        stage.clear(&safe);
        match client.interview_data(iid) {
            Ok(InterviewFetch::NotReady) => report.not_ready.push(iid.clone()),
            Ok(InterviewFetch::Ready(mut data)) => {
                let failed_before = report.media_failed.len();
                if opts.media {
                    download_media(client, dir, iid, &mut data, &mut report, cancel, stage.key)?;
                }
                write_atomic(
                    &stage.doc(&safe),
                    &serde_json::to_vec(&data).expect("JSON"),
                    stage.key,
                )?;
                // Complete (no failed download): a later run may reuse it.
                if let Some(mark) = stage.mark(&safe) {
                    if report.media_failed.len() == failed_before {
                        // A hash of the list item only: no candidate data.
                        write_atomic(&mark, hash.as_bytes(), None)?;
                    }
                }
                report.fetched += 1;
                report.interviews += 1;
            }
            Err(ApiError::Http {
                status: status @ (404 | 410),
                message,
                ..
            }) => {
                report.skipped.push(SkippedInterview {
                    interview_id: iid.clone(),
                    reason: format!(
                        "deleted on HeyMilo after it was listed (HTTP {status}: {message}); not merged"
                    ),
                });
                gone.push(iid.clone());
            }
            Err(e) => return Err(e.into()),
        }
    }
    progress(SyncProgress {
        phase: "interviews",
        done: total,
        total,
    });
    // Interviews gone upstream leave the lists the importer reads.
    if !gone.is_empty() {
        let gone_set: HashSet<&str> = gone.iter().map(String::as_str).collect();
        let mut postings_touched: Vec<&String> =
            gone.iter().filter_map(|g| list_of.get(g)).collect();
        postings_touched.sort();
        postings_touched.dedup();
        for pid in postings_touched {
            let path = dir.join(format!("candidates/{}.json", safe_name(pid)));
            let bytes = read_staged(&path, stage.key)?;
            let mut v: Value = serde_json::from_slice(&bytes).expect("written by this sync");
            let list = v["data"].as_array_mut().expect("written by this sync");
            let before = list.len();
            list.retain(|c| {
                !c["interview_id"]
                    .as_str()
                    .is_some_and(|i| gone_set.contains(i))
            });
            report.candidates -= before - list.len();
            write_atomic(&path, &serde_json::to_vec(&v).expect("JSON"), stage.key)?;
        }
        for g in &gone {
            upstream.remove(g);
        }
    }
    report.waited_secs = client.waited.get().as_secs_f64();
    Ok((
        report,
        Listing {
            postings: posting_ids,
            upstream,
        },
    ))
}

/// What the workspace holds for one interview, for the incremental check.
struct Local {
    cand_hash: Option<String>,
    has_interview: bool,
    media_pending: bool,
}

fn local_state(ws: &Workspace) -> DeliveryResult<HashMap<String, Local>> {
    let conn = ws.reader();
    let mut st = conn
        .prepare(
            "SELECT c.interview_id, c.cand_hash, c.interview_hash IS NOT NULL,
                    EXISTS (SELECT 1 FROM candidate_media m
                            WHERE m.interview_id = c.interview_id
                              AND m.hash IS NULL AND m.remote_url IS NOT NULL)
             FROM candidates c",
        )
        .map_err(action_err)?;
    let rows = st
        .query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                Local {
                    cand_hash: r.get(1)?,
                    has_interview: r.get(2)?,
                    media_pending: r.get(3)?,
                },
            ))
        })
        .map_err(action_err)?;
    rows.collect::<Result<_, _>>().map_err(action_err)
}

fn action_err(e: rusqlite::Error) -> DeliveryError {
    DeliveryError::Action(shortlist_core::actions::ActionError::from(e))
}

/// The limits the import applies to the staging bundle: the per-file
/// limits shared with every import (already enforced while downloading),
/// but no cap on the size of the file index or the total, which grow with the
/// HeyMilo account (the bundle is written by this sync, not received).
fn staging_limits(l: &Limits) -> Limits {
    Limits {
        max_index_bytes: u64::MAX,
        max_total_bytes: u64::MAX,
        ..l.clone()
    }
}

/// Fetch and merge (never cancelled). See [`sync_with`].
pub fn sync(
    ws: &Workspace,
    client: &Client,
    opts: &SyncOptions,
    progress: &dyn Fn(SyncProgress),
) -> DeliveryResult<SyncReport> {
    sync_with(ws, client, opts, progress, &AtomicBool::new(false))
}

/// Fetch what changed and merge it. What is fetched is staged in
/// [`STAGING_DIR`] inside the workspace folder; a sync that fails or is
/// cancelled (`cancel` set from another thread: [`DeliveryError::Cancelled`])
/// writes nothing to the workspace and leaves the staging for the next
/// sync to resume from. A completed sync records its time in
/// [`LAST_SYNC_SETTING`] and the interviews deleted upstream in
/// [`DELETED_UPSTREAM_SETTING`], then removes the staging.
pub fn sync_with(
    ws: &Workspace,
    client: &Client,
    opts: &SyncOptions,
    progress: &dyn Fn(SyncProgress),
    cancel: &AtomicBool,
) -> DeliveryResult<SyncReport> {
    remove_stale_bundles(ws.root());
    // Refresh of a selection: limit the listing to their interviewers.
    let mut opts = opts.clone();
    if !opts.interviews.is_empty() && opts.postings.is_empty() {
        let mut ps = Vec::new();
        for id in &opts.interviews {
            let c = shortlist_core::actions::candidate(ws, id)?;
            if !ps.contains(&c.posting_id) {
                ps.push(c.posting_id);
            }
        }
        opts.postings = ps;
    }
    let opts = &opts;
    let staging = ws.root().join(STAGING_DIR);
    std::fs::create_dir_all(&staging).map_err(io_err(&staging))?;
    let lock_path = staging.join("lock");
    let lock = std::fs::File::options()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&lock_path)
        .map_err(io_err(&lock_path))?;
    match lock.try_lock() {
        Ok(()) => {}
        Err(std::fs::TryLockError::WouldBlock) => {
            return Err(DeliveryError::SyncRunning { path: staging })
        }
        Err(std::fs::TryLockError::Error(source)) => {
            return Err(DeliveryError::Io {
                path: lock_path,
                source,
            })
        }
    }
    let bundle = staging.join("bundle");
    let marks = staging.join("fetched");
    let ws_key = ws.media_key();
    let stage = Stage {
        bundle: &bundle,
        marks: Some(&marks),
        key: ws_key.as_ref(),
    };
    let local = local_state(ws)?;
    let media = opts.media;
    let is_unchanged = |id: &str, text: &str, hash: &str| -> bool {
        let Some(l) = local.get(id) else {
            return false;
        };
        if !l.has_interview || (media && l.media_pending) {
            return false;
        }
        match l.cand_hash.as_deref() {
            Some(h) if h == hash => true,
            Some(_) => {
                // Same content in other bytes (key order, number form).
                let raw: Option<String> = ws
                    .reader()
                    .query_row(
                        "SELECT cand_raw FROM candidates WHERE interview_id = ?1",
                        [id],
                        |r| r.get(0),
                    )
                    .ok()
                    .flatten();
                raw.is_some_and(|raw| same_content(&raw, text))
            }
            None => false,
        }
    };
    let (mut report, listing) =
        fetch_into(client, opts, &stage, Some(&is_unchanged), progress, cancel)?;
    drop(local);
    if cancel.load(Ordering::Relaxed) {
        return Err(DeliveryError::Cancelled);
    }
    progress(SyncProgress {
        phase: "import",
        done: 0,
        total: report.candidates as u64,
    });
    let import_opts = ImportOptions {
        limits: staging_limits(client.limits()),
        cancel: Some(cancel),
    };
    // The import entry point that also applies waiting team events (F74).
    let summary =
        shortlist_core::actions::team::import_path_with(ws, &bundle, &import_opts, &|p| {
            if p.phase == shortlist_core::import::ImportPhase::Writing {
                progress(SyncProgress {
                    phase: "import",
                    done: p.done,
                    total: p.total,
                })
            }
        })
        .map_err(|e| match e {
            shortlist_core::import::ImportError::Cancelled => DeliveryError::Cancelled,
            e => e.into(),
        })?;
    report.import = Some(summary);

    report.deleted_upstream = record_deleted_upstream(ws, &listing)?;
    shortlist_core::actions::record(ws, "sync.run", None)?;
    shortlist_core::actions::set_setting(
        ws,
        LAST_SYNC_SETTING,
        &shortlist_core::store::now().to_string(),
    )?;
    // Merged: the staging has served its purpose.
    remove_path(&bundle);
    remove_path(&marks);
    drop(lock);
    let _ = std::fs::remove_file(&lock_path);
    let _ = std::fs::remove_dir(&staging);
    Ok(report)
}

/// Interviews in the workspace that the listing no longer shows, merged
/// with those remembered from interviewers not listed this time, and
/// stored in [`DELETED_UPSTREAM_SETTING`] (ids only).
fn record_deleted_upstream(ws: &Workspace, listing: &Listing) -> DeliveryResult<Vec<String>> {
    let listed_postings: HashSet<&str> = listing.postings.iter().map(String::as_str).collect();
    let before = deleted_upstream(ws)?;
    let local: Vec<(String, String)> = {
        let conn = ws.reader();
        let mut st = conn
            .prepare("SELECT interview_id, posting_id FROM candidates ORDER BY interview_id")
            .map_err(action_err)?;
        let rows = st
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .map_err(action_err)?;
        rows.collect::<Result<_, _>>().map_err(action_err)?
    };
    let mut out = Vec::new();
    for (id, posting) in &local {
        let gone = if listed_postings.contains(posting.as_str()) {
            !listing.upstream.contains(id)
        } else {
            // Not listed this time: keep what an earlier sync found.
            before.contains(id)
        };
        if gone {
            out.push(id.clone());
        }
    }
    if out != before {
        shortlist_core::actions::set_setting(
            ws,
            DELETED_UPSTREAM_SETTING,
            &serde_json::to_string(&out).expect("JSON"),
        )?;
    }
    Ok(out)
}

/// Interview ids present in the workspace that the last syncs found
/// deleted upstream in HeyMilo (SPEC F52: offered for erasure). Erased
/// ones drop out.
pub fn deleted_upstream(ws: &Workspace) -> DeliveryResult<Vec<String>> {
    let Some(v) = shortlist_core::actions::setting(ws, DELETED_UPSTREAM_SETTING)? else {
        return Ok(Vec::new());
    };
    let ids: Vec<String> = serde_json::from_str(&v).unwrap_or_default();
    let conn = ws.reader();
    let mut st = conn
        .prepare_cached("SELECT 1 FROM candidates WHERE interview_id = ?1")
        .map_err(action_err)?;
    let mut out = Vec::new();
    for id in ids {
        if st.exists([&id]).map_err(action_err)? {
            out.push(id);
        }
    }
    Ok(out)
}

/// Remove temporary sync bundles left by earlier versions' syncs that were
/// killed (older than a day, so a sync running in another process is never
/// disturbed).
fn remove_stale_bundles(root: &Path) {
    let Ok(entries) = std::fs::read_dir(root) else {
        return;
    };
    for e in entries.flatten() {
        let stale = e.file_name().to_string_lossy().starts_with(".sync-")
            && e.metadata()
                .and_then(|m| m.modified())
                .ok()
                .and_then(|t| t.elapsed().ok())
                .is_some_and(|age| age.as_secs() > 86_400);
        if stale {
            let _ = std::fs::remove_dir_all(e.path());
        }
    }
}
