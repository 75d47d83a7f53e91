//! Import throughput on a generated 10,000-candidate bundle (40 transcript
//! lines each), against serde_json parse-only of the same files.
//!
//! `cargo bench -p shortlist-core --bench import` — figures recorded in
//! `docs/benchmarks.md` (## Import). Targets: ≥ 2,000 candidates/s and ≥ half
//! of the parse-only throughput.

use std::path::Path;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, BatchSize, Criterion, Throughput};
use serde_json::Value;
use shortlist_core::import::import_path;
use shortlist_core::Workspace;

#[path = "support/bundle.rs"]
mod bundle;
use bundle::{generate, CANDIDATES};

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

fn bench(c: &mut Criterion) {
    let tmp = tempfile::tempdir().unwrap();
    let bundle = tmp.path().join("bundle");
    generate(&bundle);
    let mut g = c.benchmark_group("import_10k");
    g.sample_size(10)
        .measurement_time(Duration::from_secs(40))
        .warm_up_time(Duration::from_secs(1));
    g.throughput(Throughput::Elements(CANDIDATES as u64));
    g.bench_function("parse_only_serde_json", |b| b.iter(|| parse_only(&bundle)));
    let mut n = 0;
    g.bench_function("import_fresh_workspace", |b| {
        b.iter_batched(
            || {
                n += 1;
                let root = tmp.path().join(format!("ws{n}"));
                Workspace::open(&root).unwrap()
            },
            |ws| {
                let s = import_path(&ws, &bundle, &|_| {}).unwrap();
                assert_eq!(s.candidates.added, CANDIDATES as u64);
                ws
            },
            BatchSize::PerIteration,
        )
    });
    let ws = Workspace::open(tmp.path().join("ws_again")).unwrap();
    import_path(&ws, &bundle, &|_| {}).unwrap();
    g.bench_function("reimport_unchanged", |b| {
        b.iter(|| {
            let s = import_path(&ws, &bundle, &|_| {}).unwrap();
            assert!(s.is_noop());
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
