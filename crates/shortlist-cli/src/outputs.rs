//! Output subcommands (SPEC F36): `report`, `pipeline-report`, `package`,
//! `export csv|json|feedback`, `radar`. Thin wrappers over
//! `shortlist_report`; flags exactly as the spec spells them.

use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;

use anyhow::{bail, Context, Result};
use clap::{Args, Subcommand, ValueEnum};
use shortlist_core::Workspace;
use shortlist_report::package::{write_package, PackageOptions};
use shortlist_report::{export, pipeline, radar, source, ReportOptions, ReportStyle};

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum StyleArg {
    Modern,
    Classic,
}

/// The F30 report options, shared by `report` and `package`.
#[derive(Debug, Clone, Args)]
pub struct ReportFlags {
    /// Report style: modern (any script) or classic (English labels only).
    #[arg(long, value_enum, default_value = "modern")]
    pub style: StyleArg,
    /// Label language: en, es, fr, de, pt, ar, zh, ja (the transcript stays in the interview's language).
    #[arg(long, default_value = "en")]
    pub lang: String,
    /// Leave out the tag chips.
    #[arg(long)]
    pub no_chips: bool,
    /// Leave out the highlights.
    #[arg(long)]
    pub no_highlights: bool,
    /// Leave out the lowlights.
    #[arg(long)]
    pub no_lowlights: bool,
    /// Leave out the transcript.
    #[arg(long)]
    pub no_transcript: bool,
    /// Include the hiring panel (F73) as you may see it: blind until you
    /// submitted your evaluation, unless you lead.
    #[arg(long)]
    pub panel: bool,
}

impl ReportFlags {
    pub fn options(&self) -> ReportOptions {
        ReportOptions {
            style: match self.style {
                StyleArg::Modern => ReportStyle::Modern,
                StyleArg::Classic => ReportStyle::Classic,
            },
            lang: self.lang.clone(),
            chips: !self.no_chips,
            highlights: !self.no_highlights,
            lowlights: !self.no_lowlights,
            transcript: !self.no_transcript,
            generated_at: Some(shortlist_core::store::now()),
            panel: self.panel,
        }
    }
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ExportKind {
    /// Candidates and scores (RFC 4180, UTF-8 with BOM, formulas neutralised).
    Csv,
    /// API shapes: a bundle folder, a bundle .zip, or one .json document.
    Json,
    /// Candidate feedback: per-question scores and summaries, decisions, notes.
    Feedback,
}

#[derive(Debug, Clone, Subcommand)]
pub enum OutputCommand {
    /// Candidate report PDF.
    Report {
        interview_id: String,
        #[arg(short = 'o', long = "output", value_name = "OUT.pdf")]
        output: PathBuf,
        #[command(flatten)]
        flags: ReportFlags,
    },
    /// The interviewer's pipeline report PDF.
    PipelineReport {
        #[arg(long, value_name = "ID")]
        interviewer: String,
        #[arg(short = 'o', long = "output", value_name = "OUT.pdf")]
        output: PathBuf,
        /// Include the hiring panel of the top candidates (blind-safe: counts
        /// only where you submitted, or you lead).
        #[arg(long)]
        panel: bool,
    },
    /// ZIP with report, résumé, video, audio, transcript and interview JSON per candidate.
    Package {
        #[arg(required = true, value_name = "INTERVIEW_ID")]
        interview_ids: Vec<String>,
        #[arg(short = 'o', long = "output", value_name = "OUT.zip")]
        output: PathBuf,
        #[command(flatten)]
        flags: ReportFlags,
    },
    /// Export an interviewer's candidates.
    Export {
        #[arg(value_enum)]
        kind: ExportKind,
        #[arg(long, value_name = "ID")]
        interviewer: String,
        #[arg(short = 'o', long = "output", value_name = "OUT")]
        output: PathBuf,
    },
    /// Candidate vs Average radar as SVG or PNG (by the file extension).
    Radar {
        interview_id: String,
        #[arg(short = 'o', long = "output", value_name = "OUT.svg|OUT.png")]
        output: PathBuf,
    },
}

fn write_file(path: &Path, bytes: &[u8]) -> Result<()> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let mut tmp = tempfile::NamedTempFile::new_in(dir)
        .with_context(|| format!("cannot write in {}", dir.display()))?;
    std::io::Write::write_all(&mut tmp, bytes)
        .with_context(|| format!("cannot write {}", path.display()))?;
    tmp.persist(path)
        .with_context(|| format!("cannot write {}", path.display()))?;
    Ok(())
}

fn human(bytes: u64) -> String {
    match bytes {
        b if b >= 1 << 30 => format!("{:.1} GiB", b as f64 / (1u64 << 30) as f64),
        b if b >= 1 << 20 => format!("{:.1} MiB", b as f64 / (1u64 << 20) as f64),
        b if b >= 1 << 10 => format!("{:.1} KiB", b as f64 / 1024.0),
        b => format!("{b} B"),
    }
}

/// Run one output command; prints one summary line on success.
pub fn run(ws: &Workspace, cmd: &OutputCommand) -> Result<()> {
    match cmd {
        OutputCommand::Report {
            interview_id,
            output,
            flags,
        } => {
            let pdf = source::candidate_pdf(ws, interview_id, &flags.options())?;
            write_file(output, &pdf)?;
            shortlist_report::record_export(ws, "export.report_pdf", interview_id)?;
            outln!("wrote {} ({})", output.display(), human(pdf.len() as u64));
        }
        OutputCommand::PipelineReport {
            interviewer,
            output,
            panel,
        } => {
            let pdf = pipeline::pipeline_pdf_with(
                ws,
                interviewer,
                Some(shortlist_core::store::now()),
                *panel,
            )?;
            write_file(output, &pdf)?;
            shortlist_report::record_export(ws, "export.pipeline_pdf", interviewer)?;
            outln!("wrote {} ({})", output.display(), human(pdf.len() as u64));
        }
        OutputCommand::Package {
            interview_ids,
            output,
            flags,
        } => {
            let opts = PackageOptions {
                report: Some(flags.options()),
                ..Default::default()
            };
            let cancel = AtomicBool::new(false);
            let progress = |_: &shortlist_report::package::PackageProgress| {};
            let s = write_package(ws, interview_ids, &opts, output, &progress, &cancel)?;
            outln!(
                "wrote {}: {} candidate(s), {} file(s), {}",
                output.display(),
                s.candidates,
                s.entries,
                human(s.bytes)
            );
        }
        OutputCommand::Export {
            kind,
            interviewer,
            output,
        } => {
            let n = match kind {
                ExportKind::Csv => export::export_csv(ws, interviewer, None, output)?,
                ExportKind::Json => export::export_json(ws, interviewer, output)?,
                ExportKind::Feedback => export::export_feedback(ws, interviewer, output)?,
            };
            let what = if matches!(kind, ExportKind::Feedback) {
                "row(s)"
            } else {
                "candidate(s)"
            };
            outln!("wrote {}: {n} {what}", output.display());
        }
        OutputCommand::Radar {
            interview_id,
            output,
        } => {
            let (svg, model) = source::radar_for_candidate(ws, interview_id)?;
            let ext = output
                .extension()
                .and_then(|e| e.to_str())
                .map(|e| e.to_ascii_lowercase());
            let bytes = match ext.as_deref() {
                Some("svg") => svg.into_bytes(),
                Some("png") => radar::svg_to_png(&svg, 2.0)?,
                _ => bail!(
                    "radar output must end in .svg or .png, got {}",
                    output.display()
                ),
            };
            write_file(output, &bytes)?;
            outln!(
                "wrote {}: {} axes, average over {} completed candidate(s){}",
                output.display(),
                model.axes.len(),
                model.n,
                if model.small_n_note.is_some() {
                    " (small N: rough guide)"
                } else {
                    ""
                }
            );
        }
    }
    Ok(())
}
