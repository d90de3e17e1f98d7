//! Stratified bootstrap: CIs of the AUC and of coordinates, and the paired bootstrap test.
//!
//! Each replicate b = 0 … B − 1 draws m cases from the m cases and n controls from the n
//! controls with replacement (stratified, pROC's default `boot.stratified = TRUE`), recomputes
//! the statistic with the direction fixed on the full data (choosing it again per replicate —
//! pROC's `auto` — would bias the resampled AUCs upwards, as pROC's documentation warns), and
//! the replicates are summarised by percentiles (R's type-7 quantiles: pROC's `ci.auc(method =
//! "bootstrap")`, `ci.coords`). For two paired scores the same patients are drawn for both and
//! D = (θ̂_a − θ̂_b)/sd(θ̂*_a − θ̂*_b) is referred to the standard normal (pROC `roc.test(method =
//! "bootstrap")`; Hanley & McNeil 1983, Efron & Tibshirani 1993); the CI of the difference is the
//! percentile interval of θ̂*_a − θ̂*_b.
//!
//! Reproducibility: replicate b uses its own `ChaCha8Rng` seeded with `seed` on stream b, so its
//! draws depend only on (seed, b). Replicates run in parallel (rayon) and are collected in index
//! order, so results are identical at any number of threads.

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rayon::prelude::*;
use serde::Serialize;

use crate::alternative::Alternative;
use crate::comparison::Comparison;
use crate::coords::Table2x2;
use crate::delong::check_paired;
use crate::error::RocError;
use crate::roc::{Roc, mann_whitney_sorted};

/// Settings of a bootstrap.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct BootstrapParams {
    /// Number of replicates B (pROC default 2000).
    pub replicates: usize,
    /// Seed of the replicates' random streams.
    pub seed: u64,
    /// Confidence level of the percentile intervals.
    pub level: f64,
}

impl Default for BootstrapParams {
    fn default() -> Self {
        BootstrapParams {
            replicates: 2000,
            seed: 42,
            level: 0.95,
        }
    }
}

impl BootstrapParams {
    fn check(&self) -> Result<(), RocError> {
        if self.replicates < 2 {
            return Err(RocError::TooFewReplicates(self.replicates));
        }
        if !(self.level > 0.0 && self.level < 1.0) {
            return Err(RocError::InvalidLevel(self.level));
        }
        Ok(())
    }

    /// The random stream of replicate `b`.
    fn rng(&self, b: usize) -> ChaCha8Rng {
        let mut rng = ChaCha8Rng::seed_from_u64(self.seed);
        rng.set_stream(b as u64);
        rng
    }
}

/// A percentile bootstrap interval with the replicates' median.
#[derive(Debug, Clone, Serialize)]
pub struct BootstrapCi {
    /// Quantile α/2 of the replicates.
    pub lower: f64,
    /// Median of the replicates.
    pub median: f64,
    /// Quantile 1 − α/2.
    pub upper: f64,
    /// Replicates in which the statistic was defined.
    pub replicates: usize,
}

/// R's type-7 quantile of sorted values: x[⌊h⌋] + (h − ⌊h⌋)(x[⌊h⌋+1] − x[⌊h⌋]), h = (N − 1)p.
fn quantile_sorted(sorted: &[f64], p: f64) -> f64 {
    let h = (sorted.len() - 1) as f64 * p;
    let lo = h.floor() as usize;
    let hi = (lo + 1).min(sorted.len() - 1);
    sorted[lo] + (h - lo as f64) * (sorted[hi] - sorted[lo])
}

/// Percentile interval of the defined values; `None` when fewer than two are defined.
fn percentile_ci(values: impl Iterator<Item = Option<f64>>, level: f64) -> Option<BootstrapCi> {
    let mut v: Vec<f64> = values.flatten().collect();
    if v.len() < 2 {
        return None;
    }
    v.sort_by(f64::total_cmp);
    let a = (1.0 - level) / 2.0;
    Some(BootstrapCi {
        lower: quantile_sorted(&v, a),
        median: quantile_sorted(&v, 0.5),
        upper: quantile_sorted(&v, 1.0 - a),
        replicates: v.len(),
    })
}

/// Draws `k` indices in 0..k with replacement.
fn draw(rng: &mut ChaCha8Rng, k: usize) -> Vec<usize> {
    (0..k).map(|_| rng.random_range(0..k)).collect()
}

/// Sorted resample of `values` at `idx`.
fn sorted_at(values: &[f64], idx: &[usize]) -> Vec<f64> {
    let mut v: Vec<f64> = idx.iter().map(|&i| values[i]).collect();
    v.sort_unstable_by(f64::total_cmp);
    v
}

impl Roc {
    fn replicate_auc(&self, cases_idx: &[usize], controls_idx: &[usize]) -> f64 {
        mann_whitney_sorted(
            &sorted_at(&self.cases, cases_idx),
            &sorted_at(&self.controls, controls_idx),
        )
    }

    /// Stratified percentile bootstrap CI of the AUC (pROC `ci.auc(method = "bootstrap",
    /// boot.stratified = TRUE)`; Efron & Tibshirani 1993), direction fixed on the full data.
    pub fn bootstrap_auc_ci(&self, params: &BootstrapParams) -> Result<BootstrapCi, RocError> {
        params.check()?;
        let (m, n) = (self.n_cases(), self.n_controls());
        let aucs: Vec<f64> = (0..params.replicates)
            .into_par_iter()
            .map(|b| {
                let mut rng = params.rng(b);
                let ci = draw(&mut rng, m);
                let di = draw(&mut rng, n);
                self.replicate_auc(&ci, &di)
            })
            .collect();
        percentile_ci(aucs.into_iter().map(Some), params.level)
            .ok_or(RocError::TooFewReplicates(params.replicates))
    }

    /// Stratified bootstrap percentile CIs of sensitivity, specificity, PPV, NPV and accuracy
    /// at a fixed `threshold` (pROC `ci.coords(x = t, input = "threshold")`). Replicates in which
    /// PPV or NPV is undefined (no positives or negatives) are left out of that measure's
    /// interval, which is `None` if fewer than two replicates define it.
    pub fn bootstrap_coords_ci(
        &self,
        threshold: f64,
        params: &BootstrapParams,
    ) -> Result<CoordsCi, RocError> {
        params.check()?;
        if threshold.is_nan() {
            return Err(RocError::NanThreshold);
        }
        let t = self.direction.orient(threshold);
        let (m, n) = (self.n_cases(), self.n_controls());
        let tables: Vec<Table2x2> = (0..params.replicates)
            .into_par_iter()
            .map(|b| {
                let mut rng = params.rng(b);
                let ci = draw(&mut rng, m);
                let di = draw(&mut rng, n);
                let cases: Vec<f64> = ci.iter().map(|&i| self.cases[i]).collect();
                let controls: Vec<f64> = di.iter().map(|&i| self.controls[i]).collect();
                Table2x2::count(&cases, &controls, t)
            })
            .collect();
        let level = params.level;
        let ci = |f: fn(&Table2x2) -> Option<f64>| percentile_ci(tables.iter().map(f), level);
        Ok(CoordsCi {
            threshold,
            sensitivity: ci(Table2x2::sensitivity),
            specificity: ci(Table2x2::specificity),
            ppv: ci(Table2x2::ppv),
            npv: ci(Table2x2::npv),
            accuracy: ci(Table2x2::accuracy),
        })
    }
}

/// Bootstrap percentile CIs of the coordinates at one threshold.
#[derive(Debug, Clone, Serialize)]
pub struct CoordsCi {
    /// The threshold.
    pub threshold: f64,
    pub sensitivity: Option<BootstrapCi>,
    pub specificity: Option<BootstrapCi>,
    pub ppv: Option<BootstrapCi>,
    pub npv: Option<BootstrapCi>,
    pub accuracy: Option<BootstrapCi>,
}

/// Paired stratified bootstrap test of AUC_a = AUC_b on the same patients (pROC `roc.test(method
/// = "bootstrap", paired = TRUE)`): D = (θ̂_a − θ̂_b)/sd*(θ̂*_a − θ̂*_b) with the replicates' sample
/// SD, normal p for `alternative`; difference CI = percentile interval of the replicated
/// differences. Each curve keeps its own full-data direction.
pub fn bootstrap_paired(
    a: &Roc,
    b: &Roc,
    alternative: Alternative,
    params: &BootstrapParams,
) -> Result<Comparison, RocError> {
    params.check()?;
    check_paired(a, b)?;
    let (m, n) = (a.n_cases(), a.n_controls());
    let diffs: Vec<f64> = (0..params.replicates)
        .into_par_iter()
        .map(|r| {
            let mut rng = params.rng(r);
            let ci = draw(&mut rng, m);
            let di = draw(&mut rng, n);
            a.replicate_auc(&ci, &di) - b.replicate_auc(&ci, &di)
        })
        .collect();
    let k = diffs.len() as f64;
    let mean = diffs.iter().sum::<f64>() / k;
    let sd = (diffs.iter().map(|d| (d - mean).powi(2)).sum::<f64>() / (k - 1.0)).sqrt();
    let difference = a.auc() - b.auc();
    let statistic = (sd > 0.0).then(|| difference / sd);
    let ci = percentile_ci(diffs.into_iter().map(Some), params.level);
    Ok(Comparison {
        method: "bootstrap_paired",
        statistic,
        df: None,
        p: statistic.map(|z| alternative.normal_p(z)),
        difference,
        difference_ci_lower: ci.as_ref().map(|c| c.lower),
        difference_ci_upper: ci.as_ref().map(|c| c.upper),
    })
}
