//! Panels (F70–F74) without a server: evaluations, blindness in the panel
//! and the list, and applying team events from another laptop. The events
//! are carried between two workspaces as a server would (its order kept in
//! `seq`); the real PostgreSQL round trip is tested by the CLI.

use std::cell::Cell;
use std::collections::BTreeMap;

use shortlist_core::actions::{cohorts, decisions, notes, panel as evals, team};
use shortlist_core::review::panel::{identity, panel, Recommendation, Viewer, Visibility};
use shortlist_core::review::{self, CandidateQuery, Decision, SortKey};
use shortlist_core::Workspace;

use crate::helpers::{copy_dir, good_bundle, import, new_ws};

thread_local! {
    static SEQ: Cell<i64> = const { Cell::new(0) };
}

/// Carries `from`'s unpushed events to `to`, as push + pull would: marked
/// pushed with a server seq on `from`, inserted unapplied on `to`.
fn ferry(from: &Workspace, to: &Workspace) -> usize {
    let events = shortlist_team::pending(&from.writer()).unwrap();
    for e in &events {
        let seq = SEQ.with(|s| {
            s.set(s.get() + 1);
            s.get()
        });
        from.writer()
            .execute(
                "UPDATE team_events SET pushed = 1, seq = ?2 WHERE id = ?1",
                rusqlite::params![e.id.to_string(), seq],
            )
            .unwrap();
        to.writer()
            .execute(
                "INSERT INTO team_events (id, reviewer, device, kind, interview_id, created_at, payload, parent, origin, pushed, seq, applied)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 'remote', 1, ?9, 0)",
                rusqlite::params![
                    e.id.to_string(),
                    e.reviewer,
                    e.device,
                    e.kind.as_str(),
                    e.interview_id,
                    serde_json::to_value(e.created_at).unwrap().as_str().unwrap().to_string(),
                    e.payload.to_string(),
                    e.parent.map(|p| p.to_string()),
                    seq
                ],
            )
            .unwrap();
    }
    events.len()
}

fn laptop(login: &str, name: &str, full: bool) -> (tempfile::TempDir, Workspace) {
    let (dir, ws) = new_ws();
    if full {
        import(&ws, &good_bundle());
    } else {
        // Everything but interviewer P200's candidate (I004).
        let partial = dir.path().join("partial");
        copy_dir(&good_bundle(), &partial);
        std::fs::remove_file(partial.join("candidates/P200.json")).unwrap();
        import(&ws, &partial);
    }
    let enc = login.replace('@', "%40");
    team::configure(
        &ws,
        &format!("postgres://{enc}:pw@127.0.0.1:5/team"),
        name,
        login,
        None,
    )
    .unwrap();
    (dir, ws)
}

fn input(
    rec: Option<Recommendation>,
    ratings: &[(&str, u8)],
    comment: &str,
) -> evals::EvaluationInput {
    evals::EvaluationInput {
        recommendation: rec,
        ratings: ratings
            .iter()
            .map(|(k, v)| (k.to_string(), *v))
            .collect::<BTreeMap<_, _>>(),
        comment: comment.into(),
    }
}

fn me(ws: &Workspace) -> Viewer {
    Viewer::from(&identity(ws).unwrap())
}

fn row_panel(ws: &Workspace, id: &str) -> Option<String> {
    review::candidate_row(ws, id)
        .unwrap()
        .panel
        .map(|p| p.label)
}

fn ids(ws: &Workspace, q: &CandidateQuery) -> Vec<String> {
    review::list_candidates(ws, q)
        .unwrap()
        .rows
        .into_iter()
        .map(|r| r.interview_id)
        .collect()
}

#[test]
fn evaluation_draft_submit_amend_keeps_history() {
    let (_d, ws) = new_ws();
    import(&ws, &good_bundle());
    team::set_identity(&ws, "Dana", Some("dana@example.org")).unwrap();
    let id = identity(&ws).unwrap();
    assert_eq!(id.id, "dana@example.org");
    assert!(!id.team);

    let e = evals::save_evaluation(
        &ws,
        "I001",
        &input(Some(Recommendation::Yes), &[("q1", 3), ("2", 4)], " good "),
        false,
    )
    .unwrap();
    assert!(!e.submitted);
    assert_eq!(e.ratings.get("q2"), Some(&4), "rank 2 is q2");
    assert_eq!(e.comment, "good");
    assert_eq!(e.reviewer_name, "Dana");

    let err = evals::save_evaluation(&ws, "I001", &input(None, &[("q1", 5)], ""), false)
        .unwrap_err()
        .to_string();
    assert!(err.contains("q1") && err.contains("1 to 4"), "{err}");
    let err = evals::save_evaluation(&ws, "I001", &input(None, &[("zz", 2)], ""), false)
        .unwrap_err()
        .to_string();
    assert!(err.contains("`zz`") && err.contains("`q3`"), "{err}");
    assert!(evals::save_evaluation(&ws, "NOPE", &input(None, &[], ""), false).is_err());

    let e = evals::submit_evaluation(&ws, "I001").unwrap();
    assert!(e.submitted && e.history.is_empty() && e.amended_at.is_none());
    let e = evals::save_evaluation(
        &ws,
        "I001",
        &input(Some(Recommendation::StrongYes), &[], "even better"),
        false,
    )
    .unwrap();
    assert!(e.submitted, "an amendment stays submitted");
    assert!(e.amended_at.is_some());
    assert_eq!(e.history.len(), 1);
    assert_eq!(e.history[0].recommendation, Some(Recommendation::Yes));
    assert_eq!(e.history[0].comment, "good");

    // No team: nothing goes to the team log.
    decisions::set_decision(&ws, &["I001".into()], Decision::Shortlisted).unwrap();
    let n: i64 = ws
        .reader()
        .query_row("SELECT count(*) FROM team_events", [], |r| r.get(0))
        .unwrap();
    assert_eq!(n, 0);
}

#[test]
fn blind_until_submitted_in_panel_and_list_and_events_apply_after_import() {
    let (_a_dir, a) = laptop("alice@example.org", "Alice", true);
    let (_b_dir, b) = laptop("bob@example.org", "Bob", false);

    evals::save_evaluation(
        &a,
        "I001",
        &input(Some(Recommendation::StrongYes), &[("q1", 4)], "hire"),
        true,
    )
    .unwrap();
    decisions::set_decision(&a, &["I001".into()], Decision::Shortlisted).unwrap();
    notes::add_note(&a, "I001", Some(12.0), "great answer on q1").unwrap();
    cohorts::create_cohort(&a, "Final").unwrap();
    cohorts::add_to_cohort(&a, "Final", &["I001".into()]).unwrap();
    evals::save_evaluation(&a, "I004", &input(Some(Recommendation::No), &[], ""), true).unwrap();
    // Every write recorded one event, signed with the login.
    let kinds: Vec<String> = a
        .reader()
        .prepare("SELECT kind || ':' || reviewer FROM team_events ORDER BY id")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(
        kinds,
        [
            "evaluation_submitted:alice@example.org",
            "decision:alice@example.org",
            "note_added:alice@example.org",
            "cohort_added:alice@example.org",
            "evaluation_submitted:alice@example.org",
        ]
    );

    assert_eq!(ferry(&a, &b), 5);
    let r = team::apply_waiting(&b).unwrap();
    assert_eq!((r.applied, r.waiting), (4, 1), "I004 is not imported on B");

    // Bob has not submitted: blind.
    let p = panel(&b, "I001", &me(&b)).unwrap();
    assert_eq!(p.visibility, Visibility::Blind);
    assert!(p.others.is_empty() && p.summary.is_none() && p.not_submitted.is_empty());
    assert_eq!(row_panel(&b, "I001"), None);
    // While blind the row carries only Bob's own state (none yet; then his
    // draft), never a count of the others.
    let row = review::candidate_row(&b, "I001").unwrap();
    assert_eq!(row.my_evaluation, None);
    evals::save_draft(&b, "I001", &input(Some(Recommendation::Yes), &[], "")).unwrap();
    let row = review::candidate_row(&b, "I001").unwrap();
    assert!(row.panel.is_none());
    assert_eq!(
        row.my_evaluation,
        Some(review::MyEvaluation {
            recommendation: Some(Recommendation::Yes),
            submitted: false
        })
    );
    let split_blind = CandidateQuery {
        panel_split: true,
        ..Default::default()
    };
    assert!(
        ids(&b, &split_blind).is_empty(),
        "a draft does not unblind the split filter"
    );
    let strong = CandidateQuery {
        panel_min_strong_yes: Some(1),
        ..Default::default()
    };
    assert!(
        ids(&b, &strong).is_empty(),
        "a filter must not reveal votes"
    );
    let by_panel = CandidateQuery {
        sort: SortKey::Panel,
        descending: true,
        ..Default::default()
    };
    let by_name = CandidateQuery {
        sort: SortKey::Name,
        ..Default::default()
    };
    assert_eq!(
        ids(&b, &by_panel),
        ids(&b, &by_name),
        "a sort must not reveal votes"
    );
    // The rest of Alice's work is there.
    let row = review::candidate_row(&b, "I001").unwrap();
    assert_eq!(row.decision, Decision::Shortlisted);
    assert_eq!(p.decision.as_ref().unwrap().decided_by, "Alice");
    let n = notes::list_notes(&b, "I001").unwrap();
    assert_eq!(n.len(), 1);
    assert_eq!(
        (n[0].text.as_str(), n[0].author.as_str()),
        ("great answer on q1", "Alice")
    );
    assert_eq!(cohorts::cohort_members(&b, "Final").unwrap(), ["I001"]);

    // Bob submits: he sees Alice's.
    evals::save_evaluation(
        &b,
        "I001",
        &input(Some(Recommendation::No), &[], "not sure"),
        true,
    )
    .unwrap();
    let p = panel(&b, "I001", &me(&b)).unwrap();
    assert_eq!(p.visibility, Visibility::Submitted);
    assert_eq!(p.others.len(), 1);
    assert_eq!(p.others[0].reviewer_name, "Alice");
    assert_eq!(p.others[0].ratings.get("q1"), Some(&4));
    let s = p.summary.unwrap();
    assert_eq!(s.label, "1 Strong Yes · 1 No");
    assert!(s.split);
    assert_eq!(
        row_panel(&b, "I001").as_deref(),
        Some("1 Strong Yes · 1 No")
    );
    assert_eq!(ids(&b, &strong), ["I001"]);
    let split = CandidateQuery {
        panel_split: true,
        ..Default::default()
    };
    assert_eq!(ids(&b, &split), ["I001"]);
    assert_eq!(ids(&b, &by_panel)[0], "I001");

    // Alice's side: Bob's submission arrives; Alice sees it (she submitted).
    ferry(&b, &a);
    team::apply_waiting(&a).unwrap();
    assert_eq!(
        row_panel(&a, "I001").as_deref(),
        Some("1 Strong Yes · 1 No")
    );

    // The import brings I004: its waiting event applies with the import
    // (the entry point the CLI, the app and HeyMilo sync call).
    let summary = team::import_path_with(&b, &good_bundle(), &Default::default(), &|_| {}).unwrap();
    assert_eq!(summary.team_applied, 1);
    assert!(summary
        .to_string()
        .contains("team: 1 waiting event(s) applied"));
    let r = team::apply_waiting(&b).unwrap();
    assert_eq!((r.applied, r.waiting), (0, 0));
    assert_eq!(
        panel(&b, "I004", &me(&b)).unwrap().visibility,
        Visibility::Blind
    );
    team::set_lead(&b, true).unwrap();
    let p = panel(&b, "I004", &me(&b)).unwrap();
    assert_eq!(p.visibility, Visibility::Lead);
    assert_eq!(p.others[0].recommendation, Some(Recommendation::No));
    assert_eq!(p.summary.unwrap().label, "1 No · 1 pending");
}

#[test]
fn draft_submit_amend_are_refused_in_the_wrong_state() {
    let (_dir, ws) = laptop("carol@example.org", "Carol", true);
    let e =
        evals::save_draft(&ws, "I001", &input(Some(Recommendation::Yes), &[], "first")).unwrap();
    assert!(!e.submitted);
    let err = evals::amend(&ws, "I001", &input(None, &[], "")).unwrap_err();
    assert!(err.to_string().contains("not submitted yet"), "{err}");
    let e = evals::submit(
        &ws,
        "I001",
        &input(Some(Recommendation::StrongYes), &[], "sure"),
    )
    .unwrap();
    assert!(e.submitted && e.amended_at.is_none());
    // The app's automatic draft save must never amend a submission.
    let err =
        evals::save_draft(&ws, "I001", &input(Some(Recommendation::No), &[], "")).unwrap_err();
    assert!(err.to_string().contains("already submitted"), "{err}");
    let err = evals::submit(&ws, "I001", &input(Some(Recommendation::No), &[], "")).unwrap_err();
    assert!(err.to_string().contains("amend it"), "{err}");
    let e = evals::amend(
        &ws,
        "I001",
        &input(Some(Recommendation::Yes), &[], "on reflection"),
    )
    .unwrap();
    assert!(e.submitted && e.amended_at.is_some());
    assert_eq!(e.history.len(), 1);
    assert_eq!(e.history[0].recommendation, Some(Recommendation::StrongYes));
    // Refusals recorded nothing: submit, amend = two events after the draft.
    let n: i64 = ws
        .reader()
        .query_row("SELECT count(*) FROM team_events", [], |r| r.get(0))
        .unwrap();
    assert_eq!(n, 3);
}

#[test]
fn first_run_identity_question_until_named_or_solo() {
    let (_dir, ws) = new_ws();
    assert!(team::needs_identity(&ws).unwrap());
    team::choose_solo(&ws).unwrap();
    assert!(!team::needs_identity(&ws).unwrap());
    let (_dir2, ws2) = new_ws();
    team::set_identity(&ws2, "Dana", Some("dana@example.org")).unwrap();
    assert!(!team::needs_identity(&ws2).unwrap());
    assert_eq!(identity(&ws2).unwrap().id, "dana@example.org");
}

#[test]
fn concurrent_note_edits_both_survive_as_a_conflict() {
    let (_a_dir, a) = laptop("alice@example.org", "Alice", true);
    // Alice's second laptop.
    let (_c_dir, c) = laptop("alice@example.org", "Alice", true);
    let note = notes::add_note(&a, "I001", None, "first").unwrap();
    ferry(&a, &c);
    team::apply_waiting(&c).unwrap();
    let on_c = notes::list_notes(&c, "I001").unwrap();
    assert_eq!(on_c.len(), 1);

    notes::edit_note(&a, note.id, "edited on A").unwrap();
    notes::edit_note(&c, on_c[0].id, "edited on C").unwrap();
    ferry(&a, &c);
    ferry(&c, &a);
    team::apply_waiting(&a).unwrap();
    team::apply_waiting(&c).unwrap();
    let na = notes::list_notes(&a, "I001").unwrap();
    let nc = notes::list_notes(&c, "I001").unwrap();
    assert_eq!(na[0].text, nc[0].text, "both laptops show the same version");
    for n in [&na[0], &nc[0]] {
        let texts: Vec<_> = n.conflict.iter().filter_map(|v| v.text.clone()).collect();
        assert_eq!(texts.len(), 2, "{n:?}");
        assert!(texts.contains(&"edited on A".into()) && texts.contains(&"edited on C".into()));
    }
    let rn = review::notes_for(&a.reader(), "I001").unwrap();
    assert_eq!(rn[0].conflict.len(), 2);

    // Editing again resolves it, everywhere.
    notes::edit_note(&a, na[0].id, "merged").unwrap();
    ferry(&a, &c);
    team::apply_waiting(&c).unwrap();
    for ws in [&a, &c] {
        let n = notes::list_notes(ws, "I001").unwrap();
        assert_eq!(n[0].text, "merged");
        assert!(n[0].conflict.is_empty());
    }
    // Deletion travels too.
    notes::delete_note(&c, nc[0].id).unwrap();
    ferry(&c, &a);
    team::apply_waiting(&a).unwrap();
    assert!(notes::list_notes(&a, "I001").unwrap().is_empty());
}

#[test]
fn migration_holds_the_team_log_ddl_verbatim() {
    let found = shortlist_core::store::schema::MIGRATIONS
        .iter()
        .any(|m| m.contains(shortlist_team::LOCAL_SCHEMA.trim()));
    assert!(
        found,
        "copy shortlist_team::LOCAL_SCHEMA into the panel migration unchanged"
    );
}

#[test]
fn an_erasure_travels_as_a_tombstone_without_personal_data_and_erases_on_the_other_laptop() {
    use shortlist_core::actions::erase;
    let (_a_dir, a) = laptop("alice@example.org", "Alice", true);
    let (_b_dir, b) = laptop("bob@example.org", "Bob", false);
    let name: String = a
        .reader()
        .query_row(
            "SELECT name FROM candidates WHERE interview_id = 'I001'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    notes::add_note(&a, "I001", None, "strong on safety").unwrap();
    erase::erase(&a, &["I001".into(), "I004".into()], "candidate's request").unwrap();

    // Alice's log holds two tombstones; the note event about I001 went with
    // the erasure. No tombstone names the candidate.
    let events = shortlist_team::pending(&a.writer()).unwrap();
    assert_eq!(events.len(), 2, "{events:#?}");
    for e in &events {
        assert_eq!(e.kind, shortlist_team::EventKind::ErasureTombstone);
        let text = serde_json::to_string(e).unwrap();
        for secret in ["I001", "I004", name.as_str(), "safety"] {
            assert!(!text.contains(secret), "{secret} in {text}");
        }
        assert!(e.interview_id.starts_with("erased:"), "{}", e.interview_id);
    }
    assert_eq!(
        events[0].interview_id,
        erase::tombstone_subject("I001"),
        "one subject per id, the same on every laptop"
    );

    // Bob has I001 but not I004 (a partial import).
    assert_eq!(ferry(&a, &b), 2);
    let r = team::apply_waiting(&b).unwrap();
    assert_eq!((r.erased, r.applied, r.waiting), (1, 1, 1), "{r:?}");
    let left: i64 = b
        .reader()
        .query_row(
            "SELECT count(*) FROM candidates WHERE interview_id = 'I001'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(left, 0);
    let log = erase::list_erasures(&b).unwrap();
    assert_eq!(log.len(), 1);
    assert_eq!(log[0].id_hash, erase::id_hash(&b, "I001").unwrap());
    assert!(
        log[0].reason.contains("team erasure by Alice") && log[0].reason.contains("request"),
        "{}",
        log[0].reason
    );
    // Applying wrote no tombstone of Bob's own (no echo).
    assert!(shortlist_team::pending(&b.writer()).unwrap().is_empty());
    // Applying again does nothing; the I004 tombstone still waits for an
    // import that would bring I004 back.
    let r = team::apply_waiting(&b).unwrap();
    assert_eq!((r.erased, r.waiting), (0, 1));
    import(&b, &good_bundle());
    let r = team::apply_waiting(&b).unwrap();
    assert_eq!((r.erased, r.waiting), (1, 0), "{r:?}");
    assert_eq!(erase::list_erasures(&b).unwrap().len(), 2);
}
