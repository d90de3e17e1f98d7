//! Logistic recalibration of a linear predictor: y ~ a + b·x and y ~ offset(x) + a.
//!
//! With x = logit(p), the model logit P(y = 1) = a + b·x is Cox's (1958) logistic calibration:
//! a = 0 and b = 1 for perfectly calibrated probabilities; b < 1 signals predictions too extreme
//! (overfitting). Fixing b = 1 (x as an offset) gives *calibration-in-the-large*, the log-odds
//! shift that makes the mean prediction match the event rate (Steyerberg 2019, ch. 15).
//!
//! Both are maximum-likelihood fits by Newton–Raphson on the binomial log-likelihood
//! ℓ = Σ yᵢηᵢ − log(1 + e^{ηᵢ}), started at a = 0, b = 1 (the perfectly calibrated answer), with
//! step halving whenever the deviance −2ℓ would increase, iterated until the largest parameter
//! change is below 10⁻¹¹ (relative to 1 + |parameter|). Standard errors are the square roots of
//! the inverse observed information at the returned estimate.

use crate::CalibrationError;

/// z₀.₉₇₅, the normal quantile for two-sided 95% Wald intervals.
pub const Z975: f64 = 1.959_963_984_540_054;

const MAX_ITER: usize = 100;
const TOL: f64 = 1e-11;

/// log(1 + e^η) without overflow.
pub fn log1p_exp(eta: f64) -> f64 {
    if eta > 0.0 {
        eta + (-eta).exp().ln_1p()
    } else {
        eta.exp().ln_1p()
    }
}

/// The logistic function 1 / (1 + e^{−η}).
pub fn plogis(eta: f64) -> f64 {
    if eta >= 0.0 {
        1.0 / (1.0 + (-eta).exp())
    } else {
        let e = eta.exp();
        e / (1.0 + e)
    }
}

/// The binomial deviance −2 Σ yᵢηᵢ − log(1 + e^{ηᵢ}) of linear predictors η.
pub fn deviance(eta: impl Iterator<Item = f64>, y: &[f64]) -> f64 {
    -2.0 * eta
        .zip(y)
        .map(|(e, &yi)| yi * e - log1p_exp(e))
        .sum::<f64>()
}

/// The deviance of the intercept-only model, −2[n₁ log(n₁/n) + n₀ log(n₀/n)].
pub fn null_deviance(y: &[f64]) -> f64 {
    let n = y.len() as f64;
    let n1: f64 = y.iter().sum();
    let n0 = n - n1;
    let term = |k: f64| if k > 0.0 { k * (k / n).ln() } else { 0.0 };
    -2.0 * (term(n1) + term(n0))
}

/// A fitted recalibration model y ~ a + b·x.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct InterceptSlope {
    pub intercept: f64,
    pub slope: f64,
    pub se_intercept: f64,
    pub se_slope: f64,
    pub deviance: f64,
}

/// Fits logit P(y = 1) = a + b·x by maximum likelihood.
pub fn fit_intercept_slope(x: &[f64], y: &[f64]) -> Result<InterceptSlope, CalibrationError> {
    let what = "y ~ a + b·logit(p)";
    let mut beta = [0.0, 1.0];
    let dev_at = |b: [f64; 2]| deviance(x.iter().map(|&xi| b[0] + b[1] * xi), y);
    let mut dev = dev_at(beta);
    for _ in 0..MAX_ITER {
        let (mut g0, mut g1, mut h00, mut h01, mut h11) = (0.0, 0.0, 0.0, 0.0, 0.0);
        for (&xi, &yi) in x.iter().zip(y) {
            let p = plogis(beta[0] + beta[1] * xi);
            let r = yi - p;
            let w = p * (1.0 - p);
            g0 += r;
            g1 += r * xi;
            h00 += w;
            h01 += w * xi;
            h11 += w * xi * xi;
        }
        let det = h00 * h11 - h01 * h01;
        if det.is_nan() || det <= 0.0 || !det.is_finite() {
            return Err(CalibrationError::NoConvergence { what });
        }
        let step = [(h11 * g0 - h01 * g1) / det, (h00 * g1 - h01 * g0) / det];
        let mut scale = 1.0;
        let mut next;
        let mut next_dev;
        loop {
            next = [beta[0] + scale * step[0], beta[1] + scale * step[1]];
            next_dev = dev_at(next);
            if next_dev <= dev + 1e-12 * dev.abs() || scale < 1e-10 {
                break;
            }
            scale *= 0.5;
        }
        let change = ((next[0] - beta[0]).abs() / (1.0 + beta[0].abs()))
            .max((next[1] - beta[1]).abs() / (1.0 + beta[1].abs()));
        beta = next;
        dev = next_dev;
        if change < TOL {
            return finish_intercept_slope(x, y, beta, dev, what);
        }
    }
    Err(CalibrationError::NoConvergence { what })
}

fn finish_intercept_slope(
    x: &[f64],
    y: &[f64],
    beta: [f64; 2],
    dev: f64,
    what: &'static str,
) -> Result<InterceptSlope, CalibrationError> {
    let (mut h00, mut h01, mut h11) = (0.0, 0.0, 0.0);
    for &xi in x {
        let p = plogis(beta[0] + beta[1] * xi);
        let w = p * (1.0 - p);
        h00 += w;
        h01 += w * xi;
        h11 += w * xi * xi;
    }
    let det = h00 * h11 - h01 * h01;
    if det.is_nan() || det <= 0.0 || !beta.iter().all(|b| b.is_finite()) || y.len() != x.len() {
        return Err(CalibrationError::NoConvergence { what });
    }
    Ok(InterceptSlope {
        intercept: beta[0],
        slope: beta[1],
        se_intercept: (h11 / det).sqrt(),
        se_slope: (h00 / det).sqrt(),
        deviance: dev,
    })
}

/// A fitted calibration-in-the-large model y ~ offset(x) + a.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Intercept {
    pub intercept: f64,
    pub se: f64,
}

/// Fits logit P(y = 1) = a + x (x as an offset) by maximum likelihood.
pub fn fit_offset_intercept(offset: &[f64], y: &[f64]) -> Result<Intercept, CalibrationError> {
    let what = "y ~ offset(logit(p))";
    let mut a = 0.0;
    for _ in 0..MAX_ITER {
        let (mut g, mut h) = (0.0, 0.0);
        for (&o, &yi) in offset.iter().zip(y) {
            let p = plogis(a + o);
            g += yi - p;
            h += p * (1.0 - p);
        }
        if h.is_nan() || h <= 0.0 {
            return Err(CalibrationError::NoConvergence { what });
        }
        // the log-likelihood is concave in a; bound the step to keep early iterations stable
        let step = (g / h).clamp(-5.0, 5.0);
        a += step;
        if step.abs() / (1.0 + a.abs()) < TOL {
            let h: f64 = offset
                .iter()
                .map(|&o| {
                    let p = plogis(a + o);
                    p * (1.0 - p)
                })
                .sum();
            return Ok(Intercept {
                intercept: a,
                se: 1.0 / h.sqrt(),
            });
        }
    }
    Err(CalibrationError::NoConvergence { what })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recovers_known_fit() {
        // R: glm(y ~ x, binomial) with x = 1..8, y = 0 0 1 0 1 0 1 1:
        // (Intercept) -2.6733796209, x 0.5940843602 (glm at epsilon = 1e-14)
        let x: Vec<f64> = (1..=8).map(f64::from).collect();
        let y = [0.0, 0.0, 1.0, 0.0, 1.0, 0.0, 1.0, 1.0];
        let f = fit_intercept_slope(&x, &y).expect("converges");
        assert!(
            (f.intercept + 2.673_379_620_9).abs() < 1e-9,
            "{}",
            f.intercept
        );
        assert!((f.slope - 0.594_084_360_2).abs() < 1e-9, "{}", f.slope);
    }

    #[test]
    fn separation_is_an_error() {
        let x = [1.0, 2.0, 3.0, 4.0];
        let y = [0.0, 0.0, 1.0, 1.0];
        assert!(fit_intercept_slope(&x, &y).is_err());
    }
}
