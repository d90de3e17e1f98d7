//! Clopper–Pearson ("exact") confidence interval of a binomial proportion.
//!
//! For x successes in n trials the interval is [B⁻¹(α/2; x, n − x + 1), B⁻¹(1 − α/2; x + 1, n − x)]
//! with B⁻¹ the quantile of the beta distribution, the lower bound 0 when x = 0 and the upper
//! bound 1 when x = n (Clopper & Pearson 1934; R's `binom.test`). The beta quantile is found by
//! bisection on the regularized incomplete beta function, to full double precision.

use serde::Serialize;
use statrs::function::beta::checked_beta_reg;

/// A confidence interval of a proportion.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Interval {
    /// Lower bound.
    pub lower: f64,
    /// Upper bound.
    pub upper: f64,
}

/// The p-quantile of Beta(a, b) by bisection on I_x(a, b) (monotone in x).
fn beta_quantile(p: f64, a: f64, b: f64) -> f64 {
    let (mut lo, mut hi) = (0.0_f64, 1.0_f64);
    for _ in 0..200 {
        let mid = 0.5 * (lo + hi);
        if mid <= lo || mid >= hi {
            break;
        }
        match checked_beta_reg(a, b, mid) {
            Ok(v) if v < p => lo = mid,
            _ => hi = mid,
        }
    }
    0.5 * (lo + hi)
}

/// Clopper–Pearson interval of `x` successes in `n` trials at confidence `level`; `None` when
/// n = 0 (the proportion is undefined) or x > n.
pub fn clopper_pearson(x: u64, n: u64, level: f64) -> Option<Interval> {
    if n == 0 || x > n || !(level > 0.0 && level < 1.0) {
        return None;
    }
    let alpha = 1.0 - level;
    let (xf, nf) = (x as f64, n as f64);
    let lower = if x == 0 {
        0.0
    } else {
        beta_quantile(alpha / 2.0, xf, nf - xf + 1.0)
    };
    let upper = if x == n {
        1.0
    } else {
        beta_quantile(1.0 - alpha / 2.0, xf + 1.0, nf - xf)
    };
    Some(Interval { lower, upper })
}
