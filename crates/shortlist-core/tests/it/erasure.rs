//! Erasure (F52): nothing of the erased candidate is left in any byte of
//! any file of the workspace folder; other candidates are untouched.
//! Retention rules; the anchored, append-only audit (F51).

use std::path::{Path, PathBuf};

use shortlist_core::actions::{cohorts, erase, notes, retention};
use shortlist_core::review::Decision;
use shortlist_core::Workspace;

use crate::helpers::*;

fn all_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            all_files(&p, out);
        } else {
            out.push(p);
        }
    }
}

/// Files of the folder holding `needle` (ASCII case-insensitive).
fn files_with(dir: &Path, needle: &[u8]) -> Vec<String> {
    let needle: Vec<u8> = needle.to_ascii_lowercase();
    let mut files = Vec::new();
    all_files(dir, &mut files);
    files
        .into_iter()
        .filter(|f| {
            let bytes = std::fs::read(f).unwrap().to_ascii_lowercase();
            memchr::memmem::find(&bytes, &needle).is_some()
        })
        .map(|f| f.strip_prefix(dir).unwrap().display().to_string())
        .collect()
}

fn resume_hash(ws: &Workspace, id: &str) -> String {
    ws.reader()
        .query_row(
            "SELECT hash FROM candidate_media WHERE interview_id = ?1 AND kind = 'resume'",
            [id],
            |r| r.get(0),
        )
        .unwrap()
}

#[test]
fn erased_candidate_leaves_no_byte_in_the_workspace_folder() {
    let (dir, ws) = new_ws();
    let root = dir.path().join("ws");
    import(&ws, &good_bundle());
    let set = |id: &str, d| {
        shortlist_core::actions::decisions::set_decision(&ws, &[id.to_string()], d).unwrap()
    };
    // Reviewer data on the one erased (I001) and on another (I003).
    set("I001", Decision::Shortlisted);
    set("I003", Decision::Dismissed);
    notes::add_note(&ws, "I001", Some(3.0), "Zanzibarquux remark about José").unwrap();
    notes::add_note(&ws, "I003", None, "keep this other note").unwrap();
    cohorts::create_cohort(&ws, "Finalists").unwrap();
    cohorts::add_to_cohort(&ws, "Finalists", &["I001".into(), "I003".into()]).unwrap();
    let resume = resume_hash(&ws, "I001");
    let resume_file = shortlist_core::store::media::path_for(&ws.media_dir(), &resume).unwrap();
    let resume_bytes = std::fs::read(&resume_file).unwrap();
    let resume_window = resume_bytes[resume_bytes.len() / 2..][..48].to_vec();
    // A migration backup as `migrate` makes them (online backup API).
    {
        let conn = ws.reader();
        let mut out = rusqlite::Connection::open(root.join("workspace.db.v4.bak")).unwrap();
        rusqlite::backup::Backup::new(&conn, &mut out)
            .unwrap()
            .run_to_completion(256, std::time::Duration::ZERO, None)
            .unwrap();
    }
    let transcript_phrase: String = {
        let raw: String = ws
            .reader()
            .query_row(
                "SELECT interview_raw FROM candidates WHERE interview_id = 'I001'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        let v: serde_json::Value = serde_json::from_str(&raw).unwrap();
        let t = &v["web_interview"]["transcript"];
        let line = t
            .as_array()
            .and_then(|a| a.iter().find(|l| l["speaker"] != "Interviewer"));
        line.map(|l| l["text"].as_str().unwrap().to_string())
            .expect("I001 has a candidate transcript line")
    };
    let needles: Vec<(&str, Vec<u8>)> = vec![
        ("name", "José Álvarez".as_bytes().to_vec()),
        ("fts term", b"alvarez".to_vec()),
        ("fts term suffix", b"varez".to_vec()),
        ("e-mail", b"jose@example.com".to_vec()),
        ("transcript", transcript_phrase.as_bytes().to_vec()),
        ("note", b"zanzibarquux".to_vec()),
        ("resume hash", resume.as_bytes().to_vec()),
        ("resume bytes", resume_window.clone()),
    ];
    // The test can fail: every needle is somewhere before the erasure.
    for (what, n) in &needles {
        assert!(
            !files_with(&root, n).is_empty(),
            "{what} not found before erasure"
        );
    }

    let plan = erase::erase_plan(&ws, &["I001".into()]).unwrap();
    assert_eq!(plan.candidates[0].name.as_deref(), Some("José Álvarez"));
    assert_eq!(plan.notes, 1);
    assert_eq!(plan.decisions, 1);
    assert_eq!(plan.cohorts, vec!["Finalists".to_string()]);
    assert!(plan.media.iter().any(|m| m.kind == "resume" && !m.shared));
    assert!(plan
        .rows
        .iter()
        .any(|t| t.table == "candidates" && t.rows == 1));
    assert_eq!(plan.backups.len(), 1);
    assert!(plan.backups[0].holds_candidates);

    // A reason naming the candidate is refused, nothing written.
    let err = erase::erase(&ws, &["I001".into()], "asked by jose@example.com").unwrap_err();
    assert!(err.to_string().contains("names candidate `I001`"), "{err}");
    assert_eq!(
        count(
            &ws,
            "SELECT count(*) FROM candidates WHERE interview_id = 'I001'"
        ),
        1
    );

    let report = erase::erase(&ws, &["I001".into()], "candidate's request").unwrap();
    assert!(report.wal_truncated);
    assert_eq!(report.id_hashes.len(), 1);
    assert!(report.media_files_deleted >= 1);
    assert!(matches!(
        &report.backups[..],
        [erase::BackupOutcome::Rewritten { .. }]
    ));
    // Scanned with the workspace still open (closing the last connection
    // would checkpoint and delete the WAL by itself), then again closed.
    for (what, n) in &needles {
        let found = files_with(&root, n);
        assert!(
            found.is_empty(),
            "{what} still in {found:?} (workspace open)"
        );
    }
    drop(ws);

    for (what, n) in &needles {
        let found = files_with(&root, n);
        assert!(found.is_empty(), "{what} still in {found:?}");
    }
    // Also not as UTF-16 (nothing here writes UTF-16; checked, not assumed).
    let utf16: Vec<u8> = "jose@example.com"
        .encode_utf16()
        .flat_map(|u| u.to_le_bytes())
        .collect();
    assert!(files_with(&root, &utf16).is_empty());
    assert!(!resume_file.exists());

    // The other candidate's decision, note and cohort are untouched.
    let ws = Workspace::open(&root).unwrap();
    let row = shortlist_core::review::candidate_row(&ws, "I003").unwrap();
    assert_eq!(row.decision, Decision::Dismissed);
    assert_eq!(notes::list_notes(&ws, "I003").unwrap().len(), 1);
    assert_eq!(
        cohorts::cohort_members(&ws, "Finalists").unwrap(),
        vec!["I003".to_string()]
    );
    assert!(shortlist_core::review::candidate_row(&ws, "I001").is_err());
    // The backup still opens and still has I003.
    let bak = rusqlite::Connection::open(root.join("workspace.db.v4.bak")).unwrap();
    let n: i64 = bak
        .query_row(
            "SELECT count(*) FROM candidates WHERE interview_id = 'I003'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(n, 1);

    // The erasure log: hash, reviewer, reason; no id.
    let log = erase::list_erasures(&ws).unwrap();
    assert_eq!(log.len(), 1);
    assert_eq!(log[0].id_hash, erase::id_hash(&ws, "I001").unwrap());
    assert_eq!(log[0].reason, "candidate's request");
    assert_eq!(log[0].notes_removed, 1);
    // Audit: intact, anchored, never naming an interview in clear.
    let audit = shortlist_core::audit::verify_workspace(&ws).unwrap();
    assert!(audit.is_intact(), "{}", audit.summary());
    assert_eq!(
        count(
            &ws,
            "SELECT count(*) FROM audit WHERE entity LIKE '%I003%' OR entity LIKE '%I001%'"
        ),
        0
    );
    assert!(
        erase::erase_plan(&ws, &["I001".into()]).is_err(),
        "nothing left to erase"
    );
}

#[test]
fn a_backup_of_an_older_schema_is_rewritten_without_the_candidate() {
    // tests/fixtures/schema-v1.db holds candidate I1 with a decision and a
    // note; opening migrates it and leaves workspace.db.v1.bak.
    let d = tempfile::tempdir().unwrap();
    let root = d.path().join("ws");
    std::fs::create_dir_all(&root).unwrap();
    std::fs::copy(fixtures().join("schema-v1.db"), root.join("workspace.db")).unwrap();
    let ws = Workspace::open(&root).unwrap();
    let bak = root.join("workspace.db.v1.bak");
    let email: String = ws
        .reader()
        .query_row(
            "SELECT email FROM candidates WHERE interview_id = 'I1'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!(!files_with(&root, email.as_bytes()).is_empty());
    // Legacy audit rows moved over, pseudonymised, chain intact.
    let audit = shortlist_core::audit::verify_workspace(&ws).unwrap();
    assert!(audit.is_intact(), "{}", audit.summary());
    let report = erase::erase(&ws, &["I1".into()], "").unwrap();
    assert!(
        matches!(&report.backups[..], [erase::BackupOutcome::Rewritten { file, .. }] if file == "workspace.db.v1.bak")
    );
    assert_eq!(
        erase::list_erasures(&ws).unwrap()[0].reason,
        erase::DEFAULT_REASON
    );
    drop(ws);
    assert!(bak.exists());
    let found = files_with(&root, email.as_bytes());
    assert!(found.is_empty(), "{email} still in {found:?}");
}

#[test]
fn retention_erases_dismissed_and_closed_after_their_days() {
    let (_d, ws) = new_ws();
    import(&ws, &good_bundle());
    assert!(retention::retention_rules(&ws).unwrap().is_off());
    shortlist_core::actions::decisions::set_decision(&ws, &["I003".into()], Decision::Dismissed)
        .unwrap();
    let now = shortlist_core::store::now();
    retention::set_retention_rules(
        &ws,
        retention::RetentionRules {
            dismissed_after_days: Some(30),
            all_after_interviewer_closed_days: None,
        },
    )
    .unwrap();
    assert!(retention::set_retention_rules(
        &ws,
        retention::RetentionRules {
            dismissed_after_days: Some(0),
            all_after_interviewer_closed_days: None
        }
    )
    .is_err());
    // Not yet due today; due in 31 days.
    let today = retention::retention_plan(&ws, now).unwrap();
    assert!(
        today.items.iter().all(|i| i.interview_id != "I003"),
        "{today:?}"
    );
    let later = now + 31.0 * 86400.0;
    let plan = retention::retention_plan(&ws, later).unwrap();
    let item = plan
        .items
        .iter()
        .find(|i| i.interview_id == "I003")
        .expect("I003 due");
    assert_eq!(item.rule, retention::RetentionRule::Dismissed);
    assert!(item.why.contains("dismissed 31 days ago"), "{}", item.why);
    // The dry run wrote nothing.
    assert_eq!(
        count(
            &ws,
            "SELECT count(*) FROM candidates WHERE interview_id = 'I003'"
        ),
        1
    );
    let out = retention::apply_retention(&ws, later).unwrap();
    assert_eq!(out.erasures.len(), 1);
    assert_eq!(
        count(
            &ws,
            "SELECT count(*) FROM candidates WHERE interview_id = 'I003'"
        ),
        0
    );
    let log = erase::list_erasures(&ws).unwrap();
    assert!(log
        .iter()
        .all(|e| e.reason.starts_with("retention: dismissed")));
    // Everyone of an interviewer whose deadline passed N days ago.
    let posting: (String, i64) = ws
        .reader()
        .query_row(
            "SELECT posting_id, count(*) FROM candidates GROUP BY posting_id ORDER BY 2 DESC LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    ws.writer()
        .execute(
            "UPDATE postings SET deadline = ?1 WHERE id = ?2",
            rusqlite::params![now - 10.0 * 86400.0, posting.0],
        )
        .unwrap();
    retention::set_retention_rules(
        &ws,
        retention::RetentionRules {
            dismissed_after_days: None,
            all_after_interviewer_closed_days: Some(7),
        },
    )
    .unwrap();
    let plan = retention::retention_plan(&ws, now).unwrap();
    assert_eq!(plan.items.len() as i64, posting.1);
    assert!(plan.items.iter().all(
        |i| i.rule == retention::RetentionRule::InterviewerClosed && i.posting_id == posting.0
    ));
    retention::apply_retention(&ws, now).unwrap();
    assert_eq!(
        count(
            &ws,
            &format!(
                "SELECT count(*) FROM candidates WHERE posting_id = '{}'",
                posting.0
            )
        ),
        0
    );
    assert!(shortlist_core::audit::verify_workspace(&ws)
        .unwrap()
        .is_intact());
}

#[test]
fn the_audit_anchor_exposes_a_rewritten_log() {
    let (dir, ws) = new_ws();
    let root = dir.path().join("ws");
    import(&ws, &good_bundle());
    shortlist_core::actions::decisions::set_decision(&ws, &["I001".into()], Decision::Shortlisted)
        .unwrap();
    let ok = shortlist_core::audit::verify_workspace(&ws).unwrap();
    assert!(ok.is_intact(), "{}", ok.summary());
    assert!(matches!(
        ok.anchor,
        shortlist_core::audit::AnchorStatus::Matches { behind: 0, .. }
    ));
    // Every entry names its reviewer.
    assert_eq!(
        count(&ws, "SELECT count(*) FROM audit WHERE actor IS NULL"),
        0
    );
    // Truncate the log past the triggers: what is left still chains, but
    // the anchored head is gone.
    {
        let conn = ws.writer();
        conn.execute_batch(
            "DROP TRIGGER audit_append_only_delete; DELETE FROM audit WHERE id > 1;",
        )
        .unwrap();
    }
    let report = shortlist_core::audit::verify_workspace(&ws).unwrap();
    assert_eq!(report.broken_at, None);
    assert!(!report.is_intact());
    assert!(
        matches!(
            report.anchor,
            shortlist_core::audit::AnchorStatus::Mismatch { .. }
        ),
        "{report:?}"
    );
    // The evidence is kept: later writes do not move a mismatching anchor.
    notes::add_note(&ws, "I001", None, "after the rewrite").unwrap();
    assert!(!shortlist_core::audit::verify_workspace(&ws)
        .unwrap()
        .is_intact());
    // A removed anchor is reported too.
    std::fs::remove_file(root.join("audit.head")).unwrap();
    let report = shortlist_core::audit::verify_workspace(&ws).unwrap();
    assert_eq!(report.anchor, shortlist_core::audit::AnchorStatus::Missing);
}

#[cfg(unix)]
#[test]
fn workspace_files_are_owner_only() {
    use std::os::unix::fs::PermissionsExt;
    let (dir, ws) = new_ws();
    let root = dir.path().join("ws");
    import(&ws, &good_bundle());
    notes::add_note(&ws, "I001", None, "x").unwrap();
    let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&root), 0o700);
    let mut files = Vec::new();
    all_files(&root, &mut files);
    assert!(files.iter().any(|f| f.ends_with("workspace.db-wal")));
    assert!(files.iter().any(|f| f.starts_with(root.join("media"))));
    for f in files {
        assert_eq!(mode(&f), 0o600, "{}", f.display());
    }
}
