//! One candidate report (model + PDF) with a five-page transcript.
//! Target: < 30 ms. Run: `cargo bench -p shortlist-report --bench report`.

use criterion::{criterion_group, criterion_main, Criterion};
use shortlist_report::sample::{candidate, Script};
use shortlist_report::{build, pdf, ReportOptions};

/// Transcript turns giving five transcript pages (24 a page after page 1; checked with pdftotext).
pub const TURNS: usize = 120;

fn bench(c: &mut Criterion) {
    let data = candidate(Script::Latin, TURNS);
    let opts = ReportOptions::default();
    // Warm the fonts and the per-thread text engine once.
    let first = pdf::render(&build(&data, &opts).unwrap()).unwrap();
    eprintln!(
        "report with {TURNS} transcript turns: {} bytes",
        first.len()
    );
    c.bench_function("candidate_report_5_page_transcript", |b| {
        b.iter(|| {
            let m = build(&data, &opts).unwrap();
            pdf::render(&m).unwrap()
        })
    });
    let data_zh = candidate(Script::Chinese, TURNS);
    let opts_zh = ReportOptions {
        lang: "zh".into(),
        ..Default::default()
    };
    c.bench_function("candidate_report_5_page_transcript_zh", |b| {
        b.iter(|| pdf::render(&build(&data_zh, &opts_zh).unwrap()).unwrap())
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
