//! Detection of complete and quasi-complete separation.
//!
//! When some linear combination of the predictors separates events from non-events
//! (completely, or with ties on the boundary: quasi-complete; Albert & Anderson 1984), the
//! maximum-likelihood estimate does not exist: the likelihood keeps increasing as some
//! coefficients go to ±∞ and the fitted probabilities of the separated observations go to 0
//! or 1. R's `glm` then stops with the warning "fitted probabilities numerically 0 or 1
//! occurred" and returns huge coefficients. The signature used here is that of a diverging
//! Newton iteration: a finite maximum is a fixed point of Newton's method (its steps shrink
//! quadratically), while under separation each step moves the linear predictor of the
//! separated observations by about one unit. So when a fit ends with fitted probabilities
//! within 1e-8 of 0 or 1 (or has not converged), ten further Newton steps are taken (enough
//! to reach a finite maximum from wherever the fit stopped), then ten more: the coefficients
//! that still move in the second block by more than 1e-6·(1 + |β|) are the diverging ones,
//! named in the report, and the observations whose fitted probability is then within 1e-8
//! of 0 or 1 are counted. Separation is complete when every observation is so fitted.

use serde::Serialize;

use crate::irls::{self, Problem, Solution};

/// Fitted probabilities this close to 0 or 1 count as "numerically 0 or 1".
const EXTREME: f64 = 1e-8;

/// Extra Newton steps taken to see which coefficients diverge.
const EXTRA_STEPS: usize = 10;

/// A detected separation.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Separation {
    /// `"complete"` or `"quasi-complete"`.
    pub kind: String,
    /// Terms whose coefficients diverge (the intercept may be among them).
    pub terms: Vec<String>,
    /// Observations with fitted probability numerically 0 or 1.
    pub n_fitted_extreme: usize,
}

impl Separation {
    /// A one-line explanation for warnings.
    pub fn message(&self) -> String {
        format!(
            "{} separation: the maximum-likelihood estimate does not exist; coefficients of {} diverge and {} fitted probabilities are numerically 0 or 1. Estimates, standard errors and CIs of these terms are not meaningful: use Firth's penalised likelihood (--firth) or drop them",
            self.kind,
            self.terms.join(", "),
            self.n_fitted_extreme
        )
    }
}

fn n_extreme(mu: &[f64]) -> usize {
    mu.iter()
        .filter(|&&m| !(EXTREME..=1.0 - EXTREME).contains(&m))
        .count()
}

/// Checks a finished fit for separation (see the module docs).
pub(crate) fn detect(
    problem: &Problem<'_>,
    sol: &Solution,
    names: &[String],
) -> Option<Separation> {
    if sol.converged && n_extreme(&sol.mu) == 0 {
        return None;
    }
    // a first block of steps reaches the maximum if there is one; the second shows drift
    let settle = irls::fit(problem, Some(&sol.beta), EXTRA_STEPS, 0.0).ok()?;
    let more = irls::fit(problem, Some(&settle.beta), EXTRA_STEPS, 0.0).ok()?;
    let terms: Vec<String> = settle
        .beta
        .iter()
        .zip(&more.beta)
        .zip(names)
        .filter(|((a, b), _)| (**b - **a).abs() > 1e-6 * (1.0 + a.abs()))
        .map(|(_, name)| name.clone())
        .collect();
    let extreme = n_extreme(&more.mu);
    if terms.is_empty() || extreme == 0 {
        return None;
    }
    Some(Separation {
        kind: if extreme == problem.y.len() {
            "complete".into()
        } else {
            "quasi-complete".into()
        },
        terms,
        n_fitted_extreme: extreme,
    })
}
