//! Time the core's list query on a workspace, as the list screen calls it:
//!   cargo run -p shortlist-core --release --example bench_list -- DIR [WORD]
use shortlist_core::review::{self, CandidateQuery, SortKey};
use std::time::Instant;

fn main() {
    let mut args = std::env::args().skip(1);
    let dir = args.next().expect("usage: bench_list DIR [WORD]");
    let word = args.next().unwrap_or_else(|| "forklift".into());
    let ws = shortlist_core::Workspace::open(&dir).unwrap();
    let base = CandidateQuery {
        sort: SortKey::LastEngaged,
        descending: true,
        limit: 200,
        ..Default::default()
    };
    let t = Instant::now();
    let page = review::list_candidates(&ws, &base).unwrap();
    println!(
        "no search: {} rows of {} in {:?}",
        page.rows.len(),
        page.total,
        t.elapsed()
    );
    for i in 1..=word.chars().count() {
        let prefix: String = word.chars().take(i).collect();
        let q = CandidateQuery {
            search: Some(prefix.clone()),
            ..base.clone()
        };
        let t = Instant::now();
        let page = review::list_candidates(&ws, &q).unwrap();
        println!(
            "{prefix:>10}: {} of {} in {:?}",
            page.rows.len(),
            page.total,
            t.elapsed()
        );
    }
    let q = CandidateQuery {
        offset: 50_000,
        ..base.clone()
    };
    let t = Instant::now();
    review::list_candidates(&ws, &q).unwrap();
    println!("page at offset 50,000: {:?}", t.elapsed());
}
