//! Package ZIP (SPEC F32): per candidate a folder `<name>_<interview_id>/`
//! with the report PDF, résumé, video, audio, `transcript.txt` and
//! `interview.json` (raw as imported). Recordings are STORED (no
//! recompression), the rest deflated. Media is streamed with a fixed buffer
//! (memory stays flat in the size of the media), progress is reported and a
//! cancel flag is honoured between chunks. The archive is written to a
//! temporary file in the destination folder and renamed only when complete:
//! a cancel or an error leaves nothing behind.

use std::io::{Read, Write};
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};

use serde::{Deserialize, Serialize};
use shortlist_core::review;
use shortlist_core::Workspace;
use zip::write::SimpleFileOptions;
use zip::CompressionMethod;

use crate::error::{ReportError, ReportResult};
use crate::model::{clock, ReportOptions};

const CHUNK: usize = 1 << 20;

pub(crate) fn deflated() -> SimpleFileOptions {
    SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .compression_level(Some(6))
        .unix_permissions(0o644)
}

pub(crate) fn stored(size: u64) -> SimpleFileOptions {
    SimpleFileOptions::default()
        .compression_method(CompressionMethod::Stored)
        .large_file(size >= u32::MAX as u64)
        .unix_permissions(0o644)
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PackageOptions {
    /// The report PDF with these options; `None` leaves the PDF out.
    pub report: Option<ReportOptions>,
    pub resume: bool,
    pub video: bool,
    pub audio: bool,
    pub transcript: bool,
    pub interview_json: bool,
}

impl Default for PackageOptions {
    fn default() -> Self {
        PackageOptions {
            report: Some(ReportOptions::default()),
            resume: true,
            video: true,
            audio: true,
            transcript: true,
            interview_json: true,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PackageProgress {
    pub bytes_done: u64,
    pub bytes_total: u64,
    pub candidate: usize,
    pub candidates: usize,
    /// Path inside the archive being written.
    pub entry: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PackageSummary {
    pub candidates: usize,
    pub entries: usize,
    pub bytes: u64,
}

/// A file name safe on every OS: no path separators, control characters or
/// characters Windows forbids, no trailing dots/spaces, not a reserved
/// device name, at most 80 characters.
pub fn safe_name(s: &str) -> String {
    let s = s.trim();
    let mut out: String = s
        .chars()
        .map(|c| match c {
            '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|' => '_',
            c if c.is_control() => '_',
            c => c,
        })
        .collect();
    out = out
        .trim()
        .trim_end_matches(['.', ' '])
        .trim_start_matches('.')
        .to_string();
    out = out.split_whitespace().collect::<Vec<_>>().join("_");
    if out.chars().count() > 80 {
        out = out.chars().take(80).collect();
    }
    let stem = out.split('.').next().unwrap_or("").to_ascii_uppercase();
    let reserved = matches!(stem.as_str(), "CON" | "PRN" | "AUX" | "NUL")
        || ((stem.starts_with("COM") || stem.starts_with("LPT"))
            && stem.len() == 4
            && stem.as_bytes()[3].is_ascii_digit());
    if reserved {
        out.insert(0, '_');
    }
    if out.is_empty() {
        out = "candidate".into();
    }
    out
}

fn extension_for(mime: Option<&str>, original: Option<&str>) -> String {
    let by_mime = match mime.unwrap_or("") {
        "video/webm" => Some("webm"),
        "video/mp4" => Some("mp4"),
        "video/quicktime" => Some("mov"),
        "audio/mpeg" => Some("mp3"),
        "audio/wav" | "audio/x-wav" | "audio/wave" => Some("wav"),
        "audio/ogg" => Some("ogg"),
        "audio/webm" => Some("weba"),
        "audio/mp4" | "audio/x-m4a" => Some("m4a"),
        "audio/flac" | "audio/x-flac" => Some("flac"),
        "application/pdf" => Some("pdf"),
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document" => Some("docx"),
        "application/msword" => Some("doc"),
        "text/plain" => Some("txt"),
        _ => None,
    };
    by_mime
        .map(str::to_string)
        .or_else(|| {
            original
                .and_then(|o| Path::new(o).extension())
                .and_then(|e| e.to_str())
                .map(|e| safe_name(&e.to_ascii_lowercase()))
        })
        .unwrap_or_else(|| "bin".into())
}

/// `[mm:ss] Speaker: text` lines, in the interview's language.
pub fn transcript_text(data: &crate::model::CandidateData) -> String {
    let mut s = String::new();
    if let Some(w) = &data.interview.web_interview {
        for t in &w.transcript {
            let at = t
                .timestamp_str
                .clone()
                .filter(|s| !s.is_empty())
                .unwrap_or_else(|| clock(t.timestamp));
            s.push_str(&format!("[{at}] {}: {}\n", t.speaker, t.text));
        }
    }
    s
}

enum Item {
    Bytes {
        path: String,
        bytes: Vec<u8>,
    },
    File {
        path: String,
        file: std::path::PathBuf,
        size: u64,
    },
}

/// A candidate's original file of one kind (`resume`, `video`, `audio`) as
/// the workspace stores it.
#[derive(Debug, Clone, PartialEq)]
pub struct OriginalFile {
    pub kind: String,
    /// File extension from the stored type or the original name (`pdf`).
    pub ext: String,
    pub mime: Option<String>,
    file: std::path::PathBuf,
}

/// The stored original of `kind` for `interview_id`; `None` when the
/// candidate has none in this workspace (not imported, or only a link).
pub fn original_file(
    ws: &Workspace,
    interview_id: &str,
    kind: &str,
) -> ReportResult<Option<OriginalFile>> {
    let detail = review::candidate_detail(ws, interview_id)?;
    Ok(detail.media.into_iter().find_map(|m| {
        if m.kind != kind {
            return None;
        }
        let file = shortlist_core::store::media::path_for(&ws.media_dir(), m.hash.as_deref()?)?;
        file.exists().then(|| OriginalFile {
            kind: m.kind,
            ext: extension_for(m.mime.as_deref(), m.original_name.as_deref()),
            mime: m.mime,
            file,
        })
    }))
}

/// Write the original's bytes (decrypted in an encrypted workspace) to
/// `dest`, as the file itself: not a ZIP. Atomic: `dest` appears whole or
/// not at all. Returns the bytes written.
pub fn save_original(ws: &Workspace, f: &OriginalFile, dest: &Path) -> ReportResult<u64> {
    let dir = dest
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let mut src = ws
        .open_media_path(&f.file)
        .map_err(|e| ReportError::io(&f.file, e))?;
    let mut tmp = tempfile::Builder::new()
        .prefix(".shortlist-")
        .tempfile_in(dir)
        .map_err(|e| ReportError::io(dir, e))?;
    let n = std::io::copy(&mut src, tmp.as_file_mut()).map_err(|e| ReportError::io(dest, e))?;
    tmp.as_file_mut()
        .flush()
        .map_err(|e| ReportError::io(dest, e))?;
    tmp.persist(dest)
        .map_err(|e| ReportError::io(dest, e.error))?;
    Ok(n)
}

/// Write the package for `interview_ids` to `dest`.
pub fn write_package(
    ws: &Workspace,
    interview_ids: &[String],
    opts: &PackageOptions,
    dest: &Path,
    progress: &dyn Fn(&PackageProgress),
    cancel: &AtomicBool,
) -> ReportResult<PackageSummary> {
    if interview_ids.is_empty() {
        return Err(ReportError::Invalid(
            "choose at least one candidate to package".into(),
        ));
    }
    let dir = dest
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .map(Path::to_path_buf)
        .unwrap_or_else(|| ".".into());
    let mut tmp = tempfile::Builder::new()
        .prefix(".shortlist-package-")
        .suffix(".zip.part")
        .tempfile_in(&dir)
        .map_err(|e| ReportError::io(&dir, e))?;

    // Plan: what goes in, and the total bytes for progress.
    let mut plan: Vec<Vec<Item>> = Vec::new();
    let mut total: u64 = 0;
    let mut folders = std::collections::HashSet::new();
    for id in interview_ids {
        if cancel.load(Ordering::Relaxed) {
            return Err(ReportError::Cancelled);
        }
        let detail = review::candidate_detail(ws, id)?;
        let comparison = review::candidate_vs_average(ws, id)?;
        let media = detail.media.clone();
        let (_, interview_raw, _) = review::raw_json(ws, id)?;
        let cand_raw = detail
            .candidate
            .as_ref()
            .map(|c| serde_json::to_string_pretty(c).unwrap_or_default());
        let data = crate::source::from_detail(detail, &comparison)?;
        let mut folder = format!("{}_{}", safe_name(&data.interview.name), safe_name(id));
        while !folders.insert(folder.clone()) {
            folder.push('_');
        }
        let mut items = Vec::new();
        if let Some(ropts) = &opts.report {
            let model = crate::model::build(&data, ropts)?;
            let pdf = crate::pdf::render(&model)?;
            items.push(Item::Bytes {
                path: format!("{folder}/report.pdf"),
                bytes: pdf,
            });
        }
        for m in &media {
            let wanted = match m.kind.as_str() {
                "resume" => opts.resume,
                "video" => opts.video,
                "audio" => opts.audio,
                _ => false,
            };
            let Some(hash) = m.hash.as_deref().filter(|_| wanted) else {
                continue;
            };
            let Some(file) = shortlist_core::store::media::path_for(&ws.media_dir(), hash) else {
                continue;
            };
            // The plaintext length (an encrypted workspace's file is longer).
            let size = ws
                .open_media_path(&file)
                .map_err(|e| ReportError::io(&file, e))?
                .len();
            let ext = extension_for(m.mime.as_deref(), m.original_name.as_deref());
            let name = if m.kind == "resume" {
                "resume".to_string()
            } else {
                m.kind.clone()
            };
            items.push(Item::File {
                path: format!("{folder}/{name}.{ext}"),
                file,
                size,
            });
        }
        if opts.transcript {
            items.push(Item::Bytes {
                path: format!("{folder}/transcript.txt"),
                bytes: transcript_text(&data).into_bytes(),
            });
        }
        if opts.interview_json {
            let raw = interview_raw.or(cand_raw).unwrap_or_else(|| "{}".into());
            items.push(Item::Bytes {
                path: format!("{folder}/interview.json"),
                bytes: raw.into_bytes(),
            });
        }
        total += items
            .iter()
            .map(|i| match i {
                Item::Bytes { bytes, .. } => bytes.len() as u64,
                Item::File { size, .. } => *size,
            })
            .sum::<u64>();
        plan.push(items);
    }

    let zerr = |e: zip::result::ZipError| ReportError::Zip {
        path: dest.to_path_buf(),
        detail: e.to_string(),
    };
    let mut done: u64 = 0;
    let mut entries = 0;
    {
        let mut zip =
            zip::ZipWriter::new(std::io::BufWriter::with_capacity(CHUNK, tmp.as_file_mut()));
        let mut buf = vec![0u8; CHUNK];
        let n = plan.len();
        for (ci, items) in plan.into_iter().enumerate() {
            for item in items {
                if cancel.load(Ordering::Relaxed) {
                    return Err(ReportError::Cancelled);
                }
                match item {
                    Item::Bytes { path, bytes } => {
                        zip.start_file(path.as_str(), deflated()).map_err(zerr)?;
                        zip.write_all(&bytes)
                            .map_err(|e| ReportError::io(dest, e))?;
                        done += bytes.len() as u64;
                        progress(&PackageProgress {
                            bytes_done: done,
                            bytes_total: total,
                            candidate: ci + 1,
                            candidates: n,
                            entry: path,
                        });
                    }
                    Item::File { path, file, size } => {
                        // Recordings and résumés are already compressed: store them.
                        zip.start_file(path.as_str(), stored(size)).map_err(zerr)?;
                        // Decrypted in an encrypted workspace: the package
                        // is an explicit export of the candidate's files.
                        let mut src = ws
                            .open_media_path(&file)
                            .map_err(|e| ReportError::io(&file, e))?;
                        let mut last_report = done;
                        loop {
                            if cancel.load(Ordering::Relaxed) {
                                return Err(ReportError::Cancelled);
                            }
                            let k = src.read(&mut buf).map_err(|e| ReportError::io(&file, e))?;
                            if k == 0 {
                                break;
                            }
                            zip.write_all(&buf[..k])
                                .map_err(|e| ReportError::io(dest, e))?;
                            done += k as u64;
                            if done - last_report >= 16 * CHUNK as u64 {
                                last_report = done;
                                progress(&PackageProgress {
                                    bytes_done: done,
                                    bytes_total: total,
                                    candidate: ci + 1,
                                    candidates: n,
                                    entry: path.clone(),
                                });
                            }
                        }
                        progress(&PackageProgress {
                            bytes_done: done,
                            bytes_total: total,
                            candidate: ci + 1,
                            candidates: n,
                            entry: path,
                        });
                    }
                }
                entries += 1;
            }
        }
        let w = zip.finish().map_err(zerr)?;
        w.into_inner()
            .map_err(|e| ReportError::io(dest, e.into_error()))?;
    }
    if cancel.load(Ordering::Relaxed) {
        return Err(ReportError::Cancelled);
    }
    tmp.as_file()
        .sync_all()
        .map_err(|e| ReportError::io(dest, e))?;
    tmp.persist(dest)
        .map_err(|e| ReportError::io(dest, e.error))?;
    for id in interview_ids {
        crate::record_export(ws, "export.package", id)?;
    }
    Ok(PackageSummary {
        candidates: interview_ids.len(),
        entries,
        bytes: done,
    })
}

/// Stream a file into a stored ZIP entry: the core of the package writer,
/// exposed for the throughput bench against `cp`.
pub fn zip_stored_files(files: &[&Path], dest: &Path) -> ReportResult<u64> {
    let out = std::fs::File::create(dest).map_err(|e| ReportError::io(dest, e))?;
    let mut zip = zip::ZipWriter::new(std::io::BufWriter::with_capacity(CHUNK, out));
    let mut buf = vec![0u8; CHUNK];
    let mut total = 0;
    for f in files {
        let size = std::fs::metadata(f)
            .map_err(|e| ReportError::io(*f, e))?
            .len();
        let name = f.file_name().and_then(|n| n.to_str()).unwrap_or("file");
        zip.start_file(safe_name(name), stored(size))
            .map_err(|e| ReportError::Zip {
                path: dest.to_path_buf(),
                detail: e.to_string(),
            })?;
        let mut src = std::fs::File::open(f).map_err(|e| ReportError::io(*f, e))?;
        loop {
            let k = src.read(&mut buf).map_err(|e| ReportError::io(*f, e))?;
            if k == 0 {
                break;
            }
            zip.write_all(&buf[..k])
                .map_err(|e| ReportError::io(dest, e))?;
            total += k as u64;
        }
    }
    zip.finish()
        .map_err(|e| ReportError::Zip {
            path: dest.to_path_buf(),
            detail: e.to_string(),
        })?
        .flush()
        .map_err(|e| ReportError::io(dest, e))?;
    Ok(total)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn safe_names() {
        assert_eq!(safe_name("Zoë Ångström"), "Zoë_Ångström");
        assert_eq!(safe_name("../../etc/passwd"), "_.._etc_passwd");
        assert_eq!(safe_name("a\\b/c:d*e?f\"g<h>i|j"), "a_b_c_d_e_f_g_h_i_j");
        assert_eq!(safe_name("bad\u{0}\u{7}name\n"), "bad__name");
        assert_eq!(safe_name("CON"), "_CON");
        assert_eq!(safe_name("com1.txt"), "_com1.txt");
        assert_eq!(safe_name("Console"), "Console");
        assert_eq!(safe_name("name. . "), "name");
        assert_eq!(safe_name("   "), "candidate");
        assert_eq!(safe_name("王小明"), "王小明");
        assert_eq!(safe_name(&"x".repeat(300)).len(), 80);
    }

    #[test]
    fn extensions() {
        assert_eq!(extension_for(Some("video/webm"), None), "webm");
        assert_eq!(
            extension_for(Some("application/x-unknown"), Some("CV Final.DOCX")),
            "docx"
        );
        assert_eq!(extension_for(None, None), "bin");
    }
}
