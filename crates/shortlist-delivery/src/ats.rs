//! Send Results to ATS (F43): deliver queued `ats_push` outbox items through
//! `POST /api/v2/ats/candidates/push` and poll
//! `GET /api/v2/ats/candidates/push/{item_id}`.
//!
//! Outcomes: an accepted push (`EnqueuePushResponse` with an `item_id` and no
//! `error`) → `sent` with the remote item id; rate limits, 5xx and network
//! errors → back-off; any other refusal (unsupported ATS, validation error,
//! refused key) → `failed` with the API's message. Retried pushes carry the
//! same body; the push API has no idempotency header, so the at-least-once
//! note of the outbox applies (a duplicate push updates the same ATS record
//! once `ats_candidate_id` is known on HeyMilo's side).

use serde::Serialize;
use serde_json::Value;
use shortlist_core::actions::outbox::{self, OutboxKind, OutboxStatus, Outcome, RetryPolicy};
use shortlist_core::store::now;
use shortlist_core::Workspace;

use crate::heymilo::Client;
use crate::{item_result, DeliveryReport, DeliveryResult};

pub fn send_ats(
    ws: &Workspace,
    client: &Client,
    policy: &RetryPolicy,
) -> DeliveryResult<DeliveryReport> {
    let mut report = DeliveryReport {
        recovered: outbox::recover_stale(ws, policy, now())?,
        items: Vec::new(),
    };
    // Claim only what was due when the run started: an item that fails
    // now is retried in a later run, never twice in this one.
    let started = now();
    loop {
        let batch = outbox::claim_due(ws, &[OutboxKind::AtsPush], started, 50)?;
        if batch.is_empty() {
            break;
        }
        for item in batch {
            let outcome = match client.ats_push(&item.payload) {
                Ok(resp) => {
                    let status = resp
                        .get("status")
                        .and_then(Value::as_str)
                        .unwrap_or("")
                        .to_string();
                    let error = resp.get("error").and_then(Value::as_str);
                    let item_id = resp.get("item_id").and_then(Value::as_str);
                    match (error, item_id) {
                        (Some(e), _) => {
                            Outcome::Permanent(format!("ATS push refused ({status}): {e}"))
                        }
                        (None, Some(id)) => Outcome::Sent {
                            via: "api".into(),
                            remote_id: Some(id.to_string()),
                            remote_status: Some(status),
                        },
                        (None, None) => Outcome::Permanent(format!(
                            "ATS push answered `{status}` without a queue item id"
                        )),
                    }
                }
                Err(e) if e.is_transient() => Outcome::Transient(e.to_string()),
                Err(e) => Outcome::Permanent(e.to_string()),
            };
            let done = outbox::complete(ws, item.id, &outcome, policy, now())?;
            report.items.push(item_result(&done));
        }
    }
    Ok(report)
}

#[derive(Debug, Clone, Serialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PushStatus {
    pub outbox_id: i64,
    pub item_id: String,
    pub status: String,
    pub retry_count: i64,
    pub failures: usize,
}

/// Poll the status of every sent push (or only `ids`) and store it.
pub fn poll_ats(
    ws: &Workspace,
    client: &Client,
    ids: Option<&[i64]>,
) -> DeliveryResult<Vec<PushStatus>> {
    let items: Vec<_> = outbox::list(ws, Some(OutboxStatus::Sent))?
        .into_iter()
        .filter(|i| i.kind == OutboxKind::AtsPush)
        .filter(|i| ids.is_none_or(|ids| ids.contains(&i.id)))
        .collect();
    let mut out = Vec::new();
    for item in items {
        let Some(remote) = item.remote_id.clone() else {
            continue;
        };
        let s = client.ats_push_status(&remote)?;
        let status = s
            .get("status")
            .and_then(Value::as_str)
            .unwrap_or("unknown")
            .to_string();
        outbox::set_remote_status(ws, item.id, &status)?;
        out.push(PushStatus {
            outbox_id: item.id,
            item_id: remote,
            status,
            retry_count: s.get("retry_count").and_then(Value::as_i64).unwrap_or(0),
            failures: s
                .get("failure_instances")
                .and_then(Value::as_array)
                .map_or(0, Vec::len),
        });
    }
    Ok(out)
}
