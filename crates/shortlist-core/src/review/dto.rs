//! The review model's data: what crosses to the UI, the CLI and reports.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::ext::InterviewExtension;
use crate::model::{Candidate, InterviewData, Posting};

#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Decision {
    Shortlisted,
    Dismissed,
    Pending,
}

impl Decision {
    pub fn as_str(self) -> &'static str {
        match self {
            Decision::Shortlisted => "shortlisted",
            Decision::Dismissed => "dismissed",
            Decision::Pending => "pending",
        }
    }

    pub fn parse(s: &str) -> Option<Decision> {
        match s {
            "shortlist" | "shortlisted" => Some(Decision::Shortlisted),
            "dismiss" | "dismissed" => Some(Decision::Dismissed),
            "pending" => Some(Decision::Pending),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct StatusCounts {
    pub total: i64,
    pub pending: i64,
    pub in_progress: i64,
    pub evaluating: i64,
    pub completed: i64,
    pub knocked_out: i64,
    pub shortlisted: i64,
    pub dismissed: i64,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct InterviewerSummary {
    pub id: String,
    /// URL slug, e.g. `627-seasonal-sales-associate`.
    pub slug: Option<String>,
    pub title: String,
    pub interviewer_name: Option<String>,
    pub status: String,
    pub language: Option<String>,
    pub created_at: Option<f64>,
    pub deadline: Option<f64>,
    /// Whole days until the deadline from now (negative when past).
    pub days_left: Option<i64>,
    pub max_retakes: Option<i64>,
    pub budget: Option<f64>,
    pub spend: Option<f64>,
    pub currency: Option<String>,
    pub subscribers: i64,
    /// Workflow step kinds in order (`resume`, `web_interview`, …).
    pub workflow: Vec<String>,
    pub counts: StatusCounts,
}

/// One stage cell of the candidate list.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct StageCell {
    pub order: i64,
    /// `resume`, `web_interview`, `conversational_sms`, `form`.
    pub kind: String,
    /// `not_started`, `in_progress`, `completed`, `knocked_out`.
    pub status: String,
    pub score_pct: Option<f64>,
    /// Human label, e.g. `Resume 74%`, `Video 80%`, `Video`, `pending`.
    pub label: String,
}

/// A piece of a search snippet; `hit` pieces matched the query.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SnippetPart {
    pub text: String,
    pub hit: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CandidateRow {
    pub interview_id: String,
    pub candidate_id: Option<String>,
    pub posting_id: String,
    pub name: String,
    pub email: String,
    pub phone: Option<String>,
    pub location: Option<String>,
    pub country: Option<String>,
    pub interview_url: Option<String>,
    /// Pipeline progress from the import: `pending`, `in_progress`,
    /// `evaluating`, `completed`, `knocked_out`.
    pub progress: String,
    /// Reviewer decision if set, else imported decision, else `pending`.
    pub decision: Decision,
    /// Whether `decision` comes from this reviewer (vs. the import).
    pub decided_here: bool,
    /// `decision` when shortlisted/dismissed, else `progress`.
    pub status: String,
    /// Overall 0–100.
    pub score: Option<f64>,
    pub resume_score: Option<f64>,
    pub video_score: Option<f64>,
    /// Communication score, raw 0–5.
    pub speech_score: Option<f64>,
    pub steps_done: i64,
    pub steps_total: i64,
    pub stages: Vec<StageCell>,
    /// e.g. `Resume 74% • 2/3`.
    pub stage_summary: String,
    pub created_at: Option<f64>,
    pub interviewed_at: Option<f64>,
    pub last_engaged: Option<f64>,
    pub tags: Vec<String>,
    pub flag_count: i64,
    pub cheat_ranking: Option<i64>,
    /// Flattened `metadata.*` / `data.*` custom columns.
    pub custom: Map<String, Value>,
    /// Matching transcript text when the search hit the transcript.
    pub snippet: Option<Vec<SnippetPart>>,
    /// The panel column (F73), e.g. `3 Yes · 1 No · 1 pending`: only where
    /// the viewer has submitted their own evaluation or leads the team
    /// (blind until submitted, F72); `None` otherwise.
    #[serde(default)]
    pub panel: Option<PanelSummary>,
    /// The viewer's own evaluation of this candidate (draft or submitted),
    /// always shown: while blind it is all the panel column shows.
    #[serde(default)]
    pub my_evaluation: Option<MyEvaluation>,
}

/// The viewer's own evaluation state, for the list's panel column.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct MyEvaluation {
    pub recommendation: Option<Recommendation>,
    pub submitted: bool,
}

#[derive(Debug, Clone, Copy, Default, Serialize, Deserialize, PartialEq, Eq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum View {
    #[default]
    All,
    Completed,
    Shortlisted,
    Dismissed,
}

#[derive(Debug, Clone, Copy, Default, Serialize, Deserialize, PartialEq, Eq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum SortKey {
    Name,
    Score,
    ResumeScore,
    VideoScore,
    #[default]
    LastEngaged,
    Created,
    Status,
    /// Mean submitted recommendation, only where the viewer may see the
    /// panel (others sort last).
    Panel,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(default)]
pub struct CandidateQuery {
    pub posting_id: Option<String>,
    /// Name / e-mail / tags / transcript full-text (prefix match per word).
    pub search: Option<String>,
    pub view: View,
    /// Derived status filter (`pending`, `in_progress`, `completed`,
    /// `knocked_out`, `evaluating`, `shortlisted`, `dismissed`).
    pub status: Option<String>,
    pub decision: Option<Decision>,
    /// Stage filter: (`resume`|`web_interview`|…, `completed`|`in_progress`|…).
    pub stage_kind: Option<String>,
    pub stage_status: Option<String>,
    pub min_score: Option<f64>,
    pub max_score: Option<f64>,
    /// All of these tags.
    pub tags: Vec<String>,
    pub cohort: Option<String>,
    /// Only candidates with (true) / without (false) cheat-detection flags.
    pub flagged: Option<bool>,
    /// Panel filter: at least this many Strong Yes (only candidates whose
    /// panel the viewer may see can match).
    pub panel_min_strong_yes: Option<u32>,
    /// Panel filter: a split panel, Yes and No both present (idem).
    pub panel_split: bool,
    pub sort: SortKey,
    pub descending: bool,
    pub offset: u32,
    /// 0 = no limit.
    pub limit: u32,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ViewCounts {
    pub all: i64,
    pub completed: i64,
    pub shortlisted: i64,
    pub dismissed: i64,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CandidatePage {
    pub rows: Vec<CandidateRow>,
    /// Rows matching the query (all pages).
    pub total: i64,
    /// Counts per view for the same search and filters.
    pub view_counts: ViewCounts,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct MediaRef {
    /// `video`, `audio`, `resume`.
    pub kind: String,
    /// SHA-256 of the file in the workspace's media store, when local.
    pub hash: Option<String>,
    pub mime: Option<String>,
    pub size: Option<i64>,
    /// Signed URL kept from the import when the file is not local.
    pub remote_url: Option<String>,
    pub original_name: Option<String>,
}

/// A reviewer's note on an interview (F21): the one shape the profile,
/// `actions::notes` and the report use.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Note {
    pub id: i64,
    pub interview_id: String,
    /// Seconds into the recording the note is pinned to; `None` = not pinned.
    pub at_seconds: Option<f64>,
    pub text: String,
    pub author: String,
    pub created_at: f64,
    /// Last edit, if edited.
    #[serde(default)]
    pub updated_at: Option<f64>,
    /// Competing versions when the note was edited on two devices without
    /// either seeing the other (F74): all survive until one is edited
    /// further. Empty when there is no conflict.
    #[serde(default)]
    pub conflict: Vec<NoteVersion>,
}

/// One competing version of a note in conflict.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct NoteVersion {
    /// The team event of this version (edit it to resolve the conflict).
    pub event_id: String,
    pub reviewer: String,
    pub device: String,
    /// This version deletes the note.
    pub deleted: bool,
    pub text: Option<String>,
    pub at: f64,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DecisionEvent {
    pub previous: Option<Decision>,
    pub decision: Option<Decision>,
    pub decided_by: String,
    pub decided_at: f64,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CheatFlag {
    pub kind: String,
    pub confidence: Option<f64>,
    pub at_seconds: Option<f64>,
    pub detail: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CandidateDetail {
    pub row: CandidateRow,
    pub posting: Posting,
    /// `InterviewDataResponse` as imported (typed), when present.
    pub interview: Option<InterviewData>,
    /// `CandidateResponse` as imported (typed), when present.
    pub candidate: Option<Candidate>,
    pub extension: Option<InterviewExtension>,
    pub media: Vec<MediaRef>,
    pub cheat_flags: Vec<CheatFlag>,
    pub notes: Vec<Note>,
    pub cohorts: Vec<String>,
    pub decision_history: Vec<DecisionEvent>,
}

/// One axis of Candidate vs Average.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ComparisonAxis {
    pub question_id: String,
    pub label: String,
    pub rank: i64,
    pub candidate_pct: Option<f64>,
    pub avg_pct: Option<f64>,
    /// Relative difference in percent ("32% above average" = 32.0).
    pub delta_pct: Option<f64>,
    /// Completed candidates the average is over for this question.
    pub n: i64,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Comparison {
    pub interview_id: String,
    pub posting_id: String,
    pub axes: Vec<ComparisonAxis>,
    /// Completed candidates with a scorecard in this interviewer.
    pub n: i64,
    /// N below this makes the average a rough guide.
    pub small_n: bool,
}

/// Threshold under which the average is flagged as a rough guide.
pub const SMALL_N: i64 = 5;

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DecisionChangeEntry {
    pub interview_id: String,
    /// Reviewer decision before the change (`None`: none recorded).
    pub previous: Option<Decision>,
    pub decision: Option<Decision>,
}

/// What `actions::decisions::set_decision` changed, to undo it.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DecisionChange {
    pub entries: Vec<DecisionChangeEntry>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct HistogramBin {
    /// Lower bound in percent (bins are 10 wide; the last includes 100).
    pub from: f64,
    pub to: f64,
    pub count: i64,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct FunnelStage {
    pub order: i64,
    pub kind: String,
    pub started: i64,
    pub completed: i64,
    pub knocked_out: i64,
    pub avg_score_pct: Option<f64>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct InterviewerAnalytics {
    pub summary: InterviewerSummary,
    pub funnel: Vec<FunnelStage>,
    pub score_histogram: Vec<HistogramBin>,
    /// Completed interviews over all candidates, 0–1 (the figure
    /// `completion_rate` of [`InterviewerAnalytics::key_figures`]).
    pub completion_rate: f64,
    /// The headline figures, each defined once (here, in the core) with its
    /// label and definition; Analytics and the pipeline report show these.
    pub key_figures: Vec<KeyFigure>,
    pub avg_score: Option<f64>,
    pub avg_resume_score: Option<f64>,
    pub avg_video_score: Option<f64>,
    /// Communication score average, raw 0–5.
    pub avg_speech_score: Option<f64>,
    /// Per-question averages (the interviewer's "Average" polygon).
    pub question_averages: Vec<ComparisonAxis>,
}

/// One headline number with what it means.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct KeyFigure {
    /// Stable id: `candidates`, `completed`, `completion_rate`,
    /// `shortlisted`, `avg_score`.
    pub key: String,
    pub label: String,
    /// The number (a count, a 0–1 rate, or a 0–100 score); `None` = no data.
    pub value: Option<f64>,
    /// As shown: `27`, `48%`, `–`.
    pub display: String,
    /// One sentence saying what is counted.
    pub definition: String,
}

/// Agreement at a glance: counts of submitted recommendations, and who has
/// not submitted. Only ever built where the viewer may see the panel.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PanelSummary {
    pub strong_no: u32,
    pub no: u32,
    pub yes: u32,
    pub strong_yes: u32,
    /// Submitted without a recommendation.
    pub no_decision: u32,
    /// Panel members who have not submitted.
    pub pending: u32,
    /// Both a Yes/Strong Yes and a No/Strong No.
    pub split: bool,
    /// e.g. `1 Strong Yes · 2 Yes · 1 No · 1 pending`.
    pub label: String,
}

/// An overall recommendation (F71).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Recommendation {
    StrongNo,
    No,
    Yes,
    StrongYes,
}

impl Recommendation {
    pub const ALL: [Recommendation; 4] = [
        Recommendation::StrongNo,
        Recommendation::No,
        Recommendation::Yes,
        Recommendation::StrongYes,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Recommendation::StrongNo => "strong_no",
            Recommendation::No => "no",
            Recommendation::Yes => "yes",
            Recommendation::StrongYes => "strong_yes",
        }
    }

    pub fn parse(s: &str) -> Option<Recommendation> {
        Recommendation::ALL.into_iter().find(|r| r.as_str() == s)
    }

    /// "Strong Yes".
    pub fn label(self) -> &'static str {
        match self {
            Recommendation::StrongNo => "Strong No",
            Recommendation::No => "No",
            Recommendation::Yes => "Yes",
            Recommendation::StrongYes => "Strong Yes",
        }
    }

    pub fn is_positive(self) -> bool {
        matches!(self, Recommendation::Yes | Recommendation::StrongYes)
    }
}
