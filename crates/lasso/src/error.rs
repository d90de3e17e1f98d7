//! Typed errors of the penalized-regression crate; each carries the offending value.

use thiserror::Error;

/// Everything that can be wrong with the input of a path fit or a cross-validation.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum LassoError {
    /// The design has no rows or no columns.
    #[error("the design is empty ({rows} rows, {columns} columns)")]
    EmptyDesign { rows: usize, columns: usize },
    /// A column's length differs from the number of rows.
    #[error("column `{name}` has {len} values, expected {expected}")]
    ColumnLength {
        name: String,
        len: usize,
        expected: usize,
    },
    /// The number of feature names differs from the number of columns.
    #[error("{names} feature names for {columns} columns")]
    NameCount { names: usize, columns: usize },
    /// A response has a different length from the design.
    #[error("the response has {len} values, the design {rows} rows")]
    ResponseLength { len: usize, rows: usize },
    /// A non-finite value (NaN or ±Inf) in the design or the response; complete cases are the
    /// caller's job.
    #[error("non-finite value {value} in `{what}` at row {row} (1-based)")]
    NonFinite {
        what: String,
        row: usize,
        value: f64,
    },
    /// A binary outcome must be coded 0/1.
    #[error("binary outcome value {value} at row {row} (1-based) is not 0 or 1")]
    NotBinary { row: usize, value: f64 },
    /// A binary outcome needs both classes.
    #[error("the binary outcome has only one class ({class})")]
    OneClass { class: f64 },
    /// Cox status must be coded 0/1.
    #[error("Cox status value {value} at row {row} (1-based) is not 0 or 1")]
    NotStatus { row: usize, value: f64 },
    /// glmnet refuses non-positive survival times; the rows (1-based) are listed.
    #[error("non-positive survival times at rows {rows:?} (1-based); glmnet refuses them")]
    NonPositiveTime { rows: Vec<usize> },
    /// A Cox fit needs at least one event.
    #[error("the Cox outcome has no events")]
    NoEvents,
    /// alpha outside [0, 1].
    #[error("alpha = {0} is outside [0, 1]")]
    Alpha(f64),
    /// Penalty factors must be non-negative, finite, one per column, and not all zero.
    #[error("invalid penalty factors: {0}")]
    PenaltyFactor(String),
    /// A user lambda sequence must be positive, finite and strictly decreasing.
    #[error("invalid lambda sequence: {0}")]
    Lambda(String),
    /// nlambda must be at least 1; lambda.min.ratio in (0, 1).
    #[error("invalid path setting: {0}")]
    PathSetting(String),
    /// thresh must be positive and finite; maxit at least 1.
    #[error("invalid convergence setting: {0}")]
    Convergence(String),
    /// The coordinate descent did not converge within `maxit` passes at the given lambda.
    #[error(
        "no convergence at lambda #{index} (= {lambda}) after maxit = {maxit} passes; raise maxit or thresh"
    )]
    NoConvergence {
        index: usize,
        lambda: f64,
        maxit: usize,
    },
    /// Every feature is constant (or unpenalized-only with nothing to select).
    #[error("no non-constant penalized feature to select from")]
    NothingToSelect,
    /// Cross-validation needs at least 3 folds (glmnet's rule).
    #[error("nfolds = {0}: cross-validation needs at least 3 folds")]
    TooFewFolds(usize),
    /// Fewer observations than folds.
    #[error("{n} observations cannot fill {nfolds} folds")]
    FewerRowsThanFolds { n: usize, nfolds: usize },
    /// Fold ids must be 1..=K with every fold non-empty.
    #[error("invalid fold ids: {0}")]
    FoldId(String),
    /// The measure does not apply to the family.
    #[error("type.measure `{measure}` does not apply to family {family}")]
    MeasureFamily { measure: String, family: String },
    /// AUC (or C) is undefined in a fold whose held-out rows have one class only (or no
    /// comparable pair).
    #[error("fold {fold} holds out one class only ({class}); AUC is undefined there")]
    SingleClassFold { fold: usize, class: f64 },
    /// Harrell's C is undefined in a fold without a comparable pair.
    #[error("fold {fold} has no comparable pair; C is undefined there")]
    NoComparablePair { fold: usize },
    /// A training set of one fold has no events or a single class.
    #[error("the training rows without fold {fold} cannot be fitted: {reason}")]
    FoldTraining { fold: usize, reason: String },
    /// Selection stability needs at least one repeat.
    #[error("selection stability needs at least one repeat")]
    NoRepeats,
    /// A lambda index outside the path.
    #[error("lambda index {index} is outside the path of {len} values")]
    LambdaIndex { index: usize, len: usize },
}
