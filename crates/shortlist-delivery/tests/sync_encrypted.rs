//! Sync into an encrypted workspace (SPEC F54): what a sync stages
//! (`sync-staging/`: interview documents, candidate lists, recordings) is
//! written encrypted, so no candidate byte is in clear in the workspace
//! folder even while a sync is interrupted; the merge reads it decrypted.

mod common;

use std::io::Read;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use common::fake_heymilo::{client, heymilo_with, storage, WEBM};
use shortlist_core::store::crypt::{self, KdfParams, NewKey};
use shortlist_core::Workspace;
use shortlist_delivery::sync::{sync, sync_with, SyncOptions, STAGING_DIR};
use shortlist_delivery::DeliveryError;

const PASS: &str = "sync passphrase";

fn files_with(dir: &Path, needle: &[u8]) -> Vec<String> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else if std::fs::read(&p)
                .unwrap()
                .windows(needle.len())
                .any(|w| w == needle)
            {
                out.push(p.display().to_string());
            }
        }
    }
    out
}

#[test]
fn staged_files_are_encrypted_and_merge() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("ws");
    drop(Workspace::open(&root).unwrap());
    let fast = KdfParams {
        memory_kib: KdfParams::MIN_MEMORY_KIB,
        iterations: 1,
        parallelism: 1,
    };
    crypt::encrypt_workspace(&root, NewKey::Passphrase(PASS, fast)).unwrap();
    let ws = Workspace::open_with_passphrase(&root, Some(PASS)).unwrap();
    let store = storage();
    let (api, _) = heymilo_with(store.url(), Arc::new(AtomicBool::new(true)));
    let c = client(&api.url());
    let opts = SyncOptions {
        postings: vec![],
        media: true,
        interviews: vec![],
    };

    // Stopped at the merge: everything fetched stays staged.
    let cancel = AtomicBool::new(false);
    let err = sync_with(
        &ws,
        &c,
        &opts,
        &|p| {
            if p.phase == "import" {
                cancel.store(true, Ordering::SeqCst);
            }
        },
        &cancel,
    )
    .unwrap_err();
    assert!(matches!(err, DeliveryError::Cancelled), "{err}");
    let staging = root.join(STAGING_DIR);
    assert!(staging.join("bundle").is_dir(), "the staging is kept");
    // The scan below can fail: interview documents and a recording are staged.
    assert!(
        std::fs::read_dir(staging.join("bundle/interviews"))
            .unwrap()
            .count()
            >= 5
    );
    assert!(staging.join("bundle/media").is_dir());
    for needle in [
        &b"n@example.test"[..],
        b"c1@example.test",
        b"Candidate 1",
        WEBM,
    ] {
        let found = files_with(&root, needle);
        assert!(
            found.is_empty(),
            "{:?} in clear in {found:?}",
            String::from_utf8_lossy(needle)
        );
    }

    // The next sync merges from the encrypted staging.
    sync(&ws, &c, &opts, &|_| {}).unwrap();
    let n: i64 = ws
        .reader()
        .query_row("SELECT count(*) FROM candidates", [], |r| r.get(0))
        .unwrap();
    assert_eq!(n, 6);
    let hash: String = ws
        .reader()
        .query_row(
            "SELECT hash FROM candidate_media WHERE interview_id = 'post_a_int_0' AND kind = 'video'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let mut video = Vec::new();
    ws.open_media(&hash)
        .unwrap()
        .unwrap()
        .read_to_end(&mut video)
        .unwrap();
    assert_eq!(video, WEBM);
    assert!(files_with(&root, WEBM).is_empty(), "recording in clear");
    assert!(!staging.exists());
}
