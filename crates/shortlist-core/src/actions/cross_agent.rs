//! Cross-Agent Intelligence (F24): where what the résumé says and what the
//! candidate said in the interview disagree. A heads-up for a human: it never
//! changes a decision or a score, and writes nothing.
//!
//! Computed on the fly from the imported data (so "Retry Analysis" is simply
//! running it again), with simple, explainable rules:
//! * **years** of experience: the largest "N years" in the résumé claims vs
//!   in the candidate's answers; flagged when they differ by 2 or more;
//! * **dates**: years (1950–2035) next to the same employer that do not
//!   overlap;
//! * **titles**: seniority of role titles claimed vs said (intern … director);
//!   flagged when the résumé is 2+ levels above what was said;
//! * **skills** and **employers**: a résumé skill or employer the candidate
//!   denies ("never used Excel", "I didn't work at Zara");
//!   an employer named in the interview that the résumé never mentions (low).
//!
//! Résumé claims are the résumé step's criteria texts and reasons (the
//! evaluator's reading of the résumé), as the API provides no résumé text.
//! Signals imported in the extension (`cross_agent_signals`) are listed too.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use super::text::sentences;
use super::{candidate_ref, ActionResult};
use crate::ext::InterviewExtension;
use crate::model::InterviewData;
use crate::store::{now, Workspace};

#[derive(Debug, Clone, Serialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Signal {
    /// `years`, `dates`, `titles`, `skills`, `employers`, or an imported topic.
    pub topic: String,
    pub resume_claim: String,
    pub interview_quote: String,
    /// Seconds into the interview where the quote is.
    pub timestamp: Option<f64>,
    /// `low`, `medium`, `high`.
    pub severity: String,
    /// `rules` (computed here) or `imported` (from the bundle's extension).
    pub source: String,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CrossAgentReport {
    pub interview_id: String,
    pub computed_at: f64,
    pub resume_claims: usize,
    pub interview_lines: usize,
    /// Why nothing could be compared, when that is the case.
    pub note: Option<String>,
    pub signals: Vec<Signal>,
}

const NUMBER_WORDS: &[(&str, f64)] = &[
    ("one", 1.0),
    ("two", 2.0),
    ("three", 3.0),
    ("four", 4.0),
    ("five", 5.0),
    ("six", 6.0),
    ("seven", 7.0),
    ("eight", 8.0),
    ("nine", 9.0),
    ("ten", 10.0),
    ("eleven", 11.0),
    ("twelve", 12.0),
    ("fifteen", 15.0),
    ("twenty", 20.0),
];

/// (title word, seniority level).
const TITLES: &[(&str, u8)] = &[
    ("intern", 0),
    ("trainee", 0),
    ("apprentice", 0),
    ("junior", 1),
    ("assistant", 1),
    ("associate", 1),
    ("clerk", 1),
    ("cashier", 1),
    ("barista", 1),
    ("representative", 1),
    ("agent", 1),
    ("crew", 1),
    ("specialist", 2),
    ("coordinator", 2),
    ("analyst", 2),
    ("engineer", 2),
    ("developer", 2),
    ("consultant", 2),
    ("senior", 3),
    ("lead", 3),
    ("supervisor", 3),
    ("manager", 4),
    ("head", 5),
    ("director", 5),
    ("vp", 6),
    ("chief", 6),
];

const SKILLS: &[&str] = &[
    "excel",
    "sql",
    "python",
    "java",
    "javascript",
    "salesforce",
    "sap",
    "pos",
    "cash handling",
    "inventory",
    "forklift",
    "spanish",
    "french",
    "german",
    "arabic",
    "mandarin",
    "photoshop",
    "customer service",
    "bookkeeping",
    "quickbooks",
    "scheduling",
    "merchandising",
    "crm",
    "first aid",
    "food safety",
    "espresso",
    "latte art",
    "project management",
    "budgeting",
];

const NEGATIONS: &[&str] = &[
    "never",
    "not ",
    "n't",
    "no experience",
    "haven't",
    "didn't",
    "don't",
    "do not",
    "did not",
];

const ROLE_MARKERS: &[&str] = &[
    " as ",
    "i was",
    "i'm a",
    "i am a",
    "position",
    "role",
    "title",
    "promoted",
    "worked as",
];

fn words(s: &str) -> Vec<String> {
    s.split(|c: char| !(c.is_alphanumeric() || c == '+' || c == '.'))
        .filter(|w| !w.is_empty())
        .map(|w| w.trim_end_matches('.').to_lowercase())
        .collect()
}

/// Largest "N years" in a sentence.
fn years_in(s: &str) -> Option<f64> {
    let w = words(s);
    let mut best: Option<f64> = None;
    for i in 1..w.len() {
        if matches!(w[i].as_str(), "year" | "years" | "yrs" | "yr") {
            let prev = w[i - 1].trim_end_matches('+');
            let n = prev.parse::<f64>().ok().or_else(|| {
                NUMBER_WORDS
                    .iter()
                    .find(|(k, _)| *k == prev)
                    .map(|(_, v)| *v)
            });
            if let Some(n) = n.filter(|n| (0.0..=60.0).contains(n)) {
                best = Some(best.map_or(n, |b: f64| b.max(n)));
            }
        }
    }
    best
}

fn calendar_years(s: &str) -> BTreeSet<u32> {
    let mut out = BTreeSet::new();
    let chars: Vec<char> = s.chars().collect();
    let mut i = 0;
    while i + 4 <= chars.len() {
        let before_ok = i == 0 || !chars[i - 1].is_ascii_digit();
        let after_ok = i + 4 == chars.len() || !chars[i + 4].is_ascii_digit();
        if before_ok && after_ok && chars[i..i + 4].iter().all(|c| c.is_ascii_digit()) {
            let y: u32 = chars[i..i + 4].iter().collect::<String>().parse().unwrap();
            if (1950..=2035).contains(&y) {
                out.insert(y);
            }
            i += 4;
            continue;
        }
        i += 1;
    }
    // Expand ranges "2018-2021" / "2018 to 2021".
    if out.len() == 2 && (s.contains('-') || s.contains('–') || s.contains(" to ")) {
        let (a, b) = (*out.first().unwrap(), *out.last().unwrap());
        if b - a <= 40 {
            out.extend(a..=b);
        }
    }
    out
}

/// Capitalised names after "at" / "for" / "with" (employers).
fn employers_in(s: &str) -> Vec<String> {
    let toks: Vec<&str> = s.split_whitespace().collect();
    let mut out = Vec::new();
    for i in 0..toks.len().saturating_sub(1) {
        if matches!(toks[i].to_lowercase().as_str(), "at" | "for" | "with") {
            let mut name = Vec::new();
            for t in &toks[i + 1..] {
                let clean = t.trim_matches(|c: char| !c.is_alphanumeric() && c != '&' && c != '\'');
                let first = clean.chars().next();
                if first.is_some_and(|c| c.is_uppercase()) && name.len() < 4 {
                    name.push(clean.to_string());
                    if t.ends_with([',', '.', ';', ')']) {
                        break;
                    }
                } else {
                    break;
                }
            }
            if !name.is_empty() {
                let n = name.join(" ");
                if !["I", "The", "A", "An", "My", "Our", "This", "That"].contains(&n.as_str()) {
                    out.push(n);
                }
            }
        }
    }
    out
}

fn title_level(s: &str) -> Option<(u8, &'static str)> {
    let lower = format!(" {} ", s.to_lowercase());
    if !ROLE_MARKERS.iter().any(|m| lower.contains(m)) {
        return None;
    }
    let w = words(s);
    TITLES
        .iter()
        .filter(|(t, _)| w.iter().any(|x| x == t))
        .max_by_key(|(_, l)| *l)
        .map(|(t, l)| (*l, *t))
}

fn negated(s: &str) -> bool {
    let lower = s.to_lowercase();
    NEGATIONS.iter().any(|n| lower.contains(n))
}

fn contains_word(hay: &str, needle: &str) -> bool {
    let hay = format!(" {} ", words(hay).join(" "));
    hay.contains(&format!(" {needle} "))
}

/// Compare résumé claims with the candidate's answers.
/// `answers`: (sentence, timestamp).
pub fn compare(claims: &[String], answers: &[(String, Option<f64>)]) -> Vec<Signal> {
    let mut out = Vec::new();
    let sig = |topic: &str, claim: &str, quote: &str, ts: Option<f64>, sev: &str| Signal {
        topic: topic.into(),
        resume_claim: claim.into(),
        interview_quote: quote.into(),
        timestamp: ts,
        severity: sev.into(),
        source: "rules".into(),
    };

    // Years of experience.
    let best_claim = claims
        .iter()
        .filter_map(|c| years_in(c).map(|y| (y, c)))
        .max_by(|a, b| a.0.total_cmp(&b.0));
    let best_said = answers
        .iter()
        .filter_map(|(s, t)| years_in(s).map(|y| (y, s, *t)))
        .max_by(|a, b| a.0.total_cmp(&b.0));
    if let (Some((cy, claim)), Some((sy, said, ts))) = (best_claim, best_said) {
        let diff = (cy - sy).abs();
        if diff >= 2.0 {
            let sev = if diff >= 4.0 { "high" } else { "medium" };
            out.push(sig("years", claim, said, ts, sev));
        }
    }

    // Dates per employer.
    let mut claim_years: BTreeMap<String, (BTreeSet<u32>, &String)> = BTreeMap::new();
    let mut claim_employers: BTreeSet<String> = BTreeSet::new();
    for c in claims {
        let ys = calendar_years(c);
        for e in employers_in(c) {
            claim_employers.insert(e.to_lowercase());
            if !ys.is_empty() {
                claim_years
                    .entry(e.to_lowercase())
                    .or_insert((ys.clone(), c));
            }
        }
    }
    for (s, ts) in answers {
        let ys = calendar_years(s);
        for e in employers_in(s) {
            let key = e.to_lowercase();
            if let Some((cys, claim)) = claim_years.get(&key) {
                if !ys.is_empty() && cys.is_disjoint(&ys) {
                    out.push(sig("dates", claim, s, *ts, "medium"));
                }
            }
            if !claim_employers.is_empty() && !claim_employers.contains(&key) && !negated(s) {
                let claim = claims
                    .iter()
                    .find(|c| !employers_in(c).is_empty())
                    .cloned()
                    .unwrap_or_default();
                out.push(sig("employers", &claim, s, *ts, "low"));
            }
        }
    }

    // Employers or skills the candidate denies.
    for (s, ts) in answers.iter().filter(|(s, _)| negated(s)) {
        for c in claims {
            for e in employers_in(c) {
                if s.to_lowercase().contains(&e.to_lowercase()) {
                    out.push(sig("employers", c, s, *ts, "high"));
                }
            }
            for skill in SKILLS {
                if contains_word(c, skill) && contains_word(s, skill) {
                    out.push(sig("skills", c, s, *ts, "high"));
                }
            }
        }
    }

    // Titles: résumé seniority well above what was said.
    let claim_title = claims
        .iter()
        .filter_map(|c| title_level(c).map(|(l, t)| (l, t, c)))
        .max_by_key(|(l, _, _)| *l);
    let said_title = answers
        .iter()
        .filter_map(|(s, ts)| title_level(s).map(|(l, t)| (l, t, s, *ts)))
        .max_by_key(|(l, _, _, _)| *l);
    if let (Some((cl, _, claim)), Some((sl, _, said, ts))) = (claim_title, said_title) {
        if cl >= sl + 2 {
            out.push(sig("titles", claim, said, ts, "medium"));
        }
    }

    // One signal per (topic, quote pair).
    let mut seen = BTreeSet::new();
    out.retain(|s| {
        seen.insert((
            s.topic.clone(),
            s.resume_claim.clone(),
            s.interview_quote.clone(),
        ))
    });
    out
}

/// Run (or re-run: Retry Analysis) the comparison for one candidate.
pub fn cross_agent(ws: &Workspace, interview_id: &str) -> ActionResult<CrossAgentReport> {
    let conn = ws.reader();
    candidate_ref(&conn, interview_id)?;
    let (raw, ext): (Option<String>, Option<String>) = conn.query_row(
        "SELECT interview_raw, ext_raw FROM candidates WHERE interview_id = ?1",
        [interview_id],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    drop(conn);
    let data: Option<InterviewData> = raw.and_then(|r| serde_json::from_str(&r).ok());
    let mut claims: Vec<String> = Vec::new();
    let mut answers: Vec<(String, Option<f64>)> = Vec::new();
    if let Some(d) = &data {
        if let Some(r) = &d.resume {
            for c in &r.score_criteria {
                claims.extend(c.reasons.iter().flat_map(|x| sentences(x)));
            }
            for c in &r.eligibility_criteria {
                claims.extend(c.reasons.iter().flat_map(|x| sentences(x)));
            }
        }
        if let Some(w) = &d.web_interview {
            for line in w
                .transcript
                .iter()
                .filter(|l| l.speaker.eq_ignore_ascii_case("candidate"))
            {
                for s in sentences(&line.text) {
                    answers.push((s, Some(line.timestamp)));
                }
            }
        }
    }
    let mut signals = compare(&claims, &answers);
    if let Some(e) = ext.and_then(|e| serde_json::from_str::<InterviewExtension>(&e).ok()) {
        for s in e.cross_agent_signals {
            signals.push(Signal {
                topic: s.topic,
                resume_claim: s.resume_claim,
                interview_quote: s.interview_quote,
                timestamp: s.timestamp,
                severity: s.severity.unwrap_or_else(|| "medium".into()),
                source: "imported".into(),
            });
        }
    }
    let note = match (claims.is_empty(), answers.is_empty()) {
        (true, true) => Some("no résumé evaluation and no interview answers to compare".into()),
        (true, false) => Some("no résumé evaluation to compare with".into()),
        (false, true) => Some("no interview answers to compare with".into()),
        _ => None,
    };
    Ok(CrossAgentReport {
        interview_id: interview_id.to_string(),
        computed_at: now(),
        resume_claims: claims.len(),
        interview_lines: answers.len(),
        note,
        signals,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(v: &[&str]) -> Vec<String> {
        v.iter().map(|x| x.to_string()).collect()
    }

    fn a(v: &[&str]) -> Vec<(String, Option<f64>)> {
        v.iter()
            .enumerate()
            .map(|(i, x)| (x.to_string(), Some(i as f64 * 10.0)))
            .collect()
    }

    #[test]
    fn flags_years_dates_titles_skills_employers() {
        let claims = s(&[
            "The résumé lists 6 years of retail experience.",
            "Worked as Store Manager at Zara from 2016-2021.",
            "Lists advanced Excel and POS systems.",
        ]);
        let answers = a(&[
            "I have about two years in retail.",
            "I was at Zara in 2023, I started as a sales associate.",
            "Honestly I have never used Excel.",
            "Before that I was at Mango for a summer.",
        ]);
        let sig = compare(&claims, &answers);
        let topics: Vec<&str> = sig.iter().map(|s| s.topic.as_str()).collect();
        for t in ["years", "dates", "titles", "skills", "employers"] {
            assert!(topics.contains(&t), "missing {t}: {sig:#?}");
        }
        let years = sig.iter().find(|s| s.topic == "years").unwrap();
        assert_eq!(years.severity, "high");
        assert!(years.resume_claim.contains("6 years"));
        assert!(years.interview_quote.contains("two years"));
        assert_eq!(years.timestamp, Some(0.0));
        let skills = sig.iter().find(|s| s.topic == "skills").unwrap();
        assert!(skills.interview_quote.contains("never used Excel"));
        let emp = sig.iter().find(|s| s.topic == "employers").unwrap();
        assert!(emp.interview_quote.contains("Mango"));
        assert_eq!(emp.severity, "low");
    }

    #[test]
    fn consistent_story_gives_nothing() {
        let claims = s(&[
            "Three years as a barista at Blue Bottle, 2020-2023.",
            "Lists latte art.",
        ]);
        let answers = a(&[
            "I worked three years as a barista at Blue Bottle, from 2020 to 2023.",
            "Latte art is my favourite part.",
        ]);
        assert!(
            compare(&claims, &answers).is_empty(),
            "{:#?}",
            compare(&claims, &answers)
        );
    }

    #[test]
    fn helpers() {
        assert_eq!(years_in("over 10+ years of it"), Some(10.0));
        assert_eq!(
            calendar_years("2018–2020"),
            [2018, 2019, 2020].into_iter().collect()
        );
        assert_eq!(
            employers_in("I worked at Blue Bottle Coffee, then"),
            vec!["Blue Bottle Coffee"]
        );
    }
}
