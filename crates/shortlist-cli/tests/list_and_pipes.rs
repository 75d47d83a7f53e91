//! `shortlist list --limit/--offset/--jsonl` (SPEC F36), and output pipes
//! closed early: every command exits 0 quietly, like ripgrep.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Output, Stdio};

use serde_json::Value;

fn bin(ws: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_shortlist"));
    c.env_remove("SHORTLIST_WORKSPACE")
        .arg("--workspace")
        .arg(ws);
    c
}

fn ok(ws: &Path, args: &[&str]) -> String {
    let out: Output = bin(ws).args(args).output().expect("run shortlist");
    assert!(
        out.status.success(),
        "shortlist {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8 stdout")
}

fn json(ws: &Path, args: &[&str]) -> Value {
    serde_json::from_str(&ok(ws, args)).expect("valid JSON")
}

fn ids(rows: &[Value]) -> Vec<String> {
    rows.iter()
        .map(|r| r["interview_id"].as_str().unwrap().to_string())
        .collect()
}

fn demo_ws() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    ok(dir.path(), &["demo"]);
    dir
}

#[test]
fn limit_offset_and_jsonl() {
    let ws = demo_ws();
    let ws = ws.path();
    let all = json(ws, &["list", "--json"]);
    let all_rows = all["data"].as_array().unwrap().clone();
    let total = all["total"].as_i64().unwrap();
    assert_eq!(total as usize, all_rows.len());
    assert!(total > 20);

    // A page: the rows at that place, `total` still counts every match.
    let page = json(ws, &["list", "--json", "--limit", "7", "--offset", "5"]);
    assert_eq!(page["total"].as_i64().unwrap(), total);
    assert_eq!(ids(page["data"].as_array().unwrap()), ids(&all_rows[5..12]));
    // Past the end: no rows, same total.
    let past = json(
        ws,
        &["list", "--json", "--offset", &(total + 3).to_string()],
    );
    assert_eq!(past["data"].as_array().unwrap().len(), 0);
    assert_eq!(past["total"].as_i64().unwrap(), total);
    // --limit 0: the count only.
    let none = json(ws, &["list", "--json", "--limit", "0"]);
    assert_eq!(none["data"].as_array().unwrap().len(), 0);
    assert_eq!(none["total"].as_i64().unwrap(), total);

    // JSON lines: one row object per line, the same rows as --json.
    let lines = ok(ws, &["list", "--jsonl"]);
    let rows: Vec<Value> = lines
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is JSON"))
        .collect();
    assert_eq!(rows, all_rows);
    let lines = ok(ws, &["list", "--jsonl", "--offset", "3", "--limit", "4"]);
    let rows: Vec<Value> = lines
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(ids(&rows), ids(&all_rows[3..7]));

    // Filters combine with paging; total follows the filter.
    let interviewers = json(ws, &["interviewers", "--json"]);
    let first = interviewers["data"]
        .as_array()
        .unwrap()
        .iter()
        .max_by_key(|i| i["counts"]["total"].as_i64().unwrap())
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string();
    let filtered = json(ws, &["list", "--json", "--interviewer", &first]);
    let f_total = filtered["total"].as_i64().unwrap();
    let f_page = json(
        ws,
        &["list", "--json", "--interviewer", &first, "--limit", "2"],
    );
    assert_eq!(f_page["total"].as_i64().unwrap(), f_total);
    assert_eq!(
        ids(f_page["data"].as_array().unwrap()),
        ids(&filtered["data"].as_array().unwrap()[..2])
    );

    // Table: says how much of the total it shows.
    let table = ok(ws, &["list", "--limit", "3"]);
    assert_eq!(table.lines().count(), 1 + 3 + 1, "{table}");
    assert!(
        table
            .trim_end()
            .ends_with(&format!("3 of {total} candidate(s)")),
        "{table}"
    );

    // --json and --jsonl exclude each other.
    let out = bin(ws)
        .args(["list", "--json", "--jsonl"])
        .output()
        .unwrap();
    assert!(!out.status.success());
}

/// Run `args` with stdout a pipe whose reader is already gone: the first
/// write fails with EPIPE whatever the output's size.
fn run_into_closed_pipe(ws: &Path, args: &[&str]) -> Output {
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    let child = bin(ws)
        .args(args)
        .stdout(Stdio::from(writer))
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.wait_with_output().unwrap()
}

/// Run `args`, read one line of its output, then close the pipe.
fn run_reading_one_line(ws: &Path, args: &[&str]) -> (String, Output) {
    let mut child = bin(ws)
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    {
        let mut rd = BufReader::new(child.stdout.take().unwrap());
        rd.read_line(&mut first).unwrap();
    } // reader dropped: the pipe closes
    (first, child.wait_with_output().unwrap())
}

fn assert_quiet_success(args: &[&str], out: &Output) {
    assert_eq!(
        out.status.code(),
        Some(0),
        "shortlist {args:?} into a closed pipe: {:?}, stderr: {}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        out.stderr.is_empty(),
        "shortlist {args:?} into a closed pipe wrote to stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn closed_output_pipe_exits_quietly() {
    let ws = demo_ws();
    let ws = ws.path();
    let some_id = json(ws, &["list", "--json", "--limit", "1"])["data"][0]["interview_id"]
        .as_str()
        .unwrap()
        .to_string();
    let commands: Vec<Vec<&str>> = vec![
        vec!["list"],
        vec!["list", "--json"],
        vec!["list", "--jsonl"],
        vec!["list", "--jsonl", "--limit", "2"],
        vec!["show", &some_id],
        vec!["show", &some_id, "--json"],
        vec!["interviewers"],
        vec!["interviewers", "--json"],
        vec!["demo"],
        vec!["settings", "set", "ui.theme", "dark"],
        vec!["settings", "get", "ui.theme"],
    ];
    for args in &commands {
        let out = run_into_closed_pipe(ws, args);
        assert_quiet_success(args, &out);
    }
    // Errors other than the pipe still fail loudly.
    let out = run_into_closed_pipe(ws, &["show", "no-such-interview"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no-such-interview"));

    // `| head -1`: the reader takes one line, then goes away while the
    // command is still writing (the outputs are larger than a pipe's
    // buffer, checked here, so the writer really meets the closed pipe).
    for args in [
        vec!["list", "--json"],
        vec!["list", "--jsonl"],
        vec!["show", some_id.as_str(), "--json"],
    ] {
        let full = ok(ws, &args);
        let (first, out) = run_reading_one_line(ws, &args);
        assert_eq!(first, full.lines().next().unwrap().to_string() + "\n");
        assert_quiet_success(&args, &out);
        if args[0] == "list" {
            assert!(
                // 64 KiB in the pipe + 8 KiB in our reader's buffer.
                full.len() > 96 * 1024,
                "{args:?}: only {} bytes; a pipe buffers 64 KiB",
                full.len()
            );
        }
    }
}
