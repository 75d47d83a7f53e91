//! The repository stands alone: no build step, script or test reads a path
//! outside it. Scans the build and test files (Makefile, mk/*.mk, .ci/*,
//! tests/**/*.sh, every .rs under crates/ and src-tauri/, build.rs, every
//! package.json) for paths that escape the repository and fails naming
//! file:line for each.

use std::path::{Path, PathBuf};

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .unwrap()
}

/// Paths that lead out of the repository. Assembled from pieces so this
/// file, which is scanned too, does not match itself.
fn escaping_patterns() -> Vec<String> {
    let shared = ["sha", "red"].concat();
    vec![
        format!("../{shared}"),
        format!("..\\{shared}"),
        format!("/work/{shared}"),
        format!("{shared}/reference"),
    ]
}

/// Folders never scanned: build output, installed packages, VCS data.
const SKIP_DIRS: &[&str] = &["target", "node_modules", ".git", "dist", "gen"];

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let path = e.path();
        let name = e.file_name().to_string_lossy().into_owned();
        let Ok(ft) = e.file_type() else { continue };
        if ft.is_dir() {
            if !SKIP_DIRS.contains(&name.as_str()) {
                walk(&path, out);
            }
        } else if ft.is_file() {
            out.push(path);
        }
    }
}

/// Is `rel` (a path relative to the repository, `/`-separated) a build or
/// test file?
fn is_build_or_test_file(rel: &str) -> bool {
    let name = rel.rsplit('/').next().unwrap_or(rel);
    rel == "Makefile"
        || rel == "build.rs"
        || (rel.starts_with("mk/") && rel.ends_with(".mk"))
        || rel.starts_with(".ci/")
        || (rel.starts_with("tests/") && rel.ends_with(".sh"))
        || ((rel.starts_with("crates/") || rel.starts_with("src-tauri/")) && rel.ends_with(".rs"))
        || name == "package.json"
}

/// `file:line: text` for every line of a scanned file that names a path
/// outside the repository.
fn offenders(root: &Path) -> (usize, Vec<String>) {
    let patterns = escaping_patterns();
    let mut files = Vec::new();
    walk(root, &mut files);
    let mut scanned = 0;
    let mut found = Vec::new();
    for path in files {
        let rel = path
            .strip_prefix(root)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        if !is_build_or_test_file(&rel) {
            continue;
        }
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        scanned += 1;
        for (i, line) in text.lines().enumerate() {
            if patterns.iter().any(|p| line.contains(p.as_str())) {
                found.push(format!("{rel}:{}: {}", i + 1, line.trim()));
            }
        }
    }
    found.sort();
    (scanned, found)
}

#[test]
fn no_build_or_test_file_reads_outside_the_repository() {
    let root = repo_root();
    let (scanned, found) = offenders(&root);
    // The scan really looked at the files it is meant to guard.
    assert!(
        scanned >= 20,
        "only {scanned} build/test files found under {}",
        root.display()
    );
    for must in [
        "Makefile",
        "crates/shortlist-delivery/tests/prism.rs",
        "tests/support/package.json",
    ] {
        assert!(is_build_or_test_file(must), "{must} is not scanned");
        assert!(root.join(must).is_file(), "{must} missing");
    }
    assert!(
        found.is_empty(),
        "paths outside the repository (copy what is needed into the repository, \
         e.g. docs/reference/):\n{}",
        found.join("\n")
    );
}

#[test]
fn the_scan_catches_an_escaping_path() {
    // A miniature repository with one offending line in each kind of file.
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let shared = ["sha", "red"].concat();
    let files = [
        ("Makefile", format!("test:\n\tcat ../{shared}/x\n")),
        ("mk/app.mk", format!("X = /work/{shared}/SPEC.md\n")),
        (".ci/run", format!("#!/bin/sh\nls {shared}/reference\n")),
        ("tests/e2e/run.sh", format!("cp ../{shared}/a .\n")),
        (
            "crates/x/tests/t.rs",
            format!("fn main() {{\n    let _ = \"{shared}/reference/a.json\";\n}}\n"),
        ),
        ("src-tauri/lib.rs", format!("// /work/{shared}\n")),
        (
            "build.rs",
            format!("fn main() {{ let _ = \"../{shared}\"; }}\n"),
        ),
        (
            "ui/package.json",
            format!("{{\"scripts\": {{\"x\": \"cat ../{shared}/y\"}}}}\n"),
        ),
        // Not build or test files: not scanned.
        ("docs/notes.md", format!("see ../{shared}\n")),
        ("target/debug/x.rs", format!("../{shared}\n")),
        ("ui/node_modules/p/package.json", format!("../{shared}\n")),
    ];
    for (rel, text) in &files {
        let p = root.join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }
    let (_, found) = offenders(root);
    let where_: Vec<&str> = found
        .iter()
        .map(|f| f.split(": ").next().unwrap())
        .collect();
    assert_eq!(
        where_,
        [
            ".ci/run:2",
            "Makefile:2",
            "build.rs:1",
            "crates/x/tests/t.rs:2",
            "mk/app.mk:1",
            "src-tauri/lib.rs:1",
            "tests/e2e/run.sh:1",
            "ui/package.json:1",
        ],
        "{found:#?}"
    );
}
