//! `shortlist check`: the workspace's full integrity check on demand (SPEC
//! F50): SQLite's `integrity_check` over the whole file (FTS5 index
//! included) and every media file's SHA-256 against its name. Progress goes
//! to stderr; the result is stored in the workspace (the app shows it) and
//! printed; the exit status is non-zero when anything is wrong.
//!
//! It opens the workspace even when its last check found it corrupt (the
//! one command allowed to): a passing check lifts the refusal, e.g. after a
//! backup was restored.

use std::io::Write;
use std::path::PathBuf;
use std::sync::atomic::AtomicBool;

use clap::Args;
use shortlist_core::store::integrity::{CheckKind, CheckPhase, CheckProgress};

#[derive(Args)]
pub struct CheckArgs {
    /// Print the result as JSON on stdout.
    #[arg(long)]
    json: bool,
}

pub fn run(workspace: &Option<PathBuf>, args: &CheckArgs) -> anyhow::Result<()> {
    let dir = crate::workspace_dir(workspace)?;
    let ws = crate::crypt_cmds::open(&dir, true)?;
    let last_shown = std::cell::Cell::new(None::<(CheckPhase, u64)>);
    let progress = |p: CheckProgress| {
        // At most one line per phase and per 1% of its work.
        let step = (p.total / 100).max(1);
        let bucket = p.done / step;
        if last_shown.get() == Some((p.phase, bucket)) {
            return;
        }
        last_shown.set(Some((p.phase, bucket)));
        let what = match p.phase {
            CheckPhase::Database => format!("database ({} pages)", p.total),
            CheckPhase::Media => "media files".to_string(),
        };
        let mut err = std::io::stderr().lock();
        let _ = match (p.phase, p.done == p.total) {
            (CheckPhase::Database, false) => writeln!(err, "checking {what}…"),
            (CheckPhase::Database, true) => writeln!(err, "checked {what}"),
            (CheckPhase::Media, _) => writeln!(err, "checking {what}: {}/{}", p.done, p.total),
        };
    };
    let report = ws.check_integrity(CheckKind::Manual, &AtomicBool::new(false), &progress)?;
    if args.json {
        outln!("{}", serde_json::to_string_pretty(&report)?);
    } else if report.ok {
        outln!(
            "{}: ok (database and {} media files checked in {:.1} s)",
            dir.display(),
            report.media_files,
            report.duration_ms as f64 / 1000.0
        );
    } else {
        outln!("{}: CORRUPT", dir.display());
        for p in &report.problems {
            outln!("  {p}");
        }
    }
    if report.ok {
        return Ok(());
    }
    let backup = shortlist_core::store::integrity::last_backup(&ws.db_path());
    Err(anyhow::anyhow!(
        "{} failed its integrity check ({} problem{}); {}",
        dir.display(),
        report.problems.len(),
        if report.problems.len() == 1 { "" } else { "s" },
        match backup {
            Some(b) => format!(
                "with Shortlist closed, copy the last verified backup {} over {} and run `shortlist check` again",
                b.display(),
                ws.db_path().display()
            ),
            None => "no verified backup is next to it; restore workspace.db from your own backup and run `shortlist check` again".to_string(),
        }
    ))
}
