//! A page drawn in millimetres from its top-left corner, the way a layout reads, turned into
//! PDF operations (points from the bottom-left) once the page height is known: a receipt's
//! height is only known when its last line is laid out.

use printpdf::{
    Color, FontId, Greyscale, Mm, Op, PaintMode, PdfFontHandle, PdfPage, Point, Pt, Rect, TextItem,
};

use crate::barcode::{Bars, MODULE_MM, QUIET_MODULES};
use crate::font::{MM_PER_PT, font};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Right,
    Center,
}

enum Mark {
    Text {
        x: f32,
        top: f32,
        size: f32,
        text: String,
    },
    /// A filled rectangle; rules and frames are thin ones. `grey` 0 is black.
    Fill {
        x: f32,
        top: f32,
        w: f32,
        h: f32,
        grey: f32,
    },
}

#[derive(Default)]
pub struct Canvas {
    marks: Vec<Mark>,
}

impl Canvas {
    /// `text` on one line whose top is at `top`.
    pub fn text(&mut self, x: f32, top: f32, size: f32, text: &str) {
        if !text.is_empty() {
            self.marks.push(Mark::Text {
                x,
                top,
                size,
                text: text.to_string(),
            });
        }
    }

    /// `text` placed in a box from `x` that is `width` wide.
    pub fn text_in(&mut self, x: f32, width: f32, top: f32, size: f32, text: &str, align: Align) {
        let w = font().width_mm(text, size);
        let x = match align {
            Align::Left => x,
            Align::Right => x + width - w,
            Align::Center => x + (width - w) / 2.0,
        };
        self.text(x, top, size, text);
    }

    pub fn fill(&mut self, x: f32, top: f32, w: f32, h: f32, grey: f32) {
        self.marks.push(Mark::Fill { x, top, w, h, grey });
    }

    pub fn rule(&mut self, x: f32, top: f32, w: f32, thickness: f32) {
        self.fill(x, top, w, thickness, 0.0);
    }

    pub fn frame(&mut self, x: f32, top: f32, w: f32, h: f32, thickness: f32) {
        self.rule(x, top, w, thickness);
        self.rule(x, top + h - thickness, w, thickness);
        self.fill(x, top, thickness, h, 0.0);
        self.fill(x + w - thickness, top, thickness, h, 0.0);
    }

    /// Draw `bars` with their quiet zones from `x` (moved onto the module grid, so that each bar
    /// covers whole pixels when rendered at 75, 150, 300 or 600 dpi). Returns the width used.
    pub fn barcode(&mut self, bars: &Bars, x: f32, top: f32, height: f32) -> f32 {
        let x0 = ((x / MODULE_MM).round() as usize + QUIET_MODULES) as f32 * MODULE_MM;
        for (start, len) in bars.runs() {
            self.fill(
                x0 + start as f32 * MODULE_MM,
                top,
                len as f32 * MODULE_MM,
                height,
                0.0,
            );
        }
        bars.width_mm()
    }

    pub fn into_page(self, width_mm: f32, height_mm: f32, font_id: &FontId) -> PdfPage {
        let pt = |mm: f32| Pt(mm / MM_PER_PT);
        let grey = |g: f32| Color::Greyscale(Greyscale::new(g, None));
        let mut ops = Vec::with_capacity(self.marks.len() * 6);
        let mut current_grey = None;
        let mut set_grey = |ops: &mut Vec<Op>, g: f32| {
            if current_grey != Some(g) {
                ops.push(Op::SetFillColor { col: grey(g) });
                current_grey = Some(g);
            }
        };
        for mark in self.marks {
            match mark {
                Mark::Text { x, top, size, text } => {
                    set_grey(&mut ops, 0.0);
                    let baseline = height_mm - top - font().ascent_mm(size);
                    ops.extend([
                        Op::StartTextSection,
                        Op::SetFont {
                            font: PdfFontHandle::External(font_id.clone()),
                            size: Pt(size),
                        },
                        Op::SetTextCursor {
                            pos: Point {
                                x: pt(x),
                                y: pt(baseline),
                            },
                        },
                        Op::ShowText {
                            items: vec![TextItem::Text(text)],
                        },
                        Op::EndTextSection,
                    ]);
                }
                Mark::Fill { x, top, w, h, grey } => {
                    set_grey(&mut ops, grey);
                    ops.push(Op::DrawRectangle {
                        rectangle: Rect {
                            mode: Some(PaintMode::Fill),
                            ..Rect::from_xywh(pt(x), pt(height_mm - top - h), pt(w), pt(h))
                        },
                    });
                }
            }
        }
        PdfPage::new(Mm(width_mm), Mm(height_mm), ops)
    }
}
