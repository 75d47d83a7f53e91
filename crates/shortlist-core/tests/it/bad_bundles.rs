//! Data-driven corpus of refused imports: `tests/fixtures/bad-bundles/<case>/`.
//!
//! Each case folder is a bundle (its own `postings/`, `interviews/`, …) plus
//! `expected-error.txt` (every non-empty line must appear in the error) and
//! an optional `case.json`:
//!
//! ```json
//! { "base": "good",            // import good-bundle into the workspace first
//!   "import": "folder" | "zip" | "csv:<file in the case>",
//!   "include_good": true,      // start the source from good-bundle's files
//!   "limits": { "max_json_bytes": 2048, "max_ratio": 1000000 },
//!   "symlinks": [{ "name": "media/x.webm", "target": "/etc/hostname" }],
//!   "zip_entries": [            // extra entries written raw into the zip
//!     { "name": "../evil.json", "text": "{}" },
//!     { "name": "media/l.webm", "symlink": "/etc/passwd" },
//!     { "name": "interviews/x.json", "zeros": 2147483648, "prefix_hex": "1a45…",
//!       "declared_size": 1000 } ],   // optional lie in the zip headers
//!   "max_seconds": 20 }
//! ```
//! Zips are built here because entries such as `../x` or 2 GiB of zeros are
//! awkward (or dangerous) to commit. Adding a case = adding a folder.
//! After every refusal the workspace must be row-for-row unchanged and hold
//! no new media file.

use std::path::Path;
use std::time::{Duration, Instant};

use serde_json::Value;
use shortlist_core::import::{import_path_with, ImportOptions, Limits};

use crate::helpers::*;

const META: &[&str] = &["expected-error.txt", "case.json"];

fn build_source(case: &Path, meta: &Value, work: &Path) -> std::path::PathBuf {
    let folder = work.join("bundle");
    std::fs::create_dir_all(&folder).unwrap();
    if meta["include_good"].as_bool() == Some(true) {
        copy_dir(&good_bundle(), &folder);
    }
    for (rel, path) in list_files(case) {
        if META.contains(&rel.as_str()) {
            continue;
        }
        let to = folder.join(&rel);
        std::fs::create_dir_all(to.parent().unwrap()).unwrap();
        std::fs::copy(path, to).unwrap();
    }
    #[cfg(unix)]
    for l in meta["symlinks"].as_array().into_iter().flatten() {
        let to = folder.join(l["name"].as_str().unwrap());
        std::fs::create_dir_all(to.parent().unwrap()).unwrap();
        std::os::unix::fs::symlink(l["target"].as_str().unwrap(), to).unwrap();
    }
    let how = meta["import"].as_str().unwrap_or("folder");
    if let Some(file) = how.strip_prefix("csv:") {
        return folder.join(file);
    }
    if how == "folder" {
        return folder;
    }
    assert_eq!(how, "zip", "unknown import kind in {case:?}");
    let mut zip = RawZip::new();
    for (rel, path) in list_files(&folder) {
        zip.stored(&rel, &std::fs::read(path).unwrap());
    }
    for e in meta["zip_entries"].as_array().into_iter().flatten() {
        let name = e["name"].as_str().unwrap();
        if let Some(text) = e["text"].as_str() {
            zip.stored(name, text.as_bytes());
        } else if let Some(target) = e["symlink"].as_str() {
            zip.add(RawEntry {
                name,
                data: target.as_bytes(),
                deflated: false,
                uncompressed_size: target.len() as u32,
                crc: crc32(target.as_bytes()),
                unix_mode: Some(0o120777),
            });
        } else if let Some(zeros) = e["zeros"].as_u64() {
            let prefix = e["prefix_hex"].as_str().map(hex_decode).unwrap_or_default();
            let stream = deflate_zeros(&prefix, zeros);
            zip.add(RawEntry {
                name,
                data: &stream,
                deflated: true,
                uncompressed_size: e["declared_size"]
                    .as_u64()
                    .unwrap_or((prefix.len() as u64 + zeros).min(u32::MAX as u64))
                    as u32,
                crc: 0,
                unix_mode: None,
            });
        } else {
            panic!("bad zip entry spec {e}");
        }
    }
    let out = work.join("bundle.zip");
    std::fs::write(&out, zip.finish()).unwrap();
    out
}

fn hex_decode(h: &str) -> Vec<u8> {
    (0..h.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&h[i..i + 2], 16).unwrap())
        .collect()
}

fn run_case(case: &Path) -> Result<(), String> {
    let name = case.file_name().unwrap().to_string_lossy().to_string();
    let expected = std::fs::read_to_string(case.join("expected-error.txt"))
        .map_err(|e| format!("{name}: no expected-error.txt: {e}"))?;
    let meta: Value = match std::fs::read_to_string(case.join("case.json")) {
        Ok(t) => serde_json::from_str(&t).map_err(|e| format!("{name}: case.json: {e}"))?,
        Err(_) => Value::Null,
    };
    let (d, ws) = new_ws();
    if meta["base"].as_str() == Some("good") {
        import(&ws, &good_bundle());
    }
    let before = snapshot(&ws);
    let media_before = media_files(&ws);
    let source = build_source(case, &meta, d.path());
    let mut limits = Limits::default();
    if let Some(n) = meta["limits"]["max_json_bytes"].as_u64() {
        limits.max_json_bytes = n;
    }
    if let Some(n) = meta["limits"]["max_ratio"].as_u64() {
        limits.max_ratio = n;
    }
    let opts = ImportOptions {
        limits,
        cancel: None,
    };
    let started = Instant::now();
    let result = import_path_with(&ws, &source, &opts, &|_| {});
    let elapsed = started.elapsed();
    let err = match result {
        Ok(s) => {
            return Err(format!(
                "{name}: import succeeded ({s}), expected a refusal"
            ))
        }
        Err(e) => e,
    };
    let msg = err.to_string();
    for line in expected.lines().map(str::trim).filter(|l| !l.is_empty()) {
        if !msg.contains(line) {
            return Err(format!(
                "{name}: error does not contain\n    {line}\n  it was\n    {msg}"
            ));
        }
    }
    let max = Duration::from_secs(meta["max_seconds"].as_u64().unwrap_or(30));
    if elapsed > max {
        return Err(format!(
            "{name}: refused only after {elapsed:?} (limit {max:?})"
        ));
    }
    if snapshot(&ws) != before {
        return Err(format!("{name}: the database changed"));
    }
    if media_files(&ws) != media_before {
        return Err(format!("{name}: media files changed"));
    }
    Ok(())
}

#[test]
fn bad_bundle_corpus_is_refused_with_named_errors() {
    let dir = fixtures().join("bad-bundles");
    let mut cases: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    cases.sort();
    assert!(cases.len() >= 15, "corpus has {} cases", cases.len());
    let failures: Vec<String> = cases.iter().filter_map(|c| run_case(c).err()).collect();
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}
