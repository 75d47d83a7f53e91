//! `shortlist erase`, `shortlist retention`, `shortlist erasures` and
//! `shortlist audit verify` on a temporary workspace with the test bundle.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn shortlist(ws: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_shortlist"))
        .arg("--workspace")
        .arg(ws)
        .args(args)
        .stdin(Stdio::null())
        .output()
        .expect("run shortlist")
}

fn ok(ws: &Path, args: &[&str]) -> String {
    let out = shortlist(ws, args);
    assert!(
        out.status.success(),
        "shortlist {args:?} failed:\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn bundle() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/good-bundle")
}

#[test]
fn erase_needs_yes_then_erases_and_logs() {
    let d = tempfile::tempdir().unwrap();
    let ws = d.path().join("ws");
    ok(&ws, &["import", bundle().to_str().unwrap()]);
    ok(&ws, &["decide", "I003", "dismiss"]);

    // Without --yes: the plan, a non-zero exit, nothing erased.
    let out = shortlist(&ws, &["erase", "I001"]);
    assert!(!out.status.success());
    let stdout = String::from_utf8(out.stdout).unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stdout.contains("José Álvarez <jose@example.com>"),
        "{stdout}"
    );
    assert!(stdout.contains("candidates"), "{stdout}");
    assert!(stderr.contains("pass --yes"), "{stderr}");
    assert!(ok(&ws, &["show", "I001"]).contains("José"));

    let out = ok(
        &ws,
        &["erase", "I001", "--yes", "--reason", "candidate's request"],
    );
    assert!(out.contains("erased 1 candidate(s)"), "{out}");
    assert!(!shortlist(&ws, &["show", "I001"]).status.success());

    let log: serde_json::Value = serde_json::from_str(&ok(&ws, &["erasures", "--json"])).unwrap();
    assert_eq!(log.as_array().unwrap().len(), 1);
    assert_eq!(log[0]["reason"], "candidate's request");
    assert!(!log.to_string().contains("I001"));

    let csv = d.path().join("erasures.csv");
    ok(&ws, &["erasures", "-o", csv.to_str().unwrap()]);
    let text = std::fs::read_to_string(&csv).unwrap();
    assert!(text.contains(log[0]["id_hash"].as_str().unwrap()));
    let pdf = d.path().join("erasures.pdf");
    ok(&ws, &["erasures", "-o", pdf.to_str().unwrap()]);
    assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF-"));

    // Retention: set, show, dry run (nothing due yet), apply.
    ok(&ws, &["retention", "set", "--dismissed-after-days", "30"]);
    let shown: serde_json::Value =
        serde_json::from_str(&ok(&ws, &["retention", "show", "--json"])).unwrap();
    assert_eq!(shown["dismissed_after_days"], 30);
    assert!(shown["all_after_interviewer_closed_days"].is_null());
    let dry = ok(&ws, &["retention", "apply", "--dry-run"]);
    assert!(dry.contains("0 candidate(s) due"), "{dry}");
    assert!(ok(&ws, &["retention", "apply"]).contains("erased 0"));
    ok(&ws, &["retention", "set", "--dismissed-after-days", "off"]);
    assert!(
        !shortlist(&ws, &["retention", "set", "--after-close-days", "soon"])
            .status
            .success()
    );

    let audit = ok(&ws, &["audit", "verify"]);
    assert!(audit.contains("audit log intact"), "{audit}");
    // A removed anchor makes the check fail.
    std::fs::remove_file(ws.join("audit.head")).unwrap();
    let out = shortlist(&ws, &["audit", "verify"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("audit.head is missing"));
}
