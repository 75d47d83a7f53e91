//! Loopback media server: the webview plays recordings and shows résumés
//! from `http://127.0.0.1:PORT/<token>/<sha256>`.
//!
//! Why: WebKitGTK's GStreamer cannot play `<video>` from Tauri's custom URI
//! schemes (tauri#3725), but plays the same file from plain loopback HTTP.
//!
//! Guarantees:
//! * bound to 127.0.0.1 on an ephemeral port, started once per launch;
//! * every URL carries a random per-launch token (32 bytes, hex); a wrong
//!   token is `403`;
//! * only hashes listed in the open workspace's `media` table are served,
//!   from the content store path computed by `store::media::path_for` (which
//!   accepts only 64 lowercase hex digits, so no path can be named); anything
//!   else is `404`;
//! * `Content-Type` is the mime recorded at import, HTTP Range requests get
//!   `206` (tower-http `ServeFile`), `nosniff`, no caching by other origins;
//! * the app's own page (and only it, by `Origin`) may read the bytes with
//!   `fetch` (CORS), which the résumé viewer (pdf.js) needs;
//! * in an encrypted workspace (F54) the file is read through the
//!   decrypting reader: a Range request seeks it (one 64 KiB chunk
//!   decrypted per seek), `Content-Length`/`Content-Range` count plaintext
//!   bytes, and nothing decrypted is written to disk. One response carries
//!   at most [`MAX_DECRYPTED_RESPONSE`] bytes (a longer range is answered
//!   with its first part as `206`, and the player asks for the rest).

use std::path::PathBuf;
use std::sync::{Arc, RwLock};

use axum::body::Body;
use axum::extract::{Path, State};
use axum::http::{header, HeaderValue, Request, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use shortlist_core::store::media::path_for;
use shortlist_core::Workspace;
use tower::ServiceExt;
use tower_http::services::ServeFile;

/// The workspace currently open in the app (None while opening).
pub type SharedWorkspace = Arc<RwLock<Option<Arc<Workspace>>>>;

#[derive(Clone)]
struct ServerState {
    token: Arc<str>,
    workspace: SharedWorkspace,
}

/// A running media server.
#[derive(Debug, Clone)]
pub struct MediaServer {
    pub port: u16,
    pub token: String,
}

impl MediaServer {
    /// `http://127.0.0.1:PORT` — what CSP `media-src` allows.
    pub fn origin(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// Prefix of every media URL: `http://127.0.0.1:PORT/<token>`.
    pub fn base_url(&self) -> String {
        format!("{}/{}", self.origin(), self.token)
    }
}

/// 32 random bytes as hex.
pub fn new_token() -> String {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).expect("the OS random source is available");
    hex::encode(bytes)
}

/// Origins of the app's own page: `tauri://localhost` (Linux, macOS) and
/// `http(s)://tauri.localhost` (Windows). Only these get CORS read access.
const APP_ORIGINS: &[&str] = &[
    "tauri://localhost",
    "http://tauri.localhost",
    "https://tauri.localhost",
];

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// The router, separate from binding so tests can drive it directly.
pub fn router(token: &str, workspace: SharedWorkspace) -> Router {
    let state = ServerState {
        token: Arc::from(token),
        workspace,
    };
    Router::new()
        .route("/{token}/{hash}", get(serve_media).head(serve_media))
        .fallback(|| async { StatusCode::NOT_FOUND })
        .with_state(state)
}

/// Bind 127.0.0.1:0 and serve on the current tokio runtime.
pub async fn start(workspace: SharedWorkspace) -> std::io::Result<MediaServer> {
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", 0)).await?;
    let port = listener.local_addr()?.port();
    let token = new_token();
    let app = router(&token, workspace);
    tokio::spawn(async move {
        if let Err(e) = axum::serve(listener, app).await {
            eprintln!("shortlist: media server stopped: {e}");
        }
    });
    Ok(MediaServer { port, token })
}

/// Where the bytes of `hash` are and their mime, if the open workspace has them.
pub(crate) fn lookup(ws: &Workspace, hash: &str) -> Option<(PathBuf, String)> {
    let path = path_for(&ws.media_dir(), hash)?;
    let mime: String = ws
        .reader()
        .query_row("SELECT mime FROM media WHERE hash = ?1", [hash], |r| {
            r.get(0)
        })
        .ok()?;
    path.is_file().then_some((path, mime))
}

async fn serve_media(
    State(state): State<ServerState>,
    Path((token, hash)): Path<(String, String)>,
    req: Request<Body>,
) -> Response {
    if !constant_time_eq(token.as_bytes(), state.token.as_bytes()) {
        return StatusCode::FORBIDDEN.into_response();
    }
    let ws = state
        .workspace
        .read()
        .unwrap_or_else(|p| p.into_inner())
        .clone();
    let Some(ws) = ws else {
        return StatusCode::NOT_FOUND.into_response();
    };
    if ws.is_encrypted() {
        let range = req
            .headers()
            .get(header::RANGE)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned);
        let head = req.method() == axum::http::Method::HEAD;
        return tokio::task::spawn_blocking(move || serve_decrypted(&ws, &hash, range, head))
            .await
            .unwrap_or_else(|_| StatusCode::INTERNAL_SERVER_ERROR.into_response());
    }
    let found = tokio::task::spawn_blocking(move || lookup(&ws, &hash))
        .await
        .ok()
        .flatten();
    let Some((path, mime)) = found else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let mime: mime::Mime = mime.parse().unwrap_or(mime::APPLICATION_OCTET_STREAM);
    let app_origin = req
        .headers()
        .get(header::ORIGIN)
        .filter(|o| APP_ORIGINS.iter().any(|a| o.as_bytes() == a.as_bytes()))
        .cloned();
    match ServeFile::new_with_mime(path, &mime).oneshot(req).await {
        Ok(resp) => {
            let mut resp = resp.map(Body::new).into_response();
            let h = resp.headers_mut();
            h.insert(
                header::X_CONTENT_TYPE_OPTIONS,
                HeaderValue::from_static("nosniff"),
            );
            // Recordings are never cached: a workspace switch or re-import can
            // change what a URL serves, and nothing of a candidate's
            // recording should outlive the session in the webview's cache.
            h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
            h.insert(header::VARY, HeaderValue::from_static("Origin"));
            if let Some(origin) = app_origin {
                h.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, origin);
            }
            resp
        }
        Err(e) => {
            eprintln!("shortlist: media server: {e}");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}

/// Most plaintext bytes one response of an encrypted workspace carries.
pub const MAX_DECRYPTED_RESPONSE: u64 = 8 << 20;

/// A `Range: bytes=…` header against a file of `len` bytes: the first
/// range as `[start, end]` (inclusive), `Err(())` when unsatisfiable, `None`
/// when absent or not a byte range (the whole file is sent).
fn parse_range(header: Option<&str>, len: u64) -> Option<Result<(u64, u64), ()>> {
    let spec = header?.trim().strip_prefix("bytes=")?;
    let first = spec.split(',').next()?.trim();
    let (a, b) = first.split_once('-')?;
    let (a, b) = (a.trim(), b.trim());
    Some(if a.is_empty() {
        // Suffix: the last N bytes.
        match b.parse::<u64>() {
            Ok(0) | Err(_) => Err(()),
            Ok(_) if len == 0 => Err(()),
            Ok(n) => Ok((len.saturating_sub(n), len - 1)),
        }
    } else {
        match (a.parse::<u64>(), b) {
            (Ok(s), _) if s >= len => Err(()),
            (Ok(s), "") => Ok((s, len - 1)),
            (Ok(s), b) => match b.parse::<u64>() {
                Ok(e) if e >= s => Ok((s, e.min(len - 1))),
                _ => Err(()),
            },
            (Err(_), _) => return None,
        }
    })
}

fn headers(mut resp: Response, mime: &str) -> Response {
    let h = resp.headers_mut();
    if let Ok(v) = HeaderValue::from_str(mime) {
        h.insert(header::CONTENT_TYPE, v);
    }
    h.insert(header::ACCEPT_RANGES, HeaderValue::from_static("bytes"));
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    resp
}

/// Serves `hash` of an encrypted workspace through the decrypting reader.
fn serve_decrypted(ws: &Workspace, hash: &str, range: Option<String>, head: bool) -> Response {
    use std::io::{Read, Seek, SeekFrom};
    let Some((path, mime)) = lookup(ws, hash) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let mut reader = match ws.open_media_path(&path) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("shortlist: media server: {}: {e}", path.display());
            return StatusCode::INTERNAL_SERVER_ERROR.into_response();
        }
    };
    let len = reader.len();
    let (status, start, end) = match parse_range(range.as_deref(), len) {
        Some(Err(())) => {
            let mut resp = StatusCode::RANGE_NOT_SATISFIABLE.into_response();
            if let Ok(v) = HeaderValue::from_str(&format!("bytes */{len}")) {
                resp.headers_mut().insert(header::CONTENT_RANGE, v);
            }
            return headers(resp, &mime);
        }
        Some(Ok((s, e))) => (StatusCode::PARTIAL_CONTENT, s, e),
        None if len == 0 => (StatusCode::OK, 0, 0),
        None if len > MAX_DECRYPTED_RESPONSE => (StatusCode::PARTIAL_CONTENT, 0, len - 1),
        None => (StatusCode::OK, 0, len - 1),
    };
    // At most MAX_DECRYPTED_RESPONSE bytes per response.
    let end = if len == 0 {
        0
    } else {
        end.min(start + MAX_DECRYPTED_RESPONSE - 1)
    };
    let n = if len == 0 { 0 } else { end - start + 1 };
    let mut body = Vec::new();
    if !head && n > 0 {
        body = vec![0u8; n as usize];
        if let Err(e) = reader
            .seek(SeekFrom::Start(start))
            .and_then(|_| reader.read_exact(&mut body))
        {
            eprintln!("shortlist: media server: {}: {e}", path.display());
            return StatusCode::INTERNAL_SERVER_ERROR.into_response();
        }
    }
    let mut resp = Response::new(Body::from(body));
    *resp.status_mut() = status;
    let h = resp.headers_mut();
    h.insert(header::CONTENT_LENGTH, HeaderValue::from(n));
    if status == StatusCode::PARTIAL_CONTENT {
        if let Ok(v) = HeaderValue::from_str(&format!("bytes {start}-{end}/{len}")) {
            h.insert(header::CONTENT_RANGE, v);
        }
    }
    headers(resp, &mime)
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::Request;

    struct Fixture {
        _dir: tempfile::TempDir,
        shared: SharedWorkspace,
        hash: String,
        bytes: Vec<u8>,
        unlisted: String,
    }

    fn fixture() -> Fixture {
        let dir = tempfile::tempdir().unwrap();
        let ws = Workspace::open(dir.path()).unwrap();
        let bytes: Vec<u8> = (0..10_000u32).map(|i| (i % 251) as u8).collect();
        let (hash, size) =
            shortlist_core::store::media::put_reader(&ws.media_dir(), &bytes[..], 1 << 20).unwrap();
        ws.writer()
            .execute(
                "INSERT INTO media(hash, mime, size, added_at) VALUES (?1, 'video/webm', ?2, 0)",
                rusqlite_params(&hash, size),
            )
            .unwrap();
        // A file in the store that the media table does not list.
        let (unlisted, _) =
            shortlist_core::store::media::put_reader(&ws.media_dir(), &b"secret"[..], 1 << 20)
                .unwrap();
        Fixture {
            _dir: dir,
            shared: Arc::new(RwLock::new(Some(Arc::new(ws)))),
            hash,
            bytes,
            unlisted,
        }
    }

    fn rusqlite_params(hash: &str, size: u64) -> (String, i64) {
        (hash.to_string(), size as i64)
    }

    async fn get(
        app: &Router,
        uri: &str,
        range: Option<&str>,
    ) -> (StatusCode, axum::http::HeaderMap, Vec<u8>) {
        let mut req = Request::builder().uri(uri);
        if let Some(r) = range {
            req = req.header(header::RANGE, r);
        }
        let resp = app
            .clone()
            .oneshot(req.body(Body::empty()).unwrap())
            .await
            .unwrap();
        let status = resp.status();
        let headers = resp.headers().clone();
        let body = axum::body::to_bytes(resp.into_body(), usize::MAX)
            .await
            .unwrap()
            .to_vec();
        (status, headers, body)
    }

    #[tokio::test]
    async fn full_file_with_recorded_mime() {
        let f = fixture();
        let app = router("tok", f.shared.clone());
        let (status, headers, body) = get(&app, &format!("/tok/{}", f.hash), None).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(headers[header::CONTENT_TYPE], "video/webm");
        assert_eq!(headers[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
        assert_eq!(headers[header::CACHE_CONTROL], "no-store");
        assert_eq!(body, f.bytes);
    }

    #[tokio::test]
    async fn range_request_returns_206_with_those_bytes() {
        let f = fixture();
        let app = router("tok", f.shared.clone());
        let (status, headers, body) =
            get(&app, &format!("/tok/{}", f.hash), Some("bytes=1000-1999")).await;
        assert_eq!(status, StatusCode::PARTIAL_CONTENT);
        assert_eq!(headers[header::CONTENT_RANGE], "bytes 1000-1999/10000");
        assert_eq!(headers[header::CACHE_CONTROL], "no-store");
        assert_eq!(body, &f.bytes[1000..2000]);
        let (status, _, body) = get(&app, &format!("/tok/{}", f.hash), Some("bytes=9990-")).await;
        assert_eq!(status, StatusCode::PARTIAL_CONTENT);
        assert_eq!(body, &f.bytes[9990..]);
    }

    #[tokio::test]
    async fn only_the_app_origin_may_read_with_fetch() {
        let f = fixture();
        let app = router("tok", f.shared.clone());
        for (origin, allowed) in [
            (Some("tauri://localhost"), true),
            (Some("http://tauri.localhost"), true),
            (Some("http://evil.example"), false),
            (Some("null"), false),
            (None, false),
        ] {
            let mut req = Request::builder().uri(format!("/tok/{}", f.hash));
            if let Some(o) = origin {
                req = req.header(header::ORIGIN, o);
            }
            let resp = app
                .clone()
                .oneshot(req.body(Body::empty()).unwrap())
                .await
                .unwrap();
            assert_eq!(resp.status(), StatusCode::OK);
            let acao = resp.headers().get(header::ACCESS_CONTROL_ALLOW_ORIGIN);
            if allowed {
                assert_eq!(acao.unwrap(), origin.unwrap(), "{origin:?}");
            } else {
                assert!(acao.is_none(), "{origin:?} got {acao:?}");
            }
            assert_eq!(resp.headers()[header::VARY], "Origin");
        }
    }

    #[tokio::test]
    async fn wrong_token_is_403() {
        let f = fixture();
        let app = router("tok", f.shared.clone());
        let (status, _, body) = get(&app, &format!("/tok2/{}", f.hash), None).await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        assert!(body.is_empty());
        let (status, _, _) = get(&app, &format!("/to/{}", f.hash), None).await;
        assert_eq!(status, StatusCode::FORBIDDEN);
    }

    #[tokio::test]
    async fn unknown_or_unlisted_hash_is_404() {
        let f = fixture();
        let app = router("tok", f.shared.clone());
        let zeros = "0".repeat(64);
        assert_eq!(
            get(&app, &format!("/tok/{zeros}"), None).await.0,
            StatusCode::NOT_FOUND
        );
        // present in media/ but not in the workspace's media table
        assert_eq!(
            get(&app, &format!("/tok/{}", f.unlisted), None).await.0,
            StatusCode::NOT_FOUND
        );
        // upper-case spelling of a listed hash is not a valid name
        assert_eq!(
            get(&app, &format!("/tok/{}", f.hash.to_uppercase()), None)
                .await
                .0,
            StatusCode::NOT_FOUND
        );
    }

    #[tokio::test]
    async fn path_traversal_is_impossible() {
        let f = fixture();
        let app = router("tok", f.shared.clone());
        for uri in [
            "/tok/..%2F..%2Fworkspace.db".to_string(),
            "/tok/%2e%2e%2fworkspace.db".to_string(),
            "/tok/../workspace.db".to_string(),
            format!("/tok/{}%2F..%2F..%2Fworkspace.db", f.hash),
            format!("/tok/{}/extra", f.hash),
            "/tok/workspace.db".to_string(),
            "/tok".to_string(),
            "/".to_string(),
        ] {
            let (status, _, _) = get(&app, &uri, None).await;
            assert!(
                status == StatusCode::NOT_FOUND || status == StatusCode::BAD_REQUEST,
                "{uri} gave {status}"
            );
        }
    }

    #[tokio::test]
    async fn no_workspace_open_is_404() {
        let app = router("tok", Arc::new(RwLock::new(None)));
        let zeros = "a".repeat(64);
        assert_eq!(
            get(&app, &format!("/tok/{zeros}"), None).await.0,
            StatusCode::NOT_FOUND
        );
    }

    #[tokio::test]
    async fn served_over_real_loopback_socket() {
        let f = fixture();
        let server = start(f.shared.clone()).await.unwrap();
        assert!(server.origin().starts_with("http://127.0.0.1:"));
        assert_eq!(server.token.len(), 64);
        // plain HTTP/1.1 over TCP, no client crate needed
        use tokio::io::{AsyncReadExt, AsyncWriteExt};
        let mut s = tokio::net::TcpStream::connect(("127.0.0.1", server.port))
            .await
            .unwrap();
        let req = format!(
            "GET /{}/{} HTTP/1.1\r\nHost: x\r\nRange: bytes=0-9\r\nConnection: close\r\n\r\n",
            server.token, f.hash
        );
        s.write_all(req.as_bytes()).await.unwrap();
        let mut out = Vec::new();
        s.read_to_end(&mut out).await.unwrap();
        let text = String::from_utf8_lossy(&out);
        assert!(text.starts_with("HTTP/1.1 206"), "{text}");
        assert!(
            text.to_ascii_lowercase()
                .contains("\r\ncache-control: no-store\r\n"),
            "{text}"
        );
        assert!(out.ends_with(&f.bytes[..10]));
    }
}

/// An encrypted workspace (F54): the recording is ciphertext on disk and
/// the server answers Range requests with the plaintext's bytes.
#[cfg(test)]
mod encrypted_tests {
    use super::*;
    use shortlist_core::store::crypt::{self, KdfParams, NewKey};

    const PASS: &str = "media server passphrase";

    #[tokio::test]
    async fn range_requests_seek_the_decrypting_reader() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("ws");
        drop(Workspace::open(&root).unwrap());
        let fast = KdfParams {
            memory_kib: KdfParams::MIN_MEMORY_KIB,
            iterations: 1,
            parallelism: 1,
        };
        crypt::encrypt_workspace(&root, NewKey::Passphrase(PASS, fast)).unwrap();
        let ws = Workspace::open_with_passphrase(&root, Some(PASS)).unwrap();
        let bundle =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/good-bundle");
        shortlist_core::import::import_path(&ws, &bundle, &|_| {}).unwrap();
        let original = std::fs::read(bundle.join("media/I001/video.webm")).unwrap();
        let hash: String = ws
            .reader()
            .query_row(
                "SELECT hash FROM candidate_media WHERE interview_id = 'I001' AND kind = 'video'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        let on_disk = std::fs::read(path_for(&ws.media_dir(), &hash).unwrap()).unwrap();
        assert_ne!(on_disk, original, "the recording is not encrypted on disk");
        let len = original.len();
        let shared: SharedWorkspace = Arc::new(RwLock::new(Some(Arc::new(ws))));
        let app = router("tok", shared);
        let uri = format!("/tok/{hash}");
        let get = |range: Option<String>| {
            let app = app.clone();
            let uri = uri.clone();
            async move {
                let mut req = Request::builder().uri(uri);
                if let Some(r) = range {
                    req = req.header(header::RANGE, r);
                }
                let resp = app.oneshot(req.body(Body::empty()).unwrap()).await.unwrap();
                let status = resp.status();
                let headers = resp.headers().clone();
                let body = axum::body::to_bytes(resp.into_body(), usize::MAX)
                    .await
                    .unwrap()
                    .to_vec();
                (status, headers, body)
            }
        };
        use axum::http::Request;

        // The whole file: 200, plaintext length, the bundle's bytes.
        let (status, h, body) = get(None).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(h[header::CONTENT_LENGTH], len.to_string().as_str());
        assert_eq!(h[header::CONTENT_TYPE], "video/webm");
        assert_eq!(h[header::CACHE_CONTROL], "no-store");
        assert_eq!(body, original);

        // Ranges: inside, open-ended, suffix; each equals the plaintext slice.
        let mid = len / 2;
        for (range, from, to) in [
            (format!("bytes={}-{}", mid, mid + 99), mid, mid + 100),
            (format!("bytes={}-", len - 10), len - 10, len),
            ("bytes=-7".to_string(), len - 7, len),
            ("bytes=0-0".to_string(), 0, 1),
        ] {
            let (status, h, body) = get(Some(range.clone())).await;
            assert_eq!(status, StatusCode::PARTIAL_CONTENT, "{range}");
            assert_eq!(
                h[header::CONTENT_RANGE],
                format!("bytes {}-{}/{len}", from, to - 1).as_str(),
                "{range}"
            );
            assert_eq!(
                h[header::CONTENT_LENGTH],
                (to - from).to_string().as_str(),
                "{range}"
            );
            assert_eq!(body, &original[from..to], "{range}");
        }
        // Past the end: 416 naming the plaintext length.
        let (status, h, _) = get(Some(format!("bytes={len}-"))).await;
        assert_eq!(status, StatusCode::RANGE_NOT_SATISFIABLE);
        assert_eq!(h[header::CONTENT_RANGE], format!("bytes */{len}").as_str());
    }

    #[test]
    fn ranges_parse() {
        assert_eq!(parse_range(None, 10), None);
        assert_eq!(parse_range(Some("bytes=2-4"), 10), Some(Ok((2, 4))));
        assert_eq!(parse_range(Some("bytes=2-40"), 10), Some(Ok((2, 9))));
        assert_eq!(parse_range(Some("bytes=-3"), 10), Some(Ok((7, 9))));
        assert_eq!(parse_range(Some("bytes=-30"), 10), Some(Ok((0, 9))));
        assert_eq!(parse_range(Some("bytes=10-"), 10), Some(Err(())));
        assert_eq!(parse_range(Some("bytes=5-2"), 10), Some(Err(())));
        assert_eq!(parse_range(Some("items=1-2"), 10), None);
    }
}
