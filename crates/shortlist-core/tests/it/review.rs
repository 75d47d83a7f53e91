//! The review model over the good-bundle fixture: list, search, filters,
//! views, detail, Candidate vs Average, decisions with undo, audit.

use shortlist_core::review::{self, CandidateQuery, Decision, SortKey, View};

use crate::helpers::{good_bundle, import, new_ws};

fn ids(page: &review::CandidatePage) -> Vec<&str> {
    page.rows.iter().map(|r| r.interview_id.as_str()).collect()
}

#[test]
fn list_views_and_counts_agree() {
    let (_d, ws) = new_ws();
    import(&ws, &good_bundle());
    let all = review::list_candidates(&ws, &CandidateQuery::default()).unwrap();
    assert_eq!(all.total, all.rows.len() as i64);
    assert_eq!(all.view_counts.all, all.total);
    let completed = all
        .rows
        .iter()
        .filter(|r| r.progress == "completed")
        .count() as i64;
    assert_eq!(all.view_counts.completed, completed);

    // Per-interviewer counts add up to the list.
    let interviewers = review::list_interviewers(&ws).unwrap();
    assert_eq!(
        interviewers.iter().map(|i| i.counts.total).sum::<i64>(),
        all.total
    );
    for i in &interviewers {
        let page = review::list_candidates(
            &ws,
            &CandidateQuery {
                posting_id: Some(i.id.clone()),
                ..Default::default()
            },
        )
        .unwrap();
        assert_eq!(page.total, i.counts.total, "{}", i.id);
        assert!(page.rows.iter().all(|r| r.posting_id == i.id));
    }

    // Paging returns disjoint slices in a stable order.
    let q = CandidateQuery {
        sort: SortKey::Name,
        limit: 2,
        ..Default::default()
    };
    let p1 = review::list_candidates(&ws, &q).unwrap();
    let p2 = review::list_candidates(
        &ws,
        &CandidateQuery {
            offset: 2,
            ..q.clone()
        },
    )
    .unwrap();
    assert_eq!(p1.rows.len(), 2);
    assert!(ids(&p1).iter().all(|id| !ids(&p2).contains(id)));
    assert_eq!(p1.total, all.total);
}

#[test]
fn search_names_accents_and_transcripts() {
    let (_d, ws) = new_ws();
    import(&ws, &good_bundle());
    let search = |s: &str| {
        review::list_candidates(
            &ws,
            &CandidateQuery {
                search: Some(s.into()),
                ..Default::default()
            },
        )
        .unwrap()
    };
    assert_eq!(ids(&search("José")), vec!["I001"]);
    assert_eq!(ids(&search("jose")), vec!["I001"], "diacritics folded");
    assert_eq!(ids(&search("álv")), vec!["I001"], "prefix match");
    // Full text in the transcript, with a snippet whose hit is the word.
    let hit = search("bakery");
    assert_eq!(ids(&hit), vec!["I001"]);
    let snippet = hit.rows[0]
        .snippet
        .as_ref()
        .expect("snippet for a transcript hit");
    assert!(snippet
        .iter()
        .any(|p| p.hit && p.text.eq_ignore_ascii_case("bakery")));
    // Query syntax in user input is inert.
    assert!(search("\"bakery OR *").rows.len() <= 1);
    assert_eq!(search("zzzz-no-such-word").total, 0);
    // Punctuation, marks and symbols inside words never make a phrase query
    // (which the detail=none index would reject).
    assert!(ids(&search("jos'é")).contains(&"I001"));
    assert_eq!(ids(&search("a\u{301}lv")), vec!["I001"]);
    for q in [
        "o'brien",
        "jose-maria",
        "ana@example.com",
        "🙂",
        "(x OR y)",
        "Ⓐ",
        "’",
    ] {
        search(q);
    }
    // Searching within one interviewer (the app's list) gives the same hits.
    let page = review::list_candidates(
        &ws,
        &CandidateQuery {
            posting_id: Some("P100".into()),
            search: Some("bakery".into()),
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(ids(&page), vec!["I001"]);
    assert!(page.rows[0].snippet.is_some());
}

#[test]
fn filters() {
    let (_d, ws) = new_ws();
    import(&ws, &good_bundle());
    let q = |q: CandidateQuery| review::list_candidates(&ws, &q).unwrap();
    let tagged = q(CandidateQuery {
        tags: vec!["customer-focused".into()],
        ..Default::default()
    });
    assert!(ids(&tagged).contains(&"I001"));
    assert!(tagged.rows.iter().all(|r| r
        .tags
        .iter()
        .any(|t| t.eq_ignore_ascii_case("customer-focused"))));

    let ko = q(CandidateQuery {
        status: Some("knocked_out".into()),
        ..Default::default()
    });
    assert!(!ko.rows.is_empty());
    assert!(ko.rows.iter().all(|r| r.status == "knocked_out"));
    assert_eq!(ko.total, ko.rows.len() as i64);

    let high = q(CandidateQuery {
        min_score: Some(85.0),
        ..Default::default()
    });
    assert!(high.rows.iter().all(|r| r.score.unwrap() >= 85.0));
    let sorted = q(CandidateQuery {
        sort: SortKey::Score,
        descending: true,
        ..Default::default()
    });
    let scores: Vec<f64> = sorted.rows.iter().filter_map(|r| r.score).collect();
    assert!(scores.windows(2).all(|w| w[0] >= w[1]), "{scores:?}");
    // Unscored rows sort last whatever the direction.
    assert!(sorted.rows.last().unwrap().score.is_none());
}

#[test]
fn detail_and_candidate_vs_average() {
    let (_d, ws) = new_ws();
    import(&ws, &good_bundle());
    let d = review::candidate_detail(&ws, "I001").unwrap();
    assert_eq!(d.row.name, "José Álvarez");
    assert!(d.interview.is_some());
    assert!(!d.row.stages.is_empty());
    assert!(d.media.iter().any(|m| m.hash.is_some()));

    let cmp = review::candidate_vs_average(&ws, "I001").unwrap();
    // Not-scored questions are informational: no axis.
    assert!(cmp.axes.iter().all(|a| a.question_id != "q3"));
    let q1 = cmp.axes.iter().find(|a| a.question_id == "q1").unwrap();
    assert_eq!(q1.candidate_pct, Some(80.0));
    assert!(
        cmp.small_n,
        "a fixture with few candidates is a rough guide"
    );
    for a in &cmp.axes {
        if let (Some(c), Some(avg)) = (a.candidate_pct, a.avg_pct) {
            assert_eq!(
                a.delta_pct,
                shortlist_core::scoring::relative_to_average(c, avg)
            );
        }
    }
    assert!(matches!(
        review::candidate_detail(&ws, "nope"),
        Err(shortlist_core::StoreError::NoSuchInterview(_))
    ));
}

#[test]
fn compare_columns_carry_scores_flags_and_decision() {
    let (_d, ws) = new_ws();
    import(&ws, &good_bundle());
    let ids = vec!["I001".to_string(), "I005".to_string()];
    let cols = review::compare(&ws, &ids).unwrap();
    assert_eq!(
        cols.iter()
            .map(|c| c.interview_id.as_str())
            .collect::<Vec<_>>(),
        ["I001", "I005"],
        "columns keep the order asked for"
    );
    for c in &cols {
        let row = review::candidate_row(&ws, &c.interview_id).unwrap();
        assert_eq!(c.name, row.name);
        assert_eq!(c.score, row.score);
        assert_eq!(c.resume_score, row.resume_score);
        assert_eq!(c.decision, row.decision);
        assert_eq!(c.flag_count, row.flag_count);
        // The kinds add up to the list's flag count.
        assert_eq!(c.flags.iter().map(|f| f.count).sum::<i64>(), c.flag_count);
        assert_eq!(
            c.comparison,
            review::candidate_vs_average(&ws, &c.interview_id).unwrap()
        );
    }
    let i001 = &cols[0];
    assert!(
        i001.flag_count >= 2,
        "the fixture's I001 switched tabs twice"
    );
    let tab = i001
        .flags
        .iter()
        .find(|f| f.kind == "tab_switching")
        .unwrap();
    assert_eq!(tab.count, 2);
    assert!(
        i001.flags.windows(2).all(|w| w[0].count >= w[1].count),
        "most frequent first: {:?}",
        i001.flags
    );

    // A decision shows in the next Compare read.
    shortlist_core::actions::decisions::set_decision(&ws, &["I005".into()], Decision::Dismissed)
        .unwrap();
    let cols = review::compare(&ws, &ids).unwrap();
    assert_eq!(cols[1].decision, Decision::Dismissed);
    assert!(cols[1].decided_here);

    assert!(matches!(
        review::compare(&ws, &["I001".into(), "nope".into()]),
        Err(shortlist_core::StoreError::NoSuchInterview(id)) if id == "nope"
    ));
}

#[test]
fn decisions_undo_and_audit() {
    let (_d, ws) = new_ws();
    import(&ws, &good_bundle());
    let before = review::candidate_row(&ws, "I005").unwrap();
    let change = shortlist_core::actions::decisions::set_decision(
        &ws,
        &["I005".into(), "I001".into()],
        Decision::Shortlisted,
    )
    .unwrap();
    assert_eq!(change.entries.len(), 2);
    let page = review::list_candidates(
        &ws,
        &CandidateQuery {
            view: View::Shortlisted,
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(page.view_counts.shortlisted, 2);
    assert!(ids(&page).contains(&"I005") && ids(&page).contains(&"I001"));
    assert!(page
        .rows
        .iter()
        .all(|r| r.decided_here && r.status == "shortlisted"));

    shortlist_core::actions::decisions::undo_decision(&ws, &change).unwrap();
    let after = review::candidate_row(&ws, "I005").unwrap();
    assert_eq!(after.status, before.status);
    assert_eq!(after.decided_here, before.decided_here);

    // A missing id fails the whole batch: nothing written.
    let i001 = review::candidate_row(&ws, "I001").unwrap();
    let err = shortlist_core::actions::decisions::set_decision(
        &ws,
        &["I001".into(), "nope".into()],
        Decision::Dismissed,
    );
    assert!(matches!(err, Err(shortlist_core::StoreError::NoSuchInterview(id)) if id == "nope"));
    assert_eq!(review::candidate_row(&ws, "I001").unwrap(), i001);

    let conn = ws.reader();
    let report = shortlist_core::audit::verify(&conn).unwrap();
    assert!(report.is_intact());
    assert_eq!(report.entries, 5, "an import, two decisions and two undos");
    drop(conn);
    // The database refuses to change or delete an entry.
    let refused = ws
        .writer()
        .execute("UPDATE audit SET entity = 'I999' WHERE id = 2", [])
        .unwrap_err();
    assert!(refused.to_string().contains("append-only"), "{refused}");
    assert!(ws
        .writer()
        .execute("DELETE FROM audit WHERE id = 2", [])
        .is_err());
    // Past the triggers, tampering with any entry breaks the chain there.
    ws.writer()
        .execute_batch(
            "DROP TRIGGER audit_append_only_update;
             UPDATE audit SET entity = 'I999' WHERE id = 2;",
        )
        .unwrap();
    let report = shortlist_core::audit::verify(&ws.reader()).unwrap();
    assert_eq!(report.broken_at, Some(2));
}

#[test]
fn reimport_keeps_reviewer_decision() {
    let (_d, ws) = new_ws();
    import(&ws, &good_bundle());
    shortlist_core::actions::decisions::set_decision(&ws, &["I001".into()], Decision::Dismissed)
        .unwrap();
    import(&ws, &good_bundle());
    let row = review::candidate_row(&ws, "I001").unwrap();
    assert_eq!(row.decision, Decision::Dismissed);
    assert!(row.decided_here);
}
