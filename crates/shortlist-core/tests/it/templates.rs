//! The Nudge and Blast editors' preview and saved templates (F41) over the
//! good-bundle fixture: the preview renders what queueing would send, names
//! every unknown placeholder, and a saved template is the one used next.

use shortlist_core::actions::messages::QueueOptions;
use shortlist_core::actions::{messages, templates, templates::MessageTemplate};

use crate::helpers::{good_bundle, import, new_ws};

fn draft(subject: &str, body: &str) -> MessageTemplate {
    MessageTemplate {
        subject: subject.into(),
        body: body.into(),
    }
}

#[test]
fn preview_renders_for_the_chosen_candidate_as_queueing_would() {
    let (_d, ws) = new_ws();
    import(&ws, &good_bundle());
    let t = draft(
        "For {job_title}",
        "Hello {candidate_name}: {interview_url} ({step})",
    );
    let p = messages::preview(&ws, "blast", "I001", &t).unwrap();
    assert_eq!(p.to, "jose@example.com");
    assert!(p.problems.is_empty() && p.unknown_placeholders.is_empty() && p.skipped.is_none());
    let r = p.rendered;
    assert_eq!(
        r.body,
        "Hello José Álvarez: https://app.heymilo.ai/i/627/I001 (interview)"
    );
    // Another recipient, another rendering.
    let other = messages::preview(&ws, "blast", "I002", &t).unwrap();
    assert!(other.rendered.body.starts_with("Hello Li Wei: "));

    // What the preview shows is what Blast queues.
    let report = messages::blast(
        &ws,
        &["I001".into()],
        &t.subject,
        &t.body,
        &QueueOptions::default(),
    )
    .unwrap();
    assert_eq!(report.queued.len(), 1);
    let payload: String = ws
        .reader()
        .query_row(
            "SELECT payload FROM outbox WHERE id = ?1",
            [report.queued[0].outbox_id],
            |r| r.get(0),
        )
        .unwrap();
    let payload: serde_json::Value = serde_json::from_str(&payload).unwrap();
    assert_eq!(payload["body"], r.body);
    assert_eq!(payload["subject"], r.subject);
}

#[test]
fn preview_names_unknown_placeholders_and_who_would_be_skipped() {
    let (_d, ws) = new_ws();
    import(&ws, &good_bundle());
    let p = messages::preview(
        &ws,
        "nudge",
        "I002",
        &draft("Hi {first_name}", "{candidate_name} {job} {first_name}"),
    )
    .unwrap();
    // Filled as far as it goes; the unknown ones shown where they are.
    assert_eq!(p.rendered.subject, "Hi {first_name}");
    assert_eq!(p.rendered.body, "Li Wei {job} {first_name}");
    assert_eq!(p.unknown_placeholders, ["first_name", "job"]);
    assert_eq!(p.problems.len(), 3, "{:?}", p.problems);
    assert_eq!(p.problems[0].field, "subject");

    // A knocked-out candidate would get no nudge: said, with the rendering.
    let p = messages::preview(
        &ws,
        "nudge",
        "I003",
        &templates::template(&ws, "nudge").unwrap(),
    )
    .unwrap();
    assert!(p.rendered.body.contains("Amira Haddad"));
    assert_eq!(p.skipped.as_deref(), Some("candidate was knocked out"));

    assert!(messages::preview(&ws, "retake", "I002", &draft("a", "b")).is_err());
    assert!(messages::preview(&ws, "blast", "nope", &draft("a", "b")).is_err());
}

#[test]
fn saved_templates_are_used_next_and_bad_ones_refused() {
    let (_d, ws) = new_ws();
    import(&ws, &good_bundle());
    assert_eq!(
        templates::template(&ws, "blast").unwrap().subject,
        templates::BLAST_SUBJECT
    );
    let mine = draft(
        "Your {step} for {job_title}",
        "Dear {candidate_name},\nplease finish.\n",
    );
    templates::set_template(&ws, "nudge", &mine).unwrap();
    assert_eq!(templates::template(&ws, "nudge").unwrap(), mine);
    let err = templates::set_template(&ws, "nudge", &draft("Hi {nam}", "b")).unwrap_err();
    assert!(
        err.to_string().contains("unknown placeholder `{nam}`"),
        "{err}"
    );
    assert_eq!(
        templates::template(&ws, "nudge").unwrap(),
        mine,
        "a refused save changes nothing"
    );

    // Nudge with the saved template (no draft passed) uses it.
    let report = messages::nudge(&ws, &["I002".into()], None, &QueueOptions::default()).unwrap();
    assert_eq!(report.queued.len(), 1, "{:?}", report.skipped);
    let payload: String = ws
        .reader()
        .query_row(
            "SELECT payload FROM outbox WHERE id = ?1",
            [report.queued[0].outbox_id],
            |r| r.get(0),
        )
        .unwrap();
    assert!(payload.contains("Dear Li Wei,"), "{payload}");
}
