//! The candidate report PDF: lays out a [`ReportModel`] (nothing is decided
//! here that the model does not say).

use std::rc::Rc;

use krilla::metadata::{DateTime, Metadata};
use krilla::Document;

use crate::error::{ReportError, ReportResult};
use crate::layout::{mirror, render_pages, Flow, Op, Row, TableStyle, PAGE_H, PAGE_W};
use crate::model::ReportModel;
use crate::radar::{self, RadarStyle};
use crate::text::{Align, Rgb, TextBlock, TextEngine, TextStyle};
use crate::theme::Theme;

thread_local! {
    static ENGINE: std::cell::RefCell<TextEngine> = std::cell::RefCell::new(TextEngine::new());
}

/// Run `f` with this thread's text engine (parley contexts are per thread).
pub fn with_engine<R>(f: impl FnOnce(&mut TextEngine) -> R) -> R {
    ENGINE.with(|e| f(&mut e.borrow_mut()))
}

/// Render the candidate report to PDF bytes.
pub fn render(model: &ReportModel) -> ReportResult<Vec<u8>> {
    with_engine(|eng| render_with(eng, model))
}

pub(crate) struct Composer<'a> {
    pub eng: &'a mut TextEngine,
    pub flow: Flow,
    pub t: Theme,
    /// Right-to-left document (Arabic labels): every box is mirrored at the
    /// end and text aligns to the right.
    pub rtl: bool,
}

impl<'a> Composer<'a> {
    pub fn new(eng: &'a mut TextEngine, t: Theme) -> Self {
        Composer {
            eng,
            flow: Flow::new(t.margins),
            t,
            rtl: false,
        }
    }
    /// Alignment in document direction: in a right-to-left document left and
    /// right swap, and text starts at the right.
    pub fn dir(&self, a: Align) -> Align {
        if !self.rtl {
            return a;
        }
        match a {
            Align::Start | Align::Left => Align::Right,
            Align::Right => Align::Left,
            Align::Center => Align::Center,
        }
    }
    pub fn text(&mut self, s: &str, st: TextStyle, w: f32) -> Rc<TextBlock> {
        let a = self.dir(Align::Start);
        self.eng.layout(s, &st, w, a)
    }
    pub fn text_aligned(&mut self, s: &str, st: TextStyle, w: f32, a: Align) -> Rc<TextBlock> {
        let a = self.dir(a);
        self.eng.layout(s, &st, w, a)
    }
    pub fn para(&mut self, s: &str, st: TextStyle) {
        let w = self.flow.width();
        let b = self.text(s, st, w);
        let x = self.flow.left();
        self.flow.paragraph(&b, x);
    }
    /// Section heading, kept with at least `keep` points of what follows.
    pub fn heading(&mut self, s: &str, keep: f32) {
        let w = self.flow.width();
        let b = self.text(s, self.t.h2(), w);
        self.flow.ensure(b.height() + 10.0 + keep);
        if self.flow.y > self.flow.m.top + 1.0 {
            self.flow.gap(18.0);
        }
        let x = self.flow.left();
        let y = self.flow.y;
        self.flow.push(Op::text(&b, x, y));
        self.flow.y += b.height() + 3.0;
        if self.t.classic {
            self.flow.push(Op::Line {
                x1: x,
                y1: self.flow.y,
                x2: x + w,
                y2: self.flow.y,
                width: 0.75,
                color: self.t.ink,
            });
            self.flow.y += 8.0;
        } else {
            self.flow.push(Op::Rect {
                x,
                y: self.flow.y,
                w: 22.0,
                h: 2.2,
                fill: self.t.accent,
                radius: 1.1,
            });
            self.flow.y += 9.0;
        }
    }
    pub fn table_style(&self, widths: Vec<f32>) -> TableStyle {
        TableStyle {
            widths,
            pad_x: 5.0,
            pad_y: 4.5,
            header_fill: if self.t.classic {
                None
            } else {
                Some(self.t.panel)
            },
            rule: self.t.rule,
            rule_width: 0.5,
            header_rule_width: if self.t.classic { 1.0 } else { 0.5 },
        }
    }
    /// Chips (tags) wrapped over lines.
    pub fn chips(&mut self, items: &[String], fill: Rgb, color: Rgb) {
        let st = TextStyle::new(self.t.family, 8.5, color);
        let (px, py, gap) = (7.0, 3.0, 5.0);
        let left = self.flow.left();
        let right = left + self.flow.width();
        let mut x = left;
        let mut line_h = 0.0;
        for item in items {
            let b = self
                .eng
                .layout_tight(item, &st, self.flow.width() - 2.0 * px);
            let w = b.width() + 2.0 * px;
            let h = b.height() + 2.0 * py;
            if x + w > right && x > left {
                self.flow.y += line_h + gap;
                x = left;
                line_h = 0.0;
            }
            self.flow.ensure(h);
            let radius = if self.t.classic { 2.0 } else { h / 2.0 };
            self.flow.push(Op::Rect {
                x,
                y: self.flow.y,
                w,
                h,
                fill,
                radius,
            });
            self.flow.push(Op::text(&b, x + px, self.flow.y + py));
            x += w + gap;
            line_h = f32::max(line_h, h);
        }
        self.flow.y += line_h;
    }
    /// Bulleted list with a coloured marker.
    pub fn bullets(&mut self, items: &[String], marker: Rgb) {
        let indent = 14.0;
        let w = self.flow.width() - indent;
        for item in items {
            let b = self.text(item, self.t.body(), w);
            let first = b.span_height(0, 1.min(b.line_count()));
            self.flow.ensure(first + 4.0);
            let x = self.flow.left();
            self.flow.push(Op::Rect {
                x: x + 2.0,
                y: self.flow.y + first / 2.0 - 2.5,
                w: 5.0,
                h: 5.0,
                fill: marker,
                radius: if self.t.classic { 0.0 } else { 2.5 },
            });
            self.flow.paragraph(&b, x + indent);
            self.flow.y += 4.0;
        }
    }
}

fn pct(v: Option<f64>, na: &str) -> String {
    v.map(|v| format!("{}%", v.round() as i64))
        .unwrap_or_else(|| na.to_string())
}

fn render_with(eng: &mut TextEngine, m: &ReportModel) -> ReportResult<Vec<u8>> {
    let t = Theme::for_style(m.style);
    let mut c = Composer::new(eng, t);
    c.rtl = m.labels_rtl;
    let na = m.label("not-available").to_string();

    title_block(&mut c, m, &na);

    // Scores.
    c.heading(m.label("scores"), 80.0);
    score_bars(&mut c, m, &na);

    // Candidate vs Average.
    if let Some(radar) = &m.radar {
        c.heading(m.label("candidate-vs-average"), 220.0);
        radar_section(&mut c, m, radar)?;
    }

    // Per-question table.
    if !m.questions.is_empty() {
        c.heading(m.label("questions"), 40.0);
        let w = c.flow.width();
        let widths = vec![
            20.0,
            w * 0.30,
            62.0,
            40.0,
            w - 20.0 - w * 0.30 - 62.0 - 40.0,
        ];
        let ts = c.table_style(widths.clone());
        let hs = t.label();
        let header = Row {
            cells: vec![
                c.text("#", hs, widths[0] - 10.0),
                c.text(m.label("question"), hs, widths[1] - 10.0),
                c.text(m.label("score"), hs, widths[2] - 10.0),
                c.text(m.label("weight"), hs, widths[3] - 10.0),
                c.text(m.label("summary"), hs, widths[4] - 10.0),
            ],
            fill: None,
        };
        let mut rows = Vec::new();
        for (i, q) in m.questions.iter().enumerate() {
            let score = if q.not_scored {
                m.label("not-scored").to_string()
            } else {
                format!(
                    "{}/{}\n{}%",
                    fmt(q.score_raw),
                    fmt(q.scale),
                    q.pct.round() as i64
                )
            };
            rows.push(Row {
                cells: vec![
                    c.text(&q.rank.to_string(), t.small(), widths[0] - 10.0),
                    c.text(&q.question, t.strong().size(9.0), widths[1] - 10.0),
                    c.text(&score, t.body().size(9.0), widths[2] - 10.0),
                    c.text(&format!("×{}", fmt(q.weight)), t.small(), widths[3] - 10.0),
                    c.text(&q.summary, t.body().size(8.8), widths[4] - 10.0),
                ],
                fill: (!t.classic && i % 2 == 1).then_some(Rgb(0xFA, 0xFB, 0xFD)),
            });
        }
        c.flow.table(Some(&header), &rows, &ts);
    }

    if let Some(tags) = m.tags.as_ref().filter(|t| !t.is_empty()) {
        c.heading(m.label("tags"), 24.0);
        c.chips(tags, t.accent_soft, t.accent);
    }
    if let Some(h) = m.highlights.as_ref().filter(|v| !v.is_empty()) {
        c.heading(m.label("highlights"), 30.0);
        c.bullets(h, t.good);
    }
    if let Some(h) = m.lowlights.as_ref().filter(|v| !v.is_empty()) {
        c.heading(m.label("lowlights"), 30.0);
        c.bullets(h, t.bad);
    }

    integrity_section(&mut c, m);

    panel_section(&mut c, m);

    // Reviewer decision and notes.
    c.heading(m.label("reviewer"), 30.0);
    let decision = m
        .decision
        .clone()
        .unwrap_or_else(|| m.label("no-decision").to_string());
    c.para(&decision, t.strong());
    if !m.notes.is_empty() {
        c.flow.gap(6.0);
        let w = c.flow.width();
        let widths = vec![70.0, w - 70.0];
        let mut ts = c.table_style(widths.clone());
        ts.header_fill = None;
        let rows: Vec<Row> = m
            .notes
            .iter()
            .map(|n| {
                let meta = match &n.at {
                    Some(at) => format!("{}\n{} · {}", n.date, at, n.author),
                    None => format!("{}\n{}", n.date, n.author),
                };
                Row {
                    cells: vec![
                        c.text(&meta, t.small(), widths[0] - 10.0),
                        c.text(&n.text, t.body(), widths[1] - 10.0),
                    ],
                    fill: None,
                }
            })
            .collect();
        c.flow.table(None, &rows, &ts);
    }

    // Transcript, in the interview's language.
    if let Some(tr) = m.transcript.as_ref().filter(|v| !v.is_empty()) {
        c.heading(m.label("transcript"), 40.0);
        c.para(m.label("transcript-note"), t.small());
        c.flow.gap(4.0);
        let w = c.flow.width();
        let widths = vec![40.0, 74.0, w - 114.0];
        let mut ts = c.table_style(widths.clone());
        ts.pad_y = 3.5;
        ts.rule = if t.classic {
            Rgb(0xDD, 0xDD, 0xDD)
        } else {
            Rgb(0xEE, 0xF0, 0xF4)
        };
        let rows: Vec<Row> = tr
            .iter()
            .map(|r| {
                let sp_color = if r.role == "candidate" {
                    t.accent
                } else {
                    t.muted
                };
                Row {
                    cells: vec![
                        c.text_aligned(&r.time, t.small(), widths[0] - 10.0, Align::Left),
                        c.text(
                            &r.speaker,
                            t.label().size(8.0).color(sp_color),
                            widths[1] - 10.0,
                        ),
                        // Candidate text: its own direction decides alignment.
                        c.text_aligned(&r.text, t.body().size(9.0), widths[2] - 10.0, Align::Start),
                    ],
                    fill: None,
                }
            })
            .collect();
        c.flow.table(None, &rows, &ts);
    }

    let mut pages = std::mem::take(&mut c.flow.pages);
    let rtl = c.rtl;
    if rtl {
        pages.iter_mut().flatten().for_each(mirror);
    }
    let mut doc = Document::new();
    let header_name = m.candidate_name.clone();
    let confidential = m.label("confidential").to_string();
    let kicker = format!("Shortlist · {}", m.label("report-title"));
    let mut decorate = |i: usize, n: usize| -> Vec<Op> {
        let mut ops = page_decor(
            c.eng,
            &t,
            &kicker,
            &header_name,
            &confidential,
            &m.page_label(i + 1, n),
            rtl,
        );
        if rtl {
            ops.iter_mut().for_each(mirror);
        }
        ops
    };
    render_pages(&mut doc, &pages, &mut decorate);
    let mut meta = Metadata::new()
        .title(m.doc_title.clone())
        .authors(vec!["Shortlist".to_string()])
        .creator("Shortlist".to_string())
        .language(m.doc_language.clone());
    if let Some(dt) = pdf_date(&m.report_date) {
        meta = meta.creation_date(dt);
    }
    doc.set_metadata(meta);
    doc.finish().map_err(|e| ReportError::Pdf(format!("{e:?}")))
}

pub(crate) fn fmt(v: f64) -> String {
    if (v - v.round()).abs() < 1e-9 {
        format!("{}", v.round() as i64)
    } else {
        format!("{:.1}", v)
    }
}

pub(crate) fn pdf_date(ymd: &str) -> Option<DateTime> {
    let mut it = ymd.split('-');
    let y: u16 = it.next()?.parse().ok()?;
    let mo: u8 = it.next()?.parse().ok()?;
    let d: u8 = it.next()?.parse().ok()?;
    Some(DateTime::new(y).month(mo).day(d))
}

/// Running header and footer.
pub(crate) fn page_decor(
    eng: &mut TextEngine,
    t: &Theme,
    left_head: &str,
    right_head: &str,
    left_foot: &str,
    page: &str,
    rtl: bool,
) -> Vec<Op> {
    let (al, ar) = if rtl {
        (Align::Right, Align::Left)
    } else {
        (Align::Left, Align::Right)
    };
    let l = t.margins.left;
    let w = PAGE_W - t.margins.left - t.margins.right;
    let st = TextStyle::new(t.family, 7.5, t.muted);
    let half = w / 2.0 - 6.0;
    let hy = t.margins.top - 30.0;
    let fy = PAGE_H - t.margins.bottom + 22.0;
    let a = eng.layout(left_head, &st, half, al);
    let b = eng.layout(right_head, &st, half, ar);
    let c = eng.layout(left_foot, &st, half, al);
    let d = eng.layout(page, &st, half, ar);
    vec![
        Op::text(&a, l, hy),
        Op::text(&b, l + w - half, hy),
        Op::Line {
            x1: l,
            y1: hy + a.height().max(b.height()) + 5.0,
            x2: l + w,
            y2: hy + a.height().max(b.height()) + 5.0,
            width: 0.5,
            color: t.rule,
        },
        Op::Line {
            x1: l,
            y1: fy - 6.0,
            x2: l + w,
            y2: fy - 6.0,
            width: 0.5,
            color: t.rule,
        },
        Op::text(&c, l, fy),
        Op::text(&d, l + w - half, fy),
    ]
}

fn title_block(c: &mut Composer, m: &ReportModel, na: &str) {
    let t = c.t;
    let left = c.flow.left();
    let w = c.flow.width();
    let badge_w = 92.0;
    let text_w = w - badge_w - 16.0;
    let y0 = c.flow.y;
    let overall = m
        .scores
        .iter()
        .find(|s| s.key == "overall")
        .and_then(|s| s.pct);
    if t.classic {
        // Centered, rule-framed title: the traditional look.
        let k = c.text_aligned(
            &m.label("report-title").to_uppercase(),
            t.label().size(8.5).color(t.muted),
            w,
            Align::Center,
        );
        c.flow.push(Op::text(&k, left, c.flow.y));
        c.flow.y += k.height() + 4.0;
        let name = c.text_aligned(&m.candidate_name, t.h1(), w, Align::Center);
        c.flow.push(Op::text(&name, left, c.flow.y));
        c.flow.y += name.height() + 2.0;
        let sub = format!("{}  ·  {}", m.email, m.interview_id);
        let s = c.text_aligned(&sub, t.small(), w, Align::Center);
        c.flow.push(Op::text(&s, left, c.flow.y));
        c.flow.y += s.height() + 8.0;
        for dy in [0.0, 2.5] {
            c.flow.push(Op::Line {
                x1: left,
                y1: c.flow.y + dy,
                x2: left + w,
                y2: c.flow.y + dy,
                width: if dy == 0.0 { 1.2 } else { 0.4 },
                color: t.ink,
            });
        }
        c.flow.y += 12.0;
    } else {
        let k = c.text(
            m.label("report-kicker"),
            t.label().size(8.0).color(t.accent),
            text_w,
        );
        c.flow.push(Op::text(&k, left, c.flow.y));
        c.flow.y += k.height() + 3.0;
        let name = c.text(&m.candidate_name, t.h1(), text_w);
        c.flow.push(Op::text(&name, left, c.flow.y));
        c.flow.y += name.height() + 2.0;
        let sub = c.text(&m.email, t.body().color(t.muted), text_w);
        c.flow.push(Op::text(&sub, left, c.flow.y));
        c.flow.y += sub.height();
        // Overall score badge.
        let bx = left + w - badge_w;
        let bh = 64.0;
        c.flow.push(Op::Rect {
            x: bx,
            y: y0,
            w: badge_w,
            h: bh,
            fill: t.accent,
            radius: 8.0,
        });
        let big = c.text_aligned(
            &pct(overall, na),
            TextStyle::new(t.family, 24.0, Rgb(255, 255, 255))
                .bold()
                .leading(1.1),
            badge_w,
            Align::Center,
        );
        c.flow.push(Op::text(&big, bx, y0 + 9.0));
        let lab = c.text_aligned(
            m.label("overall-score"),
            TextStyle::new(t.family, 8.0, Rgb(0xDC, 0xE5, 0xFF)),
            badge_w,
            Align::Center,
        );
        c.flow
            .push(Op::text(&lab, bx, y0 + 9.0 + big.height() + 1.0));
        c.flow.y = f32::max(c.flow.y, y0 + bh) + 14.0;
    }

    // Meta grid: 3 columns × 2 rows.
    let interviewer = match &m.interviewer_slug {
        Some(slug) => format!("{}\n{}", m.interviewer_title, slug),
        None => m.interviewer_title.clone(),
    };
    let items: Vec<(&str, String)> = vec![
        (m.label("interviewer"), interviewer),
        (
            m.label("interview-date"),
            m.interview_date.clone().unwrap_or_else(|| na.to_string()),
        ),
        (m.label("report-date"), m.report_date.clone()),
        (m.label("status"), m.status.clone()),
        (
            m.label("language"),
            m.interview_language_name
                .clone()
                .unwrap_or_else(|| na.to_string()),
        ),
        (m.label("interview-id"), m.interview_id.clone()),
    ];
    let pad = 10.0;
    let col_w = (w - 2.0 * pad) / 3.0;
    let mut blocks = Vec::new();
    for (k, v) in &items {
        let kb = c.text(&k.to_uppercase(), t.label().size(7.0), col_w - 8.0);
        let vb = c.text(v, t.body().size(9.0), col_w - 8.0);
        blocks.push((kb, vb));
    }
    let row_h = |r: usize| -> f32 {
        blocks[r * 3..r * 3 + 3]
            .iter()
            .map(|(k, v)| k.height() + 2.0 + v.height())
            .fold(0.0, f32::max)
    };
    let grid_h = row_h(0) + row_h(1) + 10.0 + 2.0 * pad;
    let gy = c.flow.y;
    if t.classic {
        c.flow.push(Op::Rect {
            x: left,
            y: gy,
            w,
            h: grid_h,
            fill: t.panel,
            radius: 0.0,
        });
    } else {
        c.flow.push(Op::Rect {
            x: left,
            y: gy,
            w,
            h: grid_h,
            fill: t.panel,
            radius: 6.0,
        });
    }
    let mut y = gy + pad;
    for r in 0..2 {
        for col in 0..3 {
            let (kb, vb) = &blocks[r * 3 + col];
            let x = left + pad + col as f32 * col_w;
            c.flow.push(Op::text(kb, x, y));
            c.flow.push(Op::text(vb, x, y + kb.height() + 2.0));
        }
        y += row_h(r) + 10.0;
    }
    c.flow.y = gy + grid_h + 4.0;
}

fn score_bars(c: &mut Composer, m: &ReportModel, na: &str) {
    let t = c.t;
    let left = c.flow.left();
    let w = c.flow.width();
    let label_w = 130.0;
    let value_w = 44.0;
    let raw_w = 70.0;
    let bar_w = w - label_w - value_w - raw_w - 16.0;
    for s in &m.scores {
        let lb = c.text(&s.label, t.body(), label_w - 6.0);
        let vb = c.text_aligned(&pct(s.pct, na), t.strong(), value_w, Align::Right);
        let rb = c.text_aligned(
            s.raw.as_deref().unwrap_or(""),
            t.small(),
            raw_w,
            Align::Right,
        );
        let h = lb.height().max(vb.height()) + 6.0;
        c.flow.ensure(h);
        let y = c.flow.y;
        c.flow.push(Op::text(&lb, left, y + 3.0));
        let bx = left + label_w;
        let by = y + h / 2.0 - 3.5;
        c.flow.push(Op::Rect {
            x: bx,
            y: by,
            w: bar_w,
            h: 7.0,
            fill: if t.classic {
                Rgb(0xE6, 0xE6, 0xE6)
            } else {
                Rgb(0xEC, 0xEF, 0xF5)
            },
            radius: if t.classic { 0.0 } else { 3.5 },
        });
        if let Some(p) = s.pct {
            let fw = (bar_w * (p as f32 / 100.0)).max(if p > 0.0 { 7.0 } else { 0.0 });
            if fw > 0.0 {
                c.flow.push(Op::Rect {
                    x: bx,
                    y: by,
                    w: fw,
                    h: 7.0,
                    fill: t.accent,
                    radius: if t.classic { 0.0 } else { 3.5 },
                });
            }
        }
        c.flow.push(Op::text(&vb, bx + bar_w + 8.0, y + 3.0));
        c.flow.push(Op::text(
            &rb,
            bx + bar_w + 8.0 + value_w + 8.0 - 8.0,
            y + 4.0,
        ));
        c.flow.y += h + 3.0;
    }
}

fn radar_section(
    c: &mut Composer,
    m: &ReportModel,
    radar: &crate::radar::RadarModel,
) -> ReportResult<()> {
    let t = c.t;
    let left = c.flow.left();
    let w = c.flow.width();
    let chart_w = 262.0_f32;
    let mut style = if t.classic {
        RadarStyle::classic()
    } else {
        RadarStyle::default()
    };
    style.width = 560;
    style.height = 430;
    style.font_size = 17.0;
    let svg = radar::render_svg(radar, &style)?;
    let tree = radar::parse_svg(&svg)?;
    let chart_h = chart_w * tree.size().height() / tree.size().width();
    c.flow.ensure(chart_h);
    let y0 = c.flow.y;
    c.flow.push(Op::Svg {
        tree: Rc::new(tree),
        x: left - 8.0,
        y: y0,
        w: chart_w,
        h: chart_h,
    });
    // Side table: axis, candidate %, average %, difference.
    let tx = left + chart_w + 4.0;
    let tw = w - chart_w - 4.0;
    let widths = [tw - 44.0 - 44.0, 44.0, 44.0];
    let mut y = y0 + 4.0;
    let hs = t.label();
    let heads = [
        m.label("question"),
        m.label("candidate"),
        m.label("average"),
    ];
    let mut hx = tx;
    let mut hh: f32 = 0.0;
    for (i, h) in heads.iter().enumerate() {
        let a = if i == 0 { Align::Start } else { Align::Right };
        let b = c.text_aligned(h, hs, widths[i] - 6.0, a);
        hh = hh.max(b.height());
        c.flow.push(Op::text(&b, hx, y));
        hx += widths[i];
    }
    y += hh + 3.0;
    c.flow.push(Op::Line {
        x1: tx,
        y1: y,
        x2: tx + tw,
        y2: y,
        width: 0.5,
        color: t.rule,
    });
    y += 4.0;
    for row in &m.radar_rows {
        let lb = c.text(&row.full_text, t.body().size(8.5), widths[0] - 8.0);
        let cb = c.text_aligned(
            &pct(row.candidate_pct, "–"),
            t.strong().size(8.5),
            widths[1] - 6.0,
            Align::Right,
        );
        let ab = c.text_aligned(
            &pct(row.average_pct, "–"),
            t.body().size(8.5).color(t.muted),
            widths[2] - 6.0,
            Align::Right,
        );
        let rel = match row.relative_pct {
            Some(r) if r > 0.0 => Some((format!("+{}%", r as i64), t.good)),
            Some(r) if r < 0.0 => Some((format!("{}%", r as i64), t.bad)),
            Some(_) => Some((m.label("at-average").to_string(), t.muted)),
            None => None,
        };
        c.flow.push(Op::text(&lb, tx, y));
        c.flow.push(Op::text(&cb, tx + widths[0], y));
        c.flow.push(Op::text(&ab, tx + widths[0] + widths[1], y));
        let mut h = lb.height().max(cb.height());
        if let Some((s, col)) = rel {
            let rb = c.text_aligned(
                &s,
                t.small().size(7.5).color(col),
                widths[1] - 6.0,
                Align::Right,
            );
            c.flow.push(Op::text(&rb, tx + widths[0], y + cb.height()));
            h = h.max(cb.height() + rb.height());
        }
        y += h + 4.0;
        c.flow.push(Op::Line {
            x1: tx,
            y1: y - 2.0,
            x2: tx + tw,
            y2: y - 2.0,
            width: 0.3,
            color: t.rule,
        });
    }
    let note = average_note(m, radar.n);
    let nb = c.text(&note, t.small().size(7.5), tw);
    c.flow.push(Op::text(&nb, tx, y + 4.0));
    y += nb.height() + 8.0;
    c.flow.y = f32::max(y0 + chart_h, y) + 4.0;
    Ok(())
}

fn average_note(m: &ReportModel, n: usize) -> String {
    crate::i18n::Labels::new(&m.lang)
        .map(|l| l.fmt("average-n", &[("n", fluent_bundle::FluentValue::from(n))]))
        .unwrap_or_default()
}

/// The hiring panel (F73), with the `panel` option: a summary line and one
/// row per evaluation the viewer may see; while blind, only their own and a
/// line saying the others are hidden.
fn panel_section(c: &mut Composer, m: &ReportModel) {
    let Some(p) = &m.panel else { return };
    let t = c.t;
    c.heading(m.label("panel"), 40.0);
    if let Some(s) = p.summary.as_deref().filter(|s| !s.is_empty()) {
        c.para(s, t.strong());
    }
    if !p.rows.is_empty() {
        let w = c.flow.width();
        let widths = vec![150.0, 80.0, w - 230.0];
        let mut ts = c.table_style(widths.clone());
        ts.header_fill = None;
        let rows: Vec<Row> = p
            .rows
            .iter()
            .map(|r| Row {
                cells: vec![
                    c.text(&r.reviewer, t.body(), widths[0] - 10.0),
                    c.text(&r.recommendation, t.strong(), widths[1] - 10.0),
                    c.text(&r.comment, t.body(), widths[2] - 10.0),
                ],
                fill: None,
            })
            .collect();
        c.flow.table(None, &rows, &ts);
    }
    if p.hidden {
        c.para(m.label("panel-hidden"), t.small());
    } else if p.rows.is_empty() {
        c.para(m.label("panel-none"), t.body().color(t.muted));
    }
}

fn integrity_section(c: &mut Composer, m: &ReportModel) {
    let t = c.t;
    let ig = &m.integrity;
    c.heading(m.label("integrity"), 50.0);
    if !ig.enabled && ig.signals.is_empty() {
        c.para(m.label("no-signals"), t.body().color(t.muted));
        c.para(m.label("integrity-note"), t.small());
        return;
    }
    // Summary line: overall confidence, ranking, review suggested.
    let mut parts = Vec::new();
    if let Some(cf) = ig.overall_confidence_pct {
        parts.push(format!("{}: {}%", m.label("overall-confidence"), cf as i64));
    }
    if let Some(r) = ig.ranking {
        parts.push(
            crate::i18n::Labels::new(&m.lang)
                .map(|l| l.fmt("ranking", &[("rank", fluent_bundle::FluentValue::from(r))]))
                .unwrap_or_default(),
        );
    }
    let left = c.flow.left();
    if ig.review_suggested {
        let st = t.label().size(8.0).color(t.warn);
        let b = c.eng.layout_tight(m.label("review-suggested"), &st, 200.0);
        let (px, py) = (8.0, 3.5);
        let h = b.height() + 2.0 * py;
        c.flow.ensure(h + 20.0);
        c.flow.push(Op::Rect {
            x: left,
            y: c.flow.y,
            w: b.width() + 2.0 * px,
            h,
            fill: t.warn_soft,
            radius: if t.classic { 2.0 } else { h / 2.0 },
        });
        c.flow.push(Op::text(&b, left + px, c.flow.y + py));
        if !parts.is_empty() {
            let s = c.text(
                &parts.join("   ·   "),
                t.body().color(t.muted),
                c.flow.width() - b.width() - 30.0,
            );
            c.flow.push(Op::text(
                &s,
                left + b.width() + 2.0 * px + 10.0,
                c.flow.y + py,
            ));
        }
        c.flow.y += h + 8.0;
    } else if !parts.is_empty() {
        c.para(&parts.join("   ·   "), t.body().color(t.muted));
        c.flow.gap(6.0);
    }
    if ig.signals.is_empty() {
        c.para(m.label("no-signals"), t.body().color(t.muted));
    } else {
        let w = c.flow.width();
        let widths = vec![w * 0.36, 70.0, 90.0, w - w * 0.36 - 160.0];
        let ts = c.table_style(widths.clone());
        let hs = t.label();
        let header = Row {
            cells: vec![
                c.text(m.label("signal"), hs, widths[0] - 10.0),
                c.text(m.label("confidence"), hs, widths[1] - 10.0),
                c.text(m.label("review-suggested"), hs, widths[2] - 10.0),
                c.text("", hs, widths[3] - 10.0),
            ],
            fill: None,
        };
        let rows: Vec<Row> = ig
            .signals
            .iter()
            .map(|s| {
                let review = if s.review_suggested {
                    m.label("yes")
                } else {
                    m.label("no")
                };
                let review_st = if s.review_suggested {
                    t.strong().color(t.warn)
                } else {
                    t.body().color(t.muted)
                };
                Row {
                    cells: vec![
                        c.text(&s.label, t.strong().size(9.0), widths[0] - 10.0),
                        c.text(
                            &s.confidence_pct
                                .map(|p| format!("{}%", p as i64))
                                .unwrap_or_else(|| "–".into()),
                            t.body(),
                            widths[1] - 10.0,
                        ),
                        c.text(review, review_st, widths[2] - 10.0),
                        c.text(
                            s.detail.as_deref().unwrap_or(""),
                            t.small(),
                            widths[3] - 10.0,
                        ),
                    ],
                    fill: None,
                }
            })
            .collect();
        c.flow.table(Some(&header), &rows, &ts);
    }
    c.flow.gap(5.0);
    c.para(m.label("integrity-note"), t.small());
}
