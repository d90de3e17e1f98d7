//! Direction of a ROC curve: which side of the threshold is called positive.
//!
//! pROC's convention: direction `<` means controls score lower than cases, so an observation is
//! positive when its score is at least the threshold (`controls < t <= cases`); direction `>`
//! means controls score higher, positive when the score is at most the threshold
//! (`controls > t >= cases`). `auto` chooses `<` when the median score of the controls is at most
//! the median score of the cases and `>` otherwise (pROC 1.18, `roc(direction = "auto")`).
//!
//! pROC warns that `auto` biases resampled AUCs upwards: choosing the direction on every
//! bootstrap sample (or cross-validation fold) turns each AUC below 0.5 into one above it. This
//! crate therefore fixes the direction once, on the full data, and every bootstrap replicate
//! reuses it. Note also that `auto` can still give an AUC below 0.5, because the median rule
//! and the Mann–Whitney statistic can disagree.

use serde::Serialize;

/// Which scores are called positive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Direction {
    /// Controls < threshold ≤ cases: positive when `score >= threshold`.
    #[serde(rename = "<")]
    Less,
    /// Controls > threshold ≥ cases: positive when `score <= threshold`.
    #[serde(rename = ">")]
    Greater,
}

impl Direction {
    /// The direction as pROC writes it (`"<"` or `">"`).
    pub fn as_str(self) -> &'static str {
        match self {
            Direction::Less => "<",
            Direction::Greater => ">",
        }
    }

    /// Whether `score` is classified positive at `threshold`.
    pub fn is_positive(self, score: f64, threshold: f64) -> bool {
        match self {
            Direction::Less => score >= threshold,
            Direction::Greater => score <= threshold,
        }
    }

    /// The score oriented so that larger means "more like a case" (the score itself for `<`,
    /// its negation for `>`; negation is exact in floating point).
    pub(crate) fn orient(self, score: f64) -> f64 {
        match self {
            Direction::Less => score,
            Direction::Greater => -score,
        }
    }
}

impl std::fmt::Display for Direction {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How the direction is chosen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum DirectionRule {
    /// pROC's median rule: `<` when median(controls) ≤ median(cases), else `>`.
    #[default]
    Auto,
    /// A fixed direction.
    Fixed(Direction),
}

impl std::str::FromStr for DirectionRule {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "auto" => Ok(DirectionRule::Auto),
            "<" => Ok(DirectionRule::Fixed(Direction::Less)),
            ">" => Ok(DirectionRule::Fixed(Direction::Greater)),
            other => Err(format!("direction must be auto, < or >, got {other:?}")),
        }
    }
}

/// Median of a non-empty slice (mean of the two middle values when the length is even), as R's
/// `median`. Reorders `values`.
pub(crate) fn median(values: &mut [f64]) -> f64 {
    let n = values.len();
    let mid = n / 2;
    let (_, upper, _) = values.select_nth_unstable_by(mid, f64::total_cmp);
    let upper = *upper;
    if n % 2 == 1 {
        upper
    } else {
        let lower = values[..mid]
            .iter()
            .copied()
            .fold(f64::NEG_INFINITY, f64::max);
        (lower + upper) / 2.0
    }
}

/// pROC's automatic direction from the class medians.
pub(crate) fn auto_direction(cases: &[f64], controls: &[f64]) -> Direction {
    let med_cases = median(&mut cases.to_vec());
    let med_controls = median(&mut controls.to_vec());
    if med_controls <= med_cases {
        Direction::Less
    } else {
        Direction::Greater
    }
}
