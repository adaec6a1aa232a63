//! Barcodes as module patterns, drawn by the PDF canvas or rasterised to PNG. Widths are whole
//! modules so that every bar lands on whole pixels, and the renderers add the quiet zones that
//! neither encoder includes.

mod code128;
mod nw7;
mod raster;

pub use code128::code128;
pub use nw7::nw7;
pub use raster::png;

/// Modules of clear space on each side: the minimum of both NW-7 and Code 128 is 10.
pub const QUIET_MODULES: usize = 10;

/// One module in print: 1/75 inch, a whole number of pixels at 75, 150, 300 and 600 dpi.
pub const MODULE_MM: f32 = 25.4 / 75.0;

/// A barcode's modules left to right; `true` is a bar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bars {
    pub modules: Vec<bool>,
    /// What a reader returns, as printed under the bars.
    pub text: String,
}

impl Bars {
    /// The bars as (first module, width in modules), to draw each as one rectangle.
    pub fn runs(&self) -> Vec<(usize, usize)> {
        let mut runs = Vec::new();
        let mut start = None;
        for (i, &bar) in self.modules.iter().chain([&false]).enumerate() {
            match (start, bar) {
                (None, true) => start = Some(i),
                (Some(s), false) => {
                    runs.push((s, i - s));
                    start = None;
                }
                _ => {}
            }
        }
        runs
    }

    /// The printed width with both quiet zones.
    pub fn width_mm(&self) -> f32 {
        (self.modules.len() + 2 * QUIET_MODULES) as f32 * MODULE_MM
    }
}
