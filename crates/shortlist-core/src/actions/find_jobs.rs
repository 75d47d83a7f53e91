//! Find Other Jobs (F22): rank the workspace's other interviewers for one
//! candidate, offline, with the reasons.
//!
//! Method (simple and explainable): TF-IDF over one document per
//! interviewer — job title (×3), description, scorecard questions and
//! criteria, résumé criteria of its candidates, tags of its candidates — and
//! one for the candidate — tags (×3), résumé criteria with their reasons,
//! highlights, the candidate's own answers in the transcript. Score = cosine
//! similarity × 100. Reasons list shared tags and the strongest shared terms.
//! Interviewers the same person (same `candidate_id`) is already in are
//! marked, not hidden.

use std::collections::{BTreeSet, HashMap};

use rusqlite::Connection;
use serde::Serialize;

use super::text::tokens;
use super::{candidate_ref, ActionResult};
use crate::model::InterviewData;
use crate::store::Workspace;

#[derive(Debug, Clone, Serialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct JobMatch {
    pub posting_id: String,
    pub title: String,
    pub status: String,
    /// 0–100.
    pub score: f64,
    pub reasons: Vec<String>,
    pub shared_tags: Vec<String>,
    pub shared_terms: Vec<String>,
    pub already_in_pipeline: bool,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct FindJobsResult {
    pub interview_id: String,
    pub posting_id: String,
    pub matches: Vec<JobMatch>,
}

type Doc = HashMap<String, f64>;

fn add(doc: &mut Doc, text: &str, weight: f64) {
    for t in tokens(text) {
        *doc.entry(t).or_default() += weight;
    }
}

fn interview(conn: &Connection, interview_id: &str) -> ActionResult<Option<InterviewData>> {
    let raw: Option<String> = conn.query_row(
        "SELECT interview_raw FROM candidates WHERE interview_id = ?1",
        [interview_id],
        |r| r.get(0),
    )?;
    Ok(raw.and_then(|r| serde_json::from_str(&r).ok()))
}

fn tags_of(conn: &Connection, interview_id: &str) -> ActionResult<BTreeSet<String>> {
    let mut stmt = conn.prepare("SELECT tag FROM tags WHERE interview_id = ?1")?;
    let rows = stmt.query_map([interview_id], |r| r.get::<_, String>(0))?;
    Ok(rows
        .filter_map(|t| t.ok())
        .filter_map(|t| super::enrich::normalise_tag(&t))
        .collect())
}

/// How many of an interviewer's candidates are read for résumé criteria.
const SAMPLE: i64 = 40;

pub fn find_other_jobs(ws: &Workspace, interview_id: &str) -> ActionResult<FindJobsResult> {
    let conn = ws.reader();
    let me = candidate_ref(&conn, interview_id)?;

    // The candidate's document.
    let mut cand: Doc = HashMap::new();
    let my_tags = tags_of(&conn, interview_id)?;
    for t in &my_tags {
        add(&mut cand, t, 3.0);
    }
    if let Some(data) = interview(&conn, interview_id)? {
        if let Some(r) = &data.resume {
            for c in &r.score_criteria {
                add(&mut cand, &c.criteria_text, 1.0);
                for reason in &c.reasons {
                    add(&mut cand, reason, 1.0);
                }
            }
            for c in &r.eligibility_criteria {
                for reason in &c.reasons {
                    add(&mut cand, reason, 1.0);
                }
            }
        }
        if let Some(w) = &data.web_interview {
            for h in &w.highlights {
                add(&mut cand, h, 1.0);
            }
            for line in w
                .transcript
                .iter()
                .filter(|l| l.speaker.eq_ignore_ascii_case("candidate"))
            {
                add(&mut cand, &line.text, 1.0);
            }
        }
    }

    // One document per interviewer.
    let postings: Vec<(String, String, String, Option<String>)> = {
        let mut stmt = conn.prepare("SELECT id, title, status, raw FROM postings ORDER BY id")?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?;
        rows.collect::<Result<_, _>>()?
    };
    let mut docs: Vec<(Doc, BTreeSet<String>)> = Vec::with_capacity(postings.len());
    for (id, title, _, raw) in &postings {
        let mut d: Doc = HashMap::new();
        add(&mut d, title, 3.0);
        if let Some(desc) = raw
            .as_deref()
            .and_then(|r| serde_json::from_str::<serde_json::Value>(r).ok())
            .and_then(|v| {
                v.get("description")
                    .and_then(|d| d.as_str())
                    .map(str::to_string)
            })
        {
            add(&mut d, &desc, 1.0);
        }
        {
            let mut stmt = conn.prepare(
                "SELECT DISTINCT s.question_text FROM scorecard s JOIN candidates c ON c.interview_id = s.interview_id
                 WHERE c.posting_id = ?1 LIMIT 200",
            )?;
            let rows = stmt.query_map([id], |r| r.get::<_, String>(0))?;
            for q in rows.filter_map(|q| q.ok()) {
                add(&mut d, &q, 1.0);
            }
        }
        let mut ptags = BTreeSet::new();
        {
            let mut stmt = conn.prepare(
                "SELECT t.tag FROM tags t JOIN candidates c ON c.interview_id = t.interview_id
                 WHERE c.posting_id = ?1 GROUP BY t.tag ORDER BY count(*) DESC LIMIT 50",
            )?;
            let rows = stmt.query_map([id], |r| r.get::<_, String>(0))?;
            for t in rows
                .filter_map(|t| t.ok())
                .filter_map(|t| super::enrich::normalise_tag(&t))
            {
                add(&mut d, &t, 2.0);
                ptags.insert(t);
            }
        }
        {
            let mut stmt = conn.prepare(
                "SELECT interview_raw FROM candidates WHERE posting_id = ?1 AND interview_raw IS NOT NULL
                 ORDER BY score DESC LIMIT ?2",
            )?;
            let rows = stmt.query_map(rusqlite::params![id, SAMPLE], |r| r.get::<_, String>(0))?;
            let mut seen = BTreeSet::new();
            for raw in rows.filter_map(|r| r.ok()) {
                if let Ok(data) = serde_json::from_str::<InterviewData>(&raw) {
                    for c in data.resume.iter().flat_map(|r| &r.score_criteria) {
                        if seen.insert(c.criteria_text.clone()) {
                            add(&mut d, &c.criteria_text, 1.0);
                        }
                    }
                }
            }
        }
        docs.push((d, ptags));
    }

    // IDF over interviewers.
    let n = docs.len() as f64;
    let mut df: HashMap<&str, f64> = HashMap::new();
    for (d, _) in &docs {
        for t in d.keys() {
            *df.entry(t.as_str()).or_default() += 1.0;
        }
    }
    let idf = |t: &str| ((n + 1.0) / (df.get(t).copied().unwrap_or(0.0) + 1.0)).ln() + 1.0;
    let weigh = |d: &Doc| -> HashMap<String, f64> {
        d.iter()
            .map(|(t, tf)| (t.clone(), (1.0 + tf.ln()) * idf(t)))
            .collect()
    };
    let cv = weigh(&cand);
    let cnorm = cv.values().map(|v| v * v).sum::<f64>().sqrt();

    let in_pipeline: BTreeSet<String> = match &me.candidate_id {
        Some(cid) => {
            let mut stmt =
                conn.prepare("SELECT DISTINCT posting_id FROM candidates WHERE candidate_id = ?1")?;
            let rows = stmt.query_map([cid], |r| r.get::<_, String>(0))?;
            rows.filter_map(|r| r.ok()).collect()
        }
        None => BTreeSet::new(),
    };

    let mut matches = Vec::new();
    for ((id, title, status, _), (d, ptags)) in postings.iter().zip(&docs) {
        if *id == me.posting_id {
            continue;
        }
        let pv = weigh(d);
        let pnorm = pv.values().map(|v| v * v).sum::<f64>().sqrt();
        let mut shared: Vec<(String, f64)> = cv
            .iter()
            .filter_map(|(t, w)| pv.get(t).map(|pw| (t.clone(), w * pw)))
            .collect();
        let dot: f64 = shared.iter().map(|(_, p)| p).sum();
        // (An empty f64 sum is -0.0: compare, don't clamp, so 0 prints as 0.)
        let score = if cnorm > 0.0 && pnorm > 0.0 && dot > 0.0 {
            (dot / (cnorm * pnorm) * 100.0).min(100.0)
        } else {
            0.0
        };
        shared.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        let shared_terms: Vec<String> = shared.iter().take(6).map(|(t, _)| t.clone()).collect();
        let shared_tags: Vec<String> = my_tags.intersection(ptags).cloned().collect();
        let mut reasons = Vec::new();
        if !shared_tags.is_empty() {
            reasons.push(format!(
                "shares tags with this interviewer's candidates: {}",
                shared_tags.join(", ")
            ));
        }
        if !shared_terms.is_empty() {
            reasons.push(format!(
                "résumé and answers overlap on: {}",
                shared_terms.join(", ")
            ));
        }
        if status != "active" {
            reasons.push(format!("interviewer is {status}"));
        }
        let already = in_pipeline.contains(id);
        if already {
            reasons.push("already in this interviewer's pipeline".into());
        }
        if reasons.is_empty() {
            reasons.push("nothing in common found".into());
        }
        matches.push(JobMatch {
            posting_id: id.clone(),
            title: title.clone(),
            status: status.clone(),
            score: (score * 10.0).round() / 10.0,
            reasons,
            shared_tags,
            shared_terms,
            already_in_pipeline: already,
        });
    }
    matches.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then((a.status != "active").cmp(&(b.status != "active")))
            .then(a.posting_id.cmp(&b.posting_id))
    });
    Ok(FindJobsResult {
        interview_id: interview_id.to_string(),
        posting_id: me.posting_id,
        matches,
    })
}
