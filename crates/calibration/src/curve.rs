//! Calibration-curve points for plotting: the apparent lowess curve and the grouped points.
//!
//! The smooth is R's `lowess(p, y, iter = 0)` (see [`crate::lowess`]) reported at the distinct
//! observed predictions (`approx(ties = mean)`), the curve `rms::val.prob` draws and from which
//! Emax/E90/Eavg are read. The grouped points are the Hosmer–Lemeshow groups (mean predicted vs
//! observed rate with its Wilson interval), as `val.prob(g = …)` or `calibration plots` show them.

use serde::Serialize;

use crate::hosmer_lemeshow::{HlGroup, hosmer_lemeshow};
use crate::lowess::{Interpolant, Ties, lowess};
use crate::{CalibrationError, validate_inputs};

/// Points of the apparent calibration curves.
#[derive(Debug, Clone, Serialize)]
pub struct CalibrationCurve {
    /// Distinct predicted probabilities, ascending.
    pub predicted: Vec<f64>,
    /// Lowess-smoothed observed probability at each `predicted`.
    pub smoothed: Vec<f64>,
    /// Quantile groups (as Hosmer–Lemeshow).
    pub groups: Vec<HlGroup>,
}

/// Apparent lowess curve and `g` grouped points of predictions `p` for outcomes `y`.
pub fn calibration_curve(
    p: &[f64],
    y: &[f64],
    g: usize,
) -> Result<CalibrationCurve, CalibrationError> {
    validate_inputs(p, y)?;
    let hl = hosmer_lemeshow(p, y, g)?;
    let smooth = lowess(p, y, 2.0 / 3.0);
    let curve = Interpolant::from_lowess(&smooth, Ties::Mean);
    let (x, fitted) = curve.points();
    let predicted = x.to_vec();
    let smoothed = fitted.to_vec();
    Ok(CalibrationCurve {
        predicted,
        smoothed,
        groups: hl.groups,
    })
}
