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
//! the same.

use crate::error::LassoError;

/// glmnet's default `lambda.min.ratio`: 0.01 when n < p, else 10⁻⁴.
pub fn default_min_ratio(n: usize, p: usize) -> f64 {
    if n < p { 0.01 } else { 1e-4 }
}

/// The log-spaced sequence λ_max·ρ^{k}, k = 0 … nlambda − 1, ρ = ratio^{1/(nlambda − 1)}.
pub fn sequence(lambda_max: f64, nlambda: usize, ratio: f64) -> Vec<f64> {
    if nlambda == 1 {
        return vec![lambda_max];
    }
    let rho = ratio.powf(1.0 / (nlambda - 1) as f64);
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
