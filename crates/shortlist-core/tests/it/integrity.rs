//! Integrity off the open path (SPEC F37, F50): open reads no more than it
//! needs at any size, a damaged page is caught by the check (and by SQLite
//! when it is read), the result is stored and refuses the next open with
//! the way back, unclean shutdowns are noticed, and a check is due on a
//! schedule.

use std::path::Path;
use std::sync::atomic::AtomicBool;
use std::time::Duration;

use shortlist_core::store::integrity::{CheckKind, CheckPhase, IntegrityDue, CHECK_INTERVAL_SECS};
use shortlist_core::store::SESSION_FILE;
use shortlist_core::{Coded, StoreError, Workspace};

use crate::helpers::*;

/// A workspace with the good bundle and 3,000 more candidates of ~1 KB
/// raw JSON each: the candidates table is a b-tree of a few hundred pages.
fn big_ws(root: &Path) {
    let ws = Workspace::open(root).unwrap();
    import(&ws, &good_bundle());
    ws.writer()
        .execute_batch(
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 3000)
             INSERT INTO candidates (interview_id, posting_id, name, email, imported_status,
                                     imported_at, interview_raw)
             SELECT printf('X%05d', i), (SELECT min(id) FROM postings), 'n' || i, 'e' || i,
                    'completed', 0, hex(randomblob(500)) FROM n;",
        )
        .unwrap();
}

fn u16_at(b: &[u8], i: usize) -> usize {
    u16::from_be_bytes([b[i], b[i + 1]]) as usize
}
fn u32_at(b: &[u8], i: usize) -> u64 {
    u32::from_be_bytes(b[i..i + 4].try_into().unwrap()) as u64
}

/// The number of a leaf page deep in the candidates table's b-tree (the
/// child of the middle cell of its root, which is an interior page).
fn deep_candidates_page(db: &Path) -> (u64, usize) {
    let conn = rusqlite::Connection::open(db).unwrap();
    let root: i64 = conn
        .query_row(
            "SELECT rootpage FROM sqlite_master WHERE name = 'candidates'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let page_size: i64 = conn
        .query_row("PRAGMA page_size", [], |r| r.get(0))
        .unwrap();
    let (root, page_size) = (root as u64, page_size as usize);
    drop(conn);
    let bytes = std::fs::read(db).unwrap();
    let page = |n: u64| &bytes[(n as usize - 1) * page_size..n as usize * page_size];
    let mut n = root;
    loop {
        let p = page(n);
        match p[0] {
            0x05 => {
                // interior table page: cells are (child page, rowid)
                let cells = u16_at(p, 3);
                let ptr = u16_at(p, 12 + 2 * (cells / 2));
                n = u32_at(p, ptr);
            }
            0x0D => return (n, page_size),
            t => panic!("page {n} of candidates has type {t:#x}"),
        }
    }
}

fn overwrite_page(db: &Path, n: u64, page_size: usize) {
    use std::io::{Seek, SeekFrom, Write};
    let mut f = std::fs::OpenOptions::new().write(true).open(db).unwrap();
    f.seek(SeekFrom::Start((n - 1) * page_size as u64)).unwrap();
    f.write_all(&vec![0xA5; page_size]).unwrap();
    f.sync_all().unwrap();
}

#[test]
fn a_damaged_page_opens_fast_is_caught_by_check_and_refused_next_time() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("ws");
    big_ws(&root);
    let db = root.join("workspace.db");
    assert!(
        !root.join("workspace.db-wal").exists(),
        "a clean close leaves no WAL"
    );
    // What a migration would have left: a verified backup (here, of the
    // healthy file).
    let backup = root.join("workspace.db.v4.bak");
    std::fs::copy(&db, &backup).unwrap();
    let (page, page_size) = deep_candidates_page(&db);
    assert!(page > 2, "a page deep in the file");
    overwrite_page(&db, page, page_size);

    // Open reads no whole file: it succeeds, and the first page still works.
    let ws = Workspace::open(&root).expect("open does not scan the file");
    assert!(!ws.is_empty().unwrap());
    // SQLite catches the page when it is read: an error, not a panic.
    let read = ws.reader().query_row(
        "SELECT count(*), sum(length(interview_raw)) FROM candidates NOT INDEXED",
        [],
        |r| r.get::<_, i64>(0),
    );
    let err = read.expect_err("reading the damaged page fails");
    assert!(
        err.to_string().contains("malformed") || err.to_string().contains("corrupt"),
        "{err}"
    );

    // The check catches it, names the page, and stores its result.
    let phases = std::sync::Mutex::new(Vec::new());
    let report = ws
        .check_integrity(CheckKind::Manual, &AtomicBool::new(false), &|p| {
            phases.lock().unwrap().push(p.phase)
        })
        .unwrap();
    assert!(!report.ok);
    assert!(
        report
            .problems
            .iter()
            .any(|p| p.contains(&format!("page {page}"))),
        "{:?}",
        report.problems
    );
    assert!(phases.lock().unwrap().contains(&CheckPhase::Database));
    let last = ws.last_integrity().unwrap().expect("stored");
    assert!(!last.ok);
    assert_eq!(last.kind, CheckKind::Manual);
    drop(ws);

    // Refused at the next open, with the way back.
    let err = Workspace::open(&root).expect_err("refused");
    assert_eq!(err.code(), "workspace_corrupt");
    assert!(matches!(err, StoreError::FailedCheck { .. }));
    let msg = err.to_string();
    assert!(msg.contains(&format!("page {page}")), "{msg}");
    assert!(msg.contains(&backup.display().to_string()), "{msg}");
    assert!(msg.contains("shortlist check --workspace"), "{msg}");

    // The way back: restore the backup, check again (the one open allowed).
    std::fs::copy(&backup, &db).unwrap();
    let ws = Workspace::open_for_check(&root).unwrap();
    let report = ws
        .check_integrity(CheckKind::Manual, &AtomicBool::new(false), &|_| {})
        .unwrap();
    assert!(report.ok, "{:?}", report.problems);
    drop(ws);
    let ws = Workspace::open(&root).expect("a passing check lifts the refusal");
    assert!(ws.last_integrity().unwrap().unwrap().ok);
    assert_eq!(ws.integrity_due().unwrap(), None);
}

#[test]
fn damaged_full_text_index_and_media_are_found() {
    let (_d, ws) = new_ws();
    import(&ws, &good_bundle());
    let ok = ws
        .check_integrity(CheckKind::Manual, &AtomicBool::new(false), &|_| {})
        .unwrap();
    assert!(ok.ok, "{:?}", ok.problems);
    assert!(ok.media_files > 0, "the good bundle has media");

    // One media file's bytes change; another listed one disappears.
    let mut files: Vec<_> = media_files(&ws).into_iter().collect();
    files.sort();
    let damaged = ws.media_dir().join(&files[0]);
    std::fs::write(&damaged, b"not what was hashed").unwrap();
    let gone = ws.media_dir().join(&files[1]);
    std::fs::remove_file(&gone).unwrap();
    // The full-text index loses a segment of its own shadow table.
    ws.writer()
        .execute_batch("DELETE FROM fts_data WHERE id = (SELECT max(id) FROM fts_data)")
        .unwrap();

    let report = ws
        .check_integrity(CheckKind::Manual, &AtomicBool::new(false), &|_| {})
        .unwrap();
    assert!(!report.ok);
    let all = report.problems.join("\n");
    assert!(all.contains("fts"), "{all}");
    let name = |p: &Path| p.file_name().unwrap().to_string_lossy().into_owned();
    assert!(
        all.contains(&format!("{}: its bytes have SHA-256", name(&damaged))),
        "{all}"
    );
    assert!(all.contains(&format!("{}: missing", name(&gone))), "{all}");
}

#[test]
fn a_cancelled_check_stores_nothing() {
    let (_d, ws) = new_ws();
    import(&ws, &good_bundle());
    let err = ws
        .check_integrity(CheckKind::Manual, &AtomicBool::new(true), &|_| {})
        .unwrap_err();
    assert!(matches!(err, StoreError::Cancelled), "{err}");
    assert_eq!(ws.last_integrity().unwrap(), None);
}

#[test]
fn a_check_is_due_on_schedule() {
    let (_d, ws) = new_ws();
    assert_eq!(
        ws.integrity_due().unwrap(),
        Some(IntegrityDue::Scheduled { last_ok_at: None }),
        "never checked"
    );
    let old = shortlist_core::store::now() - CHECK_INTERVAL_SECS - 60.0;
    ws.writer()
        .execute(
            "INSERT INTO integrity_checks (started_at, kind, duration_ms, ok) VALUES (?1, 'scheduled', 5, 1)",
            [old],
        )
        .unwrap();
    assert_eq!(
        ws.integrity_due().unwrap(),
        Some(IntegrityDue::Scheduled {
            last_ok_at: Some(old)
        })
    );
    let task = ws
        .start_integrity_check(CheckKind::Scheduled, |_| {}, |_| {})
        .unwrap();
    let report = task.wait().unwrap();
    assert!(report.ok);
    assert_eq!(ws.integrity_due().unwrap(), None);
}

/// Run by [`an_unclean_shutdown_is_noticed_and_checked_in_the_background`]
/// in a child process: open the workspace and die without closing it.
#[test]
fn crash_holding_a_workspace() {
    if let Some(root) = std::env::var_os("SHORTLIST_TEST_CRASH_IN") {
        let ws = Workspace::open(&root).unwrap();
        ws.writer()
            .execute("INSERT INTO settings (key, value) VALUES ('x', 'y')", [])
            .unwrap();
        std::process::abort();
    }
}

#[test]
fn an_unclean_shutdown_is_noticed_and_checked_in_the_background() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("ws");
    {
        let ws = Workspace::open(&root).unwrap();
        import(&ws, &good_bundle());
        assert_eq!(ws.unclean_shutdown(), None);
    }
    // Closed cleanly: nothing owed.
    let ws = Workspace::open(&root).unwrap();
    assert_eq!(ws.unclean_shutdown(), None);
    // Another session open at the same time is live, not crashed.
    let other = Workspace::open(&root).unwrap();
    assert_eq!(other.unclean_shutdown(), None);
    drop(other);
    drop(ws);

    // A process that dies with the workspace open.
    let status = std::process::Command::new(std::env::current_exe().unwrap())
        .args([
            "integrity::crash_holding_a_workspace",
            "--exact",
            "--nocapture",
        ])
        .env("SHORTLIST_TEST_CRASH_IN", &root)
        .stderr(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .status()
        .unwrap();
    assert!(!status.success(), "the child aborted");
    assert!(std::fs::read_to_string(root.join(SESSION_FILE))
        .unwrap()
        .starts_with("open"));

    let ws = Workspace::open(&root).unwrap();
    let since = ws.unclean_shutdown().expect("the crash is noticed");
    assert_eq!(
        ws.integrity_due().unwrap(),
        Some(IntegrityDue::UncleanShutdown { since })
    );
    // Its committed write survived (WAL, synchronous=FULL).
    assert_eq!(
        count(&ws, "SELECT count(*) FROM settings WHERE key = 'x'"),
        1
    );
    // The check runs in the background; the workspace stays usable.
    let (tx, rx) = std::sync::mpsc::channel();
    let task = ws
        .start_integrity_check(
            ws.integrity_due().unwrap().unwrap().kind(),
            |_| {},
            move |r| {
                let _ = tx.send(r.as_ref().map(|r| r.ok).map_err(|e| e.to_string()));
            },
        )
        .unwrap();
    assert!(!ws.is_empty().unwrap());
    let done = rx
        .recv_timeout(Duration::from_secs(60))
        .expect("the check finishes");
    assert_eq!(done, Ok(true));
    let report = task.wait().unwrap();
    assert_eq!(report.kind, CheckKind::UncleanShutdown);
    assert_eq!(ws.unclean_shutdown(), None, "settled by the check");
    assert_eq!(ws.integrity_due().unwrap(), None);
    drop(ws);
    let ws = Workspace::open(&root).unwrap();
    assert_eq!(ws.unclean_shutdown(), None);
}

#[test]
fn an_unclean_shutdown_not_yet_checked_is_still_owed_next_time() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("ws");
    drop(Workspace::open(&root).unwrap());
    // What a crash leaves behind.
    std::fs::write(root.join(SESSION_FILE), "open").unwrap();
    let ws = Workspace::open(&root).unwrap();
    let since = ws.unclean_shutdown().expect("noticed");
    drop(ws); // closed without a check
    let ws = Workspace::open(&root).unwrap();
    assert_eq!(ws.unclean_shutdown(), Some(since));
}
