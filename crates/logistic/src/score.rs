//! Rao's efficient score test for adding variables to a fitted model.
//!
//! With the current model fitted (μ̂, β̂₂ = 0 for the candidate columns X₂), the score for β₂
//! is U₂ = X₂ᵀ(y − μ̂) (the score for the fitted coefficients is zero), and the statistic is
//! S = U₂ᵀ [I⁻¹]₂₂ U₂ with I = XᵀŴX the information of the enlarged design X = [1, X₁, X₂]
//! at μ̂ (Rao 1948). S ~ χ² with as many df as X₂ has columns. This is SPSS's entry statistic
//! in stepwise logistic regression and R's `add1(fit, test = "Rao")`.

use crate::design::Design;
use crate::dist::chisq_upper;
use crate::irls;

/// Score statistic, df and p-value for adding `candidate` to the model with linear
/// predictor `eta` fitted on `current`; `None` if the candidate is aliased with the model.
pub(crate) fn score_test(
    current: &Design,
    candidate: &Design,
    eta: &[f64],
    mu: &[f64],
    y: &[f64],
) -> Option<(f64, usize, f64)> {
    let n = y.len();
    let mut x = current.model_matrix(n);
    let p1 = x.len();
    x.extend(candidate.columns.iter().cloned());
    let qr = irls::weighted_qr(&x, eta).ok()?;
    let v = qr.inverse_gram();
    let resid: Vec<f64> = y.iter().zip(mu).map(|(a, m)| a - m).collect();
    let u: Vec<f64> = candidate
        .columns
        .iter()
        .map(|c| c.iter().zip(&resid).map(|(a, r)| a * r).sum())
        .collect();
    let k = u.len();
    let mut s = 0.0;
    for i in 0..k {
        for j in 0..k {
            s += u[i] * v[p1 + i][p1 + j] * u[j];
        }
    }
    Some((s, k, chisq_upper(s, k as f64)))
}
