//! A barcode as a PNG for a phone screen (C4): whole-pixel modules, wide quiet zones.

use super::Bars;
use crate::error::{PrintError, Result};

/// An 8-bit grey image, white around black bars.
pub fn png(bars: &Bars, module_px: u32, quiet_modules: u32, height_px: u32) -> Result<Vec<u8>> {
    let width_modules = bars.modules.len() as u32 + 2 * quiet_modules;
    let width = width_modules * module_px;
    let mut row = vec![255u8; width as usize];
    for (i, &bar) in bars.modules.iter().enumerate() {
        if bar {
            let x = (quiet_modules + i as u32) * module_px;
            row[x as usize..(x + module_px) as usize].fill(0);
        }
    }
    let margin = quiet_modules * module_px / 2;
    let height = height_px + 2 * margin;
    let mut pixels = Vec::with_capacity((width * height) as usize);
    for y in 0..height {
        if y < margin || y >= margin + height_px {
            pixels.extend(std::iter::repeat_n(255u8, width as usize));
        } else {
            pixels.extend_from_slice(&row);
        }
    }
    let err = |e: png::EncodingError| PrintError::Png(e.to_string());
    let mut out = Vec::new();
    let mut encoder = png::Encoder::new(&mut out, width, height);
    encoder.set_color(png::ColorType::Grayscale);
    encoder.set_depth(png::BitDepth::Eight);
    let mut writer = encoder.write_header().map_err(err)?;
    writer.write_image_data(&pixels).map_err(err)?;
    writer.finish().map_err(err)?;
    Ok(out)
}
