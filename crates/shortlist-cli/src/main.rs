//! `shortlist`: the headless command line (SPEC F36). Every command opens
//! the workspace, calls the core, prints a result, and exits 0; any error is
//! one line on stderr and a non-zero exit. Output whose reader goes away
//! (`shortlist list | head -1`) ends the command quietly with exit 0, like
//! ripgrep: nothing prints with `println!` (which panics on a closed pipe);
//! every write goes through [`outln!`] and returns its error, and `main`
//! turns a broken pipe into success.

/// `println!` that returns a write error to the caller (with `?`) instead
/// of panicking.
macro_rules! outln {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        writeln!(std::io::stdout().lock(), $($arg)*)?
    }};
}

/// `println!` for code that cannot return the error: a closed pipe is
/// ignored (the command goes on and exits as it would), never a panic.
macro_rules! outq {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stdout().lock(), $($arg)*);
    }};
}

mod actions;
mod check;
mod crypt_cmds;
mod erase_cmds;
mod outputs;
mod review_cmds;
mod team_cmds;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use shortlist_core::Workspace;

#[derive(Parser)]
#[command(
    name = "shortlist",
    version,
    about = "Offline review desk for AI-interview results: batch import, review and export"
)]
struct Cli {
    /// Workspace folder (holds workspace.db and media/). Default: $SHORTLIST_WORKSPACE, else the app's default workspace.
    #[arg(long, global = true, env = "SHORTLIST_WORKSPACE", value_name = "DIR")]
    workspace: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Write the built-in demo workspace into the workspace folder.
    Demo,
    /// Import a HeyMilo bundle (folder or .zip) or a candidates .csv.
    Import {
        /// Bundle folder, bundle .zip, or candidates .csv.
        path: PathBuf,
        /// Print progress to stderr.
        #[arg(long)]
        progress: bool,
    },
    /// List candidates.
    List {
        /// Only this interviewer (posting id).
        #[arg(long, value_name = "ID")]
        interviewer: Option<String>,
        /// Name, e-mail, tag or transcript words.
        #[arg(long, value_name = "TEXT")]
        search: Option<String>,
        /// pending, in_progress, evaluating, completed, knocked_out, shortlisted, dismissed.
        #[arg(long, value_name = "S")]
        status: Option<String>,
        /// Only members of this cohort.
        #[arg(long, value_name = "NAME")]
        cohort: Option<String>,
        /// At most N rows (default: all).
        #[arg(long, value_name = "N")]
        limit: Option<u32>,
        /// Skip the first N rows (in list order: name, then interview id).
        #[arg(long, value_name = "N", default_value_t = 0)]
        offset: u32,
        /// Print JSON: {"data": [rows], "total": N}; `total` counts every
        /// matching candidate, whatever --limit and --offset.
        #[arg(long, conflicts_with = "jsonl")]
        json: bool,
        /// Print one JSON row per line, written as the rows are read.
        #[arg(long)]
        jsonl: bool,
        /// Panel filter (F73): `strong-yes-2` (at least 2 Strong Yes) or
        /// `split` (Yes and No both present). Only candidates whose panel
        /// you may see (you submitted, or you lead) can match.
        #[arg(long, value_name = "FILTER", value_parser = ["strong-yes-2", "split"])]
        panel: Option<String>,
    },
    /// List interviewers with candidate counts.
    Interviewers {
        #[arg(long)]
        json: bool,
    },
    /// Show one candidate.
    Show {
        interview_id: String,
        #[arg(long)]
        json: bool,
    },
    /// Record a decision: shortlist, dismiss, or back to pending.
    Decide {
        interview_id: String,
        #[arg(value_parser = ["shortlist", "dismiss", "pending"])]
        decision: String,
    },
    /// Check the workspace's integrity: the whole database (full-text index included) and every media file. Exits non-zero when anything is damaged.
    Check(check::CheckArgs),
    #[command(flatten)]
    Outputs(outputs::OutputCommand),
    #[command(flatten)]
    Actions(actions::ActionCmd),
    #[command(flatten)]
    Panel(team_cmds::PanelCommand),
    #[command(flatten)]
    Erasure(erase_cmds::EraseCommand),
    #[command(flatten)]
    Crypt(crypt_cmds::CryptCommand),
}

pub(crate) fn workspace_dir(ws: &Option<PathBuf>) -> anyhow::Result<PathBuf> {
    match ws {
        Some(d) => Ok(d.clone()),
        None => shortlist_core::store::default_workspace_dir().ok_or_else(|| {
            anyhow::anyhow!("no workspace given: pass --workspace DIR or set SHORTLIST_WORKSPACE")
        }),
    }
}

/// Opens the workspace; an encrypted one whose key is wrapped under a
/// passphrase takes it from SHORTLIST_PASSPHRASE or stdin.
fn open(ws: &Option<PathBuf>) -> anyhow::Result<Workspace> {
    crypt_cmds::open(&workspace_dir(ws)?, false)
}

fn run(cli: Cli) -> anyhow::Result<()> {
    if let Command::Check(args) = &cli.command {
        return check::run(&cli.workspace, args);
    }
    if let Command::Crypt(cmd) = &cli.command {
        return crypt_cmds::run(&workspace_dir(&cli.workspace)?, cmd);
    }
    let ws = open(&cli.workspace)?;
    match cli.command {
        Command::Demo => review_cmds::demo(&ws),
        Command::Import { path, progress } => review_cmds::import(&ws, &path, progress),
        Command::List {
            interviewer,
            search,
            status,
            cohort,
            limit,
            offset,
            json,
            jsonl,
            panel,
        } => review_cmds::list(
            &ws,
            review_cmds::ListArgs {
                interviewer,
                search,
                status,
                cohort,
                limit,
                offset,
                panel,
                format: if jsonl {
                    review_cmds::ListFormat::JsonLines
                } else if json {
                    review_cmds::ListFormat::Json
                } else {
                    review_cmds::ListFormat::Table
                },
            },
        ),
        Command::Interviewers { json } => review_cmds::interviewers(&ws, json),
        Command::Show { interview_id, json } => review_cmds::show(&ws, &interview_id, json),
        Command::Decide {
            interview_id,
            decision,
        } => review_cmds::decide(&ws, &interview_id, &decision),
        Command::Outputs(cmd) => outputs::run(&ws, &cmd),
        Command::Actions(cmd) => actions::run(&ws, cmd),
        Command::Panel(cmd) => team_cmds::run(&ws, cmd),
        Command::Check(_) | Command::Crypt(_) => {
            unreachable!("run before the workspace is opened")
        }
        Command::Erasure(cmd) => erase_cmds::run(&ws, cmd),
    }
}

/// Was `e` caused by the reader of our output going away?
fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
            || c.downcast_ref::<serde_json::Error>()
                .and_then(serde_json::Error::io_error_kind)
                == Some(std::io::ErrorKind::BrokenPipe)
    })
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = run(cli).and_then(|()| {
        use std::io::Write as _;
        Ok(std::io::stdout().lock().flush()?)
    });
    match result {
        Ok(()) => ExitCode::SUCCESS,
        // The reader has what it wanted (`| head`): not an error.
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            // One line: the chain of causes joined.
            let msg = format!("{e:#}").replace('\n', "; ");
            use std::io::Write as _;
            // Even a closed stderr must not turn into a panic.
            let _ = writeln!(std::io::stderr().lock(), "shortlist: error: {msg}");
            ExitCode::FAILURE
        }
    }
}
