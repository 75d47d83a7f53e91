//! Encryption at rest (F54): an encrypted workspace imports, lists,
//! searches and reads its media; a wrong passphrase is a clear error that
//! writes nothing; no candidate byte is in clear anywhere in the folder;
//! encrypt → decrypt keeps every row; a conversion stopped at any step
//! leaves a usable workspace.

use std::io::{Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};

use shortlist_core::actions::{cohorts, erase, notes};
use shortlist_core::review::{self, CandidateQuery, Decision};
use shortlist_core::store::crypt::{self, Crash, KdfParams, NewKey};
use shortlist_core::{Coded, StoreError, Workspace};

use crate::helpers::*;

/// The cheapest Argon2id costs the key file accepts (fast tests).
const FAST: KdfParams = KdfParams {
    memory_kib: KdfParams::MIN_MEMORY_KIB,
    iterations: 1,
    parallelism: 1,
};
const PASS: &str = "correct horse battery staple";

fn encrypt(root: &Path) {
    let st = crypt::encrypt_workspace(root, NewKey::Passphrase(PASS, FAST)).unwrap();
    assert!(st.encrypted);
    assert_eq!(st.key_store.as_deref(), Some("passphrase"));
}

fn open(root: &Path) -> Workspace {
    Workspace::open_with_passphrase(root, Some(PASS)).unwrap()
}

/// Every file under `dir` with its bytes, sorted by path.
fn all_bytes(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    fn walk(dir: &Path, out: &mut Vec<(PathBuf, Vec<u8>)>) {
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                walk(&p, out);
            } else {
                out.push((p.clone(), std::fs::read(&p).unwrap()));
            }
        }
    }
    let mut out = Vec::new();
    walk(dir, &mut out);
    out.sort();
    out
}

fn files_with(dir: &Path, needle: &[u8]) -> Vec<String> {
    let needle = needle.to_ascii_lowercase();
    all_bytes(dir)
        .into_iter()
        .filter(|(_, b)| memchr::memmem::find(&b.to_ascii_lowercase(), &needle).is_some())
        .map(|(p, _)| p.strip_prefix(dir).unwrap().display().to_string())
        .collect()
}

fn resume_hash(ws: &Workspace, id: &str) -> String {
    ws.reader()
        .query_row(
            "SELECT hash FROM candidate_media WHERE interview_id = ?1 AND kind = 'resume'",
            [id],
            |r| r.get(0),
        )
        .unwrap()
}

/// A new, empty workspace, encrypted under [`PASS`].
fn new_encrypted() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("ws");
    drop(Workspace::open(&root).unwrap());
    encrypt(&root);
    (dir, root)
}

#[test]
fn an_encrypted_workspace_imports_lists_searches_and_reads_media() {
    let (_dir, root) = new_encrypted();
    // Without a passphrase: a distinct error, nothing opened.
    let e = Workspace::open(&root).unwrap_err();
    assert_eq!(e.code(), "passphrase_required", "{e}");
    let ws = open(&root);
    assert!(ws.is_encrypted());
    let summary = import(&ws, &good_bundle());
    assert!(summary.candidates.added > 0, "{summary:?}");

    let all = review::list_candidates(&ws, &CandidateQuery::default()).unwrap();
    assert_eq!(all.total as u64, summary.candidates.added);
    let found = review::list_candidates(
        &ws,
        &CandidateQuery {
            search: Some("alvarez".into()),
            ..CandidateQuery::default()
        },
    )
    .unwrap();
    assert_eq!(found.total, 1);
    assert_eq!(found.rows[0].interview_id, "I001");

    // The résumé on disk is ciphertext; through the workspace it is the
    // bundle's file, and seeks land on the right bytes.
    let hash = resume_hash(&ws, "I001");
    let path = shortlist_core::store::media::path_for(&ws.media_dir(), &hash).unwrap();
    let on_disk = std::fs::read(&path).unwrap();
    assert!(
        shortlist_crypt_magic(&on_disk),
        "media file is not encrypted"
    );
    let original = original_resume_of_i001();
    assert_ne!(on_disk, original);
    let mut r = ws.open_media(&hash).unwrap().unwrap();
    assert_eq!(r.len(), original.len() as u64);
    let mut plain = Vec::new();
    r.read_to_end(&mut plain).unwrap();
    assert_eq!(plain, original);
    let mid = original.len() as u64 / 3;
    r.seek(SeekFrom::Start(mid)).unwrap();
    let mut slice = vec![0u8; 100.min(original.len() - mid as usize)];
    r.read_exact(&mut slice).unwrap();
    assert_eq!(slice, original[mid as usize..mid as usize + slice.len()]);

    // The full integrity check decrypts every media file and passes.
    let report = ws
        .check_integrity(
            shortlist_core::store::integrity::CheckKind::Manual,
            &std::sync::atomic::AtomicBool::new(false),
            &|_| {},
        )
        .unwrap();
    assert!(report.ok, "{:?}", report.problems);
    assert!(report.media_files > 0);
    let before = snapshot(&ws);
    drop(ws);

    // A wrong passphrase: a clear error, and no byte of any file changed.
    let files_before = all_bytes(&root);
    let e = Workspace::open_with_passphrase(&root, Some("wrong horse")).unwrap_err();
    assert!(matches!(e, StoreError::WrongPassphrase { .. }), "{e:?}");
    assert_eq!(e.code(), "wrong_passphrase");
    assert!(e.to_string().contains("wrong passphrase"), "{e}");
    assert_eq!(all_bytes(&root), files_before, "a wrong passphrase wrote");

    // The right one opens the same content.
    let ws = open(&root);
    assert_eq!(snapshot(&ws), before);
}

fn shortlist_crypt_magic(bytes: &[u8]) -> bool {
    bytes.starts_with(b"SLMEDIA\0")
}

/// The résumé file of I001 in the fixture bundle (by its content hash).
fn original_resume_of_i001() -> Vec<u8> {
    let (_d, ws) = new_ws();
    import(&ws, &good_bundle());
    let hash = resume_hash(&ws, "I001");
    std::fs::read(shortlist_core::store::media::path_for(&ws.media_dir(), &hash).unwrap()).unwrap()
}

#[test]
fn with_encryption_on_no_candidate_byte_is_in_clear_in_any_file() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("ws");
    let ws = Workspace::open(&root).unwrap();
    import(&ws, &good_bundle());
    notes::add_note(&ws, "I001", Some(3.0), "Zanzibarquux remark about José").unwrap();
    cohorts::create_cohort(&ws, "Finalists").unwrap();
    cohorts::add_to_cohort(&ws, "Finalists", &["I001".into()]).unwrap();
    shortlist_core::actions::decisions::set_decision(&ws, &["I001".into()], Decision::Shortlisted)
        .unwrap();
    let resume = resume_hash(&ws, "I001");
    let resume_file = shortlist_core::store::media::path_for(&ws.media_dir(), &resume).unwrap();
    let resume_bytes = std::fs::read(&resume_file).unwrap();
    let resume_window = resume_bytes[resume_bytes.len() / 2..][..48].to_vec();
    // A migration backup, as `migrate` makes them.
    {
        let conn = ws.reader();
        let mut out = rusqlite::Connection::open(root.join("workspace.db.v4.bak")).unwrap();
        rusqlite::backup::Backup::new(&conn, &mut out)
            .unwrap()
            .run_to_completion(256, std::time::Duration::ZERO, None)
            .unwrap();
    }
    let transcript_phrase: String = {
        let raw: String = ws
            .reader()
            .query_row(
                "SELECT interview_raw FROM candidates WHERE interview_id = 'I001'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        let v: serde_json::Value = serde_json::from_str(&raw).unwrap();
        let t = &v["web_interview"]["transcript"];
        t.as_array()
            .and_then(|a| a.iter().find(|l| l["speaker"] != "Interviewer"))
            .map(|l| l["text"].as_str().unwrap().to_string())
            .expect("I001 has a candidate transcript line")
    };
    let needles: Vec<(&str, Vec<u8>)> = vec![
        ("name", "José Álvarez".as_bytes().to_vec()),
        ("fts term", b"alvarez".to_vec()),
        ("e-mail", b"jose@example.com".to_vec()),
        ("transcript", transcript_phrase.as_bytes().to_vec()),
        ("note", b"zanzibarquux".to_vec()),
        ("cohort", b"finalists".to_vec()),
        ("resume bytes", resume_window),
    ];
    // The scan can fail: every needle is in some file of the plain workspace.
    for (what, n) in &needles {
        assert!(!files_with(&root, n).is_empty(), "{what} not found before");
    }
    drop(ws);

    encrypt(&root);
    // More writes after encryption: a note, a decision (WAL and pages).
    let ws = open(&root);
    notes::add_note(&ws, "I003", None, "Quetzalnote about jose@example.com").unwrap();
    let mut needles = needles;
    needles.push(("new note", b"quetzalnote".to_vec()));
    // Scanned with the workspace open (its WAL holds the latest pages)…
    for (what, n) in &needles {
        let found = files_with(&root, n);
        assert!(found.is_empty(), "{what} in clear in {found:?} (open)");
    }
    // …and the erasure still works on the encrypted database and backup.
    let report = erase::erase(&ws, &["I001".into()], "candidate's request").unwrap();
    assert!(matches!(
        &report.backups[..],
        [erase::BackupOutcome::Rewritten { .. }]
    ));
    drop(ws);
    for (what, n) in &needles {
        let found = files_with(&root, n);
        assert!(found.is_empty(), "{what} in clear in {found:?} (closed)");
    }
    // The backup is encrypted: it does not open without the key.
    let bak = rusqlite::Connection::open(root.join("workspace.db.v4.bak")).unwrap();
    assert!(bak
        .query_row("SELECT count(*) FROM sqlite_master", [], |r| r
            .get::<_, i64>(0))
        .is_err());
}

#[test]
fn encrypt_then_decrypt_keeps_every_row_and_media_file() {
    let (dir, ws) = new_ws();
    let root = dir.path().join("ws");
    import(&ws, &good_bundle());
    notes::add_note(&ws, "I001", None, "a note").unwrap();
    let before = snapshot(&ws);
    let media_before: Vec<_> = list_files(&ws.media_dir())
        .into_iter()
        .map(|(rel, p)| (rel, std::fs::read(p).unwrap()))
        .collect();
    drop(ws);

    encrypt(&root);
    assert!(crypt::is_encrypted(&root));
    let ws = open(&root);
    assert_eq!(snapshot(&ws), before);
    drop(ws);
    // A second encryption is refused, the workspace untouched.
    let e = crypt::encrypt_workspace(&root, NewKey::Passphrase(PASS, FAST)).unwrap_err();
    assert_eq!(e.code(), "already_encrypted");
    // Decrypting with a wrong passphrase writes nothing.
    let files = all_bytes(&root);
    let e = crypt::decrypt_workspace(&root, Some("nope")).unwrap_err();
    assert_eq!(e.code(), "wrong_passphrase", "{e}");
    assert_eq!(all_bytes(&root), files);

    let st = crypt::decrypt_workspace(&root, Some(PASS)).unwrap();
    assert!(!st.encrypted);
    assert!(!root.join(crypt::MARKER_FILE).exists());
    assert!(!root.join(crypt::KEY_FILE_NAME).exists());
    let ws = Workspace::open(&root).unwrap();
    assert_eq!(snapshot(&ws), before);
    let media_after: Vec<_> = list_files(&ws.media_dir())
        .into_iter()
        .map(|(rel, p)| (rel, std::fs::read(p).unwrap()))
        .collect();
    assert_eq!(
        media_after, media_before,
        "media bytes differ after the round trip"
    );
}

/// New encrypted workspaces record their page cipher (HMAC-SHA256) in the
/// marker and use it; a workspace encrypted before it was recorded (marker
/// format 1, SQLCipher 4's default HMAC-SHA512) still opens, reads and
/// decrypts; a marker from a newer Shortlist is refused in words.
#[test]
fn the_page_cipher_is_recorded_and_older_workspaces_still_open() {
    let (dir, ws) = new_ws();
    let root = dir.path().join("ws");
    import(&ws, &good_bundle());
    let before = snapshot(&ws);
    drop(ws);
    encrypt(&root);
    let marker: serde_json::Value =
        serde_json::from_slice(&std::fs::read(root.join(crypt::MARKER_FILE)).unwrap()).unwrap();
    assert_eq!(marker["format"], 2, "{marker}");
    assert_eq!(marker["db_cipher"], "hmac_sha256", "{marker}");
    let ws = open(&root);
    let hmac: String = ws
        .reader()
        .query_row("PRAGMA cipher_hmac_algorithm", [], |r| r.get(0))
        .unwrap();
    assert_eq!(hmac, "HMAC_SHA256");
    drop(ws);

    // Rewrite it as an older Shortlist left it: the database under
    // SQLCipher's defaults, a format-1 marker without the cipher.
    let key = crypt::load_key(&root, Some(PASS)).unwrap().unwrap();
    assert_eq!(key.db_cipher(), crypt::DbCipher::HmacSha256);
    let db = root.join("workspace.db");
    let plain = dir.path().join("plain.db");
    shortlist_crypt::decrypt_database(&db, &plain, &key).unwrap();
    std::fs::remove_file(&db).unwrap();
    let legacy = key.clone().with_db_cipher(crypt::DbCipher::Sqlcipher4);
    shortlist_crypt::encrypt_database(&plain, &db, &legacy).unwrap();
    let mut old_marker = marker.clone();
    old_marker["format"] = 1.into();
    old_marker.as_object_mut().unwrap().remove("db_cipher");
    std::fs::write(root.join(crypt::MARKER_FILE), old_marker.to_string()).unwrap();

    let ws = open(&root);
    assert_eq!(snapshot(&ws), before, "the format-1 workspace reads");
    let hmac: String = ws
        .reader()
        .query_row("PRAGMA cipher_hmac_algorithm", [], |r| r.get(0))
        .unwrap();
    assert_eq!(hmac, "HMAC_SHA512");
    drop(ws);

    // A newer marker format: refused, saying what to do.
    let mut newer = marker.clone();
    newer["format"] = 3.into();
    std::fs::write(root.join(crypt::MARKER_FILE), newer.to_string()).unwrap();
    let e = Workspace::open_with_passphrase(&root, Some(PASS)).unwrap_err();
    assert!(e.to_string().contains("newer version of Shortlist"), "{e}");
    std::fs::write(root.join(crypt::MARKER_FILE), old_marker.to_string()).unwrap();

    // Decrypting the format-1 workspace (with the key a caller holds,
    // whatever cipher it carries) gives the rows back.
    crypt::decrypt_workspace_with_key(&root, &key).unwrap();
    let ws = Workspace::open(&root).unwrap();
    assert_eq!(snapshot(&ws), before, "decrypted from format 1");
}

/// A conversion stopped at each step (as by a crash or a kill) leaves a
/// workspace that opens with all its rows: the old one before the commit
/// point, the new one after it.
#[test]
fn a_conversion_stopped_at_any_step_leaves_a_usable_workspace() {
    let (dir, ws) = new_ws();
    let root = dir.path().join("ws");
    import(&ws, &good_bundle());
    let before = snapshot(&ws);
    let hash = resume_hash(&ws, "I001");
    let mut plain_resume = Vec::new();
    ws.open_media(&hash)
        .unwrap()
        .unwrap()
        .read_to_end(&mut plain_resume)
        .unwrap();
    drop(ws);
    let check = |ws: &Workspace| {
        assert_eq!(snapshot(ws), before);
        let mut got = Vec::new();
        ws.open_media(&hash)
            .unwrap()
            .unwrap()
            .read_to_end(&mut got)
            .unwrap();
        assert_eq!(got, plain_resume);
    };

    // Encryption stopped before its commit: still the plain workspace.
    crypt::encrypt_workspace_at(&root, NewKey::Passphrase(PASS, FAST), Crash::BeforeCommit)
        .unwrap();
    assert!(root.join("media.converting").exists(), "nothing was staged");
    let ws = Workspace::open(&root).unwrap();
    assert!(!ws.is_encrypted());
    check(&ws);
    drop(ws);
    assert!(!root.join("media.converting").exists());
    assert!(!root.join(crypt::KEY_FILE_NAME).exists());

    // Stopped right after its commit, and in the middle of the renames:
    // the next open finishes it.
    for crash in [Crash::AfterCommit, Crash::MidRollForward] {
        crypt::encrypt_workspace_at(&root, NewKey::Passphrase(PASS, FAST), crash).unwrap();
        assert!(root.join(crypt::JOURNAL_FILE).exists());
        assert_eq!(
            Workspace::open(&root).unwrap_err().code(),
            "passphrase_required",
            "{crash:?}"
        );
        let ws = open(&root);
        assert!(ws.is_encrypted());
        check(&ws);
        drop(ws);
        assert!(!root.join(crypt::JOURNAL_FILE).exists());

        // And back, stopped at the same step.
        crypt::decrypt_workspace_at(&root, Some(PASS), crash).unwrap();
        let ws = Workspace::open(&root).unwrap();
        assert!(!ws.is_encrypted(), "{crash:?}");
        check(&ws);
        drop(ws);
    }

    // Decryption stopped before its commit: still encrypted.
    encrypt(&root);
    crypt::decrypt_workspace_at(&root, Some(PASS), Crash::BeforeCommit).unwrap();
    let ws = open(&root);
    assert!(ws.is_encrypted());
    check(&ws);
}
