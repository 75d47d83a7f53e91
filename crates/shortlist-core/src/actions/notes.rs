//! Notes pinned to a moment of a recording (F21). Reviewer data.

use rusqlite::params;

use super::{begin, candidate_ref, ActionError, ActionResult};
use crate::audit;
use crate::store::{now, Workspace};

pub const MAX_NOTE_CHARS: usize = 10_000;

/// A note is the review read model's [`Note`] (one shape for the profile,
/// these actions and the report).
pub use crate::review::Note;

pub fn add_note(
    ws: &Workspace,
    interview_id: &str,
    at_seconds: Option<f64>,
    text: &str,
) -> ActionResult<Note> {
    if let Some(at) = at_seconds {
        if !at.is_finite() || at < 0.0 {
            return Err(ActionError::Invalid(format!(
                "note time `{at}` is not a number of seconds ≥ 0"
            )));
        }
    }
    let text = text.trim();
    if text.is_empty() {
        return Err(ActionError::Invalid("note text is empty".into()));
    }
    if text.chars().count() > MAX_NOTE_CHARS {
        return Err(ActionError::Invalid(format!(
            "note is longer than {MAX_NOTE_CHARS} characters"
        )));
    }
    let author = ws.reviewer();
    let mut conn = ws.writer();
    let tx = begin(&mut conn)?;
    candidate_ref(&tx, interview_id)?;
    let at = now();
    tx.execute(
        "INSERT INTO notes (interview_id, at_seconds, text, author, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![interview_id, at_seconds, text, author, at],
    )?;
    let id = tx.last_insert_rowid();
    audit::append(&tx, "note.add", Some(&format!("note:{id}:{interview_id}")))?;
    tx.commit()?;
    Ok(Note {
        id,
        interview_id: interview_id.to_string(),
        at_seconds,
        text: text.to_string(),
        author,
        created_at: at,
    })
}

/// A candidate's notes: pinned ones by time, then unpinned by creation.
pub fn list_notes(ws: &Workspace, interview_id: &str) -> ActionResult<Vec<Note>> {
    let conn = ws.reader();
    let mut stmt = conn.prepare(
        "SELECT id, interview_id, at_seconds, text, author, created_at FROM notes
         WHERE interview_id = ?1
         ORDER BY at_seconds IS NULL, at_seconds, created_at, id",
    )?;
    let rows = stmt.query_map([interview_id], |r| {
        Ok(Note {
            id: r.get(0)?,
            interview_id: r.get(1)?,
            at_seconds: r.get(2)?,
            text: r.get(3)?,
            author: r.get(4)?,
            created_at: r.get(5)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

pub fn delete_note(ws: &Workspace, note_id: i64) -> ActionResult<()> {
    let mut conn = ws.writer();
    let tx = begin(&mut conn)?;
    let interview_id: Option<String> = rusqlite::OptionalExtension::optional(tx.query_row(
        "SELECT interview_id FROM notes WHERE id = ?1",
        [note_id],
        |r| r.get(0),
    ))?;
    let interview_id = interview_id.ok_or(ActionError::NoSuchNote(note_id))?;
    tx.execute("DELETE FROM notes WHERE id = ?1", [note_id])?;
    audit::append(
        &tx,
        "note.delete",
        Some(&format!("note:{note_id}:{interview_id}")),
    )?;
    tx.commit()?;
    Ok(())
}
