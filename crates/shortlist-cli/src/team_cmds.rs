//! Panels and the team (F70–F75): `team init|push|pull|status`,
//! `evaluate`, `panel`.
//!
//! The team password: `team init` takes it from the URL and stores it in
//! the OS keychain (service `shortlist`, account `team:<url without
//! password>`); push, pull and status read `$SHORTLIST_TEAM_PASSWORD`,
//! else that entry. Where no keychain answers (a headless machine, CI),
//! `team init` says so and the password must come from
//! `SHORTLIST_TEAM_PASSWORD`.

use std::collections::BTreeMap;

use anyhow::Context;
use clap::{Args, Subcommand};
use shortlist_core::actions::{panel as evals, team};
use shortlist_core::review::panel::{self, Recommendation, Viewer, Visibility};
use shortlist_core::Workspace;
use shortlist_delivery::secrets::{self, Secret, SecretError};

#[derive(Subcommand)]
pub enum PanelCommand {
    /// Share reviewer data with the team's PostgreSQL (F74).
    #[command(subcommand)]
    Team(TeamCmd),
    /// Save (or with --submit, submit) your evaluation of a candidate.
    Evaluate(EvaluateArgs),
    /// The panel of a candidate: who said what (blind until you submit).
    Panel {
        interview_id: String,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Subcommand)]
pub enum TeamCmd {
    /// Create or check the server schema and set this workspace's reviewer.
    Init {
        /// postgres://LOGIN[:PASSWORD]@HOST[:PORT]/DB[?sslmode=require]; the password goes to the OS keychain.
        url: String,
        /// Your name, shown to the panel.
        #[arg(long, value_name = "NAME")]
        reviewer: String,
        /// Your e-mail address.
        #[arg(long, value_name = "ADDR")]
        email: String,
        /// lead (may see panels before submitting) or member.
        #[arg(long, value_parser = ["lead", "member"])]
        role: Option<String>,
    },
    /// Administrator: create or check the server schema and give a reviewer
    /// a PostgreSQL login of their own in the team's reviewer group (needs
    /// CREATEROLE). The reviewer's password comes from
    /// $SHORTLIST_REVIEWER_PASSWORD or one line of stdin; the server keeps
    /// only its SCRAM verifier. Nothing is stored in the workspace.
    AddReviewer {
        /// An administrator's postgres://ADMIN[:PASSWORD]@HOST[:PORT]/DB[?sslmode=require].
        admin_url: String,
        /// The reviewer's login: the e-mail address they pass to `team init`.
        login: String,
    },
    /// Send this laptop's events to the server.
    Push,
    /// Fetch and apply the team's events.
    Pull,
    /// Server, queue and conflict state.
    Status {
        #[arg(long)]
        json: bool,
    },
}

#[derive(Args)]
pub struct EvaluateArgs {
    interview_id: String,
    /// Overall recommendation (omit for no decision).
    #[arg(long, value_parser = ["strong_no", "no", "yes", "strong_yes"])]
    recommend: Option<String>,
    /// A scorecard question's rating: QUESTION=1..4 (question id or its number); repeatable.
    #[arg(long = "rating", value_name = "Q=N")]
    ratings: Vec<String>,
    #[arg(long, value_name = "TEXT")]
    comment: Option<String>,
    /// Submit (others' evaluations become visible to you); later saves amend it.
    #[arg(long)]
    submit: bool,
    #[arg(long)]
    json: bool,
}

pub fn run(ws: &Workspace, cmd: PanelCommand) -> anyhow::Result<()> {
    match cmd {
        PanelCommand::Team(t) => run_team(ws, t),
        PanelCommand::Evaluate(a) => evaluate(ws, a),
        PanelCommand::Panel { interview_id, json } => show_panel(ws, &interview_id, json),
    }
}

fn password(ws: &Workspace) -> anyhow::Result<Option<Secret>> {
    let Some(cfg) = team::config(ws)? else {
        return Ok(None);
    };
    Ok(secrets::team_password(&cfg.url)?)
}

/// The new reviewer's password: `$SHORTLIST_REVIEWER_PASSWORD`, else one
/// line of stdin (never read from a terminal, where it would echo).
fn reviewer_password(login: &str) -> anyhow::Result<String> {
    use std::io::{BufRead, IsTerminal};
    if let Ok(p) = std::env::var(REVIEWER_PASSWORD_ENV) {
        if !p.is_empty() {
            return Ok(p);
        }
    }
    let stdin = std::io::stdin();
    if stdin.is_terminal() {
        anyhow::bail!(
            "no password for reviewer `{login}`: set {REVIEWER_PASSWORD_ENV} or pipe it on stdin"
        );
    }
    let mut line = String::new();
    stdin
        .lock()
        .read_line(&mut line)
        .context("reading the reviewer's password from stdin")?;
    let p = line.trim_end_matches(['\r', '\n']).to_string();
    if p.is_empty() {
        anyhow::bail!(
            "no password for reviewer `{login}`: stdin was empty; set {REVIEWER_PASSWORD_ENV} or pipe it on stdin"
        );
    }
    Ok(p)
}

const REVIEWER_PASSWORD_ENV: &str = "SHORTLIST_REVIEWER_PASSWORD";

fn run_team(ws: &Workspace, cmd: TeamCmd) -> anyhow::Result<()> {
    match cmd {
        TeamCmd::AddReviewer { admin_url, login } => {
            let password = reviewer_password(&login)?;
            let mut admin = shortlist_team::Remote::connect(&admin_url)?;
            let init = shortlist_team::init(&mut admin)?;
            if init.before == 0 {
                outln!("team server: schema created (version {})", init.after);
            }
            let created = shortlist_team::add_reviewer(&mut admin, &login, &password)?;
            if created {
                outln!("reviewer login `{login}` created; they join with `shortlist team init postgres://{login}:…@…`");
            } else {
                outln!("reviewer login `{login}` already existed: added to the team's reviewer group (its password was left as it was)");
            }
            Ok(())
        }
        TeamCmd::Init {
            url,
            reviewer,
            email,
            role,
        } => {
            // Create or verify the schema with the URL as given.
            let (init, pw) =
                team::init_server(ws, &url, &reviewer, &email, role.map(|r| r == "lead"))?;
            let cfg = init.config;
            let bare = cfg.url.clone();
            if init.schema_created {
                outln!(
                    "team server {}: schema created (version {})",
                    init.server,
                    init.schema_version
                );
            } else {
                outln!(
                    "team server {}: schema version {} checked",
                    init.server,
                    init.schema_version
                );
            }
            if let Some(pw) = pw {
                match secrets::keychain_set(&secrets::team_account(&bare), &Secret::new(pw)) {
                    Ok(()) => outln!("password stored in the OS keychain"),
                    Err(SecretError::NoKeychain { detail, .. }) => outln!(
                        "no OS keychain answers here ({detail}): the password was NOT stored; set {} for push, pull and status",
                        secrets::TEAM_PASSWORD_ENV
                    ),
                    Err(e) => return Err(e.into()),
                }
            }
            outln!(
                "reviewer {} <{}> signs as `{}` from device {}{}",
                cfg.name,
                cfg.email.as_deref().unwrap_or(""),
                cfg.login,
                cfg.device,
                if cfg.lead { " (lead)" } else { "" }
            );
            Ok(())
        }
        TeamCmd::Push => {
            let pw = password(ws)?;
            let r = team::push(ws, pw.as_ref().map(Secret::expose))?;
            outln!(
                "pushed {} event(s); {} already on the server",
                r.sent,
                r.already_there
            );
            Ok(())
        }
        TeamCmd::Pull => {
            let pw = password(ws)?;
            let r = team::pull(ws, pw.as_ref().map(Secret::expose))?;
            outln!(
                "pulled {} event(s); {} applied, {} waiting for an import",
                r.fetched,
                r.applied,
                r.waiting
            );
            if r.erased > 0 {
                outln!(
                    "{} candidate(s) erased here by another reviewer's erasure (see `shortlist erasures`)",
                    r.erased
                );
            }
            Ok(())
        }
        TeamCmd::Status { json } => {
            let pw = password(ws)?;
            let s = team::status(ws, pw.as_ref().map(Secret::expose))?;
            if json {
                outln!("{}", serde_json::to_string_pretty(&s)?);
                return Ok(());
            }
            match &s.config {
                None => outln!(
                    "no team configured (shortlist team init URL --reviewer NAME --email ADDR)"
                ),
                Some(c) => {
                    outln!("server:   {}", c.url);
                    outln!(
                        "reviewer: {} <{}> as `{}`{}",
                        c.name,
                        c.email.as_deref().unwrap_or(""),
                        c.login,
                        if c.lead { " (lead)" } else { "" }
                    );
                    match (&s.error, s.connected) {
                        (_, true) => outln!(
                            "connected (schema version {})",
                            s.schema_version.unwrap_or(0)
                        ),
                        (Some(e), _) => outln!("offline: {e}"),
                        (None, false) => outln!("offline"),
                    }
                }
            }
            outln!("waiting to push: {}", s.waiting_to_push);
            outln!("waiting for an import: {}", s.waiting_for_import);
            outln!("note conflicts: {}", s.conflicts);
            Ok(())
        }
    }
}

fn evaluate(ws: &Workspace, a: EvaluateArgs) -> anyhow::Result<()> {
    let mut ratings = BTreeMap::new();
    for r in &a.ratings {
        let (q, n) = r
            .split_once('=')
            .with_context(|| format!("--rating `{r}`: expected QUESTION=1..4, e.g. q1=3"))?;
        let n: u8 = n
            .trim()
            .parse()
            .with_context(|| format!("--rating `{r}`: `{n}` is not a number from 1 to 4"))?;
        ratings.insert(q.trim().to_string(), n);
    }
    let input = evals::EvaluationInput {
        recommendation: a.recommend.as_deref().and_then(Recommendation::parse),
        ratings,
        comment: a.comment.unwrap_or_default(),
    };
    let e = evals::save_evaluation(ws, &a.interview_id, &input, a.submit)?;
    if a.json {
        outln!("{}", serde_json::to_string_pretty(&e)?);
    } else {
        outln!(
            "{}: {} evaluation by {}: {}",
            e.interview_id,
            if e.amended_at.is_some() {
                "amended"
            } else if e.submitted {
                "submitted"
            } else {
                "draft"
            },
            e.reviewer_name,
            e.recommendation.map(|r| r.label()).unwrap_or("no decision")
        );
    }
    Ok(())
}

fn show_panel(ws: &Workspace, interview_id: &str, json: bool) -> anyhow::Result<()> {
    let viewer = Viewer::from(&panel::identity(ws)?);
    let p = panel::panel(ws, interview_id, &viewer)?;
    if json {
        outln!("{}", serde_json::to_string_pretty(&p)?);
        return Ok(());
    }
    let line = |e: &panel::Evaluation| {
        let ratings: Vec<String> = e.ratings.iter().map(|(q, n)| format!("{q}={n}")).collect();
        format!(
            "  {:<24} {:<12} {}{}{}",
            e.reviewer_name,
            e.recommendation.map(|r| r.label()).unwrap_or("no decision"),
            ratings.join(" "),
            if e.comment.is_empty() { "" } else { "  " },
            e.comment
        )
    };
    outln!("panel of {interview_id}");
    match &p.mine {
        Some(e) => outln!(
            "you ({}):\n{}",
            if e.submitted { "submitted" } else { "draft" },
            line(e)
        ),
        None => outln!("you: no evaluation yet"),
    }
    match p.visibility {
        Visibility::Blind => {
            outln!("others: hidden until you submit your evaluation (shortlist evaluate {interview_id} --recommend ... --submit)")
        }
        _ => {
            if let Some(s) = &p.summary {
                outln!(
                    "panel: {}",
                    if s.label.is_empty() {
                        "no evaluations"
                    } else {
                        &s.label
                    }
                );
            }
            for e in &p.others {
                outln!("{}", line(e));
            }
            if !p.not_submitted.is_empty() {
                outln!("not submitted: {}", p.not_submitted.join(", "));
            }
        }
    }
    if let Some(d) = &p.decision {
        outln!("decision: {} by {}", d.decision.as_str(), d.decided_by);
    }
    Ok(())
}
