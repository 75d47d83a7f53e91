//! SPEC F55 against servers on loopback: the API key never follows a
//! redirect to another origin and never travels over plain HTTP except to
//! loopback; SMTP never sends a password without TLS except to loopback;
//! recording downloads are limited by stalls, not by total time.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use common::fake_heymilo::{client, KEY};
use common::http_mock::{MockServer, Request, Response};
use common::{ids, seed};
use serde_json::json;
use shortlist_core::actions::messages::{self, QueueOptions};
use shortlist_core::actions::outbox::{self, OutboxStatus, RetryPolicy};
use shortlist_delivery::heymilo::{ApiError, Client, ClientConfig};
use shortlist_delivery::secrets::Secret;
use shortlist_delivery::smtp::{send_outbox, Security, Sender, SmtpConfig};
use shortlist_delivery::DeliveryError;

fn postings_page() -> Response {
    Response::json(
        200,
        json!({"data": [{"id": "post_1", "title": "T", "status": "active"}], "pagination": {"has_more": false}}),
    )
}

fn keyed(reqs: &[Request]) -> Vec<String> {
    reqs.iter()
        .filter(|r| r.header("x-api-key").is_some())
        .map(|r| r.path.clone())
        .collect()
}

#[test]
fn api_call_refuses_a_redirect_to_another_origin() {
    let elsewhere = MockServer::start(|_| postings_page());
    let to = format!("{}/api/v2/postings", elsewhere.url());
    let api = MockServer::start(move |_| Response::bytes(302, vec![]).with_header("Location", &to));
    let err = client(&api.url()).postings().unwrap_err();
    assert!(matches!(err, ApiError::Redirected { .. }), "{err}");
    let msg = err.to_string();
    assert!(msg.contains(&elsewhere.url()), "{msg}");
    assert!(msg.contains("not sent"), "{msg}");
    // The other origin never heard from us (with or without the key).
    assert!(elsewhere.requests().is_empty());
    assert_eq!(api.requests().len(), 1);
}

#[test]
fn api_call_follows_a_same_origin_redirect_with_the_key() {
    let api = MockServer::start(|r: &Request| match r.path.as_str() {
        "/api/v2/postings" => {
            Response::bytes(308, vec![]).with_header("Location", "/api/v3/postings?limit=2")
        }
        "/api/v3/postings" => postings_page(),
        "/api/v2/ats/candidates/push" => {
            Response::bytes(307, vec![]).with_header("Location", "/api/v3/push")
        }
        "/api/v3/push" if r.method == "POST" && r.body.contains("bullhorn") => {
            Response::json(200, json!({"status": "queued", "item_id": "i1"}))
        }
        _ => Response::json(404, json!({"error": {"message": "no"}})),
    });
    let c = client(&api.url());
    let p = c.postings().unwrap();
    assert_eq!(p[0]["id"], "post_1");
    let push = c.ats_push(&json!({"ats_name": "bullhorn"})).unwrap();
    assert_eq!(push["status"], "queued");
    let reqs = api.requests();
    assert_eq!(
        keyed(&reqs),
        [
            "/api/v2/postings",
            "/api/v3/postings",
            "/api/v2/ats/candidates/push",
            "/api/v3/push"
        ]
    );
    assert!(reqs.iter().all(|r| r.header("x-api-key") == Some(KEY)));
}

#[test]
fn api_call_stops_after_too_many_redirects() {
    let api = MockServer::start(|r: &Request| {
        let n: u32 = r
            .path
            .trim_start_matches("/api/v2/postings")
            .parse()
            .unwrap_or(0);
        Response::bytes(302, vec![]).with_header("Location", &format!("/api/v2/postings{}", n + 1))
    });
    let err = client(&api.url()).postings().unwrap_err();
    assert!(matches!(err, ApiError::TooManyRedirects { .. }), "{err}");
    assert_eq!(
        api.requests().len(),
        shortlist_delivery::heymilo::MAX_REDIRECTS + 1
    );
}

#[test]
fn download_drops_the_key_when_redirected_to_storage() {
    let storage = MockServer::start(|_| Response::bytes(200, b"media-bytes".to_vec()));
    let signed = format!("{}/bucket/v.webm?sig=abc", storage.url());
    let api = MockServer::start(move |r: &Request| match r.path.as_str() {
        "/rec/1" => Response::bytes(302, vec![]).with_header("Location", "/rec/2"),
        "/rec/2" => Response::bytes(302, vec![]).with_header("Location", &signed),
        _ => Response::bytes(404, vec![]),
    });
    let c = client(&api.url());
    let mut body = Vec::new();
    c.download(&format!("{}/rec/1", api.url()))
        .unwrap()
        .read_to_end(&mut body)
        .unwrap();
    assert_eq!(body, b"media-bytes");
    // Same origin: with the key; the storage host: without.
    assert_eq!(keyed(&api.requests()), ["/rec/1", "/rec/2"]);
    let s = storage.requests();
    assert_eq!(s.len(), 1);
    assert_eq!(s[0].query.get("sig").map(String::as_str), Some("abc"));
    assert!(s[0].header("x-api-key").is_none(), "{:?}", s[0].headers);
}

#[test]
fn key_never_travels_over_plain_http_except_to_loopback() {
    let cfg = ClientConfig::default;
    for url in [
        "http://api.heymilo.ai",
        "http://10.1.2.3:8080/",
        "http://127.0.0.1.nip.io",
    ] {
        let err = Client::new(url, Secret::new("k"), cfg())
            .err()
            .unwrap_or_else(|| panic!("{url} accepted"));
        assert!(matches!(err, ApiError::Insecure { .. }), "{url}: {err}");
        let msg = err.to_string();
        assert!(msg.contains(url.trim_end_matches('/')), "{msg}");
        assert!(msg.contains("https://"), "{msg}");
    }
    for url in [
        "https://api.heymilo.ai",
        "http://127.0.0.1:9",
        "http://localhost:9",
        "http://[::1]:9",
    ] {
        assert!(Client::new(url, Secret::new("k"), cfg()).is_ok(), "{url}");
    }
}

fn sender() -> Sender {
    Sender {
        address: "hiring@shortlist.test".into(),
        name: None,
    }
}

#[test]
fn smtp_without_tls_refuses_a_password_except_to_loopback() {
    let dir = tempfile::tempdir().unwrap();
    let ws = seed(dir.path());
    messages::blast(
        &ws,
        &ids(&["int_a"]),
        "Hi",
        "Hello",
        &QueueOptions::default(),
    )
    .unwrap();
    let mut c = SmtpConfig::new("smtp.example.test", 25, Security::None, sender());
    c.user = Some("reviewer".into());
    c.password = Some(Secret::new("s3cret"));
    let err = send_outbox(&ws, &c, &RetryPolicy::default()).unwrap_err();
    assert!(matches!(err, DeliveryError::SmtpConfig(_)), "{err}");
    let msg = err.to_string();
    assert!(msg.contains("smtp.example.test:25"), "{msg}");
    assert!(msg.contains("starttls or tls"), "{msg}");
    assert!(!msg.contains("s3cret"), "{msg}");
    // Refused before any attempt: the item waits untouched.
    let item = &outbox::list(&ws, None).unwrap()[0];
    assert_eq!(item.status, OutboxStatus::Queued);
    assert_eq!(item.attempts, 0);

    // Without a password, plain SMTP to another host is allowed (an open
    // relay): it goes as far as the network (here: no such host, retried).
    c.user = None;
    c.password = None;
    c.timeout = Duration::from_secs(5);
    let r = send_outbox(&ws, &c, &RetryPolicy::default()).unwrap();
    assert_eq!(r.count("queued"), 1, "{r:?}");
    // With TLS the password is allowed to leave (fails later at DNS).
    c.user = Some("reviewer".into());
    c.password = Some(Secret::new("s3cret"));
    c.security = Security::Starttls;
    assert!(send_outbox(&ws, &c, &RetryPolicy::default()).is_ok());
}

/// A recording server speaking raw HTTP so it can pace the body: it
/// announces `total` bytes and sends them in `chunks` pieces `gap` apart;
/// with `stall_after = Some(n)`, it sends n bytes and then nothing until
/// the test ends (`release` dropped).
struct Pacer {
    url: String,
    release: Option<mpsc::Sender<()>>,
}

impl Drop for Pacer {
    fn drop(&mut self) {
        self.release.take();
    }
}

fn pacer(total: usize, chunks: usize, gap: Duration, stall_after: Option<usize>) -> Pacer {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}/rec.webm", listener.local_addr().unwrap());
    let (release, held) = mpsc::channel::<()>();
    std::thread::spawn(move || {
        let (mut s, _) = listener.accept().unwrap();
        let mut rd = BufReader::new(s.try_clone().unwrap());
        let mut line = String::new();
        while rd.read_line(&mut line).unwrap_or(0) > 0 && line != "\r\n" {
            line.clear();
        }
        let head = format!(
            "HTTP/1.1 200 OK\r\nContent-Length: {total}\r\nContent-Type: video/webm\r\nConnection: close\r\n\r\n"
        );
        if s.write_all(head.as_bytes()).is_err() {
            return;
        }
        let body = vec![b'x'; total];
        if let Some(n) = stall_after {
            let _ = s.write_all(&body[..n]);
            let _ = s.flush();
            // Hold the connection open, silent, until the test is over.
            let _ = held.recv();
            return;
        }
        let step = total.div_ceil(chunks);
        for piece in body.chunks(step) {
            if s.write_all(piece).is_err() {
                return;
            }
            let _ = s.flush();
            // The pacing is the behaviour under test (a slow server).
            std::thread::sleep(gap);
        }
    });
    Pacer {
        url,
        release: Some(release),
    }
}

fn paced_client(stall: Duration) -> Client {
    Client::new(
        "http://127.0.0.1:9",
        Secret::new(KEY),
        ClientConfig {
            // The whole-exchange limit of API calls: the slow download
            // below takes longer than this and must still succeed.
            timeout: Duration::from_millis(600),
            stall_timeout: stall,
            ..ClientConfig::default()
        },
    )
    .unwrap()
}

#[test]
fn slow_but_progressing_download_succeeds() {
    // 25 pieces 80 ms apart: ~2 s in all, far over the 600 ms API timeout,
    // never more than 80 ms without a byte (stall limit 1 s).
    let server = pacer(25 * 1000, 25, Duration::from_millis(80), None);
    let c = paced_client(Duration::from_secs(1));
    let started = Instant::now();
    let mut body = Vec::new();
    c.download(&server.url)
        .unwrap()
        .read_to_end(&mut body)
        .unwrap();
    assert_eq!(body.len(), 25_000);
    assert!(
        started.elapsed() > Duration::from_millis(600),
        "the download was meant to outlast the API timeout: {:?}",
        started.elapsed()
    );
}

#[test]
fn stalled_download_fails_naming_the_stall() {
    let server = pacer(10_000, 1, Duration::ZERO, Some(4_000));
    let c = paced_client(Duration::from_millis(500));
    let started = Instant::now();
    let mut reader = c.download(&server.url).unwrap();
    let mut body = Vec::new();
    let err = reader.read_to_end(&mut body).unwrap_err();
    assert_eq!(body.len(), 4_000, "the bytes before the stall arrived");
    assert!(err.to_string().contains("stalled"), "{err}");
    assert!(err.to_string().contains("0.5 s"), "{err}");
    assert!(
        started.elapsed() < Duration::from_secs(30),
        "gave up after {:?}",
        started.elapsed()
    );
}

#[test]
fn server_silent_before_the_headers_is_a_stall_too() {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}/rec.webm", listener.local_addr().unwrap());
    let (release, held) = mpsc::channel::<()>();
    std::thread::spawn(move || {
        let (_s, _) = listener.accept().unwrap();
        let _ = held.recv();
    });
    let c = paced_client(Duration::from_millis(500));
    let err = c.download(&url).err().expect("a silent server fails");
    assert!(matches!(err, ApiError::Transport { .. }), "{err}");
    assert!(err.to_string().contains("stalled"), "{err}");
    drop(release);
}
