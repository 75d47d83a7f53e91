//! What a résumé itself claims (F24): text extracted from the candidate's
//! résumé PDF (pdf-extract), read into claims: jobs (title, employer, years),
//! years of experience, skills. Cross-Agent checks compare these with what
//! the candidate said.
//!
//! The reading is deliberately simple and explainable; every claim keeps the
//! résumé's own words as its quote:
//! * a **job** is a line holding a year range (`2019 – 2021`, `2021 – present`),
//!   or a line followed by a range on its own line; its text before the range
//!   is `Title, Employer` (or `Title at Employer`, `Title – Employer`);
//! * **years** of experience are "N years" in the text before the first job
//!   (the summary);
//! * **skills** are the items of the lines under a "Skills" heading (also
//!   Compétences, Habilidades, Fähigkeiten, Навыки, Δεξιότητες), split on
//!   `·`, `,`, `;`, `|`, with parentheses dropped.

use std::collections::BTreeSet;
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use std::time::Duration;

/// Largest résumé file read for analysis.
pub const MAX_RESUME_BYTES: u64 = 20 * 1024 * 1024;

/// How long one résumé PDF may take to read (F55): résumés are untrusted
/// files, and a crafted PDF can keep a parser busy for minutes. A real
/// résumé reads in milliseconds.
pub const PDF_TIME_LIMIT: Duration = Duration::from_secs(10);

/// Parsers still running past their time limit (a thread cannot be
/// stopped from outside; it ends when the parser returns). While this many
/// are still running, further PDFs are skipped at once instead of starting
/// another: a batch of hostile files costs at most this many cores.
pub const MAX_OVERDUE_PARSERS: usize = 2;

static OVERDUE: AtomicUsize = AtomicUsize::new(0);

#[derive(Debug, Clone, PartialEq)]
pub enum Claim {
    Job {
        quote: String,
        title: String,
        employer: String,
        years: BTreeSet<u32>,
    },
    Years {
        quote: String,
        years: f64,
    },
    Skill {
        quote: String,
        skill: String,
    },
}

impl Claim {
    pub fn quote(&self) -> &str {
        match self {
            Claim::Job { quote, .. } | Claim::Years { quote, .. } | Claim::Skill { quote, .. } => {
                quote
            }
        }
    }
}

/// Why a résumé file could not be read.
#[derive(Debug, Clone, PartialEq)]
pub enum ResumeTextError {
    NotPdf,
    TooLarge,
    Unreadable(String),
    /// Reading took longer than the limit; the text is skipped. `file`
    /// names the file when it was read from disk.
    TimedOut {
        limit: Duration,
        file: Option<String>,
    },
}

impl std::fmt::Display for ResumeTextError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ResumeTextError::NotPdf => f.write_str("the résumé file is not a PDF"),
            ResumeTextError::TooLarge => write!(
                f,
                "the résumé file is larger than {} MB",
                MAX_RESUME_BYTES >> 20
            ),
            ResumeTextError::Unreadable(e) => write!(f, "the résumé PDF could not be read ({e})"),
            ResumeTextError::TimedOut { limit, file } => {
                f.write_str("the résumé PDF")?;
                if let Some(file) = file {
                    write!(f, " {file}")?;
                }
                write!(
                    f,
                    " took longer than {:.1} s to read and was skipped (an unusual or malformed PDF)",
                    limit.as_secs_f64()
                )
            }
        }
    }
}

/// Text of a PDF held in memory, within [`PDF_TIME_LIMIT`].
pub fn pdf_text(bytes: &[u8]) -> Result<String, ResumeTextError> {
    pdf_text_within(bytes, PDF_TIME_LIMIT)
}

/// Text of a PDF held in memory, read on a worker thread that may take at
/// most `limit`. pdf-extract may panic on malformed input (résumés are
/// untrusted files): that is caught and reported as unreadable.
pub fn pdf_text_within(bytes: &[u8], limit: Duration) -> Result<String, ResumeTextError> {
    if !bytes.starts_with(b"%PDF-") {
        return Err(ResumeTextError::NotPdf);
    }
    if bytes.len() as u64 > MAX_RESUME_BYTES {
        return Err(ResumeTextError::TooLarge);
    }
    let owned = bytes.to_vec();
    with_time_limit(limit, move || {
        match std::panic::catch_unwind(move || pdf_extract::extract_text_from_mem(&owned)) {
            Ok(Ok(text)) => Ok(text),
            Ok(Err(e)) => Err(ResumeTextError::Unreadable(e.to_string())),
            Err(_) => Err(ResumeTextError::Unreadable("malformed PDF".into())),
        }
    })
}

/// Runs `parse` on a worker thread and waits at most `limit` for it. On
/// timeout the worker is left to finish on its own (counted in
/// [`OVERDUE`] until it does) and the result is `TimedOut`.
fn with_time_limit<F>(limit: Duration, parse: F) -> Result<String, ResumeTextError>
where
    F: FnOnce() -> Result<String, ResumeTextError> + Send + 'static,
{
    enum Slot {
        Waiting,
        Done(Result<String, ResumeTextError>),
        Abandoned,
    }
    let timed_out = || ResumeTextError::TimedOut { limit, file: None };
    if OVERDUE.load(Ordering::SeqCst) >= MAX_OVERDUE_PARSERS {
        return Err(timed_out());
    }
    let shared = Arc::new((Mutex::new(Slot::Waiting), Condvar::new()));
    let theirs = Arc::clone(&shared);
    std::thread::Builder::new()
        .name("resume-pdf".into())
        .spawn(move || {
            let out = parse();
            let (slot, ready) = &*theirs;
            let mut slot = slot.lock().unwrap_or_else(|p| p.into_inner());
            if matches!(*slot, Slot::Abandoned) {
                OVERDUE.fetch_sub(1, Ordering::SeqCst);
            } else {
                *slot = Slot::Done(out);
                ready.notify_one();
            }
        })
        .map_err(|e| ResumeTextError::Unreadable(format!("no thread to read it on: {e}")))?;
    let (slot, ready) = &*shared;
    let guard = slot.lock().unwrap_or_else(|p| p.into_inner());
    let (mut guard, _) = ready
        .wait_timeout_while(guard, limit, |s| matches!(s, Slot::Waiting))
        .unwrap_or_else(|p| p.into_inner());
    match std::mem::replace(&mut *guard, Slot::Abandoned) {
        Slot::Done(out) => out,
        // Under the lock: the worker sees `Abandoned` and uncounts itself.
        Slot::Waiting | Slot::Abandoned => {
            OVERDUE.fetch_add(1, Ordering::SeqCst);
            Err(timed_out())
        }
    }
}

/// Text of a résumé file on disk, within [`PDF_TIME_LIMIT`].
///
/// `key`: the workspace key of an encrypted workspace (the file is
/// decrypted in memory; nothing plain is written).
pub fn file_text(
    path: &Path,
    key: Option<&shortlist_crypt::WorkspaceKey>,
) -> Result<String, ResumeTextError> {
    file_text_within(path, key, PDF_TIME_LIMIT)
}

/// Text of a résumé file on disk, within `limit`; a timeout names the file.
pub fn file_text_within(
    path: &Path,
    key: Option<&shortlist_crypt::WorkspaceKey>,
    limit: Duration,
) -> Result<String, ResumeTextError> {
    use std::io::Read;
    let mut r = crate::store::crypt::MediaReader::open(path, key)
        .map_err(|e| ResumeTextError::Unreadable(e.to_string()))?;
    if r.len() > MAX_RESUME_BYTES {
        return Err(ResumeTextError::TooLarge);
    }
    let mut bytes = Vec::with_capacity(r.len() as usize);
    r.read_to_end(&mut bytes)
        .map_err(|e| ResumeTextError::Unreadable(e.to_string()))?;
    pdf_text_within(&bytes, limit).map_err(|e| match e {
        ResumeTextError::TimedOut { limit, .. } => ResumeTextError::TimedOut {
            limit,
            file: Some(path.display().to_string()),
        },
        other => other,
    })
}

const SKILL_HEADINGS: &[&str] = &[
    "skills",
    "key skills",
    "compétences",
    "competences",
    "habilidades",
    "competencias",
    "fähigkeiten",
    "kenntnisse",
    "навыки",
    "δεξιότητες",
    "competências",
];

const PRESENT: &[&str] = &[
    "present",
    "current",
    "now",
    "today",
    "aujourd'hui",
    "actualidad",
    "presente",
    "heute",
    "наст. время",
    "настоящее время",
    "σήμερα",
    "atual",
];

/// Open-ended ranges ("2021 – present") run to this year.
const OPEN_END: u32 = 2035;

fn clean(line: &str) -> String {
    line.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A year range at the end of `line`: (text before it, years).
fn year_range(line: &str) -> Option<(String, BTreeSet<u32>)> {
    let chars: Vec<(usize, char)> = line.char_indices().collect();
    // Find the first 4-digit year (1950–2035) followed by a dash and a year
    // or a "present" word.
    for (k, &(i, _)) in chars.iter().enumerate() {
        if k + 4 > chars.len() || (k > 0 && chars[k - 1].1.is_ascii_digit()) {
            continue;
        }
        let y: String = chars[k..k + 4].iter().map(|c| c.1).collect();
        let Ok(from) = y.parse::<u32>() else { continue };
        if !(1950..=OPEN_END).contains(&from)
            || chars.get(k + 4).is_some_and(|c| c.1.is_ascii_digit())
        {
            continue;
        }
        let rest = line[chars.get(k + 4).map_or(line.len(), |c| c.0)..].trim_start();
        let Some(rest) = rest
            .strip_prefix('–')
            .or_else(|| rest.strip_prefix('—'))
            .or_else(|| rest.strip_prefix('-'))
            .or_else(|| rest.strip_prefix("to "))
        else {
            continue;
        };
        let rest = rest.trim();
        let lower = rest.to_lowercase();
        let to = if let Ok(t) = rest.get(..4).unwrap_or("").parse::<u32>() {
            t
        } else if PRESENT.iter().any(|p| lower.starts_with(p)) {
            OPEN_END
        } else {
            continue;
        };
        if to < from || to - from > 50 {
            continue;
        }
        let before = line[..i]
            .trim()
            .trim_end_matches([',', '|', '·', '('])
            .trim();
        return Some((before.to_string(), (from..=to).collect()));
    }
    None
}

/// `Title, Employer` / `Title at Employer` / `Title – Employer`.
fn title_employer(s: &str) -> Option<(String, String)> {
    for sep in [", ", " at ", " – ", " — ", " - ", " | "] {
        if let Some((t, e)) = s.split_once(sep) {
            let (t, e) = (t.trim(), e.trim());
            if !t.is_empty() && !e.is_empty() {
                return Some((t.to_string(), e.to_string()));
            }
        }
    }
    None
}

fn is_heading(line: &str) -> bool {
    let l = line.trim().trim_end_matches(':').to_lowercase();
    SKILL_HEADINGS.contains(&l.as_str())
}

fn strip_parens(s: &str) -> String {
    let mut out = String::new();
    let mut depth = 0;
    for c in s.chars() {
        match c {
            '(' => depth += 1,
            ')' if depth > 0 => depth -= 1,
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

/// Read the claims of a résumé's text.
pub fn claims(text: &str) -> Vec<Claim> {
    let lines: Vec<String> = text.lines().map(clean).collect();
    let mut out = Vec::new();
    let mut first_job: Option<usize> = None;
    let mut i = 0;
    while i < lines.len() {
        let line = &lines[i];
        if line.is_empty() {
            i += 1;
            continue;
        }
        if is_heading(line) {
            // Skill items until a blank line or the end.
            let mut j = i + 1;
            while j < lines.len() && lines[j].is_empty() {
                j += 1;
            }
            while j < lines.len() && !lines[j].is_empty() && !is_heading(&lines[j]) {
                for item in strip_parens(&lines[j]).split(['·', ',', ';', '|', '•']) {
                    let item = clean(item);
                    if item.chars().count() >= 2 {
                        out.push(Claim::Skill {
                            quote: format!("{}: {item}", line.trim_end_matches(':')),
                            skill: item,
                        });
                    }
                }
                j += 1;
            }
            i = j;
            continue;
        }
        let range = year_range(line).and_then(|(before, years)| {
            if before.is_empty() {
                None
            } else {
                Some((before, years, line.clone()))
            }
        });
        // A range alone on the next line belongs to this one.
        let range = range.or_else(|| {
            let next = lines[i + 1..].iter().find(|l| !l.is_empty())?;
            let (before, years) = year_range(next)?;
            (before.is_empty() && !line.starts_with('•'))
                .then(|| (line.clone(), years, format!("{line} {next}")))
        });
        if let Some((before, years, quote)) = range {
            if let Some((title, employer)) = title_employer(&before) {
                first_job.get_or_insert(i);
                out.push(Claim::Job {
                    quote,
                    title,
                    employer,
                    years,
                });
            }
        }
        i += 1;
    }
    // Years of experience: in the summary, before the first job. The text
    // is cut into paragraphs first, so the name, headline and contact lines
    // above the summary do not run into its sentences.
    for para in paragraphs(&lines[..first_job.unwrap_or(lines.len())]) {
        for s in super::text::sentences(&para) {
            if let Some(y) = super::text::years_in(&s) {
                out.push(Claim::Years { quote: s, years: y });
            }
        }
    }
    out
}

/// Lines joined into paragraphs: a blank line, a contact line (with `@`),
/// or a short line without closing punctuation (a name, a headline) ends
/// one; long lines are a wrapped paragraph.
fn paragraphs(lines: &[String]) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur: Vec<&str> = Vec::new();
    for l in lines {
        let standalone =
            l.contains('@') || (l.chars().count() < 60 && !l.ends_with(['.', '!', '?', ',', ';']));
        if l.is_empty() || standalone {
            if !cur.is_empty() {
                out.push(cur.join(" "));
                cur.clear();
            }
            if standalone {
                out.push(l.clone());
            }
            continue;
        }
        cur.push(l);
        if l.ends_with(['.', '!', '?']) && l.chars().count() < 60 {
            out.push(cur.join(" "));
            cur.clear();
        }
    }
    if !cur.is_empty() {
        out.push(cur.join(" "));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const DANIEL: &[u8] = include_bytes!("../../../../assets/demo/resumes/daniel_kim.pdf");
    const JOSE: &[u8] = include_bytes!("../../../../assets/demo/resumes/jose_alvarez.pdf");

    #[test]
    fn reads_jobs_years_and_skills_from_a_real_pdf() {
        let text = pdf_text(DANIEL).unwrap();
        assert!(text.contains("Daniel Kim"), "{text}");
        let c = claims(&text);
        let jobs: Vec<_> = c
            .iter()
            .filter_map(|c| match c {
                Claim::Job {
                    title,
                    employer,
                    years,
                    ..
                } => Some((
                    title.as_str(),
                    employer.as_str(),
                    *years.first().unwrap(),
                    *years.last().unwrap(),
                )),
                _ => None,
            })
            .collect();
        assert_eq!(
            jobs,
            vec![
                ("Warehouse Manager", "Amazon Fulfillment", 2017, 2021),
                ("Operations Lead", "DHL Supply Chain", 2021, OPEN_END),
            ],
            "{text}"
        );
        assert!(
            c.iter()
                .any(|c| matches!(c, Claim::Years { years, .. } if *years == 8.0)),
            "{c:#?}"
        );
        let skills: Vec<&str> = c
            .iter()
            .filter_map(|c| match c {
                Claim::Skill { skill, .. } => Some(skill.as_str()),
                _ => None,
            })
            .collect();
        assert_eq!(
            skills,
            vec!["Forklift", "SAP", "Inventory control", "Team leadership"]
        );
    }

    #[test]
    fn reads_accented_text() {
        let text = pdf_text(JOSE).unwrap();
        let c = claims(&text);
        assert!(
            c.iter()
                .any(|c| matches!(c, Claim::Job { employer, .. } if employer == "Zara Gran Vía")),
            "{c:#?}"
        );
        assert!(
            c.iter()
                .any(|c| matches!(c, Claim::Years { years, .. } if *years == 4.0)),
            "{c:#?}"
        );
    }

    #[test]
    fn refuses_what_is_not_a_pdf_and_survives_garbage() {
        assert_eq!(pdf_text(b"hello"), Err(ResumeTextError::NotPdf));
        let mut junk = b"%PDF-1.7\n".to_vec();
        junk.extend(std::iter::repeat_n(b'x', 500));
        assert!(matches!(
            pdf_text(&junk),
            Err(ResumeTextError::Unreadable(_))
        ));
    }

    #[test]
    fn a_slow_parse_is_cut_off_at_the_limit_and_uncounted_when_it_ends() {
        let (release, wait) = std::sync::mpsc::channel::<()>();
        let (finished_tx, finished) = std::sync::mpsc::channel::<()>();
        let before = OVERDUE.load(Ordering::SeqCst);
        let started = std::time::Instant::now();
        let r = with_time_limit(Duration::from_millis(50), move || {
            wait.recv().ok(); // a parser stuck until the test releases it
            finished_tx.send(()).ok();
            Ok("late".into())
        });
        assert!(started.elapsed() < Duration::from_secs(5));
        match &r {
            Err(e @ ResumeTextError::TimedOut { .. }) => {
                assert!(e.to_string().contains("took longer than"), "{e}");
            }
            other => panic!("expected a timeout, got {other:?}"),
        }
        assert!(OVERDUE.load(Ordering::SeqCst) > before);
        release.send(()).unwrap();
        finished.recv_timeout(Duration::from_secs(10)).unwrap();
        // The worker uncounts itself right after; wait for it, bounded.
        let deadline = std::time::Instant::now() + Duration::from_secs(10);
        while OVERDUE.load(Ordering::SeqCst) > before {
            assert!(
                std::time::Instant::now() < deadline,
                "overdue count not released"
            );
            std::thread::yield_now();
        }
    }

    #[test]
    fn a_timeout_on_a_file_names_it() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("resume.pdf");
        std::fs::write(&path, DANIEL).unwrap();
        // No time at all: the reader cannot answer before the deadline.
        let e = file_text_within(&path, None, Duration::ZERO);
        match e {
            Err(e @ ResumeTextError::TimedOut { .. }) => {
                assert!(e.to_string().contains("resume.pdf"), "{e}");
            }
            // The worker won the race: still the real text, never garbage.
            Ok(text) => assert!(text.contains("Daniel Kim")),
            Err(other) => panic!("{other:?}"),
        }
        assert!(file_text(&path, None).unwrap().contains("Daniel Kim"));
    }

    #[test]
    fn ranges_and_layouts() {
        let c = claims(
            "Ana\nSummary: over 5 years of experience.\n\nBarista at Blue Bottle\n2019 - 2021\n• latte art\nHead Barista, Tim's 2021 – present\n\nSkills:\nEspresso (expert), Latte art | SQL\n",
        );
        let q: Vec<&str> = c.iter().map(|c| c.quote()).collect();
        assert!(q.contains(&"Barista at Blue Bottle 2019 - 2021"), "{q:#?}");
        assert!(q.contains(&"Head Barista, Tim's 2021 – present"), "{q:#?}");
        assert!(q.contains(&"Skills: Latte art"), "{q:#?}");
        assert!(q.contains(&"Skills: SQL"), "{q:#?}");
        assert!(q.iter().any(|s| s.contains("5 years")), "{q:#?}");
    }
}
