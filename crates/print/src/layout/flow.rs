//! Content laid out from the top down in one column: receipt-printer slips (80 mm wide, as
//! long as their content) and fixed-size labels.

use super::{Align, Canvas, Page};
use crate::barcode::Bars;
use crate::font::{MM_PER_PT, font};
use crate::text::wrap;

/// Line height as a multiple of the type size: room for Japanese text, which fills its em.
const LEADING: f32 = 1.35;

/// Boxed text shrinks no further than this; longer text wraps.
const MIN_BOXED_PT: f32 = 14.0;

pub fn line_height(size_pt: f32) -> f32 {
    size_pt * LEADING * MM_PER_PT
}

pub struct Flow {
    canvas: Canvas,
    width: f32,
    margin: f32,
    y: f32,
}

impl Flow {
    pub fn new(width_mm: f32, margin_mm: f32) -> Flow {
        Flow {
            canvas: Canvas::default(),
            width: width_mm,
            margin: margin_mm,
            y: margin_mm,
        }
    }

    fn inner(&self) -> f32 {
        self.width - 2.0 * self.margin
    }

    pub fn gap(&mut self, mm: f32) {
        self.y += mm;
    }

    /// Wrapped text, aligned within the column.
    pub fn text(&mut self, size: f32, text: &str, align: Align) {
        for line in wrap(text, self.inner(), size) {
            self.canvas
                .text_in(self.margin, self.inner(), self.y, size, &line, align);
            self.y += line_height(size);
        }
    }

    pub fn left(&mut self, size: f32, text: &str) {
        self.text(size, text, Align::Left);
    }

    pub fn center(&mut self, size: f32, text: &str) {
        self.text(size, text, Align::Center);
    }

    /// A label in small type with its value beside it, the value wrapping under itself.
    pub fn field(&mut self, label: &str, label_width: f32, size: f32, value: &str) {
        let small = size.min(9.0);
        let value_x = self.margin + label_width;
        // The label sits on the value's first baseline.
        let drop = font().ascent_mm(size) - font().ascent_mm(small);
        self.canvas.text(self.margin, self.y + drop, small, label);
        for line in wrap(value, self.inner() - label_width, size) {
            self.canvas.text(value_x, self.y, size, &line);
            self.y += line_height(size);
        }
    }

    /// Text on the left and on the right of one line.
    pub fn spread(&mut self, size: f32, left: &str, right: &str) {
        let inner = self.inner();
        self.canvas
            .text_in(self.margin, inner, self.y, size, left, Align::Left);
        self.canvas
            .text_in(self.margin, inner, self.y, size, right, Align::Right);
        self.y += line_height(size);
    }

    pub fn rule(&mut self) {
        self.y += 1.0;
        self.canvas.rule(self.margin, self.y, self.inner(), 0.25);
        self.y += 1.6;
    }

    /// A heavy frame around `text`, centred: what must not be missed (着払い, the destination).
    /// The type shrinks, down to `MIN_BOXED_PT`, to keep the text on one line (with 1% to spare
    /// for rounding, which would otherwise push the last character onto a line of its own).
    pub fn boxed(&mut self, size: f32, text: &str) {
        let pad = 2.5;
        let room = self.inner() - 2.0 * pad;
        let natural = font().width_mm(text, size);
        let size = if natural > room {
            (size * room / natural * 0.99).max(MIN_BOXED_PT)
        } else {
            size
        };
        let lines = wrap(text, room, size);
        let h = lines.len() as f32 * line_height(size) + 2.0 * pad;
        self.canvas.frame(self.margin, self.y, self.inner(), h, 0.6);
        let mut y = self.y + pad + (line_height(size) - size * MM_PER_PT) / 2.0;
        for line in lines {
            self.canvas
                .text_in(self.margin, self.inner(), y, size, &line, Align::Center);
            y += line_height(size);
        }
        self.y += h + 1.5;
    }

    /// A barcode centred with its quiet zones, the data printed under it.
    pub fn barcode(&mut self, bars: &Bars, height: f32) {
        let x = self.margin + (self.inner() - bars.width_mm()).max(0.0) / 2.0;
        self.canvas.barcode(bars, x, self.y, height);
        self.y += height + 0.8;
        self.center(9.0, &bars.text);
    }

    /// The page: `height` if given, else as tall as the content.
    pub fn page(self, height: Option<f32>) -> Page {
        let content = self.y + self.margin;
        Page {
            width_mm: self.width,
            height_mm: height.map_or(content, |h| h.max(content)),
            canvas: self.canvas,
        }
    }
}
