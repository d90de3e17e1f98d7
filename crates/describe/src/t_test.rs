//! Two-sample t-tests, as R's `t.test(x, y)` (Welch) and `t.test(x, y, var.equal = TRUE)`.
//!
//! Welch (1947): t = (x̄ − ȳ)/√(s²ₓ/nₓ + s²ᵧ/nᵧ) with Welch–Satterthwaite degrees of freedom
//! ν = (s²ₓ/nₓ + s²ᵧ/nᵧ)² / [(s²ₓ/nₓ)²/(nₓ − 1) + (s²ᵧ/nᵧ)²/(nᵧ − 1)].
//! Student: pooled variance s²ₚ = [(nₓ − 1)s²ₓ + (nᵧ − 1)s²ᵧ]/(nₓ + nᵧ − 2),
//! t = (x̄ − ȳ)/(sₚ√(1/nₓ + 1/nᵧ)), ν = nₓ + nᵧ − 2. Both p-values are two-sided,
//! P(|T_ν| ≥ |t|), from the incomplete beta directly.

use serde::Serialize;

use crate::error::DescribeError;
use crate::summary::{mean, variance};
use crate::tails::t_two_sided;

/// A two-sample t-test.
#[derive(Debug, Clone, Copy, Serialize, PartialEq)]
pub struct TTest {
    pub statistic: f64,
    pub df: f64,
    pub p: f64,
}

fn moments(x: &[f64], what: &'static str) -> Result<(f64, f64, f64), DescribeError> {
    let n = x.len();
    match (mean(x), variance(x)) {
        (Some(m), Some(v)) if n >= 2 => Ok((n as f64, m, v)),
        _ => Err(DescribeError::TooFewObservations { what, n, min: 2 }),
    }
}

/// Welch's unequal-variance t-test (two-sided), as `t.test(x, y)`. Needs ≥ 2 values per
/// group and a non-zero pooled standard error.
pub fn welch_t_test(x: &[f64], y: &[f64]) -> Result<TTest, DescribeError> {
    const WHAT: &str = "Welch t-test";
    let (nx, mx, vx) = moments(x, WHAT)?;
    let (ny, my, vy) = moments(y, WHAT)?;
    let (sx, sy) = (vx / nx, vy / ny);
    let se2 = sx + sy;
    if se2 <= 0.0 {
        return Err(DescribeError::Constant {
            what: WHAT,
            value: mx,
        });
    }
    let statistic = (mx - my) / se2.sqrt();
    let df = se2 * se2 / (sx * sx / (nx - 1.0) + sy * sy / (ny - 1.0));
    Ok(TTest {
        statistic,
        df,
        p: t_two_sided(statistic, df),
    })
}

/// Student's pooled-variance t-test (two-sided), as `t.test(x, y, var.equal = TRUE)`.
/// Needs ≥ 1 value per group, ≥ 3 in all, and a non-zero pooled variance.
pub fn student_t_test(x: &[f64], y: &[f64]) -> Result<TTest, DescribeError> {
    const WHAT: &str = "Student t-test";
    for s in [x, y] {
        if s.is_empty() {
            return Err(DescribeError::TooFewObservations {
                what: WHAT,
                n: 0,
                min: 1,
            });
        }
    }
    let (nx, ny) = (x.len() as f64, y.len() as f64);
    let df = nx + ny - 2.0;
    if df < 1.0 {
        return Err(DescribeError::TooFewObservations {
            what: WHAT,
            n: x.len() + y.len(),
            min: 3,
        });
    }
    let (mx, my) = (mean(x).unwrap_or(0.0), mean(y).unwrap_or(0.0));
    let ssx = variance(x).map_or(0.0, |v| v * (nx - 1.0));
    let ssy = variance(y).map_or(0.0, |v| v * (ny - 1.0));
    let pooled = (ssx + ssy) / df;
    if pooled <= 0.0 {
        return Err(DescribeError::Constant {
            what: WHAT,
            value: mx,
        });
    }
    let statistic = (mx - my) / (pooled * (1.0 / nx + 1.0 / ny)).sqrt();
    Ok(TTest {
        statistic,
        df,
        p: t_two_sided(statistic, df),
    })
}
