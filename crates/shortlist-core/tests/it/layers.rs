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

#[path = "../support/source_scan.rs"]
mod source_scan;
use source_scan::{collect, is_ident, paths_from, strip_comments};

/// Module path (`["actions", "notes"]`) of a source file.
fn module_of(rel: &Path) -> Vec<String> {
    source_scan::module_of(rel, &["mod", "lib"])
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
    paths_from(&code.as_bytes()[at..], Vec::new(), &mut paths);
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
    assert!(layer_of("store").unwrap() < layer_of("review").unwrap());
}
