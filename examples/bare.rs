//! A bare Tauri window: the baseline the desktop app's cold start and
//! memory are compared with (tests/e2e/bench.py, docs/benchmarks.md).
fn main() {
    tauri::Builder::default()
        .run(tauri::generate_context!("tests/e2e/bare/tauri.conf.json"))
        .expect("run bare window");
}
