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
//! **Invariant.** The cache is valid for one value of `PRAGMA data_version`
//! on the workspace's read connection. SQLite changes that value whenever
//! *any other* connection commits to the database — the workspace's writer
//! (every decision, import, sync, cohort change, …), the CLI or another
//! process — so every write empties the cache, whatever code path made it.
//! Nothing writes through the read connection itself (it is opened
//! `query_only`, so such a write would fail rather than leave the cache
//! stale). Each query runs in one read transaction, so the version it checks
//! and the rows it reads are the same snapshot.
//!
//! A reload after a write reuses the previous projection's name ranks when
//! no candidate was added, removed or renamed (compared, not assumed); the
//! previous version's projections are kept for that until the next write.
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
use rusqlite::{params_from_iter, Connection};

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
/// ([`super::order_sql`]).
fn compare(sort: SortKey, descending: bool) -> impl Fn(&Entry, &Entry) -> Ordering {
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
    move |a: &Entry, b: &Entry| {
        let key = match sort {
            SortKey::Name => dir(a.name_group.cmp(&b.name_group), descending),
            SortKey::Score => num(a.score, b.score, descending),
            SortKey::ResumeScore => num(a.resume_score, b.resume_score, descending),
            SortKey::VideoScore => num(a.video_score, b.video_score, descending),
            SortKey::LastEngaged => num(a.last_engaged, b.last_engaged, descending),
            SortKey::Created => num(a.created, b.created, descending),
            SortKey::Status => dir(a.status.cmp(&b.status), descending),
            // Never asked of the projection: panel queries go to SQL.
            SortKey::Panel => std::cmp::Ordering::Equal,
        };
        key.then(a.order.cmp(&b.order))
    }
}

/// What the fast path found: the page's rowids in order, and the counts.
#[derive(Debug)]
pub(super) struct Found {
    pub rowids: Vec<i64>,
    /// The same rows' interview ids (the page is read by id, through the
    /// covering index `candidates_card`).
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

struct Slot {
    posting: Option<String>,
    /// `None`: holds values only SQL sorts right; always fall back.
    projection: Option<Projection>,
    sets: Vec<(String, Vec<i64>)>,
    used: u64,
}

/// Per-workspace cache of list projections (see the module docs).
#[derive(Default)]
pub(crate) struct ListCache {
    data_version: Option<i64>,
    slots: Vec<Slot>,
    /// The slots of the previous data version: only their name ranks are
    /// reused (see [`load`]), never their answers.
    stale: Vec<Slot>,
    tick: u64,
}

impl std::fmt::Debug for ListCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ListCache")
            .field("data_version", &self.data_version)
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
}

impl ListCache {
    /// Drop everything if the database changed since the last query.
    fn check_version(&mut self, conn: &Connection) -> StoreResult<()> {
        let version: i64 = conn.query_row("PRAGMA data_version", [], |r| r.get(0))?;
        if self.data_version != Some(version) {
            self.stale = std::mem::take(&mut self.slots);
            self.data_version = Some(version);
        }
        Ok(())
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
                    heap_bytes: p.heap_bytes(),
                })
            })
            .collect()
    }

    /// Answer `q` from the projection: the page's rowids in order and the
    /// counts; `None` when this query must go to SQL. `conn` must be inside
    /// a read transaction (one snapshot for the version check and reads).
    pub(super) fn query(
        &mut self,
        conn: &Connection,
        q: &CandidateQuery,
    ) -> StoreResult<Option<Found>> {
        if super::panel::uses_panel(q) {
            // Panel filters and sort depend on the viewer: SQL path.
            return Ok(None);
        }
        self.check_version(conn)?;
        let slot = self.slot(conn, q.posting_id.as_deref())?;
        if slot.projection.is_none() {
            return Ok(None);
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
        Ok(Some(select(p, q, hits.as_deref(), set)))
    }
}

/// One pass: filter, count every view, keep the matches; then the page.
fn select(p: &Projection, q: &CandidateQuery, hits: Option<&[i64]>, set: Option<&[i64]>) -> Found {
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
    let cmp = compare(q.sort, q.descending);
    let by = |a: &u32, b: &u32| cmp(&p.entries[*a as usize], &p.entries[*b as usize]);
    let n = matches.len();
    let start = (q.offset as usize).min(n);
    let end = if q.limit == 0 {
        n
    } else {
        start.saturating_add(q.limit as usize).min(n)
    };
    let mut page: &mut [u32] = &mut matches[..];
    if start > 0 && start < n {
        page.select_nth_unstable_by(start, by);
    }
    page = &mut page[start..];
    let len = end - start;
    if len > 0 && len < page.len() {
        page.select_nth_unstable_by(len, by);
    }
    let page = &mut page[..len];
    page.sort_unstable_by(by);
    Found {
        rowids: page.iter().map(|&i| p.entries[i as usize].rowid).collect(),
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
