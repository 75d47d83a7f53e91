//! Media references in API objects: which fields name a recording or a
//! résumé, and where they point.
//!
//! The `*_url` / `*_link` fields of recordings and résumés may hold a path
//! relative to the bundle root (`media/int_1/video.webm`) instead of a signed
//! URL. The import checks such files by magic bytes
//! (`import::media::check_magic`) and streams them into the content store;
//! remote URLs are kept for sync to fetch.

use super::{Candidate, InterviewData};

/// `candidate_media.kind`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum MediaKind {
    Video,
    Audio,
    Resume,
}

impl MediaKind {
    pub fn as_str(self) -> &'static str {
        match self {
            MediaKind::Video => "video",
            MediaKind::Audio => "audio",
            MediaKind::Resume => "resume",
        }
    }

    /// MIME types (as `infer` names them) accepted for this kind.
    pub fn allowed(self) -> &'static [&'static str] {
        match self {
            MediaKind::Video => &["video/webm", "video/mp4", "video/x-m4v", "video/x-matroska"],
            MediaKind::Audio => &[
                "audio/webm",
                "video/webm",
                "audio/ogg",
                "audio/opus",
                "audio/mpeg",
                "audio/x-wav",
                "audio/wav",
                "audio/m4a",
                "audio/mp4",
                "video/mp4",
                "audio/x-flac",
                "audio/flac",
                "audio/aac",
            ],
            MediaKind::Resume => &[
                "application/pdf",
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                "application/msword",
            ],
        }
    }

    /// What a file of this kind should be, in words.
    pub fn expected(self) -> &'static str {
        match self {
            MediaKind::Video => "a WebM or MP4 video",
            MediaKind::Audio => "an audio file (WebM, Ogg, MP3, WAV, M4A, FLAC)",
            MediaKind::Resume => "a PDF or Word résumé",
        }
    }
}

/// A media-bearing field of a candidate/interview object.
#[derive(Debug, Clone, PartialEq)]
pub struct MediaField {
    pub kind: MediaKind,
    /// Field path in the object, e.g. `web_interview.video_recording_url`.
    pub field: &'static str,
    pub value: String,
    /// Whether it comes from the `InterviewDataResponse` (preferred).
    pub from_interview: bool,
}

/// Where a media field points.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MediaTarget {
    Remote(String),
    Local(String),
}

/// Classify a field value: `http(s)://` is remote; anything else is a
/// bundle-relative path (checked by the caller with `source::safe_name`).
pub fn target(value: &str) -> Option<MediaTarget> {
    let v = value.trim();
    if v.is_empty() {
        return None;
    }
    let lower = v.to_ascii_lowercase();
    if lower.starts_with("http://") || lower.starts_with("https://") {
        Some(MediaTarget::Remote(v.to_string()))
    } else {
        Some(MediaTarget::Local(v.to_string()))
    }
}

/// All media fields of a candidate and an interview, interview first.
pub fn media_fields(
    cand: Option<&Candidate>,
    interview: Option<&InterviewData>,
) -> Vec<MediaField> {
    let mut out = Vec::new();
    let mut push = |kind, field, value: &Option<String>, from_interview| {
        if let Some(v) = value {
            if !v.trim().is_empty() {
                out.push(MediaField {
                    kind,
                    field,
                    value: v.trim().to_string(),
                    from_interview,
                });
            }
        }
    };
    if let Some(i) = interview {
        if let Some(w) = &i.web_interview {
            push(
                MediaKind::Video,
                "web_interview.video_recording_url",
                &w.video_recording_url,
                true,
            );
            push(
                MediaKind::Audio,
                "web_interview.audio_recording_url",
                &w.audio_recording_url,
                true,
            );
        }
        if let Some(r) = &i.resume {
            push(MediaKind::Resume, "resume.resume_url", &r.resume_url, true);
        }
    }
    if let Some(c) = cand {
        if let Some(s) = &c.agent_summary {
            if let Some(w) = &s.web_interview {
                push(
                    MediaKind::Video,
                    "agent_summary.web_interview.video_recording_link",
                    &w.video_recording_link,
                    false,
                );
                push(
                    MediaKind::Audio,
                    "agent_summary.web_interview.audio_recording_link",
                    &w.audio_recording_link,
                    false,
                );
            }
            if let Some(r) = &s.resume {
                push(
                    MediaKind::Resume,
                    "agent_summary.resume.resume_link",
                    &r.resume_link,
                    false,
                );
            }
        }
    }
    out
}
