//! Parsing a bundle's lists (postings, candidate pages, extensions) on all
//! cores, and collecting their records by id with every problem.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, Ordering};

use super::error::{ImportError, Problem};
use super::parse;
use super::parse::{Document, Item};
use super::source::{self};

use super::types::{ImportPhase, ImportProgress};
use crate::ext::{InterviewExtension, PostingExtension};
use crate::model::{Candidate, Posting};

/// Parse documents on all cores; results in input order.
#[allow(clippy::type_complexity)]
pub(crate) fn parse_all(
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
pub(crate) type ById<T> = BTreeMap<String, (String, Box<Item<T>>)>;

/// Everything a source contributed, deduplicated by id.
#[derive(Default)]
pub(crate) struct Collected {
    pub(crate) postings: ById<Posting>,
    pub(crate) candidates: ById<Candidate>,
    pub(crate) interview_ext: ById<InterviewExtension>,
    pub(crate) posting_ext: ById<PostingExtension>,
}

pub(crate) fn file_stem(name: &str) -> &str {
    let base = name.rsplit('/').next().unwrap_or(name);
    base.strip_suffix(".json")
        .or_else(|| base.strip_suffix(".JSON"))
        .unwrap_or(base)
}

/// Insert `item` unless an item with the same id is there: identical content
/// is merged silently, different content is a problem naming both files.
pub(crate) fn insert_unique<T>(
    map: &mut ById<T>,
    id: String,
    file: &str,
    item: Box<Item<T>>,
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
    pub(crate) fn add(&mut self, file: &str, doc: Document, problems: &mut Vec<Problem>) {
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
                insert_unique(
                    &mut self.postings,
                    id,
                    file,
                    Box::new(item),
                    "posting",
                    problems,
                );
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
                    Box::new(item),
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
                    Box::new(item),
                    "posting extension",
                    problems,
                );
            }
            Document::Ignored => {}
        }
    }
}

/// Interview documents (`interviews/…`), sorted by file stem (the interview
/// id they must hold): read and parsed on worker threads while the write
/// runs ([`write_all`]).
pub(crate) type InterviewDocs = Vec<(String, source::JsonSource)>;
