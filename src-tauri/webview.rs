//! WebKitGTK settings Tauri does not expose (Linux; the figures are in
//! docs/benchmarks.md, "Desktop app").
//!
//! Accelerated compositing is turned off on a machine without a GPU render
//! node (`/dev/dri/renderD*`: a VM, a remote desktop, Xvfb). There Mesa's
//! software rasteriser (llvmpipe) would composite the page's layers on the
//! CPU, which cost the web process ~100 MB (233 → 133 MB PSS on the demo
//! workspace) for no gain in speed. With a GPU, WebKit's own default stays.
//! `SHORTLIST_COMPOSITING=on|off` overrides the guess (the e2e suite sets
//! `on`: WebKitWebDriver's screenshots hang without compositing).

use std::path::Path;

/// Whether to turn accelerated compositing off.
pub fn compositing_off(env: Option<&str>, has_render_node: bool) -> bool {
    match env.map(str::trim) {
        Some("off" | "0" | "false") => true,
        Some("on" | "1" | "true") => false,
        _ => !has_render_node,
    }
}

/// A DRM render node (`renderD128`, …) under `dir` (`/dev/dri`).
pub fn has_render_node(dir: &Path) -> bool {
    std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .flatten()
                .any(|e| e.file_name().to_string_lossy().starts_with("renderD"))
        })
        .unwrap_or(false)
}

/// Apply the setting to the main window's webview: queued to the GTK thread,
/// it runs on the loop's first turn, before the page first paints (the
/// measured memory shows compositing was never entered).
#[cfg(target_os = "linux")]
pub fn tune(window: &tauri::WebviewWindow) {
    let off = compositing_off(
        std::env::var("SHORTLIST_COMPOSITING").ok().as_deref(),
        has_render_node(Path::new("/dev/dri")),
    );
    if !off {
        return;
    }
    let _ = window.with_webview(move |platform| {
        use webkit2gtk::{HardwareAccelerationPolicy, SettingsExt, WebViewExt};
        if let Some(settings) = WebViewExt::settings(&platform.inner()) {
            settings.set_hardware_acceleration_policy(HardwareAccelerationPolicy::Never);
        }
    });
}

#[cfg(not(target_os = "linux"))]
pub fn tune(_window: &tauri::WebviewWindow) {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn env_overrides_the_gpu_guess() {
        assert!(compositing_off(None, false));
        assert!(!compositing_off(None, true));
        assert!(compositing_off(Some("off"), true));
        assert!(!compositing_off(Some("on"), false));
        assert!(!compositing_off(Some(""), true));
    }

    #[test]
    fn finds_a_render_node() {
        let dir = tempfile::tempdir().unwrap();
        assert!(!has_render_node(dir.path()));
        std::fs::write(dir.path().join("card0"), b"").unwrap();
        assert!(!has_render_node(dir.path()));
        std::fs::write(dir.path().join("renderD128"), b"").unwrap();
        assert!(has_render_node(dir.path()));
        assert!(!has_render_node(&dir.path().join("missing")));
    }
}
