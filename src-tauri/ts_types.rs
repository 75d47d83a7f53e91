//! Everything that crosses IPC, as TypeScript generated from Rust into
//! `ui/src/lib/gen/`: every command argument and result type and every
//! event payload (ts-rs), and `commands.ts`, the table of every command's
//! name, arguments and result built from the `#[tauri::command]` functions
//! (`crate::commands::SIGNATURES`, from `build.rs`). `ipc.ts` calls commands
//! only through that table, so a wrong name or argument fails
//! `npm run check`. This test fails when the committed files are stale, or
//! when a command uses a type that is not generated;
//! `SHORTLIST_UPDATE_TS=1 cargo test -p shortlist-app --lib ts_types` (or
//! `make ui-types`) rewrites them.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use ts_rs::{Config, TS};

use crate::commands::{Signature, SIGNATURES};

/// Every type the UI receives or sends (commands and events); ts-rs writes
/// the types they contain too.
fn export_types(cfg: &Config) -> Result<(), ts_rs::ExportError> {
    use shortlist_core::actions as a;
    use shortlist_core::review as r;
    // The shell's own.
    crate::error::IpcError::export_all(cfg)?;
    crate::state::OpenState::export_all(cfg)?;
    crate::state::Progress::export_all(cfg)?;
    crate::playback::AudioState::export_all(cfg)?;
    crate::commands::review::AppInfo::export_all(cfg)?;
    crate::commands::review::RadarView::export_all(cfg)?;
    crate::commands::review::CompareView::export_all(cfg)?;
    crate::commands::workspace::WorkspaceOverview::export_all(cfg)?;
    crate::commands::workspace::ImportSource::export_all(cfg)?;
    crate::commands::workspace::ImportResult::export_all(cfg)?;
    crate::commands::workspace::ImportProgressEvent::export_all(cfg)?;
    crate::commands::workspace::DropOffer::export_all(cfg)?;
    crate::commands::outputs::ExportKind::export_all(cfg)?;
    crate::commands::outputs::Saved::export_all(cfg)?;
    crate::commands::outputs::ShareScope::export_all(cfg)?;
    crate::commands::delivery::SyncSettings::export_all(cfg)?;
    crate::commands::delivery::AtsRun::export_all(cfg)?;
    crate::commands::delivery::EmlExport::export_all(cfg)?;
    crate::commands::team::ReviewerIdentity::export_all(cfg)?;
    crate::commands::team::TeamInitResult::export_all(cfg)?;
    // Panels (F70–F75): the `team-sync` event and the core's panel types.
    a::team::TeamSyncReport::export_all(cfg)?;
    a::team::TeamStatus::export_all(cfg)?;
    a::team::PullReport::export_all(cfg)?;
    a::panel::EvaluationInput::export_all(cfg)?;
    r::panel::PanelView::export_all(cfg)?;
    r::panel::Evaluation::export_all(cfg)?;
    r::panel::Identity::export_all(cfg)?;
    // The core's review read model and actions.
    r::InterviewerSummary::export_all(cfg)?;
    r::InterviewerAnalytics::export_all(cfg)?;
    r::CandidateQuery::export_all(cfg)?;
    r::Matching::export_all(cfg)?;
    r::CandidateActivity::export_all(cfg)?;
    r::CandidatePage::export_all(cfg)?;
    r::CandidateDetail::export_all(cfg)?;
    r::Comparison::export_all(cfg)?;
    r::CompareCandidate::export_all(cfg)?;
    r::Decision::export_all(cfg)?;
    r::DecisionChange::export_all(cfg)?;
    r::Note::export_all(cfg)?;
    shortlist_core::import::Problem::export_all(cfg)?;
    shortlist_core::store::crypt::EncryptionStatus::export_all(cfg)?;
    a::cohorts::Cohort::export_all(cfg)?;
    a::cohorts::CohortChange::export_all(cfg)?;
    a::messages::QueueReport::export_all(cfg)?;
    a::messages::MessagePreview::export_all(cfg)?;
    a::templates::MessageTemplate::export_all(cfg)?;
    a::messages::RetakeGrant::export_all(cfg)?;
    a::outbox::OutboxItem::export_all(cfg)?;
    a::enrich::Enrichment::export_all(cfg)?;
    a::find_jobs::FindJobsResult::export_all(cfg)?;
    a::cross_agent::CrossAgentReport::export_all(cfg)?;
    a::subscribers::Subscriber::export_all(cfg)?;
    r::AgentConfig::export_all(cfg)?;
    a::notifications::Notifications::export_all(cfg)?;
    a::notifications::OsNotice::export_all(cfg)?;
    a::notifications::ThresholdSetting::export_all(cfg)?;
    a::notifications::AlertSettings::export_all(cfg)?;
    // Outputs.
    shortlist_report::ReportOptions::export_all(cfg)?;
    shortlist_report::ReportModel::export_all(cfg)?;
    shortlist_report::package::PackageOptions::export_all(cfg)?;
    shortlist_report::package::PackageProgress::export_all(cfg)?;
    // Delivery.
    shortlist_delivery::smtp::SmtpOverrides::export_all(cfg)?;
    shortlist_delivery::DeliveryReport::export_all(cfg)?;
    shortlist_delivery::ats::PushStatus::export_all(cfg)?;
    shortlist_delivery::sync::SyncReport::export_all(cfg)?;
    shortlist_delivery::sync::SyncProgress::export_all(cfg)?;
    // Trust (F50, F52).
    crate::commands::protect::IntegrityView::export_all(cfg)?;
    crate::commands::protect::RetentionRun::export_all(cfg)?;
    shortlist_core::store::integrity::CheckProgress::export_all(cfg)?;
    a::erase::ErasePlan::export_all(cfg)?;
    a::erase::ErasureReport::export_all(cfg)?;
    a::erase::ErasureRecord::export_all(cfg)?;
    a::retention::RetentionRules::export_all(cfg)?;
    a::retention::RetentionPlan::export_all(cfg)?;
    Ok(())
}

/// Split `a, B<c, d>, e` at its top-level commas.
fn split_top(s: &str) -> Vec<&str> {
    let (mut depth, mut start, mut out) = (0i32, 0, Vec::new());
    for (i, c) in s.char_indices() {
        match c {
            '<' | '(' | '[' => depth += 1,
            '>' | ')' | ']' => depth -= 1,
            ',' if depth == 0 => {
                out.push(s[start..i].trim());
                start = i + 1;
            }
            _ => {}
        }
    }
    out.push(s[start..].trim());
    out
}

/// The TypeScript for a Rust type as written in a command's signature;
/// named types must be among the generated ones (`known`).
fn ts_of(
    rust: &str,
    known: &BTreeSet<String>,
    used: &mut BTreeSet<String>,
) -> Result<String, String> {
    let t = rust.replace(' ', "");
    let t = t.trim_start_matches('&').trim_start_matches("'static");
    let (head, inner) = match t.find('<') {
        Some(i) if t.ends_with('>') => (&t[..i], Some(&t[i + 1..t.len() - 1])),
        _ => (t, None),
    };
    let name = head.rsplit("::").next().unwrap_or(head);
    let mut one = |inner: Option<&str>| -> Result<String, String> {
        match inner.map(split_top).as_deref() {
            Some([x]) => ts_of(x, known, used),
            _ => Err(format!("`{rust}`: expected one type argument")),
        }
    };
    let wrapped = match name {
        "Option" | "Vec" | "Box" | "Arc" => Some(one(inner)?),
        _ => None,
    };
    Ok(match (name, inner) {
        ("String" | "str" | "PathBuf", None) => "string".into(),
        ("bool", None) => "boolean".into(),
        (
            "i8" | "i16" | "i32" | "i64" | "u8" | "u16" | "u32" | "u64" | "usize" | "isize" | "f32"
            | "f64",
            None,
        ) => "number".into(),
        ("()", None) => "null".into(),
        ("Option", _) => format!("{} | null", wrapped.unwrap_or_default()),
        ("Vec", _) => format!("Array<{}>", wrapped.unwrap_or_default()),
        ("Box" | "Arc", _) => wrapped.unwrap_or_default(),
        (n, None) if known.contains(n) => {
            used.insert(n.to_string());
            n.to_string()
        }
        (n, None) => {
            return Err(format!(
                "`{n}` crosses IPC but has no generated TypeScript type: derive ts_rs::TS \
                 (`#[cfg_attr(feature = \"ts\", derive(ts_rs::TS))]`) and add it to export_types()"
            ))
        }
        (n, Some(_)) => return Err(format!("`{rust}`: generic `{n}` is not known to ts_types")),
    })
}

/// `commands.ts`: every command's name, arguments (as Tauri expects them:
/// camelCase; `Option` ones may be left out) and result.
fn commands_ts(sigs: &[Signature], known: &BTreeSet<String>) -> Result<String, Vec<String>> {
    let mut used = BTreeSet::new();
    let mut errors = Vec::new();
    let mut body = String::new();
    for s in sigs {
        let mut args = Vec::new();
        for (name, ty) in s.args {
            let optional = ty.replace(' ', "").starts_with("Option<");
            match ts_of(ty, known, &mut used) {
                Ok(ts) => args.push(format!("{name}{}: {ts}", if optional { "?" } else { "" })),
                Err(e) => errors.push(format!("{}::{} argument `{name}`: {e}", s.module, s.name)),
            }
        }
        let result = ts_of(s.result, known, &mut used).unwrap_or_else(|e| {
            errors.push(format!("{}::{} result: {e}", s.module, s.name));
            String::new()
        });
        let args = if args.is_empty() {
            "Record<string, never>".to_string()
        } else {
            format!("{{ {} }}", args.join("; "))
        };
        writeln!(body, "  {}: {{ args: {args}; result: {result} }};", s.name).unwrap();
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let mut out = String::from(
        "// Generated by src-tauri/ts_types.rs from the #[tauri::command] functions in\n\
         // src-tauri/commands/. Do not edit this file manually.\n",
    );
    for t in &used {
        writeln!(out, "import type {{ {t} }} from \"./{t}\";").unwrap();
    }
    out.push_str(
        "\n/** Every command the webview may call: its arguments, as sent, and its result. */\n\
         export type Commands = {\n",
    );
    out.push_str(&body);
    out.push_str("};\n\nexport type CommandName = keyof Commands;\n");
    Ok(out)
}

fn export_all(dir: &Path) {
    let cfg = Config::new().with_out_dir(dir).with_large_int("number");
    export_types(&cfg).unwrap();
    let known: BTreeSet<String> = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| {
            let p = e.unwrap().path();
            (p.extension()? == "ts").then(|| p.file_stem().unwrap().to_string_lossy().into_owned())
        })
        .collect();
    match commands_ts(SIGNATURES, &known) {
        Ok(ts) => std::fs::write(dir.join("commands.ts"), ts).unwrap(),
        Err(errors) => panic!("commands.ts cannot be generated:\n{}", errors.join("\n")),
    }
}

fn read_dir(dir: &Path) -> BTreeMap<PathBuf, String> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "ts") {
                out.insert(
                    p.strip_prefix(dir).unwrap().to_path_buf(),
                    std::fs::read_to_string(&p).unwrap(),
                );
            }
        }
    }
    out
}

#[test]
fn ts_types_are_current() {
    let committed = Path::new(env!("CARGO_MANIFEST_DIR")).join("ui/src/lib/gen");
    if std::env::var_os("SHORTLIST_UPDATE_TS").is_some() {
        let _ = std::fs::remove_dir_all(&committed);
        export_all(&committed);
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    export_all(tmp.path());
    let fresh = read_dir(tmp.path());
    let old = read_dir(&committed);
    assert!(fresh.contains_key(Path::new("commands.ts")));
    let stale: Vec<_> = fresh
        .iter()
        .filter(|(k, v)| old.get(*k) != Some(v))
        .map(|(k, _)| k.display().to_string())
        .chain(
            old.keys()
                .filter(|k| !fresh.contains_key(*k))
                .map(|k| k.display().to_string()),
        )
        .collect();
    assert!(
        stale.is_empty(),
        "ui/src/lib/gen is stale ({stale:?}); run `make ui-types`"
    );
}

#[test]
fn rust_types_map_to_generated_typescript() {
    let known: BTreeSet<String> = ["CandidateQuery", "Note"].map(String::from).into();
    let mut used = BTreeSet::new();
    let ts = |t: &str, used: &mut BTreeSet<String>| ts_of(t, &known, used);
    assert_eq!(
        ts("Option<Vec<String>>", &mut used).unwrap(),
        "Array<string> | null"
    );
    assert_eq!(ts("Vec<i64>", &mut used).unwrap(), "Array<number>");
    assert_eq!(
        ts("shortlist_core::review::Note", &mut used).unwrap(),
        "Note"
    );
    assert_eq!(ts("()", &mut used).unwrap(), "null");
    assert_eq!(used, ["Note".to_string()].into());
    // A type without a generated mirror is refused, naming it.
    let e = ts("HashMap<String, Secret>", &mut used).unwrap_err();
    assert!(e.contains("HashMap"), "{e}");
    let e = ts("Vec<Secret>", &mut used).unwrap_err();
    assert!(e.contains("`Secret` crosses IPC"), "{e}");
    let sig = Signature {
        module: "x",
        name: "find",
        args: &[("query", "CandidateQuery"), ("dark", "Option<bool>")],
        result: "Vec<Note>",
    };
    let out = commands_ts(&[sig], &known).unwrap();
    assert!(
        out.contains("  find: { args: { query: CandidateQuery; dark?: boolean | null }; result: Array<Note> };"),
        "{out}"
    );
    assert!(out.contains("import type { CandidateQuery } from \"./CandidateQuery\";"));
}
