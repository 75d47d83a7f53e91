//! Declares every app command in the app manifest, so each one must be
//! granted explicitly in `capabilities/main.json` (least privilege).

// Keep in sync with `src-tauri/commands.rs::COMMANDS`.
const COMMANDS: &[&str] = &[
    "app_info",
    "list_interviewers",
    "interviewer_analytics",
    "list_candidates",
    "candidate_detail",
    "candidate_radar",
    "compare_candidates",
    "set_decision",
    "undo_decision",
    "get_setting",
    "set_setting",
    "audio_load",
    "audio_play",
    "audio_pause",
    "audio_seek",
    "audio_speed",
    "audio_stop",
    // src-tauri/commands_outputs.rs::COMMANDS
    "export_list",
    "pipeline_report",
    "candidate_pdf",
    "report_preview",
    "package_zip",
    "cancel_package",
    "share_bundle",
    // src-tauri/commands_actions.rs::COMMANDS
    "list_cohorts",
    "create_cohort",
    "add_to_cohort",
    "remove_from_cohort",
    "list_notes",
    "add_note",
    "delete_note",
    "nudge",
    "blast",
    "allow_retake",
    "queue_ats",
    "outbox_list",
    "outbox_retry",
    "outbox_cancel",
    "enrich",
    "find_other_jobs",
    "cross_agent",
    "list_notifications",
    "mark_notifications_read",
    "outbox_send",
    // src-tauri/commands_workspace.rs::COMMANDS
    "workspace_overview",
    "open_workspace",
    "new_workspace",
    "forget_workspace",
    "import_data",
    "cancel_import",
    "load_demo_data",
    // src-tauri/commands_settings.rs::COMMANDS
    "notification_threshold",
    "set_notification_threshold",
];

fn main() {
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)),
    )
    .expect("tauri build script failed");
}
