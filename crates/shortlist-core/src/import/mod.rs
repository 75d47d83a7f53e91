//! Import of HeyMilo bundles (folder or `.zip`) and candidate CSVs (SPEC F4).
//!
//! A pipeline with a single write:
//! 1. **read** — walk the folder/zip with [`Limits`] (entries, bytes counted
//!    as they inflate, safe names, no symlinks); JSON into memory (zip) or
//!    left to the parser threads (folder), media left in place;
//! 2. **parse the lists** — postings, candidate lists and extensions, in
//!    parallel, collecting every problem (file, record, field path);
//! 3. **check the lists' references** against the bundle and the workspace;
//! 4. **write**, in one `BEGIN IMMEDIATE` transaction, walking the interview
//!    ids in order while parser threads (one core fewer than the machine
//!    has: the other is the write's) read and parse the interview documents
//!    — nearly all of a bundle — and hand them over in that order. For each
//!    id: its documents are checked against each other, its references and
//!    media files (magic bytes) are checked, the media are streamed into the
//!    content store, and its changed records are upserted through
//!    [`crate::project`]; unchanged records are not written at all. A
//!    record is unchanged when its text has the stored SHA-256, or, failing
//!    that, the same content as the stored text (keys in any order:
//!    [`parse::same_content`], consulted only for records whose bytes
//!    changed). From the first problem on, nothing more is written but every
//!    record is still checked, so all problems are reported; then, or on
//!    cancel or any error, the transaction rolls back and media added by
//!    this import are removed. The commit happens only when there was none.
//!
//! Reviewer tables are never touched.

pub mod csv;
pub mod error;
pub mod media;
pub mod parse;
pub mod source;

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::fmt;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

use rusqlite::{OptionalExtension, TransactionBehavior};
use serde::Serialize;

pub use error::{ImportError, Problem};
use media::{check_magic, media_fields, MediaTarget};
use parse::{Document, Item};
pub use source::Limits;

use crate::error::StoreError;
use crate::ext::{InterviewExtension, PostingExtension};
use crate::model::{Candidate, InterviewData, Posting};
use crate::project::{self, InterviewInput, PostingInfo, RawPart};
use crate::store::{media as store_media, Workspace};

/// Pipeline phase, for progress reporting; reported in this order.
/// `parsing` and `validating` cover a bundle's lists (postings, candidate
/// pages, extensions); its interview documents are parsed, checked, their
/// media copied into the workspace and their records saved during
/// `writing`, whose progress counts interview ids.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum ImportPhase {
    Reading,
    Parsing,
    Validating,
    Writing,
}

impl fmt::Display for ImportPhase {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            ImportPhase::Reading => "reading",
            ImportPhase::Parsing => "parsing",
            ImportPhase::Validating => "validating",
            ImportPhase::Writing => "writing",
        })
    }
}

/// Progress of a long import: `done` of `total` items in `phase`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ImportProgress {
    pub phase: ImportPhase,
    pub done: u64,
    pub total: u64,
}

/// Added / updated / unchanged counts of one kind of record.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Counts {
    pub added: u64,
    pub updated: u64,
    pub unchanged: u64,
}

impl Counts {
    fn bump(&mut self, before: Option<&str>, after: &str) {
        match before {
            None => self.added += 1,
            Some(h) if h == after => self.unchanged += 1,
            Some(_) => self.updated += 1,
        }
    }

    pub fn total(&self) -> u64 {
        self.added + self.updated + self.unchanged
    }
}

/// What an import did. `candidates` counts interview records (one per
/// candidate per interviewer, whatever files they came from); `interviews`
/// counts `InterviewDataResponse` objects; `media` counts distinct files
/// (added = new to the content store).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ImportSummary {
    pub postings: Counts,
    pub candidates: Counts,
    pub interviews: Counts,
    pub extensions: Counts,
    pub media: Counts,
}

impl ImportSummary {
    /// Whether the import changed nothing.
    pub fn is_noop(&self) -> bool {
        [
            &self.postings,
            &self.candidates,
            &self.interviews,
            &self.extensions,
        ]
        .iter()
        .all(|c| c.added == 0 && c.updated == 0)
            && self.media.added == 0
    }
}

impl fmt::Display for ImportSummary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut first = true;
        for (label, c) in [
            ("interviewers", &self.postings),
            ("candidates", &self.candidates),
            ("interviews", &self.interviews),
            ("extensions", &self.extensions),
            ("media files", &self.media),
        ] {
            if c.total() == 0 && label != "candidates" {
                continue;
            }
            if !first {
                f.write_str("; ")?;
            }
            first = false;
            write!(
                f,
                "{label}: {} added, {} updated, {} unchanged",
                c.added, c.updated, c.unchanged
            )?;
        }
        Ok(())
    }
}

/// Options beyond the defaults.
#[derive(Debug, Default, Clone)]
pub struct ImportOptions<'a> {
    pub limits: Limits,
    /// Set to `true` from another thread to stop; the import then returns
    /// [`ImportError::Cancelled`] having written nothing.
    pub cancel: Option<&'a AtomicBool>,
}

/// Import a bundle folder, a bundle `.zip` or a candidates `.csv` into `ws`.
pub fn import_path(
    ws: &Workspace,
    path: &Path,
    progress: &dyn Fn(ImportProgress),
) -> Result<ImportSummary, ImportError> {
    import_path_with(ws, path, &ImportOptions::default(), progress)
}

/// [`import_path`] with limits and a cancel flag.
pub fn import_path_with(
    ws: &Workspace,
    path: &Path,
    opts: &ImportOptions<'_>,
    progress: &dyn Fn(ImportProgress),
) -> Result<ImportSummary, ImportError> {
    let meta = std::fs::metadata(path).map_err(|source| ImportError::Unreadable {
        path: path.to_path_buf(),
        source,
    })?;
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    if meta.is_file() && ext == "csv" {
        return import_csv(ws, path, opts, progress);
    }
    if !meta.is_dir() && !(meta.is_file() && (ext == "zip" || looks_like_zip(path))) {
        return Err(ImportError::Unsupported {
            path: path.to_path_buf(),
        });
    }
    let mut problems = Vec::new();
    progress(ImportProgress {
        phase: ImportPhase::Reading,
        done: 0,
        total: 0,
    });
    let bundle = source::open_bundle(
        path,
        &opts.limits,
        opts.cancel,
        &mut problems,
        &mut |done, total| {
            progress(ImportProgress {
                phase: ImportPhase::Reading,
                done,
                total,
            })
        },
    )?;
    let mut bundle = bundle;
    // Interview documents (nearly all of a bundle) are parsed while the
    // write runs; the lists, postings and extensions first.
    let (mut interview_docs, json): (InterviewDocs, InterviewDocs) =
        std::mem::take(&mut bundle.json)
            .into_iter()
            .partition(|(name, _)| name.starts_with("interviews/"));
    interview_docs.sort_by(|a, b| {
        file_stem(&a.0)
            .cmp(file_stem(&b.0))
            .then_with(|| a.0.cmp(&b.0))
    });
    let docs = parse_all(
        json,
        &bundle.counter(&opts.limits, opts.cancel),
        opts.cancel,
        progress,
    )?;
    let mut collected = Collected::default();
    for (name, doc) in docs {
        match doc {
            Ok(doc) => collected.add(&name, doc, &mut problems),
            Err(mut p) => problems.append(&mut p),
        }
    }
    run(
        ws,
        collected,
        interview_docs,
        Some(&bundle),
        problems,
        opts,
        progress,
    )
}

fn looks_like_zip(path: &Path) -> bool {
    let mut head = [0u8; 4];
    std::fs::File::open(path)
        .and_then(|mut f| f.read_exact(&mut head))
        .map(|_| head == *b"PK\x03\x04" || head == *b"PK\x05\x06")
        .unwrap_or(false)
}

/// Parse documents on all cores; results in input order.
#[allow(clippy::type_complexity)]
fn parse_all(
    json: Vec<(String, source::JsonSource)>,
    counter: &source::BundleCounter<'_>,
    cancel: Option<&AtomicBool>,
    progress: &dyn Fn(ImportProgress),
) -> Result<Vec<(String, Result<Document, Vec<Problem>>)>, ImportError> {
    let total = json.len();
    let threads = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1)
        .clamp(1, 8)
        .min(total.max(1));
    let mut buckets: Vec<Vec<(usize, String, source::JsonSource)>> =
        (0..threads).map(|_| Vec::new()).collect();
    for (i, (name, bytes)) in json.into_iter().enumerate() {
        buckets[i % threads].push((i, name, bytes));
    }
    let (tx, rx) = std::sync::mpsc::channel::<()>();
    let mut results: Vec<Option<(String, Result<Document, Vec<Problem>>)>> =
        (0..total).map(|_| None).collect();
    std::thread::scope(|s| {
        let handles: Vec<_> = buckets
            .into_iter()
            .map(|bucket| {
                let tx = tx.clone();
                s.spawn(move || {
                    let mut out = Vec::with_capacity(bucket.len());
                    for (i, name, src) in bucket {
                        if cancel.is_some_and(|c| c.load(Ordering::Relaxed)) {
                            break;
                        }
                        let doc = match src.into_bytes(counter) {
                            Ok(bytes) => parse::parse_document(&name, &bytes),
                            Err(e) => {
                                Err(vec![Problem::file(name.clone(), source::read_message(&e))])
                            }
                        };
                        out.push((i, name, doc));
                        let _ = tx.send(());
                    }
                    out
                })
            })
            .collect();
        drop(tx);
        let mut done = 0u64;
        for () in rx.iter() {
            done += 1;
            if done & 0xff == 0 || done == total as u64 {
                progress(ImportProgress {
                    phase: ImportPhase::Parsing,
                    done,
                    total: total as u64,
                });
            }
        }
        for h in handles {
            for (i, name, doc) in h.join().expect("parser thread panicked") {
                results[i] = Some((name, doc));
            }
        }
    });
    if cancel.is_some_and(|c| c.load(Ordering::Relaxed)) {
        return Err(ImportError::Cancelled);
    }
    Ok(results.into_iter().flatten().collect())
}

/// Items by id, with the file each came from.
type ById<T> = BTreeMap<String, (String, Item<T>)>;

/// Everything a source contributed, deduplicated by id.
#[derive(Default)]
struct Collected {
    postings: ById<Posting>,
    candidates: ById<Candidate>,
    interview_ext: ById<InterviewExtension>,
    posting_ext: ById<PostingExtension>,
}

fn file_stem(name: &str) -> &str {
    let base = name.rsplit('/').next().unwrap_or(name);
    base.strip_suffix(".json")
        .or_else(|| base.strip_suffix(".JSON"))
        .unwrap_or(base)
}

/// Insert `item` unless an item with the same id is there: identical content
/// is merged silently, different content is a problem naming both files.
fn insert_unique<T>(
    map: &mut ById<T>,
    id: String,
    file: &str,
    item: Item<T>,
    what: &str,
    problems: &mut Vec<Problem>,
) {
    match map.get(&id) {
        Some((other_file, other))
            if other.hash != item.hash && !parse::same_content(&other.raw_text, &item.raw_text) =>
        {
            problems.push(Problem::record(
            file,
            id.clone(),
            None,
            format!(
                "{what} `{id}` also appears in {other_file} with different content; keep one version"
            ),
        ))
        }
        Some(_) => {}
        None => {
            map.insert(id, (file.to_string(), item));
        }
    }
}

impl Collected {
    fn add(&mut self, file: &str, doc: Document, problems: &mut Vec<Problem>) {
        let stem = file_stem(file);
        match doc {
            Document::Posting(item) => {
                let id = item.typed.id.clone();
                if id != stem {
                    problems.push(Problem::record(
                        file,
                        id.clone(),
                        Some("id".into()),
                        format!("the file is named after posting `{stem}` but holds posting `{id}`; name it postings/{id}.json"),
                    ));
                    return;
                }
                insert_unique(&mut self.postings, id, file, item, "posting", problems);
            }
            Document::Candidates(items) => {
                let page_of = stem.split('.').next().unwrap_or(stem);
                for item in items {
                    let id = item.typed.interview_id.clone();
                    let pid = &item.typed.posting_id;
                    if pid != stem && pid != page_of {
                        problems.push(Problem::record(
                            file,
                            id,
                            Some("posting_id".into()),
                            format!("candidate of posting `{pid}` in the list of posting `{page_of}`; move it to candidates/{pid}.json"),
                        ));
                        continue;
                    }
                    insert_unique(&mut self.candidates, id, file, item, "candidate", problems);
                }
            }
            // Interview documents are not collected: the write takes them
            // as they are parsed (`write_all`).
            Document::Interview(_) => debug_assert!(false, "interview documents are streamed"),
            Document::InterviewExtension(item) => {
                let id = item.typed.interview_id.clone();
                insert_unique(
                    &mut self.interview_ext,
                    id,
                    file,
                    item,
                    "interview extension",
                    problems,
                );
            }
            Document::PostingExtension(item) => {
                let id = item.typed.posting_id.clone();
                insert_unique(
                    &mut self.posting_ext,
                    id,
                    file,
                    item,
                    "posting extension",
                    problems,
                );
            }
            Document::Ignored => {}
        }
    }
}

/// Hashes of what the workspace already holds.
struct Existing {
    postings: HashMap<String, (String, Option<String>)>,
    /// interview_id → (posting_id, cand_hash, interview_hash, ext_hash)
    candidates: HashMap<String, ExistingCandidate>,
    /// (interview_id, bundle path) → hash of media already in the content store.
    media: HashMap<(String, String), String>,
    /// Stored hashes to update (from [`reconcile`]).
    hash_fixes: Vec<HashFix>,
}

struct ExistingCandidate {
    posting_id: String,
    cand_hash: Option<String>,
    interview_hash: Option<String>,
    ext_hash: Option<String>,
}

fn load_existing(ws: &Workspace) -> Result<Existing, StoreError> {
    let conn = ws.reader();
    let mut postings = HashMap::new();
    let mut st = conn.prepare("SELECT id, raw_hash, ext_hash FROM postings")?;
    for r in st.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get(1)?, r.get(2)?)))? {
        let (id, h, e) = r?;
        postings.insert(id, (h, e));
    }
    let mut candidates = HashMap::new();
    let mut st = conn.prepare(
        "SELECT interview_id, posting_id, cand_hash, interview_hash, ext_hash FROM candidates",
    )?;
    for r in st.query_map([], |r| {
        Ok((
            r.get::<_, String>(0)?,
            ExistingCandidate {
                posting_id: r.get(1)?,
                cand_hash: r.get(2)?,
                interview_hash: r.get(3)?,
                ext_hash: r.get(4)?,
            },
        ))
    })? {
        let (id, c) = r?;
        candidates.insert(id, c);
    }
    let mut media = HashMap::new();
    let mut st = conn.prepare(
        "SELECT interview_id, original_name, hash FROM candidate_media WHERE hash IS NOT NULL AND original_name IS NOT NULL",
    )?;
    for r in st.query_map([], |r| {
        Ok((
            (r.get::<_, String>(0)?, r.get::<_, String>(1)?),
            r.get::<_, String>(2)?,
        ))
    })? {
        let (k, h) = r?;
        media.insert(k, h);
    }
    Ok(Existing {
        postings,
        candidates,
        media,
        hash_fixes: Vec::new(),
    })
}

/// A stored hash to bring up to date: the content hash of the stored text
/// (which an older version hashed differently).
struct HashFix {
    table: &'static str,
    key: &'static str,
    column: &'static str,
    id: String,
    hash: String,
}

impl HashFix {
    fn apply(&self, tx: &rusqlite::Transaction<'_>) -> rusqlite::Result<()> {
        tx.execute(
            &format!(
                "UPDATE {} SET {} = ?1 WHERE {} = ?2",
                self.table, self.column, self.key
            ),
            [&self.hash, &self.id],
        )?;
        Ok(())
    }
}

/// Where a kind of record's text and hash are stored: (table, key column,
/// text column, hash column).
type StoredAs = (&'static str, &'static str, &'static str, &'static str);

/// For a record whose hash is not the stored one (`old`): when its content
/// is the stored text's all the same (keys in another order, or a hash an
/// older version wrote), it counts as unchanged — its hash becomes `old` —
/// and, if `old` is not the stored text's own content hash, the fix for it
/// is returned.
fn same_as_stored<T>(
    conn: &rusqlite::Connection,
    (table, key, text_col, column): StoredAs,
    id: &str,
    item: &mut Item<T>,
    old: &str,
) -> Result<Option<HashFix>, StoreError> {
    if old == item.hash {
        return Ok(None);
    }
    let raw: Option<String> = conn
        .prepare_cached(&format!("SELECT {text_col} FROM {table} WHERE {key} = ?1"))?
        .query_row([id], |r| r.get(0))
        .optional()?
        .flatten();
    let Some(raw) = raw else { return Ok(None) };
    if !parse::same_content(&raw, &item.raw_text) {
        return Ok(None);
    }
    // what the comparisons that follow see: unchanged
    item.hash = old.to_string();
    let own = parse::content_hash(&raw);
    Ok((own != old).then(|| HashFix {
        table,
        key,
        column,
        id: id.to_string(),
        hash: own,
    }))
}

/// Records whose text differs from what the workspace stores but whose
/// content is the same (keys in another order, other whitespace, or a hash
/// written by an older version): their hash is set to the stored one, so
/// they count as unchanged and are not rewritten. Only records whose hash
/// differs from the stored one are compared, so an unchanged re-import of
/// the same files reads nothing here. Returns the stored hashes that are
/// not the content hash of their own text, to fix in the write.
fn reconcile(
    ws: &Workspace,
    c: &mut Collected,
    existing: &Existing,
) -> Result<Vec<HashFix>, StoreError> {
    let conn = ws.reader();
    let mut fixes = Vec::new();
    fn one<T>(
        conn: &rusqlite::Connection,
        items: &mut ById<T>,
        stored: impl Fn(&str) -> Option<String>,
        stored_as: StoredAs,
        fixes: &mut Vec<HashFix>,
    ) -> Result<(), StoreError> {
        for (id, (_, item)) in items.iter_mut() {
            if let Some(old) = stored(id) {
                fixes.extend(same_as_stored(conn, stored_as, id, item, &old)?);
            }
        }
        Ok(())
    }
    let p = &existing.postings;
    let cands = &existing.candidates;
    one(
        &conn,
        &mut c.postings,
        |id| p.get(id).map(|s| s.0.clone()),
        ("postings", "id", "raw", "raw_hash"),
        &mut fixes,
    )?;
    one(
        &conn,
        &mut c.posting_ext,
        |id| p.get(id).and_then(|s| s.1.clone()),
        ("postings", "id", "ext_raw", "ext_hash"),
        &mut fixes,
    )?;
    one(
        &conn,
        &mut c.candidates,
        |id| cands.get(id).and_then(|s| s.cand_hash.clone()),
        ("candidates", "interview_id", "cand_raw", "cand_hash"),
        &mut fixes,
    )?;
    one(
        &conn,
        &mut c.interview_ext,
        |id| cands.get(id).and_then(|s| s.ext_hash.clone()),
        ("candidates", "interview_id", "ext_raw", "ext_hash"),
        &mut fixes,
    )?;
    Ok(fixes)
}

/// Interview documents (`interviews/…`), sorted by file stem (the interview
/// id they must hold): read and parsed on worker threads while the write
/// runs ([`write_all`]).
type InterviewDocs = Vec<(String, source::JsonSource)>;

/// Validate, stage media and write. `bundle` is `None` for CSV imports,
/// which have no interview documents.
fn run(
    ws: &Workspace,
    mut c: Collected,
    interview_docs: InterviewDocs,
    bundle: Option<&source::Bundle>,
    mut problems: Vec<Problem>,
    opts: &ImportOptions<'_>,
    progress: &dyn Fn(ImportProgress),
) -> Result<ImportSummary, ImportError> {
    let mut existing = load_existing(ws)?;
    existing.hash_fixes = reconcile(ws, &mut c, &existing)?;

    // --- references of the lists (interviews are checked as they come) ---
    let checked = (c.candidates.len() + c.posting_ext.len()) as u64;
    progress(ImportProgress {
        phase: ImportPhase::Validating,
        done: 0,
        total: checked,
    });
    let posting_known =
        |pid: &str| c.postings.contains_key(pid) || existing.postings.contains_key(pid);
    for (id, (file, item)) in &c.candidates {
        let pid = &item.typed.posting_id;
        if !posting_known(pid) {
            problems.push(Problem::record(
                file,
                id.clone(),
                Some("posting_id".into()),
                format!("references posting `{pid}`, which is neither in the bundle (postings/{pid}.json) nor in the workspace"),
            ));
        }
    }
    for (id, (file, _)) in &c.posting_ext {
        if !posting_known(id) {
            problems.push(Problem::record(
                file,
                id.clone(),
                Some("posting_id".into()),
                format!(
                    "extends posting `{id}`, which is neither in the bundle nor in the workspace"
                ),
            ));
        }
    }
    progress(ImportProgress {
        phase: ImportPhase::Validating,
        done: checked,
        total: checked,
    });
    if opts.cancel.is_some_and(|c| c.load(Ordering::Relaxed)) {
        return Err(ImportError::Cancelled);
    }

    // --- check, stage media and write, record by record (holding the
    // writer: one import at a time) ---------------------------------------
    let mut conn = ws.writer();
    // Every posting a record may name, for the parser threads and the write
    // alike: the bundle's as imported, the workspace's others as stored.
    let mut infos: HashMap<String, PostingInfo> = c
        .postings
        .iter()
        .map(|(id, (_, i))| (id.clone(), PostingInfo::from_posting(&i.typed)))
        .collect();
    for pid in existing.postings.keys() {
        if !infos.contains_key(pid) {
            infos.insert(pid.clone(), project::posting_info(&conn, pid)?);
        }
    }
    // The commit is durable once its WAL frames are synced; copying them
    // into the database file (the checkpoint the commit would otherwise run
    // before returning) is left to a background thread below. Nothing
    // returns between turning it off and putting it back.
    let autockpt: i64 = conn.query_row("PRAGMA wal_autocheckpoint", [], |r| r.get(0))?;
    conn.pragma_update(None, "wal_autocheckpoint", 0)?;
    let mut w = Writer {
        c: &c,
        existing: &existing,
        bundle,
        opts,
        media_dir: ws.media_dir(),
        now: crate::store::now(),
        problems,
        summary: ImportSummary::default(),
        staged: HashMap::new(),
        sniffed: HashMap::new(),
        seen_media: HashSet::new(),
        added_files: Vec::new(),
        infos: &infos,
        touched: None,
        fts: project::FtsBatch::default(),
    };
    let result = write_all(&mut conn, &mut w, interview_docs, progress);
    let restored = conn.pragma_update(None, "wal_autocheckpoint", autockpt);
    drop(conn);
    let cleanup = |files: &[PathBuf]| {
        for f in files {
            let _ = std::fs::remove_file(f);
        }
    };
    match result {
        Ok(()) => {
            restored?;
            if !w.summary.is_noop() {
                ws.checkpoint_in_background();
            }
            Ok(w.summary)
        }
        Err(e) => {
            cleanup(&w.added_files);
            Err(e)
        }
    }
}

/// The state of an import's write: what was checked, staged and written so
/// far. Records are written only while no problem has been found; after
/// the first one the rest are still checked (every problem is reported),
/// and the transaction is rolled back.
struct Writer<'a> {
    c: &'a Collected,
    existing: &'a Existing,
    bundle: Option<&'a source::Bundle>,
    opts: &'a ImportOptions<'a>,
    media_dir: PathBuf,
    now: f64,
    problems: Vec<Problem>,
    summary: ImportSummary,
    /// Bundle path → (content hash, size, MIME type) of staged media.
    staged: HashMap<String, (String, u64, &'static str)>,
    /// Bundle path → the file's first bytes (or why they could not be read).
    sniffed: HashMap<String, Result<Vec<u8>, String>>,
    /// Content hashes counted in `summary.media`.
    seen_media: HashSet<String>,
    /// Files this import added to the content store (removed on failure).
    added_files: Vec<PathBuf>,
    /// Every posting of the bundle and the workspace.
    infos: &'a HashMap<String, PostingInfo>,
    /// Interview ids written (a re-projection of their posting skips them).
    /// `None` when no posting is re-projected.
    touched: Option<HashSet<String>>,
    /// Full-text rows are written after the other tables (see FtsBatch).
    fts: project::FtsBatch,
}

impl Writer<'_> {
    fn writing(&self) -> bool {
        self.problems.is_empty()
    }

    fn cancelled(&self) -> bool {
        self.opts.cancel.is_some_and(|c| c.load(Ordering::Relaxed))
    }

    /// Everything before the records: stored hashes to fix, the index's
    /// buffer size, postings.
    fn prelude(&mut self, tx: &rusqlite::Transaction<'_>) -> Result<Vec<String>, ImportError> {
        let (c, existing) = (self.c, self.existing);
        for f in &existing.hash_fixes {
            f.apply(tx)?;
        }
        // FTS5 flushes its in-memory term buffer to a new segment every
        // `hashsize` bytes (1 MB by default) and merges segments as it goes;
        // a larger buffer makes a bulk import's indexing markedly cheaper.
        // Stored in the index's config once (a no-op later).
        let hashsize: Option<i64> = tx
            .query_row("SELECT v FROM fts_config WHERE k = 'hashsize'", [], |r| {
                r.get(0)
            })
            .optional()?;
        if hashsize != Some(FTS_HASHSIZE) {
            tx.execute(
                "INSERT INTO fts (fts, rank) VALUES ('hashsize', ?1)",
                [FTS_HASHSIZE],
            )?;
        }
        let posting_ids: BTreeSet<&String> =
            c.postings.keys().chain(c.posting_ext.keys()).collect();
        let mut reproject = Vec::new();
        for pid in posting_ids {
            let stored = existing.postings.get(pid);
            let p = c.postings.get(pid).map(|(_, i)| i);
            let e = c.posting_ext.get(pid).map(|(_, i)| i);
            if let Some(p) = p {
                self.summary
                    .postings
                    .bump(stored.map(|s| s.0.as_str()), &p.hash);
            }
            if let Some(e) = e {
                self.summary
                    .extensions
                    .bump(stored.and_then(|s| s.1.as_deref()), &e.hash);
            }
            let p_changed = p.filter(|p| stored.is_none_or(|s| s.0 != p.hash));
            let e_changed =
                e.filter(|e| stored.and_then(|s| s.1.as_deref()) != Some(e.hash.as_str()));
            if p_changed.is_none() && e_changed.is_none() {
                continue;
            }
            project::write_posting(
                tx,
                pid,
                p_changed.map(|p| (&p.typed, raw_part(p))),
                e_changed.map(|e| (&e.typed, raw_part(e))),
                self.now,
            )?;
            if stored.is_some() && p_changed.is_some() {
                reproject.push(pid.clone());
            }
        }
        Ok(reproject)
    }

    /// Check, stage the media of and write the records of one interview id:
    /// its candidate (from a list), its interview document, its extension.
    fn record(
        &mut self,
        tx: &rusqlite::Transaction<'_>,
        id: &str,
        mut interview: Option<&mut (String, Item<InterviewData>)>,
        projected: Option<&project::Projected>,
    ) -> Result<(), ImportError> {
        let (c, existing) = (self.c, self.existing);
        let cand = c.candidates.get(id);
        let ext = c.interview_ext.get(id);
        let stored = existing.candidates.get(id);
        if cand.is_none() && interview.is_none() && ext.is_none() {
            // only a document that did not parse was named after it
            return Ok(());
        }
        if let Some((file, item)) = &interview {
            let pid = &item.typed.posting_id;
            if !c.postings.contains_key(pid) && !existing.postings.contains_key(pid) {
                self.problems.push(Problem::record(
                    file,
                    id,
                    Some("posting_id".into()),
                    format!("references posting `{pid}`, which is neither in the bundle (postings/{pid}.json) nor in the workspace"),
                ));
            }
            let cand_pid = cand
                .map(|(_, ci)| ci.typed.posting_id.as_str())
                .or_else(|| stored.map(|e| e.posting_id.as_str()));
            if let Some(cp) = cand_pid {
                if cp != pid {
                    self.problems.push(Problem::record(
                        file,
                        id,
                        Some("posting_id".into()),
                        format!("says posting `{pid}` but the candidate with this interview id belongs to posting `{cp}`"),
                    ));
                }
            }
        }
        if let Some((file, _)) = ext {
            if cand.is_none() && interview.is_none() && stored.is_none() {
                self.problems.push(Problem::record(
                    file,
                    id,
                    Some("interview_id".into()),
                    format!(
                        "extends interview `{id}`, which is neither in the bundle nor in the workspace"
                    ),
                ));
            }
        }
        let planned = self.plan_media(id, cand, interview.as_deref());
        if !self.writing() {
            return Ok(());
        }
        if let (Some((_, item)), Some(s)) = (interview.as_deref_mut(), stored) {
            self.reconcile_interview(tx, id, item, s.interview_hash.as_deref())?;
        }
        self.stage(tx, planned)?;
        if !self.writing() {
            return Ok(());
        }
        self.write(
            tx,
            id,
            cand.map(|(_, i)| i),
            interview.map(|(_, i)| &*i),
            ext.map(|(_, i)| i),
            projected,
        )
    }

    /// Check the local media files `id`'s records name (in the bundle, safe
    /// names, bytes of an allowed type); returns those to stage with their
    /// MIME types. Problems are recorded.
    fn plan_media(
        &mut self,
        id: &str,
        cand: Option<&(String, Item<Candidate>)>,
        interview: Option<&(String, Item<InterviewData>)>,
    ) -> Vec<(String, &'static str)> {
        let mut planned = Vec::new();
        for f in media_fields(
            cand.map(|(_, i)| &i.typed),
            interview.map(|(_, i)| &i.typed),
        ) {
            let file = if f.from_interview {
                &interview.expect("field from interview").0
            } else {
                &cand.expect("field from candidate").0
            };
            let Some(MediaTarget::Local(raw_path)) = media::target(&f.value) else {
                continue;
            };
            let problem =
                |msg: String| Problem::record(file.clone(), id, Some(f.field.to_string()), msg);
            let path = match source::safe_name(&raw_path) {
                Ok(p) => p,
                Err(msg) => {
                    self.problems.push(problem(format!("`{raw_path}`: {msg}")));
                    continue;
                }
            };
            let Some(bundle) = self.bundle else {
                self.problems.push(problem(format!(
                    "`{raw_path}` is a local path, but a CSV import has no media"
                )));
                continue;
            };
            if !bundle.has_file(&path) {
                if self
                    .existing
                    .media
                    .contains_key(&(id.to_string(), raw_path.clone()))
                {
                    // a partial bundle naming a file imported before
                    continue;
                }
                self.problems.push(problem(format!(
                    "`{raw_path}` is not in the bundle; add the file or use an http(s) URL"
                )));
                continue;
            }
            let opts = self.opts;
            let head = self.sniffed.entry(path.clone()).or_insert_with(|| {
                bundle
                    .with_file(
                        &path,
                        &opts.limits,
                        opts.limits.max_media_bytes,
                        opts.cancel,
                        |r| {
                            let mut head = Vec::with_capacity(media::SNIFF_BYTES);
                            r.take(media::SNIFF_BYTES as u64).read_to_end(&mut head)?;
                            Ok(head)
                        },
                    )
                    .map_err(|e| source::read_message(&e))
            });
            match head {
                Err(msg) => self.problems.push(problem(format!("{path}: {msg}"))),
                Ok(head) => match check_magic(f.kind, head) {
                    Ok(mime) => planned.push((path, mime)),
                    Err(msg) => self.problems.push(problem(format!("{path}: {msg}"))),
                },
            }
        }
        planned
    }

    /// Copy the planned files not staged yet into the content store.
    fn stage(
        &mut self,
        tx: &rusqlite::Transaction<'_>,
        planned: Vec<(String, &'static str)>,
    ) -> Result<(), ImportError> {
        for (path, mime) in planned {
            if self.staged.contains_key(&path) {
                continue;
            }
            if self.cancelled() {
                return Err(ImportError::Cancelled);
            }
            let bundle = self.bundle.expect("media only in bundles");
            let (media_dir, opts) = (&self.media_dir, self.opts);
            let res = bundle.with_file(
                &path,
                &opts.limits,
                opts.limits.max_media_bytes,
                opts.cancel,
                |r| {
                    store_media::put_reader(media_dir, r, opts.limits.max_media_bytes).map_err(
                        |e| match e {
                            StoreError::Io { source, .. } => source,
                            other => std::io::Error::other(source::LimitHit(other.to_string())),
                        },
                    )
                },
            );
            match res {
                Ok((hash, size)) => {
                    if self.seen_media.insert(hash.clone()) {
                        let known = tx
                            .prepare_cached("SELECT 1 FROM media WHERE hash = ?1")?
                            .exists([&hash])?;
                        if known {
                            self.summary.media.unchanged += 1;
                        } else {
                            self.summary.media.added += 1;
                            if let Some(p) = store_media::path_for(&self.media_dir, &hash) {
                                self.added_files.push(p);
                            }
                            tx.prepare_cached(
                                "INSERT INTO media (hash, mime, size, added_at) VALUES (?1, ?2, ?3, ?4)",
                            )?
                            .execute(rusqlite::params![hash, mime, size as i64, self.now])?;
                        }
                    }
                    self.staged.insert(path, (hash, size, mime));
                }
                Err(e) => {
                    if self.cancelled() {
                        return Err(ImportError::Cancelled);
                    }
                    self.problems
                        .push(Problem::file(path, source::read_message(&e)));
                }
            }
        }
        Ok(())
    }

    /// An interview whose bytes differ from the stored text but whose
    /// content is the same counts as unchanged (as [`reconcile`] does for
    /// the other records); a stored hash of an older version is fixed.
    fn reconcile_interview(
        &mut self,
        tx: &rusqlite::Transaction<'_>,
        id: &str,
        item: &mut Item<InterviewData>,
        stored_hash: Option<&str>,
    ) -> Result<(), ImportError> {
        let Some(old) = stored_hash else {
            return Ok(());
        };
        let stored_as = (
            "candidates",
            "interview_id",
            "interview_raw",
            "interview_hash",
        );
        if let Some(fix) = same_as_stored(tx, stored_as, id, item, old)? {
            fix.apply(tx)?;
        }
        Ok(())
    }

    /// Upsert one interview id's changed records and rebuild its rows.
    fn write(
        &mut self,
        tx: &rusqlite::Transaction<'_>,
        id: &str,
        cand: Option<&Item<Candidate>>,
        interview: Option<&Item<InterviewData>>,
        ext: Option<&Item<InterviewExtension>>,
        projected: Option<&project::Projected>,
    ) -> Result<(), ImportError> {
        let existing = self.existing;
        let stored = existing.candidates.get(id);
        let summary = &mut self.summary;
        if let Some(i) = interview {
            summary
                .interviews
                .bump(stored.and_then(|s| s.interview_hash.as_deref()), &i.hash);
        }
        if let Some(e) = ext {
            summary
                .extensions
                .bump(stored.and_then(|s| s.ext_hash.as_deref()), &e.hash);
        }
        let changed = |new: Option<&String>, old: Option<&Option<String>>| match (new, old) {
            (None, _) => false,
            (Some(_), None) => true,
            (Some(n), Some(o)) => o.as_deref() != Some(n.as_str()),
        };
        let c_changed = changed(cand.map(|i| &i.hash), stored.map(|s| &s.cand_hash));
        let i_changed = changed(
            interview.map(|i| &i.hash),
            stored.map(|s| &s.interview_hash),
        );
        let e_changed = changed(ext.map(|i| &i.hash), stored.map(|s| &s.ext_hash));
        let staged = &self.staged;
        let resolver = |path: &str| {
            let name = source::safe_name(path).ok()?;
            staged.get(&name).map(|(h, _, _)| h.clone())
        };
        // Same JSON, but a referenced media file now has other bytes.
        let media_changed = || {
            media_fields(cand.map(|i| &i.typed), interview.map(|i| &i.typed))
                .into_iter()
                .any(|f| match media::target(&f.value) {
                    Some(MediaTarget::Local(p)) => {
                        let new = resolver(&p);
                        new.is_some() && existing.media.get(&(id.to_string(), p)) != new.as_ref()
                    }
                    _ => false,
                })
        };
        if stored.is_none() {
            summary.candidates.added += 1;
        } else if c_changed || i_changed || e_changed || media_changed() {
            summary.candidates.updated += 1;
        } else {
            summary.candidates.unchanged += 1;
            return Ok(());
        }
        if let Some(touched) = &mut self.touched {
            touched.insert(id.to_string());
        }
        let posting_id = interview
            .map(|i| i.typed.posting_id.as_str())
            .or(cand.map(|c| c.typed.posting_id.as_str()))
            .or(stored.map(|s| s.posting_id.as_str()))
            .expect("checked: every record has a posting");
        let input = InterviewInput {
            candidate: cand.map(|i| &i.typed),
            candidate_raw: cand.filter(|_| c_changed).map(raw_part),
            interview: interview.map(|i| &i.typed),
            interview_raw: interview.filter(|_| i_changed).map(raw_part),
            extension_raw: ext.filter(|_| e_changed).map(raw_part),
            interview_words: interview.and_then(|i| i.index_words.as_deref()),
            projected,
        };
        project::write_interview(
            tx,
            id,
            input,
            self.infos.get(posting_id),
            &resolver,
            stored.is_none(),
            self.now,
            Some(&mut self.fts),
        )?;
        Ok(())
    }
}

/// A parsed document, the file it came from, and for an interview no
/// stored candidate has, its rows ([`project::Projected`]).
type ParsedDoc = (
    String,
    Result<Document, Vec<Problem>>,
    Option<project::Projected>,
);

/// An interview document the write takes: file, record, projected rows.
type InterviewDoc = (String, Item<InterviewData>, Option<project::Projected>);

/// A document handed back to the parser thread that made it, to be freed
/// there: with the system allocator, memory freed by another thread goes
/// back to the allocating thread's arena under its lock, which the parser
/// holds while it allocates (and the write would wait for it).
type Spent = Vec<InterviewDoc>;

/// Interview documents from the parser threads, handed to the write in
/// their order (the reorder buffer holds the few that finish early).
struct ParsedDocs {
    /// Batches of consecutive documents, with the parser thread that made
    /// them.
    rx: std::sync::mpsc::Receiver<(usize, Vec<(usize, ParsedDoc)>)>,
    /// By document index: the parser thread that made it, and the document.
    pending: BTreeMap<usize, (usize, ParsedDoc)>,
    next: usize,
    /// One per parser thread.
    spent: Vec<std::sync::mpsc::Sender<Spent>>,
    /// Documents done with, per parser thread, sent back a batch at a time.
    done: Vec<Spent>,
}

impl ParsedDocs {
    /// Hand `doc` back to parser `thread` (see [`Spent`]); a parser that has
    /// stopped already leaves it to be freed here.
    fn spend(&mut self, thread: usize, doc: InterviewDoc) {
        let done = &mut self.done[thread];
        done.push(doc);
        if done.len() >= PARSE_BATCH {
            let _ = self.spent[thread].send(std::mem::take(done));
        }
    }

    /// The next document in order; `None` once the parsers stopped early
    /// (cancelled).
    fn next_doc(&mut self) -> Option<(usize, ParsedDoc)> {
        loop {
            if let Some(d) = self.pending.remove(&self.next) {
                self.next += 1;
                return Some(d);
            }
            let (thread, batch) = self.rx.recv().ok()?;
            for (i, doc) in batch {
                self.pending.insert(i, (thread, doc));
            }
        }
    }
}

/// How many parser threads to run beside the write: one core is the
/// write's.
fn parser_threads(docs: usize) -> usize {
    let cores = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1);
    cores.saturating_sub(1).clamp(1, 8).min(docs)
}

/// The write: one `BEGIN IMMEDIATE` transaction, walking the interview ids
/// in order while the interview documents are parsed on other threads.
/// Commits only if no problem was found.
fn write_all(
    conn: &mut rusqlite::Connection,
    w: &mut Writer<'_>,
    docs: InterviewDocs,
    progress: &dyn Fn(ImportProgress),
) -> Result<(), ImportError> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let reproject = if w.writing() {
        w.prelude(&tx)?
    } else {
        Vec::new()
    };
    if !reproject.is_empty() {
        w.touched = Some(HashSet::new());
    }
    let stems: Vec<String> = docs.iter().map(|(n, _)| file_stem(n).to_string()).collect();
    let ids: BTreeSet<&str> =
        w.c.candidates
            .keys()
            .chain(w.c.interview_ext.keys())
            .map(String::as_str)
            .chain(stems.iter().map(String::as_str))
            .collect();
    let total = ids.len() as u64;
    let counter = w.bundle.map(|b| b.counter(&w.opts.limits, w.opts.cancel));
    let (existing, collected, infos) = (w.existing, w.c, w.infos);
    let cancel = w.opts.cancel;
    let stop = AtomicBool::new(false);
    let threads = parser_threads(docs.len());
    let queue = std::sync::Mutex::new(docs.into_iter().enumerate());
    std::thread::scope(|s| -> Result<(), ImportError> {
        let (sender, rx) = std::sync::mpsc::sync_channel(4);
        let mut spent = Vec::with_capacity(threads);
        for thread in 0..threads {
            let sender = sender.clone();
            let (spent_tx, spent_rx) = std::sync::mpsc::channel::<Spent>();
            spent.push(spent_tx);
            let (queue, stop, counter) = (&queue, &stop, counter.as_ref());
            s.spawn(move || {
                let counter = counter.expect("interview documents come from a bundle");
                loop {
                    // free what the write is done with, here (see `Spent`)
                    while spent_rx.try_recv().is_ok() {}
                    if stop.load(Ordering::Relaxed)
                        || cancel.is_some_and(|c| c.load(Ordering::Relaxed))
                    {
                        break;
                    }
                    let batch: Vec<_> = queue
                        .lock()
                        .expect("queue")
                        .by_ref()
                        .take(PARSE_BATCH)
                        .collect();
                    if batch.is_empty() {
                        break;
                    }
                    let parsed = batch
                        .into_iter()
                        .map(|(i, (name, src))| {
                            let (doc, projected) = parse_interview_doc(
                                &name, src, counter, existing, collected, infos,
                            );
                            (i, (name, doc, projected))
                        })
                        .collect();
                    if sender.send((thread, parsed)).is_err() {
                        break;
                    }
                }
            });
        }
        drop(sender);
        let mut parsed = ParsedDocs {
            rx,
            pending: BTreeMap::new(),
            next: 0,
            done: (0..spent.len()).map(|_| Vec::new()).collect(),
            spent,
        };
        let walked = walk(&tx, w, &ids, &stems, &mut parsed, progress);
        stop.store(true, Ordering::Relaxed);
        drop(parsed);
        walked
    })?;

    // Candidates of an updated posting that this import did not touch: their
    // step kinds and scales come from the posting.
    if w.writing() {
        for pid in reproject {
            let info = w.infos.get(&pid).cloned().unwrap_or_default();
            let others: Vec<String> = {
                let mut st =
                    tx.prepare_cached("SELECT interview_id FROM candidates WHERE posting_id = ?1")?;
                let rows = st.query_map([&pid], |r| r.get::<_, String>(0))?;
                rows.collect::<Result<_, _>>()?
            };
            let touched = w.touched.as_ref().expect("tracked while re-projecting");
            for id in others.iter().filter(|id| !touched.contains(id.as_str())) {
                project::write_interview(
                    &tx,
                    id,
                    InterviewInput::default(),
                    Some(&info),
                    &|_| None,
                    false,
                    w.now,
                    Some(&mut w.fts),
                )?;
            }
        }
        w.fts.flush(&tx)?;
    }
    progress(ImportProgress {
        phase: ImportPhase::Writing,
        done: total,
        total,
    });
    if w.cancelled() {
        return Err(ImportError::Cancelled);
    }
    if !w.problems.is_empty() {
        // dropping `tx` rolls back whatever was written
        return Err(ImportError::Invalid {
            problems: std::mem::take(&mut w.problems),
        });
    }
    tx.commit()?;
    Ok(())
}

/// Read and parse one interview document on a parser thread. Its index
/// words are cut only when its text is not the one stored already; the
/// rows of a candidate the workspace does not have yet are projected here
/// too, from the same records and posting the write would use.
fn parse_interview_doc(
    name: &str,
    src: source::JsonSource,
    counter: &source::BundleCounter<'_>,
    existing: &Existing,
    collected: &Collected,
    infos: &HashMap<String, PostingInfo>,
) -> (Result<Document, Vec<Problem>>, Option<project::Projected>) {
    let doc = src
        .into_bytes(counter)
        .map_err(|e| vec![Problem::file(name, source::read_message(&e))])
        .and_then(|bytes| parse::parse_document(name, &bytes));
    let mut doc = match doc {
        Ok(doc) => doc,
        Err(p) => return (Err(p), None),
    };
    let mut projected = None;
    if let Document::Interview(item) = &mut doc {
        let id = &item.typed.interview_id;
        let stored = existing.candidates.get(id);
        if stored.and_then(|s| s.interview_hash.as_deref()) != Some(item.hash.as_str()) {
            item.index_words = Some(
                item.typed
                    .web_interview
                    .as_ref()
                    .map(project::transcript_words)
                    .unwrap_or_default(),
            );
        }
        if stored.is_none() {
            projected = infos.get(&item.typed.posting_id).map(|posting| {
                let cand = collected.candidates.get(id).map(|(_, c)| &c.typed);
                project::Projected::new(id, cand, Some(&item.typed), posting)
            });
        }
    }
    (Ok(doc), projected)
}

/// Every interview id in order: the documents named after it (as they come
/// from the parsers), checked against each other, then its records.
fn walk(
    tx: &rusqlite::Transaction<'_>,
    w: &mut Writer<'_>,
    ids: &BTreeSet<&str>,
    stems: &[String],
    parsed: &mut ParsedDocs,
    progress: &dyn Fn(ImportProgress),
) -> Result<(), ImportError> {
    let total = ids.len() as u64;
    let mut doc = 0;
    for (n, id) in ids.iter().enumerate() {
        if n % 256 == 0 {
            if w.cancelled() {
                return Err(ImportError::Cancelled);
            }
            progress(ImportProgress {
                phase: ImportPhase::Writing,
                done: n as u64,
                total,
            });
        }
        let mut interview: Option<(usize, InterviewDoc)> = None;
        while stems.get(doc).is_some_and(|s| s == id) {
            doc += 1;
            let Some((thread, (file, result, projected))) = parsed.next_doc() else {
                return Err(ImportError::Cancelled);
            };
            match result {
                Err(mut p) => w.problems.append(&mut p),
                Ok(Document::Interview(item)) => {
                    let held = &item.typed.interview_id;
                    if held != id {
                        w.problems.push(Problem::record(
                            &file,
                            held.clone(),
                            Some("interview_id".into()),
                            format!("the file is named after interview `{id}` but holds interview `{held}`; name it interviews/{held}.json"),
                        ));
                        continue;
                    }
                    match &interview {
                        Some((_, (other_file, other, _)))
                            if other.hash != item.hash
                                && !parse::same_content(&other.raw_text, &item.raw_text) =>
                        {
                            w.problems.push(Problem::record(
                                &file,
                                *id,
                                None,
                                format!("interview `{id}` also appears in {other_file} with different content; keep one version"),
                            ));
                        }
                        Some(_) => {}
                        None => interview = Some((thread, (file, item, projected))),
                    }
                }
                // only documents of `interviews/` are streamed
                Ok(_) => {}
            }
        }
        match interview {
            Some((thread, (file, item, projected))) => {
                let mut doc = (file, item);
                w.record(tx, id, Some(&mut doc), projected.as_ref())?;
                parsed.spend(thread, (doc.0, doc.1, projected));
            }
            None => w.record(tx, id, None, None)?,
        }
    }
    Ok(())
}

/// Interview documents a parser thread takes (consecutive) and hands over
/// at a time: one wake-up of the write per batch, not per document.
const PARSE_BATCH: usize = 16;

/// FTS5 pending-terms buffer size set on the workspace's index (bytes).
const FTS_HASHSIZE: i64 = 64 << 20;

fn raw_part<T>(i: &Item<T>) -> RawPart<'_> {
    RawPart {
        text: &i.raw_text,
        hash: &i.hash,
    }
}

impl From<rusqlite::Error> for ImportError {
    fn from(e: rusqlite::Error) -> Self {
        ImportError::Store(StoreError::Sqlite(e))
    }
}

fn import_csv(
    ws: &Workspace,
    path: &Path,
    opts: &ImportOptions<'_>,
    progress: &dyn Fn(ImportProgress),
) -> Result<ImportSummary, ImportError> {
    let file_label = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string());
    progress(ImportProgress {
        phase: ImportPhase::Reading,
        done: 0,
        total: 1,
    });
    let file = std::fs::File::open(path).map_err(|source| ImportError::Unreadable {
        path: path.to_path_buf(),
        source,
    })?;
    let mut bytes = Vec::new();
    file.take(opts.limits.max_json_bytes + 1)
        .read_to_end(&mut bytes)
        .map_err(|source| ImportError::Unreadable {
            path: path.to_path_buf(),
            source,
        })?;
    if bytes.len() as u64 > opts.limits.max_json_bytes {
        return Err(ImportError::Invalid {
            problems: vec![Problem::file(
                file_label,
                format!(
                    "larger than the {} limit for a CSV file; split it",
                    source::human(opts.limits.max_json_bytes)
                ),
            )],
        });
    }
    progress(ImportProgress {
        phase: ImportPhase::Parsing,
        done: 0,
        total: 1,
    });
    let rows = csv::parse_csv_named(&file_label, &bytes)
        .map_err(|problems| ImportError::Invalid { problems })?;
    let postings: Vec<String> = {
        let conn = ws.reader();
        let mut st = conn.prepare("SELECT id FROM postings ORDER BY id")?;
        let ids = st.query_map([], |r| r.get::<_, String>(0))?;
        ids.collect::<Result<_, _>>()?
    };
    let mut problems = Vec::new();
    let mut collected = Collected::default();
    for row in &rows {
        let record = format!("row {}", row.line);
        let pid = match (&row.posting_id, postings.as_slice()) {
            (Some(p), _) => p.clone(),
            (None, [only]) => only.clone(),
            (None, all) => {
                problems.push(Problem::record(
                    &file_label,
                    record,
                    Some("posting_id".into()),
                    format!(
                        "no posting_id, and the workspace has {} interviewers; add a posting_id column",
                        all.len()
                    ),
                ));
                continue;
            }
        };
        if !postings.contains(&pid) {
            problems.push(Problem::record(
                &file_label,
                record,
                Some("posting_id".into()),
                format!("posting `{pid}` is not in the workspace; import its bundle first"),
            ));
            continue;
        }
        let obj = row.to_candidate_json(&pid);
        match parse::typed::<Candidate>(&file_label, obj, row.line as usize, "interview_id") {
            Ok(item) => {
                let id = item.typed.interview_id.clone();
                match collected.candidates.get(&id) {
                    Some((_, other))
                        if other.hash != item.hash
                            && !parse::same_content(&other.raw_text, &item.raw_text) =>
                    {
                        problems.push(Problem::record(
                        &file_label,
                        record,
                        Some("interview_id".into()),
                        format!(
                            "interview `{id}` appears on row {} with different values; keep one row per candidate",
                            other.index
                        ),
                    ))
                    }
                    Some(_) => {}
                    None => {
                        collected.candidates.insert(id, (file_label.clone(), item));
                    }
                }
            }
            Err(mut p) => problems.append(&mut p),
        }
    }
    run(ws, collected, Vec::new(), None, problems, opts, progress)
}
