//! Cohorts (F12 Create Cohort / Add to Cohort): named groups of candidates,
//! across interviewers. Reviewer data; import never touches it.

use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;

use serde_json::json;
use shortlist_team::EventKind;

use super::{begin, candidate_refs, team_log, ActionError, ActionResult};
use crate::audit;
use crate::store::{now, Workspace};

#[derive(Debug, Clone, Serialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Cohort {
    pub id: i64,
    pub name: String,
    pub created_at: f64,
    pub members: i64,
}

/// Result of adding to / removing from a cohort.
#[derive(Debug, Clone, Serialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CohortChange {
    pub cohort: Cohort,
    /// Interview ids whose membership changed.
    pub changed: Vec<String>,
    /// Interview ids already in (add) / not in (remove) the cohort.
    pub unchanged: Vec<String>,
}

fn clean_name(name: &str) -> ActionResult<String> {
    let name = name.trim();
    if name.is_empty() {
        return Err(ActionError::Invalid("cohort name is empty".into()));
    }
    if name.chars().count() > 80 {
        return Err(ActionError::Invalid(
            "cohort name is longer than 80 characters".into(),
        ));
    }
    if name.chars().any(char::is_control) {
        return Err(ActionError::Invalid(
            "cohort name contains a control character".into(),
        ));
    }
    Ok(name.to_string())
}

fn find(conn: &Connection, name: &str) -> ActionResult<Cohort> {
    conn.query_row(
        "SELECT id, name, created_at,
                (SELECT count(*) FROM cohort_members m WHERE m.cohort_id = cohorts.id)
         FROM cohorts WHERE name = ?1",
        [name.trim()],
        |r| {
            Ok(Cohort {
                id: r.get(0)?,
                name: r.get(1)?,
                created_at: r.get(2)?,
                members: r.get(3)?,
            })
        },
    )
    .optional()?
    .ok_or_else(|| ActionError::NoSuchCohort(name.trim().to_string()))
}

pub fn create_cohort(ws: &Workspace, name: &str) -> ActionResult<Cohort> {
    let name = clean_name(name)?;
    let mut conn = ws.writer();
    let tx = begin(&mut conn)?;
    let exists: Option<i64> = tx
        .query_row("SELECT id FROM cohorts WHERE name = ?1", [&name], |r| {
            r.get(0)
        })
        .optional()?;
    if exists.is_some() {
        return Err(ActionError::CohortExists(name));
    }
    let at = now();
    tx.execute(
        "INSERT INTO cohorts (name, created_at) VALUES (?1, ?2)",
        params![name, at],
    )?;
    let id = tx.last_insert_rowid();
    audit::append(&tx, "cohort.create", Some(&format!("cohort:{id}")))?;
    tx.commit()?;
    Ok(Cohort {
        id,
        name,
        created_at: at,
        members: 0,
    })
}

pub fn list_cohorts(ws: &Workspace) -> ActionResult<Vec<Cohort>> {
    let conn = ws.reader();
    let mut stmt = conn.prepare(
        "SELECT id, name, created_at,
                (SELECT count(*) FROM cohort_members m WHERE m.cohort_id = cohorts.id)
         FROM cohorts ORDER BY name COLLATE NOCASE",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok(Cohort {
            id: r.get(0)?,
            name: r.get(1)?,
            created_at: r.get(2)?,
            members: r.get(3)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Interview ids in the cohort, in the order they were added.
pub fn cohort_members(ws: &Workspace, name: &str) -> ActionResult<Vec<String>> {
    let conn = ws.reader();
    let cohort = find(&conn, name)?;
    let mut stmt = conn.prepare(
        "SELECT interview_id FROM cohort_members WHERE cohort_id = ?1 ORDER BY added_at, interview_id",
    )?;
    let rows = stmt.query_map([cohort.id], |r| r.get(0))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Names of the cohorts a candidate belongs to.
pub fn cohorts_of(ws: &Workspace, interview_id: &str) -> ActionResult<Vec<String>> {
    let conn = ws.reader();
    let mut stmt = conn.prepare(
        "SELECT c.name FROM cohorts c JOIN cohort_members m ON m.cohort_id = c.id
         WHERE m.interview_id = ?1 ORDER BY c.name COLLATE NOCASE",
    )?;
    let rows = stmt.query_map([interview_id], |r| r.get(0))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Add candidates to an existing cohort. Unknown interview ids refuse the
/// whole action.
pub fn add_to_cohort(ws: &Workspace, name: &str, ids: &[String]) -> ActionResult<CohortChange> {
    let mut conn = ws.writer();
    let tx = begin(&mut conn)?;
    let cohort = find(&tx, name)?;
    let refs = candidate_refs(&tx, ids)?;
    let at = now();
    let (mut changed, mut unchanged) = (Vec::new(), Vec::new());
    for c in refs {
        let n = tx.execute(
            "INSERT OR IGNORE INTO cohort_members (cohort_id, interview_id, added_at) VALUES (?1, ?2, ?3)",
            params![cohort.id, c.interview_id, at],
        )?;
        if n == 1 {
            audit::append(
                &tx,
                "cohort.add",
                Some(&format!("cohort:{}:{}", cohort.id, c.interview_id)),
            )?;
            team_log::record(
                &tx,
                EventKind::CohortAdded,
                &c.interview_id,
                json!({ "cohort": cohort.name }),
                None,
            )?;
            changed.push(c.interview_id);
        } else {
            unchanged.push(c.interview_id);
        }
    }
    let cohort = find(&tx, &cohort.name)?;
    tx.commit()?;
    Ok(CohortChange {
        cohort,
        changed,
        unchanged,
    })
}

/// Remove candidates from a cohort. Ids need not exist any more (a candidate
/// erased from the workspace can still be removed from a cohort).
pub fn remove_from_cohort(
    ws: &Workspace,
    name: &str,
    ids: &[String],
) -> ActionResult<CohortChange> {
    if ids.is_empty() {
        return Err(ActionError::Invalid(
            "no candidate selected; give at least one interview id".into(),
        ));
    }
    let mut conn = ws.writer();
    let tx = begin(&mut conn)?;
    let cohort = find(&tx, name)?;
    let (mut changed, mut unchanged) = (Vec::new(), Vec::new());
    for id in ids {
        let n = tx.execute(
            "DELETE FROM cohort_members WHERE cohort_id = ?1 AND interview_id = ?2",
            params![cohort.id, id],
        )?;
        if n == 1 {
            audit::append(
                &tx,
                "cohort.remove",
                Some(&format!("cohort:{}:{}", cohort.id, id)),
            )?;
            team_log::record(
                &tx,
                EventKind::CohortRemoved,
                id,
                json!({ "cohort": cohort.name }),
                None,
            )?;
            changed.push(id.clone());
        } else {
            unchanged.push(id.clone());
        }
    }
    let cohort = find(&tx, &cohort.name)?;
    tx.commit()?;
    Ok(CohortChange {
        cohort,
        changed,
        unchanged,
    })
}

/// Delete a cohort (its memberships go with it; candidates are untouched).
pub fn delete_cohort(ws: &Workspace, name: &str) -> ActionResult<()> {
    let mut conn = ws.writer();
    let tx = begin(&mut conn)?;
    let cohort = find(&tx, name)?;
    // The team sees a deleted cohort as its members removed.
    let members: Vec<String> = tx
        .prepare(
            "SELECT interview_id FROM cohort_members WHERE cohort_id = ?1 ORDER BY interview_id",
        )?
        .query_map([cohort.id], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    for id in &members {
        team_log::record(
            &tx,
            EventKind::CohortRemoved,
            id,
            json!({ "cohort": cohort.name }),
            None,
        )?;
    }
    tx.execute("DELETE FROM cohorts WHERE id = ?1", [cohort.id])?;
    audit::append(&tx, "cohort.delete", Some(&format!("cohort:{}", cohort.id)))?;
    tx.commit()?;
    Ok(())
}
