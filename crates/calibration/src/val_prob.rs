//! Validation indices of predicted probabilities, as `rms::val.prob` (Harrell 2015, §10.9;
//! Steyerberg 2019, ch. 15), plus calibration-in-the-large and Wald intervals.
//!
//! Let pᵢ be the predicted probabilities, yᵢ ∈ {0, 1} the outcomes and xᵢ = logit(pᵢ).
//! Probabilities of exactly 0 or 1 have no logit; as `val.prob` does, those rows are left out
//! of every logit-based statistic (the recalibration fits, C/Dxy, R², D, U, Q) and counted in
//! [`ValProb::n_extreme`], while the Brier score, the lowess curve (Emax, E90, Eavg) and
//! Spiegelhalter's test use every row. Among the n rows with 0 < p < 1:
//!
//! * **LR** = D₀ − D(p), the null deviance minus the deviance of the probabilities as given
//!   (−2 Σ yx − log(1 + eˣ)); **D** = (LR − 1)/n, Harrell's discrimination index.
//! * **R²** = (1 − e^{−LR/n}) / (1 − e^{−D₀/n}), Nagelkerke's (1991) R² of p as given.
//! * **U** = (D(p) − D(â + b̂x) − 2)/n, the unreliability index: the deviance gained by
//!   recalibrating, minus its 2 d.f.; its χ²₂ test is `u_chisq`/`u_p`. **Q** = D − U.
//! * **intercept, slope**: â, b̂ of the single fit y ~ a + b·x (not the intercept at b = 1).
//! * **calibration_in_the_large**: â of y ~ offset(x) + a.
//! * **C, Dxy**: `c`/`dxy` follow rms 6.5 exactly, binning p into cells of width 0.0002
//!   (see [`crate::concordance::binned_c`]); `c_exact`/`dxy_exact` are the exact Mann–Whitney
//!   values. Dxy = 2C − 1.
//!
//! Over all rows: **Brier** = mean (p − y)²; **Emax, E90, Eavg** are the maximum, type-7 0.9
//! quantile and mean of |pᵢ − ŝ(pᵢ)|, where ŝ is R's `lowess(p, y, iter = 0)` interpolated at the
//! observed p with `approx(ties = mean)` (Austin & Steyerberg 2019, "ICI");
//! **Spiegelhalter's** (1986) z = Σ(y − p)(1 − 2p) / √(Σ(1 − 2p)² p(1 − p)) with two-sided
//! normal p-value.
//!
//! Intervals (beyond rms): 95% **Wald** intervals, estimate ± z₀.₉₇₅·SE with SE from the observed
//! information at the estimate, for the intercept and slope (joint fit) and for
//! calibration-in-the-large.

use serde::Serialize;
use statrs::distribution::{ChiSquared, ContinuousCDF};

use crate::concordance::{binned_c, exact_c};
use crate::lowess::{Interpolant, Ties, lowess};
use crate::quantile::quantile7;
use crate::recalibration::{
    Z975, deviance, fit_intercept_slope, fit_offset_intercept, null_deviance,
};
use crate::{CalibrationError, validate_inputs};

/// rms `val.prob` indices and calibration-in-the-large of predictions `p` for outcomes `y`.
#[derive(Debug, Clone, Serialize)]
pub struct ValProb {
    /// Number of observations.
    pub n: usize,
    /// Observations with p exactly 0 or 1, left out of the logit-based statistics (as val.prob).
    pub n_extreme: usize,
    /// Somers' Dxy = 2C − 1 with rms 6.5's binned concordance.
    pub dxy: f64,
    /// Concordance (ROC area) with rms 6.5's binning of p into cells of width 0.0002.
    pub c: f64,
    /// Exact Somers' Dxy (Mann–Whitney).
    pub dxy_exact: f64,
    /// Exact concordance (Mann–Whitney).
    pub c_exact: f64,
    /// Nagelkerke R² of the probabilities as given.
    pub r2: f64,
    /// Discrimination index D = (LR − 1)/n.
    pub d: f64,
    /// LR = null deviance − deviance of p as given (the χ² behind D).
    pub d_chisq: f64,
    /// Unreliability index U = (χ²_U − 2)/n; `None` when a 0/1 prediction contradicts its outcome.
    pub u: Option<f64>,
    /// χ²_U = deviance of p − deviance after logistic recalibration (2 d.f.).
    pub u_chisq: Option<f64>,
    /// Upper-tail χ²₂ p-value of U.
    pub u_p: Option<f64>,
    /// Quality index Q = D − U.
    pub q: Option<f64>,
    /// Brier score mean (p − y)².
    pub brier: f64,
    /// Calibration intercept a of y ~ a + b·logit(p).
    pub intercept: f64,
    /// Wald 95% interval of `intercept`: estimate ± 1.96·SE.
    pub intercept_lower: f64,
    pub intercept_upper: f64,
    /// Calibration slope b of y ~ a + b·logit(p).
    pub slope: f64,
    /// Wald 95% interval of `slope`: estimate ± 1.96·SE.
    pub slope_lower: f64,
    pub slope_upper: f64,
    /// Intercept of y ~ offset(logit(p)) + a.
    pub calibration_in_the_large: f64,
    /// Wald 95% interval of `calibration_in_the_large`: estimate ± 1.96·SE.
    pub calibration_in_the_large_lower: f64,
    pub calibration_in_the_large_upper: f64,
    /// Maximum |p − lowess calibration| over the observed p.
    pub emax: f64,
    /// Type-7 0.9 quantile of |p − lowess calibration|.
    pub e90: f64,
    /// Mean |p − lowess calibration| (the integrated calibration index).
    pub eavg: f64,
    /// Spiegelhalter's z; `None` when its variance is zero (every p in {0, ½, 1}).
    pub spiegelhalter_z: Option<f64>,
    /// Two-sided p-value of Spiegelhalter's z.
    pub spiegelhalter_p: Option<f64>,
    /// The interval method of the `_lower`/`_upper` fields.
    pub ci_method: &'static str,
    /// Notes on the data (e.g. predictions of exactly 0 or 1).
    pub notes: Vec<String>,
}

fn erfc_two_sided(z: f64) -> f64 {
    statrs::function::erf::erfc(z.abs() / std::f64::consts::SQRT_2)
}

/// Spiegelhalter's z and two-sided p (Spiegelhalter 1986).
pub fn spiegelhalter(p: &[f64], y: &[f64]) -> (Option<f64>, Option<f64>) {
    let num: f64 = p
        .iter()
        .zip(y)
        .map(|(&pi, &yi)| (yi - pi) * (1.0 - 2.0 * pi))
        .sum();
    let var: f64 = p
        .iter()
        .map(|&pi| (1.0 - 2.0 * pi).powi(2) * pi * (1.0 - pi))
        .sum();
    if var > 0.0 {
        let z = num / var.sqrt();
        (Some(z), Some(erfc_two_sided(z)))
    } else {
        (None, None)
    }
}

/// Emax, E90 and Eavg of the lowess calibration curve at the observed p.
pub fn lowess_errors(p: &[f64], y: &[f64]) -> (f64, f64, f64) {
    let smooth = lowess(p, y, 2.0 / 3.0);
    let curve = Interpolant::from_lowess(&smooth, Ties::Mean);
    let errors: Vec<f64> = p
        .iter()
        .map(|&pi| curve.at(pi).map_or(0.0, |c| (pi - c).abs()))
        .collect();
    let emax = errors.iter().copied().fold(0.0, f64::max);
    let eavg = errors.iter().sum::<f64>() / errors.len() as f64;
    let e90 = quantile7(&errors, 0.9).unwrap_or(0.0);
    (emax, e90, eavg)
}

/// Computes the `val.prob` indices. Errors on probabilities outside [0, 1], non-0/1 outcomes,
/// fewer than 2 rows with 0 < p < 1, one outcome class or constant p among those rows, or a
/// diverging recalibration fit.
pub fn val_prob(p: &[f64], y: &[f64]) -> Result<ValProb, CalibrationError> {
    validate_inputs(p, y)?;
    let n_all = p.len();
    let inner: Vec<usize> = (0..n_all).filter(|&i| p[i] > 0.0 && p[i] < 1.0).collect();
    let n_extreme = n_all - inner.len();
    if inner.len() < 2 {
        return Err(CalibrationError::TooFew {
            what: "val.prob (rows with 0 < p < 1)",
            min: 2,
            n: inner.len(),
        });
    }
    let x: Vec<f64> = inner.iter().map(|&i| (p[i] / (1.0 - p[i])).ln()).collect();
    let yi: Vec<f64> = inner.iter().map(|&i| y[i]).collect();
    let pi: Vec<f64> = inner.iter().map(|&i| p[i]).collect();
    let events = yi.iter().filter(|&&v| v == 1.0).count();
    if events == 0 || events == yi.len() {
        return Err(CalibrationError::OneClass {
            events,
            n: yi.len(),
        });
    }
    if x.iter().all(|&v| v == x[0]) {
        return Err(CalibrationError::ConstantPredictions {
            n: x.len(),
            value: pi[0],
        });
    }
    let n = x.len() as f64;
    let d0 = null_deviance(&yi);
    let dev_given = deviance(x.iter().copied(), &yi);
    let lr = d0 - dev_given;
    let r2 = (1.0 - (-lr / n).exp()) / (1.0 - (-d0 / n).exp());
    let d = (lr - 1.0) / n;
    let recal = fit_intercept_slope(&x, &yi)?;
    let citl = fit_offset_intercept(&x, &yi)?;

    // L01 over all rows, as val.prob's na.rm: a 0/1 prediction agreeing with its outcome adds
    // nothing; one contradicting it makes the deviance infinite (U undefined).
    let contradicted =
        (0..n_all).any(|i| (p[i] == 0.0 && y[i] == 1.0) || (p[i] == 1.0 && y[i] == 0.0));
    let (u, u_chisq, u_p, q) = if contradicted {
        (None, None, None, None)
    } else {
        let chi = (dev_given - recal.deviance).max(0.0);
        let u = (chi - 2.0) / n;
        let up = ChiSquared::new(2.0).map(|c| c.sf(chi)).ok();
        (Some(u), Some(chi), up, Some(d - u))
    };

    let c_bin = binned_c(&pi, &yi).unwrap_or(0.5);
    let c_ex = exact_c(&pi, &yi).unwrap_or(0.5);
    let brier = p.iter().zip(y).map(|(a, b)| (a - b) * (a - b)).sum::<f64>() / n_all as f64;
    let (emax, e90, eavg) = lowess_errors(p, y);
    let (sz, sp) = spiegelhalter(p, y);
    let mut notes = Vec::new();
    if n_extreme > 0 {
        notes.push(format!(
            "{n_extreme} predictions of exactly 0 or 1 left out of the logistic calibration \
             (intercept, slope, calibration-in-the-large, C, Dxy, R², D, U, Q), as rms::val.prob"
        ));
    }
    if contradicted {
        notes.push(
            "a prediction of exactly 0 or 1 contradicts its outcome: U and Q are undefined".into(),
        );
    }
    Ok(ValProb {
        n: n_all,
        n_extreme,
        dxy: 2.0 * c_bin - 1.0,
        c: c_bin,
        dxy_exact: 2.0 * c_ex - 1.0,
        c_exact: c_ex,
        r2,
        d,
        d_chisq: lr,
        u,
        u_chisq,
        u_p,
        q,
        brier,
        intercept: recal.intercept,
        intercept_lower: recal.intercept - Z975 * recal.se_intercept,
        intercept_upper: recal.intercept + Z975 * recal.se_intercept,
        slope: recal.slope,
        slope_lower: recal.slope - Z975 * recal.se_slope,
        slope_upper: recal.slope + Z975 * recal.se_slope,
        calibration_in_the_large: citl.intercept,
        calibration_in_the_large_lower: citl.intercept - Z975 * citl.se,
        calibration_in_the_large_upper: citl.intercept + Z975 * citl.se,
        emax,
        e90,
        eavg,
        spiegelhalter_z: sz,
        spiegelhalter_p: sp,
        ci_method: "wald",
        notes,
    })
}
