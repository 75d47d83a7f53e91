//! Erasure, retention and the erasure log (SPEC F52):
//! `shortlist erase`, `shortlist retention`, `shortlist erasures`.

use std::path::PathBuf;

use anyhow::{bail, Result};
use clap::Subcommand;
use shortlist_core::actions::erase::{self, BackupOutcome, ErasePlan};
use shortlist_core::actions::retention::{self, RetentionRules};
use shortlist_core::Workspace;

#[derive(Subcommand)]
pub enum EraseCommand {
    /// Erase candidates everywhere in the workspace (GDPR Art. 17). Without
    /// --yes, prints what would go and exits non-zero.
    Erase {
        /// Interview ids.
        #[arg(required = true, value_name = "INTERVIEW_ID")]
        interview_ids: Vec<String>,
        /// Confirm the erasure (it cannot be undone).
        #[arg(long)]
        yes: bool,
        /// Reason kept in the erasure log (no names or e-mail addresses).
        #[arg(long, value_name = "TEXT", default_value = "")]
        reason: String,
        /// Print the plan/report as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Retention rules: show, set, or apply them (erasing who is due).
    Retention {
        #[command(subcommand)]
        cmd: RetentionCmd,
    },
    /// The erasure log (no personal data): print it, or write it as CSV/PDF.
    Erasures {
        #[arg(long)]
        json: bool,
        /// Write to OUT.csv or OUT.pdf instead of printing.
        #[arg(short = 'o', long = "output", value_name = "OUT")]
        output: Option<PathBuf>,
    },
}

#[derive(Subcommand)]
pub enum RetentionCmd {
    /// Print the workspace's rules.
    Show {
        #[arg(long)]
        json: bool,
    },
    /// Set the rules; `off` turns a rule off; an omitted rule is unchanged.
    Set {
        /// Erase dismissed candidates N days after their dismissal.
        #[arg(long, value_name = "N|off")]
        dismissed_after_days: Option<String>,
        /// Erase every candidate of an interviewer N days after it closed.
        #[arg(long, value_name = "N|off")]
        after_close_days: Option<String>,
    },
    /// Erase everyone the rules say is due (or, with --dry-run, list them).
    Apply {
        #[arg(long)]
        dry_run: bool,
        #[arg(long)]
        json: bool,
    },
}

fn print_json<T: serde::Serialize>(v: &T) -> Result<()> {
    outln!("{}", serde_json::to_string_pretty(v)?);
    Ok(())
}

fn print_plan(plan: &ErasePlan) {
    outq!("Will erase {} candidate(s):", plan.candidates.len());
    for c in &plan.candidates {
        match (&c.name, &c.email) {
            (Some(n), Some(e)) => outq!(
                "  {}  {n} <{e}>{}",
                c.interview_id,
                c.job_title
                    .as_ref()
                    .map(|t| format!(" — {t}"))
                    .unwrap_or_default()
            ),
            _ => outq!("  {}  (reviewer data only)", c.interview_id),
        }
    }
    outq!("Rows ({} in all):", plan.total_rows);
    for t in &plan.rows {
        outq!("  {:<20} {}", t.table, t.rows);
    }
    let own = plan.media.iter().filter(|m| !m.shared).count();
    outq!(
        "Media files: {own} deleted, {} kept (shared with another candidate)",
        plan.media.len() - own
    );
    outq!(
        "Notes: {}  Decisions: {}  Outbox items: {}",
        plan.notes,
        plan.decisions,
        plan.outbox_items
    );
    if !plan.cohorts.is_empty() {
        outq!("Leaves cohorts: {}", plan.cohorts.join(", "));
    }
    for b in &plan.backups {
        if b.holds_candidates {
            outq!("Backup {}: rewritten without them", b.file);
        }
    }
}

fn parse_rule(v: Option<String>, current: Option<u32>, flag: &str) -> Result<Option<u32>> {
    match v.as_deref().map(str::trim) {
        None => Ok(current),
        Some("off") => Ok(None),
        Some(n) => match n.parse::<u32>() {
            Ok(d) => Ok(Some(d)),
            Err(_) => bail!("{flag} takes a number of days or `off`, not `{n}`"),
        },
    }
}

fn show_rules(r: &RetentionRules) {
    let d = |v: Option<u32>| v.map_or("off".to_string(), |d| format!("{d} days"));
    outq!("dismissed after:        {}", d(r.dismissed_after_days));
    outq!(
        "after interviewer close: {}",
        d(r.all_after_interviewer_closed_days)
    );
}

pub fn run(ws: &Workspace, cmd: EraseCommand) -> Result<()> {
    match cmd {
        EraseCommand::Erase {
            interview_ids,
            yes,
            reason,
            json,
        } => {
            if !yes {
                let plan = erase::erase_plan(ws, &interview_ids)?;
                if json {
                    print_json(&plan)?;
                } else {
                    print_plan(&plan);
                }
                bail!("nothing erased: erasure cannot be undone; pass --yes to erase");
            }
            let r = erase::erase(ws, &interview_ids, &reason)?;
            if json {
                return print_json(&r);
            }
            outln!(
                "erased {} candidate(s): {} rows, {} media file(s) ({} bytes), {} shared file(s) kept",
                r.id_hashes.len(),
                r.total_rows,
                r.media_files_deleted,
                r.media_bytes_deleted,
                r.media_files_kept_shared
            );
            for b in &r.backups {
                match b {
                    BackupOutcome::Untouched { .. } => {}
                    BackupOutcome::Rewritten { file, rows } => {
                        outln!("backup {file}: rewritten ({rows} rows removed)")
                    }
                    BackupOutcome::Dropped { file, why } => {
                        outln!("backup {file}: deleted ({why})")
                    }
                }
            }
            if !r.wal_truncated {
                outln!("note: another program holds the workspace open; its write-ahead log is emptied when it closes");
            }
            for h in &r.id_hashes {
                outln!("erasure log: {h}");
            }
        }
        EraseCommand::Retention { cmd } => match cmd {
            RetentionCmd::Show { json } => {
                let r = retention::retention_rules(ws)?;
                if json {
                    print_json(&r)?;
                } else {
                    show_rules(&r);
                }
            }
            RetentionCmd::Set {
                dismissed_after_days,
                after_close_days,
            } => {
                if dismissed_after_days.is_none() && after_close_days.is_none() {
                    bail!("give --dismissed-after-days N|off and/or --after-close-days N|off");
                }
                let cur = retention::retention_rules(ws)?;
                let rules = RetentionRules {
                    dismissed_after_days: parse_rule(
                        dismissed_after_days,
                        cur.dismissed_after_days,
                        "--dismissed-after-days",
                    )?,
                    all_after_interviewer_closed_days: parse_rule(
                        after_close_days,
                        cur.all_after_interviewer_closed_days,
                        "--after-close-days",
                    )?,
                };
                show_rules(&retention::set_retention_rules(ws, rules)?);
            }
            RetentionCmd::Apply { dry_run, json } => {
                let now = shortlist_core::store::now();
                if dry_run {
                    let plan = retention::retention_plan(ws, now)?;
                    if json {
                        return print_json(&plan);
                    }
                    if plan.rules.is_off() {
                        outln!("no retention rule is set (see `shortlist retention set`)");
                    }
                    outln!("{} candidate(s) due for erasure:", plan.items.len());
                    for i in &plan.items {
                        outln!("  {}  {}  — {}", i.interview_id, i.name, i.why);
                    }
                } else {
                    let out = retention::apply_retention(ws, now)?;
                    if json {
                        return print_json(&out);
                    }
                    let n: usize = out.erasures.iter().map(|e| e.id_hashes.len()).sum();
                    outln!("erased {n} candidate(s) under the retention rules");
                }
            }
        },
        EraseCommand::Erasures { json, output } => {
            let log = erase::list_erasures(ws)?;
            if let Some(out) = output {
                let n = shortlist_report::erasures::export_erasures(ws, &log, &out)?;
                outln!("wrote {n} erasure(s) to {}", out.display());
            } else if json {
                print_json(&log)?;
            } else if log.is_empty() {
                outln!("no erasures");
            } else {
                for e in &log {
                    outln!(
                        "#{}  {}  {}  {}  \"{}\"  rows {} media {} notes {} outbox {}",
                        e.id,
                        shortlist_report::erasures::utc(e.erased_at),
                        e.id_hash,
                        e.reviewer,
                        e.reason,
                        e.rows_removed,
                        e.media_removed,
                        e.notes_removed,
                        e.outbox_removed
                    );
                }
            }
        }
    }
    Ok(())
}
