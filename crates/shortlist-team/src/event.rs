//! The event: one reviewer action, the unit that is recorded locally,
//! pushed to the shared log and pulled by the other panel members.

use chrono::{DateTime, SubsecRound, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// What a reviewer did. Stored as its snake_case name, locally and on the
/// server (where a `CHECK` constraint lists the same names).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EventKind {
    EvaluationSaved,
    EvaluationSubmitted,
    Decision,
    NoteAdded,
    NoteEdited,
    NoteDeleted,
    CohortAdded,
    CohortRemoved,
    /// Erasure (F52) of one interview's personal data. Its payload must not
    /// carry personal data: the id of the interview is all other devices need.
    ErasureTombstone,
}

impl EventKind {
    /// Every kind, in declaration order (the server's `CHECK` list).
    pub const ALL: [EventKind; 9] = [
        EventKind::EvaluationSaved,
        EventKind::EvaluationSubmitted,
        EventKind::Decision,
        EventKind::NoteAdded,
        EventKind::NoteEdited,
        EventKind::NoteDeleted,
        EventKind::CohortAdded,
        EventKind::CohortRemoved,
        EventKind::ErasureTombstone,
    ];

    /// The stored name (`"note_edited"`), the same as its serde form.
    pub fn as_str(self) -> &'static str {
        match self {
            EventKind::EvaluationSaved => "evaluation_saved",
            EventKind::EvaluationSubmitted => "evaluation_submitted",
            EventKind::Decision => "decision",
            EventKind::NoteAdded => "note_added",
            EventKind::NoteEdited => "note_edited",
            EventKind::NoteDeleted => "note_deleted",
            EventKind::CohortAdded => "cohort_added",
            EventKind::CohortRemoved => "cohort_removed",
            EventKind::ErasureTombstone => "erasure_tombstone",
        }
    }

    /// The kind stored under `name`, if this version knows it.
    pub fn parse(name: &str) -> Option<EventKind> {
        EventKind::ALL.into_iter().find(|k| k.as_str() == name)
    }
}

impl std::fmt::Display for EventKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One reviewer action. `created_at` is RFC 3339 in serde form and is kept
/// to whole microseconds, PostgreSQL's `timestamptz` precision, so an event
/// reads back from the server equal to what was pushed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    /// UUIDv7: unique across devices and roughly time-ordered.
    pub id: Uuid,
    /// Who: the reviewer's login on the shared server (their PostgreSQL
    /// role name, typically the e-mail address). The server refuses an
    /// event whose reviewer is not the connecting login.
    pub reviewer: String,
    /// Which of the reviewer's devices recorded it.
    pub device: String,
    pub kind: EventKind,
    /// HeyMilo interview id; the interview itself never leaves the laptop.
    pub interview_id: String,
    pub created_at: DateTime<Utc>,
    pub payload: serde_json::Value,
    /// The event this one edits or replaces (for `note_edited` /
    /// `note_deleted`: the note's `note_added` or its latest edit seen by
    /// the editing device). Two events with one parent from two devices are
    /// a conflict; both are kept.
    #[serde(default, alias = "supersedes", skip_serializing_if = "Option::is_none")]
    pub parent: Option<Uuid>,
}

impl Event {
    /// A new event with a fresh UUIDv7 id, stamped now.
    pub fn new(
        reviewer: impl Into<String>,
        device: impl Into<String>,
        kind: EventKind,
        interview_id: impl Into<String>,
        payload: serde_json::Value,
    ) -> Event {
        Event {
            id: Uuid::now_v7(),
            reviewer: reviewer.into(),
            device: device.into(),
            kind,
            interview_id: interview_id.into(),
            created_at: Utc::now().trunc_subsecs(6),
            payload,
            parent: None,
        }
    }

    /// The same event, recorded as an edit of `parent`.
    pub fn with_parent(mut self, parent: Uuid) -> Event {
        self.parent = Some(parent);
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kind_names_match_serde() {
        for k in EventKind::ALL {
            let json = serde_json::to_string(&k).unwrap();
            assert_eq!(json, format!("\"{}\"", k.as_str()));
            assert_eq!(EventKind::parse(k.as_str()), Some(k));
        }
        assert_eq!(EventKind::parse("noteEdited"), None);
    }

    #[test]
    fn event_round_trips_as_json_with_rfc3339_time_and_supersedes_alias() {
        let e = Event::new(
            "a@x.org",
            "laptop",
            EventKind::NoteEdited,
            "int_1",
            serde_json::json!({"text": "hi"}),
        )
        .with_parent(Uuid::now_v7());
        assert_eq!(e.id.get_version_num(), 7);
        let v = serde_json::to_value(&e).unwrap();
        let t = v["created_at"].as_str().unwrap();
        assert!(DateTime::parse_from_rfc3339(t).is_ok(), "{t}");
        assert_eq!(v["kind"], "note_edited");
        let back: Event = serde_json::from_value(v.clone()).unwrap();
        assert_eq!(back, e);
        let mut aliased = v;
        let p = aliased.as_object_mut().unwrap().remove("parent").unwrap();
        aliased["supersedes"] = p;
        let back: Event = serde_json::from_value(aliased).unwrap();
        assert_eq!(back.parent, e.parent);
    }
}
