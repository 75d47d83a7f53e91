//! Workspace-level tests of the actions on a small hand-built workspace.

#![allow(clippy::type_complexity)]

use rusqlite::params;
use serde_json::json;

use super::*;
use crate::store::{now, Workspace};

fn ws() -> (tempfile::TempDir, Workspace) {
    let dir = tempfile::tempdir().unwrap();
    let ws = Workspace::open(dir.path()).unwrap();
    let t = now();
    {
        let conn = ws.writer();
        for (id, title, status, deadline, desc) in [
            (
                "p_barista",
                "Barista",
                "active",
                Some(t + 2.0 * 86400.0),
                "Espresso drinks, latte art, customer service in a busy cafe",
            ),
            (
                "p_sales",
                "Seasonal Sales Associate",
                "active",
                Some(t + 30.0 * 86400.0),
                "Retail floor, POS, merchandising",
            ),
            (
                "p_data",
                "Data Analyst",
                "active",
                None,
                "SQL, Excel, dashboards, reporting",
            ),
            ("p_old", "Cook", "expired", Some(t + 86400.0), "Kitchen"),
        ] {
            conn.execute(
                "INSERT INTO postings (id, raw, raw_hash, title, status, deadline, imported_at) VALUES (?1, ?2, 'h', ?3, ?4, ?5, 0)",
                params![id, json!({"id": id, "title": title, "status": status, "description": desc}).to_string(), title, status, deadline],
            )
            .unwrap();
        }
        let interview = json!({
            "interview_id": "i1", "posting_id": "p_sales", "name": "Ana", "email": "ana@example.test", "status": "completed",
            "resume": {"overall_score": 70.0, "score_criteria": [
                {"criteria_id": "c1", "criteria_text": "Barista or cafe experience", "score": 8.0, "confidence": 0.9,
                 "reasons": ["Worked as Head Barista at Blue Bottle from 2015-2020.", "Lists 5 years of espresso and latte art experience."]}
            ]},
            "web_interview": {"match_score": 85.0, "highlights": ["Warm customer service"], "transcript": [
                {"speaker": "Interviewer", "text": "Tell me about your coffee experience.", "timestamp": 3.0},
                {"speaker": "Candidate", "text": "I made espresso and latte art for one year at Blue Bottle in 2022.", "timestamp": 9.5},
                {"speaker": "Candidate", "text": "I was a junior barista there.", "timestamp": 20.0}
            ]}
        });
        let rows: &[(
            &str,
            &str,
            &str,
            &str,
            Option<&str>,
            Option<&str>,
            Option<f64>,
            Option<f64>,
        )] = &[
            (
                "i1",
                "p_sales",
                "Ana López",
                "completed",
                Some("+351 912 345 678"),
                Some("Lisbon, Portugal"),
                Some(91.0),
                Some(t - 100.0),
            ),
            (
                "i2",
                "p_sales",
                "Bo Chen",
                "in_progress",
                Some("+86 10 1234 5678"),
                None,
                None,
                None,
            ),
            (
                "i3",
                "p_barista",
                "Cy Doe",
                "completed",
                Some("+1 415 555 0100"),
                Some("Somewhere"),
                Some(60.0),
                Some(t - 50.0),
            ),
            (
                "i4",
                "p_data",
                "Di Eve",
                "completed",
                None,
                None,
                Some(75.0),
                Some(t - 5000.0),
            ),
        ];
        for (iid, pid, name, status, phone, loc, score, at) in rows {
            conn.execute(
                "INSERT INTO candidates (interview_id, posting_id, candidate_id, name, email, phone, location, imported_status, score, interviewed_at, interview_raw, imported_at)
                 VALUES (?1, ?2, ?3, ?4, 'x@example.test', ?5, ?6, ?7, ?8, ?9, ?10, 0)",
                params![iid, pid, format!("cand_{iid}"), name, phone, loc, status, score, at,
                        if *iid == "i1" { Some(interview.to_string()) } else { None }],
            )
            .unwrap();
        }
        for (iid, tag) in [
            ("i1", "Customer_Focused "),
            ("i1", "customer focused"),
            ("i1", "Latte Art"),
            ("i3", "latte art"),
            ("i3", "espresso"),
            ("i4", "sql"),
        ] {
            conn.execute(
                "INSERT OR IGNORE INTO tags (interview_id, tag) VALUES (?1, ?2)",
                params![iid, tag],
            )
            .unwrap();
        }
    }
    (dir, ws)
}

#[test]
fn find_other_jobs_ranks_the_barista_role_first_with_reasons() {
    let (_d, ws) = ws();
    let r = find_jobs::find_other_jobs(&ws, "i1").unwrap();
    assert_eq!(r.posting_id, "p_sales");
    assert_eq!(r.matches.len(), 3, "own interviewer excluded");
    let top = &r.matches[0];
    assert_eq!(top.posting_id, "p_barista", "{:#?}", r.matches);
    assert!(top.score > r.matches[1].score);
    assert!(
        top.shared_tags.contains(&"latte art".to_string()),
        "{top:?}"
    );
    assert!(top.reasons.iter().any(|x| x.contains("latte art")));
    assert!(
        top.shared_terms
            .iter()
            .any(|t| t == "espresso" || t == "barista"),
        "{top:?}"
    );
    let cook = r.matches.iter().find(|m| m.posting_id == "p_old").unwrap();
    assert!(cook.score.is_sign_positive(), "no -0 score: {}", cook.score);
    assert!(cook.reasons.iter().any(|x| x.contains("expired")));
    assert!(matches!(
        find_jobs::find_other_jobs(&ws, "nope"),
        Err(ActionError::NoSuchInterview(_))
    ));
}

#[test]
fn cross_agent_lists_mismatches_with_both_quotes_and_changes_nothing() {
    let (_d, ws) = ws();
    let before: (Option<f64>, i64) = ws
        .reader()
        .query_row("SELECT score, (SELECT count(*) FROM decisions) FROM candidates WHERE interview_id = 'i1'", [], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap();
    let r = cross_agent::cross_agent(&ws, "i1").unwrap();
    // No résumé file here: the evaluation's reasons are compared, and said so.
    assert_eq!(r.resume_source, "evaluation");
    assert!(
        r.note.as_deref().unwrap().contains("no résumé file"),
        "{:?}",
        r.note
    );
    let topics: Vec<_> = r.signals.iter().map(|s| s.topic.as_str()).collect();
    assert!(
        topics.contains(&"years") && topics.contains(&"dates") && topics.contains(&"titles"),
        "{:#?}",
        r.signals
    );
    let years = r.signals.iter().find(|s| s.topic == "years").unwrap();
    assert!(years.resume_claim.contains("5 years"));
    assert!(years.interview_quote.contains("one year"));
    assert_eq!(years.timestamp, Some(9.5));
    // Retry gives the same result and nothing changed.
    let again = cross_agent::cross_agent(&ws, "i1").unwrap();
    assert_eq!(again.signals, r.signals);
    let after: (Option<f64>, i64) = ws
        .reader()
        .query_row("SELECT score, (SELECT count(*) FROM decisions) FROM candidates WHERE interview_id = 'i1'", [], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap();
    assert_eq!(before, after);
    let empty = cross_agent::cross_agent(&ws, "i2").unwrap();
    assert!(empty.signals.is_empty());
    assert!(empty.note.unwrap().contains("no résumé"));
}

#[test]
fn enrich_derives_country_timezone_and_tags() {
    let (_d, ws) = ws();
    let r = enrich::enrich(&ws, &["i1".into(), "i2".into(), "i3".into(), "i4".into()]).unwrap();
    assert_eq!(r[0].country.as_deref(), Some("PT"));
    assert_eq!(r[0].timezone.as_deref(), Some("Europe/Lisbon"));
    assert_eq!(r[0].tags, vec!["customer focused", "latte art"]);
    assert!(r[0].sources.iter().any(|s| s == "country: location"));
    assert_eq!(r[1].country.as_deref(), Some("CN"));
    assert_eq!(r[1].timezone.as_deref(), Some("Asia/Shanghai"));
    assert_eq!(r[2].country.as_deref(), Some("US"));
    assert_eq!(r[2].timezone, None, "US spans several zones: no guess");
    assert_eq!(r[3].country, None);
    let stored = enrich::enrichment(&ws, "i1").unwrap().unwrap();
    assert_eq!(stored.tags, r[0].tags);
    // Imported columns untouched.
    let c: Option<String> = ws
        .reader()
        .query_row(
            "SELECT country FROM candidates WHERE interview_id='i1'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(c, None);
    assert!(crate::audit::verify(&ws.reader()).unwrap().is_intact());
}

/// The expiry window is a setting (1–30 days): a 30-day window announces
/// the interviewer 30 days away that the default 3 days does not; a value
/// outside the range is refused with nothing saved.
#[test]
fn alert_settings_set_the_expiry_window_and_sound() {
    use notifications::AlertSettings;
    let (_d, ws) = ws();
    let t = now();
    let defaults = notifications::alert_settings(&ws).unwrap();
    assert_eq!(
        defaults,
        AlertSettings {
            os_enabled: true,
            expiry_days: 3,
            sound: false
        }
    );
    let expiring = |ws: &crate::store::Workspace| -> Vec<String> {
        notifications::list(ws, t)
            .unwrap()
            .items
            .into_iter()
            .filter(|i| i.kind == "expiring")
            .map(|i| i.posting_id)
            .collect()
    };
    assert_eq!(expiring(&ws), vec!["p_barista".to_string()]);

    let wide = AlertSettings {
        os_enabled: false,
        expiry_days: 30,
        sound: true,
    };
    assert_eq!(notifications::set_alert_settings(&ws, &wide).unwrap(), wide);
    let mut now_expiring = expiring(&ws);
    now_expiring.sort();
    assert_eq!(
        now_expiring,
        vec!["p_barista".to_string(), "p_sales".to_string()]
    );
    assert!(!notifications::os_enabled(&ws).unwrap());

    for bad in [0, 31] {
        let e = notifications::set_alert_settings(
            &ws,
            &AlertSettings {
                expiry_days: bad,
                ..defaults
            },
        )
        .unwrap_err();
        assert!(e.to_string().contains("from 1 to 30 days"), "{e}");
    }
    assert_eq!(
        notifications::alert_settings(&ws).unwrap(),
        wide,
        "nothing saved"
    );
}

#[test]
fn notifications_completions_high_scores_expiry_and_read_state() {
    let (_d, ws) = ws();
    let t = now();
    let n = notifications::list(&ws, t).unwrap();
    let keys: Vec<&str> = n.items.iter().map(|i| i.key.as_str()).collect();
    assert!(
        keys.contains(&"completed:i1")
            && keys.contains(&"completed:i3")
            && keys.contains(&"completed:i4")
    );
    assert!(!keys.contains(&"completed:i2"));
    assert!(keys.contains(&"high_score:i1"), "91 ≥ 80");
    assert!(!keys.contains(&"high_score:i4"), "75 < 80");
    assert!(keys.iter().any(|k| k.starts_with("expiring:p_barista:")));
    assert!(
        !keys.iter().any(|k| k.starts_with("expiring:p_sales:")),
        "30 days away"
    );
    assert!(
        !keys.iter().any(|k| k.starts_with("expiring:p_old:")),
        "not active"
    );
    assert_eq!(n.unread, n.items.len());

    // Per-interviewer threshold.
    notifications::set_threshold(&ws, Some("p_data"), 70.0).unwrap();
    let n = notifications::list(&ws, t).unwrap();
    assert!(n.items.iter().any(|i| i.key == "high_score:i4"));

    notifications::mark_read(&ws, &["completed:i1".into()], t).unwrap();
    let n2 = notifications::list(&ws, t).unwrap();
    assert_eq!(n2.unread, n.unread - 1);
    assert!(
        n2.items
            .iter()
            .find(|i| i.key == "completed:i1")
            .unwrap()
            .read
    );
    notifications::mark_all_read(&ws, t).unwrap();
    assert_eq!(notifications::list(&ws, t).unwrap().unread, 0);

    // Baseline: completions before it are not news.
    set_setting(&ws, "notifications.since", &(t - 1000.0).to_string()).unwrap();
    let n3 = notifications::list(&ws, t).unwrap();
    assert!(!n3.items.iter().any(|i| i.key == "completed:i4"));
}

#[test]
fn the_bell_gets_the_newest_items_and_every_unread_and_never_holds_up_the_list() {
    let (_d, ws) = ws();
    let t = now();
    let all = notifications::list(&ws, t).unwrap();
    assert!(all.items.len() > 2, "{all:#?}");
    let bell = notifications::latest(&ws, t, 2).unwrap();
    assert_eq!(
        bell.unread, all.unread,
        "the count covers every notification"
    );
    assert_eq!((bell.total, all.total), (all.items.len(), all.items.len()));
    let keys = |n: &notifications::Notifications| -> Vec<String> {
        n.items.iter().map(|i| i.key.clone()).collect()
    };
    assert_eq!(keys(&bell), keys(&all)[..2].to_vec(), "newest first");

    // Notifications read on their own connection: while the list's reader
    // is busy (held here), they are still answered.
    let held = ws.reader();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::scope(|s| {
        s.spawn(|| tx.send(notifications::latest(&ws, t, 2).map(|n| n.unread)));
        let got = rx.recv_timeout(std::time::Duration::from_secs(20));
        drop(held);
        assert_eq!(
            got.expect("answered while the reader was held").unwrap(),
            all.unread
        );
    });
}

#[test]
fn secrets_are_refused_as_settings() {
    let (_d, ws) = ws();
    let e = set_setting(&ws, "smtp.password", "x").unwrap_err();
    assert!(e.to_string().contains("keychain"));
}

#[test]
fn os_notices_raise_each_new_key_once_skip_the_backlog_and_obey_the_switch() {
    let (_d, ws) = ws();
    let t = now();
    // First check of a workspace: the backlog is recorded, nothing raised.
    assert!(notifications::take_os_notices(&ws, t).unwrap().is_empty());
    assert!(notifications::take_os_notices(&ws, t).unwrap().is_empty());

    // A new high score (threshold lowered for p_barista: i3 scored 60).
    notifications::set_threshold(&ws, Some("p_barista"), 55.0).unwrap();
    let n = notifications::take_os_notices(&ws, t).unwrap();
    assert_eq!(n.len(), 1, "{n:#?}");
    assert_eq!(n[0].title, "Cy Doe scored 60%");
    assert!(n[0].body.contains("threshold of 55%"), "{}", n[0].body);
    assert_eq!(n[0].keys, vec!["high_score:i3".to_string()]);
    // Never twice, also after a "restart" (a fresh handle on the same folder).
    assert!(notifications::take_os_notices(&ws, t).unwrap().is_empty());
    let again = Workspace::open(ws.root()).unwrap();
    assert!(notifications::take_os_notices(&again, t)
        .unwrap()
        .is_empty());

    // Read notifications are never raised.
    notifications::set_threshold(&ws, Some("p_sales"), 95.0).unwrap();
    notifications::set_threshold(&ws, None, 10.0).unwrap();
    notifications::mark_read(&ws, &["high_score:i4".into()], t).unwrap();
    // i4 (p_data, 75) read → nothing; i1 (p_sales 91 < 95) → nothing.
    assert!(notifications::take_os_notices(&ws, t).unwrap().is_empty());

    // Switched off: new keys are consumed silently, and not replayed later.
    notifications::set_os_enabled(&ws, false).unwrap();
    assert!(!notifications::os_enabled(&ws).unwrap());
    notifications::set_threshold(&ws, Some("p_sales"), 50.0).unwrap();
    assert!(notifications::take_os_notices(&ws, t).unwrap().is_empty());
    notifications::set_os_enabled(&ws, true).unwrap();
    assert!(notifications::take_os_notices(&ws, t).unwrap().is_empty());

    // A burst becomes one summary: four new completions at once.
    {
        let conn = ws.writer();
        for i in 0..4 {
            conn.execute(
                "INSERT INTO candidates (interview_id, posting_id, name, email, imported_status, interviewed_at, imported_at)
                 VALUES (?1, 'p_data', ?2, 'x@example.test', 'completed', ?3, 0)",
                params![format!("n{i}"), format!("New {i}"), t - 10.0],
            )
            .unwrap();
        }
    }
    let n = notifications::take_os_notices(&ws, t).unwrap();
    assert_eq!(n.len(), 1, "{n:#?}");
    assert_eq!(n[0].title, "4 new notifications in Shortlist");
    assert_eq!(n[0].keys.len(), 4);
    assert!(n[0].body.contains("and 1 more"), "{}", n[0].body);
    assert!(notifications::take_os_notices(&ws, t).unwrap().is_empty());
}
