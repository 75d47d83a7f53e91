//! The good path: folder, zip, idempotence, merging, atomicity.
#![allow(clippy::type_complexity)]

use std::sync::Mutex;

use shortlist_core::import::{
    import_path, import_path_with, Counts, ImportOptions, ImportPhase, Limits,
};
use shortlist_core::Coded;

use crate::helpers::*;

fn cnt(conn: &rusqlite::Connection, sql: &str) -> i64 {
    conn.query_row(sql, [], |r| r.get(0)).unwrap()
}

fn c(added: u64, updated: u64, unchanged: u64) -> Counts {
    Counts {
        added,
        updated,
        unchanged,
    }
}

fn assert_good_counts(s: &shortlist_core::import::ImportSummary) {
    assert_eq!(s.postings, c(2, 0, 0), "{s}");
    assert_eq!(s.candidates, c(5, 0, 0), "{s}");
    assert_eq!(s.interviews, c(3, 0, 0), "{s}");
    assert_eq!(s.extensions, c(2, 0, 0), "{s}");
    assert_eq!(s.media, c(4, 0, 0), "{s}");
}

#[test]
fn good_folder_imports_and_projects() {
    let (_d, ws) = new_ws();
    let phases = Mutex::new(Vec::new());
    let s = import_path(&ws, &good_bundle(), &|p| {
        phases.lock().unwrap().push(p.phase)
    })
    .unwrap();
    assert_good_counts(&s);
    assert_eq!(
        s.to_string(),
        "interviewers: 2 added, 0 updated, 0 unchanged; candidates: 5 added, 0 updated, 0 unchanged; \
         interviews: 3 added, 0 updated, 0 unchanged; extensions: 2 added, 0 updated, 0 unchanged; \
         media files: 4 added, 0 updated, 0 unchanged"
    );
    let phases = phases.into_inner().unwrap();
    let order = [
        ImportPhase::Reading,
        ImportPhase::Parsing,
        ImportPhase::Validating,
        ImportPhase::Writing,
    ];
    for p in order {
        assert!(phases.contains(&p), "no progress for {p}: {phases:?}");
    }
    // never back to an earlier phase (the dialog's steps only go forward)
    let rank = |p: &ImportPhase| order.iter().position(|o| o == p).unwrap();
    assert!(
        phases.windows(2).all(|w| rank(&w[0]) <= rank(&w[1])),
        "{phases:?}"
    );

    let conn = ws.reader();
    // Interview data wins over candidate data; phone/location/country from data.
    let row: (String, String, Option<String>, Option<String>, Option<String>, String, f64, f64, f64, i64, i64, i64) = conn
        .query_row(
            "SELECT name, email, phone, location, country, imported_status, resume_score, video_score,
                    speech_score, steps_total, steps_done, knocked_out FROM candidates WHERE interview_id = 'I001'",
            [],
            |r| {
                Ok((
                    r.get(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                    r.get(6)?,
                    r.get(7)?,
                    r.get(8)?,
                    r.get(9)?,
                    r.get(10)?,
                    r.get(11)?,
                ))
            },
        )
        .unwrap();
    assert_eq!(
        row,
        (
            "José Álvarez".into(),
            "jose@example.com".into(),
            Some("+34 600 000 001".into()),
            Some("Sevilla".into()),
            Some("ES".into()),
            "in_progress".into(),
            74.0,
            80.0,
            4.2,
            3,
            2,
            0
        )
    );
    let score: f64 = conn
        .query_row(
            "SELECT score FROM candidates WHERE interview_id = 'I001'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(score, 79.0, "interview data's score wins");
    let custom: String = conn
        .query_row(
            "SELECT custom FROM candidates WHERE interview_id = 'I001'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let custom: serde_json::Value = serde_json::from_str(&custom).unwrap();
    assert_eq!(custom["metadata.utm"], "spring");
    assert_eq!(custom["metadata.source"], "indeed");
    assert_eq!(custom["data.city"], "Sevilla");

    // steps joined with the posting's workflow types; scores in percent.
    let steps: Vec<(i64, Option<String>, String, Option<f64>)> = conn
        .prepare("SELECT step_order, kind, status, score FROM steps WHERE interview_id = 'I001' ORDER BY step_order")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
        .unwrap()
        .map(|r| r.unwrap())
        .collect();
    assert_eq!(
        steps,
        vec![
            (1, Some("resume".into()), "completed".into(), Some(74.0)),
            (
                2,
                Some("web_interview".into()),
                "completed".into(),
                Some(80.0)
            ),
            (3, Some("form".into()), "in_progress".into(), None),
        ]
    );
    let q1: (f64, f64, f64, i64) = conn
        .query_row(
            "SELECT score, score_pct, weight, not_scored FROM scorecard WHERE interview_id = 'I001' AND question_id = 'q1'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .unwrap();
    assert_eq!(q1, (8.0, 80.0, 2.0, 0));
    // P200's scorecard scale is 5 (posting metadata).
    let k1: f64 = conn
        .query_row(
            "SELECT score_pct FROM scorecard WHERE interview_id = 'I005'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(k1, 80.0);
    assert_eq!(
        cnt(
            &conn,
            "SELECT json_array_length(interview_raw, '$.web_interview.transcript') FROM candidates WHERE interview_id = 'I001'"
        ),
        4
    );
    assert_eq!(
        cnt(
            &conn,
            "SELECT count(*) FROM tags WHERE interview_id = 'I001'"
        ),
        2
    );

    let flags: Vec<(String, Option<f64>)> = conn
        .prepare(
            "SELECT kind, at_seconds FROM cheat_flags WHERE interview_id = 'I001' ORDER BY seq",
        )
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .map(|r| r.unwrap())
        .collect();
    assert_eq!(
        flags,
        vec![
            ("tab_switching".into(), Some(31.0)),
            ("tab_switching".into(), Some(55.5)),
            ("ai_scripted_answer".into(), Some(24.25)),
            ("unusual_delays".into(), Some(20.0)),
            ("facial_behaviour".into(), Some(40.0)),
        ]
    );
    let (ranking, conf): (i64, f64) = conn
        .query_row(
            "SELECT cheat_ranking, cheat_confidence FROM candidates WHERE interview_id = 'I001'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!((ranking, conf), (2, 0.64));

    // media: local files in the content store, remote URL kept alongside.
    let media: Vec<(String, Option<String>, Option<String>, Option<String>, Option<String>)> = conn
        .prepare(
            "SELECT cm.kind, cm.hash, cm.remote_url, cm.original_name, m.mime FROM candidate_media cm
             LEFT JOIN media m ON m.hash = cm.hash WHERE interview_id = 'I001' ORDER BY kind",
        )
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)))
        .unwrap()
        .map(|r| r.unwrap())
        .collect();
    assert_eq!(media.len(), 3);
    assert_eq!(media[0].0, "audio");
    assert_eq!(media[0].4.as_deref(), Some("audio/ogg"));
    assert_eq!(media[1].0, "resume");
    assert_eq!(media[1].4.as_deref(), Some("application/pdf"));
    assert_eq!(media[2].0, "video");
    assert_eq!(media[2].3.as_deref(), Some("media/I001/video.webm"));
    assert_eq!(
        media[2].2.as_deref(),
        Some("https://cdn.heymilo.io/v/I001.webm")
    );
    assert_eq!(media[2].4.as_deref(), Some("video/webm"));
    for (_, hash, ..) in &media {
        let hash = hash.as_ref().unwrap();
        let p = shortlist_core::store::media::path_for(&ws.media_dir(), hash).unwrap();
        assert!(p.is_file(), "{p:?} staged");
    }
    let video = std::fs::read(good_bundle().join("media/I001/video.webm")).unwrap();
    let stored = std::fs::read(
        shortlist_core::store::media::path_for(&ws.media_dir(), media[2].1.as_ref().unwrap())
            .unwrap(),
    )
    .unwrap();
    assert_eq!(video, stored);
    let remote_only: (Option<String>, String) = conn
        .query_row(
            "SELECT hash, remote_url FROM candidate_media WHERE interview_id = 'I005' AND kind = 'audio'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(
        remote_only,
        (None, "https://cdn.heymilo.io/a/I005.mp3".into())
    );

    // knocked out derived from a step; interview-only candidate created.
    let (status, ko, done): (String, i64, i64) = conn
        .query_row(
            "SELECT imported_status, knocked_out, steps_done FROM candidates WHERE interview_id = 'I003'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    assert_eq!((status.as_str(), ko, done), ("knocked_out", 1, 2));
    let i5: (String, String, Option<String>) = conn
        .query_row(
            "SELECT name, posting_id, cand_raw FROM candidates WHERE interview_id = 'I005'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    assert_eq!(i5, ("Dmitri Petrov".into(), "P200".into(), None));

    // postings: extension fields, raw kept verbatim incl. unknown fields.
    let p: (String, Option<String>, f64, f64, String, i64, String, String) = conn
        .query_row(
            "SELECT title, slug, budget, spend, currency, subscribers, raw, interviewer_name FROM postings WHERE id = 'P100'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?, r.get(7)?)),
        )
        .unwrap();
    assert_eq!(p.0, "Seasonal Sales Associate");
    assert_eq!(p.1.as_deref(), Some("627-seasonal-sales-associate"));
    assert_eq!((p.2, p.3, p.4.as_str(), p.5), (5000.0, 1234.5, "EUR", 2));
    assert!(
        p.6.starts_with(r#"{"object":"posting","id":"P100""#),
        "key order kept, layout compacted: {}",
        p.6
    );
    assert!(p.6.contains(r#""future_field":{"kept":"verbatim"}"#));
    let raw: String = conn
        .query_row(
            "SELECT interview_raw FROM candidates WHERE interview_id = 'I001'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!(raw.contains(r#""unknown_future_block":{"x":[1,2,3]}"#));
    let ext: String = conn
        .query_row(
            "SELECT ext_raw FROM candidates WHERE interview_id = 'I001'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!(ext.contains("excellent"));

    // full-text index: names, tags and transcripts in any script.
    for (q, id) in [
        ("bakery", "I001"),
        ("Resourceful", "I001"),
        ("متجر", "I003"),
        ("инженер", "I005"),
        ("jose", "I001"),
    ] {
        let hit: String = conn
            .query_row(
                "SELECT c.interview_id FROM fts JOIN candidates c ON c.rowid = fts.rowid WHERE fts MATCH ?1",
                [q],
                |r| r.get(0),
            )
            .unwrap_or_else(|e| panic!("fts {q}: {e}"));
        assert_eq!(hit, id, "{q}");
    }
    // the unknown top-level folder (notes/) was ignored.
}

#[test]
fn good_zip_imports_same_as_folder_and_with_a_top_folder() {
    let (d, ws) = new_ws();
    let zip = d.path().join("bundle.zip");
    zip_dir(&good_bundle(), &zip, "");
    let s = import(&ws, &zip);
    assert_good_counts(&s);

    let (_d2, ws2) = new_ws();
    import(&ws2, &good_bundle());
    let strip = |s: String| {
        s.lines()
            .map(|l| {
                // imported_at / added_at differ between the two workspaces.
                l.split(", ")
                    .filter(|f| !f.starts_with("Real(17"))
                    .collect::<Vec<_>>()
                    .join(", ")
            })
            .collect::<Vec<_>>()
            .join("\n")
    };
    assert_eq!(strip(snapshot(&ws)), strip(snapshot(&ws2)));

    // zipping the folder itself puts everything under `good-bundle/`.
    let (d3, ws3) = new_ws();
    let zip = d3.path().join("wrapped.zip");
    zip_dir(&good_bundle(), &zip, "good-bundle/");
    assert_good_counts(&import(&ws3, &zip));
}

#[test]
fn second_import_changes_nothing() {
    let (d, ws) = new_ws();
    import(&ws, &good_bundle());
    let before = snapshot(&ws);
    let media_before = media_files(&ws);
    let s = import(&ws, &good_bundle());
    assert!(s.is_noop(), "{s}");
    assert_eq!(s.postings, c(0, 0, 2));
    assert_eq!(s.candidates, c(0, 0, 5));
    assert_eq!(s.interviews, c(0, 0, 3));
    assert_eq!(s.extensions, c(0, 0, 2));
    assert_eq!(s.media, c(0, 0, 4));
    assert_eq!(snapshot(&ws), before);
    assert_eq!(media_files(&ws), media_before);

    // Same content with keys reordered and re-indented: still unchanged.
    let copy = d.path().join("reordered");
    copy_dir(&good_bundle(), &copy);
    let p = copy.join("interviews/I003.json");
    let v: serde_json::Map<String, serde_json::Value> =
        serde_json::from_str(&std::fs::read_to_string(&p).unwrap()).unwrap();
    let reversed: serde_json::Map<_, _> = v.into_iter().rev().collect();
    std::fs::write(&p, serde_json::to_string(&reversed).unwrap()).unwrap();
    let s = import(&ws, &copy);
    assert!(s.is_noop(), "{s}");
    assert_eq!(snapshot(&ws), before);

    // A hash stored by an older version (which hashed a canonical form):
    // the record is still unchanged, and the stored hash becomes the
    // content hash of the stored text.
    let conn = rusqlite::Connection::open(ws.db_path()).unwrap();
    conn.execute(
        "UPDATE candidates SET interview_hash = 'from-an-older-version' WHERE interview_id = 'I003'",
        [],
    )
    .unwrap();
    let s = import(&ws, &good_bundle());
    assert!(s.is_noop(), "{s}");
    let (raw, hash): (String, String) = conn
        .query_row(
            "SELECT interview_raw, interview_hash FROM candidates WHERE interview_id = 'I003'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(hash, shortlist_core::import::parse::content_hash(&raw));
    assert_eq!(snapshot(&ws), before);
}

#[test]
fn reimport_updates_imported_fields_and_keeps_reviewer_data() {
    let (d, ws) = new_ws();
    import(&ws, &good_bundle());
    {
        let conn = ws.writer();
        conn.execute(
            "INSERT INTO decisions (interview_id, decision, decided_by, decided_at) VALUES ('I001', 'shortlisted', 'rev', 1.0)",
            [],
        )
        .unwrap();
        conn.execute(
            "INSERT INTO notes (interview_id, at_seconds, text, author, created_at) VALUES ('I001', 12.0, 'good answer', 'rev', 2.0)",
            [],
        )
        .unwrap();
    }
    let copy = d.path().join("newer");
    copy_dir(&good_bundle(), &copy);
    let p = copy.join("interviews/I001.json");
    let text = std::fs::read_to_string(&p).unwrap();
    let text = text
        .replace("\"status\": \"in_progress\"", "\"status\": \"completed\"")
        .replace("\"speech_score\": 4.2", "\"speech_score\": 4.6");
    std::fs::write(&p, text).unwrap();
    let s = import(&ws, &copy);
    assert_eq!(s.candidates, c(0, 1, 4), "{s}");
    assert_eq!(s.interviews, c(0, 1, 2), "{s}");
    let (status, speech): (String, f64) = ws
        .reader()
        .query_row(
            "SELECT imported_status, speech_score FROM candidates WHERE interview_id = 'I001'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!((status.as_str(), speech), ("completed", 4.6));
    assert_eq!(
        count(&ws, "SELECT count(*) FROM decisions WHERE interview_id = 'I001' AND decision = 'shortlisted'"),
        1
    );
    assert_eq!(
        count(
            &ws,
            "SELECT count(*) FROM notes WHERE interview_id = 'I001'"
        ),
        1
    );
    // children rebuilt, not duplicated
    assert_eq!(
        count(
            &ws,
            "SELECT json_array_length(interview_raw, '$.web_interview.transcript') FROM candidates WHERE interview_id = 'I001'"
        ),
        4
    );
    assert_eq!(
        count(
            &ws,
            "SELECT count(*) FROM cheat_flags WHERE interview_id = 'I001'"
        ),
        5
    );
    assert_eq!(
        count(&ws, "SELECT count(*) FROM fts WHERE fts MATCH 'bakery'"),
        1
    );
    // the stored candidate part was kept and media still resolve
    assert_eq!(
        count(
            &ws,
            "SELECT count(*) FROM candidate_media WHERE interview_id = 'I001' AND hash IS NOT NULL"
        ),
        3
    );
}

#[test]
fn candidates_only_bundle_merges_with_stored_interview() {
    let (d, ws) = new_ws();
    import(&ws, &good_bundle());
    let copy = d.path().join("cands");
    std::fs::create_dir_all(copy.join("candidates")).unwrap();
    let text = std::fs::read_to_string(good_bundle().join("candidates/P100.json")).unwrap();
    std::fs::write(
        copy.join("candidates/P100.json"),
        text.replace("+34 600 000 000", "+34 611 111 111")
            .replace("indeed", "linkedin"),
    )
    .unwrap();
    let s = import(&ws, &copy);
    assert_eq!(s.candidates, c(0, 1, 1), "{s}");
    // interview data still wins for phone; candidate-only metadata changed in custom.
    let (phone, speech, custom): (String, f64, String) = ws
        .reader()
        .query_row(
            "SELECT phone, speech_score, custom FROM candidates WHERE interview_id = 'I001'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    assert_eq!(phone, "+34 600 000 001");
    assert_eq!(speech, 4.2);
    assert!(
        custom.contains("\"metadata.source\":\"indeed\""),
        "interview metadata wins: {custom}"
    );
    assert_eq!(
        count(
            &ws,
            "SELECT json_array_length(interview_raw, '$.web_interview.transcript') FROM candidates WHERE interview_id = 'I001'"
        ),
        4
    );
}

#[test]
fn one_bad_record_in_the_middle_changes_nothing() {
    let (d, ws) = new_ws();
    import(&ws, &good_bundle());
    let before = snapshot(&ws);
    let media_before = media_files(&ws);

    let copy = d.path().join("bad");
    copy_dir(&good_bundle(), &copy);
    // a valid new interview with a new media file...
    std::fs::create_dir_all(copy.join("media/I006")).unwrap();
    std::fs::write(
        copy.join("media/I006/resume.pdf"),
        b"%PDF-1.4\n% new resume\n",
    )
    .unwrap();
    std::fs::write(
        copy.join("interviews/I006.json"),
        r#"{"interview_id":"I006","posting_id":"P100","name":"New","email":"n@x.io","status":"completed",
            "resume":{"overall_score":50,"resume_url":"media/I006/resume.pdf"}}"#,
    )
    .unwrap();
    // ...an updated one...
    let p = copy.join("interviews/I003.json");
    let t = std::fs::read_to_string(&p)
        .unwrap()
        .replace("Amira", "Amirah");
    std::fs::write(&p, t).unwrap();
    // ...and one bad record in the middle of a list.
    let p = copy.join("candidates/P100.json");
    let t = std::fs::read_to_string(&p)
        .unwrap()
        .replace("\"email\": \"li.wei@example.cn\"", "\"email\": 42");
    std::fs::write(&p, t).unwrap();

    let err = import_path(&ws, &copy, &|_| {}).unwrap_err();
    assert_eq!(err.code(), "import_invalid");
    let msg = err.to_string();
    assert!(
        msg.contains(
            "candidates/P100.json: record `I002`: field `email`: invalid type: integer `42`"
        ),
        "{msg}"
    );
    assert_eq!(err.problems().len(), 1);
    assert_eq!(snapshot(&ws), before);
    assert_eq!(media_files(&ws), media_before);
}

#[test]
fn failure_while_staging_removes_media_this_import_added() {
    let (d, ws) = new_ws();
    import(&ws, &good_bundle());
    let before = snapshot(&ws);
    let media_before = media_files(&ws);
    let copy = d.path().join("big");
    copy_dir(&good_bundle(), &copy);
    std::fs::create_dir_all(copy.join("media/A")).unwrap();
    std::fs::create_dir_all(copy.join("media/B")).unwrap();
    std::fs::write(
        copy.join("media/A/resume.pdf"),
        b"%PDF-1.4\n% small and new\n",
    )
    .unwrap();
    let mut big = b"%PDF-1.4\n".to_vec();
    big.resize(300_000, b' ');
    std::fs::write(copy.join("media/B/resume.pdf"), big).unwrap();
    for (id, dir) in [("I007", "A"), ("I008", "B")] {
        std::fs::write(
            copy.join(format!("interviews/{id}.json")),
            format!(
                r#"{{"interview_id":"{id}","posting_id":"P100","name":"N","email":"n@x.io","status":"completed",
                    "resume":{{"resume_url":"media/{dir}/resume.pdf"}}}}"#
            ),
        )
        .unwrap();
    }
    let opts = ImportOptions {
        limits: Limits {
            max_media_bytes: 200_000,
            ..Limits::default()
        },
        cancel: None,
    };
    let err = import_path_with(&ws, &copy, &opts, &|_| {}).unwrap_err();
    let msg = err.to_string();
    assert!(
        msg.contains("media/B/resume.pdf: larger than the 195 KiB limit"),
        "{msg}"
    );
    assert_eq!(snapshot(&ws), before);
    assert_eq!(
        media_files(&ws),
        media_before,
        "the staged media/A file was removed"
    );
}

#[test]
fn cancel_writes_nothing() {
    let (_d, ws) = new_ws();
    let flag = std::sync::atomic::AtomicBool::new(true);
    let before = snapshot(&ws);
    let opts = ImportOptions {
        limits: Limits::default(),
        cancel: Some(&flag),
    };
    let err = import_path_with(&ws, &good_bundle(), &opts, &|_| {}).unwrap_err();
    assert_eq!(err.code(), "import_cancelled");
    assert_eq!(snapshot(&ws), before);
    assert!(media_files(&ws).is_empty());
}

#[test]
fn unknown_folders_and_files_are_ignored() {
    let (d, ws) = new_ws();
    let copy = d.path().join("extra");
    copy_dir(&good_bundle(), &copy);
    std::fs::create_dir_all(copy.join("exports/old")).unwrap();
    std::fs::write(copy.join("exports/old/not-json.json"), b"{{{ garbage").unwrap();
    std::fs::write(copy.join("manifest.json"), b"not json either").unwrap();
    std::fs::write(copy.join("postings/README.md"), b"# notes").unwrap();
    assert_good_counts(&import(&ws, &copy));
}

#[test]
fn csv_import_creates_and_merges_candidates() {
    let (d, ws) = new_ws();
    import(&ws, &good_bundle());
    let csv = d.path().join("people.csv");
    std::fs::write(
        &csv,
        "name,email,phone,posting_id,location,country,score,Team,status\n\
         Zoë Martin,zoe@example.fr,+33 1 00,P100,Lyon,FR,66.5,North,completed\n\
         \"Kim, Ji-woo\",kim@example.kr,,P200,,KR,,South,\n",
    )
    .unwrap();
    let s = import(&ws, &csv);
    assert_eq!(s.candidates, c(2, 0, 0), "{s}");
    let id = shortlist_core::import::csv::derived_interview_id("P100", "zoe@example.fr");
    let row: (String, String, Option<String>, Option<String>, Option<String>, f64, String, String) = ws
        .reader()
        .query_row(
            "SELECT name, posting_id, phone, location, country, score, imported_status, custom FROM candidates WHERE interview_id = ?1",
            [&id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?, r.get(7)?)),
        )
        .unwrap();
    assert_eq!(row.0, "Zoë Martin");
    assert_eq!(row.1, "P100");
    assert_eq!(
        (row.2.as_deref(), row.3.as_deref(), row.4.as_deref()),
        (Some("+33 1 00"), Some("Lyon"), Some("FR"))
    );
    assert_eq!((row.5, row.6.as_str()), (66.5, "completed"));
    assert!(row.7.contains("\"data.team\":\"North\""), "{}", row.7);
    // same CSV again: unchanged
    let s = import(&ws, &csv);
    assert_eq!(s.candidates, c(0, 0, 2), "{s}");
}

#[test]
fn replaced_media_bytes_under_the_same_name_update_the_candidate() {
    let (d, ws) = new_ws();
    import(&ws, &good_bundle());
    let old: String = ws
        .reader()
        .query_row(
            "SELECT hash FROM candidate_media WHERE interview_id = 'I001' AND kind = 'resume'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let copy = d.path().join("newpdf");
    copy_dir(&good_bundle(), &copy);
    std::fs::write(
        copy.join("media/I001/resume.pdf"),
        b"%PDF-1.4\n% updated resume\n",
    )
    .unwrap();
    let s = import(&ws, &copy);
    assert_eq!(s.media, c(1, 0, 3), "{s}");
    assert_eq!(s.candidates, c(0, 1, 4), "{s}");
    let new: String = ws
        .reader()
        .query_row(
            "SELECT hash FROM candidate_media WHERE interview_id = 'I001' AND kind = 'resume'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_ne!(old, new);
}

#[test]
fn new_candidates_get_the_derived_columns_refresh_derived_computes() {
    // New rows are inserted with progress / imported decision / flag count
    // computed up front; they must equal what `refresh_derived` writes.
    let (_d, ws) = new_ws();
    import(&ws, &good_bundle());
    let read = |ws: &shortlist_core::Workspace| -> Vec<(String, String, Option<String>, i64)> {
        let conn = ws.reader();
        let mut st = conn
            .prepare("SELECT interview_id, progress, imported_decision, flag_count FROM candidates ORDER BY interview_id")
            .unwrap();
        let rows = st
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
            .unwrap()
            .map(|r| r.unwrap())
            .collect();
        rows
    };
    let inserted = read(&ws);
    assert!(inserted.iter().any(|r| r.3 > 0), "{inserted:?}");
    assert!(inserted.iter().any(|r| r.1 != "pending"), "{inserted:?}");
    shortlist_core::project::refresh_derived(&ws.writer(), None).unwrap();
    assert_eq!(read(&ws), inserted);
}

#[test]
fn reimport_replaces_the_index_row_of_an_updated_candidate() {
    let (d, ws) = new_ws();
    import(&ws, &good_bundle());
    let copy = d.path().join("b2");
    copy_dir(&good_bundle(), &copy);
    let p = copy.join("interviews/I001.json");
    let text = std::fs::read_to_string(&p).unwrap();
    assert!(text.contains("bakery"));
    std::fs::write(&p, text.replace("bakery", "patisserie")).unwrap();
    let s = import(&ws, &copy);
    assert_eq!(s.interviews.updated, 1, "{s}");
    let hits = |q: &str| {
        count(
            &ws,
            &format!("SELECT count(*) FROM fts WHERE fts MATCH '{q}'"),
        )
    };
    assert_eq!(hits("patisserie"), 1);
    assert_eq!(hits("bakery"), 0);
    // one index row per candidate, none left behind
    assert_eq!(
        count(&ws, "SELECT count(*) FROM fts"),
        count(&ws, "SELECT count(*) FROM candidates")
    );
}

#[test]
fn the_import_is_durable_in_the_wal_and_checkpointed_in_the_background() {
    let (d, ws) = new_ws();
    let before = ws
        .writer()
        .query_row("PRAGMA wal_autocheckpoint", [], |r| r.get::<_, i64>(0))
        .unwrap();
    import(&ws, &good_bundle());
    // Committed: a connection of its own sees every candidate at once.
    let other = rusqlite::Connection::open(ws.db_path()).unwrap();
    assert_eq!(cnt(&other, "SELECT count(*) FROM candidates"), 5);
    drop(other);
    // The writer's own automatic checkpoint is back as it was.
    let after = ws
        .writer()
        .query_row("PRAGMA wal_autocheckpoint", [], |r| r.get::<_, i64>(0))
        .unwrap();
    assert_eq!(after, before);
    // The import turned the automatic checkpoint off for its commit, so the
    // rows reach the database file only through the background checkpoint:
    // once it is done, the file alone (no WAL beside it) holds them.
    ws.wait_for_checkpoint();
    let alone = d.path().join("alone");
    std::fs::create_dir(&alone).unwrap();
    std::fs::copy(ws.db_path(), alone.join("workspace.db")).unwrap();
    let copy = rusqlite::Connection::open(alone.join("workspace.db")).unwrap();
    assert_eq!(cnt(&copy, "SELECT count(*) FROM candidates"), 5);
    assert_eq!(cnt(&copy, "SELECT count(*) FROM postings"), 2);
    // The same bundle again, with the checkpointed file under it: a no-op.
    assert!(import(&ws, &good_bundle()).is_noop());
}

/// Interview documents are written as they are parsed; problems found in
/// documents after the first ones written still leave nothing behind.
#[test]
fn problems_found_after_records_were_written_roll_everything_back() {
    let (d, ws) = new_ws();
    import(&ws, &good_bundle());
    let before = snapshot(&ws);
    let media_before = media_files(&ws);
    let copy = d.path().join("late");
    copy_dir(&good_bundle(), &copy);
    std::fs::create_dir_all(copy.join("media/N")).unwrap();
    std::fs::write(copy.join("media/N/resume.pdf"), b"%PDF-1.4\n% new\n").unwrap();
    // Ids are written in order: I010–I014 (one with a new résumé) come
    // before the bad documents.
    for n in 10..20 {
        let id = format!("I0{n}");
        let text = match n {
            15 => r#"{"interview_id":"I015","posting_id":"P100","name":"#.to_string(),
            18 => r#"{"interview_id":"I018","posting_id":"P100","name":"N","email":"n@x.io","status":"completed","score":"high"}"#.to_string(),
            _ => format!(
                r#"{{"interview_id":"{id}","posting_id":"P100","name":"N{n}","email":"n{n}@x.io","status":"completed",
                    "resume":{{"resume_url":"media/N/resume.pdf"}}}}"#
            ),
        };
        std::fs::write(copy.join(format!("interviews/{id}.json")), text).unwrap();
    }
    let err = import_path(&ws, &copy, &|_| {}).unwrap_err();
    assert_eq!(err.code(), "import_invalid");
    let where_: Vec<_> = err
        .problems()
        .iter()
        .map(|p| (p.file.as_str(), p.field.as_deref()))
        .collect();
    assert_eq!(
        where_,
        [
            ("interviews/I015.json", None),
            ("interviews/I018.json", Some("score"))
        ],
        "{err}"
    );
    assert!(err.to_string().contains("truncated JSON"), "{err}");
    assert_eq!(snapshot(&ws), before);
    assert_eq!(media_files(&ws), media_before);

    // The same bundle without the bad documents imports all ten.
    std::fs::remove_file(copy.join("interviews/I015.json")).unwrap();
    std::fs::remove_file(copy.join("interviews/I018.json")).unwrap();
    let s = import(&ws, &copy);
    assert_eq!(s.interviews, c(8, 0, 3), "{s}");
    assert_eq!(s.media, c(1, 0, 4), "{s}");
}

/// Two interview documents named after the same id (`I001.json` and
/// `I001.JSON`): merged when their content is the same, refused when not.
#[test]
fn interview_documents_named_alike_merge_only_when_equal() {
    let (d, ws) = new_ws();
    let copy = d.path().join("twice");
    copy_dir(&good_bundle(), &copy);
    let text = std::fs::read_to_string(copy.join("interviews/I001.json")).unwrap();
    let value: serde_json::Value = serde_json::from_str(&text).unwrap();
    // same content, other layout
    std::fs::write(
        copy.join("interviews/I001.JSON"),
        serde_json::to_string(&value).unwrap(),
    )
    .unwrap();
    let s = import_path(&ws, &copy, &|_| {}).unwrap();
    assert_eq!(s.interviews, c(3, 0, 0), "{s}");
    let empty = new_ws();
    std::fs::write(
        copy.join("interviews/I001.JSON"),
        text.replacen("79.0", "80.0", 1),
    )
    .unwrap();
    let err = import_path(&empty.1, &copy, &|_| {}).unwrap_err();
    assert_eq!(err.problems().len(), 1, "{err}");
    assert!(
        err.to_string().contains(
            "interviews/I001.json: record `I001`: interview `I001` also appears in interviews/I001.JSON with different content"
        ),
        "{err}"
    );
    assert_eq!(count(&empty.1, "SELECT count(*) FROM candidates"), 0);
}

/// A new candidate's rows are projected on the importer's parser threads
/// (`project::Projected`); they must be what projecting its stored records
/// gives, for a posting in the bundle and for one only in the workspace.
#[test]
fn rows_projected_while_parsing_match_the_stored_records_projection() {
    let (d, ws) = new_ws();
    import(&ws, &good_bundle());
    // a later bundle without postings: its posting is the workspace's
    let later = d.path().join("later");
    std::fs::create_dir_all(later.join("interviews")).unwrap();
    let text = std::fs::read_to_string(good_bundle().join("interviews/I001.json"))
        .unwrap()
        .replace("I001", "I020")
        .replace("cand_1", "cand_20");
    std::fs::write(later.join("interviews/I020.json"), text).unwrap();
    copy_dir(&good_bundle().join("media/I001"), &later.join("media/I020"));
    let s = import(&ws, &later);
    assert_eq!(s.candidates, c(1, 0, 0), "{s}");

    let rows = |ws: &shortlist_core::Workspace| {
        let conn = ws.reader();
        let mut out = Vec::new();
        for (table, order) in [
            ("candidates", "interview_id"),
            ("steps", "interview_id, step_order"),
            ("scorecard", "interview_id, question_id"),
            ("tags", "interview_id, rowid"),
            ("cheat_flags", "interview_id, seq"),
            ("candidate_media", "interview_id, kind"),
        ] {
            let mut st = conn
                .prepare(&format!("SELECT * FROM {table} ORDER BY {order}"))
                .unwrap();
            let names: Vec<String> = st.column_names().map(|n| n.to_string()).collect();
            let n = names.len();
            let got: Vec<String> = st
                .query_map([], |r| {
                    let vals: Vec<String> = (0..n)
                        .filter(|&i| names[i] != "imported_at")
                        .map(|i| format!("{:?}", r.get::<_, rusqlite::types::Value>(i).unwrap()))
                        .collect();
                    Ok(format!("{table}: {}", vals.join(", ")))
                })
                .unwrap()
                .map(|r| r.unwrap())
                .collect();
            out.extend(got);
        }
        out
    };
    let imported = rows(&ws);
    assert!(imported.iter().any(|r| r.contains("\"I020\"")));
    {
        let mut conn = ws.writer();
        let tx = conn.transaction().unwrap();
        let ids: Vec<String> = tx
            .prepare("SELECT interview_id FROM candidates")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .map(|r| r.unwrap())
            .collect();
        for id in &ids {
            shortlist_core::project::project_interview(&tx, id).unwrap();
        }
        tx.commit().unwrap();
    }
    assert_eq!(rows(&ws), imported);
}
