//! Errors of the descriptive statistics: each carries the offending value.

use thiserror::Error;

/// Why a statistic could not be computed from the data given.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum DescribeError {
    /// Fewer observations than the statistic needs.
    #[error("{what}: {n} observation(s), at least {min} needed")]
    TooFewObservations {
        what: &'static str,
        n: usize,
        min: usize,
    },
    /// More observations than the algorithm is defined for (Shapiro–Wilk: 5000).
    #[error("{what}: {n} observations, at most {max} allowed")]
    TooManyObservations {
        what: &'static str,
        n: usize,
        max: usize,
    },
    /// All values are identical, so a variance (or a range) is zero.
    #[error("{what}: all values are identical ({value})")]
    Constant { what: &'static str, value: f64 },
    /// A value that is not a finite number.
    #[error("{what}: non-finite value {value}")]
    NonFinite { what: &'static str, value: f64 },
    /// Two inputs that must have the same length do not.
    #[error("{what}: lengths differ ({left} vs {right})")]
    LengthMismatch {
        what: &'static str,
        left: usize,
        right: usize,
    },
    /// Fewer groups (or categories) than the statistic needs.
    #[error("{what}: {k} group(s), at least {min} needed")]
    TooFewGroups {
        what: &'static str,
        k: usize,
        min: usize,
    },
    /// A statistic whose denominator vanishes (e.g. a zero variance of ranks).
    #[error("{what}: {reason}")]
    Degenerate { what: &'static str, reason: String },
    /// An exact enumeration that would visit more tables than the limit.
    #[error("{what}: more than {limit} tables to enumerate")]
    TooLarge { what: &'static str, limit: u64 },
}
