//! 1,000 candidate reports on every core (rayon). Target: < 30 s.
//! One timed run (criterion's ten samples would take minutes):
//! `cargo bench -p shortlist-report --bench batch`.

use std::time::Instant;

use rayon::prelude::*;
use shortlist_report::sample::{candidate, Script};
use shortlist_report::{build, pdf, ReportOptions};

fn main() {
    // `cargo bench` passes `--bench`; ignore arguments.
    let n = 1000;
    let scripts = [Script::Latin, Script::Chinese, Script::Arabic];
    let inputs: Vec<_> = (0..n)
        .map(|i| candidate(scripts[i % 3], 40 + i % 30))
        .collect();
    let opts = ReportOptions::default();
    // Warm fonts once (shared, lazily loaded).
    pdf::render(&build(&inputs[0], &opts).unwrap()).unwrap();
    let t = Instant::now();
    let bytes: usize = inputs
        .par_iter()
        .map(|d| pdf::render(&build(d, &opts).unwrap()).unwrap().len())
        .sum();
    let el = t.elapsed();
    println!(
        "batch: {n} reports on {} threads in {:.2} s ({:.1} ms/report/thread-avg, {:.1} MB total)",
        rayon::current_num_threads(),
        el.as_secs_f64(),
        el.as_secs_f64() * 1000.0 * rayon::current_num_threads() as f64 / n as f64,
        bytes as f64 / 1e6
    );
}
