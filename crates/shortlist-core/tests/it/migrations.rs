//! Schema migrations on open.

use shortlist_core::store::schema::SCHEMA_VERSION;
use shortlist_core::{StoreError, Workspace};

use crate::helpers::*;

fn user_version(path: &std::path::Path) -> i64 {
    let conn = rusqlite::Connection::open(path).unwrap();
    conn.query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap()
}

#[test]
fn fresh_workspace_is_at_the_current_version() {
    let (_d, ws) = new_ws();
    drop(ws);
    assert_eq!(
        user_version(&_d.path().join("ws/workspace.db")),
        SCHEMA_VERSION
    );
}

#[test]
fn version_1_workspace_is_upgraded_after_a_verified_backup() {
    // tests/fixtures/schema-v1.db: a workspace as the first release wrote
    // it (one interviewer, one candidate, a decision and a pinned note).
    let d = tempfile::tempdir().unwrap();
    let root = d.path().join("ws");
    std::fs::create_dir_all(&root).unwrap();
    let db = root.join("workspace.db");
    std::fs::copy(fixtures().join("schema-v1.db"), &db).unwrap();
    assert_eq!(user_version(&db), 1);
    let ws = Workspace::open(&root).unwrap();
    assert_eq!(count(&ws, "PRAGMA user_version"), SCHEMA_VERSION);
    // Reviewer data survives the upgrade.
    assert_eq!(
        count(
            &ws,
            "SELECT count(*) FROM decisions WHERE decision = 'shortlisted'"
        ),
        1
    );
    assert_eq!(count(&ws, "SELECT count(*) FROM notes"), 1);
    // Later tables exist.
    assert_eq!(count(&ws, "SELECT count(*) FROM outbox"), 0);
    // The backup is the untouched v1 database.
    let backup = root.join("workspace.db.v1.bak");
    assert_eq!(user_version(&backup), 1);
    let conn = rusqlite::Connection::open(&backup).unwrap();
    let n: i64 = conn
        .query_row("SELECT count(*) FROM decisions", [], |r| r.get(0))
        .unwrap();
    assert_eq!(n, 1);
    // And the review model reads the upgraded data.
    let row = shortlist_core::review::candidate_row(&ws, "I1").unwrap();
    assert_eq!(row.status, "shortlisted");
}

#[test]
fn version_4_keeps_the_search_index_and_drops_the_transcript_table() {
    // The v1 fixture plus an index row and transcript lines written the way
    // versions 1–3 wrote them (text stored in the index, one row per line).
    let d = tempfile::tempdir().unwrap();
    let root = d.path().join("ws");
    std::fs::create_dir_all(&root).unwrap();
    let db = root.join("workspace.db");
    std::fs::copy(fixtures().join("schema-v1.db"), &db).unwrap();
    {
        let conn = rusqlite::Connection::open(&db).unwrap();
        conn.execute_batch(
            "INSERT INTO fts (rowid, interview_id, name, email, tags, transcript)
                 SELECT rowid, interview_id, name, email, 'Forklift', 'I drove a reach truck'
                 FROM candidates WHERE interview_id = 'I1';
             INSERT INTO transcript (interview_id, seq, speaker, text, at_seconds)
                 VALUES ('I1', 0, 'Candidate', 'I drove a reach truck', 1.0);",
        )
        .unwrap();
    }
    let ws = Workspace::open(&root).unwrap();
    assert_eq!(count(&ws, "PRAGMA user_version"), SCHEMA_VERSION);
    assert_eq!(
        count(
            &ws,
            "SELECT count(*) FROM sqlite_master WHERE name = 'transcript'"
        ),
        0
    );
    // Reviewer data untouched.
    assert_eq!(count(&ws, "SELECT count(*) FROM decisions"), 1);
    assert_eq!(count(&ws, "SELECT count(*) FROM notes"), 1);
    // The index rows came across: name, tags and transcript words all find
    // the candidate through the review model's search.
    for word in ["ana", "forkl", "reach", "tru"] {
        let page = shortlist_core::review::list_candidates(
            &ws,
            &shortlist_core::review::CandidateQuery {
                search: Some(word.into()),
                limit: 50,
                ..Default::default()
            },
        )
        .unwrap();
        assert_eq!(page.total, 1, "{word}");
        assert_eq!(page.rows[0].interview_id, "I1", "{word}");
    }
    // The index stores no second copy of the text.
    assert_eq!(
        count(
            &ws,
            "SELECT count(*) FROM sqlite_master WHERE name = 'fts_content'"
        ),
        0
    );
}

#[test]
fn version_0_database_is_migrated_keeping_its_data() {
    // tests/fixtures/schema-v0.db: user_version 0 with an unrelated table
    // (`legacy_notes`, one row), as an older tool could have left it.
    let d = tempfile::tempdir().unwrap();
    let root = d.path().join("ws");
    std::fs::create_dir_all(&root).unwrap();
    std::fs::copy(fixtures().join("schema-v0.db"), root.join("workspace.db")).unwrap();
    assert_eq!(user_version(&root.join("workspace.db")), 0);
    let ws = Workspace::open(&root).unwrap();
    assert_eq!(count(&ws, "PRAGMA user_version"), SCHEMA_VERSION);
    assert_eq!(count(&ws, "SELECT count(*) FROM legacy_notes"), 1);
    // A file that held someone's tables is backed up before migrating.
    let backup = root.join("workspace.db.v0.bak");
    let conn = rusqlite::Connection::open(&backup).unwrap();
    let n: i64 = conn
        .query_row("SELECT count(*) FROM legacy_notes", [], |r| r.get(0))
        .unwrap();
    assert_eq!(n, 1);
    assert_eq!(count(&ws, "SELECT count(*) FROM postings"), 0);
    import(&ws, &good_bundle());
    assert_eq!(count(&ws, "SELECT count(*) FROM candidates"), 5);
}

#[test]
fn newer_schema_is_refused_and_untouched() {
    let d = tempfile::tempdir().unwrap();
    let root = d.path().join("ws");
    std::fs::create_dir_all(&root).unwrap();
    let db = root.join("workspace.db");
    {
        let conn = rusqlite::Connection::open(&db).unwrap();
        conn.execute_batch(
            "CREATE TABLE future (x); INSERT INTO future VALUES (1); PRAGMA user_version = 99;",
        )
        .unwrap();
    }
    let before = std::fs::read(&db).unwrap();
    match Workspace::open(&root) {
        Err(StoreError::NewerSchema {
            found, supported, ..
        }) => {
            assert_eq!((found, supported), (99, SCHEMA_VERSION));
        }
        other => panic!("expected NewerSchema, got {other:?}"),
    }
    // Not migrated, not backed up, not a byte changed.
    assert_eq!(std::fs::read(&db).unwrap(), before);
    assert_eq!(user_version(&db), 99);
    let conn = rusqlite::Connection::open(&db).unwrap();
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master ORDER BY name")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(|r| r.unwrap())
        .collect();
    assert_eq!(tables, vec!["future".to_string()]);
    let x: i64 = conn
        .query_row("SELECT x FROM future", [], |r| r.get(0))
        .unwrap();
    assert_eq!(x, 1);
    let backups = std::fs::read_dir(&root)
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .file_name()
                .to_string_lossy()
                .ends_with(".bak")
        })
        .count();
    assert_eq!(backups, 0);
}

/// v7 → v8: the panel summary is built from the evaluations a workspace
/// already holds (drafts not counted), and the list's panel sort answers
/// from it as the SQL path does.
#[test]
fn version_7_evaluations_get_their_panel_summary() {
    use shortlist_core::review::{self, CandidateQuery, SortKey};
    let (d, ws) = new_ws();
    import(&ws, &good_bundle());
    {
        // Back to v7: the v8 and v9 objects gone, evaluations written without them.
        let conn = ws.writer();
        let triggers: Vec<String> = conn
            .prepare(
                "SELECT name FROM sqlite_master WHERE type = 'trigger' \
                 AND (name LIKE 'list\\_%' ESCAPE '\\' OR name LIKE 'panel\\_%' ESCAPE '\\')",
            )
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        assert!(triggers.len() >= 19, "{triggers:?}");
        for t in triggers {
            conn.execute_batch(&format!("DROP TRIGGER {t}")).unwrap();
        }
        conn.execute_batch(
            "DROP TABLE list_changes; DROP TABLE list_state; DROP TABLE panel_summary;
             DROP INDEX evaluations_submitted_by; DROP INDEX evaluations_reviewer;
             DROP INDEX team_events_reviewer; DROP INDEX candidates_card;
             INSERT INTO settings (key, value) VALUES ('reviewer', 'me');
             INSERT INTO evaluations (interview_id, reviewer, reviewer_name, recommendation, submitted_at, updated_at)
               SELECT interview_id, r.id, r.id, r.rec, r.sub, 1 FROM candidates,
                 (SELECT 'me' AS id, 'yes' AS rec, 1.0 AS sub UNION ALL SELECT 'a', 'strong_yes', 1.0
                  UNION ALL SELECT 'b', 'strong_no', NULL UNION ALL SELECT 'c', NULL, 1.0) r
               WHERE candidates.rowid % 2 = 0 OR r.id <> 'me';
             PRAGMA user_version = 7;",
        )
        .unwrap();
    }
    drop(ws);
    let ws = Workspace::open(d.path().join("ws")).unwrap();
    let (rows, submitted, strong_no): (i64, i64, i64) = ws
        .reader()
        .query_row(
            "SELECT count(*), coalesce(sum(submitted), 0), coalesce(sum(strong_no), 0) FROM panel_summary",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    let candidates: i64 = ws
        .reader()
        .query_row("SELECT count(*) FROM candidates", [], |r| r.get(0))
        .unwrap();
    let mine: i64 = ws
        .reader()
        .query_row(
            "SELECT count(*) FROM candidates WHERE rowid % 2 = 0",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(rows, candidates);
    assert_eq!(submitted, 2 * candidates + mine, "drafts are not counted");
    assert_eq!(strong_no, 0, "the Strong No is a draft");
    for descending in [false, true] {
        let q = CandidateQuery {
            sort: SortKey::Panel,
            descending,
            ..Default::default()
        };
        let fast = review::list_candidates_cached(&ws, &q).unwrap().unwrap();
        assert_eq!(fast, review::list_candidates_sql(&ws, &q).unwrap());
    }
}
