use serde_json::{json, Value};
use std::cell::RefCell;
use std::path::Path;
use std::time::Instant;
include!("/tmp/gen_body.rs");
fn main() {
    let tmp = tempfile::tempdir().unwrap();
    let bundle = tmp.path().join("bundle");
    let t = Instant::now();
    generate(&bundle);
    eprintln!("generate {:?}", t.elapsed());
    let ws = shortlist_core::Workspace::open(tmp.path().join("ws")).unwrap();
    let last = RefCell::new((Instant::now(), String::new()));
    let t0 = Instant::now();
    let s = shortlist_core::import::import_path(&ws, &bundle, &|p| {
        let mut l = last.borrow_mut();
        let name = p.phase.to_string();
        if name != l.1 {
            eprintln!("{:>8.3}s  -> {}", t0.elapsed().as_secs_f64(), name);
            l.1 = name;
            l.0 = Instant::now();
        }
    })
    .unwrap();
    eprintln!("{:>8.3}s  done: {s}", t0.elapsed().as_secs_f64());
    let t1 = Instant::now();
    shortlist_core::import::import_path(&ws, &bundle, &|_| {}).unwrap();
    eprintln!("reimport {:?}", t1.elapsed());
}
