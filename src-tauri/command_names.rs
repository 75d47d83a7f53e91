// The name of every app command, in one place: `build.rs` includes this
// file to declare them in the app manifest (so each must be granted in
// `capabilities/*.json`), and a unit test checks the capabilities grant
// exactly these. A command missing here cannot be invoked from the UI.

/// Every command the UI may call.
pub const COMMAND_NAMES: &[&str] = &[
    // src-tauri/commands.rs
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
    // src-tauri/commands_outputs.rs
    "export_list",
    "pipeline_report",
    "candidate_pdf",
    "report_preview",
    "package_zip",
    "cancel_package",
    // src-tauri/commands_actions.rs
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
    "delete_cohort",
    "notify_settings",
    "set_os_notifications",
    "set_notify_threshold",
    "raise_os_notifications",
    "sync_settings",
    "save_sync_settings",
    "clear_api_key",
    "sync_now",
    "outbox_export_eml",
];

#[cfg(test)]
mod tests {
    use super::COMMAND_NAMES;

    /// Every declared command is granted to the main window exactly once,
    /// and nothing else of ours is granted (least privilege).
    #[test]
    fn capabilities_grant_exactly_the_declared_commands() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/capabilities");
        let mut granted = Vec::new();
        for e in std::fs::read_dir(dir).unwrap() {
            let path = e.unwrap().path();
            let v: serde_json::Value =
                serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
            for p in v["permissions"].as_array().unwrap() {
                let p = p.as_str().expect("plain permission identifiers");
                if let Some(cmd) = p.strip_prefix("allow-") {
                    granted.push(cmd.replace('-', "_"));
                } else {
                    assert!(
                        p.starts_with("core:event:"),
                        "{}: unexpected permission {p}",
                        path.display()
                    );
                }
            }
        }
        let mut declared: Vec<String> = COMMAND_NAMES.iter().map(|s| s.to_string()).collect();
        declared.sort();
        let n = declared.len();
        declared.dedup();
        assert_eq!(n, declared.len(), "a command is declared twice");
        let before = granted.len();
        granted.sort();
        granted.dedup();
        assert_eq!(before, granted.len(), "a command is granted twice");
        assert_eq!(granted, declared);
    }
}
