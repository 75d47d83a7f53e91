//! Shared helpers: fixtures, workspace snapshots, zip building.

use std::collections::BTreeSet;
use std::io::Write;
use std::path::{Path, PathBuf};

use rusqlite::types::Value;
use shortlist_core::import::{import_path, ImportSummary};
use shortlist_core::Workspace;

pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

pub fn fixtures() -> PathBuf {
    repo_root().join("tests/fixtures")
}

pub fn good_bundle() -> PathBuf {
    fixtures().join("good-bundle")
}

pub fn new_ws() -> (tempfile::TempDir, Workspace) {
    let dir = tempfile::tempdir().unwrap();
    let ws = Workspace::open(dir.path().join("ws")).unwrap();
    (dir, ws)
}

pub fn import(ws: &Workspace, path: &Path) -> ImportSummary {
    import_path(ws, path, &|_| {})
        .unwrap_or_else(|e| panic!("import of {} failed: {e}", path.display()))
}

/// Copy a folder tree (regular files only).
pub fn copy_dir(src: &Path, dst: &Path) {
    std::fs::create_dir_all(dst).unwrap();
    for e in std::fs::read_dir(src).unwrap() {
        let e = e.unwrap();
        let to = dst.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &to);
        } else {
            std::fs::copy(e.path(), &to).unwrap();
        }
    }
}

/// Every file under `dir`, relative, sorted.
pub fn list_files(dir: &Path) -> Vec<(String, PathBuf)> {
    fn walk(root: &Path, dir: &Path, out: &mut Vec<(String, PathBuf)>) {
        let mut entries: Vec<_> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap())
            .collect();
        entries.sort_by_key(|e| e.file_name());
        for e in entries {
            let p = e.path();
            if e.file_type().unwrap().is_dir() {
                walk(root, &p, out);
            } else {
                let rel = p
                    .strip_prefix(root)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/");
                out.push((rel, p));
            }
        }
    }
    let mut out = Vec::new();
    walk(dir, dir, &mut out);
    out
}

/// Zip a folder (deflate), optionally under a top folder `prefix/`.
pub fn zip_dir(src: &Path, dst: &Path, prefix: &str) {
    let file = std::fs::File::create(dst).unwrap();
    let mut zip = zip::ZipWriter::new(file);
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (rel, path) in list_files(src) {
        zip.start_file(format!("{prefix}{rel}"), opts).unwrap();
        zip.write_all(&std::fs::read(path).unwrap()).unwrap();
    }
    zip.finish().unwrap();
}

/// Every row of every table (incl. FTS shadow tables), as text: two equal
/// snapshots mean the database content did not change.
pub fn snapshot(ws: &Workspace) -> String {
    let conn = ws.reader();
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(|r| r.unwrap())
        .collect();
    let mut out = String::new();
    for t in tables {
        if t == "fts" {
            // virtual table: its content lives in the fts_* shadow tables.
            continue;
        }
        out.push_str(&format!("## {t}\n"));
        // The audit's times and hashes and the workspace's random salt
        // differ between two workspaces with the same content.
        let sql = match t.as_str() {
            "audit" => "SELECT action, entity FROM audit".to_string(),
            "meta" => "SELECT key FROM meta".to_string(),
            _ => format!("SELECT * FROM \"{t}\""),
        };
        let mut st = conn.prepare(&sql).unwrap();
        let n = st.column_count();
        let mut rows: Vec<String> = st
            .query_map([], |r| {
                let vals: Vec<Value> = (0..n).map(|i| r.get::<_, Value>(i).unwrap()).collect();
                Ok(format!("{vals:?}"))
            })
            .unwrap()
            .map(|r| r.unwrap())
            .collect();
        rows.sort();
        for r in rows {
            out.push_str(&r);
            out.push('\n');
        }
    }
    let v: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    out.push_str(&format!("user_version {v}\n"));
    out
}

/// Names of the files in the workspace's content store.
pub fn media_files(ws: &Workspace) -> BTreeSet<String> {
    list_files(&ws.media_dir())
        .into_iter()
        .map(|(rel, _)| rel)
        .collect()
}

pub fn count(ws: &Workspace, sql: &str) -> i64 {
    ws.reader().query_row(sql, [], |r| r.get(0)).unwrap()
}

/// A raw zip writer for entries the zip crate will not write (`..`, absolute
/// names, lying sizes): stored or pre-deflated data, honest central directory.
pub struct RawZip {
    out: Vec<u8>,
    central: Vec<u8>,
    count: u16,
}

pub struct RawEntry<'a> {
    pub name: &'a str,
    /// Already compressed (deflate) when `deflated`.
    pub data: &'a [u8],
    pub deflated: bool,
    pub uncompressed_size: u32,
    pub crc: u32,
    /// Unix mode to record (e.g. `0o120777` for a symlink).
    pub unix_mode: Option<u32>,
}

impl RawZip {
    pub fn new() -> RawZip {
        RawZip {
            out: Vec::new(),
            central: Vec::new(),
            count: 0,
        }
    }

    pub fn stored(&mut self, name: &str, data: &[u8]) {
        self.add(RawEntry {
            name,
            data,
            deflated: false,
            uncompressed_size: data.len() as u32,
            crc: crc32(data),
            unix_mode: None,
        });
    }

    pub fn add(&mut self, e: RawEntry<'_>) {
        let offset = self.out.len() as u32;
        let method: u16 = if e.deflated { 8 } else { 0 };
        let name = e.name.as_bytes();
        let mut local = Vec::new();
        local.extend_from_slice(&0x04034b50u32.to_le_bytes());
        local.extend_from_slice(&20u16.to_le_bytes()); // version needed
        local.extend_from_slice(&0x0800u16.to_le_bytes()); // utf-8 names
        local.extend_from_slice(&method.to_le_bytes());
        local.extend_from_slice(&0u16.to_le_bytes()); // time
        local.extend_from_slice(&0x21u16.to_le_bytes()); // date
        local.extend_from_slice(&e.crc.to_le_bytes());
        local.extend_from_slice(&(e.data.len() as u32).to_le_bytes());
        local.extend_from_slice(&e.uncompressed_size.to_le_bytes());
        local.extend_from_slice(&(name.len() as u16).to_le_bytes());
        local.extend_from_slice(&0u16.to_le_bytes());
        local.extend_from_slice(name);
        self.out.extend_from_slice(&local);
        self.out.extend_from_slice(e.data);

        let c = &mut self.central;
        c.extend_from_slice(&0x02014b50u32.to_le_bytes());
        let made_by: u16 = if e.unix_mode.is_some() {
            (3 << 8) | 20
        } else {
            20
        };
        c.extend_from_slice(&made_by.to_le_bytes());
        c.extend_from_slice(&20u16.to_le_bytes());
        c.extend_from_slice(&0x0800u16.to_le_bytes());
        c.extend_from_slice(&method.to_le_bytes());
        c.extend_from_slice(&0u16.to_le_bytes());
        c.extend_from_slice(&0x21u16.to_le_bytes());
        c.extend_from_slice(&e.crc.to_le_bytes());
        c.extend_from_slice(&(e.data.len() as u32).to_le_bytes());
        c.extend_from_slice(&e.uncompressed_size.to_le_bytes());
        c.extend_from_slice(&(name.len() as u16).to_le_bytes());
        c.extend_from_slice(&0u16.to_le_bytes()); // extra
        c.extend_from_slice(&0u16.to_le_bytes()); // comment
        c.extend_from_slice(&0u16.to_le_bytes()); // disk
        c.extend_from_slice(&0u16.to_le_bytes()); // internal attrs
        c.extend_from_slice(&(e.unix_mode.unwrap_or(0) << 16).to_le_bytes());
        c.extend_from_slice(&offset.to_le_bytes());
        c.extend_from_slice(name);
        self.count += 1;
    }

    pub fn finish(mut self) -> Vec<u8> {
        let cd_offset = self.out.len() as u32;
        let cd_size = self.central.len() as u32;
        self.out.extend_from_slice(&self.central);
        self.out.extend_from_slice(&0x06054b50u32.to_le_bytes());
        self.out.extend_from_slice(&0u16.to_le_bytes());
        self.out.extend_from_slice(&0u16.to_le_bytes());
        self.out.extend_from_slice(&self.count.to_le_bytes());
        self.out.extend_from_slice(&self.count.to_le_bytes());
        self.out.extend_from_slice(&cd_size.to_le_bytes());
        self.out.extend_from_slice(&cd_offset.to_le_bytes());
        self.out.extend_from_slice(&0u16.to_le_bytes());
        self.out
    }
}

pub fn crc32(data: &[u8]) -> u32 {
    let mut h = flate2::Crc::new();
    h.update(data);
    h.sum()
}

/// A raw-deflate stream of `prefix` followed by `zeros` zero bytes, built in
/// milliseconds: a 16 MiB all-zero chunk is compressed once (sync-flushed, so
/// it is byte-aligned and only refers to its own output) and repeated.
/// Returns `(stream, crc32)`; the CRC is only right for short streams (the
/// reader never gets to check it for a bomb).
pub fn deflate_zeros(prefix: &[u8], zeros: u64) -> Vec<u8> {
    use flate2::{Compress, Compression, FlushCompress};
    fn run(c: &mut Compress, input: &[u8], flush: FlushCompress) -> Vec<u8> {
        let mut out = Vec::with_capacity(input.len() / 100 + 1024);
        let mut pos = 0;
        loop {
            if out.capacity() - out.len() < 4096 {
                out.reserve(1 << 16);
            }
            let before_in = c.total_in();
            c.compress_vec(&input[pos..], &mut out, flush).unwrap();
            pos += (c.total_in() - before_in) as usize;
            if pos >= input.len() && out.capacity() > out.len() {
                break;
            }
        }
        out
    }
    const CHUNK: u64 = 16 << 20;
    let mut stream = Vec::new();
    if !prefix.is_empty() {
        let mut c = Compress::new(Compression::fast(), false);
        stream.extend(run(&mut c, prefix, FlushCompress::Sync));
    }
    let zero_chunk = vec![0u8; CHUNK as usize];
    let mut c = Compress::new(Compression::best(), false);
    let block = run(&mut c, &zero_chunk, FlushCompress::Sync);
    let mut left = zeros;
    while left >= CHUNK {
        stream.extend_from_slice(&block);
        left -= CHUNK;
    }
    let mut c = Compress::new(Compression::fast(), false);
    stream.extend(run(
        &mut c,
        &zero_chunk[..left as usize],
        FlushCompress::Finish,
    ));
    stream
}
