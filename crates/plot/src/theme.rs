//! The one theme: the embedded font, the Okabe–Ito palette and the sizes in points.
//!
//! Text is set in DejaVu Sans (Bitstream Vera licence, `assets/DejaVuSans-LICENSE.txt`), compiled
//! into the crate with `include_bytes!` and registered with plotters' `ab_glyph` text renderer,
//! so PNGs render identically on a machine without any installed font. SVG text stays `<text>`
//! elements whose `font-family` lists DejaVu Sans first and common sans-serif fallbacks after it.
//!
//! Colours follow Okabe & Ito (2008), *Color Universal Design*, the palette recommended for
//! readers with colour-vision deficiency (Wong 2011, Nature Methods 8:441).

use std::sync::OnceLock;

use plotters::style::{FontStyle, RGBColor};

use crate::error::PlotError;

/// The embedded font file.
static DEJAVU_SANS: &[u8] = include_bytes!("../assets/DejaVuSans.ttf");

/// The font family name used for every text element (also the SVG `font-family` value).
pub const FONT_FAMILY: &str = "DejaVu Sans, Verdana, Arial, Helvetica, sans-serif";

/// Registers the embedded font with plotters once per process.
pub(crate) fn register_font() -> Result<(), PlotError> {
    static REGISTERED: OnceLock<bool> = OnceLock::new();
    let ok = *REGISTERED.get_or_init(|| {
        plotters::style::register_font(FONT_FAMILY, FontStyle::Normal, DEJAVU_SANS).is_ok()
    });
    if ok {
        Ok(())
    } else {
        Err(PlotError::Backend(
            "the embedded DejaVu Sans font could not be parsed".into(),
        ))
    }
}

/// Okabe–Ito black.
pub const BLACK: RGBColor = RGBColor(0, 0, 0);
/// Okabe–Ito orange.
pub const ORANGE: RGBColor = RGBColor(0xE6, 0x9F, 0x00);
/// Okabe–Ito sky blue.
pub const SKY_BLUE: RGBColor = RGBColor(0x56, 0xB4, 0xE9);
/// Okabe–Ito bluish green.
pub const BLUISH_GREEN: RGBColor = RGBColor(0x00, 0x9E, 0x73);
/// Okabe–Ito blue.
pub const BLUE: RGBColor = RGBColor(0x00, 0x72, 0xB2);
/// Okabe–Ito vermillion.
pub const VERMILLION: RGBColor = RGBColor(0xD5, 0x5E, 0x00);
/// Okabe–Ito reddish purple.
pub const REDDISH_PURPLE: RGBColor = RGBColor(0xCC, 0x79, 0xA7);
/// Reference lines (diagonals, treat none, grid).
pub const GREY: RGBColor = RGBColor(0x99, 0x99, 0x99);
/// Light grey for bands' outlines and minor furniture.
pub const LIGHT_GREY: RGBColor = RGBColor(0xD9, 0xD9, 0xD9);
/// Background.
pub const WHITE: RGBColor = RGBColor(0xFF, 0xFF, 0xFF);

/// Series colours in the order they are used (yellow is left out: it vanishes on white).
pub const SERIES: [RGBColor; 7] = [
    BLUE,
    VERMILLION,
    BLUISH_GREEN,
    ORANGE,
    REDDISH_PURPLE,
    SKY_BLUE,
    BLACK,
];

/// The colour of series `i` (the palette repeats after seven series).
pub fn series_colour(i: usize) -> RGBColor {
    SERIES[i % SERIES.len()]
}

/// Font size of tick labels, legends and tables, in points.
pub const TEXT_PT: f64 = 8.0;
/// Font size of axis titles, in points.
pub const TITLE_PT: f64 = 8.5;
/// Font size of small annotations (threshold labels, nzero axis), in points.
pub const SMALL_PT: f64 = 7.0;
/// Width of data curves, in points.
pub const CURVE_PT: f64 = 1.1;
/// Width of axes and reference lines, in points.
pub const AXIS_PT: f64 = 0.6;
/// Length of axis ticks, in points.
pub const TICK_PT: f64 = 3.0;
/// Outer margin of every figure, in points.
pub const MARGIN_PT: f64 = 6.0;
