//! `shortlist`: headless import, review and export (SPEC F36).

mod outputs;

use std::path::PathBuf;

use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(
    name = "shortlist",
    version,
    about = "Shortlist: offline review desk for AI-interview results"
)]
struct Cli {
    /// Workspace folder (workspace.db + media/).
    #[arg(long, global = true, env = "SHORTLIST_WORKSPACE", value_name = "DIR")]
    workspace: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    #[command(flatten)]
    Outputs(outputs::OutputCommand),
}

fn main() {
    let cli = Cli::parse();
    let result = (|| -> anyhow::Result<()> {
        let dir = cli
            .workspace
            .clone()
            .ok_or_else(|| anyhow::anyhow!("no workspace: pass --workspace DIR"))?;
        let ws = shortlist_core::Workspace::open(&dir)?;
        match &cli.command {
            Command::Outputs(cmd) => outputs::run(&ws, cmd),
        }
    })();
    if let Err(e) = result {
        eprintln!("error: {}", format!("{e:#}").replace('\n', " "));
        std::process::exit(1);
    }
}
