//! ZIP (stored) throughput for `scripts/bench-zip.sh`: zip FILES... into OUT.
use std::path::Path;
use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (out, files) = args.split_last().expect("usage: zip_bench FILE... OUT.zip");
    let files: Vec<&Path> = files.iter().map(Path::new).collect();
    let t = Instant::now();
    let n = shortlist_report::package::zip_stored_files(&files, Path::new(out)).unwrap();
    let s = t.elapsed().as_secs_f64();
    println!(
        "zip_stored_bytes={n} seconds={s:.3} mb_per_s={:.0}",
        n as f64 / 1e6 / s
    );
}
