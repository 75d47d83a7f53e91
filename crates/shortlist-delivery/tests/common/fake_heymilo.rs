//! A scripted HeyMilo: two interviewers, cursor pagination, one 429, one
//! `not_ready` interview (switchable), a recording on the API host and a
//! résumé on a separate storage host.

#![allow(dead_code)]

use std::collections::{BTreeMap, HashSet};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
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
            limits: Default::default(),
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

/// What a scripted, changeable HeyMilo holds ([`Upstream::start`]).
pub struct UpstreamState {
    /// posting id → its candidates' list items, in list order.
    pub lists: BTreeMap<String, Vec<Value>>,
    /// Interview id → revision of its interview data (bumped by `change`).
    pub revision: BTreeMap<String, u32>,
    /// Interviews still listed but answering 404 / 410 on fetch (deleted
    /// between the listing and the fetch).
    pub gone_404: HashSet<String>,
    pub gone_410: HashSet<String>,
    /// Interviews with a recording at `/media/<id>.webm` on the API host.
    pub with_video: HashSet<String>,
    /// After this many interview fetches (`/data` and `/media/` requests
    /// answered), every further one has its connection dropped.
    pub cut_after: Option<usize>,
    pub fetches_served: usize,
}

/// A HeyMilo whose data a test changes between syncs: post_a with 5
/// candidates (3 pages of 2), post_b with 1; all interviews ready;
/// `post_a_int_0` and `post_a_int_3` have a recording.
pub struct Upstream {
    pub server: MockServer,
    pub state: Arc<Mutex<UpstreamState>>,
}

impl Upstream {
    pub fn start() -> Upstream {
        let mut lists = BTreeMap::new();
        lists.insert(
            "post_a".to_string(),
            (0..5).map(|i| candidate("post_a", i)).collect::<Vec<_>>(),
        );
        lists.insert("post_b".to_string(), vec![candidate("post_b", 0)]);
        let state = Arc::new(Mutex::new(UpstreamState {
            lists,
            revision: BTreeMap::new(),
            gone_404: HashSet::new(),
            gone_410: HashSet::new(),
            with_video: ["post_a_int_0", "post_a_int_3"]
                .iter()
                .map(|s| s.to_string())
                .collect(),
            cut_after: None,
            fetches_served: 0,
        }));
        let st = state.clone();
        let server = MockServer::start(move |r: &Request| {
            let mut s = st.lock().unwrap();
            let is_fetch = r.path.ends_with("/data") || r.path.starts_with("/media/");
            if is_fetch {
                if s.cut_after.is_some_and(|n| s.fetches_served >= n) {
                    return Response::drop_connection();
                }
                s.fetches_served += 1;
            }
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
            let not_found = || {
                Response::json(
                    404,
                    json!({"error": {"type": "not_found", "code": "not_found", "message": "Interview not found"}}),
                )
            };
            if r.path == "/api/v2/postings" {
                let data: Vec<Value> = s
                    .lists
                    .keys()
                    .map(|p| json!({"id": p, "title": format!("Job {p}"), "status": "active"}))
                    .collect();
                return Response::json(
                    200,
                    json!({"data": data, "pagination": {"has_more": false}}),
                );
            }
            if let Some(p) = r
                .path
                .strip_prefix("/api/v2/postings/")
                .and_then(|p| p.strip_suffix("/candidates"))
            {
                return match s.lists.get(p) {
                    Some(items) => Response::json(200, page(items, limit, after)),
                    None => not_found(),
                };
            }
            if let Some(name) = r.path.strip_prefix("/media/") {
                let id = name.trim_end_matches(".webm");
                return if s.with_video.contains(id) {
                    Response::bytes(200, WEBM.to_vec())
                } else {
                    Response::bytes(404, vec![])
                };
            }
            if let Some(id) = r
                .path
                .strip_prefix("/api/v2/interviews/")
                .and_then(|p| p.strip_suffix("/data"))
            {
                if s.gone_404.contains(id) {
                    return not_found();
                }
                if s.gone_410.contains(id) {
                    return Response::json(
                        410,
                        json!({"error": {"type": "gone", "code": "interview_deleted", "message": "Interview was deleted"}}),
                    );
                }
                let Some((posting, _)) = s
                    .lists
                    .iter()
                    .find(|(_, l)| l.iter().any(|c| c["interview_id"] == id))
                else {
                    return not_found();
                };
                let rev = s.revision.get(id).copied().unwrap_or(0);
                let mut d = json!({
                    "interview_id": id, "posting_id": posting, "name": "N",
                    "email": "n@example.test", "status": "completed",
                    "web_interview": {"match_score": 50.0 + rev as f64}
                });
                if s.with_video.contains(id) {
                    d["web_interview"]["video_recording_url"] = json!(format!(
                        "http://{}/media/{id}.webm?sig=abc",
                        r.header("host").unwrap()
                    ));
                }
                return Response::json(200, json!({"data": d}));
            }
            not_found()
        });
        Upstream { server, state }
    }

    pub fn url(&self) -> String {
        self.server.url()
    }

    /// The candidate progressed upstream: its list item and its interview
    /// data both change.
    pub fn change(&self, interview_id: &str) {
        let mut s = self.state.lock().unwrap();
        let rev = {
            let r = s.revision.entry(interview_id.to_string()).or_insert(0);
            *r += 1;
            *r
        };
        let item = s
            .lists
            .values_mut()
            .flat_map(|l| l.iter_mut())
            .find(|c| c["interview_id"] == interview_id)
            .expect("listed");
        item["score"] = json!(50.0 + rev as f64);
    }

    /// Deleted upstream for good: gone from its interviewer's list too.
    pub fn remove(&self, interview_id: &str) {
        let mut s = self.state.lock().unwrap();
        for l in s.lists.values_mut() {
            l.retain(|c| c["interview_id"] != interview_id);
        }
    }

    /// Drop the connection of every interview fetch after `n` more.
    pub fn cut_after(&self, n: usize) {
        let mut s = self.state.lock().unwrap();
        s.cut_after = Some(s.fetches_served + n);
    }

    /// The network is back.
    pub fn restore(&self) {
        self.state.lock().unwrap().cut_after = None;
    }

    /// Interview documents requested since request `from`.
    pub fn data_fetches(&self, from: usize) -> Vec<String> {
        self.server.paths_since(from, |p| p.ends_with("/data"))
    }

    /// Recordings requested since request `from`.
    pub fn media_fetches(&self, from: usize) -> Vec<String> {
        self.server.paths_since(from, |p| p.starts_with("/media/"))
    }
}
