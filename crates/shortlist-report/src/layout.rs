//! A small page-layout layer over krilla: a display list per page, a flow
//! that places blocks top to bottom and opens a new page when one is full,
//! tables whose rows split across pages (header row repeated), and a running
//! header/footer drawn once the page count is known ("Page N of M").

use std::rc::Rc;

use krilla::geom::{PathBuilder, Rect, Size, Transform};
use krilla::page::PageSettings;
use krilla::paint::Stroke;
use krilla::surface::Surface;
use krilla_svg::{SurfaceExt, SvgSettings};

use crate::text::{draw_block, Rgb, TextBlock};

/// A4 in points.
pub const PAGE_W: f32 = 595.28;
pub const PAGE_H: f32 = 841.89;

pub enum Op {
    Text {
        block: Rc<TextBlock>,
        x: f32,
        y: f32,
        from: usize,
        to: usize,
    },
    Rect {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        fill: Rgb,
        radius: f32,
    },
    Line {
        x1: f32,
        y1: f32,
        x2: f32,
        y2: f32,
        width: f32,
        color: Rgb,
    },
    Svg {
        tree: Rc<resvg::usvg::Tree>,
        x: f32,
        y: f32,
        w: f32,
        h: f32,
    },
}

impl Op {
    pub fn text(block: &Rc<TextBlock>, x: f32, y: f32) -> Op {
        Op::Text {
            block: block.clone(),
            x,
            y,
            from: 0,
            to: block.line_count(),
        }
    }
}

#[derive(Clone, Copy, Debug)]
pub struct Margins {
    pub top: f32,
    pub bottom: f32,
    pub left: f32,
    pub right: f32,
}

/// Places content top to bottom across pages.
pub struct Flow {
    pub pages: Vec<Vec<Op>>,
    pub y: f32,
    pub m: Margins,
}

impl Flow {
    pub fn new(m: Margins) -> Self {
        Flow {
            pages: vec![Vec::new()],
            y: m.top,
            m,
        }
    }
    pub fn left(&self) -> f32 {
        self.m.left
    }
    pub fn width(&self) -> f32 {
        PAGE_W - self.m.left - self.m.right
    }
    pub fn bottom(&self) -> f32 {
        PAGE_H - self.m.bottom
    }
    pub fn remaining(&self) -> f32 {
        self.bottom() - self.y
    }
    pub fn push(&mut self, op: Op) {
        self.pages.last_mut().expect("a page").push(op);
    }
    pub fn new_page(&mut self) {
        self.pages.push(Vec::new());
        self.y = self.m.top;
    }
    /// Start a new page unless `h` fits in what is left (and we are not at the top already).
    pub fn ensure(&mut self, h: f32) {
        if self.y + h > self.bottom() && self.y > self.m.top + 0.5 {
            self.new_page();
        }
    }
    pub fn gap(&mut self, h: f32) {
        self.y += h;
        if self.y >= self.bottom() {
            self.new_page();
        }
    }
    /// Place a paragraph at `x`, splitting it between lines across pages.
    pub fn paragraph(&mut self, block: &Rc<TextBlock>, x: f32) {
        let mut from = 0;
        let n = block.line_count();
        while from < n {
            let mut to = from;
            while to < n && self.y + block.span_height(from, to + 1) <= self.bottom() {
                to += 1;
            }
            if to == from {
                if self.y > self.m.top + 0.5 {
                    self.new_page();
                    continue;
                }
                to = from + 1; // a single line taller than a page: place it anyway
            }
            self.push(Op::Text {
                block: block.clone(),
                x,
                y: self.y,
                from,
                to,
            });
            self.y += block.span_height(from, to);
            from = to;
            if from < n {
                self.new_page();
            }
        }
    }
}

/// A table cell: shaped text plus its column.
pub struct Row {
    pub cells: Vec<Rc<TextBlock>>,
    /// Background of the row (zebra striping / highlight), if any.
    pub fill: Option<Rgb>,
}

pub struct TableStyle {
    /// Column widths in points; sums to the table width.
    pub widths: Vec<f32>,
    pub pad_x: f32,
    pub pad_y: f32,
    pub header_fill: Option<Rgb>,
    pub rule: Rgb,
    pub rule_width: f32,
    /// Draw the header's bottom rule heavier (Classic look).
    pub header_rule_width: f32,
}

impl Flow {
    /// Lay out a table; rows taller than what is left split between lines,
    /// the header row repeats at the top of every continuation page.
    pub fn table(&mut self, header: Option<&Row>, rows: &[Row], st: &TableStyle) {
        let x0 = self.left();
        let total_w: f32 = st.widths.iter().sum();
        let header_h = header.map(|h| row_height(h, st)).unwrap_or(0.0);
        let draw_header = |flow: &mut Flow| {
            if let Some(h) = header {
                let hh = row_height(h, st);
                if let Some(fill) = st.header_fill {
                    flow.push(Op::Rect {
                        x: x0,
                        y: flow.y,
                        w: total_w,
                        h: hh,
                        fill,
                        radius: 0.0,
                    });
                }
                let mut x = x0;
                for (cell, w) in h.cells.iter().zip(&st.widths) {
                    flow.push(Op::text(cell, x + st.pad_x, flow.y + st.pad_y));
                    x += w;
                }
                flow.y += hh;
                flow.push(Op::Line {
                    x1: x0,
                    y1: flow.y,
                    x2: x0 + total_w,
                    y2: flow.y,
                    width: st.header_rule_width,
                    color: st.rule,
                });
            }
        };
        // Keep the header with at least the first row's first line.
        let first_line = rows
            .first()
            .map(|r| {
                r.cells
                    .iter()
                    .map(|c| c.span_height(0, 1.min(c.line_count())))
                    .fold(0.0, f32::max)
                    + 2.0 * st.pad_y
            })
            .unwrap_or(0.0);
        self.ensure(header_h + first_line);
        draw_header(self);
        for row in rows {
            let mut from: Vec<usize> = vec![0; row.cells.len()];
            loop {
                // How many lines of each cell fit in what is left of this page.
                let avail = self.bottom() - self.y - 2.0 * st.pad_y;
                let mut to = from.clone();
                let mut all_done = true;
                for (i, cell) in row.cells.iter().enumerate() {
                    let n = cell.line_count();
                    while to[i] < n && cell.span_height(from[i], to[i] + 1) <= avail {
                        to[i] += 1;
                    }
                    if to[i] < n {
                        all_done = false;
                    }
                }
                let progressed = row
                    .cells
                    .iter()
                    .enumerate()
                    .any(|(i, c)| to[i] > from[i] || c.line_count() == 0);
                if !progressed {
                    if self.y > self.m.top + header_h + 0.5 {
                        self.new_page();
                        draw_header(self);
                        continue;
                    }
                    // Taller than a page: force one line of each cell.
                    for (i, cell) in row.cells.iter().enumerate() {
                        to[i] = (from[i] + 1).min(cell.line_count());
                    }
                }
                // Avoid leaving a lonely fragment: if the row does not fit entirely
                // but would fit on a fresh page, move it whole.
                if !all_done && from.iter().all(|f| *f == 0) {
                    let whole = row_height(row, st);
                    if whole <= self.bottom() - self.m.top - header_h
                        && self.y > self.m.top + header_h + 0.5
                    {
                        self.new_page();
                        draw_header(self);
                        continue;
                    }
                }
                let h = row
                    .cells
                    .iter()
                    .enumerate()
                    .map(|(i, c)| c.span_height(from[i], to[i]))
                    .fold(0.0, f32::max)
                    + 2.0 * st.pad_y;
                if let Some(fill) = row.fill {
                    self.push(Op::Rect {
                        x: x0,
                        y: self.y,
                        w: total_w,
                        h,
                        fill,
                        radius: 0.0,
                    });
                }
                let mut x = x0;
                for (i, (cell, w)) in row.cells.iter().zip(&st.widths).enumerate() {
                    if to[i] > from[i] {
                        self.push(Op::Text {
                            block: cell.clone(),
                            x: x + st.pad_x,
                            y: self.y + st.pad_y,
                            from: from[i],
                            to: to[i],
                        });
                    }
                    x += w;
                }
                self.y += h;
                if st.rule_width > 0.0 {
                    self.push(Op::Line {
                        x1: x0,
                        y1: self.y,
                        x2: x0 + total_w,
                        y2: self.y,
                        width: st.rule_width,
                        color: st.rule,
                    });
                }
                from = to;
                let done = row
                    .cells
                    .iter()
                    .enumerate()
                    .all(|(i, c)| from[i] >= c.line_count());
                if done {
                    break;
                }
                self.new_page();
                draw_header(self);
            }
        }
    }
}

pub fn row_height(row: &Row, st: &TableStyle) -> f32 {
    row.cells.iter().map(|c| c.height()).fold(0.0, f32::max) + 2.0 * st.pad_y
}

fn rounded_rect(x: f32, y: f32, w: f32, h: f32, r: f32) -> Option<krilla::geom::Path> {
    let mut pb = PathBuilder::new();
    if r <= 0.0 {
        pb.push_rect(Rect::from_xywh(x, y, w, h)?);
        return pb.finish();
    }
    let r = r.min(w / 2.0).min(h / 2.0);
    let k = 0.5523 * r;
    pb.move_to(x + r, y);
    pb.line_to(x + w - r, y);
    pb.cubic_to(x + w - r + k, y, x + w, y + r - k, x + w, y + r);
    pb.line_to(x + w, y + h - r);
    pb.cubic_to(x + w, y + h - r + k, x + w - r + k, y + h, x + w - r, y + h);
    pb.line_to(x + r, y + h);
    pb.cubic_to(x + r - k, y + h, x, y + h - r + k, x, y + h - r);
    pb.line_to(x, y + r);
    pb.cubic_to(x, y + r - k, x + r - k, y, x + r, y);
    pb.close();
    pb.finish()
}

/// Mirror an op horizontally across the page (right-to-left documents).
/// Text keeps its glyph order; only its box moves.
pub fn mirror(op: &mut Op) {
    match op {
        Op::Text { block, x, .. } => *x = PAGE_W - *x - block.box_width,
        Op::Rect { x, w, .. } => *x = PAGE_W - *x - *w,
        Op::Line { x1, x2, .. } => {
            *x1 = PAGE_W - *x1;
            *x2 = PAGE_W - *x2;
        }
        Op::Svg { x, w, .. } => *x = PAGE_W - *x - *w,
    }
}

/// Draw one op onto a krilla surface.
pub fn draw_op(surface: &mut Surface, op: &Op) {
    match op {
        Op::Text {
            block,
            x,
            y,
            from,
            to,
        } => draw_block(surface, block, *x, *y, *from, *to),
        Op::Rect {
            x,
            y,
            w,
            h,
            fill,
            radius,
        } => {
            if let Some(path) = rounded_rect(*x, *y, *w, *h, *radius) {
                surface.set_stroke(None);
                surface.set_fill(Some(fill.fill()));
                surface.draw_path(&path);
            }
        }
        Op::Line {
            x1,
            y1,
            x2,
            y2,
            width,
            color,
        } => {
            let mut pb = PathBuilder::new();
            pb.move_to(*x1, *y1);
            pb.line_to(*x2, *y2);
            if let Some(path) = pb.finish() {
                surface.set_fill(None);
                surface.set_stroke(Some(Stroke {
                    paint: color.paint(),
                    width: *width,
                    ..Default::default()
                }));
                surface.draw_path(&path);
                surface.set_stroke(None);
            }
        }
        Op::Svg { tree, x, y, w, h } => {
            if let Some(size) = Size::from_wh(*w, *h) {
                surface.push_transform(&Transform::from_translate(*x, *y));
                surface.draw_svg(tree, size, SvgSettings::default());
                surface.pop();
            }
        }
    }
}

/// Write pages to a krilla document: `decorate(page_index, page_count)`
/// returns the running header/footer ops of a page.
pub fn render_pages(
    doc: &mut krilla::Document,
    pages: &[Vec<Op>],
    mut decorate: impl FnMut(usize, usize) -> Vec<Op>,
) {
    let n = pages.len();
    for (i, ops) in pages.iter().enumerate() {
        let settings = PageSettings::from_wh(PAGE_W, PAGE_H).expect("A4 is a valid page size");
        let mut page = doc.start_page_with(settings);
        let mut surface = page.surface();
        for op in ops {
            draw_op(&mut surface, op);
        }
        for op in decorate(i, n) {
            draw_op(&mut surface, &op);
        }
        surface.finish();
        page.finish();
    }
}
