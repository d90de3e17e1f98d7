//! Per-family likelihood pieces: deviance, gradient and IRLS working weights.
//!
//! For a linear predictor ηᵢ (intercept included) each family supplies
//!
//! * the deviance D(η) and the null deviance D₀ (glmnet's `nulldev`), so that
//!   `dev.ratio` = 1 − D/D₀;
//! * the per-observation gradient gᵢ = n⁻¹ ∂ℓ/∂ηᵢ, whence the feature gradients
//!   Σᵢ x̃ᵢⱼ gᵢ used by the strong rules and the KKT check;
//! * the IRLS working weights vᵢ and residuals rᵢ = zᵢ − ηᵢ of the quadratic approximation
//!   (vᵢ rᵢ = gᵢ), and for an observation of weight 0 whose gᵢ is not 0 that constant term
//!   (the *pull*), which coordinate descent adds to its feature gradients as glmnet's residual
//!   wᵢ(yᵢ − pᵢ) carries it.
//!
//! **gaussian**: D = Σ (yᵢ − ηᵢ)², D₀ = Σ (yᵢ − ȳ)², gᵢ = (yᵢ − ηᵢ)/n, vᵢ = 1/n.
//!
//! **binomial** (Friedman et al. 2010, §3): pᵢ = 1/(1 + e^{−ηᵢ}),
//! D = −2 Σ [yᵢηᵢ − log(1 + e^{ηᵢ})], gᵢ = (yᵢ − pᵢ)/n, vᵢ = pᵢ(1 − pᵢ)/n. Saturation as in
//! glmnet's `lognet` (`glmnet.control(pmin = 1e-9)`): a fitted probability is exactly 0 once
//! ηᵢ < −log(1/pmin − 1) and exactly 1 once ηᵢ > log(1/pmin − 1) (|ηᵢ| > 20.7), in the weights
//! and in the gradient, so that observation's weight is 0 and it leaves the weighted
//! least-squares problem (working residual 0); a (near-)separated fit thus keeps finite working
//! values. Saturated on the side of its outcome its gradient term is 0; saturated on the wrong
//! side it keeps pulling with gᵢ = ±1/n. The deviance is glmnet's `dev2`: probabilities within
//! [pmin, 1 − pmin], i.e. ηᵢ clamped to ±log(1/pmin − 1). Clamping the probabilities in the
//! weights too would leave saturated observations a weight of about 10⁻⁹/n and move the optimum
//! of a nearly separated fit: by 1.7·10⁻⁶ relative in the nomogram cohort's `cvsd` at the end of
//! its path. glmnet's stop of the whole path once the weights sum to less than
//! (1 + pmin)·pmin·(1 − pmin) (every observation saturated) is not reproduced: the path goes on
//! (with every weight 0 nothing moves) until its deviance-ratio stop.
//!
//! **Cox** (Simon et al. 2011; Breslow's ties): with distinct event times t₍ₖ₎, dₖ events at
//! t₍ₖ₎ and risk sets Rₖ = {i : tᵢ ≥ t₍ₖ₎} (a censoring at an event time is still at risk, as
//! glmnet's shift of censored times by 100ε makes it), Sₖ = Σ_{Rₖ} e^{η},
//! ℓ = Σ_{events} ηᵢ − Σₖ dₖ log Sₖ, the saturated log-likelihood ℓ_sat = −Σₖ dₖ log dₖ and
//! D = 2(ℓ_sat − ℓ). With Aᵢ = Σ_{k: t₍ₖ₎ ≤ tᵢ} dₖ/Sₖ and Bᵢ = Σ_{k: t₍ₖ₎ ≤ tᵢ} dₖ/Sₖ²:
//! gᵢ = (δᵢ − e^{ηᵢ}Aᵢ)/n and, from the diagonal of the Hessian (Simon et al. 2011, §2.2),
//! vᵢ = (e^{ηᵢ}Aᵢ − e^{2ηᵢ}Bᵢ)/n.

use crate::family::Response;

/// glmnet's `pmin`: fitted probabilities below pmin or above 1 − pmin count as 0 or 1 in the
/// weights (see the module docs).
const PMIN: f64 = 1e-9;

/// Risk-set structure of a survival response: observations sorted by time, grouped in blocks of
/// equal time.
#[derive(Debug, Clone)]
pub(crate) struct CoxRisk {
    /// Observation indices sorted by ascending time.
    order: Vec<usize>,
    /// Block boundaries in `order`: block b is `order[starts[b]..starts[b + 1]]`.
    starts: Vec<usize>,
    /// Events in each block.
    events: Vec<f64>,
    /// Status per observation.
    status: Vec<f64>,
}

impl CoxRisk {
    pub fn new(time: &[f64], status: &[f64]) -> Self {
        let mut order: Vec<usize> = (0..time.len()).collect();
        order.sort_by(|&a, &b| time[a].total_cmp(&time[b]).then(a.cmp(&b)));
        let mut starts = vec![0];
        let mut events = Vec::new();
        let mut d = 0.0;
        for (pos, &i) in order.iter().enumerate() {
            if pos > 0 && time[i] != time[order[pos - 1]] {
                starts.push(pos);
                events.push(d);
                d = 0.0;
            }
            d += status[i];
        }
        starts.push(order.len());
        events.push(d);
        Self {
            order,
            starts,
            events,
            status: status.to_vec(),
        }
    }

    /// ℓ_sat = −Σₖ dₖ log dₖ.
    fn saturated(&self) -> f64 {
        -self
            .events
            .iter()
            .filter(|&&d| d > 0.0)
            .map(|d| d * d.ln())
            .sum::<f64>()
    }

    /// Breslow log partial likelihood ℓ(η), computed with exponents shifted by max η.
    pub fn loglik(&self, eta: &[f64]) -> f64 {
        let c = eta.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        let mut s = 0.0;
        let mut ll = 0.0;
        for b in (0..self.events.len()).rev() {
            let block = &self.order[self.starts[b]..self.starts[b + 1]];
            for &i in block {
                s += (eta[i] - c).exp();
                if self.status[i] == 1.0 {
                    ll += eta[i];
                }
            }
            if self.events[b] > 0.0 {
                ll -= self.events[b] * (c + s.ln());
            }
        }
        ll
    }

    /// Deviance 2(ℓ_sat − ℓ(η)), glmnet's `coxnet.deviance`.
    pub fn deviance(&self, eta: &[f64]) -> f64 {
        2.0 * (self.saturated() - self.loglik(eta))
    }

    /// e^{ηᵢ}Aᵢ and e^{2ηᵢ}Bᵢ for every observation.
    fn cumulative(&self, eta: &[f64]) -> (Vec<f64>, Vec<f64>) {
        let c = eta.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        let nb = self.events.len();
        let mut s = vec![0.0; nb];
        let mut acc = 0.0;
        for b in (0..nb).rev() {
            for &i in &self.order[self.starts[b]..self.starts[b + 1]] {
                acc += (eta[i] - c).exp();
            }
            s[b] = acc;
        }
        let n = eta.len();
        let mut ea = vec![0.0; n];
        let mut eb = vec![0.0; n];
        let (mut a, mut bsum) = (0.0, 0.0);
        for (b, (&d, &sb)) in self.events.iter().zip(&s).enumerate() {
            if d > 0.0 {
                a += d / sb;
                bsum += d / (sb * sb);
            }
            for &i in &self.order[self.starts[b]..self.starts[b + 1]] {
                let e = (eta[i] - c).exp();
                ea[i] = e * a;
                eb[i] = e * e * bsum;
            }
        }
        (ea, eb)
    }
}

/// A response prepared for fitting.
#[derive(Debug, Clone)]
pub(crate) enum Working {
    Gaussian { y: Vec<f64> },
    Binomial { y: Vec<f64> },
    Cox { status: Vec<f64>, risk: CoxRisk },
}

fn softplus(x: f64) -> f64 {
    if x > 0.0 {
        x + (-x).exp().ln_1p()
    } else {
        x.exp().ln_1p()
    }
}

/// log(1/pmin − 1): beyond ±this η a fitted probability is saturated (see the module docs).
fn saturation_bound() -> f64 {
    (1.0 / PMIN - 1.0).ln()
}

/// The fitted probability as glmnet's IRLS takes it: exactly 0 or 1 once |η| exceeds `bound`
/// ([`saturation_bound`]), the logistic function otherwise.
fn saturated_probability(eta: f64, bound: f64) -> f64 {
    if eta < -bound {
        0.0
    } else if eta > bound {
        1.0
    } else {
        1.0 / (1.0 + (-eta).exp())
    }
}

/// The IRLS quantities at η: working weights vᵢ, working residuals rᵢ = zᵢ − ηᵢ, and the
/// saturated observations' constant gradient terms (see the module docs).
pub(crate) struct Irls {
    pub v: Vec<f64>,
    pub r: Vec<f64>,
    /// (i, gᵢ) for each observation of weight 0 whose gradient term gᵢ = (yᵢ − pᵢ)/n is not 0:
    /// a binomial one saturated on the wrong side of its outcome.
    pub pull: Vec<(usize, f64)>,
}

impl Working {
    pub fn new(response: &Response) -> Self {
        match response {
            Response::Gaussian(y) => Working::Gaussian { y: y.clone() },
            Response::Binomial(y) => Working::Binomial { y: y.clone() },
            Response::Cox { time, status } => Working::Cox {
                status: status.clone(),
                risk: CoxRisk::new(time, status),
            },
        }
    }

    pub fn n(&self) -> usize {
        match self {
            Working::Gaussian { y } | Working::Binomial { y } => y.len(),
            Working::Cox { status, .. } => status.len(),
        }
    }

    pub fn has_intercept(&self) -> bool {
        !matches!(self, Working::Cox { .. })
    }

    /// The intercept-only maximum-likelihood η (ȳ, logit ȳ, or 0 for Cox).
    pub fn null_eta(&self) -> f64 {
        match self {
            Working::Gaussian { y } => y.iter().sum::<f64>() / y.len() as f64,
            Working::Binomial { y } => {
                let m = y.iter().sum::<f64>() / y.len() as f64;
                (m / (1.0 - m)).ln()
            }
            Working::Cox { .. } => 0.0,
        }
    }

    /// Deviance D(η).
    pub fn deviance(&self, eta: &[f64]) -> f64 {
        match self {
            Working::Gaussian { y } => y.iter().zip(eta).map(|(y, e)| (y - e) * (y - e)).sum(),
            Working::Binomial { y } => {
                // glmnet's dev2: probabilities kept within [pmin, 1 − pmin], i.e. η within
                // ±log(1/pmin − 1)
                let bound = saturation_bound();
                -2.0 * y
                    .iter()
                    .zip(eta)
                    .map(|(y, e)| {
                        let e = e.clamp(-bound, bound);
                        y * e - softplus(e)
                    })
                    .sum::<f64>()
            }
            Working::Cox { risk, .. } => risk.deviance(eta),
        }
    }

    /// Null deviance D₀ (intercept-only model; η = 0 for Cox).
    pub fn null_deviance(&self) -> f64 {
        let eta = vec![self.null_eta(); self.n()];
        match self {
            Working::Gaussian { y } => {
                let m = eta[0];
                y.iter().map(|v| (v - m) * (v - m)).sum()
            }
            Working::Binomial { y } => {
                let m = y.iter().sum::<f64>() / y.len() as f64;
                -2.0 * y.len() as f64 * (m * m.ln() + (1.0 - m) * (1.0 - m).ln())
            }
            Working::Cox { .. } => self.deviance(&eta),
        }
    }

    /// Per-observation gradient gᵢ = n⁻¹ ∂ℓ/∂ηᵢ.
    pub fn gradient(&self, eta: &[f64]) -> Vec<f64> {
        let nf = self.n() as f64;
        match self {
            Working::Gaussian { y } => y.iter().zip(eta).map(|(y, e)| (y - e) / nf).collect(),
            Working::Binomial { y } => {
                let bound = saturation_bound();
                y.iter()
                    .zip(eta)
                    .map(|(y, e)| (y - saturated_probability(*e, bound)) / nf)
                    .collect()
            }
            Working::Cox { status, risk } => {
                let (ea, _) = risk.cumulative(eta);
                status.iter().zip(&ea).map(|(d, a)| (d - a) / nf).collect()
            }
        }
    }

    /// IRLS working weights vᵢ and residuals rᵢ = zᵢ − ηᵢ at η, with the saturated
    /// observations' gradient terms (vᵢrᵢ + those terms = gᵢ).
    pub fn irls(&self, eta: &[f64]) -> Irls {
        let nf = self.n() as f64;
        let (v, r, pull) = match self {
            Working::Gaussian { y } => (
                vec![1.0 / nf; y.len()],
                y.iter().zip(eta).map(|(y, e)| y - e).collect(),
                Vec::new(),
            ),
            Working::Binomial { y } => {
                let bound = saturation_bound();
                let mut pull = Vec::new();
                let (v, r) = y
                    .iter()
                    .zip(eta)
                    .enumerate()
                    .map(|(i, (y, e))| {
                        let p = saturated_probability(*e, bound);
                        let w = p * (1.0 - p);
                        if w > 0.0 {
                            (w / nf, (y - p) / w)
                        } else {
                            if y != &p {
                                pull.push((i, (y - p) / nf));
                            }
                            (0.0, 0.0)
                        }
                    })
                    .unzip();
                (v, r, pull)
            }
            Working::Cox { status, risk } => {
                let (ea, eb) = risk.cumulative(eta);
                let mut pull = Vec::new();
                let (v, r) = status
                    .iter()
                    .zip(ea.iter().zip(&eb))
                    .enumerate()
                    .map(|(i, (d, (a, b)))| {
                        let w = a - b;
                        if w > 0.0 {
                            (w / nf, (d - a) / w)
                        } else {
                            if d != a {
                                pull.push((i, (d - a) / nf));
                            }
                            (0.0, 0.0)
                        }
                    })
                    .unzip();
                (v, r, pull)
            }
        };
        Irls { v, r, pull }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Hand-worked IRLS values: at η = 0 the weight is ¼/n and the working residual
    /// (y − ½)/¼; at |η| = 20 (inside the bound log(1/pmin − 1) ≈ 20.72) the logistic weight;
    /// beyond it weight and residual 0, with a pull of (y − p)/n = ∓1/n only on the wrong side
    /// of the outcome. Everywhere vᵢrᵢ plus the pull is the gradient term gᵢ.
    #[test]
    fn binomial_weights_saturate_beyond_the_bound() {
        let y = vec![1.0, 0.0, 1.0, 0.0, 0.0, 1.0, 1.0, 0.0];
        let eta = [0.0, 0.0, 20.0, -20.0, 25.0, -25.0, 30.0, -30.0];
        let work = Working::new(&Response::Binomial(y));
        let Irls { v, r, pull } = work.irls(&eta);
        let n = 8.0;
        assert_eq!(v[0], 0.25 / n);
        assert_eq!(r[0], 2.0);
        assert_eq!(r[1], -2.0);
        let p = 1.0 / (1.0 + (-20.0f64).exp());
        // Tolerance: 1e-15 relative (the same formula, evaluated on both sides).
        assert!((v[2] - p * (1.0 - p) / n).abs() <= 1e-15 * v[2]);
        assert!(v[3] > 0.0 && r[3].is_finite());
        assert_eq!(&v[4..], &[0.0; 4]);
        assert_eq!(&r[4..], &[0.0; 4]);
        assert_eq!(pull, vec![(4, -1.0 / n), (5, 1.0 / n)]);
        let g = work.gradient(&eta);
        for i in 0..8 {
            let pulled: f64 = pull.iter().filter(|(k, _)| *k == i).map(|(_, g)| g).sum();
            // Tolerance: 1e-15 absolute (vᵢrᵢ rounds (yᵢ − pᵢ)/n once more).
            assert!((v[i] * r[i] + pulled - g[i]).abs() <= 1e-15, "{i}");
        }
    }

    /// glmnet's `dev2`: beyond the bound the deviance counts −2 log pmin on the wrong side of
    /// the outcome and −2 log(1 − pmin) on the right side, not the unbounded exact values.
    #[test]
    fn binomial_deviance_keeps_probabilities_within_pmin() {
        let work = Working::new(&Response::Binomial(vec![0.0, 1.0]));
        let d = work.deviance(&[40.0, 40.0]);
        let want = -2.0 * (PMIN.ln() + (1.0 - PMIN).ln());
        // Tolerance: 1e-12 relative (log(1 + e^η) at the bound against log(pmin)).
        assert!((d - want).abs() <= 1e-12 * want, "{d} vs {want}");
    }
}
