//! The fitted logistic model and its inference table.
//!
//! After IRLS converges at β̂, everything is evaluated at β̂ itself (Contract: standard
//! errors are sqrt(diag((XᵀŴX)⁻¹)) with Ŵ = diag(μ̂(1 − μ̂)) at the returned estimate; R's
//! `glm` uses the weights of the iteration before its last). For every coefficient, the
//! intercept included:
//!
//! * Wald z = β̂/SE, two-sided p = 2Φ(−|z|) (R's `summary.glm`);
//! * odds ratio e^β̂ with the Wald 95% interval exp(β̂ ± 1.959964·SE) (SPSS's `Exp(B)` CI);
//! * the profile-likelihood 95% interval for e^β (see [`crate::profile`]), unless switched off.
//!
//! Fit statistics for 0/1 outcomes (the saturated log-likelihood is 0): deviance D = −2l(β̂),
//! null deviance D₀ of the intercept-only model, log-likelihood l = −D/2,
//! AIC = D + 2p and BIC = D + p·log n (p parameters, intercept included; R's `AIC`, `BIC`),
//! the likelihood-ratio χ² = D₀ − D on p − 1 df, and Nagelkerke's R² (Nagelkerke 1991):
//! R²_CS = 1 − exp((D − D₀)/n), R²_N = R²_CS / (1 − exp(−D₀/n)).

use serde::Serialize;

use crate::design::{Design, validate_outcome};
use crate::dist::{Z_975, chisq_upper, two_sided_normal_p};
use crate::error::LogisticError;
use crate::irls::{self, Problem};
use crate::linalg::{Qr, QrResult};
use crate::profile;
use crate::separation::{self, Separation};

/// Events per variable below which a warning is issued (Peduzzi et al. 1996).
pub const EPV_WARNING: f64 = 10.0;

/// How to fit (linfa style: parameters, validated into a fitted model by [`LogisticParams::fit`]).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LogisticParams {
    /// Maximum IRLS iterations (R's `glm.control(maxit = 25)`).
    pub max_iter: usize,
    /// Convergence tolerance ε of R's rule |ΔD|/(|D| + 0.1) < ε (R's default 1e-8; this crate
    /// defaults to 1e-10, see the Contract notes).
    pub epsilon: f64,
    /// Compute exact profile-likelihood CIs (one constrained fit per root-finding step;
    /// switch off for cheap refits, e.g. bootstrap resamples).
    pub profile: bool,
    /// Firth's penalised likelihood (Heinze & Schemper 2002) instead of maximum likelihood.
    pub firth: bool,
}

impl Default for LogisticParams {
    fn default() -> Self {
        LogisticParams {
            max_iter: 25,
            epsilon: 1e-10,
            profile: true,
            firth: false,
        }
    }
}

/// One row of the coefficient table.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Coefficient {
    /// `(Intercept)` or the term name.
    pub term: String,
    /// β̂.
    pub estimate: f64,
    /// sqrt of the diagonal of (XᵀŴX)⁻¹ at β̂.
    pub std_error: f64,
    /// Wald z = β̂/SE.
    pub z: f64,
    /// Two-sided Wald p = 2Φ(−|z|).
    pub p: f64,
    /// e^β̂.
    pub odds_ratio: f64,
    /// exp(β̂ − 1.959964·SE).
    pub or_lower: f64,
    /// exp(β̂ + 1.959964·SE).
    pub or_upper: f64,
    /// Lower profile-likelihood limit of e^β (`None` when not computed or unbounded).
    pub or_profile_lower: Option<f64>,
    /// Upper profile-likelihood limit of e^β (`None` when not computed or unbounded).
    pub or_profile_upper: Option<f64>,
}

/// A fitted binary logistic model.
#[derive(Debug, Clone, Serialize)]
pub struct LogisticFit {
    /// `"maximum likelihood"` or `"firth"`.
    pub method: String,
    /// Coefficient table, intercept first.
    pub coefficients: Vec<Coefficient>,
    /// Term names with the variable each belongs to (intercept excluded).
    pub variables: Vec<String>,
    /// Observations.
    pub n: usize,
    /// Observations with y = 1.
    pub events: usize,
    /// Residual deviance D = −2l(β̂).
    pub deviance: f64,
    /// Deviance of the intercept-only model.
    pub null_deviance: f64,
    /// l(β̂) = −D/2.
    pub loglik: f64,
    /// −2 l*(β̂) for Firth fits (penalised deviance D − log|XᵀŴX|); `None` for ML.
    pub penalized_deviance: Option<f64>,
    /// D + 2p.
    pub aic: f64,
    /// D + p·log n.
    pub bic: f64,
    /// n − p.
    pub df_residual: usize,
    /// Likelihood-ratio χ² against the intercept-only model (penalised for Firth, as logistf).
    pub lr_chisq: f64,
    /// Its degrees of freedom p − 1.
    pub lr_df: usize,
    /// Upper-tail χ² p-value of `lr_chisq` (`None` for an intercept-only model).
    pub lr_p: Option<f64>,
    /// Nagelkerke's R² (from the unpenalised deviances).
    pub nagelkerke_r2: f64,
    /// IRLS iterations used.
    pub iterations: usize,
    /// Whether R's convergence rule was met (always true for a returned ML fit without
    /// separation: non-convergence is an error).
    pub converged: bool,
    /// Complete or quasi-complete separation, if detected.
    pub separation: Option<Separation>,
    /// Notes for the user (events per variable, separation).
    pub warnings: Vec<String>,
    /// Covariance matrix (XᵀŴX)⁻¹ of the coefficients, intercept first (row-major).
    pub covariance: Vec<Vec<f64>>,
    /// Fitted probabilities μ̂ of the observations.
    #[serde(skip)]
    pub fitted: Vec<f64>,
    /// Linear predictors η̂ of the observations.
    #[serde(skip)]
    pub linear_predictor: Vec<f64>,
}

impl LogisticParams {
    /// A cheap configuration for repeated refits: no profile CIs.
    pub fn without_profile(mut self) -> Self {
        self.profile = false;
        self
    }

    fn check(&self) -> Result<(), LogisticError> {
        if self.max_iter == 0 {
            return Err(LogisticError::InvalidParameter {
                name: "max_iter",
                value: 0.0,
                reason: "at least one iteration is needed",
            });
        }
        if !(self.epsilon > 0.0 && self.epsilon.is_finite()) {
            return Err(LogisticError::InvalidParameter {
                name: "epsilon",
                value: self.epsilon,
                reason: "must be positive and finite",
            });
        }
        Ok(())
    }

    /// Fits y ~ 1 + design by maximum likelihood (or Firth). `y` is 0/1.
    pub fn fit(&self, design: &Design, y: &[f64]) -> Result<LogisticFit, LogisticError> {
        self.fit_with_offset(design, y, None)
    }

    /// Fits y ~ 1 + design + offset(o).
    pub fn fit_with_offset(
        &self,
        design: &Design,
        y: &[f64],
        offset: Option<&[f64]>,
    ) -> Result<LogisticFit, LogisticError> {
        self.check()?;
        let events = validate_outcome(y)?;
        let n = y.len();
        design.validate(n)?;
        if let Some(o) = offset {
            if o.len() != n {
                return Err(LogisticError::LengthMismatch {
                    term: "offset".into(),
                    len: o.len(),
                    n,
                });
            }
            if let Some((row, &value)) = o.iter().enumerate().find(|(_, v)| !v.is_finite()) {
                return Err(LogisticError::NonFinite {
                    term: "offset".into(),
                    row,
                    value,
                });
            }
        }
        let x = design.model_matrix(n);
        let names: Vec<String> = std::iter::once("(Intercept)".to_string())
            .chain(design.names.iter().cloned())
            .collect();
        // structural aliasing, before any weights (R names these NA)
        if let QrResult::Aliased(a) = Qr::factor(x.clone()) {
            return Err(LogisticError::Singular {
                aliased: a.into_iter().map(|j| names[j].clone()).collect(),
            });
        }
        let p = x.len();
        let problem = Problem {
            x: &x,
            y,
            offset,
            firth: self.firth,
            fixed: None,
        };
        let sol = irls::fit(&problem, None, self.max_iter, self.epsilon).map_err(|a| {
            LogisticError::Singular {
                aliased: a.into_iter().map(|j| names[j].clone()).collect(),
            }
        })?;
        let separation = if self.firth {
            None
        } else {
            separation::detect(&problem, &sol, &names)
        };
        if !sol.converged && separation.is_none() {
            return Err(LogisticError::NotConverged {
                max_iter: self.max_iter,
                epsilon: self.epsilon,
                last_change: sol
                    .history
                    .last()
                    .map_or(f64::INFINITY, |h| h.relative_change),
                history: sol.history,
            });
        }
        let qr = irls::weighted_qr_w(&x, &sol.weights).map_err(|a| LogisticError::Singular {
            aliased: a.into_iter().map(|j| names[j].clone()).collect(),
        })?;
        let covariance = qr.inverse_gram();

        // null model
        let null_fit = if offset.is_none() && !self.firth {
            None
        } else {
            let x0 = vec![vec![1.0; n]];
            let null_problem = Problem {
                x: &x0,
                y,
                offset,
                firth: self.firth,
                fixed: None,
            };
            Some(
                irls::fit(&null_problem, None, self.max_iter.max(50), self.epsilon).map_err(
                    |_| LogisticError::Singular {
                        aliased: vec!["(Intercept)".into()],
                    },
                )?,
            )
        };
        let null_deviance = match &null_fit {
            Some(s) if offset.is_some() => s.deviance,
            _ => {
                let k = events as f64;
                let m = (n - events) as f64;
                let nf = n as f64;
                -2.0 * (k * (k / nf).ln() + m * (m / nf).ln())
            }
        };
        let (lr_chisq, penalized_deviance) = if self.firth {
            let null_obj = null_fit.as_ref().map_or(f64::NAN, |s| s.objective);
            (null_obj - sol.objective, Some(sol.objective))
        } else {
            (null_deviance - sol.deviance, None)
        };
        let deviance = sol.deviance;
        let nf = n as f64;
        let pf = p as f64;
        let r2_cs = 1.0 - ((deviance - null_deviance) / nf).exp();
        let r2_max = 1.0 - (-null_deviance / nf).exp();

        let mut coefficients = Vec::with_capacity(p);
        for j in 0..p {
            let se = covariance[j][j].sqrt();
            let b = sol.beta[j];
            let z = b / se;
            coefficients.push(Coefficient {
                term: names[j].clone(),
                estimate: b,
                std_error: se,
                z,
                p: two_sided_normal_p(z),
                odds_ratio: b.exp(),
                or_lower: (b - Z_975 * se).exp(),
                or_upper: (b + Z_975 * se).exp(),
                or_profile_lower: None,
                or_profile_upper: None,
            });
        }

        let mut warnings = Vec::new();
        let n_vars = p - 1;
        if n_vars > 0 {
            let minority = events.min(n - events) as f64;
            let epv = minority / n_vars as f64;
            if epv < EPV_WARNING {
                warnings.push(format!(
                    "{epv:.1} events per variable ({} in the smaller outcome class, {n_vars} terms): below {EPV_WARNING}, estimates may be biased and unstable (Peduzzi 1996)",
                    events.min(n - events)
                ));
            }
        }
        if let Some(s) = &separation {
            warnings.push(s.message());
        }

        // Under separation the constrained fits diverge too: no profile limits (None).
        if self.profile && separation.is_none() {
            for (j, c) in coefficients.iter_mut().enumerate() {
                let lim = profile::limits(
                    &problem,
                    &sol,
                    j,
                    c.std_error,
                    self.max_iter.max(50),
                    self.epsilon.min(1e-12),
                )
                .map_err(|reason| LogisticError::ProfileFailed {
                    term: c.term.clone(),
                    reason,
                })?;
                c.or_profile_lower = lim.0.map(f64::exp);
                c.or_profile_upper = lim.1.map(f64::exp);
            }
        }

        Ok(LogisticFit {
            method: if self.firth {
                "firth".into()
            } else {
                "maximum likelihood".into()
            },
            coefficients,
            variables: design.variables.clone(),
            n,
            events,
            deviance,
            null_deviance,
            loglik: -deviance / 2.0,
            penalized_deviance,
            aic: deviance + 2.0 * pf,
            bic: deviance + nf.ln() * pf,
            df_residual: n - p,
            lr_chisq,
            lr_df: p - 1,
            lr_p: (p > 1).then(|| chisq_upper(lr_chisq, (p - 1) as f64)),
            nagelkerke_r2: if r2_max > 0.0 { r2_cs / r2_max } else { 0.0 },
            iterations: sol.iterations,
            converged: sol.converged,
            separation,
            warnings,
            covariance,
            fitted: sol.mu,
            linear_predictor: sol.eta,
        })
    }
}

impl LogisticFit {
    /// Coefficient estimates, intercept first.
    pub fn estimates(&self) -> Vec<f64> {
        self.coefficients.iter().map(|c| c.estimate).collect()
    }

    /// Term names, intercept excluded.
    pub fn term_names(&self) -> Vec<String> {
        self.coefficients
            .iter()
            .skip(1)
            .map(|c| c.term.clone())
            .collect()
    }
}
