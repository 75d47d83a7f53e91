//! "Select all N matching": a query selection resolves in the core to every
//! match, page by page, in list order, minus the unticked; and the key
//! figures agree with the counts they sit beside.

use shortlist_core::review::{self, CandidateQuery, Matching, Selection, SortKey};
use shortlist_core::StoreError;

use crate::helpers::{import, new_ws};

fn demo() -> (tempfile::TempDir, shortlist_core::Workspace) {
    let (d, ws) = new_ws();
    let bundle = d.path().join("demo");
    shortlist_core::demo::write_bundle(&bundle).unwrap();
    import(&ws, &bundle);
    (d, ws)
}

#[test]
fn matching_selection_is_every_match_in_list_order() {
    let (_d, ws) = demo();
    let q = CandidateQuery {
        status: Some("completed".into()),
        sort: SortKey::Name,
        // Ignored by a selection: it is every match, not this page.
        offset: 1,
        limit: 2,
        ..Default::default()
    };
    let all = review::list_candidates(
        &ws,
        &CandidateQuery {
            offset: 0,
            limit: 0,
            ..q.clone()
        },
    )
    .unwrap();
    assert!(all.rows.len() > 7, "the demo has completed candidates");
    let expected: Vec<String> = all.rows.iter().map(|r| r.interview_id.clone()).collect();
    let m = Matching {
        query: q.clone(),
        except: vec![],
    };
    let sel = Selection::Matching(&m);
    assert_eq!(review::selection_ids(&ws, &sel).unwrap(), expected);
    assert_eq!(review::selection_count(&ws, &sel).unwrap(), expected.len());
    // Small pages give the same rows, each page at most its size.
    let mut seen = Vec::new();
    let n = review::for_each_selected_paged(&ws, &sel, 3, |rows| -> Result<(), StoreError> {
        assert!(rows.len() <= 3);
        seen.extend(rows.iter().map(|r| r.interview_id.clone()));
        Ok(())
    })
    .unwrap();
    assert_eq!(n, expected.len());
    assert_eq!(seen, expected);
    // Unticked after "Select all": left out, counted out; an id that does
    // not match is not subtracted.
    let m = Matching {
        query: q,
        except: vec![expected[0].clone(), expected[4].clone(), "int_nope".into()],
    };
    let sel = Selection::Matching(&m);
    let ids = review::selection_ids(&ws, &sel).unwrap();
    assert_eq!(ids.len(), expected.len() - 2);
    assert!(!ids.contains(&expected[0]) && !ids.contains(&expected[4]));
    assert_eq!(review::selection_count(&ws, &sel).unwrap(), ids.len());
    // Explicit ids: as given; an unknown id is an error naming it.
    let two = vec![expected[2].clone(), expected[1].clone()];
    assert_eq!(
        review::selection_ids(&ws, &Selection::Ids(&two)).unwrap(),
        two
    );
    let bad = vec!["int_nope".to_string()];
    let e = review::for_each_selected(&ws, &Selection::Ids(&bad), |_| -> Result<(), StoreError> {
        Ok(())
    })
    .unwrap_err();
    assert!(e.to_string().contains("int_nope"), "{e}");
}

#[test]
fn completion_rate_is_completed_over_candidates() {
    let (_d, ws) = demo();
    for i in review::list_interviewers(&ws).unwrap() {
        let a = review::interviewer_analytics(&ws, &i.id).unwrap();
        let fig = |k: &str| {
            a.key_figures
                .iter()
                .find(|f| f.key == k)
                .unwrap_or_else(|| panic!("figure {k}"))
                .clone()
        };
        let completed = review::list_candidates(
            &ws,
            &CandidateQuery {
                posting_id: Some(i.id.clone()),
                ..Default::default()
            },
        )
        .unwrap()
        .rows
        .iter()
        .filter(|r| r.progress == "completed")
        .count() as f64;
        assert_eq!(fig("candidates").value, Some(i.counts.total as f64));
        assert_eq!(fig("completed").value, Some(completed));
        let rate = fig("completion_rate");
        if i.counts.total > 0 {
            let r = completed / i.counts.total as f64;
            assert_eq!(rate.value, Some(r));
            assert_eq!(a.completion_rate, r);
            assert_eq!(rate.display, format!("{}%", (r * 100.0).round() as i64));
            assert!(rate
                .definition
                .contains(&format!("{} of {}", completed as i64, i.counts.total)));
        }
        assert_eq!(fig("shortlisted").value, Some(i.counts.shortlisted as f64));
        for f in &a.key_figures {
            assert!(!f.label.is_empty() && !f.definition.is_empty(), "{f:?}");
        }
    }
    let f = review::key_figures(56, 27, 3, None);
    let rate = f.iter().find(|f| f.key == "completion_rate").unwrap();
    assert_eq!(rate.display, "48%");
    assert_eq!(
        f.iter().find(|f| f.key == "avg_score").unwrap().display,
        "–"
    );
    assert_eq!(
        review::key_figures(0, 0, 0, None)
            .iter()
            .find(|f| f.key == "completion_rate")
            .unwrap()
            .display,
        "–"
    );
}
