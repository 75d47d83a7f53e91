//! Encrypted vs plain workspace (SPEC F54) on the 10,000-candidate bench
//! bundle: import into a fresh workspace, open, first list page, a search.
//! Each measured in its own fresh process state per run (new workspace
//! folder), median of RUNS. Figures in docs/benchmarks.md ("Encryption at
//! rest"). Release build:
//!
//!   cargo run -p shortlist-core --release --example bench_encryption -- [RUNS]
//!
//! The encrypted workspace is opened with its key (`open_with_key`): the
//! passphrase's Argon2id unlock is a fixed, deliberate cost measured on its
//! own line (`unlock`), not part of the store's open.
use std::path::Path;
use std::time::{Duration, Instant};

use shortlist_core::import::import_path;
use shortlist_core::review::{self, CandidateQuery, SortKey};
use shortlist_core::store::crypt::{self, KdfParams, NewKey};
use shortlist_core::Workspace;

#[path = "../benches/support/bundle.rs"]
#[allow(dead_code)]
mod bundle;

const PASS: &str = "benchmark passphrase";

/// CPU time of the whole process (every thread: import parses on its own
/// thread), from `clock_gettime`. On a loaded machine wall time mostly
/// measures the other programs; CPU time is what this code costs.
fn cpu_now() -> Duration {
    let mut t = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: a valid out-pointer to a timespec.
    unsafe { libc::clock_gettime(libc::CLOCK_PROCESS_CPUTIME_ID, &mut t) };
    Duration::new(t.tv_sec as u64, t.tv_nsec as u32)
}

/// Wall and CPU time of `f`.
#[derive(Clone, Copy)]
struct Took {
    wall: Duration,
    cpu: Duration,
}

fn time<T>(f: impl FnOnce() -> T) -> (Took, T) {
    let (c, t) = (cpu_now(), Instant::now());
    let v = f();
    (
        Took {
            wall: t.elapsed(),
            cpu: cpu_now() - c,
        },
        v,
    )
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

struct Run {
    import: Took,
    open: Took,
    list: Took,
    search: Took,
}

fn run(bundle: &Path, root: &Path, encrypted: bool) -> (Run, Option<Duration>) {
    let _ = std::fs::remove_dir_all(root);
    drop(Workspace::open(root).unwrap());
    let mut unlock = None;
    let key = if encrypted {
        crypt::encrypt_workspace(root, NewKey::Passphrase(PASS, KdfParams::default())).unwrap();
        let (d, k) = time(|| crypt::load_key(root, Some(PASS)).unwrap().unwrap());
        unlock = Some(d.wall);
        Some(std::sync::Arc::new(k))
    } else {
        None
    };
    let ws = Workspace::open_with_key(root, key.clone()).unwrap();
    let (import, _) = time(|| import_path(&ws, bundle, &|_| {}).unwrap());
    drop(ws); // joins the background checkpoint
    let (open, ws) = time(|| Workspace::open_with_key(root, key.clone()).unwrap());
    let posting = review::list_interviewers(&ws)
        .unwrap()
        .into_iter()
        .next()
        .map(|p| p.id);
    let q = CandidateQuery {
        posting_id: posting,
        sort: SortKey::LastEngaged,
        descending: true,
        limit: 200,
        ..Default::default()
    };
    let (list, page) = time(|| review::list_candidates(&ws, &q).unwrap());
    assert!(page.total > 0);
    let (search, found) = time(|| {
        review::list_candidates(
            &ws,
            &CandidateQuery {
                search: Some("deadline".into()),
                ..q.clone()
            },
        )
        .unwrap()
    });
    assert!(found.total > 0, "the search finds candidates");
    (
        Run {
            import,
            open,
            list,
            search,
        },
        unlock,
    )
}

fn main() {
    let runs: usize = std::env::args()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(3);
    let tmp = tempfile::tempdir().unwrap();
    let bundle = tmp.path().join("bundle");
    bundle::generate(&bundle);
    let mut rows: Vec<(&str, Vec<Took>, Vec<Took>)> = ["import", "open", "first list", "search"]
        .into_iter()
        .map(|n| (n, Vec::new(), Vec::new()))
        .collect();
    let mut unlocks = Vec::new();
    for i in 0..runs {
        // Alternate the order so neither mode always runs on a warmer cache.
        for encrypted in if i % 2 == 0 {
            [false, true]
        } else {
            [true, false]
        } {
            let (r, unlock) = run(&bundle, &tmp.path().join("ws"), encrypted);
            unlocks.extend(unlock);
            for (j, d) in [r.import, r.open, r.list, r.search].into_iter().enumerate() {
                if encrypted {
                    rows[j].2.push(d);
                } else {
                    rows[j].1.push(d);
                }
            }
        }
    }
    println!(
        "| step (10,000 candidates, median of {runs}) | plain wall | encrypted wall | ratio | plain CPU | encrypted CPU | ratio |"
    );
    println!("|---|---:|---:|---:|---:|---:|---:|");
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    for (name, plain, enc) in rows {
        let wall = |v: &[Took]| median(v.iter().map(|t| t.wall).collect());
        let cpu = |v: &[Took]| median(v.iter().map(|t| t.cpu).collect());
        let (pw, ew, pc, ec) = (wall(&plain), wall(&enc), cpu(&plain), cpu(&enc));
        println!(
            "| {name} | {:.1} ms | {:.1} ms | {:.2}× | {:.1} ms | {:.1} ms | {:.2}× |",
            ms(pw),
            ms(ew),
            ms(ew) / ms(pw),
            ms(pc),
            ms(ec),
            ms(ec) / ms(pc)
        );
    }
    println!(
        "| unlock (Argon2id 64 MiB, 3 passes; encrypted only) | — | {:.1} ms | — |",
        median(unlocks).as_secs_f64() * 1e3
    );
}
