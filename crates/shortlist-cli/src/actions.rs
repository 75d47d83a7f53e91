//! CLI for reviewer actions and delivery (issue 5): cohorts, notes, nudge,
//! blast, retake, ATS push, outbox, sync, audit, settings, secrets.
//!
//! Every command works on one candidate or a selection (several ids). Human
//! output by default, `--json` for scripts. Secrets are read from stdin, the
//! environment or the OS keychain, never from the workspace, never printed.

use std::io::BufRead;
use std::path::PathBuf;

use anyhow::{bail, Context, Result};
use clap::{Args, Subcommand};
use serde::Serialize;
use shortlist_core::actions::messages::{self, QueueOptions, QueueReport};
use shortlist_core::actions::outbox::{self, OutboxStatus, RetryPolicy};
use shortlist_core::actions::{self as core_actions, cohorts, notes};
use shortlist_core::Workspace;
use shortlist_delivery::heymilo::{Client, ClientConfig};
use shortlist_delivery::secrets::{self, Secret};
use shortlist_delivery::smtp::{Sender, SmtpConfig, SmtpOverrides};

#[derive(Subcommand, Debug)]
pub enum ActionCmd {
    /// Create cohorts and add or remove candidates (`cohort create NAME`, `cohort add NAME ID...`)
    Cohort {
        #[command(subcommand)]
        cmd: CohortCmd,
    },
    /// Notes pinned to a moment of the recording (`note add ID --at SECONDS TEXT`)
    Note {
        #[command(subcommand)]
        cmd: NoteCmd,
    },
    /// Queue a reminder to finish the next step, for each candidate
    Nudge {
        #[arg(required = true, value_name = "INTERVIEW_ID")]
        ids: Vec<String>,
        #[arg(long)]
        json: bool,
    },
    /// Queue one message (placeholders allowed) to every candidate given
    Blast {
        #[arg(required = true, value_name = "INTERVIEW_ID")]
        ids: Vec<String>,
        #[arg(long)]
        subject: String,
        /// UTF-8 text file with the message body
        #[arg(long, value_name = "FILE")]
        body_file: PathBuf,
        #[arg(long)]
        json: bool,
    },
    /// Allow another attempt (respects the interviewer's max retakes unless --force) and queue the mail
    Retake {
        #[arg(required = true, value_name = "INTERVIEW_ID")]
        ids: Vec<String>,
        /// Override the interviewer's retake policy
        #[arg(long)]
        force: bool,
        #[arg(long)]
        json: bool,
    },
    /// Send Results to ATS: queue pushes, deliver them, poll their status
    Ats {
        #[command(subcommand)]
        cmd: AtsCmd,
    },
    /// The outbox: list, send over SMTP, retry, export as .eml
    Outbox {
        #[command(subcommand)]
        cmd: OutboxCmd,
    },
    /// Derive country, timezone and normalised tags offline (stored beside imported data)
    Enrich {
        #[arg(required = true, value_name = "INTERVIEW_ID")]
        ids: Vec<String>,
        #[arg(long)]
        json: bool,
    },
    /// Rank the workspace's other interviewers for a candidate, with reasons
    FindJobs {
        id: String,
        #[arg(long)]
        json: bool,
    },
    /// Résumé vs interview mismatches (dates, titles, employers, skills); running it again is Retry Analysis
    CrossAgent {
        id: String,
        #[arg(long)]
        json: bool,
    },
    /// Completions, high scores and expiring interviewers; unread count and read state
    Notifications {
        #[command(subcommand)]
        cmd: NotifCmd,
    },
    /// Pull interviewers, candidates, interview data and recordings from HeyMilo's API and merge them like an import
    Sync(SyncArgs),
    /// The append-only audit log
    Audit {
        #[command(subcommand)]
        cmd: AuditCmd,
    },
    /// Workspace settings (e.g. smtp.from, smtp.host, template.nudge.body)
    Settings {
        #[command(subcommand)]
        cmd: SettingsCmd,
    },
    /// Store an SMTP password or API key in the OS keychain (read from stdin)
    Secret {
        #[command(subcommand)]
        cmd: SecretCmd,
    },
}

#[derive(Subcommand, Debug)]
pub enum CohortCmd {
    Create {
        name: String,
    },
    Add {
        name: String,
        #[arg(required = true, value_name = "INTERVIEW_ID")]
        ids: Vec<String>,
    },
    Remove {
        name: String,
        #[arg(required = true, value_name = "INTERVIEW_ID")]
        ids: Vec<String>,
    },
    List {
        #[arg(long)]
        json: bool,
    },
    Delete {
        name: String,
    },
}

#[derive(Subcommand, Debug)]
pub enum NoteCmd {
    Add {
        id: String,
        /// Seconds into the recording
        #[arg(long, value_name = "SECONDS")]
        at: Option<f64>,
        text: String,
        #[arg(long)]
        json: bool,
    },
    List {
        id: String,
        #[arg(long)]
        json: bool,
    },
    Delete {
        note_id: i64,
    },
}

#[derive(Args, Debug, Clone)]
pub struct ApiArgs {
    /// Base URL of the HeyMilo API (e.g. https://api.heymilo.ai)
    #[arg(long, value_name = "URL")]
    pub api_url: String,
    /// API key (else SHORTLIST_API_KEY, else the OS keychain)
    #[arg(long, value_name = "KEY")]
    pub api_key: Option<String>,
}

impl ApiArgs {
    fn client(&self) -> Result<Client> {
        let key = secrets::api_key(self.api_key.clone().map(Secret::new), &self.api_url)?;
        Ok(Client::new(&self.api_url, key, ClientConfig::default())?)
    }
}

#[derive(Subcommand, Debug)]
pub enum AtsCmd {
    /// Queue a push of each candidate to the connected ATS
    Push {
        #[arg(required = true, value_name = "INTERVIEW_ID")]
        ids: Vec<String>,
        /// ATS provider name, e.g. bullhorn (else setting ats.name)
        #[arg(long)]
        ats: Option<String>,
        /// Also link the candidate to the job in the ATS
        #[arg(long)]
        create_submission: bool,
        #[arg(long)]
        json: bool,
    },
    /// Deliver queued pushes through the API
    Send {
        #[command(flatten)]
        api: ApiArgs,
        #[arg(long)]
        json: bool,
    },
    /// Poll the status of delivered pushes
    Status {
        #[command(flatten)]
        api: ApiArgs,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Args, Debug, Clone, Default)]
pub struct SmtpArgs {
    /// SMTP server (else setting smtp.host)
    #[arg(long, value_name = "HOST")]
    pub smtp_host: Option<String>,
    /// Port (else setting smtp.port, else 587/465/25 by security)
    #[arg(long, value_name = "PORT")]
    pub smtp_port: Option<u16>,
    /// starttls (default), tls or none (else setting smtp.security)
    #[arg(long, value_name = "MODE")]
    pub smtp_security: Option<String>,
    /// User name for AUTH (else setting smtp.user); password from
    /// --smtp-password-stdin, SHORTLIST_SMTP_PASSWORD or the keychain
    #[arg(long, value_name = "USER")]
    pub smtp_user: Option<String>,
    /// Read the SMTP password from the first line of stdin
    #[arg(long)]
    pub smtp_password_stdin: bool,
    /// Sender address (else setting smtp.from)
    #[arg(long, value_name = "ADDRESS")]
    pub from: Option<String>,
    /// Sender display name (else setting smtp.from_name)
    #[arg(long, value_name = "NAME")]
    pub from_name: Option<String>,
}

#[derive(Subcommand, Debug)]
pub enum OutboxCmd {
    /// Items with status, attempts, next retry and last error
    List {
        #[arg(long)]
        json: bool,
        /// Only queued, sending, sent or failed
        #[arg(long)]
        status: Option<String>,
    },
    /// Deliver due e-mail over SMTP
    Send {
        #[command(flatten)]
        smtp: SmtpArgs,
        #[arg(long)]
        json: bool,
    },
    /// Queue failed items again, due now
    Retry {
        #[arg(required = true, value_name = "OUTBOX_ID")]
        ids: Vec<i64>,
    },
    /// Cancel queued items (they are kept as failed; `retry` revives them)
    Cancel {
        #[arg(required = true, value_name = "OUTBOX_ID")]
        ids: Vec<i64>,
    },
    /// Write queued e-mail as .eml files into DIR
    ExportEml {
        dir: PathBuf,
        #[arg(long, value_name = "ADDRESS")]
        from: Option<String>,
        #[arg(long, value_name = "NAME")]
        from_name: Option<String>,
        /// Mark the exported items as sent (you send them from your mail client)
        #[arg(long)]
        mark_sent: bool,
    },
}

#[derive(Args, Debug)]
pub struct SyncArgs {
    #[command(flatten)]
    pub api: ApiArgs,
    /// Only these interviewers (default: all)
    #[arg(long = "interviewer", value_name = "POSTING_ID")]
    pub postings: Vec<String>,
    /// Refresh only these candidates (Sync/Refresh on a selection)
    #[arg(long = "interview", value_name = "INTERVIEW_ID")]
    pub interviews: Vec<String>,
    /// Do not download recordings
    #[arg(long)]
    pub no_media: bool,
    /// Progress lines on stderr even when it is not a terminal (they are
    /// shown on a terminal anyway)
    #[arg(long)]
    pub progress: bool,
    #[arg(long)]
    pub json: bool,
}

/// Which sync progress updates get a line on stderr: the first of each
/// phase, its end, and about every tenth of the way between (a sync of
/// 100,000 interviews prints a dozen lines, not 100,000).
#[derive(Default)]
pub(crate) struct SyncProgressLines {
    state: std::cell::Cell<(&'static str, u64, Option<u64>)>,
}

impl SyncProgressLines {
    pub(crate) fn line(&self, p: &shortlist_delivery::sync::SyncProgress) -> Option<String> {
        let (phase, next, last) = self.state.get();
        let new_phase = p.phase != phase;
        let show = new_phase || p.done >= next || p.done == p.total;
        if !show || (!new_phase && last == Some(p.done)) {
            return None;
        }
        let step = (p.total / 10).max(1);
        self.state.set((p.phase, p.done + step, Some(p.done)));
        let what = match p.phase {
            "postings" => "listing interviewers",
            "candidates" => "listing candidates of interviewer",
            "interviews" => "fetching interviews",
            "import" => "merging into the workspace",
            other => other,
        };
        Some(format!("sync: {what} {}/{}", p.done, p.total))
    }
}

#[derive(Subcommand, Debug)]
pub enum AuditCmd {
    /// Check the hash chain, the append-only triggers and the anchor (audit.head); exit 1 if the log was changed
    Verify {
        #[arg(long)]
        json: bool,
    },
}

#[derive(Subcommand, Debug)]
pub enum NotifCmd {
    List {
        #[arg(long)]
        json: bool,
        /// Only unread ones
        #[arg(long)]
        unread: bool,
    },
    /// Mark notifications read by key
    Read {
        #[arg(required = true)]
        keys: Vec<String>,
    },
    /// Mark every notification read
    ReadAll,
    /// High-score threshold in percent (per interviewer, or the default)
    Threshold {
        value: f64,
        #[arg(long, value_name = "POSTING_ID")]
        interviewer: Option<String>,
    },
}

#[derive(Subcommand, Debug)]
pub enum SettingsCmd {
    Get { key: String },
    Set { key: String, value: String },
}

#[derive(Subcommand, Debug)]
pub enum SecretCmd {
    /// SMTP password for USER on HOST, read from stdin
    Smtp { host: String, user: String },
    /// HeyMilo API key for URL, read from stdin
    Api { url: String },
}

fn print_json<T: Serialize>(v: &T) -> Result<()> {
    outln!("{}", serde_json::to_string_pretty(v)?);
    Ok(())
}

fn read_stdin_line(what: &str) -> Result<Secret> {
    let mut line = String::new();
    std::io::stdin()
        .lock()
        .read_line(&mut line)
        .with_context(|| format!("reading the {what} from stdin"))?;
    let s = line.trim_end_matches(['\r', '\n']).to_string();
    if s.is_empty() {
        bail!("no {what} on stdin");
    }
    Ok(Secret::new(s))
}

fn print_queue(what: &str, r: &QueueReport, json: bool) -> Result<()> {
    if json {
        return print_json(r);
    }
    for q in &r.queued {
        outln!(
            "queued {what} for {} (outbox #{})",
            q.interview_id,
            q.outbox_id
        );
    }
    for s in &r.skipped {
        outln!("skipped {}: {}", s.interview_id, s.reason);
    }
    outln!(
        "{} queued, {} skipped; deliver with `shortlist outbox send`",
        r.queued.len(),
        r.skipped.len()
    );
    Ok(())
}

fn fmt_time(t: f64) -> String {
    time::OffsetDateTime::from_unix_timestamp(t as i64)
        .ok()
        .and_then(|d| {
            d.format(&time::macros::format_description!(
                "[year]-[month]-[day] [hour]:[minute]:[second]Z"
            ))
            .ok()
        })
        .unwrap_or_else(|| format!("{t}"))
}

fn print_delivery(r: &shortlist_delivery::DeliveryReport, json: bool) -> Result<()> {
    if json {
        return print_json(r);
    }
    for id in &r.recovered {
        outln!("outbox #{id}: was interrupted while sending; queued again");
    }
    for i in &r.items {
        match i.status.as_str() {
            "sent" => outln!("outbox #{} ({}): sent", i.outbox_id, i.interview_id),
            "queued" => outln!(
                "outbox #{} ({}): not delivered (attempt {}), next try {}: {}",
                i.outbox_id,
                i.interview_id,
                i.attempts,
                i.next_attempt_at.map(fmt_time).unwrap_or_default(),
                i.error.as_deref().unwrap_or("")
            ),
            _ => outln!(
                "outbox #{} ({}): FAILED: {}",
                i.outbox_id,
                i.interview_id,
                i.error.as_deref().unwrap_or("")
            ),
        }
    }
    outln!(
        "{} sent, {} to retry, {} failed",
        r.count("sent"),
        r.count("queued"),
        r.count("failed")
    );
    Ok(())
}

fn smtp_config(ws: &Workspace, a: &SmtpArgs) -> Result<SmtpConfig> {
    let overrides = SmtpOverrides {
        host: a.smtp_host.clone(),
        port: a.smtp_port,
        security: a.smtp_security.clone(),
        user: a.smtp_user.clone(),
        from: a.from.clone(),
        from_name: a.from_name.clone(),
    };
    let password = if a.smtp_password_stdin {
        Some(read_stdin_line("SMTP password")?)
    } else {
        None
    };
    Ok(shortlist_delivery::smtp::config_from_settings(
        ws, &overrides, password,
    )?)
}

pub fn run(ws: &Workspace, cmd: ActionCmd) -> Result<()> {
    match cmd {
        ActionCmd::Cohort { cmd } => match cmd {
            CohortCmd::Create { name } => {
                let c = cohorts::create_cohort(ws, &name)?;
                outln!("created cohort `{}` (#{})", c.name, c.id);
            }
            CohortCmd::Add { name, ids } => {
                let r = cohorts::add_to_cohort(ws, &name, &ids)?;
                outln!(
                    "added {} to `{}` ({} already in); {} members",
                    r.changed.len(),
                    r.cohort.name,
                    r.unchanged.len(),
                    r.cohort.members
                );
            }
            CohortCmd::Remove { name, ids } => {
                let r = cohorts::remove_from_cohort(ws, &name, &ids)?;
                outln!(
                    "removed {} from `{}` ({} were not in it); {} members",
                    r.changed.len(),
                    r.cohort.name,
                    r.unchanged.len(),
                    r.cohort.members
                );
            }
            CohortCmd::List { json } => {
                let list = cohorts::list_cohorts(ws)?;
                if json {
                    print_json(&list)?;
                } else {
                    for c in list {
                        outln!("{}\t{} members", c.name, c.members);
                    }
                }
            }
            CohortCmd::Delete { name } => {
                cohorts::delete_cohort(ws, &name)?;
                outln!("deleted cohort `{name}`");
            }
        },
        ActionCmd::Note { cmd } => match cmd {
            NoteCmd::Add { id, at, text, json } => {
                let n = notes::add_note(ws, &id, at, &text)?;
                if json {
                    print_json(&n)?;
                } else {
                    outln!("note #{} added to {}", n.id, n.interview_id);
                }
            }
            NoteCmd::List { id, json } => {
                core_actions::candidate(ws, &id)?;
                let list = notes::list_notes(ws, &id)?;
                if json {
                    print_json(&list)?;
                } else {
                    for n in list {
                        let at = n
                            .at_seconds
                            .map(|s| format!("{:02}:{:02}", (s / 60.0) as u64, (s % 60.0) as u64))
                            .unwrap_or_else(|| "--:--".into());
                        outln!("#{}\t{at}\t{}\t{}", n.id, n.author, n.text);
                    }
                }
            }
            NoteCmd::Delete { note_id } => {
                notes::delete_note(ws, note_id)?;
                outln!("note #{note_id} deleted");
            }
        },
        ActionCmd::Nudge { ids, json } => {
            let r = messages::nudge(ws, &ids, None, &QueueOptions::default())?;
            print_queue("nudge", &r, json)?;
        }
        ActionCmd::Blast {
            ids,
            subject,
            body_file,
            json,
        } => {
            let body = std::fs::read_to_string(&body_file).with_context(|| {
                format!("cannot read the message body from {}", body_file.display())
            })?;
            let r = messages::blast(ws, &ids, &subject, &body, &QueueOptions::default())?;
            print_queue("message", &r, json)?;
        }
        ActionCmd::Retake { ids, force, json } => {
            let grants = messages::allow_retake(ws, &ids, force, &QueueOptions::default())?;
            if json {
                print_json(&grants)?;
            } else {
                for g in grants {
                    let policy = g
                        .max_retakes
                        .map(|m| format!("policy allows {m}"))
                        .unwrap_or_else(|| "no retake limit set".into());
                    outln!(
                        "retake allowed for {} (retake #{}, {policy}{}); mail queued as outbox #{}",
                        g.interview_id,
                        g.used_before + 1,
                        if g.forced {
                            ", overridden with --force"
                        } else {
                            ""
                        },
                        g.outbox_id
                            .map(|i| i.to_string())
                            .unwrap_or_else(|| "-".into())
                    );
                }
            }
        }
        ActionCmd::Ats { cmd } => match cmd {
            AtsCmd::Push {
                ids,
                ats,
                create_submission,
                json,
            } => {
                let ats = match ats {
                    Some(a) => a,
                    None => core_actions::setting(ws, "ats.name")?.context(
                        "no ATS name: pass --ats NAME (e.g. bullhorn) or set it with `shortlist settings set ats.name NAME`",
                    )?,
                };
                let r = messages::queue_ats_push(
                    ws,
                    &ids,
                    &ats,
                    create_submission,
                    &QueueOptions::default(),
                )?;
                if json {
                    print_json(&r)?;
                } else {
                    for q in &r.queued {
                        outln!(
                            "queued ATS push for {} (outbox #{})",
                            q.interview_id,
                            q.outbox_id
                        );
                    }
                    for s in &r.skipped {
                        outln!("skipped {}: {}", s.interview_id, s.reason);
                    }
                    outln!("deliver with `shortlist ats send --api-url URL`");
                }
            }
            AtsCmd::Send { api, json } => {
                let client = api.client()?;
                let r = shortlist_delivery::ats::send_ats(ws, &client, &RetryPolicy::default())?;
                print_delivery(&r, json)?;
            }
            AtsCmd::Status { api, json } => {
                let client = api.client()?;
                let r = shortlist_delivery::ats::poll_ats(ws, &client, None)?;
                if json {
                    print_json(&r)?;
                } else {
                    for s in r {
                        outln!(
                            "outbox #{} (ATS item {}): {} (retries {}, failures {})",
                            s.outbox_id,
                            s.item_id,
                            s.status,
                            s.retry_count,
                            s.failures
                        );
                    }
                }
            }
        },
        ActionCmd::Outbox { cmd } => match cmd {
            OutboxCmd::List { json, status } => {
                let status = match status {
                    Some(s) => Some(OutboxStatus::parse(&s).with_context(|| {
                        format!("unknown status `{s}`: use queued, sending, sent or failed")
                    })?),
                    None => None,
                };
                let items = outbox::list(ws, status)?;
                if json {
                    print_json(&items)?;
                } else {
                    for i in &items {
                        let subject = i
                            .payload
                            .get("subject")
                            .and_then(|s| s.as_str())
                            .unwrap_or("");
                        let next = if i.status == OutboxStatus::Queued {
                            format!(" next {}", fmt_time(i.next_attempt_at))
                        } else {
                            String::new()
                        };
                        outln!(
                            "#{}\t{}\t{}\t{}\tattempts {}{}\t{}{}",
                            i.id,
                            i.kind.as_str(),
                            i.interview_id,
                            i.status.as_str(),
                            i.attempts,
                            next,
                            subject,
                            i.last_error
                                .as_deref()
                                .map(|e| format!("\t({e})"))
                                .unwrap_or_default()
                        );
                    }
                    let c = outbox::counts(ws)?;
                    outln!(
                        "{} queued, {} sending, {} sent, {} failed",
                        c.queued,
                        c.sending,
                        c.sent,
                        c.failed
                    );
                }
            }
            OutboxCmd::Send { smtp, json } => {
                let cfg = smtp_config(ws, &smtp)?;
                let r = shortlist_delivery::smtp::send_outbox(ws, &cfg, &RetryPolicy::default())?;
                print_delivery(&r, json)?;
            }
            OutboxCmd::Retry { ids } => {
                let items = outbox::retry(ws, &ids)?;
                outln!("{} item(s) queued again", items.len());
            }
            OutboxCmd::Cancel { ids } => {
                let items = outbox::cancel(ws, &ids)?;
                outln!("{} item(s) cancelled", items.len());
            }
            OutboxCmd::ExportEml {
                dir,
                from,
                from_name,
                mark_sent,
            } => {
                let sender = Sender::resolve(ws, from.as_deref(), from_name.as_deref())?;
                let files = shortlist_delivery::eml::export_eml(ws, &dir, &sender, mark_sent)?;
                for f in &files {
                    outln!("{}", f.path.display());
                }
                outln!(
                    "{} message(s) written{}",
                    files.len(),
                    if mark_sent { " and marked sent" } else { "" }
                );
            }
        },
        ActionCmd::Enrich { ids, json } => {
            let r = core_actions::enrich::enrich(ws, &ids)?;
            if json {
                print_json(&r)?;
            } else {
                for e in r {
                    outln!(
                        "{}\tcountry {}\ttimezone {}\ttags {}",
                        e.interview_id,
                        e.country.as_deref().unwrap_or("-"),
                        e.timezone.as_deref().unwrap_or("-"),
                        if e.tags.is_empty() {
                            "-".into()
                        } else {
                            e.tags.join(", ")
                        }
                    );
                }
            }
        }
        ActionCmd::FindJobs { id, json } => {
            let r = core_actions::find_jobs::find_other_jobs(ws, &id)?;
            if json {
                print_json(&r)?;
            } else if r.matches.is_empty() {
                outln!("no other interviewer in this workspace");
            } else {
                for m in r.matches {
                    outln!(
                        "{:5.1}\t{}\t{} ({})",
                        m.score,
                        m.posting_id,
                        m.title,
                        m.status
                    );
                    for reason in m.reasons {
                        outln!("\t- {reason}");
                    }
                }
            }
        }
        ActionCmd::CrossAgent { id, json } => {
            let r = core_actions::cross_agent::cross_agent(ws, &id)?;
            if json {
                print_json(&r)?;
            } else {
                if let Some(n) = &r.note {
                    outln!("note: {n}");
                }
                if r.signals.is_empty() {
                    outln!("no mismatch found between résumé and interview");
                }
                for s in &r.signals {
                    let at = s
                        .timestamp
                        .map(|t| format!(" at {:02}:{:02}", (t / 60.0) as u64, (t % 60.0) as u64))
                        .unwrap_or_default();
                    outln!("[{}] {} ({})", s.severity, s.topic, s.source);
                    outln!("\trésumé:    {}", s.resume_claim);
                    outln!("\tinterview{at}: {}", s.interview_quote);
                }
            }
        }
        ActionCmd::Notifications { cmd } => {
            use core_actions::notifications as nf;
            let t = shortlist_core::store::now();
            match cmd {
                NotifCmd::List { json, unread } => {
                    let mut n = nf::list(ws, t)?;
                    if unread {
                        n.items.retain(|i| !i.read);
                    }
                    if json {
                        print_json(&n)?;
                    } else {
                        for i in &n.items {
                            outln!(
                                "{}\t{}\t{} — {}\t[{}]",
                                if i.read { " " } else { "*" },
                                fmt_time(i.at),
                                i.title,
                                i.detail,
                                i.key
                            );
                        }
                        outln!("{} unread", n.unread);
                    }
                }
                NotifCmd::Read { keys } => {
                    let n = nf::mark_read(ws, &keys, t)?;
                    outln!("{n} marked read");
                }
                NotifCmd::ReadAll => {
                    let n = nf::mark_all_read(ws, t)?;
                    outln!("{n} marked read");
                }
                NotifCmd::Threshold { value, interviewer } => {
                    if let Some(p) = &interviewer {
                        shortlist_core::review::interviewer(ws, p)?;
                    }
                    nf::set_threshold(ws, interviewer.as_deref(), value)?;
                    outln!("high-score threshold set to {value}%");
                }
            }
        }
        ActionCmd::Sync(args) => {
            let client = args.api.client()?;
            let opts = shortlist_delivery::sync::SyncOptions {
                postings: args.postings.clone(),
                media: !args.no_media,
                interviews: args.interviews.clone(),
            };
            // Ctrl-C cancels cleanly: what was fetched stays staged for the
            // next sync, nothing is written. A second Ctrl-C quits at once.
            let cancel = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
            {
                let cancel = cancel.clone();
                // Fails only if a handler is already set (not in this CLI).
                let _ = ctrlc::set_handler(move || {
                    use std::io::Write as _;
                    if cancel.swap(true, std::sync::atomic::Ordering::SeqCst) {
                        std::process::exit(130);
                    }
                    let _ = writeln!(
                        std::io::stderr().lock(),
                        "sync: cancelling after the current item (Ctrl-C again to quit at once)"
                    );
                });
            }
            let lines = SyncProgressLines::default();
            // On a terminal, or asked for: a script reading stderr gets
            // only the one-line error.
            let quiet = !(args.progress || std::io::IsTerminal::is_terminal(&std::io::stderr()));
            let r = shortlist_delivery::sync::sync_with(
                ws,
                &client,
                &opts,
                &|p| {
                    if quiet {
                        return;
                    }
                    if let Some(line) = lines.line(&p) {
                        use std::io::Write as _;
                        let _ = writeln!(std::io::stderr().lock(), "{line}");
                    }
                },
                &cancel,
            )?;
            if args.json {
                print_json(&r)?;
            } else {
                outln!(
                    "fetched {} interviewer(s), {} candidate(s), {} interview(s), {} recording(s)",
                    r.postings,
                    r.candidates,
                    r.interviews,
                    r.media_downloaded
                );
                if let Some(i) = &r.import {
                    for (what, c) in [
                        ("interviewers", &i.postings),
                        ("candidates", &i.candidates),
                        ("interviews", &i.interviews),
                        ("media", &i.media),
                    ] {
                        outln!(
                            "{what}: {} added, {} updated, {} unchanged",
                            c.added,
                            c.updated,
                            c.unchanged
                        );
                    }
                }
                if !r.not_ready.is_empty() {
                    outln!(
                        "{} interview(s) not ready yet (fetched again on the next sync): {}",
                        r.not_ready.len(),
                        r.not_ready.join(", ")
                    );
                }
                for f in &r.media_failed {
                    outln!(
                        "recording not downloaded for {} ({}): {}",
                        f.interview_id,
                        f.field,
                        f.reason
                    );
                }
                if r.unchanged > 0 || r.resumed > 0 {
                    outln!(
                        "{} interview(s) unchanged since the last sync (not fetched), {} taken from an interrupted sync",
                        r.unchanged,
                        r.resumed
                    );
                }
                for s in &r.skipped {
                    outln!("skipped {}: {}", s.interview_id, s.reason);
                }
                if !r.deleted_upstream.is_empty() {
                    outln!(
                        "{} interview(s) deleted in HeyMilo but still here; erase them with `shortlist erase {} --yes`",
                        r.deleted_upstream.len(),
                        r.deleted_upstream.join(" ")
                    );
                }
            }
        }
        ActionCmd::Audit { cmd } => match cmd {
            AuditCmd::Verify { json } => {
                // Chain, append-only triggers and the anchor (audit.head).
                let r = shortlist_core::audit::verify_workspace(ws)?;
                if json {
                    print_json(&r)?;
                }
                if !r.is_intact() {
                    bail!("{}", r.summary());
                }
                if !json {
                    outln!("{}", r.summary());
                }
            }
        },
        ActionCmd::Settings { cmd } => match cmd {
            SettingsCmd::Get { key } => match core_actions::setting(ws, &key)? {
                Some(v) => outln!("{v}"),
                None => bail!("setting `{key}` is not set"),
            },
            SettingsCmd::Set { key, value } => {
                core_actions::set_setting(ws, &key, &value)?;
                outln!("{key} set");
            }
        },
        ActionCmd::Secret { cmd } => match cmd {
            SecretCmd::Smtp { host, user } => {
                let s = read_stdin_line("SMTP password")?;
                secrets::keychain_set(&secrets::smtp_account(&host, &user), &s)?;
                outln!("stored in the OS keychain");
            }
            SecretCmd::Api { url } => {
                let s = read_stdin_line("API key")?;
                secrets::keychain_set(&secrets::api_account(&url), &s)?;
                outln!("stored in the OS keychain");
            }
        },
    }
    Ok(())
}

#[cfg(test)]
mod sync_progress_tests {
    use super::SyncProgressLines;
    use shortlist_delivery::sync::SyncProgress;

    #[test]
    fn a_line_per_phase_and_per_tenth_not_per_item() {
        let lines = SyncProgressLines::default();
        let mut out = Vec::new();
        let mut feed = |phase: &'static str, done: u64, total: u64| {
            if let Some(l) = lines.line(&SyncProgress { phase, done, total }) {
                out.push(l);
            }
        };
        feed("postings", 0, 1);
        feed("postings", 1, 1);
        for d in 0..=3 {
            feed("candidates", d, 3);
        }
        for d in 0..=1000 {
            feed("interviews", d, 1000);
        }
        feed("interviews", 1000, 1000);
        feed("import", 0, 1000);
        assert_eq!(out.len(), 2 + 4 + 11 + 1, "{out:#?}");
        assert_eq!(out[0], "sync: listing interviewers 0/1");
        assert_eq!(out[7], "sync: fetching interviews 100/1000");
        assert_eq!(out[16], "sync: fetching interviews 1000/1000");
        assert_eq!(out[17], "sync: merging into the workspace 0/1000");
    }
}
