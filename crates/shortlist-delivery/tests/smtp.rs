//! Outbox → SMTP delivery against a real SMTP server on loopback.

mod common;

use common::smtp_sink::{dead_port, Mode, SmtpSink};
use common::{ids, seed};
use shortlist_core::actions::messages::{self, QueueOptions};
use shortlist_core::actions::outbox::{self, OutboxStatus, RetryPolicy};
use shortlist_core::actions::ActionError;
use shortlist_core::audit;
use shortlist_core::store::now;
use shortlist_delivery::eml::export_eml;
use shortlist_delivery::secrets::Secret;
use shortlist_delivery::smtp::{send_outbox, Security, Sender, SmtpConfig};

fn sender() -> Sender {
    Sender {
        address: "hiring@shortlist.test".into(),
        name: Some("Hiring Team".into()),
    }
}

fn cfg(port: u16) -> SmtpConfig {
    let mut c = SmtpConfig::new("127.0.0.1", port, Security::None, sender());
    c.timeout = std::time::Duration::from_secs(10);
    c
}

fn audit_text(ws: &shortlist_core::Workspace) -> String {
    let conn = ws.reader();
    let mut stmt = conn
        .prepare("SELECT action || ' ' || coalesce(entity, '') FROM audit ORDER BY id")
        .unwrap();
    let rows: Vec<String> = stmt
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    rows.join("\n")
}

#[test]
fn nudge_and_blast_are_delivered_with_placeholders_filled() {
    let dir = tempfile::tempdir().unwrap();
    let ws = seed(dir.path());
    let sink = SmtpSink::start(Mode::Accept);

    let nudge = messages::nudge(
        &ws,
        &ids(&["int_a", "int_b"]),
        None,
        &QueueOptions::default(),
    )
    .unwrap();
    assert_eq!(nudge.queued.len(), 1, "{nudge:?}");
    assert_eq!(nudge.queued[0].interview_id, "int_a");
    assert_eq!(nudge.skipped.len(), 1);
    assert_eq!(nudge.skipped[0].interview_id, "int_b");

    let blast = messages::blast(
        &ws,
        &ids(&["int_a", "int_c"]),
        "Update on {job_title}",
        "Dear {candidate_name},\n.\n..a line starting with dots\nThanks from {interviewer}.",
        &QueueOptions::default(),
    )
    .unwrap();
    assert_eq!(blast.queued.len(), 2);
    assert_eq!(outbox::counts(&ws).unwrap().queued, 3);

    let report = send_outbox(&ws, &cfg(sink.port()), &RetryPolicy::default()).unwrap();
    assert_eq!(report.count("sent"), 3, "{report:?}");

    let got = sink.received();
    assert_eq!(got.len(), 3);
    let to_zoe: Vec<_> = got
        .iter()
        .filter(|m| m.rcpt_to == vec!["zoe@example.test".to_string()])
        .collect();
    assert_eq!(to_zoe.len(), 2);
    let nudge_mail = to_zoe
        .iter()
        .find(|m| m.header("Subject").unwrap().starts_with("Reminder"))
        .expect("nudge received");
    assert_eq!(
        nudge_mail.header("Subject").unwrap(),
        "Reminder: finish your video interview for Seasonal Sales Associate"
    );
    let body = nudge_mail.body();
    assert!(
        body.contains("https://interview.example.test/int_a"),
        "{body}"
    );
    assert!(body.contains("with Sally"), "{body}");
    assert!(!body.contains('{'), "{body}");
    assert!(nudge_mail.mail_from.contains("hiring@shortlist.test"));

    // Blast to the Chinese name on the interviewer without an agent name.
    let li = got
        .iter()
        .find(|m| m.rcpt_to == vec!["li.wei@example.test".to_string()])
        .unwrap();
    assert_eq!(li.header("Subject").unwrap(), "Update on Barista");
    let li_body = li.body();
    assert!(li_body.contains("Thanks from Barista."), "{li_body}");
    // SMTP dot-stuffing round-trips.
    assert!(
        li_body.contains("\r\n.\r\n..a line starting with dots"),
        "{li_body}"
    );

    // Message-IDs are the ones derived from the items' idempotency keys.
    for item in outbox::list(&ws, None).unwrap() {
        assert_eq!(item.status, OutboxStatus::Sent);
        assert_eq!(item.delivered_via.as_deref(), Some("smtp"));
        assert_eq!(item.attempts, 1);
        let mid = format!("<{}@shortlist.test>", item.message_id_local());
        assert!(
            got.iter()
                .any(|m| m.header("Message-ID").as_deref() == Some(mid.as_str())),
            "no message with {mid}"
        );
    }

    // Audit: chain intact, ids only.
    let report = audit::verify(&ws.reader()).unwrap();
    assert!(report.is_intact());
    let text = audit_text(&ws);
    assert!(text.contains("outbox.queue.nudge"));
    assert!(text.contains("outbox.sent"));
    for secret in ["zoe@", "Zoë", "Reminder", "Barista", "li.wei"] {
        assert!(!text.contains(secret), "audit leaks `{secret}`:\n{text}");
    }

    // Nothing due: a second run sends nothing more.
    let again = send_outbox(&ws, &cfg(sink.port()), &RetryPolicy::default()).unwrap();
    assert!(again.items.is_empty());
    assert_eq!(sink.received().len(), 3);
}

#[test]
fn server_down_keeps_mail_queued_with_backoff_then_delivers() {
    let dir = tempfile::tempdir().unwrap();
    let ws = seed(dir.path());
    messages::blast(
        &ws,
        &ids(&["int_a"]),
        "Hi",
        "Hello {candidate_name}",
        &QueueOptions::default(),
    )
    .unwrap();
    let before = now();
    let policy = RetryPolicy::default();
    let report = send_outbox(&ws, &cfg(dead_port()), &policy).unwrap();
    assert_eq!(report.count("queued"), 1, "{report:?}");
    let item = &outbox::list(&ws, None).unwrap()[0];
    assert_eq!(item.status, OutboxStatus::Queued);
    assert_eq!(item.attempts, 1);
    assert!(item.next_attempt_at >= before + policy.base_secs - 1.0);
    assert!(item
        .last_error
        .as_deref()
        .unwrap()
        .contains("cannot reach the SMTP server"));
    let payload_before = item.payload.clone();

    // Not due yet: a run now does not touch it.
    let sink = SmtpSink::start(Mode::Accept);
    let report = send_outbox(&ws, &cfg(sink.port()), &policy).unwrap();
    assert!(report.items.is_empty());
    assert_eq!(
        *sink.connections.lock().unwrap(),
        0,
        "nothing due: no connection"
    );

    // Retry makes it due now; it is then delivered, payload unchanged.
    outbox::retry(&ws, &[item.id]).unwrap();
    let report = send_outbox(&ws, &cfg(sink.port()), &policy).unwrap();
    assert_eq!(report.count("sent"), 1);
    let item = outbox::get(&ws, item.id).unwrap();
    assert_eq!(item.status, OutboxStatus::Sent);
    assert_eq!(item.payload, payload_before);
    assert_eq!(sink.received().len(), 1);
}

#[test]
fn backoff_grows_and_gives_up_after_max_attempts() {
    let dir = tempfile::tempdir().unwrap();
    let ws = seed(dir.path());
    messages::blast(
        &ws,
        &ids(&["int_c"]),
        "Hi",
        "Hello",
        &QueueOptions::default(),
    )
    .unwrap();
    let policy = RetryPolicy {
        base_secs: 0.0,
        cap_secs: 0.0,
        max_attempts: 3,
        lease_secs: 300.0,
    };
    let port = dead_port();
    for attempt in 1..=3 {
        let r = send_outbox(&ws, &cfg(port), &policy).unwrap();
        assert_eq!(r.items.len(), 1);
        assert_eq!(r.items[0].attempts, attempt);
    }
    let item = &outbox::list(&ws, None).unwrap()[0];
    assert_eq!(item.status, OutboxStatus::Failed);
    assert!(item
        .last_error
        .as_deref()
        .unwrap()
        .starts_with("gave up after 3 attempts"));
    // delay doubles and is capped
    let p = RetryPolicy::default();
    assert_eq!(p.delay(1), 60.0);
    assert_eq!(p.delay(2), 120.0);
    assert_eq!(p.delay(3), 240.0);
    assert_eq!(p.delay(20), 3600.0);
}

#[test]
fn auth_failure_fails_with_reason_and_keeps_the_item() {
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
    let sink = SmtpSink::start(Mode::AuthFail);
    let mut c = cfg(sink.port());
    c.user = Some("reviewer".into());
    c.password = Some(Secret::new("wrong-password"));
    let r = send_outbox(&ws, &c, &RetryPolicy::default()).unwrap();
    assert_eq!(r.count("failed"), 1, "{r:?}");
    let item = &outbox::list(&ws, None).unwrap()[0];
    let reason = item.last_error.clone().unwrap();
    assert!(reason.contains("535"), "{reason}");
    assert!(!reason.contains("wrong-password"), "{reason}");
    assert_eq!(item.payload["to"], "zoe@example.test");
    assert!(sink.received().is_empty());

    // The reviewer fixes the password and retries the failed item.
    *sink.mode.lock().unwrap() = Mode::Accept;
    outbox::retry(&ws, &[item.id]).unwrap();
    let r = send_outbox(&ws, &c, &RetryPolicy::default()).unwrap();
    assert_eq!(r.count("sent"), 1);
    assert!(sink.received()[0].authenticated);
}

#[test]
fn server_5xx_fails_and_4xx_retries() {
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
    let sink = SmtpSink::start(Mode::TempFailRcpt);
    let r = send_outbox(&ws, &cfg(sink.port()), &RetryPolicy::default()).unwrap();
    assert_eq!(r.count("queued"), 1, "{r:?}");
    assert!(r.items[0].error.as_deref().unwrap().contains("451"));

    let id = r.items[0].outbox_id;
    outbox::retry(&ws, &[id]).unwrap();
    *sink.mode.lock().unwrap() = Mode::RejectData;
    let r = send_outbox(&ws, &cfg(sink.port()), &RetryPolicy::default()).unwrap();
    assert_eq!(r.count("failed"), 1, "{r:?}");
    assert!(r.items[0].error.as_deref().unwrap().contains("554"));
    assert!(sink.received().is_empty());
}

#[test]
fn interrupted_send_is_recovered_and_sent_with_the_same_message_id() {
    let dir = tempfile::tempdir().unwrap();
    let ws = seed(dir.path());
    let q = messages::blast(
        &ws,
        &ids(&["int_a"]),
        "Hi",
        "Hello",
        &QueueOptions::default(),
    )
    .unwrap();
    let id = q.queued[0].outbox_id;
    // A deliverer claims the item and "crashes" before recording the outcome.
    let claimed = outbox::claim_due(&ws, outbox::OutboxKind::MAIL, now(), 10).unwrap();
    assert_eq!(claimed.len(), 1);
    assert_eq!(outbox::get(&ws, id).unwrap().status, OutboxStatus::Sending);

    // Within the lease a new run leaves it alone (it may still be in flight).
    let sink = SmtpSink::start(Mode::Accept);
    let r = send_outbox(&ws, &cfg(sink.port()), &RetryPolicy::default()).unwrap();
    assert!(r.recovered.is_empty() && r.items.is_empty());

    // After the lease it is queued again and delivered once.
    let policy = RetryPolicy {
        lease_secs: 0.0,
        ..RetryPolicy::default()
    };
    let r = send_outbox(&ws, &cfg(sink.port()), &policy).unwrap();
    assert_eq!(r.recovered, vec![id]);
    assert_eq!(r.count("sent"), 1);
    let item = outbox::get(&ws, id).unwrap();
    assert_eq!(item.attempts, 2);
    let got = sink.received();
    assert_eq!(got.len(), 1);
    assert_eq!(
        got[0].header("Message-ID").unwrap(),
        format!("<{}@shortlist.test>", claimed[0].message_id_local())
    );
}

#[test]
fn invalid_address_is_refused_at_queue_time_and_nothing_is_queued() {
    let dir = tempfile::tempdir().unwrap();
    let ws = seed(dir.path());
    let err = messages::blast(
        &ws,
        &ids(&["int_a", "int_bad"]),
        "Hi",
        "Hello",
        &QueueOptions::default(),
    )
    .unwrap_err();
    assert!(
        matches!(err, ActionError::InvalidEmail(ref b) if b.len() == 1 && b[0].interview_id == "int_bad")
    );
    let msg = err.to_string();
    assert!(
        msg.contains("int_bad") && msg.contains("not an address"),
        "{msg}"
    );
    assert!(outbox::list(&ws, None).unwrap().is_empty());
    assert_eq!(shortlist_core::Coded::code(&err), "invalid_email");
}

#[test]
fn same_request_and_identical_waiting_messages_are_not_queued_twice() {
    let dir = tempfile::tempdir().unwrap();
    let ws = seed(dir.path());
    let opts = QueueOptions {
        request_id: Some("click-1".into()),
    };
    let a = messages::blast(&ws, &ids(&["int_a"]), "Hi", "Hello", &opts).unwrap();
    assert_eq!(a.queued.len(), 1);
    let b = messages::blast(&ws, &ids(&["int_a"]), "Hi", "Hello", &opts).unwrap();
    assert!(b.queued.is_empty());
    assert!(b.skipped[0].reason.contains("already queued"));
    let c = messages::blast(
        &ws,
        &ids(&["int_a"]),
        "Hi",
        "Hello",
        &QueueOptions::default(),
    )
    .unwrap();
    assert!(c.queued.is_empty());
    assert!(c.skipped[0].reason.contains("still waiting"));
    assert_eq!(outbox::list(&ws, None).unwrap().len(), 1);
}

#[test]
fn eml_export_writes_the_same_message_and_can_mark_it_sent() {
    let dir = tempfile::tempdir().unwrap();
    let ws = seed(dir.path());
    messages::blast(
        &ws,
        &ids(&["int_a", "int_c"]),
        "Hello {candidate_name}",
        "Body for {candidate_name}",
        &QueueOptions::default(),
    )
    .unwrap();
    let out = tempfile::tempdir().unwrap();
    let files = export_eml(&ws, out.path(), &sender(), false).unwrap();
    assert_eq!(files.len(), 2);
    for f in &files {
        let text = std::fs::read_to_string(&f.path).unwrap();
        let item = outbox::get(&ws, f.outbox_id).unwrap();
        assert!(text.contains(&format!(
            "Message-ID: <{}@shortlist.test>",
            item.message_id_local()
        )));
        assert!(
            text.contains("Hiring Team") && text.contains("<hiring@shortlist.test>"),
            "{text}"
        );
        assert_eq!(item.status, OutboxStatus::Queued);
    }
    // Marking them exported: SMTP will not send them again.
    export_eml(&ws, out.path(), &sender(), true).unwrap();
    assert_eq!(outbox::counts(&ws).unwrap().sent, 2);
    let sink = SmtpSink::start(Mode::Accept);
    let r = send_outbox(&ws, &cfg(sink.port()), &RetryPolicy::default()).unwrap();
    assert!(r.items.is_empty());
    assert!(sink.received().is_empty());
}

#[test]
fn retake_respects_policy_unless_forced() {
    let dir = tempfile::tempdir().unwrap();
    let ws = seed(dir.path());
    // post_1 allows 1 retake.
    let g = messages::allow_retake(&ws, &ids(&["int_a"]), false, &QueueOptions::default()).unwrap();
    assert_eq!(g[0].used_before, 0);
    assert!(!g[0].forced);
    assert!(g[0].outbox_id.is_some());
    let err =
        messages::allow_retake(&ws, &ids(&["int_a"]), false, &QueueOptions::default()).unwrap_err();
    assert!(
        matches!(
            err,
            ActionError::RetakeLimit {
                used: 1,
                max: 1,
                ..
            }
        ),
        "{err}"
    );
    assert!(err.to_string().contains("--force"));
    let g = messages::allow_retake(&ws, &ids(&["int_a"]), true, &QueueOptions::default()).unwrap();
    assert!(g[0].forced);
    assert_eq!(messages::retakes_granted(&ws, "int_a").unwrap(), 2);
    // post_2 has no limit.
    for _ in 0..3 {
        messages::allow_retake(&ws, &ids(&["int_c"]), false, &QueueOptions::default()).unwrap();
    }
    let sink = SmtpSink::start(Mode::Accept);
    let r = send_outbox(&ws, &cfg(sink.port()), &RetryPolicy::default()).unwrap();
    assert_eq!(r.count("sent"), 5);
    assert!(sink.received()[0]
        .header("Subject")
        .unwrap()
        .starts_with("You can retake"));
    assert!(audit_text(&ws).contains("retake.grant_forced"));
}
