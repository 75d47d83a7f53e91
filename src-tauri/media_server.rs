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
//!   `fetch` (CORS), which the résumé viewer (pdf.js) needs.

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
