//! Exports (SPEC F33–F35): candidates CSV, JSON in the API shapes, and the
//! candidate feedback CSV. Every file is written to a temporary file next to
//! the destination and renamed only when complete.

use std::collections::BTreeSet;
use std::io::Write;
use std::path::{Path, PathBuf};

use serde_json::Value;
use shortlist_core::review::{self, CandidateQuery, CandidateRow, Selection};
use shortlist_core::Workspace;

use crate::error::{ReportError, ReportResult};
use crate::model::{clock, date};

/// Spreadsheet formula neutralisation: a cell starting with `=`, `+`, `-`,
/// `@`, tab or CR is prefixed with `'` so Excel/LibreOffice show it as text.
pub fn neutralise(cell: &str) -> String {
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{cell}"),
        _ => cell.to_string(),
    }
}

/// Write `bytes_fn`'s output to `dest` atomically (temp file in the same
/// folder, fsync, rename).
pub(crate) fn write_atomic(
    dest: &Path,
    write: impl FnOnce(&mut std::fs::File) -> ReportResult<()>,
) -> ReportResult<()> {
    let dir = dest
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("."));
    let mut tmp = tempfile::Builder::new()
        .prefix(".shortlist-")
        .suffix(".part")
        .tempfile_in(&dir)
        .map_err(|e| ReportError::io(&dir, e))?;
    write(tmp.as_file_mut())?;
    tmp.as_file()
        .sync_all()
        .map_err(|e| ReportError::io(dest, e))?;
    tmp.persist(dest)
        .map_err(|e| ReportError::io(dest, e.error))?;
    Ok(())
}

fn csv_writer(buf: &mut Vec<u8>) -> csv::Writer<&mut Vec<u8>> {
    // UTF-8 BOM so Excel picks the encoding; RFC 4180 quoting and CRLF.
    buf.extend_from_slice("\u{FEFF}".as_bytes());
    csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .quote_style(csv::QuoteStyle::Necessary)
        .from_writer(buf)
}

fn csv_err(e: csv::Error) -> ReportError {
    ReportError::Csv(e.to_string())
}

fn opt_num(v: Option<f64>) -> String {
    v.map(|v| {
        if (v - v.round()).abs() < 1e-9 {
            format!("{}", v.round() as i64)
        } else {
            format!("{v:.1}")
        }
    })
    .unwrap_or_default()
}

fn opt_date(v: Option<f64>) -> String {
    v.map(date).unwrap_or_default()
}

/// Candidates of one interviewer (all of them, list order: last engaged).
pub fn candidates_of(ws: &Workspace, posting_id: &str) -> ReportResult<Vec<CandidateRow>> {
    review::interviewer(ws, posting_id)?;
    let page = review::list_candidates(
        ws,
        &CandidateQuery {
            posting_id: Some(posting_id.to_string()),
            limit: 0,
            descending: true,
            ..Default::default()
        },
    )?;
    Ok(page.rows)
}

/// Built-in columns of the candidates CSV, in order: `(id, header)`.
pub const CSV_COLUMNS: &[(&str, &str)] = &[
    ("name", "Name"),
    ("email", "Email"),
    ("phone", "Phone"),
    ("location", "Location"),
    ("country", "Country"),
    ("status", "Status"),
    ("decision", "Decision"),
    ("score", "Overall score"),
    ("resume_score", "Résumé score"),
    ("video_score", "Video score"),
    ("speech_score", "Communication score (0-5)"),
    ("stages", "Stages"),
    ("steps", "Steps done"),
    ("tags", "Tags"),
    ("flags", "Cheat-detection flags"),
    ("created", "Applied"),
    ("interviewed_at", "Interviewed"),
    ("last_engaged", "Last engaged"),
    ("interview_id", "Interview ID"),
    ("candidate_id", "Candidate ID"),
    ("interview_url", "Interview URL"),
];

fn cell(row: &CandidateRow, col: &str) -> String {
    match col {
        "name" => row.name.clone(),
        "email" => row.email.clone(),
        "phone" => row.phone.clone().unwrap_or_default(),
        "location" => row.location.clone().unwrap_or_default(),
        "country" => row.country.clone().unwrap_or_default(),
        "status" => row.status.clone(),
        "decision" => row.decision.as_str().to_string(),
        "score" => opt_num(row.score),
        "resume_score" => opt_num(row.resume_score),
        "video_score" => opt_num(row.video_score),
        "speech_score" => opt_num(row.speech_score),
        "stages" => row.stage_summary.clone(),
        "steps" => format!("{}/{}", row.steps_done, row.steps_total),
        "tags" => row.tags.join("; "),
        "flags" => row.flag_count.to_string(),
        "created" => opt_date(row.created_at),
        "interviewed_at" => opt_date(row.interviewed_at),
        "last_engaged" => opt_date(row.last_engaged),
        "interview_id" => row.interview_id.clone(),
        "candidate_id" => row.candidate_id.clone().unwrap_or_default(),
        "interview_url" => row.interview_url.clone().unwrap_or_default(),
        custom => row
            .custom
            .get(custom.strip_prefix("custom:").unwrap_or(custom))
            .map(value_text)
            .unwrap_or_default(),
    }
}

fn value_text(v: &Value) -> String {
    match v {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// `(id, header)` of each requested column: built-in ids of
/// [`CSV_COLUMNS`] or `custom:<key>`; anything else is refused by name.
fn chosen_columns(columns: &[String]) -> ReportResult<Vec<(String, String)>> {
    columns
        .iter()
        .map(|id| {
            if let Some((_, h)) = CSV_COLUMNS.iter().find(|(k, _)| k == id) {
                Ok((id.clone(), h.to_string()))
            } else if let Some(key) = id.strip_prefix("custom:").filter(|k| !k.is_empty()) {
                Ok((id.clone(), key.to_string()))
            } else {
                Err(ReportError::Invalid(format!(
                    "unknown CSV column `{id}`; use one of {} or custom:<field>",
                    CSV_COLUMNS
                        .iter()
                        .map(|(k, _)| *k)
                        .collect::<Vec<_>>()
                        .join(", ")
                )))
            }
        })
        .collect()
}

/// Every built-in column, then every custom column of `rows`.
fn all_columns(rows: &[CandidateRow]) -> Vec<(String, String)> {
    let custom: BTreeSet<&String> = rows.iter().flat_map(|r| r.custom.keys()).collect();
    CSV_COLUMNS
        .iter()
        .map(|(k, h)| (k.to_string(), h.to_string()))
        .chain(
            custom
                .into_iter()
                .map(|k| (format!("custom:{k}"), k.clone())),
        )
        .collect()
}

fn write_rows<W: std::io::Write>(
    w: &mut csv::Writer<W>,
    cols: &[(String, String)],
    rows: &[CandidateRow],
) -> ReportResult<()> {
    for r in rows {
        w.write_record(cols.iter().map(|(id, _)| neutralise(&cell(r, id))))
            .map_err(csv_err)?;
    }
    Ok(())
}

/// Candidates CSV (F33). `columns`: the list's visible column ids (built-in
/// ids of [`CSV_COLUMNS`] or `custom:<key>`), in order; `None` = every
/// built-in column followed by every custom column.
pub fn candidates_csv(rows: &[CandidateRow], columns: Option<&[String]>) -> ReportResult<Vec<u8>> {
    let cols = match columns {
        Some(c) => chosen_columns(c)?,
        None => all_columns(rows),
    };
    let mut buf = Vec::new();
    {
        let mut w = csv_writer(&mut buf);
        w.write_record(cols.iter().map(|(_, h)| neutralise(h)))
            .map_err(csv_err)?;
        write_rows(&mut w, &cols, rows)?;
        w.flush().map_err(|e| ReportError::Csv(e.to_string()))?;
    }
    Ok(buf)
}

pub fn export_csv(
    ws: &Workspace,
    posting_id: &str,
    columns: Option<&[String]>,
    dest: &Path,
) -> ReportResult<usize> {
    let rows = candidates_of(ws, posting_id)?;
    let bytes = candidates_csv(&rows, columns)?;
    write_atomic(dest, |f| {
        f.write_all(&bytes).map_err(|e| ReportError::io(dest, e))
    })?;
    crate::record_export(ws, "export.csv", posting_id)?;
    Ok(rows.len())
}

/// Candidates CSV of a selection (the list's Export CSV): the chosen
/// `columns` in their order, the selected candidates in list order, written
/// a page at a time (no cap: a query selection is every match). Recorded in
/// the audit log against `audit_subject` (the interviewer).
pub fn export_csv_selection(
    ws: &Workspace,
    selection: &Selection<'_>,
    columns: &[String],
    audit_subject: &str,
    dest: &Path,
) -> ReportResult<usize> {
    let cols = chosen_columns(columns)?;
    if cols.is_empty() {
        return Err(ReportError::Invalid(
            "choose at least one column to export".into(),
        ));
    }
    let mut n = 0;
    write_atomic(dest, |f| {
        let mut out = std::io::BufWriter::new(f);
        out.write_all("\u{FEFF}".as_bytes())
            .map_err(|e| ReportError::io(dest, e))?;
        let mut w = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .quote_style(csv::QuoteStyle::Necessary)
            .from_writer(out);
        w.write_record(cols.iter().map(|(_, h)| neutralise(h)))
            .map_err(csv_err)?;
        n = review::for_each_selected(ws, selection, |rows| write_rows(&mut w, &cols, rows))?;
        w.flush().map_err(|e| ReportError::io(dest, e))?;
        Ok(())
    })?;
    crate::record_export(ws, "export.csv", audit_subject)?;
    Ok(n)
}

/// Candidate feedback CSV (F35): one row per scored question, with the
/// reviewer's decision and notes.
pub fn export_feedback(ws: &Workspace, posting_id: &str, dest: &Path) -> ReportResult<usize> {
    let rows = candidates_of(ws, posting_id)?;
    let mut buf = Vec::new();
    let mut n = 0;
    {
        let mut w = csv_writer(&mut buf);
        w.write_record([
            "Interview ID",
            "Name",
            "Email",
            "Status",
            "Decision",
            "Decided by",
            "Decided",
            "Overall score",
            "Question #",
            "Question",
            "Score",
            "Scale",
            "Score %",
            "Weight",
            "Not scored",
            "Summary",
            "Reviewer notes",
        ])
        .map_err(csv_err)?;
        for row in &rows {
            let data = crate::source::load_candidate(ws, &row.interview_id)?;
            let (dec, by, at) = match &data.decision {
                Some(d) => (d.decision.clone(), d.decided_by.clone(), date(d.decided_at)),
                None => (
                    row.decision.as_str().to_string(),
                    String::new(),
                    String::new(),
                ),
            };
            let notes = data
                .notes
                .iter()
                .map(|n| match n.at_seconds {
                    Some(s) => format!("[{}] {} ({})", clock(s), n.text, n.author),
                    None => format!("{} ({})", n.text, n.author),
                })
                .collect::<Vec<_>>()
                .join(" | ");
            let mut qs = data
                .interview
                .web_interview
                .as_ref()
                .map(|w| w.scorecard.clone())
                .unwrap_or_default();
            qs.sort_by_key(|q| q.rank);
            let base = [
                row.interview_id.clone(),
                row.name.clone(),
                row.email.clone(),
                row.status.clone(),
                dec,
                by,
                at,
                opt_num(row.score),
            ];
            if qs.is_empty() {
                let mut rec: Vec<String> = base.to_vec();
                rec.extend(std::iter::repeat_n(String::new(), 8));
                rec.push(notes.clone());
                w.write_record(rec.iter().map(|c| neutralise(c)))
                    .map_err(csv_err)?;
                n += 1;
                continue;
            }
            for q in qs {
                let mut rec: Vec<String> = base.to_vec();
                rec.extend([
                    q.rank.to_string(),
                    q.question_text.clone(),
                    opt_num(Some(q.score)),
                    opt_num(Some(data.scorecard_scale)),
                    opt_num(Some(
                        shortlist_core::scoring::scorecard_pct(q.score, data.scorecard_scale)
                            .round(),
                    )),
                    opt_num(Some(q.score_weight.filter(|w| *w > 0.0).unwrap_or(1.0))),
                    if q.not_scored {
                        "yes".into()
                    } else {
                        "no".into()
                    },
                    q.evaluation_summary.clone(),
                    notes.clone(),
                ]);
                w.write_record(rec.iter().map(|c| neutralise(c)))
                    .map_err(csv_err)?;
                n += 1;
            }
        }
        w.flush().map_err(|e| ReportError::Csv(e.to_string()))?;
    }
    write_atomic(dest, |f| {
        f.write_all(&buf).map_err(|e| ReportError::io(dest, e))
    })?;
    crate::record_export(ws, "export.feedback", posting_id)?;
    Ok(n)
}

/// `(interview_id, cand_raw, interview_raw, ext_raw)`, raw JSON as received.
pub type RawCandidate = (String, Option<String>, Option<String>, Option<String>);
type WriteFn = Box<dyn FnOnce(&Path) -> std::io::Result<()>>;

/// Raw imported objects of one interviewer, exactly as received.
pub struct RawExport {
    pub posting: String,
    pub posting_ext: Option<String>,
    /// `(interview_id, cand_raw, interview_raw, ext_raw)`.
    pub candidates: Vec<RawCandidate>,
    /// `(bundle-relative path from the raw JSON, media hash)`.
    pub media: Vec<(String, String)>,
}

/// `only`: keep just these interviews (Share); `None`: every candidate.
fn raw_export(
    ws: &Workspace,
    posting_id: &str,
    only: Option<&std::collections::HashSet<&str>>,
) -> ReportResult<RawExport> {
    let conn = ws.reader();
    let (posting, posting_ext): (String, Option<String>) = conn
        .query_row(
            "SELECT raw, ext_raw FROM postings WHERE id = ?1",
            [posting_id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .map_err(|e| match e {
            rusqlite::Error::QueryReturnedNoRows => ReportError::Store(
                shortlist_core::StoreError::NoSuchPosting(posting_id.to_string()),
            ),
            e => e.into(),
        })?;
    let mut stmt = conn.prepare(
        "SELECT interview_id, cand_raw, interview_raw, ext_raw FROM candidates WHERE posting_id = ?1 ORDER BY interview_id",
    )?;
    let candidates = stmt
        .query_map([posting_id], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })?
        .filter(|r: &rusqlite::Result<RawCandidate>| match (only, r) {
            (Some(keep), Ok((id, ..))) => keep.contains(id.as_str()),
            _ => true,
        })
        .collect::<Result<Vec<_>, _>>()?;
    let mut media = Vec::new();
    let mut mstmt = conn.prepare(
        "SELECT kind, hash FROM candidate_media WHERE interview_id = ?1 AND hash IS NOT NULL",
    )?;
    for (id, cand, iv, _) in &candidates {
        let kinds: Vec<(String, String)> = mstmt
            .query_map([id], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<Result<Vec<_>, _>>()?;
        let mut refs = Vec::new();
        for raw in [cand, iv].into_iter().flatten() {
            let raw: &String = raw;
            if let Ok(v) = serde_json::from_str::<Value>(raw) {
                collect_local_refs(&v, "", &mut refs);
            }
        }
        for (key, path) in refs {
            let kind = if key.contains("video") {
                "video"
            } else if key.contains("audio") {
                "audio"
            } else if key.contains("resume") {
                "resume"
            } else {
                continue;
            };
            if let Some((_, hash)) = kinds.iter().find(|(k, _)| k == kind) {
                if !media.iter().any(|(p, _)| *p == path) {
                    media.push((path, hash.clone()));
                }
            }
        }
    }
    Ok(RawExport {
        posting,
        posting_ext,
        candidates,
        media,
    })
}

/// `*_url` / `*_link` fields holding a bundle-relative path (no scheme).
fn collect_local_refs(v: &Value, key: &str, out: &mut Vec<(String, String)>) {
    match v {
        Value::Object(m) => {
            for (k, v) in m {
                collect_local_refs(v, k, out);
            }
        }
        Value::Array(a) => a.iter().for_each(|v| collect_local_refs(v, key, out)),
        Value::String(s)
            if (key.ends_with("_url") || key.ends_with("_link"))
                && !s.contains("://")
                && !s.is_empty() =>
        {
            if let Some(p) = safe_relative(s) {
                out.push((key.to_string(), p));
            }
        }
        _ => {}
    }
}

/// A relative path with no `..`, root or drive: safe to create under a folder.
fn safe_relative(p: &str) -> Option<String> {
    let parts: Vec<&str> = p
        .split(['/', '\\'])
        .filter(|s| !s.is_empty() && *s != ".")
        .collect();
    if parts.is_empty() || parts.iter().any(|s| *s == ".." || s.contains(':')) || p.starts_with('/')
    {
        return None;
    }
    Some(parts.join("/"))
}

/// Files of a bundle in the SPEC F4 layout: `(path, bytes or media hash)`.
/// A media entry carries the workspace key of an encrypted workspace: the
/// export holds the plaintext (it is an explicit export).
enum Entry {
    Bytes(String, Vec<u8>),
    Media(
        String,
        PathBuf,
        Option<shortlist_core::store::crypt::MediaKey>,
    ),
}

fn open_media(
    file: &Path,
    key: &Option<shortlist_core::store::crypt::MediaKey>,
) -> std::io::Result<shortlist_core::store::crypt::MediaReader> {
    shortlist_core::store::crypt::MediaReader::open(file, key.as_deref())
}

fn bundle_entries(
    ws: &Workspace,
    posting_id: &str,
    only: Option<&std::collections::HashSet<&str>>,
) -> ReportResult<Vec<Entry>> {
    let raw = raw_export(ws, posting_id, only)?;
    let mut out = vec![Entry::Bytes(
        format!("postings/{posting_id}.json"),
        raw.posting.into_bytes(),
    )];
    if let Some(ext) = raw.posting_ext {
        out.push(Entry::Bytes(
            format!("extensions/{posting_id}.json"),
            ext.into_bytes(),
        ));
    }
    // Candidates as one page, each object exactly as received.
    let mut list = String::from("{\"data\": [");
    let mut first = true;
    for (_, cand, _, _) in &raw.candidates {
        if let Some(c) = cand {
            if !first {
                list.push_str(",\n");
            }
            list.push_str(c);
            first = false;
        }
    }
    list.push_str("]}\n");
    out.push(Entry::Bytes(
        format!("candidates/{posting_id}.json"),
        list.into_bytes(),
    ));
    for (id, _, iv, ext) in &raw.candidates {
        if let Some(iv) = iv {
            out.push(Entry::Bytes(
                format!("interviews/{id}.json"),
                iv.clone().into_bytes(),
            ));
        }
        if let Some(ext) = ext {
            out.push(Entry::Bytes(
                format!("extensions/{id}.json"),
                ext.clone().into_bytes(),
            ));
        }
    }
    for (path, hash) in raw.media {
        if let Some(file) = shortlist_core::store::media::path_for(&ws.media_dir(), &hash) {
            out.push(Entry::Media(path, file, ws.media_key()));
        }
    }
    Ok(out)
}

/// The single-file JSON export: `{"postings", "candidates", "interviews",
/// "extensions"}`, each object's text spliced in exactly as stored (so a
/// re-import recognises every record as unchanged). Each stored text is
/// checked to be JSON first.
fn json_document(posting_id: &str, raw: &RawExport) -> ReportResult<Vec<u8>> {
    let check = |s: &str, what: &'static str, id: &str| -> ReportResult<()> {
        serde_json::from_str::<serde::de::IgnoredAny>(s)
            .map(|_| ())
            .map_err(|e| ReportError::BadStoredJson {
                interview_id: id.to_string(),
                what,
                detail: e.to_string(),
            })
    };
    check(&raw.posting, "posting", posting_id)?;
    let mut cands = Vec::new();
    let mut ivs = Vec::new();
    let mut exts = Vec::new();
    if let Some(e) = &raw.posting_ext {
        check(e, "posting extension", posting_id)?;
        exts.push(e.as_str());
    }
    for (id, c, i, e) in &raw.candidates {
        if let Some(c) = c {
            check(c, "candidate", id)?;
            cands.push(c.as_str());
        }
        if let Some(i) = i {
            check(i, "interview", id)?;
            ivs.push(i.as_str());
        }
        if let Some(e) = e {
            check(e, "extension", id)?;
            exts.push(e.as_str());
        }
    }
    let mut out = String::from("{\n\"postings\": [\n");
    out.push_str(&raw.posting);
    for (key, list) in [
        ("candidates", cands),
        ("interviews", ivs),
        ("extensions", exts),
    ] {
        out.push_str(&format!("\n],\n\"{key}\": [\n"));
        out.push_str(&list.join(",\n"));
    }
    out.push_str("\n]\n}\n");
    Ok(out.into_bytes())
}

/// The form the app's "Export JSON (re-importable)" writes by default: the
/// bundle ZIP, the one form that carries recordings and résumés and so
/// re-imports into a fresh workspace as the same state.
pub const JSON_EXPORT_EXT: &str = "zip";

/// JSON export (F34). `dest` ending in `.zip`: a bundle ZIP; ending in
/// `.json`: one document `{"postings", "candidates", "interviews",
/// "extensions"}` (the app's default; recordings and résumés stay out);
/// anything else: a bundle folder (must not exist or be empty). Every form
/// holds every object exactly as imported and re-imports: into the same
/// workspace it changes nothing, into a fresh one it gives the same
/// candidates.
pub fn export_json(ws: &Workspace, posting_id: &str, dest: &Path) -> ReportResult<usize> {
    let n = write_json_export(ws, posting_id, dest)?;
    crate::record_export(ws, "export.json", posting_id)?;
    Ok(n)
}

fn write_json_export(ws: &Workspace, posting_id: &str, dest: &Path) -> ReportResult<usize> {
    let ext = dest
        .extension()
        .and_then(|e| e.to_str())
        .map(|e| e.to_ascii_lowercase());
    match ext.as_deref() {
        Some("json") => {
            let raw = raw_export(ws, posting_id, None)?;
            let n = raw.candidates.len();
            let bytes = json_document(posting_id, &raw)?;
            write_atomic(dest, |f| {
                f.write_all(&bytes).map_err(|e| ReportError::io(dest, e))
            })?;
            Ok(n)
        }
        Some("zip") => write_bundle_zip(dest, bundle_entries(ws, posting_id, None)?),
        _ => {
            if dest.exists()
                && std::fs::read_dir(dest)
                    .map_err(|e| ReportError::io(dest, e))?
                    .next()
                    .is_some()
            {
                return Err(ReportError::Invalid(format!(
                    "{} already exists and is not empty; choose a new folder (or a .zip / .json file name)",
                    dest.display()
                )));
            }
            let entries = bundle_entries(ws, posting_id, None)?;
            let n = entries
                .iter()
                .filter(|e| matches!(e, Entry::Bytes(p, _) if p.starts_with("interviews/")))
                .count();
            // Build in a sibling temp folder, then rename: all or nothing.
            let parent = dest
                .parent()
                .filter(|p| !p.as_os_str().is_empty())
                .unwrap_or(Path::new("."));
            let tmp = tempfile::Builder::new()
                .prefix(".shortlist-export-")
                .tempdir_in(parent)
                .map_err(|e| ReportError::io(parent, e))?;
            for e in entries {
                let (path, write): (String, WriteFn) = match e {
                    Entry::Bytes(p, b) => (p, Box::new(move |to: &Path| std::fs::write(to, b))),
                    Entry::Media(p, f, k) => (
                        p,
                        Box::new(move |to: &Path| {
                            let mut src = open_media(&f, &k)?;
                            let mut out = std::fs::File::create(to)?;
                            std::io::copy(&mut src, &mut out)?;
                            out.sync_all()
                        }),
                    ),
                };
                let to = tmp.path().join(&path);
                if let Some(dir) = to.parent() {
                    std::fs::create_dir_all(dir).map_err(|e| ReportError::io(dir, e))?;
                }
                write(&to).map_err(|e| ReportError::io(&to, e))?;
            }
            if dest.exists() {
                std::fs::remove_dir(dest).map_err(|e| ReportError::io(dest, e))?;
            }
            let kept = tmp.keep();
            std::fs::rename(&kept, dest).map_err(|e| ReportError::io(dest, e))?;
            Ok(n)
        }
    }
}

/// Write bundle entries as a ZIP (JSON deflated, media stored as is),
/// atomically. Returns the number of interviews in it.
fn write_bundle_zip(dest: &Path, entries: Vec<Entry>) -> ReportResult<usize> {
    let n = entries
        .iter()
        .filter(|e| matches!(e, Entry::Bytes(p, _) if p.starts_with("interviews/")))
        .count();
    write_atomic(dest, |f| {
        let mut zip = zip::ZipWriter::new(f);
        let zerr = |e: zip::result::ZipError| ReportError::Zip {
            path: dest.to_path_buf(),
            detail: e.to_string(),
        };
        for e in entries {
            match e {
                Entry::Bytes(path, bytes) => {
                    zip.start_file(path, crate::package::deflated())
                        .map_err(zerr)?;
                    zip.write_all(&bytes)
                        .map_err(|e| ReportError::io(dest, e))?;
                }
                Entry::Media(path, file, key) => {
                    let mut src = open_media(&file, &key).map_err(|e| ReportError::io(&file, e))?;
                    let size = src.len();
                    zip.start_file(path, crate::package::stored(size))
                        .map_err(zerr)?;
                    std::io::copy(&mut src, &mut zip).map_err(|e| ReportError::io(&file, e))?;
                }
            }
        }
        zip.finish().map_err(zerr)?;
        Ok(())
    })?;
    Ok(n)
}

/// Share (the Share button): a bundle ZIP in the import layout holding just
/// these candidates — their interviewers, candidate objects, interview data,
/// extensions, recordings and résumés, exactly as imported — for a colleague
/// to import into their own Shortlist. Reviewer data (decisions, notes,
/// cohorts) stays here. Each shared id is written to the audit log.
pub fn share_bundle(ws: &Workspace, interview_ids: &[String], dest: &Path) -> ReportResult<usize> {
    if interview_ids.is_empty() {
        return Err(ReportError::Invalid(
            "choose at least one candidate to share".into(),
        ));
    }
    let mut by_posting: std::collections::BTreeMap<String, std::collections::HashSet<&str>> =
        Default::default();
    {
        let conn = ws.reader();
        let mut stmt = conn.prepare("SELECT posting_id FROM candidates WHERE interview_id = ?1")?;
        for id in interview_ids {
            let posting: String = stmt.query_row([id], |r| r.get(0)).map_err(|e| match e {
                rusqlite::Error::QueryReturnedNoRows => {
                    ReportError::Store(shortlist_core::StoreError::NoSuchInterview(id.clone()))
                }
                e => e.into(),
            })?;
            by_posting.entry(posting).or_default().insert(id.as_str());
        }
    }
    let mut entries = Vec::new();
    for (posting, ids) in &by_posting {
        entries.extend(bundle_entries(ws, posting, Some(ids))?);
    }
    let n = write_bundle_zip(dest, entries)?;
    for id in interview_ids {
        crate::record_export(ws, "export.share", id)?;
    }
    Ok(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn neutralises_formula_starts() {
        for s in ["=1+1", "+33 6", "-2", "@SUM(A1)", "\tx", "\rx"] {
            assert!(neutralise(s).starts_with('\''), "{s:?}");
        }
        for s in ["Ana", "", "1=1", " =x"] {
            assert_eq!(neutralise(s), s);
        }
    }

    #[test]
    fn relative_paths_only() {
        assert_eq!(
            safe_relative("media/a.webm").as_deref(),
            Some("media/a.webm")
        );
        assert_eq!(
            safe_relative("./media//a.webm").as_deref(),
            Some("media/a.webm")
        );
        assert_eq!(safe_relative("../x"), None);
        assert_eq!(safe_relative("/etc/passwd"), None);
        assert_eq!(safe_relative("C:\\x"), None);
    }
}
