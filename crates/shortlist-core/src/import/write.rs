//! The write of one import: checks and upserts record by record inside
//! the import's transaction ([`Writer`]).

use std::collections::{BTreeSet, HashMap, HashSet};
use std::io::Read;
use std::path::PathBuf;
use std::sync::atomic::Ordering;

use rusqlite::OptionalExtension;

use super::error::{ImportError, Problem};
use super::media;
use super::media::check_magic;
use super::parse::{Document, Item};
use super::source::{self};
use crate::model::media::{media_fields, MediaTarget};

use super::collect::Collected;
use super::existing::{same_as_stored, Existing};
use super::types::{ImportOptions, ImportSummary};
use crate::error::StoreError;
use crate::ext::InterviewExtension;
use crate::model::{Candidate, InterviewData};
use crate::project::{self, InterviewInput, PostingInfo, RawPart};
use crate::store::media as store_media;

/// The state of an import's write: what was checked, staged and written so
/// far. Records are written only while no problem has been found; after
/// the first one the rest are still checked (every problem is reported),
/// and the transaction is rolled back.
pub(crate) struct Writer<'a> {
    pub(crate) c: &'a Collected,
    pub(crate) existing: &'a Existing,
    pub(crate) bundle: Option<&'a source::Bundle>,
    pub(crate) opts: &'a ImportOptions<'a>,
    pub(crate) media_dir: PathBuf,
    /// The workspace key of an encrypted workspace: media are written encrypted.
    pub(crate) key: Option<&'a shortlist_crypt::WorkspaceKey>,
    pub(crate) now: f64,
    pub(crate) problems: Vec<Problem>,
    pub(crate) summary: ImportSummary,
    /// Bundle path → (content hash, size, MIME type) of staged media.
    pub(crate) staged: HashMap<String, (String, u64, &'static str)>,
    /// Bundle path → the file's first bytes (or why they could not be read).
    pub(crate) sniffed: HashMap<String, Result<Vec<u8>, String>>,
    /// Content hashes counted in `summary.media`.
    pub(crate) seen_media: HashSet<String>,
    /// Files this import added to the content store (removed on failure).
    pub(crate) added_files: Vec<PathBuf>,
    /// Every posting of the bundle and the workspace.
    pub(crate) infos: &'a HashMap<String, PostingInfo>,
    /// Interview ids written (a re-projection of their posting skips them).
    /// `None` when no posting is re-projected.
    pub(crate) touched: Option<HashSet<String>>,
    /// Full-text rows are written after the other tables (see FtsBatch).
    pub(crate) fts: project::FtsBatch,
}

impl Writer<'_> {
    pub(crate) fn writing(&self) -> bool {
        self.problems.is_empty()
    }

    pub(crate) fn cancelled(&self) -> bool {
        self.opts.cancel.is_some_and(|c| c.load(Ordering::Relaxed))
    }

    /// Everything before the records: stored hashes to fix, the index's
    /// buffer size, postings.
    pub(crate) fn prelude(
        &mut self,
        tx: &rusqlite::Transaction<'_>,
    ) -> Result<Vec<String>, ImportError> {
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
    pub(crate) fn record(
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
            cand.map(|(_, i)| &**i),
            interview.map(|(_, i)| &*i),
            ext.map(|(_, i)| &**i),
            projected,
        )
    }

    /// Check the local media files `id`'s records name (in the bundle, safe
    /// names, bytes of an allowed type); returns those to stage with their
    /// MIME types. Problems are recorded.
    pub(crate) fn plan_media(
        &mut self,
        id: &str,
        cand: Option<&(String, Box<Item<Candidate>>)>,
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
            let Some(MediaTarget::Local(raw_path)) = crate::model::media::target(&f.value) else {
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
    pub(crate) fn stage(
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
            let (media_dir, opts, key) = (&self.media_dir, self.opts, self.key);
            let res = bundle.with_file(
                &path,
                &opts.limits,
                opts.limits.max_media_bytes,
                opts.cancel,
                |r| {
                    store_media::put_reader_keyed(media_dir, r, opts.limits.max_media_bytes, key)
                        .map_err(|e| match e {
                            StoreError::Io { source, .. } => source,
                            other => std::io::Error::other(source::LimitHit(other.to_string())),
                        })
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
    pub(crate) fn reconcile_interview(
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
    pub(crate) fn write(
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
                .any(|f| match crate::model::media::target(&f.value) {
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
pub(crate) type ParsedDoc = (
    String,
    Result<Document, Vec<Problem>>,
    Option<project::Projected>,
);

/// An interview document the write takes: file, record, projected rows.
pub(crate) type InterviewDoc = (String, Item<InterviewData>, Option<project::Projected>);

/// A document handed back to the parser thread that made it, to be freed
/// there: with the system allocator, memory freed by another thread goes
/// back to the allocating thread's arena under its lock, which the parser
/// holds while it allocates (and the write would wait for it).
pub(crate) type Spent = Vec<InterviewDoc>;

/// FTS5 pending-terms buffer size set on the workspace's index (bytes).
pub(crate) const FTS_HASHSIZE: i64 = 64 << 20;

pub(crate) fn raw_part<T>(i: &Item<T>) -> RawPart<'_> {
    RawPart {
        text: &i.raw_text,
        hash: &i.hash,
    }
}
