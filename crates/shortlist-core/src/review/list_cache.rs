//! The candidate list's fast path (F11: ≤ 50 ms per keystroke at 100,000
//! candidates).
//!
//! For each interviewer the list shows, a *projection* of the columns the
//! list filters, counts and sorts on (rowid, progress, derived decision and
//! status, flag count, the sort keys, and the name order) is read once from
//! the covering index `candidates_list` and kept in memory. A query then
//! costs: the full-text match (a sorted rowid list from `fts`), one pass
//! over the projection that filters and counts every view, a partial sort
//! for the requested page, and reading the page's ≤ 200 rows by rowid.
//!
//! **Invariant: never stale.** The cache is brought up to date whenever
//! `PRAGMA data_version` on the workspace's read connection changes. SQLite
//! changes that value whenever *any other* connection commits to the
//! database — the workspace's writer (every decision, import, sync, cohort
//! change, …), the CLI or another process — whatever code path made the
//! write. Nothing writes through the read connection itself (it is opened
//! `query_only`, so such a write would fail rather than leave the cache
//! stale). Each query runs in one read transaction, so the version it
//! checks, the change log it reads and the rows it reads are one snapshot.
//!
//! What changed is told by triggers (schema v8), so every writer reports
//! it: `list_state.generation` is bumped by any change to a candidate
//! column the projection holds (or a candidate removed),
//! `list_state.sets_generation` by steps, tags and cohorts (the filter
//! sets), and `list_changes` logs, by candidate rowid and in commit order,
//! each change of a reviewer decision (`decision`) or of a submitted
//! evaluation (`panel`). On a new data version: a new generation drops
//! every projection (reloaded on the next query); a new sets generation
//! drops the filter sets; log entries since the last query patch just
//! those candidates' decision and status (their order and sort keys cannot
//! have changed: that would have bumped the generation) and panel cells.
//! One exception (schema v10): inserts into `candidates`, `steps` and
//! `tags` fire no trigger, because a trigger made every insert of an import
//! a journalled multi-write statement (twice the CPU of a 100k import).
//! The import is their only inserter and bumps both generations itself,
//! once, in its transaction (`import::stream`); any new inserter must too.
//! The log keeps its last 4,096–8,192 entries; a cache whose last entry
//! was pruned, or more than `MAX_PATCH` changed candidates, reloads.
//!
//! A reload reuses the previous projection's name ranks when
//! no candidate was added, removed or renamed (compared, not assumed); the
//! dropped projections are kept for that until the next reload.
//!
//! **Panel (F72).** The panel sort and filters read `panel_summary`
//! (submitted evaluations per recommendation, trigger-maintained) and
//! whether the viewer (this workspace's reviewer, read on each query as
//! the SQL path reads it) submitted their own evaluation: a candidate the
//! viewer has not submitted for, unless they lead, has no panel sort key
//! (NULL, sorted last) and matches no panel filter, exactly as
//! `panel::sort_sql` and `panel::filter_sql`.
//!
//! **Same answers as SQL.** The projection derives the decision and status
//! exactly as `decision_sql` and `status_sql` do (first non-NULL of the
//! reviewer's and the imported decision, else `pending`; shortlisted or
//! dismissed, else the progress), and the comparator reproduces `order_sql`:
//! NULLs last, the key in the requested direction, then `name COLLATE
//! NOCASE`, then `interview_id` (precomputed as ranks with SQLite's collation
//! rules). Filters that
//! need other tables (stage, tags, cohort) are evaluated by SQLite with the
//! SQL path's own WHERE fragments, once per data version, as a rowid set. A
//! projection that holds anything the comparator cannot reproduce (a name
//! with a NUL byte, a non-numeric score) is marked unsupported and the query
//! falls back to SQL. Tests run the same queries through both paths.

use std::cmp::Ordering;

use rusqlite::types::ValueRef;
use rusqlite::{params_from_iter, Connection, OptionalExtension};

use super::panel::{identity_of, Viewer};
use super::sql::{build_filter, fts_query, where_clause};
use super::{CandidateQuery, SortKey, View, ViewCounts};
use crate::error::StoreResult;

/// Interviewers kept at once (the app shows one at a time).
const MAX_SLOTS: usize = 4;
/// Stage / tag / cohort filter sets kept per interviewer.
const MAX_SETS: usize = 16;

/// NULL in a numeric column (SQLite never stores NaN: it binds as NULL).
const NULL: f64 = f64::NAN;

#[derive(Debug, Clone, Copy)]
struct Entry {
    rowid: i64,
    score: f64,
    resume_score: f64,
    video_score: f64,
    last_engaged: f64,
    created: f64,
    flag_count: i64,
    /// Rank of `name COLLATE NOCASE` (equal names share one).
    name_group: u32,
    /// Rank of `(name COLLATE NOCASE, interview_id)`: the tiebreak, unique.
    order: u32,
    /// Codes into [`Projection::strings`], whose order is the strings'
    /// BINARY order, so comparing codes compares the strings.
    progress: u16,
    decision: u16,
    status: u16,
}

#[derive(Debug)]
struct Projection {
    /// Sorted by rowid.
    entries: Vec<Entry>,
    /// Distinct progress / decision / status strings, sorted.
    strings: Vec<String>,
    /// Each entry's folded name and id, as spans (start, name end, id end)
    /// into `text`: a reload compares them to reuse the name ranks.
    text: Vec<u8>,
    spans: Vec<(u32, u32, u32)>,
}

impl Projection {
    fn code(&self, s: &str) -> Option<u16> {
        self.strings
            .binary_search_by(|x| x.as_str().cmp(s))
            .ok()
            .map(|i| i as u16)
    }

    /// The code of `s`, adding it to the strings (and renumbering the
    /// entries' codes to keep the strings' order) when it is new.
    fn code_or_insert(&mut self, s: &str) -> Option<u16> {
        match self.strings.binary_search_by(|x| x.as_str().cmp(s)) {
            Ok(i) => Some(i as u16),
            Err(i) => {
                if self.strings.len() >= usize::from(u16::MAX) {
                    return None;
                }
                self.strings.insert(i, s.to_string());
                let i = i as u16;
                let shift = |c: &mut u16| {
                    if *c >= i {
                        *c += 1;
                    }
                };
                for e in &mut self.entries {
                    shift(&mut e.progress);
                    shift(&mut e.decision);
                    shift(&mut e.status);
                }
                Some(i)
            }
        }
    }

    fn index_of(&self, rowid: i64) -> Option<usize> {
        self.entries.binary_search_by_key(&rowid, |e| e.rowid).ok()
    }

    fn name(&self, i: usize) -> &[u8] {
        &self.text[self.spans[i].0 as usize..self.spans[i].1 as usize]
    }

    fn id(&self, i: usize) -> &[u8] {
        &self.text[self.spans[i].1 as usize..self.spans[i].2 as usize]
    }

    /// Whether `other` holds the same candidates with the same names.
    fn same_names(&self, other: &Projection) -> bool {
        self.entries.len() == other.entries.len()
            && (0..self.entries.len()).all(|i| {
                self.entries[i].rowid == other.entries[i].rowid
                    && self.name(i) == other.name(i)
                    && self.id(i) == other.id(i)
            })
    }

    /// `name_group` and `order`: the order of `ORDER BY name COLLATE
    /// NOCASE, interview_id`. Folded bytes compared as bytes are NOCASE
    /// (see `nocase_fold`). The first 8 folded bytes as a number settle most
    /// comparisons (no name holds a NUL, so zero padding sorts a shorter
    /// name first, as SQLite does).
    fn rank_names(&mut self) {
        let prefix = |i: usize| {
            let mut b = [0u8; 8];
            let n = self.name(i);
            let k = n.len().min(8);
            b[..k].copy_from_slice(&n[..k]);
            u64::from_be_bytes(b)
        };
        let mut by_name: Vec<(u64, u32)> = (0..self.entries.len())
            .map(|i| (prefix(i), i as u32))
            .collect();
        by_name.sort_unstable_by(|&(pa, a), &(pb, b)| {
            let (a, b) = (a as usize, b as usize);
            pa.cmp(&pb)
                .then_with(|| self.name(a).cmp(self.name(b)))
                .then_with(|| self.id(a).cmp(self.id(b)))
        });
        let mut group = 0u32;
        for rank in 0..by_name.len() {
            let i = by_name[rank].1 as usize;
            if rank > 0 && self.name(by_name[rank - 1].1 as usize) != self.name(i) {
                group += 1;
            }
            let e = &mut self.entries[i];
            e.order = rank as u32;
            e.name_group = group;
        }
    }

    fn heap_bytes(&self) -> usize {
        self.entries.capacity() * std::mem::size_of::<Entry>()
            + self.text.capacity()
            + self.spans.capacity() * std::mem::size_of::<(u32, u32, u32)>()
            + self
                .strings
                .iter()
                .map(|s| s.capacity() + std::mem::size_of::<String>())
                .sum::<usize>()
    }
}

/// `name COLLATE NOCASE` as bytes: SQLite folds ASCII `A`–`Z` only and
/// compares bytes, the shorter string first on a common prefix — exactly
/// how these folded byte strings compare (names with a NUL byte, where
/// SQLite stops comparing, are not projected).
fn nocase_fold(name: &mut [u8]) {
    name.make_ascii_lowercase();
}

/// Reads one interviewer's projection; `None` when a value is of a kind the
/// comparator does not reproduce (the query then goes to SQL). The name
/// ranks of `previous` (the same interviewer before the last write) are
/// reused when no candidate was added, removed or renamed.
fn load(
    conn: &Connection,
    posting: Option<&str>,
    previous: Option<&Projection>,
) -> StoreResult<Option<Projection>> {
    let where_ = if posting.is_some() {
        "WHERE c.posting_id = ?1"
    } else {
        ""
    };
    // Raw columns: the decision and status are derived below exactly as
    // `decision_sql` and `status_sql` derive them (computing them in SQL
    // costs more than the rest of the scan).
    let sql = format!(
        "SELECT c.rowid, c.name, c.interview_id, c.progress, d.decision, c.imported_decision, \
         c.flag_count, c.score, c.resume_score, c.video_score, c.last_activity_at, c.created_at \
         FROM candidates c LEFT JOIN decisions d ON d.interview_id = c.interview_id {where_}"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let mut rows = match posting {
        Some(p) => stmt.query([p])?,
        None => stmt.query([])?,
    };
    let mut entries = Vec::new();
    // Names (ASCII-folded, as NOCASE compares them) and ids, to rank them:
    // one buffer, spans into it.
    let mut text: Vec<u8> = Vec::new();
    let mut spans: Vec<(u32, u32, u32)> = Vec::new();
    // A handful of distinct values: a linear scan beats hashing.
    let mut interned: Vec<String> = Vec::new();
    let mut intern = |s: &str| -> Option<u16> {
        let i = match interned.iter().position(|x| x == s) {
            Some(i) => i,
            None => {
                interned.push(s.to_string());
                interned.len() - 1
            }
        };
        u16::try_from(i).ok()
    };
    /// Text or NULL; anything else compares by SQLite's cross-type rules.
    fn opt_text(v: ValueRef<'_>) -> Result<Option<&str>, ()> {
        match v {
            ValueRef::Null => Ok(None),
            ValueRef::Text(t) => std::str::from_utf8(t).map(Some).map_err(|_| ()),
            _ => Err(()),
        }
    }
    fn num(v: ValueRef<'_>) -> Option<f64> {
        match v {
            ValueRef::Null => Some(NULL),
            ValueRef::Real(f) => Some(f),
            // REAL affinity stores whole numbers as REAL; anything else would
            // sort by SQLite's cross-type rules: leave it to SQL.
            _ => None,
        }
    }
    while let Some(r) = rows.next()? {
        let (Ok(name), Ok(id)) = (r.get_ref(1)?.as_str(), r.get_ref(2)?.as_str()) else {
            return Ok(None);
        };
        if name.contains('\0') {
            return Ok(None);
        }
        let start = text.len();
        text.extend_from_slice(name.as_bytes());
        nocase_fold(&mut text[start..]);
        let mid = text.len();
        text.extend_from_slice(id.as_bytes());
        let (Ok(start), Ok(mid), Ok(end)) = (
            u32::try_from(start),
            u32::try_from(mid),
            u32::try_from(text.len()),
        ) else {
            return Ok(None);
        };
        spans.push((start, mid, end));
        let ValueRef::Integer(flag_count) = r.get_ref(6)? else {
            return Ok(None);
        };
        let (Ok(Some(progress)), Ok(reviewer), Ok(imported)) = (
            opt_text(r.get_ref(3)?),
            opt_text(r.get_ref(4)?),
            opt_text(r.get_ref(5)?),
        ) else {
            return Ok(None);
        };
        // `decision_sql`: COALESCE(d.decision, c.imported_decision, 'pending');
        // `status_sql`: the decision when shortlisted/dismissed, else progress.
        let decision = reviewer.or(imported).unwrap_or("pending");
        let status = if matches!(decision, "shortlisted" | "dismissed") {
            decision
        } else {
            progress
        };
        let (Some(progress), Some(decision), Some(status)) =
            (intern(progress), intern(decision), intern(status))
        else {
            return Ok(None);
        };
        let (Some(score), Some(resume_score), Some(video_score), Some(last_engaged), Some(created)) = (
            num(r.get_ref(7)?),
            num(r.get_ref(8)?),
            num(r.get_ref(9)?),
            num(r.get_ref(10)?),
            num(r.get_ref(11)?),
        ) else {
            return Ok(None);
        };
        entries.push(Entry {
            rowid: r.get(0)?,
            score,
            resume_score,
            video_score,
            last_engaged,
            created,
            flag_count,
            name_group: 0,
            order: 0,
            progress,
            decision,
            status,
        });
    }

    // Codes in the strings' order.
    let mut strings: Vec<(String, u16)> = interned.into_iter().zip(0..).collect();
    strings.sort_unstable();
    let mut remap = vec![0u16; strings.len()];
    for (new, (_, old)) in strings.iter().enumerate() {
        remap[*old as usize] = new as u16;
    }
    for e in &mut entries {
        e.progress = remap[e.progress as usize];
        e.decision = remap[e.decision as usize];
        e.status = remap[e.status as usize];
    }
    // Rowid order, spans alongside.
    let mut perm: Vec<(i64, u32)> = entries
        .iter()
        .enumerate()
        .map(|(i, e)| (e.rowid, i as u32))
        .collect();
    perm.sort_unstable();
    let mut p = Projection {
        entries: perm.iter().map(|&(_, i)| entries[i as usize]).collect(),
        spans: perm.iter().map(|&(_, i)| spans[i as usize]).collect(),
        text,
        strings: strings.into_iter().map(|(s, _)| s).collect(),
    };
    match previous {
        Some(old) if old.same_names(&p) => {
            for (e, o) in p.entries.iter_mut().zip(&old.entries) {
                e.order = o.order;
                e.name_group = o.name_group;
            }
        }
        _ => p.rank_names(),
    }
    Ok(Some(p))
}

/// `ORDER BY (key) IS NULL, key <dir>, name COLLATE NOCASE, interview_id`
/// ([`super::order_sql`]). `panel`: each entry's panel sort key (NaN for
/// NULL), for [`SortKey::Panel`].
fn compare<'a>(
    entries: &'a [Entry],
    panel: Option<&'a [f64]>,
    sort: SortKey,
    descending: bool,
) -> impl Fn(&u32, &u32) -> Ordering + 'a {
    fn dir(o: Ordering, descending: bool) -> Ordering {
        if descending {
            o.reverse()
        } else {
            o
        }
    }
    fn num(a: f64, b: f64, descending: bool) -> Ordering {
        match (a.is_nan(), b.is_nan()) {
            (true, true) => Ordering::Equal,
            (true, false) => Ordering::Greater,
            (false, true) => Ordering::Less,
            // Numeric equality as SQLite's (-0.0 == 0.0).
            _ => dir(a.partial_cmp(&b).unwrap_or(Ordering::Equal), descending),
        }
    }
    move |&ia: &u32, &ib: &u32| {
        let (a, b) = (&entries[ia as usize], &entries[ib as usize]);
        let key = match sort {
            SortKey::Name => dir(a.name_group.cmp(&b.name_group), descending),
            SortKey::Score => num(a.score, b.score, descending),
            SortKey::ResumeScore => num(a.resume_score, b.resume_score, descending),
            SortKey::VideoScore => num(a.video_score, b.video_score, descending),
            SortKey::LastEngaged => num(a.last_engaged, b.last_engaged, descending),
            SortKey::Created => num(a.created, b.created, descending),
            SortKey::Status => dir(a.status.cmp(&b.status), descending),
            SortKey::Panel => match panel {
                Some(k) => num(k[ia as usize], k[ib as usize], descending),
                None => Ordering::Equal,
            },
        };
        key.then(a.order.cmp(&b.order))
    }
}

/// What the fast path found: the page's interview ids in order, and the counts.
#[derive(Debug)]
pub(super) struct Found {
    /// The page's interview ids, in order (the page is read by id, through
    /// the covering index `candidates_card`).
    pub ids: Vec<String>,
    pub total: i64,
    pub view_counts: ViewCounts,
}

/// Filters that read other tables (evaluated by SQLite as rowid sets).
fn has_set_filter(q: &CandidateQuery) -> bool {
    q.stage_kind.is_some() || q.stage_status.is_some() || !q.tags.is_empty() || q.cohort.is_some()
}

/// Sorted rowids of `posting`'s candidates passing the stage, tag and cohort
/// filters, with the SQL path's own fragments.
fn set_rowids(conn: &Connection, q: &CandidateQuery) -> StoreResult<Vec<i64>> {
    let only = CandidateQuery {
        posting_id: q.posting_id.clone(),
        stage_kind: q.stage_kind.clone(),
        stage_status: q.stage_status.clone(),
        tags: q.tags.clone(),
        cohort: q.cohort.clone(),
        ..Default::default()
    };
    let f = build_filter(&only, false);
    let sql = format!(
        "SELECT c.rowid FROM candidates c {} ORDER BY c.rowid",
        where_clause(&f.where_sql)
    );
    let rowids = conn
        .prepare_cached(&sql)?
        .query_map(params_from_iter(f.params.iter()), |r| r.get(0))?
        .collect::<Result<Vec<i64>, _>>()?;
    Ok(rowids)
}

fn set_key(q: &CandidateQuery) -> String {
    format!(
        "{:?}\u{0}{:?}\u{0}{:?}\u{0}{:?}",
        q.stage_kind, q.stage_status, q.tags, q.cohort
    )
}

/// Sorted, deduplicated rowids of the full-text hits.
fn fts_rowids(conn: &Connection, fts: &str) -> StoreResult<Vec<i64>> {
    let mut hits = conn
        .prepare_cached("SELECT rowid FROM fts WHERE fts MATCH ?1")?
        .query_map([fts], |r| r.get(0))?
        .collect::<Result<Vec<i64>, _>>()?;
    if !hits.is_sorted() {
        hits.sort_unstable();
    }
    hits.dedup();
    Ok(hits)
}

/// Membership in a sorted rowid list, for rowids visited in increasing order.
struct Cursor<'a> {
    ids: &'a [i64],
    at: usize,
}

impl Cursor<'_> {
    fn contains(&mut self, rowid: i64) -> bool {
        while self.at < self.ids.len() && self.ids[self.at] < rowid {
            self.at += 1;
        }
        self.at < self.ids.len() && self.ids[self.at] == rowid
    }
}

/// One candidate's submitted evaluations, as the panel sort and filters
/// read them (`panel_summary`), and whether the viewer submitted one.
#[derive(Debug, Clone, Copy, Default)]
struct PanelCell {
    strong_no: u32,
    no: u32,
    yes: u32,
    strong_yes: u32,
    /// The viewer has submitted their own evaluation of the candidate.
    mine: bool,
}

impl PanelCell {
    /// `panel::sort_sql`: the mean recommendation (Strong No 1 … Strong Yes
    /// 4) where the viewer may see it, else NULL (NaN). SQLite's `avg` of
    /// integers is their exact sum divided by their count as doubles.
    fn sort_key(&self, lead: bool) -> f64 {
        let n = self.strong_no + self.no + self.yes + self.strong_yes;
        if !(lead || self.mine) || n == 0 {
            return NULL;
        }
        let sum = u64::from(self.strong_no)
            + 2 * u64::from(self.no)
            + 3 * u64::from(self.yes)
            + 4 * u64::from(self.strong_yes);
        sum as f64 / f64::from(n)
    }

    /// `panel::filter_sql`: nothing matches where the viewer may not see.
    fn passes(&self, q: &CandidateQuery, lead: bool) -> bool {
        if q.panel_min_strong_yes.is_none() && !q.panel_split {
            return true;
        }
        (lead || self.mine)
            && q.panel_min_strong_yes.is_none_or(|n| self.strong_yes >= n)
            && (!q.panel_split || (self.yes + self.strong_yes > 0 && self.no + self.strong_no > 0))
    }
}

/// The panel cells of one slot's entries (same index), for one viewer.
#[derive(Debug)]
struct Panel {
    viewer: String,
    cells: Vec<PanelCell>,
}

fn to_u32(v: i64) -> u32 {
    u32::try_from(v).unwrap_or(u32::MAX)
}

const PANEL_COLUMNS: &str = "p.strong_no, p.no, p.yes, p.strong_yes, \
     EXISTS (SELECT 1 FROM evaluations e WHERE e.reviewer = ?1 AND e.interview_id = c.interview_id \
     AND e.submitted_at IS NOT NULL)";

fn read_cell(r: &rusqlite::Row<'_>, at: usize) -> rusqlite::Result<PanelCell> {
    let count = |i: usize| -> rusqlite::Result<u32> {
        Ok(to_u32(r.get::<_, Option<i64>>(at + i)?.unwrap_or(0)))
    };
    Ok(PanelCell {
        strong_no: count(0)?,
        no: count(1)?,
        yes: count(2)?,
        strong_yes: count(3)?,
        mine: r.get(at + 4)?,
    })
}

/// Reads the panel cells of `p`'s candidates for `viewer`: two sequential
/// reads (the summary table; the viewer's submitted evaluations through
/// `evaluations_submitted_by`) matched to the entries by interview id,
/// rather than two index probes per candidate.
fn load_panel(conn: &Connection, p: &Projection, viewer: &str) -> StoreResult<Panel> {
    let index: std::collections::HashMap<&[u8], usize> =
        (0..p.entries.len()).map(|i| (p.id(i), i)).collect();
    let mut cells = vec![PanelCell::default(); p.entries.len()];
    let mut stmt = conn
        .prepare_cached("SELECT interview_id, strong_no, no, yes, strong_yes FROM panel_summary")?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let ValueRef::Text(id) = r.get_ref(0)? else {
            continue;
        };
        if let Some(&i) = index.get(id) {
            let count = |k: usize| -> rusqlite::Result<u32> { Ok(to_u32(r.get(k)?)) };
            let c = &mut cells[i];
            c.strong_no = count(1)?;
            c.no = count(2)?;
            c.yes = count(3)?;
            c.strong_yes = count(4)?;
        }
    }
    let mut stmt = conn.prepare_cached(
        "SELECT interview_id FROM evaluations WHERE reviewer = ?1 AND submitted_at IS NOT NULL",
    )?;
    let mut rows = stmt.query([viewer])?;
    while let Some(r) = rows.next()? {
        let ValueRef::Text(id) = r.get_ref(0)? else {
            continue;
        };
        if let Some(&i) = index.get(id) {
            cells[i].mine = true;
        }
    }
    Ok(Panel {
        viewer: viewer.to_string(),
        cells,
    })
}

struct Slot {
    posting: Option<String>,
    /// `None`: holds values only SQL sorts right; always fall back.
    projection: Option<Projection>,
    /// Loaded on the first panel sort or filter.
    panel: Option<Panel>,
    sets: Vec<(String, Vec<i64>)>,
    used: u64,
}

/// Where the database's change log stood when the cache was last current
/// (`list_state`, `list_changes`; see the module docs).
#[derive(Debug, Clone, Copy, PartialEq)]
struct LogMark {
    generation: i64,
    sets_generation: i64,
    seq: i64,
}

fn log_mark(conn: &Connection) -> StoreResult<LogMark> {
    Ok(conn.query_row(
        "SELECT generation, sets_generation, (SELECT coalesce(max(seq), 0) FROM list_changes) \
         FROM list_state WHERE id = 1",
        [],
        |r| {
            Ok(LogMark {
                generation: r.get(0)?,
                sets_generation: r.get(1)?,
                seq: r.get(2)?,
            })
        },
    )?)
}

/// More changed candidates than this since the last query: reload instead.
const MAX_PATCH: usize = 4_096;

/// Per-workspace cache of list projections (see the module docs).
#[derive(Default)]
pub(crate) struct ListCache {
    data_version: Option<i64>,
    /// The change log when the cache was last brought up to date.
    mark: Option<LogMark>,
    slots: Vec<Slot>,
    /// The slots dropped by the last reload: only their name ranks are
    /// reused (see [`load`]), never their answers.
    stale: Vec<Slot>,
    tick: u64,
    /// Reloads and patches since the cache was made (tests, benchmarks).
    reloads: u64,
    patches: u64,
}

impl std::fmt::Debug for ListCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ListCache")
            .field("data_version", &self.data_version)
            .field("mark", &self.mark)
            .field("slots", &self.slots.len())
            .finish()
    }
}

/// Size of one cached projection (benchmarks).
#[derive(Debug, Clone, PartialEq)]
pub struct ListCacheStats {
    pub posting_id: Option<String>,
    pub rows: usize,
    pub heap_bytes: usize,
    /// Times the cache dropped its projections for a reload, and times it
    /// patched them in place after a decision or an evaluation, since the
    /// workspace was opened (the same for every interviewer).
    pub reloads: u64,
    pub patches: u64,
}

/// What one candidate's changed reviewer state reads now.
struct Changed {
    rowid: i64,
    posting: String,
    /// `decisions.decision` (reviewer) and the imported decision.
    reviewer: Option<String>,
    imported: Option<String>,
}

impl ListCache {
    /// Bring the cache up to the database's current state: nothing if no
    /// connection committed since the last query; else patch the
    /// candidates whose decision or evaluations changed (the change log
    /// says which), or drop everything when anything else the cache holds
    /// changed, or the log no longer reaches back to the last query.
    fn check_version(&mut self, conn: &Connection) -> StoreResult<()> {
        let version: i64 = conn.query_row("PRAGMA data_version", [], |r| r.get(0))?;
        if self.data_version == Some(version) {
            return Ok(());
        }
        self.data_version = Some(version);
        let now = log_mark(conn)?;
        let patched = match self.mark {
            Some(old) if old.generation == now.generation => {
                if old.sets_generation != now.sets_generation {
                    for s in &mut self.slots {
                        s.sets.clear();
                    }
                }
                old.seq == now.seq || self.patch(conn, old.seq, now.seq)?
            }
            _ => false,
        };
        if patched {
            if self.mark.is_some_and(|old| old.seq != now.seq) {
                self.patches += 1;
            }
        } else {
            self.reloads += 1;
            self.stale = std::mem::take(&mut self.slots);
        }
        self.mark = Some(now);
        Ok(())
    }

    /// Apply the change log's entries `(from, to]` to the cached slots;
    /// `false` when they cannot be (pruned from the log, too many): the
    /// caller drops the slots.
    fn patch(&mut self, conn: &Connection, from: i64, to: i64) -> StoreResult<bool> {
        let mut decisions: Vec<i64> = Vec::new();
        let mut panels: Vec<i64> = Vec::new();
        let mut next = from + 1;
        {
            let mut stmt = conn.prepare_cached(
                "SELECT seq, candidate, kind FROM list_changes WHERE seq > ?1 AND seq <= ?2 ORDER BY seq",
            )?;
            let mut rows = stmt.query([from, to])?;
            while let Some(r) = rows.next()? {
                // Entries are numbered without gaps and pruned oldest
                // first: a gap means some were pruned unseen.
                if r.get::<_, i64>(0)? != next {
                    return Ok(false);
                }
                next += 1;
                let candidate: i64 = r.get(1)?;
                match r.get_ref(2)?.as_str().unwrap_or("") {
                    "decision" => decisions.push(candidate),
                    "panel" => panels.push(candidate),
                    _ => return Ok(false),
                }
            }
        }
        if next != to + 1 {
            return Ok(false);
        }
        decisions.sort_unstable();
        decisions.dedup();
        panels.sort_unstable();
        panels.dedup();
        if decisions.len() + panels.len() > MAX_PATCH {
            return Ok(false);
        }
        if self.slots.is_empty() {
            return Ok(true);
        }

        // Decisions: the derived decision and status of each changed
        // candidate (progress, names and sort keys are unchanged: a change
        // to them would have bumped the generation).
        let mut stmt = conn.prepare_cached(
            "SELECT c.posting_id, d.decision, c.imported_decision FROM candidates c \
             LEFT JOIN decisions d ON d.interview_id = c.interview_id WHERE c.rowid = ?1",
        )?;
        for &rowid in &decisions {
            let row = stmt
                .query_row([rowid], |r| {
                    Ok((
                        r.get::<_, String>(0)?,
                        r.get::<_, Option<String>>(1)?,
                        r.get::<_, Option<String>>(2)?,
                    ))
                })
                .optional()?;
            let Some((posting, reviewer, imported)) = row else {
                // Gone without a generation bump: cannot happen; reload.
                return Ok(false);
            };
            let changed = Changed {
                rowid,
                posting,
                reviewer,
                imported,
            };
            for slot in &mut self.slots {
                if slot
                    .posting
                    .as_deref()
                    .is_some_and(|p| p != changed.posting)
                {
                    continue;
                }
                let Some(p) = slot.projection.as_mut() else {
                    continue;
                };
                if !patch_decision(p, &changed) {
                    return Ok(false);
                }
            }
        }

        // Evaluations: the panel cells, where loaded.
        if self.slots.iter().any(|s| s.panel.is_some()) {
            let sql = format!(
                "SELECT c.posting_id, {PANEL_COLUMNS} FROM candidates c \
                 LEFT JOIN panel_summary p ON p.interview_id = c.interview_id WHERE c.rowid = ?2"
            );
            let mut stmt = conn.prepare_cached(&sql)?;
            for slot in &mut self.slots {
                let (Some(p), Some(panel)) = (slot.projection.as_ref(), slot.panel.as_mut()) else {
                    continue;
                };
                for &rowid in &panels {
                    let row = stmt
                        .query_row(rusqlite::params![panel.viewer, rowid], |r| {
                            Ok((r.get::<_, String>(0)?, read_cell(r, 1)?))
                        })
                        .optional()?;
                    let Some((posting, cell)) = row else {
                        return Ok(false);
                    };
                    if slot.posting.as_deref().is_some_and(|s| s != posting) {
                        continue;
                    }
                    let Some(i) = p.index_of(rowid) else {
                        return Ok(false);
                    };
                    panel.cells[i] = cell;
                }
            }
        }
        Ok(true)
    }

    fn slot(&mut self, conn: &Connection, posting: Option<&str>) -> StoreResult<&mut Slot> {
        self.tick += 1;
        let tick = self.tick;
        let i = match self
            .slots
            .iter()
            .position(|s| s.posting.as_deref() == posting)
        {
            Some(i) => i,
            None => {
                let previous = self
                    .stale
                    .iter()
                    .position(|s| s.posting.as_deref() == posting)
                    .map(|i| self.stale.swap_remove(i));
                let projection = load(
                    conn,
                    posting,
                    previous.as_ref().and_then(|s| s.projection.as_ref()),
                )?;
                if self.slots.len() >= MAX_SLOTS {
                    let lru = (0..self.slots.len())
                        .min_by_key(|&i| self.slots[i].used)
                        .unwrap_or(0);
                    self.slots.swap_remove(lru);
                }
                self.slots.push(Slot {
                    posting: posting.map(str::to_string),
                    projection,
                    panel: None,
                    sets: Vec::new(),
                    used: tick,
                });
                self.slots.len() - 1
            }
        };
        let slot = &mut self.slots[i];
        slot.used = tick;
        Ok(slot)
    }

    /// Load `posting`'s projection now if it is not cached (benchmarks).
    pub(super) fn warm(&mut self, conn: &Connection, posting: Option<&str>) -> StoreResult<()> {
        self.check_version(conn)?;
        self.slot(conn, posting)?;
        Ok(())
    }

    pub(super) fn stats(&self) -> Vec<ListCacheStats> {
        self.slots
            .iter()
            .filter_map(|s| {
                let p = s.projection.as_ref()?;
                Some(ListCacheStats {
                    posting_id: s.posting.clone(),
                    rows: p.entries.len(),
                    heap_bytes: p.heap_bytes()
                        + s.panel
                            .as_ref()
                            .map_or(0, |x| x.cells.capacity() * std::mem::size_of::<PanelCell>()),
                    reloads: self.reloads,
                    patches: self.patches,
                })
            })
            .collect()
    }

    /// Answer `q` from the projection: the page's interview ids in order and the
    /// counts; `None` when this query must go to SQL. `conn` must be inside
    /// a read transaction (one snapshot for the version check and reads).
    pub(super) fn query(
        &mut self,
        conn: &Connection,
        q: &CandidateQuery,
    ) -> StoreResult<Option<Found>> {
        self.check_version(conn)?;
        // The panel depends on the viewer: the same identity the SQL path
        // reads, on the same snapshot.
        let viewer = if super::panel::uses_panel(q) {
            Some(Viewer::from(&identity_of(conn)?))
        } else {
            None
        };
        let slot = self.slot(conn, q.posting_id.as_deref())?;
        let Some(p) = slot.projection.as_ref() else {
            return Ok(None);
        };
        if let Some(v) = &viewer {
            if slot.panel.as_ref().is_none_or(|x| x.viewer != v.reviewer) {
                slot.panel = Some(load_panel(conn, p, &v.reviewer)?);
            }
        }
        let set_index = if has_set_filter(q) {
            let key = set_key(q);
            Some(match slot.sets.iter().position(|(k, _)| *k == key) {
                Some(i) => i,
                None => {
                    if slot.sets.len() >= MAX_SETS {
                        slot.sets.remove(0);
                    }
                    slot.sets.push((key, set_rowids(conn, q)?));
                    slot.sets.len() - 1
                }
            })
        } else {
            None
        };
        let hits = match q.search.as_deref().and_then(fts_query) {
            Some(f) => Some(fts_rowids(conn, &f)?),
            None => None,
        };
        let Some(p) = slot.projection.as_ref() else {
            return Ok(None);
        };
        let set = set_index.map(|i| slot.sets[i].1.as_slice());
        let panel = match (&viewer, &slot.panel) {
            (Some(v), Some(x)) => Some((x.cells.as_slice(), v.lead)),
            _ => None,
        };
        Ok(Some(select(p, q, hits.as_deref(), set, panel)))
    }
}

/// Patch one candidate's derived decision and status in `p` (`decision_sql`,
/// `status_sql`, as [`load`] derives them); `false` if it cannot be.
fn patch_decision(p: &mut Projection, c: &Changed) -> bool {
    let Some(i) = p.index_of(c.rowid) else {
        return false;
    };
    let decision = c
        .reviewer
        .as_deref()
        .or(c.imported.as_deref())
        .unwrap_or("pending");
    let Some(d) = p.code_or_insert(decision) else {
        return false;
    };
    let status = if matches!(decision, "shortlisted" | "dismissed") {
        d
    } else {
        p.entries[i].progress
    };
    let e = &mut p.entries[i];
    e.decision = d;
    e.status = status;
    true
}

/// One pass: filter, count every view, keep the matches; then the page.
/// `panel`: the entries' panel cells and whether the viewer leads, when
/// the query sorts or filters on the panel.
fn select(
    p: &Projection,
    q: &CandidateQuery,
    hits: Option<&[i64]>,
    set: Option<&[i64]>,
    panel: Option<(&[PanelCell], bool)>,
) -> Found {
    // A filter value no candidate has matches nothing.
    const NONE: u32 = u32::MAX;
    let code = |s: &str| p.code(s).map_or(NONE, u32::from);
    let completed = code("completed");
    let shortlisted = code("shortlisted");
    let dismissed = code("dismissed");
    let status = q.status.as_deref().map(code);
    let decision = q.decision.map(|d| code(d.as_str()));
    let view = match q.view {
        View::All => None,
        View::Completed => Some((true, completed)),
        View::Shortlisted => Some((false, shortlisted)),
        View::Dismissed => Some((false, dismissed)),
    };
    let mut hits = hits.map(|ids| Cursor { ids, at: 0 });
    let mut set = set.map(|ids| Cursor { ids, at: 0 });
    let mut counts = ViewCounts::default();
    let mut matches: Vec<u32> = Vec::new();
    for (i, e) in p.entries.iter().enumerate() {
        if let Some(h) = &mut hits {
            if !h.contains(e.rowid) {
                continue;
            }
        }
        if let Some(s) = &mut set {
            if !s.contains(e.rowid) {
                continue;
            }
        }
        if status.is_some_and(|s| s != u32::from(e.status))
            || decision.is_some_and(|d| d != u32::from(e.decision))
        {
            continue;
        }
        // `c.score >= ?`: NULL (NaN) fails both bounds, as in SQL.
        let cmp_score = |m: f64| e.score.partial_cmp(&m);
        if q.min_score
            .is_some_and(|m| matches!(cmp_score(m), None | Some(Ordering::Less)))
            || q.max_score
                .is_some_and(|m| matches!(cmp_score(m), None | Some(Ordering::Greater)))
        {
            continue;
        }
        match q.flagged {
            Some(true) if e.flag_count <= 0 => continue,
            Some(false) if e.flag_count != 0 => continue,
            _ => {}
        }
        if let Some((cells, lead)) = panel {
            if !cells[i].passes(q, lead) {
                continue;
            }
        }
        let (progress, dec) = (u32::from(e.progress), u32::from(e.decision));
        counts.all += 1;
        counts.completed += i64::from(progress == completed);
        counts.shortlisted += i64::from(dec == shortlisted);
        counts.dismissed += i64::from(dec == dismissed);
        let in_view = match view {
            None => true,
            Some((true, c)) => progress == c,
            Some((false, c)) => dec == c,
        };
        if in_view {
            matches.push(i as u32);
        }
    }
    let total = matches.len() as i64;

    // The page: partial sorts around [offset, offset + limit).
    let keys: Option<Vec<f64>> = match (q.sort, panel) {
        (SortKey::Panel, Some((cells, lead))) => {
            Some(cells.iter().map(|c| c.sort_key(lead)).collect())
        }
        _ => None,
    };
    let by = compare(&p.entries, keys.as_deref(), q.sort, q.descending);
    let n = matches.len();
    let start = (q.offset as usize).min(n);
    let end = if q.limit == 0 {
        n
    } else {
        start.saturating_add(q.limit as usize).min(n)
    };
    let mut page: &mut [u32] = &mut matches[..];
    if start > 0 && start < n {
        page.select_nth_unstable_by(start, &by);
    }
    page = &mut page[start..];
    let len = end - start;
    if len > 0 && len < page.len() {
        page.select_nth_unstable_by(len, &by);
    }
    let page = &mut page[..len];
    page.sort_unstable_by(&by);
    Found {
        ids: page
            .iter()
            .map(|&i| String::from_utf8_lossy(p.id(i as usize)).into_owned())
            .collect(),
        total,
        view_counts: counts,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nocase_cmp(a: &str, b: &str) -> Ordering {
        let (mut a, mut b) = (a.as_bytes().to_vec(), b.as_bytes().to_vec());
        nocase_fold(&mut a);
        nocase_fold(&mut b);
        a.cmp(&b)
    }

    #[test]
    fn nocase_folds_ascii_only_and_orders_prefixes_first() {
        assert_eq!(nocase_cmp("ana", "ANA"), Ordering::Equal);
        assert_eq!(nocase_cmp("Ana", "ana b"), Ordering::Less);
        assert_eq!(nocase_cmp("_x", "ax"), Ordering::Less); // '_' < 'a', > 'A'
        assert_ne!(nocase_cmp("é", "É"), Ordering::Equal);
        // Same as SQLite's own collation.
        let conn = Connection::open_in_memory().unwrap();
        let words = ["b", "B", "a_", "A[", "é", "É", "ab", "Ab ", "", "z", "Zz"];
        for a in words {
            for b in words {
                let sqlite: i64 = conn
                    .query_row(
                        "SELECT CASE WHEN ?1 < ?2 COLLATE NOCASE THEN -1 WHEN ?1 = ?2 COLLATE NOCASE THEN 0 ELSE 1 END",
                        [a, b],
                        |r| r.get(0),
                    )
                    .unwrap();
                assert_eq!(nocase_cmp(a, b) as i64, sqlite, "{a:?} vs {b:?}");
            }
        }
    }

    #[test]
    fn cursor_walks_sorted_ids() {
        let ids = [2, 5, 9];
        let mut c = Cursor { ids: &ids, at: 0 };
        let found: Vec<i64> = (0..12).filter(|&r| c.contains(r)).collect();
        assert_eq!(found, vec![2, 5, 9]);
    }
}
