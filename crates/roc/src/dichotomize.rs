//! Dichotomising a continuous variable at a cutoff, for the workflow's "dichotomise each
//! continuous predictor at its Youden cutoff" step.
//!
//! With pROC's convention the indicator is 1 when the value is on the case side of the cutoff:
//! value ≥ cutoff for direction `<`, value ≤ cutoff for `>`; so the 0/1 variable classifies
//! exactly as the ROC curve does at that threshold.

use crate::direction::Direction;
use crate::error::RocError;

/// 0/1 indicator of `values` at `cutoff` with `direction` (1 = positive side, pROC's rule).
/// Errors on a NaN cutoff or on a non-finite value (with its position).
pub fn dichotomize(
    values: &[f64],
    cutoff: f64,
    direction: Direction,
) -> Result<Vec<f64>, RocError> {
    if cutoff.is_nan() {
        return Err(RocError::NanThreshold);
    }
    values
        .iter()
        .enumerate()
        .map(|(index, &value)| {
            if value.is_finite() {
                Ok(if direction.is_positive(value, cutoff) {
                    1.0
                } else {
                    0.0
                })
            } else {
                Err(RocError::NonFiniteScore { index, value })
            }
        })
        .collect()
}
