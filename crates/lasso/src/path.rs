//! The regularization path: warm starts, strong rules, KKT checks, glmnet's early stop.
//!
//! The path is computed from the largest λ down. At each λₖ the solution at λₖ₋₁ is the
//! starting point (warm start), moved along the path by a secant predictor through the two
//! previous solutions when that lowers the objective at λₖ (`warm_start`; glmnet uses the plain
//! warm start). The *sequential strong rule* (Tibshirani et al. 2012, §5) discards feature j
//! when |gⱼ(λₖ₋₁)| < α pⱼ (2λₖ − λₖ₋₁), gⱼ being the feature gradient at the
//! previous solution; the coordinate descent then runs on the remaining candidates only. Since
//! the rule can err, the KKT conditions |gⱼ(λₖ)| ≤ λₖ α pⱼ of every discarded feature are checked
//! at the solution; violators join the candidates and the fit is repeated until none is left.
//! Binomial and Cox fits wrap this in IRLS: at the current η the log-likelihood is replaced by
//! its quadratic approximation (working weights and response, see `working`), the penalized
//! weighted least-squares problem is solved by coordinate descent, and the step is repeated until
//! the weighted coefficient change max xvⱼΔβⱼ² falls below the threshold (Friedman et al. 2010,
//! §3; Simon et al. 2011 for Cox).
//!
//! **Convergence** follows glmnet's `thresh`: a pass converges when max xvⱼ Δβⱼ² < thresh · s,
//! with glmnet's scale s: gaussian s = D₀/n, the 1/n variance of y (glmnet standardizes y);
//! binomial and Cox s = D₀/(2n), the null deviance in glmnet's internal units (weights summing
//! to 1, deviance as −log-likelihood: `lognet`'s `shr = thr·dev0`, `coxnet`'s `cthr = cthri·dev0`
//! in glmnet5dpclean.f / coxnet5dpclean.f). **maxit** counts coordinate-descent passes over the
//! whole path, as glmnet's does; when it runs out, the path is cut before that λ (glmnet's warning
//! "solutions for larger lambdas returned") and [`LassoPath::maxit_reached`] says where.
//!
//! **Early stop** (automatic λ only, from the 5th λ on, glmnet.control's `fdev` = 10⁻⁵,
//! `devmax` = 0.999, `mnlam` = 5): gaussian when R²ₖ − R²ₖ₋₁ < fdev·R²ₖ; binomial when
//! dev.ratioₖ − dev.ratioₖ₋₁ < fdev; both when dev.ratio > devmax. Cox follows glmnet's compiled
//! coxnet (`coxnet5dpclean.f`, which scales the controls to 100·fdev and devmax·0.99/0.999):
//! stop when (dev.ratioₖ − dev.ratioₖ₋₄)/dev.ratioₖ < 10⁻³, the relative gain over the last
//! mnlam − 1 steps, or when dev.ratio > 0.99. The λ at which a rule fires is kept. With a user
//! λ sequence the path is never stopped early.

use serde::Serialize;

use crate::coefficients::Coefficients;
use crate::coordinate_descent::{CdState, WeightedProblem};
use crate::design::{Design, Standardized};
use crate::error::LassoError;
use crate::family::{Family, Response};
use crate::lambda;
use crate::lanes::{dot2, dot3, subtract_scaled};
use crate::warm_start::{penalty, secant};
use crate::working::{Irls, Working};

/// glmnet.control()$fdev.
const FDEV: f64 = 1e-5;
/// glmnet.control()$devmax.
const DEVMAX: f64 = 0.999;
/// glmnet.control()$mnlam.
const MNLAM: usize = 5;
/// coxnet's 100·fdev.
const COX_FDEV: f64 = 100.0 * FDEV;
/// coxnet's devmax·0.99/0.999.
const COX_DEVMAX: f64 = 0.99;

/// Settings of a path fit (glmnet's arguments).
#[derive(Debug, Clone, PartialEq)]
pub struct LassoParams {
    /// Elastic-net mixing α ∈ [0, 1] (1 = lasso, 0 = ridge).
    pub alpha: f64,
    /// Number of λ values of an automatic sequence (default 100).
    pub nlambda: usize,
    /// Smallest λ as a fraction of λ_max; `None` = glmnet's default (0.01 if n < p else 10⁻⁴).
    pub lambda_min_ratio: Option<f64>,
    /// A user λ sequence (strictly decreasing); replaces the automatic one and disables the
    /// early stop.
    pub lambda: Option<Vec<f64>>,
    /// Penalty factors pⱼ ≥ 0 (0 = unpenalized, always in the model); rescaled to sum to the
    /// number of features, as glmnet does. `None` = all 1.
    pub penalty_factor: Option<Vec<f64>>,
    /// Convergence threshold (glmnet's `thresh`, default 10⁻⁷).
    pub thresh: f64,
    /// Budget of coordinate-descent passes over the whole path (glmnet's `maxit`, default 10⁵).
    pub maxit: usize,
}

impl Default for LassoParams {
    fn default() -> Self {
        Self {
            alpha: 1.0,
            nlambda: 100,
            lambda_min_ratio: None,
            lambda: None,
            penalty_factor: None,
            thresh: 1e-7,
            maxit: 100_000,
        }
    }
}

/// A fitted path: coefficients on the original scale at every λ.
#[derive(Debug, Clone, Serialize)]
pub struct LassoPath {
    /// Family fitted.
    pub family: Family,
    /// α.
    pub alpha: f64,
    /// Feature names.
    pub names: Vec<String>,
    /// The λ values of the path (cut at the early stop).
    pub lambda: Vec<f64>,
    /// Intercepts β₀ on the original scale (0 for Cox, which has none).
    pub a0: Vec<f64>,
    /// Coefficients on the original scale, one vector per λ.
    pub beta: Vec<Vec<f64>>,
    /// Number of non-zero coefficients per λ (glmnet's `df`).
    pub nzero: Vec<usize>,
    /// Fraction of the null deviance explained, 1 − D/D₀ (glmnet's `dev.ratio`).
    pub dev_ratio: Vec<f64>,
    /// Null deviance D₀ (glmnet's `nulldev`).
    pub null_deviance: f64,
    /// Constant features: left at zero at every λ, as glmnet does.
    pub constant_features: Vec<String>,
    /// Coordinate-descent passes used, counted as glmnet's `npasses` (fewer than glmnet's: the
    /// predicted warm starts begin nearer each solution).
    pub passes: usize,
    /// 1-based index of the λ at which `maxit` ran out (the path stops before it), if it did.
    pub maxit_reached: Option<usize>,
}

impl LassoParams {
    /// Checks the settings against a design with `p` features.
    pub(crate) fn check(&self, p: usize) -> Result<(), LassoError> {
        if !(0.0..=1.0).contains(&self.alpha) || self.alpha.is_nan() {
            return Err(LassoError::Alpha(self.alpha));
        }
        if self.nlambda == 0 {
            return Err(LassoError::PathSetting("nlambda must be at least 1".into()));
        }
        if let Some(r) = self.lambda_min_ratio
            && !(r > 0.0 && r < 1.0)
        {
            return Err(LassoError::PathSetting(format!(
                "lambda.min.ratio = {r} is outside (0, 1)"
            )));
        }
        if let Some(l) = &self.lambda {
            lambda::check_user(l)?;
        }
        if !(self.thresh > 0.0 && self.thresh.is_finite()) {
            return Err(LassoError::Convergence(format!(
                "thresh = {} must be positive",
                self.thresh
            )));
        }
        if self.maxit == 0 {
            return Err(LassoError::Convergence("maxit must be at least 1".into()));
        }
        if let Some(pf) = &self.penalty_factor {
            if pf.len() != p {
                return Err(LassoError::PenaltyFactor(format!(
                    "{} values for {p} features",
                    pf.len()
                )));
            }
            if let Some(v) = pf.iter().find(|v| !v.is_finite() || **v < 0.0) {
                return Err(LassoError::PenaltyFactor(format!(
                    "{v} is not a non-negative number"
                )));
            }
            if pf.iter().all(|v| *v == 0.0) {
                return Err(LassoError::PenaltyFactor("all zero".into()));
            }
        }
        Ok(())
    }

    /// Fits the path on all rows.
    ///
    /// # Errors
    /// Invalid settings or response (see [`LassoError`]), nothing to select, or no solution at
    /// the first λ within `maxit`.
    pub fn fit(&self, design: &Design, response: &Response) -> Result<LassoPath, LassoError> {
        self.check(design.columns())?;
        response.validate(design.rows())?;
        fit_rows(self, design, response, None, self.lambda.as_deref())
    }
}

/// The penalty factors rescaled as glmnet does: pⱼ·p/Σp.
fn rescaled_penalty(params: &LassoParams, p: usize) -> Vec<f64> {
    match &params.penalty_factor {
        None => vec![1.0; p],
        Some(pf) => {
            let s: f64 = pf.iter().sum();
            pf.iter().map(|v| v * p as f64 / s).collect()
        }
    }
}

/// Feature gradients gⱼ = Σᵢ x̃ᵢⱼ gᵢ for every non-constant j.
fn feature_gradient(std: &Standardized, grad: &[f64], out: &mut [f64]) {
    for (j, g) in out.iter_mut().enumerate() {
        *g = if std.is_constant(j) {
            0.0
        } else {
            dot2(&std.x[j], grad)
        };
    }
}

/// The fitting state along the path (standardized scale).
struct State {
    beta: Vec<f64>,
    b0: f64,
    /// x̃β (without intercept).
    eta: Vec<f64>,
}

impl State {
    fn full_eta(&self) -> Vec<f64> {
        self.eta.iter().map(|e| e + self.b0).collect()
    }

    /// η = x̃β, column by column: ηᵢ ← ηᵢ − (−βⱼ)x̃ᵢⱼ, which is ηᵢ + βⱼx̃ᵢⱼ exactly.
    fn refresh_eta(&mut self, std: &Standardized) {
        self.eta.iter_mut().for_each(|e| *e = 0.0);
        for (j, &b) in self.beta.iter().enumerate() {
            if b != 0.0 {
                subtract_scaled(&mut self.eta, -b, &std.x[j]);
            }
        }
    }
}

struct Solver<'a> {
    std: &'a Standardized,
    work: &'a Working,
    pf: &'a [f64],
    alpha: f64,
    thr: f64,
    maxit: usize,
    passes: usize,
}

impl Solver<'_> {
    /// The penalized objective at λ, D/(2n) + λ·penalty, of coefficients `beta` whose fit has
    /// deviance D (the quantity coordinate descent minimizes, up to a constant for Cox).
    fn objective(&self, lam: f64, beta: &[f64], deviance: f64) -> f64 {
        deviance / (2.0 * self.std.n as f64) + lam * penalty(beta, self.pf, self.alpha)
    }

    /// Moves the warm start `st` (the solution at λₖ₋₁, of deviance `deviance`) to the secant
    /// prediction from it and `before` (β, β₀ at λₖ₋₂) when that lowers the objective at λₖ
    /// (`lambdas` = [λₖ₋₂, λₖ₋₁, λₖ]; see `warm_start`).
    fn predict(&self, st: &mut State, lambdas: [f64; 3], before: (&[f64], f64), deviance: f64) {
        let Some((beta, b0)) = secant(lambdas, &st.beta, st.b0, before.0, before.1) else {
            return;
        };
        let lam = lambdas[2];
        let current = self.objective(lam, &st.beta, deviance);
        let mut moved = State {
            beta,
            b0,
            eta: vec![0.0; st.eta.len()],
        };
        moved.refresh_eta(self.std);
        let predicted = self.objective(lam, &moved.beta, self.work.deviance(&moved.full_eta()));
        if predicted < current {
            *st = moved;
        }
    }

    /// Solves at one λ over the candidate set `strong` by IRLS + coordinate descent.
    fn solve(&mut self, lam: f64, strong: &[usize], st: &mut State) -> Result<(), ()> {
        let intercept = self.work.has_intercept();
        let gaussian = matches!(self.work, Working::Gaussian { .. });
        let mut xv = vec![0.0; st.beta.len()];
        loop {
            let Irls { v, mut r, pull } = self.work.irls(&st.full_eta());
            for &j in strong {
                xv[j] = dot3(&self.std.x[j], &self.std.x[j], &v);
            }
            // the saturated observations' constant gradient terms, per feature (usually none)
            let mut pulls = Vec::new();
            let mut pull0 = 0.0;
            if !pull.is_empty() {
                pulls = vec![0.0; st.beta.len()];
                for &j in strong {
                    pulls[j] = pull.iter().map(|&(i, g)| self.std.x[j][i] * g).sum();
                }
                pull0 = pull.iter().map(|&(_, g)| g).sum();
            }
            let old: Vec<f64> = strong.iter().map(|&j| st.beta[j]).collect();
            let old_b0 = st.b0;
            let problem = WeightedProblem {
                x: &self.std.x,
                v: &v,
                pf: self.pf,
                lambda: lam,
                alpha: self.alpha,
                intercept,
                thr: self.thr,
                pull: &pulls,
                pull0,
            };
            let mut cd = CdState {
                beta: &mut st.beta,
                b0: &mut st.b0,
                r: &mut r,
                xv: &xv,
            };
            problem.solve(strong, &mut cd, &mut self.passes, self.maxit)?;
            st.refresh_eta(self.std);
            if gaussian {
                return Ok(());
            }
            let sv: f64 = v.iter().sum();
            let mut dlx = sv * (st.b0 - old_b0).powi(2);
            for (&j, o) in strong.iter().zip(&old) {
                dlx = dlx.max(xv[j] * (st.beta[j] - o).powi(2));
            }
            if dlx < self.thr {
                return Ok(());
            }
            self.passes += 1;
            if self.passes > self.maxit {
                return Err(());
            }
        }
    }
}

/// Fits a path on `rows` of the design (all when `None`), at `user_lambda` if given.
pub(crate) fn fit_rows(
    params: &LassoParams,
    design: &Design,
    response: &Response,
    rows: Option<&[usize]>,
    user_lambda: Option<&[f64]>,
) -> Result<LassoPath, LassoError> {
    let std = Standardized::new(design, rows);
    let sub = match rows {
        Some(r) => response.subset(r),
        None => response.clone(),
    };
    let work = Working::new(&sub);
    let n = std.n;
    let p = design.columns();
    let pf = rescaled_penalty(params, p);
    let free: Vec<usize> = (0..p)
        .filter(|&j| !std.is_constant(j) && pf[j] == 0.0)
        .collect();
    let penalized: Vec<usize> = (0..p)
        .filter(|&j| !std.is_constant(j) && pf[j] > 0.0)
        .collect();
    if penalized.is_empty() {
        return Err(LassoError::NothingToSelect);
    }
    let null_deviance = work.null_deviance();
    let family = sub.family();
    let mut solver = Solver {
        std: &std,
        work: &work,
        pf: &pf,
        alpha: params.alpha,
        thr: params.thresh * null_deviance / n as f64
            * match family {
                Family::Gaussian => 1.0,
                Family::Binomial | Family::Cox => 0.5,
            },
        maxit: params.maxit,
        passes: 0,
    };
    let mut st = State {
        beta: vec![0.0; p],
        b0: work.null_eta(),
        eta: vec![0.0; n],
    };
    // The null model: intercept and unpenalized features (penalty λ·0 = 0 whatever λ).
    if !free.is_empty() && solver.solve(1.0, &free, &mut st).is_err() {
        return Err(LassoError::NoConvergence {
            index: 1,
            lambda: f64::INFINITY,
            maxit: params.maxit,
        });
    }
    let mut g = vec![0.0; p];
    feature_gradient(&std, &work.gradient(&st.full_eta()), &mut g);
    let lambda_max = penalized
        .iter()
        .map(|&j| g[j].abs() / (pf[j] * params.alpha.max(1e-3)))
        .fold(0.0, f64::max);
    let (lambdas, automatic) = match user_lambda {
        Some(l) => (l.to_vec(), false),
        None => {
            let ratio = params
                .lambda_min_ratio
                .unwrap_or_else(|| lambda::default_min_ratio(n, p));
            (
                lambda::sequence(lambda_max, params.nlambda, ratio, family == Family::Cox),
                true,
            )
        }
    };
    let scale_back = |st: &State| -> (f64, Vec<f64>) {
        let beta: Vec<f64> = (0..p)
            .map(|j| {
                if st.beta[j] == 0.0 {
                    0.0
                } else {
                    st.beta[j] / std.scale[j]
                }
            })
            .collect();
        let a0 = if work.has_intercept() {
            st.b0 - beta.iter().zip(&std.mean).map(|(b, m)| b * m).sum::<f64>()
        } else {
            0.0
        };
        (a0, beta)
    };
    let mut out = LassoPath {
        family,
        alpha: params.alpha,
        names: design.names().to_vec(),
        lambda: Vec::new(),
        a0: Vec::new(),
        beta: Vec::new(),
        nzero: Vec::new(),
        dev_ratio: Vec::new(),
        null_deviance,
        constant_features: (0..p)
            .filter(|&j| std.is_constant(j))
            .map(|j| design.names()[j].clone())
            .collect(),
        passes: 0,
        maxit_reached: None,
    };
    let mut prev_lambda = lambda_max;
    // The solution two λ back (λ, β, β₀) and the deviance of the last one, for the predictor.
    let mut before: Option<(f64, Vec<f64>, f64)> = None;
    let mut prev_deviance = f64::NAN;
    for (k, &lam) in lambdas.iter().enumerate() {
        let solved_here = !(k == 0 && automatic);
        let last = solved_here.then(|| (prev_lambda, st.beta.clone(), st.b0));
        if solved_here {
            // Strong set: previously non-zero, unpenalized, or passing the sequential rule.
            let cut = params.alpha * (2.0 * lam - prev_lambda);
            let mut in_strong = vec![false; p];
            for &j in &free {
                in_strong[j] = true;
            }
            for &j in &penalized {
                if st.beta[j] != 0.0 || g[j].abs() >= cut * pf[j] {
                    in_strong[j] = true;
                }
            }
            if let Some((l2, b2, c2)) = &before {
                solver.predict(&mut st, [*l2, prev_lambda, lam], (b2, *c2), prev_deviance);
            }
            loop {
                let strong: Vec<usize> = (0..p).filter(|&j| in_strong[j]).collect();
                if solver.solve(lam, &strong, &mut st).is_err() {
                    if k == 0 {
                        return Err(LassoError::NoConvergence {
                            index: 1,
                            lambda: lam,
                            maxit: params.maxit,
                        });
                    }
                    out.maxit_reached = Some(k + 1);
                    out.passes = solver.passes;
                    return Ok(out);
                }
                feature_gradient(&std, &work.gradient(&st.full_eta()), &mut g);
                let mut violated = false;
                for &j in &penalized {
                    if !in_strong[j] && g[j].abs() > lam * params.alpha * pf[j] {
                        in_strong[j] = true;
                        violated = true;
                    }
                }
                if !violated {
                    break;
                }
            }
        }
        // (None only at λ_max of an automatic sequence, where `before` is still None)
        before = last;
        prev_lambda = lam;
        let (a0, beta) = scale_back(&st);
        let dev = work.deviance(&st.full_eta());
        prev_deviance = dev;
        let ratio = 1.0 - dev / null_deviance;
        out.nzero.push(beta.iter().filter(|b| **b != 0.0).count());
        out.lambda.push(lam);
        out.a0.push(a0);
        out.beta.push(beta);
        out.dev_ratio.push(ratio);
        let m = k + 1;
        if automatic && m >= MNLAM {
            let prev = out.dev_ratio[k - 1];
            let stop = match family {
                Family::Gaussian => ratio - prev < FDEV * ratio || ratio > DEVMAX,
                Family::Binomial => ratio - prev < FDEV || ratio > DEVMAX,
                Family::Cox => {
                    (ratio - out.dev_ratio[k + 1 - MNLAM]) / ratio < COX_FDEV || ratio > COX_DEVMAX
                }
            };
            if stop {
                break;
            }
        }
    }
    out.passes = solver.passes;
    Ok(out)
}

impl LassoPath {
    /// Number of λ values on the path.
    pub fn len(&self) -> usize {
        self.lambda.len()
    }

    /// Whether the path is empty (never, for a successful fit).
    pub fn is_empty(&self) -> bool {
        self.lambda.is_empty()
    }

    fn check_index(&self, k: usize) -> Result<(), LassoError> {
        if k >= self.len() {
            return Err(LassoError::LambdaIndex {
                index: k,
                len: self.len(),
            });
        }
        Ok(())
    }

    /// The non-zero coefficients at λ index `k` (0-based), original scale, the intercept first
    /// under `(Intercept)` (none for Cox).
    ///
    /// # Errors
    /// `k` outside the path.
    pub fn coefficients(&self, k: usize) -> Result<Coefficients, LassoError> {
        self.check_index(k)?;
        let mut c = Vec::new();
        if self.family != Family::Cox {
            c.push(("(Intercept)".to_string(), self.a0[k]));
        }
        for (name, &b) in self.names.iter().zip(&self.beta[k]) {
            if b != 0.0 {
                c.push((name.clone(), b));
            }
        }
        Ok(Coefficients(c))
    }

    /// Names of the features with a non-zero coefficient at λ index `k`.
    ///
    /// # Errors
    /// `k` outside the path.
    pub fn selected(&self, k: usize) -> Result<Vec<String>, LassoError> {
        self.check_index(k)?;
        Ok(self
            .names
            .iter()
            .zip(&self.beta[k])
            .filter(|(_, b)| **b != 0.0)
            .map(|(n, _)| n.clone())
            .collect())
    }

    /// The linear predictor β₀ + Σⱼ xᵢⱼβⱼ at λ index `k` for every row of `design` — the
    /// Rad-score of radiomics papers (no intercept for Cox). Columns are matched by position.
    ///
    /// # Errors
    /// `k` outside the path, or a design with another number of columns.
    pub fn linear_predictor(&self, design: &Design, k: usize) -> Result<Vec<f64>, LassoError> {
        self.check_index(k)?;
        if design.columns() != self.names.len() {
            return Err(LassoError::NameCount {
                names: self.names.len(),
                columns: design.columns(),
            });
        }
        let mut eta = vec![self.a0[k]; design.rows()];
        for (j, &b) in self.beta[k].iter().enumerate() {
            if b != 0.0 {
                for (e, x) in eta.iter_mut().zip(design.column(j)) {
                    *e += b * x;
                }
            }
        }
        Ok(eta)
    }
}
