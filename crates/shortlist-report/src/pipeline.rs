//! Pipeline report (SPEC F31, the list-level "Download Report"): counts per
//! status and stage, funnel, score distribution, averages, top candidates.
//! `PipelineModel` is data; [`render`] lays it out with the same layer and
//! theme as the candidate report.

use std::rc::Rc;

use krilla::metadata::Metadata;
use krilla::Document;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use serde::Serialize;
use shortlist_core::review::{self, CandidateQuery, HistogramBin, SortKey};
use shortlist_core::Workspace;

use crate::error::{ReportError, ReportResult};
use crate::fonts;
use crate::layout::{render_pages, Op, Row};
use crate::model::{date, ReportStyle};
use crate::pdf::{fmt, page_decor, pdf_date, with_engine, Composer};
use crate::text::{Align, Rgb, TextStyle};
use crate::theme::Theme;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TopCandidate {
    pub interview_id: String,
    pub name: String,
    pub status: String,
    pub score: Option<f64>,
    pub resume_score: Option<f64>,
    pub video_score: Option<f64>,
    pub speech_score: Option<f64>,
    /// The panel column as the workspace's reviewer may see it (F73): the
    /// counts once they submitted (or lead), else only their own state.
    pub panel: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PipelineModel {
    pub posting_id: String,
    pub title: String,
    pub slug: Option<String>,
    pub status: String,
    pub interviewer_name: Option<String>,
    pub created: Option<String>,
    pub deadline: Option<String>,
    pub report_date: String,
    /// `(status, count)` in pipeline order.
    pub by_status: Vec<(String, i64)>,
    pub total: i64,
    /// `(stage, started, completed, knocked out, average score %)`.
    pub funnel: Vec<(String, i64, i64, i64, Option<f64>)>,
    pub histogram: Vec<HistogramBin>,
    pub completion_rate: f64,
    /// The headline tiles, as the core defines them (the same as Analytics).
    pub key_figures: Vec<shortlist_core::review::KeyFigure>,
    /// `(label, percent, raw)`.
    pub averages: Vec<(String, Option<f64>, Option<String>)>,
    pub top: Vec<TopCandidate>,
    /// Show the panel summary of the top candidates.
    pub show_panel: bool,
}

fn stage_name(kind: &str) -> String {
    match kind {
        "resume" => "Résumé screening".into(),
        "web_interview" => "Video interview".into(),
        "conversational_sms" => "SMS screening".into(),
        "form" => "Form".into(),
        other => other.replace('_', " "),
    }
}

fn status_name(s: &str) -> String {
    crate::i18n::Labels::new("en")
        .map(|l| l.status(s))
        .unwrap_or_else(|_| s.to_string())
}

/// Build the pipeline model; `generated_at` (Unix seconds) is the report
/// date, else the latest activity in the pipeline.
pub fn build(
    ws: &Workspace,
    posting_id: &str,
    generated_at: Option<f64>,
    top_n: usize,
) -> ReportResult<PipelineModel> {
    build_with(ws, posting_id, generated_at, top_n, false)
}

/// The panel cell of a list row: what the core put in it (blind-safe).
fn panel_text(r: &review::CandidateRow) -> String {
    if let Some(p) = &r.panel {
        return if p.label.is_empty() {
            "no evaluations".into()
        } else {
            p.label.clone()
        };
    }
    let mine = match &r.my_evaluation {
        None => "you: not rated".to_string(),
        Some(m) => format!(
            "you: {}{}",
            m.recommendation.map(|r| r.label()).unwrap_or("no decision"),
            if m.submitted { "" } else { " (draft)" }
        ),
    };
    format!("{mine}; others hidden until you submit")
}

/// [`build`] with the panel summary of the top candidates (`show_panel`).
pub fn build_with(
    ws: &Workspace,
    posting_id: &str,
    generated_at: Option<f64>,
    top_n: usize,
    show_panel: bool,
) -> ReportResult<PipelineModel> {
    let a = review::interviewer_analytics(ws, posting_id)?;
    if a.summary.counts.total == 0 {
        return Err(ReportError::EmptyPipeline(posting_id.to_string()));
    }
    let c = &a.summary.counts;
    let by_status = vec![
        ("pending", c.pending),
        ("in_progress", c.in_progress),
        ("evaluating", c.evaluating),
        ("completed", c.completed),
        ("knocked_out", c.knocked_out),
        ("shortlisted", c.shortlisted),
        ("dismissed", c.dismissed),
    ]
    .into_iter()
    .map(|(s, n)| (status_name(s), n))
    .collect();
    let page = review::list_candidates(
        ws,
        &CandidateQuery {
            posting_id: Some(posting_id.to_string()),
            sort: SortKey::Score,
            descending: true,
            limit: 0,
            ..Default::default()
        },
    )?;
    let latest = page
        .rows
        .iter()
        .filter_map(|r| r.last_engaged.or(r.interviewed_at))
        .fold(0.0, f64::max);
    let mut scored: Vec<_> = page.rows.iter().filter(|r| r.score.is_some()).collect();
    scored.sort_by(|x, y| {
        y.score
            .partial_cmp(&x.score)
            .unwrap_or(std::cmp::Ordering::Equal)
            .then_with(|| x.name.cmp(&y.name))
    });
    let top = scored
        .into_iter()
        .take(top_n)
        .map(|r| TopCandidate {
            interview_id: r.interview_id.clone(),
            name: r.name.clone(),
            status: status_name(&r.status),
            score: r.score,
            resume_score: r.resume_score,
            video_score: r.video_score,
            speech_score: r.speech_score,
            panel: panel_text(r),
        })
        .collect();
    let s = &a.summary;
    Ok(PipelineModel {
        posting_id: s.id.clone(),
        title: s.title.clone(),
        slug: s.slug.clone(),
        status: s.status.clone(),
        interviewer_name: s.interviewer_name.clone(),
        created: s.created_at.map(date),
        deadline: s.deadline.map(date),
        report_date: date(generated_at.unwrap_or(latest)),
        by_status,
        total: c.total,
        funnel: a
            .funnel
            .iter()
            .map(|f| {
                (
                    stage_name(&f.kind),
                    f.started,
                    f.completed,
                    f.knocked_out,
                    f.avg_score_pct,
                )
            })
            .collect(),
        histogram: a.score_histogram.clone(),
        completion_rate: a.completion_rate,
        key_figures: a.key_figures.clone(),
        averages: vec![
            (
                "Overall".into(),
                a.avg_score,
                a.avg_score.map(|v| format!("{} / 100", fmt(v.round()))),
            ),
            (
                "Résumé".into(),
                a.avg_resume_score,
                a.avg_resume_score
                    .map(|v| format!("{} / 100", fmt(v.round()))),
            ),
            (
                "Video interview".into(),
                a.avg_video_score,
                a.avg_video_score
                    .map(|v| format!("{} / 100", fmt(v.round()))),
            ),
            (
                "Communication".into(),
                a.avg_speech_score.map(shortlist_core::scoring::speech_pct),
                a.avg_speech_score.map(|v| format!("{:.1} / 5", v)),
            ),
        ],
        top,
        show_panel,
    })
}

/// Score distribution histogram (10-point bins) as SVG.
pub fn histogram_svg(bins: &[HistogramBin], accent: Rgb, family: &str) -> ReportResult<String> {
    let (w, h) = (640u32, 260u32);
    let mut out = String::new();
    {
        let root = SVGBackend::with_string(&mut out, (w, h)).into_drawing_area();
        let fam = std::iter::once(family)
            .chain(fonts::FALLBACKS)
            .collect::<Vec<_>>()
            .join(", ");
        let top = bins.iter().map(|b| b.count).max().unwrap_or(0).max(1);
        // Whole-number ticks: 4 or fewer steps up to the first tick >= the tallest bar.
        let step = ((top + 3) / 4).max(1);
        let steps = (top + step - 1) / step;
        let max = step * steps;
        let (l, r, t, b) = (40i32, 10i32, 14i32, 34i32);
        let pw = w as i32 - l - r;
        let ph = h as i32 - t - b;
        let grid = RGBColor(0xE3, 0xE7, 0xEE);
        let text = RGBColor(0x5B, 0x65, 0x76);
        let font = (fam.as_str(), 13.0).into_font().color(&text);
        let draw = || -> Result<(), DrawingAreaErrorKind<std::io::Error>> {
            for i in 0..=steps {
                let v = i * step;
                let y = t + ph - (ph as f64 * i as f64 / steps as f64) as i32;
                root.draw(&PathElement::new(
                    vec![(l, y), (l + pw, y)],
                    grid.stroke_width(1),
                ))?;
                root.draw(&Text::new(
                    v.to_string(),
                    (l - 6, y),
                    font.clone().pos(Pos::new(HPos::Right, VPos::Center)),
                ))?;
            }
            let n = bins.len().max(1) as i32;
            let bw = pw / n;
            let color = RGBColor(accent.0, accent.1, accent.2);
            for (i, bin) in bins.iter().enumerate() {
                let x0 = l + i as i32 * bw + 4;
                let x1 = l + (i as i32 + 1) * bw - 4;
                let bh = (ph as f64 * bin.count as f64 / max as f64) as i32;
                if bin.count > 0 {
                    root.draw(&Rectangle::new(
                        [(x0, t + ph - bh), (x1, t + ph)],
                        color.filled(),
                    ))?;
                    root.draw(&Text::new(
                        bin.count.to_string(),
                        ((x0 + x1) / 2, t + ph - bh - 3),
                        font.clone().pos(Pos::new(HPos::Center, VPos::Bottom)),
                    ))?;
                }
                root.draw(&Text::new(
                    format!("{}–{}", bin.from as i64, bin.to as i64),
                    ((x0 + x1) / 2, t + ph + 8),
                    font.clone().pos(Pos::new(HPos::Center, VPos::Top)),
                ))?;
            }
            root.draw(&PathElement::new(
                vec![(l, t + ph), (l + pw, t + ph)],
                text.stroke_width(1),
            ))?;
            root.present()?;
            Ok(())
        };
        draw().map_err(|e| ReportError::Chart(e.to_string()))?;
    }
    Ok(out)
}

/// Lay the pipeline report out as PDF.
pub fn render(m: &PipelineModel) -> ReportResult<Vec<u8>> {
    with_engine(|eng| {
        let t = Theme::for_style(ReportStyle::Modern);
        let mut c = Composer::new(eng, t);
        let left = c.flow.left();
        let w = c.flow.width();

        let k = c.text("PIPELINE REPORT", t.label().size(8.0).color(t.accent), w);
        c.flow.push(Op::text(&k, left, c.flow.y));
        c.flow.y += k.height() + 3.0;
        let h = c.text(&m.title, t.h1(), w);
        c.flow.push(Op::text(&h, left, c.flow.y));
        c.flow.y += h.height() + 2.0;
        let mut sub = vec![];
        if let Some(s) = &m.slug {
            sub.push(s.clone());
        }
        sub.push(format!("Status: {}", m.status));
        if let Some(n) = &m.interviewer_name {
            sub.push(format!("Interviewer: {n}"));
        }
        if let Some(d) = &m.created {
            sub.push(format!("Created {d}"));
        }
        if let Some(d) = &m.deadline {
            sub.push(format!("Deadline {d}"));
        }
        sub.push(format!("Report date {}", m.report_date));
        let s = c.text(&sub.join("  ·  "), t.body().color(t.muted), w);
        c.flow.push(Op::text(&s, left, c.flow.y));
        c.flow.y += s.height() + 14.0;

        // KPI tiles: the core's key figures, as in Analytics.
        let tiles: Vec<(String, String)> = m
            .key_figures
            .iter()
            .take(5)
            .map(|f| (f.label.clone(), f.display.clone()))
            .collect();
        let gap = 8.0;
        let tw = (w - gap * 4.0) / 5.0;
        let th = 54.0;
        for (i, (label, value)) in tiles.iter().enumerate() {
            let x = left + i as f32 * (tw + gap);
            c.flow.push(Op::Rect {
                x,
                y: c.flow.y,
                w: tw,
                h: th,
                fill: t.panel,
                radius: 6.0,
            });
            let v = c.text_aligned(
                value,
                TextStyle::new(t.family, 18.0, t.ink).bold().leading(1.1),
                tw - 16.0,
                Align::Left,
            );
            let l = c.text_aligned(
                &label.to_uppercase(),
                t.label().size(6.8),
                tw - 16.0,
                Align::Left,
            );
            c.flow.push(Op::text(&l, x + 9.0, c.flow.y + 9.0));
            c.flow
                .push(Op::text(&v, x + 9.0, c.flow.y + 12.0 + l.height()));
        }
        c.flow.y += th + 4.0;
        if let Some(f) = m.key_figures.iter().find(|f| f.key == "completion_rate") {
            let note = c.text(
                &format!("{}: {}", f.label, f.definition),
                t.body().size(7.5).color(t.muted),
                w,
            );
            c.flow.push(Op::text(&note, left, c.flow.y));
            c.flow.y += note.height() + 4.0;
        }

        // Status counts.
        c.heading("Candidates by status", 120.0);
        let max = m
            .by_status
            .iter()
            .map(|(_, n)| *n)
            .max()
            .unwrap_or(1)
            .max(1);
        for (name, n) in &m.by_status {
            let lb = c.text(name, t.body(), 130.0);
            let vb = c.text_aligned(&n.to_string(), t.strong(), 40.0, Align::Right);
            let share = c.text_aligned(
                &format!(
                    "{}%",
                    (*n as f64 / m.total.max(1) as f64 * 100.0).round() as i64
                ),
                t.small(),
                40.0,
                Align::Right,
            );
            let rh = lb.height() + 5.0;
            c.flow.ensure(rh);
            let y = c.flow.y;
            c.flow.push(Op::text(&lb, left, y + 2.0));
            let bx = left + 136.0;
            let bw = w - 136.0 - 100.0;
            c.flow.push(Op::Rect {
                x: bx,
                y: y + rh / 2.0 - 3.5,
                w: bw,
                h: 7.0,
                fill: Rgb(0xEC, 0xEF, 0xF5),
                radius: 3.5,
            });
            if *n > 0 {
                c.flow.push(Op::Rect {
                    x: bx,
                    y: y + rh / 2.0 - 3.5,
                    w: (bw * *n as f32 / max as f32).max(7.0),
                    h: 7.0,
                    fill: t.accent,
                    radius: 3.5,
                });
            }
            c.flow.push(Op::text(&vb, bx + bw + 8.0, y + 2.0));
            c.flow.push(Op::text(&share, bx + bw + 52.0, y + 3.0));
            c.flow.y += rh + 2.0;
        }

        // Funnel.
        if !m.funnel.is_empty() {
            c.heading("Funnel by stage", 60.0);
            let widths = vec![w - 4.0 * 78.0, 78.0, 78.0, 78.0, 78.0];
            let ts = c.table_style(widths.clone());
            let hs = t.label();
            let header = Row {
                cells: [
                    "Stage",
                    "Started",
                    "Completed",
                    "Knocked out",
                    "Average score",
                ]
                .iter()
                .enumerate()
                .map(|(i, s)| {
                    c.text_aligned(
                        s,
                        hs,
                        widths[i] - 10.0,
                        if i == 0 { Align::Left } else { Align::Right },
                    )
                })
                .collect(),
                fill: None,
            };
            let rows: Vec<Row> = m
                .funnel
                .iter()
                .map(|(stage, started, completed, ko, avg)| {
                    let cells = [
                        stage.clone(),
                        started.to_string(),
                        format!(
                            "{} ({}%)",
                            completed,
                            (*completed as f64 / (*started).max(1) as f64 * 100.0).round() as i64
                        ),
                        ko.to_string(),
                        avg.map(|v| format!("{}%", v.round() as i64))
                            .unwrap_or_else(|| "–".into()),
                    ];
                    Row {
                        cells: cells
                            .iter()
                            .enumerate()
                            .map(|(i, s)| {
                                let st = if i == 0 { t.strong() } else { t.body() };
                                c.text_aligned(
                                    s,
                                    st,
                                    widths[i] - 10.0,
                                    if i == 0 { Align::Left } else { Align::Right },
                                )
                            })
                            .collect(),
                        fill: None,
                    }
                })
                .collect();
            c.flow.table(Some(&header), &rows, &ts);
        }

        // Histogram.
        c.heading("Score distribution (overall score, %)", 190.0);
        let svg = histogram_svg(&m.histogram, t.accent, t.family)?;
        let tree = crate::radar::parse_svg(&svg)?;
        let hh = w * tree.size().height() / tree.size().width();
        c.flow.ensure(hh);
        c.flow.push(Op::Svg {
            tree: Rc::new(tree),
            x: left,
            y: c.flow.y,
            w,
            h: hh,
        });
        c.flow.y += hh + 4.0;

        // Averages.
        c.heading("Averages", 80.0);
        for (label, pct, raw) in &m.averages {
            let lb = c.text(label, t.body(), 124.0);
            let vb = c.text_aligned(
                &pct.map(|v| format!("{}%", v.round() as i64))
                    .unwrap_or_else(|| "–".into()),
                t.strong(),
                40.0,
                Align::Right,
            );
            let rb = c.text_aligned(raw.as_deref().unwrap_or(""), t.small(), 60.0, Align::Right);
            let rh = lb.height() + 6.0;
            c.flow.ensure(rh);
            let y = c.flow.y;
            c.flow.push(Op::text(&lb, left, y + 3.0));
            let bx = left + 130.0;
            let bw = w - 130.0 - 120.0;
            c.flow.push(Op::Rect {
                x: bx,
                y: y + rh / 2.0 - 3.5,
                w: bw,
                h: 7.0,
                fill: Rgb(0xEC, 0xEF, 0xF5),
                radius: 3.5,
            });
            if let Some(p) = pct.filter(|p| *p > 0.0) {
                c.flow.push(Op::Rect {
                    x: bx,
                    y: y + rh / 2.0 - 3.5,
                    w: (bw * p as f32 / 100.0).max(7.0),
                    h: 7.0,
                    fill: t.accent,
                    radius: 3.5,
                });
            }
            c.flow.push(Op::text(&vb, bx + bw + 8.0, y + 3.0));
            c.flow.push(Op::text(&rb, bx + bw + 56.0, y + 4.0));
            c.flow.y += rh + 3.0;
        }

        // Top candidates.
        if !m.top.is_empty() {
            c.heading("Top candidates", 60.0);
            let widths = vec![
                24.0,
                w - 24.0 - 86.0 - 4.0 * 54.0,
                86.0,
                54.0,
                54.0,
                54.0,
                54.0,
            ];
            let ts = c.table_style(widths.clone());
            let hs = t.label();
            let heads = [
                "#",
                "Candidate",
                "Status",
                "Overall",
                "Résumé",
                "Video",
                "Comm.",
            ];
            let header = Row {
                cells: heads
                    .iter()
                    .enumerate()
                    .map(|(i, s)| {
                        c.text_aligned(
                            s,
                            hs,
                            widths[i] - 10.0,
                            if i < 3 { Align::Left } else { Align::Right },
                        )
                    })
                    .collect(),
                fill: None,
            };
            let pct = |v: Option<f64>| {
                v.map(|v| format!("{}%", v.round() as i64))
                    .unwrap_or_else(|| "–".into())
            };
            let rows: Vec<Row> = m
                .top
                .iter()
                .enumerate()
                .map(|(i, r)| {
                    let cells = [
                        (i + 1).to_string(),
                        r.name.clone(),
                        r.status.clone(),
                        pct(r.score),
                        pct(r.resume_score),
                        pct(r.video_score),
                        r.speech_score
                            .map(|v| format!("{v:.1}/5"))
                            .unwrap_or_else(|| "–".into()),
                    ];
                    Row {
                        cells: cells
                            .iter()
                            .enumerate()
                            .map(|(j, s)| {
                                let st = if j == 1 {
                                    t.strong()
                                } else if j == 0 {
                                    t.small()
                                } else {
                                    t.body()
                                };
                                let a = if j == 1 {
                                    Align::Start
                                } else if j < 3 {
                                    Align::Left
                                } else {
                                    Align::Right
                                };
                                c.text_aligned(s, st, widths[j] - 10.0, a)
                            })
                            .collect(),
                        fill: (i % 2 == 1).then_some(Rgb(0xFA, 0xFB, 0xFD)),
                    }
                })
                .collect();
            c.flow.table(Some(&header), &rows, &ts);
        }

        // Hiring panel of the top candidates (blind-safe: see `panel_text`).
        if m.show_panel && !m.top.is_empty() {
            c.heading("Hiring panel (top candidates)", 60.0);
            let widths = vec![w * 0.4, w * 0.6];
            let ts = c.table_style(widths.clone());
            let rows: Vec<Row> = m
                .top
                .iter()
                .map(|r| Row {
                    cells: vec![
                        c.text(&r.name, t.strong(), widths[0] - 10.0),
                        c.text(&r.panel, t.body(), widths[1] - 10.0),
                    ],
                    fill: None,
                })
                .collect();
            c.flow.table(None, &rows, &ts);
        }

        let pages = std::mem::take(&mut c.flow.pages);
        let mut doc = Document::new();
        let title = m.title.clone();
        render_pages(&mut doc, &pages, |i, n| {
            page_decor(
                c.eng,
                &t,
                "Shortlist · Pipeline report",
                &title,
                "Confidential: for hiring decisions only",
                &format!("Page {} of {}", i + 1, n),
                false,
            )
        });
        let mut meta = Metadata::new()
            .title(format!("Pipeline report — {}", m.title))
            .authors(vec!["Shortlist".to_string()])
            .creator("Shortlist".to_string())
            .language("en".to_string());
        if let Some(dt) = pdf_date(&m.report_date) {
            meta = meta.creation_date(dt);
        }
        doc.set_metadata(meta);
        doc.finish().map_err(|e| ReportError::Pdf(format!("{e:?}")))
    })
}

/// Build and render in one go.
pub fn pipeline_pdf(
    ws: &Workspace,
    posting_id: &str,
    generated_at: Option<f64>,
) -> ReportResult<Vec<u8>> {
    render(&build(ws, posting_id, generated_at, 10)?)
}

/// [`pipeline_pdf`] with the panel summary of the top candidates.
pub fn pipeline_pdf_with(
    ws: &Workspace,
    posting_id: &str,
    generated_at: Option<f64>,
    show_panel: bool,
) -> ReportResult<Vec<u8>> {
    render(&build_with(ws, posting_id, generated_at, 10, show_panel)?)
}
