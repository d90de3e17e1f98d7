//! Wilcoxon rank-sum (Mann–Whitney) test by the normal approximation, as R's
//! `wilcox.test(x, y, exact = FALSE)` (continuity correction on).
//!
//! Rank the pooled sample with mid-ranks; W = Σ ranks of x − nₓ(nₓ + 1)/2 (R's statistic).
//! Under H₀, E W = nₓnᵧ/2 and, with tie groups of sizes t,
//! Var W = (nₓnᵧ/12)·[(N + 1) − Σ(t³ − t)/(N(N − 1))], N = nₓ + nᵧ.
//! The continuity correction subtracts ½·sign(W − E W) from the numerator;
//! z = (W − E W − ½ sign)/√Var W and p = 2·min(Φ(z), 1 − Φ(z)) (Hollander & Wolfe 1999, §4.1).

use serde::Serialize;

use crate::error::DescribeError;
use crate::ranks::{midranks, tie_sum};
use crate::tails::normal_two_sided;

/// Result of the rank-sum test.
#[derive(Debug, Clone, Copy, Serialize, PartialEq)]
pub struct RankSum {
    /// R's W = rank sum of x − nₓ(nₓ + 1)/2.
    pub statistic: f64,
    /// The continuity-corrected normal deviate.
    pub z: f64,
    pub p: f64,
}

/// Two-sided Wilcoxon rank-sum test, normal approximation with continuity and tie
/// correction. Needs ≥ 1 value per group and a non-zero rank variance.
pub fn wilcoxon_rank_sum(x: &[f64], y: &[f64]) -> Result<RankSum, DescribeError> {
    const WHAT: &str = "Wilcoxon rank-sum test";
    for s in [x, y] {
        if s.is_empty() {
            return Err(DescribeError::TooFewObservations {
                what: WHAT,
                n: 0,
                min: 1,
            });
        }
    }
    let pooled: Vec<f64> = x.iter().chain(y).copied().collect();
    let (ranks, ties) = midranks(&pooled);
    let (nx, ny) = (x.len() as f64, y.len() as f64);
    let n = nx + ny;
    let statistic = ranks[..x.len()].iter().sum::<f64>() - nx * (nx + 1.0) / 2.0;
    let centred = statistic - nx * ny / 2.0;
    let sigma = (nx * ny / 12.0 * ((n + 1.0) - tie_sum(&ties) / (n * (n - 1.0)))).sqrt();
    if sigma.is_nan() || sigma <= 0.0 {
        return Err(DescribeError::Degenerate {
            what: WHAT,
            reason: "all values are tied (zero rank variance)".into(),
        });
    }
    let correction = if centred > 0.0 {
        0.5
    } else if centred < 0.0 {
        -0.5
    } else {
        0.0
    };
    let z = (centred - correction) / sigma;
    Ok(RankSum {
        statistic,
        z,
        p: normal_two_sided(z),
    })
}
