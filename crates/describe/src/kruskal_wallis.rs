//! Kruskal–Wallis rank test across k groups, as R's `kruskal.test` (tie-corrected).
//!
//! Mid-rank the pooled N values; with Rⱼ the rank sum of group j (size nⱼ),
//! H = [12/(N(N + 1)) Σ Rⱼ²/nⱼ − 3(N + 1)] / [1 − Σ(t³ − t)/(N³ − N)],
//! the denominator correcting for tie groups of sizes t; p = P(χ²_{k−1} ≥ H)
//! (Kruskal & Wallis 1952).

use serde::Serialize;

use crate::error::DescribeError;
use crate::ranks::{midranks, tie_sum};
use crate::tails::chi_square_upper;

/// Result of the Kruskal–Wallis test.
#[derive(Debug, Clone, Copy, Serialize, PartialEq)]
pub struct KruskalWallis {
    pub statistic: f64,
    pub df: f64,
    pub p: f64,
}

/// Kruskal–Wallis H across `groups` (empty groups are ignored). Needs ≥ 2 non-empty groups
/// and not all values tied.
pub fn kruskal_wallis(groups: &[&[f64]]) -> Result<KruskalWallis, DescribeError> {
    const WHAT: &str = "Kruskal–Wallis test";
    let groups: Vec<&[f64]> = groups.iter().copied().filter(|g| !g.is_empty()).collect();
    let k = groups.len();
    if k < 2 {
        return Err(DescribeError::TooFewGroups {
            what: WHAT,
            k,
            min: 2,
        });
    }
    let all: Vec<f64> = groups.iter().flat_map(|g| g.iter().copied()).collect();
    let n = all.len() as f64;
    let (ranks, ties) = midranks(&all);
    let mut start = 0;
    let mut sum = 0.0;
    for g in &groups {
        let r: f64 = ranks[start..start + g.len()].iter().sum();
        sum += r * r / g.len() as f64;
        start += g.len();
    }
    let correction = 1.0 - tie_sum(&ties) / (n * n * n - n);
    if correction <= 0.0 {
        return Err(DescribeError::Degenerate {
            what: WHAT,
            reason: "all values are tied".into(),
        });
    }
    let statistic = (12.0 * sum / (n * (n + 1.0)) - 3.0 * (n + 1.0)) / correction;
    let df = (k - 1) as f64;
    Ok(KruskalWallis {
        statistic,
        df,
        p: chi_square_upper(statistic, df),
    })
}
