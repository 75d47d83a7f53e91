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

/// The open demo workspace, for setting up what another laptop would have
/// sent (the fixture lock is released before returning).
fn workspace() -> Arc<shortlist_core::Workspace> {
    use tauri::Manager;
    let f = fixture().lock().unwrap_or_else(|p| p.into_inner());
    let state = f._app.state::<AppState>();
    let ws = state.workspace.read().unwrap().clone().unwrap();
    ws
}

/// F72 through the app's commands: another reviewer's submitted
/// evaluation stays hidden from the panel and the list until this reviewer
/// submits; the automatic draft save never amends a submission; a lead
/// sees the panel before submitting.
#[test]
fn panel_is_blind_until_submitted_through_the_commands() {
    let (id, _) = first_candidate_with_scorecard();
    let ws = workspace();
    // Zoe's submitted Strong Yes, as a pull would have written it.
    ws.writer()
        .execute(
            "INSERT INTO evaluations (interview_id, reviewer, reviewer_name, recommendation, ratings, comment, submitted_at, updated_at)
             VALUES (?1, 'zoe@example.org', 'Zoe', 'strong_yes', '{}', 'hire her', 1.0, 1.0)",
            [&id],
        )
        .unwrap();
    let row_of = |id: &str| -> Value {
        let page = call(
            "list_candidates",
            json!({ "query": { "sort": "panel", "descending": true, "limit": 500 } }),
        )
        .unwrap();
        page["rows"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["interview_id"] == id)
            .cloned()
            .expect("the candidate is listed")
    };
    let who = call("reviewer_identity", json!({})).unwrap();
    assert!(who["identity"]["id"].is_string(), "{who}");

    let p = call("candidate_panel", json!({ "interviewId": id })).unwrap();
    assert_eq!(p["visibility"], "blind", "{p}");
    assert!(p["others"].as_array().unwrap().is_empty(), "{p}");
    assert!(p["summary"].is_null() && p["not_submitted"].as_array().unwrap().is_empty());
    let row = row_of(&id);
    assert!(row["panel"].is_null(), "the list leaks votes: {row}");
    let split = call(
        "list_candidates",
        json!({ "query": { "panel_min_strong_yes": 1, "limit": 500 } }),
    )
    .unwrap();
    assert_eq!(split["total"], 0, "a panel filter leaks votes: {split}");

    // A draft does not unblind.
    let input = json!({ "recommendation": "no", "ratings": {}, "comment": "not convinced" });
    let e = call(
        "save_evaluation_draft",
        json!({ "interviewId": id, "input": input }),
    )
    .unwrap();
    assert_eq!(e["submitted"], false);
    let p = call("candidate_panel", json!({ "interviewId": id })).unwrap();
    assert_eq!(p["visibility"], "blind");
    assert_eq!(p["mine"]["comment"], "not convinced");
    assert_eq!(row_of(&id)["my_evaluation"]["recommendation"], "no");
    assert!(row_of(&id)["panel"].is_null());

    // Submitting shows the panel.
    let e = call(
        "submit_evaluation",
        json!({ "interviewId": id, "input": input }),
    )
    .unwrap();
    assert_eq!(e["submitted"], true);
    let p = call("candidate_panel", json!({ "interviewId": id })).unwrap();
    assert_eq!(p["visibility"], "submitted");
    assert_eq!(p["others"][0]["reviewer_name"], "Zoe");
    assert_eq!(p["summary"]["label"], "1 Strong Yes · 1 No");
    assert_eq!(row_of(&id)["panel"]["label"], "1 Strong Yes · 1 No");

    // The draft save is refused now; an amendment keeps the history.
    let err = call(
        "save_evaluation_draft",
        json!({ "interviewId": id, "input": input }),
    )
    .unwrap_err();
    assert!(
        err["message"]
            .as_str()
            .unwrap()
            .contains("already submitted"),
        "{err}"
    );
    let amended = json!({ "recommendation": "yes", "ratings": {}, "comment": "second look" });
    let e = call(
        "amend_evaluation",
        json!({ "interviewId": id, "input": amended }),
    )
    .unwrap();
    assert_eq!(e["history"].as_array().unwrap().len(), 1, "{e}");
    assert_eq!(
        call("my_evaluation", json!({ "interviewId": id })).unwrap()["recommendation"],
        "yes"
    );

    // A lead sees a panel before submitting: drop my evaluation, lead.
    let me = who["identity"]["id"].as_str().unwrap().to_string();
    let clear_mine = |ws: &shortlist_core::Workspace| {
        let c = ws.writer();
        c.execute(
            "DELETE FROM evaluation_history WHERE interview_id = ?1 AND reviewer = ?2",
            [&id, &me],
        )
        .unwrap();
        c.execute(
            "DELETE FROM evaluations WHERE interview_id = ?1 AND reviewer = ?2",
            [&id, &me],
        )
        .unwrap();
    };
    clear_mine(&ws);
    assert_eq!(
        call("candidate_panel", json!({ "interviewId": id })).unwrap()["visibility"],
        "blind"
    );
    shortlist_core::actions::team::set_lead(&ws, true).unwrap();
    let p = call("candidate_panel", json!({ "interviewId": id })).unwrap();
    shortlist_core::actions::team::set_lead(&ws, false).unwrap();
    assert_eq!(p["visibility"], "lead");
    assert_eq!(p["others"][0]["recommendation"], "strong_yes");

    // Put back what this test changed.
    ws.writer()
        .execute("DELETE FROM evaluations WHERE interview_id = ?1", [&id])
        .unwrap();
    ws.writer()
        .execute("DELETE FROM settings WHERE key = 'team.role'", [])
        .unwrap();
}

/// Without a team the status says so and the sync round is a no-op.
#[test]
fn team_status_without_a_team() {
    let s = call("team_status", json!({})).unwrap();
    assert_eq!(s["configured"], false, "{s}");
    assert_eq!(s["connected"], false);
    let r = call("team_sync_now", json!({})).unwrap();
    assert_eq!(r["configured"], false, "{r}");
    assert!(crate::team_sync::round(&workspace()).is_none());
}

// ---- Integrity, erasure, retention, sync cancel (F42, F50, F52) ----
// These write (an erasure cannot be put back), so each test gets an app
// and a workspace of its own, with the small good bundle.

struct OwnApp {
    _dir: tempfile::TempDir,
    app: tauri::App<MockRuntime>,
    window: WebviewWindow<MockRuntime>,
    ws: Arc<shortlist_core::Workspace>,
}

fn own_app() -> OwnApp {
    let dir = tempfile::tempdir().unwrap();
    let ws = shortlist_core::Workspace::open(dir.path().join("ws")).unwrap();
    let bundle =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/good-bundle");
    shortlist_core::import::import_path(&ws, &bundle, &|_| {}).unwrap();
    let path = ws.root().display().to_string();
    let ws = Arc::new(ws);
    let shared: SharedWorkspace = Arc::new(RwLock::new(Some(ws.clone())));
    let media = tauri::async_runtime::block_on(crate::media_server::start(shared.clone())).unwrap();
    let (open, _) = tokio::sync::watch::channel(OpenState::Ready {
        path,
        demo_loaded: false,
    });
    let app = mock_builder()
        .invoke_handler(crate::commands::handler())
        .manage(AppState {
            workspace: shared,
            open,
            media,
            audio: Arc::new(NativeAudio::start(|_| {})),
            recent_file: None,
            session_key: Default::default(),
        })
        .build(tauri::generate_context!())
        .unwrap();
    let window = WebviewWindowBuilder::new(&app, "main", Default::default())
        .build()
        .unwrap();
    OwnApp {
        _dir: dir,
        app,
        window,
        ws,
    }
}

fn ids_listed(o: &OwnApp) -> Vec<String> {
    let page = invoke(&o.window, "list_candidates", json!({ "query": {} })).unwrap();
    page["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["interview_id"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn erase_needs_the_typed_confirmation_then_erases_and_logs() {
    let o = own_app();
    assert!(ids_listed(&o).contains(&"I001".to_string()));
    let plan = invoke(&o.window, "erase_plan", json!({ "interviewIds": ["I001"] })).unwrap();
    assert_eq!(plan["candidates"][0]["interview_id"], "I001");
    assert!(plan["candidates"][0]["name"].is_string(), "{plan}");
    assert!(plan["total_rows"].as_u64().unwrap() > 0, "{plan}");

    let refused = invoke(
        &o.window,
        "erase_candidates",
        json!({ "interviewIds": ["I001"], "reason": "", "confirm": "yes" }),
    )
    .unwrap_err();
    assert_eq!(refused["code"], "invalid_argument", "{refused}");
    assert!(refused["message"].as_str().unwrap().contains("ERASE"));
    assert!(
        ids_listed(&o).contains(&"I001".to_string()),
        "nothing erased"
    );

    let report = invoke(
        &o.window,
        "erase_candidates",
        json!({ "interviewIds": ["I001"], "reason": "candidate's request", "confirm": "ERASE" }),
    )
    .unwrap();
    assert_eq!(report["id_hashes"].as_array().unwrap().len(), 1);
    assert!(!ids_listed(&o).contains(&"I001".to_string()));
    let log = invoke(&o.window, "erasure_log", json!({})).unwrap();
    let log = log.as_array().unwrap();
    assert_eq!(log.len(), 1);
    assert_eq!(log[0]["reason"], "candidate's request");
    assert!(!log[0].to_string().contains("I001"), "{log:?}");
    // An unknown id: a plan error naming it, as code and message.
    let e = invoke(&o.window, "erase_plan", json!({ "interviewIds": ["NOPE"] })).unwrap_err();
    assert!(e["message"].as_str().unwrap().contains("NOPE"), "{e}");
    // Nothing was found deleted upstream (no sync ran).
    assert_eq!(
        invoke(&o.window, "deleted_upstream", json!({})).unwrap(),
        json!([])
    );
}

#[test]
fn retention_rules_preview_apply_and_the_background_pass() {
    let o = own_app();
    let off = invoke(&o.window, "retention_rules", json!({})).unwrap();
    assert!(off["dismissed_after_days"].is_null(), "{off}");
    let bad = invoke(
        &o.window,
        "set_retention_rules",
        json!({ "dismissedAfterDays": 0 }),
    )
    .unwrap_err();
    assert!(
        bad["message"].as_str().unwrap().contains("at least 1"),
        "{bad}"
    );
    invoke(
        &o.window,
        "set_decision",
        json!({ "interviewIds": ["I003", "I002"], "decision": "dismissed" }),
    )
    .unwrap();
    let set = invoke(
        &o.window,
        "set_retention_rules",
        json!({ "dismissedAfterDays": 30, "allAfterInterviewerClosedDays": null }),
    )
    .unwrap();
    assert_eq!(set["dismissed_after_days"], 30);
    // Dismissed today: not due.
    let preview = invoke(&o.window, "retention_preview", json!({})).unwrap();
    assert_eq!(preview["items"], json!([]), "{preview}");
    // Dismissed 40 days ago: due; the dry run writes nothing.
    o.ws.writer()
        .execute(
            "UPDATE decisions SET decided_at = decided_at - 40 * 86400 WHERE interview_id = 'I003'",
            [],
        )
        .unwrap();
    let preview = invoke(&o.window, "retention_preview", json!({})).unwrap();
    let items = preview["items"].as_array().unwrap();
    assert_eq!(items.len(), 1, "{preview}");
    assert_eq!(items[0]["interview_id"], "I003");
    assert!(ids_listed(&o).contains(&"I003".to_string()));

    // The background pass (what runs on open and every 24 h) applies it.
    let run = crate::commands::protect::background_pass(o.app.handle(), &o.ws)
        .unwrap()
        .expect("retention erased someone");
    assert_eq!(
        (run.dismissed, run.interviewer_closed, run.background),
        (1, 0, true)
    );
    assert!(!ids_listed(&o).contains(&"I003".to_string()));
    assert!(ids_listed(&o).contains(&"I002".to_string()), "not due yet");
    // Nothing more due: Apply now erases no one.
    let again = invoke(&o.window, "retention_apply", json!({})).unwrap();
    assert_eq!(
        (again["dismissed"].as_u64(), again["background"].as_bool()),
        (Some(0), Some(false))
    );
    let log = invoke(&o.window, "erasure_log", json!({})).unwrap();
    assert!(log[0]["reason"]
        .as_str()
        .unwrap()
        .starts_with("retention: dismissed"));
}

#[test]
fn integrity_check_now_runs_in_the_background_and_stores_its_result() {
    let o = own_app();
    let first = invoke(&o.window, "integrity_status", json!({})).unwrap();
    assert!(first["recovery"].is_null(), "{first}");
    let started = invoke(&o.window, "integrity_check_now", json!({})).unwrap();
    assert!(started["error"].is_null(), "{started}");
    // Wait (bounded) for the stored result.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    let done = loop {
        let s = invoke(&o.window, "integrity_status", json!({})).unwrap();
        if !s["running"].as_bool().unwrap() {
            if s["last"]["kind"] == "manual" {
                break s;
            }
            // Another test's workspace held the one check slot: ask again.
            invoke(&o.window, "integrity_check_now", json!({})).unwrap();
        }
        assert!(std::time::Instant::now() < deadline, "no result: {s}");
        std::thread::sleep(std::time::Duration::from_millis(20));
    };
    assert_eq!(done["last"]["ok"], true, "{done}");
    assert!(
        done["due"].is_null(),
        "a passing check is not due again: {done}"
    );
    assert!(done["recovery"].is_null());
}

#[test]
fn cancel_sync_without_a_sync_says_none_was_running() {
    assert_eq!(call("cancel_sync", json!({})).unwrap(), json!(false));
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
