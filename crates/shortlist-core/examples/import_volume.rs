//! Import at volume (SPEC F37): a 100,000-candidate bundle in one go, folder
//! or zip, with its peak memory, next to the serde_json parse-only pass the
//! import's throughput is compared with (docs/benchmarks.md, "Import at
//! 100,000"). Run each step in its own process, so that `/usr/bin/time -v`
//! measures one thing:
//!
//!   cargo build -p shortlist-core --release --example import_volume
//!   B=target/release/examples/import_volume
//!   $B gen DIR 100000          # the benchmark bundle with N candidates
//!   $B zip DIR BUNDLE.zip      # the same files, deflated, in one zip
//!   $B parse DIR               # serde_json parse-only of every JSON file
//!   /usr/bin/time -v $B import DIR|BUNDLE.zip WS [RUNS]
//!   /usr/bin/time -v $B reimport DIR|BUNDLE.zip WS
//!   $B erase WS [N]            # erase N candidates one at a time (F52)
//!
//! `import` imports into a fresh workspace WS (removed first), then imports
//! the same source again RUNS-1 times (unchanged: nothing is written), and
//! prints each import's wall time and the process's peak resident memory.
//! `reimport` opens the existing workspace WS and imports the source once,
//! so that the peak memory of an unchanged re-import is measured alone.
//! `erase` erases N candidates of WS (default 3, spread over the rowids),
//! one erasure each, and prints the plan's and the erasure's wall time with
//! the database and WAL sizes: the cost of one GDPR erasure at that size
//! (`secure_delete`, FTS5 `secure-delete` and the index `optimize`, the
//! WAL truncate).
use std::io::Write;
use std::path::Path;
use std::time::Instant;

use serde_json::Value;
use shortlist_core::import::import_path;
use shortlist_core::Workspace;

#[path = "../benches/support/bundle.rs"]
#[allow(dead_code)]
mod bundle;

/// Peak resident memory of this process so far (`VmHWM`), in MB.
fn peak_rss_mb() -> f64 {
    rss_mb("VmHWM:")
}

/// A memory line of `/proc/self/status` (`VmHWM:`, `VmRSS:`), in MB.
fn rss_mb(key: &str) -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .unwrap_or_default()
        .lines()
        .find_map(|l| l.strip_prefix(key))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
        .map(|kb| kb / 1024.0)
        .unwrap_or(0.0)
}

fn files(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for sub in ["postings", "candidates", "interviews"] {
        for e in std::fs::read_dir(dir.join(sub)).unwrap() {
            out.push(e.unwrap().path());
        }
    }
    out.sort();
    out
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let arg = |i: usize| -> &str {
        args.get(i)
            .map(String::as_str)
            .unwrap_or_else(|| panic!("usage: see the header of examples/import_volume.rs"))
    };
    match arg(0) {
        "gen" => {
            let n: usize = arg(2).parse().expect("candidates");
            let t = Instant::now();
            bundle::generate_n(Path::new(arg(1)), n);
            println!(
                "generated {n} candidates in {:.1} s",
                t.elapsed().as_secs_f64()
            );
        }
        "zip" => {
            let dir = Path::new(arg(1));
            let out = std::fs::File::create(arg(2)).unwrap();
            let mut zip = zip::ZipWriter::new(std::io::BufWriter::new(out));
            let opts = zip::write::SimpleFileOptions::default()
                .compression_method(zip::CompressionMethod::Deflated)
                .large_file(false);
            let t = Instant::now();
            let all = files(dir);
            for p in &all {
                let rel = p
                    .strip_prefix(dir)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/");
                zip.start_file(rel, opts).unwrap();
                zip.write_all(&std::fs::read(p).unwrap()).unwrap();
            }
            zip.finish().unwrap().flush().unwrap();
            println!(
                "zipped {} files in {:.1} s",
                all.len(),
                t.elapsed().as_secs_f64()
            );
        }
        "parse" => {
            let t = Instant::now();
            let (mut n, mut bytes) = (0usize, 0u64);
            for p in files(Path::new(arg(1))) {
                let b = std::fs::read(&p).unwrap();
                bytes += b.len() as u64;
                let v: Value = serde_json::from_slice(&b).unwrap();
                n += v.is_object() as usize;
            }
            let s = t.elapsed().as_secs_f64();
            println!(
                "parse-only: {n} files, {:.0} MB, {s:.2} s, peak RSS {:.0} MB",
                bytes as f64 / 1e6,
                peak_rss_mb()
            );
        }
        "import" => {
            let src = Path::new(arg(1));
            let ws_dir = Path::new(arg(2));
            let runs: usize = args.get(3).and_then(|s| s.parse().ok()).unwrap_or(2);
            let _ = std::fs::remove_dir_all(ws_dir);
            let t = Instant::now();
            let ws = Workspace::open(ws_dir).unwrap();
            println!(
                "open (new workspace): {:.1} ms",
                t.elapsed().as_secs_f64() * 1e3
            );
            for run in 0..runs {
                let t = Instant::now();
                match import_path(&ws, src, &|_| {}) {
                    Ok(s) => println!(
                        "import {run} ({}): {:.2} s; {s}; peak RSS so far {:.0} MB",
                        if run == 0 { "fresh" } else { "unchanged" },
                        t.elapsed().as_secs_f64(),
                        peak_rss_mb()
                    ),
                    Err(e) => {
                        println!(
                            "import {run} refused after {:.2} s: {e}; peak RSS so far {:.0} MB",
                            t.elapsed().as_secs_f64(),
                            peak_rss_mb()
                        );
                        break;
                    }
                }
            }
            ws.wait_for_checkpoint();
            drop(ws);
            let t = Instant::now();
            let ws = Workspace::open(ws_dir).unwrap();
            println!(
                "re-open: {:.1} ms; db {:.0} MB",
                t.elapsed().as_secs_f64() * 1e3,
                std::fs::metadata(ws.db_path())
                    .map(|m| m.len() as f64 / 1e6)
                    .unwrap_or(0.0)
            );
        }
        "reimport" => {
            let src = Path::new(arg(1));
            let ws_dir = Path::new(arg(2));
            let t = Instant::now();
            let ws = Workspace::open(ws_dir).unwrap();
            println!("open: {:.1} ms", t.elapsed().as_secs_f64() * 1e3);
            let t = Instant::now();
            let last = std::cell::Cell::new(None);
            let phases = |p: shortlist_core::import::ImportProgress| {
                if last.get() != Some(p.phase) {
                    last.set(Some(p.phase));
                    println!(
                        "  {:>6.2} s {:?}: RSS {:.0} MB, peak {:.0} MB",
                        t.elapsed().as_secs_f64(),
                        p.phase,
                        rss_mb("VmRSS:"),
                        peak_rss_mb()
                    );
                }
            };
            match import_path(&ws, src, &phases) {
                Ok(s) => println!(
                    "re-import: {:.2} s; {s}; peak RSS {:.0} MB",
                    t.elapsed().as_secs_f64(),
                    peak_rss_mb()
                ),
                Err(e) => println!("re-import refused: {e}; peak RSS {:.0} MB", peak_rss_mb()),
            }
        }
        "erase" => {
            let ws = Workspace::open(arg(1)).unwrap();
            let n: i64 = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(3);
            let total: i64 = ws
                .reader()
                .query_row("SELECT count(*) FROM candidates", [], |r| r.get(0))
                .unwrap();
            let size = |p: &Path| {
                std::fs::metadata(p)
                    .map(|m| m.len() as f64 / 1e6)
                    .unwrap_or(0.0)
            };
            let wal = ws.db_path().with_extension("db-wal");
            println!(
                "{total} candidates; db {:.0} MB; wal {:.1} MB",
                size(&ws.db_path()),
                size(&wal)
            );
            for k in 0..n {
                let offset = (total / (n + 1)) * (k + 1);
                let id: String = ws
                    .reader()
                    .query_row(
                        "SELECT interview_id FROM candidates ORDER BY rowid LIMIT 1 OFFSET ?1",
                        [offset],
                        |r| r.get(0),
                    )
                    .unwrap();
                let t = Instant::now();
                let plan =
                    shortlist_core::actions::erase::erase_plan(&ws, std::slice::from_ref(&id))
                        .unwrap();
                let plan_ms = t.elapsed().as_secs_f64() * 1e3;
                let t = Instant::now();
                let r = shortlist_core::actions::erase::erase(&ws, &[id], "benchmark").unwrap();
                println!(
                    "erase {k}: plan {plan_ms:.0} ms ({} rows); erase {:.2} s ({} rows, {} files, vacuumed {}, wal truncated {}); db {:.0} MB, wal {:.1} MB; peak RSS {:.0} MB",
                    plan.total_rows,
                    t.elapsed().as_secs_f64(),
                    r.total_rows,
                    r.media_files_deleted,
                    r.vacuumed,
                    r.wal_truncated,
                    size(&ws.db_path()),
                    size(&wal),
                    peak_rss_mb()
                );
            }
        }
        other => panic!("unknown step {other}; see the header of examples/import_volume.rs"),
    }
}
