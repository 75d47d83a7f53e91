//! The hiring panel in the reports (F73): the candidate PDF's panel section
//! and the pipeline report's panel of the top candidates appear only with
//! the option, and never show another reviewer's evaluation to a viewer who
//! has not submitted their own (blind until submitted, F72).
mod common;

use common::check_pdf;
use shortlist_core::actions::panel::{self as evals, EvaluationInput};
use shortlist_core::actions::team;
use shortlist_core::review::panel::Recommendation;
use shortlist_core::Workspace;
use shortlist_report::{pipeline, sample, source, ReportOptions};

fn pdf_text(dir: &std::path::Path, name: &str, bytes: Vec<u8>) -> String {
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    check_pdf(&p).0
}

/// A workspace whose reviewer is Ann, with Zoe's submitted Strong Yes on
/// the best candidate (as a pull would have written it).
fn setup() -> (tempfile::TempDir, Workspace, String) {
    let dir = tempfile::tempdir().unwrap();
    let ws = Workspace::open(dir.path().join("ws")).unwrap();
    sample::seed_pipeline(&ws, 3).unwrap();
    team::set_identity(&ws, "Ann Reviewer", Some("ann@example.org")).unwrap();
    let m = pipeline::build(&ws, "pst_627", Some(1_764_201_600.0), 10).unwrap();
    let id = m.top[0].interview_id.clone();
    ws.writer()
        .execute(
            "INSERT INTO evaluations (interview_id, reviewer, reviewer_name, recommendation, ratings, comment, submitted_at, updated_at)
             VALUES (?1, 'zoe@example.org', 'Zoe Panelist', 'strong_yes', '{}', 'Zoesecretcomment', 1.0, 1.0)",
            [&id],
        )
        .unwrap();
    (dir, ws, id)
}

#[test]
fn candidate_pdf_panel_only_when_toggled_and_blind_until_submitted() {
    let (dir, ws, id) = setup();
    let with_panel = ReportOptions {
        panel: true,
        ..Default::default()
    };

    let off = pdf_text(
        dir.path(),
        "off.pdf",
        source::candidate_pdf(&ws, &id, &ReportOptions::default()).unwrap(),
    );
    assert!(!off.contains("Hiring panel"), "no panel without the option");
    assert!(!off.contains("Zoe"));

    // Ann has a draft only: her own row, nothing of Zoe's.
    evals::save_draft(
        &ws,
        &id,
        &EvaluationInput {
            recommendation: Some(Recommendation::No),
            ..Default::default()
        },
    )
    .unwrap();
    let blind = pdf_text(
        dir.path(),
        "blind.pdf",
        source::candidate_pdf(&ws, &id, &with_panel).unwrap(),
    );
    assert!(blind.contains("Hiring panel"), "{blind}");
    assert!(blind.contains("hidden until you submit"), "{blind}");
    assert!(blind.contains("Ann Reviewer"));
    for leak in ["Zoe", "Zoesecretcomment", "Strong Yes"] {
        assert!(!blind.contains(leak), "blind report shows `{leak}`");
    }

    // Submitted: Zoe's evaluation and the counts appear.
    evals::submit_evaluation(&ws, &id).unwrap();
    let open = pdf_text(
        dir.path(),
        "open.pdf",
        source::candidate_pdf(&ws, &id, &with_panel).unwrap(),
    );
    for s in [
        "Hiring panel",
        "Zoe Panelist",
        "Zoesecretcomment",
        "Strong Yes",
    ] {
        assert!(open.contains(s), "`{s}` missing from {open}");
    }
    assert!(!open.contains("hidden until you submit"));
}

#[test]
fn pipeline_report_panel_only_when_toggled_and_blind_until_submitted() {
    let (dir, ws, id) = setup();
    let at = Some(1_764_201_600.0);
    let plain = pdf_text(
        dir.path(),
        "plain.pdf",
        pipeline::pipeline_pdf(&ws, "pst_627", at).unwrap(),
    );
    assert!(!plain.contains("Hiring panel"));

    let m = pipeline::build_with(&ws, "pst_627", at, 10, true).unwrap();
    let top = m.top.iter().find(|t| t.interview_id == id).unwrap();
    assert_eq!(top.panel, "you: not rated; others hidden until you submit");
    let blind = pdf_text(
        dir.path(),
        "blind.pdf",
        pipeline::pipeline_pdf_with(&ws, "pst_627", at, true).unwrap(),
    );
    assert!(blind.contains("Hiring panel (top candidates)"), "{blind}");
    assert!(
        !blind.contains("Strong Yes"),
        "blind pipeline report leaks votes"
    );

    evals::save_evaluation(
        &ws,
        &id,
        &EvaluationInput {
            recommendation: Some(Recommendation::Yes),
            ..Default::default()
        },
        true,
    )
    .unwrap();
    let m = pipeline::build_with(&ws, "pst_627", at, 10, true).unwrap();
    let top = m.top.iter().find(|t| t.interview_id == id).unwrap();
    assert_eq!(top.panel, "1 Strong Yes · 1 Yes");
    let open = pdf_text(
        dir.path(),
        "open.pdf",
        pipeline::pipeline_pdf_with(&ws, "pst_627", at, true).unwrap(),
    );
    assert!(open.contains("1 Strong Yes"), "{open}");
}
