//! SQL the review model's queries share: derived decision and status,
//! the list's filters and order, and the full-text query syntax.

use super::dto::{CandidateQuery, SortKey, View};
use rusqlite::types::Value as SqlValue;

pub(crate) fn decision_sql() -> String {
    "COALESCE(d.decision, c.imported_decision, 'pending')".to_string()
}

pub(crate) fn status_sql() -> String {
    format!(
        "CASE WHEN {dec} IN ('shortlisted','dismissed') THEN {dec} ELSE c.progress END",
        dec = decision_sql()
    )
}

/// Whether the index's `unicode61` tokenizer keeps `c` inside a token
/// (letters and numbers; marks, symbols and punctuation separate tokens).
/// Splitting the query at every other character gives one token per term:
/// the index is `detail=none`, which rejects multi-token (phrase) terms.
pub(crate) fn is_token_char(c: char) -> bool {
    use unicode_normalization::char::is_combining_mark;
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    // Rust's alphanumeric also counts some marks and the circled letters
    // (symbols to the tokenizer) as letters.
    c.is_alphanumeric()
        && !is_combining_mark(c)
        && !matches!(c as u32, 0x24B6..=0x24E9 | 0x1F130..=0x1F189)
}

/// Turn user text into an FTS5 query: each word a quoted prefix term, all
/// required. Words are split where the tokenizer splits them and quotes are
/// doubled, so any input is a valid query.
pub fn fts_query(search: &str) -> Option<String> {
    use unicode_normalization::UnicodeNormalization;
    // Composed first, so a decomposed "a\u{301}" stays one letter.
    let search: String = search.nfc().collect();
    let terms: Vec<String> = search
        .split(|c: char| !is_token_char(c))
        .filter(|t| !t.is_empty())
        .map(|t| format!("\"{}\"*", t.replace('"', "\"\"")))
        .collect();
    (!terms.is_empty()).then(|| terms.join(" "))
}

pub(crate) struct Filter {
    pub(crate) where_sql: Vec<String>,
    pub(crate) params: Vec<SqlValue>,
}

pub(crate) fn build_filter(q: &CandidateQuery, include_view: bool) -> Filter {
    let mut where_sql = Vec::new();
    let mut params: Vec<SqlValue> = Vec::new();
    let dec = decision_sql();
    let status = status_sql();
    if let Some(p) = &q.posting_id {
        params.push(SqlValue::Text(p.clone()));
        where_sql.push(format!("c.posting_id = ?{}", params.len()));
    }
    let fts = q.search.as_deref().and_then(fts_query);
    if let Some(f) = &fts {
        params.push(SqlValue::Text(f.clone()));
        // Within one interviewer, `+` keeps the planner on the covering
        // `candidates_list` index (testing each entry's rowid against the
        // hit set) rather than fetching every hit's wide table row.
        let plus = if q.posting_id.is_some() { "+" } else { "" };
        where_sql.push(format!(
            "{plus}c.rowid IN (SELECT rowid FROM fts WHERE fts MATCH ?{})",
            params.len()
        ));
    }
    if include_view {
        match q.view {
            View::All => {}
            View::Completed => where_sql.push("c.progress = 'completed'".to_string()),
            View::Shortlisted => where_sql.push(format!("({dec}) = 'shortlisted'")),
            View::Dismissed => where_sql.push(format!("({dec}) = 'dismissed'")),
        }
    }
    if let Some(s) = &q.status {
        params.push(SqlValue::Text(s.clone()));
        where_sql.push(format!("({status}) = ?{}", params.len()));
    }
    if let Some(d) = q.decision {
        params.push(SqlValue::Text(d.as_str().to_string()));
        where_sql.push(format!("({dec}) = ?{}", params.len()));
    }
    match (&q.stage_kind, &q.stage_status) {
        (None, None) => {}
        (kind, st) => {
            let mut cond = vec!["s.interview_id = c.interview_id".to_string()];
            if let Some(k) = kind {
                params.push(SqlValue::Text(k.clone()));
                cond.push(format!("s.kind = ?{}", params.len()));
            }
            if let Some(st) = st {
                params.push(SqlValue::Text(st.clone()));
                cond.push(format!("s.status = ?{}", params.len()));
            }
            where_sql.push(format!(
                "EXISTS (SELECT 1 FROM steps s WHERE {})",
                cond.join(" AND ")
            ));
        }
    }
    if let Some(min) = q.min_score {
        params.push(SqlValue::Real(min));
        where_sql.push(format!("c.score >= ?{}", params.len()));
    }
    if let Some(max) = q.max_score {
        params.push(SqlValue::Real(max));
        where_sql.push(format!("c.score <= ?{}", params.len()));
    }
    for tag in &q.tags {
        params.push(SqlValue::Text(tag.clone()));
        where_sql.push(format!(
            "EXISTS (SELECT 1 FROM tags t WHERE t.interview_id = c.interview_id AND t.tag = ?{} COLLATE NOCASE)",
            params.len()
        ));
    }
    if let Some(cohort) = &q.cohort {
        params.push(SqlValue::Text(cohort.clone()));
        where_sql.push(format!(
            "c.interview_id IN (SELECT m.interview_id FROM cohort_members m JOIN cohorts k ON k.id = m.cohort_id WHERE k.name = ?{})",
            params.len()
        ));
    }
    match q.flagged {
        Some(true) => where_sql.push("c.flag_count > 0".into()),
        Some(false) => where_sql.push("c.flag_count = 0".into()),
        None => {}
    }
    Filter { where_sql, params }
}

pub(crate) fn where_clause(parts: &[String]) -> String {
    if parts.is_empty() {
        String::new()
    } else {
        format!("WHERE {}", parts.join(" AND "))
    }
}

pub(crate) const FROM_SQL: &str =
    "FROM candidates c LEFT JOIN decisions d ON d.interview_id = c.interview_id";

/// `panel_sort`: the viewer's blind-safe panel sort key ([`super::panel::sort_sql`]).
pub(crate) fn order_sql(q: &CandidateQuery, panel_sort: Option<&str>) -> String {
    let dir = if q.descending { "DESC" } else { "ASC" };
    let key = match q.sort {
        SortKey::Name => "c.name COLLATE NOCASE",
        SortKey::Score => "c.score",
        SortKey::ResumeScore => "c.resume_score",
        SortKey::VideoScore => "c.video_score",
        SortKey::LastEngaged => "c.last_activity_at",
        SortKey::Created => "c.created_at",
        SortKey::Status => "",
        SortKey::Panel => "",
    };
    let status;
    let key = if q.sort == SortKey::Status {
        status = status_sql();
        status.as_str()
    } else if q.sort == SortKey::Panel {
        status = panel_sort.unwrap_or("NULL").to_string();
        status.as_str()
    } else {
        key
    };
    // NULLs last whatever the direction; ties broken by name then id.
    format!("ORDER BY ({key}) IS NULL, {key} {dir}, c.name COLLATE NOCASE, c.interview_id")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fts_query_has_one_token_per_term() {
        // Apostrophes, hyphens, marks and symbols split words as the
        // tokenizer does, so no term is a phrase.
        assert_eq!(
            fts_query("O'Brien-Smith"),
            Some("\"O\"* \"Brien\"* \"Smith\"*".into())
        );
        assert_eq!(fts_query("José"), Some("\"José\"*".into()));
        assert_eq!(fts_query("e\u{301}x"), Some("\"\u{e9}x\"*".into()));
        assert_eq!(fts_query("x\u{20dd}y"), Some("\"x\"* \"y\"*".into()));
        assert_eq!(fts_query("王小明"), Some("\"王小明\"*".into()));
        assert_eq!(fts_query("Ⓐna ✓ 🙂"), Some("\"na\"*".into()));
        assert_eq!(fts_query("’‘«»"), None);
    }

    #[test]
    fn fts_query_quotes_everything() {
        assert_eq!(fts_query("  "), None);
        assert_eq!(fts_query("ana"), Some("\"ana\"*".into()));
        assert_eq!(
            fts_query("jo\"se OR -x"),
            Some("\"jo\"* \"se\"* \"OR\"* \"x\"*".into())
        );
        assert_eq!(
            fts_query("ana@example.com"),
            Some("\"ana\"* \"example\"* \"com\"*".into())
        );
    }
}
