//! Errors of ROC analysis; each carries the offending value.

use thiserror::Error;

/// Why a ROC analysis could not be carried out.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum RocError {
    /// Scores and outcome have different lengths.
    #[error("scores ({scores}) and outcome ({outcome}) differ in length")]
    LengthMismatch { scores: usize, outcome: usize },
    /// A score is NaN or infinite.
    #[error("score at position {index} is not finite ({value})")]
    NonFiniteScore { index: usize, value: f64 },
    /// The outcome has no events.
    #[error("no cases: all {n_controls} observations are controls")]
    NoCases { n_controls: usize },
    /// The outcome has no non-events.
    #[error("no controls: all {n_cases} observations are cases")]
    NoControls { n_cases: usize },
    /// Two curves to be compared as paired were not built on the same patients.
    #[error(
        "paired comparison needs the same patients: curves have {n_a} and {n_b} observations{}",
        match .first_difference { Some(i) => format!(", outcomes differ at position {i}"), None => String::new() }
    )]
    NotPaired {
        n_a: usize,
        n_b: usize,
        first_difference: Option<usize>,
    },
    /// The DeLong variance needs at least two cases and two controls.
    #[error(
        "DeLong variance needs at least 2 cases and 2 controls (got {n_cases} and {n_controls})"
    )]
    VarianceUndefined { n_cases: usize, n_controls: usize },
    /// The joint test needs at least three curves.
    #[error("the joint test of correlated AUCs needs at least 3 curves, got {0}")]
    TooFewCurves(usize),
    /// The covariance matrix of the AUC contrasts cannot be inverted.
    #[error(
        "covariance matrix of the AUC contrasts is singular (pivot {pivot:e}); are two scores identical?"
    )]
    SingularContrast { pivot: f64 },
    /// A confidence level outside (0, 1).
    #[error("confidence level must lie in (0, 1), got {0}")]
    InvalidLevel(f64),
    /// A partial-AUC range outside [0, 1] or of zero width.
    #[error("partial AUC range must lie in [0, 1] with positive width, got {from} to {to}")]
    InvalidRange { from: f64, to: f64 },
    /// `best.weights` outside their domain.
    #[error(
        "best.weights need cost > 0 and prevalence in (0, 1), got cost {cost}, prevalence {prevalence}"
    )]
    InvalidWeights { cost: f64, prevalence: f64 },
    /// Too few bootstrap replicates for a percentile interval.
    #[error("bootstrap needs at least 2 replicates, got {0}")]
    TooFewReplicates(usize),
    /// More observations than the sort's 31-bit within-class positions address.
    #[error("{n} observations exceed the supported maximum of 2147483648")]
    TooManyObservations { n: usize },
    /// A threshold that is NaN.
    #[error("threshold is NaN")]
    NanThreshold,
}
