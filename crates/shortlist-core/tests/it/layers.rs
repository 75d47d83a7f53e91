//! The core's layering, checked on its source (ARCHITECTURE.md, "Layers").
//!
//! Each top-level module of `shortlist-core` sits on a layer; code may name
//! a module on its own layer or below, never above. And no two modules
//! (files) refer to each other, directly or through others: the module
//! graph has no circles. A reference is any `crate::…`, `super::…` or
//! `self::…` path in code (comments are skipped), resolved to the deepest
//! module file it names. A `mod.rs` that only declares and re-exports its
//! children points down at them; a child that used an item of its parent
//! would close a circle, so shared items live in a sibling.
//!
//! The test fails naming the file, line and path of each offending
//! reference, so a wrong-way `use` is caught before it lands.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Layers, bottom first. A module may use its own layer and those before it.
const LAYERS: &[(&str, &[&str])] = &[
    ("model", &["error", "ext", "model", "scoring"]),
    ("store", &["store", "cache", "audit", "recent"]),
    ("projection", &["project"]),
    ("import", &["import"]),
    ("review", &["review"]),
    ("actions", &["actions"]),
    ("demo", &["demo"]),
];

fn layer_of(top: &str) -> Option<usize> {
    LAYERS.iter().position(|(_, mods)| mods.contains(&top))
}

fn src_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// Module path (`["actions", "notes"]`) of a source file.
fn module_of(rel: &Path) -> Vec<String> {
    let mut parts: Vec<String> = rel
        .iter()
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    let last = parts.pop().expect("a file");
    let stem = last.trim_end_matches(".rs").to_string();
    if stem != "mod" && stem != "lib" {
        parts.push(stem);
    }
    parts
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).expect("read src") {
        let p = e.expect("entry").path();
        if p.is_dir() {
            collect(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// The code of a file with comments blanked (line numbers kept).
fn strip_comments(src: &str) -> String {
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

fn is_ident(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_'
}

/// The paths a `use`-style tree starting at `s` names: `a::b`, `a::{b, c::d}`.
fn paths_from(s: &[u8], prefix: Vec<String>, out: &mut Vec<Vec<String>>) -> usize {
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

struct Edge {
    file: PathBuf,
    line: usize,
    text: String,
    to: Vec<String>,
}

#[test]
fn layers_point_down_and_modules_have_no_circles() {
    let src = src_dir();
    let mut files = Vec::new();
    collect(&src, &mut files);
    let modules: BTreeSet<Vec<String>> = files
        .iter()
        .map(|f| module_of(f.strip_prefix(&src).unwrap()))
        .collect();
    // The deepest module a path names.
    let resolve = |path: &[String]| -> Vec<String> {
        (0..=path.len())
            .rev()
            .map(|n| path[..n].to_vec())
            .find(|p| modules.contains(p))
            .unwrap_or_default()
    };

    let mut edges: BTreeMap<Vec<String>, Vec<Edge>> = BTreeMap::new();
    for f in &files {
        let rel = f.strip_prefix(&src).unwrap();
        let me = module_of(rel);
        let code = strip_comments(&std::fs::read_to_string(f).unwrap());
        let bytes = code.as_bytes();
        for (kw, base) in [
            ("crate::", Vec::new()),
            ("super::", me[..me.len().saturating_sub(1)].to_vec()),
            ("self::", me.clone()),
        ] {
            let mut from = 0;
            while let Some(at) = code[from..].find(kw) {
                let at = from + at;
                from = at + kw.len();
                if at > 0 && (is_ident(bytes[at - 1]) || bytes[at - 1] == b':') {
                    continue;
                }
                let mut paths = Vec::new();
                paths_from(&bytes[from..], base.clone(), &mut paths);
                let line = code[..at].matches('\n').count() + 1;
                for p in paths {
                    let to = resolve(&p);
                    if to.is_empty() || to == me {
                        continue;
                    }
                    edges.entry(me.clone()).or_default().push(Edge {
                        file: rel.to_path_buf(),
                        line,
                        text: format!("{kw}{}", p[base.len()..].join("::")),
                        to,
                    });
                }
            }
        }
    }

    let mut problems = Vec::new();
    // 1. Every top-level module has a layer; references never go up.
    for m in &modules {
        if let Some(top) = m.first() {
            if layer_of(top).is_none() {
                problems.push(format!("module `{top}` has no layer in LAYERS"));
            }
        }
    }
    for es in edges.values() {
        for e in es {
            let from_top = module_of(&e.file).first().cloned().unwrap_or_default();
            let to_top = e.to.first().cloned().unwrap_or_default();
            if let (Some(a), Some(b)) = (layer_of(&from_top), layer_of(&to_top)) {
                if b > a {
                    problems.push(format!(
                        "{}:{}: `{}` reaches up from layer {} to layer {}",
                        e.file.display(),
                        e.line,
                        e.text,
                        LAYERS[a].0,
                        LAYERS[b].0
                    ));
                }
            }
        }
    }
    // 2. No circles between modules (files).
    let graph: BTreeMap<&Vec<String>, BTreeSet<&Vec<String>>> = edges
        .iter()
        .map(|(k, es)| (k, es.iter().map(|e| &e.to).collect()))
        .collect();
    let reaches = |from: &Vec<String>, to: &Vec<String>| -> bool {
        let mut seen = BTreeSet::new();
        let mut stack = vec![from];
        while let Some(n) = stack.pop() {
            if n == to {
                return true;
            }
            if seen.insert(n) {
                if let Some(next) = graph.get(n) {
                    stack.extend(next.iter().copied());
                }
            }
        }
        false
    };
    for es in edges.values() {
        for e in es {
            let me = module_of(&e.file);
            if reaches(&e.to, &me) {
                problems.push(format!(
                    "{}:{}: `{}` closes a circle: `{}` leads back to `{}`",
                    e.file.display(),
                    e.line,
                    e.text,
                    e.to.join("::"),
                    me.join("::")
                ));
            }
        }
    }
    problems.sort();
    problems.dedup();
    assert!(
        problems.is_empty(),
        "{} layering problem(s):\n{}",
        problems.len(),
        problems.join("\n")
    );
}

#[test]
fn the_checker_sees_a_wrong_way_use() {
    // The parser the test above relies on: groups, nesting, comments.
    let code =
        strip_comments("use crate::{a, b::{c, d::e}}; // crate::zzz\nlet x = super::f::g();");
    assert!(!code.contains("zzz"));
    let at = code.find("crate::").unwrap() + "crate::".len();
    let mut paths = Vec::new();
    paths_from(code[at..].as_bytes(), Vec::new(), &mut paths);
    assert_eq!(
        paths,
        vec![
            vec!["a".to_string()],
            vec!["b".into(), "c".into()],
            vec!["b".into(), "d".into(), "e".into()],
        ]
    );
    assert_eq!(module_of(Path::new("actions/mod.rs")), vec!["actions"]);
    assert_eq!(
        module_of(Path::new("review/list.rs")),
        vec!["review", "list"]
    );
    assert_eq!(
        layer_of("store").unwrap() < layer_of("review").unwrap(),
        true
    );
}
