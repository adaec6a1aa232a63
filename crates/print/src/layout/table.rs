//! Tables with fixed column widths: each cell wraps within its column, so a row is as tall as
//! its tallest cell.

use super::{Align, Canvas, line_height};
use crate::text::wrap;

pub const CELL_PT: f32 = 9.0;
const PAD_X: f32 = 1.2;
const PAD_Y: f32 = 0.9;
const HEADER_GREY: f32 = 0.85;
const RULE_GREY: f32 = 0.55;

#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    pub title: String,
    pub width_mm: f32,
    pub align: Align,
}

impl Column {
    pub fn new(title: &str, width_mm: f32) -> Column {
        Column {
            title: title.to_string(),
            width_mm,
            align: Align::Left,
        }
    }

    pub fn right(self) -> Column {
        Column {
            align: Align::Right,
            ..self
        }
    }
}

/// One row broken into the lines of each cell.
pub struct Row {
    cells: Vec<Vec<String>>,
    pub height: f32,
}

pub struct Table<'a> {
    pub columns: &'a [Column],
}

impl Table<'_> {
    pub fn width(&self) -> f32 {
        self.columns.iter().map(|c| c.width_mm).sum()
    }

    pub fn row(&self, cells: &[String]) -> Row {
        let cells: Vec<Vec<String>> = self
            .columns
            .iter()
            .zip(cells.iter().chain(std::iter::repeat(&String::new())))
            .map(|(col, text)| wrap(text, col.width_mm - 2.0 * PAD_X, CELL_PT))
            .collect();
        let lines = cells.iter().map(Vec::len).max().unwrap_or(1);
        Row {
            cells,
            height: lines as f32 * line_height(CELL_PT) + 2.0 * PAD_Y,
        }
    }

    pub fn header(&self) -> Row {
        let titles: Vec<String> = self.columns.iter().map(|c| c.title.clone()).collect();
        self.row(&titles)
    }

    pub fn draw_header(&self, canvas: &mut Canvas, x: f32, top: f32, row: &Row) {
        canvas.fill(x, top, self.width(), row.height, HEADER_GREY);
        self.draw_row(canvas, x, top, row);
    }

    pub fn draw_row(&self, canvas: &mut Canvas, x: f32, top: f32, row: &Row) {
        let mut cx = x;
        for (col, lines) in self.columns.iter().zip(&row.cells) {
            let mut y = top + PAD_Y;
            for line in lines {
                canvas.text_in(
                    cx + PAD_X,
                    col.width_mm - 2.0 * PAD_X,
                    y,
                    CELL_PT,
                    line,
                    col.align,
                );
                y += line_height(CELL_PT);
            }
            cx += col.width_mm;
        }
        canvas.fill(x, top + row.height - 0.15, self.width(), 0.15, RULE_GREY);
    }
}
