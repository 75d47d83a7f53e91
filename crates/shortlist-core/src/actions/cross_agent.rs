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
//! Résumé claims come from the résumé itself: the text of the candidate's
//! résumé PDF in the workspace media, read into jobs (title, employer,
//! years), years of experience and skills by [`super::resume`], and compared
//! by [`compare_resume`]: a job's employer mentioned with years outside the
//! job's range (**dates**), with a title two or more levels apart
//! (**titles**), or denied (**employers**); a listed skill denied
//! (**skills**); years of experience 2+ apart (**years**); an employer named
//! in the interview that the résumé never lists (**employers**, low).
//! Without a readable résumé PDF, the résumé step's criteria reasons (the
//! evaluator's reading of the résumé) are compared instead by [`compare`],
//! and the report says so (`resume_source`). Signals imported in the
//! extension (`cross_agent_signals`) are listed too.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use rusqlite::OptionalExtension;

use super::resume::{self, Claim};
use super::text::{sentences, words, years_in};
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
    /// `resume` (the résumé PDF's text vs the interview), `rules` (the
    /// résumé evaluation's reasons vs the interview) or `imported` (from the
    /// bundle's extension).
    pub source: String,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CrossAgentReport {
    pub interview_id: String,
    pub computed_at: f64,
    pub resume_claims: usize,
    /// Where the résumé claims came from: `pdf` (the résumé file's text),
    /// `evaluation` (the résumé step's criteria reasons: no readable PDF),
    /// or `none`.
    pub resume_source: String,
    pub interview_lines: usize,
    /// Why nothing could be compared, when that is the case.
    pub note: Option<String>,
    pub signals: Vec<Signal>,
}

/// (title word, seniority level).
const TITLES: &[(&str, u8)] = &[
    ("intern", 0),
    ("picker", 1),
    ("packer", 1),
    ("stocker", 1),
    ("waiter", 1),
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

/// One signal of `source` (`rules` or `resume`).
fn signal(
    topic: &str,
    claim: &str,
    quote: &str,
    ts: Option<f64>,
    sev: &str,
    source: &str,
) -> Signal {
    Signal {
        topic: topic.into(),
        resume_claim: claim.into(),
        interview_quote: quote.into(),
        timestamp: ts,
        severity: sev.into(),
        source: source.into(),
    }
}

/// Years of experience: the largest claimed against the largest said, a
/// signal when they differ by two years or more.
fn years_signal<'a>(
    claimed: impl Iterator<Item = (f64, &'a String)>,
    answers: &[(String, Option<f64>)],
    source: &str,
) -> Option<Signal> {
    let (cy, claim) = claimed.max_by(|a, b| a.0.total_cmp(&b.0))?;
    let (sy, said, ts) = answers
        .iter()
        .filter_map(|(s, t)| years_in(s).map(|y| (y, s, *t)))
        .max_by(|a, b| a.0.total_cmp(&b.0))?;
    let diff = (cy - sy).abs();
    (diff >= 2.0).then(|| {
        let sev = if diff >= 4.0 { "high" } else { "medium" };
        signal("years", claim, said, ts, sev, source)
    })
}

/// One signal per (topic, claim, quote), first kept.
fn dedupe(mut out: Vec<Signal>) -> Vec<Signal> {
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

/// Compare résumé claims with the candidate's answers.
/// `answers`: (sentence, timestamp).
pub fn compare(claims: &[String], answers: &[(String, Option<f64>)]) -> Vec<Signal> {
    let mut out = Vec::new();
    let sig = |topic: &str, claim: &str, quote: &str, ts: Option<f64>, sev: &str| {
        signal(topic, claim, quote, ts, sev, "rules")
    };

    // Years of experience.
    out.extend(years_signal(
        claims.iter().filter_map(|c| years_in(c).map(|y| (y, c))),
        answers,
        "rules",
    ));

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

    dedupe(out)
}

/// Words that follow "at"/"for"/"with" capitalised but are no employer.
const NOT_EMPLOYERS: &[&str] = &[
    "christmas",
    "easter",
    "black friday",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "english",
    "spanish",
    "french",
    "german",
];

/// First word of an employer name, lower-cased: "Zara Gran Vía" → "zara".
fn employer_key(e: &str) -> String {
    e.split_whitespace()
        .next()
        .unwrap_or("")
        .trim_matches(|c: char| !c.is_alphanumeric() && c != '&')
        .to_lowercase()
}

/// Whether `sentence` names the employer (its first word, as a word).
fn mentions(sentence: &str, employer: &str) -> bool {
    let key = employer_key(employer);
    if key.chars().count() < 2 {
        return false;
    }
    let lower = sentence.to_lowercase();
    lower.match_indices(&key).any(|(i, m)| {
        let before = lower[..i].chars().next_back();
        let after = lower[i + m.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

fn title_words_level(title: &str) -> Option<u8> {
    let w = words(title);
    TITLES
        .iter()
        .filter(|(t, _)| w.iter().any(|x| x == t))
        .map(|(_, l)| *l)
        .max()
}

/// Whether every word of `skill` (plural-tolerant) is in `sentence`.
fn mentions_skill(sentence: &str, skill: &str) -> bool {
    let stem = |w: &str| w.trim_end_matches('s').to_string();
    let said: BTreeSet<String> = words(sentence).iter().map(|w| stem(w)).collect();
    let want: Vec<String> = words(skill).iter().map(|w| stem(w)).collect();
    !want.is_empty() && want.iter().all(|w| said.contains(w))
}

/// Compare what the résumé itself claims with the candidate's answers
/// (sentence, timestamp).
pub fn compare_resume(claims: &[Claim], answers: &[(String, Option<f64>)]) -> Vec<Signal> {
    let mut out = Vec::new();
    let sig = |topic: &str, claim: &str, quote: &str, ts: Option<f64>, sev: &str| {
        signal(topic, claim, quote, ts, sev, "resume")
    };

    // Years of experience.
    out.extend(years_signal(
        claims.iter().filter_map(|c| match c {
            Claim::Years { quote, years } => Some((*years, quote)),
            _ => None,
        }),
        answers,
        "resume",
    ));

    // (quote, title, employer, years) of each job on the résumé.
    type Job<'a> = (&'a String, &'a String, &'a String, &'a BTreeSet<u32>);
    let jobs: Vec<Job> = claims
        .iter()
        .filter_map(|c| match c {
            Claim::Job {
                quote,
                title,
                employer,
                years,
            } => Some((quote, title, employer, years)),
            _ => None,
        })
        .collect();
    // Jobs grouped by employer (a promotion is two jobs at one employer).
    let mut groups: BTreeMap<String, Vec<&Job>> = BTreeMap::new();
    for j in &jobs {
        groups.entry(employer_key(j.2)).or_default().push(j);
    }
    for (s, ts) in answers {
        let said_years = calendar_years(s);
        let denied = negated(s);
        let mut matched_any = false;
        for group in groups.values() {
            let (_, _, employer, _) = group[0];
            if !mentions(s, employer) {
                continue;
            }
            matched_any = true;
            // The job the sentence is about: one whose years it names, else
            // the most recent at that employer.
            let job = group
                .iter()
                .find(|j| !said_years.is_disjoint(j.3))
                .or_else(|| group.iter().max_by_key(|j| j.3.last().copied()))
                .expect("a group has a job");
            let (quote, title, _, _) = **job;
            if denied {
                out.push(sig("employers", quote, s, *ts, "high"));
                continue;
            }
            let all_years: BTreeSet<u32> = group.iter().flat_map(|j| j.3.iter().copied()).collect();
            if !said_years.is_empty() && said_years.is_disjoint(&all_years) {
                out.push(sig("dates", quote, s, *ts, "medium"));
            }
            if let (Some(cl), Some((sl, _))) = (title_words_level(title), title_level(s)) {
                if cl >= sl + 2 {
                    out.push(sig("titles", quote, s, *ts, "medium"));
                } else if sl >= cl + 2 {
                    out.push(sig("titles", quote, s, *ts, "low"));
                }
            }
        }
        // An employer named in the interview that the résumé never lists.
        if !matched_any && !denied && !jobs.is_empty() {
            for e in employers_in(s) {
                let known = jobs.iter().any(|(_, _, emp, _)| {
                    employer_key(emp) == employer_key(&e) || mentions(emp, &e)
                });
                if !known && !NOT_EMPLOYERS.contains(&e.to_lowercase().as_str()) {
                    let listed: Vec<&str> = jobs.iter().map(|j| j.2.as_str()).collect();
                    let claim = format!("Work history: {}", listed.join(", "));
                    out.push(sig("employers", &claim, s, *ts, "low"));
                }
            }
        }
        // A listed skill denied.
        if denied {
            for c in claims {
                if let Claim::Skill { quote, skill } = c {
                    if mentions_skill(s, skill) {
                        out.push(sig("skills", quote, s, *ts, "high"));
                    }
                }
            }
        }
    }

    dedupe(out)
}

/// The text of the candidate's résumé PDF, if the workspace has one.
fn resume_file_text(
    ws: &Workspace,
    interview_id: &str,
) -> ActionResult<Option<Result<String, resume::ResumeTextError>>> {
    let hash: Option<String> = ws
        .reader()
        .query_row(
            "SELECT hash FROM candidate_media WHERE interview_id = ?1 AND kind = 'resume' AND hash IS NOT NULL",
            [interview_id],
            |r| r.get(0),
        )
        .optional()?;
    Ok(hash
        .and_then(|h| crate::store::media::path_for(&ws.media_dir(), &h))
        .map(|p| resume::file_text(&p, ws.key())))
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
    let file = resume_file_text(ws, interview_id)?;
    let pdf_claims: Vec<Claim> = match &file {
        Some(Ok(text)) => resume::claims(text),
        _ => vec![],
    };
    let mut claims: Vec<String> = Vec::new();
    let mut answers: Vec<(String, Option<f64>)> = Vec::new();
    if let Some(d) = &data {
        if let (Some(r), true) = (&d.resume, pdf_claims.is_empty()) {
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
    let (mut signals, resume_source, resume_claims) = if !pdf_claims.is_empty() {
        (
            compare_resume(&pdf_claims, &answers),
            "pdf",
            pdf_claims.len(),
        )
    } else if !claims.is_empty() {
        (compare(&claims, &answers), "evaluation", claims.len())
    } else {
        (vec![], "none", 0)
    };
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
    let file_note = match &file {
        None => "no résumé file".to_string(),
        Some(Err(e)) => e.to_string(),
        Some(Ok(_)) => "no claims could be read from the résumé PDF".to_string(),
    };
    let note = match (resume_source, answers.is_empty()) {
        ("none", true) => Some(format!("{file_note} and no interview answers to compare")),
        ("none", false) => Some(format!(
            "{file_note} and no résumé evaluation to compare with"
        )),
        (_, true) => Some("no interview answers to compare with".into()),
        ("evaluation", false) => Some(format!(
            "{file_note}: compared the résumé evaluation's reasons instead"
        )),
        _ => None,
    };
    Ok(CrossAgentReport {
        interview_id: interview_id.to_string(),
        computed_at: now(),
        resume_claims,
        resume_source: resume_source.into(),
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
    fn resume_claims_vs_answers() {
        let text = "Dan\nWarehouse manager with eight years of experience.\n\nWarehouse Manager, Amazon Fulfillment 2017 – 2021\nOperations Lead, DHL Supply Chain 2021 – present\n\nSkills\nForklift (reach) · SAP\n";
        let claims = resume::claims(text);
        let answers = a(&[
            "I have about three years in warehouses.",
            "I was a picker at Amazon Fulfillment in 2023.",
            "Honestly I have never driven a forklift.",
            "Before that I was at Costco.",
            "I still work at DHL, since 2021.",
        ]);
        let sig = compare_resume(&claims, &answers);
        let got: Vec<(&str, &str)> = sig
            .iter()
            .map(|s| (s.topic.as_str(), s.severity.as_str()))
            .collect();
        assert_eq!(
            got,
            vec![
                ("years", "high"),
                ("dates", "medium"),
                ("titles", "medium"),
                ("skills", "high"),
                ("employers", "low"),
            ],
            "{sig:#?}"
        );
        let dates = &sig[1];
        assert_eq!(
            dates.resume_claim,
            "Warehouse Manager, Amazon Fulfillment 2017 – 2021"
        );
        assert_eq!(
            dates.interview_quote,
            "I was a picker at Amazon Fulfillment in 2023."
        );
        assert_eq!(dates.timestamp, Some(10.0));
        assert_eq!(sig[3].resume_claim, "Skills: Forklift");
        assert!(sig[4]
            .resume_claim
            .contains("Amazon Fulfillment, DHL Supply Chain"));
        assert!(sig.iter().all(|s| s.source == "resume"));
    }

    #[test]
    fn consistent_resume_gives_nothing() {
        let claims = resume::claims(
            "Ana\nBarista with three years of experience.\nBarista, Blue Bottle 2020 – 2023\n\nSkills\nLatte art\n",
        );
        let answers = a(&[
            "I worked three years as a barista at Blue Bottle, from 2020 to 2023.",
            "Latte art is my favourite part.",
        ]);
        let sig = compare_resume(&claims, &answers);
        assert!(sig.is_empty(), "{sig:#?}");
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
