//! The commands as the webview calls them: through Tauri's IPC with the
//! mock runtime, the app's real context (capabilities and app manifest, so a
//! command missing from `capabilities/` fails here too) and a demo workspace.

use std::sync::{Arc, OnceLock, RwLock};

use serde_json::{json, Value};
use tauri::ipc::{CallbackFn, InvokeBody};
use tauri::test::{get_ipc_response, mock_builder, MockRuntime, INVOKE_KEY};
use tauri::webview::InvokeRequest;
use tauri::{WebviewWindow, WebviewWindowBuilder};

use crate::media_server::SharedWorkspace;
use crate::playback::NativeAudio;
use crate::state::{AppState, OpenState};

struct Fixture {
    _dir: tempfile::TempDir,
    _app: tauri::App<MockRuntime>,
    window: WebviewWindow<MockRuntime>,
}

// One app and one demo workspace for every test: the demo import is the slow
// part. Tests that write (decide + undo) put back what they change.
fn fixture() -> &'static std::sync::Mutex<Fixture> {
    static F: OnceLock<std::sync::Mutex<Fixture>> = OnceLock::new();
    F.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let ws = shortlist_core::Workspace::open(dir.path().join("ws")).unwrap();
        shortlist_core::demo::load_demo(&ws).unwrap();
        let path = ws.root().display().to_string();
        let shared: SharedWorkspace = Arc::new(RwLock::new(Some(Arc::new(ws))));
        let media =
            tauri::async_runtime::block_on(crate::media_server::start(shared.clone())).unwrap();
        let (open, _) = tokio::sync::watch::channel(OpenState::Ready {
            path,
            demo_loaded: true,
        });
        let app = mock_builder()
            .invoke_handler(crate::commands::handler())
            .manage(AppState {
                workspace: shared,
                open,
                media,
                audio: Arc::new(NativeAudio::start(|_| {})),
                // No recent list: tests must not touch the user's config.
                recent_file: None,
                session_key: Default::default(),
            })
            .build(tauri::generate_context!())
            .unwrap();
        let window = WebviewWindowBuilder::new(&app, "main", Default::default())
            .build()
            .unwrap();
        std::sync::Mutex::new(Fixture {
            _dir: dir,
            _app: app,
            window,
        })
    })
}

fn invoke(window: &WebviewWindow<MockRuntime>, cmd: &str, args: Value) -> Result<Value, Value> {
    invoke_from(window, "tauri://localhost", cmd, args)
}

fn invoke_from(
    window: &WebviewWindow<MockRuntime>,
    origin: &str,
    cmd: &str,
    args: Value,
) -> Result<Value, Value> {
    get_ipc_response(
        window,
        InvokeRequest {
            cmd: cmd.into(),
            callback: CallbackFn(0),
            error: CallbackFn(1),
            url: origin.parse().unwrap(),
            body: InvokeBody::Json(args),
            headers: Default::default(),
            invoke_key: INVOKE_KEY.to_string(),
        },
    )
    .map(|b| b.deserialize::<Value>().unwrap())
}

fn call(cmd: &str, args: Value) -> Result<Value, Value> {
    let f = fixture().lock().unwrap_or_else(|p| p.into_inner());
    invoke(&f.window, cmd, args)
}

/// The best-scored candidate whose radar has a chart (3+ scored questions).
fn first_candidate_with_scorecard() -> (String, String) {
    let page = call(
        "list_candidates",
        json!({ "query": { "sort": "video_score", "descending": true, "limit": 20 } }),
    )
    .unwrap();
    for row in page["rows"].as_array().unwrap() {
        let id = row["interview_id"].as_str().unwrap();
        let r = call("candidate_radar", json!({ "interviewId": id })).unwrap();
        if !r["chart"].is_null() {
            return (
                id.to_string(),
                row["posting_id"].as_str().unwrap().to_string(),
            );
        }
    }
    panic!("no demo candidate with a radar among the top 20 by video score");
}

#[test]
fn list_interviewers_and_candidates() {
    let its = call("list_interviewers", json!({})).unwrap();
    let its = its.as_array().unwrap();
    assert!(its.len() >= 3, "{its:?}");
    let busy = its
        .iter()
        .find(|i| i["counts"]["total"].as_u64().unwrap_or(0) > 0)
        .expect("an interviewer with candidates");
    let posting = busy["id"].as_str().unwrap();
    let page = call(
        "list_candidates",
        json!({ "query": { "posting_id": posting, "limit": 10 } }),
    )
    .unwrap();
    let rows = page["rows"].as_array().unwrap();
    assert!(!rows.is_empty() && rows.len() <= 10);
    assert!(rows.iter().all(|r| r["posting_id"] == posting));
    assert!(page["total"].as_u64().unwrap() >= rows.len() as u64);
    // The page size is capped whatever the UI asks for.
    let all = call("list_candidates", json!({ "query": { "limit": 0 } })).unwrap();
    assert!(all["rows"].as_array().unwrap().len() <= crate::commands::review::MAX_PAGE as usize);
}

#[test]
fn detail_and_radar_with_hotspots() {
    let (id, posting) = first_candidate_with_scorecard();
    let d = call("candidate_detail", json!({ "interviewId": id })).unwrap();
    assert_eq!(d["row"]["interview_id"], id.as_str());
    assert_eq!(d["posting"]["id"], posting.as_str());
    let r = call("candidate_radar", json!({ "interviewId": id })).unwrap();
    let axes = r["comparison"]["axes"].as_array().unwrap();
    let chart = &r["chart"];
    assert!(chart["svg"].as_str().unwrap().starts_with("<svg"));
    let hs = chart["hotspots"].as_array().unwrap();
    assert_eq!(hs.len(), axes.len());
    let (w, h) = (
        chart["width"].as_f64().unwrap(),
        chart["height"].as_f64().unwrap(),
    );
    for (p, a) in hs.iter().zip(axes) {
        assert_eq!(p["question_id"], a["question_id"]);
        assert_eq!(p["candidate_pct"], a["candidate_pct"]);
        assert_eq!(p["relative_pct"], a["delta_pct"]);
        let (x, y) = (p["x"].as_f64().unwrap(), p["y"].as_f64().unwrap());
        assert!((0.0..=w).contains(&x) && (0.0..=h).contains(&y));
    }
}

#[test]
fn decide_then_undo_restores_the_status() {
    let (id, _) = first_candidate_with_scorecard();
    let before =
        call("candidate_detail", json!({ "interviewId": id })).unwrap()["row"]["status"].clone();
    let decision = if before == "shortlisted" {
        "dismissed"
    } else {
        "shortlisted"
    };
    let change = call(
        "set_decision",
        json!({ "interviewIds": [id], "decision": decision }),
    )
    .unwrap();
    let after = call("candidate_detail", json!({ "interviewId": id })).unwrap();
    assert_eq!(after["row"]["status"], decision);
    assert_ne!(after["row"]["status"], before);
    call("undo_decision", json!({ "change": change })).unwrap();
    let undone = call("candidate_detail", json!({ "interviewId": id })).unwrap();
    assert_eq!(undone["row"]["status"], before);
}

#[test]
fn errors_reach_the_ui_as_code_and_message() {
    let e = call(
        "candidate_detail",
        json!({ "interviewId": "int_does_not_exist" }),
    )
    .unwrap_err();
    assert_eq!(e["code"], "not_found_interview", "{e}");
    assert!(
        e["message"]
            .as_str()
            .unwrap()
            .contains("int_does_not_exist"),
        "the message names the record: {e}"
    );
    let e = call(
        "set_decision",
        json!({ "interviewIds": [], "decision": "shortlisted" }),
    )
    .unwrap_err();
    assert_eq!(
        e,
        json!({ "code": "invalid_argument", "message": "no candidate selected" })
    );
    let e = call("compare_candidates", json!({ "interviewIds": ["a"] })).unwrap_err();
    assert_eq!(e["code"], "invalid_argument");
    let e = call("get_setting", json!({ "key": "smtp.password" })).unwrap_err();
    assert_eq!(e["code"], "invalid_argument");
    // Arguments that do not deserialize are rejected by Tauri before the command.
    assert!(call(
        "set_decision",
        json!({ "interviewIds": [], "decision": "hired" })
    )
    .is_err());
}

#[test]
fn only_declared_commands_are_reachable() {
    let e = call("no_such_command", json!({})).unwrap_err();
    assert!(e.to_string().contains("no_such_command"), "{e}");
}

#[test]
fn remote_pages_cannot_call_commands() {
    // The capability grants the app's own pages only: a page from another
    // origin in the same window is refused before the command runs.
    let f = fixture().lock().unwrap_or_else(|p| p.into_inner());
    let e = invoke_from(
        &f.window,
        "https://example.com",
        "list_interviewers",
        json!({}),
    )
    .unwrap_err();
    assert!(e.to_string().contains("not allowed"), "{e}");
}

#[test]
fn notification_threshold_default_and_per_interviewer() {
    let its = call("list_interviewers", json!({})).unwrap();
    let posting = its[0]["id"].as_str().unwrap().to_string();
    let default = call("notification_threshold", json!({})).unwrap();
    assert_eq!(default["per_interviewer"], false, "{default}");
    let d = default["value"].as_f64().unwrap();
    assert_eq!(default["default"].as_f64().unwrap(), d);

    let own = call(
        "set_notification_threshold",
        json!({ "postingId": posting, "value": 91.0 }),
    )
    .unwrap();
    assert_eq!(own["value"].as_f64().unwrap(), 91.0);
    assert_eq!(own["per_interviewer"], true);
    assert_eq!(own["default"].as_f64().unwrap(), d);
    assert_eq!(
        call("notification_threshold", json!({ "postingId": posting })).unwrap(),
        own
    );
    // Back to the default; the workspace default itself needs a value.
    let back = call(
        "set_notification_threshold",
        json!({ "postingId": posting, "value": null }),
    )
    .unwrap();
    assert_eq!(back["per_interviewer"], false);
    assert_eq!(back["value"].as_f64().unwrap(), d);
    let e = call("set_notification_threshold", json!({ "value": null })).unwrap_err();
    assert_eq!(e["code"], "invalid_argument", "{e}");
    let e = call("set_notification_threshold", json!({ "value": 150.0 })).unwrap_err();
    assert!(e["message"].as_str().unwrap().contains("150"), "{e}");

    assert_eq!(call("os_notifications", json!({})).unwrap(), json!(true));
}

/// An encrypted workspace (F54) opened from the UI: without a key the
/// command answers `{code: "passphrase_required"}`; `unlock_workspace`
/// with a wrong passphrase answers `wrong_passphrase` and with the right
/// one opens it. On an app of its own (the shared fixture stays as it is).
#[test]
fn opening_an_encrypted_workspace_asks_for_its_passphrase() {
    use shortlist_core::store::crypt::{self, KdfParams, NewKey};
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("enc");
    {
        let ws = shortlist_core::Workspace::open(&root).unwrap();
        shortlist_core::demo::load_demo(&ws).unwrap();
    }
    let fast = KdfParams {
        memory_kib: KdfParams::MIN_MEMORY_KIB,
        iterations: 1,
        parallelism: 1,
    };
    crypt::encrypt_workspace(&root, NewKey::Passphrase("open sesame", fast)).unwrap();
    let root = std::fs::canonicalize(&root).unwrap();
    let recent = dir.path().join("recent.json");
    let mut list = shortlist_core::recent::RecentList::load(&recent);
    list.touch(&root, 1);
    list.save().unwrap();

    let shared: SharedWorkspace = Arc::new(RwLock::new(None));
    let media = tauri::async_runtime::block_on(crate::media_server::start(shared.clone())).unwrap();
    let (open, _) = tokio::sync::watch::channel(OpenState::Opening);
    let app = mock_builder()
        .invoke_handler(crate::commands::handler())
        .manage(AppState {
            workspace: shared.clone(),
            open,
            media,
            audio: Arc::new(NativeAudio::start(|_| {})),
            recent_file: Some(recent),
            session_key: Default::default(),
        })
        .build(tauri::generate_context!())
        .unwrap();
    let window = WebviewWindowBuilder::new(&app, "main", Default::default())
        .build()
        .unwrap();
    let path = root.display().to_string();

    let err = invoke(&window, "open_workspace", json!({ "path": path })).unwrap_err();
    assert_eq!(err["code"], "passphrase_required", "{err}");
    assert!(shared.read().unwrap().is_none(), "nothing opened");

    let err = invoke(
        &window,
        "unlock_workspace",
        json!({ "passphrase": "open sesame?" }),
    )
    .unwrap_err();
    assert_eq!(err["code"], "wrong_passphrase", "{err}");
    assert!(
        err["message"]
            .as_str()
            .unwrap()
            .contains("wrong passphrase"),
        "{err}"
    );

    let view = invoke(
        &window,
        "unlock_workspace",
        json!({ "passphrase": "open sesame" }),
    )
    .unwrap();
    assert_eq!(view["path"], path.as_str());
    let status = invoke(&window, "encryption_status", json!({})).unwrap();
    assert_eq!(status["encrypted"], true);
    assert_eq!(status["key_store"], "passphrase");
    let page = invoke(&window, "list_candidates", json!({ "query": {} })).unwrap();
    assert!(page["total"].as_i64().unwrap() > 0);

    // Decrypt from Settings: refused without confirmation, then done with
    // the open workspace's key, and the workspace is open again, plain.
    let err = invoke(&window, "decrypt_workspace", json!({ "confirm": false })).unwrap_err();
    assert_eq!(err["code"], "invalid_argument");
    let status = invoke(&window, "decrypt_workspace", json!({ "confirm": true })).unwrap();
    assert_eq!(status["encrypted"], false);
    assert!(!root.join(crypt::MARKER_FILE).exists());
    let page2 = invoke(&window, "list_candidates", json!({ "query": {} })).unwrap();
    assert_eq!(page2["total"], page["total"]);
    // And encrypted again with a passphrase when no keychain answers (or the keychain).
    let status = invoke(
        &window,
        "encrypt_workspace",
        json!({ "passphrase": "second secret" }),
    )
    .unwrap();
    assert_eq!(status["encrypted"], true);
    let page3 = invoke(&window, "list_candidates", json!({ "query": {} })).unwrap();
    assert_eq!(page3["total"], page["total"]);
    if status["key_store"] == "keychain" {
        // A keychain answered on this machine: leave it as we found it.
        invoke(&window, "decrypt_workspace", json!({ "confirm": true })).unwrap();
    }
}
