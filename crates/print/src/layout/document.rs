//! Pages into one PDF with the font subset to the glyphs used.

use printpdf::{PdfDocument, PdfSaveOptions};

use super::Canvas;
use crate::font::font;

pub struct Page {
    pub width_mm: f32,
    pub height_mm: f32,
    pub canvas: Canvas,
}

pub fn pdf(title: &str, pages: Vec<Page>) -> Vec<u8> {
    let mut doc = PdfDocument::new(title);
    let font_id = doc.add_font(&font().parsed);
    let pages = pages
        .into_iter()
        .map(|p| p.canvas.into_page(p.width_mm, p.height_mm, &font_id))
        .collect();
    let options = PdfSaveOptions {
        subset_fonts: true,
        ..PdfSaveOptions::default()
    };
    doc.with_pages(pages).save(&options, &mut Vec::new())
}
