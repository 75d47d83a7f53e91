//! CLI output commands (SPEC F36): exit codes, files, and checks with tools
//! nobody here wrote (qpdf, poppler, unzip, Python's csv).

use std::path::Path;
use std::process::Command;

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_shortlist"))
}

fn seeded() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let ws_dir = dir.path().join("ws");
    let ws = shortlist_core::Workspace::open(&ws_dir).unwrap();
    shortlist_report::sample::seed_pipeline(&ws, 3).unwrap();
    (dir, ws_dir)
}

fn run(ws: &Path, args: &[&str]) -> (bool, String, String) {
    let out = bin()
        .arg("--workspace")
        .arg(ws)
        .args(args)
        .output()
        .unwrap();
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn tool(cmd: &str, args: &[&str]) -> (bool, String) {
    let out = Command::new(cmd)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("`{cmd}` is needed ({e}); install poppler-utils, qpdf, unzip"));
    let mut s = String::from_utf8_lossy(&out.stdout).into_owned();
    s.push_str(&String::from_utf8_lossy(&out.stderr));
    (out.status.success(), s)
}

fn pdftext(p: &Path) -> String {
    let (ok, out) = tool("qpdf", &["--check", p.to_str().unwrap()]);
    assert!(ok, "{out}");
    let (ok, text) = tool("pdftotext", &[p.to_str().unwrap(), "-"]);
    assert!(ok, "{text}");
    text
}

#[test]
fn report_with_options_and_classic_refusal() {
    let (dir, ws) = seeded();
    let out = dir.path().join("r.pdf");
    let o = out.to_str().unwrap();
    let (ok, stdout, stderr) = run(
        &ws,
        &[
            "report",
            "int_zh_0001",
            "-o",
            o,
            "--lang",
            "ja",
            "--no-transcript",
        ],
    );
    assert!(ok, "{stderr}");
    assert!(stdout.starts_with("wrote "), "{stdout}");
    let text = pdftext(&out);
    assert!(text.contains("王小明") && text.contains("面接レポート"));
    assert!(!text.contains("文字起こし"), "--no-transcript");

    let (ok, _, stderr) = run(
        &ws,
        &[
            "report",
            "int_zh_0001",
            "-o",
            o,
            "--style",
            "classic",
            "--lang",
            "fr",
        ],
    );
    assert!(!ok);
    assert_eq!(stderr.lines().count(), 1, "one-line error: {stderr}");
    assert!(
        stderr.contains("Classic") && stderr.contains("Modern"),
        "{stderr}"
    );

    let (ok, _, stderr) = run(&ws, &["report", "int_missing", "-o", o]);
    assert!(!ok && stderr.contains("int_missing"), "{stderr}");
}

#[test]
fn pipeline_report_and_radar() {
    let (dir, ws) = seeded();
    let p = dir.path().join("p.pdf");
    let (ok, _, stderr) = run(
        &ws,
        &[
            "pipeline-report",
            "--interviewer",
            "pst_627",
            "-o",
            p.to_str().unwrap(),
        ],
    );
    assert!(ok, "{stderr}");
    assert!(pdftext(&p).contains("Top candidates"));

    let svg = dir.path().join("r.svg");
    let (ok, stdout, stderr) = run(&ws, &["radar", "int_ar_0002", "-o", svg.to_str().unwrap()]);
    assert!(ok, "{stderr}");
    assert!(stdout.contains("4 axes"), "{stdout}");
    let s = std::fs::read_to_string(&svg).unwrap();
    assert!(s.contains("<svg") && s.contains("ليلى حداد"));
    let png = dir.path().join("r.png");
    let (ok, _, stderr) = run(&ws, &["radar", "int_ar_0002", "-o", png.to_str().unwrap()]);
    assert!(ok, "{stderr}");
    assert_eq!(&std::fs::read(&png).unwrap()[1..4], b"PNG");
    let (ok, _, stderr) = run(
        &ws,
        &[
            "radar",
            "int_ar_0002",
            "-o",
            dir.path().join("r.gif").to_str().unwrap(),
        ],
    );
    assert!(!ok && stderr.contains(".svg or .png"), "{stderr}");
}

#[test]
fn package_zip() {
    let (dir, ws) = seeded();
    let z = dir.path().join("p.zip");
    let (ok, stdout, stderr) = run(
        &ws,
        &[
            "package",
            "int_zh_0001",
            "int_ar_0002",
            "-o",
            z.to_str().unwrap(),
            "--style",
            "classic",
            "--no-chips",
        ],
    );
    assert!(ok, "{stderr}");
    assert!(stdout.contains("2 candidate(s)"), "{stdout}");
    let (ok, out) = tool("unzip", &["-t", z.to_str().unwrap()]);
    assert!(ok && out.contains("No errors detected"), "{out}");
    assert!(out.contains("王小明_int_zh_0001/report.pdf"));
    assert!(out.contains("ليلى_حداد_int_ar_0002/video.webm"));
}

#[test]
fn exports() {
    let (dir, ws) = seeded();
    let csv = dir.path().join("c.csv");
    let (ok, stdout, stderr) = run(
        &ws,
        &[
            "export",
            "csv",
            "--interviewer",
            "pst_627",
            "-o",
            csv.to_str().unwrap(),
        ],
    );
    assert!(ok, "{stderr}");
    assert!(stdout.contains("6 candidate(s)"), "{stdout}");
    let script = "import csv,sys\nrows=list(csv.reader(open(sys.argv[1],encoding='utf-8-sig',newline=''),strict=True))\n\
assert rows[0][0]=='Name', rows[0]\nassert len(rows)==7, len(rows)\n\
assert all(not c.startswith(('=','+','-','@','\\t','\\r')) for r in rows for c in r)\nprint('ok')";
    let (ok, out) = tool("python3", &["-c", script, csv.to_str().unwrap()]);
    assert!(ok && out.trim() == "ok", "{out}");

    let fb = dir.path().join("f.csv");
    let (ok, _, stderr) = run(
        &ws,
        &[
            "export",
            "feedback",
            "--interviewer",
            "pst_627",
            "-o",
            fb.to_str().unwrap(),
        ],
    );
    assert!(ok, "{stderr}");
    assert!(std::fs::read_to_string(&fb)
        .unwrap()
        .contains("处理收银差错"));

    let js = dir.path().join("bundle.zip");
    let (ok, _, stderr) = run(
        &ws,
        &[
            "export",
            "json",
            "--interviewer",
            "pst_627",
            "-o",
            js.to_str().unwrap(),
        ],
    );
    assert!(ok, "{stderr}");
    let (ok, out) = tool("unzip", &["-t", js.to_str().unwrap()]);
    assert!(ok && out.contains("postings/pst_627.json"), "{out}");

    let (ok, _, stderr) = run(
        &ws,
        &[
            "export",
            "csv",
            "--interviewer",
            "nope",
            "-o",
            csv.to_str().unwrap(),
        ],
    );
    assert!(!ok && stderr.contains("nope"), "{stderr}");

    // Every export is in the audit log, by id only, and the chain holds.
    let conn = rusqlite::Connection::open(ws.join("workspace.db")).unwrap();
    let actions: Vec<(String, String)> = conn
        .prepare("SELECT action, entity FROM audit ORDER BY id")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .map(|r| r.unwrap())
        .collect();
    for action in ["export.csv", "export.feedback", "export.json"] {
        assert!(
            actions.contains(&(action.to_string(), "pst_627".to_string())),
            "{action} audited: {actions:?}"
        );
    }
    let (ok, out, stderr) = run(&ws, &["audit", "verify"]);
    assert!(ok, "{out}{stderr}");
}

/// Open a CSV in LibreOffice Calc (headless) and return the first sheet's
/// XML after saving it as .xlsx: what a spreadsheet user would get.
fn calc_sheet_xml(csv: &Path, work: &Path) -> String {
    let profile = format!(
        "-env:UserInstallation=file://{}",
        work.join("lo-profile").display()
    );
    let out_dir = work.join("xlsx");
    let (ok, out) = tool(
        "soffice",
        &[
            &profile,
            "--headless",
            "--norestore",
            "--convert-to",
            "xlsx",
            "--outdir",
            out_dir.to_str().unwrap(),
            csv.to_str().unwrap(),
        ],
    );
    assert!(ok, "soffice failed: {out}");
    let xlsx = out_dir.join(csv.with_extension("xlsx").file_name().unwrap());
    let (ok, xml) = tool(
        "unzip",
        &["-p", xlsx.to_str().unwrap(), "xl/worksheets/sheet1.xml"],
    );
    assert!(ok, "{xml}");
    xml
}

#[test]
fn csv_export_opens_in_libreoffice_without_formulas() {
    let dir = tempfile::tempdir().unwrap();
    // The demo has a candidate named `=HYPERLINK("http://x","y")` and
    // phones starting with `+`.
    let demo = dir.path().join("demo-ws");
    let (ok, _, stderr) = run(&demo, &["demo"]);
    assert!(ok, "{stderr}");
    let csv = dir.path().join("candidates.csv");
    let (ok, _, stderr) = run(
        &demo,
        &[
            "export",
            "csv",
            "--interviewer",
            "pst_627",
            "-o",
            csv.to_str().unwrap(),
        ],
    );
    assert!(ok, "{stderr}");
    let text = std::fs::read_to_string(&csv).unwrap();
    assert!(
        text.contains("HYPERLINK"),
        "the formula-looking name is exported"
    );

    // Control: LibreOffice does evaluate a raw formula in a CSV, so the
    // check below can fail.
    let control = dir.path().join("control.csv");
    std::fs::write(&control, "a,b\n=1+1,x\n").unwrap();
    let xml = calc_sheet_xml(&control, dir.path());
    assert!(xml.contains("<f"), "control formula evaluated: {xml}");

    let xml = calc_sheet_xml(&csv, dir.path());
    assert!(xml.contains("<sheetData>") || xml.contains("<row"), "{xml}");
    assert!(
        !xml.contains("<f"),
        "no cell of the export became a formula"
    );
}
