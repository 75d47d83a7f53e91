//! `shortlist check` end to end (SPEC F50): a healthy workspace passes
//! (exit 0, stored result), a damaged one fails (non-zero exit, the damage
//! named, progress on stderr), is then refused by every other command with
//! the way back, and `check` itself still runs on it.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

fn run(ws: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_shortlist"))
        .env_remove("SHORTLIST_WORKSPACE")
        .arg("--workspace")
        .arg(ws)
        .args(args)
        .output()
        .expect("run shortlist")
}

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

#[test]
fn check_passes_then_finds_damage_and_the_workspace_is_refused_until_it_passes() {
    let dir = tempfile::tempdir().unwrap();
    let ws = dir.path().join("ws");
    let bundle = repo_root().join("tests/fixtures/good-bundle");
    let out = run(&ws, &["import", bundle.to_str().unwrap()]);
    assert!(out.status.success(), "{}", text(&out.stderr));

    let out = run(&ws, &["check"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).contains(": ok ("),
        "{}",
        text(&out.stdout)
    );
    assert!(
        text(&out.stderr).contains("checking database"),
        "{}",
        text(&out.stderr)
    );
    assert!(
        text(&out.stderr).contains("checking media files"),
        "{}",
        text(&out.stderr)
    );

    let out = run(&ws, &["check", "--json"]);
    assert!(out.status.success());
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["ok"], true);
    assert_eq!(report["kind"], "manual");
    assert!(report["media_files"].as_u64().unwrap() > 0);

    // Damage one media file.
    let media = ws.join("media");
    let sub = std::fs::read_dir(&media)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.is_dir())
        .expect("a media folder");
    let file = std::fs::read_dir(&sub)
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    let original = std::fs::read(&file).unwrap();
    std::fs::write(&file, b"damaged").unwrap();
    let name = file.file_name().unwrap().to_string_lossy().into_owned();

    let out = run(&ws, &["check", "--json"]);
    assert!(!out.status.success(), "a damaged workspace fails the check");
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["ok"], false);
    let problems = report["problems"].to_string();
    assert!(problems.contains(&name), "{problems}");
    let err = text(&out.stderr);
    assert!(
        err.contains("failed its integrity check (1 problem)"),
        "{err}"
    );
    assert!(err.contains("shortlist check"), "{err}");

    // Every other command refuses it, saying how to get back.
    let out = run(&ws, &["interviewers"]);
    assert!(!out.status.success());
    let err = text(&out.stderr);
    assert!(err.contains("is not opened"), "{err}");
    assert!(err.contains(&name), "{err}");
    assert!(err.contains("shortlist check --workspace"), "{err}");

    // Put the file back: the check passes and lifts the refusal.
    std::fs::write(&file, &original).unwrap();
    let out = run(&ws, &["import", bundle.to_str().unwrap()]);
    assert!(
        !out.status.success(),
        "still refused before a passing check"
    );
    let out = run(&ws, &["check"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let out = run(&ws, &["interviewers"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
}
