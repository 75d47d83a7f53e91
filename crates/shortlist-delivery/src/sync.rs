//! HeyMilo sync (F42): pull interviewers, candidates, interview data and
//! recordings from the API and merge them exactly like an import.
//!
//! How: every object is fetched first (nothing is written to the workspace
//! while the network is in use) and written, exactly as received, into a
//! temporary bundle in the SPEC F4 layout inside the workspace folder:
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
//! (`shortlist_core::import::import_path`), which validates it and merges it
//! in one transaction: imported fields are updated, reviewer data (decisions,
//! notes, cohorts, outbox, audit) is never touched, and a kill at any moment
//! leaves either the old or the new state of each record. A pagination error,
//! a malformed response or a refused key stops the sync before anything is
//! written. Interviews answering `not_ready` are counted as pending and
//! fetched again on the next sync.

use std::path::{Path, PathBuf};

use serde::Serialize;
use serde_json::{json, Value};
use shortlist_core::Workspace;

use crate::heymilo::{strip_query, Client, InterviewFetch};
use crate::{DeliveryError, DeliveryResult};

/// Workspace setting holding when the last sync completed (Unix seconds,
/// as `shortlist_core::store::now()` writes it). Written by [`sync`], so the
/// app and the CLI both record it; the app shows it in its sync settings.
pub const LAST_SYNC_SETTING: &str = "sync.last_at";

/// Largest recording / résumé downloaded.
pub const MAX_MEDIA_BYTES: u64 = 4 * 1024 * 1024 * 1024;

#[derive(Debug, Clone, Default, Serialize, serde::Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(default)]
pub struct SyncOptions {
    /// Only these interviewers (empty: all).
    pub postings: Vec<String>,
    /// Download recordings and résumés with http(s) URLs.
    pub media: bool,
    /// Refresh only these candidates (interview ids): their interview data
    /// is fetched, and their interviewers' candidate lists (needed to merge).
    /// Empty: everything.
    pub interviews: Vec<String>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SyncProgress {
    /// `postings`, `candidates`, `interviews`, `media`, `import`.
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

#[derive(Debug, Clone, Default, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SyncReport {
    pub postings: usize,
    pub candidates: usize,
    pub interviews: usize,
    /// Interviews the API reported `not_ready` (fetched again next sync).
    pub not_ready: Vec<String>,
    pub media_downloaded: usize,
    pub media_failed: Vec<MediaFailure>,
    /// Seconds spent waiting on rate limits / unavailable server.
    pub waited_secs: f64,
    /// What the merge changed (added / updated / unchanged per kind).
    #[cfg_attr(feature = "ts", ts(type = "unknown"))]
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

fn write_json(dir: &Path, rel: &str, v: &Value) -> DeliveryResult<()> {
    let path = dir.join(rel);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(|source| DeliveryError::Io {
            path: parent.to_path_buf(),
            source,
        })?;
    }
    std::fs::write(&path, serde_json::to_vec(v).expect("JSON"))
        .map_err(|source| DeliveryError::Io { path, source })
}

/// The media fields of `InterviewDataResponse` sync downloads.
const MEDIA_FIELDS: &[(&str, &str, &str)] = &[
    ("web_interview", "video_recording_url", "video"),
    ("web_interview", "audio_recording_url", "audio"),
    ("resume", "resume_url", "resume"),
];

fn download_media(
    client: &Client,
    dir: &Path,
    interview_id: &str,
    data: &mut Value,
    report: &mut SyncReport,
) {
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
        let result = (|| -> Result<(), String> {
            let reader = client.download(&url).map_err(|e| e.to_string())?;
            std::fs::create_dir_all(path.parent().unwrap()).map_err(|e| e.to_string())?;
            let mut file = std::fs::File::create(&path).map_err(|e| e.to_string())?;
            let n = std::io::copy(
                &mut std::io::Read::take(reader, MAX_MEDIA_BYTES + 1),
                &mut file,
            )
            .map_err(|e| format!("download of {} interrupted: {e}", strip_query(&url)))?;
            if n > MAX_MEDIA_BYTES {
                return Err(format!("larger than {} GiB", MAX_MEDIA_BYTES >> 30));
            }
            Ok(())
        })();
        match result {
            Ok(()) => {
                data[*block][*field] = Value::String(rel);
                report.media_downloaded += 1;
            }
            Err(reason) => {
                let _ = std::fs::remove_file(&path);
                report.media_failed.push(MediaFailure {
                    interview_id: interview_id.to_string(),
                    field: format!("{block}.{field}"),
                    reason,
                });
            }
        }
    }
}

/// Fetch everything into a bundle folder `dir` (no workspace writes).
pub fn fetch_bundle(
    client: &Client,
    opts: &SyncOptions,
    dir: &Path,
    progress: &dyn Fn(SyncProgress),
) -> DeliveryResult<SyncReport> {
    let mut report = SyncReport::default();
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
            return Err(crate::heymilo::ApiError::Malformed {
                path: "/api/v2/postings".into(),
                detail: format!(
                    "no interviewer with id {} in the API's list",
                    missing.join(", ")
                ),
            }
            .into());
        }
    }
    let total_postings = postings.len() as u64;
    let mut interview_ids: Vec<String> = Vec::new();
    for (i, p) in postings.iter().enumerate() {
        let id = p
            .get("id")
            .and_then(Value::as_str)
            .ok_or_else(|| crate::heymilo::ApiError::Malformed {
                path: "/api/v2/postings".into(),
                detail: format!("interviewer {i} has no `id`"),
            })?
            .to_string();
        write_json(dir, &format!("postings/{}.json", safe_name(&id)), p)?;
        progress(SyncProgress {
            phase: "candidates",
            done: i as u64,
            total: total_postings,
        });
        let cands = client.candidates(&id)?;
        for (j, c) in cands.iter().enumerate() {
            match c.get("interview_id").and_then(Value::as_str) {
                Some(iid) => interview_ids.push(iid.to_string()),
                None => {
                    return Err(crate::heymilo::ApiError::Malformed {
                        path: format!("/api/v2/postings/{id}/candidates"),
                        detail: format!("candidate {j} has no `interview_id`"),
                    }
                    .into())
                }
            }
        }
        report.candidates += cands.len();
        write_json(
            dir,
            &format!("candidates/{}.json", safe_name(&id)),
            &json!({"data": cands, "pagination": {"has_more": false}}),
        )?;
        report.postings += 1;
    }
    interview_ids.sort();
    interview_ids.dedup();
    if !opts.interviews.is_empty() {
        if let Some(missing) = opts
            .interviews
            .iter()
            .find(|i| interview_ids.binary_search(i).is_err())
        {
            return Err(crate::heymilo::ApiError::Malformed {
                path: "/api/v2/postings/{posting_id}/candidates".into(),
                detail: format!(
                    "candidate `{missing}` is not in its interviewer's list on HeyMilo any more"
                ),
            }
            .into());
        }
        interview_ids.retain(|i| opts.interviews.contains(i));
    }
    let total = interview_ids.len() as u64;
    for (i, iid) in interview_ids.iter().enumerate() {
        progress(SyncProgress {
            phase: "interviews",
            done: i as u64,
            total,
        });
        match client.interview_data(iid)? {
            InterviewFetch::NotReady => report.not_ready.push(iid.clone()),
            InterviewFetch::Ready(mut data) => {
                if opts.media {
                    download_media(client, dir, iid, &mut data, &mut report);
                }
                write_json(dir, &format!("interviews/{}.json", safe_name(iid)), &data)?;
                report.interviews += 1;
            }
        }
    }
    report.waited_secs = client.waited.get().as_secs_f64();
    Ok(report)
}

/// Fetch and merge. The temporary bundle lives inside the workspace folder
/// and is removed afterwards, whatever happens. A completed sync records
/// its time in [`LAST_SYNC_SETTING`]; a failed one leaves it as it was.
pub fn sync(
    ws: &Workspace,
    client: &Client,
    opts: &SyncOptions,
    progress: &dyn Fn(SyncProgress),
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
    let tmp = tempfile::Builder::new()
        .prefix(".sync-")
        .tempdir_in(ws.root())
        .map_err(|source| DeliveryError::Io {
            path: ws.root().to_path_buf(),
            source,
        })?;
    let dir: PathBuf = tmp.path().to_path_buf();
    let mut report = fetch_bundle(client, opts, &dir, progress)?;
    progress(SyncProgress {
        phase: "import",
        done: 0,
        total: 1,
    });
    let summary = shortlist_core::import::import_path(ws, &dir, &|_| {})?;
    report.import = Some(summary);
    shortlist_core::actions::record(ws, "sync.run", None)?;
    shortlist_core::actions::set_setting(
        ws,
        LAST_SYNC_SETTING,
        &shortlist_core::store::now().to_string(),
    )?;
    Ok(report)
}

/// Remove temporary sync bundles left by a sync that was killed (older than
/// a day, so a sync running in another process is never disturbed).
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
