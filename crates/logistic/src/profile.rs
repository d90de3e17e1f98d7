//! Exact profile-likelihood confidence limits.
//!
//! For coefficient j the profile deviance is D_j(b) = min over the other coefficients of
//! D(β) with β_j = b (a fit in which b·x_j is an offset). The 95% limits are the two roots of
//! D_j(b) − D(β̂) = χ²₁,₀.₉₅ = 1.959964², found here to ~1e-10·SE by Brent's method on the
//! signed root r(b) = sign(b − β̂)·sqrt(D_j(b) − D(β̂)) = ±1.959964 (Venzon & Moolgavkar 1988
//! describe the same limits; R's `confint.glm` (MASS) instead interpolates r(b) by a spline
//! through a grid, which agrees to about 4 significant digits). The bracket starts at the Wald
//! limit β̂ ± 1.959964·SE and doubles outward; a profile that never reaches the critical value
//! (separation) gives an unbounded limit, `None`. For Firth fits D is the penalised deviance
//! −2l* and the limits are the profile penalised-likelihood limits of logistf
//! (Heinze & Schemper 2002).

use crate::dist::Z_975;
use crate::irls::{self, Problem, Solution};
use crate::roots::brent;

/// Profile limits (lower, upper) on the coefficient scale; `None` = unbounded.
pub(crate) fn limits(
    problem: &Problem<'_>,
    fit: &Solution,
    j: usize,
    se: f64,
    max_iter: usize,
    epsilon: f64,
) -> Result<(Option<f64>, Option<f64>), String> {
    let lower = one_side(problem, fit, j, se, -1.0, max_iter, epsilon)?;
    let upper = one_side(problem, fit, j, se, 1.0, max_iter, epsilon)?;
    Ok((lower, upper))
}

fn one_side(
    problem: &Problem<'_>,
    fit: &Solution,
    j: usize,
    se: f64,
    side: f64,
    max_iter: usize,
    epsilon: f64,
) -> Result<Option<f64>, String> {
    let bhat = fit.beta[j];
    let mut start = fit.beta.clone();
    // f(b) = |r(b)| − z: negative inside the interval, positive beyond the limit
    let mut f = |b: f64| -> Result<f64, String> {
        let constrained = Problem {
            x: problem.x,
            y: problem.y,
            offset: problem.offset,
            firth: problem.firth,
            fixed: Some((j, b)),
        };
        let s = irls::fit(&constrained, Some(&start), max_iter, epsilon)
            .map_err(|_| format!("constrained fit at {b} is singular"))?;
        if !s.converged {
            return Err(format!(
                "constrained fit at {b} did not converge in {max_iter} iterations"
            ));
        }
        start = s.beta;
        let d = (s.objective - fit.objective).max(0.0);
        Ok(d.sqrt() - Z_975)
    };
    let step0 = Z_975 * se;
    if !(step0 > 0.0 && step0.is_finite()) {
        return Err(format!("standard error {se} cannot start the search"));
    }
    let mut inner = bhat;
    let mut f_inner = -Z_975;
    let mut step = step0;
    for _ in 0..40 {
        let outer = bhat + side * step;
        let f_outer = f(outer)?;
        if f_outer >= 0.0 {
            let tol = 1e-10 * se;
            return brent(&mut f, inner, outer, f_inner, f_outer, tol).map(Some);
        }
        inner = outer;
        f_inner = f_outer;
        step *= 2.0;
    }
    Ok(None)
}
