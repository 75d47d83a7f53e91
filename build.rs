//! Declares every app command in the app manifest, so each one must be
//! granted explicitly in a capability (least privilege).
//!
//! The command names are read from the `pub const COMMANDS` lists of the
//! `src-tauri/commands*.rs` files that define commands, the one place they
//! are written; a test in
//! `src-tauri/lib.rs` checks those lists against the handler's capabilities.

use std::path::Path;

/// The quoted names inside `pub const COMMANDS: &[&str] = &[ ... ];`.
fn commands_in(source: &str, file: &Path) -> Vec<String> {
    let start = source
        .find("pub const COMMANDS: &[&str] = &[")
        .unwrap_or_else(|| panic!("{} has no `pub const COMMANDS` list", file.display()));
    let body = &source[start + "pub const COMMANDS: &[&str] = &[".len()..];
    let body = &body[..body.find("];").expect("the COMMANDS list ends with `];`")];
    body.split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty() && !s.starts_with("//"))
        .map(|s| {
            assert!(
                s.len() > 2 && s.starts_with('"') && s.ends_with('"'),
                "{}: `{s}` in COMMANDS is not a plain string",
                file.display()
            );
            s.trim_matches('"').to_string()
        })
        .collect()
}

fn main() {
    let dir = Path::new("src-tauri");
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .expect("read src-tauri/")
        .map(|e| e.expect("list src-tauri/").path())
        .filter(|p| {
            p.extension().is_some_and(|e| e == "rs")
                && p.file_stem()
                    .is_some_and(|s| s.to_string_lossy().starts_with("commands"))
        })
        .collect();
    files.sort();
    let mut commands: Vec<&'static str> = Vec::new();
    for file in &files {
        println!("cargo:rerun-if-changed={}", file.display());
        let source = std::fs::read_to_string(file).expect("read a commands file");
        if !source.contains("#[tauri::command]") {
            continue; // e.g. commands_tests.rs
        }
        for name in commands_in(&source, file) {
            commands.push(Box::leak(name.into_boxed_str()));
        }
    }
    let commands: &'static [&'static str] = Box::leak(commands.into_boxed_slice());
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .app_manifest(tauri_build::AppManifest::new().commands(commands)),
    )
    .expect("tauri build script failed");
}
