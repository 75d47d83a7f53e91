//! The API client against a mock served from HeyMilo's own OpenAPI spec
//! (`@stoplight/prism-cli mock`), so our parsing is checked against the
//! spec's shapes and examples, not only against our own scripted server.
//!
//! Needs Node and `npm ci --prefix tests/support`; ignored by default, run
//! with `cargo test -p shortlist-delivery --test prism -- --ignored`
//! (the Makefile's `mock-api-test` target does). The spec is the
//! repository's own copy, `docs/reference/heymilo-openapi.json` (see the
//! README next to it); `SHORTLIST_OPENAPI=FILE` tests against another one.
//! Nothing outside the repository is read.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use shortlist_delivery::heymilo::{ApiError, Client, ClientConfig, InterviewFetch};
use shortlist_delivery::secrets::Secret;

struct Prism(Child);

impl Drop for Prism {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .unwrap()
}

fn spec() -> PathBuf {
    if let Ok(p) = std::env::var("SHORTLIST_OPENAPI") {
        return PathBuf::from(p);
    }
    let p = repo_root().join("docs/reference/heymilo-openapi.json");
    assert!(
        p.is_file(),
        "{} missing: it is part of the repository (restore it with git) or set SHORTLIST_OPENAPI",
        p.display()
    );
    p
}

fn start() -> (Prism, String) {
    let bin = repo_root().join("tests/support/node_modules/.bin/prism");
    assert!(
        bin.exists(),
        "{} missing: run `npm ci --prefix tests/support`",
        bin.display()
    );
    let port = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    let child = Command::new(bin)
        .args(["mock", "-h", "127.0.0.1", "-p", &port.to_string()])
        .arg(spec())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start prism");
    let guard = Prism(child);
    let url = format!("http://127.0.0.1:{port}");
    let deadline = Instant::now() + Duration::from_secs(90);
    loop {
        // Any HTTP answer (even 401) means the mock is up.
        match ureq::get(&format!("{url}/health")).call() {
            Ok(_) | Err(ureq::Error::StatusCode(_)) => break,
            Err(_) => {}
        }
        assert!(Instant::now() < deadline, "prism did not start within 90 s");
        std::thread::sleep(Duration::from_millis(200));
    }
    (guard, url)
}

#[test]
#[ignore = "needs Node and `npm ci --prefix tests/support`"]
fn client_against_the_spec_mock() {
    let (_prism, url) = start();
    let c = Client::new(&url, Secret::new("k"), ClientConfig::default()).unwrap();

    // Interview data: the spec's example parses into our typed model.
    let InterviewFetch::Ready(data) = c.interview_data("any").unwrap() else {
        panic!("example interview is completed");
    };
    let typed: shortlist_core::model::InterviewData =
        serde_json::from_value(data).expect("spec example fits the model");
    assert!(!typed.interview_id.is_empty());

    // The spec's list example says `has_more: true` and repeats the same
    // item on every page: the client must stop instead of looping.
    let err = c.postings().unwrap_err();
    assert!(matches!(err, ApiError::CursorStuck { .. }), "{err}");
    let err = c.candidates("p").unwrap_err();
    assert!(matches!(err, ApiError::CursorStuck { .. }), "{err}");

    // ATS push and status shapes.
    let push = c
        .ats_push(&serde_json::json!({"ats_name": "bullhorn", "candidate": {"email": "a@b.test"}}))
        .unwrap();
    assert!(push.get("status").is_some());
    let st = c.ats_push_status("item").unwrap();
    assert!(st.get("status").is_some());

    // No key: the mock enforces the spec's security scheme.
    let err = ureq::get(&format!("{url}/api/v2/postings"))
        .call()
        .unwrap_err();
    assert!(matches!(err, ureq::Error::StatusCode(401)), "{err}");
}
