//! Figure sizes: pixels, or a journal column width at a print resolution.
//!
//! Every length in the figures (font sizes, line widths, margins) is specified in typographic
//! points (1/72 inch) and converted with the canvas's pixels-per-point, so a figure looks the same
//! at any resolution. A journal canvas uses its real resolution (`dpi / 72` px per pt; an 85 mm
//! single-column figure at 300 dpi is 1004 px wide and its 8 pt labels are 33 px high). A canvas
//! given in pixels is treated as a 5-inch-wide figure (`width / 360` px per pt, at least 1).

use serde::{Deserialize, Serialize};

use crate::error::PlotError;

/// Millimetres per inch.
const MM_PER_INCH: f64 = 25.4;

/// Journal column widths (the usual figure widths of Elsevier, Springer and Wiley journals).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum JournalWidth {
    /// Single column, 85 mm.
    Single,
    /// Double column (full page width), 180 mm.
    Double,
}

impl JournalWidth {
    /// The width in millimetres.
    pub fn mm(self) -> f64 {
        match self {
            JournalWidth::Single => 85.0,
            JournalWidth::Double => 180.0,
        }
    }
}

/// The size of the picture to draw.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Canvas {
    /// Width in pixels.
    pub width_px: u32,
    /// Height in pixels.
    pub height_px: u32,
    /// Print resolution, written into the PNG (`pHYs`) when set.
    pub dpi: Option<f64>,
}

/// Smallest canvas accepted, in pixels.
pub const MIN_WIDTH_PX: u32 = 400;
/// Smallest canvas height accepted, in pixels.
pub const MIN_HEIGHT_PX: u32 = 300;
/// Largest canvas side accepted, in pixels (a 180 mm figure at 2800 dpi).
pub const MAX_SIDE_PX: u32 = 20_000;

impl Canvas {
    /// A canvas of `width` × `height` pixels (at least 400 × 300, at most 20000 on a side).
    pub fn pixels(width: u32, height: u32) -> Result<Self, PlotError> {
        if width < MIN_WIDTH_PX || height < MIN_HEIGHT_PX {
            return Err(PlotError::CanvasTooSmall { width, height });
        }
        if width.max(height) > MAX_SIDE_PX {
            return Err(PlotError::InvalidSize {
                what: "canvas side in px",
                value: f64::from(width.max(height)),
            });
        }
        Ok(Canvas {
            width_px: width,
            height_px: height,
            dpi: None,
        })
    }

    /// A journal figure `width` wide and `height_mm` high at `dpi` (300 for print).
    pub fn journal(width: JournalWidth, height_mm: f64, dpi: f64) -> Result<Self, PlotError> {
        if !(dpi.is_finite() && dpi > 0.0) {
            return Err(PlotError::InvalidSize {
                what: "dpi",
                value: dpi,
            });
        }
        if !(height_mm.is_finite() && height_mm > 0.0) {
            return Err(PlotError::InvalidSize {
                what: "height in mm",
                value: height_mm,
            });
        }
        let px = |mm: f64| (mm / MM_PER_INCH * dpi).round();
        let (w, h) = (px(width.mm()), px(height_mm));
        if w.max(h) > f64::from(MAX_SIDE_PX) {
            return Err(PlotError::InvalidSize {
                what: "dpi",
                value: dpi,
            });
        }
        let (w, h) = (w as u32, h as u32);
        if w < MIN_WIDTH_PX || h < MIN_HEIGHT_PX {
            return Err(PlotError::CanvasTooSmall {
                width: w,
                height: h,
            });
        }
        Ok(Canvas {
            width_px: w,
            height_px: h,
            dpi: Some(dpi),
        })
    }

    /// Pixels per typographic point.
    pub fn px_per_pt(&self) -> f64 {
        match self.dpi {
            Some(dpi) => dpi / 72.0,
            None => (f64::from(self.width_px) / 360.0).max(1.0),
        }
    }
}
