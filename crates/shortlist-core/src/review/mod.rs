//! The review model: what the UI, the CLI, reports and exports read.
//!
//! Everything here reads the store through the same queries, so the list the
//! reviewer sees, the CSV they export and the PDF they print agree. The only
//! writes are reviewer actions (decisions), each one transaction with its
//! audit entry.
//!
//! Derived status: the reviewer's decision if any, else the imported
//! decision (`shortlisted`/`dismissed` status or flags), else the pipeline
//! progress (`pending`, `in_progress`, `evaluating`, `completed`,
//! `knocked_out`).
//!
//! Reads only: reviewer writes (decisions included) are in
//! [`crate::actions`]. The module is split by job: [`dto`] (the data that
//! crosses to the UI and the CLI), `sql` (shared SQL fragments), `list`
//! (the candidate list and search), `list_cache` (its in-memory fast path),
//! `candidate` (interviewers, one candidate, Candidate vs Average) and
//! `analytics`.

mod activity;
mod agent;
mod analytics;
mod candidate;
mod compare;
pub mod dto;
mod list;
mod list_cache;
pub mod panel;
mod selection;
mod sql;

pub use activity::{activity, also_applied, ActivityEvent, CandidateActivity, OtherApplication};
pub use agent::{agent_config, AgentConfig, AgentQuestion};
pub use analytics::{interviewer_analytics, key_figures};
pub use candidate::{
    candidate_detail, candidate_vs_average, interviewer, list_interviewers, notes_for, posting,
    raw_json,
};
pub use compare::{compare, CompareCandidate, FlagKindCount};
pub use dto::*;
pub use list::{
    candidate_row, list_cache_stats, list_candidates, list_candidates_cached, list_candidates_sql,
    warm_list_cache,
};
pub use list_cache::ListCacheStats;
pub use selection::{
    for_each_selected, for_each_selected_paged, selection_count, selection_ids, Matching,
    Selection, SELECTION_PAGE,
};
pub use sql::fts_query;
