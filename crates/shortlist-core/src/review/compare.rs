//! Compare (F20): two to four candidates side by side, each with the
//! figures a reviewer decides on (overall, résumé, cheat-detection flags,
//! the current decision) beside their per-question Candidate vs Average.

use serde::{Deserialize, Serialize};

use crate::error::StoreResult;
use crate::store::Workspace;

use super::candidate::candidate_vs_average;
use super::dto::{Comparison, Decision};
use super::list::candidate_row;

/// One kind of cheat-detection signal and how often it was raised.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct FlagKindCount {
    /// e.g. `tab_switching` (the UI humanises it as the profile does).
    pub kind: String,
    pub count: i64,
}

/// One candidate's column in Compare.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CompareCandidate {
    pub interview_id: String,
    pub posting_id: String,
    pub name: String,
    /// Overall 0–100, as in the list.
    pub score: Option<f64>,
    /// Résumé score 0–100, as in the list.
    pub resume_score: Option<f64>,
    /// Every cheat-detection signal (the list's flag count).
    pub flag_count: i64,
    /// The same signals by kind, most frequent first (ties by name).
    pub flags: Vec<FlagKindCount>,
    /// Reviewer decision if set, else imported decision, else `pending`.
    pub decision: Decision,
    /// Whether `decision` comes from this reviewer (vs. the import).
    pub decided_here: bool,
    pub comparison: Comparison,
}

/// The Compare columns for `interview_ids`, in the order given.
pub fn compare(ws: &Workspace, interview_ids: &[String]) -> StoreResult<Vec<CompareCandidate>> {
    interview_ids
        .iter()
        .map(|id| {
            let row = candidate_row(ws, id)?;
            let comparison = candidate_vs_average(ws, id)?;
            let flags = flag_kinds(ws, id)?;
            Ok(CompareCandidate {
                interview_id: row.interview_id,
                posting_id: row.posting_id,
                name: row.name,
                score: row.score,
                resume_score: row.resume_score,
                flag_count: row.flag_count,
                flags,
                decision: row.decision,
                decided_here: row.decided_here,
                comparison,
            })
        })
        .collect()
}

fn flag_kinds(ws: &Workspace, interview_id: &str) -> StoreResult<Vec<FlagKindCount>> {
    let conn = ws.reader();
    let mut stmt = conn.prepare_cached(
        "SELECT kind, count(*) FROM cheat_flags WHERE interview_id = ?1 \
         GROUP BY kind ORDER BY count(*) DESC, kind",
    )?;
    let rows = stmt
        .query_map([interview_id], |r| {
            Ok(FlagKindCount {
                kind: r.get(0)?,
                count: r.get(1)?,
            })
        })?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(rows)
}
