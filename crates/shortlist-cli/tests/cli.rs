//! The `shortlist` binary end to end, on temporary workspaces (SPEC F36).

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_shortlist"));
    c.env_remove("SHORTLIST_WORKSPACE");
    c
}

fn run(ws: &Path, args: &[&str]) -> Output {
    bin()
        .arg("--workspace")
        .arg(ws)
        .args(args)
        .output()
        .expect("run shortlist")
}

fn ok(ws: &Path, args: &[&str]) -> String {
    let out = run(ws, args);
    assert!(
        out.status.success(),
        "shortlist {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8 stdout")
}

fn fail(ws: &Path, args: &[&str]) -> String {
    let out = run(ws, args);
    assert!(!out.status.success(), "shortlist {args:?} should fail");
    let err = String::from_utf8(out.stderr).expect("utf-8 stderr");
    assert_eq!(
        err.trim_end().lines().count(),
        1,
        "one-line error, got: {err}"
    );
    err
}

fn json(ws: &Path, args: &[&str]) -> Value {
    serde_json::from_str(&ok(ws, args)).expect("valid JSON")
}

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn demo_ws() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    ok(dir.path(), &["demo"]);
    dir
}

#[test]
fn demo_list_show_decide() {
    let ws = demo_ws();
    let ws = ws.path();

    let interviewers = json(ws, &["interviewers", "--json"]);
    let interviewers = interviewers["data"].as_array().unwrap();
    assert!(interviewers.len() >= 3, "demo has ≥ 3 interviewers");

    let all = json(ws, &["list", "--json"]);
    let rows = all["data"].as_array().unwrap();
    assert!(
        rows.len() >= 60,
        "demo has ≥ 60 candidates, got {}",
        rows.len()
    );
    assert_eq!(all["total"].as_i64().unwrap() as usize, rows.len());

    // --interviewer narrows to one posting.
    let busiest = interviewers
        .iter()
        .max_by_key(|i| i["counts"]["total"].as_i64().unwrap())
        .unwrap();
    let pid = busiest["id"].as_str().unwrap();
    let one = json(ws, &["list", "--interviewer", pid, "--json"]);
    let one = one["data"].as_array().unwrap();
    assert!(!one.is_empty() && one.len() < rows.len());
    assert!(one.iter().all(|r| r["posting_id"] == pid));
    assert_eq!(
        one.len() as i64,
        busiest["counts"]["total"].as_i64().unwrap()
    );

    // --search finds a candidate by a word of their name.
    let target = rows
        .iter()
        .find(|r| r["status"] == "completed")
        .expect("a completed candidate");
    let id = target["interview_id"].as_str().unwrap();
    let name = target["name"].as_str().unwrap();
    let first_word = name.split_whitespace().next().unwrap();
    let found = json(ws, &["list", "--search", first_word, "--json"]);
    assert!(found["data"]
        .as_array()
        .unwrap()
        .iter()
        .any(|r| r["interview_id"] == id));

    // show, human and JSON.
    let shown = ok(ws, &["show", id]);
    assert!(shown.contains(name));
    let detail = json(ws, &["show", id, "--json"]);
    assert_eq!(detail["row"]["interview_id"], id);

    // decide persists and is visible to list --status in a new process.
    let out = ok(ws, &["decide", id, "shortlist"]);
    assert!(out.contains("shortlisted"), "{out}");
    let short = json(ws, &["list", "--status", "shortlisted", "--json"]);
    assert!(short["data"]
        .as_array()
        .unwrap()
        .iter()
        .any(|r| r["interview_id"] == id));
    ok(ws, &["decide", id, "pending"]);
    let detail = json(ws, &["show", id, "--json"]);
    assert_eq!(detail["row"]["decision"], "pending");
    assert_eq!(detail["decision_history"].as_array().unwrap().len(), 2);
}

#[test]
fn demo_is_idempotent() {
    let ws = demo_ws();
    let before = json(ws.path(), &["list", "--json"]);
    let out = ok(ws.path(), &["demo"]);
    assert!(
        out.contains("unchanged"),
        "second demo load changes nothing: {out}"
    );
    assert_eq!(before, json(ws.path(), &["list", "--json"]));
}

#[test]
fn import_good_bundle_twice() {
    let ws = tempfile::tempdir().unwrap();
    let bundle = repo_root().join("tests/fixtures/good-bundle");
    let first = ok(ws.path(), &["import", bundle.to_str().unwrap()]);
    assert!(first.contains("added"), "{first}");
    let list = json(ws.path(), &["list", "--json"]);
    assert!(!list["data"].as_array().unwrap().is_empty());
    let second = ok(ws.path(), &["import", bundle.to_str().unwrap()]);
    assert!(second.contains("unchanged"), "{second}");
    assert_eq!(list, json(ws.path(), &["list", "--json"]));
}

#[test]
fn errors_are_one_line_and_name_the_culprit() {
    let ws = tempfile::tempdir().unwrap();
    let ws = ws.path();
    let err = fail(ws, &["show", "int_nope"]);
    assert!(err.contains("int_nope"), "{err}");
    let err = fail(ws, &["decide", "int_nope", "shortlist"]);
    assert!(err.contains("int_nope"), "{err}");
    let err = fail(ws, &["list", "--status", "hired"]);
    assert!(err.contains("hired"), "{err}");
    let err = fail(ws, &["list", "--interviewer", "pst_nope"]);
    assert!(err.contains("pst_nope"), "{err}");
    let missing = ws.join("no-such-bundle");
    let err = fail(ws, &["import", missing.to_str().unwrap()]);
    assert!(err.contains("no-such-bundle"), "{err}");
}

#[test]
fn newer_schema_is_refused_untouched() {
    let ws = tempfile::tempdir().unwrap();
    let db = ws.path().join("workspace.db");
    ok(ws.path(), &["list"]);
    rusqlite::Connection::open(&db)
        .unwrap()
        .pragma_update(None, "user_version", 99)
        .unwrap();
    let before = std::fs::read(&db).unwrap();
    let err = fail(ws.path(), &["list"]);
    assert!(err.contains("newer"), "{err}");
    assert_eq!(before, std::fs::read(&db).unwrap(), "database untouched");
}

#[test]
fn cross_agent_reads_the_resume_pdf_and_cohort_delete_is_audited() {
    let ws = demo_ws();
    let ws = ws.path();
    // Daniel Kim (Warehouse Team Lead): the résumé PDF disagrees with the
    // interview on purpose (demo content).
    let list = json(
        ws,
        &[
            "list",
            "--interviewer",
            "pst_845",
            "--search",
            "Daniel Kim",
            "--json",
        ],
    );
    let id = list["data"][0]["interview_id"]
        .as_str()
        .unwrap()
        .to_string();
    let r = json(ws, &["cross-agent", &id, "--json"]);
    assert_eq!(r["resume_source"], "pdf", "{r:#}");
    let topics: Vec<&str> = r["signals"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["source"] == "resume")
        .map(|s| s["topic"].as_str().unwrap())
        .collect();
    for t in ["years", "dates", "titles", "skills"] {
        assert!(topics.contains(&t), "{t} missing: {r:#}");
    }
    let text = ok(ws, &["cross-agent", &id]);
    assert!(
        text.contains("Warehouse Manager, Amazon Fulfillment 2017 – 2021"),
        "{text}"
    );

    ok(ws, &["cohort", "create", "Pool"]);
    ok(ws, &["cohort", "add", "Pool", &id]);
    ok(ws, &["cohort", "remove", "Pool", &id]);
    ok(ws, &["cohort", "delete", "Pool"]);
    let cohorts = ok(ws, &["cohort", "list"]);
    assert!(!cohorts.contains("Pool"), "{cohorts}");
    ok(ws, &["audit", "verify"]);
}
