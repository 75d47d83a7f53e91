use rusqlite::Connection;
use serde_json::json;
use shortlist_team::*;

use crate::pg::PgServer;
use crate::TestFn;

pub const TESTS: &[(&str, TestFn)] = &[
    ("init_twice_is_a_no_op", init_twice_is_a_no_op),
    ("newer_schema_is_refused", newer_schema_is_refused),
    (
        "two_reviewers_see_each_other_in_server_order",
        two_reviewers_see_each_other_in_server_order,
    ),
    ("push_is_idempotent", push_is_idempotent),
    ("forged_reviewer_is_refused", forged_reviewer_is_refused),
    (
        "update_delete_truncate_are_refused",
        update_delete_truncate_are_refused,
    ),
    (
        "concurrent_note_edits_both_survive_as_conflict",
        concurrent_note_edits_both_survive_as_conflict,
    ),
    ("offline_first_push_later", offline_first_push_later),
    (
        "passwords_stay_out_of_errors_and_server_log",
        passwords_stay_out_of_errors_and_server_log,
    ),
    ("seq_order_is_commit_order", seq_order_is_commit_order),
    ("tls_is_verified", tls_is_verified),
];

const ALICE: &str = "alice@example.org";
const BOB: &str = "bob@example.org";

fn password(login: &str) -> String {
    format!("pw:{login}/Zq9")
}

fn local() -> Connection {
    let c = Connection::open_in_memory().unwrap();
    ensure_local_schema(&c).unwrap();
    c
}

fn admin(server: &PgServer, db: &str) -> Remote {
    Remote::connect(&server.admin_url(db)).unwrap()
}

fn initialised(server: &PgServer, db: &str) -> Remote {
    let mut a = admin(server, db);
    init(&mut a).unwrap();
    a
}

fn reviewer(server: &PgServer, admin: &mut Remote, db: &str, login: &str) -> Remote {
    add_reviewer(admin, login, &password(login)).unwrap();
    Remote::connect(&server.url(login, &password(login), db)).unwrap()
}

fn server_count(admin: &mut Remote) -> i64 {
    admin
        .client()
        .query_one("SELECT count(*) FROM shortlist.events", &[])
        .unwrap()
        .get(0)
}

fn ev(
    who: &str,
    device: &str,
    kind: EventKind,
    interview: &str,
    payload: serde_json::Value,
) -> Event {
    Event::new(who, device, kind, interview, payload)
}

fn ids(events: &[Event]) -> Vec<uuid::Uuid> {
    events.iter().map(|e| e.id).collect()
}

fn init_twice_is_a_no_op(server: &PgServer, db: &str) {
    let mut a = admin(server, db);
    let first = init(&mut a).unwrap();
    assert_eq!(
        first,
        InitOutcome {
            before: 0,
            after: SCHEMA_VERSION
        }
    );
    assert!(first.changed());
    let second = init(&mut a).unwrap();
    assert_eq!(
        second,
        InitOutcome {
            before: SCHEMA_VERSION,
            after: SCHEMA_VERSION
        }
    );
    assert!(!second.changed());
    // A reviewer without DDL rights may run init on a current schema.
    let mut alice = reviewer(server, &mut a, db, ALICE);
    assert!(!init(&mut alice).unwrap().changed());
    let versions: i64 = a
        .client()
        .query_one("SELECT count(*) FROM shortlist.schema_version", &[])
        .unwrap()
        .get(0);
    assert_eq!(versions, 1);
    // A reviewer cannot create the schema on an empty database.
    let other = server.create_db(&format!("{db}_empty"));
    let mut a2 = admin(server, &other);
    let mut alice2 = Remote::connect(&server.url(ALICE, &password(ALICE), &other)).unwrap();
    let _ = &mut a2;
    let err = init(&mut alice2).unwrap_err();
    assert!(matches!(err, TeamError::Server { .. }), "{err}");
    let err = push(&local(), &mut alice2).unwrap_err();
    assert!(matches!(err, TeamError::SchemaMissing { .. }), "{err}");
    assert!(err.to_string().contains("shortlist team init"), "{err}");
}

fn newer_schema_is_refused(server: &PgServer, db: &str) {
    let mut a = initialised(server, db);
    let mut alice = reviewer(server, &mut a, db, ALICE);
    a.client()
        .batch_execute("UPDATE shortlist.schema_version SET version = 99")
        .unwrap();
    let err = init(&mut a).unwrap_err();
    match &err {
        TeamError::SchemaNewer {
            found, supported, ..
        } => {
            assert_eq!((*found, *supported), (99, SCHEMA_VERSION))
        }
        other => panic!("expected SchemaNewer, got {other}"),
    }
    assert!(err.to_string().contains("update Shortlist"), "{err}");
    let l = local();
    record_local(
        &l,
        &ev(
            ALICE,
            "laptop",
            EventKind::Decision,
            "int_1",
            json!({"decision": "advance"}),
        ),
    )
    .unwrap();
    assert!(matches!(
        push(&l, &mut alice).unwrap_err(),
        TeamError::SchemaNewer { .. }
    ));
    assert!(matches!(
        pull(&l, &mut alice).unwrap_err(),
        TeamError::SchemaNewer { .. }
    ));
    assert_eq!(pending(&l).unwrap().len(), 1, "nothing marked pushed");
    assert_eq!(server_count(&mut a), 0);
}

fn two_reviewers_see_each_other_in_server_order(server: &PgServer, db: &str) {
    let mut a = initialised(server, db);
    let mut alice = reviewer(server, &mut a, db, ALICE);
    let mut bob = reviewer(server, &mut a, db, BOB);
    let (la, lb) = (local(), local());

    let e1 = ev(
        ALICE,
        "a-laptop",
        EventKind::EvaluationSaved,
        "int_1",
        json!({"recommend": "yes"}),
    );
    record_local(&la, &e1).unwrap();
    assert_eq!(
        push(&la, &mut alice).unwrap(),
        PushReport {
            sent: 1,
            already_there: 0
        }
    );
    let e2 = ev(
        BOB,
        "b-laptop",
        EventKind::EvaluationSubmitted,
        "int_1",
        json!({"recommend": "no"}),
    );
    let e3 = ev(
        BOB,
        "b-laptop",
        EventKind::NoteAdded,
        "int_unknown_to_alice",
        json!({"text": "ask about Rust"}),
    );
    record_local(&lb, &e2).unwrap();
    record_local(&lb, &e3).unwrap();
    assert_eq!(push(&lb, &mut bob).unwrap().sent, 2);
    let e4 = ev(
        ALICE,
        "a-laptop",
        EventKind::Decision,
        "int_1",
        json!({"decision": "advance"}),
    );
    record_local(&la, &e4).unwrap();
    push(&la, &mut alice).unwrap();

    let got_a = pull(&la, &mut alice).unwrap();
    assert_eq!(
        ids(&got_a),
        vec![e2.id, e3.id],
        "alice gets bob's events, not her own"
    );
    assert_eq!(
        got_a[0], e2,
        "an event reads back from the server unchanged"
    );
    let got_b = pull(&lb, &mut bob).unwrap();
    assert_eq!(ids(&got_b), vec![e1.id, e4.id]);
    // Both logs follow the server's order.
    let order = vec![e1.id, e2.id, e3.id, e4.id];
    assert_eq!(ids(&all_events(&la).unwrap()), order);
    assert_eq!(ids(&all_events(&lb).unwrap()), order);
    let seqs: Vec<i64> = a
        .client()
        .query("SELECT seq FROM shortlist.events ORDER BY seq", &[])
        .unwrap()
        .iter()
        .map(|r| r.get(0))
        .collect();
    assert!(seqs.windows(2).all(|w| w[0] < w[1]));

    // Pulled events wait until the caller applies them; one for an
    // interview alice has not imported stays unapplied.
    assert_eq!(ids(&unapplied(&la).unwrap()), vec![e2.id, e3.id]);
    mark_applied(&la, &[e2.id]).unwrap();
    assert_eq!(
        ids(&unapplied_for(&la, "int_unknown_to_alice").unwrap()),
        vec![e3.id]
    );
    let st = status(&la, Some(&mut alice)).unwrap();
    assert!(st.connected);
    assert_eq!(st.schema_version, Some(SCHEMA_VERSION));
    assert_eq!((st.waiting_to_push, st.pulled_not_applied), (0, 1));
    assert_eq!(st.last_pulled_seq, *seqs.last().unwrap());
    assert!(st.last_pull_at.is_some() && st.last_push_at.is_some());

    // A second pull brings nothing new; a new event arrives alone.
    assert!(pull(&la, &mut alice).unwrap().is_empty());
    let e5 = ev(
        BOB,
        "b-laptop",
        EventKind::CohortAdded,
        "int_1",
        json!({"cohort": "final round"}),
    );
    record_local(&lb, &e5).unwrap();
    push(&lb, &mut bob).unwrap();
    assert_eq!(ids(&pull(&la, &mut alice).unwrap()), vec![e5.id]);
}

fn push_is_idempotent(server: &PgServer, db: &str) {
    let mut a = initialised(server, db);
    let mut alice = reviewer(server, &mut a, db, ALICE);
    let l = local();
    for i in 0..3 {
        record_local(
            &l,
            &ev(
                ALICE,
                "laptop",
                EventKind::NoteAdded,
                &format!("int_{i}"),
                json!({"text": i}),
            ),
        )
        .unwrap();
    }
    assert_eq!(
        push(&l, &mut alice).unwrap(),
        PushReport {
            sent: 3,
            already_there: 0
        }
    );
    assert!(pending(&l).unwrap().is_empty());
    assert_eq!(
        push(&l, &mut alice).unwrap(),
        PushReport::default(),
        "nothing pending, nothing sent"
    );
    // A cut after the server committed but before the laptop marked the
    // events pushed: they are pending again and the retry duplicates nothing.
    l.execute_batch("UPDATE team_events SET pushed = 0, seq = NULL")
        .unwrap();
    assert_eq!(pending(&l).unwrap().len(), 3);
    assert_eq!(
        push(&l, &mut alice).unwrap(),
        PushReport {
            sent: 0,
            already_there: 3
        }
    );
    assert_eq!(server_count(&mut a), 3);
    assert!(pending(&l).unwrap().is_empty());
    // Recording the same event twice locally is a no-op as well.
    let e = ev(ALICE, "laptop", EventKind::Decision, "int_0", json!({}));
    record_local(&l, &e).unwrap();
    record_local(&l, &e).unwrap();
    assert_eq!(push(&l, &mut alice).unwrap().sent, 1);
    assert_eq!(server_count(&mut a), 4);
    // Pull brings only seqs back for own events, no duplicates.
    assert!(pull(&l, &mut alice).unwrap().is_empty());
    let n: i64 = l
        .query_row(
            "SELECT count(*) FROM team_events WHERE seq IS NOT NULL",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(n, 4);
}

fn forged_reviewer_is_refused(server: &PgServer, db: &str) {
    let mut a = initialised(server, db);
    let mut alice = reviewer(server, &mut a, db, ALICE);
    let _bob = reviewer(server, &mut a, db, BOB);
    let l = local();
    let honest = ev(
        ALICE,
        "laptop",
        EventKind::NoteAdded,
        "int_1",
        json!({"text": "fine"}),
    );
    let forged = ev(
        BOB,
        "laptop",
        EventKind::Decision,
        "int_1",
        json!({"decision": "reject"}),
    );
    record_local(&l, &honest).unwrap();
    record_local(&l, &forged).unwrap();
    let err = push(&l, &mut alice).unwrap_err();
    match &err {
        TeamError::IdentityRefused {
            event,
            reviewer,
            login,
            ..
        } => {
            assert_eq!(
                (*event, reviewer.as_str(), login.as_str()),
                (forged.id, BOB, ALICE)
            );
        }
        other => panic!("expected IdentityRefused, got {other}"),
    }
    // The batch is one server transaction: nothing of it was stored, and
    // both events are still pending locally.
    assert_eq!(server_count(&mut a), 0);
    assert_eq!(pending(&l).unwrap().len(), 2);

    // The refusal is the server's, not the client's: raw SQL as alice.
    let raw = alice.client().execute(
        "INSERT INTO shortlist.events (id, reviewer, device, kind, interview_id, created_at, payload)
         VALUES ($1, $2, 'x', 'decision', 'int_1', now(), '{}')",
        &[&uuid::Uuid::now_v7(), &BOB],
    );
    let e = raw.unwrap_err();
    assert_eq!(e.code().map(|c| c.code()), Some("42501"), "{e}");
    assert!(pg_msg(&e).contains("row-level security"), "{}", pg_msg(&e));
    // Leaving reviewer out takes the login (column default current_user).
    let id = uuid::Uuid::now_v7();
    alice
        .client()
        .execute(
            "INSERT INTO shortlist.events (id, device, kind, interview_id, created_at, payload)
             VALUES ($1, 'x', 'decision', 'int_1', now(), '{}')",
            &[&id],
        )
        .unwrap();
    let who: String = a
        .client()
        .query_one(
            "SELECT reviewer FROM shortlist.events WHERE id = $1",
            &[&id],
        )
        .unwrap()
        .get(0);
    assert_eq!(who, ALICE);
    // The table owner is held to the same rule (FORCE ROW LEVEL SECURITY)
    // unless superuser; a login outside the reviewer group cannot insert
    // at all.
    a.client()
        .batch_execute("CREATE ROLE outsider_team LOGIN PASSWORD 'outsider-pw'")
        .ok();
    let mut outsider = Remote::connect(&server.url("outsider_team", "outsider-pw", db)).unwrap();
    let e = outsider
        .client()
        .execute(
            "INSERT INTO shortlist.events (id, reviewer, device, kind, interview_id, created_at, payload)
             VALUES ($1, 'outsider_team', 'x', 'decision', 'int_1', now(), '{}')",
            &[&uuid::Uuid::now_v7()],
        )
        .unwrap_err();
    assert_eq!(e.code().map(|c| c.code()), Some("42501"), "{e}");
    assert!(
        pull(&local(), &mut outsider).is_err(),
        "outsiders cannot read the log either"
    );

    // Without the forged event, alice's own push goes through.
    l.execute(
        "DELETE FROM team_events WHERE id = ?1",
        [forged.id.to_string()],
    )
    .unwrap();
    assert_eq!(push(&l, &mut alice).unwrap().sent, 1);
}

fn update_delete_truncate_are_refused(server: &PgServer, db: &str) {
    let mut a = initialised(server, db);
    let mut alice = reviewer(server, &mut a, db, ALICE);
    let l = local();
    record_local(
        &l,
        &ev(
            ALICE,
            "laptop",
            EventKind::NoteAdded,
            "int_1",
            json!({"text": "original"}),
        ),
    )
    .unwrap();
    push(&l, &mut alice).unwrap();
    // The owner has every privilege; the trigger still refuses.
    for sql in [
        "UPDATE shortlist.events SET payload = '{\"text\": \"rewritten\"}'",
        "DELETE FROM shortlist.events",
        "TRUNCATE shortlist.events",
    ] {
        let e = a.client().batch_execute(sql).unwrap_err();
        let msg = e
            .as_db_error()
            .map(|d| d.message().to_string())
            .unwrap_or_default();
        assert!(msg.contains("append-only"), "{sql}: {e}");
    }
    // Reviewers lack the privilege in the first place.
    for sql in [
        "UPDATE shortlist.events SET device = 'y'",
        "DELETE FROM shortlist.events",
    ] {
        let e = alice.client().batch_execute(sql).unwrap_err();
        assert_eq!(e.code().map(|c| c.code()), Some("42501"), "{sql}: {e}");
    }
    let text: serde_json::Value = a
        .client()
        .query_one("SELECT payload FROM shortlist.events", &[])
        .unwrap()
        .get(0);
    assert_eq!(text, json!({"text": "original"}));
    assert_eq!(server_count(&mut a), 1);
}

fn concurrent_note_edits_both_survive_as_conflict(server: &PgServer, db: &str) {
    let mut a = initialised(server, db);
    let mut alice_laptop = reviewer(server, &mut a, db, ALICE);
    let mut alice_desktop = Remote::connect(&server.url(ALICE, &password(ALICE), db)).unwrap();
    let (laptop, desktop) = (local(), local());

    let note = ev(
        ALICE,
        "laptop",
        EventKind::NoteAdded,
        "int_7",
        json!({"text": "strong on SQL"}),
    );
    record_local(&laptop, &note).unwrap();
    push(&laptop, &mut alice_laptop).unwrap();
    assert_eq!(
        ids(&pull(&desktop, &mut alice_desktop).unwrap()),
        vec![note.id]
    );

    // Both devices edit the same note without seeing each other's edit.
    let edit_l = ev(
        ALICE,
        "laptop",
        EventKind::NoteEdited,
        "int_7",
        json!({"text": "strong on SQL, weak on Rust"}),
    )
    .with_parent(note.id);
    let edit_d = ev(
        ALICE,
        "desktop",
        EventKind::NoteEdited,
        "int_7",
        json!({"text": "very strong on SQL"}),
    )
    .with_parent(note.id);
    record_local(&laptop, &edit_l).unwrap();
    record_local(&desktop, &edit_d).unwrap();
    assert!(
        conflicts(&laptop).unwrap().is_empty(),
        "no conflict before the other edit arrives"
    );
    push(&laptop, &mut alice_laptop).unwrap();
    push(&desktop, &mut alice_desktop).unwrap();
    pull(&laptop, &mut alice_laptop).unwrap();
    pull(&desktop, &mut alice_desktop).unwrap();

    for log in [&laptop, &desktop] {
        let c = conflicts(log).unwrap();
        assert_eq!(c.len(), 1);
        assert_eq!(c[0].parent, note.id);
        assert_eq!(c[0].interview_id, "int_7");
        let mut got = ids(&c[0].edits);
        got.sort();
        let mut want = vec![edit_l.id, edit_d.id];
        want.sort();
        assert_eq!(got, want, "both versions survive");
        let all = all_events(log).unwrap();
        assert!(all.contains(&edit_l) && all.contains(&edit_d));
    }
    assert_eq!(server_count(&mut a), 3);

    // Two sequential edits on one device are not a conflict; a resolving
    // edit on top of one version ends it.
    let resolve = ev(
        ALICE,
        "desktop",
        EventKind::NoteEdited,
        "int_7",
        json!({"text": "strong on SQL; Rust: ask again"}),
    )
    .with_parent(edit_d.id);
    record_local(&desktop, &resolve).unwrap();
    assert!(conflicts(&desktop).unwrap().is_empty());
    push(&desktop, &mut alice_desktop).unwrap();
    pull(&laptop, &mut alice_laptop).unwrap();
    assert!(conflicts(&laptop).unwrap().is_empty());
}

fn offline_first_push_later(server: &PgServer, db: &str) {
    let mut a = initialised(server, db);
    add_reviewer(&mut a, ALICE, &password(ALICE)).unwrap();
    let l = local();
    let e1 = ev(
        ALICE,
        "laptop",
        EventKind::EvaluationSaved,
        "int_3",
        json!({"recommend": "strong_yes"}),
    );
    let e2 = ev(
        ALICE,
        "laptop",
        EventKind::EvaluationSubmitted,
        "int_3",
        json!({"recommend": "strong_yes"}),
    );
    record_local(&l, &e1).unwrap();
    // Nothing listens on this port: the server is "down".
    let down = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        drop(listener);
        format!(
            "postgres://alice%40example.org:{}@127.0.0.1:{port}/{db}",
            password(ALICE)
        )
    };
    let err = Remote::connect(&down).unwrap_err();
    assert!(matches!(err, TeamError::Unreachable { .. }), "{err}");
    let msg = err.to_string();
    assert!(
        !msg.contains(&password(ALICE)) && msg.contains(":***@"),
        "{msg}"
    );
    assert!(msg.contains("stay on this laptop"), "{msg}");
    record_local(&l, &e2).unwrap();
    let st = status_at(&l, &down).unwrap();
    assert!(!st.connected);
    assert_eq!(st.waiting_to_push, 2);
    assert!(st.error.as_deref().unwrap_or("").contains("not reachable"));
    assert!(!format!("{st:?}").contains(&password(ALICE)));

    // Back online.
    let up = server.url(ALICE, &password(ALICE), db);
    let mut alice = Remote::connect(&up).unwrap();
    assert_eq!(push(&l, &mut alice).unwrap().sent, 2);
    let st = status_at(&l, &up).unwrap();
    assert!(st.connected && st.error.is_none());
    assert_eq!(st.waiting_to_push, 0);
    assert_eq!(server_count(&mut a), 2);
}

fn passwords_stay_out_of_errors_and_server_log(server: &PgServer, db: &str) {
    let mut a = initialised(server, db);
    let secret = "Very-Secret-Pw-42";
    add_reviewer(&mut a, "carol@example.org", secret).unwrap();
    // The role works with that password ...
    Remote::connect(&server.url("carol@example.org", secret, db)).unwrap();
    // ... which reached the server only as a SCRAM verifier, although the
    // test server logs every statement.
    let log = server.log();
    assert!(
        log.contains("CREATE ROLE \"carol@example.org\""),
        "statements are logged"
    );
    assert!(!log.contains(secret), "the server log holds the password");
    // A wrong password: a server error (not "offline"), URL redacted.
    let err = Remote::connect(&server.url("carol@example.org", "wrong-Pw-77", db)).unwrap_err();
    assert!(matches!(err, TeamError::Server { .. }), "{err}");
    assert!(!err.to_string().contains("wrong-Pw-77"), "{err}");
    assert!(!format!("{err:?}").contains("wrong-Pw-77"), "{err:?}");
}

/// Two pushes in flight: the first holds the append lock until it commits,
/// so the second's rows get higher seqs and a pull between them cannot
/// skip anything. Checked by holding a transaction open and observing that
/// a second session's insert waits (pg_locks), then both commit in order.
fn seq_order_is_commit_order(server: &PgServer, db: &str) {
    let mut a = initialised(server, db);
    let mut alice = reviewer(server, &mut a, db, ALICE);
    let mut bob = reviewer(server, &mut a, db, BOB);
    let first = uuid::Uuid::now_v7();
    let mut tx = alice.client().transaction().unwrap();
    tx.execute(
        "INSERT INTO shortlist.events (id, device, kind, interview_id, created_at, payload) VALUES ($1, 'a', 'decision', 'i', now(), '{}')",
        &[&first],
    )
    .unwrap();
    let url = server.url(BOB, &password(BOB), db);
    let _ = &mut bob;
    let second = uuid::Uuid::now_v7();
    let handle = std::thread::spawn(move || {
        let mut bob = Remote::connect(&url).unwrap();
        bob.client()
            .execute(
                "INSERT INTO shortlist.events (id, device, kind, interview_id, created_at, payload) VALUES ($1, 'b', 'decision', 'i', now(), '{}')",
                &[&second],
            )
            .unwrap();
    });
    // Wait (bounded) until bob's insert is blocked on the advisory lock.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    loop {
        let waiting: i64 = a
            .client()
            .query_one(
                "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted",
                &[],
            )
            .unwrap()
            .get(0);
        if waiting == 1 {
            break;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "bob's insert never waited for the append lock"
        );
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    // Nothing of bob's is visible yet, and alice's is not committed.
    assert_eq!(server_count(&mut a), 0);
    tx.commit().unwrap();
    handle.join().unwrap();
    let rows: Vec<uuid::Uuid> = a
        .client()
        .query("SELECT id FROM shortlist.events ORDER BY seq", &[])
        .unwrap()
        .iter()
        .map(|r| r.get(0))
        .collect();
    assert_eq!(rows, vec![first, second]);
}

fn tls_is_verified(server: &PgServer, db: &str) {
    let mut a = initialised(server, db);
    add_reviewer(&mut a, ALICE, &password(ALICE)).unwrap();
    let enc = |p: &std::path::Path| p.display().to_string().replace('/', "%2F");
    // host=localhost names the certificate to expect; hostaddr says where
    // to connect (this sandbox may not resolve `localhost`).
    let base = format!(
        "{}?hostaddr=127.0.0.1",
        server
            .url(ALICE, &password(ALICE), db)
            .replace("@127.0.0.1:", "@localhost:")
    );
    // Trusted CA, matching host name: encrypted, and push works over it.
    let mut alice = Remote::connect(&format!(
        "{base}&sslmode=require&sslrootcert={}",
        enc(&server.ca_pem())
    ))
    .unwrap();
    let ssl: bool = alice
        .client()
        .query_one(
            "SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()",
            &[],
        )
        .unwrap()
        .get(0);
    assert!(ssl, "the session is not encrypted");
    let l = local();
    record_local(
        &l,
        &ev(
            ALICE,
            "laptop",
            EventKind::Decision,
            "int_9",
            json!({"decision": "hold"}),
        ),
    )
    .unwrap();
    assert_eq!(push(&l, &mut alice).unwrap().sent, 1);
    // A certificate from a CA we do not trust is refused ...
    let err = Remote::connect(&format!(
        "{base}&sslmode=verify-full&sslrootcert={}",
        enc(&server.other_ca_pem())
    ))
    .unwrap_err();
    assert!(matches!(err, TeamError::Tls { .. }), "{err}");
    assert!(
        pg_msg_of(&err).to_lowercase().contains("certificate"),
        "{err}"
    );
    // ... and so is the right CA for the wrong host name (cert is for localhost).
    let by_ip = format!(
        "{}?connect_timeout=10",
        server.url(ALICE, &password(ALICE), db)
    );
    let err = Remote::connect(&format!(
        "{by_ip}&sslmode=require&sslrootcert={}",
        enc(&server.ca_pem())
    ))
    .unwrap_err();
    assert!(
        pg_msg_of(&err).to_lowercase().contains("certificate"),
        "{err}"
    );
    assert!(!err.to_string().contains(&password(ALICE)), "{err}");
    // Without sslrootcert, the bundled public roots do not know the test CA.
    assert!(Remote::connect(&format!("{base}&sslmode=require")).is_err());
    // Plain loopback connections stay plain.
    let mut plain = Remote::connect(&server.url(ALICE, &password(ALICE), db)).unwrap();
    let ssl: bool = plain
        .client()
        .query_one(
            "SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()",
            &[],
        )
        .unwrap()
        .get(0);
    assert!(!ssl);
}

fn pg_msg_of(e: &TeamError) -> String {
    e.to_string()
}
