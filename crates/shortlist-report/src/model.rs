//! `ReportModel`: the candidate report as pure data (SPEC F30). Built from
//! the review data and the options; the PDF writer only lays it out, and the
//! in-app preview shows the same model, so what is previewed is what prints.
//! Labels come from the Fluent catalogs; candidate text is never translated.

use std::collections::{BTreeMap, HashMap};

use fluent_bundle::FluentValue;
use serde::{Deserialize, Serialize};
use shortlist_core::ext::InterviewExtension;
use shortlist_core::model::{Candidate, InterviewData, Posting};
use shortlist_core::scoring;

use crate::error::{ReportError, ReportResult};
use crate::i18n::{self, Labels};
use crate::radar::{short_label, AxisComparison, RadarAxis, RadarModel, RadarSeries, SMALL_N};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "lowercase")]
pub enum ReportStyle {
    /// Multilingual: any script, labels in any supported language.
    #[default]
    Modern,
    /// English labels only, a more traditional look.
    Classic,
}

impl std::str::FromStr for ReportStyle {
    type Err = ReportError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.to_ascii_lowercase().as_str() {
            "modern" => Ok(ReportStyle::Modern),
            "classic" => Ok(ReportStyle::Classic),
            other => Err(ReportError::Invalid(format!(
                "unknown report style `{other}`; use `modern` or `classic`"
            ))),
        }
    }
}

/// The seed's options: style, language, toggles.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ReportOptions {
    pub style: ReportStyle,
    /// Label language (`en`, `es`, `fr`, `de`, `pt`, `ar`, `zh`, `ja`).
    pub lang: String,
    pub chips: bool,
    pub highlights: bool,
    pub lowlights: bool,
    pub transcript: bool,
    /// Report date (Unix seconds). `None`: the latest date found in the data,
    /// so the same data gives the same PDF.
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub generated_at: Option<f64>,
    /// Include the hiring panel (F73): the evaluations the workspace's
    /// reviewer may see (blind until they submitted, unless lead).
    #[serde(default)]
    pub panel: bool,
}

impl Default for ReportOptions {
    fn default() -> Self {
        ReportOptions {
            style: ReportStyle::Modern,
            lang: "en".into(),
            chips: true,
            highlights: true,
            lowlights: true,
            transcript: true,
            generated_at: None,
            panel: false,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Decision {
    /// `shortlisted` or `dismissed`.
    pub decision: String,
    pub decided_by: String,
    pub decided_at: f64,
}

/// A reviewer's note: the core's one `Note` shape.
pub use shortlist_core::review::Note;

/// Everything the report needs about one candidate, read from the workspace
/// (see [`crate::source`]) or built directly in tests.
#[derive(Debug, Clone, PartialEq)]
pub struct CandidateData {
    pub posting: Posting,
    pub interview: InterviewData,
    pub candidate: Option<Candidate>,
    pub extension: Option<InterviewExtension>,
    pub decision: Option<Decision>,
    pub notes: Vec<Note>,
    /// The panel as the workspace's reviewer may see it (the core applies
    /// blindness); `None` when not read.
    pub panel: Option<shortlist_core::review::panel::PanelView>,
    /// Unix seconds of the interview.
    pub interviewed_at: Option<f64>,
    pub last_activity_at: Option<f64>,
    /// Scorecard scale (10 per the API schema, 5 when the posting says so).
    pub scorecard_scale: f64,
    /// Interviewer's average percent per question id, over `average_n` completed candidates.
    pub averages: HashMap<String, f64>,
    pub average_n: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ScoreItem {
    pub key: &'static str,
    pub label: String,
    pub pct: Option<f64>,
    /// Raw value on its own scale, e.g. `4.5 / 5`.
    pub raw: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct QuestionRow {
    pub rank: i64,
    pub question: String,
    pub score_raw: f64,
    pub scale: f64,
    pub pct: f64,
    pub weight: f64,
    pub summary: String,
    pub not_scored: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
// Named apart from the Cross-Agent `Signal` in the generated TypeScript.
#[cfg_attr(feature = "ts", ts(rename = "ReportSignal"))]
pub struct Signal {
    pub kind: String,
    pub label: String,
    pub confidence_pct: Option<f64>,
    pub detected: bool,
    pub review_suggested: bool,
    pub detail: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Integrity {
    pub enabled: bool,
    pub signals: Vec<Signal>,
    pub overall_confidence_pct: Option<f64>,
    pub ranking: Option<i64>,
    pub review_suggested: bool,
}

/// The hiring panel section (F73), with the option on.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PanelSection {
    /// e.g. `2 Yes · 1 No · 1 pending`; `None` while hidden.
    pub summary: Option<String>,
    /// Reviewer, recommendation, comment: the viewer's own and the others'
    /// submitted evaluations they may see.
    pub rows: Vec<PanelRow>,
    /// The others' evaluations are hidden from this viewer (blind).
    pub hidden: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PanelRow {
    pub reviewer: String,
    pub recommendation: String,
    pub comment: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct NoteRow {
    pub at: Option<String>,
    pub text: String,
    pub author: String,
    pub date: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct TranscriptRow {
    pub time: String,
    pub speaker: String,
    /// `interviewer`, `candidate` or `system`.
    pub role: String,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ReportModel {
    pub style: ReportStyle,
    pub lang: String,
    pub labels_rtl: bool,
    /// Every label the layout uses, resolved in `lang`.
    pub labels: BTreeMap<String, String>,
    pub doc_title: String,
    /// BCP 47 language of the document (the interview's language when known).
    pub doc_language: String,
    pub interview_id: String,
    pub candidate_name: String,
    pub email: String,
    pub status_code: String,
    pub status: String,
    pub interviewer_id: String,
    pub interviewer_title: String,
    pub interviewer_slug: Option<String>,
    pub interview_date: Option<String>,
    pub report_date: String,
    pub interview_language: Option<String>,
    /// The interview language by name, in the label language ("Chinese").
    pub interview_language_name: Option<String>,
    pub scores: Vec<ScoreItem>,
    pub radar: Option<RadarModel>,
    pub radar_rows: Vec<AxisComparison>,
    pub questions: Vec<QuestionRow>,
    pub tags: Option<Vec<String>>,
    pub highlights: Option<Vec<String>>,
    pub lowlights: Option<Vec<String>>,
    pub integrity: Integrity,
    pub decision: Option<String>,
    pub notes: Vec<NoteRow>,
    /// With the `panel` option only.
    pub panel: Option<PanelSection>,
    pub transcript: Option<Vec<TranscriptRow>>,
}

impl ReportModel {
    pub fn label<'a>(&'a self, key: &'a str) -> &'a str {
        self.labels.get(key).map(String::as_str).unwrap_or(key)
    }
    /// "Page N of M" in the label language.
    pub fn page_label(&self, n: usize, m: usize) -> String {
        Labels::new(&self.lang)
            .map(|l| {
                l.fmt(
                    "page-n-of-m",
                    &[("n", FluentValue::from(n)), ("m", FluentValue::from(m))],
                )
            })
            .unwrap_or_else(|_| format!("{n} / {m}"))
    }
}

/// `YYYY-MM-DD` (UTC) of Unix seconds.
pub fn date(ts: f64) -> String {
    time::OffsetDateTime::from_unix_timestamp(ts.floor() as i64)
        .map(|d| {
            d.format(time::macros::format_description!("[year]-[month]-[day]"))
                .unwrap_or_default()
        })
        .unwrap_or_default()
}

/// `mm:ss` or `h:mm:ss`.
pub fn clock(seconds: f64) -> String {
    let s = seconds.max(0.0).round() as u64;
    if s >= 3600 {
        format!("{}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60)
    } else {
        format!("{:02}:{:02}", s / 60, s % 60)
    }
}

fn fmt_num(v: f64) -> String {
    if (v - v.round()).abs() < 1e-9 {
        format!("{}", v.round() as i64)
    } else {
        format!("{:.1}", v)
    }
}

const LABEL_KEYS: &[&str] = &[
    "panel",
    "panel-hidden",
    "panel-none",
    "report-kicker",
    "report-title",
    "interviewer",
    "interview-date",
    "report-date",
    "status",
    "email",
    "interview-id",
    "language",
    "scores",
    "overall-score",
    "resume-score",
    "video-score",
    "communication-score",
    "not-available",
    "candidate-vs-average",
    "candidate",
    "average",
    "difference",
    "at-average",
    "questions",
    "question",
    "score",
    "weight",
    "summary",
    "not-scored",
    "tags",
    "highlights",
    "lowlights",
    "integrity",
    "signal",
    "confidence",
    "review-suggested",
    "no-signals",
    "integrity-note",
    "overall-confidence",
    "yes",
    "no",
    "reviewer",
    "no-decision",
    "notes",
    "transcript",
    "transcript-note",
    "confidential",
];

/// Build the report model. Classic refuses a non-English label language.
pub fn build(data: &CandidateData, opts: &ReportOptions) -> ReportResult<ReportModel> {
    let lang = i18n::normalize(&opts.lang);
    if opts.style == ReportStyle::Classic && lang != "en" {
        return Err(ReportError::ClassicNeedsEnglish {
            lang: opts.lang.clone(),
        });
    }
    let l = Labels::new(&lang)?;
    let labels: BTreeMap<String, String> = LABEL_KEYS
        .iter()
        .map(|k| (k.to_string(), l.get(k)))
        .collect();
    let iv = &data.interview;
    let web = iv.web_interview.as_ref();
    let scale = if data.scorecard_scale > 0.0 {
        data.scorecard_scale
    } else {
        scoring::SCORECARD_SCALE
    };

    // Scores: overall, résumé, video, communication.
    let overall = iv
        .score
        .or_else(|| data.candidate.as_ref().and_then(|c| c.score))
        .map(scoring::overall_pct);
    let resume = iv
        .resume
        .as_ref()
        .and_then(|r| r.overall_score)
        .or_else(|| {
            data.candidate
                .as_ref()
                .and_then(|c| c.agent_summary.as_ref())
                .and_then(|a| a.resume.as_ref())
                .and_then(|r| r.resume_score)
        });
    let video = web.map(|w| w.match_score);
    let speech = web.and_then(|w| w.speech_score);
    let scores = vec![
        ScoreItem {
            key: "overall",
            label: l.get("overall-score"),
            pct: overall,
            raw: overall.map(|v| format!("{} / 100", fmt_num(v))),
        },
        ScoreItem {
            key: "resume",
            label: l.get("resume-score"),
            pct: resume.map(scoring::overall_pct),
            raw: resume.map(|v| format!("{} / 100", fmt_num(v))),
        },
        ScoreItem {
            key: "video",
            label: l.get("video-score"),
            pct: video.map(scoring::overall_pct),
            raw: video.map(|v| format!("{} / 100", fmt_num(v))),
        },
        ScoreItem {
            key: "communication",
            label: l.get("communication-score"),
            pct: speech.map(scoring::speech_pct),
            raw: speech.map(|v| format!("{} / 5", fmt_num(v))),
        },
    ];

    // Questions, by rank.
    let mut qs: Vec<_> = web.map(|w| w.scorecard.clone()).unwrap_or_default();
    qs.sort_by_key(|q| q.rank);
    let questions: Vec<QuestionRow> = qs
        .iter()
        .map(|q| QuestionRow {
            rank: q.rank,
            question: q.question_text.clone(),
            score_raw: q.score,
            scale,
            pct: scoring::scorecard_pct(q.score, scale),
            weight: q.score_weight.filter(|w| *w > 0.0).unwrap_or(1.0),
            summary: q.evaluation_summary.clone(),
            not_scored: q.not_scored,
        })
        .collect();

    // Radar over the scored questions.
    let scored: Vec<_> = qs.iter().filter(|q| !q.not_scored).collect();
    let radar = (scored.len() >= 3).then(|| RadarModel {
        axes: scored
            .iter()
            .map(|q| RadarAxis {
                question_id: q.question_id.clone(),
                label: short_label(&q.question_text),
                full_text: q.question_text.clone(),
            })
            .collect(),
        series: vec![
            RadarSeries {
                name: l.get("average"),
                values: scored
                    .iter()
                    .map(|q| data.averages.get(&q.question_id).copied())
                    .collect(),
                is_average: true,
            },
            RadarSeries {
                name: iv.name.clone(),
                values: scored
                    .iter()
                    .map(|q| Some(scoring::scorecard_pct(q.score, scale)))
                    .collect(),
                is_average: false,
            },
        ],
        n: data.average_n,
        small_n_note: (data.average_n < SMALL_N)
            .then(|| l.fmt("small-n", &[("n", FluentValue::from(data.average_n))])),
    });
    let radar_rows = radar.as_ref().map(|r| r.comparisons()).unwrap_or_default();

    // Reviewer data.
    let status_code = data
        .decision
        .as_ref()
        .map(|d| d.decision.clone())
        .unwrap_or_else(|| iv.status.clone());
    let decision = data.decision.as_ref().map(|d| {
        l.fmt(
            "decided",
            &[
                ("decision", FluentValue::from(l.status(&d.decision))),
                ("who", FluentValue::from(d.decided_by.clone())),
                ("date", FluentValue::from(date(d.decided_at))),
            ],
        )
    });
    let notes = data
        .notes
        .iter()
        .map(|n| NoteRow {
            at: n.at_seconds.map(clock),
            text: n.text.clone(),
            author: n.author.clone(),
            date: date(n.created_at),
        })
        .collect();

    let transcript = opts.transcript.then(|| {
        web.map(|w| {
            w.transcript
                .iter()
                .map(|t| {
                    let role = t.speaker.to_ascii_lowercase();
                    let speaker = match role.as_str() {
                        "interviewer" | "agent" | "assistant" => l.get("speaker-interviewer"),
                        "candidate" | "user" => l.get("speaker-candidate"),
                        "system" => l.get("speaker-system"),
                        _ => t.speaker.clone(),
                    };
                    TranscriptRow {
                        time: t
                            .timestamp_str
                            .clone()
                            .filter(|s| !s.is_empty())
                            .unwrap_or_else(|| clock(t.timestamp)),
                        speaker,
                        role,
                        text: t.text.clone(),
                    }
                })
                .collect()
        })
        .unwrap_or_default()
    });

    let report_ts = opts.generated_at.unwrap_or_else(|| {
        [
            data.interviewed_at,
            data.last_activity_at,
            data.decision.as_ref().map(|d| d.decided_at),
            data.notes.iter().map(|n| n.created_at).reduce(f64::max),
        ]
        .into_iter()
        .flatten()
        .fold(0.0, f64::max)
    });

    let interview_language = data.posting.language.clone();
    let doc_language = interview_language.clone().unwrap_or_else(|| lang.clone());
    Ok(ReportModel {
        style: opts.style,
        labels_rtl: i18n::is_rtl(&lang),
        doc_title: format!("{} — {}", l.get("report-title"), iv.name),
        doc_language,
        interview_id: iv.interview_id.clone(),
        candidate_name: iv.name.clone(),
        email: iv.email.clone(),
        status: l.status(&status_code),
        status_code,
        interviewer_id: data.posting.id.clone(),
        interviewer_title: data.posting.title.clone(),
        interviewer_slug: data.posting.name.clone(),
        interview_date: data.interviewed_at.map(date),
        report_date: date(report_ts),
        interview_language_name: interview_language.as_deref().map(|c| l.language_name(c)),
        interview_language,
        scores,
        radar,
        radar_rows,
        questions,
        tags: opts
            .chips
            .then(|| web.map(|w| w.tags.clone()).unwrap_or_default()),
        highlights: opts
            .highlights
            .then(|| web.map(|w| w.highlights.clone()).unwrap_or_default()),
        lowlights: opts
            .lowlights
            .then(|| web.map(|w| w.lowlights.clone()).unwrap_or_default()),
        integrity: integrity(iv, &l),
        decision,
        notes,
        panel: opts.panel.then(|| panel_section(data)),
        transcript,
        labels,
        lang,
    })
}

/// The panel section from what the core let the viewer see.
fn panel_section(data: &CandidateData) -> PanelSection {
    use shortlist_core::review::panel::{Evaluation, Visibility};
    let Some(p) = &data.panel else {
        return PanelSection {
            summary: None,
            rows: Vec::new(),
            hidden: false,
        };
    };
    let row = |e: &Evaluation, me: bool| PanelRow {
        reviewer: if me {
            format!(
                "{} (you{})",
                e.reviewer_name,
                if e.submitted { "" } else { ", draft" }
            )
        } else {
            e.reviewer_name.clone()
        },
        recommendation: e
            .recommendation
            .map(|r| r.label().to_string())
            .unwrap_or_else(|| "No decision".into()),
        comment: e.comment.clone(),
    };
    let mut rows: Vec<PanelRow> = p.mine.iter().map(|e| row(e, true)).collect();
    rows.extend(p.others.iter().map(|e| row(e, false)));
    PanelSection {
        summary: p.summary.as_ref().map(|s| s.label.clone()),
        rows,
        hidden: p.visibility == Visibility::Blind,
    }
}

/// Cheat-detection overview: signals with confidence and "Review suggested".
/// Never a verdict: the report states that signals change nothing.
fn integrity(iv: &InterviewData, l: &Labels) -> Integrity {
    let Some(cd) = iv.cheat_detection.as_ref() else {
        return Integrity {
            enabled: false,
            signals: vec![],
            overall_confidence_pct: None,
            ranking: None,
            review_suggested: false,
        };
    };
    let threshold = cd
        .threshold
        .filter(|t| *t > 0.0 && *t <= 1.0)
        .unwrap_or(0.5);
    let mut signals = Vec::new();
    let mut push = |kind: &str, detected: bool, conf: Option<f64>, detail: Option<String>| {
        let review = detected && conf.map(|c| c >= threshold).unwrap_or(true);
        signals.push(Signal {
            kind: kind.to_string(),
            label: l.signal(kind),
            confidence_pct: conf.map(|c| (c * 100.0).clamp(0.0, 100.0).round()),
            detected,
            review_suggested: review,
            detail,
        });
    };
    if let Some(w) = cd.web_interview.as_ref() {
        if let Some(r) = &w.cheat_detection_result {
            let detail = r.cheating_instances.first().map(|i| i.reasoning.clone());
            push(
                "transcript_analysis",
                r.cheating_detected,
                Some(r.cheating_confidence),
                detail,
            );
        }
        if let Some(r) = &w.llm_detection_result {
            let detail = r.llm_detected_segments.first().map(|s| s.reasoning.clone());
            push(
                "ai_scripted_answer",
                r.llm_generated_detected,
                Some(r.detection_confidence),
                detail,
            );
        }
        if let Some(r) = &w.unusual_delay_detection {
            push(
                "unusual_delays",
                r.delay_detected,
                Some(r.delay_confidence),
                None,
            );
        }
        if let Some(t) = &w.tab_switch_detection {
            let count = t.get("total_count").and_then(|v| v.as_f64()).unwrap_or(0.0);
            push(
                "tab_switching",
                count > 0.0,
                None,
                (count > 0.0).then(|| format!("× {}", count as i64)),
            );
        }
        if let Some(ag) = w
            .interview_integrity
            .as_ref()
            .and_then(|i| i.aggregated.as_ref())
        {
            if !ag.movements.is_empty() {
                let conf = ag
                    .movements
                    .iter()
                    .filter_map(|m| m.confidence)
                    .reduce(f64::max);
                let mut kinds: Vec<&str> = ag.movements.iter().map(|m| m.kind.as_str()).collect();
                kinds.sort();
                kinds.dedup();
                push("facial_behaviour", true, conf, Some(kinds.join(", ")));
            }
        }
    }
    // Configured types the interview has no result block for but the overall
    // ranking flags, e.g. `multiple_people`, `phone_detection`.
    let ranking = cd.overall_ranking;
    let overall_confidence_pct = cd
        .overall_confidence
        .map(|c| (c * 100.0).clamp(0.0, 100.0).round());
    let review_suggested =
        signals.iter().any(|s| s.review_suggested) || ranking.map(|r| r >= 3).unwrap_or(false);
    Integrity {
        enabled: cd.enabled.unwrap_or(true),
        signals,
        overall_confidence_pct,
        ranking,
        review_suggested,
    }
}
