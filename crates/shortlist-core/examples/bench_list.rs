//! Time the core's list query on a workspace, as the list screen calls it:
//!   cargo run -p shortlist-core --release --example bench_list -- DIR [WORD]
//! (the first interviewer's list, sorted by Last Engaged, 200-row pages;
//! `BENCH_FTS=1` also times the full-text match alone).
use shortlist_core::review::{self, CandidateQuery, SortKey};
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

fn main() {
    let mut args = std::env::args().skip(1);
    let dir = args.next().expect("usage: bench_list DIR [WORD]");
    let word = args.next().unwrap_or_else(|| "forklift".into());
    let ws = shortlist_core::Workspace::open(&dir).unwrap();
    // As the app's list does: one interviewer's candidates.
    let posting = review::list_interviewers(&ws)
        .unwrap()
        .into_iter()
        .next()
        .map(|p| p.id);
    let base = CandidateQuery {
        posting_id: posting,
        sort: SortKey::LastEngaged,
        descending: true,
        limit: 200,
        ..Default::default()
    };
    let (t, c) = (Instant::now(), cpu());
    let page = review::list_candidates(&ws, &base).unwrap();
    println!(
        "no search: {} rows of {} in {:?} (cpu {:?})",
        page.rows.len(),
        page.total,
        t.elapsed(),
        cpu() - c
    );
    for i in 1..=word.chars().count() {
        let prefix: String = word.chars().take(i).collect();
        let q = CandidateQuery {
            search: Some(prefix.clone()),
            ..base.clone()
        };
        if std::env::var_os("BENCH_FTS").is_some() {
            let c = cpu();
            let n: i64 = ws
                .reader()
                .query_row(
                    "SELECT count(*) FROM fts WHERE fts MATCH ?1",
                    [review::fts_query(&prefix).unwrap()],
                    |r| r.get(0),
                )
                .unwrap();
            println!("{prefix:>10}: fts alone {n} rows, cpu {:?}", cpu() - c);
        }
        let (t, c) = (Instant::now(), cpu());
        let page = review::list_candidates(&ws, &q).unwrap();
        println!(
            "{prefix:>10}: {} of {} in {:?} (cpu {:?})",
            page.rows.len(),
            page.total,
            t.elapsed(),
            cpu() - c
        );
    }
    let q = CandidateQuery {
        offset: 50_000,
        ..base.clone()
    };
    let (t, c) = (Instant::now(), cpu());
    review::list_candidates(&ws, &q).unwrap();
    println!(
        "page at offset 50,000: {:?} (cpu {:?})",
        t.elapsed(),
        cpu() - c
    );
}
