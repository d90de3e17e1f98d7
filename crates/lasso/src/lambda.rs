//! glmnet's λ sequence.
//!
//! λ_max is the smallest λ at which every penalized coefficient is zero. At the null model
//! (intercept and unpenalized features fitted, every penalized β = 0) the KKT conditions read
//! |gⱼ| ≤ λ α pⱼ with gⱼ = Σᵢ x̃ᵢⱼ ∂ℓ/∂ηᵢ / n, hence
//!
//! ```text
//! λ_max = maxⱼ |gⱼ| / (pⱼ · max(α, 10⁻³))      over penalized, non-constant j
//! ```
//!
//! (glmnet floors α at 10⁻³ so that a ridge path still starts somewhere finite). The default
//! path has `nlambda` = 100 values spaced evenly on the log scale from λ_max down to
//! `lambda.min.ratio`·λ_max, the ratio being 0.01 when n < p and 10⁻⁴ otherwise
//! (Friedman, Hastie & Tibshirani 2010, §2.5). glmnet computes the sequence by repeated
//! multiplication with ρ = ratio^{1/(nlambda − 1)} and reports λ₁ = λ_max; this module does
//! the same. One quirk is kept for Cox: glmnet's compiled coxnet (`coxnet5dpclean.f`) writes the
//! exponent as `1.0/(nlam-1)`, a single-precision division, so its ρ is ratio raised to 1/99
//! rounded to `f32` (ρ = 0.9111627561944364 instead of 0.9111627561154892 for ratio 10⁻⁴): the
//! Cox λ values drift from the exact log spacing by up to 10⁻⁸ relative at the end of the path,
//! and R's references carry that drift.

use crate::error::LassoError;

/// glmnet's default `lambda.min.ratio`: 0.01 when n < p, else 10⁻⁴.
pub fn default_min_ratio(n: usize, p: usize) -> f64 {
    if n < p { 0.01 } else { 1e-4 }
}

/// The log-spaced sequence λ_max·ρ^{k}, k = 0 … nlambda − 1, ρ = ratio^{1/(nlambda − 1)} (the
/// exponent rounded to `f32` when `single_precision_step`, as glmnet's coxnet; see the module
/// notes).
pub fn sequence(
    lambda_max: f64,
    nlambda: usize,
    ratio: f64,
    single_precision_step: bool,
) -> Vec<f64> {
    if nlambda == 1 {
        return vec![lambda_max];
    }
    let exponent = if single_precision_step {
        f64::from(1.0f32 / (nlambda - 1) as f32)
    } else {
        1.0 / (nlambda - 1) as f64
    };
    let rho = ratio.powf(exponent);
    let mut out = Vec::with_capacity(nlambda);
    let mut lam = lambda_max;
    out.push(lam);
    for _ in 1..nlambda {
        lam *= rho;
        out.push(lam);
    }
    out
}

/// Checks a user sequence: non-empty, positive, finite, strictly decreasing.
///
/// # Errors
/// [`LassoError::Lambda`] naming the offending value.
pub fn check_user(lambda: &[f64]) -> Result<(), LassoError> {
    if lambda.is_empty() {
        return Err(LassoError::Lambda("empty".into()));
    }
    if let Some(v) = lambda.iter().find(|v| !v.is_finite() || **v <= 0.0) {
        return Err(LassoError::Lambda(format!("{v} is not a positive number")));
    }
    if let Some(w) = lambda.windows(2).find(|w| w[1] >= w[0]) {
        return Err(LassoError::Lambda(format!(
            "not strictly decreasing at {} then {}",
            w[0], w[1]
        )));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// ρ of the references' 100-λ paths with ratio 10⁻⁴: (λ₁₀₀/λ₁)^{1/99} of glmnet's binomial
    /// path, and (λ₇₆/λ₁)^{1/75} of its Cox path (hcc_radiomics_lasso.json), which shows the
    /// single-precision exponent. Tolerance 1e-15 relative (one rounding of `powf`).
    #[test]
    fn step_is_glmnets_for_each_family() {
        let rel = |a: f64, b: f64| ((a - b) / b).abs();
        let exact = sequence(1.0, 100, 1e-4, false);
        let cox = sequence(1.0, 100, 1e-4, true);
        assert!(rel(exact[1], 0.911_162_756_115_489_2) < 1e-15);
        assert!(rel(cox[1], 0.911_162_756_194_436_4) < 1e-15);
        assert!(rel(exact[99], 1e-4) < 1e-13);
        assert_eq!(sequence(2.0, 1, 1e-4, true), vec![2.0]);
    }
}
