//! Sync at volume against a changeable scripted HeyMilo: incremental (a
//! second sync fetches nothing; one change fetches exactly that one),
//! resumable after a network cut and after a cancel (nothing fetched twice,
//! counted per request), an interview deleted between listing and fetch is
//! skipped and named while the rest lands, interviews deleted upstream are
//! offered for erasure, size limits are the import's.

mod common;

use std::sync::atomic::{AtomicBool, Ordering};

use common::fake_heymilo::{client, Upstream, KEY, WEBM};
use shortlist_core::Workspace;
use shortlist_delivery::heymilo::{Client, ClientConfig};
use shortlist_delivery::secrets::Secret;
use shortlist_delivery::sync::{
    deleted_upstream, sync, sync_with, SyncOptions, SyncProgress, LAST_SYNC_SETTING, STAGING_DIR,
};
use shortlist_delivery::DeliveryError;

fn count(ws: &Workspace, sql: &str) -> i64 {
    ws.reader().query_row(sql, [], |r| r.get(0)).unwrap()
}

fn all() -> SyncOptions {
    SyncOptions {
        media: true,
        ..SyncOptions::default()
    }
}

fn with_data(ws: &Workspace) -> i64 {
    count(
        ws,
        "SELECT count(*) FROM candidates WHERE interview_raw IS NOT NULL",
    )
}

fn video_bytes(ws: &Workspace, id: &str) -> Vec<u8> {
    let hash: String = ws
        .reader()
        .query_row(
            "SELECT hash FROM candidate_media WHERE interview_id = ?1 AND kind = 'video'",
            [id],
            |r| r.get(0),
        )
        .unwrap();
    let path = shortlist_core::store::media::path_for(&ws.media_dir(), &hash).unwrap();
    std::fs::read(path).unwrap()
}

fn sorted(mut v: Vec<String>) -> Vec<String> {
    v.sort();
    v
}

fn data_path(id: &str) -> String {
    format!("/api/v2/interviews/{id}/data")
}

const ALL_IDS: [&str; 6] = [
    "post_a_int_0",
    "post_a_int_1",
    "post_a_int_2",
    "post_a_int_3",
    "post_a_int_4",
    "post_b_int_0",
];

#[test]
fn second_sync_fetches_nothing_and_a_change_fetches_exactly_that_one() {
    let dir = tempfile::tempdir().unwrap();
    let ws = Workspace::open(dir.path()).unwrap();
    let up = Upstream::start();
    let c = client(&up.url());

    let from = up.server.seen();
    let r1 = sync(&ws, &c, &all(), &|_| {}).unwrap();
    assert_eq!(up.data_fetches(from).len(), 6);
    assert_eq!(up.media_fetches(from).len(), 2);
    assert_eq!((r1.fetched, r1.unchanged, r1.resumed), (6, 0, 0));
    assert_eq!(with_data(&ws), 6);
    assert_eq!(video_bytes(&ws, "post_a_int_3"), WEBM);
    assert!(
        !dir.path().join(STAGING_DIR).exists(),
        "a completed sync removes its staging"
    );

    // Nothing changed upstream: no interview document, no recording.
    let from = up.server.seen();
    let r2 = sync(&ws, &c, &all(), &|_| {}).unwrap();
    assert_eq!(up.data_fetches(from), Vec::<String>::new());
    assert_eq!(up.media_fetches(from), Vec::<String>::new());
    assert_eq!((r2.fetched, r2.unchanged, r2.interviews), (0, 6, 0));
    assert!(r2.import.as_ref().unwrap().is_noop(), "{:?}", r2.import);

    // One candidate progressed: exactly that one is fetched, with its
    // recording, and its new data lands.
    up.change("post_a_int_3");
    let from = up.server.seen();
    let r3 = sync(&ws, &c, &all(), &|_| {}).unwrap();
    assert_eq!(up.data_fetches(from), vec![data_path("post_a_int_3")]);
    assert_eq!(up.media_fetches(from), vec!["/media/post_a_int_3.webm"]);
    assert_eq!((r3.fetched, r3.unchanged), (1, 5));
    let imp = r3.import.as_ref().unwrap();
    assert_eq!(imp.candidates.updated, 1, "{imp:?}");
    assert_eq!(imp.interviews.updated, 1, "{imp:?}");
    let score: f64 = ws
        .reader()
        .query_row(
            "SELECT video_score FROM candidates WHERE interview_id = 'post_a_int_3'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(score, 51.0);

    // A refresh of a selection fetches it even when unchanged.
    let from = up.server.seen();
    sync(
        &ws,
        &c,
        &SyncOptions {
            interviews: vec!["post_b_int_0".into()],
            ..all()
        },
        &|_| {},
    )
    .unwrap();
    assert_eq!(up.data_fetches(from), vec![data_path("post_b_int_0")]);

    // Without media, an unchanged interview whose recording never arrived
    // is not refetched; with media it is, until the recording lands.
    up.change("post_a_int_0");
    sync(
        &ws,
        &c,
        &SyncOptions {
            media: false,
            ..all()
        },
        &|_| {},
    )
    .unwrap();
    let remote: i64 = count(
        &ws,
        "SELECT count(*) FROM candidate_media WHERE interview_id = 'post_a_int_0' AND hash IS NULL AND remote_url IS NOT NULL",
    );
    assert_eq!(remote, 1, "without media the recording stays remote");
    let from = up.server.seen();
    sync(&ws, &c, &all(), &|_| {}).unwrap();
    assert_eq!(up.data_fetches(from), vec![data_path("post_a_int_0")]);
    assert_eq!(up.media_fetches(from), vec!["/media/post_a_int_0.webm"]);
    let from = up.server.seen();
    sync(&ws, &c, &all(), &|_| {}).unwrap();
    assert!(up.data_fetches(from).is_empty());
}

#[test]
fn interview_deleted_between_list_and_fetch_is_skipped_and_named() {
    let dir = tempfile::tempdir().unwrap();
    let ws = Workspace::open(dir.path()).unwrap();
    let up = Upstream::start();
    {
        let mut s = up.state.lock().unwrap();
        s.gone_404.insert("post_a_int_2".into());
        s.gone_410.insert("post_b_int_0".into());
    }
    let c = client(&up.url());
    let r = sync(&ws, &c, &all(), &|_| {}).unwrap();
    let skipped: Vec<&str> = r.skipped.iter().map(|s| s.interview_id.as_str()).collect();
    assert_eq!(skipped, vec!["post_a_int_2", "post_b_int_0"]);
    assert!(r.skipped[0].reason.contains("HTTP 404"), "{:?}", r.skipped);
    assert!(r.skipped[1].reason.contains("HTTP 410"), "{:?}", r.skipped);
    // The rest landed; the deleted ones were not added.
    assert_eq!(count(&ws, "SELECT count(*) FROM candidates"), 4);
    assert_eq!(with_data(&ws), 4);
    assert_eq!(
        count(
            &ws,
            "SELECT count(*) FROM candidates WHERE interview_id IN ('post_a_int_2', 'post_b_int_0')"
        ),
        0
    );
    assert_eq!(r.candidates, 4);
    assert!(
        r.deleted_upstream.is_empty(),
        "never local: nothing to erase"
    );
    assert!(shortlist_core::actions::setting(&ws, LAST_SYNC_SETTING)
        .unwrap()
        .is_some());
}

#[test]
fn interviews_deleted_upstream_are_offered_for_erasure() {
    let dir = tempfile::tempdir().unwrap();
    let ws = Workspace::open(dir.path()).unwrap();
    let up = Upstream::start();
    let c = client(&up.url());
    sync(&ws, &c, &all(), &|_| {}).unwrap();
    assert!(deleted_upstream(&ws).unwrap().is_empty());

    // One disappears from its interviewer's list; another is still listed
    // (changed) but answers 404 when fetched.
    up.remove("post_a_int_4");
    up.change("post_a_int_1");
    up.state
        .lock()
        .unwrap()
        .gone_404
        .insert("post_a_int_1".into());
    let r = sync(&ws, &c, &all(), &|_| {}).unwrap();
    assert_eq!(r.deleted_upstream, vec!["post_a_int_1", "post_a_int_4"]);
    assert_eq!(r.skipped.len(), 1);
    assert_eq!(r.skipped[0].interview_id, "post_a_int_1");
    assert_eq!(
        deleted_upstream(&ws).unwrap(),
        vec!["post_a_int_1", "post_a_int_4"]
    );
    // Kept locally (with their data) until the reviewer erases them.
    assert_eq!(with_data(&ws), 6);

    // A sync of another interviewer keeps what was found for post_a.
    let r = sync(
        &ws,
        &c,
        &SyncOptions {
            postings: vec!["post_b".into()],
            ..all()
        },
        &|_| {},
    )
    .unwrap();
    assert_eq!(r.deleted_upstream, vec!["post_a_int_1", "post_a_int_4"]);

    // It comes back upstream: no longer offered.
    up.state.lock().unwrap().gone_404.clear();
    let r = sync(&ws, &c, &all(), &|_| {}).unwrap();
    assert_eq!(r.deleted_upstream, vec!["post_a_int_4"]);
    assert_eq!(deleted_upstream(&ws).unwrap(), vec!["post_a_int_4"]);
}

#[test]
fn a_sync_cut_off_resumes_without_fetching_again() {
    let dir = tempfile::tempdir().unwrap();
    let ws = Workspace::open(dir.path()).unwrap();
    let up = Upstream::start();
    let c = client(&up.url());

    // Fetch order: post_a_int_0 (document, recording), post_a_int_1,
    // post_a_int_2; then the network goes.
    up.cut_after(4);
    let from = up.server.seen();
    let err = sync(&ws, &c, &all(), &|_| {}).unwrap_err();
    assert!(matches!(err, DeliveryError::Api(_)), "{err}");
    assert!(err.to_string().contains("cannot reach"), "{err}");
    let cut_run: Vec<String> = up.data_fetches(from);
    assert_eq!(
        cut_run[..3],
        [
            data_path("post_a_int_0"),
            data_path("post_a_int_1"),
            data_path("post_a_int_2")
        ]
    );
    // Nothing written to the workspace, no time recorded.
    assert_eq!(count(&ws, "SELECT count(*) FROM candidates"), 0);
    assert_eq!(count(&ws, "SELECT count(*) FROM postings"), 0);
    assert!(shortlist_core::actions::setting(&ws, LAST_SYNC_SETTING)
        .unwrap()
        .is_none());
    assert!(dir.path().join(STAGING_DIR).join("fetched").is_dir());

    // Meanwhile one of the staged candidates progressed upstream.
    up.change("post_a_int_1");
    up.restore();
    let from = up.server.seen();
    let r = sync(&ws, &c, &all(), &|_| {}).unwrap();
    assert_eq!(
        sorted(up.data_fetches(from)),
        vec![
            data_path("post_a_int_1"),
            data_path("post_a_int_3"),
            data_path("post_a_int_4"),
            data_path("post_b_int_0"),
        ],
        "staged and unchanged interviews are not fetched again"
    );
    assert_eq!(
        up.media_fetches(from),
        vec!["/media/post_a_int_3.webm"],
        "the staged recording is not downloaded again"
    );
    assert_eq!((r.resumed, r.fetched, r.interviews), (2, 4, 6));
    assert_eq!(count(&ws, "SELECT count(*) FROM candidates"), 6);
    assert_eq!(with_data(&ws), 6);
    assert_eq!(video_bytes(&ws, "post_a_int_0"), WEBM);
    let score: f64 = ws
        .reader()
        .query_row(
            "SELECT video_score FROM candidates WHERE interview_id = 'post_a_int_1'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(score, 51.0, "the changed one landed in its new version");
    assert!(!dir.path().join(STAGING_DIR).exists());
}

#[test]
fn cancel_writes_nothing_and_the_next_sync_continues() {
    let dir = tempfile::tempdir().unwrap();
    let ws = Workspace::open(dir.path()).unwrap();
    let up = Upstream::start();
    let c = client(&up.url());

    // Cancel once two interviews are done (the third, under way, finishes).
    let cancel = AtomicBool::new(false);
    let phases = std::sync::Mutex::new(Vec::<SyncProgress>::new());
    let from = up.server.seen();
    let err = sync_with(
        &ws,
        &c,
        &all(),
        &|p| {
            if p.phase == "interviews" && p.done == 2 {
                cancel.store(true, Ordering::SeqCst);
            }
            phases.lock().unwrap().push(p);
        },
        &cancel,
    )
    .unwrap_err();
    assert!(matches!(err, DeliveryError::Cancelled), "{err}");
    assert!(err.to_string().contains("sync-staging"), "{err}");
    let first: Vec<String> = up.data_fetches(from);
    assert_eq!(first.len(), 3, "{first:?}");
    let phases = phases.into_inner().unwrap();
    assert_eq!(phases[0].phase, "postings");
    assert!(phases
        .iter()
        .any(|p| p.phase == "candidates" && p.total == 2));
    assert!(phases
        .iter()
        .any(|p| p.phase == "interviews" && p.total == 6));
    assert_eq!(count(&ws, "SELECT count(*) FROM candidates"), 0);
    assert_eq!(
        count(&ws, "SELECT count(*) FROM audit WHERE action = 'sync.run'"),
        0
    );

    // Cancelled again at the merge: still nothing written, and nothing
    // fetched twice.
    let cancel = AtomicBool::new(false);
    let from = up.server.seen();
    let err = sync_with(
        &ws,
        &c,
        &all(),
        &|p| {
            if p.phase == "import" {
                cancel.store(true, Ordering::SeqCst);
            }
        },
        &cancel,
    )
    .unwrap_err();
    assert!(matches!(err, DeliveryError::Cancelled), "{err}");
    let second = up.data_fetches(from);
    assert_eq!(second.len(), 3, "{second:?}");
    assert!(second.iter().all(|p| !first.contains(p)), "{second:?}");
    assert_eq!(count(&ws, "SELECT count(*) FROM candidates"), 0);

    // The next sync lands everything from staging without a request.
    let from = up.server.seen();
    let r = sync(&ws, &c, &all(), &|_| {}).unwrap();
    assert!(up.data_fetches(from).is_empty());
    assert!(up.media_fetches(from).is_empty());
    assert_eq!((r.resumed, r.fetched), (6, 0));
    assert_eq!(with_data(&ws), 6);
    assert_eq!(video_bytes(&ws, "post_a_int_3"), WEBM);
    let ids: Vec<String> = {
        let conn = ws.reader();
        let mut st = conn
            .prepare("SELECT interview_id FROM candidates ORDER BY interview_id")
            .unwrap();
        let rows = st.query_map([], |r| r.get(0)).unwrap();
        rows.map(Result::unwrap).collect()
    };
    assert_eq!(ids, ALL_IDS);
}

#[test]
fn two_syncs_of_one_workspace_do_not_run_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let ws = Workspace::open(dir.path()).unwrap();
    let up = Upstream::start();
    let staging = dir.path().join(STAGING_DIR);
    std::fs::create_dir_all(&staging).unwrap();
    let held = std::fs::File::create(staging.join("lock")).unwrap();
    held.lock().unwrap();
    let err = sync(&ws, &client(&up.url()), &all(), &|_| {}).unwrap_err();
    assert!(matches!(err, DeliveryError::SyncRunning { .. }), "{err}");
    assert_eq!(up.server.seen(), 0, "nothing requested");
    drop(held);
    sync(&ws, &client(&up.url()), &all(), &|_| {}).unwrap();
    assert_eq!(with_data(&ws), 6);
}

#[test]
fn size_limits_are_the_imports() {
    let dir = tempfile::tempdir().unwrap();
    let ws = Workspace::open(dir.path()).unwrap();
    let up = Upstream::start();
    let limited = |json: u64, media: u64| {
        Client::new(
            &up.url(),
            Secret::new(KEY),
            ClientConfig {
                max_wait: std::time::Duration::from_millis(20),
                base_wait: std::time::Duration::from_millis(5),
                limits: shortlist_core::import::Limits {
                    max_json_bytes: json,
                    max_media_bytes: media,
                    ..Default::default()
                },
                ..ClientConfig::default()
            },
        )
        .unwrap()
    };
    assert_eq!(
        ClientConfig::default().limits.max_media_bytes,
        shortlist_core::import::Limits::default().max_media_bytes
    );
    assert_eq!(
        ClientConfig::default().limits.max_json_bytes,
        shortlist_core::import::Limits::default().max_json_bytes
    );
    // A recording over the media limit is refused (and reported), the
    // interview still lands with its remote URL.
    let r = sync(&ws, &limited(1 << 20, 4), &all(), &|_| {}).unwrap();
    assert_eq!(r.media_failed.len(), 2);
    assert!(
        r.media_failed[0].reason.contains("limit for a media file"),
        "{:?}",
        r.media_failed
    );
    assert_eq!(with_data(&ws), 6);
    // A JSON response over the JSON limit stops the sync.
    let err = sync(&ws, &limited(16, 1 << 20), &all(), &|_| {}).unwrap_err();
    assert!(err.to_string().contains("/api/v2/postings"), "{err}");
}
