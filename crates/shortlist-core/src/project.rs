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

use std::collections::HashMap;

use rusqlite::{params, Connection, OptionalExtension, ToSql};
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

use crate::error::{StoreError, StoreResult};
use crate::ext::{InterviewExtension, PostingExtension};
use crate::import::media::{media_fields, target, MediaTarget};
use crate::model::{Candidate, InterviewData, Posting};
use crate::scoring;

/// What projection needs from an interview's posting.
#[derive(Debug, Clone, Default)]
pub struct PostingInfo {
    kind_by_id: HashMap<String, String>,
    kind_by_order: HashMap<i64, String>,
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

    fn kind(&self, step_id: &str, order: i64) -> Option<&str> {
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

fn parse_stored<T: DeserializeOwned>(raw: &str, table: &str, id: &str) -> StoreResult<T> {
    serde_json::from_str(raw).map_err(|e| {
        StoreError::Invalid(format!(
            "stored raw JSON of {table} `{id}` no longer parses ({e}); re-import it"
        ))
    })
}

/// A new raw object to store (`None` in [`InterviewInput`] keeps the stored one).
#[derive(Debug, Clone, Copy)]
pub struct RawPart<'a> {
    pub text: &'a str,
    pub hash: &'a str,
}

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
    row: CandidateRow,
    flags: Vec<CheatFlag>,
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

/// Full-text rows of a bulk write: written at once while every row is new,
/// held and written together from the first row that replaces an older
/// version (see [`write_interview`]).
#[derive(Debug, Default)]
pub struct FtsBatch {
    rows: Vec<FtsRow>,
    text_bytes: usize,
    /// A row replacing an older one was seen: hold rows from now on.
    hold: bool,
}

#[derive(Debug)]
struct FtsRow {
    rowid: i64,
    /// The rowid may hold an older version to delete first.
    replace: bool,
    name: String,
    email: String,
    tags: String,
    transcript: String,
}

/// What the full-text index is given for a set of texts (an interview's
/// transcript lines): each distinct word once, separated by spaces.
///
/// The index has `detail=none`: it records only which rows hold a term, never
/// how often or where, and nothing reads its text back (it is contentless;
/// snippets come from the raw JSON). So a row's terms are all that matters,
/// and a transcript of ~600 words repeats most of them; each repeat used to
/// cost the tokenizer and FTS5's term hash on the single write connection.
/// The texts are cut at every ASCII byte other than a letter or digit —
/// each of those is a separator for the `unicode61` tokenizer, so no term
/// spans a cut, and lines are separate as before — and ASCII letters are
/// lowered as the tokenizer folds them; each distinct piece is kept once.
/// Anything else (letters beyond ASCII, marks, other separators) stays
/// inside its piece for the tokenizer to handle as it would in the full
/// text. The index then holds exactly the terms the full text gives
/// (`distinct_words_index_the_same_terms`). The importer computes this on
/// its parse threads ([`crate::import::parse`]).
pub fn index_words<'a>(texts: impl IntoIterator<Item = &'a str>) -> String {
    // The texts' kept bytes, lowered; `cuts` are the pieces' ranges in it.
    // Whole runs of kept bytes are copied and lowered at once: a byte at a
    // time, this was the importer's largest cost after parsing itself.
    let mut low: Vec<u8> = Vec::new();
    let mut cuts: Vec<(usize, usize)> = Vec::new();
    for text in texts {
        let bytes = text.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            if !kept(bytes[i]) {
                i += 1;
                continue;
            }
            let start = i;
            while i < bytes.len() && kept(bytes[i]) {
                i += 1;
            }
            // Bytes of a multi-byte character are never ASCII, so a
            // character is never split.
            let at = low.len();
            low.extend_from_slice(&bytes[start..i]);
            low[at..].make_ascii_lowercase();
            cuts.push((at, low.len()));
        }
    }
    let mut seen: std::collections::HashSet<&[u8], foldhash::fast::FixedState> =
        std::collections::HashSet::with_capacity_and_hasher(
            cuts.len() / 2,
            foldhash::fast::FixedState::default(),
        );
    let mut out: Vec<u8> = Vec::with_capacity(low.len() / 2);
    for &(a, b) in &cuts {
        let piece = &low[a..b];
        if seen.insert(piece) {
            if !out.is_empty() {
                out.push(b' ');
            }
            out.extend_from_slice(piece);
        }
    }
    // Only ASCII bytes were changed or removed, and only whole characters
    // were kept: still UTF-8.
    String::from_utf8(out).expect("cut at ASCII bytes only")
}

/// Whether [`index_words`] keeps byte `b` inside a piece: every byte but
/// ASCII ones other than letters and digits (each of those is a separator
/// for the `unicode61` tokenizer).
#[inline]
fn kept(b: u8) -> bool {
    !b.is_ascii() || b.is_ascii_alphanumeric()
}

/// [`index_words`] of an interview's transcript lines: what its full-text
/// row's `transcript` column holds. One place for the parse threads and the
/// write path, so they cannot index different text.
pub fn transcript_words(web: &crate::model::WebInterviewResult) -> String {
    index_words(web.transcript.iter().map(|l| l.text.as_str()))
}

/// Text held by an [`FtsBatch`] before it writes itself out.
const FTS_BATCH_BYTES: usize = 32 << 20;

impl FtsBatch {
    fn push(&mut self, conn: &Connection, row: FtsRow) -> StoreResult<()> {
        self.hold |= row.replace;
        if !self.hold {
            return write_fts(conn, &row);
        }
        self.text_bytes += row.name.len() + row.email.len() + row.tags.len() + row.transcript.len();
        self.rows.push(row);
        if self.text_bytes >= FTS_BATCH_BYTES {
            self.flush(conn)?;
        }
        Ok(())
    }

    /// Write the held rows (one single-row statement each).
    pub fn flush(&mut self, conn: &Connection) -> StoreResult<()> {
        for row in self.rows.drain(..) {
            write_fts(conn, &row)?;
        }
        self.text_bytes = 0;
        Ok(())
    }
}

fn write_fts(conn: &Connection, row: &FtsRow) -> StoreResult<()> {
    // Contentless table: rows are deleted by rowid only.
    if row.replace {
        conn.prepare_cached("DELETE FROM fts WHERE rowid = ?1")?
            .execute([row.rowid])?;
    }
    conn.prepare_cached(
        "INSERT INTO fts (rowid, name, email, tags, transcript) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?
    .execute(params![
        row.rowid,
        row.name,
        row.email,
        row.tags,
        row.transcript
    ])?;
    Ok(())
}

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

/// The columns [`crate::review::PROGRESS_SQL`] and
/// [`crate::review::IMPORTED_DECISION_SQL`] read, as parameters.
const DERIVED_INPUTS: [&str; 5] = [
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
static DERIVED_SQL: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
    let params = |sql: &str| {
        DERIVED_INPUTS.iter().fold(sql.to_string(), |s, col| {
            s.replace(&format!("c.{col}"), &format!(":{col}"))
        })
    };
    format!(
        "SELECT ({}), ({})",
        params(crate::review::PROGRESS_SQL),
        params(crate::review::IMPORTED_DECISION_SQL)
    )
});

/// The items of `items` whose key does not occur again later, in order: what
/// `INSERT OR REPLACE` of every item would leave.
fn last_by_key<'a, T, K: Eq + std::hash::Hash>(
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

#[derive(Debug)]
struct StepRow {
    order: i64,
    step_id: String,
    kind: Option<String>,
    status: String,
    score: Option<f64>,
    last_updated_at: Option<f64>,
}

#[derive(Debug)]
struct CandidateRow {
    candidate_id: Option<String>,
    name: String,
    email: String,
    phone: Option<String>,
    location: Option<String>,
    country: Option<String>,
    interview_url: Option<String>,
    status: String,
    score: Option<f64>,
    resume_score: Option<f64>,
    video_score: Option<f64>,
    speech_score: Option<f64>,
    steps: Vec<StepRow>,
    steps_done: i64,
    knocked_out: bool,
    cheat_ranking: Option<i64>,
    cheat_confidence: Option<f64>,
    created_at: Option<f64>,
    interviewed_at: Option<f64>,
    last_activity_at: Option<f64>,
    custom: Option<String>,
}

fn scalar_text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_string()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

impl CandidateRow {
    fn build(
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

/// One `cheat_flags` row.
#[derive(Debug, Clone, PartialEq)]
pub struct CheatFlag {
    pub kind: &'static str,
    pub confidence: Option<f64>,
    pub at_seconds: Option<f64>,
    pub detail: Option<String>,
}

/// The cheat-detection signals of an interview, one per event/instance.
pub fn cheat_flags(interview: Option<&InterviewData>) -> Vec<CheatFlag> {
    let mut out = Vec::new();
    let Some(w) = interview
        .and_then(|i| i.cheat_detection.as_ref())
        .and_then(|c| c.web_interview.as_ref())
    else {
        return out;
    };
    if let Some(tab) = &w.tab_switch_detection {
        let events = tab.get("events").and_then(Value::as_array);
        let mut n = 0;
        for e in events.into_iter().flatten() {
            let at = e
                .get("timestamp")
                .or_else(|| e.get("at"))
                .and_then(Value::as_f64)
                .or_else(|| e.as_f64());
            let detail = e
                .get("duration")
                .and_then(Value::as_f64)
                .map(|d| format!("away {d:.0} s"));
            out.push(CheatFlag {
                kind: "tab_switching",
                confidence: None,
                at_seconds: at,
                detail,
            });
            n += 1;
        }
        let total = tab.get("total_count").and_then(Value::as_i64).unwrap_or(0);
        if n == 0 && total > 0 {
            out.push(CheatFlag {
                kind: "tab_switching",
                confidence: None,
                at_seconds: tab
                    .get("first_switch_timestamp")
                    .or_else(|| tab.get("first_switch_at"))
                    .and_then(Value::as_f64),
                detail: Some(format!("{total} tab switches")),
            });
        }
    }
    if let Some(r) = w
        .cheat_detection_result
        .as_ref()
        .filter(|r| r.cheating_detected)
    {
        for inst in &r.cheating_instances {
            if inst.transcript_references.is_empty() {
                out.push(CheatFlag {
                    kind: "ai_scripted_answer",
                    confidence: Some(r.cheating_confidence),
                    at_seconds: None,
                    detail: Some(inst.reasoning.clone()),
                });
            }
            for t in &inst.transcript_references {
                out.push(CheatFlag {
                    kind: "ai_scripted_answer",
                    confidence: Some(r.cheating_confidence),
                    at_seconds: Some(t.actual_timestamp),
                    detail: Some(format!("{} — “{}”", inst.reasoning, t.text)),
                });
            }
        }
    }
    if let Some(l) = w
        .llm_detection_result
        .as_ref()
        .filter(|l| l.llm_generated_detected)
    {
        if l.llm_detected_segments.is_empty() {
            out.push(CheatFlag {
                kind: "ai_scripted_answer",
                confidence: Some(l.detection_confidence),
                at_seconds: None,
                detail: Some("LLM-generated speech detected".into()),
            });
        }
        for s in &l.llm_detected_segments {
            out.push(CheatFlag {
                kind: "ai_scripted_answer",
                confidence: Some(s.segment_confidence),
                at_seconds: None,
                detail: Some(format!("{} — “{}”", s.reasoning, s.segment_text)),
            });
        }
    }
    if let Some(d) = w
        .unusual_delay_detection
        .as_ref()
        .filter(|d| d.delay_detected)
    {
        if d.unusual_delay_instances.is_empty() {
            out.push(CheatFlag {
                kind: "unusual_delays",
                confidence: Some(d.delay_confidence),
                at_seconds: None,
                detail: None,
            });
        }
        for inst in &d.unusual_delay_instances {
            let at = ["timestamp", "actual_timestamp", "at"]
                .iter()
                .find_map(|k| inst.get(*k).and_then(Value::as_f64));
            let detail = ["reasoning", "description", "detail"]
                .iter()
                .find_map(|k| inst.get(*k).and_then(Value::as_str))
                .map(str::to_string)
                .or_else(|| {
                    inst.get("delay_seconds")
                        .and_then(Value::as_f64)
                        .map(|s| format!("{s:.1} s delay"))
                });
            out.push(CheatFlag {
                kind: "unusual_delays",
                confidence: Some(d.delay_confidence),
                at_seconds: at,
                detail,
            });
        }
    }
    if let Some(agg) = w
        .interview_integrity
        .as_ref()
        .and_then(|i| i.aggregated.as_ref())
    {
        for m in &agg.movements {
            out.push(CheatFlag {
                kind: "facial_behaviour",
                confidence: m.confidence,
                at_seconds: m.timestamp,
                detail: Some(m.kind.clone()),
            });
        }
    }
    out
}

/// Parse a stored interview extension (for readers of `ext_raw`).
pub fn parse_interview_extension(raw: &str) -> Option<InterviewExtension> {
    serde_json::from_str(raw).ok()
}

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
        progress = crate::review::PROGRESS_SQL,
        decision = crate::review::IMPORTED_DECISION_SQL,
    );
    match interview_id {
        Some(id) => conn
            .prepare_cached(&format!("{set} WHERE c.interview_id = ?1"))?
            .execute([id])?,
        None => conn.prepare_cached(&set)?.execute([])?,
    };
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::{index_words, last_by_key, Connection, DERIVED_SQL};

    /// The terms the workspace's own full-text index holds for `text`
    /// (fts5vocab over a table made with the schema's definition).
    fn index_terms(conn: &rusqlite::Connection, text: &str) -> Vec<String> {
        conn.execute_batch("DELETE FROM t;").unwrap();
        conn.execute(
            "INSERT INTO t (rowid, name, email, tags, transcript) VALUES (1, '', '', '', ?1)",
            [text],
        )
        .unwrap();
        let mut st = conn.prepare("SELECT term FROM v ORDER BY term").unwrap();
        let rows = st.query_map([], |r| r.get(0)).unwrap();
        rows.collect::<Result<_, _>>().unwrap()
    }

    #[test]
    fn derived_sql_reads_only_its_parameters() {
        // A column added to the expressions without a parameter would be
        // left as `c.<column>` (and the statement would not prepare).
        assert!(!DERIVED_SQL.contains("c."), "{}", *DERIVED_SQL);
        let conn = Connection::open_in_memory().unwrap();
        // It runs once per new candidate: no temporary table (an `IN` list
        // or a subquery would open one each time).
        let ops: Vec<String> = conn
            .prepare(&format!("EXPLAIN {}", *DERIVED_SQL))
            .unwrap()
            .query_map(
                rusqlite::named_params! {
                    ":knocked_out": 0, ":imported_status": "", ":steps_total": 0,
                    ":steps_done": 0, ":cand_raw": None::<String>,
                },
                |r| r.get(1),
            )
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        assert!(!ops.iter().any(|op| op == "OpenEphemeral"), "{ops:?}");
        let row = |k: i64, status: &str, total: i64, done: i64, raw: Option<&str>| {
            conn.query_row(
                &DERIVED_SQL,
                rusqlite::named_params! {
                    ":knocked_out": k, ":imported_status": status, ":steps_total": total,
                    ":steps_done": done, ":cand_raw": raw,
                },
                |r| Ok((r.get::<_, String>(0)?, r.get::<_, Option<String>>(1)?)),
            )
            .unwrap()
        };
        assert_eq!(
            row(1, "completed", 2, 2, None),
            ("knocked_out".into(), None)
        );
        assert_eq!(row(0, "other", 2, 2, None), ("completed".into(), None));
        assert_eq!(row(0, "other", 2, 1, None), ("in_progress".into(), None));
        assert_eq!(
            row(0, "other", 0, 0, Some(r#"{"dismissed":true}"#)),
            ("pending".into(), Some("dismissed".into()))
        );
        assert_eq!(
            row(0, "shortlisted", 0, 0, None),
            ("pending".into(), Some("shortlisted".into()))
        );
    }

    #[test]
    fn distinct_words_index_the_same_terms() {
        let dir = tempfile::tempdir().unwrap();
        let ws = crate::Workspace::open(dir.path().join("ws")).unwrap();
        let def: String = ws
            .reader()
            .query_row(
                "SELECT sql FROM sqlite_master WHERE name = 'fts'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        let using = &def[def.find("USING").expect("virtual table")..];
        let conn = rusqlite::Connection::open_in_memory().unwrap();
        conn.execute_batch(&format!(
            "CREATE VIRTUAL TABLE t {using}; CREATE VIRTUAL TABLE v USING fts5vocab(t, row);"
        ))
        .unwrap();

        // Hand-picked: punctuation, digits, case, letters beyond ASCII
        // (with and without a case, dotted and dotless i), combining marks,
        // other separators (no-break space, dashes, ’, ideographic space),
        // scripts without spaces, emoji and joiners, full-width letters.
        let mut texts: Vec<String> = [
            "The team, the TEAM and the team's shift: 3.5 shifts/week (night-shift) — twice!",
            "Olá José, ÉTÉ été Été; straße STRASSE Straße; İstanbul istanbul ıi",
            "e\u{301}te\u{301} cafe\u{301} CAFÉ café Cafe\u{301}",
            "foo_bar foo-bar foo.bar foo@bar.com FOO@BAR.COM don’t don't DON'T",
            "日本語のテキスト 日本語 Ольга ОЛЬГА ольга Ωmega ωmega",
            "👍🏽 team👍team a\u{200d}b no\u{a0}break no\u{3000}break ＡＢＣ ａｂｃ",
            "",
            "   ...   ",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        // Generated: 300 texts drawn from the same kinds of characters.
        let pool: Vec<char> = "aAbBzZ09 .,;:'-_/\n\téÉßİıΩωЖжà\u{301}\u{308}\u{a0}\u{2014}\u{2019}\u{3000}日本語👍\u{200d}Ａａ"
            .chars()
            .collect();
        let mut x: u64 = 0x2545_f491_4f6c_dd1d;
        for _ in 0..300 {
            let mut t = String::new();
            for _ in 0..200 {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                t.push(pool[(x % pool.len() as u64) as usize]);
            }
            texts.push(t);
        }
        for text in &texts {
            // Given in two parts, as transcript lines are.
            let cut = text
                .char_indices()
                .nth(text.chars().count() / 2)
                .map_or(0, |c| c.0);
            let distinct = index_words([&text[..cut], &text[cut..]]);
            // The lines joined as the index was given them before.
            let full = format!("{}\n{}", &text[..cut], &text[cut..]);
            assert_eq!(
                index_terms(&conn, &distinct),
                index_terms(&conn, &full),
                "{full:?} gave {distinct:?}"
            );
        }
        // And it is shorter: each word once.
        assert_eq!(
            index_words(["Team team TEAM, team.", "Shift shift team"]),
            "team shift"
        );
        assert_eq!(index_words(["tea", "m"]), "tea m");
    }

    #[test]
    fn last_by_key_keeps_what_insert_or_replace_would() {
        let items = [(1, "a"), (2, "b"), (1, "c"), (3, "d"), (2, "e")];
        let kept: Vec<_> = last_by_key(&items, |i| i.0).collect();
        assert_eq!(kept, vec![&(1, "c"), &(3, "d"), &(2, "e")]);
        let none: [(i32, &str); 0] = [];
        assert_eq!(last_by_key(&none, |i| i.0).count(), 0);
    }
}
