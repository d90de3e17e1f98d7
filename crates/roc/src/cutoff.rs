//! Optimal cutoffs: Youden's index and the point closest to the top-left corner, with pROC's
//! `best.weights`.
//!
//! pROC weighs specificity against sensitivity by r = (1 − prevalence)/(cost · prevalence), where
//! `cost` is the cost of a false negative relative to a false positive and `prevalence` the
//! disease prevalence (`best.weights = c(cost, prevalence)`, default c(1, 0.5) so r = 1;
//! Perkins & Schisterman 2006). Over every threshold of the curve (±∞ included, as pROC) it
//! maximises
//!
//! - Youden (1950): J_r = Se + r·Sp (J = Se + Sp − 1 up to a constant when r = 1);
//! - closest top-left: −[(1 − Se)² + r(1 − Sp)²].
//!
//! Every threshold whose criterion equals the maximum by floating `==` is returned, in ascending
//! order of threshold (pROC's `coords(…, "best")` ties; the workflow uses the first).

use serde::Serialize;

use crate::coords::Coordinates;
use crate::error::RocError;
use crate::roc::Roc;

/// pROC's `best.method`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum BestMethod {
    /// Maximise Se + r·Sp (Youden 1950).
    #[default]
    Youden,
    /// Minimise (1 − Se)² + r(1 − Sp)².
    ClosestTopleft,
}

/// pROC's `best.weights`: relative cost of a false negative and the prevalence.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct BestWeights {
    /// Cost of a false negative relative to a false positive (> 0).
    pub cost: f64,
    /// Prevalence of the disease, in (0, 1).
    pub prevalence: f64,
}

impl Default for BestWeights {
    fn default() -> Self {
        BestWeights {
            cost: 1.0,
            prevalence: 0.5,
        }
    }
}

impl BestWeights {
    /// r = (1 − prevalence)/(cost · prevalence).
    pub fn ratio(&self) -> Result<f64, RocError> {
        if !(self.cost > 0.0
            && self.cost.is_finite()
            && self.prevalence > 0.0
            && self.prevalence < 1.0)
        {
            return Err(RocError::InvalidWeights {
                cost: self.cost,
                prevalence: self.prevalence,
            });
        }
        Ok((1.0 - self.prevalence) / (self.cost * self.prevalence))
    }
}

impl Roc {
    /// Every threshold that is best by `method` with `weights`, in ascending order, as
    /// coordinates with Clopper–Pearson CIs at `level` (pROC `coords(roc, "best", best.method,
    /// best.weights)`; ties by floating `==`).
    pub fn best_thresholds(
        &self,
        method: BestMethod,
        weights: BestWeights,
        level: f64,
    ) -> Result<Vec<Coordinates>, RocError> {
        let r = weights.ratio()?;
        let criterion = |se: f64, sp: f64| match method {
            BestMethod::Youden => se + r * sp,
            BestMethod::ClosestTopleft => -((1.0 - se).powi(2) + r * (1.0 - sp).powi(2)),
        };
        let values: Vec<f64> = self
            .curve
            .iter()
            .map(|p| criterion(p.sensitivity, p.specificity))
            .collect();
        let best = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        let mut thresholds: Vec<f64> = self
            .curve
            .iter()
            .zip(&values)
            .filter(|(_, v)| **v == best)
            .map(|(p, _)| p.threshold)
            .collect();
        thresholds.sort_by(f64::total_cmp);
        thresholds
            .into_iter()
            .map(|t| self.coords(t, level))
            .collect()
    }

    /// The Youden-optimal thresholds with pROC's default weights (r = 1), ascending.
    pub fn youden(&self, level: f64) -> Result<Vec<Coordinates>, RocError> {
        self.best_thresholds(BestMethod::Youden, BestWeights::default(), level)
    }
}
