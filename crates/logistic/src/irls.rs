//! Iteratively reweighted least squares for the binomial GLM with logit link.
//!
//! For the log-likelihood l(β) = Σ yᵢ ηᵢ − log(1 + e^{ηᵢ}), η = Xβ + offset, Newton's method
//! and Fisher scoring coincide (canonical link): with μᵢ = 1/(1 + e^{−ηᵢ}) and weights
//! wᵢ = μᵢ(1 − μᵢ), one step is the weighted least-squares fit of the working response
//! zᵢ = ηᵢ − offsetᵢ + (yᵢ − μᵢ)/wᵢ on X (McCullagh & Nelder 1989, §2.5). As in R's `glm.fit`
//! the iteration starts from μ = (y + ½)/2, and stops when the deviance D = −2l satisfies
//! |D − D_old| / (|D| + 0.1) < ε; weights are floored at the machine epsilon (R floors
//! dμ/dη there). A step that makes the deviance non-finite or larger is halved (R halves only
//! on non-finite values; halving on an increase changes the path, never the optimum).
//!
//! Firth's bias-reduced fit (Firth 1993; Heinze & Schemper 2002) maximises the penalised
//! log-likelihood l*(β) = l(β) + ½ log|XᵀWX|. Its score is U*(β) = Xᵀ(y − μ + h ∘ (½ − μ)),
//! hᵢ the diagonal of the hat matrix W^½X(XᵀWX)⁻¹XᵀW^½, so the same weighted least-squares
//! step with the working response zᵢ = ηᵢ − offsetᵢ + (yᵢ − μᵢ + hᵢ(½ − μᵢ))/wᵢ is a
//! Fisher-scoring step for l*. It stops when the relative change of the penalised deviance
//! −2l* is below ε and no coefficient moves by more than 1e-8·(|β| + 0.1).
//!
//! Profile fits hold one coefficient fixed: its column moves into the offset and only the
//! others are updated; for Firth the penalty (and h) still use the full X (logistf's
//! profile penalised likelihood).

use crate::error::IterationRecord;
use crate::linalg::{Qr, QrResult};

/// What to fit.
pub(crate) struct Problem<'a> {
    /// Model matrix, intercept column included (column-major).
    pub x: &'a [Vec<f64>],
    pub y: &'a [f64],
    pub offset: Option<&'a [f64]>,
    pub firth: bool,
    /// Coordinate held at a fixed value (profile likelihood).
    pub fixed: Option<(usize, f64)>,
}

/// A finished iteration (converged or not).
#[derive(Debug, Clone)]
pub(crate) struct Solution {
    pub beta: Vec<f64>,
    pub eta: Vec<f64>,
    pub mu: Vec<f64>,
    /// Working weights μ(1 − μ) at the estimate (floored at ε).
    pub weights: Vec<f64>,
    /// −2 l(β̂) (unpenalised).
    pub deviance: f64,
    /// −2 l*(β̂) for Firth; equals `deviance` for maximum likelihood.
    pub objective: f64,
    pub iterations: usize,
    pub converged: bool,
    pub history: Vec<IterationRecord>,
}

/// μ = 1/(1 + e^{−η}) and w = μ(1 − μ) (floored at ε), from e = e^{−|η|} without cancellation.
#[inline]
fn mean_and_weight(eta: f64, e: f64) -> (f64, f64) {
    let one_plus = 1.0 + e;
    let mu = if eta >= 0.0 {
        1.0 / one_plus
    } else {
        e / one_plus
    };
    (mu, (e / (one_plus * one_plus)).max(f64::EPSILON))
}

/// How many factors 1 + e ∈ [1, 2] are multiplied before one logarithm is taken: the product
/// stays below 2^512 (far from overflow) and its relative rounding below 512·2^−53 ≈ 6e-14.
const LOG_BLOCK: usize = 512;

/// Linear predictor Xβ + offset.
pub(crate) fn linear_predictor(
    x: &[Vec<f64>],
    beta: &[f64],
    offset: Option<&[f64]>,
    n: usize,
) -> Vec<f64> {
    let mut eta = match offset {
        Some(o) => o.to_vec(),
        None => vec![0.0; n],
    };
    for (col, b) in x.iter().zip(beta) {
        if *b != 0.0 {
            for (e, v) in eta.iter_mut().zip(col) {
                *e += b * v;
            }
        }
    }
    eta
}

/// Fills μ and w at η and returns the deviance D = −2 Σ [yᵢ log μᵢ + (1 − yᵢ) log(1 − μᵢ)].
///
/// With e = e^{−|η|}: log μ = −log(1 + e) and log(1 − μ) = −η − log(1 + e) when η ≥ 0, and
/// log μ = η − log(1 + e), log(1 − μ) = −log(1 + e) when η < 0; so each observation adds a
/// linear part (η or −η, or nothing) and log(1 + e). The logarithms are summed as the log of
/// blocks of [`LOG_BLOCK`] products of 1 + e (one `ln` per block instead of per observation —
/// the IRLS hot spot); for e < 1e-3, where 1 + e would lose e's low digits, `ln_1p(e)` is added
/// directly. Accurate to ~1e-13 absolute per block, far inside R's convergence test.
fn evaluate(eta: &[f64], y: &[f64], mu: &mut [f64], w: &mut [f64]) -> f64 {
    let mut linear = 0.0;
    let mut logs = 0.0;
    let mut product = 1.0;
    let mut in_block = 0;
    for (i, (&et, &yi)) in eta.iter().zip(y).enumerate() {
        let e = (-et.abs()).exp();
        let (m, wi) = mean_and_weight(et, e);
        mu[i] = m;
        w[i] = wi;
        if et >= 0.0 {
            if yi != 1.0 {
                linear += et;
            }
        } else if yi == 1.0 {
            linear -= et;
        }
        if e >= 1e-3 {
            product *= 1.0 + e;
            in_block += 1;
            if in_block == LOG_BLOCK {
                logs += product.ln();
                product = 1.0;
                in_block = 0;
            }
        } else {
            logs += e.ln_1p();
        }
    }
    2.0 * (linear + logs + product.ln())
}

/// √W-scaled columns.
fn weighted_columns(x: &[Vec<f64>], sqrt_w: &[f64], idx: &[usize]) -> Vec<Vec<f64>> {
    idx.iter()
        .map(|&j| x[j].iter().zip(sqrt_w).map(|(v, s)| v * s).collect())
        .collect()
}

/// QR of √W X for the full design with weights w (for covariance, leverages and Firth's
/// penalty). `Err` carries the aliased column indices.
pub(crate) fn weighted_qr_w(x: &[Vec<f64>], w: &[f64]) -> Result<Qr, Vec<usize>> {
    let sqrt_w: Vec<f64> = w.iter().map(|v| v.sqrt()).collect();
    let idx: Vec<usize> = (0..x.len()).collect();
    match Qr::factor(weighted_columns(x, &sqrt_w, &idx)) {
        QrResult::Full(qr) => Ok(qr),
        QrResult::Aliased(a) => Err(a),
    }
}

/// QR of √W X with the weights at η.
pub(crate) fn weighted_qr(x: &[Vec<f64>], eta: &[f64]) -> Result<Qr, Vec<usize>> {
    let w: Vec<f64> = eta
        .iter()
        .map(|&et| mean_and_weight(et, (-et.abs()).exp()).1)
        .collect();
    weighted_qr_w(x, &w)
}

/// The Firth penalised objective −2l* = D − log|XᵀWX| (infinite if XᵀWX is singular).
fn firth_objective(x: &[Vec<f64>], w: &[f64], dev: f64) -> f64 {
    weighted_qr_w(x, w).map_or(f64::INFINITY, |qr| dev - qr.log_det_gram())
}

/// One scoring step through the normal equations (fast for the few columns of clinical
/// models): with G = X_fᵀWX_f over the free columns and the (Firth-modified) residuals r,
/// the Newton step Δ solves G Δ = X_fᵀ r and the new coefficients are β_f + Δ. On the first
/// iteration, which starts from μ = (y + ½)/2 rather than from coefficients, the weighted
/// least-squares form G β_f = X_fᵀ(W(η − offset) + r) is solved instead. Solving for the step
/// keeps the fixed point exact (the score is evaluated directly) even where the normal
/// equations lose digits; `None` (numerically singular G) sends the caller to the QR route.
#[allow(clippy::too_many_arguments, clippy::needless_range_loop)]
fn normal_step(
    x: &[Vec<f64>],
    free: &[usize],
    w: &[f64],
    resid: &[f64],
    eta: &[f64],
    offset: &[f64],
    have_beta: bool,
    beta: &[f64],
) -> Option<Vec<f64>> {
    let q = free.len();
    let mut g = vec![vec![0.0; q]; q];
    let mut rhs = vec![0.0; q];
    let cols: Vec<&[f64]> = free.iter().map(|&j| x[j].as_slice()).collect();
    for i in 0..w.len() {
        let wi = w[i];
        let ri = if have_beta {
            resid[i]
        } else {
            wi * (eta[i] - offset[i]) + resid[i]
        };
        for a in 0..q {
            let xa = cols[a][i];
            rhs[a] += xa * ri;
            let wxa = wi * xa;
            for b in 0..=a {
                g[a][b] += wxa * cols[b][i];
            }
        }
    }
    for a in 0..q {
        for b in 0..a {
            g[b][a] = g[a][b];
        }
    }
    let s = crate::linalg::cholesky_solve(&g, &rhs)?;
    if !s.iter().all(|v| v.is_finite()) {
        return None;
    }
    Some(if have_beta {
        free.iter().zip(&s).map(|(&j, d)| beta[j] + d).collect()
    } else {
        s
    })
}

/// Runs IRLS (or Firth's modified scoring). `Err` carries aliased column indices.
pub(crate) fn fit(
    problem: &Problem<'_>,
    start: Option<&[f64]>,
    max_iter: usize,
    epsilon: f64,
) -> Result<Solution, Vec<usize>> {
    let x = problem.x;
    let y = problem.y;
    let n = y.len();
    let p = x.len();
    let free: Vec<usize> = (0..p)
        .filter(|&j| problem.fixed.is_none_or(|(f, _)| f != j))
        .collect();
    // offset including the fixed coordinate
    let mut offset: Vec<f64> = match problem.offset {
        Some(o) => o.to_vec(),
        None => vec![0.0; n],
    };
    if let Some((j, b)) = problem.fixed {
        for (o, v) in offset.iter_mut().zip(&x[j]) {
            *o += b * v;
        }
    }
    let mut beta = vec![0.0; p];
    if let Some((j, b)) = problem.fixed {
        beta[j] = b;
    }
    let mut eta: Vec<f64> = match start {
        Some(s) => {
            for &j in &free {
                beta[j] = s[j];
            }
            linear_predictor(x, &beta, problem.offset, n)
        }
        None => y
            .iter()
            .map(|&yi| {
                let m: f64 = (yi + 0.5) / 2.0;
                (m / (1.0 - m)).ln()
            })
            .collect(),
    };
    let mut mu = vec![0.0; n];
    let mut w = vec![0.0; n];
    let mut dev = evaluate(&eta, y, &mut mu, &mut w);
    let mut objective = if problem.firth && (start.is_some() || free.is_empty()) {
        firth_objective(x, &w, dev)
    } else {
        dev
    };
    let mut have_beta = start.is_some();
    let mut history = Vec::new();
    let mut converged = free.is_empty();
    let mut iterations = 0;

    let mut sqrt_w = vec![0.0; n];
    let mut z = vec![0.0; n];
    let mut resid = vec![0.0; n];
    let mut mu_new = vec![0.0; n];
    let mut w_new = vec![0.0; n];
    for iter in 1..=max_iter {
        if free.is_empty() {
            break;
        }
        iterations = iter;
        // working weights and response at the current η
        let lev = if problem.firth {
            Some(weighted_qr_w(x, &w)?.leverages(n))
        } else {
            None
        };
        for i in 0..n {
            let mut r = y[i] - mu[i];
            if let Some(h) = &lev {
                r += h[i] * (0.5 - mu[i]);
            }
            resid[i] = r;
        }
        let step = match normal_step(x, &free, &w, &resid, &eta, &offset, have_beta, &beta) {
            Some(s) => s,
            None => {
                for i in 0..n {
                    sqrt_w[i] = w[i].sqrt();
                    z[i] = (eta[i] - offset[i] + resid[i] / w[i]) * sqrt_w[i];
                }
                match Qr::factor(weighted_columns(x, &sqrt_w, &free)) {
                    QrResult::Full(qr) => qr.solve(&z),
                    QrResult::Aliased(a) => return Err(a.into_iter().map(|k| free[k]).collect()),
                }
            }
        };
        let old_beta = beta.clone();
        for (k, &j) in free.iter().enumerate() {
            beta[j] = step[k];
        }
        // evaluate, halving the step while the objective is non-finite or increases
        let mut halvings = 0;
        let (new_eta, new_dev, new_obj) = loop {
            let e = linear_predictor(x, &beta, problem.offset, n);
            let d = evaluate(&e, y, &mut mu_new, &mut w_new);
            let o = if problem.firth {
                firth_objective(x, &w_new, d)
            } else {
                d
            };
            let worse = !o.is_finite() || (have_beta && o > objective + 1e-12 * objective.abs());
            if !worse || halvings >= 30 || !have_beta {
                break (e, d, o);
            }
            halvings += 1;
            for &j in &free {
                beta[j] = 0.5 * (beta[j] + old_beta[j]);
            }
        };
        std::mem::swap(&mut mu, &mut mu_new);
        std::mem::swap(&mut w, &mut w_new);
        let change = (new_obj - objective).abs() / (new_obj.abs() + 0.1);
        let max_step = free
            .iter()
            .map(|&j| (beta[j] - old_beta[j]).abs() / (beta[j].abs() + 0.1))
            .fold(0.0, f64::max);
        eta = new_eta;
        dev = new_dev;
        objective = new_obj;
        history.push(IterationRecord {
            iteration: iter,
            deviance: objective,
            relative_change: change,
            coefficients: beta.clone(),
        });
        let done = change < epsilon && (!problem.firth || (have_beta && max_step < 1e-8));
        have_beta = true;
        if done {
            converged = true;
            break;
        }
    }
    Ok(Solution {
        beta,
        eta,
        mu,
        weights: w,
        deviance: dev,
        objective,
        iterations,
        converged,
        history,
    })
}
