//! Declares every app command in the app manifest, so each one must be
//! granted explicitly in `capabilities/main.json` (least privilege).

include!("src-tauri/command_names.rs");

fn main() {
    println!("cargo:rerun-if-changed=src-tauri/command_names.rs");
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .app_manifest(tauri_build::AppManifest::new().commands(COMMAND_NAMES)),
    )
    .expect("tauri build script failed");
}
