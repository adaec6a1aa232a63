//! The one typeface: IPAex Gothic, shipped in `assets/fonts/` under the IPA Font License
//! (`assets/fonts/IPA_Font_License_Agreement_v1.0.txt`) and embedded so that printing needs no
//! system font. PDFs carry only the glyphs they use (printpdf's `text_layout` subsetting).

use std::sync::OnceLock;

use printpdf::ParsedFont;

const IPAEX_GOTHIC: &[u8] = include_bytes!("../../../assets/fonts/ipaexg.ttf");

/// Millimetres per PostScript point.
pub const MM_PER_PT: f32 = 25.4 / 72.0;

pub struct Font {
    pub parsed: ParsedFont,
    units_per_em: f32,
    ascender: f32,
}

/// Parsed once per process: parsing the 6 MB font costs far more than laying out a slip.
pub fn font() -> &'static Font {
    static FONT: OnceLock<Font> = OnceLock::new();
    FONT.get_or_init(|| {
        let parsed = ParsedFont::from_bytes(IPAEX_GOTHIC, 0, &mut Vec::new())
            .expect("the embedded IPAex Gothic parses");
        let units_per_em = f32::from(parsed.pdf_font_metrics.units_per_em);
        let ascender = f32::from(parsed.pdf_font_metrics.ascender) / units_per_em;
        Font {
            parsed,
            units_per_em,
            ascender,
        }
    })
}

impl Font {
    /// The advance of `c` in ems; a character the font lacks counts as a full-width one.
    pub fn advance_em(&self, c: char) -> f32 {
        match self.parsed.lookup_glyph_index(u32::from(c)) {
            Some(gid) if gid != 0 => {
                f32::from(self.parsed.get_horizontal_advance(gid)) / self.units_per_em
            }
            _ => 1.0,
        }
    }

    /// How wide `text` is set at `size_pt`, in millimetres.
    pub fn width_mm(&self, text: &str, size_pt: f32) -> f32 {
        text.chars().map(|c| self.advance_em(c)).sum::<f32>() * size_pt * MM_PER_PT
    }

    /// From the top of a line of `size_pt` text down to its baseline, in millimetres.
    pub fn ascent_mm(&self, size_pt: f32) -> f32 {
        self.ascender * size_pt * MM_PER_PT
    }
}
