//! One import's write: load what exists, reconcile, then write every
//! record in one transaction (rolled back on any problem).

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;
use std::sync::atomic::Ordering;

use super::error::{ImportError, Problem};
use super::source::{self};

use super::collect::{Collected, InterviewDocs};
use super::existing::{load_existing, reconcile};
use super::stream::write_all;
use super::types::{ImportOptions, ImportPhase, ImportProgress, ImportSummary};
use super::write::Writer;
use crate::project::{self, PostingInfo};
use crate::store::Workspace;

/// Validate, stage media and write. `bundle` is `None` for CSV imports,
/// which have no interview documents.
pub(crate) fn run(
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
        key: ws.key(),
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
