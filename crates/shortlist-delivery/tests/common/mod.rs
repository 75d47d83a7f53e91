//! Shared test fixtures: a small workspace with rows inserted directly
//! (two interviewers, four candidates in different states).

#![allow(dead_code)]

pub mod fake_heymilo;
pub mod http_mock;
pub mod smtp_sink;

use rusqlite::params;
use shortlist_core::Workspace;

pub struct Cand<'a> {
    pub id: &'a str,
    pub posting: &'a str,
    pub name: &'a str,
    pub email: &'a str,
    pub status: &'a str,
    /// (kind, status) per workflow step.
    pub steps: &'a [(&'a str, &'a str)],
}

pub const CANDS: &[Cand<'static>] = &[
    Cand {
        id: "int_a",
        posting: "post_1",
        name: "Zoë Ångström",
        email: "zoe@example.test",
        status: "in_progress",
        steps: &[("resume", "completed"), ("web_interview", "in_progress")],
    },
    Cand {
        id: "int_b",
        posting: "post_1",
        name: "Omar Haddad",
        email: "omar@example.test",
        status: "completed",
        steps: &[("resume", "completed"), ("web_interview", "completed")],
    },
    Cand {
        id: "int_c",
        posting: "post_2",
        name: "李 伟",
        email: "li.wei@example.test",
        status: "pending",
        steps: &[("resume", "not_started")],
    },
    Cand {
        id: "int_bad",
        posting: "post_2",
        name: "No Address",
        email: "not an address",
        status: "pending",
        steps: &[],
    },
];

pub fn seed(dir: &std::path::Path) -> Workspace {
    let ws = Workspace::open(dir).expect("open workspace");
    {
        let conn = ws.writer();
        for (id, title, agent, max_retakes) in [
            ("post_1", "Seasonal Sales Associate", Some("Sally"), Some(1)),
            ("post_2", "Barista", None, None::<i64>),
        ] {
            conn.execute(
                "INSERT INTO postings (id, raw, raw_hash, title, interviewer_name, status, max_retakes, imported_at)
                 VALUES (?1, '{}', 'h', ?2, ?3, 'active', ?4, 0)",
                params![id, title, agent, max_retakes],
            )
            .unwrap();
        }
        for c in CANDS {
            conn.execute(
                "INSERT INTO candidates (interview_id, posting_id, name, email, interview_url, imported_status, imported_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, 0)",
                params![
                    c.id,
                    c.posting,
                    c.name,
                    c.email,
                    format!("https://interview.example.test/{}", c.id),
                    c.status
                ],
            )
            .unwrap();
            for (i, (kind, status)) in c.steps.iter().enumerate() {
                conn.execute(
                    "INSERT INTO steps (interview_id, step_order, step_id, kind, status) VALUES (?1, ?2, ?3, ?4, ?5)",
                    params![c.id, i as i64, format!("s{i}"), kind, status],
                )
                .unwrap();
            }
        }
    }
    ws
}

pub fn ids(v: &[&str]) -> Vec<String> {
    v.iter().map(|s| s.to_string()).collect()
}
