//! Cox proportional-hazards regression (Cox 1972) fitted by Newton–Raphson with step halving,
//! with Efron (R's default) or Breslow handling of tied event times, as R's `coxph`.
//!
//! # Derivation
//! With covariates xᵢ (centred on their means, as `coxph` does; centring changes neither β̂ nor
//! the tests) and risk scores rᵢ = exp(xᵢᵀβ), the partial likelihood multiplies, over the event
//! times t, the probability that the subjects who died at t are the ones who died, given the
//! risk set R(t) = {i : timeᵢ ≥ t}. Write S₀ = Σ_{R} rᵢ, S₁ = Σ_{R} rᵢxᵢ, S₂ = Σ_{R} rᵢxᵢxᵢᵀ
//! and e₀, e₁, e₂ for the same sums over the d deaths D(t).
//!
//! **Breslow** treats the d deaths as if they happened one after the other from the full risk
//! set: ℓ(β) = Σ_t [Σ_{D} xᵢᵀβ − d log S₀].
//!
//! **Efron** (1977) lets the tied deaths leave the risk set gradually: the k-th of them
//! (k = 0, …, d − 1) sees the denominator S₀ − (k/d) e₀, so
//! ℓ(β) = Σ_t [Σ_{D} xᵢᵀβ − Σ_k log(S₀ − (k/d) e₀)].
//!
//! Writing s₀ₖ = S₀ − fₖe₀, s₁ₖ = S₁ − fₖe₁, s₂ₖ = S₂ − fₖe₂ (fₖ = k/d for Efron, 0 for
//! Breslow), the score and information are
//!
//! ```text
//! U(β) = Σ_t [Σ_D xᵢ − Σ_k s₁ₖ/s₀ₖ],    I(β) = Σ_t Σ_k [s₂ₖ/s₀ₖ − s₁ₖs₁ₖᵀ/s₀ₖ²].
//! ```
//!
//! Processing the subjects from the longest time to the shortest builds S₀, S₁, S₂ as running
//! sums, so one evaluation costs O(n p²).
//!
//! **Newton–Raphson**: β ← β + I(β)⁻¹U(β) from β = 0. If a step lowers the log likelihood (or
//! overflows) it is halved until it does not. The iteration stops when the relative change of
//! ℓ is below `eps` (R's rule, `coxph.control(eps)`); the returned β is the iterate after that
//! last, tiny step, and standard errors are √diag I(β̂)⁻¹ at the returned β̂.
//!
//! **Global tests** (Therneau & Grambsch 2000, §3.4): likelihood ratio 2(ℓ(β̂) − ℓ(0)); Wald
//! β̂ᵀ I(β̂) β̂; score U(0)ᵀ I(0)⁻¹ U(0) — all χ² on p degrees of freedom, as `coxph` stores them in
//! the fit (`summary.coxph` prints the Wald statistic rounded; here it is exact).
//!
//! **Monotone likelihood**: when a covariate separates the event times (e.g. every event
//! happens in one group), ℓ increases toward an asymptote as βⱼ → ±∞. Newton's steps in that
//! direction then stay near a constant size while ℓ stops changing. As in `coxph`, a
//! coefficient whose final Newton step is larger than √eps·max(1, |βⱼ|) is declared infinite:
//! its estimate, SE, HR and CI are reported as undefined (`None`) and a warning names it.
//!
//! # Hand-worked case (Therneau's validation vignette)
//! Six subjects: time 1, 1, 6, 6, 8, 9; status 1, 0, 1, 1, 0, 1; x = 1, 1, 1, 0, 0, 0, so at
//! t = 1 a death and a censoring coincide and at t = 6 two deaths are tied. With r = e^β:
//! - Breslow: ℓ(β) = 2β − log(3r + 3) − 2 log(r + 3), U = 2 − r/(r + 1) − 2r/(r + 3),
//!   I = r/(r + 1)² + 6r/(r + 3)². ℓ(0) = −log 6 − 2 log 4; U(0) = 1, I(0) = 5/8, score test
//!   1.6; U = 0 gives r² − 3r − 6 = 0, β̂ = log((3 + √33)/2) = 1.4752849.
//! - Efron: the tied deaths at 6 see r + 3 and (r + 5)/2: ℓ(β) = 2β − log(3r + 3) − log(r + 3)
//!   − log((r + 5)/2), U = 2 − r/(r + 1) − r/(r + 3) − r/(r + 5), U(0) = 13/12,
//!   I(0) = 1/4 + 3/16 + 5/36 = 83/144, score test 169/83; β̂ = 1.6768575 (root of U).
//!
//! These exact values are asserted in `tests/validation.rs`.

use serde::Serialize;
use statrs::distribution::{ContinuousCDF, Normal};

use crate::concordance::{Concordance, concordance};
use crate::data::{SurvivalData, order_by_time};
use crate::error::{Result, SurvivalError};
use crate::kaplan_meier::z_for_level;
use crate::linalg::Ldl;
use crate::logrank::ChiSquareTest;

/// Handling of tied event times.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Ties {
    /// Efron's approximation (R's default).
    #[default]
    Efron,
    /// Breslow's approximation.
    Breslow,
}

/// Options of the Cox fit.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CoxOptions {
    /// Tie handling.
    pub ties: Ties,
    /// Stop when |1 − ℓ_old/ℓ_new| ≤ eps (R: 1e-9; here 1e-10 by default).
    pub eps: f64,
    /// Maximum Newton iterations (R: 20).
    pub max_iter: usize,
    /// Confidence level of the hazard-ratio intervals.
    pub conf_level: f64,
}

impl Default for CoxOptions {
    fn default() -> Self {
        Self {
            ties: Ties::Efron,
            eps: 1e-10,
            max_iter: 30,
            conf_level: 0.95,
        }
    }
}

/// One coefficient row (`summary(coxph)`), `None` where undefined (an infinite coefficient).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CoxCoefficient {
    /// Term name.
    pub term: String,
    /// β̂.
    pub coef: Option<f64>,
    /// Hazard ratio exp(β̂).
    pub hr: Option<f64>,
    /// √[I(β̂)⁻¹]ⱼⱼ.
    pub se: Option<f64>,
    /// Wald z = β̂/SE.
    pub z: Option<f64>,
    /// Two-sided p = 2·Φ(−|z|), from the normal upper tail.
    pub p: Option<f64>,
    /// exp(β̂ − z₁₋α/₂ SE).
    pub hr_lower: Option<f64>,
    /// exp(β̂ + z₁₋α/₂ SE).
    pub hr_upper: Option<f64>,
}

/// A fitted Cox model.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CoxFit {
    /// Coefficient table.
    pub coefficients: Vec<CoxCoefficient>,
    /// ℓ(0).
    pub loglik_null: f64,
    /// ℓ(β̂).
    pub loglik: f64,
    /// Likelihood-ratio test 2(ℓ(β̂) − ℓ(0)).
    pub lr_test: ChiSquareTest,
    /// Wald test β̂ᵀ I(β̂) β̂ (over the finite coefficients).
    pub wald_test: ChiSquareTest,
    /// Score test U(0)ᵀ I(0)⁻¹ U(0).
    pub score_test: ChiSquareTest,
    /// Harrell's C as `coxph` reports it (see [`crate::concordance`]).
    pub concordance: f64,
    /// Its infinitesimal-jackknife standard error.
    pub concordance_se: f64,
    /// Subjects used.
    pub n: usize,
    /// Events.
    pub n_events: usize,
    /// Newton iterations used.
    pub iterations: usize,
    /// Tie handling used.
    pub ties: Ties,
    /// Warnings (monotone likelihood), each naming its covariate.
    pub warnings: Vec<String>,
    /// β̂ (finite iterate even for an infinite coefficient).
    #[serde(skip)]
    pub beta: Vec<f64>,
    /// I(β̂)⁻¹, row-major p × p.
    #[serde(skip)]
    pub variance: Vec<f64>,
    /// Covariate means used for centring.
    #[serde(skip)]
    pub means: Vec<f64>,
    /// Baseline cumulative hazard at the covariate means: (event time, H₀).
    #[serde(skip)]
    pub baseline: Vec<(f64, f64)>,
}

/// Log likelihood, score and information at β.
pub(crate) struct Evaluation {
    pub(crate) loglik: f64,
    pub(crate) score: Vec<f64>,
    pub(crate) info: Vec<f64>,
}

/// Centred design sorted by time: everything an evaluation needs.
pub(crate) struct Design {
    pub(crate) p: usize,
    /// Row-major n × p, centred, in descending time order.
    pub(crate) x: Vec<f64>,
    pub(crate) time: Vec<f64>,
    pub(crate) event: Vec<bool>,
}

impl Design {
    pub(crate) fn new<C: AsRef<[f64]>>(
        data: &SurvivalData,
        names: &[String],
        columns: &[C],
    ) -> Result<(Self, Vec<f64>)> {
        let n = data.len();
        let p = columns.len();
        if names.len() != p {
            return Err(SurvivalError::LengthMismatch {
                what: "term names",
                expected: p,
                found: names.len(),
            });
        }
        let mut means = vec![0.0; p];
        for (j, c) in columns.iter().enumerate() {
            let c = c.as_ref();
            if c.len() != n {
                return Err(SurvivalError::LengthMismatch {
                    what: "covariate",
                    expected: n,
                    found: c.len(),
                });
            }
            if let Some(row) = c.iter().position(|v| !v.is_finite()) {
                return Err(SurvivalError::MissingCovariate {
                    row,
                    term: names[j].clone(),
                    value: c[row],
                });
            }
            means[j] = c.iter().sum::<f64>() / n as f64;
        }
        let mut order = order_by_time(data.time());
        order.reverse();
        let mut x = Vec::with_capacity(n * p);
        for &i in &order {
            for (j, c) in columns.iter().enumerate() {
                x.push(c.as_ref()[i] - means[j]);
            }
        }
        Ok((
            Self {
                p,
                x,
                time: order.iter().map(|&i| data.time()[i]).collect(),
                event: order.iter().map(|&i| data.event()[i]).collect(),
            },
            means,
        ))
    }

    fn row(&self, i: usize) -> &[f64] {
        &self.x[i * self.p..(i + 1) * self.p]
    }

    /// Linear predictors (centred) in sorted order.
    pub(crate) fn linear_predictor(&self, beta: &[f64]) -> Vec<f64> {
        (0..self.time.len())
            .map(|i| self.row(i).iter().zip(beta).map(|(a, b)| a * b).sum())
            .collect()
    }

    /// ℓ, U and I at β (see the module docs).
    fn evaluate(&self, beta: &[f64], ties: Ties) -> Evaluation {
        let p = self.p;
        let mut total = Evaluation {
            loglik: 0.0,
            score: vec![0.0; p],
            info: vec![0.0; p * p],
        };
        self.sweep(beta, ties, |_, group| {
            total.loglik += group.loglik;
            total
                .score
                .iter_mut()
                .zip(&group.score)
                .for_each(|(a, b)| *a += b);
            total
                .info
                .iter_mut()
                .zip(&group.info)
                .for_each(|(a, b)| *a += b);
        });
        total
    }

    /// Visits the event times from the longest down with each time's contribution to ℓ, U and
    /// I (information symmetric, full matrix).
    pub(crate) fn sweep(&self, beta: &[f64], ties: Ties, mut visit: impl FnMut(f64, &Evaluation)) {
        let p = self.p;
        let n = self.time.len();
        let lp = self.linear_predictor(beta);
        let mut s0 = 0.0;
        let mut s1 = vec![0.0; p];
        let mut s2 = vec![0.0; p * p];
        let mut e1 = vec![0.0; p];
        let mut e2 = vec![0.0; p * p];
        let mut a1 = vec![0.0; p];
        let mut a2 = vec![0.0; p * p];
        let mut group = Evaluation {
            loglik: 0.0,
            score: vec![0.0; p],
            info: vec![0.0; p * p],
        };
        let mut a = 0;
        while a < n {
            let t = self.time[a];
            let mut b = a;
            let mut e0 = 0.0;
            let mut d = 0usize;
            e1.iter_mut().for_each(|v| *v = 0.0);
            e2.iter_mut().for_each(|v| *v = 0.0);
            group.loglik = 0.0;
            group.score.iter_mut().for_each(|v| *v = 0.0);
            group.info.iter_mut().for_each(|v| *v = 0.0);
            while b < n && self.time[b] == t {
                let r = lp[b].exp();
                let x = self.row(b);
                s0 += r;
                for j in 0..p {
                    s1[j] += r * x[j];
                    for k in 0..=j {
                        s2[j * p + k] += r * x[j] * x[k];
                    }
                }
                if self.event[b] {
                    d += 1;
                    e0 += r;
                    group.loglik += lp[b];
                    for j in 0..p {
                        group.score[j] += x[j];
                        e1[j] += r * x[j];
                        for k in 0..=j {
                            e2[j * p + k] += r * x[j] * x[k];
                        }
                    }
                }
                b += 1;
            }
            for k in 0..d {
                let f = match ties {
                    Ties::Efron => k as f64 / d as f64,
                    Ties::Breslow => 0.0,
                };
                let d0 = s0 - f * e0;
                for j in 0..p {
                    a1[j] = (s1[j] - f * e1[j]) / d0;
                    for l in 0..=j {
                        a2[j * p + l] = (s2[j * p + l] - f * e2[j * p + l]) / d0;
                    }
                }
                group.loglik -= d0.ln();
                for j in 0..p {
                    group.score[j] -= a1[j];
                    for l in 0..=j {
                        group.info[j * p + l] += a2[j * p + l] - a1[j] * a1[l];
                    }
                }
            }
            if d > 0 {
                for j in 0..p {
                    for l in 0..j {
                        group.info[l * p + j] = group.info[j * p + l];
                    }
                }
                visit(t, &group);
            }
            a = b;
        }
    }

    /// Baseline cumulative hazard at the centring point, at each event time (ascending):
    /// Breslow ΔH = d/S₀; Efron ΔH = Σ_k 1/(S₀ − (k/d) e₀) (Therneau & Grambsch 2000, §10.2).
    fn baseline(&self, beta: &[f64], ties: Ties) -> Vec<(f64, f64)> {
        let n = self.time.len();
        let lp = self.linear_predictor(beta);
        let mut steps = Vec::new();
        let mut s0 = 0.0;
        let mut a = 0;
        while a < n {
            let t = self.time[a];
            let mut b = a;
            let (mut e0, mut d) = (0.0, 0usize);
            while b < n && self.time[b] == t {
                let r = lp[b].exp();
                s0 += r;
                if self.event[b] {
                    e0 += r;
                    d += 1;
                }
                b += 1;
            }
            if d > 0 {
                let dh: f64 = (0..d)
                    .map(|k| {
                        let f = match ties {
                            Ties::Efron => k as f64 / d as f64,
                            Ties::Breslow => 0.0,
                        };
                        1.0 / (s0 - f * e0)
                    })
                    .sum();
                steps.push((t, dh));
            }
            a = b;
        }
        steps.reverse();
        let mut h = 0.0;
        steps
            .into_iter()
            .map(|(t, dh)| {
                h += dh;
                (t, h)
            })
            .collect()
    }
}

/// Two-sided normal p-value 2·Φ(−|z|) from the upper tail.
pub(crate) fn normal_two_sided(z: f64) -> f64 {
    2.0 * Normal::standard().sf(z.abs())
}

/// Fits `coxph(Surv(time, status) ~ columns, ties = …)`; `names` label the columns.
pub fn cox_fit<C: AsRef<[f64]>>(
    data: &SurvivalData,
    names: &[String],
    columns: &[C],
    options: &CoxOptions,
) -> Result<CoxFit> {
    let n_events = data.n_events();
    if n_events == 0 {
        return Err(SurvivalError::NoEvents { n: data.len() });
    }
    let zq = z_for_level(options.conf_level)?;
    if columns.is_empty() {
        return Err(SurvivalError::InvalidArgument {
            what: "number of covariates",
            value: 0.0,
        });
    }
    let (design, means) = Design::new(data, names, columns)?;
    let p = design.p;
    let mut beta = vec![0.0; p];
    let start = design.evaluate(&beta, options.ties);
    let start_ldl = Ldl::new(&start.info, p, 1e-12);
    if !start_ldl.is_full_rank() {
        return Err(SurvivalError::Singular {
            what: "information matrix at beta = 0 (a covariate is constant or collinear)",
        });
    }
    let loglik_null = start.loglik;
    let score_stat: f64 = {
        let y = start_ldl.solve(&start.score);
        y.iter().zip(&start.score).map(|(a, b)| a * b).sum()
    };
    let mut current = start;
    let mut iterations = 0;
    let mut converged = p == 0;
    while !converged && iterations < options.max_iter {
        iterations += 1;
        let mut step = Ldl::new(&current.info, p, 1e-12).solve(&current.score);
        let mut halvings = 0;
        loop {
            let trial: Vec<f64> = beta.iter().zip(&step).map(|(b, s)| b + s).collect();
            let next = design.evaluate(&trial, options.ties);
            if next.loglik.is_finite()
                && next.loglik >= current.loglik - 1e-12 * current.loglik.abs()
            {
                converged = (1.0 - current.loglik / next.loglik).abs() <= options.eps;
                beta = trial;
                current = next;
                break;
            }
            halvings += 1;
            if halvings > 40 {
                converged = true; // no ascent direction left: ℓ is at its numerical maximum
                break;
            }
            step.iter_mut().for_each(|s| *s /= 2.0);
        }
    }
    let ldl = Ldl::new(&current.info, p, 1e-12);
    let final_step = ldl.solve(&current.score);
    let infinite: Vec<bool> = (0..p)
        .map(|j| {
            ldl.dropped[j]
                || (final_step[j].abs() > options.eps
                    && final_step[j].abs() > options.eps.sqrt() * beta[j].abs().max(1.0))
        })
        .collect();
    if !converged && !infinite.iter().any(|&f| f) {
        return Err(SurvivalError::NoConvergence { iterations });
    }
    let warnings: Vec<String> = (0..p)
        .filter(|&j| infinite[j])
        .map(|j| {
            format!(
                "Loglik converged before variable {}; coefficient may be infinite (monotone likelihood)",
                names[j]
            )
        })
        .collect();
    let variance = ldl.inverse();
    let coefficients: Vec<CoxCoefficient> = (0..p)
        .map(|j| {
            if infinite[j] {
                return CoxCoefficient {
                    term: names[j].clone(),
                    coef: None,
                    hr: None,
                    se: None,
                    z: None,
                    p: None,
                    hr_lower: None,
                    hr_upper: None,
                };
            }
            let b = beta[j];
            let se = variance[j * p + j].sqrt();
            let z = b / se;
            CoxCoefficient {
                term: names[j].clone(),
                coef: Some(b),
                hr: Some(b.exp()),
                se: Some(se),
                z: Some(z),
                p: Some(normal_two_sided(z)),
                hr_lower: Some((b - zq * se).exp()),
                hr_upper: Some((b + zq * se).exp()),
            }
        })
        .collect();
    let finite: Vec<usize> = (0..p).filter(|&j| !infinite[j]).collect();
    let wald = {
        let m = finite.len();
        let mut v = vec![0.0; m * m];
        for (a, &j) in finite.iter().enumerate() {
            for (b, &k) in finite.iter().enumerate() {
                v[a * m + b] = variance[j * p + k];
            }
        }
        let bsub: Vec<f64> = finite.iter().map(|&j| beta[j]).collect();
        let y = Ldl::new(&v, m, 1e-12).solve(&bsub);
        ChiSquareTest::new(y.iter().zip(&bsub).map(|(a, b)| a * b).sum(), m)
    };
    let lp = design.linear_predictor(&beta);
    let Concordance { c, se } = concordance(&design.time, &design.event, &lp);
    let baseline = design.baseline(&beta, options.ties);
    Ok(CoxFit {
        coefficients,
        loglik_null,
        loglik: current.loglik,
        lr_test: ChiSquareTest::new(2.0 * (current.loglik - loglik_null), p),
        wald_test: wald,
        score_test: ChiSquareTest::new(score_stat, p),
        concordance: c,
        concordance_se: se,
        n: data.len(),
        n_events,
        iterations,
        ties: options.ties,
        warnings,
        beta,
        variance,
        means,
        baseline,
    })
}

impl CoxFit {
    /// Baseline cumulative hazard H₀(t) at the covariate means (a step function; 0 before
    /// the first event time).
    pub fn baseline_cumhaz(&self, t: f64) -> f64 {
        let k = self.baseline.partition_point(|&(s, _)| s <= t);
        if k == 0 { 0.0 } else { self.baseline[k - 1].1 }
    }

    /// Predicted survival S(t | x) = exp(−H₀(t)·exp((x − x̄)ᵀβ̂)) for one covariate vector,
    /// as `survfit(fit, newdata)` with the hazard of the fit's tie method.
    pub fn predict_survival(&self, x: &[f64], t: f64) -> Result<f64> {
        if x.len() != self.beta.len() {
            return Err(SurvivalError::LengthMismatch {
                what: "covariate vector",
                expected: self.beta.len(),
                found: x.len(),
            });
        }
        let lp: f64 = x
            .iter()
            .zip(&self.means)
            .zip(&self.beta)
            .map(|((v, m), b)| (v - m) * b)
            .sum();
        Ok((-self.baseline_cumhaz(t) * lp.exp()).exp())
    }
}
