//! Workspace-level outputs checked with outside tools: pdf (qpdf, poppler),
//! zip (unzip), csv (Python's csv module).
mod common;

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;

use common::{check_pdf, tool};
use shortlist_core::Workspace;
use shortlist_report::package::{write_package, PackageOptions};
use shortlist_report::radar::{RadarStyle, Theme};
use shortlist_report::{export, pipeline, sample, source, ReportError, ReportOptions};

fn workspace(extra: usize) -> (tempfile::TempDir, Workspace, Vec<String>) {
    let dir = tempfile::tempdir().unwrap();
    let ws = Workspace::open(dir.path().join("ws")).unwrap();
    let ids = sample::seed_pipeline(&ws, extra).unwrap();
    (dir, ws, ids)
}

fn python_csv(path: &std::path::Path) -> Vec<Vec<String>> {
    let script = "import csv,json,sys\n\
raw=open(sys.argv[1],'rb').read()\n\
assert raw.startswith(b'\\xef\\xbb\\xbf'), 'BOM'\n\
rows=list(csv.reader(open(sys.argv[1],encoding='utf-8-sig',newline=''),strict=True))\n\
print(json.dumps(rows))";
    let (ok, out) = tool("python3", &["-c", script, path.to_str().unwrap()]);
    assert!(ok, "python csv: {out}");
    serde_json::from_str(out.trim()).unwrap()
}

#[test]
fn candidate_report_from_workspace() {
    let (dir, ws, ids) = workspace(4);
    let pdf = source::candidate_pdf(&ws, &ids[0], &ReportOptions::default()).unwrap();
    let p = dir.path().join("r.pdf");
    std::fs::write(&p, pdf).unwrap();
    let (text, _) = check_pdf(&p);
    assert!(text.contains("王小明"));
    assert!(
        text.contains("Shortlisted by r.silva"),
        "reviewer decision from the workspace"
    );
    assert!(text.contains("check Sunday availability"), "reviewer note");
    let data = source::load_candidate(&ws, &ids[0]).unwrap();
    assert_eq!(
        data.average_n, 7,
        "average over the completed candidates with a scorecard"
    );
    assert!(matches!(
        source::load_candidate(&ws, "nope"),
        Err(ReportError::Store(
            shortlist_core::StoreError::NoSuchInterview(_)
        ))
    ));
}

#[test]
fn radar_for_candidate_and_compare() {
    let (_dir, ws, ids) = workspace(1);
    let (svg, m) = source::radar_for_candidate(&ws, &ids[1]).unwrap();
    assert!(svg.starts_with("<svg"));
    assert_eq!(m.axes.len(), 4, "scored questions only");
    assert_eq!(m.n, 4);
    assert!(m.small_n_note.as_deref().unwrap().contains("rough guide"));
    assert!(svg.contains("rough guide"));
    let (svg, m) = source::radar_compare(&ws, &ids[0..3]).unwrap();
    assert_eq!(m.series.len(), 4, "average + 3 candidates");
    assert!(svg.contains("ليلى حداد") && svg.contains("王小明"));
    assert!(source::radar_compare(&ws, &ids[0..1]).is_err());
}

#[test]
fn screen_radars_number_axes_and_carry_hotspots() {
    let (_dir, ws, ids) = workspace(1);
    let r = source::screen_radar_for_candidate(&ws, &ids[1], Theme::Light).unwrap();
    let cmp = shortlist_core::review::candidate_vs_average(&ws, &ids[1]).unwrap();
    assert!(r.svg.starts_with("<svg"));
    assert!(!r.svg.contains("rough guide"), "the app shows its own note");
    assert_eq!(r.hotspots.len(), cmp.axes.len());
    for (h, a) in r.hotspots.iter().zip(&cmp.axes) {
        assert_eq!(h.question_id, a.question_id);
        assert_eq!(h.axis_label, format!("Q{}", a.rank));
        assert!(
            r.svg.contains(&format!(">\nQ{}\n<", a.rank))
                || r.svg.contains(&format!(">Q{}\n<", a.rank))
        );
        assert_eq!(h.question, a.label);
        assert_eq!(Some(h.candidate_pct), a.candidate_pct);
        assert_eq!(h.average_pct, a.avg_pct);
        assert_eq!(h.relative_pct, a.delta_pct);
    }
    let c = source::screen_radar_compare(&ws, &ids[0..3], Theme::Light).unwrap();
    let series: std::collections::BTreeSet<usize> = c.hotspots.iter().map(|h| h.series).collect();
    assert_eq!(series.into_iter().collect::<Vec<_>>(), vec![0, 1, 2]);
    assert!(c.hotspots.iter().any(|h| h.series_name == "王小明"));
}

#[test]
fn screen_radars_follow_the_window_colour_scheme() {
    let (_dir, ws, ids) = workspace(1);
    let hex = |c: plotters::style::RGBColor| format!("#{:02X}{:02X}{:02X}", c.0, c.1, c.2);
    let (light, dark) = (RadarStyle::screen(), RadarStyle::screen_dark());
    for (theme, ours, other) in [(Theme::Light, &light, &dark), (Theme::Dark, &dark, &light)] {
        let r = source::screen_radar_for_candidate(&ws, &ids[1], theme).unwrap();
        let svg = r.svg.to_uppercase();
        for c in [ours.text_color, ours.grid_color, ours.colors[0]] {
            assert!(svg.contains(&hex(c)), "{theme:?}: {} missing", hex(c));
        }
        for c in [other.text_color, other.grid_color, other.colors[0]] {
            assert!(!svg.contains(&hex(c)), "{theme:?}: {} drawn", hex(c));
        }
        // The colours sent for legends are the ones drawn.
        assert_eq!(r.colors, vec![hex(ours.colors[0]).to_lowercase()]);
        // Same chart otherwise: the hotspots do not move.
        let base = source::screen_radar_for_candidate(&ws, &ids[1], Theme::Light).unwrap();
        assert_eq!(r.hotspots.len(), base.hotspots.len());
        assert!(r
            .hotspots
            .iter()
            .zip(&base.hotspots)
            .all(|(a, b)| (a.x, a.y) == (b.x, b.y)));
    }
    let c = source::screen_radar_compare(&ws, &ids[0..3], Theme::Dark).unwrap();
    assert!(c.svg.to_uppercase().contains(&hex(dark.colors[1])));
    let drawn: Vec<String> = dark.colors[..3]
        .iter()
        .map(|c| hex(*c).to_lowercase())
        .collect();
    assert_eq!(c.colors, drawn);
}

#[test]
fn pipeline_report_pdf() {
    let (dir, ws, _) = workspace(30);
    let m = pipeline::build(&ws, "pst_627", Some(1_764_201_600.0), 10).unwrap();
    assert_eq!(m.total, 33);
    assert_eq!(m.top.len(), 10);
    assert!(
        m.top.windows(2).all(|w| w[0].score >= w[1].score),
        "top sorted by score"
    );
    assert_eq!(m.histogram.iter().map(|b| b.count).sum::<i64>(), 33);
    let p = dir.path().join("pipe.pdf");
    std::fs::write(&p, pipeline::render(&m).unwrap()).unwrap();
    let (text, pages) = check_pdf(&p);
    for s in [
        "PIPELINE REPORT",
        "Seasonal Sales Associate",
        "Candidates by status",
        "Funnel by stage",
        "Score distribution",
        "Top candidates",
        "2025-11-27",
    ] {
        assert!(text.contains(s), "{s}");
    }
    // Tile labels may wrap.
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    for s in ["COMPLETED", "INTERVIEWS", "COMPLETION RATE"] {
        assert!(flat.contains(s), "{s}: {}", &flat[..600.min(flat.len())]);
    }
    // The rate is the count beside it over the candidates, and says so.
    let fig = |k: &str| m.key_figures.iter().find(|f| f.key == k).unwrap();
    let (done, all) = (
        fig("completed").value.unwrap(),
        fig("candidates").value.unwrap(),
    );
    assert_eq!(all, 33.0);
    assert_eq!(fig("completion_rate").value, Some(done / all));
    assert!(flat.contains("Completion rate: Completed interviews divided by candidates"));
    assert!(text.contains(&format!("Page {pages} of {pages}")));
    assert!(matches!(
        pipeline::build(&ws, "nope", None, 10),
        Err(ReportError::Store(_))
    ));
}

#[test]
fn package_zip_layout_compression_progress() {
    let (dir, ws, ids) = workspace(0);
    let dest = dir.path().join("out").join("package.zip");
    std::fs::create_dir_all(dest.parent().unwrap()).unwrap();
    let seen = Mutex::new(Vec::new());
    let cancel = AtomicBool::new(false);
    let summary = write_package(
        &ws,
        &ids,
        &PackageOptions::default(),
        &dest,
        &|p| seen.lock().unwrap().push(p.clone()),
        &cancel,
    )
    .unwrap();
    assert_eq!(summary.candidates, 3);
    assert_eq!(summary.entries, 3 * 6);
    let (ok, out) = tool("unzip", &["-t", dest.to_str().unwrap()]);
    assert!(ok && out.contains("No errors detected"), "{out}");
    let (_, listing) = tool("unzip", &["-v", dest.to_str().unwrap()]);
    let line = |name: &str| {
        listing
            .lines()
            .find(|l| l.ends_with(name))
            .unwrap_or_else(|| panic!("{name} not in\n{listing}"))
            .to_string()
    };
    assert!(
        line("王小明_int_zh_0001/video.webm").contains("Stored"),
        "recordings stored"
    );
    assert!(line("王小明_int_zh_0001/audio.mp3").contains("Stored"));
    assert!(line("王小明_int_zh_0001/resume.pdf").contains("Stored"));
    assert!(
        line("王小明_int_zh_0001/report.pdf").contains("Defl"),
        "rest deflated"
    );
    assert!(line("ليلى_حداد_int_ar_0002/transcript.txt").contains("Defl"));
    line("Zoë_Ångström-Müller_int_en_0003/interview.json");
    // Progress is monotonic and ends at the total.
    let seen = seen.into_inner().unwrap();
    assert!(seen.windows(2).all(|w| w[0].bytes_done <= w[1].bytes_done));
    let last = seen.last().unwrap();
    assert_eq!(last.bytes_done, last.bytes_total);
    // Contents round-trip.
    let x = dir.path().join("x");
    let (ok, out) = tool(
        "unzip",
        &["-q", dest.to_str().unwrap(), "-d", x.to_str().unwrap()],
    );
    assert!(ok, "{out}");
    let tr = std::fs::read_to_string(x.join("王小明_int_zh_0001/transcript.txt")).unwrap();
    assert!(tr.starts_with("[00:00] Interviewer: 您好"), "{tr}");
    let iv: serde_json::Value = serde_json::from_slice(
        &std::fs::read(x.join("王小明_int_zh_0001/interview.json")).unwrap(),
    )
    .unwrap();
    assert_eq!(iv["interview_id"], "int_zh_0001");
    let (_, blob) = shortlist_report::sample::seed_pipeline_media(0);
    assert_eq!(
        std::fs::read(x.join("王小明_int_zh_0001/video.webm")).unwrap(),
        blob
    );
}

#[test]
fn package_cancel_leaves_nothing() {
    let (dir, ws, ids) = workspace(0);
    let out = dir.path().join("out");
    std::fs::create_dir_all(&out).unwrap();
    let dest = out.join("package.zip");
    let cancel = AtomicBool::new(false);
    // Cancel as soon as the first entry is written.
    let err = write_package(
        &ws,
        &ids,
        &PackageOptions::default(),
        &dest,
        &|_| cancel.store(true, Ordering::Relaxed),
        &cancel,
    )
    .unwrap_err();
    assert!(matches!(err, ReportError::Cancelled));
    assert!(!dest.exists());
    assert_eq!(
        std::fs::read_dir(&out).unwrap().count(),
        0,
        "no temp file left behind"
    );
    // An error half-way (unknown id) leaves nothing either.
    let bad = vec![ids[0].clone(), "missing".to_string()];
    assert!(write_package(
        &ws,
        &bad,
        &PackageOptions::default(),
        &dest,
        &|_| {},
        &AtomicBool::new(false)
    )
    .is_err());
    assert_eq!(std::fs::read_dir(&out).unwrap().count(), 0);
}

#[test]
fn csv_export_is_rfc4180_with_bom_and_no_formulas() {
    let (dir, ws, _) = workspace(2);
    let p = dir.path().join("c.csv");
    assert_eq!(export::export_csv(&ws, "pst_627", None, &p).unwrap(), 5);
    let rows = python_csv(&p);
    let header = &rows[0];
    assert_eq!(header[0], "Name");
    assert!(
        header.contains(&"Résumé score".to_string()) && header.contains(&"Video score".to_string())
    );
    assert!(
        header.contains(&"source".to_string()) && header.contains(&"referrer".to_string()),
        "custom columns"
    );
    assert_eq!(rows.len(), 6);
    let src = header.iter().position(|h| h == "source").unwrap();
    for r in &rows[1..] {
        assert_eq!(r.len(), header.len());
        assert!(r[src].starts_with("'="), "formula neutralised: {}", r[src]);
        for c in r {
            assert!(!c.starts_with(['=', '+', '-', '@', '\t', '\r']), "{c}");
        }
    }
    assert!(rows.iter().any(|r| r[0] == "ليلى حداد"));
    // Visible columns only.
    let cols = vec![
        "name".to_string(),
        "video_score".to_string(),
        "custom:referrer".to_string(),
    ];
    export::export_csv(&ws, "pst_627", Some(&cols), &p).unwrap();
    let rows = python_csv(&p);
    assert_eq!(rows[0], vec!["Name", "Video score", "referrer"]);
    assert!(rows[1..].iter().all(|r| r[2] == "Job fair"));
}

#[test]
fn feedback_csv_has_questions_decisions_and_notes() {
    let (dir, ws, _) = workspace(1);
    let p = dir.path().join("f.csv");
    let n = export::export_feedback(&ws, "pst_627", &p).unwrap();
    assert_eq!(n, 4 * 5);
    let rows = python_csv(&p);
    assert_eq!(rows.len(), n + 1);
    let h = &rows[0];
    let col = |name: &str| h.iter().position(|x| x == name).unwrap();
    let zh: Vec<_> = rows
        .iter()
        .filter(|r| r[col("Interview ID")] == "int_zh_0001")
        .collect();
    assert_eq!(zh.len(), 5);
    assert_eq!(zh[0][col("Decision")], "shortlisted");
    assert_eq!(zh[0][col("Decided by")], "r.silva");
    assert_eq!(zh[2][col("Question")], "处理收银差错");
    assert_eq!(zh[1][col("Score %")], "90");
    assert!(zh[0][col("Reviewer notes")].starts_with("[01:35] Strong answer"));
    assert_eq!(zh[4][col("Not scored")], "yes");
}

#[test]
fn json_export_forms() {
    let (dir, ws, _) = workspace(1);
    // Single document.
    let p = dir.path().join("all.json");
    assert_eq!(export::export_json(&ws, "pst_627", &p).unwrap(), 4);
    let doc: serde_json::Value = serde_json::from_slice(&std::fs::read(&p).unwrap()).unwrap();
    assert_eq!(doc["postings"][0]["id"], "pst_627");
    assert_eq!(doc["interviews"].as_array().unwrap().len(), 4);
    assert_eq!(doc["candidates"].as_array().unwrap().len(), 4);
    // Folder bundle in the F4 layout, media included at the paths the raw JSON names.
    let b = dir.path().join("bundle");
    export::export_json(&ws, "pst_627", &b).unwrap();
    assert!(b.join("postings/pst_627.json").is_file());
    assert!(b.join("candidates/pst_627.json").is_file());
    assert!(b.join("interviews/int_zh_0001.json").is_file());
    assert!(b.join("extensions/int_zh_0001.json").is_file());
    assert!(b.join("media/int_zh_0001_video").is_file());
    let raw: String = ws
        .reader()
        .query_row(
            "SELECT interview_raw FROM candidates WHERE interview_id = 'int_zh_0001'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(
        std::fs::read_to_string(b.join("interviews/int_zh_0001.json")).unwrap(),
        raw,
        "exactly as imported"
    );
    // Refuses a non-empty folder.
    assert!(export::export_json(&ws, "pst_627", &b).is_err());
    // ZIP bundle.
    let z = dir.path().join("bundle.zip");
    export::export_json(&ws, "pst_627", &z).unwrap();
    let (ok, out) = tool("unzip", &["-t", z.to_str().unwrap()]);
    assert!(ok, "{out}");
    assert!(out.contains("interviews/int_ar_0002.json"));
}

/// The list's Export CSV: the visible columns in their order, the selection
/// (ticked ids, or every match of the filter with no cap), streamed.
#[test]
fn csv_export_of_a_selection_in_visible_column_order() {
    use shortlist_core::review::{self, CandidateQuery, Matching, Selection};
    let (dir, ws, _) = workspace(1_200);
    let p = dir.path().join("sel.csv");
    let cols: Vec<String> = ["score", "name", "custom:referrer", "created", "email"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    // Everyone matching: more than a page (and than the old 1,000 cap).
    let m = Matching {
        query: CandidateQuery {
            posting_id: Some("pst_627".into()),
            sort: review::SortKey::Name,
            limit: 50,
            ..Default::default()
        },
        except: vec![],
    };
    let n =
        export::export_csv_selection(&ws, &Selection::Matching(&m), &cols, "pst_627", &p).unwrap();
    assert_eq!(n, 1_203);
    let rows = python_csv(&p);
    assert_eq!(
        rows[0],
        vec!["Overall score", "Name", "referrer", "Applied", "Email"]
    );
    assert_eq!(rows.len(), 1_204);
    let names: Vec<&str> = rows[1..].iter().map(|r| r[1].as_str()).collect();
    let listed: Vec<String> = review::list_candidates(
        &ws,
        &CandidateQuery {
            limit: 0,
            ..m.query.clone()
        },
    )
    .unwrap()
    .rows
    .into_iter()
    .map(|r| r.name)
    .collect();
    assert_eq!(names, listed, "list order");
    // Ticked candidates only, in the order given.
    let ids = vec!["int_ar_0002".to_string(), "int_zh_0001".to_string()];
    let n = export::export_csv_selection(&ws, &Selection::Ids(&ids), &cols[1..2], "pst_627", &p)
        .unwrap();
    assert_eq!(n, 2);
    let rows = python_csv(&p);
    assert_eq!(rows.len(), 3);
    assert_eq!(rows[0], vec!["Name"]);
    assert_eq!(rows[2][0], "王小明");
    // An unknown column is refused by name, before anything is written.
    let q = dir.path().join("never.csv");
    let e = export::export_csv_selection(
        &ws,
        &Selection::Ids(&ids),
        &["nope".to_string()],
        "pst_627",
        &q,
    )
    .unwrap_err();
    assert!(e.to_string().contains("nope"), "{e}");
    assert!(!q.exists());
}
