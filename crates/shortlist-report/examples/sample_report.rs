//! Write sample reports: `cargo run -p shortlist-report --example sample_report -- OUT_DIR`.
use shortlist_report::sample::{candidate, Script};
use shortlist_report::{build, pdf, ReportOptions, ReportStyle};

fn main() {
    let dir = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "/tmp/report-samples".into());
    std::fs::create_dir_all(&dir).unwrap();
    for (name, script, style, lang, turns) in [
        ("modern-zh", Script::Chinese, ReportStyle::Modern, "zh", 60),
        ("modern-ar", Script::Arabic, ReportStyle::Modern, "ar", 20),
        ("modern-en", Script::Latin, ReportStyle::Modern, "en", 20),
        ("classic", Script::Latin, ReportStyle::Classic, "en", 20),
        (
            "classic-zh-candidate",
            Script::Chinese,
            ReportStyle::Classic,
            "en",
            10,
        ),
        (
            "bench-latin-150",
            Script::Latin,
            ReportStyle::Modern,
            "en",
            150,
        ),
    ] {
        let data = candidate(script, turns);
        let opts = ReportOptions {
            style,
            lang: lang.into(),
            ..Default::default()
        };
        let model = build(&data, &opts).unwrap();
        let t = std::time::Instant::now();
        let bytes = pdf::render(&model).unwrap();
        eprintln!("{name}: {} bytes in {:?}", bytes.len(), t.elapsed());
        std::fs::write(format!("{dir}/{name}.pdf"), bytes).unwrap();
    }
}
