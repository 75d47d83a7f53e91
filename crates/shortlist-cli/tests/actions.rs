//! End-to-end tests of the reviewer-action commands with the `shortlist`
//! binary on a temporary workspace and a real SMTP server on loopback.

#[path = "../../shortlist-delivery/tests/common/mod.rs"]
mod common;

use std::path::Path;
use std::process::{Command, Output, Stdio};

use common::smtp_sink::{dead_port, Mode, SmtpSink};
use serde_json::Value;

fn shortlist(ws: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_shortlist"))
        .arg("--workspace")
        .arg(ws)
        .args(args)
        .env_remove("SHORTLIST_SMTP_PASSWORD")
        .env_remove("SHORTLIST_API_KEY")
        .stdin(Stdio::null())
        .output()
        .expect("run shortlist")
}

fn ok(ws: &Path, args: &[&str]) -> String {
    let out = shortlist(ws, args);
    assert!(
        out.status.success(),
        "shortlist {args:?} failed:\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn fails(ws: &Path, args: &[&str]) -> String {
    let out = shortlist(ws, args);
    assert!(!out.status.success(), "shortlist {args:?} should fail");
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(
        err.trim_end().lines().count(),
        1,
        "one-line error expected: {err}"
    );
    err
}

fn json(ws: &Path, args: &[&str]) -> Value {
    serde_json::from_str(&ok(ws, args)).expect("JSON output")
}

fn workspace() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    drop(common::seed(dir.path()));
    dir
}

#[test]
fn cohorts_and_notes() {
    let dir = workspace();
    let ws = dir.path();
    ok(ws, &["cohort", "create", "Night shift"]);
    let err = fails(ws, &["cohort", "create", "Night shift"]);
    assert!(err.contains("already exists"), "{err}");
    let out = ok(
        ws,
        &["cohort", "add", "Night shift", "int_a", "int_c", "int_a"],
    );
    assert!(out.contains("added 2"), "{out}");
    let err = fails(ws, &["cohort", "add", "Night shift", "int_a", "int_nope"]);
    assert!(err.contains("int_nope"), "{err}");
    let list = json(ws, &["cohort", "list", "--json"]);
    assert_eq!(list[0]["name"], "Night shift");
    assert_eq!(list[0]["members"], 2);
    let listed = json(ws, &["list", "--cohort", "Night shift", "--json"]);
    let mut in_cohort: Vec<&str> = listed["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["interview_id"].as_str().unwrap())
        .collect();
    in_cohort.sort();
    assert_eq!(in_cohort, vec!["int_a", "int_c"]);
    ok(ws, &["cohort", "remove", "Night shift", "int_c"]);
    let listed = json(ws, &["list", "--cohort", "Night shift", "--json"]);
    assert_eq!(listed["total"], 1);
    let list = json(ws, &["cohort", "list", "--json"]);
    assert_eq!(list[0]["members"], 1);
    let err = fails(ws, &["cohort", "add", "Day shift", "int_a"]);
    assert!(err.contains("no cohort named `Day shift`"), "{err}");

    ok(
        ws,
        &[
            "note",
            "add",
            "int_a",
            "--at",
            "75.5",
            "Great answer on returns",
        ],
    );
    ok(ws, &["note", "add", "int_a", "Overall solid"]);
    let notes = json(ws, &["note", "list", "int_a", "--json"]);
    assert_eq!(notes.as_array().unwrap().len(), 2);
    assert_eq!(notes[0]["at_seconds"], 75.5);
    assert_eq!(notes[0]["text"], "Great answer on returns");
    assert!(notes[1]["at_seconds"].is_null());
    let err = fails(ws, &["note", "add", "int_a", "--at=-3", "x"]);
    assert!(err.contains("seconds"), "{err}");

    let out = ok(ws, &["audit", "verify"]);
    assert!(out.contains("intact"), "{out}");
}

#[test]
fn nudge_blast_retake_outbox_send_and_audit() {
    let dir = workspace();
    let ws = dir.path();
    ok(
        ws,
        &["settings", "set", "smtp.from", "hiring@shortlist.test"],
    );
    let r = json(ws, &["nudge", "int_a", "int_b", "--json"]);
    assert_eq!(r["queued"].as_array().unwrap().len(), 1);
    assert_eq!(r["skipped"][0]["interview_id"], "int_b");

    let body = dir.path().join("body.txt");
    std::fs::write(
        &body,
        "Hi {candidate_name}, thanks for applying to {job_title}.\n",
    )
    .unwrap();
    let body_s = body.to_str().unwrap();
    ok(
        ws,
        &[
            "blast",
            "int_a",
            "int_c",
            "--subject",
            "News for {candidate_name}",
            "--body-file",
            body_s,
        ],
    );

    // Invalid address: refused, nothing queued.
    let err = fails(
        ws,
        &[
            "blast",
            "int_c",
            "int_bad",
            "--subject",
            "x",
            "--body-file",
            body_s,
        ],
    );
    assert!(
        err.contains("invalid e-mail address") && err.contains("int_bad"),
        "{err}"
    );

    // Retake: post_1 allows one.
    ok(ws, &["retake", "int_a"]);
    let err = fails(ws, &["retake", "int_a"]);
    assert!(err.contains("--force"), "{err}");
    let g = json(ws, &["retake", "int_a", "--force", "--json"]);
    assert_eq!(g[0]["forced"], true);

    let items = json(ws, &["outbox", "list", "--json"]);
    assert_eq!(items.as_array().unwrap().len(), 5);
    assert!(items
        .as_array()
        .unwrap()
        .iter()
        .all(|i| i["status"] == "queued"));

    // Server down: still queued, attempts 1, next retry set.
    let down = dead_port().to_string();
    let out = ok(
        ws,
        &[
            "outbox",
            "send",
            "--smtp-host",
            "127.0.0.1",
            "--smtp-port",
            &down,
            "--smtp-security",
            "none",
        ],
    );
    assert!(out.contains("0 sent, 5 to retry"), "{out}");
    let items = json(ws, &["outbox", "list", "--json", "--status", "queued"]);
    assert_eq!(items.as_array().unwrap().len(), 5);
    for i in items.as_array().unwrap() {
        assert_eq!(i["attempts"], 1);
        assert!(i["next_attempt_at"].as_f64().unwrap() > i["created_at"].as_f64().unwrap() + 30.0);
    }

    // Retry all, deliver to the sink.
    let ids: Vec<String> = items
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["id"].to_string())
        .collect();
    let mut args = vec!["outbox", "retry"];
    args.extend(ids.iter().map(String::as_str));
    ok(ws, &args);
    let sink = SmtpSink::start(Mode::Accept);
    let port = sink.port().to_string();
    let out = ok(
        ws,
        &[
            "outbox",
            "send",
            "--smtp-host",
            "127.0.0.1",
            "--smtp-port",
            &port,
            "--smtp-security",
            "none",
        ],
    );
    assert!(out.contains("5 sent, 0 to retry, 0 failed"), "{out}");
    let got = sink.received();
    assert_eq!(got.len(), 5);
    let li = got
        .iter()
        .find(|m| m.rcpt_to == vec!["li.wei@example.test".to_string()])
        .unwrap();
    assert!(
        li.body()
            .contains("Hi 李 伟, thanks for applying to Barista."),
        "{}",
        li.body()
    );

    // Audit: intact, ids only; tampering with any row breaks it.
    assert!(ok(ws, &["audit", "verify"]).contains("intact"));
    {
        let conn = rusqlite::Connection::open(ws.join("workspace.db")).unwrap();
        let text: String = conn
            .query_row(
                "SELECT group_concat(action || coalesce(entity,''), '|') FROM audit",
                [],
                |r| r.get(0),
            )
            .unwrap();
        for leak in ["@example.test", "Zoë", "li.wei", "News for", "Great"] {
            assert!(!text.contains(leak), "audit leaks {leak}: {text}");
        }
        let n: i64 = conn
            .query_row("SELECT count(*) FROM audit", [], |r| r.get(0))
            .unwrap();
        assert!(n >= 10);
        // The database refuses the change (F51: append-only by trigger)…
        let refused = conn
            .execute(
                "UPDATE audit SET entity = 'outbox:999:int_x' WHERE id = 3",
                [],
            )
            .unwrap_err();
        assert!(refused.to_string().contains("append-only"), "{refused}");
        // …and past the trigger the chain shows it.
        conn.execute_batch(
            "DROP TRIGGER audit_append_only_update;
             UPDATE audit SET entity = 'outbox:999:int_x' WHERE id = 3;",
        )
        .unwrap();
    }
    let err = fails(ws, &["audit", "verify"]);
    assert!(err.contains("breaks at entry #3"), "{err}");
    assert!(err.contains("append-only triggers"), "{err}");
}

#[test]
fn smtp_auth_password_from_env_and_failure_reason() {
    let dir = workspace();
    let ws = dir.path();
    let body = dir.path().join("b.txt");
    std::fs::write(&body, "Hello").unwrap();
    ok(
        ws,
        &[
            "blast",
            "int_a",
            "--subject",
            "Hi",
            "--body-file",
            body.to_str().unwrap(),
        ],
    );
    let sink = SmtpSink::start(Mode::AuthFail);
    let port = sink.port().to_string();
    let args = [
        "outbox",
        "send",
        "--smtp-host",
        "127.0.0.1",
        "--smtp-port",
        &port,
        "--smtp-security",
        "none",
        "--smtp-user",
        "bob",
        "--from",
        "hiring@shortlist.test",
    ];
    // No password anywhere: clear message naming the places to put it.
    let err = fails(ws, &args);
    assert!(
        err.contains("SHORTLIST_SMTP_PASSWORD") && err.contains("smtp:127.0.0.1:bob"),
        "{err}"
    );

    let out = Command::new(env!("CARGO_BIN_EXE_shortlist"))
        .arg("--workspace")
        .arg(ws)
        .args(args)
        .env("SHORTLIST_SMTP_PASSWORD", "s3cret-pw")
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success());
    assert!(
        stdout.contains("FAILED") && stdout.contains("535"),
        "{stdout}"
    );
    assert!(!stdout.contains("s3cret-pw"));
    let items = json(ws, &["outbox", "list", "--json"]);
    assert_eq!(items[0]["status"], "failed");
    assert_eq!(items[0]["payload"]["subject"], "Hi");
    // The password is nowhere in the workspace.
    let db = std::fs::read(ws.join("workspace.db")).unwrap();
    assert!(!db.windows(9).any(|w| w == b"s3cret-pw"));
}

#[test]
fn export_eml_marks_sent() {
    let dir = workspace();
    let ws = dir.path();
    ok(ws, &["nudge", "int_a", "int_c"]);
    // Cancel one, revive it.
    let items = json(ws, &["outbox", "list", "--json"]);
    let first = items[0]["id"].to_string();
    ok(ws, &["outbox", "cancel", &first]);
    assert_eq!(
        json(ws, &["outbox", "list", "--json", "--status", "failed"])[0]["last_error"],
        "cancelled by the reviewer"
    );
    let err = fails(ws, &["outbox", "cancel", &first]);
    assert!(err.contains("only queued"), "{err}");
    ok(ws, &["outbox", "retry", &first]);
    let out_dir = dir.path().join("eml");
    let err = fails(ws, &["outbox", "export-eml", out_dir.to_str().unwrap()]);
    assert!(err.contains("--from"), "{err}");
    let out = ok(
        ws,
        &[
            "outbox",
            "export-eml",
            out_dir.to_str().unwrap(),
            "--from",
            "hr@shortlist.test",
            "--mark-sent",
        ],
    );
    assert!(
        out.contains("2 message(s) written and marked sent"),
        "{out}"
    );
    let files: Vec<_> = std::fs::read_dir(&out_dir).unwrap().collect();
    assert_eq!(files.len(), 2);
    let items = json(ws, &["outbox", "list", "--json"]);
    assert!(items
        .as_array()
        .unwrap()
        .iter()
        .all(|i| i["status"] == "sent" && i["delivered_via"] == "eml"));
}

#[test]
fn enrich_find_jobs_cross_agent_notifications() {
    let dir = workspace();
    let ws = dir.path();
    {
        let conn = rusqlite::Connection::open(ws.join("workspace.db")).unwrap();
        conn.execute("UPDATE candidates SET phone = '+44 20 7946 0958', score = 92 WHERE interview_id = 'int_b'", []).unwrap();
        conn.execute(
            "INSERT INTO tags (interview_id, tag) VALUES ('int_b', 'Team_Player')",
            [],
        )
        .unwrap();
    }
    let e = json(ws, &["enrich", "int_b", "--json"]);
    assert_eq!(e[0]["country"], "GB");
    assert_eq!(e[0]["timezone"], "Europe/London");
    assert_eq!(e[0]["tags"][0], "team player");

    let f = json(ws, &["find-jobs", "int_b", "--json"]);
    assert_eq!(f["posting_id"], "post_1");
    assert_eq!(f["matches"][0]["posting_id"], "post_2");
    assert!(!f["matches"][0]["reasons"].as_array().unwrap().is_empty());

    let c = json(ws, &["cross-agent", "int_b", "--json"]);
    assert!(c["signals"].as_array().unwrap().is_empty());
    assert!(c["note"].as_str().unwrap().contains("no résumé"));

    let n = json(ws, &["notifications", "list", "--json"]);
    let keys: Vec<&str> = n["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["key"].as_str().unwrap())
        .collect();
    assert!(
        keys.contains(&"completed:int_b") && keys.contains(&"high_score:int_b"),
        "{keys:?}"
    );
    assert_eq!(n["unread"], 2);
    ok(ws, &["notifications", "read", "completed:int_b"]);
    assert_eq!(json(ws, &["notifications", "list", "--json"])["unread"], 1);
    ok(
        ws,
        &[
            "notifications",
            "threshold",
            "95",
            "--interviewer",
            "post_1",
        ],
    );
    assert_eq!(json(ws, &["notifications", "list", "--json"])["unread"], 0);
    let err = fails(
        ws,
        &["notifications", "threshold", "50", "--interviewer", "nope"],
    );
    assert!(err.contains("nope"), "{err}");
    assert!(ok(ws, &["audit", "verify"]).contains("intact"));
}

#[test]
fn sync_from_the_api() {
    use common::fake_heymilo::{heymilo, storage, KEY};
    let dir = tempfile::tempdir().unwrap();
    let ws = dir.path();
    let store = storage();
    let (api, _) = heymilo(store.url());
    let url = api.url();
    // No key anywhere: a clear message.
    let err = fails(ws, &["sync", "--api-url", &url]);
    assert!(err.contains("SHORTLIST_API_KEY"), "{err}");
    // Not synced yet: no time recorded.
    assert!(fails(ws, &["settings", "get", "sync.last_at"]).contains("not set"));
    let before = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs_f64();
    let r = json(ws, &["sync", "--api-url", &url, "--api-key", KEY, "--json"]);
    // The CLI records the sync like the app (`sync.last_at`, Unix seconds).
    let last: f64 = ok(ws, &["settings", "get", "sync.last_at"])
        .trim()
        .parse()
        .expect("sync.last_at is a number");
    let after = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs_f64();
    assert!(
        before - 1.0 <= last && last <= after + 1.0,
        "{before} <= {last} <= {after}"
    );
    assert_eq!(r["candidates"], 6);
    assert_eq!(r["not_ready"][0], "post_a_int_2");
    assert_eq!(r["import"]["candidates"]["added"], 6);
    let list = json(ws, &["list", "--json"]);
    assert_eq!(list["total"], 6);
    // Key from the environment; second run changes nothing.
    let out = Command::new(env!("CARGO_BIN_EXE_shortlist"))
        .arg("--workspace")
        .arg(ws)
        .args(["sync", "--api-url", &url])
        .env("SHORTLIST_API_KEY", KEY)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        stdout.contains("candidates: 0 added, 0 updated, 6 unchanged"),
        "{stdout}"
    );
    assert!(!stdout.contains(KEY));
    // Progress on stderr when asked (a terminal gets it anyway): a line
    // per phase, not per item.
    let out = Command::new(env!("CARGO_BIN_EXE_shortlist"))
        .arg("--workspace")
        .arg(ws)
        .args(["sync", "--progress", "--api-url", &url])
        .env("SHORTLIST_API_KEY", KEY)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    for phase in [
        "sync: listing interviewers 0/1",
        "sync: listing candidates of interviewer 2/2",
        "sync: fetching interviews 1/1",
        "sync: merging into the workspace",
    ] {
        assert!(stderr.contains(phase), "{phase} in {stderr}");
    }
    assert!(stderr.lines().count() <= 12, "{stderr}");
    // A refused key.
    let last_ok = ok(ws, &["settings", "get", "sync.last_at"]);
    let err = fails(ws, &["sync", "--api-url", &url, "--api-key", "wrong"]);
    assert!(err.contains("401") && !err.contains("wrong"), "{err}");
    // A failed sync leaves the last successful time.
    assert_eq!(ok(ws, &["settings", "get", "sync.last_at"]), last_ok);
}

#[test]
fn actions_on_an_imported_bundle() {
    let dir = tempfile::tempdir().unwrap();
    let ws = dir.path();
    let bundle =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/good-bundle");
    ok(ws, &["import", bundle.to_str().unwrap()]);

    let r = json(ws, &["nudge", "I001", "I002", "I003", "I004", "--json"]);
    let queued: Vec<&str> = r["queued"]
        .as_array()
        .unwrap()
        .iter()
        .map(|q| q["interview_id"].as_str().unwrap())
        .collect();
    assert_eq!(queued, vec!["I001", "I002"], "{r}");
    let skipped: Vec<&str> = r["skipped"]
        .as_array()
        .unwrap()
        .iter()
        .map(|q| q["interview_id"].as_str().unwrap())
        .collect();
    assert_eq!(skipped, vec!["I003", "I004"], "{r}");

    // P100 allows one retake.
    ok(ws, &["retake", "I001"]);
    assert!(fails(ws, &["retake", "I001"]).contains("allows 1"));

    ok(
        ws,
        &["note", "add", "I001", "--at", "12", "Good de-escalation"],
    );
    ok(ws, &["cohort", "create", "Bakers"]);
    ok(ws, &["cohort", "add", "Bakers", "I001"]);

    let sink = SmtpSink::start(Mode::Accept);
    let port = sink.port().to_string();
    let out = ok(
        ws,
        &[
            "outbox",
            "send",
            "--smtp-host",
            "127.0.0.1",
            "--smtp-port",
            &port,
            "--smtp-security",
            "none",
            "--from",
            "hr@shortlist.test",
        ],
    );
    assert!(out.contains("3 sent"), "{out}");
    let got = sink.received();
    let jose = got
        .iter()
        .find(|m| {
            m.rcpt_to == vec!["jose@example.com".to_string()]
                && m.header("Subject").unwrap().starts_with("Reminder")
        })
        .unwrap();
    assert!(
        jose.body().contains("Hello José Álvarez"),
        "{}",
        jose.body()
    );
    assert!(jose.body().contains("with Sally"), "{}", jose.body());
    assert!(
        jose.header("Subject").unwrap().contains("application form"),
        "{:?}",
        jose.header("Subject")
    );

    // Re-import: reviewer data untouched; show --json carries the note.
    ok(ws, &["import", bundle.to_str().unwrap()]);
    let show = json(ws, &["show", "I001", "--json"]);
    assert!(show.to_string().contains("Good de-escalation"));
    assert_eq!(
        json(ws, &["list", "--cohort", "Bakers", "--json"])["total"],
        1
    );
    assert_eq!(
        json(ws, &["outbox", "list", "--json", "--status", "sent"])
            .as_array()
            .unwrap()
            .len(),
        3
    );

    let f = json(ws, &["find-jobs", "I001", "--json"]);
    assert_eq!(f["matches"][0]["posting_id"], "P200");
    let c = json(ws, &["cross-agent", "I001", "--json"]);
    assert!(c["interview_lines"].as_u64().unwrap() >= 2, "{c}");
    assert!(ok(ws, &["audit", "verify"]).contains("intact"));
}
