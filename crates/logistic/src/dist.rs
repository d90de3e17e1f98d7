//! Reference distributions, upper tails computed directly (never as 1 − cdf).

use statrs::distribution::{ChiSquared, ContinuousCDF};

/// The 97.5% standard normal quantile, Φ⁻¹(0.975), used for every 95% interval
/// (R's `qnorm(0.975)`; SPSS and R print it as 1.959964).
pub const Z_975: f64 = 1.959_963_984_540_054;

/// Two-sided Wald p-value 2·Φ(−|z|) = erfc(|z|/√2).
pub fn two_sided_normal_p(z: f64) -> f64 {
    statrs::function::erf::erfc(z.abs() / std::f64::consts::SQRT_2)
}

/// Upper tail P(χ²_df > x) from the regularised upper incomplete gamma function;
/// 1 when x ≤ 0 (a likelihood-ratio statistic that rounding made slightly negative).
pub fn chisq_upper(x: f64, df: f64) -> f64 {
    if x <= 0.0 {
        return 1.0;
    }
    match ChiSquared::new(df) {
        Ok(d) => d.sf(x),
        Err(_) => f64::NAN,
    }
}
