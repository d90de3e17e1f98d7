//! One-way analysis of variance, as R's `oneway.test(var.equal = TRUE)` / `anova(lm(y ~ g))`.
//!
//! With k groups of sizes nⱼ, means ȳⱼ and grand mean ȳ (N values):
//! SS_between = Σnⱼ(ȳⱼ − ȳ)², SS_within = ΣΣ(yᵢⱼ − ȳⱼ)²,
//! F = [SS_between/(k − 1)] / [SS_within/(N − k)], p = P(F_{k−1, N−k} ≥ F) (Fisher 1925).

use serde::Serialize;

use crate::error::DescribeError;
use crate::summary::mean;
use crate::tails::f_upper;

/// Result of a one-way ANOVA.
#[derive(Debug, Clone, Copy, Serialize, PartialEq)]
pub struct Anova {
    pub statistic: f64,
    pub df1: f64,
    pub df2: f64,
    pub p: f64,
}

/// One-way ANOVA F-test across `groups` (empty groups are ignored). Needs ≥ 2 non-empty
/// groups, N > k and a non-zero within-group variance.
pub fn one_way_anova(groups: &[&[f64]]) -> Result<Anova, DescribeError> {
    const WHAT: &str = "one-way ANOVA";
    let groups: Vec<&[f64]> = groups.iter().copied().filter(|g| !g.is_empty()).collect();
    let k = groups.len();
    if k < 2 {
        return Err(DescribeError::TooFewGroups {
            what: WHAT,
            k,
            min: 2,
        });
    }
    let n: usize = groups.iter().map(|g| g.len()).sum();
    if n <= k {
        return Err(DescribeError::TooFewObservations {
            what: WHAT,
            n,
            min: k + 1,
        });
    }
    let all: Vec<f64> = groups.iter().flat_map(|g| g.iter().copied()).collect();
    let grand = mean(&all).unwrap_or(0.0);
    let mut ss_between = 0.0;
    let mut ss_within = 0.0;
    for g in &groups {
        let m = mean(g).unwrap_or(0.0);
        ss_between += g.len() as f64 * (m - grand) * (m - grand);
        ss_within += g.iter().map(|v| (v - m) * (v - m)).sum::<f64>();
    }
    if ss_within <= 0.0 {
        return Err(DescribeError::Degenerate {
            what: WHAT,
            reason: "zero variance within every group".into(),
        });
    }
    let df1 = (k - 1) as f64;
    let df2 = (n - k) as f64;
    let statistic = (ss_between / df1) / (ss_within / df2);
    Ok(Anova {
        statistic,
        df1,
        df2,
        p: f_upper(statistic, df1, df2),
    })
}
