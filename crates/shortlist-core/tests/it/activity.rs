//! The profile's "Also applied to" and activity timeline.

use shortlist_core::actions::{cohorts, decisions, messages, notes};
use shortlist_core::review::{self, Decision};

use crate::helpers::{import, new_ws};

#[test]
fn also_applied_is_the_same_candidate_id_elsewhere() {
    let (d, ws) = new_ws();
    let bundle = d.path().join("demo");
    shortlist_core::demo::write_bundle(&bundle).unwrap();
    import(&ws, &bundle);
    let pairs: Vec<(String, String, i64)> = {
        let conn = ws.reader();
        let mut st = conn
            .prepare(
                "SELECT interview_id, coalesce(candidate_id, ''), \
                 (SELECT count(*) FROM candidates o WHERE o.candidate_id = c.candidate_id AND o.interview_id <> c.interview_id) \
                 FROM candidates c",
            )
            .unwrap();
        let rows = st
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .unwrap();
        rows.collect::<Result<_, _>>().unwrap()
    };
    assert!(
        pairs.iter().any(|(_, _, n)| *n > 0),
        "the demo has a person applying twice"
    );
    for (id, cid, n) in &pairs {
        let others = review::also_applied(&ws, id).unwrap();
        assert_eq!(
            others.len() as i64,
            if cid.is_empty() { 0 } else { *n },
            "{id}"
        );
        for o in &others {
            assert_ne!(&o.interview_id, id);
            let row = review::candidate_row(&ws, &o.interview_id).unwrap();
            assert_eq!(row.candidate_id.as_deref(), Some(cid.as_str()));
            assert_eq!(o.posting_id, row.posting_id);
            assert!(!o.posting_title.is_empty());
        }
    }
    assert!(review::also_applied(&ws, "int_nope").is_err());
}

#[test]
fn timeline_gathers_what_the_workspace_keeps() {
    let (d, ws) = new_ws();
    let bundle = d.path().join("demo");
    shortlist_core::demo::write_bundle(&bundle).unwrap();
    import(&ws, &bundle);
    let id = review::list_candidates(&ws, &Default::default())
        .unwrap()
        .rows
        .into_iter()
        .find(|r| r.created_at.is_some() && r.interview_url.is_some())
        .unwrap()
        .interview_id;
    let ids = vec![id.clone()];
    let before = review::activity(&ws, &id).unwrap();
    assert!(before.events.iter().any(|e| e.kind == "applied"));
    assert!(before.events.iter().any(|e| e.kind == "imported"));
    decisions::set_decision(&ws, &ids, Decision::Shortlisted).unwrap();
    notes::add_note(&ws, &id, Some(12.0), "Great <b>answer</b>").unwrap();
    cohorts::create_cohort(&ws, "Pool").unwrap();
    cohorts::add_to_cohort(&ws, "Pool", &ids).unwrap();
    messages::allow_retake(&ws, &ids, true, &Default::default()).unwrap();
    let a = review::activity(&ws, &id).unwrap();
    let kinds: Vec<&str> = a.events.iter().map(|e| e.kind.as_str()).collect();
    for k in [
        "applied", "imported", "decision", "note", "retake", "mail", "audit",
    ] {
        assert!(kinds.contains(&k), "{k} in {kinds:?}");
    }
    assert!(
        a.events.windows(2).all(|w| w[0].at >= w[1].at),
        "newest first"
    );
    let note = a.events.iter().find(|e| e.kind == "note").unwrap();
    assert_eq!(note.detail.as_deref(), Some("Great <b>answer</b>"));
    assert_eq!(note.title, "Note pinned to the recording");
    let dec = a.events.iter().find(|e| e.kind == "decision").unwrap();
    assert_eq!(dec.title, "Shortlisted");
    assert!(dec.actor.is_some());
    assert!(a.events.iter().any(|e| e.title == "Added to a cohort"));
    let retake = a.events.iter().find(|e| e.kind == "retake").unwrap();
    assert_eq!(retake.title, "Retake allowed");
    assert!(retake.actor.is_some());
    // Another candidate's activity does not show up here.
    let other = review::activity(
        &ws,
        &before
            .also_applied
            .first()
            .map(|o| o.interview_id.clone())
            .unwrap_or_else(|| {
                review::list_candidates(&ws, &Default::default())
                    .unwrap()
                    .rows
                    .into_iter()
                    .find(|r| r.interview_id != id)
                    .unwrap()
                    .interview_id
            }),
    )
    .unwrap();
    assert!(!other
        .events
        .iter()
        .any(|e| e.kind == "note" || e.kind == "retake"));
}
