//! Derived columns of `candidates` (progress, imported decision), one SQL
//! expression each, shared by the import and [`refresh_derived`].
//!
//! Displayed status is derived the reviewer's decision if any, else the
//! imported decision, else pipeline progress (`review` module docs). Pipeline
//! progress, the imported decision and the flag count are stored as candidate
//! columns (migration v3) so the list stays fast at 100,000 rows; the
//! projection computes them with the review model's SQL (`PROGRESS_SQL`,
//! `IMPORTED_DECISION_SQL`, their `c.<column>`s made parameters:
//! `project::DERIVED_SQL`) when it inserts a new candidate and through
//! `project::refresh_derived` when it updates one, and anything that writes
//! candidate rows outside the projection (benchmark generators, report
//! samples) must call `refresh_derived`.

use rusqlite::Connection;

use crate::error::StoreResult;

/// How pipeline progress derives from imported columns of `candidates c`.
/// Materialised in `candidates.progress` by [`refresh_derived`].
/// (`=` tests rather than `IN (…)`: SQLite builds a temporary index for an
/// `IN` list each time a statement runs, and the importer runs this once
/// per new candidate.)
pub(crate) const PROGRESS_SQL: &str = "CASE \
    WHEN c.knocked_out = 1 OR c.imported_status = 'knocked_out' THEN 'knocked_out' \
    WHEN c.imported_status = 'pending' OR c.imported_status = 'in_progress' \
      OR c.imported_status = 'evaluating' OR c.imported_status = 'completed' THEN c.imported_status \
    WHEN c.steps_total > 0 AND c.steps_done >= c.steps_total THEN 'completed' \
    WHEN c.steps_done > 0 THEN 'in_progress' \
    ELSE 'pending' END";

/// The decision the import carried (status or flags), materialised in
/// `candidates.imported_decision`.
pub(crate) const IMPORTED_DECISION_SQL: &str = "CASE \
    WHEN c.imported_status = 'shortlisted' OR c.imported_status = 'dismissed' THEN c.imported_status \
    WHEN json_extract(c.cand_raw, '$.dismissed') = 1 THEN 'dismissed' \
    WHEN json_extract(c.cand_raw, '$.shortlisted') = 1 THEN 'shortlisted' \
    ELSE NULL END";

/// The columns [`PROGRESS_SQL`] and
/// [`IMPORTED_DECISION_SQL`] read, as parameters.
pub(crate) const DERIVED_INPUTS: [&str; 5] = [
    "knocked_out",
    "imported_status",
    "steps_total",
    "steps_done",
    "cand_raw",
];

/// The derived columns of a new candidate from its imported values: the
/// same expressions `refresh_derived` runs, their `c.<column>`s made named
/// parameters. Built once (a statement per new candidate looks it up in the
/// connection's cache by its text), and a plain expression, where a
/// subquery of the values would make SQLite build a temporary table each
/// time.
pub(crate) static DERIVED_SQL: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
    let params = |sql: &str| {
        DERIVED_INPUTS.iter().fold(sql.to_string(), |s, col| {
            s.replace(&format!("c.{col}"), &format!(":{col}"))
        })
    };
    format!(
        "SELECT ({}), ({})",
        params(PROGRESS_SQL),
        params(IMPORTED_DECISION_SQL)
    )
});

/// Recompute the candidate columns derived from imported data (`progress`,
/// `imported_decision`, `flag_count`) for one interview, or for all when
/// `interview_id` is `None`. The expressions are the review model's, so the
/// list and the detail agree.
pub fn refresh_derived(conn: &Connection, interview_id: Option<&str>) -> StoreResult<()> {
    // Two statements, not `?1 IS NULL OR …`: that form defeats the primary
    // key index, and one scan per imported interview made imports quadratic.
    let set = format!(
        "UPDATE candidates AS c SET progress = ({progress}), imported_decision = ({decision}), \
         flag_count = (SELECT count(*) FROM cheat_flags f WHERE f.interview_id = c.interview_id)",
        progress = PROGRESS_SQL,
        decision = IMPORTED_DECISION_SQL,
    );
    match interview_id {
        Some(id) => conn
            .prepare_cached(&format!("{set} WHERE c.interview_id = ?1"))?
            .execute([id])?,
        None => conn.prepare_cached(&set)?.execute([])?,
    };
    Ok(())
}
