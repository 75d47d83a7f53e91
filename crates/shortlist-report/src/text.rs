//! Text shaping and drawing: parley (shaping, bidi reordering, line breaking,
//! font fallback over the bundled fonts only) → krilla glyph runs.

use std::borrow::Cow;
use std::rc::Rc;

use krilla::geom::Point;
use krilla::num::NormalizedF32;
use krilla::paint::{Fill, Stroke};
use krilla::surface::Surface;
use krilla::text::{GlyphId, KrillaGlyph};
use parley::{
    Alignment, AlignmentOptions, FontContext, FontFamily, FontFamilyName, FontWeight,
    LayoutContext, LineHeight, StyleProperty,
};

use crate::fonts;

/// An sRGB colour; the parley brush.
#[derive(Clone, Copy, PartialEq, Eq, Default, Debug)]
pub struct Rgb(pub u8, pub u8, pub u8);

impl Rgb {
    pub fn paint(self) -> krilla::paint::Paint {
        krilla::color::rgb::Color::new(self.0, self.1, self.2).into()
    }
    pub fn fill(self) -> Fill {
        Fill {
            paint: self.paint(),
            opacity: NormalizedF32::ONE,
            rule: Default::default(),
        }
    }
    pub fn hex(self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.0, self.1, self.2)
    }
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Align {
    /// Start of the text's own direction (right for Arabic/Hebrew).
    Start,
    Left,
    Right,
    Center,
}

#[derive(Clone, Copy, Debug)]
pub struct TextStyle {
    pub size: f32,
    pub bold: bool,
    pub color: Rgb,
    /// Primary family; the fallback chain of [`fonts::FALLBACKS`] follows it.
    pub family: &'static str,
    /// Line height as a multiple of the font size.
    pub leading: f32,
}

impl TextStyle {
    pub fn new(family: &'static str, size: f32, color: Rgb) -> Self {
        TextStyle {
            size,
            bold: false,
            color,
            family,
            leading: 1.35,
        }
    }
    pub fn bold(mut self) -> Self {
        self.bold = true;
        self
    }
    pub fn leading(mut self, l: f32) -> Self {
        self.leading = l;
        self
    }
    pub fn color(mut self, c: Rgb) -> Self {
        self.color = c;
        self
    }
    pub fn size(mut self, s: f32) -> Self {
        self.size = s;
        self
    }
}

/// A shaped, line-broken paragraph.
pub struct TextBlock {
    pub layout: parley::Layout<Rgb>,
    pub text: String,
    /// The width the block was laid out in (its box).
    pub box_width: f32,
    /// `(top, bottom)` of every line, relative to the block's top.
    pub lines: Vec<(f32, f32)>,
}

impl TextBlock {
    pub fn height(&self) -> f32 {
        self.lines.last().map(|l| l.1).unwrap_or(0.0)
    }
    pub fn line_count(&self) -> usize {
        self.lines.len()
    }
    /// Height of lines `range`.
    pub fn span_height(&self, from: usize, to: usize) -> f32 {
        if from >= to {
            return 0.0;
        }
        self.lines[to - 1].1 - self.lines[from].0
    }
    /// Width actually used by the widest line.
    pub fn width(&self) -> f32 {
        self.layout.width()
    }
}

/// One per thread (parley contexts are not `Sync`); reuse across documents.
pub struct TextEngine {
    font_cx: FontContext,
    layout_cx: LayoutContext<Rgb>,
}

impl Default for TextEngine {
    fn default() -> Self {
        Self::new()
    }
}

impl TextEngine {
    pub fn new() -> Self {
        let font_cx = FontContext {
            collection: fonts::bundled().collection.clone(),
            source_cache: Default::default(),
        };
        TextEngine {
            font_cx,
            layout_cx: LayoutContext::new(),
        }
    }

    /// Like [`Self::layout`], but the box is shrunk to the text's own width
    /// (chips, badges), so it can be placed and mirrored by its real size.
    pub fn layout_tight(&mut self, text: &str, style: &TextStyle, max_width: f32) -> Rc<TextBlock> {
        let b = self.layout(text, style, max_width, Align::Left);
        let w = b.width();
        if w + 0.5 < max_width {
            self.layout(text, style, w + 0.5, Align::Left)
        } else {
            b
        }
    }

    /// Shape `text` and break it into lines no wider than `width`.
    pub fn layout(
        &mut self,
        text: &str,
        style: &TextStyle,
        width: f32,
        align: Align,
    ) -> Rc<TextBlock> {
        // Control characters other than newline would render as .notdef boxes.
        let clean: String = text
            .chars()
            .map(|c| if c == '\t' { ' ' } else { c })
            .filter(|c| !c.is_control() || *c == '\n')
            .collect();
        // Text that starts with a CJK, Arabic or Hebrew character tries that
        // script's face first: fewer fallback look-ups per cluster (CJK
        // transcripts shape ~2x faster), same glyphs for that script.
        let first = fonts::first_script_family(&clean);
        let families: Vec<FontFamilyName<'static>> = first
            .into_iter()
            .chain(std::iter::once(style.family))
            .chain(fonts::FALLBACKS.into_iter().filter(|f| Some(*f) != first))
            .map(|f| FontFamilyName::Named(Cow::Borrowed(f)))
            .collect();
        let mut builder = self
            .layout_cx
            .ranged_builder(&mut self.font_cx, &clean, 1.0, false);
        builder.push_default(StyleProperty::FontFamily(FontFamily::List(Cow::Owned(
            families,
        ))));
        builder.push_default(StyleProperty::FontSize(style.size));
        builder.push_default(StyleProperty::Brush(style.color));
        builder.push_default(StyleProperty::LineHeight(LineHeight::FontSizeRelative(
            style.leading,
        )));
        if style.bold {
            builder.push_default(StyleProperty::FontWeight(FontWeight::BOLD));
        }
        let mut layout = builder.build(&clean);
        layout.break_all_lines(Some(width));
        let alignment = match align {
            Align::Start => Alignment::Start,
            Align::Left => Alignment::Left,
            Align::Right => Alignment::Right,
            Align::Center => Alignment::Center,
        };
        layout.align(
            alignment,
            AlignmentOptions {
                align_when_overflowing: false,
                last_line_alignment: None,
            },
        );
        let lines = layout
            .lines()
            .map(|l| {
                let m = l.metrics();
                (m.block_min_coord, m.block_max_coord)
            })
            .collect();
        Rc::new(TextBlock {
            layout,
            text: clean,
            box_width: width,
            lines,
        })
    }
}

/// Draw lines `from..to` of `block` so that line `from`'s top sits at `(x, y)`.
pub fn draw_block(
    surface: &mut Surface,
    block: &TextBlock,
    x: f32,
    y: f32,
    from: usize,
    to: usize,
) {
    let bundled = fonts::bundled();
    let Some(&(top0, _)) = block.lines.get(from) else {
        return;
    };
    let dy = y - top0;
    for line in block
        .layout
        .lines()
        .skip(from)
        .take(to.saturating_sub(from))
    {
        let m = line.metrics();
        let baseline = m.baseline + dy;
        let mut pen = x + m.offset;
        for run in line.runs() {
            let font_data = run.font();
            let key = (font_data.data.id(), font_data.index);
            let Some(font) = bundled.krilla.get(&key) else {
                // Not one of ours: cannot happen with system fonts off; skip the run.
                continue;
            };
            let size = run.font_size();
            let synthesis = run.synthesis();
            let mut glyphs: Vec<KrillaGlyph> = Vec::new();
            let start = pen;
            let mut brush = None;
            // Ligatures: the start cluster carries the glyph, continuations
            // carry none. Give the glyph the text of the whole ligature (found
            // in logical order) so copy/paste and text extraction keep it.
            let mut lig_end: Vec<(usize, usize)> = Vec::new();
            for cluster in run.clusters() {
                let r = cluster.text_range();
                if cluster.is_ligature_continuation() {
                    if let Some(last) = lig_end.last_mut() {
                        last.1 = last.1.max(r.end);
                    }
                } else if cluster.is_ligature_start() {
                    lig_end.push((r.start, r.end));
                }
            }
            for cluster in run.visual_clusters() {
                if brush.is_none() {
                    brush = Some(cluster.style().brush);
                }
                if cluster.is_ligature_continuation() {
                    pen += cluster.advance();
                    continue;
                }
                let mut range = cluster.text_range();
                if cluster.is_ligature_start() {
                    if let Some((_, end)) = lig_end.iter().find(|(s, _)| *s == range.start) {
                        range.end = range.end.max(*end);
                    }
                }
                for glyph in cluster.glyphs() {
                    glyphs.push(KrillaGlyph::new(
                        GlyphId::new(glyph.id),
                        glyph.advance / size,
                        glyph.x / size,
                        glyph.y / size,
                        0.0,
                        range.clone(),
                        None,
                    ));
                    pen += glyph.advance;
                }
            }
            if glyphs.is_empty() {
                continue;
            }
            let color = brush.unwrap_or_default();
            surface.set_fill(Some(color.fill()));
            if synthesis.embolden() {
                surface.set_stroke(Some(Stroke {
                    paint: color.paint(),
                    width: size * 0.03,
                    ..Default::default()
                }));
            } else {
                surface.set_stroke(None);
            }
            surface.draw_glyphs(
                Point::from_xy(start, baseline),
                &glyphs,
                font.clone(),
                &block.text,
                size,
                false,
            );
        }
    }
    surface.set_stroke(None);
}
