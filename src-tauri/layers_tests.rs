//! The shell's module map, checked on its source (ARCHITECTURE.md, "The
//! shell"). Each module of `src-tauri/` sits on a layer and may name only
//! its own layer or those below; a command file (`commands/<area>.rs`)
//! never names another command file or the registry (`commands/mod.rs`),
//! and no two modules refer to each other, directly or through others. A
//! reference is any `crate::…` or `super::…` path in code (comments and
//! strings are skipped), resolved to the deepest module file it names;
//! `super::` inside an inline `mod tests { … }` means the file itself.
//!
//! The test fails naming the file, line and path of each offending
//! reference.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Layers, bottom first. `lib` is `lib.rs` (the app: `run()`); the test
/// modules sit with it, on top.
const LAYERS: &[(&str, &[&str])] = &[
    ("error", &["error"]),
    (
        "services",
        &[
            "charts",
            "dialogs",
            "media_server",
            "playback",
            "team_sync",
            "webview",
        ],
    ),
    ("state", &["state"]),
    ("startup", &["startup"]),
    ("commands", &["commands"]),
    (
        "app",
        &["lib", "main", "ipc_tests", "layers_tests", "ts_types"],
    ),
];

fn layer_of(top: &str) -> Option<usize> {
    LAYERS.iter().position(|(_, mods)| mods.contains(&top))
}

fn src_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src-tauri")
}

#[path = "../crates/shortlist-core/tests/support/source_scan.rs"]
mod source_scan;
use source_scan::{collect, is_ident, paths_from, strip_comments};

/// Module path of a source file: `commands/review.rs` → `["commands",
/// "review"]`, `commands/mod.rs` → `["commands"]`, `lib.rs` → `["lib"]`.
fn module_of(rel: &Path) -> Vec<String> {
    source_scan::module_of(rel, &["mod"])
}

/// Byte ranges of inline `mod name { … }` blocks.
fn inline_mods(code: &str) -> Vec<(usize, usize)> {
    let b = code.as_bytes();
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(at) = code[from..].find("mod ") {
        let at = from + at;
        from = at + 4;
        if at > 0 && is_ident(b[at - 1]) {
            continue;
        }
        let mut i = at + 4;
        while i < b.len() && (is_ident(b[i]) || b[i] == b' ') {
            i += 1;
        }
        if i >= b.len() || b[i] != b'{' {
            continue; // `mod x;`
        }
        let mut depth = 0;
        let mut j = i;
        while j < b.len() {
            match b[j] {
                b'{' => depth += 1,
                b'}' => {
                    depth -= 1;
                    if depth == 0 {
                        break;
                    }
                }
                _ => {}
            }
            j += 1;
        }
        out.push((i, j));
    }
    out
}

struct Edge {
    file: PathBuf,
    line: usize,
    text: String,
    to: Vec<String>,
}

/// Every `crate::` / `super::` reference of every file, resolved.
fn edges(src: &Path, files: &[PathBuf]) -> BTreeMap<Vec<String>, Vec<Edge>> {
    let modules: BTreeSet<Vec<String>> = files
        .iter()
        .map(|f| module_of(f.strip_prefix(src).unwrap()))
        .collect();
    // The deepest module a path names; an item of lib.rs is `lib`.
    let resolve = |path: &[String]| -> Vec<String> {
        (1..=path.len())
            .rev()
            .map(|n| path[..n].to_vec())
            .find(|p| modules.contains(p))
            .unwrap_or_else(|| vec!["lib".to_string()])
    };
    let mut edges: BTreeMap<Vec<String>, Vec<Edge>> = BTreeMap::new();
    for f in files {
        let rel = f.strip_prefix(src).unwrap();
        let me = module_of(rel);
        // The crate root's children are at the top: lib.rs's `super` is nothing.
        let parent: Vec<String> = if me == ["lib"] {
            Vec::new()
        } else {
            me[..me.len() - 1].to_vec()
        };
        let code = strip_comments(&std::fs::read_to_string(f).unwrap());
        let inline = inline_mods(&code);
        let bytes = code.as_bytes();
        for kw in ["crate::", "super::"] {
            let mut from = 0;
            while let Some(at) = code[from..].find(kw) {
                let at = from + at;
                from = at + kw.len();
                if at > 0 && (is_ident(bytes[at - 1]) || bytes[at - 1] == b':') {
                    continue;
                }
                let base = match kw {
                    "super::" if inline.iter().any(|&(s, e)| s < at && at < e) => me.clone(),
                    "super::" => parent.clone(),
                    _ => Vec::new(),
                };
                let mut paths = Vec::new();
                paths_from(&bytes[from..], base.clone(), &mut paths);
                let line = code[..at].matches('\n').count() + 1;
                for p in paths {
                    let to = resolve(&p);
                    if to == me {
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
    edges
}

fn problems(
    edges: &BTreeMap<Vec<String>, Vec<Edge>>,
    modules: &BTreeSet<Vec<String>>,
) -> Vec<String> {
    let mut problems = Vec::new();
    for m in modules {
        if layer_of(&m[0]).is_none() {
            problems.push(format!("module `{}` has no layer in LAYERS", m.join("::")));
        }
    }
    for (from, es) in edges {
        for e in es {
            if let (Some(a), Some(b)) = (layer_of(&from[0]), layer_of(&e.to[0])) {
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
            // A command file names no other command file, nor the registry.
            if from.len() == 2 && from[0] == "commands" && e.to[0] == "commands" {
                problems.push(format!(
                    "{}:{}: `{}`: a command file uses `{}`; move what they share to `state` (or a service)",
                    e.file.display(),
                    e.line,
                    e.text,
                    e.to.join("::")
                ));
            }
        }
    }
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
    for (me, es) in edges {
        for e in es {
            if reaches(&e.to, me) {
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
    problems
}

#[test]
fn shell_layers_point_down_and_modules_have_no_circles() {
    let src = src_dir();
    let mut files = Vec::new();
    collect(&src, &mut files);
    assert!(files.len() > 10, "src-tauri/*.rs: {files:?}");
    let modules: BTreeSet<Vec<String>> = files
        .iter()
        .map(|f| module_of(f.strip_prefix(&src).unwrap()))
        .collect();
    let edges = edges(&src, &files);
    // The checker sees the references that matter.
    let review = vec!["commands".to_string(), "review".to_string()];
    assert!(
        edges[&review].iter().any(|e| e.to == ["state"]),
        "commands/review.rs uses crate::state"
    );
    let problems = problems(&edges, &modules);
    assert!(
        problems.is_empty(),
        "{} module-map problem(s) in src-tauri/:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

#[test]
fn the_checker_finds_circles_and_sibling_commands() {
    // The old shell: commands.rs gave `with_ws` to the files it registered,
    // and one command file took a constant from another.
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::create_dir(root.join("commands")).unwrap();
    let files = [
        ("lib.rs", "pub mod commands; pub mod state;"),
        ("state.rs", "pub fn with_ws() { crate::commands::handler(); }"),
        ("commands/mod.rs", "pub mod a; pub mod b; pub fn handler() { crate::commands::a::run() }"),
        (
            "commands/a.rs",
            "use crate::state::with_ws; // crate::commands::b in a comment\npub fn run() {}\nconst X: &str = \"crate::commands::b\";",
        ),
        (
            "commands/b.rs",
            "use crate::{state, commands::a::X};\n#[cfg(test)]\nmod tests {\n    use super::*;\n}",
        ),
    ];
    let mut paths = Vec::new();
    for (name, code) in files {
        std::fs::write(root.join(name), code).unwrap();
        paths.push(root.join(name));
    }
    let modules: BTreeSet<Vec<String>> = paths
        .iter()
        .map(|f| module_of(f.strip_prefix(root).unwrap()))
        .collect();
    let edges = edges(root, &paths);
    let p = problems(&edges, &modules);
    let text = p.join("\n");
    assert!(
        text.contains("state.rs:1: `crate::commands::handler` reaches up"),
        "{text}"
    );
    assert!(text.contains("closes a circle"), "{text}");
    assert!(
        text.contains(
            "commands/b.rs:1: `crate::commands::a::X`: a command file uses `commands::a`"
        ),
        "{text}"
    );
    // Comments, strings and a test module's `super::*` are not references.
    assert!(!text.contains("crate::commands::b"), "{text}");
    assert!(!text.contains("commands/b.rs:4"), "{text}");
}
