//! Reading Rust source for the layering tests of the core
//! (`tests/it/layers.rs`) and of the shell (`src-tauri/layers_tests.rs`):
//! files, their module paths, code without comments, and the paths a
//! `use`-style tree names. Included by both with `#[path]`.

#![allow(dead_code)]

use std::path::{Path, PathBuf};

pub fn module_of(rel: &Path, roots: &[&str]) -> Vec<String> {
    let mut parts: Vec<String> = rel
        .iter()
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    let last = parts.pop().expect("a file");
    let stem = last.trim_end_matches(".rs").to_string();
    if !roots.contains(&stem.as_str()) {
        parts.push(stem);
    }
    parts
}

pub fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).expect("read the source folder") {
        let p = e.expect("entry").path();
        if p.is_dir() {
            collect(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// The code of a file with comments blanked (line numbers kept).
pub fn strip_comments(src: &str) -> String {
    let b = src.as_bytes();
    let mut out = String::with_capacity(src.len());
    let mut i = 0;
    let mut in_str = false;
    while i < b.len() {
        let c = b[i];
        if in_str {
            if c == b'\\' && i + 1 < b.len() {
                out.push(' ');
                out.push(if b[i + 1] == b'\n' { '\n' } else { ' ' });
                i += 2;
                continue;
            }
            if c == b'"' {
                in_str = false;
            }
            out.push(if c == b'\n' { '\n' } else { ' ' });
            i += 1;
            continue;
        }
        if c == b'r' && b[i + 1..].starts_with(b"#\"") && !(i > 0 && is_ident(b[i - 1])) {
            // A raw string r#"…"#: blank it to its end.
            i += 3;
            out.push_str("   ");
            while i < b.len() && !b[i..].starts_with(b"\"#") {
                out.push(if b[i] == b'\n' { '\n' } else { ' ' });
                i += 1;
            }
            i += 2;
            out.push_str("  ");
        } else if c == b'"' && !(i > 0 && b[i - 1] == b'\'' && i + 1 < b.len() && b[i + 1] == b'\'')
        {
            in_str = true;
            out.push(' ');
            i += 1;
        } else if c == b'/' && b.get(i + 1) == Some(&b'/') {
            while i < b.len() && b[i] != b'\n' {
                i += 1;
            }
        } else if c == b'/' && b.get(i + 1) == Some(&b'*') {
            i += 2;
            while i + 1 < b.len() && !(b[i] == b'*' && b[i + 1] == b'/') {
                if b[i] == b'\n' {
                    out.push('\n');
                }
                i += 1;
            }
            i += 2;
        } else {
            out.push(c as char);
            i += 1;
        }
    }
    out
}

pub fn is_ident(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_'
}

/// The paths a `use`-style tree starting at `s` names: `a::b`, `a::{b, c::d}`.
pub fn paths_from(s: &[u8], prefix: Vec<String>, out: &mut Vec<Vec<String>>) -> usize {
    let mut i = 0;
    let mut cur = prefix.clone();
    loop {
        while i < s.len() && s[i].is_ascii_whitespace() {
            i += 1;
        }
        if i < s.len() && s[i] == b'{' {
            i += 1;
            loop {
                i += paths_from(&s[i..], cur.clone(), out);
                while i < s.len() && s[i].is_ascii_whitespace() {
                    i += 1;
                }
                if i < s.len() && s[i] == b',' {
                    i += 1;
                    continue;
                }
                if i < s.len() && s[i] == b'}' {
                    i += 1;
                }
                return i;
            }
        }
        let start = i;
        while i < s.len() && is_ident(s[i]) {
            i += 1;
        }
        if start == i {
            break;
        }
        cur.push(String::from_utf8_lossy(&s[start..i]).into_owned());
        if s[i..].starts_with(b"::") {
            i += 2;
        } else {
            break;
        }
    }
    if cur.len() > prefix.len() || !cur.is_empty() {
        out.push(cur);
    }
    i
}
