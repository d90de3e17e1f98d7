//! Stratified bootstrap confidence intervals for net benefit and for the difference in net
//! benefit between two models (beyond dcurves; its issue #18).
//!
//! Each resample draws, with replacement, as many events from the events and as many non-events
//! from the non-events as the data hold (stratified on the outcome, so the prevalence — and
//! hence treat-all — is fixed, as in a case–control resampling; Efron & Tibshirani 1993, §8).
//! Net benefit of every model at every threshold is recomputed on the resample, with the same
//! harm; the percentile interval is the type-7 (α/2, 1 − α/2) quantiles of the B values. For
//! every pair of models (i < j), the difference NBᵢ − NBⱼ is taken within each resample, so its
//! interval accounts for the pairing of the predictions.
//!
//! Resample r uses `ChaCha8Rng::seed_from_u64(seed)` on stream r; resamples run in parallel and
//! are collected in order, so the intervals are identical at any thread count.

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rayon::prelude::*;
use serde::Serialize;

use crate::DcaError;
use crate::grid::check_thresholds;
use crate::net_benefit::{ModelInput, check_model, check_outcomes, odds, rates};

/// Bootstrap settings.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct NbBootstrapParams {
    /// Number of resamples B.
    pub resamples: usize,
    /// Seed of the per-resample ChaCha8 streams.
    pub seed: u64,
    /// Confidence level, e.g. 0.95.
    pub level: f64,
}

impl Default for NbBootstrapParams {
    fn default() -> Self {
        NbBootstrapParams {
            resamples: 1000,
            seed: 1,
            level: 0.95,
        }
    }
}

/// Percentile interval of one model's net benefit at each threshold.
#[derive(Debug, Clone, Serialize)]
pub struct NbInterval {
    pub name: String,
    pub net_benefit: Vec<f64>,
    pub lower: Vec<f64>,
    pub upper: Vec<f64>,
}

/// Percentile interval of NB(first) − NB(second) at each threshold.
#[derive(Debug, Clone, Serialize)]
pub struct NbDifference {
    pub first: String,
    pub second: String,
    pub difference: Vec<f64>,
    pub lower: Vec<f64>,
    pub upper: Vec<f64>,
}

/// Bootstrap intervals of the decision curves.
#[derive(Debug, Clone, Serialize)]
pub struct NbIntervals {
    pub resamples: usize,
    pub seed: u64,
    pub level: f64,
    pub thresholds: Vec<f64>,
    pub models: Vec<NbInterval>,
    pub differences: Vec<NbDifference>,
}

fn quantile7(sorted: &[f64], prob: f64) -> f64 {
    let n = sorted.len();
    let h = (n - 1) as f64 * prob;
    let lo = h.floor() as usize;
    let hi = (lo + 1).min(n - 1);
    let w = h - lo as f64;
    if w > 0.0 && sorted[hi] != sorted[lo] {
        (1.0 - w) * sorted[lo] + w * sorted[hi]
    } else {
        sorted[lo]
    }
}

/// Percentile bounds over replicates of a per-threshold quantity.
fn bounds(values: impl Fn(usize) -> Vec<f64>, n_thr: usize, level: f64) -> (Vec<f64>, Vec<f64>) {
    let alpha = (1.0 - level) / 2.0;
    (0..n_thr)
        .map(|k| {
            let mut v = values(k);
            v.sort_by(f64::total_cmp);
            (quantile7(&v, alpha), quantile7(&v, 1.0 - alpha))
        })
        .unzip()
}

/// Net benefit of each model on `rows` (harm subtracted).
fn net_benefits(
    y: &[f64],
    models: &[ModelInput<'_>],
    rows: &[usize],
    thresholds: &[f64],
) -> Vec<Vec<f64>> {
    models
        .iter()
        .map(|m| {
            rates(m.probs, y, rows, thresholds)
                .iter()
                .zip(thresholds)
                .map(|(&(tp, fp), &t)| tp - fp * odds(t) - m.harm)
                .collect()
        })
        .collect()
}

/// Stratified bootstrap percentile intervals for each model's net benefit and each pairwise
/// difference.
pub fn net_benefit_intervals(
    y: &[f64],
    models: &[ModelInput<'_>],
    thresholds: &[f64],
    params: &NbBootstrapParams,
) -> Result<NbIntervals, DcaError> {
    check_outcomes(y)?;
    check_thresholds(thresholds)?;
    if models.is_empty() {
        return Err(DcaError::Empty("no model"));
    }
    for m in models {
        check_model(m, y.len())?;
    }
    if params.resamples == 0 {
        return Err(DcaError::Bootstrap {
            what: "resamples",
            value: 0.0,
        });
    }
    if !(params.level > 0.0 && params.level < 1.0) {
        return Err(DcaError::Bootstrap {
            what: "level",
            value: params.level,
        });
    }
    let events: Vec<usize> = (0..y.len()).filter(|&i| y[i] == 1.0).collect();
    let non_events: Vec<usize> = (0..y.len()).filter(|&i| y[i] == 0.0).collect();
    if events.is_empty() || non_events.is_empty() {
        return Err(DcaError::OneClass {
            events: events.len(),
            n: y.len(),
        });
    }
    let all: Vec<usize> = (0..y.len()).collect();
    let point = net_benefits(y, models, &all, thresholds);
    let reps: Vec<Vec<Vec<f64>>> = (0..params.resamples)
        .into_par_iter()
        .map(|r| {
            let mut rng = ChaCha8Rng::seed_from_u64(params.seed);
            rng.set_stream(r as u64);
            let mut rows = Vec::with_capacity(y.len());
            for stratum in [&events, &non_events] {
                for _ in 0..stratum.len() {
                    rows.push(stratum[rng.random_range(0..stratum.len())]);
                }
            }
            net_benefits(y, models, &rows, thresholds)
        })
        .collect();
    let n_thr = thresholds.len();
    let model_intervals = models
        .iter()
        .enumerate()
        .map(|(m, input)| {
            let (lower, upper) = bounds(
                |k| reps.iter().map(|rep| rep[m][k]).collect(),
                n_thr,
                params.level,
            );
            NbInterval {
                name: input.name.to_string(),
                net_benefit: point[m].clone(),
                lower,
                upper,
            }
        })
        .collect();
    let mut differences = Vec::new();
    for i in 0..models.len() {
        for j in (i + 1)..models.len() {
            let (lower, upper) = bounds(
                |k| reps.iter().map(|rep| rep[i][k] - rep[j][k]).collect(),
                n_thr,
                params.level,
            );
            differences.push(NbDifference {
                first: models[i].name.to_string(),
                second: models[j].name.to_string(),
                difference: point[i].iter().zip(&point[j]).map(|(a, b)| a - b).collect(),
                lower,
                upper,
            });
        }
    }
    Ok(NbIntervals {
        resamples: params.resamples,
        seed: params.seed,
        level: params.level,
        thresholds: thresholds.to_vec(),
        models: model_intervals,
        differences,
    })
}
