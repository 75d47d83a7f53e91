//! Reviewer decisions (F12): shortlist, dismiss, back to pending, undo.
//! Each call is one transaction with its decision log and audit entries.

use rusqlite::{params, Connection, OptionalExtension, TransactionBehavior};

use crate::error::{StoreError, StoreResult};
use crate::store::{now, Workspace};

use crate::review::{Decision, DecisionChange, DecisionChangeEntry};

pub(crate) fn current_decision(
    conn: &Connection,
    interview_id: &str,
) -> StoreResult<Option<Decision>> {
    let d: Option<String> = conn
        .query_row(
            "SELECT decision FROM decisions WHERE interview_id = ?1",
            [interview_id],
            |r| r.get(0),
        )
        .optional()?;
    Ok(d.as_deref().and_then(Decision::parse))
}

pub(crate) fn write_decision(
    conn: &Connection,
    interview_id: &str,
    previous: Option<Decision>,
    decision: Option<Decision>,
    by: &str,
    at: f64,
) -> StoreResult<()> {
    // Cached statements: the list cache's triggers on `decisions` are
    // compiled into each statement once, not on every write.
    match decision {
        Some(d) => conn
            .prepare_cached(
                "INSERT INTO decisions (interview_id, decision, decided_by, decided_at) VALUES (?1, ?2, ?3, ?4) \
                 ON CONFLICT(interview_id) DO UPDATE SET decision = excluded.decision, \
                 decided_by = excluded.decided_by, decided_at = excluded.decided_at",
            )?
            .execute(params![interview_id, d.as_str(), by, at])?,
        None => conn
            .prepare_cached("DELETE FROM decisions WHERE interview_id = ?1")?
            .execute([interview_id])?,
    };
    conn.execute(
        "INSERT INTO decision_log (interview_id, previous, decision, decided_by, decided_at) \
         VALUES (?1, ?2, ?3, ?4, ?5)",
        params![
            interview_id,
            previous.map(Decision::as_str),
            decision.map(Decision::as_str),
            by,
            at
        ],
    )?;
    let action = match decision {
        Some(d) => format!("decision.{}", d.as_str()),
        None => "decision.cleared".to_string(),
    };
    crate::audit::append(conn, &action, Some(interview_id))?;
    Ok(())
}

fn apply(ws: &Workspace, targets: &[(String, Option<Decision>)]) -> StoreResult<DecisionChange> {
    if targets.is_empty() {
        return Err(StoreError::Invalid("no candidate selected".into()));
    }
    let by = ws.reviewer();
    let mut conn = ws.writer();
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let at = now();
    let mut entries = Vec::with_capacity(targets.len());
    for (id, decision) in targets {
        let exists: bool = tx
            .query_row(
                "SELECT 1 FROM candidates WHERE interview_id = ?1",
                [id],
                |_| Ok(true),
            )
            .optional()?
            .unwrap_or(false);
        if !exists {
            return Err(StoreError::NoSuchInterview(id.clone()));
        }
        let previous = current_decision(&tx, id)?;
        write_decision(&tx, id, previous, *decision, &by, at)?;
        super::team_log::record(
            &tx,
            shortlist_team::EventKind::Decision,
            id,
            serde_json::json!({ "decision": decision.map(Decision::as_str) }),
            None,
        )?;
        entries.push(DecisionChangeEntry {
            interview_id: id.clone(),
            previous,
            decision: *decision,
        });
    }
    tx.commit()?;
    Ok(DecisionChange { entries })
}

/// Record the reviewer's decision for one or more candidates, in one
/// transaction. `Decision::Pending` records an explicit "back to pending"
/// (it overrides an imported shortlisted/dismissed state).
pub fn set_decision(
    ws: &Workspace,
    interview_ids: &[String],
    decision: Decision,
) -> StoreResult<DecisionChange> {
    let targets: Vec<_> = interview_ids
        .iter()
        .map(|id| (id.clone(), Some(decision)))
        .collect();
    apply(ws, &targets)
}

/// Undo a [`DecisionChange`]: restore each candidate's previous reviewer
/// decision (logged as a new event; history is never rewritten).
pub fn undo_decision(ws: &Workspace, change: &DecisionChange) -> StoreResult<DecisionChange> {
    let targets: Vec<_> = change
        .entries
        .iter()
        .map(|e| (e.interview_id.clone(), e.previous))
        .collect();
    apply(ws, &targets)
}
