//! Helpers for checking outputs with tools nobody here wrote (poppler-utils,
//! qpdf, unzip). They must be installed: a missing tool fails the test.
#![allow(dead_code)]

use std::path::Path;
use std::process::Command;

pub fn tool(cmd: &str, args: &[&str]) -> (bool, String) {
    let out = Command::new(cmd).args(args).output().unwrap_or_else(|e| {
        panic!("`{cmd}` is needed by this test ({e}); install poppler-utils, qpdf and unzip (make deps)")
    });
    let mut s = String::from_utf8_lossy(&out.stdout).into_owned();
    s.push_str(&String::from_utf8_lossy(&out.stderr));
    (out.status.success(), s)
}

/// qpdf --check passes, every font is embedded, and returns (text, page count).
pub fn check_pdf(path: &Path) -> (String, usize) {
    let p = path.to_str().unwrap();
    let (ok, out) = tool("qpdf", &["--check", p]);
    assert!(ok, "qpdf --check {p}:\n{out}");
    let (ok, fonts) = tool("pdffonts", &[p]);
    assert!(ok, "pdffonts {p}: {fonts}");
    let rows: Vec<&str> = fonts
        .lines()
        .skip(2)
        .filter(|l| !l.trim().is_empty())
        .collect();
    assert!(!rows.is_empty(), "no fonts in {p}");
    for row in &rows {
        // name type [type2] encoding emb sub uni object ID
        let cols: Vec<&str> = row.split_whitespace().collect();
        let n = cols.len();
        assert_eq!(cols[n - 5], "yes", "font not embedded: {row}");
        assert_eq!(cols[n - 4], "yes", "font not subset: {row}");
    }
    let (ok, text) = tool("pdftotext", &["-enc", "UTF-8", p, "-"]);
    assert!(ok, "pdftotext {p}: {text}");
    // pdftotext wraps right-to-left runs in bidi embedding marks.
    let text: String = text
        .chars()
        .filter(|c| !matches!(*c as u32, 0x202A..=0x202E | 0x2066..=0x2069))
        .collect();
    let (ok, info) = tool("pdfinfo", &[p]);
    assert!(ok, "pdfinfo {p}: {info}");
    let pages = info
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .map(|v| v.trim().parse().unwrap())
        .expect("pdfinfo gives Pages");
    (text, pages)
}

pub fn pdf_info(path: &Path) -> String {
    tool("pdfinfo", &[path.to_str().unwrap()]).1
}
