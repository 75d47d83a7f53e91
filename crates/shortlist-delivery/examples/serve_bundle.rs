//! Serve a HeyMilo export bundle folder (SPEC F4 layout) as HeyMilo's API on
//! loopback, so that `shortlist sync` can be timed against it at any size
//! (`scripts/bench-scale.sh`, docs/benchmarks.md "Scaling table"):
//!
//!   cargo build -p shortlist-delivery --release --example serve_bundle
//!   target/release/examples/serve_bundle BUNDLE_DIR API_KEY
//!
//! Prints `http://127.0.0.1:PORT` on the first line of stdout once it
//! listens, then serves until killed. Answers:
//!
//! * `GET /api/v2/postings` — every `postings/*.json` document's `data`;
//! * `GET /api/v2/postings/{id}/candidates` — the items of
//!   `candidates/{id}.json`, `{id}.2.json`, … in file order, paged by
//!   `limit` and `starting_after` (cursor: `interview_id`);
//! * `GET /api/v2/interviews/{id}/data` — `interviews/{id}.json` as stored;
//!
//! each with `X-API-KEY` checked, 404 otherwise. HTTP/1.1 with keep-alive,
//! one thread per connection: the client's connection pool is used as it
//! would be against the real API. Nothing but loopback is bound.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde_json::{json, Value};

struct Bundle {
    dir: PathBuf,
    key: String,
    postings: Value,
    /// posting id → its candidate list items, and interview id → position.
    candidates: HashMap<String, (Vec<Value>, HashMap<String, usize>)>,
}

fn read_json(path: &Path) -> Value {
    let bytes = std::fs::read(path)
        .unwrap_or_else(|e| panic!("serve_bundle: cannot read {}: {e}", path.display()));
    serde_json::from_slice(&bytes)
        .unwrap_or_else(|e| panic!("serve_bundle: {} is not JSON: {e}", path.display()))
}

fn sorted_files(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("serve_bundle: cannot list {}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    v.sort();
    v
}

/// `P0.json` → ("P0", 1), `P0.12.json` → ("P0", 12): a posting's pages in
/// numeric order.
fn page_of(file: &Path) -> (String, u32) {
    let stem = file.file_stem().unwrap().to_string_lossy().into_owned();
    match stem.rsplit_once('.') {
        Some((id, n)) if n.parse::<u32>().is_ok() => (id.to_string(), n.parse().unwrap()),
        _ => (stem, 1),
    }
}

fn load(dir: &Path, key: String) -> Bundle {
    let postings: Vec<Value> = sorted_files(&dir.join("postings"))
        .iter()
        .map(|p| read_json(p)["data"].clone())
        .collect();
    let mut pages: Vec<(String, u32, PathBuf)> = sorted_files(&dir.join("candidates"))
        .into_iter()
        .map(|p| {
            let (id, n) = page_of(&p);
            (id, n, p)
        })
        .collect();
    pages.sort();
    let mut candidates: HashMap<String, (Vec<Value>, HashMap<String, usize>)> = HashMap::new();
    for (id, _, path) in pages {
        let entry = candidates.entry(id).or_default();
        if let Value::Array(items) = read_json(&path)["data"].take() {
            for item in items {
                if let Some(iid) = item["interview_id"].as_str() {
                    entry.1.insert(iid.to_string(), entry.0.len());
                }
                entry.0.push(item);
            }
        }
    }
    Bundle {
        dir: dir.to_path_buf(),
        key,
        postings: json!({"data": postings, "pagination": {"has_more": false}}),
        candidates,
    }
}

fn decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < b.len() => {
                out.push(u8::from_str_radix(&s[i + 1..i + 3], 16).unwrap_or(b'?'));
                i += 2;
            }
            c => out.push(c),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn not_found() -> (u16, Vec<u8>) {
    (
        404,
        json!({"error": {"type": "not_found", "code": "not_found", "message": "not in the bundle"}})
            .to_string()
            .into_bytes(),
    )
}

fn answer(b: &Bundle, path: &str, query: &HashMap<String, String>) -> (u16, Vec<u8>) {
    if path == "/api/v2/postings" {
        return (200, b.postings.to_string().into_bytes());
    }
    if let Some(id) = path
        .strip_prefix("/api/v2/postings/")
        .and_then(|r| r.strip_suffix("/candidates"))
    {
        let Some((items, pos)) = b.candidates.get(id) else {
            return not_found();
        };
        let limit: usize = query
            .get("limit")
            .and_then(|l| l.parse().ok())
            .unwrap_or(20);
        let start = match query.get("starting_after") {
            Some(a) => pos.get(a).map_or(items.len(), |p| p + 1),
            None => 0,
        };
        let end = (start + limit).min(items.len());
        let doc = json!({"data": &items[start..end],
            "pagination": {"has_more": end < items.len(), "total_count": items.len()}});
        return (200, doc.to_string().into_bytes());
    }
    if let Some(id) = path
        .strip_prefix("/api/v2/interviews/")
        .and_then(|r| r.strip_suffix("/data"))
    {
        if id.contains('/') || id.contains("..") || id.is_empty() {
            return not_found();
        }
        return match std::fs::read(b.dir.join("interviews").join(format!("{id}.json"))) {
            Ok(bytes) => (200, bytes),
            Err(_) => not_found(),
        };
    }
    not_found()
}

/// Serve requests on one connection until the client closes it.
fn serve(b: &Bundle, stream: TcpStream) -> std::io::Result<()> {
    stream.set_nodelay(true)?;
    let mut rd = BufReader::new(stream.try_clone()?);
    let mut wr = std::io::BufWriter::new(stream);
    loop {
        let mut line = String::new();
        if rd.read_line(&mut line)? == 0 {
            return Ok(());
        }
        let mut parts = line.split_whitespace();
        let _method = parts.next().unwrap_or("");
        let target = parts.next().unwrap_or("").to_string();
        let mut headers: HashMap<String, String> = HashMap::new();
        loop {
            let mut h = String::new();
            if rd.read_line(&mut h)? == 0 {
                return Ok(());
            }
            let h = h.trim_end();
            if h.is_empty() {
                break;
            }
            if let Some((k, v)) = h.split_once(':') {
                headers.insert(k.trim().to_ascii_lowercase(), v.trim().to_string());
            }
        }
        let len: usize = headers
            .get("content-length")
            .and_then(|v| v.parse().ok())
            .unwrap_or(0);
        std::io::copy(&mut (&mut rd).take(len as u64), &mut std::io::sink())?;
        let (path, q) = target.split_once('?').unwrap_or((&target, ""));
        let query: HashMap<String, String> = q
            .split('&')
            .filter(|p| !p.is_empty())
            .map(|p| {
                let (k, v) = p.split_once('=').unwrap_or((p, ""));
                (decode(k), decode(v))
            })
            .collect();
        let (status, body) = if headers.get("x-api-key") != Some(&b.key) {
            (
                401,
                json!({"error": {"type": "auth", "code": "invalid_api_key", "message": "Invalid API key"}})
                    .to_string()
                    .into_bytes(),
            )
        } else {
            answer(b, &decode(path), &query)
        };
        let close = headers
            .get("connection")
            .is_some_and(|c| c.eq_ignore_ascii_case("close"));
        write!(
            wr,
            "HTTP/1.1 {status} {}\r\nContent-Type: application/json\r\nContent-Length: {}\r\n{}\r\n",
            if status == 200 { "OK" } else { "Error" },
            body.len(),
            if close { "Connection: close\r\n" } else { "" }
        )?;
        wr.write_all(&body)?;
        wr.flush()?;
        if close {
            return Ok(());
        }
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(dir), Some(key)) = (args.first(), args.get(1)) else {
        eprintln!("usage: serve_bundle BUNDLE_DIR API_KEY");
        std::process::exit(2);
    };
    let bundle = Arc::new(load(Path::new(dir), key.clone()));
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind a loopback port");
    println!("http://{}", listener.local_addr().unwrap());
    std::io::stdout().flush().unwrap();
    for stream in listener.incoming() {
        let Ok(stream) = stream else { continue };
        let b = bundle.clone();
        std::thread::spawn(move || {
            let _ = serve(&b, stream);
        });
    }
}
