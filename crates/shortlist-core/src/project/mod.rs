//! Projection: the raw API objects stored per record → the typed tables the
//! app queries (`postings`, `candidates`, `steps`, `scorecard`, `tags`,
//! `cheat_flags`, `candidate_media`, `fts`). Transcripts have no table of
//! their own: they are read from the raw JSON, and indexed in `fts`.
//!
//! One function per record kind rebuilds every typed row of that record from
//! its raw JSON — delete its rows, insert them again — so typed tables are
//! never edited by hand and import and sync share the exact same mapping:
//! [`write_interview`] / [`write_posting`] (given new raw parts, keeping the
//! stored ones for parts not given) and [`project_interview`] /
//! [`project_posting`] (rebuild purely from what is stored).
//! Reviewer tables are never touched here.
//!
//! Mapping (see also `docs/bundle-format.md`):
//! * candidate row = `CandidateResponse` merged with `InterviewDataResponse`,
//!   the interview data winning for shared fields;
//! * phone / location / country from `data` then `metadata` keys `phone`
//!   (`phone_number`), `location` (`city`), `country`;
//! * `custom` = flattened `metadata.<key>` / `data.<key>` values (JSON object);
//! * résumé score = `resume.overall_score`, else
//!   `agent_summary.resume.resume_score`; video score =
//!   `web_interview.match_score`, else `agent_summary.web_interview.score`;
//! * steps from the candidate's `workflow.steps`, their kind from the
//!   posting's workflow (by step id, else by order); résumé and web-interview
//!   steps carry the matching score in percent;
//! * `imported_status` = the API status, `knocked_out` when a step is;
//! * cheat flags: one row per signal (tab-switch events, transcript cheat
//!   references, LLM-generated segments, unusual delays, movement events),
//!   kinds named as SPEC F3.

//!
//! Split by record kind: [`posting`], [`interview`] (with [`cheat`] flags),
//! the full-text index ([`fts`]) and the derived columns ([`derived`]).

pub mod cheat;
pub mod derived;
pub mod fts;
pub mod interview;
pub mod posting;
pub mod raw;
#[cfg(test)]
mod tests;

pub use cheat::{cheat_flags, CheatFlag};
pub use derived::refresh_derived;
pub use fts::{index_words, transcript_words, FtsBatch};
pub use interview::{
    parse_interview_extension, project_interview, write_interview, InterviewInput, MediaResolver,
    Projected,
};
pub use posting::{posting_info, project_posting, write_posting, PostingInfo};
pub use raw::RawPart;
