//! SQLCipher helpers: key a connection, tell a wrong key apart, and convert
//! a workspace database between plain SQLite and SQLCipher atomically.
//!
//! The SQLCipher key is not the workspace key itself but a 32-byte subkey
//! derived from it (HKDF-SHA256, label `shortlist sqlcipher v1`), given as a
//! raw key (`PRAGMA key = "x'<64 hex>'"`), which skips SQLCipher's PBKDF2:
//! the key is already random. [`sqlcipher_key_hex`] gives it for the
//! `sqlcipher` shell. The page settings are the key's [`DbCipher`]
//! (HMAC-SHA256 for workspaces encrypted since it is recorded, SQLCipher 4's
//! defaults before): [`apply_key`] sets them on every connection, and the
//! conversion on the copy it writes.

use std::io::Read;
use std::path::{Path, PathBuf};

use rusqlite::{Connection, ErrorCode, OpenFlags};
use zeroize::Zeroizing;

use crate::error::{CryptError, Result};
use crate::key::WorkspaceKey;
use crate::perms::{parent_dir, restrict_file, sync_dir};

const INFO_SQLCIPHER: &[u8] = b"shortlist sqlcipher v1";
const SQLITE_MAGIC: &[u8; 16] = b"SQLite format 3\0";

/// The SQLCipher raw key of `key` as 64 hex digits (for `PRAGMA key = "x'…'"`
/// in the `sqlcipher` shell when inspecting a workspace by hand).
pub fn sqlcipher_key_hex(key: &WorkspaceKey) -> Zeroizing<String> {
    let mut k = Zeroizing::new([0u8; 32]);
    key.derive(&[], INFO_SQLCIPHER, k.as_mut());
    Zeroizing::new(hex::encode(k.as_ref()))
}

fn key_literal(key: &WorkspaceKey) -> Zeroizing<String> {
    Zeroizing::new(format!("x'{}'", sqlcipher_key_hex(key).as_str()))
}

fn conn_path(conn: &Connection) -> PathBuf {
    PathBuf::from(conn.path().unwrap_or(":memory:"))
}

/// The SQLCipher version linked in, or `None` for plain SQLite.
pub fn cipher_version(conn: &Connection) -> Option<String> {
    conn.query_row("PRAGMA cipher_version", [], |r| r.get::<_, String>(0))
        .ok()
        .filter(|v| !v.is_empty())
}

/// Keys `conn` with `key`. Call it first, before anything reads the
/// database; then [`verify_key`]. Fails with [`CryptError::NoSqlcipher`] if
/// the linked SQLite has no SQLCipher (where `PRAGMA key` would do nothing).
///
/// Also turns SQLCipher's own logging off (a process-wide setting): by
/// default it prints `ERROR CORE sqlcipher_page_cipher: hmac check failed`
/// lines to stderr on a wrong key, ahead of the [`CryptError::WrongKey`]
/// that says the same in words a person can act on.
pub fn apply_key(conn: &Connection, key: &WorkspaceKey) -> Result<()> {
    // The cipher settings go after the key and before the first read.
    let sql = Zeroizing::new(format!(
        "PRAGMA key = \"{}\"; {} PRAGMA cipher_log_level = NONE;",
        key_literal(key).as_str(),
        key.db_cipher().pragmas("main")
    ));
    conn.execute_batch(&sql)
        .map_err(CryptError::sqlite(conn_path(conn)))?;
    if cipher_version(conn).is_none() {
        return Err(CryptError::NoSqlcipher);
    }
    Ok(())
}

/// Reads the schema: [`CryptError::WrongKey`] if the key does not open the
/// database (SQLITE_NOTADB on the first read), or
/// [`CryptError::NotEncryptedDatabase`] if a key was given for a plain file.
pub fn verify_key(conn: &Connection) -> Result<()> {
    match conn.query_row("SELECT count(*) FROM sqlite_schema", [], |r| {
        r.get::<_, i64>(0)
    }) {
        Ok(_) => Ok(()),
        Err(rusqlite::Error::SqliteFailure(e, _)) if e.code == ErrorCode::NotADatabase => {
            let path = conn_path(conn);
            if is_plain_sqlite(&path) {
                Err(CryptError::NotEncryptedDatabase { path })
            } else {
                Err(CryptError::WrongKey { path })
            }
        }
        Err(e) => Err(CryptError::Sqlite {
            path: conn_path(conn),
            source: e,
        }),
    }
}

/// Opens an encrypted database with `key` and checks the key.
pub fn open_encrypted(path: &Path, key: &WorkspaceKey) -> Result<Connection> {
    open_keyed(
        path,
        Some(key),
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_URI,
    )
}

fn open_keyed(path: &Path, key: Option<&WorkspaceKey>, flags: OpenFlags) -> Result<Connection> {
    let conn = Connection::open_with_flags(path, flags | OpenFlags::SQLITE_OPEN_NO_MUTEX)
        .map_err(CryptError::sqlite(path))?;
    if let Some(key) = key {
        apply_key(&conn, key)?;
    }
    verify_key(&conn)?;
    Ok(conn)
}

/// Whether the file at `path` starts with the plain SQLite header. An
/// SQLCipher file starts with random salt instead; an empty or missing file
/// is not plain SQLite.
pub fn is_plain_sqlite(path: &Path) -> bool {
    let mut head = [0u8; 16];
    std::fs::File::open(path)
        .and_then(|mut f| f.read_exact(&mut head))
        .is_ok_and(|()| &head == SQLITE_MAGIC)
}

/// Writes an encrypted copy of the plain database `src` to `dst` (which may
/// be `src` itself: conversion in place).
///
/// The copy is made with `sqlcipher_export` into a temporary file next to
/// `dst`, checked (`quick_check`, same objects and row counts, same
/// `user_version`, `application_id` and journal mode), synced, and only
/// then renamed over `dst`. On any error the temporary file is removed and
/// `src` keeps its content. Refuses to overwrite an existing `dst` other
/// than `src`, and refuses an in-place conversion while another process
/// holds `src` open with unwritten WAL.
pub fn encrypt_database(src: &Path, dst: &Path, key: &WorkspaceKey) -> Result<()> {
    if !is_plain_sqlite(src) {
        std::fs::metadata(src).map_err(CryptError::file(src))?;
        return Err(CryptError::NotPlainDatabase {
            path: src.to_owned(),
        });
    }
    convert(src, None, dst, Some(key))
}

/// Writes a plain copy of the encrypted database `src` to `dst` (which may
/// be `src` itself), the reverse of [`encrypt_database`], with the same
/// guarantees. A wrong key fails with [`CryptError::WrongKey`] before
/// anything is written.
pub fn decrypt_database(src: &Path, dst: &Path, key: &WorkspaceKey) -> Result<()> {
    std::fs::metadata(src).map_err(CryptError::file(src))?;
    if is_plain_sqlite(src) {
        return Err(CryptError::NotEncryptedDatabase {
            path: src.to_owned(),
        });
    }
    convert(src, Some(key), dst, None)
}

/// Sidecar files SQLite may keep next to a database.
fn sidecar(path: &Path, suffix: &str) -> PathBuf {
    let mut s = path.as_os_str().to_owned();
    s.push(suffix);
    PathBuf::from(s)
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

/// Removes the temporary copy and its sidecars unless disarmed.
struct TempGuard {
    path: PathBuf,
    armed: bool,
}

impl Drop for TempGuard {
    fn drop(&mut self) {
        if self.armed {
            for p in [
                self.path.clone(),
                sidecar(&self.path, "-journal"),
                sidecar(&self.path, "-wal"),
                sidecar(&self.path, "-shm"),
            ] {
                let _ = std::fs::remove_file(p);
            }
        }
    }
}

/// What the copy must match.
#[derive(Debug, PartialEq)]
struct Shape {
    objects: Vec<(String, String)>,
    rows: Vec<(String, i64)>,
    user_version: i64,
    application_id: i64,
}

fn shape(conn: &Connection, schema: &str, path: &Path) -> Result<Shape> {
    let err = CryptError::sqlite(path);
    let run = || -> rusqlite::Result<Shape> {
        let mut st = conn.prepare(&format!(
            "SELECT type, name FROM \"{schema}\".sqlite_schema ORDER BY type, name"
        ))?;
        let objects = st
            .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let mut st = conn.prepare(&format!(
            "SELECT name FROM \"{schema}\".sqlite_schema WHERE type = 'table' AND rootpage > 0 ORDER BY name"
        ))?;
        let tables = st
            .query_map([], |r| r.get::<_, String>(0))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let mut rows = Vec::with_capacity(tables.len());
        for t in tables {
            let q = format!(
                "SELECT count(*) FROM \"{schema}\".\"{}\"",
                t.replace('"', "\"\"")
            );
            let n = conn.query_row(&q, [], |r| r.get::<_, i64>(0))?;
            rows.push((t, n));
        }
        let user_version =
            conn.query_row(&format!("PRAGMA \"{schema}\".user_version"), [], |r| {
                r.get(0)
            })?;
        let application_id =
            conn.query_row(&format!("PRAGMA \"{schema}\".application_id"), [], |r| {
                r.get(0)
            })?;
        Ok(Shape {
            objects,
            rows,
            user_version,
            application_id,
        })
    };
    run().map_err(err)
}

fn journal_mode(conn: &Connection, path: &Path) -> Result<String> {
    conn.query_row("PRAGMA journal_mode", [], |r| r.get::<_, String>(0))
        .map_err(CryptError::sqlite(path))
}

fn convert(
    src: &Path,
    src_key: Option<&WorkspaceKey>,
    dst: &Path,
    dst_key: Option<&WorkspaceKey>,
) -> Result<()> {
    let in_place = same_file(src, dst);
    if !in_place && std::fs::symlink_metadata(dst).is_ok() {
        return Err(CryptError::DestinationExists {
            path: dst.to_owned(),
        });
    }
    let dir = parent_dir(dst);
    let name = dst
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "db".into());

    // Open and check the source first: a wrong key stops here, before any file is made.
    let conn = open_keyed(src, src_key, OpenFlags::SQLITE_OPEN_READ_WRITE)?;
    let src_journal = journal_mode(&conn, src)?;
    let src_shape = shape(&conn, "main", src)?;

    let tmp = tempfile::Builder::new()
        .prefix(&format!(".{name}."))
        .suffix(".converting")
        .tempfile_in(dir)
        .map_err(CryptError::file(dir))?;
    let mut guard = TempGuard {
        path: tmp.path().to_owned(),
        armed: true,
    };
    // SQLite writes the file by name from here; the guard removes it on error.
    let (_, tmp_path) = tmp.keep().map_err(|e| CryptError::File {
        path: dir.to_owned(),
        source: e.error,
    })?;

    let target_key = match dst_key {
        Some(k) => key_literal(k),
        None => Zeroizing::new(String::new()),
    };
    let export = || -> rusqlite::Result<()> {
        conn.execute(
            "ATTACH DATABASE ?1 AS shortlist_export KEY ?2",
            rusqlite::params![tmp_path.to_string_lossy().into_owned(), target_key.as_str()],
        )?;
        if let Some(k) = dst_key {
            conn.execute_batch(&k.db_cipher().pragmas("shortlist_export"))?;
        }
        conn.query_row(
            "SELECT sqlcipher_export('shortlist_export')",
            [],
            |_| Ok(()),
        )?;
        conn.execute_batch(&format!(
            "PRAGMA shortlist_export.user_version = {}; PRAGMA shortlist_export.application_id = {};",
            src_shape.user_version, src_shape.application_id
        ))?;
        Ok(())
    };
    export().map_err(CryptError::sqlite(src))?;
    let copy_shape = shape(&conn, "shortlist_export", &tmp_path)?;
    conn.execute_batch("DETACH DATABASE shortlist_export")
        .map_err(CryptError::sqlite(src))?;
    // Closing the last connection checkpoints and removes the source's WAL.
    conn.close().map_err(|(_, e)| CryptError::Sqlite {
        path: src.to_owned(),
        source: e,
    })?;

    if copy_shape != src_shape {
        return Err(CryptError::ConversionCheck {
            path: src.to_owned(),
            detail: format!("the copy differs: {src_shape:?} vs {copy_shape:?}"),
        });
    }

    // Reopen the copy with its own key: it must open, check out, and take
    // the source's journal mode (WAL is recorded in the file header).
    {
        let copy = open_keyed(&tmp_path, dst_key, OpenFlags::SQLITE_OPEN_READ_WRITE)?;
        let check: String = copy
            .query_row("PRAGMA quick_check", [], |r| r.get(0))
            .map_err(CryptError::sqlite(&tmp_path))?;
        if check != "ok" {
            return Err(CryptError::ConversionCheck {
                path: src.to_owned(),
                detail: format!("quick_check: {check}"),
            });
        }
        if src_journal.eq_ignore_ascii_case("wal") {
            let mode: String = copy
                .query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))
                .map_err(CryptError::sqlite(&tmp_path))?;
            if !mode.eq_ignore_ascii_case("wal") {
                return Err(CryptError::ConversionCheck {
                    path: src.to_owned(),
                    detail: format!("the copy's journal mode is {mode}, not wal"),
                });
            }
        }
        copy.close().map_err(|(_, e)| CryptError::Sqlite {
            path: tmp_path.clone(),
            source: e,
        })?;
    }
    for suffix in ["-wal", "-journal"] {
        let side = sidecar(&tmp_path, suffix);
        if std::fs::metadata(&side).is_ok_and(|m| m.len() > 0) {
            return Err(CryptError::ConversionCheck {
                path: src.to_owned(),
                detail: format!("{} was left behind", side.display()),
            });
        }
    }
    let _ = std::fs::remove_file(sidecar(&tmp_path, "-shm"));
    std::fs::File::open(&tmp_path)
        .and_then(|f| f.sync_all())
        .map_err(CryptError::file(&tmp_path))?;
    restrict_file(&tmp_path)?;

    if in_place {
        // Another process still holding the database would keep writing to
        // the old file (or its WAL) after the rename.
        let wal = sidecar(src, "-wal");
        if std::fs::metadata(&wal).is_ok_and(|m| m.len() > 0) {
            return Err(CryptError::DatabaseBusy {
                path: src.to_owned(),
                wal,
            });
        }
    }
    std::fs::rename(&tmp_path, dst).map_err(CryptError::file(dst))?;
    guard.armed = false;
    if in_place {
        // Stale shared-memory index of the old file, if its owner left one.
        let _ = std::fs::remove_file(sidecar(dst, "-shm"));
        let _ = std::fs::remove_file(sidecar(dst, "-wal"));
    }
    sync_dir(dir)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::key::DbCipher;

    const SECRET: &str = "Zanzibar-Quetzal-7731 told us about her résumé";

    /// A plain WAL database whose latest writes are still in its WAL, as
    /// after a crash: built under another name with the connection open,
    /// then the database and WAL files are copied to `path`.
    fn make_plain(path: &Path) {
        let build = sidecar(path, ".build");
        let c = Connection::open(&build).unwrap();
        c.execute_batch(&format!(
            "PRAGMA journal_mode = WAL;
             PRAGMA user_version = 42;
             PRAGMA application_id = 1936223084;
             CREATE TABLE child (id INTEGER PRIMARY KEY, parent INTEGER REFERENCES parent(id), note TEXT);
             CREATE TABLE parent (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL UNIQUE);
             CREATE INDEX child_parent ON child(parent);
             CREATE VIEW names AS SELECT name FROM parent;
             CREATE TABLE audit (id INTEGER PRIMARY KEY, what TEXT);
             CREATE TRIGGER audit_append_only BEFORE DELETE ON audit BEGIN SELECT RAISE(ABORT, 'append-only'); END;
             CREATE VIRTUAL TABLE search USING fts5(body);
             INSERT INTO search(search, rank) VALUES('secure-delete', 1);
             PRAGMA foreign_keys = OFF;
             INSERT INTO child VALUES (1, 1, 'child before parent');
             PRAGMA foreign_keys = ON;
             INSERT INTO parent(name) VALUES ('{SECRET}'), ('second');
             INSERT INTO audit(what) VALUES ('created');
             INSERT INTO search(body) VALUES ('{SECRET}'), ('plain words');"
        ))
        .unwrap();
        for i in 0..300 {
            c.execute(
                "INSERT INTO search(body) VALUES (?1)",
                [format!("row {i} {SECRET}")],
            )
            .unwrap();
        }
        std::fs::copy(&build, path).unwrap();
        std::fs::copy(sidecar(&build, "-wal"), sidecar(path, "-wal")).unwrap();
        drop(c);
        std::fs::remove_file(&build).unwrap();
        assert!(std::fs::metadata(sidecar(path, "-wal")).unwrap().len() > 0);
    }

    /// What `make_plain` holds, read from a separate copy.
    fn expected_dump(dir: &Path) -> Vec<String> {
        let golden = dir.join("golden").join("g.db");
        std::fs::create_dir_all(golden.parent().unwrap()).unwrap();
        make_plain(&golden);
        let d = dump(&Connection::open(&golden).unwrap());
        std::fs::remove_dir_all(golden.parent().unwrap()).unwrap();
        d
    }

    /// Everything a reader can see, as text.
    fn dump(c: &Connection) -> Vec<String> {
        let mut out = Vec::new();
        let mut st = c
            .prepare("SELECT type, name, tbl_name, sql FROM sqlite_schema ORDER BY type, name")
            .unwrap();
        out.extend(
            st.query_map([], |r| {
                Ok(format!(
                    "{}|{}|{}|{:?}",
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, Option<String>>(3)?
                ))
            })
            .unwrap()
            .map(Result::unwrap),
        );
        for q in [
            "SELECT id || ':' || name FROM parent ORDER BY id",
            "SELECT id || ':' || parent || ':' || note FROM child",
            "SELECT name FROM names ORDER BY name",
            "SELECT what FROM audit",
            "SELECT rowid || ':' || body FROM search WHERE search MATCH 'Zanzibar' ORDER BY rowid",
            "SELECT name || ':' || seq FROM sqlite_sequence",
            "SELECT 'uv ' || user_version FROM pragma_user_version",
            "SELECT 'app ' || application_id FROM pragma_application_id",
            "SELECT 'jm ' || journal_mode FROM pragma_journal_mode",
        ] {
            let mut st = c.prepare(q).unwrap();
            out.extend(
                st.query_map([], |r| r.get::<_, String>(0))
                    .unwrap()
                    .map(Result::unwrap),
            );
        }
        out
    }

    fn contains(hay: &[u8], needle: &[u8]) -> bool {
        hay.windows(needle.len()).any(|w| w == needle)
    }

    fn dir_listing(dir: &Path) -> Vec<(String, Vec<u8>)> {
        let mut v: Vec<_> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| {
                let e = e.unwrap();
                (
                    e.file_name().to_string_lossy().into_owned(),
                    std::fs::read(e.path()).unwrap(),
                )
            })
            .collect();
        v.sort();
        v
    }

    #[test]
    fn encrypt_open_refuse_wrong_key_decrypt_round_trip() {
        let dir = tempfile::tempdir().unwrap();
        let plain = dir.path().join("plain.db");
        let enc = dir.path().join("enc.db");
        let back = dir.path().join("back.db");
        make_plain(&plain);
        let before = expected_dump(dir.path());
        assert!(before.iter().any(|l| l.contains(SECRET)), "{before:?}");
        assert!(before.contains(&"jm wal".to_string()), "{before:?}");
        let key = WorkspaceKey::generate().unwrap();

        encrypt_database(&plain, &enc, &key).unwrap();
        let bytes = std::fs::read(&enc).unwrap();
        assert!(
            !contains(&bytes, b"Zanzibar"),
            "plaintext in the encrypted file"
        );
        assert!(
            !contains(&bytes, b"SQLite format 3"),
            "plain header in the encrypted file"
        );
        assert!(!is_plain_sqlite(&enc));
        assert!(
            dir_listing(dir.path())
                .iter()
                .all(|(n, _)| !n.contains("converting")),
            "temp file left"
        );
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(
                std::fs::metadata(&enc).unwrap().permissions().mode() & 0o777,
                0o600
            );
        }

        let c = open_encrypted(&enc, &key).unwrap();
        assert!(cipher_version(&c).is_some());
        assert_eq!(dump(&c), before);
        // The copied trigger still guards the audit table.
        let e = c.execute("DELETE FROM audit", []).unwrap_err();
        assert!(e.to_string().contains("append-only"), "{e}");
        drop(c);

        // A wrong key is refused with WrongKey and changes no byte on disk.
        let files_before = dir_listing(dir.path());
        let wrong = WorkspaceKey::generate().unwrap();
        let e = open_encrypted(&enc, &wrong).unwrap_err();
        assert!(
            matches!(&e, CryptError::WrongKey { path } if path.ends_with("enc.db")),
            "{e:?}"
        );
        assert!(
            e.to_string().contains("enc.db") && e.to_string().contains("wrong key"),
            "{e}"
        );
        let e = decrypt_database(&enc, &back, &wrong).unwrap_err();
        assert!(matches!(e, CryptError::WrongKey { .. }), "{e:?}");
        let e = encrypt_database(&enc, &back, &key).unwrap_err();
        assert!(matches!(e, CryptError::NotPlainDatabase { .. }), "{e:?}");
        assert_eq!(
            dir_listing(dir.path()),
            files_before,
            "a refused key changed files"
        );

        decrypt_database(&enc, &back, &key).unwrap();
        assert!(is_plain_sqlite(&back));
        assert_eq!(dump(&Connection::open(&back).unwrap()), before);
        // A plain file opened with a key says so instead of "wrong key".
        let e = open_encrypted(&back, &key).unwrap_err();
        assert!(
            matches!(e, CryptError::NotEncryptedDatabase { .. }),
            "{e:?}"
        );
    }

    #[test]
    fn converts_in_place_both_ways() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("workspace.db");
        make_plain(&db);
        let before = expected_dump(dir.path());
        let key = WorkspaceKey::generate().unwrap();
        encrypt_database(&db, &db, &key).unwrap();
        assert!(!is_plain_sqlite(&db));
        assert!(!contains(&std::fs::read(&db).unwrap(), SECRET.as_bytes()));
        assert!(
            !sidecar(&db, "-wal").exists(),
            "old plaintext WAL left next to the encrypted file"
        );
        assert_eq!(dump(&open_encrypted(&db, &key).unwrap()), before);
        decrypt_database(&db, &db, &key).unwrap();
        assert!(is_plain_sqlite(&db));
        assert_eq!(dump(&Connection::open(&db).unwrap()), before);
        let names: Vec<_> = dir_listing(dir.path())
            .into_iter()
            .map(|(n, _)| n)
            .collect();
        assert!(
            names.iter().all(|n| n.starts_with("workspace.db")),
            "{names:?}"
        );
    }

    #[test]
    fn refuses_to_overwrite_and_reports_missing_source() {
        let dir = tempfile::tempdir().unwrap();
        let plain = dir.path().join("a.db");
        let other = dir.path().join("b.db");
        make_plain(&plain);
        std::fs::write(&other, b"keep me").unwrap();
        let key = WorkspaceKey::generate().unwrap();
        let e = encrypt_database(&plain, &other, &key).unwrap_err();
        assert!(matches!(e, CryptError::DestinationExists { .. }), "{e:?}");
        assert_eq!(std::fs::read(&other).unwrap(), b"keep me");
        let e = encrypt_database(&dir.path().join("nope.db"), &dir.path().join("x.db"), &key)
            .unwrap_err();
        assert!(e.to_string().contains("nope.db"), "{e}");
        let e = decrypt_database(&dir.path().join("nope.db"), &dir.path().join("x.db"), &key)
            .unwrap_err();
        assert!(e.to_string().contains("nope.db"), "{e}");
    }

    #[test]
    fn in_place_conversion_refused_while_another_connection_holds_wal() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("busy.db");
        make_plain(&db);
        // Another connection (standing in for a running app) keeps the WAL alive.
        let holder = Connection::open(&db).unwrap();
        holder
            .execute("INSERT INTO audit(what) VALUES ('late')", [])
            .unwrap();
        let original = std::fs::read(&db).unwrap();
        let key = WorkspaceKey::generate().unwrap();
        let e = encrypt_database(&db, &db, &key).unwrap_err();
        assert!(matches!(e, CryptError::DatabaseBusy { .. }), "{e:?}");
        assert!(e.to_string().contains("close Shortlist"), "{e}");
        assert_eq!(
            std::fs::read(&db).unwrap(),
            original,
            "the original changed"
        );
        assert!(is_plain_sqlite(&db));
        let names: Vec<_> = dir_listing(dir.path())
            .into_iter()
            .map(|(n, _)| n)
            .collect();
        assert!(names.iter().all(|n| !n.contains("converting")), "{names:?}");
        drop(holder);
    }

    /// Each page cipher round-trips, is the one the file was written with
    /// (the other settings do not open it: the HMAC is checked), and an
    /// HMAC-SHA256 file reads with `cipher_hmac_algorithm` = HMAC_SHA256.
    #[test]
    fn each_db_cipher_round_trips_and_only_opens_with_its_own_settings() {
        for (cipher, other, algorithm) in [
            (DbCipher::HmacSha256, DbCipher::Sqlcipher4, "HMAC_SHA256"),
            (DbCipher::Sqlcipher4, DbCipher::HmacSha256, "HMAC_SHA512"),
        ] {
            let dir = tempfile::tempdir().unwrap();
            let plain = dir.path().join("plain.db");
            let enc = dir.path().join("enc.db");
            make_plain(&plain);
            let before = expected_dump(dir.path());
            let key = WorkspaceKey::generate().unwrap().with_db_cipher(cipher);
            encrypt_database(&plain, &enc, &key).unwrap();

            let c = open_encrypted(&enc, &key).unwrap();
            assert_eq!(dump(&c), before, "{cipher:?}");
            let used: String = c
                .query_row("PRAGMA cipher_hmac_algorithm", [], |r| r.get(0))
                .unwrap();
            assert_eq!(used, algorithm, "{cipher:?}");
            drop(c);

            let same_bytes_other_cipher = key.clone().with_db_cipher(other);
            let e = open_encrypted(&enc, &same_bytes_other_cipher).unwrap_err();
            assert!(
                matches!(e, CryptError::WrongKey { .. }),
                "{cipher:?}: {e:?}"
            );

            let back = dir.path().join("back.db");
            decrypt_database(&enc, &back, &key).unwrap();
            let c = Connection::open(&back).unwrap();
            assert_eq!(dump(&c), before, "{cipher:?} decrypted");
        }
    }

    /// The workspace links SQLCipher (not plain `bundled` SQLite) and the
    /// build flags of `.cargo/config.toml` still reach it.
    #[test]
    fn sqlcipher_is_linked_with_the_workspace_flags() {
        let c = Connection::open_in_memory().unwrap();
        let v = cipher_version(&c).expect("SQLCipher linked");
        assert!(v.starts_with('4'), "{v}");
        let mut st = c.prepare("PRAGMA compile_options").unwrap();
        let opts: Vec<String> = st
            .query_map([], |r| r.get(0))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        for want in ["DEFAULT_MEMSTATUS=0", "ENABLE_FTS5", "HAS_CODEC"] {
            assert!(
                opts.iter().any(|o| o == want),
                "{want} missing from {opts:?}"
            );
        }
    }

    #[test]
    fn sqlcipher_key_is_derived_not_the_workspace_key() {
        let key = WorkspaceKey::from_bytes([1; 32]);
        let hexkey = sqlcipher_key_hex(&key);
        assert_eq!(hexkey.len(), 64);
        assert_ne!(hexkey.as_str(), key.to_hex().as_str());
        assert_eq!(
            sqlcipher_key_hex(&WorkspaceKey::from_bytes([1; 32])).as_str(),
            hexkey.as_str()
        );
    }
}
