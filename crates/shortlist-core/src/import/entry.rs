//! The import's entry points: a bundle folder or `.zip`, or a candidates
//! `.csv`, each run through the same write ([`super::run`]).

use std::io::Read;
use std::path::Path;

use super::error::{ImportError, Problem};
use super::source::{self};
use super::{csv, parse};

use super::collect::{file_stem, parse_all, Collected, InterviewDocs};
use super::run::run;
use super::types::{ImportOptions, ImportPhase, ImportProgress, ImportSummary};
use crate::model::Candidate;
use crate::store::Workspace;

/// Import a bundle folder, a bundle `.zip` or a candidates `.csv` into `ws`.
pub fn import_path(
    ws: &Workspace,
    path: &Path,
    progress: &dyn Fn(ImportProgress),
) -> Result<ImportSummary, ImportError> {
    import_path_with(ws, path, &ImportOptions::default(), progress)
}

/// [`import_path`] with limits and a cancel flag.
pub fn import_path_with(
    ws: &Workspace,
    path: &Path,
    opts: &ImportOptions<'_>,
    progress: &dyn Fn(ImportProgress),
) -> Result<ImportSummary, ImportError> {
    let meta = std::fs::metadata(path).map_err(|source| ImportError::Unreadable {
        path: path.to_path_buf(),
        source,
    })?;
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    if meta.is_file() && ext == "csv" {
        return import_csv(ws, path, opts, progress);
    }
    if meta.is_file() && ext == "json" {
        return import_export_document(ws, path, opts, progress);
    }
    if !meta.is_dir() && !(meta.is_file() && (ext == "zip" || looks_like_zip(path))) {
        return Err(ImportError::Unsupported {
            path: path.to_path_buf(),
        });
    }
    let mut problems = Vec::new();
    progress(ImportProgress {
        phase: ImportPhase::Reading,
        done: 0,
        total: 0,
    });
    let bundle = source::open_bundle(
        path,
        ws.media_key(),
        &opts.limits,
        opts.cancel,
        &mut problems,
        &mut |done, total| {
            progress(ImportProgress {
                phase: ImportPhase::Reading,
                done,
                total,
            })
        },
    )?;
    import_bundle(ws, bundle, problems, opts, progress)
}

/// The single-file JSON export (SPEC F34): cut into a bundle's documents,
/// then imported as a bundle.
fn import_export_document(
    ws: &Workspace,
    path: &Path,
    opts: &ImportOptions<'_>,
    progress: &dyn Fn(ImportProgress),
) -> Result<ImportSummary, ImportError> {
    let label = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string());
    progress(ImportProgress {
        phase: ImportPhase::Reading,
        done: 0,
        total: 1,
    });
    // One document holds every interview: allowed up to the total limit.
    let limit = opts.limits.max_total_bytes;
    let unreadable = |source| ImportError::Unreadable {
        path: path.to_path_buf(),
        source,
    };
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .map_err(unreadable)?
        .take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(unreadable)?;
    if bytes.len() as u64 > limit {
        return Err(ImportError::Invalid {
            problems: vec![Problem::file(
                label,
                format!(
                    "larger than the {} import limit; export the interviewer as a .zip bundle instead",
                    source::human(limit)
                ),
            )],
        });
    }
    let docs = parse::split_export_document(&label, &bytes)
        .map_err(|problems| ImportError::Invalid { problems })?;
    drop(bytes);
    let bundle = source::Bundle::from_documents(label, docs);
    import_bundle(ws, bundle, Vec::new(), opts, progress)
}

fn import_bundle(
    ws: &Workspace,
    mut bundle: source::Bundle,
    mut problems: Vec<Problem>,
    opts: &ImportOptions<'_>,
    progress: &dyn Fn(ImportProgress),
) -> Result<ImportSummary, ImportError> {
    // Interview documents (nearly all of a bundle) are parsed while the
    // write runs; the lists, postings and extensions first.
    let (mut interview_docs, json): (InterviewDocs, InterviewDocs) =
        std::mem::take(&mut bundle.json)
            .into_iter()
            .partition(|(name, _)| name.starts_with("interviews/"));
    interview_docs.sort_by(|a, b| {
        file_stem(&a.0)
            .cmp(file_stem(&b.0))
            .then_with(|| a.0.cmp(&b.0))
    });
    let docs = parse_all(
        json,
        &bundle.counter(&opts.limits, opts.cancel),
        opts.cancel,
        progress,
    )?;
    let mut collected = Collected::default();
    for (name, doc) in docs {
        match doc {
            Ok(doc) => collected.add(&name, doc, &mut problems),
            Err(mut p) => problems.append(&mut p),
        }
    }
    run(
        ws,
        collected,
        interview_docs,
        Some(&bundle),
        problems,
        opts,
        progress,
    )
}

pub(crate) fn looks_like_zip(path: &Path) -> bool {
    let mut head = [0u8; 4];
    std::fs::File::open(path)
        .and_then(|mut f| f.read_exact(&mut head))
        .map(|_| head == *b"PK\x03\x04" || head == *b"PK\x05\x06")
        .unwrap_or(false)
}

pub(crate) fn import_csv(
    ws: &Workspace,
    path: &Path,
    opts: &ImportOptions<'_>,
    progress: &dyn Fn(ImportProgress),
) -> Result<ImportSummary, ImportError> {
    let file_label = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string());
    progress(ImportProgress {
        phase: ImportPhase::Reading,
        done: 0,
        total: 1,
    });
    let file = std::fs::File::open(path).map_err(|source| ImportError::Unreadable {
        path: path.to_path_buf(),
        source,
    })?;
    let mut bytes = Vec::new();
    file.take(opts.limits.max_json_bytes + 1)
        .read_to_end(&mut bytes)
        .map_err(|source| ImportError::Unreadable {
            path: path.to_path_buf(),
            source,
        })?;
    if bytes.len() as u64 > opts.limits.max_json_bytes {
        return Err(ImportError::Invalid {
            problems: vec![Problem::file(
                file_label,
                format!(
                    "larger than the {} limit for a CSV file; split it",
                    source::human(opts.limits.max_json_bytes)
                ),
            )],
        });
    }
    progress(ImportProgress {
        phase: ImportPhase::Parsing,
        done: 0,
        total: 1,
    });
    let rows = csv::parse_csv_named(&file_label, &bytes)
        .map_err(|problems| ImportError::Invalid { problems })?;
    let postings: Vec<String> = {
        let conn = ws.reader();
        let mut st = conn.prepare("SELECT id FROM postings ORDER BY id")?;
        let ids = st.query_map([], |r| r.get::<_, String>(0))?;
        ids.collect::<Result<_, _>>()?
    };
    let mut problems = Vec::new();
    let mut collected = Collected::default();
    for row in &rows {
        let record = format!("row {}", row.line);
        let pid = match (&row.posting_id, postings.as_slice()) {
            (Some(p), _) => p.clone(),
            (None, [only]) => only.clone(),
            (None, all) => {
                problems.push(Problem::record(
                    &file_label,
                    record,
                    Some("posting_id".into()),
                    format!(
                        "no posting_id, and the workspace has {} interviewers; add a posting_id column",
                        all.len()
                    ),
                ));
                continue;
            }
        };
        if !postings.contains(&pid) {
            problems.push(Problem::record(
                &file_label,
                record,
                Some("posting_id".into()),
                format!("posting `{pid}` is not in the workspace; import its bundle first"),
            ));
            continue;
        }
        let obj = row.to_candidate_json(&pid);
        match parse::typed::<Candidate>(&file_label, obj, row.line as usize, "interview_id") {
            Ok(item) => {
                let id = item.typed.interview_id.clone();
                match collected.candidates.get(&id) {
                    Some((_, other))
                        if other.hash != item.hash
                            && !parse::same_content(&other.raw_text, &item.raw_text) =>
                    {
                        problems.push(Problem::record(
                        &file_label,
                        record,
                        Some("interview_id".into()),
                        format!(
                            "interview `{id}` appears on row {} with different values; keep one row per candidate",
                            other.index
                        ),
                    ))
                    }
                    Some(_) => {}
                    None => {
                        collected.candidates.insert(id, (file_label.clone(), Box::new(item)));
                    }
                }
            }
            Err(mut p) => problems.append(&mut p),
        }
    }
    run(ws, collected, Vec::new(), None, problems, opts, progress)
}
