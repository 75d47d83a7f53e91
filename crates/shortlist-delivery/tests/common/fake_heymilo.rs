//! A scripted HeyMilo: two interviewers, cursor pagination, one 429, one
//! `not_ready` interview (switchable), a recording on the API host and a
//! résumé on a separate storage host.

#![allow(dead_code)]

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

use serde_json::{json, Value};
use shortlist_delivery::heymilo::{Client, ClientConfig};
use shortlist_delivery::secrets::Secret;

use super::http_mock::{MockServer, Request, Response};

pub const KEY: &str = "test-key-123";
pub const WEBM: &[u8] = &[
    0x1A, 0x45, 0xDF, 0xA3, 0x9F, 0x42, 0x86, 0x81, 0x01, 0x42, 0xF7,
];

pub fn client(url: &str) -> Client {
    Client::new(
        url,
        Secret::new(KEY),
        ClientConfig {
            page_limit: 2,
            max_attempts: 4,
            max_wait: Duration::from_millis(50),
            base_wait: Duration::from_millis(5),
            timeout: Duration::from_secs(10),
            stall_timeout: Duration::from_secs(10),
        },
    )
    .unwrap()
}

pub fn candidate(posting: &str, i: usize) -> Value {
    json!({
        "interview_id": format!("{posting}_int_{i}"),
        "candidate_id": format!("cand_{i}"),
        "posting_id": posting,
        "name": format!("Candidate {i}"),
        "email": format!("c{i}@example.test"),
        "status": "completed",
        "future_field": {"kept": true}
    })
}

pub fn page(items: &[Value], limit: usize, after: Option<&str>) -> Value {
    let start = match after {
        Some(a) => items
            .iter()
            .position(|c| c["interview_id"] == a)
            .map_or(items.len(), |p| p + 1),
        None => 0,
    };
    let end = (start + limit).min(items.len());
    json!({"data": items[start..end], "pagination": {"has_more": end < items.len(), "total_count": items.len()}})
}

/// A HeyMilo with two interviewers: post_a has 5 candidates (3 pages of 2),
/// post_b answers 429 once then 1 candidate; `post_a_int_2` is not ready;
/// `post_a_int_0` has a video on the API host and a résumé on `storage`.
pub fn heymilo(storage: String) -> (MockServer, Arc<AtomicUsize>) {
    heymilo_with(storage, Arc::new(AtomicBool::new(false)))
}

/// [`heymilo`] where `post_a_int_2` becomes ready when `int2_ready` is set.
pub fn heymilo_with(
    storage: String,
    int2_ready: Arc<AtomicBool>,
) -> (MockServer, Arc<AtomicUsize>) {
    let rate_limited = Arc::new(AtomicUsize::new(0));
    let rl = rate_limited.clone();
    let a: Vec<Value> = (0..5).map(|i| candidate("post_a", i)).collect();
    let b: Vec<Value> = vec![candidate("post_b", 0)];
    let server = MockServer::start(move |r: &Request| {
        if r.header("x-api-key") != Some(KEY) && !r.path.starts_with("/media/") {
            return Response::json(
                401,
                json!({"error": {"type": "auth", "code": "invalid_api_key", "message": "Invalid API key"}}),
            );
        }
        let limit: usize = r
            .query
            .get("limit")
            .and_then(|l| l.parse().ok())
            .unwrap_or(20);
        let after = r.query.get("starting_after").map(String::as_str);
        match r.path.as_str() {
            "/api/v2/postings" => Response::json(
                200,
                json!({
                    "data": [
                        {"id": "post_a", "title": "Seasonal Sales Associate", "status": "active", "max_retakes": 1},
                        {"id": "post_b", "title": "Barista", "status": "active"}
                    ],
                    "pagination": {"has_more": false}
                }),
            ),
            "/api/v2/postings/post_a/candidates" => Response::json(200, page(&a, limit, after)),
            "/api/v2/postings/post_b/candidates" => {
                if rl.fetch_add(1, Ordering::SeqCst) == 0 {
                    Response::json(429, json!({"error": {"type": "rate_limit", "code": "rate_limited", "message": "slow down"}}))
                        .with_header("Retry-After", "0")
                } else {
                    Response::json(200, page(&b, limit, after))
                }
            }
            "/media/int0.webm" => Response::bytes(200, WEBM.to_vec()),
            p if p.starts_with("/api/v2/interviews/") && p.ends_with("/data") => {
                let id = p
                    .trim_start_matches("/api/v2/interviews/")
                    .trim_end_matches("/data");
                let posting = if id.starts_with("post_a") {
                    "post_a"
                } else {
                    "post_b"
                };
                if id == "post_a_int_2" && !int2_ready.load(Ordering::SeqCst) {
                    return Response::json(
                        200,
                        json!({"data": {"interview_id": id, "posting_id": posting, "name": "x", "email": "x@example.test", "status": "not_ready"}}),
                    );
                }
                let mut d = json!({"interview_id": id, "posting_id": posting, "name": "N", "email": "n@example.test", "status": "completed"});
                if id == "post_a_int_0" {
                    d["web_interview"] = json!({"match_score": 80.0, "video_recording_url": format!("http://{}/media/int0.webm?sig=abc", r.header("host").unwrap())});
                    d["resume"] = json!({"overall_score": 70.0, "resume_url": format!("{storage}/files/cv.pdf?X-Amz-Signature=zzz")});
                }
                Response::json(200, json!({"data": d}))
            }
            _ => Response::json(
                404,
                json!({"error": {"type": "not_found", "code": "not_found", "message": "nope"}}),
            ),
        }
    });
    (server, rate_limited)
}

pub fn storage() -> MockServer {
    MockServer::start(|r: &Request| {
        if r.path == "/files/cv.pdf" {
            Response::bytes(200, b"%PDF-1.4\n%test\n".to_vec())
        } else {
            Response::bytes(404, vec![])
        }
    })
}
