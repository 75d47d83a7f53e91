//! The candidate list's in-memory fast path answers exactly as the SQL path:
//! same rows in the same order, same totals and view counts, for searches,
//! views, every sort in both directions (with ties), offsets, limits and
//! filters — and still after decisions, cohort changes, a re-import and a
//! write from another connection.

use std::path::Path;

use shortlist_core::actions::cohorts;
use shortlist_core::review::{self, CandidatePage, CandidateQuery, Decision, SortKey, View};
use shortlist_core::Workspace;

use crate::helpers::{import, new_ws};

const SORTS: [SortKey; 7] = [
    SortKey::Name,
    SortKey::Score,
    SortKey::ResumeScore,
    SortKey::VideoScore,
    SortKey::LastEngaged,
    SortKey::Created,
    SortKey::Status,
];
const VIEWS: [View; 4] = [
    View::All,
    View::Completed,
    View::Shortlisted,
    View::Dismissed,
];
const TIE_POSTING: &str = "pst_627";

/// Both paths; the fast one must answer (no silent fallback) and agree.
fn check(ws: &Workspace, q: &CandidateQuery) -> CandidatePage {
    let sql = review::list_candidates_sql(ws, q).unwrap();
    let fast = review::list_candidates_cached(ws, q)
        .unwrap()
        .unwrap_or_else(|| panic!("fast path declined {q:?}"));
    let ids = |p: &CandidatePage| -> Vec<String> {
        p.rows.iter().map(|r| r.interview_id.clone()).collect()
    };
    assert_eq!(ids(&fast), ids(&sql), "order differs for {q:?}");
    assert_eq!(fast.total, sql.total, "total differs for {q:?}");
    assert_eq!(
        fast.view_counts, sql.view_counts,
        "view counts differ for {q:?}"
    );
    assert_eq!(fast, sql, "rows differ for {q:?}");
    // And the public entry point gives the same.
    assert_eq!(review::list_candidates(ws, q).unwrap(), sql);
    sql
}

/// The demo (through import) plus rows made to tie: names equal but for
/// ASCII case, equal and NULL scores, equal activity times, flags, tags.
fn workspace(dir: &Path) -> (Workspace, std::path::PathBuf) {
    let bundle = dir.join("bundle");
    shortlist_core::demo::write_bundle(&bundle).unwrap();
    let ws = Workspace::open(dir.join("ws")).unwrap();
    import(&ws, &bundle);
    {
        let mut conn = ws.writer();
        let tx = conn.transaction().unwrap();
        let names = [
            "ana silva",
            "Ana Silva",
            "ANA SILVA",
            "Ána Silva",
            "Bo",
            "bo",
            "_bo",
            "Zoë",
        ];
        let statuses = [
            "pending",
            "in_progress",
            "completed",
            "evaluating",
            "knocked_out",
        ];
        for i in 0..160i64 {
            let id = format!("tie-{:03}", (i * 37) % 160);
            let name = names[(i % names.len() as i64) as usize];
            let score = match i % 4 {
                0 => None,
                1 => Some(50.0),
                2 => Some(50.0 + (i % 3) as f64),
                _ => Some(if i % 8 == 3 { -0.0 } else { 0.0 }),
            };
            let resume = (i % 5 != 0).then_some(70.0);
            let video = (i % 2 == 0).then_some((i % 7) as f64 * 10.0);
            let last = (i % 6 != 0).then_some(1_760_000_000.0 + (i % 4) as f64);
            let created = (i % 9 != 0).then_some(1_750_000_000.0);
            let status = statuses[(i % statuses.len() as i64) as usize];
            tx.execute(
                "INSERT INTO candidates(interview_id, posting_id, name, email, imported_status, \
                 score, resume_score, video_score, steps_total, steps_done, created_at, \
                 last_activity_at, imported_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 2, ?9, ?10, ?11, 0)",
                rusqlite::params![
                    id,
                    TIE_POSTING,
                    name,
                    format!("{id}@example.com"),
                    status,
                    score,
                    resume,
                    video,
                    i % 3,
                    created,
                    last
                ],
            )
            .unwrap();
            tx.execute(
                "INSERT INTO steps(interview_id, step_order, step_id, kind, status) VALUES (?1, 1, 's1', 'resume', ?2)",
                rusqlite::params![id, if i % 2 == 0 { "completed" } else { "in_progress" }],
            )
            .unwrap();
            let tag = if i % 3 == 0 {
                "Bilingual"
            } else {
                "Night shifts"
            };
            tx.execute(
                "INSERT INTO tags(interview_id, tag) VALUES (?1, ?2)",
                rusqlite::params![id, tag],
            )
            .unwrap();
            if i % 5 == 1 {
                tx.execute(
                    "INSERT INTO cheat_flags(interview_id, seq, kind) VALUES (?1, 0, 'tab_switching')",
                    [&id],
                )
                .unwrap();
            }
            tx.execute(
                "INSERT INTO fts(rowid, name, email, tags, transcript) \
                 SELECT rowid, name, email, ?2, ?3 FROM candidates WHERE interview_id = ?1",
                rusqlite::params![
                    id,
                    tag,
                    if i % 2 == 0 {
                        "forklift safety"
                    } else {
                        "customer service"
                    }
                ],
            )
            .unwrap();
        }
        shortlist_core::project::refresh_derived(&tx, None).unwrap();
        tx.commit().unwrap();
    }
    (ws, bundle)
}

fn postings(ws: &Workspace) -> Vec<Option<String>> {
    let mut p: Vec<Option<String>> = review::list_interviewers(ws)
        .unwrap()
        .into_iter()
        .map(|i| Some(i.id))
        .collect();
    p.push(None);
    p
}

/// Every sort both ways, several views, searches and page windows.
fn sweep(ws: &Workspace) {
    let searches = [
        None,
        Some("a"),
        Some("an"),
        Some("ana si"),
        Some("fork"),
        Some("zzzq"),
        Some("'"),
    ];
    let windows = [(0, 200), (0, 0), (3, 7), (150, 200), (10_000, 200)];
    for posting in postings(ws) {
        for (si, search) in searches.iter().enumerate() {
            for (ki, sort) in SORTS.iter().enumerate() {
                for descending in [false, true] {
                    let view = VIEWS[(si + ki + descending as usize) % VIEWS.len()];
                    let (offset, limit) = windows[(si * 3 + ki) % windows.len()];
                    check(
                        ws,
                        &CandidateQuery {
                            posting_id: posting.clone(),
                            search: search.map(str::to_string),
                            view,
                            sort: *sort,
                            descending,
                            offset,
                            limit,
                            ..Default::default()
                        },
                    );
                }
            }
        }
    }
}

/// Every filter, alone and with a search.
fn filters(ws: &Workspace) {
    let base = CandidateQuery {
        posting_id: Some(TIE_POSTING.into()),
        sort: SortKey::Score,
        descending: true,
        limit: 200,
        ..Default::default()
    };
    let variants = vec![
        CandidateQuery {
            status: Some("completed".into()),
            ..base.clone()
        },
        CandidateQuery {
            status: Some("shortlisted".into()),
            ..base.clone()
        },
        CandidateQuery {
            status: Some("no_such_status".into()),
            ..base.clone()
        },
        CandidateQuery {
            decision: Some(Decision::Pending),
            ..base.clone()
        },
        CandidateQuery {
            decision: Some(Decision::Dismissed),
            view: View::Dismissed,
            ..base.clone()
        },
        CandidateQuery {
            min_score: Some(50.0),
            ..base.clone()
        },
        CandidateQuery {
            max_score: Some(0.0),
            ..base.clone()
        },
        CandidateQuery {
            min_score: Some(-1.0),
            max_score: Some(50.5),
            ..base.clone()
        },
        CandidateQuery {
            flagged: Some(true),
            ..base.clone()
        },
        CandidateQuery {
            flagged: Some(false),
            view: View::Completed,
            ..base.clone()
        },
        CandidateQuery {
            stage_kind: Some("resume".into()),
            stage_status: Some("completed".into()),
            ..base.clone()
        },
        CandidateQuery {
            stage_kind: Some("web_interview".into()),
            ..base.clone()
        },
        CandidateQuery {
            tags: vec!["bilingual".into()],
            ..base.clone()
        },
        CandidateQuery {
            tags: vec!["Bilingual".into(), "Night shifts".into()],
            ..base.clone()
        },
        CandidateQuery {
            cohort: Some("Finalists".into()),
            ..base.clone()
        },
        CandidateQuery {
            cohort: Some("No such cohort".into()),
            ..base.clone()
        },
        CandidateQuery {
            cohort: Some("Finalists".into()),
            posting_id: None,
            ..base.clone()
        },
    ];
    for q in variants {
        check(ws, &q);
        check(
            ws,
            &CandidateQuery {
                search: Some("ana".into()),
                ..q.clone()
            },
        );
        check(
            ws,
            &CandidateQuery {
                sort: SortKey::Name,
                offset: 2,
                limit: 5,
                ..q
            },
        );
    }
}

fn tie_ids(ws: &Workspace, n: usize) -> Vec<String> {
    review::list_candidates_sql(
        ws,
        &CandidateQuery {
            posting_id: Some(TIE_POSTING.into()),
            sort: SortKey::Name,
            limit: n as u32,
            ..Default::default()
        },
    )
    .unwrap()
    .rows
    .into_iter()
    .map(|r| r.interview_id)
    .collect()
}

#[test]
fn fast_list_matches_sql_everywhere() {
    let dir = tempfile::tempdir().unwrap();
    let (ws, bundle) = workspace(dir.path());
    let ids = tie_ids(&ws, 40);
    shortlist_core::actions::decisions::set_decision(&ws, &ids[..10], Decision::Shortlisted)
        .unwrap();
    shortlist_core::actions::decisions::set_decision(&ws, &ids[10..16], Decision::Dismissed)
        .unwrap();
    shortlist_core::actions::decisions::set_decision(&ws, &ids[16..20], Decision::Pending).unwrap();
    cohorts::create_cohort(&ws, "Finalists").unwrap();
    cohorts::add_to_cohort(&ws, "Finalists", &ids[5..25]).unwrap();
    sweep(&ws);
    filters(&ws);

    // A decision changes the shortlisted view at once.
    let shortlisted = |ws: &Workspace| {
        check(
            ws,
            &CandidateQuery {
                posting_id: Some(TIE_POSTING.into()),
                view: View::Shortlisted,
                search: Some("ana".into()),
                ..Default::default()
            },
        )
    };
    let before = shortlisted(&ws);
    let newly: Vec<String> = ids[20..30]
        .iter()
        .filter(|id| !before.rows.iter().any(|r| &r.interview_id == *id))
        .cloned()
        .collect();
    let change =
        shortlist_core::actions::decisions::set_decision(&ws, &newly, Decision::Shortlisted)
            .unwrap();
    let after = shortlisted(&ws);
    assert!(after.view_counts.shortlisted > before.view_counts.shortlisted);
    shortlist_core::actions::decisions::undo_decision(&ws, &change).unwrap();
    assert_eq!(shortlisted(&ws), before);

    // Cohort membership changes are seen.
    let finalists = CandidateQuery {
        posting_id: Some(TIE_POSTING.into()),
        cohort: Some("Finalists".into()),
        ..Default::default()
    };
    let n = check(&ws, &finalists).total;
    cohorts::add_to_cohort(&ws, "Finalists", &ids[30..35]).unwrap();
    assert_eq!(check(&ws, &finalists).total, n + 5);

    // Re-import with a renamed candidate: the search finds the new name.
    let file = bundle.join(format!("candidates/{TIE_POSTING}.json"));
    let mut json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&file).unwrap()).unwrap();
    let renamed = json["data"][0]["interview_id"]
        .as_str()
        .unwrap()
        .to_string();
    json["data"][0]["name"] = "Quillon Zebedee".into();
    std::fs::write(&file, serde_json::to_vec(&json).unwrap()).unwrap();
    // The interview's own name wins over the candidate list's.
    let file = bundle.join(format!("interviews/{renamed}.json"));
    if file.exists() {
        let mut json: serde_json::Value =
            serde_json::from_slice(&std::fs::read(&file).unwrap()).unwrap();
        let target = if json.get("data").is_some() {
            &mut json["data"]
        } else {
            &mut json
        };
        target["name"] = "Quillon Zebedee".into();
        std::fs::write(&file, serde_json::to_vec(&json).unwrap()).unwrap();
    }
    let search = |s: &str| CandidateQuery {
        posting_id: Some(TIE_POSTING.into()),
        search: Some(s.into()),
        ..Default::default()
    };
    assert_eq!(check(&ws, &search("quillon")).total, 0);
    import(&ws, &bundle);
    let found = check(&ws, &search("quillon"));
    assert_eq!(found.total, 1);
    assert_eq!(found.rows[0].interview_id, renamed);
    sweep(&ws);
    filters(&ws);
}

#[test]
fn writes_from_another_connection_are_seen() {
    let dir = tempfile::tempdir().unwrap();
    let (ws, _bundle) = workspace(dir.path());
    let q = CandidateQuery {
        posting_id: Some(TIE_POSTING.into()),
        view: View::Dismissed,
        ..Default::default()
    };
    let before = check(&ws, &q);
    // As the CLI would, while the app has the workspace open.
    let other = Workspace::open(dir.path().join("ws")).unwrap();
    let id = tie_ids(&other, 1).remove(0);
    shortlist_core::actions::decisions::set_decision(
        &other,
        std::slice::from_ref(&id),
        Decision::Dismissed,
    )
    .unwrap();
    let after = check(&ws, &q);
    assert_eq!(after.total, before.total + 1);
    assert!(after.rows.iter().any(|r| r.interview_id == id));
}

#[test]
fn a_projection_the_comparator_cannot_order_falls_back_to_sql() {
    let (_d, ws) = new_ws();
    import(&ws, &crate::helpers::good_bundle());
    let posting: String = ws
        .reader()
        .query_row("SELECT posting_id FROM candidates LIMIT 1", [], |r| {
            r.get(0)
        })
        .unwrap();
    let q = CandidateQuery {
        posting_id: Some(posting.clone()),
        sort: SortKey::Name,
        ..Default::default()
    };
    let before = check(&ws, &q);
    // SQLite's NOCASE stops at a NUL byte; the projection refuses such names.
    ws.writer()
        .execute(
            "UPDATE candidates SET name = ?2 WHERE interview_id = ?1",
            [before.rows[0].interview_id.as_str(), "A\u{0}B"],
        )
        .unwrap();
    assert!(review::list_candidates_cached(&ws, &q).unwrap().is_none());
    let page = review::list_candidates(&ws, &q).unwrap();
    assert_eq!(page, review::list_candidates_sql(&ws, &q).unwrap());
    assert_eq!(page.total, before.total);
}

/// A page may be the whole list (CSV export, `shortlist list --limit 0`):
/// more rows than SQLite takes parameters in one statement (32,766) still
/// come back decorated with their stages and tags.
#[test]
fn a_page_larger_than_sqlites_parameter_limit_is_decorated() {
    let (_dir, ws) = new_ws();
    const N: i64 = 33_000;
    {
        let mut conn = ws.writer();
        let tx = conn.transaction().unwrap();
        tx.execute(
            "INSERT INTO postings(id, raw, raw_hash, title, status, imported_at) VALUES ('P', '{}', '', 'Big', 'active', 0)",
            [],
        )
        .unwrap();
        for i in 0..N {
            let id = format!("big-{i:05}");
            tx.execute(
                "INSERT INTO candidates(interview_id, posting_id, name, email, imported_status, \
                 steps_total, steps_done, imported_at) VALUES (?1, 'P', ?1, '', 'completed', 1, 1, 0)",
                [&id],
            )
            .unwrap();
            tx.execute(
                "INSERT INTO steps(interview_id, step_order, step_id, kind, status) VALUES (?1, 1, 's1', 'resume', 'completed')",
                [&id],
            )
            .unwrap();
            tx.execute(
                "INSERT INTO tags(interview_id, tag) VALUES (?1, 'T')",
                [&id],
            )
            .unwrap();
        }
        shortlist_core::project::refresh_derived(&tx, None).unwrap();
        tx.commit().unwrap();
    }
    let q = CandidateQuery {
        posting_id: Some("P".into()),
        limit: 0,
        ..Default::default()
    };
    for page in [
        review::list_candidates(&ws, &q).unwrap(),
        review::list_candidates_sql(&ws, &q).unwrap(),
    ] {
        assert_eq!(page.total, N);
        assert_eq!(page.rows.len(), N as usize);
        assert!(page
            .rows
            .iter()
            .all(|r| r.stages.len() == 1 && r.tags == ["T"]));
    }
}

/// The list cache's counters: (reloads, patches) since the workspace opened.
fn cache_counters(ws: &Workspace) -> (u64, u64) {
    let stats = review::list_cache_stats(ws);
    let s = stats.first().expect("a cached projection");
    (s.reloads, s.patches)
}

/// Views, statuses and decision filters of one interviewer, as a reviewer
/// clicks through them after a decision.
fn decision_views(ws: &Workspace) {
    let mut qs = Vec::new();
    for posting in postings(ws) {
        for view in VIEWS {
            for sort in [SortKey::Status, SortKey::Name, SortKey::Score] {
                qs.push(CandidateQuery {
                    posting_id: posting.clone(),
                    view,
                    sort,
                    descending: view == View::Dismissed,
                    ..Default::default()
                });
            }
        }
        for status in [
            "shortlisted",
            "dismissed",
            "completed",
            "pending",
            "knocked_out",
        ] {
            qs.push(CandidateQuery {
                posting_id: posting.clone(),
                status: Some(status.into()),
                sort: SortKey::Status,
                ..Default::default()
            });
        }
        for decision in [
            Decision::Shortlisted,
            Decision::Dismissed,
            Decision::Pending,
        ] {
            qs.push(CandidateQuery {
                posting_id: posting.clone(),
                decision: Some(decision),
                search: Some("a".into()),
                ..Default::default()
            });
        }
    }
    for q in &qs {
        check(ws, q);
    }
}

/// Issue 13: a decision patches the cached projection (no reload), made
/// through this workspace or another connection, and the cache still
/// answers exactly as SQL; anything else the projection holds (an import,
/// a rename) still reloads it, and so does a change log pruned past the
/// cache.
#[test]
fn decisions_patch_the_cache_and_other_writes_reload_it() {
    use shortlist_core::actions::decisions::{set_decision, undo_decision};
    let dir = tempfile::tempdir().unwrap();
    let (ws, bundle) = workspace(dir.path());
    let tie = CandidateQuery {
        posting_id: Some(TIE_POSTING.into()),
        ..Default::default()
    };
    check(&ws, &tie);
    decision_views(&ws);
    let (reloads, patches) = cache_counters(&ws);
    let ids = tie_ids(&ws, 30);

    // (a) Through the same workspace: shortlist, dismiss, back to pending,
    // undo.
    set_decision(&ws, &ids[..3], Decision::Shortlisted).unwrap();
    decision_views(&ws);
    let change = set_decision(&ws, &ids[2..6], Decision::Dismissed).unwrap();
    decision_views(&ws);
    set_decision(&ws, &ids[..1], Decision::Pending).unwrap();
    decision_views(&ws);
    undo_decision(&ws, &change).unwrap();
    decision_views(&ws);
    let (r, p) = cache_counters(&ws);
    assert_eq!(r, reloads, "a decision reloaded the projection");
    assert_eq!(p, patches + 4, "one patch per decision");

    // (b) Through another connection, as the CLI or a second window would.
    let other = Workspace::open(dir.path().join("ws")).unwrap();
    set_decision(&other, &ids[6..12], Decision::Shortlisted).unwrap();
    set_decision(&other, &ids[10..14], Decision::Dismissed).unwrap();
    decision_views(&ws);
    // A row written without the app's code (the triggers keep the log).
    other
        .writer()
        .execute(
            "DELETE FROM decisions WHERE interview_id = ?1",
            [ids[6].as_str()],
        )
        .unwrap();
    decision_views(&ws);
    assert_eq!(cache_counters(&ws).0, reloads);
    assert!(cache_counters(&ws).1 >= patches + 6);

    // Writes that change nothing the list holds change nothing.
    shortlist_core::actions::notes::add_note(&other, &ids[0], None, "ok").unwrap();
    decision_views(&ws);
    assert_eq!(cache_counters(&ws).0, reloads);

    // A rename (another connection): a reload, and the new name sorts.
    other
        .writer()
        .execute(
            "UPDATE candidates SET name = '!Aardvark' WHERE interview_id = ?1",
            [ids[20].as_str()],
        )
        .unwrap();
    // It moves to the top of the name order (a stale projection would disagree with
    // SQL in `check`).
    let page = check(
        &ws,
        &CandidateQuery {
            sort: SortKey::Name,
            ..tie.clone()
        },
    );
    let at = page.rows.iter().position(|r| r.interview_id == ids[20]);
    assert_eq!(at, Some(0), "the renamed candidate sorts first");
    let after_rename = cache_counters(&ws).0;
    assert_eq!(after_rename, reloads + 1);
    decision_views(&ws);

    // An import that changes a candidate: a reload. (Re-importing an
    // unchanged bundle writes nothing the list holds and keeps the cache.)
    import(&ws, &bundle);
    decision_views(&ws);
    assert_eq!(cache_counters(&ws).0, after_rename);
    let file = bundle.join(format!("candidates/{TIE_POSTING}.json"));
    let mut json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&file).unwrap()).unwrap();
    let renamed = json["data"][0]["interview_id"]
        .as_str()
        .unwrap()
        .to_string();
    json["data"][0]["name"] = "Quillon Zebedee".into();
    std::fs::write(&file, serde_json::to_vec(&json).unwrap()).unwrap();
    let file = bundle.join(format!("interviews/{renamed}.json"));
    if file.exists() {
        let mut json: serde_json::Value =
            serde_json::from_slice(&std::fs::read(&file).unwrap()).unwrap();
        let target = if json.get("data").is_some() {
            &mut json["data"]
        } else {
            &mut json
        };
        target["name"] = "Quillon Zebedee".into();
        std::fs::write(&file, serde_json::to_vec(&json).unwrap()).unwrap();
    }
    import(&ws, &bundle);
    // The whole name order as SQL has it (a stale projection would not).
    check(
        &ws,
        &CandidateQuery {
            sort: SortKey::Name,
            descending: true,
            ..tie.clone()
        },
    );
    let found = check(
        &ws,
        &CandidateQuery {
            search: Some("quillon".into()),
            ..tie.clone()
        },
    );
    assert_eq!(found.total, 1);
    assert_eq!(found.rows[0].interview_id, renamed);
    decision_views(&ws);
    let after_import = cache_counters(&ws).0;
    assert!(after_import > after_rename, "an import must reload");

    // More changes than the log keeps between two queries: a reload, and
    // still the same answers.
    {
        let conn = other.writer();
        for _ in 0..(8_192 / 160 + 2) {
            conn.execute(
                "INSERT INTO decisions (interview_id, decision, decided_by, decided_at)
                 SELECT interview_id, 'shortlisted', 'x', 1 FROM candidates WHERE posting_id = ?1
                 ON CONFLICT (interview_id) DO UPDATE SET decided_at = decided_at + 1",
                [TIE_POSTING],
            )
            .unwrap();
        }
        let kept: i64 = conn
            .query_row("SELECT count(*) FROM list_changes", [], |r| r.get(0))
            .unwrap();
        assert!(kept <= 8_192, "the change log holds {kept} entries");
    }
    decision_views(&ws);
    assert!(
        cache_counters(&ws).0 > after_import,
        "a pruned log must reload"
    );
}

/// Panel sorts and filters of every interviewer, several views, searches
/// and windows: the cache must answer (no fallback) and agree with SQL.
fn panel_sweep(ws: &Workspace) -> i64 {
    let mut matched = 0;
    let filters: [(Option<u32>, bool); 5] = [
        (None, false),
        (Some(0), false),
        (Some(1), false),
        (Some(2), true),
        (None, true),
    ];
    let windows = [(0, 200), (0, 0), (3, 7), (40, 20)];
    for posting in postings(ws) {
        for (fi, (min_sy, split)) in filters.iter().enumerate() {
            for (ki, sort) in [SortKey::Panel, SortKey::Name, SortKey::Score]
                .iter()
                .enumerate()
            {
                for descending in [false, true] {
                    let (offset, limit) = windows[(fi + ki + descending as usize) % windows.len()];
                    let page = check(
                        ws,
                        &CandidateQuery {
                            posting_id: posting.clone(),
                            search: (fi % 3 == 2).then(|| "a".to_string()),
                            view: VIEWS[(fi + ki) % VIEWS.len()],
                            sort: *sort,
                            descending,
                            offset,
                            limit,
                            panel_min_strong_yes: *min_sy,
                            panel_split: *split,
                            ..Default::default()
                        },
                    );
                    if min_sy.is_some() || *split {
                        matched += page.total;
                    }
                }
            }
        }
    }
    matched
}

/// Issue 15: the panel sort and filters come from the cache (the
/// maintained `panel_summary`) and answer exactly as the SQL path, blind
/// and unblind: a viewer who has not submitted for a candidate (and does
/// not lead) learns nothing of the others' votes from order, counts or
/// filters. Evaluations from this workspace and another connection patch
/// the cache.
#[test]
fn panel_sorts_and_filters_match_sql_blind_and_unblind() {
    use shortlist_core::actions::{panel as evals, team};
    use shortlist_core::review::panel::Recommendation;
    let dir = tempfile::tempdir().unwrap();
    let (ws, _bundle) = workspace(dir.path());
    team::set_identity(&ws, "Me", Some("me@example.com")).unwrap();
    let all: Vec<String> = ws
        .reader()
        .prepare("SELECT interview_id FROM candidates ORDER BY interview_id")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    // Three other reviewers, as a team pull writes them: recommendations
    // of every kind and none, drafts (never counted), ties of the mean.
    let recs = [
        Some("strong_yes"),
        Some("yes"),
        Some("no"),
        Some("strong_no"),
        None,
        Some("strong_yes"),
        Some("no"),
    ];
    {
        let conn = ws.writer();
        for (i, id) in all.iter().enumerate() {
            for r in 0..3usize {
                if (i + r) % 5 == 4 {
                    continue;
                }
                let rec = recs[(i * 3 + r * 5) % recs.len()];
                let submitted = ((i + 2 * r) % 6 != 5).then_some(1_760_000_000.0);
                conn.execute(
                    "INSERT INTO evaluations (interview_id, reviewer, reviewer_name, recommendation, submitted_at, updated_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, 1)",
                    rusqlite::params![id, format!("r{r}@example.com"), format!("R{r}"), rec, submitted],
                )
                .unwrap();
            }
        }
    }
    // The viewer submitted for every third candidate, drafted a few more.
    let input = |rec| evals::EvaluationInput {
        recommendation: rec,
        ..Default::default()
    };
    for (i, id) in all.iter().enumerate() {
        if i % 3 == 0 {
            evals::submit(&ws, id, &input(Some(Recommendation::Yes))).unwrap();
        } else if i % 7 == 1 {
            evals::save_draft(&ws, id, &input(Some(Recommendation::StrongYes))).unwrap();
        }
    }

    let seen = panel_sweep(&ws);
    assert!(seen > 0, "no panel filter matched anything");
    let (reloads, patches) = cache_counters(&ws);

    // The viewer submits one more (this workspace), another reviewer's
    // evaluation arrives (another connection), one is amended: patches,
    // same answers.
    let blind_one = &all[1];
    evals::submit(&ws, blind_one, &input(Some(Recommendation::StrongNo))).unwrap();
    panel_sweep(&ws);
    let other = Workspace::open(dir.path().join("ws")).unwrap();
    other
        .writer()
        .execute(
            "INSERT INTO evaluations (interview_id, reviewer, reviewer_name, recommendation, submitted_at, updated_at)
             VALUES (?1, 'r9@example.com', 'R9', 'strong_yes', 2, 2)
             ON CONFLICT (interview_id, reviewer) DO UPDATE SET recommendation = 'strong_yes', submitted_at = 2",
            [all[3].as_str()],
        )
        .unwrap();
    other
        .writer()
        .execute(
            "UPDATE evaluations SET recommendation = 'strong_no' WHERE reviewer = 'r1@example.com' AND interview_id = ?1",
            [all[0].as_str()],
        )
        .unwrap();
    panel_sweep(&ws);
    let (r, p) = cache_counters(&ws);
    assert_eq!(r, reloads, "an evaluation reloaded the projection");
    assert!(
        p >= patches + 2,
        "evaluations did not patch: {p} vs {patches}"
    );

    // The lead sees every panel.
    team::set_lead(&ws, true).unwrap();
    let as_lead = panel_sweep(&ws);
    assert!(as_lead > seen, "the lead sees more than a reviewer");
    team::set_lead(&ws, false).unwrap();

    // A viewer who submitted nothing: no filter matches, no order leaks.
    team::set_identity(&ws, "New", Some("new@example.com")).unwrap();
    assert_eq!(panel_sweep(&ws), 0, "a blind viewer matched a panel filter");
    let by_panel = check(
        &ws,
        &CandidateQuery {
            sort: SortKey::Panel,
            ..Default::default()
        },
    );
    let by_name = check(
        &ws,
        &CandidateQuery {
            sort: SortKey::Name,
            ..Default::default()
        },
    );
    assert_eq!(
        by_panel, by_name,
        "a blind viewer's panel order is the name order"
    );

    // The summary the cache reads equals a recount of the evaluations.
    let drift: i64 = ws
        .reader()
        .query_row(
            "SELECT (SELECT count(*) FROM (
               SELECT interview_id, count(*) n, sum(recommendation IS 'strong_no') a, sum(recommendation IS 'no') b,
                      sum(recommendation IS 'yes') c, sum(recommendation IS 'strong_yes') d
               FROM evaluations WHERE submitted_at IS NOT NULL GROUP BY interview_id
               EXCEPT SELECT interview_id, submitted, strong_no, no, yes, strong_yes FROM panel_summary))
             + (SELECT count(*) FROM panel_summary WHERE interview_id NOT IN
                (SELECT interview_id FROM evaluations WHERE submitted_at IS NOT NULL))",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(drift, 0, "panel_summary differs from the evaluations");
}

/// An import that adds a candidate to a cached list is seen: inserts fire no
/// trigger (schema v10), the import bumps the list's generations itself.
#[test]
fn an_import_that_adds_a_candidate_reloads_the_cached_list() {
    let (_d, ws) = new_ws();
    let tmp = tempfile::tempdir().unwrap();
    let partial = tmp.path().join("bundle");
    crate::helpers::copy_dir(&crate::helpers::good_bundle(), &partial);
    let list = partial.join("candidates/P200.json");
    let mut json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&list).unwrap()).unwrap();
    json["data"] = serde_json::json!([]);
    std::fs::write(&list, serde_json::to_vec(&json).unwrap()).unwrap();
    import(&ws, &partial);

    let q = CandidateQuery {
        posting_id: Some("P200".into()),
        limit: 50,
        ..Default::default()
    };
    let before = check(&ws, &q).total;
    import(&ws, &crate::helpers::good_bundle());
    // `check` compares the cached answer with SQL's: a cache that missed
    // the import would still give the old total.
    assert_eq!(check(&ws, &q).total, before + 1);
}
