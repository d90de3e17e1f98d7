//! Bootstrap internal validation (Efron 1983; Harrell, Lee & Mark 1996; Harrell 2015, §5.3)
//! with the semantics of `rms::validate.lrm` and `rms::calibrate` (method `"boot"`).
//!
//! # Optimism
//! A modelling procedure (anything implementing [`Refit`]: a fixed logistic model, stepwise
//! selection then refit, LASSO selection then refit, …) is fitted to the n rows; each index θ is
//! evaluated on the same rows (the *apparent* θ_app). For each of B resamples (n rows drawn with
//! replacement) the *whole procedure* is refitted on the resample, and θ is evaluated twice: on
//! the resample itself (*training*) and, with the resample's model, on the original rows (*test*).
//! The optimism is the mean of training − test over the resamples in which both are defined, and
//! the corrected index is θ_app − optimism. A resample whose fit fails is skipped (rms counts the
//! successful ones in its `n` column); so is one index of a resample where it is undefined.
//!
//! # Indices (`validate.lrm`)
//! With η the linear predictor of a model on some rows and y their outcomes, the *training* and
//! *apparent* values take the model as its own calibration (intercept 0, slope 1):
//! Dxy = 2C − 1 (exact, `somers2`); LR = D₀ − D(η); R² = (1 − e^{−LR/n})/(1 − e^{−D₀/n});
//! D = (LR − 1)/n; U = −2/n; Q = D − U; Brier = mean(plogis(η) − y)²; g = GMD(η);
//! gp = GMD(plogis(η)) (GMD: Gini's mean difference). The *test* values first refit
//! y ~ a + b·η on the original rows: intercept = a, slope = b, LR and R² from that refit,
//! U = (D(η) − D(a + bη) − 2)/n, g = GMD(bη), gp = GMD(plogis(a + bη)), Dxy and Brier from η.
//! `Emax` follows rms: 0 apparent and training; test, optimism and corrected all equal
//! max over p ∈ {0, 0.0005, …, 1} of |p − plogis(a* + b*·logit p)| with a*, b* the corrected
//! intercept and slope.
//!
//! # Bias-corrected calibration curve (`calibrate`)
//! On a grid of 50 equally spaced predictions from the 5th smallest to the 5th largest apparent
//! probability, the calibration error is ŝ(p) − p with ŝ the lowess (`iter = 0`) of y on the
//! predicted probabilities, interpolated with `approx(ties = first)`, undefined outside the
//! predictions' range. Its optimism (training − test, averaged per grid point over the resamples
//! where both are defined) is subtracted from the apparent curve. The mean and 0.9 quantile
//! (type 7) of |p̂ᵢ − ĉ(p̂ᵢ)| over the apparent predictions p̂ᵢ, ĉ the bias-corrected curve
//! interpolated linearly and extrapolated beyond the grid (`approxExtrap`), summarise it; rms's
//! `print.calibrate` labels its quantile "|error|" but takes it of the signed error — here it is
//! of the absolute error, as the label says. Unlike rms, which runs `validate` and `calibrate` on
//! separate resamples, one set of resamples serves both.
//!
//! # Randomness and parallelism
//! Resample r (0-based) draws its rows from `ChaCha8Rng::seed_from_u64(seed)` switched to stream
//! r, so each replicate is a pure function of (seed, r); replicates run in parallel with rayon
//! and are summed in replicate order, so results are identical at any thread count.

use std::sync::atomic::{AtomicUsize, Ordering};

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rayon::prelude::*;
use serde::Serialize;
use thiserror::Error;

use crate::CalibrationError;
use crate::concordance::{exact_c, gini_mean_difference};
use crate::lowess::{Interpolant, Ties, lowess};
use crate::quantile::quantile7_sorted;
use crate::recalibration::{deviance, fit_intercept_slope, null_deviance, plogis};

/// A fitted model: the linear predictor (log-odds) for a row of the procedure's data.
pub trait Predictor: Send + Sync {
    /// Linear predictor of data row `row` (0-based, as the procedure numbers its rows).
    fn linear_predictor(&self, row: usize) -> f64;
}

/// Why a modelling procedure could not be fitted on a set of rows.
#[derive(Debug, Clone, PartialEq, Error)]
#[error("{0}")]
pub struct RefitError(pub String);

/// A modelling procedure that can be refitted on any multiset of its data rows.
pub trait Refit: Sync {
    /// Fits the procedure on `rows` (0-based, repetitions allowed) and returns the model.
    fn fit(&self, rows: &[usize]) -> Result<Box<dyn Predictor + '_>, RefitError>;
}

/// Bootstrap settings.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BootstrapParams {
    /// Number of resamples B.
    pub resamples: usize,
    /// Seed of the per-replicate ChaCha8 streams.
    pub seed: u64,
}

impl Default for BootstrapParams {
    fn default() -> Self {
        BootstrapParams {
            resamples: 200,
            seed: 1,
        }
    }
}

/// One validated index (a row of `rms::validate`'s table).
#[derive(Debug, Clone, Serialize)]
pub struct ValidatedIndex {
    pub name: &'static str,
    /// Apparent value (rms `index.orig`).
    pub apparent: f64,
    /// Mean over resamples of the value on the resample.
    pub training: Option<f64>,
    /// Mean over resamples of the value on the original rows.
    pub test: Option<f64>,
    /// training − test.
    pub optimism: Option<f64>,
    /// apparent − optimism.
    pub corrected: Option<f64>,
    /// Resamples contributing.
    pub n: usize,
    /// Monte-Carlo standard error of the optimism: SD(trainingᵣ − testᵣ)/√n.
    pub optimism_se: Option<f64>,
}

/// The bias-corrected calibration curve (`rms::calibrate`).
#[derive(Debug, Clone, Serialize)]
pub struct BiasCorrectedCurve {
    /// Grid of predicted probabilities (rms `predy`).
    pub predicted: Vec<f64>,
    /// Apparent lowess calibration at the grid (rms `calibrated.orig`).
    pub apparent: Vec<f64>,
    /// Optimism of the calibration error at each grid point.
    pub optimism: Vec<Option<f64>>,
    /// apparent − optimism (rms `calibrated.corrected`).
    pub bias_corrected: Vec<Option<f64>>,
    /// Resamples contributing at each grid point.
    pub n: Vec<usize>,
    /// Mean |p̂ − bias-corrected calibration| over the apparent predictions.
    pub mean_absolute_error: Option<f64>,
    /// Type-7 0.9 quantile of |p̂ − bias-corrected calibration|.
    pub quantile90_absolute_error: Option<f64>,
}

/// Result of the bootstrap validation.
#[derive(Debug, Clone, Serialize)]
pub struct BootstrapValidation {
    pub resamples: usize,
    pub seed: u64,
    /// Resamples whose refit succeeded.
    pub successful: usize,
    pub indices: Vec<ValidatedIndex>,
    pub calibration: BiasCorrectedCurve,
}

const NAMES: [&str; 10] = [
    "Dxy",
    "R2",
    "Intercept",
    "Slope",
    "D",
    "U",
    "Q",
    "Brier",
    "g",
    "gp",
];
const N_GRID: usize = 50;

type Indices = [Option<f64>; 10];

/// Indices of a model evaluated on its own rows (intercept 0, slope 1): rms `evalfit = TRUE`.
fn own_indices(eta: &[f64], y: &[f64]) -> Indices {
    let n = eta.len() as f64;
    let d0 = null_deviance(y);
    let lr = d0 - deviance(eta.iter().copied(), y);
    let r2 = (1.0 - (-lr / n).exp()) / (1.0 - (-d0 / n).exp());
    let d = (lr - 1.0) / n;
    let u = -2.0 / n;
    let probs: Vec<f64> = eta.iter().map(|&e| plogis(e)).collect();
    [
        exact_c(eta, y).map(|c| 2.0 * c - 1.0),
        Some(r2).filter(|v| v.is_finite()),
        Some(0.0),
        Some(1.0),
        Some(d),
        Some(u),
        Some(d - u),
        Some(brier(&probs, y)),
        Some(gini_mean_difference(eta)),
        Some(gini_mean_difference(&probs)),
    ]
}

/// Indices of a model on new rows, after refitting y ~ a + b·η: rms `evalfit = FALSE`.
fn test_indices(eta: &[f64], y: &[f64]) -> Indices {
    let n = eta.len() as f64;
    let probs: Vec<f64> = eta.iter().map(|&e| plogis(e)).collect();
    let dxy = exact_c(eta, y).map(|c| 2.0 * c - 1.0);
    let b = Some(brier(&probs, y));
    let Ok(refit) = fit_intercept_slope(eta, y) else {
        return [dxy, None, None, None, None, None, None, b, None, None];
    };
    let d0 = null_deviance(y);
    let lr = d0 - refit.deviance;
    let r2 = (1.0 - (-lr / n).exp()) / (1.0 - (-d0 / n).exp());
    let d = (lr - 1.0) / n;
    let l01 = deviance(eta.iter().copied(), y);
    let u = (l01 - refit.deviance - 2.0) / n;
    let scaled: Vec<f64> = eta.iter().map(|&e| refit.slope * e).collect();
    let recal: Vec<f64> = eta
        .iter()
        .map(|&e| plogis(refit.intercept + refit.slope * e))
        .collect();
    [
        dxy,
        Some(r2),
        Some(refit.intercept),
        Some(refit.slope),
        Some(d),
        Some(u),
        Some(d - u),
        b,
        Some(gini_mean_difference(&scaled)),
        Some(gini_mean_difference(&recal)),
    ]
}

fn brier(probs: &[f64], y: &[f64]) -> f64 {
    probs
        .iter()
        .zip(y)
        .map(|(p, v)| (p - v) * (p - v))
        .sum::<f64>()
        / probs.len() as f64
}

/// Calibration error ŝ(t) − t of the lowess of y on `probs` at each grid point t.
fn calibration_error(probs: &[f64], y: &[f64], grid: &[f64]) -> Vec<Option<f64>> {
    let smooth = lowess(probs, y, 2.0 / 3.0);
    let curve = Interpolant::from_lowess(&smooth, Ties::First);
    grid.iter().map(|&t| curve.at(t).map(|c| c - t)).collect()
}

/// Emax of a logistic recalibration a + b·logit(p) over p = 0, 0.0005, …, 1.
fn emax_of(intercept: f64, slope: f64) -> f64 {
    (0..=2000)
        .map(|i| {
            let p = i as f64 * 0.0005;
            let cal = if p <= 0.0 || p >= 1.0 {
                if slope > 0.0 { p } else { plogis(intercept) }
            } else {
                plogis(intercept + slope * (p / (1.0 - p)).ln())
            };
            (p - cal).abs()
        })
        .fold(0.0, f64::max)
}

struct Replicate {
    train: Indices,
    test: Indices,
    cal_train: Vec<Option<f64>>,
    cal_test: Vec<Option<f64>>,
}

fn replicate(
    procedure: &dyn Refit,
    y: &[f64],
    grid: &[f64],
    seed: u64,
    r: usize,
) -> Option<Replicate> {
    let n = y.len();
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    rng.set_stream(r as u64);
    let rows: Vec<usize> = (0..n).map(|_| rng.random_range(0..n)).collect();
    let model = procedure.fit(&rows).ok()?;
    let eta_train: Vec<f64> = rows.iter().map(|&i| model.linear_predictor(i)).collect();
    let y_train: Vec<f64> = rows.iter().map(|&i| y[i]).collect();
    let eta_test: Vec<f64> = (0..n).map(|i| model.linear_predictor(i)).collect();
    if !eta_train.iter().chain(&eta_test).all(|e| e.is_finite()) {
        return None;
    }
    let p_train: Vec<f64> = eta_train.iter().map(|&e| plogis(e)).collect();
    let p_test: Vec<f64> = eta_test.iter().map(|&e| plogis(e)).collect();
    Some(Replicate {
        train: own_indices(&eta_train, &y_train),
        test: test_indices(&eta_test, y),
        cal_train: calibration_error(&p_train, &y_train, grid),
        cal_test: calibration_error(&p_test, y, grid),
    })
}

/// Running sums of training − test for one quantity.
#[derive(Clone, Copy, Default)]
struct Acc {
    n: usize,
    train: f64,
    test: f64,
    diff_sq: f64,
}

impl Acc {
    fn add(&mut self, train: Option<f64>, test: Option<f64>) {
        if let (Some(a), Some(b)) = (train, test)
            && a.is_finite()
            && b.is_finite()
        {
            self.n += 1;
            self.train += a;
            self.test += b;
            self.diff_sq += (a - b) * (a - b);
        }
    }

    fn mean_train(&self) -> Option<f64> {
        (self.n > 0).then(|| self.train / self.n as f64)
    }

    fn mean_test(&self) -> Option<f64> {
        (self.n > 0).then(|| self.test / self.n as f64)
    }

    fn optimism(&self) -> Option<f64> {
        (self.n > 0).then(|| (self.train - self.test) / self.n as f64)
    }

    fn se(&self) -> Option<f64> {
        if self.n < 2 {
            return None;
        }
        let k = self.n as f64;
        let mean = (self.train - self.test) / k;
        let var = ((self.diff_sq - k * mean * mean) / (k - 1.0)).max(0.0);
        Some((var / k).sqrt())
    }
}

/// Bootstrap validation of `procedure` for outcomes `y` (0/1, one per data row).
///
/// `progress`, when given, is called with the number of finished resamples after each one
/// (from worker threads, in no particular order).
pub fn bootstrap_validate(
    procedure: &dyn Refit,
    y: &[f64],
    params: &BootstrapParams,
    progress: Option<&(dyn Fn(usize) + Sync)>,
) -> Result<BootstrapValidation, CalibrationError> {
    crate::validate_outcomes(y)?;
    let n = y.len();
    if n < 11 {
        return Err(CalibrationError::TooFew {
            what: "bootstrap calibration curve",
            min: 11,
            n,
        });
    }
    if params.resamples == 0 {
        return Err(CalibrationError::Resamples(0));
    }
    let all: Vec<usize> = (0..n).collect();
    let model = procedure
        .fit(&all)
        .map_err(|e| CalibrationError::Refit(e.0))?;
    let eta: Vec<f64> = all.iter().map(|&i| model.linear_predictor(i)).collect();
    if let Some(bad) = eta.iter().find(|e| !e.is_finite()) {
        return Err(CalibrationError::Refit(format!(
            "non-finite linear predictor {bad}"
        )));
    }
    let probs: Vec<f64> = eta.iter().map(|&e| plogis(e)).collect();
    let apparent = own_indices(&eta, y);

    let mut sorted = probs.clone();
    sorted.sort_by(f64::total_cmp);
    let (lo, hi) = (sorted[4], sorted[n - 5]);
    let step = (hi - lo) / (N_GRID - 1) as f64;
    let grid: Vec<f64> = (0..N_GRID)
        .map(|i| {
            if i == N_GRID - 1 {
                hi
            } else {
                lo + i as f64 * step
            }
        })
        .collect();
    let smooth = lowess(&probs, y, 2.0 / 3.0);
    let orig_curve = Interpolant::from_lowess(&smooth, Ties::First);
    let apparent_cal: Vec<f64> = grid
        .iter()
        .map(|&t| orig_curve.at(t).unwrap_or(t))
        .collect();

    let done = AtomicUsize::new(0);
    let reps: Vec<Option<Replicate>> = (0..params.resamples)
        .into_par_iter()
        .map(|r| {
            let out = replicate(procedure, y, &grid, params.seed, r);
            let k = done.fetch_add(1, Ordering::Relaxed) + 1;
            if let Some(cb) = progress {
                cb(k);
            }
            out
        })
        .collect();

    let mut acc = [Acc::default(); 10];
    let mut cal_acc = vec![Acc::default(); N_GRID];
    let mut successful = 0;
    for rep in reps.iter().flatten() {
        successful += 1;
        for (k, a) in acc.iter_mut().enumerate() {
            a.add(rep.train[k], rep.test[k]);
        }
        for (j, a) in cal_acc.iter_mut().enumerate() {
            a.add(rep.cal_train[j], rep.cal_test[j]);
        }
    }

    let mut indices: Vec<ValidatedIndex> = NAMES
        .iter()
        .enumerate()
        .map(|(k, &name)| {
            let app = apparent[k].unwrap_or(f64::NAN);
            let opt = acc[k].optimism();
            ValidatedIndex {
                name,
                apparent: app,
                training: acc[k].mean_train(),
                test: acc[k].mean_test(),
                optimism: opt,
                corrected: opt.map(|o| app - o).filter(|v| v.is_finite()),
                n: acc[k].n,
                optimism_se: acc[k].se(),
            }
        })
        .collect();
    let emax = match (indices[2].corrected, indices[3].corrected) {
        (Some(a), Some(b)) => Some(emax_of(a, b)),
        _ => None,
    };
    indices.insert(
        4,
        ValidatedIndex {
            name: "Emax",
            apparent: 0.0,
            training: Some(0.0),
            test: emax,
            optimism: emax,
            corrected: emax,
            n: acc[0].n,
            optimism_se: None,
        },
    );

    let optimism: Vec<Option<f64>> = cal_acc.iter().map(Acc::optimism).collect();
    let bias_corrected: Vec<Option<f64>> = apparent_cal
        .iter()
        .zip(&optimism)
        .map(|(&a, o)| o.map(|o| a - o))
        .collect();
    let (gx, gy): (Vec<f64>, Vec<f64>) = grid
        .iter()
        .zip(&bias_corrected)
        .filter_map(|(&t, c)| c.map(|c| (t, c)))
        .unzip();
    let (mae, q90) = if gx.is_empty() {
        (None, None)
    } else {
        let corrected = Interpolant::new(&gx, &gy, Ties::Mean);
        let errors: Vec<f64> = probs
            .iter()
            .filter_map(|&p| corrected.at_extrapolated(p).map(|c| (p - c).abs()))
            .collect();
        let mut sorted_err = errors.clone();
        sorted_err.sort_by(f64::total_cmp);
        (
            Some(errors.iter().sum::<f64>() / errors.len() as f64),
            quantile7_sorted(&sorted_err, 0.9),
        )
    };
    Ok(BootstrapValidation {
        resamples: params.resamples,
        seed: params.seed,
        successful,
        indices,
        calibration: BiasCorrectedCurve {
            predicted: grid,
            apparent: apparent_cal,
            optimism,
            bias_corrected,
            n: cal_acc.iter().map(|a| a.n).collect(),
            mean_absolute_error: mae,
            quantile90_absolute_error: q90,
        },
    })
}
