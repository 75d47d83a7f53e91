//! The full-text index (`fts`): the words of a candidate's name, e-mail,
//! tags and transcript, written in batches.
//!
//! Search index (`fts`, FTS5, schema v4): contentless (`content=''`,
//! `contentless_delete=1`), `detail=none`, `prefix='2'`, columns name, email,
//! tags, transcript; its rowid is the candidate's rowid (join on rowid; there
//! is no id column). It stores no text: snippets are cut in Rust from the
//! page rows' raw JSON. `detail=none` allows only what `review::fts_query`
//! emits — AND-ed single-token prefix terms; phrase, NEAR and column-filter
//! queries are rejected by SQLite, so the query builder (NFC first) splits
//! input at every character the `unicode61` tokenizer treats as a separator:
//! only letters and numbers stay in a term. Because the index records only
//! which rows hold a term, a transcript is indexed as its distinct words
//! (`project::index_words`, cut on the importer's parse threads): the text is
//! cut only at ASCII bytes the tokenizer also cuts at, ASCII letters are
//! lowered as it folds them, everything else is left for it, so the index
//! holds exactly the terms the full text gives (a test compares the two term
//! sets through `fts5vocab` on 300 generated texts of mixed scripts, marks
//! and separators). FTS5 flushes its pending terms to a new segment whenever
//! a statement opens a statement journal, so a bulk write passes index rows
//! through `project::FtsBatch`: written at once while every row is a new
//! candidate (single-row INSERTs open no journal: the same segments as
//! holding them), held and written together from the first row that replaces
//! an older version (its upsert and deletes would open one). The list of one
//! interviewer reads the covering index `candidates_list`, never the wide
//! candidate rows, except for the page.

use rusqlite::{params, Connection};

use crate::error::StoreResult;

/// Full-text rows of a bulk write: written at once while every row is new,
/// held and written together from the first row that replaces an older
/// version (see [`write_interview`]).
#[derive(Debug, Default)]
pub struct FtsBatch {
    pub(crate) rows: Vec<FtsRow>,
    pub(crate) text_bytes: usize,
    /// A row replacing an older one was seen: hold rows from now on.
    pub(crate) hold: bool,
}

#[derive(Debug)]
pub(crate) struct FtsRow {
    pub(crate) rowid: i64,
    /// The rowid may hold an older version to delete first.
    pub(crate) replace: bool,
    pub(crate) name: String,
    pub(crate) email: String,
    pub(crate) tags: String,
    pub(crate) transcript: String,
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
pub(crate) fn kept(b: u8) -> bool {
    !b.is_ascii() || b.is_ascii_alphanumeric()
}

/// [`index_words`] of an interview's transcript lines: what its full-text
/// row's `transcript` column holds. One place for the parse threads and the
/// write path, so they cannot index different text.
pub fn transcript_words(web: &crate::model::WebInterviewResult) -> String {
    index_words(web.transcript.iter().map(|l| l.text.as_str()))
}

/// Text held by an [`FtsBatch`] before it writes itself out.
pub(crate) const FTS_BATCH_BYTES: usize = 32 << 20;

impl FtsBatch {
    pub(crate) fn push(&mut self, conn: &Connection, row: FtsRow) -> StoreResult<()> {
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

pub(crate) fn write_fts(conn: &Connection, row: &FtsRow) -> StoreResult<()> {
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
