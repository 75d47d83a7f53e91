//! Every command the webview may call, registered in this one place.
//!
//! A command is a `pub` `#[tauri::command]` function in one of the files
//! below, and that function is the only place its name is written:
//! `build.rs` reads these files and generates the invoke handler, the
//! `COMMANDS` list it declares in the app manifest, and the argument and
//! result types of each command (`SIGNATURES`, written to
//! `ui/src/lib/gen/commands.ts` by the `ts_types` test). A command file uses
//! `crate::state`, `crate::error`, the services (`charts`, `dialogs`,
//! `media_server`, `playback`) and the core crates, never another command
//! file (`crate::layers_tests` checks).

pub mod actions;
pub mod audio;
pub mod delivery;
pub mod notify;
pub mod outputs;
pub mod protect;
pub mod review;
pub mod team;
pub mod workspace;

/// One command as written in Rust: its arguments as the webview names them
/// (camelCase) with their Rust types, and its result type.
#[cfg(test)]
pub struct Signature {
    pub module: &'static str,
    pub name: &'static str,
    pub args: &'static [(&'static str, &'static str)],
    pub result: &'static str,
}

include!(concat!(env!("OUT_DIR"), "/commands.rs"));

#[cfg(test)]
mod manifest_tests {
    //! Every command (which `build.rs` declares in the app manifest) is
    //! granted in exactly one capability file, and nothing is granted that
    //! does not exist. A missing line fails here instead of at runtime in
    //! the window.
    use std::collections::BTreeSet;

    #[test]
    fn commands_are_declared_and_granted_once() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let commands: BTreeSet<String> = super::COMMANDS.iter().map(|s| s.to_string()).collect();
        assert_eq!(
            commands.len(),
            super::COMMANDS.len(),
            "a command listed twice"
        );
        assert!(commands.contains("list_candidates") && commands.contains("import_data"));

        let mut granted = Vec::new();
        for entry in std::fs::read_dir(root.join("capabilities")).unwrap() {
            let path = entry.unwrap().path();
            let cap: serde_json::Value =
                serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
            for p in cap["permissions"].as_array().unwrap() {
                if let Some(name) = p.as_str().and_then(|p| p.strip_prefix("allow-")) {
                    granted.push(name.replace('-', "_"));
                }
            }
        }
        let granted_set: BTreeSet<String> = granted.iter().cloned().collect();
        assert_eq!(granted.len(), granted_set.len(), "a command granted twice");
        let missing: Vec<_> = commands.difference(&granted_set).collect();
        let unknown: Vec<_> = granted_set.difference(&commands).collect();
        assert!(
            missing.is_empty() && unknown.is_empty(),
            "capabilities/*.json vs the commands in src-tauri/commands/: \
             not granted {missing:?}; granted but no such command {unknown:?}"
        );
    }

    #[test]
    fn every_command_has_a_signature() {
        let names: Vec<_> = super::SIGNATURES.iter().map(|s| s.name).collect();
        assert_eq!(names, super::COMMANDS);
    }
}
