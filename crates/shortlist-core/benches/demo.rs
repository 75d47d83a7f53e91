//! Built-in demo (SPEC F6): generating the bundle in memory, and the whole
//! first-run path `load_demo` (write the bundle to a temp dir, import it into
//! a fresh workspace: parse, validate, hash 19 media files, one transaction).
//!
//! `cargo bench -p shortlist-core --bench demo` — figures in
//! `docs/benchmarks.md` (## Demo workspace). No hard target; the first run of
//! the app waits for `load_demo`, so it should stay well under a second.

use std::time::Duration;

use criterion::{criterion_group, criterion_main, BatchSize, Criterion};
use shortlist_core::{demo, Workspace};

fn bench(c: &mut Criterion) {
    let mut g = c.benchmark_group("demo");
    g.sample_size(10).measurement_time(Duration::from_secs(10));
    g.bench_function("generate", |b| b.iter(|| demo::generate().unwrap()));
    g.bench_function("load_demo_fresh_workspace", |b| {
        b.iter_batched(
            || {
                let dir = tempfile::tempdir().unwrap();
                let ws = Workspace::open(dir.path()).unwrap();
                (dir, ws)
            },
            |(dir, ws)| {
                demo::load_demo(&ws).unwrap();
                (dir, ws)
            },
            BatchSize::PerIteration,
        )
    });
    g.bench_function("load_demo_again_noop", |b| {
        let dir = tempfile::tempdir().unwrap();
        let ws = Workspace::open(dir.path()).unwrap();
        demo::load_demo(&ws).unwrap();
        b.iter(|| assert!(demo::load_demo(&ws).unwrap().is_noop()))
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
