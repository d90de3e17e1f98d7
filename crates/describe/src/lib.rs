//! Descriptive statistics as R computes them, for the opening tables of a clinical paper.
//!
//! * [`table_one`]: Table 1 by a grouping variable, with summaries (mean ± SD, median and
//!   type-7 quartiles, n (%)), Shapiro–Wilk on the whole column, standardized mean
//!   differences (tableone) and the group tests: Welch and Student t, Wilcoxon rank-sum
//!   (`wilcox.test(exact = FALSE)`), one-way ANOVA, Kruskal–Wallis, Pearson's χ² (R's 2 × 2
//!   continuity correction) and Fisher's exact test (2 × 2 and r × c).
//! * [`shapiro_wilk`]: Royston's AS R94, as `shapiro.test`.
//! * [`icc`]: the six Shrout–Fleiss ICCs with F-tests and 95% bounds, as
//!   `psych::ICC(lmer = FALSE)`; [`cohen_kappa`]: unweighted, linear and quadratic kappa
//!   with bounds, as `psych::cohen.kappa`.
//! * [`kruskal_wallis`] of a score across groups.
//! * [`correlation_screen`]: Pearson or Spearman (t approximation) between two sets of
//!   columns, p-values adjusted by [`p_adjust`] (BH, Holm, Bonferroni).
//!
//! The crate takes plain data (`&[f64]`, `Option` columns, labels) and does no I/O. Every
//! p-value is an upper tail computed directly (erfc, incomplete beta and gamma). Statistics
//! that cannot be computed are errors carrying the offending value, or `null` in a Table 1
//! row with a note saying why.

pub mod anova;
pub mod chi_square;
pub mod contingency;
pub mod correlation;
pub mod error;
pub mod fisher;
pub mod grouping;
pub mod icc;
pub mod kappa;
pub mod kruskal_wallis;
pub mod p_adjust;
pub mod ranks;
pub mod shapiro_wilk;
pub mod smd;
pub mod summary;
pub mod t_test;
pub mod table_one;
pub mod tails;
pub mod wilcoxon;

pub use anova::{Anova, one_way_anova};
pub use chi_square::{ChiSquare, chi_square_test};
pub use contingency::ContingencyTable;
pub use correlation::{
    Column, Correlation, CorrelationMethod, CorrelationScreen, ScreenPair, correlation_screen,
    correlation_test,
};
pub use error::DescribeError;
pub use fisher::{FisherExact, fisher_exact};
pub use grouping::{GroupValues, level_cmp, levels, split_by_group};
pub use icc::{Icc, IccRow, icc};
pub use kappa::{CohenKappa, KappaEstimate, KappaWeights, cohen_kappa};
pub use kruskal_wallis::{KruskalWallis, kruskal_wallis};
pub use p_adjust::{PAdjust, p_adjust};
pub use shapiro_wilk::{ShapiroWilk, shapiro_wilk};
pub use smd::{smd_categorical, smd_continuous};
pub use summary::Summary;
pub use t_test::{TTest, student_t_test, welch_t_test};
pub use table_one::{
    CategoricalRow, ContinuousRow, Display, GroupInfo, GroupSummary, LevelCount, LevelRow, Row,
    TableOne, TableOneParams, TestKind, TestOutcome, Variable, VariableData, table_one,
};
pub use wilcoxon::{RankSum, wilcoxon_rank_sum};
