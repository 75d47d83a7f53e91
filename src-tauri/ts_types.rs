//! The UI's DTO types, generated from the Rust structs with ts-rs into
//! `ui/src/lib/gen/`. This test fails when the committed files are stale;
//! `SHORTLIST_UPDATE_TS=1 cargo test -p shortlist-app ts_types` (or
//! `make ui-types`) rewrites them.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use shortlist_core::review::{
    CandidateDetail, CandidatePage, CandidateQuery, Comparison, Decision, DecisionChange,
    InterviewerAnalytics, InterviewerSummary,
};
use ts_rs::{Config, TS};

use crate::commands::{CompareView, RadarView};
use crate::commands_workspace::{
    DropOffer, ImportProgressEvent, ImportResult, ImportSource, WorkspaceOverview,
};
use shortlist_core::actions::notifications::ThresholdSetting;
use shortlist_core::import::Problem;

fn export_all(dir: &Path) {
    let cfg = Config::new().with_out_dir(dir).with_large_int("number");
    InterviewerSummary::export_all(&cfg).unwrap();
    InterviewerAnalytics::export_all(&cfg).unwrap();
    CandidateQuery::export_all(&cfg).unwrap();
    CandidatePage::export_all(&cfg).unwrap();
    CandidateDetail::export_all(&cfg).unwrap();
    Comparison::export_all(&cfg).unwrap();
    Decision::export_all(&cfg).unwrap();
    DecisionChange::export_all(&cfg).unwrap();
    RadarView::export_all(&cfg).unwrap();
    CompareView::export_all(&cfg).unwrap();
    WorkspaceOverview::export_all(&cfg).unwrap();
    ImportSource::export_all(&cfg).unwrap();
    ImportResult::export_all(&cfg).unwrap();
    ImportProgressEvent::export_all(&cfg).unwrap();
    Problem::export_all(&cfg).unwrap();
    ThresholdSetting::export_all(&cfg).unwrap();
    DropOffer::export_all(&cfg).unwrap();
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
    assert!(!fresh.is_empty());
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
