//! # nomo-calibration
//!
//! How well do predicted probabilities agree with what happened? This crate reproduces the
//! calibration statistics of R's `rms` (`val.prob`, `validate`, `calibrate`) and
//! `ResourceSelection` (`hoslem.test`):
//!
//! * [`val_prob`] — Harrell's indices for probabilities as given: Dxy, C, Nagelkerke R², D, U, Q,
//!   Brier, the calibration intercept and slope of one logistic fit y ~ a + b·logit(p),
//!   calibration-in-the-large (y ~ offset(logit p)), Emax/E90/Eavg from the lowess calibration
//!   curve, Spiegelhalter's z; Wald 95% intervals for intercept, slope and calibration-in-the-large.
//! * [`hosmer_lemeshow`] — the Hosmer–Lemeshow test on unique quantile groups and the grouped
//!   calibration table with Wilson intervals.
//! * [`calibration_curve`] — the apparent lowess and grouped curves for plotting.
//! * [`bootstrap_validate`] — Harrell's bootstrap optimism correction of the indices and the
//!   bias-corrected calibration curve, refitting any modelling procedure ([`Refit`]) in each
//!   resample; seeded, parallel and identical at any thread count.
//!
//! Inputs are plain slices: predicted probabilities in [0, 1] and outcomes coded 0/1. A
//! probability outside [0, 1] (or NaN) is an error; exactly 0 or 1 is accepted and handled as
//! `val.prob` handles it (see [`val_prob`]).

mod bootstrap;
mod concordance;
mod curve;
mod error;
mod hosmer_lemeshow;
mod logistic_refit;
mod lowess;
mod quantile;
mod recalibration;
mod val_prob;

pub use bootstrap::{
    BiasCorrectedCurve, BootstrapParams, BootstrapValidation, Predictor, Refit, RefitError,
    ValidatedIndex, bootstrap_validate,
};
pub use concordance::{binned_c, exact_c, gini_mean_difference};
pub use curve::{CalibrationCurve, calibration_curve};
pub use error::CalibrationError;
pub use hosmer_lemeshow::{HlGroup, HosmerLemeshow, hosmer_lemeshow, wilson_interval};
pub use logistic_refit::{LogisticRefit, StepwiseRefit};
pub use lowess::{Interpolant, Lowess, Ties, lowess};
pub use quantile::{quantile7, quantile7_sorted};
pub use val_prob::{ValProb, lowess_errors, spiegelhalter, val_prob};

/// Checks that outcomes are 0/1.
pub(crate) fn validate_outcomes(y: &[f64]) -> Result<(), CalibrationError> {
    match y.iter().position(|&v| v != 0.0 && v != 1.0) {
        Some(index) => Err(CalibrationError::OutcomeNotBinary {
            index,
            value: y[index],
        }),
        None => Ok(()),
    }
}

/// Checks equal lengths, probabilities in [0, 1] and 0/1 outcomes.
pub(crate) fn validate_inputs(p: &[f64], y: &[f64]) -> Result<(), CalibrationError> {
    if p.len() != y.len() {
        return Err(CalibrationError::LengthMismatch {
            predictions: p.len(),
            outcomes: y.len(),
        });
    }
    if let Some(index) = p.iter().position(|&v| !(0.0..=1.0).contains(&v)) {
        return Err(CalibrationError::ProbabilityOutOfRange {
            index,
            value: p[index],
        });
    }
    validate_outcomes(y)
}
