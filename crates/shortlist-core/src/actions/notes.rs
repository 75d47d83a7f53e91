//! Notes pinned to a moment of a recording (F21). Reviewer data.

use rusqlite::{params, Connection, OptionalExtension};
use serde_json::json;
use shortlist_team::EventKind;
use uuid::Uuid;

use super::{begin, candidate_ref, team_log, ActionError, ActionResult};
use crate::audit;
use crate::review::panel::note_conflicts;
use crate::store::{now, Workspace};

pub const MAX_NOTE_CHARS: usize = 10_000;

/// A note is the review read model's [`Note`] (one shape for the profile,
/// these actions and the report).
pub use crate::review::Note;

fn clean_text(text: &str) -> ActionResult<&str> {
    let text = text.trim();
    if text.is_empty() {
        return Err(ActionError::Invalid("note text is empty".into()));
    }
    if text.chars().count() > MAX_NOTE_CHARS {
        return Err(ActionError::Invalid(format!(
            "note is longer than {MAX_NOTE_CHARS} characters"
        )));
    }
    Ok(text)
}

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
    let text = clean_text(text)?;
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
    share_new(&tx, id, interview_id, at_seconds, text)?;
    tx.commit()?;
    Ok(Note {
        id,
        interview_id: interview_id.to_string(),
        at_seconds,
        text: text.to_string(),
        author,
        created_at: at,
        updated_at: None,
        conflict: Vec::new(),
    })
}

/// Records a `note_added` event for note `id` (team configured) and keys
/// the note by it.
fn share_new(
    conn: &Connection,
    id: i64,
    interview_id: &str,
    at_seconds: Option<f64>,
    text: &str,
) -> ActionResult<()> {
    let event = team_log::record(
        conn,
        EventKind::NoteAdded,
        interview_id,
        json!({ "at_seconds": at_seconds, "text": text }),
        None,
    )?;
    if let Some(e) = event {
        conn.execute(
            "UPDATE notes SET uid = ?2, version = ?2 WHERE id = ?1",
            params![id, e.to_string()],
        )?;
    }
    Ok(())
}

/// The team keys of a note: (uid, version shown).
fn note_keys(
    conn: &Connection,
    note_id: i64,
) -> ActionResult<(String, Option<String>, Option<String>)> {
    conn.query_row(
        "SELECT interview_id, uid, version FROM notes WHERE id = ?1",
        [note_id],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )
    .optional()?
    .ok_or(ActionError::NoSuchNote(note_id))
}

fn parse_uuid(s: &str) -> Option<Uuid> {
    Uuid::parse_str(s).ok()
}

/// Edit a note's text. With a team, the edit names the version shown here
/// as its parent: an edit made on another device from the same version is
/// a conflict, and both versions survive ([`Note::conflict`]); editing
/// again resolves it.
pub fn edit_note(ws: &Workspace, note_id: i64, text: &str) -> ActionResult<Note> {
    let text = clean_text(text)?;
    let mut conn = ws.writer();
    let tx = begin(&mut conn)?;
    let (interview_id, uid, version) = note_keys(&tx, note_id)?;
    let at = now();
    tx.execute(
        "UPDATE notes SET text = ?2, updated_at = ?3 WHERE id = ?1",
        params![note_id, text, at],
    )?;
    audit::append(
        &tx,
        "note.edit",
        Some(&format!("note:{note_id}:{interview_id}")),
    )?;
    match uid {
        Some(uid) => {
            let parent = version.as_deref().and_then(parse_uuid);
            if let Some(e) = team_log::record(
                &tx,
                EventKind::NoteEdited,
                &interview_id,
                json!({ "note": uid, "text": text }),
                parent,
            )? {
                tx.execute(
                    "UPDATE notes SET version = ?2 WHERE id = ?1",
                    params![note_id, e.to_string()],
                )?;
            }
        }
        None => {
            // Written before the team was set up: the others never had it.
            let at_seconds: Option<f64> = tx.query_row(
                "SELECT at_seconds FROM notes WHERE id = ?1",
                [note_id],
                |r| r.get(0),
            )?;
            share_new(&tx, note_id, &interview_id, at_seconds, text)?;
        }
    }
    let note = read_note(&tx, note_id)?;
    tx.commit()?;
    Ok(note)
}

fn read_note(conn: &Connection, note_id: i64) -> ActionResult<Note> {
    let (mut note, uid) = conn
        .query_row(
            "SELECT id, interview_id, at_seconds, text, author, created_at, updated_at, uid FROM notes WHERE id = ?1",
            [note_id],
            |r| Ok((row_note(r)?, r.get::<_, Option<String>>(7)?)),
        )
        .optional()?
        .ok_or(ActionError::NoSuchNote(note_id))?;
    if let Some(uid) = uid {
        note.conflict = note_conflicts(conn, &note.interview_id)?
            .remove(&uid)
            .unwrap_or_default();
    }
    Ok(note)
}

fn row_note(r: &rusqlite::Row<'_>) -> rusqlite::Result<Note> {
    Ok(Note {
        id: r.get(0)?,
        interview_id: r.get(1)?,
        at_seconds: r.get(2)?,
        text: r.get(3)?,
        author: r.get(4)?,
        created_at: r.get(5)?,
        updated_at: r.get(6)?,
        conflict: Vec::new(),
    })
}

/// Applies a pulled `note_added` (idempotent by uid).
pub(crate) fn apply_added(
    conn: &Connection,
    event_id: &str,
    interview_id: &str,
    author: &str,
    at_seconds: Option<f64>,
    text: &str,
    created_at: f64,
) -> ActionResult<()> {
    conn.execute(
        "INSERT INTO notes (interview_id, at_seconds, text, author, created_at, uid, version)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)
         ON CONFLICT (uid) WHERE uid IS NOT NULL DO NOTHING",
        params![interview_id, at_seconds, text, author, created_at, event_id],
    )?;
    Ok(())
}

/// Applies a pulled edit or deletion of note `uid`. It replaces the version
/// shown when it edits that version, or when it competes with it (same
/// parent) and is the later one (UUIDv7 order), so every device shows the
/// same winner; the loser stays in the log and shows as a conflict.
/// `text: None` deletes.
pub(crate) fn apply_edit(
    conn: &Connection,
    uid: &str,
    event_id: &str,
    parent: Option<&str>,
    text: Option<&str>,
    at: f64,
) -> ActionResult<()> {
    let row: Option<(i64, Option<String>)> = conn
        .query_row("SELECT id, version FROM notes WHERE uid = ?1", [uid], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .optional()?;
    let Some((id, version)) = row else {
        // Deleted here (or a deletion won): nothing to edit.
        return Ok(());
    };
    let shown_parent: Option<String> = match &version {
        Some(v) => conn
            .query_row("SELECT parent FROM team_events WHERE id = ?1", [v], |r| {
                r.get(0)
            })
            .optional()?
            .flatten(),
        None => None,
    };
    let wins = parent.is_some() && parent == version.as_deref()
        || (parent.is_some()
            && parent == shown_parent.as_deref()
            && version.as_deref().is_some_and(|v| event_id > v));
    if !wins {
        return Ok(());
    }
    match text {
        Some(t) => {
            conn.execute(
                "UPDATE notes SET text = ?2, version = ?3, updated_at = ?4 WHERE id = ?1",
                params![id, t, event_id, at],
            )?;
        }
        None => {
            conn.execute("DELETE FROM notes WHERE id = ?1", [id])?;
        }
    }
    Ok(())
}

/// A candidate's notes: pinned ones by time, then unpinned by creation.
pub fn list_notes(ws: &Workspace, interview_id: &str) -> ActionResult<Vec<Note>> {
    let conn = ws.reader();
    let mut stmt = conn.prepare(
        "SELECT id, interview_id, at_seconds, text, author, created_at, updated_at, uid FROM notes
         WHERE interview_id = ?1
         ORDER BY at_seconds IS NULL, at_seconds, created_at, id",
    )?;
    let rows = stmt
        .query_map([interview_id], |r| {
            Ok((row_note(r)?, r.get::<_, Option<String>>(7)?))
        })?
        .collect::<Result<Vec<_>, _>>()?;
    let mut conflicts = note_conflicts(&conn, interview_id)?;
    Ok(rows
        .into_iter()
        .map(|(mut n, uid)| {
            if let Some(v) = uid.and_then(|u| conflicts.remove(&u)) {
                n.conflict = v;
            }
            n
        })
        .collect())
}

pub fn delete_note(ws: &Workspace, note_id: i64) -> ActionResult<()> {
    let mut conn = ws.writer();
    let tx = begin(&mut conn)?;
    let (interview_id, uid, version) = note_keys(&tx, note_id)?;
    tx.execute("DELETE FROM notes WHERE id = ?1", [note_id])?;
    if let Some(uid) = uid {
        team_log::record(
            &tx,
            EventKind::NoteDeleted,
            &interview_id,
            json!({ "note": uid }),
            version.as_deref().and_then(parse_uuid),
        )?;
    }
    audit::append(
        &tx,
        "note.delete",
        Some(&format!("note:{note_id}:{interview_id}")),
    )?;
    tx.commit()?;
    Ok(())
}
