//! What the workspace already holds, and which records of a bundle are
//! unchanged (same hash, or same content under another hash).

use std::collections::HashMap;

use rusqlite::OptionalExtension;

use super::parse;
use super::parse::Item;

use super::collect::{ById, Collected};
use crate::error::StoreError;
use crate::store::Workspace;

/// Hashes of what the workspace already holds.
pub(crate) struct Existing {
    pub(crate) postings: HashMap<String, (String, Option<String>)>,
    /// interview_id → (posting_id, cand_hash, interview_hash, ext_hash)
    pub(crate) candidates: HashMap<String, ExistingCandidate>,
    /// (interview_id, bundle path) → hash of media already in the content store.
    pub(crate) media: HashMap<(String, String), String>,
    /// Stored hashes to update (from [`reconcile`]).
    pub(crate) hash_fixes: Vec<HashFix>,
}

pub(crate) struct ExistingCandidate {
    pub(crate) posting_id: String,
    pub(crate) cand_hash: Option<String>,
    pub(crate) interview_hash: Option<String>,
    pub(crate) ext_hash: Option<String>,
}

pub(crate) fn load_existing(ws: &Workspace) -> Result<Existing, StoreError> {
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
    drop(st);
    // The scans above filled the read connection's page cache (up to its
    // 64 MiB) with pages of the candidates table the import never reads
    // again: give that memory back before the write needs its own.
    conn.execute_batch("PRAGMA shrink_memory")?;
    Ok(Existing {
        postings,
        candidates,
        media,
        hash_fixes: Vec::new(),
    })
}

/// A stored hash to bring up to date: the content hash of the stored text
/// (which an older version hashed differently).
pub(crate) struct HashFix {
    pub(crate) table: &'static str,
    pub(crate) key: &'static str,
    pub(crate) column: &'static str,
    pub(crate) id: String,
    pub(crate) hash: String,
}

impl HashFix {
    pub(crate) fn apply(&self, tx: &rusqlite::Transaction<'_>) -> rusqlite::Result<()> {
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
pub(crate) type StoredAs = (&'static str, &'static str, &'static str, &'static str);

/// For a record whose hash is not the stored one (`old`): when its content
/// is the stored text's all the same (keys in another order, or a hash an
/// older version wrote), it counts as unchanged — its hash becomes `old` —
/// and, if `old` is not the stored text's own content hash, the fix for it
/// is returned.
pub(crate) fn same_as_stored<T>(
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
/// not the content hash of their own text, to fix in the write. The text of
/// a record found unchanged is dropped (`raw_text` left empty): nothing
/// reads it after this.
pub(crate) fn reconcile(
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
                if item.hash == old {
                    // Unchanged: its text is never written, so it need not
                    // stay in memory through the write (at 100,000
                    // candidates this is ~100 MB of an unchanged re-import).
                    item.raw_text = String::new();
                }
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
