//! Import limits are bytes and memory, never a count of files (SPEC F37):
//! a bundle with more than 100,000 files imports; a zip that lies about its
//! sizes is refused on the bytes it inflates; a bundle whose index would not
//! fit the memory limit is refused before it is read.

use std::io::Write;
use std::path::Path;

use shortlist_core::import::{import_path_with, ImportOptions, Limits};
use shortlist_core::Coded;

use crate::helpers::*;

const MANY: usize = 100_001;

fn opts(limits: Limits) -> ImportOptions<'static> {
    ImportOptions {
        limits,
        cancel: None,
    }
}

/// The good bundle plus `MANY` one-byte files under `extra/` (files no
/// import reads, but every one is indexed).
fn many_files_folder(dir: &Path) -> std::path::PathBuf {
    let folder = dir.join("bundle");
    copy_dir(&good_bundle(), &folder);
    for chunk in 0..MANY.div_ceil(1000) {
        let sub = folder.join(format!("extra/{chunk:03}"));
        std::fs::create_dir_all(&sub).unwrap();
        for i in (chunk * 1000)..((chunk + 1) * 1000).min(MANY) {
            std::fs::write(sub.join(format!("{i}.txt")), b"x").unwrap();
        }
    }
    folder
}

#[test]
fn more_than_100000_files_are_not_refused_for_their_count_folder_or_zip() {
    let (d, ws) = new_ws();
    let folder = many_files_folder(d.path());
    let summary = import_path_with(&ws, &folder, &opts(Limits::default()), &|_| {})
        .unwrap_or_else(|e| panic!("{MANY} files refused: {e}"));
    assert!(summary.candidates.added > 0);

    // The same as a zip (more than 65,535 entries: a zip64 end record).
    let zip_path = d.path().join("many.zip");
    {
        let mut zip = zip::ZipWriter::new(std::fs::File::create(&zip_path).unwrap());
        let stored = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Stored);
        for (rel, path) in list_files(&folder) {
            zip.start_file(rel, stored).unwrap();
            zip.write_all(&std::fs::read(path).unwrap()).unwrap();
        }
        zip.finish().unwrap();
    }
    let (_d2, ws2) = new_ws();
    let summary = import_path_with(&ws2, &zip_path, &opts(Limits::default()), &|_| {})
        .unwrap_or_else(|e| panic!("a zip of {MANY} files refused: {e}"));
    assert!(summary.candidates.added > 0);
    assert_eq!(snapshot_candidates(&ws), snapshot_candidates(&ws2));

    // What bounds them is memory: with a lowered index limit both are
    // refused, by size, before any document is read.
    let small = Limits {
        max_index_bytes: 1 << 20,
        ..Limits::default()
    };
    let (_d3, ws3) = new_ws();
    let before = snapshot(&ws3);
    for src in [&folder, &zip_path] {
        let err = import_path_with(&ws3, src, &opts(small.clone()), &|_| {}).unwrap_err();
        assert_eq!(err.code(), "import_invalid");
        let msg = err.to_string();
        assert!(
            msg.contains("1 MiB memory limit") || msg.contains("more than the 1 MiB limit"),
            "{msg}"
        );
        assert!(!msg.contains("import it in parts"), "{msg}");
    }
    assert_eq!(snapshot(&ws3), before);
}

fn snapshot_candidates(ws: &shortlist_core::Workspace) -> Vec<(String, String)> {
    let conn = ws.reader();
    let mut st = conn
        .prepare("SELECT interview_id, name FROM candidates ORDER BY interview_id")
        .unwrap();
    st.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

/// A zip of the good bundle plus `extra` deflated entries of zeros, each
/// with the size its headers declare (`None`: the true one).
fn lying_zip(dir: &Path, extra: &[(&str, u64, Option<u32>)]) -> std::path::PathBuf {
    let mut zip = RawZip::new();
    for (rel, path) in list_files(&good_bundle()) {
        if extra.iter().all(|(name, _, _)| *name != rel) {
            zip.stored(&rel, &std::fs::read(path).unwrap());
        }
    }
    for (name, zeros, declared) in extra {
        let stream = deflate_zeros(b"", *zeros);
        zip.add(RawEntry {
            name,
            data: &stream,
            deflated: true,
            uncompressed_size: declared.unwrap_or(*zeros as u32),
            crc: 0,
            unix_mode: None,
        });
    }
    let out = dir.join("lying.zip");
    std::fs::write(&out, zip.finish()).unwrap();
    out
}

#[test]
fn a_zip_declaring_small_sizes_is_refused_on_the_bytes_it_inflates() {
    let (d, ws) = new_ws();
    let before = snapshot(&ws);
    // Ratio checks off: only bytes counted as they inflate can stop these.
    let limits = Limits {
        max_ratio: u64::MAX,
        max_json_bytes: 1 << 20,
        ..Limits::default()
    };
    // A JSON member and a media member (replacing one the good bundle's
    // interview I001 names) that say 100 bytes and inflate
    // 1 GiB: stopped at the 101st byte (the reader counts what it inflates
    // against what the entry declares), in well under a second each.
    for name in ["interviews/I9.json", "media/I001/video.webm"] {
        let zip = lying_zip(d.path(), &[(name, 1 << 30, Some(100))]);
        let started = std::time::Instant::now();
        let err = import_path_with(&ws, &zip, &opts(limits.clone()), &|_| {}).unwrap_err();
        let msg = err.to_string();
        assert!(
            msg.contains(&format!(
                "{name}: cannot read: File is larger than its declared uncompressed size"
            )) || msg.contains(&format!("{name}: larger than the")),
            "{msg}"
        );
        assert!(started.elapsed() < std::time::Duration::from_secs(20));
    }
    // One that declares its size truthfully, past the per-document limit:
    // refused on the bytes counted, at 1 MiB.
    let zip = lying_zip(d.path(), &[("interviews/I9.json", 64 << 20, None)]);
    let err = import_path_with(&ws, &zip, &opts(limits), &|_| {}).unwrap_err();
    let msg = err.to_string();
    assert!(
        msg.contains("interviews/I9.json: larger than the 1 MiB limit for a JSON file"),
        "{msg}"
    );
    // Members that each stay under the per-file limits but together
    // inflate past the total: refused on the total.
    let limits = Limits {
        max_ratio: u64::MAX,
        max_total_bytes: 8 << 20,
        ..Limits::default()
    };
    let zip = lying_zip(
        d.path(),
        &[
            ("interviews/I9.json", 5 << 20, None),
            ("interviews/I8.json", 5 << 20, None),
        ],
    );
    let err = import_path_with(&ws, &zip, &opts(limits), &|_| {}).unwrap_err();
    let msg = err.to_string();
    assert!(
        msg.contains("the bundle inflates to more than 8 MiB in total"),
        "{msg}"
    );
    assert_eq!(snapshot(&ws), before);
    assert!(media_files(&ws).is_empty());
}
