//! Full sync (fetch + merge through the importer) against the scripted
//! HeyMilo: reviewer data survives, a second sync changes nothing, a
//! `not_ready` interview arrives on a later sync, a failed sync writes
//! nothing.

mod common;

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use common::fake_heymilo::{client, heymilo_with, storage, WEBM};
use common::http_mock::{MockServer, Request, Response};
use serde_json::json;
use shortlist_core::actions::{cohorts, notes};
use shortlist_core::Workspace;
use shortlist_delivery::sync::{sync, SyncOptions};

fn count(ws: &Workspace, sql: &str) -> i64 {
    ws.reader().query_row(sql, [], |r| r.get(0)).unwrap()
}

#[test]
fn sync_merges_like_import_and_never_touches_reviewer_data() {
    let dir = tempfile::tempdir().unwrap();
    let ws = Workspace::open(dir.path()).unwrap();
    let store = storage();
    let ready = Arc::new(AtomicBool::new(false));
    let (api, _) = heymilo_with(store.url(), ready.clone());
    let c = client(&api.url());
    let opts = SyncOptions {
        postings: vec![],
        media: true,
        interviews: vec![],
    };

    let last_at = || {
        shortlist_core::actions::setting(&ws, shortlist_delivery::sync::LAST_SYNC_SETTING)
            .unwrap()
            .map(|v| v.parse::<f64>().expect("a number"))
    };
    assert_eq!(last_at(), None);
    let started = shortlist_core::store::now();
    let r = sync(&ws, &c, &opts, &|_| {}).unwrap();
    // The completed sync recorded its time (for the app and the CLI alike).
    let first_at = last_at().expect("sync.last_at recorded");
    assert!(
        started <= first_at && first_at <= shortlist_core::store::now(),
        "{first_at}"
    );
    assert_eq!(r.not_ready, vec!["post_a_int_2".to_string()]);
    assert_eq!(count(&ws, "SELECT count(*) FROM postings"), 2);
    assert_eq!(count(&ws, "SELECT count(*) FROM candidates"), 6);
    assert_eq!(
        count(
            &ws,
            "SELECT count(*) FROM candidates WHERE interview_raw IS NOT NULL"
        ),
        5
    );
    let imp = r.import.as_ref().unwrap();
    assert_eq!(imp.postings.added, 2, "{imp:?}");
    assert_eq!(imp.candidates.added, 6, "{imp:?}");
    // The recording is in the workspace's content store.
    let hash: String = ws
        .reader()
        .query_row(
            "SELECT hash FROM candidate_media WHERE interview_id = 'post_a_int_0' AND kind = 'video'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let path = shortlist_core::store::media::path_for(&ws.media_dir(), &hash).unwrap();
    assert_eq!(std::fs::read(path).unwrap(), WEBM);

    // Reviewer data.
    notes::add_note(&ws, "post_a_int_0", Some(4.0), "Strong opener").unwrap();
    cohorts::create_cohort(&ws, "Pool").unwrap();
    cohorts::add_to_cohort(&ws, "Pool", &["post_a_int_1".to_string()]).unwrap();

    // Same data again: nothing changes, reviewer data intact.
    let r2 = sync(&ws, &c, &opts, &|_| {}).unwrap();
    let imp2 = r2.import.as_ref().unwrap();
    assert!(imp2.is_noop(), "{imp2:?}");
    assert_eq!(notes::list_notes(&ws, "post_a_int_0").unwrap().len(), 1);
    assert_eq!(
        cohorts::cohort_members(&ws, "Pool").unwrap(),
        vec!["post_a_int_1"]
    );

    // The interview that was not ready arrives on a later refresh of just
    // that candidate: only its interview and its interviewer's list are read.
    ready.store(true, Ordering::SeqCst);
    let seen_before = api.requests().len();
    let refresh = SyncOptions {
        interviews: vec!["post_a_int_2".into()],
        ..opts.clone()
    };
    let r3 = sync(&ws, &c, &refresh, &|_| {}).unwrap();
    assert!(r3.not_ready.is_empty());
    assert_eq!(r3.interviews, 1);
    let paths: Vec<String> = api.requests()[seen_before..]
        .iter()
        .map(|r| r.path.clone())
        .collect();
    assert!(paths.iter().all(|p| !p.contains("post_b")), "{paths:?}");
    assert_eq!(
        paths
            .iter()
            .filter(|p| p.ends_with("/data"))
            .collect::<Vec<_>>(),
        vec!["/api/v2/interviews/post_a_int_2/data"]
    );
    assert!(matches!(
        sync(
            &ws,
            &c,
            &SyncOptions {
                interviews: vec!["nope".into()],
                ..opts.clone()
            },
            &|_| {}
        ),
        Err(shortlist_delivery::DeliveryError::Action(_))
    ));
    assert_eq!(
        count(
            &ws,
            "SELECT count(*) FROM candidates WHERE interview_raw IS NOT NULL"
        ),
        6
    );

    // A sync that fails (cursor stuck) writes nothing and leaves no temp dir.
    let before = count(&ws, "SELECT count(*) FROM candidates");
    let broken = MockServer::start(|r: &Request| match r.path.as_str() {
        "/api/v2/postings" => Response::json(
            200,
            json!({"data": [{"id": "post_new", "title": "New", "status": "active"}], "pagination": {"has_more": false}}),
        ),
        _ => Response::json(
            200,
            json!({"data": [common::fake_heymilo::candidate("post_new", 0)], "pagination": {"has_more": true}}),
        ),
    });
    let at_before_failure = last_at();
    let err = sync(&ws, &client(&broken.url()), &opts, &|_| {}).unwrap_err();
    assert!(err.to_string().contains("cursor did not advance"), "{err}");
    assert_eq!(
        last_at(),
        at_before_failure,
        "a failed sync records no time"
    );
    assert_eq!(count(&ws, "SELECT count(*) FROM candidates"), before);
    assert_eq!(
        count(&ws, "SELECT count(*) FROM postings WHERE id = 'post_new'"),
        0
    );
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().starts_with(".sync-"))
        .collect();
    assert!(leftovers.is_empty());

    let report = shortlist_core::audit::verify(&ws.reader()).unwrap();
    assert!(report.is_intact());
    assert_eq!(
        count(&ws, "SELECT count(*) FROM audit WHERE action = 'sync.run'"),
        3
    );
}
