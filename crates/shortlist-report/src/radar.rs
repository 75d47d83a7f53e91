//! Candidate vs Average radar (SPEC F16): one renderer for the PDF (vector),
//! the CLI (SVG or PNG) and the UI (shown as an image, never inline markup:
//! labels are candidate-facing text).
//!
//! Geometry is computed here and drawn with plotters' SVG backend; PNG is the
//! same SVG rasterised by resvg with the bundled fonts only, so CJK, Arabic
//! and Hebrew labels never turn into boxes.

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use serde::Serialize;

use crate::error::{ReportError, ReportResult};
use crate::fonts;

/// Below this many completed candidates the average is "a rough guide".
pub const SMALL_N: usize = 5;

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RadarAxis {
    pub question_id: String,
    /// Short label drawn at the axis end.
    pub label: String,
    /// The full question text (tooltips, tables).
    pub full_text: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RadarSeries {
    pub name: String,
    /// Percent per axis (0–100); `None` where this series has no value.
    pub values: Vec<Option<f64>>,
    pub is_average: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RadarModel {
    pub axes: Vec<RadarAxis>,
    pub series: Vec<RadarSeries>,
    /// Completed candidates behind the average.
    pub n: usize,
    /// Shown under the chart when `n < SMALL_N`.
    pub small_n_note: Option<String>,
}

/// Per-axis numbers for hover / tables: candidate %, average %, "32% above average".
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct AxisComparison {
    pub label: String,
    pub full_text: String,
    pub candidate_pct: Option<f64>,
    pub average_pct: Option<f64>,
    /// Relative difference to the average in percent (rounded), e.g. 32.0.
    pub relative_pct: Option<f64>,
}

impl RadarModel {
    pub fn comparisons(&self) -> Vec<AxisComparison> {
        let cand = self.series.iter().find(|s| !s.is_average);
        let avg = self.series.iter().find(|s| s.is_average);
        self.axes
            .iter()
            .enumerate()
            .map(|(i, a)| {
                let c = cand.and_then(|s| s.values[i]);
                let v = avg.and_then(|s| s.values[i]);
                AxisComparison {
                    label: a.label.clone(),
                    full_text: a.full_text.clone(),
                    candidate_pct: c,
                    average_pct: v,
                    relative_pct: match (c, v) {
                        (Some(c), Some(v)) => shortlist_core::scoring::relative_to_average(c, v),
                        _ => None,
                    },
                }
            })
            .collect()
    }
}

/// Short axis label: the question's first words on at most two lines of
/// ~16 columns each (CJK characters count double), `…` when cut.
pub fn short_label(text: &str) -> String {
    const COLS: usize = 16;
    let width = |c: char| if is_wide(c) { 2 } else { 1 };
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut lines: Vec<String> = vec![String::new()];
    let mut used = 0;
    let mut cut = false;
    // Break at spaces where there are any, else between characters (CJK).
    let mut tokens: Vec<String> = Vec::new();
    for word in text.split(' ') {
        if word.chars().any(is_wide) {
            tokens.extend(word.chars().map(|c| c.to_string()));
        } else {
            tokens.push(word.to_string());
        }
    }
    for tok in tokens {
        let w: usize = tok.chars().map(width).sum();
        let sep = if used > 0
            && !tok.chars().all(is_wide)
            && !lines
                .last()
                .unwrap()
                .chars()
                .last()
                .map(is_wide)
                .unwrap_or(false)
        {
            1
        } else {
            0
        };
        if used + sep + w > COLS && used > 0 {
            if lines.len() == 2 {
                cut = true;
                break;
            }
            lines.push(String::new());
            used = 0;
        }
        let line = lines.last_mut().unwrap();
        if used > 0 && (sep == 1) {
            line.push(' ');
            used += 1;
        }
        if w > COLS {
            // One very long word: keep what fits.
            let mut acc = 0;
            for c in tok.chars() {
                if acc + width(c) > COLS - 1 {
                    cut = true;
                    break;
                }
                line.push(c);
                acc += width(c);
            }
            used += acc;
            if cut {
                break;
            }
        } else {
            line.push_str(&tok);
            used += w;
        }
    }
    let mut out = lines.join("\n");
    if cut {
        out = out
            .trim_end_matches(|c: char| c.is_whitespace() || c == ',' || c == ':')
            .to_string();
        out.push('…');
    }
    out
}

fn is_wide(c: char) -> bool {
    matches!(c as u32, 0x1100..=0x115F | 0x2E80..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6)
}

/// The app window's colour scheme, which the on-screen chart follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Theme {
    #[default]
    Light,
    Dark,
}

#[derive(Debug, Clone)]
pub struct RadarStyle {
    pub width: u32,
    pub height: u32,
    /// Primary font family (fallbacks to the bundled Arabic, Hebrew, CJK faces follow).
    pub font_family: &'static str,
    pub font_size: f64,
    /// Series colours, in series order (average uses `average_color`).
    pub colors: Vec<RGBColor>,
    pub average_color: RGBColor,
    pub grid_color: RGBColor,
    pub text_color: RGBColor,
    /// Draw the legend under the chart.
    pub legend: bool,
    /// Room left and right of the chart for axis labels; `None` = 130 px,
    /// enough for two lines of ~16 columns.
    pub label_margin: Option<f64>,
}

impl Default for RadarStyle {
    fn default() -> Self {
        RadarStyle {
            width: 560,
            height: 430,
            font_family: fonts::SANS,
            font_size: 13.0,
            colors: vec![
                RGBColor(0x2F, 0x5B, 0xEA),
                RGBColor(0xE0, 0x6C, 0x00),
                RGBColor(0x0E, 0x9F, 0x6E),
                RGBColor(0xB8, 0x32, 0x80),
            ],
            average_color: RGBColor(0x8A, 0x94, 0xA6),
            grid_color: RGBColor(0xDD, 0xE2, 0xEA),
            text_color: RGBColor(0x33, 0x3B, 0x48),
            legend: true,
            label_margin: None,
        }
    }
}

impl RadarStyle {
    /// The app's chart: axes labelled `Q1`… (the full questions are in the
    /// hover tooltips and the list beside it), so the plot uses the width.
    pub fn screen() -> Self {
        RadarStyle {
            width: 400,
            height: 340,
            font_size: 16.0,
            legend: false,
            label_margin: Some(44.0),
            ..Default::default()
        }
    }

    /// [`Self::screen`] for a dark window: the chart is drawn on the app's
    /// dark card (transparent background), so lines and text are light and
    /// the series colours lighter, each keeping at least 4.5:1 against the
    /// card (`--surface`, `#171b22`).
    pub fn screen_dark() -> Self {
        RadarStyle {
            colors: vec![
                RGBColor(0x7C, 0x9C, 0xFF),
                RGBColor(0xFF, 0xA0, 0x4D),
                RGBColor(0x3D, 0xD6, 0x9F),
                RGBColor(0xF0, 0x7C, 0xC4),
            ],
            average_color: RGBColor(0x9A, 0xA4, 0xB5),
            grid_color: RGBColor(0x3A, 0x43, 0x55),
            text_color: RGBColor(0xE3, 0xE8, 0xF0),
            ..Self::screen()
        }
    }

    /// The app's chart in the window's colour scheme.
    pub fn for_screen(theme: Theme) -> Self {
        match theme {
            Theme::Light => Self::screen(),
            Theme::Dark => Self::screen_dark(),
        }
    }

    pub fn classic() -> Self {
        RadarStyle {
            font_family: fonts::SERIF,
            colors: vec![RGBColor(0x1F, 0x2A, 0x44), RGBColor(0x8B, 0x1E, 0x1E)],
            average_color: RGBColor(0x99, 0x99, 0x99),
            grid_color: RGBColor(0xCC, 0xCC, 0xCC),
            text_color: RGBColor(0x22, 0x22, 0x22),
            ..Default::default()
        }
    }
}

fn family_list(primary: &str) -> String {
    // Unquoted CSS family names: plotters writes the attribute verbatim.
    std::iter::once(primary)
        .chain(fonts::FALLBACKS)
        .collect::<Vec<_>>()
        .join(", ")
}

/// Render the radar as an SVG document.
pub fn render_svg(model: &RadarModel, style: &RadarStyle) -> ReportResult<String> {
    if model.axes.is_empty() {
        return Err(ReportError::Chart("radar has no axes".into()));
    }
    let mut out = String::new();
    {
        let root =
            SVGBackend::with_string(&mut out, (style.width, style.height)).into_drawing_area();
        draw(&root, model, style).map_err(|e| ReportError::Chart(e.to_string()))?;
        root.present()
            .map_err(|e| ReportError::Chart(e.to_string()))?;
    }
    Ok(out)
}

/// Where the chart sits in the SVG: centre, radius and axis angles. Drawing
/// and hotspots both use it, so a hotspot lands exactly on its dot.
struct Geometry {
    cx: f64,
    cy: f64,
    r: f64,
    n: usize,
    legend_h: f64,
    h: f64,
}

impl Geometry {
    fn new(model: &RadarModel, style: &RadarStyle) -> Self {
        let w = style.width as f64;
        let legend_h = if style.legend { 28.0 } else { 0.0 };
        let note_h = if model.small_n_note.is_some() {
            20.0
        } else {
            0.0
        };
        let h = style.height as f64 - legend_h - note_h;
        let margin = style.label_margin.unwrap_or(130.0);
        Geometry {
            cx: w / 2.0,
            cy: h / 2.0 + 4.0,
            r: (h / 2.0 - 40.0).min(w / 2.0 - margin).max(20.0),
            n: model.axes.len().max(3),
            legend_h,
            h,
        }
    }

    fn angle(&self, i: usize) -> f64 {
        -std::f64::consts::FRAC_PI_2 + i as f64 * 2.0 * std::f64::consts::PI / self.n as f64
    }

    fn pt(&self, i: usize, pct: f64) -> (i32, i32) {
        let a = self.angle(i);
        let k = self.r * pct.clamp(0.0, 100.0) / 100.0;
        (
            (self.cx + k * a.cos()).round() as i32,
            (self.cy + k * a.sin()).round() as i32,
        )
    }
}

/// One candidate's dot on one axis, for hover and keyboard focus in the UI:
/// where it is (SVG user units, the same as the SVG's `width`/`height`) and
/// the numbers its tooltip shows.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RadarHotspot {
    pub question_id: String,
    /// The label drawn at the axis end.
    pub axis_label: String,
    /// The full question text.
    pub question: String,
    /// Index among the candidate (non-average) series, in series order.
    pub series: usize,
    pub series_name: String,
    pub candidate_pct: f64,
    pub average_pct: Option<f64>,
    /// Relative difference to the average, rounded ("32% above average" = 32).
    pub relative_pct: Option<f64>,
    pub x: f64,
    pub y: f64,
}

/// A radar for the screen: the SVG (`width` × `height` user units) and one
/// hotspot per candidate point. The UI shows the SVG as an image and lays
/// focusable hover targets over it from the hotspots.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(rename = "RadarChart"))]
pub struct ScreenRadar {
    pub svg: String,
    pub width: u32,
    pub height: u32,
    pub hotspots: Vec<RadarHotspot>,
    /// Each candidate series' colour as drawn (`#rrggbb`), in series order
    /// (`RadarHotspot::series` indexes it): legends beside the chart use
    /// these rather than a copy of the style.
    pub colors: Vec<String>,
}

/// Hotspots of every candidate value drawn by [`render_svg`] with `style`.
/// Axes where a candidate has no value have no hotspot (nothing is drawn
/// there but the centre).
pub fn hotspots(model: &RadarModel, style: &RadarStyle) -> Vec<RadarHotspot> {
    let g = Geometry::new(model, style);
    let avg = model.series.iter().find(|s| s.is_average);
    let mut out = Vec::new();
    for (k, s) in model.series.iter().filter(|s| !s.is_average).enumerate() {
        for (i, a) in model.axes.iter().enumerate() {
            let Some(c) = s.values.get(i).copied().flatten() else {
                continue;
            };
            let average = avg.and_then(|s| s.values.get(i).copied().flatten());
            let (x, y) = g.pt(i, c);
            out.push(RadarHotspot {
                question_id: a.question_id.clone(),
                axis_label: a.label.clone(),
                question: a.full_text.clone(),
                series: k,
                series_name: s.name.clone(),
                candidate_pct: c,
                average_pct: average,
                relative_pct: average
                    .and_then(|v| shortlist_core::scoring::relative_to_average(c, v)),
                x: x as f64,
                y: y as f64,
            });
        }
    }
    out
}

/// Render for the screen: SVG plus hotspots.
pub fn render_screen(model: &RadarModel, style: &RadarStyle) -> ReportResult<ScreenRadar> {
    Ok(ScreenRadar {
        svg: render_svg(model, style)?,
        width: style.width,
        height: style.height,
        hotspots: hotspots(model, style),
        colors: series_colors(model, style)
            .into_iter()
            .map(|c| format!("#{:02x}{:02x}{:02x}", c.0, c.1, c.2))
            .collect(),
    })
}

/// The colour of each candidate (non-average) series, in series order.
fn series_colors(model: &RadarModel, style: &RadarStyle) -> Vec<RGBColor> {
    let n = model.series.iter().filter(|s| !s.is_average).count();
    (0..n)
        .map(|i| style.colors[i % style.colors.len()])
        .collect()
}

fn draw<DB: DrawingBackend>(
    root: &DrawingArea<DB, plotters::coord::Shift>,
    model: &RadarModel,
    style: &RadarStyle,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let family = family_list(style.font_family);
    let w = style.width as f64;
    let g = Geometry::new(model, style);
    let (legend_h, h, cx, r, n) = (g.legend_h, g.h, g.cx, g.r, g.n);
    let cy = g.cy;
    let angle = |i: usize| g.angle(i);
    let pt = |i: usize, pct: f64| g.pt(i, pct);
    // Grid rings at 25/50/75/100 % and spokes.
    for ring in [25.0, 50.0, 75.0, 100.0] {
        let mut pts: Vec<(i32, i32)> = (0..n).map(|i| pt(i, ring)).collect();
        pts.push(pts[0]);
        root.draw(&PathElement::new(pts, style.grid_color.stroke_width(1)))?;
    }
    for i in 0..n {
        root.draw(&PathElement::new(
            vec![pt(i, 0.0), pt(i, 100.0)],
            style.grid_color.stroke_width(1),
        ))?;
    }
    let small = (family.as_str(), style.font_size * 0.8)
        .into_font()
        .color(&style.average_color);
    for ring in [50.0, 100.0] {
        let (x, y) = pt(0, ring);
        root.draw(&Text::new(
            format!("{}%", ring as i32),
            (x + 4, y + 2),
            small.clone().pos(Pos::new(HPos::Left, VPos::Top)),
        ))?;
    }
    // Series: averages first (underneath), then candidates.
    let mut order: Vec<usize> = (0..model.series.len()).collect();
    order.sort_by_key(|i| !model.series[*i].is_average);
    let mut candidate_colors = series_colors(model, style).into_iter();
    let colors: Vec<RGBColor> = model
        .series
        .iter()
        .map(|s| {
            if s.is_average {
                style.average_color
            } else {
                candidate_colors.next().expect("one per candidate series")
            }
        })
        .collect();
    for &si in &order {
        let s = &model.series[si];
        let color = colors[si];
        let pts: Vec<(i32, i32)> = (0..model.axes.len())
            .map(|i| pt(i, s.values.get(i).copied().flatten().unwrap_or(0.0)))
            .collect();
        let fill_alpha = if s.is_average { 0.10 } else { 0.18 };
        root.draw(&Polygon::new(pts.clone(), color.mix(fill_alpha).filled()))?;
        let mut outline = pts.clone();
        outline.push(pts[0]);
        root.draw(&PathElement::new(
            outline,
            color.stroke_width(if s.is_average { 2 } else { 3 }),
        ))?;
        for p in &pts {
            root.draw(&Circle::new(*p, 3, color.filled()))?;
        }
    }
    // Axis labels.
    let label_font = (family.as_str(), style.font_size)
        .into_font()
        .color(&style.text_color);
    for (i, a) in model.axes.iter().enumerate() {
        let ang = angle(i);
        let (x, y) = (cx + (r + 10.0) * ang.cos(), cy + (r + 10.0) * ang.sin());
        let (c, s) = (ang.cos(), ang.sin());
        let h = if c > 0.25 {
            HPos::Left
        } else if c < -0.25 {
            HPos::Right
        } else {
            HPos::Center
        };
        let v = if s > 0.6 {
            VPos::Top
        } else if s < -0.6 {
            VPos::Bottom
        } else {
            VPos::Center
        };
        let lines: Vec<&str> = a.label.split('\n').collect();
        let lh = (style.font_size * 1.2).round() as i32;
        let k = lines.len() as i32;
        let first_dy = match v {
            VPos::Bottom => -(k - 1) * lh,
            VPos::Center => -(k - 1) * lh / 2,
            VPos::Top => 0,
        };
        for (j, line) in lines.iter().enumerate() {
            root.draw(&Text::new(
                line.to_string(),
                (
                    x.round() as i32,
                    y.round() as i32 + first_dy + j as i32 * lh,
                ),
                label_font.clone().pos(Pos::new(h, v)),
            ))?;
        }
    }
    // Legend.
    let mut y = h as i32 + 6;
    if style.legend {
        let items: Vec<(String, RGBColor)> = model
            .series
            .iter()
            .enumerate()
            .map(|(i, s)| (s.name.clone(), colors[i]))
            .collect();
        let per = (w as i32 - 40) / items.len().max(1) as i32;
        let per = per.min(180);
        let total = per * items.len() as i32;
        let mut x = (w as i32 - total) / 2;
        for (name, color) in items {
            root.draw(&Rectangle::new(
                [(x, y + 4), (x + 14, y + 14)],
                color.mix(0.8).filled(),
            ))?;
            root.draw(&Text::new(
                name,
                (x + 20, y + 9),
                label_font.clone().pos(Pos::new(HPos::Left, VPos::Center)),
            ))?;
            x += per;
        }
        y += legend_h as i32;
    }
    if let Some(note) = &model.small_n_note {
        root.draw(&Text::new(
            note.clone(),
            (cx as i32, y + 4),
            (family.as_str(), style.font_size * 0.85)
                .into_font()
                .color(&RGBColor(0xA1, 0x5C, 0x00))
                .pos(Pos::new(HPos::Center, VPos::Center)),
        ))?;
    }
    Ok(())
}

/// Parse an SVG with the bundled fonts only.
pub(crate) fn parse_svg(svg: &str) -> ReportResult<resvg::usvg::Tree> {
    let opts = resvg::usvg::Options {
        fontdb: fonts::bundled().fontdb.clone(),
        font_family: fonts::SANS.to_string(),
        ..Default::default()
    };
    resvg::usvg::Tree::from_str(svg, &opts).map_err(|e| ReportError::Chart(e.to_string()))
}

/// Rasterise an SVG produced by [`render_svg`] to PNG at `scale` (2.0 = retina).
pub fn svg_to_png(svg: &str, scale: f32) -> ReportResult<Vec<u8>> {
    let tree = parse_svg(svg)?;
    let size = tree
        .size()
        .to_int_size()
        .scale_by(scale)
        .ok_or_else(|| ReportError::Chart("empty chart".into()))?;
    let mut pixmap = resvg::tiny_skia::Pixmap::new(size.width(), size.height())
        .ok_or_else(|| ReportError::Chart("chart too large".into()))?;
    pixmap.fill(resvg::tiny_skia::Color::WHITE);
    resvg::render(
        &tree,
        resvg::tiny_skia::Transform::from_scale(scale, scale),
        &mut pixmap.as_mut(),
    );
    pixmap
        .encode_png()
        .map_err(|e| ReportError::Chart(e.to_string()))
}

/// Render the radar straight to PNG.
pub fn render_png(model: &RadarModel, style: &RadarStyle, scale: f32) -> ReportResult<Vec<u8>> {
    svg_to_png(&render_svg(model, style)?, scale)
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(crate) fn sample(n: usize) -> RadarModel {
        let labels = [
            "Customer focus",
            "沟通能力",
            "التعامل مع العملاء",
            "Teamwork under pressure in a busy store",
        ];
        RadarModel {
            axes: labels
                .iter()
                .enumerate()
                .map(|(i, l)| RadarAxis {
                    question_id: format!("q{i}"),
                    label: short_label(l),
                    full_text: l.to_string(),
                })
                .collect(),
            series: vec![
                RadarSeries {
                    name: "Average".into(),
                    values: vec![Some(50.0), Some(60.0), Some(70.0), Some(40.0)],
                    is_average: true,
                },
                RadarSeries {
                    name: "Candidate".into(),
                    values: vec![Some(66.0), Some(90.0), Some(50.0), None],
                    is_average: false,
                },
            ],
            n,
            small_n_note: (n < SMALL_N).then(|| format!("Only {n} completed candidates")),
        }
    }

    #[test]
    fn svg_uses_bundled_family_and_keeps_labels_as_text() {
        let svg = render_svg(&sample(12), &RadarStyle::default()).unwrap();
        assert!(
            svg.contains(
                "font-family=\"Noto Sans, Noto Sans Arabic, Noto Sans Hebrew, Noto Sans CJK SC\""
            ),
            "{svg}"
        );
        assert!(svg.contains("沟通能力"));
        assert!(svg.contains("التعامل مع") && svg.contains("العملاء"));
        assert!(svg.contains("<polygon"));
        assert!(!svg.contains("Only 12"));
        let svg = render_svg(&sample(3), &RadarStyle::default()).unwrap();
        assert!(svg.contains("Only 3 completed candidates"));
    }

    #[test]
    fn comparisons_give_relative_difference() {
        let c = sample(12).comparisons();
        assert_eq!(c[0].relative_pct, Some(32.0));
        assert_eq!(c[2].relative_pct, Some(-29.0));
        assert_eq!(c[3].candidate_pct, None);
        assert_eq!(c[3].relative_pct, None);
    }

    #[test]
    fn hotspots_sit_on_the_drawn_dots() {
        let m = sample(12);
        for style in [RadarStyle::default(), RadarStyle::screen()] {
            let svg = render_svg(&m, &style).unwrap();
            let hs = hotspots(&m, &style);
            // The candidate has values on axes 0–2 only.
            assert_eq!(hs.len(), 3);
            for h in &hs {
                let circle = format!("<circle cx=\"{}\" cy=\"{}\"", h.x, h.y);
                assert!(svg.contains(&circle), "no dot at {circle} in {svg}");
                assert!(h.x >= 0.0 && h.x <= style.width as f64);
                assert!(h.y >= 0.0 && h.y <= style.height as f64);
            }
            assert_eq!(hs[0].candidate_pct, 66.0);
            assert_eq!(hs[0].average_pct, Some(50.0));
            assert_eq!(hs[0].relative_pct, Some(32.0));
            assert_eq!(hs[0].series, 0);
            assert_eq!(hs[0].series_name, "Candidate");
            assert_eq!(hs[1].question, "沟通能力");
            // Axis 0 points straight up from the centre.
            assert!(hs[0].y < hs[1].y);
        }
        // The screen chart gives the plot a larger share of its width than
        // the PDF's, whose long labels need the room.
        let share = |style: &RadarStyle| {
            let h = hotspots(&m, style);
            (h[1].x - h[0].x) / style.width as f64
        };
        assert!(share(&RadarStyle::screen()) > share(&RadarStyle::default()) * 1.1);
    }

    #[test]
    fn short_labels() {
        assert_eq!(short_label("Customer focus"), "Customer focus");
        assert_eq!(
            short_label("Teamwork during peak hours"),
            "Teamwork during\npeak hours"
        );
        let s = short_label("Describe a time you handled an angry customer at the till");
        assert_eq!(s, "Describe a time\nyou handled an…");
        let s = short_label("请描述一次你处理愤怒顾客的经历以及结果");
        assert_eq!(s, "请描述一次你处理\n愤怒顾客的经历以…");
    }

    #[test]
    fn png_renders_cjk_and_arabic_labels_with_ink() {
        // The same chart with and without the CJK/Arabic labels must differ in
        // ink where those labels are: with no font for them they would be
        // dropped (usvg skips glyphs it cannot resolve), so equal images mean
        // missing glyphs.
        let m = sample(12);
        let png = render_png(&m, &RadarStyle::default(), 1.0).unwrap();
        assert_eq!(&png[1..4], b"PNG");
        let mut blank = m.clone();
        blank.axes[1].label = String::new();
        blank.axes[2].label = String::new();
        let png_blank = render_png(&blank, &RadarStyle::default(), 1.0).unwrap();
        assert_ne!(png, png_blank);
        let dark = |p: &[u8]| {
            let pm = resvg::tiny_skia::Pixmap::decode_png(p).unwrap();
            pm.pixels()
                .iter()
                .filter(|px| px.red() < 120 && px.green() < 120)
                .count()
        };
        assert!(dark(&png) > dark(&png_blank) + 50, "labels drew no ink");
    }
}
