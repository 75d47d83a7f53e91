//! `shortlist`: headless Shortlist (SPEC F36).

mod actions;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use shortlist_core::Workspace;

#[derive(Parser, Debug)]
#[command(
    name = "shortlist",
    version,
    about = "Offline review desk for AI-interview results"
)]
struct Cli {
    /// Workspace folder (default: the app's default workspace)
    #[arg(long, global = true, value_name = "DIR")]
    workspace: Option<PathBuf>,
    #[command(subcommand)]
    cmd: Cmd,
}

#[derive(Subcommand, Debug)]
enum Cmd {
    #[command(flatten)]
    Actions(actions::ActionCmd),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = (|| -> anyhow::Result<()> {
        let dir = match cli.workspace {
            Some(d) => d,
            None => shortlist_core::store::default_workspace_dir().ok_or_else(|| {
                anyhow::anyhow!("no default workspace folder; pass --workspace DIR")
            })?,
        };
        let ws = Workspace::open(&dir)?;
        match cli.cmd {
            Cmd::Actions(cmd) => actions::run(&ws, cmd),
        }
    })();
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}
