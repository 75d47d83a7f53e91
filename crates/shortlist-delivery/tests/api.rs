//! HeyMilo API client, sync fetch and ATS push against a scripted loopback
//! server: pagination over 3 pages, a cursor that does not advance, 429 then
//! success, a `not_ready` interview, recordings, refused keys, malformed
//! responses.

mod common;

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use common::fake_heymilo::{candidate, client, heymilo, storage, KEY, WEBM};
use common::http_mock::{MockServer, Request, Response};
use common::{ids, seed};
use serde_json::{json, Value};
use shortlist_core::actions::messages::{self, QueueOptions};
use shortlist_core::actions::outbox::{self, OutboxStatus, RetryPolicy};
use shortlist_delivery::heymilo::{ApiError, Client, ClientConfig, InterviewFetch};
use shortlist_delivery::secrets::Secret;
use shortlist_delivery::sync::{fetch_bundle, SyncOptions};

#[test]
fn fetch_follows_cursors_backs_off_on_429_and_skips_not_ready() {
    let store = storage();
    let (api, rate_limited) = heymilo(store.url());
    let c = client(&api.url());
    let dir = tempfile::tempdir().unwrap();
    let report = fetch_bundle(
        &c,
        &SyncOptions {
            postings: vec![],
            media: true,
            interviews: vec![],
        },
        dir.path(),
        &|_| {},
    )
    .unwrap();

    assert_eq!(report.postings, 2);
    assert_eq!(report.candidates, 6);
    assert_eq!(report.interviews, 5);
    assert_eq!(report.not_ready, vec!["post_a_int_2".to_string()]);
    assert_eq!(report.media_downloaded, 2, "{:?}", report.media_failed);
    assert_eq!(
        rate_limited.load(Ordering::SeqCst),
        2,
        "429 once, then success"
    );

    // Pagination: 3 pages with the right cursors and limit.
    let reqs = api.requests();
    let pages: Vec<Option<String>> = reqs
        .iter()
        .filter(|r| r.path == "/api/v2/postings/post_a/candidates")
        .map(|r| {
            assert_eq!(r.query.get("limit").map(String::as_str), Some("2"));
            r.query.get("starting_after").cloned()
        })
        .collect();
    assert_eq!(
        pages,
        vec![
            None,
            Some("post_a_int_1".into()),
            Some("post_a_int_3".into())
        ]
    );
    assert!(reqs
        .iter()
        .filter(|r| r.path.starts_with("/api/"))
        .all(|r| r.header("x-api-key") == Some(KEY)));
    // The key never goes to the storage host.
    let sreqs = store.requests();
    assert_eq!(sreqs.len(), 1);
    assert!(sreqs[0].header("x-api-key").is_none());

    // The bundle: SPEC F4 layout, objects as received (unknown fields kept).
    let cands: Value =
        serde_json::from_slice(&std::fs::read(dir.path().join("candidates/post_a.json")).unwrap())
            .unwrap();
    assert_eq!(cands["data"].as_array().unwrap().len(), 5);
    assert_eq!(cands["data"][4]["future_field"]["kept"], true);
    assert!(dir.path().join("postings/post_b.json").exists());
    assert!(!dir.path().join("interviews/post_a_int_2.json").exists());
    let int0: Value = serde_json::from_slice(
        &std::fs::read(dir.path().join("interviews/post_a_int_0.json")).unwrap(),
    )
    .unwrap();
    assert_eq!(
        int0["web_interview"]["video_recording_url"],
        "media/post_a_int_0/video"
    );
    assert_eq!(int0["resume"]["resume_url"], "media/post_a_int_0/resume");
    assert_eq!(
        std::fs::read(dir.path().join("media/post_a_int_0/video")).unwrap(),
        WEBM
    );
    assert!(report.waited_secs >= 0.0);
}

#[test]
fn cursor_that_does_not_advance_stops_with_an_error() {
    let server = MockServer::start(|r: &Request| match r.path.as_str() {
        "/api/v2/postings" => Response::json(
            200,
            json!({"data": [{"id": "p", "title": "T", "status": "active"}], "pagination": {"has_more": false}}),
        ),
        // Always the same page, always "has_more".
        _ => Response::json(
            200,
            json!({"data": [candidate("p", 0), candidate("p", 1)], "pagination": {"has_more": true}}),
        ),
    });
    let c = client(&server.url());
    let dir = tempfile::tempdir().unwrap();
    let err = fetch_bundle(&c, &SyncOptions::default(), dir.path(), &|_| {}).unwrap_err();
    let msg = err.to_string();
    assert!(
        msg.contains("cursor did not advance") && msg.contains("p_int_1"),
        "{msg}"
    );
    assert_eq!(shortlist_core::Coded::code(&err), "api_cursor_stuck");
    let calls = server
        .requests()
        .iter()
        .filter(|r| r.path.ends_with("/candidates"))
        .count();
    assert_eq!(calls, 2, "stopped at the first repeated cursor");

    // has_more with an empty page (no cursor at all) also stops.
    let server = MockServer::start(|_r: &Request| {
        Response::json(200, json!({"data": [], "pagination": {"has_more": true}}))
    });
    let err = client(&server.url()).postings().unwrap_err();
    assert!(matches!(err, ApiError::CursorStuck { .. }), "{err}");
}

#[test]
fn refused_key_rate_limit_exhaustion_and_malformed_responses_are_clear() {
    let (api, _) = heymilo("http://127.0.0.1:9".into());
    let bad = Client::new(&api.url(), Secret::new("wrong"), ClientConfig::default()).unwrap();
    let err = bad.postings().unwrap_err();
    assert!(matches!(err, ApiError::Unauthorized { .. }), "{err}");
    assert!(!err.to_string().contains("wrong"));

    let always_429 = MockServer::start(|_r: &Request| {
        Response::json(429, json!({})).with_header("Retry-After", "0")
    });
    let err = client(&always_429.url()).postings().unwrap_err();
    assert!(
        matches!(err, ApiError::RateLimited { attempts: 4, .. }),
        "{err}"
    );
    assert_eq!(always_429.requests().len(), 4, "bounded retries");

    let malformed = MockServer::start(|r: &Request| {
        if r.path == "/api/v2/postings" {
            Response::json(
                200,
                json!({"data": {"not": "a list"}, "pagination": {"has_more": false}}),
            )
        } else {
            Response::bytes(200, b"<html>oops</html>".to_vec())
        }
    });
    let c = client(&malformed.url());
    let err = c.postings().unwrap_err();
    assert!(err.to_string().contains("`data` should be a list"), "{err}");
    let err = c.interview_data("x").unwrap_err();
    assert!(err.to_string().contains("not JSON"), "{err}");

    // not_ready signalled as an API error code is understood too.
    let nr = MockServer::start(|_r: &Request| {
        Response::json(
            409,
            json!({"error": {"type": "invalid_request_error", "code": "not_ready", "message": "Interview not finished"}}),
        )
    });
    assert_eq!(
        client(&nr.url()).interview_data("i").unwrap(),
        InterviewFetch::NotReady
    );
}

#[test]
fn ats_push_delivers_and_polls_status() {
    let dir = tempfile::tempdir().unwrap();
    let ws = seed(dir.path());
    let calls = Arc::new(AtomicUsize::new(0));
    let c2 = calls.clone();
    let server = MockServer::start(
        move |r: &Request| match (r.method.as_str(), r.path.as_str()) {
            ("POST", "/api/v2/ats/candidates/push") => {
                let body: Value = serde_json::from_str(&r.body).unwrap();
                if c2.fetch_add(1, Ordering::SeqCst) == 0 {
                    return Response::json(429, json!({})).with_header("Retry-After", "0");
                }
                if body["ats_name"] == "greenhouse" {
                    return Response::json(
                        400,
                        json!({"error": {"type": "invalid_request_error", "code": "unsupported_ats", "message": "Unsupported ATS provider"}}),
                    );
                }
                Response::json(
                    200,
                    json!({"data": {"status": "queued", "item_id": format!("q_{}", body["interview_id"].as_str().unwrap())}}),
                )
            }
            ("GET", p) if p.starts_with("/api/v2/ats/candidates/push/") => Response::json(
                200,
                json!({"data": {
                    "item_id": p.rsplit('/').next().unwrap(), "status": "completed", "retry_count": 1, "failure_instances": [{"reason": "x"}]
                }}),
            ),
            _ => Response::json(404, json!({})),
        },
    );
    messages::queue_ats_push(
        &ws,
        &ids(&["int_a", "int_c"]),
        "bullhorn",
        true,
        &QueueOptions::default(),
    )
    .unwrap();
    messages::queue_ats_push(
        &ws,
        &ids(&["int_b"]),
        "greenhouse",
        false,
        &QueueOptions::default(),
    )
    .unwrap();
    let c = client(&server.url());
    let r = shortlist_delivery::ats::send_ats(&ws, &c, &RetryPolicy::default()).unwrap();
    assert_eq!(r.count("sent"), 2, "{r:?}");
    assert_eq!(r.count("failed"), 1, "{r:?}");

    let items = outbox::list(&ws, None).unwrap();
    let a = items.iter().find(|i| i.interview_id == "int_a").unwrap();
    assert_eq!(a.status, OutboxStatus::Sent);
    assert_eq!(a.remote_id.as_deref(), Some("q_int_a"));
    assert_eq!(a.payload["candidate"]["first_name"], "Zoë");
    assert_eq!(a.payload["candidate"]["last_name"], "Ångström");
    let b = items.iter().find(|i| i.interview_id == "int_b").unwrap();
    assert_eq!(b.status, OutboxStatus::Failed);
    assert!(b
        .last_error
        .as_deref()
        .unwrap()
        .contains("Unsupported ATS provider"));

    // The request body is the spec's PushCandidateRequest.
    let push = server
        .requests()
        .into_iter()
        .find(|r| r.method == "POST" && r.body.contains("int_c"))
        .unwrap();
    let body: Value = serde_json::from_str(&push.body).unwrap();
    assert_eq!(body["ats_name"], "bullhorn");
    assert_eq!(body["posting_id"], "post_2");
    assert_eq!(body["create_submission"], true);
    assert!(body["candidate"]["ats_candidate_id"].is_null());
    assert_eq!(body["candidate"]["email"], "li.wei@example.test");

    let st = shortlist_delivery::ats::poll_ats(&ws, &c, None).unwrap();
    assert_eq!(st.len(), 2);
    assert!(st
        .iter()
        .all(|s| s.status == "completed" && s.failures == 1));
    assert_eq!(
        outbox::get(&ws, a.id).unwrap().remote_status.as_deref(),
        Some("completed")
    );
}
