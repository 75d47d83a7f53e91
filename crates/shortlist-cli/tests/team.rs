//! Panels end to end (F70–F75): two laptops (two workspaces) share
//! reviewer events through a real PostgreSQL (Debian's package, a
//! throw-away cluster started by shortlist-team's test harness).
//!
//! No keychain is reachable in these tests (the D-Bus session address
//! points nowhere), so `team init` must say the password was not stored
//! and the password comes from `SHORTLIST_TEAM_PASSWORD`.

#[path = "../../shortlist-team/tests/it/pg.rs"]
#[allow(dead_code)]
mod pg;

use std::path::{Path, PathBuf};
use std::process::Output;

use serde_json::Value;

const ALICE: &str = "alice@example.org";
const BOB: &str = "bob@example.org";

fn password(login: &str) -> String {
    format!("pw:{login}/Zq9")
}

fn run(ws: &Path, login: &str, args: &[&str]) -> Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_shortlist"))
        .env_remove("SHORTLIST_WORKSPACE")
        .env(
            "DBUS_SESSION_BUS_ADDRESS",
            "unix:path=/nonexistent/shortlist-test-bus",
        )
        .env("SHORTLIST_TEAM_PASSWORD", password(login))
        .arg("--workspace")
        .arg(ws)
        .args(args)
        .output()
        .expect("run shortlist")
}

fn ok(ws: &Path, login: &str, args: &[&str]) -> String {
    let out = run(ws, login, args);
    assert!(
        out.status.success(),
        "shortlist {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn json(ws: &Path, login: &str, args: &[&str]) -> Value {
    let out = ok(ws, login, args);
    serde_json::from_str(&out).unwrap_or_else(|e| panic!("{args:?}: {e}: {out}"))
}

fn bundle() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/good-bundle")
}

fn copy_dir(src: &Path, dst: &Path) {
    std::fs::create_dir_all(dst).unwrap();
    for e in std::fs::read_dir(src).unwrap() {
        let e = e.unwrap();
        let to = dst.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &to);
        } else {
            std::fs::copy(e.path(), &to).unwrap();
        }
    }
}

#[test]
fn two_laptops_share_a_blind_panel_through_postgres() {
    let server = pg::PgServer::start();
    let db = server.create_db("panel_e2e");
    let mut admin = shortlist_team::Remote::connect(&server.admin_url(&db)).unwrap();
    shortlist_team::init(&mut admin).unwrap();
    for login in [ALICE, BOB] {
        shortlist_team::add_reviewer(&mut admin, login, &password(login)).unwrap();
    }
    let tmp = tempfile::tempdir().unwrap();
    let (a, b) = (tmp.path().join("alice"), tmp.path().join("bob"));
    let full = bundle();
    let partial = tmp.path().join("partial");
    copy_dir(&full, &partial);
    std::fs::remove_file(partial.join("candidates/P200.json")).unwrap();

    ok(&a, ALICE, &["import", full.to_str().unwrap()]);
    ok(&b, BOB, &["import", partial.to_str().unwrap()]);

    let init = ok(
        &a,
        ALICE,
        &[
            "team",
            "init",
            &server.url(ALICE, &password(ALICE), &db),
            "--reviewer",
            "Alice",
            "--email",
            ALICE,
        ],
    );
    assert!(init.contains("schema version 1 checked"), "{init}");
    assert!(
        init.contains("NOT stored") && init.contains("SHORTLIST_TEAM_PASSWORD"),
        "{init}"
    );
    assert!(!init.contains(&password(ALICE)), "{init}");
    ok(
        &b,
        BOB,
        &[
            "team",
            "init",
            &server.url(BOB, &password(BOB), &db),
            "--reviewer",
            "Bob",
            "--email",
            BOB,
        ],
    );
    // The workspace keeps the URL without its password.
    let st = json(&b, BOB, &["team", "status", "--json"]);
    assert_eq!(st["connected"], true, "{st}");
    assert!(
        !st["config"]["url"].as_str().unwrap().contains("Zq9"),
        "{st}"
    );

    // Alice evaluates and submits, decides; and evaluates I004, which Bob
    // has not imported.
    ok(
        &a,
        ALICE,
        &[
            "evaluate",
            "I001",
            "--recommend",
            "strong_yes",
            "--rating",
            "q1=4",
            "--rating",
            "2=3",
            "--comment",
            "hire",
            "--submit",
        ],
    );
    ok(&a, ALICE, &["decide", "I001", "shortlist"]);
    ok(
        &a,
        ALICE,
        &["evaluate", "I004", "--recommend", "no", "--submit"],
    );
    let pushed = ok(&a, ALICE, &["team", "push"]);
    assert!(pushed.contains("pushed 3 event(s)"), "{pushed}");
    // Idempotent.
    assert!(ok(&a, ALICE, &["team", "push"]).contains("pushed 0 event(s)"));

    let pulled = ok(&b, BOB, &["team", "pull"]);
    assert!(
        pulled.contains("pulled 3 event(s); 2 applied, 1 waiting"),
        "{pulled}"
    );

    // Bob has not submitted: he sees nothing of Alice's evaluation.
    let p = json(&b, BOB, &["panel", "I001", "--json"]);
    assert_eq!(p["visibility"], "blind", "{p}");
    assert_eq!(p["others"], serde_json::json!([]));
    assert_eq!(p["summary"], Value::Null);
    let text = ok(&b, BOB, &["panel", "I001"]);
    assert!(
        text.contains("hidden until you submit") && !text.contains("Strong Yes"),
        "{text}"
    );
    // The list neither: no panel column, and a panel filter matches nothing.
    let l = json(&b, BOB, &["list", "--json"]);
    let row = l["data"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["interview_id"] == "I001")
        .unwrap();
    assert_eq!(row["panel"], Value::Null, "{row}");
    // Bob drafts a No (not submitted): still blind, so "split" matches nothing.
    ok(&b, BOB, &["evaluate", "I001", "--recommend", "no"]);
    let split = json(&b, BOB, &["list", "--panel", "split", "--json"]);
    assert_eq!(split["total"], 0, "a panel filter leaks votes: {split}");
    // Alice's decision did arrive.
    assert_eq!(p["decision"]["decision"], "shortlisted");
    assert_eq!(p["decision"]["decided_by"], "Alice");

    // Bob submits; now he sees Alice's.
    ok(
        &b,
        BOB,
        &[
            "evaluate",
            "I001",
            "--recommend",
            "no",
            "--comment",
            "unsure",
            "--submit",
        ],
    );
    let p = json(&b, BOB, &["panel", "I001", "--json"]);
    assert_eq!(p["visibility"], "submitted");
    assert_eq!(p["others"][0]["reviewer"], ALICE);
    assert_eq!(p["others"][0]["ratings"]["q2"], 3);
    assert_eq!(p["summary"]["label"], "1 Strong Yes · 1 No");
    let split = json(&b, BOB, &["list", "--panel", "split", "--json"]);
    assert_eq!(split["total"], 1, "{split}");
    assert_eq!(split["data"][0]["interview_id"], "I001");
    assert_eq!(split["data"][0]["panel"]["label"], "1 Strong Yes · 1 No");
    let two = json(&b, BOB, &["list", "--panel", "strong-yes-2", "--json"]);
    assert_eq!(two["total"], 0, "{two}");

    // The import brings I004; the waiting evaluation applies.
    let imported = ok(&b, BOB, &["import", full.to_str().unwrap()]);
    assert!(
        imported.contains("1 waiting event(s) applied"),
        "{imported}"
    );
    let st = json(&b, BOB, &["team", "status", "--json"]);
    assert_eq!(st["waiting_for_import"], 0);
    let r: i64 = rusqlite::Connection::open(b.join("workspace.db"))
        .unwrap()
        .query_row(
            "SELECT count(*) FROM evaluations WHERE interview_id = 'I004' AND reviewer = ?1 AND submitted_at IS NOT NULL",
            [ALICE],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(r, 1);

    // Bob's submission reaches Alice.
    // Two events: the draft and the submission.
    assert!(ok(&b, BOB, &["team", "push"]).contains("pushed 2 event(s)"));
    ok(&a, ALICE, &["team", "pull"]);
    let p = json(&a, ALICE, &["panel", "I001", "--json"]);
    assert_eq!(p["others"][0]["reviewer_name"], "Bob");

    // A reviewer cannot push under another's name: Bob's workspace with
    // Alice's password is refused at login, and nothing is stored.
    let out = run(&b, ALICE, &["team", "push"]);
    assert!(!out.status.success());
    assert!(!String::from_utf8_lossy(&out.stderr).contains(&password(ALICE)));

    // Bad rating: one line naming the question.
    let out = run(&a, ALICE, &["evaluate", "I001", "--rating", "q9=2"]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("`q9`") && err.contains("`q1`"), "{err}");
    drop(server);
}

#[test]
fn an_erasure_reaches_the_other_laptop_through_postgres() {
    let server = pg::PgServer::start();
    let db = server.create_db("erase_e2e");
    let mut admin = shortlist_team::Remote::connect(&server.admin_url(&db)).unwrap();
    shortlist_team::init(&mut admin).unwrap();
    for login in [ALICE, BOB] {
        shortlist_team::add_reviewer(&mut admin, login, &password(login)).unwrap();
    }
    let tmp = tempfile::tempdir().unwrap();
    let (a, b) = (tmp.path().join("alice"), tmp.path().join("bob"));
    for (ws, login, name) in [(&a, ALICE, "Alice"), (&b, BOB, "Bob")] {
        ok(ws, login, &["import", bundle().to_str().unwrap()]);
        ok(
            ws,
            login,
            &[
                "team",
                "init",
                &server.url(login, &password(login), &db),
                "--reviewer",
                name,
                "--email",
                login,
            ],
        );
    }
    ok(
        &a,
        ALICE,
        &["erase", "I001", "--yes", "--reason", "candidate's request"],
    );
    ok(&a, ALICE, &["team", "push"]);
    // The server holds the tombstone: no interview id, no name.
    let (kind, subject, payload): (String, String, String) = {
        let row = admin
            .client()
            .query_one(
                "SELECT kind, interview_id, payload::text FROM shortlist.events",
                &[],
            )
            .unwrap();
        (row.get(0), row.get(1), row.get(2))
    };
    assert_eq!(kind, "erasure_tombstone");
    assert!(
        subject.starts_with("erased:") && !subject.contains("I001"),
        "{subject}"
    );
    assert!(!payload.contains("I001"), "{payload}");

    let before = json(&b, BOB, &["list", "--json"]);
    assert!(before.to_string().contains("I001"));
    let pulled = ok(&b, BOB, &["team", "pull"]);
    assert!(pulled.contains("1 candidate(s) erased here"), "{pulled}");
    let after = json(&b, BOB, &["list", "--json"]);
    assert!(!after.to_string().contains("\"I001\""), "{after}");
    let log = json(&b, BOB, &["erasures", "--json"]);
    let log = log
        .as_array()
        .cloned()
        .unwrap_or_else(|| log["erasures"].as_array().unwrap().clone());
    assert_eq!(log.len(), 1, "{log:?}");
    assert!(
        log[0]["reason"]
            .as_str()
            .unwrap()
            .contains("team erasure by Alice"),
        "{log:?}"
    );
}

/// `team add-reviewer`: an administrator creates the schema and a
/// reviewer's own login from the CLI (the password on stdin, never in the
/// arguments); the reviewer then joins with `team init`. A second run only
/// adds the existing role to the group; no password is refused.
#[test]
fn an_administrator_adds_a_reviewer_from_the_cli() {
    use std::io::Write;
    const CAROL: &str = "carol@example.org";
    let server = pg::PgServer::start();
    let db = server.create_db("admin_cli");
    let tmp = tempfile::tempdir().unwrap();
    let admin_ws = tmp.path().join("admin");
    let add = |stdin: &str| {
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_shortlist"))
            .env_remove("SHORTLIST_WORKSPACE")
            .env_remove("SHORTLIST_REVIEWER_PASSWORD")
            .arg("--workspace")
            .arg(&admin_ws)
            .args(["team", "add-reviewer", &server.admin_url(&db), CAROL])
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        child
            .stdin
            .take()
            .unwrap()
            .write_all(stdin.as_bytes())
            .unwrap();
        child.wait_with_output().unwrap()
    };
    let out = add("");
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("no password") && err.contains("SHORTLIST_REVIEWER_PASSWORD"),
        "{err}"
    );

    let out = add(&format!("{}\n", password(CAROL)));
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        said.contains("schema created")
            && said.contains("reviewer login `carol@example.org` created"),
        "{said}"
    );
    assert!(!said.contains(&password(CAROL)), "{said}");
    let again = add(&format!("{}\n", password(CAROL)));
    assert!(again.status.success());
    assert!(String::from_utf8_lossy(&again.stdout).contains("already existed"));

    // Carol joins with her own login and writes under it.
    let ws = tmp.path().join("carol");
    ok(&ws, CAROL, &["import", bundle().to_str().unwrap()]);
    let init = ok(
        &ws,
        CAROL,
        &[
            "team",
            "init",
            &server.url(CAROL, &password(CAROL), &db),
            "--reviewer",
            "Carol",
            "--email",
            CAROL,
        ],
    );
    assert!(init.contains("schema version 1 checked"), "{init}");
    let st = json(&ws, CAROL, &["team", "status", "--json"]);
    assert_eq!(st["connected"], true, "{st}");
}
