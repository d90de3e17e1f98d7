//! The one-curve summary a report prints: AUC, DeLong CI and variance, direction, class sizes
//! and the Youden cutoffs (the `curves[]` entries of `nomo roc --json`).

use serde::Serialize;

use crate::direction::Direction;
use crate::error::RocError;
use crate::roc::{Roc, finite_or_null};

/// One Youden-optimal threshold with its classification measures.
#[derive(Debug, Clone, Serialize)]
pub struct CutoffSummary {
    /// The threshold (±∞ as `null`).
    #[serde(serialize_with = "finite_or_null")]
    pub threshold: f64,
    pub sensitivity: f64,
    pub specificity: f64,
    pub ppv: Option<f64>,
    pub npv: Option<f64>,
    pub accuracy: f64,
}

/// AUC with its DeLong CI and variance, and every Youden-optimal threshold (ascending).
#[derive(Debug, Clone, Serialize)]
pub struct RocSummary {
    /// Mann–Whitney AUC.
    pub auc: f64,
    /// DeLong CI (pROC `ci.auc(method = "delong")`), `None` with fewer than 2 cases or controls.
    pub ci_lower: Option<f64>,
    pub ci_upper: Option<f64>,
    /// DeLong variance, `None` with fewer than 2 cases or controls.
    pub variance: Option<f64>,
    pub direction: Direction,
    pub n_cases: usize,
    pub n_controls: usize,
    /// Youden-optimal thresholds, ascending (pROC `coords(…, "best")`).
    pub youden: Vec<CutoffSummary>,
}

impl Roc {
    /// The summary at confidence `level`.
    pub fn summary(&self, level: f64) -> Result<RocSummary, RocError> {
        let delong = match self.delong(level) {
            Ok(d) => Some(d),
            Err(RocError::VarianceUndefined { .. }) => None,
            Err(e) => return Err(e),
        };
        let youden = self
            .youden(level)?
            .into_iter()
            .map(|c| CutoffSummary {
                threshold: c.threshold,
                sensitivity: c.sensitivity,
                specificity: c.specificity,
                ppv: c.ppv,
                npv: c.npv,
                accuracy: c.accuracy,
            })
            .collect();
        Ok(RocSummary {
            auc: self.auc(),
            ci_lower: delong.as_ref().map(|d| d.ci_lower),
            ci_upper: delong.as_ref().map(|d| d.ci_upper),
            variance: delong.as_ref().map(|d| d.variance),
            direction: self.direction(),
            n_cases: self.n_cases(),
            n_controls: self.n_controls(),
            youden,
        })
    }
}
