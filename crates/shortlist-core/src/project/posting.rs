//! Projection of a posting (`PostingResponse` + extension) and what the
//! candidates' projection needs from it ([`PostingInfo`]).

use std::collections::HashMap;

use rusqlite::{params, Connection, OptionalExtension};
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::error::{StoreError, StoreResult};
use crate::ext::PostingExtension;
use crate::model::Posting;
use crate::scoring;

use super::raw::RawPart;

/// What projection needs from an interview's posting.
#[derive(Debug, Clone, Default)]
pub struct PostingInfo {
    pub(crate) kind_by_id: HashMap<String, String>,
    pub(crate) kind_by_order: HashMap<i64, String>,
    pub steps_total: usize,
    /// Scorecard scale (10 per the API, 5 when `metadata.scorecard_scale` says so).
    pub scale: f64,
}

impl PostingInfo {
    pub fn from_posting(p: &Posting) -> PostingInfo {
        let mut info = PostingInfo {
            steps_total: p.workflow.len(),
            scale: scoring::SCORECARD_SCALE,
            ..Default::default()
        };
        for s in &p.workflow {
            if let Some(id) = &s.id {
                info.kind_by_id.insert(id.clone(), s.kind.clone());
            }
            info.kind_by_order.insert(s.order, s.kind.clone());
        }
        if let Some(scale) = p
            .metadata
            .as_ref()
            .and_then(|m| m.get("scorecard_scale"))
            .and_then(Value::as_f64)
            .filter(|s| *s > 0.0)
        {
            info.scale = scale;
        }
        info
    }

    pub(crate) fn kind(&self, step_id: &str, order: i64) -> Option<&str> {
        self.kind_by_id
            .get(step_id)
            .or_else(|| self.kind_by_order.get(&order))
            .map(String::as_str)
    }
}

/// Load the [`PostingInfo`] of a stored posting (default when absent).
pub fn posting_info(conn: &Connection, posting_id: &str) -> StoreResult<PostingInfo> {
    let raw: Option<String> = conn
        .prepare_cached("SELECT raw FROM postings WHERE id = ?1")?
        .query_row([posting_id], |r| r.get(0))
        .optional()?;
    match raw {
        Some(raw) => Ok(PostingInfo::from_posting(&parse_stored::<Posting>(
            &raw, "postings", posting_id,
        )?)),
        None => Ok(PostingInfo::default()),
    }
}

pub(crate) fn parse_stored<T: DeserializeOwned>(
    raw: &str,
    table: &str,
    id: &str,
) -> StoreResult<T> {
    serde_json::from_str(raw).map_err(|e| {
        StoreError::Invalid(format!(
            "stored raw JSON of {table} `{id}` no longer parses ({e}); re-import it"
        ))
    })
}

/// Store new raw parts of a posting and rebuild its row. Parts not given are
/// taken from the stored row; a posting needs its `PostingResponse` (given
/// or stored).
pub fn write_posting(
    conn: &Connection,
    posting_id: &str,
    posting: Option<(&Posting, RawPart<'_>)>,
    extension: Option<(&PostingExtension, RawPart<'_>)>,
    now: f64,
) -> StoreResult<()> {
    let stored: Option<(String, Option<String>)> = conn
        .prepare_cached("SELECT raw, ext_raw FROM postings WHERE id = ?1")?
        .query_row([posting_id], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    let stored_posting: Option<Posting> = match (&posting, &stored) {
        (None, Some((raw, _))) => Some(parse_stored(raw, "postings", posting_id)?),
        _ => None,
    };
    let stored_ext: Option<PostingExtension> = match (&extension, &stored) {
        (None, Some((_, Some(raw)))) => Some(parse_stored(raw, "posting extensions", posting_id)?),
        _ => None,
    };
    let Some(p) = posting.map(|(p, _)| p).or(stored_posting.as_ref()) else {
        return Err(StoreError::NoSuchPosting(posting_id.to_string()));
    };
    let ext = extension.map(|(e, _)| e).or(stored_ext.as_ref());
    let raw = posting.map(|(_, r)| r);
    let ext_raw = extension.map(|(_, r)| r);
    conn.prepare_cached(
        "INSERT INTO postings (id, raw, raw_hash, ext_raw, ext_hash, title, slug, interviewer_name,
            status, language, created_at, deadline, max_retakes, budget, spend, currency, subscribers, imported_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18)
         ON CONFLICT(id) DO UPDATE SET
            raw = coalesce(excluded.raw, raw), raw_hash = coalesce(excluded.raw_hash, raw_hash),
            ext_raw = coalesce(excluded.ext_raw, ext_raw), ext_hash = coalesce(excluded.ext_hash, ext_hash),
            title = excluded.title, slug = excluded.slug, interviewer_name = excluded.interviewer_name,
            status = excluded.status, language = excluded.language, created_at = excluded.created_at,
            deadline = excluded.deadline, max_retakes = excluded.max_retakes, budget = excluded.budget,
            spend = excluded.spend, currency = excluded.currency, subscribers = excluded.subscribers,
            imported_at = excluded.imported_at",
    )?
    .execute(params![
        posting_id,
        raw.map(|r| r.text),
        raw.map(|r| r.hash),
        ext_raw.map(|r| r.text),
        ext_raw.map(|r| r.hash),
        p.title,
        p.name,
        p.interviewer_name,
        p.status,
        p.language,
        p.created_at,
        p.deadline,
        p.max_retakes,
        ext.and_then(|e| e.budget),
        ext.and_then(|e| e.spend),
        ext.map(|e| e.currency.clone().unwrap_or_else(|| "USD".to_string())),
        ext.map(|e| e.subscribers.len() as i64).unwrap_or(0),
        now,
    ])?;
    Ok(())
}

/// Rebuild a posting's row purely from its stored raw JSON.
pub fn project_posting(conn: &Connection, posting_id: &str) -> StoreResult<()> {
    write_posting(conn, posting_id, None, None, crate::store::now())
}
