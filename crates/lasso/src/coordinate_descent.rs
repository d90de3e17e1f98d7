//! Penalized weighted least squares by cyclic coordinate descent (Friedman, Hastie & Tibshirani
//! 2010, §2.1–2.4).
//!
//! Every family reduces, at fixed working weights vᵢ and working response zᵢ, to
//!
//! ```text
//! minimize  ½ Σᵢ vᵢ (zᵢ − β₀ − Σⱼ x̃ᵢⱼ βⱼ)²  +  λ Σⱼ pⱼ (α|βⱼ| + ½(1 − α) βⱼ²)
//! ```
//!
//! over standardized columns x̃ (gaussian: vᵢ = 1/n and one solve is exact; binomial and Cox:
//! the IRLS quadratic approximation of the log-likelihood). With the partial residual
//! rᵢ = zᵢ − β₀ − Σ x̃ᵢₖβₖ and xvⱼ = Σᵢ vᵢ x̃ᵢⱼ², the exact minimizer in coordinate j is
//!
//! ```text
//! βⱼ ← S(Σᵢ vᵢ x̃ᵢⱼ rᵢ + xvⱼ βⱼ,  λ α pⱼ) / (xvⱼ + λ (1 − α) pⱼ),    S(a, t) = sign(a)(|a| − t)₊
//! ```
//!
//! and the intercept's is β₀ ← β₀ + Σ vᵢ rᵢ / Σ vᵢ. A *pass* visits every coordinate of a set
//! once. glmnet's scheme is followed: one pass over the candidate (strong) set, then passes over
//! the non-zero (active) coordinates only until they converge, then again a pass over the whole
//! candidate set, until a pass over the candidate set changes nothing. Convergence is glmnet's:
//! the largest xvⱼ·Δβⱼ² of a pass (and Σvᵢ·Δβ₀² for the intercept) below the threshold.

use crate::lanes::{dot3, subtract_scaled, update_then_dot3};

/// Soft-thresholding S(a, t) = sign(a)·max(|a| − t, 0).
pub(crate) fn soft_threshold(a: f64, t: f64) -> f64 {
    if a > t {
        a - t
    } else if a < -t {
        a + t
    } else {
        0.0
    }
}

/// One penalized weighted least-squares problem at fixed weights.
pub(crate) struct WeightedProblem<'a> {
    /// Standardized columns (empty for constant ones, never in a candidate set).
    pub x: &'a [Vec<f64>],
    /// Working weights vᵢ.
    pub v: &'a [f64],
    /// Penalty factors pⱼ (already rescaled to sum to the number of variables).
    pub pf: &'a [f64],
    /// λ.
    pub lambda: f64,
    /// α.
    pub alpha: f64,
    /// Whether β₀ is free.
    pub intercept: bool,
    /// Convergence threshold on max xvⱼ Δβⱼ².
    pub thr: f64,
    /// Constant terms Σᵢ x̃ᵢⱼ gᵢ of observations of weight 0 that still pull (see `working`),
    /// per feature; empty when there are none.
    pub pull: &'a [f64],
    /// The intercept's constant term Σᵢ gᵢ over the same observations.
    pub pull0: f64,
}

/// The state updated by the solver: coefficients, intercept, partial residuals.
pub(crate) struct CdState<'a> {
    pub beta: &'a mut [f64],
    pub b0: &'a mut f64,
    pub r: &'a mut [f64],
    /// xvⱼ = Σ vᵢ x̃ᵢⱼ² for every candidate j (filled by the caller for the current weights).
    pub xv: &'a [f64],
}

/// Outcome of [`solve`]: `Err(())` when the pass budget ran out.
pub(crate) type Passes = Result<(), ()>;

impl WeightedProblem<'_> {
    /// One pass over `set`; returns the largest weighted squared change. The residual update
    /// of a coordinate that moved is carried out together with the gradient of the next one
    /// ([`update_then_dot3`]), in one pass over the rows.
    fn pass(&self, set: &[usize], st: &mut CdState<'_>) -> f64 {
        let mut dlx: f64 = 0.0;
        // The coordinate that moved last and its change, whose residual update is pending.
        let mut pending: Option<(usize, f64)> = None;
        for &j in set {
            let xj = &self.x[j];
            let xvj = st.xv[j];
            let g = match pending.take() {
                Some((k, d)) => update_then_dot3(st.r, d, &self.x[k], xj, self.v),
                None => dot3(xj, self.v, st.r),
            };
            let old = st.beta[j];
            let mut a = g + xvj * old;
            if let Some(p) = self.pull.get(j) {
                a += p;
            }
            let pen = self.lambda * self.pf[j];
            let shrunk = soft_threshold(a, pen * self.alpha);
            let denominator = xvj + pen * (1.0 - self.alpha);
            // A coordinate whose rows all carry weight 0 has no curvature: it goes to 0 when
            // nothing pulls it past the penalty, and otherwise stays (its step would be infinite).
            let new = if shrunk == 0.0 {
                0.0
            } else if denominator > 0.0 {
                shrunk / denominator
            } else {
                old
            };
            let d = new - old;
            if d != 0.0 {
                st.beta[j] = new;
                pending = Some((j, d));
                dlx = dlx.max(xvj * d * d);
            }
        }
        if let Some((k, d)) = pending {
            subtract_scaled(st.r, d, &self.x[k]);
        }
        if self.intercept {
            let sv: f64 = self.v.iter().sum();
            if sv > 0.0 {
                let d = (self
                    .v
                    .iter()
                    .zip(st.r.iter())
                    .map(|(v, r)| v * r)
                    .sum::<f64>()
                    + self.pull0)
                    / sv;
                if d != 0.0 {
                    *st.b0 += d;
                    for ri in st.r.iter_mut() {
                        *ri -= d;
                    }
                    dlx = dlx.max(sv * d * d);
                }
            }
        }
        dlx
    }

    /// Solves the problem over the candidate set `strong` (warm-started from `st`), counting
    /// passes in `passes` against `maxit`.
    pub fn solve(
        &self,
        strong: &[usize],
        st: &mut CdState<'_>,
        passes: &mut usize,
        maxit: usize,
    ) -> Passes {
        loop {
            *passes += 1;
            if *passes > maxit {
                return Err(());
            }
            if self.pass(strong, st) < self.thr {
                return Ok(());
            }
            let active: Vec<usize> = strong
                .iter()
                .copied()
                .filter(|&j| st.beta[j] != 0.0)
                .collect();
            loop {
                *passes += 1;
                if *passes > maxit {
                    return Err(());
                }
                if self.pass(&active, st) < self.thr {
                    break;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One feature `x` with weights `v`, penalty λ = 0.1, α = 1, and a pull on the feature.
    fn one_feature<'a>(
        x: &'a [Vec<f64>],
        v: &'a [f64],
        intercept: bool,
        pull: &'a [f64],
    ) -> WeightedProblem<'a> {
        WeightedProblem {
            x,
            v,
            pf: &[1.0],
            lambda: 0.1,
            alpha: 1.0,
            intercept,
            thr: 1e-7,
            pull,
            pull0: 0.0,
        }
    }

    /// A coordinate whose rows all carry zero weight (every observation saturated) has no
    /// gradient and no curvature: it stays at 0 instead of becoming 0/0, and the pass converges.
    #[test]
    fn zero_weight_coordinate_stays_at_zero() {
        let x = vec![vec![1.0, -1.0, 0.5, -0.5]];
        let v = [0.0; 4];
        let problem = one_feature(&x, &v, true, &[]);
        let (mut beta, mut b0, mut r) = ([0.0], 0.3, vec![0.0; 4]);
        let mut st = CdState {
            beta: &mut beta,
            b0: &mut b0,
            r: &mut r,
            xv: &[0.0],
        };
        let mut passes = 0;
        assert_eq!(problem.solve(&[0], &mut st, &mut passes, 10), Ok(()));
        assert_eq!(beta, [0.0]);
        assert_eq!((b0, passes), (0.3, 1));
    }

    /// The pull of observations of weight 0 enters the coordinate's gradient: with
    /// xv = Σ vᵢx̃ᵢ² = 1, r = 0 and a pull of 0.3, β = S(0.3, λ = 0.1)/1 = 0.2; with no weight
    /// left at all, a pull past the penalty leaves the coordinate where it was.
    #[test]
    fn pull_enters_the_gradient() {
        let x = vec![vec![1.0, -1.0]];
        for (v, xv, want) in [([0.5, 0.5], 1.0, 0.2), ([0.0, 0.0], 0.0, 0.7)] {
            let problem = one_feature(&x, &v, false, &[0.3]);
            let (mut beta, mut b0, mut r) = ([0.7 * (1.0 - xv)], 0.0, vec![0.0; 2]);
            let mut st = CdState {
                beta: &mut beta,
                b0: &mut b0,
                r: &mut r,
                xv: &[xv],
            };
            problem.pass(&[0], &mut st);
            // Tolerance: 1e-15 absolute (one subtraction and one division).
            assert!((beta[0] - want).abs() <= 1e-15, "{} vs {want}", beta[0]);
        }
    }
}
