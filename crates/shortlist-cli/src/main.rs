//! `shortlist`: the headless command line (SPEC F36). Every command opens
//! the workspace, calls the core, prints a result, and exits 0; any error is
//! one line on stderr and a non-zero exit.

mod actions;
mod erase_cmds;
mod outputs;
mod review_cmds;

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
        /// Print JSON: {"data": [rows], "total": N}.
        #[arg(long)]
        json: bool,
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
    #[command(flatten)]
    Outputs(outputs::OutputCommand),
    #[command(flatten)]
    Actions(actions::ActionCmd),
    #[command(flatten)]
    Erasure(erase_cmds::EraseCommand),
}

fn open(ws: &Option<PathBuf>) -> anyhow::Result<Workspace> {
    let dir = match ws {
        Some(d) => d.clone(),
        None => shortlist_core::store::default_workspace_dir().ok_or_else(|| {
            anyhow::anyhow!("no workspace given: pass --workspace DIR or set SHORTLIST_WORKSPACE")
        })?,
    };
    Ok(Workspace::open(&dir)?)
}

fn run(cli: Cli) -> anyhow::Result<()> {
    let ws = open(&cli.workspace)?;
    match cli.command {
        Command::Demo => review_cmds::demo(&ws),
        Command::Import { path, progress } => review_cmds::import(&ws, &path, progress),
        Command::List {
            interviewer,
            search,
            status,
            cohort,
            json,
        } => review_cmds::list(&ws, interviewer, search, status, cohort, json),
        Command::Interviewers { json } => review_cmds::interviewers(&ws, json),
        Command::Show { interview_id, json } => review_cmds::show(&ws, &interview_id, json),
        Command::Decide {
            interview_id,
            decision,
        } => review_cmds::decide(&ws, &interview_id, &decision),
        Command::Outputs(cmd) => outputs::run(&ws, &cmd),
        Command::Actions(cmd) => actions::run(&ws, cmd),
        Command::Erasure(cmd) => erase_cmds::run(&ws, cmd),
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            // One line: the chain of causes joined.
            let msg = format!("{e:#}").replace('\n', "; ");
            eprintln!("shortlist: error: {msg}");
            ExitCode::FAILURE
        }
    }
}
