//! The candidate list (F11): one page, its totals and view counts, from the
//! in-memory projection (`list_cache`) or by SQL; search snippets.

use std::collections::HashMap;

use rusqlite::types::Value as SqlValue;
use rusqlite::{params_from_iter, Connection, OptionalExtension};
use serde_json::{Map, Value};

use crate::error::{StoreError, StoreResult};
use crate::store::Workspace;

use super::dto::{
    CandidatePage, CandidateQuery, CandidateRow, Decision, SnippetPart, StageCell, View, ViewCounts,
};
use super::list_cache::{ListCache, ListCacheStats};
use super::panel::{identity_of, Viewer};
use super::sql::{build_filter, decision_sql, order_sql, status_sql, where_clause, FROM_SQL};

pub(crate) fn stage_label(kind: &str, status: &str, score: Option<f64>) -> String {
    let name = match kind {
        "resume" => "Resume",
        "web_interview" => "Video",
        "conversational_sms" => "SMS",
        "form" => "Form",
        other => other,
    };
    match status {
        "completed" => match score {
            Some(s) => format!("{name} {}%", s.round()),
            None => name.to_string(),
        },
        "in_progress" => format!("{name} in progress"),
        "knocked_out" => format!("{name} knocked out"),
        _ => "pending".to_string(),
    }
}

pub(crate) fn stage_summary(stages: &[StageCell], done: i64, total: i64) -> String {
    // The latest scored step reads best ("Resume 74% • 2/3"); else the
    // latest step the candidate reached.
    let last = stages
        .iter()
        .find(|s| s.status == "knocked_out")
        .or_else(|| {
            stages
                .iter()
                .rev()
                .find(|s| s.status == "completed" && s.score_pct.is_some())
        })
        .or_else(|| {
            stages.iter().rev().find(|s| {
                s.status == "completed" || s.status == "knocked_out" || s.status == "in_progress"
            })
        });
    let mut label = match last {
        Some(s) => s.label.clone(),
        None => "pending".to_string(),
    };
    if total > 0 && done < total && last.is_some() {
        label.push_str(&format!(" • {done}/{total}"));
    }
    label
}

pub(crate) fn row_select() -> String {
    format!(
        "SELECT c.interview_id, c.candidate_id, c.posting_id, c.name, c.email, c.phone, c.location, \
         c.country, c.interview_url, c.progress AS progress, {dec} AS decision, \
         d.decision IS NOT NULL AS decided_here, {status} AS status, c.score, c.resume_score, \
         c.video_score, c.speech_score, c.steps_done, c.steps_total, c.created_at, c.interviewed_at, \
         c.last_activity_at, c.cheat_ranking, c.custom, c.flag_count AS flag_count",
        dec = decision_sql(),
        status = status_sql()
    )
}

pub(crate) fn read_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<CandidateRow> {
    let decision: String = r.get("decision")?;
    let custom: Option<String> = r.get("custom")?;
    let custom = custom
        .and_then(|c| serde_json::from_str::<Map<String, Value>>(&c).ok())
        .unwrap_or_default();
    Ok(CandidateRow {
        interview_id: r.get("interview_id")?,
        candidate_id: r.get("candidate_id")?,
        posting_id: r.get("posting_id")?,
        name: r.get("name")?,
        email: r.get("email")?,
        phone: r.get("phone")?,
        location: r.get("location")?,
        country: r.get("country")?,
        interview_url: r.get("interview_url")?,
        progress: r.get("progress")?,
        decision: Decision::parse(&decision).unwrap_or(Decision::Pending),
        decided_here: r.get("decided_here")?,
        status: r.get("status")?,
        score: r.get("score")?,
        resume_score: r.get("resume_score")?,
        video_score: r.get("video_score")?,
        speech_score: r.get("speech_score")?,
        steps_done: r.get("steps_done")?,
        steps_total: r.get("steps_total")?,
        stages: Vec::new(),
        stage_summary: String::new(),
        created_at: r.get("created_at")?,
        interviewed_at: r.get("interviewed_at")?,
        last_engaged: r.get("last_activity_at")?,
        tags: Vec::new(),
        flag_count: r.get("flag_count")?,
        cheat_ranking: r.get("cheat_ranking")?,
        custom,
        snippet: None,
        panel: None,
        my_evaluation: None,
    })
}

/// Fill stages, tags and snippets for a page of rows (one query each).
pub(crate) fn decorate(
    conn: &Connection,
    rows: &mut [CandidateRow],
    search: Option<&str>,
) -> StoreResult<()> {
    // A page may be the whole list (CSV export, `list --limit 0`): bound the
    // statements' parameters (SQLite allows 32,766) by deciding in chunks.
    for chunk in rows.chunks_mut(ROWID_CHUNK) {
        decorate_chunk(conn, chunk, search)?;
    }
    Ok(())
}

fn decorate_chunk(
    conn: &Connection,
    rows: &mut [CandidateRow],
    search: Option<&str>,
) -> StoreResult<()> {
    if rows.is_empty() {
        return Ok(());
    }
    let index: HashMap<String, usize> = rows
        .iter()
        .enumerate()
        .map(|(i, r)| (r.interview_id.clone(), i))
        .collect();
    let ids: Vec<SqlValue> = rows
        .iter()
        .map(|r| SqlValue::Text(r.interview_id.clone()))
        .collect();
    let placeholders = vec!["?"; ids.len()].join(",");

    let sql = format!(
        "SELECT interview_id, step_order, kind, status, score FROM steps \
         WHERE interview_id IN ({placeholders}) ORDER BY interview_id, step_order"
    );
    let mut stmt = conn.prepare(&sql)?;
    let mut q = stmt.query(params_from_iter(ids.iter()))?;
    while let Some(r) = q.next()? {
        let id: String = r.get(0)?;
        let kind: Option<String> = r.get(2)?;
        let kind = kind.unwrap_or_else(|| "step".into());
        let status: String = r.get(3)?;
        let score: Option<f64> = r.get(4)?;
        if let Some(&i) = index.get(&id) {
            rows[i].stages.push(StageCell {
                order: r.get(1)?,
                label: stage_label(&kind, &status, score),
                kind,
                status,
                score_pct: score,
            });
        }
    }

    let sql = format!(
        "SELECT interview_id, tag FROM tags WHERE interview_id IN ({placeholders}) ORDER BY interview_id, rowid"
    );
    let mut stmt = conn.prepare(&sql)?;
    let mut q = stmt.query(params_from_iter(ids.iter()))?;
    while let Some(r) = q.next()? {
        let id: String = r.get(0)?;
        if let Some(&i) = index.get(&id) {
            rows[i].tags.push(r.get(1)?);
        }
    }

    if let Some(search) = search {
        let terms = search_terms(search);
        // The index stores no text (contentless): the transcript comes from
        // the raw JSON, joined as the projection indexed it.
        let sql = format!(
            "SELECT c.interview_id, \
               (SELECT group_concat(t.value ->> 'text', char(10)) \
                FROM json_each(c.interview_raw, '$.web_interview.transcript') t) \
             FROM candidates c WHERE c.interview_id IN ({placeholders}) \
               AND json_valid(c.interview_raw)"
        );
        let mut stmt = conn.prepare(&sql)?;
        let mut q = stmt.query(params_from_iter(ids.iter()))?;
        while let Some(r) = q.next()? {
            let id: String = r.get(0)?;
            let text: Option<String> = r.get(1)?;
            if let (Some(&i), Some(text)) = (index.get(&id), text) {
                rows[i].snippet = snippet(&text, &terms, SNIPPET_WORDS);
            }
        }
    }

    for row in rows.iter_mut() {
        row.stage_summary = stage_summary(&row.stages, row.steps_done, row.steps_total);
    }

    // The panel column, only where this workspace's reviewer may see it.
    let viewer = Viewer::from(&identity_of(conn)?);
    let ids: Vec<String> = rows.iter().map(|r| r.interview_id.clone()).collect();
    let mut panels = super::panel::summaries(conn, &ids, &viewer)?;
    let mut mine = super::panel::mine(conn, &ids, &viewer)?;
    for row in rows.iter_mut() {
        row.panel = panels.remove(&row.interview_id);
        row.my_evaluation = mine.remove(&row.interview_id);
    }
    Ok(())
}

/// Words of context a transcript snippet shows around its first hit.
pub(crate) const SNIPPET_WORDS: usize = 12;

/// Lowercase and strip diacritics, as the FTS tokenizer
/// (`unicode61 remove_diacritics 2`) does, so "jose" finds "José".
pub(crate) fn fold(s: &str) -> String {
    use unicode_normalization::char::is_combining_mark;
    use unicode_normalization::UnicodeNormalization;
    s.nfd()
        .filter(|c| !is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .collect()
}

/// The search's words, folded (the same split as [`fts_query`]).
pub(crate) fn search_terms(search: &str) -> Vec<String> {
    search
        .split(|c: char| !c.is_alphanumeric())
        .filter(|t| !t.is_empty())
        .map(fold)
        .collect()
}

/// A window of `words` words around the first word of `text` that starts
/// with one of `terms`, every such word marked as a hit; `None` when the
/// transcript has no hit (the match was in the name, e-mail or tags).
pub(crate) fn snippet(text: &str, terms: &[String], words: usize) -> Option<Vec<SnippetPart>> {
    if terms.is_empty() {
        return None;
    }
    // Word spans (alphanumeric runs) with their hit flag.
    let mut spans: Vec<(usize, usize, bool)> = Vec::new();
    let mut start = None;
    for (i, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        match (c.is_alphanumeric(), start) {
            (true, None) => start = Some(i),
            (false, Some(st)) => {
                let w = fold(&text[st..i]);
                let hit = terms.iter().any(|t| w.starts_with(t.as_str()));
                spans.push((st, i, hit));
                start = None;
            }
            _ => {}
        }
    }
    let first = spans.iter().position(|s| s.2)?;
    let from = first.saturating_sub(words / 3);
    let to = (from + words).min(spans.len());
    let mut parts: Vec<SnippetPart> = Vec::new();
    let mut push = |text: &str, hit: bool| {
        if text.is_empty() {
            return;
        }
        match parts.last_mut() {
            Some(last) if last.hit == hit => last.text.push_str(text),
            _ => parts.push(SnippetPart {
                text: text.to_string(),
                hit,
            }),
        }
    };
    if from > 0 {
        push("…", false);
    }
    let mut pos = spans[from].0;
    for &(st, end, hit) in &spans[from..to] {
        push(&text[pos..st], false);
        push(&text[st..end], hit);
        pos = end;
    }
    if to < spans.len() {
        push("…", false);
    } else {
        push(text[pos..].trim_end(), false);
    }
    Some(parts)
}

/// Pages up to this size are read in two phases (see [`list_candidates`]).
pub(crate) const MAX_TWO_PHASE_PAGE: u32 = 1_000;

/// The candidate list (F11): one page plus totals and view counts.
///
/// Answered from the in-memory list projection when it can be
/// (`review/list_cache.rs`), else by SQL; both give the same page.
pub fn list_candidates(ws: &Workspace, q: &CandidateQuery) -> StoreResult<CandidatePage> {
    match list_candidates_cached(ws, q)? {
        Some(page) => Ok(page),
        None => list_candidates_sql(ws, q),
    }
}

/// Rows fetched by rowid per statement.
pub(crate) const ROWID_CHUNK: usize = 500;

/// Full rows for `rowids`, in that order.
pub(crate) fn rows_by_rowid(conn: &Connection, rowids: &[i64]) -> StoreResult<Vec<CandidateRow>> {
    let mut rows = Vec::with_capacity(rowids.len());
    for chunk in rowids.chunks(ROWID_CHUNK) {
        let placeholders = vec!["?"; chunk.len()].join(",");
        let sql = format!(
            "{select}, c.rowid AS rowid_ {FROM_SQL} WHERE c.rowid IN ({placeholders})",
            select = row_select()
        );
        let mut by_rowid: HashMap<i64, CandidateRow> = conn
            .prepare(&sql)?
            .query_map(params_from_iter(chunk.iter()), |r| {
                Ok((r.get::<_, i64>("rowid_")?, read_row(r)?))
            })?
            .collect::<Result<_, _>>()?;
        rows.extend(chunk.iter().filter_map(|id| by_rowid.remove(id)));
    }
    Ok(rows)
}

/// Full rows for `ids`, in that order, read from the covering index
/// `candidates_card` alone: one small index entry per row, where the table
/// row would walk past its raw JSON (see schema v9). Ids not found are
/// skipped.
pub(crate) fn rows_by_id(conn: &Connection, ids: &[String]) -> StoreResult<Vec<CandidateRow>> {
    let mut rows = Vec::with_capacity(ids.len());
    for chunk in ids.chunks(ROWID_CHUNK) {
        let placeholders = vec!["?"; chunk.len()].join(",");
        let sql = format!(
            "{select} {from} WHERE c.interview_id IN ({placeholders})",
            select = row_select(),
            from = FROM_SQL.replacen("candidates c", "candidates c INDEXED BY candidates_card", 1)
        );
        let mut by_id: HashMap<String, CandidateRow> = conn
            .prepare_cached(&sql)?
            .query_map(params_from_iter(chunk.iter()), |r| {
                let row = read_row(r)?;
                Ok((row.interview_id.clone(), row))
            })?
            .collect::<Result<_, _>>()?;
        rows.extend(chunk.iter().filter_map(|id| by_id.remove(id)));
    }
    Ok(rows)
}

/// The list from the in-memory projection; `None` when the query needs SQL.
/// Public for the tests that compare it with [`list_candidates_sql`].
#[doc(hidden)]
pub fn list_candidates_cached(
    ws: &Workspace,
    q: &CandidateQuery,
) -> StoreResult<Option<CandidatePage>> {
    let conn = ws.reader();
    // One snapshot for the cache's version check and every read below.
    let tx = conn.unchecked_transaction()?;
    let found = ws
        .reader_slots()
        .with(|c: &mut ListCache| c.query(&tx, q))?;
    let Some(found) = found else {
        return Ok(None);
    };
    let mut rows = rows_by_id(&tx, &found.ids)?;
    decorate(&tx, &mut rows, q.search.as_deref())?;
    tx.finish()?;
    Ok(Some(CandidatePage {
        rows,
        total: found.total,
        view_counts: found.view_counts,
    }))
}

/// Load `posting_id`'s list projection now if it is not cached (benchmarks).
#[doc(hidden)]
pub fn warm_list_cache(ws: &Workspace, posting_id: Option<&str>) -> StoreResult<()> {
    let conn = ws.reader();
    let tx = conn.unchecked_transaction()?;
    ws.reader_slots()
        .with(|c: &mut ListCache| c.warm(&tx, posting_id))?;
    tx.finish()?;
    Ok(())
}

/// What the list cache holds (benchmarks).
#[doc(hidden)]
pub fn list_cache_stats(ws: &Workspace) -> Vec<ListCacheStats> {
    ws.reader_slots().with(|c: &mut ListCache| c.stats())
}

/// The candidate list by SQL alone (the fallback of [`list_candidates`]).
#[doc(hidden)]
pub fn list_candidates_sql(ws: &Workspace, q: &CandidateQuery) -> StoreResult<CandidatePage> {
    let conn = ws.reader();
    let viewer = Viewer::from(&identity_of(&conn)?);
    let panel_where = super::panel::filter_sql(q, &viewer);
    let mut filter = build_filter(q, true);
    filter.where_sql.extend(panel_where.iter().cloned());
    let where_ = where_clause(&filter.where_sql);
    let panel_sort = super::panel::sort_sql(&viewer);
    let order = order_sql(q, Some(&panel_sort));
    let offset = q.offset;
    let mut rows;
    if q.limit == 0 || q.limit > MAX_TWO_PHASE_PAGE {
        // Everything (CLI, exports): one pass.
        let limit = if q.limit == 0 { -1 } else { q.limit as i64 };
        let sql = format!(
            "{select} {FROM_SQL} {where_} {order} LIMIT {limit} OFFSET {offset}",
            select = row_select(),
        );
        rows = conn
            .prepare_cached(&sql)?
            .query_map(params_from_iter(filter.params.iter()), read_row)?
            .collect::<Result<Vec<_>, _>>()?;
    } else {
        // A page (the UI): sort and page narrow rows (rowid only), then read
        // the page's full rows. Sorting wide rows would carry every column
        // of every match through the sorter.
        let page_sql = format!(
            "SELECT c.rowid {FROM_SQL} {where_} {order} LIMIT {limit} OFFSET {offset}",
            limit = q.limit,
        );
        let rowids: Vec<i64> = conn
            .prepare_cached(&page_sql)?
            .query_map(params_from_iter(filter.params.iter()), |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        rows = rows_by_rowid(&conn, &rowids)?;
    }
    decorate(&conn, &mut rows, q.search.as_deref())?;

    let mut base = build_filter(q, false);
    base.where_sql.extend(panel_where);
    let sql = format!(
        "SELECT count(*), \
         coalesce(sum(c.progress = 'completed'), 0), \
         coalesce(sum(({dec}) = 'shortlisted'), 0), \
         coalesce(sum(({dec}) = 'dismissed'), 0) {FROM_SQL} {where_}",
        dec = decision_sql(),
        where_ = where_clause(&base.where_sql)
    );
    let view_counts =
        conn.prepare_cached(&sql)?
            .query_row(params_from_iter(base.params.iter()), |r| {
                Ok(ViewCounts {
                    all: r.get(0)?,
                    completed: r.get(1)?,
                    shortlisted: r.get(2)?,
                    dismissed: r.get(3)?,
                })
            })?;
    let total = if q.status.is_none() && q.decision.is_none() {
        match q.view {
            View::All => view_counts.all,
            View::Completed => view_counts.completed,
            View::Shortlisted => view_counts.shortlisted,
            View::Dismissed => view_counts.dismissed,
        }
    } else {
        let sql = format!(
            "SELECT count(*) {FROM_SQL} {}",
            where_clause(&filter.where_sql)
        );
        conn.prepare_cached(&sql)?
            .query_row(params_from_iter(filter.params.iter()), |r| r.get(0))?
    };
    Ok(CandidatePage {
        rows,
        total,
        view_counts,
    })
}

/// One candidate list row by id.
pub fn candidate_row(ws: &Workspace, interview_id: &str) -> StoreResult<CandidateRow> {
    let conn = ws.reader();
    let sql = format!("{} {FROM_SQL} WHERE c.interview_id = ?1", row_select());
    let row = conn
        .prepare_cached(&sql)?
        .query_row([interview_id], read_row)
        .optional()?
        .ok_or_else(|| StoreError::NoSuchInterview(interview_id.to_string()))?;
    let mut rows = [row];
    decorate(&conn, &mut rows, None)?;
    let [row] = rows;
    Ok(row)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snippets_mark_prefix_hits_folding_case_and_accents() {
        let text = "So I told the customer: the forklift was certified, and Forklifts need care.";
        let parts = snippet(text, &search_terms("FORK"), 6).unwrap();
        let hits: Vec<&str> = parts
            .iter()
            .filter(|p| p.hit)
            .map(|p| p.text.as_str())
            .collect();
        assert_eq!(hits, vec!["forklift"]);
        assert!(parts.first().unwrap().text.starts_with('…'));
        let joined: String = parts.iter().map(|p| p.text.as_str()).collect();
        assert!(joined.contains("the forklift was certified"), "{joined}");
        // Accents fold both ways.
        let parts = snippet("Trabajé en Sevilla", &search_terms("trabaje"), 12).unwrap();
        assert_eq!(
            parts[0],
            SnippetPart {
                text: "Trabajé".into(),
                hit: true
            }
        );
        assert_eq!(snippet("nothing here", &search_terms("zzz"), 12), None);
        assert_eq!(snippet("anything", &search_terms("  "), 12), None);
        // Non-Latin scripts.
        let parts = snippet("我在北京工作 三年", &search_terms("三年"), 12).unwrap();
        assert!(parts.iter().any(|p| p.hit && p.text == "三年"));
    }

    #[test]
    fn labels() {
        assert_eq!(stage_label("resume", "completed", Some(74.2)), "Resume 74%");
        assert_eq!(stage_label("web_interview", "completed", None), "Video");
        assert_eq!(stage_label("web_interview", "not_started", None), "pending");
        let stages = vec![
            StageCell {
                order: 1,
                kind: "resume".into(),
                status: "completed".into(),
                score_pct: Some(74.0),
                label: "Resume 74%".into(),
            },
            StageCell {
                order: 2,
                kind: "form".into(),
                status: "completed".into(),
                score_pct: None,
                label: "Form".into(),
            },
            StageCell {
                order: 3,
                kind: "web_interview".into(),
                status: "not_started".into(),
                score_pct: None,
                label: "pending".into(),
            },
        ];
        assert_eq!(stage_summary(&stages, 2, 3), "Resume 74% • 2/3");
        assert_eq!(stage_summary(&stages[..1], 1, 1), "Resume 74%");
        assert_eq!(stage_summary(&stages[2..], 0, 3), "pending");
        let mut ko = stages.clone();
        ko[1].status = "knocked_out".into();
        ko[1].label = "Form knocked out".into();
        assert_eq!(stage_summary(&ko, 2, 3), "Form knocked out • 2/3");
    }
}

#[cfg(test)]
mod card_tests {
    use crate::store::Workspace;

    /// The page is read from the index alone: every column a list row shows
    /// is in `candidates_card` (a column added to `row_select` but not to
    /// the index would silently read the table again, raw JSON and all).
    #[test]
    fn the_list_page_reads_only_the_covering_index() {
        let dir = tempfile::tempdir().unwrap();
        let ws = Workspace::open(dir.path().join("ws")).unwrap();
        let conn = ws.reader();
        let sql = format!(
            "EXPLAIN QUERY PLAN {} {} WHERE c.interview_id IN (?, ?)",
            super::row_select(),
            super::FROM_SQL.replacen("candidates c", "candidates c INDEXED BY candidates_card", 1)
        );
        let plan: Vec<String> = conn
            .prepare(&sql)
            .unwrap()
            .query_map(["a", "b"], |r| r.get::<_, String>(3))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        assert!(
            plan.iter()
                .any(|l| l.contains("USING COVERING INDEX candidates_card")),
            "{plan:?}"
        );
    }
}
