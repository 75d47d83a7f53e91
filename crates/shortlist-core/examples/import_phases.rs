//! One import of the benchmark bundle with per-phase timings, next to the
//! serde_json parse-only pass the import is compared with:
//!   cargo run -p shortlist-core --release --example import_phases -- [DIR] [RUNS]
//! DIR keeps the generated bundle between runs (default: a temp dir).
//! Phases are timed from the import's progress reports: a bundle's
//! interview documents are parsed (on other threads) while `writing` runs.
use std::cell::RefCell;
use std::path::Path;
use std::time::Instant;

use serde_json::Value;
use shortlist_core::import::{import_path, ImportPhase};
use shortlist_core::review::{self, CandidateQuery};
use shortlist_core::Workspace;

#[path = "../benches/support/bundle.rs"]
mod bundle;

fn parse_only(dir: &Path) -> usize {
    let mut n = 0;
    for sub in ["postings", "candidates", "interviews"] {
        for e in std::fs::read_dir(dir.join(sub)).unwrap() {
            let bytes = std::fs::read(e.unwrap().path()).unwrap();
            let v: Value = serde_json::from_slice(&bytes).unwrap();
            n += v.is_object() as usize;
        }
    }
    n
}

/// CPU time of this process so far (user + system), in ms: comparable
/// between runs on a machine shared with other builds, unlike wall time.
fn cpu_ms() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    let after = stat.rsplit(')').next().unwrap_or("");
    let f: Vec<f64> = after
        .split_whitespace()
        .map(|x| x.parse().unwrap_or(0.0))
        .collect();
    // fields 14 and 15 of stat; `after` starts at field 3
    f.get(11)
        .zip(f.get(12))
        .map(|(u, s)| (u + s) * 10.0)
        .unwrap_or(0.0)
}

fn main() {
    let mut args = std::env::args().skip(1);
    let tmp = tempfile::tempdir().unwrap();
    let bundle_dir = args
        .next()
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| tmp.path().join("bundle"));
    let runs: usize = args.next().and_then(|s| s.parse().ok()).unwrap_or(3);
    if !bundle_dir.join("interviews").exists() {
        bundle::generate(&bundle_dir);
    }
    // IMPORT_WS=DIR keeps the workspaces for inspection.
    let ws_parent = std::env::var_os("IMPORT_WS")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| tmp.path().to_path_buf());
    for run in 0..runs {
        let t = Instant::now();
        let c0 = cpu_ms();
        let n = parse_only(&bundle_dir);
        let parse = t.elapsed();
        let parse_cpu = cpu_ms() - c0;
        let ws = Workspace::open(ws_parent.join(format!("ws{run}"))).unwrap();
        let marks: RefCell<Vec<(ImportPhase, Instant, f64)>> = RefCell::new(Vec::new());
        let t = Instant::now();
        let c0 = cpu_ms();
        let s = import_path(&ws, &bundle_dir, &|p| {
            let mut m = marks.borrow_mut();
            if m.last().is_none_or(|(ph, _, _)| *ph != p.phase) {
                m.push((p.phase, Instant::now(), cpu_ms()));
            }
        })
        .unwrap();
        let total = t.elapsed();
        let c1 = cpu_ms();
        let import_cpu = c1 - c0;
        assert_eq!(s.candidates.added, bundle::CANDIDATES as u64);
        let marks = marks.into_inner();
        let mut phases = String::new();
        for (i, (ph, at, cpu)) in marks.iter().enumerate() {
            let (end, end_cpu) = marks
                .get(i + 1)
                .map(|m| (m.1, m.2))
                .unwrap_or((t + total, c1));
            phases.push_str(&format!(
                " {ph} {:.0} ms (cpu {:.0});",
                (end - *at).as_secs_f64() * 1e3,
                end_cpu - cpu
            ));
        }
        // The result must be searchable right away.
        let page = review::list_candidates(
            &ws,
            &CandidateQuery {
                search: Some("invent".into()),
                limit: 50,
                ..Default::default()
            },
        )
        .unwrap();
        assert!(page.total > 0 && page.rows[0].snippet.is_some());
        // The checkpoint the import left to its own thread (searched above
        // while it ran): how long after the import's return it is done.
        ws.wait_for_checkpoint();
        let ckpt = t.elapsed() - total;
        println!(
            "run {run}: parse-only {n} files {:.0} ms (cpu {parse_cpu:.0}); import {:.0} ms (cpu {import_cpu:.0}) = {:.0} candidates/s, ratio {:.2};{phases} background checkpoint done {:.0} ms after; db {:.0} MB",
            parse.as_secs_f64() * 1e3,
            total.as_secs_f64() * 1e3,
            bundle::CANDIDATES as f64 / total.as_secs_f64(),
            parse.as_secs_f64() / total.as_secs_f64(),
            ckpt.as_secs_f64() * 1e3,
            std::fs::metadata(ws_parent.join(format!("ws{run}/workspace.db")))
                .map(|m| m.len() as f64 / 1e6)
                .unwrap_or(0.0)
        );
    }
}
