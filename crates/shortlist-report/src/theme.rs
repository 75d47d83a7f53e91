//! Colours, type scale and margins shared by the PDF writers.

use crate::fonts;
use crate::layout::Margins;
use crate::model::ReportStyle;
use crate::text::{Rgb, TextStyle};

#[derive(Clone, Copy, Debug)]
pub struct Theme {
    pub classic: bool,
    pub family: &'static str,
    pub accent: Rgb,
    pub accent_soft: Rgb,
    pub ink: Rgb,
    pub muted: Rgb,
    pub rule: Rgb,
    pub panel: Rgb,
    pub good: Rgb,
    pub bad: Rgb,
    pub warn: Rgb,
    pub warn_soft: Rgb,
    pub margins: Margins,
}

impl Theme {
    pub fn for_style(style: ReportStyle) -> Theme {
        match style {
            ReportStyle::Modern => Theme {
                classic: false,
                family: fonts::SANS,
                accent: Rgb(0x2F, 0x5B, 0xEA),
                accent_soft: Rgb(0xE8, 0xEE, 0xFD),
                ink: Rgb(0x1B, 0x22, 0x30),
                muted: Rgb(0x5B, 0x65, 0x76),
                rule: Rgb(0xE3, 0xE7, 0xEE),
                panel: Rgb(0xF5, 0xF7, 0xFB),
                good: Rgb(0x0E, 0x8A, 0x5F),
                bad: Rgb(0xC2, 0x3B, 0x3B),
                warn: Rgb(0x9A, 0x5B, 0x00),
                warn_soft: Rgb(0xFF, 0xF3, 0xDC),
                margins: Margins {
                    top: 66.0,
                    bottom: 62.0,
                    left: 54.0,
                    right: 54.0,
                },
            },
            ReportStyle::Classic => Theme {
                classic: true,
                family: fonts::SERIF,
                accent: Rgb(0x1F, 0x2A, 0x44),
                accent_soft: Rgb(0xEE, 0xEF, 0xF2),
                ink: Rgb(0x14, 0x14, 0x14),
                muted: Rgb(0x55, 0x55, 0x55),
                rule: Rgb(0xB8, 0xB8, 0xB8),
                panel: Rgb(0xF7, 0xF6, 0xF2),
                good: Rgb(0x1F, 0x5F, 0x3A),
                bad: Rgb(0x8B, 0x1E, 0x1E),
                warn: Rgb(0x7A, 0x4A, 0x00),
                warn_soft: Rgb(0xF6, 0xEF, 0xDD),
                margins: Margins {
                    top: 72.0,
                    bottom: 66.0,
                    left: 64.0,
                    right: 64.0,
                },
            },
        }
    }
    pub fn body(&self) -> TextStyle {
        TextStyle::new(self.family, 9.5, self.ink)
    }
    pub fn small(&self) -> TextStyle {
        TextStyle::new(self.family, 8.0, self.muted)
    }
    pub fn label(&self) -> TextStyle {
        TextStyle::new(self.family, 7.5, self.muted).bold()
    }
    pub fn h1(&self) -> TextStyle {
        TextStyle::new(self.family, 22.0, self.ink)
            .bold()
            .leading(1.2)
    }
    pub fn h2(&self) -> TextStyle {
        TextStyle::new(self.family, 12.5, self.ink)
            .bold()
            .leading(1.25)
    }
    pub fn strong(&self) -> TextStyle {
        self.body().bold()
    }
}
