//! Errors of the calibration statistics; each carries the offending value.

use thiserror::Error;

/// Why a calibration statistic could not be computed.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum CalibrationError {
    /// A predicted probability is outside [0, 1] (or not a number).
    #[error("predicted probability {value} at position {index} is outside [0, 1]")]
    ProbabilityOutOfRange { index: usize, value: f64 },
    /// An outcome is not coded 0/1.
    #[error("outcome {value} at position {index} is not 0 or 1")]
    OutcomeNotBinary { index: usize, value: f64 },
    /// Predictions and outcomes differ in length.
    #[error("{predictions} predictions but {outcomes} outcomes")]
    LengthMismatch { predictions: usize, outcomes: usize },
    /// The outcome (among the rows used) has no events or no non-events.
    #[error("{events} events among {n} observations: both outcomes are needed")]
    OneClass { events: usize, n: usize },
    /// Every prediction (among the rows used) is the same value.
    #[error("all {n} predictions equal {value}: calibration slope is undefined")]
    ConstantPredictions { n: usize, value: f64 },
    /// Too few observations for the requested statistic.
    #[error("{what} needs at least {min} observations, got {n}")]
    TooFew {
        what: &'static str,
        min: usize,
        n: usize,
    },
    /// The number of Hosmer–Lemeshow groups is below 2.
    #[error("the number of groups must be at least 2, got {0}")]
    Groups(usize),
    /// The number of bootstrap resamples is zero.
    #[error("the number of bootstrap resamples must be at least 1, got {0}")]
    Resamples(usize),
    /// A logistic recalibration fit diverged (e.g. complete separation).
    #[error("logistic recalibration ({what}) did not converge")]
    NoConvergence { what: &'static str },
    /// The modelling procedure failed on the full data.
    #[error("model fit on the full data failed: {0}")]
    Refit(String),
}
