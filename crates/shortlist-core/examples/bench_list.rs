//! Time the core's list query on a workspace, as the list screen calls it:
//!   cargo run -p shortlist-core --release --example bench_list -- DIR [WORD]
//! (the first interviewer's list, sorted by Last Engaged, 200-row pages).
//! Prints CPU time of this thread and wall time for: loading the list cache
//! (and its size), the first page, each keystroke of WORD, a deep page, the
//! first keystroke on a cold cache, and the first page and keystroke right
//! after a decision (issue 13: patched in place, not reloaded; the cache's
//! reload and patch counters are printed). `BENCH_SQL=1` also times the
//! SQL-only path for each, `BENCH_FTS=1` the full-text match alone.
//!
//! When the workspace holds evaluations (docs/benchmarks.md, "List after a
//! decision at 100,000", seeds three reviewers' evaluations with SQL), it
//! also times the panel sort and filters (issue 15), cold and warm, as this
//! workspace's reviewer sees them, and again right after that reviewer
//! submits one more evaluation.
use shortlist_core::review::{self, CandidateQuery, Decision, Recommendation, SortKey};
use shortlist_core::Workspace;
use std::time::{Duration, Instant};

/// Time this thread has run on a CPU (`/proc/thread-self/schedstat`): on a
/// machine shared with other builds, wall time includes waiting for a core.
fn cpu() -> Duration {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next()?.parse().ok())
        .map(Duration::from_nanos)
        .unwrap_or_default()
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}

/// Run `f`, print CPU and wall time.
fn timed<T>(label: &str, f: impl FnOnce() -> T) -> T {
    let (t, c) = (Instant::now(), cpu());
    let out = f();
    println!(
        "{label:>34}: cpu {:>9}  wall {:>9}",
        ms(cpu() - c),
        ms(t.elapsed())
    );
    out
}

fn main() {
    let mut args = std::env::args().skip(1);
    let dir = args.next().expect("usage: bench_list DIR [WORD]");
    let word = args.next().unwrap_or_else(|| "forklift".into());
    let sql = std::env::var_os("BENCH_SQL").is_some();
    let ws = Workspace::open(&dir).unwrap();
    // As the app's list does: one interviewer's candidates.
    let posting = review::list_interviewers(&ws)
        .unwrap()
        .into_iter()
        .next()
        .map(|p| p.id);
    let base = CandidateQuery {
        posting_id: posting.clone(),
        sort: SortKey::LastEngaged,
        descending: true,
        limit: 200,
        ..Default::default()
    };
    let run = |label: &str, q: &CandidateQuery| {
        let page = timed(label, || review::list_candidates(&ws, q).unwrap());
        if sql {
            let old = timed(&format!("{label} (SQL only)"), || {
                review::list_candidates_sql(&ws, q).unwrap()
            });
            assert_eq!(old, page, "paths disagree on {q:?}");
        }
        page
    };

    timed("list cache load", || {
        review::warm_list_cache(&ws, posting.as_deref()).unwrap()
    });
    for s in review::list_cache_stats(&ws) {
        println!(
            "{:>34}: {} rows, {:.1} MiB",
            "list cache size",
            s.rows,
            s.heap_bytes as f64 / (1 << 20) as f64
        );
    }
    let page = run("first page, no search", &base);
    println!("{:>34}  {} rows of {}", "", page.rows.len(), page.total);
    for i in 1..=word.chars().count() {
        let prefix: String = word.chars().take(i).collect();
        let q = CandidateQuery {
            search: Some(prefix.clone()),
            ..base.clone()
        };
        if std::env::var_os("BENCH_FTS").is_some() {
            let n: i64 = timed(&format!("{prefix} (fts match alone)"), || {
                ws.reader()
                    .query_row(
                        "SELECT count(*) FROM fts WHERE fts MATCH ?1",
                        [review::fts_query(&prefix).unwrap()],
                        |r| r.get(0),
                    )
                    .unwrap()
            });
            println!("{:>34}  {n} hits in the whole workspace", "");
        }
        let page = run(&format!("search {prefix:?}"), &q);
        println!("{:>34}  {} rows of {}", "", page.rows.len(), page.total);
    }
    run(
        "page at offset 50,000",
        &CandidateQuery {
            offset: 50_000,
            ..base.clone()
        },
    );

    // A decision: the next query patches the cache (before issue 13 it
    // reloaded the whole projection).
    let counters = |ws: &Workspace| {
        review::list_cache_stats(ws)
            .first()
            .map(|s| format!("reloads {}, patches {}", s.reloads, s.patches))
            .unwrap_or_default()
    };
    println!("{:>34}  {}", "cache", counters(&ws));
    let first = word.chars().take(1).collect::<String>();
    let q = CandidateQuery {
        search: Some(first.clone()),
        ..base.clone()
    };
    let id = page.rows[0].interview_id.clone();
    let decide = |d: Decision| {
        timed("the decision (write)", || {
            shortlist_core::actions::decisions::set_decision(&ws, std::slice::from_ref(&id), d)
                .unwrap()
        })
    };
    let change = decide(Decision::Shortlisted);
    run("first page after a decision", &base);
    run(&format!("search {first:?} after it"), &q);
    decide(Decision::Dismissed);
    run(&format!("search {first:?} after a decision"), &q);
    run("first page after it", &base);
    shortlist_core::actions::decisions::undo_decision(&ws, &change).unwrap();
    run("first page after the undo", &base);
    println!("{:>34}  {}", "cache", counters(&ws));
    drop(ws);

    // Cold: a fresh workspace handle (empty cache, cold page cache).
    let ws = Workspace::open(&dir).unwrap();
    timed(&format!("search {first:?} on a cold cache"), || {
        review::list_candidates(&ws, &q).unwrap()
    });
    timed(&format!("search {first:?} again"), || {
        review::list_candidates(&ws, &q).unwrap()
    });

    let evaluations: i64 = ws
        .reader()
        .query_row("SELECT count(*) FROM evaluations", [], |r| r.get(0))
        .unwrap();
    if evaluations > 0 {
        panel(&ws, &base, sql);
    }
}

/// The panel sort and filters (issue 15) as this workspace's reviewer sees
/// them: cold (first panel query of this handle), warm, and after the
/// reviewer submits one more evaluation.
fn panel(ws: &Workspace, base: &CandidateQuery, sql: bool) {
    let by_panel = CandidateQuery {
        sort: SortKey::Panel,
        descending: true,
        ..base.clone()
    };
    let queries = [
        ("sorted by panel", by_panel.clone()),
        (
            ">= 2 Strong Yes, by panel",
            CandidateQuery {
                panel_min_strong_yes: Some(2),
                ..by_panel.clone()
            },
        ),
        (
            "split, by panel",
            CandidateQuery {
                panel_split: true,
                ..by_panel.clone()
            },
        ),
        (
            ">= 2 Strong Yes and split",
            CandidateQuery {
                panel_min_strong_yes: Some(2),
                panel_split: true,
                ..by_panel.clone()
            },
        ),
    ];
    let me = review::panel::identity(ws).unwrap();
    println!("{:>34}  viewer {} (lead: {})", "panel", me.id, me.lead);
    for (i, (label, q)) in queries.iter().enumerate() {
        let cold = if i == 0 { "cold" } else { "first" };
        let page = timed(&format!("{cold}: {label}"), || {
            review::list_candidates(ws, q).unwrap()
        });
        let again = timed(&format!("warm: {label}"), || {
            review::list_candidates(ws, q).unwrap()
        });
        assert_eq!(page, again);
        if sql {
            let old = timed(&format!("{label} (SQL only)"), || {
                review::list_candidates_sql(ws, q).unwrap()
            });
            assert_eq!(old, page, "paths disagree on {q:?}");
        }
        let top = page.rows.first().and_then(|r| r.panel.as_ref());
        println!(
            "{:>34}  {} rows of {}; first: {}",
            "",
            page.rows.len(),
            page.total,
            top.map(|p| p.label.as_str()).unwrap_or("-")
        );
    }
    // The viewer submits for a candidate they had not (its panel becomes
    // visible to them): the next panel query patches, then answers.
    let pending: Option<String> = ws
        .reader()
        .query_row(
            "SELECT c.interview_id FROM candidates c WHERE c.posting_id IS ?1 AND NOT EXISTS \
             (SELECT 1 FROM evaluations e WHERE e.interview_id = c.interview_id AND e.reviewer = ?2) LIMIT 1",
            rusqlite::params![base.posting_id, me.id],
            |r| r.get(0),
        )
        .ok();
    let id = pending.unwrap_or_else(|| base_first(ws, base));
    let input = shortlist_core::actions::panel::EvaluationInput {
        recommendation: Some(Recommendation::StrongYes),
        ..Default::default()
    };
    timed("submit one evaluation (write)", || {
        shortlist_core::actions::panel::save_evaluation(ws, &id, &input, true).unwrap()
    });
    for (label, q) in &queries[..2] {
        timed(&format!("{label}, after it"), || {
            review::list_candidates(ws, q).unwrap()
        });
    }
}

fn base_first(ws: &Workspace, base: &CandidateQuery) -> String {
    review::list_candidates(ws, base).unwrap().rows[0]
        .interview_id
        .clone()
}
