//! Subscribers as people (SPEC F10, issue 16): who gets an interviewer's
//! notifications, and the reviewer's own additions and removals.
//!
//! The imported list comes from the posting extension (`subscribers`) and
//! is never written here. The reviewer's changes are reviewer data, kept in
//! the `settings` table under `subscribers.<posting id>` as
//! `{"added": [...], "removed": [...]}` (lower-cased addresses), so a
//! re-import or a sync can change the imported list without losing them:
//! the effective list is the imported one minus `removed`, plus `added`.
//! Audit entries carry the posting id only, never an address.

use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use super::{begin, get_setting, ActionError, ActionResult};
use crate::error::StoreError;
use crate::ext::PostingExtension;
use crate::store::Workspace;

/// One subscriber of an interviewer.
#[derive(Debug, Clone, Serialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Subscriber {
    pub email: String,
    /// `imported` (from the export / sync) or `added` (by a reviewer here).
    pub source: String,
}

/// The reviewer's overlay on the imported list.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
struct Overlay {
    #[serde(default)]
    added: Vec<String>,
    #[serde(default)]
    removed: Vec<String>,
}

fn key(posting_id: &str) -> String {
    format!("subscribers.{posting_id}")
}

/// Check a subscriber address; the error says what is wrong and how to
/// write it.
pub fn check_address(email: &str) -> ActionResult<String> {
    let e = email.trim();
    if e.is_empty() {
        return Err(ActionError::Invalid(
            "enter the subscriber's e-mail address, e.g. name@example.org".into(),
        ));
    }
    if !crate::import::csv::valid_email(e) {
        return Err(ActionError::Invalid(format!(
            "`{e}` is not an e-mail address; write it as name@example.org (one `@`, a dotted domain, no spaces)"
        )));
    }
    Ok(e.to_string())
}

fn imported(conn: &Connection, posting_id: &str) -> ActionResult<Vec<String>> {
    let row: Option<Option<String>> = conn
        .query_row(
            "SELECT ext_raw FROM postings WHERE id = ?1",
            [posting_id],
            |r| r.get(0),
        )
        .optional()?;
    let Some(ext_raw) = row else {
        return Err(StoreError::NoSuchPosting(posting_id.to_string()).into());
    };
    let Some(raw) = ext_raw else {
        return Ok(Vec::new());
    };
    let ext: PostingExtension =
        crate::project::posting::parse_stored(&raw, "posting extensions", posting_id)?;
    Ok(ext.subscribers)
}

fn overlay(conn: &Connection, posting_id: &str) -> ActionResult<Overlay> {
    Ok(match get_setting(conn, &key(posting_id))? {
        Some(v) => serde_json::from_str(&v).map_err(|e| {
            ActionError::Invalid(format!(
                "setting `{}` is damaged ({e}); remove it to start from the imported subscribers",
                key(posting_id)
            ))
        })?,
        None => Overlay::default(),
    })
}

fn merged(imported: Vec<String>, o: &Overlay) -> Vec<Subscriber> {
    let mut seen = std::collections::HashSet::new();
    let mut out = Vec::new();
    for e in imported {
        let k = e.trim().to_lowercase();
        if k.is_empty() || o.removed.contains(&k) || !seen.insert(k) {
            continue;
        }
        out.push(Subscriber {
            email: e.trim().to_string(),
            source: "imported".into(),
        });
    }
    for e in &o.added {
        if seen.insert(e.to_lowercase()) {
            out.push(Subscriber {
                email: e.clone(),
                source: "added".into(),
            });
        }
    }
    out
}

fn read(conn: &Connection, posting_id: &str) -> ActionResult<Vec<Subscriber>> {
    let imp = imported(conn, posting_id)?;
    let o = overlay(conn, posting_id)?;
    Ok(merged(imp, &o))
}

/// The interviewer's subscribers: imported ones first (in export order),
/// then the ones reviewers added.
pub fn list_subscribers(ws: &Workspace, posting_id: &str) -> ActionResult<Vec<Subscriber>> {
    read(&ws.reader(), posting_id)
}

fn write(
    ws: &Workspace,
    posting_id: &str,
    f: impl FnOnce(Vec<String>, &mut Overlay) -> ActionResult<()>,
    action: &str,
) -> ActionResult<Vec<Subscriber>> {
    let mut conn = ws.writer();
    let tx = begin(&mut conn)?;
    let imp = imported(&tx, posting_id)?;
    let mut o = overlay(&tx, posting_id)?;
    f(imp, &mut o)?;
    let value = serde_json::to_string(&o).expect("overlay serialises");
    tx.execute(
        "INSERT INTO settings (key, value) VALUES (?1, ?2)
         ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        [key(posting_id), value],
    )?;
    crate::audit::append(&tx, action, Some(posting_id))?;
    let out = read(&tx, posting_id)?;
    tx.commit()?;
    Ok(out)
}

/// Add a subscriber; refuses an invalid address or one already subscribed.
pub fn add_subscriber(
    ws: &Workspace,
    posting_id: &str,
    email: &str,
) -> ActionResult<Vec<Subscriber>> {
    let email = check_address(email)?;
    let k = email.to_lowercase();
    write(
        ws,
        posting_id,
        |imp, o| {
            let current = merged(imp.clone(), o);
            if current.iter().any(|s| s.email.to_lowercase() == k) {
                return Err(ActionError::Invalid(format!(
                    "`{email}` is already a subscriber"
                )));
            }
            if o.removed.contains(&k) && imp.iter().any(|e| e.trim().to_lowercase() == k) {
                o.removed.retain(|r| r != &k);
            } else {
                o.added.push(email.clone());
            }
            Ok(())
        },
        "subscribers.add",
    )
}

/// Remove a subscriber (an imported one stays removed across re-imports).
pub fn remove_subscriber(
    ws: &Workspace,
    posting_id: &str,
    email: &str,
) -> ActionResult<Vec<Subscriber>> {
    let k = email.trim().to_lowercase();
    write(
        ws,
        posting_id,
        |imp, o| {
            let current = merged(imp.clone(), o);
            let Some(s) = current.iter().find(|s| s.email.to_lowercase() == k) else {
                return Err(ActionError::Invalid(format!(
                    "`{}` is not a subscriber of this interviewer",
                    email.trim()
                )));
            };
            if s.source == "added" {
                o.added.retain(|a| a.to_lowercase() != k);
            } else {
                o.removed.push(k.clone());
            }
            Ok(())
        },
        "subscribers.remove",
    )
}
