//! Interview documents parsed on parser threads while the write walks the
//! ids in order ([`write_all`]).

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::sync::atomic::{AtomicBool, Ordering};

use rusqlite::TransactionBehavior;

use super::error::{ImportError, Problem};
use super::parse;
use super::parse::Document;
use super::source::{self};

use super::collect::{file_stem, Collected, InterviewDocs};
use super::existing::Existing;
use super::types::{ImportPhase, ImportProgress};
use super::write::{InterviewDoc, ParsedDoc, Spent, Writer};
use crate::project::{self, InterviewInput, PostingInfo};

/// Interview documents from the parser threads, handed to the write in
/// their order (the reorder buffer holds the few that finish early).
pub(crate) struct ParsedDocs {
    /// Batches of consecutive documents, with the parser thread that made
    /// them.
    pub(crate) rx: std::sync::mpsc::Receiver<(usize, Vec<(usize, ParsedDoc)>)>,
    /// By document index: the parser thread that made it, and the document.
    pub(crate) pending: BTreeMap<usize, (usize, ParsedDoc)>,
    pub(crate) next: usize,
    /// One per parser thread.
    pub(crate) spent: Vec<std::sync::mpsc::Sender<Spent>>,
    /// Documents done with, per parser thread, sent back a batch at a time.
    pub(crate) done: Vec<Spent>,
}

impl ParsedDocs {
    /// Hand `doc` back to parser `thread` (see [`Spent`]); a parser that has
    /// stopped already leaves it to be freed here.
    pub(crate) fn spend(&mut self, thread: usize, doc: InterviewDoc) {
        let done = &mut self.done[thread];
        done.push(doc);
        if done.len() >= PARSE_BATCH {
            let _ = self.spent[thread].send(std::mem::take(done));
        }
    }

    /// The next document in order; `None` once the parsers stopped early
    /// (cancelled).
    pub(crate) fn next_doc(&mut self) -> Option<(usize, ParsedDoc)> {
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
pub(crate) fn parser_threads(docs: usize) -> usize {
    let cores = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1);
    cores.saturating_sub(1).clamp(1, 8).min(docs)
}

/// The write: one `BEGIN IMMEDIATE` transaction, walking the interview ids
/// in order while the interview documents are parsed on other threads.
/// Commits only if no problem was found.
pub(crate) fn write_all(
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
    if !w.summary.is_noop() {
        // F51: imports are audited, with counts only (no ids, no names).
        let s = &w.summary;
        let entity = format!(
            "postings:+{}~{} candidates:+{}~{} interviews:+{}~{} extensions:+{}~{} media:+{}",
            s.postings.added,
            s.postings.updated,
            s.candidates.added,
            s.candidates.updated,
            s.interviews.added,
            s.interviews.updated,
            s.extensions.added,
            s.extensions.updated,
            s.media.added
        );
        crate::audit::append(&tx, "import", Some(&entity))?;
        // The list cache's generations (schema v8): the import is the one
        // writer that inserts candidates, steps and tags, and does it here,
        // once, instead of a trigger per inserted row (schema v10).
        tx.execute(
            "UPDATE list_state SET generation = generation + 1, sets_generation = sets_generation + 1 WHERE id = 1",
            [],
        )?;
    }
    tx.commit()?;
    Ok(())
}

/// Read and parse one interview document on a parser thread. Its index
/// words are cut only when its text is not the one stored already; the
/// rows of a candidate the workspace does not have yet are projected here
/// too, from the same records and posting the write would use.
pub(crate) fn parse_interview_doc(
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
pub(crate) fn walk(
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
pub(crate) const PARSE_BATCH: usize = 16;
