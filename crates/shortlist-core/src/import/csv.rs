//! Candidates from a CSV file.
//!
//! Header row required. Known columns: `interview_id` (optional; else a
//! stable id derived from posting + e-mail), `posting_id` (optional when the
//! workspace has exactly one interviewer), `name`, `email` (required),
//! `phone`, `location`, `country`, `status` (default `pending`), `score`
//! (0–100). Every other column becomes `data.<column>`. Each row becomes a
//! `CandidateResponse`-shaped object so everything downstream is uniform.
//!
//! [`parse_csv`] is pure (fuzzed by `fuzz/fuzz_targets/csv.rs`).

use serde_json::{Map, Value};
use sha2::{Digest, Sha256};

use super::error::Problem;

/// One CSV row, checked.
#[derive(Debug, Clone, PartialEq)]
pub struct CsvCandidate {
    /// 1-based line of the record in the file (header is line 1).
    pub line: u64,
    pub interview_id: Option<String>,
    pub posting_id: Option<String>,
    pub name: String,
    pub email: String,
    pub phone: Option<String>,
    pub location: Option<String>,
    pub country: Option<String>,
    pub status: String,
    pub score: Option<f64>,
    /// Other columns, in header order.
    pub extra: Vec<(String, String)>,
}

const KNOWN: &[&str] = &[
    "interview_id",
    "posting_id",
    "name",
    "email",
    "phone",
    "location",
    "country",
    "status",
    "score",
];
const REQUIRED: &[&str] = &["name", "email"];
const STATUSES: &[&str] = &[
    "pending",
    "in_progress",
    "evaluating",
    "completed",
    "shortlisted",
    "dismissed",
    "knocked_out",
];

/// A plausible e-mail address: one `@`, non-empty local part, a dotted
/// domain, no spaces or angle brackets.
pub fn valid_email(s: &str) -> bool {
    let Some((local, domain)) = s.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && local.len() <= 64
        && !domain.contains('@')
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !domain.contains("..")
        && !s
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || "<>(),;:\"[]\\".contains(c))
}

/// Parse and check a candidates CSV. `file` names it in problems.
pub fn parse_csv_named(file: &str, bytes: &[u8]) -> Result<Vec<CsvCandidate>, Vec<Problem>> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let mut rdr = ::csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(false)
        .trim(::csv::Trim::All)
        .from_reader(bytes);
    let headers: Vec<String> = match rdr.headers() {
        Ok(h) => h.iter().map(|s| s.trim().to_ascii_lowercase()).collect(),
        Err(e) => {
            return Err(vec![Problem::file(
                file,
                format!("cannot read the header row: {e}"),
            )])
        }
    };
    if headers.iter().all(|h| h.is_empty()) {
        return Err(vec![Problem::file(
            file,
            "no header row; the first line must name the columns (name,email,…)",
        )]);
    }
    let mut problems = Vec::new();
    for req in REQUIRED {
        if !headers.iter().any(|h| h == req) {
            problems.push(Problem::record(
                file,
                "header",
                Some((*req).to_string()),
                format!("missing column `{req}`; the header needs at least name,email"),
            ));
        }
    }
    for (i, h) in headers.iter().enumerate() {
        if headers[..i].contains(h) {
            problems.push(Problem::record(
                file,
                "header",
                Some(h.clone()),
                "column appears twice",
            ));
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let col = |name: &str| headers.iter().position(|h| h == name);
    let mut out = Vec::new();
    for rec in rdr.records() {
        let rec = match rec {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map(|p| p.line()).unwrap_or(0);
                problems.push(Problem::record(
                    file,
                    format!("row {line}"),
                    None,
                    e.to_string(),
                ));
                continue;
            }
        };
        let line = rec.position().map(|p| p.line()).unwrap_or(0);
        if rec.iter().all(|f| f.is_empty()) {
            continue;
        }
        let record = format!("row {line}");
        let get = |name: &str| {
            col(name)
                .and_then(|i| rec.get(i))
                .map(str::to_string)
                .filter(|s| !s.is_empty())
        };
        let mut bad = |field: &str, msg: String| {
            problems.push(Problem::record(
                file,
                record.clone(),
                Some(field.to_string()),
                msg,
            ))
        };
        let name = get("name").unwrap_or_default();
        if name.is_empty() {
            bad("name", "empty; every candidate needs a name".into());
        }
        let email = get("email").unwrap_or_default();
        if !valid_email(&email) {
            bad("email", format!("`{email}` is not a valid e-mail address"));
        }
        let status = get("status")
            .map(|s| s.to_ascii_lowercase())
            .unwrap_or_else(|| "pending".into());
        if !STATUSES.contains(&status.as_str()) {
            bad(
                "status",
                format!("`{status}` is not one of {}", STATUSES.join(", ")),
            );
        }
        let score = match get("score") {
            None => None,
            Some(s) => match s.parse::<f64>() {
                Ok(v) if (0.0..=100.0).contains(&v) => Some(v),
                _ => {
                    bad("score", format!("`{s}` is not a number from 0 to 100"));
                    None
                }
            },
        };
        let extra = headers
            .iter()
            .enumerate()
            .filter(|(_, h)| !KNOWN.contains(&h.as_str()) && !h.is_empty())
            .filter_map(|(i, h)| {
                rec.get(i)
                    .filter(|v| !v.is_empty())
                    .map(|v| (h.clone(), v.to_string()))
            })
            .collect();
        out.push(CsvCandidate {
            line,
            interview_id: get("interview_id"),
            posting_id: get("posting_id"),
            name,
            email,
            phone: get("phone"),
            location: get("location"),
            country: get("country"),
            status,
            score,
            extra,
        });
    }
    if problems.is_empty() {
        Ok(out)
    } else {
        Err(problems)
    }
}

/// [`parse_csv_named`] for an unnamed input (fuzzing, tests).
pub fn parse_csv(bytes: &[u8]) -> Result<Vec<CsvCandidate>, Vec<Problem>> {
    parse_csv_named("candidates.csv", bytes)
}

/// The stable interview id of a CSV row without one.
pub fn derived_interview_id(posting_id: &str, email: &str) -> String {
    let mut h = Sha256::new();
    h.update(posting_id.as_bytes());
    h.update([0]);
    h.update(email.trim().to_lowercase().as_bytes());
    format!("csv_{}", &hex::encode(h.finalize())[..16])
}

impl CsvCandidate {
    /// The row as a `CandidateResponse` object for `posting_id`.
    pub fn to_candidate_json(&self, posting_id: &str) -> Map<String, Value> {
        let mut o = Map::new();
        let id = self
            .interview_id
            .clone()
            .unwrap_or_else(|| derived_interview_id(posting_id, &self.email));
        o.insert("object".into(), "candidate".into());
        o.insert("interview_id".into(), id.into());
        o.insert("posting_id".into(), posting_id.into());
        o.insert("name".into(), self.name.clone().into());
        o.insert("email".into(), self.email.clone().into());
        o.insert("status".into(), self.status.clone().into());
        if let Some(s) = self.score {
            o.insert("score".into(), s.into());
        }
        let mut data = Map::new();
        for (k, v) in [
            ("phone", &self.phone),
            ("location", &self.location),
            ("country", &self.country),
        ] {
            if let Some(v) = v {
                data.insert(k.into(), v.clone().into());
            }
        }
        for (k, v) in &self.extra {
            data.insert(k.clone(), v.clone().into());
        }
        if !data.is_empty() {
            o.insert("data".into(), Value::Object(data));
        }
        o
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_and_errors() {
        let ok = parse_csv(b"name,email,phone,Team\nAna,ana@x.io,+351 1,North\n\n").unwrap();
        assert_eq!(ok.len(), 1);
        assert_eq!(ok[0].extra, vec![("team".to_string(), "North".to_string())]);
        let json = ok[0].to_candidate_json("p1");
        assert_eq!(json["data"]["phone"], "+351 1");
        assert_eq!(
            json["interview_id"],
            derived_interview_id("p1", "ANA@x.io ")
        );

        let err = parse_csv(b"name,email\nA,a@x.io\nB,not-an-email\n").unwrap_err();
        assert_eq!(err[0].record.as_deref(), Some("row 3"));
        assert_eq!(err[0].field.as_deref(), Some("email"));
        let err = parse_csv(b"name,phone\nA,1\n").unwrap_err();
        assert!(err[0].message.contains("missing column `email`"));
        assert!(valid_email("a.b+c@d-e.co"));
        assert!(!valid_email("a@b") && !valid_email("a b@c.d") && !valid_email("@c.d"));
    }
}
