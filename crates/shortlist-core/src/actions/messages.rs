//! Actions that queue outbox items (F12, F40–F43): Nudge, Blast, Allow
//! Retake, Send Results to ATS. Each one is a single transaction: reviewer
//! data (retake grants), outbox rows and audit entries commit together.

use std::str::FromStr;

use rusqlite::{params, Connection};
use serde::{Deserialize, Serialize};
use serde_json::json;

use super::outbox::{enqueue, make_key, new_request_id, MailPayload, NotQueued, OutboxKind};
use super::templates::{self, MessageTemplate, TemplateProblem, TemplateVars};
use super::{begin, candidate_refs, ActionError, ActionResult, BadAddress, CandidateRef};
use crate::audit;
use crate::store::{now, Workspace};

#[derive(Debug, Clone, Serialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Queued {
    pub outbox_id: i64,
    pub interview_id: String,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Skipped {
    pub interview_id: String,
    pub reason: String,
}

/// What a queueing action did, per candidate.
#[derive(Debug, Clone, Serialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct QueueReport {
    pub request_id: String,
    pub queued: Vec<Queued>,
    pub skipped: Vec<Skipped>,
}

/// Options shared by the queueing actions.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct QueueOptions {
    /// Id of this action request (the UI makes one per click). Sending the
    /// same request twice queues nothing the second time. Generated when
    /// `None`.
    pub request_id: Option<String>,
}

/// Check an address with lettre's parser (RFC 5321 mailbox + IDNA domain).
pub fn check_address(address: &str) -> Result<(), String> {
    let trimmed = address.trim();
    if trimmed.is_empty() {
        return Err("no e-mail address".into());
    }
    lettre::Address::from_str(trimmed)
        .map(|_| ())
        .map_err(|e| e.to_string())
}

fn refuse_bad_addresses(refs: &[CandidateRef]) -> ActionResult<()> {
    let bad: Vec<BadAddress> = refs
        .iter()
        .filter_map(|c| {
            check_address(&c.email).err().map(|reason| BadAddress {
                interview_id: c.interview_id.clone(),
                address: c.email.clone(),
                reason,
            })
        })
        .collect();
    if bad.is_empty() {
        Ok(())
    } else {
        Err(ActionError::InvalidEmail(bad))
    }
}

fn step_label(kind: Option<&str>) -> &'static str {
    match kind {
        Some("resume") => "résumé",
        Some("web_interview") => "video interview",
        Some("conversational_sms") => "SMS screening",
        Some("form") => "application form",
        _ => "interview",
    }
}

/// The first unfinished step of a candidate, or why there is none.
fn pending_step(conn: &Connection, c: &CandidateRef) -> ActionResult<Result<String, String>> {
    match c.imported_status.as_str() {
        "completed" | "evaluating" | "shortlisted" | "dismissed" => {
            return Ok(Err(format!(
                "interview is {}; nothing left to finish",
                c.imported_status
            )))
        }
        "knocked_out" => return Ok(Err("candidate was knocked out".into())),
        _ => {}
    }
    let mut stmt =
        conn.prepare("SELECT kind, status FROM steps WHERE interview_id = ?1 ORDER BY step_order")?;
    let steps: Vec<(Option<String>, String)> = stmt
        .query_map([&c.interview_id], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<Result<_, _>>()?;
    if steps.is_empty() {
        return Ok(Ok(step_label(None).to_string()));
    }
    Ok(
        match steps
            .iter()
            .find(|(_, s)| s != "completed" && s != "knocked_out")
        {
            Some((kind, _)) => Ok(step_label(kind.as_deref()).to_string()),
            None => Err("every step is completed; nothing left to finish".into()),
        },
    )
}

fn vars(c: &CandidateRef, step: &str) -> TemplateVars {
    TemplateVars {
        candidate_name: c.name.clone(),
        interviewer: c
            .interviewer_name
            .clone()
            .unwrap_or_else(|| c.job_title.clone()),
        job_title: c.job_title.clone(),
        interview_url: c.interview_url.clone().unwrap_or_default(),
        step: step.to_string(),
    }
}

fn mail(c: &CandidateRef, rendered: MessageTemplate) -> MailPayload {
    MailPayload {
        to: c.email.trim().to_string(),
        to_name: c.name.clone(),
        subject: rendered.subject,
        body: rendered.body,
    }
}

fn push(
    tx: &Connection,
    report: &mut QueueReport,
    kind: OutboxKind,
    interview_id: &str,
    payload: serde_json::Value,
) -> ActionResult<()> {
    let key = make_key(kind, interview_id, &payload.to_string(), &report.request_id);
    match enqueue(tx, kind, interview_id, &payload, &key)? {
        Ok(outbox_id) => report.queued.push(Queued {
            outbox_id,
            interview_id: interview_id.to_string(),
        }),
        Err(NotQueued::SameRequest(id)) => report.skipped.push(Skipped {
            interview_id: interview_id.to_string(),
            reason: format!("this request already queued it (outbox #{id})"),
        }),
        Err(NotQueued::StillWaiting(id)) => report.skipped.push(Skipped {
            interview_id: interview_id.to_string(),
            reason: format!("the same message is still waiting in the outbox (#{id})"),
        }),
    }
    Ok(())
}

fn new_report(opts: &QueueOptions) -> QueueReport {
    QueueReport {
        request_id: opts.request_id.clone().unwrap_or_else(new_request_id),
        queued: Vec::new(),
        skipped: Vec::new(),
    }
}

/// Nudge: remind each selected candidate to finish their first unfinished
/// step, using the workspace's nudge template (or `template`). Candidates
/// with nothing left to finish are skipped, with the reason.
pub fn nudge(
    ws: &Workspace,
    ids: &[String],
    template: Option<&MessageTemplate>,
    opts: &QueueOptions,
) -> ActionResult<QueueReport> {
    let mut conn = ws.writer();
    let tx = begin(&mut conn)?;
    let refs = candidate_refs(&tx, ids)?;
    let template = match template {
        Some(t) => t.clone(),
        None => templates::template_in(&tx, "nudge")?,
    };
    let mut report = new_report(opts);
    let mut todo = Vec::new();
    for c in refs {
        match pending_step(&tx, &c)? {
            Ok(step) => todo.push((c, step)),
            Err(reason) => report.skipped.push(Skipped {
                interview_id: c.interview_id.clone(),
                reason,
            }),
        }
    }
    refuse_bad_addresses(&todo.iter().map(|(c, _)| c.clone()).collect::<Vec<_>>())?;
    for (c, step) in &todo {
        let rendered = templates::render(&template, &vars(c, step))?;
        let payload = serde_json::to_value(mail(c, rendered)).expect("serialisable");
        push(
            &tx,
            &mut report,
            OutboxKind::Nudge,
            &c.interview_id,
            payload,
        )?;
    }
    tx.commit()?;
    Ok(report)
}

/// Blast: one subject and body (placeholders allowed) to every selected
/// candidate.
pub fn blast(
    ws: &Workspace,
    ids: &[String],
    subject: &str,
    body: &str,
    opts: &QueueOptions,
) -> ActionResult<QueueReport> {
    let template = MessageTemplate {
        subject: subject.to_string(),
        body: body.to_string(),
    };
    if subject.trim().is_empty() {
        return Err(ActionError::Invalid("the subject is empty".into()));
    }
    if body.trim().is_empty() {
        return Err(ActionError::Invalid("the message body is empty".into()));
    }
    templates::validate("subject", subject)?;
    templates::validate("body", body)?;
    let mut conn = ws.writer();
    let tx = begin(&mut conn)?;
    let refs = candidate_refs(&tx, ids)?;
    refuse_bad_addresses(&refs)?;
    let mut report = new_report(opts);
    for c in &refs {
        let rendered = templates::render(&template, &vars(c, "interview"))?;
        let payload = serde_json::to_value(mail(c, rendered)).expect("serialisable");
        push(
            &tx,
            &mut report,
            OutboxKind::Blast,
            &c.interview_id,
            payload,
        )?;
    }
    tx.commit()?;
    Ok(report)
}

/// A message as one candidate would receive it, before anything is queued
/// (the Nudge and Blast editors' preview).
#[derive(Debug, Clone, Serialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct MessagePreview {
    pub interview_id: String,
    pub to: String,
    pub to_name: String,
    /// Rendered exactly as queueing would; while the draft has problems,
    /// filled as far as it can be, with unknown placeholders left as
    /// written (see [`templates::render_as_written`]).
    pub rendered: MessageTemplate,
    /// Everything wrong with the draft (see [`templates::problems`]).
    pub problems: Vec<TemplateProblem>,
    /// The draft's unknown placeholders, by name.
    pub unknown_placeholders: Vec<String>,
    /// Why this candidate would get no message (nudge: nothing left to
    /// finish; any: an address the mail server would refuse).
    pub skipped: Option<String>,
}

/// Preview `draft` for one candidate as `kind` (`nudge` or `blast`) would
/// queue it: the same placeholders, the same step, the same checks.
pub fn preview(
    ws: &Workspace,
    kind: &str,
    interview_id: &str,
    draft: &MessageTemplate,
) -> ActionResult<MessagePreview> {
    if !matches!(kind, "nudge" | "blast") {
        return Err(ActionError::Invalid(format!(
            "no message kind `{kind}` to preview (nudge, blast)"
        )));
    }
    let conn = ws.reader();
    let c = candidate_refs(&conn, &[interview_id.to_string()])?
        .pop()
        .expect("one ref per id");
    let (step, mut skipped) = if kind == "nudge" {
        match pending_step(&conn, &c)? {
            Ok(step) => (step, None),
            Err(reason) => (step_label(None).to_string(), Some(reason)),
        }
    } else {
        ("interview".to_string(), None)
    };
    if skipped.is_none() {
        if let Err(reason) = check_address(&c.email) {
            skipped = Some(format!(
                "the address `{}` is not usable: {reason}",
                c.email.trim()
            ));
        }
    }
    let mut problems = templates::problems(draft);
    let vars = vars(&c, &step);
    let rendered = if problems.is_empty() {
        match templates::render(draft, &vars) {
            Ok(r) => r,
            // The candidate's own data breaks it (a line break in a name
            // put into the subject): said, not thrown.
            Err(ActionError::Template { field, message }) => {
                problems.push(TemplateProblem { field, message });
                templates::render_as_written(draft, &vars)
            }
            Err(e) => return Err(e),
        }
    } else {
        templates::render_as_written(draft, &vars)
    };
    let mut unknown = templates::unknown_placeholders(&draft.subject);
    for u in templates::unknown_placeholders(&draft.body) {
        if !unknown.contains(&u) {
            unknown.push(u);
        }
    }
    Ok(MessagePreview {
        interview_id: c.interview_id.clone(),
        to: c.email.trim().to_string(),
        to_name: c.name.clone(),
        rendered,
        problems,
        unknown_placeholders: unknown,
        skipped,
    })
}

#[derive(Debug, Clone, Serialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RetakeGrant {
    pub grant_id: i64,
    pub interview_id: String,
    /// Retakes granted before this one.
    pub used_before: i64,
    /// The interviewer's policy (`max_retakes`); `None` = no limit set.
    pub max_retakes: Option<i64>,
    pub forced: bool,
    pub outbox_id: Option<i64>,
}

/// Retakes already granted to a candidate.
pub fn retakes_granted(ws: &Workspace, interview_id: &str) -> ActionResult<i64> {
    Ok(ws.reader().query_row(
        "SELECT count(*) FROM retake_grants WHERE interview_id = ?1",
        [interview_id],
        |r| r.get(0),
    )?)
}

/// Allow Retake: record a grant per candidate and queue the retake mail.
/// The interviewer's `max_retakes` is respected unless `force`; a posting
/// without a `max_retakes` has no limit. Every candidate is checked before
/// anything is written.
pub fn allow_retake(
    ws: &Workspace,
    ids: &[String],
    force: bool,
    opts: &QueueOptions,
) -> ActionResult<Vec<RetakeGrant>> {
    let author = ws.reviewer();
    let mut conn = ws.writer();
    let tx = begin(&mut conn)?;
    let refs = candidate_refs(&tx, ids)?;
    let mut used = Vec::with_capacity(refs.len());
    for c in &refs {
        let n: i64 = tx.query_row(
            "SELECT count(*) FROM retake_grants WHERE interview_id = ?1",
            [&c.interview_id],
            |r| r.get(0),
        )?;
        if let Some(max) = c.max_retakes {
            if n >= max && !force {
                return Err(ActionError::RetakeLimit {
                    interview_id: c.interview_id.clone(),
                    used: n,
                    max,
                });
            }
        }
        used.push(n);
    }
    refuse_bad_addresses(&refs)?;
    let template = templates::template_in(&tx, "retake")?;
    let mut report = new_report(opts);
    let mut grants = Vec::new();
    let at = now();
    for (c, used_before) in refs.iter().zip(used) {
        let forced = force && c.max_retakes.is_some_and(|m| used_before >= m);
        tx.execute(
            "INSERT INTO retake_grants (interview_id, granted_by, granted_at, forced) VALUES (?1, ?2, ?3, ?4)",
            params![c.interview_id, author, at, forced],
        )?;
        let grant_id = tx.last_insert_rowid();
        audit::append(
            &tx,
            if forced {
                "retake.grant_forced"
            } else {
                "retake.grant"
            },
            Some(&format!("retake:{grant_id}:{}", c.interview_id)),
        )?;
        let rendered = templates::render(&template, &vars(c, "interview"))?;
        let mut payload = serde_json::to_value(mail(c, rendered)).expect("serialisable");
        // The grant id makes each retake mail distinct.
        payload["retake_grant"] = json!(grant_id);
        let before = report.queued.len();
        push(
            &tx,
            &mut report,
            OutboxKind::Retake,
            &c.interview_id,
            payload,
        )?;
        grants.push(RetakeGrant {
            grant_id,
            interview_id: c.interview_id.clone(),
            used_before,
            max_retakes: c.max_retakes,
            forced,
            outbox_id: report.queued.get(before).map(|q| q.outbox_id),
        });
    }
    tx.commit()?;
    Ok(grants)
}

/// Send Results to ATS: queue one `POST /api/v2/ats/candidates/push` per
/// candidate (request body `PushCandidateRequest`).
pub fn queue_ats_push(
    ws: &Workspace,
    ids: &[String],
    ats_name: &str,
    create_submission: bool,
    opts: &QueueOptions,
) -> ActionResult<QueueReport> {
    let ats_name = ats_name.trim();
    if ats_name.is_empty() {
        return Err(ActionError::Invalid(
            "no ATS name; give the provider name (e.g. `bullhorn`)".into(),
        ));
    }
    let mut conn = ws.writer();
    let tx = begin(&mut conn)?;
    let refs = candidate_refs(&tx, ids)?;
    let mut report = new_report(opts);
    for c in &refs {
        let (first, last) = split_name(&c.name);
        let payload = json!({
            "ats_name": ats_name,
            "posting_id": c.posting_id,
            "interview_id": c.interview_id,
            "create_submission": create_submission,
            "candidate": {
                "ats_candidate_id": null,
                "first_name": first,
                "last_name": last,
                "email": c.email,
                "phone": c.phone,
                "set_heymilo_source": true
            }
        });
        push(
            &tx,
            &mut report,
            OutboxKind::AtsPush,
            &c.interview_id,
            payload,
        )?;
    }
    tx.commit()?;
    Ok(report)
}

/// "Ana María López" → ("Ana María", "López"); a single word is a first name.
pub fn split_name(name: &str) -> (String, Option<String>) {
    let name = name.trim();
    match name.rsplit_once(char::is_whitespace) {
        Some((first, last)) if !first.trim().is_empty() => {
            (first.trim().to_string(), Some(last.to_string()))
        }
        _ => (name.to_string(), None),
    }
}
