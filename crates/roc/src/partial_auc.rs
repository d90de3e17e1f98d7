//! Partial area under the ROC curve over a specificity or sensitivity range, with McClish's
//! standardisation.
//!
//! Focus on specificity: pAUC = ∫_{lo}^{hi} Se(sp) d sp, the area under the empirical curve
//! (sensitivity against specificity, the curve's points joined by straight lines) between
//! specificities lo and hi. Focus on sensitivity swaps the axes: ∫_{lo}^{hi} Sp(se) d se. The
//! curve is piecewise linear, so the integral is the sum of trapezoids of its segments clipped
//! to [lo, hi] (ends interpolated linearly, as pROC's `auc(partial.auc = …)`; vertical segments
//! have no width). The range may be given in either order, as pROC's `c(1, 0.8)`.
//!
//! McClish (1989) maps the pAUC to [½, 1] for curves above the diagonal:
//! pAUC* = ½ (1 + (pAUC − min)/(max − min)), where max = hi − lo is the area of a perfect test and
//! min = ∫_{lo}^{hi} (1 − x) dx the area under the chance diagonal. pROC (`partial.auc.correct =
//! TRUE`) leaves it undefined (NA) when pAUC < min; so do we (`None`).

use serde::Serialize;

use crate::error::RocError;
use crate::roc::Roc;

/// Which axis the partial range refers to (pROC's `partial.auc.focus`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PartialFocus {
    /// The range is on specificity; integrate sensitivity.
    Specificity,
    /// The range is on sensitivity; integrate specificity.
    Sensitivity,
}

/// A partial AUC and its McClish-corrected value.
#[derive(Debug, Clone, Serialize)]
pub struct PartialAuc {
    /// Axis of the range.
    pub focus: PartialFocus,
    /// Lower end of the range.
    pub lower: f64,
    /// Upper end of the range.
    pub upper: f64,
    /// Uncorrected partial area.
    pub pauc: f64,
    /// McClish (1989) standardised value, `None` when the curve lies below the diagonal there.
    pub corrected: Option<f64>,
}

impl Roc {
    /// Partial AUC over `[from, to]` (either order) of the `focus` axis, with McClish's
    /// correction (McClish 1989; pROC `auc(partial.auc, partial.auc.focus, partial.auc.correct)`).
    pub fn partial_auc(
        &self,
        focus: PartialFocus,
        from: f64,
        to: f64,
    ) -> Result<PartialAuc, RocError> {
        let (lo, hi) = (from.min(to), from.max(to));
        if !(lo >= 0.0 && hi <= 1.0 && hi > lo) {
            return Err(RocError::InvalidRange { from, to });
        }
        // (x, y) with x non-decreasing.
        let points: Vec<(f64, f64)> = match focus {
            PartialFocus::Specificity => self
                .curve
                .iter()
                .map(|p| (p.specificity, p.sensitivity))
                .collect(),
            PartialFocus::Sensitivity => self
                .curve
                .iter()
                .rev()
                .map(|p| (p.sensitivity, p.specificity))
                .collect(),
        };
        let mut pauc = 0.0;
        for w in points.windows(2) {
            let ((x0, y0), (x1, y1)) = (w[0], w[1]);
            let (a, b) = (x0.max(lo), x1.min(hi));
            if x1 <= x0 || b <= a {
                continue;
            }
            let at = |x: f64| y0 + (y1 - y0) * (x - x0) / (x1 - x0);
            pauc += (b - a) * (at(a) + at(b)) / 2.0;
        }
        let max = hi - lo;
        let min = max - (hi * hi - lo * lo) / 2.0;
        let corrected = (pauc >= min).then(|| (1.0 + (pauc - min) / (max - min)) / 2.0);
        Ok(PartialAuc {
            focus,
            lower: lo,
            upper: hi,
            pauc,
            corrected,
        })
    }
}
