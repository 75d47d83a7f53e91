//! Typed views of HeyMilo's public API objects (`reference/heymilo-openapi.json`).
//!
//! These types are *projections*: the workspace stores every imported object's
//! raw JSON losslessly, and these structs are deserialised from it to build
//! the queryable tables. Unknown fields are therefore ignored here (they live
//! on in the raw JSON). Fields the API marks required are non-`Option`, so a
//! missing one is reported with its path; nullable fields are `Option`, lists
//! default to empty.
//!
//! Score scales are kept raw here; see [`crate::scoring`] for normalisation.

pub mod media;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

pub type JsonObject = Map<String, Value>;

/// `PostingResponse`: an interviewer (AI agent) for one job.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Posting {
    pub id: String,
    #[serde(default)]
    pub company_id: Option<String>,
    pub title: String,
    /// URL slug such as `627-seasonal-sales-associate`.
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub language: Option<String>,
    #[serde(default)]
    pub interviewer_name: Option<String>,
    /// `draft`, `active`, `expired`, `archived`.
    pub status: String,
    #[serde(default)]
    pub archived: Option<bool>,
    #[serde(default)]
    pub workflow: Vec<WorkflowStep>,
    #[serde(default)]
    pub urls: Option<PostingUrls>,
    /// Unix seconds.
    #[serde(default)]
    pub deadline: Option<f64>,
    #[serde(default)]
    pub max_retakes: Option<i64>,
    #[serde(default)]
    pub retake_cooldown_days: Option<f64>,
    #[serde(default)]
    pub metadata: Option<JsonObject>,
    #[serde(default)]
    pub created_at: Option<f64>,
    #[serde(default)]
    pub updated_at: Option<f64>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct WorkflowStep {
    #[serde(default)]
    pub id: Option<String>,
    /// `web_interview`, `conversational_sms`, `resume`, `form`.
    #[serde(rename = "type")]
    pub kind: String,
    pub order: i64,
    #[serde(default)]
    pub config: Option<JsonObject>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PostingUrls {
    #[serde(default)]
    pub candidate_url: Option<String>,
    #[serde(default)]
    pub review_url: Option<String>,
}

/// `CandidateResponse`: one candidate in one posting's pipeline.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Candidate {
    pub interview_id: String,
    #[serde(default)]
    pub candidate_id: Option<String>,
    pub posting_id: String,
    pub name: String,
    pub email: String,
    /// Overall match score, 0–100.
    #[serde(default)]
    pub score: Option<f64>,
    pub status: String,
    #[serde(default)]
    pub interview_url: Option<String>,
    #[serde(default)]
    pub workflow: Option<CandidateWorkflow>,
    #[serde(default)]
    pub agent_summary: Option<AgentSummary>,
    #[serde(default)]
    pub shortlisted: Option<bool>,
    #[serde(default)]
    pub dismissed: Option<bool>,
    #[serde(default)]
    pub metadata: Option<JsonObject>,
    #[serde(default)]
    pub data: Option<JsonObject>,
    #[serde(default)]
    pub interviewed_at: Option<f64>,
    #[serde(default)]
    pub created_at: Option<f64>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CandidateWorkflow {
    #[serde(default)]
    pub steps: Vec<WorkflowStepStatus>,
    #[serde(default)]
    pub all_complete: bool,
    #[serde(default)]
    pub last_activity_at: Option<f64>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct WorkflowStepStatus {
    pub step_id: String,
    pub order: i64,
    /// `not_started`, `in_progress`, `completed`, `knocked_out`.
    pub status: String,
    #[serde(default)]
    pub started: bool,
    #[serde(default)]
    pub completed: bool,
    #[serde(default)]
    pub knocked_out: Option<bool>,
    #[serde(default)]
    pub last_updated_at: Option<f64>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct AgentSummary {
    #[serde(default)]
    pub resume: Option<AgentResumeSummary>,
    #[serde(default)]
    pub web_interview: Option<AgentWebInterviewSummary>,
    #[serde(default)]
    pub sms: Option<JsonObject>,
    #[serde(default)]
    pub form: Option<JsonObject>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct AgentResumeSummary {
    #[serde(default)]
    pub resume_score: Option<f64>,
    #[serde(default)]
    pub is_eligible: Option<bool>,
    #[serde(default)]
    pub resume_link: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct AgentWebInterviewSummary {
    #[serde(default)]
    pub score: Option<f64>,
    #[serde(default)]
    pub highlights: Vec<String>,
    #[serde(default)]
    pub audio_recording_link: Option<String>,
    #[serde(default)]
    pub video_recording_link: Option<String>,
}

/// `InterviewDataResponse`: everything about one interview.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct InterviewData {
    pub interview_id: String,
    #[serde(default)]
    pub candidate_id: Option<String>,
    pub posting_id: String,
    pub name: String,
    pub email: String,
    #[serde(default)]
    pub score: Option<f64>,
    pub status: String,
    #[serde(default)]
    pub workflow: Option<CandidateWorkflow>,
    #[serde(default)]
    pub web_interview: Option<WebInterviewResult>,
    #[serde(default)]
    pub resume: Option<ResumeResult>,
    #[serde(default)]
    pub sms: Option<SmsResult>,
    #[serde(default)]
    pub form: Option<FormResult>,
    #[serde(default)]
    pub cheat_detection: Option<CheatDetection>,
    #[serde(default)]
    pub metadata: Option<JsonObject>,
    #[serde(default)]
    pub data: Option<JsonObject>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct WebInterviewResult {
    #[serde(default)]
    pub interview_id: Option<String>,
    /// 0–100.
    pub match_score: f64,
    #[serde(default)]
    pub highlights: Vec<String>,
    #[serde(default)]
    pub lowlights: Vec<String>,
    #[serde(default)]
    pub scorecard: Vec<ScorecardQuestion>,
    /// Communication score, 0.0–5.0.
    #[serde(default)]
    pub speech_score: Option<f64>,
    #[serde(default)]
    pub transcript: Vec<TranscriptEntry>,
    #[serde(default)]
    pub audio_recording_url: Option<String>,
    #[serde(default)]
    pub video_recording_url: Option<String>,
    #[serde(default)]
    pub tags: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ScorecardQuestion {
    pub question_id: String,
    pub question_text: String,
    /// 1–10 per the API schema (see [`crate::scoring`]).
    pub score: f64,
    #[serde(default)]
    pub score_weight: Option<f64>,
    pub evaluation_summary: String,
    pub evaluation_criteria: String,
    #[serde(default)]
    pub score_1_description: Option<String>,
    #[serde(default)]
    pub score_5_description: Option<String>,
    #[serde(default)]
    pub not_scored: bool,
    pub rank: i64,
    #[serde(default)]
    pub transcript: Vec<TranscriptEntry>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct TranscriptEntry {
    /// `Interviewer`, `Candidate` or `System`.
    pub speaker: String,
    pub text: String,
    /// Seconds from the start of the interview.
    pub timestamp: f64,
    #[serde(default)]
    pub timestamp_str: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ResumeResult {
    #[serde(default)]
    pub interview_id: Option<String>,
    /// 0–100.
    #[serde(default)]
    pub overall_score: Option<f64>,
    #[serde(default)]
    pub is_eligible: Option<bool>,
    #[serde(default)]
    pub score_criteria: Vec<ResumeScoreCriterion>,
    #[serde(default)]
    pub eligibility_criteria: Vec<ResumeEligibilityCriterion>,
    #[serde(default)]
    pub resume_url: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ResumeScoreCriterion {
    pub criteria_id: String,
    pub criteria_text: String,
    /// 0.0–10.0.
    pub score: f64,
    /// 0.0–1.0.
    pub confidence: f64,
    #[serde(default)]
    pub reasons: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ResumeEligibilityCriterion {
    pub criteria_id: String,
    pub criteria_text: String,
    pub passed: bool,
    pub confidence: f64,
    #[serde(default)]
    pub reasons: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SmsResult {
    #[serde(default)]
    pub interview_id: Option<String>,
    pub is_eligible: bool,
    pub confidence: f64,
    #[serde(default)]
    pub criteria: Vec<SmsCriterion>,
    #[serde(default)]
    pub transcript: Vec<SmsMessage>,
    #[serde(default)]
    pub messages_sent: Option<i64>,
    #[serde(default)]
    pub messages_received: Option<i64>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SmsCriterion {
    pub criteria_id: String,
    pub criteria_text: String,
    pub passed: bool,
    pub confidence: f64,
    #[serde(default)]
    pub is_dealbreaker: bool,
    #[serde(default)]
    pub reasons: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SmsMessage {
    /// `agent` or `candidate`.
    pub role: String,
    pub text: String,
    #[serde(default)]
    pub timestamp: Option<f64>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct FormResult {
    #[serde(default)]
    pub interview_id: Option<String>,
    /// `passed`, `failed`, `pending`.
    pub overall_status: String,
    #[serde(default)]
    pub questions: Vec<FormQuestion>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct FormQuestion {
    pub question_id: String,
    pub question_text: String,
    pub question_type: String,
    pub is_knockout: bool,
    pub passed: bool,
    #[serde(default)]
    pub candidate_answer: Option<String>,
    #[serde(default)]
    pub expected_answer: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CheatDetection {
    /// 0.0–1.0.
    #[serde(default)]
    pub overall_confidence: Option<f64>,
    /// 1 (no cheating) – 5 (highly detected).
    #[serde(default)]
    pub overall_ranking: Option<i64>,
    #[serde(default)]
    pub enabled: Option<bool>,
    #[serde(default)]
    pub threshold: Option<f64>,
    #[serde(default)]
    pub types: Option<Vec<String>>,
    #[serde(default)]
    pub web_interview: Option<WebInterviewCheat>,
    #[serde(default)]
    pub resume: Option<Value>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct WebInterviewCheat {
    #[serde(default)]
    pub cheat_detection_result: Option<TranscriptCheatResult>,
    #[serde(default)]
    pub llm_detection_result: Option<LlmDetectionResult>,
    #[serde(default)]
    pub unusual_delay_detection: Option<UnusualDelayResult>,
    /// `{total_count, events: [{timestamp, ...}], first_switch_at, last_switch_at}`.
    #[serde(default)]
    pub tab_switch_detection: Option<JsonObject>,
    #[serde(default)]
    pub interview_integrity: Option<InterviewIntegrity>,
    #[serde(default)]
    pub integrity_analysis_v2: Option<Value>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct TranscriptCheatResult {
    pub cheating_detected: bool,
    pub cheating_confidence: f64,
    #[serde(default)]
    pub cheating_instances: Vec<CheatingInstance>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CheatingInstance {
    pub reasoning: String,
    #[serde(default)]
    pub transcript_references: Vec<CheatTranscriptReference>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CheatTranscriptReference {
    pub user_friendly_timestamp: String,
    pub text: String,
    pub actual_timestamp: f64,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct LlmDetectionResult {
    pub llm_generated_detected: bool,
    pub detection_confidence: f64,
    #[serde(default)]
    pub llm_detected_segments: Vec<LlmDetectedSegment>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct LlmDetectedSegment {
    pub segment_text: String,
    pub segment_confidence: f64,
    pub reasoning: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct UnusualDelayResult {
    pub delay_detected: bool,
    pub delay_confidence: f64,
    #[serde(default)]
    pub unusual_delay_instances: Vec<Value>,
    pub overall_score: f64,
    pub confidence_level: f64,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct InterviewIntegrity {
    #[serde(default)]
    pub status: Option<String>,
    #[serde(default)]
    pub error: Option<String>,
    #[serde(default)]
    pub aggregated: Option<IntegrityAggregated>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct IntegrityAggregated {
    #[serde(default)]
    pub movements: Vec<MovementEvent>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct MovementEvent {
    /// `Eye Movement`, `Head Movement`, `Mouth Movement`.
    #[serde(rename = "type")]
    pub kind: String,
    #[serde(default)]
    pub confidence: Option<f64>,
    #[serde(default)]
    pub timestamp: Option<f64>,
}
