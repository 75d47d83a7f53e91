//! The background team sync (F74): when the open workspace has a team,
//! push its waiting events and pull the others' on a thread of its own,
//! never on the UI's or a command's, and report each round through the
//! callback (the app emits it as the `team-sync` event, the page then
//! refreshes the list and the profile).
//!
//! When a round runs: every [`PULL_EVERY`]; right after [`kick`] (the
//! app's own evaluation commands and the team commands kick); within
//! [`POLL`] of any other local reviewer action (a decision, a note, a
//! cohort change records an event in the local outbox, which the thread
//! sees waiting); and at once after the workspace changes. While offline,
//! waiting events are retried every [`PULL_EVERY`], not every poll.

use std::sync::mpsc::{self, RecvTimeoutError, Sender};
use std::sync::{Mutex, OnceLock};
use std::time::{Duration, Instant};

use shortlist_core::actions::team::{self, TeamSyncReport};
use shortlist_core::Workspace;
use shortlist_delivery::secrets::{self, Secret};

use crate::media_server::SharedWorkspace;

/// How often the thread looks at the local outbox.
pub const POLL: Duration = Duration::from_secs(3);
/// How often it pulls when nothing else asks.
pub const PULL_EVERY: Duration = Duration::from_secs(60);

static KICK: OnceLock<Mutex<Sender<()>>> = OnceLock::new();

/// Ask the thread for a round now (no-op when it is not running, as in
/// the command tests).
pub fn kick() {
    if let Some(tx) = KICK.get() {
        let _ = tx.lock().unwrap_or_else(|p| p.into_inner()).send(());
    }
}

/// One round on `ws`: push then pull with the password from
/// `$SHORTLIST_TEAM_PASSWORD` or the OS keychain. `None` without a team.
pub fn round(ws: &Workspace) -> Option<TeamSyncReport> {
    let cfg = team::config(ws).ok()??;
    let result = match secrets::team_password(&cfg.url) {
        Ok(p) => team::sync(ws, p.as_ref().map(Secret::expose)),
        Err(e) => team::local_report(ws, true, Some(e.to_string())),
    };
    Some(result.unwrap_or_else(|e| TeamSyncReport {
        configured: true,
        connected: false,
        error: Some(e.to_string()),
        pushed: 0,
        fetched: 0,
        applied: 0,
        waiting_to_push: 0,
        waiting_for_import: 0,
        last_pull_at: None,
    }))
}

/// Start the thread (once per process) over the app's open workspace.
pub fn start(shared: SharedWorkspace, report: impl Fn(&TeamSyncReport) + Send + 'static) {
    let (tx, rx) = mpsc::channel::<()>();
    if KICK.set(Mutex::new(tx)).is_err() {
        return;
    }
    let spawned = std::thread::Builder::new()
        .name("team-sync".into())
        .spawn(move || {
            let mut last_root: Option<std::path::PathBuf> = None;
            let mut last_round: Option<Instant> = None;
            let mut last_ok = false;
            loop {
                let kicked = match rx.recv_timeout(POLL) {
                    Ok(()) => {
                        while rx.try_recv().is_ok() {}
                        true
                    }
                    Err(RecvTimeoutError::Timeout) => false,
                    Err(RecvTimeoutError::Disconnected) => return,
                };
                let ws = shared.read().unwrap_or_else(|p| p.into_inner()).clone();
                let Some(ws) = ws else { continue };
                let switched = last_root.as_deref() != Some(ws.root());
                if !matches!(team::config(&ws), Ok(Some(_))) {
                    // A workspace without a team: say so once (the header
                    // indicator hides), then nothing to do.
                    if switched {
                        if let Ok(r) = team::local_report(&ws, false, None) {
                            report(&r);
                        }
                    }
                    last_root = Some(ws.root().to_path_buf());
                    continue;
                }
                let elapsed = last_round.map_or(Duration::MAX, |t| t.elapsed());
                let waiting = team::waiting_to_push(&ws).unwrap_or(0) > 0;
                let due = kicked
                    || switched
                    || elapsed >= PULL_EVERY
                    || (waiting && last_ok && elapsed >= POLL);
                if !due {
                    continue;
                }
                last_root = Some(ws.root().to_path_buf());
                last_round = Some(Instant::now());
                if let Some(r) = round(&ws) {
                    last_ok = r.connected;
                    report(&r);
                }
            }
        });
    if let Err(e) = spawned {
        eprintln!("shortlist: cannot start the team sync thread: {e}");
    }
}

// Debian's PostgreSQL for the test below (the team crate's helper).
#[cfg(test)]
#[allow(dead_code)]
#[path = "../crates/shortlist-team/tests/it/pg.rs"]
mod pg;

#[cfg(test)]
mod tests {
    use std::sync::{mpsc, Arc, RwLock};
    use std::time::{Duration, Instant};

    use shortlist_core::actions::panel::{self as evals, EvaluationInput};
    use shortlist_core::actions::{decisions, team};
    use shortlist_core::review::panel::Recommendation;
    use shortlist_core::review::Decision;
    use shortlist_core::Workspace;

    use super::pg::PgServer;

    /// The next report matching `ok` within `secs` seconds (a condition
    /// with a timeout, never a fixed sleep).
    fn next(
        rx: &mpsc::Receiver<team::TeamSyncReport>,
        secs: u64,
        ok: impl Fn(&team::TeamSyncReport) -> bool,
    ) -> team::TeamSyncReport {
        let end = Instant::now() + Duration::from_secs(secs);
        let mut seen = Vec::new();
        loop {
            let left = end.saturating_duration_since(Instant::now());
            match rx.recv_timeout(left) {
                Ok(r) if ok(&r) => return r,
                Ok(r) => seen.push(r),
                Err(_) => panic!("no matching team-sync report within {secs} s; saw {seen:?}"),
            }
        }
    }

    /// A workspace with the good bundle imported, joined to a fresh
    /// database `name` on `server` as reviewer Ann: (the database, the
    /// folder to keep alive, the workspace, Ann's password).
    fn team_workspace(
        server: &PgServer,
        name: &str,
    ) -> (String, tempfile::TempDir, Arc<Workspace>, String) {
        let db = server.create_db(name);
        let dir = tempfile::tempdir().unwrap();
        let ws = Workspace::open(dir.path().join("ws")).unwrap();
        let bundle =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/good-bundle");
        team::import_path_with(&ws, &bundle, &Default::default(), &|_| {}).unwrap();
        let (_, password) =
            team::init_server(&ws, &server.admin_url(&db), "Ann", "ann@example.org", None).unwrap();
        let password = password.expect("the admin URL has a password");
        (db, dir, Arc::new(ws), password)
    }

    /// The thread pushes and pulls against a real server: at once when
    /// kicked, and within a poll of a reviewer action nobody kicked for (a
    /// decision recorded by another command file).
    #[test]
    fn background_sync_pushes_after_a_kick_and_after_any_local_action() {
        let server = PgServer::start();
        let (db, _dir, ws, password) = team_workspace(&server, "app_sync");
        // No keychain in the test: the password comes from the variable, as
        // the CLI documents for headless machines.
        std::env::set_var(shortlist_delivery::secrets::TEAM_PASSWORD_ENV, password);
        evals::save_evaluation(
            &ws,
            "I001",
            &EvaluationInput {
                recommendation: Some(Recommendation::Yes),
                ..Default::default()
            },
            true,
        )
        .unwrap();

        let shared: crate::media_server::SharedWorkspace = Arc::new(RwLock::new(Some(ws.clone())));
        let (tx, rx) = mpsc::channel();
        super::start(shared, move |r| {
            let _ = tx.send(r.clone());
        });
        super::kick();
        let r = next(&rx, 60, |r| r.connected && r.pushed == 1);
        assert_eq!(r.waiting_to_push, 0, "{r:?}");
        assert!(r.last_pull_at.is_some(), "{r:?}");

        // Nobody kicks: the thread sees the waiting event within a poll.
        decisions::set_decision(&ws, &["I001".into()], Decision::Shortlisted).unwrap();
        let r = next(&rx, 30, |r| r.connected && r.pushed == 1);
        assert_eq!(r.waiting_to_push, 0, "{r:?}");
        let on_server: i64 = shortlist_team::Remote::connect(&server.admin_url(&db))
            .unwrap()
            .client()
            .query_one("SELECT count(*) FROM shortlist.events", &[])
            .unwrap()
            .get(0);
        assert_eq!(on_server, 2);
    }

    /// A pull that waits on the server (here: on a lock an administrator
    /// holds on the events table) does not hold the workspace's write
    /// connection: a reviewer's decision made meanwhile is saved at once.
    #[test]
    fn a_pull_waiting_on_the_server_does_not_hold_the_write_connection() {
        let server = PgServer::start();
        let (db, _dir, ws, password) = team_workspace(&server, "app_slow_pull");

        let mut admin = shortlist_team::Remote::connect(&server.admin_url(&db)).unwrap();
        let mut lock = admin.client().transaction().unwrap();
        lock.batch_execute("LOCK TABLE shortlist.events IN ACCESS EXCLUSIVE MODE")
            .unwrap();

        let pulling = {
            let ws = ws.clone();
            std::thread::spawn(move || team::pull(&ws, Some(&password)))
        };
        // Wait until the pull's fetch is blocked on the lock.
        let mut watch = shortlist_team::Remote::connect(&server.admin_url(&db)).unwrap();
        let end = Instant::now() + Duration::from_secs(30);
        loop {
            let waiting: i64 = watch
                .client()
                .query_one(
                    "SELECT count(*) FROM pg_stat_activity
                     WHERE wait_event_type = 'Lock' AND query LIKE '%FROM shortlist.events%'",
                    &[],
                )
                .unwrap()
                .get(0);
            if waiting > 0 {
                break;
            }
            assert!(
                Instant::now() < end,
                "the pull never reached the server's events table"
            );
            std::thread::sleep(Duration::from_millis(20));
        }

        let (tx, rx) = mpsc::channel();
        {
            let ws = ws.clone();
            std::thread::spawn(move || {
                let r = decisions::set_decision(&ws, &["I001".into()], Decision::Shortlisted);
                let _ = tx.send(r.map(|_| ()).map_err(|e| e.to_string()));
            });
        }
        let saved = rx.recv_timeout(Duration::from_secs(10));
        // Release the pull whatever happened, so the thread ends.
        lock.commit().unwrap();
        let saved = saved.expect("a decision waited for the pull's network fetch");
        saved.unwrap();
        let pulled = pulling.join().unwrap().unwrap();
        assert_eq!(pulled.fetched, 0, "{pulled:?}");
    }
}
