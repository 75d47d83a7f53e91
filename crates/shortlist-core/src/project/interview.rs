//! Projection of one interview (`CandidateResponse` +
//! `InterviewDataResponse` + extension) into its typed rows.

use std::collections::HashMap;

use rusqlite::{params, Connection, OptionalExtension, ToSql};
use serde_json::{Map, Value};

use super::cheat::{cheat_flags, CheatFlag};
use super::derived::{refresh_derived, DERIVED_SQL};
use super::fts::{transcript_words, write_fts, FtsBatch, FtsRow};
use super::posting::{parse_stored, posting_info, PostingInfo};
use super::raw::RawPart;
use crate::error::{StoreError, StoreResult};
use crate::ext::InterviewExtension;
use crate::model::media::{media_fields, target, MediaTarget};
use crate::model::{Candidate, InterviewData};
use crate::scoring;

/// New data for one interview. Typed parts left `None` are parsed from the
/// stored row (if any); raw parts left `None` keep the stored raw text.
#[derive(Debug, Clone, Copy, Default)]
pub struct InterviewInput<'a> {
    pub candidate: Option<&'a Candidate>,
    pub candidate_raw: Option<RawPart<'a>>,
    pub interview: Option<&'a InterviewData>,
    pub interview_raw: Option<RawPart<'a>>,
    pub extension_raw: Option<RawPart<'a>>,
    /// [`transcript_words`] of `interview`, when the caller has it (used
    /// only together with `interview`).
    pub interview_words: Option<&'a str>,
    /// [`Projected::new`] of `candidate` and `interview` with the posting
    /// passed along, when the caller has it (used only for a new candidate).
    pub projected: Option<&'a Projected>,
}

/// The typed rows of one candidate, computed from its records and its
/// posting alone (no database): the importer builds them on its parser
/// threads, so the single write connection only writes them.
#[derive(Debug)]
pub struct Projected {
    pub(crate) row: CandidateRow,
    pub(crate) flags: Vec<CheatFlag>,
}

impl Projected {
    pub fn new(
        interview_id: &str,
        cand: Option<&Candidate>,
        interview: Option<&InterviewData>,
        posting: &PostingInfo,
    ) -> Projected {
        Projected {
            row: CandidateRow::build(interview_id, cand, interview, posting),
            flags: cheat_flags(interview),
        }
    }
}

/// Resolves a bundle-relative media path to a content-store hash.
pub type MediaResolver<'a> = &'a dyn Fn(&str) -> Option<String>;

/// Store new raw parts of `interview_id` and rebuild all its typed rows.
/// `fresh` = the caller knows no row exists yet (skips deletes and loads).
///
/// With `fts`, the full-text row goes through the batch, which the caller
/// flushes before committing. A bulk import does this: FTS5 flushes its
/// pending terms to a new on-disk segment whenever a later statement opens
/// a statement journal, so index rows interleaved with statements that do
/// (the upsert and deletes of an existing candidate) would cost one tiny
/// segment (and merges) per interview. A new candidate's statements are
/// single-row INSERTs, which open none: while every row is new, the batch
/// writes each at once (the same segments as holding them: checked when
/// this was introduced), so the indexing runs while the importer's parser
/// threads still work.
#[allow(clippy::too_many_arguments)]
pub fn write_interview(
    conn: &Connection,
    interview_id: &str,
    input: InterviewInput<'_>,
    posting: Option<&PostingInfo>,
    media: MediaResolver<'_>,
    fresh: bool,
    now: f64,
    fts: Option<&mut FtsBatch>,
) -> StoreResult<()> {
    // Parts not given: from the stored row.
    let mut stored_cand: Option<Candidate> = None;
    let mut stored_interview: Option<InterviewData> = None;
    let mut rowid: Option<i64> = None;
    let mut known_media: HashMap<String, String> = HashMap::new();
    if !fresh {
        let row: Option<(i64, Option<String>, Option<String>)> = conn
            .prepare_cached(
                "SELECT rowid, cand_raw, interview_raw FROM candidates WHERE interview_id = ?1",
            )?
            .query_row([interview_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .optional()?;
        if let Some((id, cand_raw, interview_raw)) = row {
            rowid = Some(id);
            if input.candidate.is_none() {
                if let Some(raw) = cand_raw {
                    stored_cand = Some(parse_stored(&raw, "candidates", interview_id)?);
                }
            }
            if input.interview.is_none() {
                if let Some(raw) = interview_raw {
                    stored_interview = Some(parse_stored(&raw, "interviews", interview_id)?);
                }
            }
            let mut stmt = conn.prepare_cached(
                "SELECT original_name, hash FROM candidate_media WHERE interview_id = ?1 AND hash IS NOT NULL AND original_name IS NOT NULL",
            )?;
            let rows = stmt.query_map([interview_id], |r| {
                Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
            })?;
            for r in rows {
                let (name, hash) = r?;
                known_media.insert(name, hash);
            }
        }
    }
    let cand = input.candidate.or(stored_cand.as_ref());
    let interview = input.interview.or(stored_interview.as_ref());
    let Some(posting_id) = interview
        .map(|i| i.posting_id.as_str())
        .or(cand.map(|c| c.posting_id.as_str()))
    else {
        return Err(StoreError::Invalid(format!(
            "interview `{interview_id}` has neither candidate nor interview data; import its candidate first"
        )));
    };
    let loaded_posting;
    let posting = match posting {
        Some(p) => p,
        None => {
            loaded_posting = posting_info(conn, posting_id)?;
            &loaded_posting
        }
    };

    // A new candidate whose rows the caller projected already, from these
    // same records and posting (see [`Projected`]).
    let given = input
        .projected
        .filter(|_| rowid.is_none() && stored_cand.is_none() && stored_interview.is_none());
    let built;
    let Projected { row, flags } = match given {
        Some(p) => p,
        None => {
            built = Projected::new(interview_id, cand, interview, posting);
            &built
        }
    };
    fn raw<'a>(p: Option<RawPart<'a>>) -> Option<(&'a str, &'a str)> {
        p.map(|p| (p.text, p.hash))
    }
    let (cand_raw, cand_hash) = raw(input.candidate_raw).unzip();
    let (int_raw, int_hash) = raw(input.interview_raw).unzip();
    let (ext_raw, ext_hash) = raw(input.extension_raw).unzip();
    let steps_total = row.steps.len().max(posting.steps_total) as i64;
    // The 30 imported columns both statements below write, in this order.
    let columns: [&dyn ToSql; 30] = [
        &interview_id,
        &posting_id,
        &row.candidate_id,
        &cand_raw,
        &cand_hash,
        &int_raw,
        &int_hash,
        &ext_raw,
        &ext_hash,
        &row.name,
        &row.email,
        &row.phone,
        &row.location,
        &row.country,
        &row.interview_url,
        &row.status,
        &row.score,
        &row.resume_score,
        &row.video_score,
        &row.speech_score,
        &steps_total,
        &row.steps_done,
        &row.knocked_out,
        &row.cheat_ranking,
        &row.cheat_confidence,
        &row.created_at,
        &row.interviewed_at,
        &row.last_activity_at,
        &row.custom,
        &now,
    ];
    let new_rowid: i64 = if rowid.is_none() {
        // A new candidate: one plain INSERT with the derived columns
        // computed up front by the same SQL `refresh_derived` runs, instead
        // of an upsert and an UPDATE rewriting the row (raw JSON and all).
        // A single-row INSERT also needs no statement journal.
        let flag_count = flags.len() as i64;
        let (progress, imported_decision): (String, Option<String>) =
            conn.prepare_cached(&DERIVED_SQL)?.query_row(
                rusqlite::named_params! {
                    ":knocked_out": row.knocked_out,
                    ":imported_status": row.status,
                    ":steps_total": steps_total,
                    ":steps_done": row.steps_done,
                    ":cand_raw": cand_raw,
                },
                |r| Ok((r.get(0)?, r.get(1)?)),
            )?;
        conn.prepare_cached(
            "INSERT INTO candidates (interview_id, posting_id, candidate_id, cand_raw, cand_hash,
                interview_raw, interview_hash, ext_raw, ext_hash, name, email, phone, location,
                country, interview_url, imported_status, score, resume_score, video_score,
                speech_score, steps_total, steps_done, knocked_out, cheat_ranking, cheat_confidence,
                created_at, interviewed_at, last_activity_at, custom, imported_at,
                progress, imported_decision, flag_count)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17,
                ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28, ?29, ?30, ?31, ?32, ?33)",
        )?
        .execute(rusqlite::params_from_iter(columns.iter().copied().chain([
            &progress as &dyn ToSql,
            &imported_decision,
            &flag_count,
        ])))?;
        conn.last_insert_rowid()
    } else {
        conn
            .prepare_cached(
                "INSERT INTO candidates (interview_id, posting_id, candidate_id, cand_raw, cand_hash,
                    interview_raw, interview_hash, ext_raw, ext_hash, name, email, phone, location,
                    country, interview_url, imported_status, score, resume_score, video_score,
                    speech_score, steps_total, steps_done, knocked_out, cheat_ranking, cheat_confidence,
                    created_at, interviewed_at, last_activity_at, custom, imported_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17,
                    ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28, ?29, ?30)
                 ON CONFLICT(interview_id) DO UPDATE SET
                    posting_id = excluded.posting_id, candidate_id = excluded.candidate_id,
                    cand_raw = coalesce(excluded.cand_raw, cand_raw),
                    cand_hash = coalesce(excluded.cand_hash, cand_hash),
                    interview_raw = coalesce(excluded.interview_raw, interview_raw),
                    interview_hash = coalesce(excluded.interview_hash, interview_hash),
                    ext_raw = coalesce(excluded.ext_raw, ext_raw),
                    ext_hash = coalesce(excluded.ext_hash, ext_hash),
                    name = excluded.name, email = excluded.email, phone = excluded.phone,
                    location = excluded.location, country = excluded.country,
                    interview_url = excluded.interview_url, imported_status = excluded.imported_status,
                    score = excluded.score, resume_score = excluded.resume_score,
                    video_score = excluded.video_score, speech_score = excluded.speech_score,
                    steps_total = excluded.steps_total, steps_done = excluded.steps_done,
                    knocked_out = excluded.knocked_out, cheat_ranking = excluded.cheat_ranking,
                    cheat_confidence = excluded.cheat_confidence, created_at = excluded.created_at,
                    interviewed_at = excluded.interviewed_at, last_activity_at = excluded.last_activity_at,
                    custom = excluded.custom, imported_at = excluded.imported_at
                 RETURNING rowid",
            )?
            .query_row(rusqlite::params_from_iter(columns), |r| r.get(0))?
    };

    if rowid.is_some() {
        for table in [
            "steps",
            "scorecard",
            "tags",
            "cheat_flags",
            "candidate_media",
        ] {
            conn.prepare_cached(&format!("DELETE FROM {table} WHERE interview_id = ?1"))?
                .execute([interview_id])?;
        }
    }

    {
        // Plain INSERTs (an OR REPLACE on an indexed table needs a statement
        // journal): a repeated step order keeps its last occurrence, as a
        // replace would.
        let mut st = conn.prepare_cached(
            "INSERT INTO steps (interview_id, step_order, step_id, kind, status, score, last_updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        )?;
        for s in last_by_key(&row.steps, |s| s.order) {
            st.execute(params![
                interview_id,
                s.order,
                s.step_id,
                s.kind,
                s.status,
                s.score,
                s.last_updated_at
            ])?;
        }
    }
    let mut transcript_text = String::new();
    let mut tags_text = String::new();
    if let Some(w) = interview.and_then(|i| i.web_interview.as_ref()) {
        let mut st = conn.prepare_cached(
            "INSERT INTO scorecard (interview_id, question_id, rank, question_text, score, score_pct, weight, not_scored)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        )?;
        for q in last_by_key(&w.scorecard, |q| q.question_id.as_str()) {
            st.execute(params![
                interview_id,
                q.question_id,
                q.rank,
                q.question_text,
                q.score,
                scoring::scorecard_pct(q.score, posting.scale),
                q.score_weight.filter(|w| *w > 0.0).unwrap_or(1.0),
                q.not_scored,
            ])?;
        }
        transcript_text = match input.interview_words.filter(|_| input.interview.is_some()) {
            Some(words) => words.to_string(),
            None => transcript_words(w),
        };
        let mut st =
            conn.prepare_cached("INSERT OR IGNORE INTO tags (interview_id, tag) VALUES (?1, ?2)")?;
        for tag in &w.tags {
            let tag = tag.trim();
            if tag.is_empty() {
                continue;
            }
            st.execute(params![interview_id, tag])?;
            if !tags_text.is_empty() {
                tags_text.push(' ');
            }
            tags_text.push_str(tag);
        }
    }
    {
        let mut st = conn.prepare_cached(
            "INSERT INTO cheat_flags (interview_id, seq, kind, confidence, at_seconds, detail) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        )?;
        for (seq, f) in flags.iter().enumerate() {
            st.execute(params![
                interview_id,
                seq as i64,
                f.kind,
                f.confidence,
                f.at_seconds,
                f.detail
            ])?;
        }
    }
    {
        let resolve = |path: &str| media(path).or_else(|| known_media.get(path).cloned());
        let mut st = conn.prepare_cached(
            "INSERT INTO candidate_media (interview_id, kind, hash, remote_url, original_name) VALUES (?1, ?2, ?3, ?4, ?5)",
        )?;
        let fields = media_fields(cand, interview);
        let mut kinds: Vec<_> = fields.iter().map(|f| f.kind).collect();
        kinds.sort();
        kinds.dedup();
        for kind in kinds {
            let mut local: Option<(String, Option<String>)> = None;
            let mut remote: Option<String> = None;
            for f in fields.iter().filter(|f| f.kind == kind) {
                match target(&f.value) {
                    Some(MediaTarget::Local(p)) => {
                        let hash = resolve(&p);
                        let better = match &local {
                            None => true,
                            Some((_, h)) => h.is_none() && hash.is_some(),
                        };
                        if better {
                            local = Some((p, hash));
                        }
                    }
                    Some(MediaTarget::Remote(u)) => {
                        remote.get_or_insert(u);
                    }
                    None => {}
                }
            }
            let (name, hash) = local.unzip();
            st.execute(params![
                interview_id,
                kind.as_str(),
                hash.flatten(),
                remote,
                name
            ])?;
        }
    }
    if rowid.is_some() {
        refresh_derived(conn, Some(interview_id))?;
    }
    // fts rows share the candidate's rowid; a new candidate has none yet.
    let fts_row = FtsRow {
        rowid: new_rowid,
        replace: rowid.is_some(),
        name: row.name.clone(),
        email: row.email.clone(),
        tags: tags_text,
        transcript: transcript_text,
    };
    match fts {
        Some(batch) => batch.push(conn, fts_row)?,
        None => write_fts(conn, &fts_row)?,
    }
    Ok(())
}

/// The items of `items` whose key does not occur again later, in order: what
/// `INSERT OR REPLACE` of every item would leave.
pub(crate) fn last_by_key<'a, T, K: Eq + std::hash::Hash>(
    items: &'a [T],
    key: impl Fn(&'a T) -> K,
) -> impl Iterator<Item = &'a T> {
    let mut last: HashMap<K, usize> = HashMap::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        last.insert(key(item), i);
    }
    items
        .iter()
        .enumerate()
        .filter(move |(i, item)| last.get(&key(item)) == Some(i))
        .map(|(_, item)| item)
}

/// Rebuild an interview's typed rows purely from its stored raw JSON.
pub fn project_interview(conn: &Connection, interview_id: &str) -> StoreResult<()> {
    let exists: bool = conn
        .prepare_cached("SELECT 1 FROM candidates WHERE interview_id = ?1")?
        .exists([interview_id])?;
    if !exists {
        return Err(StoreError::NoSuchInterview(interview_id.to_string()));
    }
    write_interview(
        conn,
        interview_id,
        InterviewInput::default(),
        None,
        &|_| None,
        false,
        crate::store::now(),
        None,
    )
}

#[derive(Debug)]
pub(crate) struct StepRow {
    pub(crate) order: i64,
    pub(crate) step_id: String,
    pub(crate) kind: Option<String>,
    pub(crate) status: String,
    pub(crate) score: Option<f64>,
    pub(crate) last_updated_at: Option<f64>,
}

#[derive(Debug)]
pub(crate) struct CandidateRow {
    pub(crate) candidate_id: Option<String>,
    pub(crate) name: String,
    pub(crate) email: String,
    pub(crate) phone: Option<String>,
    pub(crate) location: Option<String>,
    pub(crate) country: Option<String>,
    pub(crate) interview_url: Option<String>,
    pub(crate) status: String,
    pub(crate) score: Option<f64>,
    pub(crate) resume_score: Option<f64>,
    pub(crate) video_score: Option<f64>,
    pub(crate) speech_score: Option<f64>,
    pub(crate) steps: Vec<StepRow>,
    pub(crate) steps_done: i64,
    pub(crate) knocked_out: bool,
    pub(crate) cheat_ranking: Option<i64>,
    pub(crate) cheat_confidence: Option<f64>,
    pub(crate) created_at: Option<f64>,
    pub(crate) interviewed_at: Option<f64>,
    pub(crate) last_activity_at: Option<f64>,
    pub(crate) custom: Option<String>,
}

pub(crate) fn scalar_text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_string()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

impl CandidateRow {
    pub(crate) fn build(
        interview_id: &str,
        cand: Option<&Candidate>,
        interview: Option<&InterviewData>,
        posting: &PostingInfo,
    ) -> CandidateRow {
        // Key/value sources, most authoritative first.
        let sources: Vec<&Map<String, Value>> = [
            interview.and_then(|i| i.data.as_ref()),
            interview.and_then(|i| i.metadata.as_ref()),
            cand.and_then(|c| c.data.as_ref()),
            cand.and_then(|c| c.metadata.as_ref()),
        ]
        .into_iter()
        .flatten()
        .collect();
        let lookup = |keys: &[&str]| {
            keys.iter()
                .find_map(|k| sources.iter().find_map(|m| m.get(*k).and_then(scalar_text)))
        };
        let mut custom = Map::new();
        for (prefix, map) in [
            ("metadata", cand.and_then(|c| c.metadata.as_ref())),
            ("data", cand.and_then(|c| c.data.as_ref())),
            ("metadata", interview.and_then(|i| i.metadata.as_ref())),
            ("data", interview.and_then(|i| i.data.as_ref())),
        ] {
            for (k, v) in map.into_iter().flatten() {
                custom.insert(format!("{prefix}.{k}"), v.clone());
            }
        }

        let resume_score = interview
            .and_then(|i| i.resume.as_ref())
            .and_then(|r| r.overall_score)
            .or_else(|| {
                cand.and_then(|c| c.agent_summary.as_ref())
                    .and_then(|s| s.resume.as_ref())
                    .and_then(|r| r.resume_score)
            });
        let video_score = interview
            .and_then(|i| i.web_interview.as_ref())
            .map(|w| w.match_score)
            .or_else(|| {
                cand.and_then(|c| c.agent_summary.as_ref())
                    .and_then(|s| s.web_interview.as_ref())
                    .and_then(|w| w.score)
            });
        let workflow = interview
            .and_then(|i| i.workflow.as_ref())
            .or(cand.and_then(|c| c.workflow.as_ref()));
        let mut steps: Vec<StepRow> = workflow
            .map(|w| {
                w.steps
                    .iter()
                    .map(|s| {
                        let kind = posting.kind(&s.step_id, s.order).map(str::to_string);
                        let has_score = matches!(s.status.as_str(), "completed" | "knocked_out");
                        let score = match kind.as_deref() {
                            Some("resume") if has_score => resume_score,
                            Some("web_interview") if has_score => video_score,
                            _ => None,
                        };
                        let status = if s.knocked_out == Some(true) {
                            "knocked_out".to_string()
                        } else {
                            s.status.clone()
                        };
                        StepRow {
                            order: s.order,
                            step_id: s.step_id.clone(),
                            kind,
                            status,
                            score,
                            last_updated_at: s.last_updated_at,
                        }
                    })
                    .collect()
            })
            .unwrap_or_default();
        steps.sort_by_key(|s| s.order);
        let knocked_out = steps.iter().any(|s| s.status == "knocked_out");
        let steps_done = steps
            .iter()
            .filter(|s| matches!(s.status.as_str(), "completed" | "knocked_out"))
            .count() as i64;
        let api_status = interview
            .map(|i| i.status.clone())
            .or(cand.map(|c| c.status.clone()))
            .unwrap_or_else(|| "pending".to_string());
        let status = if knocked_out {
            "knocked_out".to_string()
        } else {
            api_status
        };
        let last_activity_at = workflow
            .and_then(|w| w.last_activity_at)
            .or_else(|| {
                steps
                    .iter()
                    .filter_map(|s| s.last_updated_at)
                    .reduce(f64::max)
            })
            .or(cand.and_then(|c| c.interviewed_at));
        let cheat = interview.and_then(|i| i.cheat_detection.as_ref());

        CandidateRow {
            candidate_id: interview
                .and_then(|i| i.candidate_id.clone())
                .or(cand.and_then(|c| c.candidate_id.clone())),
            name: interview
                .map(|i| i.name.clone())
                .or(cand.map(|c| c.name.clone()))
                .unwrap_or_else(|| interview_id.to_string()),
            email: interview
                .map(|i| i.email.clone())
                .or(cand.map(|c| c.email.clone()))
                .unwrap_or_default(),
            phone: lookup(&["phone", "phone_number"]),
            location: lookup(&["location", "city"]),
            country: lookup(&["country"]),
            interview_url: cand.and_then(|c| c.interview_url.clone()),
            status,
            score: interview
                .and_then(|i| i.score)
                .or(cand.and_then(|c| c.score)),
            resume_score,
            video_score,
            speech_score: interview
                .and_then(|i| i.web_interview.as_ref())
                .and_then(|w| w.speech_score),
            steps,
            steps_done,
            knocked_out,
            cheat_ranking: cheat.and_then(|c| c.overall_ranking),
            cheat_confidence: cheat.and_then(|c| c.overall_confidence),
            created_at: cand.and_then(|c| c.created_at),
            interviewed_at: cand.and_then(|c| c.interviewed_at),
            last_activity_at,
            custom: (!custom.is_empty())
                .then(|| serde_json::to_string(&custom).expect("object serialises")),
        }
    }
}

/// Parse a stored interview extension (for readers of `ext_raw`).
pub fn parse_interview_extension(raw: &str) -> Option<InterviewExtension> {
    serde_json::from_str(raw).ok()
}
