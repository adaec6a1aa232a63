//! A4 reports: the same header on every page, "N / M" at the foot of each, and tables that
//! continue on the next page under a repeated header row.

use super::{Align, Canvas, Page, Table, line_height, pdf};
use crate::text::wrap;

const A4_WIDTH_MM: f32 = 210.0;
const A4_HEIGHT_MM: f32 = 297.0;
const A4_MARGIN_MM: f32 = 15.0;
/// The usable width of an A4 report, for column widths.
pub const A4_INNER_MM: f32 = A4_WIDTH_MM - 2.0 * A4_MARGIN_MM;
const TOP_MM: f32 = 12.0;
/// Content stops here; the page number sits below.
const BOTTOM_MM: f32 = A4_HEIGHT_MM - 18.0;
const FOOTER_TOP_MM: f32 = A4_HEIGHT_MM - 12.0;

/// What heads every page of a report.
pub struct PageHeader {
    pub library: String,
    pub title: String,
    pub desk: String,
    pub printed: String,
    /// Lines under the title: the date reported on, notes on what the report holds.
    pub lines: Vec<String>,
}

pub struct ReportPages {
    header: PageHeader,
    pages: Vec<Canvas>,
    y: f32,
}

impl ReportPages {
    pub fn new(header: PageHeader) -> ReportPages {
        let mut pages = ReportPages {
            header,
            pages: Vec::new(),
            y: 0.0,
        };
        pages.new_page();
        pages
    }

    fn canvas(&mut self) -> &mut Canvas {
        self.pages.last_mut().expect("a report has a first page")
    }

    fn new_page(&mut self) {
        let mut c = Canvas::default();
        let h = &self.header;
        let (x, w) = (A4_MARGIN_MM, A4_INNER_MM);
        let mut y = TOP_MM;
        c.text_in(x, w, y, 9.0, &h.library, Align::Left);
        c.text_in(x, w, y, 9.0, &h.printed, Align::Right);
        y += line_height(9.0) + 0.5;
        c.text_in(x, w, y + 1.0, 11.0, &h.desk, Align::Right);
        c.text(x, y, 16.0, &h.title);
        y += line_height(16.0);
        for line in &h.lines {
            for l in wrap(line, w, 9.0) {
                c.text(x, y, 9.0, &l);
                y += line_height(9.0);
            }
        }
        y += 1.0;
        c.rule(x, y, w, 0.4);
        self.pages.push(c);
        self.y = y + 3.0;
    }

    /// Start a new page unless `height` more fits on this one.
    fn make_room(&mut self, height: f32) {
        if self.y + height > BOTTOM_MM {
            self.new_page();
        }
    }

    /// A section heading, kept on the page of the rows that follow it.
    pub fn heading(&mut self, text: &str, keep_with: f32) {
        let h = line_height(11.0) + 1.0;
        self.make_room(h + keep_with);
        let y = self.y;
        self.canvas().text(A4_MARGIN_MM, y, 11.0, text);
        self.y += h;
    }

    pub fn paragraph(&mut self, size: f32, text: &str) {
        for line in wrap(text, A4_INNER_MM, size) {
            self.make_room(line_height(size));
            let y = self.y;
            self.canvas().text(A4_MARGIN_MM, y, size, &line);
            self.y += line_height(size);
        }
    }

    /// Go on at the top of a new page.
    pub fn page_break(&mut self) {
        self.new_page();
    }

    pub fn gap(&mut self, mm: f32) {
        self.y += mm;
    }

    /// The height a heading needs below it so as not to be left alone at a page's foot.
    pub fn first_row_height(table: &Table, rows: &[Vec<String>]) -> f32 {
        table.header().height
            + rows
                .first()
                .map_or(line_height(9.0), |r| table.row(r).height)
    }

    pub fn table(&mut self, table: &Table, rows: &[Vec<String>]) {
        let header = table.header();
        let x = A4_MARGIN_MM;
        let mut header_drawn_on = None;
        for cells in rows {
            let row = table.row(cells);
            let header_here = header_drawn_on == Some(self.pages.len());
            self.make_room(row.height + if header_here { 0.0 } else { header.height });
            if header_drawn_on != Some(self.pages.len()) {
                let y = self.y;
                table.draw_header(self.canvas(), x, y, &header);
                self.y += header.height;
                header_drawn_on = Some(self.pages.len());
            }
            let y = self.y;
            table.draw_row(self.canvas(), x, y, &row);
            self.y += row.height;
        }
    }

    /// Number the pages and make the PDF.
    pub fn pdf(self, title: &str) -> Vec<u8> {
        let total = self.pages.len();
        let pages = self
            .pages
            .into_iter()
            .enumerate()
            .map(|(i, mut canvas)| {
                canvas.text_in(
                    A4_MARGIN_MM,
                    A4_INNER_MM,
                    FOOTER_TOP_MM,
                    9.0,
                    &format!("{} / {}", i + 1, total),
                    Align::Center,
                );
                Page {
                    width_mm: A4_WIDTH_MM,
                    height_mm: A4_HEIGHT_MM,
                    canvas,
                }
            })
            .collect();
        pdf(title, pages)
    }
}
