//! `.eml` export of queued mail (F41), for sending by hand when offline.
//!
//! Files are named `outbox-<id>.eml` and written atomically (temp file in the
//! target folder, fsync, rename). The messages are byte-for-byte what SMTP
//! delivery would send (same builder, same `Message-ID`). With `mark_sent`
//! the items are marked delivered (`via eml`) in one transaction after every
//! file is written, so SMTP delivery will not send them again.

use std::io::Write;
use std::path::{Path, PathBuf};

use shortlist_core::actions::outbox::{self, OutboxStatus};
use shortlist_core::Workspace;

use crate::smtp::{build_message, Sender};
use crate::{DeliveryError, DeliveryResult};

#[derive(Debug, Clone, serde::Serialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ExportedEml {
    pub outbox_id: i64,
    pub path: PathBuf,
}

pub fn export_eml(
    ws: &Workspace,
    dir: &Path,
    sender: &Sender,
    mark_sent: bool,
) -> DeliveryResult<Vec<ExportedEml>> {
    std::fs::create_dir_all(dir).map_err(|source| DeliveryError::Io {
        path: dir.to_path_buf(),
        source,
    })?;
    let mut items: Vec<_> = outbox::list(ws, Some(OutboxStatus::Queued))?
        .into_iter()
        .filter(|i| i.kind.is_mail())
        .collect();
    items.sort_by_key(|i| i.id);
    let mut out = Vec::with_capacity(items.len());
    for item in &items {
        let bytes = build_message(item, sender)?.formatted();
        let path = dir.join(format!("outbox-{}.eml", item.id));
        let io = |source| DeliveryError::Io {
            path: path.clone(),
            source,
        };
        let mut tmp = tempfile::NamedTempFile::new_in(dir).map_err(io)?;
        tmp.write_all(&bytes).map_err(io)?;
        tmp.as_file().sync_all().map_err(io)?;
        tmp.persist(&path).map_err(|e| io(e.error))?;
        out.push(ExportedEml {
            outbox_id: item.id,
            path,
        });
    }
    if mark_sent && !out.is_empty() {
        outbox::mark_exported(ws, &out.iter().map(|e| e.outbox_id).collect::<Vec<_>>())?;
    }
    Ok(out)
}
