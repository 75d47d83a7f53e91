//! Seed screens (issue 16): the agent tab's questions and rubric, and
//! subscribers as people that survive a re-import.

use shortlist_core::actions::subscribers::{add_subscriber, list_subscribers, remove_subscriber};
use shortlist_core::review::agent_config;

use crate::helpers::{copy_dir, good_bundle, import, new_ws};

fn emails(ws: &shortlist_core::Workspace) -> Vec<(String, String)> {
    list_subscribers(ws, "P100")
        .unwrap()
        .into_iter()
        .map(|s| (s.email, s.source))
        .collect()
}

#[test]
fn agent_questions_and_rubric_come_from_the_scorecards() {
    let (_d, ws) = new_ws();
    import(&ws, &good_bundle());
    let a = agent_config(&ws, "P100").unwrap();
    let ids: Vec<_> = a.questions.iter().map(|q| q.question_id.as_str()).collect();
    assert_eq!(ids, ["q1", "q2", "q3"]);
    let q1 = &a.questions[0];
    assert_eq!(q1.question_text, "Customer service experience");
    assert_eq!(q1.position, 1);
    assert_eq!(q1.weight, 2.0);
    assert_eq!(q1.evaluation_criteria.as_deref(), Some("Years and depth"));
    assert_eq!(q1.score_1_description.as_deref(), Some("None"));
    assert_eq!(q1.score_5_description.as_deref(), Some("Extensive"));
    assert_eq!(a.questions[2].not_scored, 1);
    assert!(a.scorecards >= 1);
    // "-" is the export's "none given".
    let b = agent_config(&ws, "P200").unwrap();
    assert_eq!(b.questions.len(), 1);
    assert_eq!(b.questions[0].evaluation_criteria, None);
    assert!(agent_config(&ws, "NOPE").is_err());

    // An export without interviews: no questions, not an error.
    let (d2, ws2) = new_ws();
    let src = d2.path().join("bundle");
    copy_dir(&good_bundle(), &src);
    std::fs::remove_dir_all(src.join("interviews")).unwrap();
    import(&ws2, &src);
    let e = agent_config(&ws2, "P100").unwrap();
    assert!(e.questions.is_empty(), "{e:?}");
    assert_eq!(e.scorecards, 0);
}

#[test]
fn subscribers_add_remove_validate_and_survive_reimport() {
    let (_d, ws) = new_ws();
    import(&ws, &good_bundle());
    let imported = vec![
        ("hm@example.com".to_string(), "imported".to_string()),
        ("ops@example.com".to_string(), "imported".to_string()),
    ];
    assert_eq!(emails(&ws), imported);

    for bad in [
        "",
        "  ",
        "not-an-address",
        "a@b",
        "two@@example.org",
        "sp ace@example.org",
    ] {
        let e = add_subscriber(&ws, "P100", bad).unwrap_err().to_string();
        assert!(e.contains("e-mail address"), "{bad:?}: {e}");
    }
    let dup = add_subscriber(&ws, "P100", "HM@example.com")
        .unwrap_err()
        .to_string();
    assert!(dup.contains("already a subscriber"), "{dup}");

    let after = add_subscriber(&ws, "P100", " lead@example.org ").unwrap();
    assert_eq!(after.last().unwrap().email, "lead@example.org");
    assert_eq!(after.last().unwrap().source, "added");
    remove_subscriber(&ws, "P100", "ops@example.com").unwrap();
    assert_eq!(
        emails(&ws),
        vec![
            ("hm@example.com".to_string(), "imported".to_string()),
            ("lead@example.org".to_string(), "added".to_string()),
        ]
    );
    let e = remove_subscriber(&ws, "P100", "nobody@example.org")
        .unwrap_err()
        .to_string();
    assert!(e.contains("not a subscriber"), "{e}");

    // A re-import rewrites the imported list; the reviewer's changes stay.
    import(&ws, &good_bundle());
    assert_eq!(
        emails(&ws),
        vec![
            ("hm@example.com".to_string(), "imported".to_string()),
            ("lead@example.org".to_string(), "added".to_string()),
        ]
    );

    // Adding a removed imported address back restores it as imported.
    add_subscriber(&ws, "P100", "ops@example.com").unwrap();
    remove_subscriber(&ws, "P100", "lead@example.org").unwrap();
    assert_eq!(emails(&ws), imported);
    // P200 has no posting extension: no subscribers, and one can be added.
    assert!(list_subscribers(&ws, "P200").unwrap().is_empty());
    assert_eq!(
        add_subscriber(&ws, "P200", "a@example.org").unwrap().len(),
        1
    );
    assert!(list_subscribers(&ws, "NOPE").is_err());
}
