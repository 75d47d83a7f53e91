mod common;

use common::{check_pdf, pdf_info};
use shortlist_report::sample::{candidate, Script};
use shortlist_report::{build, pdf, ReportError, ReportOptions, ReportStyle};

fn write(dir: &tempfile::TempDir, name: &str, bytes: &[u8]) -> std::path::PathBuf {
    let p = dir.path().join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

fn opts(style: ReportStyle, lang: &str) -> ReportOptions {
    ReportOptions {
        style,
        lang: lang.into(),
        ..Default::default()
    }
}

#[test]
fn modern_chinese_candidate_sets_every_script_and_passes_qpdf() {
    let dir = tempfile::tempdir().unwrap();
    let model = build(
        &candidate(Script::Chinese, 60),
        &opts(ReportStyle::Modern, "zh"),
    )
    .unwrap();
    let path = write(&dir, "zh.pdf", &pdf::render(&model).unwrap());
    let (text, pages) = check_pdf(&path);
    for needle in [
        "王小明",   // candidate name (CJK)
        "面试报告", // label in Chinese
        "Мария",    // Cyrillic
        "Γιώργος",  // Greek
        "Seasonal Sales Associate",
        "627-seasonal-sales-associate",
        "2025-11-26",     // interview date
        "我会先耐心倾听", // transcript, original language
        "建议复核",       // review suggested (label), never a verdict
    ] {
        assert!(
            text.contains(needle),
            "`{needle}` missing from pdftotext output"
        );
    }
    assert!(pages >= 3, "a 60-turn transcript spans pages, got {pages}");
    assert!(
        text.contains(&format!("第 {pages} 页，共 {pages} 页")),
        "last page number"
    );
    let info = pdf_info(&path);
    assert!(info.contains("Author:          Shortlist"), "{info}");
    assert!(info.contains("王小明"), "title names the candidate: {info}");
}

#[test]
fn modern_arabic_labels_and_candidate_render_right_to_left() {
    let dir = tempfile::tempdir().unwrap();
    let model = build(
        &candidate(Script::Arabic, 12),
        &opts(ReportStyle::Modern, "ar"),
    )
    .unwrap();
    assert!(model.labels_rtl);
    let path = write(&dir, "ar.pdf", &pdf::render(&model).unwrap());
    let (text, pages) = check_pdf(&path);
    // pdftotext returns RTL runs in logical order; words without lam-alef
    // ligatures round-trip exactly.
    for needle in ["حداد", "الدرجات", "المرشح", "حدثينا عن خبرتك في خدمة"]
    {
        assert!(text.contains(needle), "`{needle}` missing:\n{text}");
    }
    assert_eq!(
        text.matches("صفحة").count(),
        pages,
        "a page number on every page"
    );
    assert!(text.contains("דוד"), "Hebrew");
}

#[test]
fn classic_refuses_non_english_labels_but_sets_candidate_text() {
    let err = build(
        &candidate(Script::Latin, 4),
        &opts(ReportStyle::Classic, "es"),
    )
    .unwrap_err();
    assert!(matches!(err, ReportError::ClassicNeedsEnglish { .. }));
    assert!(err.to_string().contains("Modern"), "says what to do: {err}");

    let dir = tempfile::tempdir().unwrap();
    let model = build(
        &candidate(Script::Chinese, 8),
        &opts(ReportStyle::Classic, "en"),
    )
    .unwrap();
    let path = write(&dir, "classic.pdf", &pdf::render(&model).unwrap());
    let (text, _) = check_pdf(&path);
    assert!(
        text.contains("王小明"),
        "candidate text still renders in Classic"
    );
    assert!(text.contains("INTERVIEW REPORT"));
    assert!(text.contains("Per-question scores"));
    let (_, fonts) = common::tool("pdffonts", &[path.to_str().unwrap()]);
    assert!(
        fonts.contains("NotoSerif"),
        "Classic uses the serif face: {fonts}"
    );
}

#[test]
fn toggles_remove_their_sections() {
    let data = candidate(Script::Latin, 6);
    let dir = tempfile::tempdir().unwrap();
    let all = build(&data, &opts(ReportStyle::Modern, "en")).unwrap();
    let (text, _) = check_pdf(&write(&dir, "all.pdf", &pdf::render(&all).unwrap()));
    for s in [
        "Customer-focused",
        "Calm, structured answer",
        "Limited experience",
        "Could you tell me about",
    ] {
        assert!(text.contains(s), "{s}");
    }
    let none = build(
        &data,
        &ReportOptions {
            chips: false,
            highlights: false,
            lowlights: false,
            transcript: false,
            ..opts(ReportStyle::Modern, "en")
        },
    )
    .unwrap();
    let (text, _) = check_pdf(&write(&dir, "none.pdf", &pdf::render(&none).unwrap()));
    for s in [
        "Customer-focused",
        "Calm, structured answer",
        "Limited experience",
        "Could you tell me about",
    ] {
        assert!(!text.contains(s), "{s} should be gone");
    }
    // Scores and the reviewer's decision stay.
    assert!(text.contains("Handling a difficult customer"));
    assert!(text.contains("Shortlisted by r.silva on 2025-11-27"));
}

#[test]
fn table_rows_split_across_pages() {
    let mut data = candidate(Script::Latin, 0);
    let long: String = (1..=140)
        .map(|i| format!("Line {i} of a very long evaluation summary.\n"))
        .collect();
    let q = &mut data.interview.web_interview.as_mut().unwrap().scorecard[0];
    q.evaluation_summary = long;
    let model = build(&data, &opts(ReportStyle::Modern, "en")).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let (text, pages) = check_pdf(&write(&dir, "long.pdf", &pdf::render(&model).unwrap()));
    assert!(pages >= 3, "{pages}");
    assert!(text.contains("Line 1 of a very long"));
    assert!(text.contains("Line 140 of a very long"));
    // The header row repeats on continuation pages.
    assert!(text.matches("Summary").count() >= 2);
}

#[test]
fn same_data_same_bytes() {
    let data = candidate(Script::Arabic, 10);
    let m = build(&data, &opts(ReportStyle::Modern, "en")).unwrap();
    assert_eq!(pdf::render(&m).unwrap(), pdf::render(&m).unwrap());
}

#[test]
fn model_snapshot() {
    // The report is data first: the committed snapshot pins what the PDF shows.
    let m = build(
        &candidate(Script::Chinese, 4),
        &opts(ReportStyle::Modern, "de"),
    )
    .unwrap();
    let json = serde_json::to_string_pretty(&m).unwrap();
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/snapshots/model-zh-de.json");
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        std::fs::write(&path, &json).unwrap();
    }
    let expected =
        std::fs::read_to_string(&path).expect("snapshot exists (UPDATE_SNAPSHOTS=1 to write it)");
    assert_eq!(
        json, expected,
        "report model changed; review and UPDATE_SNAPSHOTS=1"
    );
    assert_eq!(m.status, "In der engeren Wahl");
    assert_eq!(m.scores[3].raw.as_deref(), Some("4.2 / 5"));
    assert_eq!(m.scores[3].pct, Some(84.0));
    assert_eq!(m.radar_rows[0].relative_pct, Some(25.0));
    assert!(m.integrity.review_suggested);
    assert_eq!(
        m.report_date, "2025-11-27",
        "latest date in the data, not now()"
    );
}
