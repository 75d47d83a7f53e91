//! Outputs from the UI (issue 4, SPEC F30–F35): pipeline report, candidate
//! PDF, report preview model, package ZIP (progress + cancel), CSV / JSON /
//! feedback exports. Thin: pick the destination, call `shortlist_report`.
//!
//! The UI never hands us a file-system path: each command opens the native
//! save dialog itself (`crate::dialogs`) and returns where it wrote
//! (`None` = the user cancelled).

use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};

use serde::{Deserialize, Serialize};
use shortlist_core::review::{Matching, Selection};
use shortlist_report::package::{write_package, PackageOptions, PackageProgress};
use shortlist_report::{export, pipeline, source, ReportModel, ReportOptions};
use tauri::{AppHandle, Emitter, State};

use crate::dialogs::pick_save;
use crate::error::{IpcError, IpcResult};
use crate::state::{with_ws, AppState};

/// One package at a time; `cancel_package` flips this.
static CANCEL: AtomicBool = AtomicBool::new(false);
static PACKAGING: AtomicBool = AtomicBool::new(false);

#[derive(Debug, Clone, Copy, Deserialize, PartialEq)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "lowercase")]
pub enum ExportKind {
    Csv,
    Json,
    Feedback,
}

/// Where a save went.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Saved {
    pub path: String,
    /// Rows / candidates / bytes, depending on the command.
    pub count: u64,
}

/// A file name (no directories) safe on every OS, with its extension.
pub fn suggested_name(stem: &str, ext: &str) -> String {
    let stem = shortlist_report::package::safe_name(stem);
    let stem = if stem.is_empty() {
        "shortlist".into()
    } else {
        stem
    };
    format!("{stem}.{ext}")
}

fn shown(p: &Path) -> String {
    p.display().to_string()
}

fn write_bytes(dest: &Path, bytes: &[u8]) -> IpcResult<()> {
    let dir = dest
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let fail = |e: std::io::Error| {
        IpcError::new(
            "io",
            format!(
                "cannot write {}: {e}; choose another folder",
                dest.display()
            ),
        )
    };
    let mut tmp = tempfile::NamedTempFile::new_in(dir).map_err(fail)?;
    std::io::Write::write_all(&mut tmp, bytes).map_err(fail)?;
    tmp.persist(dest).map_err(|e| fail(e.error))?;
    Ok(())
}

/// List-level Export CSV / JSON / Candidate Feedback CSV for an interviewer.
/// CSV: `columns` (the list's visible columns, in order; see
/// `export::CSV_COLUMNS`) of the ticked `interview_ids`, or of every match
/// of `matching` ("Select all N matching" or, with nothing ticked, everyone
/// in view); without either, every candidate of the interviewer. JSON: the
/// re-importable bundle ZIP by default (`export::JSON_EXPORT_EXT`; a name
/// ending in `.json` gives the single document).
#[tauri::command]
#[allow(clippy::too_many_arguments)]
pub async fn export_list<R: tauri::Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    posting_id: String,
    kind: ExportKind,
    title: String,
    columns: Option<Vec<String>>,
    interview_ids: Option<Vec<String>>,
    matching: Option<Matching>,
) -> IpcResult<Option<Saved>> {
    let (name, filter) = match kind {
        ExportKind::Csv => (suggested_name(&title, "csv"), ("CSV", &["csv"][..])),
        ExportKind::Json => (
            suggested_name(&title, export::JSON_EXPORT_EXT),
            (
                "Re-importable JSON bundle (.zip) or JSON document (.json)",
                &[export::JSON_EXPORT_EXT, "json"][..],
            ),
        ),
        ExportKind::Feedback => (
            suggested_name(&format!("{title} feedback"), "csv"),
            ("CSV", &["csv"][..]),
        ),
    };
    with_ws(&state, move |ws| {
        let Some(dest) = pick_save(&app, &name, filter)? else {
            return Ok(None);
        };
        // JSON: a name with neither extension becomes the ZIP bundle (not
        // a folder the dialog did not ask for).
        let dest = match (kind, dest.extension().and_then(|e| e.to_str())) {
            (ExportKind::Json, Some(e))
                if e.eq_ignore_ascii_case("zip") || e.eq_ignore_ascii_case("json") =>
            {
                dest
            }
            (ExportKind::Json, _) => dest.with_extension(export::JSON_EXPORT_EXT),
            _ => dest,
        };
        let n = match kind {
            ExportKind::Csv => {
                let ids = interview_ids.unwrap_or_default();
                let selection = match (&matching, ids.is_empty()) {
                    (Some(m), _) => Some(Selection::Matching(m)),
                    (None, false) => Some(Selection::Ids(&ids)),
                    (None, true) => None,
                };
                match (selection, columns) {
                    (Some(sel), Some(cols)) => {
                        export::export_csv_selection(ws, &sel, &cols, &posting_id, &dest)?
                    }
                    (Some(sel), None) => {
                        let cols: Vec<String> = export::CSV_COLUMNS
                            .iter()
                            .map(|(k, _)| k.to_string())
                            .collect();
                        export::export_csv_selection(ws, &sel, &cols, &posting_id, &dest)?
                    }
                    (None, cols) => export::export_csv(ws, &posting_id, cols.as_deref(), &dest)?,
                }
            }
            ExportKind::Json => export::export_json(ws, &posting_id, &dest)?,
            ExportKind::Feedback => export::export_feedback(ws, &posting_id, &dest)?,
        };
        Ok(Some(Saved {
            path: shown(&dest),
            count: n as u64,
        }))
    })
    .await
}

/// What Share puts in the bundle.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "snake_case", tag = "scope")]
pub enum ShareScope {
    /// These candidates (profile, or a selection in the list).
    Candidates { interview_ids: Vec<String> },
    /// Every candidate of an interviewer (the interviewer header).
    Interviewer { posting_id: String },
    /// Every candidate matching the list's filter ("Select all N matching").
    Matching { matching: Box<Matching> },
}

/// Share: a bundle ZIP in the import layout (data, recordings, résumés as
/// imported) that a colleague imports into their own Shortlist.
#[tauri::command]
pub async fn share_bundle<R: tauri::Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    scope: ShareScope,
    name: String,
) -> IpcResult<Option<Saved>> {
    let file = suggested_name(&format!("{name} shortlist bundle"), "zip");
    with_ws(&state, move |ws| {
        let Some(dest) = pick_save(&app, &file, ("Shortlist bundle", &["zip"]))? else {
            return Ok(None);
        };
        let dest = if dest
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("zip"))
        {
            dest
        } else {
            dest.with_extension("zip")
        };
        let n = match &scope {
            ShareScope::Candidates { interview_ids } => {
                export::share_bundle(ws, interview_ids, &dest)?
            }
            ShareScope::Interviewer { posting_id } => export::export_json(ws, posting_id, &dest)?,
            ShareScope::Matching { matching } => {
                let ids = crate::state::resolve(ws, Vec::new(), Some(matching.as_ref()))?;
                export::share_bundle(ws, &ids, &dest)?
            }
        };
        Ok(Some(Saved {
            path: shown(&dest),
            count: n as u64,
        }))
    })
    .await
}

/// List-level Download Report: the interviewer's pipeline report PDF.
#[tauri::command]
pub async fn pipeline_report<R: tauri::Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    posting_id: String,
    title: String,
    panel: Option<bool>,
) -> IpcResult<Option<Saved>> {
    let name = suggested_name(&format!("{title} pipeline report"), "pdf");
    with_ws(&state, move |ws| {
        let Some(dest) = pick_save(&app, &name, ("PDF", &["pdf"]))? else {
            return Ok(None);
        };
        let pdf = pipeline::pipeline_pdf_with(
            ws,
            &posting_id,
            Some(shortlist_core::store::now()),
            panel.unwrap_or(false),
        )?;
        write_bytes(&dest, &pdf)?;
        shortlist_report::record_export(ws, "export.pipeline_pdf", &posting_id)?;
        Ok(Some(Saved {
            path: shown(&dest),
            count: pdf.len() as u64,
        }))
    })
    .await
}

fn dated(mut opts: ReportOptions) -> ReportOptions {
    opts.generated_at = Some(shortlist_core::store::now());
    opts
}

/// Profile-level Download PDF with the report options.
#[tauri::command]
pub async fn candidate_pdf<R: tauri::Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    interview_id: String,
    options: ReportOptions,
    name: String,
) -> IpcResult<Option<Saved>> {
    let opts = dated(options);
    let file = suggested_name(&format!("{name} report"), "pdf");
    with_ws(&state, move |ws| {
        // Build first, so a bad option (Classic + non-English) fails before the dialog.
        let pdf = source::candidate_pdf(ws, &interview_id, &opts)?;
        let Some(dest) = pick_save(&app, &file, ("PDF", &["pdf"]))? else {
            return Ok(None);
        };
        write_bytes(&dest, &pdf)?;
        shortlist_report::record_export(ws, "export.report_pdf", &interview_id)?;
        Ok(Some(Saved {
            path: shown(&dest),
            count: pdf.len() as u64,
        }))
    })
    .await
}

/// View Report: the same model the PDF is drawn from, for the in-app preview.
#[tauri::command]
pub async fn report_preview(
    state: State<'_, AppState>,
    interview_id: String,
    options: ReportOptions,
) -> IpcResult<ReportModel> {
    let opts = dated(options);
    with_ws(&state, move |ws| {
        let data = source::load_candidate(ws, &interview_id)?;
        Ok(shortlist_report::model::build(&data, &opts)?)
    })
    .await
}

/// The résumé viewer's "Save file…": the candidate's original résumé as
/// the file itself (a PDF stays a PDF), named after the candidate.
#[tauri::command]
pub async fn save_resume<R: tauri::Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    interview_id: String,
    name: String,
) -> IpcResult<Option<Saved>> {
    with_ws(&state, move |ws| {
        let Some(original) = shortlist_report::package::original_file(ws, &interview_id, "resume")?
        else {
            return Err(IpcError::new(
                "not_found",
                format!("candidate `{interview_id}` has no résumé file in this workspace; import or sync the bundle that has it"),
            ));
        };
        let file = suggested_name(&format!("{name} résumé"), &original.ext);
        let label = original.ext.to_uppercase();
        let Some(dest) = pick_save(&app, &file, (&label, &[original.ext.as_str()]))? else {
            return Ok(None);
        };
        let bytes = shortlist_report::package::save_original(ws, &original, &dest)?;
        shortlist_report::record_export(ws, "export.resume", &interview_id)?;
        Ok(Some(Saved {
            path: shown(&dest),
            count: bytes,
        }))
    })
    .await
}

/// Package ZIP for one candidate or a selection; emits `package-progress`
/// events and stops early on `cancel_package`.
#[tauri::command]
pub async fn package_zip<R: tauri::Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    interview_ids: Vec<String>,
    options: PackageOptions,
    name: String,
    matching: Option<Matching>,
) -> IpcResult<Option<Saved>> {
    if interview_ids.is_empty() && matching.is_none() {
        return Err(IpcError::new("invalid_argument", "no candidate selected"));
    }
    let mut options = options;
    options.report = options.report.map(dated);
    let file = suggested_name(&name, "zip");
    with_ws(&state, move |ws| {
        let Some(dest) = pick_save(&app, &file, ("ZIP", &["zip"]))? else {
            return Ok(None);
        };
        if PACKAGING.swap(true, Ordering::SeqCst) {
            return Err(IpcError::new(
                "busy",
                "a package is already being written; wait for it or cancel it",
            ));
        }
        CANCEL.store(false, Ordering::SeqCst);
        let interview_ids = match crate::state::resolve(ws, interview_ids, matching.as_ref()) {
            Ok(ids) if !ids.is_empty() => ids,
            Ok(_) => {
                PACKAGING.store(false, Ordering::SeqCst);
                return Err(IpcError::new("invalid_argument", "no candidate matches"));
            }
            Err(e) => {
                PACKAGING.store(false, Ordering::SeqCst);
                return Err(e);
            }
        };
        let progress = |p: &PackageProgress| {
            let _ = app.emit("package-progress", p);
        };
        let result = write_package(ws, &interview_ids, &options, &dest, &progress, &CANCEL);
        PACKAGING.store(false, Ordering::SeqCst);
        let s = result?;
        Ok(Some(Saved {
            path: shown(&dest),
            count: s.candidates as u64,
        }))
    })
    .await
}

#[tauri::command]
pub fn cancel_package() -> bool {
    CANCEL.store(true, Ordering::SeqCst);
    PACKAGING.load(Ordering::SeqCst)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_safe_files() {
        let n = suggested_name("Sales / Q3: ../x", "csv");
        assert!(!n.contains('/') && !n.contains(':'), "{n}");
        assert!(n.ends_with(".csv"));
        assert!(suggested_name("", "zip").len() > ".zip".len());
    }

    #[test]
    fn export_kinds_parse_from_ui_strings() {
        let k: ExportKind = serde_json::from_str("\"feedback\"").unwrap();
        assert_eq!(k, ExportKind::Feedback);
        assert!(serde_json::from_str::<ExportKind>("\"xml\"").is_err());
    }

    #[test]
    fn package_options_from_ui_json() {
        let o: PackageOptions = serde_json::from_value(serde_json::json!({
            "report": {"style": "classic", "lang": "en", "chips": false,
                       "highlights": true, "lowlights": true, "transcript": false},
            "resume": true, "video": false, "audio": true,
            "transcript": true, "interview_json": true
        }))
        .unwrap();
        let r = o.report.unwrap();
        assert!(!r.chips && !r.transcript && !o.video);
        assert_eq!(r.style, shortlist_report::ReportStyle::Classic);
    }
}
