//! `shortlist encrypt` / `shortlist decrypt --yes` and the passphrase every
//! command takes for an encrypted workspace (SPEC F54).

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

const PASS: &str = "tangerine-obelisk-42";

fn bin(ws: &Path, pass: Option<&str>) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_shortlist"));
    c.env_remove("SHORTLIST_WORKSPACE")
        .env_remove("SHORTLIST_PASSPHRASE")
        .arg("--workspace")
        .arg(ws);
    if let Some(p) = pass {
        c.env("SHORTLIST_PASSPHRASE", p);
    }
    c
}

/// Runs with `stdin` as standard input (not a terminal).
fn run(ws: &Path, pass: Option<&str>, stdin: &str, args: &[&str]) -> Output {
    let mut child = bin(ws, pass)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run shortlist");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

fn ok(out: Output) -> String {
    assert!(
        out.status.success(),
        "failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn err(out: Output) -> String {
    assert!(!out.status.success(), "should fail");
    String::from_utf8(out.stderr).unwrap()
}

fn tree(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    fn walk(root: &Path, dir: &Path, out: &mut Vec<(String, Vec<u8>)>) {
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                walk(root, &p, out);
            } else {
                let rel = p.strip_prefix(root).unwrap().display().to_string();
                out.push((rel, std::fs::read(&p).unwrap()));
            }
        }
    }
    walk(dir, dir, &mut out);
    out.sort();
    out
}

#[test]
fn encrypt_use_and_decrypt_with_a_passphrase() {
    let dir = tempfile::tempdir().unwrap();
    let ws = dir.path().join("ws");
    ok(run(&ws, None, "", &["demo"]));
    let plain_list = ok(run(&ws, None, "", &["list", "--json"]));

    // The key wrapped under a passphrase (from the environment).
    let out = ok(run(&ws, Some(PASS), "", &["encrypt", "--passphrase"]));
    assert!(out.contains("encrypted"), "{out}");
    assert!(ws.join("encryption.json").is_file());
    assert!(ws.join("workspace.key.json").is_file());
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&ws), 0o700);
        for (rel, _) in tree(&ws) {
            assert_eq!(mode(&ws.join(&rel)), 0o600, "{rel}");
        }
    }
    let head = std::fs::read(ws.join("workspace.db")).unwrap();
    assert_ne!(&head[..16], b"SQLite format 3\0", "database still plain");

    // Same rows with the passphrase from the environment, or from stdin.
    assert_eq!(
        ok(run(&ws, Some(PASS), "", &["list", "--json"])),
        plain_list
    );
    assert_eq!(
        ok(run(&ws, None, &format!("{PASS}\n"), &["list", "--json"])),
        plain_list
    );

    // None, or a wrong one: a clear one-line error, no file changed.
    let before = tree(&ws);
    let e = err(run(&ws, None, "", &["list"]));
    assert!(e.contains("SHORTLIST_PASSPHRASE"), "{e}");
    let e = err(run(&ws, Some("not it"), "", &["list"]));
    assert!(e.contains("wrong passphrase"), "{e}");
    assert_eq!(e.trim_end().lines().count(), 1, "{e}");
    assert_eq!(tree(&ws), before, "a refused open changed a file");

    // `decrypt` needs --yes.
    let e = err(run(&ws, Some(PASS), "", &["decrypt"]));
    assert!(e.contains("--yes"), "{e}");
    assert!(ws.join("encryption.json").is_file());
    let out = ok(run(&ws, Some(PASS), "", &["decrypt", "--yes"]));
    assert!(out.contains("decrypted"), "{out}");
    assert!(!ws.join("encryption.json").exists());
    assert!(!ws.join("workspace.key.json").exists());
    assert_eq!(ok(run(&ws, None, "", &["list", "--json"])), plain_list);
    let head = std::fs::read(ws.join("workspace.db")).unwrap();
    assert_eq!(&head[..16], b"SQLite format 3\0");
    // `check` opens an encrypted workspace too (decrypting every media file).
    ok(run(&ws, Some(PASS), "", &["encrypt", "--passphrase"]));
    ok(run(&ws, Some(PASS), "", &["check"]));
}
